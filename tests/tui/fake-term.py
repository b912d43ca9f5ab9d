#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
"""A fake terminal for tests/tui/graphics.sh: runs a command on a pty of
80 x 24 (FAKE_ROWS) cells of 10 x 20 pixels, answers the queries tidings asks before
curses starts as a kitty, a sixel or a plain terminal would (or not at
all), types keys once the screen shows given text, and writes what the
command wrote.

    fake-term.py MODE OUT STEPS -- COMMAND...

MODE: kitty (answers the graphics query OK), sixel (device attributes
with 4), plain (device attributes without 4), mute (no answer).  STEPS:
"TEXT=>KEYS;..." (KEYS once TEXT has been written, or at once when TEXT
is empty, and the output has been quiet for half a second; a mark
"\\0MARK\\0" is put into OUT where the keys were typed); the command's
exit ends it.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def main():
    mode, out, steps = sys.argv[1:4]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    steps = [s.split("=>", 1) for s in steps.split(";") if s]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    rows = int(os.environ.get("FAKE_ROWS", "24"))
    fcntl.ioctl(fd, termios.TIOCSWINSZ,
                struct.pack("HHHH", rows, 80, 800, rows * 20))
    data = bytearray()
    log = bytearray()
    asked = answered_da = 0
    start = time.time()
    step = 0
    since = 0           # where the next step's text is looked for
    quiet = time.time()  # the last output
    while time.time() - start < 30:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            log += chunk
            quiet = time.time()
        if not asked and b"\033_Gi=31" in data:
            asked = 1
            if mode == "kitty":
                os.write(fd, b"\033_Gi=31;OK\033\\")
        if not answered_da and b"\033[c" in data:
            answered_da = 1
            if mode == "sixel":
                os.write(fd, b"\033[?62;4;22c")
            elif mode in ("kitty", "plain"):
                os.write(fd, b"\033[?62;22c")
        if step < len(steps):
            text, keys = steps[step]
            # The text, and what follows it (images): quiet for a while.
            if text.encode() in data[since:] and time.time() - quiet > 0.5:
                log += b"\0MARK\0"
                since = len(data)
                os.write(fd, keys.encode().decode("unicode_escape").encode())
                step += 1
        else:
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    break
            except ChildProcessError:
                break
    with open(out, "wb") as f:
        f.write(log)


main()
