# frozen_string_literal: true

require_relative "test_helper"
require "openssl"

# Both levels against srp-cognito serve, through ServeClient (the SDK's shapes).
class TestServe < Minitest::Test
  include Helpers

  PLAIN = "us-east-1_RubyPlain"
  PLAIN_PUBLIC = "rubyplainpublic00000000001"
  PLAIN_SECRET_CLIENT = "rubyplainsecret00000000002"
  PLAIN_SECRET = "ruby-test-client-secret-0123456789abcdefghijklmnop"
  EMAIL = "us-east-1_RubyEmail"
  EMAIL_PUBLIC = "rubyemailpublic00000000003"
  DEVICES = "us-east-1_RubyDevices"
  DEVICES_CLIENT = "rubydevicessecret000000004"
  DEVICES_SECRET = "ruby-test-device-secret-0123456789abcdefghijklmno"
  MFA = "us-east-1_RubyMfa"
  MFA_PUBLIC = "rubymfapublic0000000000005"

  def idp
    @idp ||= ServeClient.new(Helpers.serve_url)
  end

  def new_user(pool, username, email)
    idp.admin_create_user(user_pool_id: pool, username: username, temporary_password: TEMPORARY,
                          message_action: "SUPPRESS", user_attributes: [{ name: "email", value: email }])
  end

  def user(pool, username, email)
    new_user(pool, username, email)
    idp.admin_set_user_password(user_pool_id: pool, username: username, password: PASSWORD, permanent: true)
  end

  def user_of(access_token)
    idp.get_user(access_token: access_token).username
  end

  def sign_in(pool, client, username, password = PASSWORD, **options)
    SrpCognito.sign_in(idp, pool_id: pool, client_id: client, username: username, password: password, **options)
  end

  def test_right_and_wrong_password
    name = unique("alice-")
    user(PLAIN, name, "#{name}@example.com")
    outcome = sign_in(PLAIN, PLAIN_PUBLIC, name)
    assert_kind_of SrpCognito::Outcome, outcome
    assert_equal "Bearer", outcome.result[:token_type]
    assert_equal name, user_of(outcome.result[:access_token])
    refute_includes outcome.inspect, outcome.result[:access_token]
    assert_raises(ServeClient::Errors::NotAuthorizedException) { sign_in(PLAIN, PLAIN_PUBLIC, name, "Wr0ng-password!") }
  end

  def test_a_client_with_a_secret_and_refresh
    name = unique("bob-")
    user(PLAIN, name, "#{name}@example.com")
    outcome = sign_in(PLAIN, PLAIN_SECRET_CLIENT, name, client_secret: PLAIN_SECRET)
    assert_equal name, user_of(outcome.result[:access_token])
    assert_raises(ServeClient::Errors::NotAuthorizedException) do
      sign_in(PLAIN, PLAIN_SECRET_CLIENT, name, client_secret: "not-the-secret")
    end
    refreshed = idp.initiate_auth(**SrpCognito.refresh(client_id: PLAIN_SECRET_CLIENT, client_secret: PLAIN_SECRET,
                                                        refresh_token: outcome.result[:refresh_token],
                                                        username: outcome.username))
    assert_equal name, user_of(refreshed.authentication_result.access_token)
    got = idp.get_tokens_from_refresh_token(**SrpCognito.get_tokens_from_refresh_token(
      client_id: PLAIN_SECRET_CLIENT, client_secret: PLAIN_SECRET, refresh_token: outcome.result[:refresh_token]
    ))
    assert_equal name, user_of(got.authentication_result.access_token)
  end

  def test_an_email_alias_signs_in_as_cognitos_own_username
    email = "#{unique('carol-')}@example.com"
    user(EMAIL, email, email)
    outcome = sign_in(EMAIL, EMAIL_PUBLIC, email)
    refute_equal email, outcome.username, "the challenge's USERNAME is Cognito's, not the alias"
    assert_equal outcome.username, user_of(outcome.result[:access_token])
  end

  def test_new_password_required_is_handed_back_and_answered
    name = unique("erin-")
    new_user(PLAIN, name, "#{name}@example.com")
    pending = sign_in(PLAIN, PLAIN_PUBLIC, name, TEMPORARY)
    assert_kind_of SrpCognito::PendingSignIn, pending
    assert_equal "NEW_PASSWORD_REQUIRED", pending.challenge.challenge_name
    done = pending.answer(PASSWORD)
    assert_equal name, user_of(done.result[:access_token])
    assert_kind_of SrpCognito::Outcome, sign_in(PLAIN, PLAIN_PUBLIC, name)
  end

  # RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a base32 secret.
  def totp(base32, now = Time.now)
    bits = base32.upcase.delete("=").chars.map { |c| "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".index(c).to_s(2).rjust(5, "0") }
    key = [bits.join].pack("B*")[0, bits.join.length / 8]
    hash = OpenSSL::HMAC.digest("SHA1", key, [now.to_i / 30].pack("Q>"))
    offset = hash.bytes.last & 0x0f
    code = hash[offset, 4].unpack1("N") & 0x7fffffff
    format("%06d", code % 1_000_000)
  end

  def test_totp_mfa_is_handed_back_and_answered
    name = unique("gina-")
    user(MFA, name, "#{name}@example.com")
    access = sign_in(MFA, MFA_PUBLIC, name).result[:access_token]
    secret = idp.associate_software_token(access_token: access).secret_code
    idp.verify_software_token(access_token: access, user_code: totp(secret))
    idp.set_user_mfa_preference(access_token: access,
                                software_token_mfa_settings: { enabled: true, preferred_mfa: true })

    pending = sign_in(MFA, MFA_PUBLIC, name)
    assert_equal "SOFTWARE_TOKEN_MFA", pending.challenge.challenge_name
    assert_raises(ServeClient::Errors::CodeMismatchException) { pending.answer("000000") }
    pending = sign_in(MFA, MFA_PUBLIC, name)
    assert_equal name, user_of(pending.answer(totp(secret)).result[:access_token])
  end

  def test_a_remembered_device
    name = unique("dave-")
    user(DEVICES, name, "#{name}@example.com")
    first = sign_in(DEVICES, DEVICES_CLIENT, name, client_secret: DEVICES_SECRET, remember_device: "minitest")
    device = first.device
    assert_equal first.result[:new_device_metadata][:device_key], device.device_key
    refute_includes device.inspect, device.device_password

    again = sign_in(DEVICES, DEVICES_CLIENT, name, client_secret: DEVICES_SECRET, device: device)
    assert_nil again.result[:new_device_metadata]
    devices = idp.list_devices(access_token: again.result[:access_token]).devices
    assert_equal [device.device_key], devices.map { |d| d[:device_key] }
    remembered = devices.first[:device_attributes].find { |a| a[:name] == "dev:device_remembered_status" }
    assert_equal "remembered", remembered[:value], "the pool asks the user: UpdateDeviceStatus was sent"

    changed = device.dup
    changed.device_password = device.device_password.sub(/.\z/) { |c| c == "A" ? "B" : "A" }
    assert_raises(ServeClient::Errors::NotAuthorizedException) do
      sign_in(DEVICES, DEVICES_CLIENT, name, client_secret: DEVICES_SECRET, device: changed)
    end
  end

  def test_the_sans_io_sign_in_driven_by_hand_and_used_out_of_turn
    name = unique("hank-")
    user(PLAIN, name, "#{name}@example.com")
    sign_in = SrpCognito::SignIn.new(pool_id: PLAIN, client_id: PLAIN_PUBLIC, username: name, password: PASSWORD)
    step = sign_in.next(idp.initiate_auth(**sign_in.start))
    step = sign_in.next(idp.respond_to_auth_challenge(**step.request)) while step.is_a?(SrpCognito::Respond)
    assert_kind_of SrpCognito::SignedIn, step
    assert_equal name, user_of(step.result[:access_token])
    refused("out_of_turn") { sign_in.start }
    refused("out_of_turn") { sign_in.answer("123456") }
    sign_in.close
    refused("bad_handle") { sign_in.next({}) }
  end

  def test_threads_sign_in_at_once
    names = Array.new(4) { unique("thread-") }
    names.each { |name| user(PLAIN, name, "#{name}@example.com") }
    threads = names.map do |name|
      Thread.new { user_of(SrpCognito.sign_in(ServeClient.new(Helpers.serve_url), pool_id: PLAIN, client_id: PLAIN_PUBLIC,
                                              username: name, password: PASSWORD).result[:access_token]) }
    end
    assert_equal names, threads.map(&:value)
  end
end
