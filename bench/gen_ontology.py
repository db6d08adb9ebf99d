#!/usr/bin/env python3
"""Write synthetic ontologies 1, 10, 100 and 1000 times the size of the default one.

    gen_ontology.py [--source data/hippain.xml] [--scales 1,10,100,1000] OUTDIR

Each file repeats every entry of the source ontology (sources, findings, conditions, red
flags, derived-finding rules, exercises, advice items, translations) once per copy, so the
shape stays the same: findings per condition, evidence links, treatment links, red-flag
rules, derived rules, exercises and contraindications per entry. Copy 0 keeps the original
ids (so a profile written for the default ontology works on every size); copy k > 0 suffixes
every id, and every reference to an id (evidence, treat, when, derive, contraindication,
translate, src), with "_k<k>". Priors are kept as they are: the loader normalises them.

Files are written as OUTDIR/scale_<NNNN>.xml. Uses the Python standard library only.
"""
import argparse
import os
import sys
import xml.etree.ElementTree as ET

NS = "urn:x-hippain:ontology:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Attributes holding one id, and attributes holding a space-separated list of source ids.
ID_ATTRS = ("id", "finding", "exercise", "advice", "condition", "ref")
SRC_ATTRS = ("src",)


def q(tag):
    return "{%s}%s" % (NS, tag)


def suffixed(elem, suffix):
    """A deep copy of elem with every id and id reference suffixed."""
    c = ET.Element(elem.tag, dict(elem.attrib))
    c.text, c.tail = elem.text, elem.tail
    for a in ID_ATTRS:
        if a in c.attrib:
            c.attrib[a] = c.attrib[a] + suffix
    for a in SRC_ATTRS:
        if a in c.attrib:
            c.attrib[a] = " ".join(s + suffix for s in c.attrib[a].split())
    for child in elem:
        c.append(suffixed(child, suffix))
    return c


def generate(tree, copies):
    root = tree.getroot()
    out = ET.Element(root.tag, dict(root.attrib))
    out.text = "\n  "
    out.attrib["name"] = "%s-x%d" % (root.attrib.get("name", "synthetic"), copies)
    for section in root:
        s = ET.Element(section.tag, dict(section.attrib))
        s.text = "\n    "
        s.tail = "\n  "
        for k in range(copies):
            suffix = "" if k == 0 else "_k%d" % k
            for item in section:
                if not isinstance(item.tag, str):  # comments
                    continue
                e = suffixed(item, suffix)
                e.tail = "\n    "
                s.append(e)
        out.append(s)
    return ET.ElementTree(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--source", default=os.path.join(here, "..", "data", "hippain.xml"))
    ap.add_argument("--scales", default="1,10,100,1000")
    args = ap.parse_args()
    ET.register_namespace("", NS)
    tree = ET.parse(args.source)
    os.makedirs(args.outdir, exist_ok=True)
    for scale in (int(x) for x in args.scales.split(",")):
        path = os.path.join(args.outdir, "scale_%04d.xml" % scale)
        generate(tree, scale).write(path, encoding="UTF-8", xml_declaration=True)
        print("%s: %d bytes" % (path, os.path.getsize(path)), file=sys.stderr)


if __name__ == "__main__":
    main()
