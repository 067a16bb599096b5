// The explicit instantiations of the lists the constructs' headers declare
// extern: compiled once here, so a stack file that fills them compiles none
// of std::vector's code (bench/RESULTS.md, section 8).

#include "cfngen/constructs.hpp"

template class std::vector<cfngen::Value>;
template class std::vector<std::string>;
template class std::vector<cfngen::constructs::Dimension>;
template class std::vector<cfngen::constructs::NamedMetric>;
template class std::vector<cfngen::constructs::EnvironmentVariable>;
template class std::vector<cfngen::constructs::SecretEnvironmentVariable>;
template class std::vector<cfngen::constructs::GlobalIndex>;
template class std::vector<cfngen::constructs::Match>;
template class std::vector<cfngen::constructs::DetailField>;
template class std::vector<cfngen::constructs::IntegrationResponse>;
template class std::vector<cfngen::constructs::MethodResponse>;
template class std::vector<cfngen::constructs::CorsOptions>;
template class std::map<std::string, std::string>;
template class std::map<std::string, bool>;
template class std::map<std::string, cfngen::Value>;
template class std::vector<cfngen::constructs::FunctionAssociation>;
template class std::vector<cfngen::constructs::ErrorResponse>;
template class std::vector<std::pair<std::string, cfngen::constructs::BehaviorOptions>>;
template class std::vector<cfngen::constructs::State>;
