/* Text intake internals: the tokens shared by the matcher (text.c) and the number
   patterns (text_numbers.c); tokenising and folding in text_tokens.c. */
#ifndef HP_TEXT_INTERNAL_H
#define HP_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "hippain/alloc.h"
#include "hippain/text.h"

enum {
    HP__T_WORD,
    HP__T_NUM,
    HP__T_STOP,
    HP__T_COMMA
};

typedef struct hp__tok {
    uint32_t s, n;   /* folded text: buf + s, n bytes */
    size_t off, end; /* bytes of the original text */
    uint8_t type;    /* HP__T_* */
    uint8_t cue;     /* one-token cue kind of the lexicon (filler, side), 0 = none */
    uint8_t known;   /* the first word of a lexicon entry as it is: never read as a typo */
    double num;      /* HP__T_NUM: its value; stops and commas: their code point */
} hp__tok;

typedef struct hp__toks {
    const hp_allocator *a;
    char *buf; /* folded text of every token, NUL-terminated after each */
    size_t blen, bcap;
    hp__tok *v;
    size_t n, cap;
} hp__toks;

/* Tokenise text (n bytes of UTF-8) onto t: 1, 0 out of memory, -1 invalid UTF-8 (*bad =
   its byte offset). pattern: a lexicon phrase ('*' is a letter). */
int hp__text_tokenise(hp__toks *t, const char *text, size_t n, int pattern, size_t *bad);
void hp__toks_free(hp__toks *t);

/* Token i is the word w (folded). */
int hp__tok_is(const hp__toks *t, size_t i, const char *w);
/* Token i is one of the words of list (NULL-terminated). */
int hp__tok_in(const hp__toks *t, size_t i, const char *const *list);

struct hp_text_result {
    hp_ontology *onto;
    hp_text_finding *f;
    size_t nf;
    hp_text_number num[HP_RUNNER_FIELD_COUNT];
    size_t nn;
    hp_sex sex;
    char langs[64];
    char *text; /* a copy of the text */
    size_t size;
};

/* The runner numbers and the sex of the text into r. */
void hp__text_numbers(hp_text_result *r, const hp__toks *tt);

#endif
