#!/usr/bin/python3
"""Independent reference figures of the device-style watch files (tests/test_watch_files.c,
device_file_figures). Not the library's code: the standard library's XML parser, distances
on the WGS84 ellipsoid (Vincenty's inverse formula, not the library's sphere), and the
README's rules ("Watch files") written out again:

- distance: GPX from the positions, joined within a trkseg; TCX the laps' DistanceMeters;
- minutes: GPX the time between consecutive points of a track except gaps over 60 s; TCX
  the laps' TotalTimeSeconds;
- elevation gain: climbs counted once they reach 2 m over the last reference point (a drop
  of 2 m moves the reference down);
- cadence: twice the mean of the points' strides per minute;
- date: the UTC date of the first time stamp; TCX activities other than Running skipped.

Run from this folder: /usr/bin/python3 reference.py (prints one line a run)."""
import datetime
import math
import xml.etree.ElementTree as ET

GPX = "{http://www.topografix.com/GPX/1/1}"
TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
TPX1 = "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}"
AX2 = "{http://www.garmin.com/xmlschemas/ActivityExtension/v2}"


def vincenty_m(lat1, lon1, lat2, lon2):
    """Geodesic distance on WGS84 (Vincenty 1975, inverse)."""
    a, f = 6378137.0, 1 / 298.257223563
    b = (1 - f) * a
    L = math.radians(lon2 - lon1)
    U1, U2 = math.atan((1 - f) * math.tan(math.radians(lat1))), math.atan((1 - f) * math.tan(math.radians(lat2)))
    sU1, cU1, sU2, cU2 = math.sin(U1), math.cos(U1), math.sin(U2), math.cos(U2)
    lam = L
    for _ in range(200):
        sl, cl = math.sin(lam), math.cos(lam)
        ss = math.hypot(cU2 * sl, cU1 * sU2 - sU1 * cU2 * cl)
        if ss == 0:
            return 0.0
        cs = sU1 * sU2 + cU1 * cU2 * cl
        sig = math.atan2(ss, cs)
        sa = cU1 * cU2 * sl / ss
        c2a = 1 - sa * sa
        c2sm = cs - 2 * sU1 * sU2 / c2a if c2a else 0.0
        C = f / 16 * c2a * (4 + f * (4 - 3 * c2a))
        prev = lam
        lam = L + (1 - C) * f * sa * (sig + C * ss * (c2sm + C * cs * (-1 + 2 * c2sm * c2sm)))
        if abs(lam - prev) < 1e-13:
            break
    u2 = c2a * (a * a - b * b) / (b * b)
    A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
    B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
    ds = B * ss * (c2sm + B / 4 * (cs * (-1 + 2 * c2sm * c2sm) - B / 6 * c2sm * (-3 + 4 * ss * ss) * (-3 + 4 * c2sm * c2sm)))
    return b * A * (sig - ds)


def when(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)


def gain(eles):
    total, ref = 0.0, None
    for e in eles:
        if ref is None:
            ref = e
        elif e - ref >= 2.0:
            total, ref = total + e - ref, e
        elif ref - e >= 2.0:
            ref = e
    return total


def moving_s(times):
    return sum(dt for dt in ((b - a).total_seconds() for a, b in zip(times, times[1:])) if 0 < dt <= 60)


def gpx_runs(path):
    for trk in ET.parse(path).getroot().iter(GPX + "trk"):
        pts = [p for seg in trk.iter(GPX + "trkseg") for p in seg.iter(GPX + "trkpt")]
        m = 0.0
        for seg in trk.iter(GPX + "trkseg"):
            sp = list(seg.iter(GPX + "trkpt"))
            m += sum(vincenty_m(float(p.get("lat")), float(p.get("lon")), float(q.get("lat")), float(q.get("lon")))
                     for p, q in zip(sp, sp[1:]))
        times = [when(p.find(GPX + "time").text) for p in pts]
        cads = [2 * float(c.text) for c in trk.iter(TPX1 + "cad")]
        eles = [float(e.text) for e in trk.iter(GPX + "ele")]
        yield times[0].date(), m / 1000, moving_s(times) / 60, sum(cads) / len(cads) if cads else 0, gain(eles)


def tcx_runs(path):
    for act in ET.parse(path).getroot().iter(TCX + "Activity"):
        if act.get("Sport") != "Running":
            continue
        laps = list(act.iter(TCX + "Lap"))
        m = sum(float(l.find(TCX + "DistanceMeters").text) for l in laps)
        s = sum(float(l.find(TCX + "TotalTimeSeconds").text) for l in laps)
        pts = list(act.iter(TCX + "Trackpoint"))
        cads = [2 * float(c.text) for c in act.iter(AX2 + "RunCadence")]
        eles = [float(p.find(TCX + "AltitudeMeters").text) for p in pts]
        yield when(pts[0].find(TCX + "Time").text).date(), m / 1000, s / 60, sum(cads) / len(cads), gain(eles)


if __name__ == "__main__":
    for name in ("garmin_gpxtpx.gpx", "garmin_laps_pause.tcx", "miles_device.tcx", "no_elevation.gpx",
                 "several_activities.tcx", "several_tracks.gpx"):
        for run in (gpx_runs if name.endswith(".gpx") else tcx_runs)(name):
            print("%-24s %s %.6f km %.6f min cadence %.6f gain %.1f m" % ((name,) + run))
