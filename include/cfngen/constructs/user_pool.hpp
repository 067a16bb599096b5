#pragma once
// Sign-in with Amazon Cognito (AWS CDK's cognito.UserPool, UserPoolClient,
// UserPoolDomain) and the authorizers that check its tokens: a Cognito
// authorizer for a RestApi (apigateway.CognitoUserPoolsAuthorizer) and a
// JWT authorizer for an HttpApi whose issuer and audience come from the
// pool and its clients (apigatewayv2-authorizers.HttpUserPoolAuthorizer).
//
// Logical ids: <id> (the pool), its clients' and domain's ids as given;
// an authorizer by its id.

#include "cfngen/constructs/grant.hpp"
#include "cfngen/constructs/rest_api.hpp"
#include "cfngen/intrinsic.hpp"
#include "cfngen/resource.hpp"

#include <string>
#include <vector>

namespace cfngen::cognito {
class UserPool;
}

namespace cfngen::constructs {

class HttpApi;

// What a user signs in with; the pool's usernames are these (an email
// alias alone makes the email the username).
struct SignInAliases {
    bool username = false;
    bool email = true;
    bool phone = false;
    bool preferred_username = false;
};

struct PasswordPolicy {
    int min_length = 8;
    bool require_lowercase = true;
    bool require_uppercase = true;
    bool require_digits = true;
    bool require_symbols = true;
    int temporary_password_validity_days = 7;
};

// Off, Optional (each user chooses) or Required; by TOTP apps and/or SMS
// (SMS needs an SNS role for Cognito, not made here: otp only by default).
enum class Mfa { Off, Optional, Required };

struct UserPoolProps {
    std::string user_pool_name{};  // empty: CloudFormation names it
    SignInAliases sign_in_aliases{};
    bool self_sign_up = false;  // CDK's default: only administrators create users
    // Verify the email (or phone) alias by a code before it may sign in.
    bool verify_aliases = true;
    std::string verification_email_subject = "Verify your new account";
    std::string verification_email_body = "The verification code to your new account is {####}";
    PasswordPolicy password_policy{};
    Mfa mfa = Mfa::Off;
    bool mfa_otp = true;
    bool mfa_sms = false;
    // "Alice" and "alice" are one user (Cognito's recommendation; CDK's
    // default since 2023).
    bool case_sensitive_sign_in = false;
    bool deletion_protection = false;
    DeletionPolicy removal_policy = DeletionPolicy::Retain;
};

struct UserPoolClientProps {
    std::string client_name{};
    bool generate_secret = false;  // for a server-side app; a browser or mobile app has none
    // Explicit sign-in flows: SRP (the password never leaves the client), and
    // refresh tokens; user_password sends the password (for tests, admin tools).
    bool auth_user_srp = true;
    bool auth_user_password = false;
    bool auth_admin_user_password = false;
    // OAuth 2.0 through the hosted UI, when there are callback URLs:
    // the authorization code grant (PKCE) unless told otherwise.
    // Strings, or deploy-time values (a Fn::Sub of a distribution's domain).
    std::vector<Value> callback_urls{};
    std::vector<Value> logout_urls{};
    bool oauth_authorization_code = true;
    bool oauth_implicit = false;  // tokens in the URL: discouraged (OAuth 2.0 Security BCP)
    bool oauth_client_credentials = false;
    std::vector<std::string> oauth_scopes = {"openid", "email", "profile"};
    // Sign-in errors do not say whether the user exists (Cognito's recommendation).
    bool prevent_user_existence_errors = true;
    int access_token_validity_minutes = 60;
    int id_token_validity_minutes = 60;
    int refresh_token_validity_days = 30;
};

class UserPoolClient {
public:
    Intrinsic client_id() const { return client_id_; }  // Ref
    const std::string& logical_id() const { return logical_id_; }

private:
    friend class UserPool;
    UserPoolClient(std::string logical_id, Intrinsic client_id) : logical_id_(std::move(logical_id)), client_id_(std::move(client_id)) {}
    std::string logical_id_;
    Intrinsic client_id_;
};

class UserPool {
public:
    UserPool(Template& scope, const std::string& id, UserPoolProps props = {});

    cognito::UserPool& resource() const { return *pool_; }
    Template& scope() const { return *scope_; }
    Intrinsic user_pool_id() const;  // Ref
    Intrinsic arn() const;
    // https://cognito-idp.<region>.amazonaws.com/<pool id>: the tokens' issuer.
    Intrinsic provider_url() const;

    UserPoolClient add_client(const std::string& id, UserPoolClientProps props = {}) const;
    // The hosted UI at https://<prefix>.auth.<region>.amazoncognito.com;
    // returns that URL. Prefixes are unique per region across accounts: a
    // fn::sub("name-${AWS::AccountId}") keeps one per account (its literal
    // text is checked, each variable counting as one character).
    Intrinsic add_domain(const std::string& id, Value domain_prefix) const;

    // `actions` (cognito-idp:AdminCreateUser, ...) on this pool.
    void grant(const Grantee& grantee, std::vector<std::string> actions) const;

private:
    Template* scope_;
    cognito::UserPool* pool_;
};

struct CognitoAuthorizerProps {
    std::string name{};  // empty: the id
    std::string identity_source = "method.request.header.Authorization";
    int results_cache_ttl_s = 300;  // API Gateway's default; 0: no caching
};

// A REST API's Cognito authorizer: a method with it takes an ID token (or,
// with authorization_scopes, an access token) of one of the pools.
class CognitoUserPoolsAuthorizer : public RestApiAuthorizer {
public:
    CognitoUserPoolsAuthorizer(const RestApi& api, const std::string& id, std::vector<const UserPool*> pools,
                               CognitoAuthorizerProps props = {});
};

// An HTTP API's JWT authorizer for the pool's tokens, for these clients;
// its id for HttpRouteOptions::authorizer.
Value add_user_pool_authorizer(const HttpApi& api, const std::string& id, const UserPool& pool,
                               std::vector<UserPoolClient> clients);

}  // namespace cfngen::constructs
