/*
 * hippain-accuracy: how well the default ontology names the cause and the triage of a set of
 * cases (the textbook vignettes of tests/data/vignettes.json, or the published runners'
 * cases of tests/data/cases/). For all cases and for each half of a fixed split (a case's
 * half follows from a hash of its id, so nobody picks it): top-1 and top-3 accuracy, triage
 * agreement, under-triage, unsafe self-care, bone stress injuries caught (in the top 3 or in
 * the don't-miss list), accuracy per condition and a confusion table of the misses.
 *
 * Usage: hippain-accuracy [OPTIONS] FILE...
 *   --min-top1 X, --min-top3 X, --min-triage X   fail below these fractions (each half and all)
 *   --no-under-triage   fail on any case triaged below the expected level
 *   --no-unsafe         fail on any case the clinician sent on (see_clinician or urgent)
 *                       that is triaged self_care (--max-unsafe N: on more than N)
 *   --catch-bsi         fail on a bone stress injury neither in the top 3 nor in don't-miss
 *                       (--min-bsi X: on fewer than the fraction X caught)
 *   -q                  leave out the per-case misses
 *   --explain ID        print only how case ID is assessed: its triage and reasons, its
 *                       don't-miss list, and for the first five causes (and the expected
 *                       one) the log prior and each finding's log-likelihood ratio
 * A case is {"id" or "name", "diagnosis" or "expect_top3", "triage" or "expect_triage",
 * "profile": {...}}. Exit status 0 when every threshold holds, 1 when one fails, 2 for bad
 * input.
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hippain/hippain.h>

#define BSI "stress_fracture"

typedef struct options {
    double min_top1, min_top3, min_triage, min_bsi;
    long max_unsafe; /* -1: no limit */
    int no_under, quiet;
    const char *explain; /* case id to explain, or NULL */
    int explained;       /* the case was found */
} options;

typedef struct outcome {
    const char *id, *expect, *top;
    int expect_level, level;
    int rank;      /* 1-based rank of the expected cause, 0 if absent */
    int dont_miss; /* the expected cause is in the don't-miss list */
    int half;      /* 0: development, 1: check */
} outcome;

typedef struct tally {
    size_t n, top1, top3, triage, under, unsafe, bsi, bsi_caught;
} tally;

/* FNV-1a of the id: the half a case belongs to. */
static int half_of(const char *id) {
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 16777619u;
    return (int)(h & 1u);
}

static const char *str_of(json_t *v, const char *a, const char *b) {
    const char *s = json_string_value(json_object_get(v, a));
    return s ? s : json_string_value(json_object_get(v, b));
}

/* One cause of an explained case: its score, log prior and every evidence item. */
static void explain_cause(const hp_assessment *a, size_t k) {
    hp_cause c;
    hp_assessment_cause(a, k, &c);
    printf("  %zu. %s  p %.3f  score %.3f  log prior %.3f\n", k + 1, c.id, c.probability, c.score,
           log(c.prior));
    const hp_ontology *o = hp_assessment_ontology(a);
    size_t n_pres = hp_condition_presentation_count(o, c.condition);
    if (n_pres) { /* the evidence below is the most probable presentation's */
        printf("       presentations:");
        for (size_t p = 0; p < n_pres; p++) {
            hp_presentation_info info;
            hp_condition_presentation(o, c.condition, p, &info);
            printf(" %s %.3f (share %.3f)", info.id,
                   hp_assessment_presentation_probability(a, c.condition, p), info.share);
        }
        printf("\n");
    }
    for (size_t j = 0; j < c.n_evidence; j++) {
        hp_evidence e;
        hp_assessment_evidence(a, k, j, &e);
        printf("       %+7.3f  %-34s %-7s strength %.2f%s  [%s]\n", e.weight, e.finding,
               e.answer == HP_ANSWER_PRESENT ? "present" : "absent", e.strength,
               e.derived ? " (derived)" : "", e.sources ? e.sources : "");
    }
}

/* How case r was assessed: triage and its reasons, the don't-miss list, the first five
 * causes and the expected one with the log-likelihood ratio of each finding. */
static void explain(const hp_assessment *a, const outcome *r) {
    printf("case %s (%s half): expected %s, triage %s\n", r->id, r->half ? "check" : "dev",
           r->expect, hp_enum_name(HP_ENUM_TRIAGE, r->expect_level));
    printf("triage %s\n", hp_enum_name(HP_ENUM_TRIAGE, (int)hp_assessment_triage(a)));
    for (size_t k = 0; k < hp_assessment_reason_count(a); k++) {
        hp_triage_reason t;
        hp_assessment_reason(a, k, &t);
        printf("  %-13s %s%s%s [%s]\n", hp_enum_name(HP_ENUM_TRIAGE, (int)t.level),
               t.rule ? t.rule : "", t.rule && t.condition ? " " : "",
               t.condition ? t.condition : "", t.findings ? t.findings : "");
    }
    printf("don't-miss:");
    for (size_t k = 0; k < hp_assessment_dont_miss_count(a); k++) {
        hp_dont_miss d;
        hp_assessment_dont_miss(a, k, &d);
        printf(" %s", d.id);
    }
    printf("\ncauses (score = log prior + sum of log-likelihood ratios):\n");
    for (size_t k = 0; k < hp_assessment_cause_count(a); k++) {
        if (k < 5 || (int)k + 1 == r->rank)
            explain_cause(a, k);
    }
}

/* Assess one case. Returns 0, or 2 with a message on stderr. */
static int run_case(const hp_ontology *o, const char *file, size_t i, json_t *v, outcome *r,
                    options *opt) {
    memset(r, 0, sizeof *r);
    r->id = str_of(v, "id", "name");
    r->expect = str_of(v, "diagnosis", "expect_top3");
    const char *triage = str_of(v, "triage", "expect_triage");
    if (!r->id || !r->expect || !triage ||
        hp_enum_parse(HP_ENUM_TRIAGE, triage, &r->expect_level) != HP_OK) {
        fprintf(stderr, "%s: case %zu: needs an id, a diagnosis and a triage level\n", file, i);
        return 2;
    }
    if (hp_ontology_index(o, HP_ENTITY_CONDITION, r->expect) == (size_t)-1) {
        fprintf(stderr, "%s: case %s: unknown diagnosis '%s'\n", file, r->id, r->expect);
        return 2;
    }
    r->half = half_of(r->id);
    char *text = json_dumps(json_object_get(v, "profile"), JSON_COMPACT);
    hp_profile *p = NULL;
    hp_assessment *a = NULL;
    hp_error err = {0};
    if (!text || hp_profile_from_json(o, text, strlen(text), r->id, &p, &err) != HP_OK ||
        hp_assess(p, &a, &err) != HP_OK) {
        char msg[600];
        hp_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s: %s\n", file, msg);
        free(text);
        hp_profile_free(p);
        return 2;
    }
    free(text);
    hp_profile_free(p);
    for (size_t k = 0; k < hp_assessment_cause_count(a); k++) {
        hp_cause c;
        hp_assessment_cause(a, k, &c);
        if (k == 0)
            r->top = hp_ontology_id(o, HP_ENTITY_CONDITION, c.condition);
        if (strcmp(c.id, r->expect) == 0)
            r->rank = (int)k + 1;
    }
    for (size_t k = 0; k < hp_assessment_dont_miss_count(a); k++) {
        hp_dont_miss d;
        hp_assessment_dont_miss(a, k, &d);
        r->dont_miss |= strcmp(d.id, r->expect) == 0;
    }
    r->level = (int)hp_assessment_triage(a);
    if (opt->explain && strcmp(opt->explain, r->id) == 0) {
        explain(a, r);
        opt->explained = 1;
    }
    hp_assessment_free(a);
    return 0;
}

static void count(tally *t, const outcome *r) {
    t->n++;
    t->top1 += r->rank == 1;
    t->top3 += r->rank >= 1 && r->rank <= 3;
    t->triage += r->level == r->expect_level;
    t->under += r->level < r->expect_level;
    t->unsafe += r->expect_level > HP_TRIAGE_SELF_CARE && r->level == HP_TRIAGE_SELF_CARE;
    if (strcmp(r->expect, BSI) == 0) {
        t->bsi++;
        t->bsi_caught += (r->rank >= 1 && r->rank <= 3) || r->dont_miss;
    }
}

static double frac(size_t k, size_t n) { return n ? (double)k / (double)n : 1.0; }

/* Prints one line of figures; returns 1 if a threshold fails. */
static int report(const char *name, const tally *t, const options *opt) {
    printf("%-6s cases %3zu  top1 %.3f  top3 %.3f  triage %.3f  under_triage %zu  "
           "unsafe_self_care %zu  bsi_caught %zu/%zu\n",
           name, t->n, frac(t->top1, t->n), frac(t->top3, t->n), frac(t->triage, t->n), t->under,
           t->unsafe, t->bsi_caught, t->bsi);
    int fail = 0;
    if (frac(t->top1, t->n) < opt->min_top1 || frac(t->top3, t->n) < opt->min_top3 ||
        frac(t->triage, t->n) < opt->min_triage)
        fail = 1;
    if ((opt->no_under && t->under) ||
        (opt->max_unsafe >= 0 && (long)t->unsafe > opt->max_unsafe) ||
        frac(t->bsi_caught, t->bsi) < opt->min_bsi)
        fail = 1;
    if (fail)
        printf("FAIL: %s is below a threshold\n", name);
    return fail;
}

/* Per condition: cases, top-1, top-3, in the don't-miss list. */
static void per_condition(const hp_ontology *o, const outcome *rs, size_t n) {
    printf("\nper condition (cases, top1, top3, dont_miss):\n");
    for (size_t c = 0; c < hp_ontology_count(o, HP_ENTITY_CONDITION); c++) {
        const char *id = hp_ontology_id(o, HP_ENTITY_CONDITION, c);
        size_t k = 0, t1 = 0, t3 = 0, dm = 0;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(rs[i].expect, id) != 0)
                continue;
            k++;
            t1 += rs[i].rank == 1;
            t3 += rs[i].rank >= 1 && rs[i].rank <= 3;
            dm += (size_t)rs[i].dont_miss;
        }
        if (k)
            printf("  %-36s %3zu  %3zu  %3zu  %3zu\n", id, k, t1, t3, dm);
    }
}

/* The misses at top 1, counted by (expected, ranked first). */
static void confusion(const outcome *rs, size_t n) {
    printf("\nconfusion (expected -> ranked first: cases):\n");
    unsigned char *done = calloc(n ? n : 1, 1);
    if (!done)
        return;
    for (size_t i = 0; i < n; i++) {
        if (done[i] || rs[i].rank == 1)
            continue;
        size_t k = 0;
        for (size_t j = i; j < n; j++) {
            if (!done[j] && rs[j].rank != 1 && strcmp(rs[j].expect, rs[i].expect) == 0 &&
                strcmp(rs[j].top, rs[i].top) == 0) {
                done[j] = 1;
                k++;
            }
        }
        printf("  %-36s -> %-36s %zu\n", rs[i].expect, rs[i].top, k);
    }
    free(done);
}

static int parse_options(int argc, char **argv, options *opt, int *first) {
    memset(opt, 0, sizeof *opt);
    opt->max_unsafe = -1;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        double *target = !strcmp(a, "--min-top1")     ? &opt->min_top1
                         : !strcmp(a, "--min-top3")   ? &opt->min_top3
                         : !strcmp(a, "--min-triage") ? &opt->min_triage
                         : !strcmp(a, "--min-bsi")    ? &opt->min_bsi
                                                      : NULL;
        if (target) {
            char *end = NULL;
            if (i + 1 >= argc || (*target = strtod(argv[i + 1], &end), *end != '\0'))
                return 0;
            i++;
        } else if (!strcmp(a, "--max-unsafe")) {
            char *end = NULL;
            if (i + 1 >= argc || (opt->max_unsafe = strtol(argv[i + 1], &end, 10), *end != '\0') ||
                opt->max_unsafe < 0)
                return 0;
            i++;
        } else if (!strcmp(a, "--explain")) {
            if (i + 1 >= argc)
                return 0;
            opt->explain = argv[++i];
        } else if (!strcmp(a, "--no-under-triage"))
            opt->no_under = 1;
        else if (!strcmp(a, "--no-unsafe"))
            opt->max_unsafe = 0;
        else if (!strcmp(a, "--catch-bsi"))
            opt->min_bsi = 1;
        else if (!strcmp(a, "-q"))
            opt->quiet = 1;
        else
            return 0;
    }
    *first = i;
    return i < argc;
}

/* Reads every case of the files; returns 0, or 2 for bad input. */
static int run_files(const hp_ontology *o, char **files, int n_files, json_t **keep, outcome **out,
                     size_t *n_out, options *opt) {
    size_t n = 0, cap = 0;
    outcome *rs = NULL;
    for (int f = 0; f < n_files; f++) {
        json_error_t jerr;
        keep[f] = json_load_file(files[f], 0, &jerr);
        if (!json_is_array(keep[f])) {
            fprintf(stderr, "%s:%d: %s\n", files[f], jerr.line,
                    keep[f] ? "not an array of cases" : jerr.text);
            free(rs);
            return 2;
        }
        for (size_t i = 0; i < json_array_size(keep[f]); i++) {
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                outcome *grown = realloc(rs, cap * sizeof *rs);
                if (!grown) {
                    free(rs);
                    return 2;
                }
                rs = grown;
            }
            if (run_case(o, files[f], i, json_array_get(keep[f], i), &rs[n], opt) != 0) {
                free(rs);
                return 2;
            }
            n++;
        }
    }
    *out = rs;
    *n_out = n;
    return 0;
}

int main(int argc, char **argv) {
    options opt;
    int first = 0;
    if (!parse_options(argc, argv, &opt, &first)) {
        fprintf(stderr, "usage: hippain-accuracy [--min-top1 X] [--min-top3 X] [--min-triage X] "
                        "[--min-bsi X] [--max-unsafe N] [--no-under-triage] [--no-unsafe] "
                        "[--catch-bsi] [-q] [--explain ID] FILE...\n");
        return 2;
    }
    hp_ontology *o = NULL;
    hp_error err = {0};
    if (hp_ontology_load_default(&o, &err) != HP_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    int n_files = argc - first;
    json_t **keep = calloc((size_t)n_files, sizeof *keep);
    outcome *rs = NULL;
    size_t n = 0;
    int rc = keep ? run_files(o, argv + first, n_files, keep, &rs, &n, &opt) : 2;
    if (rc == 0 && opt.explain && !opt.explained) {
        fprintf(stderr, "hippain-accuracy: no case with id '%s'\n", opt.explain);
        rc = 2;
    }
    if (rc == 0 && !opt.explain) {
        tally all = {0}, half[2] = {{0}, {0}};
        for (size_t i = 0; i < n; i++) {
            count(&all, &rs[i]);
            count(&half[rs[i].half], &rs[i]);
            if (!opt.quiet && (rs[i].rank != 1 || rs[i].level != rs[i].expect_level))
                printf("  miss: %-44.44s %-5s expected %s (rank %d%s, first %s), triage %s/%s\n",
                       rs[i].id, rs[i].half ? "check" : "dev", rs[i].expect, rs[i].rank,
                       rs[i].dont_miss ? ", don't-miss" : "", rs[i].top,
                       hp_enum_name(HP_ENUM_TRIAGE, rs[i].level),
                       hp_enum_name(HP_ENUM_TRIAGE, rs[i].expect_level));
        }
        rc |= report("dev", &half[0], &opt);
        rc |= report("check", &half[1], &opt);
        rc |= report("all", &all, &opt);
        per_condition(o, rs, n);
        confusion(rs, n);
    }
    for (int f = 0; keep && f < n_files; f++)
        json_decref(keep[f]);
    free(keep);
    free(rs);
    hp_ontology_free(o);
    return rc;
}
