"""Small helpers shared by the thin layer (not part of the public API)."""

from __future__ import annotations

import datetime
import json
import math
import threading
import weakref
from typing import Any, Callable, Dict, Iterator, List, Optional

from . import hippain_core as _c
from ._errors import InvalidInput, check, from_hp_error, new_error

class _Live:
    """A set of weakly referenced objects, cheaper than a WeakSet on the hot path: a plain
    weak reference is appended (no callback to run when the object dies, which a WeakSet
    needs), and dead references are dropped once the list has doubled. Iterating yields
    the live objects."""

    __slots__ = ("_refs", "_limit", "_pruning")

    def __init__(self) -> None:
        self._refs: List[Any] = []
        self._limit = 1024
        self._pruning = threading.Lock()

    def add(self, obj: Any) -> None:
        refs = self._refs
        refs.append(weakref.ref(obj))
        if len(refs) > self._limit:
            self._prune()

    def _prune(self) -> None:
        if not self._pruning.acquire(False):  # another thread is at it
            return
        try:
            refs = self._refs
            n = len(refs)
            alive = [r for r in refs[:n] if r() is not None]
            del refs[:n]  # what other threads appended meanwhile stays
            refs[0:0] = alive
            self._limit = max(1024, 2 * len(refs))
        finally:
            self._pruning.release()

    def __iter__(self) -> Iterator[Any]:
        objs = [r() for r in list(self._refs)]
        return iter([o for o in objs if o is not None])

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: Every live wrapper object that owns a library object, for leak checks
#: (see :func:`hippain.live_objects`).
LIVE = _Live()

EPOCH = datetime.date(1970, 1, 1)


def new_object(fn: Callable[..., Any], *args: Any) -> Any:
    """Call a helper returning a new library object; raise on NULL."""
    err = new_error()
    obj = fn(*args, err)
    if obj is None:
        raise from_hp_error(err)
    return obj


def value(fn: Callable[..., Any], *args: Any) -> Any:
    """Call a helper returning a value and reporting failure in the error record."""
    err = new_error()
    result = fn(*args, err)
    check(err)
    return result


def string(fn: Callable[..., Any], *args: Any) -> str:
    """Call a helper returning a new string; raise on NULL."""
    err = new_error()
    s = fn(*args, err)
    if s is None:
        raise from_hp_error(err)
    return s


def status(fn: Callable[..., Any], *args: Any) -> None:
    """Call a library function returning an hp_status, with an error record last."""
    err = new_error()
    st = fn(*args, err)
    check(err, st)


def words(s: Optional[str]) -> List[str]:
    """Split a space-separated id list."""
    return s.split() if s else []


def enum_name(kind: int, v: int) -> Optional[str]:
    """The library's lowercase name of an enumeration value."""
    return _c.hp_enum_name(kind, int(v))


def date_of(days: int) -> datetime.date:
    """A date from days since 1970-01-01."""
    return EPOCH + datetime.timedelta(days=int(days))


# ---- Profiles as JSON ----------------------------------------------------------------

_PRESENT = {"present", "yes", "true", "y"}
_ABSENT = {"absent", "no", "false", "n"}
_UNKNOWN = {"unknown", "", "?", "dont_know", "don't know"}
_MISSING = object()


def answer_json(v: Any) -> Any:
    """Turn a Python answer into the profile JSON's true/false, or _MISSING (unknown).

    Accepted: True/False, 1/0/-1 (survey coding), None and NaN (unknown), and the strings
    "present"/"absent"/"unknown" (also yes/no). Anything else is passed through so that
    the library's validation names the key.
    """
    if v is None:
        return _MISSING
    if isinstance(v, bool):
        return v
    if type(v).__name__ == "bool_":  # numpy.bool_
        return bool(v)
    if isinstance(v, (int, float)) or type(v).__module__ == "numpy":
        try:
            f = float(v)
        except (TypeError, ValueError):
            return v
        if math.isnan(f) or f == -1:
            return _MISSING
        if f == 1:
            return True
        if f == 0:
            return False
        return v if isinstance(v, (int, float)) else f
    if isinstance(v, str):
        s = v.strip().lower()
        if s in _PRESENT:
            return True
        if s in _ABSENT:
            return False
        if s in _UNKNOWN:
            return _MISSING
    return v


def _json_default(o: Any) -> Any:
    if isinstance(o, (datetime.date, datetime.datetime)):
        return o.isoformat()[:10]
    if hasattr(o, "item"):  # numpy scalars
        return o.item()
    if hasattr(o, "tolist"):
        return o.tolist()
    raise TypeError("%s is not JSON serialisable" % type(o).__name__)


def _clean_runner(runner: Dict[str, Any]) -> Dict[str, Any]:
    out = {}
    for k, v in runner.items():
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue  # not given
        if hasattr(v, "item") and not hasattr(v, "__len__"):
            v = v.item()
            if isinstance(v, float) and math.isnan(v):
                continue
        out[str(k)] = v
    return out


def profile_document(findings: Optional[Dict[str, Any]],
                     runner: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """The profile JSON document for findings and runner dicts."""
    doc: Dict[str, Any] = {}
    if findings:
        if not hasattr(findings, "items"):
            raise InvalidInput("findings must be a mapping of finding id to answer, not %s"
                               % type(findings).__name__)
        fs = {}
        for k, v in findings.items():
            a = answer_json(v)
            if a is not _MISSING:
                fs[str(k)] = a
        doc["findings"] = fs
    if runner:
        if not hasattr(runner, "items"):
            raise InvalidInput("runner must be a mapping, not %s" % type(runner).__name__)
        doc["runner"] = _clean_runner(runner)
    return doc


def document_json(doc: Dict[str, Any]) -> str:
    """A profile document (:func:`profile_document`) as JSON text (one line)."""
    return json.dumps(doc, default=_json_default, separators=(",", ":"), ensure_ascii=False)


def profile_json(findings: Optional[Dict[str, Any]], runner: Optional[Dict[str, Any]]) -> str:
    """The profile as JSON text (one line)."""
    return document_json(profile_document(findings, runner))


def split_profile(p: Any) -> "tuple[Optional[Dict[str, Any]], Optional[Dict[str, Any]]]":
    """(findings, runner) from a profile dict: either {"findings": ..., "runner": ...} or
    a plain mapping of finding ids to answers."""
    if hasattr(p, "items"):
        keys = set(p.keys())
        if keys and keys <= {"findings", "runner"}:
            return p.get("findings"), p.get("runner")
        return p, None
    raise InvalidInput("a profile must be a dict, not %s" % type(p).__name__)
