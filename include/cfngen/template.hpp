#pragma once
// A CloudFormation template: parameters, conditions, resources, outputs.
// synth() checks the whole model (dangling references, duplicate ids,
// cycles, missing required properties, undefined conditions, CloudFormation's
// quotas) and returns deterministic JSON, or throws cfngen::Error.

#include "cfngen/output.hpp"
#include "cfngen/parameter.hpp"
#include "cfngen/resource.hpp"
#include "cfngen/value.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace cfngen {

// CloudFormation quotas (AWS CloudFormation User Guide, "quotas").
namespace limits {
inline constexpr std::size_t max_resources = 500;
inline constexpr std::size_t max_parameters = 200;
inline constexpr std::size_t max_outputs = 200;
inline constexpr std::size_t max_body_bytes_s3 = 1'048'576;    // template in S3
inline constexpr std::size_t max_body_bytes_direct = 51'200;   // --template-body
inline constexpr std::size_t max_logical_id_length = 255;
// Lambda inline code (Code.ZipFile) is zipped by CloudFormation; the zip may
// not exceed 4 MB, so source over that size can never deploy.
inline constexpr std::size_t max_inline_code_bytes = 4 * 1024 * 1024;
}  // namespace limits

// The quotas synth() enforces. CloudFormation's by default; a caller may
// change them, as CDK's `@aws-cdk/core:stackResourceLimit` context does,
// e.g. to measure stacks past 500 resources. 0 means unchecked.
struct Quotas {
    std::size_t max_resources = limits::max_resources;
    std::size_t max_body_bytes = limits::max_body_bytes_s3;
};

// A Ref or Fn::GetAtt from one stack of an app to a resource of another:
// the producing stack exports the value, the consuming one imports it.
struct CrossStackReference {
    std::string producer_stack;
    std::string logical_id;
    std::string attribute;  // empty for Ref

    std::string output_id() const;    // "ExportsOutputRefBucket", "ExportsOutputFnGetAttBucketArn"
    std::string export_name() const;  // "<producer stack>:<output id>"
    Value value() const;              // the Ref or Fn::GetAtt the producer exports
};

// What a stack's synthesized template needs from the other stacks of its app.
struct StackLinks {
    std::vector<CrossStackReference> imports;
    std::set<std::string> depends_on;  // stack names
};

namespace detail {
struct TemplateData;
struct TemplateWriter;
struct ConstructState;
}  // namespace detail

class Template {
public:
    explicit Template(std::string description = "");
    // Move-only: it owns its resources. A moved-from template may only be
    // destroyed or assigned to.
    Template(Template&& other) noexcept;
    Template& operator=(Template&& other) noexcept;
    virtual ~Template();

    // Adds a resource and returns a reference to the stored copy, which
    // lives as long as the template.
    template <class R>
    R& add(R resource) {
        static_assert(std::is_base_of_v<Resource, R>, "add() takes a Resource");
        // Allocated here, where R is complete, and owned by the template from
        // the call on (adopt deletes it when the id is refused). Not a
        // std::unique_ptr: <memory> would add a fifth to every stack's compile time.
        return static_cast<R&>(adopt(new R(std::move(resource))));
    }
    Parameter& add(Parameter parameter);
    void add_condition(const std::string& name, Value expression);
    // A rule of the Rules section ({"RuleCondition": ..., "Assertions":
    // [{"Assert": ..., "AssertDescription": ...}]}): CloudFormation checks
    // it before it creates or updates anything. A rule of that name already
    // there is kept (constructs add the same rule more than once).
    void add_rule(const std::string& name, Value rule);
    void add_output(Output output);
    // The Mappings section: `mapping` is {top-level key: {second-level key: value}}.
    void add_mapping(const std::string& name, Value mapping);
    // The Transform section: a macro's name ("AWS::Serverless-2016-10-31"),
    // or a list of them, which CloudFormation runs in order before it reads
    // the resources.
    void set_transform(Value transform);
    // An entry of the template's Metadata section (AWS::CloudFormation::Interface, ...).
    void add_metadata(const std::string& key, Value value);
    // A loop of AWS::LanguageExtensions in `section` (Resources, Outputs or
    // Conditions): the entry "Fn::ForEach::<name>": [identifier, collection,
    // {key template: fragment}], which CloudFormation expands when it
    // deploys (the transform must be declared: set_transform). Written as
    // given; synth checks nothing inside it.
    void add_for_each(const std::string& section, const std::string& name, Value loop);
    // SAM's Globals section: properties every serverless resource of a type
    // shares. The AWS::Serverless transform reads it (set_transform).
    void set_globals(Value globals);
    // A tag every resource gets that the specification says takes tags (a
    // resource's own tag of the same key wins).
    void add_tag(const std::string& key, Value value);
    void set_description(std::string description);
    void set_quotas(Quotas quotas);

    // The resources in the order they were added.
    std::vector<const Resource*> resources() const;
    // The resource of that logical id, for what a construct made inside
    // (its log group, its permissions: AWS CDK's node.findChild); throws
    // Error naming the id when there is none.
    Resource& resource(const std::string& logical_id);
    std::size_t resource_count() const;

    // The checked template as JSON. A template whose resources refer to
    // another stack's (a Stack of an App) is synthesized by the App, which
    // passes `links` to collect those references; without it they are errors.
    Value synth(StackLinks* links = nullptr) const;
    // The checked template as text: 1-space indent, sorted keys, trailing
    // newline; also checks the 1 MB body quota.
    std::string synth_text() const;

protected:
    // The stack name references to this template's resources carry (Stack sets it).
    void set_stack_name(const std::string& name);

private:
    // Checks and writes the template with the library's JSON engine (src/).
    friend struct detail::TemplateWriter;
    // What constructs keep beside the resources (the policy documents their
    // grants build): src/model/construct_state.hpp.
    friend struct detail::ConstructState;
    // Takes ownership of `owned`; throws (and deletes it) for an invalid or
    // taken logical id.
    Resource& adopt(Resource* owned);

    detail::TemplateData* data_;  // owned; compiled in the library
};

// Serialisation used for every template cfngen writes; throws Error over
// `max_body_bytes` (CloudFormation's 1 MB body quota; 0 = unchecked).
std::string to_template_text(const Value& template_json, std::size_t max_body_bytes = limits::max_body_bytes_s3);

}  // namespace cfngen
