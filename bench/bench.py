#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
"""bench.py: measure tidings beside newsboat, sfeed, curl and xmllint on the same work.

Usage (normally through `make bench` / `make bench-quick`):
  bench.py [--quick] [--only LIST] [--runs N] [--tidings BIN] [--srcdir D] [--builddir D]
           [--work D] [--shared D] [--results FILE] [--baseline FILE]

Full mode runs every scenario (reload, startup, search, parse, render), each program several
times (median, min-max, peak RSS), and writes bench/RESULTS.md and bench/results.tsv.
Quick mode runs the small scenarios for tidings alone and fails (exit 1) only when a figure is
more than twice its baseline in bench/results.tsv.

Nothing here installs anything, listens anywhere but 127.0.0.1, or loops without a bound.
"""
import argparse
import datetime
import importlib.util
import itertools
import json
import multiprocessing
import os
import platform
import random
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

SEED = "tidings-1"
FIXED_MTIME = 1717200000
FARM_DATE = "Sat, 01 Jun 2024 00:00:00 GMT"
CATEGORIES = ["国内", "国际", "财经", "科技", "体育", "文化", "教育", "健康", "社会", "军事",
              "汽车", "房产", "娱乐", "旅游", "评论", "环境"]
NA = "tidings: not available yet"

# Search terms: a common Chinese bigram, a 4-character source name that ends many
# articles, and a Latin word that the farm does not contain (a miss scans everything).
SEARCH_TERMS = [("zh2", "经济"), ("zh4", "澎湃新闻"), ("latin", "Xinhua")]


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Running one command: wall time (our clock around it) and peak RSS (GNU
# time's %M), bounded by a timeout that kills the whole process group we
# started.

class Run:
    def __init__(self, wall, rss_kb, rc, timed_out, cpu=None):
        self.wall, self.rss_kb, self.rc, self.timed_out = wall, rss_kb, rc, timed_out
        self.cpu = cpu            # user + system seconds, children included


TIMEBIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(argv, env=None, cwd=None, timeout=600, stdin=None, stdout=None, stderr=None):
    """Run argv; its peak RSS comes from GNU time, since a child forked from this
    Python would inherit Python's RSS as its high-water mark across exec."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    ferr = open(stderr, "wb") if stderr else subprocess.DEVNULL
    memf = None
    if TIMEBIN:
        fd, memf = tempfile.mkstemp(prefix="bench-mem-")
        os.close(fd)
        argv = [TIMEBIN, "-f", "%M", "-o", memf] + list(argv)
    box = {}
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, env=env, cwd=cwd, stdin=fin, stdout=fout, stderr=ferr,
                             start_new_session=True)

        def reap():
            _, status, ru = os.wait4(p.pid, 0)
            box["t1"] = time.perf_counter()
            box["status"] = status
            # CPU of the command and what it waited for (GNU time's %U %S round to 10 ms).
            box["cpu"] = ru.ru_utime + ru.ru_stime

        th = threading.Thread(target=reap, daemon=True)
        th.start()
        th.join(timeout)
        timed_out = th.is_alive()
        if timed_out:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            th.join(30)
        p.returncode = os.waitstatus_to_exitcode(box["status"]) if "status" in box else -9
        wall = box.get("t1", time.perf_counter()) - t0
        rss = 0
        if memf:
            try:
                rss = int(open(memf).read().split()[-1])
            except (OSError, ValueError, IndexError):
                pass
        return Run(wall, rss, p.returncode, timed_out, box.get("cpu"))
    finally:
        for f in (fin, fout, ferr):
            if f is not subprocess.DEVNULL:
                f.close()
        if memf:
            os.unlink(memf)


# ---------------------------------------------------------------------------
# Results: one cell per (scenario key, program).

class Cell:
    def __init__(self, key, prog):
        self.key, self.prog = key, prog
        self.times, self.rss, self.cpu = [], [], []
        self.status = "ok"       # ok | na | missing | timeout | failed
        self.note = ""
        self.extra = {}          # e.g. hits, MB/s, server answers
        self.unit = "s"
        self.timeout = None

    def median(self):
        return statistics.median(self.times) if self.times else None

    def cpu_median(self):
        return statistics.median(self.cpu) if self.cpu else None


class Results:
    def __init__(self):
        self.cells = []
        self.sections = {}       # key -> section title
        self.info = {}

    def cell(self, key, prog):
        c = Cell(key, prog)
        self.cells.append(c)
        return c

    def find(self, key, prog):
        for c in self.cells:
            if c.key == key and c.prog == prog:
                return c
        return None


def fmt_time(sec):
    if sec is None:
        return "—"
    if sec < 0.001:
        return "%.0f µs" % (sec * 1e6)
    if sec < 1:
        return "%.1f ms" % (sec * 1e3) if sec < 0.1 else "%.0f ms" % (sec * 1e3)
    if sec < 10:
        return "%.2f s" % sec
    return "%.1f s" % sec


def fmt_rss(kb):
    if not kb:
        return "—"
    return "%.1f MB" % (kb / 1024) if kb < 100 * 1024 else "%.0f MB" % (kb / 1024)


class Bench:
    def __init__(self, a):
        self.a = a
        self.res = Results()
        self.work = a.work
        self.shared = a.shared
        self.tmp = os.path.join(self.work, "tmp")
        os.makedirs(self.tmp, exist_ok=True)
        self.tools = {}
        self.gen = None
        self.avail = {}
        self.tidings_schema = "none"
        self.deadline = time.time() + a.max_minutes * 60
        self.base_env = dict(os.environ)
        self.base_env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="UTC")
        for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                  "ALL_PROXY"):
            self.base_env.pop(k, None)
        self.base_env["no_proxy"] = "127.0.0.1,localhost"

    # -- environment ---------------------------------------------------------

    def isolated_env(self, name):
        """A private HOME and XDG dirs, so no program reads the user's config."""
        home = os.path.join(self.tmp, "home-" + name)
        for sub in ("", ".config", ".local/share", ".cache"):
            os.makedirs(os.path.join(home, sub), exist_ok=True)
        env = dict(self.base_env)
        env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                   XDG_DATA_HOME=os.path.join(home, ".local/share"),
                   XDG_CACHE_HOME=os.path.join(home, ".cache"))
        return env

    def find_tools(self):
        missing = []
        for t, pkg in (("newsboat", "newsboat"), ("sfeed_update", "sfeed"), ("sfeed", "sfeed"),
                       ("sfeed_curses", "sfeed"), ("curl", "curl"), ("xmllint", "libxml2-utils"),
                       ("tmux", "tmux")):
            p = shutil.which(t)
            self.tools[t] = p
            if p is None and pkg not in missing:
                missing.append(pkg)
        self.tools["time"] = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
        if self.tools["time"] is None:
            missing.append("time")
        if missing and not self.a.quick:
            log("missing, their columns are skipped: apt-get install " + " ".join(missing))
        self.res.info["missing"] = missing

    def time_left(self):
        return self.deadline - time.time()

    # -- inputs ----------------------------------------------------------------

    def load_gen(self):
        if self.gen is None:
            path = os.path.join(self.shared, "bench", "gen_feeds.py")
            spec = importlib.util.spec_from_file_location("gen_feeds", path)
            self.gen = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(self.gen)
        return self.gen

    def farm(self, m, n):
        """Feeds 0..n-1 with m items each (feed k is the same whatever n), made once."""
        d = os.path.join(self.work, "farm-m%d" % m)
        os.makedirs(d, exist_ok=True)
        todo = [i for i in range(n) if not os.path.exists(os.path.join(d, "feed-%05d.xml" % i))]
        if todo:
            log("generating %d feeds × %d items in %s" % (len(todo), m, d))
            t0 = time.time()
            jobs = [(self.shared, d, i, m) for i in todo]
            with multiprocessing.Pool(min(2, os.cpu_count() or 1)) as pool:
                for _ in pool.imap_unordered(gen_one, jobs, chunksize=8):
                    pass
            log("generated in %.0f s" % (time.time() - t0))
        return [os.path.join(d, "feed-%05d.xml" % i) for i in range(n)]

    def articles(self):
        """HTML articles of 100 KB, 1 MB and 4 MB made of the farm's Chinese bodies."""
        g = self.load_gen()
        d = os.path.join(self.work, "articles")
        os.makedirs(d, exist_ok=True)
        out = []
        for label, size in (("100KB", 100 * 1024), ("1MB", 1024 * 1024), ("4MB", 4 * 1024 * 1024)):
            p = os.path.join(d, "article-%s.html" % label)
            if not os.path.exists(p):
                parts, total, k = [], 0, 0
                while total < size:
                    rng = random.Random("bench/render/%d" % k)
                    if k % 8 == 0:
                        h = "<h2>%s</h2>" % g.words(rng, 6, 12)
                        parts.append(h)
                        total += len(h.encode())
                    b = g.body_html(rng, "https://news%d.example.cn" % k)
                    parts.append(b)
                    total += len(b.encode()) + 1
                    k += 1
                doc = ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
                       "<title>bench %s</title></head><body>\n%s\n</body></html>\n"
                       % (label, "\n".join(parts)))
                with open(p + ".tmp", "w", encoding="utf-8") as f:
                    f.write(doc)
                os.replace(p + ".tmp", p)
            out.append((label, p))
        return out

    # -- the server ------------------------------------------------------------

    def serve(self, farm_dir, port=0, preload=False, seconds=1800):
        if port == 0:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
            s.close()
        ready = os.path.join(self.tmp, "serve-%d.ready" % port)
        errf = os.path.join(self.tmp, "serve-%d.err" % port)
        if os.path.exists(ready):
            os.unlink(ready)
        seconds = int(max(60, min(seconds, self.time_left() + 120)))
        argv = [sys.executable, os.path.join(self.shared, "bench", "serve.py"), "--dir", farm_dir,
                "--port", str(port), "--max-seconds", str(seconds), "--ready-file", ready]
        if preload:
            argv.append("--preload")
        ferr = open(errf, "wb")
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=ferr, start_new_session=True)
        ferr.close()
        for _ in range(1200):            # up to 120 s (preloading gzips the farm)
            if os.path.exists(ready) or p.poll() is not None:
                break
            time.sleep(0.1)
        if not os.path.exists(ready):
            p.kill()
            p.wait()
            raise RuntimeError("serve.py did not start on port %d: %s"
                               % (port, open(errf, errors="replace").read()[-300:]))
        return Server(p, port, errf)

    # -- availability of tidings' parts ---------------------------------------

    def tidings_ok(self, what):
        return self.avail.get(what, False)

    def probe_tidings(self, server_url=None, farm_file=None):
        """Try each command once on tiny input: a scenario runs only what works."""
        t = self.a.tidings
        env = self.isolated_env("probe")
        d = tempfile.mkdtemp(dir=self.tmp, prefix="probe-")
        out, err = os.path.join(d, "out"), os.path.join(d, "err")
        if "parse" not in self.avail and farm_file:
            r = run([t, "parse", farm_file, "--json"], env=env, stdout=out, stderr=err, timeout=60)
            self.avail["parse"] = r.rc == 0 and read_head(out).lstrip().startswith("{")
        if "render" not in self.avail:
            h = os.path.join(d, "a.html")
            with open(h, "w", encoding="utf-8") as f:
                f.write("<p>中文测试，一段话。</p>")
            r = run([t, "render", h, "--width", "80"], env=env, stdout=out, stderr=err, timeout=60)
            self.avail["render"] = r.rc == 0 and "中文" in read_head(out)
        if "reload" not in self.avail and server_url:
            urls, cache = os.path.join(d, "urls"), os.path.join(d, "cache.db")
            with open(urls, "w") as f:
                f.write(server_url + "\n")
            r = run([t, "--urls", urls, "--cache", cache, "reload"], env=env, stdout=out,
                    stderr=err, timeout=60)
            self.avail["reload"] = (r.rc == 0 and os.path.exists(cache)
                                    and os.path.getsize(cache) > 0)
            self.tidings_schema = schema_of(cache) if self.avail["reload"] else "none"
            if self.avail["reload"]:
                r = run([t, "--cache", cache, "search", "新闻"], env=env, stdout=out, stderr=err,
                        timeout=60)
                self.avail["search"] = r.rc == 0
            else:
                self.avail["search"] = False
        shutil.rmtree(d, ignore_errors=True)

    # -- measuring a cell -------------------------------------------------------

    def measure(self, key, prog, argv_fn, prepare=None, after=None, runs=None, timeout=600,
                env=None, stdout=None, cwd=None, ok_rc=(0,)):
        """Run argv_fn() `runs` times (fewer when a cell would exceed its time budget)."""
        return self.measure_together(key, [(prog, argv_fn, {
            "prepare": prepare, "after": after, "timeout": timeout, "env": env,
            "stdout": stdout, "cwd": cwd, "ok_rc": ok_rc})], runs)[prog]

    def measure_together(self, key, entries, runs=None):
        """measure() for several programs of one cell, in turn within each run, so that
        the machine's drift between minutes falls on all of them alike: what a
        comparison of a few milliseconds needs.  entries: (prog, argv_fn, options),
        options as measure()'s prepare, after, timeout, env, stdout, cwd, ok_rc."""
        if self.time_left() < 30:
            return {prog: self.na(key, prog, "skipped",
                                  "the run's time bound (--max-minutes) was reached")
                    for prog, _, _ in entries}
        cells = {prog: self.res.cell(key, prog) for prog, _, _ in entries}
        live = list(entries)
        spent = {prog: 0.0 for prog, _, _ in entries}
        for i in range(runs or self.a.runs):
            live = [e for e in live if i == 0 or (
                spent[e[0]] + spent[e[0]] / i <= self.a.cell_budget and self.time_left() >= 60)]
            for prog, argv_fn, o in live[:]:
                c = cells[prog]
                timeout = min(o.get("timeout") or 600, 60 if self.a.quick else 600 * 60)
                timeout = int(min(timeout, max(30, self.time_left())))
                c.timeout = timeout
                if o.get("prepare"):
                    o["prepare"]()
                r = run(argv_fn(), env=o.get("env"), cwd=o.get("cwd"), timeout=timeout,
                        stdout=o.get("stdout"), stderr=os.path.join(self.tmp, "last.err"))
                spent[prog] += r.wall
                if r.timed_out or r.rc not in o.get("ok_rc", (0,)):
                    if r.timed_out:
                        c.status, c.note = "timeout", "> %d s" % timeout
                    else:
                        c.status = "failed"
                        c.note = "exit %d: %s" % (r.rc, tail(os.path.join(self.tmp, "last.err")))
                    live.remove((prog, argv_fn, o))
                    continue
                if o.get("after"):
                    o["after"](c, r)
                c.times.append(r.wall)
                c.rss.append(r.rss_kb)
                if r.cpu is not None:
                    c.cpu.append(r.cpu)
        for prog, c in cells.items():
            log("%-28s %-18s %s" % (key, prog, describe(c)))
        return cells

    def na(self, key, prog, status="na", note=NA):
        c = self.res.cell(key, prog)
        c.status, c.note = status, note
        log("%-28s %-18s %s" % (key, prog, note))
        return c

    # ---------------------------------------------------------------------------
    # Scenario: reload of the loopback farm.

    def scen_reload(self, sizes):
        self.res.sections["reload"] = "Reload of the loopback farm (N feeds × 50 items)"
        nmax = max(n for n, _ in sizes)
        files = self.farm(50, nmax)
        srv = self.serve(os.path.dirname(files[0]), preload=True)
        try:
            base = "http://127.0.0.1:%d/" % srv.port
            self.probe_tidings(server_url=base + "feed-00000.xml", farm_file=files[0])
            for n, label in sizes:
                urls = [base + os.path.basename(f) for f in files[:n]]
                self.reload_size(srv, urls, label)
        finally:
            srv.stop()

    def scen_slowhost(self):
        """15 feeds on one host that answers each in 2 s over HTTP/1.0 and closes
        every connection (tests/server.py's /slowclose/): how many transfers to
        one host run at once, whether or not the server keeps connections alive."""
        self.res.sections.setdefault("reload", "Reload of the loopback farm (N feeds × 50 items)")
        d = os.path.join(self.tmp, "slowhost")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        portf = os.path.join(d, "port")
        seconds = int(max(60, min(900, self.time_left() + 60)))
        p = subprocess.Popen([sys.executable, os.path.join(self.a.srcdir, "tests", "server.py"),
                              portf, "--max-seconds", str(seconds)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                if os.path.exists(portf):
                    break
                time.sleep(0.1)
            port = int(open(portf).read())
            self.probe_tidings(server_url="http://127.0.0.1:%d/ok.xml" % port)
            urlsf = os.path.join(d, "urls")
            with open(urlsf, "w") as f:
                for i in range(15):
                    f.write("http://127.0.0.1:%d/slowclose/2000/feed-%02d.xml\n" % (port, i))
            key = "reload/15x2s-close/fresh"
            tcache = os.path.join(d, "tidings.db")
            if self.tidings_ok("reload"):
                self.measure(key, "tidings", lambda: [self.a.tidings, "--urls", urlsf, "--cache",
                                                      tcache, "reload"],
                             prepare=lambda: rm_db(tcache), env=self.isolated_env("tidings"),
                             timeout=120)
            else:
                self.na(key, "tidings")
            if self.a.quick:
                return
            if self.tools["newsboat"]:
                conf = newsboat_conf(d)
                ncache = os.path.join(d, "newsboat.db")
                self.measure(key, "newsboat", lambda: ["newsboat", "-u", urlsf, "-c", ncache,
                                                       "-C", conf, "-x", "reload"],
                             prepare=lambda: rm_db(ncache), env=self.isolated_env("newsboat"),
                             timeout=120)
            else:
                self.na(key, "newsboat", "missing", "not installed")
        finally:
            p.terminate()
            p.wait()

    def reload_size(self, srv, urls, label):
        d = os.path.join(self.tmp, "reload-" + label)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        n = len(urls)
        urlsf = os.path.join(d, "urls")
        with open(urlsf, "w") as f:
            f.write("\n".join(urls) + "\n")

        def answers(c, r):
            c.extra["server"] = srv.delta()

        def mark():
            srv.delta()

        def fresh_then_304(prog, argv, clear, state, env, timeout, prime=False):
            """A reload from nothing (clear() first), then again with all unchanged.

            prime: one more reload, not measured, before the 304 runs (newsboat
            stores no validators from a feed's first fetch: its UPDATE of them
            runs before the feed's row exists, so its second reload is all 200s).
            """
            for kind in ("fresh", "304"):
                if kind == "fresh":
                    prep = lambda: (clear(), mark())
                else:
                    if not os.path.exists(state) or prime:
                        run(argv(), env=env, timeout=timeout)
                    prep = mark
                self.measure("reload/%s/%s" % (label, kind), prog, argv, prepare=prep,
                             after=answers, env=env, timeout=timeout)

        def missing(prog):
            for kind in ("fresh", "304"):
                self.na("reload/%s/%s" % (label, kind), prog, "missing", "not installed")

        tcache = os.path.join(d, "tidings.db")
        if self.tidings_ok("reload"):
            fresh_then_304("tidings", lambda: [self.a.tidings, "--urls", urlsf, "--cache", tcache,
                                               "reload"],
                           lambda: rm_db(tcache), tcache, self.isolated_env("tidings"), 300)
            # A reload leaves nothing to index: the reload then the first
            # search, which must not wait for anything.
            self.measure("reload/%s/fresh+index" % label, "tidings", lambda: [
                "sh", "-c", '"$0" --urls "$1" --cache "$2" reload && '
                '"$0" --urls "$1" --cache "$2" search 经济 --limit 1 >/dev/null',
                self.a.tidings, urlsf, tcache], prepare=lambda: (rm_db(tcache), mark()),
                after=answers, env=self.isolated_env("tidings"), timeout=600)
        else:
            for kind in ("fresh", "304", "fresh+index"):
                self.na("reload/%s/%s" % (label, kind), "tidings")
        if self.a.quick:
            return

        # newsboat: reload-threads 4, its own config, cache and urls.
        if self.tools["newsboat"]:
            conf = newsboat_conf(d)
            ncache = os.path.join(d, "newsboat.db")
            fresh_then_304("newsboat", lambda: ["newsboat", "-u", urlsf, "-c", ncache, "-C", conf,
                                                "-x", "reload"],
                           lambda: rm_db(ncache), ncache, self.isolated_env("newsboat"), 600,
                           prime=True)
        else:
            missing("newsboat")

        # sfeed_update: maxjobs 8; fetch() sends If-Modified-Since once a feed file has data.
        if self.tools["sfeed_update"]:
            sdir = os.path.join(d, "sfeed")
            rc = os.path.join(d, "sfeedrc")
            with open(rc, "w") as f:
                f.write('sfeedpath="%s"\nmaxjobs=8\n' % sdir)
                f.write("fetch() {\n\tif [ -s \"$3\" ]; then\n"
                        "\t\tcurl -z \"$3\" -L --max-redirs 0 -H \"User-Agent:\" -f -s -m 15 "
                        "\"$2\" 2>/dev/null\n\telse\n"
                        "\t\tcurl -L --max-redirs 0 -H \"User-Agent:\" -f -s -m 15 "
                        "\"$2\" 2>/dev/null\n\tfi\n}\n")
                f.write("feeds() {\n")
                for u in urls:
                    f.write('\tfeed "%s" "%s"\n' % (os.path.basename(u)[:-4], u))
                f.write("}\n")
            fresh_then_304("sfeed_update", lambda: ["sfeed_update", rc],
                           lambda: shutil.rmtree(sdir, ignore_errors=True), sdir,
                           self.isolated_env("sfeed"), 600)
        else:
            missing("sfeed_update")

        # curl, the floor: one process, 16 parallel keep-alive transfers.
        if self.tools["curl"]:
            cfg = os.path.join(d, "curl.cfg")
            with open(cfg, "w") as f:
                for u in urls:
                    f.write('url = "%s"\noutput = "/dev/null"\n' % u)
            for kind in ("fresh", "304"):
                key = "reload/%s/%s" % (label, kind)
                for prog, extra in (("curl", []), ("curl --compressed", ["--compressed"])):
                    argv = ["curl", "-s", "--parallel", "--parallel-max", "16", "-K", cfg] + extra
                    if kind == "304":
                        argv += ["-z", FARM_DATE]
                    self.measure(key, prog, lambda argv=argv: argv, prepare=mark, after=answers,
                                 env=self.base_env, timeout=300)

    # ---------------------------------------------------------------------------
    # Scenario: start-up to the first screen, in tmux.

    def startup_sizes(self):
        if self.a.quick:
            return [(10, "2k")]
        if self.a.small:
            return [(10, "2k"), (50, "10k")]
        return [(10, "2k"), (50, "10k"), (500, "100k"), (1500, "300k")]

    def scen_startup(self):
        self.res.sections["startup"] = ("Start-up to the first screen (N articles: feeds × 200 "
                                        "items), measured in tmux")
        self.res.sections["fill"] = "Filling the start-up caches (reload of feeds × 200 items)"
        sizes = self.startup_sizes()
        nmax = max(n for n, _ in sizes)
        files = self.farm(200, nmax)
        # Quick runs keep their caches apart, on the next port: a full run may be going on.
        d = os.path.join(self.work, "startup-quick" if self.a.quick else "startup")
        os.makedirs(d, exist_ok=True)
        port = self.a.port + (1 if self.a.quick else 0)
        srv = self.serve(os.path.dirname(files[0]), port=port)
        base = "http://127.0.0.1:%d/" % port
        self.probe_tidings(server_url=base + "feed-00000.xml", farm_file=files[0])
        caches = {}
        try:
            prev = {}
            for n, label in sizes:
                urlsf = os.path.join(d, "urls-%s" % label)
                with open(urlsf, "w") as f:
                    f.write("\n".join(base + os.path.basename(x) for x in files[:n]) + "\n")
                caches[label] = {"urls": urlsf}
                key = "fill/%s" % label
                if self.tidings_ok("reload"):
                    tc = os.path.join(d, "tidings-%s.db" % label)
                    self.fill(key, "tidings", lambda p: [self.a.tidings, "--urls", urlsf,
                                                         "--cache", p, "reload"],
                              tc, prev.get("tidings"), "tidings schema " + self.tidings_schema,
                              self.isolated_env("tidings"))
                    if os.path.exists(tc):
                        caches[label]["tidings"] = prev["tidings"] = tc
                else:
                    self.na(key, "tidings")
                if self.a.quick:
                    continue
                if self.tools["newsboat"]:
                    nc = os.path.join(d, "newsboat-%s.db" % label)
                    conf = os.path.join(d, "newsboat.conf")
                    with open(conf, "w") as f:
                        f.write("reload-threads 4\n")
                    caches[label]["newsboat_conf"] = conf
                    self.fill(key, "newsboat", lambda p: [
                        "newsboat", "-u", urlsf, "-c", p, "-C", conf, "-x", "reload"],
                        nc, prev.get("newsboat"), "newsboat " + self.res.info["newsboat_version"],
                        self.isolated_env("newsboat"))
                    if os.path.exists(nc):
                        caches[label]["newsboat"] = prev["newsboat"] = nc
                # sfeed: its TSV files, for sfeed_curses and grep.
                if self.tools["sfeed_update"]:
                    sdir = os.path.join(d, "sfeed-%s" % label)
                    if not os.path.isdir(sdir):
                        rc = os.path.join(d, "sfeedrc-%s" % label)
                        with open(rc, "w") as f:
                            f.write('sfeedpath="%s.part"\nmaxjobs=8\nfeeds() {\n' % sdir)
                            for x in files[:n]:
                                f.write('\tfeed "%s" "%s%s"\n' % (os.path.basename(x)[:-4], base,
                                                                   os.path.basename(x)))
                            f.write("}\n")
                        shutil.rmtree(sdir + ".part", ignore_errors=True)
                        c = self.measure(key, "sfeed_update", lambda: ["sfeed_update", rc],
                                         env=self.isolated_env("sfeed"), runs=1, timeout=900)
                        if c.status == "ok":
                            os.replace(sdir + ".part", sdir)
                    if os.path.isdir(sdir):
                        caches[label]["sfeed"] = sorted(
                            os.path.join(sdir, x) for x in os.listdir(sdir))
        finally:
            srv.stop()
        self.caches = caches

        # The floor: the time for a plain printf to show on the pane.
        fl = os.path.join(self.tmp, "floor.sh")
        with open(fl, "w") as f:
            f.write("#!/bin/sh\nprintf '国内 (1/1)\\n'\nexec sleep 20\n")
        for n, label in sizes:
            key = "startup/%s" % label
            self.tmux_measure(key, "floor (printf)", ["sh", fl], re.compile(r"国内 \(1/1\)"),
                              None, self.base_env, timeout=10)
            if "tidings" not in caches[label] and self.tidings_ok("reload"):
                self.na(key, "tidings", "failed", "no cache yet: its fill is resumed by the next run")
            elif "tidings" in caches[label]:
                self.tmux_measure(key, "tidings",
                                  [self.a.tidings, "--cache", caches[label]["tidings"]],
                                  tidings_marker(), "Q q", self.isolated_env("tidings-ui"),
                                  timeout=60, size_of=caches[label]["tidings"])
            else:
                self.na(key, "tidings")
            if self.a.quick:
                continue
            if "newsboat" in caches[label]:
                cap = 120 if label in ("2k", "10k") else self.a.newsboat_cap
                self.tmux_measure(key, "newsboat",
                                  ["newsboat", "-u", caches[label]["urls"], "-c",
                                   caches[label]["newsboat"], "-C",
                                   caches[label]["newsboat_conf"]],
                                  re.compile(r"Your feeds|\(\d+/\d+\)"), "q",
                                  self.isolated_env("newsboat"), timeout=cap,
                                  runs=None if label in ("2k", "10k") else 1,
                                  size_of=caches[label]["newsboat"])
            elif self.tools["newsboat"]:
                self.na(key, "newsboat", "failed", "no cache yet: its fill is resumed by the next run")
            if "sfeed" in caches[label] and self.tools["sfeed_curses"]:
                self.tmux_measure(key, "sfeed_curses", ["sfeed_curses"] + caches[label]["sfeed"],
                                  re.compile(r"\d+/\d+|feed-0000"), "q",
                                  self.isolated_env("sfeed"), timeout=60,
                                  size_of=caches[label]["sfeed"])

    def fill(self, key, prog, argv_of, final, prev, sig, env):
        """Fill a start-up cache by a reload, grown from the previous size's cache.

        A filled cache is kept while its signature (tidings' schema, newsboat's
        version) holds, since filling takes minutes; a fill cut short by the time
        bound is resumed by the next run, where the feeds it stored answer 304.
        """
        part, sigf = final + ".part", final + ".sig"
        kept = read_sig(sigf)
        if os.path.exists(final) and kept and kept[0] == sig:
            c = self.res.cell(key, prog)
            c.times, c.rss = [kept[1]], [kept[2]]
            c.note = "kept from an earlier run (%s)" % sig
            c.extra["cache size"] = db_size(final)
            log("%-28s %-18s %s" % (key, prog, c.note))
            return c
        rm_db(final)
        resumed = os.path.exists(part) and (read_sig(part + ".sig") or [None])[0] == sig
        if not resumed:
            rm_db(part)
            if prev:
                copy_db(prev, part)
            write_sig(part + ".sig", sig, 0, 0)
        try:
            os.unlink(part + ".lock")
        except FileNotFoundError:
            pass
        if self.time_left() < 240 and not self.a.quick:
            return self.na(key, prog, "timeout", "no time left to fill it")
        c = self.measure(key, prog, lambda: argv_of(part), env=env, runs=1,
                         timeout=int(max(120, min(self.a.fill_cap, self.time_left() - 420))))
        if resumed:
            c.extra["fill"] = "resumed an earlier run's partial fill"
        if c.status == "timeout":
            c.extra["fill"] = (c.extra.get("fill", "") + "; kept to be resumed by the next "
                               "run").lstrip("; ")
        elif c.status == "ok":
            for suf in ("", "-wal", "-shm"):
                if os.path.exists(part + suf):
                    os.replace(part + suf, final + suf)
            os.unlink(part + ".sig")
            write_sig(sigf, sig, c.times[0], c.rss[0] if c.rss else 0)
            c.extra["cache size"] = db_size(final)
        return c

    def tmux_measure(self, key, prog, argv, marker, quit_key, env, timeout, runs=None,
                     size_of=None):
        c = self.res.cell(key, prog)
        c.timeout = timeout
        if not self.tools["tmux"]:
            c.status, c.note = "missing", "tmux not installed"
            return c
        runs = runs or self.a.runs
        spent = 0.0
        for i in range(runs):
            if i > 0 and (spent + spent / i > self.a.cell_budget or self.time_left() < 60):
                break
            r = tmux_once(self.tmp, argv, marker, quit_key, env, timeout, self.tools["time"])
            spent += r.get("wall") or timeout
            if r["status"] != "ok":
                c.status = r["status"]
                c.note = r["note"]
                break
            c.times.append(r["wall"])
            if r.get("rss"):
                c.rss.append(r["rss"])
            if r.get("cpu") is not None:
                c.cpu.append(r["cpu"])
        if size_of and c.times:
            c.extra["data size"] = (sum(os.path.getsize(x) for x in size_of)
                                    if isinstance(size_of, list) else db_size(size_of))
        log("%-28s %-18s %s" % (key, prog, describe(c)))
        return c

    # ---------------------------------------------------------------------------
    # Scenario: an article with ten 1 MB images, opened in the pager.

    def scen_images(self):
        self.res.sections["images"] = ("An article with ten 1 MB images (PNG, 600×600 of noise, "
                                       "from a loopback server), opened in the pager at 120×250")
        key = "images/10x1MB"
        if not self.tools["tmux"]:
            self.res.cell(key, "tidings").status = "missing"
            return
        d = os.path.join(self.work, "images")
        os.makedirs(d, exist_ok=True)
        for i in range(10):
            path = os.path.join(d, "p%d.png" % i)
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(noise_png(600, 600, i))
        srv, port = serve_dir(d)
        try:
            paras = "".join("<p>第%d段文字。</p><img src=\"http://127.0.0.1:%d/p%d.png\" "
                            "alt=\"图%d\">" % (i, port, i, i) for i in range(10))
            feed = os.path.join(d, "feed.xml")
            with open(feed, "w") as f:
                f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                        "<title>图片基准</title><link>http://127.0.0.1/</link><description>b"
                        "</description><item><title>十张大图</title><guid>img</guid>"
                        "<link>http://127.0.0.1/a</link><description><![CDATA[<p>开头文字。</p>"
                        "%s]]></description></item></channel></rss>\n" % paras)
            urls = os.path.join(d, "urls")
            with open(urls, "w") as f:
                f.write("%s 图片\n" % feed)
            base = os.path.join(d, "base.db")
            for suf in ("", "-wal", "-shm"):
                if os.path.exists(base + suf):
                    os.unlink(base + suf)
            env = self.isolated_env("images")
            subprocess.run([self.a.tidings, "--urls", urls, "--cache", base, "reload"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=60, check=True)
            conf = os.path.join(env["XDG_CONFIG_HOME"], "tidings", "config")
            os.makedirs(os.path.dirname(conf), exist_ok=True)
            cells = {}
            for label in ("text (inline-images no)", "text", "images drawn"):
                cells[label] = self.res.cell(key, "tidings" if label == "text" else
                                             "tidings: " + label)
            missed = {}
            for run in range(self.a.runs):
                for images in (False, True):
                    with open(conf, "w") as f:
                        f.write("inline-images %s\n" % ("yes" if images else "no"))
                    db = os.path.join(self.tmp, "images-%d.db" % run)
                    shutil.copy(base, db)
                    r = images_once(self.tmp, [self.a.tidings, "--urls", urls, "--cache", db],
                                    env, images)
                    for s in ("", "-wal", "-shm"):
                        if os.path.exists(db + s):
                            os.unlink(db + s)
                    label = "text" if images else "text (inline-images no)"
                    if r.get("text") is None:
                        # A run that failed counts only when none succeeded.
                        missed[label] = r.get("note", "")
                        continue
                    cells[label].times.append(r["text"])
                    if images:
                        if r.get("images") is None:
                            cells["images drawn"].status = "timeout"
                            cells["images drawn"].note = "> 60 s"
                        else:
                            cells["images drawn"].times.append(r["images"])
            for label, note in missed.items():
                if not cells[label].times:
                    cells[label].status, cells[label].note = "failed", note
            for label, c in cells.items():
                c.extra["from"] = "the key that opens the article"
                log("%-28s %-18s %s" % (key, c.prog, describe(c)))
        finally:
            srv.shutdown()

    # ---------------------------------------------------------------------------
    # Scenario: search on the caches built for start-up.

    def scen_search(self):
        self.res.sections["search"] = "Search in the start-up caches (hits in brackets)"
        caches = getattr(self, "caches", {})
        # 300k only when the start-up scenario built it (--max-minutes).
        for label in ("2k", "100k", "300k"):
            if label not in caches:
                continue
            # The first search right after the fill's reloads, timed once:
            # a reload leaves nothing to index, so it must not wait.
            if "tidings" in caches[label] and self.tidings_ok("search"):
                self.measure("search/%s/first, right after the reload" % label, "tidings",
                             lambda: [self.a.tidings, "--cache", caches[label]["tidings"],
                                      "search", SEARCH_TERMS[0][1], "--limit", "50"],
                             env=self.isolated_env("tidings"), runs=1, timeout=1800,
                             stdout=os.path.join(self.tmp, "search.out"))
            for tag, term in SEARCH_TERMS:
                key = "search/%s/%s" % (label, tag)
                self.res.info.setdefault("terms", {})[tag] = term
                entries = []
                if "tidings" in caches[label] and self.tidings_ok("search"):
                    entries.append(("tidings", lambda: [
                        self.a.tidings, "--cache", caches[label]["tidings"], "search", term],
                        {"env": self.isolated_env("tidings"), "timeout": 120,
                         "stdout": os.path.join(self.tmp, "search-tidings.out")}))
                else:
                    self.na(key, "tidings")
                if not self.a.quick and "newsboat" in caches[label]:
                    out = os.path.join(self.tmp, "search-newsboat.out")

                    def inner(c, r, out=out):
                        # The script times the query alone, without Python's start-up.
                        t = read_inner_times(out)
                        if t is not None:
                            r.wall, c.extra["hits"] = t
                        r.rss_kb, r.cpu = 0, None    # Python's, not newsboat's
                    entries.append(("newsboat (its SQL)", lambda: [
                        sys.executable, "-c", NEWSBOAT_SEARCH, caches[label]["newsboat"], term],
                        {"env": self.base_env, "timeout": 300, "stdout": out, "after": inner}))
                if not self.a.quick and "sfeed" in caches[label]:
                    entries.append(("sfeed (grep -F)", lambda: [
                        "grep", "-F", "-h", "--", term] + caches[label]["sfeed"],
                        {"env": self.base_env, "timeout": 300, "ok_rc": (0, 1),
                         "stdout": os.path.join(self.tmp, "search-sfeed.out")}))
                # Runs of a few milliseconds need more of them to be told apart.
                cells = self.measure_together(key, entries, runs=self.a.runs * 3)
                for prog, name in (("tidings", "tidings"), ("sfeed (grep -F)", "sfeed")):
                    if prog in cells and cells[prog].times:
                        cells[prog].extra["hits"] = count_lines(
                            os.path.join(self.tmp, "search-%s.out" % name))

    # ---------------------------------------------------------------------------
    # Scenario: parse throughput.

    def scen_parse(self):
        self.res.sections["parse"] = "Parse throughput"
        n = 64                  # quick too: its figure compares with the full run's
        files = self.farm(200, n)
        size = sum(os.path.getsize(f) for f in files)
        key = "parse/%dx200" % n
        self.probe_tidings(farm_file=files[0])
        self.res.info["parse_mb"] = size / 1e6
        self.res.info["parse_n"] = n

        def batch(prog, argv_of, use_stdin=False):
            c = self.res.cell(key, prog)
            spent = 0.0
            for i in range(self.a.runs):
                if i > 0 and spent + spent / i > self.a.cell_budget:
                    break
                wall, rss, cpu = 0.0, 0, 0.0
                for f in files:
                    r = run(argv_of(f), env=self.base_env, timeout=120,
                            stdin=f if use_stdin else None,
                            stderr=os.path.join(self.tmp, "last.err"))
                    if r.rc != 0 or r.timed_out:
                        c.status = "failed"
                        c.note = "%s: exit %d %s" % (os.path.basename(f), r.rc,
                                                    tail(os.path.join(self.tmp, "last.err")))
                        break
                    wall += r.wall
                    rss = max(rss, r.rss_kb)
                    cpu += r.cpu or 0.0
                if c.status != "ok":
                    break
                spent += wall
                c.times.append(wall)
                c.rss.append(rss)
                if TIMEBIN:
                    c.cpu.append(cpu)
            if c.times and not prog.startswith("floor"):
                c.extra["MB/s"] = "%.0f" % (size / 1e6 / c.median())
            log("%-28s %-18s %s" % (key, prog, describe(c)))

        if self.tidings_ok("parse"):
            batch("tidings", lambda f: [self.a.tidings, "parse", f, "--json"])
        else:
            self.na(key, "tidings")
        if self.a.quick:
            return
        if self.tools["xmllint"]:
            batch("xmllint --stream", lambda f: ["xmllint", "--stream", "--noout", f])
            c = self.measure(key, "xmllint --stream, one process", lambda: [
                "xmllint", "--stream", "--noout"] + files, env=self.base_env, timeout=300)
            if c.times:
                c.extra["MB/s"] = "%.0f" % (size / 1e6 / c.median())
        if self.tools["sfeed"]:
            batch("sfeed", lambda f: ["sfeed"], use_stdin=True)
        batch("floor (true)", lambda f: ["true"])

    # ---------------------------------------------------------------------------
    # Scenario: rendering big articles at width 80.

    def scen_render(self):
        self.res.sections["render"] = "Rendering one article at width 80"
        self.probe_tidings()
        arts = self.articles()
        if self.a.quick:
            arts = arts[:2]
        for label, path in arts:
            key = "render/%s" % label
            if self.tidings_ok("render"):
                c = self.measure(key, "tidings", lambda: [self.a.tidings, "render", path,
                                                          "--width", "80"],
                                 env=self.base_env, timeout=120)
                if c.times:
                    c.extra["µs/KB"] = "%.0f" % (c.median() * 1e6 / (os.path.getsize(path) / 1024))
            else:
                self.na(key, "tidings")
            if self.a.quick:
                continue
            if self.tools["xmllint"]:
                self.measure(key, "xmllint --html (parse only)",
                             lambda: ["xmllint", "--html", "--noout", path],
                             env=self.base_env, timeout=120)
            for prog, argv in (("w3m", ["w3m", "-dump", "-cols", "80", "-T", "text/html", path]),
                               ("lynx", ["lynx", "-dump", "-width=80", "-force_html", path])):
                if shutil.which(prog):
                    self.measure(key, prog, lambda argv=argv: argv, env=self.base_env,
                                 timeout=120)

    # ---------------------------------------------------------------------------
    # The helpers' own scripts, whose Markdown goes into RESULTS.md as it is:
    # bench/cache.sh (loading through the parse path, list pages, searches, size
    # per article) on the farm's 100k articles, and bench/render.sh (the golden
    # test pages repeated to 100 KB, 1 MB, 4 MB).

    def scen_helpers(self):
        top = os.path.dirname(os.path.dirname(self.a.tidings))
        out = []
        for name, argv, needs, prep in (        # the quick one first
                ("render.sh", [], None, None),
                ("cache.sh", ["500", "200"], os.path.join(top, "bench", "cache-load"),
                 self.cache_sh_farm)):
            script = os.path.join(self.a.srcdir, "bench", name)
            if not os.path.exists(script):
                continue
            if needs and not os.access(needs, os.X_OK):
                out.append("`bench/%s`: %s is not built, skipped.\n" % (name, needs))
                continue
            if self.time_left() < 120:
                out.append("`bench/%s`: skipped, the run's time bound was reached.\n" % name)
                continue
            d = os.path.join(self.work, name.replace(".", "-"))
            os.makedirs(d, exist_ok=True)
            if prep:
                prep(d)
            env = dict(self.base_env, BENCH_DIR=d, RUNS=str(min(self.a.runs, 5)))
            so, se = os.path.join(self.tmp, name + ".out"), os.path.join(self.tmp, name + ".err")
            r = run(["sh", script] + argv, env=env, cwd=top, stdout=so, stderr=se,
                    timeout=max(60, min(900, self.time_left() - 60)))
            body = open(so, encoding="utf-8", errors="replace").read().strip()
            if r.rc != 0 or r.timed_out:
                body += "\n\n(bench/%s %s: %s)" % (
                    name, "timed out" if r.timed_out else "exit %d" % r.rc, tail(se))
            # Their headings become lines of text under ours.
            body = re.sub(r"^#+ (.*)$", r"**\1** (`bench/%s`, %.0f s)" % (name, r.wall), body,
                          flags=re.M)
            out.append(body + "\n")
            log("%-28s %-18s %s" % (name, "tidings", "done in %.0f s" % r.wall))
        self.res.info["helpers_md"] = "\n".join(out)

    def cache_sh_farm(self, d):
        """cache.sh's farm is ours, linked under the name it expects."""
        files = self.farm(200, 500)
        farm = os.path.join(d, "farm-500-200")
        os.makedirs(farm, exist_ok=True)
        for f in files:
            ln = os.path.join(farm, os.path.basename(f))
            if not os.path.lexists(ln):
                os.symlink(f, ln)
        with open(os.path.join(farm, "MANIFEST"), "w") as f:
            f.write("".join(os.path.basename(x) + "\n" for x in files))

    # ---------------------------------------------------------------------------

    def versions(self):
        info = self.res.info
        info["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        info["nproc"] = os.cpu_count()
        info["affinity"] = len(os.sched_getaffinity(0))
        info["cpu"] = cpu_model()
        info["mem"] = mem_total()
        info["kernel"] = platform.release()
        info["os"] = os_release()
        info["load_start"] = "%.2f %.2f %.2f" % os.getloadavg()
        info["tidings"] = first_line([self.a.tidings, "--version"])
        info["tidings_build"] = self.a.build_note
        rev = first_line(["git", "-C", self.a.srcdir, "describe", "--always", "--dirty"])
        if rev and info["tidings"]:
            info["tidings"] += " (commit %s)" % rev
        info["newsboat"] = first_line(["newsboat", "--version"]) if self.tools["newsboat"] else None
        m = re.search(r"(\d+\.\d+(\.\d+)?)", info["newsboat"] or "")
        info["newsboat_version"] = m.group(1) if m else "x"
        info["sfeed"] = dpkg_version("sfeed") if self.tools["sfeed"] else None
        info["curl"] = first_line(["curl", "--version"]) if self.tools["curl"] else None
        info["xmllint"] = first_line(["xmllint", "--version"]) if self.tools["xmllint"] else None
        info["tmux"] = first_line(["tmux", "-V"]) if self.tools["tmux"] else None
        info["sqlite"] = __import__("sqlite3").sqlite_version
        info["python"] = platform.python_version()

    def main(self):
        self.find_tools()
        self.versions()
        t0 = time.time()
        # The quick scenarios first, so that the time bound cuts the slow ones; the
        # big reload (newsboat alone takes minutes) after start-up and search.
        only = self.a.only.split(",") if self.a.only else ["parse", "render", "reload",
                                                            "slowhost", "startup", "search",
                                                            "helpers", "images"]
        if self.a.quick and "helpers" in only:
            only.remove("helpers")
        # Search reads the caches the start-up scenario builds: it comes after it,
        # whatever the order --only gave.
        if "search" in only:
            if "startup" in only:
                only.remove("startup")
            only.insert(only.index("search"), "startup")
        if "reload" in only:
            only[only.index("reload")] = "reload-small"
            if not (self.a.quick or self.a.small):
                only.insert(only.index("search") + 1 if "search" in only else len(only),
                            "reload-big")
        for s in only:
            if self.time_left() < (15 if self.a.quick else 60):
                log("time bound reached, skipping " + s)
                continue
            log("scenario " + s)
            try:
                if s == "reload-small":
                    self.scen_reload([(100, "100x50")])
                elif s == "reload-big":
                    self.scen_reload([(1000, "1000x50")])
                elif s == "slowhost":
                    self.scen_slowhost()
                elif s == "startup":
                    self.scen_startup()
                elif s == "search":
                    self.scen_search()
                elif s == "parse":
                    self.scen_parse()
                elif s == "render":
                    self.scen_render()
                elif s == "helpers":
                    self.scen_helpers()
                elif s == "images":
                    self.scen_images()
                else:
                    log("unknown scenario " + s)
            except Exception as e:       # one broken scenario must not lose the others
                import traceback
                traceback.print_exc()
                self.res.info.setdefault("errors", []).append("%s: %s" % (s, e))
        self.res.info["load_end"] = "%.2f %.2f %.2f" % os.getloadavg()
        self.res.info["elapsed"] = time.time() - t0
        self.res.info["avail"] = self.avail


class Server:
    def __init__(self, p, port, errf):
        self.p, self.port, self.errf = p, port, errf
        self.last = None

    def stats(self):
        """Ask serve.py for its counters (SIGUSR1 prints them on stderr)."""
        n0 = self._count()
        try:
            self.p.send_signal(signal.SIGUSR1)
        except ProcessLookupError:
            return None
        for _ in range(100):           # up to 2 s
            if self._count() > n0:
                break
            time.sleep(0.02)
        lines = [ln for ln in open(self.errf, errors="replace") if ln.startswith("stats ")]
        if not lines:
            return None
        try:
            return json.loads(lines[-1][6:].replace("'", '"'))
        except ValueError:
            return None

    def _count(self):
        try:
            return sum(1 for ln in open(self.errf, errors="replace") if ln.startswith("stats "))
        except OSError:
            return 0

    def delta(self):
        s = self.stats()
        if s is None:
            return ""
        prev = self.last or {k: 0 for k in s}
        self.last = s
        d = {k: s[k] - prev.get(k, 0) for k in s}
        parts = []
        for k in ("200", "304", "404"):
            if d.get(k):
                parts.append("%d×%s" % (d[k], k))
        if d.get("gzip"):
            parts.append("gzip %d" % d["gzip"])
        parts.append("%d conn" % d.get("conns", 0))
        return ", ".join(parts)

    def stop(self):
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


# ---------------------------------------------------------------------------
# tmux: time from the program's start (written by the pane itself) until the
# marker is on the pane, polling capture-pane.

class TmuxControl:
    """A control-mode client: commands without a process each (a capture costs ~0.3 ms)."""

    def __init__(self, tm, env):
        self.p = subprocess.Popen(tm + ["-C", "attach-session", "-t", "bench", "-f",
                                        "no-output,read-only"], env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buf = b""
        for _ in range(50):            # skip what attaching printed, up to our own mark
            out = self.cmd("display-message -p tidings-bench-sync")
            if out is None or "tidings-bench-sync" in out:
                break

    def _line(self, timeout):
        end = time.time() + timeout
        while b"\n" not in self.buf:
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk
        ln, self.buf = self.buf.split(b"\n", 1)
        return ln.decode("utf-8", "replace")

    def cmd(self, c, timeout=10):
        try:
            self.p.stdin.write((c + "\n").encode())
            self.p.stdin.flush()
        except (BrokenPipeError, OSError):
            return None
        out, inblock = [], False
        for _ in range(100000):
            ln = self._line(timeout)
            if ln is None:
                return None
            if ln.startswith("%begin"):
                inblock, out = True, []
            elif ln.startswith("%end") or ln.startswith("%error"):
                if inblock:
                    return "\n".join(out)
            elif inblock:
                out.append(ln)
        return None

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            self.p.wait(5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def noise_png(w, h, seed):
    """A PNG of w x h RGB pixels of noise: about w * h * 3 bytes, that zlib cannot shrink."""
    import struct
    import zlib
    rnd = random.Random(seed)

    def chunk(t, data):
        return (struct.pack(">I", len(data)) + t + data +
                struct.pack(">I", zlib.crc32(t + data) & 0xffffffff))
    raw = b"".join(b"\0" + rnd.randbytes(w * 3) for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


def serve_dir(d):
    """An HTTP server on 127.0.0.1 for the files of d, in a thread: (server, port)."""
    import functools
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    srv = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=d))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.server_address[1]


IMAGES_SEQ = itertools.count()


def images_once(tmp, argv, env, images):
    """Open the only article (Enter, Enter) in a 120x250 tmux pane: seconds from the second
    Enter until its text shows, and (images) until every picture is drawn above its line."""
    sym = re.compile("[\u2580-\u259f\U0001fb00-\U0001fb3b]")
    # A server of its own each time: the last one may still be going away.
    sock = "tidings-bench-img-%d-%d" % (os.getpid(), next(IMAGES_SEQ))
    tm = ["tmux", "-L", sock, "-f", "/dev/null"]
    tenv = dict(env)
    tenv.pop("TMUX", None)
    tenv["TERM"] = "screen-256color"
    res = {"note": "tmux did not start"}
    ctl = None

    def wait(pred, timeout):
        end = time.time() + timeout
        while time.time() < end:
            screen = ctl.cmd("capture-pane -p -t bench")
            if screen is None:
                return None
            if pred(screen):
                return time.time()
            time.sleep(0.002)
        return None

    def drawn(screen):
        rows = screen.split("\n")
        n = sum(1 for i, r in enumerate(rows) if r.startswith("[image: ") and i > 0
                and sym.search(rows[i - 1]))
        return n == 10
    try:
        if subprocess.run(tm + ["new-session", "-d", "-s", "bench", "-x", "120", "-y", "250",
                                "env LC_ALL=C.UTF-8 TERM=screen-256color " +
                                " ".join(shquote(x) for x in argv)],
                          env=tenv, timeout=20).returncode != 0:
            return res
        ctl = TmuxControl(tm, tenv)
        if wait(lambda s: "categories" in s, 20) is None:
            return {"note": "no categories screen"}
        ctl.cmd("send-keys -t bench Enter")
        if wait(lambda s: "十张大图" in s, 20) is None:
            return {"note": "no article list"}
        start = time.time()
        ctl.cmd("send-keys -t bench Enter")
        t = wait(lambda s: "开头文字" in s, 20)
        if t is None:
            return {"note": "the article did not open"}
        res = {"text": t - start}
        if images:
            t = wait(drawn, 60)
            res["images"] = t - start if t is not None else None
        ctl.cmd("send-keys -t bench Q")
    finally:
        if ctl:
            ctl.close()
        subprocess.run(tm + ["kill-server"], env=tenv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return res


def tmux_once(tmp, argv, marker, quit_key, env, timeout, timebin):
    d = tempfile.mkdtemp(dir=tmp, prefix="tmux-")
    sock = "tidings-bench-%d-%s" % (os.getpid(), os.path.basename(d))
    script = os.path.join(d, "run.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\n")
        for k, v in env.items():
            if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", k) and k not in ("TMUX", "TMUX_PANE", "TERM"):
                f.write("export %s=%s\n" % (k, shquote(v)))
        # Start only once the harness watches the pane, then write the clock and go.
        f.write("tmux wait-for tidings-bench-go\n")
        f.write("date +%%s.%%N > %s/t0\n" % d)
        if timebin:
            f.write("%s -f '%%M %%U %%S' -o %s/mem %s 2>%s/err\n" % (timebin, d, " ".join(
                shquote(x) for x in argv), d))
        else:
            f.write("%s 2>%s/err\n" % (" ".join(shquote(x) for x in argv), d))
        f.write("echo $? > %s/rc\nexec sleep 30\n" % d)
    tm = ["tmux", "-L", sock, "-f", "/dev/null"]
    tenv = dict(env)
    tenv.pop("TMUX", None)
    res = {"status": "failed", "note": "tmux did not start"}
    ctl = None
    try:
        subprocess.run(tm + ["new-session", "-d", "-s", "bench", "-x", "120", "-y", "40",
                             "sh " + script], env=tenv, check=True, timeout=20)
        ctl = TmuxControl(tm, tenv)
        ctl.cmd("wait-for -S tidings-bench-go")
        start = time.time()
        seen = None
        screen = ""
        while time.time() - start < timeout + 5:
            screen = ctl.cmd("capture-pane -p -t bench")
            now = time.time()
            if screen is None:
                break
            if marker.search(screen):
                seen = now
                break
            if os.path.exists(os.path.join(d, "rc")):
                break
            t0 = read_t0(d)
            if t0 and now - t0 > timeout:
                break
            time.sleep(0.001)
        t0 = read_t0(d)
        if seen is not None and t0:
            res = {"status": "ok", "wall": seen - t0}
            # Each quit key in turn (tidings: Q quits from anywhere, q leaves the first
            # screen), up to 5 s each.
            for key in (quit_key or "").split():
                ctl.cmd("send-keys -t bench %s" % key)
                for _ in range(100):
                    if os.path.exists(os.path.join(d, "rc")):
                        break
                    time.sleep(0.05)
                if os.path.exists(os.path.join(d, "rc")):
                    break
            if quit_key:
                try:
                    f = open(os.path.join(d, "mem")).read().split()
                    res["rss"], res["cpu"] = int(f[-3]), float(f[-2]) + float(f[-1])
                except (OSError, ValueError, IndexError):
                    pass
        elif os.path.exists(os.path.join(d, "rc")):
            err = tail(os.path.join(d, "err")) or " ".join((screen or "").split())[-160:]
            res = {"status": "failed", "note": "exited before the first screen: %s" % (err,)}
        elif t0 is None:
            res = {"status": "failed", "note": "the pane never started"}
        else:
            res = {"status": "timeout", "note": "> %d s" % timeout}
    finally:
        if ctl is not None:
            ctl.close()
        subprocess.run(tm + ["kill-server"], env=tenv, capture_output=True, timeout=20)
        shutil.rmtree(d, ignore_errors=True)
    return res


def tidings_marker():
    # The categories screen: a category of the farm's items with a count on its line, or
    # the group they are behind when the feed list names no categories (as the farm's).
    names = "|".join(CATEGORIES)
    return re.compile(r"^.*(?:(?:%s).*\d|\d.*(?:%s)|Categories from articles \(\d+\)).*$"
                      % (names, names), re.M)


NEWSBOAT_SEARCH = r"""
import sqlite3, sys, time
db, q = sys.argv[1], sys.argv[2]
c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
t = time.perf_counter()
# newsboat 2.21 Cache::search_for_items: LIKE over title and raw content.
rows = c.execute("SELECT guid, title, author, url, pubDate, length(content), flags, feedurl, "
                 "unread, enclosure_url, enclosure_type, enqueued, base, deleted FROM rss_item "
                 "WHERE (title LIKE ? OR content LIKE ?) AND deleted = 0 "
                 "ORDER BY pubDate DESC, id DESC", ("%" + q + "%", "%" + q + "%")).fetchall()
print("inner", time.perf_counter() - t, len(rows))
"""


def gen_one(job):
    shared, d, i, m = job
    spec = importlib.util.spec_from_file_location("gen_feeds", os.path.join(shared, "bench",
                                                                            "gen_feeds.py"))
    g = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(g)
    atom = random.Random("%s/fmt/%d" % (SEED, i)).random() < 0.5
    _, xml = g.gen_feed(SEED, i, m, atom)
    p = os.path.join(d, "feed-%05d.xml" % i)
    with open(p + ".tmp", "wb") as f:
        f.write(xml.encode("utf-8"))
    os.utime(p + ".tmp", (FIXED_MTIME, FIXED_MTIME))
    os.replace(p + ".tmp", p)


# ---------------------------------------------------------------------------
# Small helpers.

def newsboat_conf(d):
    """newsboat's config for the reloads: reload-threads 4 (its default is 1)."""
    conf = os.path.join(d, "newsboat.conf")
    with open(conf, "w") as f:
        f.write("reload-threads 4\n")
    return conf


def shquote(s):
    return "'" + str(s).replace("'", "'\\''") + "'"


def read_t0(d):
    try:
        return float(open(os.path.join(d, "t0")).read().strip())
    except (OSError, ValueError):
        return None


def read_head(p, n=4096):
    try:
        with open(p, "rb") as f:
            return f.read(n).decode("utf-8", "replace")
    except OSError:
        return ""


def tail(p, n=160):
    try:
        with open(p, "rb") as f:
            s = f.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""
    s = s.splitlines()[-1] if s else ""
    return s[-n:]


def count_lines(p):
    try:
        with open(p, "rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return None


def read_inner_times(p):
    try:
        parts = open(p).read().split()
        return float(parts[1]), int(parts[2])
    except (OSError, ValueError, IndexError):
        return None


def read_sig(p):
    """(signature, seconds, peak KB) of a kept cache, or None."""
    try:
        sig, t, rss = open(p, encoding="utf-8").read().rstrip("\n").rsplit("\t", 2)
        return sig, float(t), int(rss)
    except (OSError, ValueError):
        return None


def write_sig(p, sig, t, rss):
    with open(p, "w", encoding="utf-8") as f:
        f.write("%s\t%f\t%d\n" % (sig, t, rss))


def schema_of(db):
    """A short hash of a SQLite file's schema and user_version."""
    import hashlib
    import sqlite3
    try:
        c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        rows = c.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        uv = c.execute("PRAGMA user_version").fetchone()[0]
        c.close()
    except sqlite3.Error:
        return "unknown"
    return "v%d-%s" % (uv, hashlib.sha1(repr(rows).encode()).hexdigest()[:10])


def rm_db(p):
    for suf in ("", "-wal", "-shm", "-journal", ".lock"):
        try:
            os.unlink(p + suf)
        except FileNotFoundError:
            pass


def copy_db(src, dst):
    for suf in ("", "-wal"):
        if os.path.exists(src + suf):
            shutil.copyfile(src + suf, dst + suf)


def db_size(p):
    return sum(os.path.getsize(p + s) for s in ("", "-wal") if os.path.exists(p + s))


def describe(c):
    if c.status != "ok":
        return "%s %s" % (c.status, c.note)
    if not c.times:
        return c.note or "no figures"
    return "median %s (%s–%s, %d runs) peak %s %s" % (
        fmt_time(c.median()), fmt_time(min(c.times)), fmt_time(max(c.times)), len(c.times),
        fmt_rss(max(c.rss) if c.rss else 0),
        " ".join("%s=%s" % kv for kv in c.extra.items() if kv[0] != "rc_ok"))


def first_line(argv):
    try:
        p = subprocess.run(argv, capture_output=True, timeout=20)
        s = (p.stdout or p.stderr).decode("utf-8", "replace").strip()
        return s.splitlines()[0] if s else None
    except (OSError, subprocess.TimeoutExpired):
        return None


def dpkg_version(pkg):
    try:
        p = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], capture_output=True,
                           timeout=20)
        return p.stdout.decode().strip() or None
    except (OSError, subprocess.TimeoutExpired):
        return None


def cpu_model():
    try:
        for ln in open("/proc/cpuinfo"):
            if ln.startswith("model name"):
                return ln.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_total():
    try:
        for ln in open("/proc/meminfo"):
            if ln.startswith("MemTotal"):
                return "%.1f GB" % (int(ln.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    return "unknown"


def os_release():
    try:
        for ln in open("/etc/os-release"):
            if ln.startswith("PRETTY_NAME="):
                return ln.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.system()


# ---------------------------------------------------------------------------
# Output: RESULTS.md (for people) and results.tsv (for bench-quick).

def write_tsv(res, path):
    with open(path, "w") as f:
        f.write("# key\tprogram\tstatus\tmedian_s\tmin_s\tmax_s\truns\tpeak_kb\tcpu_s\n")
        for c in res.cells:
            if c.times:
                cpu = c.cpu_median()
                f.write("%s\t%s\t%s\t%.6f\t%.6f\t%.6f\t%d\t%d\t%s\n" % (
                    c.key, c.prog, c.status, c.median(), min(c.times), max(c.times),
                    len(c.times), max(c.rss) if c.rss else 0,
                    "%.6f" % cpu if cpu is not None else ""))
            else:
                f.write("%s\t%s\t%s\t\t\t\t0\t0\t\n" % (c.key, c.prog, c.status))


def read_tsv(path):
    """{(key, program): (median wall s, peak KB, median CPU s or None)}."""
    out = {}
    try:
        for ln in open(path, encoding="utf-8"):
            if ln.startswith("#") or not ln.strip():
                continue
            f = ln.rstrip("\n").split("\t")
            if len(f) >= 8 and f[3]:
                cpu = float(f[8]) if len(f) >= 9 and f[8] else None
                out[(f[0], f[1])] = (float(f[3]), int(f[7]), cpu)
    except OSError:
        pass
    return out


def cell_text(c):
    if c.status == "ok" and c.times:
        return fmt_time(c.median())
    if c.status == "timeout":
        return c.note
    if c.status == "na":
        return "n/a"
    return c.status


def write_md(res, path, a):
    i = res.info
    L = []
    L.append("# tidings benchmarks\n")
    L.append("Generated by `make bench` (`bench/bench.py`; see `bench/README.md`) on %s. "
             "Regenerate with `make bench` and commit: git history keeps the earlier tables, so a "
             "regression shows as a diff. Every figure is the median of the runs shown, with the "
             "spread as min–max; CPU is the median user + system time (children included), "
             "steadier than the wall time on a shared machine; peak RSS is the largest of the runs' `/usr/bin/time -f %%M` "
             "(for a script such as sfeed_update, its largest process). \"÷ tidings\" is the program's median divided by tidings': above 1, tidings "
             "is faster.\n" % i.get("date"))
    L.append("## Machine\n")
    L.append("| | |\n|---|---|")
    for k, label in (("cpu", "CPU"), ("nproc", "nproc"), ("mem", "memory"), ("os", "system"),
                     ("kernel", "kernel"), ("tidings", "tidings"), ("tidings_build", "tidings build"),
                     ("newsboat", "newsboat"), ("sfeed", "sfeed (Debian package)"),
                     ("curl", "curl"), ("xmllint", "xmllint"), ("tmux", "tmux"),
                     ("sqlite", "SQLite (Python's, for newsboat's search SQL)"),
                     ("python", "Python"), ("load_start", "load average at start"),
                     ("load_end", "load average at end")):
        v = i.get(k)
        L.append("| %s | %s |" % (label, v if v is not None else "not installed"))
    L.append("| run time | %.0f s |" % i.get("elapsed", 0))
    L.append("")
    L.append("**Noise.** %s\n" % a.noise_note)
    if i.get("missing"):
        L.append("Missing on this machine (their columns are skipped): `apt-get install %s`.\n"
                 % " ".join(i["missing"]))
    na = [k for k, v in sorted(i.get("avail", {}).items()) if not v]
    if na:
        L.append("Parts of tidings not available yet when this ran (their cells say n/a): %s.\n"
                 % ", ".join("`%s`" % x for x in na))
    for e in i.get("errors", []):
        L.append("Scenario error: %s\n" % e)

    order = ["reload", "fill", "startup", "search", "parse", "render", "images"]
    for sec in order:
        if sec not in res.sections:
            continue
        cells = [c for c in res.cells if c.key.split("/")[0] == sec]
        if not cells:
            continue
        L.append("## %s\n" % res.sections[sec])
        L.append(SECTION_NOTES.get(sec, "").format(**{**i, "terms": i.get("terms", {})}))
        L.append("| scenario | program | median | min–max | runs | CPU | peak RSS | ÷ tidings "
                 "| notes |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        keys = []
        for c in cells:
            if c.key not in keys:
                keys.append(c.key)
        for k in keys:
            t = res.find(k, "tidings")
            tm = t.median() if t and t.status == "ok" and t.times else None
            for c in [x for x in cells if x.key == k]:
                med = c.median() if c.status == "ok" and c.times else None
                ratio = "—"
                if c.prog != "tidings" and tm:
                    if med:
                        ratio = "%.2g" % (med / tm) if med / tm < 10 else "%.0f" % (med / tm)
                    elif c.status == "timeout" and c.timeout:
                        ratio = "> %.0f" % (c.timeout / tm)
                spread = ("%s–%s" % (fmt_time(min(c.times)), fmt_time(max(c.times)))
                          if c.times else "")
                notes = []
                if c.status not in ("ok",) and c.note and c.status != "timeout":
                    notes.append(c.note)
                elif c.note and c.status == "ok":
                    notes.append(c.note)
                if k.endswith("/304") and "×200" in str(c.extra.get("server", "")):
                    notes.append("**not an all-304 reload: the server answered 200s**")
                for kk, vv in c.extra.items():
                    if kk == "rc_ok":
                        continue
                    if kk in ("cache size", "data size"):
                        vv = "%.1f MB" % (vv / 1e6)
                    if kk == "hits":
                        vv = "%s" % vv
                    if vv != "":
                        notes.append("%s: %s" % (kk, vv))
                L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    k.split("/", 1)[1], c.prog, cell_text(c), spread,
                    len(c.times) or "", fmt_time(c.cpu_median()) if c.cpu else "—",
                    fmt_rss(max(c.rss)) if c.rss else "—", ratio,
                    "; ".join(str(x).replace("|", "\\|") for x in notes)))
        L.append("")
    if i.get("helpers_md"):
        L.append("## The helpers' own benchmarks\n")
        L.append("Written by `bench/cache.sh` (on the 100k articles of the same farm) and "
                 "`bench/render.sh`, run by `make bench`; tidings alone.\n")
        L.append(i["helpers_md"] + "\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


SECTION_NOTES = {
    "reload": (
        "`tidings --urls U --cache C reload`; `newsboat -x reload` (reload-threads 4, its own "
        "config, cache and urls file); `sfeed_update` (maxjobs 8; its fetch() adds `curl -z` "
        "once a feed file holds data, so the second run is conditional); `curl --parallel "
        "--parallel-max 16` over the same URLs, the floor (with `-z` for the 304 rows). *fresh* "
        "starts from an empty cache; *304* repeats the reload with everything unchanged; "
        "*fresh+index* is the fresh reload followed by a `tidings search 经济 --limit 50` (a "
        "reload writes each article's search text and bigram signature as it stores it, so "
        "nothing is left to index; newsboat and sfeed keep no search index). newsboat's *304* rows come after "
        "one more reload, not measured: it keeps no ETag or Last-Modified from a feed's first "
        "fetch (its UPDATE of them runs before the feed's row exists; see its debug log), so "
        "its second reload of a fresh cache is all 200s. The "
        "notes give what the server answered in the last run. All feeds sit on one host "
        "(127.0.0.1), so a per-host connection cap applies to the whole farm. *15x2s-close* is "
        "15 feeds on one host that answers each after 2 s over HTTP/1.0 and closes every "
        "connection (`tests/server.py`'s `/slowclose/`): one at a time that is 30 s, so the row "
        "shows how many transfers to one host run at once (tidings' max-host-connections, "
        "newsboat's reload-threads).\n"),
    "fill": (
        "How the caches for the start-up and search scenarios were filled (one reload each; the "
        "larger caches grow from the smaller: 2k = feeds 0–9, 10k = 0–49, 100k = 0–499, 300k = "
        "0–1499). They are kept between runs in the work directory while tidings' schema and "
        "newsboat's version hold, so a figure marked \"kept\" comes from the run that built "
        "them; a fill cut by `--fill-cap` is resumed by the next run.\n"),
    "startup": (
        "Time from the program's start (written by the tmux pane's shell just before exec) until "
        "the first screen is on the pane (`capture-pane` polled every few ms): tidings' "
        "categories screen (a category name with a count, or the group of the articles' own categories with theirs), newsboat's feed list, sfeed_curses' "
        "feed list. *floor (printf)* is the harness's own overhead. Peak RSS and CPU are "
        "`/usr/bin/time -f '%M %U %S'` around the program, which is then quit with its key (so "
        "CPU runs until the quit, in steps of 10 ms).\n"),
    "search": (
        "Terms: zh2 = `{terms[zh2]}`, zh4 = `{terms[zh4]}`, latin = `{terms[latin]}` (absent "
        "from the farm). `tidings --cache C search TERM`; newsboat has no search command, so its "
        "row is the query of its search (`LIKE` over title and raw content, from Cache::"
        "search_for_items) timed inside Python on its cache; sfeed's users search with "
        "`grep -F` over its TSV files. Hits differ a little: tidings searches rendered text, "
        "the others raw HTML. Each run takes the three programs in turn (three times "
        "--runs of them), so that the machine's drift falls on all alike. The row *first, "
        "right after the reload* is the first search on a "
        "cache filled by reloads alone, timed once: a reload leaves nothing to index. 300k rows "
        "come only when the start-up scenario built that cache (a longer `--max-minutes`). The "
        "index rate and the memory while the reader indexes are bench/cache.sh's rows "
        "(helpers).\n"),
    "parse": (
        "The first {parse_n} feeds of the 200-item farm ({parse_mb:.0f} MB), one process per "
        "file: `tidings parse FILE --json` (to /dev/null), `xmllint --stream --noout FILE` "
        "(libxml2's streaming reader, the floor), `sfeed < FILE`; *floor (true)* is the cost "
        "of starting those processes, and *one process* gives xmllint every file at once.\n"),
    "render": (
        "Articles built from the farm's Chinese bodies (paragraphs, links, bold, images, "
        "headings): `tidings render FILE --width 80`; `xmllint --html --noout` is libxml2's HTML "
        "parse alone, the floor under tidings' html.c. No incumbent renders HTML from the "
        "command line (newsboat's renderer is internal); w3m/lynx rows appear when installed.\n"),
}


# ---------------------------------------------------------------------------
# Quick mode: compare tidings' figures with the baseline.

def compare(res, baseline_path):
    """Count tidings' figures beyond twice their baseline.

    On a shared machine the wall time follows the neighbours' load, the CPU time
    much less: a figure regresses when its wall time and its CPU time both pass
    2x the baseline (plus 20 ms of slack for tiny figures), or its wall time
    alone passes 4x, or it times out; memory when its peak passes 2x + 4 MB.
    """
    base = read_tsv(baseline_path)
    bad, lines = 0, []
    for c in res.cells:
        if c.prog != "tidings":
            continue
        b = base.get((c.key, c.prog))
        if c.status == "timeout" and b is not None:
            lines.append("  %-24s %10s   baseline %10s  REGRESSION (timed out)" % (
                c.key, c.note, fmt_time(b[0])))
            bad += 1
            continue
        if not c.times:
            continue
        if b is None:
            lines.append("  %-24s %10s   (no baseline)" % (c.key, fmt_time(c.median())))
            continue
        bt, brss, bcpu = b
        wall, cpu = c.median(), c.cpu_median()
        slow_wall = wall > 2 * bt + 0.020
        slow_cpu = cpu is None or bcpu is None or cpu > 2 * bcpu + 0.020
        flag = ""
        if (slow_wall and slow_cpu) or wall > 4 * bt + 0.020:
            flag, bad = "  REGRESSION (> 2x baseline)", bad + 1
        rss = max(c.rss) if c.rss else 0
        if brss and rss > 2 * brss + 4096:
            flag += "  MEMORY REGRESSION (> 2x baseline)"
            bad += 1
        lines.append("  %-24s %10s   baseline %10s  x%.2f  cpu %s / %s  %s / %s%s" % (
            c.key, fmt_time(wall), fmt_time(bt), wall / bt if bt else 0,
            fmt_time(cpu), fmt_time(bcpu), fmt_rss(rss), fmt_rss(brss), flag))
    return bad, lines


def optimised_build(a):
    """Return (path of an optimised tidings, how it was built)."""
    if a.tidings:
        return a.tidings, "given with --tidings / TIDINGS_BIN"
    mk = os.path.join(a.builddir, "Makefile")
    cflags, san = "", ""
    try:
        for ln in open(mk):
            if ln.startswith("CFLAGS = "):
                cflags = ln[9:].strip()
            elif ln.startswith("SAN_CFLAGS = "):
                san = ln[13:].strip()
    except OSError:
        pass
    if re.search(r"(^|\s)-O[23s]\b", cflags) and not san:
        subprocess.run(["make", "-C", a.builddir, "src/tidings"], check=True,
                       stdout=subprocess.DEVNULL)
        return (os.path.join(a.builddir, "src", "tidings"),
                "the current build (CFLAGS %s)" % cflags)
    # The current build is not optimised: build a copy of the sources with -O2.
    bdir = os.path.join(a.builddir, "bench", "build")
    src = os.path.join(bdir, "src-copy")
    os.makedirs(src, exist_ok=True)
    log("the current build has CFLAGS '%s'%s: building an -O2 copy in %s" % (
        cflags, " and sanitizers" if san else "", bdir))
    files = subprocess.run(["git", "-C", a.srcdir, "ls-files", "-co", "--exclude-standard", "-z"],
                           capture_output=True, check=True).stdout.decode().split("\0")
    for rel in files:
        if not rel or rel.startswith("bench/"):
            continue
        s, d = os.path.join(a.srcdir, rel), os.path.join(src, rel)
        if not os.path.isfile(s):
            continue
        if os.path.exists(d) and open(s, "rb").read() == open(d, "rb").read():
            continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        shutil.copy2(s, d)
    if not os.path.exists(os.path.join(src, "Makefile")):
        subprocess.run(["autoreconf", "-fi"], cwd=src, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        subprocess.run(["./configure", "CFLAGS=-O2"], cwd=src, check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["make", "-j2", "src/tidings"], cwd=src, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["make", "bench/cache-load"], cwd=src, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return os.path.join(src, "src", "tidings"), "a copy of the sources built with CFLAGS=-O2"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--small", action="store_true",
                    help="every program, smallest sizes only (reload 100x50, start-up 10k)")
    ap.add_argument("--only", help="comma-separated: parse,render,reload,slowhost,startup,search,"
                    "helpers,images")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    ap.add_argument("--cell-budget", type=float, default=float(os.environ.get(
        "BENCH_CELL_BUDGET", "40")), help="seconds one program may spend on one scenario")
    ap.add_argument("--max-minutes", type=float, default=float(os.environ.get(
        "BENCH_MAX_MINUTES", "25")))
    ap.add_argument("--fill-cap", type=int, default=int(os.environ.get("BENCH_FILL_CAP", "600")),
                    help="seconds one start-up cache fill may take in one run (it resumes later)")
    ap.add_argument("--newsboat-cap", type=int, default=int(os.environ.get(
        "BENCH_NEWSBOAT_CAP", "100")), help="seconds newsboat may take to its first screen")
    ap.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "18471")),
                    help="fixed port of the 200-item farm (newsboat's kept caches name it)")
    ap.add_argument("--tidings", default=os.environ.get("TIDINGS_BIN"))
    ap.add_argument("--srcdir", default=os.path.dirname(here))
    ap.add_argument("--builddir", default=os.path.dirname(here))
    ap.add_argument("--work", default=os.environ.get("BENCH_WORK"))
    ap.add_argument("--shared", default=os.environ.get("BENCH_SHARED"))
    ap.add_argument("--results", help="RESULTS.md to write (full mode)")
    ap.add_argument("--baseline", help="results.tsv to compare with (quick mode)")
    ap.add_argument("--noise", default=os.environ.get("BENCH_NOISE_NOTE", ""))
    a = ap.parse_args()
    a.srcdir = os.path.abspath(a.srcdir)
    a.builddir = os.path.abspath(a.builddir)
    a.work = os.path.abspath(a.work or os.path.join(a.builddir, "bench", "work"))
    a.shared = os.path.abspath(a.shared or os.path.join(a.srcdir, "..", "shared"))
    a.results = a.results or os.path.join(a.srcdir, "bench", "RESULTS.md")
    a.baseline = a.baseline or os.path.join(a.srcdir, "bench", "results.tsv")
    a.noise_note = a.noise or (
        "Each figure is a median over a few runs on a machine whose load is shown above; on a "
        "shared machine the spread (min–max) tells how much to trust it. Ratios between "
        "programs measured in the same run are more stable than the absolute figures.")
    if a.quick:
        a.runs = min(a.runs, 3)
        a.cell_budget = min(a.cell_budget, 10)
        a.max_minutes = min(a.max_minutes, 2)
    if not os.path.isfile(os.path.join(a.shared, "bench", "gen_feeds.py")):
        log("%s/bench is missing: nothing to measure (skipped)" % a.shared)
        return 0
    os.makedirs(a.work, exist_ok=True)
    a.tidings, a.build_note = optimised_build(a)
    a.tidings = os.path.abspath(a.tidings)
    log("tidings: %s (%s)" % (a.tidings, a.build_note))
    b = Bench(a)
    b.main()
    if a.quick:
        out = os.path.join(a.work, "quick.tsv")
        write_tsv(b.res, out)
        bad, lines = compare(b.res, a.baseline)
        print("bench-quick: tidings against %s (fails only beyond 2×):" % a.baseline)
        print("\n".join(lines) if lines else "  (no tidings figures yet: %s)" % NA)
        print("bench-quick: %s" % ("%d regression(s)" % bad if bad else "no 2× regression"))
        return 1 if bad else 0
    write_md(b.res, a.results, a)
    write_tsv(b.res, os.path.join(os.path.dirname(a.results), "results.tsv"))
    log("wrote %s and results.tsv" % a.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
