/* Assess a runner's profile and print an 8-week plan as Markdown.
 * Usage: print_plan [PROFILE.json]  (default: examples/profiles/lateral_hip.json) */
#include <stdio.h>
#include <stdlib.h>

#include <hippain/hippain.h>

#define DEFAULT_PROFILE "examples/profiles/lateral_hip.json"

/* Read a whole file; NULL on failure. */
static char *slurp(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, len = 0, n;
    do {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    fclose(f);
    buf[len] = '\0';
    *size = len;
    return buf;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : DEFAULT_PROFILE;
    hp_error err = {0};
    hp_ontology *onto = NULL;
    hp_profile *profile = NULL;
    hp_assessment *assessment = NULL;
    hp_plan *plan = NULL;
    char *md = NULL, *json = NULL;
    size_t size = 0;
    char msg[512];
    int rc = 1;
    if (hp_ontology_load_default(&onto, &err) != HP_OK)
        goto fail;
    json = slurp(path, &size);
    if (!json) {
        fprintf(stderr, "print_plan: cannot read %s\n", path);
        goto done;
    }
    if (hp_profile_from_json(onto, json, size, path, &profile, &err) != HP_OK ||
        hp_assess(profile, &assessment, &err) != HP_OK)
        goto fail;
    hp_plan_options options = {0};
    options.weeks = 8;
    if (hp_plan_new(assessment, &options, &plan, &err) != HP_OK ||
        hp_plan_to_markdown(plan, &md, &err) != HP_OK)
        goto fail;
    fputs(md, stdout);
    rc = 0;
    goto done;
fail:
    hp_error_format(&err, msg, sizeof msg);
    fprintf(stderr, "print_plan: %s\n", msg);
done:
    hp_string_free(md);
    hp_plan_free(plan);
    hp_assessment_free(assessment);
    hp_profile_free(profile);
    hp_ontology_free(onto);
    free(json);
    return rc;
}
