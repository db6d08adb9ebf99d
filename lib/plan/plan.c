/*
 * Plans: phased prevention and rehabilitation plans that keep the safety rules.
 *
 * Inputs are the triage, the causes (with probability) and the present risk factors of an
 * assessment (or explicit conditions), the runner's numbers and the options. The plan is
 * made of weeks in four phases: settle (protect: no running, gentle or isometric work,
 * non-impact cross-training), strengthen (strength and mobility, non-impact
 * cross-training, no running), return (walk-run stages) and build (continuous running).
 *
 * How each rule is kept:
 * - Weekly volume: a build week's target is at most 110% of the previous week's actual
 *   run_km (the runner's weekly_km before week 1), rounded down to 0.1 km; sessions are only
 *   ever shortened after that. Every fourth build week holds the volume, and so does the
 *   first one when a training-load risk factor is present. Walk-run weeks progress by
 *   their stages instead (each stage adds under 10% to a session).
 * - Walk-run stages: a stage lasts one week when there are two or three walk-run days
 *   a week and two weeks with one, so each stage has at least two sessions; the session
 *   notes say to move on only if those sessions were pain-free. A stage is never cut by
 *   the end of the plan (a left-over week becomes a strengthen week).
 * - Single runs: every run and walk-run is at most 110% of the longest run or walk-run of
 *   the 30 days before it (days D-30 .. D-1), counting the runner's history and the plan's
 *   own sessions; a run is also held within 110% of the longest run before its week
 *   began, so runs do not compound within a week. The runner's history is the run log at
 *   its dates; without a log, longest_run_km_30d dated at the reference date E (as_of,
 *   else the day before the start), else weekly_km divided by the runner's run days (or 3)
 *   as a run at E. With a log only the log counts, so a field that claims a longer run
 *   than the log has cannot lift the cap. A walk-run
 *   with no run at all in its previous 30 days (a return after a break) is uncapped:
 *   that is what the stages are for. A continuous run always has a reference.
 * - Cadence: the first running week's target is the runner's cadence + 5% (rounded
 *   down) towards 170; each target is held for two running weeks, then raised by at most
 *   5% until 170 (runners at or above 170 keep theirs; an unknown cadence gets 170).
 * - Rest and strength: day 7 of every week is a rest day; strength days are days 1, 3, 5
 *   (settle, strengthen, return) or days 1 and 5 (build) of the week, never adjacent,
 *   also across weeks.
 * - Exercises come from the treatment links of the likely causes and the present risk
 *   factors (warm-ups, cool-downs and cross-training may also come from the whole
 *   ontology), dosed by their dosing and progressed by their rule counted from the
 *   week they first appear; none is contraindicated for a cause at or above the
 *   contraindication probability.
 * - A suspected stress fracture (or any suspected serious condition): no run or walk-run
 *   at all, only non-impact cross-training, and "consult_clinician".
 * - Deterministic: no clock, no randomness.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "assess/assessment_internal.h"
#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "core/strbuf.h"
#include "hippain/plan.h"
#include "plan/plan_internal.h"

#define REST_DAY 6
#define DEFAULT_START 20458 /* 2026-01-05, a Monday */
#define DEFAULT_WEEKS 8
#define MAX_WEEKS 52
#define DEFAULT_RUN_DAYS 3
#define DEFAULT_TARGET_KM 20.0
#define DEFAULT_CONTRA_P 0.1
#define LIKELY_MASS 0.8
#define LIKELY_MAX 3
#define LIKELY_MIN_P 0.1
#define CADENCE_HOLD_WEEKS 2
#define MAX_STRENGTH_ITEMS 6
#define MAX_MOBILITY_ITEMS 4
#define MAX_WARM_UP_ITEMS 4
#define MAX_COOL_DOWN_ITEMS 3

/* ---- Builder ------------------------------------------------------------------------ */

#define MEMO_MAX 32
#define POOL_START 4096 /* bytes: a typical plan's texts without growing */

typedef struct bld {
    const hp_ontology *o;
    const hp_allocator *al;
    hp_plan *p;
    hp__buf pool;
    const hp_profile *profile; /* may be NULL */

    /* causes and risk factors */
    double *prob;     /* per condition */
    uint8_t *veto;    /* per condition: its contraindications apply */
    uint8_t *suspect; /* per condition */
    uint32_t *likely; /* likely causes, most likely first */
    size_t n_likely;
    uint8_t *present; /* per finding: a present risk factor */
    int severity;     /* 0 prevention, 1 mild, 2 moderate, 3 serious */
    int no_impact;
    size_t why_default; /* pool offset */

    /* options */
    int weeks, run_days;
    double target;

    /* the runner */
    hp__hist hist;
    double base_weekly; /* weekly volume before the plan, 0 if unknown */
    int weekly_given;   /* base_weekly is the runner's weekly_km */
    int hold_first;     /* the first build week holds the volume (load risks) */
    int cadence0;       /* 0 if unknown */

    /* exercises */
    uint8_t *phases;     /* per exercise: bit per phase it is linked in */
    uint32_t *order;     /* per exercise: first link position, UINT32_MAX if unlinked */
    size_t *ex_why;      /* per exercise: pool offset */
    size_t *ex_src;      /* per exercise: link and dosing sources */
    size_t *ex_src_prog; /* ... and progression sources */
    int *first_week;     /* per exercise: first week it appears, -1 */
    uint32_t *sel;       /* scratch list of exercises */

    /* form cues */
    int32_t *cues;
    size_t n_cues;
    size_t n_runs_done;
    size_t n_cross_done;
    size_t notes_cache[16];

    /* selections, computed once each: the exercise lists depend only on the inputs */
    struct memo {
        unsigned key; /* kinds | phase mask << 16 | 1 << 24 for "unlinked" lists */
        size_t first; /* into memo_items */
        size_t n;
    } memo[MEMO_MAX];
    uint32_t *memo_items; /* every memo's list, one after the other */
    size_t n_memo_items, cap_memo_items;
    uint32_t *scratch; /* per exercise: a list being computed */
    void *block;       /* the allocation behind the per-entry arrays above */
    hp__buf words[2];  /* word lists being gathered (scratch, reused) */
    size_t n_memo;
    uint8_t memo_slot[64]; /* hash of the key -> memo index + 1 */
    /* the walk-run note last written, and its pool offset */
    int note_key[4];
    size_t note_off;
    int32_t running_only; /* finding index of "running_only" when present, else -1 */
} bld;

enum note_id {
    NOTE_REST,
    NOTE_WARM_UP,
    NOTE_COOL_DOWN,
    NOTE_RUN,
    NOTE_LONG_RUN,
    NOTE_STRENGTH_SETTLE,
    NOTE_STRENGTH,
    NOTE_MOBILITY,
    NOTE_CROSS,
    NOTE_CROSS_NO_IMPACT,
    NOTE_COUNT
};

static const char *const note_text[NOTE_COUNT] = {
    "Rest day: no training.",
    "About 10 minutes: walk briskly, then do the drills.",
    "Walk easily for 5 minutes, then stretch.",
    "Easy, conversational effort. Stop and walk if the pain comes back.",
    "The week's longest run: easy effort, and never more than 10% longer than your longest "
    "run of the last 30 days.",
    "Gentle: stop short of pain. Mild discomfort (up to 3 out of 10) that has settled by the "
    "next morning is acceptable.",
    "Leave at least a day between strength sessions. Discomfort up to 3 out of 10 that "
    "settles by the next morning is acceptable.",
    "Slow and controlled; never force a stretch into pain.",
    "Low-impact cardio in place of running, at an easy to moderate effort.",
    "Non-impact only (no running, jumping or hopping) until a clinician has cleared you to "
    "run.",
};

static size_t pool_add(bld *b, const char *s) {
    if (!s || !*s)
        return 0;
    size_t off = b->pool.len;
    hp__buf_append(&b->pool, s, strlen(s) + 1);
    return off;
}

static size_t note(bld *b, enum note_id n) {
    if (!b->notes_cache[n])
        b->notes_cache[n] = pool_add(b, note_text[n]);
    return b->notes_cache[n];
}

/* Whether the word w[0..n) (n > 0) is one of the space-separated words of s[0..slen):
   candidates found with memchr, then checked whole and at word boundaries. */
static int has_word(const char *s, size_t slen, const char *w, size_t n) {
    const char *end = s + slen, *p = s;
    while ((size_t)(end - p) >= n) {
        const char *hit = memchr(p, w[0], (size_t)(end - p) - n + 1);
        if (!hit)
            return 0;
        if ((hit == s || hit[-1] == ' ') && (hit + n == end || hit[n] == ' ') &&
            memcmp(hit, w, n) == 0)
            return 1;
        p = hit + 1;
    }
    return 0;
}

/* Add each space-separated word of `words` to the set in t (a word list). */
static void add_words(hp__buf *t, const char *words) {
    if (!words)
        return;
    for (const char *s = words;;) {
        while (*s == ' ')
            s++;
        if (!*s)
            return;
        const char *e = strchr(s, ' ');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (!t->len || !has_word(t->data, t->len, s, n)) {
            if (t->len)
                hp__buf_append(t, " ", 1);
            hp__buf_append(t, s, n);
        }
        if (!e)
            return;
        s = e;
    }
}

/* Copy a word list into the pool (0 when empty) and reset it. */
static size_t pool_take(bld *b, hp__buf *t) {
    size_t off = 0;
    if (t->len) {
        off = b->pool.len;
        hp__buf_append(&b->pool, t->data, t->len);
        hp__buf_append(&b->pool, "", 1);
    }
    if (t->failed)
        b->pool.failed = 1;
    t->len = 0;
    return off;
}

static const char *pool_str(const bld *b, size_t off) { return b->pool.data + off; }

#define floor01 hp__floor01

static int has_runner(const hp_profile *p, hp_runner_field f) {
    return p && (p->runner_set >> f & 1u);
}

static size_t advice_index(const hp_ontology *o, const char *id) {
    return hp_ontology_index(o, HP_ENTITY_ADVICE, id);
}

/* ---- Causes and risk factors -------------------------------------------------------- */

/* Carves one zeroed allocation into aligned arrays: a first pass (base NULL) adds up the
   offsets, a second one hands out pointers. */
typedef struct block {
    char *base;
    size_t size;
} block;

static void *block_take(block *k, size_t n, size_t size) {
    size_t off = (k->size + 7) & ~(size_t)7;
    k->size = off + n * size;
    return k->base ? k->base + off : NULL;
}

static void carve_inputs(bld *b, block *k) {
    const hp_ontology *o = b->o;
    size_t nc = o->n_conditions, nf = o->n_findings, ne = o->n_exercises;
    b->prob = block_take(k, nc, sizeof *b->prob);
    b->likely = block_take(k, nc, sizeof *b->likely);
    b->order = block_take(k, ne, sizeof *b->order);
    b->ex_why = block_take(k, ne, sizeof *b->ex_why);
    b->ex_src = block_take(k, ne, sizeof *b->ex_src);
    b->ex_src_prog = block_take(k, ne, sizeof *b->ex_src_prog);
    b->first_week = block_take(k, ne, sizeof *b->first_week);
    b->sel = block_take(k, ne, sizeof *b->sel);
    b->scratch = block_take(k, ne, sizeof *b->scratch);
    b->cues = block_take(k, o->n_advice, sizeof *b->cues);
    b->veto = block_take(k, nc, 1);
    b->suspect = block_take(k, nc, 1);
    b->present = block_take(k, nf, 1);
    b->phases = block_take(k, ne, 1);
}

static hp_status alloc_inputs(bld *b) {
    block k = {NULL, 0};
    carve_inputs(b, &k); /* sizes only */
    k.base = hp__calloc(b->al, 1, k.size);
    if (!k.base)
        return HP_E_NOMEM;
    b->block = k.base;
    k.size = 0;
    carve_inputs(b, &k);
    for (size_t e = 0; e < b->o->n_exercises; e++)
        b->first_week[e] = -1;
    return HP_OK;
}

static void free_inputs(bld *b) {
    hp__free(b->al, b->block);
    b->block = NULL;
    hp__hist_free(&b->hist);
    hp__free(b->al, b->memo_items);
    b->n_memo = 0;
    hp__buf_free(&b->words[0]);
    hp__buf_free(&b->words[1]);
    hp__buf_free(&b->pool);
}

static int compare(double v, hp_compare op, double t) {
    switch (op) {
    case HP_COMPARE_LT: return v < t;
    case HP_COMPARE_LE: return v <= t;
    case HP_COMPARE_GT: return v > t;
    case HP_COMPARE_GE: return v >= t;
    }
    return 0;
}

/*
 * Present risk factors of a profile. With `derive`, the derived-finding rules are applied
 * as hp_assess() does (an assessed profile has them applied already).
 */
static void collect_risks(bld *b, int derive) {
    const hp_ontology *o = b->o;
    const hp_profile *p = b->profile;
    if (!p)
        return;
    for (size_t f = 0; f < o->n_findings; f++)
        b->present[f] =
            o->findings[f].kind == HP_FINDING_RISK_FACTOR && p->answers[f] == HP_ANSWER_PRESENT;
    if (!derive || !o->n_derived)
        return;
    double m[HP_METRIC_COUNT];
    unsigned known = 0;
    hp__compute_metrics(p, m, &known);
    /* per finding: 1 computable but none fired, 2 fired; decided once per finding */
    for (size_t f = 0; f < o->n_findings; f++) {
        int state = 0;
        for (size_t i = 0; i < o->n_derived; i++) {
            const hp__derived_rule *r = &o->derived[i];
            if (r->finding != f || !(known >> r->metric & 1))
                continue;
            int fired = compare(m[r->metric], (hp_compare)r->op, r->threshold);
            if ((fired ? 2 : 1) > state)
                state = fired ? 2 : 1;
        }
        if (state)
            b->present[f] = state == 2 && o->findings[f].kind == HP_FINDING_RISK_FACTOR;
    }
}

static int is_no_impact_condition(const hp_ontology *o, size_t c) {
    return o->conditions[c].seriousness >= HP_SERIOUSNESS_SERIOUS ||
           strcmp(hp__s(o, o->conditions[c].e.id), "stress_fracture") == 0;
}

/* Severity, no-impact and the default "why" from the causes and risk factors. */
static void summarise(bld *b) {
    const hp_ontology *o = b->o;
    int sev = 0;
    for (size_t i = 0; i < b->n_likely; i++) {
        size_t c = b->likely[i];
        if (!b->suspect[c])
            continue;
        int s = o->conditions[c].seriousness >= HP_SERIOUSNESS_SERIOUS    ? 3
                : o->conditions[c].seriousness == HP_SERIOUSNESS_MODERATE ? 2
                                                                          : 1;
        if (s > sev)
            sev = s;
    }
    for (size_t c = 0; c < o->n_conditions; c++)
        if (b->suspect[c] && is_no_impact_condition(o, c)) {
            b->no_impact = 1;
            b->veto[c] = 1; /* its contraindications apply whatever the threshold */
            sev = 3;
        }
    /* no impact at all: what is contraindicated for a stress fracture is impact */
    size_t sf = hp_ontology_index(o, HP_ENTITY_CONDITION, "stress_fracture");
    if (b->no_impact && sf != (size_t)-1)
        b->veto[sf] = 1;
    if (b->p->triage >= HP_TRIAGE_SEE_CLINICIAN)
        sev = 3;
    b->severity = sev;
    hp__buf *t = &b->words[0];
    for (size_t i = 0; i < b->n_likely; i++)
        add_words(t, hp__s(o, o->conditions[b->likely[i]].e.id));
    if (!t->len)
        for (size_t f = 0; f < o->n_findings; f++)
            if (b->present[f])
                add_words(t, hp__s(o, o->findings[f].e.id));
    if (!t->len)
        add_words(t, "prevention");
    b->why_default = pool_take(b, t);
}

/* ---- Exercises ---------------------------------------------------------------------- */

static int allowed(const bld *b, size_t e) {
    const hp_ontology *o = b->o;
    const hp__range *r = &o->exercises[e].contras;
    for (uint32_t j = 0; j < r->count; j++)
        if (b->veto[o->contras[r->first + j].condition])
            return 0;
    return 1;
}

/* Copy a word list into the pool (0 when empty) and keep it. */
static size_t pool_copy(bld *b, const hp__buf *t) {
    if (!t->len)
        return 0;
    size_t off = b->pool.len;
    hp__buf_append(&b->pool, t->data, t->len);
    hp__buf_append(&b->pool, "", 1);
    return off;
}

/* One treatment link of a likely cause or present risk factor to an exercise. */
typedef struct ex_link {
    uint32_t exercise, pos;
    uint8_t phase;
    hp__str owner, sources; /* owner id, link sources */
} ex_link;

/*
 * Why and sources of every exercise, from the links of the likely causes and risks: the
 * links are gathered in one pass (likely causes first, then risk factors, in order) and
 * grouped by exercise with a stable counting sort, instead of a pass per exercise.
 */
static void prepare_exercises(bld *b) {
    const hp_ontology *o = b->o;
    size_t ne = o->n_exercises, n = 0, cap = 0;
    for (size_t i = 0; i < b->n_likely; i++)
        cap += o->conditions[b->likely[i]].treatments.count;
    for (size_t f = 0; f < o->n_findings; f++)
        if (b->present[f])
            cap += o->findings[f].treatments.count;
    block blk = {NULL, 0};
    block_take(&blk, cap, sizeof(ex_link));
    block_take(&blk, cap, sizeof(ex_link));
    block_take(&blk, ne + 1, sizeof(uint32_t));
    blk.base = hp__calloc(b->al, 1, blk.size);
    if (!blk.base) {
        b->pool.failed = 1;
        return;
    }
    blk.size = 0;
    ex_link *links = block_take(&blk, cap, sizeof *links);
    ex_link *sorted = block_take(&blk, cap, sizeof *sorted);
    uint32_t *start = block_take(&blk, ne + 1, sizeof *start);
    uint32_t pos = 0;
    for (size_t i = 0; i < b->n_likely; i++) {
        const hp__condition *c = &o->conditions[b->likely[i]];
        for (uint32_t j = 0; j < c->treatments.count; j++, pos++) {
            const hp__treatment *t = &o->treatments[c->treatments.first + j];
            if (t->kind == HP_ENTITY_EXERCISE)
                links[n++] = (ex_link){t->index, pos, t->phase, c->e.id, t->sources};
        }
    }
    for (size_t f = 0; f < o->n_findings; f++) {
        if (!b->present[f])
            continue;
        const hp__finding *fi = &o->findings[f];
        for (uint32_t j = 0; j < fi->treatments.count; j++, pos++) {
            const hp__treatment *t = &o->treatments[fi->treatments.first + j];
            if (t->kind == HP_ENTITY_EXERCISE)
                links[n++] = (ex_link){t->index, pos, t->phase, fi->e.id, t->sources};
        }
    }
    for (size_t k = 0; k < n; k++)
        start[links[k].exercise + 1]++;
    for (size_t e = 0; e < ne; e++)
        start[e + 1] += start[e];
    for (size_t k = 0; k < n; k++)
        sorted[start[links[k].exercise]++] = links[k];
    /* start[e] is now the end of e's group, the start of e + 1's */
    hp__buf *why = &b->words[0], *src = &b->words[1];
    for (size_t e = 0, k = 0; e < ne; e++) {
        uint32_t first = UINT32_MAX;
        uint8_t ph = 0;
        for (; k < start[e]; k++) {
            const ex_link *l = &sorted[k];
            ph = (uint8_t)(ph | 1u << l->phase);
            if (first == UINT32_MAX)
                first = l->pos;
            add_words(why, hp__s(o, l->owner));
            add_words(src, hp__s(o, l->sources));
        }
        b->phases[e] = ph;
        b->order[e] = first;
        b->ex_why[e] = why->len ? pool_take(b, why) : b->why_default;
        const hp__exercise *x = &o->exercises[e];
        add_words(src, hp__s(o, x->dosing.sources));
        b->ex_src[e] = pool_copy(b, src);
        add_words(src, hp__s_or_null(o, x->progression.sources));
        b->ex_src_prog[e] = pool_take(b, src);
    }
    if (why->failed || src->failed)
        b->pool.failed = 1;
    hp__free(b->al, blk.base);
}

/* Kinds a session draws from. */
#define KIND_BIT(k) (1u << (k))
#define STRENGTH_KINDS KIND_BIT(HP_EXERCISE_STRENGTH)
#define MOBILITY_KINDS (KIND_BIT(HP_EXERCISE_MOBILITY) | KIND_BIT(HP_EXERCISE_STRETCH))

/*
 * Linked, allowed exercises of the given kinds whose links are in the phase mask, in link
 * order (ties by index), into list; returns the count.
 */
static size_t list_linked(const bld *b, unsigned kinds, unsigned phase_mask, uint32_t *list) {
    const hp_ontology *o = b->o;
    size_t n = 0;
    for (size_t e = 0; e < o->n_exercises; e++) {
        if (!(kinds >> o->exercises[e].kind & 1u) || !(b->phases[e] & phase_mask) || !allowed(b, e))
            continue;
        size_t k = n++;
        while (k > 0 && b->order[list[k - 1]] > b->order[e]) {
            list[k] = list[k - 1];
            k--;
        }
        list[k] = (uint32_t)e;
    }
    return n;
}

/* Allowed exercises of the kinds that no link names, in index order. */
static size_t list_unlinked(const bld *b, unsigned kinds, uint32_t *list) {
    const hp_ontology *o = b->o;
    size_t n = 0;
    for (size_t e = 0; e < o->n_exercises; e++)
        if ((kinds >> o->exercises[e].kind & 1u) && !b->phases[e] && allowed(b, e))
            list[n++] = (uint32_t)e;
    return n;
}

/* The list for a key, computed on first use (the inputs do not change while building);
   its items are b->memo_items[first, first + n). */
static const struct memo *memo_get(bld *b, unsigned kinds, unsigned phase_mask, int unlinked) {
    unsigned key = kinds | phase_mask << 16 | (unsigned)unlinked << 24;
    size_t h = (key * 2654435761u) >> 26; /* 0..63 */
    while (b->memo_slot[h]) {
        if (b->memo[b->memo_slot[h] - 1].key == key)
            return &b->memo[b->memo_slot[h] - 1];
        h = (h + 1) & 63;
    }
    static const struct memo none = {0, 0, 0};
    if (b->n_memo == MEMO_MAX) { /* cannot happen: there are fewer keys */
        b->pool.failed = 1;      /* reported as out of memory */
        return &none;
    }
    size_t n = unlinked ? list_unlinked(b, kinds, b->scratch)
                        : list_linked(b, kinds, phase_mask, b->scratch);
    size_t need = b->n_memo_items + n + 1;
    if (!hp__grow(b->al, (void **)&b->memo_items, &b->cap_memo_items, need < 256 ? 256 : need,
                  sizeof *b->memo_items)) {
        b->pool.failed = 1; /* reported as out of memory */
        return &none;
    }
    struct memo *m = &b->memo[b->n_memo++];
    b->memo_slot[h] = (uint8_t)b->n_memo;
    m->key = key;
    m->first = b->n_memo_items;
    m->n = n;
    memcpy(b->memo_items + m->first, b->scratch, n * sizeof *b->scratch);
    b->n_memo_items += n;
    return m;
}

/* Linked exercises (see list_linked) into b->sel; at most `max`. Returns the count. */
static size_t select_linked(bld *b, unsigned kinds, unsigned phase_mask, size_t max) {
    const struct memo *m = memo_get(b, kinds, phase_mask, 0);
    size_t n = m->n < max ? m->n : max;
    if (n)
        memcpy(b->sel, b->memo_items + m->first, n * sizeof *b->sel);
    return n;
}

/* Linked exercises of a kind first, then any allowed one of the kinds, up to max. */
static size_t select_any(bld *b, unsigned kinds, size_t max) {
    size_t n = select_linked(b, kinds, 0xf, max);
    if (n < max) {
        const struct memo *m = memo_get(b, kinds, 0, 1);
        size_t k = m->n < max - n ? m->n : max - n;
        if (k)
            memcpy(b->sel + n, b->memo_items + m->first, k * sizeof *b->sel);
        n += k;
    }
    return n;
}

/* Phases whose links a phase's strength and mobility sessions draw from. */
static unsigned phase_mask(hp_phase ph) {
    switch (ph) {
    case HP_PHASE_SETTLE: return 1u << HP_PHASE_SETTLE;
    case HP_PHASE_STRENGTHEN: return 1u << HP_PHASE_STRENGTHEN;
    case HP_PHASE_RETURN: return 1u << HP_PHASE_STRENGTHEN | 1u << HP_PHASE_RETURN;
    case HP_PHASE_BUILD:
        return 1u << HP_PHASE_STRENGTHEN | 1u << HP_PHASE_RETURN | 1u << HP_PHASE_BUILD;
    }
    return 0;
}

static size_t select_for_phase(bld *b, unsigned kinds, hp_phase ph, size_t max) {
    size_t n = select_linked(b, kinds, phase_mask(ph), max);
    if (!n && ph == HP_PHASE_SETTLE) /* gentle start with the strengthening exercises */
        n = select_linked(b, kinds, 1u << HP_PHASE_STRENGTHEN, max);
    return n;
}

static int step_value(int base, int add, int max, int k) {
    if (add <= 0 || k <= 0 || max <= base)
        return base;
    long v = (long)base + (long)add * k;
    return v > max ? max : (int)v;
}

static hp_status add_item(bld *b, size_t e, int week) {
    if (b->p->n_items == b->p->cap_items &&
        !hp__grow(b->al, (void **)&b->p->items, &b->p->cap_items, b->p->n_items + 1,
                  sizeof *b->p->items))
        return HP_E_NOMEM;
    if (b->first_week[e] < 0)
        b->first_week[e] = week;
    const hp__progression *pr = &b->o->exercises[e].progression;
    int k = pr->every_weeks > 0 ? (week - b->first_week[e]) / pr->every_weeks : 0;
    item_rec *it = &b->p->items[b->p->n_items++];
    it->exercise = (uint32_t)e;
    it->steps = (uint32_t)k;
    it->why = b->ex_why[e];
    it->sources = k > 0 ? b->ex_src_prog[e] : b->ex_src[e];
    return HP_OK;
}

/* The dosing of exercise e after k progression steps. */
static void dosing_at(const hp_ontology *o, size_t e, int k, hp_session_item *out) {
    const hp__dosing *d = &o->exercises[e].dosing;
    const hp__progression *pr = &o->exercises[e].progression;
    out->sets = step_value(d->sets, pr->add_sets, pr->max_sets, k);
    out->reps = step_value(d->reps, pr->add_reps, pr->max_reps, k);
    out->hold_seconds = step_value(d->hold_seconds, pr->add_hold_seconds, pr->max_hold_seconds, k);
    out->minutes = step_value(d->minutes, pr->add_minutes, pr->max_minutes, k);
    /* a progression without its own effort keeps the dosing's */
    out->effort = (hp_effort)(k > 0 && pr->effort != 0xff ? pr->effort : d->effort);
}

/* ---- Sessions ----------------------------------------------------------------------- */

static session_rec *new_session(bld *b, hp_session_kind kind, size_t notes) {
    if (b->p->n_sessions == b->p->cap_sessions &&
        !hp__grow(b->al, (void **)&b->p->sessions, &b->p->cap_sessions, b->p->n_sessions + 1,
                  sizeof *b->p->sessions))
        return NULL;
    session_rec *s = &b->p->sessions[b->p->n_sessions++];
    memset(s, 0, sizeof *s);
    s->kind = (uint8_t)kind;
    s->cue = -1;
    s->notes = notes;
    s->first_item = b->p->n_items;
    return s;
}

/* A session with the exercises in b->sel[0..n) (each re-fetched: add_item may move). */
static hp_status exercise_session(bld *b, hp_session_kind kind, size_t notes, size_t n, int week,
                                  int minutes) {
    session_rec *s = new_session(b, kind, notes);
    if (!s)
        return HP_E_NOMEM;
    size_t si = b->p->n_sessions - 1;
    b->p->sessions[si].minutes = minutes;
    for (size_t i = 0; i < n; i++) {
        hp_status st = add_item(b, b->sel[i], week);
        if (st != HP_OK)
            return st;
    }
    b->p->sessions[si].n_items = b->p->n_items - b->p->sessions[si].first_item;
    return HP_OK;
}

#define stages hp__walk_run_stages
#define N_STAGES hp__n_walk_run_stages

static int32_t next_cue(bld *b) {
    if (!b->n_cues)
        return -1;
    return b->cues[b->n_runs_done++ % b->n_cues];
}

/* Warm-up, the run or walk-run, cool-down. */
static hp_status run_sessions(bld *b, int week, int week_start, int date, int stage_row, int stage,
                              double planned_km, int cadence, int is_long) {
    size_t n = select_any(b, KIND_BIT(HP_EXERCISE_WARM_UP), MAX_WARM_UP_ITEMS);
    hp_status st = exercise_session(b, HP_SESSION_WARM_UP, note(b, NOTE_WARM_UP), n, week, 10);
    if (st != HP_OK)
        return st;
    double ref = hp__run_reference(&b->hist, date, week_start), cap = ref * RUN_CAP;
    session_rec *s;
    if (stage_row >= 0) {
        int run = stages[stage_row][0], walk = stages[stage_row][1], rep = stages[stage_row][2];
        double km = hp__walk_run_fit(run, walk, &rep, ref);
        /* consecutive sessions of a stage share one note */
        if (!b->note_off || b->note_key[0] != stage || b->note_key[1] != rep ||
            b->note_key[2] != run || b->note_key[3] != walk) {
            b->note_off = b->pool.len;
            hp__walk_run_note(&b->pool, stage, rep, run, walk);
            b->note_key[0] = stage;
            b->note_key[1] = rep;
            b->note_key[2] = run;
            b->note_key[3] = walk;
        }
        size_t nt = b->note_off;
        s = new_session(b, HP_SESSION_WALK_RUN, nt);
        if (!s)
            return HP_E_NOMEM;
        s->km = km;
        s->walk = walk;
        s->run = run;
        s->repeats = rep;
        s->minutes = rep * (run + walk);
    } else {
        double km = floor01(ref > 0 && planned_km > cap ? cap : planned_km);
        if (ref <= 0)
            km = 0; /* defensive: a continuous run always needs a reference */
        s = new_session(b, HP_SESSION_RUN, note(b, is_long ? NOTE_LONG_RUN : NOTE_RUN));
        if (!s)
            return HP_E_NOMEM;
        s->km = km;
        s->minutes = (int)lround(km / RUN_KM_PER_MIN);
    }
    s->cadence = cadence;
    s->cue = next_cue(b);
    st = hp__hist_add(&b->hist, date, s->km);
    if (st != HP_OK)
        return st;
    n = select_any(b, KIND_BIT(HP_EXERCISE_COOL_DOWN), MAX_COOL_DOWN_ITEMS);
    if (n < MAX_COOL_DOWN_ITEMS) {
        /* then stretches, linked ones first */
        uint32_t keep[MAX_COOL_DOWN_ITEMS];
        memcpy(keep, b->sel, n * sizeof *keep);
        size_t m = select_any(b, KIND_BIT(HP_EXERCISE_STRETCH), MAX_COOL_DOWN_ITEMS - n);
        memmove(b->sel + n, b->sel, m * sizeof *b->sel);
        memcpy(b->sel, keep, n * sizeof *keep);
        n += m;
    }
    return exercise_session(b, HP_SESSION_COOL_DOWN, note(b, NOTE_COOL_DOWN), n, week, 10);
}

/* One cross-training session; rotates over the candidates. */
static hp_status cross_session(bld *b, int week) {
    size_t n = select_linked(b, KIND_BIT(HP_EXERCISE_CROSS_TRAINING), 0xf, SIZE_MAX);
    if (!n)
        n = select_any(b, KIND_BIT(HP_EXERCISE_CROSS_TRAINING), SIZE_MAX);
    size_t notes = note(b, b->no_impact ? NOTE_CROSS_NO_IMPACT : NOTE_CROSS);
    if (!n)
        return exercise_session(b, HP_SESSION_CROSS_TRAINING, notes, 0, week, 30);
    b->sel[0] = b->sel[b->n_cross_done++ % n];
    return exercise_session(b, HP_SESSION_CROSS_TRAINING, notes, 1, week, 0);
}

/*
 * Strength (or mobility) items of strength day j of n_days: an exercise done fewer days a
 * week than there are strength days is spread over them, unless that would leave the day
 * empty.
 */
static size_t spread(bld *b, size_t n, size_t j, size_t n_days) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t dpw = (size_t)b->o->exercises[b->sel[i]].dosing.days_per_week;
        int on = dpw >= n_days || j == 0 || (j * dpw) / n_days != ((j - 1) * dpw) / n_days;
        if (on)
            b->sel[m++] = b->sel[i];
    }
    return m;
}

static hp_status strength_sessions(bld *b, hp_phase ph, int week, size_t j, size_t n_days) {
    size_t notes = note(b, ph == HP_PHASE_SETTLE ? NOTE_STRENGTH_SETTLE : NOTE_STRENGTH);
    size_t max = ph == HP_PHASE_SETTLE ? 4 : MAX_STRENGTH_ITEMS;
    size_t n = select_for_phase(b, STRENGTH_KINDS, ph, max);
    size_t m = spread(b, n, j, n_days);
    if (!m)
        m = select_for_phase(b, STRENGTH_KINDS, ph, max);
    hp_status st = HP_OK;
    if (m)
        st = exercise_session(b, HP_SESSION_STRENGTH, notes, m, week, 0);
    if (st != HP_OK)
        return st;
    n = select_for_phase(b, MOBILITY_KINDS, ph, MAX_MOBILITY_ITEMS);
    m = spread(b, n, j, n_days);
    if (!m)
        m = select_for_phase(b, MOBILITY_KINDS, ph, MAX_MOBILITY_ITEMS);
    if (m)
        st = exercise_session(b, HP_SESSION_MOBILITY, note(b, NOTE_MOBILITY), m, week, 0);
    return st;
}

/* ---- Weeks -------------------------------------------------------------------------- */

/* Run days of the week (0-based) for n runs; the last is the long run. */
static size_t run_pattern(int n, int *days) {
    static const int pat[7][6] = {
        {0}, {3}, {1, 4}, {1, 3, 5}, {0, 2, 3, 5}, {0, 1, 3, 4, 5}, {0, 1, 2, 3, 4, 5}};
    if (n < 1)
        return 0;
    if (n > 6)
        n = 6;
    memcpy(days, pat[n], (size_t)n * sizeof *days);
    return (size_t)n;
}

typedef struct week_shape {
    uint8_t phase[MAX_WEEKS];
    int stage[MAX_WEEKS]; /* 1-based stage within the plan, 0 if none */
    int stage_row0;       /* row of stage 1 in `stages` */
    int return_days;
} week_shape;

static void shape_weeks(const bld *b, int running_now, week_shape *ws) {
    int n = b->weeks, sev = b->severity;
    int settle = 0, strengthen = 0, n_stages = 0;
    switch (sev) {
    case 0: n_stages = running_now ? 0 : 4; break;
    case 1:
        settle = 1;
        n_stages = 2;
        break;
    case 2:
        settle = n >= 12 ? 2 : 1;
        strengthen = n >= 16 ? 3 : n >= 6 ? 2 : 1;
        n_stages = 4;
        break;
    default:
        settle = n >= 12 ? 3 : 2;
        strengthen = n >= 16 ? 4 : n >= 8 ? 3 : 2;
        n_stages = 6;
    }
    if (settle > n)
        settle = n;
    if (strengthen > n - settle)
        strengthen = n - settle;
    int rest = n - settle - strengthen;
    int wps = ws->return_days >= 2 ? 1 : 2;
    int ret = 0, build = 0;
    if (b->no_impact) {
        strengthen += rest;
    } else if (rest < n_stages * wps) {
        ret = rest - rest % wps;
        strengthen += rest % wps;
    } else {
        ret = n_stages * wps;
        build = rest - ret;
    }
    (void)build;
    ws->stage_row0 = N_STAGES - n_stages;
    for (int w = 0; w < n; w++) {
        ws->stage[w] = 0;
        if (w < settle)
            ws->phase[w] = HP_PHASE_SETTLE;
        else if (w < settle + strengthen)
            ws->phase[w] = HP_PHASE_STRENGTHEN;
        else if (w < settle + strengthen + ret) {
            ws->phase[w] = HP_PHASE_RETURN;
            ws->stage[w] = 1 + (w - settle - strengthen) / wps;
        } else
            ws->phase[w] = HP_PHASE_BUILD;
    }
}

typedef struct day_plan {
    int run;      /* 0 none, 1 run, 2 long run */
    int strength; /* index among the strength days + 1, or 0 */
    int cross;
} day_plan;

/* The form cues of the plan: cadence first when it is to rise, then the linked ones (to a
   likely condition's or a present finding's treatments), else any. */
static void pick_form_cues(bld *b) {
    const hp_ontology *o = b->o;
    b->n_cues = 0;
    size_t cad_advice = advice_index(o, "increase_cadence");
    int cadence_rising = b->cadence0 == 0 || b->cadence0 < CADENCE_LOW;
    if (cadence_rising && cad_advice != (size_t)-1)
        b->cues[b->n_cues++] = (int32_t)cad_advice;
    for (int pass = 0; pass < 2 && b->n_cues <= (cadence_rising && cad_advice != (size_t)-1);
         pass++) {
        for (size_t a = 0; a < o->n_advice; a++) {
            if (o->advice[a].category != HP_ADVICE_FORM || (int32_t)a == (int32_t)cad_advice)
                continue;
            int linked = pass == 1;
            for (size_t i = 0; i < b->n_likely && !linked; i++) {
                const hp__condition *c = &o->conditions[b->likely[i]];
                for (uint32_t j = 0; j < c->treatments.count && !linked; j++) {
                    const hp__treatment *t = &o->treatments[c->treatments.first + j];
                    linked = t->kind == HP_ENTITY_ADVICE && t->index == a;
                }
            }
            for (size_t f = 0; f < o->n_findings && !linked; f++) {
                if (!b->present[f])
                    continue;
                const hp__finding *fi = &o->findings[f];
                for (uint32_t j = 0; j < fi->treatments.count && !linked; j++) {
                    const hp__treatment *t = &o->treatments[fi->treatments.first + j];
                    linked = t->kind == HP_ENTITY_ADVICE && t->index == a;
                }
            }
            if (linked)
                b->cues[b->n_cues++] = (int32_t)a;
        }
    }
    if (!b->n_cues && cad_advice != (size_t)-1)
        b->cues[b->n_cues++] = (int32_t)cad_advice;
}

/* What one week carries into the next. */
typedef struct week_carry {
    double prev_km; /* the last running week's volume */
    int cadence, cadence_weeks, build_weeks_done;
} week_carry;

/* A week's running days (dp[].run) and their volume: the stage's pattern in the return
   phase, the volume rising (or held every fourth week) in the build phase. Returns the
   number of runs. */
static size_t place_runs(const bld *b, const week_shape *ws, int w, week_carry *wc,
                         day_plan dp[DAYS], double *volume) {
    hp_phase ph = (hp_phase)ws->phase[w];
    int rd[6];
    size_t n_run = 0;
    *volume = 0;
    if (ph == HP_PHASE_RETURN) {
        n_run = run_pattern(ws->return_days, rd);
    } else if (ph == HP_PHASE_BUILD) {
        int hold =
            (wc->build_weeks_done == 0 && w == 0 && b->hold_first) || wc->build_weeks_done % 4 == 3;
        double v = hold ? wc->prev_km : wc->prev_km * WEEKLY_RISE;
        if (v > b->target)
            v = b->target;
        v = floor01(v);
        int r = b->run_days;
        while (r > 1 && v / r < 2.0)
            r--;
        n_run = v > 0 ? run_pattern(r, rd) : 0;
        wc->build_weeks_done++;
        *volume = v;
    }
    for (size_t i = 0; i < n_run; i++)
        dp[rd[i]].run = i + 1 == n_run ? 2 : 1;
    return n_run;
}

/* A week's strength days and cross-training (in place of running early on, once a week
   later). Returns the number of strength days. */
static size_t place_strength_and_cross(const bld *b, hp_phase ph, day_plan dp[DAYS]) {
    static const int sd3[3] = {0, 2, 4}, sd2[2] = {0, 4};
    const int *sd = ph == HP_PHASE_BUILD ? sd2 : sd3;
    size_t n_sd = ph == HP_PHASE_BUILD ? 2 : 3;
    for (size_t j = 0; j < n_sd; j++)
        dp[sd[j]].strength = (int)j + 1;
    if (ph == HP_PHASE_SETTLE) {
        dp[1].cross = dp[3].cross = 1;
    } else if (ph == HP_PHASE_STRENGTHEN) {
        dp[1].cross = dp[3].cross = dp[5].cross = 1;
    } else {
        if (ph == HP_PHASE_RETURN || b->running_only >= 0) {
            static const int pref[5] = {1, 5, 3, 2, 4};
            for (int i = 0; i < 5; i++)
                if (!dp[pref[i]].run && !dp[pref[i]].strength) {
                    dp[pref[i]].cross = 1;
                    break;
                }
        }
    }
    return n_sd;
}

/* The cadence target of a running week: hold each target two running weeks, then up to
   5% towards 170. */
static int next_cadence(const bld *b, week_carry *wc) {
    if (!wc->cadence) {
        if (!b->cadence0)
            wc->cadence = CADENCE_LOW;
        else if (b->cadence0 >= CADENCE_LOW)
            wc->cadence = b->cadence0;
        else {
            wc->cadence = (int)floor(b->cadence0 * CADENCE_STEP);
            if (wc->cadence > CADENCE_LOW)
                wc->cadence = CADENCE_LOW;
        }
        wc->cadence_weeks = 0;
    } else if (wc->cadence_weeks >= CADENCE_HOLD_WEEKS && wc->cadence < CADENCE_LOW) {
        int next = (int)floor(wc->cadence * CADENCE_STEP);
        wc->cadence = next > CADENCE_LOW ? CADENCE_LOW : next;
        wc->cadence_weeks = 0;
    }
    wc->cadence_weeks++;
    return wc->cadence;
}

/* The sessions of week w's days as placed in dp (a rest session on a day with none);
 *sum adds up the running km. */
static hp_status fill_days(bld *b, const week_shape *ws, int w, const day_plan dp[DAYS],
                           size_t n_run, size_t n_sd, double volume, int cadence, double *sum) {
    hp_plan *p = b->p;
    hp_phase ph = (hp_phase)ws->phase[w];
    double long_share = n_run > 0 ? 1.5 / ((double)n_run + 0.5) : 0;
    double short_share = n_run > 0 ? 1.0 / ((double)n_run + 0.5) : 0;
    for (int d = 0; d < DAYS; d++) {
        day_rec *day = &p->days[(size_t)w * DAYS + (size_t)d];
        day->date = p->start + w * DAYS + d;
        day->first_session = p->n_sessions;
        hp_status st = HP_OK;
        if (d != REST_DAY) {
            if (dp[d].run) {
                int row = ph == HP_PHASE_RETURN ? ws->stage_row0 + ws->stage[w] - 1 : -1;
                double km = floor01(volume * (dp[d].run == 2 ? long_share : short_share));
                st = run_sessions(b, w, p->start + w * DAYS, day->date, row, ws->stage[w], km,
                                  cadence, dp[d].run == 2);
                if (st == HP_OK)
                    *sum += p->sessions[p->n_sessions - 2].km;
            }
            if (st == HP_OK && dp[d].strength)
                st = strength_sessions(b, ph, w, (size_t)dp[d].strength - 1, n_sd);
            if (st == HP_OK && dp[d].cross && !dp[d].run)
                st = cross_session(b, w);
        }
        if (st == HP_OK && p->n_sessions == day->first_session)
            st = new_session(b, HP_SESSION_REST, note(b, NOTE_REST)) ? HP_OK : HP_E_NOMEM;
        if (st != HP_OK)
            return st;
        day->n_sessions = p->n_sessions - day->first_session;
    }
    return HP_OK;
}

/* Week w: its days placed, then filled with sessions. */
static hp_status build_week(bld *b, const week_shape *ws, int w, week_carry *wc) {
    hp_phase ph = (hp_phase)ws->phase[w];
    week_rec *wk = &b->p->weeks[w];
    wk->phase = (uint8_t)ph;
    wk->stage = ws->stage[w];
    day_plan dp[DAYS];
    memset(dp, 0, sizeof dp);
    double volume;
    size_t n_run = place_runs(b, ws, w, wc, dp, &volume);
    size_t n_sd = place_strength_and_cross(b, ph, dp);
    if (n_run)
        wk->cadence = next_cadence(b, wc);
    double sum = 0;
    hp_status st = fill_days(b, ws, w, dp, n_run, n_sd, volume, wc->cadence, &sum);
    if (st != HP_OK)
        return st;
    wk->run_km = round(sum * 10) / 10;
    if (n_run)
        wc->prev_km = wk->run_km;
    return b->pool.failed ? HP_E_NOMEM : HP_OK;
}

static hp_status build_weeks(bld *b) {
    hp_plan *p = b->p;
    const hp_ontology *o = b->o;
    int n = b->weeks;
    double ref0 = hp__hist_longest_before(&b->hist, p->start);
    int running_now = ref0 > 0;
    week_shape ws;
    ws.return_days = b->run_days < 3 ? b->run_days : 3;
    shape_weeks(b, running_now, &ws);
    p->weeks = hp__calloc(b->al, (size_t)n, sizeof *p->weeks);
    p->days = hp__calloc(b->al, (size_t)n * DAYS, sizeof *p->days);
    if (!p->weeks || !p->days)
        return HP_E_NOMEM;
    p->n_weeks = (size_t)n;
    {
        size_t ro = hp_ontology_index(o, HP_ENTITY_FINDING, "running_only");
        b->running_only = ro != (size_t)-1 && b->present[ro] ? (int32_t)ro : -1;
    }
    /* room for a typical plan's sessions and items at once */
    if (!hp__grow(b->al, (void **)&p->sessions, &p->cap_sessions, (size_t)n * DAYS * 4,
                  sizeof *p->sessions) ||
        !hp__grow(b->al, (void **)&p->items, &p->cap_items, (size_t)n * DAYS * 8, sizeof *p->items))
        return HP_E_NOMEM;
    pick_form_cues(b);

    week_carry wc = {b->base_weekly, 0, 0, 0};
    if (wc.prev_km <= 0 && running_now)
        wc.prev_km = ref0 * 2;
    for (int w = 0; w < n; w++) {
        hp_status st = build_week(b, &ws, w, &wc);
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

/* ---- Advice ------------------------------------------------------------------------- */

/*
 * Advice is gathered as (advice, why, sources) records in the order they come, then each
 * advice item's records are merged into its word lists: one pair of buffers for all items
 * instead of a pair per item.
 */
typedef struct advice_rec_in {
    uint32_t advice;
    const char *why, *src; /* ontology strings; why is NULL when it is in the pool */
    size_t why_off;        /* pool offset of why (the pool may move while gathering) */
} advice_rec_in;

typedef struct advice_acc {
    advice_rec_in *recs;
    size_t n_recs, cap_recs;
    uint8_t *seen;
    size_t *order; /* advice indices in first-added order */
    size_t n;
    int failed;
} advice_acc;

static void acc_add(bld *b, advice_acc *acc, size_t a, const char *why, const char *src) {
    if (a >= b->o->n_advice)
        return;
    if (!acc->seen[a]) {
        acc->seen[a] = 1;
        acc->order[acc->n++] = a;
    }
    if (!hp__grow(b->al, (void **)&acc->recs, &acc->cap_recs,
                  acc->n_recs < 64 ? 64 : acc->n_recs + 1, sizeof *acc->recs)) {
        acc->failed = 1;
        return;
    }
    advice_rec_in r = {(uint32_t)a, why, src ? src : hp__s(b->o, b->o->advice[a].e.sources), 0};
    uintptr_t w = (uintptr_t)why, p0 = (uintptr_t)b->pool.data;
    if (b->pool.data && w >= p0 && w < p0 + b->pool.len) {
        r.why = NULL;
        r.why_off = (size_t)(w - p0);
    }
    acc->recs[acc->n_recs++] = r;
}

static void acc_id(bld *b, advice_acc *acc, const char *id, const char *why) {
    acc_add(b, acc, advice_index(b->o, id), why, NULL);
}

/* The advice of a plan short of urgent care: a clinician for a suspected condition that
   rules out impact, the treatments of the likely conditions (for the plan's phases) and of
   the present findings, then the general running advice. */
static void gather_advice(bld *b, advice_acc *acc) {
    const hp_ontology *o = b->o;
    const hp_plan *p = b->p;
    for (size_t c = 0; c < o->n_conditions; c++)
        if (b->suspect[c] && is_no_impact_condition(o, c))
            acc_id(b, acc, "consult_clinician", hp__s(o, o->conditions[c].e.id));
    unsigned phases = 0;
    for (size_t w = 0; w < p->n_weeks; w++)
        phases |= 1u << p->weeks[w].phase;
    for (size_t i = 0; i < b->n_likely; i++) {
        const hp__condition *c = &o->conditions[b->likely[i]];
        for (uint32_t j = 0; j < c->treatments.count; j++) {
            const hp__treatment *t = &o->treatments[c->treatments.first + j];
            if (t->kind == HP_ENTITY_ADVICE && (phases >> t->phase & 1u))
                acc_add(b, acc, t->index, hp__s(o, c->e.id), hp__s(o, t->sources));
        }
    }
    for (size_t f = 0; f < o->n_findings; f++) {
        if (!b->present[f])
            continue;
        const hp__finding *fi = &o->findings[f];
        const char *id = hp__s(o, fi->e.id);
        for (uint32_t j = 0; j < fi->treatments.count; j++) {
            const hp__treatment *t = &o->treatments[fi->treatments.first + j];
            if (t->kind == HP_ENTITY_ADVICE)
                acc_add(b, acc, t->index, id, hp__s(o, t->sources));
        }
        if (strcmp(id, "worn_shoes") == 0)
            acc_id(b, acc, "replace_shoes", id);
        if (strcmp(id, "unsuitable_shoes") == 0)
            acc_id(b, acc, "shoe_fitting", id);
    }
    const char *why = pool_str(b, b->why_default);
    int running = 0;
    for (size_t s = 0; s < p->n_sessions; s++)
        running |=
            p->sessions[s].kind == HP_SESSION_RUN || p->sessions[s].kind == HP_SESSION_WALK_RUN;
    if (phases >> HP_PHASE_RETURN & 1u)
        acc_id(b, acc, "walk_run_return", why);
    if (running) {
        acc_id(b, acc, "gradual_progression", why);
        acc_id(b, acc, "long_run_cap", why);
        acc_id(b, acc, "warm_up", why);
        acc_id(b, acc, "cool_down", why);
    }
    if (p->n_weeks)
        acc_id(b, acc, "rest_days", why);
}

static hp_status build_advice(bld *b) {
    const hp_ontology *o = b->o;
    hp_plan *p = b->p;
    size_t na = o->n_advice;
    if (!na)
        return HP_OK;
    advice_acc acc = {0};
    acc.order = hp__calloc(b->al, na, sizeof *acc.order + 1);
    acc.seen = acc.order ? (uint8_t *)(acc.order + na) : NULL;
    hp_status st = HP_OK;
    hp__buf *why_t = &b->words[0], *src_t = &b->words[1];
    if (!acc.order) {
        st = HP_E_NOMEM;
        goto done;
    }
    if (p->triage == HP_TRIAGE_URGENT)
        acc_id(b, &acc, "seek_urgent_care", "triage");
    if (p->triage >= HP_TRIAGE_SEE_CLINICIAN)
        acc_id(b, &acc, "consult_clinician", "triage");
    if (p->triage != HP_TRIAGE_URGENT)
        gather_advice(b, &acc);
    if (acc.failed) {
        st = HP_E_NOMEM;
        goto done;
    }
    p->advice = hp__calloc(b->al, acc.n, sizeof *p->advice);
    if (!p->advice) {
        st = HP_E_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < acc.n; i++) {
        size_t a = acc.order[i];
        for (size_t k = 0; k < acc.n_recs; k++) {
            if (acc.recs[k].advice != a)
                continue;
            add_words(why_t, acc.recs[k].why ? acc.recs[k].why : pool_str(b, acc.recs[k].why_off));
            add_words(src_t, acc.recs[k].src);
        }
        advice_rec *r = &p->advice[p->n_advice++];
        r->advice = (uint32_t)a;
        r->why = pool_take(b, why_t);
        r->sources = pool_take(b, src_t);
    }
done:
    hp__free(b->al, acc.recs);
    hp__free(b->al, acc.order); /* and seen */
    return st;
}

/* ---- Options and the runner --------------------------------------------------------- */

/* The numeric options, checked, with the runner's numbers and the defaults where an option
   is 0. */
static hp_status resolve_numbers(bld *b, const hp_plan_options *opt, double *contra_p,
                                 hp_error *err) {
    const hp_profile *pr = b->profile;
    if (opt->weeks < 0 || opt->weeks > MAX_WEEKS)
        return hp__error(err, HP_E_INVALID, "plan options: weeks %d is not in 1-%d", opt->weeks,
                         MAX_WEEKS);
    b->weeks = opt->weeks ? opt->weeks : DEFAULT_WEEKS;
    if (opt->run_days < 0 || opt->run_days > 6)
        return hp__error(err, HP_E_INVALID, "plan options: run_days %d is not in 1-6",
                         opt->run_days);
    b->run_days = opt->run_days;
    if (!b->run_days && has_runner(pr, HP_RUNNER_RUN_DAYS_PER_WEEK)) {
        double d = pr->runner[HP_RUNNER_RUN_DAYS_PER_WEEK];
        b->run_days = d >= 6 ? 6 : (int)d;
    }
    if (b->run_days < 1)
        b->run_days = DEFAULT_RUN_DAYS;
    if (!isfinite(opt->target_weekly_km) || opt->target_weekly_km < 0)
        return hp__error(err, HP_E_INVALID,
                         "plan options: target_weekly_km must be a finite number >= 0");
    b->target = opt->target_weekly_km;
    if (b->target <= 0 && has_runner(pr, HP_RUNNER_WEEKLY_KM))
        b->target = pr->runner[HP_RUNNER_WEEKLY_KM];
    if (b->target <= 0)
        b->target = DEFAULT_TARGET_KM;
    if (!isfinite(opt->contraindication_probability) || opt->contraindication_probability < 0 ||
        opt->contraindication_probability > 1)
        return hp__error(err, HP_E_INVALID,
                         "plan options: contraindication_probability must be in 0-1");
    *contra_p = opt->contraindication_probability > 0 ? opt->contraindication_probability
                                                      : DEFAULT_CONTRA_P;
    return HP_OK;
}

static hp_status read_history(bld *b, const hp_profile *pr, int end) {
    hp_status st = HP_OK;
    if (pr) {
        st = hp__history_from_profile(&b->hist, pr, end);
        if (has_runner(pr, HP_RUNNER_WEEKLY_KM)) {
            b->base_weekly = pr->runner[HP_RUNNER_WEEKLY_KM];
            b->weekly_given = 1;
        } else {
            for (size_t i = 0; i < pr->n_runs; i++)
                if (pr->runs[i].date > end - DAYS && pr->runs[i].date <= end)
                    b->base_weekly += pr->runs[i].km;
        }
        if (has_runner(pr, HP_RUNNER_CADENCE_SPM) && pr->runner[HP_RUNNER_CADENCE_SPM] >= 1)
            b->cadence0 = (int)lround(pr->runner[HP_RUNNER_CADENCE_SPM]);
    }
    return st;
}

static hp_status resolve_options(bld *b, const hp_plan_options *opt, double *contra_p,
                                 hp_error *err) {
    static const hp_plan_options none = {0};
    if (!opt)
        opt = &none;
    const hp_profile *pr = b->profile;
    hp_status st = resolve_numbers(b, opt, contra_p, err);
    if (st != HP_OK)
        return st;
    int end = 0, have_end = pr ? hp__history_end(pr, &end) : 0;
    if (opt->start_date) {
        if (hp_date_parse(opt->start_date, &b->p->start) != HP_OK)
            return hp__error(err, HP_E_INVALID,
                             "plan options: start_date '%.40s' is not a date (YYYY-MM-DD)",
                             opt->start_date);
    } else {
        b->p->start = have_end ? end + 1 : DEFAULT_START;
    }
    if (!have_end)
        end = b->p->start - 1;
    b->p->lang = pool_add(b, opt->lang);
    if (read_history(b, pr, end) != HP_OK)
        return hp__nomem(err);
    return HP_OK;
}

/* ---- Entry points ------------------------------------------------------------------- */

static void load_risk_hold(bld *b) {
    static const char *const load[] = {"mileage_increase_over_10pct", "long_run_spike",
                                       "high_acute_chronic_ratio"};
    for (size_t i = 0; i < sizeof load / sizeof load[0]; i++) {
        size_t f = hp_ontology_index(b->o, HP_ENTITY_FINDING, load[i]);
        if (f != (size_t)-1 && b->present[f])
            b->hold_first = 1;
    }
}

static hp_status finish(bld *b, hp_plan **out, hp_error *err) {
    hp_plan *p = b->p;
    hp_status st = HP_OK;
    hp__buf *t = &b->words[0];
    for (size_t i = 0; i < b->n_likely; i++)
        add_words(t, hp__s(b->o, b->o->conditions[b->likely[i]].e.id));
    p->causes = pool_take(b, t);
    for (size_t f = 0; f < b->o->n_findings; f++)
        if (b->present[f])
            add_words(t, hp__s(b->o, b->o->findings[f].e.id));
    p->risks = pool_take(b, t);
    load_risk_hold(b);
    summarise(b);
    if (p->triage != HP_TRIAGE_URGENT) {
        prepare_exercises(b);
        st = b->pool.failed ? HP_E_NOMEM : build_weeks(b);
    }
    if (st == HP_OK)
        st = build_advice(b);
    if (st == HP_OK && b->pool.failed)
        st = HP_E_NOMEM;
    if (st != HP_OK) {
        free_inputs(b);
        hp_plan_free(p);
        return st == HP_E_NOMEM ? hp__nomem(err) : st;
    }
    p->pool = b->pool.data;
    p->pool_size = b->pool.len;
    b->pool.data = NULL;
    free_inputs(b);
    *out = p;
    return HP_OK;
}

static hp_status start(bld *b, const hp_ontology *o, const hp_profile *profile,
                       const hp_plan_options *options, double *contra_p, hp_error *err) {
    memset(b, 0, sizeof *b);
    b->o = o;
    b->al = &o->alloc;
    b->profile = profile;
    hp__hist_init(&b->hist, b->al);
    hp__buf_init(&b->pool, b->al);
    hp__buf_init(&b->words[0], b->al);
    hp__buf_init(&b->words[1], b->al);
    if (!hp__grow(b->al, (void **)&b->pool.data, &b->pool.cap, POOL_START, 1))
        b->pool.failed = 1;
    hp__buf_append(&b->pool, "", 1); /* offset 0 is "" */
    b->p = hp__calloc(b->al, 1, sizeof *b->p);
    if (!b->p) {
        hp__buf_free(&b->pool);
        return hp__nomem(err);
    }
    atomic_init(&b->p->refs, 1);
    b->p->onto = hp_ontology_ref(o);
    hp_status st = alloc_inputs(b);
    if (st != HP_OK)
        st = hp__nomem(err);
    else
        st = resolve_options(b, options, contra_p, err);
    if (st != HP_OK) {
        free_inputs(b);
        hp_plan_free(b->p);
        b->p = NULL;
    }
    return st;
}

hp_status hp_plan_new(const hp_assessment *a, const hp_plan_options *options, hp_plan **out,
                      hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_plan_new: 'out' is NULL");
    *out = NULL;
    if (!a)
        return hp__error(err, HP_E_INVALID, "hp_plan_new: 'assessment' is NULL");
    const hp_profile *profile = hp__assessment_profile(a);
    if (!profile)
        return hp__nomem(err);
    bld b;
    double contra_p;
    hp_status st = start(&b, a->onto, profile, options, &contra_p, err);
    if (st != HP_OK)
        return st;
    const hp_ontology *o = a->onto;
    b.p->triage = a->triage;
    for (size_t c = 0; c < o->n_conditions; c++) {
        double pc = hp__condition_probability(a, c);
        b.prob[c] = pc;
        b.veto[c] = pc >= contra_p;
        b.suspect[c] = pc >= o->conditions[c].suspect_at;
    }
    /* the likely causes: most likely first, while they are likely enough */
    double mass = 0;
    for (size_t i = 0; i < a->n_causes && b.n_likely < LIKELY_MAX && mass < LIKELY_MASS; i++) {
        hp__cause c;
        hp__cause_at(a, i, &c);
        if (c.probability < LIKELY_MIN_P)
            break;
        b.likely[b.n_likely++] = c.condition;
        mass += c.probability;
    }
    collect_risks(&b, 0);
    return finish(&b, out, err);
}

hp_status hp_plan_for_conditions(const hp_ontology *onto, const char *const *condition_ids,
                                 size_t n_conditions, const hp_profile *profile,
                                 const hp_plan_options *options, hp_plan **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_plan_for_conditions: 'out' is NULL");
    *out = NULL;
    if (!onto)
        return hp__error(err, HP_E_INVALID, "hp_plan_for_conditions: 'onto' is NULL");
    if (!condition_ids && n_conditions)
        return hp__error(err, HP_E_INVALID, "hp_plan_for_conditions: 'condition_ids' is NULL");
    if (profile && profile->onto != onto)
        return hp__error(err, HP_E_INVALID,
                         "hp_plan_for_conditions: the profile belongs to another ontology");
    for (size_t i = 0; i < n_conditions; i++) {
        if (!condition_ids[i])
            return hp__error(err, HP_E_INVALID,
                             "hp_plan_for_conditions: condition_ids[%zu] is NULL", i);
        if (hp_ontology_index(onto, HP_ENTITY_CONDITION, condition_ids[i]) == (size_t)-1)
            return hp__error(err, HP_E_NOT_FOUND, "unknown condition '%.60s'", condition_ids[i]);
    }
    bld b;
    double contra_p;
    hp_status st = start(&b, onto, profile, options, &contra_p, err);
    if (st != HP_OK)
        return st;
    hp_triage_level triage = HP_TRIAGE_SELF_CARE;
    for (size_t i = 0; i < n_conditions; i++) {
        size_t c = hp_ontology_index(onto, HP_ENTITY_CONDITION, condition_ids[i]);
        if (b.suspect[c])
            continue; /* given twice */
        b.prob[c] = 1;
        b.veto[c] = 1;
        b.suspect[c] = 1;
        b.likely[b.n_likely++] = (uint32_t)c;
        hp_seriousness s = (hp_seriousness)onto->conditions[c].seriousness;
        hp_triage_level t = s == HP_SERIOUSNESS_EMERGENCY ? HP_TRIAGE_URGENT
                            : s == HP_SERIOUSNESS_SERIOUS ? HP_TRIAGE_SEE_CLINICIAN
                                                          : HP_TRIAGE_SELF_CARE;
        if (t > triage)
            triage = t;
    }
    b.p->triage = triage;
    collect_risks(&b, 1);
    return finish(&b, out, err);
}

hp_plan *hp_plan_ref(const hp_plan *plan) {
    hp_plan *p = (hp_plan *)plan;
    if (p)
        atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
    return p;
}

void hp_plan_free(hp_plan *p) {
    if (!p || atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) != 1)
        return;
    const hp_ontology *o = p->onto;
    const hp_allocator *al = &o->alloc;
    hp__free(al, p->weeks);
    hp__free(al, p->days);
    hp__free(al, p->sessions);
    hp__free(al, p->items);
    hp__free(al, p->advice);
    hp__free(al, p->pool);
    hp__free(al, p);
    hp_ontology_free(o);
}

/* ---- Accessors ---------------------------------------------------------------------- */

const hp_ontology *hp_plan_ontology(const hp_plan *p) { return p ? p->onto : NULL; }

hp_triage_level hp_plan_triage(const hp_plan *p) { return p ? p->triage : HP_TRIAGE_SELF_CARE; }

size_t hp_plan_week_count(const hp_plan *p) { return p ? p->n_weeks : 0; }

hp_status hp_plan_week(const hp_plan *p, size_t w, hp_week *out) {
    if (!p || !out)
        return HP_E_INVALID;
    if (w >= p->n_weeks)
        return HP_E_NOT_FOUND;
    const week_rec *r = &p->weeks[w];
    out->index = (int)w + 1;
    out->phase = (hp_phase)r->phase;
    out->run_km = r->run_km;
    out->walk_run_stage = r->stage;
    out->cadence_spm = r->cadence;
    out->n_days = DAYS;
    return HP_OK;
}

static const day_rec *day_of(const hp_plan *p, size_t w, size_t d) {
    if (!p || w >= p->n_weeks || d >= DAYS)
        return NULL;
    return &p->days[w * DAYS + d];
}

hp_status hp_plan_day(const hp_plan *p, size_t w, size_t d, hp_day *out) {
    if (!p || !out)
        return HP_E_INVALID;
    const day_rec *r = day_of(p, w, d);
    if (!r)
        return HP_E_NOT_FOUND;
    out->date = r->date;
    out->n_sessions = r->n_sessions;
    return HP_OK;
}

static const session_rec *session_of(const hp_plan *p, size_t w, size_t d, size_t s) {
    const day_rec *r = day_of(p, w, d);
    if (!r || s >= r->n_sessions)
        return NULL;
    return &p->sessions[r->first_session + s];
}

static const char *pool_or_null(const hp_plan *p, size_t off) { return off ? p->pool + off : NULL; }

hp_status hp_plan_session(const hp_plan *p, size_t w, size_t d, size_t s, hp_session *out) {
    if (!p || !out)
        return HP_E_INVALID;
    const session_rec *r = session_of(p, w, d, s);
    if (!r)
        return HP_E_NOT_FOUND;
    const hp_ontology *o = p->onto;
    out->kind = (hp_session_kind)r->kind;
    out->km = r->km;
    out->minutes = r->minutes;
    out->cadence_spm = r->cadence;
    out->walk_minutes = r->walk;
    out->run_minutes = r->run;
    out->repeats = r->repeats;
    out->cue = r->cue >= 0 ? hp__s(o, o->advice[r->cue].e.id) : NULL;
    out->n_items = r->n_items;
    out->notes = pool_or_null(p, r->notes);
    return HP_OK;
}

hp_status hp_plan_item(const hp_plan *p, size_t w, size_t d, size_t s, size_t i,
                       hp_session_item *out) {
    if (!p || !out)
        return HP_E_INVALID;
    const session_rec *r = session_of(p, w, d, s);
    if (!r || i >= r->n_items)
        return HP_E_NOT_FOUND;
    const item_rec *it = &p->items[r->first_item + i];
    const hp_ontology *o = p->onto;
    out->id = hp__s(o, o->exercises[it->exercise].e.id);
    dosing_at(o, it->exercise, (int)it->steps, out);
    out->why = p->pool + it->why;
    out->sources = p->pool + it->sources;
    return HP_OK;
}

size_t hp_plan_advice_count(const hp_plan *p) { return p ? p->n_advice : 0; }

hp_status hp_plan_advice(const hp_plan *p, size_t i, hp_plan_advice_item *out) {
    if (!p || !out)
        return HP_E_INVALID;
    if (i >= p->n_advice)
        return HP_E_NOT_FOUND;
    const advice_rec *r = &p->advice[i];
    out->id = hp__s(p->onto, p->onto->advice[r->advice].e.id);
    out->why = p->pool + r->why;
    out->sources = p->pool + r->sources;
    return HP_OK;
}

const char *hp__plan_causes(const hp_plan *p) { return p->pool + p->causes; }
const char *hp__plan_risks(const hp_plan *p) { return p->pool + p->risks; }
const char *hp__plan_lang(const hp_plan *p) { return pool_or_null(p, p->lang); }
int hp__plan_start(const hp_plan *p) { return p->start; }
