# frozen_string_literal: true

require "json"
require_relative "abi"
require_relative "shapes"

module SrpCognito
  # Send this: +request+ is RespondToAuthChallenge's keywords
  # (+client.respond_to_auth_challenge(**step.request)+), then give its response to
  # SignIn#next.
  Respond = Struct.new(:request) do
    def inspect
      "#<SrpCognito::Respond #{request[:challenge_name]}>"
    end
    alias_method :to_s, :inspect
  end

  # A challenge only the user can answer (an MFA code, a new password ...): answer it
  # with SignIn#answer.
  Challenge = Struct.new(:challenge_name, :code_delivery_destination, :mfa_types, :required_attributes,
                         :available_challenges, keyword_init: true)
  Pending = Struct.new(:challenge)

  # Signed in: +result+ is the AuthenticationResult as the SDK's +to_h+ gives it
  # (+:access_token+, +:id_token+, +:refresh_token+, +:expires_in+, +:token_type+,
  # +:new_device_metadata+).
  SignedIn = Struct.new(:result) do
    def inspect
      "#<SrpCognito::SignedIn tokens=[redacted]>"
    end
    alias_method :to_s, :inspect
  end

  # A device Cognito remembers: its key, group key and random password (from
  # SrpCognito.confirm_device), for DEVICE_SRP_AUTH at the next sign-in.
  RememberedDevice = Struct.new(:device_key, :device_group_key, :device_password, keyword_init: true) do
    def inspect
      "#<SrpCognito::RememberedDevice device_key=#{device_key} device_password=[redacted]>"
    end
    alias_method :to_s, :inspect
  end

  # An SRP sign-in, sans-IO: it makes the requests and reads the responses; you send
  # them with +Aws::CognitoIdentityProvider::Client+ (or any client).
  #
  #   sign_in = SrpCognito::SignIn.new(pool_id: POOL, client_id: CLIENT, username: "alice", password: pw)
  #   step = sign_in.next(client.initiate_auth(**sign_in.start))
  #   step = sign_in.next(client.respond_to_auth_challenge(**step.request)) while step.is_a?(SrpCognito::Respond)
  #   step.result[:id_token] if step.is_a?(SrpCognito::SignedIn)
  #
  # Its secrets (the password, the client secret, the device password, +a+) live in the
  # native library, which wipes them at #close (or when the object is collected). A
  # SignIn is safe to share between threads (its calls are serialized); after #close every
  # call raises Error (+bad_handle+).
  class SignIn
    def initialize(pool_id:, client_id:, username:, password:, client_secret: nil, device: nil,
                   flow: "USER_SRP_AUTH", lenient_secret_block: false)
      options = { flow: flow, poolId: pool_id, clientId: client_id, username: username,
                  lenientSecretBlock: lenient_secret_block }
      if device
        options[:deviceKey] = device.device_key
        options[:deviceGroupKey] = device.device_group_key
      end
      @handle = ABI.new_sign_in(JSON.generate(options), password, client_secret, device&.device_password)
      @lock = Mutex.new
      ObjectSpace.define_finalizer(self, self.class.finalizer(@handle))
    end

    # Frees the native sign-in of an object collected without #close.
    def self.finalizer(handle)
      proc do
        ABI.srp_cognito_sign_in_free(handle)
      end
    end

    # InitiateAuth's keywords (+client.initiate_auth(**sign_in.start)+), with a fresh +a+
    # from the OS's randomness; +a:+ (hex) is the deterministic entry point, for tests.
    def start(a: nil)
      text = locked do
        a ? ABI.call(:srp_cognito_sign_in_start_with, @handle, a) : ABI.call(:srp_cognito_sign_in_start, @handle)
      end
      Shapes.from_wire(JSON.parse(text))
    end

    # The next step after an InitiateAuth or RespondToAuthChallenge response (the SDK's
    # response object, or a Hash of the same members) at +now+ (a Time; default: the
    # clock): Respond, Pending or SignedIn.
    def next(response, now: Time.now)
      wire = JSON.generate(Shapes.to_wire(response))
      step(locked { ABI.call(:srp_cognito_sign_in_next, @handle, wire, now.to_i) })
    end

    # The answer to the pending challenge, as RespondToAuthChallenge's keywords: the code
    # (SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA ...), the custom answer, the MFA type chosen,
    # the new password (NEW_PASSWORD_REQUIRED, with +attributes+ names to values), the
    # password (PASSWORD); none for MFA_SETUP; another challenge's responses as
    # +attributes+.
    def answer(answer = nil, attributes: nil)
      json = attributes && JSON.generate(attributes.to_h { |k, v| [k.to_s, v.to_s] })
      Shapes.from_wire(JSON.parse(locked { ABI.call(:srp_cognito_sign_in_answer, @handle, answer, json) }))
    end

    # Cognito's own username once a challenge named it (never the alias typed): the
    # username of a refresh's SECRET_HASH.
    def username
      locked { ABI.call(:srp_cognito_sign_in_username, @handle) }
    end

    # The challenge waiting for #answer, or nil.
    def pending
      locked { ABI.call(:srp_cognito_sign_in_pending, @handle) }
    end

    # Wipes the sign-in's secrets; every later call raises Error (+bad_handle+).
    def close
      @lock.synchronize do
        next if @closed

        @closed = true
        ObjectSpace.undefine_finalizer(self)
        ABI.srp_cognito_sign_in_free(@handle)
      end
      nil
    end

    def inspect
      "#<SrpCognito::SignIn #{@closed ? 'closed' : 'open'}>"
    end
    alias_method :to_s, :inspect

    private

    def locked(&block)
      @lock.synchronize(&block)
    end

    def step(text)
      wire = JSON.parse(text)
      if (respond = wire["respond"])
        Respond.new(Shapes.from_wire(respond))
      elsif (pending = wire["pending"])
        Pending.new(Challenge.new(**pending.to_h { |k, v| [Shapes.snake(k), v] }))
      else
        SignedIn.new(Shapes.from_wire(wire.fetch("signedIn")))
      end
    end
  end
end
