/* Running the vignettes of tests/data/vignettes.json against an ontology. */
#ifndef HP_TEST_VIGNETTES_H
#define HP_TEST_VIGNETTES_H

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include <hippain/hippain.h>

typedef struct hp_vignette_result {
    const char *name;
    const char *expect_cause;
    const char *expect_triage;
    int rank; /* 1-based rank of the expected cause, 0 if absent */
    int triage_ok;
    const char *top_cause;
    hp_triage_level triage;
} hp_vignette_result;

/* Assess one vignette object; returns HP_OK and fills *r. */
static inline hp_status hp_vignette_run(const hp_ontology *o, json_t *v, hp_vignette_result *r,
                                        hp_error *err) {
    memset(r, 0, sizeof *r);
    r->name = json_string_value(json_object_get(v, "name"));
    r->expect_cause = json_string_value(json_object_get(v, "expect_top3"));
    r->expect_triage = json_string_value(json_object_get(v, "expect_triage"));
    char *text = json_dumps(json_object_get(v, "profile"), JSON_COMPACT);
    hp_profile *p = NULL;
    hp_status st = hp_profile_from_json(o, text, strlen(text), r->name, &p, err);
    free(text);
    if (st != HP_OK)
        return st;
    hp_assessment *a = NULL;
    st = hp_assess(p, &a, err);
    hp_profile_free(p);
    if (st != HP_OK)
        return st;
    for (size_t i = 0; i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        if (i == 0)
            r->top_cause = hp_ontology_id(o, HP_ENTITY_CONDITION, c.condition);
        if (strcmp(c.id, r->expect_cause) == 0)
            r->rank = (int)i + 1;
    }
    r->triage = hp_assessment_triage(a);
    r->triage_ok = strcmp(hp_enum_name(HP_ENUM_TRIAGE, r->triage), r->expect_triage) == 0;
    hp_assessment_free(a);
    return HP_OK;
}

#endif
