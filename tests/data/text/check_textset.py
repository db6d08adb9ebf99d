#!/usr/bin/env python3
"""Checker for the text-intake evaluation set (tests/data/text/*.json), stdlib only.

Validates every file against the format in tests/data/text/README.md:
* each file is a JSON array of objects with keys id, lang, text, findings, diagnosis,
  from, and optionally runner, note and half; no duplicate keys inside an object;
* half: only "holdout", on every entry of the held-out files holdout_*.json and
  holdout<N>_*.json (held-out set N, e.g. holdout2_en.json) and on no other entry
  (README.md, "Held-out set (session 18)", "Held-out set 2 (session 20)");
* id: unique across all files, [a-z0-9_]+;
* lang: en, de, es or mixed;
* findings: ids that exist as <finding id=...> in data/hippain.xml, values true/false;
* runner: only the profile's runner keys, numbers (sex: "female"/"male");
* diagnosis: a <condition id=...> of data/hippain.xml;
* from: "case:<id>" (an id in tests/data/cases/*.json), "vignette:<n>" (0-based index
  into tests/data/vignettes.json, which has no ids) or "written";
* duplicates: no two entries with the same text (case/space-insensitive), no id twice.
Prints a summary (per language, condition, origin, half) with -v.

Usage: check_textset.py [--root REPO] [-v] [FILE...]   (exit 1 on any error)
"""
import argparse
import collections
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = "{urn:x-hippain:ontology:1}"
RUNNER_KEYS = {"weekly_km", "previous_weekly_km", "longest_run_km_30d", "planned_run_km",
               "cadence_spm", "shoe_km", "run_days_per_week", "age", "sex"}
LANGS = {"en", "de", "es", "mixed"}
REQUIRED = {"id", "lang", "text", "findings", "diagnosis", "from"}
OPTIONAL = {"runner", "note", "half"}
ID_RE = re.compile(r"^[a-z0-9_]+$")
HOLDOUT_FILE_RE = re.compile(r"^holdout[0-9]*_")


class DupKey(Exception):
    pass


def no_dups(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise DupKey(k)
        d[k] = v
    return d


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..", "..")))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()

    root = ET.parse(os.path.join(a.root, "data", "hippain.xml")).getroot()
    findings = {f.get("id") for f in root.iter(NS + "finding")}
    conditions = {c.get("id") for c in root.iter(NS + "condition")}
    cases = set()
    for p in glob.glob(os.path.join(a.root, "tests", "data", "cases", "*.json")):
        cases.update(c["id"] for c in json.load(open(p, encoding="utf-8")))
    nvig = len(json.load(open(os.path.join(a.root, "tests", "data", "vignettes.json"),
                              encoding="utf-8")))

    files = a.files or sorted(glob.glob(os.path.join(here, "*.json")))
    errors = []
    seen_ids, seen_text = {}, {}
    per = {"lang": collections.Counter(), "diagnosis": collections.Counter(),
           "from": collections.Counter(), "half": collections.Counter()}
    n = 0

    def err(where, msg):
        errors.append("%s: %s" % (where, msg))

    for path in files:
        name = os.path.basename(path)
        holdout_file = bool(HOLDOUT_FILE_RE.match(name))
        try:
            data = json.load(open(path, encoding="utf-8"), object_pairs_hook=no_dups)
        except DupKey as e:
            err(name, "duplicate key %r in an object" % e.args[0])
            continue
        except (ValueError, OSError) as e:
            err(name, "not valid JSON: %s" % e)
            continue
        if not isinstance(data, list):
            err(name, "top level must be an array")
            continue
        for i, e in enumerate(data):
            w = "%s[%d]" % (name, i)
            if not isinstance(e, dict):
                err(w, "entry is not an object")
                continue
            n += 1
            eid = e.get("id")
            if isinstance(eid, str):
                w = "%s %s" % (name, eid)
            keys = set(e)
            for k in sorted(REQUIRED - keys):
                err(w, "missing key %r" % k)
            for k in sorted(keys - REQUIRED - OPTIONAL):
                err(w, "unknown key %r" % k)
            if not isinstance(eid, str) or not ID_RE.match(eid):
                err(w, "bad id %r" % (eid,))
            elif eid in seen_ids:
                err(w, "id also in %s" % seen_ids[eid])
            else:
                seen_ids[eid] = name
            lang = e.get("lang")
            if lang not in LANGS:
                err(w, "bad lang %r" % (lang,))
            per["lang"][lang] += 1
            text = e.get("text")
            if not isinstance(text, str) or not text.strip():
                err(w, "text missing or empty")
            else:
                norm = " ".join(text.lower().split())
                if norm in seen_text:
                    err(w, "same text as %s" % seen_text[norm])
                else:
                    seen_text[norm] = eid
            fd = e.get("findings")
            if not isinstance(fd, dict) or not fd:
                err(w, "findings must be a non-empty object")
            else:
                for k, v in fd.items():
                    if k not in findings:
                        err(w, "unknown finding %r" % k)
                    if not isinstance(v, bool):
                        err(w, "finding %r must be true or false" % k)
            if "runner" in e:
                r = e["runner"]
                if not isinstance(r, dict) or not r:
                    err(w, "runner must be a non-empty object (omit it if none)")
                else:
                    for k, v in r.items():
                        if k not in RUNNER_KEYS:
                            err(w, "unknown runner key %r" % k)
                        elif k == "sex":
                            if v not in ("female", "male"):
                                err(w, "sex must be female or male")
                        elif isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                            err(w, "runner %r must be a non-negative number" % k)
                        elif isinstance(v, float) and round(v, 1) != v:
                            err(w, "runner %r not rounded to 0.1" % k)
            dg = e.get("diagnosis")
            if dg not in conditions:
                err(w, "unknown diagnosis %r" % (dg,))
            per["diagnosis"][dg] += 1
            fr = e.get("from")
            kind = fr.split(":", 1)[0] if isinstance(fr, str) else None
            per["from"][kind] += 1
            if fr == "written":
                pass
            elif isinstance(fr, str) and fr.startswith("case:"):
                if fr[5:] not in cases:
                    err(w, "no case %r in tests/data/cases" % fr[5:])
            elif isinstance(fr, str) and fr.startswith("vignette:"):
                s = fr[9:]
                if not s.isdigit() or int(s) >= nvig:
                    err(w, "no vignette %r (0-based index, %d vignettes)" % (s, nvig))
            else:
                err(w, "bad from %r" % (fr,))
            if "note" in e and not isinstance(e["note"], str):
                err(w, "note must be a string")
            hf = e.get("half")
            per["half"][hf or "-"] += 1
            if "half" in e and hf != "holdout":
                err(w, "half must be \"holdout\" (got %r)" % (hf,))
            elif holdout_file and hf != "holdout":
                err(w, "entry of a held-out file without \"half\": \"holdout\"")
            elif not holdout_file and hf == "holdout":
                err(w, "\"half\": \"holdout\" outside a holdout_*.json / holdout<N>_*.json file")

    for m in errors:
        print("error:", m, file=sys.stderr)
    print("%d descriptions in %d files, %d errors" % (n, len(files), len(errors)))
    if a.v:
        for k in ("lang", "from", "half", "diagnosis"):
            print("%s: %s" % (k, ", ".join("%s %d" % kv for kv in sorted(per[k].items(), key=lambda kv: (-kv[1], str(kv[0]))))))
    return 1 if errors or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
