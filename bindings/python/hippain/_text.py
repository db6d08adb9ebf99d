"""Text intake: a runner's own words to findings and runner numbers (``text.h``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from . import hippain_core as _c
from . import _errors, _util

_SIDES = {_c.HP_SIDE_UNKNOWN: None, _c.HP_SIDE_LEFT: "left", _c.HP_SIDE_RIGHT: "right",
          _c.HP_SIDE_BOTH: "both"}
_SEXES = {_c.HP_SEX_FEMALE: "female", _c.HP_SEX_MALE: "male", _c.HP_SEX_OTHER: "other"}


@dataclass(frozen=True)
class TextFinding:
    """A finding the text states: ``present`` False when it is negated. ``span`` is the
    (start, end) of the words behind it in the text (character offsets), ``words`` those
    words; ``side`` is "left", "right", "both" or None."""
    id: str
    present: bool
    span: Tuple[int, int]
    words: str
    confidence: float
    side: Optional[str]


@dataclass(frozen=True)
class TextNumber:
    """A runner number the text states (distances in km), e.g. ``weekly_km``."""
    field: str
    value: float
    span: Tuple[int, int]
    words: str


class TextResult:
    """What :func:`parse_text` understood. :meth:`apply` sets it on a profile."""

    def __init__(self, handle: Any, onto: Any, text: str) -> None:
        self._h = handle
        self._onto = onto
        raw = text.encode("utf-8")

        def span(offset: int, length: int) -> Tuple[int, int]:
            start = len(raw[:offset].decode("utf-8", "replace"))
            return start, start + len(raw[offset:offset + length].decode("utf-8", "replace"))

        findings: List[TextFinding] = []
        for i in range(_c.hp_text_result_finding_count(handle)):
            f = _util.value(_c.hpx_text_result_get_finding, handle, i)
            s = span(f.offset, f.length)
            findings.append(TextFinding(
                _c.hp_ontology_id(onto._h, _c.HP_ENTITY_FINDING, f.finding),
                f.answer == _c.HP_ANSWER_PRESENT, s, text[s[0]:s[1]], float(f.confidence),
                _SIDES.get(f.side)))
        numbers: List[TextNumber] = []
        for i in range(_c.hp_text_result_number_count(handle)):
            n = _util.value(_c.hpx_text_result_get_number, handle, i)
            s = span(n.offset, n.length)
            numbers.append(TextNumber(_c.hp_runner_field_name(n.field), float(n.value), s,
                                      text[s[0]:s[1]]))
        #: The findings in text order, each once.
        self.findings: List[TextFinding] = findings
        #: The runner numbers, each field once.
        self.numbers: List[TextNumber] = numbers
        #: "female", "male" or None.
        self.sex: Optional[str] = _SEXES.get(_c.hp_text_result_sex(handle))
        #: The languages the text was read in, e.g. ["en"] or ["en", "de"].
        self.languages: List[str] = [
            x for x in _c.hp_text_result_languages(handle).split(",") if x]

    @property
    def answers(self) -> Dict[str, bool]:
        """The findings as ``{id: present}`` (the shape ``Ontology.assess`` takes)."""
        return {f.id: f.present for f in self.findings}

    @property
    def runner(self) -> Dict[str, Any]:
        """The numbers (and sex) as ``{key: value}`` (the shape ``Ontology.assess`` takes)."""
        out: Dict[str, Any] = {n.field: n.value for n in self.numbers}
        if self.sex:
            out["sex"] = self.sex
        return out

    def apply(self, profile: Any) -> None:
        """Set the findings, numbers and sex on ``profile`` (of the same ontology)."""
        err = _errors.new_error()
        _errors.check(err, _c.hp_text_result_apply(self._h, profile._h, err))

    def __repr__(self) -> str:
        return f"TextResult(findings={self.findings!r}, numbers={self.numbers!r})"


def parse_text(onto: Any, text: str, lang: Optional[str] = None) -> TextResult:
    """Parse a runner's description (English, German, Spanish or any language of the
    ontology's lexicon; ``lang=None`` detects it) into findings and runner numbers."""
    handle = _util.new_object(_c.hpx_text_parse, onto._h, text, lang or "")
    return TextResult(handle, onto, text)
