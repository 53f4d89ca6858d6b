/* SPDX-License-Identifier: MIT */
/* hash.c - SHA-256 through OpenSSL's libcrypto (fast, and not ours to get wrong). */
#include "base/hash.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "circlesim/diag.h"

int cs_sha256_text(const void *data, size_t len, char out[72])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
        return CS_ERR_RUNTIME;
    memcpy(out, "sha256:", 7);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 7 + 2 * i, 3, "%02x", md[i]);
    return 0;
}
