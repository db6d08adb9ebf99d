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

static hp_ontology *load_mini(void) {
    char path[1024];
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(
        hp_ontology_load_file(hp_test_path(path, sizeof path, "ontologies/mini.xml"), &o, &e),
        HP_OK, "%s", e.message);
    return o;
}

Test(api_edges, assessment_queries_reject_bad_arguments) {
    hp_ontology *o = load_mini();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "fever", HP_ANSWER_PRESENT, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "groin_pain", HP_ANSWER_PRESENT, NULL), HP_OK);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    cr_assert_eq(hp_assessment_triage(a), HP_TRIAGE_URGENT);
    size_t nr = hp_assessment_reason_count(a), nc = hp_assessment_cause_count(a);
    cr_assert_gt(nr, 0);
    cr_assert_eq(nc, 2);
    hp_triage_reason r;
    hp_cause c;
    hp_evidence ev;
    hp_risk k;
    double v = -1;
    const hp_assessment *none = NULL;
    /* NULL assessment */
    cr_assert_null(hp_assessment_ontology(none));
    cr_assert_null(hp_assessment_profile(none));
    cr_assert_eq(hp_assessment_triage(none), HP_TRIAGE_SELF_CARE);
    cr_assert_eq(hp_assessment_reason_count(none), 0);
    cr_assert_eq(hp_assessment_cause_count(none), 0);
    cr_assert_eq(hp_assessment_risk_count(none), 0);
    cr_assert_eq(hp_assessment_reason(none, 0, &r), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_cause(none, 0, &c), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_evidence(none, 0, 0, &ev), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_risk(none, 0, &k), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_probability(none, 0), 0);
    cr_assert_eq(hp_assessment_metric(none, HP_METRIC_AGE, &v), HP_E_INVALID);
    cr_assert_null(hp_assessment_next_question(none));
    cr_assert_eq(hp_assessment_next_question_gain(none), 0);
    char *json = (char *)1;
    hp_error e = {0};
    cr_assert_eq(hp_assessment_to_json(none, NULL, 0, &json, &e), HP_E_INVALID);
    cr_assert_null(json);
    cr_assert(strstr(e.message, "'assessment' is NULL"), "%s", e.message);
    cr_assert_eq(hp_assessment_to_json(a, NULL, 0, NULL, &e), HP_E_INVALID);
    cr_assert(strstr(e.message, "'out' is NULL"), "%s", e.message);
    /* NULL out */
    cr_assert_eq(hp_assessment_reason(a, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_cause(a, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_evidence(a, 0, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_risk(a, 0, NULL), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_metric(a, HP_METRIC_AGE, NULL), HP_E_INVALID);
    /* out of range */
    cr_assert_eq(hp_assessment_reason(a, nr, &r), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_cause(a, nc, &c), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_evidence(a, nc, 0, &ev), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_cause(a, 0, &c), HP_OK);
    cr_assert_eq(hp_assessment_evidence(a, 0, c.n_evidence, &ev), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_risk(a, hp_assessment_risk_count(a), &k), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_probability(a, nc), 0, "no such condition");
    cr_assert_eq(hp_assessment_metric(a, (hp_metric)-1, &v), HP_E_INVALID);
    cr_assert_eq(hp_assessment_metric(a, HP_METRIC_COUNT, &v), HP_E_INVALID);
    cr_assert_eq(hp_assessment_metric(a, HP_METRIC_AGE, &v), HP_E_NOT_FOUND, "no age given");
    cr_assert_eq(v, -1, "unchanged");
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(api_edges, plan_queries_reject_bad_arguments) {
    hp_ontology *o = load_mini();
    const char *ids[] = {"side_thing"};
    hp_plan *plan = NULL;
    hp_plan_options opt;
    memset(&opt, 0, sizeof opt);
    opt.weeks = 2;
    hp_error e = {0};
    cr_assert_eq(hp_plan_for_conditions(o, ids, 1, NULL, &opt, &plan, &e), HP_OK, "%s", e.message);
    hp_week w;
    hp_day d;
    hp_session s;
    hp_session_item it;
    hp_plan_advice_item adv;
    const hp_plan *none = NULL;
    cr_assert_null(hp_plan_ontology(none));
    cr_assert_eq(hp_plan_ontology(plan), o);
    cr_assert_eq(hp_plan_triage(none), HP_TRIAGE_SELF_CARE);
    cr_assert_eq(hp_plan_week_count(none), 0);
    cr_assert_eq(hp_plan_advice_count(none), 0);
    cr_assert_eq(hp_plan_week(none, 0, &w), HP_E_INVALID);
    cr_assert_eq(hp_plan_day(none, 0, 0, &d), HP_E_INVALID);
    cr_assert_eq(hp_plan_session(none, 0, 0, 0, &s), HP_E_INVALID);
    cr_assert_eq(hp_plan_item(none, 0, 0, 0, 0, &it), HP_E_INVALID);
    cr_assert_eq(hp_plan_advice(none, 0, &adv), HP_E_INVALID);
    cr_assert_eq(hp_plan_week(plan, 0, NULL), HP_E_INVALID);
    cr_assert_eq(hp_plan_day(plan, 0, 0, NULL), HP_E_INVALID);
    cr_assert_eq(hp_plan_session(plan, 0, 0, 0, NULL), HP_E_INVALID);
    cr_assert_eq(hp_plan_item(plan, 0, 0, 0, 0, NULL), HP_E_INVALID);
    cr_assert_eq(hp_plan_advice(plan, 0, NULL), HP_E_INVALID);
    cr_assert_eq(hp_plan_week_count(plan), 2);
    cr_assert_eq(hp_plan_week(plan, 2, &w), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_day(plan, 2, 0, &d), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_day(plan, 0, 7, &d), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_day(plan, 0, 0, &d), HP_OK);
    cr_assert_eq(hp_plan_session(plan, 0, 0, d.n_sessions, &s), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_session(plan, 0, 7, 0, &s), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_session(plan, 0, 0, 0, &s), HP_OK);
    cr_assert_eq(hp_plan_item(plan, 0, 0, 0, s.n_items, &it), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_item(plan, 2, 0, 0, 0, &it), HP_E_NOT_FOUND);
    cr_assert_eq(hp_plan_advice(plan, hp_plan_advice_count(plan), &adv), HP_E_NOT_FOUND);
    hp_plan_free(plan);
    /* hp_plan_for_conditions checks its arguments */
    cr_assert_eq(hp_plan_for_conditions(o, ids, 1, NULL, &opt, NULL, &e), HP_E_INVALID);
    cr_assert(strstr(e.message, "'out' is NULL"), "%s", e.message);
    const char *with_null[] = {"side_thing", NULL};
    plan = (hp_plan *)1;
    cr_assert_eq(hp_plan_for_conditions(o, with_null, 2, NULL, &opt, &plan, &e), HP_E_INVALID);
    cr_assert_null(plan);
    cr_assert(strstr(e.message, "1"), "names the NULL id's index: %s", e.message);
    hp_ontology_free(o);
}

Test(api_edges, interview_queries_and_options) {
    const hp_interview *none = NULL;
    cr_assert_eq(hp_interview_answered(none), 0);
    cr_assert_null(hp_interview_assessment(none));
    cr_assert_null(hp_interview_profile(none));
    cr_assert(hp_interview_done(none));
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    /* zero options mean the defaults */
    hp_interview_options zero = {0, 0, 0};
    hp_interview *iv = NULL, *def = NULL;
    cr_assert_eq(hp_interview_new(o, NULL, &zero, &iv, NULL), HP_OK);
    cr_assert_eq(hp_interview_new(o, NULL, NULL, &def, NULL), HP_OK);
    cr_assert_not_null(hp_interview_question(iv));
    cr_assert_str_eq(hp_interview_question(iv), hp_interview_question(def));
    cr_assert_not_null(hp_interview_profile(iv));
    cr_assert_eq(hp_profile_answered(hp_interview_profile(iv)), 0);
    hp_interview_free(def);
    hp_interview_free(iv);
    /* a profile of another ontology */
    hp_ontology *mini = load_mini();
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(mini, &p, NULL), HP_OK);
    hp_error e = {0};
    iv = (hp_interview *)1;
    cr_assert_eq(hp_interview_new(o, p, NULL, &iv, &e), HP_E_INVALID);
    cr_assert_null(iv);
    cr_assert(strstr(e.message, "another ontology"), "%s", e.message);
    hp_profile_free(p);
    hp_ontology_free(mini);
    /* every finding answered "no": nothing left to ask, and no cause likely enough */
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    for (size_t f = 0; f < hp_ontology_count(o, HP_ENTITY_FINDING); f++)
        cr_assert_eq(hp_profile_set_index(p, f, HP_ANSWER_ABSENT), HP_OK);
    cr_assert_eq(hp_interview_new(NULL, p, NULL, &iv, &e), HP_OK, "%s", e.message);
    cr_assert(hp_interview_done(iv));
    cr_assert_null(hp_interview_question(iv));
    const hp_assessment *a = hp_interview_assessment(iv);
    cr_assert_neq(hp_assessment_triage(a), HP_TRIAGE_URGENT);
    cr_assert_null(hp_assessment_next_question(a));
    cr_assert_eq(hp_assessment_next_question_gain(a), 0);
    cr_assert_eq(hp_interview_answer(iv, HP_ANSWER_PRESENT, &e), HP_E_STATE);
    hp_interview_free(iv);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(api_edges, enums_and_errors_reject_bad_arguments) {
    int v = -7;
    cr_assert_null(hp_enum_name((hp_enum_type)-1, 0));
    cr_assert_null(hp_enum_name(HP_ENUM_TYPE_COUNT, 0));
    cr_assert_null(hp_enum_name(HP_ENUM_TRIAGE, 3));
    cr_assert_null(hp_enum_name(HP_ENUM_ANSWER, -2));
    cr_assert_str_eq(hp_enum_name(HP_ENUM_ANSWER, -1), "unknown");
    cr_assert_eq(hp_enum_parse((hp_enum_type)-1, "urgent", &v), HP_E_INVALID);
    cr_assert_eq(hp_enum_parse(HP_ENUM_TYPE_COUNT, "urgent", &v), HP_E_INVALID);
    cr_assert_eq(hp_enum_parse(HP_ENUM_TRIAGE, NULL, &v), HP_E_INVALID);
    cr_assert_eq(hp_enum_parse(HP_ENUM_TRIAGE, "urgent", NULL), HP_E_INVALID);
    cr_assert_eq(hp_enum_parse(HP_ENUM_TRIAGE, "Urgent", &v), HP_E_NOT_FOUND);
    cr_assert_eq(v, -7, "unchanged");
    cr_assert_eq(hp_enum_parse(HP_ENUM_ANSWER, "absent", &v), HP_OK);
    cr_assert_eq(v, HP_ANSWER_ABSENT);
    /* formatting no error gives an empty string */
    char buf[8] = "xyz";
    cr_assert_eq(hp_error_format(NULL, buf, sizeof buf), 0);
    cr_assert_str_eq(buf, "");
    cr_assert_eq(hp_error_format(NULL, NULL, 0), 0);
    cr_assert_eq(hp_error_format(NULL, buf, 0), 0);
}
