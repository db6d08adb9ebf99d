"""Weekly check-ins of a plan and the pain-monitoring decisions (issue 18)."""

from __future__ import annotations

from typing import Any, Iterator, List, Optional, Sequence, Tuple, Union, overload

from . import _util
from . import hippain_core as _c
from ._errors import NotFound
from ._records import Record

__all__ = ["Checkins", "Checkin", "Decision", "ACTIONS", "PAIN_MODELS"]

#: The pain models, by ``hp_pain_model`` value.
PAIN_MODELS: Tuple[str, ...] = ("soft_tissue", "bone")
assert (_c.HP_PAIN_MODEL_SOFT_TISSUE, _c.HP_PAIN_MODEL_BONE) == (0, 1)

#: The decisions' actions, by ``hp_checkin_action`` value.
ACTIONS: Tuple[str, ...] = tuple(_c.hp_enum_name(_c.HP_ENUM_CHECKIN_ACTION, a) for a in (
    _c.HP_CHECKIN_PROGRESS, _c.HP_CHECKIN_HOLD, _c.HP_CHECKIN_STEP_BACK,
    _c.HP_CHECKIN_REASSESS))


class Checkin(Record):
    """One check-in: the plan ``week`` (1-based), ``sessions_planned``, ``sessions_done``,
    pain 0-10 ``pain_during``, ``pain_after`` and ``pain_next_morning`` (None when not
    given) and the ids of ``new_findings``."""
    __slots__ = ("week", "sessions_planned", "sessions_done", "pain_during", "pain_after",
                 "pain_next_morning", "new_findings")
    _repr_fields = ("week", "sessions_done", "pain_next_morning")


class Decision(Record):
    """What the week after a check-in does: ``week`` (the check-in's), ``action``
    ("progress", "hold", "step_back" or "reassess"), its ``reason`` (English) and the
    ontology ``sources`` behind it."""
    __slots__ = ("week", "action", "reason", "sources")
    _repr_fields = ("week", "action")


def _pain(v: int) -> Optional[int]:
    return None if v == _c.HP_PAIN_UNKNOWN else int(v)


class Checkins(Sequence):
    """A runner's check-ins, read from JSON (``{"checkins": [...]}``, see the README);
    immutable, a sequence of :class:`Checkin` records. Keeps its ontology alive."""

    __slots__ = ("_h", "_onto", "_items", "__weakref__")

    def __init__(self, _handle: Any, _onto: Any) -> None:
        self._h = _handle
        self._onto = _onto
        h = _handle
        items = []
        for i in range(_c.hp_checkins_count(h)):
            c = _util.value(_c.hpx_checkins_get, h, i)
            items.append(Checkin(
                week=int(c.week), sessions_planned=int(c.sessions_planned),
                sessions_done=int(c.sessions_done), pain_during=_pain(c.pain_during),
                pain_after=_pain(c.pain_after), pain_next_morning=_pain(c.pain_next_morning),
                new_findings=tuple(_c.hp_checkins_new_finding(h, i, j)
                                   for j in range(c.n_new_findings))))
        self._items: Tuple[Checkin, ...] = tuple(items)
        _util.LIVE.add(self)

    @classmethod
    def from_json(cls, onto: Any, text: Union[str, bytes],
                  name: str = "checkins") -> "Checkins":
        """Parse check-ins; errors name the key (``checkins[2].pain.next_morning``)."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        return cls(_util.new_object(_c.hpx_checkins_from_json, onto._h, data, name), onto)

    @property
    def ontology(self):
        """The ontology of the findings' ids."""
        return self._onto

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, i: int) -> Checkin: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Checkin]: ...
    def __getitem__(self, i: Any) -> Any:
        return self._items[i]

    def __iter__(self) -> Iterator[Checkin]:
        return iter(self._items)

    def decide(self, i: int, model: str = "soft_tissue") -> Decision:
        """The pain-monitoring decision after check-in ``i`` (negative counts from the
        end), comparing with check-in i-1 for pain that builds. Deterministic. ``model``
        is "soft_tissue" (pain up to 5/10 acceptable if settled by the next morning) or
        "bone" (a return from a bone stress injury moves on only pain-free); a plan's
        model is ``plan.pain_model``."""
        n = len(self._items)
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise NotFound("check-in %d: there are %d" % (i, n), status=_c.HP_E_NOT_FOUND)
        if model not in PAIN_MODELS:
            raise ValueError("model must be one of %s, not %r" % (PAIN_MODELS, model))
        d = _util.value(_c.hpx_checkins_decide_model, self._h, j, PAIN_MODELS.index(model))
        return Decision(week=self._items[j].week,
                        action=_util.enum_name(_c.HP_ENUM_CHECKIN_ACTION, d.action),
                        reason=d.reason, sources=tuple(_util.words(d.sources)))

    def decisions(self, model: str = "soft_tissue") -> List[Decision]:
        """The decision after every check-in, in order."""
        return [self.decide(i, model) for i in range(len(self._items))]

    def to_json(self) -> str:
        """The check-ins as JSON, in the form :meth:`from_json` reads."""
        return _util.string(_c.hpx_checkins_to_json, self._h)

    def __repr__(self) -> str:
        return "<Checkins %d>" % len(self._items)
