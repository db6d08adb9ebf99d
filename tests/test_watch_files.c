/* Watch files (GPX 1.1, TCX) into the run log: distances against an independent
   reference, laps, pauses, miles devices, cadence, elevation, hostile files. */
#include <math.h>

#include "test_util.h"

#define PI 3.14159265358979323846

TestSuite(watch, .fini = hp_test_leak_check);

static hp_ontology *onto;
static hp_profile *prof;

static void setup(void) {
    cr_assert_eq(hp_ontology_load_default(&onto, NULL), HP_OK);
    cr_assert_eq(hp_profile_new(onto, &prof, NULL), HP_OK);
}
static void teardown(void) {
    hp_profile_free(prof);
    hp_ontology_free(onto);
}

/* The reference: the meridian arc on the WGS84 ellipsoid (not the library's sphere),
   integrated numerically (Simpson's rule). */
static double meridian_arc_m(double lat1, double lat2) {
    const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
    const int n = 2000;
    double h = (lat2 - lat1) * PI / 180 / n, sum = 0;
    for (int i = 0; i <= n; i++) {
        double phi = lat1 * PI / 180 + i * h, s = sin(phi);
        double m = a * (1 - e2) / pow(1 - e2 * s * s, 1.5);
        sum += m * (i == 0 || i == n ? 1 : i % 2 ? 4 : 2);
    }
    return sum * h / 3;
}

static char buf[1 << 20];

/* A GPX track due north from lat0 in `n` points 1e-4 degrees apart, 5 s apart. */
static size_t gpx_track(size_t o, double lat0, int n, int day, int with_ele, int with_gap) {
    o += (size_t)snprintf(buf + o, sizeof buf - o, "<trk><name>r</name><trkseg>\n");
    for (int i = 0; i < n; i++) {
        int t = i * 5 + (with_gap && i >= n / 2 ? 600 : 0);
        if (with_gap && i == n / 2)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "</trkseg><trkseg>\n");
        o += (size_t)snprintf(buf + o, sizeof buf - o, "<trkpt lat=\"%.7f\" lon=\"8.5417\">",
                              lat0 + i * 1e-4);
        if (with_ele)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "<ele>%.1f</ele>",
                                  400 + (i % 2 ? 0.5 : 0) + i * 0.2);
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              "<time>2024-03-%02dT07:%02d:%02dZ</time><extensions>"
                              "<gpxtpx:TrackPointExtension><gpxtpx:cad>85</gpxtpx:cad>"
                              "</gpxtpx:TrackPointExtension></extensions></trkpt>\n",
                              day, t / 60 % 60, t % 60);
    }
    return o + (size_t)snprintf(buf + o, sizeof buf - o, "</trkseg></trk>\n");
}

Test(watch, gpx_distance_within_1_percent_of_the_ellipsoid, .init = setup, .fini = teardown) {
    size_t o = (size_t)snprintf(
        buf, sizeof buf,
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"Garmin Connect\" "
        "xmlns=\"http://www.topografix.com/GPX/1/1\" "
        "xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n");
    o = gpx_track(o, 47.3769, 700, 10, 1, 0);
    o = gpx_track(o, 10.0, 500, 12, 0, 1); /* no elevation; a pause between segments */
    o += (size_t)snprintf(buf + o, sizeof buf - o, "</gpx>\n");
    size_t n = 0;
    hp_error e = {0};
    cr_assert_eq(hp_profile_import_runs(prof, buf, o, "t.gpx", &n, &e), HP_OK, "%s", e.message);
    cr_assert_eq(n, 2);
    hp_run r;
    hp_run_details d;
    cr_assert_eq(hp_profile_run(prof, 0, &r), HP_OK);
    cr_assert_eq(hp_profile_run_details(prof, 0, &d), HP_OK);
    double ref = meridian_arc_m(47.3769, 47.3769 + 699e-4) / 1000;
    cr_assert(fabs(r.km - ref) / ref < 0.01, "%g km, reference %g km", r.km, ref);
    cr_assert_float_eq(r.minutes, 699 * 5 / 60.0, 1e-9);
    cr_assert_float_eq(d.cadence_spm, 170, 1e-9); /* 85 strides/min */
    /* 0.2 m a point with 0.5 m of noise: 699 * 0.2 = 139.8 m, less the hysteresis' last 2 m */
    cr_assert(d.elevation_gain_m > 137 && d.elevation_gain_m <= 140.3, "%g", d.elevation_gain_m);
    char date[16];
    hp_date_format(r.date, date, sizeof date);
    cr_assert_str_eq(date, "2024-03-10");
    cr_assert_eq(hp_profile_run(prof, 1, &r), HP_OK);
    cr_assert_eq(hp_profile_run_details(prof, 1, &d), HP_OK);
    /* two segments: the gap between them is neither distance nor time */
    ref = (meridian_arc_m(10.0, 10.0 + 249e-4) + meridian_arc_m(10.025, 10.025 + 249e-4)) / 1000;
    cr_assert(fabs(r.km - ref) / ref < 0.01, "%g km, reference %g km", r.km, ref);
    cr_assert_float_eq(r.minutes, 498 * 5 / 60.0, 1e-9);
    cr_assert_float_eq(d.elevation_gain_m, 0, 0);
}

/* A TCX activity of `laps` laps of `lap_m` metres; positions only when no_dist. */
static size_t tcx(const char *sport, int laps, double lap_m, int no_dist) {
    size_t o = (size_t)snprintf(
        buf, sizeof buf,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase "
        "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" "
        "xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">\n<Activities>\n"
        "<Activity Sport=\"Biking\"><Id>2024-03-09T07:00:00Z</Id><Lap StartTime=\"x\">"
        "<TotalTimeSeconds>60</TotalTimeSeconds><DistanceMeters>900</DistanceMeters></Lap>"
        "</Activity>\n<Activity Sport=\"%s\"><Id>2024-03-10T23:30:00+01:00</Id>\n",
        sport);
    double lat = 47.0;
    for (int l = 0; l < laps; l++) {
        o += (size_t)snprintf(buf + o, sizeof buf - o, "<Lap StartTime=\"2024-03-10T22:30:00Z\">");
        if (!no_dist)
            o += (size_t)snprintf(buf + o, sizeof buf - o,
                                  "<TotalTimeSeconds>480.0</TotalTimeSeconds><DistanceMeters>"
                                  "%.3f</DistanceMeters><Cadence>88</Cadence>",
                                  lap_m);
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              "<Track><Trackpoint><Time>2024-03-10T22:%02d:00Z</Time><Position>"
                              "<LatitudeDegrees>%.6f</LatitudeDegrees><LongitudeDegrees>8"
                              "</LongitudeDegrees></Position></Trackpoint><Trackpoint><Time>"
                              "2024-03-10T22:%02d:50Z</Time><Position><LatitudeDegrees>%.6f"
                              "</LatitudeDegrees><LongitudeDegrees>8</LongitudeDegrees>"
                              "</Position></Trackpoint></Track>",
                              l, lat, l, lat + 0.001);
        lat += 0.001;
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              "<Extensions><ns3:LX><ns3:AvgRunCadence>86</ns3:AvgRunCadence>"
                              "</ns3:LX></Extensions></Lap>\n");
    }
    return o + (size_t)snprintf(buf + o, sizeof buf - o,
                                "</Activity></Activities></TrainingCenterDatabase>\n");
}

Test(watch, tcx_miles_device_laps, .init = setup, .fini = teardown) {
    size_t o = tcx("Running", 5, 1609.344, 0), n = 0;
    hp_error e = {0};
    cr_assert_eq(hp_profile_import_runs(prof, buf, o, "m.tcx", &n, &e), HP_OK, "%s", e.message);
    cr_assert_eq(n, 1, "the Biking activity is not a run");
    hp_run r;
    hp_run_details d;
    hp_profile_run(prof, 0, &r);
    hp_profile_run_details(prof, 0, &d);
    cr_assert_float_eq(r.km, 5 * 1.609344, 1e-9); /* 5 miles */
    cr_assert_float_eq(r.minutes, 40, 1e-9);
    cr_assert_float_eq(d.cadence_spm, 172, 1e-9); /* lap AvgRunCadence 86 x 2 */
    char date[16];
    hp_date_format(r.date, date, sizeof date);
    cr_assert_str_eq(date, "2024-03-10"); /* 23:30+01:00 is 22:30 UTC */
}

Test(watch, tcx_distance_from_positions, .init = setup, .fini = teardown) {
    size_t o = tcx("Running", 8, 0, 1), n = 0;
    hp_error e = {0};
    cr_assert_eq(hp_profile_import_runs(prof, buf, o, "p.tcx", &n, &e), HP_OK, "%s", e.message);
    hp_run r;
    hp_profile_run(prof, 0, &r);
    double ref = meridian_arc_m(47.0, 47.008) / 1000;
    cr_assert(fabs(r.km - ref) / ref < 0.01, "%g km, reference %g km", r.km, ref);
}

Test(watch, run_details_round_trip_json_and_feed_the_cadence, .init = setup, .fini = teardown) {
    hp_run_details d = {168, 120};
    cr_assert_eq(hp_profile_add_run_details(prof, "2024-03-10", 8, 45, 0, &d, NULL), HP_OK);
    char *json = NULL;
    cr_assert_eq(hp_profile_to_json(prof, &json, NULL), HP_OK);
    cr_assert(strstr(json, "\"cadence_spm\":168") || strstr(json, "\"cadence_spm\": 168"), "%s",
              json);
    hp_profile *q = NULL;
    hp_error e = {0};
    cr_assert_eq(hp_profile_from_json(onto, json, strlen(json), "j", &q, &e), HP_OK, "%s",
                 e.message);
    hp_run_details back;
    cr_assert_eq(hp_profile_run_details(q, 0, &back), HP_OK);
    cr_assert_float_eq(back.cadence_spm, 168, 0);
    cr_assert_float_eq(back.elevation_gain_m, 120, 0);
    hp_profile_free(q);
    hp_string_free(json);
    hp_run_details bad = {20, 0};
    cr_assert_eq(hp_profile_add_run_details(prof, "2024-03-10", 8, 45, 0, &bad, NULL),
                 HP_E_INVALID);
}

/* The figures each device-style file must give, from tests/data/runs/reference.py (an
   independent computation: Python's XML parser, Vincenty distances on the WGS84 ellipsoid,
   the README's rules written out again; `cd tests/data/runs && python3 reference.py`).
   GPX distances are the ellipsoid's, so they are held to 1%; TCX ones are the laps' sums. */
static const struct device_run {
    const char *file, *date;
    double km, km_tol, minutes, cadence_spm, elevation_gain_m;
} device_runs[] = {
    {"runs/garmin_gpxtpx.gpx", "2024-03-10", 3.599471, 0.01, 20.0, 164.677686, 40.0},
    {"runs/garmin_laps_pause.tcx", "2024-03-10", 2.0, 1e-9, 11.25, 170.014599, 32.0},
    {"runs/miles_device.tcx", "2024-03-10", 4.828032, 1e-6, 26.82, 160.0, 0.0},
    {"runs/no_elevation.gpx", "2024-03-10", 1.499773, 0.01, 8.333333, 0.0, 0.0},
    {"runs/several_activities.tcx", "2024-03-10", 1.8, 1e-9, 10.0, 170.0, 0.0},
    {"runs/several_activities.tcx", "2024-03-11", 0.9, 1e-9, 5.0, 176.0, 0.0},
    {"runs/several_tracks.gpx", "2024-03-10", 1.499773, 0.01, 8.333333, 170.0, 0.0},
    {"runs/several_tracks.gpx", "2024-03-12", 0.749886, 0.01, 4.166667, 174.0, 0.0},
};

Test(watch, device_file_figures, .init = setup, .fini = teardown) {
    const size_t n_runs = sizeof device_runs / sizeof *device_runs;
    for (size_t i = 0; i < n_runs;) {
        const char *file = device_runs[i].file;
        size_t expected = 0;
        while (i + expected < n_runs && strcmp(device_runs[i + expected].file, file) == 0)
            expected++;
        char path[512];
        size_t n = 0, first = hp_profile_run_count(prof);
        hp_error e = {0};
        cr_assert_eq(
            hp_profile_import_runs_file(prof, hp_test_path(path, sizeof path, file), &n, &e), HP_OK,
            "%s: %s", file, e.message);
        cr_assert_eq(n, expected, "%s: %zu runs, %zu expected", file, n, expected);
        for (size_t k = 0; k < n; k++, i++) {
            const struct device_run *x = &device_runs[i];
            hp_run r;
            hp_run_details d;
            char date[16];
            cr_assert_eq(hp_profile_run(prof, first + k, &r), HP_OK);
            cr_assert_eq(hp_profile_run_details(prof, first + k, &d), HP_OK);
            hp_date_format(r.date, date, sizeof date);
            cr_assert_str_eq(date, x->date, "%s run %zu", file, k);
            cr_assert(fabs(r.km - x->km) <= x->km_tol * x->km,
                      "%s run %zu: %.6f km, reference %.6f", file, k, r.km, x->km);
            cr_assert(fabs(r.minutes - x->minutes) < 1e-5, "%s run %zu: %.6f min, reference %.6f",
                      file, k, r.minutes, x->minutes);
            cr_assert(fabs(d.cadence_spm - x->cadence_spm) < 1e-5,
                      "%s run %zu: cadence %.6f, "
                      "reference %.6f",
                      file, k, d.cadence_spm, x->cadence_spm);
            cr_assert(fabs(d.elevation_gain_m - x->elevation_gain_m) < 1e-9,
                      "%s run %zu: gain %.3f m, reference %.3f", file, k, d.elevation_gain_m,
                      x->elevation_gain_m);
        }
    }
    cr_assert_eq(hp_profile_run_count(prof), n_runs);
}

Test(watch, hostile_files_fail_with_a_line, .init = setup, .fini = teardown) {
    static const char *const files[] = {
        "runs/bad_dtd.gpx",         "runs/bad_entity.gpx",
        "runs/bad_huge_number.gpx", "runs/bad_lat_range.gpx",
        "runs/bad_nan.gpx",         "runs/bad_no_time.gpx",
        "runs/bad_time.gpx",        "runs/bad_truncated.tcx",
        "runs/bad_wrong_root.kml",  "runs/bad_negative_distance.tcx",
        "runs/bad_cadence.tcx"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        size_t n = 7;
        hp_error e = {0};
        hp_status st =
            hp_profile_import_runs_file(prof, hp_test_path(path, sizeof path, files[i]), &n, &e);
        cr_assert_neq(st, HP_OK, "%s was accepted", files[i]);
        cr_assert_gt(e.line, 0, "%s: no line in \"%s\"", files[i], e.message);
        cr_assert_neq(strstr(e.file, "runs/bad_"), NULL, "%s", e.file);
        cr_assert_eq(n, 0);
        cr_assert_eq(hp_profile_run_count(prof), 0, "%s added runs", files[i]);
    }
    cr_assert_eq(hp_profile_import_runs(prof, "", 0, "empty", NULL, NULL), HP_E_PARSE);
}

Test(watch, run_log_cadence_when_the_runner_gives_none, .init = setup, .fini = teardown) {
    hp_run_details a = {160, 0}, b = {172, 0}, old = {120, 0};
    hp_profile_add_run_details(prof, "2024-01-01", 10, 60, 0, &old, NULL); /* > 28 days back */
    hp_profile_add_run_details(prof, "2024-03-01", 10, 60, 0, &a, NULL);
    hp_profile_add_run_details(prof, "2024-03-10", 5, 30, 0, &b, NULL);
    hp_assessment *as = NULL;
    double v = 0;
    cr_assert_eq(hp_assess(prof, &as, NULL), HP_OK);
    cr_assert_eq(hp_assessment_metric(as, HP_METRIC_CADENCE_SPM, &v), HP_OK);
    cr_assert_float_eq(v, (160 * 10 + 172 * 5) / 15.0, 1e-9); /* distance-weighted */
    hp_assessment_free(as);
    cr_assert_eq(hp_profile_set_runner(prof, HP_RUNNER_CADENCE_SPM, 175, NULL), HP_OK);
    cr_assert_eq(hp_assess(prof, &as, NULL), HP_OK);
    cr_assert_eq(hp_assessment_metric(as, HP_METRIC_CADENCE_SPM, &v), HP_OK);
    cr_assert_float_eq(v, 175, 0); /* the runner's own figure wins */
    hp_assessment_free(as);
}
