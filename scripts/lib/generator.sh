# Sourced by the build scripts: Ninja when it is installed, and clang++
# (below). Ninja's no-op build takes a tenth of Make's, which counts in the edit loop (bench/RESULTS.md,
# section 7). CMake uses CMAKE_GENERATOR only for a new build directory, so
# one configured with Make before keeps Make; a user's own choice wins.
if [ -z "${CMAKE_GENERATOR:-}" ] && command -v ninja >/dev/null 2>&1; then
  export CMAKE_GENERATOR=Ninja
fi

# clang++ when it is installed (setup.sh installs it for the sanitizer
# build) and no compiler was chosen: a stack file compiles against its
# precompiled header in a third of GCC 12's time, most of the edit loop
# (bench/RESULTS.md, section 14: AWS's examples ported, 0.7 s against
# 1.1 s a change), and the whole tree builds in less. CMake uses CXX only
# for a new build directory, so one configured with g++ keeps it.
if [ -z "${CXX:-}" ] && command -v clang++ >/dev/null 2>&1; then
  export CXX=clang++ CC=clang
fi
