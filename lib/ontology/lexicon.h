/* Text intake, the ontology's part: tokens and case folding (text_tokens.c), and the
   lexicon compiled once when the ontology is frozen (lexicon.c): every phrase and cue
   tokenised, bucketed by the first byte of its first word. The matching that reads it is
   lib/profile/text.c. */
#ifndef HP_ONTOLOGY_LEXICON_H
#define HP_ONTOLOGY_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "hippain/alloc.h"
#include "hippain/ontology.h"

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
    uint8_t halts;   /* a one-word negation or boundary cue: no phrase's gap goes over it */
    uint8_t neg;     /* a one-word negation cue ("nicht", "no"): may stand inside a phrase */
    uint8_t alias;   /* a form of a pain verb (text.c): matches the group's other forms */
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

#define HP__MAX_LEXICON_LANGS 8

/* A phrase or cue: its words in the lexicon's tokens. */
typedef struct hp__lexp {
    uint32_t first, count; /* into pt */
    uint8_t kind;          /* HP__PHRASE_* */
    uint8_t lang;          /* index into langs */
    uint8_t absent;        /* a finding's words that state it absent ("skinny") */
    uint32_t finding;
    uint32_t requires;   /* stated only when this finding is present in the text; UINT32_MAX */
    uint32_t also;       /* a second finding the words state ("no change to my training") */
    uint8_t also_absent; /* the words state also absent (as absent does the finding) */
} hp__lexp;

typedef struct hp__lexicon {
    hp__toks pt;
    hp__lexp *v; /* sorted by the first byte of their first word */
    size_t n;
    uint32_t head[257]; /* entries with first byte c: v[head[c]] .. v[head[c + 1] - 1] */
    const char *langs[HP__MAX_LEXICON_LANGS]; /* the ontology's strings */
    size_t n_langs;
    const char **words; /* every word of every entry (not '*' patterns), sorted, unique */
    size_t n_words;
} hp__lexicon;

/* Compile o's phrases into o->lexicon. 0: out of memory. */
int hp__lexicon_build(hp_ontology *o);
void hp__lexicon_free(const hp_allocator *a, hp__lexicon *lx);
/* Is w (folded, NUL-terminated) a word of the lexicon as it is? */
int hp__lexicon_has_word(const hp__lexicon *lx, const char *w);
/* The bytes the compiled lexicon takes (for hp_ontology_memory()). */
size_t hp__lexicon_memory(const hp__lexicon *lx);

#endif
