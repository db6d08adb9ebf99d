# Type stubs of the hippain package (the public API of the thin layer).
import datetime
import os
from typing import (Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union,
                    overload)

_Answer = Union[bool, int, float, str, None]
_Findings = Dict[str, _Answer]
_Runner = Dict[str, Any]
_Path = Union[str, "os.PathLike[str]"]
_Date = Union[str, datetime.date, None]
_RunSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]

__version__: str
LIBRARY_VERSION_COMPILED: str

def library_version() -> str: ...
def live_objects() -> Dict[str, int]: ...
def live_allocations() -> int: ...
def threads_enabled() -> bool: ...

# ---- errors ----
class Error(Exception):
    status: int
    code: str
    message: str
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    def __init__(self, message: str, *, status: Optional[int] = ..., file: Optional[str] = ...,
                 line: Optional[int] = ..., column: Optional[int] = ...) -> None: ...
class OutOfMemory(Error, MemoryError): ...
class InputError(Error, ValueError): ...
class InvalidInput(InputError): ...
ValidationError = InvalidInput
class FileError(Error, OSError): ...
class ParseError(InputError): ...
class SchemaError(InputError): ...
class SemanticError(InputError): ...
class DuplicateId(InputError): ...
class NotFound(InputError, KeyError): ...
class LimitExceeded(InputError): ...
class ForbiddenInput(InputError): ...
class StateError(Error, RuntimeError): ...
class InternalError(Error, RuntimeError): ...

# ---- records ----
class _Record:
    def to_dict(self) -> Dict[str, Any]: ...

class Entry(_Record):
    id: str
    index: int
    label: Optional[str]
    sources: Tuple[str, ...]
    file: Optional[str]
    line: Optional[int]
    entity: str
    @property
    def name(self) -> Optional[str]: ...

class Source(Entry):
    citation: Optional[str]
    url: Optional[str]

class Treatment(_Record):
    kind: str
    id: str
    phase: str
    sources: Tuple[str, ...]

class Finding(Entry):
    kind: str
    group: str
    base_rate: float
    question: Optional[str]
    treatments: Tuple[Treatment, ...]

class EvidenceLink(_Record):
    finding: str
    strength: float
    sources: Tuple[str, ...]

class Presentation(_Record):
    id: str
    label: Optional[str]
    share: float
    sources: Tuple[str, ...]
    evidence: Tuple[EvidenceLink, ...]

class Condition(Entry):
    description: Optional[str]
    prior: float
    seriousness: str
    suspect_at: float
    evidence: Tuple[EvidenceLink, ...]
    presentations: Tuple[Presentation, ...]
    treatments: Tuple[Treatment, ...]

class RedFlag(Entry):
    level: str
    findings: Tuple[str, ...]
    groups: Tuple[Tuple[str, ...], ...]
    condition: Optional[str]
    message: Optional[str]

class DerivedRule(Entry):
    finding: str
    metric: str
    op: str
    threshold: float

class Dosing(_Record):
    sets: int
    reps: int
    hold_seconds: int
    minutes: int
    days_per_week: int
    effort: str
    sources: Tuple[str, ...]

class Progression(_Record):
    every_weeks: int
    add_sets: int
    max_sets: int
    add_reps: int
    max_reps: int
    add_hold_seconds: int
    max_hold_seconds: int
    add_minutes: int
    max_minutes: int
    effort: str
    sources: Tuple[str, ...]

class Contraindication(_Record):
    condition: str
    reason: Optional[str]
    sources: Tuple[str, ...]

class Exercise(Entry):
    kind: str
    targets: Tuple[str, ...]
    description: Optional[str]
    cue: Optional[str]
    dosing: Dosing
    progression: Optional[Progression]
    contraindications: Tuple[Contraindication, ...]

class Advice(Entry):
    category: str
    text: Optional[str]

class EntryList(Sequence[Any]):
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    @overload
    def __getitem__(self, key: int) -> Any: ...
    @overload
    def __getitem__(self, key: str) -> Any: ...
    @overload
    def __getitem__(self, key: slice) -> Tuple[Any, ...]: ...
    def __contains__(self, item: object) -> bool: ...
    def get(self, id: str, default: Any = ...) -> Any: ...
    def ids(self) -> List[str]: ...
    def index(self, item: Any, *args: Any) -> int: ...

# ---- ontology ----
class Ontology:
    @classmethod
    def default(cls) -> Ontology: ...
    @classmethod
    def load(cls, path: Optional[_Path] = ..., extensions: Iterable[_Path] = ..., *,
             skip_schema: bool = ..., max_input_bytes: int = ...) -> Ontology: ...
    @classmethod
    def from_string(cls, xml: Union[str, bytes], name: str = ...,
                    extensions: Sequence[Union[str, bytes]] = ..., *,
                    with_default: bool = ...) -> Ontology: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def version(self) -> Optional[str]: ...
    @property
    def memory(self) -> int: ...
    @property
    def conditions(self) -> EntryList: ...
    @property
    def findings(self) -> EntryList: ...
    @property
    def exercises(self) -> EntryList: ...
    @property
    def sources(self) -> EntryList: ...
    @property
    def red_flags(self) -> EntryList: ...
    @property
    def derived_rules(self) -> EntryList: ...
    @property
    def advice(self) -> EntryList: ...
    @property
    def condition_ids(self) -> List[str]: ...
    @property
    def finding_ids(self) -> List[str]: ...
    def __getitem__(self, id: str) -> Entry: ...
    def __contains__(self, id: object) -> bool: ...
    def get(self, id: str, default: Any = ...) -> Any: ...
    def text(self, id: str, field: str = ..., lang: Optional[str] = ...) -> Optional[str]: ...
    def presentation_label(self, condition: str, presentation: str,
                           lang: Optional[str] = ...) -> Optional[str]: ...
    def profile(self, findings: Optional[_Findings] = ..., runner: Optional[_Runner] = ..., *,
                name: str = ...) -> Profile: ...
    def read_runs(self, source: _RunSource, name: Optional[str] = ...) -> Tuple[Run, ...]: ...
    def checkins(self, text: Union[str, bytes], name: str = ...) -> Checkins: ...
    def assess(self, findings: Optional[_Findings] = ..., runner: Optional[_Runner] = ..., *,
               profile: Union[Profile, Dict[str, Any], None] = ...,
               name: str = ...) -> Assessment: ...
    def assess_many(self, profiles: Iterable[Union[Dict[str, Any], Profile, str]]) -> Batch: ...
    @overload
    def assess_matrix(self, X: Any, columns: Optional[Sequence[str]] = ...) -> Any: ...
    @overload
    def assess_matrix(self, X: Any, columns: Optional[Sequence[str]] = ..., *,
                      return_triage: bool) -> Any: ...
    def assess_frame(self, df: Any, columns: Optional[Sequence[str]] = ..., *,
                     triage: bool = ...) -> Any: ...
    def frame_meta(self, triage: bool = ...) -> Any: ...
    def interview(self, findings: Optional[_Findings] = ..., runner: Optional[_Runner] = ..., *,
                  stop_probability: float = ..., min_gain: float = ...,
                  max_questions: int = ...) -> Interview: ...
    def plan_for(self, conditions: Iterable[str], *, findings: Optional[_Findings] = ...,
                 runner: Optional[_Runner] = ..., weeks: int = ..., start: _Date = ...,
                 run_days: int = ..., target_weekly_km: float = ...,
                 lang: Optional[str] = ..., contraindication_probability: float = ...) -> Plan: ...

# ---- profiles and assessments ----
class Profile:
    @classmethod
    def from_json(cls, onto: Ontology, text: str, name: str = ...) -> Profile: ...
    @property
    def ontology(self) -> Ontology: ...
    @property
    def findings(self) -> Dict[str, bool]: ...
    @property
    def answered(self) -> int: ...
    def get(self, finding: str) -> Optional[bool]: ...
    def set(self, finding: str, answer: _Answer) -> None: ...
    def runner(self, field: str) -> Optional[float]: ...
    def copy(self) -> Profile: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def assess(self) -> Assessment: ...
    def import_runs(self, source: _RunSource, name: Optional[str] = ...) -> int: ...
    @property
    def runs(self) -> Tuple[Run, ...]: ...
    def add_run(self, date: _Date, km: float, minutes: Optional[float] = ...,
                effort: Optional[float] = ..., *, cadence_spm: Optional[float] = ...,
                elevation_gain_m: Optional[float] = ...) -> None: ...

class TriageReason(_Record):
    level: str
    kind: str
    rule: Optional[str]
    condition: Optional[str]
    findings: Tuple[str, ...]
    text: Optional[str]
    sources: Tuple[str, ...]

class DontMiss(_Record):
    id: str
    name: Optional[str]
    rank: int
    probability: float
    level: str
    reasons: Tuple[TriageReason, ...]

class Triage(_Record):
    level: str
    reasons: Tuple[TriageReason, ...]
    @property
    def rank(self) -> int: ...
    @property
    def urgent(self) -> bool: ...

class Evidence(_Record):
    finding: str
    label: Optional[str]
    answer: str
    derived: bool
    weight: float
    strength: float
    sources: Tuple[str, ...]
    @property
    def direction(self) -> str: ...

class Cause(_Record):
    id: str
    name: Optional[str]
    probability: float
    prior: float
    score: float
    suspected: bool
    seriousness: Optional[str]
    evidence: Tuple[Evidence, ...]
    presentations: Dict[str, float]

class Risk(_Record):
    finding: str
    rule: str
    metric: str
    value: float
    op: str
    threshold: float
    text: Optional[str]
    sources: Tuple[str, ...]

class Question(str):
    id: str
    text: Optional[str]
    label: Optional[str]
    gain: float
    red_flag: bool

class Assessment:
    @property
    def ontology(self) -> Ontology: ...
    @property
    def triage(self) -> Triage: ...
    @property
    def dont_miss(self) -> Tuple[DontMiss, ...]: ...
    @property
    def causes(self) -> List[Cause]: ...
    @property
    def top(self) -> Cause: ...
    @property
    def probabilities(self) -> Dict[str, float]: ...
    def probability(self, condition: str) -> float: ...
    @property
    def risk_factors(self) -> List[Risk]: ...
    @property
    def next_question(self) -> Optional[Question]: ...
    @property
    def metrics(self) -> Dict[str, float]: ...
    @property
    def profile(self) -> Profile: ...
    def to_json(self, lang: Optional[str] = ..., pretty: bool = ...) -> str: ...
    def to_dict(self, lang: Optional[str] = ...) -> Dict[str, Any]: ...
    def plan(self, weeks: int = ..., start: _Date = ..., *, run_days: int = ...,
             target_weekly_km: float = ..., lang: Optional[str] = ...,
             contraindication_probability: float = ...) -> Plan: ...
    def to_frame(self) -> Any: ...
    def plot(self, ax: Any = ..., top: int = ..., evidence: int = ...) -> Any: ...

class Batch(Sequence[Assessment]):
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, i: int) -> Assessment: ...
    @overload
    def __getitem__(self, i: slice) -> List[Assessment]: ...
    def __iter__(self) -> Iterator[Assessment]: ...
    @property
    def condition_ids(self) -> List[str]: ...
    def probabilities(self) -> Any: ...
    @property
    def triage(self) -> List[str]: ...
    def to_frame(self) -> Any: ...

class Interview:
    @property
    def question(self) -> Optional[Question]: ...
    def answer(self, value: _Answer) -> None: ...
    def back(self) -> None: ...
    @property
    def done(self) -> bool: ...
    @property
    def answered(self) -> int: ...
    @property
    def assessment(self) -> Assessment: ...
    @property
    def profile(self) -> Profile: ...
    def __iter__(self) -> Iterator[Question]: ...

# ---- plans ----
class SessionItem(_Record):
    id: str
    name: Optional[str]
    sets: int
    reps: int
    hold_seconds: int
    minutes: int
    effort: str
    why: Tuple[str, ...]
    sources: Tuple[str, ...]

class Session(_Record):
    kind: str
    km: float
    minutes: int
    cadence_spm: int
    walk_minutes: int
    run_minutes: int
    repeats: int
    cue: Optional[str]
    notes: Optional[str]
    items: Tuple[SessionItem, ...]

class Day(_Record):
    date: datetime.date
    sessions: Tuple[Session, ...]

class Week(_Record):
    index: int
    phase: str
    run_km: float
    walk_run_stage: int
    cadence_spm: int
    days: Tuple[Day, ...]

class Phase(_Record):
    name: str
    weeks: Tuple[Week, ...]

class PlanAdvice(_Record):
    id: str
    text: Optional[str]
    why: Tuple[str, ...]
    sources: Tuple[str, ...]

class Plan:
    @property
    def ontology(self) -> Ontology: ...
    @property
    def triage(self) -> str: ...
    @property
    def pain_model(self) -> str: ...
    @property
    def weeks(self) -> List[Week]: ...
    @property
    def phases(self) -> List[Phase]: ...
    @property
    def weekly_km(self) -> List[float]: ...
    @property
    def advice(self) -> List[PlanAdvice]: ...
    def revise(self, checkins: Union[Checkins, str, bytes, Dict[str, Any], List[Dict[str, Any]]],
               profile: Union[Profile, Assessment, Dict[str, Any], None] = ..., *,
               run_days: int = ..., target_weekly_km: float = ..., lang: Optional[str] = ...,
               contraindication_probability: float = ...) -> Revision: ...
    def to_json(self, pretty: bool = ...) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_markdown(self) -> str: ...
    def to_ical(self) -> str: ...
    def to_frame(self) -> Any: ...
    def plot(self, ax: Any = ...) -> Any: ...
    def __len__(self) -> int: ...

# ---- Text intake (issue 19) ----
class TextFinding(_Record):
    id: str
    present: bool
    span: Tuple[int, int]
    words: str
    confidence: float
    side: Optional[str]

class TextNumber(_Record):
    field: str
    value: float
    span: Tuple[int, int]
    words: str

class TextResult:
    findings: List[TextFinding]
    numbers: List[TextNumber]
    sex: Optional[str]
    languages: List[str]
    @property
    def answers(self) -> Dict[str, bool]: ...
    @property
    def runner(self) -> Dict[str, Any]: ...
    def apply(self, profile: Profile) -> None: ...

def parse_text(onto: Ontology, text: str, lang: Optional[str] = ...) -> TextResult: ...
# ---- watch files and check-ins ----
class Run(_Record):
    date: datetime.date
    km: float
    minutes: Optional[float]
    effort: Optional[float]
    cadence_spm: Optional[float]
    elevation_gain_m: Optional[float]

class Checkin(_Record):
    week: int
    sessions_planned: int
    sessions_done: int
    pain_during: Optional[int]
    pain_after: Optional[int]
    pain_next_morning: Optional[int]
    new_findings: Tuple[str, ...]

class Decision(_Record):
    week: int
    action: str
    reason: str
    sources: Tuple[str, ...]

class Checkins(Sequence[Checkin]):
    @classmethod
    def from_json(cls, onto: Ontology, text: Union[str, bytes], name: str = ...) -> Checkins: ...
    @property
    def ontology(self) -> Ontology: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, i: int) -> Checkin: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Checkin]: ...
    def __iter__(self) -> Iterator[Checkin]: ...
    def decide(self, i: int, model: str = ...) -> Decision: ...
    def decisions(self, model: str = ...) -> List[Decision]: ...
    def to_json(self) -> str: ...

class RevisionDecision(_Record):
    week: int
    action: str
    triage: str
    next_week: Optional[int]
    replanned: bool
    reason: str
    sources: Tuple[str, ...]

class RevisionWeek(_Record):
    from_week: Optional[int]
    runs_shortened: int
    cadence_held: bool


class Revision:
    @property
    def plan(self) -> Plan: ...
    @property
    def decisions(self) -> Tuple[RevisionDecision, ...]: ...
    @property
    def weeks(self) -> Tuple[RevisionWeek, ...]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_markdown(self) -> str: ...
    def to_ical(self) -> str: ...
