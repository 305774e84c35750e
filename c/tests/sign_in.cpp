// C++ sign-ins against `srp-cognito serve` (a Cognito that verifies the claim), over
// libcurl, in the AWS SDK for C++'s shapes (aws_sdk_shapes.hpp): InitiateAuthRequest and
// RespondToAuthChallengeRequest filled from the wrapper's requests, their results turned
// into its responses. Right and wrong passwords, a client with a secret, an email alias,
// a remembered device (ConfirmDevice, then DEVICE_SRP_AUTH; a changed device password
// refused), TOTP MFA handed back and answered, refresh. SRP_COGNITO_SERVE_URL names the
// server, which serves the pools and clients of provision.json (ffi/tests/c_package.rs
// starts it); users are made here, each test its own.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

#include "aws_sdk_shapes.hpp"
#include "srp_cognito.hpp"

namespace {

using srp_cognito::detail::json;

const char PASSWORD[] = "Corr3ct-horse-C++!";

/// A refusal of Cognito's API: its `__type` (NotAuthorizedException, ...).
struct cognito_error : std::runtime_error {
  std::string type;
  cognito_error(std::string t, const std::string& message) : std::runtime_error(t + ": " + message), type(std::move(t)) {}
};

/// Cognito's JSON API over libcurl, with timeouts on every call.
class cognito {
 public:
  cognito() {
    const char* url = std::getenv("SRP_COGNITO_SERVE_URL");
    if (!url) throw std::runtime_error("SRP_COGNITO_SERVE_URL is not set: run through ffi/tests/c_package.rs");
    url_ = url;
  }

  /// POSTs `body` to `operation`; its JSON, or a cognito_error.
  std::string call(const std::string& operation, const std::string& body) {
    CURL* curl = curl_easy_init();
    if (!curl) throw std::runtime_error("curl_easy_init");
    std::string out;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/x-amz-json-1.1");
    headers = curl_slist_append(headers, ("X-Amz-Target: AWSCognitoIdentityProviderService." + operation).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char* p, size_t size, size_t n, void* s) {
      static_cast<std::string*>(s)->append(p, size * n);
      return size * n;
    });
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
    CURLcode done = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (done != CURLE_OK) throw std::runtime_error(operation + ": " + curl_easy_strerror(done));
    if (status != 200) {
      json error = json::parse(out);
      const json* type = error.find("__type");
      const json* message = error.find("message");
      throw cognito_error(type ? std::string(type->text()) : std::to_string(status),
                          message ? std::string(message->text()) : out);
    }
    return out;
  }

  /// An SDK-shaped request sent; its result as the SDK's InitiateAuthResult /
  /// RespondToAuthChallengeResult.
  template <class Request>
  sdk::AuthResult send(const Request& request) {
    return sdk::AuthResult::From(call(request.GetOperationName(), request.SerializePayload()));
  }

 private:
  std::string url_;
};

/// The pools and clients serve was provisioned with.
struct client {
  std::string pool_id;
  std::string client_id;
  std::optional<std::string> secret;
};

client provisioned(std::string_view pool_name, std::string_view client_name) {
  std::ifstream in(SRP_COGNITO_TEST_DIR "/provision.json");
  std::stringstream s;
  s << in.rdbuf();
  json doc = json::parse(s.str());
  for (const json& pool : doc.find("UserPools")->items()) {
    if (pool.find("PoolName")->text() != pool_name) continue;
    for (const json& c : pool.find("Clients")->items()) {
      if (c.find("ClientName")->text() != client_name) continue;
      client out{std::string(pool.find("Id")->text()), std::string(c.find("ClientId")->text()), std::nullopt};
      if (const json* secret = c.find("ClientSecret")) out.secret = std::string(secret->text());
      return out;
    }
  }
  throw std::runtime_error("not in provision.json");
}

std::string unique(const std::string& prefix) {
  static std::mt19937_64 random{std::random_device{}()};
  return prefix + std::to_string(random() % 1000000000);
}

/// Makes a confirmed user with PASSWORD (AdminCreateUser, AdminSetUserPassword).
void make_user(cognito& idp, const client& c, const std::string& username, const std::string& email) {
  std::string create = "{\"UserPoolId\":\"" + c.pool_id + "\",\"Username\":\"" + username +
                       "\",\"TemporaryPassword\":\"Temp-0rary-pass!\",\"MessageAction\":\"SUPPRESS\","
                       "\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"" + email + "\"}]}";
  idp.call("AdminCreateUser", create);
  idp.call("AdminSetUserPassword", "{\"UserPoolId\":\"" + c.pool_id + "\",\"Username\":\"" + username +
                                       "\",\"Password\":\"" + PASSWORD + "\",\"Permanent\":true}");
}

/// What a C++ SDK user's loop does: each response into the next request until the
/// sign-in is signed in or waits on the user.
srp_cognito::step drive(cognito& idp, srp_cognito::sign_in& s, sdk::AuthResult result) {
  for (;;) {
    srp_cognito::step step = s.next(from_sdk(result));
    if (!step.is_respond()) return step;
    result = idp.send(to_sdk_respond(step.respond()));
  }
}

srp_cognito::step start(cognito& idp, srp_cognito::sign_in& s) { return drive(idp, s, idp.send(to_sdk_initiate(s.start()))); }

srp_cognito::authentication_result signed_in(const srp_cognito::step& step) {
  EXPECT_TRUE(step.is_signed_in());
  return step.signed_in();
}

std::string get_username(cognito& idp, const std::string& access_token) {
  json user = json::parse(idp.call("GetUser", "{\"AccessToken\":\"" + access_token + "\"}"));
  return std::string(user.find("Username")->text());
}

std::string refused(const std::function<void()>& f) {
  try {
    f();
  } catch (const cognito_error& e) {
    return e.type;
  }
  return "not refused";
}

/// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a base32 secret at `now`.
std::string totp(const std::string& base32, std::time_t now) {
  std::string key;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : base32) {
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const char* at = std::strchr(alphabet, std::toupper(static_cast<unsigned char>(c)));
    if (c == '=' || !at) continue;
    buffer = (buffer << 5) | static_cast<unsigned>(at - alphabet);
    bits += 5;
    if (bits >= 8) {
      key.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  unsigned char counter[8];
  std::uint64_t step = static_cast<std::uint64_t>(now) / 30;
  for (int i = 7; i >= 0; i--, step >>= 8) counter[i] = static_cast<unsigned char>(step & 0xff);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), counter, sizeof counter, mac, &len);
  int offset = mac[len - 1] & 0x0f;
  std::uint32_t code = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) |
                       (mac[offset + 2] << 8) | mac[offset + 3];
  std::string digits = std::to_string(code % 1000000);
  return std::string(6 - digits.size(), '0') + digits;
}

// The sign-in of the READMEs and the book, as written there (tools/tests/book.rs checks the
// text): `send` and `response_of` are what a transport of one's own does, the request's JSON
// POSTed and the answer read back.
TEST(Serve, TheReadmeSample) {
  cognito idp;
  client c = provisioned("cpp-plain", "public");
  const std::string pool_id = c.pool_id, client_id = c.client_id, username = unique("alice-");
  make_user(idp, c, username, username + "@example.com");
  const std::string password = PASSWORD;
  const std::optional<std::string_view> client_secret;  // a public client
  auto send = [&](const srp_cognito::request& r) {
    return idp.call(r.auth_flow() ? "InitiateAuth" : "RespondToAuthChallenge", std::string(r.json()));
  };
  auto response_of = [](const std::string& body) { return srp_cognito::response::from_json(body); };
  // BEGIN book:sign-in
  srp_cognito::sign_in s({pool_id, client_id, username}, password, client_secret /* optional */);
  srp_cognito::request init = s.start();                 // InitiateAuth
  srp_cognito::step step = s.next(response_of(send(init))); // PASSWORD_VERIFIER answered here
  while (step.is_respond()) step = s.next(response_of(send(step.respond())));
  if (step.is_pending()) { /* MFA, a new password: s.answer(code) is the next request */ }
  const srp_cognito::authentication_result& tokens = step.signed_in();
  // END book:sign-in
  EXPECT_EQ(get_username(idp, tokens.access_token), username);
}

TEST(Serve, RightAndWrongPassword) {
  cognito idp;
  client c = provisioned("cpp-plain", "public");
  std::string name = unique("alice-");
  make_user(idp, c, name, name + "@example.com");
  srp_cognito::sign_in s({c.pool_id, c.client_id, name}, PASSWORD);
  auto tokens = signed_in(start(idp, s));
  EXPECT_EQ(tokens.token_type, "Bearer");
  EXPECT_EQ(get_username(idp, tokens.access_token), name);
  srp_cognito::sign_in wrong({c.pool_id, c.client_id, name}, "Wr0ng-password!");
  EXPECT_EQ(refused([&] { start(idp, wrong); }), "NotAuthorizedException");
}

TEST(Serve, ClientWithASecretAndRefresh) {
  cognito idp;
  client c = provisioned("cpp-plain", "confidential");
  std::string name = unique("bob-");
  make_user(idp, c, name, name + "@example.com");
  srp_cognito::sign_in s({c.pool_id, c.client_id, name}, PASSWORD, *c.secret);
  auto tokens = signed_in(start(idp, s));
  EXPECT_EQ(get_username(idp, tokens.access_token), name);
  srp_cognito::sign_in other({c.pool_id, c.client_id, name}, PASSWORD, std::string_view("not-the-secret"));
  EXPECT_EQ(refused([&] { start(idp, other); }), "NotAuthorizedException");

  // REFRESH_TOKEN_AUTH: SECRET_HASH of Cognito's own username.
  srp_cognito::request refresh = srp_cognito::refresh(c.client_id, tokens.refresh_token, *c.secret, s.username());
  sdk::AuthResult refreshed = idp.send(to_sdk_initiate(refresh));
  ASSERT_TRUE(refreshed.AuthenticationResultHasBeenSet());
  EXPECT_EQ(get_username(idp, std::string(refreshed.GetAuthenticationResult().GetAccessToken().c_str())), name);
  // GetTokensFromRefreshToken, its request sent as the wrapper wrote it.
  srp_cognito::request get = srp_cognito::get_tokens_from_refresh_token(c.client_id, tokens.refresh_token, *c.secret);
  json got = json::parse(idp.call("GetTokensFromRefreshToken", std::string(get.json())));
  EXPECT_FALSE(got.find("AuthenticationResult")->find("AccessToken")->text().empty());
}

TEST(Serve, AnEmailAliasSignsInAsCognitosOwnUsername) {
  cognito idp;
  client c = provisioned("cpp-email", "public");
  std::string email = unique("carol-") + "@example.com";
  make_user(idp, c, email, email);
  srp_cognito::sign_in s({c.pool_id, c.client_id, email}, PASSWORD);
  auto tokens = signed_in(start(idp, s));
  std::string internal = s.username();
  EXPECT_NE(internal, email) << "the challenge's USERNAME is Cognito's, not the alias";
  EXPECT_EQ(get_username(idp, tokens.access_token), internal);
}

TEST(Serve, ARememberedDevice) {
  cognito idp;
  client c = provisioned("cpp-devices", "confidential");
  std::string name = unique("dave-");
  make_user(idp, c, name, name + "@example.com");
  srp_cognito::sign_in first({c.pool_id, c.client_id, name}, PASSWORD, *c.secret);
  auto tokens = signed_in(start(idp, first));
  ASSERT_TRUE(tokens.new_device_key) << "the pool remembers devices";

  // ConfirmDevice and UpdateDeviceStatus in the SDK's shapes.
  srp_cognito::confirmed_device confirmed = srp_cognito::confirm_device(tokens, "gtest");
  sdk::ConfirmDeviceRequest confirm;
  confirm.SetAccessToken(confirmed.request.get("AccessToken")->c_str());
  confirm.SetDeviceKey(confirmed.request.get("DeviceKey")->c_str());
  sdk::DeviceSecretVerifierConfigType config;
  config.SetPasswordVerifier(confirmed.request.get("DeviceSecretVerifierConfig", "PasswordVerifier")->c_str());
  config.SetSalt(confirmed.request.get("DeviceSecretVerifierConfig", "Salt")->c_str());
  confirm.SetDeviceSecretVerifierConfig(config);
  confirm.SetDeviceName(confirmed.request.get("DeviceName")->c_str());
  idp.call(confirm.GetOperationName(), confirm.SerializePayload());
  sdk::UpdateDeviceStatusRequest remember;
  remember.SetAccessToken(tokens.access_token.c_str());
  remember.SetDeviceKey(confirmed.device.key.c_str());
  remember.SetDeviceRememberedStatus(sdk::DeviceRememberedStatusType::remembered);
  idp.call(remember.GetOperationName(), remember.SerializePayload());

  // Signed in again with the device: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER
  // answered by the library; no new device.
  srp_cognito::sign_in again({c.pool_id, c.client_id, name}, PASSWORD, *c.secret, &confirmed.device);
  auto with_device = signed_in(start(idp, again));
  EXPECT_FALSE(with_device.new_device_key);
  json devices = json::parse(idp.call("ListDevices", "{\"AccessToken\":\"" + with_device.access_token + "\"}"));
  ASSERT_EQ(devices.find("Devices")->items().size(), 1u);
  EXPECT_EQ(devices.find("Devices")->items()[0].find("DeviceKey")->text(), confirmed.device.key);

  // A changed device password is refused.
  srp_cognito::remembered_device changed = confirmed.device;
  changed.password.back() = changed.password.back() == 'A' ? 'B' : 'A';
  srp_cognito::sign_in wrong({c.pool_id, c.client_id, name}, PASSWORD, *c.secret, &changed);
  EXPECT_EQ(refused([&] { start(idp, wrong); }), "NotAuthorizedException");
}

TEST(Serve, TotpMfaIsHandedBackAndAnswered) {
  cognito idp;
  client c = provisioned("cpp-mfa", "public");
  std::string name = unique("gina-");
  make_user(idp, c, name, name + "@example.com");
  srp_cognito::sign_in first({c.pool_id, c.client_id, name}, PASSWORD);
  auto tokens = signed_in(start(idp, first));
  const std::string token = "{\"AccessToken\":\"" + tokens.access_token + "\"";
  json associated = json::parse(idp.call("AssociateSoftwareToken", token + "}"));
  std::string secret(associated.find("SecretCode")->text());
  idp.call("VerifySoftwareToken", token + ",\"UserCode\":\"" + totp(secret, std::time(nullptr)) + "\"}");
  idp.call("SetUserMFAPreference",
           token + ",\"SoftwareTokenMfaSettings\":{\"Enabled\":true,\"PreferredMfa\":true}}");

  srp_cognito::sign_in s({c.pool_id, c.client_id, name}, PASSWORD);
  srp_cognito::step step = start(idp, s);
  ASSERT_TRUE(step.is_pending());
  EXPECT_EQ(step.pending().challenge_name, "SOFTWARE_TOKEN_MFA");
  EXPECT_EQ(refused([&] { idp.send(to_sdk_respond(s.answer("000000"))); }), "CodeMismatchException");

  srp_cognito::sign_in again({c.pool_id, c.client_id, name}, PASSWORD);
  step = start(idp, again);
  ASSERT_TRUE(step.is_pending());
  auto done = drive(idp, again, idp.send(to_sdk_respond(again.answer(totp(secret, std::time(nullptr))))));
  EXPECT_EQ(get_username(idp, signed_in(done).access_token), name);
}

}  // namespace

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  ::testing::InitGoogleTest(&argc, argv);
  int result = RUN_ALL_TESTS();
  curl_global_cleanup();
  return result;
}
