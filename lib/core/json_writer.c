/* A small streaming JSON writer over a string buffer (see json_writer.h). */
#include "core/json_writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hp__jw_init(hp__jw *w, hp__buf *b, int pretty) {
    memset(w, 0, sizeof *w);
    w->b = b;
    w->pretty = pretty;
}

static void newline(hp__jw *w) {
    if (!w->pretty)
        return;
    hp__buf_append(w->b, "\n", 1);
    for (int i = 0; i < w->depth; i++)
        hp__buf_append(w->b, "  ", 2);
}

/* Comma and indentation before a value or key. */
static void before(hp__jw *w) {
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0) {
        if (w->count[w->depth]++)
            hp__buf_append(w->b, ",", 1);
        newline(w);
    }
}

static void open(hp__jw *w, char c, char close) {
    before(w);
    hp__buf_append(w->b, &c, 1);
    if (w->depth + 1 >= HP__JW_MAX_DEPTH) {
        w->b->failed = 1;
        return;
    }
    w->depth++;
    w->count[w->depth] = 0;
    w->close[w->depth] = close;
}

void hp__jw_object(hp__jw *w) { open(w, '{', '}'); }
void hp__jw_array(hp__jw *w) { open(w, '[', ']'); }

void hp__jw_end(hp__jw *w) {
    if (w->depth <= 0) {
        w->b->failed = 1;
        return;
    }
    int had = w->count[w->depth];
    char c = w->close[w->depth];
    w->depth--;
    if (had)
        newline(w);
    hp__buf_append(w->b, &c, 1);
}

static void escape(hp__buf *b, const char *s) {
    hp__buf_append(b, "\"", 1);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *rep = NULL;
        char tmp[8];
        switch (*p) {
        case '"': rep = "\\\""; break;
        case '\\': rep = "\\\\"; break;
        case '\n': rep = "\\n"; break;
        case '\r': rep = "\\r"; break;
        case '\t': rep = "\\t"; break;
        case '\b': rep = "\\b"; break;
        case '\f': rep = "\\f"; break;
        default:
            if (*p < 0x20) {
                snprintf(tmp, sizeof tmp, "\\u%04x", *p);
                rep = tmp;
            }
        }
        if (rep) {
            hp__buf_append(b, run, (size_t)((const char *)p - run));
            hp__buf_puts(b, rep);
            run = (const char *)p + 1;
        }
    }
    hp__buf_puts(b, run);
    hp__buf_append(b, "\"", 1);
}

void hp__jw_key(hp__jw *w, const char *key) {
    before(w);
    escape(w->b, key);
    hp__buf_append(w->b, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
    w->after_key = 1;
}

void hp__jw_string(hp__jw *w, const char *s) {
    if (!s) {
        hp__jw_null(w);
        return;
    }
    before(w);
    escape(w->b, s);
}

/*
 * The shortest of %.15g .. %.17g that reads back exactly, with the decimal point forced
 * to '.' whatever the locale (printf follows LC_NUMERIC), and no negative zero.
 */
void hp__jw_number(hp__jw *w, double v) {
    if (!isfinite(v)) {
        hp__jw_null(w);
        return;
    }
    before(w);
    if (v == 0)
        v = 0;                                    /* -0 becomes 0 */
    if (fabs(v) < 1e15 && v == (double)(long)v) { /* an integer: what %.15g prints */
        hp__buf_put_long(w->b, (long)v);
        return;
    }
    char text[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(text, sizeof text, "%.*g", prec, v);
        if (strtod(text, NULL) == v)
            break;
    }
    char out[40];
    size_t o = 0;
    for (const char *p = text; *p && o + 1 < sizeof out; p++) {
        char c = *p;
        int digit_or_sign = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e';
        if (digit_or_sign)
            out[o++] = c;
        else if (o == 0 || out[o - 1] != '.')
            out[o++] = '.'; /* the locale's decimal point, possibly several bytes */
    }
    hp__buf_append(w->b, out, o);
}

void hp__jw_int(hp__jw *w, long v) {
    before(w);
    hp__buf_put_long(w->b, v);
}

void hp__jw_bool(hp__jw *w, int v) {
    before(w);
    hp__buf_puts(w->b, v ? "true" : "false");
}

void hp__jw_null(hp__jw *w) {
    before(w);
    hp__buf_puts(w->b, "null");
}

void hp__jw_words(hp__jw *w, const char *s) {
    hp__jw_array(w);
    while (s && *s) {
        while (*s == ' ')
            s++;
        const char *e = s;
        while (*e && *e != ' ')
            e++;
        if (e > s) {
            before(w);
            hp__buf_append(w->b, "\"", 1);
            hp__buf_append(w->b, s, (size_t)(e - s)); /* ids need no escaping */
            hp__buf_append(w->b, "\"", 1);
        }
        s = e;
    }
    hp__jw_end(w);
}
