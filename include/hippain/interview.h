/**
 * @file interview.h
 * @brief Step-by-step questioning: ask the most useful question, record the answer,
 *        repeat until a cause is likely enough or no question is worth asking.
 */
#ifndef HIPPAIN_INTERVIEW_H
#define HIPPAIN_INTERVIEW_H

#include <stddef.h>

#include "hippain/assessment.h"
#include "hippain/enums.h"
#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An interview in progress; holds a reference to its ontology. */
typedef struct hp_interview hp_interview;

/** Options of an interview. Zero-initialise; zero fields take their defaults. */
typedef struct hp_interview_options {
    double stop_probability; /**< Stop when the top cause reaches this (default 0.8). */
    double min_gain;         /**< Stop when no question gains this many bits (default 0.02). */
    size_t max_questions;    /**< Stop after this many answers (default 25). */
} hp_interview_options;

/**
 * Start an interview from @p initial (copied; may be NULL for an empty profile, then
 * @p onto is required; otherwise @p onto may be NULL).
 */
HP_API hp_status hp_interview_new(const hp_ontology *onto, const hp_profile *initial,
                                  const hp_interview_options *options, hp_interview **out,
                                  hp_error *err);

/** Free an interview. NULL is allowed. */
HP_API void hp_interview_free(hp_interview *interview);

/**
 * The question to ask now.
 * @return the finding id, or NULL when the interview is done (see hp_interview_done()).
 */
HP_API const char *hp_interview_question(const hp_interview *interview);

/**
 * Answer the current question. HP_ANSWER_UNKNOWN ("don't know") records the question as
 * asked so that it is not asked again.
 * @return HP_OK, HP_E_STATE when the interview is done, HP_E_INVALID for a bad answer.
 */
HP_API hp_status hp_interview_answer(hp_interview *interview, hp_answer answer, hp_error *err);

/** Undo the last answer. @return HP_OK or HP_E_STATE when nothing was answered. */
HP_API hp_status hp_interview_back(hp_interview *interview, hp_error *err);

/** @return 1 when the interview should stop, 0 otherwise. */
HP_API int hp_interview_done(const hp_interview *interview);

/** @return the number of questions answered so far. */
HP_API size_t hp_interview_answered(const hp_interview *interview);

/** @return the current assessment (borrowed; valid until the next answer or back). */
HP_API const hp_assessment *hp_interview_assessment(const hp_interview *interview);

/** @return the current profile (borrowed; valid until the next answer or back). */
HP_API const hp_profile *hp_interview_profile(const hp_interview *interview);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_INTERVIEW_H */
