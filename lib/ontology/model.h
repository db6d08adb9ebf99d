/*
 * The in-memory ontology: compact, immutable after loading, shared by threads.
 *
 * All strings live in one arena (`strings`) and are referred to by 32-bit offsets;
 * offset 0 is the empty string and stands for "none". Entries of each kind are in
 * arrays indexed by their dense index. Variable-length relations (a condition's
 * evidence, an exercise's contraindications, ...) are ranges [first, first + count)
 * into shared arrays. Reverse indexes (finding -> evidence links, finding -> red flags)
 * let an assessment touch only what the profile says.
 */
#ifndef HIPPAIN_LIB_MODEL_H
#define HIPPAIN_LIB_MODEL_H

#include <math.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "hippain/ontology.h"

typedef uint32_t hp__str; /* offset into hp_ontology.strings; 0 = none */

typedef struct hp__range {
    uint32_t first;
    uint32_t count;
} hp__range;

/* Common to every entry. */
typedef struct hp__entry {
    hp__str id;
    hp__str sources; /* space-separated source ids */
    hp__range texts; /* into hp_ontology.texts, sorted by field then language */
    uint32_t file;   /* index into hp_ontology.files */
    uint32_t line;
} hp__entry;

typedef struct hp__text {
    uint8_t field; /* hp_text_field */
    hp__str lang;  /* "en", "de", "de-AT" */
    hp__str text;
} hp__text;

typedef struct hp__source {
    hp__entry e;
    hp__str url;
} hp__source;

typedef struct hp__finding {
    hp__entry e;
    uint8_t kind;  /* hp_finding_kind */
    uint8_t group; /* hp_finding_group */
    double base_rate;
    hp__range treatments; /* into hp_ontology.treatments */
    hp__range links;      /* into hp_ontology.finding_links: evidence links naming it */
    hp__range red_flags;  /* into hp_ontology.finding_red_flags */
} hp__finding;

/* No presentation: a condition-wide link (hp__link.presentation, hp__flink.presentation). */
#define HP__NO_PRESENTATION UINT32_MAX

typedef struct hp__link {
    uint32_t condition;
    uint32_t finding;
    uint32_t presentation; /* index into hp_ontology.presentations, or HP__NO_PRESENTATION */
    double strength;
    double weight_present; /* log(strength / base_rate) */
    double weight_absent;  /* log((1 - strength) / (1 - base_rate)) */
    hp__str sources;
} hp__link;

/* A link seen from its finding: what scoring an answer needs, next to each other. A
   condition-wide link's weights are its own; a presentation's link holds what it adds to
   that presentation's score: its weights minus those of the condition-wide link of the
   same finding (0 where there is none). */
typedef struct hp__flink {
    uint32_t condition;
    uint32_t link;         /* index into hp_ontology.links */
    uint32_t presentation; /* HP__NO_PRESENTATION, or the presentation it belongs to */
    double weight_present, weight_absent;
} hp__flink;

/* A presentation of a condition (a site, a form) with evidence of its own: the condition's
   likelihood is the share-weighted mixture of its presentations' likelihoods, each the
   condition-wide links with the presentation's own links in place of those of the same
   finding. */
typedef struct hp__presentation {
    hp__str id;
    hp__str sources;
    uint32_t condition;
    double share; /* normalised over the condition's presentations */
    double log_share;
    hp__range links; /* into hp_ontology.links (after every condition-wide link) */
    hp__range texts; /* into hp_ontology.texts: its labels (none, or one in English) */
    uint32_t file, line;
} hp__presentation;

typedef struct hp__treatment {
    uint8_t kind;  /* HP_ENTITY_EXERCISE or HP_ENTITY_ADVICE */
    uint8_t phase; /* hp_phase */
    uint32_t index;
    hp__str sources;
} hp__treatment;

typedef struct hp__condition {
    hp__entry e;
    double prior; /* normalised */
    double log_prior;
    double suspect_at;
    uint8_t seriousness;     /* hp_seriousness */
    hp__range links;         /* into hp_ontology.links: the condition-wide ones */
    hp__range presentations; /* into hp_ontology.presentations (count 0: none) */
    hp__range treatments;    /* into hp_ontology.treatments */
} hp__condition;

typedef struct hp__red_flag {
    hp__entry e;
    uint8_t level;      /* hp_triage_level */
    int32_t condition;  /* the condition a don't-miss rule names, or -1 */
    hp__range findings; /* into hp_ontology.red_flag_findings (and red_flag_groups) */
} hp__red_flag;

typedef struct hp__derived_rule {
    hp__entry e;
    uint32_t finding;
    uint8_t metric; /* hp_metric */
    uint8_t op;     /* hp_compare */
    double threshold;
} hp__derived_rule;

typedef struct hp__dosing {
    int16_t sets, reps, hold_seconds, minutes, days_per_week;
    uint8_t effort;
    hp__str sources;
} hp__dosing;

typedef struct hp__progression {
    int16_t every_weeks;
    int16_t add_sets, max_sets, add_reps, max_reps;
    int16_t add_hold_seconds, max_hold_seconds, add_minutes, max_minutes;
    uint8_t effort;
    hp__str sources;
} hp__progression;

typedef struct hp__contra {
    uint32_t condition;
    hp__str reason;
    hp__str sources;
} hp__contra;

typedef struct hp__exercise {
    hp__entry e;
    uint8_t kind; /* hp_exercise_kind */
    hp__str targets;
    hp__dosing dosing;
    hp__progression progression;
    hp__range contras; /* into hp_ontology.contras */
} hp__exercise;

typedef struct hp__advice {
    hp__entry e;
    uint8_t category; /* hp_advice_category */
} hp__advice;

/* Sorted id index entry for lookup by id. */
typedef struct hp__id_slot {
    hp__str id;
    uint8_t kind;
    uint32_t index;
} hp__id_slot;

/* A lexicon entry (<lexicon> sections): a phrase naming a finding, or a cue word of the
   text intake's grammar (negation, clause boundary), in one language. */
enum {
    HP__PHRASE_FINDING = 0,
    HP__PHRASE_NEGATION, /* "no", "kein": negates what follows in the clause */
    HP__PHRASE_BOUNDARY, /* "but", "aber": ends a clause */
    HP__PHRASE_FILLER,   /* "my", "the": may stand between a phrase's words */
    HP__PHRASE_LEFT,
    HP__PHRASE_RIGHT,
    HP__PHRASE_BOTH,
    HP__PHRASE_NEGATION_AFTER, /* "fine", "kein Problem": negates the findings just before */
    HP__PHRASE_IGNORE,         /* "not only", "nicht nur": words that mean nothing here */
    HP__PHRASE_KIND_COUNT
};
typedef struct hp__phrase {
    uint32_t finding; /* finding index (HP__PHRASE_FINDING only) */
    uint8_t kind;     /* HP__PHRASE_* */
    uint8_t absent;   /* HP__PHRASE_FINDING: the words state the finding absent ("skinny") */
    hp__str lang;
    hp__str text;
    uint32_t requires;   /* the finding only when this one is present in the text; UINT32_MAX */
    uint32_t also;       /* a second finding the words state; UINT32_MAX none */
    uint8_t also_absent; /* the words state it absent (its answer, as absent is the finding's) */
} hp__phrase;

struct hp_ontology {
    atomic_size_t refs;
    hp_allocator alloc;
    size_t bytes; /* memory held, for hp_ontology_memory() */
    hp__str name, version;

    char *strings;
    size_t strings_size;

    hp__str *files; /* input names */
    size_t n_files;

    hp__text *texts;
    size_t n_texts;

    hp__source *sources;
    size_t n_sources;
    hp__finding *findings;
    size_t n_findings;
    hp__condition *conditions;
    size_t n_conditions;
    hp__red_flag *red_flags;
    size_t n_red_flags;
    hp__derived_rule *derived;
    size_t n_derived;
    hp__exercise *exercises;
    size_t n_exercises;
    hp__advice *advice;
    size_t n_advice;

    hp__link *links; /* condition-wide links grouped by condition, then every presentation's
                        links grouped by presentation */
    size_t n_links;
    hp__presentation *presentations; /* grouped by condition */
    size_t n_presentations;
    uint32_t *mixed; /* the conditions with presentations, ascending */
    size_t n_mixed;
    hp__flink *finding_links;  /* the links again, grouped by finding */
    hp__treatment *treatments; /* grouped by condition, then by finding */
    size_t n_treatments;
    uint32_t *red_flag_findings; /* finding indices grouped by rule */
    uint16_t *red_flag_groups;   /* per red_flag_findings entry: its group within the rule
                                    (an <any-of>, or a plain <when> alone); the findings of
                                    a group are next to each other, groups count from 0 */
    size_t n_red_flag_findings;
    uint32_t *finding_red_flags; /* rule indices grouped by finding */
    hp__contra *contras;         /* grouped by exercise */
    size_t n_contras;

    hp__phrase *phrases; /* the lexicon, in document order */
    size_t n_phrases;
    struct hp__lexicon *lexicon; /* the phrases compiled for matching (ontology/lexicon.h) */

    hp__id_slot *ids; /* sorted by id string */
    size_t n_ids;

    /* Conditions sorted by descending prior, ties by id (for ranking untouched causes). */
    uint32_t *prior_order;
    uint32_t *prior_rank; /* per condition: its position in prior_order */
    double prior_total;   /* sum of the normalised priors (about 1) */
    /* Serious and emergency conditions by ascending suspect_at / prior: the order in which
       they become suspected as the probability scale of untouched causes grows. */
    uint32_t *serious_order;
    size_t n_serious;
    /* Derived-finding rules grouped by metric, in index order within a metric. */
    uint32_t *derived_order;
    hp__range derived_by_metric[HP_METRIC_COUNT];
};

/* The string at offset s ("" for 0). */
static inline const char *hp__s(const hp_ontology *o, hp__str s) { return o->strings + s; }
/* The string at offset s, or NULL for 0. */
static inline const char *hp__s_or_null(const hp_ontology *o, hp__str s) {
    return s ? o->strings + s : NULL;
}

/* log(sum exp(v[i])) over n > 0 values: how a condition with presentations mixes their
   scores. */
static inline double hp__log_sum_exp(const double *v, size_t n) {
    double top = v[0], z = 0;
    for (size_t i = 1; i < n; i++)
        if (v[i] > top)
            top = v[i];
    for (size_t i = 0; i < n; i++)
        z += exp(v[i] - top);
    return top + log(z);
}

/* The entry header of entry `index` of `kind`, or NULL if out of range. */
const hp__entry *hp__entry_of(const hp_ontology *o, hp_entity_kind kind, size_t index);

#endif /* HIPPAIN_LIB_MODEL_H */
