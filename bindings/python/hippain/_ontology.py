"""Ontologies and their entries."""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _assessment
from . import _util
from . import hippain_core as _c
from ._errors import InvalidInput, NotFound
from ._records import Record

__all__ = [
    "Ontology", "EntryList", "Entry", "Source", "Finding", "Condition", "RedFlag",
    "DerivedRule", "Exercise", "Advice", "EvidenceLink", "Presentation", "Treatment", "Dosing",
    "Progression", "Contraindication",
]


# ---- Entries -------------------------------------------------------------------------------

class Entry(Record):
    """An ontology entry. Every entry has ``id``, ``index`` (dense index within its kind, in
    file order), ``label`` (English; also ``name``), ``sources`` (source ids) and ``file``
    / ``line`` (where it was defined)."""

    __slots__ = ("id", "index", "label", "sources", "file", "line")
    _repr_fields = ("id", "label")
    entity: str = ""

    @property
    def name(self) -> Optional[str]:
        """The English label (same as ``label``)."""
        return self.label

    def __repr__(self) -> str:
        return "<%s %s %r>" % (type(self).__name__, self.id, self.label)


class Source(Entry):
    """A bibliographic source: ``citation`` and ``url`` (or None)."""
    __slots__ = ("citation", "url")
    entity = "source"


class Treatment(Record):
    """A link to an exercise or advice item: ``kind`` ("exercise" or "advice"), ``id``,
    ``phase`` (plan phase) and ``sources``."""
    __slots__ = ("kind", "id", "phase", "sources")
    _repr_fields = ("kind", "id", "phase")


class Finding(Entry):
    """A symptom, sign, history item or risk factor: ``kind`` ("symptom", "sign",
    "history", "risk_factor"), ``group``, ``base_rate``, ``question`` (yes/no question)
    and ``treatments`` (a risk factor's fixes)."""
    __slots__ = ("kind", "group", "base_rate", "question", "treatments")
    entity = "finding"


class EvidenceLink(Record):
    """A condition's link to a finding: ``finding`` id, ``strength`` = P(finding |
    condition), ``sources``."""
    __slots__ = ("finding", "strength", "sources")
    _repr_fields = ("finding", "strength")


class Presentation(Record):
    """A site or form of a condition with evidence of its own: ``id``, ``label`` (English,
    or None when it has none; other languages with ``Ontology.presentation_label()``),
    ``share`` (of the condition's prior), ``sources`` and ``evidence`` (its own finding
    links, used in place of the condition's links of the same findings)."""
    __slots__ = ("id", "label", "share", "sources", "evidence")
    _repr_fields = ("id", "label", "share")


class Condition(Entry):
    """A cause of hip pain: ``description``, ``prior``, ``seriousness`` ("mild",
    "moderate", "serious", "emergency"), ``suspect_at``, ``evidence`` (finding links),
    ``presentations`` (sites or forms scored as a mixture; empty for most) and
    ``treatments``."""
    __slots__ = ("description", "prior", "seriousness", "suspect_at", "evidence",
                 "presentations", "treatments")
    entity = "condition"


class RedFlag(Entry):
    """A red-flag rule: fires (raising triage to ``level``) when every group of ``groups``
    (a tuple of finding-id tuples: an ``<any-of>``, or one plain finding) has a present
    finding; ``findings`` is every finding it names, ``message`` what the runner is told.
    ``condition`` is the serious condition a don't-miss rule names (None for others)."""
    __slots__ = ("level", "findings", "groups", "condition", "message")
    entity = "red_flag"


class DerivedRule(Entry):
    """A rule making risk factor ``finding`` present when ``metric op threshold``."""
    __slots__ = ("finding", "metric", "op", "threshold")
    entity = "derived_rule"


class Dosing(Record):
    """Default dosing of an exercise (0 means not used for reps, hold and minutes)."""
    __slots__ = ("sets", "reps", "hold_seconds", "minutes", "days_per_week", "effort",
                 "sources")
    _repr_fields = ("sets", "reps", "hold_seconds", "minutes", "days_per_week")


class Progression(Record):
    """How an exercise progresses: every ``every_weeks`` weeks add sets/reps/hold/minutes
    up to their maxima."""
    __slots__ = ("every_weeks", "add_sets", "max_sets", "add_reps", "max_reps",
                 "add_hold_seconds", "max_hold_seconds", "add_minutes", "max_minutes",
                 "effort", "sources")
    _repr_fields = ("every_weeks", "add_sets", "add_reps")


class Contraindication(Record):
    """The exercise is not prescribed while ``condition`` is suspected."""
    __slots__ = ("condition", "reason", "sources")
    _repr_fields = ("condition", "reason")


class Exercise(Entry):
    """An exercise: ``kind`` ("strength", "mobility", ...), ``targets``, ``description``,
    ``cue``, ``dosing``, ``progression`` (or None) and ``contraindications``."""
    __slots__ = ("kind", "targets", "description", "cue", "dosing", "progression",
                 "contraindications")
    entity = "exercise"


class Advice(Entry):
    """An advice item: ``category`` ("training", "form", ...) and ``text``."""
    __slots__ = ("category", "text")
    entity = "advice"


class EntryList(Sequence):
    """The entries of one kind, in file order: a sequence (``len``, index, slice,
    iteration) that can also be indexed by id (``onto.conditions["it_band_syndrome"]``).
    """

    __slots__ = ("_entries", "_by_id", "_kind")

    def __init__(self, kind: str, entries: Iterable[Entry]) -> None:
        self._kind = kind
        self._entries: Tuple[Entry, ...] = tuple(entries)
        self._by_id = {e.id: e for e in self._entries}

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __getitem__(self, key: Union[int, slice, str]) -> Any:
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise NotFound("no %s with id '%s'" % (self._kind.replace("_", " "), key),
                               status=_c.HP_E_NOT_FOUND) from None
        return self._entries[key]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id
        return item in self._entries

    def get(self, id: str, default: Any = None) -> Any:
        """The entry with this id, or ``default``."""
        return self._by_id.get(id, default)

    def ids(self) -> List[str]:
        """The ids, in order."""
        return [e.id for e in self._entries]

    def index(self, item: Any, *args: Any) -> int:  # type: ignore[override]
        """Index of an entry or id."""
        if isinstance(item, str):
            if item not in self._by_id:
                raise ValueError("%r is not in the list" % item)
            return self._by_id[item].index
        return self._entries.index(item, *args)

    def __repr__(self) -> str:
        ids = self.ids()
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        return "<%d %s: %s>" % (len(ids), self._kind + ("s" if len(ids) != 1 else ""), shown)


_KINDS = {
    "source": _c.HP_ENTITY_SOURCE, "finding": _c.HP_ENTITY_FINDING,
    "condition": _c.HP_ENTITY_CONDITION, "red_flag": _c.HP_ENTITY_RED_FLAG,
    "derived_rule": _c.HP_ENTITY_DERIVED_RULE, "exercise": _c.HP_ENTITY_EXERCISE,
    "advice": _c.HP_ENTITY_ADVICE,
}


def _text(h, kind: int, i: int, field: int, lang: Optional[str] = None) -> Optional[str]:
    return _c.hp_ontology_text(h, kind, i, field, lang)


def _base(h, kind: int, i: int, id: str) -> Dict[str, Any]:
    return dict(id=id, index=i, label=_text(h, kind, i, _c.HP_TEXT_LABEL),
                sources=tuple(_util.words(_c.hp_ontology_sources(h, kind, i))),
                file=_c.hpx_ontology_origin_file(h, kind, i),
                line=_c.hpx_ontology_origin_line(h, kind, i) or None)


def _evidence_link(h, link) -> EvidenceLink:
    return EvidenceLink(finding=_c.hp_ontology_id(h, _c.HP_ENTITY_FINDING, link.finding),
                        strength=link.strength, sources=tuple(_util.words(link.sources)))


def _treatments(h, fn, i: int, n: int) -> Tuple[Treatment, ...]:
    out = []
    for j in range(n):
        t = _util.value(fn, h, i, j)
        out.append(Treatment(kind=_util.enum_name(_c.HP_ENUM_ENTITY_KIND, t.kind),
                             id=_c.hp_ontology_id(h, t.kind, t.index),
                             phase=_util.enum_name(_c.HP_ENUM_PHASE, t.phase),
                             sources=tuple(_util.words(t.sources))))
    return tuple(out)


def _build(h, kind_name: str) -> List[Entry]:
    kind = _KINDS[kind_name]
    n = _c.hp_ontology_count(h, kind)
    out: List[Entry] = []
    for i in range(n):
        id = _c.hp_ontology_id(h, kind, i)
        base = _base(h, kind, i, id)
        if kind_name == "source":
            s = _util.value(_c.hpx_ontology_source, h, i)
            out.append(Source(citation=s.citation, url=s.url, **base))
        elif kind_name == "finding":
            f = _util.value(_c.hpx_ontology_finding, h, i)
            out.append(Finding(
                kind=_util.enum_name(_c.HP_ENUM_FINDING_KIND, f.kind),
                group=_util.enum_name(_c.HP_ENUM_FINDING_GROUP, f.group),
                base_rate=f.base_rate,
                question=_text(h, kind, i, _c.HP_TEXT_QUESTION),
                treatments=_treatments(h, _c.hpx_finding_treatment, i, f.n_treatments),
                **base))
        elif kind_name == "condition":
            c = _util.value(_c.hpx_ontology_condition, h, i)
            ev = [_evidence_link(h, _util.value(_c.hpx_condition_evidence, h, i, j))
                  for j in range(c.n_evidence)]
            pres = []
            for k in range(_c.hp_condition_presentation_count(h, i)):
                p = _util.value(_c.hpx_condition_presentation, h, i, k)
                pres.append(Presentation(
                    id=p.id, label=_c.hp_presentation_label(h, i, k, None), share=p.share,
                    sources=tuple(_util.words(p.sources)),
                    evidence=tuple(_evidence_link(h, _util.value(_c.hpx_presentation_evidence,
                                                                 h, i, k, j))
                                   for j in range(p.n_evidence))))
            out.append(Condition(
                description=_text(h, kind, i, _c.HP_TEXT_DESCRIPTION),
                prior=c.prior,
                seriousness=_util.enum_name(_c.HP_ENUM_SERIOUSNESS, c.seriousness),
                suspect_at=c.suspect_at, evidence=tuple(ev), presentations=tuple(pres),
                treatments=_treatments(h, _c.hpx_condition_treatment, i, c.n_treatments),
                **base))
        elif kind_name == "red_flag":
            r = _util.value(_c.hpx_ontology_red_flag, h, i)
            fs = tuple(_c.hp_ontology_id(h, _c.HP_ENTITY_FINDING,
                                         _c.hp_red_flag_finding(h, i, j))
                       for j in range(r.n_findings))
            groups: List[List[str]] = []
            for j, f in enumerate(fs):
                if _c.hp_red_flag_group(h, i, j) == len(groups):
                    groups.append([])
                groups[-1].append(f)
            # (size_t)-1 when it names none: hp_ontology_id() gives None then
            cond = _c.hp_red_flag_condition(h, i)
            out.append(RedFlag(level=_util.enum_name(_c.HP_ENUM_TRIAGE, r.level),
                               findings=fs, groups=tuple(tuple(g) for g in groups),
                               condition=_c.hp_ontology_id(h, _c.HP_ENTITY_CONDITION, cond),
                               message=_text(h, kind, i, _c.HP_TEXT_MESSAGE), **base))
        elif kind_name == "derived_rule":
            d = _util.value(_c.hpx_ontology_derived_rule, h, i)
            out.append(DerivedRule(
                finding=_c.hp_ontology_id(h, _c.HP_ENTITY_FINDING, d.finding),
                metric=_util.enum_name(_c.HP_ENUM_METRIC, d.metric),
                op=_util.enum_name(_c.HP_ENUM_COMPARE, d.op), threshold=d.threshold,
                **base))
        elif kind_name == "exercise":
            x = _util.value(_c.hpx_ontology_exercise, h, i)
            d = x.dosing
            dosing = Dosing(sets=d.sets, reps=d.reps, hold_seconds=d.hold_seconds,
                            minutes=d.minutes, days_per_week=d.days_per_week,
                            effort=_util.enum_name(_c.HP_ENUM_EFFORT, d.effort),
                            sources=tuple(_util.words(d.sources)))
            p = x.progression
            prog = None
            if p.every_weeks:
                prog = Progression(
                    every_weeks=p.every_weeks, add_sets=p.add_sets, max_sets=p.max_sets,
                    add_reps=p.add_reps, max_reps=p.max_reps,
                    add_hold_seconds=p.add_hold_seconds, max_hold_seconds=p.max_hold_seconds,
                    add_minutes=p.add_minutes, max_minutes=p.max_minutes,
                    effort=_util.enum_name(_c.HP_ENUM_EFFORT, p.effort),
                    sources=tuple(_util.words(p.sources)))
            contra = []
            for j in range(x.n_contraindications):
                ci = _util.value(_c.hpx_exercise_contraindication, h, i, j)
                contra.append(Contraindication(
                    condition=_c.hp_ontology_id(h, _c.HP_ENTITY_CONDITION, ci.condition),
                    reason=ci.reason, sources=tuple(_util.words(ci.sources))))
            out.append(Exercise(
                kind=_util.enum_name(_c.HP_ENUM_EXERCISE_KIND, x.kind),
                targets=tuple(_util.words(x.targets)),
                description=_text(h, kind, i, _c.HP_TEXT_DESCRIPTION),
                cue=_text(h, kind, i, _c.HP_TEXT_CUE), dosing=dosing, progression=prog,
                contraindications=tuple(contra), **base))
        elif kind_name == "advice":
            a = _util.value(_c.hpx_ontology_advice, h, i)
            out.append(Advice(category=_util.enum_name(_c.HP_ENUM_ADVICE_CATEGORY, a.category),
                              text=_text(h, kind, i, _c.HP_TEXT_TEXT), **base))
    return out


# ---- The ontology --------------------------------------------------------------------------

_py_assess = _assessment._py_assess
_Assessment = _assessment.Assessment

PathLike = Union[str, "os.PathLike[str]"]


class Ontology:
    """An immutable body of hip-pain knowledge: findings, conditions, red flags, exercises,
    advice and their sources. Thread-safe; share one between threads.

    Make one with :meth:`default` (the ontology built into the library) or :meth:`load`.
    Profiles, assessments, interviews and plans made from it keep it alive.
    """

    __slots__ = ("_h", "_recipe", "_lists", "_ids", "__weakref__")

    def __init__(self, _handle: Any = None, _recipe: Any = None) -> None:
        if _handle is None:
            raise TypeError("use Ontology.default() or Ontology.load(path)")
        self._h = _handle
        self._recipe = _recipe
        self._lists: Dict[str, EntryList] = {}
        self._ids: Optional[Dict[str, int]] = None
        _util.LIVE.add(self)

    def _finding_indices(self) -> Dict[str, int]:
        """Finding id -> index, for reading profile dicts in C (made on first use)."""
        ids = self._ids
        if ids is None:
            ids = self._ids = {f: i for i, f in enumerate(self.finding_ids)}
        return ids

    # -- construction --

    @classmethod
    def default(cls) -> "Ontology":
        """The default ontology compiled into the library (validated when it was built)."""
        return cls(_util.new_object(_c.hpx_load_default), ("default",))

    @classmethod
    def load(cls, path: Optional[PathLike] = None, extensions: Iterable[PathLike] = (), *,
             skip_schema: bool = False, max_input_bytes: int = 0) -> "Ontology":
        """Load an ontology file, with extension files adding entries and translations
        on top of it in order.

        Args:
            path: the base ontology file; None puts the built-in default ontology below
                the extensions instead.
            extensions: further files, each adding to the ones before it.
            skip_schema: skip RELAX NG validation (semantic checks still run); for
                trusted input only.
            max_input_bytes: cap on each file (0: the library's 16 MiB default).

        Raises:
            ParseError: malformed XML (``file``, ``line`` and ``column`` say where).
            SchemaError, SemanticError, DuplicateId, ForbiddenInput, FileError, ...
        """
        paths = ([] if path is None else [os.fspath(path)]) + [os.fspath(p) for p in extensions]
        if path is None and not paths:
            return cls.default()
        flags = (_c.HP_LOAD_WITH_DEFAULT if path is None else 0) | (
            _c.HP_LOAD_SKIP_SCHEMA if skip_schema else 0)
        loader = _c.hpx_loader_new(flags, int(max_input_bytes))
        for p in paths:
            _util.status(_c.hpx_loader_add_file, loader, p)
        h = _util.new_object(_c.hpx_loader_load, loader)
        return cls(h, ("files", path is None, tuple(paths), skip_schema, max_input_bytes))

    @classmethod
    def from_string(cls, xml: Union[str, bytes], name: str = "<memory>",
                    extensions: Sequence[Union[str, bytes]] = (), *,
                    with_default: bool = False) -> "Ontology":
        """Load an ontology from XML text (``name`` is used in error messages); further
        texts in ``extensions`` are named ``name[1]``, ``name[2]``, ..."""
        texts = [xml] + list(extensions)
        data = [t.encode("utf-8") if isinstance(t, str) else bytes(t) for t in texts]
        loader = _c.hpx_loader_new(_c.HP_LOAD_WITH_DEFAULT if with_default else 0, 0)
        for k, d in enumerate(data):
            _util.status(_c.hpx_loader_add_memory, loader,
                         name if k == 0 else "%s[%d]" % (name, k), d)
        h = _util.new_object(_c.hpx_loader_load, loader)
        return cls(h, ("memory", with_default, name, tuple(data)))

    def __reduce__(self):
        """Ontologies pickle as the recipe that loaded them (for Dask workers)."""
        return (_reload, (self._recipe,))

    # -- metadata --

    @property
    def name(self) -> Optional[str]:
        """The name attribute of the base input."""
        return _c.hp_ontology_name(self._h)

    @property
    def version(self) -> Optional[str]:
        """The version attribute of the base input."""
        return _c.hp_ontology_version(self._h)

    @property
    def memory(self) -> int:
        """Bytes of memory the ontology holds."""
        return int(_c.hp_ontology_memory(self._h))

    def __repr__(self) -> str:
        return "<Ontology %s %s: %d conditions, %d findings, %d exercises>" % (
            self.name, self.version, _c.hp_ontology_count(self._h, _c.HP_ENTITY_CONDITION),
            _c.hp_ontology_count(self._h, _c.HP_ENTITY_FINDING),
            _c.hp_ontology_count(self._h, _c.HP_ENTITY_EXERCISE))

    # -- entries --

    def _list(self, kind: str) -> EntryList:
        lst = self._lists.get(kind)
        if lst is None:
            lst = EntryList(kind, _build(self._h, kind))
            self._lists[kind] = lst
        return lst

    @property
    def conditions(self) -> EntryList:
        """The conditions (causes of hip pain), in file order."""
        return self._list("condition")

    @property
    def findings(self) -> EntryList:
        """The findings (symptoms, signs, history, risk factors), in file order."""
        return self._list("finding")

    @property
    def exercises(self) -> EntryList:
        """The exercises, in file order."""
        return self._list("exercise")

    @property
    def sources(self) -> EntryList:
        """The bibliographic sources."""
        return self._list("source")

    @property
    def red_flags(self) -> EntryList:
        """The red-flag rules."""
        return self._list("red_flag")

    @property
    def derived_rules(self) -> EntryList:
        """The rules deriving risk factors from runner metrics."""
        return self._list("derived_rule")

    @property
    def advice(self) -> EntryList:
        """The advice items."""
        return self._list("advice")

    @property
    def condition_ids(self) -> List[str]:
        """Condition ids in ontology order: the columns of :meth:`assess_matrix`."""
        n = _c.hp_ontology_count(self._h, _c.HP_ENTITY_CONDITION)
        return [_c.hp_ontology_id(self._h, _c.HP_ENTITY_CONDITION, i) for i in range(n)]

    @property
    def finding_ids(self) -> List[str]:
        """Finding ids in ontology order."""
        n = _c.hp_ontology_count(self._h, _c.HP_ENTITY_FINDING)
        return [_c.hp_ontology_id(self._h, _c.HP_ENTITY_FINDING, i) for i in range(n)]

    def __getitem__(self, id: str) -> Entry:
        """The entry of any kind with this id (raises :class:`NotFound`)."""
        k = _c.hpx_ontology_kind_of(self._h, id)
        if k < 0:
            raise NotFound("no entry with id '%s'" % id, status=_c.HP_E_NOT_FOUND)
        return self._list(_util.enum_name(_c.HP_ENUM_ENTITY_KIND, k))[id]

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and _c.hpx_ontology_kind_of(self._h, id) >= 0

    def get(self, id: str, default: Any = None) -> Any:
        """The entry with this id, or ``default``."""
        return self[id] if id in self else default

    def text(self, id: str, field: str = "label", lang: Optional[str] = None) -> Optional[str]:
        """A text of an entry in a language, with fallback ("de-AT" tries "de-AT", "de",
        then English). ``field``: label, description, question, message, text, cue,
        citation."""
        k = _c.hpx_ontology_kind_of(self._h, id)
        if k < 0:
            raise NotFound("no entry with id '%s'" % id, status=_c.HP_E_NOT_FOUND)
        f = _util.value(_c.hpx_enum_parse, _c.HP_ENUM_TEXT_FIELD, field)
        i = _c.hp_ontology_index(self._h, k, id)
        return _c.hp_ontology_text(self._h, k, i, f, lang)

    def presentation_label(self, condition: str, presentation: str,
                           lang: Optional[str] = None) -> Optional[str]:
        """The label of a presentation of a condition in a language, with the fallback of
        ``text()``; None when it has none. Raises NotFound for an unknown condition or
        presentation."""
        n = _c.hp_ontology_count(self._h, _c.HP_ENTITY_CONDITION)
        i = _c.hp_ontology_index(self._h, _c.HP_ENTITY_CONDITION, condition) \
            if isinstance(condition, str) else n
        if i >= n:
            raise NotFound("no condition with id '%s'" % condition, status=_c.HP_E_NOT_FOUND)
        for k in range(_c.hp_condition_presentation_count(self._h, i)):
            if _util.value(_c.hpx_condition_presentation, self._h, i, k).id == presentation:
                return _c.hp_presentation_label(self._h, i, k, lang)
        raise NotFound("condition '%s' has no presentation '%s'" % (condition, presentation),
                       status=_c.HP_E_NOT_FOUND)

    # -- using it (implemented in _assessment, _plan and _research) --

    def profile(self, findings: Optional[Dict[str, Any]] = None,
                runner: Optional[Dict[str, Any]] = None, *, name: str = "profile"):
        """A :class:`Profile` from findings (id -> True/False/None, or 1/0/-1) and runner
        numbers (weekly_km, cadence_spm, runs, ... as in the profile JSON)."""
        from ._assessment import Profile
        return Profile._from_parts(self, findings, runner, name)

    def read_runs(self, source: Any, name: Optional[str] = None):
        """The runs of a GPX 1.1 or TCX watch file (a path, or its bytes): a tuple of
        :class:`Run`; ``runner={"runs": [r.to_dict() for r in runs]}`` puts them in a
        profile. Errors as :meth:`Profile.import_runs`."""
        from ._watch import read_runs
        return read_runs(self, source, name)

    def checkins(self, text: Any, name: str = "checkins"):
        """:class:`Checkins` parsed from JSON text (``{"checkins": [...]}``)."""
        from ._checkins import Checkins
        return Checkins.from_json(self, text, name)

    def assess(self, findings: Optional[Dict[str, Any]] = None,
               runner: Optional[Dict[str, Any]] = None, *, profile: Any = None,
               name: str = "profile"):
        """Assess a runner: returns an :class:`Assessment` (triage, ranked causes with
        their evidence, training-load risks, next question).

        Args:
            findings: finding id -> answer (True/False, 1/0/-1, "present"/"absent",
                None for unknown). Ids left out are unknown.
            runner: runner numbers as in the profile JSON (``weekly_km``,
                ``previous_weekly_km``, ``cadence_spm``, ``age``, ``sex``, ``runs``...).
            profile: a :class:`Profile` (or a profile dict) instead of the two above.
            name: name of the input in error messages.

        Raises:
            ValidationError: a wrong type, negative distance, malformed date... (the
                message names the key, e.g. ``runner.runs[2].date``).
            NotFound: an unknown finding id.
        """
        if profile is None:  # _assessment.assess_parts, inlined: the hot path
            h = _py_assess(self._h, self._ids or self._finding_indices(), findings, runner)
            if h is not None:
                return _Assessment(h, self)
            return _assessment.assess_slow(self, findings, runner, name)
        if isinstance(profile, _assessment.Profile):
            return profile.assess()
        f, r = _util.split_profile(profile)
        return _assessment.assess_parts(self, f, r, name)

    def assess_many(self, profiles: Iterable[Any]):
        """Assess many profiles in one call into the library (the interpreter lock is
        released while it runs). Each item is a profile dict ``{"findings": {...},
        "runner": {...}}``, a plain findings dict, or a :class:`Profile`. Returns a
        :class:`Batch` (a sequence of assessments). Errors name the item
        (``profiles[3]``)."""
        from ._assessment import assess_many
        return assess_many(self, profiles)

    def assess_matrix(self, X: Any, columns: Optional[Sequence[str]] = None, *,
                      return_triage: bool = False):
        """The fast path for survey data: assess every row of a 2-D array of answers
        (1 present, 0 absent, -1 unknown; NaN counts as unknown) whose columns are the
        finding ids ``columns`` (taken from a DataFrame's columns when omitted). Returns
        a float64 numpy array of shape (rows, conditions) in :attr:`condition_ids`
        order; with ``return_triage``, also an array of triage levels (0 self_care,
        1 see_clinician, 2 urgent). Runs in C with the interpreter lock released."""
        from ._research import assess_matrix
        return assess_matrix(self, X, columns, return_triage=return_triage)

    def assess_frame(self, df: Any, columns: Optional[Sequence[str]] = None, *,
                     triage: bool = False):
        """:meth:`assess_matrix` for a pandas DataFrame: returns a DataFrame with the same
        index and one probability column per condition (plus "triage" if asked)."""
        from ._research import assess_frame
        return assess_frame(self, df, columns, triage=triage)

    def frame_meta(self, triage: bool = False):
        """An empty DataFrame shaped like :meth:`assess_frame`'s result (Dask ``meta``)."""
        from ._research import frame_meta
        return frame_meta(self, triage=triage)

    def interview(self, findings: Optional[Dict[str, Any]] = None,
                  runner: Optional[Dict[str, Any]] = None, *,
                  stop_probability: float = 0.0, min_gain: float = 0.0,
                  max_questions: int = 0):
        """Start an :class:`Interview`: ask the most useful question, record the answer,
        repeat until a cause is likely enough (``stop_probability``, default 0.8), no
        question gains ``min_gain`` bits (default 0.02) or ``max_questions`` (default 25)
        were answered. Known findings and runner numbers may be given up front."""
        from ._assessment import Interview
        return Interview._start(self, findings, runner, stop_probability, min_gain,
                                max_questions)

    def plan_for(self, conditions: Iterable[str], *, findings: Optional[Dict[str, Any]] = None,
                 runner: Optional[Dict[str, Any]] = None, weeks: int = 0, start: Any = None,
                 run_days: int = 0, target_weekly_km: float = 0.0,
                 lang: Optional[str] = None, contraindication_probability: float = 0.0):
        """A :class:`Plan` for explicit conditions (e.g. a clinician's diagnosis), with the
        runner's numbers if given. Options as in :meth:`Assessment.plan`."""
        from ._plan import plan_for_conditions
        return plan_for_conditions(self, list(conditions), findings, runner, weeks, start,
                                   run_days, target_weekly_km, lang,
                                   contraindication_probability)


def _reload(recipe: Any) -> Ontology:
    if recipe is None:
        raise InvalidInput("this ontology cannot be rebuilt")
    if recipe[0] == "default":
        return Ontology.default()
    if recipe[0] == "files":
        _, with_default, paths, skip_schema, cap = recipe
        if with_default:
            return Ontology.load(None, paths, skip_schema=skip_schema, max_input_bytes=cap)
        return Ontology.load(paths[0], paths[1:], skip_schema=skip_schema,
                             max_input_bytes=cap)
    _, with_default, name, data = recipe
    return Ontology.from_string(data[0], name, data[1:], with_default=with_default)
