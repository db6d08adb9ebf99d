/**
 * @file alloc.h
 * @brief A caller-supplied allocator, passed when an ontology is loaded.
 *
 * Everything the library allocates for an ontology, and for the profiles, assessments,
 * interviews, plans and exported strings made from it, goes through that ontology's
 * allocator. There is no process-wide allocator setting.
 */
#ifndef HIPPAIN_ALLOC_H
#define HIPPAIN_ALLOC_H

#include <stddef.h>

#include "hippain/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Allocation functions with a context pointer. All three must be set; they behave like
 * malloc, realloc and free (size 0 is never requested; free(NULL) is never called).
 * They must be safe to call from several threads if the ontology is shared.
 */
typedef struct hp_allocator {
    void *(*malloc_fn)(void *ctx, size_t size);             /**< Allocate. */
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size); /**< Resize. */
    void (*free_fn)(void *ctx, void *ptr);                  /**< Release. */
    void *ctx;                                              /**< Passed to each function. */
} hp_allocator;

/**
 * Free a string returned by an export function (hp_assessment_to_json(), hp_plan_to_ical(),
 * ...). The string remembers its allocator, so it may be freed after its ontology.
 * @p s may be NULL.
 */
HP_API void hp_string_free(char *s);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_ALLOC_H */
