#!/usr/bin/python3
"""Writes the device-style watch files of tests/data/runs (run once; the files are committed).

Tracks head due north from Zurich at 3 m/s, one point every 5 s (Garmin "smart recording"
spacing); laps and pauses as a Forerunner writes them. tests/test_watch_files.c imports
them (device_files, hostile_files_fail_with_a_line)."""
import math

LAT0, LON0 = 47.3769, 8.5417
M_PER_DEG = 111195.0  # metres per degree of latitude near 47 N, close enough for the files


def iso(t):
    h, m, s = t // 3600, t // 60 % 60, t % 60
    return "2024-03-%02dT%02d:%02d:%02dZ" % (10 + h // 24, 7 + h % 24, m, s)


def tcx_track(points):
    out = ["          <Track>"]
    for t, lat, ele, dist, cad in points:
        out.append("""            <Trackpoint>
              <Time>%s</Time>
              <Position>
                <LatitudeDegrees>%.7f</LatitudeDegrees>
                <LongitudeDegrees>%.7f</LongitudeDegrees>
              </Position>
              <AltitudeMeters>%.1f</AltitudeMeters>
              <DistanceMeters>%.1f</DistanceMeters>
              <HeartRateBpm>
                <Value>142</Value>
              </HeartRateBpm>
              <Extensions>
                <ns3:TPX>
                  <ns3:Speed>3.0</ns3:Speed>
                  <ns3:RunCadence>%d</ns3:RunCadence>
                </ns3:TPX>
              </Extensions>
            </Trackpoint>""" % (iso(t), lat, LON0, ele, dist, cad))
    out.append("          </Track>")
    return "\n".join(out)


def tcx_lap(start, secs, metres, cad, tracks):
    return """      <Lap StartTime="%s">
        <TotalTimeSeconds>%.1f</TotalTimeSeconds>
        <DistanceMeters>%.3f</DistanceMeters>
        <Calories>60</Calories>
        <Intensity>Active</Intensity>
        <TriggerMethod>Distance</TriggerMethod>
%s
        <Extensions>
          <ns3:LX>
            <ns3:AvgSpeed>3.0</ns3:AvgSpeed>
            <ns3:AvgRunCadence>%d</ns3:AvgRunCadence>
          </ns3:LX>
        </Extensions>
      </Lap>""" % (iso(start), secs, metres, "\n".join(tracks), cad)


def tcx(activities):
    return """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd" xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2" xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns4="http://www.garmin.com/xmlschemas/ProfileExtension/v1">
  <Activities>
%s
  </Activities>
  <Author xsi:type="Application_t">
    <Name>Connect Api</Name>
  </Author>
</TrainingCenterDatabase>
""" % "\n".join(activities)


def activity(sport, start, laps):
    return """    <Activity Sport="%s">
      <Id>%s</Id>
%s
      <Creator xsi:type="Device_t">
        <Name>Forerunner 255</Name>
        <UnitId>3412345678</UnitId>
        <ProductID>3992</ProductID>
      </Creator>
    </Activity>""" % (sport, iso(start), "\n".join(laps))


def points(t0, d0, n, cad, step=5, ele0=400.0, climb=0.0):
    """n points from time t0 and distance d0 (metres), 3 m/s."""
    return [(t0 + i * step, LAT0 + (d0 + 3.0 * i * step) / M_PER_DEG, ele0 + climb * i,
             d0 + 3.0 * i * step, cad) for i in range(n)]


def laps_and_pause():
    # lap 1: 1000 m in 335 s; lap 2: 1000 m, paused 120 s after 150 m (a second Track)
    l1 = points(0, 0, 68, 84, climb=0.5)            # 0..335 s, climbs 33.5 m
    l2a = points(340, 1020, 31, 86)                 # 340..490 s
    l2b = points(610, 1170, 38, 86)                 # 610..795 s after a 120 s pause
    laps = [tcx_lap(0, 340.0, 1000.0, 85, [tcx_track(l1)]),
            tcx_lap(340, 335.0, 1000.0, 86, [tcx_track(l2a), tcx_track(l2b)])]
    return tcx([activity("Running", 0, laps)])


def miles():
    laps, t, d = [], 0, 0.0
    for k in range(3):
        n = 108  # 1609.344 m at 3 m/s is 536 s
        laps.append(tcx_lap(t, 536.4, 1609.344, 80, [tcx_track(points(t, d, n, 80))]))
        t += 540
        d += 1609.344
    return tcx([activity("Running", 0, laps)])


def several():
    run1 = activity("Running", 0, [tcx_lap(0, 600.0, 1800.0, 85, [tcx_track(points(0, 0, 121, 85))])])
    bike = activity("Biking", 7200, [tcx_lap(7200, 600.0, 5000.0, 90, [tcx_track(points(7200, 0, 121, 90))])])
    run2 = activity("Running", 86400, [tcx_lap(86400, 300.0, 900.0, 88, [tcx_track(points(86400, 0, 61, 88))])])
    return tcx([run1, bike, run2])


def gpx(tracks, ele=True, ext=True):
    head = """<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>2024-03-10T07:00:00.000Z</time>
  </metadata>
"""
    body = []
    for name, segs in tracks:
        body.append("  <trk>\n    <name>%s</name>\n    <type>running</type>" % name)
        for seg in segs:
            body.append("    <trkseg>")
            for t, lat, e, _d, cad in seg:
                s = '      <trkpt lat="%.7f" lon="%.7f">\n' % (lat, LON0)
                if ele:
                    s += "        <ele>%.1f</ele>\n" % e
                s += "        <time>%s</time>\n" % iso(t).replace("Z", ".000Z")
                if ext:
                    s += ("        <extensions>\n          <ns3:TrackPointExtension>\n"
                          "            <ns3:hr>150</ns3:hr>\n            <ns3:cad>%d</ns3:cad>\n"
                          "          </ns3:TrackPointExtension>\n        </extensions>\n" % cad)
                s += "      </trkpt>"
                body.append(s)
            body.append("    </trkseg>")
        body.append("  </trk>")
    return head + "\n".join(body) + "\n</gpx>\n"


def write(name, text):
    with open(name, "w") as f:
        f.write(text)


write("garmin_laps_pause.tcx", laps_and_pause())
write("miles_device.tcx", miles())
write("several_activities.tcx", several())
# 3000 m (201 points, 1000 s) with a 2 m climb every 10 points, then a pause and 600 m in a second segment
write("garmin_gpxtpx.gpx", gpx([("Morning Run", [points(0, 0, 201, 82, climb=0.2), points(1200, 3000, 41, 84)])]))
write("no_elevation.gpx", gpx([("Run", [points(0, 0, 101, 0)])], ele=False, ext=False))
write("several_tracks.gpx", gpx([("Run 1", [points(0, 0, 101, 85)]), ("Run 2", [points(86400 * 2, 0, 51, 87)])]))
