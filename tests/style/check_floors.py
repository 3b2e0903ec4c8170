#!/usr/bin/env python3
"""Fails when a file includes a header from a floor above its own (docs/design.md, "Floors").

The floors, bottom up: proto/ and common/ (the ground), services/, cli/, then tools/ and tests/.
Production code may include from its own floor and below: never tests/ or tools/. Tests,
benchmarks and their helpers beside the code (*_test.cc, *_pgtest.cc, *_benchmark.cc,
*_testing.*) may also include the test support in tests/testing and tests/integration, never
tools/. A folder's name makes nothing test support: shared test support lives in tests/testing.

  python3 tests/style/check_floors.py /path/to/repository
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)

# Floor of each top folder; a file may include folders of its floor or lower.
FLOORS = {"proto": 0, "common": 0, "services": 1, "cli": 2, "tools": 3, "tests": 3}
# What tests beside the code may include besides their own floor.
TEST_SUPPORT = ("tests/testing/", "tests/integration/")


def is_test_support(path: pathlib.Path) -> bool:
    name = path.name
    return name.endswith(("_test.cc", "_pgtest.cc", "_benchmark.cc")) or "_testing." in name


def violations(root: pathlib.Path):
    for top, floor in FLOORS.items():
        if floor >= 3:
            continue
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".cc", ".h") or not path.is_file():
                continue
            relative = path.relative_to(root)
            for included in INCLUDE.findall(path.read_text(encoding="utf-8", errors="replace")):
                included_top = included.split("/", 1)[0]
                if included_top not in FLOORS or FLOORS[included_top] <= floor:
                    continue
                if is_test_support(relative) and included.startswith(TEST_SUPPORT):
                    continue
                yield f"{relative}: includes {included} (floor {included_top}/ is above {top}/)"


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    found = list(violations(root))
    for line in found:
        print(line)
    print(f"{len(found)} include(s) from a floor above")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
