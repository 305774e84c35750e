# frozen_string_literal: true

require "json"

module SrpCognito
  # Cognito's wire shapes (JSON, PascalCase) and the AWS SDK for Ruby's (snake_case symbol
  # keywords and structs), as the SDK's JSON protocol maps them: a structure's members
  # are renamed, a map's keys (AuthParameters, ChallengeResponses ...) are data and kept
  # as strings.
  module Shapes
    MAPS = %w[AuthParameters ChallengeParameters ChallengeResponses ClientMetadata].freeze

    module_function

    # "AuthParameters" -> :auth_parameters
    def snake(name)
      name.to_s.gsub(/([A-Z]+)([A-Z][a-z])/, '\1_\2').gsub(/([a-z\d])([A-Z])/, '\1_\2').downcase.to_sym
    end

    # :auth_parameters -> "AuthParameters"
    def pascal(name)
      name.to_s.split("_").map { |part| part[0].to_s.upcase + part[1..].to_s }.join
    end

    # A wire object as the SDK's keywords (symbols; maps keep their string keys).
    def from_wire(value)
      case value
      when Hash
        value.to_h do |key, member|
          [snake(key), MAPS.include?(key) ? member.to_h { |k, v| [k.to_s, v] } : from_wire(member)]
        end
      when Array then value.map { |item| from_wire(item) }
      else value
      end
    end

    # The SDK's keywords, a response struct or a Hash (symbol or string keys), as a wire
    # object; nil values are left out.
    def to_wire(value)
      case value
      when Hash
        value.each_with_object({}) do |(key, member), out|
          next if member.nil?

          name = key.to_s.match?(/\A[A-Z]/) ? key.to_s : pascal(key)
          out[name] = MAPS.include?(name) ? member.to_h { |k, v| [k.to_s, v.to_s] } : to_wire(member)
        end
      when Array then value.map { |item| to_wire(item) }
      when String, Numeric, true, false, nil then value
      else value.respond_to?(:to_h) ? to_wire(value.to_h) : value
      end
    end
  end
end
