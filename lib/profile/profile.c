/* Profiles: findings, runner metrics and a run log (JSON is in profile_json.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "profile/profile_internal.h"

/* Shared with profile_json.c. */
void hp__quote(char *buf, size_t size, const char *s, size_t len);

/* Upper bounds of runner fields and runs. */
#define MAX_RUN_DAYS 7.0
#define MAX_AGE 130.0
#define MAX_CADENCE 300.0
#define MIN_CADENCE 60.0
#define MAX_GAIN_M 20000.0
#define MAX_RUN_KM 1000.0
#define MAX_EFFORT 10.0

static const char *const runner_names[HP_RUNNER_FIELD_COUNT] = {
    "weekly_km",          "previous_weekly_km",
    "longest_run_km_30d", "planned_run_km",
    "cadence_spm",        "shoe_km",
    "run_days_per_week",  "age"};

/*
 * Quote len bytes of s for an error message: in double quotes, with JSON-style escapes
 * for quotes, backslashes and control bytes, cut at about 60 bytes (on a UTF-8 character
 * boundary) with "..." after it. Always NUL-terminates buf (size > 0).
 */
void hp__quote(char *buf, size_t size, const char *s, size_t len) {
    static const size_t max_shown = 60;
    size_t o = 0;
    if (size < 8) {
        if (size > 0)
            buf[0] = '\0';
        return;
    }
    buf[o++] = '"';
    size_t i = 0;
    for (; i < len && i < max_shown; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        size_t n;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            n = 2;
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            n = 6;
        } else {
            esc[0] = (char)c;
            n = 1;
        }
        if (o + n + 5 > size) /* room for this, '"...' and NUL */
            break;
        memcpy(buf + o, esc, n);
        o += n;
    }
    if (i < len) {
        /* Do not end inside a UTF-8 sequence. */
        while (o > 1 && ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
            o--;
        if (o > 1 && (unsigned char)buf[o - 1] >= 0xc0)
            o--;
    }
    buf[o++] = '"';
    if (i < len) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
}

/* ---- Life cycle --------------------------------------------------------------------- */

static const hp_allocator *alloc_of(const hp_profile *p) { return &p->onto->alloc; }

hp_status hp_profile_new(const hp_ontology *onto, hp_profile **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!onto || !out)
        return hp__error(err, HP_E_INVALID, "hp_profile_new: NULL argument");
    const hp_allocator *a = &onto->alloc;
    hp_profile *p = hp__calloc(a, 1, sizeof *p);
    if (!p)
        return hp__nomem(err);
    size_t bitmap;
    size_t bytes = hp__answers_bytes(onto->n_findings, &bitmap);
    p->answers = hp__malloc(a, bytes);
    if (!p->answers) {
        hp__free(a, p);
        return hp__nomem(err);
    }
    memset(p->answers, HP_ANSWER_UNKNOWN, onto->n_findings);
    p->answered_blocks = (uint64_t *)(void *)((char *)p->answers + bitmap);
    memset(p->answered_blocks, 0, bytes - bitmap);
    p->onto = hp_ontology_ref(onto);
    *out = p;
    return HP_OK;
}

void hp_profile_free(hp_profile *profile) {
    if (!profile)
        return;
    const hp_ontology *onto = profile->onto;
    const hp_allocator *a = &onto->alloc;
    hp__free(a, profile->answers);
    hp__free(a, profile->runs);
    hp__free(a, profile->details);
    hp__free(a, profile);
    hp_ontology_free(onto);
}

hp_status hp_profile_copy(const hp_profile *profile, hp_profile **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!profile || !out)
        return hp__error(err, HP_E_INVALID, "hp_profile_copy: NULL argument");
    hp_profile *p;
    hp_status st = hp_profile_new(profile->onto, &p, err);
    if (st != HP_OK)
        return st;
    if (profile->n_runs > 0) {
        p->runs = hp__realloc_array(alloc_of(p), NULL, profile->n_runs, sizeof *p->runs);
        if (!p->runs) {
            hp_profile_free(p);
            return hp__nomem(err);
        }
        memcpy(p->runs, profile->runs, profile->n_runs * sizeof *p->runs);
        p->cap_runs = p->n_runs = profile->n_runs;
        p->details = hp__realloc_array(alloc_of(p), NULL, p->n_runs, sizeof *p->details);
        if (!p->details) {
            hp_profile_free(p);
            return hp__nomem(err);
        }
        memcpy(p->details, profile->details, p->n_runs * sizeof *p->details);
        p->cap_details = p->n_runs;
    }
    memcpy(p->answers, profile->answers, hp__answers_bytes(profile->onto->n_findings, NULL));
    p->n_answered = profile->n_answered;
    memcpy(p->runner, profile->runner, sizeof p->runner);
    p->runner_set = profile->runner_set;
    p->sex = profile->sex;
    p->foot_strike = profile->foot_strike;
    p->as_of = profile->as_of;
    p->has_as_of = profile->has_as_of;
    *out = p;
    return HP_OK;
}

const hp_ontology *hp_profile_ontology(const hp_profile *profile) {
    return profile ? profile->onto : NULL;
}

/* ---- Findings ----------------------------------------------------------------------- */

static int valid_answer(hp_answer answer) {
    return answer == HP_ANSWER_UNKNOWN || answer == HP_ANSWER_ABSENT || answer == HP_ANSWER_PRESENT;
}

hp_status hp_profile_set_index(hp_profile *profile, size_t finding, hp_answer answer) {
    if (!profile || finding >= profile->onto->n_findings || !valid_answer(answer))
        return HP_E_INVALID;
    int8_t *slot = &profile->answers[finding];
    if (*slot == HP_ANSWER_UNKNOWN && answer != HP_ANSWER_UNKNOWN) {
        profile->n_answered++;
        hp__mark_answered(profile, finding);
    } else if (*slot != HP_ANSWER_UNKNOWN && answer == HP_ANSWER_UNKNOWN)
        profile->n_answered--;
    *slot = (int8_t)answer;
    return HP_OK;
}

hp_status hp_profile_set(hp_profile *profile, const char *finding_id, hp_answer answer,
                         hp_error *err) {
    if (!profile || !finding_id)
        return hp__error(err, HP_E_INVALID, "hp_profile_set: NULL argument");
    if (!valid_answer(answer))
        return hp__error(err, HP_E_INVALID, "%s: %d is not an answer (-1, 0 or 1)", finding_id,
                         (int)answer);
    hp_entity_kind kind;
    size_t index;
    char q[80];
    if (hp_ontology_lookup(profile->onto, finding_id, &kind, &index) != HP_OK) {
        hp__quote(q, sizeof q, finding_id, strlen(finding_id));
        return hp__error(err, HP_E_NOT_FOUND, "%s: no such finding", q);
    }
    if (kind != HP_ENTITY_FINDING) {
        const char *k = hp_enum_name(HP_ENUM_ENTITY_KIND, (int)kind);
        return hp__error(err, HP_E_NOT_FOUND, "%s: is a %s, not a finding", finding_id,
                         k ? k : "entry");
    }
    return hp_profile_set_index(profile, index, answer);
}

hp_answer hp_profile_get_index(const hp_profile *profile, size_t finding) {
    if (!profile || finding >= profile->onto->n_findings)
        return HP_ANSWER_UNKNOWN;
    return (hp_answer)profile->answers[finding];
}

hp_answer hp_profile_get(const hp_profile *profile, const char *finding_id) {
    if (!profile || !finding_id)
        return HP_ANSWER_UNKNOWN;
    return hp_profile_get_index(profile,
                                hp_ontology_index(profile->onto, HP_ENTITY_FINDING, finding_id));
}

size_t hp_profile_answered(const hp_profile *profile) { return profile ? profile->n_answered : 0; }

/* ---- Runner ------------------------------------------------------------------------- */

const char *hp_runner_field_name(hp_runner_field field) {
    if ((int)field < 0 || field >= HP_RUNNER_FIELD_COUNT)
        return NULL;
    return runner_names[field];
}

hp_status hp_profile_set_runner(hp_profile *profile, hp_runner_field field, double value,
                                hp_error *err) {
    if (!profile)
        return hp__error(err, HP_E_INVALID, "hp_profile_set_runner: NULL profile");
    const char *name = hp_runner_field_name(field);
    if (!name)
        return hp__error(err, HP_E_INVALID, "%d is not a runner field", (int)field);
    double max = HUGE_VAL;
    const char *what = "a finite number >= 0";
    switch (field) {
    case HP_RUNNER_RUN_DAYS_PER_WEEK:
        max = MAX_RUN_DAYS;
        what = "a number from 0 to 7";
        break;
    case HP_RUNNER_AGE:
        max = MAX_AGE;
        what = "an age from 0 to 130";
        break;
    case HP_RUNNER_CADENCE_SPM:
        max = MAX_CADENCE;
        what = "a cadence from 0 to 300";
        break;
    default: break;
    }
    if (!isfinite(value) || !(value >= 0) || value > max)
        return hp__error(err, HP_E_INVALID, "%s: %g is not %s", name, value, what);
    profile->runner[field] = value == 0 ? 0.0 : value; /* no -0 */
    profile->runner_set |= 1u << field;
    return HP_OK;
}

void hp_profile_clear_runner(hp_profile *profile, hp_runner_field field) {
    if (!profile || !hp_runner_field_name(field))
        return;
    profile->runner[field] = 0;
    profile->runner_set &= ~(1u << field);
}

hp_status hp_profile_runner(const hp_profile *profile, hp_runner_field field, double *value) {
    if (!profile || !value || !hp_runner_field_name(field))
        return HP_E_INVALID;
    if (!(profile->runner_set & (1u << field)))
        return HP_E_NOT_FOUND;
    *value = profile->runner[field];
    return HP_OK;
}

hp_status hp_profile_set_sex(hp_profile *profile, hp_sex sex) {
    if (!profile || (int)sex < HP_SEX_UNKNOWN || sex > HP_SEX_OTHER)
        return HP_E_INVALID;
    profile->sex = sex;
    return HP_OK;
}

hp_sex hp_profile_sex(const hp_profile *profile) { return profile ? profile->sex : HP_SEX_UNKNOWN; }

hp_status hp_profile_set_foot_strike(hp_profile *profile, hp_foot_strike strike) {
    if (!profile || (int)strike < HP_STRIKE_UNKNOWN || strike > HP_STRIKE_FOREFOOT)
        return HP_E_INVALID;
    profile->foot_strike = strike;
    return HP_OK;
}

hp_foot_strike hp_profile_foot_strike(const hp_profile *profile) {
    return profile ? profile->foot_strike : HP_STRIKE_UNKNOWN;
}

/* ---- Run log ------------------------------------------------------------------------ */

/* Parse a date for the key `key`, or fail naming it. */
static hp_status parse_date(const char *key, const char *date, int *days, hp_error *err) {
    if (!date)
        return hp__error(err, HP_E_INVALID, "%s: missing date", key);
    if (hp_date_parse(date, days) != HP_OK) {
        char q[80];
        hp__quote(q, sizeof q, date, strlen(date));
        return hp__error(err, HP_E_INVALID, "%s: %s is not a valid date (YYYY-MM-DD)", key, q);
    }
    return HP_OK;
}

hp_status hp_profile_add_run(hp_profile *profile, const char *date, double km, double minutes,
                             double effort, hp_error *err) {
    return hp_profile_add_run_details(profile, date, km, minutes, effort, NULL, err);
}

static hp_status check_details(const hp_run_details *d, hp_error *err) {
    double c = d->cadence_spm, g = d->elevation_gain_m;
    if (!isfinite(c) || !(c == 0 || (c >= MIN_CADENCE && c <= MAX_CADENCE)))
        return hp__error(err, HP_E_INVALID, "cadence_spm: %g is not 0 (not given) or 60-300", c);
    if (!isfinite(g) || !(g >= 0 && g <= MAX_GAIN_M))
        return hp__error(err, HP_E_INVALID, "elevation_gain_m: %g is not from 0 to 20000", g);
    return HP_OK;
}

hp_status hp_profile_add_run_details(hp_profile *profile, const char *date, double km,
                                     double minutes, double effort, const hp_run_details *details,
                                     hp_error *err) {
    if (!profile)
        return hp__error(err, HP_E_INVALID, "hp_profile_add_run: NULL profile");
    hp_run run;
    hp_status st = parse_date("date", date, &run.date, err);
    if (st != HP_OK)
        return st;
    if (!isfinite(km) || !(km >= 0) || km > MAX_RUN_KM)
        return hp__error(err, HP_E_INVALID, "km: %g is not a distance from 0 to 1000", km);
    if (!isfinite(minutes) || !(minutes >= 0))
        return hp__error(err, HP_E_INVALID, "minutes: %g is not a finite number >= 0", minutes);
    if (!isfinite(effort) || !(effort == 0 || (effort >= 1 && effort <= MAX_EFFORT)))
        return hp__error(err, HP_E_INVALID, "effort: %g is not 0 (not given) or from 1 to 10",
                         effort);
    hp_run_details d = {0, 0};
    if (details && (st = check_details(details, err)) != HP_OK)
        return st;
    if (details)
        d = *details;
    if (profile->n_runs >= HP_MAX_RUNS)
        return hp__error(err, HP_E_LIMIT, "runs: more than %d runs", HP_MAX_RUNS);
    if (!hp__grow(alloc_of(profile), (void **)&profile->runs, &profile->cap_runs,
                  profile->n_runs + 1, sizeof *profile->runs) ||
        !hp__grow(alloc_of(profile), (void **)&profile->details, &profile->cap_details,
                  profile->n_runs + 1, sizeof *profile->details))
        return hp__nomem(err);
    /* no -0 */
    run.km = km == 0 ? 0.0 : km;
    run.minutes = minutes == 0 ? 0.0 : minutes;
    run.effort = effort == 0 ? 0.0 : effort;
    d.cadence_spm = d.cadence_spm == 0 ? 0.0 : d.cadence_spm;
    d.elevation_gain_m = d.elevation_gain_m == 0 ? 0.0 : d.elevation_gain_m;
    profile->details[profile->n_runs] = d;
    profile->runs[profile->n_runs++] = run;
    return HP_OK;
}

hp_status hp_profile_run_details(const hp_profile *profile, size_t i, hp_run_details *out) {
    if (!profile || !out)
        return HP_E_INVALID;
    if (i >= profile->n_runs)
        return HP_E_NOT_FOUND;
    *out = profile->details[i];
    return HP_OK;
}

size_t hp_profile_run_count(const hp_profile *profile) { return profile ? profile->n_runs : 0; }

hp_status hp_profile_run(const hp_profile *profile, size_t i, hp_run *out) {
    if (!profile || !out)
        return HP_E_INVALID;
    if (i >= profile->n_runs)
        return HP_E_NOT_FOUND;
    *out = profile->runs[i];
    return HP_OK;
}

hp_status hp_profile_set_as_of(hp_profile *profile, const char *date, hp_error *err) {
    if (!profile)
        return hp__error(err, HP_E_INVALID, "hp_profile_set_as_of: NULL profile");
    if (!date) {
        profile->as_of = 0;
        profile->has_as_of = 0;
        return HP_OK;
    }
    int days;
    hp_status st = parse_date("as_of", date, &days, err);
    if (st != HP_OK)
        return st;
    profile->as_of = days;
    profile->has_as_of = 1;
    return HP_OK;
}
