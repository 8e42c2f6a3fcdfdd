#ifndef SCICOLLAB_CPOSTGRESQL_SHIM_H
#define SCICOLLAB_CPOSTGRESQL_SHIM_H
#include <libpq-fe.h>
#endif
