#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
"""Reads a pager's screen on stdin for tests/tui/images-table.sh.

    images-table.py columns|entries NAME...

columns: each "[image: NAME]" is on a line of the table (one with its
column rule) and right below the table's last line are the pictures, rows
all block or sextant symbols, two for each name (the test's images are
two rows high).  entries: the row above each entry's "[image: NAME]" line
is all symbols.  Exit 0 when so.
"""
import sys

RULE = "\u254e"


def sym(c):
    return 0x2580 <= ord(c) <= 0x259f or 0x1fb00 <= ord(c) <= 0x1fb3b


def art(row):
    row = row.rstrip()
    return bool(row) and any(sym(c) for c in row) and \
        all(sym(c) or c == " " for c in row)


def main():
    mode, names = sys.argv[1], sys.argv[2:]
    rows = sys.stdin.read().split("\n")
    if mode == "entries":
        for name in names:
            at = [i for i, r in enumerate(rows)
                  if r.lstrip("\u2022 ").startswith("[image: " + name + "]")]
            if not at or at[0] == 0 or not art(rows[at[0] - 1]):
                sys.exit(1)
        return
    table = [i for i, r in enumerate(rows) if RULE in r]
    if not table:
        sys.exit(1)
    for name in names:
        if not any("[image: " + name + "]" in rows[i] for i in table):
            sys.exit(1)
    below = 0
    for r in rows[table[-1] + 1:]:
        if not art(r):
            break
        below += 1
    sys.exit(0 if below >= 2 * len(names) else 1)


main()
