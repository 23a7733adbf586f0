"""Regenerate tests/data/golden: ``python -m tests.validate.regen_golden``. Read the diff by eye."""

from __future__ import annotations

from tests.validate.golden import GOLDEN, examples, golden_path, run_check


def main() -> None:
    """Write the text and JSON golden file of every example."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for example in examples():
        for fmt in ("text", "json"):
            _code, out = run_check(example, fmt)
            golden_path(example, fmt).write_text(out, encoding="utf-8")
            print(golden_path(example, fmt))


if __name__ == "__main__":
    main()
