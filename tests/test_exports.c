/* The plan exports (JSON, Markdown, iCalendar) of a small ontology whose texts need escaping:
 * quotes, backslashes, iCalendar's ';' and ',', a DEL control character, and long UTF-8
 * labels that iCalendar must fold between characters, never inside one. */
#include <jansson.h>
#include <string.h>

#include "test_util.h"

TestSuite(exports, .fini = hp_test_leak_check);

/* 40 x U+00E9 (2 bytes each): a label of 80 octets before any other text. */
#define E40                                                                                        \
    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3" \
    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" \
    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3" \
    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"

static const char *xml =
    "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='exports' version='1'>"
    "<sources><source id='s'>Source</source></sources>"
    "<findings><finding id='side_pain' kind='symptom' group='location' base-rate='0.3' src='s'>"
    "<label>Side pain</label><question>Side?</question></finding></findings>"
    "<conditions><condition id='odd' prior='1' seriousness='mild' src='s'>"
    "<label>Odd; sore, \"very\" \\ much</label>"
    "<evidence finding='side_pain' strength='0.9' src='s'/>"
    "<treat exercise='long_name' phase='strengthen' src='s'/>"
    "<treat exercise='hold' phase='strengthen' src='s'/>"
    "<treat advice='tall' phase='return' src='s'/>"
    "</condition></conditions>"
    "<exercises>"
    "<exercise id='long_name' kind='strength' targets='hips' src='s'>"
    "<label>" E40 " march</label>"
    "<dosing sets='2' reps='10' minutes='5' days-per-week='3' effort='easy' src='s'/>"
    "</exercise>"
    "<exercise id='hold' kind='strength' targets='hips' src='s'>"
    "<label>Plank, side; hold \\ breathe&#x7F;</label>"
    "<dosing sets='1' hold-seconds='30' days-per-week='3' effort='easy' src='s'/>"
    "</exercise></exercises>"
    "<advice-items><advice id='tall' category='form' src='s'>"
    "<label>Tall; relaxed, quick</label><text>Run tall; relax.</text></advice></advice-items>"
    "</ontology>";

static hp_ontology *load(void) {
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_memory("exports.xml", xml, strlen(xml), &o, &e), HP_OK,
                 "%s:%d: %s", e.file, e.line, e.message);
    return o;
}

static hp_plan *plan_for_odd(const hp_ontology *o, int weeks) {
    const char *ids[] = {"odd"};
    hp_plan_options opt;
    memset(&opt, 0, sizeof opt);
    opt.weeks = weeks;
    opt.start_date = "2026-03-02";
    hp_plan *plan = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_plan_for_conditions(o, ids, 1, NULL, &opt, &plan, &e), HP_OK, "%s", e.message);
    return plan;
}

/* The first item of exercise `id` in the plan; fails if there is none. */
static hp_session_item find_item(const hp_plan *plan, const char *id) {
    for (size_t w = 0; w < hp_plan_week_count(plan); w++)
        for (size_t d = 0; d < 7; d++) {
            hp_day day;
            cr_assert_eq(hp_plan_day(plan, w, d, &day), HP_OK);
            for (size_t s = 0; s < day.n_sessions; s++) {
                hp_session ses;
                cr_assert_eq(hp_plan_session(plan, w, d, s, &ses), HP_OK);
                for (size_t i = 0; i < ses.n_items; i++) {
                    hp_session_item it;
                    cr_assert_eq(hp_plan_item(plan, w, d, s, i, &it), HP_OK);
                    if (strcmp(it.id, id) == 0)
                        return it;
                }
            }
        }
    cr_assert_fail("no item %s in the plan", id);
    hp_session_item none = {0};
    return none;
}

Test(exports, doses_of_every_shape) {
    hp_ontology *o = load();
    hp_plan *plan = plan_for_odd(o, 4);
    hp_session_item it = find_item(plan, "long_name");
    cr_assert_eq(it.reps, 10);
    cr_assert_eq(it.minutes, 5);
    it = find_item(plan, "hold");
    cr_assert_eq(it.hold_seconds, 30);
    cr_assert_eq(it.reps, 0);
    char *md = NULL;
    cr_assert_eq(hp_plan_to_markdown(plan, &md, NULL), HP_OK);
    /* reps win over minutes; a hold alone is in seconds */
    cr_assert(strstr(md, "Strength: " E40 " march 2 x\n  10, Plank"), "%s", md);
    cr_assert(strstr(md, "breathe\x7f 1 x 30 s"), "%s", md);
    cr_assert(strstr(md, "Likely causes: Odd; sore, \"very\"\n\\ much."), "%s", md);
    hp_string_free(md);
    hp_plan_free(plan);
    hp_ontology_free(o);
}

Test(exports, one_week_is_singular) {
    hp_ontology *o = load();
    hp_plan *plan = plan_for_odd(o, 1);
    char *md = NULL;
    cr_assert_eq(hp_plan_to_markdown(plan, &md, NULL), HP_OK);
    cr_assert(strstr(md, "Starts 2026-03-02, 1 week. Triage: self-care."), "%s", md);
    hp_string_free(md);
    hp_plan_free(plan);
    plan = plan_for_odd(o, 2);
    cr_assert_eq(hp_plan_to_markdown(plan, &md, NULL), HP_OK);
    cr_assert(strstr(md, "Starts 2026-03-02, 2 weeks."), "%s", md);
    hp_string_free(md);
    hp_plan_free(plan);
    hp_ontology_free(o);
}

Test(exports, json_escapes_and_reads_back) {
    hp_ontology *o = load();
    hp_plan *plan = plan_for_odd(o, 4);
    char *out = NULL;
    cr_assert_eq(hp_plan_to_json(plan, HP_JSON_PRETTY, &out, NULL), HP_OK);
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    cr_assert_not_null(root, "%s: %s", je.text, out);
    /* every label and text reads back as it is in the ontology */
    int seen_hold = 0, seen_long = 0, seen_cue = 0;
    json_t *weeks = json_object_get(root, "weeks");
    size_t wi, di, si, ii;
    json_t *wk, *day, *ses, *it;
    json_array_foreach(weeks, wi, wk) {
        json_array_foreach(json_object_get(wk, "days"), di, day) {
            json_array_foreach(json_object_get(day, "sessions"), si, ses) {
                json_t *cue = json_object_get(ses, "cue_label");
                if (cue) {
                    cr_assert_str_eq(json_string_value(cue), "Tall; relaxed, quick");
                    seen_cue = 1;
                }
                json_array_foreach(json_object_get(ses, "items"), ii, it) {
                    const char *id = json_string_value(json_object_get(it, "id"));
                    const char *name = json_string_value(json_object_get(it, "label"));
                    cr_assert_not_null(name, "%s", out);
                    if (strcmp(id, "hold") == 0) {
                        cr_assert_str_eq(name, "Plank, side; hold \\ breathe\x7f");
                        seen_hold = 1;
                    } else if (strcmp(id, "long_name") == 0) {
                        cr_assert_str_eq(name, E40 " march");
                        cr_assert_eq(json_integer_value(json_object_get(it, "reps")), 10);
                        seen_long = 1;
                    }
                }
            }
        }
    }
    cr_assert(seen_hold && seen_long, "both exercises are in the plan");
    cr_assert(seen_cue, "runs have the form cue");
    /* the backslash is escaped; the DEL needs no escape in JSON */
    cr_assert(strstr(out, "hold \\\\ breathe\x7f\""), "%s", out);
    json_decref(root);
    hp_string_free(out);
    hp_plan_free(plan);
    hp_ontology_free(o);
}

/* Unfold an iCalendar text: every physical line is at most 75 octets, ends with CRLF and
   (if it continues the previous one) starts with one space; a fold never splits a UTF-8
   sequence. Returns the logical lines joined by '\n' (malloc'ed). */
static char *unfold(const char *ics) {
    size_t n = strlen(ics);
    char *out = malloc(n + 1);
    cr_assert_not_null(out);
    size_t o = 0;
    const char *p = ics;
    int folds = 0;
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        cr_assert_not_null(eol, "every line ends with CRLF");
        size_t len = (size_t)(eol - p);
        cr_assert_leq(len, 75, "a line of %zu octets: %.*s", len, (int)len, p);
        const char *body = p;
        if (*p == ' ') { /* a continuation */
            cr_assert_gt(o, 0);
            cr_assert_eq(out[o - 1], '\n');
            o--; /* join */
            body++;
            len--;
            folds++;
            cr_assert_neq((unsigned char)*body & 0xC0, 0x80, "a fold splits a UTF-8 sequence: %.*s",
                          (int)len, body);
        }
        memcpy(out + o, body, len);
        o += len;
        out[o++] = '\n';
        p = eol + 2;
    }
    out[o] = '\0';
    cr_assert_gt(folds, 0, "long lines are folded");
    return out;
}

Test(exports, ical_escapes_and_folds_between_characters) {
    hp_ontology *o = load();
    hp_plan *plan = plan_for_odd(o, 4);
    char *ics = NULL;
    cr_assert_eq(hp_plan_to_ical(plan, &ics, NULL), HP_OK);
    cr_assert(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0, "%.40s", ics);
    char *text = unfold(ics);
    /* TEXT values escape backslashes, ';' and ','; control characters are dropped */
    cr_assert(strstr(text, "- Plank\\, side\\; hold \\\\ breathe: 1 x 30 s\\, easy effort. "
                           "For: Odd\\; sore\\, \"very\" \\\\ much. Sources: s."),
              "%s", text);
    cr_assert(strstr(text, "- " E40 " march: 2 x 10\\, easy effort."), "%s", text);
    cr_assert(strstr(text, "Form cue: Run tall\\; relax."), "%s", text);
    cr_assert_null(strchr(text, 0x7f), "no DEL in the calendar");
    cr_assert(strstr(text, "\nEND:VCALENDAR\n"), "%s", text);
    free(text);
    hp_string_free(ics);
    hp_plan_free(plan);
    hp_ontology_free(o);
}
