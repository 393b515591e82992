"""Errors that services raise; the web and the API turn each into one response.

Messages are for the person who caused them, in their language (lazy strings
are translated when rendered).
"""

from typing import Any


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: Any, *, errors: dict[str, list[Any]] | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.errors = errors or {}


class ValidationFailed(DomainError):
    """Input that breaks a rule; `errors` maps each field to its messages."""

    status_code = 422

    @classmethod
    def on(cls, field: str, message: Any) -> "ValidationFailed":
        return cls(message, errors={field: [message]})


class PermissionDenied(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    """The object changed since the version the user saw; `current` holds its values now."""

    status_code = 409

    def __init__(self, message: Any, *, current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.current = current or {}


class SignInRefused(DomainError):
    status_code = 401


class TooManyAttempts(DomainError):
    status_code = 429
