/*
 * Revising a plan from its check-ins (issue 18); the model is described in
 * include/hippain/revise.h.
 *
 * The check-ins are walked in calendar order. Each one's pain-monitoring decision
 * (checkin.c) moves the runner through the weeks of the current plan, and the runs of the
 * week done go into the runner's history (only the shortest ones when sessions were
 * missed). A new finding goes into a copy of the profile, which is re-assessed; a higher
 * triage rebuilds the plan with hp_plan_new(). The weeks still to do are then copied from
 * the current plan (replay) and held to the plan's rules against that history again
 * (recap): the single-run cap and walk-run stages of run_rules.c, the weekly 10% rule of
 * build weeks and the cadence steps of plan.c. Deterministic: no clock, no randomness.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "hippain/assessment.h"
#include "hippain/revise.h"
#include "ontology/model.h"
#include "plan/plan_internal.h"

#define MAX_PLAN_WEEKS 52
#define SETTLED_PAIN 2                               /* thomee1997: 0-2 of 10 is the safe zone */
#define SIX_WEEKS "pain_six_weeks_despite_self_care" /* finding id (rf_pain_six_weeks) */

struct hp_revision {
    const hp_ontology *onto; /* a reference is held */
    hp_plan *plan;
    hp_revision_decision *d;
    size_t n;
    hp_revision_week *w; /* per week of plan */
};

/* The walk: the current plan, where the runner is in it, and what was done. */
typedef struct rv {
    const hp_ontology *o;
    const hp_plan *base; /* the current plan: the given one or `owned` */
    hp_plan *owned;      /* a rebuilt plan */
    int from_rebuild;    /* base is a rebuilt plan */
    hp_profile *profile; /* a copy of the runner's profile, with the runs done */
    int have_profile;    /* the caller gave a profile */
    const hp_plan_options *opt;
    size_t cur;     /* week of base done next */
    int complete;   /* the runner has progressed past the last week */
    int date;       /* first day of the calendar week being walked */
    int plan_start; /* day 1 of the checked-in plan */
    hp_triage_level triage;
    hp__hist hist;              /* the runner's history and the runs done */
    double prev_km;             /* the last running week's volume (0: none) */
    int cadence, cadence_weeks; /* the last cadence target and the weeks held at it */
} rv;

void hp_revision_free(hp_revision *r) {
    if (!r)
        return;
    const hp_ontology *o = r->onto;
    hp_plan_free(r->plan);
    hp__free(&o->alloc, r->d);
    hp__free(&o->alloc, r->w);
    hp__free(&o->alloc, r);
    hp_ontology_free(o);
}

static int cmp_km(const void *a, const void *b) {
    const hp__hist_run *x = a, *y = b;
    if (x->km != y->km)
        return x->km < y->km ? -1 : 1;
    return (x->date > y->date) - (x->date < y->date);
}

static int is_running(const session_rec *s) {
    return s->kind == HP_SESSION_RUN || s->kind == HP_SESSION_WALK_RUN;
}

/* The runs of week `cur` that the check-in says were done go into the history and the
   profile copy: all of them when every session was done, else the shortest ones, as many
   as the share of sessions done (we cannot know which were missed). */
static hp_status add_done_week(rv *v, const hp_checkin *c) {
    const hp_plan *p = v->base;
    hp__hist_run runs[DAYS * 4];
    size_t n = 0;
    for (size_t d = 0; d < DAYS && !v->complete && v->cur < p->n_weeks; d++) {
        const day_rec *dr = &p->days[v->cur * DAYS + d];
        for (size_t k = 0; k < dr->n_sessions && n < DAYS * 4; k++)
            if (is_running(&p->sessions[dr->first_session + k]))
                runs[n++] = (hp__hist_run){v->date + (int)d, p->sessions[dr->first_session + k].km};
    }
    size_t keep = n;
    if (c->sessions_done < c->sessions_planned || c->sessions_planned <= 0) {
        keep = c->sessions_planned > 0 ? n * (size_t)c->sessions_done / (size_t)c->sessions_planned
                                       : 0;
        qsort(runs, n, sizeof *runs, cmp_km);
    }
    double total = 0;
    for (size_t i = 0; i < keep; i++) {
        char ds[16];
        hp_date_format(runs[i].date, ds, sizeof ds);
        hp_status st = hp__hist_add(&v->hist, runs[i].date, runs[i].km);
        if (st == HP_OK)
            st = hp_profile_add_run(v->profile, ds, runs[i].km, 0, 0, NULL);
        if (st != HP_OK)
            return HP_E_NOMEM;
        total += runs[i].km;
    }
    if (total > 0)
        v->prev_km = total;
    if (keep && !v->complete && v->cur < p->n_weeks && p->weeks[v->cur].cadence > 0) {
        int c0 = p->weeks[v->cur].cadence;
        v->cadence_weeks = c0 == v->cadence ? v->cadence_weeks + 1 : 1;
        v->cadence = c0;
    }
    return HP_OK;
}

/* Split the plan's space-separated cause ids into `ids` (pointers into `buf`; no strtok,
   whose hidden state is not thread-safe). */
static size_t split_causes(const hp_plan *p, char *buf, size_t size, const char **ids, size_t max) {
    snprintf(buf, size, "%s", hp__plan_causes(p));
    size_t n = 0;
    for (char *t = buf; *t && n < max;) {
        while (*t == ' ')
            *t++ = '\0';
        if (!*t)
            break;
        ids[n++] = t;
        while (*t && *t != ' ')
            t++;
    }
    return n;
}

/* A new current plan from day `start` on, for the weeks left (at least one):
   from the re-assessed profile copy, or for the plan's causes when there is no profile. */
static hp_status rebuild(rv *v, const hp_assessment *a, int start, hp_error *err) {
    size_t n = v->base->n_weeks, left = v->complete || v->cur >= n ? 0 : n - v->cur;
    hp_plan_options o2 = v->opt ? *v->opt : (hp_plan_options){0};
    char date[16];
    hp_date_format(start, date, sizeof date);
    o2.start_date = date;
    o2.weeks = (int)(left ? left : n ? n : 1);
    if (o2.weeks > MAX_PLAN_WEEKS)
        o2.weeks = MAX_PLAN_WEEKS;
    hp_plan *np = NULL;
    hp_status st;
    if (a) {
        st = hp_plan_new(a, &o2, &np, err);
    } else {
        char buf[1024];
        const char *ids[32];
        size_t k = split_causes(v->base, buf, sizeof buf, ids, 32);
        st = hp_plan_for_conditions(v->o, ids, k, v->profile, &o2, &np, err);
    }
    if (st != HP_OK)
        return st;
    hp_plan_free(v->owned);
    v->owned = np;
    v->base = np;
    v->from_rebuild = 1;
    v->cur = 0;
    v->complete = np->n_weeks == 0;
    return HP_OK;
}

static hp_status set_as_of(rv *v, int day) {
    char ds[16];
    hp_date_format(day, ds, sizeof ds);
    return hp_profile_set_as_of(v->profile, ds, NULL) == HP_OK ? HP_OK : HP_E_NOMEM;
}

/* Put the new findings of check-in i (and `extra`, a finding id, if not NULL) into the
   profile copy and re-assess; a higher triage rebuilds the plan from the next week. Sets
   *rebuilt. */
static hp_status reassess(rv *v, const hp_checkins *cs, size_t i, const char *extra, int *rebuilt,
                          hp_error *err) {
    hp_checkin c;
    hp_checkins_get(cs, i, &c);
    for (size_t j = 0; j < c.n_new_findings; j++) {
        hp_status st =
            hp_profile_set(v->profile, hp_checkins_new_finding(cs, i, j), HP_ANSWER_PRESENT, err);
        if (st != HP_OK)
            return st;
    }
    if (extra && hp_profile_set(v->profile, extra, HP_ANSWER_PRESENT, NULL) != HP_OK)
        return HP_E_NOMEM;
    hp_status st = set_as_of(v, v->date + DAYS - 1);
    hp_assessment *a = NULL;
    if (st == HP_OK)
        st = hp_assess(v->profile, &a, err);
    if (st != HP_OK)
        return st;
    hp_triage_level t = hp_assessment_triage(a);
    *rebuilt = 0;
    if (t > v->triage) {
        st = rebuild(v, a, v->date + DAYS, err);
        if (st == HP_OK) {
            v->triage = t;
            *rebuilt = 1;
        }
    }
    hp_assessment_free(a);
    return st;
}

static void move(rv *v, hp_checkin_action a) {
    if (v->complete)
        return;
    if (a == HP_CHECKIN_PROGRESS) {
        if (v->cur + 1 < v->base->n_weeks)
            v->cur++;
        else
            v->complete = 1;
    } else if (a == HP_CHECKIN_STEP_BACK && v->cur) {
        v->cur--;
    }
}

/* The worst pain during or after of a check-in, -1 if neither was given. */
static int worst_pain(const hp_checkin *c) {
    return c->pain_during > c->pain_after ? c->pain_during : c->pain_after;
}

/* Six weeks or more into the plan, the pain above the 0-2 zone that the pain-monitoring
   model accepts (thomee1997) and no better than at the first check-in that reported pain:
   hip pain not improved after six weeks of self-care is assessed by a physiotherapist or
   doctor (nee_physio_hip, the red flag rf_pain_six_weeks). Once. */
static int not_improved(const rv *v, const hp_checkins *cs, size_t i, const hp_checkin *c) {
    if (c->week < 6 || worst_pain(c) <= SETTLED_PAIN ||
        hp_profile_get(v->profile, SIX_WEEKS) == HP_ANSWER_PRESENT)
        return 0;
    for (size_t k = 0; k < i; k++) {
        hp_checkin f;
        hp_checkins_get(cs, k, &f);
        if (worst_pain(&f) >= 0)
            return worst_pain(c) >= worst_pain(&f);
    }
    return 0;
}

/* One check-in: the week done, the decision, the move. */
static hp_status step(rv *v, const hp_checkins *cs, size_t i, hp_revision_decision *o,
                      hp_error *err) {
    hp_checkin c;
    hp_checkin_decision d;
    hp_checkins_get(cs, i, &c);
    hp_checkins_decide_model(cs, i, hp_plan_pain_model(v->base), &d);
    /* calendar weeks with no check-in: nothing done, the runner stays where they were */
    while (v->date < v->plan_start + (c.week - 1) * DAYS)
        v->date += DAYS;
    hp_status st = add_done_week(v, &c);
    if (st != HP_OK)
        return st;
    *o = (hp_revision_decision){c.week, d.action, v->triage, 0, 0, d.reason, d.sources};
    int six = d.action != HP_CHECKIN_REASSESS && not_improved(v, cs, i, &c);
    if (d.action == HP_CHECKIN_REASSESS || six) {
        int rebuilt = 0;
        st = reassess(v, cs, i, six ? SIX_WEEKS : NULL, &rebuilt, err);
        if (st != HP_OK)
            return st;
        o->replanned = rebuilt;
        o->action = HP_CHECKIN_REASSESS;
        if (six)
            o->sources = "nee_physio_hip";
        if (six)
            o->reason = rebuilt ? "pain no better after six weeks of the plan: re-assessed, the "
                                  "triage rose and the plan is rebuilt from the next week"
                                : "pain no better after six weeks of the plan: re-assessed, the "
                                  "same triage: hold the week";
        else
            o->reason = rebuilt ? "a new finding raised the triage: the plan is rebuilt from "
                                  "the next week"
                                : "a new finding, the same triage after re-assessment: hold the "
                                  "week";
    } else {
        move(v, d.action);
    }
    o->triage = v->triage;
    o->next_week = v->complete ? 0 : v->cur + 1;
    v->date += DAYS;
    return HP_OK;
}

/* ---- Replay: the weeks still to do, held to the rules ------------------------------- */

static size_t count_sessions(const hp_plan *p, size_t w, size_t *items) {
    size_t s = 0;
    for (size_t d = 0; d < DAYS; d++) {
        const day_rec *r = &p->days[w * DAYS + d];
        s += r->n_sessions;
        for (size_t k = 0; k < r->n_sessions; k++)
            *items += p->sessions[r->first_session + k].n_items;
    }
    return s;
}

static void copy_week(hp_plan *p, const hp_plan *src, size_t w, size_t i) {
    p->weeks[i] = src->weeks[w];
    for (size_t d = 0; d < DAYS; d++) {
        const day_rec *r = &src->days[w * DAYS + d];
        day_rec *nd = &p->days[i * DAYS + d];
        nd->date = p->start + (int)(i * DAYS + d);
        nd->first_session = p->n_sessions;
        nd->n_sessions = r->n_sessions;
        for (size_t k = 0; k < r->n_sessions; k++) {
            session_rec s = src->sessions[r->first_session + k];
            if (s.n_items)
                memcpy(&p->items[p->n_items], &src->items[s.first_item],
                       s.n_items * sizeof *p->items);
            s.first_item = p->n_items;
            p->n_items += s.n_items;
            p->sessions[p->n_sessions++] = s;
        }
    }
}

static void *calloc_n(const hp_allocator *al, size_t n, size_t size, int *fail) {
    void *m = n ? hp__calloc(al, n, size) : NULL;
    *fail |= n && !m;
    return m;
}

/* A plan of weeks first.. of src, starting on `start`, copied whole (only dates move). */
static hp_plan *replay(const hp_plan *src, size_t first, int start, hp__buf *pool) {
    const hp_allocator *al = &src->onto->alloc;
    size_t n = src->n_weeks > first ? src->n_weeks - first : 0, ns = 0, ni = 0;
    for (size_t i = 0; i < n; i++)
        ns += count_sessions(src, first + i, &ni);
    hp_plan *p = hp__calloc(al, 1, sizeof *p);
    if (!p)
        return NULL;
    atomic_init(&p->refs, 1);
    p->onto = hp_ontology_ref(src->onto);
    p->triage = src->triage;
    p->start = start;
    p->causes = src->causes;
    p->risks = src->risks;
    p->lang = src->lang;
    int fail = 0;
    p->weeks = calloc_n(al, n, sizeof *p->weeks, &fail);
    p->days = calloc_n(al, n * DAYS, sizeof *p->days, &fail);
    p->sessions = calloc_n(al, ns, sizeof *p->sessions, &fail);
    p->items = calloc_n(al, ni, sizeof *p->items, &fail);
    p->advice = calloc_n(al, src->n_advice, sizeof *p->advice, &fail);
    hp__buf_append(pool, src->pool, src->pool_size);
    if (fail || pool->failed) {
        hp_plan_free(p);
        return NULL;
    }
    if (src->n_advice)
        memcpy(p->advice, src->advice, src->n_advice * sizeof *p->advice);
    p->n_advice = p->cap_advice = src->n_advice;
    p->cap_sessions = ns;
    p->cap_items = ni;
    p->n_weeks = n;
    for (size_t i = 0; i < n; i++)
        copy_week(p, src, first + i, i);
    return p;
}

/* The single-run cap on one session (scaled first by `scale`); counts a shortened one. */
static void cap_session(session_rec *s, double ref, double scale, int stage, hp__buf *pool,
                        hp_revision_week *info) {
    double km0 = s->km, km = hp__floor01(s->km * scale);
    if (s->kind == HP_SESSION_WALK_RUN) {
        double cap = ref * RUN_CAP;
        if ((ref > 0 && km > cap) || km < km0) {
            int rep = s->repeats;
            while (rep > 1 && hp__floor01(hp__walk_run_km(s->run, s->walk, rep)) > km)
                rep--;
            km = hp__walk_run_fit(s->run, s->walk, &rep, ref);
            if (rep != s->repeats) {
                s->repeats = rep;
                s->minutes = rep * (s->run + s->walk);
                s->notes = pool->len;
                hp__walk_run_note(pool, stage, rep, s->run, s->walk);
            }
        }
    } else if (ref > 0 && km > ref * RUN_CAP) {
        km = hp__floor01(ref * RUN_CAP);
    }
    if (km < km0) {
        s->km = km;
        if (s->kind == HP_SESSION_RUN)
            s->minutes = (int)lround(km / RUN_KM_PER_MIN);
        info->runs_shortened++;
    }
}

/* The running sessions of week w, capped in day order; their runs into the history.
   Returns the week's run km, or -1 when a continuous run has no run in its 30 days. */
static double cap_runs(hp_plan *p, size_t w, hp__hist *h, double scale, hp__buf *pool,
                       hp_revision_week *info, hp_status *st) {
    double total = 0;
    int week_start = p->start + (int)(w * DAYS);
    for (size_t d = 0; d < DAYS; d++) {
        day_rec *dr = &p->days[w * DAYS + d];
        for (size_t k = 0; k < dr->n_sessions; k++) {
            session_rec *s = &p->sessions[dr->first_session + k];
            if (!is_running(s))
                continue;
            double ref = hp__run_reference(h, dr->date, week_start);
            if (s->kind == HP_SESSION_RUN && ref <= 0)
                return -1;
            cap_session(s, ref, scale, p->weeks[w].stage, pool, info);
            if ((*st = hp__hist_add(h, dr->date, s->km)) != HP_OK)
                return 0;
            total += s->km;
        }
    }
    return total;
}

/* The cadence steps of plan.c: a target is raised by at most 5%, and only after two
   running weeks at the last one. */
static void cap_cadence(rv *v, hp_plan *p, size_t w, hp_revision_week *info) {
    int c = p->weeks[w].cadence;
    if (c <= 0)
        return;
    if (v->cadence > 0) {
        int allowed = v->cadence_weeks >= 2 ? (int)floor(v->cadence * CADENCE_STEP) : v->cadence;
        if (c > allowed) {
            c = allowed;
            info->cadence_held = 1;
            p->weeks[w].cadence = c;
            for (size_t d = 0; d < DAYS; d++) {
                day_rec *dr = &p->days[w * DAYS + d];
                for (size_t k = 0; k < dr->n_sessions; k++)
                    if (is_running(&p->sessions[dr->first_session + k]))
                        p->sessions[dr->first_session + k].cadence = c;
            }
        }
    }
    v->cadence_weeks = c == v->cadence ? v->cadence_weeks + 1 : 1;
    v->cadence = c;
}

/* Week w held to the rules. Returns 1 when it needs a rebuild (no run in 30 days). */
static int recap_week(rv *v, hp_plan *p, size_t w, hp__buf *pool, hp_revision_week *info,
                      hp_status *st) {
    size_t mark = v->hist.n;
    double total = cap_runs(p, w, &v->hist, 1.0, pool, info, st);
    if (total < 0)
        return 1;
    const week_rec *wr = &p->weeks[w];
    double limit = hp__floor01(v->prev_km * WEEKLY_RISE);
    if (*st == HP_OK && wr->phase == HP_PHASE_BUILD && !wr->stage && v->prev_km > 0 &&
        total > limit + 1e-9) {
        v->hist.n = mark; /* again, every run scaled down to the weekly limit */
        total = cap_runs(p, w, &v->hist, limit / total, pool, info, st);
    }
    if (total > 0) {
        p->weeks[w].run_km = hp__floor01(total + 1e-9);
        v->prev_km = total;
    }
    cap_cadence(v, p, w, info);
    return 0;
}

/* The weeks still to do into r->plan; rebuilds once when a continuous run would follow 30
   days without running. */
static hp_status finish(rv *v, hp_revision *r, hp_error *err) {
    const hp_allocator *al = &v->o->alloc;
    for (int attempt = 0;; attempt++) {
        hp__buf pool;
        hp__buf_init(&pool, al);
        hp_plan *p = replay(v->base, v->complete ? v->base->n_weeks : v->cur, v->date, &pool);
        r->w = p ? hp__calloc(al, p->n_weeks ? p->n_weeks : 1, sizeof *r->w) : NULL;
        if (!p || !r->w) {
            hp_plan_free(p);
            hp__buf_free(&pool);
            return HP_E_NOMEM;
        }
        hp_status st = HP_OK;
        int again = 0;
        size_t mark = v->hist.n;
        double prev_km = v->prev_km;
        int cadence = v->cadence, cadence_weeks = v->cadence_weeks;
        for (size_t w = 0; w < p->n_weeks && st == HP_OK && !again; w++) {
            r->w[w].from_week = v->from_rebuild ? 0 : v->cur + w + 1;
            again = recap_week(v, p, w, &pool, &r->w[w], &st);
        }
        v->hist.n = mark;
        v->prev_km = prev_km;
        v->cadence = cadence;
        v->cadence_weeks = cadence_weeks;
        if (st == HP_OK && pool.failed)
            st = HP_E_NOMEM;
        if (st == HP_OK && !again) {
            hp__free(al, p->pool);
            p->pool = pool.data;
            p->pool_size = pool.len;
            r->plan = p;
            return HP_OK;
        }
        hp_plan_free(p);
        hp__buf_free(&pool);
        hp__free(al, r->w);
        r->w = NULL;
        if (st != HP_OK)
            return st;
        if (attempt)
            return hp__error(err, HP_E_SEMANTIC,
                             "hp_plan_revise: no run in the 30 days "
                             "before a continuous run of the rebuilt plan");
        hp_assessment *a = NULL;
        st = set_as_of(v, v->date - 1);
        if (st == HP_OK && v->have_profile)
            st = hp_assess(v->profile, &a, err);
        if (st == HP_OK)
            st = rebuild(v, a, v->date, err);
        hp_assessment_free(a);
        if (st != HP_OK)
            return st;
    }
}

/* ---- Entry points ------------------------------------------------------------------- */

static hp_status start_walk(rv *v, const hp_plan *plan, const hp_profile *profile,
                            const hp_plan_options *options, hp_error *err) {
    const hp_ontology *o = plan->onto;
    *v = (rv){.o = o,
              .base = plan,
              .opt = options,
              .have_profile = profile != NULL,
              .date = plan->start,
              .plan_start = plan->start,
              .triage = plan->triage};
    hp__hist_init(&v->hist, &o->alloc);
    hp_status st =
        profile ? hp_profile_copy(profile, &v->profile, err) : hp_profile_new(o, &v->profile, err);
    if (st != HP_OK || !profile)
        return st;
    int end = plan->start - 1;
    if (!hp__history_end(profile, &end))
        end = plan->start - 1;
    if (hp__history_from_profile(&v->hist, profile, end) != HP_OK)
        return hp__nomem(err);
    return HP_OK;
}

hp_status hp_plan_revise(const hp_plan *plan, const hp_profile *profile,
                         const hp_checkins *checkins, const hp_plan_options *options,
                         hp_revision **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!plan || !checkins || !out)
        return hp__error(err, HP_E_INVALID, "hp_plan_revise: NULL argument");
    const hp_ontology *o = plan->onto;
    if (profile && hp_profile_ontology(profile) != o)
        return hp__error(err, HP_E_INVALID, "hp_plan_revise: the profile is of another ontology");
    hp_revision *r = hp__calloc(&o->alloc, 1, sizeof *r);
    if (!r)
        return hp__nomem(err);
    r->onto = hp_ontology_ref(o);
    r->n = hp_checkins_count(checkins);
    r->d = hp__calloc(&o->alloc, r->n ? r->n : 1, sizeof *r->d);
    rv v;
    hp_status st = start_walk(&v, plan, profile, options, err);
    if (st == HP_OK && !r->d)
        st = HP_E_NOMEM;
    for (size_t i = 0; i < r->n && st == HP_OK; i++)
        st = step(&v, checkins, i, &r->d[i], err);
    if (st == HP_OK)
        st = finish(&v, r, err);
    hp_profile_free(v.profile);
    hp_plan_free(v.owned);
    hp__hist_free(&v.hist);
    if (st != HP_OK) {
        hp_revision_free(r);
        return st == HP_E_NOMEM ? hp__nomem(err) : st;
    }
    *out = r;
    return HP_OK;
}

const hp_plan *hp_revision_plan(const hp_revision *r) { return r ? r->plan : NULL; }

size_t hp_revision_decision_count(const hp_revision *r) { return r ? r->n : 0; }

hp_status hp_revision_get(const hp_revision *r, size_t i, hp_revision_decision *out) {
    if (!r || !out)
        return HP_E_INVALID;
    if (i >= r->n)
        return HP_E_NOT_FOUND;
    *out = r->d[i];
    return HP_OK;
}

hp_status hp_revision_week_info(const hp_revision *r, size_t k, hp_revision_week *out) {
    if (!r || !out)
        return HP_E_INVALID;
    if (k >= r->plan->n_weeks)
        return HP_E_NOT_FOUND;
    *out = r->w[k];
    return HP_OK;
}
