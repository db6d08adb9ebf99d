/* libFuzzer target: assess a fuzzed profile against the default ontology, step an
   interview, make a plan and export it every way. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hp_ontology *onto;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!onto && hp_ontology_load_default(&onto, NULL) != HP_OK)
        abort();
    hp_profile *p = NULL;
    if (hp_profile_from_json(onto, (const char *)data, size, "fuzz.json", &p, NULL) != HP_OK)
        return 0;
    hp_assessment *a = NULL;
    if (hp_assess(p, &a, NULL) != HP_OK)
        abort();
    double sum = 0;
    for (size_t i = 0; i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        sum += c.probability;
    }
    if (sum < 0.999999 || sum > 1.000001)
        abort();
    char *text = NULL;
    if (hp_assessment_to_json(a, "es", HP_JSON_PRETTY, &text, NULL) != HP_OK)
        abort();
    hp_string_free(text);
    hp_interview *iv = NULL;
    if (hp_interview_new(NULL, p, NULL, &iv, NULL) != HP_OK)
        abort();
    for (size_t k = 0; k < size % 5 && !hp_interview_done(iv); k++)
        if (hp_interview_answer(iv, (hp_answer)((int)(data[k] % 3) - 1), NULL) != HP_OK)
            abort();
    hp_interview_free(iv);
    hp_plan_options po = {0};
    po.weeks = 1 + (int)(size % 16);
    hp_plan *plan = NULL;
    if (hp_plan_new(a, &po, &plan, NULL) != HP_OK)
        abort();
    char *j = NULL, *m = NULL, *c = NULL;
    if (hp_plan_to_json(plan, 0, &j, NULL) != HP_OK ||
        hp_plan_to_markdown(plan, &m, NULL) != HP_OK || hp_plan_to_ical(plan, &c, NULL) != HP_OK)
        abort();
    hp_string_free(j);
    hp_string_free(m);
    hp_string_free(c);
    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(p);
    return 0;
}
