/**
 * @file ontology.h
 * @brief Loading an ontology of hip-pain knowledge and querying it.
 *
 * An ::hp_ontology is immutable once loaded and may be shared by any number of threads.
 * It is reference counted: profiles, assessments, interviews and plans hold a reference,
 * so objects may be freed in any order.
 *
 * Entries are addressed by kind and a dense index (0 .. count-1) in file order, or looked
 * up by id. Strings returned by the query functions belong to the ontology and live as
 * long as it does.
 */
#ifndef HIPPAIN_ONTOLOGY_H
#define HIPPAIN_ONTOLOGY_H

#include <stddef.h>

#include "hippain/alloc.h"
#include "hippain/enums.h"
#include "hippain/error.h"
#include "hippain/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An immutable, reference-counted ontology. */
typedef struct hp_ontology hp_ontology;

/** Default cap on the size of one input file, in bytes (16 MiB). */
#define HP_DEFAULT_MAX_INPUT_BYTES ((size_t)16 * 1024 * 1024)

/** Load flag: put the embedded default ontology below the given inputs. */
#define HP_LOAD_WITH_DEFAULT 0x1u
/** Load flag: skip RELAX NG validation (semantic checks still run). For trusted input. */
#define HP_LOAD_SKIP_SCHEMA 0x2u

/** Options of hp_ontology_load(). Zero-initialise, then set what you need. */
typedef struct hp_load_options {
    unsigned flags;                /**< HP_LOAD_* flags. */
    size_t max_input_bytes;        /**< Cap on each input; 0 means the default. */
    const hp_allocator *allocator; /**< NULL for the C library's malloc. Copied. */
} hp_load_options;

/** One input of hp_ontology_load(): a file, or bytes in memory. */
typedef struct hp_input {
    const char *name; /**< File path; for memory input the name used in errors. */
    const void *data; /**< Bytes in memory, or NULL to read the file @p name. */
    size_t size;      /**< Size of @p data in bytes. */
} hp_input;

/**
 * Load an ontology from one or more inputs, each adding entries to the ones before it
 * (a clash of ids is an error naming both places).
 *
 * Each input is parsed without network access, DTDs or entities, checked against the
 * schema and then semantically (unique ids, references, ranges). On failure @p *out is
 * NULL and @p err (if not NULL) names the file, line, column and id involved.
 *
 * @param inputs    inputs in order; may be NULL when @p n_inputs is 0.
 * @param n_inputs  number of inputs; 0 is valid only with HP_LOAD_WITH_DEFAULT.
 * @param options   NULL for defaults (no embedded default, 16 MiB cap, malloc).
 * @param out       receives the ontology (reference count 1).
 * @param err       optional error details.
 */
HP_API hp_status hp_ontology_load(const hp_input *inputs, size_t n_inputs,
                                  const hp_load_options *options, hp_ontology **out, hp_error *err);

/** Load the embedded default ontology (validated when the library was built). */
HP_API hp_status hp_ontology_load_default(hp_ontology **out, hp_error *err);

/** Load one ontology file (without the default below it). */
HP_API hp_status hp_ontology_load_file(const char *path, hp_ontology **out, hp_error *err);

/** Load one ontology from memory; @p name is used in error messages. */
HP_API hp_status hp_ontology_load_memory(const char *name, const void *data, size_t size,
                                         hp_ontology **out, hp_error *err);

/** Take another reference to @p onto. @return @p onto. */
HP_API hp_ontology *hp_ontology_ref(const hp_ontology *onto);

/** Drop a reference; the ontology is freed with the last one. NULL is allowed. */
HP_API void hp_ontology_free(const hp_ontology *onto);

/** @return the embedded default ontology XML (not NUL-terminated) and its size. */
HP_API const char *hp_default_ontology_xml(size_t *size);

/** @return the embedded RELAX NG schema (not NUL-terminated) and its size. */
HP_API const char *hp_ontology_schema(size_t *size);

/** @return the number of bytes of memory the ontology holds (entries, strings, ids, and
 *          the text intake's compiled lexicon). */
HP_API size_t hp_ontology_memory(const hp_ontology *onto);

/** @return the number of entries of @p kind (0 for an invalid kind). */
HP_API size_t hp_ontology_count(const hp_ontology *onto, hp_entity_kind kind);

/**
 * Look up an entry by id.
 * @param onto   the ontology.
 * @param id     the id to look up.
 * @param kind   receives the entry's kind (may be NULL).
 * @param index  receives its index (may be NULL).
 * @return HP_OK, HP_E_NOT_FOUND, or HP_E_INVALID for NULL arguments.
 */
HP_API hp_status hp_ontology_lookup(const hp_ontology *onto, const char *id, hp_entity_kind *kind,
                                    size_t *index);

/** @return the index of the entry @p id of @p kind, or (size_t)-1 if there is none. */
HP_API size_t hp_ontology_index(const hp_ontology *onto, hp_entity_kind kind, const char *id);

/** @return the id of entry @p index of @p kind, or NULL if out of range. */
HP_API const char *hp_ontology_id(const hp_ontology *onto, hp_entity_kind kind, size_t index);

/**
 * A text of an entry in a language, with fallback: "de-AT" tries "de-AT", "de", then
 * English. @p lang NULL or "" means English.
 * @return the text, or NULL if the entry has no such field or is out of range.
 */
HP_API const char *hp_ontology_text(const hp_ontology *onto, hp_entity_kind kind, size_t index,
                                    hp_text_field field, const char *lang);

/** @return the space-separated source ids of an entry, or NULL if out of range. */
HP_API const char *hp_ontology_sources(const hp_ontology *onto, hp_entity_kind kind, size_t index);

/**
 * Where an entry was defined.
 * @param onto  the ontology.
 * @param kind  the entry's kind.
 * @param index the entry's index.
 * @param file  receives the input name (may be NULL).
 * @param line  receives the 1-based line (may be NULL).
 * @return HP_OK or HP_E_NOT_FOUND if out of range.
 */
HP_API hp_status hp_ontology_origin(const hp_ontology *onto, hp_entity_kind kind, size_t index,
                                    const char **file, int *line);

/** The name and version attributes of the first input (the base). */
HP_API const char *hp_ontology_name(const hp_ontology *onto);
/** @copydoc hp_ontology_name */
HP_API const char *hp_ontology_version(const hp_ontology *onto);

/* ---- Typed views of entries --------------------------------------------------------- */

/** A source. */
typedef struct hp_source_info {
    const char *id;       /**< Source id ("002", "buist2008"). */
    const char *citation; /**< Citation (English). */
    const char *url;      /**< URL, or NULL. */
} hp_source_info;

/** A finding. */
typedef struct hp_finding_info {
    const char *id;         /**< Finding id. */
    hp_finding_kind kind;   /**< Symptom, sign, history or risk factor. */
    hp_finding_group group; /**< Group. */
    double base_rate;       /**< P(finding | hip pain from another cause). */
    size_t n_treatments;    /**< Number of treatment links (risk factors). */
    const char *sources;    /**< Space-separated source ids. */
} hp_finding_info;

/** A condition. */
typedef struct hp_condition_info {
    const char *id;             /**< Condition id. */
    double prior;               /**< Normalised prior (priors sum to 1). */
    hp_seriousness seriousness; /**< Seriousness when suspected. */
    double suspect_at;          /**< Probability at which it counts as suspected. */
    size_t n_evidence;          /**< Number of finding links. */
    size_t n_treatments;        /**< Number of treatment links. */
    const char *sources;        /**< Space-separated source ids. */
} hp_condition_info;

/** A link from a condition to a finding. */
typedef struct hp_evidence_link {
    size_t finding;      /**< Finding index. */
    double strength;     /**< P(finding | condition). */
    const char *sources; /**< Space-separated source ids. */
} hp_evidence_link;

/**
 * A presentation of a condition: a site or form with evidence of its own (a bone stress
 * injury of the femoral neck, of the sacrum). The condition's likelihood of the answers is
 * the share-weighted mixture of its presentations' likelihoods; each presentation uses the
 * condition's evidence links with its own links in place of those of the same finding.
 */
typedef struct hp_presentation_info {
    const char *id;      /**< Presentation id (unique within its condition). */
    size_t condition;    /**< Condition index. */
    double share;        /**< Its share of the condition's prior (shares sum to 1). */
    size_t n_evidence;   /**< Number of its own finding links. */
    const char *sources; /**< Space-separated source ids (of the share). */
} hp_presentation_info;

/** A link from a condition or risk factor to an exercise or advice item. */
typedef struct hp_treatment_link {
    hp_entity_kind kind; /**< HP_ENTITY_EXERCISE or HP_ENTITY_ADVICE. */
    size_t index;        /**< Index of the exercise or advice item. */
    hp_phase phase;      /**< Plan phase it belongs to. */
    const char *sources; /**< Space-separated source ids. */
} hp_treatment_link;

/**
 * A red-flag rule: fires when every group of its findings has a present finding (see
 * hp_red_flag_group(); a rule without `<any-of>` needs all its findings).
 */
typedef struct hp_red_flag_info {
    const char *id;        /**< Rule id. */
    hp_triage_level level; /**< Level it forces. */
    size_t n_findings;     /**< Number of findings in the combination. */
    const char *sources;   /**< Space-separated source ids. */
} hp_red_flag_info;

/** A derived-finding rule: `metric op threshold` makes `finding` present. */
typedef struct hp_derived_rule_info {
    const char *id;      /**< Rule id. */
    size_t finding;      /**< Finding index. */
    hp_metric metric;    /**< Metric compared. */
    hp_compare op;       /**< Comparison. */
    double threshold;    /**< Threshold. */
    const char *sources; /**< Space-separated source ids. */
} hp_derived_rule_info;

/** Default dosing of an exercise. 0 means "not used" for reps, hold and minutes. */
typedef struct hp_dosing {
    int sets;            /**< Sets (>= 1). */
    int reps;            /**< Repetitions per set, or 0. */
    int hold_seconds;    /**< Hold per repetition in seconds, or 0. */
    int minutes;         /**< Duration in minutes (cross-training), or 0. */
    int days_per_week;   /**< Days a week (1-7). */
    hp_effort effort;    /**< Effort. */
    const char *sources; /**< Space-separated source ids. */
} hp_dosing;

/** Progression rule of an exercise; every_weeks 0 means none. */
typedef struct hp_progression {
    int every_weeks;      /**< Progress every this many weeks (0: never). */
    int add_sets;         /**< Sets added per step. */
    int max_sets;         /**< Upper bound of sets. */
    int add_reps;         /**< Reps added per step. */
    int max_reps;         /**< Upper bound of reps. */
    int add_hold_seconds; /**< Hold seconds added per step. */
    int max_hold_seconds; /**< Upper bound of hold seconds. */
    int add_minutes;      /**< Minutes added per step. */
    int max_minutes;      /**< Upper bound of minutes. */
    hp_effort effort;     /**< Effort once progressed. */
    const char *sources;  /**< Space-separated source ids, NULL without a rule. */
} hp_progression;

/** An exercise. */
typedef struct hp_exercise_info {
    const char *id;             /**< Exercise id. */
    hp_exercise_kind kind;      /**< Kind. */
    const char *targets;        /**< Space-separated targets. */
    hp_dosing dosing;           /**< Default dosing. */
    hp_progression progression; /**< Progression (every_weeks 0 if none). */
    size_t n_contraindications; /**< Number of contraindications. */
    const char *sources;        /**< Space-separated source ids. */
} hp_exercise_info;

/** A contraindication: the exercise is not prescribed while the condition is suspected. */
typedef struct hp_contraindication {
    size_t condition;    /**< Condition index. */
    const char *reason;  /**< Reason (English). */
    const char *sources; /**< Space-separated source ids. */
} hp_contraindication;

/** An advice item. */
typedef struct hp_advice_info {
    const char *id;              /**< Advice id. */
    hp_advice_category category; /**< Category. */
    const char *sources;         /**< Space-separated source ids. */
} hp_advice_info;

/** Fill @p out with source @p index. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_ontology_source(const hp_ontology *onto, size_t index, hp_source_info *out);
/** Fill @p out with finding @p index. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_ontology_finding(const hp_ontology *onto, size_t index, hp_finding_info *out);
/** Fill @p out with condition @p index. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_ontology_condition(const hp_ontology *onto, size_t index,
                                       hp_condition_info *out);
/** Fill @p out with red-flag rule @p index. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_ontology_red_flag(const hp_ontology *onto, size_t index, hp_red_flag_info *out);
/** Fill @p out with derived-finding rule @p index. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_ontology_derived_rule(const hp_ontology *onto, size_t index,
                                          hp_derived_rule_info *out);
/** Fill @p out with exercise @p index. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_ontology_exercise(const hp_ontology *onto, size_t index, hp_exercise_info *out);
/** Fill @p out with advice item @p index. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_ontology_advice(const hp_ontology *onto, size_t index, hp_advice_info *out);

/** Link @p j of condition @p c to a finding. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_condition_evidence(const hp_ontology *onto, size_t c, size_t j,
                                       hp_evidence_link *out);
/** Number of presentations of condition @p c (0: it has none, or @p c is out of range). */
HP_API size_t hp_condition_presentation_count(const hp_ontology *onto, size_t c);
/** Presentation @p k of condition @p c. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_condition_presentation(const hp_ontology *onto, size_t c, size_t k,
                                           hp_presentation_info *out);
/**
 * The label of presentation @p k of condition @p c in @p lang, with the fallback of
 * hp_ontology_text(): "de-AT" tries "de-AT", then "de", then English; NULL or "" means
 * English. Labels are optional (`<label>` children of `<presentation>`); a presentation that
 * has any has one in English.
 * @return the label, or NULL if the presentation has none or is out of range.
 */
HP_API const char *hp_presentation_label(const hp_ontology *onto, size_t c, size_t k,
                                         const char *lang);
/** Link @p j of presentation @p k of condition @p c. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_presentation_evidence(const hp_ontology *onto, size_t c, size_t k, size_t j,
                                          hp_evidence_link *out);
/** Treatment link @p j of condition @p c. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_condition_treatment(const hp_ontology *onto, size_t c, size_t j,
                                        hp_treatment_link *out);
/** Treatment link @p j of finding @p f (a risk factor's fixes). */
HP_API hp_status hp_finding_treatment(const hp_ontology *onto, size_t f, size_t j,
                                      hp_treatment_link *out);
/** Finding @p j of the combination of red-flag rule @p r; @return the index or (size_t)-1. */
HP_API size_t hp_red_flag_finding(const hp_ontology *onto, size_t r, size_t j);
/**
 * The group of finding @p j of red-flag rule @p r: the findings of one `<any-of>` share a
 * group, a plain `<when>` is a group of its own, and the rule fires when every group has a
 * present finding. Groups are numbered from 0 in the order of the findings.
 * @return the group index, or (size_t)-1 if out of range.
 */
HP_API size_t hp_red_flag_group(const hp_ontology *onto, size_t r, size_t j);
/**
 * The condition that red-flag rule @p r is a don't-miss rule for (its `condition`).
 * @return the condition index, or (size_t)-1 if it names none or is out of range.
 */
HP_API size_t hp_red_flag_condition(const hp_ontology *onto, size_t r);
/** Contraindication @p j of exercise @p e. @return HP_OK or HP_E_NOT_FOUND. */
HP_API hp_status hp_exercise_contraindication(const hp_ontology *onto, size_t e, size_t j,
                                              hp_contraindication *out);
/**
 * Whether exercise @p e is contraindicated for condition @p c.
 * @return 1 if it is, 0 if not (or out of range).
 */
HP_API int hp_exercise_contraindicated(const hp_ontology *onto, size_t e, size_t c);

#ifdef __cplusplus
}
#endif

#endif /* HIPPAIN_ONTOLOGY_H */
