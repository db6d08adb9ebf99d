/* The allocator hook: the caller's hp_allocator or the C library's, hp_string_free(). */
#include "core/alloc_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *default_malloc(void *ctx, size_t size) {
    (void)ctx;
    return malloc(size);
}

static void *default_realloc(void *ctx, void *p, size_t size) {
    (void)ctx;
    return realloc(p, size);
}

static void default_free(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

const hp_allocator hp__default_allocator = {default_malloc, default_realloc, default_free, NULL};

void *hp__malloc(const hp_allocator *a, size_t size) {
    return a->malloc_fn(a->ctx, size ? size : 1);
}

void *hp__calloc(const hp_allocator *a, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    void *p = hp__malloc(a, bytes);
    if (p)
        memset(p, 0, bytes ? bytes : 1);
    return p;
}

void *hp__realloc_array(const hp_allocator *a, void *p, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    if (bytes == 0)
        bytes = 1;
    if (!p)
        return a->malloc_fn(a->ctx, bytes);
    return a->realloc_fn(a->ctx, p, bytes);
}

void hp__free(const hp_allocator *a, void *p) {
    if (p)
        a->free_fn(a->ctx, p);
}

char *hp__strdup(const hp_allocator *a, const char *s) {
    size_t n = strlen(s) + 1;
    char *d = hp__malloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int hp__grow(const hp_allocator *a, void **items, size_t *cap, size_t need, size_t size) {
    if (need <= *cap)
        return 1;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return 0;
        ncap *= 2;
    }
    void *p = hp__realloc_array(a, *items, ncap, size);
    if (!p)
        return 0;
    *items = p;
    *cap = ncap;
    return 1;
}

int hp__grow_owned(const hp_allocator *a, void **items, size_t *cap, int *owned, size_t need,
                   size_t size) {
    if (need <= *cap || *owned)
        return *owned ? hp__grow(a, items, cap, need, size) : 1;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return 0;
        ncap *= 2;
    }
    void *p = hp__realloc_array(a, NULL, ncap, size);
    if (!p)
        return 0;
    if (*cap)
        memcpy(p, *items, *cap * size);
    *items = p;
    *cap = ncap;
    *owned = 1;
    return 1;
}

/* Exported strings start with a copy of their allocator, aligned for any object. */
typedef union string_header {
    hp_allocator alloc;
    max_align_t align;
} string_header;

char *hp__string_new(const hp_allocator *a, const char *data, size_t len) {
    if (len > SIZE_MAX - sizeof(string_header) - 1)
        return NULL;
    string_header *h = hp__malloc(a, sizeof *h + len + 1);
    if (!h)
        return NULL;
    h->alloc = *a;
    char *s = (char *)(h + 1);
    if (len)
        memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

void hp_string_free(char *s) {
    if (!s)
        return;
    string_header *h = (string_header *)s - 1;
    hp_allocator a = h->alloc;
    a.free_fn(a.ctx, h);
}
