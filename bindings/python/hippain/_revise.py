"""Plans revised from their check-ins (``hp_plan_revise``, issue 18)."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Tuple

from . import _util
from . import hippain_core as _c
from ._checkins import Checkins
from ._errors import InvalidInput
from ._plan import Plan
from ._records import Record

__all__ = ["Revision", "RevisionDecision", "RevisionWeek", "revise"]


class RevisionDecision(Record):
    """A decision of a revision, after the check-in of calendar ``week``: ``action``
    ("progress", "hold", "step_back" or "reassess"), the ``triage`` after it, the 1-based
    ``next_week`` of the current plan done next (None when the plan is complete or
    stopped), whether the plan was ``replanned`` (rebuilt), ``reason`` and ``sources``."""
    __slots__ = ("week", "action", "triage", "next_week", "replanned", "reason", "sources")
    _repr_fields = ("week", "action", "next_week")


class RevisionWeek(Record):
    """Where a week of the revised plan comes from: ``from_week`` (1-based week of the plan
    it repeats, None when from a rebuilt plan), ``runs_shortened`` (runs shortened to keep
    the plan's rules) and ``cadence_held`` (the cadence target was held lower)."""
    __slots__ = ("from_week", "runs_shortened", "cadence_held")
    _repr_fields = ("from_week", "runs_shortened", "cadence_held")


class Revision:
    """A plan revised from its check-ins (deterministic): the revised :attr:`plan`, the
    :attr:`decisions` (one per check-in) and where each of the plan's :attr:`weeks` comes
    from; :meth:`to_json`, :meth:`to_markdown` and :meth:`to_ical` say what changed and
    why. Made by :meth:`Plan.revise`."""

    __slots__ = ("_h", "_onto", "_plan", "_decisions", "_weeks", "__weakref__")

    def __init__(self, _handle: Any, _onto: Any) -> None:
        self._h = h = _handle
        self._onto = _onto
        _util.LIVE.add(self)
        # a reference of its own (hp_plan_ref): the plan outlives the revision
        plan = Plan(_c.hpx_revision_plan(h), _onto)
        self._plan = plan
        ds = []
        for i in range(_c.hp_revision_decision_count(h)):
            d = _util.value(_c.hpx_revision_get, h, i)
            ds.append(RevisionDecision(
                week=int(d.week), action=_util.enum_name(_c.HP_ENUM_CHECKIN_ACTION, d.action),
                triage=_util.enum_name(_c.HP_ENUM_TRIAGE, d.triage),
                next_week=int(d.next_week) or None, replanned=bool(d.replanned),
                reason=d.reason, sources=tuple(_util.words(d.sources))))
        self._decisions: Tuple[RevisionDecision, ...] = tuple(ds)
        ws = []
        for k in range(_c.hp_plan_week_count(plan._h)):
            w = _util.value(_c.hpx_revision_week_info, h, k)
            ws.append(RevisionWeek(from_week=int(w.from_week) or None,
                                   runs_shortened=int(w.runs_shortened),
                                   cadence_held=bool(w.cadence_held)))
        self._weeks: Tuple[RevisionWeek, ...] = tuple(ws)

    @property
    def plan(self) -> Plan:
        """The revised plan: the weeks still to do, from the day after the last checked-in
        week."""
        return self._plan

    @property
    def decisions(self) -> Tuple[RevisionDecision, ...]:
        """One decision per check-in, in order."""
        return self._decisions

    @property
    def weeks(self) -> Tuple[RevisionWeek, ...]:
        """Per week of :attr:`plan`: where it comes from and what the rules changed."""
        return self._weeks

    def to_json(self) -> str:
        """``{"decisions": [...], "weeks": [...], "plan": {...}}``."""
        return _util.string(_c.hpx_revision_to_json, self._h)

    def to_dict(self) -> Dict[str, Any]:
        """The parsed :meth:`to_json`."""
        return json.loads(self.to_json())

    def to_markdown(self) -> str:
        """What changed and why, then the revised plan, as Markdown."""
        return _util.string(_c.hpx_revision_to_markdown, self._h)

    def to_ical(self) -> str:
        """The revised plan as iCalendar (each week's first event says why)."""
        return _util.string(_c.hpx_revision_to_ical, self._h)

    def __repr__(self) -> str:
        last = self._decisions[-1].action if self._decisions else "none"
        return "<Revision %d check-ins, last %s, %d weeks left>" % (
            len(self._decisions), last, len(self._weeks))


def _checkins(onto: Any, checkins: Any) -> Checkins:
    if isinstance(checkins, Checkins):
        return checkins
    if isinstance(checkins, (str, bytes, bytearray)):
        return Checkins.from_json(onto, checkins)
    if isinstance(checkins, dict):
        return Checkins.from_json(onto, json.dumps(checkins))
    if isinstance(checkins, (list, tuple)):
        return Checkins.from_json(onto, json.dumps({"checkins": list(checkins)}))
    raise InvalidInput("revise: check-ins must be Checkins, JSON text, a dict or a list, not %s"
                       % type(checkins).__name__, status=_c.HP_E_INVALID)


def _profile(onto: Any, profile: Any) -> Any:
    from ._assessment import Assessment, Profile
    if profile is None or isinstance(profile, Profile):
        return profile
    if isinstance(profile, Assessment):
        return profile.profile
    findings, runner = _util.split_profile(profile)
    return Profile._from_parts(onto, findings, runner, "profile")


def revise(plan: Plan, checkins: Any, profile: Any = None, *, run_days: int = 0,
           target_weekly_km: float = 0.0, lang: Optional[str] = None,
           contraindication_probability: float = 0.0) -> Revision:
    """See :meth:`Plan.revise`."""
    onto = plan._onto
    cs = _checkins(onto, checkins)
    p = _profile(onto, profile)
    h = _util.new_object(_c.hpx_plan_revise, plan._h, p._h if p is not None else None, cs._h,
                         int(run_days), float(target_weekly_km), lang or "",
                         float(contraindication_probability))
    return Revision(h, onto)
