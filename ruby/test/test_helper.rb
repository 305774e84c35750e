# frozen_string_literal: true

$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "minitest/autorun"
require "json"
require "srp_cognito"
require_relative "serve_client"

module Helpers
  VECTORS = File.expand_path("../../test-vectors", __dir__)
  PASSWORD = "Corr3ct-horse-battery!"
  TEMPORARY = "Temp-0rary-pass!"

  # srp-cognito serve for the run: $SRP_COGNITO_SERVE_URL, or the binary
  # $SRP_COGNITO_SERVE (default: the workspace's release build, which `rake serve` makes)
  # started with test/provision.json.
  def self.serve_url
    @serve_url ||= ENV.fetch("SRP_COGNITO_SERVE_URL", nil) || start_serve
  end

  def self.start_serve
    binary = ENV.fetch("SRP_COGNITO_SERVE", File.expand_path("../../target/release/srp-cognito", __dir__))
    out = IO.popen([binary, "serve", "--port", "0", "--provision", File.join(__dir__, "provision.json")])
    at_exit { Process.kill("TERM", out.pid) }
    url = out.gets.to_s.strip
    raise "srp-cognito serve did not start (#{binary}): #{url}" unless url.start_with?("http")

    url
  end

  def self.counter
    @counter ||= Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond) % 1_000_000
    @counter += 1
  end

  def unique(prefix)
    "#{prefix}#{Helpers.counter}"
  end

  def vectors(file)
    JSON.parse(File.read(File.join(VECTORS, file))).fetch("vectors").select { |v| v["expected"] }
  end

  def refused(category, &block)
    error = assert_raises(SrpCognito::Error, &block)
    assert_equal category, error.category, error.message
    error
  end
end
