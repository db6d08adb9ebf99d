"""Text intake: parse_text() findings, negation, spans as character offsets, numbers,
apply() on a profile, errors."""

import pytest

import hippain


def test_findings_negation_and_spans(onto):
    text = "Äußere Hüfte? no: my outer hip aches at night, no fever. 30 miles a week, 34F"
    r = hippain.parse_text(onto, text)
    by_id = {f.id: f for f in r.findings}
    assert by_id["pain_lateral_hip"].present
    assert by_id["pain_at_night"].present
    assert not by_id["fever_or_chills"].present
    f = by_id["pain_lateral_hip"]
    assert text[f.span[0]:f.span[1]] == f.words == "outer hip"  # characters, not bytes
    assert 0 < f.confidence <= 1
    assert r.runner == {"weekly_km": 48.3, "age": 34, "sex": "female"}
    assert r.answers["fever_or_chills"] is False
    assert "en" in r.languages


def test_german_spanish_and_sides(onto):
    r = hippain.parse_text(onto, "Linke Leiste, kein Fieber", lang="de")
    assert [(f.id, f.present, f.side) for f in r.findings] == [
        ("pain_groin", True, "left"), ("fever_or_chills", False, "left")]
    r = hippain.parse_text(onto, "dolor en el glúteo al correr, tengo 40 años")
    assert {f.id for f in r.findings} == {"pain_buttock", "pain_during_run"}
    assert r.runner == {"age": 40}


def test_apply_then_assess(onto):
    r = hippain.parse_text(onto, "outer hip hurts lying on that side, worse on stairs")
    p = onto.profile()
    r.apply(p)
    assert p.get("pain_lateral_hip") is True
    a = onto.assess(profile=p)
    assert "gluteal_tendinopathy" in [c.id for c in a.causes[:3]]
    other = hippain.Ontology.default()
    with pytest.raises(hippain.InvalidInput):
        r.apply(other.profile())


def test_errors(onto):
    with pytest.raises(hippain.LimitExceeded):
        hippain.parse_text(onto, "x" * (64 * 1024 + 1))
    assert hippain.parse_text(onto, "").findings == []
