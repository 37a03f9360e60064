"""The engine alone, in-process: median time per triage over the clinical test cases, with the
default ruleset and with one ten times its size (triage.engine.scaling). No server, no database.

    .venv/bin/python bench/engine.py [--repeat 7]

CPU time (time.process_time), the best of --repeat medians, so that other work on a shared
machine disturbs the figure as little as it can.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage import content, engine  # noqa: E402
from triage.engine.scaling import scaled_ruleset  # noqa: E402


def median_ms(ruleset, cases, repeat):
    answers = [engine.validate_answers(ruleset, case["answers"]) for case in cases]
    engine.evaluate(ruleset, answers[0])  # compile and prepare outside the timing

    def one_pass():
        times = []
        for clean in answers:
            start = time.process_time()
            for _ in range(10):
                engine.evaluate(ruleset, clean)
            times.append((time.process_time() - start) / 10)
        return statistics.median(times)

    return min(one_pass() for _ in range(repeat)) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    snapshot = content.snapshot()
    editors_cases = content.read_case_file(content.CONTENT_DIR / "cases.toml")
    every_case = content.read_cases()
    base = engine.Ruleset.from_snapshot(snapshot)
    big = scaled_ruleset(snapshot, 10)
    start = time.process_time()
    engine.Ruleset.from_snapshot(snapshot)
    engine.evaluate(engine.Ruleset.from_snapshot(snapshot), {})
    compile_ms = (time.process_time() - start) * 1000
    rows = [
        ("default ruleset", base, editors_cases, "cases.toml"),
        ("default ruleset", base, every_case, "all cases"),
        ("10x the rules", big, every_case, "all cases"),
    ]
    print(f"compile a version: {compile_ms:.1f} ms (once per version)")
    results = {}
    for label, ruleset, cases, which in rows:
        ms = median_ms(ruleset, cases, args.repeat)
        results[(label, which)] = ms
        print(f"{label:16} {len(ruleset.rules):5} rules, {which:10} ({len(cases):3}): {ms:.3f} ms")
    ratio = results[("10x the rules", "all cases")] / results[("default ruleset", "all cases")]
    print(f"10x the rules costs {ratio:.2f}x the default ruleset")


if __name__ == "__main__":
    main()
