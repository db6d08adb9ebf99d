/**
 * @file checkin.h
 * @brief Weekly check-ins of a plan and the pain-monitoring decision for the next week.
 *
 * A check-in records a week of a plan: the sessions planned and done, pain 0-10 during,
 * right after and the next morning, and new findings (ontology finding ids, which may be
 * red flags). hp_checkins_decide() applies the pain-monitoring model (Silbernagel et al.
 * 2007; Thomee 1997): pain up to 5/10 during and after activity is acceptable if it has
 * settled to 0-2 by the next morning and does not build from week to week. Each decision
 * says progress, hold or step back (or re-assess for a new finding) with its reason and
 * source ids.
 */
#ifndef HIPPAIN_CHECKIN_H
#define HIPPAIN_CHECKIN_H

#include <stddef.h>

#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/ontology.h"
#include "hippain/plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Immutable check-ins of one plan; holds a reference to its ontology. */
typedef struct hp_checkins hp_checkins;

/** A pain score that was not given. */
#define HP_PAIN_UNKNOWN (-1)
/** Maximum number of check-ins (ten years of weeks). */
#define HP_MAX_CHECKINS 520
/** Maximum number of new findings in one check-in. */
#define HP_MAX_CHECKIN_FINDINGS 32
/** Maximum size of check-in JSON in bytes. */
#define HP_MAX_CHECKIN_BYTES ((size_t)256 * 1024)

/** One check-in. */
typedef struct hp_checkin {
    int week;              /**< 1-based plan week it reports on. */
    int sessions_planned;  /**< Running or loading sessions planned that week. */
    int sessions_done;     /**< Sessions done (at most sessions_planned). */
    int pain_during;       /**< Worst pain 0-10 during activity, or ::HP_PAIN_UNKNOWN. */
    int pain_after;        /**< Worst pain 0-10 right after, or ::HP_PAIN_UNKNOWN. */
    int pain_next_morning; /**< Worst pain 0-10 the next morning, or ::HP_PAIN_UNKNOWN. */
    size_t n_new_findings; /**< Number of new findings. */
} hp_checkin;

/** What the next week does. */
typedef enum hp_checkin_action {
    HP_CHECKIN_PROGRESS = 0, /**< Move on to the next step of the plan. */
    HP_CHECKIN_HOLD,         /**< Repeat the week's load. */
    HP_CHECKIN_STEP_BACK,    /**< Go back one stage (less load). */
    HP_CHECKIN_REASSESS      /**< A new finding: re-assess (and re-triage) before going on. */
} hp_checkin_action;

/** A decision with why and where from. */
typedef struct hp_checkin_decision {
    hp_checkin_action action; /**< The action. */
    const char *reason;       /**< English reason (static). */
    const char *sources;      /**< Space-separated source ids of the ontology (static). */
} hp_checkin_decision;

/**
 * Parse check-ins from JSON: `{"checkins": [{"week": 1, "sessions_planned": 3,
 * "sessions_done": 3, "pain": {"during": 3, "after": 2, "next_morning": 0},
 * "new_findings": ["night_pain"]}]}`, or a week session by session: `{"week": 2,
 * "sessions": [{"done": true, "pain": {"during": 2}}, {"done": false}]}` (the week's
 * figures are then the sessions planned and done and the worst pain of each kind). Weeks
 * rise strictly; pain is an integer 0-10;
 * findings are finding ids of @p onto. Errors name the key ("checkins[2].pain.next_morning").
 * @param onto  the ontology of the finding ids.
 * @param json  the text (need not be NUL-terminated), at most ::HP_MAX_CHECKIN_BYTES.
 * @param size  its length.
 * @param name  input name used in errors (may be NULL).
 * @param out   receives the check-ins.
 * @param err   optional error details.
 */
HP_API hp_status hp_checkins_from_json(const hp_ontology *onto, const char *json, size_t size,
                                       const char *name, hp_checkins **out, hp_error *err);

/** Free check-ins. NULL is allowed. */
HP_API void hp_checkins_free(hp_checkins *checkins);

/** @return the number of check-ins. */
HP_API size_t hp_checkins_count(const hp_checkins *checkins);

/** Check-in @p i. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_checkins_get(const hp_checkins *checkins, size_t i, hp_checkin *out);

/** @return the id of new finding @p j of check-in @p i (borrowed), or NULL. */
HP_API const char *hp_checkins_new_finding(const hp_checkins *checkins, size_t i, size_t j);

/** Which pain rules a decision follows. */
typedef enum hp_pain_model {
    /** Tendons, muscles and joints: pain up to 5/10 during and after is acceptable if it has
        settled to 0-2 by the next morning and does not build (Silbernagel 2007, Thomee 1997). */
    HP_PAIN_MODEL_SOFT_TISSUE = 0,
    /** A return from a bone stress injury: a stage moves on only pain-free; any pain
        during, after or the next morning steps back (Warden et al. 2014). */
    HP_PAIN_MODEL_BONE
} hp_pain_model;

/**
 * The pain-monitoring decision after check-in @p i (it compares with check-in i-1 for pain
 * that builds week on week). Deterministic. @return HP_OK or HP_E_NOT_FOUND.
 */
HP_API hp_status hp_checkins_decide(const hp_checkins *checkins, size_t i,
                                    hp_checkin_decision *out);

/** The decision after check-in @p i under the pain rules of @p model (hp_checkins_decide()
 *  is ::HP_PAIN_MODEL_SOFT_TISSUE). @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_checkins_decide_model(const hp_checkins *checkins, size_t i,
                                          hp_pain_model model, hp_checkin_decision *out);

/** @return ::HP_PAIN_MODEL_BONE when a bone stress injury (stress_fracture) is among the
 *  plan's likely causes, else ::HP_PAIN_MODEL_SOFT_TISSUE. */
HP_API hp_pain_model hp_plan_pain_model(const hp_plan *plan);

/** The check-ins as JSON in the form hp_checkins_from_json() reads (a week given session
 *  by session comes out as the week's figures). Free with hp_string_free(). */
HP_API hp_status hp_checkins_to_json(const hp_checkins *checkins, char **out, hp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_CHECKIN_H */
