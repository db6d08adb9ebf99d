/*
 * The loader's safe XML parser and the element tree it builds.
 *
 * libxml2 parses with XML_PARSE_NONET only; SAX callbacks stop the parser at any DTD,
 * entity declaration or entity reference before anything is expanded, and every error
 * goes to a per-parse handler. Its SAX2 events build a compact tree of the elements, their
 * unprefixed attributes and the text of elements without element children, in an arena
 * drawn from the caller's allocator: that tree is what the loader reads. libxml2's own
 * document, which costs about as much again to build and to free, is built only when asked
 * for (RELAX NG validation needs it).
 */
#ifndef HIPPAIN_LIB_XML_TREE_H
#define HIPPAIN_LIB_XML_TREE_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "hippain/alloc.h"
#include "hippain/error.h"

/* An attribute without a namespace prefix (xml:lang is kept apart, in lang). */
typedef struct hp__xml_attr {
    const char *name, *value;
} hp__xml_attr;

typedef struct hp__xml_node hp__xml_node;
struct hp__xml_node {
    const char *name; /* local name */
    const char *ns;   /* namespace URI, or NULL */
    hp__xml_node *parent, *children, *last, *next;
    hp__xml_attr *attrs;
    uint32_t n_attrs;
    uint32_t line;    /* of the end of the start tag, as libxml2 counts */
    const char *lang; /* its own non-empty xml:lang, or NULL */
    /* All its character data (text and CDATA, entities decoded) when it has no element
       children; NULL when it has some. Never NULL otherwise ("" for none). */
    const char *text;
};

/* The first problem of a parse or a validation. */
typedef struct hp__xml_problem {
    int forbidden;  /* a DTD or an entity was seen */
    int oom;        /* an allocation failed */
    int have_error; /* message, line and column are set */
    char message[256];
    int line, column;
} hp__xml_problem;

/* Record libxml2's error e in p, unless p holds one already. */
void hp__xml_record_error(hp__xml_problem *p, const xmlError *e);

enum {
    HP__XML_TREE = 1, /* build the element tree (root) */
    HP__XML_DOC = 2   /* build libxml2's document (doc) */
};

typedef struct hp__xml_chunk hp__xml_chunk;

typedef struct hp__xml_parsed {
    hp__xml_node *root; /* with HP__XML_TREE */
    xmlDocPtr doc;      /* with HP__XML_DOC */
    const hp_allocator *a;
    hp__xml_chunk *chunks; /* the tree's arena */
    xmlDictPtr dict;       /* the parser's names, which the tree's names point into */
} hp__xml_parsed;

/*
 * Parse size bytes at data. HP_OK with *out filled (free it with hp__xml_parsed_free());
 * otherwise HP_E_NOMEM, HP_E_LIMIT (over INT_MAX bytes), HP_E_FORBIDDEN or HP_E_PARSE with
 * *problem saying what and where, and nothing left to free.
 */
hp_status hp__xml_parse(const hp_allocator *a, const char *data, size_t size, unsigned what,
                        hp__xml_parsed *out, hp__xml_problem *problem);

void hp__xml_parsed_free(hp__xml_parsed *x);

#endif
