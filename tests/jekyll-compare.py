#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Compare tidings' reading of a Jekyll site with what Jekyll builds from it.

usage: jekyll-compare.py TIDINGS SITE WORKDIR ALLOWLIST [EXTRA_POSTS_DIR]

The site (tests/data/jekyll, plus the real posts of EXTRA_POSTS_DIR copied
into its _posts/corpus/) is built with `jekyll build` once per variant of
its _config.yml (each permalink style, a pattern with every placeholder, a
zone with summer time).  Its posts.json page lists each post as Jekyll
sees it; `tidings parse SITE --json` is compared with it post by post:
which posts, title, date, URL, categories and tags, and (for the first
variant) the text the reader shows of the body and of the excerpt, both HTML bodies laid out by
`tidings render`, typography aside.  Prints TAP: one point per variant and
field; every difference not in ALLOWLIST ("KEY<TAB>reason" lines, KEY as
printed) fails its point.
"""
import json
import os
import re
import shutil
import subprocess
import sys

VARIANTS = [
    ("date", {}),
    ("pretty", {"permalink": "pretty"}),
    ("ordinal", {"permalink": "ordinal"}),
    ("weekdate", {"permalink": "weekdate"}),
    ("none", {"permalink": "none"}),
    ("every-placeholder", {"permalink":
        "/:year/:short_year/:month/:i_month/:short_month/:long_month/"
        ":day/:i_day/:y_day/:w_year/:week/:w_day/:short_day/:long_day/"
        ":hour-:minute-:second/:month_:day/:slugified_categories/"
        ":collection:path/:slug/:name/:title:output_ext"}),
    ("new-york", {"timezone": "America/New_York",
                  "permalink": "/:year/:month/:day/:hour/:title/"}),
]

TYPOGRAPHY = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
    "\u2013": "--", "\u2014": "---", "\u2026": "...", "\u00ab": "<<",
    "\u00bb": ">>", "\u00a0": " ",
})


def set_config(path, changes):
    lines = open(path, encoding="utf-8").read().splitlines()
    for key, value in changes.items():
        lines = [l for l in lines if not l.startswith(key + ":")]
        lines.append("%s: %s" % (key, value))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def jekyll_build(site, out):
    r = subprocess.run(["jekyll", "build", "-q", "-s", site, "-d", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("jekyll build failed: " + r.stderr[-2000:])
    with open(os.path.join(out, "posts.json"), encoding="utf-8") as f:
        return json.load(f)


def tidings_parse(tidings, site):
    r = subprocess.run([tidings, "parse", site, "--json"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("tidings parse failed: " + r.stderr[-2000:])
    return json.loads(r.stdout)["items"]


def rendered(tidings, html, work):
    path = os.path.join(work, "body.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    r = subprocess.run([tidings, "render", path, "--width", "80"],
                       capture_output=True, text=True)
    text = r.stdout.translate(TYPOGRAPHY)
    return [" ".join(l.split()) for l in text.splitlines() if l.strip()]


def uniq(seq):
    seen, out = set(), []
    for s in seq:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def compare(variant, jposts, titems, tidings, work, with_text):
    """Differences as {field: [(key, detail)]}."""
    diffs = {f: [] for f in ("posts", "title", "date", "categories", "text",
                             "excerpt")}
    by_link = {}
    for item in titems:
        by_link.setdefault(item.get("link", ""), []).append(item)
    seen = set()
    for post in jposts:
        key = "%s:%s" % (variant, post["path"])
        # Several posts may share a URL (permalink "none"): the one with
        # the same title, else the first not taken.
        cands = [i for i in by_link.get(post["url"], []) if id(i) not in seen]
        cands.sort(key=lambda i: i["title"] != post["title"].strip())
        if not cands:
            diffs["posts"].append((key + ":url", "Jekyll has %s, tidings "
                                   "no item with that link" % post["url"]))
            continue
        item = cands[0]
        seen.add(id(item))
        if item["title"] != post["title"].strip():
            diffs["title"].append((key + ":title", "%r != %r" % (
                item["title"], post["title"])))
        if item.get("published") != int(post["date"]):
            diffs["date"].append((key + ":date", "tidings %s, Jekyll %s" % (
                item.get("published"), post["date"])))
        want = uniq([str(c) for c in post["categories"]] +
                    [str(t) for t in post["tags"]])
        if sorted(set(item["categories"])) != sorted(set(want)):
            diffs["categories"].append((key + ":categories", "%r != %r" % (
                item["categories"], want)))
        if with_text:
            for field, theirs, ours in (("text", "content", "content"),
                                        ("excerpt", "excerpt", "summary")):
                a = rendered(tidings, post[theirs], work)
                b = rendered(tidings, item.get(ours, ""), work)
                if a == b:
                    continue
                first = next((i for i in range(min(len(a), len(b)))
                              if a[i] != b[i]), min(len(a), len(b)))
                diffs[field].append((key + ":" + field,
                    "line %d: Jekyll %r, tidings %r" % (
                        first + 1, a[first] if first < len(a) else None,
                        b[first] if first < len(b) else None)))
    for item in titems:
        if id(item) not in seen:
            diffs["posts"].append(("%s:%s:extra" % (variant, item["link"]),
                                   "tidings has %r, Jekyll does not" %
                                   item["title"]))
    return diffs


def main():
    tidings, src, work, allowfile = sys.argv[1:5]
    extra = sys.argv[5] if len(sys.argv) > 5 else None
    allowed = {}
    for line in open(allowfile, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            key, _, reason = line.partition("\t")
            allowed[key] = reason
    site = os.path.join(work, "site")
    shutil.copytree(src, site)
    if extra:
        dest = os.path.join(site, "_posts", "corpus")
        os.makedirs(dest)
        for root, _, files in os.walk(extra):
            for name in sorted(files):
                if re.match(r"\d{4}-\d\d-\d\d-.*\.md$", name):
                    shutil.copy(os.path.join(root, name), dest)
    n = 0
    failed = 0
    used = set()
    total = {"differences": 0, "allowed": 0, "posts": 0}
    for vi, (variant, changes) in enumerate(VARIANTS):
        shutil.copy(os.path.join(src, "_config.yml"),
                    os.path.join(site, "_config.yml"))
        set_config(os.path.join(site, "_config.yml"), changes)
        out = os.path.join(work, "out-" + variant)
        try:
            jposts = jekyll_build(site, out)
            titems = tidings_parse(tidings, site)
        except (RuntimeError, ValueError) as e:
            n += 1
            failed += 1
            print("not ok %d - %s: both read the site" % (n, variant))
            print("# " + str(e).replace("\n", "\n# "))
            continue
        total["posts"] += len(jposts)
        diffs = compare(variant, jposts, titems, tidings, work, vi == 0)
        for field, found in diffs.items():
            if field in ("text", "excerpt") and vi != 0:
                continue
            n += 1
            bad = []
            for key, detail in found:
                total["differences"] += 1
                if key in allowed:
                    used.add(key)
                    total["allowed"] += 1
                else:
                    bad.append((key, detail))
            status = "ok" if not bad else "not ok"
            print("%s %d - %s: %s as Jekyll (%d posts, %d allowed)" % (
                status, n, variant, field, len(jposts), len(found) -
                len(bad)))
            for key, detail in bad:
                print("# %s\t%s" % (key, detail))
            failed += bool(bad)
    n += 1
    # Without the real posts, their allowed differences cannot be seen.
    stale = sorted(k for k in set(allowed) - used
                   if extra or ":_posts/corpus/" not in k)
    print("%s %d - every allowed difference is still a difference" % (
        "not ok" if stale else "ok", n))
    for key in stale:
        print("# allowed but no longer different: %s" % key)
    failed += bool(stale)
    print("# %d posts compared over %d variants: %d differences, %d of "
          "them allowed" % (total["posts"], len(VARIANTS),
                            total["differences"], total["allowed"]))
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
