/* The growable string buffer of strbuf.h. */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc_internal.h"

void hp__buf_init(hp__buf *b, const hp_allocator *a) {
    memset(b, 0, sizeof *b);
    b->alloc = a;
}

void hp__buf_init_borrowed(hp__buf *b, const hp_allocator *a, char *storage, size_t cap) {
    hp__buf_init(b, a);
    b->data = storage;
    b->data[0] = '\0';
    b->cap = cap;
    b->borrowed = 1;
}

void hp__buf_free(hp__buf *b) {
    if (!b->borrowed)
        hp__free(b->alloc, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->borrowed = 0;
}

static int reserve(hp__buf *b, size_t extra) {
    if (b->failed)
        return 0;
    if (extra > (size_t)-1 - b->len - 1) {
        b->failed = 1;
        return 0;
    }
    if (b->borrowed && b->len + extra + 1 > b->cap) { /* move out of the borrowed storage */
        char *own = NULL;
        size_t cap = 0;
        if (!hp__grow(b->alloc, (void **)&own, &cap, b->len + extra + 1, 1)) {
            b->failed = 1;
            return 0;
        }
        memcpy(own, b->data, b->len + 1);
        b->data = own;
        b->cap = cap;
        b->borrowed = 0;
    }
    if (!hp__grow(b->alloc, (void **)&b->data, &b->cap, b->len + extra + 1, 1)) {
        b->failed = 1;
        return 0;
    }
    return 1;
}

void hp__buf_append_grow(hp__buf *b, const char *s, size_t n) {
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void hp__buf_put_long(hp__buf *b, long v) {
    char digits[24];
    size_t n = sizeof digits;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[--n] = '-';
    hp__buf_append(b, digits + n, sizeof digits - n);
}

void hp__buf_printf(hp__buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        hp__buf_append(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

hp_status hp__buf_finish(hp__buf *b, char **out, hp_error *err) {
    *out = NULL;
    if (b->failed) {
        hp__buf_free(b);
        return hp__nomem(err);
    }
    char *s = hp__string_new(b->alloc, b->data ? b->data : "", b->len);
    hp__buf_free(b);
    if (!s)
        return hp__nomem(err);
    *out = s;
    return HP_OK;
}
