"""Telling an engine that cannot read its files from a bug in diarium.

Neither engine has exception types of its own for damage. tantivy (Rust) reports a file
it cannot read as a ``ValueError`` or ``OSError`` raised by the native call, and a panic
as pyo3's ``PanicException``; Whoosh (pure Python) as whatever its decoders hit: struct,
zlib, EOF, Unicode errors, a ``KeyError`` in its tables, or one of its index errors.
Those same types are what a bug in diarium raises, so the type alone says nothing: what
counts is where it was raised. An error is the engine's when its innermost frame of
diarium's or Whoosh's code is inside Whoosh, or is the engine module that calls into
tantivy (a native call has no Python frame of its own); a ``KeyError`` from diarium's
own code in the same ``with`` block is a bug and surfaces as one.
"""

from __future__ import annotations

import struct
import zlib
from types import TracebackType

# The modules whose lines call into an engine's library.
ENGINE_MODULES = ("diarium.index.tantivy_engine", "diarium.index.whoosh_engine")
# What a native tantivy call, or our own reading of an engine's files, raises.
NATIVE_ERRORS: tuple[type[BaseException], ...] = (ValueError, OSError, EOFError)
# What Whoosh's own code raises on bytes it cannot decode, besides its own exception
# types (told by their module, so that this check does not import Whoosh).
WHOOSH_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    KeyError,
    IndexError,
)


def is_engine_panic(exc: BaseException) -> bool:
    """tantivy's Rust code panicking on bytes it cannot decode: pyo3 raises its
    ``PanicException``, a BaseException, which no module exports by name."""
    return type(exc).__name__ == "PanicException"


def raised_in(exc: BaseException) -> str:
    """The module of the innermost frame of diarium's or Whoosh's code that ``exc``
    passed through (the standard library's frames, such as json's decoder, are looked
    through); "" when there is none."""
    found = ""
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("diarium.", "whoosh.")):
            found = module
        tb = tb.tb_next
    return found


def is_engine_failure(exc: BaseException) -> bool:
    """``exc`` is an engine failing on its files, not a bug of ours."""
    if is_engine_panic(exc):
        return True
    origin = raised_in(exc)
    if origin.startswith("whoosh."):
        return isinstance(exc, WHOOSH_ERRORS) or type(exc).__module__.startswith("whoosh.")
    return origin in ENGINE_MODULES and isinstance(exc, NATIVE_ERRORS)
