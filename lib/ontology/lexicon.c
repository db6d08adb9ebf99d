/*
 * The text intake's lexicon, compiled once when the ontology is frozen (ontology/lexicon.h):
 * each <phrases> and <cues> entry tokenised and folded like a text, then bucketed by the
 * first byte of its first word, so that matching at a token only tries the entries that
 * can start there.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "ontology/lexicon.h"
#include "ontology/model.h"

/* The index of language l in lx->langs (added if new); -1 past HP__MAX_LEXICON_LANGS. */
static int lang_index(hp__lexicon *lx, const char *l) {
    for (size_t i = 0; i < lx->n_langs; i++)
        if (!strcmp(lx->langs[i], l))
            return (int)i;
    if (lx->n_langs == HP__MAX_LEXICON_LANGS)
        return -1;
    lx->langs[lx->n_langs] = l;
    return (int)lx->n_langs++;
}

/* Counting sort of the entries by their first byte. */
static int bucket(hp__lexicon *lx) {
    uint32_t count[257] = {0};
    for (size_t i = 0; i < lx->n; i++)
        count[(unsigned char)lx->pt.buf[lx->pt.v[lx->v[i].first].s] + 1]++;
    for (int b = 1; b < 257; b++)
        count[b] += count[b - 1];
    memcpy(lx->head, count, sizeof count);
    hp__lexp *sorted = hp__malloc(lx->pt.a, (lx->n ? lx->n : 1) * sizeof *sorted);
    if (!sorted)
        return 0;
    for (size_t i = 0; i < lx->n; i++)
        sorted[count[(unsigned char)lx->pt.buf[lx->pt.v[lx->v[i].first].s]]++] = lx->v[i];
    hp__free(lx->pt.a, lx->v);
    lx->v = sorted;
    return 1;
}

static int word_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The sorted table of the entries' words: a text word found there is never a typo. */
static int word_table(hp__lexicon *lx) {
    lx->words = hp__malloc(lx->pt.a, (lx->pt.n ? lx->pt.n : 1) * sizeof *lx->words);
    if (!lx->words)
        return 0;
    for (size_t i = 0; i < lx->pt.n; i++) {
        const hp__tok *t = &lx->pt.v[i];
        if (t->type == HP__T_WORD && lx->pt.buf[t->s + t->n - 1] != '*')
            lx->words[lx->n_words++] = lx->pt.buf + t->s;
    }
    if (lx->n_words)
        qsort(lx->words, lx->n_words, sizeof *lx->words, word_cmp);
    size_t u = 0;
    for (size_t i = 0; i < lx->n_words; i++)
        if (!u || strcmp(lx->words[u - 1], lx->words[i]))
            lx->words[u++] = lx->words[i];
    lx->n_words = u;
    return 1;
}

int hp__lexicon_has_word(const hp__lexicon *lx, const char *w) {
    return lx->n_words && bsearch(&w, lx->words, lx->n_words, sizeof *lx->words, word_cmp);
}

size_t hp__lexicon_memory(const hp__lexicon *lx) {
    if (!lx)
        return 0;
    /* what was allocated: the tokens' arrays at their capacity, the entries and the word
       table at the sizes bucket() and word_table() asked for */
    return sizeof *lx + lx->pt.bcap + lx->pt.cap * sizeof *lx->pt.v +
           (lx->n ? lx->n : 1) * sizeof *lx->v + (lx->pt.n ? lx->pt.n : 1) * sizeof *lx->words;
}

int hp__lexicon_build(hp_ontology *o) {
    hp__lexicon *lx = hp__calloc(&o->alloc, 1, sizeof *lx);
    if (!lx)
        return 0;
    o->lexicon = lx;
    lx->pt.a = &o->alloc;
    lx->v = hp__malloc(&o->alloc, (o->n_phrases ? o->n_phrases : 1) * sizeof *lx->v);
    if (!lx->v)
        return 0;
    for (size_t i = 0; i < o->n_phrases; i++) {
        const hp__phrase *ph = &o->phrases[i];
        const char *l = hp__s(o, ph->lang);
        int li = lang_index(lx, l);
        if (li < 0)
            continue;
        const char *text = hp__s(o, ph->text);
        size_t first = lx->pt.n, bad;
        int r = hp__text_tokenise(&lx->pt, text, strlen(text), 1, &bad);
        if (r == 0)
            return 0;
        while (lx->pt.n > first && lx->pt.v[lx->pt.n - 1].type >= HP__T_STOP)
            lx->pt.n--; /* a phrase is its words and numbers */
        if (r < 0 || lx->pt.n == first || lx->pt.v[first].type >= HP__T_STOP)
            continue; /* the loader checked the UTF-8; a phrase of punctuation only */
        lx->v[lx->n++] = (hp__lexp){(uint32_t)first, (uint32_t)(lx->pt.n - first),
                                    ph->kind,        (uint8_t)li,
                                    ph->absent,      ph->finding,
                                    ph->requires,    ph->also,
                                    ph->also_absent};
    }
    if (!bucket(lx) || !word_table(lx))
        return 0;
    o->bytes += hp__lexicon_memory(lx);
    return 1;
}

void hp__lexicon_free(const hp_allocator *a, hp__lexicon *lx) {
    if (!lx)
        return;
    hp__toks_free(&lx->pt);
    hp__free(a, lx->v);
    hp__free(a, lx->words);
    hp__free(a, lx);
}
