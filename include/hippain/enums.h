/**
 * @file enums.h
 * @brief The closed vocabularies shared by ontologies, assessments and plans, with
 *        functions that turn each value into its stable lowercase name and back.
 */
#ifndef HIPPAIN_ENUMS_H
#define HIPPAIN_ENUMS_H

#include "hippain/error.h"
#include "hippain/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of ontology entries. */
typedef enum hp_entity_kind {
    HP_ENTITY_SOURCE = 0,   /**< A bibliographic source. */
    HP_ENTITY_FINDING,      /**< A symptom, sign, history item or risk factor. */
    HP_ENTITY_CONDITION,    /**< A cause of hip pain. */
    HP_ENTITY_RED_FLAG,     /**< A red-flag rule. */
    HP_ENTITY_DERIVED_RULE, /**< A rule deriving a risk factor from runner metrics. */
    HP_ENTITY_EXERCISE,     /**< An exercise. */
    HP_ENTITY_ADVICE,       /**< An advice item. */
    HP_ENTITY_KIND_COUNT    /**< Number of kinds (not a kind). */
} hp_entity_kind;

/** What a profile says about a finding; the values match survey coding. */
typedef enum hp_answer {
    HP_ANSWER_UNKNOWN = -1, /**< Not asked or "don't know": changes nothing. */
    HP_ANSWER_ABSENT = 0,   /**< The runner does not have it. */
    HP_ANSWER_PRESENT = 1   /**< The runner has it. */
} hp_answer;

/** Kind of a finding. */
typedef enum hp_finding_kind {
    HP_FINDING_SYMPTOM = 0, /**< Something the runner feels. */
    HP_FINDING_SIGN,        /**< Something that can be observed or examined. */
    HP_FINDING_HISTORY,     /**< Something that happened before. */
    HP_FINDING_RISK_FACTOR  /**< A training, biomechanical or personal risk factor. */
} hp_finding_kind;

/** Group a finding belongs to (used to order and present questions). */
typedef enum hp_finding_group {
    HP_GROUP_LOCATION = 0, /**< Where it hurts. */
    HP_GROUP_QUALITY,      /**< What the pain is like. */
    HP_GROUP_TIMING,       /**< When it hurts. */
    HP_GROUP_AGGRAVATING,  /**< What makes it worse. */
    HP_GROUP_ASSOCIATED,   /**< Other symptoms and signs. */
    HP_GROUP_TRAINING,     /**< Training load and habits. */
    HP_GROUP_BIOMECHANICS, /**< Form, strength, flexibility, shoes. */
    HP_GROUP_HISTORY       /**< Past injuries and health history. */
} hp_finding_group;

/** How serious a condition is when suspected. */
typedef enum hp_seriousness {
    HP_SERIOUSNESS_MILD = 0, /**< Self-limiting. */
    HP_SERIOUSNESS_MODERATE, /**< Self-care unless it persists or worsens. */
    HP_SERIOUSNESS_SERIOUS,  /**< Needs a clinician when suspected. */
    HP_SERIOUSNESS_EMERGENCY /**< Needs urgent care when suspected. */
} hp_seriousness;

/** Triage levels, from least to most urgent. */
typedef enum hp_triage_level {
    HP_TRIAGE_SELF_CARE = 0,     /**< Self-care and training changes are appropriate. */
    HP_TRIAGE_SEE_CLINICIAN = 1, /**< See a clinician within days. */
    HP_TRIAGE_URGENT = 2         /**< Seek urgent care today. */
} hp_triage_level;

/** Phases of a rehabilitation or prevention plan, in order. */
typedef enum hp_phase {
    HP_PHASE_SETTLE = 0, /**< Settle and protect. */
    HP_PHASE_STRENGTHEN, /**< Restore strength and mobility. */
    HP_PHASE_RETURN,     /**< Return to running. */
    HP_PHASE_BUILD       /**< Build and prevent. */
} hp_phase;

/** Kind of an exercise. */
typedef enum hp_exercise_kind {
    HP_EXERCISE_STRENGTH = 0,  /**< Strength or stability. */
    HP_EXERCISE_MOBILITY,      /**< Mobility drill or foam rolling. */
    HP_EXERCISE_STRETCH,       /**< Static stretch. */
    HP_EXERCISE_WARM_UP,       /**< Dynamic warm-up. */
    HP_EXERCISE_COOL_DOWN,     /**< Cool-down. */
    HP_EXERCISE_CROSS_TRAINING /**< Low-impact cross-training. */
} hp_exercise_kind;

/** Perceived effort of an exercise. */
typedef enum hp_effort {
    HP_EFFORT_EASY = 0,      /**< Easy. */
    HP_EFFORT_MODERATE,      /**< Moderate. */
    HP_EFFORT_SOMEWHAT_HARD, /**< Somewhat hard. */
    HP_EFFORT_HARD           /**< Hard. */
} hp_effort;

/** Category of an advice item. */
typedef enum hp_advice_category {
    HP_ADVICE_TRAINING = 0,  /**< Training load and structure. */
    HP_ADVICE_FORM,          /**< Running form cue. */
    HP_ADVICE_FOOTWEAR,      /**< Shoes. */
    HP_ADVICE_RECOVERY,      /**< Rest and recovery. */
    HP_ADVICE_PAIN_RELIEF,   /**< Ice, heat, painkillers. */
    HP_ADVICE_CARE,          /**< When and where to seek care. */
    HP_ADVICE_CROSS_TRAINING /**< Other activities. */
} hp_advice_category;

/** Metrics that derived-finding rules compare with a threshold. */
typedef enum hp_metric {
    HP_METRIC_WEEKLY_INCREASE_PCT = 0, /**< Weekly distance change over the previous week, %. */
    HP_METRIC_LONG_RUN_INCREASE_PCT, /**< Longest recent or planned run over the 30-day longest, %.
                                      */
    HP_METRIC_ACUTE_CHRONIC_RATIO,   /**< 7-day over 28-day EWMA of daily distance (uncoupled). */
    HP_METRIC_CADENCE_SPM,           /**< Cadence, steps per minute. */
    HP_METRIC_SHOE_KM,               /**< Distance on the current shoes, km. */
    HP_METRIC_RUN_DAYS_PER_WEEK,     /**< Run days a week. */
    HP_METRIC_AGE,                   /**< Age in years. */
    HP_METRIC_FEMALE,                /**< 1 for a female runner, 0 otherwise. */
    HP_METRIC_COUNT                  /**< Number of metrics (not a metric). */
} hp_metric;

/** Comparison of a derived-finding rule. */
typedef enum hp_compare {
    HP_COMPARE_LT = 0, /**< metric < threshold */
    HP_COMPARE_LE,     /**< metric <= threshold */
    HP_COMPARE_GT,     /**< metric > threshold */
    HP_COMPARE_GE      /**< metric >= threshold */
} hp_compare;

/** Names of texts an entry can carry. */
typedef enum hp_text_field {
    HP_TEXT_LABEL = 0,   /**< Short name. */
    HP_TEXT_DESCRIPTION, /**< Longer description. */
    HP_TEXT_QUESTION,    /**< Yes/no question to the runner (findings). */
    HP_TEXT_MESSAGE,     /**< Red-flag message. */
    HP_TEXT_TEXT,        /**< Advice text. */
    HP_TEXT_CUE,         /**< Form cue (exercises). */
    HP_TEXT_CITATION,    /**< Citation (sources). */
    HP_TEXT_FIELD_COUNT  /**< Number of fields (not a field). */
} hp_text_field;

/** Every enumeration above, for hp_enum_name() and hp_enum_parse(). */
typedef enum hp_enum_type {
    HP_ENUM_ENTITY_KIND = 0, /**< ::hp_entity_kind */
    HP_ENUM_ANSWER,          /**< ::hp_answer ("unknown", "absent", "present") */
    HP_ENUM_FINDING_KIND,    /**< ::hp_finding_kind */
    HP_ENUM_FINDING_GROUP,   /**< ::hp_finding_group */
    HP_ENUM_SERIOUSNESS,     /**< ::hp_seriousness */
    HP_ENUM_TRIAGE,          /**< ::hp_triage_level */
    HP_ENUM_PHASE,           /**< ::hp_phase */
    HP_ENUM_EXERCISE_KIND,   /**< ::hp_exercise_kind */
    HP_ENUM_EFFORT,          /**< ::hp_effort */
    HP_ENUM_ADVICE_CATEGORY, /**< ::hp_advice_category */
    HP_ENUM_METRIC,          /**< ::hp_metric */
    HP_ENUM_COMPARE,         /**< ::hp_compare */
    HP_ENUM_TEXT_FIELD,      /**< ::hp_text_field */
    HP_ENUM_SESSION_KIND,    /**< ::hp_session_kind (plan.h) */
    HP_ENUM_CHECKIN_ACTION,  /**< ::hp_checkin_action (checkin.h) */
    HP_ENUM_TYPE_COUNT       /**< Number of enumerations (not one). */
} hp_enum_type;

/**
 * The stable lowercase name of a value, as used in XML and JSON (e.g. "see_clinician",
 * "risk_factor", "cross_training").
 * @return the name, or NULL if @p value is not a value of @p type.
 */
HP_API const char *hp_enum_name(hp_enum_type type, int value);

/**
 * Parse a name produced by hp_enum_name().
 * @return HP_OK and @p *value set, or HP_E_NOT_FOUND if @p name is not a name of @p type,
 *         HP_E_INVALID if an argument is NULL.
 */
HP_API hp_status hp_enum_parse(hp_enum_type type, const char *name, int *value);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_ENUMS_H */
