/* Assessment: vignettes, red flags, training-load rules at their thresholds, ranking
 * properties, evidence, determinism, next question and error paths. */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "test_util.h"
#include "vignettes.h"

TestSuite(assessment, .fini = hp_test_leak_check);

static hp_ontology *onto;

static void setup_default(void) { cr_assert_eq(hp_ontology_load_default(&onto, NULL), HP_OK); }
static void teardown(void) {
    hp_ontology_free(onto);
    onto = NULL;
    hp_test_leak_check();
}

static hp_assessment *assess_json(const char *json) { return hp_test_assess_json(onto, json); }

static int has_risk(const hp_assessment *a, const char *finding, double *value) {
    for (size_t i = 0; i < hp_assessment_risk_count(a); i++) {
        hp_risk r;
        hp_assessment_risk(a, i, &r);
        if (strcmp(r.finding, finding) == 0) {
            if (value)
                *value = r.value;
            cr_assert(r.text && *r.text);
            cr_assert(r.sources && *r.sources);
            return 1;
        }
    }
    return 0;
}

/* ---- Vignettes ------------------------------------------------------------------------- */

Test(assessment, vignettes_rank_expected_cause_in_top3_and_triage, .init = setup_default,
     .fini = teardown) {
    char path[1024];
    json_error_t jerr;
    json_t *all = json_load_file(hp_test_path(path, sizeof path, "vignettes.json"), 0, &jerr);
    cr_assert(json_is_array(all), "%s", jerr.text);
    cr_assert_geq(json_array_size(all), 30);
    int levels[3] = {0};
    size_t n_conditions = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    int covered[64] = {0};
    cr_assert_leq(n_conditions, 64);
    for (size_t i = 0; i < json_array_size(all); i++) {
        hp_vignette_result r;
        hp_error e = {0};
        cr_assert_eq(hp_vignette_run(onto, json_array_get(all, i), &r, &e), HP_OK, "%s", e.message);
        cr_expect(r.rank >= 1 && r.rank <= 3, "%s: %s ranked %d", r.name, r.expect_cause, r.rank);
        cr_expect(r.triage_ok, "%s: triage %s, expected %s", r.name,
                  hp_enum_name(HP_ENUM_TRIAGE, r.triage), r.expect_triage);
        levels[r.triage]++;
        size_t c = hp_ontology_index(onto, HP_ENTITY_CONDITION, r.expect_cause);
        cr_assert_neq(c, (size_t)-1, "%s", r.expect_cause);
        covered[c] = 1;
    }
    for (size_t c = 0; c < n_conditions; c++)
        cr_expect(covered[c], "no vignette for %s", hp_ontology_id(onto, HP_ENTITY_CONDITION, c));
    for (int l = 0; l < 3; l++)
        cr_expect_gt(levels[l], 0, "no vignette at level %d", l);
    json_decref(all);
}

/* ---- Red flags ------------------------------------------------------------------------- */

Test(assessment, every_red_flag_forces_at_least_its_level, .init = setup_default,
     .fini = teardown) {
    size_t nrf = hp_ontology_count(onto, HP_ENTITY_RED_FLAG);
    cr_assert_gt(nrf, 5);
    for (size_t r = 0; r < nrf; r++) {
        hp_red_flag_info info;
        hp_ontology_red_flag(onto, r, &info);
        hp_profile *p = NULL;
        cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
        /* the rule's findings, and against everything else that would argue for urgency */
        for (size_t j = 0; j < info.n_findings; j++)
            hp_profile_set_index(p, hp_red_flag_finding(onto, r, j), HP_ANSWER_PRESENT);
        hp_assessment *a = NULL;
        cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
        cr_expect_geq(hp_assessment_triage(a), info.level, "rule %s: triage %d < %d", info.id,
                      hp_assessment_triage(a), info.level);
        int named = 0;
        for (size_t i = 0; i < hp_assessment_reason_count(a); i++) {
            hp_triage_reason why;
            hp_assessment_reason(a, i, &why);
            if (why.rule && strcmp(why.rule, info.id) == 0) {
                named = 1;
                cr_expect_eq(why.level, info.level);
                cr_expect(why.text && *why.text && why.sources && *why.sources);
                const char *first =
                    hp_ontology_id(onto, HP_ENTITY_FINDING, hp_red_flag_finding(onto, r, 0));
                cr_expect(strstr(why.findings, first), "%s names %s", info.id, first);
            }
        }
        cr_expect(named, "rule %s is among the reasons", info.id);
        /* the same profile with the rule's first group absent does not fire it */
        for (size_t j = 0; j < info.n_findings && hp_red_flag_group(onto, r, j) == 0; j++)
            hp_profile_set_index(p, hp_red_flag_finding(onto, r, j), HP_ANSWER_ABSENT);
        hp_assessment *b = NULL;
        cr_assert_eq(hp_assess(p, &b, NULL), HP_OK);
        for (size_t i = 0; i < hp_assessment_reason_count(b); i++) {
            hp_triage_reason why;
            hp_assessment_reason(b, i, &why);
            cr_expect(!why.rule || strcmp(why.rule, info.id) != 0, "%s still fires", info.id);
        }
        hp_assessment_free(b);
        hp_assessment_free(a);
        hp_profile_free(p);
    }
}

/* Every red flag at once: the reasons' texts outgrow the assessment's inline text storage
   and move to an allocation of their own; each must still read back whole. */
Test(assessment, many_reasons_keep_their_texts, .init = setup_default, .fini = teardown) {
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    size_t nrf = hp_ontology_count(onto, HP_ENTITY_RED_FLAG);
    for (size_t r = 0; r < nrf; r++) {
        hp_red_flag_info info;
        hp_ontology_red_flag(onto, r, &info);
        for (size_t j = 0; j < info.n_findings; j++)
            hp_profile_set_index(p, hp_red_flag_finding(onto, r, j), HP_ANSWER_PRESENT);
    }
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    size_t total = 0, rules = 0;
    for (size_t i = 0; i < hp_assessment_reason_count(a); i++) {
        hp_triage_reason why;
        cr_assert_eq(hp_assessment_reason(a, i, &why), HP_OK);
        total += strlen(why.text) + strlen(why.findings) + 2;
        if (!why.rule)
            continue;
        rules++;
        size_t r = hp_ontology_index(onto, HP_ENTITY_RED_FLAG, why.rule);
        cr_assert_str_eq(why.text,
                         hp_ontology_text(onto, HP_ENTITY_RED_FLAG, r, HP_TEXT_MESSAGE, NULL));
    }
    cr_expect_eq(rules, nrf, "every rule fires");
    cr_expect_gt(total, 4096, "the texts are long enough to leave the inline storage");
    hp_assessment_free(a);
    hp_profile_free(p);
}

Test(assessment, suspected_serious_causes_raise_triage, .init = setup_default, .fini = teardown) {
    /* no red flag fires here: the stress fracture suspicion alone asks for a clinician */
    hp_assessment *a = assess_json(
        "{\"findings\":{\"pain_groin\":true,\"pain_deep_ache\":true,\"worse_with_activity\":true,"
        "\"improves_with_rest\":true,\"worse_weight_bearing\":true,\"onset_gradual\":true,"
        "\"previous_stress_fracture\":true,\"menstrual_irregularity\":true},"
        "\"runner\":{\"sex\":\"female\",\"weekly_km\":60,\"previous_weekly_km\":40}}");
    hp_cause top;
    hp_assessment_cause(a, 0, &top);
    cr_assert_str_eq(top.id, "stress_fracture");
    cr_assert(top.suspected);
    cr_assert_geq(hp_assessment_triage(a), HP_TRIAGE_SEE_CLINICIAN);
    int by_condition = 0;
    for (size_t i = 0; i < hp_assessment_reason_count(a); i++) {
        hp_triage_reason why;
        hp_assessment_reason(a, i, &why);
        if (why.condition && strcmp(why.condition, "stress_fracture") == 0)
            by_condition = 1;
        if (i > 0) {
            hp_triage_reason prev;
            hp_assessment_reason(a, i - 1, &prev);
            cr_assert_geq(prev.level, why.level, "most urgent first");
        }
    }
    cr_assert(by_condition);
    hp_assessment_free(a);
}

/* ---- Training-load rules ---------------------------------------------------------------- */

static int fires(const char *runner, const char *finding, double *value) {
    char json[2048];
    snprintf(json, sizeof json, "{\"runner\":%s}", runner);
    hp_assessment *a = assess_json(json);
    int f = has_risk(a, finding, value);
    /* a fired rule makes the risk factor present, a computed one absent otherwise */
    hp_answer ans = hp_profile_get(hp_assessment_profile(a), finding);
    double dummy;
    if (f)
        cr_assert_eq(ans, HP_ANSWER_PRESENT, "%s", finding);
    else if (value == &dummy)
        cr_assert_neq(ans, HP_ANSWER_PRESENT);
    hp_assessment_free(a);
    return f;
}

Test(assessment, weekly_increase_rule_at_threshold, .init = setup_default, .fini = teardown) {
    double v = 0;
    cr_assert(!fires("{\"weekly_km\":33,\"previous_weekly_km\":30}", "mileage_increase_over_10pct",
                     NULL));
    cr_assert(
        fires("{\"weekly_km\":33.1,\"previous_weekly_km\":30}", "mileage_increase_over_10pct", &v));
    cr_assert_float_eq(v, 10.333333, 1e-4);
    cr_assert(!fires("{\"weekly_km\":20,\"previous_weekly_km\":30}", "mileage_increase_over_10pct",
                     NULL));
    cr_assert(
        !fires("{\"weekly_km\":20,\"previous_weekly_km\":0}", "mileage_increase_over_10pct", NULL),
        "no previous week: unknown, not infinite");
    /* from the run log: 30 km in the week before, 36 km in the last 7 days */
    cr_assert(
        fires("{\"runs\":[{\"date\":\"2026-11-01\",\"km\":15},{\"date\":\"2026-11-04\",\"km\":15},"
              "{\"date\":\"2026-11-09\",\"km\":18},{\"date\":\"2026-11-13\",\"km\":18}]}",
              "mileage_increase_over_10pct", &v));
    cr_assert_float_eq(v, 20, 1e-9);
}

Test(assessment, long_run_spike_rule_at_threshold, .init = setup_default, .fini = teardown) {
    double v = 0;
    cr_assert(!fires("{\"longest_run_km_30d\":20,\"planned_run_km\":22}", "long_run_spike", NULL));
    cr_assert(fires("{\"longest_run_km_30d\":20,\"planned_run_km\":22.2}", "long_run_spike", &v));
    cr_assert_float_eq(v, 11, 1e-9);
    /* from the log: a 14 km run after a month whose longest was 10 km */
    cr_assert(
        fires("{\"runs\":[{\"date\":\"2026-10-10\",\"km\":10},{\"date\":\"2026-10-20\",\"km\":8},"
              "{\"date\":\"2026-11-01\",\"km\":9},{\"date\":\"2026-11-08\",\"km\":14}]}",
              "long_run_spike", &v));
    cr_assert_float_eq(v, 40, 1e-9);
    cr_assert(
        !fires("{\"runs\":[{\"date\":\"2026-10-10\",\"km\":10},{\"date\":\"2026-10-20\",\"km\":8},"
               "{\"date\":\"2026-11-01\",\"km\":9},{\"date\":\"2026-11-08\",\"km\":11}]}",
               "long_run_spike", NULL));
}

Test(assessment, acute_chronic_ratio_rule, .init = setup_default, .fini = teardown) {
    /* five steady weeks of 5 km a day, then a week of 12 km a day */
    char runs[8192] = "{\"runs\":[";
    int first = 1;
    for (int d = 0; d < 42; d++) {
        char date[16], item[64];
        hp_date_format(20400 + d, date, sizeof date);
        snprintf(item, sizeof item, "%s{\"date\":\"%s\",\"km\":%d}", first ? "" : ",", date,
                 d < 35 ? 5 : 12);
        strcat(runs, item);
        first = 0;
    }
    strcat(runs, "]}");
    double v = 0;
    cr_assert(fires(runs, "high_acute_chronic_ratio", &v));
    cr_assert_gt(v, 1.5);
    cr_assert_lt(v, 2.4);
    /* steady load: ratio near 1, no risk */
    for (char *p = runs; (p = strstr(p, ":12}")) != NULL;)
        memcpy(p, ":5} ", 4);
    hp_assessment *a = assess_json("{}");
    hp_assessment_free(a);
    cr_assert(!fires(runs, "high_acute_chronic_ratio", NULL));
    /* too short a log: not computed */
    cr_assert(!fires(
        "{\"runs\":[{\"date\":\"2026-11-01\",\"km\":5},{\"date\":\"2026-11-08\",\"km\":50}]}",
        "high_acute_chronic_ratio", NULL));
}

Test(assessment, cadence_and_shoe_rules_at_threshold, .init = setup_default, .fini = teardown) {
    cr_assert(!fires("{\"cadence_spm\":170}", "low_cadence", NULL));
    cr_assert(fires("{\"cadence_spm\":169}", "low_cadence", NULL));
    cr_assert(!fires("{\"shoe_km\":800}", "worn_shoes", NULL));
    cr_assert(fires("{\"shoe_km\":801}", "worn_shoes", NULL));
    cr_assert(fires("{\"sex\":\"female\"}", "female_runner", NULL));
    cr_assert(!fires("{\"sex\":\"male\"}", "female_runner", NULL));
}

Test(assessment, measured_metric_beats_reported_answer, .init = setup_default, .fini = teardown) {
    hp_assessment *a =
        assess_json("{\"findings\":{\"low_cadence\":false},\"runner\":{\"cadence_spm\":160}}");
    cr_assert_eq(hp_profile_get(hp_assessment_profile(a), "low_cadence"), HP_ANSWER_PRESENT);
    double v;
    cr_assert_eq(hp_assessment_metric(a, HP_METRIC_CADENCE_SPM, &v), HP_OK);
    cr_assert_float_eq(v, 160, 1e-12);
    cr_assert_eq(hp_assessment_metric(a, HP_METRIC_ACUTE_CHRONIC_RATIO, &v), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_metric(a, HP_METRIC_COUNT, &v), HP_E_INVALID);
    hp_assessment_free(a);
    a = assess_json("{\"findings\":{\"low_cadence\":true},\"runner\":{\"cadence_spm\":180}}");
    cr_assert_eq(hp_profile_get(hp_assessment_profile(a), "low_cadence"), HP_ANSWER_ABSENT);
    hp_assessment_free(a);
    /* without the metric the runner's word stands */
    a = assess_json("{\"findings\":{\"low_cadence\":true}}");
    cr_assert_eq(hp_profile_get(hp_assessment_profile(a), "low_cadence"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_assessment_risk_count(a), 0);
    hp_assessment_free(a);
}

/* ---- Ranking ---------------------------------------------------------------------------- */

static void check_ranking(const hp_assessment *a) {
    double sum = 0, prev = 2;
    for (size_t i = 0; i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        cr_assert_eq(hp_assessment_cause(a, i, &c), HP_OK);
        cr_assert_leq(c.probability, prev + 1e-15, "ordered");
        cr_assert_geq(c.probability, 0);
        prev = c.probability;
        sum += c.probability;
        cr_assert_float_eq(hp_assessment_probability(a, c.condition), c.probability, 1e-15);
    }
    cr_assert_float_eq(sum, 1.0, 1e-9);
}

Test(assessment, empty_profile_gives_the_priors, .init = setup_default, .fini = teardown) {
    hp_assessment *a = assess_json("{}");
    check_ranking(a);
    for (size_t i = 0; i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        cr_assert_float_eq(c.probability, c.prior, 1e-12, "%s", c.id);
        cr_assert_eq(c.n_evidence, 0);
    }
    cr_assert_eq(hp_assessment_triage(a), HP_TRIAGE_SELF_CARE);
    cr_assert_eq(hp_assessment_reason_count(a), 0);
    hp_assessment_free(a);
}

Test(assessment, evidence_weights_are_log_likelihood_ratios, .init = setup_default,
     .fini = teardown) {
    hp_assessment *a =
        assess_json("{\"findings\":{\"pain_lateral_hip\":true,\"pain_groin\":false}}");
    check_ranking(a);
    size_t f_lat = hp_ontology_index(onto, HP_ENTITY_FINDING, "pain_lateral_hip");
    hp_finding_info fi;
    hp_ontology_finding(onto, f_lat, &fi);
    int seen_for = 0, seen_against = 0;
    for (size_t i = 0; i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        double total = log(c.prior);
        double prev_abs = INFINITY;
        for (size_t j = 0; j < c.n_evidence; j++) {
            hp_evidence e;
            cr_assert_eq(hp_assessment_evidence(a, i, j, &e), HP_OK);
            cr_assert_leq(fabs(e.weight), prev_abs + 1e-15, "strongest first");
            prev_abs = fabs(e.weight);
            total += e.weight;
            hp_finding_info f;
            hp_ontology_finding(onto, e.finding_index, &f);
            double expect = e.answer == HP_ANSWER_PRESENT
                                ? log(e.strength / f.base_rate)
                                : log((1 - e.strength) / (1 - f.base_rate));
            cr_assert_float_eq(e.weight, expect, 1e-12);
            seen_for |= e.weight > 0;
            seen_against |= e.weight < 0;
            cr_assert(e.sources && *e.sources);
        }
        cr_assert_float_eq(c.score, total, 1e-9, "score is prior plus evidence");
        cr_assert_eq(hp_assessment_evidence(a, i, c.n_evidence, &(hp_evidence){0}), HP_E_NOT_FOUND);
    }
    cr_assert(seen_for && seen_against);
    hp_cause top;
    hp_assessment_cause(a, 0, &top);
    cr_assert(strcmp(top.id, "gluteal_tendinopathy") == 0 ||
                  strcmp(top.id, "it_band_syndrome") == 0 ||
                  strcmp(top.id, "trochanteric_bursitis") == 0,
              "lateral hip pain points to a lateral cause, got %s", top.id);
    hp_assessment_free(a);
}

Test(assessment, unknown_findings_change_nothing, .init = setup_default, .fini = teardown) {
    hp_assessment *a =
        assess_json("{\"findings\":{\"pain_buttock\":true,\"fever_or_chills\":null}}");
    hp_assessment *b = assess_json("{\"findings\":{\"pain_buttock\":true}}");
    char *ja = NULL, *jb = NULL;
    cr_assert_eq(hp_assessment_to_json(a, NULL, 0, &ja, NULL), HP_OK);
    cr_assert_eq(hp_assessment_to_json(b, NULL, 0, &jb, NULL), HP_OK);
    cr_assert_str_eq(ja, jb);
    hp_string_free(ja);
    hp_string_free(jb);
    hp_assessment_free(a);
    hp_assessment_free(b);
}

Test(assessment, works_with_one_or_fifty_findings, .init = setup_default, .fini = teardown) {
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    size_t nf = hp_ontology_count(onto, HP_ENTITY_FINDING);
    cr_assert_geq(nf, 50);
    for (size_t f = 0; f < 50; f++) {
        hp_profile_set_index(p, f, f % 3 ? HP_ANSWER_ABSENT : HP_ANSWER_PRESENT);
        hp_assessment *a = NULL;
        cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
        check_ranking(a);
        hp_assessment_free(a);
    }
    hp_profile_free(p);
}

Test(assessment, deterministic, .init = setup_default, .fini = teardown) {
    const char *json = "{\"findings\":{\"pain_lateral_hip\":true,\"worse_climbing_stairs\":true,"
                       "\"fever_or_chills\":false},\"runner\":{\"cadence_spm\":160,"
                       "\"weekly_km\":40,\"previous_weekly_km\":30}}";
    char *first = NULL;
    for (int i = 0; i < 5; i++) {
        hp_assessment *a = assess_json(json);
        char *out = NULL;
        cr_assert_eq(hp_assessment_to_json(a, NULL, HP_JSON_PRETTY, &out, NULL), HP_OK);
        if (!first)
            first = out;
        else {
            cr_assert_str_eq(out, first);
            hp_string_free(out);
        }
        hp_assessment_free(a);
    }
    hp_string_free(first);
}

Test(assessment, ties_broken_by_id) {
    /* two conditions with equal priors and no evidence tie: alphabetical order */
    const char *xml =
        "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='t' version='1'>"
        "<sources><source id='s'>S</source></sources>"
        "<findings><finding id='f' kind='symptom' group='location' base-rate='0.5' src='s'>"
        "<label>F</label><question>F?</question></finding></findings>"
        "<conditions>"
        "<condition id='zeta' prior='0.5' seriousness='mild' src='s'><label>Z</label>"
        "<evidence finding='f' strength='0.5' src='s'/></condition>"
        "<condition id='alpha' prior='0.5' seriousness='mild' src='s'><label>A</label>"
        "<evidence finding='f' strength='0.5' src='s'/></condition>"
        "</conditions></ontology>";
    cr_assert_eq(hp_ontology_load_memory("tie.xml", xml, strlen(xml), &onto, NULL), HP_OK);
    hp_assessment *a = assess_json("{\"findings\":{\"f\":true}}");
    hp_cause c;
    hp_assessment_cause(a, 0, &c);
    cr_assert_str_eq(c.id, "alpha");
    hp_assessment_free(a);
    teardown();
}

/* ---- JSON export ------------------------------------------------------------------------ */

Test(assessment, json_has_the_contract_keys, .init = setup_default, .fini = teardown) {
    hp_assessment *a = assess_json("{\"findings\":{\"fever_or_chills\":true,\"swelling\":true,"
                                   "\"pain_groin\":true},\"runner\":{\"cadence_spm\":150}}");
    char *out = NULL;
    cr_assert_eq(hp_assessment_to_json(a, "de", HP_JSON_PRETTY, &out, NULL), HP_OK);
    json_error_t jerr;
    json_t *j = json_loads(out, 0, &jerr);
    cr_assert_not_null(j, "%s", jerr.text);
    json_t *tri = json_object_get(j, "triage");
    cr_assert_str_eq(json_string_value(json_object_get(tri, "level")), "urgent");
    json_t *reasons = json_object_get(tri, "reasons");
    cr_assert_gt(json_array_size(reasons), 0);
    json_t *r0 = json_array_get(reasons, 0);
    cr_assert(json_is_string(json_object_get(r0, "finding")));
    cr_assert(json_is_string(json_object_get(r0, "text")));
    json_t *causes = json_object_get(j, "causes");
    cr_assert_eq(json_array_size(causes), hp_assessment_cause_count(a));
    json_t *c0 = json_array_get(causes, 0);
    cr_assert(json_is_string(json_object_get(c0, "id")));
    cr_assert(json_is_number(json_object_get(c0, "probability")));
    cr_assert(json_is_array(json_object_get(c0, "evidence")));
    cr_assert_gt(json_array_size(json_object_get(j, "risks")), 0);
    cr_assert(json_is_number(json_object_get(json_object_get(j, "metrics"), "cadence_spm")));
    json_t *q = json_object_get(j, "next_question");
    cr_assert(json_is_null(q) || json_is_string(json_object_get(q, "finding")));
    json_decref(j);
    hp_string_free(out);
    hp_assessment_free(a);
}

/* ---- Next question ---------------------------------------------------------------------- */

Test(assessment, red_flag_questions_come_first, .init = setup_default, .fini = teardown) {
    hp_assessment *a = assess_json("{\"findings\":{\"pain_lateral_hip\":true}}");
    const char *q = hp_assessment_next_question(a);
    cr_assert_not_null(q);
    size_t f = hp_ontology_index(onto, HP_ENTITY_FINDING, q);
    int in_rule = 0;
    for (size_t r = 0; r < hp_ontology_count(onto, HP_ENTITY_RED_FLAG); r++) {
        hp_red_flag_info info;
        hp_ontology_red_flag(onto, r, &info);
        for (size_t j = 0; j < info.n_findings; j++)
            in_rule |= hp_red_flag_finding(onto, r, j) == f;
    }
    cr_assert(in_rule, "%s is a red-flag finding", q);
    hp_assessment_free(a);
}

Test(assessment, information_gain_question_after_red_flags, .init = setup_default,
     .fini = teardown) {
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    /* rule out every red flag: all of its first group absent */
    for (size_t r = 0; r < hp_ontology_count(onto, HP_ENTITY_RED_FLAG); r++)
        for (size_t j = 0; hp_red_flag_group(onto, r, j) == 0; j++)
            hp_profile_set_index(p, hp_red_flag_finding(onto, r, j), HP_ANSWER_ABSENT);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    const char *q = hp_assessment_next_question(a);
    cr_assert_not_null(q);
    double gain = hp_assessment_next_question_gain(a);
    cr_assert_gt(gain, 0.05);
    cr_assert_lt(gain, 5);
    /* brute force: the chosen question has the highest expected gain of all unknowns */
    size_t nc = hp_assessment_cause_count(a);
    double h0 = 0;
    for (size_t i = 0; i < nc; i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        h0 -= c.probability * log2(c.probability);
    }
    double best = 0;
    const char *best_id = NULL;
    for (size_t f = 0; f < hp_ontology_count(onto, HP_ENTITY_FINDING); f++) {
        if (hp_profile_get_index(hp_assessment_profile(a), f) != HP_ANSWER_UNKNOWN)
            continue;
        hp_finding_info fi;
        hp_ontology_finding(onto, f, &fi);
        /* P(present) = sum over causes of P(cause) P(present | cause) */
        double p_yes = 0;
        for (size_t i = 0; i < nc; i++) {
            hp_cause c;
            hp_assessment_cause(a, i, &c);
            double s = fi.base_rate;
            hp_condition_info ci;
            hp_ontology_condition(onto, c.condition, &ci);
            for (size_t j = 0; j < ci.n_evidence; j++) {
                hp_evidence_link l;
                hp_condition_evidence(onto, c.condition, j, &l);
                if (l.finding == f)
                    s = l.strength;
            }
            p_yes += c.probability * s;
        }
        double h_after = 0;
        for (int v = 0; v < 2; v++) {
            hp_profile *q2 = NULL;
            hp_profile_copy(hp_assessment_profile(a), &q2, NULL);
            hp_profile_set_index(q2, f, v ? HP_ANSWER_PRESENT : HP_ANSWER_ABSENT);
            hp_assessment *b = NULL;
            cr_assert_eq(hp_assess(q2, &b, NULL), HP_OK);
            double h = 0;
            for (size_t i = 0; i < hp_assessment_cause_count(b); i++) {
                hp_cause c;
                hp_assessment_cause(b, i, &c);
                if (c.probability > 0)
                    h -= c.probability * log2(c.probability);
            }
            h_after += (v ? p_yes : 1 - p_yes) * h;
            hp_assessment_free(b);
            hp_profile_free(q2);
        }
        if (h0 - h_after > best + 1e-9) {
            best = h0 - h_after;
            best_id = fi.id;
        }
    }
    cr_assert_float_eq(gain, best, 1e-6);
    cr_assert_str_eq(q, best_id);
    hp_assessment_free(a);
    hp_profile_free(p);
}

Test(assessment, bad_arguments) {
    hp_assessment *a = (hp_assessment *)1;
    hp_error e = {0};
    cr_assert_eq(hp_assess(NULL, &a, &e), HP_E_INVALID);
    cr_assert_null(a);
    cr_assert(strstr(e.message, "profile"), "%s", e.message);
    cr_assert_eq(hp_assess(NULL, NULL, &e), HP_E_INVALID);
    cr_assert_eq(hp_assessment_cause_count(NULL), 0);
    cr_assert_eq(hp_assessment_cause(NULL, 0, &(hp_cause){0}), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_reason(NULL, 0, &(hp_triage_reason){0}), HP_E_NOT_FOUND);
    cr_assert_eq(hp_assessment_risk(NULL, 0, &(hp_risk){0}), HP_E_NOT_FOUND);
    cr_assert_null(hp_assessment_next_question(NULL));
    char *out = (char *)1;
    cr_assert_eq(hp_assessment_to_json(NULL, NULL, 0, &out, &e), HP_E_INVALID);
    cr_assert_null(out);
    hp_assessment_free(NULL);
}

Test(assessment, freeing_in_any_order, .init = setup_default) {
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    hp_profile_set(p, "pain_lateral_hip", HP_ANSWER_PRESENT, NULL);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    hp_ontology_free(onto);
    onto = NULL;
    hp_profile_free(p);
    hp_cause c;
    cr_assert_eq(hp_assessment_cause(a, 0, &c), HP_OK, "the assessment keeps its ontology");
    cr_assert_not_null(hp_ontology_text(hp_assessment_ontology(a), HP_ENTITY_CONDITION, c.condition,
                                        HP_TEXT_LABEL, NULL));
    hp_assessment_free(a);
    hp_test_leak_check();
}
