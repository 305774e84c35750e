# frozen_string_literal: true

require_relative "test_helper"

# The SDK client the sample makes, stood in for by ServeClient (the SDK cannot be installed
# where this is tested): `Aws::CognitoIdentityProvider::Client.new(region:)` reaches serve.
module Aws
  module CognitoIdentityProvider
    class Client < ServeClient
      def initialize(region:)
        raise ArgumentError, "a region" if region.to_s.empty?

        super(Helpers.serve_url)
      end
    end
  end
end

# The sign-in of the READMEs and the book, as written there (tools/tests/book.rs checks the
# text; its `require` lines are what this file's first lines do).
class TestReadme < Minitest::Test
  include Helpers

  CLIENT_ID = "rubyreadme0000000000000007"

  def ask(challenge_name)
    flunk "the sample's user has no challenge to answer: #{challenge_name}"
  end

  def test_the_readme_sample
    idp = ServeClient.new(Helpers.serve_url)
    idp.admin_create_user(user_pool_id: "us-east-1_AbCdEf123", username: "alice", temporary_password: TEMPORARY,
                          message_action: "SUPPRESS", user_attributes: [{ name: "email", value: "alice@example.com" }])
    idp.admin_set_user_password(user_pool_id: "us-east-1_AbCdEf123", username: "alice", password: PASSWORD,
                                permanent: true)
    password = PASSWORD
    # BEGIN book:sign-in
    client = Aws::CognitoIdentityProvider::Client.new(region: "us-east-1")
    outcome = SrpCognito.sign_in(client, pool_id: "us-east-1_AbCdEf123", client_id: CLIENT_ID,
                                         username: "alice", password: password)
    while outcome.is_a?(SrpCognito::PendingSignIn)                 # SOFTWARE_TOKEN_MFA, NEW_PASSWORD_REQUIRED ...
      outcome = outcome.answer(ask(outcome.challenge.challenge_name))
    end
    outcome.result[:id_token]
    # END book:sign-in
    refute_empty outcome.result[:id_token]
    assert_equal "alice", idp.get_user(access_token: outcome.result[:access_token]).username
  end
end
