/* Text intake (include/hippain/text.h): phrases per language, negation and its scope,
   sides, typos, numbers and units, spans, UTF-8, the size cap, the lexicon's load errors
   and extensions' own phrases. */
#include <hippain/text.h>

#include "test_util.h"

TestSuite(text, .fini = hp_test_leak_check);

static hp_ontology *onto;

static void setup(void) { cr_assert_eq(hp_ontology_load_default(&onto, NULL), HP_OK); }
static void teardown(void) { hp_ontology_free(onto); }

static hp_text_result *parse(const char *text, const char *lang) {
    hp_text_result *r = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_text_parse(onto, text, strlen(text), lang, &r, &e), HP_OK, "%s", e.message);
    return r;
}

/* The finding id's entry in r, or NULL. */
static const hp_text_finding *found(const hp_text_result *r, const char *id) {
    size_t f = hp_ontology_index(onto, HP_ENTITY_FINDING, id);
    cr_assert_neq(f, (size_t)-1, "%s is a finding", id);
    for (size_t i = 0; i < hp_text_result_finding_count(r); i++)
        if (hp_text_result_finding(r, i)->finding == f)
            return hp_text_result_finding(r, i);
    return NULL;
}

static void expect(const hp_text_result *r, const char *id, hp_answer answer) {
    const hp_text_finding *t = found(r, id);
    cr_assert_not_null(t, "%s found in \"%s\"", id, hp_text_result_text(r, NULL));
    cr_assert_eq(t->answer, answer, "%s %s in \"%s\"", id, answer ? "present" : "absent",
                 hp_text_result_text(r, NULL));
}

static void expect_none(const hp_text_result *r, const char *id) {
    cr_assert_null(found(r, id), "%s not in \"%s\"", id, hp_text_result_text(r, NULL));
}

static double number(const hp_text_result *r, hp_runner_field field) {
    for (size_t i = 0; i < hp_text_result_number_count(r); i++)
        if (hp_text_result_number(r, i)->field == field)
            return hp_text_result_number(r, i)->value;
    return -1;
}

Test(text, english_findings_and_spans, .init = setup, .fini = teardown) {
    const char *s = "My outer hip aches when I lie on that side at night";
    hp_text_result *r = parse(s, "en");
    expect(r, "pain_lateral_hip", HP_ANSWER_PRESENT);
    expect(r, "worse_lying_on_side", HP_ANSWER_PRESENT);
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    const hp_text_finding *t = found(r, "pain_lateral_hip");
    cr_assert_eq(t->offset, 3);
    cr_assert_eq(t->length, strlen("outer hip"));
    cr_assert_float_eq(t->confidence, 1.0, 1e-9);
    t = found(r, "pain_at_night");
    cr_assert_eq(strncmp(s + t->offset, "at night", t->length), 0);
    cr_assert_str_eq(hp_text_result_languages(r), "en");
    hp_text_result_free(r);
}

Test(text, negation_scope_ends_at_the_clause, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("no fever, hurts at night but no swelling. Sharp pain.", NULL);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    expect(r, "swelling", HP_ANSWER_ABSENT);
    expect(r, "pain_sharp", HP_ANSWER_PRESENT);
    cr_assert_lt(found(r, "fever_or_chills")->confidence, 1.0);
    hp_text_result_free(r);
    /* a list goes on past commas up to "or"; "but" ends the scope */
    r = parse("No fever, swelling or weight loss but it is worse on stairs", NULL);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect(r, "swelling", HP_ANSWER_ABSENT);
    expect(r, "unexplained_weight_loss", HP_ANSWER_ABSENT);
    expect(r, "worse_climbing_stairs", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* after a negation, its scope ends after a few words without a finding */
    r = parse("never had anything like this before in my life and it aches at night", "en");
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

Test(text, negation_after_the_finding, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Fever: none. Swelling - no.", "en");
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect(r, "swelling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Einen Knall hab ich keinen gehört, aber es sticht.", "de");
    expect(r, "pop_at_onset", HP_ANSWER_ABSENT);
    expect(r, "pain_sharp", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* "outer hip, no fever": the negation is of what follows */
    r = parse("outer hip no fever", "en");
    expect(r, "pain_lateral_hip", HP_ANSWER_PRESENT);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

Test(text, german_and_spanish, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Stechender Schmerz in der Leiste, kein Fieber, schlimmer auf "
                              "der Treppe und nachts.",
                              NULL);
    cr_assert_str_eq(hp_text_result_languages(r), "de");
    expect(r, "pain_sharp", HP_ANSWER_PRESENT);
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect(r, "worse_climbing_stairs", HP_ANSWER_PRESENT);
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Me duele el glúteo al correr, sin fiebre y sin hormigueo. Empezó poco a poco.",
              NULL);
    cr_assert_str_eq(hp_text_result_languages(r), "es");
    expect(r, "pain_buttock", HP_ANSWER_PRESENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect(r, "numbness_or_tingling", HP_ANSWER_ABSENT);
    expect(r, "onset_gradual", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

Test(text, folding_accents_and_typos, .init = setup, .fini = teardown) {
    /* unaccented and upper case; ß = ss; "ü" written without the dots */
    hp_text_result *r = parse("Huefte aussen, Gesaess", "de");
    expect(r, "pain_lateral_hip", HP_ANSWER_PRESENT); /* "ue" for "ü": one typo, ß = ss */
    cr_assert_lt(found(r, "pain_lateral_hip")->confidence, 1.0);
    expect_none(r, "pain_buttock"); /* "Gesaess" for "Gesäß": "ae" is a typo in "gesass*" */
    hp_text_result_free(r);
    r = parse("SCHMERZEN IM GESÄSS UND IN DER LEISTE", "de");
    expect(r, "pain_buttock", HP_ANSWER_PRESENT);
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("pain in the groun and numbnes", "en"); /* one typo in a long word */
    expect_none(r, "pain_groin"); /* five letters, one word: exact or two letters swapped */
    expect(r, "numbness_or_tingling", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("hurts when lying on my sied", "en");
    expect_none(r, "worse_lying_on_side"); /* short words never match with a typo */
    hp_text_result_free(r);
    r = parse("it's worse climbing stairs at nihgt", "en");
    expect(r, "pain_at_night", HP_ANSWER_PRESENT); /* a transposition */
    cr_assert_lt(found(r, "pain_at_night")->confidence, 1.0);
    hp_text_result_free(r);
}

Test(text, sides, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Left outer hip hurts. Also the groin. Right buttock sore. "
                              "Both hips ache at night.",
                              "en");
    cr_assert_eq(found(r, "pain_lateral_hip")->side, HP_SIDE_LEFT);
    cr_assert_eq(found(r, "pain_groin")->side, HP_SIDE_LEFT, "the last sentence's side");
    cr_assert_eq(found(r, "pain_buttock")->side, HP_SIDE_RIGHT);
    cr_assert_eq(found(r, "pain_at_night")->side, HP_SIDE_BOTH);
    cr_assert_str_eq(hp_side_name(HP_SIDE_BOTH), "both");
    hp_text_result_free(r);
    r = parse("la cadera izquierda por fuera", "es");
    cr_assert_eq(found(r, "pain_lateral_hip")->side, HP_SIDE_LEFT);
    hp_text_result_free(r);
}

Test(text, weekly_distances_in_km_and_miles, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("I run 30 miles a week", "en");
    cr_assert_float_eq(number(r, HP_RUNNER_WEEKLY_KM), 48.3, 1e-9);
    hp_text_result_free(r);
    r = parse("went from 20 to 30 miles a week", "en");
    cr_assert_float_eq(number(r, HP_RUNNER_PREVIOUS_WEEKLY_KM), 32.2, 1e-9);
    cr_assert_float_eq(number(r, HP_RUNNER_WEEKLY_KM), 48.3, 1e-9);
    hp_text_result_free(r);
    r = parse("upped my miles from 20 to 28 a week", "en");
    cr_assert_float_eq(number(r, HP_RUNNER_WEEKLY_KM), 45.1, 1e-9);
    hp_text_result_free(r);
    r = parse("ca. 42,5 km pro Woche, von 30 auf 40 km", "de");
    cr_assert_float_eq(number(r, HP_RUNNER_WEEKLY_KM), 42.5, 1e-9);
    hp_text_result_free(r);
    r = parse("corro 50 km por semana, 4 veces por semana", "es");
    cr_assert_float_eq(number(r, HP_RUNNER_WEEKLY_KM), 50, 1e-9);
    cr_assert_float_eq(number(r, HP_RUNNER_RUN_DAYS_PER_WEEK), 4, 1e-9);
    hp_text_result_free(r);
    r = parse("20 mpw, three times a week, long run of 10 miles, cadence 164", "en");
    cr_assert_float_eq(number(r, HP_RUNNER_WEEKLY_KM), 32.2, 1e-9);
    cr_assert_float_eq(number(r, HP_RUNNER_RUN_DAYS_PER_WEEK), 3, 1e-9);
    cr_assert_float_eq(number(r, HP_RUNNER_LONGEST_RUN_KM_30D), 16.1, 1e-9);
    cr_assert_float_eq(number(r, HP_RUNNER_CADENCE_SPM), 164, 1e-9);
    hp_text_result_free(r);
    r = parse("I ran 10 km yesterday", "en"); /* no week: not a weekly distance */
    cr_assert_eq(hp_text_result_number_count(r), 0);
    hp_text_result_free(r);
}

/* Weekly figures said otherwise, written for this test: a count of runs times a distance,
   a total after the days, a change with "now" or "from ... a week to", "(was 19ish)", a
   20 miler, cadence with words between. */
Test(text, weekly_distances_said_otherwise, .init = setup, .fini = teardown) {
    static const struct {
        const char *text;
        hp_runner_field field;
        double value;
    } cases[] = {
        {"I do 8k four times a week", HP_RUNNER_WEEKLY_KM, 32},
        {"Laufe 3 Tage pro Woche, 30 km insgesamt", HP_RUNNER_WEEKLY_KM, 30},
        {"Entreno 4 días por semana, 36 km en total", HP_RUNNER_WEEKLY_KM, 36},
        {"I ran 25 km in total yesterday", HP_RUNNER_WEEKLY_KM, -1},
        {"I was at 20 miles a week, now 30", HP_RUNNER_PREVIOUS_WEEKLY_KM, 32.2},
        {"I was at 20 miles a week, now 30", HP_RUNNER_WEEKLY_KM, 48.3},
        {"20 miles a week, now 4 days a week", HP_RUNNER_WEEKLY_KM, 32.2},
        {"from around 40 km a week to 55 km", HP_RUNNER_PREVIOUS_WEEKLY_KM, 40},
        {"from around 40 km a week to 55 km", HP_RUNNER_WEEKLY_KM, 55},
        {"Now 25 miles a week (was 20ish).", HP_RUNNER_PREVIOUS_WEEKLY_KM, 32.2},
        {"my first 18 miler on sunday", HP_RUNNER_LONGEST_RUN_KM_30D, 29},
        {"cadence is about 170", HP_RUNNER_CADENCE_SPM, 170},
        {"Meine Kadenz liegt bei 168", HP_RUNNER_CADENCE_SPM, 168},
        {"Mein Wochenumfang ist etwa 45 km", HP_RUNNER_WEEKLY_KM, 45},
        {"so um die 30 Wochenkilometer", HP_RUNNER_WEEKLY_KM, 30},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, NULL);
        cr_assert_float_eq(number(r, cases[i].field), cases[i].value, 1e-9, "%s: %g", cases[i].text,
                           number(r, cases[i].field));
        hp_text_result_free(r);
    }
}

Test(text, age_and_sex, .init = setup, .fini = teardown) {
    static const struct {
        const char *text;
        double age;
        hp_sex sex;
    } cases[] = {
        {"I'm 34 and run a lot", 34, HP_SEX_UNKNOWN},
        {"51F, runner", 51, HP_SEX_FEMALE},
        {"M, 28. hip hurts", 28, HP_SEX_MALE},
        {"34yo woman", 34, HP_SEX_FEMALE},
        {"a 45-year-old guy", 45, HP_SEX_MALE},
        {"ich (w, 34) laufe", 34, HP_SEX_FEMALE},
        {"bin 41 Jahre alt", 41, HP_SEX_UNKNOWN},
        {"Tengo 61 años (hombre)", 61, HP_SEX_MALE},
        {"Chica de 22, corro", 22, HP_SEX_FEMALE},
        {"running for 10 years", -1, HP_SEX_UNKNOWN},
        {"I'm 5 weeks in", -1, HP_SEX_UNKNOWN},
        {"My daughter is 10", 10, HP_SEX_FEMALE},
        {"Mein Sohn (14) läuft", 14, HP_SEX_MALE},
        {"my son runs", -1, HP_SEX_MALE},
        {"son normales", -1, HP_SEX_UNKNOWN},
        {"Läuferin, 52 Jahre.", 52, HP_SEX_FEMALE},
        {"Ciclista, 30 años, corro", 30, HP_SEX_UNKNOWN},
        {"Hace 2 años, corría", -1, HP_SEX_UNKNOWN},
        {"19, footballer", 19, HP_SEX_UNKNOWN},
        {"F, sore hip", -1, HP_SEX_FEMALE},
        {"My 9 y/o son limps", 9, HP_SEX_MALE},
        {"my son is 15", 15, HP_SEX_MALE},
        /* a Spanish speaker's own gendered word */
        {"Estoy muy preocupada por la cadera", -1, HP_SEX_FEMALE},
        {"soy corredora de fondo", -1, HP_SEX_FEMALE},
        {"me siento un poco cansado", -1, HP_SEX_MALE},
        {"Trabajo todo el día sentada", -1, HP_SEX_FEMALE},
        {"Soy un runner de 10k", -1, HP_SEX_MALE},
        {"estoy corriendo poco", -1, HP_SEX_UNKNOWN},
        {"soy de Madrid", -1, HP_SEX_UNKNOWN},
        {"la cadera está rígida", -1, HP_SEX_UNKNOWN},
        {"siento la cadera rígida", -1, HP_SEX_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, NULL);
        cr_assert_float_eq(number(r, HP_RUNNER_AGE), cases[i].age, 1e-9, "%s", cases[i].text);
        cr_assert_eq(hp_text_result_sex(r), cases[i].sex, "%s", cases[i].text);
        hp_text_result_free(r);
    }
}

Test(text, apply_to_a_profile, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("outer hip pain, no fever. 40 km a week. 30F", "en");
    hp_profile *p = NULL;
    cr_assert_eq(hp_profile_new(onto, &p, NULL), HP_OK);
    cr_assert_eq(hp_text_result_apply(r, p, NULL), HP_OK);
    cr_assert_eq(hp_profile_get(p, "pain_lateral_hip"), HP_ANSWER_PRESENT);
    cr_assert_eq(hp_profile_get(p, "fever_or_chills"), HP_ANSWER_ABSENT);
    double km = 0;
    cr_assert_eq(hp_profile_runner(p, HP_RUNNER_WEEKLY_KM, &km), HP_OK);
    cr_assert_float_eq(km, 40, 1e-9);
    cr_assert_eq(hp_profile_sex(p), HP_SEX_FEMALE);
    /* a profile of another ontology */
    hp_ontology *other = NULL;
    hp_profile *q = NULL;
    cr_assert_eq(hp_ontology_load_default(&other, NULL), HP_OK);
    cr_assert_eq(hp_profile_new(other, &q, NULL), HP_OK);
    hp_error e = {0};
    cr_assert_eq(hp_text_result_apply(r, q, &e), HP_E_INVALID);
    cr_assert(strstr(e.message, "another ontology"));
    cr_assert_eq(hp_text_result_apply(NULL, q, NULL), HP_E_INVALID);
    hp_profile_free(q);
    hp_ontology_free(other);
    hp_profile_free(p);
    /* the result keeps its ontology alive */
    hp_ontology_free(onto);
    cr_assert_eq(hp_text_result_finding_count(r), 2);
    cr_assert_not_null(hp_text_result_finding(r, 1));
    cr_assert_null(hp_text_result_finding(r, 2));
    cr_assert_null(hp_text_result_number(r, 5));
    hp_text_result_free(r);
    onto = NULL;
}

Test(text, bad_input, .init = setup, .fini = teardown) {
    hp_text_result *r = (hp_text_result *)1;
    hp_error e = {0};
    cr_assert_eq(hp_text_parse(NULL, "x", 1, NULL, &r, &e), HP_E_INVALID);
    cr_assert_null(r);
    cr_assert_eq(hp_text_parse(onto, NULL, 1, NULL, &r, &e), HP_E_INVALID);
    cr_assert_eq(hp_text_parse(onto, "x", 1, NULL, NULL, &e), HP_E_INVALID);
    /* invalid UTF-8: an error naming the byte */
    static const char *const bad[] = {"ok \xff", "ok \xc3", "\xc0\xaf", "\xed\xa0\x80",
                                      "a\xf4\x90\x80\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(hp_text_parse(onto, bad[i], strlen(bad[i]), NULL, &r, &e), HP_E_PARSE);
        cr_assert(strstr(e.message, "invalid UTF-8 at byte"), "%s", e.message);
        cr_assert_null(r);
    }
    /* the size cap; a text of exactly the cap is fine */
    char *big = malloc(HP_MAX_TEXT_BYTES + 1);
    cr_assert_not_null(big);
    for (size_t i = 0; i <= HP_MAX_TEXT_BYTES; i++)
        big[i] = "no fever, hip pain. "[i % 20];
    cr_assert_eq(hp_text_parse(onto, big, HP_MAX_TEXT_BYTES + 1, NULL, &r, &e), HP_E_LIMIT);
    cr_assert_eq(hp_text_parse(onto, big, HP_MAX_TEXT_BYTES, NULL, &r, &e), HP_OK);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    free(big);
    /* empty text, embedded NUL, a language without a lexicon */
    cr_assert_eq(hp_text_parse(onto, "", 0, NULL, &r, &e), HP_OK);
    cr_assert_eq(hp_text_result_finding_count(r), 0);
    hp_text_result_free(r);
    cr_assert_eq(hp_text_parse(onto, "groin\0fever", 11, "xx", &r, &e), HP_OK);
    cr_assert_eq(hp_text_result_finding_count(r), 0);
    hp_text_result_free(r);
    cr_assert_eq(hp_text_result_finding_count(NULL), 0);
    cr_assert_eq(hp_text_result_sex(NULL), HP_SEX_UNKNOWN);
    hp_text_result_free(NULL);
}

Test(text, double_and_pseudo_negation, .init = setup, .fini = teardown) {
    /* "can't ... without" and "nicht ohne" state what they name */
    hp_text_result *r = parse("I can't sit for long without swelling", "en");
    expect(r, "swelling", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Ich kann nicht ohne Schwellung laufen", "de");
    expect(r, "swelling", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("without swelling", "en");
    expect(r, "swelling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* ignore cues: "not only", "nicht nur", "no solo" negate nothing */
    r = parse("not only swelling but fever too", "en");
    expect(r, "swelling", HP_ANSWER_PRESENT);
    expect(r, "fever_or_chills", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("nicht nur Fieber", "de");
    expect(r, "fever_or_chills", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("no solo fiebre", "es");
    expect(r, "fever_or_chills", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

Test(text, questions_answered_no, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Fever? No. Swelling? yes, some.", "en");
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect(r, "swelling", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Fieber?? Nein", "de");
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* a "no" that starts a sentence of its own negates what follows, not the question */
    r = parse("Swelling? No fever though.", "en");
    expect(r, "swelling", HP_ANSWER_PRESENT);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

Test(text, post_negation_stops_at_a_boundary_and_the_next_negation, .init = setup,
     .fini = teardown) {
    /* "they don't" after "but" does not reach back to the finding before it */
    hp_text_result *r = parse("my groin hurts but they dont know why", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* the clause of a negation after a finding ends at the next negation */
    r = parse("Por la noche no me duele y no noto hinchazón", "es");
    expect(r, "pain_at_night", HP_ANSWER_ABSENT);
    expect(r, "swelling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

Test(text, phrases_that_state_a_finding_absent, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("tall and skinny, the pain isnt that bad, rest doesnt help", "en");
    expect(r, "overweight", HP_ANSWER_ABSENT);
    expect(r, "severe_pain", HP_ANSWER_ABSENT);
    expect(r, "improves_with_rest", HP_ANSWER_ABSENT);
    expect(r, "persistent_pain", HP_ANSWER_PRESENT); /* also-answer="present" */
    hp_text_result_free(r);
    r = parse("not skinny at all", "en"); /* negated: present */
    expect(r, "overweight", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("she isnt limping and walks fine", "en"); /* a negated list keeps it absent */
    expect(r, "limping", HP_ANSWER_ABSENT);
    expect(r, "unable_to_bear_weight", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Never had a stress fracture. Not really sharp.", "en");
    expect(r, "previous_stress_fracture", HP_ANSWER_ABSENT);
    expect(r, "pain_sharp", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* a word of the lexicon is not a typo of another: "crutches" is not "crunches" */
    r = parse("I have crutches", "en");
    expect_none(r, "pain_resisted_sit_up");
    hp_text_result_free(r);
}

Test(text, fillers_only_inside_finding_phrases, .init = setup, .fini = teardown) {
    /* "her" and "now" are fillers: "side of her hip" is "side of hip", but "and now when"
       is not the boundary cue "and when" (which would take the "when" of "when she runs") */
    hp_text_result *r = parse("it hurts on the side of her hip and now when she runs", "en");
    expect(r, "pain_lateral_hip", HP_ANSWER_PRESENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* <phrases requires="id">: "for months" states pain for over six weeks despite self-care
   only when the text also says self-care did not help (persistent_pain), in text order. */
Test(text, phrases_that_need_another_finding, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("groin pain for months, physio didnt help", "en");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    expect(r, "pain_six_weeks_despite_self_care", HP_ANSWER_PRESENT);
    cr_assert_eq(hp_text_result_finding_count(r), 3);
    cr_assert_eq(hp_text_result_finding(r, 1)->finding,
                 hp_ontology_index(onto, HP_ENTITY_FINDING, "pain_six_weeks_despite_self_care"));
    cr_assert_eq(strncmp(hp_text_result_text(r, NULL) + hp_text_result_finding(r, 1)->offset,
                         "for months", 10),
                 0);
    hp_text_result_free(r);
    r = parse("groin pain for months", "en");
    expect_none(r, "pain_six_weeks_despite_self_care");
    hp_text_result_free(r);
    r = parse("Seit 8 Wochen Schmerzen in der Leiste, wird nicht besser", "de");
    expect(r, "pain_six_weeks_despite_self_care", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* <phrases also="id">: words that state two findings, both with the phrase's answer. */
Test(text, phrases_that_state_two_findings, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("It started at the sprint finish of a 5k.", "en");
    expect(r, "worse_sprinting", HP_ANSWER_PRESENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    cr_assert_eq(hp_text_result_finding_count(r), 2);
    cr_assert_eq(hp_text_result_finding(r, 0)->offset, hp_text_result_finding(r, 1)->offset);
    hp_text_result_free(r);
    r = parse("No change to my training.", "en"); /* an absent phrase: both absent */
    expect(r, "mileage_increase_over_10pct", HP_ANSWER_ABSENT);
    expect(r, "intensity_increase", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Am Training nichts geändert, aber die Leiste tut weh.", "de");
    expect(r, "intensity_increase", HP_ANSWER_ABSENT);
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("The pain never came on a sprint finish.", "en"); /* negated: both absent */
    expect(r, "worse_sprinting", HP_ANSWER_ABSENT);
    expect(r, "pain_during_run", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* also-answer="present": rest does not help, so the pain persists despite rest */
    r = parse("Groin pain for 3 months, resting doesn't help.", "en");
    expect(r, "improves_with_rest", HP_ANSWER_ABSENT);
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    expect(r, "pain_six_weeks_despite_self_care", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Seit Monaten Schmerzen in der Leiste, trotz Pause nicht besser.", "de");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* "..." in a phrase: up to four words of the clause between, no negation or boundary cue
   among them; "since I fell" is a fall and a sudden onset. */
Test(text, phrases_with_a_gap, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *id;
        int answer; /* -1: not stated */
    } cases[] = {
        {"Por las mañanas tengo la cadera muy rígida.", "morning_stiffness", HP_ANSWER_PRESENT},
        {"Por las mañanas tengo la cadera muy rígida.", "hip_stiffness", HP_ANSWER_PRESENT},
        {"Morgens ist meine Hüfte total steif.", "morning_stiffness", HP_ANSWER_PRESENT},
        {"In the mornings my hip is really stiff.", "morning_stiffness", HP_ANSWER_PRESENT},
        {"Morgens ist die Hüfte nicht steif.", "morning_stiffness", -1},
        {"Morgens ist die Hüfte nicht steif.", "hip_stiffness", HP_ANSWER_ABSENT},
        {"In the morning it is fine but then stiff.", "morning_stiffness", -1},
        {"In the morning my hip. Stiff later.", "morning_stiffness", -1},
        {"In the morning I walk the dog and my hip is stiff.", "morning_stiffness", -1},
        {"Since I fell on the ice my hip hurts.", "after_fall_or_trauma", HP_ANSWER_PRESENT},
        {"Since I fell on the ice my hip hurts.", "onset_sudden", HP_ANSWER_PRESENT},
        {"Desde que me caí me duele la cadera.", "onset_sudden", HP_ANSWER_PRESENT},
        {"I didn't fall.", "onset_sudden", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, NULL);
        if (cases[i].answer < 0)
            expect_none(r, cases[i].id);
        else
            expect(r, cases[i].id, (hp_answer)cases[i].answer);
        hp_text_result_free(r);
    }
}

/* Negations in the three languages, written for this test (not from the evaluation set). */
Test(text, negation_forms, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *id;
        hp_answer answer;
    } cases[] = {
        {"Not worse at night.", "pain_at_night", HP_ANSWER_ABSENT},
        {"Night sweats? None.", "unexplained_weight_loss", HP_ANSWER_ABSENT},
        {"Fieber habe ich keins und Nachtschweiß auch nicht.", "fever_or_chills", HP_ANSWER_ABSENT},
        {"Fieber habe ich keins und Nachtschweiß auch nicht.", "unexplained_weight_loss",
         HP_ANSWER_ABSENT},
        {"Treppensteigen ist kein Problem, aber Laufen tut weh.", "worse_climbing_stairs",
         HP_ANSWER_ABSENT},
        {"Treppensteigen ist kein Problem, aber Laufen tut weh.", "pain_during_run",
         HP_ANSWER_PRESENT},
        {"No se me hincha ni se pone roja.", "swelling", HP_ANSWER_ABSENT},
        {"No se me hincha ni se pone roja.", "redness", HP_ANSWER_ABSENT},
        {"Nunca me he caído.", "after_fall_or_trauma", HP_ANSWER_ABSENT},
        {"Subir escaleras no me molesta.", "worse_climbing_stairs", HP_ANSWER_ABSENT},
        {"Beim Laufen war alles gut, erst danach tat es weh.", "pain_during_run", HP_ANSWER_ABSENT},
        {"Nix geschwollen.", "swelling", HP_ANSWER_ABSENT},
        {"Treppensteigen geht nicht.", "worse_climbing_stairs", HP_ANSWER_PRESENT},
        {"Un dolor tan fuerte que no me deja dormir.", "severe_pain", HP_ANSWER_PRESENT},
        {"Un dolor tan fuerte que no me deja dormir.", "pain_at_night", HP_ANSWER_PRESENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, NULL);
        expect(r, cases[i].id, cases[i].answer);
        hp_text_result_free(r);
    }
}

static const char *ext_head = "<ontology xmlns='urn:x-hippain:ontology:1' format='1' "
                              "name='ext' version='1'>\n";

Test(text, an_extension_adds_its_phrases, .init = setup, .fini = teardown) {
    char xml[1024];
    snprintf(xml, sizeof xml,
             "%s<lexicon xml:lang='fr'><cues kind='negation'><p>pas de</p></cues>\n"
             "<phrases finding='pain_groin'><p>aine</p></phrases>"
             "<phrases finding='fever_or_chills'><p>fièvre</p></phrases></lexicon></ontology>",
             ext_head);
    hp_input in = {"ext.xml", xml, strlen(xml)};
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_OK, "%s", e.message);
    hp_text_result *r = NULL;
    const char *s = "douleur aine, pas de fievre";
    cr_assert_eq(hp_text_parse(o, s, strlen(s), "fr", &r, NULL), HP_OK);
    cr_assert_eq(hp_text_result_finding_count(r), 2);
    cr_assert_eq(hp_text_result_finding(r, 0)->answer, HP_ANSWER_PRESENT);
    cr_assert_eq(hp_text_result_finding(r, 1)->answer, HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    hp_ontology_free(o);
}

Test(text, lexicon_errors_name_file_and_line, .init = setup, .fini = teardown) {
    static const char *const bodies[] = {
        ("<lexicon xml:lang='en'>\n<phrases finding='no_such_finding'><p>x</p></phrases>"
         "</lexicon>"),
        "<lexicon xml:lang='en'>\n<cues kind='maybe'><p>x</p></cues></lexicon>",
        "<lexicon xml:lang='en'>\n<phrases finding='pain_groin'><p></p></phrases></lexicon>",
        ("<lexicon xml:lang='en'>\n<phrases finding='pain_groin' answer='maybe'><p>x</p>"
         "</phrases></lexicon>"),
        ("<lexicon xml:lang='en'>\n<phrases finding='pain_groin' requires='no_such'><p>x</p>"
         "</phrases></lexicon>"),
        ("<lexicon xml:lang='en'>\n<phrases finding='pain_groin' also='no_such'><p>x</p>"
         "</phrases></lexicon>"),
        ("<lexicon xml:lang='en'>\n<phrases finding='pain_groin' also='swelling' "
         "also-answer='maybe'><p>x</p></phrases></lexicon>"),
    };
    static const hp_status codes[] = {HP_E_SEMANTIC, HP_E_SCHEMA,   HP_E_SCHEMA, HP_E_SCHEMA,
                                      HP_E_SEMANTIC, HP_E_SEMANTIC, HP_E_SCHEMA};
    for (size_t i = 0; i < 7; i++) {
        char xml[1024];
        snprintf(xml, sizeof xml, "%s%s</ontology>", ext_head, bodies[i]);
        hp_input in = {"ext.xml", xml, strlen(xml)};
        hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, NULL};
        hp_ontology *o = NULL;
        hp_error e = {0};
        cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), codes[i], "%zu: %s", i, e.message);
        cr_assert_str_eq(e.file, "ext.xml");
        cr_assert_eq(e.line, 3, "%zu: line %d: %s", i, e.line, e.message);
        cr_assert_null(o);
    }
}

Test(text, at_most_eight_lexicon_languages, .init = setup, .fini = teardown) {
    char xml[2048];
    size_t n = (size_t)snprintf(xml, sizeof xml, "%s", ext_head);
    static const char *const langs[] = {"fr", "it", "pt", "nl", "sv", "da"}; /* + en de es */
    for (size_t i = 0; i < 6; i++)
        n += (size_t)snprintf(xml + n, sizeof xml - n,
                              "<lexicon xml:lang='%s'>\n<phrases finding='pain_groin'><p>x%zu</p>"
                              "</phrases></lexicon>\n",
                              langs[i], i);
    snprintf(xml + n, sizeof xml - n, "</ontology>");
    hp_input in = {"ext.xml", xml, strlen(xml)};
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_E_LIMIT, "%s", e.message);
    cr_assert_str_eq(e.file, "ext.xml");
    cr_assert(strstr(e.message, "'da'"), "%s", e.message);
    cr_assert_null(o);
}

/* hp_ontology_memory() counts the compiled lexicon: the default ontology with its
   <lexicon> sections holds more than the same XML without them, by more than the
   phrases' text and their staging (every <p> compiles to at least one token of 40+
   bytes, its entry and its words). */
Test(text, ontology_memory_counts_the_lexicon, .init = setup, .fini = teardown) {
    size_t n, n_p = 0;
    const char *xml = hp_default_ontology_xml(&n);
    char *bare = malloc(n + 1);
    cr_assert_not_null(bare);
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        if (n - i > 9 && !memcmp(xml + i, "<lexicon ", 9)) {
            const char *end = strstr(xml + i, "</lexicon>");
            cr_assert_not_null(end);
            for (const char *p = xml + i; p < end; p++)
                n_p += !strncmp(p, "<p>", 3);
            i = (size_t)(end - xml) + strlen("</lexicon>");
        } else
            bare[m++] = xml[i++];
    }
    bare[m] = 0;
    cr_assert_gt(n_p, 1000);
    hp_input in = {"bare.xml", bare, m};
    hp_load_options opt = {0, 0, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load(&in, 1, &opt, &o, &e), HP_OK, "%s", e.message);
    size_t with = hp_ontology_memory(onto), without = hp_ontology_memory(o);
    cr_assert_gt(with, without + n_p * 64, "with %zu, without %zu, %zu phrases", with, without,
                 n_p);
    hp_text_result *r = NULL;
    cr_assert_eq(hp_text_parse(o, "no fever", 8, NULL, &r, NULL), HP_OK);
    cr_assert_eq(hp_text_result_finding_count(r), 0);
    hp_text_result_free(r);
    hp_ontology_free(o);
    free(bare);
}

/* The copying readers: the caller's struct, HP_E_NOT_FOUND with a message past the end. */
Test(text, copying_readers, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("no fever, groin pain, 40 km a week", "en");
    cr_assert_eq(hp_text_result_finding_count(r), 2);
    hp_text_finding f;
    hp_error e = {0};
    cr_assert_eq(hp_text_result_get_finding(r, 1, &f, &e), HP_OK);
    const hp_text_finding *g = hp_text_result_finding(r, 1); /* field by field: padding */
    cr_assert(f.finding == g->finding && f.answer == g->answer && f.offset == g->offset &&
              f.length == g->length && f.confidence == g->confidence && f.side == g->side);
    cr_assert_eq(f.finding, hp_ontology_index(onto, HP_ENTITY_FINDING, "pain_groin"));
    cr_assert_eq(hp_text_result_get_finding(r, 2, &f, &e), HP_E_NOT_FOUND);
    cr_assert(strstr(e.message, "text finding 2") && strstr(e.message, "has 2"), "%s", e.message);
    cr_assert_eq(f.finding, 0);
    cr_assert_eq(f.length, 0);
    cr_assert_eq(hp_text_result_get_finding(NULL, 0, &f, &e), HP_E_INVALID);
    cr_assert_eq(hp_text_result_get_finding(r, 0, NULL, NULL), HP_E_INVALID);
    hp_text_number num;
    cr_assert_eq(hp_text_result_get_number(r, 0, &num, &e), HP_OK);
    cr_assert_eq(num.field, HP_RUNNER_WEEKLY_KM);
    cr_assert_float_eq(num.value, 40.0, 1e-9);
    cr_assert_eq(hp_text_result_get_number(r, 1, &num, &e), HP_E_NOT_FOUND);
    cr_assert(strstr(e.message, "text number 1"), "%s", e.message);
    cr_assert_eq(hp_text_result_get_number(NULL, 0, &num, NULL), HP_E_INVALID);
    hp_text_result_free(r);
}

Test(text, a_negated_findings_place_is_not_a_pain_there, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Keine Beule in der Leiste.", NULL);
    expect(r, "groin_lump", HP_ANSWER_ABSENT);
    expect_none(r, "pain_groin");
    hp_text_result_free(r);
    r = parse("no swelling in my groin and no fever", "en");
    expect(r, "groin_lump", HP_ANSWER_ABSENT);
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect_none(r, "pain_groin");
    hp_text_result_free(r);
    r = parse("sin bulto en la ingle", "es");
    expect_none(r, "pain_groin");
    hp_text_result_free(r);
    /* a negated pain word names no finding: its place is negated */
    r = parse("no pain in my groin", "en");
    expect(r, "pain_groin", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* after a connector the next finding is a finding of its own */
    r = parse("keine Beule und keine Schmerzen in der Leiste", "de");
    expect(r, "pain_groin", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Keine Beule, aber Schmerzen in der Leiste", "de");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* a word the lexicon does not know is the negated thing too */
    r = parse("Keine Delle in der Leiste.", "de");
    expect_none(r, "pain_groin");
    hp_text_result_free(r);
    r = parse("Keine Schmerzen in der Leiste", "de");
    expect(r, "pain_groin", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("sin dolor en la ingle", "es");
    expect(r, "pain_groin", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("no discomfort at night", "en");
    expect(r, "pain_at_night", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

Test(text, a_later_negation_of_a_finding_wins, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("My groin hurt for a week. Now the groin is fine.", "en");
    expect(r, "pain_groin", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Groin pain last month. The groin doesn't hurt anymore.", "en");
    expect(r, "pain_groin", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* a negation that names another finding after the second mention negates that one */
    r = parse("Groin pain when running. Groin doesn't hurt at night.", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    expect(r, "pain_at_night", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* a negation between two mentions of one finding in a clause negates it */
    r = parse("Es strahlt nicht ins Bein aus.", "de");
    expect(r, "pain_radiating_down_leg", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Strahlt ins Bein. Nicht ins Bein, sondern in den Po.", "de");
    expect(r, "pain_radiating_down_leg", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* over a comma the negation is of something else */
    r = parse("Groin pain. Groin, stairs and all that: fine.", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

Test(text, ordinary_phrasings_of_onset_and_training, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
        hp_answer answer;
    } cases[] = {
        {"I felt something give in my groin", "en", "onset_sudden", HP_ANSWER_PRESENT},
        {"it came on without warning", "en", "onset_sudden", HP_ANSWER_PRESENT},
        {"wie aus dem Nichts tat die Leiste weh", "de", "onset_sudden", HP_ANSWER_PRESENT},
        {"sentí un tirón en la ingle", "es", "onset_sudden", HP_ANSWER_PRESENT},
        {"it crept up on me", "en", "onset_gradual", HP_ANSWER_PRESENT},
        {"kam Stück für Stück", "de", "onset_gradual", HP_ANSWER_PRESENT},
        {"apareció paulatinamente", "es", "onset_gradual", HP_ANSWER_PRESENT},
        {"after a tough session on the track", "en", "recent_hard_or_downhill_run",
         HP_ANSWER_PRESENT},
        {"nach einer harten Einheit am Dienstag", "de", "recent_hard_or_downhill_run",
         HP_ANSWER_PRESENT},
        {"hice series duras el martes", "es", "recent_hard_or_downhill_run", HP_ANSWER_PRESENT},
        {"my long run was way longer than usual", "en", "long_run_spike", HP_ANSWER_PRESENT},
        {"my long run was way longer than usual", "en", "recent_hard_or_downhill_run",
         HP_ANSWER_PRESENT},
        {"viel länger als sonst gelaufen", "de", "long_run_spike", HP_ANSWER_PRESENT},
        {"una tirada más larga de lo normal", "es", "long_run_spike", HP_ANSWER_PRESENT},
        {"fisio, antiinflamatorios... y nada", "es", "persistent_pain", HP_ANSWER_PRESENT},
        {"tried physio and stretching, nothing has helped", "en", "persistent_pain",
         HP_ANSWER_PRESENT},
        {"Pause und Schmerzmittel haben nichts gebracht", "de", "improves_with_rest",
         HP_ANSWER_ABSENT},
        {"numb patch on the outside of my left thigh", "en", "numbness_outer_thigh",
         HP_ANSWER_PRESENT},
        {"walking is pain free", "en", "pain_daily_activities", HP_ANSWER_ABSENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, cases[i].answer);
        hp_text_result_free(r);
    }
    /* downhill as what makes it worse is no recent downhill run */
    static const char *const worse_downhill[] = {"Downhills are the worst.",
                                                 "Es tut vor allem bergab weh.",
                                                 "Me duele sobre todo cuesta abajo."};
    for (size_t i = 0; i < 3; i++) {
        hp_text_result *r = parse(worse_downhill[i], NULL);
        expect_none(r, "recent_hard_or_downhill_run");
        hp_text_result_free(r);
    }
    /* "y nada de" still negates what follows; "y nada más" negates nothing */
    hp_text_result *r = parse("me duele la ingle y nada de fiebre", "es");
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect_none(r, "persistent_pain");
    hp_text_result_free(r);
    r = parse("me duele la ingle y nada más", "es");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    expect_none(r, "persistent_pain");
    hp_text_result_free(r);
    /* a numb outer thigh is not a pain down the outside of the thigh */
    r = parse("numb patch on the outside of my left thigh", "en");
    expect_none(r, "pain_lateral_thigh_to_knee");
    hp_text_result_free(r);
}

Test(text, tenderness_sites_and_spread, .init = setup, .fini = teardown) {
    /* plain "sore to press" is the greater trochanter only with pain on the side of the hip */
    hp_text_result *r = parse("The pubic bone is sore to press.", "en");
    expect_none(r, "tender_greater_trochanter");
    hp_text_result_free(r);
    r = parse("Outside of my hip hurts and the bony bit is sore to press.", "en");
    expect(r, "tender_greater_trochanter", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("No groin pain, and the side isnt sore when I press on it.", "en");
    expect(r, "tender_greater_trochanter", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    /* a crack at the onset is sudden and a pop */
    r = parse("I felt something crack in my hip", "en");
    expect(r, "onset_sudden", HP_ANSWER_PRESENT);
    expect(r, "pop_at_onset", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* where a pain spreads to is no pain of the knee */
    r = parse("it hurts from the hip down toward the knee", "en");
    expect_none(r, "pain_knee");
    hp_text_result_free(r);
    r = parse("my knee hurts", "en");
    expect(r, "pain_knee", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* "can't sleep on that side" is lying on the side, not night pain */
    r = parse("No puedo dormir de ese lado.", "es");
    expect(r, "worse_lying_on_side", HP_ANSWER_PRESENT);
    expect_none(r, "pain_at_night");
    hp_text_result_free(r);
}

Test(text, finding_words_tell_the_language, .init = setup, .fini = teardown) {
    /* "I'm" folds to "im", a German filler: "limping", an English finding word, outweighs
       it */
    hp_text_result *r = parse("I'm limping.", NULL);
    expect(r, "limping", HP_ANSWER_PRESENT);
    cr_assert_str_eq(hp_text_result_languages(r), "en,de");
    hp_text_result_free(r);
    r = parse("Ich hinke seit gestern.", NULL);
    expect(r, "limping", HP_ANSWER_PRESENT);
    cr_assert_str_eq(hp_text_result_languages(r), "de");
    hp_text_result_free(r);
}

Test(text, ordinary_negations, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
    } cases[] = {
        {"No me duele la espalda.", "es", "pain_lower_back"},
        {"La espalda está bien.", "es", "pain_lower_back"},
        {"Nachts ist es gut.", "de", "pain_at_night"},
        {"Nights are fine.", "en", "pain_at_night"},
        {"I sleep fine.", "en", "pain_at_night"},
        {"I haven't done any races or hill sessions.", "en", "recent_hard_or_downhill_run"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, HP_ANSWER_ABSENT);
        hp_text_result_free(r);
    }
}

Test(text, five_letter_words_with_two_letters_swapped, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("My grion hurts.", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    cr_assert_lt(found(r, "pain_groin")->confidence, 1.0);
    hp_text_result_free(r);
    /* another edit of a 5-letter word is no typo of it */
    r = parse("My groan hurts.", "en");
    expect_none(r, "pain_groin");
    hp_text_result_free(r);
}

Test(text, ordinary_phrasings_of_what_makes_it_worse, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
    } cases[] = {
        {"Worse after a long car ride.", "en", "worse_prolonged_sitting"},
        {"It hurts to stand on it.", "en", "worse_weight_bearing"},
        {"Running is really sore.", "en", "pain_during_run"},
        {"Turning my leg inwards hurts.", "en", "pain_internal_rotation"},
        {"Nach langem Autofahren ist es schlimmer.", "de", "worse_prolonged_sitting"},
        {"Después de estar mucho rato sentado me duele.", "es", "worse_prolonged_sitting"},
        {"Hasta caminar me duele.", "es", "pain_daily_activities"},
        {"Correr me duele.", "es", "pain_during_run"},
        {"Me duele al tumbarme sobre ese lado.", "es", "worse_lying_on_side"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, HP_ANSWER_PRESENT);
        hp_text_result_free(r);
    }
}

Test(text, more_ordinary_negations, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
    } cases[] = {
        {"I can't see any swelling.", "en", "swelling"},
        {"Swelling? Not that I can see.", "en", "swelling"},
        {"She hasn't had any falls.", "en", "after_fall_or_trauma"},
        {"She is able to put weight on it.", "en", "unable_to_bear_weight"},
        {"Periods have been normal.", "en", "menstrual_irregularity"},
        {"It stays in the hip, doesn't travel.", "en", "pain_radiating_down_leg"},
        {"Back is fine.", "en", "pain_lower_back"},
        {"There was no specific moment it started.", "en", "onset_sudden"},
        {"Caídas no ha tenido.", "es", "after_fall_or_trauma"},
        {"Puede apoyar el pie sin problema.", "es", "unable_to_bear_weight"},
        {"Meine Periode ist regelmäßig.", "de", "menstrual_irregularity"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, HP_ANSWER_ABSENT);
        hp_text_result_free(r);
    }
    /* "cycle" is no cycling */
    hp_text_result *r = parse("My cycle is normal.", "en");
    expect_none(r, "pain_in_cross_training");
    hp_text_result_free(r);
}

Test(text, negation_after_cue_leading_a_clause_negates_forwards, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
    } cases[] = {
        {"No problems at night.", "en", "pain_at_night"},
        {"Kein Problem beim Gehen.", "de", "pain_daily_activities"},
        {"Sin molestias en reposo.", "es", "pain_at_rest"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, HP_ANSWER_ABSENT);
        hp_text_result_free(r);
    }
    /* a cue that does not begin with "no" does not negate forwards */
    hp_text_result *r = parse("Ok, it hurts at night.", "en");
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* still negates the finding before it */
    r = parse("Walking: no problems.", "en");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

Test(text, each_day_and_cada_dia_are_seven_days, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("I run for an hour each day.", "en");
    cr_assert_float_eq(number(r, HP_RUNNER_RUN_DAYS_PER_WEEK), 7, 1e-9);
    hp_text_result_free(r);
    r = parse("Corro una hora cada día.", "es");
    cr_assert_float_eq(number(r, HP_RUNNER_RUN_DAYS_PER_WEEK), 7, 1e-9);
    expect(r, "no_rest_days", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

Test(text, ordinary_phrasings_batch_two, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
        hp_answer answer;
    } cases[] = {
        {"The coach doubled her weekly miles.", "en", "mileage_increase_over_10pct",
         HP_ANSWER_PRESENT},
        {"She went from 2 miles a day to 6.", "en", "mileage_increase_over_10pct",
         HP_ANSWER_PRESENT},
        {"25 miles a week, same as always.", "en", "mileage_increase_over_10pct", HP_ANSWER_ABSENT},
        {"I haven't changed my training at all.", "en", "intensity_increase", HP_ANSWER_ABSENT},
        {"Both quads wrecked today.", "en", "soreness_next_day", HP_ANSWER_PRESENT},
        {"Sore all through the muscles.", "en", "bilateral_diffuse_soreness", HP_ANSWER_PRESENT},
        {"It aches when I'm just sitting around.", "en", "pain_at_rest", HP_ANSWER_PRESENT},
        {"I can't sleep on that side.", "en", "pain_at_night", HP_ANSWER_PRESENT},
        {"Worse when I stand on one foot.", "en", "worse_standing_on_one_leg", HP_ANSWER_PRESENT},
        {"After I've been sat at my desk.", "en", "worse_prolonged_sitting", HP_ANSWER_PRESENT},
        {"It doesn't move like it used to.", "en", "hip_stiffness", HP_ANSWER_PRESENT},
        {"I can barely walk.", "en", "pain_daily_activities", HP_ANSWER_PRESENT},
        {"Then I felt a pop.", "en", "onset_sudden", HP_ANSWER_PRESENT},
        {"Turning the hip hurts.", "en", "painful_hip_rom", HP_ANSWER_PRESENT},
        {"Sitzen tut weh.", "de", "worse_prolonged_sitting", HP_ANSWER_PRESENT},
        {"Heute Muskelkater.", "de", "soreness_next_day", HP_ANSWER_PRESENT},
        {"Mein erster 25er, so lang wie nie.", "de", "long_run_spike", HP_ANSWER_PRESENT},
        {"Sie konnte nicht mehr auftreten.", "de", "unable_to_bear_weight", HP_ANSWER_PRESENT},
        {"Chutó el balón y en ese momento le dolió.", "es", "onset_sudden", HP_ANSWER_PRESENT},
        {"Tengo agujetas.", "es", "soreness_next_day", HP_ANSWER_PRESENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, cases[i].answer);
        hp_text_result_free(r);
    }
    static const struct {
        const char *text, *lang, *id;
    } none[] = {
        {"She started cross country this fall.", "en", "after_fall_or_trauma"},
        {"Mileage went up almost overnight.", "en", "onset_sudden"},
        {"It hurts walking downstairs.", "en", "pain_daily_activities"},
        {"She pivoted sharply.", "en", "pain_sharp"},
        {"Longest run about 4 miles.", "en", "long_run_spike"},
        {"Sitzen tut weh.", "de", "pain_sitting_bone"},
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        hp_text_result *r = parse(none[i].text, none[i].lang);
        expect_none(r, none[i].id);
        hp_text_result_free(r);
    }
}

/* A negation cue standing between a phrase's words negates the phrase (German and
   Spanish put it there); not after "when", "wenn", "cuando" (the condition's own). */
Test(text, negation_inside_a_phrase, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Beim Radfahren nichts, und Gehen tut nicht weh.", "de");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Andar no me duele nada.", "es");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Mein Knie zickt, aber beim Laufen tut es nicht weh.", "de");
    expect(r, "pain_during_run", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("It only aches when I don't run for a week.", "en");
    expect_none(r, "pain_during_run");
    hp_text_result_free(r);
    /* a later mention with the negation inside wins over an earlier one */
    r = parse("Im Winter: Gehen tut weh. Jetzt im Sommer: Gehen tut nicht weh.", "de");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* A pain word after a negated place keeps the negation going to what follows: "no hip
   pain at night" negates the night. */
Test(text, pain_word_after_a_negated_place, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("The groin aches on runs. No groin ache at night though.", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    expect(r, "pain_at_night", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("No back pain when sitting for long, it is fine.", "en");
    expect(r, "worse_prolonged_sitting", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* "used to ... but not anymore": what the sentence named is absent now (after "but",
   "aber", "pero" or a comma, the clause ending there); "no longer at night" negates only
   the night. */
Test(text, not_anymore, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
    } cases[] = {
        {"Back then I was limping, but now not anymore.", "en", "limping"},
        {"I had night sweats in spring, not any more.", "en", "unexplained_weight_loss"},
        {"Anfangs hat die Leiste gestochen, aber inzwischen nicht mehr.", "de", "pain_groin"},
        {"Al principio cojeaba, pero ahora ya no.", "es", "limping"},
        {"It was clicking for weeks but it doesn't anymore.", "en", "clicking_or_locking"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, HP_ANSWER_ABSENT);
        hp_text_result_free(r);
    }
    hp_text_result *r = parse("The groin ached but no longer at night.", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    expect(r, "pain_at_night", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* An activity said again with "too" / "auch" / "también" after a pain in the sentence is
   that activity's finding; "auch nicht", "tampoco" negate it; a list after "al", "beim",
   "when" goes on with its preposition. Not without a finding in the sentence. */
Test(text, elliptical_activities, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Treppensteigen tut weh, und Laufen auch.", "de");
    expect(r, "worse_climbing_stairs", HP_ANSWER_PRESENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Gehen tut nicht weh, Laufen auch nicht.", "de");
    expect(r, "pain_during_run", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Andar no me duele y correr tampoco.", "es");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    expect(r, "pain_during_run", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Noto molestias al subir escaleras, correr o caminar rápido.", "es");
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Es zieht beim Treppensteigen und Laufen.", "de");
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Ich fahre Rad, Laufen auch.", "de");
    expect_none(r, "pain_during_run");
    hp_text_result_free(r);
}

/* Sitting that hurts is worse with sitting in every language (the sit bone only when the
   place is said); a twist is an injury with a sudden onset in every language. */
Test(text, sitting_and_twisting_alike, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id, *not_id;
    } cases[] = {
        {"Lately it hurts to sit.", "en", "worse_prolonged_sitting", "pain_sitting_bone"},
        {"Sitting in lectures is the worst.", "en", "worse_prolonged_sitting", NULL},
        {"Mir tut es beim Sitzen weh.", "de", "worse_prolonged_sitting", "pain_sitting_bone"},
        {"Me duele estar sentada en la oficina.", "es", "worse_prolonged_sitting",
         "pain_sitting_bone"},
        {"Me torcí el pie y la cadera.", "es", "onset_sudden", NULL},
        {"Me torcí el pie y la cadera.", "es", "after_fall_or_trauma", NULL},
        {"Hab mir die Hüfte verdreht.", "de", "onset_sudden", NULL},
        {"Hab mir die Hüfte verdreht.", "de", "after_fall_or_trauma", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, HP_ANSWER_PRESENT);
        if (cases[i].not_id)
            expect_none(r, cases[i].not_id);
        hp_text_result_free(r);
    }
    hp_text_result *r = parse("Pain right on the sit bone when I sit on hard chairs.", "en");
    expect(r, "pain_sitting_bone", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    /* the second finding of words that state two, when the first was stated before */
    r = parse("I tripped on a root and twisted my hip.", "en");
    expect(r, "after_fall_or_trauma", HP_ANSWER_PRESENT);
    expect(r, "onset_sudden", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* Treatments listed, then "nothing" after a colon or "and": the pain persists, and rest
   among them does not ease it; not for a list without a treatment. A negation answering
   a colon ends the clause: "Fieber: nein". */
Test(text, self_care_that_did_nothing, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Tres semanas de reposo y masajes: nada.", "es");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    expect(r, "improves_with_rest", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Ibuprofen, dehnen, Physio... und nichts.", "de");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    expect_none(r, "improves_with_rest");
    hp_text_result_free(r);
    r = parse("Took time off, saw a chiro and nothing.", "en");
    expect(r, "improves_with_rest", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Questions about my hip: nothing.", "en");
    expect_none(r, "persistent_pain");
    hp_text_result_free(r);
    r = parse("Schwellung: nein. Kribbeln: keins.", "de");
    expect(r, "swelling", HP_ANSWER_ABSENT);
    expect(r, "numbness_or_tingling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* "Overnight" is a sudden onset unless its sentence is about training (then it is how
   fast the training changed); "this fall" is a season, "after this fall" a fall. */
Test(text, overnight_and_this_fall, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("The ache arrived practically overnight.", "en");
    expect(r, "onset_sudden", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Nearly overnight I jumped from 15 to 40 km a week. Hip sore since.", "en");
    expect_none(r, "onset_sudden");
    hp_text_result_free(r);
    r = parse("Über Nacht war die Leiste dick.", "de");
    expect(r, "onset_sudden", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Hab den Umfang über Nacht verdoppelt.", "de");
    expect_none(r, "onset_sudden");
    hp_text_result_free(r);
    r = parse("Went over on the ice in town. Since that fall my groin aches.", "en");
    expect(r, "after_fall_or_trauma", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("I joined a running club this fall.", "en");
    expect_none(r, "after_fall_or_trauma");
    hp_text_result_free(r);
}

/* "kann nicht", "no puedo": what the runner cannot do, not a negation (as English
   "can't"); a negation still after "kann nicht sagen" and with "keine". */
Test(text, inability_is_no_negation, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Seit dem Rennen kann ich nicht sprinten.", "de");
    expect(r, "worse_sprinting", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Mi hija no puede subir escaleras.", "es");
    expect(r, "worse_climbing_stairs", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Er sagt, er kann nicht auf dem Bein stehen.", "de");
    expect(r, "unable_to_bear_weight", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Er kann nicht gehen.", "de");
    expect(r, "unable_to_bear_weight", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Ich kann keine Beule tasten.", "de");
    expect(r, "groin_lump", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("No puedo notar hinchazón.", "es");
    expect(r, "swelling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* A treatment in the sentence of a pain that gets worse: the pain persists despite it. */
Test(text, worse_despite_treatment, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Did rehab for a month and it keeps getting worse.", "en");
    expect(r, "worsening_pain", HP_ANSWER_PRESENT);
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("It keeps getting worse. I had massages last year.", "en");
    expect_none(r, "persistent_pain");
    hp_text_result_free(r);
}

/* German compounds of a place and a pain word read as the place. */
Test(text, german_compounds, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Seit dem Lauf Knieschmerzen, aber keine Pobeschwerden.", "de");
    expect(r, "pain_knee", HP_ANSWER_PRESENT);
    expect(r, "pain_buttock", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Schmerzhaftes Wochenende.", "de");
    cr_assert_eq(hp_text_result_finding_count(r), 0);
    hp_text_result_free(r);
}

/* Ordinary ways to say hopping, standing and dressing hurt. */
Test(text, hopping_standing_dressing, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
    } cases[] = {
        {"It really hurts to hop.", "en", "hop_test_painful"},
        {"Standing is painful after a while.", "en", "worse_weight_bearing"},
        {"Even tying my shoes is bad.", "en", "pain_daily_activities"},
        {"Es zieht, wenn ich lange stehe.", "de", "worse_weight_bearing"},
        {"Morgens Schuhe anziehen ist schwer.", "de", "pain_daily_activities"},
        {"Me cuesta ponerme los zapatos.", "es", "pain_daily_activities"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, HP_ANSWER_PRESENT);
        hp_text_result_free(r);
    }
}

/* Any number of weeks from 6 is more than six weeks; 3 weeks is not. */
Test(text, weeks_counted, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Sore for 17 weeks now and physio didn't help.", "en");
    expect(r, "pain_six_weeks_despite_self_care", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Seit 13 Wochen, trotz Physio.", "de");
    expect(r, "pain_six_weeks_despite_self_care", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Sore for 3 weeks now and physio didn't help.", "en");
    expect_none(r, "pain_six_weeks_despite_self_care");
    hp_text_result_free(r);
}

/* What someone asked about ("asked if", "fragte, ob", "preguntó si") is no answer; the
   clause after a comma is. */
Test(text, asked_if_is_no_answer, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("My GP asked whether I'd had night sweats.", "en");
    expect_none(r, "unexplained_weight_loss");
    hp_text_result_free(r);
    r = parse("Die Ärztin wollte wissen, ob ich Fieber habe, und ja, ich hinke.", "de");
    expect_none(r, "fever_or_chills");
    expect(r, "limping", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Me preguntaron si cojeaba.", "es");
    expect_none(r, "limping");
    hp_text_result_free(r);
    r = parse("If I run, the groin hurts.", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* The forms of the pain verbs read alike: past and plural as the phrase's present. */
Test(text, pain_verb_forms, .init = setup, .fini = teardown) {
    static const struct {
        const char *text, *lang, *id;
        hp_answer answer;
    } cases[] = {
        {"Andar me dolía bastante.", "es", "pain_daily_activities", HP_ANSWER_PRESENT},
        {"Gestern tat Gehen weh, heute Sitzen tat weh.", "de", "worse_prolonged_sitting",
         HP_ANSWER_PRESENT},
        {"Last week running hurt.", "en", "pain_during_run", HP_ANSWER_PRESENT},
        {"Walking didn't hurt at all.", "en", "pain_daily_activities", HP_ANSWER_ABSENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hp_text_result *r = parse(cases[i].text, cases[i].lang);
        expect(r, cases[i].id, cases[i].answer);
        hp_text_result_free(r);
    }
}

/* A hard run months or years ago is no recent one; a month ago or last weekend is. */
Test(text, hard_run_long_ago, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("I did a trail ultra two years ago and the hip aches.", "en");
    expect_none(r, "recent_hard_or_downhill_run");
    hp_text_result_free(r);
    r = parse("Hice una carrera de montaña hace meses.", "es");
    expect_none(r, "recent_hard_or_downhill_run");
    hp_text_result_free(r);
    r = parse("Hice una carrera de montaña el domingo.", "es");
    expect(r, "recent_hard_or_downhill_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("In the last few months I ran a marathon every month.", "en");
    expect(r, "recent_hard_or_downhill_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* A negation answering a question may go on with words that name no finding. */
Test(text, question_answered_at_length, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Any swelling? None I could find myself.", "en");
    expect(r, "swelling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("¿Hormigueo? No, ninguno en todo este tiempo.", "es");
    expect(r, "numbness_or_tingling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Fever? No swelling either.", "en");
    expect(r, "fever_or_chills", HP_ANSWER_PRESENT);
    expect(r, "swelling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* "only" + an activity after a comma or "but" is that activity's pain, not the runner who
   only runs; "when sitting" is worse with sitting. */
Test(text, only_an_activity, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Walking is no problem, only running.", "en");
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    expect_none(r, "running_only");
    hp_text_result_free(r);
    r = parse("Andar no me duele, solo correr.", "es");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("I do only running, no gym.", "en");
    expect(r, "running_only", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("It aches when sitting.", "en");
    expect(r, "worse_prolonged_sitting", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* A negation cue ending the sentence reaches back over a comma ("Hinchazón, ninguna."),
   not when words follow it ("at night, nothing else"); "keinerlei" negates. */
Test(text, negation_ending_the_sentence, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Redness, none.", "en");
    expect(r, "redness", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Fiebre, ninguna.", "es");
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("It aches at night, nothing else.", "en");
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Keinerlei Schwellung.", "de");
    expect(r, "swelling", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* Rest and a word of easing in one clause, no negation: improves with rest, and the rest
   word is no pain at rest; not for an ease "at first" only. */
Test(text, rest_that_eases, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("After a rest day it settles again.", "en");
    expect(r, "improves_with_rest", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Die Leiste sticht, aber in Ruhe wird es schnell besser.", "de");
    expect(r, "improves_with_rest", HP_ANSWER_PRESENT);
    expect_none(r, "pain_at_rest");
    hp_text_result_free(r);
    r = parse("Con unos días de reposo se alivia bastante.", "es");
    expect(r, "improves_with_rest", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Mit Pause wurde es erst besser, dann wieder schlimm.", "de");
    expect_none(r, "improves_with_rest");
    hp_text_result_free(r);
    r = parse("Even at rest it never gets better.", "en");
    cr_assert(!found(r, "improves_with_rest") ||
              found(r, "improves_with_rest")->answer == HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* Rest or a treatment, then a negated verb of helping in its clause: the pain persists;
   rest alone that does not help does not ease it; rest among treatments says only that. */
Test(text, care_that_did_not_help, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("For three months now; ice and physio haven't fixed anything.", "en");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    expect(r, "pain_six_weeks_despite_self_care", HP_ANSWER_PRESENT);
    expect_none(r, "improves_with_rest");
    hp_text_result_free(r);
    r = parse("Massage bringt gar nichts.", "de");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Ausruhen hilft mir gar nicht.", "de");
    expect_none(r, "persistent_pain");
    expect(r, "improves_with_rest", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("My physio says it helps to stretch, and it does not hurt at night.", "en");
    expect_none(r, "persistent_pain");
    hp_text_result_free(r);
}

/* Getting worse next to "the longer" is worse with activity, not worsening over time;
   followed by running it is pain during the run; not after "or" (walking first). */
Test(text, worse_within_one_run, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Es wird immer schlimmer, je länger ich laufe.", "de");
    expect(r, "worse_with_activity", HP_ANSWER_PRESENT);
    expect_none(r, "worsening_pain");
    hp_text_result_free(r);
    r = parse("On long runs it hurts more and more the longer I keep going.", "en");
    expect(r, "worse_with_activity", HP_ANSWER_PRESENT);
    expect_none(r, "worsening_pain");
    hp_text_result_free(r);
    r = parse("Over the weeks it got worse. The hip aches worse the longer I run.", "en");
    expect(r, "worsening_pain", HP_ANSWER_PRESENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Me molesta cuanto más camino o corro.", "es");
    expect(r, "worse_with_activity", HP_ANSWER_PRESENT);
    expect_none(r, "pain_during_run");
    hp_text_result_free(r);
}

/* A gap reaches over a German clause bracket (six words); German particles ("eigentlich",
   "wohl") are fillers; a negated "weakness in the leg", "Kraft normal". */
Test(text, clause_bracket_and_particles, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Die Regel ist bei mir seit dem Winter ausgeblieben.", "de");
    expect(r, "menstrual_irregularity", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Die Regel ist nicht ausgeblieben.", "de");
    cr_assert(!found(r, "menstrual_irregularity") ||
              found(r, "menstrual_irregularity")->answer == HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Ich esse wohl zu wenig.", "de");
    expect(r, "low_energy_availability", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Belasten ist eigentlich okay.", "de");
    expect(r, "worse_weight_bearing", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("There is no weakness in the legs.", "en");
    expect(r, "leg_weakness", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Kraft normal, kein Kribbeln.", "de");
    expect(r, "leg_weakness", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* Families of ordinary phrasings: a too-fast build-up, under-fuelling, rolling onto the
   side, coughing as a verb, Spanish plurals of "clic", "von Woche zu Woche". */
Test(text, phrasing_families_round_four, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("I think I built up too quickly for the ultra.", "en");
    expect(r, "mileage_increase_over_10pct", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Hab den Umfang im Herbst deutlich erhöht.", "de");
    expect(r, "mileage_increase_over_10pct", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Aumenté demasiado rápido y ahora me duele.", "es");
    expect(r, "mileage_increase_over_10pct", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Probably underfuelling during the build.", "en");
    expect(r, "low_energy_availability", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("It wakes me when I roll onto my side.", "en");
    expect(r, "worse_lying_on_side", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Me duele cuando toso.", "es");
    expect(r, "worse_coughing_or_sneezing", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Noto unos clics en la ingle.", "es");
    expect(r, "clicking_or_locking", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Es wird von Woche zu Woche schlimmer.", "de");
    expect(r, "worsening_pain", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("About 4 mi in, the groin starts to ache.", "en");
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* A finding's phrase gives way to a longer one that shares two of its words and ends past
   it; not when it opens with an inability ("can't stand on") or shares one word only. */
Test(text, longer_phrase_overlapping, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("It's sore to stand on just that leg for a moment.", "en");
    expect(r, "worse_standing_on_one_leg", HP_ANSWER_PRESENT);
    expect_none(r, "worse_weight_bearing");
    hp_text_result_free(r);
    r = parse("This morning I can't stand on that leg.", "en");
    expect(r, "unable_to_bear_weight", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("After all the rehab it still hurts when I run.", "en");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* A hard run on a day named before and "today" after it: soreness the days after; no
   hard run, no soreness. "Race weight" is no race; a clunk over the bone is snapping. */
Test(text, sore_days_after_a_hard_run, .init = setup, .fini = teardown) {
    hp_text_result *r =
        parse("Raced a hilly 25k on Saturday and today both legs are stiff and sore.", "en");
    expect(r, "soreness_next_day", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Am Sonntag ein Bergrennen gelaufen, heute tun mir die Oberschenkel weh.", "de");
    expect(r, "soreness_next_day", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("I rested on Sunday and today the hip aches.", "en");
    expect_none(r, "soreness_next_day");
    hp_text_result_free(r);
    r = parse("Trying to get down to race weight.", "en");
    expect_none(r, "recent_hard_or_downhill_run");
    hp_text_result_free(r);
    r = parse("There is a clunk at the side of my hip.", "en");
    expect(r, "snapping_sensation", HP_ANSWER_PRESENT);
    expect_none(r, "clicking_or_locking");
    hp_text_result_free(r);
}

/* A hard run the pain began in with an acute onset (sudden, a pop, a fall) is no hard run
   before it; pain while running in the same sentence is no such onset. */
Test(text, injured_during_the_hard_run, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("On the steep descent I slipped and felt my hip go.", "en");
    expect_none(r, "recent_hard_or_downhill_run");
    hp_text_result_free(r);
    r = parse("Since the hill session last week it hurts when I run.", "en");
    expect(r, "recent_hard_or_downhill_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* "wouldn't", "weren't", "won't" negate ("won't go away" stays persistent); a correlative
   "ni" / "nor" inside a phrase under a negation does not turn it back. */
Test(text, more_negation_cues_and_correlatives, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("I wouldn't call it sharp.", "en");
    expect(r, "pain_sharp", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("The pain just won't go away.", "en");
    expect(r, "persistent_pain", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("No me duele ni al andar ni en la cama.", "es");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    expect(r, "pain_at_night", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
    r = parse("Caminar no me duele.", "es");
    expect(r, "pain_daily_activities", HP_ANSWER_ABSENT);
    hp_text_result_free(r);
}

/* "Sometimes not", "not always", "manchmal nicht", "no siempre" say a finding comes and
   goes, not that it is absent. */
Test(text, sometimes_not_is_no_negation, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("There is a catch in the groin, sometimes not.", "en");
    expect(r, "clicking_or_locking", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("It's not always there at night.", "en");
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Nachts tut es weh, aber nicht immer.", "de");
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Se me bloquea la cadera, a veces no.", "es");
    expect(r, "clicking_or_locking", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}

/* Inflection by the phrase's language: Spanish plurals ("nocturnos", "chasquidos" stays
   clicking), German verb persons in a phrase of several words ("drauf liege"), not in
   one word ("stehe" is no "Stehen"). */
Test(text, inflected_forms, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("Tengo unos dolores nocturnos muy fuertes.", "es");
    expect(r, "pain_at_night", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Es tut weh, wenn ich nachts drauf liege.", "de");
    expect(r, "worse_lying_on_side", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("Ich stehe viel im Job.", "de");
    expect_none(r, "worse_weight_bearing");
    hp_text_result_free(r);
    r = parse("Noto chasquidos al correr.", "es");
    expect(r, "clicking_or_locking", HP_ANSWER_PRESENT);
    expect_none(r, "pop_at_onset");
    hp_text_result_free(r);
}

/* A two-word boundary cue ("and my", "and when") ends the clause at "and" when its second
   word opens a finding phrase, so the phrase is still read; it still ends a negation. */
Test(text, boundary_cue_keeps_the_next_phrase, .init = setup, .fini = teardown) {
    hp_text_result *r = parse("I do about 30k a week and my back hurts most days.", "en");
    expect(r, "pain_lower_back", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("The groin is sore and when she runs it gets worse.", "en");
    expect(r, "pain_groin", HP_ANSWER_PRESENT);
    expect(r, "pain_during_run", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
    r = parse("No fever and my back hurts.", "en");
    expect(r, "fever_or_chills", HP_ANSWER_ABSENT);
    expect(r, "pain_lower_back", HP_ANSWER_PRESENT);
    hp_text_result_free(r);
}
