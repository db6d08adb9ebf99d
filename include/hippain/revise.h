/**
 * @file revise.h
 * @brief A plan revised from its check-ins: the weeks still to do, and what changed and why.
 *
 * hp_plan_revise() walks the check-ins in order. Check-in week k reports on the calendar
 * week k of the plan (days 7(k-1)+1 .. 7k from its start); a calendar week without a
 * check-in counts as a week of nothing done. Each check-in's pain-monitoring decision
 * (hp_checkins_decide()) moves the runner through the plan's weeks: progress to the next
 * week, hold (repeat the week) or step back one week. A new finding goes into a copy of the
 * profile, which is re-assessed: a higher triage rebuilds the plan from the next week with
 * hp_plan_new() (urgent triage: no training; a suspected stress fracture: no impact).
 * A worsening pattern re-triages too: from week 6 on, pain during or after above the
 * 0-2/10 zone and no better than at the first check-in that reported pain adds
 * pain_six_weeks_despite_self_care to the profile copy (hip pain not improved after six
 * weeks of self-care is assessed by a physiotherapist or doctor, nee_physio_hip), which is
 * re-assessed the same way. A plan for a bone stress injury follows the pain-free model
 * (hp_plan_pain_model()).
 *
 * The revised plan starts the day after the last checked-in week and holds the weeks still
 * to do, copied from the plan and then held to the plan's rules again against what the
 * runner did: no run over 110% of the longest run of the 30 days before it (the runner's
 * history and the runs of the weeks done), no build week over 110% of the last running
 * week, a cadence target raised by at most 5% and only after two weeks at the last one.
 * Of a week with sessions missed, only its shortest runs count as done (as many as the
 * share of sessions done). When the runner has not run for 30 days and the next week
 * is continuous running, the plan is rebuilt so that it returns through walk-run stages.
 * Deterministic: no clock, no randomness.
 */
#ifndef HIPPAIN_REVISE_H
#define HIPPAIN_REVISE_H

#include <stddef.h>

#include "hippain/checkin.h"
#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/plan.h"
#include "hippain/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A plan revised from its check-ins; holds the revised plan and the decisions. */
typedef struct hp_revision hp_revision;

/** One decision of a revision: after which check-in, what, why, and the week done next. */
typedef struct hp_revision_decision {
    int week;                 /**< Calendar week of the check-in it follows. */
    hp_checkin_action action; /**< The pain-monitoring action. */
    hp_triage_level triage;   /**< Triage after this check-in (re-assessed on a new finding). */
    size_t next_week;         /**< 1-based week of the current plan done next, 0 if none
                                   (the plan is complete or stopped). */
    int replanned;            /**< The plan was rebuilt after this check-in. */
    const char *reason;       /**< English reason (static). */
    const char *sources;      /**< Space-separated source ids (static). */
} hp_revision_decision;

/** Where a week of the revised plan comes from, and what the rules changed in it. */
typedef struct hp_revision_week {
    size_t from_week;      /**< 1-based week of the plan it repeats; 0 if from a rebuilt plan. */
    size_t runs_shortened; /**< Runs and walk-runs shortened to keep the rules. */
    int cadence_held;      /**< The cadence target was held lower than the plan's. */
} hp_revision_week;

/**
 * Revise @p plan from its check-ins.
 * @param plan     the plan the check-ins report on.
 * @param profile  the profile the plan was made for (its run log is the runner's
 *                 history; may be NULL for a plan with no profile).
 * @param checkins the check-ins so far (may be empty).
 * @param options  options for a rebuilt plan (may be NULL; start_date and weeks are set by
 *                 the revision: the rebuilt plan covers the weeks left).
 * @param out      receives the revision.
 * @param err      optional error details.
 */
HP_API hp_status hp_plan_revise(const hp_plan *plan, const hp_profile *profile,
                                const hp_checkins *checkins, const hp_plan_options *options,
                                hp_revision **out, hp_error *err);
/** Free a revision. NULL is allowed. */
HP_API void hp_revision_free(hp_revision *revision);
/** @return the revised plan (borrowed: it lives as long as the revision; hp_plan_ref() keeps
 *  it longer). */
HP_API const hp_plan *hp_revision_plan(const hp_revision *revision);
/** @return the number of decisions (one per check-in). */
HP_API size_t hp_revision_decision_count(const hp_revision *revision);
/** Decision @p i. @return HP_OK, HP_E_INVALID or HP_E_NOT_FOUND. */
HP_API hp_status hp_revision_get(const hp_revision *revision, size_t i, hp_revision_decision *out);
/** Week @p k of the revised plan: where it comes from. @return HP_OK, HP_E_INVALID or
 *  HP_E_NOT_FOUND. */
HP_API hp_status hp_revision_week_info(const hp_revision *revision, size_t k,
                                       hp_revision_week *out);

/** The decisions, the origin of each week and the revised plan as JSON: {"decisions": [...],
 *  "weeks": [...], "plan": {...}} (free with hp_string_free()). */
HP_API hp_status hp_revision_to_json(const hp_revision *revision, char **out, hp_error *err);
/** "What changed and why" followed by the revised plan, as Markdown (free with
 *  hp_string_free()). */
HP_API hp_status hp_revision_to_markdown(const hp_revision *revision, char **out, hp_error *err);
/** The revised plan as iCalendar; the first event of each week says where the week comes
 *  from and why (free with hp_string_free()). */
HP_API hp_status hp_revision_to_ical(const hp_revision *revision, char **out, hp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_REVISE_H */
