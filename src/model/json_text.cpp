// Indented JSON text as nlohmann::json's dump(indent) writes it, byte for
// byte, without its per-character escaping machinery: a template is mostly
// ASCII without escapes, which is copied in one piece. What is rare (floats,
// strings with bytes over 0x7F, whose UTF-8 the engine validates) is left to
// the engine, so its output and its errors stay the same.
#include "model/json.hpp"

#include <array>

namespace cfngen {
namespace {

// What each byte needs: 0 nothing, 1 an escape, 2 the engine (UTF-8).
constexpr std::array<unsigned char, 256> byte_kinds = [] {
    std::array<unsigned char, 256> kinds{};
    for (int c = 0; c < 0x20; ++c) kinds[c] = 1;
    kinds['"'] = 1;
    kinds['\\'] = 1;
    for (int c = 0x80; c < 0x100; ++c) kinds[c] = 2;
    return kinds;
}();

void write_escape(std::string& out, unsigned char c) {
    switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                                      '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
}

void write_string(std::string& out, const std::string& text) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* plain_from = begin;
    const char* at = begin;
    out.push_back('"');
    while (true) {
        while (at != end && byte_kinds[static_cast<unsigned char>(*at)] == 0) ++at;
        if (at == end) break;
        if (byte_kinds[static_cast<unsigned char>(*at)] == 2) {
            out.pop_back();
            out += Json(text).dump();
            return;
        }
        out.append(plain_from, static_cast<std::size_t>(at - plain_from));
        write_escape(out, static_cast<unsigned char>(*at));
        plain_from = ++at;
    }
    out.append(plain_from, static_cast<std::size_t>(end - plain_from));
    out.push_back('"');
}

// An object's or a list's elements, one per line at depth + 1; `write_one`
// writes an element's key (for an object) and value.
template <class Elements, class WriteOne>
void write_container(std::string& out, char open, char close, const Elements& elements, int indent, int depth,
                     const WriteOne& write_one) {
    out += open;
    bool first = true;
    for (const auto& element : elements) {
        out.append(first ? "\n" : ",\n", first ? 1 : 2);
        first = false;
        out.append(static_cast<std::size_t>(indent * (depth + 1)), ' ');
        write_one(element);
    }
    if (!first) {  // an empty one is {} or []
        out += '\n';
        out.append(static_cast<std::size_t>(indent * depth), ' ');
    }
    out += close;
}

void write_value(std::string& out, const Json& value, int indent, int depth) {
    switch (value.type()) {
        case Json::value_t::object:
            write_container(out, '{', '}', value.items(), indent, depth, [&](const auto& member) {
                write_string(out, member.key());
                out.append(": ", 2);
                write_value(out, member.value(), indent, depth + 1);
            });
            return;
        case Json::value_t::array:
            write_container(out, '[', ']', value, indent, depth,
                            [&](const Json& element) { write_value(out, element, indent, depth + 1); });
            return;
        case Json::value_t::string: write_string(out, value.get_ref<const std::string&>()); return;
        case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
        case Json::value_t::null: out += "null"; return;
        case Json::value_t::number_integer: out += std::to_string(value.get<std::int64_t>()); return;
        case Json::value_t::number_unsigned: out += std::to_string(value.get<std::uint64_t>()); return;
        default: out += value.dump(); return;  // floats, and what a template never holds
    }
}

}  // namespace

std::string indented_json(const Json& value, int indent) {
    std::string out;
    out.reserve(64 * 1024);
    write_value(out, value, indent, 0);
    return out;
}

}  // namespace cfngen
