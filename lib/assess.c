/*
 * Assessment: derived findings from training load, naive-Bayes ranking of causes with
 * the evidence for and against each, red-flag and seriousness triage, next question.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_internal.h"
#include "assessment_internal.h"
#include "error_internal.h"
#include "strbuf.h"

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

/* English explanation of a fired rule, with the numbers behind it. */
static void explain_risk(hp__buf *t, const hp_profile *p, hp_metric m, double v, hp_compare op,
                         double threshold) {
    const double *r = p->runner;
    unsigned set = p->runner_set;
    switch (m) {
    case HP_METRIC_WEEKLY_INCREASE_PCT:
        hp__buf_printf(t, "Weekly distance rose %.0f%%", v);
        if ((set >> HP_RUNNER_WEEKLY_KM & 1) && (set >> HP_RUNNER_PREVIOUS_WEEKLY_KM & 1))
            hp__buf_printf(t, " (%.1f km after %.1f km)", r[HP_RUNNER_WEEKLY_KM],
                           r[HP_RUNNER_PREVIOUS_WEEKLY_KM]);
        hp__buf_printf(t, ", %s the %.0f%% limit", op_words(op), threshold);
        break;
    case HP_METRIC_LONG_RUN_INCREASE_PCT:
        hp__buf_printf(t, "A run %.0f%% longer than the longest of the previous 30 days", v);
        if (set >> HP_RUNNER_LONGEST_RUN_KM_30D & 1)
            hp__buf_printf(t, " (longest %.1f km)", r[HP_RUNNER_LONGEST_RUN_KM_30D]);
        hp__buf_printf(t, ", %s the %.0f%% limit", op_words(op), threshold);
        break;
    case HP_METRIC_ACUTE_CHRONIC_RATIO:
        hp__buf_printf(t,
                       "Acute:chronic load ratio %.2f (7-day over 28-day weighted averages), %s "
                       "%.2f",
                       v, op_words(op), threshold);
        break;
    case HP_METRIC_CADENCE_SPM:
        hp__buf_printf(t, "Cadence %.0f steps a minute, %s %.0f", v, op_words(op), threshold);
        break;
    case HP_METRIC_SHOE_KM:
        hp__buf_printf(t, "Shoes have %.0f km on them, %s %.0f km", v, op_words(op), threshold);
        break;
    case HP_METRIC_RUN_DAYS_PER_WEEK:
        hp__buf_printf(t, "Running %.0f days a week, %s %.0f", v, op_words(op), threshold);
        break;
    case HP_METRIC_AGE:
        hp__buf_printf(t, "Age %.0f, %s %.0f", v, op_words(op), threshold);
        break;
    case HP_METRIC_FEMALE:
        hp__buf_puts(t, "Female runner");
        break;
    default:
        hp__buf_printf(t, "%s = %g", hp_enum_name(HP_ENUM_METRIC, m), v);
    }
}

/* ---- Building an assessment --------------------------------------------------------- */

typedef struct work {
    hp_assessment *a;
    const hp_ontology *o;
    const hp_allocator *al;
    hp__buf pool;
} work;

static size_t pool_mark(work *w) { return w->pool.len; }

static void pool_end(work *w) { hp__buf_append(&w->pool, "", 1); }

static hp_status apply_rules(work *w) {
    hp_assessment *a = w->a;
    const hp_ontology *o = w->o;
    hp_profile *p = a->profile;
    hp__compute_metrics(p, a->metrics, &a->metrics_known);
    if (!o->n_derived)
        return HP_OK;
    a->risks = hp__calloc(w->al, o->n_derived, sizeof *a->risks);
    if (!a->risks)
        return HP_E_NOMEM;
    /* per finding: 0 no rule computable, 1 computable but none fired, 2 fired */
    for (size_t i = 0; i < o->n_derived; i++) {
        const hp__derived_rule *r = &o->derived[i];
        if (!(a->metrics_known >> r->metric & 1))
            continue;
        double v = a->metrics[r->metric];
        int fired = compare(v, (hp_compare)r->op, r->threshold);
        if (fired) {
            hp__risk *k = &a->risks[a->n_risks++];
            k->rule = (uint32_t)i;
            k->value = v;
            k->text = pool_mark(w);
            explain_risk(&w->pool, p, (hp_metric)r->metric, v, (hp_compare)r->op, r->threshold);
            pool_end(w);
        }
        uint8_t state = (uint8_t)(fired ? 2 : 1);
        if (a->derived[r->finding] < state)
            a->derived[r->finding] = state;
    }
    for (size_t f = 0; f < o->n_findings; f++) {
        if (!a->derived[f])
            continue;
        hp_answer ans = a->derived[f] == 2 ? HP_ANSWER_PRESENT : HP_ANSWER_ABSENT;
        hp_profile_set_index(p, f, ans);
        a->derived[f] = 1;
    }
    return w->pool.failed ? HP_E_NOMEM : HP_OK;
}

static int cmp_cause(const hp_ontology *o, const hp__cause *x, const hp__cause *y) {
    if (x->probability != y->probability)
        return x->probability > y->probability ? -1 : 1;
    return strcmp(hp__s(o, o->conditions[x->condition].e.id),
                  hp__s(o, o->conditions[y->condition].e.id));
}

static int cmp_evidence(const hp__evidence *x, const hp__evidence *y) {
    double ax = fabs(x->weight), ay = fabs(y->weight);
    if (ax != ay)
        return ax > ay ? -1 : 1;
    return x->finding < y->finding ? -1 : x->finding > y->finding;
}

static hp_status rank(work *w) {
    hp_assessment *a = w->a;
    const hp_ontology *o = w->o;
    const hp_profile *p = a->profile;
    size_t nc = o->n_conditions;
    a->n_causes = nc;
    a->causes = hp__calloc(w->al, nc ? nc : 1, sizeof *a->causes);
    double *score = hp__calloc(w->al, nc ? nc : 1, sizeof *score);
    if (!a->causes || !score) {
        hp__free(w->al, score);
        return HP_E_NOMEM;
    }
    for (size_t c = 0; c < nc; c++)
        score[c] = o->conditions[c].log_prior;
    /* each answered finding moves the conditions it is linked to */
    size_t n_ev = 0;
    for (size_t f = 0; f < o->n_findings; f++) {
        int8_t ans = p->answers[f];
        if (ans == HP_ANSWER_UNKNOWN)
            continue;
        const hp__range *r = &o->findings[f].links;
        for (uint32_t j = 0; j < r->count; j++) {
            const hp__link *l = &o->links[o->finding_links[r->first + j]];
            score[l->condition] += ans == HP_ANSWER_PRESENT ? l->weight_present : l->weight_absent;
            n_ev++;
        }
    }
    double top = -INFINITY, z = 0;
    for (size_t c = 0; c < nc; c++)
        if (score[c] > top)
            top = score[c];
    for (size_t c = 0; c < nc; c++)
        z += exp(score[c] - top);
    for (size_t c = 0; c < nc; c++) {
        a->causes[c].condition = (uint32_t)c;
        a->causes[c].score = score[c];
        a->causes[c].probability = exp(score[c] - top) / z;
    }
    hp__free(w->al, score);
    /* insertion sort: deterministic, and n is small */
    for (size_t i = 1; i < nc; i++) {
        hp__cause v = a->causes[i];
        size_t j = i;
        while (j > 0 && cmp_cause(o, &v, &a->causes[j - 1]) < 0) {
            a->causes[j] = a->causes[j - 1];
            j--;
        }
        a->causes[j] = v;
    }
    /* evidence of each cause, strongest first */
    a->evidence = hp__calloc(w->al, n_ev ? n_ev : 1, sizeof *a->evidence);
    if (!a->evidence)
        return HP_E_NOMEM;
    for (size_t i = 0; i < nc; i++) {
        hp__cause *cause = &a->causes[i];
        const hp__range *r = &o->conditions[cause->condition].links;
        cause->evidence.first = (uint32_t)a->n_evidence;
        for (uint32_t j = 0; j < r->count; j++) {
            const hp__link *l = &o->links[r->first + j];
            int8_t ans = p->answers[l->finding];
            if (ans == HP_ANSWER_UNKNOWN)
                continue;
            hp__evidence e = {l->finding, r->first + j, ans, a->derived[l->finding],
                              ans == HP_ANSWER_PRESENT ? l->weight_present : l->weight_absent};
            size_t k = a->n_evidence++;
            while (k > cause->evidence.first && cmp_evidence(&e, &a->evidence[k - 1]) < 0) {
                a->evidence[k] = a->evidence[k - 1];
                k--;
            }
            a->evidence[k] = e;
        }
        cause->evidence.count = (uint32_t)(a->n_evidence - cause->evidence.first);
    }
    return HP_OK;
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

static hp_status triage(work *w) {
    hp_assessment *a = w->a;
    const hp_ontology *o = w->o;
    const hp_profile *p = a->profile;
    size_t cap = o->n_red_flags + o->n_conditions;
    a->reasons = hp__calloc(w->al, cap ? cap : 1, sizeof *a->reasons);
    if (!a->reasons)
        return HP_E_NOMEM;
    for (size_t r = 0; r < o->n_red_flags; r++) {
        const hp__red_flag *rf = &o->red_flags[r];
        int fires = 1;
        for (uint32_t j = 0; j < rf->findings.count && fires; j++)
            fires = p->answers[o->red_flag_findings[rf->findings.first + j]] == HP_ANSWER_PRESENT;
        if (!fires)
            continue;
        hp__reason *x = &a->reasons[a->n_reasons++];
        x->level = rf->level;
        x->rule = (int32_t)r;
        x->condition = -1;
        x->sources = rf->e.sources;
        x->findings = pool_mark(w);
        for (uint32_t j = 0; j < rf->findings.count; j++)
            hp__buf_printf(&w->pool, "%s%s", j ? " " : "",
                           hp__s(o, o->findings[o->red_flag_findings[rf->findings.first + j]].e.id));
        pool_end(w);
        x->text = pool_mark(w);
        hp__buf_puts(&w->pool, hp_ontology_text(o, HP_ENTITY_RED_FLAG, r, HP_TEXT_MESSAGE, NULL));
        pool_end(w);
    }
    for (size_t i = 0; i < a->n_causes; i++) {
        const hp__cause *c = &a->causes[i];
        const hp__condition *cond = &o->conditions[c->condition];
        if (c->probability < cond->suspect_at)
            continue;
        hp_triage_level level;
        if (cond->seriousness == HP_SERIOUSNESS_EMERGENCY)
            level = HP_TRIAGE_URGENT;
        else if (cond->seriousness == HP_SERIOUSNESS_SERIOUS)
            level = HP_TRIAGE_SEE_CLINICIAN;
        else
            continue;
        hp__reason *x = &a->reasons[a->n_reasons++];
        x->level = (uint8_t)level;
        x->rule = -1;
        x->condition = (int32_t)c->condition;
        x->sources = cond->e.sources;
        /* the findings that argue for it */
        x->findings = pool_mark(w);
        int first = 1;
        for (uint32_t j = 0; j < c->evidence.count; j++) {
            const hp__evidence *e = &a->evidence[c->evidence.first + j];
            if (e->weight > 0) {
                hp__buf_printf(&w->pool, "%s%s", first ? "" : " ",
                               hp__s(o, o->findings[e->finding].e.id));
                first = 0;
            }
        }
        pool_end(w);
        x->text = pool_mark(w);
        hp__buf_printf(&w->pool, "%s is suspected (probability %.0f%%): %s",
                       hp_ontology_text(o, HP_ENTITY_CONDITION, c->condition, HP_TEXT_LABEL, NULL),
                       c->probability * 100,
                       level == HP_TRIAGE_URGENT ? "seek urgent care today"
                                                 : "see a clinician within days");
        pool_end(w);
    }
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
    return w->pool.failed ? HP_E_NOMEM : HP_OK;
}

hp_status hp_assess(const hp_profile *profile, hp_assessment **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_assess: 'out' is NULL");
    *out = NULL;
    if (!profile)
        return hp__error(err, HP_E_INVALID, "hp_assess: 'profile' is NULL");
    const hp_ontology *o = profile->onto;
    const hp_allocator *al = &o->alloc;
    hp_assessment *a = hp__calloc(al, 1, sizeof *a);
    if (!a)
        return hp__nomem(err);
    a->onto = hp_ontology_ref(o);
    work w = {a, o, al, {0}};
    hp__buf_init(&w.pool, al);
    hp_status st = hp_profile_copy(profile, &a->profile, err);
    if (st == HP_OK) {
        a->derived = hp__calloc(al, o->n_findings ? o->n_findings : 1, 1);
        st = a->derived ? HP_OK : HP_E_NOMEM;
    }
    if (st == HP_OK)
        st = apply_rules(&w);
    if (st == HP_OK)
        st = rank(&w);
    if (st == HP_OK)
        st = triage(&w);
    if (st == HP_OK && w.pool.failed)
        st = HP_E_NOMEM;
    if (st != HP_OK) {
        hp__buf_free(&w.pool);
        hp_assessment_free(a);
        return st == HP_E_NOMEM ? hp__nomem(err) : st;
    }
    a->pool = w.pool.data;
    a->pool_size = w.pool.len;
    *out = a;
    return HP_OK;
}

void hp_assessment_free(hp_assessment *a) {
    if (!a)
        return;
    const hp_ontology *o = a->onto;
    const hp_allocator *al = &o->alloc;
    hp_profile_free(a->profile);
    hp__free(al, a->derived);
    hp__free(al, a->causes);
    hp__free(al, a->evidence);
    hp__free(al, a->reasons);
    hp__free(al, a->risks);
    hp__free(al, a->pool);
    hp__free(al, a);
    hp_ontology_free(o);
}

/* ---- Accessors ---------------------------------------------------------------------- */

const hp_ontology *hp_assessment_ontology(const hp_assessment *a) { return a ? a->onto : NULL; }

const hp_profile *hp_assessment_profile(const hp_assessment *a) { return a ? a->profile : NULL; }

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
    out->text = a->pool + r->text;
    out->sources = hp__s(o, r->sources);
    return HP_OK;
}

size_t hp_assessment_cause_count(const hp_assessment *a) { return a ? a->n_causes : 0; }

hp_status hp_assessment_cause(const hp_assessment *a, size_t i, hp_cause *out) {
    if (!a || !out || i >= a->n_causes)
        return HP_E_NOT_FOUND;
    const hp__cause *c = &a->causes[i];
    const hp__condition *cond = &a->onto->conditions[c->condition];
    out->id = hp__s(a->onto, cond->e.id);
    out->condition = c->condition;
    out->probability = c->probability;
    out->prior = cond->prior;
    out->score = c->score;
    out->suspected = c->probability >= cond->suspect_at;
    out->n_evidence = c->evidence.count;
    return HP_OK;
}

hp_status hp_assessment_evidence(const hp_assessment *a, size_t i, size_t j, hp_evidence *out) {
    if (!a || !out || i >= a->n_causes || j >= a->causes[i].evidence.count)
        return HP_E_NOT_FOUND;
    const hp__evidence *e = &a->evidence[a->causes[i].evidence.first + j];
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
    if (!a)
        return 0;
    for (size_t i = 0; i < a->n_causes; i++)
        if (a->causes[i].condition == condition)
            return a->causes[i].probability;
    return 0;
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

/* A red-flag question: the first unknown finding of a rule that can still fire. */
static long red_flag_question(const hp_assessment *a, const uint8_t *skip) {
    const hp_ontology *o = a->onto;
    const int8_t *ans = a->profile->answers;
    long best = -1;
    int best_level = -1;
    uint32_t best_unknown = UINT32_MAX;
    for (size_t r = 0; r < o->n_red_flags; r++) {
        const hp__red_flag *rf = &o->red_flags[r];
        long first = -1;
        uint32_t unknown = 0;
        int possible = 1;
        for (uint32_t j = 0; j < rf->findings.count && possible; j++) {
            uint32_t f = o->red_flag_findings[rf->findings.first + j];
            if (ans[f] == HP_ANSWER_ABSENT || (ans[f] == HP_ANSWER_UNKNOWN && skip && skip[f]))
                possible = 0;
            else if (ans[f] == HP_ANSWER_UNKNOWN) {
                unknown++;
                if (first < 0)
                    first = f;
            }
        }
        if (!possible || first < 0)
            continue;
        if (rf->level > best_level || (rf->level == best_level && unknown < best_unknown)) {
            best = first;
            best_level = rf->level;
            best_unknown = unknown;
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

long hp__next_question(const hp_assessment *a, const uint8_t *skip, double *gain, int *red_flag) {
    const hp_ontology *o = a->onto;
    const int8_t *ans = a->profile->answers;
    *gain = 0;
    if (red_flag)
        *red_flag = 0;
    long rf = red_flag_question(a, skip);
    if (rf >= 0) {
        if (red_flag)
            *red_flag = 1;
        return rf;
    }
    size_t nc = a->n_causes;
    if (!nc)
        return -1;
    /* probabilities by condition index, and P(f | c) defaulting to the base rate */
    double *prob = hp__calloc(&o->alloc, 3 * nc, sizeof *prob);
    if (!prob)
        return -2;
    double *post_yes = prob + nc, *post_no = prob + 2 * nc;
    for (size_t i = 0; i < nc; i++)
        prob[a->causes[i].condition] = a->causes[i].probability;
    double h0 = entropy(prob, nc);
    long best = -1;
    double best_gain = 0;
    for (size_t f = 0; f < o->n_findings; f++) {
        if (ans[f] != HP_ANSWER_UNKNOWN || (skip && skip[f]))
            continue;
        double br = o->findings[f].base_rate;
        const hp__range *r = &o->findings[f].links;
        if (!r->count)
            continue; /* linked to nothing: cannot tell causes apart */
        for (size_t c = 0; c < nc; c++) {
            post_yes[c] = prob[c] * br;
            post_no[c] = prob[c] * (1 - br);
        }
        for (uint32_t j = 0; j < r->count; j++) {
            const hp__link *l = &o->links[o->finding_links[r->first + j]];
            post_yes[l->condition] = prob[l->condition] * l->strength;
            post_no[l->condition] = prob[l->condition] * (1 - l->strength);
        }
        double py = 0, pn = 0;
        for (size_t c = 0; c < nc; c++) {
            py += post_yes[c];
            pn += post_no[c];
        }
        if (py <= 0 || pn <= 0)
            continue;
        for (size_t c = 0; c < nc; c++) {
            post_yes[c] /= py;
            post_no[c] /= pn;
        }
        double g = h0 - (py * entropy(post_yes, nc) + pn * entropy(post_no, nc));
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
