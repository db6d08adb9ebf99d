/*
 * The running rules every plan keeps, shared by the plan builder (plan.c) and plan
 * revision (revise.c): the run history a plan starts from, the single-run cap (a run is at
 * most 110% of the longest run of the 30 days before it, and of the longest before its
 * week began) and the walk-run stages with the note each session carries.
 */
#include <math.h>

#include "core/alloc_internal.h"
#include "plan/plan_internal.h"
#include "profile/profile_internal.h"

#define DEFAULT_RUN_DAYS 3
#define HIST_START 64

double hp__floor01(double x) { return x > 0 ? floor(x * 10 + 1e-9) / 10 : 0; }

void hp__hist_init(hp__hist *h, const hp_allocator *al) { *h = (hp__hist){al, NULL, 0, 0}; }

void hp__hist_free(hp__hist *h) {
    hp__free(h->al, h->runs);
    h->runs = NULL;
    h->n = h->cap = 0;
}

hp_status hp__hist_add(hp__hist *h, int date, double km) {
    if (!hp__grow(h->al, (void **)&h->runs, &h->cap, h->n < HIST_START ? HIST_START : h->n + 1,
                  sizeof *h->runs))
        return HP_E_NOMEM;
    h->runs[h->n++] = (hp__hist_run){date, km};
    return HP_OK;
}

double hp__hist_longest_before(const hp__hist *h, int date) {
    double m = 0;
    for (size_t i = 0; i < h->n; i++)
        if (h->runs[i].date >= date - RUN_WINDOW && h->runs[i].date < date && h->runs[i].km > m)
            m = h->runs[i].km;
    return m;
}

double hp__run_reference(const hp__hist *h, int date, int week_start) {
    double ref = hp__hist_longest_before(h, date),
           ref_week = hp__hist_longest_before(h, week_start);
    return ref_week > 0 && ref_week < ref ? ref_week : ref;
}

int hp__history_end(const hp_profile *pr, int *end) {
    if (pr->has_as_of) {
        *end = pr->as_of;
        return 1;
    }
    int have_end = 0;
    for (size_t i = 0; i < pr->n_runs; i++)
        if (!have_end || pr->runs[i].date > *end) {
            *end = pr->runs[i].date;
            have_end = 1;
        }
    return have_end;
}

static int has_field(const hp_profile *p, hp_runner_field f) { return p->runner_set >> f & 1u; }

hp_status hp__history_from_profile(hp__hist *h, const hp_profile *pr, int end) {
    hp_status st = HP_OK;
    int recent = 0;
    for (size_t i = 0; i < pr->n_runs && st == HP_OK; i++) {
        st = hp__hist_add(h, pr->runs[i].date, pr->runs[i].km);
        recent |=
            pr->runs[i].km > 0 && pr->runs[i].date > end - RUN_WINDOW && pr->runs[i].date <= end;
    }
    /* a run log is the history: longest_run_km_30d and weekly_km could claim runs the log
       does not have (issue 18: 4.8 km planned after a logged longest of 4.1) */
    if (pr->n_runs || st != HP_OK)
        return st;
    if (has_field(pr, HP_RUNNER_LONGEST_RUN_KM_30D)) {
        st = hp__hist_add(h, end, pr->runner[HP_RUNNER_LONGEST_RUN_KM_30D]);
        recent = 1;
    }
    if (st == HP_OK && !recent && has_field(pr, HP_RUNNER_WEEKLY_KM) &&
        pr->runner[HP_RUNNER_WEEKLY_KM] > 0) {
        double days = has_field(pr, HP_RUNNER_RUN_DAYS_PER_WEEK) &&
                              pr->runner[HP_RUNNER_RUN_DAYS_PER_WEEK] >= 1
                          ? pr->runner[HP_RUNNER_RUN_DAYS_PER_WEEK]
                          : DEFAULT_RUN_DAYS;
        st = hp__hist_add(h, end, pr->runner[HP_RUNNER_WEEKLY_KM] / days);
    }
    return st;
}

/*
 * Walk-run stages: minutes running and walking per interval, and intervals. About 30
 * minutes each, the running share rising while the distance grows by under 10% a stage
 * (3.5, 3.7, 3.7, 3.9, 4.1, 4.4 km at the paces of plan_internal.h), so that the single-run
 * cap rarely has to shorten one.
 */
const int hp__walk_run_stages[][3] = {{1, 2, 11}, {2, 2, 8}, {2, 1, 10},
                                      {4, 1, 6},  {9, 1, 3}, {15, 1, 2}};
const int hp__n_walk_run_stages = (int)(sizeof hp__walk_run_stages / sizeof hp__walk_run_stages[0]);

double hp__walk_run_km(int run, int walk, int repeats) {
    return repeats * (run * RUN_KM_PER_MIN + walk * WALK_KM_PER_MIN);
}

double hp__walk_run_fit(int run, int walk, int *repeats, double ref) {
    double cap = ref * RUN_CAP;
    while (ref > 0 && *repeats > 1 && hp__floor01(hp__walk_run_km(run, walk, *repeats)) > cap)
        (*repeats)--;
    double km = hp__floor01(hp__walk_run_km(run, walk, *repeats));
    return ref > 0 && km > cap ? hp__floor01(cap) : km;
}

void hp__walk_run_note(hp__buf *t, int stage, int repeats, int run, int walk) {
    hp__buf_puts(t, "Walk-run stage ");
    hp__buf_put_long(t, stage);
    hp__buf_puts(t, ": ");
    hp__buf_put_long(t, repeats);
    hp__buf_puts(t, " x (run ");
    hp__buf_put_long(t, run);
    hp__buf_puts(t, " min, walk ");
    hp__buf_put_long(t, walk);
    hp__buf_puts(t, " min) at an easy effort. Do this stage at least twice and move on only if "
                    "both sessions and the next mornings were pain-free; otherwise repeat it.");
    hp__buf_append(t, "", 1);
}
