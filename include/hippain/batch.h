/**
 * @file batch.h
 * @brief Many runners at once: the probabilities of every condition for each row of a
 * matrix of answers (survey data), without building assessments.
 */
#ifndef HIPPAIN_BATCH_H
#define HIPPAIN_BATCH_H

#include <stddef.h>

#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/ontology.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The probability of every condition for each row of a matrix of answers: for each row,
 * the probabilities hp_assess() gives a profile holding that row's answers and nothing
 * else (no runner numbers and no run log, so no derived findings), computed directly from
 * the ontology's model. Equal to hp_assessment_probability() of such an assessment up to
 * rounding (about 1e-15); several times faster, with one allocation per call and none
 * per row.
 *
 * Triage, ranked causes and evidence need hp_assess().
 *
 * @param onto          the ontology.
 * @param answers       @p rows x @p cols answers, row-major, each an ::hp_answer value:
 *                      1 (present), 0 (absent) or -1 (unknown). May be NULL when
 *                      @p rows or @p cols is 0.
 * @param rows          number of rows (runners); 0 is allowed.
 * @param cols          number of columns; 0 is allowed (every row gets the priors).
 * @param columns       the finding index of each column (@p cols entries, each less than
 *                      hp_ontology_count(onto, HP_ENTITY_FINDING), none twice). May be
 *                      NULL when @p cols is 0.
 * @param probabilities receives @p rows x hp_ontology_count(onto, HP_ENTITY_CONDITION)
 *                      doubles, row-major, conditions in index order; each row sums to 1.
 *                      May be NULL when there are no rows or no conditions.
 * @param err           optional error details.
 * @return HP_OK; HP_E_INVALID for a NULL argument, a column that is not a finding index
 *         or names a finding twice, or an answer other than -1, 0 and 1 (the message
 *         names its row and column, counted from 0); HP_E_LIMIT when the matrix or the
 *         output is too large to address; HP_E_NOMEM. On failure the contents of
 *         @p probabilities are unspecified.
 */
HP_API hp_status hp_assess_matrix(const hp_ontology *onto, const signed char *answers, size_t rows,
                                  size_t cols, const size_t *columns, double *probabilities,
                                  hp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_BATCH_H */
