"""Read-only record classes: plain Python copies of what the library returns."""

from __future__ import annotations

from typing import Any, Dict, Tuple


_SLOTS: Dict[type, Tuple[str, ...]] = {}


class Record:
    """Base of the read-only records: attributes from ``__slots__``, equality by value,
    ``to_dict()`` and a readable ``repr``."""

    __slots__: Tuple[str, ...] = ()
    _repr_fields: Tuple[str, ...] = ()

    def __init__(self, **fields: Any) -> None:
        names = self._all_slots()
        setter = object.__setattr__
        for name in names:
            setter(self, name, fields.get(name))
        if len(fields) > len(names) or any(k not in names for k in fields):
            raise TypeError("unexpected fields: %s" % ", ".join(
                sorted(k for k in fields if k not in names)))

    @classmethod
    def _all_slots(cls) -> Tuple[str, ...]:
        cached = _SLOTS.get(cls)
        if cached is not None:
            return cached
        names = []
        for klass in reversed(cls.__mro__):
            for n in getattr(klass, "__slots__", ()):
                if not n.startswith("_") and n not in names:
                    names.append(n)
        _SLOTS[cls] = tuple(names)
        return _SLOTS[cls]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("%s is read-only" % type(self).__name__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._all_slots())

    def __hash__(self) -> int:
        return hash((type(self).__name__,) + tuple(
            getattr(self, n) for n in self._all_slots()[:2]))

    def to_dict(self) -> Dict[str, Any]:
        """The record as a dict (nested records and lists converted too)."""
        return {n: _plain(getattr(self, n)) for n in self._all_slots()}

    def __repr__(self) -> str:
        fields = self._repr_fields or self._all_slots()[:3]
        return "<%s %s>" % (type(self).__name__, " ".join(
            "%s=%r" % (n, getattr(self, n)) for n in fields))

    def __reduce__(self):
        return (_rebuild, (type(self), {n: getattr(self, n) for n in self._all_slots()}))


def _rebuild(cls, fields):
    return cls(**fields)


def _plain(v: Any) -> Any:
    if isinstance(v, Record):
        return v.to_dict()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v
