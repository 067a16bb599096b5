#pragma once
// Whole-process cost of a command: wall time from fork to reaped exit, and
// peak resident set size as the kernel reports it for the reaped child
// (ru_maxrss of wait4: the largest process of the tree it waited for, the
// figure GNU time prints as %M).

#include <string>
#include <vector>

namespace cfngen::bench {

struct ProcessStats {
    double wall_ms = 0;
    long peak_rss_kib = 0;
    int exit_code = 0;  // 128 + signal when killed by a signal
};

// Runs argv[0] (looked up in PATH) with stdout and stderr sent to /dev/null
// unless `keep_output`. Throws std::runtime_error when it cannot start.
ProcessStats run_measured(const std::vector<std::string>& argv, bool keep_output = false);

}  // namespace cfngen::bench
