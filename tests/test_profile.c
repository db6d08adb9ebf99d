/* Profiles: findings, runner fields, run log, dates, JSON in and out, every error path. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "test_util.h"

TestSuite(profile, .fini = hp_test_leak_check);

#define MINI "ontologies/mini.xml"
#define NAME "t.json"

static hp_ontology *load_mini(void) {
    char path[512];
    hp_ontology *onto = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_file(hp_test_path(path, sizeof path, MINI), &onto, &e), HP_OK,
                 "%s", e.message);
    return onto;
}

static hp_status parse(const hp_ontology *onto, const char *json, hp_profile **p, hp_error *e) {
    hp_error_clear(e);
    return hp_profile_from_json(onto, json, strlen(json), NAME, p, e);
}

/* Parsing `json` fails with `code` and a message that contains `needle`. */
static void expect_fail(const hp_ontology *onto, const char *json, hp_status code,
                        const char *needle) {
    hp_profile *p = (hp_profile *)(uintptr_t)1;
    hp_error e;
    hp_status st = parse(onto, json, &p, &e);
    cr_assert_eq(st, code, "%s: got %d (%s), expected %d", json, st, e.message, code);
    cr_assert_eq(e.code, code);
    cr_assert_null(p, "%s: *out is NULL on failure", json);
    cr_assert_not_null(strstr(e.message, needle), "%s: message '%s' does not contain '%s'", json,
                       e.message, needle);
    cr_assert_str_eq(e.file, NAME);
}

static void expect_ok(const hp_ontology *onto, const char *json) {
    hp_profile *p = NULL;
    hp_error e;
    cr_assert_eq(parse(onto, json, &p, &e), HP_OK, "%s: %s", json, e.message);
    cr_assert_not_null(p);
    hp_profile_free(p);
}

/* Two profiles say exactly the same. */
static void assert_same(const hp_profile *a, const hp_profile *b) {
    const hp_ontology *o = hp_profile_ontology(a);
    cr_assert_eq(o, hp_profile_ontology(b));
    size_t n = hp_ontology_count(o, HP_ENTITY_FINDING);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(hp_profile_get_index(a, i), hp_profile_get_index(b, i), "finding %zu", i);
    cr_assert_eq(hp_profile_answered(a), hp_profile_answered(b));
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++) {
        double va = -1, vb = -1;
        hp_status sa = hp_profile_runner(a, (hp_runner_field)f, &va);
        hp_status sb = hp_profile_runner(b, (hp_runner_field)f, &vb);
        cr_assert_eq(sa, sb, "runner field %d", f);
        cr_assert_eq(memcmp(&va, &vb, sizeof va), 0, "runner field %d: %.17g vs %.17g", f, va, vb);
    }
    cr_assert_eq(hp_profile_sex(a), hp_profile_sex(b));
    cr_assert_eq(hp_profile_foot_strike(a), hp_profile_foot_strike(b));
    cr_assert_eq(hp_profile_run_count(a), hp_profile_run_count(b));
    for (size_t i = 0; i < hp_profile_run_count(a); i++) {
        hp_run ra, rb;
        cr_assert_eq(hp_profile_run(a, i, &ra), HP_OK);
        cr_assert_eq(hp_profile_run(b, i, &rb), HP_OK);
        cr_assert_eq(ra.date, rb.date, "run %zu", i);
        cr_assert_eq(memcmp(&ra.km, &rb.km, sizeof ra.km), 0, "run %zu km", i);
        cr_assert_eq(memcmp(&ra.minutes, &rb.minutes, sizeof ra.km), 0, "run %zu minutes", i);
        cr_assert_eq(memcmp(&ra.effort, &rb.effort, sizeof ra.km), 0, "run %zu effort", i);
    }
    /* as_of is only visible through JSON */
    char *ja = NULL, *jb = NULL;
    cr_assert_eq(hp_profile_to_json(a, &ja, NULL), HP_OK);
    cr_assert_eq(hp_profile_to_json(b, &jb, NULL), HP_OK);
    cr_assert_str_eq(ja, jb);
    hp_string_free(ja);
    hp_string_free(jb);
}

/* ---- Life cycle, findings ----------------------------------------------------------- */

Test(profile, new_is_empty) {
    hp_ontology *onto = load_mini();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_ontology(p), onto);
    cr_assert_eq(hp_profile_answered(p), 0);
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(hp_profile_get_index(p, i), HP_ANSWER_UNKNOWN);
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++) {
        double v;
        cr_assert_eq(hp_profile_runner(p, (hp_runner_field)f, &v), HP_E_NOT_FOUND);
    }
    cr_assert_eq(hp_profile_sex(p), HP_SEX_UNKNOWN);
    cr_assert_eq(hp_profile_foot_strike(p), HP_STRIKE_UNKNOWN);
    cr_assert_eq(hp_profile_run_count(p), 0);
    hp_profile_free(p);
    hp_profile_free(NULL);
    hp_ontology_free(onto);
}

Test(profile, new_rejects_null) {
    hp_ontology *onto = load_mini();
    hp_profile *p = (hp_profile *)(uintptr_t)1;
    hp_error e = {0};
    cr_assert_eq(hp_profile_new(NULL, &p, &e), HP_E_INVALID);
    cr_assert_null(p);
    cr_assert_eq(e.code, HP_E_INVALID);
    cr_assert_eq(hp_profile_new(onto, NULL, NULL), HP_E_INVALID);
    cr_assert_null(hp_profile_ontology(NULL));
    cr_assert_eq(hp_profile_answered(NULL), 0);
    hp_ontology_free(onto);
}

Test(profile, set_and_get_findings) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    hp_error e = {0};
    cr_assert_eq(hp_profile_set(p, "side_pain", HP_ANSWER_PRESENT, &e), HP_OK);
    cr_assert_eq(hp_profile_set(p, "fever", HP_ANSWER_ABSENT, &e), HP_OK);
    cr_assert_eq(hp_profile_set(p, "slow_feet", HP_ANSWER_PRESENT, &e), HP_OK, "risk factor");
    cr_assert_eq(hp_profile_get(p, "side_pain"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_profile_get(p, "fever"), HP_ANSWER_ABSENT);
    cr_assert_eq(hp_profile_get(p, "groin_pain"), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_profile_get(p, "slow_feet"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_profile_answered(p), 3);
    /* setting again does not count twice; flipping keeps the count */
    cr_assert_eq(hp_profile_set(p, "side_pain", HP_ANSWER_PRESENT, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "side_pain", HP_ANSWER_ABSENT, NULL), HP_OK);
    cr_assert_eq(hp_profile_answered(p), 3);
    cr_assert_eq(hp_profile_set(p, "side_pain", HP_ANSWER_UNKNOWN, NULL), HP_OK);
    cr_assert_eq(hp_profile_answered(p), 2);
    cr_assert_eq(hp_profile_set(p, "side_pain", HP_ANSWER_UNKNOWN, NULL), HP_OK);
    cr_assert_eq(hp_profile_answered(p), 2);

    size_t fever = hp_ontology_index(onto, HP_ENTITY_FINDING, "fever");
    cr_assert_eq(hp_profile_get_index(p, fever), HP_ANSWER_ABSENT);
    cr_assert_eq(hp_profile_set_index(p, fever, HP_ANSWER_PRESENT), HP_OK);
    cr_assert_eq(hp_profile_get(p, "fever"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_profile_set_index(p, fever, HP_ANSWER_UNKNOWN), HP_OK);
    cr_assert_eq(hp_profile_answered(p), 1);
    cr_assert_eq(hp_profile_set_index(p, 4, HP_ANSWER_PRESENT), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_index(p, SIZE_MAX, HP_ANSWER_PRESENT), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_index(p, 0, (hp_answer)2), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_index(p, 0, (hp_answer)-2), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_index(NULL, 0, HP_ANSWER_PRESENT), HP_E_INVALID);
    cr_assert_eq(hp_profile_get_index(p, 4), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_profile_get_index(NULL, 0), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_profile_get(p, "nope"), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_profile_get(p, "side_thing"), HP_ANSWER_UNKNOWN, "a condition");
    cr_assert_eq(hp_profile_get(p, NULL), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_profile_get(NULL, "fever"), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_profile_answered(p), 1);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, set_rejects_non_findings) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    hp_error e = {0};
    cr_assert_eq(hp_profile_set(p, "no_such_thing", HP_ANSWER_PRESENT, &e), HP_E_NOT_FOUND);
    cr_assert_eq(e.code, HP_E_NOT_FOUND);
    cr_assert_not_null(strstr(e.message, "no_such_thing"), "%s", e.message);
    hp_error_clear(&e);
    cr_assert_eq(hp_profile_set(p, "side_thing", HP_ANSWER_PRESENT, &e), HP_E_NOT_FOUND);
    cr_assert_not_null(strstr(e.message, "side_thing"), "%s", e.message);
    cr_assert_not_null(strstr(e.message, "condition"), "%s", e.message);
    hp_error_clear(&e);
    cr_assert_eq(hp_profile_set(p, "shell", HP_ANSWER_ABSENT, &e), HP_E_NOT_FOUND);
    cr_assert_not_null(strstr(e.message, "exercise"), "%s", e.message);
    cr_assert_eq(hp_profile_set(p, "t1", HP_ANSWER_ABSENT, NULL), HP_E_NOT_FOUND, "a source");
    cr_assert_eq(hp_profile_set(p, "", HP_ANSWER_ABSENT, NULL), HP_E_NOT_FOUND);
    hp_error_clear(&e);
    cr_assert_eq(hp_profile_set(p, "fever", (hp_answer)3, &e), HP_E_INVALID);
    cr_assert_not_null(strstr(e.message, "fever"), "%s", e.message);
    cr_assert_eq(hp_profile_set(p, NULL, HP_ANSWER_PRESENT, &e), HP_E_INVALID);
    cr_assert_eq(hp_profile_set(NULL, "fever", HP_ANSWER_PRESENT, &e), HP_E_INVALID);
    /* a weird id is quoted in the message, not printed raw */
    hp_error_clear(&e);
    cr_assert_eq(hp_profile_set(p, "a\"b\n", HP_ANSWER_PRESENT, &e), HP_E_NOT_FOUND);
    cr_assert_not_null(strstr(e.message, "\"a\\\"b\\u000a\""), "%s", e.message);
    cr_assert_eq(hp_profile_answered(p), 0, "nothing changed");
    hp_profile_free(p);
    hp_ontology_free(onto);
}

/* ---- Runner fields ------------------------------------------------------------------ */

Test(profile, runner_field_names) {
    static const char *const names[] = {"weekly_km",          "previous_weekly_km",
                                        "longest_run_km_30d", "planned_run_km",
                                        "cadence_spm",        "shoe_km",
                                        "run_days_per_week",  "age"};
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++)
        cr_assert_str_eq(hp_runner_field_name((hp_runner_field)f), names[f]);
    cr_assert_null(hp_runner_field_name(HP_RUNNER_FIELD_COUNT));
    cr_assert_null(hp_runner_field_name((hp_runner_field)-1));
}

Test(profile, runner_fields) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++) {
        double v = -1;
        cr_assert_eq(hp_profile_set_runner(p, (hp_runner_field)f, 0.5 + f, NULL), HP_OK);
        cr_assert_eq(hp_profile_runner(p, (hp_runner_field)f, &v), HP_OK);
        cr_assert_eq(v, 0.5 + f);
    }
    hp_profile_clear_runner(p, HP_RUNNER_AGE);
    double v;
    cr_assert_eq(hp_profile_runner(p, HP_RUNNER_AGE, &v), HP_E_NOT_FOUND);
    cr_assert_eq(hp_profile_runner(p, HP_RUNNER_SHOE_KM, &v), HP_OK, "others stay");
    hp_profile_clear_runner(p, HP_RUNNER_FIELD_COUNT); /* ignored */
    hp_profile_clear_runner(NULL, HP_RUNNER_AGE);
    cr_assert_eq(hp_profile_runner(p, HP_RUNNER_FIELD_COUNT, &v), HP_E_INVALID);
    cr_assert_eq(hp_profile_runner(p, HP_RUNNER_AGE, NULL), HP_E_INVALID);
    cr_assert_eq(hp_profile_runner(NULL, HP_RUNNER_AGE, &v), HP_E_INVALID);

    /* bounds are inclusive */
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_RUN_DAYS_PER_WEEK, 7, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_AGE, 130, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_CADENCE_SPM, 300, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_WEEKLY_KM, 0, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_SHOE_KM, 1e6, NULL), HP_OK);
    /* -0 is stored as 0 */
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_PLANNED_RUN_KM, -0.0, NULL), HP_OK);
    cr_assert_eq(hp_profile_runner(p, HP_RUNNER_PLANNED_RUN_KM, &v), HP_OK);
    cr_assert_not(signbit(v));
    hp_profile_free(p);
    hp_ontology_free(onto);
}

static void expect_bad_runner(hp_profile *p, hp_runner_field f, double value) {
    hp_error e = {0};
    double before = -7, after = -7;
    hp_status had = hp_profile_runner(p, f, &before);
    cr_assert_eq(hp_profile_set_runner(p, f, value, &e), HP_E_INVALID, "field %d value %g", (int)f,
                 value);
    cr_assert_eq(e.code, HP_E_INVALID);
    cr_assert_not_null(strstr(e.message, hp_runner_field_name(f)), "%s", e.message);
    cr_assert_eq(hp_profile_runner(p, f, &after), had, "unchanged");
    cr_assert_eq(before, after);
}

Test(profile, runner_field_errors) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_WEEKLY_KM, 20, NULL), HP_OK);
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++) {
        expect_bad_runner(p, (hp_runner_field)f, -1);
        expect_bad_runner(p, (hp_runner_field)f, -1e-300);
        expect_bad_runner(p, (hp_runner_field)f, NAN);
        expect_bad_runner(p, (hp_runner_field)f, INFINITY);
        expect_bad_runner(p, (hp_runner_field)f, -INFINITY);
    }
    expect_bad_runner(p, HP_RUNNER_RUN_DAYS_PER_WEEK, 7.5);
    expect_bad_runner(p, HP_RUNNER_AGE, 130.5);
    expect_bad_runner(p, HP_RUNNER_CADENCE_SPM, 301);
    hp_error e = {0};
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_FIELD_COUNT, 1, &e), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_runner(p, (hp_runner_field)-1, 1, &e), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_runner(NULL, HP_RUNNER_AGE, 1, &e), HP_E_INVALID);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, sex_and_foot_strike) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    for (int s = HP_SEX_UNKNOWN; s <= HP_SEX_OTHER; s++) {
        cr_assert_eq(hp_profile_set_sex(p, (hp_sex)s), HP_OK);
        cr_assert_eq((int)hp_profile_sex(p), s);
    }
    for (int s = HP_STRIKE_UNKNOWN; s <= HP_STRIKE_FOREFOOT; s++) {
        cr_assert_eq(hp_profile_set_foot_strike(p, (hp_foot_strike)s), HP_OK);
        cr_assert_eq((int)hp_profile_foot_strike(p), s);
    }
    cr_assert_eq(hp_profile_set_sex(p, (hp_sex)4), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_sex(p, (hp_sex)-1), HP_E_INVALID);
    cr_assert_eq(hp_profile_sex(p), HP_SEX_OTHER, "unchanged");
    cr_assert_eq(hp_profile_set_foot_strike(p, (hp_foot_strike)4), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_foot_strike(p, (hp_foot_strike)-1), HP_E_INVALID);
    cr_assert_eq(hp_profile_foot_strike(p), HP_STRIKE_FOREFOOT, "unchanged");
    cr_assert_eq(hp_profile_set_sex(NULL, HP_SEX_MALE), HP_E_INVALID);
    cr_assert_eq(hp_profile_set_foot_strike(NULL, HP_STRIKE_HEEL), HP_E_INVALID);
    cr_assert_eq(hp_profile_sex(NULL), HP_SEX_UNKNOWN);
    cr_assert_eq(hp_profile_foot_strike(NULL), HP_STRIKE_UNKNOWN);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

/* ---- Run log ------------------------------------------------------------------------ */

Test(profile, runs) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(p, "2026-11-01", 8, 0, 0, NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(p, "2026-10-30", 12.5, 70, 6, NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(p, "2026-11-02", 0, 0, 1, NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(p, "2026-11-03", 1000, 1e4, 10, NULL), HP_OK);
    cr_assert_eq(hp_profile_run_count(p), 4);
    hp_run r;
    cr_assert_eq(hp_profile_run(p, 1, &r), HP_OK);
    int d;
    cr_assert_eq(hp_date_parse("2026-10-30", &d), HP_OK);
    cr_assert_eq(r.date, d);
    cr_assert_eq(r.km, 12.5);
    cr_assert_eq(r.minutes, 70);
    cr_assert_eq(r.effort, 6);
    cr_assert_eq(hp_profile_run(p, 0, &r), HP_OK, "in the order added");
    cr_assert_eq(r.date, d + 2);
    cr_assert_eq(r.minutes, 0);
    cr_assert_eq(r.effort, 0);
    cr_assert_eq(hp_profile_run(p, 4, &r), HP_E_NOT_FOUND);
    cr_assert_eq(hp_profile_run(p, 0, NULL), HP_E_INVALID);
    cr_assert_eq(hp_profile_run(NULL, 0, &r), HP_E_INVALID);
    cr_assert_eq(hp_profile_run_count(NULL), 0);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

static void expect_bad_run(hp_profile *p, const char *date, double km, double minutes,
                           double effort, const char *needle) {
    hp_error e = {0};
    size_t n = hp_profile_run_count(p);
    cr_assert_eq(hp_profile_add_run(p, date, km, minutes, effort, &e), HP_E_INVALID, "%s %g %g %g",
                 date ? date : "NULL", km, minutes, effort);
    cr_assert_not_null(strstr(e.message, needle), "'%s' lacks '%s'", e.message, needle);
    cr_assert_eq(hp_profile_run_count(p), n, "nothing added");
}

Test(profile, run_errors) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    expect_bad_run(p, "2026-02-30", 5, 0, 0, "date: \"2026-02-30\" is not a valid date");
    expect_bad_run(p, "2026-1-01", 5, 0, 0, "date");
    expect_bad_run(p, NULL, 5, 0, 0, "date");
    expect_bad_run(p, "2026-01-01", -1, 0, 0, "km");
    expect_bad_run(p, "2026-01-01", 1000.5, 0, 0, "km");
    expect_bad_run(p, "2026-01-01", NAN, 0, 0, "km");
    expect_bad_run(p, "2026-01-01", INFINITY, 0, 0, "km");
    expect_bad_run(p, "2026-01-01", 5, -1, 0, "minutes");
    expect_bad_run(p, "2026-01-01", 5, NAN, 0, "minutes");
    expect_bad_run(p, "2026-01-01", 5, INFINITY, 0, "minutes");
    expect_bad_run(p, "2026-01-01", 5, 0, 0.5, "effort");
    expect_bad_run(p, "2026-01-01", 5, 0, 10.5, "effort");
    expect_bad_run(p, "2026-01-01", 5, 0, -1, "effort");
    expect_bad_run(p, "2026-01-01", 5, 0, NAN, "effort");
    hp_error e = {0};
    cr_assert_eq(hp_profile_add_run(NULL, "2026-01-01", 5, 0, 0, &e), HP_E_INVALID);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, run_limit) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    for (int i = 0; i < HP_MAX_RUNS; i++)
        cr_assert_eq(hp_profile_add_run(p, "2026-01-01", 1, 0, 0, NULL), HP_OK);
    hp_error e = {0};
    cr_assert_eq(hp_profile_add_run(p, "2026-01-01", 1, 0, 0, &e), HP_E_LIMIT);
    cr_assert_not_null(strstr(e.message, "runs"), "%s", e.message);
    cr_assert_eq(hp_profile_run_count(p), HP_MAX_RUNS);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, as_of) {
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    char *json = NULL;
    cr_assert_eq(hp_profile_set_as_of(p, "2026-11-15", NULL), HP_OK);
    cr_assert_eq(hp_profile_to_json(p, &json, NULL), HP_OK);
    cr_assert_str_eq(json, "{\"findings\":{},\"runner\":{\"as_of\":\"2026-11-15\"}}");
    hp_string_free(json);
    hp_error e = {0};
    cr_assert_eq(hp_profile_set_as_of(p, "2026-11-31", &e), HP_E_INVALID);
    cr_assert_not_null(strstr(e.message, "as_of: \"2026-11-31\""), "%s", e.message);
    cr_assert_eq(hp_profile_set_as_of(p, NULL, NULL), HP_OK, "reset");
    cr_assert_eq(hp_profile_to_json(p, &json, NULL), HP_OK);
    cr_assert_str_eq(json, "{\"findings\":{}}");
    hp_string_free(json);
    cr_assert_eq(hp_profile_set_as_of(NULL, "2026-11-15", &e), HP_E_INVALID);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

/* ---- Copy and ownership ------------------------------------------------------------- */

static hp_profile *full_profile(const hp_ontology *onto) {
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "side_pain", HP_ANSWER_PRESENT, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "fever", HP_ANSWER_ABSENT, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "slow_feet", HP_ANSWER_PRESENT, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_WEEKLY_KM, 42, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_PREVIOUS_WEEKLY_KM, 0.1, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_LONGEST_RUN_KM_30D, 1.0 / 3, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_PLANNED_RUN_KM, 1e-300, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_CADENCE_SPM, 162.25, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_SHOE_KM, 1e300, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_RUN_DAYS_PER_WEEK, 0, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_AGE, 34, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_sex(p, HP_SEX_FEMALE), HP_OK);
    cr_assert_eq(hp_profile_set_foot_strike(p, HP_STRIKE_MIDFOOT), HP_OK);
    cr_assert_eq(hp_profile_set_as_of(p, "2026-11-05", NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(p, "2026-11-01", 8, 0, 0, NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(p, "2026-11-03", 12.3, 71.5, 7, NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(p, "2026-11-02", 0.7, 0, 1, NULL), HP_OK);
    return p;
}

Test(profile, copy_is_independent) {
    hp_ontology *onto = load_mini();
    hp_profile *p = full_profile(onto), *c = NULL;
    cr_assert_eq(hp_profile_copy(p, &c, NULL), HP_OK);
    assert_same(p, c);
    /* changing one leaves the other alone */
    cr_assert_eq(hp_profile_set(c, "side_pain", HP_ANSWER_UNKNOWN, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(c, HP_RUNNER_WEEKLY_KM, 1, NULL), HP_OK);
    cr_assert_eq(hp_profile_add_run(c, "2026-11-04", 5, 0, 0, NULL), HP_OK);
    cr_assert_eq(hp_profile_get(p, "side_pain"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_profile_answered(p), 3);
    cr_assert_eq(hp_profile_answered(c), 2);
    double v;
    cr_assert_eq(hp_profile_runner(p, HP_RUNNER_WEEKLY_KM, &v), HP_OK);
    cr_assert_eq(v, 42);
    cr_assert_eq(hp_profile_run_count(p), 3);
    cr_assert_eq(hp_profile_run_count(c), 4);
    hp_profile_free(p); /* the copy outlives the original */
    cr_assert_eq(hp_profile_get(c, "fever"), HP_ANSWER_ABSENT);
    hp_profile_free(c);

    hp_profile *e = NULL, *ec = NULL;
    cr_assert_eq(hp_profile_new(onto, &e, NULL), HP_OK);
    cr_assert_eq(hp_profile_copy(e, &ec, NULL), HP_OK, "empty profile");
    assert_same(e, ec);
    hp_profile_free(e);
    hp_profile_free(ec);
    hp_error err = {0};
    cr_assert_eq(hp_profile_copy(NULL, &ec, &err), HP_E_INVALID);
    cr_assert_null(ec);
    hp_ontology_free(onto);
}

Test(profile, profile_outlives_ontology) {
    hp_ontology *onto = load_mini();
    hp_profile *p = full_profile(onto);
    hp_profile *q = NULL;
    cr_assert_eq(parse(onto, "{\"findings\":{\"fever\":true}}", &q, &(hp_error){0}), HP_OK);
    hp_ontology_free(onto); /* the profiles keep it alive */
    cr_assert_eq(hp_profile_get(p, "side_pain"), HP_ANSWER_PRESENT);
    cr_assert_str_eq(hp_ontology_id(hp_profile_ontology(p), HP_ENTITY_FINDING, 0), "side_pain");
    char *json = NULL;
    cr_assert_eq(hp_profile_to_json(q, &json, NULL), HP_OK);
    cr_assert_str_eq(json, "{\"findings\":{\"fever\":true}}");
    hp_string_free(json);
    hp_profile *c = NULL;
    cr_assert_eq(hp_profile_copy(p, &c, NULL), HP_OK);
    hp_profile_free(p);
    hp_profile_free(q);
    cr_assert_eq(hp_profile_get(c, "fever"), HP_ANSWER_ABSENT);
    hp_profile_free(c); /* frees the ontology: LeakSanitizer/valgrind check it */
}

/* ---- Dates -------------------------------------------------------------------------- */

Test(profile, date_known_values) {
    int d = -1;
    cr_assert_eq(hp_date_parse("1970-01-01", &d), HP_OK);
    cr_assert_eq(d, 0);
    cr_assert_eq(hp_date_parse("1970-01-02", &d), HP_OK);
    cr_assert_eq(d, 1);
    cr_assert_eq(hp_date_parse("1969-12-31", &d), HP_OK);
    cr_assert_eq(d, -1);
    cr_assert_eq(hp_date_parse("1900-01-01", &d), HP_OK);
    cr_assert_eq(d, -25567);
    cr_assert_eq(hp_date_parse("2000-03-01", &d), HP_OK);
    cr_assert_eq(d, 11017);
    cr_assert_eq(hp_date_parse("2026-11-01", &d), HP_OK);
    cr_assert_eq(d, 20758);
    cr_assert_eq(hp_date_parse("2199-12-31", &d), HP_OK);
    cr_assert_eq(d, 84005);
    /* leap years: 2000 is, 1900 and 2100 are not, 2024 is */
    cr_assert_eq(hp_date_parse("2000-02-29", &d), HP_OK);
    cr_assert_eq(hp_date_parse("2024-02-29", &d), HP_OK);
    cr_assert_eq(hp_date_parse("1900-02-29", &d), HP_E_INVALID);
    cr_assert_eq(hp_date_parse("2100-02-29", &d), HP_E_INVALID);
    cr_assert_eq(hp_date_parse("2023-02-29", &d), HP_E_INVALID);
    char buf[11];
    cr_assert_eq(hp_date_format(0, buf, sizeof buf), HP_OK);
    cr_assert_str_eq(buf, "1970-01-01");
    cr_assert_eq(hp_date_format(-1, buf, sizeof buf), HP_OK);
    cr_assert_str_eq(buf, "1969-12-31");
    cr_assert_eq(hp_date_format(11016, buf, sizeof buf), HP_OK);
    cr_assert_str_eq(buf, "2000-02-29");
    cr_assert_eq(hp_date_format(-719528, buf, sizeof buf), HP_OK);
    cr_assert_str_eq(buf, "0000-01-01");
    cr_assert_eq(hp_date_format(2932896, buf, sizeof buf), HP_OK);
    cr_assert_str_eq(buf, "9999-12-31");
}

Test(profile, date_errors) {
    static const char *const bad[] = {
        "2026-02-30",
        "2026-1-01",
        "2026-01-1",
        "2026-01-01x",
        "1899-12-31",
        "2200-01-01",
        "2026-00-10",
        "2026-13-01",
        "2026-01-00",
        "2026-04-31",
        "2026-01-32",
        "",
        "2026",
        "2026-",
        "2026-01",
        "2026-01-",
        " 2026-01-01",
        "+026-01-01",
        "2026/01/01",
        "20260101",
        "2026-01-01 ",
        "2026-0a-01",
        "0000-01-01",
        "9999-12-31",
        "2026-01-01T00:00:00Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int d = 12345;
        cr_assert_eq(hp_date_parse(bad[i], &d), HP_E_INVALID, "'%s'", bad[i]);
        cr_assert_eq(d, 12345, "'%s': untouched", bad[i]);
    }
    int d;
    cr_assert_eq(hp_date_parse(NULL, &d), HP_E_INVALID);
    cr_assert_eq(hp_date_parse("2026-01-01", NULL), HP_E_INVALID);
    char buf[16] = "x";
    cr_assert_eq(hp_date_format(0, buf, 10), HP_E_INVALID, "too small");
    cr_assert_str_eq(buf, "");
    cr_assert_eq(hp_date_format(0, NULL, 11), HP_E_INVALID);
    cr_assert_eq(hp_date_format(-719529, buf, sizeof buf), HP_E_INVALID);
    cr_assert_eq(hp_date_format(2932897, buf, sizeof buf), HP_E_INVALID);
    cr_assert_eq(hp_date_format(INT32_MIN, buf, sizeof buf), HP_E_INVALID);
    cr_assert_eq(hp_date_format(INT32_MAX, buf, sizeof buf), HP_E_INVALID);
}

Test(profile, date_every_day_1900_to_2199) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int expect;
    cr_assert_eq(hp_date_parse("1900-01-01", &expect), HP_OK);
    int leap_days = 0;
    for (int y = 1900; y <= 2199; y++) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (int m = 1; m <= 12; m++) {
            int n = mdays[m - 1] + (m == 2 && leap);
            for (int day = 1; day <= n + 1; day++) {
                char text[40], back[11];
                snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, day);
                int got = -1;
                if (day == n + 1) {
                    cr_assert_eq(hp_date_parse(text, &got), HP_E_INVALID, "%s", text);
                    continue;
                }
                cr_assert_eq(hp_date_parse(text, &got), HP_OK, "%s", text);
                cr_assert_eq(got, expect, "%s: %d, expected %d", text, got, expect);
                cr_assert_eq(hp_date_format(got, back, sizeof back), HP_OK);
                cr_assert_str_eq(back, text);
                if (m == 2 && day == 29)
                    leap_days++;
                expect++;
            }
        }
    }
    cr_assert_eq(leap_days, 73, "300 years with 73 leap days (2000 but not 1900, 2100)");
    cr_assert_eq(expect - 1, 84005);
}

/* ---- JSON in ------------------------------------------------------------------------ */

Test(profile, json_reads_everything) {
    hp_ontology *onto = load_mini();
    const char *json =
        "{\n"
        "  \"findings\": { \"side_pain\": true, \"fever\": false, \"groin_pain\": null,\n"
        "                \"slow_feet\": true },\n"
        "  \"runner\": {\n"
        "    \"weekly_km\": 42, \"previous_weekly_km\": 30.5, \"longest_run_km_30d\": 14,\n"
        "    \"planned_run_km\": 16, \"cadence_spm\": 162, \"shoe_km\": 720,\n"
        "    \"run_days_per_week\": 4.0, \"age\": 34, \"sex\": \"female\",\n"
        "    \"foot_strike\": \"heel\", \"as_of\": \"2026-11-05\",\n"
        "    \"runs\": [ { \"date\": \"2026-11-01\", \"km\": 8.0 },\n"
        "              { \"km\": 12.5, \"date\": \"2026-11-03\", \"minutes\": 70,\n"
        "                \"effort\": 6 } ]\n"
        "  }\n"
        "}\n";
    hp_profile *p = NULL;
    hp_error e;
    cr_assert_eq(parse(onto, json, &p, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_profile_get(p, "side_pain"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_profile_get(p, "fever"), HP_ANSWER_ABSENT);
    cr_assert_eq(hp_profile_get(p, "groin_pain"), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_profile_get(p, "slow_feet"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_profile_answered(p), 3);
    static const double expect[HP_RUNNER_FIELD_COUNT] = {42, 30.5, 14, 16, 162, 720, 4, 34};
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++) {
        double v;
        cr_assert_eq(hp_profile_runner(p, (hp_runner_field)f, &v), HP_OK);
        cr_assert_eq(v, expect[f], "%s", hp_runner_field_name((hp_runner_field)f));
    }
    cr_assert_eq(hp_profile_sex(p), HP_SEX_FEMALE);
    cr_assert_eq(hp_profile_foot_strike(p), HP_STRIKE_HEEL);
    cr_assert_eq(hp_profile_run_count(p), 2);
    hp_run r;
    cr_assert_eq(hp_profile_run(p, 1, &r), HP_OK);
    cr_assert_eq(r.date, 20760);
    cr_assert_eq(r.km, 12.5);
    cr_assert_eq(r.minutes, 70);
    cr_assert_eq(r.effort, 6);
    char *out = NULL;
    cr_assert_eq(hp_profile_to_json(p, &out, NULL), HP_OK);
    cr_assert_str_eq(out, "{\"findings\":{\"side_pain\":true,\"fever\":false,\"slow_feet\":true},"
                          "\"runner\":{\"weekly_km\":42,\"previous_weekly_km\":30.5,"
                          "\"longest_run_km_30d\":14,\"planned_run_km\":16,\"cadence_spm\":162,"
                          "\"shoe_km\":720,\"run_days_per_week\":4,\"age\":34,\"sex\":\"female\","
                          "\"foot_strike\":\"heel\",\"as_of\":\"2026-11-05\",\"runs\":["
                          "{\"date\":\"2026-11-01\",\"km\":8},{\"date\":\"2026-11-03\","
                          "\"km\":12.5,\"minutes\":70,\"effort\":6}]}}");
    hp_string_free(out);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, json_minimal_inputs) {
    hp_ontology *onto = load_mini();
    expect_ok(onto, "{}");
    expect_ok(onto, " \t\r\n{ } \n");
    expect_ok(onto, "{\"findings\":{}}");
    expect_ok(onto, "{\"runner\":{}}");
    expect_ok(onto, "{\"runner\":{\"runs\":[]}}");
    expect_ok(onto, "{\"findings\":{\"fever\":null}}");
    expect_ok(onto, "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":0,\"effort\":0}]}}");
    expect_ok(onto, "{\"runner\":{\"sex\":\"male\",\"foot_strike\":\"midfoot\"}}");
    expect_ok(onto, "{\"runner\":{\"sex\":\"other\",\"foot_strike\":\"forefoot\"}}");
    /* no name: the error has no file */
    hp_profile *p = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_profile_from_json(onto, "[]", 2, NULL, &p, &e), HP_E_INVALID);
    cr_assert_str_eq(e.file, "");
    /* a NULL error is fine */
    cr_assert_eq(hp_profile_from_json(onto, "[]", 2, NULL, &p, NULL), HP_E_INVALID);
    cr_assert_eq(hp_profile_from_json(onto, "{}", 2, NULL, &p, NULL), HP_OK);
    hp_profile_free(p);
    /* the size is honoured: what follows is not read */
    cr_assert_eq(hp_profile_from_json(onto, "{}garbage", 2, NAME, &p, &e), HP_OK);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, json_bad_arguments) {
    hp_ontology *onto = load_mini();
    hp_profile *p = (hp_profile *)(uintptr_t)1;
    hp_error e = {0};
    cr_assert_eq(hp_profile_from_json(NULL, "{}", 2, NAME, &p, &e), HP_E_INVALID);
    cr_assert_null(p);
    cr_assert_eq(hp_profile_from_json(onto, "{}", 2, NAME, NULL, &e), HP_E_INVALID);
    cr_assert_eq(hp_profile_from_json(onto, NULL, 2, NAME, &p, &e), HP_E_INVALID);
    cr_assert_eq(hp_profile_from_json(onto, NULL, 0, NAME, &p, &e), HP_E_PARSE, "empty input");
    cr_assert_eq(hp_profile_from_json(onto, "", 0, NAME, &p, &e), HP_E_PARSE);
    cr_assert_null(p);
    char *out = (char *)(uintptr_t)1;
    cr_assert_eq(hp_profile_to_json(NULL, &out, &e), HP_E_INVALID);
    cr_assert_null(out);
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_to_json(p, NULL, &e), HP_E_INVALID);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, json_unknown_keys) {
    hp_ontology *onto = load_mini();
    expect_fail(onto, "{\"finding\":{}}", HP_E_INVALID, "finding: unknown key");
    expect_fail(onto, "{\"findings\":{},\"Runner\":{}}", HP_E_INVALID, "Runner: unknown key");
    expect_fail(onto, "{\"runner\":{\"weekly\":1}}", HP_E_INVALID, "runner.weekly: unknown key");
    expect_fail(onto, "{\"runner\":{\"Age\":1}}", HP_E_INVALID, "runner.Age: unknown key");
    expect_fail(onto,
                "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1},"
                "{\"date\":\"2026-01-02\",\"km\":1,\"pace\":5}]}}",
                HP_E_INVALID, "runner.runs[1].pace: unknown key");
    /* keys that are not plain words are quoted */
    expect_fail(onto, "{\"a.b\":1}", HP_E_INVALID, "[\"a.b\"]: unknown key");
    expect_fail(onto, "{\"runner\":{\"\":1}}", HP_E_INVALID, "runner[\"\"]: unknown key");
    expect_fail(onto, "{\"runner\":{\"x\\ny\":1}}", HP_E_INVALID, "runner[\"x\\u000ay\"]");
    expect_fail(onto, "{\"findings\":{\"f\\u00e9ver\":true}}", HP_E_NOT_FOUND,
                "findings[\"f\xc3\xa9ver\"]: no such finding");
    hp_ontology_free(onto);
}

Test(profile, json_unknown_findings) {
    hp_ontology *onto = load_mini();
    expect_fail(onto, "{\"findings\":{\"foo\":true}}", HP_E_NOT_FOUND,
                "findings.foo: no such finding");
    expect_fail(onto, "{\"findings\":{\"fever\":true,\"Fever\":false}}", HP_E_NOT_FOUND,
                "findings.Fever: no such finding");
    expect_fail(onto, "{\"findings\":{\"side_thing\":true}}", HP_E_NOT_FOUND,
                "findings.side_thing: is a condition, not a finding");
    expect_fail(onto, "{\"findings\":{\"quick_steps\":false}}", HP_E_NOT_FOUND,
                "findings.quick_steps: is a advice");
    expect_fail(onto, "{\"findings\":{\"rf_fever_groin\":null}}", HP_E_NOT_FOUND,
                "findings.rf_fever_groin");
    hp_ontology_free(onto);
}

Test(profile, json_wrong_types) {
    hp_ontology *onto = load_mini();
    expect_fail(onto, "[]", HP_E_INVALID, "top level: expected an object, got an array");
    expect_fail(onto, "42", HP_E_INVALID, "top level: expected an object, got a number");
    expect_fail(onto, "\"x\"", HP_E_INVALID, "got a string");
    expect_fail(onto, "null", HP_E_INVALID, "got null");
    expect_fail(onto, "true", HP_E_INVALID, "got a boolean");
    expect_fail(onto, "{\"findings\":[]}", HP_E_INVALID, "findings: expected an object");
    expect_fail(onto, "{\"findings\":null}", HP_E_INVALID, "findings: expected an object");
    expect_fail(onto, "{\"findings\":{\"fever\":1}}", HP_E_INVALID,
                "findings.fever: expected true, false or null, got a number");
    expect_fail(onto, "{\"findings\":{\"fever\":\"yes\"}}", HP_E_INVALID,
                "findings.fever: expected true, false or null, got a string");
    expect_fail(onto, "{\"findings\":{\"fever\":{}}}", HP_E_INVALID, "findings.fever");
    expect_fail(onto, "{\"runner\":[]}", HP_E_INVALID, "runner: expected an object");
    expect_fail(onto, "{\"runner\":null}", HP_E_INVALID, "runner: expected an object");
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++) {
        static const char *const values[] = {"\"42\"", "true", "null", "[1]", "{}"};
        for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
            char json[128], needle[64];
            const char *name = hp_runner_field_name((hp_runner_field)f);
            snprintf(json, sizeof json, "{\"runner\":{\"%s\":%s}}", name, values[i]);
            snprintf(needle, sizeof needle, "runner.%s: expected a number", name);
            expect_fail(onto, json, HP_E_INVALID, needle);
        }
    }
    expect_fail(onto, "{\"runner\":{\"sex\":1}}", HP_E_INVALID, "runner.sex: expected a string");
    expect_fail(onto, "{\"runner\":{\"sex\":\"f\"}}", HP_E_INVALID,
                "runner.sex: \"f\" is not one of female, male, other");
    expect_fail(onto, "{\"runner\":{\"sex\":\"Female\"}}", HP_E_INVALID, "runner.sex");
    expect_fail(onto, "{\"runner\":{\"sex\":null}}", HP_E_INVALID, "runner.sex");
    expect_fail(onto, "{\"runner\":{\"foot_strike\":false}}", HP_E_INVALID,
                "runner.foot_strike: expected a string");
    expect_fail(onto, "{\"runner\":{\"foot_strike\":\"toe\"}}", HP_E_INVALID,
                "runner.foot_strike: \"toe\" is not one of heel, midfoot, forefoot");
    expect_fail(onto, "{\"runner\":{\"as_of\":20260101}}", HP_E_INVALID,
                "runner.as_of: expected a date string, got a number");
    expect_fail(onto, "{\"runner\":{\"runs\":{}}}", HP_E_INVALID,
                "runner.runs: expected an array, got an object");
    expect_fail(onto, "{\"runner\":{\"runs\":[1]}}", HP_E_INVALID,
                "runner.runs[0]: expected an object, got a number");
    expect_fail(onto, "{\"runner\":{\"runs\":[{\"date\":1,\"km\":1}]}}", HP_E_INVALID,
                "runner.runs[0].date: expected a date string, got a number");
    expect_fail(onto, "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":\"1\"}]}}",
                HP_E_INVALID, "runner.runs[0].km: expected a number, got a string");
    expect_fail(onto,
                "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1,\"minutes\":true}]}}",
                HP_E_INVALID, "runner.runs[0].minutes: expected a number, got a boolean");
    expect_fail(onto,
                "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1,\"effort\":null}]}}",
                HP_E_INVALID, "runner.runs[0].effort: expected a number, got null");
    expect_fail(onto, "{\"runner\":{\"runs\":[{\"km\":1}]}}", HP_E_INVALID,
                "runner.runs[0]: missing the required key \"date\"");
    expect_fail(onto, "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\"}]}}", HP_E_INVALID,
                "runner.runs[0]: missing the required key \"km\"");
    hp_ontology_free(onto);
}

Test(profile, json_bad_numbers) {
    hp_ontology *onto = load_mini();
    expect_fail(onto, "{\"runner\":{\"weekly_km\":-1}}", HP_E_INVALID,
                "runner.weekly_km: -1 is not a finite number >= 0");
    expect_fail(onto, "{\"runner\":{\"shoe_km\":-0.5}}", HP_E_INVALID, "runner.shoe_km");
    expect_fail(onto, "{\"runner\":{\"run_days_per_week\":8}}", HP_E_INVALID,
                "runner.run_days_per_week: 8 is not");
    expect_fail(onto, "{\"runner\":{\"age\":131}}", HP_E_INVALID, "runner.age: 131");
    expect_fail(onto, "{\"runner\":{\"cadence_spm\":1e3}}", HP_E_INVALID,
                "runner.cadence_spm: 1000");
    expect_fail(onto,
                "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1},"
                "{\"date\":\"2026-01-02\",\"km\":-2}]}}",
                HP_E_INVALID, "runner.runs[1].km: -2 is not a distance");
    expect_fail(onto, "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1001}]}}",
                HP_E_INVALID, "runner.runs[0].km");
    expect_fail(onto,
                "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1,"
                "\"minutes\":-5}]}}",
                HP_E_INVALID, "runner.runs[0].minutes");
    expect_fail(onto,
                "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1,"
                "\"effort\":11}]}}",
                HP_E_INVALID, "runner.runs[0].effort");
    /* jansson itself rejects what is not a finite JSON number */
    expect_fail(onto, "{\"runner\":{\"weekly_km\":1e999}}", HP_E_PARSE, "overflow");
    expect_fail(onto, "{\"runner\":{\"weekly_km\":-1e999}}", HP_E_PARSE, "overflow");
    expect_fail(onto, "{\"runner\":{\"weekly_km\":NaN}}", HP_E_PARSE, "invalid token");
    expect_fail(onto, "{\"runner\":{\"weekly_km\":Infinity}}", HP_E_PARSE, "invalid token");
    expect_fail(onto, "{\"runner\":{\"age\":99999999999999999999}}", HP_E_PARSE, "too big");
    expect_fail(onto, "{\"runner\":{\"age\":0x10}}", HP_E_PARSE, "");
    expect_fail(onto, "{\"runner\":{\"age\":+1}}", HP_E_PARSE, "");
    /* but tiny and integral values are fine */
    expect_ok(onto, "{\"runner\":{\"weekly_km\":1e-999,\"age\":30,\"shoe_km\":1E+2}}");
    hp_ontology_free(onto);
}

Test(profile, json_bad_dates) {
    hp_ontology *onto = load_mini();
    static const char *const bad[] = {"2026-02-30", "2026-1-01",  "2026-01-01x",
                                      "1899-12-31", "2026-13-01", "2200-01-01",
                                      "",           "2026-01-01 "};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char json[160], needle[96];
        snprintf(json, sizeof json,
                 "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1},"
                 "{\"date\":\"2026-01-01\",\"km\":1},{\"date\":\"%s\",\"km\":1}]}}",
                 bad[i]);
        snprintf(needle, sizeof needle,
                 "runner.runs[2].date: \"%s\" is not a valid date (YYYY-MM-DD)", bad[i]);
        expect_fail(onto, json, HP_E_INVALID, needle);
        snprintf(json, sizeof json, "{\"runner\":{\"as_of\":\"%s\"}}", bad[i]);
        snprintf(needle, sizeof needle, "runner.as_of: \"%s\" is not a valid date", bad[i]);
        expect_fail(onto, json, HP_E_INVALID, needle);
    }
    /* the exact message of the README's example */
    hp_profile *p;
    hp_error e;
    cr_assert_eq(parse(onto,
                       "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"km\":1},"
                       "{\"date\":\"2026-01-02\",\"km\":1},{\"date\":\"2026-13-01\",\"km\":1}]}}",
                       &p, &e),
                 HP_E_INVALID);
    cr_assert_str_eq(e.message,
                     "runner.runs[2].date: \"2026-13-01\" is not a valid date (YYYY-MM-DD)");
    char buf[HP_ERROR_MESSAGE_MAX + HP_ERROR_FILE_MAX + 32];
    hp_error_format(&e, buf, sizeof buf);
    cr_assert_str_eq(buf, NAME ": runner.runs[2].date: \"2026-13-01\" is not a valid date "
                               "(YYYY-MM-DD)");
    /* a long bad date is shortened in the message */
    char json[512];
    snprintf(json, sizeof json, "{\"runner\":{\"as_of\":\"%0300d\"}}", 7);
    cr_assert_eq(parse(onto, json, &p, &e), HP_E_INVALID);
    cr_assert(strlen(e.message) < 150, "%s", e.message);
    cr_assert_not_null(strstr(e.message, "0\"... is not a valid date"), "%s", e.message);
    /* NUL inside a string is rejected by jansson */
    expect_fail(onto, "{\"runner\":{\"as_of\":\"2026-01-01\\u0000x\"}}", HP_E_PARSE, "\\u0000");
    hp_ontology_free(onto);
}

Test(profile, json_syntax_errors) {
    hp_ontology *onto = load_mini();
    expect_fail(onto, "{\"findings\":{\"fever\":true,\"fever\":false}}", HP_E_PARSE,
                "duplicate object key");
    expect_fail(onto, "{\"runner\":{},\"runner\":{}}", HP_E_PARSE, "duplicate");
    expect_fail(onto, "{\"runner\":{\"age\":3,\"age\":3}}", HP_E_PARSE, "duplicate");
    expect_fail(onto, "{\"runner\":{\"runs\":[{\"date\":\"2026-01-01\",\"date\":\"2026-01-01\"}]}}",
                HP_E_PARSE, "duplicate");
    expect_fail(onto, "{\"findings\":{\"fever\":tr", HP_E_PARSE, "");
    expect_fail(onto, "{\"findings\":{\"fever\":true}", HP_E_PARSE, "");
    expect_fail(onto, "{\"findings\":{\"fever\":true,}}", HP_E_PARSE, "");
    expect_fail(onto, "{'findings':{}}", HP_E_PARSE, "");
    expect_fail(onto, "{} {}", HP_E_PARSE, "end of file expected");
    expect_fail(onto, "{}x", HP_E_PARSE, "");
    expect_fail(onto, "\xef\xbb\xbf{}", HP_E_PARSE, ""); /* a byte order mark is not JSON */
    /* the location of a syntax error */
    hp_profile *p;
    hp_error e;
    cr_assert_eq(parse(onto, "{\n  \"findings\": {\n    \"fever\": tru\n  }\n}\n", &p, &e),
                 HP_E_PARSE);
    cr_assert_eq(e.line, 3, "line %d", e.line);
    cr_assert_gt(e.column, 0);
    cr_assert_str_eq(e.file, NAME);
    char buf[1024];
    hp_error_format(&e, buf, sizeof buf);
    cr_assert_eq(strncmp(buf, NAME ":3:", strlen(NAME ":3:")), 0, "%s", buf);
    /* content errors carry the file but no line */
    cr_assert_eq(parse(onto, "{\n\"x\":1}", &p, &e), HP_E_INVALID);
    cr_assert_eq(e.line, 0);
    cr_assert_str_eq(e.file, NAME);
    hp_ontology_free(onto);
}

Test(profile, json_invalid_utf8) {
    hp_ontology *onto = load_mini();
    expect_fail(onto, "{\"runner\":{\"sex\":\"f\xff\"}}", HP_E_PARSE, "");
    expect_fail(onto, "{\"findings\":{\"fe\xc3\"}}", HP_E_PARSE, "");
    expect_fail(onto, "{\"findings\":{\"\xed\xa0\x80\":true}}", HP_E_PARSE, ""); /* surrogate */
    expect_fail(onto, "{\"findings\":{\"\xc0\xaf\":true}}", HP_E_PARSE, "");     /* overlong */
    expect_fail(onto, "{\"findings\":{\"\\ud800\":true}}", HP_E_PARSE, ""); /* lone surrogate */
    /* a NUL byte in the input */
    static const char nul[] = "{\"runner\":\0{}}";
    hp_profile *p;
    hp_error e = {0};
    cr_assert_eq(hp_profile_from_json(onto, nul, sizeof nul - 1, NAME, &p, &e), HP_E_PARSE);
    cr_assert_null(p);
    /* valid UTF-8 in a value is reported, quoted */
    expect_fail(onto,
                "{\"runner\":{\"sex\":\"weibl\xc3\xad"
                "ch\"}}",
                HP_E_INVALID,
                "\"weibl\xc3\xad"
                "ch\" is not one of");
    hp_ontology_free(onto);
}

/* n copies of open and n of close after prefix and before suffix. */
static char *nested(const char *prefix, char open, size_t n, char close, const char *suffix,
                    size_t *size) {
    size_t lp = strlen(prefix), ls = strlen(suffix);
    char *s = malloc(lp + 2 * n + ls + 1);
    cr_assert_not_null(s);
    memcpy(s, prefix, lp);
    memset(s + lp, open, n);
    memset(s + lp + n, close, n);
    memcpy(s + lp + 2 * n, suffix, ls + 1);
    *size = lp + 2 * n + ls;
    return s;
}

Test(profile, json_deep_nesting) {
    hp_ontology *onto = load_mini();
    size_t size;
    hp_profile *p = (hp_profile *)(uintptr_t)1;
    hp_error e = {0};
    char *s = nested("", '[', 100000, ']', "", &size);
    cr_assert_eq(hp_profile_from_json(onto, s, size, NAME, &p, &e), HP_E_LIMIT, "%s", e.message);
    cr_assert_null(p);
    cr_assert_not_null(strstr(e.message, "depth"), "%s", e.message);
    free(s);
    s = nested("{\"findings\":{\"fever\":", '[', 100000, ']', "}}", &size);
    cr_assert_eq(hp_profile_from_json(onto, s, size, NAME, &p, &e), HP_E_LIMIT);
    free(s);
    /* nesting that jansson accepts is still a type error, not a crash */
    s = nested("{\"runner\":{\"runs\":[", '[', 1000, ']', "]}}", &size);
    cr_assert_eq(hp_profile_from_json(onto, s, size, NAME, &p, &e), HP_E_INVALID);
    cr_assert_not_null(strstr(e.message, "runner.runs[0]: expected an object, got an array"));
    free(s);
    hp_ontology_free(onto);
}

Test(profile, json_size_limit) {
    hp_ontology *onto = load_mini();
    size_t max = HP_MAX_PROFILE_BYTES;
    char *s = malloc(max + 1);
    cr_assert_not_null(s);
    memset(s, ' ', max + 1);
    s[0] = '{';
    s[max - 1] = '}';
    hp_profile *p = (hp_profile *)(uintptr_t)1;
    hp_error e = {0};
    cr_assert_eq(hp_profile_from_json(onto, s, max + 1, NAME, &p, &e), HP_E_LIMIT);
    cr_assert_null(p);
    cr_assert_str_eq(e.file, NAME);
    cr_assert_not_null(strstr(e.message, "larger than"), "%s", e.message);
    cr_assert_eq(hp_profile_from_json(onto, s, max, NAME, &p, &e), HP_OK, "exactly the limit");
    hp_profile_free(p);
    free(s);
    hp_ontology_free(onto);
}

Test(profile, json_run_limit) {
    hp_ontology *onto = load_mini();
    static const char run[] = "{\"date\":\"2026-01-01\",\"km\":1},";
    size_t n = HP_MAX_RUNS + 1, rl = sizeof run - 1;
    char *s = malloc(64 + n * rl);
    cr_assert_not_null(s);
    strcpy(s, "{\"runner\":{\"runs\":[");
    size_t len = strlen(s);
    for (size_t i = 0; i < n; i++, len += rl)
        memcpy(s + len, run, rl);
    strcpy(s + len - 1, "]}}");
    hp_profile *p = NULL;
    hp_error e;
    cr_assert_eq(parse(onto, s, &p, &e), HP_E_LIMIT);
    cr_assert_not_null(strstr(e.message, "runner.runs: 10001 runs"), "%s", e.message);
    /* one fewer is fine */
    strcpy(s + len - 1 - rl, "]}}");
    cr_assert_eq(parse(onto, s, &p, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_profile_run_count(p), HP_MAX_RUNS);
    hp_profile_free(p);
    free(s);
    hp_ontology_free(onto);
}

/* ---- JSON out, round trip ----------------------------------------------------------- */

static void round_trip(const hp_profile *p) {
    char *json = NULL, *again = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_profile_to_json(p, &json, &e), HP_OK, "%s", e.message);
    hp_profile *q = NULL;
    cr_assert_eq(hp_profile_from_json(hp_profile_ontology(p), json, strlen(json), NAME, &q, &e),
                 HP_OK, "%s: %s", json, e.message);
    assert_same(p, q);
    cr_assert_eq(hp_profile_to_json(q, &again, NULL), HP_OK);
    cr_assert_str_eq(json, again, "stable");
    hp_string_free(json);
    hp_string_free(again);
    hp_profile_free(q);
}

Test(profile, json_round_trip) {
    hp_ontology *onto = load_mini();
    hp_profile *p = full_profile(onto);
    char *json = NULL;
    cr_assert_eq(hp_profile_to_json(p, &json, NULL), HP_OK);
    cr_assert_str_eq(json, "{\"findings\":{\"side_pain\":true,\"fever\":false,\"slow_feet\":true},"
                           "\"runner\":{\"weekly_km\":42,\"previous_weekly_km\":0.1,"
                           "\"longest_run_km_30d\":0.3333333333333333,\"planned_run_km\":1e-300,"
                           "\"cadence_spm\":162.25,\"shoe_km\":1e+300,\"run_days_per_week\":0,"
                           "\"age\":34,\"sex\":\"female\",\"foot_strike\":\"midfoot\","
                           "\"as_of\":\"2026-11-05\",\"runs\":[{\"date\":\"2026-11-01\",\"km\":8},"
                           "{\"date\":\"2026-11-03\",\"km\":12.3,\"minutes\":71.5,\"effort\":7},"
                           "{\"date\":\"2026-11-02\",\"km\":0.7,\"effort\":1}]}}");
    hp_string_free(json);
    round_trip(p);
    hp_profile_free(p);

    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    round_trip(p);
    cr_assert_eq(hp_profile_to_json(p, &json, NULL), HP_OK);
    cr_assert_str_eq(json, "{\"findings\":{}}");
    hp_string_free(json);
    /* every answer of every finding, and awkward doubles */
    size_t n = hp_ontology_count(onto, HP_ENTITY_FINDING);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(hp_profile_set_index(p, i, (hp_answer)((int)(i % 3) - 1)), HP_OK);
    static const double awkward[] = {5e-324,
                                     2.2250738585072014e-308,
                                     0.30000000000000004,
                                     123456789.123456789,
                                     999.9999999999999,
                                     7.0 / 3};
    for (size_t i = 0; i < sizeof awkward / sizeof *awkward; i++) {
        cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_SHOE_KM, awkward[i], NULL), HP_OK);
        cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_RUN_DAYS_PER_WEEK, awkward[i] / 1e9, NULL),
                     HP_OK);
        cr_assert_eq(hp_profile_add_run(p, "1900-01-01", fmod(awkward[i], 1000), awkward[i],
                                        1 + fmod(awkward[i], 9), NULL),
                     HP_OK);
        round_trip(p);
    }
    cr_assert_eq(hp_profile_add_run(p, "2199-12-31", 1000, 0, 10, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_foot_strike(p, HP_STRIKE_FOREFOOT), HP_OK);
    round_trip(p);
    hp_profile_free(p);
    hp_ontology_free(onto);
}

Test(profile, json_numbers_ignore_the_locale) {
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8") &&
        !setlocale(LC_NUMERIC, "de_DE"))
        return; /* no locale with a decimal comma is installed (cr_skip_test leaks in valgrind) */
    hp_ontology *onto = load_mini();
    hp_profile *p;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_set_runner(p, HP_RUNNER_WEEKLY_KM, 12.5, NULL), HP_OK);
    char *json = NULL;
    cr_assert_eq(hp_profile_to_json(p, &json, NULL), HP_OK);
    cr_assert_str_eq(json, "{\"findings\":{},\"runner\":{\"weekly_km\":12.5}}");
    hp_string_free(json);
    round_trip(p);
    hp_profile_free(p);
    hp_ontology_free(onto);
    setlocale(LC_NUMERIC, "C");
}

/* ---- Allocation failures ------------------------------------------------------------ */

typedef struct failing {
    long countdown; /* allocations left before failing; < 0: never fail */
    long live;      /* blocks allocated and not freed */
} failing;

static void *f_malloc(void *ctx, size_t size) {
    failing *f = ctx;
    if (f->countdown == 0)
        return NULL;
    if (f->countdown > 0)
        f->countdown--;
    void *p = malloc(size);
    if (p)
        f->live++;
    return p;
}

static void *f_realloc(void *ctx, void *ptr, size_t size) {
    failing *f = ctx;
    if (f->countdown == 0)
        return NULL;
    if (f->countdown > 0)
        f->countdown--;
    if (!ptr)
        return f_malloc(ctx, size);
    return realloc(ptr, size);
}

static void f_free(void *ctx, void *ptr) {
    failing *f = ctx;
    if (ptr)
        f->live--;
    free(ptr);
}

Test(profile, every_allocation_failure_is_clean) {
    failing f = {-1, 0};
    hp_allocator a = {f_malloc, f_realloc, f_free, &f};
    hp_load_options opt = {0};
    opt.allocator = &a;
    char path[512];
    hp_input in = {hp_test_path(path, sizeof path, MINI), NULL, 0};
    hp_ontology *onto = NULL;
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &onto, NULL), HP_OK);
    long base = f.live;
    const char *json = "{\"findings\":{\"fever\":true,\"side_pain\":false},\"runner\":"
                       "{\"weekly_km\":40,\"sex\":\"male\",\"as_of\":\"2026-01-09\",\"runs\":["
                       "{\"date\":\"2026-01-01\",\"km\":5},{\"date\":\"2026-01-02\",\"km\":6},"
                       "{\"date\":\"2026-01-03\",\"km\":7},{\"date\":\"2026-01-04\",\"km\":8},"
                       "{\"date\":\"2026-01-05\",\"km\":5},{\"date\":\"2026-01-06\",\"km\":6},"
                       "{\"date\":\"2026-01-07\",\"km\":7},{\"date\":\"2026-01-08\",\"km\":8},"
                       "{\"date\":\"2026-01-09\",\"km\":9}]}}";
    int succeeded = 0;
    for (long k = 0; k < 100 && !succeeded; k++) {
        f.countdown = k;
        hp_profile *p = NULL, *c = NULL;
        char *out = NULL;
        hp_error e = {0};
        hp_status st = hp_profile_from_json(onto, json, strlen(json), NAME, &p, &e);
        if (st == HP_OK)
            st = hp_profile_copy(p, &c, &e);
        if (st == HP_OK)
            st = hp_profile_to_json(c, &out, &e);
        if (st == HP_OK) {
            succeeded = 1;
            cr_assert_not_null(strstr(out, "\"fever\":true"));
        } else {
            cr_assert_eq(st, HP_E_NOMEM, "k=%ld: %d %s", k, st, e.message);
            cr_assert_eq(e.code, HP_E_NOMEM);
        }
        hp_string_free(out);
        hp_profile_free(c);
        hp_profile_free(p);
        f.countdown = -1;
        cr_assert_eq(f.live, base, "k=%ld: %ld blocks leaked", k, f.live - base);
    }
    cr_assert(succeeded);
    /* hp_profile_new and hp_profile_add_run fail cleanly too */
    for (long k = 0; k < 3; k++) {
        f.countdown = k;
        hp_profile *p = NULL;
        hp_error e = {0};
        hp_status st = hp_profile_new(onto, &p, &e);
        if (st == HP_OK)
            st = hp_profile_add_run(p, "2026-01-01", 1, 0, 0, &e);
        cr_assert(st == HP_OK || st == HP_E_NOMEM);
        if (st != HP_OK)
            cr_assert_eq(hp_profile_run_count(p), 0);
        f.countdown = -1;
        hp_profile_free(p);
        cr_assert_eq(f.live, base);
    }
    hp_ontology_free(onto);
    cr_assert_eq(f.live, 0);
}

/* ---- Example profiles for the default ontology -------------------------------------- */

Test(profile, example_profiles_load_with_the_shipped_ontology) {
    hp_ontology *onto = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_file(HP_SOURCE_DIR "/data/hippain.xml", &onto, &e), HP_OK, "%s",
                 e.message);
    static const char *const files[] = {"profiles/lateral_hip.json", "profiles/groin_stress.json",
                                        "profiles/hot_hip.json"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        size_t size;
        char *text = hp_test_slurp(hp_test_path(path, sizeof path, files[i]), &size);
        hp_profile *p = NULL;
        cr_assert_eq(hp_profile_from_json(onto, text, size, path, &p, &e), HP_OK, "%s: %s",
                     files[i], e.message);
        cr_assert_gt(hp_profile_answered(p), 5);
        round_trip(p);
        hp_profile_free(p);
        free(text);
    }
    /* examples/profiles/lateral_hip.json is the same file */
    char path[512];
    char *a = hp_test_slurp(hp_test_path(path, sizeof path, "profiles/lateral_hip.json"), NULL);
    char *b = hp_test_slurp(HP_SOURCE_DIR "/examples/profiles/lateral_hip.json", NULL);
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
    hp_ontology_free(onto);
}

Test(profile, json_error_paths_quote_odd_keys) {
    hp_ontology *onto = load_mini();
    char json[512], needle[256], key[80];
    /* keys of up to 64 word characters are written as they are, longer ones quoted */
    memset(key, 'k', 64);
    key[64] = '\0';
    snprintf(json, sizeof json, "{\"runner\":{\"%s\":1}}", key);
    snprintf(needle, sizeof needle, "runner.%s: unknown key", key);
    expect_fail(onto, json, HP_E_INVALID, needle);
    snprintf(json, sizeof json, "{\"runner\":{\"%sk\":1}}", key);
    snprintf(needle, sizeof needle, "runner[\"%.60s\"...]: unknown key", key); /* cut at 60 */
    expect_fail(onto, json, HP_E_INVALID, needle);
    expect_fail(onto, "{\"runner\":{\"weekly-km\":1}}", HP_E_INVALID,
                "runner.weekly-km: unknown key");
    /* quotes, backslashes and DEL are escaped */
    expect_fail(onto, "{\"a\\\"b\\\\c\":1}", HP_E_INVALID, "[\"a\\\"b\\\\c\"]: unknown key");
    expect_fail(onto, "{\"findings\":{\"x\\u007fy\":true}}", HP_E_NOT_FOUND,
                "findings[\"x\\u007fy\"]: no such finding");
    /* a long key of two-byte characters is cut between characters */
    size_t o = (size_t)snprintf(json, sizeof json, "{\"runner\":{\"");
    for (int i = 0; i < 50; i++)
        o += (size_t)snprintf(json + o, sizeof json - o, "\xc3\xa9");
    snprintf(json + o, sizeof json - o, "\":1}}");
    hp_profile *p = NULL;
    hp_error e;
    cr_assert_eq(parse(onto, json, &p, &e), HP_E_INVALID);
    const char *q = strstr(e.message, "runner[\"");
    cr_assert_not_null(q, "%s", e.message);
    q += 8;
    const char *end = strstr(q, "\"...]: unknown key");
    cr_assert_not_null(end, "%s", e.message);
    size_t shown = (size_t)(end - q);
    cr_assert_gt(shown, 40, "%s", e.message);
    cr_assert_eq(shown % 2, 0, "whole characters only: %s", e.message);
    for (size_t i = 0; i < shown; i += 2)
        cr_assert(memcmp(q + i, "\xc3\xa9", 2) == 0, "%s", e.message);
    hp_ontology_free(onto);
}

Test(profile, json_writes_only_the_runner_fields_given) {
    hp_ontology *onto = load_mini();
    static const char *const cases[][2] = {
        {"{\"runner\":{\"sex\":\"other\"}}", "{\"findings\":{},\"runner\":{\"sex\":\"other\"}}"},
        {"{\"runner\":{\"foot_strike\":\"forefoot\"}}",
         "{\"findings\":{},\"runner\":{\"foot_strike\":\"forefoot\"}}"},
        {"{\"runner\":{\"as_of\":\"2026-02-28\"}}",
         "{\"findings\":{},\"runner\":{\"as_of\":\"2026-02-28\"}}"},
        {"{\"runner\":{\"runs\":[{\"date\":\"2026-02-28\",\"km\":0.1,\"effort\":7}]}}",
         "{\"findings\":{},\"runner\":{\"runs\":[{\"date\":\"2026-02-28\",\"km\":0.1,"
         "\"effort\":7}]}}"},
        {"{\"findings\":{\"fever\":null},\"runner\":{}}", "{\"findings\":{}}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        hp_profile *p = NULL;
        hp_error e;
        cr_assert_eq(parse(onto, cases[i][0], &p, &e), HP_OK, "%s", e.message);
        char *out = NULL;
        cr_assert_eq(hp_profile_to_json(p, &out, &e), HP_OK);
        cr_assert_str_eq(out, cases[i][1]);
        hp_string_free(out);
        hp_profile_free(p);
    }
    /* NULL arguments */
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    hp_error e = {0};
    cr_assert_eq(hp_profile_to_json(p, NULL, &e), HP_E_INVALID);
    char *out = (char *)1;
    cr_assert_eq(hp_profile_to_json(NULL, &out, &e), HP_E_INVALID);
    cr_assert_null(out);
    cr_assert_eq(hp_profile_copy(p, NULL, &e), HP_E_INVALID);
    cr_assert(strstr(e.message, "NULL"), "%s", e.message);
    hp_profile_free(p);
    hp_ontology_free(onto);
}
