#include "cfngen/synth.hpp"

#include "cfngen/atomic_file.hpp"
#include "cfngen/error.hpp"
#include "check/validate.hpp"
#include "model/dependency_order.hpp"
#include "model/template_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace cfngen {

namespace {

// The stack built, serialised once; `json` is kept so validation does not
// parse the text it came from.
struct Synthesized {
    Json json;
    SynthOutput output;
};

Synthesized serialise(Json json, const Stack& stack, AssetMode mode) {
    Synthesized result{std::move(json), {}};
    auto& output = result.output;
    output.stack_name = stack.name();
    output.file_name = stack.template_file_name();
    output.template_text = detail::template_text(result.json);
    output.resource_count = stack.resource_count();
    output.assets = stack.assets();
    // A stack with assets to upload (a BucketDeployment's archive) goes
    // through `aws cloudformation package` and a bucket whatever the mode,
    // and `aws cloudformation deploy --s3-bucket` takes a body up to 1 MB.
    if (mode == AssetMode::Inline && output.assets.empty() && output.template_text.size() > limits::max_body_bytes_direct) {
        // The indentation is for reading, and the body quota counts it (about
        // a fifth of a template): without it the template may still deploy
        // inline, and `cfngen diff` still reads it.
        auto compact = result.json.dump() + "\n";
        if (compact.size() > limits::max_body_bytes_direct)
            throw Error(fmt::format("template body is {} bytes ({} without indentation); `aws cloudformation deploy` "
                                    "without --s3-bucket accepts {}: use --asset-mode directory and "
                                    "`aws cloudformation package`",
                                    output.template_text.size(), compact.size(), limits::max_body_bytes_direct));
        output.warnings.push_back(fmt::format("written without indentation, {} bytes: indented it is {}, over the {} "
                                              "`aws cloudformation deploy` accepts without --s3-bucket",
                                              compact.size(), output.template_text.size(),
                                              limits::max_body_bytes_direct));
        output.template_text = std::move(compact);
    }
    return result;
}

Synthesized build(const Stack& stack, AssetMode mode) {
    return serialise(detail::TemplateWriter::synth(stack, nullptr), stack, mode);
}

// The checks of `cfngen validate`: an error refuses the synth, a warning
// goes with the output for the command line to print.
void check_template(Synthesized& synthesized) {
    const auto report = validate::check_template(synthesized.json, synthesized.output.template_text.size());
    for (const auto& finding : report.findings) {
        if (finding.severity == validate::Severity::Error)
            throw InvalidTemplate(fmt::format("refusing to write an invalid template: {} {}: {} ({} errors; run cfngen validate)",
                                    finding.logical_id, finding.path, finding.message, report.errors()));
        synthesized.output.warnings.push_back(validate::format(finding));
    }
}

// An export of the producer's own outputs that already carries `value`:
// its name as the consumer imports it (a string, or a Fn::Sub whose only
// variable is AWS::StackName, which is the producer's name), or "". A
// reference then reuses it instead of adding an output: the template stays
// smaller and the import reads as the name its author gave.
std::string existing_export(const Json& outputs, const Json& value, const std::string& producer) {
    if (!outputs.is_object()) return "";
    for (const auto& [id, output] : outputs.items()) {
        if (!output.contains("Export") || output.contains("Condition") || output.value("Value", Json()) != value) continue;
        const Json& name = output["Export"].value("Name", Json());
        if (name.is_string()) return name.get<std::string>();
        if (!name.is_object() || name.size() != 1 || !name.contains("Fn::Sub") || !name["Fn::Sub"].is_string()) continue;
        const auto text = name["Fn::Sub"].get<std::string>();
        std::string resolved;
        std::size_t pos = 0;
        bool plain = true;
        for (const auto& variable : sub_variables(text)) {
            if (variable.name != "AWS::StackName") plain = false;
            resolved += text.substr(pos, variable.start - pos) + producer;
            pos = variable.end;
        }
        if (plain) return resolved + text.substr(pos);
    }
    return "";
}

// Every {"Fn::ImportValue": from} in `json` becomes {"Fn::ImportValue": to}.
void rename_import(Json& json, const std::string& from, const std::string& to) {
    if (json.is_object() && json.size() == 1 && json.contains("Fn::ImportValue") && json["Fn::ImportValue"] == from) {
        json["Fn::ImportValue"] = to;
        return;
    }
    if (json.is_object() || json.is_array())
        for (auto& child : json) rename_import(child, from, to);
}

// The export a cross-stack reference needs, added to the producer's outputs
// unless one of them exports that value already; returns the export's name.
std::string add_export(const App& app, const std::map<std::string, std::size_t>& position, std::vector<Json>& templates,
                const std::string& consumer, const CrossStackReference& reference) {
    const auto it = position.find(reference.producer_stack);
    if (it == position.end())
        throw Error(fmt::format("stack {} refers to {} in stack {}, which is not part of the app", consumer,
                                reference.logical_id, reference.producer_stack));
    const Stack& producer = app.stacks()[it->second];
    const auto resources = producer.resources();
    const auto target = std::find_if(resources.begin(), resources.end(),
                                     [&](const Resource* r) { return r->logical_id() == reference.logical_id; });
    if (target == resources.end())
        throw Error(fmt::format("stack {} refers to {} in stack {}, which has no such resource", consumer,
                                reference.logical_id, reference.producer_stack));
    if (!reference.attribute.empty() && !(*target)->has_attribute(reference.attribute))
        throw Error(fmt::format("stack {} gets attribute {} of {} in stack {}, which has no such attribute", consumer,
                                reference.attribute, reference.logical_id, reference.producer_stack));
    Json& outputs = templates[it->second]["Outputs"];
    const Json value = json_of(reference.value());
    if (auto existing = existing_export(outputs, value, producer.name()); !existing.empty()) return existing;
    if (outputs.contains(reference.output_id())) return reference.export_name();
    outputs[reference.output_id()] = {{"Value", value}, {"Export", {{"Name", reference.export_name()}}}};
    if (outputs.size() > limits::max_outputs)
        throw Error(fmt::format("stack {} needs {} outputs with its exports to other stacks; CloudFormation allows {}",
                                producer.name(), outputs.size(), limits::max_outputs));
    return reference.export_name();
}

std::vector<Synthesized> build(const App& app, AssetMode mode) {
    if (app.stacks().empty()) throw Error("the app has no stacks");
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < app.stacks().size(); ++i) position[app.stacks()[i].name()] = i;
    std::vector<StackLinks> links(app.stacks().size());
    std::vector<Json> templates;
    for (std::size_t i = 0; i < app.stacks().size(); ++i) templates.push_back(detail::TemplateWriter::synth(app.stacks()[i], &links[i]));
    for (std::size_t i = 0; i < app.stacks().size(); ++i)
        for (const auto& reference : links[i].imports) {
            const auto name = add_export(app, position, templates, app.stacks()[i].name(), reference);
            if (name != reference.export_name()) rename_import(templates[i], reference.export_name(), name);
        }
    std::vector<Synthesized> result;
    // Each stack deploys after the stacks it imports from.
    std::vector<std::string> names;
    std::map<std::string, std::set<std::string>> imports_from;
    for (std::size_t i = 0; i < app.stacks().size(); ++i) {
        names.push_back(app.stacks()[i].name());
        for (const auto& producer : links[i].depends_on)
            if (!position.count(producer))
                throw Error(fmt::format("stack {} depends on stack {}, which is not part of the app", names.back(),
                                        producer));
        imports_from[names.back()] = links[i].depends_on;
    }
    for (const auto& name : detail::dependency_order(names, imports_from, "stacks depend on each other")) {
        const auto i = position.at(name);
        result.push_back(serialise(std::move(templates[i]), app.stacks()[i], mode));
        result.back().output.depends_on.assign(links[i].depends_on.begin(), links[i].depends_on.end());
    }
    return result;
}

}  // namespace

SynthOutput synthesize(const Stack& stack, AssetMode mode) {
    // In directory mode Code is a local path, which validate accepts where
    // `aws cloudformation package` uploads it.
    auto synthesized = build(stack, mode);
    check_template(synthesized);
    return std::move(synthesized.output);
}

SynthOutput synthesize_unchecked(const Stack& stack, AssetMode mode) { return build(stack, mode).output; }

std::vector<SynthOutput> synthesize(const App& app, AssetMode mode) {
    auto synthesized = build(app, mode);
    for (auto& stack : synthesized) check_template(stack);
    std::vector<SynthOutput> outputs;
    for (auto& stack : synthesized) outputs.push_back(std::move(stack.output));
    return outputs;
}

std::vector<SynthOutput> synthesize_unchecked(const App& app, AssetMode mode) {
    std::vector<SynthOutput> outputs;
    for (auto& stack : build(app, mode)) outputs.push_back(std::move(stack.output));
    return outputs;
}

std::filesystem::path write_synth_output(const SynthOutput& output, const std::filesystem::path& directory) {
    for (const auto& asset : output.assets) {
        if (asset.is_folder()) write_file_atomically(directory / "assets" / asset.zip_file_name(), asset.zip());
        else write_file_atomically(directory / "assets" / asset.directory_name() / "index.js", asset.source);
    }
    const auto path = directory / output.file_name;
    write_file_atomically(path, output.template_text);
    return path;
}

}  // namespace cfngen
