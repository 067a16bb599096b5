#include "cfngen/output.hpp"

namespace cfngen {

Value Output::to_json() const {
    Value json = {{"Value", value}};
    if (!description.empty()) json["Description"] = description;
    if (!export_name.is_null()) json["Export"] = {{"Name", export_name}};
    if (!condition.empty()) json["Condition"] = condition;
    return json;
}

}  // namespace cfngen
