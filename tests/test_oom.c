/*
 * Allocation failures: every public operation is run again and again with the 1st, 2nd,
 * ... Nth allocation failing (once that allocation only, once every allocation after it)
 * until it succeeds. Each failing run must return HP_E_NOMEM, crash nothing and leave no
 * block of the failing allocator alive.
 *
 * The library's own allocations go through the ontology's hp_allocator. libxml2 2.9 and
 * jansson only offer process-wide allocator settings, which the library never touches;
 * this test process sets them (xmlMemSetup, json_set_alloc_funcs) to inject failures there
 * too and check the library copes.
 */
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <string.h>

#include "test_util.h"

TestSuite(oom, .fini = hp_test_leak_check);

/* ---- A failing, counting allocator ------------------------------------------------------ */

typedef struct counter {
    long calls;     /* allocations so far */
    long fail_at;   /* the allocation that fails (1-based), 0 = never */
    int fail_after; /* also fail every later allocation */
    long live;      /* blocks alive */
    long failures;  /* allocations refused */
} counter;

static int should_fail(counter *c) {
    c->calls++;
    if (c->fail_at && (c->calls == c->fail_at || (c->fail_after && c->calls > c->fail_at))) {
        c->failures++;
        return 1;
    }
    return 0;
}

static void *c_malloc(void *ctx, size_t n) {
    counter *c = ctx;
    if (should_fail(c))
        return NULL;
    void *p = malloc(n);
    if (p)
        c->live++;
    return p;
}

static void *c_realloc(void *ctx, void *p, size_t n) {
    counter *c = ctx;
    if (should_fail(c))
        return NULL;
    void *q = realloc(p, n);
    if (q && !p)
        c->live++;
    return q;
}

static void c_free(void *ctx, void *p) {
    counter *c = ctx;
    if (p)
        c->live--;
    free(p);
}

/* The same for libxml2 and jansson, which only have process-wide hooks. */
static counter third_party;
static int third_party_on;

static void *tp_malloc(size_t n) {
    if (third_party_on && should_fail(&third_party))
        return NULL;
    return malloc(n);
}
static void *tp_realloc(void *p, size_t n) {
    if (third_party_on && should_fail(&third_party))
        return NULL;
    return realloc(p, n);
}
static char *tp_strdup(const char *s) {
    char *d = tp_malloc(strlen(s) + 1);
    return d ? strcpy(d, s) : NULL;
}

/* Some libxml2 internals report allocation failures only to the thread's generic error
   handler, which prints; keep this test's log readable. */
static void silent(void *ctx, const char *fmt, ...) { (void)ctx, (void)fmt; }

static void hook_third_party(void) {
    xmlSetGenericErrorFunc(NULL, silent);
    xmlMemSetup(free, tp_malloc, tp_realloc, tp_strdup);
    json_set_alloc_funcs(tp_malloc, free);
}

/* ---- The loop ---------------------------------------------------------------------------- */

typedef hp_status (*operation)(const hp_allocator *a, void *arg);

/* Run op with every allocation failing in turn; returns how many runs failed. */
static long fail_every_allocation(operation op, void *arg, const char *name) {
    long failed_runs = 0;
    for (int after = 0; after < 2; after++) {
        for (long n = 1;; n++) {
            counter c = {0, n, after, 0, 0};
            hp_allocator a = {c_malloc, c_realloc, c_free, &c};
            hp_status st = op(&a, arg);
            cr_assert_eq(c.live, 0, "%s: %ld blocks leaked with allocation %ld failing%s", name,
                         c.live, n, after ? " (and after)" : "");
            if (c.failures == 0) {
                cr_assert_eq(st, HP_OK, "%s succeeds when nothing fails", name);
                break;
            }
            cr_assert_eq(st, HP_E_NOMEM, "%s: allocation %ld failing gave %d", name, n, st);
            failed_runs++;
            cr_assert_lt(n, 200000, "%s does not converge", name);
        }
    }
    cr_assert_gt(failed_runs, 0, "%s allocates", name);
    return failed_runs;
}

/* Each operation loads what it needs with the failing allocator, does its work and frees
   everything. Failures in setup count too: every path is covered. */

static hp_status op_load_default(const hp_allocator *a, void *arg) {
    (void)arg;
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, a};
    hp_ontology *o = NULL;
    hp_error e = {0};
    hp_status st = hp_ontology_load(NULL, 0, &opt, &o, &e);
    if (st != HP_OK)
        cr_assert_null(o);
    if (st == HP_E_NOMEM)
        cr_assert_eq(e.code, HP_E_NOMEM);
    hp_ontology_free(o);
    return st;
}

static const char *extension =
    "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='x' version='1'>"
    "<sources><source id='clinic'>Clinic</source></sources>"
    "<exercises><exercise id='clinic_march' kind='strength' targets='hips' src='clinic'>"
    "<label>March</label><label xml:lang='de'>Marsch</label>"
    "<dosing sets='2' reps='10' days-per-week='3' effort='easy' src='clinic'/>"
    "<contraindication condition='stress_fracture' src='clinic'>Impact.</contraindication>"
    "</exercise></exercises></ontology>";

/* The same on top of tests/data/ontologies/mini.xml. */
static const char *mini_extension =
    "<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='x' version='1'>"
    "<sources><source id='clinic'>Clinic</source></sources>"
    "<exercises><exercise id='clinic_march' kind='strength' targets='hips' src='clinic'>"
    "<label>March</label><label xml:lang='de'>Marsch</label>"
    "<dosing sets='2' reps='10' days-per-week='3' effort='easy' src='clinic'/>"
    "<contraindication condition='hot_joint' src='clinic'>Infection.</contraindication>"
    "</exercise></exercises></ontology>";

static hp_status op_load_with_extension(const hp_allocator *a, void *arg) {
    (void)arg;
    hp_input in = {"ext.xml", extension, strlen(extension)};
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, a};
    hp_ontology *o = NULL;
    hp_status st = hp_ontology_load(&in, 1, &opt, &o, NULL);
    hp_ontology_free(o);
    return st;
}

static hp_status op_load_file(const hp_allocator *a, void *arg) {
    (void)arg;
    char path[1024];
    hp_input in = {hp_test_path(path, sizeof path, "ontologies/mini.xml"), NULL, 0};
    hp_load_options opt = {0, 0, a};
    hp_ontology *o = NULL;
    hp_status st = hp_ontology_load(&in, 1, &opt, &o, NULL);
    hp_ontology_free(o);
    return st;
}

static const char *profile_json =
    "{\"findings\":{\"pain_lateral_hip\":true,\"worse_lying_on_side\":true,"
    "\"fever_or_chills\":false,\"persistent_pain\":true},"
    "\"runner\":{\"weekly_km\":42,\"previous_weekly_km\":30,\"cadence_spm\":160,"
    "\"shoe_km\":900,\"sex\":\"female\",\"age\":41,"
    "\"runs\":[{\"date\":\"2026-11-01\",\"km\":8},{\"date\":\"2026-11-03\",\"km\":12.5},"
    "{\"date\":\"2026-11-06\",\"km\":15}]}}";

/* Operations on an ontology loaded with the default allocator would not exercise the
   hook: everything below loads with the failing allocator first. */
typedef hp_status (*with_profile)(hp_profile *p);

static hp_status with_loaded(const hp_allocator *a, with_profile fn) {
    hp_load_options opt = {HP_LOAD_WITH_DEFAULT, 0, a};
    hp_ontology *o = NULL;
    hp_status st = hp_ontology_load(NULL, 0, &opt, &o, NULL);
    if (st != HP_OK)
        return st;
    hp_profile *p = NULL;
    st = hp_profile_from_json(o, profile_json, strlen(profile_json), "p", &p, NULL);
    if (st == HP_OK)
        st = fn(p);
    hp_profile_free(p);
    hp_ontology_free(o);
    return st;
}

static hp_status do_assess(hp_profile *p) {
    hp_assessment *a = NULL;
    hp_status st = hp_assess(p, &a, NULL);
    if (st == HP_OK && !hp_assessment_next_question(a))
        st = HP_E_INTERNAL;
    hp_assessment_free(a);
    return st;
}

static hp_status do_assessment_json(hp_profile *p) {
    hp_assessment *a = NULL;
    char *out = NULL;
    hp_status st = hp_assess(p, &a, NULL);
    if (st == HP_OK)
        st = hp_assessment_to_json(a, "de", HP_JSON_PRETTY, &out, NULL);
    hp_string_free(out);
    hp_assessment_free(a);
    return st;
}

static hp_status do_profile_json(hp_profile *p) {
    char *out = NULL;
    hp_profile *copy = NULL;
    hp_status st = hp_profile_to_json(p, &out, NULL);
    if (st == HP_OK)
        st = hp_profile_copy(p, &copy, NULL);
    hp_profile_free(copy);
    hp_string_free(out);
    return st;
}

static hp_status do_interview(hp_profile *p) {
    hp_interview *iv = NULL;
    hp_status st = hp_interview_new(NULL, p, NULL, &iv, NULL);
    for (int i = 0; st == HP_OK && i < 3 && !hp_interview_done(iv); i++)
        st = hp_interview_answer(iv, i == 1 ? HP_ANSWER_UNKNOWN : HP_ANSWER_ABSENT, NULL);
    if (st == HP_OK && hp_interview_answered(iv))
        st = hp_interview_back(iv, NULL);
    hp_interview_free(iv);
    return st;
}

static hp_status do_plan(hp_profile *p, int format) {
    hp_assessment *a = NULL;
    hp_plan *plan = NULL;
    char *out = NULL;
    hp_status st = hp_assess(p, &a, NULL);
    hp_plan_options po;
    memset(&po, 0, sizeof po);
    po.weeks = 6;
    po.start_date = "2026-11-09";
    if (st == HP_OK)
        st = hp_plan_new(a, &po, &plan, NULL);
    if (st == HP_OK && format == 1)
        st = hp_plan_to_json(plan, 0, &out, NULL);
    if (st == HP_OK && format == 2)
        st = hp_plan_to_markdown(plan, &out, NULL);
    if (st == HP_OK && format == 3)
        st = hp_plan_to_ical(plan, &out, NULL);
    hp_string_free(out);
    hp_plan_free(plan);
    hp_assessment_free(a);
    return st;
}
/* Check-ins (issue 18): parse and decide every week. */
static hp_status do_checkins(hp_profile *p) {
    static const char js[] = "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,"
                             "\"sessions_done\":3,\"pain\":{\"during\":2,\"after\":1,"
                             "\"next_morning\":0}},{\"week\":2,\"new_findings\":"
                             "[\"pain_groin\"]},{\"week\":3,\"sessions\":[{\"done\":true,"
                             "\"pain\":{\"during\":1}},{\"done\":false}]}]}";
    hp_checkins *cs = NULL;
    hp_status st = hp_checkins_from_json(hp_profile_ontology(p), js, strlen(js), "c", &cs, NULL);
    hp_checkin_decision d;
    for (size_t i = 0; st == HP_OK && i < hp_checkins_count(cs); i++)
        st = hp_checkins_decide_model(cs, i, HP_PAIN_MODEL_BONE, &d);
    char *out = NULL;
    if (st == HP_OK)
        st = hp_checkins_to_json(cs, &out, NULL);
    hp_string_free(out);
    hp_checkins_free(cs);
    return st;
}
/* Plan revision (issue 18): a plan, four check-ins (a step back, a partly done week, a new
   finding that raises the triage), the revision and its three exports. */
static hp_status do_revise(hp_profile *p) {
    static const char js[] =
        "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,\"sessions_done\":3,\"pain\":"
        "{\"during\":2,\"after\":1,\"next_morning\":0}},{\"week\":2,\"sessions_planned\":3,"
        "\"sessions_done\":2,\"pain\":{\"during\":7,\"after\":6,\"next_morning\":4}},"
        "{\"week\":3,\"sessions_planned\":3,\"sessions_done\":3},{\"week\":4,"
        "\"new_findings\":[\"unable_to_bear_weight\"]}]}";
    hp_assessment *a = NULL;
    hp_plan *plan = NULL;
    hp_checkins *cs = NULL;
    hp_revision *r = NULL;
    char *out = NULL;
    hp_plan_options po = {.weeks = 8, .start_date = "2026-11-09"};
    hp_status st = hp_profile_add_run(p, "2026-11-05", 6.0, 40, 0, NULL);
    if (st == HP_OK)
        st = hp_assess(p, &a, NULL);
    if (st == HP_OK)
        st = hp_plan_new(a, &po, &plan, NULL);
    if (st == HP_OK)
        st = hp_checkins_from_json(hp_profile_ontology(p), js, strlen(js), "c", &cs, NULL);
    if (st == HP_OK)
        st = hp_plan_revise(plan, p, cs, &po, &r, NULL);
    for (int f = 0; f < 3 && st == HP_OK; f++) {
        st = f == 0   ? hp_revision_to_json(r, &out, NULL)
             : f == 1 ? hp_revision_to_markdown(r, &out, NULL)
                      : hp_revision_to_ical(r, &out, NULL);
        hp_string_free(out);
        out = NULL;
    }
    hp_revision_free(r);
    hp_checkins_free(cs);
    hp_plan_free(plan);
    hp_assessment_free(a);
    return st;
}
static hp_status do_plan_only(hp_profile *p) { return do_plan(p, 0); }
static hp_status do_plan_json(hp_profile *p) { return do_plan(p, 1); }
static hp_status do_plan_markdown(hp_profile *p) { return do_plan(p, 2); }
static hp_status do_plan_ical(hp_profile *p) { return do_plan(p, 3); }

Test(oom, load_default) { fail_every_allocation(op_load_default, NULL, "load default"); }
Test(oom, load_with_extension) { fail_every_allocation(op_load_with_extension, NULL, "load+ext"); }
Test(oom, load_file) { fail_every_allocation(op_load_file, NULL, "load file"); }

/* Function pointers pass through void * via a wrapper struct, which ISO C allows. */
typedef struct fn_box {
    with_profile fn;
} fn_box;
static hp_status op_boxed(const hp_allocator *a, void *arg) {
    return with_loaded(a, ((fn_box *)arg)->fn);
}
#define OOM_TEST(name, fn)                            \
    Test(oom, name) {                                 \
        fn_box box = {fn};                            \
        fail_every_allocation(op_boxed, &box, #name); \
    }

OOM_TEST(assess, do_assess)
OOM_TEST(assessment_json, do_assessment_json)
OOM_TEST(profile_json, do_profile_json)
OOM_TEST(interview, do_interview)
OOM_TEST(plan, do_plan_only)
OOM_TEST(plan_json, do_plan_json)
OOM_TEST(plan_markdown, do_plan_markdown)
OOM_TEST(plan_ical, do_plan_ical)
OOM_TEST(checkins, do_checkins)
OOM_TEST(revise, do_revise)

/* Watch files into the run log, then a copy and an assessment carrying the details. */
static hp_status do_import_runs(hp_profile *p) {
    static const char gpx[] =
        "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\" version=\"1.1\"><trk><trkseg>"
        "<trkpt lat=\"47\" lon=\"8\"><ele>400</ele><time>2026-11-07T07:00:00Z</time>"
        "<extensions><cad>85</cad></extensions></trkpt><trkpt lat=\"47.01\" lon=\"8\">"
        "<ele>410</ele><time>2026-11-07T07:05:00Z</time></trkpt></trkseg></trk></gpx>";
    static const char tcx[] =
        "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/"
        "TrainingCenterDatabase/v2\"><Activities><Activity Sport=\"Running\">"
        "<Id>2026-11-08T07:00:00Z</Id><Lap><TotalTimeSeconds>600</TotalTimeSeconds>"
        "<DistanceMeters>1609.344</DistanceMeters><Cadence>86</Cadence></Lap></Activity>"
        "</Activities></TrainingCenterDatabase>";
    hp_status st = hp_profile_import_runs(p, gpx, sizeof gpx - 1, "a.gpx", NULL, NULL);
    if (st == HP_OK)
        st = hp_profile_import_runs(p, tcx, sizeof tcx - 1, "b.tcx", NULL, NULL);
    hp_profile *q = NULL;
    if (st == HP_OK)
        st = hp_profile_copy(p, &q, NULL);
    hp_profile_free(q);
    return st == HP_OK ? do_assess(p) : st;
}
OOM_TEST(import_runs, do_import_runs)

/* Failures inside libxml2 and jansson (process-wide hooks, set by this test only). */
Test(oom, inside_libxml2_and_jansson) {
    hook_third_party();
    /* libxml2's one-time global initialisation is outside the library's control */
    hp_ontology *warm = NULL;
    cr_assert_eq(hp_ontology_load_memory("ext.xml", extension, strlen(extension), &warm, NULL),
                 HP_E_SEMANTIC, "stress_fracture is not in this file alone");
    hp_ontology_free(warm);
    for (int which = 0; which < 2; which++) {
        for (long n = 1;; n++) {
            third_party = (counter){0, n, 0, 0, 0};
            third_party_on = 1;
            hp_status st;
            hp_ontology *o = NULL;
            if (which == 0) {
                /* the small test ontology plus an extension, without the schema:
                   libxml2 2.9.14's RELAX NG compiler itself dereferences NULL after some
                   allocation failures */
                char path[1024];
                hp_input in[2] = {{hp_test_path(path, sizeof path, "ontologies/mini.xml"), NULL, 0},
                                  {"ext.xml", mini_extension, strlen(mini_extension)}};
                hp_load_options opt = {HP_LOAD_SKIP_SCHEMA, 0, NULL};
                st = hp_ontology_load(in, 2, &opt, &o, NULL);
            } else {
                third_party_on = 0;
                cr_assert_eq(hp_ontology_load_default(&o, NULL), HP_OK);
                third_party_on = 1;
                hp_profile *p = NULL;
                st = hp_profile_from_json(o, profile_json, strlen(profile_json), "p", &p, NULL);
                if (st == HP_OK) /* a success is whole */
                    cr_assert_eq(hp_profile_answered(p), 4);
                hp_profile_free(p);
            }
            third_party_on = 0;
            /* libxml2 recovers from some failures by itself: then the result is whole */
            if (st == HP_OK && which == 0)
                cr_assert_neq(hp_ontology_index(o, HP_ENTITY_EXERCISE, "clinic_march"), (size_t)-1);
            hp_ontology_free(o);
            if (third_party.failures == 0) {
                cr_assert_eq(st, HP_OK);
                break;
            }
            /* libxml2 2.9 reports a few allocation failures in a document as syntax
               errors, and silently drops a node after a few others: the library then
               reports what it sees. Never a crash, a leak or a wrong success. */
            /* Neither libxml2 2.9 nor jansson 2.14 always says "out of memory": some
               failures come back as syntax errors, and after a few others a node or key
               is silently dropped, so the library reports what it then sees. What holds
               is: no crash, no leak, and a success is whole. */
            cr_assert(st != HP_E_INTERNAL && st != HP_E_INVALID,
                      "%s: allocation %ld failing gave %d", which ? "jansson" : "libxml2", n, st);
            cr_assert_lt(n, 100000);
        }
    }
}

/* Text intake: a description parsed (findings, negation, numbers) and applied. */
static hp_status do_text(hp_profile *p) {
    static const char text[] = "Outer hip aches at night, no fever or chills. Upped my miles "
                               "from 20 to 28 a week; I'm 34F. Kein Fieber, sin dolor al correr.";
    hp_text_result *r = NULL;
    hp_status st = hp_text_parse(hp_profile_ontology(p), text, sizeof text - 1, NULL, &r, NULL);
    if (st == HP_OK) {
        cr_assert_geq(hp_text_result_finding_count(r), 4, "a success is whole");
        st = hp_text_result_apply(r, p, NULL);
    }
    hp_text_result_free(r);
    return st;
}
OOM_TEST(text, do_text)
