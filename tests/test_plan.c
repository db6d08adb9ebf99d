/*
 * Plans: every safety rule on hand-made cases and on hundreds of generated profiles,
 * determinism, urgent triage, stress fracture, exports parsed back (jansson, libical),
 * error paths.
 */
#include <jansson.h>
#include <libical/ical.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "profile/profile_internal.h"
#include "test_util.h"

TestSuite(plan, .fini = hp_test_leak_check);

/* ---- Helpers ------------------------------------------------------------------------ */

static hp_ontology *load_default(void) {
    hp_ontology *o = NULL;
    hp_error e;
    cr_assert_eq(hp_ontology_load_default(&o, &e), HP_OK, "%s", e.message);
    return o;
}

static hp_ontology *load_mini(void) {
    char path[512];
    hp_ontology *o = NULL;
    hp_error e;
    cr_assert_eq(
        hp_ontology_load_file(hp_test_path(path, sizeof path, "ontologies/mini.xml"), &o, &e),
        HP_OK, "%s", e.message);
    return o;
}

/* Skip a test that needs ids of the full default ontology when it is not embedded. */
static hp_ontology *load_full(void) {
    hp_ontology *o = load_default();
    if (hp_ontology_index(o, HP_ENTITY_CONDITION, "stress_fracture") == (size_t)-1) {
        hp_ontology_free(o);
        cr_skip_test("the default ontology has no stress_fracture (built with a small one)");
    }
    return o;
}

static int has_id(const hp_ontology *o, hp_entity_kind k, const char *id) {
    return hp_ontology_index(o, k, id) != (size_t)-1;
}

static int word_in(const char *words, const char *w) {
    size_t n = strlen(w);
    const char *s = words;
    while (s && *s) {
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && memcmp(s, w, n) == 0)
            return 1;
        s = e ? e + 1 : NULL;
    }
    return 0;
}

static void set(hp_profile *p, const char *id, hp_answer a) {
    hp_error e;
    cr_assert_eq(hp_profile_set(p, id, a, &e), HP_OK, "%s", e.message);
}

static void runner(hp_profile *p, hp_runner_field f, double v) {
    hp_error e;
    cr_assert_eq(hp_profile_set_runner(p, f, v, &e), HP_OK, "%s", e.message);
}

static void add_run(hp_profile *p, int date, double km) {
    char d[16];
    hp_date_format(date, d, sizeof d);
    hp_error e;
    cr_assert_eq(hp_profile_add_run(p, d, km, 0, 0, &e), HP_OK, "%s", e.message);
}

static hp_plan *plan_for(const hp_ontology *o, const char *const *ids, size_t n,
                         const hp_profile *p, const hp_plan_options *opt) {
    hp_plan *plan = NULL;
    hp_error e;
    cr_assert_eq(hp_plan_for_conditions(o, ids, n, p, opt, &plan, &e), HP_OK, "%s", e.message);
    return plan;
}

static hp_session session(const hp_plan *plan, size_t w, size_t d, size_t s) {
    hp_session out;
    cr_assert_eq(hp_plan_session(plan, w, d, s, &out), HP_OK);
    return out;
}

static hp_day day(const hp_plan *plan, size_t w, size_t d) {
    hp_day out;
    cr_assert_eq(hp_plan_day(plan, w, d, &out), HP_OK);
    return out;
}

static hp_week week(const hp_plan *plan, size_t w) {
    hp_week out;
    cr_assert_eq(hp_plan_week(plan, w, &out), HP_OK);
    return out;
}

static int is_running(hp_session_kind k) { return k == HP_SESSION_RUN || k == HP_SESSION_WALK_RUN; }

static size_t count_kind(const hp_plan *plan, hp_session_kind kind) {
    size_t n = 0;
    for (size_t w = 0; w < hp_plan_week_count(plan); w++)
        for (size_t d = 0; d < 7; d++)
            for (size_t s = 0; s < day(plan, w, d).n_sessions; s++)
                n += session(plan, w, d, s).kind == kind;
    return n;
}

static int has_advice(const hp_plan *plan, const char *id, const char *why_word) {
    for (size_t i = 0; i < hp_plan_advice_count(plan); i++) {
        hp_plan_advice_item a;
        cr_assert_eq(hp_plan_advice(plan, i, &a), HP_OK);
        if (strcmp(a.id, id) == 0 && (!why_word || word_in(a.why, why_word)))
            return 1;
    }
    return 0;
}

static char *to_json(const hp_plan *plan) {
    char *j = NULL;
    hp_error e;
    cr_assert_eq(hp_plan_to_json(plan, 0, &j, &e), HP_OK, "%s", e.message);
    return j;
}

/* ---- The rule checker --------------------------------------------------------------- */

typedef struct check_ctx {
    const char *name; /* for messages */
    const hp_ontology *o;
    const hp_profile *profile; /* may be NULL */
    const double *prob;        /* per condition: the plan's causes' probabilities */
    double threshold;          /* contraindication threshold */
    int expect_weeks;          /* weeks asked for (0 = default 8) */
    int run_days;              /* 0 = unchecked */
    int start;                 /* expected first date, or INT32_MIN for unchecked */
} check_ctx;

#define MAX_HIST 4096

/* The runner's history as the plan documents it (plan.c). */
static size_t history(const check_ctx *c, int start, hp_test_run *h) {
    size_t n = 0;
    const hp_profile *p = c->profile;
    if (!p)
        return 0;
    int end = start - 1, have = 0;
    if (p->has_as_of) {
        end = p->as_of;
        have = 1;
    } else {
        for (size_t i = 0; i < p->n_runs; i++)
            if (!have || p->runs[i].date > end) {
                end = p->runs[i].date;
                have = 1;
            }
    }
    if (!have)
        end = start - 1;
    int recent = 0;
    for (size_t i = 0; i < p->n_runs && n < MAX_HIST; i++) {
        h[n++] = (hp_test_run){p->runs[i].date, p->runs[i].km};
        recent |= p->runs[i].km > 0 && p->runs[i].date > end - 30 && p->runs[i].date <= end;
    }
    double v;
    if (!p->n_runs && hp_profile_runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, &v) == HP_OK) {
        h[n++] = (hp_test_run){end, v};
        recent = 1;
    }
    if (!recent && !p->n_runs && hp_profile_runner(p, HP_RUNNER_WEEKLY_KM, &v) == HP_OK && v > 0) {
        double days = 3, d;
        if (hp_profile_runner(p, HP_RUNNER_RUN_DAYS_PER_WEEK, &d) == HP_OK && d >= 1)
            days = d;
        h[n++] = (hp_test_run){end, v / days};
    }
    return n;
}

/* Does condition/finding `id` link to exercise e? */
static int links_to(const hp_ontology *o, const char *id, size_t e) {
    hp_entity_kind k;
    size_t i;
    if (hp_ontology_lookup(o, id, &k, &i) != HP_OK)
        return 0;
    hp_treatment_link l;
    for (size_t j = 0;; j++) {
        hp_status st = k == HP_ENTITY_CONDITION ? hp_condition_treatment(o, i, j, &l)
                       : k == HP_ENTITY_FINDING ? hp_finding_treatment(o, i, j, &l)
                                                : HP_E_NOT_FOUND;
        if (st != HP_OK)
            return 0;
        if (l.kind == HP_ENTITY_EXERCISE && l.index == e)
            return 1;
    }
}

static int expected_dose(int base, int add, int max, int k) {
    if (add <= 0 || k <= 0 || max <= base)
        return base;
    int v = base + add * k;
    return v > max ? max : v;
}

static void check_plan(const hp_plan *plan, const check_ctx *c) {
    const hp_ontology *o = c->o;
    const char *nm = c->name;
    size_t nw = hp_plan_week_count(plan);
    hp_triage_level triage = hp_plan_triage(plan);
    size_t nc = hp_ontology_count(o, HP_ENTITY_CONDITION);

    /* advice: ids exist, say why and where from */
    for (size_t i = 0; i < hp_plan_advice_count(plan); i++) {
        hp_plan_advice_item a;
        cr_assert_eq(hp_plan_advice(plan, i, &a), HP_OK);
        cr_assert(has_id(o, HP_ENTITY_ADVICE, a.id), "%s: advice %s", nm, a.id);
        cr_assert(a.why && *a.why, "%s: advice %s has no why", nm, a.id);
        cr_assert(a.sources && *a.sources, "%s: advice %s has no source", nm, a.id);
        if (triage == HP_TRIAGE_URGENT) {
            cr_assert_str_eq(a.why, "triage", "%s", nm);
            cr_assert(!strcmp(a.id, "seek_urgent_care") || !strcmp(a.id, "consult_clinician"),
                      "%s: urgent plan with advice %s", nm, a.id);
        }
    }
    if (triage == HP_TRIAGE_URGENT) {
        cr_assert_eq(nw, 0, "%s: urgent triage with %zu weeks", nm, nw);
        if (has_id(o, HP_ENTITY_ADVICE, "seek_urgent_care"))
            cr_assert(has_advice(plan, "seek_urgent_care", "triage"), "%s", nm);
        return;
    }
    if (triage == HP_TRIAGE_SEE_CLINICIAN && has_id(o, HP_ENTITY_ADVICE, "consult_clinician"))
        cr_assert(has_advice(plan, "consult_clinician", "triage"), "%s: no consult", nm);
    cr_assert_eq(nw, (size_t)(c->expect_weeks ? c->expect_weeks : 8), "%s: weeks", nm);

    /* suspected stress fracture (or serious condition) and the veto set */
    int no_impact = 0;
    size_t sf = hp_ontology_index(o, HP_ENTITY_CONDITION, "stress_fracture");
    for (size_t ci = 0; ci < nc; ci++) {
        hp_condition_info info;
        hp_ontology_condition(o, ci, &info);
        if (c->prob[ci] >= info.suspect_at &&
            (ci == sf || info.seriousness >= HP_SERIOUSNESS_SERIOUS))
            no_impact = 1;
    }
    if (no_impact && has_id(o, HP_ENTITY_ADVICE, "consult_clinician"))
        cr_assert(has_advice(plan, "consult_clinician", NULL), "%s: no consult (SF)", nm);

    hp_test_run *h = malloc(sizeof(hp_test_run) * MAX_HIST);
    cr_assert_not_null(h);
    hp_day first = day(plan, 0, 0);
    if (c->start != INT32_MIN)
        cr_assert_eq(first.date, c->start, "%s: start date", nm);
    size_t nh = history(c, first.date, h);
    double weekly0 = -1, v;
    if (c->profile && hp_profile_runner(c->profile, HP_RUNNER_WEEKLY_KM, &v) == HP_OK && v > 0)
        weekly0 = v;
    int cadence0 = 0;
    if (c->profile && hp_profile_runner(c->profile, HP_RUNNER_CADENCE_SPM, &v) == HP_OK && v >= 1)
        cadence0 = (int)lround(v);

    double prev_km = -1;
    int prev_cadence = 0, last_stage = 0, stage_count = 0, continuous_seen = 0;
    int prev_strength_date = INT32_MIN;
    size_t n_ex = hp_ontology_count(o, HP_ENTITY_EXERCISE);
    int *first_week = malloc(sizeof(int) * (n_ex ? n_ex : 1));
    cr_assert_not_null(first_week);
    for (size_t e = 0; e < n_ex; e++)
        first_week[e] = -1;

    for (size_t w = 0; w < nw; w++) {
        hp_week wk = week(plan, w);
        cr_assert_eq(wk.index, (int)w + 1);
        cr_assert_eq(wk.n_days, 7, "%s", nm);
        double sum = 0;
        int rest_days = 0, strength_days = 0, runs = 0, has_continuous = 0;
        for (size_t d = 0; d < 7; d++) {
            hp_day dy = day(plan, w, d);
            cr_assert_eq(dy.date, first.date + (int)(w * 7 + d), "%s: dates", nm);
            cr_assert_geq(dy.n_sessions, 1, "%s: empty day", nm);
            hp_session s0 = session(plan, w, d, 0);
            if (dy.n_sessions == 1 && s0.kind == HP_SESSION_REST)
                rest_days++;
            int strength = 0;
            for (size_t s = 0; s < dy.n_sessions; s++) {
                hp_session ss = session(plan, w, d, s);
                cr_assert(ss.kind != HP_SESSION_REST || dy.n_sessions == 1,
                          "%s: rest with other sessions", nm);
                strength |= ss.kind == HP_SESSION_STRENGTH;
                if (is_running(ss.kind)) {
                    runs++;
                    sum += ss.km;
                    cr_assert(!no_impact, "%s: running with a suspected stress fracture", nm);
                    /* warm-up before, cool-down after */
                    cr_assert(s >= 1 && session(plan, w, d, s - 1).kind == HP_SESSION_WARM_UP,
                              "%s: run without a warm-up (week %zu day %zu)", nm, w + 1, d + 1);
                    cr_assert(s + 1 < dy.n_sessions &&
                                  session(plan, w, d, s + 1).kind == HP_SESSION_COOL_DOWN,
                              "%s: run without a cool-down", nm);
                    /* single run within 110% of the longest of the previous 30 days */
                    double ref = hp_test_longest_before(h, nh, dy.date);
                    if (ss.kind == HP_SESSION_RUN)
                        cr_assert_gt(ref, 0, "%s: continuous run with no recent run (week %zu)", nm,
                                     w + 1);
                    if (ref > 0)
                        cr_assert_leq(ss.km, ref * 1.10 + 1e-9,
                                      "%s: run of %.2f km after a longest of %.2f (week %zu)", nm,
                                      ss.km, ref, w + 1);
                    if (nh < MAX_HIST)
                        h[nh++] = (hp_test_run){dy.date, ss.km};
                    /* cadence is the week's */
                    cr_assert_eq(ss.cadence_spm, wk.cadence_spm, "%s", nm);
                    if (ss.kind == HP_SESSION_WALK_RUN) {
                        cr_assert(!continuous_seen, "%s: walk-run after continuous running", nm);
                        int st = wk.walk_run_stage;
                        cr_assert(st == last_stage || st == last_stage + 1, "%s: stage %d after %d",
                                  nm, st, last_stage);
                        if (st != last_stage) {
                            cr_assert(last_stage == 0 || stage_count >= 2,
                                      "%s: stage %d done only %d times", nm, last_stage,
                                      stage_count);
                            stage_count = 0;
                        }
                        last_stage = st;
                        stage_count++;
                        cr_assert(ss.notes && strstr(ss.notes, "at least twice") &&
                                      strstr(ss.notes, "pain"),
                                  "%s: walk-run notes", nm);
                        cr_assert(ss.repeats >= 1 && ss.run_minutes >= 1 && ss.walk_minutes >= 1,
                                  "%s", nm);
                    } else {
                        if (last_stage)
                            cr_assert_geq(stage_count, 2, "%s: last stage once", nm);
                        continuous_seen = 1;
                        has_continuous = 1;
                        cr_assert_eq(wk.walk_run_stage, 0, "%s", nm);
                    }
                } else {
                    cr_assert_eq(ss.km, 0, "%s", nm);
                }
                /* items: exercises, not contraindicated, dosed and progressed by the rules */
                for (size_t i = 0; i < ss.n_items; i++) {
                    hp_session_item it;
                    cr_assert_eq(hp_plan_item(plan, w, d, s, i, &it), HP_OK);
                    size_t e = hp_ontology_index(o, HP_ENTITY_EXERCISE, it.id);
                    cr_assert_neq(e, (size_t)-1, "%s: item %s", nm, it.id);
                    cr_assert(it.why && *it.why && it.sources && *it.sources, "%s", nm);
                    for (size_t ci = 0; ci < nc; ci++)
                        if (c->prob[ci] >= c->threshold ||
                            (no_impact && ci == sf && c->prob[ci] > 0))
                            cr_assert(!hp_exercise_contraindicated(o, e, ci),
                                      "%s: %s is contraindicated for %s (p=%.2f)", nm, it.id,
                                      hp_ontology_id(o, HP_ENTITY_CONDITION, ci), c->prob[ci]);
                    if (no_impact && sf != (size_t)-1)
                        cr_assert(!hp_exercise_contraindicated(o, e, sf),
                                  "%s: impact exercise %s with a stress fracture", nm, it.id);
                    hp_exercise_info x;
                    hp_ontology_exercise(o, e, &x);
                    if (ss.kind == HP_SESSION_STRENGTH || ss.kind == HP_SESSION_MOBILITY) {
                        /* chosen through a link of a cause or risk factor it names */
                        int linked = 0;
                        const char *wy = it.why;
                        while (wy && *wy && !linked) {
                            const char *sp = strchr(wy, ' ');
                            size_t len = sp ? (size_t)(sp - wy) : strlen(wy);
                            char id[80];
                            if (len < sizeof id) {
                                memcpy(id, wy, len);
                                id[len] = '\0';
                                linked = links_to(o, id, e);
                            }
                            wy = sp ? sp + 1 : NULL;
                        }
                        cr_assert(linked, "%s: %s is not linked to %s", nm, it.id, it.why);
                    }
                    if (first_week[e] < 0)
                        first_week[e] = (int)w;
                    const hp_progression *pr = &x.progression;
                    int k = pr->every_weeks > 0 ? ((int)w - first_week[e]) / pr->every_weeks : 0;
                    cr_assert_eq(it.sets,
                                 expected_dose(x.dosing.sets, pr->add_sets, pr->max_sets, k),
                                 "%s: %s sets", nm, it.id);
                    cr_assert_eq(it.reps,
                                 expected_dose(x.dosing.reps, pr->add_reps, pr->max_reps, k),
                                 "%s: %s reps", nm, it.id);
                    cr_assert_eq(it.hold_seconds,
                                 expected_dose(x.dosing.hold_seconds, pr->add_hold_seconds,
                                               pr->max_hold_seconds, k),
                                 "%s: %s hold", nm, it.id);
                    cr_assert_eq(
                        it.minutes,
                        expected_dose(x.dosing.minutes, pr->add_minutes, pr->max_minutes, k),
                        "%s: %s minutes", nm, it.id);
                    cr_assert_eq(it.effort, k > 0 ? pr->effort : x.dosing.effort, "%s", nm);
                }
            }
            if (strength) {
                strength_days++;
                cr_assert_neq(dy.date, prev_strength_date + 1,
                              "%s: strength on consecutive days (week %zu)", nm, w + 1);
                prev_strength_date = dy.date;
            }
        }
        cr_assert_geq(rest_days, 1, "%s: week %zu has no rest day", nm, w + 1);
        cr_assert(strength_days == 0 || strength_days == 2 || strength_days == 3,
                  "%s: %d strength days in week %zu", nm, strength_days, w + 1);
        if (c->run_days)
            cr_assert_leq(runs, c->run_days, "%s: too many run days", nm);
        cr_assert(fabs(sum - wk.run_km) < 1e-6, "%s: run_km %.2f vs %.2f", nm, wk.run_km, sum);
        cr_assert(wk.walk_run_stage == 0 || wk.phase == HP_PHASE_RETURN, "%s", nm);
        /* weekly volume once running continuously: at most +10% over the week before
           (walk-run weeks progress by their stages instead) */
        if (wk.run_km > 0 && has_continuous) {
            if (w > 0)
                cr_assert(prev_km > 0 || !has_continuous,
                          "%s: continuous running straight after a break (week %zu)", nm, w + 1);
            if (prev_km > 0)
                cr_assert_leq(wk.run_km, prev_km * 1.10 + 1e-6,
                              "%s: week %zu %.2f km after %.2f km", nm, w + 1, wk.run_km, prev_km);
            else if (w == 0 && has_continuous && weekly0 > 0)
                cr_assert_leq(wk.run_km, weekly0 * 1.10 + 1e-6, "%s: week 1 %.2f km after %.2f km",
                              nm, wk.run_km, weekly0);
        }
        prev_km = wk.run_km;
        /* cadence: ~5% steps, never more, towards 170-180 */
        if (runs) {
            cr_assert_gt(wk.cadence_spm, 0, "%s", nm);
            if (prev_cadence) {
                cr_assert_geq(wk.cadence_spm, prev_cadence, "%s: cadence fell", nm);
                cr_assert_leq(wk.cadence_spm, prev_cadence * 1.05 + 1e-9, "%s: cadence %d after %d",
                              nm, wk.cadence_spm, prev_cadence);
            } else if (cadence0) {
                cr_assert_leq(wk.cadence_spm, cadence0 * 1.05 + 1e-9, "%s: first cadence", nm);
            }
            cr_assert_leq(wk.cadence_spm, cadence0 > 180 ? cadence0 : 180, "%s", nm);
            prev_cadence = wk.cadence_spm;
        } else {
            cr_assert_eq(wk.cadence_spm, 0, "%s", nm);
        }
    }
    free(first_week);
    free(h);
}

/* ---- Generated profiles ------------------------------------------------------------- */

static uint32_t lcg_state;
static uint32_t lcg(void) {
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state >> 8;
}
static double unit(void) { return (double)lcg() / (double)(1u << 24); }
static int range(int lo, int hi) { return lo + (int)(lcg() % (uint32_t)(hi - lo + 1)); }

#define AS_OF 20450 /* 2025-12-28 */

static hp_profile *random_profile(const hp_ontology *o) {
    hp_profile *p = NULL;
    hp_error e;
    cr_assert_eq(hp_profile_new(o, &p, &e), HP_OK);
    size_t nf = hp_ontology_count(o, HP_ENTITY_FINDING);
    double present = 0.05 + 0.2 * unit();
    for (size_t f = 0; f < nf; f++) {
        double u = unit();
        if (u < present)
            hp_profile_set_index(p, f, HP_ANSWER_PRESENT);
        else if (u < present + 0.3)
            hp_profile_set_index(p, f, HP_ANSWER_ABSENT);
    }
    if (unit() < 0.7)
        runner(p, HP_RUNNER_WEEKLY_KM, range(0, 80));
    if (unit() < 0.5)
        runner(p, HP_RUNNER_PREVIOUS_WEEKLY_KM, range(0, 80));
    if (unit() < 0.6)
        runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, range(2, 30) + 0.5 * range(0, 1));
    if (unit() < 0.6)
        runner(p, HP_RUNNER_CADENCE_SPM, range(140, 190));
    if (unit() < 0.5)
        runner(p, HP_RUNNER_RUN_DAYS_PER_WEEK, range(0, 7));
    if (unit() < 0.4)
        runner(p, HP_RUNNER_SHOE_KM, range(0, 1200));
    if (unit() < 0.5)
        runner(p, HP_RUNNER_AGE, range(16, 75));
    if (unit() < 0.5)
        hp_profile_set_sex(p, (hp_sex)range(0, 3));
    if (unit() < 0.5) {
        int n = range(1, 25);
        for (int i = 0; i < n; i++)
            add_run(p, AS_OF - range(0, 45), range(1, 25) + 0.1 * range(0, 9));
    }
    if (unit() < 0.5)
        hp_profile_set_as_of(p, "2025-12-28", NULL);
    return p;
}

static void random_options(hp_plan_options *opt) {
    memset(opt, 0, sizeof *opt);
    opt->weeks = unit() < 0.2 ? 0 : range(1, 24);
    opt->run_days = range(0, 6);
    if (unit() < 0.5)
        opt->target_weekly_km = range(5, 70);
    if (unit() < 0.3)
        opt->start_date = unit() < 0.5 ? "2026-03-02" : "2025-12-29";
    if (unit() < 0.3)
        opt->contraindication_probability = 0.05 + 0.4 * unit();
    if (unit() < 0.2)
        opt->lang = "de";
}

static int expected_start(const hp_profile *p, const hp_plan_options *opt) {
    int d;
    if (opt->start_date) {
        hp_date_parse(opt->start_date, &d);
        return d;
    }
    if (p->has_as_of)
        return p->as_of + 1;
    if (p->n_runs) {
        int e = p->runs[0].date;
        for (size_t i = 1; i < p->n_runs; i++)
            if (p->runs[i].date > e)
                e = p->runs[i].date;
        return e + 1;
    }
    return 20458; /* 2026-01-05 */
}

Test(plan, property_every_rule_on_generated_profiles, .timeout = 600) {
    hp_ontology *o = load_default();
    size_t nc = hp_ontology_count(o, HP_ENTITY_CONDITION);
    double *prob = calloc(nc, sizeof *prob);
    cr_assert_not_null(prob);
    lcg_state = 20260105u;
    int urgent = 0, clinician = 0, walk_runs = 0, builds = 0, explicit = 0;
    for (int i = 0; i < 360; i++) {
        hp_profile *p = random_profile(o);
        hp_plan_options opt;
        random_options(&opt);
        char name[64];
        snprintf(name, sizeof name, "profile %d", i);
        check_ctx c = {name, o, NULL, prob, 0, opt.weeks, opt.run_days, INT32_MIN};
        c.threshold = opt.contraindication_probability > 0 ? opt.contraindication_probability : 0.1;
        hp_plan *plan = NULL;
        hp_assessment *a = NULL;
        hp_error e;
        if (i % 6 == 5) {
            /* explicit conditions on the same profile */
            const char *ids[2];
            size_t n = (size_t)range(1, 2);
            for (size_t k = 0; k < n; k++)
                ids[k] = hp_ontology_id(o, HP_ENTITY_CONDITION, (size_t)range(0, (int)nc - 1));
            memset(prob, 0, nc * sizeof *prob);
            for (size_t k = 0; k < n; k++)
                prob[hp_ontology_index(o, HP_ENTITY_CONDITION, ids[k])] = 1;
            plan = plan_for(o, ids, n, p, &opt);
            c.profile = p;
            explicit ++;
        } else {
            cr_assert_eq(hp_assess(p, &a, &e), HP_OK, "%s", e.message);
            for (size_t ci = 0; ci < nc; ci++)
                prob[ci] = hp_assessment_probability(a, ci);
            cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_OK, "%s: %s", name, e.message);
            c.profile = hp_assessment_profile(a);
        }
        c.start = expected_start(p, &opt);
        check_plan(plan, &c);
        urgent += hp_plan_triage(plan) == HP_TRIAGE_URGENT;
        clinician += hp_plan_triage(plan) == HP_TRIAGE_SEE_CLINICIAN;
        walk_runs += count_kind(plan, HP_SESSION_WALK_RUN) > 0;
        builds += count_kind(plan, HP_SESSION_RUN) > 0;
        /* determinism: the same input gives the same plan */
        if (i % 10 == 0 && a) {
            hp_plan *again = NULL;
            cr_assert_eq(hp_plan_new(a, &opt, &again, &e), HP_OK);
            char *j1 = to_json(plan), *j2 = to_json(again);
            cr_assert_str_eq(j1, j2, "%s: not deterministic", name);
            hp_string_free(j1);
            hp_string_free(j2);
            hp_plan_free(again);
        }
        hp_plan_free(plan);
        hp_assessment_free(a);
        hp_profile_free(p);
    }
    /* the generator reaches every kind of plan */
    cr_assert_gt(walk_runs, 10, "walk-run plans: %d", walk_runs);
    cr_assert_gt(builds, 10, "plans with continuous running: %d", builds);
    cr_assert_gt(explicit, 50);
    if (hp_ontology_count(o, HP_ENTITY_CONDITION) > 2) {
        cr_assert_gt(urgent, 0);
        cr_assert_gt(clinician, 0);
    }
    free(prob);
    hp_ontology_free(o);
}

/* ---- One test per rule -------------------------------------------------------------- */

static void check_explicit(const hp_ontology *o, const hp_plan *plan, const char *const *ids,
                           size_t n, const hp_profile *p, const hp_plan_options *opt) {
    size_t nc = hp_ontology_count(o, HP_ENTITY_CONDITION);
    double *prob = calloc(nc ? nc : 1, sizeof *prob);
    for (size_t k = 0; k < n; k++)
        prob[hp_ontology_index(o, HP_ENTITY_CONDITION, ids[k])] = 1;
    check_ctx c = {"explicit", o, p, prob, 0.1, opt ? opt->weeks : 0, opt ? opt->run_days : 0,
                   INT32_MIN};
    check_plan(plan, &c);
    free(prob);
}

Test(plan, weekly_volume_rises_at_most_ten_percent) {
    hp_ontology *o = load_default();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    runner(p, HP_RUNNER_WEEKLY_KM, 20);
    runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, 8);
    hp_plan_options opt = {.weeks = 16, .run_days = 4, .target_weekly_km = 60};
    hp_plan *plan = plan_for(o, NULL, 0, p, &opt);
    check_explicit(o, plan, NULL, 0, p, &opt);
    /* a running runner without a cause starts in build and grows */
    hp_week w1 = week(plan, 0), w16 = week(plan, 15);
    cr_assert_eq(w1.phase, HP_PHASE_BUILD);
    cr_assert_gt(w16.run_km, w1.run_km * 1.5, "%.1f -> %.1f", w1.run_km, w16.run_km);
    for (size_t w = 1; w < 16; w++)
        cr_assert_leq(week(plan, w).run_km, week(plan, w - 1).run_km * 1.1 + 1e-9);
    cr_assert_leq(w1.run_km, 22 + 1e-9);
    hp_plan_free(plan);
    /* a target below the current volume comes down at once */
    opt.target_weekly_km = 10;
    plan = plan_for(o, NULL, 0, p, &opt);
    cr_assert_leq(week(plan, 0).run_km, 10 + 1e-9);
    hp_plan_free(plan);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(plan, return_goes_through_walk_run_stages_each_twice) {
    hp_ontology *o = load_full();
    const char *ids[] = {"gluteal_tendinopathy"};
    for (int rd = 1; rd <= 6; rd++) {
        hp_plan_options opt = {.weeks = 20, .run_days = rd};
        hp_plan *plan = plan_for(o, ids, 1, NULL, &opt);
        check_explicit(o, plan, ids, 1, NULL, &opt);
        cr_assert_gt(count_kind(plan, HP_SESSION_WALK_RUN), 0);
        cr_assert_gt(count_kind(plan, HP_SESSION_RUN), 0, "run days %d: never continuous", rd);
        /* phases in order */
        int last = -1;
        for (size_t w = 0; w < hp_plan_week_count(plan); w++) {
            cr_assert_geq((int)week(plan, w).phase, last);
            last = (int)week(plan, w).phase;
        }
        cr_assert_eq(week(plan, 0).phase, HP_PHASE_SETTLE);
        /* with one run day a week each stage spans two weeks */
        if (rd == 1)
            for (size_t w = 0; w + 1 < hp_plan_week_count(plan); w++) {
                hp_week a = week(plan, w);
                if (a.walk_run_stage &&
                    (w == 0 || week(plan, w - 1).walk_run_stage != a.walk_run_stage))
                    cr_assert_eq(week(plan, w + 1).walk_run_stage, a.walk_run_stage);
            }
        hp_plan_free(plan);
    }
    hp_ontology_free(o);
}

Test(plan, no_run_longer_than_110_percent_of_30_day_longest) {
    hp_ontology *o = load_default();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    runner(p, HP_RUNNER_WEEKLY_KM, 40);
    runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, 8);
    hp_plan_options opt = {.weeks = 10, .run_days = 3, .target_weekly_km = 40};
    hp_plan *plan = plan_for(o, NULL, 0, p, &opt);
    check_explicit(o, plan, NULL, 0, p, &opt);
    double longest = 0;
    for (size_t d = 0; d < 7; d++)
        for (size_t s = 0; s < day(plan, 0, d).n_sessions; s++)
            if (session(plan, 0, d, s).km > longest)
                longest = session(plan, 0, d, s).km;
    cr_assert_leq(longest, 8.8 + 1e-9);
    cr_assert_geq(longest, 8.0, "the long run uses the room it has: %.1f", longest);
    hp_plan_free(plan);
    /* from the run log when the runner gives no longest run */
    hp_profile_clear_runner(p, HP_RUNNER_LONGEST_RUN_KM_30D);
    for (int k = 0; k < 8; k++)
        add_run(p, AS_OF - 3 * k, k == 2 ? 12 : 6);
    plan = plan_for(o, NULL, 0, p, &opt);
    check_explicit(o, plan, NULL, 0, p, &opt);
    hp_day d0 = day(plan, 0, 0);
    cr_assert_eq(d0.date, AS_OF + 1, "starts the day after the latest run");
    hp_plan_free(plan);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(plan, cadence_rises_in_five_percent_steps) {
    hp_ontology *o = load_default();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    runner(p, HP_RUNNER_WEEKLY_KM, 25);
    runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, 10);
    runner(p, HP_RUNNER_CADENCE_SPM, 150);
    hp_plan_options opt = {.weeks = 12};
    hp_plan *plan = plan_for(o, NULL, 0, p, &opt);
    check_explicit(o, plan, NULL, 0, p, &opt);
    int expect[] = {157, 157, 164, 164, 170, 170, 170};
    for (size_t w = 0; w < 7; w++)
        cr_assert_eq(week(plan, w).cadence_spm, expect[w], "week %zu: %d", w + 1,
                     week(plan, w).cadence_spm);
    hp_plan_free(plan);
    /* already in the band: kept */
    runner(p, HP_RUNNER_CADENCE_SPM, 176);
    plan = plan_for(o, NULL, 0, p, &opt);
    for (size_t w = 0; w < 12; w++)
        cr_assert_eq(week(plan, w).cadence_spm, 176);
    hp_plan_free(plan);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(plan, rest_day_and_strength_on_non_consecutive_days) {
    hp_ontology *o = load_full();
    const char *ids[] = {"it_band_syndrome"};
    hp_plan_options opt = {.weeks = 12, .run_days = 6};
    hp_plan *plan = plan_for(o, ids, 1, NULL, &opt);
    check_explicit(o, plan, ids, 1, NULL, &opt);
    cr_assert_gt(count_kind(plan, HP_SESSION_STRENGTH), 0);
    cr_assert_geq(count_kind(plan, HP_SESSION_REST), 12);
    hp_plan_free(plan);
    hp_ontology_free(o);
}

Test(plan, exercises_from_links_none_contraindicated_progressed) {
    hp_ontology *o = load_full();
    const char *ids[] = {"gluteal_tendinopathy"};
    hp_plan_options opt = {.weeks = 12};
    hp_plan *plan = plan_for(o, ids, 1, NULL, &opt);
    check_explicit(o, plan, ids, 1, NULL, &opt);
    /* the LEAP isometric in settle; side plank (contraindicated) nowhere */
    int iso = 0, progressed = 0;
    for (size_t w = 0; w < hp_plan_week_count(plan); w++)
        for (size_t d = 0; d < 7; d++)
            for (size_t s = 0; s < day(plan, w, d).n_sessions; s++) {
                hp_session ss = session(plan, w, d, s);
                for (size_t i = 0; i < ss.n_items; i++) {
                    hp_session_item it;
                    hp_plan_item(plan, w, d, s, i, &it);
                    cr_assert_str_neq(it.id, "side_plank");
                    cr_assert_str_neq(it.id, "glute_stretch");
                    cr_assert_str_neq(it.id, "it_band_stretch");
                    if (!strcmp(it.id, "isometric_hip_abduction")) {
                        iso++;
                        cr_assert_eq(week(plan, w).phase, HP_PHASE_SETTLE);
                        cr_assert(word_in(it.why, "gluteal_tendinopathy"));
                        cr_assert(word_in(it.sources, "mellor2018"));
                    }
                    if (!strcmp(it.id, "glute_bridge") && it.sets > 1)
                        progressed++;
                }
            }
    cr_assert_gt(iso, 0);
    cr_assert_gt(progressed, 0, "the bridge never progressed");
    hp_plan_free(plan);
    hp_ontology_free(o);
}

Test(plan, contraindication_threshold_from_the_assessment) {
    hp_ontology *o = load_mini();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    set(p, "side_pain", HP_ANSWER_PRESENT);
    set(p, "fever", HP_ANSWER_ABSENT);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    size_t hot = hp_ontology_index(o, HP_ENTITY_CONDITION, "hot_joint");
    double ph = hp_assessment_probability(a, hot);
    cr_assert_lt(ph, 0.5);
    /* "shell" is contraindicated for hot_joint: in with a high threshold, out with a low */
    hp_plan_options opt = {.weeks = 6, .contraindication_probability = 0.9};
    hp_plan *plan = NULL;
    cr_assert_eq(hp_plan_new(a, &opt, &plan, NULL), HP_OK);
    size_t with = count_kind(plan, HP_SESSION_STRENGTH);
    hp_plan_free(plan);
    opt.contraindication_probability = ph / 2;
    cr_assert_eq(hp_plan_new(a, &opt, &plan, NULL), HP_OK);
    size_t without = count_kind(plan, HP_SESSION_STRENGTH);
    hp_plan_free(plan);
    cr_assert_gt(with, 0);
    cr_assert_eq(without, 0);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(plan, urgent_triage_gives_no_weeks) {
    hp_ontology *o = load_mini();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    set(p, "fever", HP_ANSWER_PRESENT);
    set(p, "groin_pain", HP_ANSWER_PRESENT);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    cr_assert_eq(hp_assessment_triage(a), HP_TRIAGE_URGENT);
    hp_plan *plan = NULL;
    cr_assert_eq(hp_plan_new(a, NULL, &plan, NULL), HP_OK);
    cr_assert_eq(hp_plan_triage(plan), HP_TRIAGE_URGENT);
    cr_assert_eq(hp_plan_week_count(plan), 0);
    hp_week wk;
    cr_assert_eq(hp_plan_week(plan, 0, &wk), HP_E_NOT_FOUND);
    char *j = to_json(plan);
    json_t *root = json_loads(j, 0, NULL);
    cr_assert_not_null(root);
    cr_assert_str_eq(json_string_value(json_object_get(root, "triage")), "urgent");
    cr_assert_eq(json_array_size(json_object_get(root, "weeks")), 0);
    json_decref(root);
    hp_string_free(j);
    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);

    /* the default ontology: red flag -> only urgent-care advice */
    o = load_full();
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    set(p, "fever_or_chills", HP_ANSWER_PRESENT);
    set(p, "swelling", HP_ANSWER_PRESENT);
    set(p, "warmth", HP_ANSWER_PRESENT);
    set(p, "redness", HP_ANSWER_PRESENT);
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    cr_assert_eq(hp_assessment_triage(a), HP_TRIAGE_URGENT);
    cr_assert_eq(hp_plan_new(a, NULL, &plan, NULL), HP_OK);
    cr_assert_eq(hp_plan_week_count(plan), 0);
    cr_assert(has_advice(plan, "seek_urgent_care", "triage"));
    for (size_t i = 0; i < hp_plan_advice_count(plan); i++) {
        hp_plan_advice_item ai;
        hp_plan_advice(plan, i, &ai);
        cr_assert_str_eq(ai.why, "triage");
    }
    hp_plan_free(plan);
    const char *ids[] = {"septic_arthritis"};
    plan = plan_for(o, ids, 1, NULL, NULL);
    cr_assert_eq(hp_plan_triage(plan), HP_TRIAGE_URGENT);
    cr_assert_eq(hp_plan_week_count(plan), 0);
    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(plan, see_clinician_keeps_a_plan_with_consult_advice) {
    hp_ontology *o = load_full();
    const char *ids[] = {"labral_tear", "avascular_necrosis"};
    hp_plan *plan = plan_for(o, ids, 2, NULL, NULL);
    cr_assert_eq(hp_plan_triage(plan), HP_TRIAGE_SEE_CLINICIAN);
    cr_assert_eq(hp_plan_week_count(plan), 8);
    cr_assert(has_advice(plan, "consult_clinician", "triage"));
    check_explicit(o, plan, ids, 2, NULL, NULL);
    hp_plan_free(plan);
    hp_ontology_free(o);
}

Test(plan, stress_fracture_means_no_running_and_no_impact) {
    hp_ontology *o = load_full();
    const char *ids[] = {"stress_fracture"};
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    runner(p, HP_RUNNER_WEEKLY_KM, 50);
    runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, 18);
    hp_plan_options opt = {.weeks = 24, .run_days = 5};
    hp_plan *plan = plan_for(o, ids, 1, p, &opt);
    check_explicit(o, plan, ids, 1, p, &opt);
    cr_assert_eq(count_kind(plan, HP_SESSION_RUN), 0);
    cr_assert_eq(count_kind(plan, HP_SESSION_WALK_RUN), 0);
    cr_assert_eq(count_kind(plan, HP_SESSION_WARM_UP), 0);
    cr_assert_gt(count_kind(plan, HP_SESSION_CROSS_TRAINING), 0);
    cr_assert(has_advice(plan, "consult_clinician", "stress_fracture"));
    size_t sf = hp_ontology_index(o, HP_ENTITY_CONDITION, "stress_fracture");
    for (size_t w = 0; w < hp_plan_week_count(plan); w++) {
        cr_assert_eq(week(plan, w).run_km, 0);
        for (size_t d = 0; d < 7; d++)
            for (size_t s = 0; s < day(plan, w, d).n_sessions; s++) {
                hp_session ss = session(plan, w, d, s);
                if (ss.kind == HP_SESSION_CROSS_TRAINING)
                    cr_assert(ss.notes && strstr(ss.notes, "Non-impact"));
                for (size_t i = 0; i < ss.n_items; i++) {
                    hp_session_item it;
                    hp_plan_item(plan, w, d, s, i, &it);
                    size_t e = hp_ontology_index(o, HP_ENTITY_EXERCISE, it.id);
                    cr_assert(!hp_exercise_contraindicated(o, e, sf), "%s", it.id);
                    cr_assert_str_neq(it.id, "elliptical");
                }
            }
    }
    hp_plan_free(plan);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(plan, warm_up_before_and_cool_down_after_each_run) {
    hp_ontology *o = load_full();
    const char *ids[] = {"hip_flexor_strain"};
    hp_plan_options opt = {.weeks = 16, .run_days = 4};
    hp_plan *plan = plan_for(o, ids, 1, NULL, &opt);
    check_explicit(o, plan, ids, 1, NULL, &opt);
    size_t runs = count_kind(plan, HP_SESSION_RUN) + count_kind(plan, HP_SESSION_WALK_RUN);
    cr_assert_gt(runs, 0);
    cr_assert_eq(count_kind(plan, HP_SESSION_WARM_UP), runs);
    cr_assert_eq(count_kind(plan, HP_SESSION_COOL_DOWN), runs);
    /* no warm-up drill contraindicated for a hip flexor strain */
    for (size_t w = 0; w < hp_plan_week_count(plan); w++)
        for (size_t d = 0; d < 7; d++)
            for (size_t s = 0; s < day(plan, w, d).n_sessions; s++)
                for (size_t i = 0; i < session(plan, w, d, s).n_items; i++) {
                    hp_session_item it;
                    hp_plan_item(plan, w, d, s, i, &it);
                    cr_assert_str_neq(it.id, "leg_swing_front_back");
                    cr_assert_str_neq(it.id, "walking_lunge");
                    cr_assert_str_neq(it.id, "hip_flexor_stretch");
                }
    hp_plan_free(plan);
    hp_ontology_free(o);
}

Test(plan, advice_says_why_and_source) {
    hp_ontology *o = load_full();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    set(p, "pain_lateral_hip", HP_ANSWER_PRESENT);
    set(p, "worse_lying_on_side", HP_ANSWER_PRESENT);
    set(p, "tender_greater_trochanter", HP_ANSWER_PRESENT);
    set(p, "worn_shoes", HP_ANSWER_PRESENT);
    runner(p, HP_RUNNER_WEEKLY_KM, 30);
    runner(p, HP_RUNNER_CADENCE_SPM, 160);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    hp_plan *plan = NULL;
    cr_assert_eq(hp_plan_new(a, NULL, &plan, NULL), HP_OK);
    cr_assert(has_advice(plan, "replace_shoes", "worn_shoes"));
    cr_assert(has_advice(plan, "increase_cadence", "low_cadence"), "derived risk factor");
    cr_assert(has_advice(plan, "rest_days", NULL));
    cr_assert(has_advice(plan, "gradual_progression", NULL));
    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(plan, deterministic_and_default_start) {
    hp_ontology *o = load_default();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    runner(p, HP_RUNNER_WEEKLY_KM, 15);
    hp_plan *p1 = plan_for(o, NULL, 0, p, NULL), *p2 = plan_for(o, NULL, 0, p, NULL);
    char *j1 = to_json(p1), *j2 = to_json(p2);
    cr_assert_str_eq(j1, j2);
    char *i1 = NULL, *i2 = NULL, *m1 = NULL, *m2 = NULL;
    cr_assert_eq(hp_plan_to_ical(p1, &i1, NULL), HP_OK);
    cr_assert_eq(hp_plan_to_ical(p2, &i2, NULL), HP_OK);
    cr_assert_str_eq(i1, i2);
    cr_assert_eq(hp_plan_to_markdown(p1, &m1, NULL), HP_OK);
    cr_assert_eq(hp_plan_to_markdown(p2, &m2, NULL), HP_OK);
    cr_assert_str_eq(m1, m2);
    cr_assert_eq(day(p1, 0, 0).date, 20458, "2026-01-05 without any date");
    hp_string_free(j1);
    hp_string_free(j2);
    hp_string_free(i1);
    hp_string_free(i2);
    hp_string_free(m1);
    hp_string_free(m2);
    hp_plan_free(p1);
    hp_plan_free(p2);
    /* the day after as_of, through an assessment too */
    hp_profile_set_as_of(p, "2026-02-10", NULL);
    p1 = plan_for(o, NULL, 0, p, NULL);
    char d[16];
    hp_date_format(day(p1, 0, 0).date, d, sizeof d);
    cr_assert_str_eq(d, "2026-02-11");
    hp_plan_free(p1);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    hp_plan_options opt = {.start_date = "2026-03-02"};
    cr_assert_eq(hp_plan_new(a, &opt, &p1, NULL), HP_OK);
    cr_assert_eq(hp_plan_new(a, &opt, &p2, NULL), HP_OK);
    j1 = to_json(p1);
    j2 = to_json(p2);
    cr_assert_str_eq(j1, j2);
    hp_string_free(j1);
    hp_string_free(j2);
    if (hp_plan_week_count(p1)) {
        hp_date_format(day(p1, 0, 0).date, d, sizeof d);
        cr_assert_str_eq(d, "2026-03-02");
    }
    hp_plan_free(p1);
    hp_plan_free(p2);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
}

/* ---- Exports ------------------------------------------------------------------------ */

static hp_plan *export_plan(hp_ontology *o, const char *lang) {
    const char *full[] = {"hip_flexor_strain", "gluteal_tendinopathy"};
    const char *mini[] = {"side_thing"};
    int is_full = has_id(o, HP_ENTITY_CONDITION, "hip_flexor_strain");
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    runner(p, HP_RUNNER_WEEKLY_KM, 25);
    runner(p, HP_RUNNER_CADENCE_SPM, 158);
    hp_plan_options opt = {.weeks = 10, .run_days = 3, .lang = lang};
    hp_plan *plan = plan_for(o, is_full ? full : mini, is_full ? 2 : 1, p, &opt);
    hp_profile_free(p);
    return plan;
}

Test(plan, json_export_parses_with_the_spec_keys) {
    hp_ontology *o = load_default();
    hp_plan *plan = export_plan(o, NULL);
    for (unsigned flags = 0; flags <= HP_JSON_PRETTY; flags++) {
        char *j = NULL;
        cr_assert_eq(hp_plan_to_json(plan, flags, &j, NULL), HP_OK);
        json_error_t je;
        json_t *root = json_loads(j, 0, &je);
        cr_assert_not_null(root, "%s at line %d", je.text, je.line);
        cr_assert(json_is_string(json_object_get(root, "triage")));
        json_t *advice = json_object_get(root, "advice");
        cr_assert(json_is_array(advice));
        cr_assert_eq(json_array_size(advice), hp_plan_advice_count(plan));
        size_t i;
        json_t *x;
        json_array_foreach(advice, i, x) {
            cr_assert(json_is_string(json_object_get(x, "id")));
            cr_assert(json_is_string(json_object_get(x, "why")));
            cr_assert(json_is_string(json_object_get(x, "source")));
        }
        json_t *weeks = json_object_get(root, "weeks");
        cr_assert_eq(json_array_size(weeks), hp_plan_week_count(plan));
        size_t wi;
        json_t *wk;
        json_array_foreach(weeks, wi, wk) {
            cr_assert_eq(json_integer_value(json_object_get(wk, "index")), (json_int_t)wi + 1);
            cr_assert(json_is_string(json_object_get(wk, "phase")));
            cr_assert(json_is_number(json_object_get(wk, "run_km")));
            cr_assert(fabs(json_number_value(json_object_get(wk, "run_km")) -
                           week(plan, wi).run_km) < 1e-9);
            json_t *days = json_object_get(wk, "days");
            cr_assert_eq(json_array_size(days), 7);
            size_t di;
            json_t *dy;
            json_array_foreach(days, di, dy) {
                cr_assert_eq(strlen(json_string_value(json_object_get(dy, "date"))), 10);
                json_t *ss = json_object_get(dy, "sessions");
                cr_assert_eq(json_array_size(ss), day(plan, wi, di).n_sessions);
                size_t si;
                json_t *s;
                json_array_foreach(ss, si, s) {
                    const char *kind = json_string_value(json_object_get(s, "kind"));
                    int k = -1;
                    cr_assert_eq(hp_enum_parse(HP_ENUM_SESSION_KIND, kind, &k), HP_OK);
                    cr_assert_eq(k, (int)session(plan, wi, di, si).kind);
                    if (k == HP_SESSION_RUN || k == HP_SESSION_WALK_RUN) {
                        cr_assert(json_is_number(json_object_get(s, "km")));
                        cr_assert(json_is_integer(json_object_get(s, "cadence_spm")));
                    }
                    json_t *items = json_object_get(s, "items");
                    cr_assert(json_is_array(items));
                    size_t ii;
                    json_t *it;
                    json_array_foreach(items, ii, it) {
                        cr_assert(json_is_string(json_object_get(it, "id")));
                        cr_assert(json_is_integer(json_object_get(it, "sets")));
                        cr_assert(json_object_get(it, "reps") ||
                                  json_object_get(it, "hold_seconds") ||
                                  json_object_get(it, "minutes"));
                        cr_assert(json_is_string(json_object_get(it, "effort")));
                        cr_assert(json_is_string(json_object_get(it, "why")));
                    }
                }
            }
        }
        json_decref(root);
        hp_string_free(j);
    }
    hp_plan_free(plan);
    hp_ontology_free(o);
}

/* Unescape an iCalendar TEXT value. */
static void ical_unescape(const char *s, char *out) {
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *out++ = *s == 'n' || *s == 'N' ? '\n' : *s;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

static int valid_utf8(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k = s[i] < 0x80 ? 1 : s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC0 ? 2 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

static void check_ical(const hp_plan *plan, const char *ics) {
    /* CRLF everywhere, at most 75 octets a line, folds never split a UTF-8 sequence */
    size_t n_lines = 0;
    const char *s = ics;
    while (*s) {
        const char *e = strstr(s, "\r\n");
        cr_assert_not_null(e, "line without CRLF");
        size_t len = (size_t)(e - s);
        cr_assert_leq(len, 75, "line of %zu octets: %.80s", len, s);
        cr_assert(memchr(s, '\n', len) == NULL);
        cr_assert(valid_utf8((const unsigned char *)s, len), "line splits UTF-8: %.80s", s);
        s = e + 2;
        n_lines++;
    }
    cr_assert_gt(n_lines, 10);
    cr_assert(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0);

    icalcomponent *cal = icalparser_parse_string(ics);
    cr_assert_not_null(cal, "libical cannot parse it");
    cr_assert_eq(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
    icalproperty *version = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
    cr_assert_not_null(version);
    cr_assert_str_eq(icalproperty_get_version(version), "2.0");
    cr_assert_not_null(icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY));
    cr_assert_not_null(icalcomponent_get_first_property(cal, ICAL_CALSCALE_PROPERTY));

    size_t expect = 0;
    for (size_t w = 0; w < hp_plan_week_count(plan); w++)
        for (size_t d = 0; d < 7; d++)
            for (size_t k = 0; k < day(plan, w, d).n_sessions; k++)
                expect += session(plan, w, d, k).kind != HP_SESSION_REST;
    size_t events = 0, folded = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        events++;
        const char *uid = icalcomponent_get_uid(ev);
        cr_assert(uid && strstr(uid, "@hippain"));
        struct icaltimetype st = icalcomponent_get_dtstart(ev);
        cr_assert(st.is_date, "DTSTART is a DATE");
        cr_assert_not_null(icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY));
        const char *summary = icalcomponent_get_summary(ev);
        cr_assert(summary && *summary);
        const char *desc = icalcomponent_get_description(ev);
        cr_assert(desc && *desc);
        /* find this DESCRIPTION in the raw text, unfold and unescape it by hand */
        char needle[128];
        snprintf(needle, sizeof needle, "UID:%s\r\n", uid);
        const char *at = strstr(ics, needle);
        cr_assert_not_null(at);
        const char *dp = strstr(at, "\r\nDESCRIPTION:");
        cr_assert_not_null(dp);
        dp += 14;
        size_t cap = strlen(dp) + 1;
        char *raw = malloc(cap), *text = malloc(cap);
        size_t r = 0;
        int folds = 0;
        while (*dp) {
            if (dp[0] == '\r' && dp[1] == '\n') {
                if (dp[2] == ' ') {
                    dp += 3;
                    folds++;
                    continue;
                }
                break;
            }
            raw[r++] = *dp++;
        }
        raw[r] = '\0';
        ical_unescape(raw, text);
        cr_assert_str_eq(text, desc, "unfolded DESCRIPTION differs");
        if (folds && strchr(desc, '\n') && strchr(desc, ','))
            folded++;
        free(raw);
        free(text);
    }
    cr_assert_eq(events, expect);
    cr_assert_gt(folded, 0, "no long DESCRIPTION with escapes was folded");
    icalcomponent_free(cal);
}

Test(plan, ical_export_parses_with_libical) {
    hp_ontology *o = load_default();
    const char *langs[] = {NULL, "de"};
    for (size_t l = 0; l < 2; l++) {
        hp_plan *plan = export_plan(o, langs[l]);
        char *ics = NULL;
        cr_assert_eq(hp_plan_to_ical(plan, &ics, NULL), HP_OK);
        check_ical(plan, ics);
        hp_string_free(ics);
        hp_plan_free(plan);
    }
    /* German labels put multi-byte characters into the folded lines */
    if (has_id(o, HP_ENTITY_CONDITION, "hip_flexor_strain")) {
        hp_plan *plan = export_plan(o, "de");
        char *ics = NULL;
        cr_assert_eq(hp_plan_to_ical(plan, &ics, NULL), HP_OK);
        cr_assert_not_null(strstr(ics, "\xc3"), "no UTF-8 in the German calendar");
        hp_string_free(ics);
        hp_plan_free(plan);
    }
    hp_ontology_free(o);
}

Test(plan, markdown_is_readable_at_80_columns) {
    hp_ontology *o = load_default();
    const char *langs[] = {NULL, "de"};
    for (size_t l = 0; l < 2; l++) {
        hp_plan *plan = export_plan(o, langs[l]);
        char *md = NULL;
        cr_assert_eq(hp_plan_to_markdown(plan, &md, NULL), HP_OK);
        cr_assert(strncmp(md, "# ", 2) == 0);
        size_t weeks = 0, phases = 0, days = 0;
        const char *s = md;
        while (*s) {
            const char *e = strchr(s, '\n');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            size_t cols = 0;
            for (size_t i = 0; i < len; i++)
                cols += ((unsigned char)s[i] & 0xC0) != 0x80;
            char line[1024];
            snprintf(line, sizeof line, "%.*s", (int)len, s);
            if (!strstr(line, "http"))
                cr_assert_leq(cols, 80, "line of %zu columns: %s", cols, line);
            weeks += strncmp(line, "### Week ", 9) == 0;
            phases += strncmp(line, "## ", 3) == 0;
            days += strncmp(line, "- ", 2) == 0 && strlen(line) > 16 && line[5] == ' ' &&
                    line[10] == '-';
            s = e ? e + 1 : s + len;
        }
        cr_assert_eq(weeks, hp_plan_week_count(plan));
        cr_assert_geq(phases, 2);
        cr_assert_eq(days, 7 * hp_plan_week_count(plan));
        hp_string_free(md);
        hp_plan_free(plan);
    }
    hp_ontology_free(o);
}

/* ---- Errors ------------------------------------------------------------------------- */

Test(plan, error_paths) {
    hp_ontology *o = load_mini();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    set(p, "fever", HP_ANSWER_ABSENT);
    set(p, "side_pain", HP_ANSWER_PRESENT);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    cr_assert_neq(hp_assessment_triage(a), HP_TRIAGE_URGENT);
    hp_plan *plan = (hp_plan *)0x1;
    hp_error e;
    cr_assert_eq(hp_plan_new(NULL, NULL, &plan, &e), HP_E_INVALID);
    cr_assert_null(plan);
    cr_assert_eq(hp_plan_new(a, NULL, NULL, &e), HP_E_INVALID);
    cr_assert_eq(hp_plan_for_conditions(NULL, NULL, 0, NULL, NULL, &plan, &e), HP_E_INVALID);
    cr_assert_eq(hp_plan_for_conditions(o, NULL, 1, NULL, NULL, &plan, &e), HP_E_INVALID);

    hp_plan_options opt = {.start_date = "2026-13-01"};
    cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_E_INVALID);
    cr_assert_null(plan);
    cr_assert(strstr(e.message, "start_date"), "%s", e.message);
    opt = (hp_plan_options){.start_date = "tomorrow"};
    cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_E_INVALID);
    int bad_weeks[] = {-1, 53, 1000};
    for (size_t i = 0; i < 3; i++) {
        opt = (hp_plan_options){.weeks = bad_weeks[i]};
        cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_E_INVALID);
        cr_assert(strstr(e.message, "weeks"), "%s", e.message);
    }
    opt = (hp_plan_options){.weeks = 52};
    cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_OK);
    cr_assert_eq(hp_plan_week_count(plan), 52);
    hp_plan_free(plan);
    opt = (hp_plan_options){.run_days = 7};
    cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_E_INVALID);
    opt = (hp_plan_options){.target_weekly_km = -5};
    cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_E_INVALID);
    opt = (hp_plan_options){.target_weekly_km = NAN};
    cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_E_INVALID);
    opt = (hp_plan_options){.contraindication_probability = 1.5};
    cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_E_INVALID);

    const char *ids[] = {"side_thing", "no_such_condition"};
    cr_assert_eq(hp_plan_for_conditions(o, ids, 2, NULL, NULL, &plan, &e), HP_E_NOT_FOUND);
    cr_assert_null(plan);
    cr_assert(strstr(e.message, "no_such_condition"), "%s", e.message);
    const char *not_cond[] = {"side_pain"};
    cr_assert_eq(hp_plan_for_conditions(o, not_cond, 1, NULL, NULL, &plan, &e), HP_E_NOT_FOUND);
    cr_assert(strstr(e.message, "side_pain"), "%s", e.message);

    /* a profile of another ontology */
    hp_ontology *other = load_mini();
    hp_profile *q = NULL;
    cr_assert_eq(hp_profile_new(other, &q, NULL), HP_OK);
    cr_assert_eq(hp_plan_for_conditions(o, ids, 1, q, NULL, &plan, &e), HP_E_INVALID);
    hp_profile_free(q);
    hp_ontology_free(other);

    /* accessors and exports */
    cr_assert_eq(hp_plan_new(a, NULL, &plan, &e), HP_OK);
    hp_week wk;
    hp_day dy;
    hp_session ss;
    hp_session_item it;
    hp_plan_advice_item ad;
    cr_assert_eq(hp_plan_week(plan, 8, &wk), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_week(plan, 0, NULL), HP_E_INVALID);
    cr_assert_eq(hp_plan_week(NULL, 0, &wk), HP_E_INVALID);
    cr_assert_eq(hp_plan_day(plan, 0, 7, &dy), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_session(plan, 0, 0, 99, &ss), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_item(plan, 0, 0, 0, 99, &it), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_advice(plan, 999, &ad), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_week_count(NULL), 0);
    cr_assert_eq(hp_plan_advice_count(NULL), 0);
    cr_assert_null(hp_plan_ontology(NULL));
    cr_assert_eq(hp_plan_ontology(plan), o);
    char *out = (char *)0x1;
    cr_assert_eq(hp_plan_to_json(NULL, 0, &out, &e), HP_E_INVALID);
    cr_assert_null(out);
    cr_assert_eq(hp_plan_to_json(plan, 0, NULL, &e), HP_E_INVALID);
    cr_assert_eq(hp_plan_to_markdown(NULL, &out, &e), HP_E_INVALID);
    cr_assert_eq(hp_plan_to_markdown(plan, NULL, &e), HP_E_INVALID);
    cr_assert_eq(hp_plan_to_ical(NULL, &out, &e), HP_E_INVALID);
    cr_assert_eq(hp_plan_to_ical(plan, NULL, &e), HP_E_INVALID);
    hp_plan_free(NULL);
    /* the plan keeps its ontology alive */
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
    char *j = to_json(plan);
    hp_string_free(j);
    hp_plan_free(plan);
}

/* Every allocation failing in turn frees everything and reports HP_E_NOMEM. */
typedef struct failing {
    long budget;
} failing;

static void *f_malloc(void *ctx, size_t n) {
    failing *f = ctx;
    return f->budget-- > 0 ? malloc(n) : NULL;
}
static void *f_realloc(void *ctx, void *p, size_t n) {
    failing *f = ctx;
    return f->budget-- > 0 ? realloc(p, n) : NULL;
}
static void f_free(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

Test(plan, allocation_failures_leak_nothing) {
    char path[512];
    size_t size;
    char *xml = hp_test_slurp(hp_test_path(path, sizeof path, "ontologies/mini.xml"), &size);
    failing f = {1L << 40};
    hp_allocator al = {f_malloc, f_realloc, f_free, &f};
    hp_load_options lo = {0};
    lo.allocator = &al;
    hp_input in = {"mini.xml", xml, size};
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load(&in, 1, &lo, &o, NULL), HP_OK);
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    runner(p, HP_RUNNER_WEEKLY_KM, 20);
    set(p, "side_pain", HP_ANSWER_PRESENT);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    int ok = 0;
    for (long budget = 0; budget < 100000 && !ok; budget++) {
        f.budget = budget;
        hp_plan *plan = NULL;
        hp_status st = hp_plan_new(a, NULL, &plan, NULL);
        if (st == HP_OK) {
            char *j = NULL, *m = NULL, *i = NULL;
            hp_status s1 = hp_plan_to_json(plan, 0, &j, NULL);
            hp_status s2 = hp_plan_to_markdown(plan, &m, NULL);
            hp_status s3 = hp_plan_to_ical(plan, &i, NULL);
            ok = s1 == HP_OK && s2 == HP_OK && s3 == HP_OK;
            hp_string_free(j);
            hp_string_free(m);
            hp_string_free(i);
            hp_plan_free(plan);
        } else {
            cr_assert_eq(st, HP_E_NOMEM);
            cr_assert_null(plan);
        }
    }
    cr_assert(ok);
    f.budget = 1L << 40;
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
    free(xml);
}
