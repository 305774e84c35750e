# frozen_string_literal: true

require_relative "test_helper"
require "time"

# The sans-IO SignIn and the operations, without a server.
class TestSignIn < Minitest::Test
  include Helpers

  def plain(**options)
    SrpCognito::SignIn.new(pool_id: "us-east-1_Abc", client_id: "client", username: "alice", password: "p", **options)
  end

  def verifier(user, salt, b, secret_block)
    { challenge_name: "PASSWORD_VERIFIER", session: "s1",
      challenge_parameters: { "USERNAME" => user, "USER_ID_FOR_SRP" => user, "SALT" => salt, "SRP_B" => b,
                              "SECRET_BLOCK" => secret_block } }
  end

  def test_start_gives_initiate_auths_keywords
    sign_in = plain
    start = sign_in.start(a: "02")
    assert_equal({ auth_flow: "USER_SRP_AUTH", client_id: "client",
                   auth_parameters: { "SRP_A" => "4", "USERNAME" => "alice" } }, start)
    assert(start[:auth_parameters].keys.all?(String), "string keys inside auth_parameters")
    refute(start[:auth_parameters].values.any?(&:nil?), "no nil values")
    refused("out_of_turn") { sign_in.start(a: "03") }
  end

  def test_every_password_verifier_vector_through_ruby
    checked = vectors("password_verifier.json").count do |vector|
      input = vector["input"]
      user = input["user_id_for_srp"]
      sign_in = SrpCognito::SignIn.new(pool_id: input["pool_id"], client_id: "c", username: user,
                                       password: input["password"])
      assert_equal vector["expected"]["srp_a"], sign_in.start(a: input["a"])[:auth_parameters]["SRP_A"]
      at = Time.strptime(input["timestamp"].sub("UTC", "+0000"), "%a %b %d %H:%M:%S %z %Y")
      step = sign_in.next(verifier(user, input["salt"], input["srp_b"], input["secret_block"]), now: at)
      assert_kind_of SrpCognito::Respond, step
      responses = step.request[:challenge_responses]
      assert_equal vector["expected"]["password_claim_signature"], responses["PASSWORD_CLAIM_SIGNATURE"], vector["id"]
      assert_equal input["timestamp"], responses["TIMESTAMP"]
      assert_equal "s1", step.request[:session]
      sign_in.close
      true
    end
    assert_operator checked, :>=, 10
  end

  def test_the_sdks_response_structs_are_taken
    response = Struct.new(:challenge_name, :challenge_parameters, :session, :authentication_result,
                          keyword_init: true)
    sign_in = plain
    sign_in.start(a: "02")
    step = sign_in.next(response.new(**verifier("alice", "01", "05", "AA==")), now: Time.at(1_700_000_000))
    assert_equal "Tue Nov 14 22:13:20 UTC 2023", step.request[:challenge_responses]["TIMESTAMP"]
  end

  def test_a_challenge_for_the_user_is_pending_and_answered
    sign_in = plain
    sign_in.start(a: "02")
    step = sign_in.next({ challenge_name: "NEW_PASSWORD_REQUIRED", session: "s2",
                          challenge_parameters: { "USERNAME" => "alice-internal",
                                                  "requiredAttributes" => '["userAttributes.email"]' } })
    assert_kind_of SrpCognito::Pending, step
    assert_equal "NEW_PASSWORD_REQUIRED", step.challenge.challenge_name
    assert_equal ["email"], step.challenge.required_attributes
    assert_equal "NEW_PASSWORD_REQUIRED", sign_in.pending
    assert_equal "alice-internal", sign_in.username
    request = sign_in.answer("N3w-password!", attributes: { email: "a@example.com" })
    assert_equal "alice-internal", request[:challenge_responses]["USERNAME"]
    assert_equal "a@example.com", request[:challenge_responses]["userAttributes.email"]
    assert_equal "N3w-password!", request[:challenge_responses]["NEW_PASSWORD"]
  end

  def test_out_of_turn_closed_and_bad_input_are_typed
    sign_in = plain
    refused("out_of_turn") { sign_in.answer("123456") }
    refused("out_of_turn") { sign_in.next({ challenge_name: "PASSWORD_VERIFIER" }) }
    sign_in.close
    sign_in.close
    refused("bad_handle") { sign_in.start }
    refused("bad_handle") { sign_in.username }
    assert_equal "#<SrpCognito::SignIn closed>", sign_in.inspect
    refused("bad_pool_id") { plain(pool_id: "nounderscore") }
    refused("empty_input") { plain(client_secret: "") }
    refused("bad_hex") { plain.start(a: "zz") }
    refused("too_large") { plain(password: "p" * ((1 << 20) + 1)) }
    refused("bad_utf8") { plain(password: "\xff".b) }
    bad_clock = plain
    bad_clock.start(a: "02")
    refused("bad_timestamp") { bad_clock.next(verifier("alice", "01", "05", "AA=="), now: Time.at(1 << 40)) }
  end

  def test_secret_hash_and_the_other_operations
    vectors("secret_hash.json").each do |vector|
      input = vector["input"]
      assert_equal vector["expected"]["secret_hash"],
                   SrpCognito.secret_hash(input["username"], input["client_id"], input["client_secret"])
    end
    refresh = SrpCognito.refresh(client_id: "c", client_secret: "s", refresh_token: "t", username: "u", device_key: "d")
    assert_equal "REFRESH_TOKEN_AUTH", refresh[:auth_flow]
    assert_equal SrpCognito.secret_hash("u", "c", "s"), refresh[:auth_parameters]["SECRET_HASH"]
    refused("missing_parameter") { SrpCognito.refresh(client_id: "c", client_secret: "s", refresh_token: "t") }
    get = SrpCognito.get_tokens_from_refresh_token(client_id: "c", refresh_token: "t")
    assert_equal({ client_id: "c", refresh_token: "t" }, get)
    update = SrpCognito.update_device_status("access", "dev", false)
    assert_equal "not_remembered", update[:device_remembered_status]
    refused("missing_parameter") { SrpCognito.confirm_device({ access_token: "a" }) }
    request, device = SrpCognito.confirm_device(
      { access_token: "a", new_device_metadata: { device_key: "us-east-1_d", device_group_key: "g" } },
      device_name: "laptop"
    )
    assert_equal "laptop", request[:device_name]
    assert_equal %i[password_verifier salt], request[:device_secret_verifier_config].keys.sort
    assert_equal "g", device.device_group_key
    refute_includes device.inspect, device.device_password
    refute_empty SrpCognito.backend
  end
end
