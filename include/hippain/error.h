/**
 * @file error.h
 * @brief Status codes and the caller-owned error record.
 *
 * Every fallible function returns an ::hp_status and, when the caller passes a non-NULL
 * ::hp_error, fills it with a message and, for file input, the location of the problem.
 * The library keeps no error state of its own.
 */
#ifndef HIPPAIN_ERROR_H
#define HIPPAIN_ERROR_H

#include <stddef.h>

#include "hippain/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Result of a library call: 0 for success, a negative code for failure. */
typedef enum hp_status {
    HP_OK = 0,            /**< Success. */
    HP_E_NOMEM = -1,      /**< An allocation failed. */
    HP_E_INVALID = -2,    /**< An argument is invalid (NULL, out of range, bad value). */
    HP_E_IO = -3,         /**< A file could not be opened or read. */
    HP_E_PARSE = -4,      /**< Input is not well-formed (XML or JSON syntax). */
    HP_E_SCHEMA = -5,     /**< Input is well-formed but breaks the schema. */
    HP_E_SEMANTIC = -6,   /**< Input breaks a semantic rule (dangling reference, range). */
    HP_E_DUPLICATE = -7,  /**< An id is defined twice. */
    HP_E_NOT_FOUND = -8,  /**< An id or item does not exist. */
    HP_E_LIMIT = -9,      /**< A size or count limit was exceeded. */
    HP_E_FORBIDDEN = -10, /**< Input uses a forbidden feature (DTD, entity). */
    HP_E_STATE = -11,     /**< The object is not in a state that allows the call. */
    HP_E_INTERNAL = -12   /**< An internal invariant failed (a bug: please report). */
} hp_status;

/** Maximum length of an error message, including the terminating NUL. */
#define HP_ERROR_MESSAGE_MAX 512
/** Maximum length of an error file name, including the terminating NUL. */
#define HP_ERROR_FILE_MAX 256

/**
 * Details of a failure, owned by the caller (usually on the stack).
 *
 * Initialise with hp_error_clear() or `hp_error e = {0};`. The library writes it only on
 * failure. `line` and `column` are 1-based and 0 when unknown; `file` is empty when the
 * problem is not tied to a file.
 */
typedef struct hp_error {
    hp_status code;                     /**< The status also returned by the call. */
    char message[HP_ERROR_MESSAGE_MAX]; /**< Human-readable message naming the problem. */
    char file[HP_ERROR_FILE_MAX];       /**< Input name (file path or memory name). */
    int line;                           /**< 1-based line, 0 if unknown. */
    int column;                         /**< 1-based column, 0 if unknown. */
} hp_error;

/** Reset @p err to "no error". @p err may be NULL. */
HP_API void hp_error_clear(hp_error *err);

/** @return a static English description of @p status (never NULL). */
HP_API const char *hp_strerror(hp_status status);

/**
 * Format @p err as "file:line:column: message" (or the parts that are known) into
 * @p buf of @p size bytes, always NUL-terminated when size > 0.
 * @return the length the full text needs, excluding the NUL (like snprintf).
 */
HP_API size_t hp_error_format(const hp_error *err, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_ERROR_H */
