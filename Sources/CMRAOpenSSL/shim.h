#ifndef C_MRA_OPENSSL_SHIM_H
#define C_MRA_OPENSSL_SHIM_H

// Hide APIs deprecated in OpenSSL 3.0 (SHA256_Init & co.) so they cannot creep in.
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/core_names.h>

// ---------------------------------------------------------------------------
// Shims for MRACrypto. Each wraps a function-like macro (or a macro expression)
// that Swift cannot import. Named CMRAOpenSSL_<macro name>.
// ---------------------------------------------------------------------------

// OPENSSL_free is a macro that passes __FILE__/__LINE__ to CRYPTO_free.
static inline void CMRAOpenSSL_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

// BIO_get_mem_data is a macro over BIO_ctrl(BIO_CTRL_INFO). Returns the length
// of the memory BIO's contents and points *data at them (owned by the BIO).
static inline long CMRAOpenSSL_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

// XN_FLAG_RFC2253 is a macro expression Swift does not import. We print names
// as RFC 2253 but keep UTF-8 as UTF-8 instead of escaping every byte >= 0x80
// (ASN1_STRFLGS_ESC_MSB), so non-ASCII subjects read naturally.
static inline unsigned long CMRAOpenSSL_XN_FLAG_RFC2253_UTF8(void) {
    return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
}

// STACK_OF(X509) accessors are function-like macros (sk_X509_*) in OpenSSL 3.0.
static inline STACK_OF(X509) *CMRAOpenSSL_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

// Does not take a reference: the caller keeps the certificate alive while the stack is used.
static inline int CMRAOpenSSL_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

static inline int CMRAOpenSSL_sk_X509_num(const STACK_OF(X509) *stack) {
    return sk_X509_num(stack);
}

static inline X509 *CMRAOpenSSL_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

// Frees the stack only, not the certificates in it.
static inline void CMRAOpenSSL_sk_X509_free(STACK_OF(X509) *stack) {
    sk_X509_free(stack);
}

// STACK_OF(X509_REVOKED) accessors, also macros.
static inline int CMRAOpenSSL_sk_X509_REVOKED_num(const STACK_OF(X509_REVOKED) *stack) {
    return sk_X509_REVOKED_num(stack);
}

static inline X509_REVOKED *CMRAOpenSSL_sk_X509_REVOKED_value(const STACK_OF(X509_REVOKED) *stack, int index) {
    return sk_X509_REVOKED_value(stack, index);
}

#endif
