/* A growable string buffer using an hp_allocator; failures are sticky. */
#ifndef HIPPAIN_LIB_STRBUF_H
#define HIPPAIN_LIB_STRBUF_H

#include <stddef.h>

#include "error_internal.h"
#include "hippain/alloc.h"

typedef struct hp__buf {
    const hp_allocator *alloc;
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed: every later append is ignored */
} hp__buf;

void hp__buf_init(hp__buf *b, const hp_allocator *a);
void hp__buf_free(hp__buf *b);
void hp__buf_append(hp__buf *b, const char *s, size_t n);
void hp__buf_puts(hp__buf *b, const char *s);
void hp__buf_printf(hp__buf *b, const char *fmt, ...) HP__PRINTF(2, 3);
/* Hand the contents over as an hp_string_free() string; frees the buffer. */
hp_status hp__buf_finish(hp__buf *b, char **out, hp_error *err);

#endif
