"""The house's size limits: no module over 400 lines, no function over 60.

Run by `make lint` over the code, the migrations and the tests::

    python -m tests.quality.sizes tracker jobs migrations tests

A module counts its physical lines. A function (or method, nested ones on their own too)
counts from its `def` line to its last line, docstring and comments inside included,
decorators left out: they say where the function is registered, not what it does.
Prints one line per module or function over its limit and exits 1 if there is any.
"""

import ast
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Each exemption with its reason; the checker says when one is no longer needed.
EXEMPT_MODULES: Mapping[str, str] = {
    "tracker/demo/data.py": "the demo unit's data tables: rows of data, no logic to split",
}
EXEMPT_FUNCTIONS: Mapping[tuple[str, str], str] = {
    ("migrations/versions/20261125_5f839cf294c0_initial_schema.py", "upgrade"):
        "a revision already applied is history: never rewritten",
    ("migrations/versions/20261125_8620593a9ad2_notifications_outbox_and_reminder_.py",
     "upgrade"): "a revision already applied is history: never rewritten",
}


@dataclass(frozen=True)
class Oversized:
    path: str
    line: int
    function: str | None  # None for the module itself
    lines: int
    limit: int

    @property
    def exemption(self) -> str | tuple[str, str]:
        """Its key in EXEMPT_MODULES or EXEMPT_FUNCTIONS."""
        return self.path if self.function is None else (self.path, self.function)

    def __str__(self) -> str:
        what = "module" if self.function is None else f"function {self.function}"
        return f"{self.path}:{self.line}: {what} has {self.lines} lines (limit {self.limit})"


def python_files(roots: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for root in map(Path, roots):
        files.extend([root] if root.is_file() else sorted(root.rglob("*.py")))
    return files


def function_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """From the `def` line (decorators excluded) to the function's last line."""
    return (node.end_lineno or node.lineno) - node.lineno + 1


def measure(path: Path) -> list[Oversized]:
    """Everything in one file over its limit, exemptions not applied."""
    text = path.read_text(encoding="utf-8")
    name = path.as_posix()
    found = []
    if (lines := len(text.splitlines())) > MAX_MODULE_LINES:
        found.append(Oversized(name, 1, None, lines, MAX_MODULE_LINES))
    functions = (node for node in ast.walk(ast.parse(text, filename=name))
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))
    for node in functions:
        if (lines := function_lines(node)) > MAX_FUNCTION_LINES:
            found.append(Oversized(name, node.lineno, node.name, lines, MAX_FUNCTION_LINES))
    return found


def check(roots: Iterable[str]) -> list[str]:
    """The problems to report: what is over its limit and not exempt, and exemptions in
    the files checked that nothing needs any more (so the lists do not outlive a fix)."""
    files = python_files(roots)
    oversized = [item for path in files for item in measure(path)]
    needed = {item.exemption for item in oversized}
    exempt = set(EXEMPT_MODULES) | set(EXEMPT_FUNCTIONS)
    problems = [str(item) for item in oversized if item.exemption not in exempt]
    checked = {path.as_posix() for path in files}
    for key in sorted(exempt - needed, key=str):
        path = key if isinstance(key, str) else key[0]
        if path in checked:
            problems.append(f"{path}: exempt from the size limits but within them now: "
                            f"remove {key!r} from tests/quality/sizes.py")
    return problems


def main(argv: list[str]) -> int:
    problems = check(argv or ["tracker", "jobs", "migrations", "tests"])
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
