"""Watch files (GPX 1.1, TCX) and the run log of a profile (issue 19)."""

from __future__ import annotations

import datetime
import os
from typing import Any, Dict, Optional, Tuple, Union

from . import _util
from . import hippain_core as _c
from ._errors import InvalidInput, check, new_error
from ._records import Record

__all__ = ["Run", "import_runs", "profile_runs", "add_run", "read_runs"]

#: What :meth:`Profile.import_runs` reads: a path, or the file's bytes.
RunSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


class Run(Record):
    """One run of a profile's run log: ``date`` (a :class:`datetime.date`), ``km``, and
    ``minutes``, ``effort`` (RPE 1-10), ``cadence_spm`` (steps per minute) and
    ``elevation_gain_m``, each None when not known."""
    __slots__ = ("date", "km", "minutes", "effort", "cadence_spm", "elevation_gain_m")
    _repr_fields = ("date", "km", "minutes")

    def to_dict(self) -> Dict[str, Any]:
        """The run as in the profile JSON's ``runner.runs`` (unknown fields left out), so
        that ``runner={"runs": [r.to_dict() for r in runs]}`` gives the same run log."""
        d: Dict[str, Any] = {"date": self.date.isoformat(), "km": self.km}
        for k in ("minutes", "effort", "cadence_spm", "elevation_gain_m"):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        return d


def _known(x: float) -> Optional[float]:
    return x if x else None


def import_runs(profile: Any, source: RunSource, name: Optional[str] = None) -> int:
    """Append the runs of a watch file (a path, or the file's bytes) to the profile's run
    log; all or nothing. Returns the number of runs added."""
    err = new_error()
    if isinstance(source, (bytes, bytearray, memoryview)):
        st, n = _c.hp_profile_import_runs(profile._h, source,
                                          name if name is not None else "<bytes>", err)
    elif isinstance(source, (str, os.PathLike)):
        if name is not None:
            raise InvalidInput("import_runs: name is only for bytes (a file is named by its "
                               "path)", status=_c.HP_E_INVALID)
        st, n = _c.hp_profile_import_runs_file(profile._h, os.fsdecode(source), err)
    else:
        raise InvalidInput("import_runs: expected a path or the file's bytes, not %s"
                           % type(source).__name__, status=_c.HP_E_INVALID)
    check(err, st)
    return int(n)


def profile_runs(profile: Any) -> Tuple[Run, ...]:
    """The profile's run log, in the order the runs were added."""
    h = profile._h
    out = []
    for i in range(_c.hp_profile_run_count(h)):
        r = _util.value(_c.hpx_profile_run, h, i)
        d = _util.value(_c.hpx_profile_run_details, h, i)
        out.append(Run(date=_util.date_of(r.date), km=r.km, minutes=_known(r.minutes),
                       effort=_known(r.effort), cadence_spm=_known(d.cadence_spm),
                       elevation_gain_m=_known(d.elevation_gain_m)))
    return tuple(out)


def add_run(profile: Any, date: Any, km: float, minutes: Optional[float] = None,
            effort: Optional[float] = None, cadence_spm: Optional[float] = None,
            elevation_gain_m: Optional[float] = None) -> None:
    """Append one run (None: not known)."""
    if isinstance(date, (datetime.date, datetime.datetime)):
        date = date.isoformat()[:10]
    if not isinstance(date, str):
        raise InvalidInput("add_run: date must be 'YYYY-MM-DD' or a datetime.date, not %s"
                           % type(date).__name__, status=_c.HP_E_INVALID)
    nums = []
    for what, v in (("km", km), ("minutes", minutes), ("effort", effort),
                    ("cadence_spm", cadence_spm), ("elevation_gain_m", elevation_gain_m)):
        if v is None:
            v = 0.0
        try:
            nums.append(float(v))
        except (TypeError, ValueError):
            raise InvalidInput("add_run: %s must be a number, not %r" % (what, v),
                               status=_c.HP_E_INVALID) from None
    _util.status(_c.hpx_profile_add_run_details, profile._h, date, *nums)


def read_runs(onto: Any, source: RunSource, name: Optional[str] = None) -> Tuple[Run, ...]:
    """The runs of a watch file, without a profile (see :meth:`Ontology.read_runs`)."""
    from ._assessment import Profile
    p = Profile(_util.new_object(_c.hpx_profile_new, onto._h), onto)
    import_runs(p, source, name)
    return profile_runs(p)
