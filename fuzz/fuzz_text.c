/* libFuzzer target: a runner's description through the text intake, then applied to a
   profile and assessed. Invariants: spans lie inside the text, answers and confidences
   are in range, each finding is reported once, a failure leaves no result. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hp_ontology *onto;

static void check(const hp_text_result *r, size_t size) {
    size_t n = hp_text_result_finding_count(r);
    for (size_t i = 0; i < n; i++) {
        const hp_text_finding *f = hp_text_result_finding(r, i);
        if (f->offset > size || f->length > size - f->offset || f->length == 0 ||
            f->confidence <= 0 || f->confidence > 1 ||
            (f->answer != HP_ANSWER_PRESENT && f->answer != HP_ANSWER_ABSENT))
            abort();
        for (size_t j = 0; j < i; j++)
            if (hp_text_result_finding(r, j)->finding == f->finding)
                abort();
    }
    for (size_t i = 0; i < hp_text_result_number_count(r); i++) {
        const hp_text_number *m = hp_text_result_number(r, i);
        if (m->offset > size || m->length > size - m->offset)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!onto && hp_ontology_load_default(&onto, NULL) != HP_OK)
        abort();
    hp_text_result *r = (hp_text_result *)&onto;
    hp_error err;
    const char *lang = size && (data[0] & 1) ? "en" : NULL;
    hp_status st = hp_text_parse(onto, (const char *)data, size, lang, &r, &err);
    if (st != HP_OK) {
        if (r || (st != HP_E_PARSE && st != HP_E_LIMIT))
            abort();
        return 0;
    }
    check(r, size);
    size_t tsize = 0;
    if (memcmp(hp_text_result_text(r, &tsize), data, size) || tsize != size)
        abort();
    hp_profile *p = NULL;
    hp_assessment *a = NULL;
    if (hp_profile_new(onto, &p, NULL) != HP_OK || hp_text_result_apply(r, p, &err) != HP_OK ||
        hp_assess(p, &a, &err) != HP_OK)
        abort();
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_text_result_free(r);
    return 0;
}
