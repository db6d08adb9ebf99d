"""For researchers: the matrix fast path and pandas frames (numpy and pandas are imported
only when these are used)."""

from __future__ import annotations

from typing import Any, List, Optional, Sequence

from . import _util
from . import hippain_core as _c
from ._errors import InvalidInput, NotFound, check, new_error

_INT_TYPES = ("int8", "int16", "int32", "int64")


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("to_frame() needs pandas (Debian: apt install python3-pandas)") from e
    return pandas


def _answers(X: Any):
    """X as a C-contiguous 2-D signed-integer numpy array of -1/0/1 (NaN -> -1)."""
    import numpy as np
    arr = np.asarray(X)
    if arr.ndim != 2:
        raise InvalidInput("assess_matrix: X must be 2-D (rows x findings), not %d-D"
                           % arr.ndim, status=_c.HP_E_INVALID)
    kind = arr.dtype.kind
    if kind == "b":
        arr = arr.astype(np.int8)
    elif kind == "f":
        bad = ~np.isnan(arr) & ~np.isin(arr, (-1.0, 0.0, 1.0))
        if bad.any():
            r, c = map(int, np.argwhere(bad)[0])
            raise InvalidInput("assess_matrix: X[%d, %d] is %r; answers are 1 (present), "
                               "0 (absent) or -1 (unknown)" % (r, c, float(arr[r, c])),
                               status=_c.HP_E_INVALID)
        arr = np.where(np.isnan(arr), -1, arr).astype(np.int8)
    elif kind == "u":
        arr = arr.astype(np.int64)
    elif kind == "O":
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise InvalidInput("assess_matrix: X must hold numbers", status=_c.HP_E_INVALID)
        return _answers(arr)
    elif kind != "i":
        raise InvalidInput("assess_matrix: X must hold numbers, not %s" % arr.dtype,
                           status=_c.HP_E_INVALID)
    if arr.dtype.name not in _INT_TYPES:
        arr = arr.astype(np.int64)
    return np.ascontiguousarray(arr)


def _columns(onto: Any, X: Any, columns: Optional[Sequence[str]], ncols: int):
    import numpy as np
    if columns is None:
        columns = getattr(X, "columns", None)
        if columns is None:
            raise InvalidInput("assess_matrix: give the finding id of each column",
                               status=_c.HP_E_INVALID)
    cols = [str(c) for c in columns]
    if len(cols) != ncols:
        raise InvalidInput("assess_matrix: %d columns named for %d columns of X"
                           % (len(cols), ncols), status=_c.HP_E_INVALID)
    if len(set(cols)) != len(cols):
        dup = sorted({c for c in cols if cols.count(c) > 1})
        raise InvalidInput("assess_matrix: columns named twice: %s" % ", ".join(dup),
                           status=_c.HP_E_INVALID)
    n = _c.hp_ontology_count(onto._h, _c.HP_ENTITY_FINDING)
    idx = []
    for c in cols:
        i = _c.hp_ontology_index(onto._h, _c.HP_ENTITY_FINDING, c)
        if i >= n:
            raise NotFound("assess_matrix: column '%s' is not a finding id" % c,
                           status=_c.HP_E_NOT_FOUND)
        idx.append(i)
    return np.asarray(idx, dtype=np.int64)


def assess_matrix(onto: Any, X: Any, columns: Optional[Sequence[str]], *,
                  return_triage: bool = False):
    import numpy as np
    arr = _answers(X)
    idx = _columns(onto, X, columns, arr.shape[1])
    rows = arr.shape[0]
    nc = _c.hp_ontology_count(onto._h, _c.HP_ENTITY_CONDITION)
    out = np.empty((rows, nc), dtype=np.float64)
    triage = np.empty(rows, dtype=np.int8) if return_triage else None
    err = new_error()
    st = _c.hpx_assess_matrix(onto._h, arr, arr.dtype.itemsize, rows, arr.shape[1], idx,
                              out, triage, err)
    check(err, st)
    if return_triage:
        return out, triage
    return out


def frame_meta(onto: Any, triage: bool = False):
    pd = _pandas()
    import numpy as np
    cols = {c: np.empty(0, dtype=np.float64) for c in onto.condition_ids}
    if triage:
        cols["triage"] = pd.Categorical([], categories=["self_care", "see_clinician", "urgent"])
    return pd.DataFrame(cols)


def assess_frame(onto: Any, df: Any, columns: Optional[Sequence[str]], *, triage: bool = False):
    pd = _pandas()
    cols = list(df.columns) if columns is None else list(columns)
    X = df[cols].to_numpy() if columns is not None else df.to_numpy()
    res = assess_matrix(onto, X, cols, return_triage=triage)
    probs, levels = (res if triage else (res, None))
    out = pd.DataFrame(probs, index=df.index, columns=onto.condition_ids)
    if triage:
        names = ["self_care", "see_clinician", "urgent"]
        out["triage"] = pd.Categorical.from_codes(levels.astype("int64"), categories=names)
    return out


def assessment_frame(a: Any):
    pd = _pandas()
    rows = []
    for rank, c in enumerate(a.causes, 1):
        ev_for = [e for e in c.evidence if e.weight >= 0]
        ev_against = [e for e in c.evidence if e.weight < 0]
        rows.append({"rank": rank, "id": c.id, "name": c.name, "probability": c.probability,
                     "prior": c.prior, "suspected": c.suspected,
                     "seriousness": c.seriousness,
                     "evidence_for": ", ".join(e.finding for e in ev_for),
                     "evidence_against": ", ".join(e.finding for e in ev_against)})
    return pd.DataFrame(rows).set_index("id")


def batch_frame(b: Any):
    pd = _pandas()
    probs = b.probabilities()
    df = pd.DataFrame(probs, columns=b.condition_ids)
    df.insert(0, "triage", b.triage)
    ids = b.condition_ids
    df.insert(1, "top", [ids[i] for i in probs.argmax(axis=1)] if len(df) else [])
    df.insert(2, "top_probability", probs.max(axis=1) if len(df) else [])
    return df


def plan_frame(p: Any):
    pd = _pandas()
    rows: List[dict] = []
    for w in p.weeks:
        for d in w.days:
            for s in d.sessions:
                rows.append({"week": w.index, "phase": w.phase, "date": d.date,
                             "kind": s.kind, "km": s.km, "minutes": s.minutes,
                             "cadence_spm": s.cadence_spm,
                             "exercises": ", ".join(i.id for i in s.items)})
    return pd.DataFrame(rows, columns=["week", "phase", "date", "kind", "km", "minutes",
                                       "cadence_spm", "exercises"])
