// Signs in to Amazon Cognito with SRP (USER_SRP_AUTH) and prints "signed in", over
// libcurl: the wrapper writes each request (the JSON of Cognito's API) and reads each
// response; this program only carries them. With the AWS SDK for C++, fill its
// InitiateAuthRequest / RespondToAuthChallengeRequest from the same requests instead
// (see c/README.md).
//
//   POOL_ID=us-east-1_AbC CLIENT_ID=... USERNAME=alice PASSWORD=... [CLIENT_SECRET=...]
//   [COGNITO_ENDPOINT=http://127.0.0.1:9229] ./sign_in
#include <curl/curl.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "srp_cognito.hpp"

namespace {

std::string env(const char* name, const char* fallback = nullptr) {
  const char* value = std::getenv(name);
  if (value) return value;
  if (fallback) return fallback;
  throw std::runtime_error(std::string(name) + " is not set");
}

/// POSTs a request to Cognito's `operation`; its response's JSON. Throws with Cognito's
/// error (`NotAuthorizedException: ...`) when it refuses.
std::string call(const std::string& endpoint, const std::string& operation, std::string_view body) {
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  std::string out;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-amz-json-1.1");
  headers = curl_slist_append(headers, ("X-Amz-Target: AWSCognitoIdentityProviderService." + operation).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, endpoint.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
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
  if (status != 200) throw std::runtime_error(operation + ": " + out);
  return out;
}

}  // namespace

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  try {
    const std::string pool_id = env("POOL_ID");
    const std::string region = pool_id.substr(0, pool_id.find('_'));
    const std::string endpoint = env("COGNITO_ENDPOINT", ("https://cognito-idp." + region + ".amazonaws.com/").c_str());
    const std::string client_id = env("CLIENT_ID");
    const std::string username = env("USERNAME");
    const char* secret = std::getenv("CLIENT_SECRET");
    std::optional<std::string_view> client_secret;
    if (secret) client_secret = secret;

    srp_cognito::sign_in sign_in({pool_id, client_id, username}, env("PASSWORD"), client_secret);
    srp_cognito::step step = sign_in.next(srp_cognito::response::from_json(call(endpoint, "InitiateAuth", sign_in.start().json())));
    while (step.is_respond())
      step = sign_in.next(
          srp_cognito::response::from_json(call(endpoint, "RespondToAuthChallenge", step.respond().json())));
    if (step.is_pending()) {
      std::cerr << "the user must answer " << step.pending().challenge_name << "\n";
      return 2;
    }
    std::cout << "signed in (" << step.signed_in().token_type << " token for " << sign_in.username() << ")\n";
  } catch (const srp_cognito::error& e) {
    std::cerr << "refused by srp-cognito (" << e.category() << "): " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  curl_global_cleanup();
  return 0;
}
