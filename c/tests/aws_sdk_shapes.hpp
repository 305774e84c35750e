// The AWS SDK for C++'s types as the tests meet them (the SDK itself cannot be installed
// here): Aws::String and Aws::Map as the SDK defines them when it is built with its own
// memory management (USE_AWS_MEMORY_MANAGEMENT: an allocator that is not std::allocator,
// here one that counts its allocations), and the request and result models of the
// operations a sign-in calls, with the SDK's setters, its Add* methods (which keep the
// first of two equal keys, as the SDK's emplace does), its enums and their name mappers,
// and the JSON the SDK's SerializePayload writes and its result constructors read.
#ifndef SRP_COGNITO_TESTS_AWS_SDK_SHAPES_HPP
#define SRP_COGNITO_TESTS_AWS_SDK_SHAPES_HPP

#include <atomic>
#include <cstddef>
#include <map>
#include <new>
#include <string>
#include <utility>

#include "srp_cognito.hpp"

namespace Aws {

/// Allocations made through Aws::Allocator (the tests check the wrapper used it).
inline std::atomic<long> allocations{0};

template <typename T>
class Allocator {
 public:
  using value_type = T;
  Allocator() noexcept = default;
  template <typename U>
  Allocator(const Allocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    allocations++;
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p); }
  template <typename U>
  bool operator==(const Allocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const Allocator<U>&) const noexcept {
    return false;
  }
};

using String = std::basic_string<char, std::char_traits<char>, Allocator<char>>;
template <typename K, typename V>
using Map = std::map<K, V, std::less<K>, Allocator<std::pair<const K, V>>>;

namespace CognitoIdentityProvider {
namespace Model {

enum class AuthFlowType { NOT_SET, USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, USER_AUTH };
namespace AuthFlowTypeMapper {
inline AuthFlowType GetAuthFlowTypeForName(const String& name) {
  if (name == "USER_SRP_AUTH") return AuthFlowType::USER_SRP_AUTH;
  if (name == "REFRESH_TOKEN_AUTH") return AuthFlowType::REFRESH_TOKEN_AUTH;
  if (name == "REFRESH_TOKEN") return AuthFlowType::REFRESH_TOKEN;
  if (name == "CUSTOM_AUTH") return AuthFlowType::CUSTOM_AUTH;
  if (name == "USER_AUTH") return AuthFlowType::USER_AUTH;
  return AuthFlowType::NOT_SET;
}
inline String GetNameForAuthFlowType(AuthFlowType type) {
  switch (type) {
    case AuthFlowType::USER_SRP_AUTH: return "USER_SRP_AUTH";
    case AuthFlowType::REFRESH_TOKEN_AUTH: return "REFRESH_TOKEN_AUTH";
    case AuthFlowType::REFRESH_TOKEN: return "REFRESH_TOKEN";
    case AuthFlowType::CUSTOM_AUTH: return "CUSTOM_AUTH";
    case AuthFlowType::USER_AUTH: return "USER_AUTH";
    default: return "";
  }
}
}  // namespace AuthFlowTypeMapper

enum class ChallengeNameType {
  NOT_SET,
  PASSWORD_VERIFIER,
  DEVICE_SRP_AUTH,
  DEVICE_PASSWORD_VERIFIER,
  SOFTWARE_TOKEN_MFA,
  SMS_MFA,
  MFA_SETUP,
  NEW_PASSWORD_REQUIRED,
  SELECT_MFA_TYPE,
  CUSTOM_CHALLENGE,
};
namespace ChallengeNameTypeMapper {
inline const char* const names[] = {"",
                                    "PASSWORD_VERIFIER",
                                    "DEVICE_SRP_AUTH",
                                    "DEVICE_PASSWORD_VERIFIER",
                                    "SOFTWARE_TOKEN_MFA",
                                    "SMS_MFA",
                                    "MFA_SETUP",
                                    "NEW_PASSWORD_REQUIRED",
                                    "SELECT_MFA_TYPE",
                                    "CUSTOM_CHALLENGE"};
inline ChallengeNameType GetChallengeNameTypeForName(const String& name) {
  for (int i = 1; i < 10; i++)
    if (name == names[i]) return static_cast<ChallengeNameType>(i);
  return ChallengeNameType::NOT_SET;
}
inline String GetNameForChallengeNameType(ChallengeNameType type) { return names[static_cast<int>(type)]; }
}  // namespace ChallengeNameTypeMapper

namespace detail {
inline void member(std::string& out, const char* name, const String& value) {
  if (out.size() > 1) out.push_back(',');
  srp_cognito::detail::json::quote(name, out);
  out.push_back(':');
  srp_cognito::detail::json::quote(std::string_view(value.data(), value.size()), out);
}
inline void member(std::string& out, const char* name, const Map<String, String>& map) {
  if (out.size() > 1) out.push_back(',');
  srp_cognito::detail::json::quote(name, out);
  out += ":{";
  bool first = true;
  for (const auto& kv : map) {
    if (!first) out.push_back(',');
    first = false;
    srp_cognito::detail::json::quote(std::string_view(kv.first.data(), kv.first.size()), out);
    out.push_back(':');
    srp_cognito::detail::json::quote(std::string_view(kv.second.data(), kv.second.size()), out);
  }
  out.push_back('}');
}
inline String text(const srp_cognito::detail::json& o, std::string_view name) {
  const srp_cognito::detail::json* v = o.find(name);
  if (!v || !v->is_string()) return String();
  return String(v->text().data(), v->text().size());
}
}  // namespace detail

class InitiateAuthRequest {
 public:
  void SetAuthFlow(AuthFlowType flow) { flow_ = flow; }
  void SetClientId(const String& id) { client_id_ = id; }
  void SetAuthParameters(const Map<String, String>& parameters) { parameters_ = parameters; }
  /// As the SDK's: emplace, so the first of two equal keys is kept.
  InitiateAuthRequest& AddAuthParameters(const String& key, const String& value) {
    parameters_.emplace(key, value);
    return *this;
  }
  const Map<String, String>& GetAuthParameters() const { return parameters_; }
  static const char* GetOperationName() { return "InitiateAuth"; }
  std::string SerializePayload() const {
    std::string out = "{";
    detail::member(out, "AuthFlow", AuthFlowTypeMapper::GetNameForAuthFlowType(flow_));
    detail::member(out, "ClientId", client_id_);
    detail::member(out, "AuthParameters", parameters_);
    return out + "}";
  }

 private:
  AuthFlowType flow_ = AuthFlowType::NOT_SET;
  String client_id_;
  Map<String, String> parameters_;
};

class RespondToAuthChallengeRequest {
 public:
  void SetChallengeName(ChallengeNameType name) { name_ = name; }
  void SetClientId(const String& id) { client_id_ = id; }
  void SetSession(const String& session) { session_ = session; }
  void SetChallengeResponses(const Map<String, String>& responses) { responses_ = responses; }
  /// As the SDK's: emplace, so the first of two equal keys is kept.
  RespondToAuthChallengeRequest& AddChallengeResponses(const String& key, const String& value) {
    responses_.emplace(key, value);
    return *this;
  }
  const Map<String, String>& GetChallengeResponses() const { return responses_; }
  static const char* GetOperationName() { return "RespondToAuthChallenge"; }
  std::string SerializePayload() const {
    std::string out = "{";
    detail::member(out, "ChallengeName", ChallengeNameTypeMapper::GetNameForChallengeNameType(name_));
    detail::member(out, "ClientId", client_id_);
    if (!session_.empty()) detail::member(out, "Session", session_);
    detail::member(out, "ChallengeResponses", responses_);
    return out + "}";
  }

 private:
  ChallengeNameType name_ = ChallengeNameType::NOT_SET;
  String client_id_;
  String session_;
  Map<String, String> responses_;
};

class NewDeviceMetadataType {
 public:
  const String& GetDeviceKey() const { return key_; }
  const String& GetDeviceGroupKey() const { return group_key_; }
  String key_, group_key_;
};

class AuthenticationResultType {
 public:
  const String& GetAccessToken() const { return access_; }
  const String& GetIdToken() const { return id_; }
  const String& GetRefreshToken() const { return refresh_; }
  const String& GetTokenType() const { return type_; }
  int GetExpiresIn() const { return expires_in_; }
  bool NewDeviceMetadataHasBeenSet() const { return has_device_; }
  const NewDeviceMetadataType& GetNewDeviceMetadata() const { return device_; }

  static AuthenticationResultType From(const srp_cognito::detail::json& o) {
    AuthenticationResultType r;
    r.access_ = detail::text(o, "AccessToken");
    r.id_ = detail::text(o, "IdToken");
    r.refresh_ = detail::text(o, "RefreshToken");
    r.type_ = detail::text(o, "TokenType");
    if (const auto* e = o.find("ExpiresIn")) r.expires_in_ = std::stoi(std::string(e->text()));
    if (const auto* d = o.find("NewDeviceMetadata")) {
      r.has_device_ = true;
      r.device_.key_ = detail::text(*d, "DeviceKey");
      r.device_.group_key_ = detail::text(*d, "DeviceGroupKey");
    }
    return r;
  }

 private:
  String access_, id_, refresh_, type_;
  int expires_in_ = 0;
  bool has_device_ = false;
  NewDeviceMetadataType device_;
};

/// InitiateAuthResult and RespondToAuthChallengeResult have the same members.
class AuthResult {
 public:
  ChallengeNameType GetChallengeName() const { return name_; }
  const Map<String, String>& GetChallengeParameters() const { return parameters_; }
  const String& GetSession() const { return session_; }
  bool AuthenticationResultHasBeenSet() const { return has_result_; }
  const AuthenticationResultType& GetAuthenticationResult() const { return result_; }

  static AuthResult From(std::string_view json) {
    srp_cognito::detail::json o = srp_cognito::detail::json::parse(json);
    AuthResult r;
    r.name_ = ChallengeNameTypeMapper::GetChallengeNameTypeForName(detail::text(o, "ChallengeName"));
    if (const auto* p = o.find("ChallengeParameters"); p && p->is_object())
      for (const auto& m : p->members())
        r.parameters_.emplace(String(m.first.data(), m.first.size()), String(m.second.text().data(), m.second.text().size()));
    r.session_ = detail::text(o, "Session");
    if (const auto* a = o.find("AuthenticationResult"); a && a->is_object()) {
      r.has_result_ = true;
      r.result_ = AuthenticationResultType::From(*a);
    }
    return r;
  }

 private:
  ChallengeNameType name_ = ChallengeNameType::NOT_SET;
  Map<String, String> parameters_;
  String session_;
  bool has_result_ = false;
  AuthenticationResultType result_;
};
using InitiateAuthResult = AuthResult;
using RespondToAuthChallengeResult = AuthResult;

class DeviceSecretVerifierConfigType {
 public:
  void SetPasswordVerifier(const String& v) { verifier_ = v; }
  void SetSalt(const String& v) { salt_ = v; }
  String verifier_, salt_;
};

class ConfirmDeviceRequest {
 public:
  void SetAccessToken(const String& v) { token_ = v; }
  void SetDeviceKey(const String& v) { key_ = v; }
  void SetDeviceSecretVerifierConfig(const DeviceSecretVerifierConfigType& v) { config_ = v; }
  void SetDeviceName(const String& v) { name_ = v; }
  static const char* GetOperationName() { return "ConfirmDevice"; }
  std::string SerializePayload() const {
    std::string out = "{";
    detail::member(out, "AccessToken", token_);
    detail::member(out, "DeviceKey", key_);
    std::string config = "{";
    detail::member(config, "PasswordVerifier", config_.verifier_);
    detail::member(config, "Salt", config_.salt_);
    out += ",\"DeviceSecretVerifierConfig\":" + config + "}";
    if (!name_.empty()) detail::member(out, "DeviceName", name_);
    return out + "}";
  }

 private:
  String token_, key_, name_;
  DeviceSecretVerifierConfigType config_;
};

enum class DeviceRememberedStatusType { NOT_SET, remembered, not_remembered };

class UpdateDeviceStatusRequest {
 public:
  void SetAccessToken(const String& v) { token_ = v; }
  void SetDeviceKey(const String& v) { key_ = v; }
  void SetDeviceRememberedStatus(DeviceRememberedStatusType v) { status_ = v; }
  static const char* GetOperationName() { return "UpdateDeviceStatus"; }
  std::string SerializePayload() const {
    std::string out = "{";
    detail::member(out, "AccessToken", token_);
    detail::member(out, "DeviceKey", key_);
    detail::member(out, "DeviceRememberedStatus",
                   status_ == DeviceRememberedStatusType::remembered ? "remembered" : "not_remembered");
    return out + "}";
  }

 private:
  String token_, key_;
  DeviceRememberedStatusType status_ = DeviceRememberedStatusType::NOT_SET;
};

}  // namespace Model
}  // namespace CognitoIdentityProvider
}  // namespace Aws

namespace sdk = Aws::CognitoIdentityProvider::Model;

/// The wrapper's request as the SDK's InitiateAuthRequest: what a C++ SDK user writes.
inline sdk::InitiateAuthRequest to_sdk_initiate(const srp_cognito::request& r) {
  sdk::InitiateAuthRequest request;
  request.SetAuthFlow(sdk::AuthFlowTypeMapper::GetAuthFlowTypeForName(Aws::String(r.auth_flow().value().c_str())));
  request.SetClientId(Aws::String(r.client_id().value().c_str()));
  Aws::Map<Aws::String, Aws::String> parameters;
  r.fill_auth_parameters(parameters);
  request.SetAuthParameters(parameters);
  return request;
}

/// The wrapper's request as the SDK's RespondToAuthChallengeRequest.
inline sdk::RespondToAuthChallengeRequest to_sdk_respond(const srp_cognito::request& r) {
  sdk::RespondToAuthChallengeRequest request;
  request.SetChallengeName(
      sdk::ChallengeNameTypeMapper::GetChallengeNameTypeForName(Aws::String(r.challenge_name().value().c_str())));
  request.SetClientId(Aws::String(r.client_id().value().c_str()));
  if (auto session = r.session()) request.SetSession(Aws::String(session->c_str()));
  Aws::Map<Aws::String, Aws::String> responses;
  r.fill_challenge_responses(responses);
  request.SetChallengeResponses(responses);
  return request;
}

/// The SDK's result as the wrapper's response: what a C++ SDK user writes.
inline srp_cognito::response from_sdk(const sdk::AuthResult& result) {
  srp_cognito::response r;
  auto name = sdk::ChallengeNameTypeMapper::GetNameForChallengeNameType(result.GetChallengeName());
  r.challenge_name.assign(name.data(), name.size());
  r.parameters(result.GetChallengeParameters());
  r.session.assign(result.GetSession().data(), result.GetSession().size());
  if (result.AuthenticationResultHasBeenSet()) {
    const auto& a = result.GetAuthenticationResult();
    srp_cognito::authentication_result tokens;
    tokens.access_token.assign(a.GetAccessToken().data(), a.GetAccessToken().size());
    tokens.id_token.assign(a.GetIdToken().data(), a.GetIdToken().size());
    tokens.refresh_token.assign(a.GetRefreshToken().data(), a.GetRefreshToken().size());
    tokens.token_type.assign(a.GetTokenType().data(), a.GetTokenType().size());
    tokens.expires_in = a.GetExpiresIn();
    if (a.NewDeviceMetadataHasBeenSet()) {
      const auto& d = a.GetNewDeviceMetadata();
      tokens.new_device_key = std::string(d.GetDeviceKey().data(), d.GetDeviceKey().size());
      tokens.new_device_group_key = std::string(d.GetDeviceGroupKey().data(), d.GetDeviceGroupKey().size());
    }
    r.result = std::move(tokens);
  }
  return r;
}

#endif  // SRP_COGNITO_TESTS_AWS_SDK_SHAPES_HPP
