/*
 * hippain-bench: how fast and small libhippain is (issue 10; results in BENCHMARKS.md).
 *
 *   hippain-bench                      the figures, one a line: "name: value unit"
 *   hippain-bench --quick              fewer repetitions (a smoke run)
 *   hippain-bench --cpu-time           time single-thread figures by the thread's CPU time
 *                                      (CLOCK_THREAD_CPUTIME_ID) instead of the wall clock,
 *                                      for a machine shared with other work
 *   hippain-bench --scaling DIR        load every .xml file of DIR (from bench/gen_ontology.py) and
 *                                      print load time, memory per entry and assessment cost
 *   hippain-bench --scaling DIR --skip-schema
 *                                      the same with HP_LOAD_SKIP_SCHEMA
 *   hippain-bench --hostile [DIR]      time and peak memory of rejecting each hostile
 *                                      ontology of DIR (default tests/data/hostile) and
 *                                      generated hostile profiles (deep nesting, huge
 *                                      numbers, NaN, wrong types, invalid UTF-8, 10 MB
 *                                      strings), each in a child process
 *
 * Every timed figure is the median over repeated rounds after a warm-up; a round runs the
 * operation enough times to last about 10 ms, and the figure is the round's time divided by
 * its count. Speed targets live here (and in BENCHMARKS.md), never in the unit tests.
 */
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "hippain/hippain.h"

/* ---- Timing ------------------------------------------------------------------------- */

static int g_rounds = 15;
static double g_round_ns = 10e6;
static clockid_t g_clock = CLOCK_MONOTONIC;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(g_clock, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double wall_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

typedef int (*bench_fn)(void *ctx);

static int cmp_double(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static double median(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what, const hp_error *e) {
    fprintf(stderr, "hippain-bench: %s: %s\n", what, e ? e->message : "failed");
    exit(1);
}

/* Median nanoseconds per call of fn(ctx). */
static double measure(bench_fn fn, void *ctx) {
    /* warm-up: at least 3 calls and about 3 rounds' worth of time */
    double t0 = now_ns(), t;
    long calls = 0;
    do {
        if (fn(ctx) != 0)
            die("benchmark call", NULL);
        calls++;
        t = now_ns();
    } while (calls < 3 || t - t0 < 3 * g_round_ns);
    double per = (t - t0) / (double)calls;
    long n = (long)(g_round_ns / per);
    if (n < 1)
        n = 1;
    double *v = malloc(sizeof *v * (size_t)g_rounds);
    if (!v)
        die("out of memory", NULL);
    for (int r = 0; r < g_rounds; r++) {
        double s = now_ns();
        for (long i = 0; i < n; i++)
            if (fn(ctx) != 0)
                die("benchmark call", NULL);
        v[r] = (now_ns() - s) / (double)n;
    }
    double m = median(v, (size_t)g_rounds);
    free(v);
    return m;
}

/* ---- The typical profile ------------------------------------------------------------ */

/* Eight findings (four present, four absent) and a two-run log ten days apart, which
   makes the weekly-increase rule fire (one risk with its text). */
static const struct {
    const char *id;
    hp_answer answer;
} typical_findings[] = {
    {"pain_lateral_hip", HP_ANSWER_PRESENT},    {"onset_gradual", HP_ANSWER_PRESENT},
    {"worse_lying_on_side", HP_ANSWER_PRESENT}, {"tender_greater_trochanter", HP_ANSWER_PRESENT},
    {"pain_groin", HP_ANSWER_ABSENT},           {"fever_or_chills", HP_ANSWER_ABSENT},
    {"numbness_or_tingling", HP_ANSWER_ABSENT}, {"after_fall_or_trauma", HP_ANSWER_ABSENT},
};
#define N_TYPICAL (sizeof typical_findings / sizeof typical_findings[0])

static hp_profile *typical_profile(const hp_ontology *o, int with_log) {
    hp_profile *p = NULL;
    hp_error e = {0};
    if (hp_profile_new(o, &p, &e) != HP_OK)
        die("hp_profile_new", &e);
    for (size_t i = 0; i < N_TYPICAL; i++)
        if (hp_profile_set(p, typical_findings[i].id, typical_findings[i].answer, &e) != HP_OK)
            die("hp_profile_set", &e);
    if (with_log) {
        if (hp_profile_set_as_of(p, "2026-11-15", &e) != HP_OK ||
            hp_profile_add_run(p, "2026-11-05", 8.0, 50, 5, &e) != HP_OK ||
            hp_profile_add_run(p, "2026-11-15", 12.0, 75, 6, &e) != HP_OK)
            die("run log", &e);
    }
    return p;
}

/* ---- Operations ------------------------------------------------------------------------ */

typedef struct ctx {
    const hp_ontology *onto;
    const hp_profile *profile;
    const hp_assessment *assessment;
    const hp_plan *plan;
    const char *xml;
    size_t xml_size;
    long steps; /* interview answers given */
    long interviews;
} ctx;

static int op_load_default(void *p) {
    (void)p;
    hp_ontology *o = NULL;
    hp_error e = {0};
    if (hp_ontology_load_default(&o, &e) != HP_OK)
        die("hp_ontology_load_default", &e);
    hp_ontology_free(o);
    return 0;
}

static int op_libxml2_parse(void *p) {
    ctx *c = p;
    xmlDocPtr doc = xmlReadMemory(c->xml, (int)c->xml_size, "default.xml", NULL, XML_PARSE_NONET);
    if (!doc)
        return 1;
    xmlFreeDoc(doc);
    return 0;
}

static int op_assess(void *p) {
    ctx *c = p;
    hp_assessment *a = NULL;
    hp_error e = {0};
    if (hp_assess(c->profile, &a, &e) != HP_OK)
        die("hp_assess", &e);
    hp_assessment_free(a);
    return 0;
}

static int op_interview(void *p) {
    ctx *c = p;
    hp_interview *iv = NULL;
    hp_error e = {0};
    if (hp_interview_new(c->onto, NULL, NULL, &iv, &e) != HP_OK)
        die("hp_interview_new", &e);
    /* answer as the typical runner would; anything else absent */
    while (!hp_interview_done(iv)) {
        const char *q = hp_interview_question(iv);
        hp_answer ans = HP_ANSWER_ABSENT;
        for (size_t i = 0; i < N_TYPICAL; i++)
            if (strcmp(q, typical_findings[i].id) == 0)
                ans = typical_findings[i].answer;
        if (hp_interview_answer(iv, ans, &e) != HP_OK)
            die("hp_interview_answer", &e);
        c->steps++;
    }
    c->interviews++;
    hp_interview_free(iv);
    return 0;
}

static int op_plan(void *p) {
    ctx *c = p;
    hp_plan *plan = NULL;
    hp_error e = {0};
    if (hp_plan_new(c->assessment, NULL, &plan, &e) != HP_OK)
        die("hp_plan_new", &e);
    hp_plan_free(plan);
    return 0;
}

static int op_plan_json(void *p) {
    ctx *c = p;
    char *s = NULL;
    hp_error e = {0};
    if (hp_plan_to_json(c->plan, 0, &s, &e) != HP_OK)
        die("hp_plan_to_json", &e);
    hp_string_free(s);
    return 0;
}

static int op_plan_ics(void *p) {
    ctx *c = p;
    char *s = NULL;
    hp_error e = {0};
    if (hp_plan_to_ical(c->plan, &s, &e) != HP_OK)
        die("hp_plan_to_ical", &e);
    hp_string_free(s);
    return 0;
}

static int op_assessment_json(void *p) {
    ctx *c = p;
    char *s = NULL;
    hp_error e = {0};
    if (hp_assessment_to_json(c->assessment, NULL, 0, &s, &e) != HP_OK)
        die("hp_assessment_to_json", &e);
    hp_string_free(s);
    return 0;
}

/* ---- Threads ------------------------------------------------------------------------ */

typedef struct worker {
    pthread_t thread;
    pthread_barrier_t *start;
    const hp_ontology *onto;
    double seconds;
    long count;
} worker;

static void *assess_worker(void *arg) {
    worker *w = arg;
    hp_profile *p = typical_profile(w->onto, 1); /* own profile, shared ontology */
    pthread_barrier_wait(w->start);
    double end = wall_ns() + w->seconds * 1e9;
    long n = 0;
    do {
        for (int i = 0; i < 64; i++) {
            hp_assessment *a = NULL;
            if (hp_assess(p, &a, NULL) != HP_OK)
                die("hp_assess (thread)", NULL);
            hp_assessment_free(a);
        }
        n += 64;
    } while (wall_ns() < end);
    w->count = n;
    hp_profile_free(p);
    return NULL;
}

/* Assessments per second over all threads, median of a few rounds. */
static double assess_threads(const hp_ontology *o, int n_threads, int rounds, double seconds) {
    worker *w = calloc((size_t)n_threads, sizeof *w);
    double *v = calloc((size_t)rounds, sizeof *v);
    if (!w || !v)
        die("out of memory", NULL);
    for (int r = 0; r < rounds; r++) {
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, (unsigned)n_threads + 1);
        for (int i = 0; i < n_threads; i++) {
            w[i] = (worker){.start = &start, .onto = o, .seconds = seconds};
            if (pthread_create(&w[i].thread, NULL, assess_worker, &w[i]) != 0)
                die("pthread_create", NULL);
        }
        pthread_barrier_wait(&start);
        double t0 = wall_ns();
        long total = 0;
        for (int i = 0; i < n_threads; i++) {
            pthread_join(w[i].thread, NULL);
            total += w[i].count;
        }
        double t = (wall_ns() - t0) / 1e9;
        pthread_barrier_destroy(&start);
        v[r] = (double)total / t;
    }
    double m = median(v, (size_t)rounds);
    free(v);
    free(w);
    return m;
}

/* ---- The figures ------------------------------------------------------------------------ */

static void figure(const char *name, double value, const char *unit) {
    if (fabs(value) >= 1e5 || value == floor(value))
        printf("%s: %.0f %s\n", name, value, unit);
    else if (fabs(value) >= 100)
        printf("%s: %.1f %s\n", name, value, unit);
    else
        printf("%s: %.3f %s\n", name, value, unit);
    fflush(stdout);
}

/* Text intake: a typical forum description (about 300 bytes, language detected). */
static const char typical_text[] =
    "46 y.o. woman, around 20 miles a week (was 19ish). dull ache on the outside of my hip, "
    "came on gradually over a couple of months. stairs make it worse and i can't lie on that "
    "side at night. the bony bit on the side is sore to press. no groin pain, no fever, no "
    "numbness, and it didn't start after a fall.";

static int op_text(void *p) {
    ctx *c = p;
    hp_text_result *r = NULL;
    hp_error e = {0};
    if (hp_text_parse(c->onto, typical_text, sizeof typical_text - 1, NULL, &r, &e) != HP_OK)
        die("hp_text_parse", &e);
    hp_text_result_free(r);
    return 0;
}

/* ---- Watch files: hp_profile_import_runs() on device-style files ---------------------- */

typedef struct runs_ctx {
    const hp_ontology *onto;
    char *data;
    size_t size;
} runs_ctx;

static char *slurp(const char *path, size_t *size);

static int op_import_runs(void *p) {
    runs_ctx *c = p;
    hp_profile *prof = NULL;
    size_t n = 0;
    int bad = hp_profile_new(c->onto, &prof, NULL) != HP_OK ||
              hp_profile_import_runs(prof, c->data, c->size, "bench", &n, NULL) != HP_OK || !n;
    hp_profile_free(prof);
    return bad;
}

/* Import figures of a GPX and a TCX file of tests/data/runs (read from memory). */
static void bench_watch_files(const hp_ontology *o) {
    static const struct {
        const char *label, *file;
    } files[] = {{"import_gpx", "garmin_gpxtpx.gpx"}, {"import_tcx", "miles_device.tcx"}};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024], name[64];
        snprintf(path, sizeof path, "%s/%s", HP_RUNS_DIR, files[i].file);
        runs_ctx c = {o, NULL, 0};
        c.data = slurp(path, &c.size);
        if (!c.data)
            die(path, NULL);
        double ns = measure(op_import_runs, &c);
        snprintf(name, sizeof name, "%s_us", files[i].label);
        figure(name, ns / 1e3, "us");
        snprintf(name, sizeof name, "%s_mb_per_s", files[i].label);
        figure(name, (double)c.size / 1e6 / (ns / 1e9), "MB/s");
        free(c.data);
    }
}

static int run_main(void) {
    hp_error e = {0};
    ctx c;
    memset(&c, 0, sizeof c);
    c.xml = hp_default_ontology_xml(&c.xml_size);
    xmlInitParser();

    double load_ns = measure(op_load_default, &c);
    double xml_ns = measure(op_libxml2_parse, &c);
    figure("load_default_us", load_ns / 1e3, "us");
    figure("libxml2_parse_us", xml_ns / 1e3, "us");
    figure("load_ratio", load_ns / xml_ns, "x");

    hp_ontology *o = NULL;
    if (hp_ontology_load_default(&o, &e) != HP_OK)
        die("hp_ontology_load_default", &e);
    c.onto = o;
    figure("ontology_bytes", (double)hp_ontology_memory(o), "bytes");

    hp_profile *p = typical_profile(o, 1);
    c.profile = p;
    double assess_ns = measure(op_assess, &c);
    figure("assess_ns", assess_ns, "ns");
    figure("assess_per_s", 1e9 / assess_ns, "/s");
    hp_profile *bare = typical_profile(o, 0);
    c.profile = bare;
    figure("assess_no_log_ns", measure(op_assess, &c), "ns");
    double text_ns = measure(op_text, &c);
    figure("text_parse_us", text_ns / 1e3, "us");
    figure("text_per_s", 1e9 / text_ns, "/s");
    c.profile = p;

    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int n_threads = ncpu > 0 ? (int)ncpu : 1;
    figure("threads", n_threads, "");
    figure("assess_per_s_threads",
           assess_threads(o, n_threads, g_rounds >= 15 ? 5 : 3, g_rounds >= 15 ? 0.3 : 0.1), "/s");

    c.steps = c.interviews = 0;
    double iv_ns = measure(op_interview, &c);
    double steps_per_interview = (double)c.steps / (double)c.interviews;
    /* a step is an answer, re-assessment and choice of the next question; starting the
       interview is one more such step */
    figure("interview_steps", steps_per_interview, "answers");
    figure("interview_step_us", iv_ns / (steps_per_interview + 1) / 1e3, "us");

    hp_assessment *a = NULL;
    if (hp_assess(p, &a, &e) != HP_OK)
        die("hp_assess", &e);
    c.assessment = a;
    double plan_ns = measure(op_plan, &c);
    figure("plan_ns", plan_ns, "ns");
    figure("plan_per_s", 1e9 / plan_ns, "/s");

    hp_plan *plan = NULL;
    if (hp_plan_new(a, NULL, &plan, &e) != HP_OK)
        die("hp_plan_new", &e);
    c.plan = plan;
    figure("export_json_us", measure(op_plan_json, &c) / 1e3, "us");
    figure("export_ics_us", measure(op_plan_ics, &c) / 1e3, "us");
    figure("assessment_json_us", measure(op_assessment_json, &c) / 1e3, "us");
    bench_watch_files(o);

    hp_plan_free(plan);
    hp_assessment_free(a);
    hp_profile_free(bare);
    hp_profile_free(p);
    hp_ontology_free(o);
    return 0;
}

/* ---- Scaling -------------------------------------------------------------------------- */

typedef struct load_ctx {
    const char *path;
    unsigned flags;
} load_ctx;

static int op_load_file(void *p) {
    load_ctx *l = p;
    hp_input in = {l->path, NULL, 0};
    hp_load_options opt = {l->flags, (size_t)1 << 40, NULL};
    hp_ontology *o = NULL;
    hp_error e = {0};
    if (hp_ontology_load(&in, 1, &opt, &o, &e) != HP_OK) {
        char msg[1024];
        hp_error_format(&e, msg, sizeof msg);
        fprintf(stderr, "hippain-bench: %s\n", msg);
        exit(1);
    }
    hp_ontology_free(o);
    return 0;
}

static int cmp_name(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int run_scaling(const char *dir, int skip_schema) {
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 1;
    }
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 64) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcmp(de->d_name + len - 4, ".xml") == 0)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    printf("# scaling: %zu ontologies in %s%s\n", n, dir,
           skip_schema ? " (HP_LOAD_SKIP_SCHEMA)" : " (schema-validated)");
    double base_assess = 0, base_assess_log = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char label[256];
        snprintf(label, sizeof label, "%.*s", (int)(strlen(names[i]) - 4), names[i]);
        load_ctx l = {path, skip_schema ? HP_LOAD_SKIP_SCHEMA : 0};
        /* big inputs: fewer, longer rounds */
        int saved_rounds = g_rounds;
        double saved_round = g_round_ns;
        g_round_ns = 1; /* one load per round */
        FILE *f = fopen(path, "rb");
        long bytes = 0;
        if (f) {
            fseek(f, 0, SEEK_END);
            bytes = ftell(f);
            fclose(f);
        }
        g_rounds = bytes > 20000000 ? 3 : bytes > 2000000 ? 5 : saved_rounds;
        double load_ns = measure(op_load_file, &l);
        g_rounds = saved_rounds;
        g_round_ns = saved_round;

        hp_input in = {path, NULL, 0};
        hp_load_options opt = {l.flags, (size_t)1 << 40, NULL};
        hp_ontology *o = NULL;
        hp_error e = {0};
        if (hp_ontology_load(&in, 1, &opt, &o, &e) != HP_OK)
            die(path, &e);
        size_t entries = 0;
        for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++)
            entries += hp_ontology_count(o, (hp_entity_kind)k);
        size_t mem = hp_ontology_memory(o);
        ctx c;
        memset(&c, 0, sizeof c);
        c.onto = o;
        hp_profile *bare = typical_profile(o, 0), *logged = typical_profile(o, 1);
        c.profile = bare;
        double assess = measure(op_assess, &c);
        c.profile = logged;
        double assess_log = measure(op_assess, &c);
        if (i == 0) {
            base_assess = assess;
            base_assess_log = assess_log;
        }
        printf("%s_bytes: %ld bytes\n", label, bytes);
        printf("%s_entries: %zu entries (%zu conditions, %zu findings, %zu derived rules)\n", label,
               entries, hp_ontology_count(o, HP_ENTITY_CONDITION),
               hp_ontology_count(o, HP_ENTITY_FINDING),
               hp_ontology_count(o, HP_ENTITY_DERIVED_RULE));
        printf("%s_load_ms: %.2f ms\n", label, load_ns / 1e6);
        printf("%s_load_us_per_entry: %.3f us\n", label, load_ns / 1e3 / (double)entries);
        printf("%s_ontology_bytes: %zu bytes\n", label, mem);
        printf("%s_bytes_per_entry: %.1f bytes\n", label, (double)mem / (double)entries);
        printf("%s_assess_ns: %.0f ns (%.2fx the first)\n", label, assess, assess / base_assess);
        printf("%s_assess_log_ns: %.0f ns (%.2fx the first)\n", label, assess_log,
               assess_log / base_assess_log);
        fflush(stdout);
        hp_profile_free(bare);
        hp_profile_free(logged);
        hp_ontology_free(o);
        free(names[i]);
    }
    return 0;
}

/* ---- Hostile input ---------------------------------------------------------------------- */

#ifndef HP_HOSTILE_DIR
#define HP_HOSTILE_DIR "tests/data/hostile"
#endif

static double max_rss_mb(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

/* Run one rejection in a child: its wall time and the growth of its peak memory. Returns
   0 when the input was rejected (as it must be), 1 if it was accepted, -1 on failure. */
static int hostile_one(const char *name, const char *data, size_t size, int is_profile, double *ms,
                       double *mb) {
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fds[0]);
        hp_ontology *o = NULL;
        if (is_profile && hp_ontology_load_default(&o, NULL) != HP_OK)
            _exit(3);
        double base = max_rss_mb(), t0 = wall_ns();
        hp_error e = {0};
        hp_status st;
        if (is_profile) {
            hp_profile *p = NULL;
            st = hp_profile_from_json(o, data, size, name, &p, &e);
            hp_profile_free(p);
        } else {
            hp_ontology *x = NULL;
            st = hp_ontology_load_memory(name, data, size, &x, &e);
            hp_ontology_free(x);
        }
        double r[3] = {(wall_ns() - t0) / 1e6, max_rss_mb() - base, st != HP_OK};
        if (write(fds[1], r, sizeof r) != (ssize_t)sizeof r)
            _exit(4);
        hp_ontology_free(o);
        _exit(0);
    }
    close(fds[1]);
    double r[3] = {0, 0, 0};
    ssize_t got = read(fds[0], r, sizeof r);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got != (ssize_t)sizeof r || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    *ms = r[0];
    *mb = r[1];
    return r[2] != 0 ? 0 : 1;
}

static char *slurp(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            char *nb = realloc(buf, cap ? cap * 2 : 65536);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *size = n;
    return buf;
}

/* The hostile profiles of the reliability issue, made here. */
static char *hostile_profile(int which, const char **name, size_t *size) {
    const size_t big = 10u << 20;
    char *s = NULL;
    switch (which) {
    case 0:
        *name = "deep_nesting.json";
        s = malloc(200002);
        if (s) {
            memset(s, '[', 100000);
            memset(s + 100000, ']', 100000);
            s[200000] = '\0';
        }
        break;
    case 1:
        *name = "huge_number.json";
        s = strdup("{\"runner\":{\"weekly_km\":1e999}}");
        break;
    case 2:
        *name = "nan.json";
        s = strdup("{\"runner\":{\"weekly_km\":NaN}}");
        break;
    case 3:
        *name = "wrong_types.json";
        s = strdup("{\"findings\":[1,2],\"runner\":\"x\"}");
        break;
    case 4:
        *name = "invalid_utf8.json";
        s = strdup("{\"findings\":{\"pain_\xff\xfe\":true}}");
        break;
    case 5:
        *name = "10mb_string.json";
        s = malloc(big + 64);
        if (s) {
            strcpy(s, "{\"runner\":{\"sex\":\"");
            size_t k = strlen(s);
            memset(s + k, 'a', big);
            strcpy(s + k + big, "\"}}");
        }
        break;
    case 6: /* the largest accepted size: the worst case that is parsed at all */
        *name = "string_at_the_size_limit.json";
        s = malloc(HP_MAX_PROFILE_BYTES + 1);
        if (s) {
            strcpy(s, "{\"runner\":{\"sex\":\"");
            size_t k = strlen(s), fill = HP_MAX_PROFILE_BYTES - k - 3;
            memset(s + k, 'a', fill);
            strcpy(s + k + fill, "\"}}");
        }
        break;
    default: return NULL;
    }
    if (s)
        *size = strlen(s);
    return s;
}

static int run_hostile(const char *dir) {
    double worst_ms = 0, worst_mb = 0;
    int bad = 0;
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "hippain-bench: cannot open %s\n", dir);
        return 1;
    }
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 4, ".xml") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        size_t size = 0;
        char *data = slurp(path, &size);
        double ms = 0, mb = 0;
        int r = data ? hostile_one(ent->d_name, data, size, 0, &ms, &mb) : -1;
        free(data);
        printf("hostile %s: %.2f ms, %.1f MB%s\n", ent->d_name, ms, mb,
               r == 0 ? "" : " NOT REJECTED");
        bad |= r != 0;
        worst_ms = ms > worst_ms ? ms : worst_ms;
        worst_mb = mb > worst_mb ? mb : worst_mb;
    }
    closedir(d);
    const char *name;
    size_t size;
    char *data;
    for (int i = 0; (data = hostile_profile(i, &name, &size)) != NULL; i++) {
        double ms = 0, mb = 0;
        int r = hostile_one(name, data, size, 1, &ms, &mb);
        free(data);
        printf("hostile %s: %.2f ms, %.1f MB%s\n", name, ms, mb, r == 0 ? "" : " NOT REJECTED");
        bad |= r != 0;
        worst_ms = ms > worst_ms ? ms : worst_ms;
        worst_mb = mb > worst_mb ? mb : worst_mb;
    }
    figure("hostile_max_ms", worst_ms, "ms");
    figure("hostile_max_mb", worst_mb, "MB");
    return bad;
}

int main(int argc, char **argv) {
    const char *scaling = NULL, *hostile = NULL;
    int skip_schema = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            g_rounds = 5;
            g_round_ns = 3e6;
        } else if (strcmp(argv[i], "--cpu-time") == 0) {
            g_clock = CLOCK_THREAD_CPUTIME_ID;
        } else if (strcmp(argv[i], "--scaling") == 0 && i + 1 < argc) {
            scaling = argv[++i];
        } else if (strcmp(argv[i], "--skip-schema") == 0) {
            skip_schema = 1;
        } else if (strcmp(argv[i], "--hostile") == 0) {
            hostile = i + 1 < argc && argv[i + 1][0] != '-' ? argv[++i] : HP_HOSTILE_DIR;
        } else {
            fprintf(stderr,
                    "usage: hippain-bench [--quick] [--cpu-time] [--scaling DIR [--skip-schema]] "
                    "[--hostile [DIR]]\n");
            return 2;
        }
    }
    if (hostile)
        return run_hostile(hostile);
    return scaling ? run_scaling(scaling, skip_schema) : run_main();
}
