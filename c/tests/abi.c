/* The C ABI called from C, as a C program calls it: statuses and buffers, refusals of NULL
 * pointers, bad UTF-8 and oversize arguments, and sign-in handles misused (used after
 * free, freed twice, forged). Run under AddressSanitizer + UBSan and under valgrind by
 * CTest: no leak, no invalid access. Prints "ok" and exits 0, or names the failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srp_cognito.h"

static int failures = 0;

#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) {                                                   \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                    \
    }                                                                \
  } while (0)

/* The buffer's text equals `want` (and is then freed: wiped). */
static int take_equals(srp_cognito_buffer *buffer, const char *want) {
  int same = buffer->len == strlen(want) && (buffer->len == 0 || memcmp(buffer->data, want, buffer->len) == 0);
  if (!same) fprintf(stderr, "got \"%.*s\", want \"%s\"\n", (int)buffer->len, buffer->data ? buffer->data : "", want);
  srp_cognito_buffer_free(buffer);
  return same;
}

static int take_contains(srp_cognito_buffer *buffer, const char *want) {
  char *text = malloc(buffer->len + 1);
  memcpy(text, buffer->data ? buffer->data : "", buffer->len);
  text[buffer->len] = 0;
  int found = strstr(text, want) != NULL;
  if (!found) fprintf(stderr, "\"%s\" not in \"%s\"\n", want, text);
  free(text);
  srp_cognito_buffer_free(buffer);
  return found;
}

#define ARG(s) (s), strlen(s)

static const char OPTIONS[] = "{\"poolId\": \"us-east-1_Abc\", \"clientId\": \"c\", \"username\": \"alice\"}";

static uint64_t new_sign_in(void) {
  uint64_t handle = 0;
  srp_cognito_buffer out;
  int32_t status = srp_cognito_sign_in_new(ARG(OPTIONS), ARG("password"), NULL, 0, NULL, 0, &handle, &out);
  CHECK(status == SRP_COGNITO_STATUS_OK);
  CHECK(out.data == NULL && out.len == 0);
  CHECK(handle != 0);
  return handle;
}

static void versions_and_names(void) {
  CHECK(srp_cognito_abi_version() == SRP_COGNITO_ABI_VERSION);
  CHECK(strcmp(srp_cognito_version(), "0.1.0") == 0);
  CHECK(strcmp(srp_cognito_status_name(SRP_COGNITO_STATUS_OK), "ok") == 0);
  CHECK(strcmp(srp_cognito_status_name(SRP_COGNITO_STATUS_BAD_HANDLE), "bad_handle") == 0);
  CHECK(strcmp(srp_cognito_status_name(SRP_COGNITO_STATUS_B_MOD_N_ZERO), "b_mod_n_zero") == 0);
  CHECK(strcmp(srp_cognito_status_name(-1), "unknown") == 0);
  CHECK(strcmp(srp_cognito_status_name(12345), "unknown") == 0);
}

static void results_and_refusals(void) {
  srp_cognito_buffer out;
  CHECK(srp_cognito_secret_hash(ARG("alice"), ARG("client"), ARG("secret"), &out) == SRP_COGNITO_STATUS_OK);
  CHECK(out.len == 44);
  srp_cognito_buffer_free(&out);
  CHECK(out.data == NULL && out.len == 0);
  srp_cognito_buffer_free(&out); /* twice: empty after the first */
  srp_cognito_buffer_free(NULL);
  /* An empty secret: a non-NULL pointer and length 0, refused by the library. */
  CHECK(srp_cognito_secret_hash(ARG("alice"), ARG("client"), "", 0, &out) == SRP_COGNITO_STATUS_EMPTY_INPUT);
  CHECK(take_equals(&out, "client_secret is empty"));
  /* NULL where an argument is required; NULL out. */
  CHECK(srp_cognito_secret_hash(NULL, 5, ARG("client"), ARG("secret"), &out) == SRP_COGNITO_STATUS_NULL_POINTER);
  CHECK(take_equals(&out, "username: a null pointer"));
  CHECK(srp_cognito_secret_hash(ARG("alice"), ARG("client"), ARG("secret"), NULL) == SRP_COGNITO_STATUS_NULL_POINTER);
  /* Not UTF-8; over 1 MiB (refused before a byte is read). */
  CHECK(srp_cognito_secret_hash("\xff\xfe", 2, ARG("client"), ARG("secret"), &out) == SRP_COGNITO_STATUS_BAD_UTF8);
  CHECK(take_equals(&out, "username: not UTF-8"));
  size_t big = (size_t)1 << 21;
  char *huge = malloc(big);
  memset(huge, 'a', big);
  CHECK(srp_cognito_secret_hash(huge, big, ARG("client"), ARG("secret"), &out) == SRP_COGNITO_STATUS_TOO_LARGE);
  srp_cognito_buffer_free(&out);
  free(huge);
  CHECK(srp_cognito_update_device_status(ARG("token"), ARG("key"), 2, &out) == SRP_COGNITO_STATUS_BAD_INPUT);
  srp_cognito_buffer_free(&out);
  CHECK(srp_cognito_backend(&out) == SRP_COGNITO_STATUS_OK);
  CHECK(out.len > 0);
  srp_cognito_buffer_free(&out);
}

static void a_sign_in(void) {
  uint64_t handle = new_sign_in();
  srp_cognito_buffer out;
  CHECK(srp_cognito_sign_in_start_with(handle, ARG("02"), &out) == SRP_COGNITO_STATUS_OK);
  CHECK(take_contains(&out, "\"SRP_A\":\"4\""));
  CHECK(srp_cognito_sign_in_start(handle, &out) == SRP_COGNITO_STATUS_OUT_OF_TURN);
  srp_cognito_buffer_free(&out);
  const char *b_zero =
      "{\"ChallengeName\": \"PASSWORD_VERIFIER\", \"ChallengeParameters\": {\"USERNAME\": \"u\", "
      "\"USER_ID_FOR_SRP\": \"u\", \"SALT\": \"01\", \"SRP_B\": \"0\", \"SECRET_BLOCK\": \"AA==\"}}";
  CHECK(srp_cognito_sign_in_next(handle, ARG(b_zero), 1700000000, &out) == SRP_COGNITO_STATUS_B_MOD_N_ZERO);
  srp_cognito_buffer_free(&out);
  /* A refused claim ends the sign-in: nothing later is answered. */
  const char *mfa = "{\"ChallengeName\": \"SOFTWARE_TOKEN_MFA\", \"ChallengeParameters\": {\"USERNAME\": \"internal\"}, \"Session\": \"s\"}";
  CHECK(srp_cognito_sign_in_next(handle, ARG(mfa), 1700000000, &out) == SRP_COGNITO_STATUS_OUT_OF_TURN);
  srp_cognito_buffer_free(&out);
  CHECK(srp_cognito_sign_in_free(handle) == SRP_COGNITO_STATUS_OK);
  handle = new_sign_in();
  CHECK(srp_cognito_sign_in_start_with(handle, ARG("02"), &out) == SRP_COGNITO_STATUS_OK);
  srp_cognito_buffer_free(&out);
  CHECK(srp_cognito_sign_in_next(handle, ARG(mfa), 1700000000, &out) == SRP_COGNITO_STATUS_OK);
  CHECK(take_contains(&out, "\"pending\""));
  CHECK(srp_cognito_sign_in_pending(handle, &out) == SRP_COGNITO_STATUS_OK);
  CHECK(take_equals(&out, "SOFTWARE_TOKEN_MFA"));
  CHECK(srp_cognito_sign_in_answer(handle, ARG("123456"), NULL, 0, &out) == SRP_COGNITO_STATUS_OK);
  CHECK(take_contains(&out, "\"SOFTWARE_TOKEN_MFA_CODE\":\"123456\""));
  CHECK(srp_cognito_sign_in_username(handle, &out) == SRP_COGNITO_STATUS_OK);
  CHECK(take_equals(&out, "internal"));
  CHECK(srp_cognito_sign_in_free(handle) == SRP_COGNITO_STATUS_OK);
}

static void handles_misused(void) {
  srp_cognito_buffer out;
  uint64_t handle = new_sign_in();
  CHECK(srp_cognito_sign_in_free(handle) == SRP_COGNITO_STATUS_OK);
  /* Used after free, freed twice: refused, never undefined behaviour. */
  CHECK(srp_cognito_sign_in_start(handle, &out) == SRP_COGNITO_STATUS_BAD_HANDLE);
  CHECK(take_contains(&out, "no such sign-in"));
  CHECK(srp_cognito_sign_in_free(handle) == SRP_COGNITO_STATUS_BAD_HANDLE);
  /* The slot reused: the old handle still refused. */
  uint64_t again = new_sign_in();
  CHECK(again != handle);
  CHECK(srp_cognito_sign_in_username(handle, &out) == SRP_COGNITO_STATUS_BAD_HANDLE);
  srp_cognito_buffer_free(&out);
  /* Forged. */
  const uint64_t forged[] = {0, 1, UINT64_MAX, again ^ ((uint64_t)1 << 32), again + 1000000};
  for (size_t i = 0; i < sizeof forged / sizeof forged[0]; i++) {
    CHECK(srp_cognito_sign_in_start(forged[i], &out) == SRP_COGNITO_STATUS_BAD_HANDLE);
    srp_cognito_buffer_free(&out);
    CHECK(srp_cognito_sign_in_free(forged[i]) == SRP_COGNITO_STATUS_BAD_HANDLE);
  }
  /* A NULL handle output. */
  CHECK(srp_cognito_sign_in_new(ARG(OPTIONS), ARG("p"), NULL, 0, NULL, 0, NULL, &out) == SRP_COGNITO_STATUS_NULL_POINTER);
  CHECK(take_equals(&out, "sign_in: a null pointer"));
  CHECK(srp_cognito_sign_in_free(again) == SRP_COGNITO_STATUS_OK);
}

int main(void) {
  versions_and_names();
  results_and_refusals();
  a_sign_in();
  handles_misused();
  if (failures) {
    fprintf(stderr, "%d failed\n", failures);
    return 1;
  }
  puts("ok");
  return 0;
}
