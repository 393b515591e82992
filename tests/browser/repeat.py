"""Run the whole browser suite N times in a row, each in a fresh pytest process, and stop
at the first failure: a flaky test shows up here before it shows up on a newcomer's first
`make test`. Not part of CI (20 runs take a while); run it when the machine is quiet::

    make browser-repeat N=20
    python -m tests.browser.repeat 20 [pytest options…]

Prints "passed K of N" and exits 1 unless every run passed.
"""

import argparse
import subprocess
import sys

SUITE = "tests/browser"


def run_once(pytest_options: list[str]) -> bool:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", SUITE,
               *pytest_options]
    return subprocess.run(command, check=False).returncode == 0


def repeat(runs: int, pytest_options: list[str]) -> int:
    """How many runs passed in a row before the first failure (all of them if none)."""
    for number in range(1, runs + 1):
        print(f"=== Browser suite, run {number} of {runs}", flush=True)
        if not run_once(pytest_options):
            return number - 1
    return runs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", type=int, help="how many times to run the suite")
    arguments, pytest_options = parser.parse_known_args(argv)
    if arguments.runs < 1:
        parser.error("runs must be at least 1")
    passed = repeat(arguments.runs, pytest_options)
    print(f"passed {passed} of {arguments.runs}")
    return 0 if passed == arguments.runs else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
