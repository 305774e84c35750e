// run-vectors FILE...: every vector of each test-vector file (test-vectors/FORMAT.md)
// through the C ABI's testing build (srp_cognito_testing_compute), from C++: each
// expected field equal, each refusal of the expected category. Prints one line per
// failing vector, then `N passed, M failed`; exits 1 if any failed.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "srp_cognito.hpp"

using srp_cognito::detail::json;

namespace {

int passed = 0;
int failed = 0;

void fail(const std::string& where, const std::string& problem) {
  failed++;
  std::cout << "FAIL " << where << ": " << problem << "\n";
}

/// compute(request) through the C ABI, as JSON text.
std::string compute(std::string_view request) {
  srp_cognito::detail::buffer out;
  srp_cognito::detail::check(srp_cognito_testing_compute(request.data(), request.size(), out.out()), out);
  return std::string(out.view());
}

/// Whether two JSON values are the same: kind and text for scalars, members for the rest.
bool same(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.members().size() != b.members().size()) return false;
    for (const auto& m : a.members()) {
      const json* other = b.find(m.first);
      if (!other || !same(m.second, *other)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.items().size() != b.items().size()) return false;
    for (std::size_t i = 0; i < a.items().size(); i++)
      if (!same(a.items()[i], b.items()[i])) return false;
    return true;
  }
  return a.text() == b.text();
}

std::string quoted(std::string_view s) {
  std::string out;
  json::quote(s, out);
  return out;
}

void rfc5054(const std::string& file, std::string_view text, const json& v) {
  std::string input = "{";
  for (const char* k : {"I", "P", "s", "N", "g", "k", "x", "u", "a", "b"}) {
    const json* value = v.find(k);
    if (input.size() > 1) input += ",";
    input += quoted(k) + ":" + std::string(value ? value->raw(text) : "null");
  }
  json out = json::parse(compute("{\"kind\":\"rfc5054\",\"input\":" + input + "}}"));
  std::string problems;
  for (const char* k : {"v", "A", "B", "S"}) {
    const json* got = out.find(k);
    const json* want = v.find(k);
    if (!got || !want || got->text() != want->text()) problems += std::string(" ") + k;
  }
  const json* server = out.find("S_server");
  if (!server || !v.find("S") || server->text() != v.find("S")->text()) problems += " S_server";
  if (problems.empty()) passed++;
  else fail(file + " rfc5054", "differs in" + problems);
}

void run(const std::string& file) {
  std::ifstream in(file);
  if (!in) {
    fail(file, "cannot be read");
    return;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  json document;
  try {
    document = json::parse(text);
  } catch (const srp_cognito::error&) {
    fail(file, "not JSON");
    return;
  }
  if (const json* v = document.find("vector")) {
    rfc5054(file, text, *v);
    return;
  }
  const json* vectors = document.find("vectors");
  if (!vectors || !vectors->is_array()) {
    fail(file, "no \"vectors\" array");
    return;
  }
  for (std::size_t i = 0; i < vectors->items().size(); i++) {
    const json& vector = vectors->items()[i];
    const json* id = vector.find("id");
    std::string where = file + " " + (id ? std::string(id->text()) : "#" + std::to_string(i));
    const json* kind = vector.find("kind");
    const json* input = vector.find("input");
    if (!kind || !input) {
      fail(where, "no kind or input");
      continue;
    }
    std::string request = "{\"kind\":" + quoted(kind->text()) + ",\"input\":" + std::string(input->raw(text)) + "}";
    std::string result = compute(request);
    json out = json::parse(result);
    const json* got_error = out.find("error");
    if (const json* error = vector.find("error")) {
      if (!got_error || got_error->text() != error->text() || out.members().size() != 1)
        fail(where, "want error " + std::string(error->text()) + ", got " + result);
      else passed++;
      continue;
    }
    if (got_error) {
      fail(where, "refused: " + result);
      continue;
    }
    const json* expected = vector.find("expected");
    if (!expected || !expected->is_object()) {
      fail(where, "no expected object");
      continue;
    }
    std::string problems;
    for (const auto& m : expected->members()) {
      const json* got = out.find(m.first);
      if (!got || !same(m.second, *got)) problems += " " + m.first;
    }
    if (problems.empty()) passed++;
    else fail(where, "differs in" + problems + ": " + result);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: run-vectors FILE...\n";
    return 2;
  }
  for (int i = 1; i < argc; i++) run(argv[i]);
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
