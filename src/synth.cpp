#include "cfngen/synth.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"

#include <fmt/format.h>

namespace cfngen {

SynthOutput synthesize(const stacks::CryptoAlertsOptions& options) {
    auto built = stacks::crypto_alerts(options);
    SynthOutput output;
    output.file_name = stacks::template_file_name(options.stage);
    output.template_text = built.stack.synth_text();
    output.resource_count = built.stack.resources().size();
    output.assets = std::move(built.assets);
    if (options.asset_mode == stacks::AssetMode::Inline &&
        output.template_text.size() > limits::max_body_bytes_direct)
        throw Error(fmt::format("template body is {} bytes; `aws cloudformation deploy` without --s3-bucket "
                                "accepts {}: use --asset-mode directory and `aws cloudformation package`",
                                output.template_text.size(), limits::max_body_bytes_direct));
    return output;
}

std::filesystem::path write_synth_output(const SynthOutput& output, const std::filesystem::path& directory) {
    for (const auto& asset : output.assets)
        write_file_atomically(directory / "assets" / asset.directory_name() / "index.js", asset.source);
    const auto path = directory / output.file_name;
    write_file_atomically(path, output.template_text);
    return path;
}

}  // namespace cfngen
