/* SECRET_HASH from C, linked with pkg-config:
 *   cc secret_hash.c $(pkg-config --cflags --libs srp_cognito) -o secret_hash
 *   ./secret_hash USERNAME CLIENT_ID CLIENT_SECRET */
#include <stdio.h>
#include <string.h>

#include <srp_cognito.h>

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s USERNAME CLIENT_ID CLIENT_SECRET\n", argv[0]);
    return 2;
  }
  if (srp_cognito_abi_version() != SRP_COGNITO_ABI_VERSION) {
    fprintf(stderr, "libsrp_cognito implements ABI %u, not %u\n", srp_cognito_abi_version(), SRP_COGNITO_ABI_VERSION);
    return 1;
  }
  srp_cognito_buffer out;
  int32_t status = srp_cognito_secret_hash(argv[1], strlen(argv[1]), argv[2], strlen(argv[2]), argv[3],
                                           strlen(argv[3]), &out);
  if (status != SRP_COGNITO_STATUS_OK) {
    fprintf(stderr, "%s: %.*s\n", srp_cognito_status_name(status), (int)out.len, out.data);
    srp_cognito_buffer_free(&out);
    return 1;
  }
  printf("%.*s\n", (int)out.len, out.data);
  srp_cognito_buffer_free(&out);
  return 0;
}
