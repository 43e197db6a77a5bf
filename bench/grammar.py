"""Benchmark the grammar rule against a real LanguageTool server.

    python bench/grammar.py [--corpus DIR] [--files N] [--runs N]

Prints the cold start (server process start to first answered check); the time of one
article checked through renderlint's client, the part of it spent in the HTTP exchange
with the server (LanguageTool's own time for that very request), and the client's
overhead over it; a bare /v2/check request with default parameters for reference; and
throughput of `check --grammar` over the first N files of the corpus.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "kcna-2024"
MB = 1_000_000


class _TimedPost:
    """Wraps ``requests.post`` to record how long each HTTP exchange with the server takes:
    LanguageTool's own time for exactly the request the client sent."""

    def __init__(self, post):
        self.post = post
        self.seconds = 0.0

    def __call__(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self.post(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started


def raw_check(url: str, text: str) -> float:
    """Seconds for one /v2/check request with no client library in between."""
    data = urllib.parse.urlencode({"text": text, "language": "en-US"}).encode()
    started = time.perf_counter()
    with urllib.request.urlopen(f"{url}/v2/check", data=data, timeout=120) as response:
        json.load(response)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", type=int, default=100, help="files for the throughput run")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per side")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from linter.config import Settings
    from linter.engine import Linter
    from linter.languagetool import Server, check, find_install

    corpus = args.corpus.resolve()
    files = sorted(corpus.glob("*.txt"))[: args.files]
    if not files:
        sys.exit(f"bench: no articles under {corpus}")
    jars = find_install()
    if jars is None:
        sys.exit("bench: no LanguageTool install; run `renderlint languagetool install`")
    article = max(files[:20], key=lambda p: p.stat().st_size).read_text(encoding="utf-8")

    started = time.perf_counter()
    with Server(install_dir=jars, port=None) as server:
        cold = time.perf_counter() - started
        import requests

        timed = _TimedPost(requests.post)
        requests.post = timed
        client, exchange, direct = [], [], []
        try:
            for _ in range(args.runs):
                timed.seconds = 0.0
                t = time.perf_counter()
                check(article, server.url)
                client.append(time.perf_counter() - t)
                exchange.append(timed.seconds)
                direct.append(raw_check(server.url, article))
        finally:
            requests.post = timed.post
        size = sum(p.stat().st_size for p in files)
        linter = Linter(
            Settings(rule_options={"grammar": {"server": server.url}}), extend_select=["grammar"]
        )
        t = time.perf_counter()
        result = linter.lint_paths([str(p) for p in files])
        corpus_time = time.perf_counter() - t
        linter.close()

    c, x, d = statistics.median(client), statistics.median(exchange), statistics.median(direct)
    overhead = statistics.median((t - e) / e for t, e in zip(client, exchange, strict=True))
    rows = [
        ("cold start (start to first check)", f"{cold:.1f} s"),
        (f"one article ({len(article)} chars), client", f"{c * 1000:.0f} ms"),
        ("  of which the HTTP exchange", f"{x * 1000:.0f} ms"),
        ("client overhead over that exchange", f"{overhead * 100:+.1f} %"),
        ("bare /v2/check, default parameters", f"{d * 1000:.0f} ms"),
        (
            f"check --grammar, {len(files)} files",
            f"{corpus_time:.1f} s   "
            f"{size / MB / corpus_time:.3f} MB/s   {len(result.reports)} findings",
        ),
    ]
    print("Grammar (LanguageTool)")
    for label, value in rows:
        print(f"  {label:<40} {value}")


if __name__ == "__main__":
    main()
