"""`GET /health`: the process is up and answers, for load balancers, deployment checks and
the HTTP benchmark's baseline. It reads no database and needs no sign-in."""

from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
