/* The layout of a profile, shared by the profile, assessment and plan code. */
#ifndef HIPPAIN_LIB_PROFILE_INTERNAL_H
#define HIPPAIN_LIB_PROFILE_INTERNAL_H

#include <stdint.h>

#include "hippain/profile.h"
#include "model.h"

struct hp_profile {
    const hp_ontology *onto;   /* a reference is held */
    int8_t *answers;           /* one hp_answer per finding of onto */
    size_t n_answered;         /* answers that are not HP_ANSWER_UNKNOWN */
    double runner[HP_RUNNER_FIELD_COUNT];
    unsigned runner_set;       /* bit f set when runner[f] holds a value */
    hp_sex sex;
    hp_foot_strike foot_strike;
    hp_run *runs;              /* in the order added */
    size_t n_runs, cap_runs;
    int as_of;                 /* reference date of the run log, days since 1970 */
    int has_as_of;
};

#endif
