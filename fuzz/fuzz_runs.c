/* libFuzzer target: a watch file (GPX 1.1 or TCX) imported into a profile's run log. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hp_ontology *onto;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!onto && hp_ontology_load_default(&onto, NULL) != HP_OK)
        abort();
    hp_profile *p = NULL;
    if (hp_profile_new(onto, &p, NULL) != HP_OK)
        abort();
    size_t n = 0;
    hp_error err;
    hp_status st = hp_profile_import_runs(p, (const char *)data, size, "fuzz", &n, &err);
    /* all or nothing, and what was added can be written out */
    size_t count = hp_profile_run_count(p);
    if (st == HP_OK ? count != n : count != 0 || n != 0)
        abort();
    char *json = NULL;
    if (hp_profile_to_json(p, &json, &err) != HP_OK)
        abort();
    hp_string_free(json);
    hp_profile_free(p);
    return 0;
}
