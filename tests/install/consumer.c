/* A program using an installed libhippain, built by install_test.sh through pkg-config and
 * through find_package(hippain). */
#include <stdio.h>

#include <hippain/hippain.h>

int main(void) {
    if (hp_version_number() != HP_VERSION_NUMBER) {
        fprintf(stderr, "header version %d but library version %d\n", HP_VERSION_NUMBER,
                hp_version_number());
        return 1;
    }
    hp_error err;
    hp_error_clear(&err);
    hp_ontology *onto = NULL;
    hp_status st = hp_ontology_load_default(&onto, &err);
    if (st != HP_OK) {
        char msg[1024];
        hp_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "hp_ontology_load_default: %s (%s)\n", hp_strerror(st), msg);
        return 1;
    }
    printf("libhippain %s: default ontology with %zu conditions, %zu findings\n",
           hp_version_string(), hp_ontology_count(onto, HP_ENTITY_CONDITION),
           hp_ontology_count(onto, HP_ENTITY_FINDING));
    hp_ontology_free(onto);
    return 0;
}
