/* hp_error: filling it (with file, line and column), hp_strerror(), hp_error_format(). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error_internal.h"

void hp_error_clear(hp_error *err) {
    if (err)
        memset(err, 0, sizeof *err);
}

const char *hp_strerror(hp_status status) {
    switch (status) {
    case HP_OK: return "success";
    case HP_E_NOMEM: return "out of memory";
    case HP_E_INVALID: return "invalid argument";
    case HP_E_IO: return "input/output error";
    case HP_E_PARSE: return "parse error";
    case HP_E_SCHEMA: return "schema violation";
    case HP_E_SEMANTIC: return "semantic error";
    case HP_E_DUPLICATE: return "duplicate id";
    case HP_E_NOT_FOUND: return "not found";
    case HP_E_LIMIT: return "limit exceeded";
    case HP_E_FORBIDDEN: return "forbidden input feature";
    case HP_E_STATE: return "invalid state";
    case HP_E_INTERNAL: return "internal error";
    }
    return "unknown status";
}

hp_status hp__fail(hp_error *err, hp_status code, const char *file, int line, int column,
                   const char *fmt, ...) {
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    err->file[0] = '\0';
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

hp_status hp__nomem(hp_error *err) { return hp__error(err, HP_E_NOMEM, "out of memory"); }

size_t hp_error_format(const hp_error *err, char *buf, size_t size) {
    if (!err) {
        if (buf && size)
            buf[0] = '\0';
        return 0;
    }
    const char *msg = err->message[0] ? err->message : hp_strerror(err->code);
    int n;
    if (err->file[0] && err->line > 0 && err->column > 0)
        n = snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->column, msg);
    else if (err->file[0] && err->line > 0)
        n = snprintf(buf, size, "%s:%d: %s", err->file, err->line, msg);
    else if (err->file[0])
        n = snprintf(buf, size, "%s: %s", err->file, msg);
    else
        n = snprintf(buf, size, "%s", msg);
    return n < 0 ? 0 : (size_t)n;
}

hp_status hp__vfail_key(hp_error *err, hp_status code, const char *name, const char *path,
                        const char *fmt, va_list ap) {
    if (!err)
        return code;
    char msg[HP_ERROR_MESSAGE_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return hp__fail(err, code, name, 0, 0, "%s: %s", path, msg);
}
