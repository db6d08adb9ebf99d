/* The layout of an assessment, shared by assessment, interview and plan code. */
#ifndef HIPPAIN_LIB_ASSESSMENT_INTERNAL_H
#define HIPPAIN_LIB_ASSESSMENT_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "hippain/assessment.h"
#include "ontology/model.h"
#include "profile/profile_internal.h"

typedef struct hp__cause {
    uint32_t condition;
    double probability;
    double score;
} hp__cause;

typedef struct hp__evidence {
    uint32_t finding;
    uint32_t link; /* index into onto->links */
    int8_t answer;
    uint8_t derived;
    double weight;
} hp__evidence;

typedef struct hp__reason {
    uint8_t level;
    int32_t rule;      /* red-flag index or -1 */
    int32_t condition; /* condition index or -1 */
    size_t findings;   /* offset into text pool: space-separated ids */
    size_t text;       /* offset into text pool; HP__NO_TEXT for a red flag's reason, whose
                          text is the rule's message in the ontology */
    hp__str sources;
} hp__reason;
#define HP__NO_TEXT SIZE_MAX

/* A don't-miss entry: a condition named by the reasons (see dont_miss.c). */
typedef struct hp__dont_miss {
    uint32_t condition;
    uint8_t level;      /* the most urgent of its reasons */
    uint32_t n_reasons; /* reasons whose condition it is */
} hp__dont_miss;

typedef struct hp__risk {
    uint32_t rule; /* derived-rule index */
    double value;
    size_t text; /* offset into text pool */
} hp__risk;

/* An answer of the assessed profile (derived findings applied). */
typedef struct hp__answer {
    uint32_t finding;
    int8_t answer;   /* HP_ANSWER_PRESENT or HP_ANSWER_ABSENT */
    uint8_t derived; /* 1 if it comes from a derived-finding rule */
} hp__answer;

/*
 * An assessment touches only what the profile says: the conditions linked to an answered
 * finding ("touched") are ranked with their evidence; every other condition keeps its
 * prior, and they follow onto->prior_order, each with probability exp(log_prior - top) / z.
 * The ranked list of all causes is the merge of the two (see hp__cause_at()). Evidence is
 * found again from the answers when asked for (hp__evidence_at()). Everything but the
 * reasons, the texts and the profile lives in one allocation.
 */
struct hp_assessment {
    const hp_ontology *onto;       /* a reference is held */
    _Atomic(hp_profile *) profile; /* the profile as assessed, built on first use */
    hp__answer *answers;           /* by ascending finding */
    size_t n_answers;
    /* per finding, 1 + its index in answers (0: unanswered) when the ontology is small
       enough for a plain array (ANSWER_INDEX_MAX findings); NULL otherwise (binary
       search) */
    uint16_t *answer_index;
    /* the rest of the profile, for building it */
    double runner[HP_RUNNER_FIELD_COUNT];
    unsigned runner_set;
    hp_sex sex;
    hp_foot_strike foot_strike;
    hp_run *runs;
    hp_run_details *details; /* one per run */
    size_t n_runs;
    int as_of, has_as_of;

    hp_triage_level triage;
    size_t n_causes;   /* every condition of the ontology */
    hp__cause *causes; /* the touched causes, most likely first */
    size_t n_touched;
    /* condition -> index into causes: per condition (UINT32_MAX when untouched) for small
       ontologies, else open addressing with condition + 1 as the key */
    uint32_t *dense;
    uint32_t *keys, *vals;
    size_t mask;
    uint32_t *ranks; /* prior ranks of the touched conditions, ascending */
    /* per presentation of the ontology: its log share plus what its own links add for the
       answers; a condition with presentations scores the log-sum-exp of its presentations'
       (see hp__presentation_probability()) */
    double *presentation_scores;
    double top, z;          /* probability of score s: exp(s - top) / z */
    double untouched_scale; /* about exp(-top) / z: prior * it ~ an untouched probability */
    /* reasons and the don't-miss list start in the arena (REASONS_INLINE entries each) and
       move to allocations of their own when they outgrow it */
    hp__reason *reasons;
    size_t n_reasons, reasons_cap;
    hp__dont_miss *dont_miss; /* most urgent, then most probable first */
    size_t n_dont_miss, dont_miss_cap;
    int reasons_owned, dont_miss_owned;
    hp__risk *risks;
    size_t n_risks;
    double metrics[HP_METRIC_COUNT];
    unsigned metrics_known; /* bit m set when metrics[m] is known */
    char *pool;             /* NUL-separated texts of reasons and risks */
    size_t pool_size;
    int pool_owned; /* pool is an allocation of its own, not in the arena */
};

/* Cause i of the ranked list (0 <= i < n_causes); untouched causes have no evidence. */
void hp__cause_at(const hp_assessment *a, size_t i, hp__cause *out);

/* Evidence of a condition: how many items, and item j (strongest first); 0 if none. */
size_t hp__evidence_count(const hp_assessment *a, size_t condition);
int hp__evidence_at(const hp_assessment *a, size_t condition, size_t j, hp__evidence *out);

/* P(presentation p | its condition, the answers): p is an index into onto->presentations. */
double hp__presentation_probability(const hp_assessment *a, uint32_t p);

/* The most probable presentation of condition c (ties: the first), or HP__NO_PRESENTATION
   when it has none. */
uint32_t hp__leading_presentation(const hp_assessment *a, size_t c);

/* Probability of a condition index (0 if out of range). */
double hp__condition_probability(const hp_assessment *a, size_t condition);

/* Position of a condition among the ranked causes (0 is the most likely). */
size_t hp__cause_rank(const hp_assessment *a, size_t condition);

/*
 * How red flag r stands: the number of its groups with no present finding (0: it fires),
 * or -1 when one of them cannot be satisfied any more (all its findings absent, or unknown
 * and skipped; `skip` may be NULL). *first_unknown receives the first unknown finding of
 * the first open group, or -1.
 */
long hp__red_flag_open_groups(const hp_assessment *a, size_t r, const uint8_t *skip,
                              long *first_unknown);

/* The don't-miss list from the sorted reasons (dont_miss.c); HP_E_NOMEM or HP_OK. */
hp_status hp__dont_miss_build(hp_assessment *a);

/* The answer to finding f in the assessed profile. */
hp_answer hp__assessed_answer(const hp_assessment *a, size_t f);

/* The profile as assessed (built on first use); NULL if memory runs out. */
const hp_profile *hp__assessment_profile(const hp_assessment *a);

/*
 * The best next question of an assessment, skipping findings whose `skip` byte is set
 * (may be NULL). Returns the finding index or -1; *gain receives the information gain in
 * bits (0 for a red-flag question, which always comes first).
 */
long hp__next_question(const hp_assessment *a, const uint8_t *skip, double *gain, int *red_flag);

#endif
