"""The exceptions raised by hippain, one class per library status (``hp_status``)."""

from __future__ import annotations

from typing import Dict, Optional, Type

from . import hippain_core as _c

__all__ = [
    "Error", "OutOfMemory", "InputError", "InvalidInput", "ValidationError", "FileError",
    "ParseError", "SchemaError", "SemanticError", "DuplicateId", "NotFound",
    "LimitExceeded", "ForbiddenInput", "StateError", "InternalError",
]


class Error(Exception):
    """Base class of every error raised by hippain.

    Attributes:
        status: the library's ``hp_status`` value (a negative int).
        code: its name, e.g. ``"HP_E_PARSE"``.
        message: the library's message naming the problem.
        file: the input (file path, or a name such as ``"profile"`` or
            ``"profiles[3]"``) the problem is in, or None.
        line: 1-based line in ``file``, or None when unknown.
        column: 1-based column in ``file``, or None when unknown.
    """

    status: int = 0
    code: str = "HP_OK"

    def __init__(self, message: str, *, status: Optional[int] = None,
                 file: Optional[str] = None, line: Optional[int] = None,
                 column: Optional[int] = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status
            self.code = _STATUS_NAMES.get(status, str(status))
        self.message = message
        self.file = file or None
        self.line = line or None
        self.column = column or None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += ":%d" % self.line
                if self.column:
                    where += ":%d" % self.column
            where += ": "
        return where + self.message

    def __repr__(self) -> str:
        return "%s(%r)" % (type(self).__name__, str(self))

    def __reduce__(self):  # picklable across processes (Dask workers)
        return (_rebuild, (type(self), self.message, self.status, self.file, self.line,
                           self.column))


def _rebuild(cls, message, status, file, line, column):
    return cls(message, status=status, file=file, line=line, column=column)


class OutOfMemory(Error, MemoryError):
    """An allocation failed (HP_E_NOMEM)."""


class InputError(Error, ValueError):
    """Base class of errors caused by bad input (files, profiles, arguments)."""


class InvalidInput(InputError):
    """An argument or value is invalid (HP_E_INVALID): a profile that breaks the profile
    format (wrong type, negative distance, malformed date...), a bad answer, an index out
    of range. The message names the offending key."""


#: Alias of :class:`InvalidInput`: a profile or argument failed validation.
ValidationError = InvalidInput


class FileError(Error, OSError):
    """A file could not be opened or read (HP_E_IO)."""


class ParseError(InputError):
    """Input is not well-formed XML or JSON (HP_E_PARSE); ``file``, ``line`` and
    ``column`` say where."""


class SchemaError(InputError):
    """An ontology breaks the RELAX NG schema (HP_E_SCHEMA)."""


class SemanticError(InputError):
    """An ontology breaks a semantic rule: dangling reference, value out of range
    (HP_E_SEMANTIC)."""


class DuplicateId(InputError):
    """An id is defined twice (HP_E_DUPLICATE)."""


class NotFound(InputError, KeyError):
    """An id or item does not exist (HP_E_NOT_FOUND): an unknown finding id in a
    profile, an unknown condition, an index out of range."""

    def __str__(self) -> str:  # KeyError would quote the message
        return Error.__str__(self)


class LimitExceeded(InputError):
    """A size or count limit was exceeded (HP_E_LIMIT)."""


class ForbiddenInput(InputError):
    """Input uses a forbidden feature: a DTD, an entity, XInclude (HP_E_FORBIDDEN)."""


class StateError(Error, RuntimeError):
    """The object is not in a state that allows the call (HP_E_STATE), e.g. answering a
    finished interview."""


class InternalError(Error, RuntimeError):
    """An internal invariant of the library failed (HP_E_INTERNAL): a bug."""


_STATUS_NAMES: Dict[int, str] = {
    _c.HP_E_NOMEM: "HP_E_NOMEM", _c.HP_E_INVALID: "HP_E_INVALID", _c.HP_E_IO: "HP_E_IO",
    _c.HP_E_PARSE: "HP_E_PARSE", _c.HP_E_SCHEMA: "HP_E_SCHEMA",
    _c.HP_E_SEMANTIC: "HP_E_SEMANTIC", _c.HP_E_DUPLICATE: "HP_E_DUPLICATE",
    _c.HP_E_NOT_FOUND: "HP_E_NOT_FOUND", _c.HP_E_LIMIT: "HP_E_LIMIT",
    _c.HP_E_FORBIDDEN: "HP_E_FORBIDDEN", _c.HP_E_STATE: "HP_E_STATE",
    _c.HP_E_INTERNAL: "HP_E_INTERNAL",
}

_CLASSES: Dict[int, Type[Error]] = {
    _c.HP_E_NOMEM: OutOfMemory, _c.HP_E_INVALID: InvalidInput, _c.HP_E_IO: FileError,
    _c.HP_E_PARSE: ParseError, _c.HP_E_SCHEMA: SchemaError,
    _c.HP_E_SEMANTIC: SemanticError, _c.HP_E_DUPLICATE: DuplicateId,
    _c.HP_E_NOT_FOUND: NotFound, _c.HP_E_LIMIT: LimitExceeded,
    _c.HP_E_FORBIDDEN: ForbiddenInput, _c.HP_E_STATE: StateError,
    _c.HP_E_INTERNAL: InternalError,
}
for _status, _cls in _CLASSES.items():
    _cls.status = _status
    _cls.code = _STATUS_NAMES[_status]


def error_class(status: int) -> Type[Error]:
    """The exception class for an ``hp_status`` value."""
    return _CLASSES.get(status, Error)


def from_hp_error(err, status: Optional[int] = None) -> Error:
    """An exception from a filled ``hp_error`` record (or ``status`` if it is empty)."""
    code = err.code if err.code else (status if status is not None else _c.HP_E_INTERNAL)
    message = err.message or _c.hp_strerror(code)
    return error_class(code)(message, status=code, file=err.file or None,
                             line=err.line or None, column=err.column or None)


def check(err, status: Optional[int] = None) -> None:
    """Raise if ``status`` (or else the record's code) is a failure."""
    code = status if status is not None else err.code
    if code != _c.HP_OK:
        raise from_hp_error(err, code)


def new_error():
    """A fresh, zeroed ``hp_error`` record for one call."""
    return _c.hp_error()
