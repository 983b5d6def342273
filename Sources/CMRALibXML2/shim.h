#ifndef C_MRA_LIBXML2_SHIM_H
#define C_MRA_LIBXML2_SHIM_H

// The include path /usr/include/libxml2 comes from `pkg-config --cflags libxml-2.0`.
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
