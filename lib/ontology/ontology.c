/* Querying a loaded ontology, and its reference counting. */
#include <string.h>

#include "core/alloc_internal.h"
#include "ontology/lexicon.h"
#include "ontology/model.h"

void hp__ontology_destroy(hp_ontology *o);

void hp__ontology_destroy(hp_ontology *o) {
    if (!o)
        return;
    const hp_allocator a = o->alloc;
    hp__free(&a, o->strings);
    hp__free(&a, o->files);
    hp__free(&a, o->texts);
    hp__free(&a, o->sources);
    hp__free(&a, o->findings);
    hp__free(&a, o->conditions);
    hp__free(&a, o->red_flags);
    hp__free(&a, o->derived);
    hp__free(&a, o->exercises);
    hp__free(&a, o->advice);
    hp__free(&a, o->links);
    hp__free(&a, o->finding_links);
    hp__free(&a, o->presentations);
    hp__free(&a, o->mixed);
    hp__free(&a, o->treatments);
    hp__free(&a, o->red_flag_findings);
    hp__free(&a, o->red_flag_groups);
    hp__free(&a, o->finding_red_flags);
    hp__free(&a, o->contras);
    hp__free(&a, o->phrases);
    hp__lexicon_free(&a, o->lexicon);
    hp__free(&a, o->ids);
    hp__free(&a, o->prior_order);
    hp__free(&a, o->prior_rank);
    hp__free(&a, o->serious_order);
    hp__free(&a, o->derived_order);
    hp__free(&a, o);
}

hp_ontology *hp_ontology_ref(const hp_ontology *onto) {
    hp_ontology *o = (hp_ontology *)onto;
    if (o)
        atomic_fetch_add_explicit(&o->refs, 1, memory_order_relaxed);
    return o;
}

void hp_ontology_free(const hp_ontology *onto) {
    hp_ontology *o = (hp_ontology *)onto;
    if (o && atomic_fetch_sub_explicit(&o->refs, 1, memory_order_acq_rel) == 1)
        hp__ontology_destroy(o);
}

size_t hp_ontology_memory(const hp_ontology *o) { return o ? o->bytes : 0; }

const char *hp_ontology_name(const hp_ontology *o) { return o ? hp__s(o, o->name) : NULL; }

const char *hp_ontology_version(const hp_ontology *o) { return o ? hp__s(o, o->version) : NULL; }

size_t hp_ontology_count(const hp_ontology *o, hp_entity_kind kind) {
    if (!o)
        return 0;
    switch (kind) {
    case HP_ENTITY_SOURCE: return o->n_sources;
    case HP_ENTITY_FINDING: return o->n_findings;
    case HP_ENTITY_CONDITION: return o->n_conditions;
    case HP_ENTITY_RED_FLAG: return o->n_red_flags;
    case HP_ENTITY_DERIVED_RULE: return o->n_derived;
    case HP_ENTITY_EXERCISE: return o->n_exercises;
    case HP_ENTITY_ADVICE: return o->n_advice;
    default: return 0;
    }
}

const hp__entry *hp__entry_of(const hp_ontology *o, hp_entity_kind kind, size_t i) {
    if (!o || i >= hp_ontology_count(o, kind))
        return NULL;
    switch (kind) {
    case HP_ENTITY_SOURCE: return &o->sources[i].e;
    case HP_ENTITY_FINDING: return &o->findings[i].e;
    case HP_ENTITY_CONDITION: return &o->conditions[i].e;
    case HP_ENTITY_RED_FLAG: return &o->red_flags[i].e;
    case HP_ENTITY_DERIVED_RULE: return &o->derived[i].e;
    case HP_ENTITY_EXERCISE: return &o->exercises[i].e;
    case HP_ENTITY_ADVICE: return &o->advice[i].e;
    default: return NULL;
    }
}

hp_status hp_ontology_lookup(const hp_ontology *o, const char *id, hp_entity_kind *kind,
                             size_t *index) {
    if (!o || !id)
        return HP_E_INVALID;
    size_t lo = 0, hi = o->n_ids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(hp__s(o, o->ids[mid].id), id);
        if (c == 0) {
            if (kind)
                *kind = (hp_entity_kind)o->ids[mid].kind;
            if (index)
                *index = o->ids[mid].index;
            return HP_OK;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return HP_E_NOT_FOUND;
}

size_t hp_ontology_index(const hp_ontology *o, hp_entity_kind kind, const char *id) {
    hp_entity_kind k;
    size_t i;
    if (hp_ontology_lookup(o, id, &k, &i) != HP_OK || k != kind)
        return (size_t)-1;
    return i;
}

const char *hp_ontology_id(const hp_ontology *o, hp_entity_kind kind, size_t index) {
    const hp__entry *e = hp__entry_of(o, kind, index);
    return e ? hp__s(o, e->id) : NULL;
}

const char *hp_ontology_sources(const hp_ontology *o, hp_entity_kind kind, size_t index) {
    const hp__entry *e = hp__entry_of(o, kind, index);
    return e ? hp__s(o, e->sources) : NULL;
}

hp_status hp_ontology_origin(const hp_ontology *o, hp_entity_kind kind, size_t index,
                             const char **file, int *line) {
    const hp__entry *e = hp__entry_of(o, kind, index);
    if (!e)
        return HP_E_NOT_FOUND;
    if (file)
        *file = hp__s(o, o->files[e->file]);
    if (line)
        *line = (int)e->line;
    return HP_OK;
}

/* The text of `field` in exactly `lang` (len bytes) among texts r, or NULL. */
static const char *text_in(const hp_ontology *o, const hp__range *r, hp_text_field field,
                           const char *lang, size_t len) {
    for (uint32_t i = 0; i < r->count; i++) {
        const hp__text *t = &o->texts[r->first + i];
        if (t->field != field)
            continue;
        const char *l = hp__s(o, t->lang);
        if (strncmp(l, lang, len) == 0 && l[len] == '\0')
            return hp__s(o, t->text);
    }
    return NULL;
}

/* The text of `field` among texts r in `lang`: "de-AT", then "de", ... then English. */
static const char *text_for(const hp_ontology *o, const hp__range *r, hp_text_field field,
                            const char *lang) {
    if (lang && *lang) {
        size_t len = strlen(lang);
        while (len > 0) {
            const char *t = text_in(o, r, field, lang, len);
            if (t)
                return t;
            while (len > 0 && lang[len - 1] != '-' && lang[len - 1] != '_')
                len--;
            if (len > 0)
                len--;
        }
    }
    return text_in(o, r, field, "en", 2);
}

const char *hp_ontology_text(const hp_ontology *o, hp_entity_kind kind, size_t index,
                             hp_text_field field, const char *lang) {
    const hp__entry *e = hp__entry_of(o, kind, index);
    return e ? text_for(o, &e->texts, field, lang) : NULL;
}

hp_status hp_ontology_source(const hp_ontology *o, size_t i, hp_source_info *out) {
    if (!o || !out || i >= o->n_sources)
        return HP_E_NOT_FOUND;
    const hp__source *s = &o->sources[i];
    out->id = hp__s(o, s->e.id);
    out->citation = hp_ontology_text(o, HP_ENTITY_SOURCE, i, HP_TEXT_CITATION, NULL);
    out->url = hp__s_or_null(o, s->url);
    return HP_OK;
}

hp_status hp_ontology_finding(const hp_ontology *o, size_t i, hp_finding_info *out) {
    if (!o || !out || i >= o->n_findings)
        return HP_E_NOT_FOUND;
    const hp__finding *f = &o->findings[i];
    out->id = hp__s(o, f->e.id);
    out->kind = (hp_finding_kind)f->kind;
    out->group = (hp_finding_group)f->group;
    out->base_rate = f->base_rate;
    out->n_treatments = f->treatments.count;
    out->sources = hp__s(o, f->e.sources);
    return HP_OK;
}

hp_status hp_ontology_condition(const hp_ontology *o, size_t i, hp_condition_info *out) {
    if (!o || !out || i >= o->n_conditions)
        return HP_E_NOT_FOUND;
    const hp__condition *c = &o->conditions[i];
    out->id = hp__s(o, c->e.id);
    out->prior = c->prior;
    out->seriousness = (hp_seriousness)c->seriousness;
    out->suspect_at = c->suspect_at;
    out->n_evidence = c->links.count;
    out->n_treatments = c->treatments.count;
    out->sources = hp__s(o, c->e.sources);
    return HP_OK;
}

hp_status hp_ontology_red_flag(const hp_ontology *o, size_t i, hp_red_flag_info *out) {
    if (!o || !out || i >= o->n_red_flags)
        return HP_E_NOT_FOUND;
    const hp__red_flag *r = &o->red_flags[i];
    out->id = hp__s(o, r->e.id);
    out->level = (hp_triage_level)r->level;
    out->n_findings = r->findings.count;
    out->sources = hp__s(o, r->e.sources);
    return HP_OK;
}

hp_status hp_ontology_derived_rule(const hp_ontology *o, size_t i, hp_derived_rule_info *out) {
    if (!o || !out || i >= o->n_derived)
        return HP_E_NOT_FOUND;
    const hp__derived_rule *d = &o->derived[i];
    out->id = hp__s(o, d->e.id);
    out->finding = d->finding;
    out->metric = (hp_metric)d->metric;
    out->op = (hp_compare)d->op;
    out->threshold = d->threshold;
    out->sources = hp__s(o, d->e.sources);
    return HP_OK;
}

hp_status hp_ontology_exercise(const hp_ontology *o, size_t i, hp_exercise_info *out) {
    if (!o || !out || i >= o->n_exercises)
        return HP_E_NOT_FOUND;
    const hp__exercise *x = &o->exercises[i];
    out->id = hp__s(o, x->e.id);
    out->kind = (hp_exercise_kind)x->kind;
    out->targets = hp__s(o, x->targets);
    const hp__dosing *d = &x->dosing;
    out->dosing = (hp_dosing){d->sets,
                              d->reps,
                              d->hold_seconds,
                              d->minutes,
                              d->days_per_week,
                              (hp_effort)d->effort,
                              hp__s(o, d->sources)};
    const hp__progression *p = &x->progression;
    out->progression =
        (hp_progression){p->every_weeks,
                         p->add_sets,
                         p->max_sets,
                         p->add_reps,
                         p->max_reps,
                         p->add_hold_seconds,
                         p->max_hold_seconds,
                         p->add_minutes,
                         p->max_minutes,
                         p->effort == 0xff ? (hp_effort)d->effort : (hp_effort)p->effort,
                         hp__s_or_null(o, p->sources)};
    out->n_contraindications = x->contras.count;
    out->sources = hp__s(o, x->e.sources);
    return HP_OK;
}

hp_status hp_ontology_advice(const hp_ontology *o, size_t i, hp_advice_info *out) {
    if (!o || !out || i >= o->n_advice)
        return HP_E_NOT_FOUND;
    out->id = hp__s(o, o->advice[i].e.id);
    out->category = (hp_advice_category)o->advice[i].category;
    out->sources = hp__s(o, o->advice[i].e.sources);
    return HP_OK;
}

hp_status hp_condition_evidence(const hp_ontology *o, size_t c, size_t j, hp_evidence_link *out) {
    if (!o || !out || c >= o->n_conditions || j >= o->conditions[c].links.count)
        return HP_E_NOT_FOUND;
    const hp__link *l = &o->links[o->conditions[c].links.first + j];
    out->finding = l->finding;
    out->strength = l->strength;
    out->sources = hp__s(o, l->sources);
    return HP_OK;
}

size_t hp_condition_presentation_count(const hp_ontology *o, size_t c) {
    return o && c < o->n_conditions ? o->conditions[c].presentations.count : 0;
}

hp_status hp_condition_presentation(const hp_ontology *o, size_t c, size_t k,
                                    hp_presentation_info *out) {
    if (!o || !out || c >= o->n_conditions || k >= o->conditions[c].presentations.count)
        return HP_E_NOT_FOUND;
    const hp__presentation *p = &o->presentations[o->conditions[c].presentations.first + k];
    out->id = hp__s(o, p->id);
    out->condition = c;
    out->share = p->share;
    out->n_evidence = p->links.count;
    out->sources = hp__s(o, p->sources);
    return HP_OK;
}

const char *hp_presentation_label(const hp_ontology *o, size_t c, size_t k, const char *lang) {
    if (!o || c >= o->n_conditions || k >= o->conditions[c].presentations.count)
        return NULL;
    const hp__presentation *p = &o->presentations[o->conditions[c].presentations.first + k];
    return text_for(o, &p->texts, HP_TEXT_LABEL, lang);
}

hp_status hp_presentation_evidence(const hp_ontology *o, size_t c, size_t k, size_t j,
                                   hp_evidence_link *out) {
    if (!o || !out || c >= o->n_conditions || k >= o->conditions[c].presentations.count)
        return HP_E_NOT_FOUND;
    const hp__presentation *p = &o->presentations[o->conditions[c].presentations.first + k];
    if (j >= p->links.count)
        return HP_E_NOT_FOUND;
    const hp__link *l = &o->links[p->links.first + j];
    out->finding = l->finding;
    out->strength = l->strength;
    out->sources = hp__s(o, l->sources);
    return HP_OK;
}

static hp_status treatment(const hp_ontology *o, const hp__range *r, size_t j,
                           hp_treatment_link *out) {
    if (!out || j >= r->count)
        return HP_E_NOT_FOUND;
    const hp__treatment *t = &o->treatments[r->first + j];
    out->kind = (hp_entity_kind)t->kind;
    out->index = t->index;
    out->phase = (hp_phase)t->phase;
    out->sources = hp__s(o, t->sources);
    return HP_OK;
}

hp_status hp_condition_treatment(const hp_ontology *o, size_t c, size_t j, hp_treatment_link *out) {
    if (!o || c >= o->n_conditions)
        return HP_E_NOT_FOUND;
    return treatment(o, &o->conditions[c].treatments, j, out);
}

hp_status hp_finding_treatment(const hp_ontology *o, size_t f, size_t j, hp_treatment_link *out) {
    if (!o || f >= o->n_findings)
        return HP_E_NOT_FOUND;
    return treatment(o, &o->findings[f].treatments, j, out);
}

size_t hp_red_flag_finding(const hp_ontology *o, size_t r, size_t j) {
    if (!o || r >= o->n_red_flags || j >= o->red_flags[r].findings.count)
        return (size_t)-1;
    return o->red_flag_findings[o->red_flags[r].findings.first + j];
}

size_t hp_red_flag_group(const hp_ontology *o, size_t r, size_t j) {
    if (!o || r >= o->n_red_flags || j >= o->red_flags[r].findings.count)
        return (size_t)-1;
    return o->red_flag_groups[o->red_flags[r].findings.first + j];
}

size_t hp_red_flag_condition(const hp_ontology *o, size_t r) {
    if (!o || r >= o->n_red_flags || o->red_flags[r].condition < 0)
        return (size_t)-1;
    return (size_t)o->red_flags[r].condition;
}

hp_status hp_exercise_contraindication(const hp_ontology *o, size_t e, size_t j,
                                       hp_contraindication *out) {
    if (!o || !out || e >= o->n_exercises || j >= o->exercises[e].contras.count)
        return HP_E_NOT_FOUND;
    const hp__contra *c = &o->contras[o->exercises[e].contras.first + j];
    out->condition = c->condition;
    out->reason = hp__s(o, c->reason);
    out->sources = hp__s(o, c->sources);
    return HP_OK;
}

int hp_exercise_contraindicated(const hp_ontology *o, size_t e, size_t c) {
    if (!o || e >= o->n_exercises)
        return 0;
    const hp__range *r = &o->exercises[e].contras;
    for (uint32_t j = 0; j < r->count; j++)
        if (o->contras[r->first + j].condition == c)
            return 1;
    return 0;
}
