/*
 * The text intake's lexicon in the ontology's files (data/FORMAT.md, "Lexicon"): reading
 * <lexicon> sections into the loader's builder, and checking, once every input is read,
 * that each phrase names a finding of the load and that there are at most
 * HP__MAX_LEXICON_LANGS languages. The loader (loader.c) calls both; the phrases are
 * compiled for matching when the ontology is frozen (lexicon.c).
 */
#include <string.h>

#include "ontology/lexicon.h"
#include "ontology/loader_internal.h"

/* <lexicon xml:lang="..">: <phrases finding="id" [answer="absent"] [requires="id"] [also="id"
   [also-answer="present|absent"]]> and <cues kind="negation|boundary|..">, each a list of
   <p>. */
void hp__lexicon_read(builder *b, const hp__xml_node *n) {
    hp__str lang = hp__ld_node_lang(b, n);
    for (const hp__xml_node *k = n->children; k && b->status == HP_OK; k = k->next) {
        st_phrase ph = {0, HP__PHRASE_FINDING, 0, lang,       0, hp__ld_here(b, k),
                        0, UINT32_MAX,         0, UINT32_MAX, 0};
        if (hp__ld_is_el(k, "phrases")) {
            ph.finding_ref = hp__ld_read_id(b, k, "finding", 0);
            if (hp__ld_attr(k, "requires"))
                ph.requires_ref = hp__ld_read_id(b, k, "requires", 0);
            if (hp__ld_attr(k, "also"))
                ph.also_ref = hp__ld_read_id(b, k, "also", 0);
            const char *answer = hp__ld_attr(k, "answer");
            ph.absent = answer && !strcmp(answer, "absent");
            if (answer && !ph.absent && strcmp(answer, "present") && b->status == HP_OK)
                hp__ld_fail_at(b, HP_E_SCHEMA, ph.at,
                               "<phrases answer=\"%s\">: not \"present\" or \"absent\"", answer);
            const char *also = hp__ld_attr(k, "also-answer");
            ph.also_absent = also ? !strcmp(also, "absent") : ph.absent;
            if (also && strcmp(also, "absent") && strcmp(also, "present") && b->status == HP_OK)
                hp__ld_fail_at(b, HP_E_SCHEMA, ph.at,
                               "<phrases also-answer=\"%s\">: not \"present\" or \"absent\"", also);
        } else if (hp__ld_is_el(k, "cues")) {
            static const char *const kinds[] = {"",       "negation",       "boundary",
                                                "filler", "left",           "right",
                                                "both",   "negation-after", "ignore"};
            const char *kind = hp__ld_req_attr(b, k, "kind");
            ph.kind = 0xff;
            for (uint8_t i = 1; kind && i < HP__PHRASE_KIND_COUNT; i++)
                if (!strcmp(kind, kinds[i]))
                    ph.kind = i;
            if (ph.kind == 0xff && b->status == HP_OK)
                hp__ld_fail_at(b, HP_E_SCHEMA, ph.at, "<cues kind=\"%s\">: not a kind of cue",
                               kind);
        } else {
            hp__ld_unexpected(b, k, "lexicon");
            continue;
        }
        for (const hp__xml_node *p = k->children; p && b->status == HP_OK; p = p->next) {
            ph.at = hp__ld_here(b, p);
            ph.text = hp__ld_is_el(p, "p") ? hp__ld_node_text(b, p) : 0;
            if (!hp__ld_is_el(p, "p"))
                hp__ld_unexpected(b, p, k->name);
            else if (!ph.text)
                hp__ld_fail_at(b, HP_E_SCHEMA, ph.at, "<p> in <%s> is empty", k->name);
            else
                PUSH(b, b->phrases, ph);
        }
    }
}

/* Every lexicon phrase names findings that exist. */
void hp__lexicon_check(resolver *r) {
    builder *b = r->b;
    hp__str langs[HP__MAX_LEXICON_LANGS];
    size_t n_langs = 0;
    for (size_t i = 0; i < b->phrases.n && b->status == HP_OK; i++) {
        st_phrase *p = &b->phrases.v[i];
        size_t l = 0;
        while (l < n_langs && strcmp(b->str + langs[l], b->str + p->lang) != 0)
            l++;
        if (l == n_langs && n_langs == HP__MAX_LEXICON_LANGS) {
            hp__ld_fail_at(b, HP_E_LIMIT, p->at, "lexicon in '%s': more than %d lexicon languages",
                           b->str + p->lang, HP__MAX_LEXICON_LANGS);
            return;
        }
        if (l == n_langs)
            langs[n_langs++] = p->lang;
        if (p->kind != HP__PHRASE_FINDING)
            continue;
        long f = hp__ld_resolve(r, p->finding_ref, HP_ENTITY_FINDING, p->at, "lexicon finding");
        if (f >= 0)
            p->finding_ref = (hp__str)f;
        if (p->requires_ref) {
            f = hp__ld_resolve(r, p->requires_ref, HP_ENTITY_FINDING, p->at, "lexicon requires");
            p->requires = f >= 0 ? (uint32_t)f : UINT32_MAX;
        }
        if (p->also_ref) {
            f = hp__ld_resolve(r, p->also_ref, HP_ENTITY_FINDING, p->at, "lexicon also");
            p->also = f >= 0 ? (uint32_t)f : UINT32_MAX;
        }
    }
}
