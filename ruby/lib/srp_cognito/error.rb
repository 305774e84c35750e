# frozen_string_literal: true

module SrpCognito
  # A refusal of srp-cognito: +category+ names it (+"bad_hex"+, +"out_of_turn"+,
  # +"claim_refused"+ ..., the same names in every language package), +status+ numbers it
  # as the C ABI's +srp_cognito_status+ does. Raised for every bad input and every refused
  # step; never a crash.
  class Error < StandardError
    attr_reader :category, :status

    def initialize(status, category, message)
      @status = status
      @category = category
      super("#{category}: #{message}")
    end
  end
end
