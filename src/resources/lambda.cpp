#include "cfngen/resources/lambda.hpp"

#include "cfngen/error.hpp"

#include <fmt/format.h>

namespace cfngen::lambda {

void Function::check() const {
    const auto& code = properties().at("Code");
    if (code.contains("ZipFile") && code["ZipFile"].is_string()) {
        const auto size = code["ZipFile"].get_ref<const std::string&>().size();
        if (size > max_inline_code_bytes)
            throw Error(fmt::format("resource {} property Code.ZipFile is {} bytes; inline code is limited to {}",
                                    logical_id(), size, max_inline_code_bytes));
        const auto& handler = properties().value("Handler", Value());
        if (!handler.is_string() || handler.get<std::string>().rfind("index.", 0) != 0)
            throw Error(fmt::format("resource {} property Handler must start with 'index.' for inline code",
                                    logical_id()));
    }
}

}  // namespace cfngen::lambda
