/* Every query function with NULL arguments, out-of-range indices and invalid kinds:
 * a clear status or a NULL, never a crash. */
#include <string.h>

#include "test_util.h"

TestSuite(api_edges, .fini = hp_test_leak_check);

Test(api_edges, ontology_queries_reject_bad_arguments) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    hp_source_info s;
    hp_finding_info f;
    hp_condition_info c;
    hp_red_flag_info r;
    hp_derived_rule_info d;
    hp_exercise_info x;
    hp_advice_info a;
    hp_evidence_link l;
    hp_treatment_link t;
    hp_contraindication ci;
    const hp_ontology *none = NULL;
    /* NULL ontology */
    cr_assert_eq(hp_ontology_count(none, HP_ENTITY_CONDITION), 0);
    cr_assert_null(hp_ontology_id(none, HP_ENTITY_CONDITION, 0));
    cr_assert_null(hp_ontology_text(none, HP_ENTITY_CONDITION, 0, HP_TEXT_LABEL, NULL));
    cr_assert_null(hp_ontology_sources(none, HP_ENTITY_CONDITION, 0));
    cr_assert_null(hp_ontology_name(none));
    cr_assert_null(hp_ontology_version(none));
    cr_assert_null(hp_ontology_ref(none));
    cr_assert_eq(hp_ontology_lookup(none, "x", NULL, NULL), HP_E_INVALID);
    cr_assert_eq(hp_ontology_index(none, HP_ENTITY_CONDITION, "x"), (size_t)-1);
    cr_assert_eq(hp_ontology_origin(none, HP_ENTITY_CONDITION, 0, NULL, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_source(none, 0, &s), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_finding(none, 0, &f), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_condition(none, 0, &c), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_red_flag(none, 0, &r), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_derived_rule(none, 0, &d), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_exercise(none, 0, &x), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_advice(none, 0, &a), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_evidence(none, 0, 0, &l), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_treatment(none, 0, 0, &t), HP_E_NOT_FOUND);
    cr_assert_eq(hp_finding_treatment(none, 0, 0, &t), HP_E_NOT_FOUND);
    cr_assert_eq(hp_red_flag_finding(none, 0, 0), (size_t)-1);
    cr_assert_eq(hp_exercise_contraindication(none, 0, 0, &ci), HP_E_NOT_FOUND);
    cr_assert_eq(hp_exercise_contraindicated(none, 0, 0), 0);
    /* NULL out */
    cr_assert_eq(hp_ontology_source(o, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_finding(o, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_condition(o, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_red_flag(o, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_derived_rule(o, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_exercise(o, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_advice(o, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_evidence(o, 0, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_treatment(o, 0, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_exercise_contraindication(o, 0, 0, NULL), HP_E_NOT_FOUND);
    /* out of range and invalid kinds */
    for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++) {
        size_t n = hp_ontology_count(o, (hp_entity_kind)k);
        cr_assert_gt(n, 0, "kind %d", k);
        cr_assert_null(hp_ontology_id(o, (hp_entity_kind)k, n));
        cr_assert_null(hp_ontology_sources(o, (hp_entity_kind)k, n));
        cr_assert_eq(hp_ontology_origin(o, (hp_entity_kind)k, n, NULL, NULL), HP_E_NOT_FOUND);
        const char *file = NULL;
        int line = 0;
        cr_assert_eq(hp_ontology_origin(o, (hp_entity_kind)k, 0, &file, &line), HP_OK);
        cr_assert_str_eq(file, "<default>");
        cr_assert_gt(line, 1);
        cr_assert_eq(hp_ontology_origin(o, (hp_entity_kind)k, 0, NULL, NULL), HP_OK);
    }
    cr_assert_eq(hp_ontology_count(o, (hp_entity_kind)-1), 0);
    cr_assert_null(hp_ontology_id(o, (hp_entity_kind)99, 0));
    cr_assert_null(hp_ontology_text(o, (hp_entity_kind)99, 0, HP_TEXT_LABEL, NULL));
    size_t nf = hp_ontology_count(o, HP_ENTITY_FINDING);
    size_t nc = hp_ontology_count(o, HP_ENTITY_CONDITION);
    size_t nx = hp_ontology_count(o, HP_ENTITY_EXERCISE);
    cr_assert_eq(hp_ontology_source(o, hp_ontology_count(o, HP_ENTITY_SOURCE), &s), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_finding(o, nf, &f), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_red_flag(o, hp_ontology_count(o, HP_ENTITY_RED_FLAG), &r),
                 HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_derived_rule(o, hp_ontology_count(o, HP_ENTITY_DERIVED_RULE), &d),
                 HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_exercise(o, nx, &x), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_advice(o, hp_ontology_count(o, HP_ENTITY_ADVICE), &a), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_evidence(o, nc, 0, &l), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_treatment(o, nc, 0, &t), HP_E_NOT_FOUND);
    cr_assert_eq(hp_finding_treatment(o, nf, 0, &t), HP_E_NOT_FOUND);
    cr_assert_eq(hp_red_flag_finding(o, 0, 99), (size_t)-1);
    cr_assert_eq(hp_exercise_contraindication(o, nx, 0, &ci), HP_E_NOT_FOUND);
    cr_assert_eq(hp_exercise_contraindication(o, 0, 99, &ci), HP_E_NOT_FOUND);
    /* an exercise without a progression rule reports none */
    for (size_t e = 0; e < nx; e++) {
        cr_assert_eq(hp_ontology_exercise(o, e, &x), HP_OK);
        if (!x.progression.every_weeks)
            cr_assert_null(x.progression.sources);
    }
    /* texts of fields an entry does not have */
    cr_assert_null(hp_ontology_text(o, HP_ENTITY_SOURCE, 0, HP_TEXT_QUESTION, "de"));
    cr_assert_not_null(hp_ontology_text(o, HP_ENTITY_SOURCE, 0, HP_TEXT_CITATION, "x-y-z"));
    cr_assert_not_null(hp_ontology_text(o, HP_ENTITY_CONDITION, 0, HP_TEXT_LABEL, "-"));
    cr_assert_not_null(hp_ontology_text(o, HP_ENTITY_CONDITION, 0, HP_TEXT_LABEL, "de_AT"));
    hp_ontology_free(o);
}

Test(api_edges, json_export_escapes_every_control_character) {
    /* a label with quotes, backslashes and control characters, through the JSON export */
    const char *xml =
        "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='t' version='1'>"
        "<sources><source id='s'>S</source></sources>"
        "<findings><finding id='f' kind='symptom' group='location' base-rate='0.5' src='s'>"
        "<label>A \"quoted\" \\ back&#x9;tab&#xD;cr&#x1;one</label><question>F?</question>"
        "</finding></findings>"
        "<conditions><condition id='c' prior='1' seriousness='mild' src='s'><label>C</label>"
        "<evidence finding='f' strength='0.7' src='s'/></condition></conditions></ontology>";
    hp_ontology *o = NULL;
    hp_error e = {0};
    /* &#x1; is not allowed in XML 1.0: a clear parse error */
    cr_assert_eq(hp_ontology_load_memory("t.xml", xml, strlen(xml), &o, &e), HP_E_PARSE);
    char fixed[2048];
    snprintf(fixed, sizeof fixed, "%s", xml);
    char *bad = strstr(fixed, "&#x1;");
    memcpy(bad, "&#xA;", 5);
    cr_assert_eq(hp_ontology_load_memory("t.xml", fixed, strlen(fixed), &o, &e), HP_OK, "%s",
                 e.message);
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "f", HP_ANSWER_PRESENT, NULL), HP_OK);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    for (unsigned flags = 0; flags < 2; flags++) {
        char *out = NULL;
        cr_assert_eq(hp_assessment_to_json(a, NULL, flags, &out, NULL), HP_OK);
        /* white space in texts is collapsed at load; quotes and backslashes escaped */
        cr_assert(strstr(out, "A \\\"quoted\\\" \\\\ back tab cr one"), "%s", out);
        hp_string_free(out);
    }
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
}
