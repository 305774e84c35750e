// The C++17 wrapper, through the C ABI: every PASSWORD_VERIFIER vector reproduced, requests
// filling std::map, std::unordered_map and Aws::Map (the SDK's allocator), typed
// exceptions, and sign-ins misused (closed, moved from) and shared between threads.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "aws_sdk_shapes.hpp"
#include "srp_cognito.hpp"

namespace {

using srp_cognito::detail::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A vector file of test-vectors/.
json vectors(const char* name) { return json::parse(read_file(std::string(SRP_COGNITO_VECTORS_DIR "/") + name)); }

std::string field(const json& o, std::string_view name) {
  const json* v = o.find(name);
  return v ? std::string(v->text()) : std::string();
}

/// `Tue Nov 3 08:05:09 UTC 2026` as a time point.
std::chrono::system_clock::time_point at(const std::string& timestamp) {
  std::tm tm{};
  EXPECT_NE(strptime(timestamp.c_str(), "%a %b %d %H:%M:%S UTC %Y", &tm), nullptr) << timestamp;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

/// The PASSWORD_VERIFIER response of a vector's input.
srp_cognito::response challenge(const json& input, std::string_view username = "internal-name") {
  srp_cognito::response r;
  r.challenge_name = "PASSWORD_VERIFIER";
  r.challenge_parameters = {{"USERNAME", std::string(username)},
                            {"USER_ID_FOR_SRP", field(input, "user_id_for_srp")},
                            {"SALT", field(input, "salt")},
                            {"SRP_B", field(input, "srp_b")},
                            {"SECRET_BLOCK", field(input, "secret_block")}};
  r.session = "the-session";
  return r;
}

const srp_cognito::options plain{"us-east-1_Abc", "client", "alice"};

int category_of(const std::function<void()>& f, std::string* category = nullptr) {
  try {
    f();
  } catch (const srp_cognito::error& e) {
    if (category) *category = e.category();
    return e.status();
  }
  return SRP_COGNITO_STATUS_OK;
}

TEST(Wrapper, ReproducesEveryPasswordVerifierVector) {
  json file = vectors("password_verifier.json");
  int checked = 0;
  for (const json& vector : file.find("vectors")->items()) {
    const json& input = *vector.find("input");
    const json& expected = *vector.find("expected");
    srp_cognito::sign_in s({field(input, "pool_id"), "client", "typed-alias"}, field(input, "password"));
    srp_cognito::request init = s.start_with(field(input, "a"));
    EXPECT_EQ(init.auth_flow(), "USER_SRP_AUTH");
    auto parameters = init.map("AuthParameters");
    EXPECT_EQ(parameters["SRP_A"], field(expected, "srp_a")) << field(vector, "id");
    EXPECT_EQ(parameters["USERNAME"], "typed-alias");
    srp_cognito::step step = s.next(challenge(input), at(field(input, "timestamp")));
    ASSERT_TRUE(step.is_respond()) << field(vector, "id");
    auto responses = step.respond().map("ChallengeResponses");
    EXPECT_EQ(responses["PASSWORD_CLAIM_SIGNATURE"], field(expected, "password_claim_signature")) << field(vector, "id");
    EXPECT_EQ(responses["TIMESTAMP"], field(input, "timestamp"));
    EXPECT_EQ(responses["USERNAME"], "internal-name") << "the challenge's USERNAME, never the alias";
    EXPECT_EQ(step.respond().session(), "the-session");
    EXPECT_EQ(s.username(), "internal-name");
    checked++;
  }
  EXPECT_GT(checked, 0);
}

TEST(Wrapper, FillsAnyStringMapWholeAndDuplicateFree) {
  json file = vectors("password_verifier.json");
  const json& input = *file.find("vectors")->items()[0].find("input");
  srp_cognito::sign_in s({field(input, "pool_id"), "client", "typed-alias"}, field(input, "password"), "a-secret");
  s.start_with(field(input, "a"));
  srp_cognito::step step = s.next(challenge(input), at(field(input, "timestamp")));
  const srp_cognito::request& respond = step.respond();

  std::map<std::string, std::string> ordered{{"USERNAME", "typed-alias"}, {"STALE", "x"}};
  respond.fill_challenge_responses(ordered);
  std::unordered_map<std::string, std::string> hashed;
  respond.fill_challenge_responses(hashed);
  long before = Aws::allocations;
  Aws::Map<Aws::String, Aws::String> sdk_map;
  respond.fill_challenge_responses(sdk_map);
  EXPECT_GT(Aws::allocations, before) << "the SDK's allocator built the map";

  // Complete, each key once, the challenge's USERNAME (not what the map held before).
  const std::vector<std::string> keys{"PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "SECRET_HASH",
                                      "TIMESTAMP", "USERNAME"};
  ASSERT_EQ(ordered.size(), keys.size());
  for (const auto& k : keys) {
    EXPECT_EQ(ordered.count(k), 1u) << k;
    EXPECT_EQ(hashed.at(k), ordered.at(k)) << k;
    EXPECT_EQ(std::string(sdk_map.at(Aws::String(k.c_str())).c_str()), ordered.at(k)) << k;
  }
  EXPECT_EQ(ordered.at("USERNAME"), "internal-name");
  EXPECT_EQ(ordered.at("SECRET_HASH"), srp_cognito::secret_hash("internal-name", "client", "a-secret"));

  // The SDK's own AddChallengeResponses keeps the first of two equal keys: a response
  // built by adding the typed alias first would carry it. Filling replaces the whole map.
  sdk::RespondToAuthChallengeRequest added;
  added.AddChallengeResponses("USERNAME", "typed-alias").AddChallengeResponses("USERNAME", "internal-name");
  EXPECT_EQ(added.GetChallengeResponses().at("USERNAME"), "typed-alias");
  sdk::RespondToAuthChallengeRequest filled = to_sdk_respond(respond);
  EXPECT_EQ(filled.GetChallengeResponses().at("USERNAME"), "internal-name");
  EXPECT_NE(filled.SerializePayload().find("\"ChallengeName\":\"PASSWORD_VERIFIER\""), std::string::npos);
}

TEST(Wrapper, RefusalsAreTypedExceptions) {
  std::string category;
  EXPECT_EQ(category_of([] { srp_cognito::sign_in({"no-underscore", "c", "u"}, "p"); }, &category),
            SRP_COGNITO_STATUS_BAD_POOL_ID);
  EXPECT_EQ(category, "bad_pool_id");
  EXPECT_EQ(category_of([] { srp_cognito::sign_in({"us-east-1_Abc", "c", "u", "USER_PASSWORD_AUTH"}, "p"); }),
            SRP_COGNITO_STATUS_BAD_INPUT);
  srp_cognito::sign_in s(plain, "p");
  EXPECT_EQ(category_of([&] { s.next(srp_cognito::response{}); }), SRP_COGNITO_STATUS_OUT_OF_TURN);
  s.start();
  EXPECT_EQ(category_of([&] { s.start(); }), SRP_COGNITO_STATUS_OUT_OF_TURN);
  EXPECT_EQ(category_of([&] { s.answer("123456"); }), SRP_COGNITO_STATUS_OUT_OF_TURN);
  srp_cognito::sign_in fresh(plain, "p");
  EXPECT_EQ(category_of([&] { fresh.start_with("zz"); }, &category), SRP_COGNITO_STATUS_BAD_HEX);
  EXPECT_EQ(category, "bad_hex");
  EXPECT_EQ(category_of([] { srp_cognito::secret_hash("u", "c", ""); }), SRP_COGNITO_STATUS_EMPTY_INPUT);
  EXPECT_EQ(category_of([] { srp_cognito::confirm_device(srp_cognito::authentication_result{}); }),
            SRP_COGNITO_STATUS_MISSING_PARAMETER);
  EXPECT_EQ(category_of([] { srp_cognito::refresh("c", ""); }), SRP_COGNITO_STATUS_EMPTY_INPUT);
  try {
    srp_cognito::sign_in({"no-underscore", "c", "u"}, "p");
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("bad_pool_id: ", 0), 0u) << e.what();
  }
  // The wrapper's JSON reader refuses what is not JSON, typed too.
  EXPECT_EQ(category_of([] { json::parse("{\"a\": }"); }), SRP_COGNITO_STATUS_BAD_JSON);
  EXPECT_EQ(category_of([] { json::parse(std::string(100, '[')); }), SRP_COGNITO_STATUS_BAD_JSON);
}

TEST(Wrapper, PendingChallengesAreHandedBackAndAnswered) {
  srp_cognito::sign_in s(plain, "p");
  s.start();
  srp_cognito::response mfa;
  mfa.challenge_name = "SOFTWARE_TOKEN_MFA";
  mfa.challenge_parameters = {{"USERNAME", "internal"}};
  mfa.session = "s2";
  srp_cognito::step step = s.next(mfa);
  ASSERT_TRUE(step.is_pending());
  EXPECT_EQ(step.pending().challenge_name, "SOFTWARE_TOKEN_MFA");
  EXPECT_EQ(s.pending(), "SOFTWARE_TOKEN_MFA");
  srp_cognito::request answer = s.answer("123456");
  auto responses = answer.map("ChallengeResponses");
  EXPECT_EQ(responses, (std::map<std::string, std::string>{{"SOFTWARE_TOKEN_MFA_CODE", "123456"}, {"USERNAME", "internal"}}));
  EXPECT_EQ(answer.session(), "s2");
  srp_cognito::response tokens;
  tokens.result = srp_cognito::authentication_result{};
  tokens.result->access_token = "a";
  tokens.result->expires_in = 3600;
  step = s.next(tokens);
  ASSERT_TRUE(step.is_signed_in());
  EXPECT_EQ(step.signed_in().access_token, "a");
  EXPECT_EQ(step.signed_in().expires_in, 3600);
  EXPECT_THROW(step.respond(), std::logic_error);

  // NEW_PASSWORD_REQUIRED with attributes, and a name that needs JSON escaping.
  srp_cognito::sign_in n(plain, "p");
  n.start();
  srp_cognito::response change;
  change.challenge_name = "NEW_PASSWORD_REQUIRED";
  change.challenge_parameters = {{"USERNAME", "na\"me\\"}, {"requiredAttributes", "[\"userAttributes.name\"]"}};
  step = n.next(change);
  ASSERT_TRUE(step.is_pending());
  EXPECT_EQ(step.pending().required_attributes, std::vector<std::string>{"name"});
  auto request = n.answer("N3w-password!", {{"name", "Grace \"G\" Hopper"}}).map("ChallengeResponses");
  EXPECT_EQ(request["NEW_PASSWORD"], "N3w-password!");
  EXPECT_EQ(request["userAttributes.name"], "Grace \"G\" Hopper");
  EXPECT_EQ(request["USERNAME"], "na\"me\\");
}

TEST(Wrapper, DevicesAndRefresh) {
  srp_cognito::authentication_result result;
  result.access_token = "access";
  result.new_device_key = "us-east-1_device";
  result.new_device_group_key = "group";
  srp_cognito::confirmed_device confirmed = srp_cognito::confirm_device(result, "gtest");
  EXPECT_EQ(confirmed.request.get("AccessToken"), "access");
  EXPECT_EQ(confirmed.request.get("DeviceKey"), "us-east-1_device");
  EXPECT_EQ(confirmed.request.get("DeviceName"), "gtest");
  EXPECT_TRUE(confirmed.request.get("DeviceSecretVerifierConfig", "PasswordVerifier"));
  EXPECT_TRUE(confirmed.request.get("DeviceSecretVerifierConfig", "Salt"));
  EXPECT_EQ(confirmed.device.key, "us-east-1_device");
  EXPECT_EQ(confirmed.device.group_key, "group");
  EXPECT_GE(confirmed.device.password.size(), 40u);
  srp_cognito::request status = srp_cognito::update_device_status("access", "us-east-1_device", true);
  EXPECT_EQ(status.get("DeviceRememberedStatus"), "remembered");
  srp_cognito::request refresh = srp_cognito::refresh("client", "refresh-token", "secret", "internal");
  EXPECT_EQ(refresh.auth_flow(), "REFRESH_TOKEN_AUTH");
  auto parameters = refresh.map("AuthParameters");
  EXPECT_EQ(parameters["SECRET_HASH"], srp_cognito::secret_hash("internal", "client", "secret"));
  srp_cognito::request get = srp_cognito::get_tokens_from_refresh_token("client", "refresh-token", "secret");
  EXPECT_EQ(get.get("RefreshToken"), "refresh-token");
  EXPECT_EQ(get.get("ClientSecret"), "secret");
  // A sign-in with the remembered device starts DEVICE_SRP_AUTH after the password.
  srp_cognito::sign_in s(plain, "p", std::nullopt, &confirmed.device);
  EXPECT_EQ(s.start().map("AuthParameters")["DEVICE_KEY"], "us-east-1_device");
}

TEST(Wrapper, SecretHashMatchesTheVector) {
  json file = vectors("secret_hash.json");
  const json& vector = file.find("vectors")->items()[0];
  const json& input = *vector.find("input");
  EXPECT_EQ(srp_cognito::secret_hash(field(input, "username"), field(input, "client_id"), field(input, "client_secret")),
            field(*vector.find("expected"), "secret_hash"));
}

TEST(Misuse, ClosedAndMovedFromSignInsAreRefused) {
  srp_cognito::sign_in s(plain, "p");
  std::uint64_t handle = s.handle();
  srp_cognito::sign_in moved = std::move(s);
  EXPECT_EQ(moved.handle(), handle);
  EXPECT_EQ(category_of([&] { s.start(); }), SRP_COGNITO_STATUS_BAD_HANDLE) << "moved from";
  moved.close();
  moved.close();  // twice is fine
  EXPECT_EQ(category_of([&] { moved.start(); }), SRP_COGNITO_STATUS_BAD_HANDLE) << "closed";
  // The C ABI on the stale handle: refused, not undefined.
  EXPECT_EQ(srp_cognito_sign_in_free(handle), SRP_COGNITO_STATUS_BAD_HANDLE);
  srp_cognito_buffer out{nullptr, 0};
  EXPECT_EQ(srp_cognito_sign_in_username(handle, &out), SRP_COGNITO_STATUS_BAD_HANDLE);
  srp_cognito_buffer_free(&out);
}

TEST(Threads, OneSignInFromTwoThreadsAndManySignInsAtOnce) {
  json file = vectors("password_verifier.json");
  const json& input = *file.find("vectors")->items()[0].find("input");
  const std::string want = field(*file.find("vectors")->items()[0].find("expected"), "password_claim_signature");

  // Eight threads, each its own sign-ins: every signature right.
  std::atomic<int> right{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; t++)
    threads.emplace_back([&] {
      for (int i = 0; i < 3; i++) {
        srp_cognito::sign_in s({field(input, "pool_id"), "client", "u"}, field(input, "password"));
        s.start_with(field(input, "a"));
        auto step = s.next(challenge(input), at(field(input, "timestamp")));
        if (step.respond().map("ChallengeResponses")["PASSWORD_CLAIM_SIGNATURE"] == want) right++;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(right, 24);

  // One sign-in, two threads: calls are serialized by the library, none is lost or torn.
  srp_cognito::sign_in shared({field(input, "pool_id"), "client", "u"}, field(input, "password"));
  std::atomic<int> names{0};
  std::thread reader([&] {
    for (int i = 0; i < 2000; i++)
      if (shared.username() == "u" || shared.username() == "internal-name") names++;
  });
  shared.start_with(field(input, "a"));
  auto step = shared.next(challenge(input), at(field(input, "timestamp")));
  reader.join();
  EXPECT_EQ(names, 2000);
  EXPECT_EQ(step.respond().map("ChallengeResponses")["PASSWORD_CLAIM_SIGNATURE"], want);

  // Freed by one thread while another uses it: that thread gets bad_handle, nothing worse.
  srp_cognito::sign_in doomed(plain, "p");
  std::uint64_t handle = doomed.handle();
  std::atomic<bool> refused{false};
  std::thread user([&] {
    while (!refused) {
      srp_cognito_buffer out{nullptr, 0};
      int32_t status = srp_cognito_sign_in_username(handle, &out);
      srp_cognito_buffer_free(&out);
      if (status == SRP_COGNITO_STATUS_BAD_HANDLE) refused = true;
      else EXPECT_EQ(status, SRP_COGNITO_STATUS_OK);
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  doomed.close();
  user.join();
  EXPECT_TRUE(refused);
}

TEST(Versions, TheLibraryIsTheHeadersAbi) {
  EXPECT_TRUE(srp_cognito::abi_matches());
  EXPECT_FALSE(srp_cognito::backend().empty());
}

}  // namespace
