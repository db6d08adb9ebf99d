/**
 * @file profile.h
 * @brief What a runner reports: findings, runner metrics and a run log; JSON in and out.
 *
 * A profile belongs to an ontology (it refers to findings by the ontology's ids) and
 * holds a reference to it.
 */
#ifndef HIPPAIN_PROFILE_H
#define HIPPAIN_PROFILE_H

#include <stddef.h>

#include "hippain/enums.h"
#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/ontology.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A runner's profile. Not safe to modify from two threads at once. */
typedef struct hp_profile hp_profile;

/** Numeric runner fields of a profile (each optional). */
typedef enum hp_runner_field {
    HP_RUNNER_WEEKLY_KM = 0,      /**< "weekly_km": this week's distance. */
    HP_RUNNER_PREVIOUS_WEEKLY_KM, /**< "previous_weekly_km": last week's distance. */
    HP_RUNNER_LONGEST_RUN_KM_30D, /**< "longest_run_km_30d": longest run of the last 30 days. */
    HP_RUNNER_PLANNED_RUN_KM,     /**< "planned_run_km": the next planned run. */
    HP_RUNNER_CADENCE_SPM,        /**< "cadence_spm": steps per minute. */
    HP_RUNNER_SHOE_KM,            /**< "shoe_km": distance on the current shoes. */
    HP_RUNNER_RUN_DAYS_PER_WEEK,  /**< "run_days_per_week": 0-7. */
    HP_RUNNER_AGE,                /**< "age": years. */
    HP_RUNNER_FIELD_COUNT         /**< Number of fields (not a field). */
} hp_runner_field;

/** Sex as reported ("sex" in JSON). */
typedef enum hp_sex {
    HP_SEX_UNKNOWN = 0, /**< Not given. */
    HP_SEX_FEMALE,      /**< "female" */
    HP_SEX_MALE,        /**< "male" */
    HP_SEX_OTHER        /**< "other" */
} hp_sex;

/** Foot strike as reported ("foot_strike" in JSON). */
typedef enum hp_foot_strike {
    HP_STRIKE_UNKNOWN = 0, /**< Not given. */
    HP_STRIKE_HEEL,        /**< "heel" */
    HP_STRIKE_MIDFOOT,     /**< "midfoot" */
    HP_STRIKE_FOREFOOT     /**< "forefoot" */
} hp_foot_strike;

/** One run of the run log. */
typedef struct hp_run {
    int date;       /**< Days since 1970-01-01. */
    double km;      /**< Distance (>= 0). */
    double minutes; /**< Duration, or 0 if not given. */
    double effort;  /**< Effort 1-10 (RPE), or 0 if not given. */
} hp_run;

/** Maximum number of runs in a run log. */
#define HP_MAX_RUNS 10000

/** Maximum size of a profile's JSON text in bytes (1 MiB: a full run log fits easily). */
#define HP_MAX_PROFILE_BYTES ((size_t)1024 * 1024)

/** Create an empty profile for @p onto (every finding unknown). */
HP_API hp_status hp_profile_new(const hp_ontology *onto, hp_profile **out, hp_error *err);

/** Free a profile. NULL is allowed. */
HP_API void hp_profile_free(hp_profile *profile);

/** Deep copy. */
HP_API hp_status hp_profile_copy(const hp_profile *profile, hp_profile **out, hp_error *err);

/** @return the profile's ontology (borrowed). */
HP_API const hp_ontology *hp_profile_ontology(const hp_profile *profile);

/**
 * Set a finding by id. @return HP_OK, HP_E_NOT_FOUND for an id that is not a finding,
 * HP_E_INVALID for a bad answer value.
 */
HP_API hp_status hp_profile_set(hp_profile *profile, const char *finding_id, hp_answer answer,
                                hp_error *err);

/** Set a finding by index. @return HP_OK or HP_E_INVALID. */
HP_API hp_status hp_profile_set_index(hp_profile *profile, size_t finding, hp_answer answer);

/** @return the answer for finding @p finding (HP_ANSWER_UNKNOWN if out of range). */
HP_API hp_answer hp_profile_get_index(const hp_profile *profile, size_t finding);

/** @return the answer for a finding id (HP_ANSWER_UNKNOWN if unknown or not a finding). */
HP_API hp_answer hp_profile_get(const hp_profile *profile, const char *finding_id);

/** @return how many findings are present or absent (not unknown). */
HP_API size_t hp_profile_answered(const hp_profile *profile);

/**
 * Set a runner field. Distances, cadence and age must be finite and >= 0, run days 0-7.
 * @return HP_OK or HP_E_INVALID (message names the field).
 */
HP_API hp_status hp_profile_set_runner(hp_profile *profile, hp_runner_field field, double value,
                                       hp_error *err);

/** Forget a runner field. */
HP_API void hp_profile_clear_runner(hp_profile *profile, hp_runner_field field);

/** @return HP_OK and @p *value, or HP_E_NOT_FOUND if the field is not set. */
HP_API hp_status hp_profile_runner(const hp_profile *profile, hp_runner_field field, double *value);

/** @return the JSON key of a runner field ("weekly_km", ...), or NULL. */
HP_API const char *hp_runner_field_name(hp_runner_field field);

/** Set the sex. */
HP_API hp_status hp_profile_set_sex(hp_profile *profile, hp_sex sex);
/** @return the sex. */
HP_API hp_sex hp_profile_sex(const hp_profile *profile);
/** Set the foot strike. */
HP_API hp_status hp_profile_set_foot_strike(hp_profile *profile, hp_foot_strike strike);
/** @return the foot strike. */
HP_API hp_foot_strike hp_profile_foot_strike(const hp_profile *profile);

/**
 * Append a run to the log. @p date is "YYYY-MM-DD"; @p minutes and @p effort may be 0.
 * @return HP_OK, HP_E_INVALID (bad date, negative or non-finite number), HP_E_LIMIT.
 */
HP_API hp_status hp_profile_add_run(hp_profile *profile, const char *date, double km,
                                    double minutes, double effort, hp_error *err);

/** @return the number of runs in the log. */
HP_API size_t hp_profile_run_count(const hp_profile *profile);

/** Run @p i of the log (in the order added). @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_profile_run(const hp_profile *profile, size_t i, hp_run *out);

/**
 * Set the reference date of the run log ("YYYY-MM-DD"); NULL resets it. Without one, the
 * date of the latest run is used. JSON key "as_of" in "runner".
 */
HP_API hp_status hp_profile_set_as_of(hp_profile *profile, const char *date, hp_error *err);

/**
 * Parse a profile from JSON (see the README for the format). Unknown keys, unknown finding
 * ids, wrong types, negative or non-finite numbers and malformed dates are errors whose
 * message names the key (e.g. "runner.runs[2].date").
 * @param onto  the ontology whose finding ids the profile uses.
 * @param json  the JSON text (need not be NUL-terminated).
 * @param size  its length in bytes.
 * @param name  name of the input used in errors (may be NULL).
 * @param out   receives the profile.
 * @param err   optional error details.
 */
HP_API hp_status hp_profile_from_json(const hp_ontology *onto, const char *json, size_t size,
                                      const char *name, hp_profile **out, hp_error *err);

/** Write the profile as JSON (free with hp_string_free()). */
HP_API hp_status hp_profile_to_json(const hp_profile *profile, char **out, hp_error *err);

/**
 * Parse a date "YYYY-MM-DD" into days since 1970-01-01.
 * @return HP_OK or HP_E_INVALID.
 */
HP_API hp_status hp_date_parse(const char *text, int *days);

/** Format days since 1970-01-01 as "YYYY-MM-DD" into @p buf (at least 11 bytes). */
HP_API hp_status hp_date_format(int days, char *buf, size_t size);

/* ---- Run details and watch files (GPX 1.1, TCX) ------------------------------------- */

/** What a run log entry may carry beyond ::hp_run; each field is 0 when not known. */
typedef struct hp_run_details {
    double cadence_spm;      /**< Mean cadence in steps per minute (both feet), or 0. */
    double elevation_gain_m; /**< Elevation gain in metres, or 0. */
} hp_run_details;

/** Maximum size of a watch file (GPX or TCX) in bytes: 64 MiB. */
#define HP_MAX_RUN_FILE_BYTES ((size_t)64 * 1024 * 1024)
/** Maximum number of track points in one watch file. */
#define HP_MAX_RUN_POINTS 1000000
/** Maximum number of runs (GPX tracks, TCX activities) in one watch file. */
#define HP_MAX_RUN_ACTIVITIES 1000

/**
 * hp_profile_add_run() with details: @p details may be NULL (nothing known); its cadence
 * must be 0 or 60-300 steps/min and its elevation gain 0-20000 m.
 * @return HP_OK, HP_E_INVALID (the message names the field) or HP_E_LIMIT.
 */
HP_API hp_status hp_profile_add_run_details(hp_profile *profile, const char *date, double km,
                                            double minutes, double effort,
                                            const hp_run_details *details, hp_error *err);

/** The details of run @p i (zeros when none were given). @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_profile_run_details(const hp_profile *profile, size_t i, hp_run_details *out);

/**
 * Append the runs of a watch file to the run log: GPX 1.1 (each trk one run) or TCX
 * (each Activity with Sport="Running" one run), told apart by the root element. See the
 * README ("Watch files") for how distance, duration, pauses, cadence and elevation gain
 * are computed. The run's date is the UTC date of its first time stamp. All or nothing:
 * on error no run of the file is added.
 * @param profile  the profile.
 * @param data     the file's bytes (need not be NUL-terminated).
 * @param size     their length, at most ::HP_MAX_RUN_FILE_BYTES.
 * @param name     the input's name used in errors (may be NULL).
 * @param n_added  receives the number of runs added (may be NULL).
 * @param err      optional error details, with file and line for problems in the XML.
 * @return HP_OK, HP_E_PARSE, HP_E_FORBIDDEN (DTD, entity), HP_E_SCHEMA (wrong root or
 *         structure), HP_E_INVALID (a bad number, coordinate or time), HP_E_LIMIT, HP_E_NOMEM.
 */
HP_API hp_status hp_profile_import_runs(hp_profile *profile, const char *data, size_t size,
                                        const char *name, size_t *n_added, hp_error *err);

/** hp_profile_import_runs() on the file at @p path (HP_E_IO if it cannot be read). */
HP_API hp_status hp_profile_import_runs_file(hp_profile *profile, const char *path, size_t *n_added,
                                             hp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_PROFILE_H */
