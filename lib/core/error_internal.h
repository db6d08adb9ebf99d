/* Filling the caller's hp_error. */
#ifndef HIPPAIN_LIB_ERROR_INTERNAL_H
#define HIPPAIN_LIB_ERROR_INTERNAL_H

#include "hippain/error.h"
#include <stdarg.h>

#if defined(__GNUC__) || defined(__clang__)
#define HP__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define HP__PRINTF(f, a)
#endif

/* Fill err (if not NULL) and return code. file may be NULL. */
hp_status hp__fail(hp_error *err, hp_status code, const char *file, int line, int column,
                   const char *fmt, ...) HP__PRINTF(6, 7);

/* A JSON input's error: "<path>: <problem>" (path names the key), the input name as the
   file. */
hp_status hp__vfail_key(hp_error *err, hp_status code, const char *name, const char *path,
                        const char *fmt, va_list ap);

/* Shorthand for an error with no location. */
#define hp__error(err, code, ...) hp__fail((err), (code), NULL, 0, 0, __VA_ARGS__)

/* The out-of-memory error. */
hp_status hp__nomem(hp_error *err);

#endif
