/*
 * Top-1, top-3 and triage accuracy of the default ontology over the vignettes, with the
 * under-triage count (must be zero). Usage: vignette_accuracy VIGNETTES.json
 * Exit status 1 when top-3 accuracy is below 90%, triage below 100% or any under-triage.
 */
#include <jansson.h>
#include <stdio.h>

#include "vignettes.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: vignette_accuracy VIGNETTES.json\n");
        return 2;
    }
    json_error_t jerr;
    json_t *all = json_load_file(argv[1], 0, &jerr);
    if (!json_is_array(all)) {
        fprintf(stderr, "%s:%d: %s\n", argv[1], jerr.line, jerr.text);
        return 2;
    }
    hp_ontology *o = NULL;
    hp_error err = {0};
    if (hp_ontology_load_default(&o, &err) != HP_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    size_t n = json_array_size(all), top1 = 0, top3 = 0, triage = 0, under = 0;
    size_t per_level[3] = {0}, per_level_ok[3] = {0};
    for (size_t i = 0; i < n; i++) {
        hp_vignette_result r;
        if (hp_vignette_run(o, json_array_get(all, i), &r, &err) != HP_OK) {
            fprintf(stderr, "%s: %s\n", err.file, err.message);
            return 1;
        }
        int expect = 0;
        hp_enum_parse(HP_ENUM_TRIAGE, r.expect_triage, &expect);
        top1 += r.rank == 1;
        top3 += r.rank >= 1 && r.rank <= 3;
        triage += (size_t)r.triage_ok;
        under += (int)r.triage < expect;
        per_level[expect]++;
        per_level_ok[expect] += (size_t)r.triage_ok;
        if (r.rank != 1 || !r.triage_ok)
            printf("  miss: %-50.50s expected %s (rank %d, top %s), triage %s/%s\n", r.name,
                   r.expect_cause, r.rank, r.top_cause, hp_enum_name(HP_ENUM_TRIAGE, r.triage),
                   r.expect_triage);
    }
    printf("vignettes: %zu\n", n);
    printf("top1_accuracy: %.3f\n", (double)top1 / (double)n);
    printf("top3_accuracy: %.3f\n", (double)top3 / (double)n);
    printf("triage_accuracy: %.3f\n", (double)triage / (double)n);
    for (int l = 0; l < 3; l++)
        printf("triage_accuracy_%s: %.3f (%zu)\n", hp_enum_name(HP_ENUM_TRIAGE, l),
               per_level[l] ? (double)per_level_ok[l] / (double)per_level[l] : 1.0, per_level[l]);
    printf("under_triage: %zu\n", under);
    hp_ontology_free(o);
    json_decref(all);
    return (top3 * 10 < n * 9 || triage != n || under) ? 1 : 0;
}
