"""The size checker `make lint` runs fails on a module over 400 lines or a function over 60,
and only there."""

from pathlib import Path

from tests.quality.sizes import MAX_FUNCTION_LINES, MAX_MODULE_LINES, check, main


def write_function(path: Path, lines: int, decorators: int = 0) -> None:
    """A module holding one function `work` of exactly `lines` lines."""
    body = [f"    total = {n}" for n in range(lines - 2)]
    path.write_text("\n".join(["import functools", "",
                               *["@functools.cache"] * decorators,
                               "def work():", *body, "    return total", ""]))


def test_a_function_one_line_over_the_limit_fails_the_check(tmp_path, capsys):
    write_function(tmp_path / "long.py", MAX_FUNCTION_LINES + 1)

    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().out == (
        f"{tmp_path / 'long.py'}:3: function work has 61 lines (limit 60)\n")


def test_a_function_at_the_limit_passes_its_decorators_not_counted(tmp_path, capsys):
    write_function(tmp_path / "fits.py", MAX_FUNCTION_LINES, decorators=3)

    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_methods_and_nested_functions_are_measured_on_their_own(tmp_path):
    body = "\n".join(f"            x = {n}" for n in range(MAX_FUNCTION_LINES))
    (tmp_path / "nested.py").write_text(
        f"class Job:\n    def run(self):\n        def step():\n{body}\n")

    problems = check([str(tmp_path)])

    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "function run has 62 lines (limit 60)", "function step has 61 lines (limit 60)"]


def test_a_module_over_400_lines_fails_one_at_400_passes(tmp_path):
    (tmp_path / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    (tmp_path / "fits.py").write_text("x = 1\n" * MAX_MODULE_LINES)

    assert check([str(tmp_path)]) == [f"{tmp_path / 'big.py'}:1: module has 401 lines (limit 400)"]


def test_the_demo_data_tables_are_exempt_while_they_need_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = Path("tracker/demo/data.py")
    data.parent.mkdir(parents=True)
    data.write_text("ROWS = 1\n" * (MAX_MODULE_LINES + 25))
    assert check(["tracker"]) == []

    data.write_text("ROWS = 1\n")
    assert check(["tracker"]) == [
        "tracker/demo/data.py: exempt from the size limits but within them now: "
        "remove 'tracker/demo/data.py' from tests/quality/sizes.py"]

