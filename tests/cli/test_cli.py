"""Tests of the hippain command: every subcommand, exit statuses, bad input, colour,
and the interview driven through standard input and a pseudo-terminal.

Usage: test_cli.py PATH_TO_HIPPAIN TESTS_DATA_DIR
"""
import datetime
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import unittest

HIPPAIN = None
DATA = None
EXAMPLES = None
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args, stdin=None, env=None):
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    return subprocess.run([HIPPAIN, *args], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=60)


def profile(name):
    return os.path.join(DATA, "profiles", name)


class Assess(unittest.TestCase):
    def assess_json(self, name):
        r = run("assess", "--json", profile(name))
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_json_structure_and_values(self):
        out = self.assess_json("lateral_hip.json")
        self.assertIn(out["triage"]["level"], ("self_care", "see_clinician", "urgent"))
        self.assertIsInstance(out["triage"]["reasons"], list)
        causes = out["causes"]
        self.assertGreaterEqual(len(causes), 20)
        probs = [c["probability"] for c in causes]
        self.assertEqual(probs, sorted(probs, reverse=True))
        self.assertAlmostEqual(sum(probs), 1.0, places=9)
        self.assertEqual(causes[0]["id"], "gluteal_tendinopathy")
        ev = causes[0]["evidence"]
        self.assertTrue(ev and {"finding", "weight", "answer", "sources"} <= set(ev[0]))
        self.assertTrue(any(r["finding"] == "low_cadence" for r in out["risks"]))
        self.assertIn("cadence_spm", out["metrics"])

    def test_triage_levels_of_example_profiles(self):
        self.assertEqual(self.assess_json("hot_hip.json")["triage"]["level"], "urgent")
        hot = self.assess_json("hot_hip.json")["triage"]["reasons"]
        self.assertTrue(any(r.get("finding") == "fever_or_chills" for r in hot))
        self.assertNotEqual(self.assess_json("groin_stress.json")["triage"]["level"], "self_care")

    def test_stdin_and_language(self):
        text = open(profile("hot_hip.json")).read()
        r = run("assess", "--json", "--lang", "de", "-", stdin=text)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        en = self.assess_json("hot_hip.json")
        self.assertEqual(out["causes"][0]["id"], en["causes"][0]["id"])
        self.assertNotEqual(out["causes"][0]["name"], en["causes"][0]["name"])

    def test_human_output_fits_80_columns_without_colour_off_a_terminal(self):
        r = run("assess", profile("lateral_hip.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Triage:", r.stdout)
        self.assertIn("Likely causes:", r.stdout)
        self.assertNotIn("\x1b[", r.stdout)
        for line in r.stdout.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "out.json")
            r = run("assess", "--json", "-o", path, profile("lateral_hip.json"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, "")
            self.assertIn("causes", json.load(open(path)))


class WatchFiles(unittest.TestCase):
    def test_runs_give_the_metrics(self):
        runs = os.path.join(DATA, "runs")
        r = run("assess", "--json", "--runs", os.path.join(runs, "garmin_laps_pause.tcx"),
                "--runs", os.path.join(runs, "garmin_gpxtpx.gpx"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("cadence_spm", json.loads(r.stdout)["metrics"])
        r = run("plan", "--runs", os.path.join(runs, "miles_device.tcx"),
                profile("lateral_hip.json"))
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_bad_watch_file_names_file_and_line(self):
        r = run("assess", "--runs", os.path.join(DATA, "runs", "bad_lat_range.gpx"))
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"bad_lat_range\.gpx:\d+: ")



class Checkins(unittest.TestCase):
    """The 8-week loop of the README: each week one more check-in, the same command."""

    def test_eight_week_loop_from_files(self):
        with open(os.path.join(EXAMPLES, "checkins", "eight_weeks.json")) as f:
            weeks = json.load(f)["checkins"]
        self.assertEqual(len(weeks), 8)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "checkins.json")
            for k in range(1, 9):
                with open(path, "w") as f:
                    json.dump({"checkins": weeks[:k]}, f)
                r = run("plan", "--start", "2026-01-05", "--weeks", "12", "--format", "json",
                        "--checkins", path, os.path.join(EXAMPLES, "profiles", "lateral_hip.json"))
                self.assertEqual(r.returncode, 0, r.stderr)
                out = json.loads(r.stdout)
                self.assertEqual(len(out["decisions"]), k)
                self.assertEqual(len(out["weeks"]), len(out["plan"]["weeks"]))
                # the revised plan starts after the last checked-in week
                start = datetime.date(2026, 1, 5) + datetime.timedelta(days=7 * k)
                self.assertEqual(out["plan"]["start_date"], start.isoformat())
                for d in out["decisions"]:
                    self.assertTrue(d["reason"] and d["sources"], d)
            r = run("plan", "--start", "2026-01-05", "--checkins", path,
                    os.path.join(EXAMPLES, "profiles", "lateral_hip.json"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("# What changed and why", r.stdout)
            r = run("plan", "--format", "ics", "--checkins", path,
                    os.path.join(EXAMPLES, "profiles", "lateral_hip.json"))
            self.assertIn("Revised: week", r.stdout.replace("\r\n ", ""))

    def test_bad_checkins_name_the_key(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "c.json")
            with open(path, "w") as f:
                f.write('{"checkins":[{"week":1,"pain":{"next_morning":11}}]}')
            r = run("plan", "--checkins", path, profile("lateral_hip.json"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("checkins[0].pain.next_morning", r.stderr)
            r = run("plan", "--checkins", os.path.join(tmp, "missing.json"),
                    profile("lateral_hip.json"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("missing.json", r.stderr)
            r = run("assess", "--checkins", path, profile("lateral_hip.json"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("plan command", r.stderr)

class BadInput(unittest.TestCase):
    def expect(self, code, *args, stdin=None, words=None):
        r = run(*args, stdin=stdin)
        self.assertEqual(r.returncode, code, (args, r.stdout, r.stderr))
        self.assertTrue(r.stderr.startswith("hippain: ") or code == 0, r.stderr)
        if words:
            self.assertIn(words, r.stderr)
        return r

    def test_bad_profiles(self):
        self.expect(2, "assess", "-", stdin="{", words="<stdin>")
        self.expect(2, "assess", "-", stdin='{"findings":{"nope":true}}', words="findings.nope")
        self.expect(2, "assess", "-", stdin='{"runner":{"weekly_km":-3}}',
                    words="runner.weekly_km")
        self.expect(2, "assess", "-", stdin='{"runner":{"runs":[{"date":"2026-02-30","km":3}]}}',
                    words="runner.runs[0].date")
        self.expect(2, "assess", "-", stdin='{"findings":{"pain_groin":"yes"}}',
                    words="findings.pain_groin")
        self.expect(2, "assess", "/nonexistent/profile.json", words="/nonexistent/profile.json")
        self.expect(2, "assess", "a.json", "b.json")

    def test_usage_errors(self):
        self.expect(2)
        self.expect(2, "frobnicate", words="unknown command")
        self.expect(2, "plan", "--weeks", "0", profile("lateral_hip.json"), words="--weeks")
        self.expect(2, "plan", "--weeks", "x", profile("lateral_hip.json"), words="--weeks")
        self.expect(2, "plan", "--format", "pdf", profile("lateral_hip.json"), words="--format")
        self.expect(2, "plan", "--start", "2026-13-01", profile("lateral_hip.json"),
                    words="--start")
        self.expect(2, "plan", "--days", "7", profile("lateral_hip.json"), words="--days")
        self.expect(2, "assess", "--bogus-option")
        self.expect(2, "list", "bananas", words="list needs")
        self.expect(2, "show", "no_such_id", words="no_such_id")
        self.expect(2, "validate", words="validate needs")
        self.expect(2, "interview", "extra")

    def test_other_failures_exit_1(self):
        self.expect(1, "assess", "--json", "-o", "/nonexistent/dir/out.json",
                    profile("lateral_hip.json"))

    def test_bad_extension_ontology(self):
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
            f.write("<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='x' "
                    "version='1'>\n<sources>\n<source id='000'>dup</source>\n</sources>\n"
                    "</ontology>\n")
        try:
            r = self.expect(2, "--ontology", f.name, "list", "conditions")
            self.assertIn(f.name + ":3", r.stderr)
        finally:
            os.unlink(f.name)


class Plan(unittest.TestCase):
    def test_json_plan(self):
        r = run("plan", "--format", "json", "--weeks", "6", "--start", "2026-12-07",
                profile("lateral_hip.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        plan = json.loads(r.stdout)
        self.assertIn(plan["triage"], ("self_care", "see_clinician"))
        self.assertIsInstance(plan["advice"], list)
        self.assertEqual(len(plan["weeks"]), 6)
        week = plan["weeks"][0]
        self.assertEqual(week["index"], 1)
        self.assertEqual(week["days"][0]["date"], "2026-12-07")
        kinds = {"run", "walk_run", "strength", "mobility", "warm_up", "cool_down",
                 "cross_training", "rest"}
        for w in plan["weeks"]:
            total = 0
            for d in w["days"]:
                for s in d["sessions"]:
                    self.assertIn(s["kind"], kinds)
                    if s["kind"] in ("run", "walk_run"):
                        total += s.get("km", 0)
            self.assertAlmostEqual(total, w["run_km"], places=6)

    def test_markdown_and_ics(self):
        r = run("plan", profile("lateral_hip.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.lstrip().startswith("#"))
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "plan.ics")
            r = run("plan", "--format", "ics", "-o", path, profile("lateral_hip.json"))
            self.assertEqual(r.returncode, 0, r.stderr)
            data = open(path, "rb").read()
            self.assertTrue(data.startswith(b"BEGIN:VCALENDAR\r\n"))
            self.assertIn(b"BEGIN:VEVENT", data)

    def test_urgent_profile_gets_no_training(self):
        r = run("plan", "--format", "json", profile("hot_hip.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        plan = json.loads(r.stdout)
        self.assertEqual(plan["triage"], "urgent")
        self.assertEqual(plan["weeks"], [])
        self.assertTrue(any(a["id"] == "seek_urgent_care" for a in plan["advice"]))


class Interview(unittest.TestCase):
    def test_scripted_from_stdin(self):
        r = run("interview", stdin="n\n" * 60 + "y\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Likely causes:", r.stdout)
        self.assertIn("Make a training plan?", r.stdout)

    def test_back_unknown_and_quit(self):
        r = run("interview", stdin="?\nb\nmaybe\ny\nq\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Please answer", r.stdout)
        self.assertIn("Triage:", r.stdout)
        self.assertNotIn("Make a training plan?", r.stdout)

    def test_end_of_input_finishes(self):
        r = run("interview", stdin="")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Likely causes:", r.stdout)

    def pty_session(self, answers, env):
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.pop("NO_COLOR", None)
            os.environ.update(env)
            os.execv(HIPPAIN, [HIPPAIN, "interview"])
        out = b""
        answers = list(answers)
        try:
            while True:
                ready, _, _ = select.select([fd], [], [], 20)
                if not ready:
                    break
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
                if out.rstrip().endswith((b"[y/n/?/b/q]", b"[y/N]")) and answers:
                    os.write(fd, answers.pop(0).encode() + b"\n")
        finally:
            _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status), out.decode(errors="replace")

    def test_through_a_terminal_with_colour(self):
        code, out = self.pty_session(["y", "n", "n", "q"], {})
        self.assertEqual(code, 0, out)
        self.assertIn("\x1b[", out, "colour on a terminal")
        code, out = self.pty_session(["n", "q"], {"NO_COLOR": "1"})
        self.assertEqual(code, 0, out)
        self.assertNotIn("\x1b[", out, "no colour with NO_COLOR")


class Browse(unittest.TestCase):
    def test_list_and_show(self):
        for kind in ("conditions", "findings", "exercises", "advice"):
            r = run("list", kind)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertGreater(len(r.stdout.splitlines()), 10)
        r = run("list", "conditions")
        self.assertIn("it_band_syndrome", r.stdout)
        r = run("show", "clamshell")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Dosing:", r.stdout)
        self.assertIn("Sources:", r.stdout)
        r = run("show", "gluteal_tendinopathy", "--lang", "es")
        self.assertIn("Findings:", r.stdout)

    def test_presentations_are_shown(self):
        mix = os.path.join(DATA, "ontologies", "mixture.xml")
        r = run("--ontology", mix, "show", "bone")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"Presentation upper: 75\.0% of the prior \[t2\]; its own "
                         r"findings:\n +90%  groin_pain +\[t2\]\n")
        # with its label when it has one, in the language asked for
        self.assertIn("Presentation lower (Lower bone): 25.0% of the prior", r.stdout)
        r = run("--ontology", mix, "show", "bone", "--lang", "de")
        self.assertIn("Presentation lower (Unterer Knochen): 25.0% of the prior", r.stdout)
        profile = '{"findings": {"buttock_pain": true, "groin_pain": false}}'
        r = run("--ontology", mix, "assess", "-", stdin=profile)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"most likely Lower bone \(\d+% of this cause\)")
        r = run("--ontology", mix, "assess", "--lang", "de-AT", "-", stdin=profile)
        self.assertRegex(r.stdout, r"most likely Unterer Knochen \(AT\) \(\d+% of this cause\)")
        r = run("--ontology", mix, "assess", "--json", "-", stdin=profile)
        self.assertEqual(r.returncode, 0, r.stderr)
        causes = {c["id"]: c for c in json.loads(r.stdout)["causes"]}
        pres = causes["bone"]["presentations"]
        self.assertEqual([p["id"] for p in pres], ["upper", "lower"])
        self.assertNotIn("label", pres[0])
        self.assertEqual(pres[1]["label"], "Lower bone")
        self.assertAlmostEqual(sum(p["probability"] for p in pres), 1)
        self.assertGreater(pres[1]["probability"], 0.5)
        self.assertNotIn("presentations", causes["muscle"])

    def test_extension_adds_entries(self):
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
            f.write("<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='x' version='1'>"
                    "<sources><source id='clinic'>Our clinic</source></sources>"
                    "<exercises><exercise id='clinic_march' kind='strength' targets='hips' "
                    "src='clinic'><label>March</label><dosing sets='2' reps='10' "
                    "days-per-week='3' effort='easy' src='clinic'/></exercise></exercises>"
                    "</ontology>")
        try:
            r = run("--ontology", f.name, "show", "clinic_march")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("March", r.stdout)
            r = run("validate", f.name)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("ok", r.stdout)
        finally:
            os.unlink(f.name)

    def test_validate_reports_file_line_column(self):
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
            f.write("<ontology xmlns='urn:x-hippain:ontology:1' format='1' name='x' "
                    "version='1'>\n<findings>\n<finding id='Bad Id' kind='symptom'/>\n"
                    "</findings>\n</ontology>\n")
        try:
            r = run("validate", f.name)
            self.assertEqual(r.returncode, 2)
            self.assertRegex(r.stderr, re.escape(f.name) + r":3:\d+: ")
        finally:
            os.unlink(f.name)

    def test_help_and_version(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("Usage: hippain", r.stdout)
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^hippain \d+\.\d+\.\d+")



class Text(unittest.TestCase):
    """hippain assess --text: what it understood, then the result; JSON and stdin."""

    def test_text_shows_what_it_understood(self):
        r = run("assess", "--text", "outer hip aches lying on that side at night, no fever. "
                "30 miles a week, 34F")
        self.assertEqual(r.returncode, 0, r.stderr)
        head = r.stdout.split("Triage:")[0]
        self.assertIn("Understood (en):", head)
        self.assertRegex(head, r"yes pain_lateral_hip +\"outer hip\"")
        self.assertRegex(head, r"no +fever_or_chills +\"no fever\"|no +fever_or_chills")
        self.assertRegex(head, r"weekly_km +48.3")
        self.assertIn("Likely causes:", r.stdout)

    def test_text_json_and_stdin(self):
        r = run("assess", "--json", "--text", "-", stdin="Leiste links, kein Fieber, 40 km pro Woche")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["text"]["languages"], "de")
        found = {f["id"]: f for f in out["text"]["findings"]}
        self.assertTrue(found["pain_groin"]["present"])
        self.assertEqual(found["pain_groin"]["side"], "left")
        self.assertFalse(found["fever_or_chills"]["present"])
        self.assertEqual(out["text"]["numbers"], {"weekly_km": 40})
        self.assertIn("causes", out["assessment"])

    def test_text_on_top_of_a_profile_and_bad_text(self):
        r = run("assess", "--text", "no fever", profile("lateral_hip.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        r = subprocess.run([HIPPAIN, "assess", "--text", "-"], input=b"ok \xff",
                           capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"invalid UTF-8 at byte 3", r.stderr)

if __name__ == "__main__":
    HIPPAIN, DATA = sys.argv[1], sys.argv[2]
    EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(DATA))), "examples")
    unittest.main(argv=[sys.argv[0], "-v"])
