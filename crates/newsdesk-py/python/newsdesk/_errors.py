"""The exceptions newsdesk raises for a page that yields no article.

Each subclasses :class:`Error` and the matching built-in, so ``except newsdesk.Error`` catches
every one and ``except ValueError`` keeps working for code written against other extractors.
In ``extract_many``, ``index`` is the failed page's position (``None`` elsewhere).
"""

from __future__ import annotations

from typing import Optional

__all__ = ["Error", "EmptyInput", "InputTooLarge", "NotHtml", "Timeout", "InternalError"]


class Error(Exception):
    """Base class of the errors newsdesk raises for a page."""

    index: Optional[int] = None


class EmptyInput(Error, ValueError):
    """The page is empty (no bytes, or only whitespace)."""


class InputTooLarge(Error, ValueError):
    """The page is over the ``max_bytes`` limit (16 MiB by default)."""

    def __init__(self, message: str, size: Optional[int] = None, limit: Optional[int] = None):
        super().__init__(message)
        self.size = size
        self.limit = limit

    def __reduce__(self):
        return (type(self), (self.args[0], self.size, self.limit), self.__dict__)


class NotHtml(Error, ValueError):
    """The input is certainly not an HTML page (PDF, image, archive, JSON, binary)."""

    def __init__(self, message: str, kind: Optional[str] = None):
        super().__init__(message)
        self.kind = kind

    def __reduce__(self):
        return (type(self), (self.args[0], self.kind), self.__dict__)


class Timeout(Error, TimeoutError):
    """The time budget ran out before extraction could start."""

    def __init__(self, message: str, budget: Optional[float] = None):
        super().__init__(message)
        self.budget = budget

    def __reduce__(self):
        return (type(self), (self.args[0], self.budget), self.__dict__)


class InternalError(Error, RuntimeError):
    """Extraction panicked: a bug in newsdesk (the panic was contained; other pages go on)."""
