/* libFuzzer target: an ontology document from memory, alone and on top of the default. */
#include <stddef.h>
#include <stdint.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hp_input in = {"fuzz.xml", data, size};
    hp_load_options opt = {0, 1u << 20, NULL};
    hp_ontology *o = NULL;
    hp_error err;
    if (hp_ontology_load(&in, 1, &opt, &o, &err) == HP_OK) {
        /* walk what was loaded */
        for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++)
            for (size_t i = 0; i < hp_ontology_count(o, (hp_entity_kind)k); i++)
                (void)hp_ontology_text(o, (hp_entity_kind)k, i, HP_TEXT_LABEL, "de-AT");
        hp_ontology_free(o);
    }
    opt.flags = HP_LOAD_WITH_DEFAULT;
    if (hp_ontology_load(&in, 1, &opt, &o, &err) == HP_OK)
        hp_ontology_free(o);
    return 0;
}
