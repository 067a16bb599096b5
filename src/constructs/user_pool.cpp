#include "cfngen/constructs/user_pool.hpp"

#include "cfngen/constructs/http_api.hpp"
#include "cfngen/error.hpp"
#include "cfngen/resources/apigateway/Authorizer.hpp"
#include "cfngen/resources/apigateway/RestApi.hpp"
#include "cfngen/resources/cognito/UserPool.hpp"
#include "cfngen/resources/cognito/UserPoolClient.hpp"
#include "cfngen/resources/cognito/UserPoolDomain.hpp"
#include "cfngen/template.hpp"
#include "constructs/detail/intrinsic_value.hpp"
#include "model/construct_state.hpp"
#include "model/json.hpp"

#include <cctype>

namespace cfngen::constructs {

using ::cfngen::detail::ConstructState;

namespace {

// The text of a string, or of a Fn::Sub's string (its first element when it
// has a variables map); null for anything else.
const Value* text_of(const Value& value) {
    if (value.is_string()) return &value;
    if (!value.is_object() || value.size() != 1 || !value.contains("Fn::Sub")) return nullptr;
    const Value& sub = value["Fn::Sub"];
    if (sub.is_string()) return &sub;
    return sub.is_array() && sub.size() > 0 && sub[0].is_string() ? &sub[0] : nullptr;
}

void set_sign_in(cognito::UserPool& pool, const std::string& id, const UserPoolProps& props) {
    const auto& aliases = props.sign_in_aliases;
    if (!aliases.username && !aliases.email && !aliases.phone) throw Error("UserPool " + id + ": no sign-in alias");
    // Without a username, the email and/or phone are the usernames; with
    // one, they are aliases of it (Cognito developer guide,
    // user-pool-settings-attributes.html, "Signing in").
    // Value arrays, not std::vector<std::string>: GCC 12 at -O3 warns falsely
    // (stringop-overread) on short literals pushed into the latter.
    Value attributes = Value::array();
    if (aliases.email) attributes.push_back("email");
    if (aliases.phone) attributes.push_back("phone_number");
    if (!aliases.username) {
        if (aliases.preferred_username) throw Error("UserPool " + id + ": preferred_username is an alias of a username");
        pool.set_property("UsernameAttributes", attributes);
    } else {
        Value alias_attributes = attributes;
        if (aliases.preferred_username) alias_attributes.push_back("preferred_username");
        if (!alias_attributes.empty()) pool.set_property("AliasAttributes", alias_attributes);
    }
    if (props.verify_aliases && !attributes.empty()) pool.set_property("AutoVerifiedAttributes", attributes);
    pool.set_property("UsernameConfiguration", Value{{"CaseSensitive", props.case_sensitive_sign_in}});
    // Recovery by a verified email, else a verified phone.
    Value mechanisms = Value::array();
    if (aliases.email) mechanisms.push_back(Value{{"Name", "verified_email"}, {"Priority", static_cast<int>(mechanisms.size()) + 1}});
    if (aliases.phone) mechanisms.push_back(Value{{"Name", "verified_phone_number"}, {"Priority", static_cast<int>(mechanisms.size()) + 1}});
    if (!mechanisms.empty()) pool.set_property("AccountRecoverySetting", Value{{"RecoveryMechanisms", mechanisms}});
}

void set_password_and_mfa(cognito::UserPool& pool, const std::string& id, const UserPoolProps& props) {
    const auto& policy = props.password_policy;
    // Cognito takes 6-99 characters and temporary passwords of 0-365 days.
    if (policy.min_length < 6 || policy.min_length > 99) throw Error("UserPool " + id + ": min_length " + std::to_string(policy.min_length) + " is outside 6-99");
    if (policy.temporary_password_validity_days < 0 || policy.temporary_password_validity_days > 365)
        throw Error("UserPool " + id + ": temporary_password_validity_days is outside 0-365");
    pool.set_property("Policies", Value{{"PasswordPolicy", Value{{"MinimumLength", policy.min_length}, {"RequireLowercase", policy.require_lowercase},
                                                                   {"RequireUppercase", policy.require_uppercase}, {"RequireNumbers", policy.require_digits},
                                                                   {"RequireSymbols", policy.require_symbols},
                                                                   {"TemporaryPasswordValidityDays", policy.temporary_password_validity_days}}}});
    if (props.mfa == Mfa::Off) {
        pool.set_property("MfaConfiguration", "OFF");
        return;
    }
    if (!props.mfa_otp && !props.mfa_sms) throw Error("UserPool " + id + ": MFA with neither OTP nor SMS");
    if (props.mfa_sms) throw Error("UserPool " + id + ": SMS MFA needs an SNS caller role for Cognito, which UserPool does not make; use mfa_otp");
    pool.set_property("MfaConfiguration", props.mfa == Mfa::Required ? "ON" : "OPTIONAL");
    pool.set_property("EnabledMfas", Value::array({"SOFTWARE_TOKEN_MFA"}));
}

}  // namespace

UserPool::UserPool(Template& scope, const std::string& id, UserPoolProps props) : scope_(&scope) {
    auto pool = cognito::UserPool(id);
    if (!props.user_pool_name.empty()) pool.set_property("UserPoolName", props.user_pool_name);
    set_sign_in(pool, id, props);
    set_password_and_mfa(pool, id, props);
    pool.set_property("AdminCreateUserConfig", Value{{"AllowAdminCreateUserOnly", !props.self_sign_up}});
    if (props.sign_in_aliases.email && props.verify_aliases) {
        if (props.verification_email_body.find("{####}") == std::string::npos)
            throw Error("UserPool " + id + ": verification_email_body has no {####} for the code");
        pool.set_property("VerificationMessageTemplate", Value{{"DefaultEmailOption", "CONFIRM_WITH_CODE"},
                                                               {"EmailSubject", props.verification_email_subject},
                                                               {"EmailMessage", props.verification_email_body}});
    }
    if (props.deletion_protection) pool.set_property("DeletionProtection", "ACTIVE");
    pool_ = &scope.add(std::move(pool));
    pool_->deletion_policy(props.removal_policy).update_replace_policy(props.removal_policy);
}

Intrinsic UserPool::user_pool_id() const { return pool_->ref(); }
Intrinsic UserPool::arn() const { return pool_->Arn(); }
Intrinsic UserPool::provider_url() const {
    return fn::sub("https://cognito-idp.${AWS::Region}.amazonaws.com/" + ConstructState::sub_variable(*pool_));
}

UserPoolClient UserPool::add_client(const std::string& id, UserPoolClientProps props) const {
    auto client = cognito::UserPoolClient(id);
    client.set_property("UserPoolId", user_pool_id());
    if (!props.client_name.empty()) client.set_property("ClientName", props.client_name);
    if (props.generate_secret) client.set_property("GenerateSecret", true);
    Value flows = Value::array({"ALLOW_REFRESH_TOKEN_AUTH"});
    if (props.auth_user_srp) flows.push_back("ALLOW_USER_SRP_AUTH");
    if (props.auth_user_password) flows.push_back("ALLOW_USER_PASSWORD_AUTH");
    if (props.auth_admin_user_password) flows.push_back("ALLOW_ADMIN_USER_PASSWORD_AUTH");
    client.set_property("ExplicitAuthFlows", flows);
    if (!props.callback_urls.empty()) {
        Value oauth = Value::array();
        if (props.oauth_authorization_code) oauth.push_back("code");
        if (props.oauth_implicit) oauth.push_back("implicit");
        if (props.oauth_client_credentials) {
            if (!props.generate_secret) throw Error("UserPool " + pool_->logical_id() + ": client " + id + ": client credentials need generate_secret");
            oauth.push_back("client_credentials");
        }
        if (oauth.empty()) throw Error("UserPool " + pool_->logical_id() + ": client " + id + " has callback URLs but no OAuth flow");
        for (const auto& url : props.callback_urls) {
            // A deploy-time URL is checked by what it starts with, when it says.
            const Value* text = text_of(url);
            if (!text && detail::is_intrinsic(url)) continue;
            if (!text || (!text->as_string().starts_with("https://") && !text->as_string().starts_with("http://localhost")))
                throw Error("UserPool " + pool_->logical_id() + ": client " + id + ": callback URL '" + (text ? text->as_string() : url.dump()) +
                            "' is not https (or http://localhost)");
        }
        client.set_property("AllowedOAuthFlowsUserPoolClient", true);
        client.set_property("AllowedOAuthFlows", oauth);
        client.set_property("AllowedOAuthScopes", Value(props.oauth_scopes));
        client.set_property("CallbackURLs", Value(props.callback_urls));
        if (!props.logout_urls.empty()) client.set_property("LogoutURLs", Value(props.logout_urls));
        client.set_property("SupportedIdentityProviders", Value::array({"COGNITO"}));
    }
    if (props.prevent_user_existence_errors) client.set_property("PreventUserExistenceErrors", "ENABLED");
    // Cognito's ranges: access and ID tokens 5 minutes to a day, refresh
    // tokens up to 10 years (UserPoolClient docs).
    if (props.access_token_validity_minutes < 5 || props.access_token_validity_minutes > 1440 ||
        props.id_token_validity_minutes < 5 || props.id_token_validity_minutes > 1440)
        throw Error("UserPool " + pool_->logical_id() + ": client " + id + ": token validity outside 5-1440 minutes");
    if (props.refresh_token_validity_days < 1 || props.refresh_token_validity_days > 3650)
        throw Error("UserPool " + pool_->logical_id() + ": client " + id + ": refresh token validity outside 1-3650 days");
    client.set_property("AccessTokenValidity", props.access_token_validity_minutes);
    client.set_property("IdTokenValidity", props.id_token_validity_minutes);
    client.set_property("RefreshTokenValidity", props.refresh_token_validity_days);
    client.set_property("TokenValidityUnits", Value{{"AccessToken", "minutes"}, {"IdToken", "minutes"}, {"RefreshToken", "days"}});
    auto& added = scope_->add(std::move(client));
    return UserPoolClient(id, added.ref());
}

Intrinsic UserPool::add_domain(const std::string& id, Value domain_prefix) const {
    // A Fn::Sub prefix ("alerts-${AWS::AccountId}": unique per account) is
    // checked on its literal text.
    const Value* prefix = text_of(domain_prefix);
    if (!prefix || (!domain_prefix.is_string() && !domain_prefix["Fn::Sub"].is_string()))
        throw Error("UserPool " + pool_->logical_id() + ": domain prefix " + domain_prefix.dump() + " is not a string or a Fn::Sub string");
    const std::string& text = prefix->as_string();
    std::string literal = text;
    if (!domain_prefix.is_string()) {
        literal.clear();
        std::size_t pos = 0;
        for (const auto& variable : sub_variables(text)) {
            literal += text.substr(pos, variable.start - pos) + "x";  // a variable stands for letters and digits
            pos = variable.end;
        }
        literal += text.substr(pos);
    }
    // Lower-case letters, digits and hyphens, not at either end, and no
    // "aws", "amazon" or "cognito" (Cognito developer guide, cognito-user-pools-assign-domain-prefix.html).
    const bool shaped = !literal.empty() && literal.size() <= 63 && literal.front() != '-' && literal.back() != '-' &&
                        literal.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
    if (!shaped || literal.find("aws") != std::string::npos || literal.find("amazon") != std::string::npos ||
        literal.find("cognito") != std::string::npos)
        throw Error("UserPool " + pool_->logical_id() + ": domain prefix '" + text +
                    "' is not lower-case letters, digits and inner hyphens without aws, amazon or cognito");
    auto domain = cognito::UserPoolDomain(id);
    domain.set_property("Domain", domain_prefix);
    domain.set_property("UserPoolId", user_pool_id());
    scope_->add(std::move(domain));
    return fn::sub("https://" + text + ".auth.${AWS::Region}.amazoncognito.com");
}

void UserPool::grant(const Grantee& grantee, std::vector<std::string> actions) const {
    for (const auto& action : actions)
        if (!action.starts_with("cognito-idp:")) throw Error("UserPool " + pool_->logical_id() + ": '" + action + "' is not a cognito-idp action");
    constructs::grant(grantee, std::move(actions), {arn()});
}

CognitoUserPoolsAuthorizer::CognitoUserPoolsAuthorizer(const RestApi& api, const std::string& id, std::vector<const UserPool*> pools,
                                                       CognitoAuthorizerProps props) {
    if (pools.empty()) throw Error("CognitoUserPoolsAuthorizer " + id + ": no user pool");
    if (props.results_cache_ttl_s < 0 || props.results_cache_ttl_s > 3600) throw Error("CognitoUserPoolsAuthorizer " + id + ": cache TTL outside 0-3600 s");
    std::vector<Value> arns;
    for (const UserPool* pool : pools) arns.push_back(pool->arn());
    auto authorizer = apigateway::Authorizer(id);
    authorizer.set_property("RestApiId", api.rest_api_id());
    authorizer.set_property("Name", props.name.empty() ? id : props.name);
    authorizer.set_property("Type", "COGNITO_USER_POOLS");
    authorizer.set_property("IdentitySource", props.identity_source);
    authorizer.set_property("ProviderARNs", Value(arns));
    if (props.results_cache_ttl_s != 300) authorizer.set_property("AuthorizerResultTtlInSeconds", props.results_cache_ttl_s);
    this->id = api.scope().add(std::move(authorizer)).ref();
    type = "COGNITO_USER_POOLS";
    api.redeploy();
}

Value add_user_pool_authorizer(const HttpApi& api, const std::string& id, const UserPool& pool, std::vector<UserPoolClient> clients) {
    if (clients.empty()) throw Error("HttpApi: user pool authorizer " + id + " names no client (the tokens' audience)");
    std::vector<Value> audience;
    for (const auto& client : clients) audience.push_back(client.client_id());
    return api.add_jwt_authorizer(id, pool.provider_url(), std::move(audience));
}

}  // namespace cfngen::constructs
