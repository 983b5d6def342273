// The ENGINE API is deprecated in OpenSSL 3.0 but is the only way to libp11's PKCS#11 support on Debian 12 (see the
// header). Its declarations stay visible and unmarked in this file only.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "CMRAOpenSSLEngine.h"

#include <openssl/crypto.h>
#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/ui.h>

#include <stddef.h>

// A UI reader that answers nothing: the engine asks for a PIN only when it was given none, and then fails.
static int CMRAOpenSSLEngine_refuse_to_read(UI *ui, UI_STRING *string) {
    (void)ui;
    (void)string;
    return 0;
}

static CRYPTO_ONCE CMRAOpenSSLEngine_silent_ui_once = CRYPTO_ONCE_STATIC_INIT;
static UI_METHOD *CMRAOpenSSLEngine_silent_ui_method = NULL;

static void CMRAOpenSSLEngine_make_silent_ui(void) {
    UI_METHOD *method = UI_create_method("mra-gateway: no prompt");
    if (method != NULL && UI_method_set_reader(method, CMRAOpenSSLEngine_refuse_to_read) == 0) {
        CMRAOpenSSLEngine_silent_ui_method = method;
    } else {
        UI_destroy_method(method);
    }
}

// Made once and never freed: engines keep a pointer to it.
static UI_METHOD *CMRAOpenSSLEngine_silent_ui(void) {
    if (!CRYPTO_THREAD_run_once(&CMRAOpenSSLEngine_silent_ui_once, CMRAOpenSSLEngine_make_silent_ui)) {
        return NULL;
    }
    return CMRAOpenSSLEngine_silent_ui_method;
}

struct engine_st *CMRAOpenSSLEngine_open_pkcs11(const char *module_path) {
    UI_METHOD *ui = CMRAOpenSSLEngine_silent_ui();
    if (ui == NULL) {
        return NULL;
    }
    // Not a built-in engine: OpenSSL loads ENGINESDIR/pkcs11.so through its "dynamic" engine.
    ENGINE *engine = ENGINE_by_id("pkcs11");
    if (engine == NULL) {
        return NULL;
    }
    if ((module_path != NULL && !ENGINE_ctrl_cmd_string(engine, "MODULE_PATH", module_path, 0))
        || !ENGINE_init(engine)) {
        ENGINE_free(engine);
        return NULL;
    }
    return engine;
}

struct evp_pkey_st *CMRAOpenSSLEngine_load_private_key(struct engine_st *engine, const char *uri, const char *pin) {
    if (pin != NULL && !ENGINE_ctrl_cmd_string(engine, "PIN", pin, 0)) {
        return NULL;
    }
    return ENGINE_load_private_key(engine, uri, CMRAOpenSSLEngine_silent_ui(), NULL);
}

void CMRAOpenSSLEngine_close(struct engine_st *engine) {
    ENGINE_finish(engine);
    ENGINE_free(engine);
}
