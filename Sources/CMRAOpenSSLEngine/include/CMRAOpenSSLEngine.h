#ifndef C_MRA_OPENSSL_ENGINE_H
#define C_MRA_OPENSSL_ENGINE_H

// Keys held in a PKCS#11 token (an HSM, or SoftHSM2 in tests), through libp11's "pkcs11" ENGINE.
//
// Debian 12 ships no PKCS#11 provider for OpenSSL 3, only libp11's engine (libengine-pkcs11-openssl), and the ENGINE
// API is deprecated in OpenSSL 3.0. The deprecated calls stay in engine.c, compiled on its own with the deprecation
// suppressed; CMRAOpenSSL keeps OPENSSL_NO_DEPRECATED for everything else. This header includes no OpenSSL header:
// the two types below are OpenSSL's own opaque structs, which Swift sees as OpaquePointer.
// Only MRACrypto imports this module.

struct engine_st;
struct evp_pkey_st;

// Loads libp11's engine (id "pkcs11", from OpenSSL's ENGINESDIR), points it at the PKCS#11 module `module_path` (NULL:
// the engine's default, PKCS11_MODULE_PATH or p11-kit's proxy) and initialises it. The engine never prompts: it is
// given a user interface that answers no question, so a missing PIN is an error rather than a terminal prompt.
// Returns a functional reference to close with CMRAOpenSSLEngine_close, or NULL with OpenSSL's error queue filled.
struct engine_st *CMRAOpenSSLEngine_open_pkcs11(const char *module_path);

// Logs in with `pin` (NUL-terminated; libp11 keeps its own copy, cleansed when the engine is closed) and loads the
// private key that the PKCS#11 URI `uri` names. Returns one reference to free with EVP_PKEY_free before the engine
// is closed, or NULL with OpenSSL's error queue filled.
struct evp_pkey_st *CMRAOpenSSLEngine_load_private_key(struct engine_st *engine, const char *uri, const char *pin);

// Releases the functional and structural references CMRAOpenSSLEngine_open_pkcs11 returned.
void CMRAOpenSSLEngine_close(struct engine_st *engine);

#endif
