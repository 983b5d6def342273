#ifndef C_MRA_LIBXML2_SHIM_H
#define C_MRA_LIBXML2_SHIM_H

// The include path /usr/include/libxml2 comes from `pkg-config --cflags libxml-2.0`.

// Debian builds libxml2 with ICU, and then <libxml/encoding.h> includes ICU's
// headers, whose `UErrorCode` clashes with Foundation's bundled ICU
// ("'UErrorCode' has different definitions in different modules"). The only
// declarations that depend on it are two pointer fields at the end of
// `xmlCharEncodingHandler`, which the gateway never touches, so leave ICU out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// `xmlFree` is a mutable global function pointer, which Swift 6 rejects as
// shared mutable state. Call it through a function instead.
static inline void CMRALibXML2_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
