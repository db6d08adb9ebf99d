"""Phased rehabilitation and prevention plans."""

from __future__ import annotations

import datetime
import json
from typing import Any, Dict, List, Optional, Tuple

from . import _util
from . import hippain_core as _c
from ._errors import check, new_error
from ._records import Record

__all__ = ["Plan", "Phase", "Week", "Day", "Session", "SessionItem", "PlanAdvice"]


class SessionItem(Record):
    """An exercise prescribed in a session: ``id``, ``name``, ``sets``, ``reps``,
    ``hold_seconds``, ``minutes`` (0 when not used), ``effort``, ``why`` (ids of the
    causes / risk factors it addresses) and ``sources``."""
    __slots__ = ("id", "name", "sets", "reps", "hold_seconds", "minutes", "effort", "why",
                 "sources")
    _repr_fields = ("id", "sets", "reps", "hold_seconds")


class Session(Record):
    """A session of a day: ``kind`` ("run", "walk_run", "strength", "mobility",
    "warm_up", "cool_down", "cross_training", "rest"), ``km``, ``minutes``,
    ``cadence_spm``, walk-run ``walk_minutes``/``run_minutes``/``repeats``, form ``cue``
    (advice id), ``notes`` and ``items``."""
    __slots__ = ("kind", "km", "minutes", "cadence_spm", "walk_minutes", "run_minutes",
                 "repeats", "cue", "notes", "items")
    _repr_fields = ("kind", "km", "minutes")


class Day(Record):
    """A day: ``date`` (``datetime.date``) and its ``sessions``."""
    __slots__ = ("date", "sessions")
    _repr_fields = ("date",)


class Week(Record):
    """A week: ``index`` (1-based), ``phase`` ("settle", "strengthen", "return",
    "build"), ``run_km`` (run and walk-run distance), ``walk_run_stage`` (0 when running
    continuously or not at all), ``cadence_spm`` target and ``days``."""
    __slots__ = ("index", "phase", "run_km", "walk_run_stage", "cadence_spm", "days")
    _repr_fields = ("index", "phase", "run_km")


class Phase(Record):
    """A run of consecutive weeks in the same phase: ``name`` and ``weeks``."""
    __slots__ = ("name", "weeks")

    def __repr__(self) -> str:
        return "<Phase %s weeks %s>" % (self.name, [w.index for w in self.weeks])


class PlanAdvice(Record):
    """Standing advice of a plan: ``id``, ``text``, ``why`` and ``sources``."""
    __slots__ = ("id", "text", "why", "sources")
    _repr_fields = ("id", "why")


def _start(start: Any) -> Optional[str]:
    if start is None:
        return None
    if isinstance(start, (datetime.date, datetime.datetime)):
        return start.isoformat()[:10]
    return str(start)


class Plan:
    """A phased plan (immutable): :attr:`weeks` of days of sessions, grouped into
    :attr:`phases`, with standing :attr:`advice`; exports :meth:`to_json`,
    :meth:`to_markdown` and :meth:`to_ical`. Keeps its ontology alive."""

    __slots__ = ("_h", "_onto", "_weeks", "__weakref__")

    def __init__(self, _handle: Any, _onto: Any) -> None:
        self._h = _handle
        self._onto = _onto
        self._weeks: Optional[Tuple[Week, ...]] = None
        _util.LIVE.add(self)

    @property
    def ontology(self):
        """The ontology the plan was made with."""
        return self._onto

    @property
    def triage(self) -> str:
        """The triage level the plan was made under (no weeks under "urgent")."""
        return _util.enum_name(_c.HP_ENUM_TRIAGE, _c.hp_plan_triage(self._h))

    @property
    def pain_model(self) -> str:
        """"bone" when a bone stress injury is among the plan's likely causes (check-ins
        then move on only pain-free), else "soft_tissue"."""
        return "bone" if _c.hp_plan_pain_model(self._h) == _c.HP_PAIN_MODEL_BONE else "soft_tissue"

    @property
    def weeks(self) -> List[Week]:
        """The weeks, in order."""
        if self._weeks is None:
            self._weeks = tuple(self._build_week(w)
                                for w in range(_c.hp_plan_week_count(self._h)))
        return list(self._weeks)

    def _build_week(self, w: int) -> Week:
        h, oh = self._h, self._onto._h
        err = new_error()  # one record for the whole week: the library writes it only on failure
        wk = _c.hpx_plan_week(h, w, err)
        days = []
        for d in range(wk.n_days):
            day = _c.hpx_plan_day(h, w, d, err)
            sessions = []
            for s in range(day.n_sessions):
                se = _c.hpx_plan_session(h, w, d, s, err)
                items = []
                for i in range(se.n_items):
                    it = _c.hpx_plan_item(h, w, d, s, i, err)
                    idx = _c.hp_ontology_index(oh, _c.HP_ENTITY_EXERCISE, it.id)
                    items.append(SessionItem(
                        id=it.id,
                        name=_c.hp_ontology_text(oh, _c.HP_ENTITY_EXERCISE, idx,
                                                 _c.HP_TEXT_LABEL, None),
                        sets=it.sets, reps=it.reps, hold_seconds=it.hold_seconds,
                        minutes=it.minutes,
                        effort=_util.enum_name(_c.HP_ENUM_EFFORT, it.effort),
                        why=tuple(_util.words(it.why)),
                        sources=tuple(_util.words(it.sources))))
                sessions.append(Session(
                    kind=_util.enum_name(_c.HP_ENUM_SESSION_KIND, se.kind), km=se.km,
                    minutes=se.minutes, cadence_spm=se.cadence_spm,
                    walk_minutes=se.walk_minutes, run_minutes=se.run_minutes,
                    repeats=se.repeats, cue=se.cue, notes=getattr(se, "notes", None),
                    items=tuple(items)))
            days.append(Day(date=_util.date_of(day.date), sessions=tuple(sessions)))
        check(err)
        return Week(index=wk.index, phase=_util.enum_name(_c.HP_ENUM_PHASE, wk.phase),
                    run_km=wk.run_km, walk_run_stage=wk.walk_run_stage,
                    cadence_spm=wk.cadence_spm, days=tuple(days))

    @property
    def phases(self) -> List[Phase]:
        """The phases in order, each with its (consecutive) weeks."""
        out: List[Phase] = []
        for wk in self.weeks:
            if out and out[-1].name == wk.phase:
                out[-1] = Phase(name=wk.phase, weeks=out[-1].weeks + (wk,))
            else:
                out.append(Phase(name=wk.phase, weeks=(wk,)))
        return out

    @property
    def weekly_km(self) -> List[float]:
        """Running volume of each week (run and walk-run km)."""
        err = new_error()
        out = [_c.hpx_plan_week(self._h, w, err).run_km
               for w in range(_c.hp_plan_week_count(self._h))]
        check(err)
        return out

    @property
    def advice(self) -> List[PlanAdvice]:
        """Standing advice items."""
        h, oh = self._h, self._onto._h
        out = []
        for i in range(_c.hp_plan_advice_count(h)):
            a = _util.value(_c.hpx_plan_advice, h, i)
            idx = _c.hp_ontology_index(oh, _c.HP_ENTITY_ADVICE, a.id)
            out.append(PlanAdvice(id=a.id,
                                  text=_c.hp_ontology_text(oh, _c.HP_ENTITY_ADVICE, idx,
                                                           _c.HP_TEXT_TEXT, None),
                                  why=tuple(_util.words(a.why)),
                                  sources=tuple(_util.words(a.sources))))
        return out

    def revise(self, checkins: Any, profile: Any = None, *, run_days: int = 0,
               target_weekly_km: float = 0.0, lang: Optional[str] = None,
               contraindication_probability: float = 0.0):
        """Revise the plan from its check-ins so far (``hp_plan_revise``): a
        :class:`Revision` with the revised plan, a decision per check-in and what changed.

        Args:
            checkins: :class:`Checkins`, their JSON text, a ``{"checkins": [...]}`` dict or
                the list of check-in dicts. Check-in week k is the plan's calendar week k.
            profile: the profile the plan was made for (:class:`Profile`, an
                :class:`Assessment`, or a profile dict); its run log is the runner's
                history, and new findings re-assess it. None for none.
            run_days, target_weekly_km, lang, contraindication_probability: options of a
                plan rebuilt after a raised triage (as :meth:`Assessment.plan`).
        """
        from ._revise import revise
        return revise(self, checkins, profile, run_days=run_days,
                      target_weekly_km=target_weekly_km, lang=lang,
                      contraindication_probability=contraindication_probability)

    def to_json(self, pretty: bool = False) -> str:
        """The plan as JSON (the library's format)."""
        return _util.string(_c.hpx_plan_to_json, self._h, _c.HP_JSON_PRETTY if pretty else 0)

    def to_dict(self) -> Dict[str, Any]:
        """The plan as a dict (parsed :meth:`to_json`)."""
        return json.loads(self.to_json())

    def to_markdown(self) -> str:
        """The plan as Markdown for a person to read."""
        return _util.string(_c.hpx_plan_to_markdown, self._h)

    def to_ical(self) -> str:
        """The plan as an RFC 5545 iCalendar, one event per session."""
        return _util.string(_c.hpx_plan_to_ical, self._h)

    def to_frame(self):
        """The sessions as a pandas DataFrame (one row per session)."""
        from ._research import plan_frame
        return plan_frame(self)

    def plot(self, ax: Any = None):
        """A bar chart of the weekly running volume coloured by phase (matplotlib);
        returns the Axes."""
        from .plotting import plot_weekly_volume
        return plot_weekly_volume(self, ax=ax)

    def __len__(self) -> int:
        return int(_c.hp_plan_week_count(self._h))

    def __repr__(self) -> str:
        return "<Plan triage=%s weeks=%d>" % (self.triage, len(self))


def plan_from_assessment(a: Any, weeks: int, start: Any, run_days: int, target: float,
                         lang: Optional[str], contra: float) -> Plan:
    h = _util.new_object(_c.hpx_plan, a._h, int(weeks or 0), _start(start),
                         int(run_days or 0), float(target or 0.0), lang, float(contra or 0.0))
    return Plan(h, a._onto)


def plan_for_conditions(onto: Any, conditions: List[str], findings: Any, runner: Any,
                        weeks: int, start: Any, run_days: int, target: float,
                        lang: Optional[str], contra: float) -> Plan:
    profile = None
    if findings or runner:
        profile = onto.profile(findings, runner)
    h = _util.new_object(_c.hpx_plan_for_conditions, onto._h, " ".join(conditions),
                         profile._h if profile is not None else None, int(weeks or 0),
                         _start(start), int(run_days or 0), float(target or 0.0), lang,
                         float(contra or 0.0))
    return Plan(h, onto)
