#pragma once
// The crypto price alert system (SPEC.md section 1) as a CloudFormation stack.

#include "cfngen/asset.hpp"
#include "cfngen/template.hpp"

#include <string>
#include <vector>

namespace cfngen::stacks {

enum class AssetMode {
    Inline,     // handler source in Code.ZipFile: plain `aws cloudformation deploy`
    Directory,  // Code is a local asset directory: `aws cloudformation package` first
};

struct CryptoAlertsOptions {
    std::string stage = "dev";
    AssetMode asset_mode = AssetMode::Inline;
};

struct SynthesizedStack {
    Template stack;
    std::vector<Asset> assets;  // to write next to the template in Directory mode
};

// Stage names become part of resource names: [a-z][a-z0-9-]{0,15}.
bool is_valid_stage(const std::string& stage);

// Throws cfngen::Error for an invalid stage.
SynthesizedStack crypto_alerts(const CryptoAlertsOptions& options);

// "crypto-alerts-<stage>.template.json"
std::string template_file_name(const std::string& stage);

}  // namespace cfngen::stacks
