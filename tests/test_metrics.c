/* Training-load metrics at the edges of the run log: runs older than the year the metrics
 * look at, runs after the reference date, zero distances, references of zero. */
#include <math.h>
#include <string.h>

#include "test_util.h"

TestSuite(metrics, .fini = hp_test_leak_check);

static hp_ontology *onto;

static void load(void) {
    char path[1024];
    hp_error e = {0};
    cr_assert_eq(
        hp_ontology_load_file(hp_test_path(path, sizeof path, "ontologies/mini.xml"), &onto, &e),
        HP_OK, "%s", e.message);
}

static void unload(void) {
    hp_ontology_free(onto);
    onto = NULL;
    hp_test_leak_check();
}

/* Assess the profile `json`; *value gets the metric, the status says whether it is known. */
static hp_status metric_of(const char *json, hp_metric m, double *value) {
    hp_profile *p = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_profile_from_json(onto, json, strlen(json), "p.json", &p, &e), HP_OK, "%s",
                 e.message);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, &e), HP_OK, "%s", e.message);
    *value = NAN;
    hp_status st = hp_assessment_metric(a, m, value);
    if (st == HP_OK)
        cr_assert(isfinite(*value), "%s: metric %d is %g", json, (int)m, *value);
    hp_assessment_free(a);
    hp_profile_free(p);
    return st;
}

/* Daily runs of `km` on the `n` days up to 2026-06-30, after `extra` (a JSON fragment of
   runs, possibly empty, ending with a comma). */
static void daily_runs(char *buf, size_t size, const char *extra, int n, double km) {
    size_t o =
        (size_t)snprintf(buf, size, "{\"runner\":{\"as_of\":\"2026-06-30\",\"runs\":[%s", extra);
    for (int i = 0; i < n; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s{\"date\":\"2026-06-%02d\",\"km\":%g}",
                              i ? "," : "", 30 - i, km);
    snprintf(buf + o, size - o, "]}}");
}

Test(metrics, a_run_older_than_a_year_shows_the_log_reaches_back, .init = load, .fini = unload) {
    char json[4096];
    double v;
    /* ten days of log: too short for the acute:chronic ratio */
    daily_runs(json, sizeof json, "", 10, 5);
    cr_assert_eq(metric_of(json, HP_METRIC_ACUTE_CHRONIC_RATIO, &v), HP_E_NOT_FOUND);
    /* the same with a run two years before: the log reaches back, the old run itself does
       not count, and ten days of 5 km after nothing is a steep rise */
    daily_runs(json, sizeof json, "{\"date\":\"2024-06-01\",\"km\":50},", 10, 5);
    cr_assert_eq(metric_of(json, HP_METRIC_ACUTE_CHRONIC_RATIO, &v), HP_OK);
    cr_assert_gt(v, 1.5, "acute:chronic %g", v);
    double with_old = v;
    daily_runs(json, sizeof json, "{\"date\":\"2025-06-01\",\"km\":500},", 10, 5);
    cr_assert_eq(metric_of(json, HP_METRIC_ACUTE_CHRONIC_RATIO, &v), HP_OK);
    cr_assert_float_eq(v, with_old, 1e-9, "only its date matters: %g vs %g", v, with_old);
}

Test(metrics, runs_after_the_reference_date_are_ignored, .init = load, .fini = unload) {
    char json[4096];
    double before, after;
    daily_runs(json, sizeof json, "", 14, 4);
    cr_assert_eq(metric_of(json, HP_METRIC_WEEKLY_INCREASE_PCT, &before), HP_OK);
    cr_assert_float_eq(before, 0, 1e-9);
    daily_runs(json, sizeof json, "{\"date\":\"2026-07-02\",\"km\":40},", 14, 4);
    cr_assert_eq(metric_of(json, HP_METRIC_WEEKLY_INCREASE_PCT, &after), HP_OK);
    cr_assert_float_eq(after, before, 1e-9);
    cr_assert_eq(metric_of(json, HP_METRIC_ACUTE_CHRONIC_RATIO, &after), HP_E_NOT_FOUND,
                 "two weeks of log, whatever comes after it");
}

Test(metrics, zero_distances_give_no_ratio, .init = load, .fini = unload) {
    char json[4096];
    double v;
    /* a month of 0 km: no acute:chronic ratio (not a division by zero) and no increase */
    daily_runs(json, sizeof json, "", 30, 0);
    cr_assert_eq(metric_of(json, HP_METRIC_ACUTE_CHRONIC_RATIO, &v), HP_E_NOT_FOUND);
    cr_assert_eq(metric_of(json, HP_METRIC_WEEKLY_INCREASE_PCT, &v), HP_E_NOT_FOUND);
    cr_assert_eq(metric_of(json, HP_METRIC_LONG_RUN_INCREASE_PCT, &v), HP_E_NOT_FOUND);
    cr_assert_eq(metric_of(json, HP_METRIC_RUN_DAYS_PER_WEEK, &v), HP_OK);
    cr_assert_eq(v, 0, "a 0 km run is not a run day");
}

Test(metrics, planned_run_needs_a_reference, .init = load, .fini = unload) {
    double v;
    /* no longest run, no log */
    cr_assert_eq(
        metric_of("{\"runner\":{\"planned_run_km\":16}}", HP_METRIC_LONG_RUN_INCREASE_PCT, &v),
        HP_E_NOT_FOUND);
    /* a longest run of 0 is no reference */
    cr_assert_eq(metric_of("{\"runner\":{\"planned_run_km\":16,\"longest_run_km_30d\":0}}",
                           HP_METRIC_LONG_RUN_INCREASE_PCT, &v),
                 HP_E_NOT_FOUND);
    cr_assert_eq(metric_of("{\"runner\":{\"planned_run_km\":16,\"longest_run_km_30d\":10}}",
                           HP_METRIC_LONG_RUN_INCREASE_PCT, &v),
                 HP_OK);
    cr_assert_float_eq(v, 60, 1e-9);
    /* the log's longest run of the 30 days is the reference when none is given */
    cr_assert_eq(metric_of("{\"runner\":{\"planned_run_km\":12,\"as_of\":\"2026-06-30\","
                           "\"runs\":[{\"date\":\"2026-06-10\",\"km\":8}]}}",
                           HP_METRIC_LONG_RUN_INCREASE_PCT, &v),
                 HP_OK);
    cr_assert_float_eq(v, 50, 1e-9);
    /* a previous week of 0 km: no weekly increase */
    cr_assert_eq(metric_of("{\"runner\":{\"weekly_km\":20,\"previous_weekly_km\":0}}",
                           HP_METRIC_WEEKLY_INCREASE_PCT, &v),
                 HP_E_NOT_FOUND);
}
