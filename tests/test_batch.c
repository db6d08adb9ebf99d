/* hp_assess_matrix(): the same probabilities as hp_assess() for many random rows, edge
 * sizes, error cases and allocation failures. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "test_util.h"

TestSuite(batch, .fini = hp_test_leak_check);

static hp_ontology *onto;

static void setup_default(void) { cr_assert_eq(hp_ontology_load_default(&onto, NULL), HP_OK); }
static void teardown(void) {
    hp_ontology_free(onto);
    onto = NULL;
    hp_test_leak_check();
}

/* A small deterministic generator (xorshift64*). */
static uint64_t next_random(uint64_t *s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* The probabilities hp_assess() gives a profile holding row `r` of the matrix. */
static void assess_row(const signed char *row, size_t cols, const size_t *columns, double *out) {
    hp_profile *p = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_profile_new(onto, &p, &e), HP_OK, "%s", e.message);
    for (size_t c = 0; c < cols; c++)
        cr_assert_eq(hp_profile_set_index(p, columns[c], (hp_answer)row[c]), HP_OK);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, &e), HP_OK, "%s", e.message);
    size_t nc = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    for (size_t k = 0; k < nc; k++)
        out[k] = hp_assessment_probability(a, k);
    hp_assessment_free(a);
    hp_profile_free(p);
}

/* Compare hp_assess_matrix() with hp_assess() on `rows` random rows over `cols` distinct
 * random findings; `unknown` in 0..100 is the share of unknown answers. */
static void compare_random(uint64_t seed, size_t rows, size_t cols, unsigned unknown) {
    size_t nf = hp_ontology_count(onto, HP_ENTITY_FINDING);
    size_t nc = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    cr_assert_leq(cols, nf);
    size_t *all = malloc(nf * sizeof *all);
    signed char *x = malloc(rows * cols + 1);
    double *got = malloc(rows * nc * sizeof *got + 1);
    double *want = malloc(nc * sizeof *want);
    cr_assert(all && x && got && want);
    for (size_t f = 0; f < nf; f++)
        all[f] = f;
    for (size_t f = 0; f < cols; f++) { /* a random choice of distinct columns, shuffled */
        size_t g = f + (size_t)(next_random(&seed) % (nf - f));
        size_t t = all[f];
        all[f] = all[g];
        all[g] = t;
    }
    for (size_t i = 0; i < rows * cols; i++) {
        unsigned v = (unsigned)(next_random(&seed) % 100);
        x[i] = (signed char)(v < unknown ? -1 : (v % 2 ? 1 : 0));
    }
    hp_error e = {0};
    cr_assert_eq(hp_assess_matrix(onto, x, rows, cols, all, got, &e), HP_OK, "%s", e.message);
    for (size_t r = 0; r < rows; r++) {
        assess_row(x + r * cols, cols, all, want);
        double sum = 0;
        for (size_t k = 0; k < nc; k++) {
            double g = got[r * nc + k];
            cr_assert(fabs(g - want[k]) <= 1e-12, "row %zu condition %zu: %.17g, hp_assess %.17g",
                      r, k, g, want[k]);
            sum += g;
        }
        cr_assert(fabs(sum - 1) <= 1e-12, "row %zu sums to %.17g", r, sum);
    }
    free(all);
    free(x);
    free(got);
    free(want);
}

Test(batch, equals_hp_assess_on_random_rows, .init = setup_default, .fini = teardown) {
    size_t nf = hp_ontology_count(onto, HP_ENTITY_FINDING);
    compare_random(1, 500, 8, 30);                  /* the benchmark's shape */
    compare_random(2, 300, 40, 50);                 /* many columns, half unknown */
    compare_random(3, 200, nf, 70);                 /* every finding a column */
    compare_random(4, 200, nf, 0);                  /* every finding answered */
    compare_random(5, 100, 1, 0);                   /* one column */
    compare_random(6, 300, nf < 20 ? nf : 20, 100); /* every answer unknown: the priors */
}

Test(batch, equals_hp_assess_on_another_ontology) {
    char path[512];
    cr_assert_eq(
        hp_ontology_load_file(hp_test_path(path, sizeof path, "ontologies/mini.xml"), &onto, NULL),
        HP_OK);
    size_t nf = hp_ontology_count(onto, HP_ENTITY_FINDING);
    compare_random(7, 300, nf, 20);
    compare_random(8, 300, nf / 2 + 1, 40);
    teardown();
}

Test(batch, empty_shapes, .init = setup_default, .fini = teardown) {
    size_t nc = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    double *got = malloc(3 * nc * sizeof *got);
    double *want = malloc(nc * sizeof *want);
    cr_assert(got && want);
    hp_error e = {0};
    /* no rows: nothing is read or written, NULL pointers are fine */
    cr_assert_eq(hp_assess_matrix(onto, NULL, 0, 0, NULL, NULL, &e), HP_OK, "%s", e.message);
    size_t col = 0;
    cr_assert_eq(hp_assess_matrix(onto, NULL, 0, 1, &col, NULL, &e), HP_OK, "%s", e.message);
    /* no columns: every row gets the priors, as an empty profile does */
    cr_assert_eq(hp_assess_matrix(onto, NULL, 3, 0, NULL, got, &e), HP_OK, "%s", e.message);
    assess_row(NULL, 0, NULL, want);
    for (size_t r = 0; r < 3; r++)
        for (size_t k = 0; k < nc; k++)
            cr_assert(fabs(got[r * nc + k] - want[k]) <= 1e-12);
    free(got);
    free(want);
}

Test(batch, errors, .init = setup_default, .fini = teardown) {
    size_t nf = hp_ontology_count(onto, HP_ENTITY_FINDING);
    size_t nc = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    size_t cols[3] = {0, 1, 2};
    signed char x[6] = {1, 0, -1, 0, 1, 1};
    double *out = malloc(2 * nc * sizeof *out);
    cr_assert(out);
    hp_error e = {0};
    cr_assert_eq(hp_assess_matrix(NULL, x, 2, 3, cols, out, &e), HP_E_INVALID);
    cr_assert_eq(e.code, HP_E_INVALID);
    cr_assert_eq(hp_assess_matrix(onto, NULL, 2, 3, cols, out, &e), HP_E_INVALID);
    cr_assert_eq(hp_assess_matrix(onto, x, 2, 3, NULL, out, &e), HP_E_INVALID);
    cr_assert_eq(hp_assess_matrix(onto, x, 2, 3, cols, NULL, &e), HP_E_INVALID);
    cr_assert_eq(hp_assess_matrix(onto, x, 2, 3, cols, NULL, NULL), HP_E_INVALID); /* err NULL */

    /* a column that is not a finding index */
    size_t bad_cols[3] = {0, nf, 2};
    memset(&e, 0, sizeof e);
    cr_assert_eq(hp_assess_matrix(onto, x, 2, 3, bad_cols, out, &e), HP_E_INVALID);
    cr_assert_not_null(strstr(e.message, "column 1"), "%s", e.message);
    /* a finding named twice: the message names both columns and the finding */
    size_t twice[3] = {0, 2, 2};
    memset(&e, 0, sizeof e);
    cr_assert_eq(hp_assess_matrix(onto, x, 2, 3, twice, out, &e), HP_E_INVALID);
    cr_assert_not_null(strstr(e.message, "columns 1 and 2"), "%s", e.message);
    cr_assert_not_null(strstr(e.message, hp_ontology_id(onto, HP_ENTITY_FINDING, 2)), "%s",
                       e.message);
    /* more columns than findings: some finding is named twice */
    size_t *many = malloc((nf + 1) * sizeof *many);
    cr_assert(many);
    for (size_t c = 0; c <= nf; c++)
        many[c] = c % nf;
    memset(&e, 0, sizeof e);
    cr_assert_eq(hp_assess_matrix(onto, NULL, 0, nf + 1, many, NULL, &e), HP_E_INVALID);
    cr_assert_not_null(strstr(e.message, "both name"), "%s", e.message);
    free(many);

    /* answers other than -1, 0, 1: the message names the row and column */
    static const signed char bad_values[] = {2, -2, 127, -128};
    for (size_t i = 0; i < sizeof bad_values; i++) {
        signed char y[6] = {1, 0, -1, 0, 1, 1};
        y[5] = bad_values[i];
        memset(&e, 0, sizeof e);
        cr_assert_eq(hp_assess_matrix(onto, y, 2, 3, cols, out, &e), HP_E_INVALID);
        char want[64];
        snprintf(want, sizeof want, "answers[1][2] is %d;", bad_values[i]);
        cr_assert_not_null(strstr(e.message, want), "%s", e.message);
    }
    /* sizes that cannot be addressed */
    memset(&e, 0, sizeof e);
    cr_assert_eq(hp_assess_matrix(onto, x, SIZE_MAX / 2, 3, cols, out, &e), HP_E_LIMIT);
    cr_assert_eq(e.code, HP_E_LIMIT);
    cr_assert_eq(hp_assess_matrix(onto, NULL, SIZE_MAX / 4, 0, NULL, out, &e), HP_E_LIMIT);
    free(out);
}

/* ---- Allocation failures ---------------------------------------------------------------- */

typedef struct failing {
    long countdown; /* allocations left before failing; -1: never fail */
    long live;
} failing;

static void *f_malloc(void *ctx, size_t size) {
    failing *f = ctx;
    if (f->countdown == 0)
        return NULL;
    if (f->countdown > 0)
        f->countdown--;
    void *p = malloc(size);
    if (p)
        f->live++;
    return p;
}

static void *f_realloc(void *ctx, void *ptr, size_t size) {
    failing *f = ctx;
    if (!ptr)
        return f_malloc(ctx, size);
    if (f->countdown == 0)
        return NULL;
    if (f->countdown > 0)
        f->countdown--;
    return realloc(ptr, size);
}

static void f_free(void *ctx, void *ptr) {
    failing *f = ctx;
    if (ptr)
        f->live--;
    free(ptr);
}

Test(batch, allocation_failure_is_clean) {
    failing f = {-1, 0};
    hp_allocator a = {f_malloc, f_realloc, f_free, &f};
    hp_load_options opt = {0};
    opt.allocator = &a;
    opt.flags = HP_LOAD_WITH_DEFAULT;
    cr_assert_eq(hp_ontology_load(NULL, 0, &opt, &onto, NULL), HP_OK);
    long base = f.live;
    size_t nc = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    size_t cols[2] = {0, 1};
    signed char x[4] = {1, 0, 0, -1};
    double *out = malloc(2 * nc * sizeof *out);
    cr_assert(out);
    hp_error e = {0};
    f.countdown = 0;
    cr_assert_eq(hp_assess_matrix(onto, x, 2, 2, cols, out, &e), HP_E_NOMEM);
    cr_assert_eq(e.code, HP_E_NOMEM);
    f.countdown = -1;
    cr_assert_eq(f.live, base);
    cr_assert_eq(hp_assess_matrix(onto, x, 2, 2, cols, out, &e), HP_OK, "%s", e.message);
    cr_assert_eq(f.live, base, "%ld blocks leaked", f.live - base);
    free(out);
    teardown();
}
