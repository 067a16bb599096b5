#include "cfngen/template.hpp"

#include "cfngen/error.hpp"
#include "cfngen/iam.hpp"
#include "model/construct_state.hpp"
#include "cfngen/resource_spec.hpp"
#include "model/dependency_order.hpp"
#include "model/resource_checks.hpp"
#include "model/stack_references.hpp"
#include "model/template_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

namespace cfngen {

struct detail::TemplateData {
    explicit TemplateData(std::string text) : description(std::move(text)) {}

    std::string description;
    // The stack name references to the template's resources carry (a Stack's name).
    std::string stack_name;
    std::vector<std::unique_ptr<Resource>> resources;
    std::deque<Parameter> parameters;  // deque: add() hands out stable references
    std::set<std::string> logical_ids;  // of resources and parameters, which share one namespace
    std::map<std::string, Value> conditions;
    std::map<std::string, Value> rules;
    std::map<std::string, Value> mappings;
    std::map<std::string, Value> metadata;
    Value transform;
    Value globals;
    std::map<std::string, std::map<std::string, Value>> loops;  // section -> name -> Fn::ForEach loop
    std::vector<Output> outputs;
    std::map<std::string, Value> tags;
    Quotas quotas;
    // The policy documents constructs build up grant by grant, by the
    // resource and property they are written to (src/constructs).
    std::map<std::string, iam::PolicyDocument> construct_policies;
    std::map<std::string, std::vector<std::string>> construct_names;
};

namespace {

bool valid_logical_id(const std::string& id) {
    return !id.empty() && id.size() <= limits::max_logical_id_length &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c); });
}

// Stack tags merged into a resource's own, in the form its type takes them
// (resource_spec.hpp); a resource's own tag of the same key wins. Tags the
// resource gives as an intrinsic (an Fn::If) are left as they are.
void add_stack_tags(Json& properties, const spec::ResourceSpec& type, const std::map<std::string, Value>& stack_tags) {
    const std::string name(type.tag_property());
    const Json& own = member(properties, name);
    if (is_intrinsic(own)) return;
    std::map<std::string, Json> merged;
    for (const auto& [key, value] : stack_tags) merged[key] = json_of(value);
    if (type.tags == spec::TagSupport::Map) {
        for (const auto& [key, value] : own.items()) merged[key] = value;
        properties[name] = Json(merged);
        return;
    }
    std::map<std::string, Json> own_entries;
    for (const auto& tag : own)
        if (tag.is_object() && member(tag, "Key").is_string()) own_entries[tag["Key"].get<std::string>()] = tag;
    Json tags = Json::array();
    for (const auto& [key, value] : merged) {
        if (own_entries.count(key)) continue;
        Json tag = {{"Key", key}, {"Value", value}};
        // Auto Scaling groups: stack tags reach the instances they launch, as in AWS CDK.
        if (type.tags == spec::TagSupport::AutoScaling) tag["PropagateAtLaunch"] = true;
        own_entries[key] = std::move(tag);
    }
    for (auto& [key, tag] : own_entries) tags.push_back(std::move(tag));
    properties[name] = std::move(tags);
}

// Resources and parameters share one namespace of logical ids: throws for an
// invalid or taken id, otherwise records it.
void claim_id(detail::TemplateData& data, const std::string& id) {
    if (!valid_logical_id(id))
        throw Error(fmt::format("logical id '{}' is not alphanumeric (1-255 characters of A-Za-z0-9)", id));
    if (!data.logical_ids.insert(id).second) throw Error(fmt::format("duplicate logical id '{}'", id));
}

}  // namespace

Template::Template(std::string description)
    : data_(std::make_unique<detail::TemplateData>(std::move(description))
                .release()) {}
Template::Template(Template&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}
Template& Template::operator=(Template&& other) noexcept {
    std::swap(data_, other.data_);
    return *this;
}
Template::~Template() { delete data_; }

void Template::set_description(std::string description) { data_->description = std::move(description); }
void Template::set_quotas(Quotas quotas) { data_->quotas = quotas; }
void Template::set_stack_name(const std::string& name) { data_->stack_name = name; }

std::vector<const Resource*> Template::resources() const {
    std::vector<const Resource*> all;
    all.reserve(data_->resources.size());
    for (const auto& r : data_->resources) all.push_back(r.get());
    return all;
}
std::size_t Template::resource_count() const { return data_->resources.size(); }

Resource& Template::resource(const std::string& logical_id) {
    for (const auto& r : data_->resources)
        if (r->logical_id() == logical_id) return *r;
    throw Error("the template has no resource " + logical_id);
}

Resource& Template::adopt(Resource* owned) {
    std::unique_ptr<Resource> resource(owned);
    claim_id(*data_, resource->logical_id());
    resource->set_stack_name(data_->stack_name);
    data_->resources.push_back(std::move(resource));
    return *data_->resources.back();
}

Parameter& Template::add(Parameter parameter) {
    claim_id(*data_, parameter.logical_id());
    data_->parameters.push_back(std::move(parameter));
    return data_->parameters.back();
}

void Template::add_condition(const std::string& name, Value expression) {
    if (!valid_logical_id(name)) throw Error(fmt::format("condition name '{}' is not alphanumeric", name));
    if (data_->conditions.count(name)) throw Error(fmt::format("duplicate condition '{}'", name));
    data_->conditions[name] = std::move(expression);
}

void Template::add_rule(const std::string& name, Value rule) {
    if (!valid_logical_id(name)) throw Error(fmt::format("rule name '{}' is not alphanumeric", name));
    if (!rule.is_object() || !rule.contains("Assertions")) throw Error(fmt::format("rule '{}' has no Assertions", name));
    data_->rules.emplace(name, std::move(rule));
}

void Template::add_output(Output output) {
    if (!valid_logical_id(output.logical_id))
        throw Error(fmt::format("output id '{}' is not alphanumeric", output.logical_id));
    for (const auto& existing : data_->outputs)
        if (existing.logical_id == output.logical_id)
            throw Error(fmt::format("duplicate output '{}'", output.logical_id));
    data_->outputs.push_back(std::move(output));
}

void Template::add_mapping(const std::string& name, Value mapping) {
    if (!valid_logical_id(name)) throw Error(fmt::format("mapping name '{}' is not alphanumeric", name));
    if (!mapping.is_object()) throw Error(fmt::format("mapping '{}' is not an object of top-level keys", name));
    if (!data_->mappings.emplace(name, std::move(mapping)).second)
        throw Error(fmt::format("duplicate mapping '{}'", name));
}

void Template::set_transform(Value transform) {
    if (!transform.is_string() && !transform.is_array())
        throw Error("a template's Transform is a macro name or a list of them");
    data_->transform = std::move(transform);
}

void Template::add_for_each(const std::string& section, const std::string& name, Value loop) {
    if (section != "Resources" && section != "Outputs" && section != "Conditions")
        throw Error(fmt::format("Fn::ForEach::{} is in {}: loops are in Resources, Outputs or Conditions", name, section));
    if (!valid_logical_id(name)) throw Error(fmt::format("loop name '{}' is not alphanumeric", name));
    if (!loop.is_array() || loop.size() != 3) throw Error(fmt::format("Fn::ForEach::{} is not [identifier, collection, fragment]", name));
    if (!data_->loops[section].emplace(name, std::move(loop)).second)
        throw Error(fmt::format("duplicate loop Fn::ForEach::{} in {}", name, section));
}

void Template::add_metadata(const std::string& key, Value value) { data_->metadata[key] = std::move(value); }

void Template::set_globals(Value globals) {
    if (!globals.is_object()) throw Error("SAM's Globals section is an object of resource types");
    data_->globals = std::move(globals);
}

void Template::add_tag(const std::string& key, Value value) { data_->tags[key] = std::move(value); }

void detail::TemplateWriter::check(const Template& tmpl, const std::vector<Json>& resource_json,
                                   const Json& conditions) {
    const auto& data = *tmpl.data_;
    if (data.resources.empty() && !data.loops.count("Resources"))
        throw Error("template has no resources (CloudFormation requires at least one)");
    if (data.quotas.max_resources != 0 && data.resources.size() > data.quotas.max_resources)
        throw Error(fmt::format("template has {} resources; CloudFormation allows {}", data.resources.size(),
                                data.quotas.max_resources));
    if (data.parameters.size() > limits::max_parameters)
        throw Error(fmt::format("template has {} parameters; CloudFormation allows {}", data.parameters.size(),
                                limits::max_parameters));
    if (data.outputs.size() > limits::max_outputs)
        throw Error(fmt::format("template has {} outputs; CloudFormation allows {}", data.outputs.size(),
                                limits::max_outputs));

    std::map<std::string, const Resource*> by_id;
    for (const auto& r : data.resources) by_id[r->logical_id()] = r.get();
    std::set<std::string> parameter_ids;
    for (const auto& p : data.parameters) parameter_ids.insert(p.logical_id());

    // What a transform adds when the template is deployed, which references
    // may name as validate reads them (spec::added_by): SAM's implicit APIs
    // and what it or a module generates; their attributes are not in the
    // specification.
    // A macro of the account's own (not AWS::...) rewrites the template before
    // CloudFormation reads it: a required property may be what it adds.
    bool sam = false;
    bool own_macro = false;
    for (const auto& name : data.transform.is_array() ? data.transform.elements() : std::vector<Value>{data.transform}) {
        sam = sam || name == Value(spec::sam_transform);
        own_macro = own_macro || (name.is_string() && name.as_string().rfind("AWS::", 0) != 0);
    }
    const auto added_when_deployed = [&](const std::string& id) {
        if (sam && spec::is_sam_implicit_api(id)) return true;
        return std::any_of(data.resources.begin(), data.resources.end(),
                           [&](const auto& r) { return spec::added_by(id, r->logical_id(), r->type(), sam); });
    };

    // A reference's logical id in this template, or nullopt for another stack's.
    auto local_id = [&](const std::string& target) -> std::optional<std::string> {
        const auto qualified = detail::split_qualified(target);
        if (!qualified) return target;
        if (qualified->stack == data.stack_name) return qualified->id;
        return std::nullopt;
    };

    // Checks one value found where `where()` says (spelt only for an
    // error); returns the resources it depends on.
    auto check_value = [&](const auto& where, const Json& value) {
        std::set<std::string> targets;
        const auto found = find_references(value);
        for (const auto& target : found.refs) {
            const auto id = local_id(target);
            if (!id) continue;  // another stack's: the App checks it
            if (by_id.count(*id)) targets.insert(*id);
            else if (!parameter_ids.count(*id) && !added_when_deployed(*id))
                throw Error(fmt::format("{} refers to '{}', which is not a resource or parameter of the template",
                                        where(), *id));
        }
        for (const auto& id_attr : found.get_atts) {
            const auto dot = id_attr.find('.');
            const auto local = local_id(id_attr.substr(0, dot));
            if (!local) continue;
            const auto& id = *local;
            const auto attr = id_attr.substr(dot + 1);
            const auto it = by_id.find(id);
            if (it == by_id.end() && added_when_deployed(id)) continue;
            if (it == by_id.end())
                throw Error(fmt::format("{} gets attribute {} of '{}', which is not a resource of the template",
                                        where(), attr, id));
            if (!it->second->has_attribute(attr) && !spec::expands_when_deployed(it->second->type(), sam))
                throw Error(fmt::format("{} gets attribute {} of {} ({}), which has no such attribute", where(), attr,
                                        id, it->second->type()));
            targets.insert(id);
        }
        for (const auto& name : found.conditions)
            if (!data.conditions.count(name))
                throw Error(fmt::format("{} uses condition '{}', which is not defined", where(), name));
        return targets;
    };

    for (const auto& item : conditions.items()) {
        const std::string& name = item.key();
        check_value([&] { return "condition " + name; }, item.value());
    }

    std::map<std::string, std::set<std::string>> edges;
    for (std::size_t i = 0; i < data.resources.size(); ++i) {
        const auto& r = data.resources[i];
        const auto& id = r->logical_id();
        const Json& properties = member(resource_json[i], "Properties");
        if (!own_macro)
            for (const auto& required : r->required_properties())
                if (!properties.contains(required))
                    throw Error(
                        fmt::format("resource {} ({}) is missing required property {}", id, r->type(), required));
        detail::check_resource(*r, properties);
        for (const auto& item : properties.items()) {
            const std::string& property = item.key();
            auto targets =
                check_value([&] { return fmt::format("resource {} property {}", id, property); }, item.value());
            edges[id].insert(targets.begin(), targets.end());
        }
        for (const auto& target : r->explicit_dependencies()) {
            const auto local = local_id(target);
            if (!local) continue;
            const auto& dependency = *local;
            if (!by_id.count(dependency) && !added_when_deployed(dependency))
                throw Error(fmt::format("resource {} DependsOn '{}', which is not a resource of the template", id,
                                        dependency));
            if (by_id.count(dependency)) edges[id].insert(dependency);
        }
        if (!r->condition_name().empty() && !data.conditions.count(r->condition_name()))
            throw Error(fmt::format("resource {} uses condition '{}', which is not defined", id, r->condition_name()));
    }
    for (const auto& output : data.outputs) {
        check_value([&] { return "output " + output.logical_id; }, json_of(output.value));
        check_value([&] { return "output " + output.logical_id + " export name"; }, json_of(output.export_name));
        if (!output.condition.empty() && !data.conditions.count(output.condition))
            throw Error(fmt::format("output {} uses condition '{}', which is not defined", output.logical_id,
                                    output.condition));
    }

    std::vector<std::string> ids;
    for (const auto& [id, _] : by_id) ids.push_back(id);
    detail::dependency_order(ids, edges, "dependency cycle");
}

Json detail::TemplateWriter::synth(const Template& tmpl, StackLinks* links) {
    std::vector<Json> resources;
    resources.reserve(tmpl.data_->resources.size());
    for (const auto& r : tmpl.data_->resources) resources.push_back(json_of(r->to_json()));
    Json conditions = Json::object();
    for (const auto& [name, expression] : tmpl.data_->conditions) conditions[name] = json_of(expression);
    check(tmpl, resources, conditions);
    Json json = {{"AWSTemplateFormatVersion", "2010-09-09"}};
    if (!tmpl.data_->description.empty()) json["Description"] = tmpl.data_->description;
    if (!tmpl.data_->transform.is_null()) json["Transform"] = json_of(tmpl.data_->transform);
    if (!tmpl.data_->globals.is_null()) json["Globals"] = json_of(tmpl.data_->globals);
    for (const auto& [key, value] : tmpl.data_->metadata) json["Metadata"][key] = json_of(value);
    for (const auto& [name, mapping] : tmpl.data_->mappings) json["Mappings"][name] = json_of(mapping);
    if (!tmpl.data_->parameters.empty()) {
        json["Parameters"] = Json::object();
        for (const auto& p : tmpl.data_->parameters) json["Parameters"][p.logical_id()] = json_of(p.to_json());
    }
    if (!conditions.empty()) json["Conditions"] = std::move(conditions);
    if (!tmpl.data_->rules.empty()) {
        json["Rules"] = Json::object();
        for (const auto& [name, rule] : tmpl.data_->rules) json["Rules"][name] = json_of(rule);
    }
    json["Resources"] = Json::object();
    for (std::size_t i = 0; i < tmpl.data_->resources.size(); ++i) {
        const auto& r = *tmpl.data_->resources[i];
        Json& resource = resources[i];
        if (!tmpl.data_->tags.empty())
            if (const auto* type = spec::find_resource(r.type()); type && type->tags != spec::TagSupport::None)
                add_stack_tags(resource["Properties"], *type, tmpl.data_->tags);
        resolve_targets(tmpl, resource, r, links);
        json["Resources"][r.logical_id()] = std::move(resource);
    }
    for (const auto& [section, loops] : tmpl.data_->loops)
        for (const auto& [name, loop] : loops) json[section]["Fn::ForEach::" + name] = json_of(loop);
    if (!tmpl.data_->outputs.empty()) {
        if (!json.contains("Outputs")) json["Outputs"] = Json::object();
        for (const auto& o : tmpl.data_->outputs) {
            Json output = json_of(o.to_json());
            detail::resolve_stack_references(output, tmpl.data_->stack_name, links, "output " + o.logical_id);
            json["Outputs"][o.logical_id] = std::move(output);
        }
    }
    return json;
}

Value Template::synth(StackLinks* links) const { return value_of(detail::TemplateWriter::synth(*this, links)); }

// A resource's references in its stack's terms (stack_references.hpp); a
// DependsOn another stack's resource is a dependency between the stacks.
void detail::TemplateWriter::resolve_targets(const Template& tmpl, Json& resource, const Resource& r,
                                             StackLinks* links) {
    const auto& stack_name = tmpl.data_->stack_name;
    // Properties, and whatever else may hold a reference (Metadata's
    // AWS::CloudFormation::Init, an UpdatePolicy, an attribute override).
    for (auto& [key, value] : resource.items())
        if (key != "Type" && key != "DependsOn")
            detail::resolve_stack_references(value, stack_name, links,
                                             fmt::format("resource {} {}", r.logical_id(),
                                                         key == "Properties" ? "properties" : key));
    if (!resource.contains("DependsOn")) return;
    Json kept = Json::array();
    for (const auto& target : resource["DependsOn"]) {
        const auto qualified = detail::split_qualified(target.get<std::string>());
        if (!qualified) kept.push_back(target);
        else if (qualified->stack == stack_name) kept.push_back(qualified->id);
        else if (links) links->depends_on.insert(qualified->stack);
        else
            throw Error(fmt::format("resource {} DependsOn {} in stack {}, which is not this template: synthesize the "
                                    "app that holds both stacks",
                                    r.logical_id(), qualified->id, qualified->stack));
    }
    std::sort(kept.begin(), kept.end());
    if (kept.empty()) resource.erase("DependsOn");
    else resource["DependsOn"] = std::move(kept);
}

// One space of indentation, as AWS CDK writes its templates: still one
// value per line for review and diff, at half the indentation bytes, which
// count against CloudFormation's template body quotas.
std::string detail::template_text(const Json& template_json, std::size_t max_body_bytes) {
    auto text = indented_json(template_json, 1) + "\n";
    if (max_body_bytes != 0 && text.size() > max_body_bytes)
        throw Error(fmt::format("template body is {} bytes; CloudFormation allows {}", text.size(), max_body_bytes));
    return text;
}

std::string to_template_text(const Value& template_json, std::size_t max_body_bytes) {
    return detail::template_text(json_of(template_json), max_body_bytes);
}

std::string Template::synth_text() const {
    return detail::template_text(detail::TemplateWriter::synth(*this, nullptr), data_->quotas.max_body_bytes);
}

iam::PolicyDocument& detail::ConstructState::policy(Template& scope, const std::string& key) {
    return scope.data_->construct_policies[key];
}

std::vector<std::string>& detail::ConstructState::names(Template& scope, const std::string& key) {
    return scope.data_->construct_names[key];
}

std::string detail::ConstructState::sub_variable(const Resource& resource, const std::string& attribute) {
    return "${" + resource.target() + (attribute.empty() ? "" : "." + attribute) + "}";
}

Resource* detail::ConstructState::resource(Template& scope, const std::string& logical_id) {
    for (const auto& resource : scope.data_->resources)
        if (resource->logical_id() == logical_id) return resource.get();
    return nullptr;
}

void detail::ConstructState::remove(Template& scope, const std::string& logical_id) {
    auto& resources = scope.data_->resources;
    resources.erase(std::remove_if(resources.begin(), resources.end(),
                                   [&](const auto& resource) { return resource->logical_id() == logical_id; }),
                    resources.end());
    scope.data_->logical_ids.erase(logical_id);
}

}  // namespace cfngen
