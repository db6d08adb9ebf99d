/*
 * Loading ontologies: parsing each input (safely, into the element tree of xml_tree.c),
 * schema validation, reading entries into a builder, semantic checks across all inputs,
 * and freezing into the compact model.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "hippain/ontology.h"
#include "ontology/lexicon.h"
#include "ontology/loader_internal.h"
#include "ontology/model.h"
#include "ontology/xml_tree.h"

#define MAX_ID_LEN 63

extern const unsigned char hp__default_xml[];
extern const size_t hp__default_xml_size;
extern const unsigned char hp__schema_rng[];
extern const size_t hp__schema_rng_size;

const char *hp_default_ontology_xml(size_t *size) {
    if (size)
        *size = hp__default_xml_size;
    return (const char *)hp__default_xml;
}

const char *hp_ontology_schema(size_t *size) {
    if (size)
        *size = hp__schema_rng_size;
    return (const char *)hp__schema_rng;
}

/* ---- Builder ------------------------------------------------------------------------ */

void hp__ld_nomem(builder *b) {
    if (b->status == HP_OK)
        b->status = hp__nomem(b->err);
}

static const char *file_name(const builder *b, uint32_t file) { return b->str + b->files.v[file]; }

/*
 * The column of an error found on the tree (libxml2 keeps no columns for nodes): that of
 * the first tag on the line, found in the input's bytes only when an error is reported.
 */
static int error_column(const builder *b, loc at) {
    if (at.line == 0 || at.file >= b->texts_of_files.n)
        return 0;
    const hp_input *in = &b->texts_of_files.v[at.file];
    const char *p = in->data, *end = p + in->size;
    for (uint32_t line = 1; line < at.line && p < end; p++)
        if (*p == '\n')
            line++;
    for (const char *q = p; q < end && *q != '\n'; q++)
        if (*q == '<')
            return (int)(q - p) + 1;
    return p < end ? 1 : 0;
}

/* Record the first error at a location. */
HP__PRINTF(4, 5) void hp__ld_fail_at(builder *b, hp_status code, loc at, const char *fmt, ...) {
    if (b->status != HP_OK)
        return;
    b->status = code;
    if (!b->err)
        return;
    char msg[HP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    hp__fail(b->err, code, file_name(b, at.file), (int)at.line, error_column(b, at), "%s", msg);
}

static uint32_t hash_str(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int rehash(builder *b, size_t nslots) {
    uint32_t *slots = hp__calloc(b->a, nslots, sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < b->nslots; i++) {
        uint32_t off = b->slots[i];
        if (!off)
            continue;
        const char *s = b->str + off;
        size_t j = hash_str(s, strlen(s)) & (nslots - 1);
        while (slots[j])
            j = (j + 1) & (nslots - 1);
        slots[j] = off;
    }
    hp__free(b->a, b->slots);
    b->slots = slots;
    b->nslots = nslots;
    return 1;
}

/* Intern n bytes of s; returns the offset, 0 for the empty string or on failure. */
static hp__str intern_n(builder *b, const char *s, size_t n) {
    if (n == 0 || b->status != HP_OK)
        return 0;
    if ((b->nstrs + 1) * 2 > b->nslots && !rehash(b, b->nslots ? b->nslots * 2 : 1024)) {
        hp__ld_nomem(b);
        return 0;
    }
    size_t j = hash_str(s, n) & (b->nslots - 1);
    while (b->slots[j]) {
        const char *t = b->str + b->slots[j];
        if (strncmp(t, s, n) == 0 && t[n] == '\0')
            return b->slots[j];
        j = (j + 1) & (b->nslots - 1);
    }
    if (b->slen + n + 1 > UINT32_MAX) {
        hp__ld_fail_at(b, HP_E_LIMIT, (loc){b->cur_file_index, 0}, "too much text in the ontology");
        return 0;
    }
    if (!hp__grow(b->a, (void **)&b->str, &b->scap, (b->slen ? b->slen : 1) + n + 1, 1)) {
        hp__ld_nomem(b);
        return 0;
    }
    if (b->slen == 0) /* offset 0 is the empty string, meaning "none" */
        b->str[b->slen++] = '\0';
    hp__str off = (hp__str)b->slen;
    memcpy(b->str + off, s, n);
    b->str[off + n] = '\0';
    b->slen += n + 1;
    b->slots[j] = off;
    b->nstrs++;
    return off;
}

static hp__str intern(builder *b, const char *s) { return s ? intern_n(b, s, strlen(s)) : 0; }

/* Intern with white space collapsed to single spaces and trimmed. */
static hp__str intern_collapsed(builder *b, const char *s) {
    /* most texts are already collapsed: intern them as they are */
    size_t n = 0;
    int plain = s[0] != ' ';
    for (; s[n] && plain; n++) {
        char c = s[n];
        if (c == '\t' || c == '\n' || c == '\r' || (c == ' ' && (s[n + 1] == ' ' || !s[n + 1])))
            plain = 0;
    }
    if (plain)
        return intern_n(b, s, n);
    n += strlen(s + n);
    char small[512] = "";
    char *tmp = n < sizeof small ? small : hp__malloc(b->a, n + 1);
    if (!tmp) {
        hp__ld_nomem(b);
        return 0;
    }
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = k > 0;
            continue;
        }
        if (space)
            tmp[k++] = ' ';
        space = 0;
        tmp[k++] = c;
    }
    hp__str r = intern_n(b, tmp, k);
    if (tmp != small)
        hp__free(b->a, tmp);
    return r;
}

static void builder_free(builder *b) {
    hp__free(b->a, b->str);
    hp__free(b->a, b->slots);
    hp__free(b->a, b->files.v);
    for (size_t i = 0; i < b->owned.n; i++)
        hp__free(b->a, b->owned.v[i]);
    hp__free(b->a, b->owned.v);
    hp__free(b->a, b->texts_of_files.v);
    hp__free(b->a, b->sources.v);
    hp__free(b->a, b->findings.v);
    hp__free(b->a, b->conditions.v);
    hp__free(b->a, b->red_flags.v);
    hp__free(b->a, b->rf_conditions.v);
    hp__free(b->a, b->derived.v);
    hp__free(b->a, b->derived_at.v);
    hp__free(b->a, b->derived_ref.v);
    hp__free(b->a, b->exercises.v);
    hp__free(b->a, b->advice.v);
    hp__free(b->a, b->texts.v);
    hp__free(b->a, b->links.v);
    hp__free(b->a, b->presentations.v);
    hp__free(b->a, b->treats.v);
    hp__free(b->a, b->rf_findings.v);
    hp__free(b->a, b->contras.v);
    hp__free(b->a, b->phrases.v);
}

/* ---- Parsing ------------------------------------------------------------------------ */

/* Parse one input (see xml_tree.h); on failure the builder holds the error. */
static int parse_xml(builder *b, const char *name, const char *data, size_t size, unsigned what,
                     hp__xml_parsed *out) {
    hp__xml_problem p;
    hp_status st = hp__xml_parse(b->a, data, size, what, out, &p);
    if (st == HP_OK)
        return 1;
    if (st == HP_E_NOMEM)
        hp__ld_nomem(b);
    else if (b->status == HP_OK)
        b->status = hp__fail(b->err, st, name, p.line, p.column, "%s", p.message);
    return 0;
}

/* ---- Schema ------------------------------------------------------------------------- */

typedef struct schema {
    xmlRelaxNGPtr rng;
    xmlRelaxNGValidCtxtPtr valid;
} schema;

static void on_schema_error(void *user, xmlErrorPtr e) { hp__xml_record_error(user, e); }

static int schema_open(builder *b, schema *s) {
    memset(s, 0, sizeof *s);
    /* parse the schema document ourselves, so that no error reaches libxml2's global
       handlers (which print) */
    hp__xml_parsed x;
    if (!parse_xml(b, "hippain.rng", (const char *)hp__schema_rng, hp__schema_rng_size, HP__XML_DOC,
                   &x)) {
        /* the embedded schema is checked at build time: failing to parse it now means
           libxml2 ran out of memory (it reports some such failures as syntax errors) */
        b->status = HP_OK;
        hp__ld_nomem(b);
        return 0;
    }
    hp__xml_problem pc;
    memset(&pc, 0, sizeof pc);
    xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewDocParserCtxt(x.doc);
    if (p) {
        xmlRelaxNGSetParserStructuredErrors(p, on_schema_error, &pc);
        s->rng = xmlRelaxNGParse(p);
        xmlRelaxNGFreeParserCtxt(p);
    }
    hp__xml_parsed_free(&x);
    if (!s->rng) { /* likewise: the schema compiles, unless memory runs out */
        hp__ld_nomem(b);
        return 0;
    }
    s->valid = xmlRelaxNGNewValidCtxt(s->rng);
    if (!s->valid) {
        xmlRelaxNGFree(s->rng);
        s->rng = NULL;
        hp__ld_nomem(b);
        return 0;
    }
    return 1;
}

static void schema_close(schema *s) {
    if (s->valid)
        xmlRelaxNGFreeValidCtxt(s->valid);
    if (s->rng)
        xmlRelaxNGFree(s->rng);
}

static int schema_validate(builder *b, schema *s, xmlDocPtr doc, const char *name) {
    hp__xml_problem pc;
    memset(&pc, 0, sizeof pc);
    xmlRelaxNGSetValidStructuredErrors(s->valid, on_schema_error, &pc);
    int r = xmlRelaxNGValidateDoc(s->valid, doc);
    if (r == 0)
        return 1;
    if (pc.oom || r < 0) { /* r < 0: an internal error, in practice out of memory */
        hp__ld_nomem(b);
        return 0;
    }
    if (b->status == HP_OK) {
        b->status = hp__fail(b->err, HP_E_SCHEMA, name, pc.line, pc.column, "%s",
                             pc.message[0] ? pc.message : "does not match the schema");
    }
    return 0;
}

/* ---- Reading entries ---------------------------------------------------------------- */

loc hp__ld_here(const builder *b, const hp__xml_node *n) {
    return (loc){b->cur_file_index, n->line};
}

int hp__ld_is_el(const hp__xml_node *n, const char *name) {
    return n->ns && strcmp(n->ns, HP_NS) == 0 && strcmp(n->name, name) == 0;
}

const char *hp__ld_attr(const hp__xml_node *n, const char *name) {
    for (uint32_t i = 0; i < n->n_attrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0)
            return n->attrs[i].value;
    return NULL;
}

const char *hp__ld_req_attr(builder *b, const hp__xml_node *n, const char *name) {
    const char *v = hp__ld_attr(n, name);
    if (!v)
        hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, n), "<%s> needs the attribute '%s'", n->name,
                       name);
    return v;
}

static int valid_id(const char *s, int source) {
    size_t n = strlen(s);
    if (n == 0 || n > MAX_ID_LEN)
        return 0;
    if (!(s[0] >= 'a' && s[0] <= 'z') && !(source && s[0] >= '0' && s[0] <= '9'))
        return 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

hp__str hp__ld_read_id(builder *b, const hp__xml_node *n, const char *name, int source) {
    const char *v = hp__ld_req_attr(b, n, name);
    if (!v)
        return 0;
    if (!valid_id(v, source)) {
        hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, n), "<%s %s=\"%s\">: not a valid id", n->name,
                       name, v);
        return 0;
    }
    return intern(b, v);
}

static int read_enum(builder *b, const hp__xml_node *n, const char *name, hp_enum_type type,
                     int *out) {
    const char *v = hp__ld_req_attr(b, n, name);
    if (!v)
        return 0;
    if (hp_enum_parse(type, v, out) != HP_OK) {
        hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, n), "<%s %s=\"%s\">: unknown value", n->name,
                       name, v);
        return 0;
    }
    return 1;
}

/* A number in [lo, hi]; lo_open/hi_open exclude the bounds. */
static int read_number(builder *b, const hp__xml_node *n, const char *name, int required, double lo,
                       int lo_open, double hi, int hi_open, double *out) {
    const char *v = required ? hp__ld_req_attr(b, n, name) : hp__ld_attr(n, name);
    if (!v)
        return !required;
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    while (*end == ' ')
        end++;
    if (end == v || *end || errno || !isfinite(d)) {
        hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, n), "<%s %s=\"%s\">: not a number", n->name,
                       name, v);
        return 0;
    }
    if (d < lo || d > hi || (lo_open && d == lo) || (hi_open && d == hi)) {
        const char *idv = hp__ld_attr(n, "id");
        hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n),
                       "%s%s%s%s=%s is out of range %c%g, %g%c", idv ? "'" : "", idv ? idv : "",
                       idv ? "': " : "", name, v, lo_open ? '(' : '[', lo, hi, hi_open ? ')' : ']');
        return 0;
    }
    *out = d;
    return 1;
}

static int read_int(builder *b, const hp__xml_node *n, const char *name, int required, int lo,
                    int hi, int16_t *out) {
    double d = 0;
    if (!read_number(b, n, name, required, lo, 0, hi, 0, &d))
        return 0;
    if (d != floor(d)) {
        hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, n), "<%s %s>: not a whole number", n->name,
                       name);
        return 0;
    }
    *out = (int16_t)d;
    return 1;
}

/* src="a b c": normalised and interned; checked against sources after all inputs. */
static hp__str read_src(builder *b, const hp__xml_node *n) {
    const char *v = hp__ld_req_attr(b, n, "src");
    if (!v)
        return 0;
    hp__str s = intern_collapsed(b, v);
    if (!s && b->status == HP_OK)
        hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, n), "<%s src>: no source given", n->name);
    return s;
}

/* xml:lang of n or its nearest ancestor that has one, or the input's. */
hp__str hp__ld_node_lang(builder *b, const hp__xml_node *n) {
    for (; n; n = n->parent)
        if (n->lang)
            return intern(b, n->lang);
    return b->cur_lang;
}

void hp__ld_unexpected(builder *b, const hp__xml_node *n, const char *in) {
    hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, n), "unexpected element <%s> in <%s>", n->name,
                   in);
}

/* The text of an element that holds only text (and comments). */
hp__str hp__ld_node_text(builder *b, const hp__xml_node *n) {
    if (!n->text) {
        hp__ld_unexpected(b, n->children, n->name);
        return 0;
    }
    return intern_collapsed(b, n->text);
}

/* If n is a text element (<label>, ...), stage it for the entry (of an entity kind, or
   presentation `owner` for HP__OWNER_PRESENTATION) and return 1. */
static int read_text(builder *b, const hp__xml_node *n, int kind, uint32_t owner) {
    int field;
    if (hp_enum_parse(HP_ENUM_TEXT_FIELD, n->name, &field) != HP_OK || !hp__ld_is_el(n, n->name))
        return 0;
    st_text t = {
        (uint8_t)kind,    owner, 0, (uint8_t)field, hp__ld_node_lang(b, n), hp__ld_node_text(b, n),
        hp__ld_here(b, n)};
    if (!t.text && b->status == HP_OK)
        hp__ld_fail_at(b, HP_E_SCHEMA, t.at, "<%s> is empty", n->name);
    PUSH(b, b->texts, t);
    return 1;
}

static void read_entry(builder *b, const hp__xml_node *n, hp__entry *e, int source) {
    memset(e, 0, sizeof *e);
    e->id = hp__ld_read_id(b, n, "id", source);
    if (!source)
        e->sources = read_src(b, n);
    loc at = hp__ld_here(b, n);
    e->file = at.file;
    e->line = at.line;
}

static void read_treat(builder *b, const hp__xml_node *n, hp_entity_kind owner_kind,
                       uint32_t owner) {
    st_treat t = {(uint8_t)owner_kind, owner, 0, 0, 0, 0, hp__ld_here(b, n)};
    const char *ex = hp__ld_attr(n, "exercise"), *adv = hp__ld_attr(n, "advice");
    if ((ex != NULL) == (adv != NULL)) {
        hp__ld_fail_at(b, HP_E_SCHEMA, t.at, "<treat> needs exactly one of 'exercise' or 'advice'");
        return;
    }
    t.target_kind = ex ? HP_ENTITY_EXERCISE : HP_ENTITY_ADVICE;
    t.target_ref = hp__ld_read_id(b, n, ex ? "exercise" : "advice", 0);
    int phase;
    if (!read_enum(b, n, "phase", HP_ENUM_PHASE, &phase))
        return;
    t.phase = (uint8_t)phase;
    t.sources = read_src(b, n);
    PUSH(b, b->treats, t);
}

static void read_source(builder *b, const hp__xml_node *n) {
    hp__source s;
    read_entry(b, n, &s.e, 1);
    const char *url = hp__ld_attr(n, "url");
    s.url = url ? intern_collapsed(b, url) : 0;
    uint32_t idx = (uint32_t)b->sources.n;
    st_text t = {
        HP_ENTITY_SOURCE, idx, 0, HP_TEXT_CITATION, hp__ld_node_lang(b, n), hp__ld_node_text(b, n),
        hp__ld_here(b, n)};
    if (!t.text)
        hp__ld_fail_at(b, HP_E_SCHEMA, t.at, "source '%s' has no citation", b->str + s.e.id);
    PUSH(b, b->texts, t);
    PUSH(b, b->sources, s);
}

static void read_finding(builder *b, const hp__xml_node *n) {
    hp__finding f;
    memset(&f, 0, sizeof f);
    read_entry(b, n, &f.e, 0);
    int kind = 0, group = 0;
    read_enum(b, n, "kind", HP_ENUM_FINDING_KIND, &kind);
    read_enum(b, n, "group", HP_ENUM_FINDING_GROUP, &group);
    f.kind = (uint8_t)kind;
    f.group = (uint8_t)group;
    read_number(b, n, "base-rate", 1, 0, 1, 1, 1, &f.base_rate);
    uint32_t idx = (uint32_t)b->findings.n;
    for (const hp__xml_node *c = n->children; c && b->status == HP_OK; c = c->next) {
        if (read_text(b, c, HP_ENTITY_FINDING, idx))
            continue;
        if (hp__ld_is_el(c, "treat"))
            read_treat(b, c, HP_ENTITY_FINDING, idx);
        else
            hp__ld_unexpected(b, c, "finding");
    }
    PUSH(b, b->findings, f);
}

/* An <evidence> of condition idx (presentation pres, or HP__NO_PRESENTATION). */
static void read_evidence(builder *b, const hp__xml_node *k, uint32_t idx, uint32_t pres) {
    st_link l = {idx, pres, hp__ld_read_id(b, k, "finding", 0), 0, 0, hp__ld_here(b, k)};
    read_number(b, k, "strength", 1, 0, 1, 1, 1, &l.strength);
    l.sources = read_src(b, k);
    PUSH(b, b->links, l);
}

/* A <presentation> of condition idx: its id (once in the condition), share, labels and
   evidence. */
static void read_presentation(builder *b, const hp__xml_node *k, uint32_t idx, size_t first,
                              const char *cond_id) {
    hp__presentation p;
    memset(&p, 0, sizeof p);
    loc at = hp__ld_here(b, k);
    p.id = hp__ld_read_id(b, k, "id", 0);
    p.condition = idx;
    p.file = at.file;
    p.line = at.line;
    read_number(b, k, "share", 1, 0, 1, 1, 0, &p.share);
    p.sources = read_src(b, k);
    if (b->status != HP_OK)
        return;
    for (size_t i = first; i < b->presentations.n; i++)
        if (b->presentations.v[i].id == p.id) {
            hp__ld_fail_at(b, HP_E_DUPLICATE, at,
                           "condition '%s' has presentation '%s' twice (first at line %u)", cond_id,
                           b->str + p.id, (unsigned)b->presentations.v[i].line);
            return;
        }
    uint32_t pi = (uint32_t)b->presentations.n;
    size_t n_evidence = 0;
    for (const hp__xml_node *e = k->children; e && b->status == HP_OK; e = e->next) {
        if (read_text(b, e, HP__OWNER_PRESENTATION, pi))
            continue;
        if (hp__ld_is_el(e, "evidence")) {
            n_evidence++;
            read_evidence(b, e, idx, pi);
        } else {
            hp__ld_unexpected(b, e, "presentation");
        }
    }
    if (!n_evidence && b->status == HP_OK)
        hp__ld_fail_at(b, HP_E_SEMANTIC, at,
                       "presentation '%s' of condition '%s' has no <evidence>", b->str + p.id,
                       cond_id);
    PUSH(b, b->presentations, p);
}

static void read_condition(builder *b, const hp__xml_node *n) {
    hp__condition c;
    memset(&c, 0, sizeof c);
    read_entry(b, n, &c.e, 0);
    read_number(b, n, "prior", 1, 0, 1, 1, 0, &c.prior);
    int ser = 0;
    read_enum(b, n, "seriousness", HP_ENUM_SERIOUSNESS, &ser);
    c.seriousness = (uint8_t)ser;
    c.suspect_at = 0.2;
    read_number(b, n, "suspect-at", 0, 0, 1, 1, 0, &c.suspect_at);
    uint32_t idx = (uint32_t)b->conditions.n;
    size_t n_evidence = 0, first_pres = b->presentations.n;
    const char *cond_id = hp__ld_attr(n, "id");
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next) {
        if (read_text(b, k, HP_ENTITY_CONDITION, idx))
            continue;
        if (hp__ld_is_el(k, "evidence")) {
            n_evidence++;
            read_evidence(b, k, idx, HP__NO_PRESENTATION);
        } else if (hp__ld_is_el(k, "presentation")) {
            read_presentation(b, k, idx, first_pres, cond_id ? cond_id : "");
        } else if (hp__ld_is_el(k, "treat")) {
            read_treat(b, k, HP_ENTITY_CONDITION, idx);
        } else {
            hp__ld_unexpected(b, k, "condition");
        }
    }
    if (!n_evidence && b->status == HP_OK)
        hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n), "condition '%s' has no <evidence>",
                       hp__ld_attr(n, "id"));
    size_t n_pres = b->presentations.n - first_pres;
    if (n_pres && b->status == HP_OK) {
        double sum = 0;
        for (size_t i = first_pres; i < b->presentations.n; i++)
            sum += b->presentations.v[i].share;
        if (n_pres < 2)
            hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n),
                           "condition '%s' has one <presentation>: give none or at least two",
                           cond_id);
        else if (fabs(sum - 1) > 0.01)
            hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n),
                           "condition '%s': the shares of its presentations sum to %g, not 1",
                           cond_id, sum);
    }
    PUSH(b, b->conditions, c);
}

/* A <when> of red flag idx, in group `group`. */
static void read_when(builder *b, const hp__xml_node *k, uint32_t idx, uint32_t group) {
    st_ref w = {idx, hp__ld_read_id(b, k, "finding", 0), 0, 0, group, hp__ld_here(b, k)};
    PUSH(b, b->rf_findings, w);
}

static void read_red_flag(builder *b, const hp__xml_node *n) {
    hp__red_flag r;
    memset(&r, 0, sizeof r);
    read_entry(b, n, &r.e, 0);
    int level = 0;
    if (read_enum(b, n, "level", HP_ENUM_TRIAGE, &level) && level == HP_TRIAGE_SELF_CARE)
        hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n),
                       "red flag '%s': level must be see_clinician or urgent",
                       hp__ld_attr(n, "id"));
    r.level = (uint8_t)level;
    r.condition = -1;
    uint32_t idx = (uint32_t)b->red_flags.n;
    if (hp__ld_attr(n, "condition")) {
        st_ref c = {idx, hp__ld_read_id(b, n, "condition", 0), 0, 0, 0, hp__ld_here(b, n)};
        PUSH(b, b->rf_conditions, c);
    }
    uint32_t groups = 0;
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next) {
        if (read_text(b, k, HP_ENTITY_RED_FLAG, idx))
            continue;
        if (hp__ld_is_el(k, "when")) {
            read_when(b, k, idx, groups++);
        } else if (hp__ld_is_el(k, "any-of")) {
            size_t before = b->rf_findings.n;
            for (const hp__xml_node *w = k->children; w && b->status == HP_OK; w = w->next) {
                if (hp__ld_is_el(w, "when"))
                    read_when(b, w, idx, groups);
                else
                    hp__ld_unexpected(b, w, "any-of");
            }
            if (b->rf_findings.n == before && b->status == HP_OK)
                hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, k),
                               "red flag '%s': <any-of> has no <when>", hp__ld_attr(n, "id"));
            groups++;
        } else {
            hp__ld_unexpected(b, k, "red-flag");
        }
    }
    if (!groups && b->status == HP_OK)
        hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n), "red flag '%s' has no <when>",
                       hp__ld_attr(n, "id"));
    if (groups > UINT16_MAX && b->status == HP_OK)
        hp__ld_fail_at(b, HP_E_LIMIT, hp__ld_here(b, n), "red flag '%s' has more than %u groups",
                       hp__ld_attr(n, "id"), (unsigned)UINT16_MAX);
    PUSH(b, b->red_flags, r);
}

static void read_derive(builder *b, const hp__xml_node *n) {
    hp__derived_rule d;
    memset(&d, 0, sizeof d);
    read_entry(b, n, &d.e, 0);
    hp__str ref = hp__ld_read_id(b, n, "finding", 0);
    int metric = 0, op = 0;
    read_enum(b, n, "metric", HP_ENUM_METRIC, &metric);
    read_enum(b, n, "op", HP_ENUM_COMPARE, &op);
    d.metric = (uint8_t)metric;
    d.op = (uint8_t)op;
    read_number(b, n, "threshold", 1, -1e9, 0, 1e9, 0, &d.threshold);
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next)
        if (!read_text(b, k, HP_ENTITY_DERIVED_RULE, (uint32_t)b->derived.n))
            hp__ld_unexpected(b, k, "derive");
    PUSH(b, b->derived, d);
    PUSH(b, b->derived_ref, ref);
    PUSH(b, b->derived_at, hp__ld_here(b, n));
}

static void read_dosing(builder *b, const hp__xml_node *n, hp__dosing *d) {
    read_int(b, n, "sets", 1, 1, 20, &d->sets);
    read_int(b, n, "reps", 0, 1, 200, &d->reps);
    read_int(b, n, "hold-seconds", 0, 1, 600, &d->hold_seconds);
    read_int(b, n, "minutes", 0, 1, 600, &d->minutes);
    read_int(b, n, "days-per-week", 1, 1, 7, &d->days_per_week);
    int effort = 0;
    read_enum(b, n, "effort", HP_ENUM_EFFORT, &effort);
    d->effort = (uint8_t)effort;
    d->sources = read_src(b, n);
    if (b->status == HP_OK && !d->reps && !d->hold_seconds && !d->minutes)
        hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n),
                       "<dosing> needs at least one of 'reps', 'hold-seconds' or 'minutes'");
}

static void read_progression(builder *b, const hp__xml_node *n, hp__progression *p) {
    read_int(b, n, "every-weeks", 1, 1, 52, &p->every_weeks);
    read_int(b, n, "add-sets", 0, 0, 10, &p->add_sets);
    read_int(b, n, "max-sets", 0, 1, 20, &p->max_sets);
    read_int(b, n, "add-reps", 0, 0, 50, &p->add_reps);
    read_int(b, n, "max-reps", 0, 1, 200, &p->max_reps);
    read_int(b, n, "add-hold-seconds", 0, 0, 120, &p->add_hold_seconds);
    read_int(b, n, "max-hold-seconds", 0, 1, 600, &p->max_hold_seconds);
    read_int(b, n, "add-minutes", 0, 0, 60, &p->add_minutes);
    read_int(b, n, "max-minutes", 0, 1, 600, &p->max_minutes);
    int effort = -1;
    if (hp__ld_attr(n, "effort"))
        read_enum(b, n, "effort", HP_ENUM_EFFORT, &effort);
    p->effort = (uint8_t)(effort < 0 ? 0xff : effort);
    p->sources = read_src(b, n);
}

static void read_exercise(builder *b, const hp__xml_node *n) {
    hp__exercise x;
    memset(&x, 0, sizeof x);
    read_entry(b, n, &x.e, 0);
    int kind = 0;
    read_enum(b, n, "kind", HP_ENUM_EXERCISE_KIND, &kind);
    x.kind = (uint8_t)kind;
    const char *targets = hp__ld_attr(n, "targets");
    x.targets = targets ? intern_collapsed(b, targets) : 0;
    x.progression.effort = 0xff;
    int have_dosing = 0;
    uint32_t idx = (uint32_t)b->exercises.n;
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next) {
        if (read_text(b, k, HP_ENTITY_EXERCISE, idx))
            continue;
        if (hp__ld_is_el(k, "dosing")) {
            if (have_dosing++)
                hp__ld_fail_at(b, HP_E_SCHEMA, hp__ld_here(b, k), "exercise '%s' has two <dosing>",
                               hp__ld_attr(n, "id"));
            read_dosing(b, k, &x.dosing);
        } else if (hp__ld_is_el(k, "progression")) {
            read_progression(b, k, &x.progression);
        } else if (hp__ld_is_el(k, "contraindication")) {
            st_ref r = {idx,
                        hp__ld_read_id(b, k, "condition", 0),
                        hp__ld_node_text(b, k),
                        read_src(b, k),
                        0,
                        hp__ld_here(b, k)};
            if (!r.reason && b->status == HP_OK)
                hp__ld_fail_at(b, HP_E_SCHEMA, r.at, "<contraindication> needs a reason");
            PUSH(b, b->contras, r);
        } else {
            hp__ld_unexpected(b, k, "exercise");
        }
    }
    if (!have_dosing && b->status == HP_OK)
        hp__ld_fail_at(b, HP_E_SEMANTIC, hp__ld_here(b, n), "exercise '%s' has no <dosing>",
                       hp__ld_attr(n, "id"));
    PUSH(b, b->exercises, x);
}

static void read_advice(builder *b, const hp__xml_node *n) {
    hp__advice v;
    memset(&v, 0, sizeof v);
    read_entry(b, n, &v.e, 0);
    int cat = 0;
    read_enum(b, n, "category", HP_ENUM_ADVICE_CATEGORY, &cat);
    v.category = (uint8_t)cat;
    uint32_t idx = (uint32_t)b->advice.n;
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next)
        if (!read_text(b, k, HP_ENTITY_ADVICE, idx))
            hp__ld_unexpected(b, k, "advice");
    PUSH(b, b->advice, v);
}

static void read_translations(builder *b, const hp__xml_node *n) {
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next) {
        if (!hp__ld_is_el(k, "translate")) {
            hp__ld_unexpected(b, k, "translations");
            continue;
        }
        st_text t = {0xff,
                     0,
                     hp__ld_read_id(b, k, "ref", 0),
                     0,
                     hp__ld_node_lang(b, k),
                     hp__ld_node_text(b, k),
                     hp__ld_here(b, k)};
        int field = 0;
        read_enum(b, k, "field", HP_ENUM_TEXT_FIELD, &field);
        t.field = (uint8_t)field;
        if (!t.text && b->status == HP_OK)
            hp__ld_fail_at(b, HP_E_SCHEMA, t.at, "<translate ref=\"%s\"> is empty",
                           hp__ld_attr(k, "ref"));
        PUSH(b, b->texts, t);
    }
}

typedef void (*entry_reader)(builder *, const hp__xml_node *);

static void read_section(builder *b, const hp__xml_node *n, const char *item, entry_reader fn) {
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next) {
        if (hp__ld_is_el(k, item))
            fn(b, k);
        else
            hp__ld_unexpected(b, k, n->name);
    }
}

static void read_document(builder *b, const hp__xml_node *root) {
    loc at = {b->cur_file_index, root->line};
    if (!hp__ld_is_el(root, "ontology")) {
        hp__ld_fail_at(b, HP_E_SCHEMA, at, "the root element must be <ontology> in namespace %s",
                       HP_NS);
        return;
    }
    const char *format = hp__ld_attr(root, "format");
    if (!format || strcmp(format, "1") != 0) {
        hp__ld_fail_at(b, HP_E_SCHEMA, at, "unsupported format '%s' (this library reads format 1)",
                       format ? format : "(missing)");
        return;
    }
    b->cur_lang = 0; /* not the previous input's */
    b->cur_lang = hp__ld_node_lang(b, root);
    if (!b->cur_lang)
        b->cur_lang = intern(b, "en");
    if (!b->name) {
        b->name = intern(b, hp__ld_attr(root, "name"));
        b->version = intern(b, hp__ld_attr(root, "version"));
    }
    static const struct {
        const char *section, *item;
        entry_reader fn;
    } sections[] = {
        {"sources", "source", read_source},          {"findings", "finding", read_finding},
        {"conditions", "condition", read_condition}, {"red-flags", "red-flag", read_red_flag},
        {"derived-findings", "derive", read_derive}, {"exercises", "exercise", read_exercise},
        {"advice-items", "advice", read_advice},
    };
    for (const hp__xml_node *k = root->children; k && b->status == HP_OK; k = k->next) {
        if (hp__ld_is_el(k, "translations")) {
            read_translations(b, k);
            continue;
        }
        if (hp__ld_is_el(k, "lexicon")) {
            hp__lexicon_read(b, k);
            continue;
        }
        size_t i;
        for (i = 0; i < sizeof sections / sizeof sections[0]; i++) {
            if (hp__ld_is_el(k, sections[i].section)) {
                read_section(b, k, sections[i].item, sections[i].fn);
                break;
            }
        }
        if (i == sizeof sections / sizeof sections[0])
            hp__ld_unexpected(b, k, "ontology");
    }
}

/* ---- Reading inputs ----------------------------------------------------------------- */

static char *read_file(builder *b, const char *path, size_t cap, size_t *size) {
    loc at = {b->cur_file_index, 0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        b->status = hp__fail(b->err, HP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t len = 0, bufcap = 0;
    char *buf = NULL;
    for (;;) {
        if (!hp__grow(b->a, (void **)&buf, &bufcap, len + 65536, 1)) {
            hp__ld_nomem(b);
            break;
        }
        size_t got = fread(buf + len, 1, bufcap - len, f);
        len += got;
        if (len > cap) {
            hp__ld_fail_at(b, HP_E_LIMIT, at, "the file is larger than the limit of %zu bytes",
                           cap);
            break;
        }
        if (got == 0) {
            if (ferror(f))
                b->status = hp__fail(b->err, HP_E_IO, path, 0, 0, "read error");
            break;
        }
    }
    fclose(f);
    if (b->status != HP_OK) {
        hp__free(b->a, buf);
        return NULL;
    }
    *size = len;
    return buf;
}

static void load_input(builder *b, schema *s, int validate, const char *name, const char *data,
                       size_t size, size_t cap) {
    hp__str fname = intern(b, *name ? name : "<memory>");
    if (!fname || !PUSH(b, b->files, fname)) {
        hp__ld_nomem(b);
        return;
    }
    b->cur_file_index = (uint32_t)(b->files.n - 1);
    b->cur_file = name;
    if (!data) {
        char *owned = read_file(b, name, cap, &size);
        if (!owned)
            return;
        if (!PUSH(b, b->owned, owned)) {
            hp__free(b->a, owned);
            return;
        }
        data = owned;
    } else if (size > cap) {
        hp__ld_fail_at(b, HP_E_LIMIT, (loc){b->cur_file_index, 0},
                       "the input is larger than the limit of %zu bytes", cap);
        return;
    }
    hp_input bytes = {name, data, size};
    if (!PUSH(b, b->texts_of_files, bytes))
        return;
    /* The reader's own checks come first for their precise messages; the schema then
       catches anything else. */
    hp__xml_parsed x;
    if (!parse_xml(b, name, data, size, HP__XML_TREE | (validate ? HP__XML_DOC : 0), &x))
        return;
    read_document(b, x.root);
    if (validate && b->status == HP_OK)
        schema_validate(b, s, x.doc, name);
    hp__xml_parsed_free(&x);
}

/* ---- Resolution and checks ---------------------------------------------------------- */

static int cmp_slot_builder(const void *x, const void *y, void *ctx) {
    const char *s = ctx;
    return strcmp(s + ((const hp__id_slot *)x)->id, s + ((const hp__id_slot *)y)->id);
}

/* A small merge sort with a context (qsort_r is not portable C11). */
static void sort_slots(hp__id_slot *v, hp__id_slot *tmp, size_t n, const char *strings) {
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_slots(v, tmp, h, strings);
    sort_slots(v + h, tmp, n - h, strings);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp_slot_builder(&v[j], &v[i], (void *)strings) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static const hp__entry *builder_entry(const builder *b, int kind, uint32_t i) {
    switch (kind) {
    case HP_ENTITY_SOURCE: return &b->sources.v[i].e;
    case HP_ENTITY_FINDING: return &b->findings.v[i].e;
    case HP_ENTITY_CONDITION: return &b->conditions.v[i].e;
    case HP_ENTITY_RED_FLAG: return &b->red_flags.v[i].e;
    case HP_ENTITY_DERIVED_RULE: return &b->derived.v[i].e;
    case HP_ENTITY_EXERCISE: return &b->exercises.v[i].e;
    case HP_ENTITY_ADVICE: return &b->advice.v[i].e;
    default: return NULL;
    }
}

static size_t builder_count(const builder *b, int kind) {
    switch (kind) {
    case HP_ENTITY_SOURCE: return b->sources.n;
    case HP_ENTITY_FINDING: return b->findings.n;
    case HP_ENTITY_CONDITION: return b->conditions.n;
    case HP_ENTITY_RED_FLAG: return b->red_flags.n;
    case HP_ENTITY_DERIVED_RULE: return b->derived.n;
    case HP_ENTITY_EXERCISE: return b->exercises.n;
    case HP_ENTITY_ADVICE: return b->advice.n;
    default: return 0;
    }
}

/* Build the sorted id index; a duplicate id is an error naming both places. */
static hp__id_slot *build_ids(builder *b, size_t *n_out) {
    size_t n = 0;
    for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++)
        n += builder_count(b, k);
    hp__id_slot *ids = hp__calloc(b->a, n, sizeof *ids);
    hp__id_slot *tmp = hp__calloc(b->a, n, sizeof *tmp);
    if (!ids || !tmp) {
        hp__free(b->a, ids);
        hp__free(b->a, tmp);
        hp__ld_nomem(b);
        return NULL;
    }
    size_t j = 0;
    for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++)
        for (uint32_t i = 0; i < builder_count(b, k); i++)
            ids[j++] = (hp__id_slot){builder_entry(b, k, i)->id, (uint8_t)k, i};
    sort_slots(ids, tmp, n, b->str);
    hp__free(b->a, tmp);
    for (size_t i = 1; i < n; i++) {
        if (ids[i].id != ids[i - 1].id)
            continue;
        const hp__entry *first = builder_entry(b, ids[i - 1].kind, ids[i - 1].index);
        const hp__entry *second = builder_entry(b, ids[i].kind, ids[i].index);
        if (first->file > second->file ||
            (first->file == second->file && first->line > second->line)) {
            const hp__entry *t = first;
            first = second;
            second = t;
        }
        hp__ld_fail_at(b, HP_E_DUPLICATE, (loc){second->file, second->line},
                       "duplicate id '%s': already defined at %s:%u", b->str + ids[i].id,
                       file_name(b, first->file), (unsigned)first->line);
        hp__free(b->a, ids);
        return NULL;
    }
    *n_out = n;
    return ids;
}

static const hp__id_slot *find_slot(const hp__id_slot *ids, size_t n, const char *strings,
                                    const char *id) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(strings + ids[mid].id, id);
        if (c == 0)
            return &ids[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Resolve a reference to an entry of `kind`; -1 and an error if it does not exist. */
long hp__ld_resolve(resolver *r, hp__str ref, int kind, loc at, const char *what) {
    builder *b = r->b;
    if (b->status != HP_OK)
        return -1;
    const hp__id_slot *s = find_slot(r->ids, r->n, b->str, b->str + ref);
    if (!s || s->kind != kind) {
        const char *kname = hp_enum_name(HP_ENUM_ENTITY_KIND, kind);
        if (s)
            hp__ld_fail_at(b, HP_E_SEMANTIC, at, "%s '%s' is a %s, not a %s", what, b->str + ref,
                           hp_enum_name(HP_ENUM_ENTITY_KIND, s->kind), kname);
        else
            hp__ld_fail_at(b, HP_E_SEMANTIC, at, "%s '%s': no such %s", what, b->str + ref, kname);
        return -1;
    }
    return (long)s->index;
}

static void check_sources(resolver *r, hp__str src, loc at) {
    builder *b = r->b;
    if (!src || b->status != HP_OK)
        return;
    const char *s = b->str + src;
    while (*s) {
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        char id[MAX_ID_LEN + 2];
        if (len > MAX_ID_LEN) {
            hp__ld_fail_at(b, HP_E_SEMANTIC, at, "source id '%.*s...' is too long", 20, s);
            return;
        }
        memcpy(id, s, len);
        id[len] = '\0';
        const hp__id_slot *slot = find_slot(r->ids, r->n, b->str, id);
        if (!slot || slot->kind != HP_ENTITY_SOURCE) {
            hp__ld_fail_at(b, HP_E_SEMANTIC, at, "src names '%s', which is not a declared source",
                           id);
            return;
        }
        s += len;
        while (*s == ' ')
            s++;
    }
}

static const char *entry_id_str(const builder *b, int kind, uint32_t i) {
    return b->str + builder_entry(b, kind, i)->id;
}

/* Texts each kind must have in English. */
static unsigned required_texts(int kind) {
    switch (kind) {
    case HP_ENTITY_SOURCE: return 1u << HP_TEXT_CITATION;
    case HP_ENTITY_FINDING: return 1u << HP_TEXT_LABEL | 1u << HP_TEXT_QUESTION;
    case HP_ENTITY_CONDITION: return 1u << HP_TEXT_LABEL;
    case HP_ENTITY_RED_FLAG: return 1u << HP_TEXT_MESSAGE;
    case HP_ENTITY_EXERCISE: return 1u << HP_TEXT_LABEL;
    case HP_ENTITY_ADVICE: return 1u << HP_TEXT_LABEL | 1u << HP_TEXT_TEXT;
    default: return 0;
    }
}

static unsigned allowed_texts(int kind) {
    switch (kind) {
    case HP_ENTITY_SOURCE: return 1u << HP_TEXT_CITATION;
    case HP_ENTITY_FINDING:
        return 1u << HP_TEXT_LABEL | 1u << HP_TEXT_QUESTION | 1u << HP_TEXT_DESCRIPTION;
    case HP_ENTITY_CONDITION: return 1u << HP_TEXT_LABEL | 1u << HP_TEXT_DESCRIPTION;
    case HP_ENTITY_RED_FLAG: return 1u << HP_TEXT_MESSAGE | 1u << HP_TEXT_LABEL;
    case HP_ENTITY_DERIVED_RULE: return 1u << HP_TEXT_LABEL | 1u << HP_TEXT_DESCRIPTION;
    case HP_ENTITY_EXERCISE:
        return 1u << HP_TEXT_LABEL | 1u << HP_TEXT_DESCRIPTION | 1u << HP_TEXT_CUE;
    case HP_ENTITY_ADVICE: return 1u << HP_TEXT_LABEL | 1u << HP_TEXT_TEXT;
    case HP__OWNER_PRESENTATION: return 1u << HP_TEXT_LABEL;
    default: return 0;
    }
}

static const char *owner_kind_name(int kind) {
    return kind == HP__OWNER_PRESENTATION ? "presentation"
                                          : hp_enum_name(HP_ENUM_ENTITY_KIND, kind);
}

static int cmp_text(const st_text *x, const st_text *y) {
    if (x->owner_kind != y->owner_kind)
        return x->owner_kind < y->owner_kind ? -1 : 1;
    if (x->owner != y->owner)
        return x->owner < y->owner ? -1 : 1;
    if (x->field != y->field)
        return x->field < y->field ? -1 : 1;
    if (x->lang != y->lang)
        return x->lang < y->lang ? -1 : 1; /* interned: equal offsets, equal strings */
    return 0;
}

static void sort_texts(st_text *v, st_text *tmp, size_t n) {
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_texts(v, tmp, h);
    sort_texts(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp_text(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* Translations' owners resolved from their ids; every text allowed for its owner. */
static void resolve_text_owners(resolver *r) {
    builder *b = r->b;
    for (size_t i = 0; i < b->texts.n && b->status == HP_OK; i++) {
        st_text *t = &b->texts.v[i];
        if (t->owner_kind == 0xff) {
            const hp__id_slot *s = find_slot(r->ids, r->n, b->str, b->str + t->owner_ref);
            if (!s) {
                hp__ld_fail_at(b, HP_E_SEMANTIC, t->at, "translation of '%s': no such entry",
                               b->str + t->owner_ref);
                return;
            }
            t->owner_kind = s->kind;
            t->owner = s->index;
        }
        if (!(allowed_texts(t->owner_kind) & 1u << t->field)) {
            hp__ld_fail_at(b, HP_E_SEMANTIC, t->at, "a %s cannot have a %s text",
                           owner_kind_name(t->owner_kind),
                           hp_enum_name(HP_ENUM_TEXT_FIELD, t->field));
            return;
        }
    }
}

/* The texts sorted by owner, field and language; none twice (the later one is the error). */
static void sort_and_check_texts(builder *b) {
    st_text *tmp = hp__calloc(b->a, b->texts.n, sizeof *tmp);
    if (!tmp) {
        hp__ld_nomem(b);
        return;
    }
    sort_texts(b->texts.v, tmp, b->texts.n);
    hp__free(b->a, tmp);
    for (size_t i = 1; i < b->texts.n; i++) {
        const st_text *p = &b->texts.v[i - 1], *t = &b->texts.v[i];
        if (cmp_text(p, t) != 0)
            continue;
        const st_text *later =
            p->at.file > t->at.file || (p->at.file == t->at.file && p->at.line > t->at.line) ? p
                                                                                             : t;
        const st_text *first = later == p ? t : p;
        if (t->owner_kind == HP__OWNER_PRESENTATION) {
            const hp__presentation *pr = &b->presentations.v[t->owner];
            hp__ld_fail_at(b, HP_E_DUPLICATE, later->at,
                           "presentation '%s' of condition '%s' already has a %s text in '%s' at "
                           "%s:%u",
                           b->str + pr->id, entry_id_str(b, HP_ENTITY_CONDITION, pr->condition),
                           hp_enum_name(HP_ENUM_TEXT_FIELD, t->field), b->str + t->lang,
                           file_name(b, first->at.file), (unsigned)first->at.line);
            return;
        }
        hp__ld_fail_at(b, HP_E_DUPLICATE, later->at, "'%s' already has a %s text in '%s' at %s:%u",
                       entry_id_str(b, t->owner_kind, t->owner),
                       hp_enum_name(HP_ENUM_TEXT_FIELD, t->field), b->str + t->lang,
                       file_name(b, first->at.file), (unsigned)first->at.line);
        return;
    }
}

/* Every required text of every entry present in English; a presentation's labels are
   optional, but one is in English if there are any. The texts are sorted. */
static void check_english_texts(builder *b) {
    hp__str en = intern(b, "en");
    size_t i = 0;
    for (int k = 0; k < HP_ENTITY_KIND_COUNT && b->status == HP_OK; k++) {
        for (uint32_t e = 0; e < builder_count(b, k) && b->status == HP_OK; e++) {
            unsigned have = 0;
            while (i < b->texts.n && b->texts.v[i].owner_kind == k && b->texts.v[i].owner == e) {
                if (b->texts.v[i].lang == en)
                    have |= 1u << b->texts.v[i].field;
                i++;
            }
            unsigned missing = required_texts(k) & ~have;
            if (missing) {
                int f = 0;
                while (!(missing & 1u << f))
                    f++;
                const hp__entry *en_e = builder_entry(b, k, e);
                hp__ld_fail_at(b, HP_E_SEMANTIC, (loc){en_e->file, en_e->line},
                               "%s '%s' has no English <%s>", hp_enum_name(HP_ENUM_ENTITY_KIND, k),
                               b->str + en_e->id, hp_enum_name(HP_ENUM_TEXT_FIELD, f));
            }
        }
    }
    /* the presentations' texts sort after every entry's */
    while (i < b->texts.n && b->status == HP_OK) {
        uint32_t owner = b->texts.v[i].owner;
        int english = 0;
        for (; i < b->texts.n && b->texts.v[i].owner == owner; i++)
            english |= b->texts.v[i].lang == en;
        if (!english) {
            const hp__presentation *pr = &b->presentations.v[owner];
            hp__ld_fail_at(b, HP_E_SEMANTIC, (loc){pr->file, pr->line},
                           "presentation '%s' of condition '%s' has labels but no English <label>",
                           b->str + pr->id, entry_id_str(b, HP_ENTITY_CONDITION, pr->condition));
        }
    }
}

static void resolve_texts(resolver *r) {
    resolve_text_owners(r);
    if (r->b->status == HP_OK)
        sort_and_check_texts(r->b);
    if (r->b->status == HP_OK)
        check_english_texts(r->b);
}

/* The evidence links: sources, findings resolved to indices, no finding twice in one
   condition (or in one of its presentations). 0 on an error. */
static int check_links(resolver *r) {
    builder *b = r->b;
    for (size_t i = 0; i < b->presentations.n; i++) {
        const hp__presentation *p = &b->presentations.v[i];
        check_sources(r, p->sources, (loc){p->file, p->line});
    }
    for (size_t i = 0; i < b->links.n && b->status == HP_OK; i++) {
        st_link *l = &b->links.v[i];
        check_sources(r, l->sources, l->at);
        long f = hp__ld_resolve(r, l->finding_ref, HP_ENTITY_FINDING, l->at, "evidence finding");
        if (f < 0)
            return 0;
        for (size_t j = i; j-- > 0 && b->links.v[j].condition == l->condition;) {
            if (b->links.v[j].presentation == l->presentation &&
                b->links.v[j].finding_ref == (hp__str)f) { /* earlier links hold indices */
                if (l->presentation == HP__NO_PRESENTATION)
                    hp__ld_fail_at(b, HP_E_DUPLICATE, l->at,
                                   "condition '%s' links finding '%s' twice (first at line %u)",
                                   entry_id_str(b, HP_ENTITY_CONDITION, l->condition),
                                   b->str + l->finding_ref, (unsigned)b->links.v[j].at.line);
                else
                    hp__ld_fail_at(b, HP_E_DUPLICATE, l->at,
                                   "presentation '%s' of condition '%s' links finding '%s' twice "
                                   "(first at line %u)",
                                   b->str + b->presentations.v[l->presentation].id,
                                   entry_id_str(b, HP_ENTITY_CONDITION, l->condition),
                                   b->str + l->finding_ref, (unsigned)b->links.v[j].at.line);
                return 0;
            }
        }
        l->finding_ref = (hp__str)f; /* now an index */
    }
    return b->status == HP_OK;
}

static void check_all(resolver *r) {
    builder *b = r->b;
    for (int k = 0; k < HP_ENTITY_KIND_COUNT; k++) {
        for (uint32_t i = 0; i < builder_count(b, k); i++) {
            const hp__entry *e = builder_entry(b, k, i);
            check_sources(r, e->sources, (loc){e->file, e->line});
        }
    }
    if (!check_links(r))
        return;
    for (size_t i = 0; i < b->treats.n && b->status == HP_OK; i++) {
        st_treat *t = &b->treats.v[i];
        check_sources(r, t->sources, t->at);
        long x = hp__ld_resolve(r, t->target_ref, t->target_kind, t->at, "treat");
        if (x < 0)
            return;
        t->target_ref = (hp__str)x;
    }
    for (size_t i = 0; i < b->rf_findings.n && b->status == HP_OK; i++) {
        st_ref *w = &b->rf_findings.v[i];
        long f = hp__ld_resolve(r, w->ref, HP_ENTITY_FINDING, w->at, "red-flag finding");
        if (f < 0)
            return;
        w->ref = (hp__str)f;
    }
    for (size_t i = 0; i < b->rf_conditions.n && b->status == HP_OK; i++) {
        const st_ref *c = &b->rf_conditions.v[i];
        long x = hp__ld_resolve(r, c->ref, HP_ENTITY_CONDITION, c->at, "red-flag condition");
        if (x < 0)
            return;
        b->red_flags.v[c->owner].condition = (int32_t)x;
    }
    for (size_t i = 0; i < b->contras.n && b->status == HP_OK; i++) {
        st_ref *c = &b->contras.v[i];
        check_sources(r, c->sources, c->at);
        long x = hp__ld_resolve(r, c->ref, HP_ENTITY_CONDITION, c->at, "contraindication");
        if (x < 0)
            return;
        c->ref = (hp__str)x;
    }
    for (size_t i = 0; i < b->derived.n && b->status == HP_OK; i++) {
        long f = hp__ld_resolve(r, b->derived_ref.v[i], HP_ENTITY_FINDING, b->derived_at.v[i],
                                "derived finding");
        if (f < 0)
            return;
        if (b->findings.v[f].kind != HP_FINDING_RISK_FACTOR) {
            hp__ld_fail_at(b, HP_E_SEMANTIC, b->derived_at.v[i],
                           "derived finding '%s' must be a risk_factor",
                           b->str + b->derived_ref.v[i]);
            return;
        }
        b->derived.v[i].finding = (uint32_t)f;
    }
    for (size_t i = 0; i < b->exercises.n && b->status == HP_OK; i++) {
        const hp__exercise *x = &b->exercises.v[i];
        const hp__entry *e = &x->e;
        check_sources(r, x->dosing.sources, (loc){e->file, e->line});
        check_sources(r, x->progression.sources, (loc){e->file, e->line});
    }
    if (b->status == HP_OK)
        resolve_texts(r);
}

/* ---- Freezing into the model -------------------------------------------------------- */

/* Allocate o->field for count zeroed elements. */
#define TAKE_NEW(o, field, count)                                          \
    do {                                                                   \
        (o)->field = hp__calloc(&(o)->alloc, (count), sizeof *(o)->field); \
        if (!(o)->field)                                                   \
            goto oom;                                                      \
        (o)->bytes += (count) * sizeof *(o)->field;                        \
    } while (0)

/* Allocate o->field and copy count elements from src. */
#define TAKE(o, field, src, count)                                                          \
    do {                                                                                    \
        (o)->field = hp__malloc(&(o)->alloc, ((count) ? (count) : 1) * sizeof *(o)->field); \
        if (!(o)->field)                                                                    \
            goto oom;                                                                       \
        (o)->bytes += (count) * sizeof *(o)->field;                                         \
        if (count)                                                                          \
            memcpy((o)->field, (src), (count) * sizeof *(o)->field);                        \
    } while (0)

void hp__ontology_destroy(hp_ontology *o);

static hp__range *treat_range(hp_ontology *o, int kind, uint32_t owner) {
    return kind == HP_ENTITY_CONDITION ? &o->conditions[owner].treatments
                                       : &o->findings[owner].treatments;
}

static hp__range *text_range(hp_ontology *o, int kind, uint32_t i) {
    if (kind == HP__OWNER_PRESENTATION)
        return &o->presentations[i].texts;
    return (hp__range *)&((hp__entry *)hp__entry_of(o, kind, i))->texts;
}

static int cmp_prior(const hp_ontology *o, uint32_t x, uint32_t y) {
    double px = o->conditions[x].prior, py = o->conditions[y].prior;
    if (px != py)
        return px > py ? -1 : 1;
    return strcmp(hp__s(o, o->conditions[x].e.id), hp__s(o, o->conditions[y].e.id));
}

/* Serious conditions by ascending suspect_at / prior, ties by index. */
static int cmp_suspect(const hp_ontology *o, uint32_t x, uint32_t y) {
    double tx = o->conditions[x].suspect_at / o->conditions[x].prior;
    double ty = o->conditions[y].suspect_at / o->conditions[y].prior;
    if (tx != ty)
        return tx < ty ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* A stable merge sort of n indices with a comparator; tmp holds n. */
static void sort_u32(const hp_ontology *o, uint32_t *v, uint32_t *tmp, size_t n,
                     int (*cmp)(const hp_ontology *, uint32_t, uint32_t)) {
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_u32(o, v, tmp, h, cmp);
    sort_u32(o, v + h, tmp, n - h, cmp);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp(o, v[j], v[i]) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* Freezing, step 1: the entries and strings, copied from the builder. */
static int freeze_entries(hp_ontology *o, const builder *b) {
    TAKE(o, strings, b->str, b->slen);
    o->strings_size = b->slen;
    TAKE(o, files, b->files.v, b->files.n);
    o->n_files = b->files.n;
    TAKE(o, sources, b->sources.v, b->sources.n);
    o->n_sources = b->sources.n;
    TAKE(o, findings, b->findings.v, b->findings.n);
    o->n_findings = b->findings.n;
    TAKE(o, conditions, b->conditions.v, b->conditions.n);
    o->n_conditions = b->conditions.n;
    TAKE(o, red_flags, b->red_flags.v, b->red_flags.n);
    o->n_red_flags = b->red_flags.n;
    TAKE(o, derived, b->derived.v, b->derived.n);
    o->n_derived = b->derived.n;
    TAKE(o, exercises, b->exercises.v, b->exercises.n);
    o->n_exercises = b->exercises.n;
    TAKE(o, advice, b->advice.v, b->advice.n);
    o->n_advice = b->advice.n;
    o->n_phrases = b->phrases.n;
    TAKE_NEW(o, phrases, b->phrases.n);
    for (size_t i = 0; i < b->phrases.n; i++) {
        const st_phrase *p = &b->phrases.v[i];
        o->phrases[i] = (hp__phrase){p->finding_ref, p->kind,     p->absent, p->lang,
                                     p->text,        p->requires, p->also,   p->also_absent};
    }
    return 1;
oom:
    return 0;
}

/* Appends entry i to range r of a table filled in owner order: the first entry of an owner
 * sets where its range starts. Returns 1 when i was the owner's first entry. */
static int range_append(hp__range *r, size_t i) {
    int first = r->count == 0;
    if (first)
        r->first = (uint32_t)i;
    r->count++;
    return first;
}

/* The weights of a link of strength s to a finding of base rate br. */
static hp__link make_link(const st_link *l, double br) {
    double s = l->strength;
    return (hp__link){l->condition, l->finding_ref,          l->presentation, s,
                      log(s / br),  log((1 - s) / (1 - br)), l->sources};
}

/* Step 2a: the presentations, their shares normalised per condition, and the conditions
   that have them. */
static int freeze_presentations(hp_ontology *o, const builder *b) {
    o->n_presentations = b->presentations.n;
    if (o->n_presentations) {
        TAKE(o, presentations, b->presentations.v, b->presentations.n);
    }
    for (size_t i = 0; i < o->n_presentations; i++) {
        hp__presentation *p = &o->presentations[i];
        if (range_append(&o->conditions[p->condition].presentations, i))
            o->n_mixed++;
        p->links = (hp__range){0, 0};
        p->texts = (hp__range){0, 0};
    }
    if (o->n_mixed) {
        TAKE_NEW(o, mixed, o->n_mixed);
    }
    for (size_t c = 0, m = 0; c < o->n_conditions; c++) {
        const hp__range *r = &o->conditions[c].presentations;
        if (!r->count)
            continue;
        o->mixed[m++] = (uint32_t)c;
        double sum = 0;
        for (uint32_t k = 0; k < r->count; k++)
            sum += o->presentations[r->first + k].share;
        for (uint32_t k = 0; k < r->count; k++) {
            hp__presentation *p = &o->presentations[r->first + k];
            p->share /= sum;
            p->log_share = log(p->share);
        }
    }
    return 1;
oom:
    return 0;
}

/* Step 2b: the texts, already sorted by owner, field and language, with each entry's (and
   presentation's) range. */
static int freeze_texts(hp_ontology *o, const builder *b) {
    /* texts: already sorted by owner, field, language */
    o->n_texts = b->texts.n;
    TAKE_NEW(o, texts, b->texts.n);
    for (size_t i = 0; i < b->texts.n; i++) {
        const st_text *t = &b->texts.v[i];
        o->texts[i] = (hp__text){t->field, t->lang, t->text};
        range_append(text_range(o, t->owner_kind, t->owner), i);
    }
    return 1;
oom:
    return 0;
}

/* Step 3: the priors normalized; the evidence links by condition (the condition-wide ones,
   then those of each presentation) and by finding (CSR). */
static int freeze_links(hp_ontology *o, const builder *b) {
    o->n_links = b->links.n;
    TAKE_NEW(o, links, b->links.n);
    double prior_sum = 0;
    for (size_t c = 0; c < o->n_conditions; c++)
        prior_sum += o->conditions[c].prior;
    for (size_t c = 0; c < o->n_conditions; c++) {
        o->conditions[c].prior /= prior_sum;
        o->conditions[c].log_prior = log(o->conditions[c].prior);
    }
    /* condition-wide links first, grouped by condition (staged in that order); then the
       presentations' links, grouped by presentation (staged next to each other) */
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < b->links.n; i++) {
            const st_link *l = &b->links.v[i];
            int wide = l->presentation == HP__NO_PRESENTATION;
            if (wide != (pass == 0))
                continue;
            o->links[n] = make_link(l, o->findings[l->finding_ref].base_rate);
            range_append(wide ? &o->conditions[l->condition].links
                              : &o->presentations[l->presentation].links,
                         n);
            o->findings[l->finding_ref].links.count++;
            n++;
        }
    }
    /* finding -> links (CSR); a presentation's link holds what it adds to its presentation:
       its weights less those of the condition-wide link of the same finding */
    TAKE_NEW(o, finding_links, b->links.n);
    {
        uint32_t acc = 0;
        for (size_t f = 0; f < o->n_findings; f++) {
            o->findings[f].links.first = acc;
            acc += o->findings[f].links.count;
            o->findings[f].links.count = 0;
        }
        for (size_t i = 0; i < o->n_links; i++) {
            const hp__link *l = &o->links[i];
            hp__range *r = &o->findings[l->finding].links;
            hp__flink fl = {l->condition, (uint32_t)i, l->presentation, l->weight_present,
                            l->weight_absent};
            if (l->presentation != HP__NO_PRESENTATION) {
                /* the condition-wide link of the finding: already in the CSR (links before i) */
                for (uint32_t j = 0; j < r->count; j++) {
                    const hp__flink *w = &o->finding_links[r->first + j];
                    if (w->condition == l->condition && w->presentation == HP__NO_PRESENTATION) {
                        fl.weight_present -= w->weight_present;
                        fl.weight_absent -= w->weight_absent;
                        break;
                    }
                }
            }
            o->finding_links[r->first + r->count++] = fl;
        }
    }
    return 1;
oom:
    return 0;
}

/* Step 4: the treatments of conditions and findings. */
static int freeze_treatments(hp_ontology *o, const builder *b) {
    /* treatments: conditions first, then findings, each in file order (a counting sort) */
    o->n_treatments = b->treats.n;
    TAKE_NEW(o, treatments, b->treats.n);
    {
        for (size_t i = 0; i < b->treats.n; i++)
            treat_range(o, b->treats.v[i].owner_kind, b->treats.v[i].owner)->count++;
        uint32_t k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int kind = pass == 0 ? HP_ENTITY_CONDITION : HP_ENTITY_FINDING;
            size_t owners = pass == 0 ? o->n_conditions : o->n_findings;
            for (uint32_t ow = 0; ow < owners; ow++) {
                hp__range *r = treat_range(o, kind, ow);
                r->first = k;
                k += r->count;
                r->count = 0;
            }
        }
        for (size_t i = 0; i < b->treats.n; i++) {
            const st_treat *t = &b->treats.v[i];
            hp__range *r = treat_range(o, t->owner_kind, t->owner);
            o->treatments[r->first + r->count++] =
                (hp__treatment){t->target_kind, t->phase, t->target_ref, t->sources};
        }
    }
    return 1;
oom:
    return 0;
}

/* Step 5: the red flags' findings, and finding -> red flags. */
static int freeze_red_flags(hp_ontology *o, const builder *b) {
    /* red-flag findings and finding -> red flags */
    o->n_red_flag_findings = b->rf_findings.n;
    TAKE_NEW(o, red_flag_findings, b->rf_findings.n);
    TAKE_NEW(o, red_flag_groups, b->rf_findings.n);
    TAKE_NEW(o, finding_red_flags, b->rf_findings.n);
    for (size_t i = 0; i < b->rf_findings.n; i++) {
        const st_ref *w = &b->rf_findings.v[i];
        o->red_flag_findings[i] = w->ref;
        o->red_flag_groups[i] = (uint16_t)w->group;
        range_append(&o->red_flags[w->owner].findings, i);
        o->findings[w->ref].red_flags.count++;
    }
    {
        uint32_t acc = 0;
        for (size_t f = 0; f < o->n_findings; f++) {
            o->findings[f].red_flags.first = acc;
            acc += o->findings[f].red_flags.count;
            o->findings[f].red_flags.count = 0;
        }
        for (size_t rf = 0; rf < o->n_red_flags; rf++) {
            const hp__range *fr = &o->red_flags[rf].findings;
            for (uint32_t j = 0; j < fr->count; j++) {
                hp__range *r = &o->findings[o->red_flag_findings[fr->first + j]].red_flags;
                /* a rule naming a finding twice is listed once */
                if (r->count && o->finding_red_flags[r->first + r->count - 1] == rf)
                    continue;
                o->finding_red_flags[r->first + r->count++] = (uint32_t)rf;
            }
        }
    }
    return 1;
oom:
    return 0;
}

/* Step 6: the contraindications of exercises. */
static int freeze_contras(hp_ontology *o, const builder *b) {
    /* contraindications, grouped by exercise (staged in that order) */
    o->n_contras = b->contras.n;
    TAKE_NEW(o, contras, b->contras.n);
    for (size_t i = 0; i < b->contras.n; i++) {
        const st_ref *c = &b->contras.v[i];
        o->contras[i] = (hp__contra){c->ref, c->reason, c->sources};
        range_append(&o->exercises[c->owner].contras, i);
    }
    return 1;
oom:
    return 0;
}

/* Step 7: conditions in prior order, and the serious ones in the order they are suspected. */
static int freeze_condition_orders(hp_ontology *o) {
    /* conditions by descending prior, and each condition's place in that order */
    TAKE_NEW(o, prior_order, o->n_conditions);
    TAKE_NEW(o, prior_rank, o->n_conditions);
    for (size_t i = 0; i < o->n_conditions; i++)
        o->prior_order[i] = (uint32_t)i;
    sort_u32(o, o->prior_order, o->prior_rank, o->n_conditions, cmp_prior);
    for (size_t i = 0; i < o->n_conditions; i++) {
        o->prior_rank[o->prior_order[i]] = (uint32_t)i;
        o->prior_total += o->conditions[o->prior_order[i]].prior;
    }

    /* serious and emergency conditions by the probability scale at which they are suspected */
    for (size_t c = 0; c < o->n_conditions; c++)
        o->n_serious += o->conditions[c].seriousness >= HP_SERIOUSNESS_SERIOUS;
    TAKE_NEW(o, serious_order, o->n_serious);
    {
        size_t k = 0;
        for (size_t c = 0; c < o->n_conditions; c++)
            if (o->conditions[c].seriousness >= HP_SERIOUSNESS_SERIOUS)
                o->serious_order[k++] = (uint32_t)c;
        uint32_t *tmp = hp__calloc(&o->alloc, o->n_serious, sizeof *tmp);
        if (!tmp)
            goto oom;
        sort_u32(o, o->serious_order, tmp, o->n_serious, cmp_suspect);
        hp__free(&o->alloc, tmp);
    }
    return 1;
oom:
    return 0;
}

/* Step 8: the derived-finding rules grouped by metric. */
static int freeze_derived_order(hp_ontology *o) {
    /* derived-finding rules grouped by metric (a counting sort, index order kept) */
    TAKE_NEW(o, derived_order, o->n_derived);
    {
        for (size_t i = 0; i < o->n_derived; i++)
            o->derived_by_metric[o->derived[i].metric].count++;
        uint32_t k = 0;
        for (int m = 0; m < HP_METRIC_COUNT; m++) {
            o->derived_by_metric[m].first = k;
            k += o->derived_by_metric[m].count;
            o->derived_by_metric[m].count = 0;
        }
        for (size_t i = 0; i < o->n_derived; i++) {
            hp__range *r = &o->derived_by_metric[o->derived[i].metric];
            o->derived_order[r->first + r->count++] = (uint32_t)i;
        }
    }
    return 1;
oom:
    return 0;
}

static hp_ontology *freeze(builder *b, hp__id_slot *ids, size_t n_ids) {
    hp_ontology *o = hp__calloc(b->a, 1, sizeof *o);
    if (!o) {
        hp__free(b->a, ids);
        hp__ld_nomem(b);
        return NULL;
    }
    o->alloc = *b->a;
    atomic_init(&o->refs, 1);
    o->bytes = sizeof *o;
    o->ids = ids;
    o->n_ids = n_ids;
    o->bytes += n_ids * sizeof *ids;
    o->name = b->name;
    o->version = b->version;
    if (freeze_entries(o, b) && freeze_presentations(o, b) && freeze_texts(o, b) &&
        freeze_links(o, b) && freeze_treatments(o, b) && freeze_red_flags(o, b) &&
        freeze_contras(o, b) && freeze_condition_orders(o) && freeze_derived_order(o) &&
        hp__lexicon_build(o))
        return o;
    hp__ontology_destroy(o);
    hp__ld_nomem(b);
    return NULL;
}

/* ---- Public entry points ------------------------------------------------------------ */

hp_status hp_ontology_load(const hp_input *inputs, size_t n_inputs, const hp_load_options *opts,
                           hp_ontology **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_ontology_load: 'out' is NULL");
    *out = NULL;
    unsigned flags = opts ? opts->flags : 0;
    int with_default = (flags & HP_LOAD_WITH_DEFAULT) != 0;
    if (n_inputs == 0 && !with_default)
        return hp__error(err, HP_E_INVALID, "hp_ontology_load: no input given");
    if (n_inputs && !inputs)
        return hp__error(err, HP_E_INVALID, "hp_ontology_load: 'inputs' is NULL");
    for (size_t i = 0; i < n_inputs; i++)
        if (!inputs[i].name)
            return hp__error(err, HP_E_INVALID, "hp_ontology_load: input %zu has no name", i);
    const hp_allocator *a = opts && opts->allocator ? opts->allocator : &hp__default_allocator;
    if (!a->malloc_fn || !a->realloc_fn || !a->free_fn)
        return hp__error(err, HP_E_INVALID, "hp_ontology_load: incomplete allocator");
    size_t cap = opts && opts->max_input_bytes ? opts->max_input_bytes : HP_DEFAULT_MAX_INPUT_BYTES;

    builder b;
    memset(&b, 0, sizeof b);
    b.a = a;
    b.err = err;
    schema s;
    memset(&s, 0, sizeof s);
    int validate = !(flags & HP_LOAD_SKIP_SCHEMA) && n_inputs > 0;
    if (validate && !schema_open(&b, &s)) {
        builder_free(&b);
        return b.status;
    }
    if (with_default) {
        load_input(&b, &s, 0, "<default>", (const char *)hp__default_xml, hp__default_xml_size,
                   (size_t)-1);
        /* the embedded default is checked when the library is built and tested: if it
           fails now, libxml2 ran out of memory and dropped part of the tree silently */
        if (b.status != HP_OK && b.status != HP_E_NOMEM) {
            b.status = HP_OK;
            hp__ld_nomem(&b);
        }
    }
    for (size_t i = 0; i < n_inputs && b.status == HP_OK; i++)
        load_input(&b, &s, validate, inputs[i].name, inputs[i].data, inputs[i].size, cap);
    schema_close(&s);

    hp_ontology *o = NULL;
    if (b.status == HP_OK) {
        resolver r = {&b, NULL, 0};
        r.ids = build_ids(&b, &r.n);
        if (r.ids)
            check_all(&r);
        if (r.ids)
            hp__lexicon_check(&r);
        if (b.status == HP_OK)
            o = freeze(&b, r.ids, r.n);
        else
            hp__free(a, r.ids);
    }
    hp_status st = b.status;
    builder_free(&b);
    if (st != HP_OK)
        return st;
    *out = o;
    return HP_OK;
}

hp_status hp_ontology_load_default(hp_ontology **out, hp_error *err) {
    hp_load_options o = {HP_LOAD_WITH_DEFAULT, 0, NULL};
    return hp_ontology_load(NULL, 0, &o, out, err);
}

hp_status hp_ontology_load_file(const char *path, hp_ontology **out, hp_error *err) {
    if (!path) {
        if (out)
            *out = NULL;
        return hp__error(err, HP_E_INVALID, "hp_ontology_load_file: 'path' is NULL");
    }
    hp_input in = {path, NULL, 0};
    return hp_ontology_load(&in, 1, NULL, out, err);
}

hp_status hp_ontology_load_memory(const char *name, const void *data, size_t size,
                                  hp_ontology **out, hp_error *err) {
    if (!data) {
        if (out)
            *out = NULL;
        return hp__error(err, HP_E_INVALID, "hp_ontology_load_memory: 'data' is NULL");
    }
    hp_input in = {name ? name : "<memory>", data, size};
    return hp_ontology_load(&in, 1, NULL, out, err);
}
