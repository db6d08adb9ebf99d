/*
 * hp_assess_matrix(): the probabilities of every condition for each row of a matrix of
 * answers, straight from the model.
 *
 * For a profile that holds only answered findings (no runner numbers, no run log: no
 * derived findings), hp_assess() scores each condition as its log prior plus the weight of
 * every evidence link of an answered finding (weight_present or weight_absent), and the
 * probabilities are the softmax of the scores over every condition. Here the links of the
 * columns' findings are copied once per call into flat arrays (condition, weight if
 * present, weight if absent), and each row is one pass over its answers' links and one
 * softmax over the conditions, written in place in the output row. A condition with
 * presentations adds, as hp_assess() does, the log-sum-exp of its presentations' scores
 * (log share plus their own links' weights, which the flat arrays hold as presentation
 * links).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hippain/batch.h"

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "ontology/model.h"

/* *total += n * size, or 0 when it overflows. */
static int add_bytes(size_t *total, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size)
        return 0;
    size_t bytes = (n * size + 7) & ~(size_t)7; /* keep every array 8-byte aligned */
    if (bytes < n * size || *total > SIZE_MAX - bytes)
        return 0;
    *total += bytes;
    return 1;
}

/* The columns: each a finding index, none twice. `seen` has one byte per finding, zeroed. */
static hp_status check_columns(const hp_ontology *o, const size_t *columns, size_t cols,
                               unsigned char *seen, hp_error *err) {
    for (size_t c = 0; c < cols; c++) {
        size_t f = columns[c];
        if (f >= o->n_findings)
            return hp__error(err, HP_E_INVALID,
                             "hp_assess_matrix: column %zu is finding index %zu; the ontology "
                             "has %zu findings",
                             c, f, o->n_findings);
        if (seen[f]) {
            size_t first = 0;
            while (columns[first] != f)
                first++;
            return hp__error(err, HP_E_INVALID,
                             "hp_assess_matrix: columns %zu and %zu both name finding '%s'", first,
                             c, hp__s(o, o->findings[f].e.id));
        }
        seen[f] = 1;
    }
    return HP_OK;
}

/* The arguments: non-NULL where needed, sizes that fit, column indices in range. */
static hp_status check_args(const hp_ontology *onto, const signed char *answers, size_t rows,
                            size_t cols, const size_t *columns, const double *probabilities,
                            hp_error *err) {
    if (!onto)
        return hp__error(err, HP_E_INVALID, "hp_assess_matrix: NULL ontology");
    size_t nc = onto->n_conditions, nf = onto->n_findings;
    if (cols && rows > SIZE_MAX / cols)
        return hp__error(err, HP_E_LIMIT, "hp_assess_matrix: %zu x %zu answers are too many", rows,
                         cols);
    if (nc && rows > SIZE_MAX / sizeof(double) / nc)
        return hp__error(err, HP_E_LIMIT,
                         "hp_assess_matrix: %zu rows x %zu conditions are too many", rows, nc);
    if (rows && cols && !answers)
        return hp__error(err, HP_E_INVALID, "hp_assess_matrix: NULL answers");
    if (cols && !columns)
        return hp__error(err, HP_E_INVALID, "hp_assess_matrix: NULL columns");
    if (rows && nc && !probabilities)
        return hp__error(err, HP_E_INVALID, "hp_assess_matrix: NULL probabilities");
    for (size_t c = 0; c < cols; c++)
        if (columns[c] >= nf)
            return hp__error(err, HP_E_INVALID,
                             "hp_assess_matrix: column %zu is finding index %zu; the ontology "
                             "has %zu findings",
                             c, columns[c], nf);
    return HP_OK;
}

/* The links of the columns' findings, flat, in one allocation (base). */
typedef struct flat_links {
    char *base;
    double *lp;      /* log prior by condition */
    double *wp, *wa; /* weight if present, if absent, by link */
    uint32_t *cond;  /* condition by link */
    uint32_t *pres;  /* presentation by link, or HP__NO_PRESENTATION */
    double *ps;      /* a row's presentation scores, by presentation */
    size_t *first;   /* column c's links: first[c] .. first[c + 1] - 1 */
    unsigned char *seen;
} flat_links;

/* Allocates the flat links for n_cols columns (n_links links in all). */
static hp_status alloc_links(const hp_ontology *onto, size_t n_cols, size_t n_links, flat_links *fl,
                             hp_error *err) {
    size_t nc = onto->n_conditions, nf = onto->n_findings;
    size_t np = onto->n_presentations;
    size_t size = 0, o_lp, o_wp, o_wa, o_cond, o_pres, o_ps, o_first, o_seen;
    int ok = 1;
    o_lp = size, ok = ok && add_bytes(&size, nc, sizeof(double));
    o_wp = size, ok = ok && add_bytes(&size, n_links, sizeof(double));
    o_wa = size, ok = ok && add_bytes(&size, n_links, sizeof(double));
    o_cond = size, ok = ok && add_bytes(&size, n_links, sizeof(uint32_t));
    o_pres = size, ok = ok && add_bytes(&size, n_links, sizeof(uint32_t));
    o_ps = size, ok = ok && add_bytes(&size, np, sizeof(double));
    o_first = size, ok = ok && add_bytes(&size, n_cols + 1, sizeof(size_t));
    o_seen = size, ok = ok && add_bytes(&size, nf, 1);
    if (!ok)
        return hp__error(err, HP_E_LIMIT, "hp_assess_matrix: the ontology is too large");
    char *base = hp__malloc(&onto->alloc, size);
    if (!base)
        return hp__nomem(err);
    fl->base = base;
    fl->lp = (double *)(void *)(base + o_lp);
    fl->wp = (double *)(void *)(base + o_wp);
    fl->wa = (double *)(void *)(base + o_wa);
    fl->cond = (uint32_t *)(void *)(base + o_cond);
    fl->pres = (uint32_t *)(void *)(base + o_pres);
    fl->ps = (double *)(void *)(base + o_ps);
    fl->first = (size_t *)(void *)(base + o_first);
    fl->seen = (unsigned char *)(base + o_seen);
    memset(fl->seen, 0, nf);
    return HP_OK;
}

/* The log priors, and the links of the columns' findings copied in column order. */
static void copy_links(const hp_ontology *onto, const size_t *columns, size_t cols,
                       flat_links *fl) {
    for (size_t k = 0; k < onto->n_conditions; k++)
        fl->lp[k] = onto->conditions[k].log_prior;
    size_t j = 0;
    for (size_t c = 0; c < cols; c++) {
        const hp__range *r = &onto->findings[columns[c]].links;
        fl->first[c] = j;
        for (uint32_t m = 0; m < r->count; m++, j++) {
            const hp__flink *l = &onto->finding_links[r->first + m];
            fl->cond[j] = l->condition;
            fl->pres[j] = l->presentation;
            fl->wp[j] = l->weight_present;
            fl->wa[j] = l->weight_absent;
        }
    }
    fl->first[cols] = j;
}

/* Row r's answers: each 1, 0 or -1. */
static hp_status check_row(const signed char *row, size_t r, size_t cols, hp_error *err) {
    for (size_t c = 0; c < cols; c++) {
        int v = row[c];
        if (v != HP_ANSWER_UNKNOWN && v != HP_ANSWER_ABSENT && v != HP_ANSWER_PRESENT)
            return hp__error(err, HP_E_INVALID,
                             "hp_assess_matrix: answers[%zu][%zu] is %d; answers are 1 "
                             "(present), 0 (absent) or -1 (unknown)",
                             r, c, v);
    }
    return HP_OK;
}

/* A row's probabilities, into p (nc > 0): scores (log prior + the weights of the answered
   findings' links), then their softmax. */
static void assess_row(const hp_ontology *o, const flat_links *fl, const signed char *row,
                       size_t cols, size_t nc, double *p) {
    memcpy(p, fl->lp, nc * sizeof *p);
    for (size_t k = 0; k < o->n_presentations; k++)
        fl->ps[k] = o->presentations[k].log_share;
    for (size_t c = 0; c < cols; c++) {
        int v = row[c];
        if (v == HP_ANSWER_UNKNOWN)
            continue;
        const double *w = v == HP_ANSWER_PRESENT ? fl->wp : fl->wa;
        for (size_t m = fl->first[c]; m < fl->first[c + 1]; m++) {
            if (fl->pres[m] == HP__NO_PRESENTATION)
                p[fl->cond[m]] += w[m];
            else
                fl->ps[fl->pres[m]] += w[m];
        }
    }
    for (size_t m = 0; m < o->n_mixed; m++) {
        const hp__range *r = &o->conditions[o->mixed[m]].presentations;
        p[o->mixed[m]] += hp__log_sum_exp(fl->ps + r->first, r->count);
    }
    double top = p[0];
    for (size_t k = 1; k < nc; k++)
        if (p[k] > top)
            top = p[k];
    double z = 0;
    for (size_t k = 0; k < nc; k++) {
        p[k] = exp(p[k] - top);
        z += p[k];
    }
    for (size_t k = 0; k < nc; k++)
        p[k] /= z;
}

hp_status hp_assess_matrix(const hp_ontology *onto, const signed char *answers, size_t rows,
                           size_t cols, const size_t *columns, double *probabilities,
                           hp_error *err) {
    hp_status st = check_args(onto, answers, rows, cols, columns, probabilities, err);
    if (st != HP_OK)
        return st;
    size_t nc = onto->n_conditions, nf = onto->n_findings;
    /* More columns than findings: among the first nf + 1, one is named twice, and
       check_columns() below says which before anything else uses them. */
    size_t n_cols = cols > nf ? nf + 1 : cols;

    /* the links of the columns' findings */
    size_t n_links = 0;
    for (size_t c = 0; c < n_cols; c++) {
        size_t k = onto->findings[columns[c]].links.count;
        if (n_links > SIZE_MAX - k)
            return hp__error(err, HP_E_LIMIT, "hp_assess_matrix: too many evidence links");
        n_links += k;
    }
    flat_links fl = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    st = alloc_links(onto, n_cols, n_links, &fl, err);
    if (st != HP_OK)
        return st;
    st = check_columns(onto, columns, n_cols, fl.seen, err);
    if (st != HP_OK) {
        hp__free(&onto->alloc, fl.base);
        return st;
    }
    copy_links(onto, columns, cols, &fl);
    for (size_t r = 0; r < rows; r++) {
        const signed char *row = answers + r * cols;
        st = check_row(row, r, cols, err);
        if (st != HP_OK)
            break;
        if (nc)
            assess_row(onto, &fl, row, cols, nc, probabilities + r * nc);
    }
    hp__free(&onto->alloc, fl.base);
    return st;
}
