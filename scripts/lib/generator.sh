# Sourced by the build scripts: Ninja when it is installed. Its no-op build
# takes a tenth of Make's, which counts in the edit loop (bench/RESULTS.md,
# section 7). CMake uses CMAKE_GENERATOR only for a new build directory, so
# one configured with Make before keeps Make; a user's own choice wins.
if [ -z "${CMAKE_GENERATOR:-}" ] && command -v ninja >/dev/null 2>&1; then
  export CMAKE_GENERATOR=Ninja
fi
