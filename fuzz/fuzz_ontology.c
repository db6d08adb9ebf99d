/*
 * libFuzzer target: an ontology document from memory. The first byte picks the mode, so
 * that most runs are fast: the reader alone (no schema), with the RELAX NG schema, or on
 * top of the default ontology.
 */
#include <stddef.h>
#include <stdint.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    unsigned mode = data[0];
    hp_input in = {"fuzz.xml", data + 1, size - 1};
    hp_load_options opt = {HP_LOAD_SKIP_SCHEMA, 1u << 20, NULL};
    if (mode % 16 == 1)
        opt.flags = 0; /* schema */
    else if (mode % 64 == 2)
        opt.flags = HP_LOAD_WITH_DEFAULT; /* extension of the default, schema too */
    hp_ontology *o = NULL;
    hp_error err;
    if (hp_ontology_load(&in, 1, &opt, &o, &err) == HP_OK) {
        /* walk what was loaded */
        for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++)
            for (size_t i = 0; i < hp_ontology_count(o, (hp_entity_kind)k); i++)
                (void)hp_ontology_text(o, (hp_entity_kind)k, i, HP_TEXT_LABEL, "de-AT");
        hp_ontology_free(o);
    }
    return 0;
}
