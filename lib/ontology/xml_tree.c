/* The loader's safe XML parser and the element tree it builds (see xml_tree.h). */
#include "ontology/xml_tree.h"

#include <limits.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "core/alloc_internal.h"

/* ---- Errors ------------------------------------------------------------------------- */

void hp__xml_record_error(hp__xml_problem *p, const xmlError *e) {
    if (e && e->code == XML_ERR_NO_MEMORY)
        p->oom = 1;
    if (p->have_error || !e || e->level < XML_ERR_ERROR)
        return;
    p->have_error = 1;
    snprintf(p->message, sizeof p->message, "%s", e->message ? e->message : "XML error");
    size_t n = strlen(p->message);
    while (n > 0 && (p->message[n - 1] == '\n' || p->message[n - 1] == ' '))
        p->message[--n] = '\0';
    p->line = e->line;
    p->column = e->int2;
    if (e->node && p->line <= 0)
        p->line = (int)xmlGetLineNo((const xmlNode *)e->node);
}

/* ---- The arena ---------------------------------------------------------------------- */

struct hp__xml_chunk {
    hp__xml_chunk *next;
    alignas(max_align_t) char data[];
};

/* Chunks start at the input's size, at least 4 KiB, and double up to 64 KiB. Bigger ones would be
   faster to fill but, above glibc's mmap threshold (128 KiB at first), each would be fresh pages
   from the kernel, faulted in on every load: that once cost the default ontology's load more than
   its parsing. */
#define CHUNK_MIN ((size_t)4096)
#define CHUNK_MAX ((size_t)1 << 16)

/* ---- Parsing ------------------------------------------------------------------------ */

typedef struct state {
    xmlParserCtxtPtr ctxt;
    hp__xml_problem *problem;
    hp__xml_parsed *out;
    const hp_allocator *a;
    int tree;
    char *cur, *end;    /* free space of the newest chunk */
    size_t next_chunk;  /* size of the next chunk */
    hp__xml_node *open; /* innermost open element */
    char *text;         /* character data of the open element while it has no children */
    size_t tlen, tcap;
    const xmlChar *uri; /* the last namespace URI seen, and its copy */
    const char *uri_copy;
    /* libxml2's own handlers, called first when its document is built */
    startElementNsSAX2Func doc_start;
    endElementNsSAX2Func doc_end;
    charactersSAXFunc doc_characters;
    cdataBlockSAXFunc doc_cdata;
} state;

static void out_of_memory(state *s) {
    s->problem->oom = 1;
    xmlStopParser(s->ctxt);
}

static void *arena_alloc(state *s, size_t size) {
    size = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    if ((size_t)(s->end - s->cur) < size) {
        size_t n = s->next_chunk > size ? s->next_chunk : size;
        if (n > SIZE_MAX - sizeof(hp__xml_chunk))
            return NULL;
        hp__xml_chunk *c = hp__malloc(s->a, sizeof *c + n);
        if (!c)
            return NULL;
        c->next = s->out->chunks;
        s->out->chunks = c;
        s->cur = c->data;
        s->end = c->data + n;
        s->next_chunk = s->next_chunk < CHUNK_MAX / 2 ? s->next_chunk * 2 : CHUNK_MAX;
    }
    void *p = s->cur;
    s->cur += size;
    return p;
}

/* A copy of an attribute value. libxml2 hands "&" over as "&#38;" for its tree builder
   to decode (unless entities are substituted, which an ontology never allows). */
static const char *copy_value(state *s, const xmlChar *v, const xmlChar *end) {
    size_t n = (size_t)(end - v);
    char *p = arena_alloc(s, n + 1);
    if (!p)
        return NULL;
    const char *amp = memchr(v, '&', n);
    if (!amp) {
        memcpy(p, v, n);
        p[n] = '\0';
        return p;
    }
    char *o = p;
    for (const xmlChar *q = v; q < end;) {
        if (*q == '&' && end - q >= 5 && memcmp(q, "&#38;", 5) == 0) {
            *o++ = '&';
            q += 5;
        } else {
            *o++ = (char)*q++;
        }
    }
    *o = '\0';
    return p;
}

static void on_start(void *user, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                     int n_ns, const xmlChar **ns, int n_attrs, int n_defaulted,
                     const xmlChar **attrs) {
    xmlParserCtxtPtr ctxt = user;
    state *s = ctxt->_private;
    if (s->doc_start)
        s->doc_start(user, name, prefix, uri, n_ns, ns, n_attrs, n_defaulted, attrs);
    if (!s->tree || s->problem->oom)
        return;
    hp__xml_node *n = arena_alloc(s, sizeof *n);
    hp__xml_attr *av = n_attrs > 0 ? arena_alloc(s, (size_t)n_attrs * sizeof *av) : NULL;
    if (!n || (n_attrs > 0 && !av)) {
        out_of_memory(s);
        return;
    }
    memset(n, 0, sizeof *n);
    n->name = (const char *)name;
    if (uri && uri != s->uri) {
        size_t len = strlen((const char *)uri);
        char *copy = arena_alloc(s, len + 1);
        if (!copy) {
            out_of_memory(s);
            return;
        }
        memcpy(copy, uri, len + 1);
        s->uri = uri;
        s->uri_copy = copy;
    }
    n->ns = uri ? s->uri_copy : NULL;
    n->line = ctxt->input && ctxt->input->line > 0 ? (uint32_t)ctxt->input->line : 0;
    n->attrs = av;
    for (int i = 0; i < n_attrs; i++) {
        const xmlChar **a = attrs + 5 * i; /* localname, prefix, URI, value, end */
        if (a[1] && strcmp((const char *)a[1], "xml") == 0) {
            if (strcmp((const char *)a[0], "lang") == 0 && a[4] > a[3]) {
                n->lang = copy_value(s, a[3], a[4]);
                if (!n->lang) {
                    out_of_memory(s);
                    return;
                }
            }
            continue;
        }
        if (a[2])
            continue; /* in some other namespace: not the ontology's */
        const char *v = copy_value(s, a[3], a[4]);
        if (!v) {
            out_of_memory(s);
            return;
        }
        av[n->n_attrs++] = (hp__xml_attr){(const char *)a[0], v};
    }
    hp__xml_node *parent = s->open;
    n->parent = parent;
    if (parent) {
        if (parent->last)
            parent->last->next = n;
        else
            parent->children = n;
        parent->last = n;
    } else if (!s->out->root) {
        s->out->root = n;
    }
    s->open = n;
    s->tlen = 0; /* the parent's text, if any, is not kept: it has children now */
}

static void on_end(void *user, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) {
    xmlParserCtxtPtr ctxt = user;
    state *s = ctxt->_private;
    if (s->doc_end)
        s->doc_end(user, name, prefix, uri);
    hp__xml_node *n = s->open;
    if (!s->tree || s->problem->oom || !n)
        return;
    if (!n->children && !s->tlen) {
        n->text = "";
    } else if (!n->children) {
        char *t = arena_alloc(s, s->tlen + 1);
        if (!t) {
            out_of_memory(s);
            return;
        }
        memcpy(t, s->text, s->tlen);
        t[s->tlen] = '\0';
        n->text = t;
    }
    s->tlen = 0;
    s->open = n->parent;
}

static void add_text(state *s, const xmlChar *ch, int len) {
    if (!s->tree || s->problem->oom || !s->open || s->open->children || len <= 0)
        return;
    if (!hp__grow(s->a, (void **)&s->text, &s->tcap, s->tlen + (size_t)len, 1)) {
        out_of_memory(s);
        return;
    }
    memcpy(s->text + s->tlen, ch, (size_t)len);
    s->tlen += (size_t)len;
}

/* Text and, alike (libxml2 keeps blanks: its own handler is the same for both), white
   space. */
static void on_characters(void *user, const xmlChar *ch, int len) {
    xmlParserCtxtPtr ctxt = user;
    state *s = ctxt->_private;
    if (s->doc_characters)
        s->doc_characters(user, ch, len);
    add_text(s, ch, len);
}

static void on_cdata(void *user, const xmlChar *value, int len) {
    xmlParserCtxtPtr ctxt = user;
    state *s = ctxt->_private;
    if (s->doc_cdata)
        s->doc_cdata(user, value, len);
    add_text(s, value, len);
}

static void on_parse_error(void *user, xmlErrorPtr e) {
    xmlParserCtxtPtr ctxt = user;
    state *s = ctxt->_private;
    hp__xml_record_error(s->problem, e);
}

static void forbid(xmlParserCtxtPtr ctxt, const char *what) {
    state *s = ctxt->_private;
    hp__xml_problem *p = s->problem;
    if (!p->forbidden) {
        p->forbidden = 1;
        p->have_error = 1;
        snprintf(p->message, sizeof p->message, "%s is not allowed in an ontology", what);
        p->line = ctxt->input ? ctxt->input->line : 0;
        p->column = ctxt->input ? ctxt->input->col : 0;
    }
    xmlStopParser(ctxt);
}

static void on_internal_subset(void *user, const xmlChar *name, const xmlChar *ext,
                               const xmlChar *sys) {
    (void)name, (void)ext, (void)sys;
    forbid(user, "a document type declaration (DTD)");
}

static void on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *pub,
                           const xmlChar *sys, xmlChar *content) {
    (void)name, (void)type, (void)pub, (void)sys, (void)content;
    forbid(user, "an entity declaration");
}

static void on_reference(void *user, const xmlChar *name) {
    (void)name;
    forbid(user, "an entity reference");
}

static xmlEntityPtr on_get_entity(void *user, const xmlChar *name) {
    xmlEntityPtr predefined = xmlGetPredefinedEntity(name);
    if (predefined)
        return predefined;
    forbid(user, "an entity reference");
    return NULL;
}

static pthread_once_t xml_init_once = PTHREAD_ONCE_INIT;
static void init_xml(void) { xmlInitParser(); }

/* Our handlers in place of libxml2's; its tree builders are kept (and called by ours)
   only when its document is wanted. */
static void set_handlers(xmlSAXHandler *sax, state *s, int doc) {
    if (doc) {
        s->doc_start = sax->startElementNs;
        s->doc_end = sax->endElementNs;
        s->doc_characters = sax->characters;
        s->doc_cdata = sax->cdataBlock;
    } else {
        sax->startDocument = NULL;
        sax->endDocument = NULL;
        sax->comment = NULL;
        sax->processingInstruction = NULL;
        sax->attributeDecl = NULL;
        sax->elementDecl = NULL;
        sax->notationDecl = NULL;
        sax->setDocumentLocator = NULL;
    }
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->characters = on_characters;
    sax->ignorableWhitespace = on_characters;
    sax->cdataBlock = on_cdata;
    sax->serror = on_parse_error;
    sax->error = NULL;
    sax->warning = NULL;
    sax->internalSubset = on_internal_subset;
    sax->externalSubset = on_internal_subset;
    sax->entityDecl = on_entity_decl;
    sax->unparsedEntityDecl = NULL;
    sax->reference = on_reference;
    sax->getEntity = on_get_entity;
    sax->getParameterEntity = NULL;
}

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/*
 * Only UTF-8 is read: libxml2 reports a failed conversion from any other encoding to its
 * process-wide error handler (which prints), never to the parse's own. Input that starts
 * like UTF-16, UTF-32 or EBCDIC, or whose XML declaration names another encoding, is
 * refused before libxml2 sees it. Returns 1 if the input may be parsed.
 */

static int utf8_only(const char *data, size_t size, hp__xml_problem *p) {
    const unsigned char *u = (const unsigned char *)data;
    int foreign = size >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE));
    for (size_t i = 0; i < size && i < 4; i++)
        foreign |= u[i] == 0;
    foreign |= size >= 4 && memcmp(u, "\x4C\x6F\xA7\x94", 4) == 0;
    if (foreign) {
        snprintf(p->message, sizeof p->message,
                 "input in UTF-16, UTF-32 or EBCDIC is not allowed in an ontology (UTF-8 only)");
        p->have_error = p->forbidden = 1;
        p->line = p->column = 1;
        return 0;
    }
    size_t i = size >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* UTF-8 byte order mark */
    if (size - i < 6 || memcmp(u + i, "<?xml", 5) != 0 || !is_space(u[i + 5]))
        return 1; /* no XML declaration */
    /* The declaration runs to its first '>' (none can stand inside it), however long and
       whether or not it ends well: libxml2 switches to a declared encoding as soon as it
       has read the quoted name, before it looks for the "?>". */
    size_t end = i + 5;
    while (end < size && u[end] != '>')
        end++;
    for (size_t k = i + 5; k + 8 < end; k++) {
        if (memcmp(u + k, "encoding", 8) != 0 || !is_space(u[k - 1]))
            continue;
        size_t v = k + 8;
        while (v < end && is_space(u[v]))
            v++;
        if (v >= end || u[v++] != '=')
            return 1; /* malformed: libxml2 says so */
        while (v < end && is_space(u[v]))
            v++;
        if (v >= end || (u[v] != '"' && u[v] != '\''))
            return 1;
        unsigned char quote = u[v++];
        size_t w = v;
        while (w < end && u[w] != quote)
            w++;
        if (w >= end)
            return 1; /* not closed: libxml2 refuses the name and switches to nothing */
        size_t n = w - v;
        if ((n == 5 && strncasecmp(data + v, "UTF-8", 5) == 0) ||
            (n == 4 && strncasecmp(data + v, "UTF8", 4) == 0))
            return 1;
        snprintf(p->message, sizeof p->message,
                 "the encoding '%.*s' is not allowed in an ontology (UTF-8 only)",
                 (int)(n > 40 ? 40 : n), data + v);
        p->have_error = p->forbidden = 1;
        p->line = 1;
        for (size_t q = 0; q < k; q++)
            p->line += u[q] == '\n';
        p->column = 1;
        for (size_t q = k; q > 0 && u[q - 1] != '\n'; q--)
            p->column++;
        return 0;
    }
    return 1;
}

/* A parser context reading the caller's bytes, or NULL when memory runs out. Not
   xmlCreateMemoryParserCtxt: in libxml2 2.9.14 it leaks its input buffer when an
   allocation fails; filling a buffer we own has no such path. */
static xmlParserCtxtPtr new_context(const char *data, size_t size) {
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    xmlParserInputBufferPtr buf = xmlAllocParserInputBuffer(XML_CHAR_ENCODING_NONE);
    if (buf && size && xmlParserInputBufferPush(buf, (int)size, data) < 0) {
        xmlFreeParserInputBuffer(buf);
        buf = NULL;
    }
    xmlParserInputPtr input = buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
    if (!input || inputPush(ctxt, input) < 0) {
        if (input)
            xmlFreeInputStream(input);
        else if (buf)
            xmlFreeParserInputBuffer(buf);
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    return ctxt;
}

void hp__xml_parsed_free(hp__xml_parsed *x) {
    if (!x)
        return;
    if (x->doc)
        xmlFreeDoc(x->doc);
    for (hp__xml_chunk *c = x->chunks, *next; c; c = next) {
        next = c->next;
        hp__free(x->a, c);
    }
    if (x->dict)
        xmlDictFree(x->dict);
    memset(x, 0, sizeof *x);
}

hp_status hp__xml_parse(const hp_allocator *a, const char *data, size_t size, unsigned what,
                        hp__xml_parsed *out, hp__xml_problem *problem) {
    pthread_once(&xml_init_once, init_xml);
    memset(out, 0, sizeof *out);
    memset(problem, 0, sizeof *problem);
    out->a = a;
    if (size > INT_MAX) {
        snprintf(problem->message, sizeof problem->message, "input is too large");
        problem->have_error = 1;
        return HP_E_LIMIT;
    }
    if (!utf8_only(data, size, problem))
        return HP_E_FORBIDDEN;
    xmlParserCtxtPtr ctxt = new_context(data, size);
    if (!ctxt) {
        problem->oom = 1;
        return HP_E_NOMEM;
    }
    state s;
    memset(&s, 0, sizeof s);
    s.ctxt = ctxt;
    s.problem = problem;
    s.out = out;
    s.a = a;
    s.tree = (what & HP__XML_TREE) != 0;
    s.next_chunk = size < CHUNK_MIN ? CHUNK_MIN : size > CHUNK_MAX ? CHUNK_MAX : size;
    ctxt->_private = &s;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    set_handlers(ctxt->sax, &s, (what & HP__XML_DOC) != 0); /* after: it may reset some */

    xmlParseDocument(ctxt);
    int oom = ctxt->errNo == XML_ERR_NO_MEMORY || problem->oom;
    /* libxml2 may recover from a failed allocation and drop a node: never trust that */
    int ok = ctxt->wellFormed && !problem->have_error && !oom && (!s.tree || out->root) &&
             (!(what & HP__XML_DOC) || ctxt->myDoc);
    out->doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (ok && s.tree) {
        out->dict = ctxt->dict;
        if (xmlDictReference(out->dict) < 0) {
            out->dict = NULL;
            ok = 0;
            oom = 1;
        }
    }
    xmlFreeParserCtxt(ctxt);
    hp__free(a, s.text);
    if (ok)
        return HP_OK;
    hp__xml_parsed_free(out);
    out->a = a;
    if (problem->forbidden)
        return HP_E_FORBIDDEN;
    if (oom) {
        problem->oom = 1;
        return HP_E_NOMEM;
    }
    if (!problem->message[0])
        snprintf(problem->message, sizeof problem->message, "not well-formed XML");
    return HP_E_PARSE;
}
