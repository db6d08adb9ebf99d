/* The loader's builder (lib/ontology/loader.c), shared with the lexicon's reader
   (lexicon_load.c): the entries of every input staged before the semantic checks, and
   the helpers that read elements and record errors with file:line. */
#ifndef HP_ONTOLOGY_LOADER_INTERNAL_H
#define HP_ONTOLOGY_LOADER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "ontology/model.h"
#include "ontology/xml_tree.h"

#define HP_NS "urn:x-hippain:ontology:1"

typedef struct loc {
    uint32_t file;
    uint32_t line;
} loc;

/* The owner kind of a presentation's texts (st_text.owner_kind): not an entity kind, after
   them all, so that its texts sort after every entry's. */
#define HP__OWNER_PRESENTATION HP_ENTITY_KIND_COUNT

typedef struct st_text {
    uint8_t owner_kind; /* entity kind, HP__OWNER_PRESENTATION, or 0xff: resolve owner_ref */
    uint32_t owner;     /* index, when owner_kind is a kind */
    hp__str owner_ref;  /* id, for translations */
    uint8_t field;
    hp__str lang, text;
    loc at;
} st_text;

typedef struct st_link {
    uint32_t condition;
    uint32_t presentation; /* index into builder.presentations, or HP__NO_PRESENTATION */
    hp__str finding_ref;
    double strength;
    hp__str sources;
    loc at;
} st_link;

typedef struct st_treat {
    uint8_t owner_kind; /* HP_ENTITY_CONDITION or HP_ENTITY_FINDING */
    uint32_t owner;
    uint8_t target_kind; /* HP_ENTITY_EXERCISE or HP_ENTITY_ADVICE */
    hp__str target_ref;
    uint8_t phase;
    hp__str sources;
    loc at;
} st_treat;

typedef struct st_ref {
    uint32_t owner;
    hp__str ref;
    hp__str reason, sources;
    uint32_t group; /* red-flag findings: the group within the rule */
    loc at;
} st_ref;

typedef struct st_phrase {
    hp__str finding_ref; /* resolved to the finding's index by check_lexicon */
    uint8_t kind;
    uint8_t absent; /* <phrases answer="absent"> */
    hp__str lang, text;
    loc at;
    hp__str requires_ref; /* <phrases requires="id">, 0 none */
    uint32_t requires;    /* its finding's index (check_lexicon), UINT32_MAX none */
    hp__str also_ref;     /* <phrases also="id">, 0 none */
    uint32_t also;        /* its finding's index (check_lexicon), UINT32_MAX none */
    uint8_t also_absent;  /* <phrases also-answer="absent"> (default: answer's) */
} st_phrase;

#define VEC(T)         \
    struct {           \
        T *v;          \
        size_t n, cap; \
    }

typedef struct builder {
    const hp_allocator *a;
    hp_error *err;
    hp_status status;

    /* string arena with an open-addressing intern table */
    char *str;
    size_t slen, scap;
    uint32_t *slots;
    size_t nslots, nstrs;

    VEC(hp__str) files;
    VEC(hp_input) texts_of_files; /* each input's bytes, kept for error columns */
    VEC(char *) owned;            /* file contents read by the loader */
    VEC(hp__source) sources;
    VEC(hp__finding) findings;
    VEC(hp__condition) conditions;
    VEC(hp__red_flag) red_flags;
    VEC(hp__derived_rule) derived;
    VEC(loc) derived_at;
    VEC(hp__str) derived_ref;
    VEC(hp__exercise) exercises;
    VEC(hp__advice) advice;
    VEC(st_text) texts;
    VEC(st_link) links; /* grouped by condition; a presentation's links next to each other */
    VEC(hp__presentation) presentations; /* grouped by condition */
    VEC(st_treat) treats;
    VEC(st_ref) rf_findings;
    VEC(st_ref) rf_conditions; /* don't-miss rules: owner is the rule, ref the condition */
    VEC(st_ref) contras;
    VEC(st_phrase) phrases;

    hp__str name, version;
    const char *cur_file; /* name of the input being read */
    uint32_t cur_file_index;
    hp__str cur_lang; /* root language of the input being read */
} builder;

#define PUSH(b, vec, item)                                                         \
    (hp__grow((b)->a, (void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v) \
         ? ((vec).v[(vec).n++] = (item), 1)                                        \
         : (hp__ld_nomem(b), 0))

void hp__ld_nomem(builder *b);
/* Record the first error at a location. */
HP__PRINTF(4, 5) void hp__ld_fail_at(builder *b, hp_status code, loc at, const char *fmt, ...);
loc hp__ld_here(const builder *b, const hp__xml_node *n);
int hp__ld_is_el(const hp__xml_node *n, const char *name);
const char *hp__ld_attr(const hp__xml_node *n, const char *name);
const char *hp__ld_req_attr(builder *b, const hp__xml_node *n, const char *name);
hp__str hp__ld_read_id(builder *b, const hp__xml_node *n, const char *name, int source);
/* xml:lang of n or its nearest ancestor that has one, or the input's. */
hp__str hp__ld_node_lang(builder *b, const hp__xml_node *n);
void hp__ld_unexpected(builder *b, const hp__xml_node *n, const char *in);
/* The text of an element that holds only text (and comments). */
hp__str hp__ld_node_text(builder *b, const hp__xml_node *n);

/* Ids of all inputs, for resolving references. */
typedef struct resolver {
    builder *b;
    hp__id_slot *ids;
    size_t n;
} resolver;

/* Resolve a reference to an entry of `kind`; -1 and an error if it does not exist. */
long hp__ld_resolve(resolver *r, hp__str ref, int kind, loc at, const char *what);

/* The lexicon (lexicon_load.c): read a <lexicon> element; check its findings. */
void hp__lexicon_read(builder *b, const hp__xml_node *n);
void hp__lexicon_check(resolver *r);

#endif
