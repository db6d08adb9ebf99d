/*
 * Plan exports: JSON (json_writer), Markdown for a person to read at 80 columns and an
 * RFC 5545 iCalendar written by hand (CRLF line ends, TEXT escaping, folding at 75
 * octets without splitting a UTF-8 sequence). Everything goes through the public
 * accessors of plan.h; all output is deterministic (no clock).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "core/json_writer.h"
#include "core/strbuf.h"
#include "hippain/plan.h"
#include "ontology/model.h"
#include "plan/plan_internal.h"

#define MD_WIDTH 80
#define ICAL_OCTETS 75

static const char *const weekday_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static const char *weekday(int days) { return weekday_names[((days % 7) + 7 + 3) % 7]; }

static const char *phase_title(hp_phase ph) {
    switch (ph) {
    case HP_PHASE_SETTLE: return "Settle and protect";
    case HP_PHASE_STRENGTHEN: return "Restore strength and mobility";
    case HP_PHASE_RETURN: return "Return to running";
    case HP_PHASE_BUILD: return "Build and prevent";
    }
    return "";
}

static const char *session_title(hp_session_kind k) {
    switch (k) {
    case HP_SESSION_RUN: return "Run";
    case HP_SESSION_WALK_RUN: return "Walk-run";
    case HP_SESSION_STRENGTH: return "Strength";
    case HP_SESSION_MOBILITY: return "Mobility";
    case HP_SESSION_WARM_UP: return "Warm-up";
    case HP_SESSION_COOL_DOWN: return "Cool-down";
    case HP_SESSION_CROSS_TRAINING: return "Cross-training";
    case HP_SESSION_REST: return "Rest";
    }
    return "";
}

static const hp_allocator *alloc_of(const hp_plan *plan) { return &hp_plan_ontology(plan)->alloc; }

/* A label of an entry by id in the plan's language, or the id itself. */
static const char *label(const hp_plan *plan, hp_entity_kind kind, const char *id) {
    const hp_ontology *o = hp_plan_ontology(plan);
    size_t i = hp_ontology_index(o, kind, id);
    const char *t =
        i == (size_t)-1 ? NULL : hp_ontology_text(o, kind, i, HP_TEXT_LABEL, hp__plan_lang(plan));
    return t ? t : id;
}

static const char *advice_text(const hp_plan *plan, const char *id, hp_text_field field) {
    const hp_ontology *o = hp_plan_ontology(plan);
    size_t i = hp_ontology_index(o, HP_ENTITY_ADVICE, id);
    return i == (size_t)-1 ? NULL
                           : hp_ontology_text(o, HP_ENTITY_ADVICE, i, field, hp__plan_lang(plan));
}

static void date_str(int days, char buf[16]) {
    if (hp_date_format(days, buf, 16) != HP_OK)
        strcpy(buf, "0000-00-00");
}

/* "2 x 10", "1 x 5 x 10 s", "30 min" */
static void dose_str(hp__buf *b, const hp_session_item *it) {
    if (it->minutes && !it->reps && !it->hold_seconds) {
        hp__buf_printf(b, "%d min", it->minutes);
        return;
    }
    hp__buf_printf(b, "%d x ", it->sets);
    if (it->reps && it->hold_seconds)
        hp__buf_printf(b, "%d x %d s", it->reps, it->hold_seconds);
    else if (it->reps)
        hp__buf_printf(b, "%d", it->reps);
    else if (it->hold_seconds)
        hp__buf_printf(b, "%d s", it->hold_seconds);
    else
        hp__buf_printf(b, "%d min", it->minutes);
}

/* ---- JSON --------------------------------------------------------------------------- */

static void json_item(hp__jw *w, const hp_plan *plan, const hp_session_item *it) {
    hp__jw_object(w);
    hp__jw_key(w, "id");
    hp__jw_string(w, it->id);
    hp__jw_key(w, "label");
    hp__jw_string(w, label(plan, HP_ENTITY_EXERCISE, it->id));
    hp__jw_key(w, "sets");
    hp__jw_int(w, it->sets);
    if (it->reps) {
        hp__jw_key(w, "reps");
        hp__jw_int(w, it->reps);
    }
    if (it->hold_seconds) {
        hp__jw_key(w, "hold_seconds");
        hp__jw_int(w, it->hold_seconds);
    }
    if (it->minutes) {
        hp__jw_key(w, "minutes");
        hp__jw_int(w, it->minutes);
    }
    hp__jw_key(w, "effort");
    hp__jw_string(w, hp_enum_name(HP_ENUM_EFFORT, (int)it->effort));
    hp__jw_key(w, "why");
    hp__jw_string(w, it->why);
    hp__jw_key(w, "source");
    hp__jw_string(w, it->sources);
    hp__jw_key(w, "sources");
    hp__jw_words(w, it->sources);
    hp__jw_end(w);
}

static void json_session(hp__jw *w, const hp_plan *plan, size_t wi, size_t di, size_t si,
                         const hp_session *s) {
    hp__jw_object(w);
    hp__jw_key(w, "kind");
    hp__jw_string(w, hp_enum_name(HP_ENUM_SESSION_KIND, (int)s->kind));
    int running = s->kind == HP_SESSION_RUN || s->kind == HP_SESSION_WALK_RUN;
    if (running) {
        hp__jw_key(w, "km");
        hp__jw_number(w, s->km);
    }
    if (s->minutes) {
        hp__jw_key(w, "minutes");
        hp__jw_int(w, s->minutes);
    }
    if (s->cadence_spm) {
        hp__jw_key(w, "cadence_spm");
        hp__jw_int(w, s->cadence_spm);
    }
    if (s->kind == HP_SESSION_WALK_RUN) {
        hp__jw_key(w, "run_minutes");
        hp__jw_int(w, s->run_minutes);
        hp__jw_key(w, "walk_minutes");
        hp__jw_int(w, s->walk_minutes);
        hp__jw_key(w, "repeats");
        hp__jw_int(w, s->repeats);
    }
    if (s->cue) {
        hp__jw_key(w, "cue");
        hp__jw_string(w, s->cue);
        hp__jw_key(w, "cue_label");
        hp__jw_string(w, label(plan, HP_ENTITY_ADVICE, s->cue));
    }
    if (s->notes) {
        hp__jw_key(w, "notes");
        hp__jw_string(w, s->notes);
    }
    hp__jw_key(w, "items");
    hp__jw_array(w);
    for (size_t i = 0; i < s->n_items; i++) {
        hp_session_item it;
        if (hp_plan_item(plan, wi, di, si, i, &it) == HP_OK)
            json_item(w, plan, &it);
    }
    hp__jw_end(w);
    hp__jw_end(w);
}

/* The days of week wi (wk), with their sessions, as "days": [...]. */
static void json_days(hp__jw *w, const hp_plan *plan, size_t wi, const hp_week *wk) {
    char date[16];
    hp__jw_key(w, "days");
    hp__jw_array(w);
    for (size_t di = 0; di < wk->n_days; di++) {
        hp_day d;
        hp_plan_day(plan, wi, di, &d);
        date_str(d.date, date);
        hp__jw_object(w);
        hp__jw_key(w, "date");
        hp__jw_string(w, date);
        hp__jw_key(w, "weekday");
        hp__jw_string(w, weekday(d.date));
        hp__jw_key(w, "sessions");
        hp__jw_array(w);
        for (size_t si = 0; si < d.n_sessions; si++) {
            hp_session s;
            hp_plan_session(plan, wi, di, si, &s);
            json_session(w, plan, wi, di, si, &s);
        }
        hp__jw_end(w);
        hp__jw_end(w);
    }
    hp__jw_end(w);
}

hp_status hp_plan_to_json(const hp_plan *plan, unsigned flags, char **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_plan_to_json: 'out' is NULL");
    *out = NULL;
    if (!plan)
        return hp__error(err, HP_E_INVALID, "hp_plan_to_json: 'plan' is NULL");
    hp__buf b;
    hp__buf_init(&b, alloc_of(plan));
    hp__jw w;
    hp__jw_init(&w, &b, (flags & HP_JSON_PRETTY) != 0);
    char date[16];
    hp__jw_object(&w);
    hp__jw_key(&w, "triage");
    hp__jw_string(&w, hp_enum_name(HP_ENUM_TRIAGE, (int)hp_plan_triage(plan)));
    date_str(hp__plan_start(plan), date);
    hp__jw_key(&w, "start_date");
    hp__jw_string(&w, date);
    hp__jw_key(&w, "causes");
    hp__jw_words(&w, hp__plan_causes(plan));
    hp__jw_key(&w, "risk_factors");
    hp__jw_words(&w, hp__plan_risks(plan));
    hp__jw_key(&w, "advice");
    hp__jw_array(&w);
    for (size_t i = 0; i < hp_plan_advice_count(plan); i++) {
        hp_plan_advice_item a;
        if (hp_plan_advice(plan, i, &a) != HP_OK)
            continue;
        hp__jw_object(&w);
        hp__jw_key(&w, "id");
        hp__jw_string(&w, a.id);
        hp__jw_key(&w, "label");
        hp__jw_string(&w, advice_text(plan, a.id, HP_TEXT_LABEL));
        hp__jw_key(&w, "text");
        hp__jw_string(&w, advice_text(plan, a.id, HP_TEXT_TEXT));
        hp__jw_key(&w, "why");
        hp__jw_string(&w, a.why);
        hp__jw_key(&w, "source");
        hp__jw_string(&w, a.sources);
        hp__jw_key(&w, "sources");
        hp__jw_words(&w, a.sources);
        hp__jw_end(&w);
    }
    hp__jw_end(&w);
    hp__jw_key(&w, "weeks");
    hp__jw_array(&w);
    for (size_t wi = 0; wi < hp_plan_week_count(plan); wi++) {
        hp_week wk;
        hp_plan_week(plan, wi, &wk);
        hp__jw_object(&w);
        hp__jw_key(&w, "index");
        hp__jw_int(&w, wk.index);
        hp__jw_key(&w, "phase");
        hp__jw_string(&w, hp_enum_name(HP_ENUM_PHASE, (int)wk.phase));
        hp__jw_key(&w, "run_km");
        hp__jw_number(&w, wk.run_km);
        hp__jw_key(&w, "walk_run_stage");
        hp__jw_int(&w, wk.walk_run_stage);
        hp__jw_key(&w, "cadence_spm");
        hp__jw_int(&w, wk.cadence_spm);
        json_days(&w, plan, wi, &wk);
        hp__jw_end(&w);
    }
    hp__jw_end(&w);
    hp__jw_end(&w);
    if (w.pretty)
        hp__buf_append(&b, "\n", 1);
    return hp__buf_finish(&b, out, err);
}

/* ---- Session text (shared by Markdown and iCalendar) -------------------------------- */

/* One-line summary of a session: "Run 5.0 km at 168 spm" / "Strength: Clamshell 2 x 10". */
static void session_line(hp__buf *b, const hp_plan *plan, size_t wi, size_t di, size_t si,
                         const hp_session *s, int with_items) {
    hp__buf_puts(b, session_title(s->kind));
    if (s->kind == HP_SESSION_RUN)
        hp__buf_printf(b, " %.1f km", s->km);
    if (s->kind == HP_SESSION_WALK_RUN)
        hp__buf_printf(b, " %.1f km (%d x run %d min / walk %d min)", s->km, s->repeats,
                       s->run_minutes, s->walk_minutes);
    if (s->cadence_spm)
        hp__buf_printf(b, " at %d steps/min", s->cadence_spm);
    if (s->cue)
        hp__buf_printf(b, ", cue: %s", label(plan, HP_ENTITY_ADVICE, s->cue));
    if (!with_items)
        return;
    if (s->n_items) {
        hp__buf_puts(b, ": ");
        for (size_t i = 0; i < s->n_items; i++) {
            hp_session_item it;
            if (hp_plan_item(plan, wi, di, si, i, &it) != HP_OK)
                continue;
            if (i)
                hp__buf_puts(b, ", ");
            hp__buf_printf(b, "%s ", label(plan, HP_ENTITY_EXERCISE, it.id));
            dose_str(b, &it);
        }
    } else if (s->minutes && s->kind != HP_SESSION_RUN && s->kind != HP_SESSION_WALK_RUN &&
               s->kind != HP_SESSION_REST) {
        hp__buf_printf(b, " %d min", s->minutes);
    }
}

/* ---- Markdown ----------------------------------------------------------------------- */

/* Code points in s[0..n). */
static size_t columns(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Write text wrapped at MD_WIDTH: `first` starts the first line, `cont` the others. */
static void md_wrap(hp__buf *b, const char *first, const char *cont, const char *text) {
    hp__buf_puts(b, first);
    size_t col = columns(first, strlen(first)), start = col;
    const char *s = text;
    int at_start = 1;
    while (*s) {
        while (*s == ' ' || *s == '\n')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        size_t n = (size_t)(e - s), wc = columns(s, n);
        if (!at_start && col + 1 + wc > MD_WIDTH) {
            hp__buf_puts(b, "\n");
            hp__buf_puts(b, cont);
            col = columns(cont, strlen(cont));
            at_start = 1;
        }
        if (!at_start) {
            hp__buf_append(b, " ", 1);
            col++;
        }
        hp__buf_append(b, s, n);
        col += wc;
        at_start = 0;
        s = e;
    }
    (void)start;
    hp__buf_puts(b, "\n");
}

static void md_words_labels(hp__buf *t, const hp_plan *plan, hp_entity_kind kind,
                            const char *words) {
    const char *s = words;
    int first = 1;
    while (s && *s) {
        const char *e = strchr(s, ' ');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char id[80];
        if (n < sizeof id) {
            memcpy(id, s, n);
            id[n] = '\0';
            hp__buf_printf(t, "%s%s", first ? "" : ", ", label(plan, kind, id));
            first = 0;
        }
        s = e ? e + 1 : NULL;
    }
}

/* The title and the summary paragraph: start, length, triage, causes, risk factors. */
static void md_summary(hp__buf *b, hp__buf *t, const hp_plan *plan) {
    char date[16];
    size_t n_weeks = hp_plan_week_count(plan);
    hp_triage_level triage = hp_plan_triage(plan);
    hp__buf_puts(b, "# Hip pain plan\n\n");
    date_str(hp__plan_start(plan), date);
    hp__buf_printf(t, "Starts %s, %zu week%s. Triage: %s.", date, n_weeks, n_weeks == 1 ? "" : "s",
                   triage == HP_TRIAGE_URGENT          ? "seek urgent care today"
                   : triage == HP_TRIAGE_SEE_CLINICIAN ? "see a clinician within days"
                                                       : "self-care");
    if (*hp__plan_causes(plan)) {
        hp__buf_puts(t, " Likely causes: ");
        md_words_labels(t, plan, HP_ENTITY_CONDITION, hp__plan_causes(plan));
        hp__buf_puts(t, ".");
    }
    if (*hp__plan_risks(plan)) {
        hp__buf_puts(t, " Risk factors: ");
        md_words_labels(t, plan, HP_ENTITY_FINDING, hp__plan_risks(plan));
        hp__buf_puts(t, ".");
    }
    hp__buf_append(t, "", 1);
    md_wrap(b, "", "", t->failed ? "" : t->data);
    t->len = 0;
}

/* The note on urgent care, and the advice as a list. */
static void md_advice(hp__buf *b, hp__buf *t, const hp_plan *plan) {
    hp_triage_level triage = hp_plan_triage(plan);
    if (triage == HP_TRIAGE_URGENT)
        hp__buf_puts(b, "\nNo training plan: get urgent medical care first.\n");
    if (hp_plan_advice_count(plan)) {
        hp__buf_puts(b, "\n## Advice\n\n");
        for (size_t i = 0; i < hp_plan_advice_count(plan); i++) {
            hp_plan_advice_item a;
            if (hp_plan_advice(plan, i, &a) != HP_OK)
                continue;
            const char *l = advice_text(plan, a.id, HP_TEXT_LABEL);
            const char *x = advice_text(plan, a.id, HP_TEXT_TEXT);
            t->len = 0;
            hp__buf_printf(t, "**%s**: %s (why: %s; sources: %s)", l ? l : a.id, x ? x : "", a.why,
                           a.sources);
            hp__buf_append(t, "", 1);
            md_wrap(b, "- ", "  ", t->failed ? "" : t->data);
        }
    }
}

/* Week wi: a heading where a phase starts, the week's line, then a line per day. */
static void md_week(hp__buf *b, hp__buf *t, const hp_plan *plan, size_t wi, int *last_phase) {
    char date[16], date2[16];
    size_t n_weeks = hp_plan_week_count(plan);
    hp_week wk;
    hp_plan_week(plan, wi, &wk);
    if ((int)wk.phase != *last_phase) {
        size_t end = wi;
        while (end + 1 < n_weeks) {
            hp_week nx;
            hp_plan_week(plan, end + 1, &nx);
            if (nx.phase != wk.phase)
                break;
            end++;
        }
        if (end == wi)
            hp__buf_printf(b, "\n## %s (week %zu)\n", phase_title(wk.phase), wi + 1);
        else
            hp__buf_printf(b, "\n## %s (weeks %zu-%zu)\n", phase_title(wk.phase), wi + 1, end + 1);
        *last_phase = (int)wk.phase;
    }
    hp_day d0, d6;
    hp_plan_day(plan, wi, 0, &d0);
    hp_plan_day(plan, wi, wk.n_days - 1, &d6);
    date_str(d0.date, date);
    date_str(d6.date, date2);
    hp__buf_printf(b, "\n### Week %d: %s to %s\n\n", wk.index, date, date2);
    t->len = 0;
    hp__buf_printf(t, "Running: %.1f km", wk.run_km);
    if (wk.walk_run_stage)
        hp__buf_printf(t, ", walk-run stage %d", wk.walk_run_stage);
    if (wk.cadence_spm)
        hp__buf_printf(t, ", cadence %d steps/min", wk.cadence_spm);
    hp__buf_puts(t, ".");
    hp__buf_append(t, "", 1);
    md_wrap(b, "", "", t->failed ? "" : t->data);
    hp__buf_puts(b, "\n");
    for (size_t di = 0; di < wk.n_days; di++) {
        hp_day d;
        hp_plan_day(plan, wi, di, &d);
        date_str(d.date, date);
        t->len = 0;
        for (size_t si = 0; si < d.n_sessions; si++) {
            hp_session s;
            hp_plan_session(plan, wi, di, si, &s);
            if (si)
                hp__buf_puts(t, "; ");
            session_line(t, plan, wi, di, si, &s, 1);
        }
        hp__buf_puts(t, ".");
        hp__buf_append(t, "", 1);
        char first[32];
        snprintf(first, sizeof first, "- %s %s: ", weekday(d.date), date);
        md_wrap(b, first, "  ", t->failed ? "" : t->data);
    }
}

hp_status hp_plan_to_markdown(const hp_plan *plan, char **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_plan_to_markdown: 'out' is NULL");
    *out = NULL;
    if (!plan)
        return hp__error(err, HP_E_INVALID, "hp_plan_to_markdown: 'plan' is NULL");
    const hp_allocator *al = alloc_of(plan);
    hp__buf b, t;
    hp__buf_init(&b, al);
    hp__buf_init(&t, al);
    md_summary(&b, &t, plan);
    md_advice(&b, &t, plan);
    int last_phase = -1;
    for (size_t wi = 0; wi < hp_plan_week_count(plan); wi++)
        md_week(&b, &t, plan, wi, &last_phase);
    if (t.failed)
        b.failed = 1;
    hp__buf_free(&t);
    return hp__buf_finish(&b, out, err);
}

/* ---- iCalendar ---------------------------------------------------------------------- */

/* Append text escaped as an RFC 5545 TEXT value. */
static void ical_escape(hp__buf *b, const char *s) {
    const char *run = s; /* bytes copied as they are, in one append */
    for (;; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != 0x7f && c != '\\' && c != ';' && c != ',')
            continue;
        hp__buf_append(b, run, (size_t)(s - run));
        run = s + 1;
        switch (c) {
        case '\0': return;
        case '\\': hp__buf_append(b, "\\\\", 2); break;
        case ';': hp__buf_append(b, "\\;", 2); break;
        case ',': hp__buf_append(b, "\\,", 2); break;
        case '\n': hp__buf_append(b, "\\n", 2); break;
        default: break; /* other control characters are dropped */
        }
    }
}

/* Whether byte c continues a UTF-8 sequence. */
static int utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Write the content line line[0..n) folded at 75 octets, ending with CRLF: each piece
   ends before the sequence that would cross the limit (a stray byte is a sequence). */
static void ical_fold(hp__buf *b, const char *line, size_t n) {
    size_t room = ICAL_OCTETS; /* the first line has 75 octets, the others a space + 74 */
    while (n > room) {
        size_t k = room;
        while (k > 0 && utf8_continuation((unsigned char)line[k]))
            k--;
        if (k == 0) /* not UTF-8 here: cut anywhere */
            k = room;
        hp__buf_append(b, line, k);
        hp__buf_append(b, "\r\n ", 3);
        line += k;
        n -= k;
        room = ICAL_OCTETS - 1;
    }
    hp__buf_append(b, line, n);
    hp__buf_append(b, "\r\n", 2);
}

/* A content line "NAME:value" (value already escaped) or "NAME" + escaped text. */
static void ical_line(hp__buf *b, hp__buf *t, const char *name, const char *text, int escape) {
    t->len = 0;
    hp__buf_puts(t, name);
    hp__buf_puts(t, ":");
    if (escape)
        ical_escape(t, text);
    else
        hp__buf_puts(t, text);
    if (t->failed) {
        b->failed = 1;
        return;
    }
    ical_fold(b, t->data, t->len);
}

static uint64_t fnv1a(uint64_t h, const char *s) {
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h ^ 0xff;
}

static void ical_description(hp__buf *d, const hp_plan *plan, const hp_week *wk, size_t wi,
                             size_t di, size_t si, const hp_session *s) {
    hp__buf_printf(d, "Week %d (%s).\n", wk->index, phase_title(wk->phase));
    session_line(d, plan, wi, di, si, s, 0);
    hp__buf_puts(d, ".\n");
    if (s->notes)
        hp__buf_printf(d, "%s\n", s->notes);
    if (s->cue) {
        const char *x = advice_text(plan, s->cue, HP_TEXT_TEXT);
        if (x)
            hp__buf_printf(d, "Form cue: %s\n", x);
    }
    if (!s->n_items && s->minutes && s->kind != HP_SESSION_RUN && s->kind != HP_SESSION_WALK_RUN)
        hp__buf_printf(d, "%d minutes.\n", s->minutes);
    for (size_t i = 0; i < s->n_items; i++) {
        hp_session_item it;
        if (hp_plan_item(plan, wi, di, si, i, &it) != HP_OK)
            continue;
        hp__buf_printf(d, "- %s: ", label(plan, HP_ENTITY_EXERCISE, it.id));
        dose_str(d, &it);
        hp__buf_printf(d, ", %s effort. For: ", hp_enum_name(HP_ENUM_EFFORT, (int)it.effort));
        /* causes and risk factors by label */
        const char *w = it.why;
        int first = 1;
        while (w && *w) {
            const char *e = strchr(w, ' ');
            size_t n = e ? (size_t)(e - w) : strlen(w);
            char id[80];
            if (n < sizeof id) {
                memcpy(id, w, n);
                id[n] = '\0';
                hp_entity_kind k;
                const char *l = id;
                if (hp_ontology_lookup(hp_plan_ontology(plan), id, &k, NULL) == HP_OK)
                    l = label(plan, k, id);
                hp__buf_printf(d, "%s%s", first ? "" : ", ", l);
                first = 0;
            }
            w = e ? e + 1 : NULL;
        }
        hp__buf_printf(d, ". Sources: %s.\n", it.sources);
    }
    /* no trailing newline */
    if (d->len && d->data[d->len - 1] == '\n')
        d->len--;
}

hp_status hp_plan_to_ical(const hp_plan *plan, char **out, hp_error *err) {
    if (!out)
        return hp__error(err, HP_E_INVALID, "hp_plan_to_ical: 'out' is NULL");
    *out = NULL;
    if (!plan)
        return hp__error(err, HP_E_INVALID, "hp_plan_to_ical: 'plan' is NULL");
    return hp__plan_ical(plan, NULL, out, err);
}

hp_status hp__plan_ical(const hp_plan *plan, const char *const *week_notes, char **out,
                        hp_error *err) {
    const hp_allocator *al = alloc_of(plan);
    hp__buf b, t, d;
    hp__buf_init(&b, al);
    hp__buf_init(&t, al);
    hp__buf_init(&d, al);
    char date[16], stamp[32], value[96];
    int start = hp__plan_start(plan);
    date_str(start, date);
    /* DTSTAMP: midnight UTC of the start date, so the output never depends on the clock */
    snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT000000Z", date, date + 5, date + 8);
    uint64_t h = 14695981039346656037u;
    h = fnv1a(h, date);
    h = fnv1a(h, hp_enum_name(HP_ENUM_TRIAGE, (int)hp_plan_triage(plan)));
    h = fnv1a(h, hp__plan_causes(plan));
    h = fnv1a(h, hp__plan_risks(plan));
    snprintf(value, sizeof value, "%zu", hp_plan_week_count(plan));
    h = fnv1a(h, value);
    ical_line(&b, &t, "BEGIN", "VCALENDAR", 0);
    ical_line(&b, &t, "VERSION", "2.0", 0);
    ical_line(&b, &t, "PRODID", "-//libhippain//hippain plan//EN", 0);
    ical_line(&b, &t, "CALSCALE", "GREGORIAN", 0);
    ical_line(&b, &t, "METHOD", "PUBLISH", 0);
    ical_line(&b, &t, "X-WR-CALNAME", "Hip pain plan", 1);
    for (size_t wi = 0; wi < hp_plan_week_count(plan); wi++) {
        hp_week wk;
        hp_plan_week(plan, wi, &wk);
        for (size_t di = 0; di < wk.n_days; di++) {
            hp_day day;
            hp_plan_day(plan, wi, di, &day);
            for (size_t si = 0; si < day.n_sessions; si++) {
                hp_session s;
                hp_plan_session(plan, wi, di, si, &s);
                if (s.kind == HP_SESSION_REST)
                    continue;
                ical_line(&b, &t, "BEGIN", "VEVENT", 0);
                snprintf(value, sizeof value, "w%zud%zus%zu-%016llx@hippain", wi + 1, di + 1,
                         si + 1, (unsigned long long)h);
                ical_line(&b, &t, "UID", value, 0);
                ical_line(&b, &t, "DTSTAMP", stamp, 0);
                char dd[16];
                date_str(day.date, dd);
                snprintf(value, sizeof value, "%.4s%.2s%.2s", dd, dd + 5, dd + 8);
                ical_line(&b, &t, "DTSTART;VALUE=DATE", value, 0);
                date_str(day.date + 1, dd);
                snprintf(value, sizeof value, "%.4s%.2s%.2s", dd, dd + 5, dd + 8);
                ical_line(&b, &t, "DTEND;VALUE=DATE", value, 0);
                d.len = 0;
                hp__buf_printf(&d, "Week %d: ", wk.index);
                session_line(&d, plan, wi, di, si, &s, 0);
                hp__buf_append(&d, "", 1);
                ical_line(&b, &t, "SUMMARY", d.failed ? "" : d.data, 1);
                d.len = 0;
                if (week_notes && week_notes[wi])
                    hp__buf_printf(&d, "%s\n", week_notes[wi]);
                ical_description(&d, plan, &wk, wi, di, si, &s);
                hp__buf_append(&d, "", 1);
                ical_line(&b, &t, "DESCRIPTION", d.failed ? "" : d.data, 1);
                ical_line(&b, &t, "CATEGORIES", hp_enum_name(HP_ENUM_PHASE, (int)wk.phase), 1);
                ical_line(&b, &t, "TRANSP", "TRANSPARENT", 0);
                ical_line(&b, &t, "END", "VEVENT", 0);
            }
        }
    }
    ical_line(&b, &t, "END", "VCALENDAR", 0);
    if (t.failed || d.failed)
        b.failed = 1;
    hp__buf_free(&t);
    hp__buf_free(&d);
    return hp__buf_finish(&b, out, err);
}
