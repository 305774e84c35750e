#!/usr/bin/env ruby
# frozen_string_literal: true

# ruby bench/sign_in.rb [--rounds R] [--batch B]: one sign-in's math through the gem
# (SignIn made, started with a, PASSWORD_VERIFIER answered, closed) against the same math
# on Ruby's Integer#pow (what the aws-cognito-srp gem does; IntegerSrp below), in one
# process, interleaved: each round times a batch of each; the medians of the rounds are
# printed as a Markdown table, per arithmetic backend (portable, then the CPU's own if it
# differs). Both sides are checked against the vector's signature first. Needs the
# vector harness's build (it chooses the backend): run-vectors builds it, and this
# script builds it the same way.

require "base64"
require "json"
require "openssl"
require "time"

rounds = 15
batch = 10
args = ARGV.dup
until args.empty?
  case (arg = args.shift)
  when "--rounds" then rounds = Integer(args.shift)
  when "--batch" then batch = Integer(args.shift)
  else abort "usage: sign_in.rb [--rounds R] [--batch B] (not #{arg})"
  end
end
root = File.expand_path("../..", __dir__)
build = ENV.fetch("SRP_COGNITO_RUN_VECTORS_BUILD", File.join(root, "target/ruby-run-vectors"))
system("cargo", "build", "--release", "--locked", "--manifest-path", File.join(root, "Cargo.toml"), "-p",
       "srp-cognito-ffi", "--features", "testing", "--target-dir", build, out: File::NULL, err: File::NULL) ||
  abort("bench: cargo build failed")
ENV["SRP_COGNITO_LIBRARY"] = File.join(build, "release/libsrp_cognito_ffi.so")
$LOAD_PATH.unshift(File.join(root, "ruby/lib"))
require "srp_cognito"

# The baseline: the PASSWORD_VERIFIER math on Integer#pow (variable-time; never for real secrets).
module IntegerSrp
  N = 0xffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3be39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff
  G = 2

  def self.pad_hex(n)
    hex = n.to_s(16)
    hex = "0#{hex}" if hex.length.odd?
    hex = "00#{hex}" if "89abcdef".include?(hex[0])
    [hex].pack("H*")
  end

  def self.sha256(*parts) = OpenSSL::Digest::SHA256.digest(parts.join)
  def self.hmac(key, *parts) = OpenSSL::HMAC.digest("SHA256", key, parts.join)

  K = sha256(pad_hex(N), pad_hex(G)).unpack1("H*").to_i(16)

  def self.srp_a(a) = G.pow(a, N).to_s(16)

  def self.signature(a, pool_name, user, password, salt_hex, b_hex, secret_block, timestamp)
    big_a = G.pow(a, N)
    b = b_hex.to_i(16)
    u = sha256(pad_hex(big_a), pad_hex(b)).unpack1("H*").to_i(16)
    x = sha256(pad_hex(salt_hex.to_i(16)), sha256("#{pool_name}#{user}:#{password}")).unpack1("H*").to_i(16)
    s = ((b - K * G.pow(x, N)) % N).pow(a + u * x, N)
    prk = hmac(pad_hex(u), pad_hex(s))
    key = hmac(prk, "Caldera Derived Key\x01")[0, 16]
    Base64.strict_encode64(hmac(key, pool_name, user, Base64.strict_decode64(secret_block), timestamp))
  end
end

vector = JSON.parse(File.read(File.join(root, "test-vectors/password_verifier.json")))["vectors"].first
input = vector["input"]
expected = vector["expected"]["password_claim_signature"]
user = input["user_id_for_srp"]
at = Time.strptime(input["timestamp"].sub("UTC", "+0000"), "%a %b %d %H:%M:%S %z %Y")
challenge = { challenge_name: "PASSWORD_VERIFIER",
              challenge_parameters: { "USERNAME" => user, "USER_ID_FOR_SRP" => user, "SALT" => input["salt"],
                                      "SRP_B" => input["srp_b"], "SECRET_BLOCK" => input["secret_block"] } }
a = input["a"].to_i(16)
pool_name = input["pool_id"].split("_", 2).last

ours = lambda do
  sign_in = SrpCognito::SignIn.new(pool_id: input["pool_id"], client_id: "c", username: user,
                                   password: input["password"])
  sign_in.start(a: input["a"])
  signature = sign_in.next(challenge, now: at).request[:challenge_responses]["PASSWORD_CLAIM_SIGNATURE"]
  sign_in.close
  raise "srp-cognito's signature differs from the vector's" unless signature == expected
end
baseline = lambda do
  IntegerSrp.srp_a(a)
  signature = IntegerSrp.signature(a, pool_name, user, input["password"], input["salt"], input["srp_b"],
                                   input["secret_block"], input["timestamp"])
  raise "the Integer#pow baseline's signature differs from the vector's" unless signature == expected
end

def time_ms(work, batch)
  start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  batch.times { work.call }
  (Process.clock_gettime(Process::CLOCK_MONOTONIC) - start) * 1000 / batch
end

def median(values)
  sorted = values.sort
  n = sorted.length
  n.odd? ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
end

own = SrpCognito.backend
backends = ["portable"]
backends << own unless own == "portable"
puts "ruby #{RUBY_VERSION} (#{RUBY_PLATFORM}), #{rounds} rounds of #{batch} sign-ins each, interleaved; medians"
puts "| backend | srp-cognito (ms) | Integer#pow (ms) | ratio |"
puts "|---|---:|---:|---:|"
backends.each do |backend|
  SrpCognito::ABI.call(:srp_cognito_testing_select_backend, backend)
  2.times { ours.call; baseline.call }
  ours_ms = []
  baseline_ms = []
  rounds.times do
    ours_ms << time_ms(ours, batch)
    baseline_ms << time_ms(baseline, batch)
  end
  o = median(ours_ms)
  b = median(baseline_ms)
  puts format("| %s | %.2f | %.2f | %.3f (1/%.1f) |", backend, o, b, o / b, b / o)
end
