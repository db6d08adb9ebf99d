/*
 * The single-run spike rule on plans built from run logs (issue 18): every planned run or
 * walk-run is at most 110% of the longest run of the 30 days before it (days D-30 .. D-1),
 * counting the log's runs and the plan's own earlier runs only, whatever the profile's
 * longest_run_km_30d or weekly_km say. A continuous run always has such a run before it.
 */
#include <stdint.h>

#include "test_util.h"

TestSuite(plan_spike, .fini = hp_test_leak_check);

static uint32_t lcg_state;
static uint32_t lcg(void) {
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state >> 8;
}
static int range(int lo, int hi) { return lo + (int)(lcg() % (uint32_t)(hi - lo + 1)); }

#define AS_OF 20450 /* 2025-12-28 */
#define MAX_H 4096

/* A profile with a run log and, often, runner fields that disagree with it. */
static hp_profile *log_profile(const hp_ontology *o, hp_test_run *h, size_t *nh) {
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    int n = range(1, 30), spread = range(3, 60);
    for (int i = 0; i < n; i++) {
        char d[16];
        int date = AS_OF - range(0, spread);
        double km = range(1, 20) + 0.1 * range(0, 9);
        hp_date_format(date, d, sizeof d);
        cr_assert_eq(hp_profile_add_run(p, d, km, 0, 0, NULL), HP_OK);
        h[(*nh)++] = (hp_test_run){date, km};
    }
    if (range(0, 1))
        hp_profile_set_runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, range(2, 30), NULL);
    if (range(0, 1))
        hp_profile_set_runner(p, HP_RUNNER_WEEKLY_KM, range(5, 90), NULL);
    if (range(0, 1))
        hp_profile_set_runner(p, HP_RUNNER_RUN_DAYS_PER_WEEK, range(1, 7), NULL);
    if (range(0, 1))
        hp_profile_set_as_of(p, "2025-12-28", NULL);
    return p;
}

/* Checks every run of the plan; returns the number of running sessions. */
static int check_spikes(const hp_plan *plan, hp_test_run *h, size_t nh, const char *nm) {
    int n = 0;
    for (size_t w = 0; w < hp_plan_week_count(plan); w++)
        for (size_t d = 0; d < 7; d++) {
            hp_day dy;
            cr_assert_eq(hp_plan_day(plan, w, d, &dy), HP_OK);
            for (size_t s = 0; s < dy.n_sessions; s++) {
                hp_session ss;
                cr_assert_eq(hp_plan_session(plan, w, d, s, &ss), HP_OK);
                if (ss.kind != HP_SESSION_RUN && ss.kind != HP_SESSION_WALK_RUN)
                    continue;
                double ref = hp_test_longest_before(h, nh, dy.date);
                if (ss.kind == HP_SESSION_RUN)
                    cr_assert_gt(ref, 0, "%s: continuous run with no run in its 30 days", nm);
                if (ref > 0)
                    cr_assert_leq(ss.km, ref * 1.10 + 1e-9,
                                  "%s: run of %.1f km after a longest of %.1f (week %zu)", nm,
                                  ss.km, ref, w + 1);
                cr_assert_lt(nh, MAX_H);
                h[nh++] = (hp_test_run){dy.date, ss.km};
                n++;
            }
        }
    return n;
}

Test(plan_spike, every_run_within_110_percent_of_the_log_and_plan, .timeout = 600) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    hp_test_run *h = malloc(sizeof *h * MAX_H);
    cr_assert_not_null(h);
    static const char *const starts[] = {NULL, "2025-12-29", "2026-01-10", "2025-12-20"};
    const char *cond[1] = {"gluteal_tendinopathy"};
    int has_cond = hp_ontology_index(o, HP_ENTITY_CONDITION, cond[0]) != (size_t)-1;
    lcg_state = 18u;
    int runs = 0;
    for (int i = 0; i < 400; i++) {
        size_t nh = 0;
        hp_profile *p = log_profile(o, h, &nh);
        hp_plan_options opt = {.weeks = range(1, 16), .run_days = range(1, 6)};
        opt.start_date = starts[range(0, 3)];
        if (range(0, 1))
            opt.target_weekly_km = range(5, 80);
        hp_plan *plan = NULL;
        hp_error e = {0};
        int mode = i % 3;
        if (mode == 0 || (mode == 1 && !has_cond)) {
            cr_assert_eq(hp_plan_for_conditions(o, NULL, 0, p, &opt, &plan, &e), HP_OK, "%s",
                         e.message);
        } else if (mode == 1) {
            cr_assert_eq(hp_plan_for_conditions(o, cond, 1, p, &opt, &plan, &e), HP_OK, "%s",
                         e.message);
        } else {
            hp_assessment *a = NULL;
            cr_assert_eq(hp_assess(p, &a, &e), HP_OK, "%s", e.message);
            cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_OK, "%s", e.message);
            hp_assessment_free(a);
        }
        char nm[32];
        snprintf(nm, sizeof nm, "log %d", i);
        runs += check_spikes(plan, h, nh, nm);
        hp_plan_free(plan);
        hp_profile_free(p);
    }
    cr_assert_gt(runs, 1000, "the generator plans runs: %d", runs);
    free(h);
    hp_ontology_free(o);
}
