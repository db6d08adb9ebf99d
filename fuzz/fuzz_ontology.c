/*
 * libFuzzer target: an ontology document from memory, read without the schema, so that
 * most runs are fast. A hash of the input picks the slower modes, 1 input in 512 each:
 * checking against the RELAX NG schema too (compiling the schema costs as much as some
 * 20 documents read without it), and loading on top of the default ontology, schema
 * included (some 100). A hash rather than a mode byte, so that the fuzzer cannot steer
 * most of its corpus into the slow modes (which cut the executions per second tenfold).
 */
#include <stddef.h>
#include <stdint.h>

#include <hippain/hippain.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    hp_load_options opt = {HP_LOAD_SKIP_SCHEMA, 1u << 20, NULL};
    if (h % 512 == 0)
        opt.flags = 0; /* schema */
    else if (h % 512 == 1)
        opt.flags = HP_LOAD_WITH_DEFAULT; /* extension of the default, schema too */
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
