/*
 * hippain-text-eval: how well the text intake (include/hippain/text.h) reads the
 * evaluation set of the JSON files of tests/data/text (format in tests/data/text/README.md).
 *
 * For each description: the text is parsed with language detection (no language given)
 * and compared with the findings a clinician coded from it:
 * - present findings: precision (parsed present that are coded true) and recall (coded
 *   true that are parsed present);
 * - negations right: of the findings coded false, the share parsed absent;
 * - numbers: of the runner numbers coded, the share parsed within 0.15 of the value (sex
 *   counts as one);
 * - end to end: the coded diagnosis in the top 3 of the assessment of the parsed profile,
 *   against the top 3 of the coded profile (coded findings and runner numbers).
 * Figures for each half of a fixed split (FNV-1a hash of the id, low bit 0 =
 * development, 1 = check, as hippain-accuracy splits its cases), each language and all.
 * A description with the key "half": "holdout" belongs to a held-out set instead: it is
 * counted in the row "held-out" and in "everything" only (not in the halves, the language
 * rows or "all", so that those and the thresholds, which apply to "all", stay comparable
 * from one session to the next), and -v never lists its misses. Any other value of "half"
 * is bad input (exit 2, naming the key and the description's id).
 *
 * Usage: hippain-text-eval [OPTIONS] FILE...
 *   --min-precision X, --min-recall X, --min-negation X   fail below these (all descriptions)
 *   --max-top3-gap P    fail when the text's top-3 is more than P points under the coded one
 *   -v                  list every description's misses (the development half with --dev)
 *   --dev               with -v: the development half only, each with its text
 * Exit status 0 when every threshold holds, 1 when one fails, 2 for bad input.
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hippain/hippain.h>

typedef struct tally {
    size_t n, tp, fp, fn, neg, neg_right, nums, nums_right, top3_text, top3_coded;
} tally;

typedef struct options {
    double min_precision, min_recall, min_negation, max_gap;
    int verbose, dev_only;
} options;

enum {
    T_DEV,
    T_CHECK,
    T_EN,
    T_DE,
    T_ES,
    T_MIXED,
    T_ALL,
    T_HELDOUT,
    T_EVERYTHING,
    T_COUNT
};
static const char *const tally_names[T_COUNT] = {
    "development", "check", "en", "de", "es", "mixed", "all", "held-out", "everything"};

static int half_of(const char *id) {
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 16777619u;
    return (int)(h & 1u);
}

static double frac(size_t k, size_t n) { return n ? (double)k / (double)n : 1.0; }

/* Is the coded diagnosis in the top 3 of profile p's assessment? -1 on error. */
static int in_top3(const hp_profile *p, const char *diagnosis) {
    hp_assessment *a = NULL;
    if (hp_assess(p, &a, NULL) != HP_OK)
        return -1;
    int hit = 0;
    for (size_t k = 0; k < 3 && k < hp_assessment_cause_count(a); k++) {
        hp_cause c;
        hp_assessment_cause(a, k, &c);
        hit |= strcmp(c.id, diagnosis) == 0;
    }
    hp_assessment_free(a);
    return hit;
}

static const hp_text_finding *parsed(const hp_text_result *tr, size_t f) {
    for (size_t i = 0; i < hp_text_result_finding_count(tr); i++)
        if (hp_text_result_finding(tr, i)->finding == f)
            return hp_text_result_finding(tr, i);
    return NULL;
}

/* Findings: counts into d, misses listed when verbose. */
static void score_findings(const hp_ontology *o, const hp_text_result *tr, json_t *coded, tally *d,
                           int show) {
    const char *key;
    json_t *v;
    json_object_foreach(coded, key, v) {
        size_t f = hp_ontology_index(o, HP_ENTITY_FINDING, key);
        const hp_text_finding *t = parsed(tr, f);
        if (json_is_true(v)) {
            int ok = t && t->answer == HP_ANSWER_PRESENT;
            d->tp += ok;
            d->fn += !ok;
            if (!ok && show)
                printf("    missed  %s%s\n", key, t ? " (parsed absent)" : "");
        } else {
            int ok = t && t->answer == HP_ANSWER_ABSENT;
            d->neg++;
            d->neg_right += ok;
            if (!ok && show)
                printf("    missed  not %s%s\n", key, t ? " (parsed present)" : "");
        }
    }
    for (size_t i = 0; i < hp_text_result_finding_count(tr); i++) {
        const hp_text_finding *t = hp_text_result_finding(tr, i);
        const char *id = hp_ontology_id(o, HP_ENTITY_FINDING, t->finding);
        json_t *c = json_object_get(coded, id);
        if (t->answer == HP_ANSWER_PRESENT && !json_is_true(c)) {
            d->fp++;
            if (show)
                printf("    extra   %s \"%.*s\"\n", id, (int)t->length,
                       hp_text_result_text(tr, NULL) + t->offset);
        } else if (t->answer == HP_ANSWER_ABSENT && !c && show)
            printf("    extra   not %s \"%.*s\"\n", id, (int)t->length,
                   hp_text_result_text(tr, NULL) + t->offset);
    }
}

static void score_numbers(const hp_text_result *tr, json_t *runner, tally *d, int show) {
    const char *key;
    json_t *v;
    json_object_foreach(runner, key, v) {
        d->nums++;
        int ok = 0;
        if (strcmp(key, "sex") == 0) {
            hp_sex s = hp_text_result_sex(tr);
            const char *want = json_string_value(v);
            ok = want && ((s == HP_SEX_FEMALE && !strcmp(want, "female")) ||
                          (s == HP_SEX_MALE && !strcmp(want, "male")));
        }
        for (size_t i = 0; i < hp_text_result_number_count(tr); i++) {
            const hp_text_number *n = hp_text_result_number(tr, i);
            if (!strcmp(hp_runner_field_name(n->field), key))
                ok = fabs(n->value - json_number_value(v)) <= 0.15;
        }
        d->nums_right += ok;
        if (!ok && show)
            printf("    number  %s\n", key);
    }
}

/* The description's set: 0 development, 1 check, 2 held-out; -1 for a bad "half". */
static int set_of(const char *id, json_t *v) {
    json_t *h = json_object_get(v, "half");
    if (!h)
        return half_of(id);
    return json_is_string(h) && !strcmp(json_string_value(h), "holdout") ? 2 : -1;
}

/* Adds d to each of the n tallies of which. */
static void add_to(tally *t, const int *which, int n, const tally *d) {
    for (int k = 0; k < n; k++) {
        tally *x = &t[which[k]];
        x->n++, x->tp += d->tp, x->fp += d->fp, x->fn += d->fn, x->neg += d->neg;
        x->neg_right += d->neg_right, x->nums += d->nums, x->nums_right += d->nums_right;
        x->top3_text += d->top3_text, x->top3_coded += d->top3_coded;
    }
}

/* One description into the tallies it belongs to. 0, or 2 with a message. */
static int run_one(const hp_ontology *o, const char *file, json_t *v, tally *t,
                   const options *opt) {
    const char *id = json_string_value(json_object_get(v, "id"));
    const char *text = json_string_value(json_object_get(v, "text"));
    const char *lang = json_string_value(json_object_get(v, "lang"));
    const char *dx = json_string_value(json_object_get(v, "diagnosis"));
    json_t *coded = json_object_get(v, "findings"), *runner = json_object_get(v, "runner");
    if (!id || !text || !lang || !dx || !json_is_object(coded)) {
        fprintf(stderr, "%s: a description needs id, lang, text, diagnosis and findings\n", file);
        return 2;
    }
    int half = set_of(id, v);
    if (half < 0) {
        fprintf(stderr, "%s: %s: key \"half\" must be \"holdout\"\n", file, id);
        return 2;
    }
    hp_text_result *tr = NULL;
    hp_profile *pt = NULL, *pc = NULL;
    hp_error e = {0};
    json_t *prof = json_pack("{sO}", "findings", coded);
    if (runner)
        json_object_set(prof, "runner", runner);
    char *json = json_dumps(prof, JSON_COMPACT);
    json_decref(prof);
    hp_status st = hp_text_parse(o, text, strlen(text), NULL, &tr, &e);
    if (st == HP_OK)
        st = hp_profile_new(o, &pt, &e);
    if (st == HP_OK)
        st = hp_text_result_apply(tr, pt, &e);
    if (st == HP_OK)
        st = hp_profile_from_json(o, json, strlen(json), id, &pc, &e);
    free(json);
    int rc = 0;
    if (st != HP_OK) {
        char msg[600];
        hp_error_format(&e, msg, sizeof msg);
        fprintf(stderr, "%s: %s: %s\n", file, id, msg);
        rc = 2;
    } else {
        int show = opt->verbose && half != 2 && (!opt->dev_only || half == 0);
        if (show)
            printf("  %s [%s] %s\n", id, hp_text_result_languages(tr), half ? "check" : "dev");
        if (show && opt->dev_only)
            printf("    text    %s\n", text);
        tally d = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        score_findings(o, tr, coded, &d, show);
        if (runner)
            score_numbers(tr, runner, &d, show);
        int a = in_top3(pt, dx), b = in_top3(pc, dx);
        d.top3_text = a > 0;
        d.top3_coded = b > 0;
        if (show && a != b)
            printf("    top-3   %s: text %s, coded %s\n", dx, a ? "yes" : "no", b ? "yes" : "no");
        int li = !strcmp(lang, "en")   ? T_EN
                 : !strcmp(lang, "de") ? T_DE
                 : !strcmp(lang, "es") ? T_ES
                                       : T_MIXED;
        int which[4] = {half ? T_CHECK : T_DEV, li, T_ALL, T_EVERYTHING};
        int held[2] = {T_HELDOUT, T_EVERYTHING};
        if (half == 2)
            add_to(t, held, 2, &d);
        else
            add_to(t, which, 4, &d);
    }
    hp_text_result_free(tr);
    hp_profile_free(pt);
    hp_profile_free(pc);
    return rc;
}

static int run_file(const hp_ontology *o, const char *file, tally *t, const options *opt) {
    json_error_t je;
    json_t *root = json_load_file(file, 0, &je);
    if (!json_is_array(root)) {
        fprintf(stderr, "%s:%d: %s\n", file, je.line, root ? "not a JSON array" : je.text);
        json_decref(root);
        return 2;
    }
    int rc = 0;
    for (size_t i = 0; !rc && i < json_array_size(root); i++)
        rc = run_one(o, file, json_array_get(root, i), t, opt);
    json_decref(root);
    return rc;
}

static void report(const tally *t) {
    printf("%-12s %4s %9s %7s %9s %8s %10s %11s\n", "", "n", "precision", "recall", "negations",
           "numbers", "top3 text", "top3 coded");
    for (int k = 0; k < T_COUNT; k++) {
        const tally *x = &t[k];
        if (!x->n || (k == T_EVERYTHING && !t[T_HELDOUT].n))
            continue;
        printf("%-12s %4zu %9.3f %7.3f %9.3f %8.3f %10.3f %11.3f\n", tally_names[k], x->n,
               frac(x->tp, x->tp + x->fp), frac(x->tp, x->tp + x->fn), frac(x->neg_right, x->neg),
               frac(x->nums_right, x->nums), frac(x->top3_text, x->n), frac(x->top3_coded, x->n));
    }
}

static int check(const tally *x, const options *opt) {
    double p = frac(x->tp, x->tp + x->fp), r = frac(x->tp, x->tp + x->fn);
    double ng = frac(x->neg_right, x->neg);
    double gap = 100.0 * (frac(x->top3_coded, x->n) - frac(x->top3_text, x->n));
    int fail = 0;
    if (p < opt->min_precision)
        fail = printf("FAIL: precision %.3f < %.3f\n", p, opt->min_precision);
    if (r < opt->min_recall)
        fail = printf("FAIL: recall %.3f < %.3f\n", r, opt->min_recall);
    if (ng < opt->min_negation)
        fail = printf("FAIL: negations right %.3f < %.3f\n", ng, opt->min_negation);
    if (gap > opt->max_gap)
        fail = printf("FAIL: top-3 from text %.1f points under the coded findings' (> %.1f)\n", gap,
                      opt->max_gap);
    return fail ? 1 : 0;
}

static int parse_options(int argc, char **argv, options *opt, int *first) {
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        double *target = !strcmp(argv[i], "--min-precision")  ? &opt->min_precision
                         : !strcmp(argv[i], "--min-recall")   ? &opt->min_recall
                         : !strcmp(argv[i], "--min-negation") ? &opt->min_negation
                         : !strcmp(argv[i], "--max-top3-gap") ? &opt->max_gap
                                                              : NULL;
        if (target) {
            char *end = NULL;
            if (i + 1 >= argc || (*target = strtod(argv[i + 1], &end), !end || *end))
                return fprintf(stderr, "%s needs a number\n", argv[i]), 2;
            i++;
        } else if (!strcmp(argv[i], "-v"))
            opt->verbose = 1;
        else if (!strcmp(argv[i], "--dev"))
            opt->dev_only = 1;
        else
            return fprintf(stderr, "unknown option %s\n", argv[i]), 2;
    }
    *first = i;
    return i < argc ? 0 : (fprintf(stderr, "usage: hippain-text-eval [OPTIONS] FILE...\n"), 2);
}

int main(int argc, char **argv) {
    options opt = {0, 0, 0, 100, 0, 0};
    int first, rc = parse_options(argc, argv, &opt, &first);
    if (rc)
        return rc;
    hp_ontology *o = NULL;
    hp_error e = {0};
    if (hp_ontology_load_default(&o, &e) != HP_OK) {
        fprintf(stderr, "default ontology: %s\n", e.message);
        return 2;
    }
    tally t[T_COUNT];
    memset(t, 0, sizeof t);
    for (int i = first; !rc && i < argc; i++)
        rc = run_file(o, argv[i], t, &opt);
    hp_ontology_free(o);
    if (rc)
        return rc;
    report(t);
    return check(&t[T_ALL], &opt);
}
