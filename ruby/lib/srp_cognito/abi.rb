# frozen_string_literal: true

require "ffi"
require_relative "error"
require_relative "version"

module SrpCognito
  # The door: srp-cognito's C ABI (srp_cognito.h, the one every language links against),
  # called through the +ffi+ gem. Each call hands UTF-8 bytes to one operation of the
  # shared operation table and gives back its JSON text or raises its refusal as an
  # Error. The native library is, in order: the file +SRP_COGNITO_LIBRARY+ names; the one
  # this gem carries (+lib/srp_cognito/native/+); the system's +libsrp_cognito.so.1+ (the
  # C package installed).
  module ABI
    extend FFI::Library

    # srp_cognito_buffer: text the library made, wiped by srp_cognito_buffer_free.
    class Buffer < FFI::Struct
      layout :data, :pointer, :len, :size_t
    end

    CARRIED = File.join(__dir__, "native", FFI.map_library_name("srp_cognito"))

    def self.library
      from_env = ENV.fetch("SRP_COGNITO_LIBRARY", "")
      return from_env unless from_env.empty?
      return CARRIED if File.exist?(CARRIED)

      "libsrp_cognito.so.1"
    end

    ffi_lib library

    attach_function :srp_cognito_abi_version, [], :uint32
    attach_function :srp_cognito_status_name, [:int32], :string
    attach_function :srp_cognito_buffer_free, [Buffer.by_ref], :void
    attach_function :srp_cognito_backend, [Buffer.by_ref], :int32
    attach_function :srp_cognito_secret_hash,
                    [:pointer, :size_t, :pointer, :size_t, :pointer, :size_t, Buffer.by_ref], :int32
    attach_function :srp_cognito_sign_in_new,
                    [:pointer, :size_t, :pointer, :size_t, :pointer, :size_t, :pointer, :size_t, :pointer,
                     Buffer.by_ref], :int32
    attach_function :srp_cognito_sign_in_free, [:uint64], :int32
    # The calls that exponentiate release the GVL (blocking: other Ruby threads run meanwhile).
    attach_function :srp_cognito_sign_in_start, [:uint64, Buffer.by_ref], :int32, blocking: true
    attach_function :srp_cognito_sign_in_start_with, [:uint64, :pointer, :size_t, Buffer.by_ref], :int32,
                    blocking: true
    attach_function :srp_cognito_sign_in_next, [:uint64, :pointer, :size_t, :int64, Buffer.by_ref], :int32,
                    blocking: true
    attach_function :srp_cognito_sign_in_answer,
                    [:uint64, :pointer, :size_t, :pointer, :size_t, Buffer.by_ref], :int32
    attach_function :srp_cognito_sign_in_username, [:uint64, Buffer.by_ref], :int32
    attach_function :srp_cognito_sign_in_pending, [:uint64, Buffer.by_ref], :int32
    attach_function :srp_cognito_confirm_device, [:pointer, :size_t, :pointer, :size_t, Buffer.by_ref], :int32,
                    blocking: true
    attach_function :srp_cognito_update_device_status,
                    [:pointer, :size_t, :pointer, :size_t, :int32, Buffer.by_ref], :int32
    attach_function :srp_cognito_refresh,
                    [:pointer, :size_t, :pointer, :size_t, :pointer, :size_t, :pointer, :size_t, :pointer, :size_t,
                     Buffer.by_ref], :int32
    attach_function :srp_cognito_get_tokens_from_refresh_token,
                    [:pointer, :size_t, :pointer, :size_t, :pointer, :size_t, :pointer, :size_t, Buffer.by_ref],
                    :int32
    # Only in a library built with the vector harness (run-vectors' build).
    begin
      attach_function :srp_cognito_testing_compute, [:pointer, :size_t, Buffer.by_ref], :int32, blocking: true
      attach_function :srp_cognito_testing_select_backend, [:pointer, :size_t, Buffer.by_ref], :int32
    rescue FFI::NotFoundError
      nil
    end

    unless srp_cognito_abi_version == ABI_VERSION
      raise LoadError, "srp-cognito: #{library} implements C ABI #{srp_cognito_abi_version}, this gem speaks #{ABI_VERSION}"
    end

    # Calls +function+ with +args+, each a String (its bytes, copied into native memory
    # that is wiped after the call), nil (NULL: an absent optional argument) or an
    # Integer, the buffer last; returns the text (UTF-8, nil when none), or raises.
    def self.call(function, *args)
      pointers = []
      native = args.flat_map do |arg|
        case arg
        when nil then [nil, 0]
        when String
          bytes = arg.b
          pointer = FFI::MemoryPointer.new(:char, [bytes.bytesize, 1].max)
          pointer.put_bytes(0, bytes)
          pointers << pointer
          [pointer, bytes.bytesize]
        else [arg]
        end
      end
      buffer = Buffer.new
      status = send(function, *native, buffer)
      text = buffer[:data].null? ? nil : buffer[:data].read_bytes(buffer[:len]).force_encoding(Encoding::UTF_8)
      srp_cognito_buffer_free(buffer)
      raise Error.new(status, srp_cognito_status_name(status), text.to_s) unless status.zero?

      text
    ensure
      pointers&.each(&:clear)
    end

    # A sign-in's handle (srp_cognito_sign_in_new's output), or raises.
    def self.new_sign_in(options, password, client_secret, device_password)
      handle = FFI::MemoryPointer.new(:uint64)
      call(:srp_cognito_sign_in_new, options, password, client_secret, device_password, handle)
      handle.read_uint64
    end
  end
end
