#include "process_stats.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cfngen::bench {

ProcessStats run_measured(const std::vector<std::string>& argv, bool keep_output) {
    if (argv.empty()) throw std::runtime_error("no command to run");
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    // A pipe closed on exec tells the parent whether exec failed, and why.
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) throw std::runtime_error(std::strerror(errno));
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        close(status_pipe[0]);
        if (!keep_output) {
            const int null_fd = open("/dev/null", O_WRONLY);
            dup2(null_fd, STDOUT_FILENO);
            dup2(null_fd, STDERR_FILENO);
        }
        execvp(args[0], args.data());
        const int error = errno;
        (void)!write(status_pipe[1], &error, sizeof error);
        _exit(127);
    }
    close(status_pipe[1]);
    int exec_error = 0;
    const bool exec_failed = read(status_pipe[0], &exec_error, sizeof exec_error) == sizeof exec_error;
    close(status_pipe[0]);

    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0)
        if (errno != EINTR) throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
    const auto end = std::chrono::steady_clock::now();
    if (exec_failed) throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(exec_error));

    ProcessStats stats;
    stats.wall_ms = std::chrono::duration<double, std::milli>(end - start).count();
    stats.peak_rss_kib = usage.ru_maxrss;
    stats.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return stats;
}

}  // namespace cfngen::bench
