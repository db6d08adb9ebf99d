/*
 * A small streaming JSON writer over hp__buf, used by every JSON export. It escapes
 * strings per RFC 8259, writes numbers with enough digits to round-trip and keeps
 * commas and (optionally) indentation right. Failures are sticky in the buffer.
 */
#ifndef HIPPAIN_LIB_JSON_WRITER_H
#define HIPPAIN_LIB_JSON_WRITER_H

#include "core/strbuf.h"

#define HP__JW_MAX_DEPTH 32

typedef struct hp__jw {
    hp__buf *b;
    int pretty;
    int depth;
    int count[HP__JW_MAX_DEPTH];  /* values written at each depth */
    char close[HP__JW_MAX_DEPTH]; /* the bracket that closes each depth */
    int after_key;
} hp__jw;

void hp__jw_init(hp__jw *w, hp__buf *b, int pretty);
void hp__jw_object(hp__jw *w); /* { */
void hp__jw_array(hp__jw *w);  /* [ */
void hp__jw_end(hp__jw *w);    /* } or ] */
void hp__jw_key(hp__jw *w, const char *key);
void hp__jw_string(hp__jw *w, const char *s); /* NULL writes null */
void hp__jw_number(hp__jw *w, double v);      /* non-finite writes null */
void hp__jw_int(hp__jw *w, long v);
void hp__jw_bool(hp__jw *w, int v);
void hp__jw_null(hp__jw *w);
/* Write the space-separated words of s as an array of strings. */
void hp__jw_words(hp__jw *w, const char *s);

#endif
