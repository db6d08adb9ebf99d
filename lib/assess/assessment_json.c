/* The assessment as JSON. */
#include "assess/assessment_internal.h"
#include "core/alloc_internal.h"
#include "core/json_writer.h"

/* Triage reason i. */
static void write_reason(hp__jw *w, const hp_assessment *a, size_t i, const char *lang) {
    const hp_ontology *o = a->onto;
    hp_triage_reason r;
    hp_assessment_reason(a, i, &r);
    const hp__reason *x = &a->reasons[i];
    hp__jw_object(w);
    hp__jw_key(w, "level");
    hp__jw_string(w, hp_enum_name(HP_ENUM_TRIAGE, r.level));
    hp__jw_key(w, "kind");
    hp__jw_string(w, r.rule ? "red_flag" : "suspected_condition");
    if (r.rule) {
        hp__jw_key(w, "rule");
        hp__jw_string(w, r.rule);
    }
    if (r.condition) {
        hp__jw_key(w, "condition");
        hp__jw_string(w, r.condition);
    }
    /* "finding": the first finding involved, as the command-line contract shows */
    char first[64] = "";
    size_t k = 0;
    while (r.findings[k] && r.findings[k] != ' ' && k + 1 < sizeof first) {
        first[k] = r.findings[k];
        k++;
    }
    first[k] = '\0';
    hp__jw_key(w, "finding");
    hp__jw_string(w, k ? first : NULL);
    hp__jw_key(w, "findings");
    hp__jw_words(w, r.findings);
    hp__jw_key(w, "text");
    if (x->rule >= 0)
        hp__jw_string(
            w, hp_ontology_text(o, HP_ENTITY_RED_FLAG, (size_t)x->rule, HP_TEXT_MESSAGE, lang));
    else
        hp__jw_string(w, r.text);
    hp__jw_key(w, "sources");
    hp__jw_words(w, r.sources);
    hp__jw_end(w);
}

static void write_reasons(hp__jw *w, const hp_assessment *a, const char *lang) {
    hp__jw_array(w);
    for (size_t i = 0; i < a->n_reasons; i++)
        write_reason(w, a, i, lang);
    hp__jw_end(w);
}

/* The don't-miss list, each entry with the reasons that name its condition. */
static void write_dont_miss(hp__jw *w, const hp_assessment *a, const char *lang) {
    hp__jw_array(w);
    for (size_t i = 0; i < a->n_dont_miss; i++) {
        hp_dont_miss d;
        hp_assessment_dont_miss(a, i, &d);
        hp__jw_object(w);
        hp__jw_key(w, "id");
        hp__jw_string(w, d.id);
        hp__jw_key(w, "name");
        hp__jw_string(
            w, hp_ontology_text(a->onto, HP_ENTITY_CONDITION, d.condition, HP_TEXT_LABEL, lang));
        hp__jw_key(w, "rank");
        hp__jw_int(w, (long)d.rank + 1); /* 1 for the most likely */
        hp__jw_key(w, "probability");
        hp__jw_number(w, d.probability);
        hp__jw_key(w, "level");
        hp__jw_string(w, hp_enum_name(HP_ENUM_TRIAGE, d.level));
        hp__jw_key(w, "reasons");
        hp__jw_array(w);
        for (size_t k = 0; k < a->n_reasons; k++)
            if (a->reasons[k].condition == (int32_t)d.condition)
                write_reason(w, a, k, lang);
        hp__jw_end(w);
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

/* A condition's presentations (none: no key), each with its label in lang (no key when it
   has none) and its probability given the condition (the evidence shown is that of the
   most probable). */
static void write_presentations(hp__jw *w, const hp_assessment *a, size_t condition,
                                const char *lang) {
    size_t n = hp_condition_presentation_count(a->onto, condition);
    if (!n)
        return;
    hp__jw_key(w, "presentations");
    hp__jw_array(w);
    for (size_t k = 0; k < n; k++) {
        hp_presentation_info p;
        hp_condition_presentation(a->onto, condition, k, &p);
        hp__jw_object(w);
        hp__jw_key(w, "id");
        hp__jw_string(w, p.id);
        const char *label = hp_presentation_label(a->onto, condition, k, lang);
        if (label) {
            hp__jw_key(w, "label");
            hp__jw_string(w, label);
        }
        hp__jw_key(w, "probability");
        hp__jw_number(w, hp_assessment_presentation_probability(a, condition, k));
        hp__jw_key(w, "share");
        hp__jw_number(w, p.share);
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

static void write_causes(hp__jw *w, const hp_assessment *a, const char *lang) {
    const hp_ontology *o = a->onto;
    hp__jw_array(w);
    for (size_t i = 0; i < a->n_causes; i++) {
        hp_cause c;
        hp_assessment_cause(a, i, &c);
        hp__jw_object(w);
        hp__jw_key(w, "id");
        hp__jw_string(w, c.id);
        hp__jw_key(w, "name");
        hp__jw_string(w,
                      hp_ontology_text(o, HP_ENTITY_CONDITION, c.condition, HP_TEXT_LABEL, lang));
        hp__jw_key(w, "probability");
        hp__jw_number(w, c.probability);
        hp__jw_key(w, "prior");
        hp__jw_number(w, c.prior);
        hp__jw_key(w, "suspected");
        hp__jw_bool(w, c.suspected);
        hp__jw_key(w, "seriousness");
        hp__jw_string(w, hp_enum_name(HP_ENUM_SERIOUSNESS, o->conditions[c.condition].seriousness));
        write_presentations(w, a, c.condition, lang);
        hp__jw_key(w, "evidence");
        hp__jw_array(w);
        for (size_t j = 0; j < c.n_evidence; j++) {
            hp_evidence e;
            hp_assessment_evidence(a, i, j, &e);
            hp__jw_object(w);
            hp__jw_key(w, "finding");
            hp__jw_string(w, e.finding);
            hp__jw_key(w, "label");
            hp__jw_string(
                w, hp_ontology_text(o, HP_ENTITY_FINDING, e.finding_index, HP_TEXT_LABEL, lang));
            hp__jw_key(w, "answer");
            hp__jw_string(w, hp_enum_name(HP_ENUM_ANSWER, e.answer));
            hp__jw_key(w, "derived");
            hp__jw_bool(w, e.derived);
            hp__jw_key(w, "direction");
            hp__jw_string(w, e.weight >= 0 ? "for" : "against");
            hp__jw_key(w, "weight");
            hp__jw_number(w, e.weight);
            hp__jw_key(w, "strength");
            hp__jw_number(w, e.strength);
            hp__jw_key(w, "sources");
            hp__jw_words(w, e.sources);
            hp__jw_end(w);
        }
        hp__jw_end(w);
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

static void write_risks(hp__jw *w, const hp_assessment *a) {
    hp__jw_array(w);
    for (size_t i = 0; i < a->n_risks; i++) {
        hp_risk r;
        hp_assessment_risk(a, i, &r);
        hp__jw_object(w);
        hp__jw_key(w, "finding");
        hp__jw_string(w, r.finding);
        hp__jw_key(w, "rule");
        hp__jw_string(w, r.rule);
        hp__jw_key(w, "metric");
        hp__jw_string(w, hp_enum_name(HP_ENUM_METRIC, r.metric));
        hp__jw_key(w, "value");
        hp__jw_number(w, r.value);
        hp__jw_key(w, "op");
        hp__jw_string(w, hp_enum_name(HP_ENUM_COMPARE, r.op));
        hp__jw_key(w, "threshold");
        hp__jw_number(w, r.threshold);
        hp__jw_key(w, "text");
        hp__jw_string(w, r.text);
        hp__jw_key(w, "sources");
        hp__jw_words(w, r.sources);
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

static void write_next_question(hp__jw *w, const hp_assessment *a, const char *lang) {
    double gain = 0;
    int red_flag = 0;
    long f = hp__next_question(a, NULL, &gain, &red_flag);
    if (f < 0) {
        hp__jw_null(w);
        return;
    }
    hp__jw_object(w);
    hp__jw_key(w, "finding");
    hp__jw_string(w, hp_ontology_id(a->onto, HP_ENTITY_FINDING, (size_t)f));
    hp__jw_key(w, "question");
    hp__jw_string(w,
                  hp_ontology_text(a->onto, HP_ENTITY_FINDING, (size_t)f, HP_TEXT_QUESTION, lang));
    hp__jw_key(w, "red_flag");
    hp__jw_bool(w, red_flag);
    hp__jw_key(w, "gain_bits");
    hp__jw_number(w, gain);
    hp__jw_end(w);
}

hp_status hp_assessment_to_json(const hp_assessment *a, const char *lang, unsigned flags,
                                char **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_assessment_to_json: 'out' is NULL");
    *out = NULL;
    if (!a)
        return hp__error(err, HP_E_INVALID, "hp_assessment_to_json: 'assessment' is NULL");
    hp__buf b;
    hp__buf_init(&b, &a->onto->alloc);
    hp__jw w;
    hp__jw_init(&w, &b, (flags & HP_JSON_PRETTY) != 0);
    hp__jw_object(&w);
    hp__jw_key(&w, "triage");
    hp__jw_object(&w);
    hp__jw_key(&w, "level");
    hp__jw_string(&w, hp_enum_name(HP_ENUM_TRIAGE, a->triage));
    hp__jw_key(&w, "reasons");
    write_reasons(&w, a, lang);
    hp__jw_end(&w);
    hp__jw_key(&w, "dont_miss");
    write_dont_miss(&w, a, lang);
    hp__jw_key(&w, "causes");
    write_causes(&w, a, lang);
    hp__jw_key(&w, "risks");
    write_risks(&w, a);
    hp__jw_key(&w, "metrics");
    hp__jw_object(&w);
    for (int m = 0; m < HP_METRIC_COUNT; m++) {
        if (a->metrics_known >> m & 1) {
            hp__jw_key(&w, hp_enum_name(HP_ENUM_METRIC, m));
            hp__jw_number(&w, a->metrics[m]);
        }
    }
    hp__jw_end(&w);
    hp__jw_key(&w, "next_question");
    write_next_question(&w, a, lang);
    hp__jw_end(&w);
    if (w.pretty)
        hp__buf_append(&b, "\n", 1);
    return hp__buf_finish(&b, out, err);
}
