/* SPDX-License-Identifier: MIT */
/* openssl/evp.h - the few EVP calls circlesim makes, all SHA-256, for the
 * WebAssembly build only (web/shim/sha256.c implements them).
 *
 * Why: the engine hashes scenarios (summary.json's scenario_hash) and
 * checkpoints with OpenSSL's EVP interface, and OpenSSL is not built for
 * emscripten on Debian. Compiling OpenSSL for a page to get one hash would
 * add far more than the page needs; FIPS 180-4's SHA-256 is a page of
 * code, and a test (tests/web_test.sh) compares the page's files with the
 * native ones, hashes included. Only the names and types the engine uses
 * are declared. */
#ifndef CS_WEB_SHIM_OPENSSL_EVP_H
#define CS_WEB_SHIM_OPENSSL_EVP_H

#include <stddef.h>
#include <stdint.h>

#define EVP_MAX_MD_SIZE 64

typedef struct cs_web_md EVP_MD;   /* one digest exists here: SHA-256 */
typedef struct engine_st ENGINE;   /* never defined: always NULL */

typedef struct EVP_MD_CTX {
    uint32_t h[8];                 /* the hash so far */
    uint64_t bytes;                /* message length so far */
    unsigned char block[64];       /* a block not yet full */
    size_t nblock;
} EVP_MD_CTX;

const EVP_MD *EVP_sha256(void);
EVP_MD_CTX *EVP_MD_CTX_new(void);
void EVP_MD_CTX_free(EVP_MD_CTX *c);
int EVP_DigestInit_ex(EVP_MD_CTX *c, const EVP_MD *md, ENGINE *engine);
int EVP_DigestUpdate(EVP_MD_CTX *c, const void *data, size_t len);
int EVP_DigestFinal_ex(EVP_MD_CTX *c, unsigned char *out, unsigned int *outlen);
int EVP_Digest(const void *data, size_t len, unsigned char *out, unsigned int *outlen,
               const EVP_MD *md, ENGINE *engine);

#endif
