/*
 * Training-load metrics from a profile: week-over-week increase, single-run spikes and
 * the acute:chronic workload ratio from the run log, and the runner's own numbers.
 */
#include <math.h>
#include <string.h>

#include "profile/profile_internal.h"

#define ACUTE_DAYS 7
#define CHRONIC_DAYS 28
#define SPIKE_WINDOW 30

static int has(const hp_profile *p, hp_runner_field f) { return (p->runner_set >> f) & 1u; }

static void set(double m[HP_METRIC_COUNT], unsigned *known, hp_metric k, double v) {
    m[k] = v;
    *known |= 1u << k;
}

/* The reference date of the run log: as_of, or the latest run. */
static int log_end(const hp_profile *p, int *end) {
    if (p->has_as_of) {
        *end = p->as_of;
        return 1;
    }
    if (!p->n_runs)
        return 0;
    int e = p->runs[0].date;
    for (size_t i = 1; i < p->n_runs; i++)
        if (p->runs[i].date > e)
            e = p->runs[i].date;
    *end = e;
    return 1;
}

/*
 * The run log as daily totals and daily longest runs over the HISTORY days up to the
 * reference date (older runs no longer matter to any metric: the chronic EWMA's weight
 * after a year is below 1e-11).
 */
#define HISTORY 366

typedef struct daily {
    double sum[HISTORY];
    double max[HISTORY];
    int first; /* index of the first day with a run, HISTORY if none */
} daily;

/* Days back from the reference date: day 0 is the reference date itself. */
#define DAY(back) (HISTORY - 1 - (back))

/* The furthest back any metric but the acute:chronic ratio looks. */
#define LOOK_BACK (SPIKE_WINDOW + ACUTE_DAYS - 1)

/*
 * Only the days from the log's first day (or LOOK_BACK days back, if that is earlier) are
 * filled: no metric reads an earlier day, so a short log does not pay for the whole year.
 */
static void fill_daily(const hp_profile *p, int end, daily *t) {
    int base = end - HISTORY + 1;
    int first = HISTORY;
    for (size_t i = 0; i < p->n_runs; i++) {
        int k = p->runs[i].date - base;
        if (k < 0) /* a run older than the window still shows the log reaches back */
            first = 0;
        else if (k < HISTORY && k < first)
            first = k;
    }
    t->first = first;
    int lo = first < DAY(LOOK_BACK) ? first : DAY(LOOK_BACK);
    memset(t->sum + lo, 0, (size_t)(HISTORY - lo) * sizeof *t->sum);
    memset(t->max + lo, 0, (size_t)(HISTORY - lo) * sizeof *t->max);
    for (size_t i = 0; i < p->n_runs; i++) {
        int k = p->runs[i].date - base;
        if (k < 0 || k >= HISTORY)
            continue;
        t->sum[k] += p->runs[i].km;
        if (p->runs[i].km > t->max[k])
            t->max[k] = p->runs[i].km;
    }
}

static double sum_back(const daily *t, int from_back, int to_back) {
    double s = 0;
    for (int b = to_back; b <= from_back; b++)
        s += t->sum[DAY(b)];
    return s;
}

static double max_back(const daily *t, int from_back, int to_back) {
    double m = 0;
    for (int b = to_back; b <= from_back; b++)
        if (t->max[DAY(b)] > m)
            m = t->max[DAY(b)];
    return m;
}

/* How many days back the log reaches. */
static int reach(const daily *t) { return t->first >= HISTORY ? -1 : DAY(t->first); }

static void weekly_increase(const hp_profile *p, double m[], unsigned *known, const daily *t) {
    if (has(p, HP_RUNNER_WEEKLY_KM) && has(p, HP_RUNNER_PREVIOUS_WEEKLY_KM)) {
        double prev = p->runner[HP_RUNNER_PREVIOUS_WEEKLY_KM];
        if (prev > 0)
            set(m, known, HP_METRIC_WEEKLY_INCREASE_PCT,
                (p->runner[HP_RUNNER_WEEKLY_KM] / prev - 1) * 100);
        return;
    }
    /* from the log: the last 7 days against the 7 before, if the log reaches back */
    if (!t || reach(t) < ACUTE_DAYS)
        return;
    double prev = sum_back(t, 2 * ACUTE_DAYS - 1, ACUTE_DAYS);
    if (prev > 0)
        set(m, known, HP_METRIC_WEEKLY_INCREASE_PCT,
            (sum_back(t, ACUTE_DAYS - 1, 0) / prev - 1) * 100);
}

static void long_run_increase(const hp_profile *p, double m[], unsigned *known, const daily *t) {
    double worst = -INFINITY;
    int have_ref =
        has(p, HP_RUNNER_LONGEST_RUN_KM_30D) && p->runner[HP_RUNNER_LONGEST_RUN_KM_30D] > 0;
    double given_ref = have_ref ? p->runner[HP_RUNNER_LONGEST_RUN_KM_30D] : 0;
    if (has(p, HP_RUNNER_PLANNED_RUN_KM)) {
        double ref = have_ref ? given_ref : (t ? max_back(t, SPIKE_WINDOW - 1, 0) : 0);
        if (ref > 0)
            worst = (p->runner[HP_RUNNER_PLANNED_RUN_KM] / ref - 1) * 100;
    }
    if (t) {
        /* each day of the last week against the longest run of the 30 days before it */
        for (int b = 0; b < ACUTE_DAYS; b++) {
            double km = t->max[DAY(b)];
            if (km <= 0 || reach(t) < b + SPIKE_WINDOW - ACUTE_DAYS)
                continue;
            double ref = max_back(t, b + SPIKE_WINDOW, b + 1);
            if (ref > 0 && (km / ref - 1) * 100 > worst)
                worst = (km / ref - 1) * 100;
        }
        /* or against the longest run of the 30 days, when the runner gave it */
        double recent = max_back(t, ACUTE_DAYS - 1, 0);
        if (have_ref && recent > 0 && (recent / given_ref - 1) * 100 > worst)
            worst = (recent / given_ref - 1) * 100;
    }
    if (worst > -INFINITY)
        set(m, known, HP_METRIC_LONG_RUN_INCREASE_PCT, worst);
}

/*
 * Uncoupled EWMA acute:chronic ratio (Williams et al. 2017; Lolli et al. 2019): daily
 * distance smoothed with lambda = 2 / (N + 1), N = 7 (acute, up to the reference date) and
 * N = 28 (chronic, up to the day before the acute week), both seeded with the mean daily
 * distance of the log's first week. Needs four weeks of log.
 */
static void acute_chronic(double m[], unsigned *known, const daily *t) {
    if (!t || reach(t) < CHRONIC_DAYS - 1)
        return;
    int first = t->first;
    double seed = 0;
    for (int k = first; k < first + ACUTE_DAYS && k < HISTORY; k++)
        seed += t->sum[k];
    seed /= ACUTE_DAYS;
    double la = 2.0 / (ACUTE_DAYS + 1), lc = 2.0 / (CHRONIC_DAYS + 1);
    double acute = seed, chronic = seed;
    for (int k = first; k < HISTORY; k++) {
        acute = la * t->sum[k] + (1 - la) * acute;
        if (k <= DAY(ACUTE_DAYS))
            chronic = lc * t->sum[k] + (1 - lc) * chronic;
    }
    if (chronic > 0)
        set(m, known, HP_METRIC_ACUTE_CHRONIC_RATIO, acute / chronic);
}

/*
 * Without the runner's own cadence_spm, the run log's: the distance-weighted mean cadence
 * of the runs with a cadence in the CHRONIC_DAYS days up to the reference date.
 */
static int log_cadence(const hp_profile *p, int end, double *out) {
    double sum = 0, km = 0;
    for (size_t i = 0; i < p->n_runs; i++) {
        const hp_run *r = &p->runs[i];
        double c = p->details ? p->details[i].cadence_spm : 0;
        if (c > 0 && r->date <= end && r->date > end - CHRONIC_DAYS) {
            double w = r->km > 0 ? r->km : 1e-3; /* a run without distance still counts */
            sum += c * w;
            km += w;
        }
    }
    if (!(km > 0))
        return 0;
    *out = sum / km;
    return 1;
}

void hp__compute_metrics(const hp_profile *p, double m[HP_METRIC_COUNT], unsigned *known) {
    memset(m, 0, sizeof(double) * HP_METRIC_COUNT);
    *known = 0;
    int end = 0;
    daily table;
    const daily *t = NULL;
    if (p->n_runs && log_end(p, &end)) {
        fill_daily(p, end, &table);
        t = &table;
    }
    weekly_increase(p, m, known, t);
    long_run_increase(p, m, known, t);
    acute_chronic(m, known, t);
    double cadence;
    if (has(p, HP_RUNNER_CADENCE_SPM))
        set(m, known, HP_METRIC_CADENCE_SPM, p->runner[HP_RUNNER_CADENCE_SPM]);
    else if (p->n_runs && log_cadence(p, end, &cadence))
        set(m, known, HP_METRIC_CADENCE_SPM, cadence);
    if (has(p, HP_RUNNER_SHOE_KM))
        set(m, known, HP_METRIC_SHOE_KM, p->runner[HP_RUNNER_SHOE_KM]);
    if (has(p, HP_RUNNER_RUN_DAYS_PER_WEEK)) {
        set(m, known, HP_METRIC_RUN_DAYS_PER_WEEK, p->runner[HP_RUNNER_RUN_DAYS_PER_WEEK]);
    } else if (t && reach(t) >= ACUTE_DAYS - 1) {
        int days = 0;
        for (int b = 0; b < ACUTE_DAYS; b++)
            days += t->max[DAY(b)] > 0;
        set(m, known, HP_METRIC_RUN_DAYS_PER_WEEK, days);
    }
    if (has(p, HP_RUNNER_AGE))
        set(m, known, HP_METRIC_AGE, p->runner[HP_RUNNER_AGE]);
    if (p->sex != HP_SEX_UNKNOWN)
        set(m, known, HP_METRIC_FEMALE, p->sex == HP_SEX_FEMALE ? 1 : 0);
}
