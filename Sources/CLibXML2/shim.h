#ifndef SCICOLLAB_CLIBXML2_SHIM_H
#define SCICOLLAB_CLIBXML2_SHIM_H
/* Debian's libxml2 headers pull in the system ICU, which clashes with Foundation's own ICU. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#endif
