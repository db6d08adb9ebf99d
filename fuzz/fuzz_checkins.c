/* libFuzzer target: check-ins in JSON, parsed, written back and read to the same text,
   decided under both pain models and used to revise a plan. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hp_ontology *onto;
static hp_profile *profile;
static hp_plan *plan;

/* A runner with a run log and lateral hip pain, and a 12-week plan. */
static void setup(void) {
    hp_assessment *a = NULL;
    hp_plan_options opt = {.weeks = 12, .start_date = "2026-01-05"};
    if (hp_ontology_load_default(&onto, NULL) != HP_OK ||
        hp_profile_new(onto, &profile, NULL) != HP_OK ||
        hp_profile_add_run(profile, "2026-01-02", 8.0, 48, 0, NULL) != HP_OK ||
        hp_profile_add_run(profile, "2025-12-30", 5.0, 30, 0, NULL) != HP_OK ||
        hp_profile_set(profile, "pain_lateral_hip", HP_ANSWER_PRESENT, NULL) != HP_OK ||
        hp_assess(profile, &a, NULL) != HP_OK || hp_plan_new(a, &opt, &plan, NULL) != HP_OK)
        abort();
    hp_assessment_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!onto)
        setup();
    hp_checkins *cs = NULL;
    hp_error err;
    if (hp_checkins_from_json(onto, (const char *)data, size, "fuzz.json", &cs, &err) != HP_OK)
        return 0;
    char *out = NULL, *again = NULL;
    hp_checkins *cs2 = NULL;
    if (hp_checkins_to_json(cs, &out, &err) != HP_OK ||
        hp_checkins_from_json(onto, out, strlen(out), "again", &cs2, &err) != HP_OK ||
        hp_checkins_to_json(cs2, &again, &err) != HP_OK || strcmp(out, again) != 0)
        abort();
    hp_checkin_decision d;
    for (size_t i = 0; i < hp_checkins_count(cs); i++)
        if (hp_checkins_decide_model(cs, i, HP_PAIN_MODEL_SOFT_TISSUE, &d) != HP_OK ||
            hp_checkins_decide_model(cs, i, HP_PAIN_MODEL_BONE, &d) != HP_OK || !d.reason)
            abort();
    hp_revision *r = NULL;
    char *js = NULL;
    if (hp_plan_revise(plan, profile, cs, NULL, &r, &err) == HP_OK) {
        if (hp_revision_decision_count(r) != hp_checkins_count(cs) ||
            hp_revision_to_json(r, &js, &err) != HP_OK)
            abort();
    }
    hp_string_free(js);
    hp_revision_free(r);
    hp_string_free(again);
    hp_string_free(out);
    hp_checkins_free(cs2);
    hp_checkins_free(cs);
    return 0;
}
