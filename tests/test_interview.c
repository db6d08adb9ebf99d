/* The interview: stepping, going back, "don't know", stopping, and convergence to each
 * condition's typical runner. */
#include <string.h>

#include "test_util.h"

TestSuite(interview, .fini = hp_test_leak_check);

/* The typical runner with condition c answers yes to what is usual with it. */
static hp_answer truthful(const hp_ontology *o, size_t c, const char *finding) {
    size_t f = hp_ontology_index(o, HP_ENTITY_FINDING, finding);
    hp_condition_info ci;
    hp_ontology_condition(o, c, &ci);
    for (size_t j = 0; j < ci.n_evidence; j++) {
        hp_evidence_link l;
        hp_condition_evidence(o, c, j, &l);
        if (l.finding == f)
            return l.strength >= 0.5 ? HP_ANSWER_PRESENT : HP_ANSWER_ABSENT;
    }
    return HP_ANSWER_ABSENT;
}

Test(interview, converges_to_each_typical_runner) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    size_t nc = hp_ontology_count(o, HP_ENTITY_CONDITION), top1 = 0;
    hp_interview_options opt = {0.8, 0.02, 40};
    for (size_t c = 0; c < nc; c++) {
        const char *want = hp_ontology_id(o, HP_ENTITY_CONDITION, c);
        hp_interview *iv = NULL;
        cr_assert_eq(hp_interview_new(o, NULL, &opt, &iv, NULL), HP_OK);
        size_t asked = 0;
        while (!hp_interview_done(iv)) {
            const char *q = hp_interview_question(iv);
            cr_assert_not_null(q);
            cr_assert_eq(hp_interview_answer(iv, truthful(o, c, q), NULL), HP_OK);
            asked++;
            cr_assert_leq(asked, 40, "%s: the interview stops", want);
        }
        const hp_assessment *a = hp_interview_assessment(iv);
        int rank = 0;
        for (size_t i = 0; i < 3; i++) {
            hp_cause cause;
            hp_assessment_cause(a, i, &cause);
            if (strcmp(cause.id, want) == 0)
                rank = (int)i + 1;
        }
        hp_condition_info ci;
        hp_ontology_condition(o, c, &ci);
        /* an urgent answer ends the interview at once: the runner must go to care */
        int urgent_stop =
            hp_assessment_triage(a) == HP_TRIAGE_URGENT && ci.seriousness >= HP_SERIOUSNESS_SERIOUS;
        cr_expect(rank >= 1 || urgent_stop, "%s: not in the top 3 after %zu questions", want,
                  asked);
        if (urgent_stop && rank == 0)
            rank = 1;
        top1 += rank == 1;
        cr_assert_eq(hp_interview_answered(iv), asked);
        hp_interview_free(iv);
    }
    cr_expect_geq(top1 * 10, nc * 7, "top-1 after the interview: %zu of %zu", top1, nc);
    hp_ontology_free(o);
}

Test(interview, back_and_dont_know) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    hp_interview *iv = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_interview_new(o, NULL, NULL, &iv, &e), HP_OK);
    cr_assert_eq(hp_interview_back(iv, &e), HP_E_STATE, "nothing to undo yet");
    char first[128];
    snprintf(first, sizeof first, "%s", hp_interview_question(iv));
    cr_assert_eq(hp_interview_answer(iv, HP_ANSWER_UNKNOWN, &e), HP_OK);
    cr_assert_str_neq(hp_interview_question(iv), first, "a don't-know is not asked again");
    cr_assert_eq(hp_profile_get(hp_interview_profile(iv), first), HP_ANSWER_UNKNOWN);
    cr_assert_eq(hp_interview_answer(iv, HP_ANSWER_PRESENT, &e), HP_OK);
    cr_assert_eq(hp_interview_answered(iv), 2);
    cr_assert_eq(hp_interview_back(iv, &e), HP_OK);
    cr_assert_eq(hp_interview_back(iv, &e), HP_OK);
    cr_assert_str_eq(hp_interview_question(iv), first, "back asks the question again");
    cr_assert_eq(hp_interview_answered(iv), 0);
    cr_assert_eq(hp_interview_answer(iv, (hp_answer)7, &e), HP_E_INVALID);
    hp_interview_free(iv);
    hp_ontology_free(o);
}

Test(interview, starts_from_a_profile_and_stops_when_urgent) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    hp_profile_set(p, "unable_to_bear_weight", HP_ANSWER_PRESENT, NULL);
    hp_interview *iv = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_interview_new(NULL, p, NULL, &iv, &e), HP_OK, "%s", e.message);
    hp_profile_free(p);
    cr_assert(hp_interview_done(iv));
    cr_assert_null(hp_interview_question(iv));
    cr_assert_eq(hp_assessment_triage(hp_interview_assessment(iv)), HP_TRIAGE_URGENT);
    cr_assert_eq(hp_interview_answer(iv, HP_ANSWER_PRESENT, &e), HP_E_STATE);
    cr_assert(strstr(e.message, "done"), "%s", e.message);
    hp_interview_free(iv);
    hp_ontology_free(o);
}

Test(interview, bad_arguments) {
    hp_interview *iv = (hp_interview *)1;
    cr_assert_eq(hp_interview_new(NULL, NULL, NULL, &iv, NULL), HP_E_INVALID);
    cr_assert_null(iv);
    cr_assert_eq(hp_interview_new(NULL, NULL, NULL, NULL, NULL), HP_E_INVALID);
    hp_ontology *a = NULL, *b = NULL;
    cr_assert_eq(hp_ontology_load_default(&a, NULL), HP_OK);
    cr_assert_eq(hp_ontology_load_default(&b, NULL), HP_OK);
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(a, &p, NULL), HP_OK);
    cr_assert_eq(hp_interview_new(b, p, NULL, &iv, NULL), HP_E_INVALID,
                 "profile of another ontology");
    cr_assert(hp_interview_done(NULL));
    cr_assert_null(hp_interview_question(NULL));
    cr_assert_eq(hp_interview_answer(NULL, HP_ANSWER_PRESENT, NULL), HP_E_INVALID);
    cr_assert_eq(hp_interview_back(NULL, NULL), HP_E_INVALID);
    hp_interview_free(NULL);
    hp_profile_free(p);
    hp_ontology_free(a);
    hp_ontology_free(b);
}
