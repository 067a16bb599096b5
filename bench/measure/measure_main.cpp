// cfngen-measure [--keep-output] -- COMMAND [ARGS...]
// Runs COMMAND once and prints one JSON line:
//   {"wall_ms":12.3,"peak_rss_kib":9876,"exit_code":0}
// for bench/synth-vs-cdk.js, which alternates the tools and takes medians.

#include "process_stats.hpp"

#include <cstdio>
#include <cstring>
#include <exception>

int main(int argc, char** argv) {
    bool keep_output = false;
    int first = 1;
    for (; first < argc; ++first) {
        if (std::strcmp(argv[first], "--keep-output") == 0) keep_output = true;
        else if (std::strcmp(argv[first], "--") == 0) { ++first; break; }
        else break;
    }
    if (first >= argc) {
        std::fprintf(stderr, "usage: cfngen-measure [--keep-output] -- COMMAND [ARGS...]\n");
        return 2;
    }
    try {
        const auto stats = cfngen::bench::run_measured({argv + first, argv + argc}, keep_output);
        std::printf("{\"wall_ms\":%.3f,\"peak_rss_kib\":%ld,\"exit_code\":%d}\n", stats.wall_ms, stats.peak_rss_kib,
                    stats.exit_code);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cfngen-measure: %s\n", e.what());
        return 2;
    }
}
