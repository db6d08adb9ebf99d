/*
 * Check-ins (issue 18): JSON reading with errors that name the key, every rule of the
 * pain-monitoring decision, generated sequences (improving, stuck, worsening, a new
 * finding in week 3), determinism, and that every decision's sources are in the ontology.
 */
#include <stdint.h>

#include "test_util.h"

TestSuite(checkin, .fini = hp_test_leak_check);

static hp_ontology *onto(void) {
    hp_ontology *o = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_ontology_load_default(&o, &e), HP_OK, "%s", e.message);
    return o;
}

static hp_checkins *parse(const hp_ontology *o, const char *js) {
    hp_checkins *cs = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_checkins_from_json(o, js, strlen(js), "t", &cs, &e), HP_OK, "%s", e.message);
    return cs;
}

static void bad(const hp_ontology *o, const char *js, hp_status code, const char *key) {
    hp_checkins *cs = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_checkins_from_json(o, js, strlen(js), "t", &cs, &e), code, "%s: %s", js,
                 e.message);
    cr_assert_null(cs);
    cr_assert(strstr(e.message, key), "'%s' does not name %s", e.message, key);
}

Test(checkin, reads_json_and_names_the_key_in_errors) {
    hp_ontology *o = onto();
    hp_checkins *cs = parse(o, "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,"
                               "\"sessions_done\":2,\"pain\":{\"during\":4,\"after\":3,"
                               "\"next_morning\":1},\"new_findings\":[\"pain_groin\"]},"
                               "{\"week\":3}]}");
    cr_assert_eq(hp_checkins_count(cs), 2);
    hp_checkin c;
    cr_assert_eq(hp_checkins_get(cs, 0, &c), HP_OK);
    cr_assert_eq(c.week, 1);
    cr_assert_eq(c.sessions_planned, 3);
    cr_assert_eq(c.sessions_done, 2);
    cr_assert_eq(c.pain_during, 4);
    cr_assert_eq(c.pain_after, 3);
    cr_assert_eq(c.pain_next_morning, 1);
    cr_assert_eq(c.n_new_findings, 1);
    cr_assert_str_eq(hp_checkins_new_finding(cs, 0, 0), "pain_groin");
    cr_assert_null(hp_checkins_new_finding(cs, 0, 1));
    cr_assert_eq(hp_checkins_get(cs, 1, &c), HP_OK);
    cr_assert_eq(c.pain_during, HP_PAIN_UNKNOWN);
    cr_assert_eq(hp_checkins_get(cs, 2, &c), HP_E_NOT_FOUND);
    hp_checkins_free(cs);

    bad(o, "{\"checkins\":[{\"week\":1},{\"week\":2},{\"week\":3,\"pain\":{\"next_morning\":11}}]}",
        HP_E_SEMANTIC, "checkins[2].pain.next_morning");
    bad(o, "{\"checkins\":[{\"week\":1,\"pain\":{\"during\":2.5}}]}", HP_E_SCHEMA,
        "checkins[0].pain.during");
    bad(o, "{\"checkins\":[{\"week\":1,\"pain\":{\"later\":2}}]}", HP_E_SCHEMA,
        "checkins[0].pain.later");
    bad(o, "{\"checkins\":[{\"week\":2},{\"week\":2}]}", HP_E_SEMANTIC, "checkins[1].week");
    bad(o, "{\"checkins\":[{\"sessions_done\":1}]}", HP_E_SCHEMA, "checkins[0]");
    bad(o, "{\"checkins\":[{\"week\":1,\"sessions_planned\":1,\"sessions_done\":2}]}",
        HP_E_SEMANTIC, "checkins[0].sessions_done");
    bad(o, "{\"checkins\":[{\"week\":1,\"new_findings\":[\"no_such\"]}]}", HP_E_NOT_FOUND,
        "checkins[0].new_findings[0]");
    bad(o, "{\"checkins\":[{\"week\":1,\"mood\":3}]}", HP_E_SCHEMA, "checkins[0].mood");
    bad(o, "{\"weeks\":[]}", HP_E_SCHEMA, "weeks");
    bad(o, "{}", HP_E_SCHEMA, "checkins");
    bad(o, "[1]", HP_E_SCHEMA, "top level");
    bad(o, "{\"checkins\":[", HP_E_PARSE, "");
    /* size caps */
    size_t big = HP_MAX_CHECKIN_BYTES + 1;
    char *buf = malloc(big);
    cr_assert_not_null(buf);
    memset(buf, ' ', big);
    hp_checkins *cs2 = NULL;
    cr_assert_eq(hp_checkins_from_json(o, buf, big, "t", &cs2, NULL), HP_E_LIMIT);
    free(buf);
    hp_ontology_free(o);
}

static hp_checkin_action decide_one(const hp_ontology *o, const char *js, size_t i,
                                    const char *reason_word) {
    hp_checkins *cs = parse(o, js);
    hp_checkin_decision d;
    cr_assert_eq(hp_checkins_decide(cs, i, &d), HP_OK);
    cr_assert(d.reason && strstr(d.reason, reason_word), "%s: '%s'", js, d.reason);
    hp_checkins_free(cs);
    return d.action;
}

Test(checkin, every_rule) {
    hp_ontology *o = onto();
    /* within the model: progress */
    cr_assert_eq(decide_one(o,
                            "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,\"sessions_done\":3,"
                            "\"pain\":{\"during\":5,\"after\":5,\"next_morning\":2}}]}",
                            0, "settled"),
                 HP_CHECKIN_PROGRESS);
    /* above 5/10 during or after: step back */
    cr_assert_eq(decide_one(o,
                            "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,\"sessions_done\":3,"
                            "\"pain\":{\"during\":6,\"after\":2,\"next_morning\":0}}]}",
                            0, "above 5/10"),
                 HP_CHECKIN_STEP_BACK);
    cr_assert_eq(decide_one(o,
                            "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,\"sessions_done\":3,"
                            "\"pain\":{\"during\":2,\"after\":6,\"next_morning\":0}}]}",
                            0, "above 5/10"),
                 HP_CHECKIN_STEP_BACK);
    /* next-morning pain building week on week: step back */
    cr_assert_eq(decide_one(o,
                            "{\"checkins\":[{\"week\":1,\"pain\":{\"during\":2,\"after\":2,"
                            "\"next_morning\":0}},{\"week\":2,\"pain\":{\"during\":2,\"after\":2,"
                            "\"next_morning\":1}}]}",
                            1, "builds"),
                 HP_CHECKIN_STEP_BACK);
    /* not settled by the next morning: hold */
    cr_assert_eq(decide_one(o,
                            "{\"checkins\":[{\"week\":1,\"sessions_planned\":2,\"sessions_done\":2,"
                            "\"pain\":{\"during\":3,\"after\":3,\"next_morning\":3}}]}",
                            0, "not settled"),
                 HP_CHECKIN_HOLD);
    /* pain not reported: hold */
    cr_assert_eq(decide_one(o, "{\"checkins\":[{\"week\":1}]}", 0, "not reported"),
                 HP_CHECKIN_HOLD);
    /* sessions missed: hold */
    cr_assert_eq(decide_one(o,
                            "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,\"sessions_done\":2,"
                            "\"pain\":{\"during\":1,\"after\":1,\"next_morning\":0}}]}",
                            0, "not every session"),
                 HP_CHECKIN_HOLD);
    /* a new finding beats everything: re-assess */
    cr_assert_eq(decide_one(o,
                            "{\"checkins\":[{\"week\":1,\"sessions_planned\":3,\"sessions_done\":3,"
                            "\"pain\":{\"during\":0,\"after\":0,\"next_morning\":0},"
                            "\"new_findings\":[\"pain_groin\"]}]}",
                            0, "new finding"),
                 HP_CHECKIN_REASSESS);
    hp_ontology_free(o);
}

/* ---- Generated sequences ------------------------------------------------------------ */

typedef enum pattern {
    IMPROVING,
    STUCK,
    WORSENING,
    FLAG_WEEK3
} pattern;

static uint32_t lcg_state;
static int range(int lo, int hi) {
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lo + (int)((lcg_state >> 8) % (uint32_t)(hi - lo + 1));
}

static void append(char *buf, size_t size, const char *fmt, int a, int b, int c, int d) {
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, fmt, a, b, c, d);
}

/* Eight weekly check-ins of a pattern as JSON. */
static void sequence(pattern pt, char *buf, size_t size) {
    snprintf(buf, size, "{\"checkins\":[");
    int start = range(3, 5);
    for (int w = 1; w <= 8; w++) {
        int during, morning;
        switch (pt) {
        case IMPROVING: during = start - (w - 1) / 2, morning = w > 2 ? 0 : 1; break;
        case STUCK: during = 4, morning = 3; break;
        case WORSENING: during = 2 + w, morning = w - 1; break;
        default: during = range(0, 3), morning = 0; break;
        }
        if (during < 0)
            during = 0;
        if (during > 10)
            during = 10;
        if (morning > 10)
            morning = 10;
        append(buf, size,
               "%c{\"week\":%d,\"sessions_planned\":3,\"sessions_done\":3,\"pain\":{\"during\":%d,",
               w > 1 ? ',' : ' ', w, during, 0);
        append(buf, size, "\"after\":%d,\"next_morning\":%d}", during, morning, 0, 0);
        if (pt == FLAG_WEEK3 && w == 3)
            append(buf, size, ",\"new_findings\":[\"pain_groin\"]", 0, 0, 0, 0);
        append(buf, size, "}", 0, 0, 0, 0);
    }
    append(buf, size, "]}", 0, 0, 0, 0);
}

Test(checkin, generated_sequences) {
    hp_ontology *o = onto();
    char buf[4096];
    lcg_state = 2007u;
    for (int k = 0; k < 40; k++) {
        pattern pt = (pattern)(k % 4);
        sequence(pt, buf, sizeof buf);
        hp_checkins *cs = parse(o, buf);
        cr_assert_eq(hp_checkins_count(cs), 8);
        int progress = 0, back = 0, hold = 0;
        for (size_t i = 0; i < 8; i++) {
            hp_checkin_decision d, again;
            cr_assert_eq(hp_checkins_decide(cs, i, &d), HP_OK);
            cr_assert_eq(hp_checkins_decide(cs, i, &again), HP_OK);
            cr_assert_eq(d.action, again.action, "deterministic");
            cr_assert(d.sources && *d.sources && d.reason && *d.reason);
            /* every source id is in the ontology */
            char ids[128];
            snprintf(ids, sizeof ids, "%s", d.sources);
            for (char *t = strtok(ids, " "); t; t = strtok(NULL, " "))
                cr_assert_neq(hp_ontology_index(o, HP_ENTITY_SOURCE, t), (size_t)-1, "%s", t);
            hp_checkin c;
            hp_checkins_get(cs, i, &c);
            /* never progress with pain above 5, unsettled or building, or a new finding */
            if (d.action == HP_CHECKIN_PROGRESS) {
                cr_assert_leq(c.pain_during, 5);
                cr_assert_leq(c.pain_next_morning, 2);
                cr_assert_eq(c.n_new_findings, 0);
            }
            if (pt == FLAG_WEEK3 && i == 2)
                cr_assert_eq(d.action, HP_CHECKIN_REASSESS, "red flag in week 3");
            if (pt == WORSENING && i > 0)
                cr_assert_neq(d.action, HP_CHECKIN_PROGRESS, "worsening week %zu", i + 1);
            progress += d.action == HP_CHECKIN_PROGRESS;
            back += d.action == HP_CHECKIN_STEP_BACK;
            hold += d.action == HP_CHECKIN_HOLD;
        }
        if (pt == IMPROVING)
            cr_assert_geq(progress, 6, "improving: %d progressions", progress);
        if (pt == STUCK)
            cr_assert_eq(hold, 8, "stuck: every week holds");
        if (pt == WORSENING) {
            /* week 1 is within the model; from week 2 on the pain builds */
            cr_assert_leq(progress, 1, "worsening progresses after week 1");
            cr_assert_geq(back, 6, "worsening steps back: %d", back);
        }
        if (pt == FLAG_WEEK3)
            cr_assert_geq(progress, 6);
        hp_checkins_free(cs);
    }
    hp_ontology_free(o);
}

Test(checkin, a_week_given_session_by_session) {
    hp_ontology *o = onto();
    hp_checkins *cs = parse(o, "{\"checkins\":[{\"week\":1,\"sessions\":["
                               "{\"done\":true,\"pain\":{\"during\":2,\"after\":1}},"
                               "{\"done\":false},"
                               "{\"done\":true,\"pain\":{\"during\":4,\"next_morning\":1}}]}]}");
    hp_checkin c;
    cr_assert_eq(hp_checkins_get(cs, 0, &c), HP_OK);
    cr_assert_eq(c.sessions_planned, 3);
    cr_assert_eq(c.sessions_done, 2);
    cr_assert_eq(c.pain_during, 4, "the worst of the week");
    cr_assert_eq(c.pain_after, 1);
    cr_assert_eq(c.pain_next_morning, 1);
    hp_checkin_decision d;
    cr_assert_eq(hp_checkins_decide(cs, 0, &d), HP_OK);
    cr_assert_eq(d.action, HP_CHECKIN_HOLD, "a session missed");
    hp_checkins_free(cs);
    bad(o, "{\"checkins\":[{\"week\":1,\"sessions\":[{\"done\":true},{\"pain\":{}}]}]}",
        HP_E_SCHEMA, "checkins[0].sessions[1].done");
    bad(o, "{\"checkins\":[{\"week\":1,\"sessions\":[{\"done\":1}]}]}", HP_E_SCHEMA,
        "checkins[0].sessions[0].done");
    bad(o, "{\"checkins\":[{\"week\":1,\"sessions\":[{\"done\":true,\"pain\":{\"after\":12}}]}]}",
        HP_E_SEMANTIC, "checkins[0].sessions[0].pain.after");
    bad(o, "{\"checkins\":[{\"week\":1,\"sessions\":[{\"done\":true,\"km\":5}]}]}", HP_E_SCHEMA,
        "checkins[0].sessions[0].km");
    bad(o, "{\"checkins\":[{\"week\":1,\"sessions_done\":1,\"sessions\":[]}]}", HP_E_SCHEMA,
        "checkins[0].sessions");
    bad(o, "{\"checkins\":[{\"week\":1,\"sessions\":{}}]}", HP_E_SCHEMA, "checkins[0].sessions");
    hp_ontology_free(o);
}

/* A return from a bone stress injury moves on only pain-free (warden2014). */
Test(checkin, bone_stress_injuries_progress_only_pain_free) {
    hp_ontology *o = onto();
    hp_checkins *cs = parse(o, "{\"checkins\":["
                               "{\"week\":1,\"sessions_planned\":3,\"sessions_done\":3,\"pain\":"
                               "{\"during\":2,\"after\":1,\"next_morning\":0}},"
                               "{\"week\":2,\"sessions_planned\":3,\"sessions_done\":3,\"pain\":"
                               "{\"during\":0,\"after\":0,\"next_morning\":1}},"
                               "{\"week\":3,\"sessions_planned\":3,\"sessions_done\":3,\"pain\":"
                               "{\"during\":0,\"after\":0,\"next_morning\":0}}]}");
    hp_checkin_decision d;
    static const hp_checkin_action soft[] = {HP_CHECKIN_PROGRESS, HP_CHECKIN_STEP_BACK,
                                             HP_CHECKIN_PROGRESS};
    static const hp_checkin_action bone[] = {HP_CHECKIN_STEP_BACK, HP_CHECKIN_STEP_BACK,
                                             HP_CHECKIN_PROGRESS};
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(hp_checkins_decide_model(cs, i, HP_PAIN_MODEL_SOFT_TISSUE, &d), HP_OK);
        cr_assert_eq(d.action, soft[i], "soft tissue, week %zu", i + 1);
        cr_assert_eq(hp_checkins_decide_model(cs, i, HP_PAIN_MODEL_BONE, &d), HP_OK);
        cr_assert_eq(d.action, bone[i], "bone, week %zu", i + 1);
        if (i == 0)
            cr_assert_str_eq(d.sources, "warden2014");
    }
    cr_assert_eq(hp_checkins_decide_model(cs, 3, HP_PAIN_MODEL_BONE, &d), HP_E_NOT_FOUND);
    /* which plans are returns from a bone stress injury */
    const char *bsi[] = {"stress_fracture"}, *gt[] = {"gluteal_tendinopathy"};
    hp_plan *pb = NULL, *pg = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_plan_for_conditions(o, bsi, 1, NULL, NULL, &pb, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_plan_for_conditions(o, gt, 1, NULL, NULL, &pg, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_plan_pain_model(pb), HP_PAIN_MODEL_BONE);
    cr_assert_eq(hp_plan_pain_model(pg), HP_PAIN_MODEL_SOFT_TISSUE);
    cr_assert_eq(hp_plan_pain_model(NULL), HP_PAIN_MODEL_SOFT_TISSUE);
    /* and the revision follows the plan's model */
    hp_revision *rb = NULL, *rg = NULL;
    cr_assert_eq(hp_plan_revise(pb, NULL, cs, NULL, &rb, &e), HP_OK, "%s", e.message);
    cr_assert_eq(hp_plan_revise(pg, NULL, cs, NULL, &rg, &e), HP_OK, "%s", e.message);
    hp_revision_decision x;
    cr_assert_eq(hp_revision_get(rb, 0, &x), HP_OK);
    cr_assert_eq(x.action, HP_CHECKIN_STEP_BACK);
    cr_assert_eq(hp_revision_get(rg, 0, &x), HP_OK);
    cr_assert_eq(x.action, HP_CHECKIN_PROGRESS);
    hp_revision_free(rb);
    hp_revision_free(rg);
    hp_plan_free(pb);
    hp_plan_free(pg);
    hp_checkins_free(cs);
    hp_ontology_free(o);
}

/* JSON out reads back to the same check-ins, on generated ones. */
Test(checkin, json_round_trip) {
    hp_ontology *o = onto();
    lcg_state = 77u;
    char js[8192];
    for (int t = 0; t < 100; t++) {
        size_t n = (size_t)snprintf(js, sizeof js, "{\"checkins\":[");
        int weeks = range(0, 8), week = 0;
        for (int w = 0; w < weeks; w++) {
            week += range(1, 2);
            int planned = range(0, 4), done = range(0, planned);
            n += (size_t)snprintf(js + n, sizeof js - n,
                                  "%s{\"week\":%d,\"sessions_planned\":%d,\"sessions_done\":%d,"
                                  "\"pain\":{\"during\":%d%s},\"new_findings\":[%s]}",
                                  w ? "," : "", week, planned, done, range(0, 10),
                                  range(0, 1) ? ",\"next_morning\":3" : "",
                                  range(0, 2) ? "" : "\"pain_groin\",\"pain_at_night\"");
        }
        snprintf(js + n, sizeof js - n, "]}");
        hp_checkins *a = parse(o, js);
        char *out = NULL;
        cr_assert_eq(hp_checkins_to_json(a, &out, NULL), HP_OK);
        hp_checkins *b = parse(o, out);
        cr_assert_eq(hp_checkins_count(a), hp_checkins_count(b));
        for (size_t i = 0; i < hp_checkins_count(a); i++) {
            hp_checkin x, y;
            hp_checkins_get(a, i, &x);
            hp_checkins_get(b, i, &y);
            cr_assert(!memcmp(&x, &y, sizeof x), "check-in %zu of %s", i, out);
            for (size_t j = 0; j < x.n_new_findings; j++)
                cr_assert_str_eq(hp_checkins_new_finding(a, i, j),
                                 hp_checkins_new_finding(b, i, j));
        }
        hp_string_free(out);
        hp_checkins_free(a);
        hp_checkins_free(b);
    }
    char *s = NULL;
    cr_assert_eq(hp_checkins_to_json(NULL, &s, NULL), HP_E_INVALID);
    hp_ontology_free(o);
}
