/*
 * Check-ins of a plan and the pain-monitoring decision (issue 18).
 *
 * Reading uses jansson and is strict like the profile reader: an unknown key, a wrong
 * type, a pain score outside 0-10, sessions_done above sessions_planned, weeks that do not
 * rise, an unknown finding id or too many entries is an error naming the key
 * ("checkins[2].pain.next_morning"). New finding ids are kept as indices into the
 * ontology, which the check-ins hold a reference to.
 *
 * The decision rules, in order (the first that applies wins):
 * - a new finding: re-assess, since it may be a red flag that re-triages (warden2014: new
 *   or different pain during a return from a bone stress injury stops the progression);
 * - pain above 5/10 during or right after (silbernagel2007, thomee1997): step back;
 * - next-morning pain higher than the week before (pain that builds week on week,
 *   silbernagel2007): step back;
 * - next-morning pain above the safe zone of 0-2 (not settled, silbernagel2007,
 *   thomee1997) or a pain score not given: hold;
 * - fewer sessions done than planned: hold (a stage moves on only once its sessions were
 *   done without pain, warden2014);
 * - otherwise progress.
 * In a return from a bone stress injury (HP_PAIN_MODEL_BONE, hp_plan_pain_model()) a stage
 * moves on only pain-free: any pain during, after or the next morning steps back to the
 * last pain-free stage (warden2014), before the rules above. A week can also be given
 * session by session ("sessions": [{"done": true, "pain": {...}}]): its figures are then
 * the sessions planned and done and the worst pain of each kind.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "core/json_writer.h"
#include "core/strbuf.h"
#include "hippain/checkin.h"
#include "ontology/model.h"
#include "plan/plan_internal.h"

#define PAIN_MAX 10
#define PAIN_ACCEPTABLE_MAX 5 /* silbernagel2007, thomee1997: up to 5/10 during and after */
#define PAIN_SAFE_MAX 2       /* silbernagel2007, thomee1997: the 0-2 safe zone */
#define MAX_SESSIONS 50       /* a week's sessions */
#define PATH_LEN 96

typedef struct rec {
    hp_checkin c;
    uint32_t findings[HP_MAX_CHECKIN_FINDINGS];
} rec;

struct hp_checkins {
    const hp_ontology *onto; /* a reference is held */
    rec *recs;
    size_t n;
};

typedef struct rd {
    const hp_ontology *o;
    const char *name;
    hp_error *err;
} rd;

/* A key path for errors, cut short if it does not fit (it only names the key). */
static void key_path(char *dst, size_t size, const char *fmt, ...) HP__PRINTF(3, 4);

static void key_path(char *dst, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, size, fmt, ap);
    va_end(ap);
}

static hp_status fail(const rd *r, hp_status code, const char *path, const char *fmt, ...)
    HP__PRINTF(4, 5);

static hp_status fail(const rd *r, hp_status code, const char *path, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    hp_status st = hp__vfail_key(r->err, code, r->name, path, fmt, ap);
    va_end(ap);
    return st;
}

/* An integer lo..hi at `path`. */
static hp_status read_int(const rd *r, const json_t *v, const char *path, int lo, int hi,
                          int *out) {
    if (!json_is_integer(v))
        return fail(r, HP_E_SCHEMA, path, "expected an integer");
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return fail(r, HP_E_SEMANTIC, path, "%lld is outside %d-%d", (long long)x, lo, hi);
    *out = (int)x;
    return HP_OK;
}

static hp_status read_pain(const rd *r, const json_t *v, const char *path, hp_checkin *c) {
    if (!json_is_object(v))
        return fail(r, HP_E_SCHEMA, path, "expected an object");
    const char *k;
    json_t *x;
    char p[PATH_LEN];
    json_object_foreach((json_t *)v, k, x) {
        key_path(p, sizeof p, "%s.%.24s", path, k);
        int *dst = !strcmp(k, "during")         ? &c->pain_during
                   : !strcmp(k, "after")        ? &c->pain_after
                   : !strcmp(k, "next_morning") ? &c->pain_next_morning
                                                : NULL;
        if (!dst)
            return fail(r, HP_E_SCHEMA, p, "unknown key (expected during, after or next_morning)");
        hp_status st = read_int(r, x, p, 0, PAIN_MAX, dst);
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

static hp_status read_findings(const rd *r, const json_t *v, const char *path, rec *out) {
    if (!json_is_array(v))
        return fail(r, HP_E_SCHEMA, path, "expected an array of finding ids");
    if (json_array_size(v) > HP_MAX_CHECKIN_FINDINGS)
        return fail(r, HP_E_LIMIT, path, "more than %d findings", HP_MAX_CHECKIN_FINDINGS);
    char p[PATH_LEN];
    for (size_t j = 0; j < json_array_size(v); j++) {
        key_path(p, sizeof p, "%s[%zu]", path, j);
        const json_t *s = json_array_get(v, j);
        if (!json_is_string(s))
            return fail(r, HP_E_SCHEMA, p, "expected a finding id");
        size_t f = hp_ontology_index(r->o, HP_ENTITY_FINDING, json_string_value(s));
        if (f == (size_t)-1)
            return fail(r, HP_E_NOT_FOUND, p, "'%.60s' is not a finding", json_string_value(s));
        out->findings[out->c.n_new_findings++] = (uint32_t)f;
    }
    return HP_OK;
}

/* Per-session check-ins: [{"done": true, "pain": {...}}, ...] make the week's figures: the
   sessions planned and done, and the worst pain of each kind. */
static hp_status read_sessions(const rd *r, const json_t *v, const char *path, hp_checkin *c) {
    if (!json_is_array(v))
        return fail(r, HP_E_SCHEMA, path, "expected an array of sessions");
    if (json_array_size(v) > MAX_SESSIONS)
        return fail(r, HP_E_LIMIT, path, "more than %d sessions", MAX_SESSIONS);
    char p[PATH_LEN], q[PATH_LEN];
    for (size_t j = 0; j < json_array_size(v); j++) {
        key_path(p, sizeof p, "%s[%zu]", path, j);
        const json_t *s = json_array_get(v, j), *done = json_object_get(s, "done");
        if (!json_is_object(s))
            return fail(r, HP_E_SCHEMA, p, "expected an object");
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)s, k, x) {
            key_path(q, sizeof q, "%s.%.24s", p, k);
            if (strcmp(k, "done") && strcmp(k, "pain"))
                return fail(r, HP_E_SCHEMA, q, "unknown key (expected done or pain)");
        }
        key_path(q, sizeof q, "%s.done", p);
        if (!json_is_boolean(done))
            return fail(r, HP_E_SCHEMA, q, done ? "expected true or false" : "is missing");
        hp_checkin one = {.pain_during = HP_PAIN_UNKNOWN,
                          .pain_after = HP_PAIN_UNKNOWN,
                          .pain_next_morning = HP_PAIN_UNKNOWN};
        key_path(q, sizeof q, "%s.pain", p);
        const json_t *pain = json_object_get(s, "pain");
        hp_status st = pain ? read_pain(r, pain, q, &one) : HP_OK;
        if (st != HP_OK)
            return st;
        c->sessions_planned++;
        c->sessions_done += json_is_true(done);
        if (one.pain_during > c->pain_during)
            c->pain_during = one.pain_during;
        if (one.pain_after > c->pain_after)
            c->pain_after = one.pain_after;
        if (one.pain_next_morning > c->pain_next_morning)
            c->pain_next_morning = one.pain_next_morning;
    }
    return HP_OK;
}

static hp_status read_one(const rd *r, const json_t *v, const char *path, rec *out) {
    if (!json_is_object(v))
        return fail(r, HP_E_SCHEMA, path, "expected an object");
    out->c = (hp_checkin){0, 0, 0, HP_PAIN_UNKNOWN, HP_PAIN_UNKNOWN, HP_PAIN_UNKNOWN, 0};
    const char *k;
    json_t *x;
    char p[PATH_LEN];
    hp_status st = HP_OK;
    json_object_foreach((json_t *)v, k, x) {
        key_path(p, sizeof p, "%s.%.24s", path, k);
        if (!strcmp(k, "week"))
            st = read_int(r, x, p, 1, HP_MAX_CHECKINS, &out->c.week);
        else if (!strcmp(k, "sessions_planned"))
            st = read_int(r, x, p, 0, MAX_SESSIONS, &out->c.sessions_planned);
        else if (!strcmp(k, "sessions_done"))
            st = read_int(r, x, p, 0, MAX_SESSIONS, &out->c.sessions_done);
        else if (!strcmp(k, "pain"))
            st = read_pain(r, x, p, &out->c);
        else if (!strcmp(k, "new_findings"))
            st = read_findings(r, x, p, out);
        else if (!strcmp(k, "sessions"))
            st = json_object_get(v, "sessions_planned") || json_object_get(v, "sessions_done") ||
                         json_object_get(v, "pain")
                     ? fail(r, HP_E_SCHEMA, p,
                            "give the sessions or the week's sessions_planned, sessions_done "
                            "and pain, not both")
                     : read_sessions(r, x, p, &out->c);
        else
            st = fail(r, HP_E_SCHEMA, p,
                      "unknown key (expected week, sessions_planned, sessions_done, pain, "
                      "sessions or new_findings)");
        if (st != HP_OK)
            return st;
    }
    if (!out->c.week)
        return fail(r, HP_E_SCHEMA, path, "'week' is missing");
    if (out->c.sessions_done > out->c.sessions_planned) {
        key_path(p, sizeof p, "%s.sessions_done", path);
        return fail(r, HP_E_SEMANTIC, p, "%d is more than sessions_planned (%d)",
                    out->c.sessions_done, out->c.sessions_planned);
    }
    return HP_OK;
}

static hp_status read_all(const rd *r, const json_t *root, hp_checkins *cs) {
    if (!json_is_object(root))
        return fail(r, HP_E_SCHEMA, "(top level)", "expected an object");
    const char *k;
    json_t *x;
    json_object_foreach((json_t *)root, k, x) {
        if (strcmp(k, "checkins"))
            return fail(r, HP_E_SCHEMA, k, "unknown key (expected checkins)");
    }
    const json_t *a = json_object_get(root, "checkins");
    if (!json_is_array(a))
        return fail(r, HP_E_SCHEMA, "checkins", a ? "expected an array" : "is missing");
    size_t n = json_array_size(a);
    if (n > HP_MAX_CHECKINS)
        return fail(r, HP_E_LIMIT, "checkins", "more than %d check-ins", HP_MAX_CHECKINS);
    cs->recs = hp__calloc(&r->o->alloc, n ? n : 1, sizeof *cs->recs);
    if (!cs->recs)
        return hp__nomem(r->err);
    char p[PATH_LEN];
    for (size_t i = 0; i < n; i++) {
        key_path(p, sizeof p, "checkins[%zu]", i);
        hp_status st = read_one(r, json_array_get(a, i), p, &cs->recs[i]);
        if (st != HP_OK)
            return st;
        if (i && cs->recs[i].c.week <= cs->recs[i - 1].c.week) {
            key_path(p, sizeof p, "checkins[%zu].week", i);
            return fail(r, HP_E_SEMANTIC, p, "week %d does not come after week %d",
                        cs->recs[i].c.week, cs->recs[i - 1].c.week);
        }
        cs->n = i + 1;
    }
    return HP_OK;
}

hp_status hp_checkins_from_json(const hp_ontology *onto, const char *json, size_t size,
                                const char *name, hp_checkins **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!onto || !out || (!json && size > 0))
        return hp__error(err, HP_E_INVALID, "hp_checkins_from_json: NULL argument");
    if (size > HP_MAX_CHECKIN_BYTES)
        return hp__fail(err, HP_E_LIMIT, name, 0, 0,
                        "input of %zu bytes is larger than the limit of %zu bytes", size,
                        (size_t)HP_MAX_CHECKIN_BYTES);
    json_error_t jerr;
    memset(&jerr, 0, sizeof jerr);
    json_t *root = json_loadb(json ? json : "", size, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        if (json_error_code(&jerr) == json_error_out_of_memory)
            return hp__nomem(err);
        return hp__fail(
            err, json_error_code(&jerr) == json_error_stack_overflow ? HP_E_LIMIT : HP_E_PARSE,
            name, jerr.line > 0 ? jerr.line : 0, jerr.column > 0 ? jerr.column : 0, "%s",
            jerr.text);
    }
    hp_status st = HP_E_NOMEM;
    hp_checkins *cs = hp__calloc(&onto->alloc, 1, sizeof *cs);
    if (!cs) {
        st = hp__nomem(err);
    } else {
        cs->onto = hp_ontology_ref(onto);
        rd r = {onto, name, err};
        st = read_all(&r, root, cs);
        if (st == HP_OK)
            *out = cs;
        else
            hp_checkins_free(cs);
    }
    json_decref(root);
    return st;
}

void hp_checkins_free(hp_checkins *cs) {
    if (!cs)
        return;
    const hp_ontology *o = cs->onto;
    hp__free(&o->alloc, cs->recs);
    hp__free(&o->alloc, cs);
    hp_ontology_free(o);
}

size_t hp_checkins_count(const hp_checkins *cs) { return cs ? cs->n : 0; }

hp_status hp_checkins_get(const hp_checkins *cs, size_t i, hp_checkin *out) {
    if (!cs || !out || i >= cs->n)
        return HP_E_NOT_FOUND;
    *out = cs->recs[i].c;
    return HP_OK;
}

const char *hp_checkins_new_finding(const hp_checkins *cs, size_t i, size_t j) {
    if (!cs || i >= cs->n || j >= cs->recs[i].c.n_new_findings)
        return NULL;
    return hp_ontology_id(cs->onto, HP_ENTITY_FINDING, cs->recs[i].findings[j]);
}

static hp_checkin_decision decision(hp_checkin_action a, const char *reason, const char *src) {
    return (hp_checkin_decision){a, reason, src};
}

hp_status hp_checkins_decide_model(const hp_checkins *cs, size_t i, hp_pain_model model,
                                   hp_checkin_decision *out) {
    if (!cs || !out || i >= cs->n)
        return HP_E_NOT_FOUND;
    const hp_checkin *c = &cs->recs[i].c, *prev = i ? &cs->recs[i - 1].c : NULL;
    if (c->n_new_findings)
        *out = decision(HP_CHECKIN_REASSESS,
                        "a new finding: re-assess (a red flag re-triages) before going on",
                        "warden2014");
    else if (model == HP_PAIN_MODEL_BONE &&
             (c->pain_during > 0 || c->pain_after > 0 || c->pain_next_morning > 0))
        *out = decision(HP_CHECKIN_STEP_BACK,
                        "pain during a return from a bone stress injury: back to the last "
                        "pain-free stage",
                        "warden2014");
    else if (c->pain_during > PAIN_ACCEPTABLE_MAX || c->pain_after > PAIN_ACCEPTABLE_MAX)
        *out = decision(HP_CHECKIN_STEP_BACK, "pain above 5/10 during or after activity",
                        "silbernagel2007 thomee1997");
    else if (prev && prev->pain_next_morning != HP_PAIN_UNKNOWN &&
             c->pain_next_morning > prev->pain_next_morning)
        *out = decision(HP_CHECKIN_STEP_BACK, "next-morning pain builds week on week",
                        "silbernagel2007");
    else if (c->pain_next_morning > PAIN_SAFE_MAX)
        *out = decision(HP_CHECKIN_HOLD, "pain had not settled (0-2/10) by the next morning",
                        "silbernagel2007 thomee1997");
    else if (c->pain_during == HP_PAIN_UNKNOWN || c->pain_after == HP_PAIN_UNKNOWN ||
             c->pain_next_morning == HP_PAIN_UNKNOWN)
        *out =
            decision(HP_CHECKIN_HOLD, "pain was not reported: the load is held", "silbernagel2007");
    else if (c->sessions_done < c->sessions_planned)
        *out =
            decision(HP_CHECKIN_HOLD, "not every session was done: repeat the week", "warden2014");
    else
        *out = decision(HP_CHECKIN_PROGRESS,
                        "pain at most 5/10, settled by the next morning, not building; all "
                        "sessions done",
                        "silbernagel2007 thomee1997 warden2014");
    return HP_OK;
}

hp_status hp_checkins_decide(const hp_checkins *cs, size_t i, hp_checkin_decision *out) {
    return hp_checkins_decide_model(cs, i, HP_PAIN_MODEL_SOFT_TISSUE, out);
}

hp_pain_model hp_plan_pain_model(const hp_plan *plan) {
    static const char bsi[] = "stress_fracture";
    const char *w = plan ? hp__plan_causes(plan) : "";
    for (const char *t = strstr(w, bsi); t; t = strstr(t + 1, bsi))
        if ((t == w || t[-1] == ' ') && (t[sizeof bsi - 1] == ' ' || !t[sizeof bsi - 1]))
            return HP_PAIN_MODEL_BONE;
    return HP_PAIN_MODEL_SOFT_TISSUE;
}

/* ---- JSON out ----------------------------------------------------------------------- */

static void pain_key(hp__jw *w, const char *key, int v) {
    if (v == HP_PAIN_UNKNOWN)
        return;
    hp__jw_key(w, key);
    hp__jw_int(w, v);
}

hp_status hp_checkins_to_json(const hp_checkins *cs, char **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!cs || !out)
        return hp__error(err, HP_E_INVALID, "hp_checkins_to_json: NULL argument");
    hp__buf b;
    hp__buf_init(&b, &cs->onto->alloc);
    hp__jw w;
    hp__jw_init(&w, &b, 0);
    hp__jw_object(&w);
    hp__jw_key(&w, "checkins");
    hp__jw_array(&w);
    for (size_t i = 0; i < cs->n; i++) {
        const hp_checkin *c = &cs->recs[i].c;
        hp__jw_object(&w);
        hp__jw_key(&w, "week");
        hp__jw_int(&w, c->week);
        hp__jw_key(&w, "sessions_planned");
        hp__jw_int(&w, c->sessions_planned);
        hp__jw_key(&w, "sessions_done");
        hp__jw_int(&w, c->sessions_done);
        hp__jw_key(&w, "pain");
        hp__jw_object(&w);
        pain_key(&w, "during", c->pain_during);
        pain_key(&w, "after", c->pain_after);
        pain_key(&w, "next_morning", c->pain_next_morning);
        hp__jw_end(&w);
        hp__jw_key(&w, "new_findings");
        hp__jw_array(&w);
        for (size_t j = 0; j < c->n_new_findings; j++)
            hp__jw_string(&w, hp_checkins_new_finding(cs, i, j));
        hp__jw_end(&w);
        hp__jw_end(&w);
    }
    hp__jw_end(&w);
    hp__jw_end(&w);
    return hp__buf_finish(&b, out, err);
}
