"""Ontologies: loading, entries as sequences, lookups, errors with file and line."""

import pickle

import pytest

import hippain
from conftest import DATA


def test_default_has_entries(onto):
    assert isinstance(onto, hippain.Ontology)
    assert onto.name and onto.version
    assert len(onto.conditions) >= 10
    assert len(onto.findings) >= 50
    assert len(onto.exercises) >= 10
    assert "Ontology" in repr(onto)
    assert onto.memory > 0


def test_sequences_index_iterate_lookup(onto):
    conds = onto.conditions
    itb = conds["it_band_syndrome"]
    assert isinstance(itb, hippain.Condition)
    assert itb.id == "it_band_syndrome"
    assert conds[itb.index] is itb
    assert [c.id for c in conds] == conds.ids() == onto.condition_ids
    assert conds[-1] is list(conds)[-1]
    assert len(conds[:3]) == 3
    assert "it_band_syndrome" in conds and itb in conds and "nope" not in conds
    assert conds.get("nope") is None
    assert conds.index("it_band_syndrome") == itb.index
    with pytest.raises(KeyError):
        conds["no_such_condition"]
    with pytest.raises(hippain.NotFound):
        conds["no_such_condition"]
    with pytest.raises(IndexError):
        conds[len(conds)]
    assert "conditions" in repr(conds)


def test_condition_attributes(onto):
    c = onto.conditions["gluteal_tendinopathy"]
    assert c.name == c.label and c.label
    assert 0 < c.prior < 1
    assert c.seriousness in ("mild", "moderate", "serious", "emergency")
    assert c.evidence and all(isinstance(e, hippain.EvidenceLink) for e in c.evidence)
    assert all(e.finding in onto.findings for e in c.evidence)
    assert all(0 < e.strength < 1 and e.sources for e in c.evidence)
    assert c.treatments and all(t.kind in ("exercise", "advice") for t in c.treatments)
    assert c.sources and all(s in onto.sources for s in c.sources)
    assert c.file and c.line and c.line > 1
    assert "gluteal_tendinopathy" in repr(c)
    d = c.to_dict()
    assert d["id"] == c.id and isinstance(d["evidence"], list)
    assert sum(x.prior for x in onto.conditions) == pytest.approx(1.0)


def test_finding_exercise_other_attributes(onto):
    f = onto.findings["pain_lateral_hip"]
    assert f.kind == "symptom" and f.group == "location"
    assert 0 < f.base_rate < 1 and f.question.endswith("?")
    x = onto.exercises["clamshell"]
    assert x.kind and x.dosing.sets >= 1 and 1 <= x.dosing.days_per_week <= 7
    assert isinstance(x.contraindications, tuple)
    assert all(ci.condition in onto.conditions for ex in onto.exercises
               for ci in ex.contraindications)
    assert all(s.citation for s in onto.sources)
    assert all(r.level in ("see_clinician", "urgent") and r.findings and r.message
               for r in onto.red_flags)
    assert all(r.metric and r.finding in onto.findings for r in onto.derived_rules)
    assert all(a.text for a in onto.advice)
    # any kind, by id
    assert onto["clamshell"] is x and "clamshell" in onto and "zzz" not in onto
    with pytest.raises(hippain.NotFound):
        onto["zzz"]
    assert onto.text("pain_lateral_hip", "question") == f.question
    # records are read-only and compare by value
    with pytest.raises(AttributeError):
        f.id = "x"
    assert pickle.loads(pickle.dumps(f)) == f


def test_load_file_and_extensions(mini_path, tmp_path):
    mini = hippain.Ontology.load(mini_path)
    assert mini.name == "mini"
    assert mini.conditions.ids() == ["side_thing", "hot_joint"]
    assert mini.findings["side_pain"].file == str(mini_path)
    assert mini.text("side_pain", "label", "de") == "Seitlicher Schmerz"
    ext = tmp_path / "ext.xml"
    ext.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<ontology xmlns="urn:x-hippain:ontology:1" format="1" name="ext" version="1" xml:lang="en">
  <findings>
    <finding id="extra_finding" kind="symptom" group="timing" base-rate="0.2" src="t1">
      <label>An extra finding</label>
      <question>Is there something extra?</question>
    </finding>
  </findings>
</ontology>
""")
    both = hippain.Ontology.load(mini_path, extensions=[ext])
    assert "extra_finding" in both.findings
    assert both.findings["extra_finding"].file == str(ext)
    assert both.findings["extra_finding"].line == 4
    # extensions on top of the default ontology
    ext2 = tmp_path / "ext2.xml"
    ext2.write_text(ext.read_text().replace('src="t1"', 'src="002"'))
    over = hippain.Ontology.load(None, extensions=[ext2])
    assert "extra_finding" in over.findings and "it_band_syndrome" in over.conditions


def test_parse_error_has_file_line_column():
    bad = DATA / "hostile" / "truncated.xml"
    with pytest.raises(hippain.ParseError) as ei:
        hippain.Ontology.load(bad)
    e = ei.value
    assert e.file == str(bad)
    assert e.line and e.line > 1 and e.column
    assert e.code == "HP_E_PARSE" and e.status == hippain.ParseError.status
    assert str(e).startswith("%s:%d:%d: " % (bad, e.line, e.column))
    assert isinstance(e, hippain.Error) and isinstance(e, ValueError)


def test_parse_error_in_memory_input():
    with pytest.raises(hippain.ParseError) as ei:
        hippain.Ontology.from_string("<ontology>\n\n <a></b>", name="bad.xml")
    assert (ei.value.file, ei.value.line) == ("bad.xml", 3)


@pytest.mark.parametrize("name, cls", [
    ("external_dtd.xml", hippain.ForbiddenInput),
    ("undeclared_entity.xml", hippain.ForbiddenInput),
    ("billion_laughs.xml", hippain.ForbiddenInput),
    ("wrong_namespace.xml", hippain.SchemaError),
    ("xinclude.xml", hippain.SchemaError),
    ("invalid_utf8.xml", hippain.ParseError),
])
def test_hostile_inputs(name, cls):
    with pytest.raises(cls) as ei:
        hippain.Ontology.load(DATA / "hostile" / name)
    assert ei.value.file.endswith(name) and ei.value.line


def test_schema_error_names_line(tmp_path):
    p = tmp_path / "s.xml"
    p.write_text("<ontology xmlns='urn:x-hippain:ontology:1' format='1'>\n<findings>\n"
                 "<oops/></findings></ontology>\n")
    with pytest.raises(hippain.SchemaError) as ei:
        hippain.Ontology.load(p)
    assert ei.value.file == str(p) and ei.value.line == 3


def test_duplicate_and_missing(mini_path):
    with pytest.raises(hippain.DuplicateId):
        hippain.Ontology.load(mini_path, extensions=[mini_path])
    with pytest.raises(hippain.FileError) as ei:
        hippain.Ontology.load(DATA / "does_not_exist.xml")
    assert isinstance(ei.value, OSError)


def test_input_cap(mini_path):
    with pytest.raises(hippain.LimitExceeded):
        hippain.Ontology.load(mini_path, max_input_bytes=100)


def test_constructor_is_private():
    with pytest.raises(TypeError):
        hippain.Ontology()


def test_pickle_reloads(onto, mini_path):
    assert pickle.loads(pickle.dumps(onto)).condition_ids == onto.condition_ids
    mini = hippain.Ontology.load(mini_path)
    assert pickle.loads(pickle.dumps(mini)).name == "mini"
    mem = hippain.Ontology.from_string(mini_path.read_bytes(), name="m.xml")
    assert pickle.loads(pickle.dumps(mem)).finding_ids == mini.finding_ids


def test_errors_pickle():
    e = hippain.ParseError("boom", status=hippain.ParseError.status, file="f.xml", line=3,
                           column=4)
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is hippain.ParseError and (e2.file, e2.line, e2.column) == ("f.xml", 3, 4)


def test_presentations_of_a_condition_and_of_a_cause():
    mix = hippain.Ontology.load(DATA / "ontologies" / "mixture.xml")
    bone = mix.conditions["bone"]
    assert [p.id for p in bone.presentations] == ["upper", "lower"]
    lower = bone.presentations[1]
    assert isinstance(lower, hippain.Presentation)
    assert lower.share == pytest.approx(0.25)
    assert lower.sources == ("t2",)
    assert [(e.finding, e.strength) for e in lower.evidence] == [
        ("groin_pain", pytest.approx(0.1)), ("buttock_pain", pytest.approx(0.9))]
    assert [e.finding for e in bone.evidence] == ["load_jump", "groin_pain"]
    assert mix.conditions["muscle"].presentations == ()
    # labels: English on the record (None without one), other languages with fallback
    assert [p.label for p in bone.presentations] == [None, "Lower bone"]
    assert mix.presentation_label("bone", "lower") == "Lower bone"
    assert mix.presentation_label("bone", "lower", "de") == "Unterer Knochen"
    assert mix.presentation_label("bone", "lower", "de-AT") == "Unterer Knochen (AT)"
    assert mix.presentation_label("bone", "lower", "de-CH") == "Unterer Knochen"
    assert mix.presentation_label("bone", "lower", "fr") == "Lower bone"
    assert mix.presentation_label("bone", "upper", "de") is None
    with pytest.raises(hippain.NotFound):
        mix.presentation_label("bone", "middle")
    with pytest.raises(hippain.NotFound):
        mix.presentation_label("muscle", "lower")
    with pytest.raises(hippain.NotFound):
        mix.presentation_label("groin_pain", "lower")
    # buttock pain without groin pain points at the "lower" site (worked out in
    # tests/test_presentations.c): its evidence is that site's own links
    a = mix.assess({"groin_pain": False, "buttock_pain": True})
    cause = next(c for c in a.causes if c.id == "bone")
    assert list(cause.presentations) == ["upper", "lower"]
    assert sum(cause.presentations.values()) == pytest.approx(1)
    assert cause.presentations["lower"] > 0.5
    assert {e.finding: e.strength for e in cause.evidence} == {
        "buttock_pain": pytest.approx(0.9), "groin_pain": pytest.approx(0.1)}
    assert next(c for c in a.causes if c.id == "muscle").presentations == {}
