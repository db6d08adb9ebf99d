/* The layout of a profile, shared by the profile, assessment and plan code. */
#ifndef HIPPAIN_LIB_PROFILE_INTERNAL_H
#define HIPPAIN_LIB_PROFILE_INTERNAL_H

#include <stdint.h>

#include "hippain/profile.h"
#include "ontology/model.h"

struct hp_profile {
    const hp_ontology *onto;   /* a reference is held */
    int8_t *answers;           /* one hp_answer per finding of onto */
    uint64_t *answered_blocks; /* bit b set once a finding in 64 * b .. 64 * b + 63 was
                                  answered (never cleared); in the answers' allocation */
    size_t n_answered;         /* answers that are not HP_ANSWER_UNKNOWN */
    double runner[HP_RUNNER_FIELD_COUNT];
    unsigned runner_set; /* bit f set when runner[f] holds a value */
    hp_sex sex;
    hp_foot_strike foot_strike;
    hp_run *runs;            /* in the order added */
    hp_run_details *details; /* one per run, capacity cap_details */
    size_t cap_details;
    size_t n_runs, cap_runs;
    int as_of; /* reference date of the run log, days since 1970 */
    int has_as_of;
};

/* Bytes of the answers' allocation: the answers, then the answered_blocks bitmap. */
static inline size_t hp__answers_bytes(size_t n_findings, size_t *bitmap_offset) {
    size_t off = (n_findings + 7) & ~(size_t)7;
    size_t words = ((n_findings + 63) / 64 + 63) / 64;
    if (bitmap_offset)
        *bitmap_offset = off;
    return off + words * sizeof(uint64_t);
}

/* Mark finding f as answered in the bitmap. */
static inline void hp__mark_answered(hp_profile *p, size_t f) {
    p->answered_blocks[f / 4096] |= (uint64_t)1 << (f / 64 % 64);
}

/* Metrics computed from a profile (profile/metrics.c). Sets *known bit per metric. */
void hp__compute_metrics(const hp_profile *p, double metrics[HP_METRIC_COUNT], unsigned *known);

#endif
