/*
 * Concurrency stress (a plain C program: Criterion does not run under ThreadSanitizer).
 * THREADS threads share one ontology; each runs ITERATIONS assessments and plans of a set
 * of profiles and compares every result, as JSON, with the single-threaded one. Every 500
 * iterations a thread also loads an ontology of its own, the embedded default or the same
 * text from memory (schema-validated), and checks it against the shared one. All threads
 * also take and drop references to one shared plan (exporting it now and then); the main
 * thread drops its own first, so the last worker frees it.
 * Usage: stress_threads [ITERATIONS [THREADS]]   (defaults 10000 and 8)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hippain/hippain.h>

#define N_PROFILES 4

static const char *profiles[N_PROFILES] = {
    ("{\"findings\":{\"pain_lateral_hip\":true,\"worse_lying_on_side\":true,"
     "\"fever_or_chills\":false},\"runner\":{\"weekly_km\":42,\"previous_weekly_km\":30,"
     "\"cadence_spm\":162,\"shoe_km\":900,\"sex\":\"female\"}}"),
    ("{\"findings\":{\"pain_groin\":true,\"pain_deep_ache\":true,\"worse_weight_bearing\":true},"
     "\"runner\":{\"runs\":[{\"date\":\"2026-10-20\",\"km\":10},{\"date\":\"2026-11-01\",\"km\":9},"
     "{\"date\":\"2026-11-08\",\"km\":16}]}}"),
    ("{\"findings\":{\"pain_buttock\":true,\"worse_prolonged_sitting\":true,"
     "\"numbness_or_tingling\":false}}"),
    "{\"findings\":{\"fever_or_chills\":true,\"swelling\":true}}",
};

typedef struct expected {
    char *assessment[N_PROFILES];
    char *plan[N_PROFILES];
} expected;

typedef struct job {
    const hp_ontology *onto;
    const expected *want;
    hp_plan *plan; /* a reference of the worker's own to a shared plan, dropped at the end */
    long iterations;
    long mismatches;
    long failures;
} job;

/* Assess profile i (its JSON into *assessment unless NULL) and plan it into *plan. */
static hp_status assess_and_plan(const hp_ontology *onto, int i, char **assessment,
                                 hp_plan **plan) {
    hp_profile *p = NULL;
    hp_assessment *a = NULL;
    hp_plan_options po;
    memset(&po, 0, sizeof po);
    po.start_date = "2026-11-16";
    po.weeks = 6;
    hp_status st = hp_profile_from_json(onto, profiles[i], strlen(profiles[i]), "p", &p, NULL);
    if (st == HP_OK)
        st = hp_assess(p, &a, NULL);
    if (st == HP_OK && assessment)
        st = hp_assessment_to_json(a, NULL, 0, assessment, NULL);
    if (st == HP_OK)
        st = hp_plan_new(a, &po, plan, NULL);
    hp_assessment_free(a);
    hp_profile_free(p);
    return st;
}

/* Assess and plan profile i; returns HP_OK and the two JSON texts. */
static hp_status run_one(const hp_ontology *onto, int i, char **assessment, char **plan) {
    hp_plan *pl = NULL;
    *assessment = *plan = NULL;
    hp_status st = assess_and_plan(onto, i, assessment, &pl);
    if (st == HP_OK)
        st = hp_plan_to_json(pl, 0, plan, NULL);
    hp_plan_free(pl);
    return st;
}

/* Load the default ontology anew (validated = from memory, against the schema); 1 if it
   has what the shared one has. */
static int load_matches(const hp_ontology *shared, int validated) {
    hp_ontology *o = NULL;
    hp_status st;
    if (validated) {
        size_t n;
        const char *xml = hp_default_ontology_xml(&n);
        st = hp_ontology_load_memory("default.xml", xml, n, &o, NULL);
    } else {
        st = hp_ontology_load_default(&o, NULL);
    }
    if (st != HP_OK)
        return 0;
    int same = strcmp(hp_ontology_name(o), hp_ontology_name(shared)) == 0;
    for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++) {
        size_t n = hp_ontology_count(o, (hp_entity_kind)k);
        same &= n == hp_ontology_count(shared, (hp_entity_kind)k);
        for (size_t i = 0; same && i < n; i++)
            same &= strcmp(hp_ontology_id(o, (hp_entity_kind)k, i),
                           hp_ontology_id(shared, (hp_entity_kind)k, i)) == 0;
    }
    hp_ontology_free(o);
    return same;
}

static void *worker(void *arg) {
    job *j = arg;
    for (long k = 0; k < j->iterations; k++) {
        int i = (int)(k % N_PROFILES);
        if (k % 500 == 0 && !load_matches(j->onto, (int)(k / 500 % 2)))
            j->failures++;
        char *a = NULL, *p = NULL;
        if (run_one(j->onto, i, &a, &p) != HP_OK)
            j->failures++;
        else if (strcmp(a, j->want->assessment[i]) || strcmp(p, j->want->plan[i]))
            j->mismatches++;
        hp_string_free(a);
        hp_string_free(p);
        /* references taken and dropped concurrently */
        hp_ontology_free(hp_ontology_ref(j->onto));
        hp_plan *mine = hp_plan_ref(j->plan);
        if (k % 50 == 0) {
            char *s = NULL;
            if (hp_plan_to_json(mine, 0, &s, NULL) != HP_OK)
                j->failures++;
            else if (strcmp(s, j->want->plan[0]))
                j->mismatches++;
            hp_string_free(s);
        }
        hp_plan_free(mine);
    }
    /* the last worker to finish frees the shared plan */
    hp_plan_free(j->plan);
    return NULL;
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? atol(argv[1]) : 10000;
    int threads = argc > 2 ? atoi(argv[2]) : 8;
    if (iterations <= 0 || threads <= 0 || threads > 64) {
        fprintf(stderr, "usage: stress_threads [ITERATIONS [THREADS]]\n");
        return 2;
    }
    hp_ontology *onto = NULL;
    hp_error err = {0};
    if (hp_ontology_load_default(&onto, &err) != HP_OK) {
        fprintf(stderr, "load: %s\n", err.message);
        return 1;
    }
    expected want;
    for (int i = 0; i < N_PROFILES; i++)
        if (run_one(onto, i, &want.assessment[i], &want.plan[i]) != HP_OK) {
            fprintf(stderr, "profile %d fails single-threaded\n", i);
            return 1;
        }
    hp_plan *shared = NULL; /* profile 0's plan, shared by all workers through references */
    if (assess_and_plan(onto, 0, NULL, &shared) != HP_OK) {
        fprintf(stderr, "the shared plan fails\n");
        return 1;
    }
    job jobs[64];
    pthread_t tid[64];
    for (int t = 0; t < threads; t++) {
        jobs[t] = (job){onto, &want, hp_plan_ref(shared), iterations, 0, 0};
        if (pthread_create(&tid[t], NULL, worker, &jobs[t]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    hp_plan_free(shared); /* the workers' references keep it alive */
    long mismatches = 0, failures = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(tid[t], NULL);
        mismatches += jobs[t].mismatches;
        failures += jobs[t].failures;
    }
    for (int i = 0; i < N_PROFILES; i++) {
        hp_string_free(want.assessment[i]);
        hp_string_free(want.plan[i]);
    }
    hp_ontology_free(onto);
    long total = iterations * threads;
    printf("threads: %d, assessments and plans each: %ld\n", threads, total);
    printf("%ld passed, %ld failed\n", total - mismatches - failures, mismatches + failures);
    return mismatches || failures ? 1 : 0;
}
