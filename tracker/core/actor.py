"""Who performs a service call. Officials act for themselves; the CLI and the
scheduler act as SYSTEM, which passes every permission check and is recorded
as such in the audit log."""

from typing import Protocol


class Actor(Protocol):
    id: int | None
    is_system: bool


class SystemActor:
    id = None
    is_system = True

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()
