/*
 * hippain: the command-line face of libhippain.
 *
 *   hippain assess [FILE|-]      triage, ranked causes with evidence, risks, next question
 *   hippain interview            ask questions one at a time (answers from the terminal
 *                                or standard input), then offer a plan
 *   hippain plan [FILE|-]        a week-by-week plan (json, markdown or ics)
 *   hippain validate FILE...     check ontology files
 *   hippain list KIND            list conditions, findings, exercises or advice
 *   hippain show ID              one entry with its sources
 *
 * Exit status: 0 success, 2 bad input or usage, 1 other failures.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <hippain/hippain.h>

#define EXIT_BAD_INPUT 2
#define WIDTH 80
#define MAX_ONTOLOGIES 64

#define MAX_RUN_FILES 64

typedef struct options {
    const char *ontologies[MAX_ONTOLOGIES];
    size_t n_ontologies;
    const char *lang;
    int json;
    int weeks;
    const char *start;
    int days;
    const char *format;
    const char *output;
    int color;
    const char *runs[MAX_RUN_FILES]; /* --runs: watch files for the run log */
    size_t n_runs;
    const char *text;     /* --text: a runner's description, "-" = standard input */
    const char *checkins; /* --checkins: revise the plan from these check-ins */
} options;

static const char *prog = "hippain";

static void usage(FILE *f) {
    fprintf(f, "Usage: hippain [OPTIONS] COMMAND [ARGS]\n"
               "\n"
               "Why a runner's hip hurts and what to do about it.\n"
               "\n"
               "Commands:\n"
               "  assess [FILE|-]       assess a profile (JSON): triage, likely causes with\n"
               "                        their evidence, training-load risks, next question\n"
               "  interview             answer questions one at a time (y/n/?/back/quit)\n"
               "  plan [FILE|-]         make a week-by-week prevention or rehab plan\n"
               "  validate FILE...      check ontology files (schema and semantics)\n"
               "  list KIND             list conditions, findings, exercises or advice\n"
               "  show ID               show one entry with its sources\n"
               "\n"
               "Options:\n"
               "  --ontology FILE       add an ontology file on top of the default (repeatable)\n"
               "  --runs FILE           add the runs of a GPX or TCX watch file (repeatable)\n"
               "  --text TEXT|-         assess a description in the runner's words (en, de,\n"
               "                        es; - reads it from standard input)\n"
               "  --checkins FILE       plan: revise the plan from its weekly check-ins (JSON)\n"
               "  --lang LANG           language of labels and questions (e.g. de, es)\n"
               "  --json                JSON output (assess)\n"
               "  --weeks N             plan length in weeks (1-52, default 8)\n"
               "  --start YYYY-MM-DD    first day of the plan\n"
               "  --days N              run days a week (1-6)\n"
               "  --format FMT          plan format: json, markdown or ics (default markdown)\n"
               "  -o, --output FILE     write to FILE instead of standard output\n"
               "  -h, --help            show this help\n"
               "  -V, --version         show the version\n"
               "\n"
               "A profile is JSON: {\"findings\": {\"pain_lateral_hip\": true, ...},\n"
               "\"runner\": {\"weekly_km\": 42, \"previous_weekly_km\": 30, ...}}.\n"
               "Exit status: 0 success, 2 bad input or usage, 1 other failure.\n");
}

static int fail(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

/* Exit status for a library failure: bad input is 2, the rest 1. */
static int status_exit(hp_status st) {
    switch (st) {
    case HP_E_INVALID:
    case HP_E_IO:
    case HP_E_PARSE:
    case HP_E_SCHEMA:
    case HP_E_SEMANTIC:
    case HP_E_DUPLICATE:
    case HP_E_NOT_FOUND:
    case HP_E_LIMIT:
    case HP_E_FORBIDDEN: return EXIT_BAD_INPUT;
    default: return 1;
    }
}

static int fail_error(const hp_error *e) {
    char text[HP_ERROR_MESSAGE_MAX + HP_ERROR_FILE_MAX + 32];
    hp_error_format(e, text, sizeof text);
    return fail(status_exit(e->code), "%s", text);
}

/* ---- Output helpers ------------------------------------------------------------------- */

static const char *color(const options *o, const char *code) { return o->color ? code : ""; }
#define BOLD "\033[1m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define GREEN "\033[32m"
#define DIM "\033[2m"
#define RESET "\033[0m"

/* Print text word-wrapped at WIDTH with the given indent on every line. */
static void wrap(FILE *f, const char *text, int indent, int first_used) {
    int col = first_used;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        int len = (int)(e - p);
        if (len == 0)
            break;
        if (col > indent && col + 1 + len > WIDTH) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', f);
            col++;
        } else if (col < indent) {
            fprintf(f, "%*s", indent - col, "");
            col = indent;
        }
        fwrite(p, 1, (size_t)len, f);
        col += len;
        p = e;
    }
    fputc('\n', f);
}

/* ---- Loading -------------------------------------------------------------------------- */

static int load_ontology(const options *o, hp_ontology **onto) {
    hp_input in[MAX_ONTOLOGIES];
    for (size_t i = 0; i < o->n_ontologies; i++)
        in[i] = (hp_input){o->ontologies[i], NULL, 0};
    hp_load_options lo = {HP_LOAD_WITH_DEFAULT, 0, NULL};
    hp_error e = {0};
    if (hp_ontology_load(in, o->n_ontologies, &lo, onto, &e) != HP_OK)
        return fail_error(&e);
    return 0;
}

static char *read_all(FILE *f, size_t *n) {
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (len == cap) {
            char *nb = cap > (64u << 20) ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *n = len;
    return buf;
}

/* Read a profile from FILE or "-" (standard input). */
static int read_profile(const hp_ontology *onto, const char *path, hp_profile **p) {
    int stdin_ = !path || strcmp(path, "-") == 0;
    FILE *f = stdin_ ? stdin : fopen(path, "rb");
    if (!f)
        return fail(EXIT_BAD_INPUT, "%s: %s", path, strerror(errno));
    size_t n = 0;
    char *text = read_all(f, &n);
    if (!stdin_)
        fclose(f);
    if (!text)
        return fail(EXIT_BAD_INPUT, "%s: cannot read the profile", stdin_ ? "<stdin>" : path);
    hp_error e = {0};
    hp_status st = hp_profile_from_json(onto, text, n, stdin_ ? "<stdin>" : path, p, &e);
    free(text);
    return st == HP_OK ? 0 : fail_error(&e);
}

static FILE *open_output(const options *o) {
    if (!o->output || strcmp(o->output, "-") == 0)
        return stdout;
    FILE *f = fopen(o->output, "wb");
    if (!f)
        fail(1, "%s: %s", o->output, strerror(errno));
    return f;
}

static int close_output(const options *o, FILE *f) {
    if (f == stdout)
        return fflush(f) == 0 ? 0 : fail(1, "cannot write the output");
    if (fclose(f) != 0)
        return fail(1, "%s: cannot write", o->output);
    return 0;
}

/* ---- assess --------------------------------------------------------------------------- */

static const char *triage_words(hp_triage_level l) {
    switch (l) {
    case HP_TRIAGE_URGENT: return "URGENT: seek care today";
    case HP_TRIAGE_SEE_CLINICIAN: return "See a clinician (days, not weeks)";
    default: return "Self-care and training changes";
    }
}

static const char *triage_color(hp_triage_level l) {
    return l == HP_TRIAGE_URGENT ? RED : l == HP_TRIAGE_SEE_CLINICIAN ? YELLOW : GREEN;
}

static void print_triage(FILE *f, const options *o, const hp_assessment *a) {
    const hp_ontology *onto = hp_assessment_ontology(a);
    hp_triage_level l = hp_assessment_triage(a);
    fprintf(f, "%sTriage:%s %s%s%s\n", color(o, BOLD), color(o, RESET), color(o, triage_color(l)),
            triage_words(l), color(o, RESET));
    for (size_t i = 0; i < hp_assessment_reason_count(a); i++) {
        hp_triage_reason r;
        hp_assessment_reason(a, i, &r);
        const char *text = r.text;
        if (r.rule) /* the message in the chosen language */
            text = hp_ontology_text(onto, HP_ENTITY_RED_FLAG,
                                    hp_ontology_index(onto, HP_ENTITY_RED_FLAG, r.rule),
                                    HP_TEXT_MESSAGE, o->lang);
        char line[1024];
        snprintf(line, sizeof line, "%s [%s]", text, r.sources);
        fprintf(f, "  - ");
        wrap(f, line, 4, 4);
    }
}

/* Serious conditions listed apart from the ranking, each with the rules behind it. */
static void print_dont_miss(FILE *f, const options *o, const hp_assessment *a) {
    size_t n = hp_assessment_dont_miss_count(a);
    if (!n)
        return;
    const hp_ontology *onto = hp_assessment_ontology(a);
    fprintf(f, "%sDon't miss:%s\n", color(o, BOLD), color(o, RESET));
    for (size_t i = 0; i < n; i++) {
        hp_dont_miss d;
        hp_assessment_dont_miss(a, i, &d);
        char head[512];
        snprintf(head, sizeof head, "%s (ranked %zu, %.1f%%): %s",
                 hp_ontology_text(onto, HP_ENTITY_CONDITION, d.condition, HP_TEXT_LABEL, o->lang),
                 d.rank + 1, d.probability * 100, hp_enum_name(HP_ENUM_TRIAGE, d.level));
        fprintf(f, "  %s!%s", color(o, triage_color(d.level)), color(o, RESET));
        wrap(f, head, 4, 3);
        for (size_t j = 0; j < d.n_reasons; j++) {
            hp_triage_reason r;
            hp_assessment_dont_miss_reason(a, i, j, &r);
            char line[1024];
            snprintf(line, sizeof line, "%s: %s", r.rule ? r.rule : "suspected", r.findings);
            fprintf(f, "    because");
            wrap(f, line, 6, 11);
        }
    }
}

static void print_causes(FILE *f, const options *o, const hp_assessment *a, size_t top,
                         size_t evidence) {
    const hp_ontology *onto = hp_assessment_ontology(a);
    fprintf(f, "%sLikely causes:%s\n", color(o, BOLD), color(o, RESET));
    for (size_t i = 0; i < top && i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        const char *name =
            hp_ontology_text(onto, HP_ENTITY_CONDITION, c.condition, HP_TEXT_LABEL, o->lang);
        fprintf(f, "  %zu. %-60.60s %5.1f%%\n", i + 1, name, c.probability * 100);
        size_t lead = 0, n_pres = hp_condition_presentation_count(onto, c.condition);
        for (size_t k = 1; k < n_pres; k++)
            if (hp_assessment_presentation_probability(a, c.condition, k) >
                hp_assessment_presentation_probability(a, c.condition, lead))
                lead = k;
        if (n_pres) { /* the evidence below is the most likely presentation's */
            hp_presentation_info p;
            hp_condition_presentation(onto, c.condition, lead, &p);
            const char *label = hp_presentation_label(onto, c.condition, lead, o->lang);
            fprintf(f, "       most likely %s (%.0f%% of this cause)\n", label ? label : p.id,
                    hp_assessment_presentation_probability(a, c.condition, lead) * 100);
        }
        for (size_t j = 0; j < evidence && j < c.n_evidence; j++) {
            hp_evidence e;
            hp_assessment_evidence(a, i, j, &e);
            const char *label =
                hp_ontology_text(onto, HP_ENTITY_FINDING, e.finding_index, HP_TEXT_LABEL, o->lang);
            fprintf(f, "       %s%c %-52.52s %+5.2f%s%s\n", color(o, e.weight >= 0 ? GREEN : RED),
                    e.weight >= 0 ? '+' : '-', label, e.weight, e.derived ? " (measured)" : "",
                    color(o, RESET));
        }
    }
}

static void print_risks(FILE *f, const options *o, const hp_assessment *a) {
    if (!hp_assessment_risk_count(a))
        return;
    fprintf(f, "%sTraining-load risks:%s\n", color(o, BOLD), color(o, RESET));
    for (size_t i = 0; i < hp_assessment_risk_count(a); i++) {
        hp_risk r;
        hp_assessment_risk(a, i, &r);
        char line[1024];
        snprintf(line, sizeof line, "%s [%s]", r.text, r.sources);
        fprintf(f, "  ! ");
        wrap(f, line, 4, 4);
    }
}

static void print_next(FILE *f, const options *o, const hp_assessment *a) {
    const char *q = hp_assessment_next_question(a);
    if (!q)
        return;
    const hp_ontology *onto = hp_assessment_ontology(a);
    size_t fi = hp_ontology_index(onto, HP_ENTITY_FINDING, q);
    char line[1024];
    snprintf(line, sizeof line, "%s (%s)",
             hp_ontology_text(onto, HP_ENTITY_FINDING, fi, HP_TEXT_QUESTION, o->lang), q);
    fprintf(f, "%sNext question:%s", color(o, BOLD), color(o, RESET));
    wrap(f, line, 4, 14);
}

/* ---- --text: a runner's own words ----------------------------------------------------- */

/* Parse o->text (or standard input for "-") into *tr and apply it to p. */
static int apply_text(const options *o, const hp_ontology *onto, hp_profile *p,
                      hp_text_result **tr) {
    int stdin_ = strcmp(o->text, "-") == 0;
    size_t n = strlen(o->text);
    char *buf = stdin_ ? read_all(stdin, &n) : NULL;
    if (stdin_ && !buf)
        return fail(EXIT_BAD_INPUT, "<stdin>: cannot read the text");
    hp_error e = {0};
    hp_status st = hp_text_parse(onto, stdin_ ? buf : o->text, n, NULL, tr, &e);
    free(buf);
    if (st == HP_OK)
        st = hp_text_result_apply(*tr, p, &e);
    return st == HP_OK ? 0 : fail_error(&e);
}

static const char *sex_name(hp_sex s) {
    return s == HP_SEX_FEMALE  ? "female"
           : s == HP_SEX_MALE  ? "male"
           : s == HP_SEX_OTHER ? "other"
                               : "unknown";
}

/* "What I understood": the findings with the words behind them, the numbers. */
static void print_text(FILE *f, const options *o, const hp_ontology *onto,
                       const hp_text_result *tr) {
    const char *text = hp_text_result_text(tr, NULL);
    fprintf(f, "%sUnderstood (%s):%s\n", color(o, BOLD), hp_text_result_languages(tr),
            color(o, RESET));
    for (size_t i = 0; i < hp_text_result_finding_count(tr); i++) {
        hp_text_finding tf;
        if (hp_text_result_get_finding(tr, i, &tf, NULL) != HP_OK)
            break;
        const hp_text_finding *t = &tf;
        int len = t->length > 60 ? 60 : (int)t->length;
        fprintf(f, "  %s %-34s \"%.*s\"%s%s\n", t->answer == HP_ANSWER_PRESENT ? "yes" : "no ",
                hp_ontology_id(onto, HP_ENTITY_FINDING, t->finding), len, text + t->offset,
                t->side ? "  side: " : "", t->side ? hp_side_name(t->side) : "");
    }
    for (size_t i = 0; i < hp_text_result_number_count(tr); i++) {
        hp_text_number tn;
        if (hp_text_result_get_number(tr, i, &tn, NULL) != HP_OK)
            break;
        const hp_text_number *num = &tn;
        fprintf(f, "  %-38s %g  \"%.*s\"\n", hp_runner_field_name(num->field), num->value,
                (int)num->length, text + num->offset);
    }
    if (hp_text_result_sex(tr) != HP_SEX_UNKNOWN)
        fprintf(f, "  %-38s %s\n", "sex", sex_name(hp_text_result_sex(tr)));
    if (!hp_text_result_finding_count(tr) && !hp_text_result_number_count(tr))
        fprintf(f, "  (nothing the lexicon knows)\n");
}

/* The text result as a JSON object (keys "languages", "findings", "numbers", "sex"). */
static void json_text(FILE *f, const hp_ontology *onto, const hp_text_result *tr) {
    fprintf(f, "{\n  \"text\": {\"languages\": \"%s\", \"findings\": [",
            hp_text_result_languages(tr));
    for (size_t i = 0; i < hp_text_result_finding_count(tr); i++) {
        hp_text_finding tf;
        if (hp_text_result_get_finding(tr, i, &tf, NULL) != HP_OK)
            break;
        const hp_text_finding *t = &tf;
        fprintf(f,
                "%s\n    {\"id\": \"%s\", \"present\": %s, \"offset\": %zu, \"length\": %zu, "
                "\"confidence\": %.2f, \"side\": \"%s\"}",
                i ? "," : "", hp_ontology_id(onto, HP_ENTITY_FINDING, t->finding),
                t->answer == HP_ANSWER_PRESENT ? "true" : "false", t->offset, t->length,
                t->confidence, hp_side_name(t->side));
    }
    fprintf(f, "], \"numbers\": {");
    for (size_t i = 0; i < hp_text_result_number_count(tr); i++) {
        hp_text_number tn;
        if (hp_text_result_get_number(tr, i, &tn, NULL) != HP_OK)
            break;
        const hp_text_number *num = &tn;
        fprintf(f, "%s\"%s\": %g", i ? ", " : "", hp_runner_field_name(num->field), num->value);
    }
    fprintf(f, "}, \"sex\": \"%s\"},\n  \"assessment\": ", sex_name(hp_text_result_sex(tr)));
}

/*
 * What assess and plan share: the ontology, the profile of FILE or "-" and its assessment.
 * Returns 0, or an exit status (then *onto and *p may still need freeing).
 */
static int load_and_assess(const options *o, const char *cmd, int argc, char **argv,
                           hp_ontology **onto, hp_profile **p, hp_assessment **a,
                           hp_text_result **tr) {
    *onto = NULL;
    *p = NULL;
    *a = NULL;
    if (argc > 1)
        return fail(EXIT_BAD_INPUT, "%s takes one profile file (or -), got %d", cmd, argc);
    int rc = load_ontology(o, onto);
    if (rc)
        return rc;
    if (argc || (!o->n_runs && !o->text))
        rc = read_profile(*onto, argc ? argv[0] : "-", p);
    else if (hp_profile_new(*onto, p, NULL) != HP_OK) /* --runs alone: an empty profile */
        rc = fail(1, "out of memory");
    hp_error e = {0};
    for (size_t i = 0; !rc && i < o->n_runs; i++)
        if (hp_profile_import_runs_file(*p, o->runs[i], NULL, &e) != HP_OK)
            rc = fail_error(&e);
    if (!rc && o->text)
        rc = apply_text(o, *onto, *p, tr);
    if (!rc && hp_assess(*p, a, &e) != HP_OK)
        rc = fail_error(&e);
    return rc;
}

static int cmd_assess(const options *o, int argc, char **argv) {
    hp_ontology *onto;
    hp_profile *p;
    hp_assessment *a;
    hp_error e = {0};
    hp_text_result *tr = NULL;
    int rc = load_and_assess(o, "assess", argc, argv, &onto, &p, &a, &tr);
    FILE *f = rc ? NULL : open_output(o);
    if (!rc && !f)
        rc = 1;
    if (!rc && o->json) {
        char *json = NULL;
        if (hp_assessment_to_json(a, o->lang, HP_JSON_PRETTY, &json, &e) != HP_OK)
            rc = fail_error(&e);
        else if (tr) {
            json_text(f, onto, tr);
            fputs(json, f);
            fputs("}\n", f);
        } else
            fputs(json, f);
        hp_string_free(json);
    } else if (!rc) {
        if (tr) {
            print_text(f, o, onto, tr);
            fputc('\n', f);
        }
        print_triage(f, o, a);
        fputc('\n', f);
        if (hp_assessment_dont_miss_count(a)) {
            print_dont_miss(f, o, a);
            fputc('\n', f);
        }
        print_causes(f, o, a, 5, 4);
        fputc('\n', f);
        print_risks(f, o, a);
        print_next(f, o, a);
    }
    if (f) {
        int c = close_output(o, f);
        rc = rc ? rc : c;
    }
    hp_text_result_free(tr);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(onto);
    return rc;
}

/* ---- plan ----------------------------------------------------------------------------- */

static int write_plan(const options *o, const hp_plan *plan, FILE *f) {
    char *text = NULL;
    hp_error e = {0};
    hp_status st;
    const char *fmt = o->format ? o->format : "markdown";
    if (strcmp(fmt, "json") == 0)
        st = hp_plan_to_json(plan, HP_JSON_PRETTY, &text, &e);
    else if (strcmp(fmt, "ics") == 0)
        st = hp_plan_to_ical(plan, &text, &e);
    else
        st = hp_plan_to_markdown(plan, &text, &e);
    if (st != HP_OK)
        return fail_error(&e);
    fputs(text, f);
    hp_string_free(text);
    return 0;
}

static int make_plan(const options *o, const hp_assessment *a, hp_plan **plan) {
    hp_plan_options po;
    memset(&po, 0, sizeof po);
    po.start_date = o->start;
    po.weeks = o->weeks;
    po.run_days = o->days;
    po.lang = o->lang;
    hp_error e = {0};
    if (hp_plan_new(a, &po, plan, &e) != HP_OK)
        return fail_error(&e);
    return 0;
}

/* --checkins: the plan revised from the check-ins of FILE, written in the plan's format
   (what changed and why, then the weeks still to do). */
static int write_revision(const options *o, const hp_plan *plan, const hp_profile *p, FILE *f) {
    FILE *in = fopen(o->checkins, "rb");
    if (!in)
        return fail(EXIT_BAD_INPUT, "%s: %s", o->checkins, strerror(errno));
    size_t n = 0;
    char *text = read_all(in, &n);
    fclose(in);
    if (!text)
        return fail(EXIT_BAD_INPUT, "%s: cannot read the check-ins", o->checkins);
    hp_error e = {0};
    hp_checkins *cs = NULL;
    hp_revision *r = NULL;
    hp_plan_options po = {.weeks = o->weeks, .run_days = o->days, .lang = o->lang};
    hp_status st = hp_checkins_from_json(hp_plan_ontology(plan), text, n, o->checkins, &cs, &e);
    free(text);
    if (st == HP_OK)
        st = hp_plan_revise(plan, p, cs, &po, &r, &e);
    char *out = NULL;
    const char *fmt = o->format ? o->format : "markdown";
    if (st == HP_OK && strcmp(fmt, "json") == 0)
        st = hp_revision_to_json(r, &out, &e);
    else if (st == HP_OK && strcmp(fmt, "ics") == 0)
        st = hp_revision_to_ical(r, &out, &e);
    else if (st == HP_OK)
        st = hp_revision_to_markdown(r, &out, &e);
    if (st == HP_OK)
        fputs(out, f);
    hp_string_free(out);
    hp_revision_free(r);
    hp_checkins_free(cs);
    return st == HP_OK ? 0 : fail_error(&e);
}

static int cmd_plan(const options *o, int argc, char **argv) {
    hp_ontology *onto;
    hp_profile *p;
    hp_assessment *a;
    hp_plan *plan = NULL;
    hp_text_result *tr = NULL;
    int rc = load_and_assess(o, "plan", argc, argv, &onto, &p, &a, &tr);
    hp_text_result_free(tr);
    if (!rc)
        rc = make_plan(o, a, &plan);
    FILE *f = rc ? NULL : open_output(o);
    if (!rc && !f)
        rc = 1;
    if (!rc)
        rc = o->checkins ? write_revision(o, plan, p, f) : write_plan(o, plan, f);
    if (f) {
        int c = close_output(o, f);
        rc = rc ? rc : c;
    }
    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(p);
    hp_ontology_free(onto);
    return rc;
}

/* ---- interview ------------------------------------------------------------------------ */

/* Read one line of input; returns 0 at end of input. */
static int read_line(char *buf, size_t size) {
    if (!fgets(buf, (int)size, stdin))
        return 0;
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    char *s = buf;
    while (*s == ' ')
        s++;
    memmove(buf, s, strlen(s) + 1);
    return 1;
}

typedef enum reply {
    R_YES,
    R_NO,
    R_UNKNOWN,
    R_BACK,
    R_QUIT,
    R_INVALID
} reply;

static reply parse_reply(const char *s) {
    static const struct {
        const char *word;
        reply r;
    } words[] = {{"y", R_YES},
                 {"yes", R_YES},
                 {"n", R_NO},
                 {"no", R_NO},
                 {"?", R_UNKNOWN},
                 {"d", R_UNKNOWN},
                 {"dk", R_UNKNOWN},
                 {"u", R_UNKNOWN},
                 {"don't know", R_UNKNOWN},
                 {"dont know", R_UNKNOWN},
                 {"unknown", R_UNKNOWN},
                 {"b", R_BACK},
                 {"back", R_BACK},
                 {"q", R_QUIT},
                 {"quit", R_QUIT}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(s, words[i].word) == 0)
            return words[i].r;
    return R_INVALID;
}

static void print_progress(const options *o, const hp_assessment *a) {
    const hp_ontology *onto = hp_assessment_ontology(a);
    hp_triage_level l = hp_assessment_triage(a);
    printf("  %s[%s]%s", color(o, triage_color(l)), hp_enum_name(HP_ENUM_TRIAGE, l),
           color(o, RESET));
    for (size_t i = 0; i < 3 && i < hp_assessment_cause_count(a); i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        const char *name =
            hp_ontology_text(onto, HP_ENTITY_CONDITION, c.condition, HP_TEXT_LABEL, o->lang);
        printf("  %.22s %.0f%%", name, c.probability * 100);
    }
    printf("\n");
}

static int cmd_interview(const options *o, int argc, char **argv) {
    (void)argv;
    if (argc > 0)
        return fail(EXIT_BAD_INPUT, "interview takes no arguments");
    hp_ontology *onto = NULL;
    int rc = load_ontology(o, &onto);
    if (rc)
        return rc;
    hp_interview *iv = NULL;
    hp_error e = {0};
    if (hp_interview_new(onto, NULL, NULL, &iv, &e) != HP_OK) {
        hp_ontology_free(onto);
        return fail_error(&e);
    }
    printf("Answer y (yes), n (no), ? (don't know), b (back) or q (quit).\n\n");
    char line[256];
    int quit = 0;
    while (!hp_interview_done(iv) && !quit) {
        const char *q = hp_interview_question(iv);
        size_t fi = hp_ontology_index(onto, HP_ENTITY_FINDING, q);
        printf("%zu. %s [y/n/?/b/q] ", hp_interview_answered(iv) + 1,
               hp_ontology_text(onto, HP_ENTITY_FINDING, fi, HP_TEXT_QUESTION, o->lang));
        fflush(stdout);
        if (!read_line(line, sizeof line)) {
            printf("\n");
            break;
        }
        reply r = parse_reply(line);
        hp_status st = HP_OK;
        switch (r) {
        case R_YES: st = hp_interview_answer(iv, HP_ANSWER_PRESENT, &e); break;
        case R_NO: st = hp_interview_answer(iv, HP_ANSWER_ABSENT, &e); break;
        case R_UNKNOWN: st = hp_interview_answer(iv, HP_ANSWER_UNKNOWN, &e); break;
        case R_BACK:
            if (hp_interview_back(iv, &e) != HP_OK)
                printf("  (nothing to go back to)\n");
            continue;
        case R_QUIT: quit = 1; continue;
        case R_INVALID: printf("  Please answer y, n, ?, b or q.\n"); continue;
        }
        if (st != HP_OK) {
            rc = fail_error(&e);
            break;
        }
        print_progress(o, hp_interview_assessment(iv));
    }
    if (!rc) {
        const hp_assessment *a = hp_interview_assessment(iv);
        printf("\n");
        print_triage(stdout, o, a);
        printf("\n");
        print_causes(stdout, o, a, 3, 3);
        printf("\n");
        if (hp_assessment_triage(a) != HP_TRIAGE_URGENT && !quit) {
            printf("Make a training plan? [y/N] ");
            fflush(stdout);
            if (read_line(line, sizeof line) && parse_reply(line) == R_YES) {
                hp_plan *plan = NULL;
                rc = make_plan(o, a, &plan);
                if (!rc) {
                    printf("\n");
                    rc = write_plan(o, plan, stdout);
                }
                hp_plan_free(plan);
            } else {
                printf("\n");
            }
        }
    }
    hp_interview_free(iv);
    hp_ontology_free(onto);
    return rc;
}

/* ---- validate ------------------------------------------------------------------------- */

static int cmd_validate(const options *o, int argc, char **argv) {
    if (argc < 1)
        return fail(EXIT_BAD_INPUT, "validate needs at least one file");
    int rc = 0;
    for (int i = 0; i < argc; i++) {
        /* each file on top of the default (and of --ontology files), as it would be used */
        options one = *o;
        if (one.n_ontologies >= MAX_ONTOLOGIES)
            return fail(EXIT_BAD_INPUT, "too many ontology files");
        one.ontologies[one.n_ontologies++] = argv[i];
        hp_input in[MAX_ONTOLOGIES];
        for (size_t k = 0; k < one.n_ontologies; k++)
            in[k] = (hp_input){one.ontologies[k], NULL, 0};
        hp_load_options lo = {HP_LOAD_WITH_DEFAULT, 0, NULL};
        hp_ontology *onto = NULL;
        hp_error e = {0};
        if (hp_ontology_load(in, one.n_ontologies, &lo, &onto, &e) != HP_OK) {
            char text[HP_ERROR_MESSAGE_MAX + HP_ERROR_FILE_MAX + 32];
            e.column = e.column > 0 ? e.column : (e.line > 0 ? 1 : 0);
            hp_error_format(&e, text, sizeof text);
            fprintf(stderr, "%s\n", text);
            rc = status_exit(e.code);
        } else {
            printf("%s: ok\n", argv[i]);
        }
        hp_ontology_free(onto);
    }
    return rc;
}

/* ---- list and show -------------------------------------------------------------------- */

static int parse_kind(const char *word, hp_entity_kind *kind) {
    static const struct {
        const char *word;
        hp_entity_kind kind;
    } kinds[] = {{"conditions", HP_ENTITY_CONDITION}, {"findings", HP_ENTITY_FINDING},
                 {"exercises", HP_ENTITY_EXERCISE},   {"advice", HP_ENTITY_ADVICE},
                 {"sources", HP_ENTITY_SOURCE},       {"red-flags", HP_ENTITY_RED_FLAG}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(word, kinds[i].word) == 0) {
            *kind = kinds[i].kind;
            return 1;
        }
    return 0;
}

static int cmd_list(const options *o, int argc, char **argv) {
    hp_entity_kind kind;
    if (argc != 1 || !parse_kind(argv[0], &kind))
        return fail(EXIT_BAD_INPUT,
                    "list needs one of: conditions, findings, exercises, advice, sources, "
                    "red-flags");
    hp_ontology *onto = NULL;
    int rc = load_ontology(o, &onto);
    if (rc)
        return rc;
    hp_text_field field = kind == HP_ENTITY_SOURCE     ? HP_TEXT_CITATION
                          : kind == HP_ENTITY_RED_FLAG ? HP_TEXT_MESSAGE
                                                       : HP_TEXT_LABEL;
    for (size_t i = 0; i < hp_ontology_count(onto, kind); i++) {
        const char *id = hp_ontology_id(onto, kind, i);
        const char *text = hp_ontology_text(onto, kind, i, field, o->lang);
        const char *src = kind == HP_ENTITY_SOURCE ? NULL : hp_ontology_sources(onto, kind, i);
        char line[1024];
        if (src)
            snprintf(line, sizeof line, "%s [%s]", text ? text : "", src);
        else
            snprintf(line, sizeof line, "%s", text ? text : "");
        printf("%-30s ", id);
        wrap(stdout, line, 31, 31);
    }
    hp_ontology_free(onto);
    return 0;
}

static void show_text(const hp_ontology *onto, hp_entity_kind k, size_t i, hp_text_field field,
                      const char *title, const options *o) {
    const char *t = hp_ontology_text(onto, k, i, field, o->lang);
    if (!t)
        return;
    printf("%-12s ", title);
    wrap(stdout, t, 13, 13);
}

static int cmd_show(const options *o, int argc, char **argv) {
    if (argc != 1)
        return fail(EXIT_BAD_INPUT, "show needs one id");
    hp_ontology *onto = NULL;
    int rc = load_ontology(o, &onto);
    if (rc)
        return rc;
    hp_entity_kind k;
    size_t i;
    if (hp_ontology_lookup(onto, argv[0], &k, &i) != HP_OK) {
        hp_ontology_free(onto);
        return fail(EXIT_BAD_INPUT, "no entry with id '%s'", argv[0]);
    }
    printf("%s%s%s (%s)\n", color(o, BOLD), argv[0], color(o, RESET),
           hp_enum_name(HP_ENUM_ENTITY_KIND, k));
    show_text(onto, k, i, HP_TEXT_LABEL, "Label:", o);
    show_text(onto, k, i, HP_TEXT_DESCRIPTION, "About:", o);
    show_text(onto, k, i, HP_TEXT_QUESTION, "Question:", o);
    show_text(onto, k, i, HP_TEXT_MESSAGE, "Message:", o);
    show_text(onto, k, i, HP_TEXT_TEXT, "Advice:", o);
    show_text(onto, k, i, HP_TEXT_CUE, "Cue:", o);
    show_text(onto, k, i, HP_TEXT_CITATION, "Citation:", o);
    if (k == HP_ENTITY_CONDITION) {
        hp_condition_info c;
        hp_ontology_condition(onto, i, &c);
        printf("%-12s %.1f%%, %s, suspected from %.0f%%\n", "Prior:", c.prior * 100,
               hp_enum_name(HP_ENUM_SERIOUSNESS, c.seriousness), c.suspect_at * 100);
        printf("Findings:\n");
        for (size_t j = 0; j < c.n_evidence; j++) {
            hp_evidence_link l;
            hp_condition_evidence(onto, i, j, &l);
            printf("  %3.0f%%  %-45.45s [%s]\n", l.strength * 100,
                   hp_ontology_id(onto, HP_ENTITY_FINDING, l.finding), l.sources);
        }
        for (size_t m = 0; m < hp_condition_presentation_count(onto, i); m++) {
            hp_presentation_info p;
            hp_condition_presentation(onto, i, m, &p);
            const char *label = hp_presentation_label(onto, i, m, o->lang);
            printf("Presentation %s%s%s%s: %.1f%% of the prior [%s]; its own findings:\n", p.id,
                   label ? " (" : "", label ? label : "", label ? ")" : "", p.share * 100,
                   p.sources);
            for (size_t j = 0; j < p.n_evidence; j++) {
                hp_evidence_link l;
                hp_presentation_evidence(onto, i, m, j, &l);
                printf("  %3.0f%%  %-45.45s [%s]\n", l.strength * 100,
                       hp_ontology_id(onto, HP_ENTITY_FINDING, l.finding), l.sources);
            }
        }
        printf("Treatment:\n");
        for (size_t j = 0; j < c.n_treatments; j++) {
            hp_treatment_link t;
            hp_condition_treatment(onto, i, j, &t);
            printf("  %-10s %-40.40s [%s]\n", hp_enum_name(HP_ENUM_PHASE, t.phase),
                   hp_ontology_id(onto, t.kind, t.index), t.sources);
        }
    } else if (k == HP_ENTITY_EXERCISE) {
        hp_exercise_info x;
        hp_ontology_exercise(onto, i, &x);
        printf("%-12s %s, targets %s\n", "Kind:", hp_enum_name(HP_ENUM_EXERCISE_KIND, x.kind),
               x.targets);
        printf("%-12s %d x ", "Dosing:", x.dosing.sets);
        if (x.dosing.reps)
            printf("%d reps ", x.dosing.reps);
        if (x.dosing.hold_seconds)
            printf("%d s hold ", x.dosing.hold_seconds);
        if (x.dosing.minutes)
            printf("%d min ", x.dosing.minutes);
        printf("%d days/week, %s [%s]\n", x.dosing.days_per_week,
               hp_enum_name(HP_ENUM_EFFORT, x.dosing.effort), x.dosing.sources);
        for (size_t j = 0; j < x.n_contraindications; j++) {
            hp_contraindication ci;
            hp_exercise_contraindication(onto, i, j, &ci);
            char line[1024];
            snprintf(line, sizeof line, "not with %s: %s [%s]",
                     hp_ontology_id(onto, HP_ENTITY_CONDITION, ci.condition), ci.reason,
                     ci.sources);
            printf("%-12s ", j ? "" : "Avoid:");
            wrap(stdout, line, 13, 13);
        }
    } else if (k == HP_ENTITY_FINDING) {
        hp_finding_info f;
        hp_ontology_finding(onto, i, &f);
        printf("%-12s %s, %s, %.0f%% of other hip pain\n",
               "Kind:", hp_enum_name(HP_ENUM_FINDING_KIND, f.kind),
               hp_enum_name(HP_ENUM_FINDING_GROUP, f.group), f.base_rate * 100);
    }
    const char *src = k == HP_ENTITY_SOURCE ? NULL : hp_ontology_sources(onto, k, i);
    if (src)
        printf("%-12s %s\n", "Sources:", src);
    hp_ontology_free(onto);
    return 0;
}

/* ---- main ----------------------------------------------------------------------------- */

static int parse_int(const char *s, int lo, int hi, int *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

/*
 * Parse options wherever they stand (before or after the command); positional words go
 * to args in order. Returns -1 to go on, or an exit status.
 */
static int parse_options(options *o, int argc, char **argv, char **args, int *nargs) {
    enum {
        OPT_ONTOLOGY = 256,
        OPT_LANG,
        OPT_JSON,
        OPT_WEEKS,
        OPT_START,
        OPT_DAYS,
        OPT_FORMAT,
        OPT_RUNS,
        OPT_TEXT,
        OPT_CHECKINS
    };
    static const struct option longs[] = {
        {"ontology", required_argument, NULL, OPT_ONTOLOGY},
        {"lang", required_argument, NULL, OPT_LANG},
        {"json", no_argument, NULL, OPT_JSON},
        {"weeks", required_argument, NULL, OPT_WEEKS},
        {"start", required_argument, NULL, OPT_START},
        {"days", required_argument, NULL, OPT_DAYS},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"runs", required_argument, NULL, OPT_RUNS},
        {"text", required_argument, NULL, OPT_TEXT},
        {"checkins", required_argument, NULL, OPT_CHECKINS},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c, days;
    /* "-" first: non-options come back as code 1, in order; ":" reports missing values */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "-:o:hV", longs, NULL)) != -1) {
        switch (c) {
        case 1: args[(*nargs)++] = optarg; break;
        case OPT_ONTOLOGY:
            if (o->n_ontologies >= MAX_ONTOLOGIES - 1)
                return fail(EXIT_BAD_INPUT, "too many --ontology files");
            o->ontologies[o->n_ontologies++] = optarg;
            break;
        case OPT_LANG: o->lang = optarg; break;
        case OPT_RUNS:
            if (o->n_runs >= MAX_RUN_FILES)
                return fail(EXIT_BAD_INPUT, "too many --runs files");
            o->runs[o->n_runs++] = optarg;
            break;
        case OPT_TEXT: o->text = optarg; break;
        case OPT_CHECKINS: o->checkins = optarg; break;
        case OPT_JSON: o->json = 1; break;
        case OPT_WEEKS:
            if (!parse_int(optarg, 1, 52, &o->weeks))
                return fail(EXIT_BAD_INPUT, "--weeks: '%s' is not a number from 1 to 52", optarg);
            break;
        case OPT_START:
            if (hp_date_parse(optarg, &days) != HP_OK)
                return fail(EXIT_BAD_INPUT, "--start: '%s' is not a date (YYYY-MM-DD)", optarg);
            o->start = optarg;
            break;
        case OPT_DAYS:
            if (!parse_int(optarg, 1, 6, &o->days))
                return fail(EXIT_BAD_INPUT, "--days: '%s' is not a number from 1 to 6", optarg);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") && strcmp(optarg, "markdown") && strcmp(optarg, "ics"))
                return fail(EXIT_BAD_INPUT, "--format: '%s' is not json, markdown or ics", optarg);
            o->format = optarg;
            break;
        case 'o': o->output = optarg; break;
        case 'h': usage(stdout); return 0;
        case 'V':
            printf("hippain %s (libhippain %s)\n", HP_VERSION_STRING, hp_version_string());
            return 0;
        case ':': return fail(EXIT_BAD_INPUT, "%s needs a value (try --help)", argv[optind - 1]);
        default: return fail(EXIT_BAD_INPUT, "unknown option '%s' (try --help)", argv[optind - 1]);
        }
    }
    return -1;
}

int main(int argc, char **argv) {
    options o;
    memset(&o, 0, sizeof o);
    const char *no_color = getenv("NO_COLOR");
    o.color = isatty(STDOUT_FILENO) && !(no_color && *no_color);
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args)
        return fail(1, "out of memory");
    int nargs = 0;
    int rc = parse_options(&o, argc, argv, args, &nargs);
    if (rc >= 0) {
        free(args);
        return rc;
    }
    if (nargs == 0) {
        free(args);
        return fail(EXIT_BAD_INPUT, "missing command (try --help)");
    }
    static const struct {
        const char *name;
        int (*run)(const options *, int, char **);
    } commands[] = {{"assess", cmd_assess},     {"plan", cmd_plan}, {"interview", cmd_interview},
                    {"validate", cmd_validate}, {"list", cmd_list}, {"show", cmd_show}};
    rc = -1;
    if (o.checkins && strcmp(args[0], "plan") != 0) {
        free(args);
        return fail(EXIT_BAD_INPUT, "--checkins belongs to the plan command");
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(args[0], commands[i].name) == 0)
            rc = commands[i].run(&o, nargs - 1, args + 1);
    if (rc < 0)
        rc = fail(EXIT_BAD_INPUT, "unknown command '%s' (try --help)", args[0]);
    free(args);
    return rc;
}
