# `cpack -G DEB` (run in the build directory): one Debian package, cfngen,
# with what `cmake --install` installs: the cfngen command line (validate,
# diff and synth for CI machines that only check templates), the library,
# its headers with the generated bindings, and its CMake package.
set(CPACK_PACKAGE_NAME cfngen)
set(CPACK_PACKAGE_VENDOR "cfngen")
set(CPACK_PACKAGE_CONTACT "cfngen maintainers <cfngen@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "CloudFormation as C++: typed bindings, synth, diff and validate")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The command line is linked statically (CFNGEN_STATIC): it needs nothing at
# run time. The library is static too, so an app linking it needs what it is
# built on, as the package configuration's find_dependency calls say.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "nlohmann-json3-dev (>= 3.10), libfmt-dev, libcli11-dev, libssl-dev, zlib1g-dev, libyaml-dev")
if(NOT CFNGEN_STATIC)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "${CPACK_DEBIAN_PACKAGE_DEPENDS}, libstdc++6, libssl3, libyaml-0-2")
endif()
include(CPack)
