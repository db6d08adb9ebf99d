#!/bin/sh
# Run a subset of the Python tests under valgrind and fail only on definite or indirect
# losses whose allocation stack includes libhippain or the SWIG module (_hippain_core).
# CPython's own "leaks" at exit are ignored (PYTHONMALLOC=malloc + Python's suppressions).
#
#   usage: bindings/python/valgrind.sh [PYTHON]   (PYTHONPATH must find the build's hippain;
#   ctest sets it: ctest -L valgrind)
set -eu
PYTHON=${1:-/usr/bin/python3}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${VALGRIND_OUT:-$(mktemp -d)}
SUPP=""
for f in /usr/lib/valgrind/python3.supp /usr/lib/x86_64-linux-gnu/valgrind/python3.supp; do
  [ -f "$f" ] && SUPP="--suppressions=$f" && break
done

# A small but broad subset: loading (incl. errors), assessment (the direct path from dicts
# too), interviews, plans, batches, the matrix path, lifetimes; the leak loop shortened (it
# loads an ontology each cycle: 100 cycles).
PYTHONMALLOC=malloc HIPPAIN_LEAK_CYCLES=${HIPPAIN_LEAK_CYCLES:-100} \
valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect \
  --errors-for-leak-kinds=definite,indirect --num-callers=40 $SUPP \
  --suppressions="$HERE/valgrind.supp" \
  --xml=yes --xml-file="$OUT/valgrind.xml" \
  "$PYTHON" -m pytest -q -p no:cacheprovider -x \
    "$HERE/tests/test_ontology.py" "$HERE/tests/test_assessment.py" \
    "$HERE/tests/test_plan.py" "$HERE/tests/test_watch_checkins.py" \
    "$HERE/tests/test_revise.py" \
    "$HERE/tests/test_fast_path.py::test_plain_dicts_take_the_direct_path" \
    "$HERE/tests/test_fast_path.py::test_same_profile_as_the_json_path" \
    "$HERE/tests/test_fast_path.py::test_errors_name_the_key" \
    "$HERE/tests/test_fast_path.py::test_assessments_are_owned_and_freed" \
    "$HERE/tests/test_research.py::test_assess_many" \
    "$HERE/tests/test_research.py::test_assess_many_error_names_the_item" \
    "$HERE/tests/test_research.py::test_assess_matrix_errors" \
    "$HERE/tests/test_lifetime.py::test_delete_in_any_order" \
    "$HERE/tests/test_lifetime.py::test_swig_proxies_own_their_objects_and_c_refcounts" \
    "$HERE/tests/test_lifetime.py::test_leak_loop"

"$PYTHON" - "$OUT/valgrind.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
ours, other = [], 0
for e in root.iter("error"):
    kind = e.findtext("kind") or ""
    if kind not in ("Leak_DefinitelyLost", "Leak_IndirectlyLost"):
        continue
    frames = [((f.findtext("obj") or ""), (f.findtext("fn") or "")) for f in e.iter("frame")]
    if any("libhippain" in o or "_hippain_core" in o or fn.startswith(("hp_", "hp__", "hpx_"))
           for o, fn in frames):
        what = e.find("xwhat")
        text = what.findtext("text") if what is not None else e.findtext("what")
        ours.append(text + "\n    " + "\n    ".join("%s (%s)" % (fn, o) for o, fn in frames[:15]))
    else:
        other += 1
memerrs = [e for e in root.iter("error")
           if (e.findtext("kind") or "").startswith(("Invalid", "Uninit", "Mismatched"))
           and any("libhippain" in (f.findtext("obj") or "") or "_hippain_core" in (f.findtext("obj") or "")
                   for f in e.iter("frame"))]
print("valgrind: %d definite/indirect losses in libhippain or the module, %d elsewhere "
      "(CPython, numpy: ignored), %d memory errors in our code" % (len(ours), other, len(memerrs)))
for t in ours:
    print(t)
for e in memerrs:
    print((e.findtext("kind") or ""), e.findtext("what"))
sys.exit(1 if ours or memerrs else 0)
PY
