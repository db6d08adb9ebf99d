/* The loader's own checks, one bad input at a time: every rejection names the file, the line
 * (and a column) and the attribute, element or id at fault; odd but valid input loads with
 * the texts and numbers it says. Inputs are tests/data/ontologies/mini.xml with one
 * replacement, loaded from memory with or without the schema. */
#include <string.h>
#include <unistd.h>

#include "test_util.h"

TestSuite(loader_errors, .fini = hp_test_leak_check);

#define NS "xmlns='urn:x-hippain:ontology:1'"
#define SCHEMA 0u
#define NO_SCHEMA HP_LOAD_SKIP_SCHEMA

static char *mini_text(size_t *n) {
    char path[1024];
    return hp_test_slurp(hp_test_path(path, sizeof path, "ontologies/mini.xml"), n);
}

/* mini.xml with `from` (which must occur) replaced by `to`; *line receives the 1-based line
   on which the replacement starts. malloc'ed. */
static char *mutate(const char *from, const char *to, int *line, size_t *n_out) {
    return hp_test_replaced("ontologies/mini.xml", from, to, line, n_out);
}

/* Load a mutation of mini.xml as "bad.xml"; the ontology (or NULL) goes to *out. */
static hp_status load_variant(const char *from, const char *to, unsigned flags, int *line,
                              hp_ontology **out, hp_error *e) {
    size_t n;
    char *text = mutate(from, to, line, &n);
    hp_input in = {"bad.xml", text, n};
    hp_load_options opt = {flags, 0, NULL};
    hp_error_clear(e);
    *out = (hp_ontology *)1; /* must be reset */
    hp_status st = hp_ontology_load(&in, 1, &opt, out, e);
    free(text);
    if (st != HP_OK)
        cr_assert_null(*out, "no ontology on failure");
    return st;
}

/* The mutation is rejected with `want`, at the line of the replacement plus `dline`, with a
   message containing each of the words (NULL-terminated). */
static void expect_error_at(const char *from, const char *to, unsigned flags, hp_status want,
                            int dline, const char *const *words) {
    hp_ontology *o = NULL;
    hp_error e;
    int line = 0;
    hp_status st = load_variant(from, to, flags, &line, &o, &e);
    cr_assert_eq(st, want, "%s -> %s: got %d (%s)", from, to, st, e.message);
    cr_assert_eq(e.code, want);
    cr_assert_str_eq(e.file, "bad.xml");
    cr_assert_eq(e.line, line + dline, "%s -> %s: line %d, not %d (%s)", from, to, e.line,
                 line + dline, e.message);
    cr_assert_gt(e.column, 0, "%s -> %s: a column is given for: %s", from, to, e.message);
    for (const char *const *w = words; *w; w++)
        cr_assert(strstr(e.message, *w), "%s -> %s: message '%s' lacks '%s'", from, to, e.message,
                  *w);
}

#define EXPECT(from, to, flags, want, ...)                 \
    do {                                                   \
        const char *const words_[] = {__VA_ARGS__, NULL};  \
        expect_error_at(from, to, flags, want, 0, words_); \
    } while (0)

/* Both with and without the schema: the loader's own checks run first. */
#define EXPECT_BOTH(from, to, want, ...)                \
    do {                                                \
        EXPECT(from, to, SCHEMA, want, __VA_ARGS__);    \
        EXPECT(from, to, NO_SCHEMA, want, __VA_ARGS__); \
    } while (0)

/* The RELAX NG validator rejects the mutation: its messages name the element or attribute
   and a line, but no column (libxml2 keeps none for nodes). */
static void expect_schema_error(const char *from, const char *to, const char *word) {
    hp_ontology *o = NULL;
    hp_error e;
    hp_status st = load_variant(from, to, SCHEMA, NULL, &o, &e);
    cr_assert_eq(st, HP_E_SCHEMA, "%s -> %s: got %d (%s)", from, to, st, e.message);
    cr_assert_str_eq(e.file, "bad.xml");
    cr_assert_gt(e.line, 0, "%s -> %s: %s", from, to, e.message);
    cr_assert(strstr(e.message, word), "%s -> %s: message '%s' lacks '%s'", from, to, e.message,
              word);
}

/* Found by the loader without the schema; with it, the schema rejects the input first. */
#define EXPECT_UNSCHEMED(from, to, schema_word, want, ...) \
    do {                                                   \
        expect_schema_error(from, to, schema_word);        \
        EXPECT(from, to, NO_SCHEMA, want, __VA_ARGS__);    \
    } while (0)

/* The mutation loads; returns the ontology. */
static hp_ontology *expect_loads(const char *from, const char *to, unsigned flags) {
    hp_ontology *o = NULL;
    hp_error e;
    hp_status st = load_variant(from, to, flags, NULL, &o, &e);
    cr_assert_eq(st, HP_OK, "%s -> %s: %s:%d: %s", from, to, e.file, e.line, e.message);
    cr_assert_not_null(o);
    return o;
}

static const char *label_of(const hp_ontology *o, hp_entity_kind kind, const char *id,
                            hp_text_field field, const char *lang) {
    size_t i = hp_ontology_index(o, kind, id);
    cr_assert_neq(i, (size_t)-1, "%s not found", id);
    return hp_ontology_text(o, kind, i, field, lang);
}

/* ---- Attributes ---------------------------------------------------------------------- */

Test(loader_errors, unknown_attribute_is_left_to_the_schema) {
    /* the loader ignores attributes it does not read; the schema names them */
    hp_ontology *o = NULL;
    hp_error e;
    int line = 0;
    cr_assert_eq(load_variant("<source id=\"t1\">", "<source id=\"t1\" colour=\"red\">", SCHEMA,
                              &line, &o, &e),
                 HP_E_SCHEMA);
    cr_assert_str_eq(e.file, "bad.xml");
    cr_assert_eq(e.line, line);
    cr_assert(strstr(e.message, "colour"), "%s", e.message);
    o = expect_loads("<source id=\"t1\">", "<source id=\"t1\" colour=\"red\">", NO_SCHEMA);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_SOURCE), 2);
    hp_ontology_free(o);
}

Test(loader_errors, missing_required_attributes) {
    EXPECT_BOTH("<evidence finding=\"side_pain\" strength", "<evidence strength", HP_E_SCHEMA,
                "<evidence> needs the attribute 'finding'");
    EXPECT_BOTH("id=\"groin_pain\" kind=\"symptom\"", "kind=\"symptom\"", HP_E_SCHEMA,
                "<finding> needs the attribute 'id'");
    EXPECT_BOTH("base-rate=\"0.4\"", "", HP_E_SCHEMA, "'base-rate'");
    EXPECT_BOTH("<treat advice=\"quick_steps\" phase=\"build\" src=\"t2\"/>",
                "<treat advice=\"quick_steps\" phase=\"build\"/>", HP_E_SCHEMA,
                "<treat> needs the attribute 'src'");
    EXPECT_BOTH("level=\"urgent\"", "", HP_E_SCHEMA, "<red-flag> needs the attribute 'level'");
}

Test(loader_errors, invalid_ids) {
    EXPECT_BOTH("id=\"groin_pain\"", "id=\"Groin_pain\"", HP_E_SCHEMA,
                "<finding id=\"Groin_pain\">: not a valid id");
    EXPECT_BOTH("id=\"groin_pain\"", "id=\"groin-pain\"", HP_E_SCHEMA, "not a valid id");
    EXPECT_BOTH("id=\"groin_pain\"", "id=\"9groin\"", HP_E_SCHEMA, "not a valid id");
    EXPECT_BOTH("id=\"groin_pain\"", "id=\"gROIN\"", HP_E_SCHEMA, "not a valid id");
    EXPECT_BOTH("id=\"groin_pain\"", "id=\"_groin\"", HP_E_SCHEMA, "not a valid id");
    EXPECT_BOTH("<source id=\"t1\">", "<source id=\"T1\">", HP_E_SCHEMA,
                "<source id=\"T1\">: not a valid id");
    EXPECT_BOTH("<source id=\"t1\">", "<source id=\"_1\">", HP_E_SCHEMA, "not a valid id");
    EXPECT_BOTH("id=\"groin_pain\"", "id=\"\"", HP_E_SCHEMA, "id");
    /* 63 characters are allowed, 64 are not */
    char id63[64], from[80], to[120];
    memset(id63, 'g', 63);
    id63[63] = '\0';
    snprintf(to, sizeof to, "<sources><source id=\"%s\">S</source>", id63);
    hp_ontology *o = expect_loads("<sources>", to, SCHEMA);
    cr_assert_neq(hp_ontology_index(o, HP_ENTITY_SOURCE, id63), (size_t)-1);
    hp_ontology_free(o);
    snprintf(to, sizeof to, "id=\"%sg\"", id63);
    EXPECT_BOTH("id=\"groin_pain\"", to, HP_E_SCHEMA, "not a valid id");
    /* a reference is checked like an id */
    snprintf(from, sizeof from, "<when finding=\"fever\"/>");
    EXPECT_BOTH(from, "<when finding=\"Fever\"/>", HP_E_SCHEMA, "<when finding=\"Fever\">");
}

Test(loader_errors, source_ids_may_start_with_a_digit) {
    hp_ontology *o = expect_loads(
        "<source id=\"t1\">Test source one</source>",
        "<source id=\"t1\">Test source one</source><source id=\"2024_who\">WHO, 2024</source>",
        SCHEMA);
    size_t i = hp_ontology_index(o, HP_ENTITY_SOURCE, "2024_who");
    cr_assert_neq(i, (size_t)-1);
    hp_source_info s;
    cr_assert_eq(hp_ontology_source(o, i, &s), HP_OK);
    cr_assert_str_eq(s.citation, "WHO, 2024");
    cr_assert_null(s.url);
    hp_ontology_free(o);
}

Test(loader_errors, unknown_enumeration_values) {
    EXPECT_BOTH("kind=\"symptom\"", "kind=\"sympton\"", HP_E_SCHEMA,
                "<finding kind=\"sympton\">: unknown value");
    EXPECT_BOTH("group=\"location\"", "group=\"place\"", HP_E_SCHEMA, "group=\"place\"");
    EXPECT_BOTH("seriousness=\"moderate\"", "seriousness=\"grave\"", HP_E_SCHEMA, "grave");
    EXPECT_BOTH("phase=\"build\"", "phase=\"later\"", HP_E_SCHEMA, "<treat phase=\"later\">");
    EXPECT_BOTH("metric=\"cadence_spm\"", "metric=\"steps\"", HP_E_SCHEMA, "metric=\"steps\"");
    EXPECT_BOTH("op=\"lt\"", "op=\"less\"", HP_E_SCHEMA, "op=\"less\"");
    EXPECT_BOTH("effort=\"moderate\"", "effort=\"brutal\"", HP_E_SCHEMA, "brutal");
    EXPECT_BOTH("category=\"form\"", "category=\"misc\"", HP_E_SCHEMA, "misc");
    EXPECT_BOTH("field=\"label\"", "field=\"title\"", HP_E_SCHEMA, "<translate field=\"title\">");
    EXPECT_BOTH("kind=\"strength\"", "kind=\"yoga\"", HP_E_SCHEMA, "yoga");
    /* the progression's optional effort is checked when given */
    EXPECT_BOTH("max-reps=\"15\"", "max-reps=\"15\" effort=\"brutal\"", HP_E_SCHEMA,
                "<progression effort=\"brutal\">");
}

Test(loader_errors, numbers) {
    EXPECT_BOTH("base-rate=\"0.4\"", "base-rate=\"lots\"", HP_E_SCHEMA,
                "<finding base-rate=\"lots\">: not a number");
    EXPECT_BOTH("base-rate=\"0.4\"", "base-rate=\"0.4x\"", HP_E_SCHEMA, "not a number");
    EXPECT_BOTH("base-rate=\"0.4\"", "base-rate=\"\"", HP_E_SCHEMA, "base-rate");
    EXPECT("base-rate=\"0.4\"", "base-rate=\"1e999\"", NO_SCHEMA, HP_E_SCHEMA,
           "not a number"); /* out of double's range */
    EXPECT("base-rate=\"0.4\"", "base-rate=\"nan\"", NO_SCHEMA, HP_E_SCHEMA, "not a number");
    EXPECT("base-rate=\"0.4\"", "base-rate=\"inf\"", NO_SCHEMA, HP_E_SCHEMA, "not a number");
    /* ranges name the entry, the attribute and the interval with its open ends */
    EXPECT_BOTH("base-rate=\"0.4\"", "base-rate=\"1\"", HP_E_SEMANTIC,
                "'groin_pain': base-rate=1 is out of range (0, 1)");
    EXPECT_BOTH("base-rate=\"0.4\"", "base-rate=\"-0.5\"", HP_E_SEMANTIC, "(0, 1)");
    EXPECT_BOTH("suspect-at=\"0.1\"", "suspect-at=\"1.5\"", HP_E_SEMANTIC,
                "'hot_joint': suspect-at=1.5 is out of range (0, 1]");
    EXPECT_BOTH("prior=\"0.6\"", "prior=\"2\"", HP_E_SEMANTIC, "(0, 1]");
    /* an <evidence> has no id: the message starts at the attribute */
    EXPECT_BOTH("strength=\"0.9\"", "strength=\"0\"", HP_E_SEMANTIC,
                "strength=0 is out of range (0, 1)");
    EXPECT_BOTH("threshold=\"170\"", "threshold=\"2e9\"", HP_E_SEMANTIC,
                "'derive_slow_feet': threshold=2e9 is out of range [-1e+09, 1e+09]");
    /* whole numbers */
    EXPECT_BOTH("sets=\"2\"", "sets=\"2.5\"", HP_E_SCHEMA, "<dosing sets>: not a whole number");
    EXPECT_BOTH("sets=\"2\"", "sets=\"two\"", HP_E_SCHEMA, "<dosing sets=\"two\">: not a number");
    EXPECT_BOTH("sets=\"2\"", "sets=\"0\"", HP_E_SEMANTIC, "sets=0 is out of range [1, 20]");
    EXPECT_BOTH("days-per-week=\"3\"", "days-per-week=\"8\"", HP_E_SEMANTIC, "days-per-week=8");
    EXPECT_BOTH("every-weeks=\"2\"", "every-weeks=\"0\"", HP_E_SEMANTIC, "every-weeks=0");
    EXPECT_BOTH("max-reps=\"15\"", "max-reps=\"15.5\"", HP_E_SCHEMA,
                "<progression max-reps>: not a whole number");
}

Test(loader_errors, numbers_with_spaces_around_them) {
    /* white space after a number is allowed, as the schema's xsd:double allows it */
    hp_ontology *o = expect_loads("base-rate=\"0.4\"", "base-rate=\"0.25  \"", SCHEMA);
    hp_finding_info f;
    cr_assert_eq(hp_ontology_finding(o, hp_ontology_index(o, HP_ENTITY_FINDING, "groin_pain"), &f),
                 HP_OK);
    cr_assert_float_eq(f.base_rate, 0.25, 1e-12);
    hp_ontology_free(o);
}

Test(loader_errors, sources) {
    EXPECT_BOTH("<evidence finding=\"side_pain\" strength=\"0.9\" src=\"t1\"/>",
                "<evidence finding=\"side_pain\" strength=\"0.9\" src=\"   \"/>", HP_E_SCHEMA,
                "<evidence src>: no source given");
    EXPECT_BOTH("<advice id=\"quick_steps\" category=\"form\" src=\"t2\">",
                "<advice id=\"quick_steps\" category=\"form\" src=\"t2 side_pain\">", HP_E_SEMANTIC,
                "src names 'side_pain', which is not a declared source");
    char to[200];
    snprintf(to, sizeof to, "<advice id=\"quick_steps\" category=\"form\" src=\"t1 %070d\">", 7);
    EXPECT_UNSCHEMED("<advice id=\"quick_steps\" category=\"form\" src=\"t2\">", to, "list",
                     HP_E_SEMANTIC, "source id '00000000000000000000...' is too long");
    /* several sources, with extra spaces, are normalised */
    hp_ontology *o =
        expect_loads("<advice id=\"quick_steps\" category=\"form\" src=\"t2\">",
                     "<advice id=\"quick_steps\" category=\"form\" src=\" t2   t1 \">", SCHEMA);
    cr_assert_str_eq(hp_ontology_sources(o, HP_ENTITY_ADVICE, 0), "t2 t1");
    hp_ontology_free(o);
    /* sources of dosing and progression rules are checked too */
    /* sources of dosing and progression rules are checked too, reported at the <exercise>
       (three and four lines up) */
    const char *const t3[] = {"src names 't3'", NULL};
    expect_error_at("effort=\"moderate\" src=\"t1\"", "effort=\"moderate\" src=\"t3\"", SCHEMA,
                    HP_E_SEMANTIC, -3, t3);
    expect_error_at("max-reps=\"15\" src=\"t1\"", "max-reps=\"15\" src=\"t3\"", SCHEMA,
                    HP_E_SEMANTIC, -4, t3);
}

/* ---- Elements ------------------------------------------------------------------------ */

Test(loader_errors, treat_needs_exactly_one_target) {
    EXPECT_BOTH("<treat advice=\"quick_steps\"", "<treat exercise=\"shell\" advice=\"quick_steps\"",
                HP_E_SCHEMA, "<treat> needs exactly one of 'exercise' or 'advice'");
    EXPECT_BOTH("<treat advice=\"quick_steps\"", "<treat", HP_E_SCHEMA, "exactly one");
}

Test(loader_errors, red_flags) {
    EXPECT_BOTH("level=\"urgent\"", "level=\"self_care\"", HP_E_SEMANTIC,
                "red flag 'rf_fever_groin': level must be see_clinician or urgent");
    EXPECT_BOTH("level=\"urgent\"", "level=\"soon\"", HP_E_SCHEMA, "unknown value");
    {
        /* reported at the <red-flag> */
        const char *const words[] = {"red flag 'rf_fever_groin' has no <when>", NULL};
        const char *whens = "<when finding=\"fever\"/>\n      <when finding=\"groin_pain\"/>";
        expect_error_at(whens, "", SCHEMA, HP_E_SEMANTIC, -1, words);
        expect_error_at(whens, "", NO_SCHEMA, HP_E_SEMANTIC, -1, words);
    }
    EXPECT_BOTH("<when finding=\"fever\"/>", "<when finding=\"fevr\"/>", HP_E_SEMANTIC,
                "red-flag finding 'fevr': no such finding");
    EXPECT_BOTH("<when finding=\"fever\"/>", "<when finding=\"shell\"/>", HP_E_SEMANTIC,
                "red-flag finding 'shell' is a exercise, not a finding");
    EXPECT_UNSCHEMED("<when finding=\"fever\"/>", "<when finding=\"fever\"/><cue>Go.</cue>", "when",
                     HP_E_SEMANTIC, "a red_flag cannot have a cue text");
    EXPECT_BOTH("<when finding=\"fever\"/>", "<when finding=\"fever\"/><treat/>", HP_E_SCHEMA,
                "unexpected element <treat> in <red-flag>");
}

Test(loader_errors, red_flag_naming_a_finding_twice_fires_once) {
    hp_ontology *o =
        expect_loads("<when finding=\"groin_pain\"/>", "<when finding=\"fever\"/>", SCHEMA);
    hp_red_flag_info r;
    cr_assert_eq(hp_ontology_red_flag(o, 0, &r), HP_OK);
    cr_assert_eq(r.n_findings, 2);
    size_t fever = hp_ontology_index(o, HP_ENTITY_FINDING, "fever");
    cr_assert_eq(hp_red_flag_finding(o, 0, 0), fever);
    cr_assert_eq(hp_red_flag_finding(o, 0, 1), fever);
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, NULL), HP_OK);
    cr_assert_eq(hp_profile_set(p, "fever", HP_ANSWER_PRESENT, NULL), HP_OK);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, NULL), HP_OK);
    cr_assert_eq(hp_assessment_triage(a), HP_TRIAGE_URGENT);
    size_t rules = 0;
    for (size_t i = 0; i < hp_assessment_reason_count(a); i++) {
        hp_triage_reason t;
        cr_assert_eq(hp_assessment_reason(a, i, &t), HP_OK);
        if (t.rule) {
            cr_assert_str_eq(t.rule, "rf_fever_groin");
            rules++;
        }
    }
    cr_assert_eq(rules, 1, "the rule is reported once");
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
}

Test(loader_errors, derived_rules) {
    const char *from = "threshold=\"170\" src=\"t2\"/>";
    EXPECT_BOTH(from, "threshold=\"170\" src=\"t2\"><when finding=\"fever\"/></derive>",
                HP_E_SCHEMA, "unexpected element <when> in <derive>");
    EXPECT_UNSCHEMED(from, "threshold=\"170\" src=\"t2\"><question>Slow?</question></derive>",
                     "question", HP_E_SEMANTIC, "a derived_rule cannot have a question text");
    EXPECT_BOTH("finding=\"slow_feet\" metric", "finding=\"slow_fet\" metric", HP_E_SEMANTIC,
                "derived finding 'slow_fet': no such finding");
    /* a label and a description are allowed (the schema has <derive> empty: they come in
       translations, or inline in trusted input) */
    hp_ontology *o = expect_loads(from,
                                  "threshold=\"170\" src=\"t2\"><label>Slow   feet</label>"
                                  "<description>Cadence under 170.</description></derive>",
                                  NO_SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_DERIVED_RULE, "derive_slow_feet", HP_TEXT_LABEL, NULL),
                     "Slow feet");
    cr_assert_str_eq(
        label_of(o, HP_ENTITY_DERIVED_RULE, "derive_slow_feet", HP_TEXT_DESCRIPTION, "de"),
        "Cadence under 170.");
    hp_ontology_free(o);
    o = expect_loads(
        "<translate ref",
        "<translate ref=\"derive_slow_feet\" field=\"label\">Lento</translate><translate ref",
        SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_DERIVED_RULE, "derive_slow_feet", HP_TEXT_LABEL, "es"),
                     "Lento");
    cr_assert_null(label_of(o, HP_ENTITY_DERIVED_RULE, "derive_slow_feet", HP_TEXT_LABEL, NULL),
                   "no English label: none in another language is given for English");
    hp_ontology_free(o);
}

Test(loader_errors, exercises) {
    const char *dosing =
        "<dosing sets=\"2\" reps=\"10\" days-per-week=\"3\" effort=\"moderate\" src=\"t1\"/>";
    EXPECT_BOTH(dosing, "<dosing sets=\"2\" days-per-week=\"3\" effort=\"moderate\" src=\"t1\"/>",
                HP_E_SEMANTIC,
                "<dosing> needs at least one of 'reps', 'hold-seconds' or 'minutes'");
    char two[300];
    snprintf(two, sizeof two, "%s\n      %s", dosing, dosing);
    const char *const words[] = {"exercise 'shell' has two <dosing>", NULL};
    expect_error_at(dosing, two, SCHEMA, HP_E_SCHEMA, 1, words);
    expect_error_at(dosing, two, NO_SCHEMA, HP_E_SCHEMA, 1, words);
    EXPECT_BOTH("src=\"t2\">Not with an infected joint.</contraindication>",
                "src=\"t2\"> </contraindication>", HP_E_SCHEMA,
                "<contraindication> needs a reason");
    EXPECT_BOTH("<contraindication condition=\"hot_joint\"", "<contraindication", HP_E_SCHEMA,
                "<contraindication> needs the attribute 'condition'");
    EXPECT_UNSCHEMED("<description>Open and close the knees.</description>",
                     "<description>Open and close the knees.</description><message>x</message>",
                     "description", HP_E_SEMANTIC, "exercise cannot have a message text");
    EXPECT_BOTH("<description>Open and close the knees.</description>",
                "<description>Open and close the knees.</description><step>x</step>", HP_E_SCHEMA,
                "unexpected element <step> in <exercise>");
    /* trusted input may leave out the targets (the schema requires them); a cue is allowed */
    hp_ontology *o = expect_loads(
        "<exercise id=\"shell\" kind=\"strength\" targets=\"gluteus_medius\" src=\"t1\">",
        "<exercise id=\"shell\" kind=\"strength\" src=\"t1\"><cue>Knees soft.</cue>", NO_SCHEMA);
    hp_exercise_info x;
    cr_assert_eq(hp_ontology_exercise(o, 0, &x), HP_OK);
    cr_assert(x.targets == NULL || x.targets[0] == '\0', "no targets: '%s'", x.targets);
    cr_assert_str_eq(label_of(o, HP_ENTITY_EXERCISE, "shell", HP_TEXT_CUE, NULL), "Knees soft.");
    hp_ontology_free(o);
}

Test(loader_errors, advice_and_findings) {
    EXPECT_BOTH("<text>Take shorter, quicker steps.</text>",
                "<text>Take shorter, quicker steps.</text><dosing/>", HP_E_SCHEMA,
                "unexpected element <dosing> in <advice>");
    EXPECT_BOTH("<question>Does the groin hurt?</question>",
                "<question>Does the groin hurt?</question><when finding=\"fever\"/>", HP_E_SCHEMA,
                "unexpected element <when> in <finding>");
    EXPECT_UNSCHEMED("<question>Does the groin hurt?</question>",
                     "<question>Does the groin hurt?</question><text>x</text>", "text",
                     HP_E_SEMANTIC, "a finding cannot have a text text");
    EXPECT_UNSCHEMED("<label>Hot joint</label>",
                     "<label>Hot joint</label><question>Hot?</question>", "label", HP_E_SEMANTIC,
                     "a condition cannot have a question text");
    EXPECT_BOTH("<evidence finding=\"fever\"",
                "<when finding=\"fever\"/><evidence finding=\"fever\"", HP_E_SCHEMA,
                "unexpected element <when> in <condition>");
    /* required English texts beyond the label, reported at the entry */
    const char *const question[] = {"finding 'groin_pain' has no English <question>", NULL};
    const char *const text[] = {"advice 'quick_steps' has no English <text>", NULL};
    const char *const message[] = {"red_flag 'rf_fever_groin' has no English <message>", NULL};
    for (unsigned flags = 0; flags <= NO_SCHEMA; flags += NO_SCHEMA)
        expect_error_at("<question>Does the groin hurt?</question>",
                        "<question xml:lang=\"de\">Tut die Leiste weh?</question>", flags,
                        HP_E_SEMANTIC, -2, question);
    /* the schema itself requires these two */
    expect_schema_error("<text>Take shorter, quicker steps.</text>", "", "label");
    expect_error_at("<text>Take shorter, quicker steps.</text>", "", NO_SCHEMA, HP_E_SEMANTIC, -2,
                    text);
    expect_schema_error("<message>Fever with groin pain: go now.</message>", "", "when");
    expect_error_at("<message>Fever with groin pain: go now.</message>", "", NO_SCHEMA,
                    HP_E_SEMANTIC, -3, message);
    EXPECT_BOTH("<source id=\"t1\">Test source one</source>", "<source id=\"t1\"/>", HP_E_SCHEMA,
                "source 't1' has no citation");
}

Test(loader_errors, sections_and_root) {
    EXPECT_BOTH("<advice-items>", "<extras/><advice-items>", HP_E_SCHEMA,
                "unexpected element <extras> in <ontology>");
    EXPECT_BOTH("<source id=\"t1\">Test source one</source>",
                "<source id=\"t1\">Test source one</source><finding/>", HP_E_SCHEMA,
                "unexpected element <finding> in <sources>");
    EXPECT_BOTH("<translate ref", "<label>x</label><translate ref", HP_E_SCHEMA,
                "unexpected element <label> in <translations>");
    EXPECT_BOTH("format=\"1\" ", "", HP_E_SCHEMA, "unsupported format '(missing)'");
    EXPECT_BOTH("format=\"1\" ", "format=\"2\" ", HP_E_SCHEMA, "unsupported format '2'");
}

Test(loader_errors, translations) {
    EXPECT_BOTH(">Cosa lateral</translate>", "> </translate>", HP_E_SCHEMA,
                "<translate ref=\"side_thing\"> is empty");
    EXPECT_BOTH("field=\"label\">Cosa", "field=\"question\">Cosa", HP_E_SEMANTIC,
                "a condition cannot have a question text");
    {
        /* reported at the second one, naming the first */
        const char *const words[] = {"'side_thing' already has a label text in 'es' at bad.xml:69",
                                     NULL};
        const char *one = "<translate ref=\"side_thing\" field=\"label\">Cosa lateral</translate>";
        char two[200];
        snprintf(two, sizeof two, "%s\n    %s", one, one);
        expect_error_at(one, two, SCHEMA, HP_E_DUPLICATE, 1, words);
    }
    hp_ontology *o = expect_loads("field=\"label\">Cosa", "field=\"description\">Cosa", SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_CONDITION, "side_thing", HP_TEXT_DESCRIPTION, "es-MX"),
                     "Cosa lateral");
    hp_ontology_free(o);
}

/* ---- Texts ----------------------------------------------------------------------------- */

Test(loader_errors, empty_texts) {
    EXPECT_BOTH("<label>Groin pain</label>", "<label/>", HP_E_SCHEMA, "<label> is empty");
    EXPECT_BOTH("<label>Groin pain</label>", "<label>\n   \t </label>", HP_E_SCHEMA,
                "<label> is empty");
    EXPECT_BOTH("<label>Groin pain</label>", "<label><!-- nothing --></label>", HP_E_SCHEMA,
                "<label> is empty");
}

Test(loader_errors, text_white_space_is_collapsed) {
    hp_ontology *o = expect_loads("<label>Groin pain</label>",
                                  "<label>  Groin\t pain &#xD; here  </label>", SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_FINDING, "groin_pain", HP_TEXT_LABEL, NULL),
                     "Groin pain here");
    hp_ontology_free(o);
    o = expect_loads("<label>Groin pain</label>", "<label>Groin pain </label>", SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_FINDING, "groin_pain", HP_TEXT_LABEL, NULL),
                     "Groin pain");
    hp_ontology_free(o);
    /* a long text (more than the loader's stack buffer) */
    char to[2200], want[2200];
    size_t k = 0, w = 0;
    k += (size_t)snprintf(to, sizeof to, "<description>\n");
    for (int i = 0; i < 100; i++) {
        k += (size_t)snprintf(to + k, sizeof to - k, "      word%02d\n", i);
        w += (size_t)snprintf(want + w, sizeof want - w, "%sword%02d", i ? " " : "", i);
    }
    snprintf(to + k, sizeof to - k, "    </description>");
    cr_assert_gt(strlen(to), 1024);
    o = expect_loads("<description>Pain at the side.</description>", to, SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_CONDITION, "side_thing", HP_TEXT_DESCRIPTION, NULL),
                     want);
    hp_ontology_free(o);
}

Test(loader_errors, texts_of_several_nodes) {
    hp_ontology *o = expect_loads("<label>Groin pain</label>",
                                  "<label>Groin <!-- a comment --> pain</label>", SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_FINDING, "groin_pain", HP_TEXT_LABEL, NULL),
                     "Groin pain");
    hp_ontology_free(o);
    o = expect_loads("<label>Groin pain</label>", "<label>Groin <![CDATA[<pain> & ache]]></label>",
                     SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_FINDING, "groin_pain", HP_TEXT_LABEL, NULL),
                     "Groin <pain> & ache");
    hp_ontology_free(o);
    /* predefined entities and character references are plain text */
    o = expect_loads("<label>Groin pain</label>", "<label>Groin &amp; &lt;hip&gt; &#x263A;</label>",
                     SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_FINDING, "groin_pain", HP_TEXT_LABEL, NULL),
                     "Groin & <hip> \xe2\x98\xba");
    hp_ontology_free(o);
    o = expect_loads("url=\"https://example.org/t2\"", "url=\"https://example.org/?a=1&amp;b=2\"",
                     SCHEMA);
    hp_source_info s;
    cr_assert_eq(hp_ontology_source(o, 1, &s), HP_OK);
    cr_assert_str_eq(s.url, "https://example.org/?a=1&b=2");
    hp_ontology_free(o);
}

Test(loader_errors, text_with_an_element_inside) {
    /* a text element holds text only: an element inside it is named, schema or not */
    EXPECT_BOTH("<label>Groin pain</label>", "<label>Groin <b>pain</b></label>", HP_E_SCHEMA,
                "unexpected element <b> in <label>");
    EXPECT_BOTH("<source id=\"t1\">Test source one</source>",
                "<source id=\"t1\">Test <i>source</i> one</source>", HP_E_SCHEMA,
                "unexpected element <i> in <source>");
}

Test(loader_errors, languages) {
    /* an empty xml:lang falls back to the enclosing language: a second English label */
    EXPECT("<label xml:lang=\"de\">Seitlicher Schmerz</label>",
           "<label xml:lang=\"\">Seitlicher Schmerz</label>", NO_SCHEMA, HP_E_DUPLICATE,
           "'side_pain' already has a label text in 'en' at bad.xml:10");
    /* only the xml prefix means xml:lang */
    EXPECT("<label xml:lang=\"de\">Seitlicher Schmerz</label>",
           "<label xmlns:x=\"urn:x\" x:lang=\"de\">Seitlicher Schmerz</label>", NO_SCHEMA,
           HP_E_DUPLICATE, "already has a label text in 'en'");
    /* a label in another namespace is not a label */
    EXPECT_BOTH("<label>Groin pain</label>", "<label xmlns=\"urn:other\">Groin pain</label>",
                HP_E_SCHEMA, "unexpected element <label> in <finding>");
    /* a language on a section applies to its entries, and English means "en" */
    const char *const words[] = {"finding 'side_pain' has no English <label>", NULL};
    expect_error_at("<findings>", "<findings xml:lang=\"en-GB\">", NO_SCHEMA, HP_E_SEMANTIC, 1,
                    words);
    hp_ontology *o = expect_loads("<advice-items>", "<advice-items xml:lang=\"en\">", NO_SCHEMA);
    cr_assert_str_eq(label_of(o, HP_ENTITY_ADVICE, "quick_steps", HP_TEXT_LABEL, "de"),
                     "Quick steps");
    hp_ontology_free(o);
}

Test(loader_errors, multi_line_start_tag_error_has_a_column) {
    /* libxml2 gives an element the line where its start tag ends; a line without a '<'
       gets column 1 */
    hp_ontology *o = NULL;
    hp_error e;
    int line = 0;
    hp_status st = load_variant("kind=\"symptom\" group=\"location\" base-rate=\"0.4\"",
                                "kind=\"sympton\"\n        group=\"location\" base-rate=\"0.4\"",
                                SCHEMA, &line, &o, &e);
    cr_assert_eq(st, HP_E_SCHEMA, "%s", e.message);
    cr_assert_eq(e.line, line + 1);
    cr_assert_eq(e.column, 1);
    char text[700];
    hp_error_format(&e, text, sizeof text);
    char want[40];
    snprintf(want, sizeof want, "bad.xml:%d:1: ", line + 1);
    cr_assert(strncmp(text, want, strlen(want)) == 0, "%s", text);
}

Test(loader_errors, lines_past_65535_are_exact) {
    /* libxml2's tree stops counting lines at 65535; the loader's own tree does not */
    size_t pad = 70000;
    char *to = malloc(pad + 64);
    cr_assert_not_null(to);
    memset(to, '\n', pad);
    strcpy(to + pad, "<label>Groin pain</label><bogus/>");
    hp_ontology *o = NULL;
    hp_error e;
    int line = 0;
    hp_status st = load_variant("<label>Groin pain</label>", to, NO_SCHEMA, &line, &o, &e);
    free(to);
    cr_assert_eq(st, HP_E_SCHEMA, "%s", e.message);
    cr_assert_eq(e.line, line + (int)pad, "line %d, not %d", e.line, line + (int)pad);
    cr_assert(strstr(e.message, "unexpected element <bogus> in <finding>"), "%s", e.message);
}

Test(loader_errors, encodings) {
    /* UTF-8 by any spelling loads; any other declared encoding is named, with its place */
    hp_ontology *o = expect_loads("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                                  "\xEF\xBB\xBF<?xml version='1.0' encoding = 'utf8' ?>", SCHEMA);
    hp_ontology_free(o);
    o = expect_loads("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version='1.0'?>", SCHEMA);
    hp_ontology_free(o);
    hp_error e;
    hp_status st =
        load_variant("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<?xml version=\"1.0\"\n  encoding=\"US-ASCII\"?>", SCHEMA, NULL, &o, &e);
    cr_assert_eq(st, HP_E_FORBIDDEN, "%s", e.message);
    cr_assert_eq(e.line, 2);
    cr_assert_eq(e.column, 3);
    cr_assert(strstr(e.message, "the encoding 'US-ASCII' is not allowed"), "%s", e.message);
    const char utf16be[] = "\0<\0?\0x\0m\0l";
    cr_assert_eq(hp_ontology_load_memory("be.xml", utf16be, sizeof utf16be - 1, &o, &e),
                 HP_E_FORBIDDEN);
    cr_assert(strstr(e.message, "UTF-16, UTF-32 or EBCDIC"), "%s", e.message);
    cr_assert_eq(e.line, 1);
    /* byte order marks and EBCDIC are refused; odd declarations are left to libxml2 */
#define SPACES64 "                                                                "
#define LONG_DECLARATION                                                                          \
    "<?xml version='1.0'" SPACES64 SPACES64 SPACES64 SPACES64 SPACES64 SPACES64 SPACES64 SPACES64 \
        SPACES64 SPACES64 " encoding='latin1'?><a/>"
    static const struct {
        const char *text;
        size_t size; /* 0: strlen */
        hp_status want;
    } cases[] = {
        {"\xFE\xFF\0<", 4, HP_E_FORBIDDEN},
        {"\xFF\xFE<\0", 4, HP_E_FORBIDDEN},
        {"\x4C\x6F\xA7\x94\x93", 0, HP_E_FORBIDDEN},
        {"<a/>", 0, HP_E_SCHEMA},
        {"<?xml-stylesheet href='x'?><a/>", 0, HP_E_SCHEMA},
        {"<?xml version='1.0' encoding?><a/>", 0, HP_E_PARSE},
        {"<?xml version='1.0' encoding=latin1?><a/>", 0, HP_E_PARSE},
        {"<?xml version='1.0' xencoding='latin1'?><a/>", 0, HP_E_PARSE},
        {"<?xml version='1.0' encoding='UTF-8'?><!-- encoding='latin1' --><a/>", 0, HP_E_SCHEMA},
        {"<?xml version='1.0'?><!-- encoding='latin1' --><a/>", 0, HP_E_SCHEMA},
        {"<?xml version='1.0' encoding='UTF-8", 0, HP_E_PARSE},
        {"<?xml version='1.0' encoding='latin1' <a/>", 0, HP_E_FORBIDDEN}, /* no "?>" */
        {"<?xml version='1.0' encoding='latin1", 0, HP_E_PARSE},           /* not closed */
        {LONG_DECLARATION, 0, HP_E_FORBIDDEN},
        {"<?xml version='1.0' encoding=\"UTF-16\"?><a/>", 0, HP_E_FORBIDDEN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t size = cases[i].size ? cases[i].size : strlen(cases[i].text);
        hp_error_clear(&e);
        st = hp_ontology_load_memory("case.xml", cases[i].text, size, &o, &e);
        cr_assert_eq(st, cases[i].want, "case %zu: got %d (%s)", i, st, e.message);
        cr_assert_null(o);
        cr_assert_str_eq(e.file, "case.xml");
    }
}

Test(loader_errors, nothing_reaches_stderr) {
    /* libxml2 reports a failed conversion from a declared encoding to its process-wide
       handler, which prints: the loader refuses such input before libxml2 reads it, however
       the declaration is written */
    static const struct {
        const char *text;
        size_t size;
    } inputs[] = {
        {"<?xml version='1.0' encoding='EUC-JP'?><a>\xff\xff\xff\xff</a>", 0},
        {"<?xml version='1.0' encoding='EUC-JP' \xff\xff\xff\xff<a/>", 0},
        {"<?xml version='1.0'" SPACES64 SPACES64 SPACES64 SPACES64 SPACES64 SPACES64 SPACES64
             SPACES64 SPACES64 SPACES64 " encoding='EUC-JP'?><a>\xff\xff\xff\xff</a>",
         0},
        {"\xff\xfe<\0?\0x\0m\0l\0 \0\x00\xdc<\0", 18},
        {"<\0?\0x\0m\0l\0 \0\x00\xdc<\0", 16},
    };
    fflush(stderr);
    FILE *tmp = tmpfile();
    cr_assert_not_null(tmp);
    int saved = dup(2);
    cr_assert_geq(saved, 0);
    cr_assert_geq(dup2(fileno(tmp), 2), 0);
    hp_status st[sizeof inputs / sizeof inputs[0]];
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        size_t n = inputs[i].size ? inputs[i].size : strlen(inputs[i].text);
        hp_ontology *o = NULL;
        st[i] = hp_ontology_load_memory("enc.xml", inputs[i].text, n, &o, NULL);
        hp_ontology_free(o);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char printed[512] = "";
    rewind(tmp);
    size_t got = fread(printed, 1, sizeof printed - 1, tmp);
    fclose(tmp);
    cr_assert_eq(got, 0, "printed: %s", printed);
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        cr_assert_eq(st[i], HP_E_FORBIDDEN, "input %zu: %d", i, st[i]);
}

Test(loader_errors, xml_warnings_are_not_errors) {
    /* a relative namespace URI is only a warning in libxml2 */
    hp_ontology *o =
        expect_loads("format=\"1\"", "xmlns:rel=\"relative/uri\" format=\"1\"", NO_SCHEMA);
    cr_assert_eq(hp_ontology_count(o, HP_ENTITY_CONDITION), 2);
    hp_ontology_free(o);
}

/* ---- Whole inputs ---------------------------------------------------------------------- */

Test(loader_errors, duplicate_across_inputs_names_the_first_definition) {
    size_t n;
    char *text = mini_text(&n);
    /* a source in the second input has the id of a finding of the first */
    const char *ext = "<ontology " NS " format='1' name='x' version='1'>\n"
                      "<sources>\n<source id='side_pain'>Clash</source></sources></ontology>";
    hp_input in[2] = {{"mini.xml", text, n}, {"ext.xml", ext, strlen(ext)}};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(in, 2, NULL, &o, &e), HP_E_DUPLICATE, "%s", e.message);
    cr_assert_null(o);
    cr_assert_str_eq(e.file, "ext.xml");
    cr_assert_eq(e.line, 3);
    cr_assert(strstr(e.message, "duplicate id 'side_pain': already defined at mini.xml:9"), "%s",
              e.message);
    free(text);
}

Test(loader_errors, an_input_without_a_language_is_english) {
    /* an input without xml:lang is in English, whatever the input before it was in */
    const char *de =
        "<ontology " NS " format='1' name='de' version='1' xml:lang='de'>\n"
        "<translations xml:lang='de'><translate ref='groin_pain' field='label'>Leiste</translate>"
        "</translations></ontology>";
    size_t n;
    char *text = mutate(" xml:lang=\"en\">", ">", NULL, &n);
    hp_input in[2] = {{"de.xml", de, strlen(de)}, {"mini.xml", text, n}};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(in, 2, NULL, &o, &e), HP_OK, "%s:%d: %s", e.file, e.line,
                 e.message);
    cr_assert_str_eq(label_of(o, HP_ENTITY_FINDING, "groin_pain", HP_TEXT_LABEL, "en"),
                     "Groin pain");
    cr_assert_str_eq(label_of(o, HP_ENTITY_FINDING, "groin_pain", HP_TEXT_LABEL, "de"), "Leiste");
    hp_ontology_free(o);
    free(text);
}

Test(loader_errors, duplicate_in_one_input_is_reported_at_the_later_line) {
    /* without the schema, sections may come in any order: a source defined after a finding
       of the same id is the duplicate, though sources sort first */
    const char *const words[] = {"duplicate id 'fever': already defined at bad.xml:18", NULL};
    expect_error_at("</advice-items>",
                    "</advice-items>\n  <sources><source id=\"fever\">Hot</source></sources>",
                    NO_SCHEMA, HP_E_DUPLICATE, 1, words);
}

Test(loader_errors, ontology_without_entries) {
    /* no schema: the loader accepts an ontology that defines nothing, and so does
       everything built on it */
    const char *xml = "<ontology " NS " format='1'/>";
    hp_input in = {"", xml, strlen(xml)};
    hp_load_options opt = {HP_LOAD_SKIP_SCHEMA, 0, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_OK, "%s", e.message);
    for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++)
        cr_assert_eq(hp_ontology_count(o, (hp_entity_kind)k), 0);
    const char *name = hp_ontology_name(o);
    cr_assert(name == NULL || name[0] == '\0', "no name: '%s'", name);
    cr_assert_eq(hp_ontology_lookup(o, "x", NULL, NULL), HP_E_NOT_FOUND);
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(o, &p, &e), HP_OK);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_assessment_triage(a), HP_TRIAGE_SELF_CARE);
    cr_assert_eq(hp_assessment_cause_count(a), 0);
    cr_assert_null(hp_assessment_next_question(a));
    char *json = NULL;
    cr_assert_eq(hp_assessment_to_json(a, NULL, 0, &json, &e), HP_OK);
    cr_assert_str_eq(json, "{\"triage\":{\"level\":\"self_care\",\"reasons\":[]},"
                           "\"dont_miss\":[],\"causes\":[],"
                           "\"risks\":[],\"metrics\":{},\"next_question\":null}");
    hp_string_free(json);
    hp_interview *iv = NULL;
    cr_assert_eq(hp_interview_new(o, NULL, NULL, &iv, &e), HP_OK);
    cr_assert(hp_interview_done(iv));
    hp_interview_free(iv);
    /* a plan of runs alone, without exercises or advice */
    hp_plan *plan = NULL;
    hp_plan_options po;
    memset(&po, 0, sizeof po);
    po.weeks = 2;
    cr_assert_eq(hp_plan_new(a, &po, &plan, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_plan_week_count(plan), 2);
    cr_assert_eq(hp_plan_advice_count(plan), 0);
    char *md = NULL, *ics = NULL;
    cr_assert_eq(hp_plan_to_markdown(plan, &md, &e), HP_OK);
    cr_assert(strstr(md, "Warm-up 10 min; Walk-run"), "%s", md);
    cr_assert_eq(hp_plan_to_ical(plan, &ics, &e), HP_OK);
    cr_assert(strstr(ics, "BEGIN:VCALENDAR"), "%s", ics);
    cr_assert_eq(hp_plan_to_json(plan, 0, &json, &e), HP_OK);
    cr_assert(strstr(json, "\"causes\":[],\"risk_factors\":[],\"advice\":[]"), "%s", json);
    hp_string_free(json);
    hp_string_free(ics);
    hp_string_free(md);
    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(o);
    /* with the schema, it is rejected, and an empty name reads as <memory> */
    cr_assert_eq(hp_ontology_load(&in, 1, NULL, &o, &e), HP_E_SCHEMA);
    cr_assert_str_eq(e.file, "");
    cr_assert_null(o);
}

static void *malloc_fn(void *ctx, size_t n) {
    (void)ctx;
    return malloc(n);
}
static void *realloc_fn(void *ctx, void *p, size_t n) {
    (void)ctx;
    return realloc(p, n);
}
static void free_fn(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

Test(loader_errors, bad_arguments) {
    hp_error e = {0};
    hp_ontology *o = NULL;
    /* an allocator must have all three functions */
    hp_allocator part[3] = {{NULL, realloc_fn, free_fn, NULL},
                            {malloc_fn, NULL, free_fn, NULL},
                            {malloc_fn, realloc_fn, NULL, NULL}};
    for (int i = 0; i < 3; i++) {
        hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, &part[i]};
        cr_assert_eq(hp_ontology_load(NULL, 0, &opt, &o, &e), HP_E_INVALID);
        cr_assert(strstr(e.message, "incomplete allocator"), "%s", e.message);
        cr_assert_null(o);
    }
    hp_allocator whole = {malloc_fn, realloc_fn, free_fn, NULL};
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, &whole};
    cr_assert_eq(hp_ontology_load(NULL, 0, &opt, &o, &e), HP_OK, "%s", e.message);
    hp_ontology_free(o);
    /* the embedded texts, with or without their size */
    size_t n = 0;
    cr_assert_eq(hp_default_ontology_xml(NULL), hp_default_ontology_xml(&n));
    cr_assert_gt(n, 0);
    cr_assert_eq(hp_ontology_schema(NULL), hp_ontology_schema(&n));
    cr_assert_gt(n, 0);
    /* NULL out pointers are reported, not written */
    cr_assert_eq(hp_ontology_load_file(NULL, NULL, &e), HP_E_INVALID);
    cr_assert(strstr(e.message, "'path' is NULL"), "%s", e.message);
    cr_assert_eq(hp_ontology_load_memory("m", NULL, 0, NULL, &e), HP_E_INVALID);
    cr_assert(strstr(e.message, "'data' is NULL"), "%s", e.message);
    /* memory without a name is called <memory> in errors */
    const char *bad = "<ontology";
    cr_assert_eq(hp_ontology_load_memory(NULL, bad, strlen(bad), &o, &e), HP_E_PARSE);
    cr_assert_str_eq(e.file, "<memory>");
    cr_assert_null(o);
    /* a file that cannot be opened */
    cr_assert_eq(hp_ontology_load_file("/nonexistent/hippain.xml", &o, &e), HP_E_IO);
    cr_assert_str_eq(e.file, "/nonexistent/hippain.xml");
    cr_assert(strstr(e.message, "cannot open"), "%s", e.message);
    /* a folder opens but cannot be read */
    cr_assert_eq(hp_ontology_load_file(HP_TEST_DATA, &o, &e), HP_E_IO);
    cr_assert(strstr(e.message, "read error"), "%s", e.message);
    cr_assert_null(o);
}
