/*
 * Profiles from and to JSON (the format of the spec's README). Reading uses jansson and
 * is strict: an unknown key, an unknown finding id, a wrong type or a bad value is an
 * error whose message names the full key path ("runner.runs[2].date"). Writing is
 * compact, in a fixed key order, with numbers in the shortest form that reads back
 * exactly.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "core/json_writer.h"
#include "core/strbuf.h"
#include "profile/profile_internal.h"

/* From profile.c. */
void hp__quote(char *buf, size_t size, const char *s, size_t len);

/* Object keys never hold a NUL byte: jansson rejects "\u0000" in keys. */

/* Longest key path shown in a message. */
#define PATH_MAX_LEN 200

static const char *const sex_names[] = {NULL, "female", "male", "other"};
static const char *const strike_names[] = {NULL, "heel", "midfoot", "forefoot"};

typedef struct reader {
    const hp_ontology *onto;
    hp_profile *p;
    const char *name; /* input name for errors, or NULL */
    hp_error *err;
} reader;

/* Fail with "<path>: <problem>", the input name as the file. */
static hp_status fail(const reader *r, hp_status code, const char *path, const char *fmt, ...)
    HP__PRINTF(4, 5);

static hp_status fail(const reader *r, hp_status code, const char *path, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    hp_status st = hp__vfail_key(r->err, code, r->name, path, fmt, ap);
    va_end(ap);
    return st;
}

/* Pass on an error of the profile API (its message starts with the last key), with the
 * path of the object that key is in put in front. */
static hp_status pass_on(const reader *r, const char *parent, const hp_error *inner) {
    if (inner->code == HP_E_NOMEM)
        return hp__nomem(r->err);
    return hp__fail(r->err, inner->code, r->name, 0, 0, "%s.%s", parent, inner->message);
}

static int simple_key(const char *key, size_t len) {
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* The path of member `key` of the object at `parent` ("" for the top level). */
static const char *key_path(char *buf, size_t size, const char *parent, const char *key,
                            size_t len) {
    if (simple_key(key, len)) {
        snprintf(buf, size, "%s%s%.*s", parent, *parent ? "." : "", (int)len, key);
    } else {
        char q[96];
        hp__quote(q, sizeof q, key, len);
        snprintf(buf, size, "%s[%s]", parent, q);
    }
    return buf;
}

/* "an object", "a string", ... for messages. */
static const char *type_name(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* The value of a JSON string, or NULL if it holds a NUL byte (which jansson rejects). */
static const char *string_value(const json_t *v) {
    const char *s = json_string_value(v);
    return s && strlen(s) == json_string_length(v) ? s : NULL;
}

static hp_status read_findings(const reader *r, const json_t *obj) {
    if (!json_is_object(obj))
        return fail(r, HP_E_INVALID, "findings", "expected an object, got %s", type_name(obj));
    const char *key;
    size_t len;
    json_t *v;
    char path[PATH_MAX_LEN];
    json_object_foreach((json_t *)obj, key, v) {
        len = strlen(key);
        key_path(path, sizeof path, "findings", key, len);
        hp_entity_kind kind;
        size_t index;
        if (hp_ontology_lookup(r->onto, key, &kind, &index) != HP_OK)
            return fail(r, HP_E_NOT_FOUND, path, "no such finding");
        if (kind != HP_ENTITY_FINDING) {
            const char *k = hp_enum_name(HP_ENUM_ENTITY_KIND, (int)kind);
            return fail(r, HP_E_NOT_FOUND, path, "is a %s, not a finding", k ? k : "entry");
        }
        hp_answer answer;
        if (json_is_true(v))
            answer = HP_ANSWER_PRESENT;
        else if (json_is_false(v))
            answer = HP_ANSWER_ABSENT;
        else if (json_is_null(v))
            answer = HP_ANSWER_UNKNOWN;
        else
            return fail(r, HP_E_INVALID, path, "expected true, false or null, got %s",
                        type_name(v));
        hp_profile_set_index(r->p, index, answer);
    }
    return HP_OK;
}

/* Read the string member at `path` as one of `names` (index 0 unused). */
static hp_status read_choice(const reader *r, const char *path, const json_t *v,
                             const char *const *names, size_t n, int *out) {
    const char *s = json_is_string(v) ? string_value(v) : NULL;
    if (!json_is_string(v))
        return fail(r, HP_E_INVALID, path, "expected a string, got %s", type_name(v));
    for (size_t i = 1; s && i < n; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (int)i;
            return HP_OK;
        }
    }
    char q[80];
    hp__quote(q, sizeof q, json_string_value(v), json_string_length(v));
    char choices[64] = "";
    for (size_t i = 1; i < n; i++) {
        size_t used = strlen(choices);
        snprintf(choices + used, sizeof choices - used, "%s%s", i > 1 ? ", " : "", names[i]);
    }
    return fail(r, HP_E_INVALID, path, "%s is not one of %s", q, choices);
}

static hp_status read_run(const reader *r, size_t i, const json_t *obj) {
    char base[PATH_MAX_LEN], path[PATH_MAX_LEN];
    snprintf(base, sizeof base, "runner.runs[%zu]", i);
    if (!json_is_object(obj))
        return fail(r, HP_E_INVALID, base, "expected an object, got %s", type_name(obj));
    const char *date = NULL;
    double num[5] = {0, 0, 0, 0, 0}; /* km, minutes, effort, cadence_spm, elevation_gain_m */
    int has_km = 0;
    const char *key;
    size_t len;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        len = strlen(key);
        key_path(path, sizeof path, base, key, len);
        if (strcmp(key, "date") == 0) {
            if (!json_is_string(v))
                return fail(r, HP_E_INVALID, path, "expected a date string, got %s", type_name(v));
            date = string_value(v);
            if (!date) {
                char q[80];
                hp__quote(q, sizeof q, json_string_value(v), json_string_length(v));
                return fail(r, HP_E_INVALID, path, "%s is not a valid date (YYYY-MM-DD)", q);
            }
            continue;
        }
        static const char *const numeric[5] = {"km", "minutes", "effort", "cadence_spm",
                                               "elevation_gain_m"};
        size_t k = 0;
        while (k < 5 && strcmp(key, numeric[k]) != 0)
            k++;
        if (k == 5)
            return fail(r, HP_E_INVALID, path,
                        "unknown key (expected date, km, minutes, effort, cadence_spm or "
                        "elevation_gain_m)");
        if (!json_is_number(v))
            return fail(r, HP_E_INVALID, path, "expected a number, got %s", type_name(v));
        num[k] = json_number_value(v);
        if (k == 0)
            has_km = 1;
    }
    if (!date)
        return fail(r, HP_E_INVALID, base, "missing the required key \"date\"");
    if (!has_km)
        return fail(r, HP_E_INVALID, base, "missing the required key \"km\"");
    hp_error inner;
    hp_error_clear(&inner);
    hp_run_details d = {num[3], num[4]};
    if (hp_profile_add_run_details(r->p, date, num[0], num[1], num[2], &d, &inner) != HP_OK)
        return pass_on(r, base, &inner);
    return HP_OK;
}

static hp_status read_runs(const reader *r, const json_t *arr) {
    if (!json_is_array(arr))
        return fail(r, HP_E_INVALID, "runner.runs", "expected an array, got %s", type_name(arr));
    size_t n = json_array_size(arr);
    if (n > HP_MAX_RUNS)
        return fail(r, HP_E_LIMIT, "runner.runs", "%zu runs, more than the limit of %d", n,
                    HP_MAX_RUNS);
    for (size_t i = 0; i < n; i++) {
        hp_status st = read_run(r, i, json_array_get(arr, i));
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

static hp_status read_runner(const reader *r, const json_t *obj) {
    if (!json_is_object(obj))
        return fail(r, HP_E_INVALID, "runner", "expected an object, got %s", type_name(obj));
    const char *key;
    size_t len;
    json_t *v;
    char path[PATH_MAX_LEN];
    json_object_foreach((json_t *)obj, key, v) {
        len = strlen(key);
        key_path(path, sizeof path, "runner", key, len);
        hp_status st = HP_OK;
        hp_error inner;
        hp_error_clear(&inner);
        int f = 0;
        while (f < HP_RUNNER_FIELD_COUNT &&
               strcmp(key, hp_runner_field_name((hp_runner_field)f)) != 0)
            f++;
        if (f < HP_RUNNER_FIELD_COUNT) {
            if (!json_is_number(v))
                return fail(r, HP_E_INVALID, path, "expected a number, got %s", type_name(v));
            if (hp_profile_set_runner(r->p, (hp_runner_field)f, json_number_value(v), &inner) !=
                HP_OK)
                return pass_on(r, "runner", &inner);
        } else if (strcmp(key, "sex") == 0) {
            int sex = 0;
            st = read_choice(r, path, v, sex_names, 4, &sex);
            if (st == HP_OK)
                hp_profile_set_sex(r->p, (hp_sex)sex);
        } else if (strcmp(key, "foot_strike") == 0) {
            int strike = 0;
            st = read_choice(r, path, v, strike_names, 4, &strike);
            if (st == HP_OK)
                hp_profile_set_foot_strike(r->p, (hp_foot_strike)strike);
        } else if (strcmp(key, "as_of") == 0) {
            if (!json_is_string(v))
                return fail(r, HP_E_INVALID, path, "expected a date string, got %s", type_name(v));
            const char *s = string_value(v);
            if (!s || hp_profile_set_as_of(r->p, s, &inner) != HP_OK) {
                char q[80];
                hp__quote(q, sizeof q, json_string_value(v), json_string_length(v));
                return fail(r, HP_E_INVALID, path, "%s is not a valid date (YYYY-MM-DD)", q);
            }
        } else if (strcmp(key, "runs") == 0) {
            st = read_runs(r, v);
        } else {
            return fail(r, HP_E_INVALID, path,
                        "unknown key (expected weekly_km, previous_weekly_km, "
                        "longest_run_km_30d, planned_run_km, cadence_spm, shoe_km, "
                        "run_days_per_week, age, sex, foot_strike, as_of or runs)");
        }
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

static hp_status read_profile(const reader *r, const json_t *root) {
    if (!json_is_object(root))
        return fail(r, HP_E_INVALID, "top level", "expected an object, got %s", type_name(root));
    const char *key;
    size_t len;
    json_t *v;
    char path[PATH_MAX_LEN];
    json_object_foreach((json_t *)root, key, v) {
        len = strlen(key);
        hp_status st;
        if (strcmp(key, "findings") == 0)
            st = read_findings(r, v);
        else if (strcmp(key, "runner") == 0)
            st = read_runner(r, v);
        else
            return fail(r, HP_E_INVALID, key_path(path, sizeof path, "", key, len),
                        "unknown key (expected findings or runner)");
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

/* The status for a jansson load error. */
static hp_status load_status(const json_error_t *e) {
    switch (json_error_code(e)) {
    case json_error_out_of_memory: return HP_E_NOMEM;
    case json_error_stack_overflow: return HP_E_LIMIT;
    default: return HP_E_PARSE;
    }
}

hp_status hp_profile_from_json(const hp_ontology *onto, const char *json, size_t size,
                               const char *name, hp_profile **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!onto || !out || (!json && size > 0))
        return hp__error(err, HP_E_INVALID, "hp_profile_from_json: NULL argument");
    if (size > HP_MAX_PROFILE_BYTES)
        return hp__fail(err, HP_E_LIMIT, name, 0, 0,
                        "input of %zu bytes is larger than the limit of %zu bytes", size,
                        (size_t)HP_MAX_PROFILE_BYTES);
    json_error_t jerr;
    memset(&jerr, 0, sizeof jerr); /* jansson leaves it unset after some allocation failures */
    json_t *root =
        json_loadb(json ? json : "", size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!root) {
        hp_status code = load_status(&jerr);
        if (code == HP_E_NOMEM)
            return hp__nomem(err);
        return hp__fail(err, code, name, jerr.line > 0 ? jerr.line : 0,
                        jerr.column > 0 ? jerr.column : 0, "%s", jerr.text);
    }
    hp_profile *p;
    hp_status st = hp_profile_new(onto, &p, err);
    if (st == HP_OK) {
        reader r = {onto, p, name, err};
        st = read_profile(&r, root);
        if (st == HP_OK)
            *out = p;
        else
            hp_profile_free(p);
    }
    json_decref(root);
    return st;
}

/* ---- Writing ------------------------------------------------------------------------ */

/* A run's optional "cadence_spm" and "elevation_gain_m". */
static void put_details(hp__jw *w, const hp_run_details *d) {
    if (d->cadence_spm != 0) {
        hp__jw_key(w, "cadence_spm");
        hp__jw_number(w, d->cadence_spm);
    }
    if (d->elevation_gain_m != 0) {
        hp__jw_key(w, "elevation_gain_m");
        hp__jw_number(w, d->elevation_gain_m);
    }
}

/* Append a JSON string (ids and names are plain ASCII, but escape anyway). */
static void put_date(hp__jw *w, int days) {
    char date[16];
    if (hp_date_format(days, date, sizeof date) != HP_OK)
        snprintf(date, sizeof date, "?"); /* not reached: dates come from hp_date_parse */
    hp__jw_string(w, date);
}

static void put_runner(hp__jw *w, const hp_profile *p) {
    hp__jw_object(w);
    for (int f = 0; f < HP_RUNNER_FIELD_COUNT; f++) {
        if (!(p->runner_set >> f & 1u))
            continue;
        hp__jw_key(w, hp_runner_field_name((hp_runner_field)f));
        hp__jw_number(w, p->runner[f]);
    }
    if (p->sex > HP_SEX_UNKNOWN && p->sex <= HP_SEX_OTHER) {
        hp__jw_key(w, "sex");
        hp__jw_string(w, sex_names[p->sex]);
    }
    if (p->foot_strike > HP_STRIKE_UNKNOWN && p->foot_strike <= HP_STRIKE_FOREFOOT) {
        hp__jw_key(w, "foot_strike");
        hp__jw_string(w, strike_names[p->foot_strike]);
    }
    if (p->has_as_of) {
        hp__jw_key(w, "as_of");
        put_date(w, p->as_of);
    }
    if (p->n_runs > 0) {
        hp__jw_key(w, "runs");
        hp__jw_array(w);
        for (size_t i = 0; i < p->n_runs; i++) {
            const hp_run *run = &p->runs[i];
            hp__jw_object(w);
            hp__jw_key(w, "date");
            put_date(w, run->date);
            hp__jw_key(w, "km");
            hp__jw_number(w, run->km);
            if (run->minutes != 0) {
                hp__jw_key(w, "minutes");
                hp__jw_number(w, run->minutes);
            }
            if (run->effort != 0) {
                hp__jw_key(w, "effort");
                hp__jw_number(w, run->effort);
            }
            put_details(w, &p->details[i]);
            hp__jw_end(w);
        }
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

static int has_runner(const hp_profile *p) {
    return p->runner_set != 0 || p->sex != HP_SEX_UNKNOWN || p->foot_strike != HP_STRIKE_UNKNOWN ||
           p->has_as_of || p->n_runs > 0;
}

hp_status hp_profile_to_json(const hp_profile *profile, char **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!profile || !out)
        return hp__error(err, HP_E_INVALID, "hp_profile_to_json: NULL argument");
    const hp_ontology *o = profile->onto;
    hp__buf b;
    hp__buf_init(&b, &o->alloc);
    hp__jw w;
    hp__jw_init(&w, &b, 0);
    hp__jw_object(&w);
    hp__jw_key(&w, "findings");
    hp__jw_object(&w);
    for (size_t i = 0; i < o->n_findings; i++) {
        int8_t a = profile->answers[i];
        if (a == HP_ANSWER_UNKNOWN)
            continue;
        hp__jw_key(&w, hp__s(o, o->findings[i].e.id));
        hp__jw_bool(&w, a == HP_ANSWER_PRESENT);
    }
    hp__jw_end(&w);
    if (has_runner(profile)) {
        hp__jw_key(&w, "runner");
        put_runner(&w, profile);
    }
    hp__jw_end(&w);
    return hp__buf_finish(&b, out, err);
}
