/* List the conditions of the default ontology with their strongest findings.
 * Usage: list_conditions [LANG] */
#include <stdio.h>

#include <hippain/hippain.h>

#define TOP 3

int main(int argc, char **argv) {
    const char *lang = argc > 1 ? argv[1] : NULL;
    hp_ontology *onto = NULL;
    hp_error err = {0};
    if (hp_ontology_load_default(&onto, &err) != HP_OK) {
        fprintf(stderr, "list_conditions: %s\n", err.message);
        return 1;
    }
    for (size_t c = 0; c < hp_ontology_count(onto, HP_ENTITY_CONDITION); c++) {
        hp_condition_info info;
        hp_ontology_condition(onto, c, &info);
        printf("%s (%s, prior %.1f%%)\n",
               hp_ontology_text(onto, HP_ENTITY_CONDITION, c, HP_TEXT_LABEL, lang), info.id,
               info.prior * 100);
        /* the TOP links with the highest strength */
        size_t best[TOP];
        size_t n_best = 0;
        for (size_t j = 0; j < info.n_evidence; j++) {
            hp_evidence_link l, m;
            hp_condition_evidence(onto, c, j, &l);
            size_t k = n_best < TOP ? n_best++ : TOP;
            while (k > 0) {
                hp_condition_evidence(onto, c, best[k - 1], &m);
                if (m.strength >= l.strength)
                    break;
                if (k < TOP)
                    best[k] = best[k - 1];
                k--;
            }
            if (k < TOP)
                best[k] = j;
        }
        for (size_t k = 0; k < n_best; k++) {
            hp_evidence_link l;
            hp_condition_evidence(onto, c, best[k], &l);
            printf("    %3.0f%%  %s  [%s]\n", l.strength * 100,
                   hp_ontology_text(onto, HP_ENTITY_FINDING, l.finding, HP_TEXT_LABEL, lang),
                   l.sources);
        }
    }
    hp_ontology_free(onto);
    return 0;
}
