"""Profiles, assessments, batches and interviews."""

from __future__ import annotations

import json
import math
import threading
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _util
from . import hippain_core as _c
from ._errors import InvalidInput, NotFound, StateError, check, new_error
from ._records import Record

__all__ = ["Profile", "Assessment", "Triage", "TriageReason", "DontMiss", "Cause", "Evidence", "Risk",
           "Question", "Batch", "Interview"]

TRIAGE_LEVELS = ("self_care", "see_clinician", "urgent")

_METRICS = [(m, _c.hp_enum_name(_c.HP_ENUM_METRIC, m)) for m in range(_c.HP_METRIC_COUNT)]

# The C functions themselves (no Python wrapper frame): the hot path of Ontology.assess().
_py_profile = _c._hippain_core.hpx_py_profile
_py_assess = _c._hippain_core.hpx_py_assess
_live_add = _util.LIVE.add


def _answer_value(v: Any) -> int:
    a = _util.answer_json(v)
    if a is True:
        return _c.HP_ANSWER_PRESENT
    if a is False:
        return _c.HP_ANSWER_ABSENT
    if a is _util._MISSING:
        return _c.HP_ANSWER_UNKNOWN
    raise InvalidInput("an answer is True/False/None, 1/0/-1 or 'present'/'absent'/'unknown', "
                       "not %r" % (v,), status=_c.HP_E_INVALID)


# ---- Profiles ------------------------------------------------------------------------------

class Profile:
    """What a runner reports: findings, runner numbers and a run log. Made by
    :meth:`Ontology.profile`; keeps its ontology alive."""

    __slots__ = ("_h", "_onto", "__weakref__")

    def __init__(self, _handle: Any, _onto: Any) -> None:
        self._h = _handle
        self._onto = _onto
        _util.LIVE.add(self)

    @classmethod
    def _from_parts(cls, onto: Any, findings: Any, runner: Any, name: str) -> "Profile":
        return cls(_profile_handle(onto, findings, runner, name), onto)

    @classmethod
    def from_json(cls, onto: Any, text: str, name: str = "profile") -> "Profile":
        """Parse profile JSON text (the format of the profile specification)."""
        return cls(_util.new_object(_c.hpx_profile_from_json, onto._h, text, name), onto)

    @property
    def ontology(self):
        """The ontology the profile refers to."""
        return self._onto

    @property
    def findings(self) -> Dict[str, bool]:
        """Answered findings: id -> True (present) / False (absent)."""
        out = {}
        h = self._h
        for i in range(_c.hp_ontology_count(self._onto._h, _c.HP_ENTITY_FINDING)):
            a = _c.hp_profile_get_index(h, i)
            if a != _c.HP_ANSWER_UNKNOWN:
                out[_c.hp_ontology_id(self._onto._h, _c.HP_ENTITY_FINDING, i)] = (
                    a == _c.HP_ANSWER_PRESENT)
        return out

    @property
    def answered(self) -> int:
        """How many findings are present or absent."""
        return int(_c.hp_profile_answered(self._h))

    def get(self, finding: str) -> Optional[bool]:
        """True, False, or None (unknown) for a finding id."""
        a = _c.hp_profile_get(self._h, finding)
        return None if a == _c.HP_ANSWER_UNKNOWN else a == _c.HP_ANSWER_PRESENT

    def set(self, finding: str, answer: Any) -> None:
        """Set a finding (True/False/None, 1/0/-1, "present"/"absent"/"unknown")."""
        _util.status(_c.hp_profile_set, self._h, finding, _answer_value(answer))

    def runner(self, field: str) -> Optional[float]:
        """A numeric runner field ("weekly_km", "cadence_spm", ...), or None if unset."""
        for f in range(_c.HP_RUNNER_FIELD_COUNT):
            if _c.hp_runner_field_name(f) == field:
                err = _c.hp_error()
                v = _c.hpx_profile_runner(self._h, f, err)
                return None if err.code else v
        raise InvalidInput("no runner field '%s'" % field, status=_c.HP_E_INVALID)

    def copy(self) -> "Profile":
        """A deep copy."""
        return Profile(_util.new_object(_c.hpx_profile_copy, self._h), self._onto)

    def to_json(self) -> str:
        """The profile as JSON."""
        return _util.string(_c.hpx_profile_to_json, self._h)

    def to_dict(self) -> Dict[str, Any]:
        """The profile as a dict (``{"findings": {...}, "runner": {...}}``)."""
        return json.loads(self.to_json())

    def assess(self) -> "Assessment":
        """Assess this profile."""
        return Assessment(_util.new_object(_c.hpx_assess, self._h), self._onto)

    # -- the run log and watch files (implemented in _watch) --

    def import_runs(self, source: Any, name: Optional[str] = None) -> int:
        """Append the runs of a GPX 1.1 or TCX watch file (a path, or its bytes with an
        optional ``name`` for errors) to the run log, all or nothing; returns how many runs
        were added. A broken or hostile file raises :class:`ParseError` (or another
        :class:`InputError`) with ``file`` and ``line``."""
        from ._watch import import_runs
        return import_runs(self, source, name)

    @property
    def runs(self) -> Tuple[Any, ...]:
        """The run log: :class:`Run` records (date, km, minutes, effort, cadence_spm,
        elevation_gain_m), in the order added."""
        from ._watch import profile_runs
        return profile_runs(self)

    def add_run(self, date: Any, km: float, minutes: Optional[float] = None,
                effort: Optional[float] = None, *, cadence_spm: Optional[float] = None,
                elevation_gain_m: Optional[float] = None) -> None:
        """Append a run ("YYYY-MM-DD" or a date; None: not known)."""
        from ._watch import add_run
        add_run(self, date, km, minutes, effort, cadence_spm, elevation_gain_m)

    def __repr__(self) -> str:
        return "<Profile %d answered>" % self.answered


def _profile_handle(onto: Any, findings: Any, runner: Any, name: str) -> Any:
    """A library profile from findings and runner dicts: set straight from the dicts when
    they hold the usual types (``hpx_py_profile``), else through the profile JSON, which
    gives the same profile or the error naming the key."""
    ids = onto._finding_indices()
    h = _py_profile(onto._h, ids, findings, runner)
    if h is None:
        doc = _util.profile_document(findings, runner)  # survey codes, NaN, numpy scalars...
        h = _py_profile(onto._h, ids, doc.get("findings"), doc.get("runner"))
        if h is None:
            h = _util.new_object(_c.hpx_profile_from_json, onto._h,
                                 _util.document_json(doc), name)
    return h


def assess_parts(onto: Any, findings: Any, runner: Any, name: str) -> "Assessment":
    """Ontology.assess(findings, runner): the profile is set from the dicts and assessed in
    one call into the library (the interpreter lock released while assessing) when the
    dicts hold the usual types; otherwise through :func:`_profile_handle`. (Ontology.assess
    inlines the first step.)"""
    h = _py_assess(onto._h, onto._ids or onto._finding_indices(), findings, runner)
    if h is None:
        return assess_slow(onto, findings, runner, name)
    return Assessment(h, onto)


def assess_slow(onto: Any, findings: Any, runner: Any, name: str) -> "Assessment":
    """What :func:`assess_parts` does when the dicts are not plain."""
    return Profile(_profile_handle(onto, findings, runner, name), onto).assess()


# ---- Assessment records --------------------------------------------------------------------

class TriageReason(Record):
    """Why the triage level is what it is: ``level``, ``kind`` ("red_flag" or
    "suspected_condition"), ``rule`` or ``condition``, the ``findings`` involved, the
    ``text`` for the runner and ``sources``."""
    __slots__ = ("level", "kind", "rule", "condition", "findings", "text", "sources")
    _repr_fields = ("level", "kind", "rule", "condition")


def _reason(r: Any) -> TriageReason:
    """A TriageReason from the C record."""
    return TriageReason(level=_util.enum_name(_c.HP_ENUM_TRIAGE, r.level),
                        kind="red_flag" if r.rule else "suspected_condition",
                        rule=r.rule, condition=r.condition,
                        findings=tuple(_util.words(r.findings)), text=r.text,
                        sources=tuple(_util.words(r.sources)))


class DontMiss(Record):
    """A serious condition not to miss, listed apart from the ranking: ``id``, ``name``,
    ``rank`` (its position among :attr:`Assessment.causes`, 0 for the most likely),
    ``probability``, ``level`` (the most urgent its reasons call for) and ``reasons``
    (:class:`TriageReason`: the don't-miss rules that fired, or its suspicion)."""
    __slots__ = ("id", "name", "rank", "probability", "level", "reasons")
    _repr_fields = ("id", "level", "rank")


class Triage(Record):
    """Triage: ``level`` ("self_care", "see_clinician" or "urgent") and ``reasons``
    (most urgent first). ``rank`` is 0, 1 or 2."""
    __slots__ = ("level", "reasons")
    _repr_fields = ("level",)

    @property
    def rank(self) -> int:
        """0 (self_care), 1 (see_clinician) or 2 (urgent)."""
        return TRIAGE_LEVELS.index(self.level)

    @property
    def urgent(self) -> bool:
        """Whether urgent care is needed today."""
        return self.level == "urgent"


class Evidence(Record):
    """One piece of evidence for (``weight`` > 0) or against a cause: ``finding`` id,
    ``label``, ``answer`` ("present"/"absent"), ``derived`` (from runner metrics),
    ``weight`` (natural-log likelihood ratio), ``strength``, ``sources``."""
    __slots__ = ("finding", "label", "answer", "derived", "weight", "strength", "sources")
    _repr_fields = ("finding", "answer", "weight")

    @property
    def direction(self) -> str:
        """"for" or "against"."""
        return "for" if self.weight >= 0 else "against"


class Cause(Record):
    """A ranked cause: ``id``, ``name``, ``probability``, ``prior``, ``score``,
    ``suspected``, ``seriousness``, ``evidence`` (strongest first) and ``presentations``
    (for a condition with sites or forms of its own: presentation id -> its probability
    given this cause, in ontology order; the evidence is the most probable one's; empty
    for other conditions)."""
    __slots__ = ("id", "name", "probability", "prior", "score", "suspected", "seriousness",
                 "evidence", "presentations")
    _repr_fields = ("id", "probability")

    def __repr__(self) -> str:
        return "<Cause %s p=%.3f>" % (self.id, self.probability)


class Risk(Record):
    """A training-load risk from the runner's numbers: the risk-factor ``finding`` made
    present, its ``rule``, ``metric`` ``value`` ``op`` ``threshold``, an explanation
    ``text`` and ``sources``."""
    __slots__ = ("finding", "rule", "metric", "value", "op", "threshold", "text", "sources")
    _repr_fields = ("finding", "metric", "value")


class Question(str):
    """A question to ask: the finding id (it *is* that string) with ``text`` (the yes/no
    question), ``label``, ``gain`` (expected information gain in bits) and ``red_flag``
    (whether it belongs to a red-flag rule)."""

    id: str
    text: Optional[str]
    label: Optional[str]
    gain: float
    red_flag: bool

    def __new__(cls, id: str, text: Optional[str], label: Optional[str], gain: float,
                red_flag: bool) -> "Question":
        q = super().__new__(cls, id)
        q.id = id
        q.text = text
        q.label = label
        q.gain = gain
        q.red_flag = red_flag
        return q

    def __repr__(self) -> str:
        return "<Question %s: %r>" % (self.id, self.text)

    def __reduce__(self):
        return (Question, (self.id, self.text, self.label, self.gain, self.red_flag))


def _question(onto: Any, finding: Optional[str], gain: float) -> Optional[Question]:
    if not finding:
        return None
    h = onto._h
    i = _c.hp_ontology_index(h, _c.HP_ENTITY_FINDING, finding)
    red = any(finding in r.findings for r in onto.red_flags)
    return Question(finding, _c.hp_ontology_text(h, _c.HP_ENTITY_FINDING, i,
                                                 _c.HP_TEXT_QUESTION, None),
                    _c.hp_ontology_text(h, _c.HP_ENTITY_FINDING, i, _c.HP_TEXT_LABEL, None),
                    float(gain), red)


# ---- Assessment ----------------------------------------------------------------------------

class Assessment:
    """The result of assessing a profile (immutable). Keeps its ontology alive.

    Attributes are computed on first use: :attr:`triage`, :attr:`causes` (most likely
    first), :attr:`risk_factors`, :attr:`next_question`, :attr:`metrics`.
    """

    __slots__ = ("_h", "_onto", "_cache", "__weakref__")

    def __init__(self, _handle: Any, _onto: Any) -> None:
        self._h = _handle
        self._onto = _onto
        self._cache: Dict[str, Any] = {}
        _live_add(self)

    @property
    def ontology(self):
        """The ontology the assessment was made with."""
        return self._onto

    @property
    def triage(self) -> Triage:
        """The triage level and its reasons."""
        t = self._cache.get("triage")
        if t is None:
            h = self._h
            reasons = [_reason(_util.value(_c.hpx_assessment_reason, h, i))
                       for i in range(_c.hp_assessment_reason_count(h))]
            t = Triage(level=_util.enum_name(_c.HP_ENUM_TRIAGE, _c.hp_assessment_triage(h)),
                       reasons=tuple(reasons))
            self._cache["triage"] = t
        return t

    @property
    def dont_miss(self) -> Tuple[DontMiss, ...]:
        """The serious conditions not to miss, the most urgent first, then the most
        probable: named by a don't-miss rule that fired, or suspected."""
        d = self._cache.get("dont_miss")
        if d is None:
            h, oh = self._h, self._onto._h
            out = []
            for i in range(_c.hp_assessment_dont_miss_count(h)):
                e = _util.value(_c.hpx_assessment_dont_miss, h, i)
                out.append(DontMiss(
                    id=e.id,
                    name=_c.hp_ontology_text(oh, _c.HP_ENTITY_CONDITION, e.condition,
                                             _c.HP_TEXT_LABEL, None),
                    rank=e.rank, probability=e.probability,
                    level=_util.enum_name(_c.HP_ENUM_TRIAGE, e.level),
                    reasons=tuple(_reason(_util.value(_c.hpx_assessment_dont_miss_reason,
                                                      h, i, j))
                                  for j in range(e.n_reasons))))
            d = self._cache["dont_miss"] = tuple(out)
        return d

    @property
    def causes(self) -> List[Cause]:
        """Every condition of the ontology, most likely first (probabilities sum to 1)."""
        cs = self._cache.get("causes")
        if cs is None:
            h, oh = self._h, self._onto._h
            seriousness = {c.id: c.seriousness for c in self._onto.conditions}
            cs = []
            err = new_error()  # written only on failure: one for the whole loop
            for i in range(_c.hp_assessment_cause_count(h)):
                c = _c.hpx_assessment_cause(h, i, err)
                ev = []
                for j in range(c.n_evidence):
                    e = _c.hpx_assessment_evidence(h, i, j, err)
                    ev.append(Evidence(
                        finding=e.finding,
                        label=_c.hp_ontology_text(oh, _c.HP_ENTITY_FINDING, e.finding_index,
                                                  _c.HP_TEXT_LABEL, None),
                        answer=_util.enum_name(_c.HP_ENUM_ANSWER, e.answer),
                        derived=bool(e.derived), weight=e.weight, strength=e.strength,
                        sources=tuple(_util.words(e.sources))))
                cs.append(Cause(
                    id=c.id,
                    name=_c.hp_ontology_text(oh, _c.HP_ENTITY_CONDITION, c.condition,
                                             _c.HP_TEXT_LABEL, None),
                    probability=c.probability, prior=c.prior, score=c.score,
                    suspected=bool(c.suspected), seriousness=seriousness.get(c.id),
                    evidence=tuple(ev), presentations={
                        _util.value(_c.hpx_condition_presentation, oh, c.condition, k).id:
                        _c.hp_assessment_presentation_probability(h, c.condition, k)
                        for k in range(_c.hp_condition_presentation_count(oh, c.condition))}))
            check(err)
            self._cache["causes"] = cs
        return list(cs)

    @property
    def top(self) -> Cause:
        """The most likely cause."""
        return self.causes[0]

    @property
    def probabilities(self) -> Dict[str, float]:
        """Condition id -> probability, in ontology order."""
        oh = self._onto._h
        n = _c.hp_ontology_count(oh, _c.HP_ENTITY_CONDITION)
        return {_c.hp_ontology_id(oh, _c.HP_ENTITY_CONDITION, k):
                _c.hp_assessment_probability(self._h, k) for k in range(n)}

    def probability(self, condition: str) -> float:
        """The probability of one condition id."""
        k = _c.hp_ontology_index(self._onto._h, _c.HP_ENTITY_CONDITION, condition)
        if k >= _c.hp_ontology_count(self._onto._h, _c.HP_ENTITY_CONDITION):
            raise NotFound("no condition with id '%s'" % condition, status=_c.HP_E_NOT_FOUND)
        return _c.hp_assessment_probability(self._h, k)

    @property
    def risk_factors(self) -> List[Risk]:
        """Training-load risks found from the runner's numbers."""
        rs = self._cache.get("risks")
        if rs is None:
            h = self._h
            rs = []
            for i in range(_c.hp_assessment_risk_count(h)):
                r = _util.value(_c.hpx_assessment_risk, h, i)
                rs.append(Risk(finding=r.finding, rule=r.rule,
                               metric=_util.enum_name(_c.HP_ENUM_METRIC, r.metric),
                               value=r.value, op=_util.enum_name(_c.HP_ENUM_COMPARE, r.op),
                               threshold=r.threshold, text=r.text,
                               sources=tuple(_util.words(r.sources))))
            self._cache["risks"] = rs
        return list(rs)

    @property
    def next_question(self) -> Optional[Question]:
        """The most useful question to ask next (a :class:`Question`, which is the finding
        id string), or None when no question is worth asking."""
        if "next" not in self._cache:
            self._cache["next"] = _question(
                self._onto, _c.hp_assessment_next_question(self._h),
                _c.hp_assessment_next_question_gain(self._h))
        return self._cache["next"]

    @property
    def metrics(self) -> Dict[str, float]:
        """Training metrics computed from the runner's numbers (those that are known)."""
        out = {}
        for m, name in _METRICS:
            err = _c.hp_error()
            v = _c.hpx_assessment_metric(self._h, m, err)
            if not err.code and not math.isnan(v):
                out[name] = v
        return out

    @property
    def profile(self) -> Profile:
        """A copy of the profile as assessed (derived findings applied)."""
        return Profile(_util.new_object(_c.hpx_assessment_profile, self._h), self._onto)

    def to_json(self, lang: Optional[str] = None, pretty: bool = False) -> str:
        """The assessment as JSON (the library's format; labels in ``lang``)."""
        return _util.string(_c.hpx_assessment_to_json, self._h, lang,
                            _c.HP_JSON_PRETTY if pretty else 0)

    def to_dict(self, lang: Optional[str] = None) -> Dict[str, Any]:
        """The assessment as a dict (parsed :meth:`to_json`)."""
        return json.loads(self.to_json(lang))

    def plan(self, weeks: int = 0, start: Any = None, *, run_days: int = 0,
             target_weekly_km: float = 0.0, lang: Optional[str] = None,
             contraindication_probability: float = 0.0):
        """A phased rehabilitation / prevention :class:`Plan` from this assessment.

        Args:
            weeks: number of weeks, 1-52 (default 8).
            start: first day, a ``datetime.date`` or "YYYY-MM-DD" (default: the day after
                the profile's as-of date).
            run_days: run days a week, 1-6 (default: the profile's, else 3).
            target_weekly_km: weekly distance to build towards.
            lang: language of texts.
            contraindication_probability: causes at or above this probability veto
                contraindicated exercises (default 0.1).
        """
        from ._plan import plan_from_assessment
        return plan_from_assessment(self, weeks, start, run_days, target_weekly_km, lang,
                                    contraindication_probability)

    def to_frame(self):
        """The causes as a pandas DataFrame (one row per cause, most likely first)."""
        from ._research import assessment_frame
        return assessment_frame(self)

    def plot(self, ax: Any = None, top: int = 8, evidence: int = 3):
        """A bar chart of the differential with the strongest evidence of each cause
        (matplotlib); returns the Axes."""
        from .plotting import plot_differential
        return plot_differential(self, ax=ax, top=top, evidence=evidence)

    def __repr__(self) -> str:
        return "<Assessment triage=%s top=%s p=%.3f>" % (
            _util.enum_name(_c.HP_ENUM_TRIAGE, _c.hp_assessment_triage(self._h)),
            self.top.id, self.top.probability) if _c.hp_assessment_cause_count(self._h) \
            else "<Assessment (no causes)>"


# ---- Batches -------------------------------------------------------------------------------

class Batch(Sequence):
    """The assessments of :meth:`Ontology.assess_many`, in input order."""

    __slots__ = ("_items", "_onto")

    def __init__(self, onto: Any, items: List[Assessment]) -> None:
        self._onto = onto
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):  # type: ignore[override]
        return self._items[i]

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self._items)

    @property
    def condition_ids(self) -> List[str]:
        """Column order of :meth:`probabilities`."""
        return self._onto.condition_ids

    def probabilities(self):
        """A numpy array (profiles x conditions) of probabilities."""
        import numpy as np
        n = len(self._onto.condition_ids)
        out = np.empty((len(self._items), n), dtype=np.float64)
        for r, a in enumerate(self._items):
            for k in range(n):
                out[r, k] = _c.hp_assessment_probability(a._h, k)
        return out

    @property
    def triage(self) -> List[str]:
        """The triage level of each assessment."""
        return [_util.enum_name(_c.HP_ENUM_TRIAGE, _c.hp_assessment_triage(a._h))
                for a in self._items]

    def to_frame(self):
        """A pandas DataFrame: one row per profile, with triage, top cause and one
        probability column per condition."""
        from ._research import batch_frame
        return batch_frame(self)

    def __repr__(self) -> str:
        return "<Batch of %d assessments>" % len(self._items)


def assess_many(onto: Any, profiles: Iterable[Any]) -> Batch:
    lines = []
    for k, p in enumerate(profiles):
        if isinstance(p, Profile):
            text = p.to_json()
            lines.append(json.dumps(json.loads(text), separators=(",", ":")))
        elif isinstance(p, str):
            lines.append(json.dumps(json.loads(p), separators=(",", ":")))
        else:
            f, r = _util.split_profile(p)
            lines.append(_util.profile_json(f, r))
    data = ("\n".join(lines)).encode("utf-8")
    if not lines:
        return Batch(onto, [])
    batch = _util.new_object(_c.hpx_assess_ndjson, onto._h, data)
    items = [Assessment(_c.hpx_batch_take(batch, i), onto)
             for i in range(_c.hpx_batch_size(batch))]
    return Batch(onto, items)


# ---- Interviews ----------------------------------------------------------------------------

class Interview:
    """Step-by-step questioning (made by :meth:`Ontology.interview`)::

        iv = onto.interview()
        while not iv.done:
            q = iv.question              # a Question: the finding id, with .text
            iv.answer(ask_user(q.text))  # True / False / None ("don't know")
        result = iv.assessment

    Iterating yields the questions (answer each before asking for the next). An interview
    is not meant to be shared by threads (a lock guards it anyway).
    """

    __slots__ = ("_h", "_onto", "_lock", "__weakref__")

    def __init__(self, _handle: Any, _onto: Any) -> None:
        self._h = _handle
        self._onto = _onto
        self._lock = threading.Lock()
        _util.LIVE.add(self)

    @classmethod
    def _start(cls, onto: Any, findings: Any, runner: Any, stop_probability: float,
               min_gain: float, max_questions: int) -> "Interview":
        initial = None
        if findings or runner:
            initial = Profile._from_parts(onto, findings, runner, "profile")
        h = _util.new_object(_c.hpx_interview_new, onto._h,
                             initial._h if initial is not None else None,
                             float(stop_probability), float(min_gain), int(max_questions))
        return cls(h, onto)

    @property
    def question(self) -> Optional[Question]:
        """The question to ask now, or None when the interview is done."""
        with self._lock:
            f = _c.hp_interview_question(self._h)
            if not f:
                return None
            a = _util.new_object(_c.hpx_interview_assessment, self._h)
            gain = _c.hp_assessment_next_question_gain(a) \
                if _c.hp_assessment_next_question(a) == f else 0.0
            del a
        return _question(self._onto, f, gain)

    def answer(self, value: Any) -> None:
        """Answer the current question: True (present), False (absent) or None ("don't
        know": it will not be asked again). Also 1/0/-1 and "present"/"absent"/"unknown".
        Raises :class:`StateError` when the interview is done."""
        v = _answer_value(value)
        with self._lock:
            _util.status(_c.hp_interview_answer, self._h, v)

    def back(self) -> None:
        """Undo the last answer (:class:`StateError` if nothing was answered)."""
        with self._lock:
            _util.status(_c.hp_interview_back, self._h)

    @property
    def done(self) -> bool:
        """Whether the interview should stop."""
        return bool(_c.hp_interview_done(self._h))

    @property
    def answered(self) -> int:
        """How many questions were answered."""
        return int(_c.hp_interview_answered(self._h))

    @property
    def assessment(self) -> Assessment:
        """The assessment of the answers so far (a new, independent object)."""
        with self._lock:
            return Assessment(_util.new_object(_c.hpx_interview_assessment, self._h),
                              self._onto)

    @property
    def profile(self) -> Profile:
        """A copy of the profile so far."""
        with self._lock:
            return Profile(_util.new_object(_c.hpx_interview_profile, self._h), self._onto)

    def __iter__(self) -> Iterator[Question]:
        while True:
            q = self.question
            if q is None:
                return
            before = self.answered
            yield q
            if self.answered == before and self.question == q:
                raise StateError("answer() the question before asking for the next one",
                                 status=_c.HP_E_STATE)

    def __repr__(self) -> str:
        return "<Interview answered=%d done=%s>" % (self.answered, self.done)
