// The C++ names `cfngen import` writes: those of the generated bindings
// (the rules of tools/spec/generate-bindings.js, README "Typed resources")
// and readable identifiers for the template's logical ids.

#include "import/detail/code_writer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace cfngen::import {

namespace {

// The parts of a type name: AWS::EC2::VPC -> AWS, EC2, VPC.
struct TypeParts {
    std::string vendor, service, name;
};
TypeParts parts_of(std::string_view type) {
    TypeParts parts;
    const auto first = type.find("::");
    const auto second = first == std::string_view::npos ? first : type.find("::", first + 2);
    if (second == std::string_view::npos) return parts;
    parts.vendor = std::string(type.substr(0, first));
    parts.service = std::string(type.substr(first + 2, second - first - 2));
    parts.name = std::string(type.substr(second + 2));
    return parts;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// Members of the generated classes' base (Resource, TypedResource): an
// accessor of that name is written Attr<Name> (generate-bindings.js RESOURCE_MEMBERS).
constexpr std::array<std::string_view, 23> kResourceMembers = {
    "ref", "get_att", "attribute_ref", "set_typed", "logical_id", "type", "depends_on", "condition",
    "deletion_policy", "update_replace_policy", "metadata", "set_property", "properties", "explicit_dependencies",
    "condition_name", "required_properties", "attributes", "to_json", "stack_name", "typed", "TypedResource", "self",
    "override_attribute"};

bool is_resource_member(std::string_view name) {
    return std::find(kResourceMembers.begin(), kResourceMembers.end(), name) != kResourceMembers.end();
}

// The nested class names of the property types a resource's properties reach.
void nested_names(std::uint16_t type_index, std::set<std::string>& names, std::set<std::uint16_t>& seen) {
    const auto& type = spec::type(type_index);
    if (type.kind == spec::Kind::List || type.kind == spec::Kind::Map) {
        nested_names(type.index, names, seen);
    } else if (type.kind == spec::Kind::Union) {
        for (const auto member : spec::union_members(type.index)) nested_names(member, names, seen);
    } else if (type.kind == spec::Kind::Object && seen.insert(type.index).second) {
        const auto& definition = spec::definition(type.index);
        const auto name = definition.name();
        names.insert(std::string(name.substr(name.rfind('.') + 1)) + "Property");
        for (const auto& p : definition.properties()) nested_names(p.type, names, seen);
    }
}

// C++ keywords and the names the imported code uses unqualified.
constexpr std::array<std::string_view, 104> kReserved = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
    "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
    "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
    // the code's own names
    "stack", "context", "build", "cfngen", "fn", "pseudo", "typed", "std", "Value", "Intrinsic", "Parameter",
    "Resource"};

}  // namespace

std::string binding_namespace(std::string_view type) {
    const auto parts = parts_of(type);
    return parts.vendor == "AWS" ? lower(parts.service) : lower(parts.vendor) + "_" + lower(parts.service);
}

std::string binding_class(std::string_view type) { return binding_namespace(type) + "::" + parts_of(type).name; }

std::string binding_header(std::string_view type) {
    return "cfngen/resources/" + binding_namespace(type) + "/" + parts_of(type).name + ".hpp";
}

std::string setter_name(std::string_view class_name, std::string_view property) {
    return property == class_name ? std::string(property) + "_" : std::string(property);
}

// generate-bindings.js attributeNames: Endpoint.Address -> EndpointAddress
// (Endpoint_Address when another attribute is EndpointAddress), Attr in
// front when a setter, a property type, the class or a base member has the name.
std::string attribute_accessor(const spec::ResourceSpec& resource, std::string_view attribute) {
    if (!resource.has_attribute(attribute)) return {};
    std::set<std::string> undotted;
    for (const auto& a : resource.attributes())
        if (a.view().find('.') == std::string_view::npos) undotted.insert(std::string(a.view()));
    std::string name;
    for (const char c : attribute)
        if (c != '.') name += c;
    if (attribute.find('.') != std::string_view::npos && undotted.count(name)) {
        name = std::string(attribute);
        std::replace(name.begin(), name.end(), '.', '_');
    }
    const std::string class_name = parts_of(resource.type()).name;
    std::set<std::string> taken{class_name};
    std::set<std::uint16_t> seen;
    for (const auto& p : resource.properties()) {
        taken.insert(setter_name(class_name, p.name()));
        nested_names(p.type, taken, seen);
    }
    return taken.count(name) || is_resource_member(name) ? "Attr" + name : name;
}

std::string definition_class(const spec::ResourceSpec& owner, const spec::DefinitionSpec& definition) {
    const auto name = definition.name();
    return binding_class(owner.type()) + "::" + std::string(name.substr(name.rfind('.') + 1)) + "Property";
}

const std::string* declared_variable(const Scope& scope, const std::string& logical_id) {
    const auto r = scope.resources.find(logical_id);
    if (r == scope.resources.end() || !scope.declared.count(logical_id) || r->second.variable.empty()) return nullptr;
    return &r->second.variable;
}

std::string comment_of(Scope& scope, const std::string& entry, int indent) {
    const auto found = scope.comments.find(entry);
    if (found == scope.comments.end()) return {};
    std::string written;
    for (const auto& line : found->second.lines)
        written += std::string(static_cast<std::size_t>(indent), ' ') + "//" +
                   (line.empty() || line[0] == ' ' ? line : " " + line) + "\n";
    scope.comment_lines_carried += found->second.comment_lines;
    scope.comments.erase(found);
    return written;
}

std::optional<std::int64_t> integer_in(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::optional<double> number_in(std::string_view text) {
    double d = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return d;
}

std::string snake_case(const std::string& name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (!std::isalnum(c)) {
            if (!out.empty() && out.back() != '_') out += '_';
            continue;
        }
        if (std::isupper(c) && i > 0 && !out.empty() && out.back() != '_') {
            const auto previous = static_cast<unsigned char>(name[i - 1]);
            const bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
            // "MyBucket" -> my_bucket, "VPCGateway" -> vpc_gateway, "S3Bucket" -> s3_bucket
            if (std::islower(previous) || (std::isupper(previous) && next_lower) ||
                (std::isdigit(previous) && std::isupper(c) && next_lower))
                out += '_';
        }
        out += static_cast<char>(std::tolower(c));
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

std::string identifier(const std::string& logical_id, std::set<std::string>& taken) {
    std::string base = snake_case(logical_id);
    if (base.empty() || std::isdigit(static_cast<unsigned char>(base[0]))) base = "r_" + base;
    const bool reserved = std::find(kReserved.begin(), kReserved.end(), base) != kReserved.end();
    // A double underscore is reserved to the implementation in C++.
    while (base.find("__") != std::string::npos) base.erase(base.find("__"), 1);
    std::string name = reserved ? base + "_" : base;
    for (int n = 2; taken.count(name); ++n) name = base + "_" + std::to_string(n);
    taken.insert(name);
    return name;
}

}  // namespace cfngen::import
