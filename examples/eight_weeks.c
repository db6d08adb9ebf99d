/*
 * A runner's 8 weeks with weekly check-ins: the plan is made once, and every week the
 * check-ins so far revise it (hp_plan_revise). Prints each week's decision, why, and
 * what the runner does next week.
 *
 * Build with the project (examples/CMakeLists.txt), or:
 *   cc eight_weeks.c $(pkg-config --cflags --libs hippain) -o eight_weeks
 */
#include <stdio.h>
#include <string.h>

#include <hippain/hippain.h>

static const char profile_json[] =
    "{\"findings\": {\"pain_lateral_hip\": true, \"worse_lying_on_side\": true,"
    " \"tender_greater_trochanter\": true, \"fever_or_chills\": false},"
    " \"runner\": {\"weekly_km\": 30, \"longest_run_km_30d\": 12, \"age\": 41,"
    " \"sex\": \"female\", \"as_of\": \"2026-01-04\"}}";

/* The runner's diary: sessions planned and done, pain during, after, next morning. */
static const int diary[8][5] = {
    {3, 3, 3, 2, 1}, {3, 3, 2, 2, 0}, {3, 3, 2, 1, 0}, {3, 2, 3, 2, 1},
    {3, 3, 6, 5, 3}, {3, 3, 3, 2, 1}, {3, 3, 2, 1, 0}, {3, 3, 1, 1, 0},
};

static int fail(const char *what, const hp_error *e) {
    fprintf(stderr, "eight_weeks: %s: %s\n", what, e->message);
    return 1;
}

/* The check-ins of weeks 1..k as JSON. */
static void checkins_json(int k, char *buf, size_t size) {
    size_t n = (size_t)snprintf(buf, size, "{\"checkins\": [");
    for (int w = 0; w < k && n < size; w++)
        n += (size_t)snprintf(buf + n, size - n,
                              "%s{\"week\": %d, \"sessions_planned\": %d, \"sessions_done\": %d,"
                              " \"pain\": {\"during\": %d, \"after\": %d, \"next_morning\": %d}}",
                              w ? ", " : "", w + 1, diary[w][0], diary[w][1], diary[w][2],
                              diary[w][3], diary[w][4]);
    if (n < size)
        snprintf(buf + n, size - n, "]}");
}

static void print_next_week(const hp_revision *r) {
    const hp_plan *p = hp_revision_plan(r);
    hp_week wk;
    hp_revision_week from;
    if (hp_plan_week(p, 0, &wk) != HP_OK || hp_revision_week_info(r, 0, &from) != HP_OK) {
        printf("    next: no weeks left\n");
        return;
    }
    printf("    next: %s", hp_enum_name(HP_ENUM_PHASE, (int)wk.phase));
    if (wk.walk_run_stage)
        printf(", walk-run stage %d", wk.walk_run_stage);
    printf(", %.1f km running", wk.run_km);
    if (from.from_week)
        printf(" (week %zu of the plan", from.from_week);
    else
        printf(" (from a rebuilt plan");
    if (from.runs_shortened)
        printf(", %zu run(s) shortened", from.runs_shortened);
    printf(")\n");
}

int main(void) {
    hp_error e = {0};
    hp_ontology *o = NULL;
    hp_profile *p = NULL;
    hp_assessment *a = NULL;
    hp_plan *plan = NULL;
    int rc = 1;
    hp_plan_options opt = {.weeks = 12, .start_date = "2026-01-05"};
    if (hp_ontology_load_default(&o, &e) != HP_OK)
        return fail("ontology", &e);
    if (hp_profile_from_json(o, profile_json, strlen(profile_json), "profile", &p, &e) != HP_OK ||
        hp_assess(p, &a, &e) != HP_OK || hp_plan_new(a, &opt, &plan, &e) != HP_OK) {
        rc = fail("plan", &e);
        goto done;
    }
    printf("Plan of %zu weeks from %s, triage %s\n", hp_plan_week_count(plan), opt.start_date,
           hp_enum_name(HP_ENUM_TRIAGE, (int)hp_plan_triage(plan)));
    for (int k = 1; k <= 8; k++) {
        char js[4096];
        checkins_json(k, js, sizeof js);
        hp_checkins *cs = NULL;
        hp_revision *r = NULL;
        hp_revision_decision d;
        if (hp_checkins_from_json(o, js, strlen(js), "check-ins", &cs, &e) != HP_OK ||
            hp_plan_revise(plan, p, cs, &opt, &r, &e) != HP_OK ||
            hp_revision_get(r, (size_t)k - 1, &d) != HP_OK) {
            hp_checkins_free(cs);
            rc = fail("revise", &e);
            goto done;
        }
        printf("week %d: %s: %s [%s]\n", k, hp_enum_name(HP_ENUM_CHECKIN_ACTION, (int)d.action),
               d.reason, d.sources);
        print_next_week(r);
        hp_revision_free(r);
        hp_checkins_free(cs);
    }
    rc = 0;
done:
    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
    return rc;
}
