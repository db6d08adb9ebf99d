/*
 * Watch files into the run log: GPX 1.1 (each trk one run) and TCX, Garmin's Training
 * Center XML v2 (each Activity with Sport="Running" one run), told apart by the root
 * element and read through the safe XML parser of ontology/xml_tree.h.
 *
 * The rules (README.md, "Watch files", says the same to users):
 * - Distance from positions is the great-circle (haversine) distance on a sphere of the
 *   IUGG mean Earth radius R1 = 6371008.8 m (Moritz, "Geodetic Reference System 1980",
 *   J. Geodesy 74, 2000); the sphere differs from the ellipsoid by under 0.5 %.
 *   GPX: points are joined within a trkseg only (GPX 1.1: a new segment means the
 *   recording was interrupted). TCX: the laps' DistanceMeters when every lap has one,
 *   else the largest Trackpoint DistanceMeters, else the positions.
 * - Duration is moving time: the time between consecutive points of a segment, except a
 *   gap over PAUSE_GAP_S (60 s) which is a pause. TCX: the laps' TotalTimeSeconds (the
 *   device's timer, pauses excluded) when every lap has one.
 * - Elevation gain: the sum of climbs with a hysteresis of CLIMB_HYSTERESIS_M (2 m): a
 *   rise counts once the elevation is 2 m above the last low point, so GPS noise of less
 *   than 2 m adds nothing (a steady climb's last < 2 m may go uncounted).
 * - Cadence: Garmin writes strides per minute (one foot) in gpxtpx:cad, TCX Cadence,
 *   TPX RunCadence and LX AvgRunCadence; steps per minute are twice that. The run's
 *   cadence is the mean over the points that have one (RunCadence before Cadence), else
 *   the laps' averages weighted by lap time; outside 60-300 steps/min it is left unknown.
 * - Date: the UTC date of the run's first time stamp (GPX: the metadata time if no point
 *   has one; TCX: the Activity's Id). A run with no time at all is an error.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc_internal.h"
#include "core/error_internal.h"
#include "ontology/xml_tree.h"
#include "profile/profile_internal.h"

void hp__quote(char *buf, size_t size, const char *s, size_t len);

#define EARTH_RADIUS_M 6371008.8
#define PAUSE_GAP_S 60.0
#define CLIMB_HYSTERESIS_M 2.0
#define MAX_ABS_ELEVATION_M 20000.0
#define MAX_STRIDES_PER_MIN 250.0
#define MAX_RUN_M 1000000.0
#define PI 3.14159265358979323846

static const char GPX_NS[] = "http://www.topografix.com/GPX/1/1";
static const char TCX_NS[] = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2";

typedef struct importer {
    hp_profile *p;
    const char *name;
    hp_error *err;
    size_t n_points, n_runs;
    double fallback_t; /* GPX metadata time */
    int has_fallback;
} importer;

/* What one run's points add up to. */
typedef struct track_acc {
    double m, moving_s, gain, first_t, cad_sum;
    size_t cad_n, n_points;
    int has_t, has_ref, has_prev_pos, has_prev_t;
    double ref_ele, plat, plon, pt;
} track_acc;

typedef struct point {
    int has_pos, has_ele, has_t;
    double lat, lon, ele, t, cad; /* cad: strides/min, 0 if none */
} point;

static hp_status fail_at(importer *im, const hp__xml_node *n, hp_status code, const char *fmt, ...)
    HP__PRINTF(4, 5);

static hp_status fail_at(importer *im, const hp__xml_node *n, hp_status code, const char *fmt,
                         ...) {
    char msg[HP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return hp__fail(im->err, code, im->name, n ? (int)n->line : 0, 0, "%s", msg);
}

static const hp__xml_node *child(const hp__xml_node *n, const char *name) {
    for (const hp__xml_node *c = n->children; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* The first element called name at most depth levels below n. */
static const hp__xml_node *descendant(const hp__xml_node *n, const char *name, int depth) {
    for (const hp__xml_node *c = n->children; c; c = c->next) {
        if (strcmp(c->name, name) == 0)
            return c;
        const hp__xml_node *d = depth > 1 ? descendant(c, name, depth - 1) : NULL;
        if (d)
            return d;
    }
    return NULL;
}

static const char *attr(const hp__xml_node *n, const char *name) {
    for (uint32_t i = 0; i < n->n_attrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0)
            return n->attrs[i].value;
    return NULL;
}

/* A whole string (spaces around allowed) as a finite number. */
static int parse_num(const char *s, double *out) {
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return 0;
    char *end;
    double v = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

static int digits(const char **s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++, (*s)++) {
        if (!isdigit((unsigned char)**s))
            return 0;
        v = v * 10 + (**s - '0');
    }
    *out = v;
    return 1;
}

/* An xsd:dateTime as seconds since 1970-01-01T00:00Z (no zone: taken as UTC). */
static int parse_time(const char *s, double *out) {
    int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) || *s++ != '-' ||
        !digits(&s, 2, &d) || *s++ != 'T' || !digits(&s, 2, &h) || *s++ != ':' ||
        !digits(&s, 2, &mi) || *s++ != ':' || !digits(&s, 2, &sec))
        return 0;
    double frac = 0, scale = 0.1;
    if (*s == '.') {
        if (!isdigit((unsigned char)*++s))
            return 0;
        for (; isdigit((unsigned char)*s); s++, scale /= 10)
            frac += (*s - '0') * scale;
    }
    if (*s == 'Z') {
        s++;
    } else if (*s == '+' || *s == '-') {
        sign = *s++ == '-' ? -1 : 1;
        if (!digits(&s, 2, &oh) || *s++ != ':' || !digits(&s, 2, &om) || oh > 14 || om > 59)
            return 0;
    }
    while (isspace((unsigned char)*s))
        s++;
    char date[48];
    int days;
    snprintf(date, sizeof date, "%04d-%02d-%02d", y, mo, d);
    if (*s || h > 23 || mi > 59 || sec > 60 || hp_date_parse(date, &days) != HP_OK)
        return 0;
    *out = days * 86400.0 + h * 3600.0 + mi * 60.0 + sec + frac - sign * (oh * 3600.0 + om * 60.0);
    return 1;
}

static double haversine_m(double lat1, double lon1, double lat2, double lon2) {
    double r = PI / 180, p1 = lat1 * r, p2 = lat2 * r;
    double sp = sin((p2 - p1) / 2), sl = sin((lon2 - lon1) * r / 2);
    double a = sp * sp + cos(p1) * cos(p2) * sl * sl;
    return 2 * EARTH_RADIUS_M * asin(sqrt(a < 1 ? a : 1));
}

static void acc_point(track_acc *a, const point *pt) {
    a->n_points++;
    if (pt->has_t && (!a->has_t || pt->t < a->first_t)) {
        a->first_t = pt->t;
        a->has_t = 1;
    }
    if (pt->has_pos) {
        if (a->has_prev_pos)
            a->m += haversine_m(a->plat, a->plon, pt->lat, pt->lon);
        a->plat = pt->lat, a->plon = pt->lon, a->has_prev_pos = 1;
    }
    if (pt->has_t) {
        double dt = pt->t - a->pt;
        if (a->has_prev_t && dt > 0 && dt <= PAUSE_GAP_S)
            a->moving_s += dt;
        a->pt = pt->t, a->has_prev_t = 1;
    }
    if (pt->has_ele) {
        if (!a->has_ref) {
            a->ref_ele = pt->ele, a->has_ref = 1;
        } else if (pt->ele - a->ref_ele >= CLIMB_HYSTERESIS_M) {
            a->gain += pt->ele - a->ref_ele;
            a->ref_ele = pt->ele;
        } else if (a->ref_ele - pt->ele >= CLIMB_HYSTERESIS_M) {
            a->ref_ele = pt->ele;
        }
    }
    if (pt->cad > 0) {
        a->cad_sum += pt->cad;
        a->cad_n++;
    }
}

/* The next point: counted against HP_MAX_RUN_POINTS. */
static hp_status count_point(importer *im, const hp__xml_node *n) {
    if (++im->n_points > HP_MAX_RUN_POINTS)
        return fail_at(im, n, HP_E_LIMIT, "more than %d track points in the file",
                       HP_MAX_RUN_POINTS);
    return HP_OK;
}

/* An optional number child of n within [lo, hi]; *out untouched when absent. */
static hp_status num_child(importer *im, const hp__xml_node *n, const char *name, double lo,
                           double hi, double *out, int *has) {
    const hp__xml_node *c = child(n, name);
    if (!c)
        return HP_OK;
    double v;
    if (!parse_num(c->text, &v) || v < lo || v > hi) {
        char q[80];
        hp__quote(q, sizeof q, c->text ? c->text : "", c->text ? strlen(c->text) : 0);
        return fail_at(im, c, HP_E_INVALID, "%s: %s is not a number from %g to %g", name, q, lo,
                       hi);
    }
    *out = v;
    if (has)
        *has = 1;
    return HP_OK;
}

static hp_status time_of(importer *im, const hp__xml_node *c, double *t) {
    if (parse_time(c->text, t))
        return HP_OK;
    char q[80];
    hp__quote(q, sizeof q, c->text ? c->text : "", c->text ? strlen(c->text) : 0);
    return fail_at(im, c, HP_E_INVALID, "%s: %s is not a date and time (YYYY-MM-DDThh:mm:ssZ)",
                   c->name, q);
}

static hp_status coordinate(importer *im, const hp__xml_node *n, const char *name, const char *text,
                            double lim, double *out) {
    if (!text)
        return fail_at(im, n, HP_E_SCHEMA, "%s: missing %s", n->name, name);
    if (parse_num(text, out) && *out >= -lim && *out <= lim)
        return HP_OK;
    char q[80];
    hp__quote(q, sizeof q, text, strlen(text));
    return fail_at(im, n, HP_E_INVALID, "%s: %s %s is not from %g to %g", n->name, name, q, -lim,
                   lim);
}

/* Add the run the points of a GPX trk or a TCX Activity make. */
static hp_status emit_run(importer *im, const hp__xml_node *at, const track_acc *a, double m,
                          double seconds) {
    double t = a->has_t ? a->first_t : im->fallback_t;
    if (!a->has_t && !im->has_fallback)
        return fail_at(im, at, HP_E_INVALID, "%s: no time stamp, so no date for the run", at->name);
    if (m > MAX_RUN_M)
        return fail_at(im, at, HP_E_INVALID, "%s: %g km is more than 1000 km", at->name, m / 1000);
    if (a->gain > 20000)
        return fail_at(im, at, HP_E_INVALID, "%s: elevation gain of %g m is over 20000 m", at->name,
                       a->gain);
    if (im->n_runs >= HP_MAX_RUN_ACTIVITIES)
        return fail_at(im, at, HP_E_LIMIT, "more than %d runs in the file", HP_MAX_RUN_ACTIVITIES);
    char date[16];
    if (hp_date_format((int)floor(t / 86400), date, sizeof date) != HP_OK)
        return fail_at(im, at, HP_E_INVALID, "%s: the date is out of range", at->name);
    hp_run_details d = {a->cad_n ? 2 * a->cad_sum / (double)a->cad_n : 0, a->gain};
    if (d.cadence_spm < 60 || d.cadence_spm > 300)
        d.cadence_spm = 0;
    hp_error inner;
    hp_error_clear(&inner);
    hp_status st = hp_profile_add_run_details(im->p, date, m / 1000, seconds / 60, 0, &d, &inner);
    if (st == HP_E_NOMEM)
        return hp__nomem(im->err);
    if (st != HP_OK)
        return fail_at(im, at, st, "%s: %s", at->name, inner.message);
    im->n_runs++;
    return HP_OK;
}

/* ---- GPX 1.1 ------------------------------------------------------------------------ */

static hp_status gpx_point(importer *im, const hp__xml_node *n, point *pt) {
    memset(pt, 0, sizeof *pt);
    hp_status st = count_point(im, n);
    if (st == HP_OK)
        st = coordinate(im, n, "lat", attr(n, "lat"), 90, &pt->lat);
    if (st == HP_OK)
        st = coordinate(im, n, "lon", attr(n, "lon"), 180, &pt->lon);
    pt->has_pos = 1;
    if (st == HP_OK)
        st = num_child(im, n, "ele", -MAX_ABS_ELEVATION_M, MAX_ABS_ELEVATION_M, &pt->ele,
                       &pt->has_ele);
    const hp__xml_node *c = child(n, "time");
    if (st == HP_OK && c) {
        st = time_of(im, c, &pt->t);
        pt->has_t = 1;
    }
    const hp__xml_node *ext = child(n, "extensions");
    const hp__xml_node *cad = ext ? descendant(ext, "cad", 3) : NULL;
    if (st == HP_OK && cad)
        st = num_child(im, cad->parent, "cad", 0, MAX_STRIDES_PER_MIN, &pt->cad, NULL);
    return st;
}

static hp_status gpx_track(importer *im, const hp__xml_node *trk) {
    track_acc a;
    memset(&a, 0, sizeof a);
    for (const hp__xml_node *seg = trk->children; seg; seg = seg->next) {
        if (strcmp(seg->name, "trkseg") != 0)
            continue;
        a.has_prev_pos = a.has_prev_t = 0; /* segments are not joined */
        for (const hp__xml_node *n = seg->children; n; n = n->next) {
            if (strcmp(n->name, "trkpt") != 0)
                continue;
            point pt;
            hp_status st = gpx_point(im, n, &pt);
            if (st != HP_OK)
                return st;
            acc_point(&a, &pt);
        }
    }
    if (!a.n_points) /* a track without points is no run */
        return HP_OK;
    return emit_run(im, trk, &a, a.m, a.moving_s);
}

static hp_status gpx_read(importer *im, const hp__xml_node *root) {
    if (!root->ns || strcmp(root->ns, GPX_NS) != 0)
        return fail_at(im, root, HP_E_SCHEMA, "gpx: the namespace is not GPX 1.1's (%s)", GPX_NS);
    const hp__xml_node *meta = child(root, "metadata");
    const hp__xml_node *mt = meta ? child(meta, "time") : NULL;
    if (mt) {
        hp_status st = time_of(im, mt, &im->fallback_t);
        if (st != HP_OK)
            return st;
        im->has_fallback = 1;
    }
    for (const hp__xml_node *trk = root->children; trk; trk = trk->next) {
        if (strcmp(trk->name, "trk") != 0)
            continue;
        hp_status st = gpx_track(im, trk);
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

/* ---- TCX ---------------------------------------------------------------------------- */

/* What the laps of an activity say. */
typedef struct laps {
    double m, s, cad_sum, cad_w, max_cum_m;
    int all_m, all_s, has_cum;
} laps;

static hp_status tcx_point(importer *im, const hp__xml_node *n, point *pt, laps *l) {
    memset(pt, 0, sizeof *pt);
    hp_status st = count_point(im, n);
    const hp__xml_node *c = child(n, "Time"), *pos = child(n, "Position");
    if (st == HP_OK && c) {
        st = time_of(im, c, &pt->t);
        pt->has_t = 1;
    }
    if (st == HP_OK && pos) {
        const hp__xml_node *la = child(pos, "LatitudeDegrees"),
                           *lo = child(pos, "LongitudeDegrees");
        st = coordinate(im, pos, "LatitudeDegrees", la ? la->text : NULL, 90, &pt->lat);
        if (st == HP_OK)
            st = coordinate(im, pos, "LongitudeDegrees", lo ? lo->text : NULL, 180, &pt->lon);
        pt->has_pos = 1;
    }
    if (st == HP_OK)
        st = num_child(im, n, "AltitudeMeters", -MAX_ABS_ELEVATION_M, MAX_ABS_ELEVATION_M, &pt->ele,
                       &pt->has_ele);
    double cum = 0;
    int has_cum = 0;
    if (st == HP_OK)
        st = num_child(im, n, "DistanceMeters", 0, MAX_RUN_M, &cum, &has_cum);
    if (has_cum && (!l->has_cum || cum > l->max_cum_m))
        l->max_cum_m = cum, l->has_cum = 1;
    if (st == HP_OK)
        st = num_child(im, n, "Cadence", 0, MAX_STRIDES_PER_MIN, &pt->cad, NULL);
    const hp__xml_node *ext = child(n, "Extensions");
    const hp__xml_node *rc = ext ? descendant(ext, "RunCadence", 2) : NULL;
    if (st == HP_OK && rc)
        st = num_child(im, rc->parent, "RunCadence", 0, MAX_STRIDES_PER_MIN, &pt->cad, NULL);
    return st;
}

static hp_status tcx_lap(importer *im, const hp__xml_node *lap, track_acc *a, laps *l) {
    double m = 0, s = 0, cad = 0;
    int has_m = 0, has_s = 0;
    hp_status st = num_child(im, lap, "DistanceMeters", 0, MAX_RUN_M, &m, &has_m);
    if (st == HP_OK)
        st = num_child(im, lap, "TotalTimeSeconds", 0, 1e7, &s, &has_s);
    if (st == HP_OK)
        st = num_child(im, lap, "Cadence", 0, MAX_STRIDES_PER_MIN, &cad, NULL);
    const hp__xml_node *ext = child(lap, "Extensions");
    const hp__xml_node *ac = ext ? descendant(ext, "AvgRunCadence", 2) : NULL;
    if (st == HP_OK && ac)
        st = num_child(im, ac->parent, "AvgRunCadence", 0, MAX_STRIDES_PER_MIN, &cad, NULL);
    l->m += m, l->s += s;
    l->all_m &= has_m, l->all_s &= has_s;
    if (cad > 0 && s > 0)
        l->cad_sum += cad * s, l->cad_w += s;
    /* Tracks (a new one after each pause) are joined: the pause rule finds the gaps. */
    for (const hp__xml_node *tr = lap->children; tr && st == HP_OK; tr = tr->next) {
        if (strcmp(tr->name, "Track") != 0)
            continue;
        for (const hp__xml_node *n = tr->children; n && st == HP_OK; n = n->next) {
            point pt;
            if (strcmp(n->name, "Trackpoint") == 0 && (st = tcx_point(im, n, &pt, l)) == HP_OK)
                acc_point(a, &pt);
        }
    }
    return st;
}

static hp_status tcx_activity(importer *im, const hp__xml_node *act) {
    const char *sport = attr(act, "Sport");
    if (!sport || strcmp(sport, "Running") != 0) /* Biking, Other: not runs */
        return HP_OK;
    track_acc a;
    memset(&a, 0, sizeof a);
    laps l = {0, 0, 0, 0, 0, 1, 1, 0};
    size_t n_laps = 0;
    hp_status st = HP_OK;
    const hp__xml_node *id = child(act, "Id");
    if (id && (st = time_of(im, id, &a.first_t)) == HP_OK)
        a.has_t = 1;
    for (const hp__xml_node *lap = act->children; lap && st == HP_OK; lap = lap->next)
        if (strcmp(lap->name, "Lap") == 0) {
            n_laps++;
            st = tcx_lap(im, lap, &a, &l);
        }
    if (st != HP_OK)
        return st;
    if (!n_laps)
        return fail_at(im, act, HP_E_SCHEMA, "Activity: no Lap");
    double m = l.all_m ? l.m : l.has_cum ? l.max_cum_m : a.m;
    double s = l.all_s ? l.s : a.moving_s;
    if (!a.cad_n && l.cad_w > 0) {
        a.cad_sum = l.cad_sum / l.cad_w;
        a.cad_n = 1;
    }
    return emit_run(im, act, &a, m, s);
}

static hp_status tcx_read(importer *im, const hp__xml_node *root) {
    if (!root->ns || strcmp(root->ns, TCX_NS) != 0)
        return fail_at(im, root, HP_E_SCHEMA,
                       "TrainingCenterDatabase: the namespace is not TCX v2's (%s)", TCX_NS);
    const hp__xml_node *acts = child(root, "Activities");
    for (const hp__xml_node *act = acts ? acts->children : NULL; act; act = act->next) {
        if (strcmp(act->name, "Activity") != 0)
            continue;
        hp_status st = tcx_activity(im, act);
        if (st != HP_OK)
            return st;
    }
    return HP_OK;
}

/* ---- Entry points ------------------------------------------------------------------- */

hp_status hp_profile_import_runs(hp_profile *profile, const char *data, size_t size,
                                 const char *name, size_t *n_added, hp_error *err) {
    if (n_added)
        *n_added = 0;
    if (!profile || (!data && size))
        return hp__error(err, HP_E_INVALID, "hp_profile_import_runs: NULL argument");
    if (size > HP_MAX_RUN_FILE_BYTES)
        return hp__fail(err, HP_E_LIMIT, name, 0, 0,
                        "the file is larger than the limit of %zu bytes", HP_MAX_RUN_FILE_BYTES);
    hp__xml_parsed x;
    hp__xml_problem pr;
    hp_status st =
        hp__xml_parse(&profile->onto->alloc, data ? data : "", size, HP__XML_TREE, &x, &pr);
    if (st == HP_E_NOMEM)
        return hp__nomem(err);
    if (st != HP_OK)
        return hp__fail(err, st, name, pr.line, pr.column, "%s", pr.message);
    importer im = {profile, name, err, 0, 0, 0, 0};
    size_t before = profile->n_runs;
    const hp__xml_node *root = x.root;
    if (strcmp(root->name, "gpx") == 0)
        st = gpx_read(&im, root);
    else if (strcmp(root->name, "TrainingCenterDatabase") == 0)
        st = tcx_read(&im, root);
    else
        st = fail_at(&im, root, HP_E_SCHEMA,
                     "the root element <%.64s> is neither <gpx> (GPX 1.1) nor "
                     "<TrainingCenterDatabase> (TCX)",
                     root->name);
    hp__xml_parsed_free(&x);
    if (st != HP_OK) {
        profile->n_runs = before; /* all or nothing */
        return st;
    }
    if (n_added)
        *n_added = im.n_runs;
    return HP_OK;
}

hp_status hp_profile_import_runs_file(hp_profile *profile, const char *path, size_t *n_added,
                                      hp_error *err) {
    if (n_added)
        *n_added = 0;
    if (!profile || !path)
        return hp__error(err, HP_E_INVALID, "hp_profile_import_runs_file: NULL argument");
    const hp_allocator *a = &profile->onto->alloc;
    FILE *f = fopen(path, "rb");
    if (!f)
        return hp__fail(err, HP_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    size_t len = 0, cap = 0;
    char *buf = NULL;
    hp_status st = HP_OK;
    for (;;) {
        if (!hp__grow(a, (void **)&buf, &cap, len + 65536, 1)) {
            st = hp__nomem(err);
            break;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len > HP_MAX_RUN_FILE_BYTES) {
            st = hp__fail(err, HP_E_LIMIT, path, 0, 0,
                          "the file is larger than the limit of %zu bytes", HP_MAX_RUN_FILE_BYTES);
            break;
        }
        if (got == 0) {
            if (ferror(f))
                st = hp__fail(err, HP_E_IO, path, 0, 0, "read error");
            break;
        }
    }
    fclose(f);
    if (st == HP_OK)
        st = hp_profile_import_runs(profile, buf, len, path, n_added, err);
    hp__free(a, buf);
    return st;
}
