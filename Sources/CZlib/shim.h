#include <zlib.h>

/// `inflateInit2` is a macro in zlib.h; this function form is importable from Swift.
static inline int scicollab_inflate_init(z_stream *stream) {
    /* 15 window bits + 32: detect a gzip or zlib header automatically. */
    return inflateInit2(stream, 15 + 32);
}
