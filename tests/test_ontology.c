/* Loading ontologies (files, memory, default, extensions), validation, hostile input,
 * and the query API. */
#include <string.h>

#include "test_util.h"

TestSuite(ontology, .fini = hp_test_leak_check);

/* Whether `needle` occurs in the first n bytes of `hay`. */
static int contains(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

static char path_buf[1024];
#define DATA(rel) hp_test_path(path_buf, sizeof path_buf, rel)

static hp_ontology *load_mini(void) {
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_file(DATA("ontologies/mini.xml"), &o, &e), HP_OK, "%s",
                 e.message);
    return o;
}

/* mini.xml with one replacement applied, loaded from memory. */
static hp_status load_mutated(const char *from, const char *to, hp_error *e) {
    size_t n;
    char *text = hp_test_slurp(DATA("ontologies/mini.xml"), &n);
    char *at = strstr(text, from);
    cr_assert_not_null(at, "mutation anchor not found: %s", from);
    size_t out_n = n - strlen(from) + strlen(to);
    char *out = malloc(out_n + 1);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    memcpy(out + head, to, strlen(to));
    strcpy(out + head + strlen(to), at + strlen(from));
    hp_ontology *o = NULL;
    hp_error_clear(e);
    hp_status st = hp_ontology_load_memory("mutated.xml", out, out_n, &o, e);
    if (st == HP_OK)
        hp_ontology_free(o);
    else
        cr_assert_null(o, "no ontology on failure");
    free(out);
    free(text);
    return st;
}

/* ---- Loading -------------------------------------------------------------------------- */

Test(ontology, loads_file_memory_and_default) {
    hp_ontology *o = load_mini();
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_CONDITION), 2);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_FINDING), 4);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_SOURCE), 2);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_RED_FLAG), 1);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_DERIVED_RULE), 1);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_EXERCISE), 1);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_ADVICE), 1);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_KIND_COUNT), 0);
    cr_assert_str_eq(hp_ontology_name(o), "mini");
    cr_assert_str_eq(hp_ontology_version(o), "0.1");
    cr_assert_gt(hp_ontology_memory(o), 0);
    hp_ontology_free(o);

    size_t n;
    char *text = hp_test_slurp(DATA("ontologies/mini.xml"), &n);
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_memory("mem", text, n, &o, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_CONDITION), 2);
    hp_ontology_free(o);
    free(text);

    cr_assert_eq(hp_ontology_load_default(&o, &e), HP_OK, "%s", e.message);
    cr_assert_geq(hp_ontology_count(o, HP_ENTITY_CONDITION), 20);
    hp_ontology_free(o);
}

Test(ontology, default_is_embedded_and_valid_against_schema) {
    size_t xml_n = 0, rng_n = 0;
    const char *xml = hp_default_ontology_xml(&xml_n);
    const char *rng = hp_ontology_schema(&rng_n);
    cr_assert_gt(xml_n, 1000);
    cr_assert_gt(rng_n, 1000);
    cr_assert(contains(xml, xml_n, "urn:x-hippain:ontology:1"));
    cr_assert(contains(rng, rng_n, "relaxng"));
    /* the embedded bytes are data/hippain.xml, not a copy that can drift */
    size_t file_n;
    char path[1024];
    snprintf(path, sizeof path, "%s/data/hippain.xml", HP_SOURCE_DIR);
    char *file = hp_test_slurp(path, &file_n);
    cr_assert_eq(file_n, xml_n);
    cr_assert_eq(memcmp(file, xml, xml_n), 0);
    free(file);
    /* loading the same bytes as untrusted input runs the schema */
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_memory("hippain.xml", xml, xml_n, &o, &e), HP_OK, "%s:%d: %s",
                 e.file, e.line, e.message);
    hp_ontology_free(o);
}

Test(ontology, extensions_add_entries_on_top_of_default) {
    const char *ext =
        "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='clinic' "
        "version='1'>"
        "<sources><source id='clinic'>Our clinic</source></sources>"
        "<exercises><exercise id='clinic_march' kind='strength' targets='hip_flexors' src='clinic'>"
        "<label>March</label>"
        "<dosing sets='2' reps='10' days-per-week='3' effort='easy' src='clinic'/>"
        "</exercise></exercises>"
        "<translations xml:lang='fr'>"
        "<translate ref='it_band_syndrome' field='label'>Syndrome de la bandelette"
        "</translate></translations></ontology>";
    hp_input in = {"clinic.xml", ext, strlen(ext)};
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, NULL};
    hp_ontology *base = NULL, *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_default(&base, NULL), HP_OK);
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_EXERCISE),
                 hp_ontology_count(base, HP_ENTITY_EXERCISE) + 1);
    size_t i = hp_ontology_index(o, HP_ENTITY_EXERCISE, "clinic_march");
    cr_assert_neq(i, (size_t)-1);
    const char *file;
    int line;
    cr_assert_eq(hp_ontology_origin(o, HP_ENTITY_EXERCISE, i, &file, &line), HP_OK);
    cr_assert_str_eq(file, "clinic.xml");
    size_t c = hp_ontology_index(o, HP_ENTITY_CONDITION, "it_band_syndrome");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, "fr-CA"),
                     "Syndrome de la bandelette");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, "en"),
                     hp_ontology_text(base, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, NULL));
    hp_ontology_free(o);
    hp_ontology_free(base);
}

Test(ontology, extension_clash_names_both_places) {
    const char *ext = "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='c' "
                      "version='1'>\n<sources>\n<source id='000'>Again</source></sources>"
                      "</ontology>";
    hp_input in = {"clash.xml", ext, strlen(ext)};
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_E_DUPLICATE);
    cr_assert_null(o);
    cr_assert_str_eq(e.file, "clash.xml");
    cr_assert_eq(e.line, 3);
    cr_assert(strstr(e.message, "'000'") && strstr(e.message, "<default>:"), "%s", e.message);

    /* a translation that repeats an existing one is a clash too */
    const char *tr = "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='c' "
                     "version='1'><translations xml:lang='de'><translate ref='it_band_syndrome' "
                     "field='label'>Noch einmal</translate></translations></ontology>";
    hp_input in2 = {"tr.xml", tr, strlen(tr)};
    cr_assert_eq(hp_ontology_load(&in2, 1, &opt, &o, &e), HP_E_DUPLICATE);
    cr_assert(strstr(e.message, "it_band_syndrome"), "%s", e.message);
}

Test(ontology, several_files_in_one_load) {
    hp_input in[2] = {{DATA("ontologies/mini.xml"), NULL, 0}, {NULL, NULL, 0}};
    const char *ext = "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='e' "
                      "version='1'><advice-items><advice id='more' category='care' src='t1'>"
                      "<label>More</label><text>More advice.</text></advice></advice-items>"
                      "</ontology>";
    in[1] = (hp_input){"ext.xml", ext, strlen(ext)};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(in, 2, NULL, &o, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_ADVICE), 2);
    cr_assert_str_eq(hp_ontology_name(o), "mini", "the base names the ontology");
    hp_ontology_free(o);
}

Test(ontology, bad_arguments) {
    hp_ontology *o = (hp_ontology *)1;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(NULL, 0, NULL, &o, &e), HP_E_INVALID);
    cr_assert_null(o);
    cr_assert_eq(hp_ontology_load(NULL, 0, NULL, NULL, &e), HP_E_INVALID);
    cr_assert_eq(hp_ontology_load(NULL, 1, NULL, &o, &e), HP_E_INVALID);
    hp_input noname = {NULL, "x", 1};
    cr_assert_eq(hp_ontology_load(&noname, 1, NULL, &o, &e), HP_E_INVALID);
    cr_assert_eq(hp_ontology_load_file(NULL, &o, &e), HP_E_INVALID);
    cr_assert_eq(hp_ontology_load_memory("m", NULL, 3, &o, &e), HP_E_INVALID);
    hp_allocator half = {0};
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, &half};
    cr_assert_eq(hp_ontology_load(NULL, 0, &opt, &o, &e), HP_E_INVALID);
    cr_assert_eq(hp_ontology_load_file("/nonexistent/hippain.xml", &o, &e), HP_E_IO);
    cr_assert_str_eq(e.file, "/nonexistent/hippain.xml");
    cr_assert(strstr(e.message, "cannot open"), "%s", e.message);
    cr_assert_eq(hp_ontology_load_file("/", &o, &e), HP_E_IO, "a directory is not a file");
    hp_ontology_free(NULL);
    cr_assert_eq(hp_ontology_memory(NULL), 0);
}

/* ---- Hostile input --------------------------------------------------------------------- */

static void expect_rejected(const char *rel, hp_status want, const char *words) {
    hp_ontology *o = NULL;
    hp_error e = {0};
    hp_status st = hp_ontology_load_file(DATA(rel), &o, &e);
    cr_assert_eq(st, want, "%s: got %d (%s)", rel, st, e.message);
    cr_assert_null(o);
    cr_assert_eq(e.code, want);
    cr_assert(strstr(e.file, rel) != NULL, "%s: error names the file (%s)", rel, e.file);
    cr_assert(words == NULL || strstr(e.message, words), "%s: message '%s' lacks '%s'", rel,
              e.message, words);
}

Test(ontology, rejects_billion_laughs) {
    expect_rejected("hostile/billion_laughs.xml", HP_E_FORBIDDEN, "DTD");
}
Test(ontology, rejects_quadratic_blowup) {
    expect_rejected("hostile/quadratic_blowup.xml", HP_E_FORBIDDEN, "DTD");
}
Test(ontology, rejects_xxe) {
    expect_rejected("hostile/xxe_local_file.xml", HP_E_FORBIDDEN, "DTD");
}
Test(ontology, rejects_external_dtd) {
    expect_rejected("hostile/external_dtd.xml", HP_E_FORBIDDEN, "DTD");
}
Test(ontology, rejects_undeclared_entity) {
    expect_rejected("hostile/undeclared_entity.xml", HP_E_FORBIDDEN, "entity");
}
Test(ontology, rejects_deep_nesting) {
    expect_rejected("hostile/deep_nesting.xml", HP_E_PARSE, "depth");
}
Test(ontology, rejects_invalid_utf8) {
    expect_rejected("hostile/invalid_utf8.xml", HP_E_PARSE, NULL);
}
Test(ontology, rejects_other_encodings) {
    /* libxml2 would report conversion errors to its process-wide handler: refused first */
    expect_rejected("hostile/utf16.xml", HP_E_FORBIDDEN, "UTF-16");
    expect_rejected("hostile/latin1.xml", HP_E_FORBIDDEN, "the encoding 'ISO-8859-1'");
}
Test(ontology, rejects_truncated) { expect_rejected("hostile/truncated.xml", HP_E_PARSE, NULL); }
Test(ontology, rejects_wrong_root) { expect_rejected("hostile/wrong_root.xml", HP_E_SCHEMA, NULL); }
Test(ontology, rejects_wrong_namespace) {
    expect_rejected("hostile/wrong_namespace.xml", HP_E_SCHEMA, NULL);
}
Test(ontology, rejects_wrong_format) {
    expect_rejected("hostile/wrong_format.xml", HP_E_SCHEMA, NULL);
}
Test(ontology, rejects_xinclude) { expect_rejected("hostile/xinclude.xml", HP_E_SCHEMA, NULL); }

Test(ontology, parse_errors_carry_line_and_column) {
    hp_ontology *o = NULL;
    hp_error e = {0};
    const char *bad = "<?xml version='1.0'?>\n<ontology>\n  <oops>\n</ontology>\n";
    cr_assert_eq(hp_ontology_load_memory("bad.xml", bad, strlen(bad), &o, &e), HP_E_PARSE);
    cr_assert_str_eq(e.file, "bad.xml");
    cr_assert_eq(e.line, 4);
    cr_assert_gt(e.column, 0);
    char text[600];
    hp_error_format(&e, text, sizeof text);
    cr_assert(strncmp(text, "bad.xml:4:", 10) == 0, "%s", text);
}

Test(ontology, rejects_input_over_the_cap) {
    size_t n;
    char *text = hp_test_slurp(DATA("ontologies/mini.xml"), &n);
    hp_input in = {"mem.xml", text, n};
    hp_load_options opt = {0, 100, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_E_LIMIT);
    cr_assert(strstr(e.message, "100 bytes"), "%s", e.message);
    in.data = NULL;
    in.name = DATA("ontologies/mini.xml");
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_E_LIMIT, "files too");
    free(text);
}

/* ---- Semantic checks ------------------------------------------------------------------- */

static void expect_semantic(const char *from, const char *to, hp_status want, const char *words) {
    hp_error e;
    hp_status st = load_mutated(from, to, &e);
    cr_assert_eq(st, want, "%s -> %s: got %d (%s)", from, to, st, e.message);
    cr_assert_str_eq(e.file, "mutated.xml");
    cr_assert_gt(e.line, 0, "a line is given for: %s", e.message);
    cr_assert_gt(e.column, 0, "a column is given for: %s", e.message);
    cr_assert(strstr(e.message, words), "message '%s' lacks '%s'", e.message, words);
}

Test(ontology, semantic_duplicate_id) {
    expect_semantic("id=\"groin_pain\"", "id=\"side_pain\"", HP_E_DUPLICATE, "side_pain");
    expect_semantic("id=\"hot_joint\"", "id=\"side_pain\"", HP_E_DUPLICATE, "already defined");
}
Test(ontology, semantic_dangling_finding) {
    expect_semantic("<evidence finding=\"fever\"", "<evidence finding=\"fevre\"", HP_E_SEMANTIC,
                    "fevre");
}
Test(ontology, semantic_dangling_source) {
    expect_semantic("src=\"t1\">\n      <label>Side pain", "src=\"t9\">\n      <label>Side pain",
                    HP_E_SEMANTIC, "t9");
}
Test(ontology, semantic_dangling_treat) {
    expect_semantic("treat exercise=\"shell\"", "treat exercise=\"shel\"", HP_E_SEMANTIC, "shel");
}
Test(ontology, semantic_reference_of_wrong_kind) {
    expect_semantic("treat exercise=\"shell\"", "treat exercise=\"quick_steps\"", HP_E_SEMANTIC,
                    "is a advice");
}
Test(ontology, semantic_dangling_contraindication) {
    expect_semantic("contraindication condition=\"hot_joint\"",
                    "contraindication condition=\"cold_joint\"", HP_E_SEMANTIC, "cold_joint");
}
Test(ontology, semantic_dangling_translation) {
    expect_semantic("translate ref=\"side_thing\"", "translate ref=\"no_thing\"", HP_E_SEMANTIC,
                    "no_thing");
}
Test(ontology, semantic_strength_out_of_range) {
    expect_semantic("strength=\"0.9\"", "strength=\"1.0\"", HP_E_SEMANTIC, "strength");
}
Test(ontology, semantic_prior_out_of_range) {
    expect_semantic("prior=\"0.6\"", "prior=\"0\"", HP_E_SEMANTIC, "prior");
}
Test(ontology, semantic_condition_without_evidence) {
    expect_semantic("<evidence finding=\"fever\" strength=\"0.8\" src=\"t2\"/>\n      "
                    "<evidence finding=\"groin_pain\" strength=\"0.7\" src=\"t2\"/>",
                    "", HP_E_SEMANTIC, "no <evidence>");
}
Test(ontology, semantic_exercise_without_dosing) {
    expect_semantic(
        "<dosing sets=\"2\" reps=\"10\" days-per-week=\"3\" effort=\"moderate\" src=\"t1\"/>", "",
        HP_E_SEMANTIC, "no <dosing>");
}
Test(ontology, semantic_missing_english_label) {
    expect_semantic("<label>Groin pain</label>", "<label xml:lang=\"de\">Leiste</label>",
                    HP_E_SEMANTIC, "English");
}
Test(ontology, semantic_same_finding_twice) {
    expect_semantic("<evidence finding=\"groin_pain\" strength=\"0.1\"",
                    "<evidence finding=\"side_pain\" strength=\"0.1\"", HP_E_DUPLICATE, "twice");
}
Test(ontology, semantic_derived_finding_must_be_risk_factor) {
    expect_semantic("finding=\"slow_feet\" metric", "finding=\"fever\" metric", HP_E_SEMANTIC,
                    "risk_factor");
}

/* Loader checks that do not rely on the schema (it can be skipped for trusted input). */
Test(ontology, semantic_checks_without_schema) {
    size_t n;
    char *text = hp_test_slurp(DATA("ontologies/mini.xml"), &n);
    char *at = strstr(text, "strength=\"0.9\"");
    memcpy(at, "strength=\"1.9\"", 14);
    hp_input in = {"noschema.xml", text, n};
    hp_load_options opt = {HP_LOAD_SKIP_SCHEMA, 0, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_E_SEMANTIC);
    cr_assert(strstr(e.message, "strength"), "%s", e.message);
    cr_assert_gt(e.line, 0);
    memcpy(at, "strength=\"x.9\"", 14);
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_E_SCHEMA);
    cr_assert(strstr(e.message, "not a number"), "%s", e.message);
    free(text);
}

/* ---- Query API ------------------------------------------------------------------------- */

Test(ontology, lookup_and_ids) {
    hp_ontology *o = load_mini();
    hp_entity_kind k;
    size_t i;
    cr_assert_eq(hp_ontology_lookup(o, "fever", &k, &i), HP_OK);
    cr_assert_eq(k, HP_ENTITY_FINDING);
    cr_assert_str_eq(hp_ontology_id(o, k, i), "fever");
    cr_assert_eq(hp_ontology_lookup(o, "t2", &k, &i), HP_OK);
    cr_assert_eq(k, HP_ENTITY_SOURCE);
    cr_assert_eq(hp_ontology_lookup(o, "nothing", &k, &i), HP_E_NOT_FOUND);
    cr_assert_eq(hp_ontology_lookup(o, NULL, &k, &i), HP_E_INVALID);
    cr_assert_eq(hp_ontology_index(o, HP_ENTITY_CONDITION, "fever"), (size_t)-1);
    cr_assert_eq(hp_ontology_index(o, HP_ENTITY_CONDITION, "hot_joint"), 1);
    cr_assert_null(hp_ontology_id(o, HP_ENTITY_CONDITION, 2));
    cr_assert_null(hp_ontology_id(o, HP_ENTITY_KIND_COUNT, 0));
    /* every entry can be found by its own id */
    for (int kind = 0; kind < HP_ENTITY_KIND_COUNT; kind++)
        for (size_t j = 0; j < hp_ontology_count(o, (hp_entity_kind)kind); j++) {
            const char *id = hp_ontology_id(o, (hp_entity_kind)kind, j);
            cr_assert_eq(hp_ontology_index(o, (hp_entity_kind)kind, id), j, "%s", id);
        }
    hp_ontology_free(o);
}

Test(ontology, typed_views) {
    hp_ontology *o = load_mini();
    hp_source_info s;
    cr_assert_eq(hp_ontology_source(o, 1, &s), HP_OK);
    cr_assert_str_eq(s.id, "t2");
    cr_assert_str_eq(s.url, "https://example.org/t2");
    cr_assert_str_eq(s.citation, "Test source two");
    cr_assert_eq(hp_ontology_source(o, 0, &s), HP_OK);
    cr_assert_null(s.url);

    hp_finding_info f;
    cr_assert_eq(hp_ontology_finding(o, 3, &f), HP_OK);
    cr_assert_str_eq(f.id, "slow_feet");
    cr_assert_eq(f.kind, HP_FINDING_RISK_FACTOR);
    cr_assert_eq(f.group, HP_GROUP_BIOMECHANICS);
    cr_assert_float_eq(f.base_rate, 0.3, 1e-12);
    cr_assert_eq(f.n_treatments, 1);
    hp_treatment_link t;
    cr_assert_eq(hp_finding_treatment(o, 3, 0, &t), HP_OK);
    cr_assert_eq(t.kind, HP_ENTITY_ADVICE);
    cr_assert_str_eq(hp_ontology_id(o, HP_ENTITY_ADVICE, t.index), "quick_steps");
    cr_assert_eq(t.phase, HP_PHASE_BUILD);
    cr_assert_eq(hp_finding_treatment(o, 3, 1, &t), HP_E_NOT_FOUND);

    hp_condition_info c;
    cr_assert_eq(hp_ontology_condition(o, 0, &c), HP_OK);
    cr_assert_str_eq(c.id, "side_thing");
    cr_assert_float_eq(c.prior, 0.75, 1e-12, "priors are normalised");
    cr_assert_eq(c.seriousness, HP_SERIOUSNESS_MODERATE);
    cr_assert_float_eq(c.suspect_at, 0.2, 1e-12, "default suspect-at");
    cr_assert_eq(c.n_evidence, 2);
    hp_evidence_link l;
    cr_assert_eq(hp_condition_evidence(o, 0, 0, &l), HP_OK);
    cr_assert_str_eq(hp_ontology_id(o, HP_ENTITY_FINDING, l.finding), "side_pain");
    cr_assert_float_eq(l.strength, 0.9, 1e-12);
    cr_assert_str_eq(l.sources, "t1");
    cr_assert_eq(hp_condition_evidence(o, 0, 2, &l), HP_E_NOT_FOUND);
    cr_assert_eq(hp_condition_treatment(o, 0, 0, &t), HP_OK);
    cr_assert_eq(t.kind, HP_ENTITY_EXERCISE);
    cr_assert_eq(t.phase, HP_PHASE_STRENGTHEN);
    cr_assert_eq(hp_ontology_condition(o, 1, &c), HP_OK);
    cr_assert_float_eq(c.suspect_at, 0.1, 1e-12);
    cr_assert_eq(hp_ontology_condition(o, 2, &c), HP_E_NOT_FOUND);

    hp_red_flag_info r;
    cr_assert_eq(hp_ontology_red_flag(o, 0, &r), HP_OK);
    cr_assert_eq(r.level, HP_TRIAGE_URGENT);
    cr_assert_eq(r.n_findings, 2);
    cr_assert_str_eq(hp_ontology_id(o, HP_ENTITY_FINDING, hp_red_flag_finding(o, 0, 0)), "fever");
    cr_assert_eq(hp_red_flag_finding(o, 0, 2), (size_t)-1);
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_RED_FLAG, 0, HP_TEXT_MESSAGE, NULL),
                     "Fever with groin pain: go now.");

    hp_derived_rule_info d;
    cr_assert_eq(hp_ontology_derived_rule(o, 0, &d), HP_OK);
    cr_assert_eq(d.metric, HP_METRIC_CADENCE_SPM);
    cr_assert_eq(d.op, HP_COMPARE_LT);
    cr_assert_float_eq(d.threshold, 170, 1e-12);
    cr_assert_str_eq(hp_ontology_id(o, HP_ENTITY_FINDING, d.finding), "slow_feet");

    hp_exercise_info x;
    cr_assert_eq(hp_ontology_exercise(o, 0, &x), HP_OK);
    cr_assert_eq(x.kind, HP_EXERCISE_STRENGTH);
    cr_assert_str_eq(x.targets, "gluteus_medius");
    cr_assert_eq(x.dosing.sets, 2);
    cr_assert_eq(x.dosing.reps, 10);
    cr_assert_eq(x.dosing.hold_seconds, 0);
    cr_assert_eq(x.dosing.days_per_week, 3);
    cr_assert_eq(x.dosing.effort, HP_EFFORT_MODERATE);
    cr_assert_eq(x.progression.every_weeks, 2);
    cr_assert_eq(x.progression.max_reps, 15);
    cr_assert_eq(x.progression.effort, HP_EFFORT_MODERATE, "inherits the dosing effort");
    cr_assert_eq(x.n_contraindications, 1);
    hp_contraindication ci;
    cr_assert_eq(hp_exercise_contraindication(o, 0, 0, &ci), HP_OK);
    cr_assert_eq(ci.condition, 1);
    cr_assert_str_eq(ci.reason, "Not with an infected joint.");
    cr_assert(hp_exercise_contraindicated(o, 0, 1));
    cr_assert(!hp_exercise_contraindicated(o, 0, 0));
    cr_assert(!hp_exercise_contraindicated(o, 5, 0));

    hp_advice_info a;
    cr_assert_eq(hp_ontology_advice(o, 0, &a), HP_OK);
    cr_assert_eq(a.category, HP_ADVICE_FORM);
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_ADVICE, 0, HP_TEXT_TEXT, NULL),
                     "Take shorter, quicker steps.");
    hp_ontology_free(o);
}

Test(ontology, labels_fall_back_to_english) {
    hp_ontology *o = load_mini();
    size_t c = 0;
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, NULL),
                     "Side thing");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, ""), "Side thing");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, "de"),
                     "Seitending");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, "de-CH"),
                     "Seitending");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, "es"),
                     "Cosa lateral");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, "fr"),
                     "Side thing");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, 1, HP_TEXT_LABEL, "de"), "Hot joint");
    cr_assert_str_eq(hp_ontology_text(o, HP_ENTITY_CONDITION, c, HP_TEXT_DESCRIPTION, "de"),
                     "Pain at the side.");
    cr_assert_null(hp_ontology_text(o, HP_ENTITY_CONDITION, 1, HP_TEXT_DESCRIPTION, NULL));
    cr_assert_null(hp_ontology_text(o, HP_ENTITY_CONDITION, 9, HP_TEXT_LABEL, NULL));
    hp_ontology_free(o);

    /* the default ontology ships German and Spanish for a handful of entries */
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    size_t it = hp_ontology_index(o, HP_ENTITY_CONDITION, "it_band_syndrome");
    const char *en = hp_ontology_text(o, HP_ENTITY_CONDITION, it, HP_TEXT_LABEL, "en");
    const char *de = hp_ontology_text(o, HP_ENTITY_CONDITION, it, HP_TEXT_LABEL, "de");
    const char *es = hp_ontology_text(o, HP_ENTITY_CONDITION, it, HP_TEXT_LABEL, "es");
    cr_assert(strcmp(en, de) != 0 && strcmp(en, es) != 0 && strcmp(de, es) != 0);
    hp_ontology_free(o);
}

Test(ontology, reference_counting) {
    hp_ontology *o = load_mini();
    hp_ontology *again = hp_ontology_ref(o);
    cr_assert_eq(again, o);
    hp_ontology_free(o);
    cr_assert_eq(hp_ontology_count(again, HP_ENTITY_CONDITION), 2, "still alive");
    hp_ontology_free(again);
}

Test(ontology, whitespace_in_texts_is_collapsed) {
    hp_error e;
    cr_assert_eq(load_mutated("<description>Pain at the side.</description>",
                              "<description>\n   Pain   at\n the side.  </description>", &e),
                 HP_OK, "%s", e.message);
}

/* ---- The default ontology's content ------------------------------------------------------ */

Test(ontology, default_defines_the_whole_vocabulary) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    char path[1024];
    snprintf(path, sizeof path, "%s/data/vocabulary.tsv", HP_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char line[4096];
    int rows = 0, levels = 0;
    cr_assert_not_null(fgets(line, sizeof line, f), "header");
    while (fgets(line, sizeof line, f)) {
        char kind[64], id[128];
        if (sscanf(line, "%63[^\t]\t%127[^\t]", kind, id) != 2)
            continue;
        rows++;
        if (strcmp(kind, "triage") == 0) {
            int v;
            cr_assert_eq(hp_enum_parse(HP_ENUM_TRIAGE, id, &v), HP_OK, "triage level %s", id);
            levels++;
            continue;
        }
        hp_entity_kind k;
        size_t i;
        cr_assert_eq(hp_ontology_lookup(o, id, &k, &i), HP_OK, "%s '%s' is not defined", kind, id);
        if (strcmp(kind, "condition") == 0) {
            cr_assert_eq(k, HP_ENTITY_CONDITION, "%s", id);
        } else if (strcmp(kind, "exercise") == 0) {
            cr_assert_eq(k, HP_ENTITY_EXERCISE, "%s", id);
        } else if (strcmp(kind, "advice") == 0) {
            cr_assert_eq(k, HP_ENTITY_ADVICE, "%s", id);
        } else if (strcmp(kind, "finding") == 0 || strcmp(kind, "risk_factor") == 0) {
            cr_assert_eq(k, HP_ENTITY_FINDING, "%s", id);
            hp_finding_info fi;
            hp_ontology_finding(o, i, &fi);
            int is_rf = fi.kind == HP_FINDING_RISK_FACTOR;
            cr_assert_eq(is_rf, strcmp(kind, "risk_factor") == 0, "%s has kind %s", id,
                         hp_enum_name(HP_ENUM_FINDING_KIND, fi.kind));
        } else {
            cr_assert_fail("unknown vocabulary kind %s", kind);
        }
    }
    fclose(f);
    cr_assert_gt(rows, 150);
    cr_assert_eq(levels, 3);
    hp_ontology_free(o);
}

static void assert_sourced(const hp_ontology *o, const char *what, const char *src) {
    cr_assert(src && *src, "%s has no source", what);
    /* every source id named is a declared source */
    char buf[512];
    snprintf(buf, sizeof buf, "%s", src);
    for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " "))
        cr_assert_neq(hp_ontology_index(o, HP_ENTITY_SOURCE, tok), (size_t)-1,
                      "%s cites unknown source %s", what, tok);
}

Test(ontology, every_fact_has_a_source) {
    hp_ontology *o = NULL;
    cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
    for (int k = HP_ENTITY_FINDING; k < HP_ENTITY_KIND_COUNT; k++)
        for (size_t i = 0; i < hp_ontology_count(o, (hp_entity_kind)k); i++)
            assert_sourced(o, hp_ontology_id(o, (hp_entity_kind)k, i),
                           hp_ontology_sources(o, (hp_entity_kind)k, i));
    for (size_t c = 0; c < hp_ontology_count(o, HP_ENTITY_CONDITION); c++) {
        hp_condition_info ci;
        hp_ontology_condition(o, c, &ci);
        cr_assert_gt(ci.n_evidence, 0, "%s has findings", ci.id);
        for (size_t j = 0; j < ci.n_evidence; j++) {
            hp_evidence_link l;
            hp_condition_evidence(o, c, j, &l);
            assert_sourced(o, ci.id, l.sources);
        }
        for (size_t j = 0; j < ci.n_treatments; j++) {
            hp_treatment_link t;
            hp_condition_treatment(o, c, j, &t);
            assert_sourced(o, ci.id, t.sources);
        }
    }
    for (size_t f = 0; f < hp_ontology_count(o, HP_ENTITY_FINDING); f++) {
        hp_finding_info fi;
        hp_ontology_finding(o, f, &fi);
        for (size_t j = 0; j < fi.n_treatments; j++) {
            hp_treatment_link t;
            hp_finding_treatment(o, f, j, &t);
            assert_sourced(o, fi.id, t.sources);
        }
        cr_assert_not_null(hp_ontology_text(o, HP_ENTITY_FINDING, f, HP_TEXT_QUESTION, NULL));
    }
    for (size_t e = 0; e < hp_ontology_count(o, HP_ENTITY_EXERCISE); e++) {
        hp_exercise_info x;
        hp_ontology_exercise(o, e, &x);
        assert_sourced(o, x.id, x.dosing.sources);
        cr_assert_geq(x.dosing.sets, 1, "%s has dosing", x.id);
        cr_assert(x.dosing.reps || x.dosing.hold_seconds || x.dosing.minutes, "%s", x.id);
        if (x.progression.every_weeks)
            assert_sourced(o, x.id, x.progression.sources);
        for (size_t j = 0; j < x.n_contraindications; j++) {
            hp_contraindication ci;
            hp_exercise_contraindication(o, e, j, &ci);
            assert_sourced(o, x.id, ci.sources);
            cr_assert(ci.reason && *ci.reason, "%s: contraindication has a reason", x.id);
        }
    }
    for (size_t s = 0; s < hp_ontology_count(o, HP_ENTITY_SOURCE); s++) {
        hp_source_info si;
        hp_ontology_source(o, s, &si);
        cr_assert(si.citation && strlen(si.citation) > 10, "source %s has a citation", si.id);
    }
    hp_ontology_free(o);
}
