#include "cfngen/value.hpp"

#include "cfngen/error.hpp"
#include "model/json.hpp"

#include <atomic>
#include <cstddef>
#include <memory>
#include <utility>
#include <variant>

// Value nodes come from a pool, except under AddressSanitizer (below).
#if defined(__SANITIZE_ADDRESS__)
#define CFNGEN_POOL_VALUES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CFNGEN_POOL_VALUES 0
#endif
#endif
#ifndef CFNGEN_POOL_VALUES
#define CFNGEN_POOL_VALUES 1
#endif

namespace cfngen {

namespace detail {
// Shared between copies until one of them changes (copy on write): a
// template's values are copied whole many times on the way to the output
// (grants into policies, properties into the template), and a copy is then a
// count, not a tree. A node some caller holds a mutable reference into
// (operator[], element) is never shared again: a later copy of it copies it,
// so a write through that reference cannot reach the copy.
struct ValueData {
    using Array = std::vector<Value>;
    using Object = std::map<std::string, Value, std::less<>>;
    std::variant<bool, std::int64_t, std::uint64_t, double, std::string, Array, Object> content;
    std::atomic<std::uint32_t> owners{1};
    bool shareable = true;

    template <class T>
    explicit ValueData(T&& value) : content(std::forward<T>(value)) {}
#if CFNGEN_POOL_VALUES
    static void* operator new(std::size_t size);
    static void operator delete(void* memory) noexcept;
#endif

    static const ValueData* of(const Value& value) { return value.data_; }
    // The one allocation of a Value's content; the Value owns it from here.
    template <class T>
    static ValueData* make(T&& value) {
        return std::make_unique<ValueData>(std::forward<T>(value)).release();
    }
    static ValueData* share(ValueData* data) {
        if (!data) return nullptr;
        if (!data->shareable) return make(data->content);
        data->owners.fetch_add(1, std::memory_order_relaxed);
        return data;
    }
    static void release(ValueData* data) {
        if (data && data->owners.fetch_sub(1, std::memory_order_acq_rel) == 1) delete data;
    }
    // Before a write: the value's own node, copied if another value shares it.
    static ValueData& own(Value& value) {
        if (value.data_->owners.load(std::memory_order_acquire) > 1) {
            ValueData* fresh = make(value.data_->content);
            release(value.data_);
            value.data_ = fresh;
        }
        return *value.data_;
    }
    // Before handing out a mutable reference into the node.
    static ValueData& pin(Value& value) {
        auto& data = own(value);
        data.shareable = false;
        return data;
    }
};
}  // namespace detail

#if CFNGEN_POOL_VALUES
namespace {
// A template is thousands of small value nodes made and dropped in bursts:
// each thread keeps the nodes it frees for its next ones, in slabs it never
// returns (what a synth peaks at, a few hundred KiB). Sanitizer builds use
// the plain allocator, so that AddressSanitizer sees every node.
union PoolNode {
    PoolNode* next;  // while free
    alignas(detail::ValueData) unsigned char bytes[sizeof(detail::ValueData)];
};

PoolNode*& free_nodes() {
    thread_local PoolNode* head = nullptr;
    return head;
}
}  // namespace

// Nothing derives from ValueData: every request is one node.
void* detail::ValueData::operator new(std::size_t) {
    auto& head = free_nodes();
    if (!head) {
        constexpr std::size_t kSlabNodes = 256;
        auto* slab = static_cast<PoolNode*>(::operator new(sizeof(PoolNode) * kSlabNodes));
        for (std::size_t i = 0; i < kSlabNodes; ++i) slab[i].next = i + 1 < kSlabNodes ? &slab[i + 1] : nullptr;
        head = slab;
    }
    PoolNode* node = head;
    head = node->next;
    return node;
}

void detail::ValueData::operator delete(void* memory) noexcept {
    auto* node = static_cast<PoolNode*>(memory);
    node->next = free_nodes();
    free_nodes() = node;
}
#endif

namespace {

using detail::ValueData;

template <class T>
const T* get_if(const Value& value) {
    const auto* data = ValueData::of(value);
    return data ? std::get_if<T>(&data->content) : nullptr;
}

[[noreturn]] void wrong_kind(const Value& value, const char* wanted) {
    throw Error(std::string("value is not ") + wanted + ": " + value.dump().substr(0, 200));
}

bool is_pair(const Value& element) {
    const auto* list = get_if<ValueData::Array>(element);
    return list && list->size() == 2 && (*list)[0].is_string();
}

}  // namespace

Value::Value() noexcept = default;
Value::Value(std::nullptr_t) noexcept {}
Value::Value(Boolean value) : data_(ValueData::make(value.value)) {}
Value::Value(Signed value) : data_(ValueData::make(value.value)) {}
Value::Value(Unsigned value) : data_(ValueData::make(value.value)) {}
Value::Value(Floating value) : data_(ValueData::make(value.value)) {}
Value::Value(const char* text) : Value(std::string(text)) {}
Value::Value(std::string text) : data_(ValueData::make(std::move(text))) {}
Value::Value(std::string_view text) : Value(std::string(text)) {}
Value::Value(std::vector<Value> elements) : data_(ValueData::make(std::move(elements))) {}
Value::Value(std::map<std::string, Value> members) : Value(Value::object()) {
    auto& object = std::get<ValueData::Object>(data_->content);
    for (auto& [key, member] : members) object.emplace(key, std::move(member));
}
Value::Value(std::map<std::string, Value, std::less<>> members)
    : data_(ValueData::make(std::move(members))) {}

Value::Value(std::initializer_list<Value> elements) {
    const bool object = elements.size() > 0 && std::all_of(elements.begin(), elements.end(), is_pair);
    if (!object) {
        data_ = ValueData::make(ValueData::Array(elements));
        return;
    }
    ValueData::Object members;
    for (const auto& pair : elements) members.insert_or_assign(pair[0].as_string(), pair[1]);
    data_ = ValueData::make(std::move(members));
}

Value::Value(const Value& other) : data_(ValueData::share(other.data_)) {}
Value::Value(Value&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}
Value& Value::operator=(const Value& other) {
    if (this != &other) *this = Value(other);
    return *this;
}
Value& Value::operator=(Value&& other) noexcept {
    std::swap(data_, other.data_);
    return *this;
}
Value::~Value() { ValueData::release(data_); }

Value Value::array(std::vector<Value> elements) { return Value(std::move(elements)); }
Value Value::object() { return Value(ValueData::Object{}); }
Value Value::parse(std::string_view json) {
    try {
        return value_of(Json::parse(json));
    } catch (const Json::parse_error& e) {
        throw Error(std::string("not JSON: ") + e.what());
    }
}

bool Value::is_boolean() const noexcept { return get_if<bool>(*this); }
bool Value::is_integer() const noexcept { return get_if<std::int64_t>(*this) || get_if<std::uint64_t>(*this); }
bool Value::is_number() const noexcept { return is_integer() || get_if<double>(*this); }
bool Value::is_string() const noexcept { return get_if<std::string>(*this); }
bool Value::is_array() const noexcept { return get_if<ValueData::Array>(*this); }
bool Value::is_object() const noexcept { return get_if<ValueData::Object>(*this); }

std::size_t Value::size() const noexcept {
    if (const auto* list = get_if<ValueData::Array>(*this)) return list->size();
    if (const auto* object = get_if<ValueData::Object>(*this)) return object->size();
    return 0;
}

bool Value::contains(std::string_view key) const {
    const auto* object = get_if<ValueData::Object>(*this);
    return object && object->find(key) != object->end();
}

Value& Value::operator[](std::string_view key) {
    if (is_null()) *this = Value::object();
    if (!is_object()) wrong_kind(*this, "an object");
    auto* object = std::get_if<ValueData::Object>(&ValueData::pin(*this).content);
    const auto found = object->find(key);
    if (found != object->end()) return found->second;
    return object->emplace(std::string(key), Value()).first->second;
}

bool Value::erase(std::string_view key) {
    if (!is_object()) return false;
    auto* object = std::get_if<ValueData::Object>(&ValueData::pin(*this).content);
    const auto found = object->find(key);
    if (found == object->end()) return false;
    object->erase(found);
    return true;
}

const Value& Value::operator[](std::string_view key) const {
    static const Value none;
    const auto* object = get_if<ValueData::Object>(*this);
    if (!object) return none;
    const auto found = object->find(key);
    return found == object->end() ? none : found->second;
}

Value& Value::element(std::size_t index) {
    auto* list = is_array() ? &std::get<ValueData::Array>(ValueData::pin(*this).content) : nullptr;
    if (!list || index >= list->size()) wrong_kind(*this, ("a list with element " + std::to_string(index)).c_str());
    return (*list)[index];
}

const Value& Value::element(std::size_t index) const {
    const auto* list = get_if<ValueData::Array>(*this);
    if (!list || index >= list->size()) wrong_kind(*this, ("a list with element " + std::to_string(index)).c_str());
    return (*list)[index];
}

void Value::push_back(Value element) {
    if (is_null()) *this = Value::array();
    if (!is_array()) wrong_kind(*this, "a list");
    auto* list = std::get_if<ValueData::Array>(&ValueData::own(*this).content);
    list->push_back(std::move(element));
}

bool Value::as_bool() const {
    if (const auto* flag = get_if<bool>(*this)) return *flag;
    wrong_kind(*this, "a boolean");
}

std::int64_t Value::as_integer() const {
    if (const auto* n = get_if<std::int64_t>(*this)) return *n;
    if (const auto* n = get_if<std::uint64_t>(*this)) return static_cast<std::int64_t>(*n);
    wrong_kind(*this, "an integer");
}

double Value::as_number() const {
    if (const auto* n = get_if<double>(*this)) return *n;
    if (is_integer()) return static_cast<double>(as_integer());
    wrong_kind(*this, "a number");
}

const std::string& Value::as_string() const {
    if (const auto* text = get_if<std::string>(*this)) return *text;
    wrong_kind(*this, "a string");
}

const std::vector<Value>& Value::elements() const {
    if (const auto* list = get_if<ValueData::Array>(*this)) return *list;
    wrong_kind(*this, "a list");
}

const std::map<std::string, Value, std::less<>>& Value::members() const {
    if (const auto* object = get_if<ValueData::Object>(*this)) return *object;
    wrong_kind(*this, "an object");
}

std::string Value::dump(int indent) const { return json_of(*this).dump(indent); }

bool Value::equals(const Value& other) const {
    if (is_number() && other.is_number()) {
        if (is_integer() && other.is_integer()) {
            const auto* a = get_if<std::uint64_t>(*this);
            const auto* b = get_if<std::uint64_t>(other);
            if (a && b) return *a == *b;
            if (!a && !b) return as_integer() == other.as_integer();
            const auto unsigned_one = a ? *a : *b;
            const auto signed_one = a ? other.as_integer() : as_integer();
            return signed_one >= 0 && static_cast<std::uint64_t>(signed_one) == unsigned_one;
        }
        return as_number() == other.as_number();
    }
    const auto* a = ValueData::of(*this);
    const auto* b = ValueData::of(other);
    if (!a || !b || a == b) return a == b;
    return a->content == b->content;
}

Json json_of(const Value& value) {
    const auto* data = ValueData::of(value);
    if (!data) return nullptr;
    return std::visit(
        [](const auto& content) -> Json {
            using T = std::decay_t<decltype(content)>;
            if constexpr (std::is_same_v<T, ValueData::Array>) {
                Json::array_t list;
                list.reserve(content.size());
                for (const auto& element : content) list.push_back(json_of(element));
                return Json(std::move(list));
            } else if constexpr (std::is_same_v<T, ValueData::Object>) {
                // Both maps order keys alike: each member goes at the end.
                Json::object_t object;
                for (const auto& [key, member] : content) object.emplace_hint(object.end(), key, json_of(member));
                return Json(std::move(object));
            } else {
                return Json(content);
            }
        },
        data->content);
}

Value value_of(const Json& json) {
    switch (json.type()) {
        case Json::value_t::null: return Value();
        case Json::value_t::boolean: return Value(json.get<bool>());
        case Json::value_t::number_integer: return Value(json.get<std::int64_t>());
        case Json::value_t::number_unsigned: return Value(json.get<std::uint64_t>());
        case Json::value_t::number_float: return Value(json.get<double>());
        case Json::value_t::string: return Value(json.get_ref<const std::string&>());
        case Json::value_t::array: {
            std::vector<Value> elements;
            elements.reserve(json.size());
            for (const auto& element : json) elements.push_back(value_of(element));
            return Value(std::move(elements));
        }
        case Json::value_t::object: {
            std::map<std::string, Value, std::less<>> members;
            for (const auto& [key, member] : json.items()) members.emplace(key, value_of(member));
            return Value(std::move(members));
        }
        default: throw Error("a binary or discarded JSON value has no template value");
    }
}

}  // namespace cfngen
