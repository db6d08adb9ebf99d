/*
 * Text intake: UTF-8 decoding, case folding and tokens (ontology/lexicon.h).
 *
 * Folding: ASCII letters to lower case, the Latin-1 letters U+00C0-U+00FF to their
 * unaccented ASCII base (ä -> a, ñ -> n, ß -> ss), other letters kept as they are;
 * apostrophes inside a word are dropped ("don't" -> "dont"). Tokens: words, numbers
 * ("2.5", "2,5"; "1,200" is 1200), clause stops (. ! ? ; brackets, line breaks, ¿ ¡ …)
 * and commas (, :) (their code point in num); everything else separates.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "ontology/lexicon.h"

/* The ASCII folding of U+00C0-U+00FF ("" = a separator). */
static const char *const latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

/* Decode one code point at s[*i]; -1 if invalid (overlong, surrogate, truncated). */
static long utf8_next(const unsigned char *s, size_t n, size_t *i) {
    unsigned c = s[*i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!len || *i + len > n)
        return -1;
    unsigned long cp = len == 1 ? c : c & (0x7fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[*i + k] & 0xc0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[*i + k] & 0x3fu);
    }
    static const unsigned long min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return -1;
    *i += len;
    return (long)cp;
}

/* Class of a code point: 'w' letter, 'd' digit, '\'' apostrophe, '.' stop, ',' comma,
   ' ' separator; *fold receives the folded bytes of a Latin-1 letter. */
static char classify(unsigned long cp, int pattern, const char **fold) {
    *fold = NULL;
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (pattern && cp == '*'))
            return 'w';
        if (cp >= '0' && cp <= '9')
            return 'd';
        if (cp == '\'' || cp == '`')
            return '\'';
        if (cp == ',' || cp == ':')
            return ',';
        return cp && strchr(".!?;()[]\n\r", (int)cp) ? '.' : ' ';
    }
    if (cp == 0x2019 || cp == 0x2018)
        return '\'';
    if (cp == 0xbf || cp == 0xa1 || cp == 0x2026)
        return '.';
    if (cp >= 0xc0 && cp <= 0xff) {
        *fold = latin1[cp - 0xc0];
        return **fold ? 'w' : ' ';
    }
    if (cp < 0x100 || (cp >= 0x2000 && cp < 0x2070) || (cp >= 0x3000 && cp < 0x3040))
        return ' ';
    return 'w'; /* other letters and symbols: kept as they are */
}

static int push_bytes(hp__toks *t, const char *s, size_t n) {
    if (!hp__grow(t->a, (void **)&t->buf, &t->bcap, t->blen + n + 2, 1))
        return 0;
    memcpy(t->buf + t->blen, s, n);
    t->blen += n;
    t->buf[t->blen] = 0;
    return 1;
}

static int push_tok(hp__toks *t, hp__tok k) {
    if (!hp__grow(t->a, (void **)&t->v, &t->cap, t->n + 1, sizeof *t->v))
        return 0;
    if (k.type == HP__T_NUM) {
        char tmp[32];
        size_t n = k.n < sizeof tmp - 1 ? k.n : sizeof tmp - 1;
        memcpy(tmp, t->buf + k.s, n);
        tmp[n] = 0;
        k.num = strtod(tmp, NULL);
    }
    if (k.type == HP__T_WORD || k.type == HP__T_NUM) {
        if (!push_bytes(t, "", 0))
            return 0;
        t->blen++; /* keep the NUL after the token */
    }
    t->v[t->n++] = k;
    return 1;
}

/* Append one folded code point of class c to the open token (or open one). */
static int add_cp(hp__toks *t, hp__tok *cur, char c, unsigned long cp, const char *fold,
                  const unsigned char *src, size_t at, size_t next) {
    uint8_t type = c == 'd' ? HP__T_NUM : HP__T_WORD;
    if (cur->n && cur->type != type) {
        if (!push_tok(t, *cur))
            return 0;
        cur->n = 0;
    }
    if (!cur->n)
        *cur = (hp__tok){(uint32_t)t->blen, 0, at, at, type, 0, 0, 0, 0, 0, 0};
    char ch = (char)(cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : 0);
    if (c == 'd' && (cp == ',' || cp == '.'))
        ch = '.';
    size_t len = fold ? strlen(fold) : ch ? 1 : next - at;
    if (!push_bytes(t, fold ? fold : ch ? &ch : (const char *)src + at, len))
        return 0;
    cur->n += (uint32_t)len;
    cur->end = next;
    return 1;
}

/* Class of a comma or full stop inside a number at s[i - 1]: 'd' a decimal point, 's'
   a thousands separator (skipped), 0 neither. */
static char in_number(const unsigned char *s, size_t n, size_t i, unsigned long cp) {
    size_t k = i;
    while (k < n && k < i + 4 && s[k] >= '0' && s[k] <= '9')
        k++;
    if (k == i)
        return 0;
    if (cp == ',' && k - i == 3 && (k == n || s[k] < '0' || s[k] > '9'))
        return 's';
    return 'd';
}

int hp__text_tokenise(hp__toks *t, const char *text, size_t n, int pattern, size_t *bad) {
    const unsigned char *s = (const unsigned char *)text;
    hp__tok cur = {0};
    for (size_t i = 0; i < n;) {
        size_t at = i;
        long cp = utf8_next(s, n, &i);
        if (cp < 0) {
            *bad = at;
            return -1;
        }
        const char *fold;
        char c = classify((unsigned long)cp, pattern, &fold);
        if ((cp == ',' || cp == '.') && cur.n && cur.type == HP__T_NUM) {
            char k = in_number(s, n, i, (unsigned long)cp);
            if (k == 's')
                continue;
            if (k)
                c = 'd';
        }
        if (c == 'w' || c == 'd') {
            if (!add_cp(t, &cur, c, (unsigned long)cp, fold, s, at, i))
                return 0;
            continue;
        }
        if (c == '\'' && cur.n && cur.type == HP__T_WORD) {
            if (i < n && (s[i] == 's' || s[i] == 'S') &&
                (i + 1 == n || !((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')))
                i++;  /* "back's" -> "back", "it's" -> "it" */
            continue; /* don't -> dont */
        }
        if (cur.n && !push_tok(t, cur))
            return 0;
        cur.n = 0;
        if (c == '.' || c == ',') {
            hp__tok k = {0,          0, at, i, c == '.' ? HP__T_STOP : HP__T_COMMA, 0, 0,
                         (double)cp, 0, 0,  0};
            if (!push_tok(t, k))
                return 0;
        }
    }
    return cur.n ? push_tok(t, cur) : 1;
}

void hp__toks_free(hp__toks *t) {
    hp__free(t->a, t->buf);
    hp__free(t->a, t->v);
    t->buf = NULL;
    t->v = NULL;
}

int hp__tok_is(const hp__toks *t, size_t i, const char *w) {
    if (i >= t->n || t->v[i].type != HP__T_WORD)
        return 0;
    const hp__tok *k = &t->v[i];
    if (!k->n || *w != t->buf[k->s]) /* the first letter first: most words differ there */
        return 0;
    return strlen(w) == k->n && !memcmp(w, t->buf + k->s, k->n);
}

int hp__tok_in(const hp__toks *t, size_t i, const char *const *list) {
    for (; *list; list++)
        if (hp__tok_is(t, i, *list))
            return 1;
    return 0;
}
