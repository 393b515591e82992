"""Tasks (nhiệm vụ): who leads, who coordinates, by when, and how far along."""

# Loaded with the package: its session events keep every task's search text in step.
from tracker.tasks import search_text  # noqa: F401
