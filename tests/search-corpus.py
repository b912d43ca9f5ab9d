#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
"""Every word the reader shows of an article is found by search.

usage: search-corpus.py TIDINGS CACHE [EVERY]

For each article of CACHE (about one in EVERY, all when EVERY is 1, so that
the test stays short: chosen by a checksum of its feed and title, the same
ones whatever the order they were stored in): `tidings show ID`, the words of its title and
body (runs of letters and digits; the reader's own marks left out: the
header's other fields, link numbers "[N]", "[image: ...]" around alt text,
list numbers and bullets, the link list at the end), then `tidings search`
with those words, which must list the article.  One search holds many
words (search wants all of them), so a miss is narrowed to the words that
are not found.  Prints TAP.
"""
import re, subprocess, sys, zlib

LABELS = ("Feed:", "Author:", "Date:", "Categories:", "Link:")
WORD = re.compile(r"\w+")
# Marks the renderer adds at the start of a line: quote bars, bullets,
# list numbers; nested ones repeat.
LINE_MARKS = re.compile(r"^(?:\s|│|•|◦|▪|-?\d+\.(?=\s))+")
LINK_MARK = re.compile(r"\[\d+\]")
IMAGE_MARK = re.compile(r"\[image(?:\]|: )")
CHUNK = 2000		# bytes of words in one search


def run(argv):
    return subprocess.run(argv, capture_output=True, text=True,
                          check=False, timeout=60)


def shown_words(text):
    """The words of the title and body of `tidings show`'s output."""
    lines = text.split("\n")
    # The header: title lines, labelled lines, a blank line.
    try:
        blank = lines.index("")
    except ValueError:
        blank = len(lines)
    title = []
    for line in lines[:blank]:
        if line.startswith(LABELS):
            break
        title.append(line)
    body = lines[blank + 1:]
    # The numbered links at the end.
    for i in range(len(body) - 1, -1, -1):
        if body[i] == "Links:":
            if all(l == "" or re.match(r"\[\d+\] |\s", l) for l in body[i + 1:]):
                body = body[:i]
            break
    body = [LINE_MARKS.sub("", l) for l in body]
    text = "\n".join(title + body)
    # A space, not nothing: "[35]" may be the article's own text.
    text = LINK_MARK.sub(" ", IMAGE_MARK.sub(" ", text))
    words = []
    for w in WORD.findall(text):
        if w not in words:
            words.append(w)
    return words


def found(tidings, cache, ident, words):
    out = run([tidings, "--cache", cache, "search", " ".join(words)])
    return any(l.split("\t", 1)[0] == ident for l in out.stdout.split("\n"))


def chunks(words):
    part, size = [], 0
    for w in words:
        if part and size + len(w) > CHUNK:
            yield part
            part, size = [], 0
        part.append(w)
        size += len(w.encode()) + 1
    if part:
        yield part


def main():
    tidings, cache = sys.argv[1:3]
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    ids = []
    for l in run([tidings, "--cache", cache, "list"]).stdout.split("\n"):
        f = l.split("\t")
        if len(f) < 5:
            continue
        key = re.sub(r"^.*/corpus/", "", f[3]) + "\t" + f[4]
        if zlib.crc32(key.encode()) % every == 0:
            ids.append(f[0])
    n = failed = nwords = 0
    for ident in ids:
        shown = run([tidings, "--cache", cache, "show", ident,
                     "--width", "80"])
        words = shown_words(shown.stdout)
        nwords += len(words)
        missing = []
        for part in chunks(words):
            if not found(tidings, cache, ident, part):
                missing += [w for w in part
                            if not found(tidings, cache, ident, [w])]
                if not missing:
                    missing = ["(all of: %s)" % " ".join(part)]
        n += 1
        if missing:
            failed += 1
            print("not ok %d - article %s: %d words, not found: %s" %
                  (n, ident, len(words), " ".join(missing[:20])))
        else:
            print("ok %d - article %s: %d words" % (n, ident, len(words)))
    print("# %d articles, %d words" % (len(ids), nwords))
    print("1..%d" % n)
    return 1 if failed or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
