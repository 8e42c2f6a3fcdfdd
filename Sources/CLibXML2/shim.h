#ifndef SCICOLLAB_CLIBXML2_SHIM_H
#define SCICOLLAB_CLIBXML2_SHIM_H
/* Debian's libxml2 headers pull in the system ICU, which clashes with Foundation's own ICU.
   xmlversion.h defines LIBXML_ICU_ENABLED, so it is read first and the macro removed before the
   headers that would include <unicode/ucnv.h>. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#endif
