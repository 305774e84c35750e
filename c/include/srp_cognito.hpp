// srp-cognito for C++17: a header-only wrapper over the C ABI (srp_cognito.h). RAII types
// (a sign-in frees and wipes itself; every buffer the library returns is wiped), string_view
// in, typed exceptions carrying the error category, and requests that fill any string map
// (std::map, std::unordered_map, Aws::Map<Aws::String, Aws::String> with the AWS SDK's own
// allocator) with the complete, duplicate-free AuthParameters or ChallengeResponses.
//
//   srp_cognito::sign_in s({pool_id, client_id, username}, password);
//   auto init = s.start();                       // InitiateAuth: auth_flow(), client_id(),
//   init.fill("AuthParameters", request_map);    //   fill any map with AuthParameters
//   for (auto step = s.next(response_of(initiate_auth(init)));;) { ... }
//
// What C++ cannot wipe: the std::string values this wrapper hands back (the session, the
// tokens, SECRET_HASH in the maps you fill) and your own copy of the password. Everything
// the library holds (the password, a, x, S, the key, the device password) is wiped when
// the sign-in is destroyed; the wrapper's own temporaries (the JSON text it writes and
// parses) are wiped before they are freed.
#ifndef SRP_COGNITO_HPP
#define SRP_COGNITO_HPP

#include <chrono>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "srp_cognito.h"

namespace srp_cognito {

/// A refusal of the library: `status()` is the C ABI's status, `category()` its name
/// (`bad_hex`, `out_of_turn`, ... as in every language package), `what()` the message.
class error : public std::runtime_error {
 public:
  error(int32_t status, const std::string& message)
      : std::runtime_error(std::string(srp_cognito_status_name(status)) + ": " + message),
        status_(status),
        category_(srp_cognito_status_name(status)) {}

  int32_t status() const noexcept { return status_; }
  const std::string& category() const noexcept { return category_; }

 private:
  int32_t status_;
  std::string category_;
};

namespace detail {

/// Overwrites a string's whole allocation (not only its size) with zeros.
inline void wipe(std::string& s) noexcept {
  s.resize(s.capacity());
  volatile char* p = s.data();
  for (std::size_t i = 0; i < s.size(); i++) p[i] = 0;
  s.clear();
}

/// A string wiped when it goes (for the wrapper's own JSON text).
struct secret_text {
  std::string text;
  secret_text() = default;
  explicit secret_text(std::size_t reserve) { text.reserve(reserve); }
  secret_text(const secret_text&) = delete;
  secret_text& operator=(const secret_text&) = delete;
  secret_text(secret_text&& other) noexcept : text(std::move(other.text)) {}
  secret_text& operator=(secret_text&& other) noexcept {
    wipe(text);
    text = std::move(other.text);
    return *this;
  }
  ~secret_text() { wipe(text); }
};

/// A buffer the library wrote: wiped and freed when it goes.
class buffer {
 public:
  buffer() noexcept = default;
  buffer(const buffer&) = delete;
  buffer& operator=(const buffer&) = delete;
  ~buffer() { srp_cognito_buffer_free(&b_); }
  srp_cognito_buffer* out() noexcept {
    srp_cognito_buffer_free(&b_);
    return &b_;
  }
  std::string_view view() const noexcept { return b_.data ? std::string_view(b_.data, b_.len) : std::string_view(); }

 private:
  srp_cognito_buffer b_{nullptr, 0};
};

/// Throws the refusal in `out` unless `status` is OK.
inline void check(int32_t status, const buffer& out) {
  if (status != SRP_COGNITO_STATUS_OK) throw error(status, std::string(out.view()));
}

/// An argument as the C ABI takes it: a pointer (never NULL for a given one) and a length.
inline const char* ptr(std::string_view s) noexcept { return s.data() ? s.data() : ""; }
inline const char* ptr(const std::optional<std::string_view>& s) noexcept {
  return s ? ptr(*s) : nullptr;
}
inline std::size_t len(const std::optional<std::string_view>& s) noexcept { return s ? s->size() : 0; }

// --- JSON: the library's results are read, the wrapper's arguments written. ---

/// A JSON value: null, bool, number (its text), string, array or object (members in order).
class json {
 public:
  enum class kind { null, boolean, number, string, array, object };

  json() = default;
  json(const json&) = delete;
  json& operator=(const json&) = delete;
  json(json&&) = default;
  json& operator=(json&&) = default;
  ~json() { wipe(text_); }

  kind type() const noexcept { return kind_; }
  bool is_string() const noexcept { return kind_ == kind::string; }
  bool is_object() const noexcept { return kind_ == kind::object; }
  bool is_array() const noexcept { return kind_ == kind::array; }
  bool is_null() const noexcept { return kind_ == kind::null; }
  /// A string's value, a number's or a boolean's text.
  std::string_view text() const noexcept { return text_; }
  const std::vector<json>& items() const noexcept { return items_; }
  const std::vector<std::pair<std::string, json>>& members() const noexcept { return members_; }
  /// Where the value's text begins and ends in the text it was parsed from.
  std::size_t begin() const noexcept { return begin_; }
  std::size_t end() const noexcept { return end_; }
  /// The value's own text within `source`, the text it was parsed from.
  std::string_view raw(std::string_view source) const noexcept { return source.substr(begin_, end_ - begin_); }

  /// The member `name` of an object, or nullptr.
  const json* find(std::string_view name) const noexcept {
    for (const auto& m : members_)
      if (m.first == name) return &m.second;
    return nullptr;
  }

  /// Parses `text` (JSON); throws srp_cognito::error (bad_json) when it is not.
  static json parse(std::string_view text) {
    parser p{text, 0};
    json value = p.value(0);
    p.space();
    if (p.at != text.size()) p.fail();
    return value;
  }

  /// `s` as a JSON string literal, appended to `out`.
  static void quote(std::string_view s, std::string& out) {
    static const char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
      } else if (c < 0x20) {
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      } else {
        out.push_back(static_cast<char>(c));
      }
    }
    out.push_back('"');
  }

  /// The most bytes `quote(s)` appends.
  static std::size_t quoted_size(std::string_view s) noexcept { return 6 * s.size() + 2; }

 private:
  struct parser {
    std::string_view s;
    std::size_t at;

    [[noreturn]] void fail() const { throw error(SRP_COGNITO_STATUS_BAD_JSON, "not JSON"); }
    void space() {
      while (at < s.size() && (s[at] == ' ' || s[at] == '\n' || s[at] == '\r' || s[at] == '\t')) at++;
    }
    bool eat(char c) {
      space();
      if (at < s.size() && s[at] == c) {
        at++;
        return true;
      }
      return false;
    }
    void expect(char c) {
      if (!eat(c)) fail();
    }
    bool literal(std::string_view word) {
      if (s.substr(at, word.size()) != word) return false;
      at += word.size();
      return true;
    }
    unsigned hex4() {
      if (at + 4 > s.size()) fail();
      unsigned v = 0;
      for (int i = 0; i < 4; i++) {
        char c = s[at++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
        else fail();
      }
      return v;
    }
    static void utf8(unsigned c, std::string& out) {
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
      } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 63)));
      } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 63)));
        out.push_back(static_cast<char>(0x80 | (c & 63)));
      } else {
        out.push_back(static_cast<char>(0xf0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 63)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 63)));
        out.push_back(static_cast<char>(0x80 | (c & 63)));
      }
    }
    /// A string's value, written into a buffer reserved once at its encoded length (which
    /// bounds the decoded one): no reallocation leaves a partial copy behind.
    void string(std::string& out) {
      std::size_t end = at;
      while (end < s.size() && s[end] != '"') end += s[end] == '\\' ? 2 : 1;
      if (end >= s.size()) fail();
      out.reserve(end - at);
      while (s[at] != '"') {
        char c = s[at++];
        if (static_cast<unsigned char>(c) < 0x20) fail();
        if (c != '\\') {
          out.push_back(c);
          continue;
        }
        char e = s[at++];
        switch (e) {
          case '"': out.push_back('"'); break;
          case '\\': out.push_back('\\'); break;
          case '/': out.push_back('/'); break;
          case 'b': out.push_back('\b'); break;
          case 'f': out.push_back('\f'); break;
          case 'n': out.push_back('\n'); break;
          case 'r': out.push_back('\r'); break;
          case 't': out.push_back('\t'); break;
          case 'u': {
            unsigned c1 = hex4();
            if (c1 >= 0xd800 && c1 < 0xdc00 && s.substr(at, 2) == "\\u") {
              at += 2;
              unsigned c2 = hex4();
              if (c2 < 0xdc00 || c2 >= 0xe000) fail();
              c1 = 0x10000 + ((c1 - 0xd800) << 10) + (c2 - 0xdc00);
            } else if (c1 >= 0xd800 && c1 < 0xe000) {
              fail();
            }
            utf8(c1, out);
            break;
          }
          default: fail();
        }
      }
      at++;
    }
    json value(int depth) {
      if (depth > 64) fail();
      space();
      if (at >= s.size()) fail();
      json v;
      v.begin_ = at;
      read(v, depth);
      v.end_ = at;
      return v;
    }
    void read(json& v, int depth) {
      char c = s[at];
      if (c == '{') {
        at++;
        v.kind_ = kind::object;
        if (eat('}')) return;
        do {
          space();
          if (!eat('"')) fail();
          std::string name;
          string(name);
          expect(':');
          v.members_.emplace_back(std::move(name), value(depth + 1));
        } while (eat(','));
        expect('}');
      } else if (c == '[') {
        at++;
        v.kind_ = kind::array;
        if (eat(']')) return;
        do v.items_.push_back(value(depth + 1));
        while (eat(','));
        expect(']');
      } else if (c == '"') {
        at++;
        v.kind_ = kind::string;
        string(v.text_);
      } else if (literal("true") || literal("false")) {
        v.kind_ = kind::boolean;
        v.text_ = c == 't' ? "true" : "false";
      } else if (literal("null")) {
        v.kind_ = kind::null;
      } else {
        std::size_t start = at;
        while (at < s.size() && (std::strchr("+-.eE", s[at]) || (s[at] >= '0' && s[at] <= '9'))) at++;
        if (at == start) fail();
        v.kind_ = kind::number;
        v.text_ = std::string(s.substr(start, at - start));
      }
    }
  };

  kind kind_ = kind::null;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::string text_;
  std::vector<json> items_;
  std::vector<std::pair<std::string, json>> members_;
};

/// `{"k": "v", ...}`, written into a buffer reserved once (and wiped when it goes).
class object_writer {
 public:
  explicit object_writer(std::size_t reserve) : out_(reserve + 2) { out_.text.push_back('{'); }
  void add(std::string_view name, std::string_view value) {
    comma();
    json::quote(name, out_.text);
    out_.text.push_back(':');
    json::quote(value, out_.text);
  }
  /// A member whose value is JSON text already.
  void raw(std::string_view name, std::string_view value) {
    comma();
    json::quote(name, out_.text);
    out_.text.push_back(':');
    out_.text += value;
  }
  std::string_view finish() {
    out_.text.push_back('}');
    return out_.text;
  }

 private:
  void comma() {
    if (out_.text.size() > 1) out_.text.push_back(',');
  }
  secret_text out_;
};

}  // namespace detail

/// A request for Cognito, as the library wrote it (JSON in the wire shape of Cognito's
/// API): its string members by name, its maps into any map type, and its JSON text for a
/// transport of your own.
class request {
 public:
  explicit request(std::string_view json_text) : text_(json_text.size()), value_(detail::json::parse(json_text)) {
    text_.text.assign(json_text);
  }

  /// A top-level string member (`AuthFlow`, `ClientId`, `ChallengeName`, `Session`,
  /// `AccessToken`, `DeviceKey`, ...), or nullopt.
  std::optional<std::string> get(std::string_view name) const {
    const detail::json* v = value_.find(name);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->text());
  }

  /// The string member `member` of the object member `name` (e.g.
  /// `DeviceSecretVerifierConfig`, `PasswordVerifier`), or nullopt.
  std::optional<std::string> get(std::string_view name, std::string_view member) const {
    const detail::json* o = value_.find(name);
    const detail::json* v = o ? o->find(member) : nullptr;
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->text());
  }

  std::optional<std::string> auth_flow() const { return get("AuthFlow"); }
  std::optional<std::string> client_id() const { return get("ClientId"); }
  std::optional<std::string> challenge_name() const { return get("ChallengeName"); }
  std::optional<std::string> session() const { return get("Session"); }

  /// Replaces `map`'s contents with the object member `name` (`AuthParameters`,
  /// `ChallengeResponses`): every pair, each key once. Any map of strings: std::map,
  /// std::unordered_map, Aws::Map<Aws::String, Aws::String> (strings and maps with
  /// their own allocators are built from (pointer, length)).
  template <class Map>
  void fill(std::string_view name, Map& map) const {
    using key_type = typename Map::key_type;
    using mapped_type = typename Map::mapped_type;
    map.clear();
    const detail::json* o = value_.find(name);
    if (!o || !o->is_object()) return;
    for (const auto& m : o->members()) {
      std::string_view v = m.second.text();
      map.insert_or_assign(key_type(m.first.data(), m.first.size()), mapped_type(v.data(), v.size()));
    }
  }

  /// `fill(name, map)` into a new map of type `Map`.
  template <class Map = std::map<std::string, std::string>>
  Map map(std::string_view name) const {
    Map m;
    fill(name, m);
    return m;
  }

  /// `fill("AuthParameters", map)`: InitiateAuth's parameters.
  template <class Map>
  void fill_auth_parameters(Map& map) const {
    fill("AuthParameters", map);
  }

  /// `fill("ChallengeResponses", map)`: RespondToAuthChallenge's responses, complete (the
  /// challenge's own USERNAME, SECRET_HASH of it where the client has a secret, DEVICE_KEY
  /// where a device is remembered) and each key once.
  template <class Map>
  void fill_challenge_responses(Map& map) const {
    fill("ChallengeResponses", map);
  }

  /// The request as JSON text (what Cognito's API takes as the body).
  std::string_view json() const noexcept { return text_.text; }

 private:
  detail::secret_text text_;
  detail::json value_;
};

/// A device remembered after ConfirmDevice: keep all three (the password as secretly as
/// the user's).
struct remembered_device {
  std::string key;
  std::string group_key;
  std::string password;
};

/// The tokens of a sign-in (Cognito's AuthenticationResult).
struct authentication_result {
  std::string access_token;
  std::string id_token;
  std::string refresh_token;
  std::string token_type;
  std::int64_t expires_in = 0;
  /// NewDeviceMetadata, where the pool remembers devices: confirm it with
  /// confirm_device().
  std::optional<std::string> new_device_key;
  std::optional<std::string> new_device_group_key;

  /// As JSON, in Cognito's shape.
  void write(detail::object_writer& w) const {
    w.add("AccessToken", access_token);
    if (!id_token.empty()) w.add("IdToken", id_token);
    if (!refresh_token.empty()) w.add("RefreshToken", refresh_token);
    if (!token_type.empty()) w.add("TokenType", token_type);
    w.raw("ExpiresIn", std::to_string(expires_in));
    if (new_device_key && new_device_group_key) {
      detail::object_writer device(detail::json::quoted_size(*new_device_key) +
                                   detail::json::quoted_size(*new_device_group_key) + 40);
      device.add("DeviceKey", *new_device_key);
      device.add("DeviceGroupKey", *new_device_group_key);
      w.raw("NewDeviceMetadata", device.finish());
    }
  }

  std::size_t json_size() const {
    std::size_t n = 512;  // the members' names and punctuation, with room to spare
    for (const std::string* s : {&access_token, &id_token, &refresh_token, &token_type}) n += detail::json::quoted_size(*s);
    if (new_device_key) n += detail::json::quoted_size(*new_device_key);
    if (new_device_group_key) n += detail::json::quoted_size(*new_device_group_key);
    return n;
  }

  static authentication_result from(const detail::json& o) {
    authentication_result r;
    auto text = [&](std::string_view name) {
      const detail::json* v = o.find(name);
      return v && v->is_string() ? std::string(v->text()) : std::string();
    };
    r.access_token = text("AccessToken");
    r.id_token = text("IdToken");
    r.refresh_token = text("RefreshToken");
    r.token_type = text("TokenType");
    if (const detail::json* e = o.find("ExpiresIn"); e && e->type() == detail::json::kind::number)
      r.expires_in = std::stoll(std::string(e->text()));
    if (const detail::json* d = o.find("NewDeviceMetadata"); d && d->is_object()) {
      const detail::json* key = d->find("DeviceKey");
      const detail::json* group = d->find("DeviceGroupKey");
      if (key && group && key->is_string() && group->is_string()) {
        r.new_device_key = std::string(key->text());
        r.new_device_group_key = std::string(group->text());
      }
    }
    return r;
  }
};

/// A response of InitiateAuth or RespondToAuthChallenge, as the SDK returns it: fill it
/// from the SDK's result (GetChallengeName, GetChallengeParameters, GetSession,
/// GetAuthenticationResult) and give it to sign_in::next.
struct response {
  /// The challenge's name (ChallengeNameTypeMapper::GetNameForChallengeNameType), or
  /// empty when the response holds tokens.
  std::string challenge_name;
  /// ChallengeParameters.
  std::vector<std::pair<std::string, std::string>> challenge_parameters;
  std::string session;
  std::optional<authentication_result> result;
  /// AvailableChallenges (USER_AUTH's SELECT_CHALLENGE).
  std::vector<std::string> available_challenges;

  /// A response from its JSON (the body Cognito's API answers with), for a transport of
  /// your own; throws srp_cognito::error (bad_json) when it is not JSON.
  static response from_json(std::string_view text) {
    detail::json value = detail::json::parse(text);
    response r;
    auto string = [&](std::string_view name) {
      const detail::json* v = value.find(name);
      return v && v->is_string() ? std::string(v->text()) : std::string();
    };
    r.challenge_name = string("ChallengeName");
    if (const detail::json* p = value.find("ChallengeParameters"); p && p->is_object())
      for (const auto& m : p->members()) r.challenge_parameters.emplace_back(m.first, std::string(m.second.text()));
    r.session = string("Session");
    if (const detail::json* a = value.find("AuthenticationResult"); a && a->is_object())
      r.result = authentication_result::from(*a);
    if (const detail::json* c = value.find("AvailableChallenges"); c && c->is_array())
      for (const auto& item : c->items()) r.available_challenges.emplace_back(item.text());
    return r;
  }

  /// The challenge parameters from any map of strings.
  template <class Map>
  response& parameters(const Map& map) {
    challenge_parameters.clear();
    for (const auto& kv : map)
      challenge_parameters.emplace_back(std::string(kv.first.data(), kv.first.size()),
                                        std::string(kv.second.data(), kv.second.size()));
    return *this;
  }

  /// As JSON, in Cognito's shape; wiped when it goes.
  void write(detail::secret_text& out) const {
    std::size_t n = 512 + detail::json::quoted_size(challenge_name) + detail::json::quoted_size(session);
    for (const auto& kv : challenge_parameters) n += detail::json::quoted_size(kv.first) + detail::json::quoted_size(kv.second) + 2;
    for (const auto& c : available_challenges) n += detail::json::quoted_size(c) + 1;
    if (result) n += result->json_size();
    detail::object_writer w(n);
    if (!challenge_name.empty()) w.add("ChallengeName", challenge_name);
    if (!challenge_parameters.empty()) {
      detail::object_writer p(n);
      for (const auto& kv : challenge_parameters) p.add(kv.first, kv.second);
      w.raw("ChallengeParameters", p.finish());
    }
    if (!session.empty()) w.add("Session", session);
    if (result) {
      detail::object_writer r(result->json_size());
      result->write(r);
      w.raw("AuthenticationResult", r.finish());
    }
    if (!available_challenges.empty()) {
      detail::secret_text list(n);
      list.text.push_back('[');
      for (const auto& c : available_challenges) {
        if (list.text.size() > 1) list.text.push_back(',');
        detail::json::quote(c, list.text);
      }
      list.text.push_back(']');
      w.raw("AvailableChallenges", list.text);
    }
    out.text.reserve(n);
    out.text.assign(w.finish());
  }
};

/// A challenge only the user can answer (MFA codes, a new password, an MFA type, a
/// custom challenge): answer it with sign_in::answer.
struct pending_challenge {
  std::string challenge_name;
  std::optional<std::string> code_delivery_destination;
  std::vector<std::string> mfa_types;
  std::vector<std::string> required_attributes;
  std::vector<std::string> available_challenges;
};

/// What sign_in::next decided: a request to send (`respond`), a challenge for the user
/// (`pending`), or the tokens (`signed_in`).
class step {
 public:
  enum class kind { respond, pending, signed_in };

  kind type() const noexcept { return kind_; }
  bool is_respond() const noexcept { return kind_ == kind::respond; }
  bool is_pending() const noexcept { return kind_ == kind::pending; }
  bool is_signed_in() const noexcept { return kind_ == kind::signed_in; }

  /// The RespondToAuthChallenge request to send (throws std::logic_error otherwise).
  const srp_cognito::request& respond() const {
    if (!request_) throw std::logic_error("srp_cognito::step: not a request");
    return *request_;
  }
  /// The challenge for the user (throws std::logic_error otherwise).
  const pending_challenge& pending() const {
    if (!pending_) throw std::logic_error("srp_cognito::step: not a pending challenge");
    return *pending_;
  }
  /// The tokens (throws std::logic_error otherwise).
  const authentication_result& signed_in() const {
    if (!result_) throw std::logic_error("srp_cognito::step: not signed in");
    return *result_;
  }

  /// From the library's `{"respond"}`, `{"pending"}` or `{"signedIn"}` JSON.
  static step from(std::string_view text) {
    step s;
    detail::json value = detail::json::parse(text);
    if (const detail::json* r = value.find("respond")) {
      s.kind_ = kind::respond;
      s.request_.emplace(r->raw(text));
    } else if (const detail::json* p = value.find("pending")) {
      s.kind_ = kind::pending;
      pending_challenge c;
      auto list = [&](std::string_view name) {
        std::vector<std::string> out;
        if (const detail::json* a = p->find(name); a && a->is_array())
          for (const auto& item : a->items()) out.emplace_back(item.text());
        return out;
      };
      if (const detail::json* n = p->find("challengeName")) c.challenge_name = std::string(n->text());
      if (const detail::json* d = p->find("codeDeliveryDestination"); d && d->is_string())
        c.code_delivery_destination = std::string(d->text());
      c.mfa_types = list("mfaTypes");
      c.required_attributes = list("requiredAttributes");
      c.available_challenges = list("availableChallenges");
      s.pending_ = std::move(c);
    } else if (const detail::json* t = value.find("signedIn")) {
      s.kind_ = kind::signed_in;
      s.result_ = authentication_result::from(*t);
    } else {
      throw error(SRP_COGNITO_STATUS_INTERNAL, "an unknown step");
    }
    return s;
  }

 private:
  kind kind_ = kind::respond;
  std::optional<srp_cognito::request> request_;
  std::optional<pending_challenge> pending_;
  std::optional<authentication_result> result_;
};

/// What a sign-in is: the pool, the app client, the name the user typed (an alias such as
/// an email is fine), the flow (USER_SRP_AUTH, USER_AUTH, CUSTOM_AUTH).
struct options {
  std::string_view pool_id;
  std::string_view client_id;
  std::string_view username;
  std::string_view flow = "USER_SRP_AUTH";
  /// Accept a SECRET_BLOCK in any base64, as the AWS SDKs do (moto sends one).
  bool lenient_secret_block = false;
};

/// The sans-IO sign-in: it starts a flow, turns each response into the next request,
/// answers PASSWORD_VERIFIER and the device challenges itself, computes SECRET_HASH and
/// USERNAME as Cognito wants them on every step, and hands back only what the user must
/// answer. It owns the password and the ephemeral secret (in the library, wiped when it
/// is destroyed). Move-only; one sign-in may be used from one thread at a time (the
/// library serializes concurrent calls on it), different sign-ins from any threads.
class sign_in {
 public:
  /// A sign-in of `opts` with `password`, and where there are any, the app client's
  /// secret and a remembered device.
  sign_in(const options& opts, std::string_view password,
          std::optional<std::string_view> client_secret = std::nullopt,
          const remembered_device* device = nullptr) {
    std::size_t n = 512 + detail::json::quoted_size(opts.pool_id) + detail::json::quoted_size(opts.client_id) +
                    detail::json::quoted_size(opts.username) + detail::json::quoted_size(opts.flow);
    if (device) n += detail::json::quoted_size(device->key) + detail::json::quoted_size(device->group_key);
    detail::object_writer w(n);
    w.add("flow", opts.flow);
    w.add("poolId", opts.pool_id);
    w.add("clientId", opts.client_id);
    w.add("username", opts.username);
    if (device) {
      w.add("deviceKey", device->key);
      w.add("deviceGroupKey", device->group_key);
    }
    if (opts.lenient_secret_block) w.raw("lenientSecretBlock", "true");
    std::string_view json = w.finish();
    detail::buffer out;
    std::optional<std::string_view> device_password;
    if (device) device_password = device->password;
    detail::check(srp_cognito_sign_in_new(json.data(), json.size(), detail::ptr(password), password.size(),
                                          detail::ptr(client_secret), detail::len(client_secret),
                                          detail::ptr(device_password), detail::len(device_password), &handle_,
                                          out.out()),
                  out);
  }

  sign_in(const sign_in&) = delete;
  sign_in& operator=(const sign_in&) = delete;
  sign_in(sign_in&& other) noexcept : handle_(std::exchange(other.handle_, 0)) {}
  sign_in& operator=(sign_in&& other) noexcept {
    if (this != &other) {
      close();
      handle_ = std::exchange(other.handle_, 0);
    }
    return *this;
  }
  ~sign_in() { close(); }

  /// Wipes the password and the ephemeral secrets now; the sign-in is refused from then
  /// on (bad_handle).
  void close() noexcept {
    if (handle_) srp_cognito_sign_in_free(std::exchange(handle_, 0));
  }

  /// The InitiateAuth request, with a fresh ephemeral secret from the OS.
  request start() {
    detail::buffer out;
    detail::check(srp_cognito_sign_in_start(handle_, out.out()), out);
    return request(out.view());
  }

  /// start() with the ephemeral secret `a` (hex): the deterministic entry point.
  request start_with(std::string_view a_hex) {
    detail::buffer out;
    detail::check(srp_cognito_sign_in_start_with(handle_, detail::ptr(a_hex), a_hex.size(), out.out()), out);
    return request(out.view());
  }

  /// The step after `r`, at `now` (the clock, the system's where not given).
  step next(const response& r, std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) {
    detail::secret_text json;
    r.write(json);
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    detail::buffer out;
    detail::check(srp_cognito_sign_in_next(handle_, json.text.data(), json.text.size(),
                                           static_cast<std::int64_t>(seconds), out.out()),
                  out);
    return step::from(out.view());
  }

  /// The RespondToAuthChallenge request answering the pending challenge: the code
  /// (SMS_MFA, SMS_OTP, EMAIL_OTP, SOFTWARE_TOKEN_MFA), the custom answer, the MFA type
  /// (SELECT_MFA_TYPE), the new password (NEW_PASSWORD_REQUIRED, with its required
  /// `attributes`), the password (PASSWORD); nothing for MFA_SETUP.
  request answer(std::optional<std::string_view> answer = std::nullopt,
                 const std::vector<std::pair<std::string, std::string>>& attributes = {}) {
    std::size_t n = 8;
    for (const auto& kv : attributes) n += detail::json::quoted_size(kv.first) + detail::json::quoted_size(kv.second) + 2;
    detail::object_writer w(n);
    for (const auto& kv : attributes) w.add(kv.first, kv.second);
    std::string_view json = w.finish();
    detail::buffer out;
    detail::check(srp_cognito_sign_in_answer(handle_, detail::ptr(answer), detail::len(answer),
                                             attributes.empty() ? nullptr : json.data(), json.size(), out.out()),
                  out);
    return request(out.view());
  }

  /// Cognito's internal username once a challenge named it (the username of a refresh's
  /// SECRET_HASH), else the one typed.
  std::string username() const {
    detail::buffer out;
    detail::check(srp_cognito_sign_in_username(handle_, out.out()), out);
    return std::string(out.view());
  }

  /// The challenge waiting for answer(), if any.
  std::optional<std::string> pending() const {
    detail::buffer out;
    detail::check(srp_cognito_sign_in_pending(handle_, out.out()), out);
    if (out.view().empty()) return std::nullopt;
    return std::string(out.view());
  }

  /// The C ABI's handle (for a call the wrapper does not make).
  std::uint64_t handle() const noexcept { return handle_; }

 private:
  std::uint64_t handle_ = 0;
};

/// SECRET_HASH = base64(HMAC-SHA256(client_secret, username ‖ client_id)).
inline std::string secret_hash(std::string_view username, std::string_view client_id, std::string_view client_secret) {
  detail::buffer out;
  detail::check(srp_cognito_secret_hash(detail::ptr(username), username.size(), detail::ptr(client_id),
                                        client_id.size(), detail::ptr(client_secret), client_secret.size(),
                                        out.out()),
                out);
  return std::string(out.view());
}

/// ConfirmDevice for a sign-in's NewDeviceMetadata: the request (AccessToken, DeviceKey,
/// DeviceSecretVerifierConfig with a fresh verifier, DeviceName) and the device to keep.
struct confirmed_device {
  srp_cognito::request request;
  remembered_device device;
};

/// ConfirmDevice for `result` (which must carry NewDeviceMetadata: missing_parameter
/// otherwise), named `device_name` where given.
inline confirmed_device confirm_device(const authentication_result& result,
                                       std::optional<std::string_view> device_name = std::nullopt) {
  detail::object_writer w(result.json_size());
  result.write(w);
  std::string_view json = w.finish();
  detail::buffer out;
  detail::check(srp_cognito_confirm_device(json.data(), json.size(), detail::ptr(device_name),
                                           detail::len(device_name), out.out()),
                out);
  detail::json value = detail::json::parse(out.view());
  const detail::json* input = value.find("input");
  const detail::json* device = value.find("device");
  if (!input || !device) throw error(SRP_COGNITO_STATUS_INTERNAL, "an unknown ConfirmDevice result");
  auto member = [&](std::string_view name) {
    const detail::json* v = device->find(name);
    return v ? std::string(v->text()) : std::string();
  };
  return confirmed_device{srp_cognito::request(input->raw(out.view())),
                          remembered_device{member("deviceKey"), member("deviceGroupKey"), member("devicePassword")}};
}

/// The UpdateDeviceStatus request marking `device_key` remembered or not.
inline request update_device_status(std::string_view access_token, std::string_view device_key, bool remembered) {
  detail::buffer out;
  detail::check(srp_cognito_update_device_status(detail::ptr(access_token), access_token.size(), detail::ptr(device_key),
                                                 device_key.size(), remembered ? 1 : 0, out.out()),
                out);
  return request(out.view());
}

/// The InitiateAuth request of REFRESH_TOKEN_AUTH; with a client secret, `username` is
/// Cognito's internal one (sign_in::username()).
inline request refresh(std::string_view client_id, std::string_view refresh_token,
                       std::optional<std::string_view> client_secret = std::nullopt,
                       std::optional<std::string_view> username = std::nullopt,
                       std::optional<std::string_view> device_key = std::nullopt) {
  detail::buffer out;
  detail::check(srp_cognito_refresh(detail::ptr(client_id), client_id.size(), detail::ptr(client_secret),
                                    detail::len(client_secret), detail::ptr(refresh_token), refresh_token.size(),
                                    detail::ptr(username), detail::len(username), detail::ptr(device_key),
                                    detail::len(device_key), out.out()),
                out);
  return request(out.view());
}

/// The GetTokensFromRefreshToken request.
inline request get_tokens_from_refresh_token(std::string_view client_id, std::string_view refresh_token,
                                             std::optional<std::string_view> client_secret = std::nullopt,
                                             std::optional<std::string_view> device_key = std::nullopt) {
  detail::buffer out;
  detail::check(srp_cognito_get_tokens_from_refresh_token(detail::ptr(client_id), client_id.size(),
                                                          detail::ptr(client_secret), detail::len(client_secret),
                                                          detail::ptr(refresh_token), refresh_token.size(),
                                                          detail::ptr(device_key), detail::len(device_key), out.out()),
                out);
  return request(out.view());
}

/// The arithmetic backend in use (avx512ifma, portable, ...).
inline std::string backend() {
  detail::buffer out;
  detail::check(srp_cognito_backend(out.out()), out);
  return std::string(out.view());
}

/// Whether the library loaded at run time implements the ABI this header describes.
inline bool abi_matches() noexcept { return srp_cognito_abi_version() == SRP_COGNITO_ABI_VERSION; }

}  // namespace srp_cognito

#endif  // SRP_COGNITO_HPP
