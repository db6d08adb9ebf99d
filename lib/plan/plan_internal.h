/*
 * The plan's layout and its safety rules, shared by the files of the plan layer: plan.c
 * builds plans, plan_export.c writes them, revise.c replays their weeks after check-ins
 * and run_rules.c holds the rules both builders keep (the run history, the single-run
 * cap, walk-run stages).
 */
#ifndef HP_PLAN_INTERNAL_H
#define HP_PLAN_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "hippain/plan.h"
#include "hippain/profile.h"

#define DAYS 7
#define WEEKLY_RISE 1.10
#define RUN_CAP 1.10
#define RUN_WINDOW 30
#define RUN_KM_PER_MIN (1.0 / 7.0)   /* easy running, 7 min/km */
#define WALK_KM_PER_MIN (1.0 / 11.0) /* brisk walking, 11 min/km */
#define CADENCE_LOW 170
#define CADENCE_STEP 1.05

/* ---- Layout ------------------------------------------------------------------------- */

/* An exercise of a session; its dosing is worked out when asked for (dosing_at). */
typedef struct item_rec {
    uint32_t exercise;
    uint32_t steps;      /* progression steps taken since the exercise first appeared */
    size_t why, sources; /* pool offsets */
} item_rec;

typedef struct session_rec {
    uint8_t kind; /* hp_session_kind */
    double km;
    int minutes, cadence, walk, run, repeats;
    int32_t cue;  /* advice index or -1 */
    size_t notes; /* pool offset, 0 for none */
    size_t first_item, n_items;
} session_rec;

typedef struct day_rec {
    int date;
    size_t first_session, n_sessions;
} day_rec;

typedef struct week_rec {
    uint8_t phase;
    double run_km;
    int stage, cadence;
} week_rec;

typedef struct advice_rec {
    uint32_t advice;
    size_t why, sources;
} advice_rec;

struct hp_plan {
    atomic_size_t refs;      /* hp_plan_ref() / hp_plan_free() */
    const hp_ontology *onto; /* a reference is held */
    hp_triage_level triage;
    int start;
    week_rec *weeks;
    size_t n_weeks;
    day_rec *days; /* DAYS per week */
    session_rec *sessions;
    size_t n_sessions, cap_sessions;
    item_rec *items;
    size_t n_items, cap_items;
    advice_rec *advice;
    size_t n_advice, cap_advice;
    char *pool; /* NUL-terminated strings; offset 0 is "" */
    size_t pool_size;
    size_t causes, risks, lang; /* pool offsets */
};

/* Internal accessors shared with plan_export.c. */
const char *hp__plan_causes(const hp_plan *plan);
const char *hp__plan_risks(const hp_plan *plan);
const char *hp__plan_lang(const hp_plan *plan);
int hp__plan_start(const hp_plan *plan);
/* The iCalendar of hp_plan_to_ical(); week_notes (may be NULL, or an entry NULL) open the
   description of every event of their week (plan revision: what changed). */
hp_status hp__plan_ical(const hp_plan *plan, const char *const *week_notes, char **out,
                        hp_error *err);

/* ---- Rules (run_rules.c) ------------------------------------------------------------ */

/* km rounded down to 0.1 (0 for non-positive). */
double hp__floor01(double km);

/* Runs by date: the runner's history and the runs planned so far. */
typedef struct hp__hist_run {
    int date;
    double km;
} hp__hist_run;

typedef struct hp__hist {
    const hp_allocator *al;
    hp__hist_run *runs;
    size_t n, cap;
} hp__hist;

void hp__hist_init(hp__hist *h, const hp_allocator *al);
void hp__hist_free(hp__hist *h);
hp_status hp__hist_add(hp__hist *h, int date, double km);
/* The longest run of the RUN_WINDOW days before `date` (0 if none). */
double hp__hist_longest_before(const hp__hist *h, int date);
/* The single-run reference for a run on `date` in the week starting `week_start`: the
   longest run of the 30 days before it, and no more than before the week began (no
   compounding within a week). 0: no run in the window. */
double hp__run_reference(const hp__hist *h, int date, int week_start);
/* The reference date of a profile's history: its as-of date, else its latest run.
   Returns 0 if there is neither. */
int hp__history_end(const hp_profile *profile, int *end);
/* A profile's history, dated: its run log; without a log, longest_run_km_30d at `end`,
   else weekly_km over the runner's run days (or 3) at `end`. */
hp_status hp__history_from_profile(hp__hist *h, const hp_profile *profile, int end);

/* Walk-run stage rows: minutes running, minutes walking, intervals. */
extern const int hp__walk_run_stages[][3];
extern const int hp__n_walk_run_stages;
double hp__walk_run_km(int run, int walk, int repeats);
/* Fit a walk-run session under the single-run cap of `ref` (no cap if ref <= 0): fewer
   intervals first, then the distance. Sets *repeats and returns the km. */
double hp__walk_run_fit(int run, int walk, int *repeats, double ref);
/* The note of a walk-run session, NUL-terminated, appended to t. */
void hp__walk_run_note(hp__buf *t, int stage, int repeats, int run, int walk);

#endif /* HP_PLAN_INTERNAL_H */
