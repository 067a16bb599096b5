#include "model/stack_references.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>

#include <cctype>

namespace cfngen {

// AWS CDK's names for the outputs and exports behind a cross-stack
// reference (core/lib/private/refs.ts): "ExportsOutputRef<Id>" and
// "ExportsOutputFnGetAtt<Id><Attribute>", exported as "<stack>:<output>".
std::string CrossStackReference::output_id() const {
    std::string attribute_part;
    for (const char c : attribute)
        if (c != '.') attribute_part += c;
    return attribute.empty() ? "ExportsOutputRef" + logical_id : "ExportsOutputFnGetAtt" + logical_id + attribute_part;
}

std::string CrossStackReference::export_name() const { return producer_stack + ":" + output_id(); }

Value CrossStackReference::value() const {
    if (attribute.empty()) return fn::ref(logical_id);
    return fn::get_att(logical_id, attribute);
}

namespace detail {

std::optional<QualifiedId> split_qualified(std::string_view target) {
    const auto slash = target.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    return QualifiedId{std::string(target.substr(0, slash)), std::string(target.substr(slash + 1))};
}

namespace {

struct Resolver {
    const std::string& own_stack;
    StackLinks* links;
    const std::string& where;

    // Returns the replacement of a reference to another stack, or null.
    Json foreign(const QualifiedId& target, const std::string& attribute) const {
        if (links == nullptr)
            throw Error(fmt::format("{} refers to {} in stack {}, which is not this template: synthesize the app "
                                    "that holds both stacks",
                                    where, target.id, target.stack));
        CrossStackReference reference{target.stack, target.id, attribute};
        Json import = fn::import_value(reference.export_name());
        links->imports.push_back(std::move(reference));
        links->depends_on.insert(target.stack);
        return import;
    }

    // ${<stack>/<id>} and ${<stack>/<id>.<attribute>} in an Fn::Sub string
    // (constructs write them): the stack's own lose the qualifier, another
    // stack's become variables of the Sub bound to Fn::ImportValue.
    void sub(Json& argument) const {
        Json* text = argument.is_string() ? &argument : nullptr;
        if (argument.is_array() && argument.size() == 2 && argument[0].is_string()) {
            text = &argument[0];
            (*this)(argument[1]);
        }
        if (!text) return (*this)(argument);
        const std::string source = text->get<std::string>();
        Json variables = argument.is_array() ? argument[1] : Json::object();
        std::string written;
        std::size_t pos = 0;
        for (const auto& variable : sub_variables(source)) {
            const auto dot = variable.name.find('.');
            const auto target = split_qualified(std::string_view(variable.name).substr(0, dot));
            if (!target) continue;  // a plain name: copied with the text around it
            written += source.substr(pos, variable.start - pos);
            pos = variable.end;
            const std::string attribute = dot == std::string::npos ? "" : variable.name.substr(dot + 1);
            if (target->stack == own_stack) {
                written += "${" + target->id + (attribute.empty() ? "" : "." + attribute) + "}";
                continue;
            }
            Json import = foreign(*target, attribute);
            std::string name = target->id;
            for (const char c : attribute)
                if (std::isalnum(static_cast<unsigned char>(c))) name += c;
            name += "Import";
            while (variables.contains(name) && variables[name] != import) name += "X";
            variables[name] = std::move(import);
            written += "${" + name + "}";
        }
        written += source.substr(pos);
        if (variables.empty()) {
            *text = written;
            return;
        }
        argument = Json::array({written, variables});
    }

    void operator()(Json& value) const {
        if (value.is_array()) {
            for (auto& item : value) (*this)(item);
            return;
        }
        if (!value.is_object()) return;
        if (value.size() == 1) {
            auto only = value.begin();
            Json& argument = only.value();
            if (only.key() == "Ref" && argument.is_string()) {
                if (const auto target = split_qualified(argument.get_ref<const std::string&>())) {
                    if (target->stack == own_stack) argument = target->id;
                    else value = foreign(*target, "");
                }
                return;
            }
            if (only.key() == "Fn::Sub") return sub(argument);
            if (only.key() == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && argument[0].is_string() &&
                argument[1].is_string()) {
                if (const auto target = split_qualified(argument[0].get_ref<const std::string&>())) {
                    if (target->stack == own_stack) argument[0] = target->id;
                    else value = foreign(*target, argument[1].get<std::string>());
                }
                return;
            }
        }
        for (auto& item : value) (*this)(item);
    }
};

}  // namespace

void resolve_stack_references(Json& value, const std::string& own_stack, StackLinks* links,
                              const std::string& where) {
    Resolver{own_stack, links, where}(value);
}

}  // namespace detail
}  // namespace cfngen
