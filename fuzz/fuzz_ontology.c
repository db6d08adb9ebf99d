/*
 * libFuzzer target: an ontology document from memory, read without the schema, so that
 * most runs are fast. A first byte of 1 or 2 is a mode and not part of the document:
 * 1 checks it against the RELAX NG schema too (compiling the schema costs as much as some
 * 20 documents read without it), 2 loads it on top of the default ontology, schema
 * included (some 80). Any other first byte starts the document, so the seeds are plain
 * ontology files.
 */
#include <stddef.h>
#include <stdint.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hp_load_options opt = {HP_LOAD_SKIP_SCHEMA, 1u << 20, NULL};
    if (size > 0 && (data[0] == 1 || data[0] == 2)) {
        opt.flags = data[0] == 1 ? 0 : HP_LOAD_WITH_DEFAULT;
        data++;
        size--;
    }
    hp_input in = {"fuzz.xml", data, size};
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
