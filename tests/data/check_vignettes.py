#!/usr/bin/env python3
"""Tuning aid for the libhippain default ontology (stdlib only).

Re-implements the scoring model the C library uses and runs the vignettes in
tests/data/vignettes.json against data/hippain.xml:

* priors normalised to sum to 1;
* each condition's score starts at log(prior); every *known* finding linked to the
  condition by <evidence> adds log(strength / base_rate) when present and
  log((1 - strength) / (1 - base_rate)) when absent; unlinked or unknown findings
  change nothing;
* probabilities are the softmax of the scores over all conditions;
* derived findings: runner metrics (FORMAT.md) compared with <derive> rules; when a
  rule's metric can be computed the rules decide present/absent, otherwise the
  runner's answer stands; acute:chronic ratio = 7-day EWMA / 28-day EWMA of daily
  distance, lambda = 2 / (N + 1), days without a run count as 0 km, both averages
  start at 0 on the day before the first logged run and run to the last logged day;
* triage = highest of: fired red-flag levels; urgent for an emergency condition and
  see_clinician for a serious one whose probability >= suspect-at; see_clinician for
  a moderate condition at or above suspect-at when persistent_pain or worsening_pain
  is present; otherwise self_care.

Usage: check_vignettes.py [--xml data/hippain.xml] [--vignettes tests/data/vignettes.json] [-v]
"""
import argparse
import datetime as dt
import json
import math
import os
import sys
import xml.etree.ElementTree as ET

NS = "{urn:x-hippain:ontology:1}"
LEVELS = ["self_care", "see_clinician", "urgent"]


def load(path):
    root = ET.parse(path).getroot()
    kb = {"findings": {}, "conditions": {}, "red_flags": [], "derives": []}
    for f in root.iter(NS + "finding"):
        kb["findings"][f.get("id")] = float(f.get("base-rate"))
    for c in root.iter(NS + "condition"):
        ev = {e.get("finding"): float(e.get("strength")) for e in c.findall(NS + "evidence")}
        kb["conditions"][c.get("id")] = {
            "prior": float(c.get("prior")),
            "seriousness": c.get("seriousness"),
            "suspect_at": float(c.get("suspect-at", "0.2")),
            "evidence": ev,
        }
    for r in root.iter(NS + "red-flag"):
        kb["red_flags"].append((r.get("id"), r.get("level"),
                                [w.get("finding") for w in r.findall(NS + "when")]))
    for d in root.iter(NS + "derive"):
        kb["derives"].append((d.get("finding"), d.get("metric"), d.get("op"),
                              float(d.get("threshold"))))
    total = sum(c["prior"] for c in kb["conditions"].values())
    for c in kb["conditions"].values():
        c["prior"] /= total
    return kb


def _date(s):
    return dt.date.fromisoformat(s)


def metrics(runner):
    m = {}
    if not runner:
        return m
    wk, prev = runner.get("weekly_km"), runner.get("previous_weekly_km")
    if wk is not None and prev:
        m["weekly_increase_pct"] = (wk / prev - 1.0) * 100.0
    for key in ("cadence_spm", "shoe_km", "run_days_per_week", "age"):
        if runner.get(key) is not None:
            m[key] = float(runner[key])
    if runner.get("sex") is not None:
        m["female"] = 1.0 if runner["sex"] == "female" else 0.0
    runs = [(_date(r["date"]), float(r["km"])) for r in runner.get("runs", [])]
    today = max((d for d, _ in runs), default=None)
    # long-run spike
    recent = [km for d, km in runs if today and (today - d).days < 7]
    if runner.get("planned_run_km") is not None:
        recent.append(float(runner["planned_run_km"]))
    base = runner.get("longest_run_km_30d")
    if base is None and today:
        older = [km for d, km in runs if 7 <= (today - d).days < 37]
        base = max(older) if older else None
    if recent and base:
        m["long_run_increase_pct"] = (max(recent) / base - 1.0) * 100.0
    # EWMA acute:chronic
    if runs:
        daily = {}
        for d, km in runs:
            daily[d] = daily.get(d, 0.0) + km
        first = min(daily)
        la, lc = 2.0 / 8.0, 2.0 / 29.0
        a = c = 0.0
        day = first
        while day <= today:
            x = daily.get(day, 0.0)
            a = la * x + (1 - la) * a
            c = lc * x + (1 - lc) * c
            day += dt.timedelta(days=1)
        if c > 0:
            m["acute_chronic_ratio"] = a / c
    return m


def apply_derives(kb, findings, runner):
    m = metrics(runner)
    out = dict(findings)
    by_finding = {}
    for fid, metric, op, thr in kb["derives"]:
        by_finding.setdefault(fid, []).append((metric, op, thr))
    for fid, rules in by_finding.items():
        computable = [(metric, op, thr) for metric, op, thr in rules if metric in m]
        if not computable:
            continue
        fired = False
        for metric, op, thr in computable:
            v = m[metric]
            fired |= {"lt": v < thr, "le": v <= thr, "gt": v > thr, "ge": v >= thr}[op]
        out[fid] = fired
    return out, m


def score(kb, findings):
    scores = {}
    for cid, c in kb["conditions"].items():
        s = math.log(c["prior"])
        for fid, strength in c["evidence"].items():
            if fid not in findings:
                continue
            b = kb["findings"][fid]
            s += math.log(strength / b) if findings[fid] else math.log((1 - strength) / (1 - b))
        scores[cid] = s
    mx = max(scores.values())
    z = sum(math.exp(v - mx) for v in scores.values())
    probs = {k: math.exp(v - mx) / z for k, v in scores.items()}
    return sorted(probs.items(), key=lambda kv: -kv[1])


def triage(kb, findings, ranked):
    level, reasons = 0, []
    for rid, lvl, whens in kb["red_flags"]:
        if all(findings.get(w) is True for w in whens):
            level = max(level, LEVELS.index(lvl))
            reasons.append(rid)
    persistent = findings.get("persistent_pain") is True or findings.get("worsening_pain") is True
    for cid, p in ranked:
        c = kb["conditions"][cid]
        if p < c["suspect_at"]:
            continue
        if c["seriousness"] == "emergency":
            level = max(level, 2); reasons.append(cid)
        elif c["seriousness"] == "serious":
            level = max(level, 1); reasons.append(cid)
        elif c["seriousness"] == "moderate" and persistent:
            level = max(level, 1); reasons.append(cid + "+persistent")
    return LEVELS[level], reasons


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--xml", default=os.path.join(root, "data", "hippain.xml"))
    ap.add_argument("--vignettes", default=os.path.join(here, "vignettes.json"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    kb = load(args.xml)
    vignettes = json.load(open(args.vignettes, encoding="utf-8"))
    n = len(vignettes)
    top1 = top3 = tri = 0
    per_level = {}
    for v in vignettes:
        prof = v["profile"]
        for fid in prof.get("findings", {}):
            if fid not in kb["findings"]:
                sys.exit("%s: unknown finding %s" % (v["name"], fid))
        f, m = apply_derives(kb, prof.get("findings", {}), prof.get("runner"))
        ranked = score(kb, f)
        level, reasons = triage(kb, f, ranked)
        ids = [c for c, _ in ranked]
        exp = v["expect_top3"]
        if exp not in kb["conditions"]:
            sys.exit("%s: unknown condition %s" % (v["name"], exp))
        ok1, ok3, okt = ids[0] == exp, exp in ids[:3], level == v["expect_triage"]
        top1 += ok1; top3 += ok3; tri += okt
        t = per_level.setdefault(v["expect_triage"], [0, 0])
        t[0] += okt; t[1] += 1
        if args.verbose or not (ok1 and ok3 and okt):
            mark = "MISS" if not (ok3 and okt) else "top1-miss" if not ok1 else "ok"
            print("%-9s %s: expect %s/%s" % (mark, v["name"], exp, v["expect_triage"]))
            print("          got %s | triage %s %s" % (
                ", ".join("%s %.2f" % (c, p) for c, p in ranked[:4]), level, reasons))
    print("vignettes %d  top-1 %d (%.0f%%)  top-3 %d (%.0f%%)  triage %d (%.0f%%)" % (
        n, top1, 100.0 * top1 / n, top3, 100.0 * top3 / n, tri, 100.0 * tri / n))
    for lvl in LEVELS:
        if lvl in per_level:
            print("  triage %-13s %d/%d" % (lvl, *per_level[lvl]))
    return 0 if (top3 >= 0.9 * n and tri == n) else 1


if __name__ == "__main__":
    sys.exit(main())
