#!/usr/bin/env python3
"""Checks that the documentation's links lead somewhere, without a network.

  check_links.py SOURCE_DIR

For README.md and docs/*.md: every relative Markdown link or image (`[text](docs/api.md#filters)`)
names a file or folder of the repository and, with `#anchor`, a heading of that file (GitHub's
anchors: lowercased, punctuation dropped, spaces to hyphens); every repository path written in
backticks (`services/query/filter/filter.h`, `common/formats/*_test.cc`) exists. README.md, the
front page, stays within MAX_README_LINES. No page of docs/ is dated like a diary: its prose holds
no ISO date (2026-12-05), no "build 1a2b3c4" and no "(issue 18)" (the pages give current figures;
git log keeps when each was measured and by which build); code spans and fenced blocks, which
hold examples, are not read for this. Prints one line per problem; exits 1 when there is any.
"""
import glob
import itertools
import re
import sys
from pathlib import Path

MAX_README_LINES = 250
# A backticked word is taken as a repository path when it starts with one of these folders.
TOP_FOLDERS = ("cli/", "clients/", "common/", "data/", "deploy/", "docs/", "proto/", "services/",
               "tests/", "tools/", "web/")
# Made by a build or an install, not kept in git.
GENERATED = ("node_modules",)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^\s*(```|~~~)")
# What dates a page like a diary: docs/ states current figures, git log keeps their history.
DIARY = ((re.compile(r"\d{4}-\d{2}-\d{2}"), "an ISO date"),
         (re.compile(r"\bbuild [0-9a-f]{7,40}\b", re.IGNORECASE), "a build's commit"),
         (re.compile(r"\(issue \d+\)", re.IGNORECASE), "an issue reference"))


def anchors(path):
    """GitHub's heading anchors of a Markdown file (a repeated heading gets -1, -2, ...)."""
    found, seen = set(), {}
    in_fence = False
    for line in path.read_text().splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not line.startswith("#"):
            continue
        title = line.lstrip("#").strip()
        title = re.sub(r"`|\*\*|\[([^\]]*)\]\([^)]*\)", r"\1", title)
        slug = re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def prose_lines(text):
    """(line number, line) outside fenced code blocks: commands there are examples, not links."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line


def check_link(root, doc, number, target, problems):
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
        return
    path_part, _, anchor = target.partition("#")
    linked = (doc.parent / path_part).resolve() if path_part else doc
    where = f"{doc.relative_to(root)}:{number}"
    if not linked.exists() or root not in [linked, *linked.parents]:
        problems.append(f"{where}: link {target} names no file of the repository")
    elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
        problems.append(f"{where}: link {target}: {linked.relative_to(root)} has no heading #{anchor}")


def expand_braces(path):
    """common/{config,status}/ -> [common/config/, common/status/]."""
    parts = re.split(r"\{([^{}]*)\}", path)
    choices = [[part] if i % 2 == 0 else part.split(",") for i, part in enumerate(parts)]
    return ["".join(combination) for combination in itertools.product(*choices)]


def check_code_path(root, doc, number, span, problems):
    if not span.startswith(TOP_FOLDERS) or " " in span or any(part in span for part in GENERATED):
        return
    for path in expand_braces(span.rstrip(".,;:")):
        if not glob.glob(str(root / path)):
            problems.append(f"{doc.relative_to(root)}:{number}: `{span}` is not a path of the repository")


def check_diary(root, doc, number, line, problems):
    prose = CODE_SPAN.sub("", line)
    for pattern, what in DIARY:
        for match in pattern.finditer(prose):
            problems.append(f"{doc.relative_to(root)}:{number}: {what} \"{match.group(0)}\" dates the page "
                            "like a diary: give the current figure with its command; git log keeps the history")


def check(root):
    problems = []
    docs = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    for doc in docs:
        text = doc.read_text()
        for number, line in prose_lines(text):
            for target in LINK.findall(line):
                check_link(root, doc, number, target, problems)
            for span in CODE_SPAN.findall(line):
                check_code_path(root, doc, number, span, problems)
            if doc.parent == root / "docs":
                check_diary(root, doc, number, line, problems)
    readme_lines = len((root / "README.md").read_text().splitlines())
    if readme_lines > MAX_README_LINES:
        problems.append(f"README.md has {readme_lines} lines, over {MAX_README_LINES}: move detail to docs/")
    return problems


def main(argv):
    problems = check(Path(argv[1]).resolve())
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
