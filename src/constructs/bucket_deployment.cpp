#include "cfngen/constructs/bucket_deployment.hpp"

#include "cfngen/app.hpp"
#include "cfngen/asset.hpp"
#include "cfngen/constructs/bucket.hpp"
#include "cfngen/constructs/distribution.hpp"
#include "cfngen/constructs/function.hpp"
#include "cfngen/error.hpp"
#include "cfngen/template.hpp"

#include <filesystem>

namespace cfngen::constructs {

namespace detail {
std::string bucket_deployment_handler();
}

namespace {
// The folder's own name: a template does not carry where it was synthesized.
std::string folder_name(const std::string& folder) {
    auto path = std::filesystem::path(folder).lexically_normal();
    if (!path.has_filename()) path = path.parent_path();
    return path.filename().string();
}
}  // namespace

BucketDeployment::BucketDeployment(Template& scope, const std::string& id, BucketDeploymentProps props) {
    if (!props.destination) throw Error("BucketDeployment " + id + ": no destination bucket");
    if (props.source_folder.empty()) throw Error("BucketDeployment " + id + ": no source_folder");
    if (props.destination_prefix.starts_with("/")) throw Error("BucketDeployment " + id + ": destination_prefix '" + props.destination_prefix + "' starts with /");
    for (const auto& path : props.distribution_paths)
        if (!path.starts_with("/")) throw Error("BucketDeployment " + id + ": invalidation path '" + path + "' does not start with /");
    // The site's files under site/, beside the function that copies them.
    const Asset site = Asset::from_folder(id, props.source_folder);
    Asset bundle{id, "", {{"index.js", detail::bucket_deployment_handler(), false}}};
    for (const auto& file : site.files) bundle.files.push_back({"site/" + file.path, file.content, false});
    Function handler(scope, id + "Handler", {.code = Code::from_asset(bundle, AssetMode::Directory), .description = "Copies " + folder_name(props.source_folder) +
                                                 " into its bucket (cfngen BucketDeployment " + id + ")",
                                             .memory_mb = props.memory_mb, .timeout_s = 900});
    const std::string objects = props.destination_prefix.empty() ? "*" : props.destination_prefix + (props.destination_prefix.ends_with("/") ? "*" : "/*");
    props.destination->grant_read_write(handler, objects);
    if (props.distribution) props.distribution->grant_create_invalidation(handler);

    Resource deployment(id, "Custom::CfngenBucketDeployment");
    deployment.set_property("ServiceToken", handler.arn());
    deployment.set_property("DestinationBucketName", props.destination->bucket_name());
    if (!props.destination_prefix.empty()) deployment.set_property("DestinationPrefix", props.destination_prefix);
    deployment.set_property("Prune", props.prune);
    deployment.set_property("RetainOnDelete", props.retain_on_delete);
    // The files' hash: a changed site changes the resource, which copies again.
    deployment.set_property("SourceHash", site.sha256());
    if (!props.cache_control.empty()) deployment.set_property("CacheControl", props.cache_control);
    if (!props.json_files.empty()) {
        Value files = Value::array();
        for (auto& [key, content] : props.json_files) {
            if (key.empty() || key.starts_with("/"))
                throw Error("BucketDeployment " + id + ": JSON file key '" + key + "' is empty or starts with /");
            for (const auto& file : site.files)
                if (file.path == key) throw Error("BucketDeployment " + id + ": JSON file " + key + " is also a file of " + props.source_folder);
            files.push_back(Value{{"Key", key}, {"Content", std::move(content)}});
        }
        deployment.set_property("JsonFiles", std::move(files));
    }
    if (props.distribution) {
        deployment.set_property("DistributionId", props.distribution->distribution_id());
        deployment.set_property("DistributionPaths", Value(props.distribution_paths));
    }
    scope.add(std::move(deployment));
}

}  // namespace cfngen::constructs
