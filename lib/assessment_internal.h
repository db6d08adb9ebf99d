/* The layout of an assessment, shared by assessment, interview and plan code. */
#ifndef HIPPAIN_LIB_ASSESSMENT_INTERNAL_H
#define HIPPAIN_LIB_ASSESSMENT_INTERNAL_H

#include <stdint.h>

#include "hippain/assessment.h"
#include "model.h"
#include "profile_internal.h"

typedef struct hp__cause {
    uint32_t condition;
    double probability;
    double score;
    hp__range evidence;       /* into hp_assessment.evidence */
} hp__cause;

typedef struct hp__evidence {
    uint32_t finding;
    uint32_t link;            /* index into onto->links */
    int8_t answer;
    uint8_t derived;
    double weight;
} hp__evidence;

typedef struct hp__reason {
    uint8_t level;
    int32_t rule;             /* red-flag index or -1 */
    int32_t condition;        /* condition index or -1 */
    size_t findings;          /* offset into text pool: space-separated ids */
    size_t text;              /* offset into text pool */
    hp__str sources;
} hp__reason;

typedef struct hp__risk {
    uint32_t rule;            /* derived-rule index */
    double value;
    size_t text;              /* offset into text pool */
} hp__risk;

struct hp_assessment {
    const hp_ontology *onto;  /* a reference is held */
    hp_profile *profile;      /* the profile as assessed, derived findings applied */
    uint8_t *derived;         /* per finding: 1 if the answer comes from a rule */
    hp_triage_level triage;
    hp__cause *causes;        /* most likely first */
    size_t n_causes;
    hp__evidence *evidence;
    size_t n_evidence;
    hp__reason *reasons;
    size_t n_reasons;
    hp__risk *risks;
    size_t n_risks;
    double metrics[HP_METRIC_COUNT];
    unsigned metrics_known;   /* bit m set when metrics[m] is known */
    char *pool;               /* NUL-separated texts of reasons and risks */
    size_t pool_size;
};

/* Metrics computed from a profile (metrics.c). Sets *known bit per metric. */
void hp__compute_metrics(const hp_profile *p, double metrics[HP_METRIC_COUNT], unsigned *known);

/*
 * The best next question of an assessment, skipping findings whose `skip` byte is set
 * (may be NULL). Returns the finding index or -1; *gain receives the information gain in
 * bits (0 for a red-flag question, which always comes first).
 */
long hp__next_question(const hp_assessment *a, const uint8_t *skip, double *gain, int *red_flag);

#endif
