#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
"""Checks what tidings wrote to tests/tui/fake-term.py's terminal, for
tests/tui/graphics.sh.

    graphics.py OUT ROW STEP:WHAT...

STEP is opened (after the article was opened), scrolled (a line down),
left (back to the list) or start (before the first key).  WHAT: sixel or
kitty (a valid graphic whose first cell is at column 1 of ROW), sixel-up
or kitty-up (at ROW - 1), no-sixel, no-kitty, deleted (kitty's placements
deleted), repainted (every row the opened graphic covered is written
again; repainted-up: one row higher), symbols (block or sextant symbols written at ROW), not-asked (no
question to the terminal).  Exit 0 when all hold; else what failed.
"""
import base64
import re
import sys

ESC = b"\033"
SIXEL = re.compile(rb'\0337\033\[(\d+);(\d+)H\033P[0-9;]*q'
                   rb'"1;1;(\d+);(\d+)([0-9;#!$\-?-~]*)\033\\\0338')
KITTY = re.compile(rb'\0337\033\[(\d+);(\d+)H((?:\033_G[^\033]*\033\\)+)'
                   rb'\0338')
APC = re.compile(rb'\033_G([^;\033]*)(?:;([^\033]*))?\033\\')
MOVE = re.compile(rb'\033\[(\d+)(?:d|;\d+H)')


def sixels(seg):
    return [(int(m[1]), int(m[2]), int(m[3]), int(m[4]))
            for m in SIXEL.finditer(seg)]


def kittys(seg):
    """(row, column, width, height) of each valid kitty graphic."""
    out = []
    for m in KITTY.finditer(seg):
        keys, pixels = {}, b""
        try:
            # Each chunk is base64 of its own.
            for a in APC.finditer(m[3]):
                for kv in a[1].split(b","):
                    k, _, v = kv.partition(b"=")
                    keys.setdefault(k, v)
                pixels += base64.b64decode(a[2] or b"", validate=True)
        except ValueError:
            continue
        w, h = int(keys.get(b"s", 0)), int(keys.get(b"v", 0))
        if keys.get(b"a") == b"T" and keys.get(b"f") == b"32" and \
           w > 0 and h > 0 and len(pixels) == w * h * 4:
            out.append((int(m[1]), int(m[2]), w, h))
    return out


def symbols_at(seg, row):
    for m in MOVE.finditer(seg):
        if int(m[1]) != row:
            continue
        text = seg[m.end():].split(ESC + b"[", 1)[0]
        rest = seg[m.end():m.end() + 400].decode("utf-8", "replace")
        if any(0x2580 <= ord(c) <= 0x259f or 0x1fb00 <= ord(c) <= 0x1fb3b
               for c in rest[:200]) and text is not None:
            return True
    return False


def main():
    segs = open(sys.argv[1], "rb").read().split(b"\0MARK\0")
    row = int(sys.argv[2])
    names = {"start": 0, "opened": 2, "scrolled": 3, "left": 4}
    opened = sixels(segs[2]) if len(segs) > 2 else []
    bad = []
    for arg in sys.argv[3:]:
        step, what = arg.split(":")
        seg = segs[names[step]] if names[step] < len(segs) else b""
        up = what.endswith("-up")
        what = what[:-3] if up else what
        want = row - 1 if up else row
        if what.startswith("sixel"):
            good = any(r == want and c == 1 and w > 0 and h > 0
                       for r, c, w, h in sixels(seg))
        elif what.startswith("kitty"):
            good = any(r == want and c == 1 for r, c, w, h in kittys(seg))
        elif what == "no-sixel":
            good = ESC + b"P" not in seg
        elif what == "no-kitty":
            good = ESC + b"_G" not in seg
        elif what == "deleted":
            good = b"\033_Ga=d,d=A\033\\" in seg
        elif what == "repainted":
            rows = (opened[0][3] + 19) // 20 if opened else 0
            moved = {int(m[1]) for m in MOVE.finditer(seg)}
            good = rows > 0 and all(r in moved
                                    for r in range(want, want + rows))
        elif what == "symbols":
            good = symbols_at(seg, row)
        elif what == "not-asked":
            good = b"\033[c" not in segs[0]
        else:
            good = False
        if not good:
            bad.append(arg)
    if bad:
        print("# not so: " + " ".join(bad))
        for i, s in enumerate(segs):
            print("# step %d: %r" % (i, s[:600]))
        sys.exit(1)


main()
