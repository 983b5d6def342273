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

#endif
