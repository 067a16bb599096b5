#pragma once
// `cfngen synth` as a library call: check a stack, serialise it, and write
// the template (and its assets) to a directory.

#include "cfngen/app.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace cfngen {

struct SynthOutput {
    std::string stack_name;
    std::string file_name;      // <stack name>.template.json
    std::string template_text;  // deterministic: same input, same bytes
    std::size_t resource_count = 0;
    std::vector<Asset> assets;  // to write beside the template
    std::vector<std::string> depends_on;  // stacks to deploy first (it imports their exports)
    // What `cfngen validate` warns of (a deprecated runtime, ...), one line
    // each as validate prints it; errors refuse the synth instead.
    std::vector<std::string> warnings;
};

// Throws Error when the stack is invalid: the model's own checks, then every
// error `cfngen validate` finds (specification, references, quotas), and, in
// Inline mode, a body too large for `aws cloudformation deploy` without S3
// (unless the stack has assets to upload: it needs a bucket anyway).
SynthOutput synthesize(const Stack& stack, AssetMode mode);
// The same without the `validate` checks, for `cfngen validate` itself.
SynthOutput synthesize_unchecked(const Stack& stack, AssetMode mode);

// Every stack of an app, in deployment order: each stack's references to
// another's resources become an export there and Fn::ImportValue here (as
// AWS CDK does); a cycle between stacks is an error.
std::vector<SynthOutput> synthesize(const App& app, AssetMode mode);
std::vector<SynthOutput> synthesize_unchecked(const App& app, AssetMode mode);

// Writes assets first and the template last, each atomically, so a template
// never points at an asset directory that is not there. Returns the path of
// the template.
std::filesystem::path write_synth_output(const SynthOutput& output, const std::filesystem::path& directory);

}  // namespace cfngen
