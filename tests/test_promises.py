"""The README's reliability promises name the tests that check them: those tests exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_reliability_promise_names_existing_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability promises", 1)[1].split("\n## ", 1)[0]
    promises = [line for line in section.splitlines() if line.startswith("- **")]
    assert len(promises) >= 8
    defined = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        defined |= set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    for promise in promises:
        named = re.findall(r"`(test_\w+)`", promise.split("(tests:", 1)[-1])
        assert named, f"promise without tests: {promise[:60]}"
        missing = [n for n in named if n not in defined]
        assert not missing, f"{promise[:60]}...: no such test {missing}"
