# frozen_string_literal: true

require "json"
require_relative "srp_cognito/version"
require_relative "srp_cognito/error"
require_relative "srp_cognito/abi"
require_relative "srp_cognito/shapes"
require_relative "srp_cognito/sign_in"

# Amazon Cognito's SRP sign-in for Ruby, shaped for +Aws::CognitoIdentityProvider::Client+:
# srp-cognito's constant-time Rust core, through its C ABI (the +ffi+ gem).
#
#   outcome = SrpCognito.sign_in(client, pool_id: POOL, client_id: CLIENT, username: "alice", password: pw)
#   outcome = outcome.answer(gets.strip) while outcome.is_a?(SrpCognito::PendingSignIn)  # an MFA code ...
#   outcome.result[:id_token]
module SrpCognito
  # A sign-in waiting on the user (an MFA code, a new password ...): +challenge+ says
  # which; #answer continues it over the same client and returns the next outcome.
  class PendingSignIn
    attr_reader :challenge

    def initialize(client, sign_in, challenge, remember_device)
      @client = client
      @sign_in = sign_in
      @challenge = challenge
      @remember_device = remember_device
    end

    # Answers the challenge (as SignIn#answer) and goes on.
    def answer(answer = nil, attributes: nil)
      SrpCognito.drive(@client, @sign_in, @remember_device) do
        @client.respond_to_auth_challenge(**@sign_in.answer(answer, attributes: attributes))
      end
    end

    # Wipes the sign-in without answering.
    def close
      @sign_in.close
    end

    def inspect
      "#<SrpCognito::PendingSignIn #{challenge.challenge_name}>"
    end
    alias_method :to_s, :inspect
  end

  # A completed sign-in: +result+ (the AuthenticationResult's members), +username+
  # (Cognito's own), +device+ (a RememberedDevice, when asked and offered).
  Outcome = Struct.new(:result, :username, :device, keyword_init: true) do
    def inspect
      "#<SrpCognito::Outcome username=#{username} tokens=[redacted]#{' device' if device}>"
    end
    alias_method :to_s, :inspect
  end

  module_function

  # Signs in over +client+ (anything with the SDK client's +initiate_auth+ and
  # +respond_to_auth_challenge+): an Outcome, or a PendingSignIn to answer. The SDK's own
  # errors (+NotAuthorizedException+ ...) come through as they are. +remember_device:+
  # a name: when the pool offers to remember this device, it is confirmed (and marked
  # remembered if the pool asks) and returned as +outcome.device+.
  def sign_in(client, pool_id:, client_id:, username:, password:, client_secret: nil, device: nil,
              remember_device: nil)
    sign_in = SignIn.new(pool_id: pool_id, client_id: client_id, username: username, password: password,
                         client_secret: client_secret, device: device)
    drive(client, sign_in, remember_device) { client.initiate_auth(**sign_in.start) }
  end

  # The one flow: each response into SignIn#next, each Respond sent, until signed in or
  # waiting on the user. The sign-in is closed once signed in or failed.
  def drive(client, sign_in, remember_device)
    step = sign_in.next(yield)
    step = sign_in.next(client.respond_to_auth_challenge(**step.request)) while step.is_a?(Respond)
    return PendingSignIn.new(client, sign_in, step.challenge, remember_device) if step.is_a?(Pending)

    username = sign_in.username
    sign_in.close
    Outcome.new(result: step.result, username: username,
                device: remember_device && remember(client, step.result, remember_device))
  rescue StandardError
    sign_in.close
    raise
  end

  def remember(client, result, name)
    return nil unless result[:new_device_metadata]

    request, device = confirm_device(result, device_name: name)
    confirmed = client.confirm_device(**request)
    if confirmed.user_confirmation_necessary
      client.update_device_status(**update_device_status(result[:access_token], device.device_key, true))
    end
    device
  end

  # SECRET_HASH = base64(HMAC-SHA256(client_secret, username + client_id)). The
  # username is Cognito's own (a challenge's USERNAME), not an alias the user typed.
  def secret_hash(username, client_id, client_secret)
    ABI.call(:srp_cognito_secret_hash, username, client_id, client_secret)
  end

  # ConfirmDevice for the new device of a sign-in's result (the SDK's
  # +authentication_result+ or its +to_h+): [ConfirmDevice's keywords, the
  # RememberedDevice to keep once Cognito accepts it], with a fresh device password.
  def confirm_device(result, device_name: nil)
    wire = JSON.parse(ABI.call(:srp_cognito_confirm_device, JSON.generate(Shapes.to_wire(result)), device_name))
    device = wire.fetch("device")
    [Shapes.from_wire(wire.fetch("input")),
     RememberedDevice.new(device_key: device["deviceKey"], device_group_key: device["deviceGroupKey"],
                          device_password: device["devicePassword"])]
  end

  # UpdateDeviceStatus's keywords, marking +device_key+ remembered (or not).
  def update_device_status(access_token, device_key, remembered)
    Shapes.from_wire(JSON.parse(ABI.call(:srp_cognito_update_device_status, access_token, device_key,
                                         remembered ? 1 : 0)))
  end

  # InitiateAuth's keywords for REFRESH_TOKEN_AUTH; with a client secret, +username:+
  # (Cognito's own: Outcome#username, SignIn#username) makes its SECRET_HASH.
  def refresh(client_id:, refresh_token:, client_secret: nil, username: nil, device_key: nil)
    Shapes.from_wire(JSON.parse(ABI.call(:srp_cognito_refresh, client_id, client_secret, refresh_token, username,
                                         device_key)))
  end

  # GetTokensFromRefreshToken's keywords.
  def get_tokens_from_refresh_token(client_id:, refresh_token:, client_secret: nil, device_key: nil)
    Shapes.from_wire(JSON.parse(ABI.call(:srp_cognito_get_tokens_from_refresh_token, client_id, client_secret,
                                         refresh_token, device_key)))
  end

  # The arithmetic backend in use (+"avx512ifma"+, +"portable"+ ...).
  def backend
    ABI.call(:srp_cognito_backend)
  end
end
