/*
 * A plan revision as JSON, Markdown and iCalendar: the decisions after each check-in,
 * where each week still to do comes from and what the rules changed in it, then the
 * revised plan itself (plan_export.c).
 */
#include <stdio.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "core/json_writer.h"
#include "core/strbuf.h"
#include "hippain/revise.h"
#include "ontology/model.h"
#include "plan/plan_internal.h"

static const hp_allocator *alloc_of(const hp_revision *r) {
    return &hp_plan_ontology(hp_revision_plan(r))->alloc;
}

static const char *name_of(hp_enum_type t, int v) {
    const char *n = hp_enum_name(t, v);
    return n ? n : "?";
}

/* "week 2 of the plan; 1 run shortened to keep the 110% rules; cadence target held ..."
   appended to t: where a week ahead comes from and what the rules changed in it. */
static void week_note(hp__buf *t, const hp_revision_week *w) {
    if (w->from_week)
        hp__buf_printf(t, "week %zu of the plan", w->from_week);
    else
        hp__buf_puts(t, "from the rebuilt plan");
    if (w->runs_shortened)
        hp__buf_printf(t, "; %zu run%s shortened to keep the 110%% rules", w->runs_shortened,
                       w->runs_shortened == 1 ? "" : "s");
    if (w->cadence_held)
        hp__buf_puts(t, "; cadence target held (at most 5% after two weeks)");
    hp__buf_putc(t, '.');
}

static void json_decisions(hp__jw *w, const hp_revision *r) {
    hp__jw_key(w, "decisions");
    hp__jw_array(w);
    for (size_t i = 0; i < hp_revision_decision_count(r); i++) {
        hp_revision_decision d;
        hp_revision_get(r, i, &d);
        hp__jw_object(w);
        hp__jw_key(w, "week");
        hp__jw_int(w, d.week);
        hp__jw_key(w, "action");
        hp__jw_string(w, name_of(HP_ENUM_CHECKIN_ACTION, (int)d.action));
        hp__jw_key(w, "triage");
        hp__jw_string(w, name_of(HP_ENUM_TRIAGE, (int)d.triage));
        hp__jw_key(w, "next_week");
        if (d.next_week)
            hp__jw_int(w, (long)d.next_week);
        else
            hp__jw_null(w);
        hp__jw_key(w, "replanned");
        hp__jw_bool(w, d.replanned);
        hp__jw_key(w, "reason");
        hp__jw_string(w, d.reason);
        hp__jw_key(w, "sources");
        hp__jw_words(w, d.sources);
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

static void json_weeks(hp__jw *w, const hp_revision *r) {
    hp__jw_key(w, "weeks");
    hp__jw_array(w);
    for (size_t k = 0; k < hp_plan_week_count(hp_revision_plan(r)); k++) {
        hp_revision_week x;
        hp_revision_week_info(r, k, &x);
        hp__jw_object(w);
        hp__jw_key(w, "week");
        hp__jw_int(w, (long)k + 1);
        hp__jw_key(w, "from_week");
        if (x.from_week)
            hp__jw_int(w, (long)x.from_week);
        else
            hp__jw_null(w);
        hp__jw_key(w, "runs_shortened");
        hp__jw_int(w, (long)x.runs_shortened);
        hp__jw_key(w, "cadence_held");
        hp__jw_bool(w, x.cadence_held);
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

hp_status hp_revision_to_json(const hp_revision *r, char **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!r || !out)
        return hp__error(err, HP_E_INVALID, "hp_revision_to_json: NULL argument");
    char *plan = NULL;
    hp_status st = hp_plan_to_json(hp_revision_plan(r), 0, &plan, err);
    if (st != HP_OK)
        return st;
    hp__buf b;
    hp__buf_init(&b, alloc_of(r));
    hp__jw w;
    hp__jw_init(&w, &b, 0);
    hp__jw_object(&w);
    json_decisions(&w, r);
    json_weeks(&w, r);
    hp__buf_puts(&b, ",\"plan\":");
    hp__buf_puts(&b, plan);
    hp__buf_puts(&b, "}");
    hp_string_free(plan);
    return hp__buf_finish(&b, out, err);
}

/* Markdown table cells: no '|' or newline. */
static void md_cell(hp__buf *b, const char *s) {
    for (; s && *s; s++)
        hp__buf_putc(b, *s == '|' || *s == '\n' ? ' ' : *s);
}

static void md_changes(hp__buf *b, const hp_revision *r) {
    size_t n = hp_revision_decision_count(r);
    hp__buf_printf(b, "# What changed and why\n\n%zu check-in%s.\n\n", n, n == 1 ? "" : "s");
    if (n)
        hp__buf_puts(b, "| Check-in week | Decision | Triage | Next | Why | Sources |\n"
                        "| --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < n; i++) {
        hp_revision_decision d;
        hp_revision_get(r, i, &d);
        hp__buf_printf(b, "| %d | %s%s | %s | ", d.week,
                       name_of(HP_ENUM_CHECKIN_ACTION, (int)d.action),
                       d.replanned ? ", plan rebuilt" : "", name_of(HP_ENUM_TRIAGE, (int)d.triage));
        if (d.next_week)
            hp__buf_printf(b, "week %zu", d.next_week);
        else
            hp__buf_puts(b, "none");
        hp__buf_puts(b, " | ");
        md_cell(b, d.reason);
        hp__buf_puts(b, " | ");
        md_cell(b, d.sources);
        hp__buf_puts(b, " |\n");
    }
    const hp_plan *p = hp_revision_plan(r);
    hp__buf_puts(b, hp_plan_week_count(p) ? "\n## The weeks ahead\n\n"
                                          : "\nNo weeks ahead: the plan is complete or stopped.\n");
    hp__buf t;
    hp__buf_init(&t, alloc_of(r));
    for (size_t k = 0; k < hp_plan_week_count(p); k++) {
        hp_revision_week x;
        hp_revision_week_info(r, k, &x);
        t.len = 0;
        week_note(&t, &x);
        hp_day day;
        char date[16] = "";
        if (hp_plan_day(p, k, 0, &day) == HP_OK)
            hp_date_format(day.date, date, sizeof date);
        hp__buf_printf(b, "- Week %zu (from %s): %s\n", k + 1, date, t.failed ? "" : t.data);
    }
    b->failed |= t.failed;
    hp__buf_free(&t);
    hp__buf_puts(b, "\n");
}

hp_status hp_revision_to_markdown(const hp_revision *r, char **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!r || !out)
        return hp__error(err, HP_E_INVALID, "hp_revision_to_markdown: NULL argument");
    char *plan = NULL;
    hp_status st = hp_plan_to_markdown(hp_revision_plan(r), &plan, err);
    if (st != HP_OK)
        return st;
    hp__buf b;
    hp__buf_init(&b, alloc_of(r));
    md_changes(&b, r);
    hp__buf_puts(&b, plan);
    hp_string_free(plan);
    return hp__buf_finish(&b, out, err);
}

hp_status hp_revision_to_ical(const hp_revision *r, char **out, hp_error *err) {
    if (out)
        *out = NULL;
    if (!r || !out)
        return hp__error(err, HP_E_INVALID, "hp_revision_to_ical: NULL argument");
    const hp_plan *p = hp_revision_plan(r);
    const hp_allocator *al = alloc_of(r);
    size_t n = hp_plan_week_count(p);
    hp__buf t;
    hp__buf_init(&t, al);
    size_t *off = hp__calloc(al, n ? n : 1, sizeof *off);
    const char **notes = hp__calloc(al, n ? n : 1, sizeof *notes);
    hp_status st = off && notes ? HP_OK : HP_E_NOMEM;
    for (size_t k = 0; k < n && st == HP_OK; k++) {
        hp_revision_week x;
        hp_revision_week_info(r, k, &x);
        off[k] = t.len;
        hp__buf_puts(&t, "Revised: ");
        week_note(&t, &x);
        hp__buf_append(&t, "", 1);
    }
    if (st == HP_OK && t.failed)
        st = HP_E_NOMEM;
    for (size_t k = 0; k < n && st == HP_OK; k++)
        notes[k] = t.data + off[k];
    if (st == HP_OK)
        st = hp__plan_ical(p, notes, out, err);
    hp__buf_free(&t);
    hp__free(al, off);
    hp__free(al, notes);
    return st == HP_E_NOMEM ? hp__nomem(err) : st;
}
