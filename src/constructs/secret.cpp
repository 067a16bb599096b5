#include "cfngen/constructs/secret.hpp"

#include "cfngen/constructs/key.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/secretsmanager/Secret.hpp"
#include "cfngen/resources/secretsmanager/SecretTargetAttachment.hpp"
#include "cfngen/template.hpp"

namespace cfngen::constructs {

Secret::Secret(Template& scope, const std::string& id, SecretProps props)
    : scope_(&scope), key_(props.encryption_key ? std::vector<Key>{*props.encryption_key} : std::vector<Key>{}) {
    const std::string what = "Secret " + id;
    // GenerateSecretString's PasswordLength: 1-4096 (AWS::SecretsManager::Secret GenerateSecretString).
    if (props.password_length < 1 || props.password_length > 4096) throw Error(what + ": password_length is outside 1-4096");
    if (props.secret_string_template.empty() != props.generate_key.empty())
        throw Error(what + ": secret_string_template and generate_key go together (a JSON document and the key generated into it)");
    auto secret = secretsmanager::Secret(id);
    if (!props.secret_name.empty()) secret.Name(props.secret_name);
    if (!props.description.empty()) secret.Description(props.description);
    if (props.encryption_key) secret.KmsKeyId(props.encryption_key->arn());
    Value generate{{"PasswordLength", props.password_length}};
    if (!props.exclude_characters.empty()) generate["ExcludeCharacters"] = props.exclude_characters;
    if (!props.generate_key.empty()) {
        generate["SecretStringTemplate"] = props.secret_string_template;
        generate["GenerateStringKey"] = props.generate_key;
    }
    secret.set_property("GenerateSecretString", std::move(generate));
    secret_ = &scope.add(std::move(secret));
    secret_->deletion_policy(props.removal_policy).update_replace_policy(props.removal_policy);
}

Intrinsic Secret::arn() const { return secret_->ref(); }

Value Secret::secret_value_from_json(const std::string& json_key) const {
    return fn::join("", {"{{resolve:secretsmanager:", arn(), ":SecretString:" + json_key + "::}}"});
}

void Secret::grant_read(const Grantee& grantee) const {
    grant(grantee, {"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"}, {arn()});
    if (!key_.empty()) key_.front().grant_decrypt(grantee);
}

void Secret::grant_write(const Grantee& grantee) const {
    grant(grantee, {"secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret"}, {arn()});
    if (!key_.empty()) key_.front().grant(grantee, {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"});
}

void Secret::attach_to(Value target_id, const std::string& target_type) const {
    if (target_type != "AWS::RDS::DBCluster" && target_type != "AWS::RDS::DBInstance")
        throw Error("Secret " + secret_->logical_id() + ": attach_to takes AWS::RDS::DBCluster or AWS::RDS::DBInstance, not " + target_type);
    auto attachment = secretsmanager::SecretTargetAttachment(secret_->logical_id() + "Attachment").SecretId(arn()).TargetType(target_type);
    attachment.set_property("TargetId", std::move(target_id));
    scope_->add(std::move(attachment));
}

}  // namespace cfngen::constructs
