/**
 * @file assessment.h
 * @brief Assessing a profile: red-flag triage, causes ranked by probability with the
 *        evidence for and against each, training-load risks and the next question.
 *
 * The model is naive Bayes over mutually exclusive causes: each condition starts at the
 * log-odds of its prior; a present finding adds log(s / b) and an absent one adds
 * log((1 - s) / (1 - b)), where s is the condition's strength for the finding and b the
 * finding's base rate; unlinked and unknown findings add nothing. Probabilities are the
 * softmax of the scores, so they sum to 1. Results are deterministic; ties are broken by id.
 */
#ifndef HIPPAIN_ASSESSMENT_H
#define HIPPAIN_ASSESSMENT_H

#include <stddef.h>

#include "hippain/enums.h"
#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/ontology.h"
#include "hippain/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An immutable assessment; holds a reference to its ontology. */
typedef struct hp_assessment hp_assessment;

/** One ranked cause. */
typedef struct hp_cause {
    const char *id;     /**< Condition id. */
    size_t condition;   /**< Condition index. */
    double probability; /**< Posterior probability (all causes sum to 1). */
    double prior;       /**< Normalised prior. */
    double score;       /**< Log prior plus the sum of the evidence weights (for a condition
                             with presentations, plus the log of their share-weighted
                             likelihood ratios: see hp_presentation_info). */
    int suspected;      /**< 1 if probability >= the condition's suspect-at. */
    size_t n_evidence;  /**< Number of evidence items (for and against). */
} hp_cause;

/** One piece of evidence for or against a cause. */
typedef struct hp_evidence {
    const char *finding;  /**< Finding id. */
    size_t finding_index; /**< Finding index. */
    hp_answer answer;     /**< HP_ANSWER_PRESENT or HP_ANSWER_ABSENT. */
    int derived;          /**< 1 if derived from runner metrics. */
    double weight;        /**< Natural-log likelihood ratio: > 0 for, < 0 against. */
    double strength;      /**< The link's strength. */
    const char *sources;  /**< Sources of the link. */
} hp_evidence;

/** One reason for the triage level. */
typedef struct hp_triage_reason {
    hp_triage_level level; /**< The level this reason calls for. */
    const char *rule;      /**< Red-flag rule id, or NULL. */
    const char *condition; /**< Suspected condition id, or NULL. */
    const char *findings;  /**< Space-separated ids of the findings involved. */
    const char *text;      /**< Message for the runner. */
    const char *sources;   /**< Space-separated source ids. */
} hp_triage_reason;

/**
 * A serious condition not to miss, listed apart from the ranking: named by a don't-miss
 * rule that fired (a red flag with a `condition`), or a serious or emergency condition
 * that is suspected. Its reasons are triage reasons whose `condition` is this one.
 */
typedef struct hp_dont_miss {
    const char *id;        /**< Condition id. */
    size_t condition;      /**< Condition index. */
    size_t rank;           /**< Its position among the causes (0 is the most likely). */
    double probability;    /**< Its posterior probability. */
    hp_triage_level level; /**< The most urgent level its reasons call for. */
    size_t n_reasons;      /**< Number of reasons. */
} hp_dont_miss;

/** One training-load risk found from the runner's metrics. */
typedef struct hp_risk {
    const char *finding; /**< Risk-factor id made present. */
    const char *rule;    /**< Derived-finding rule id. */
    hp_metric metric;    /**< Metric. */
    double value;        /**< Value of the metric. */
    hp_compare op;       /**< Comparison. */
    double threshold;    /**< Threshold. */
    const char *text;    /**< Explanation with the numbers. */
    const char *sources; /**< Sources of the rule. */
} hp_risk;

/** Assess @p profile against its ontology. */
HP_API hp_status hp_assess(const hp_profile *profile, hp_assessment **out, hp_error *err);

/** Free an assessment. NULL is allowed. */
HP_API void hp_assessment_free(hp_assessment *assessment);

/** @return the assessment's ontology (borrowed). */
HP_API const hp_ontology *hp_assessment_ontology(const hp_assessment *assessment);

/**
 * @return the profile as assessed, derived findings applied (borrowed; built on first
 *         use, so NULL if memory runs out then).
 */
HP_API const hp_profile *hp_assessment_profile(const hp_assessment *assessment);

/** @return the triage level. */
HP_API hp_triage_level hp_assessment_triage(const hp_assessment *assessment);

/** @return the number of triage reasons. */
HP_API size_t hp_assessment_reason_count(const hp_assessment *assessment);

/** Triage reason @p i (most urgent first). @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_assessment_reason(const hp_assessment *assessment, size_t i,
                                      hp_triage_reason *out);

/** @return the number of conditions in the don't-miss list. */
HP_API size_t hp_assessment_dont_miss_count(const hp_assessment *assessment);

/**
 * Don't-miss entry @p i: the most urgent first, then the most probable, ties by id.
 * @return HP_OK or HP_E_NOT_FOUND.
 */
HP_API hp_status hp_assessment_dont_miss(const hp_assessment *assessment, size_t i,
                                         hp_dont_miss *out);

/**
 * Reason @p j of don't-miss entry @p i (most urgent first).
 * @return HP_OK or HP_E_NOT_FOUND.
 */
HP_API hp_status hp_assessment_dont_miss_reason(const hp_assessment *assessment, size_t i, size_t j,
                                                hp_triage_reason *out);

/** @return the number of causes (every condition of the ontology). */
HP_API size_t hp_assessment_cause_count(const hp_assessment *assessment);

/** Cause @p i, most likely first. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_assessment_cause(const hp_assessment *assessment, size_t i, hp_cause *out);

/**
 * Evidence item @p j of cause @p i, strongest (largest |weight|) first. For a condition
 * with presentations, the items are those of its most probable presentation (see
 * hp_assessment_presentation_probability()): the condition's links, with the
 * presentation's own in place of those of the same finding.
 * @return HP_OK or HP_E_NOT_FOUND.
 */
HP_API hp_status hp_assessment_evidence(const hp_assessment *assessment, size_t i, size_t j,
                                        hp_evidence *out);

/** @return the probability of condition index @p condition (0 if out of range). */
HP_API double hp_assessment_probability(const hp_assessment *assessment, size_t condition);

/**
 * @return the probability of presentation @p k of condition index @p condition given that
 * condition and the answers (the condition's presentations sum to 1; see
 * hp_condition_presentation()), or 0 if either is out of range.
 */
HP_API double hp_assessment_presentation_probability(const hp_assessment *assessment,
                                                     size_t condition, size_t k);

/** @return the number of training-load risks. */
HP_API size_t hp_assessment_risk_count(const hp_assessment *assessment);

/** Risk @p i. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_assessment_risk(const hp_assessment *assessment, size_t i, hp_risk *out);

/**
 * The value of a metric computed from the profile.
 * @return HP_OK, or HP_E_NOT_FOUND if the profile lacks what it needs.
 */
HP_API hp_status hp_assessment_metric(const hp_assessment *assessment, hp_metric metric,
                                      double *value);

/**
 * The most useful next question: an unanswered red-flag finding first, otherwise the
 * unknown finding with the highest expected information gain over the causes.
 * @return the finding id, or NULL when no question is worth asking.
 */
HP_API const char *hp_assessment_next_question(const hp_assessment *assessment);

/** @return the expected information gain (bits) of the next question, 0 if none. */
HP_API double hp_assessment_next_question_gain(const hp_assessment *assessment);

/** Export flags. */
#define HP_JSON_PRETTY 0x1u

/**
 * The assessment as JSON: {"triage": {"level", "reasons"}, "dont_miss": [{"id", "name",
 * "rank" (1 for the most likely cause), "probability", "level", "reasons": [...]}],
 * "causes": [{"id", "name", "probability", "prior", "suspected", "seriousness",
 * "presentations" (only for a condition that has them): [{"id", "label" (only when it has
 * one: hp_presentation_label()), "probability" (given the cause), "share"}],
 * "evidence": [...]}], "risks": [...], "next_question": ...}.
 * @p lang selects labels (NULL for English). Free with hp_string_free().
 */
HP_API hp_status hp_assessment_to_json(const hp_assessment *assessment, const char *lang,
                                       unsigned flags, char **out, hp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_ASSESSMENT_H */
