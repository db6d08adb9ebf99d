/*
 * hippain.i - the language-neutral SWIG interface of libhippain.
 *
 * Shared by every binding (bindings/python, bindings/lua, ...). It wraps the public headers
 * and adds small C helpers (prefix hpx_) that turn the library's out-parameters into
 * return values, so that each language's thin layer only has to:
 *
 *   - create an hp_error, pass it as the last argument and, when the call failed
 *     (a NULL object, or err.code != HP_OK), raise its own exception from err.code,
 *     err.message, err.file, err.line and err.column;
 *   - keep the returned proxies: every object a helper returns (%newobject) is owned by
 *     its proxy and freed by the proxy's destructor (hp_*_free through %extend).
 *
 * Ownership rules kept by this file:
 *   - Profiles, assessments, interviews and plans hold a counted reference to their
 *     ontology (the C library does the counting), so proxies may be freed in any order.
 *   - No helper hands out a borrowed pointer to an object another proxy owns: functions
 *     of the headers that do (hp_assessment_profile, hp_interview_assessment, ...) are
 *     %ignored and replaced by helpers returning a copy or a new reference.
 *   - Structs returned by value (hp_cause, hp_week, ...) are plain copies, but their
 *     string members point into the ontology: read them while the owning object lives
 *     (the thin layers copy them into native strings at once).
 *   - Strings returned by helpers are new (hp_string_free()d by the wrapper after
 *     conversion); strings returned by header functions are borrowed and copied.
 *
 * Language-specific typemaps are only used for byte buffers, and only inside
 * #ifdef SWIGPYTHON / #ifdef SWIGLUA.
 *
 * Python: generate with `swig -python -threads` so that the GIL is released around every
 * call into C (load, assess, batch, plan, exports); hpx_threads_enabled() reports it.
 */
%module hippain_core

%{
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hippain/hippain.h"
%}

/* ---- Byte buffers -------------------------------------------------------------------- */
/*
 * (const void *data, size_t data_size): read-only bytes (Python: any C-contiguous buffer,
 * e.g. bytes or a numpy array; Lua: a string).
 * (void *out, size_t out_size): a writable buffer (Python: bytearray, numpy array, or None
 * for "no output" -> NULL, 0).
 */
#ifdef SWIGPYTHON
%typemap(in) (const void *data, size_t data_size) (Py_buffer view) {
  view.obj = NULL;
  if ($input == Py_None) {
    $1 = NULL;
    $2 = 0;
  } else {
    if (PyObject_GetBuffer($input, &view, PyBUF_C_CONTIGUOUS) != 0)
      SWIG_fail;
    $1 = view.buf;
    $2 = (size_t)view.len;
  }
}
%typemap(freearg) (const void *data, size_t data_size) {
  if (view$argnum.obj)
    PyBuffer_Release(&view$argnum);
}
%typemap(typecheck) (const void *data, size_t data_size) {
  $1 = $input == Py_None || PyObject_CheckBuffer($input);
}
%typemap(in) (void *out, size_t out_size) (Py_buffer view) {
  view.obj = NULL;
  if ($input == Py_None) {
    $1 = NULL;
    $2 = 0;
  } else {
    if (PyObject_GetBuffer($input, &view, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE) != 0)
      SWIG_fail;
    $1 = view.buf;
    $2 = (size_t)view.len;
  }
}
%typemap(freearg) (void *out, size_t out_size) {
  if (view$argnum.obj)
    PyBuffer_Release(&view$argnum);
}
#elif defined(SWIGLUA)
/* Lua strings are immutable: a writable buffer (assess_matrix's output) can only be nil. */
%typemap(in) (void *out, size_t out_size) {
  if (!lua_isnil(L, $input)) {
    lua_pushstring(L, "hippain_core: writable buffers are not supported in Lua (pass nil)");
    SWIG_fail;
  }
  $1 = NULL;
  $2 = 0;
}
%typemap(in) (const void *data, size_t data_size) {
  size_t len = 0;
  if (lua_isnil(L, $input)) {
    $1 = NULL;
    $2 = 0;
  } else {
    $1 = (void *)luaL_checklstring(L, $input, &len);
    $2 = len;
  }
}
#endif
%apply (const void *data, size_t data_size) { (const void *columns, size_t columns_size) };
%apply (void *out, size_t out_size) { (void *triage_out, size_t triage_size) };

/* ---- New strings ------------------------------------------------------------------- */
%typemap(newfree) char * "hp_string_free($1);";

/* ---- What is not wrapped as is ------------------------------------------------------- */
/* Frees: proxies free their objects (destructors below). */
%ignore hp_ontology_free;
%ignore hp_ontology_ref;
%ignore hp_profile_free;
%ignore hp_assessment_free;
%ignore hp_interview_free;
%ignore hp_plan_free;
%ignore hp_plan_ref;
%ignore hp_string_free;
/* Borrowed objects: replaced by helpers returning a copy or a new reference. */
%ignore hp_profile_ontology;
%ignore hp_assessment_ontology;
%ignore hp_assessment_profile;
%ignore hp_plan_ontology;
%ignore hp_interview_assessment;
%ignore hp_interview_profile;
/* Out-parameters: replaced by helpers below. */
%ignore hp_ontology_load;
%ignore hp_ontology_load_default;
%ignore hp_ontology_load_file;
%ignore hp_ontology_load_memory;
%ignore hp_default_ontology_xml;
%ignore hp_ontology_schema;
%ignore hp_ontology_lookup;
%ignore hp_ontology_origin;
%ignore hp_ontology_source;
%ignore hp_ontology_finding;
%ignore hp_ontology_condition;
%ignore hp_ontology_red_flag;
%ignore hp_ontology_derived_rule;
%ignore hp_ontology_exercise;
%ignore hp_ontology_advice;
%ignore hp_condition_evidence;
%ignore hp_condition_presentation;
%ignore hp_presentation_evidence;
%ignore hp_condition_treatment;
%ignore hp_finding_treatment;
%ignore hp_exercise_contraindication;
%ignore hp_enum_parse;
%ignore hp_error_format;
%ignore hp_profile_new;
%ignore hp_profile_copy;
%ignore hp_profile_from_json;
%ignore hp_profile_to_json;
%ignore hp_profile_runner;
%ignore hp_profile_run;
%ignore hp_date_parse;
%ignore hp_date_format;
%ignore hp_assess;
%ignore hp_assessment_reason;
%ignore hp_assessment_dont_miss;
%ignore hp_assessment_dont_miss_reason;
%ignore hp_assessment_cause;
%ignore hp_assessment_evidence;
%ignore hp_assessment_risk;
%ignore hp_assessment_metric;
%ignore hp_assessment_to_json;
%ignore hp_interview_new;
%ignore hp_plan_new;
%ignore hp_plan_for_conditions;
%ignore hp_plan_week;
%ignore hp_plan_day;
%ignore hp_plan_session;
%ignore hp_plan_item;
%ignore hp_plan_advice;
%ignore hp_plan_to_json;
%ignore hp_plan_to_markdown;
%ignore hp_plan_to_ical;
/* Structs only used through the helpers' flat arguments. */
%ignore hp_allocator;
%ignore hp_load_options;
%ignore hp_input;
%ignore hp_plan_options;
%ignore hp_interview_options;

/* ---- Watch files and check-ins (declarations) ---------------------------------------- */
/* hp_profile_import_runs(profile, bytes, name, err) and _file(profile, path, err) return
 * (status, n_added): *n_added is an output, the file's bytes a byte buffer. */
%typemap(in, numinputs=0) size_t *n_added (size_t n_added_temp = 0) { $1 = &n_added_temp; }
#ifdef SWIGPYTHON
%typemap(argout) size_t *n_added {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1));
}
#elif defined(SWIGLUA)
%typemap(argout) size_t *n_added %{ lua_pushinteger(L, (lua_Integer)*$1); SWIG_arg++; %}
#endif
%apply (const void *data, size_t data_size) { (const char *data, size_t size) };
%ignore hp_profile_run_details;
%ignore hp_profile_add_run_details;
%ignore hp_checkins_free;
%ignore hp_checkins_from_json;
%ignore hp_checkins_get;
%ignore hp_checkins_decide;
%ignore hp_checkins_decide_model;
%ignore hp_checkins_to_json;
%nodefaultctor hp_checkins;
struct hp_checkins {};
%extend hp_checkins { ~hp_checkins() { hp_checkins_free($self); } }
%newobject hpx_checkins_from_json;
%newobject hpx_checkins_to_json;

/* ---- Plan revision (declarations) ----------------------------------------------------- */
%ignore hp_plan_revise;
%ignore hp_revision_free;
%ignore hp_revision_plan;
%ignore hp_revision_get;
%ignore hp_revision_week_info;
%ignore hp_revision_to_json;
%ignore hp_revision_to_markdown;
%ignore hp_revision_to_ical;
%nodefaultctor hp_revision;
struct hp_revision {};
%extend hp_revision { ~hp_revision() { hp_revision_free($self); } }
%newobject hpx_plan_revise;
%newobject hpx_revision_plan;
%newobject hpx_revision_to_json;
%newobject hpx_revision_to_markdown;
%newobject hpx_revision_to_ical;

/* ---- Opaque objects owned by their proxies ------------------------------------------- */
/* SWIG needs a (to it, empty) definition to make a proxy class with a destructor. */
%nodefaultctor hp_ontology;
%nodefaultctor hp_profile;
%nodefaultctor hp_assessment;
%nodefaultctor hp_interview;
%nodefaultctor hp_plan;
%nodefaultctor hpx_loader;
%nodefaultctor hpx_batch;
struct hp_ontology {};
struct hp_profile {};
struct hp_assessment {};
struct hp_interview {};
struct hp_plan {};
%extend hp_ontology { ~hp_ontology() { hp_ontology_free($self); } }
%extend hp_profile { ~hp_profile() { hp_profile_free($self); } }
%extend hp_assessment { ~hp_assessment() { hp_assessment_free($self); } }
%extend hp_interview { ~hp_interview() { hp_interview_free($self); } }
%extend hp_plan { ~hp_plan() { hp_plan_free($self); } }

/* Everything the library fills in is read-only to the binding. */
%immutable;
%include "hippain/export.h"
%include "hippain/version.h"
%include "hippain/error.h"
%include "hippain/alloc.h"
%include "hippain/enums.h"
%include "hippain/ontology.h"
%include "hippain/profile.h"
%include "hippain/assessment.h"
%include "hippain/interview.h"
%include "hippain/plan.h"
%include "hippain/checkin.h"
%include "hippain/revise.h"
%mutable;

/* hp_error is created by the thin layer (zeroed) and passed to calls. */
%extend hp_error {
  hp_error() {
    hp_error *e = (hp_error *)calloc(1, sizeof *e);
    return e;
  }
  ~hp_error() { free($self); }
}

/* ---- Helpers ------------------------------------------------------------------------- */
%newobject hpx_loader_new;
%newobject hpx_loader_load;
%newobject hpx_load_default;
%newobject hpx_ontology_ref;
%newobject hpx_profile_new;
%newobject hpx_profile_from_json;
%newobject hpx_profile_copy;
%newobject hpx_profile_to_json;
%newobject hpx_assess;
%newobject hpx_assessment_ontology;
%newobject hpx_assessment_profile;
%newobject hpx_assessment_to_json;
%newobject hpx_assess_ndjson;
%newobject hpx_batch_take;
%newobject hpx_interview_new;
%newobject hpx_interview_assessment;
%newobject hpx_interview_profile;
%newobject hpx_plan;
%newobject hpx_plan_for_conditions;
%newobject hpx_plan_to_json;
%newobject hpx_plan_to_markdown;
%newobject hpx_plan_to_ical;

%{
/* ---- Internals (not wrapped) --------------------------------------------------------- */
static hp_status hpx__fail(hp_error *err, hp_status code, const char *message) {
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        strncpy(err->message, message, sizeof err->message - 1);
    }
    return code;
}

/* Counting allocator: every ontology a binding loads uses it, so that tests can check
 * that the library's live allocations return to where they were. */
static atomic_long hpx__live_blocks;

static void *hpx__malloc(void *ctx, size_t size) {
    (void)ctx;
    void *p = malloc(size);
    if (p)
        atomic_fetch_add(&hpx__live_blocks, 1);
    return p;
}
static void *hpx__realloc(void *ctx, void *ptr, size_t size) {
    (void)ctx;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        atomic_fetch_add(&hpx__live_blocks, 1);
    return p;
}
static void hpx__free(void *ctx, void *ptr) {
    (void)ctx;
    free(ptr);
    atomic_fetch_sub(&hpx__live_blocks, 1);
}
static const hp_allocator hpx__allocator = {hpx__malloc, hpx__realloc, hpx__free, NULL};

/* A list of inputs to load. */
typedef struct hpx_loader {
    hp_input *inputs;
    char **copies; /* owned names and data */
    size_t n, cap, n_copies;
    unsigned flags;
    size_t max_input_bytes;
} hpx_loader;

static void hpx__loader_free(hpx_loader *l) {
    if (!l)
        return;
    for (size_t i = 0; i < l->n_copies; i++)
        free(l->copies[i]);
    free(l->copies);
    free(l->inputs);
    free(l);
}

static char *hpx__keep(hpx_loader *l, const void *data, size_t size) {
    char **c = (char **)realloc(l->copies, (l->n_copies + 1) * sizeof *c);
    if (!c)
        return NULL;
    l->copies = c;
    char *p = (char *)malloc(size + 1);
    if (!p)
        return NULL;
    if (size)
        memcpy(p, data, size);
    p[size] = '\0';
    l->copies[l->n_copies++] = p;
    return p;
}

static hp_status hpx__add(hpx_loader *l, const char *name, const void *data, size_t size,
                          int in_memory, hp_error *err) {
    if (!l || !name)
        return hpx__fail(err, HP_E_INVALID, "hpx_loader_add: NULL argument");
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 4;
        hp_input *in = (hp_input *)realloc(l->inputs, cap * sizeof *in);
        if (!in)
            return hpx__fail(err, HP_E_NOMEM, "out of memory");
        l->inputs = in;
        l->cap = cap;
    }
    char *n = hpx__keep(l, name, strlen(name));
    char *d = in_memory ? hpx__keep(l, data, size) : NULL;
    if (!n || (in_memory && !d))
        return hpx__fail(err, HP_E_NOMEM, "out of memory");
    l->inputs[l->n].name = n;
    l->inputs[l->n].data = d;
    l->inputs[l->n].size = in_memory ? size : 0;
    l->n++;
    return HP_OK;
}

/* Assessments of a batch. */
typedef struct hpx_batch {
    hp_assessment **items;
    size_t n;
} hpx_batch;

static void hpx__batch_free(hpx_batch *b) {
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        hp_assessment_free(b->items[i]);
    free(b->items);
    free(b);
}

/* Typed views by value; on failure err->code is set and the result is zero. */
#define HPX_VIEW(TYPE, NAME, CALL)                                                       \
    TYPE NAME {                                                                          \
        TYPE out;                                                                        \
        memset(&out, 0, sizeof out);                                                     \
        hp_status st = CALL;                                                             \
        if (st != HP_OK) {                                                               \
            memset(&out, 0, sizeof out);                                                 \
            hpx__fail(err, st, "index out of range");                                    \
        }                                                                                \
        return out;                                                                      \
    }
%}

/* The helper objects are opaque to SWIG too; their proxies free them. */
%nodefaultctor hpx_loader;
%nodefaultctor hpx_batch;
typedef struct hpx_loader hpx_loader;
typedef struct hpx_batch hpx_batch;
struct hpx_loader {};
struct hpx_batch {};
%extend hpx_loader { ~hpx_loader() { hpx__loader_free($self); } }
%extend hpx_batch { ~hpx_batch() { hpx__batch_free($self); } }

/* internal helper of the %inline block below: not part of the interface */
%ignore hpx__plan_options;
%ignore hpx__cell;

%inline %{
/* Whether the wrapper releases the interpreter lock around calls into C. */
int hpx_threads_enabled(void) {
#if defined(SWIG_PYTHON_THREADS)
    return 1;
#else
    return 0;
#endif
}

/* Number of blocks the library holds for ontologies loaded through this module (and the
 * profiles, assessments, interviews, plans and strings made from them). */
long hpx_live_blocks(void) { return atomic_load(&hpx__live_blocks); }

/* ---- Loading ----------------------------------------------------------------------- */

/* A list of inputs to load; flags are HP_LOAD_* (HP_LOAD_WITH_DEFAULT puts the embedded
 * default ontology below them); max_input_bytes 0 means the library's default. */
hpx_loader *hpx_loader_new(unsigned flags, size_t max_input_bytes) {
    hpx_loader *l = (hpx_loader *)calloc(1, sizeof *l);
    if (l) {
        l->flags = flags;
        l->max_input_bytes = max_input_bytes;
    }
    return l;
}

/* Add a file to read. */
hp_status hpx_loader_add_file(hpx_loader *l, const char *path, hp_error *err) {
    return hpx__add(l, path, NULL, 0, 0, err);
}

/* Add bytes in memory (copied); name is used in errors. */
hp_status hpx_loader_add_memory(hpx_loader *l, const char *name, const void *data,
                                size_t data_size, hp_error *err) {
    if (!data && data_size)
        return hpx__fail(err, HP_E_INVALID, "hpx_loader_add_memory: NULL data");
    return hpx__add(l, name, data ? data : "", data_size, 1, err);
}

/* Load the inputs (with the counting allocator). NULL on failure (see err). */
hp_ontology *hpx_loader_load(const hpx_loader *l, hp_error *err) {
    if (!l) {
        hpx__fail(err, HP_E_INVALID, "hpx_loader_load: NULL loader");
        return NULL;
    }
    hp_load_options o;
    memset(&o, 0, sizeof o);
    o.flags = l->flags;
    o.max_input_bytes = l->max_input_bytes;
    o.allocator = &hpx__allocator;
    hp_ontology *onto = NULL;
    hp_ontology_load(l->inputs, l->n, &o, &onto, err);
    return onto;
}

/* The embedded default ontology (with the counting allocator). */
hp_ontology *hpx_load_default(hp_error *err) {
    hp_load_options o;
    memset(&o, 0, sizeof o);
    o.flags = HP_LOAD_WITH_DEFAULT;
    o.allocator = &hpx__allocator;
    hp_ontology *onto = NULL;
    hp_ontology_load(NULL, 0, &o, &onto, err);
    return onto;
}

/* A new reference to an ontology. */
hp_ontology *hpx_ontology_ref(const hp_ontology *onto) {
    return onto ? hp_ontology_ref(onto) : NULL;
}

/* Kind of the entry with this id, or -1. */
int hpx_ontology_kind_of(const hp_ontology *onto, const char *id) {
    hp_entity_kind kind;
    if (hp_ontology_lookup(onto, id, &kind, NULL) != HP_OK)
        return -1;
    return (int)kind;
}

/* Where an entry was defined: input name (NULL if out of range) and 1-based line. */
const char *hpx_ontology_origin_file(const hp_ontology *onto, hp_entity_kind kind,
                                     size_t index) {
    const char *file = NULL;
    if (hp_ontology_origin(onto, kind, index, &file, NULL) != HP_OK)
        return NULL;
    return file;
}
int hpx_ontology_origin_line(const hp_ontology *onto, hp_entity_kind kind, size_t index) {
    int line = 0;
    if (hp_ontology_origin(onto, kind, index, NULL, &line) != HP_OK)
        return 0;
    return line;
}
%}

/* SWIG does not expand the macro above; declare the helpers it defines. */
hp_source_info hpx_ontology_source(const hp_ontology *onto, size_t i, hp_error *err);
hp_finding_info hpx_ontology_finding(const hp_ontology *onto, size_t i, hp_error *err);
hp_condition_info hpx_ontology_condition(const hp_ontology *onto, size_t i, hp_error *err);
hp_red_flag_info hpx_ontology_red_flag(const hp_ontology *onto, size_t i, hp_error *err);
hp_derived_rule_info hpx_ontology_derived_rule(const hp_ontology *onto, size_t i, hp_error *err);
hp_exercise_info hpx_ontology_exercise(const hp_ontology *onto, size_t i, hp_error *err);
hp_advice_info hpx_ontology_advice(const hp_ontology *onto, size_t i, hp_error *err);
hp_evidence_link hpx_condition_evidence(const hp_ontology *onto, size_t c, size_t j, hp_error *err);
hp_presentation_info hpx_condition_presentation(const hp_ontology *onto, size_t c, size_t k,
                                                hp_error *err);
hp_evidence_link hpx_presentation_evidence(const hp_ontology *onto, size_t c, size_t k, size_t j,
                                           hp_error *err);
hp_treatment_link hpx_condition_treatment(const hp_ontology *onto, size_t c, size_t j, hp_error *err);
hp_treatment_link hpx_finding_treatment(const hp_ontology *onto, size_t f, size_t j, hp_error *err);
hp_contraindication hpx_exercise_contraindication(const hp_ontology *onto, size_t e, size_t j, hp_error *err);
hp_triage_reason hpx_assessment_reason(const hp_assessment *a, size_t i, hp_error *err);
hp_dont_miss hpx_assessment_dont_miss(const hp_assessment *a, size_t i, hp_error *err);
hp_triage_reason hpx_assessment_dont_miss_reason(const hp_assessment *a, size_t i, size_t j,
                                                 hp_error *err);
hp_cause hpx_assessment_cause(const hp_assessment *a, size_t i, hp_error *err);
hp_evidence hpx_assessment_evidence(const hp_assessment *a, size_t i, size_t j, hp_error *err);
hp_risk hpx_assessment_risk(const hp_assessment *a, size_t i, hp_error *err);
hp_week hpx_plan_week(const hp_plan *plan, size_t w, hp_error *err);
hp_day hpx_plan_day(const hp_plan *plan, size_t w, size_t d, hp_error *err);
hp_session hpx_plan_session(const hp_plan *plan, size_t w, size_t d, size_t s, hp_error *err);
hp_session_item hpx_plan_item(const hp_plan *plan, size_t w, size_t d, size_t s, size_t i, hp_error *err);
hp_plan_advice_item hpx_plan_advice(const hp_plan *plan, size_t i, hp_error *err);

%{
HPX_VIEW(hp_source_info, hpx_ontology_source(const hp_ontology *onto, size_t i, hp_error *err),
         hp_ontology_source(onto, i, &out))
HPX_VIEW(hp_finding_info, hpx_ontology_finding(const hp_ontology *onto, size_t i, hp_error *err),
         hp_ontology_finding(onto, i, &out))
HPX_VIEW(hp_condition_info,
         hpx_ontology_condition(const hp_ontology *onto, size_t i, hp_error *err),
         hp_ontology_condition(onto, i, &out))
HPX_VIEW(hp_red_flag_info,
         hpx_ontology_red_flag(const hp_ontology *onto, size_t i, hp_error *err),
         hp_ontology_red_flag(onto, i, &out))
HPX_VIEW(hp_derived_rule_info,
         hpx_ontology_derived_rule(const hp_ontology *onto, size_t i, hp_error *err),
         hp_ontology_derived_rule(onto, i, &out))
HPX_VIEW(hp_exercise_info,
         hpx_ontology_exercise(const hp_ontology *onto, size_t i, hp_error *err),
         hp_ontology_exercise(onto, i, &out))
HPX_VIEW(hp_advice_info, hpx_ontology_advice(const hp_ontology *onto, size_t i, hp_error *err),
         hp_ontology_advice(onto, i, &out))
HPX_VIEW(hp_evidence_link,
         hpx_condition_evidence(const hp_ontology *onto, size_t c, size_t j, hp_error *err),
         hp_condition_evidence(onto, c, j, &out))
HPX_VIEW(hp_presentation_info,
         hpx_condition_presentation(const hp_ontology *onto, size_t c, size_t k, hp_error *err),
         hp_condition_presentation(onto, c, k, &out))
HPX_VIEW(hp_evidence_link,
         hpx_presentation_evidence(const hp_ontology *onto, size_t c, size_t k, size_t j,
                                   hp_error *err),
         hp_presentation_evidence(onto, c, k, j, &out))
HPX_VIEW(hp_treatment_link,
         hpx_condition_treatment(const hp_ontology *onto, size_t c, size_t j, hp_error *err),
         hp_condition_treatment(onto, c, j, &out))
HPX_VIEW(hp_treatment_link,
         hpx_finding_treatment(const hp_ontology *onto, size_t f, size_t j, hp_error *err),
         hp_finding_treatment(onto, f, j, &out))
HPX_VIEW(hp_contraindication,
         hpx_exercise_contraindication(const hp_ontology *onto, size_t e, size_t j, hp_error *err),
         hp_exercise_contraindication(onto, e, j, &out))
HPX_VIEW(hp_triage_reason,
         hpx_assessment_reason(const hp_assessment *a, size_t i, hp_error *err),
         hp_assessment_reason(a, i, &out))
HPX_VIEW(hp_dont_miss,
         hpx_assessment_dont_miss(const hp_assessment *a, size_t i, hp_error *err),
         hp_assessment_dont_miss(a, i, &out))
HPX_VIEW(hp_triage_reason,
         hpx_assessment_dont_miss_reason(const hp_assessment *a, size_t i, size_t j,
                                         hp_error *err),
         hp_assessment_dont_miss_reason(a, i, j, &out))
HPX_VIEW(hp_cause, hpx_assessment_cause(const hp_assessment *a, size_t i, hp_error *err),
         hp_assessment_cause(a, i, &out))
HPX_VIEW(hp_evidence,
         hpx_assessment_evidence(const hp_assessment *a, size_t i, size_t j, hp_error *err),
         hp_assessment_evidence(a, i, j, &out))
HPX_VIEW(hp_risk, hpx_assessment_risk(const hp_assessment *a, size_t i, hp_error *err),
         hp_assessment_risk(a, i, &out))
HPX_VIEW(hp_week, hpx_plan_week(const hp_plan *plan, size_t w, hp_error *err),
         hp_plan_week(plan, w, &out))
HPX_VIEW(hp_day, hpx_plan_day(const hp_plan *plan, size_t w, size_t d, hp_error *err),
         hp_plan_day(plan, w, d, &out))
HPX_VIEW(hp_session,
         hpx_plan_session(const hp_plan *plan, size_t w, size_t d, size_t s, hp_error *err),
         hp_plan_session(plan, w, d, s, &out))
HPX_VIEW(hp_session_item,
         hpx_plan_item(const hp_plan *plan, size_t w, size_t d, size_t s, size_t i,
                       hp_error *err),
         hp_plan_item(plan, w, d, s, i, &out))
HPX_VIEW(hp_plan_advice_item,
         hpx_plan_advice(const hp_plan *plan, size_t i, hp_error *err),
         hp_plan_advice(plan, i, &out))
%}

#ifdef SWIGPYTHON
/* ---- Python: profiles straight from dicts ------------------------------------------- */
/*
 * Ontology.assess(findings, runner) and Ontology.profile() without the profile JSON: the
 * dicts are read here and the profile is set through the library's setters. Only the plain
 * case is taken (exact dicts, str keys, True/False/None answers, int and finite float
 * numbers, str dates and choices, a list of run dicts) and only when the library accepts
 * every value; for anything else the helpers return None and the thin layer takes the
 * JSON path (hp_profile_from_json), which gives the same profile or the error naming the
 * key ("runner.runs[2].date"). So the fast path never accepts what the JSON path refuses.
 * They hold the interpreter lock while reading Python objects (%nothread) and release it
 * around hp_assess().
 */
%{
/* An upper bound of the bytes a key or string adds to the profile JSON (escapes are at
 * most 6 bytes a byte) and of a number's text. */
#define HPX__JSON_ITEM(len) (6 * (size_t)(len) + 32)

/* The UTF-8 of an exact str without NUL bytes, or NULL. */
static const char *hpx__py_str(PyObject *v, size_t *bound) {
    if (!PyUnicode_CheckExact(v))
        return NULL;
    Py_ssize_t n = 0;
    const char *s = PyUnicode_AsUTF8AndSize(v, &n);
    if (!s) {
        PyErr_Clear();
        return NULL;
    }
    if (strlen(s) != (size_t)n)
        return NULL;
    *bound += HPX__JSON_ITEM(n);
    return s;
}

/* A JSON number as the profile JSON reads it: an exact int within long long or a finite
 * exact float (True/False are not numbers there). */
static int hpx__py_number(PyObject *v, double *out, size_t *bound) {
    if (PyFloat_CheckExact(v)) {
        double d = PyFloat_AS_DOUBLE(v);
        if (!isfinite(d))
            return 0;
        *out = d;
    } else if (PyLong_CheckExact(v)) {
        int overflow = 0;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow || (x == -1 && PyErr_Occurred())) {
            PyErr_Clear();
            return 0;
        }
        *out = (double)x;
    } else {
        return 0;
    }
    *bound += HPX__JSON_ITEM(0);
    return 1;
}

static int hpx__py_choice(PyObject *v, const char *const *names, size_t n, int *out,
                          size_t *bound) {
    const char *s = hpx__py_str(v, bound);
    for (size_t i = 0; s && i < n; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (int)i + 1;
            return 1;
        }
    }
    return 0;
}

/* The index of finding `key` (an exact str): from `ids` (a dict finding id -> index made
 * by the thin layer, or None) or the ontology's lookup. 0 if it is not a finding. */
static int hpx__py_finding(const hp_ontology *onto, PyObject *ids, PyObject *key,
                           const char *id, size_t *index) {
    if (ids == Py_None) {
        hp_entity_kind kind;
        return hp_ontology_lookup(onto, id, &kind, index) == HP_OK && kind == HP_ENTITY_FINDING;
    }
    PyObject *ix = PyDict_GetItemWithError(ids, key); /* borrowed; str keys run no Python code */
    if (!ix || !PyLong_CheckExact(ix)) {
        PyErr_Clear();
        return 0;
    }
    *index = PyLong_AsSize_t(ix);
    if (*index == (size_t)-1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return *index < hp_ontology_count(onto, HP_ENTITY_FINDING);
}

static int hpx__py_findings(hp_profile *p, const hp_ontology *onto, PyObject *ids,
                            PyObject *findings, size_t *bound) {
    PyObject *key, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(findings, &pos, &key, &v)) {
        if (v == Py_None)
            continue; /* unknown: left out, as in the JSON */
        if (v != Py_True && v != Py_False)
            return 0;
        const char *id = hpx__py_str(key, bound);
        size_t index = 0;
        if (!id || !hpx__py_finding(onto, ids, key, id, &index))
            return 0;
        hp_profile_set_index(p, index, v == Py_True ? HP_ANSWER_PRESENT : HP_ANSWER_ABSENT);
    }
    return 1;
}

static int hpx__py_runs(hp_profile *p, PyObject *runs, size_t *bound) {
    if (!PyList_CheckExact(runs) && !PyTuple_CheckExact(runs))
        return 0;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(runs);
    if (n > HP_MAX_RUNS)
        return 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *run = PySequence_Fast_GET_ITEM(runs, i);
        if (!PyDict_CheckExact(run))
            return 0;
        const char *date = NULL;
        double num[5] = {0, 0, 0, 0, 0}; /* km, minutes, effort, cadence_spm, elevation_gain_m */
        int has_km = 0;
        PyObject *key, *v;
        Py_ssize_t pos = 0;
        while (PyDict_Next(run, &pos, &key, &v)) {
            const char *k = hpx__py_str(key, bound);
            if (!k)
                return 0;
            if (strcmp(k, "date") == 0) {
                if (!(date = hpx__py_str(v, bound)))
                    return 0;
                continue;
            }
            int m = strcmp(k, "km") == 0                 ? 0
                    : strcmp(k, "minutes") == 0          ? 1
                    : strcmp(k, "effort") == 0           ? 2
                    : strcmp(k, "cadence_spm") == 0      ? 3
                    : strcmp(k, "elevation_gain_m") == 0 ? 4
                                                         : -1;
            if (m < 0 || !hpx__py_number(v, &num[m], bound))
                return 0;
            has_km |= m == 0;
        }
        hp_run_details details = {num[3], num[4]};
        if (!date || !has_km ||
            hp_profile_add_run_details(p, date, num[0], num[1], num[2], &details, NULL) != HP_OK)
            return 0;
    }
    return 1;
}

static int hpx__py_runner(hp_profile *p, PyObject *runner, size_t *bound) {
    static const char *const sexes[] = {"female", "male", "other"};
    static const char *const strikes[] = {"heel", "midfoot", "forefoot"};
    PyObject *key, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(runner, &pos, &key, &v)) {
        if (v == Py_None || (PyFloat_CheckExact(v) && isnan(PyFloat_AS_DOUBLE(v))))
            continue; /* not given: left out, as in the JSON */
        const char *k = hpx__py_str(key, bound);
        if (!k)
            return 0;
        int f = 0;
        while (f < HP_RUNNER_FIELD_COUNT && strcmp(k, hp_runner_field_name((hp_runner_field)f)))
            f++;
        int ok, choice = 0;
        double x = 0;
        if (f < HP_RUNNER_FIELD_COUNT)
            ok = hpx__py_number(v, &x, bound) &&
                 hp_profile_set_runner(p, (hp_runner_field)f, x, NULL) == HP_OK;
        else if (strcmp(k, "sex") == 0)
            ok = hpx__py_choice(v, sexes, 3, &choice, bound) &&
                 hp_profile_set_sex(p, (hp_sex)choice) == HP_OK;
        else if (strcmp(k, "foot_strike") == 0)
            ok = hpx__py_choice(v, strikes, 3, &choice, bound) &&
                 hp_profile_set_foot_strike(p, (hp_foot_strike)choice) == HP_OK;
        else if (strcmp(k, "as_of") == 0) {
            const char *date = hpx__py_str(v, bound);
            ok = date && hp_profile_set_as_of(p, date, NULL) == HP_OK;
        } else if (strcmp(k, "runs") == 0)
            ok = hpx__py_runs(p, v, bound);
        else
            ok = 0;
        if (!ok)
            return 0;
    }
    return 1;
}

/* The profile of findings and runner (each None or an exact dict), or NULL when the JSON
 * path must decide; ids is None or an exact dict of every finding id -> its index. Needs
 * the interpreter lock; leaves no exception set. */
static hp_profile *hpx__py_profile(const hp_ontology *onto, PyObject *ids, PyObject *findings,
                                   PyObject *runner) {
    if (!onto || (ids != Py_None && !PyDict_CheckExact(ids)) ||
        (findings != Py_None && !PyDict_CheckExact(findings)) ||
        (runner != Py_None && !PyDict_CheckExact(runner)))
        return NULL;
    hp_profile *p = NULL;
    if (hp_profile_new(onto, &p, NULL) != HP_OK)
        return NULL;
    size_t bound = 64; /* the JSON's braces and the two top-level keys */
    int ok = (findings == Py_None || hpx__py_findings(p, onto, ids, findings, &bound)) &&
             (runner == Py_None || hpx__py_runner(p, runner, &bound)) &&
             bound <= HP_MAX_PROFILE_BYTES; /* else the JSON path says whether it is too big */
    if (!ok) {
        hp_profile_free(p);
        return NULL;
    }
    return p;
}
%}
%nothread hpx_py_profile;
%nothread hpx_py_assess;
%inline %{
/* Python only: a profile from a findings dict (finding id -> True/False/None) and a runner
 * dict (as in the profile JSON), each may be None; None when the JSON path must decide.
 * ids: None, or a dict of every finding id of the ontology -> its index (a faster lookup
 * than the ontology's). */
PyObject *hpx_py_profile(const hp_ontology *onto, PyObject *ids, PyObject *findings,
                         PyObject *runner) {
    hp_profile *p = hpx__py_profile(onto, ids, findings, runner);
    if (!p)
        Py_RETURN_NONE;
    return SWIG_NewPointerObj(p, SWIGTYPE_p_hp_profile, SWIG_POINTER_OWN | SWIG_POINTER_NOSHADOW);
}

/* Python only: the assessment of such a profile (the interpreter lock released while
 * assessing), or None when the JSON path must decide. */
PyObject *hpx_py_assess(const hp_ontology *onto, PyObject *ids, PyObject *findings,
                        PyObject *runner) {
    hp_profile *p = hpx__py_profile(onto, ids, findings, runner);
    if (!p)
        Py_RETURN_NONE;
    hp_assessment *a = NULL;
    hp_status st;
    Py_BEGIN_ALLOW_THREADS
    st = hp_assess(p, &a, NULL);
    hp_profile_free(p);
    Py_END_ALLOW_THREADS
    if (st != HP_OK)
        Py_RETURN_NONE;
    return SWIG_NewPointerObj(a, SWIGTYPE_p_hp_assessment,
                              SWIG_POINTER_OWN | SWIG_POINTER_NOSHADOW);
}
%}
#endif

%inline %{
/* ---- Enumerations and errors --------------------------------------------------------- */

/* Value of a name of an enumeration; err->code HP_E_NOT_FOUND if there is none. */
int hpx_enum_parse(hp_enum_type type, const char *name, hp_error *err) {
    int value = 0;
    hp_status st = hp_enum_parse(type, name, &value);
    if (st != HP_OK)
        hpx__fail(err, st, "no such name");
    return value;
}

%}

%inline %{
/* ---- Profiles -------------------------------------------------------------------- */

/* An empty profile (every finding unknown). */
hp_profile *hpx_profile_new(const hp_ontology *onto, hp_error *err) {
    hp_profile *p = NULL;
    hp_profile_new(onto, &p, err);
    return p;
}

/* A profile parsed from JSON text; name is used in errors (may be NULL). */
hp_profile *hpx_profile_from_json(const hp_ontology *onto, const char *json, const char *name,
                                  hp_error *err) {
    hp_profile *p = NULL;
    if (!json) {
        hpx__fail(err, HP_E_INVALID, "hpx_profile_from_json: NULL json");
        return NULL;
    }
    hp_profile_from_json(onto, json, strlen(json), name, &p, err);
    return p;
}

/* A deep copy. */
hp_profile *hpx_profile_copy(const hp_profile *profile, hp_error *err) {
    hp_profile *p = NULL;
    hp_profile_copy(profile, &p, err);
    return p;
}

/* The profile as JSON (new string). */
char *hpx_profile_to_json(const hp_profile *profile, hp_error *err) {
    char *s = NULL;
    hp_profile_to_json(profile, &s, err);
    return s;
}

/* A runner field; NAN (and err->code HP_E_NOT_FOUND) when it is not set. */
double hpx_profile_runner(const hp_profile *profile, hp_runner_field field, hp_error *err) {
    double v = 0;
    hp_status st = hp_profile_runner(profile, field, &v);
    if (st != HP_OK) {
        hpx__fail(err, st, "runner field not set");
        return NAN;
    }
    return v;
}

/* A new reference to the profile's ontology. */
hp_ontology *hpx_profile_ontology(const hp_profile *profile) {
    return profile ? hp_ontology_ref(hp_profile_ontology(profile)) : NULL;
}

/* ---- Assessments ------------------------------------------------------------------- */

/* Assess a profile. */
hp_assessment *hpx_assess(const hp_profile *profile, hp_error *err) {
    hp_assessment *a = NULL;
    hp_assess(profile, &a, err);
    return a;
}

/* A new reference to the assessment's ontology. */
hp_ontology *hpx_assessment_ontology(const hp_assessment *a) {
    return a ? hp_ontology_ref(hp_assessment_ontology(a)) : NULL;
}

/* A copy of the profile as assessed (derived findings applied). */
hp_profile *hpx_assessment_profile(const hp_assessment *a, hp_error *err) {
    hp_profile *p = NULL;
    if (!a) {
        hpx__fail(err, HP_E_INVALID, "NULL assessment");
        return NULL;
    }
    hp_profile_copy(hp_assessment_profile(a), &p, err);
    return p;
}

/* A metric; NAN (and err->code HP_E_NOT_FOUND) when the profile lacks what it needs. */
double hpx_assessment_metric(const hp_assessment *a, hp_metric metric, hp_error *err) {
    double v = 0;
    hp_status st = hp_assessment_metric(a, metric, &v);
    if (st != HP_OK) {
        hpx__fail(err, st, "metric unknown");
        return NAN;
    }
    return v;
}

/* The assessment as JSON (new string); flags: HP_JSON_PRETTY. */
char *hpx_assessment_to_json(const hp_assessment *a, const char *lang, unsigned flags,
                             hp_error *err) {
    char *s = NULL;
    hp_assessment_to_json(a, lang, flags, &s, err);
    return s;
}

/* ---- Batches: many profiles in one call ------------------------------------------ */

/*
 * Assess profiles given as JSON lines (one profile object a line, '\n'-separated).
 * Errors name the profile as "profiles[i]" in err->file.
 */
hpx_batch *hpx_assess_ndjson(const hp_ontology *onto, const void *data, size_t data_size,
                             hp_error *err) {
    const char *text = (const char *)data;
    size_t n = 0;
    for (size_t i = 0; i < data_size; i++)
        n += text[i] == '\n';
    if (data_size && text[data_size - 1] != '\n')
        n++;
    hpx_batch *b = (hpx_batch *)calloc(1, sizeof *b);
    if (!b || (n && !(b->items = (hp_assessment **)calloc(n, sizeof *b->items)))) {
        free(b);
        hpx__fail(err, HP_E_NOMEM, "out of memory");
        return NULL;
    }
    size_t start = 0;
    for (size_t k = 0; k < n; k++) {
        size_t end = start;
        while (end < data_size && text[end] != '\n')
            end++;
        char name[32];
        snprintf(name, sizeof name, "profiles[%zu]", k);
        hp_profile *p = NULL;
        hp_status st = hp_profile_from_json(onto, text + start, end - start, name, &p, err);
        if (st == HP_OK) {
            st = hp_assess(p, &b->items[k], err);
            hp_profile_free(p);
        }
        if (st != HP_OK) {
            hpx__batch_free(b);
            return NULL;
        }
        b->n = k + 1;
        start = end + 1;
    }
    return b;
}

/* Number of assessments in a batch. */
size_t hpx_batch_size(const hpx_batch *b) { return b ? b->n : 0; }

/* Take assessment i out of the batch (the caller owns it; a second take gives NULL). */
hp_assessment *hpx_batch_take(hpx_batch *b, size_t i) {
    if (!b || i >= b->n)
        return NULL;
    hp_assessment *a = b->items[i];
    b->items[i] = NULL;
    return a;
}

/*
 * The fast path for survey data: assess every row of a C-contiguous rows x cols matrix of
 * answers (1 present, 0 absent, -1 unknown) of signed integers of elem_size bytes (1, 2,
 * 4 or 8); columns holds cols int64 finding indices (none twice). Writes rows x
 * n_conditions doubles (row-major, conditions in ontology order) to out and, when
 * triage_out is not NULL, one int8 triage level per row.
 *
 * The probabilities come from hp_assess_matrix() (straight from the model, whether or not
 * triage is asked for); triage needs the full hp_assess() of each row.
 */
static int64_t hpx__cell(const unsigned char *cell, int elem_size) {
    switch (elem_size) {
    case 1: { int8_t x; memcpy(&x, cell, 1); return x; }
    case 2: { int16_t x; memcpy(&x, cell, 2); return x; }
    case 4: { int32_t x; memcpy(&x, cell, 4); return x; }
    default: { int64_t x; memcpy(&x, cell, 8); return x; }
    }
}

hp_status hpx_assess_matrix(const hp_ontology *onto, const void *data, size_t data_size,
                            int elem_size, size_t rows, size_t cols, const void *columns,
                            size_t columns_size, void *out, size_t out_size, void *triage_out,
                            size_t triage_size, hp_error *err) {
    if (!onto)
        return hpx__fail(err, HP_E_INVALID, "assess_matrix: NULL ontology");
    if (elem_size != 1 && elem_size != 2 && elem_size != 4 && elem_size != 8)
        return hpx__fail(err, HP_E_INVALID, "assess_matrix: elements must be 1, 2, 4 or 8 bytes");
    size_t nc = hp_ontology_count(onto, HP_ENTITY_CONDITION);
    size_t nf = hp_ontology_count(onto, HP_ENTITY_FINDING);
    if (cols && rows > SIZE_MAX / cols / (size_t)elem_size)
        return hpx__fail(err, HP_E_LIMIT, "assess_matrix: matrix too large");
    if (data_size != rows * cols * (size_t)elem_size || (rows * cols && !data))
        return hpx__fail(err, HP_E_INVALID, "assess_matrix: data size does not match rows x cols");
    if (columns_size != cols * sizeof(int64_t) || (cols && !columns))
        return hpx__fail(err, HP_E_INVALID, "assess_matrix: one finding index per column needed");
    if (nc && rows > SIZE_MAX / nc / sizeof(double))
        return hpx__fail(err, HP_E_LIMIT, "assess_matrix: matrix too large");
    if (out_size != rows * nc * sizeof(double) || (rows * nc && !out))
        return hpx__fail(err, HP_E_INVALID, "assess_matrix: output size must be rows x conditions doubles");
    if (triage_out && triage_size != rows)
        return hpx__fail(err, HP_E_INVALID, "assess_matrix: triage output must be rows bytes");
    const int64_t *idx = (const int64_t *)columns;
    for (size_t c = 0; c < cols; c++)
        if (idx[c] < 0 || (uint64_t)idx[c] >= nf)
            return hpx__fail(err, HP_E_INVALID, "assess_matrix: finding index out of range");
    const unsigned char *bytes = (const unsigned char *)data;
    for (size_t i = 0; i < rows * cols; i++) {
        int64_t v = hpx__cell(bytes + i * (size_t)elem_size, elem_size);
        if (v < -1 || v > 1) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "assess_matrix: X[%zu, %zu] is %lld; answers are 1 (present), "
                     "0 (absent) or -1 (unknown)", i / cols, i % cols, (long long)v);
            return hpx__fail(err, HP_E_INVALID, msg);
        }
    }
    size_t *fcols = (size_t *)malloc(cols ? cols * sizeof *fcols : 1);
    if (!fcols)
        return hpx__fail(err, HP_E_NOMEM, "out of memory");
    for (size_t c = 0; c < cols; c++)
        fcols[c] = (size_t)idx[c];
    double *probs = (double *)out;
    hp_status st = HP_OK;
    if (elem_size == 1 || !cols) {
        st = hp_assess_matrix(onto, (const signed char *)data, rows, cols, fcols, probs, err);
    } else { /* wider integers: as int8, a block of rows at a time */
        size_t block = (size_t)65536 / cols + 1;
        if (block > rows)
            block = rows;
        signed char *x = (signed char *)malloc(block * cols + 1);
        if (!x)
            st = hpx__fail(err, HP_E_NOMEM, "out of memory");
        for (size_t r = 0; r < rows && st == HP_OK; r += block) {
            size_t n = rows - r < block ? rows - r : block;
            for (size_t i = 0; i < n * cols; i++)
                x[i] = (signed char)hpx__cell(bytes + (r * cols + i) * (size_t)elem_size,
                                              elem_size);
            st = hp_assess_matrix(onto, x, n, cols, fcols, nc ? probs + r * nc : NULL, err);
        }
        free(x);
    }
    signed char *triage = (signed char *)triage_out;
    hp_profile *p = NULL;
    if (st == HP_OK && triage)
        st = hp_profile_new(onto, &p, err);
    for (size_t r = 0; r < rows && st == HP_OK && triage; r++) {
        for (size_t c = 0; c < cols; c++)
            hp_profile_set_index(p, fcols[c],
                                 (hp_answer)hpx__cell(bytes + (r * cols + c) * (size_t)elem_size,
                                                      elem_size));
        hp_assessment *a = NULL;
        st = hp_assess(p, &a, err);
        if (st == HP_OK)
            triage[r] = (signed char)hp_assessment_triage(a);
        hp_assessment_free(a);
    }
    hp_profile_free(p);
    free(fcols);
    return st;
}

/* ---- Interviews ------------------------------------------------------------------- */

/* Start an interview; initial may be NULL; zero options take their defaults. */
hp_interview *hpx_interview_new(const hp_ontology *onto, const hp_profile *initial,
                                double stop_probability, double min_gain,
                                size_t max_questions, hp_error *err) {
    hp_interview_options o;
    memset(&o, 0, sizeof o);
    o.stop_probability = stop_probability;
    o.min_gain = min_gain;
    o.max_questions = max_questions;
    hp_interview *iv = NULL;
    hp_interview_new(onto, initial, &o, &iv, err);
    return iv;
}

/* A new assessment of the interview's current profile (owned by the caller). */
hp_assessment *hpx_interview_assessment(const hp_interview *iv, hp_error *err) {
    if (!iv) {
        hpx__fail(err, HP_E_INVALID, "NULL interview");
        return NULL;
    }
    hp_assessment *a = NULL;
    hp_assess(hp_interview_profile(iv), &a, err);
    return a;
}

/* A copy of the interview's current profile. */
hp_profile *hpx_interview_profile(const hp_interview *iv, hp_error *err) {
    if (!iv) {
        hpx__fail(err, HP_E_INVALID, "NULL interview");
        return NULL;
    }
    hp_profile *p = NULL;
    hp_profile_copy(hp_interview_profile(iv), &p, err);
    return p;
}

/* ---- Plans ------------------------------------------------------------------------ */

static void hpx__plan_options(hp_plan_options *o, int weeks, const char *start_date,
                              int run_days, double target_weekly_km, const char *lang,
                              double contraindication_probability) {
    memset(o, 0, sizeof *o);
    o->weeks = weeks;
    o->start_date = start_date && *start_date ? start_date : NULL;
    o->run_days = run_days;
    o->target_weekly_km = target_weekly_km;
    o->lang = lang && *lang ? lang : NULL;
    o->contraindication_probability = contraindication_probability;
}

/* A plan from an assessment; zero (or NULL) options take their defaults. */
hp_plan *hpx_plan(const hp_assessment *a, int weeks, const char *start_date, int run_days,
                  double target_weekly_km, const char *lang,
                  double contraindication_probability, hp_error *err) {
    hp_plan_options o;
    hpx__plan_options(&o, weeks, start_date, run_days, target_weekly_km, lang,
                      contraindication_probability);
    hp_plan *plan = NULL;
    hp_plan_new(a, &o, &plan, err);
    return plan;
}

/* A plan for explicit conditions (space-separated ids); profile may be NULL. */
hp_plan *hpx_plan_for_conditions(const hp_ontology *onto, const char *condition_ids,
                                 const hp_profile *profile, int weeks, const char *start_date,
                                 int run_days, double target_weekly_km, const char *lang,
                                 double contraindication_probability, hp_error *err) {
    if (!condition_ids)
        condition_ids = "";
    size_t len = strlen(condition_ids);
    char *copy = (char *)malloc(len + 1);
    const char **ids = (const char **)calloc(len / 2 + 1, sizeof *ids);
    if (!copy || !ids) {
        free(copy);
        free(ids);
        hpx__fail(err, HP_E_NOMEM, "out of memory");
        return NULL;
    }
    memcpy(copy, condition_ids, len + 1);
    size_t n = 0;
    for (char *s = copy; *s;) {
        while (*s == ' ')
            *s++ = '\0';
        if (!*s)
            break;
        ids[n++] = s;
        while (*s && *s != ' ')
            s++;
    }
    hp_plan_options o;
    hpx__plan_options(&o, weeks, start_date, run_days, target_weekly_km, lang,
                      contraindication_probability);
    hp_plan *plan = NULL;
    hp_plan_for_conditions(onto, (const char *const *)ids, n, profile, &o, &plan, err);
    free(ids);
    free(copy);
    return plan;
}

/* The plan as JSON, Markdown or iCalendar (new strings). */
char *hpx_plan_to_json(const hp_plan *plan, unsigned flags, hp_error *err) {
    char *s = NULL;
    hp_plan_to_json(plan, flags, &s, err);
    return s;
}
char *hpx_plan_to_markdown(const hp_plan *plan, hp_error *err) {
    char *s = NULL;
    hp_plan_to_markdown(plan, &s, err);
    return s;
}
char *hpx_plan_to_ical(const hp_plan *plan, hp_error *err) {
    char *s = NULL;
    hp_plan_to_ical(plan, &s, err);
    return s;
}
%}

/* ---- Text intake (include/hippain/text.h) --------------------------------------------- */
/* hp_text_parse() through hpx_text_parse() (a new result owned by its proxy); findings and
   numbers are returned by value (hpx_text_result_get_finding(), _get_number(): copies made
   by hp_text_result_get_finding() / _get_number(), an error past the end). */
%ignore hp_text_parse;
%ignore hp_text_result_free;
%ignore hp_text_result_finding;
%ignore hp_text_result_number;
%ignore hp_text_result_get_finding;
%ignore hp_text_result_get_number;
%ignore hp_text_result_text;
%nodefaultctor hp_text_result;
struct hp_text_result {};
%extend hp_text_result { ~hp_text_result() { hp_text_result_free($self); } }
%immutable;
%include "hippain/text.h"
%mutable;
%newobject hpx_text_parse;
%inline %{
/* Parse text (UTF-8) with the lexicon of lang (NULL or "": detect). */
hp_text_result *hpx_text_parse(const hp_ontology *onto, const char *text, const char *lang,
                               hp_error *err) {
    hp_text_result *r = NULL;
    if (!text) {
        hpx__fail(err, HP_E_INVALID, "hpx_text_parse: NULL text");
        return NULL;
    }
    hp_text_parse(onto, text, strlen(text), lang && *lang ? lang : NULL, &r, err);
    return r;
}
/* Finding i, a copy (zeroed, and the error in err, past the end). */
hp_text_finding hpx_text_result_get_finding(const hp_text_result *r, size_t i, hp_error *err) {
    hp_text_finding out;
    hp_text_result_get_finding(r, i, &out, err);
    return out;
}
/* Number i, a copy (zeroed, and the error in err, past the end). */
hp_text_number hpx_text_result_get_number(const hp_text_result *r, size_t i, hp_error *err) {
    hp_text_number out;
    hp_text_result_get_number(r, i, &out, err);
    return out;
}
%}

/* ---- Watch files and check-ins (helpers) ------------------------------------------- */
hp_run hpx_profile_run(const hp_profile *profile, size_t i, hp_error *err);
hp_run_details hpx_profile_run_details(const hp_profile *profile, size_t i, hp_error *err);
hp_checkin hpx_checkins_get(const hp_checkins *checkins, size_t i, hp_error *err);
hp_checkin_decision hpx_checkins_decide(const hp_checkins *checkins, size_t i, hp_error *err);
hp_checkin_decision hpx_checkins_decide_model(const hp_checkins *checkins, size_t i, int model,
                                              hp_error *err);
%{
HPX_VIEW(hp_run, hpx_profile_run(const hp_profile *profile, size_t i, hp_error *err),
         hp_profile_run(profile, i, &out))
HPX_VIEW(hp_run_details,
         hpx_profile_run_details(const hp_profile *profile, size_t i, hp_error *err),
         hp_profile_run_details(profile, i, &out))
HPX_VIEW(hp_checkin, hpx_checkins_get(const hp_checkins *checkins, size_t i, hp_error *err),
         hp_checkins_get(checkins, i, &out))
HPX_VIEW(hp_checkin_decision,
         hpx_checkins_decide(const hp_checkins *checkins, size_t i, hp_error *err),
         hp_checkins_decide(checkins, i, &out))
HPX_VIEW(hp_checkin_decision,
         hpx_checkins_decide_model(const hp_checkins *checkins, size_t i, int model,
                                   hp_error *err),
         hp_checkins_decide_model(checkins, i, (hp_pain_model)model, &out))
%}
%inline %{
/* hp_profile_add_run_details() with flat details (0: not known). */
hp_status hpx_profile_add_run_details(hp_profile *profile, const char *date, double km,
                                      double minutes, double effort, double cadence_spm,
                                      double elevation_gain_m, hp_error *err) {
    hp_run_details d;
    memset(&d, 0, sizeof d);
    d.cadence_spm = cadence_spm;
    d.elevation_gain_m = elevation_gain_m;
    return hp_profile_add_run_details(profile, date, km, minutes, effort, &d, err);
}

/* Check-ins as JSON (a new string). */
char *hpx_checkins_to_json(const hp_checkins *checkins, hp_error *err) {
    char *s = NULL;
    hp_checkins_to_json(checkins, &s, err);
    return s;
}

/* Check-ins parsed from JSON text (a byte buffer; name is used in errors, may be NULL). */
hp_checkins *hpx_checkins_from_json(const hp_ontology *onto, const void *data,
                                    size_t data_size, const char *name, hp_error *err) {
    hp_checkins *c = NULL;
    hp_checkins_from_json(onto, data ? (const char *)data : "", data_size, name, &c, err);
    return c;
}
%}

/* ---- Plan revision (helpers) ------------------------------------------------------- */
hp_revision_decision hpx_revision_get(const hp_revision *r, size_t i, hp_error *err);
hp_revision_week hpx_revision_week_info(const hp_revision *r, size_t k, hp_error *err);
%{
HPX_VIEW(hp_revision_decision,
         hpx_revision_get(const hp_revision *r, size_t i, hp_error *err),
         hp_revision_get(r, i, &out))
HPX_VIEW(hp_revision_week,
         hpx_revision_week_info(const hp_revision *r, size_t k, hp_error *err),
         hp_revision_week_info(r, k, &out))
%}
%inline %{
/* A plan revised from its check-ins; profile may be NULL; zero (or NULL) options of a
 * rebuilt plan take their defaults. */
hp_revision *hpx_plan_revise(const hp_plan *plan, const hp_profile *profile,
                             const hp_checkins *checkins, int run_days,
                             double target_weekly_km, const char *lang,
                             double contraindication_probability, hp_error *err) {
    hp_plan_options o;
    hpx__plan_options(&o, 0, NULL, run_days, target_weekly_km, lang,
                      contraindication_probability);
    hp_revision *r = NULL;
    hp_plan_revise(plan, profile, checkins, &o, &r, err);
    return r;
}

/* The revised plan: a new reference (hp_plan_ref), so it outlives the revision. */
hp_plan *hpx_revision_plan(const hp_revision *r) { return hp_plan_ref(hp_revision_plan(r)); }

/* The revision as JSON, Markdown or iCalendar (new strings). */
char *hpx_revision_to_json(const hp_revision *r, hp_error *err) {
    char *s = NULL;
    hp_revision_to_json(r, &s, err);
    return s;
}
char *hpx_revision_to_markdown(const hp_revision *r, hp_error *err) {
    char *s = NULL;
    hp_revision_to_markdown(r, &s, err);
    return s;
}
char *hpx_revision_to_ical(const hp_revision *r, hp_error *err) {
    char *s = NULL;
    hp_revision_to_ical(r, &s, err);
    return s;
}
%}
