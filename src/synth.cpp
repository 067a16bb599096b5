#include "cfngen/synth.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"
#include "cfngen/validate.hpp"

#include <fmt/format.h>

namespace cfngen {

namespace {

// The stack built, serialised once; `json` is kept so validation does not
// parse the text it came from.
struct Synthesized {
    Value json;
    SynthOutput output;
};

Synthesized build(const Stack& stack, AssetMode mode) {
    Synthesized result{stack.synth(), {}};
    auto& output = result.output;
    output.file_name = stack.template_file_name();
    output.template_text = to_template_text(result.json);
    output.resource_count = stack.resources().size();
    output.assets = stack.assets();
    if (mode == AssetMode::Inline &&
        output.template_text.size() > limits::max_body_bytes_direct)
        throw Error(fmt::format("template body is {} bytes; `aws cloudformation deploy` without --s3-bucket "
                                "accepts {}: use --asset-mode directory and `aws cloudformation package`",
                                output.template_text.size(), limits::max_body_bytes_direct));
    return result;
}

}  // namespace

SynthOutput synthesize(const Stack& stack, AssetMode mode) {
    // In directory mode Code is a local path, which validate accepts where
    // `aws cloudformation package` uploads it.
    auto [json, output] = build(stack, mode);
    const auto report = validate::check_template(json, output.template_text.size());
    for (const auto& finding : report.findings)
        if (finding.severity == validate::Severity::Error)
            throw Error(fmt::format("refusing to write an invalid template: {} {}: {} ({} errors; run cfngen validate)",
                                    finding.logical_id, finding.path, finding.message, report.errors()));
    return std::move(output);
}

SynthOutput synthesize_unchecked(const Stack& stack, AssetMode mode) { return build(stack, mode).output; }

std::filesystem::path write_synth_output(const SynthOutput& output, const std::filesystem::path& directory) {
    for (const auto& asset : output.assets)
        write_file_atomically(directory / "assets" / asset.directory_name() / "index.js", asset.source);
    const auto path = directory / output.file_name;
    write_file_atomically(path, output.template_text);
    return path;
}

}  // namespace cfngen
