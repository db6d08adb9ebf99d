/*
 * Plan revision from check-ins (issue 18): generated 8-week sequences (improving, stuck,
 * worsening, a red flag in week 3) on plans built from generated run logs. Property: no
 * revised plan breaks the single-run spike rule (110% of the longest run of the 30 days
 * before, counting the log, the weeks done and the earlier revised runs) or the weekly
 * 10% rule between build weeks; revisions are deterministic; a red flag re-triages.
 */
#include <jansson.h>
#include <stdint.h>

#include "test_util.h"

TestSuite(revise, .fini = hp_test_leak_check);

#define MAX_H 4096
#define AS_OF 20450 /* 2025-12-28 */

static uint32_t lcg_state;
static int range(int lo, int hi) {
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lo + (int)((lcg_state >> 8) % (uint32_t)(hi - lo + 1));
}

/* A running session of a plan week: its date (from `start`), km and whether continuous. */
typedef struct week_run {
    int date;
    double km;
    int continuous;
} week_run;

/* The running sessions (runs and walk-runs) of week w of plan p dated from `start`, in
   order, into out (at most 64); checks that the plan's days are dated from `start` when
   check_dates. Returns how many. */
static size_t week_runs(const hp_plan *p, size_t w, int start, int check_dates, const char *nm,
                        week_run out[64]) {
    size_t n = 0;
    for (size_t d = 0; d < 7; d++) {
        hp_day dy;
        cr_assert_eq(hp_plan_day(p, w, d, &dy), HP_OK);
        if (check_dates)
            cr_assert_eq(dy.date, start + (int)d, "%s: dates follow on", nm);
        for (size_t s = 0; s < dy.n_sessions; s++) {
            hp_session ss;
            cr_assert_eq(hp_plan_session(p, w, d, s, &ss), HP_OK);
            if (ss.kind != HP_SESSION_RUN && ss.kind != HP_SESSION_WALK_RUN)
                continue;
            cr_assert_lt(n, 64);
            out[n++] = (week_run){start + (int)d, ss.km, ss.kind == HP_SESSION_RUN};
        }
    }
    return n;
}

/* Append week w of plan p, dated from `start`, to the history, checking the 110% run cap
   (and the dates) when `check`; returns its run km. */
static double add_week(const hp_plan *p, size_t w, int start, hp_test_run *h, size_t *nh, int check,
                       const char *nm) {
    week_run runs[64];
    size_t n = week_runs(p, w, start, check, nm, runs);
    double km = 0;
    for (size_t i = 0; i < n; i++) {
        double ref = hp_test_longest_before(h, *nh, runs[i].date);
        if (check && runs[i].continuous)
            cr_assert_gt(ref, 0, "%s: continuous run with no run in its 30 days", nm);
        if (check && ref > 0)
            cr_assert_leq(runs[i].km, ref * 1.10 + 1e-9, "%s: run of %.1f km after %.1f", nm,
                          runs[i].km, ref);
        cr_assert_lt(*nh, MAX_H);
        h[(*nh)++] = (hp_test_run){runs[i].date, runs[i].km};
        km += runs[i].km;
    }
    return km;
}

typedef enum pattern {
    IMPROVING,
    STUCK,
    WORSENING,
    FLAG_WEEK3,
    RANDOM
} pattern;

static void checkins_json(pattern pt, char *buf, size_t size) {
    size_t n = (size_t)snprintf(buf, size, "{\"checkins\":[");
    for (int w = 1; w <= 8; w++) {
        int during, morning;
        switch (pt) {
        case IMPROVING: during = w < 3 ? 3 : 1, morning = w < 3 ? 1 : 0; break;
        case STUCK: during = 4, morning = 3; break;
        case WORSENING: during = w + 1 > 10 ? 10 : w + 1, morning = w - 1; break;
        case FLAG_WEEK3: during = 1, morning = 0; break;
        default: during = range(0, 8), morning = range(0, 4); break;
        }
        n += (size_t)snprintf(
            buf + n, size - n,
            "%s{\"week\":%d,\"sessions_planned\":3,\"sessions_done\":%d,"
            "\"pain\":{\"during\":%d,\"after\":%d,\"next_morning\":%d}%s}",
            w > 1 ? "," : "", w, pt == RANDOM ? range(2, 3) : 3, during, during, morning,
            pt == FLAG_WEEK3 && w == 3 ? ",\"new_findings\":[\"unable_to_bear_weight\"]" : "");
    }
    snprintf(buf + n, size - n, "]}");
}

static hp_profile *log_profile(const hp_ontology *o, hp_test_run *h, size_t *nh) {
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    int n = range(3, 20);
    for (int i = 0; i < n; i++) {
        char d[16];
        int date = AS_OF - range(0, 27);
        double km = range(2, 12) + 0.1 * range(0, 9);
        hp_date_format(date, d, sizeof d);
        cr_assert_eq(hp_profile_add_run(p, d, km, 0, 0, NULL), HP_OK);
        h[(*nh)++] = (hp_test_run){date, km};
    }
    hp_profile_set_as_of(p, "2025-12-28", NULL);
    if (range(0, 1))
        hp_profile_set(p, "pain_lateral_hip", HP_ANSWER_PRESENT, NULL);
    return p;
}

static int by_km(const void *a, const void *b) {
    const hp_test_run *x = a, *y = b;
    if (x->km != y->km)
        return x->km < y->km ? -1 : 1;
    return (x->date > y->date) - (x->date < y->date);
}

/* Week w of the plan done from `start`: all its runs when every session was done, else
   the shortest, as many as the share of sessions done (revise.h). Returns the km done. */
static double done_week(const hp_plan *p, size_t w, int start, const hp_checkin *c, hp_test_run *h,
                        size_t *nh) {
    week_run wr[64];
    hp_test_run runs[64];
    size_t n = week_runs(p, w, start, 0, "done_week", wr);
    for (size_t i = 0; i < n; i++)
        runs[i] = (hp_test_run){wr[i].date, wr[i].km};
    size_t keep = n;
    if (c->sessions_done < c->sessions_planned) {
        keep = n * (size_t)c->sessions_done / (size_t)c->sessions_planned;
        qsort(runs, n, sizeof *runs, by_km);
    }
    double km = 0;
    for (size_t i = 0; i < keep; i++) {
        cr_assert_lt(*nh, MAX_H);
        h[(*nh)++] = runs[i];
        km += runs[i].km;
    }
    return km;
}

/* The weeks done (from the decisions) into the history, then the revised plan checked
   against it: single runs, build weeks after the last running week, dates. */
static void check_revision(const hp_plan *plan, const hp_checkins *cs, const hp_revision *r,
                           hp_test_run *h, size_t nh, const char *nm) {
    size_t n = hp_revision_decision_count(r), w = 0;
    hp_day d0;
    cr_assert_eq(hp_plan_day(plan, 0, 0, &d0), HP_OK);
    int date = d0.date, done = 0;
    double prev = 0;
    for (size_t i = 0; i < n; i++) {
        hp_revision_decision d;
        hp_checkin c;
        cr_assert_eq(hp_revision_get(r, i, &d), HP_OK);
        cr_assert_eq(hp_checkins_get(cs, i, &c), HP_OK);
        cr_assert(d.reason && *d.reason && d.sources && *d.sources);
        if (!done) {
            double km = done_week(plan, w, date, &c, h, &nh);
            if (km > 0)
                prev = km;
        }
        date += 7;
        done = d.next_week == 0;
        w = done ? w : d.next_week - 1;
    }
    const hp_plan *rp = hp_revision_plan(r);
    if (done)
        cr_assert_eq(hp_plan_week_count(rp), 0, "%s: a complete plan has no weeks left", nm);
    for (size_t k = 0; k < hp_plan_week_count(rp); k++) {
        hp_week wk;
        cr_assert_eq(hp_plan_week(rp, k, &wk), HP_OK);
        double km = add_week(rp, k, date + 7 * (int)k, h, &nh, 1, nm);
        if (wk.phase == HP_PHASE_BUILD && !wk.walk_run_stage && prev > 0)
            cr_assert_leq(km, prev * 1.10 + 0.05, "%s: week of %.1f km after %.1f", nm, km, prev);
        if (km > 0)
            prev = km;
    }
}

/* The decision after which the plan was rebuilt, -1 if none. Rebuilt plans are made by
   hp_plan_new(), whose rules test_plan and test_plan_spike check; the history model here
   follows the plan the check-ins report on. */
static int rebuilt_at(const hp_revision *r) {
    for (size_t i = 0; i < hp_revision_decision_count(r); i++) {
        hp_revision_decision d;
        hp_revision_get(r, i, &d);
        if (d.replanned)
            return (int)i;
    }
    return -1;
}

Test(revise, generated_sequences_keep_the_plan_rules, .timeout = 600) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    hp_test_run *h = malloc(sizeof *h * MAX_H);
    cr_assert_not_null(h);
    char js[4096], nm[48];
    lcg_state = 1997u;
    int future_runs = 0, shortened = 0, checked = 0;
    for (int i = 0; i < 200; i++) {
        size_t nh = 0;
        hp_profile *p = log_profile(o, h, &nh);
        hp_assessment *a = NULL;
        hp_plan *plan = NULL;
        hp_error e = {0};
        cr_assert_eq(hp_assess(p, &a, &e), HP_OK, "%s", e.message);
        hp_plan_options opt = {.weeks = range(8, 14), .run_days = range(2, 4)};
        cr_assert_eq(hp_plan_new(a, &opt, &plan, &e), HP_OK, "%s", e.message);
        pattern pt = (pattern)(i % 5);
        checkins_json(pt, js, sizeof js);
        hp_checkins *cs = NULL;
        cr_assert_eq(hp_checkins_from_json(o, js, strlen(js), "c", &cs, &e), HP_OK, "%s",
                     e.message);
        hp_revision *r = NULL, *r2 = NULL;
        cr_assert_eq(hp_plan_revise(plan, p, cs, &opt, &r, &e), HP_OK, "%s", e.message);
        cr_assert_eq(hp_plan_revise(plan, p, cs, &opt, &r2, &e), HP_OK, "%s", e.message);
        char *j1 = NULL, *j2 = NULL;
        cr_assert_eq(hp_revision_to_json(r, &j1, &e), HP_OK, "%s", e.message);
        cr_assert_eq(hp_revision_to_json(r2, &j2, &e), HP_OK, "%s", e.message);
        cr_assert_str_eq(j1, j2, "deterministic");
        snprintf(nm, sizeof nm, "plan %d pattern %d", i, (int)pt);
        if (pt == FLAG_WEEK3) {
            hp_revision_decision d;
            cr_assert_eq(hp_revision_get(r, 2, &d), HP_OK);
            cr_assert_eq(d.action, HP_CHECKIN_REASSESS);
            cr_assert_gt(d.triage, hp_plan_triage(plan), "%s: the red flag re-triages", nm);
            cr_assert(d.replanned);
            const hp_plan *rp = hp_revision_plan(r);
            cr_assert_eq(hp_plan_triage(rp), d.triage);
            if (d.triage == HP_TRIAGE_URGENT)
                cr_assert_eq(hp_plan_week_count(rp), 0, "urgent stops training");
        } else if (rebuilt_at(r) < 0) {
            checked++;
            check_revision(plan, cs, r, h, nh, nm);
            future_runs += (int)hp_plan_week_count(hp_revision_plan(r));
            for (size_t k = 0; k < hp_plan_week_count(hp_revision_plan(r)); k++) {
                hp_revision_week x;
                cr_assert_eq(hp_revision_week_info(r, k, &x), HP_OK);
                shortened += (int)x.runs_shortened;
            }
        }
        if (pt == STUCK) {
            /* pain 4/10 every week: held, and re-assessed after six weeks (rf_pain_six_weeks) */
            hp_revision_decision d;
            for (size_t k = 0; k < 5; k++) {
                cr_assert_eq(hp_revision_get(r, k, &d), HP_OK);
                cr_assert_eq(d.action, HP_CHECKIN_HOLD, "%s: week %zu", nm, k + 1);
            }
            cr_assert_eq(hp_revision_get(r, 5, &d), HP_OK);
            cr_assert_eq(d.action, HP_CHECKIN_REASSESS, "%s: week 6", nm);
            cr_assert_str_eq(d.sources, "nee_physio_hip");
            cr_assert_geq(d.triage, HP_TRIAGE_SEE_CLINICIAN, "%s", nm);
        }
        hp_string_free(j1);
        hp_string_free(j2);
        hp_revision_free(r);
        hp_revision_free(r2);
        hp_checkins_free(cs);
        hp_plan_free(plan);
        hp_assessment_free(a);
        hp_profile_free(p);
    }
    cr_assert_gt(future_runs, 200, "revised plans have weeks: %d", future_runs);
    cr_assert_gt(checked, 50, "revisions checked against the rules: %d", checked);
    cr_assert_gt(shortened, 0, "the rules had to shorten copied runs (the case this tests)");
    free(h);
    hp_ontology_free(o);
}

/* ---- Single rules ------------------------------------------------------------------- */

typedef struct fixture {
    hp_ontology *o;
    hp_profile *p;
    hp_assessment *a;
    hp_plan *plan;
    hp_checkins *cs;
    hp_revision *r;
} fixture;

/* A runner without pain running 3 x 5 km a week for four weeks before 2026-01-05 (a
   prevention plan of continuous running from week 1), a plan of `weeks`
   weeks from then, and the check-ins `js` revised. */
static void revise_fixture(fixture *f, int weeks, const char *js) {
    memset(f, 0, sizeof *f);
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_default(&f->o, NULL), HP_OK);
    cr_assert_eq(hp_profile_new(f->o, &f->p, NULL), HP_OK);
    for (int d = 1; d <= 28; d++) {
        char ds[16];
        if (d % 7 != 1 && d % 7 != 3 && d % 7 != 5)
            continue;
        hp_date_format(20458 - d, ds, sizeof ds);
        cr_assert_eq(hp_profile_add_run(f->p, ds, 5.0, 30, 0, NULL), HP_OK);
    }
    hp_profile_set_as_of(f->p, "2026-01-04", NULL);
    cr_assert_eq(hp_assess(f->p, &f->a, &e), HP_OK, "%s", e.message);
    hp_plan_options opt = {.weeks = weeks, .start_date = "2026-01-05"};
    cr_assert_eq(hp_plan_new(f->a, &opt, &f->plan, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_checkins_from_json(f->o, js, strlen(js), "c", &f->cs, &e), HP_OK, "%s",
                 e.message);
    cr_assert_eq(hp_plan_revise(f->plan, f->p, f->cs, &opt, &f->r, &e), HP_OK, "%s", e.message);
}

static void fixture_free(fixture *f) {
    hp_revision_free(f->r);
    hp_checkins_free(f->cs);
    hp_plan_free(f->plan);
    hp_assessment_free(f->a);
    hp_profile_free(f->p);
    hp_ontology_free(f->o);
}

#define WEEK_OK(w)                                                          \
    "{\"week\":" #w ",\"sessions_planned\":3,\"sessions_done\":3,\"pain\":" \
    "{\"during\":1,\"after\":1,\"next_morning\":0}}"

static hp_revision_decision decision_at(const hp_revision *r, size_t i) {
    hp_revision_decision d;
    cr_assert_eq(hp_revision_get(r, i, &d), HP_OK);
    return d;
}

Test(revise, progress_hold_and_step_back_move_through_the_weeks) {
    fixture f;
    revise_fixture(&f, 8,
                   "{\"checkins\":[" WEEK_OK(1) "," WEEK_OK(
                       2) ",{\"week\":3,\"sessions_planned\":3,\"sessions_done\":3,\"pain\":"
                          "{\"during\":7,\"after\":6,\"next_morning\":2}},"
                          "{\"week\":4,\"sessions_planned\":3,\"sessions_done\":3,\"pain\":"
                          "{\"during\":3,\"after\":3,\"next_morning\":3}}]}");
    cr_assert_eq(hp_revision_decision_count(f.r), 4);
    cr_assert_eq(decision_at(f.r, 0).action, HP_CHECKIN_PROGRESS);
    cr_assert_eq(decision_at(f.r, 0).next_week, 2);
    cr_assert_eq(decision_at(f.r, 1).next_week, 3);
    cr_assert_eq(decision_at(f.r, 2).action, HP_CHECKIN_STEP_BACK);
    cr_assert_eq(decision_at(f.r, 2).next_week, 2);
    cr_assert_eq(decision_at(f.r, 3).action, HP_CHECKIN_STEP_BACK, "morning pain built");
    cr_assert_eq(decision_at(f.r, 3).next_week, 1);
    const hp_plan *rp = hp_revision_plan(f.r);
    cr_assert_eq(hp_plan_week_count(rp), 8, "weeks 1-8 of the plan are still to do");
    hp_revision_week x;
    cr_assert_eq(hp_revision_week_info(f.r, 0, &x), HP_OK);
    cr_assert_eq(x.from_week, 1);
    cr_assert_eq(hp_revision_week_info(f.r, 8, &x), HP_E_NOT_FOUND);
    hp_day d;
    cr_assert_eq(hp_plan_day(rp, 0, 0, &d), HP_OK);
    cr_assert_eq(d.date, 20458 + 28, "starts the day after the last checked-in week");
    fixture_free(&f);
}

Test(revise, a_revised_plan_kept_by_reference_outlives_everything_else) {
    fixture f;
    revise_fixture(&f, 4, "{\"checkins\":[" WEEK_OK(1) "]}");
    char *before = NULL, *after = NULL;
    hp_plan *kept = hp_plan_ref(hp_revision_plan(f.r));
    cr_assert_eq(kept, hp_revision_plan(f.r));
    cr_assert_eq(hp_plan_to_json(kept, 0, &before, NULL), HP_OK);
    fixture_free(&f); /* the revision, the original plan and the ontology's own reference */
    cr_assert_eq(hp_plan_week_count(kept), 3, "weeks 2-4 of the plan");
    cr_assert_eq(hp_plan_to_json(kept, 0, &after, NULL), HP_OK);
    cr_assert_str_eq(after, before);
    hp_plan_free(kept);
    cr_assert_null(hp_plan_ref(NULL));
    hp_string_free(before);
    hp_string_free(after);
}

Test(revise, a_plan_progressed_to_its_end_is_complete) {
    fixture f;
    revise_fixture(&f, 3, "{\"checkins\":[" WEEK_OK(1) "," WEEK_OK(2) "," WEEK_OK(3) "]}");
    cr_assert_eq(decision_at(f.r, 2).next_week, 0);
    cr_assert_eq(hp_plan_week_count(hp_revision_plan(f.r)), 0);
    char *js = NULL;
    cr_assert_eq(hp_revision_to_json(f.r, &js, NULL), HP_OK);
    json_error_t je;
    json_t *root = json_loads(js, 0, &je);
    cr_assert_not_null(root, "%s", je.text);
    json_t *ds = json_object_get(root, "decisions");
    cr_assert_eq(json_array_size(ds), 3);
    cr_assert(json_is_null(json_object_get(json_array_get(ds, 2), "next_week")));
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ds, 0), "action")),
                     "progress");
    cr_assert_eq(json_array_size(json_object_get(root, "weeks")), 0);
    cr_assert(json_is_object(json_object_get(root, "plan")));
    json_decref(root);
    hp_string_free(js);
    fixture_free(&f);
}

Test(revise, weeks_missed_return_through_walk_run_not_straight_to_running) {
    fixture f;
    /* week 1 done, then five weeks with no check-in (nothing done), then a week missed */
    revise_fixture(&f, 10,
                   "{\"checkins\":[" WEEK_OK(1) ",{\"week\":7,\"sessions_planned\":3,"
                                                "\"sessions_done\":0}]}");
    cr_assert_eq(decision_at(f.r, 1).action, HP_CHECKIN_HOLD);
    const hp_plan *rp = hp_revision_plan(f.r);
    cr_assert_gt(hp_plan_week_count(rp), 0);
    int first_run = -1;
    for (size_t w = 0; w < hp_plan_week_count(rp) && first_run < 0; w++)
        for (size_t d = 0; d < 7 && first_run < 0; d++) {
            hp_day dy;
            hp_plan_day(rp, w, d, &dy);
            for (size_t s = 0; s < dy.n_sessions && first_run < 0; s++) {
                hp_session ss;
                hp_plan_session(rp, w, d, s, &ss);
                if (ss.kind == HP_SESSION_RUN || ss.kind == HP_SESSION_WALK_RUN)
                    first_run = (int)ss.kind;
            }
        }
    cr_assert_eq(first_run, HP_SESSION_WALK_RUN, "after 6 weeks without running");
    hp_revision_week x;
    cr_assert_eq(hp_revision_week_info(f.r, 0, &x), HP_OK);
    cr_assert_eq(x.from_week, 0, "rebuilt");
    fixture_free(&f);
}

/* The longest continuous run of week w. */
static double longest_run(const hp_plan *p, size_t w) {
    week_run runs[64];
    size_t n = week_runs(p, w, 0, 0, "longest_run", runs);
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (runs[i].continuous && runs[i].km > m)
            m = runs[i].km;
    return m;
}

Test(revise, a_partly_done_week_counts_only_its_shortest_runs) {
    fixture f, g;
    const char *part = "{\"checkins\":[" WEEK_OK(1) "," WEEK_OK(
        2) ",{\"week\":3,"
           "\"sessions_planned\":3,\"sessions_done\":1,\"pain\":{\"during\":1,"
           "\"after\":1,\"next_morning\":0}}]}";
    revise_fixture(&f, 8, part);
    revise_fixture(&g, 8, "{\"checkins\":[" WEEK_OK(1) "," WEEK_OK(2) "]}");
    /* both go on with week 3 of the plan (the partly done week is held); after it, the
       week is held to 110% of the one run counted as done */
    cr_assert_eq(decision_at(f.r, 2).next_week, 3);
    cr_assert_eq(decision_at(g.r, 1).next_week, 3);
    double long_f = longest_run(hp_revision_plan(f.r), 0),
           long_g = longest_run(hp_revision_plan(g.r), 0);
    cr_assert_gt(long_g, 0);
    cr_assert_lt(long_f, long_g, "one run done of three: the next week is held to it");
    hp_revision_week x;
    cr_assert_eq(hp_revision_week_info(f.r, 0, &x), HP_OK);
    cr_assert_gt(x.runs_shortened, 0);
    cr_assert_eq(hp_revision_week_info(g.r, 0, &x), HP_OK);
    cr_assert_eq(x.runs_shortened, 0, "every session done: week 3 as planned");
    fixture_free(&f);
    fixture_free(&g);
}

Test(revise, exports_say_what_changed_and_why) {
    fixture f;
    revise_fixture(
        &f, 8,
        "{\"checkins\":[" WEEK_OK(
            1) ",{\"week\":2,\"sessions_planned\":3,"
               "\"sessions_done\":3,\"pain\":{\"during\":7,\"after\":6,\"next_morning\":2}}]}");
    char *md = NULL, *ics = NULL;
    cr_assert_eq(hp_revision_to_markdown(f.r, &md, NULL), HP_OK);
    cr_assert(strstr(md, "# What changed and why"));
    cr_assert(strstr(md, "| 2 | step_back | self_care | week 1 | pain above 5/10"), "%s", md);
    cr_assert(strstr(md, "- Week 1 (from 2026-01-19): week 1 of the plan"), "%s", md);
    cr_assert_eq(hp_revision_to_ical(f.r, &ics, NULL), HP_OK);
    cr_assert(strstr(ics, "BEGIN:VCALENDAR"));
    cr_assert(strstr(ics, "Revised: week 1 of the plan"));
    hp_string_free(md);
    hp_string_free(ics);
    fixture_free(&f);
}

Test(revise, bad_arguments) {
    fixture f;
    revise_fixture(&f, 4, "{\"checkins\":[]}");
    hp_revision *r = (hp_revision *)1;
    hp_error e = {0};
    cr_assert_eq(hp_plan_revise(NULL, NULL, f.cs, NULL, &r, &e), HP_E_INVALID);
    cr_assert_null(r);
    cr_assert(strstr(e.message, "hp_plan_revise"));
    cr_assert_eq(hp_plan_revise(f.plan, NULL, NULL, NULL, &r, NULL), HP_E_INVALID);
    hp_ontology *o2 = NULL;
    hp_profile *p2 = NULL;
    cr_assert_eq(hp_ontology_load_default(&o2, NULL), HP_OK);
    cr_assert_eq(hp_profile_new(o2, &p2, NULL), HP_OK);
    cr_assert_eq(hp_plan_revise(f.plan, p2, f.cs, NULL, &r, &e), HP_E_INVALID);
    cr_assert(strstr(e.message, "another ontology"));
    cr_assert_eq(hp_revision_decision_count(f.r), 0);
    cr_assert_eq(hp_plan_week_count(hp_revision_plan(f.r)), 4, "no check-ins: nothing moves");
    cr_assert_eq(hp_revision_get(f.r, 0, &(hp_revision_decision){0}), HP_E_NOT_FOUND);
    cr_assert_eq(hp_revision_get(NULL, 0, &(hp_revision_decision){0}), HP_E_INVALID);
    char *s = NULL;
    cr_assert_eq(hp_revision_to_json(NULL, &s, NULL), HP_E_INVALID);
    hp_revision_free(NULL);
    hp_profile_free(p2);
    hp_ontology_free(o2);
    fixture_free(&f);
}

/* A plan for a clinician's diagnosis (no profile) rebuilt after a break: for its causes. */
Test(revise, a_plan_without_profile_is_rebuilt_for_its_causes) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    const char *ids[] = {"gluteal_tendinopathy", "it_band_syndrome"};
    hp_plan_options opt = {.weeks = 16, .start_date = "2026-01-05"};
    hp_plan *plan = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_plan_for_conditions(o, ids, 2, NULL, &opt, &plan, &e), HP_OK, "%s", e.message);
    size_t build = 0;
    for (hp_week wk; build < hp_plan_week_count(plan); build++) {
        hp_plan_week(plan, build, &wk);
        if (wk.phase == HP_PHASE_BUILD)
            break;
    }
    cr_assert_lt(build, hp_plan_week_count(plan), "the plan reaches continuous running");
    char js[4096];
    size_t n = (size_t)snprintf(js, sizeof js, "{\"checkins\":[");
    for (size_t w = 1; w <= build; w++)
        n += (size_t)snprintf(js + n, sizeof js - n,
                              "%s{\"week\":%zu,\"sessions_planned\":3,"
                              "\"sessions_done\":3,\"pain\":{\"during\":1,\"after\":1,"
                              "\"next_morning\":0}}",
                              w > 1 ? "," : "", w);
    snprintf(js + n, sizeof js - n, ",{\"week\":%zu,\"sessions_planned\":3,\"sessions_done\":0}]}",
             build + 6);
    hp_checkins *cs = NULL;
    hp_revision *r = NULL;
    cr_assert_eq(hp_checkins_from_json(o, js, strlen(js), "c", &cs, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_plan_revise(plan, NULL, cs, &opt, &r, &e), HP_OK, "%s", e.message);
    hp_revision_week x;
    cr_assert_eq(hp_revision_week_info(r, 0, &x), HP_OK);
    cr_assert_eq(x.from_week, 0, "rebuilt after five weeks without running");
    char *a = NULL, *b = NULL;
    cr_assert_eq(hp_plan_to_json(plan, 0, &a, NULL), HP_OK);
    cr_assert_eq(hp_plan_to_json(hp_revision_plan(r), 0, &b, NULL), HP_OK);
    json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
    cr_assert(json_equal(json_object_get(ja, "causes"), json_object_get(jb, "causes")),
              "the same causes");
    json_decref(ja);
    json_decref(jb);
    hp_string_free(a);
    hp_string_free(b);
    hp_revision_free(r);
    hp_checkins_free(cs);
    hp_plan_free(plan);
    hp_ontology_free(o);
}
