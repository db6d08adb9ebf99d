/* Presentations of a condition (sites with evidence of their own, scored as a mixture):
 * loading and its errors, the ontology accessors, their labels, the mixture's probabilities
 * worked out by hand, the evidence of the leading presentation, the next question, and
 * hp_assess_matrix() agreeing with hp_assess(). The ontology is
 * tests/data/ontologies/mixture.xml. */
#include <math.h>
#include <string.h>

#include "test_util.h"

TestSuite(presentations, .fini = hp_test_leak_check);

static hp_ontology *onto;

static void setup(void) {
    char path[1024];
    hp_error e = {0};
    cr_assert_eq(
        hp_ontology_load_file(hp_test_path(path, sizeof path, "ontologies/mixture.xml"), &onto, &e),
        HP_OK, "%s", e.message);
}

static void teardown(void) {
    hp_ontology_free(onto);
    onto = NULL;
    hp_test_leak_check();
}

static size_t index_of(hp_entity_kind kind, const char *id) {
    size_t i = hp_ontology_index(onto, kind, id);
    cr_assert_neq(i, (size_t)-1, "no %s", id);
    return i;
}

/* The position of condition `id` among the causes. */
static size_t cause_of(const hp_assessment *a, const char *id) {
    for (size_t i = 0; i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        cr_assert_eq(hp_assessment_cause(a, i, &c), HP_OK);
        if (!strcmp(c.id, id))
            return i;
    }
    cr_assert_fail("no cause %s", id);
    return 0;
}

Test(presentations, are_read_with_their_shares_and_evidence, .init = setup, .fini = teardown) {
    size_t bone = index_of(HP_ENTITY_CONDITION, "bone");
    size_t muscle = index_of(HP_ENTITY_CONDITION, "muscle");
    cr_assert_eq(hp_condition_presentation_count(onto, bone), 2);
    cr_assert_eq(hp_condition_presentation_count(onto, muscle), 0);
    cr_assert_eq(hp_condition_presentation_count(onto, 99), 0);
    hp_presentation_info p;
    cr_assert_eq(hp_condition_presentation(onto, bone, 1, &p), HP_OK);
    cr_assert_str_eq(p.id, "lower");
    cr_assert_eq(p.condition, bone);
    cr_assert_float_eq(p.share, 0.25, 1e-12);
    cr_assert_eq(p.n_evidence, 2);
    cr_assert_str_eq(p.sources, "t2");
    hp_evidence_link l;
    cr_assert_eq(hp_presentation_evidence(onto, bone, 1, 1, &l), HP_OK);
    cr_assert_eq(l.finding, index_of(HP_ENTITY_FINDING, "buttock_pain"));
    cr_assert_float_eq(l.strength, 0.9, 1e-12);
    cr_assert_eq(hp_presentation_evidence(onto, bone, 1, 2, &l), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_presentation(onto, bone, 2, &p), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_presentation(onto, muscle, 0, &p), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_presentation(NULL, bone, 0, &p), HP_E_NOT_FOUND);
    /* the condition's own links are only the condition-wide ones */
    hp_condition_info ci;
    cr_assert_eq(hp_ontology_condition(onto, bone, &ci), HP_OK);
    cr_assert_eq(ci.n_evidence, 2);
}

/* Groin pain, no buttock pain, a load jump: bone is 0.75 "upper" and 0.25 "lower". */
static const char *const GROIN =
    "{\"findings\": {\"groin_pain\": true, \"buttock_pain\": false, \"load_jump\": true}}";

Test(presentations, mix_the_likelihoods_by_share, .init = setup, .fini = teardown) {
    hp_assessment *a = hp_test_assess_json(onto, GROIN);
    double upper = 0.75 * (0.9 / 0.4);                           /* buttock: base rate */
    double lower = 0.25 * (0.1 / 0.4) * ((1 - 0.9) / (1 - 0.3)); /* groin and buttock own */
    double bone = 0.2 * (0.8 / 0.2) * (upper + lower);
    double muscle = 0.5 * (0.6 / 0.4) * ((1 - 0.3) / (1 - 0.3));
    double other = 0.3; /* untouched */
    double z = bone + muscle + other;
    size_t b = index_of(HP_ENTITY_CONDITION, "bone");
    cr_assert_float_eq(hp_assessment_probability(a, b), bone / z, 1e-12);
    cr_assert_float_eq(hp_assessment_probability(a, index_of(HP_ENTITY_CONDITION, "muscle")),
                       muscle / z, 1e-12);
    cr_assert_float_eq(hp_assessment_probability(a, index_of(HP_ENTITY_CONDITION, "other")),
                       other / z, 1e-12);
    cr_assert_float_eq(hp_assessment_presentation_probability(a, b, 0), upper / (upper + lower),
                       1e-12);
    cr_assert_float_eq(hp_assessment_presentation_probability(a, b, 1), lower / (upper + lower),
                       1e-12);
    cr_assert_eq(hp_assessment_presentation_probability(a, b, 2), 0);
    cr_assert_eq(hp_assessment_presentation_probability(a, 99, 0), 0);
    cr_assert_eq(hp_assessment_presentation_probability(NULL, b, 0), 0);
    hp_cause c;
    cr_assert_eq(hp_assessment_cause(a, cause_of(a, "bone"), &c), HP_OK);
    cr_assert_float_eq(c.score, log(bone), 1e-12);
    hp_assessment_free(a);
}

Test(presentations, keep_their_shares_when_nothing_tells_them_apart, .init = setup,
     .fini = teardown) {
    hp_assessment *a = hp_test_assess_json(onto, "{\"findings\": {\"night_ache\": true}}");
    size_t b = index_of(HP_ENTITY_CONDITION, "bone");
    double z = 0.2 + 0.5 + 0.3 * 5;
    cr_assert_float_eq(hp_assessment_probability(a, b), 0.2 / z, 1e-12);
    cr_assert_float_eq(hp_assessment_presentation_probability(a, b, 0), 0.75, 1e-12);
    cr_assert_float_eq(hp_assessment_presentation_probability(a, b, 1), 0.25, 1e-12);
    hp_assessment_free(a);
}

/* Evidence item j of cause `id`: its finding, strength and weight. */
static void expect_evidence(const hp_assessment *a, const char *id, size_t j, const char *finding,
                            double strength, double weight, const char *sources) {
    hp_evidence e;
    cr_assert_eq(hp_assessment_evidence(a, cause_of(a, id), j, &e), HP_OK);
    cr_assert_str_eq(e.finding, finding);
    cr_assert_float_eq(e.strength, strength, 1e-12, "%s: %s", id, finding);
    cr_assert_float_eq(e.weight, weight, 1e-12, "%s: %s", id, finding);
    cr_assert_str_eq(e.sources, sources);
}

Test(presentations, explain_with_the_leading_presentation, .init = setup, .fini = teardown) {
    hp_assessment *a = hp_test_assess_json(onto, GROIN);
    hp_cause c;
    cr_assert_eq(hp_assessment_cause(a, cause_of(a, "bone"), &c), HP_OK);
    cr_assert_eq(c.n_evidence, 2); /* "upper": the load jump, and its own groin link */
    expect_evidence(a, "bone", 0, "load_jump", 0.8, log(0.8 / 0.2), "t1");
    expect_evidence(a, "bone", 1, "groin_pain", 0.9, log(0.9 / 0.4), "t2");
    hp_assessment_free(a);

    a = hp_test_assess_json(onto,
                            "{\"findings\": {\"groin_pain\": false, \"buttock_pain\": true}}");
    size_t b = index_of(HP_ENTITY_CONDITION, "bone");
    cr_assert_gt(hp_assessment_presentation_probability(a, b, 1), 0.5);
    cr_assert_eq(hp_assessment_cause(a, cause_of(a, "bone"), &c), HP_OK);
    cr_assert_eq(c.n_evidence, 2); /* "lower": both of its own links */
    expect_evidence(a, "bone", 0, "buttock_pain", 0.9, log(0.9 / 0.3), "t2");
    expect_evidence(a, "bone", 1, "groin_pain", 0.1, log(0.9 / 0.6), "t2");
    hp_assessment_free(a);
}

static double entropy(const double *p, size_t n) {
    double h = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0)
            h -= p[i] * log2(p[i]);
    return h;
}

/* The information gain of asking a finding with P(f | c) = s[c], from probabilities p. */
static double gain_of(const double *p, const double *s, size_t n) {
    double yes[8], no[8], py = 0, pn = 0;
    for (size_t c = 0; c < n; c++) {
        yes[c] = p[c] * s[c];
        no[c] = p[c] * (1 - s[c]);
        py += yes[c];
        pn += no[c];
    }
    for (size_t c = 0; c < n; c++) {
        yes[c] /= py;
        no[c] /= pn;
    }
    return entropy(p, n) - py * entropy(yes, n) - pn * entropy(no, n);
}

Test(presentations, ask_with_the_mixture_of_the_presentations, .init = setup, .fini = teardown) {
    hp_assessment *a = hp_test_assess_json(onto, "{\"findings\": {\"load_jump\": true}}");
    size_t bone = index_of(HP_ENTITY_CONDITION, "bone");
    size_t muscle = index_of(HP_ENTITY_CONDITION, "muscle");
    size_t other = index_of(HP_ENTITY_CONDITION, "other");
    double p[3];
    p[0] = hp_assessment_probability(a, bone);
    p[1] = hp_assessment_probability(a, muscle);
    p[2] = hp_assessment_probability(a, other);
    /* bone's P(f | bone): 0.75 "upper" + 0.25 "lower" (the load jump does not tell them
       apart); muscle and other as linked, or the base rate */
    double groin[3] = {0.75 * 0.9 + 0.25 * 0.1, 0.6, 0.4};
    double buttock[3] = {0.75 * 0.3 + 0.25 * 0.9, 0.3, 0.3};
    double night[3] = {0.1, 0.1, 0.5};
    double g[3] = {gain_of(p, groin, 3), gain_of(p, buttock, 3), gain_of(p, night, 3)};
    const char *ids[3] = {"groin_pain", "buttock_pain", "night_ache"};
    size_t best = 0;
    for (size_t k = 1; k < 3; k++)
        if (g[k] > g[best])
            best = k;
    cr_assert_str_eq(hp_assessment_next_question(a), ids[best]);
    cr_assert_float_eq(hp_assessment_next_question_gain(a), g[best], 1e-9);
    hp_assessment_free(a);
}

Test(presentations, score_the_same_in_a_matrix, .init = setup, .fini = teardown) {
    size_t columns[4], nc = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    const char *ids[4] = {"groin_pain", "buttock_pain", "load_jump", "night_ache"};
    for (size_t c = 0; c < 4; c++)
        columns[c] = index_of(HP_ENTITY_FINDING, ids[c]);
    signed char rows[81][4];
    for (int r = 0; r < 81; r++)
        for (int c = 0, v = r; c < 4; c++, v /= 3)
            rows[r][c] = (signed char)(v % 3 - 1);
    double probs[81 * 3];
    cr_assert_eq(nc, 3);
    hp_error e = {0};
    cr_assert_eq(hp_assess_matrix(onto, &rows[0][0], 81, 4, columns, probs, &e), HP_OK, "%s",
                 e.message);
    for (int r = 0; r < 81; r++) {
        hp_profile *p = NULL;
        cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
        for (size_t c = 0; c < 4; c++)
            cr_assert_eq(hp_profile_set_index(p, columns[c], (hp_answer)rows[r][c]), HP_OK);
        hp_assessment *a = NULL;
        cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
        for (size_t k = 0; k < nc; k++)
            cr_assert_float_eq(probs[r * 3 + k], hp_assessment_probability(a, k), 1e-12,
                               "row %d condition %zu", r, k);
        hp_assessment_free(a);
        hp_profile_free(p);
    }
}

Test(presentations, have_labels_with_language_fallback, .init = setup, .fini = teardown) {
    size_t bone = index_of(HP_ENTITY_CONDITION, "bone");
    size_t muscle = index_of(HP_ENTITY_CONDITION, "muscle");
    /* "lower" (1) has labels in en, de and de-AT */
    cr_assert_str_eq(hp_presentation_label(onto, bone, 1, NULL), "Lower bone");
    cr_assert_str_eq(hp_presentation_label(onto, bone, 1, ""), "Lower bone");
    cr_assert_str_eq(hp_presentation_label(onto, bone, 1, "en"), "Lower bone");
    cr_assert_str_eq(hp_presentation_label(onto, bone, 1, "de"), "Unterer Knochen");
    cr_assert_str_eq(hp_presentation_label(onto, bone, 1, "de-AT"), "Unterer Knochen (AT)");
    cr_assert_str_eq(hp_presentation_label(onto, bone, 1, "de-CH"), "Unterer Knochen");
    cr_assert_str_eq(hp_presentation_label(onto, bone, 1, "fr"), "Lower bone");
    /* "upper" (0) has none, in any language */
    cr_assert_null(hp_presentation_label(onto, bone, 0, NULL));
    cr_assert_null(hp_presentation_label(onto, bone, 0, "de"));
    /* out of range */
    cr_assert_null(hp_presentation_label(onto, bone, 2, NULL));
    cr_assert_null(hp_presentation_label(onto, muscle, 0, NULL));
    cr_assert_null(hp_presentation_label(onto, 99, 0, NULL));
    cr_assert_null(hp_presentation_label(NULL, bone, 1, NULL));
    /* the condition's own texts are untouched */
    cr_assert_str_eq(hp_ontology_text(onto, HP_ENTITY_CONDITION, bone, HP_TEXT_LABEL, "de"),
                     "Bone");
}

/* mixture.xml with `from` (which must occur once) replaced by `to`, loaded with `flags`: its
   status, and the error's message and line. */
static hp_status load_changed_with(const char *from, const char *to, unsigned flags, hp_error *e) {
    size_t size;
    char *out = hp_test_replaced("ontologies/mixture.xml", from, to, NULL, &size);
    hp_ontology *o = NULL;
    hp_input in = {"mixture.xml", out, size};
    hp_load_options opts = {0};
    opts.flags = flags;
    hp_status st = hp_ontology_load(&in, 1, &opts, &o, e);
    hp_ontology_free(o);
    free(out);
    return st;
}

static hp_status load_changed(const char *from, const char *to, hp_error *e) {
    return load_changed_with(from, to, 0, e);
}

static void expect_error_with(const char *from, const char *to, unsigned flags, hp_status code,
                              const char *message, int line) {
    hp_error e = {0};
    cr_assert_eq(load_changed_with(from, to, flags, &e), code, "%s -> %s: %s", from, to, e.message);
    cr_assert_not_null(strstr(e.message, message), "'%s' not in '%s'", message, e.message);
    cr_assert_eq(e.line, line, "%s: line %d, not %d", e.message, e.line, line);
    cr_assert_str_eq(e.file, "mixture.xml");
}

static void expect_error(const char *from, const char *to, hp_status code, const char *message,
                         int line) {
    expect_error_with(from, to, 0, code, message, line);
}

Test(presentations, label_errors_name_the_presentation_and_language, .init = setup,
     .fini = teardown) {
    /* a second label in one language: the later one is the error, the first is named */
    expect_error("<label xml:lang=\"de-AT\">Unterer Knochen (AT)</label>",
                 "<label xml:lang=\"de\">Noch einmal</label>", HP_E_DUPLICATE,
                 "presentation 'lower' of condition 'bone' already has a label text in 'de' at "
                 "mixture.xml:38",
                 39);
    expect_error("<label xml:lang=\"de\">Unterer Knochen</label>", "<label>Again</label>",
                 HP_E_DUPLICATE,
                 "presentation 'lower' of condition 'bone' already has a label text in 'en' at "
                 "mixture.xml:37",
                 38);
    /* labels, but none in English (the fallback) */
    expect_error("<label>Lower bone</label>", "<label xml:lang=\"fr\">Os du bas</label>",
                 HP_E_SEMANTIC,
                 "presentation 'lower' of condition 'bone' has labels but no English <label>", 36);
    /* a presentation has labels only: the schema says so, and the reader without it */
    expect_error("<label>Lower bone</label>", "<description>Lower bone</description>", HP_E_SCHEMA,
                 "got description", 36);
    expect_error_with("<label>Lower bone</label>", "<description>Lower bone</description>",
                      HP_LOAD_SKIP_SCHEMA, HP_E_SEMANTIC,
                      "a presentation cannot have a description text", 37);
    expect_error("<label>Lower bone</label>", "<label></label>", HP_E_SCHEMA, "<label> is empty",
                 37);
    /* labels after the evidence: the schema wants them first */
    hp_error e = {0};
    cr_assert_eq(load_changed("<evidence finding=\"buttock_pain\" strength=\"0.9\" src=\"t2\"/>",
                              "<evidence finding=\"buttock_pain\" strength=\"0.9\" "
                              "src=\"t2\"/><label xml:lang=\"es\">Hueso</label>",
                              &e),
                 HP_E_SCHEMA, "%s", e.message);
}

Test(presentations, errors_name_what_is_wrong_and_where, .init = setup, .fini = teardown) {
    expect_error("<presentation id=\"lower\" share=\"0.25\"",
                 "<presentation id=\"upper\" share=\"0.25\"", HP_E_DUPLICATE,
                 "condition 'bone' has presentation 'upper' twice (first at line 33)", 36);
    expect_error("share=\"0.25\"", "share=\"0.5\"", HP_E_SEMANTIC,
                 "condition 'bone': the shares of its presentations sum to 1.25, not 1", 29);
    expect_error("<evidence finding=\"buttock_pain\" strength=\"0.9\" src=\"t2\"/>",
                 "<evidence finding=\"groin_pain\" strength=\"0.3\" src=\"t2\"/>", HP_E_DUPLICATE,
                 "presentation 'lower' of condition 'bone' links finding 'groin_pain' twice "
                 "(first at line 40)",
                 41);
    expect_error("<evidence finding=\"buttock_pain\" strength=\"0.9\" src=\"t2\"/>",
                 "<evidence finding=\"buttock_ache\" strength=\"0.9\" src=\"t2\"/>", HP_E_SEMANTIC,
                 "evidence finding 'buttock_ache': no such finding", 41);
    expect_error("src=\"t2\">\n        <evidence finding=\"groin_pain\" strength=\"0.9\"",
                 "src=\"t3\">\n        <evidence finding=\"groin_pain\" strength=\"0.9\"",
                 HP_E_SEMANTIC, "src names 't3', which is not a declared source", 33);
    /* one presentation alone, with the whole share */
    expect_error("<presentation id=\"upper\" share=\"0.75\" src=\"t2\">\n"
                 "        <evidence finding=\"groin_pain\" strength=\"0.9\" src=\"t2\"/>\n"
                 "      </presentation>\n",
                 "", HP_E_SEMANTIC, "condition 'bone' has one <presentation>", 29);
    expect_error("share=\"0.75\"", "share=\"0\"", HP_E_SEMANTIC,
                 "'upper': share=0 is out of range (0, 1]", 33);
    expect_error("<presentation id=\"upper\" share=\"0.75\" src=\"t2\">\n"
                 "        <evidence finding=\"groin_pain\" strength=\"0.9\" src=\"t2\"/>\n"
                 "      </presentation>",
                 "<presentation id=\"upper\" share=\"0.75\" src=\"t2\"/>", HP_E_SEMANTIC,
                 "presentation 'upper' of condition 'bone' has no <evidence>", 33);
    expect_error("<evidence finding=\"buttock_pain\" strength=\"0.9\" src=\"t2\"/>",
                 "<treat advice=\"rest\" phase=\"settle\" src=\"t2\"/>", HP_E_SCHEMA,
                 "unexpected element <treat> in <presentation>", 41);
    /* what the reader lets through (an unknown attribute), the schema catches */
    hp_error e = {0};
    cr_assert_eq(
        load_changed("<presentation id=\"upper\"", "<presentation site=\"hip\" id=\"upper\"", &e),
        HP_E_SCHEMA, "%s", e.message);
    cr_assert_eq(e.line, 33);
}

Test(presentations, are_in_the_json_of_their_cause_only, .init = setup, .fini = teardown) {
    hp_assessment *a = hp_test_assess_json(onto, GROIN);
    char *json = NULL;
    cr_assert_eq(hp_assessment_to_json(a, NULL, 0, &json, NULL), HP_OK);
    const char *bone = strstr(json, "\"id\":\"bone\"");
    const char *muscle = strstr(json, "\"id\":\"muscle\"");
    cr_assert(bone && muscle, "%s", json);
    const char *pres = strstr(json, "\"presentations\":[{\"id\":\"upper\",\"probability\":");
    cr_assert_not_null(pres, "%s", json);
    /* "upper" has no label: no key; "lower" has one */
    cr_assert_not_null(strstr(pres, "\"share\":0.75},{\"id\":\"lower\",\"label\":\"Lower bone\","
                                    "\"probability\":"),
                       "%s", json);
    /* one "presentations" key in all: bone's */
    cr_assert_null(strstr(pres + 1, "\"presentations\""), "%s", json);
    /* inside bone's object: after its id, before its evidence */
    cr_assert(pres > bone && pres < strstr(bone, "\"evidence\""), "%s", json);
    hp_string_free(json);
    /* in the language asked for, with its fallback */
    cr_assert_eq(hp_assessment_to_json(a, "de-AT", 0, &json, NULL), HP_OK);
    cr_assert_not_null(strstr(json, "{\"id\":\"lower\",\"label\":\"Unterer Knochen (AT)\","), "%s",
                       json);
    hp_string_free(json);
    cr_assert_eq(hp_assessment_to_json(a, "de-CH", 0, &json, NULL), HP_OK);
    cr_assert_not_null(strstr(json, "{\"id\":\"lower\",\"label\":\"Unterer Knochen\","), "%s",
                       json);
    hp_string_free(json);
    hp_assessment_free(a);
}
