/*
 * Text intake: a runner's description to findings and runner numbers
 * (include/hippain/text.h).
 *
 * The vocabulary is the ontology's lexicon (phrases per finding, cue words); the grammar
 * is here and in text_numbers.c:
 * - the text and every phrase are tokenised and folded alike (text_tokens.c);
 * - at each token the longest phrase or cue of the text's languages matches (most tokens,
 *   then fewest typos and skipped words); up to two filler or side words may stand between
 *   a finding phrase's words (not a cue's: "and now when" is no "and when"); a word of 5 letters or
 * more (6 for a one-word phrase; 5 with two letters swapped only: "grion") matches with one
 * typo (edit or transposition), at most one typo
 * per phrase;
 * - a negation cue negates the findings after it in its clause: up to a stop, a boundary
 *   cue, NEG_SPAN words without a finding, or a comma (unless a list goes on: "no fever,
 *   chills or sweats"); a negation cue up to two words after a finding, with no finding
 *   after it in the clause, negates that finding ("fever: none", "Knall hab ich keinen
 *   gehört", "por fuera de la cadera no me duele", "Fieber: nein"), not back over a
 *   boundary cue ("but they don't"), the clause after it ending at the next negation or
 *   boundary; a negation cue after a question's '?', no finding after it in its clause,
 *   negates the question's findings ("Fever? No.", "Swelling? None that I can see");
 * - a one-word negation cue between a finding phrase's words negates that phrase
 *   ("Sitzen tut nicht weh", "caminar no me duele"; not after "when", "wenn", "cuando", nor
 *   a cue that begins a phrase of its own: "nichts geändert"); a pain word just after a
 *   negated finding keeps the negation going ("no groin pain at rest");
 * - "but not anymore", ", no longer", "aber jetzt nicht mehr", "pero ya no" ending a clause
 *   state the sentence's findings so far absent ("it used to click but not anymore");
 * - an activity said again with "too", "auch", "también", "sí" (or "auch nicht", "tampoco")
 *   after a finding in the sentence is read with pain words ("Sitzen tut weh, Laufen auch":
 *   "Laufen tut weh", "beim Laufen"), and a list after an activity opened by "al", "beim",
 *   "when", "while" goes on with it ("al caminar, correr y saltar": "al correr"); so is
 *   "only", "nur", "solo" + an activity after a comma or "but" ("no pain walking, only
 *   running": running hurts, not the runner who only runs);
 * - treatments listed, then "nothing", "nada", "nichts" after a colon or "and", "y", "und"
 *   ("reposo, fisio: nada"): the pain persists; rest among them does not ease it; a
 *   treatment in the sentence of a pain that gets worse: it persists ("weeks of physio and
 *   it's only getting worse");
 * - an onset word "overnight" ("über Nacht", "de la noche a la mañana") in a sentence about
 *   training (its words or a stated training change) states nothing: it is how fast the
 *   training changed ("went from 2 miles a day to 6 almost overnight");
 * - "nicht" after "kann", "konnte" (up to three words before) and "no" before "puedo",
 *   "puede" say what the runner cannot do (as English "can't run"): no negation, unless a
 *   verb of knowing or feeling follows ("kann nicht sagen", "no puedo notar");
 * - a German compound of a place and a pain word the lexicon does not have
 *   ("Knieschmerzen", "Pobereich") reads as the place when that is a one-word phrase;
 * - a number of weeks from 6 to 104 reads as the lexicon's "6 weeks" ("for 13 weeks");
 * - what someone asked about ("asked if", "wondering whether", "fragte, ob", "me preguntó
 *   si") up to the clause's end is no answer: it states nothing;
 * - "without", "ohne", "sin" after "can't" or an open negation state what they name
 *   ("can't sit without it aching", "nicht ohne Schmerzen");
 * - phrases with answer="absent" state their finding absent ("skinny"), negated present;
 *   phrases with requires="id" only when finding id is stated present in the text too;
 *   phrases with also="id" state finding id as well, with the same answer or the one
 *   also-answer gives ("rest doesn't help": rest does not help, the pain persists);
 *   ignore cues ("not only", "nicht nur") are matched and mean nothing;
 * - the forms of the pain verbs match alike ("dolía", "duelen" as "duele"; "tat", "tun" as
 *   "tut"; "hurt", "hurting" as "hurts");
 * - a hard run in a sentence that puts it months or years ago ("a few months back", "vor
 *   zwei Jahren", "hace meses", "last year") is no recent one: it states nothing;
 * - a word the lexicon has as it is is never read as a typo of another;
 * - "..." in a finding phrase stands for up to GAP_WORDS words of the clause, no negation
 *   or boundary cue among them ("por las mañanas ... rígid*"); the two filler words a
 *   phrase may skip are apart from a gap's ("numb* ... outside of thigh": "numb patch on
 *   the outside of my left thigh");
 * - the sides named in a sentence are those of its findings (the last sentence's side
 *   carries on when a sentence names none);
 * - each finding is reported once, at its first mention.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "ontology/model.h"
#include "profile/profile_internal.h"
#include "profile/text_internal.h"

#define NEG_SPAN 6 /* words a negation reaches without meeting a finding */
#define MAX_LANGS HP__MAX_LEXICON_LANGS

typedef hp__lexp lexp;

/* Inflection of a finding's word, by the language of its phrase. */
enum {
    INFLECT_NONE,
    INFLECT_ES,
    INFLECT_DE
};

/* The ontology's compiled lexicon (ontology/lexicon.h) and the text's languages in it. */
typedef struct lexicon {
    const hp__lexicon *c;
    unsigned mask;                          /* bit i: c->langs[i] */
    uint8_t inflect[HP__MAX_LEXICON_LANGS]; /* INFLECT_* of c->langs[i] */
} lexicon;

/* ---- Matching ---------------------------------------------------------------------- */

/* Levenshtein distance 1 or one adjacent transposition (a != b). */
static int near1(const char *a, size_t an, const char *b, size_t bn) {
    if (an < bn) {
        const char *s = a;
        size_t k = an;
        a = b, b = s, an = bn, bn = k;
    }
    if (an - bn > 1)
        return 0;
    size_t i = 0;
    while (i < bn && a[i] == b[i])
        i++;
    if (an != bn)
        return !memcmp(a + i + 1, b + i, bn - i);
    if (i + 1 >= an || !memcmp(a + i + 1, b + i + 1, an - i - 1))
        return 1;
    return a[i] == b[i + 1] && a[i + 1] == b[i] && !memcmp(a + i + 2, b + i + 2, an - i - 2);
}

/* Two adjacent letters swapped, the rest equal ("grion", "groin"), a and b of n bytes. */
static int swapped(const char *a, const char *b, size_t n) {
    size_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           !memcmp(a + i + 2, b + i + 2, n - i - 2);
}

/* Forms of the pain verbs, each group read alike ("caminar me dolía" is "caminar me
   duele", "Sitzen tat weh" is "Sitzen tut weh", "running hurt" is "running hurts"). */
static const char *const VERB_FORMS[][7] = {
    {"hurts", "hurt", "hurting", NULL},
    {"tut", "tat", "taten", "tun", NULL},
    {"schmerzt", "schmerzte", "schmerzten", NULL},
    {"duele", "dolia", "dolio", "duelen", "dolian", "dolieron", NULL},
    {"molesta", "molestaba", "molesto", "molestan", "molestaban", NULL},
};
#define N_VERB_FORMS (sizeof VERB_FORMS / sizeof VERB_FORMS[0])

/* Is word w (n bytes) in group g of VERB_FORMS? */
static int in_verb_forms(size_t g, const char *w, size_t n) {
    for (const char *const *f = VERB_FORMS[g]; *f; f++)
        if (**f == *w && (*f)[1] == w[1] && !strncmp(*f, w, n) && (*f)[n] == 0)
            return 1;
    return 0;
}

/* The group of word w (n bytes) in VERB_FORMS, 1-based; 0 if none. */
static uint8_t verb_form(const char *w, size_t n) {
    if (n < 3 || n > 10 || !strchr("htsdm", *w))
        return 0;
    for (size_t g = 0; g < N_VERB_FORMS; g++)
        if (in_verb_forms(g, w, n))
            return (uint8_t)(g + 1);
    return 0;
}

/* Is text word b (bn bytes) an inflected form of a finding's word a (an bytes)? Spanish:
   the plural ("nocturnos" of "nocturno", "flexores" of "flexor"). German: the verb's
   persons ("liege", "liegt" of "liegen"; "stehen" of "stehe"). Words of 4 letters or
   more; read as a typo, so the word as it is goes first and a phrase takes one. */
static int inflected(int how, const char *a, size_t an, const char *b, size_t bn) {
    if (an < 4 || how == INFLECT_NONE)
        return 0;
    if (how == INFLECT_ES)
        return bn > an && bn <= an + 2 && b[bn - 1] == 's' && !memcmp(a, b, an) &&
               (bn == an + 1 ? strchr("aeiou", a[an - 1]) != NULL
                             : b[an] == 'e' && !strchr("aeiou", a[an - 1]));
    if (an >= 5 && a[an - 2] == 'e' && a[an - 1] == 'n') { /* liegen: liege, liegt, liegst */
        if (bn == an - 1 && !memcmp(a, b, bn))
            return 1;
        if (bn == an - 1 && b[bn - 1] == 't' && !memcmp(a, b, an - 2))
            return 1;
        return bn == an && b[bn - 2] == 's' && b[bn - 1] == 't' && !memcmp(a, b, an - 2);
    }
    return a[an - 1] == 'e' && bn == an + 1 && b[an] == 'n' && !memcmp(a, b, an); /* stehe */
}

/* Can lexicon word p equal text word t exactly (tok_eq() 2)? No when their lengths differ,
   p is no '*' pattern and t no pain-verb form: a quick test before tok_eq(). */
static int may_equal(const hp__toks *pt, const hp__tok *p, const hp__tok *t) {
    return p->n == t->n || t->alias || (p->n > 1 && pt->buf[p->s + p->n - 1] == '*');
}

/* 2 exact, 1 with a typo, 0 no match. A pattern word ending in '*' matches a prefix. A
   one-word phrase of 5 letters matches with two letters swapped only ("grion"). */
static int tok_eq(const hp__toks *pt, const hp__tok *p, const hp__toks *tt, const hp__tok *t,
                  size_t min_typo, int how) {
    if (p->type != t->type)
        return 0;
    const char *a = pt->buf + p->s, *b = tt->buf + t->s;
    if (p->n > 1 && a[p->n - 1] == '*')
        return t->n >= p->n - 1 && !memcmp(a, b, p->n - 1) ? 2 : 0;
    if (p->n == t->n && !memcmp(a, b, p->n))
        return 2;
    if (t->alias && p->type == HP__T_WORD && in_verb_forms(t->alias - 1u, a, p->n))
        return 2;
    if (p->type != HP__T_WORD || min_typo == SIZE_MAX)
        return 0;
    if (how && inflected(how, a, p->n, b, t->n)) /* as a typo: the word as it is first */
        return 1;
    if (t->known)
        return 0;
    if (p->n >= min_typo && t->n >= min_typo)
        return near1(a, p->n, b, t->n) ? 1 : 0;
    return min_typo == 6 && p->n == 5 && t->n == 5 && swapped(a, b, 5) ? 1 : 0;
}

typedef struct match {
    size_t len; /* text tokens consumed; 0 = none */
    unsigned typos, skips;
    const lexp *p;
    unsigned negs; /* a negation cue between the phrase's words: "Sitzen tut nicht weh" */
} match;

/* A gap ("...") in a finding phrase at text token j: the token, at most GAP_WORDS words
   on, where pattern word pk matches (the clause's words only, no negation or boundary cue
   between: "por las mañanas ... rígid*" reads "por las mañanas tengo la cadera rígida";
   six words reach over a German clause bracket: "Periode ... ausgeblieben" reads "Periode
   ist seit ein paar Monaten ausgeblieben"); SIZE_MAX if none. */
#define GAP_WORDS 6
static size_t gap_to(const lexicon *lx, const hp__tok *pk, const hp__toks *tt, size_t j) {
    for (size_t g = 0; g <= GAP_WORDS && j + g < tt->n; g++) {
        const hp__tok *t = &tt->v[j + g];
        if (t->type >= HP__T_STOP || t->halts)
            break;
        if (tok_eq(&lx->c->pt, pk, tt, t, SIZE_MAX, INFLECT_NONE) == 2)
            return j + g;
    }
    return SIZE_MAX;
}

/* Words that open a condition: a negation after them is the condition's, not the
   phrase's ("when I don't run" is no "when I run" negated). */
static const char *const SUBORDINATE[] = {"when", "if",     "while", "whenever", "wenn", "falls",
                                          "als",  "cuando", "si",    "mientras", NULL};

static match match_at(const lexicon *lx, const lexp *p, const hp__toks *tt, size_t i) {
    match m = {0, 0, 0, p, 0}, none = {0, 0, 0, p, 0};
    unsigned fillers = 0; /* skipped between words: at most two, a gap aside */
    size_t j = i, min_typo = p->kind != HP__PHRASE_FINDING ? SIZE_MAX : p->count == 1 ? 6 : 5;
    /* German verb persons in a phrase of several words only ("drauf liege"): one word
       ("Stehen") is a noun as often */
    int how = lx->inflect[p->lang]; /* cues: min_typo SIZE_MAX, never inflected */
    if (how == INFLECT_DE && p->count < 2)
        how = INFLECT_NONE;
    for (uint32_t k = 0; k < p->count; k++, j++) {
        const hp__tok *pk = &lx->c->pt.v[p->first + k];
        int eq = 0;
        if (pk->type >= HP__T_STOP) { /* a gap: "..." */
            while (k + 1 < p->count && pk->type >= HP__T_STOP)
                pk = &lx->c->pt.v[p->first + ++k];
            if (pk->type >= HP__T_STOP || (j = gap_to(lx, pk, tt, j)) == SIZE_MAX)
                return none;
            m.skips++;
            continue;
        }
        /* fillers only stand between a finding's words: a cue is its words ("and when");
           so may one negation cue, which negates the phrase ("Sitzen tut nicht weh",
           "caminar no me duele") */
        while (j < tt->n && !(eq = tok_eq(&lx->c->pt, pk, tt, &tt->v[j], min_typo, how)) && k > 0 &&
               p->kind == HP__PHRASE_FINDING &&
               ((tt->v[j].cue >= HP__PHRASE_FILLER && tt->v[j].cue <= HP__PHRASE_BOTH &&
                 fillers < 2) ||
                (tt->v[j].neg && !m.negs && !hp__tok_in(&lx->c->pt, p->first, SUBORDINATE)))) {
            if (tt->v[j].neg)
                m.negs++;
            else
                fillers++;
            j++;
            m.skips++;
        }
        if (!eq || (eq == 1 && m.typos))
            return none;
        m.typos += eq == 1;
    }
    m.len = j - i;
    return m;
}

static int better(const match *m, const match *best) {
    if (m->len != best->len)
        return m->len > best->len;
    unsigned a = m->typos * 2 + m->skips, b = best->typos * 2 + best->skips;
    return a < b || (a == b && m->p->count > best->p->count);
}

/* The best phrase or cue at token i (of the languages in lx->mask). */
static match best_at(const lexicon *lx, const hp__toks *tt, size_t i) {
    match best = {0, 0, 0, NULL, 0};
    unsigned char c = (unsigned char)tt->buf[tt->v[i].s];
    if (tt->v[i].type >= HP__T_STOP)
        return best;
    for (size_t k = lx->c->head[c]; k < lx->c->head[c + 1]; k++) {
        if (!(lx->mask & (1u << lx->c->v[k].lang)))
            continue;
        match m = match_at(lx, &lx->c->v[k], tt, i);
        if (m.len && (!best.len || better(&m, &best)))
            best = m;
    }
    return best;
}

/* A negation cue that begins a finding's phrase of its own ("nichts geändert", "no
   better") is that phrase's, never one standing inside another phrase. */
static void neg_inside_phrases(const lexicon *lx, hp__toks *tt) {
    for (size_t i = 0; i < tt->n; i++) {
        if (!tt->v[i].neg)
            continue;
        unsigned char c = (unsigned char)tt->buf[tt->v[i].s];
        for (size_t k = lx->c->head[c]; k < lx->c->head[c + 1] && tt->v[i].neg; k++) {
            const lexp *p = &lx->c->v[k];
            if ((lx->mask & (1u << p->lang)) && p->kind == HP__PHRASE_FINDING &&
                tok_eq(&lx->c->pt, &lx->c->pt.v[p->first], tt, &tt->v[i], SIZE_MAX, INFLECT_NONE) &&
                match_at(lx, p, tt, i).len)
                tt->v[i].neg = 0;
        }
    }
}

/* ---- The lexicon of the text's languages -------------------------------------------- */

static int lang_is(const char *have, const char *want) {
    size_t n = strlen(want);
    return !strncmp(want, have, n) && (have[n] == 0 || have[n] == '-');
}

/* Mark the text's tokens that are one-word filler or side cues, one-word negation or
   boundary cues (a gap stops there), and those that are a lexicon word as they are (never
   read as a typo of another: "crutches", "crunches"). */
static void mark_cues(const lexicon *lx, hp__toks *tt) {
    for (size_t i = 0; i < tt->n; i++) {
        hp__tok *t = &tt->v[i];
        if (t->type != HP__T_WORD)
            continue;
        unsigned char c = (unsigned char)tt->buf[t->s];
        t->known = (uint8_t)hp__lexicon_has_word(lx->c, tt->buf + t->s);
        t->alias = verb_form(tt->buf + t->s, t->n);
        for (size_t k = lx->c->head[c]; k < lx->c->head[c + 1]; k++) {
            const lexp *p = &lx->c->v[k];
            if (!(lx->mask & (1u << p->lang)))
                continue;
            const hp__tok *w = &lx->c->pt.v[p->first];
            if (p->count != 1 || !may_equal(&lx->c->pt, w, t) ||
                tok_eq(&lx->c->pt, w, tt, t, SIZE_MAX, INFLECT_NONE) != 2)
                continue;
            if (!t->cue && p->kind >= HP__PHRASE_FILLER && p->kind <= HP__PHRASE_BOTH)
                t->cue = p->kind;
            t->halts |= p->kind == HP__PHRASE_NEGATION || p->kind == HP__PHRASE_BOUNDARY ||
                        p->kind == HP__PHRASE_NEGATION_AFTER;
            t->neg |= p->kind == HP__PHRASE_NEGATION;
        }
    }
}

/* The languages of the text: those whose one-word cues and finding words ("the",
   "aber", "limping"; not "no", which is English and Spanish) it uses twice, or at least a third as
   often as the best one's; all of them when it uses none. */
static void detect_languages(lexicon *lx, const hp__toks *tt) {
    size_t score[MAX_LANGS] = {0}, best = 0;
    for (size_t i = 0; i < tt->n; i++) {
        const hp__tok *t = &tt->v[i];
        if (t->type != HP__T_WORD)
            continue;
        unsigned seen = 0;
        unsigned char c = (unsigned char)tt->buf[t->s];
        for (size_t k = lx->c->head[c]; k < lx->c->head[c + 1]; k++) {
            const lexp *p = &lx->c->v[k];
            if (p->count == 1 && p->kind != HP__PHRASE_IGNORE &&
                may_equal(&lx->c->pt, &lx->c->pt.v[p->first], t) &&
                tok_eq(&lx->c->pt, &lx->c->pt.v[p->first], tt, t, SIZE_MAX, INFLECT_NONE) == 2)
                seen |= 1u << p->lang;
        }
        for (size_t l = 0; l < lx->c->n_langs; l++)
            if (seen == 1u << l) /* a word of one language only: "the", not "no" */
                score[l]++;
    }
    for (size_t l = 0; l < lx->c->n_langs; l++)
        best = score[l] > best ? score[l] : best;
    if (!best)
        return;
    lx->mask = 0;
    for (size_t l = 0; l < lx->c->n_langs; l++)
        if (score[l] * 3 >= best || score[l] >= 2)
            lx->mask |= 1u << l;
}

/* ---- Scanning ---------------------------------------------------------------------- */

typedef struct scan {
    hp_text_result *r;
    uint8_t *seen; /* per finding */
    int negated;
    size_t neg_left;    /* words the negation still reaches */
    hp_side side;       /* named in the current sentence */
    hp_side last_side;  /* of the last sentence that named one */
    size_t clause_from; /* first finding of the current sentence */
    size_t last_found;  /* token after the last finding's words; SIZE_MAX none */
    size_t neg_end;     /* token after the last negated finding's words; SIZE_MAX none */
    size_t again_tok;   /* token after a second mention's words; SIZE_MAX none */
    size_t again_k;     /* the first mention's entry in r->f */
    int neg_found;      /* the negation has negated a finding */
    size_t neg_from;    /* first finding a negation after its words reaches (not over "but") */
    int unable;         /* "can't" in the clause: "without" then negates nothing */
    size_t q_from, q_to, q_tok; /* the last question's findings, the token after its '?' */
    size_t dist_prep;           /* "al caminar, correr": the preposition token; SIZE_MAX */
    int oom;                    /* an allocation failed */
    int asked;                  /* in "asked if ...", "fragte, ob": what it names is no answer */
    hp_text_finding *pend;      /* findings of phrases with requires="id", until the end */
    uint32_t *pend_req;         /* the finding each needs present */
    size_t n_pend, cap;         /* cap: the ontology's findings */
} scan;

static void end_sentence(scan *sc, size_t next, int question) {
    hp_side side = sc->side != HP_SIDE_UNKNOWN ? sc->side : sc->last_side;
    for (size_t k = sc->clause_from; k < sc->r->nf; k++)
        if (sc->r->f[k].side == HP_SIDE_UNKNOWN)
            sc->r->f[k].side = side;
    if (question && sc->clause_from < sc->r->nf) /* "Fever? No." */
        sc->q_from = sc->clause_from, sc->q_to = sc->r->nf, sc->q_tok = next;
    else if (question && sc->q_tok + 1 == next) /* "Fever?? No" */
        sc->q_tok = next;
    else
        sc->q_tok = SIZE_MAX;
    sc->clause_from = sc->neg_from = sc->r->nf;
    sc->unable = 0;
    if (sc->side != HP_SIDE_UNKNOWN)
        sc->last_side = sc->side;
    sc->side = HP_SIDE_UNKNOWN;
    sc->negated = sc->asked = 0;
    sc->last_found = sc->neg_end = sc->again_tok = sc->dist_prep = SIZE_MAX;
}

static void negate(scan *sc) {
    sc->negated = 1;
    sc->neg_found = 0;
    sc->neg_left = NEG_SPAN;
}

/* A finding found: into the result, or pending when it needs finding req (not UINT32_MAX)
   present in the text too ("for months" states "six weeks despite care"). */
static void record(scan *sc, const hp_text_finding *tf, uint32_t req) {
    if (req != UINT32_MAX) {
        if (sc->n_pend < sc->cap) {
            sc->pend_req[sc->n_pend] = req;
            sc->pend[sc->n_pend++] = *tf;
        }
        return;
    }
    sc->seen[tf->finding] = 1;
    sc->r->f[sc->r->nf++] = *tf;
}

/* Is a finding whose words state it present (absent: 0) or absent (1) absent here? "not
   skinny" is overweight; a list a negation goes on with keeps it: "not limping and walks
   fine". */
static int answer_absent(const scan *sc, int absent, int in_list) {
    return absent ? !sc->negated || in_list : sc->negated;
}

static const char *const CONNECT_AND[] = {"and", "or", "nor", "und", "oder", "noch",
                                          "y",   "o",  "u",   "ni",  "e",    NULL};
static const char *const PLACE[] = {"in",     "im", "an", "am",   "at",  "on",
                                    "around", "en", "by", "near", "bei", NULL};

/* Does the finding at token i only place the negated finding just before it, with a
   preposition and fillers between ("keine Beule in der Leiste", "no lump in my groin",
   "sin bulto en la ingle")? It is the lump's place, not a pain there. */
static int places_negated(const scan *sc, const hp__toks *tt, size_t i) {
    if (sc->neg_end == SIZE_MAX || sc->neg_end > i || i - sc->neg_end > 3)
        return 0;
    int prep = hp__tok_in(tt, i, PLACE);
    for (size_t k = sc->neg_end; k < i; k++) {
        if (tt->v[k].type != HP__T_WORD || tt->v[k].cue != HP__PHRASE_FILLER ||
            hp__tok_in(tt, k, CONNECT_AND))
            return 0;
        prep |= hp__tok_in(tt, k, PLACE);
    }
    return prep;
}

/* A second mention of a finding: a negation just after it ("it doesn't hurt", "is fine")
   states the first mention absent (negates_again); a negation that comes between the two
   mentions in one clause, its first finding, negates the first ("Es strahlt nicht ins Bein
   aus"). */
static void mention_again(scan *sc, uint32_t f, size_t after, int in_list) {
    sc->last_found = sc->again_tok = SIZE_MAX; /* "fever: none" negates nothing new */
    hp_text_finding *last = sc->r->nf ? &sc->r->f[sc->r->nf - 1] : NULL;
    if (sc->negated && !in_list && last && last->finding == f && sc->r->nf > sc->clause_from &&
        sc->r->nf > sc->neg_from && last->answer == HP_ANSWER_PRESENT) {
        last->answer = HP_ANSWER_ABSENT;
        last->confidence *= 0.8;
    }
    if (sc->negated)
        return;
    for (size_t k = 0; k < sc->r->nf; k++)
        if (sc->r->f[k].finding == f && sc->r->f[k].answer == HP_ANSWER_PRESENT)
            sc->again_tok = after, sc->again_k = k;
}

/* Words that open an activity and go on over a list: "al caminar, correr y saltar",
   "beim Gehen und Laufen", "when walking or running". */
static const char *const DIST_PREP[] = {"al", "beim", "when", "while", NULL};

static void add_finding(scan *sc, const match *m, const hp__toks *tt, size_t i) {
    uint32_t f = m->p->finding;
    if (sc->asked) { /* "the doctor asked if I had a fever" */
        sc->last_found = i + m->len;
        return;
    }
    int in_list = sc->negated && sc->neg_found;
    if (places_negated(sc, tt, i)) {
        sc->neg_end = sc->last_found = i + m->len;
        return;
    }
    sc->last_found = i + m->len;
    sc->again_tok = SIZE_MAX;
    sc->dist_prep = i > 0 && hp__tok_in(tt, i - 1, DIST_PREP) ? i - 1 : SIZE_MAX;
    for (size_t k = i; m->len > 1 && k + 1 < i + m->len && sc->dist_prep == SIZE_MAX; k++)
        if (hp__tok_in(tt, k, DIST_PREP))
            sc->dist_prep = k;
    sc->neg_end = sc->negated ? i + m->len : SIZE_MAX;
    if (sc->negated) {
        sc->neg_left = NEG_SPAN;
        sc->neg_found = 1;
    }
    double c = 1.0 - 0.2 * m->typos - 0.05 * m->skips;
    const hp__tok *a = &tt->v[i], *z = &tt->v[i + m->len - 1];
    /* a negation cue inside the phrase's words turns its answer; not a correlative one
       under a negation already ("no me duele ni al caminar ni de noche") */
    static const char *const CORRELATIVE[] = {"ni", "nor", "neither", "weder", NULL};
    int flip = m->negs != 0;
    for (size_t k = i; flip && sc->negated && k < i + m->len; k++)
        if (tt->v[k].neg && hp__tok_in(tt, k, CORRELATIVE))
            flip = 0;
    int absent = answer_absent(sc, m->p->absent, in_list) ^ flip;
    hp_text_finding tf = {f,
                          absent ? HP_ANSWER_ABSENT : HP_ANSWER_PRESENT,
                          a->off,
                          z->end - a->off,
                          sc->negated || m->negs ? c * 0.9 : c,
                          HP_SIDE_UNKNOWN};
    if (sc->seen[f]) {
        if (m->negs && !sc->negated) /* "Sitzen tut weh ... Sitzen tut nicht mehr weh" */
            for (size_t k = 0; k < sc->r->nf; k++)
                if (sc->r->f[k].finding == f && sc->r->f[k].answer == HP_ANSWER_PRESENT &&
                    !m->p->absent) {
                    sc->r->f[k].answer = HP_ANSWER_ABSENT;
                    sc->r->f[k].confidence *= 0.8;
                }
        mention_again(sc, f, i + m->len, in_list);
    } else
        record(sc, &tf, m->p->requires);
    /* words that state two findings ("no change to my training", "sprint finish"), the
       second also when the first was stated before ("slipped and twisted my hip") */
    if (m->p->also != UINT32_MAX && !sc->seen[m->p->also]) {
        tf.finding = m->p->also;
        tf.answer = answer_absent(sc, m->p->also_absent, in_list) ^ flip ? HP_ANSWER_ABSENT
                                                                         : HP_ANSWER_PRESENT;
        record(sc, &tf, m->p->requires);
    }
}

/* The findings of phrases that need another finding present in the text, where it is;
   each in text order, once. */
static void add_pending(scan *sc) {
    hp_text_result *r = sc->r;
    for (size_t k = 0; k < sc->n_pend; k++) {
        const hp_text_finding *p = &sc->pend[k];
        int have = 0;
        for (size_t j = 0; j < r->nf; j++)
            have |= r->f[j].finding == sc->pend_req[k] && r->f[j].answer == HP_ANSWER_PRESENT;
        if (!have || sc->seen[p->finding])
            continue;
        sc->seen[p->finding] = 1;
        size_t at = r->nf;
        while (at > 0 && r->f[at - 1].offset > p->offset)
            at--;
        memmove(r->f + at + 1, r->f + at, (r->nf - at) * sizeof *r->f);
        r->f[at] = *p;
        r->nf++;
    }
}

static const char *const LIST_END[] = {"or", "nor", "oder", "noch", "ni", "o", "u", NULL};

/* At a comma in a negation: does a list of short items go on to "or"/"nor" before the
   clause ends, within 40 tokens ("no fever, chills or sweats")? */
static int list_goes_on(const hp__toks *tt, size_t i) {
    size_t item = 0;
    for (size_t k = i + 1; k < tt->n && k < i + 40 && tt->v[k].type != HP__T_STOP; k++) {
        if (tt->v[k].type == HP__T_COMMA) {
            item = 0;
            continue;
        }
        if (hp__tok_in(tt, k, LIST_END))
            return 1;
        if (++item > 4)
            return 0;
    }
    return 0;
}

static int is_kind(const match *m, uint8_t kind) { return m->len && m->p->kind == kind; }

/* A negation cue at token i: negates what follows, or the finding just before it when it
   ends the clause ("fever: none", "Fieber nein"): is there a finding after it before the
   clause ends (punctuation, a boundary cue or the next negation: "no me duele y no noto
   chasquidos")? */
static int finding_ahead(const lexicon *lx, const hp__toks *tt, size_t i) {
    for (; i < tt->n && tt->v[i].type < HP__T_STOP; i++) {
        match m = best_at(lx, tt, i);
        if (is_kind(&m, HP__PHRASE_FINDING))
            return 1;
        if (is_kind(&m, HP__PHRASE_NEGATION) || is_kind(&m, HP__PHRASE_BOUNDARY))
            return 0;
    }
    return 0;
}

/* The end of the clause after token i: punctuation, a boundary or negation cue, or the
   end of the text. */
static size_t clause_end(const lexicon *lx, const hp__toks *tt, size_t i) {
    for (; i < tt->n && tt->v[i].type < HP__T_STOP; i++) {
        match m = best_at(lx, tt, i);
        if (is_kind(&m, HP__PHRASE_NEGATION) || is_kind(&m, HP__PHRASE_BOUNDARY))
            break;
    }
    return i;
}

static const char *const CONNECT[] = {
    "or",   "nor",   "and",   "oder",  "und", "noch", "weder", "ni",  "o",   "u",   "y",
    "e",    "the",   "a",     "an",    "any", "der",  "die",   "das", "den", "dem", "ein",
    "eine", "einen", "einem", "einer", "el",  "la",   "los",   "las", "un",  "una", NULL};

/* Only commas and connectors ("and", "or") between bytes a and b of the text, looking
   back from token i (after b)? */
static int only_connectors(const hp__toks *tt, size_t i, size_t a, size_t b) {
    for (size_t k = i; k-- > 0 && tt->v[k].off >= a;)
        if (tt->v[k].end <= b && tt->v[k].type != HP__T_COMMA && !hp__tok_in(tt, k, CONNECT))
            return 0;
    return 1;
}

/* A negation just after the findings it negates ("fever: none", "walking and cycling are
   fine"), cue at token i of len tokens: the last finding, and those before it joined by
   connectors, when the finding ends at most two words before the cue, the clause ends at
   most three words after it and (for a cue that also negates forwards) no finding follows
   in the clause ("Fieber habe ich keins und Nachtschweiß auch nicht"). 1 if it applied. */
static int post_negation(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i, size_t len,
                         int after_only) {
    size_t after = i + len, end = clause_end(lx, tt, after), from = sc->clause_from;
    from = sc->neg_from > from ? sc->neg_from : from;
    int near = sc->last_found != SIZE_MAX && sc->last_found <= i && i - sc->last_found <= 2;
    /* a cue that also negates forwards ("no", "sin") does not reach back over a comma */
    int last = after >= tt->n || tt->v[after].type == HP__T_STOP; /* "Hinchazón, ninguna." */
    for (size_t k = near ? sc->last_found : i; !after_only && !last && k < i; k++)
        near &= tt->v[k].type != HP__T_COMMA || tt->v[k].num == ':'; /* "Fieber: nein" */
    if (!near || end - after > 3 || sc->r->nf <= from ||
        (!after_only && finding_ahead(lx, tt, after)))
        return 0;
    for (size_t k = sc->r->nf; k-- > from;) {
        hp_text_finding *f = &sc->r->f[k];
        if (k + 1 < sc->r->nf &&
            !only_connectors(tt, i, f->offset + f->length, sc->r->f[k + 1].offset))
            break;
        if (f->answer == HP_ANSWER_PRESENT && f->offset + f->length <= tt->v[i].off) {
            f->answer = HP_ANSWER_ABSENT;
            f->confidence *= 0.8;
        }
    }
    return 1;
}

/* A negation cue at token i of len tokens just after a second mention of a finding
   stated present before ("the groin hurt at first ... now the groin is fine", "Hüfte tut
   weh ... die Hüfte tut nicht mehr weh"): the later word wins, the finding is absent. The
   mention ends at most two words before the cue, no comma between, the clause ends at most
   three words after it and (a cue that also negates forwards) no finding follows. */
static int negates_again(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i, size_t len,
                         int after_only) {
    size_t after = i + len, at = sc->again_tok;
    if (at == SIZE_MAX || at > i || i - at > 2 || clause_end(lx, tt, after) - after > 3 ||
        (!after_only && finding_ahead(lx, tt, after)))
        return 0;
    for (size_t k = at; k < i; k++)
        if (tt->v[k].type == HP__T_COMMA)
            return 0;
    hp_text_finding *f = &sc->r->f[sc->again_k];
    f->answer = HP_ANSWER_ABSENT;
    f->confidence *= 0.8;
    sc->again_tok = SIZE_MAX;
    return 1;
}

/* A negation cue of len tokens at token i answering the question just before it ("Fever?
   No.", "Fieber? Nein", "Swelling? None that I can see": no finding after it in its
   clause): its findings are absent. 1 if it applied. */
static int answers_question(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i, size_t len) {
    if (i != sc->q_tok || finding_ahead(lx, tt, i + len))
        return 0;
    for (size_t k = sc->q_from; k < sc->q_to; k++)
        if (sc->r->f[k].answer == HP_ANSWER_PRESENT) {
            sc->r->f[k].answer = HP_ANSWER_ABSENT;
            sc->r->f[k].confidence *= 0.8;
        }
    return 1;
}

static const char *const WITHOUT[] = {"without", "ohne", "sin", NULL};
static const char *const UNABLE[] = {"cant", "cannot", "couldnt", "unable", NULL};

static const char *const CAN_DE[] = {"kann",   "kannst",   "konnte", "konnten",
                                     "konnen", "konntest", NULL};
static const char *const CAN_ES[] = {"puedo",  "puede",  "podia",   "pude",    "pudo",
                                     "puedes", "pueden", "podemos", "consigo", NULL};
static const char *const KNOW_VERB[] = {"sagen",    "erinnern",    "fuhlen", "spuren",   "tasten",
                                        "sehen",    "feststellen", "decir",  "recordar", "notar",
                                        "sentir",   "ver",         "tocar",  "palpar",   "saber",
                                        "explicar", "beschreiben", NULL};

/* "kann nicht sprinten", "Treppen kann ich nicht steigen", "no puedo subir escaleras":
   "nicht" with "kann" up to three words before it, or "no" before "puedo", says what the
   runner cannot do (as English "can't run"), which the pain stops: no negation. Not
   before a verb of knowing or feeling ("kann nicht sagen", "no puedo notar"). */
static int inability_at(const hp__toks *tt, size_t i, size_t len) {
    size_t after = i + 1;
    int can = 0;
    if (len != 1)
        return 0;
    if (hp__tok_is(tt, i, "nicht"))
        for (size_t k = i; k > 0 && i - k < 4 && tt->v[k - 1].type < HP__T_STOP && !can; k--)
            can = hp__tok_in(tt, k - 1, CAN_DE);
    else if (hp__tok_is(tt, i, "no") && hp__tok_in(tt, i + 1, CAN_ES))
        can = 1, after = i + 2;
    for (size_t k = after; can && k < tt->n && k < after + 3; k++)
        if (hp__tok_in(tt, k, KNOW_VERB))
            return 0;
    return can;
}

static void negation_at(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i, size_t len) {
    if (answers_question(sc, lx, tt, i, len))
        return;
    if (inability_at(tt, i, len)) {
        sc->unable = 1; /* "no puedo correr sin dolor" */
        return;
    }
    /* a double negation states what it names: "can't sit without it aching", "nicht ohne
       Schmerzen", "no puedo correr sin dolor" */
    if (len == 1 && hp__tok_in(tt, i, WITHOUT) && (sc->unable || (sc->negated && !sc->neg_found))) {
        sc->negated = 0;
        return;
    }
    if (!negates_again(sc, lx, tt, i, len, 0) && !post_negation(sc, lx, tt, i, len, 0))
        negate(sc);
}

static const char *const NEG_LEAD[] = {"no", "kein", "keine", "keinen", "keinerlei", "sin", NULL};

/* A negation-after cue ("fever: none", "no problems") at token i of len tokens. One that
   begins with "no", "kein" or "sin" and has no finding before it to negate negates
   forwards instead ("no problems at night", "kein Problem beim Gehen"). */
static void negation_after_at(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i,
                              size_t len) {
    if (answers_question(sc, lx, tt, i, len) || negates_again(sc, lx, tt, i, len, 1) ||
        post_negation(sc, lx, tt, i, len, 1))
        return;
    if (hp__tok_in(tt, i, NEG_LEAD) && finding_ahead(lx, tt, i + len))
        negate(sc);
}

/* "not anymore", "no longer", "nicht mehr", "ya no" (after "now", "jetzt", "ahora" ...)
   at token j, the clause ending after it: the number of tokens, or 0. */
static size_t no_longer_at(const hp__toks *tt, size_t j) {
    static const char *const NOW_W[] = {"now", "jetzt",  "inzwischen", "mittlerweile", "ahora",
                                        "it",  "es",     "its",        "thats",        "is",
                                        "ist", "doesnt", "does",       "hurt",         NULL};
    static const char *const NOT_W[] = {"not", "no", "nicht", NULL};
    static const char *const MORE_W[] = {"anymore", "longer", "more", "mehr", "langer", NULL};
    size_t k = j;
    while (k < tt->n && k - j < 3 && hp__tok_in(tt, k, NOW_W))
        k++;
    size_t n = 0;
    int negated = 0;
    for (size_t q = j; q < k; q++)
        negated |= hp__tok_is(tt, q, "doesnt");
    if (negated && hp__tok_is(tt, k, "anymore"))
        n = 1; /* "now it doesn't (hurt) anymore" */
    else if (hp__tok_is(tt, k, "ya") && hp__tok_is(tt, k + 1, "no"))
        n = 2;
    else if (hp__tok_in(tt, k, NOT_W) && hp__tok_in(tt, k + 1, MORE_W))
        n = 2;
    else if (hp__tok_is(tt, k, "not") && hp__tok_is(tt, k + 1, "any") &&
             hp__tok_is(tt, k + 2, "more"))
        n = 3;
    if (!n || (k + n < tt->n && tt->v[k + n].type < HP__T_STOP))
        return 0;
    return k + n - j;
}

/* "It used to hurt at night, but not anymore", "früher ja, aber jetzt nicht mehr", "me
   dolía, pero ya no": what the sentence named so far is absent now. */
static void no_longer(scan *sc) {
    for (size_t k = sc->clause_from; k < sc->r->nf; k++)
        if (sc->r->f[k].answer == HP_ANSWER_PRESENT) {
            sc->r->f[k].answer = HP_ANSWER_ABSENT;
            sc->r->f[k].confidence *= 0.8;
        }
}

static void boundary_at(scan *sc) {
    sc->negated = sc->unable = sc->asked = 0;
    sc->neg_from = sc->r->nf;
    sc->last_found = sc->neg_end = sc->again_tok = sc->dist_prep = SIZE_MAX;
}

static void punctuation_at(scan *sc, const hp__toks *tt, size_t i) {
    if (tt->v[i].type == HP__T_STOP)
        end_sentence(sc, i + 1, tt->v[i].num == '?');
    else if ((sc->negated || sc->asked) && !list_goes_on(tt, i))
        sc->negated = sc->asked = 0;
}

static const char *const PAIN_WORD[] = {
    "pain",    "pains",     "ache",        "aches",    "hurt",      "hurting", "soreness",
    "sore",    "problem",   "problems",    "issue",    "issues",    "trouble", "discomfort",
    "schmerz", "schmerzen", "beschwerden", "probleme", "problem",   "weh",     "dolor",
    "dolores", "molestia",  "molestias",   "problema", "problemas", NULL};

/* A word the lexicon does not know, under a negation that has named no finding yet and
   followed by a preposition ("keine Delle in der Leiste", "no bruise on the side"): the
   negated thing is that word, so the place after it is no finding (places_negated). Not a
   pain word: "no pain in the groin" negates the groin. */
static void negated_object(scan *sc, const hp__toks *tt, size_t i) {
    const hp__tok *t = &tt->v[i];
    if (sc->negated && !sc->neg_found && t->type == HP__T_WORD && !t->known && !t->cue &&
        i + 1 < tt->n && hp__tok_in(tt, i + 1, PLACE) && !hp__tok_in(tt, i, PAIN_WORD))
        sc->neg_end = i + 1;
}

static void side_cue(scan *sc, uint8_t kind) {
    hp_side s = kind == HP__PHRASE_LEFT    ? HP_SIDE_LEFT
                : kind == HP__PHRASE_RIGHT ? HP_SIDE_RIGHT
                                           : HP_SIDE_BOTH;
    if (sc->side != HP_SIDE_UNKNOWN && sc->side != s)
        s = HP_SIDE_BOTH;
    sc->side = s;
}

/* The finding phrase that "before WORD after" is as a whole (WORD: text token i), as a
   match of token i alone; len 0 if none. */
static match synth_text(scan *sc, const lexicon *lx, const hp__toks *tt, const char *buf, int n) {
    match none = {0, 0, 0, NULL, 0}, m;
    hp__toks st = {tt->a, NULL, 0, 0, NULL, 0, 0};
    size_t bad;
    int ok = hp__text_tokenise(&st, buf, (size_t)n, 0, &bad);
    if (ok <= 0) {
        sc->oom |= ok == 0;
        hp__toks_free(&st);
        return none;
    }
    for (size_t k = 0; k < st.n; k++)
        st.v[k].known = 1; /* the grammar's words and a text word as it is: no typos */
    m = best_at(lx, &st, 0);
    if (!is_kind(&m, HP__PHRASE_FINDING) || m.len != st.n || m.negs)
        m = none;
    hp__toks_free(&st);
    m.len = m.len ? 1 : 0;
    m.skips++;
    return m;
}

static match synth_match(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i,
                         const char *before, const char *after) {
    match none = {0, 0, 0, NULL, 0};
    char buf[96];
    const hp__tok *t = &tt->v[i];
    if (t->type != HP__T_WORD || t->n > 40)
        return none;
    int n = snprintf(buf, sizeof buf, "%s%s%s%s%s", before, *before ? " " : "", tt->buf + t->s,
                     *after ? " " : "", after);
    if (n < 0 || (size_t)n >= sizeof buf)
        return none;
    return synth_text(sc, lx, tt, buf, n);
}

/* German compounds of a place and a pain word ("Knieschmerzen", "Hüftbeugerbeschwerden",
   "Pobereich"): the word at token i, unknown to the lexicon, read as its first part when
   that (without a linking "s", "n", "en") is a one-word finding phrase. */
static int compound_at(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i) {
    static const char *const HEAD[] = {"schmerzen", "schmerz", "beschwerden", "probleme",
                                       "problem",   "bereich", "gegend",      "region",
                                       "schmerzes", NULL};
    static const char *const LINK[] = {"", "s", "n", "en", NULL};
    const hp__tok *t = &tt->v[i];
    const char *w = tt->buf + t->s;
    if (t->type != HP__T_WORD || t->known || t->cue || t->n < 7 || t->n > 40)
        return 0;
    for (const char *const *h = HEAD; *h; h++) {
        size_t hn = strlen(*h);
        if (t->n < hn + 2 || memcmp(w + t->n - hn, *h, hn))
            continue;
        for (const char *const *l = LINK; *l; l++) {
            size_t ln = strlen(*l), mn = t->n - hn;
            if (mn < ln + 2 || memcmp(w + mn - ln, *l, ln))
                continue;
            char buf[48];
            memcpy(buf, w, mn - ln);
            buf[mn - ln] = 0;
            match m = synth_text(sc, lx, tt, buf, (int)(mn - ln));
            if (m.len) {
                add_finding(sc, &m, tt, i);
                return 1;
            }
        }
    }
    return 0;
}

/* NUMBER weeks at token i, 6 to 104 ("13 weeks", "seit 15 Wochen", "20 semanas"): read as
   "6 weeks", the lexicon's words for more than six weeks. */
static int weeks_at(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i) {
    static const char *const WEEKS[][2] = {
        {"weeks", "6 weeks"}, {"wks", "6 weeks"}, {"wochen", "6 wochen"}, {"semanas", "6 semanas"}};
    const hp__tok *t = &tt->v[i];
    if (t->type != HP__T_NUM || t->num < 6 || t->num > 104 || t->num != floor(t->num))
        return 0;
    for (size_t k = 0; k < sizeof WEEKS / sizeof WEEKS[0]; k++)
        if (hp__tok_is(tt, i + 1, WEEKS[k][0])) {
            match m = synth_text(sc, lx, tt, WEEKS[k][1], (int)strlen(WEEKS[k][1]));
            if (!m.len)
                return 0;
            add_finding(sc, &m, tt, i);
            return 1;
        }
    return 0;
}

static const char *const TOO[] = {"too", "also", "auch", "ebenfalls", "tambien", "si", NULL};
static const char *const TOO_NOT[] = {"either", "tampoco", NULL};

/* An activity said again with "too" after a pain in the sentence ("Sitzen tut weh, Laufen
   auch", "running hurts, sitting too", "me duele caminar y correr también", "correr
   tampoco"), or a list item after an activity opened by "al", "beim", "when" ("al caminar,
   correr y saltar"): the finding the activity would be with the sentence's pain words, at
   token i. 1 if one was added. */
static int elliptical_at(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i) {
    static const char *const PRED[][2] = {{"", "hurts"}, {"", "tut weh"}, {"", "me duele"},
                                          {"beim", ""},  {"al", ""},      {"when", ""}};
    if (sc->r->nf <= sc->clause_from || tt->v[i].type != HP__T_WORD)
        return 0;
    int too = hp__tok_in(tt, i + 1, TOO), too_not = hp__tok_in(tt, i + 1, TOO_NOT);
    size_t end = i + 2;
    if (too && end < tt->n && tt->v[end].neg)
        end++; /* "Laufen auch nicht": the negation after it negates it */
    int listed = sc->dist_prep != SIZE_MAX && i > 0 &&
                 (tt->v[i - 1].type == HP__T_COMMA || hp__tok_in(tt, i - 1, CONNECT_AND));
    if (!((too || too_not) && (end >= tt->n || tt->v[end].type >= HP__T_STOP)) && !listed)
        return 0;
    match m = {0, 0, 0, NULL, 0};
    if (listed && !too && !too_not) {
        char prep[16];
        const hp__tok *p = &tt->v[sc->dist_prep];
        if (p->n >= sizeof prep)
            return 0;
        memcpy(prep, tt->buf + p->s, p->n);
        prep[p->n] = 0;
        m = synth_match(sc, lx, tt, i, prep, "");
    }
    for (size_t k = 0; !m.len && (too || too_not) && k < sizeof PRED / sizeof PRED[0]; k++)
        m = synth_match(sc, lx, tt, i, PRED[k][0], PRED[k][1]);
    if (!m.len)
        return 0;
    size_t prep = sc->dist_prep, nf = sc->r->nf;
    add_finding(sc, &m, tt, i);
    sc->dist_prep = prep; /* the list goes on */
    if (too_not && sc->r->nf > nf && sc->r->f[nf].answer == HP_ANSWER_PRESENT) {
        sc->r->f[nf].answer = HP_ANSWER_ABSENT;
        sc->r->f[nf].confidence *= 0.8;
    }
    return 1;
}

/* "asked if", "asked me whether", "wondering if", "fragte, ob", "wollte wissen, ob", "me
   preguntó si": "if" at token i after a word of asking (up to two words and a comma
   between). */
static int asked_if(const hp__toks *tt, size_t i) {
    static const char *const IF_W[] = {"if", "whether", "ob", "si", NULL};
    static const char *const ASK[] = {"asked",       "asks",        "ask",      "asking",
                                      "wondering",   "wonder",      "fragte",   "gefragt",
                                      "fragt",       "wissen",      "pregunto", "pregunta",
                                      "preguntaron", "preguntando", NULL};
    if (!hp__tok_in(tt, i, IF_W))
        return 0;
    for (size_t k = i; k > 0 && i - k < 4 && tt->v[k - 1].type != HP__T_STOP; k--)
        if (hp__tok_in(tt, k - 1, ASK))
            return 1;
    return 0;
}

/* "No pain when walking, only running", "Beim Gehen nicht, nur Laufen", "caminar no me
   duele, solo correr": "only" after a comma or "but" in a sentence with a finding, then
   an activity ending the clause, at token i: the activity read with pain words (not
   "running only", the runner who only runs). Tokens consumed, or 0. */
static size_t only_activity_at(scan *sc, const lexicon *lx, const hp__toks *tt, size_t i) {
    static const char *const ONLY[] = {"only", "just", "nur", "solo", NULL};
    static const char *const BUT[] = {"but", "aber", "pero", "sondern", NULL};
    static const char *const PRED[][2] = {{"", "hurts"}, {"", "tut weh"}, {"", "me duele"},
                                          {"beim", ""},  {"al", ""},      {"when", ""}};
    if (!hp__tok_in(tt, i, ONLY) || i == 0 || sc->r->nf <= sc->clause_from ||
        !(tt->v[i - 1].type == HP__T_COMMA || hp__tok_in(tt, i - 1, BUT)) ||
        (i + 2 < tt->n && tt->v[i + 2].type < HP__T_STOP))
        return 0;
    for (size_t k = 0; k < sizeof PRED / sizeof PRED[0]; k++) {
        match m = synth_match(sc, lx, tt, i + 1, PRED[k][0], PRED[k][1]);
        if (m.len) {
            sc->negated = 0;
            add_finding(sc, &m, tt, i + 1);
            return 2;
        }
    }
    return 0;
}

/* Does a longer finding phrase begin at the second word of finding match m at token i (so
   ending past it: "hurts to stand on just that leg": "stand on just that leg", not "to
   stand on")? */
static int yields_to_longer(const lexicon *lx, const hp__toks *tt, size_t i, const match *m) {
    if (tt->v[i].neg || tt->v[i].halts || m->negs || m->p->absent || hp__tok_in(tt, i, UNABLE))
        return 0; /* "can't stand on" keeps its inability */
    /* from its second word, two words shared at least: "still hurts" keeps "hurts when I
       run" apart */
    if (m->len < 3)
        return 0;
    match o = best_at(lx, tt, i + 1);
    return o.len > m->len && o.p->kind == HP__PHRASE_FINDING;
}

static void scan_findings(scan *sc, const lexicon *lx, const hp__toks *tt) {
    for (size_t i = 0; i < tt->n;) {
        if (asked_if(tt, i))
            sc->asked = 1;
        if (tt->v[i].type >= HP__T_STOP) {
            size_t n = tt->v[i].type == HP__T_COMMA ? no_longer_at(tt, i + 1) : 0;
            if (n) { /* "it hurt at night, not anymore" */
                no_longer(sc);
                i += n;
            }
            punctuation_at(sc, tt, i++);
            continue;
        }
        size_t only = only_activity_at(sc, lx, tt, i);
        if (only) {
            i += only;
            continue;
        }
        match m = best_at(lx, tt, i);
        if (hp__tok_in(tt, i, UNABLE))
            sc->unable = 1;
        if (!m.len && (elliptical_at(sc, lx, tt, i) || compound_at(sc, lx, tt, i) ||
                       weeks_at(sc, lx, tt, i))) {
            i++;
            continue;
        }
        if (!m.len) {
            negated_object(sc, tt, i);
            /* after a negated finding only connectors keep the negation going ("no fever
               or chills", not "keine Beule in der Leiste") */
            if (sc->negated && sc->neg_found && !hp__tok_in(tt, i, CONNECT) &&
                !(i == sc->neg_end && hp__tok_in(tt, i, PAIN_WORD)))
                sc->negated = 0;
            if (sc->negated && tt->v[i].cue != HP__PHRASE_FILLER && !--sc->neg_left)
                sc->negated = 0;
            i++;
            continue;
        }
        if (m.p->kind == HP__PHRASE_FINDING && yields_to_longer(lx, tt, i, &m)) {
            i++;
            continue;
        }
        switch (m.p->kind) {
        case HP__PHRASE_FINDING:
            add_finding(sc, &m, tt, i);
            for (size_t k = i; k < i + m.len; k++) /* "cadera izquierda por fuera" */
                if (tt->v[k].cue > HP__PHRASE_FILLER && tt->v[k].cue <= HP__PHRASE_BOTH)
                    side_cue(sc, tt->v[k].cue);
            break;
        case HP__PHRASE_NEGATION: negation_at(sc, lx, tt, i, m.len); break;
        case HP__PHRASE_NEGATION_AFTER: negation_after_at(sc, lx, tt, i, m.len); break;
        case HP__PHRASE_BOUNDARY: {
            size_t n = no_longer_at(tt, i + m.len);
            if (n) {
                no_longer(sc);
                i += n;
            }
            boundary_at(sc);
            /* "and my back hurts", "and when she runs": a two-word cue whose second word
               opens a finding phrase ends the clause at its first word only */
            if (!n && m.len > 1) {
                match next = best_at(lx, tt, i + 1);
                if (next.len && next.p->kind == HP__PHRASE_FINDING) {
                    i++;
                    continue;
                }
            }
            break;
        }
        case HP__PHRASE_IGNORE: break;
        case HP__PHRASE_FILLER:
            if (sc->negated && sc->neg_found && !hp__tok_in(tt, i, CONNECT))
                sc->negated = 0;
            break;
        default: side_cue(sc, m.p->kind); break;
        }
        i += m.len;
    }
    end_sentence(sc, tt->n, 0);
}

/* ---- Self-care that did nothing ---------------------------------------------------- */

static const char *const NOTHING[] = {"nothing", "nada", "nichts", "nix", NULL};
static const char *const NOTHING_LEAD[] = {"and", "but", "y", "pero", "und", "aber", NULL};
static const char *const CARE[] = {"physio",
                                   "physiotherapy",
                                   "pt",
                                   "rehab",
                                   "ibuprofen",
                                   "painkillers",
                                   "nsaids",
                                   "massage",
                                   "massages",
                                   "stretching",
                                   "stretches",
                                   "injection",
                                   "cortisone",
                                   "icing",
                                   "chiro",
                                   "osteo",
                                   "physiotherapie",
                                   "schmerzmittel",
                                   "dehnen",
                                   "reha",
                                   "spritze",
                                   "tabletten",
                                   "krankengymnastik",
                                   "fisio",
                                   "fisioterapia",
                                   "antiinflamatorios",
                                   "ibuprofeno",
                                   "estiramientos",
                                   "masajes",
                                   "analgesicos",
                                   "infiltracion",
                                   "rehabilitacion",
                                   NULL};
static const char *const REST[] = {"rest",   "rested",   "resting",   "pause",
                                   "ruhe",   "schonung", "laufpause", "pausiert",
                                   "reposo", "descanso", "descanse",  NULL};

/* Rest said at token k: a rest word, "time off", "sin correr", "dejé de correr", "stopped
   running". */
static int rest_at(const hp__toks *tt, size_t k) {
    return hp__tok_in(tt, k, REST) || (hp__tok_is(tt, k, "time") && hp__tok_is(tt, k + 1, "off")) ||
           (hp__tok_is(tt, k, "sin") && hp__tok_is(tt, k + 1, "correr")) ||
           (hp__tok_is(tt, k, "deje") && hp__tok_is(tt, k + 1, "de") &&
            hp__tok_is(tt, k + 2, "correr")) ||
           (hp__tok_is(tt, k, "stopped") && hp__tok_is(tt, k + 1, "running"));
}

/* Finding id f (an index) stated with answer a at token k, in text order, unless stated. */
static void insert_finding(scan *sc, const hp__toks *tt, size_t k, uint32_t f, hp_answer a) {
    hp_text_result *r = sc->r;
    if (f == UINT32_MAX || sc->seen[f] || r->nf >= sc->cap)
        return;
    sc->seen[f] = 1;
    hp_text_finding tf = {f, a, tt->v[k].off, tt->v[k].end - tt->v[k].off, 0.8, HP_SIDE_UNKNOWN};
    size_t at = r->nf;
    while (at > 0 && r->f[at - 1].offset > tf.offset)
        at--;
    memmove(r->f + at + 1, r->f + at, (r->nf - at) * sizeof *r->f);
    r->f[at] = tf;
    r->nf++;
}

/* "fisio: nada", "rested, physio ... and nothing", "Pause, Physio: nichts": treatments
   listed, then "nothing" ending the clause after a colon or "and", "y", "und": the pain
   persists, and rest among them does not ease it. The list is the sentence's (over an
   ellipsis "..." too). */
static void self_care_failed(scan *sc, const hp__toks *tt, uint32_t persistent, uint32_t rest) {
    for (size_t i = 1; i < tt->n; i++) {
        const hp__tok *p = &tt->v[i - 1];
        if (!hp__tok_in(tt, i, NOTHING) || (i + 1 < tt->n && tt->v[i + 1].type < HP__T_STOP) ||
            !((p->type == HP__T_COMMA && p->num == ':') || hp__tok_in(tt, i - 1, NOTHING_LEAD)))
            continue;
        int care = 0, rested = 0;
        for (size_t k = i - 1; k-- > 0 && i - k < 40;) {
            const hp__tok *t = &tt->v[k];
            if (t->type == HP__T_STOP) { /* an ellipsis goes on: "fui al fisio... y nada" */
                int dots =
                    t->num == 0x2026 ||
                    (t->num == '.' &&
                     ((k > 0 && tt->v[k - 1].type == HP__T_STOP && tt->v[k - 1].num == '.') ||
                      (tt->v[k + 1].type == HP__T_STOP && tt->v[k + 1].num == '.')));
                if (!dots)
                    break;
                continue;
            }
            care |= hp__tok_in(tt, k, CARE);
            rested |= rest_at(tt, k);
        }
        if (!care && !rested)
            continue;
        insert_finding(sc, tt, i, persistent, HP_ANSWER_PRESENT);
        if (rested)
            insert_finding(sc, tt, i, rest, HP_ANSWER_ABSENT);
    }
}

/* The present finding f in the result, SIZE_MAX if none. */
static size_t found_at(const scan *sc, uint32_t f) {
    for (size_t k = 0; f != UINT32_MAX && k < sc->r->nf; k++)
        if (sc->r->f[k].finding == f && sc->r->f[k].answer == HP_ANSWER_PRESENT)
            return k;
    return SIZE_MAX;
}

/* The first token at or after byte offset off. */
static size_t tok_at(const hp__toks *tt, size_t off) {
    size_t at = 0;
    while (at + 1 < tt->n && tt->v[at].off < off)
        at++;
    return at;
}

/* Remove finding k of the result (it states nothing after all). */
static void drop_finding(scan *sc, size_t k) {
    hp_text_result *r = sc->r;
    sc->seen[r->f[k].finding] = 0;
    memmove(r->f + k, r->f + k + 1, (r->nf - k - 1) * sizeof *r->f);
    r->nf--;
}

/* The sentence token at lies in: tokens [*a, *z), between stops. */
static void sentence_of(const hp__toks *tt, size_t at, size_t *a, size_t *z) {
    size_t x = at, y = at;
    while (x > 0 && tt->v[x - 1].type != HP__T_STOP)
        x--;
    while (y < tt->n && tt->v[y].type != HP__T_STOP)
        y++;
    *a = x;
    *z = y;
}

/* "Weeks of physio and it's only getting worse": a treatment in the sentence of a pain
   that gets worse: the pain persists despite it. */
static void worse_despite_care(scan *sc, const hp__toks *tt, uint32_t persistent,
                               uint32_t worsening) {
    size_t f = found_at(sc, worsening);
    if (f == SIZE_MAX || persistent == UINT32_MAX || sc->seen[persistent])
        return;
    size_t at = tok_at(tt, sc->r->f[f].offset);
    size_t a, z;
    sentence_of(tt, at, &a, &z);
    for (size_t k = a; k < z; k++)
        if (hp__tok_in(tt, k, CARE) || rest_at(tt, k)) {
            insert_finding(sc, tt, at, persistent, HP_ANSWER_PRESENT);
            return;
        }
}

/* ---- "Overnight" said of a training change ------------------------------------------ */

static const char *const TRAINING_WORD[] = {
    "mileage",       "miles",           "mi",          "km",         "kms",
    "training",      "volume",          "kilometers",  "kilometres", "umfang",
    "kilometer",     "trainingsumfang", "kilometraje", "kilometros", "volumen",
    "entrenamiento", "entrenos",        "distance",    NULL};

/* Does the finding f's match (bytes at off) say "overnight", "über Nacht", "de la noche a la
   mañana"? The first token of it in *at. */
static int says_overnight(const hp__toks *tt, const hp_text_finding *f, size_t *at) {
    for (size_t k = 0; k < tt->n && tt->v[k].off < f->offset + f->length; k++) {
        if (tt->v[k].off < f->offset)
            continue;
        if (hp__tok_is(tt, k, "overnight") ||
            (hp__tok_is(tt, k, "nacht") && k > 0 && hp__tok_is(tt, k - 1, "uber")) ||
            (hp__tok_is(tt, k, "manana") && k > 2 && hp__tok_is(tt, k - 3, "noche"))) {
            *at = k;
            return 1;
        }
    }
    return 0;
}

/* "Went from 2 miles a day to 6 almost overnight", "Umfang über Nacht verdoppelt": an
   onset word "overnight" in a sentence about training (its words, or a stated change in
   it) is how fast the training changed, not how the pain began: it states nothing. */
static void overnight_change(scan *sc, const hp__toks *tt, uint32_t onset,
                             const uint32_t change[3]) {
    hp_text_result *r = sc->r;
    size_t at;
    for (size_t k = 0; k < r->nf; k++) {
        hp_text_finding *f = &r->f[k];
        if (f->finding != onset || !says_overnight(tt, f, &at))
            continue;
        size_t a, z;
        sentence_of(tt, at, &a, &z);
        int training = 0;
        for (size_t q = a; q < z && !training; q++)
            training = hp__tok_in(tt, q, TRAINING_WORD);
        for (size_t q = 0; q < r->nf && !training; q++)
            training = (r->f[q].finding == change[0] || r->f[q].finding == change[1] ||
                        r->f[q].finding == change[2]) &&
                       r->f[q].answer == HP_ANSWER_PRESENT && r->f[q].offset >= tt->v[a].off &&
                       (z == tt->n || r->f[q].offset < tt->v[z].off);
        if (!training)
            continue;
        drop_finding(sc, k);
        return;
    }
}

/* ---- A hard run long ago is no recent one -------------------------------------------- */

/* "Since a 10k race a few months back", "vor zwei Jahren ein Marathon", "hace meses una
   carrera de montaña": a hard run in a sentence that puts it months or years ago is no
   recent one: it states nothing. */
static void long_ago(scan *sc, const hp__toks *tt, uint32_t recent) {
    static const char *const LONG[] = {"months", "year",  "years", "monaten", "monate", "jahr",
                                       "jahren", "jahre", "meses", "ano",     "anos",   NULL};
    static const char *const AGO[] = {"ago", "back", "vor", "hace", "pasado", NULL};
    size_t k = found_at(sc, recent);
    if (k == SIZE_MAX)
        return;
    size_t a, z;
    sentence_of(tt, tok_at(tt, sc->r->f[k].offset), &a, &z);
    int ago = 0;
    for (size_t q = a; q + 1 < z && !ago; q++) /* "last year", "letztes Jahr" */
        ago = (hp__tok_is(tt, q, "last") && hp__tok_is(tt, q + 1, "year")) ||
              (hp__tok_is(tt, q, "letztes") && hp__tok_is(tt, q + 1, "jahr"));
    for (size_t q = a; q < z && !ago; q++)
        if (hp__tok_in(tt, q, LONG))
            for (size_t w = q > a + 3 ? q - 3 : a; w < z && w <= q + 2 && !ago; w++)
                ago = hp__tok_in(tt, w, AGO);
    if (ago)
        drop_finding(sc, k);
}

/* ---- Rest, effort and care said in a clause --------------------------------------- */

/* The clause of token k: from after the last stop, comma or boundary cue before it to the
   next one, at most w tokens either side, as [*a, *z). */
static void clause_of(const hp__toks *tt, size_t k, size_t w, size_t *a, size_t *z) {
    size_t x = k, y = k + 1;
    while (x > 0 && k - x < w && tt->v[x - 1].type < HP__T_STOP &&
           !(tt->v[x - 1].halts && !tt->v[x - 1].neg))
        x--;
    while (y < tt->n && y - k <= w && tt->v[y].type < HP__T_STOP &&
           !(tt->v[y].halts && !tt->v[y].neg))
        y++;
    *a = x;
    *z = y;
}

static int any_neg(const hp__toks *tt, size_t a, size_t z) {
    for (size_t q = a; q < z; q++)
        if (tt->v[q].neg)
            return 1;
    return 0;
}

static int any_in(const hp__toks *tt, size_t a, size_t z, const char *const *list) {
    for (size_t q = a; q < z; q++)
        if (hp__tok_in(tt, q, list))
            return 1;
    return 0;
}

static const char *const REST_MORE[] = {"ausruhen",    "ausruhe",  "ausgeruht", "descansar",
                                        "descansando", "ruhetage", "ruhetagen", NULL};

/* Rest said at token k, with the words rest_at() does not know. */
static int rest_word(const hp__toks *tt, size_t k) {
    const hp__tok *t = &tt->v[k];
    if (t->type != HP__T_WORD || !t->n || !strchr("adlprst", tt->buf[t->s])) /* quick no */
        return 0;
    return rest_at(tt, k) || hp__tok_in(tt, k, REST_MORE);
}

/* "On rest days it calms down", "in Ruhe wird's besser", "con reposo se calma": a rest word
   and a word of easing in one clause, no negation in it: the pain improves with rest; the
   rest word itself is then no pain at rest. */
static void rest_eases(scan *sc, const hp__toks *tt, uint32_t improves, uint32_t at_rest) {
    static const char *const EASE[] = {"calms",    "settles",    "eases",  "better",  "subsides",
                                       "improves", "fades",      "besser", "bessert", "beruhigt",
                                       "lasst",    "mejora",     "calma",  "alivia",  "mejoro",
                                       "calmo",    "desaparece", NULL};
    if (improves == UINT32_MAX)
        return;
    for (size_t k = 0; k < tt->n && !sc->seen[improves]; k++) {
        if (!rest_word(tt, k))
            continue;
        size_t a, z;
        clause_of(tt, k, 6, &a, &z);
        static const char *const AT_FIRST[] = {"first",   "initially", "erst",    "zunachst",
                                               "anfangs", "principio", "primero", NULL};
        if (!any_in(tt, a, z, EASE) || any_neg(tt, a, z) || any_in(tt, a, z, AT_FIRST))
            continue; /* "wurde es erst besser, dann ...": only for a while */
        size_t r = found_at(sc, at_rest);
        if (r != SIZE_MAX && sc->r->f[r].offset <= tt->v[k].off &&
            sc->r->f[r].offset + sc->r->f[r].length >= tt->v[k].end)
            drop_finding(sc, r);
        insert_finding(sc, tt, k, improves, HP_ANSWER_PRESENT);
    }
}

/* "Resting hasn't fixed it", "rest and physio haven't helped at all", "Ausruhen hilft
   überhaupt nicht": rest or a treatment, then in its clause a verb of helping and a
   negation: the pain persists, and rest among them does not ease it. */
static void care_did_not_help(scan *sc, const hp__toks *tt, uint32_t persistent, uint32_t rest) {
    static const char *const HELP[] = {"help",     "helps",    "helped",   "helping",    "fixed",
                                       "fix",      "fixing",   "worked",   "cured",      "hilft",
                                       "geholfen", "gebracht", "bringt",   "ayuda",      "ayudado",
                                       "servido",  "sirve",    "funciona", "funcionado", NULL};
    static const char *const HELP_ONLY[] = {"doesnt", "didnt", "hilft", "ayuda", NULL};
    for (size_t n = 0; n < tt->n; n++) {
        if (!tt->v[n].neg) /* a negation first (few), then rest or care before it */
            continue;
        size_t k = n, found = SIZE_MAX;
        int rested = 0;
        while (k-- > 0 && n - k <= 7 && found == SIZE_MAX) {
            const hp__tok *t = &tt->v[k];
            if (t->type >= HP__T_STOP || (t->halts && !t->neg))
                break; /* the negation's clause only */
            if ((rested = rest_word(tt, k)) || hp__tok_in(tt, k, CARE))
                found = k;
        }
        if (found == SIZE_MAX)
            continue;
        k = found;
        size_t a, z;
        clause_of(tt, k, 7, &a, &z);
        if (n >= z || !any_in(tt, k + 1, z, HELP))
            continue;
        /* Rest alone that does not help ("Ausruhen hilft nicht") does not ease the pain,
           and says no more; a treatment that did not help, or rest among treatments that
           did not fix it ("resting hasn't fixed it, nor has physio"), says the pain
           persists. */
        int alone = rested && hp__tok_in(tt, k + 1, HELP_ONLY);
        for (size_t q = a; q < z && alone; q++)
            alone = !hp__tok_in(tt, q, CARE) && !(q > k + 1 && rest_word(tt, q));
        if (alone)
            insert_finding(sc, tt, k, rest, HP_ANSWER_ABSENT);
        else
            insert_finding(sc, tt, k, persistent, HP_ANSWER_PRESENT);
    }
}

/* "Wird immer schlimmer, je länger ich laufe", "va a más cuanto más tiempo juego": a pain
   getting worse next to "the longer" is worse with activity, not worsening over time. */
static void worse_within_run(scan *sc, const hp__toks *tt, uint32_t worsening, uint32_t activity) {
    size_t w = found_at(sc, worsening), v = found_at(sc, activity);
    if (w == SIZE_MAX || v == SIZE_MAX)
        return;
    const hp_text_finding *fw = &sc->r->f[w], *fv = &sc->r->f[v];
    size_t a = tok_at(tt, fw->offset), b = tok_at(tt, fw->offset + fw->length);
    size_t c = tok_at(tt, fv->offset);
    size_t gap = c >= b ? c - b : (a >= c ? a - c : 0);
    if (gap > 3)
        return;
    for (size_t q = c < a ? c : b; q < (c < a ? a : c); q++)
        if (tt->v[q].type == HP__T_STOP) /* a comma may stand between: ", je länger" */
            return;
    drop_finding(sc, w);
}

/* "Gets worse the longer I run", "je länger ich laufe": worse with activity followed by a
   word of running in its clause is pain during the run too. */
static void activity_is_running(scan *sc, const hp__toks *tt, uint32_t activity, uint32_t during) {
    static const char *const RUN[] = {"run",    "running", "runs",  "jog",    "jogging", "laufe",
                                      "laufen", "lauf",    "corro", "correr", NULL};
    size_t v = found_at(sc, activity);
    if (v == SIZE_MAX || during == UINT32_MAX || sc->seen[during])
        return;
    size_t b = tok_at(tt, sc->r->f[v].offset + sc->r->f[v].length);
    static const char *const OR[] = {"or", "oder", "o", "u", NULL};
    for (size_t q = b; q < tt->n && q < b + 3 && tt->v[q].type < HP__T_STOP; q++)
        if (hp__tok_in(tt, q, OR)) /* "cuanto más camino o corro": walking first */
            return;
        else if (hp__tok_in(tt, q, RUN)) {
            insert_finding(sc, tt, q, during, HP_ANSWER_PRESENT);
            return;
        }
}

/* "Racing on the downhill she felt something crack", "went for a sprint finish in my PB
   attempt and felt a stab", "me torcí la cadera en una carrera": a hard run the pain began
   in (the sentence says an acute onset: sudden, a pop, a fall or twist, having to stop)
   is where the injury happened, not a hard run before it: it states nothing. Pain while
   running is no such onset ("since the hard session it hurts when I run"). */
static void injured_in_the_run(scan *sc, const hp__toks *tt, uint32_t hard,
                               const uint32_t onset[4]) {
    size_t k = found_at(sc, hard);
    if (k == SIZE_MAX)
        return;
    const hp_text_finding *h = &sc->r->f[k];
    size_t a, z;
    sentence_of(tt, tok_at(tt, h->offset), &a, &z);
    size_t from = tt->v[a].off, to = z < tt->n ? tt->v[z].off : SIZE_MAX;
    for (size_t q = 0; q < sc->r->nf; q++) {
        const hp_text_finding *f = &sc->r->f[q];
        if (f->answer != HP_ANSWER_PRESENT || f->offset < from || f->offset >= to)
            continue;
        for (int o = 0; o < 4; o++)
            if (f->finding == onset[o]) {
                drop_finding(sc, k);
                return;
            }
    }
}

/* "Did a hilly race on Sunday, today (Tuesday) my legs are sore", "gestern ... heute",
   "el sábado ... hoy lunes": a hard run on a day named before and "today" after it: the
   soreness came on the days after. */
static void sore_days_after(scan *sc, const hp__toks *tt, uint32_t soreness, uint32_t hard) {
    static const char *const DAY[] = {
        "monday",    "tuesday", "wednesday", "thursday", "friday",     "saturday", "sunday",
        "yesterday", "montag",  "dienstag",  "mittwoch", "donnerstag", "freitag",  "samstag",
        "sonntag",   "gestern", "lunes",     "martes",   "miercoles",  "jueves",   "viernes",
        "sabado",    "domingo", "ayer",      NULL};
    static const char *const TODAY[] = {"today", "heute", "hoy", NULL};
    if (soreness == UINT32_MAX || sc->seen[soreness] || found_at(sc, hard) == SIZE_MAX)
        return;
    size_t day = SIZE_MAX;
    for (size_t k = 0; k < tt->n; k++) {
        if (day == SIZE_MAX && hp__tok_in(tt, k, DAY))
            day = k;
        else if (day != SIZE_MAX && hp__tok_in(tt, k, TODAY)) {
            insert_finding(sc, tt, k, soreness, HP_ANSWER_PRESENT);
            return;
        }
    }
}

/* ---- The API ----------------------------------------------------------------------- */

/* The index of finding id, UINT32_MAX if the ontology has none. */
static uint32_t finding_index(const hp_ontology *o, const char *id) {
    size_t f = hp_ontology_index(o, HP_ENTITY_FINDING, id);
    return f == (size_t)-1 || f >= UINT32_MAX ? UINT32_MAX : (uint32_t)f;
}

/* The findings the grammar's passes after the scan state or take back, each looked up
   once a parse (UINT32_MAX where an ontology lacks one: the pass then does nothing). */
typedef struct grammar_ids {
    uint32_t persistent, rest_helps, pain_at_rest, worsening, worse_activity, during_run;
    uint32_t mileage_jump, intensity_up, long_run_spike, sudden, hard_run, pop, trauma;
    uint32_t loss_of_function, next_day_soreness;
} grammar_ids;

static grammar_ids grammar_ids_of(const hp_ontology *o) {
    grammar_ids g = {finding_index(o, "persistent_pain"),
                     finding_index(o, "improves_with_rest"),
                     finding_index(o, "pain_at_rest"),
                     finding_index(o, "worsening_pain"),
                     finding_index(o, "worse_with_activity"),
                     finding_index(o, "pain_during_run"),
                     finding_index(o, "mileage_increase_over_10pct"),
                     finding_index(o, "intensity_increase"),
                     finding_index(o, "long_run_spike"),
                     finding_index(o, "onset_sudden"),
                     finding_index(o, "recent_hard_or_downhill_run"),
                     finding_index(o, "pop_at_onset"),
                     finding_index(o, "after_fall_or_trauma"),
                     finding_index(o, "loss_of_function"),
                     finding_index(o, "soreness_next_day")};
    return g;
}

static void names_of(const lexicon *lx, char *out, size_t size) {
    size_t len = 0;
    out[0] = 0;
    for (size_t l = 0; l < lx->c->n_langs; l++) {
        if (!(lx->mask & (1u << l)))
            continue;
        int n = snprintf(out + len, size - len, "%s%s", len ? "," : "", lx->c->langs[l]);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
}

/* Parse tt with lx into r. 0: out of memory. */
static int parse_tokens(const hp_ontology *o, lexicon *lx, hp__toks *tt, hp_text_result *r,
                        int detect) {
    if (detect)
        detect_languages(lx, tt);
    names_of(lx, r->langs, sizeof r->langs);
    mark_cues(lx, tt);
    neg_inside_phrases(lx, tt);
    size_t nfind = o->n_findings ? o->n_findings : 1;
    scan sc = {.r = r,
               .side = HP_SIDE_UNKNOWN,
               .last_side = HP_SIDE_UNKNOWN,
               .last_found = SIZE_MAX,
               .neg_end = SIZE_MAX,
               .again_tok = SIZE_MAX,
               .q_tok = SIZE_MAX,
               .dist_prep = SIZE_MAX,
               .cap = nfind};
    sc.seen = hp__calloc(&o->alloc, nfind, 1);
    sc.pend = hp__malloc(&o->alloc, nfind * sizeof *sc.pend);
    sc.pend_req = hp__malloc(&o->alloc, nfind * sizeof *sc.pend_req);
    r->f = hp__malloc(&o->alloc, nfind * sizeof *r->f);
    int ok = sc.seen && sc.pend && sc.pend_req && r->f;
    if (ok) {
        scan_findings(&sc, lx, tt);
        const grammar_ids g = grammar_ids_of(o);
        self_care_failed(&sc, tt, g.persistent, g.rest_helps);
        care_did_not_help(&sc, tt, g.persistent, g.rest_helps);
        rest_eases(&sc, tt, g.rest_helps, g.pain_at_rest);
        worse_within_run(&sc, tt, g.worsening, g.worse_activity);
        activity_is_running(&sc, tt, g.worse_activity, g.during_run);
        worse_despite_care(&sc, tt, g.persistent, g.worsening);
        const uint32_t change[3] = {g.mileage_jump, g.intensity_up, g.long_run_spike};
        overnight_change(&sc, tt, g.sudden, change);
        long_ago(&sc, tt, g.hard_run);
        const uint32_t onset[4] = {g.sudden, g.pop, g.trauma, g.loss_of_function};
        injured_in_the_run(&sc, tt, g.hard_run, onset);
        sore_days_after(&sc, tt, g.next_day_soreness, g.hard_run);
        add_pending(&sc);
    }
    hp__free(&o->alloc, sc.seen);
    hp__free(&o->alloc, sc.pend);
    hp__free(&o->alloc, sc.pend_req);
    if (!ok || sc.oom)
        return 0;
    hp__text_numbers(r, tt);
    return 1;
}

static hp_status check_args(const hp_ontology *onto, const char *text, size_t size,
                            hp_text_result **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!onto || (!text && size) || !out)
        return hp__error(err, HP_E_INVALID, "hp_text_parse: NULL argument");
    if (size > HP_MAX_TEXT_BYTES)
        return hp__error(err, HP_E_LIMIT, "text: %zu bytes, more than the %zu allowed", size,
                         HP_MAX_TEXT_BYTES);
    return HP_OK;
}

hp_status hp_text_parse(const hp_ontology *onto, const char *text, size_t size, const char *lang,
                        hp_text_result **out, hp_error *err) {
    hp_status st = check_args(onto, text, size, out, err);
    if (st != HP_OK)
        return st;
    const hp_allocator *a = &onto->alloc;
    hp__toks tt = {a, NULL, 0, 0, NULL, 0, 0};
    lexicon lx = {onto->lexicon, 0, {0}};
    for (size_t l = 0; lx.c && l < lx.c->n_langs; l++) {
        if (!lang || lang_is(lx.c->langs[l], lang))
            lx.mask |= 1u << l;
        lx.inflect[l] = !strcmp(lx.c->langs[l], "es")   ? INFLECT_ES
                        : !strcmp(lx.c->langs[l], "de") ? INFLECT_DE
                                                        : INFLECT_NONE;
    }
    hp_text_result *r = hp__calloc(a, 1, sizeof *r);
    size_t bad = 0;
    int ok = r ? hp__text_tokenise(&tt, text ? text : "", size, 0, &bad) : 0;
    if (ok < 0)
        st = hp__fail(err, HP_E_PARSE, "text", 1, (int)(bad < INT32_MAX ? bad + 1 : 0),
                      "text: invalid UTF-8 at byte %zu", bad);
    else if (!ok || !parse_tokens(onto, &lx, &tt, r, lang == NULL))
        st = hp__nomem(err);
    hp__toks_free(&tt);
    if (st != HP_OK) {
        if (r)
            hp__free(a, r->f);
        hp__free(a, r);
        return st;
    }
    r->text = hp__string_new(a, text ? text : "", size);
    if (!r->text) {
        hp__free(a, r->f);
        hp__free(a, r);
        return hp__nomem(err);
    }
    r->size = size;
    r->onto = hp_ontology_ref(onto);
    *out = r;
    return HP_OK;
}

void hp_text_result_free(hp_text_result *result) {
    if (!result)
        return;
    hp_ontology *o = result->onto;
    hp_allocator a = o->alloc;
    hp__free(&a, result->f);
    hp_string_free(result->text);
    hp__free(&a, result);
    hp_ontology_free(o);
}

size_t hp_text_result_finding_count(const hp_text_result *result) {
    return result ? result->nf : 0;
}

const hp_text_finding *hp_text_result_finding(const hp_text_result *result, size_t i) {
    return result && i < result->nf ? &result->f[i] : NULL;
}

hp_status hp_text_result_get_finding(const hp_text_result *result, size_t i, hp_text_finding *out,
                                     hp_error *err) {
    if (out)
        memset(out, 0, sizeof *out);
    if (!result || !out)
        return hp__error(err, HP_E_INVALID, "hp_text_result_get_finding: NULL argument");
    if (i >= result->nf)
        return hp__error(err, HP_E_NOT_FOUND, "text finding %zu: the result has %zu", i,
                         result->nf);
    *out = result->f[i];
    return HP_OK;
}

size_t hp_text_result_number_count(const hp_text_result *result) { return result ? result->nn : 0; }

hp_status hp_text_result_get_number(const hp_text_result *result, size_t i, hp_text_number *out,
                                    hp_error *err) {
    if (out)
        memset(out, 0, sizeof *out);
    if (!result || !out)
        return hp__error(err, HP_E_INVALID, "hp_text_result_get_number: NULL argument");
    if (i >= result->nn)
        return hp__error(err, HP_E_NOT_FOUND, "text number %zu: the result has %zu", i, result->nn);
    *out = result->num[i];
    return HP_OK;
}

const hp_text_number *hp_text_result_number(const hp_text_result *result, size_t i) {
    return result && i < result->nn ? &result->num[i] : NULL;
}

hp_sex hp_text_result_sex(const hp_text_result *result) {
    return result ? result->sex : HP_SEX_UNKNOWN;
}

const char *hp_text_result_languages(const hp_text_result *result) {
    return result ? result->langs : "";
}

const char *hp_text_result_text(const hp_text_result *result, size_t *size) {
    if (size)
        *size = result ? result->size : 0;
    return result ? result->text : "";
}

const char *hp_side_name(hp_side side) {
    static const char *const names[] = {"unknown", "left", "right", "both"};
    return (unsigned)side < 4 ? names[side] : "unknown";
}

hp_status hp_text_result_apply(const hp_text_result *result, hp_profile *profile, hp_error *err) {
    if (!result || !profile)
        return hp__error(err, HP_E_INVALID, "hp_text_result_apply: NULL argument");
    if (hp_profile_ontology(profile) != result->onto)
        return hp__error(err, HP_E_INVALID,
                         "hp_text_result_apply: the profile is of another ontology");
    /* all or nothing: the numbers are tried on a scratch profile first */
    hp_profile *scratch = NULL;
    hp_status st = hp_profile_new(result->onto, &scratch, err);
    for (size_t i = 0; i < result->nn && st == HP_OK; i++)
        st = hp_profile_set_runner(scratch, result->num[i].field, result->num[i].value, err);
    hp_profile_free(scratch);
    if (st != HP_OK)
        return st;
    for (size_t i = 0; i < result->nn; i++)
        hp_profile_set_runner(profile, result->num[i].field, result->num[i].value, NULL);
    for (size_t i = 0; i < result->nf; i++)
        hp_profile_set_index(profile, result->f[i].finding, result->f[i].answer);
    if (result->sex != HP_SEX_UNKNOWN)
        hp_profile_set_sex(profile, result->sex);
    return HP_OK;
}
