"""hippain: why runners' hips hurt and what to do about it.

A Python binding of libhippain (SWIG-generated module ``hippain.hippain_core`` plus this
thin layer)::

    import hippain
    onto = hippain.Ontology.default()
    a = onto.assess(findings={"pain_lateral_hip": True, "worse_lying_on_side": True},
                    runner={"weekly_km": 42, "previous_weekly_km": 30})
    a.triage.level, a.causes[0].id, a.causes[0].probability
    plan = a.plan(weeks=8, start="2026-12-01")
    print(plan.to_markdown())

Researchers: :meth:`Ontology.assess_many`, :meth:`Ontology.assess_matrix` (numpy),
``to_frame()`` (pandas) and :mod:`hippain.plotting` (matplotlib).

Errors raise subclasses of :class:`hippain.Error`. Calls into the library release the
interpreter lock, so threads can assess concurrently (an :class:`Ontology` is thread-safe).
"""

from __future__ import annotations

from typing import Dict

from . import hippain_core as _core
from ._errors import (DuplicateId, Error, FileError, ForbiddenInput, InputError,
                      InternalError, InvalidInput, LimitExceeded, NotFound, OutOfMemory,
                      ParseError, SchemaError, SemanticError, StateError, ValidationError)
from ._ontology import (Advice, Condition, Contraindication, DerivedRule, Dosing, Entry,
                        EntryList, EvidenceLink, Exercise, Finding, Ontology, Presentation,
                        Progression, RedFlag, Source, Treatment)
from ._assessment import (Assessment, Batch, Cause, DontMiss, Evidence, Interview, Profile,
                          Question, Risk, Triage, TriageReason)
from ._plan import Day, Phase, Plan, PlanAdvice, Session, SessionItem, Week
from ._watch import Run
from ._checkins import Checkin, Checkins, Decision
from ._revise import Revision, RevisionDecision, RevisionWeek
from . import _util

__version__: str = _core.hp_version_string()
#: Version of the libhippain the module was compiled against.
LIBRARY_VERSION_COMPILED: str = _core.HP_VERSION_STRING

__all__ = [
    "Ontology", "EntryList", "Entry", "Source", "Finding", "Condition", "RedFlag",
    "DerivedRule", "Exercise", "Advice", "EvidenceLink", "Presentation", "Treatment", "Dosing",
    "Progression", "Contraindication",
    "Profile", "Assessment", "Triage", "TriageReason", "DontMiss", "Cause", "Evidence", "Risk",
    "Question", "Batch", "Interview",
    "Plan", "Phase", "Week", "Day", "Session", "SessionItem", "PlanAdvice",
    "Run", "Checkins", "Checkin", "Decision", "Revision", "RevisionDecision", "RevisionWeek",
    "Error", "OutOfMemory", "InputError", "InvalidInput", "ValidationError", "FileError",
    "ParseError", "SchemaError", "SemanticError", "DuplicateId", "NotFound",
    "LimitExceeded", "ForbiddenInput", "StateError", "InternalError",
    "live_objects", "live_allocations", "threads_enabled", "library_version",
]


def library_version() -> str:
    """The version of the libhippain actually loaded ("MAJOR.MINOR.PATCH")."""
    return _core.hp_version_string()


def live_objects() -> Dict[str, int]:
    """Diagnostics: how many wrapper objects owning a library object are alive, by class
    (Ontology, Profile, Assessment, Interview, Plan)."""
    counts: Dict[str, int] = {}
    for o in list(_util.LIVE):
        n = type(o).__name__
        counts[n] = counts.get(n, 0) + 1
    return counts


def live_allocations() -> int:
    """Diagnostics: the number of memory blocks the library holds for every ontology
    loaded by this module and everything made from them (they are all allocated through
    a counting allocator). Returns to its earlier value once the objects are freed."""
    return int(_core.hpx_live_blocks())


def threads_enabled() -> bool:
    """Whether the module releases the interpreter lock during calls into the library
    (it is generated with ``swig -threads``)."""
    return bool(_core.hpx_threads_enabled())


# ---- Text intake (issue 19) ----------------------------------------------------------------
from ._text import TextFinding, TextNumber, TextResult, parse_text  # noqa: E402

__all__ += ["parse_text", "TextResult", "TextFinding", "TextNumber"]
