/* Step-by-step questioning over a working profile, re-assessed after each answer. */
#include <string.h>

#include "assess/assessment_internal.h"
#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "hippain/interview.h"

typedef struct step {
    uint32_t finding;
    int8_t previous; /* the answer before this step */
} step;

struct hp_interview {
    const hp_ontology *onto; /* a reference is held */
    hp_interview_options opt;
    hp_profile *profile;
    hp_assessment *assessment;
    uint8_t *asked; /* per finding: asked and answered "don't know" */
    step *steps;
    size_t n_steps, cap_steps;
    long question; /* current question, -1 when done */
    double gain;
};

/* Re-assess and choose the next question. */
static hp_status refresh(hp_interview *iv, hp_error *err) {
    hp_assessment *a = NULL;
    hp_status st = hp_assess(iv->profile, &a, err);
    if (st != HP_OK)
        return st;
    hp_assessment_free(iv->assessment);
    iv->assessment = a;
    iv->question = -1;
    iv->gain = 0;
    if (a->triage == HP_TRIAGE_URGENT || iv->n_steps >= iv->opt.max_questions)
        return HP_OK;
    int red_flag = 0;
    double gain = 0;
    long q = hp__next_question(a, iv->asked, &gain, &red_flag);
    if (q == -2)
        return hp__nomem(err);
    if (q < 0)
        return HP_OK;
    if (!red_flag) {
        double top = 1;
        if (a->n_causes) {
            hp__cause c0;
            hp__cause_at(a, 0, &c0);
            top = c0.probability;
        }
        if (top >= iv->opt.stop_probability || gain < iv->opt.min_gain)
            return HP_OK;
    }
    iv->question = q;
    iv->gain = gain;
    return HP_OK;
}

hp_status hp_interview_new(const hp_ontology *onto, const hp_profile *initial,
                           const hp_interview_options *options, hp_interview **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_interview_new: 'out' is NULL");
    *out = NULL;
    if (!onto && !initial)
        return hp__error(err, HP_E_INVALID, "hp_interview_new: give an ontology or a profile");
    if (initial && onto && initial->onto != onto)
        return hp__error(err, HP_E_INVALID,
                         "hp_interview_new: the profile belongs to another ontology");
    const hp_ontology *o = initial ? initial->onto : onto;
    hp_interview *iv = hp__calloc(&o->alloc, 1, sizeof *iv);
    if (!iv)
        return hp__nomem(err);
    iv->onto = hp_ontology_ref(o);
    iv->opt.stop_probability = 0.8;
    iv->opt.min_gain = 0.02;
    iv->opt.max_questions = 25;
    if (options) {
        if (options->stop_probability > 0)
            iv->opt.stop_probability = options->stop_probability;
        if (options->min_gain > 0)
            iv->opt.min_gain = options->min_gain;
        if (options->max_questions > 0)
            iv->opt.max_questions = options->max_questions;
    }
    hp_status st = initial ? hp_profile_copy(initial, &iv->profile, err)
                           : hp_profile_new(o, &iv->profile, err);
    if (st == HP_OK) {
        iv->asked = hp__calloc(&o->alloc, o->n_findings ? o->n_findings : 1, 1);
        st = iv->asked ? refresh(iv, err) : hp__nomem(err);
    }
    if (st != HP_OK) {
        hp_interview_free(iv);
        return st;
    }
    *out = iv;
    return HP_OK;
}

void hp_interview_free(hp_interview *iv) {
    if (!iv)
        return;
    const hp_ontology *o = iv->onto;
    hp_assessment_free(iv->assessment);
    hp_profile_free(iv->profile);
    hp__free(&o->alloc, iv->asked);
    hp__free(&o->alloc, iv->steps);
    hp__free(&o->alloc, iv);
    hp_ontology_free(o);
}

const char *hp_interview_question(const hp_interview *iv) {
    if (!iv || iv->question < 0)
        return NULL;
    return hp_ontology_id(iv->onto, HP_ENTITY_FINDING, (size_t)iv->question);
}

hp_status hp_interview_answer(hp_interview *iv, hp_answer answer, hp_error *err) {
    if (!iv)
        return hp__error(err, HP_E_INVALID, "hp_interview_answer: 'interview' is NULL");
    if (iv->question < 0)
        return hp__error(err, HP_E_STATE, "the interview is done: there is no question to answer");
    if (answer != HP_ANSWER_PRESENT && answer != HP_ANSWER_ABSENT && answer != HP_ANSWER_UNKNOWN)
        return hp__error(err, HP_E_INVALID, "invalid answer %d", (int)answer);
    if (!hp__grow(&iv->onto->alloc, (void **)&iv->steps, &iv->cap_steps, iv->n_steps + 1,
                  sizeof *iv->steps))
        return hp__nomem(err);
    uint32_t f = (uint32_t)iv->question;
    step s = {f, iv->profile->answers[f]};
    hp_profile_set_index(iv->profile, f, answer);
    if (answer == HP_ANSWER_UNKNOWN)
        iv->asked[f] = 1;
    iv->steps[iv->n_steps++] = s;
    hp_status st = refresh(iv, err);
    if (st != HP_OK) { /* undo, so the interview stays as it was */
        iv->n_steps--;
        hp_profile_set_index(iv->profile, f, (hp_answer)s.previous);
        iv->asked[f] = 0;
        iv->question = f;
    }
    return st;
}

hp_status hp_interview_back(hp_interview *iv, hp_error *err) {
    if (!iv)
        return hp__error(err, HP_E_INVALID, "hp_interview_back: 'interview' is NULL");
    if (!iv->n_steps)
        return hp__error(err, HP_E_STATE, "nothing to go back to");
    step s = iv->steps[--iv->n_steps];
    int8_t undone = iv->profile->answers[s.finding];
    hp_profile_set_index(iv->profile, s.finding, (hp_answer)s.previous);
    uint8_t was_asked = iv->asked[s.finding];
    iv->asked[s.finding] = 0;
    hp_status st = refresh(iv, err);
    if (st != HP_OK) {
        hp_profile_set_index(iv->profile, s.finding, (hp_answer)undone);
        iv->asked[s.finding] = was_asked;
        iv->n_steps++;
        return st;
    }
    /* going back asks that question again */
    iv->question = s.finding;
    return HP_OK;
}

int hp_interview_done(const hp_interview *iv) { return !iv || iv->question < 0; }

size_t hp_interview_answered(const hp_interview *iv) { return iv ? iv->n_steps : 0; }

const hp_assessment *hp_interview_assessment(const hp_interview *iv) {
    return iv ? iv->assessment : NULL;
}

const hp_profile *hp_interview_profile(const hp_interview *iv) { return iv ? iv->profile : NULL; }
