/* OpenSSL's libcrypto, for SHA-256 (it uses the CPU's SHA extensions where present).
   The one-shot SHA256_* functions are deprecated in OpenSSL 3 in favour of EVP, but they keep the
   context a plain struct, which Swift holds as a value. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
