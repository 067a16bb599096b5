#include "read/detail/template_readers.hpp"

#include "cfngen/error.hpp"
#include "read/template_file.hpp"

#include <fmt/format.h>

#include <iterator>
#include <vector>

namespace cfngen::detail {

namespace {

// A const char* that records how far the parser has read, so the handler
// can say where a duplicate key is (nlohmann's SAX events carry no position).
class TrackedIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackedIterator(const char* at, const char** furthest) : at_(at), furthest_(furthest) {}
    reference operator*() const { return *at_; }
    TrackedIterator& operator++() {
        *furthest_ = ++at_;
        return *this;
    }
    TrackedIterator operator++(int) {
        auto before = *this;
        ++*this;
        return before;
    }
    bool operator==(const TrackedIterator& other) const { return at_ == other.at_; }
    bool operator!=(const TrackedIterator& other) const { return at_ != other.at_; }

private:
    const char* at_;
    const char** furthest_;
};

struct TooDeep {};

struct DuplicateKey {
    std::string key;
    std::size_t offset;
};

// Builds the DOM like nlohmann's own parser, except that a key repeated in
// one object is an error: CloudFormation rejects such a template, and
// nlohmann would silently keep the last value.
template <class Json>
class StrictBuilder : public nlohmann::json_sax<Json> {
public:
    using typename nlohmann::json_sax<Json>::number_integer_t;
    using typename nlohmann::json_sax<Json>::number_unsigned_t;
    using typename nlohmann::json_sax<Json>::number_float_t;
    using typename nlohmann::json_sax<Json>::string_t;
    using typename nlohmann::json_sax<Json>::binary_t;

    StrictBuilder(Json& root, const char* begin, const char** furthest)
        : root_(root), begin_(begin), furthest_(furthest) {}

    bool null() override { return add(nullptr); }
    bool boolean(bool value) override { return add(value); }
    bool number_integer(number_integer_t value) override { return add(value); }
    bool number_unsigned(number_unsigned_t value) override { return add(value); }
    bool number_float(number_float_t value, const string_t&) override { return add(value); }
    bool string(string_t& value) override { return add(std::move(value)); }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(Json::object()); }
    bool key(string_t& name) override {
        if (stack_.back()->contains(name))
            throw DuplicateKey{name, static_cast<std::size_t>(*furthest_ - begin_)};
        key_ = std::move(name);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(Json::array()); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        error_position = position;
        error_id = e.id;
        error_message = e.what();
        return false;
    }

    std::size_t error_position = 0;
    int error_id = 0;
    std::string error_message;

private:
    Json* place(Json&& value) {
        if (stack_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        Json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        return &(parent[key_] = std::move(value));
    }
    bool add(Json&& value) {
        place(std::move(value));
        return true;
    }
    bool open(Json&& container) {
        // Refused as soon as it nests too deep, before any more is built
        // (nlohmann's parser keeps its own state on the heap, not the stack).
        if (stack_.size() >= max_template_nesting) throw TooDeep{};
        stack_.push_back(place(std::move(container)));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    Json& root_;
    const char* begin_;
    const char** furthest_;
    std::vector<Json*> stack_;
    std::string key_;
};

// The opening quote of the key whose closing quote ends just before `end`.
std::size_t key_start(const std::string& text, std::size_t end) {
    std::size_t at = end >= 2 ? end - 2 : 0;
    while (at > 0) {
        if (text[at] == '"') {
            std::size_t backslashes = 0;
            while (at > backslashes && text[at - 1 - backslashes] == '\\') ++backslashes;
            if (backslashes % 2 == 0) return at;
        }
        --at;
    }
    return 0;
}

template <class Json>
Json read_json_as(const std::string& text, const std::string& source) {
    Json json;
    const char* furthest = text.data();
    StrictBuilder<Json> builder(json, text.data(), &furthest);
    bool parsed = false;
    try {
        // Fast path: nlohmann's pointer input. A duplicate key (rare) is
        // located by reading again with the position-tracking iterator.
        parsed = Json::sax_parse(text.data(), text.data() + text.size(), &builder);
    } catch (const TooDeep&) {
        throw Error(fmt::format("{}: nested deeper than {} levels; not a CloudFormation template", source,
                                max_template_nesting));
    } catch (const DuplicateKey&) {
        Json again;
        StrictBuilder<Json> locator(again, text.data(), &furthest);
        try {
            Json::sax_parse(TrackedIterator(text.data(), &furthest),
                             TrackedIterator(text.data() + text.size(), &furthest), &locator);
        } catch (const DuplicateKey& duplicate) {
            const auto [line, column] = line_and_column(text, key_start(text, duplicate.offset));
            throw Error(fmt::format("{}: malformed JSON at line {}, column {}: duplicate key \"{}\"", source, line,
                                    column, duplicate.key));
        }
    }
    if (parsed) return json;
    std::string reason = builder.error_message;
    if (builder.error_id == 406) {  // out_of_range: a number such as 1e600000 that overflows a double
        const auto bracket = reason.find("] ");
        if (bracket != std::string::npos) reason = reason.substr(bracket + 2);
        throw Error(fmt::format("{}: malformed JSON: {}", source, reason));
    }
    const auto [line, column] = line_and_column(text, builder.error_position == 0 ? 0 : builder.error_position - 1);
    const auto colon = reason.rfind(": ");
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
    throw Error(fmt::format("{}: malformed JSON at line {}, column {}: {}", source, line, column, reason));
}

}  // namespace

Json read_json(const std::string& text, const std::string& source) { return read_json_as<Json>(text, source); }

OrderedJson read_json_ordered(const std::string& text, const std::string& source) {
    return read_json_as<OrderedJson>(text, source);
}

}  // namespace cfngen::detail
