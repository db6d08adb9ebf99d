/*
 * Assessment: derived findings from training load, naive-Bayes ranking of causes with
 * the evidence for and against each, red-flag and seriousness triage, next question.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess/assessment_internal.h"
#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "core/strbuf.h"

/* ---- Derived findings --------------------------------------------------------------- */

/* Compare with a relative tolerance, so that 33 km after 30 km is exactly +10%. */
static int compare(double v, hp_compare op, double t) {
    double tol = 1e-9 * (fabs(t) > 1 ? fabs(t) : 1);
    switch (op) {
    case HP_COMPARE_LT: return v < t - tol;
    case HP_COMPARE_LE: return v <= t + tol;
    case HP_COMPARE_GT: return v > t + tol;
    case HP_COMPARE_GE: return v >= t - tol;
    }
    return 0;
}

static const char *op_words(hp_compare op) {
    switch (op) {
    case HP_COMPARE_LT: return "below";
    case HP_COMPARE_LE: return "at or below";
    case HP_COMPARE_GT: return "above";
    case HP_COMPARE_GE: return "at or above";
    }
    return "";
}

/* ---- Texts ---------------------------------------------------------------------------- */

static void put(hp__buf *t, const char *s) { hp__buf_puts(t, s); }

/*
 * v as printf's "%.<d>f" would print it (d = 0, 1 or 2), without printf: the digits of
 * nearbyint(v * 10^d), where a product that lands exactly on a half is settled by its exact
 * value (fma gives the rounding error of the product), ties to even like glibc. Values out
 * of the exact range go to printf.
 */
static void put_fixed(hp__buf *t, double v, int d) {
    static const double scale[3] = {1, 10, 100};
    double s = scale[d];
    if (!isfinite(v) || !(fabs(v) * s < 4503599627370496.0)) { /* 2^52 */
        hp__buf_printf(t, "%.*f", d, v);
        return;
    }
    double p = v * s;
    double r = nearbyint(p);
    if (fabs(p - r) == 0.5) {
        double e = fma(v, s, -p); /* exactly v * s - p */
        if (e > 0)
            r = ceil(p);
        else if (e < 0)
            r = floor(p);
    }
    char digits[32];
    size_t n = 0;
    unsigned long long u = (unsigned long long)fabs(r);
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n < (size_t)d + 1)
        digits[n++] = '0';
    char out[40];
    size_t k = 0;
    if (signbit(v))
        out[k++] = '-';
    while (n > 0) {
        if (n == (size_t)d && d > 0)
            out[k++] = '.';
        out[k++] = digits[--n];
    }
    hp__buf_append(t, out, k);
}

/* ", above the 10% limit" */
static void put_percent_limit(hp__buf *t, hp_compare op, double threshold) {
    put(t, ", ");
    put(t, op_words(op));
    put(t, " the ");
    put_fixed(t, threshold, 0);
    put(t, "% limit");
}

/* English explanation of a fired rule, with the numbers behind it. */
static void explain_risk(hp__buf *t, const hp_assessment *a, hp_metric m, double v, hp_compare op,
                         double threshold) {
    const double *r = a->runner;
    unsigned set = a->runner_set;
    switch (m) {
    case HP_METRIC_WEEKLY_INCREASE_PCT:
        put(t, "Weekly distance rose ");
        put_fixed(t, v, 0);
        put(t, "%");
        if ((set >> HP_RUNNER_WEEKLY_KM & 1) && (set >> HP_RUNNER_PREVIOUS_WEEKLY_KM & 1)) {
            put(t, " (");
            put_fixed(t, r[HP_RUNNER_WEEKLY_KM], 1);
            put(t, " km after ");
            put_fixed(t, r[HP_RUNNER_PREVIOUS_WEEKLY_KM], 1);
            put(t, " km)");
        }
        put_percent_limit(t, op, threshold);
        break;
    case HP_METRIC_LONG_RUN_INCREASE_PCT:
        put(t, "A run ");
        put_fixed(t, v, 0);
        put(t, "% longer than the longest of the previous 30 days");
        if (set >> HP_RUNNER_LONGEST_RUN_KM_30D & 1) {
            put(t, " (longest ");
            put_fixed(t, r[HP_RUNNER_LONGEST_RUN_KM_30D], 1);
            put(t, " km)");
        }
        put_percent_limit(t, op, threshold);
        break;
    case HP_METRIC_ACUTE_CHRONIC_RATIO:
        put(t, "Acute:chronic load ratio ");
        put_fixed(t, v, 2);
        put(t, " (7-day over 28-day weighted averages), ");
        put(t, op_words(op));
        put(t, " ");
        put_fixed(t, threshold, 2);
        break;
    case HP_METRIC_CADENCE_SPM:
    case HP_METRIC_RUN_DAYS_PER_WEEK:
    case HP_METRIC_AGE:
        put(t, m == HP_METRIC_CADENCE_SPM ? "Cadence " : m == HP_METRIC_AGE ? "Age " : "Running ");
        put_fixed(t, v, 0);
        put(t, m == HP_METRIC_CADENCE_SPM ? " steps a minute, "
               : m == HP_METRIC_AGE       ? ", "
                                          : " days a week, ");
        put(t, op_words(op));
        put(t, " ");
        put_fixed(t, threshold, 0);
        break;
    case HP_METRIC_SHOE_KM:
        put(t, "Shoes have ");
        put_fixed(t, v, 0);
        put(t, " km on them, ");
        put(t, op_words(op));
        put(t, " ");
        put_fixed(t, threshold, 0);
        put(t, " km");
        break;
    case HP_METRIC_FEMALE: put(t, "Female runner"); break;
    default: hp__buf_printf(t, "%s = %g", hp_enum_name(HP_ENUM_METRIC, m), v);
    }
}

/* ---- Sorting small arrays ------------------------------------------------------------ */

static void sift_u64(uint64_t *v, size_t i, size_t n) {
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && v[c + 1] > v[c])
            c++;
        if (v[i] >= v[c])
            return;
        uint64_t x = v[i];
        v[i] = v[c];
        v[c] = x;
        i = c;
    }
}

/* Ascending; insertion sort when short, heap sort otherwise (no extra memory). */
static void sort_u64(uint64_t *v, size_t n) {
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            uint64_t x = v[i];
            size_t j = i;
            while (j > 0 && v[j - 1] > x) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift_u64(v, i, n);
    for (size_t end = n; end-- > 1;) {
        uint64_t x = v[0];
        v[0] = v[end];
        v[end] = x;
        sift_u64(v, 0, end);
    }
}

/* Causes: most likely first, ties by id. */
static int cause_before(const hp_ontology *o, double px, uint32_t cx, double py, uint32_t cy) {
    if (px != py)
        return px > py;
    return strcmp(hp__s(o, o->conditions[cx].e.id), hp__s(o, o->conditions[cy].e.id)) < 0;
}

static void sift_cause(const hp_ontology *o, hp__cause *v, size_t i, size_t n) {
    /* a max-heap of "comes later" */
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && cause_before(o, v[c].probability, v[c].condition, v[c + 1].probability,
                                      v[c + 1].condition))
            c++;
        if (!cause_before(o, v[i].probability, v[i].condition, v[c].probability, v[c].condition))
            return;
        hp__cause x = v[i];
        v[i] = v[c];
        v[c] = x;
        i = c;
    }
}

static void sort_causes(const hp_ontology *o, hp__cause *v, size_t n) {
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            hp__cause x = v[i];
            size_t j = i;
            while (j > 0 && cause_before(o, x.probability, x.condition, v[j - 1].probability,
                                         v[j - 1].condition)) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift_cause(o, v, i, n);
    for (size_t end = n; end-- > 1;) {
        hp__cause x = v[0];
        v[0] = v[end];
        v[end] = x;
        sift_cause(o, v, 0, end);
    }
}

static int cmp_evidence(const hp__evidence *x, const hp__evidence *y) {
    double ax = fabs(x->weight), ay = fabs(y->weight);
    if (ax != ay)
        return ax > ay ? -1 : 1;
    return x->finding < y->finding ? -1 : x->finding > y->finding;
}

static int cmp_reason(const hp__reason *x, const hp__reason *y) {
    if (x->level != y->level)
        return x->level > y->level ? -1 : 1;
    if ((x->rule >= 0) != (y->rule >= 0))
        return x->rule >= 0 ? -1 : 1;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    return x->condition < y->condition ? -1 : x->condition > y->condition;
}

/* ---- Looking things up in an assessment ------------------------------------------------ */

/* Multiplicative (Fibonacci) hashing, its high half folded in: condition indices are
   small and often consecutive. */
static size_t hash_u32(uint32_t x) {
    uint32_t h = x * 0x9e3779b1u;
    return h ^ (h >> 16);
}

/* Index into a->causes of a touched condition, or -1. */
static long touched_index(const hp_assessment *a, uint32_t condition) {
    if (a->dense)
        return a->dense[condition] == UINT32_MAX ? -1 : (long)a->dense[condition];
    if (!a->keys)
        return -1;
    size_t j = hash_u32(condition) & a->mask;
    while (a->keys[j]) {
        if (a->keys[j] == condition + 1)
            return (long)a->vals[j];
        j = (j + 1) & a->mask;
    }
    return -1;
}

static const hp__answer *answer_of(const hp_assessment *a, size_t f) {
    if (a->answer_index) {
        uint16_t k = a->answer_index[f];
        return k ? &a->answers[k - 1] : NULL;
    }
    size_t lo = 0, hi = a->n_answers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->answers[mid].finding == f)
            return &a->answers[mid];
        if (a->answers[mid].finding < f)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

hp_answer hp__assessed_answer(const hp_assessment *a, size_t f) {
    const hp__answer *an = answer_of(a, f);
    return an ? (hp_answer)an->answer : HP_ANSWER_UNKNOWN;
}

/*
 * Evidence is not stored: item j of a cause is found again from the condition's links and
 * the answers when asked for (strongest first, ties by finding). Up to EV_STACK items are
 * sorted on the stack; beyond that, item j is the one with exactly j items before it. A
 * condition with presentations shows the links of its most probable presentation: the
 * condition-wide ones, with the presentation's own in place of those of the same finding.
 */
#define EV_STACK 64

static int evidence_item(const hp_assessment *a, uint32_t li, hp__evidence *e) {
    const hp__link *l = &a->onto->links[li];
    const hp__answer *an = answer_of(a, l->finding);
    if (!an)
        return 0;
    *e = (hp__evidence){l->finding, li, an->answer, an->derived,
                        an->answer == HP_ANSWER_PRESENT ? l->weight_present : l->weight_absent};
    return 1;
}

/* The links a condition's evidence is drawn from: candidate k < count. */
typedef struct ev_links {
    hp__range wide; /* the condition-wide links */
    hp__range own;  /* the leading presentation's links (count 0: none) */
} ev_links;

static ev_links evidence_links(const hp_assessment *a, size_t condition) {
    const hp_ontology *o = a->onto;
    ev_links el = {o->conditions[condition].links, {0, 0}};
    uint32_t p = hp__leading_presentation(a, condition);
    if (p != HP__NO_PRESENTATION)
        el.own = o->presentations[p].links;
    return el;
}

/* Candidate k of el as an evidence item: 0 when its finding is unanswered, or when it is a
   condition-wide link that the presentation's own link of the same finding replaces. */
static int evidence_candidate(const hp_assessment *a, const ev_links *el, uint32_t k,
                              hp__evidence *e) {
    const hp__link *links = a->onto->links;
    if (k >= el->wide.count)
        return evidence_item(a, el->own.first + (k - el->wide.count), e);
    uint32_t li = el->wide.first + k;
    for (uint32_t m = 0; m < el->own.count; m++)
        if (links[el->own.first + m].finding == links[li].finding)
            return 0;
    return evidence_item(a, li, e);
}

size_t hp__evidence_count(const hp_assessment *a, size_t condition) {
    if (condition >= a->n_causes || touched_index(a, (uint32_t)condition) < 0)
        return 0;
    ev_links el = evidence_links(a, condition);
    size_t n = 0;
    hp__evidence e;
    for (uint32_t k = 0; k < el.wide.count + el.own.count; k++)
        n += (size_t)evidence_candidate(a, &el, k, &e);
    return n;
}

int hp__evidence_at(const hp_assessment *a, size_t condition, size_t j, hp__evidence *out) {
    if (condition >= a->n_causes || touched_index(a, (uint32_t)condition) < 0)
        return 0;
    ev_links el = evidence_links(a, condition);
    uint32_t count = el.wide.count + el.own.count;
    hp__evidence v[EV_STACK];
    size_t n = 0;
    int overflow = 0;
    for (uint32_t k = 0; k < count && !overflow; k++) {
        hp__evidence e;
        if (!evidence_candidate(a, &el, k, &e))
            continue;
        if (n == EV_STACK) {
            overflow = 1;
            break;
        }
        size_t i = n++;
        while (i > 0 && cmp_evidence(&e, &v[i - 1]) < 0) {
            v[i] = v[i - 1];
            i--;
        }
        v[i] = e;
    }
    if (!overflow) {
        if (j >= n)
            return 0;
        *out = v[j];
        return 1;
    }
    for (uint32_t k = 0; k < count; k++) {
        hp__evidence e, f;
        if (!evidence_candidate(a, &el, k, &e))
            continue;
        size_t before = 0;
        for (uint32_t m = 0; m < count; m++)
            before += m != k && evidence_candidate(a, &el, m, &f) && cmp_evidence(&f, &e) < 0;
        if (before == j) {
            *out = e;
            return 1;
        }
    }
    return 0;
}

/* The k-th untouched condition in prior order: prior_order[k + m], where m counts the
   touched ranks r[x] with r[x] - x <= k (r[x] - x does not decrease). */
static uint32_t untouched_at(const hp_assessment *a, size_t k) {
    size_t lo = 0, hi = a->n_touched;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->ranks[mid] - mid <= k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return a->onto->prior_order[k + lo];
}

/* The same formula as for touched causes, so that equal scores tie exactly. */
static double untouched_probability(const hp_assessment *a, uint32_t c) {
    return exp(a->onto->conditions[c].log_prior - a->top) / a->z;
}

/* Whether touched cause j comes before untouched condition u. */
static int touched_first(const hp_assessment *a, size_t j, uint32_t u) {
    const hp__cause *t = &a->causes[j];
    return cause_before(a->onto, t->probability, t->condition, untouched_probability(a, u), u);
}

void hp__cause_at(const hp_assessment *a, size_t i, hp__cause *out) {
    size_t t = a->n_touched, nu = a->n_causes - t;
    /* j: how many touched causes come before position i */
    size_t lo = i > nu ? i - nu : 0, hi = i < t ? i : t;
    while (lo < hi) {
        size_t j = lo + (hi - lo + 1) / 2; /* try j touched among the first i */
        /* too many if touched j-1 comes after untouched i-j */
        if (i - j < nu && !touched_first(a, j - 1, untouched_at(a, i - j)))
            hi = j - 1;
        else
            lo = j;
    }
    size_t j = lo;
    if (j < t && (i - j >= nu || touched_first(a, j, untouched_at(a, i - j)))) {
        *out = a->causes[j];
        return;
    }
    uint32_t u = untouched_at(a, i - j);
    out->condition = u;
    out->probability = untouched_probability(a, u);
    out->score = a->onto->conditions[u].log_prior;
}

size_t hp__cause_rank(const hp_assessment *a, size_t condition) {
    const hp_ontology *o = a->onto;
    double p = hp__condition_probability(a, condition);
    size_t rank = 0;
    for (size_t c = 0; c < a->n_causes; c++)
        rank += c != condition && cause_before(o, hp__condition_probability(a, c), (uint32_t)c, p,
                                               (uint32_t)condition);
    return rank;
}

double hp__condition_probability(const hp_assessment *a, size_t condition) {
    if (condition >= a->n_causes)
        return 0;
    long k = touched_index(a, (uint32_t)condition);
    return k >= 0 ? a->causes[k].probability : untouched_probability(a, (uint32_t)condition);
}

const hp_profile *hp__assessment_profile(const hp_assessment *a) {
    hp_profile *p = atomic_load_explicit(&((hp_assessment *)a)->profile, memory_order_acquire);
    if (p)
        return p;
    if (hp_profile_new(a->onto, &p, NULL) != HP_OK)
        return NULL;
    if (a->n_runs) {
        p->runs = hp__realloc_array(&a->onto->alloc, NULL, a->n_runs, sizeof *p->runs);
        if (!p->runs) {
            hp_profile_free(p);
            return NULL;
        }
        memcpy(p->runs, a->runs, a->n_runs * sizeof *p->runs);
        p->n_runs = p->cap_runs = a->n_runs;
        p->details = hp__realloc_array(&a->onto->alloc, NULL, a->n_runs, sizeof *p->details);
        if (!p->details) {
            hp_profile_free(p);
            return NULL;
        }
        memcpy(p->details, a->details, a->n_runs * sizeof *p->details);
        p->cap_details = a->n_runs;
    }
    for (size_t i = 0; i < a->n_answers; i++) {
        p->answers[a->answers[i].finding] = a->answers[i].answer;
        hp__mark_answered(p, a->answers[i].finding);
    }
    p->n_answered = a->n_answers;
    memcpy(p->runner, a->runner, sizeof p->runner);
    p->runner_set = a->runner_set;
    p->sex = a->sex;
    p->foot_strike = a->foot_strike;
    p->as_of = a->as_of;
    p->has_as_of = a->has_as_of;
    hp_profile *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(&((hp_assessment *)a)->profile, &expected, p,
                                                 memory_order_acq_rel, memory_order_acquire)) {
        hp_profile_free(p); /* another thread built it first */
        return expected;
    }
    return p;
}

/* ---- Building an assessment --------------------------------------------------------- */

/* Carves one allocation into aligned arrays. */
typedef struct arena {
    size_t size;
    char *base;
} arena;

static size_t arena_take(arena *ar, size_t n, size_t size) {
    size_t off = (ar->size + 7) & ~(size_t)7;
    ar->size = off + n * size;
    return off;
}

#define ARENA_PTR(ar, off) ((void *)((ar).base + (off)))

/* Bytes of the arena for the texts of risks and reasons (more go to an allocation). */
#define TEXTS_INLINE 384
/* Ontologies with at most this many findings get a plain per-finding answer index (2 bytes
   a finding); larger ones look answers up by binary search. */
#define ANSWER_INDEX_MAX 2048
/* Triage reasons and don't-miss entries kept in the arena before they need an allocation. */
#define REASONS_INLINE 6

/* The touched conditions: condition -> index into causes. A plain array when the ontology
   is small next to the evidence, else open addressing (condition + 1 as the key). */
typedef struct cond_map {
    uint32_t *dense; /* per condition, UINT32_MAX for none; NULL when hashed */
    uint32_t *keys, *vals;
    size_t mask;
} cond_map;

/* The index of c in a hashed map, adding it as `next` (and setting *added) when it is new
   (a plain-array map is used inline). */
static uint32_t map_add(cond_map *m, uint32_t c, uint32_t next, int *added) {
    *added = 0;
    size_t j = hash_u32(c) & m->mask;
    while (m->keys[j] && m->keys[j] != c + 1)
        j = (j + 1) & m->mask;
    if (!m->keys[j]) {
        m->keys[j] = c + 1;
        m->vals[j] = next;
        *added = 1;
    }
    return m->vals[j];
}

/* The profile's answered findings in ascending order, found through its answered-blocks
   bitmap (only blocks where something was answered are read). Up to cap indices go to
   out; *links adds up their evidence links. Returns the count. */
#define SCAN_STACK 256

static size_t scan_answers(const hp_profile *p, size_t nf, uint32_t *out, size_t cap, size_t *links,
                           const hp_ontology *o) {
    size_t n = 0;
    size_t n_blocks = (nf + 63) / 64;
    for (size_t w = 0; w * 64 < n_blocks; w++) {
        uint64_t bits = p->answered_blocks[w];
        while (bits) {
            int k = 0;
            while (!(bits >> k & 1))
                k++;
            bits &= bits - 1;
            size_t f = (w * 64 + (size_t)k) * 64, end = f + 64 < nf ? f + 64 : nf;
            while (f < end) {
                uint64_t eight;
                if (f + 8 <= end) { /* skip eight unknowns (-1) at once */
                    memcpy(&eight, p->answers + f, 8);
                    if (eight == UINT64_MAX) {
                        f += 8;
                        continue;
                    }
                }
                if (p->answers[f++] == HP_ANSWER_UNKNOWN)
                    continue;
                f--;
                if (n < cap)
                    out[n] = (uint32_t)f;
                n++;
                *links += o->findings[f].links.count;
                f++;
            }
        }
    }
    return n;
}

/* Answered finding gi of the profile: from the stack copy, or scanning on from *scan. */
static uint32_t given_at(const hp_profile *p, const uint32_t *stack, int use_stack, size_t gi,
                         size_t *scan) {
    if (use_stack)
        return stack[gi];
    while (p->answers[*scan] == HP_ANSWER_UNKNOWN)
        (*scan)++;
    return (uint32_t)(*scan)++;
}

/* What an assessment of a profile needs room for, found before anything is allocated. */
typedef struct sizes {
    double metrics[HP_METRIC_COUNT];
    unsigned known; /* bit m set when metrics[m] is known */
    size_t n_rules; /* derived-finding rules the known metrics make computable */
    uint32_t stack[SCAN_STACK];
    size_t n_given; /* the profile's answered findings (the first SCAN_STACK in stack) */
    size_t max_touched;
    size_t set_cap; /* slots of the hashed map */
    int dense;      /* the map of touched conditions is a plain array */
} sizes;

/* The scratch arrays of the arena, beside the assessment's own. */
typedef struct scratch {
    uint64_t *pairs; /* derived findings: finding << 2 | state */
    uint64_t *keys;  /* prior ranks, for sorting */
    double *score;   /* by condition, with a plain-array map */
    uint32_t *dense, *skeys, *svals;
    char *texts;
} scratch;

/* Step 1: the metrics, the derived-finding rules they make computable, the profile's
   answers, and from them the sizes of everything. */
static void measure(sizes *s, const hp_profile *profile) {
    const hp_ontology *o = profile->onto;
    size_t nc = o->n_conditions;
    s->known = 0;
    hp__compute_metrics(profile, s->metrics, &s->known);
    size_t n_rules = 0, links = 0;
    for (int m = 0; m < HP_METRIC_COUNT; m++) {
        if (!(s->known >> m & 1))
            continue;
        const hp__range *r = &o->derived_by_metric[m];
        n_rules += r->count;
        for (uint32_t j = 0; j < r->count; j++)
            links += o->findings[o->derived[o->derived_order[r->first + j]].finding].links.count;
    }
    s->n_rules = n_rules;
    s->n_given = scan_answers(profile, o->n_findings, s->stack, SCAN_STACK, &links, o);
    s->max_touched = links < nc ? links : nc;
    s->set_cap = 16;
    while (s->set_cap < 2 * s->max_touched)
        s->set_cap *= 2;
    /* O(nc) work (a plain array, scans in prior order) only when the evidence could touch
       every condition; otherwise a hash set, and costs follow the evidence */
    s->dense = nc <= s->max_touched;
}

/* Step 2: one allocation for everything of known size; the assessment at its start, with
   the profile's runner data, metrics and runs copied in. NULL if memory runs out. */
static hp_assessment *allocate(const sizes *s, const hp_profile *profile, scratch *sc) {
    const hp_ontology *o = profile->onto;
    size_t nc = o->n_conditions, max_touched = s->max_touched;
    size_t set_cap = s->set_cap, max_answers = s->n_given + s->n_rules;
    int dense = s->dense;
    arena ar = {0, NULL};
    size_t o_a = arena_take(&ar, 1, sizeof(hp_assessment));
    size_t o_ans = arena_take(&ar, max_answers, sizeof(hp__answer));
    size_t o_pairs = arena_take(&ar, s->n_rules, sizeof(uint64_t));
    size_t o_risks = arena_take(&ar, s->n_rules, sizeof(hp__risk));
    size_t o_causes = arena_take(&ar, max_touched, sizeof(hp__cause));
    size_t o_keys = arena_take(&ar, max_touched, sizeof(uint64_t));
    size_t o_ranks = arena_take(&ar, max_touched, sizeof(uint32_t));
    size_t o_dense = arena_take(&ar, dense ? nc : 0, sizeof(uint32_t));
    size_t o_score = arena_take(&ar, dense ? nc : 0, sizeof(double));
    size_t o_skeys = arena_take(&ar, dense ? 0 : set_cap, sizeof(uint32_t));
    size_t o_svals = arena_take(&ar, dense ? 0 : set_cap, sizeof(uint32_t));
    size_t o_runs = arena_take(&ar, profile->n_runs, sizeof(hp_run));
    size_t o_details = arena_take(&ar, profile->n_runs, sizeof(hp_run_details));
    int indexed = o->n_findings <= ANSWER_INDEX_MAX;
    size_t o_index = arena_take(&ar, indexed ? o->n_findings : 0, sizeof(uint16_t));
    size_t o_pres = arena_take(&ar, o->n_presentations, sizeof(double));
    size_t o_reasons = arena_take(&ar, REASONS_INLINE, sizeof(hp__reason));
    size_t o_dont_miss = arena_take(&ar, REASONS_INLINE, sizeof(hp__dont_miss));
    size_t o_texts = arena_take(&ar, TEXTS_INLINE, 1);
    ar.base = hp__malloc(&o->alloc, ar.size);
    if (!ar.base)
        return NULL;
    *sc = (scratch){ARENA_PTR(ar, o_pairs), ARENA_PTR(ar, o_keys),  ARENA_PTR(ar, o_score),
                    ARENA_PTR(ar, o_dense), ARENA_PTR(ar, o_skeys), ARENA_PTR(ar, o_svals),
                    ARENA_PTR(ar, o_texts)};
    hp_assessment *a = ARENA_PTR(ar, o_a);
    memset(a, 0, sizeof *a);
    a->onto = hp_ontology_ref(o);
    atomic_init(&a->profile, NULL);
    a->answers = ARENA_PTR(ar, o_ans);
    a->risks = ARENA_PTR(ar, o_risks);
    a->causes = ARENA_PTR(ar, o_causes);
    a->ranks = ARENA_PTR(ar, o_ranks);
    a->runs = ARENA_PTR(ar, o_runs);
    a->details = ARENA_PTR(ar, o_details);
    a->answer_index = indexed ? ARENA_PTR(ar, o_index) : NULL;
    a->presentation_scores = ARENA_PTR(ar, o_pres);
    for (size_t i = 0; i < o->n_presentations; i++)
        a->presentation_scores[i] = o->presentations[i].log_share;
    a->reasons = ARENA_PTR(ar, o_reasons);
    a->reasons_cap = REASONS_INLINE;
    a->dont_miss = ARENA_PTR(ar, o_dont_miss);
    a->dont_miss_cap = REASONS_INLINE;
    a->n_causes = nc;
    memcpy(a->metrics, s->metrics, sizeof s->metrics);
    a->metrics_known = s->known;
    memcpy(a->runner, profile->runner, sizeof a->runner);
    a->runner_set = profile->runner_set;
    a->sex = profile->sex;
    a->foot_strike = profile->foot_strike;
    a->as_of = profile->as_of;
    a->has_as_of = profile->has_as_of;
    a->n_runs = profile->n_runs;
    if (profile->n_runs)
        memcpy(a->runs, profile->runs, profile->n_runs * sizeof *a->runs);
    if (profile->n_runs)
        memcpy(a->details, profile->details, profile->n_runs * sizeof *a->details);
    return a;
}

/* Step 3: the derived-finding rules of the known metrics: per finding, 1 computable but
   none fired, 2 fired (into pairs, sorted); the fired ones are risks, in rule order, each
   with its text in the pool. Returns the number of pairs. */
static size_t derive(hp_assessment *a, const sizes *s, uint64_t *pairs, hp__buf *pool) {
    const hp_ontology *o = a->onto;
    size_t n_pairs = 0;
    for (int m = 0; m < HP_METRIC_COUNT; m++) {
        if (!(s->known >> m & 1))
            continue;
        const hp__range *r = &o->derived_by_metric[m];
        for (uint32_t j = 0; j < r->count; j++) {
            uint32_t i = o->derived_order[r->first + j];
            const hp__derived_rule *d = &o->derived[i];
            int fired = compare(s->metrics[m], (hp_compare)d->op, d->threshold);
            if (fired)
                a->risks[a->n_risks++] = (hp__risk){i, s->metrics[m], 0};
            pairs[n_pairs++] = (uint64_t)d->finding << 2 | (fired ? 2u : 1u);
        }
    }
    /* risks in rule order, each with its text */
    for (size_t i = 1; i < a->n_risks; i++) {
        hp__risk v = a->risks[i];
        size_t j = i;
        while (j > 0 && a->risks[j - 1].rule > v.rule) {
            a->risks[j] = a->risks[j - 1];
            j--;
        }
        a->risks[j] = v;
    }
    for (size_t i = 0; i < a->n_risks; i++) {
        const hp__derived_rule *d = &o->derived[a->risks[i].rule];
        a->risks[i].text = pool->len;
        explain_risk(pool, a, (hp_metric)d->metric, a->risks[i].value, (hp_compare)d->op,
                     d->threshold);
        hp__buf_append(pool, "", 1);
    }
    sort_u64(pairs, n_pairs);
    return n_pairs;
}

/* Step 4: the answers: the profile's, with the derived ones in their place (a derived
   finding overrides the runner's answer). */
static void merge_answers(hp_assessment *a, const sizes *s, const hp_profile *profile,
                          const uint64_t *pairs, size_t n_pairs) {
    size_t gi = 0, pi = 0, scan = 0, n_given = s->n_given;
    const uint32_t *stack = s->stack;
    int use_stack = n_given <= SCAN_STACK;
    uint32_t g = n_given ? given_at(profile, stack, use_stack, gi, &scan) : UINT32_MAX;
    while (g != UINT32_MAX || pi < n_pairs) {
        uint32_t df = pi < n_pairs ? (uint32_t)(pairs[pi] >> 2) : UINT32_MAX;
        if (g < df) {
            a->answers[a->n_answers++] = (hp__answer){g, profile->answers[g], 0};
            gi++;
            g = gi < n_given ? given_at(profile, stack, use_stack, gi, &scan) : UINT32_MAX;
            continue;
        }
        unsigned state = 0;
        while (pi < n_pairs && (uint32_t)(pairs[pi] >> 2) == df)
            state = (unsigned)(pairs[pi++] & 3u); /* ascending: the last is the strongest */
        a->answers[a->n_answers++] =
            (hp__answer){df, (int8_t)(state == 2 ? HP_ANSWER_PRESENT : HP_ANSWER_ABSENT), 1};
        if (g == df) { /* the rule overrides the runner's answer */
            gi++;
            g = gi < n_given ? given_at(profile, stack, use_stack, gi, &scan) : UINT32_MAX;
        }
    }
    if (a->answer_index) {
        memset(a->answer_index, 0, profile->onto->n_findings * sizeof *a->answer_index);
        for (size_t i = 0; i < a->n_answers; i++)
            a->answer_index[a->answers[i].finding] = (uint16_t)(i + 1);
    }
}

/* Step 5, with a plain-array map: the touched conditions and their scores, by condition,
   gathered into the causes at the end. */
static void score_dense(hp_assessment *a, cond_map *map, double *score) {
    const hp_ontology *o = a->onto;
    memset(map->dense, 0xff, o->n_conditions * sizeof *map->dense);
    for (size_t i = 0; i < a->n_answers; i++) {
        const hp__answer *an = &a->answers[i];
        const hp__range *r = &o->findings[an->finding].links;
        const hp__flink *fl = o->finding_links + r->first;
        int present = an->answer == HP_ANSWER_PRESENT;
        for (uint32_t j = 0; j < r->count; j++) {
            uint32_t c = fl[j].condition;
            if (map->dense[c] == UINT32_MAX) {
                map->dense[c] = (uint32_t)a->n_touched;
                a->causes[a->n_touched++].condition = c;
                score[c] = o->conditions[c].log_prior;
            }
            double w = present ? fl[j].weight_present : fl[j].weight_absent;
            if (fl[j].presentation == HP__NO_PRESENTATION)
                score[c] += w;
            else
                a->presentation_scores[fl[j].presentation] += w;
        }
    }
    for (size_t k = 0; k < a->n_touched; k++)
        a->causes[k].score = score[a->causes[k].condition];
}

/* Step 5, with a hashed map: the touched conditions and their scores. */
static void score_hashed(hp_assessment *a, cond_map *map) {
    const hp_ontology *o = a->onto;
    memset(map->keys, 0, (map->mask + 1) * sizeof *map->keys);
    for (size_t i = 0; i < a->n_answers; i++) {
        const hp__answer *an = &a->answers[i];
        const hp__range *r = &o->findings[an->finding].links;
        const hp__flink *fl = o->finding_links + r->first;
        int present = an->answer == HP_ANSWER_PRESENT;
        for (uint32_t j = 0; j < r->count; j++) {
            int added;
            hp__cause *c =
                &a->causes[map_add(map, fl[j].condition, (uint32_t)a->n_touched, &added)];
            if (added) {
                a->n_touched++;
                c->condition = fl[j].condition;
                c->score = o->conditions[fl[j].condition].log_prior;
            }
            double w = present ? fl[j].weight_present : fl[j].weight_absent;
            if (fl[j].presentation == HP__NO_PRESENTATION)
                c->score += w;
            else
                a->presentation_scores[fl[j].presentation] += w;
        }
    }
}

/* Step 5b: a touched condition with presentations adds the log of its presentations'
   share-weighted likelihood ratios (the condition-wide links are already in its score). */
static void mix_presentations(hp_assessment *a) {
    const hp_ontology *o = a->onto;
    if (!o->n_mixed)
        return;
    for (size_t k = 0; k < a->n_touched; k++) {
        const hp__range *r = &o->conditions[a->causes[k].condition].presentations;
        if (r->count)
            a->causes[k].score += hp__log_sum_exp(a->presentation_scores + r->first, r->count);
    }
}

double hp__presentation_probability(const hp_assessment *a, uint32_t p) {
    const hp_ontology *o = a->onto;
    const hp__range *r = &o->conditions[o->presentations[p].condition].presentations;
    const double *v = a->presentation_scores + r->first;
    return exp(a->presentation_scores[p] - hp__log_sum_exp(v, r->count));
}

uint32_t hp__leading_presentation(const hp_assessment *a, size_t c) {
    const hp__range *r = &a->onto->conditions[c].presentations;
    uint32_t best = HP__NO_PRESENTATION;
    for (uint32_t k = 0; k < r->count; k++)
        if (best == HP__NO_PRESENTATION ||
            a->presentation_scores[r->first + k] > a->presentation_scores[best])
            best = r->first + k;
    return best;
}

/* Step 6: the prior ranks of the touched conditions, ascending. */
static void rank_priors(hp_assessment *a, const cond_map *map, uint64_t *keys) {
    const hp_ontology *o = a->onto;
    size_t t = a->n_touched, nc = o->n_conditions;
    if (map->dense) {
        for (size_t p = 0, k = 0; p < nc && k < t; p++)
            if (map->dense[o->prior_order[p]] != UINT32_MAX)
                a->ranks[k++] = (uint32_t)p;
    } else {
        for (size_t k = 0; k < t; k++)
            keys[k] = o->prior_rank[a->causes[k].condition];
        sort_u64(keys, t);
        for (size_t k = 0; k < t; k++)
            a->ranks[k] = (uint32_t)keys[k];
    }
}

/* The prior mass of the untouched conditions (touched ones: a->ranks). */
static double untouched_prior(const hp_assessment *a, const cond_map *map) {
    const hp_ontology *o = a->onto;
    size_t t = a->n_touched, nc = o->n_conditions;
    double untouched = 0;
    if (map->dense) {
        for (size_t c = 0; c < nc; c++)
            if (map->dense[c] == UINT32_MAX)
                untouched += o->conditions[c].prior;
        return untouched;
    }
    double touched_prior = 0;
    for (size_t k = 0; k < t; k++)
        touched_prior += o->conditions[a->causes[k].condition].prior;
    untouched = o->prior_total - touched_prior;
    if (untouched < 1e-6 * o->prior_total) { /* cancellation: sum them instead */
        untouched = 0;
        for (size_t p = 0, k = 0; p < nc; p++) {
            if (k < t && a->ranks[k] == p) {
                k++;
                continue;
            }
            untouched += o->conditions[o->prior_order[p]].prior;
        }
    }
    return untouched;
}

/* Step 7: probabilities: softmax over touched scores and untouched log priors. */
static void normalize(hp_assessment *a, const cond_map *map) {
    const hp_ontology *o = a->onto;
    size_t t = a->n_touched;
    double top = -INFINITY, z = 0;
    for (size_t k = 0; k < t; k++)
        if (a->causes[k].score > top)
            top = a->causes[k].score;
    double untouched = 0; /* prior mass of the untouched conditions */
    if (t < o->n_conditions) {
        uint32_t first_u = untouched_at(a, 0);
        if (o->conditions[first_u].log_prior > top)
            top = o->conditions[first_u].log_prior;
        untouched = untouched_prior(a, map);
    }
    for (size_t k = 0; k < t; k++) {
        a->causes[k].probability = exp(a->causes[k].score - top);
        z += a->causes[k].probability;
    }
    if (untouched > 0)
        z += exp(log(untouched) - top);
    for (size_t k = 0; k < t; k++)
        a->causes[k].probability /= z;
    a->top = top;
    a->z = z;
    a->untouched_scale = exp(-(top + log(z)));
}

/* Step 8: the causes sorted, and the map then giving each condition's place in the ranked
   list (kept by the assessment). */
static void index_ranked(hp_assessment *a, const cond_map *map) {
    size_t t = a->n_touched;
    sort_causes(a->onto, a->causes, t);
    if (map->dense) {
        for (size_t k = 0; k < t; k++)
            map->dense[a->causes[k].condition] = (uint32_t)k;
        a->dense = map->dense;
        return;
    }
    for (size_t k = 0; k < t; k++) {
        size_t j = hash_u32(a->causes[k].condition) & map->mask;
        while (map->keys[j] != a->causes[k].condition + 1)
            j = (j + 1) & map->mask;
        map->vals[j] = (uint32_t)k;
    }
    a->keys = map->keys;
    a->vals = map->vals;
    a->mask = map->mask;
}

static hp_status triage(hp_assessment *a, hp__buf *pool);

static hp_status build(hp_assessment **out, const hp_profile *profile, hp_error *err) {
    sizes s;
    measure(&s, profile);
    scratch sc;
    hp_assessment *a = allocate(&s, profile, &sc);
    if (!a)
        return hp__nomem(err);
    hp__buf pool; /* texts: in the arena unless they outgrow it */
    hp__buf_init_borrowed(&pool, &profile->onto->alloc, sc.texts, TEXTS_INLINE);
    size_t n_pairs = derive(a, &s, sc.pairs, &pool);
    merge_answers(a, &s, profile, sc.pairs, n_pairs);
    cond_map map = {NULL, NULL, NULL, s.set_cap - 1};
    if (s.dense) {
        map.dense = sc.dense;
        score_dense(a, &map, sc.score);
    } else {
        map.keys = sc.skeys;
        map.vals = sc.svals;
        score_hashed(a, &map);
    }
    mix_presentations(a);
    rank_priors(a, &map, sc.keys);
    normalize(a, &map);
    index_ranked(a, &map);

    hp_status st = triage(a, &pool);
    if (st == HP_OK && pool.failed)
        st = HP_E_NOMEM;
    if (st != HP_OK) {
        hp__buf_free(&pool);
        hp_assessment_free(a);
        return hp__nomem(err);
    }
    a->pool = pool.data;
    a->pool_size = pool.len;
    a->pool_owned = !pool.borrowed;
    *out = a;
    return HP_OK;
}
/* ---- Triage ------------------------------------------------------------------------- */

static hp_status add_reason(hp_assessment *a, const hp__reason *x) {
    if (!hp__grow_owned(&a->onto->alloc, (void **)&a->reasons, &a->reasons_cap, &a->reasons_owned,
                        a->n_reasons + 1, sizeof *a->reasons))
        return HP_E_NOMEM;
    a->reasons[a->n_reasons++] = *x;
    return HP_OK;
}

/* A suspected serious or emergency cause; the findings are those arguing for it. */
static hp_status suspected(hp_assessment *a, hp__buf *pool, const hp__cause *c) {
    const hp_ontology *o = a->onto;
    const hp__condition *cond = &o->conditions[c->condition];
    if (c->probability < cond->suspect_at)
        return HP_OK;
    hp_triage_level level;
    if (cond->seriousness == HP_SERIOUSNESS_EMERGENCY)
        level = HP_TRIAGE_URGENT;
    else if (cond->seriousness == HP_SERIOUSNESS_SERIOUS)
        level = HP_TRIAGE_SEE_CLINICIAN;
    else
        return HP_OK;
    hp__reason x = {(uint8_t)level, -1, (int32_t)c->condition, pool->len, 0, cond->e.sources};
    int first = 1;
    hp__evidence e;
    for (size_t j = 0; hp__evidence_at(a, c->condition, j, &e); j++) {
        if (e.weight > 0) {
            if (!first)
                hp__buf_append(pool, " ", 1);
            put(pool, hp__s(o, o->findings[e.finding].e.id));
            first = 0;
        }
    }
    hp__buf_append(pool, "", 1);
    x.text = pool->len;
    put(pool, hp_ontology_text(o, HP_ENTITY_CONDITION, c->condition, HP_TEXT_LABEL, NULL));
    put(pool, " is suspected (probability ");
    put_fixed(pool, c->probability * 100, 0);
    put(pool, level == HP_TRIAGE_URGENT ? "%): seek urgent care today"
                                        : "%): see a clinician within days");
    hp__buf_append(pool, "", 1);
    return add_reason(a, &x);
}

long hp__red_flag_open_groups(const hp_assessment *a, size_t r, const uint8_t *skip,
                              long *first_unknown) {
    const hp_ontology *o = a->onto;
    const hp__range *fr = &o->red_flags[r].findings;
    const uint32_t *findings = o->red_flag_findings + fr->first;
    const uint16_t *groups = o->red_flag_groups + fr->first;
    long open = 0;
    *first_unknown = -1;
    for (uint32_t j = 0; j < fr->count;) {
        uint16_t g = groups[j];
        int present = 0;
        long unknown = -1;
        for (; j < fr->count && groups[j] == g; j++) {
            hp_answer an = hp__assessed_answer(a, findings[j]);
            if (an == HP_ANSWER_PRESENT)
                present = 1;
            else if (an == HP_ANSWER_UNKNOWN && !(skip && skip[findings[j]]) && unknown < 0)
                unknown = findings[j];
        }
        if (present)
            continue;
        if (unknown < 0)
            return -1;
        if (open++ == 0)
            *first_unknown = unknown;
    }
    return open;
}

/* Whether present finding f is the first present finding of red flag r's first group. */
static int anchors_red_flag(const hp_assessment *a, uint32_t r, uint32_t f) {
    const hp_ontology *o = a->onto;
    const hp__range *fr = &o->red_flags[r].findings;
    for (uint32_t j = 0; j < fr->count && o->red_flag_groups[fr->first + j] == 0; j++) {
        uint32_t g = o->red_flag_findings[fr->first + j];
        if (g == f)
            return 1;
        if (hp__assessed_answer(a, g) == HP_ANSWER_PRESENT)
            return 0;
    }
    return 0;
}

/* The reason of a red flag that fires: its present findings, its message. */
static hp_status fire_red_flag(hp_assessment *a, hp__buf *pool, uint32_t r) {
    const hp_ontology *o = a->onto;
    const hp__red_flag *rf = &o->red_flags[r];
    hp__reason x = {rf->level, (int32_t)r, rf->condition, pool->len, HP__NO_TEXT, rf->e.sources};
    int first = 1;
    for (uint32_t j = 0; j < rf->findings.count; j++) {
        uint32_t f = o->red_flag_findings[rf->findings.first + j];
        if (hp__assessed_answer(a, f) != HP_ANSWER_PRESENT)
            continue;
        if (!first)
            hp__buf_append(pool, " ", 1);
        put(pool, hp__s(o, o->findings[f].e.id));
        first = 0;
    }
    hp__buf_append(pool, "", 1);
    return add_reason(a, &x); /* its text is the rule's message, read when asked for */
}

static hp_status triage(hp_assessment *a, hp__buf *pool) {
    const hp_ontology *o = a->onto;
    hp_status st = HP_OK;
    /* red flags: a rule is looked at once, from the first present finding of its first
       group */
    for (size_t i = 0; i < a->n_answers && st == HP_OK; i++) {
        const hp__answer *an = &a->answers[i];
        if (an->answer != HP_ANSWER_PRESENT)
            continue;
        const hp__range *fr = &o->findings[an->finding].red_flags;
        for (uint32_t k = 0; k < fr->count && st == HP_OK; k++) {
            uint32_t r = o->finding_red_flags[fr->first + k];
            long unknown;
            if (anchors_red_flag(a, r, an->finding) &&
                hp__red_flag_open_groups(a, r, NULL, &unknown) == 0)
                st = fire_red_flag(a, pool, r);
        }
    }
    /* suspected serious causes: the touched ones, then the untouched ones in the order in
       which the probability scale makes them suspected */
    for (size_t k = 0; k < a->n_touched && st == HP_OK; k++)
        if (a->causes[k].probability >= o->conditions[a->causes[k].condition].suspect_at)
            st = suspected(a, pool, &a->causes[k]);
    for (size_t k = 0; k < o->n_serious && st == HP_OK; k++) {
        uint32_t c = o->serious_order[k];
        const hp__condition *cond = &o->conditions[c];
        if (cond->suspect_at / cond->prior > a->untouched_scale * (1 + 1e-9))
            break;
        if (touched_index(a, c) >= 0)
            continue;
        hp__cause u = {c, untouched_probability(a, c), cond->log_prior};
        st = suspected(a, pool, &u);
    }
    if (st != HP_OK)
        return st;
    for (size_t i = 1; i < a->n_reasons; i++) {
        hp__reason v = a->reasons[i];
        size_t j = i;
        while (j > 0 && cmp_reason(&v, &a->reasons[j - 1]) < 0) {
            a->reasons[j] = a->reasons[j - 1];
            j--;
        }
        a->reasons[j] = v;
    }
    a->triage = a->n_reasons ? (hp_triage_level)a->reasons[0].level : HP_TRIAGE_SELF_CARE;
    return hp__dont_miss_build(a);
}

hp_status hp_assess(const hp_profile *profile, hp_assessment **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_assess: 'out' is NULL");
    *out = NULL;
    if (!profile)
        return hp__error(err, HP_E_INVALID, "hp_assess: 'profile' is NULL");
    return build(out, profile, err);
}

void hp_assessment_free(hp_assessment *a) {
    if (!a)
        return;
    const hp_ontology *o = a->onto;
    const hp_allocator *al = &o->alloc;
    hp_profile_free(atomic_load_explicit(&a->profile, memory_order_acquire));
    if (a->reasons_owned)
        hp__free(al, a->reasons);
    if (a->dont_miss_owned)
        hp__free(al, a->dont_miss);
    if (a->pool_owned)
        hp__free(al, a->pool);
    hp__free(al, a); /* the arena */
    hp_ontology_free(o);
}

/* ---- Accessors ---------------------------------------------------------------------- */

const hp_ontology *hp_assessment_ontology(const hp_assessment *a) { return a ? a->onto : NULL; }

const hp_profile *hp_assessment_profile(const hp_assessment *a) {
    return a ? hp__assessment_profile(a) : NULL;
}

hp_triage_level hp_assessment_triage(const hp_assessment *a) {
    return a ? a->triage : HP_TRIAGE_SELF_CARE;
}

size_t hp_assessment_reason_count(const hp_assessment *a) { return a ? a->n_reasons : 0; }

hp_status hp_assessment_reason(const hp_assessment *a, size_t i, hp_triage_reason *out) {
    if (!a || !out || i >= a->n_reasons)
        return HP_E_NOT_FOUND;
    const hp__reason *r = &a->reasons[i];
    const hp_ontology *o = a->onto;
    out->level = (hp_triage_level)r->level;
    out->rule = r->rule >= 0 ? hp__s(o, o->red_flags[r->rule].e.id) : NULL;
    out->condition = r->condition >= 0 ? hp__s(o, o->conditions[r->condition].e.id) : NULL;
    out->findings = a->pool + r->findings;
    out->text = r->text == HP__NO_TEXT ? hp_ontology_text(o, HP_ENTITY_RED_FLAG, (size_t)r->rule,
                                                          HP_TEXT_MESSAGE, NULL)
                                       : a->pool + r->text;
    out->sources = hp__s(o, r->sources);
    return HP_OK;
}

size_t hp_assessment_cause_count(const hp_assessment *a) { return a ? a->n_causes : 0; }

hp_status hp_assessment_cause(const hp_assessment *a, size_t i, hp_cause *out) {
    if (!a || !out || i >= a->n_causes)
        return HP_E_NOT_FOUND;
    hp__cause cause;
    hp__cause_at(a, i, &cause);
    const hp__cause *c = &cause;
    const hp__condition *cond = &a->onto->conditions[c->condition];
    out->id = hp__s(a->onto, cond->e.id);
    out->condition = c->condition;
    out->probability = c->probability;
    out->prior = cond->prior;
    out->score = c->score;
    out->suspected = c->probability >= cond->suspect_at;
    out->n_evidence = hp__evidence_count(a, c->condition);
    return HP_OK;
}

hp_status hp_assessment_evidence(const hp_assessment *a, size_t i, size_t j, hp_evidence *out) {
    if (!a || !out || i >= a->n_causes)
        return HP_E_NOT_FOUND;
    hp__cause c;
    hp__cause_at(a, i, &c);
    hp__evidence ev;
    if (!hp__evidence_at(a, c.condition, j, &ev))
        return HP_E_NOT_FOUND;
    const hp__evidence *e = &ev;
    const hp_ontology *o = a->onto;
    const hp__link *l = &o->links[e->link];
    out->finding = hp__s(o, o->findings[e->finding].e.id);
    out->finding_index = e->finding;
    out->answer = (hp_answer)e->answer;
    out->derived = e->derived;
    out->weight = e->weight;
    out->strength = l->strength;
    out->sources = hp__s(o, l->sources);
    return HP_OK;
}

double hp_assessment_probability(const hp_assessment *a, size_t condition) {
    return a ? hp__condition_probability(a, condition) : 0;
}

double hp_assessment_presentation_probability(const hp_assessment *a, size_t condition, size_t k) {
    if (!a || condition >= a->n_causes || k >= a->onto->conditions[condition].presentations.count)
        return 0;
    return hp__presentation_probability(a, a->onto->conditions[condition].presentations.first +
                                               (uint32_t)k);
}

size_t hp_assessment_risk_count(const hp_assessment *a) { return a ? a->n_risks : 0; }

hp_status hp_assessment_risk(const hp_assessment *a, size_t i, hp_risk *out) {
    if (!a || !out || i >= a->n_risks)
        return HP_E_NOT_FOUND;
    const hp__risk *k = &a->risks[i];
    const hp_ontology *o = a->onto;
    const hp__derived_rule *r = &o->derived[k->rule];
    out->finding = hp__s(o, o->findings[r->finding].e.id);
    out->rule = hp__s(o, r->e.id);
    out->metric = (hp_metric)r->metric;
    out->value = k->value;
    out->op = (hp_compare)r->op;
    out->threshold = r->threshold;
    out->text = a->pool + k->text;
    out->sources = hp__s(o, r->e.sources);
    return HP_OK;
}

hp_status hp_assessment_metric(const hp_assessment *a, hp_metric m, double *value) {
    if (!a || !value || (int)m < 0 || m >= HP_METRIC_COUNT)
        return HP_E_INVALID;
    if (!(a->metrics_known >> m & 1))
        return HP_E_NOT_FOUND;
    *value = a->metrics[m];
    return HP_OK;
}

/* ---- The next question -------------------------------------------------------------- */

/* A red-flag question: the first unknown finding of a rule that can still fire (the most
   urgent rule first, then the one with the fewest groups left to satisfy). Don't-miss
   rules that only send the runner to a clinician are left to the information gain: they
   make a serious cause plausible rather than screen for an emergency, and asking every
   trigger of every one first would crowd out the questions that rank the causes. */
static long red_flag_question(const hp_assessment *a, const uint8_t *skip) {
    const hp_ontology *o = a->onto;
    long best = -1;
    int best_level = -1;
    long best_open = LONG_MAX;
    for (size_t r = 0; r < o->n_red_flags; r++) {
        const hp__red_flag *rf = &o->red_flags[r];
        if (rf->condition >= 0 && rf->level < HP_TRIAGE_URGENT)
            continue;
        long first;
        long open = hp__red_flag_open_groups(a, r, skip, &first);
        if (open <= 0)
            continue;
        if (rf->level > best_level || (rf->level == best_level && open < best_open)) {
            best = first;
            best_level = rf->level;
            best_open = open;
        }
    }
    return best;
}

static double entropy(const double *p, size_t n) {
    double h = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0)
            h -= p[i] * log2(p[i]);
    return h;
}

/* The work arrays of the question choice, by condition index (nc) and presentation (np). */
typedef struct gain_work {
    double *prob;               /* the current probabilities */
    double *post_yes, *post_no; /* prob * P(f | c), prob * (1 - P(f | c)) */
    double *wide;               /* a mixed condition's condition-wide strength of f, or -1 */
    double *resp;               /* P(presentation | its condition, the answers) */
    double *own;                /* a presentation's own strength of f, or -1 */
} gain_work;

/* post_yes and post_no for finding f: P(f | c) is the link's strength, or the base rate
   without one; for a condition with presentations, the mixture over its presentations,
   each weighted by its probability given the condition and the answers so far. */
static void answer_joint(const hp_assessment *a, size_t f, const gain_work *w) {
    const hp_ontology *o = a->onto;
    double br = o->findings[f].base_rate;
    const hp__range *r = &o->findings[f].links;
    for (size_t c = 0; c < a->n_causes; c++) {
        w->post_yes[c] = w->prob[c] * br;
        w->post_no[c] = w->prob[c] * (1 - br);
    }
    for (uint32_t j = 0; j < r->count; j++) {
        const hp__link *l = &o->links[o->finding_links[r->first + j].link];
        if (l->presentation != HP__NO_PRESENTATION) {
            w->own[l->presentation] = l->strength;
        } else if (o->conditions[l->condition].presentations.count) {
            w->wide[l->condition] = l->strength;
        } else {
            w->post_yes[l->condition] = w->prob[l->condition] * l->strength;
            w->post_no[l->condition] = w->prob[l->condition] * (1 - l->strength);
        }
    }
    for (size_t m = 0; m < o->n_mixed; m++) {
        uint32_t c = o->mixed[m];
        const hp__range *pr = &o->conditions[c].presentations;
        double ws = w->wide[c] >= 0 ? w->wide[c] : br, s = 0;
        for (uint32_t k = pr->first; k < pr->first + pr->count; k++) {
            s += w->resp[k] * (w->own[k] >= 0 ? w->own[k] : ws);
            w->own[k] = -1;
        }
        w->wide[c] = -1;
        w->post_yes[c] = w->prob[c] * s;
        w->post_no[c] = w->prob[c] * (1 - s);
    }
}

long hp__next_question(const hp_assessment *a, const uint8_t *skip, double *gain, int *red_flag) {
    const hp_ontology *o = a->onto;
    *gain = 0;
    if (red_flag)
        *red_flag = 0;
    long rf = red_flag_question(a, skip);
    if (rf >= 0) {
        if (red_flag)
            *red_flag = 1;
        return rf;
    }
    size_t nc = a->n_causes, np = o->n_presentations;
    if (!nc)
        return -1;
    double *prob = hp__calloc(&o->alloc, 4 * nc + 2 * np, sizeof *prob);
    if (!prob)
        return -2;
    gain_work w = {prob,          prob + nc,     prob + 2 * nc,
                   prob + 3 * nc, prob + 4 * nc, prob + 4 * nc + np};
    for (size_t c = 0; c < nc; c++) {
        prob[c] = untouched_probability(a, (uint32_t)c);
        w.wide[c] = -1;
    }
    for (size_t k = 0; k < a->n_touched; k++)
        prob[a->causes[k].condition] = a->causes[k].probability;
    for (size_t p = 0; p < np; p++) {
        w.resp[p] = hp__presentation_probability(a, (uint32_t)p);
        w.own[p] = -1;
    }
    double h0 = entropy(prob, nc);
    long best = -1;
    double best_gain = 0;
    size_t next = 0; /* the next answered finding, in a->answers */
    for (size_t f = 0; f < o->n_findings; f++) {
        if (next < a->n_answers && a->answers[next].finding == f) {
            next++;
            continue;
        }
        if ((skip && skip[f]) || !o->findings[f].links.count)
            continue; /* skipped, or linked to nothing: cannot tell causes apart */
        answer_joint(a, f, &w);
        double py = 0, pn = 0;
        for (size_t c = 0; c < nc; c++) {
            py += w.post_yes[c];
            pn += w.post_no[c];
        }
        if (py <= 0 || pn <= 0)
            continue;
        for (size_t c = 0; c < nc; c++) {
            w.post_yes[c] /= py;
            w.post_no[c] /= pn;
        }
        double g = h0 - (py * entropy(w.post_yes, nc) + pn * entropy(w.post_no, nc));
        if (g > best_gain + 1e-12) {
            best_gain = g;
            best = (long)f;
        }
    }
    hp__free(&o->alloc, prob);
    *gain = best_gain;
    return best;
}

const char *hp_assessment_next_question(const hp_assessment *a) {
    if (!a)
        return NULL;
    double gain;
    long f = hp__next_question(a, NULL, &gain, NULL);
    return f >= 0 ? hp__s(a->onto, a->onto->findings[f].e.id) : NULL;
}

double hp_assessment_next_question_gain(const hp_assessment *a) {
    if (!a)
        return 0;
    double gain;
    long f = hp__next_question(a, NULL, &gain, NULL);
    return f >= 0 ? gain : 0;
}
