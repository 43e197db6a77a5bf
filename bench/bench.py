"""Benchmark renderlint on a corpus: in-process lint throughput, then CLI start-up time.

    python bench/bench.py [--corpus DIR] [--rules NAMES] [--repeat N] [--runs N]

The in-process part lints the whole corpus with the library API on one CPU, each run in
a new process with the modules imported before the clock starts; the command
part times `renderlint check ONE_ARTICLE` as a user's shell would run it, and
`renderlint readability` on one article (cache cold and warm) and on the whole corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "kcna-2024"
PARALLEL = REPO.parent / "shared" / "corpus" / "parallel"
PAIR_STEM = "2012_joint_new_year_editorial"
MB = 1_000_000


def lint_corpus(corpus: Path, rules: list[str] | None, repeat: int) -> dict:
    """Lint every file under ``corpus`` ``repeat`` times, each time in a new process (a
    user's every run starts without the caches a process fills as it goes); times,
    sizes and findings."""
    runs = []
    for _ in range(repeat):
        argv = [sys.executable, __file__, "--child", "--corpus", str(corpus)]
        if rules:
            argv += ["--rules", ",".join(rules)]
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"bench: linting {corpus} failed: {done.stderr.strip()[-500:]}")
        runs.append(json.loads(done.stdout))
    times = [run["time"] for run in runs]
    return {**runs[0], "best": min(times), "median": statistics.median(times)}


def lint_once(corpus: Path, rules: list[str] | None) -> dict:
    """One lint of the corpus in this process, timed from building the linter (rules and
    the pack) to the sorted reports; the modules are imported before the clock starts."""
    from linter.config import Settings
    from linter.engine import Linter
    from linter.registry import registry

    registry()  # imports every rule module
    started = time.perf_counter()
    linter = Linter(Settings(root=corpus), select=rules)
    result = linter.lint_paths([str(corpus)])
    elapsed = time.perf_counter() - started
    del linter  # its caches are freed after the clock: the time is the lint, to its reports
    if result.errors:
        sys.exit(f"bench: linting {corpus} failed: {result.errors[0]}")
    return {
        "time": elapsed,
        "files": result.files,
        "bytes": sum(os.path.getsize(path) for path in result.paths),
        "findings": Counter(report.rule for report in result.reports),
        "first_file": result.paths[0] if result.paths else None,
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def time_command(argv: list[str], runs: int) -> float:
    """Median wall time of ``argv`` over ``runs`` runs, after one untimed warm-up run.

    The child may write bytecode (this sandbox sets PYTHONDONTWRITEBYTECODE; users do not),
    and the warm-up run fills the cache, so the timed runs start the way a user's do.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True)
        times.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            message = done.stderr.decode(errors="replace").strip().splitlines()
            sys.exit(f"bench: {' '.join(argv)} exited {done.returncode}: {message[-1:]}")
    return statistics.median(times[1:])


def time_readability(argv: list[str], runs: int, *, cold: bool) -> float:
    """Median wall time of `renderlint readability …`: with a cache folder that is new for
    every run (``cold``: the CMU dictionary and Pyphen patterns are parsed and cached), or
    one filled by an untimed first run (warm)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    with tempfile.TemporaryDirectory(prefix="renderlint-bench-") as folder:
        for run in range(runs + (0 if cold else 1)):
            env["RENDERLINT_CACHE_DIR"] = os.path.join(folder, str(run) if cold else "warm")
            started = time.perf_counter()
            done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True)
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                message = done.stderr.decode(errors="replace").strip().splitlines()
                sys.exit(f"bench: {' '.join(argv)} exited {done.returncode}: {message[-1:]}")
    return statistics.median(times if cold else times[1:])


def compare_rows(runs: int) -> list[tuple[str, str]]:
    """`renderlint compare` on the real Korean-English pair: in process, and as a command."""
    from linter.compare import compare_paths
    from linter.engine import Linter

    pair = [str(PARALLEL / f"{PAIR_STEM}.{lang}.txt") for lang in ("ko", "en")]
    if not all(Path(p).is_file() for p in pair):
        return [("compare PAIR", f"skipped: no pair in {PARALLEL}")]
    times = []
    for _ in range(max(runs, 5)):
        started = time.perf_counter()
        compare_paths(Linter(select=["compare"]), *pair)
        times.append(time.perf_counter() - started)
    command = time_command([*renderlint_command(), "compare", *pair], runs)
    return [
        ("compare PAIR, in process (best)", f"{min(times) * 1000:.0f} ms"),
        ("renderlint compare PAIR", f"{command * 1000:.0f} ms"),
    ]


def renderlint_command() -> list[str]:
    """The installed `renderlint` script beside this Python, else the module."""
    script = Path(sys.executable).with_name("renderlint")
    if script.exists():
        return [str(script)]
    found = shutil.which("renderlint")
    return [found] if found else [sys.executable, "-m", "linter"]


def pin_to_one_cpu() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def print_report(corpus: Path, cpu: str, repeat: int, lint: dict, commands: list) -> None:
    mb = lint["bytes"] / MB
    best = lint["best"]
    rows = [
        ("corpus", str(corpus)),
        ("files", f"{lint['files']}"),
        ("size", f"{mb:.2f} MB"),
        (f"lint time, best of {repeat}", f"{best:.3f} s  (median {lint['median']:.3f} s)"),
        ("throughput", f"{mb / best:.2f} MB/s   {lint['files'] / best:.0f} files/s"),
        ("peak RSS", f"{lint['peak_rss'] / MB:.0f} MB"),
        ("cpu", cpu),
    ]
    print("In-process lint (library API)")
    _table(rows)
    print("\nFindings per rule")
    findings = Counter(lint["findings"])
    _table([(rule, str(count)) for rule, count in sorted(findings.items())] or [("none", "0")])
    print(f"  {'total':<32} {sum(findings.values())}")
    print("\nCommand wall time (median, bytecode cached, start-up included)")
    _table(commands)


def _table(rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        print(f"  {label:<32} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"folder of articles (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument("--rules", help="comma-separated rules or families (default: default set)")
    parser.add_argument("--repeat", type=int, default=5, help="in-process lint runs (default 5)")
    parser.add_argument("--runs", type=int, default=10, help="timed command runs (default 10)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        sys.exit(f"bench: corpus folder {corpus} not found; pass --corpus DIR")
    rules = [name.strip() for name in args.rules.split(",") if name.strip()] if args.rules else None
    sys.path.insert(0, str(REPO))  # benchmark this tree, whatever renderlint is installed
    from linter.registry import registry

    unknown = [name for name in rules or [] if not registry().is_selector(name)]
    if unknown:
        sys.exit(f"bench: unknown rule or family {unknown[0]!r} (see `renderlint rules`)")

    if args.child:
        json.dump(lint_once(corpus, rules), sys.stdout)
        return
    cpu = pin_to_one_cpu()
    lint = lint_corpus(corpus, rules, args.repeat)
    if lint["first_file"] is None:
        sys.exit(f"bench: no files to lint under {corpus}")
    check = [*renderlint_command(), "check", lint["first_file"]]
    if rules:
        check += ["--select", ",".join(rules)]
    commands = [
        ("renderlint check ONE_ARTICLE", f"{time_command(check, args.runs) * 1000:.0f} ms"),
        (
            "python -c pass",
            f"{time_command([sys.executable, '-c', 'pass'], args.runs) * 1000:.0f} ms",
        ),
    ]
    readability = [*renderlint_command(), "readability", "--format", "json"]
    one = [*readability, lint["first_file"]]
    corpus_time = time_readability([*readability, str(corpus)], max(3, args.runs // 3), cold=False)
    commands += [
        (
            "readability ONE_ARTICLE, cold",
            f"{time_readability(one, max(3, args.runs // 2), cold=True) * 1000:.0f} ms",
        ),
        (
            "readability ONE_ARTICLE, warm",
            f"{time_readability(one, args.runs, cold=False) * 1000:.0f} ms",
        ),
        (
            "readability CORPUS, warm",
            f"{corpus_time:.2f} s   {lint['bytes'] / MB / corpus_time:.2f} MB/s",
        ),
    ]
    commands += compare_rows(args.runs)
    print_report(corpus, cpu, args.repeat, lint, commands)


if __name__ == "__main__":
    main()
