/* A growable string buffer using an hp_allocator; failures are sticky. */
#ifndef HIPPAIN_LIB_STRBUF_H
#define HIPPAIN_LIB_STRBUF_H

#include <stddef.h>
#include <string.h>

#include "core/error_internal.h"
#include "hippain/alloc.h"

typedef struct hp__buf {
    const hp_allocator *alloc;
    char *data;
    size_t len, cap;
    int failed;   /* an allocation failed: every later append is ignored */
    int borrowed; /* data is the caller's storage: copied out, never freed, when it grows */
} hp__buf;

void hp__buf_init(hp__buf *b, const hp_allocator *a);
/* Start in the caller's storage of cap bytes (cap > 0), which the buffer leaves for an
   allocation of its own if it has to grow. */
void hp__buf_init_borrowed(hp__buf *b, const hp_allocator *a, char *storage, size_t cap);
void hp__buf_free(hp__buf *b);
/* The slow path of hp__buf_append: grows the buffer first. */
void hp__buf_append_grow(hp__buf *b, const char *s, size_t n);

/* Append s[0..n); inline when it fits, the usual case once the buffer has grown. */
static inline void hp__buf_append(hp__buf *b, const char *s, size_t n) {
    if (n < b->cap - b->len && !b->failed) { /* cap > len whenever cap > 0 */
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    hp__buf_append_grow(b, s, n);
}

static inline void hp__buf_putc(hp__buf *b, char c) { hp__buf_append(b, &c, 1); }

static inline void hp__buf_puts(hp__buf *b, const char *s) { hp__buf_append(b, s, strlen(s)); }
/* Append v in decimal, as printf's "%ld" would. */
void hp__buf_put_long(hp__buf *b, long v);
void hp__buf_printf(hp__buf *b, const char *fmt, ...) HP__PRINTF(2, 3);
/* Hand the contents over as an hp_string_free() string; frees the buffer. */
hp_status hp__buf_finish(hp__buf *b, char **out, hp_error *err);

#endif
