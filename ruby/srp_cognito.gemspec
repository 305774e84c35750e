# frozen_string_literal: true

require_relative "lib/srp_cognito/version"

native = "lib/srp_cognito/native/libsrp_cognito.so"
unless File.exist?(File.join(__dir__, native))
  raise "srp_cognito.gemspec: #{native} is missing: build it first with `rake native` (needs Rust's cargo)"
end

Gem::Specification.new do |spec|
  spec.name = "srp_cognito"
  spec.version = SrpCognito::VERSION
  spec.summary = "Amazon Cognito's SRP sign-in for the AWS SDK for Ruby: constant-time, byte-exact with AWS's SDKs"
  spec.description = <<~TEXT
    USER_SRP_AUTH, remembered devices (DEVICE_SRP_AUTH), SECRET_HASH with the challenge's own
    username, refresh, and every challenge's ChallengeResponses, as a sans-IO SignIn whose steps
    are Aws::CognitoIdentityProvider::Client's keywords, and a sign-in in one call over that client.
    srp-cognito's Rust core through its C ABI (the ffi gem); this platform gem carries the library.
  TEXT
  spec.authors = ["srp-cognito contributors"]
  spec.licenses = ["MIT", "Apache-2.0"]
  spec.required_ruby_version = ">= 2.7"
  # The library inside is built for this machine (x86_64-linux here).
  spec.platform = Gem::Platform.local
  spec.files = Dir.chdir(__dir__) { Dir["lib/**/*.rb"] + [native, "README.md"] }
  spec.require_paths = ["lib"]
  spec.add_dependency "ffi", ">= 1.15", "< 2"
end
