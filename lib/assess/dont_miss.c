/*
 * The don't-miss list: the serious conditions an assessment names apart from the ranking.
 * A condition is listed when a don't-miss rule for it fired (a red flag with a `condition`)
 * or when it is a serious or emergency condition that is suspected; both are triage
 * reasons naming the condition, so the list is built from the sorted reasons: one entry per
 * condition, the most urgent first, then the most probable, ties by id.
 */
#include <string.h>

#include "assess/assessment_internal.h"
#include "core/alloc_internal.h"

/* Entry x before entry y. */
static int entry_before(const hp_assessment *a, const hp__dont_miss *x, const hp__dont_miss *y) {
    if (x->level != y->level)
        return x->level > y->level;
    double px = hp__condition_probability(a, x->condition);
    double py = hp__condition_probability(a, y->condition);
    if (px != py)
        return px > py;
    const hp_ontology *o = a->onto;
    return strcmp(hp__s(o, o->conditions[x->condition].e.id),
                  hp__s(o, o->conditions[y->condition].e.id)) < 0;
}

hp_status hp__dont_miss_build(hp_assessment *a) {
    for (size_t i = 0; i < a->n_reasons; i++) {
        const hp__reason *r = &a->reasons[i];
        if (r->condition < 0)
            continue;
        size_t k = 0;
        while (k < a->n_dont_miss && a->dont_miss[k].condition != (uint32_t)r->condition)
            k++;
        if (k == a->n_dont_miss) {
            if (!hp__grow_owned(&a->onto->alloc, (void **)&a->dont_miss, &a->dont_miss_cap,
                                &a->dont_miss_owned, k + 1, sizeof *a->dont_miss))
                return HP_E_NOMEM;
            a->dont_miss[a->n_dont_miss++] = (hp__dont_miss){(uint32_t)r->condition, r->level, 0};
        }
        hp__dont_miss *d = &a->dont_miss[k];
        d->n_reasons++;
        if (r->level > d->level)
            d->level = r->level;
    }
    for (size_t i = 1; i < a->n_dont_miss; i++) {
        hp__dont_miss v = a->dont_miss[i];
        size_t j = i;
        while (j > 0 && entry_before(a, &v, &a->dont_miss[j - 1])) {
            a->dont_miss[j] = a->dont_miss[j - 1];
            j--;
        }
        a->dont_miss[j] = v;
    }
    return HP_OK;
}

size_t hp_assessment_dont_miss_count(const hp_assessment *a) { return a ? a->n_dont_miss : 0; }

hp_status hp_assessment_dont_miss(const hp_assessment *a, size_t i, hp_dont_miss *out) {
    if (!a || !out || i >= a->n_dont_miss)
        return HP_E_NOT_FOUND;
    const hp__dont_miss *d = &a->dont_miss[i];
    out->id = hp__s(a->onto, a->onto->conditions[d->condition].e.id);
    out->condition = d->condition;
    out->rank = hp__cause_rank(a, d->condition);
    out->probability = hp__condition_probability(a, d->condition);
    out->level = (hp_triage_level)d->level;
    out->n_reasons = d->n_reasons;
    return HP_OK;
}

hp_status hp_assessment_dont_miss_reason(const hp_assessment *a, size_t i, size_t j,
                                         hp_triage_reason *out) {
    if (!a || !out || i >= a->n_dont_miss || j >= a->dont_miss[i].n_reasons)
        return HP_E_NOT_FOUND;
    int32_t c = (int32_t)a->dont_miss[i].condition;
    for (size_t k = 0; k < a->n_reasons; k++)
        if (a->reasons[k].condition == c && j-- == 0)
            return hp_assessment_reason(a, k, out);
    return HP_E_INTERNAL;
}
