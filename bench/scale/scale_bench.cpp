// cfngen-scale-bench: how synth and diff cost grows with stack size.
//
//   cfngen-scale-bench [--sizes 50,500,5000] [--diff-size 500] [--min-seconds 1]
//                      [--json FILE] [--cfngen BINARY] --diff-pair-dir DIR
//
// For each size, the steps of `cfngen synth` run in-process (build the
// model, check it and make JSON, validate against the specification,
// serialise), repeated for at least --min-seconds after a warm-up; medians
// are reported. Peak memory is measured per size in a fresh child process
// (this program with --once) so that one size's heap does not colour the
// next. The diff case parses, compares and renders two templates of
// --diff-size resources that differ in 10% of them.

#include "model/json.hpp"
#include "model/template_writer.hpp"
#include "generated_stack.hpp"
#include "../measure/process_stats.hpp"

#include "cfngen/atomic_file.hpp"
#include "diff/diff.hpp"
#include "cfngen/error.hpp"
#include "read/template_file.hpp"
#include "check/validate.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>

namespace {

using namespace cfngen;
using Clock = std::chrono::steady_clock;
using Phases = std::map<std::string, double>;  // phase -> milliseconds

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const auto n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Runs `once` (which fills the phase times of one iteration) after a
// warm-up until `min_seconds` have passed and at least 5 iterations ran;
// returns the median of each phase and the iteration count.
std::pair<Phases, std::size_t> repeat(double min_seconds, const std::function<void(Phases&)>& once) {
    Phases warm_up;
    once(warm_up);
    std::map<std::string, std::vector<double>> samples;
    const auto start = Clock::now();
    std::size_t iterations = 0;
    while (iterations < 5 || (ms_since(start) < min_seconds * 1000 && iterations < 10'000)) {
        Phases phases;
        once(phases);
        double total = 0;
        for (const auto& [phase, ms] : phases) {
            samples[phase].push_back(ms);
            total += ms;
        }
        samples["total"].push_back(total);
        ++iterations;
    }
    Phases medians;
    for (const auto& [phase, values] : samples) medians[phase] = median(values);
    return {medians, iterations};
}

struct SynthRun {
    std::size_t bytes = 0;
    std::size_t validation_errors = 0;
};

// The steps of `cfngen synth`, each timed.
SynthRun synth_once(std::size_t resources, Phases& phases) {
    auto start = Clock::now();
    const Template stack = bench::generated_stack(resources);
    phases["build"] = ms_since(start);
    start = Clock::now();
    const Json json = detail::TemplateWriter::synth(stack, nullptr);
    phases["model_check"] = ms_since(start);
    start = Clock::now();
    const auto report = validate::check_template(json, 0);
    phases["validate"] = ms_since(start);
    start = Clock::now();
    const std::string text = detail::template_text(json, 0);
    phases["serialize"] = ms_since(start);
    return {text.size(), report.errors()};
}

struct DiffPair {
    std::string old_text, new_text;
};

DiffPair diff_pair(std::size_t resources) {
    return {to_template_text(bench::generated_stack(resources).synth(), 0),
            to_template_text(bench::generated_stack(resources, true).synth(), 0)};
}

struct DiffRun {
    std::size_t resources_changed = 0;
    std::size_t text_bytes = 0;
};

// The steps of `cfngen diff OLD NEW`, each timed.
DiffRun diff_once(const DiffPair& pair, Phases& phases) {
    auto start = Clock::now();
    const Json old_json = parse_template(pair.old_text, "old");
    const Json new_json = parse_template(pair.new_text, "new");
    phases["parse"] = ms_since(start);
    start = Clock::now();
    const auto changes = diff::compare(old_json, new_json);
    phases["compare"] = ms_since(start);
    start = Clock::now();
    const std::string text = diff::render_text(changes, false);
    phases["render"] = ms_since(start);
    return {changes.resources.size(), text.size()};
}

DiffPair read_diff_pair(const std::filesystem::path& dir) {
    return {read_file((dir / "old.json").string()), read_file((dir / "new.json").string())};
}

long child_peak_rss_kib(const std::string& self, const std::vector<std::string>& args) {
    std::vector<std::string> argv{self};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto stats = bench::run_measured(argv);
    if (stats.exit_code != 0) throw Error(fmt::format("{} {} exited with {}", self, args.front(), stats.exit_code));
    return stats.peak_rss_kib;
}

nlohmann::json phases_json(const Phases& phases) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [phase, ms] : phases) out[phase + "_ms"] = ms;
    return out;
}

// One iteration in a fresh process, for its peak RSS. The diff case reads
// its two templates from files, as `cfngen diff OLD NEW` does.
int run_once(const std::string& what, std::size_t resources, const std::string& pair_dir) {
    Phases ignored;
    if (what == "synth") synth_once(resources, ignored);
    else if (what == "diff" && !pair_dir.empty()) diff_once(read_diff_pair(pair_dir), ignored);
    else if (what != "idle") throw Error("--once takes synth, idle, or diff with --diff-pair-dir");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"cfngen scale benchmark: synth and diff time and peak memory against stack size"};
    std::vector<std::size_t> sizes{50, 500, 5000};
    std::size_t diff_size = 500;
    double min_seconds = 1.0;
    std::string json_path, pair_dir, once, cfngen_binary;
    std::size_t process_runs = 11;
    std::size_t once_size = 0;
    app.add_option("--sizes", sizes, "Stack sizes in resources (multiples of 10)")->delimiter(',');
    app.add_option("--diff-size", diff_size, "Resources in each template of the diff case");
    app.add_option("--min-seconds", min_seconds, "Minimum measuring time per case");
    app.add_option("--json", json_path, "Write the results as JSON to FILE");
    app.add_option("--diff-pair-dir", pair_dir,
                   "Where the diff case's two templates are written (old.json, new.json); required but for --once");
    app.add_option("--cfngen", cfngen_binary, "Also time the whole `cfngen diff OLD NEW` process of this binary");
    app.add_option("--process-runs", process_runs, "Runs of the whole cfngen diff process (median reported)");
    app.add_option("--once", once, "Internal: one iteration of synth|diff|idle, for peak RSS");
    app.add_option("--once-size", once_size, "Internal: size for --once");
    CLI11_PARSE(app, argc, argv);

    try {
        if (!once.empty()) return run_once(once, once_size, pair_dir);
        if (pair_dir.empty()) throw Error("--diff-pair-dir is required");
        const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
        nlohmann::json results = {
            {"idle_peak_rss_kib", child_peak_rss_kib(self, {"--once", "idle"})}};

        std::cout << fmt::format("{:>9} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>12} {:>10}\n", "resources",
                                 "bytes", "build ms", "check ms", "valid. ms", "serial. ms", "total ms", "us/resource",
                                 "peak MiB");
        for (const auto size : sizes) {
            SynthRun last;
            const auto [medians, iterations] = repeat(min_seconds, [&](Phases& p) { last = synth_once(size, p); });
            const long rss = child_peak_rss_kib(self, {"--once", "synth", "--once-size", std::to_string(size)});
            auto row = phases_json(medians);
            row.update({{"resources", size}, {"bytes", last.bytes}, {"iterations", iterations},
                        {"validation_errors", last.validation_errors}, {"peak_rss_kib", rss},
                        {"us_per_resource", medians.at("total") * 1000 / static_cast<double>(size)}});
            results["synth"].push_back(row);
            std::cout << fmt::format("{:>9} {:>10} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>12.2f} {:>10.1f}\n",
                                     size, last.bytes, medians.at("build"), medians.at("model_check"),
                                     medians.at("validate"), medians.at("serialize"), medians.at("total"),
                                     medians.at("total") * 1000 / static_cast<double>(size), rss / 1024.0);
        }

        const auto pair = diff_pair(diff_size);
        std::filesystem::create_directories(pair_dir);
        write_file_atomically(std::filesystem::path(pair_dir) / "old.json", pair.old_text);
        write_file_atomically(std::filesystem::path(pair_dir) / "new.json", pair.new_text);
        DiffRun last;
        const auto [medians, iterations] = repeat(min_seconds, [&](Phases& p) { last = diff_once(pair, p); });
        const long rss = child_peak_rss_kib(self, {"--once", "diff", "--diff-pair-dir", pair_dir});
        auto row = phases_json(medians);
        row.update({{"resources", diff_size}, {"resources_changed", last.resources_changed},
                    {"old_bytes", pair.old_text.size()}, {"new_bytes", pair.new_text.size()},
                    {"report_bytes", last.text_bytes}, {"iterations", iterations}, {"peak_rss_kib", rss}});
        if (!cfngen_binary.empty()) {
            std::vector<double> wall;
            std::vector<double> rss;
            const auto dir = std::filesystem::path(pair_dir);
            for (std::size_t run = 0; run <= process_runs; ++run) {  // run 0 warms the page cache
                const auto stats = bench::run_measured(
                    {cfngen_binary, "diff", (dir / "old.json").string(), (dir / "new.json").string()});
                if (stats.exit_code != 0) throw Error(fmt::format("cfngen diff exited with {}", stats.exit_code));
                if (run == 0) continue;
                wall.push_back(stats.wall_ms);
                rss.push_back(static_cast<double>(stats.peak_rss_kib));
            }
            row["whole_process"] = {{"command", "cfngen diff old.json new.json"}, {"runs", process_runs},
                                    {"wall_ms", median(wall)}, {"peak_rss_kib", median(rss)}};
            std::cout << fmt::format("whole `cfngen diff` process: median {:.2f} ms, peak {:.1f} MiB ({} runs)\n",
                                     median(wall), median(rss) / 1024.0, process_runs);
        }
        results["diff"] = row;
        std::cout << fmt::format("diff of two {}-resource templates, {} resources changed: parse {:.3f} ms, compare "
                                 "{:.3f} ms, render {:.3f} ms, total {:.3f} ms, peak {:.1f} MiB\n",
                                 diff_size, last.resources_changed, medians.at("parse"), medians.at("compare"),
                                 medians.at("render"), medians.at("total"), rss / 1024.0);

        if (!json_path.empty()) write_file_atomically(json_path, results.dump(2) + "\n");
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "cfngen-scale-bench: " << e.what() << "\n";
        return 1;
    }
}
