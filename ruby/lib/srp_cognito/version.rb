# frozen_string_literal: true

module SrpCognito
  VERSION = "0.1.0"
  # The C ABI this gem speaks (`SRP_COGNITO_ABI_VERSION` of srp_cognito.h).
  ABI_VERSION = 1
end
