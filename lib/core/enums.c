/* The closed vocabularies' stable names: hp_enum_name() and hp_enum_parse(). */
#include <string.h>

#include "hippain/enums.h"

static const char *const entity_kinds[] = {"source",       "finding",  "condition", "red_flag",
                                           "derived_rule", "exercise", "advice"};
static const char *const answers[] = {"unknown", "absent", "present"}; /* value + 1 */
static const char *const finding_kinds[] = {"symptom", "sign", "history", "risk_factor"};
static const char *const finding_groups[] = {"location",     "quality",    "timing",
                                             "aggravating",  "associated", "training",
                                             "biomechanics", "history"};
static const char *const seriousness[] = {"mild", "moderate", "serious", "emergency"};
static const char *const triage[] = {"self_care", "see_clinician", "urgent"};
static const char *const phases[] = {"settle", "strengthen", "return", "build"};
static const char *const exercise_kinds[] = {"strength", "mobility",  "stretch",
                                             "warm_up",  "cool_down", "cross_training"};
static const char *const efforts[] = {"easy", "moderate", "somewhat_hard", "hard"};
static const char *const advice_categories[] = {"training",    "form", "footwear",      "recovery",
                                                "pain_relief", "care", "cross_training"};
static const char *const metrics[] = {"weekly_increase_pct",
                                      "long_run_increase_pct",
                                      "acute_chronic_ratio",
                                      "cadence_spm",
                                      "shoe_km",
                                      "run_days_per_week",
                                      "age",
                                      "female"};
static const char *const compares[] = {"lt", "le", "gt", "ge"};
static const char *const text_fields[] = {"label", "description", "question", "message",
                                          "text",  "cue",         "citation"};
static const char *const session_kinds[] = {"run",     "walk_run",  "strength",       "mobility",
                                            "warm_up", "cool_down", "cross_training", "rest"};
static const char *const checkin_actions[] = {"progress", "hold", "step_back", "reassess"};

#define TABLE(t, off) \
    { t, sizeof t / sizeof t[0], off }

static const struct {
    const char *const *names;
    int count;
    int offset; /* value = position + offset */
} tables[HP_ENUM_TYPE_COUNT] = {
    TABLE(entity_kinds, 0),    TABLE(answers, -1),
    TABLE(finding_kinds, 0),   TABLE(finding_groups, 0),
    TABLE(seriousness, 0),     TABLE(triage, 0),
    TABLE(phases, 0),          TABLE(exercise_kinds, 0),
    TABLE(efforts, 0),         TABLE(advice_categories, 0),
    TABLE(metrics, 0),         TABLE(compares, 0),
    TABLE(text_fields, 0),     TABLE(session_kinds, 0),
    TABLE(checkin_actions, 0),
};

const char *hp_enum_name(hp_enum_type type, int value) {
    if ((int)type < 0 || type >= HP_ENUM_TYPE_COUNT)
        return NULL;
    int pos = value - tables[type].offset;
    if (pos < 0 || pos >= tables[type].count)
        return NULL;
    return tables[type].names[pos];
}

hp_status hp_enum_parse(hp_enum_type type, const char *name, int *value) {
    if ((int)type < 0 || type >= HP_ENUM_TYPE_COUNT || !name || !value)
        return HP_E_INVALID;
    for (int i = 0; i < tables[type].count; i++) {
        if (strcmp(tables[type].names[i], name) == 0) {
            *value = i + tables[type].offset;
            return HP_OK;
        }
    }
    return HP_E_NOT_FOUND;
}
