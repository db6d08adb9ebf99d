/**
 * @file plan.h
 * @brief Phased prevention and rehabilitation plans, and their exports (JSON, Markdown,
 *        iCalendar).
 *
 * A plan is made of weeks, each in a phase (settle, strengthen, return, build); weeks
 * are made of days, days of sessions, sessions of items (exercises with dosing). The plan
 * keeps the rules: weekly running volume rises at most 10% once running is continuous,
 * walk-run stages are repeated at least twice, no run exceeds 110% of the longest run of
 * the previous 30 days, cadence rises in ~5% steps towards 170-180, at least one rest day a
 * week, strength on non-consecutive days, nothing contraindicated for a suspected cause,
 * no training at all under urgent triage, no impact while a stress fracture is suspected.
 */
#ifndef HIPPAIN_PLAN_H
#define HIPPAIN_PLAN_H

#include <stddef.h>

#include "hippain/assessment.h"
#include "hippain/enums.h"
#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/ontology.h"
#include "hippain/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An immutable plan; holds a reference to its ontology. */
typedef struct hp_plan hp_plan;

/** Kinds of sessions in a day. */
typedef enum hp_session_kind {
    HP_SESSION_RUN = 0,        /**< Continuous run. */
    HP_SESSION_WALK_RUN,       /**< Walk-run intervals. */
    HP_SESSION_STRENGTH,       /**< Strength exercises. */
    HP_SESSION_MOBILITY,       /**< Mobility and stretching. */
    HP_SESSION_WARM_UP,        /**< Warm-up before a run. */
    HP_SESSION_COOL_DOWN,      /**< Cool-down after a run. */
    HP_SESSION_CROSS_TRAINING, /**< Low-impact cross-training. */
    HP_SESSION_REST            /**< Rest day. */
} hp_session_kind;

/** Options of a plan. Zero-initialise; zero fields take their defaults. */
typedef struct hp_plan_options {
    const char *start_date;  /**< "YYYY-MM-DD" of day 1 (default: day after as-of, or 2026-01-05 if
                                unknown). */
    int weeks;               /**< Number of weeks, 1-52 (default 8). */
    int run_days;            /**< Run days a week, 1-6 (default: profile, else 3). */
    double target_weekly_km; /**< Weekly distance to build towards (default: profile's weekly_km,
                                else 20). */
    const char *lang;        /**< Language of texts (default English). */
    double contraindication_probability; /**< Causes at or above this probability veto
                                              contraindicated exercises (default 0.1). */
} hp_plan_options;

/** A week of the plan. */
typedef struct hp_week {
    int index;          /**< 1-based week number. */
    hp_phase phase;     /**< Phase of the week. */
    double run_km;      /**< Total distance of run and walk-run sessions. */
    int walk_run_stage; /**< Walk-run stage (1-based), 0 when running continuously or not. */
    int cadence_spm;    /**< Cadence target, 0 when there is no running. */
    size_t n_days;      /**< Number of days (7). */
} hp_week;

/** A day of the plan. */
typedef struct hp_day {
    int date;          /**< Days since 1970-01-01. */
    size_t n_sessions; /**< Number of sessions (at least 1; a rest day has one rest session). */
} hp_day;

/** A session of a day. */
typedef struct hp_session {
    hp_session_kind kind; /**< Kind. */
    double km;            /**< Distance (run, walk-run), else 0. */
    int minutes;          /**< Duration in minutes, 0 if not set. */
    int cadence_spm;      /**< Cadence target (run, walk-run), else 0. */
    int walk_minutes;     /**< Walk-run: minutes walking per interval, else 0. */
    int run_minutes;      /**< Walk-run: minutes running per interval, else 0. */
    int repeats;          /**< Walk-run: intervals, else 0. */
    const char *cue;      /**< Form cue (an advice id), or NULL. */
    size_t n_items;       /**< Number of items. */
    const char *notes;    /**< How to do it in English (e.g. a walk-run stage's "repeat at
                               least twice, move on only without pain"), or NULL. */
} hp_session;

/** An exercise prescribed in a session. */
typedef struct hp_session_item {
    const char *id;      /**< Exercise id. */
    int sets;            /**< Sets. */
    int reps;            /**< Reps, or 0. */
    int hold_seconds;    /**< Hold seconds, or 0. */
    int minutes;         /**< Minutes, or 0. */
    hp_effort effort;    /**< Effort. */
    const char *why;     /**< Space-separated ids of the causes/risk factors it addresses. */
    const char *sources; /**< Space-separated source ids. */
} hp_session_item;

/** Standing advice of the plan. */
typedef struct hp_plan_advice_item {
    const char *id;      /**< Advice id. */
    const char *why;     /**< Space-separated ids of the causes/risk factors, or "triage". */
    const char *sources; /**< Space-separated source ids. */
} hp_plan_advice_item;

/** Make a plan from an assessment (its profile is used for the runner's numbers). */
HP_API hp_status hp_plan_new(const hp_assessment *assessment, const hp_plan_options *options,
                             hp_plan **out, hp_error *err);

/**
 * Make a plan for explicit conditions (e.g. a clinician's diagnosis); @p profile may be
 * NULL. Triage is that of the conditions' seriousness.
 */
HP_API hp_status hp_plan_for_conditions(const hp_ontology *onto, const char *const *condition_ids,
                                        size_t n_conditions, const hp_profile *profile,
                                        const hp_plan_options *options, hp_plan **out,
                                        hp_error *err);

/**
 * A new reference to @p plan (plans are immutable, so references may be shared across
 * threads): hp_plan_free() drops one, and the plan is freed with the last. Use it to keep
 * a plan that another object owns, e.g. hp_revision_plan(), beyond that object.
 * @return @p plan (NULL for NULL).
 */
HP_API hp_plan *hp_plan_ref(const hp_plan *plan);

/** Drop a reference to a plan, freeing it with the last (see hp_plan_ref()). NULL is
 *  allowed. */
HP_API void hp_plan_free(hp_plan *plan);

/** @return the plan's ontology (borrowed). */
HP_API const hp_ontology *hp_plan_ontology(const hp_plan *plan);

/** @return the triage level the plan was made under. */
HP_API hp_triage_level hp_plan_triage(const hp_plan *plan);

/** @return the number of weeks (0 under urgent triage). */
HP_API size_t hp_plan_week_count(const hp_plan *plan);
/** Week @p w. */
HP_API hp_status hp_plan_week(const hp_plan *plan, size_t w, hp_week *out);
/** Day @p d of week @p w. */
HP_API hp_status hp_plan_day(const hp_plan *plan, size_t w, size_t d, hp_day *out);
/** Session @p s of day @p d of week @p w. */
HP_API hp_status hp_plan_session(const hp_plan *plan, size_t w, size_t d, size_t s,
                                 hp_session *out);
/** Item @p i of a session. */
HP_API hp_status hp_plan_item(const hp_plan *plan, size_t w, size_t d, size_t s, size_t i,
                              hp_session_item *out);
/** @return the number of standing advice items. */
HP_API size_t hp_plan_advice_count(const hp_plan *plan);
/** Advice item @p i. */
HP_API hp_status hp_plan_advice(const hp_plan *plan, size_t i, hp_plan_advice_item *out);

/** The plan as JSON (free with hp_string_free()). */
HP_API hp_status hp_plan_to_json(const hp_plan *plan, unsigned flags, char **out, hp_error *err);
/** The plan as Markdown for a person to read (free with hp_string_free()). */
HP_API hp_status hp_plan_to_markdown(const hp_plan *plan, char **out, hp_error *err);
/** The plan as an RFC 5545 iCalendar, one event per session (free with hp_string_free()). */
HP_API hp_status hp_plan_to_ical(const hp_plan *plan, char **out, hp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_PLAN_H */
