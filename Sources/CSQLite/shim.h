#ifndef SCICOLLAB_CSQLITE_SHIM_H
#define SCICOLLAB_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro that Swift does not import: SQLite copies the bound bytes.
static inline sqlite3_destructor_type scicollab_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
