#!/usr/bin/env bash
# `cpack -G DEB` makes a Debian package holding the cfngen command line, the
# library, its headers (the generated bindings too) and its CMake package;
# the command line, unpacked, validates a template on its own.
#   tests/install/check-debian-package.sh BUILD_DIR
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$(cd "$1" && pwd)
work=$build_dir/package-check
rm -rf "$work"
mkdir -p "$work"
(cd "$build_dir" && cpack -G DEB -B "$work" >/dev/null)
package=$(ls "$work"/cfngen_*.deb)
contents=$(dpkg-deb -c "$package")
for path in ./usr/bin/cfngen ./usr/include/cfngen/template.hpp ./usr/include/cfngen/resources/ec2.hpp \
            ./usr/include/cfngen/resources/ec2/VPC.hpp ./usr/lib/cmake/cfngen/cfngenConfig.cmake \
            ./usr/lib/cmake/cfngen/cfngenApp.cmake ./usr/lib/libcfngen.a; do
  grep -q " ${path}\$" <<< "$contents" || { echo "check-debian-package: $package has no $path" >&2; exit 1; }
done
for field in Package Version Architecture Depends; do
  test -n "$(dpkg-deb -f "$package" "$field")" || { echo "check-debian-package: no $field field" >&2; exit 1; }
done
dpkg-deb -x "$package" "$work/root"
"$work/root/usr/bin/cfngen" validate "$source_dir/apps/crypto-alerts/templates/crypto-alerts-dev.template.json" >/dev/null
echo "debian package: $(basename "$package") holds cfngen, the library, its headers and CMake package"
