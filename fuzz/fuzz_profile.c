/* libFuzzer target: a profile in JSON, parsed and written back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hp_ontology *onto;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!onto && hp_ontology_load_default(&onto, NULL) != HP_OK)
        abort();
    hp_profile *p = NULL;
    hp_error err;
    if (hp_profile_from_json(onto, (const char *)data, size, "fuzz.json", &p, &err) != HP_OK)
        return 0;
    char *out = NULL;
    if (hp_profile_to_json(p, &out, &err) != HP_OK)
        abort();
    /* what we write, we read back to the same text */
    hp_profile *q = NULL;
    char *again = NULL;
    if (hp_profile_from_json(onto, out, strlen(out), "again", &q, &err) != HP_OK ||
        hp_profile_to_json(q, &again, &err) != HP_OK || strcmp(out, again) != 0)
        abort();
    hp_string_free(again);
    hp_string_free(out);
    hp_profile_free(q);
    hp_profile_free(p);
    return 0;
}
