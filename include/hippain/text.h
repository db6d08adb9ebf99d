/**
 * @file text.h
 * @brief Text intake: a runner's own words (English, German, Spanish) to findings and
 *        runner numbers, by rules and the ontology's lexicon (no network, no model).
 *
 * The phrases per finding and language, and the cue words (negation, clause boundary,
 * filler words, laterality), are the ontology's `<lexicon>` sections (data/FORMAT.md), so
 * an extension can add its own. The grammar is in the library: case folding (accents
 * and umlauts match unaccented, ß = ss), tokens, longest phrase first with one typo allowed
 * in words of 5 letters or more (never for a word the lexicon has as it is), negation up
 * to the end of the clause (punctuation or a boundary cue), a negation just after the
 * findings it negates ("fever: none") or answering a question ("Fever? No."), double
 * negation ("can't sit without it aching", "nicht ohne") stating what it names, a
 * negation inside a phrase ("Sitzen tut nicht weh"), "but not anymore", "kann nicht" /
 * "no puedo" as inability, elliptical activities ("Laufen auch", "al caminar, correr"),
 * pain-verb forms ("dolía" = "duele"), German place compounds ("Knieschmerzen"), Spanish
 * plurals and German verb persons ("nocturnos", "drauf liege"), a phrase giving way to a
 * longer one overlapping it, rest with easing ("in Ruhe wird's besser") or with a negated
 * verb of helping ("resting hasn't fixed it"), "immer schlimmer, je länger" as worse with
 * activity, a correlative "ni" under a negation, "sometimes not", and
 * numbers with units (km, k, miles, "a week", "pro Woche", "por
 * semana"; "from 20 to 30 miles"; age "I'm 34", "34yo", "tengo 34 años", "51F").
 */
#ifndef HIPPAIN_TEXT_H
#define HIPPAIN_TEXT_H

#include <stddef.h>

#include "hippain/enums.h"
#include "hippain/error.h"
#include "hippain/export.h"
#include "hippain/ontology.h"
#include "hippain/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Maximum size of a text given to hp_text_parse() in bytes (64 KiB). */
#define HP_MAX_TEXT_BYTES ((size_t)64 * 1024)

/** Opaque result of hp_text_parse(); immutable, keeps its ontology alive. */
typedef struct hp_text_result hp_text_result;

/** The side a finding's clause names. */
typedef enum hp_side {
    HP_SIDE_UNKNOWN = 0, /**< No side said. */
    HP_SIDE_LEFT,        /**< "left", "links", "izquierda" */
    HP_SIDE_RIGHT,       /**< "right", "rechts", "derecha" */
    HP_SIDE_BOTH         /**< "both", "beide", "ambas" */
} hp_side;

/** A finding the text states, present or absent. */
typedef struct hp_text_finding {
    size_t finding;    /**< Finding index in the ontology. */
    hp_answer answer;  /**< HP_ANSWER_PRESENT, or HP_ANSWER_ABSENT when negated. */
    size_t offset;     /**< Byte offset of the words behind it in the text. */
    size_t length;     /**< Their length in bytes. */
    double confidence; /**< 0-1: lower for typos, skipped words and negation. */
    hp_side side;      /**< The side named in the same clause. */
} hp_text_finding;

/** A runner number the text states (converted to km for distances). */
typedef struct hp_text_number {
    hp_runner_field field; /**< Which runner field. */
    double value;          /**< Its value (km, years, days). */
    size_t offset;         /**< Byte offset of the words behind it. */
    size_t length;         /**< Their length in bytes. */
} hp_text_number;

/**
 * Parse @p text (@p size bytes of UTF-8, at most HP_MAX_TEXT_BYTES) with the lexicon of
 * language @p lang ("en", "de", "es", or any language of the ontology's lexicon; NULL =
 * detect: the languages whose cue words the text uses most, several for a mixed text).
 * @return HP_OK and @p *out (free with hp_text_result_free()); HP_E_INVALID for NULL
 *         arguments; HP_E_PARSE for invalid UTF-8 (the message names the byte offset);
 *         HP_E_LIMIT for a text over HP_MAX_TEXT_BYTES; HP_E_NOMEM.
 */
HP_API hp_status hp_text_parse(const hp_ontology *onto, const char *text, size_t size,
                               const char *lang, hp_text_result **out, hp_error *err);

/** Free a result. NULL is allowed. */
HP_API void hp_text_result_free(hp_text_result *result);

/** @return the number of findings found (each finding at most once, first mention). */
HP_API size_t hp_text_result_finding_count(const hp_text_result *result);

/**
 * @return finding @p i in text order, or NULL if out of range. The pointer borrows from
 *         the result (valid as long as it); hp_text_result_get_finding() copies instead.
 */
HP_API const hp_text_finding *hp_text_result_finding(const hp_text_result *result, size_t i);

/**
 * Copy finding @p i (in text order) into the caller's @p *out.
 * @return HP_OK; HP_E_INVALID for a NULL result or @p out; HP_E_NOT_FOUND when @p i is not
 *         below hp_text_result_finding_count() (the message names both). @p *out is
 *         zeroed on error.
 */
HP_API hp_status hp_text_result_get_finding(const hp_text_result *result, size_t i,
                                            hp_text_finding *out, hp_error *err);

/** @return the number of runner numbers found (each field at most once). */
HP_API size_t hp_text_result_number_count(const hp_text_result *result);

/**
 * @return number @p i, or NULL if out of range. The pointer borrows from the result;
 *         hp_text_result_get_number() copies instead.
 */
HP_API const hp_text_number *hp_text_result_number(const hp_text_result *result, size_t i);

/**
 * Copy number @p i into the caller's @p *out.
 * @return HP_OK; HP_E_INVALID for a NULL result or @p out; HP_E_NOT_FOUND when @p i is not
 *         below hp_text_result_number_count(). @p *out is zeroed on error.
 */
HP_API hp_status hp_text_result_get_number(const hp_text_result *result, size_t i,
                                           hp_text_number *out, hp_error *err);

/** @return the sex the text states (HP_SEX_UNKNOWN if none). */
HP_API hp_sex hp_text_result_sex(const hp_text_result *result);

/**
 * @return the languages the text was read in, comma-separated ("en" or "en,de"); valid as
 *         long as the result.
 */
HP_API const char *hp_text_result_languages(const hp_text_result *result);

/**
 * @return the text that was parsed (a copy, NUL-terminated, valid as long as the result;
 *         the findings' and numbers' offsets point into it); its size in @p size if not
 *         NULL.
 */
HP_API const char *hp_text_result_text(const hp_text_result *result, size_t *size);

/** @return the name of a side ("unknown", "left", "right", "both"). */
HP_API const char *hp_side_name(hp_side side);

/**
 * Set what the result found in @p profile (of the same ontology): the findings' answers,
 * the runner numbers and the sex. @return HP_OK, HP_E_INVALID for NULL arguments or a
 * profile of another ontology, or the profile's error for a number out of its range.
 */
HP_API hp_status hp_text_result_apply(const hp_text_result *result, hp_profile *profile,
                                      hp_error *err);

#ifdef __cplusplus
}
#endif

#endif
