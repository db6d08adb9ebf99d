/* Allocation through an hp_allocator, with overflow-checked helpers. */
#ifndef HIPPAIN_LIB_ALLOC_INTERNAL_H
#define HIPPAIN_LIB_ALLOC_INTERNAL_H

#include <stddef.h>

#include "hippain/alloc.h"

/* The allocator backed by the C library. */
extern const hp_allocator hp__default_allocator;

void *hp__malloc(const hp_allocator *a, size_t size);
void *hp__calloc(const hp_allocator *a, size_t n, size_t size);
/* Resize to n * size bytes; NULL on overflow or failure (the old block stays valid). */
void *hp__realloc_array(const hp_allocator *a, void *p, size_t n, size_t size);
void hp__free(const hp_allocator *a, void *p);
char *hp__strdup(const hp_allocator *a, const char *s);

/* A string for the caller, freed with hp_string_free(): it carries its allocator. */
char *hp__string_new(const hp_allocator *a, const char *data, size_t len);

/* Grow *items (of *cap elements of `size` bytes) so that it holds at least `need`. */
int hp__grow(const hp_allocator *a, void **items, size_t *cap, size_t need, size_t size);
/* The same for an array that starts in storage it does not own (*owned 0, e.g. part of an
   arena): the first growth copies it into an allocation and sets *owned. */
int hp__grow_owned(const hp_allocator *a, void **items, size_t *cap, int *owned, size_t need,
                   size_t size);

#endif
