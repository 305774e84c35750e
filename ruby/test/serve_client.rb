# frozen_string_literal: true

require "json"
require "net/http"
require "uri"
require "srp_cognito"

# The tests' stand-in for Aws::CognitoIdentityProvider::Client, which cannot be installed
# here (no RubyGems mirror; Debian ships only aws-sdk-core with STS and SSO): a JSON
# client over Net::HTTP taking and returning exactly the SDK's shapes, as its JSON
# protocol maps them — snake_case keywords in (maps such as auth_parameters keep their
# string keys), response structs out (snake_case readers, #to_h), and each Cognito error
# raised as an exception class named as the SDK names it
# (ServeClient::Errors::NotAuthorizedException). Not part of the gem.
class ServeClient
  # Operations whose names do not follow from the method's (the SDK's own exceptions).
  OPERATIONS = { set_user_mfa_preference: "SetUserMFAPreference" }.freeze

  # Cognito's error, as the SDK raises it.
  class ServiceError < StandardError
    attr_reader :code

    def initialize(code, message)
      @code = code
      super(message)
    end
  end

  module Errors
    def self.const_missing(name)
      const_set(name, Class.new(ServiceError))
    end
  end

  # A response: the SDK's struct readers over the response's members.
  class Response
    def initialize(members)
      @members = members
    end

    def to_h
      @members
    end

    def respond_to_missing?(name, include_private = false)
      @members.key?(name) || super
    end

    def method_missing(name, *args)
      return super unless args.empty?

      value = @members[name]
      value.is_a?(Hash) && !value.keys.first.is_a?(String) ? Response.new(value) : value
    end
  end

  def initialize(url)
    @uri = URI(url)
  end

  def respond_to_missing?(_name, _include_private = false)
    true
  end

  def method_missing(operation, **params)
    name = OPERATIONS.fetch(operation) { SrpCognito::Shapes.pascal(operation) }
    http = Net::HTTP.new(@uri.host, @uri.port)
    http.open_timeout = 5
    http.read_timeout = 30
    request = Net::HTTP::Post.new("/", "Content-Type" => "application/x-amz-json-1.1",
                                       "X-Amz-Target" => "AWSCognitoIdentityProviderService.#{name}")
    request.body = JSON.generate(SrpCognito::Shapes.to_wire(params))
    response = http.request(request)
    body = response.body.to_s.empty? ? {} : JSON.parse(response.body)
    unless response.is_a?(Net::HTTPSuccess)
      code = body["__type"].to_s.split("#").last || "ServiceError"
      raise Errors.const_get(code).new(code, body["message"] || body["Message"] || code)
    end
    Response.new(SrpCognito::Shapes.from_wire(body))
  end
end
