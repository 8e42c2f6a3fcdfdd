#ifndef SCICOLLAB_CSQLITE_SHIM_H
#define SCICOLLAB_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro that Swift does not import: SQLite copies the bound bytes.
static inline sqlite3_destructor_type scicollab_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// Turns off SQLite's memory statistics (a global mutex around every allocation); effective only before SQLite
/// is initialised, i.e. before the first connection is opened. Returns SQLite's result code.
static inline int scicollab_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
