/* Shared helpers of the Criterion suites. */
#ifndef HP_TEST_UTIL_H
#define HP_TEST_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hippain/hippain.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HP_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HP_TEST_ASAN 1
#endif

#ifdef HP_TEST_ASAN
#include <sanitizer/lsan_interface.h>
/* Criterion does not fail a test for a leak: ask LeakSanitizer after each test. */
static inline void hp_test_leak_check(void) {
    cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "LeakSanitizer found a leak");
}
#else
static inline void hp_test_leak_check(void) {}
#endif

/* Path of a file under tests/data. */
static inline const char *hp_test_path(char *buf, size_t size, const char *rel) {
    snprintf(buf, size, "%s/%s", HP_TEST_DATA, rel);
    return buf;
}

/* Read a whole file into a malloc'ed, NUL-terminated buffer. */
static inline char *hp_test_slurp(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (size)
        *size = (size_t)n;
    return buf;
}

/* The file `rel` under tests/data with `from` (which must occur) replaced by `to`; *line
   (may be NULL) receives the 1-based line on which the replacement starts, *n_out the
   size. malloc'ed. */
static inline char *hp_test_replaced(const char *rel, const char *from, const char *to, int *line,
                                     size_t *n_out) {
    char path[1024];
    size_t n;
    char *text = hp_test_slurp(hp_test_path(path, sizeof path, rel), &n);
    char *at = strstr(text, from);
    cr_assert_not_null(at, "'%s' is not in %s", from, rel);
    int l = 1;
    for (const char *p = text; p < at; p++)
        l += *p == '\n';
    if (line)
        *line = l;
    size_t out_n = n - strlen(from) + strlen(to);
    char *out = malloc(out_n + 1);
    cr_assert_not_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    memcpy(out + head, to, strlen(to));
    strcpy(out + head + strlen(to), at + strlen(from));
    free(text);
    *n_out = out_n;
    return out;
}

/* Assess a profile given as JSON; any error fails the test. */
static inline hp_assessment *hp_test_assess_json(const hp_ontology *o, const char *json) {
    hp_profile *p = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_profile_from_json(o, json, strlen(json), "test", &p, &e), HP_OK, "%s",
                 e.message);
    hp_assessment *a = NULL;
    cr_assert_eq(hp_assess(p, &a, &e), HP_OK, "%s", e.message);
    hp_profile_free(p);
    return a;
}

/* A run of a runner's history, by date (days since 1970-01-01). */
typedef struct hp_test_run {
    int date;
    double km;
} hp_test_run;

/* The longest run of the 30 days before `date` (days date-30 .. date-1), as the plan's
   single-run rule counts them (lib/plan/run_rules.c), worked out independently. */
static inline double hp_test_longest_before(const hp_test_run *h, size_t n, int date) {
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (h[i].date >= date - 30 && h[i].date < date && h[i].km > m)
            m = h[i].km;
    return m;
}

#endif
