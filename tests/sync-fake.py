#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
"""A TT-RSS API that misbehaves on purpose, for tests/sync-faults.sh.

Usage: sync-fake.py PORTFILE LOGFILE

It answers POSTs to /api/ as TT-RSS's JSON API does, with one feed of two
articles.  What it does wrong is read from the file MODE beside PORTFILE at
each call: "ok", "expire" (the first session dies after the login: every
call with it answers NOT_LOGGED_IN); after a good login, "500" (every call
is an HTTP 500), "garbage" (every call answers HTML), "slow" (every call
takes 30 s), "drip" (every call takes 1 s, and then answers).  Every
call's op is appended to LOGFILE, and every mark updateArticle gets.
"""
import http.server
import json
import os
import sys
import time

PORTFILE, LOGFILE = sys.argv[1], sys.argv[2]
MODEFILE = os.path.join(os.path.dirname(PORTFILE), "MODE")
state = {"logins": 0}

ARTICLES = [
    {"id": 11, "unread": True, "marked": False, "updated": 1796130000,
     "title": "假新闻一 😀", "link": "http://example.invalid/1",
     "feed_id": 7, "author": "", "content": "<p>一</p>"},
    {"id": 12, "unread": False, "marked": True, "updated": 1796133600,
     "title": "假新闻二", "link": "http://example.invalid/2",
     "feed_id": 7, "author": "", "content": "<p>二</p>"},
]


def mode():
    try:
        with open(MODEFILE) as f:
            return f.read().strip()
    except OSError:
        return "ok"


class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body, ctype="application/json"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def ok(self, content):
        self.reply(200, json.dumps({"seq": 0, "status": 0,
                                    "content": content}))

    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        call = json.loads(self.rfile.read(n) or b"{}")
        op = call.get("op")
        m = mode()
        with open(LOGFILE, "a") as log:
            log.write(op + "\n")
            if op == "updateArticle":
                log.write("mark %s %s %s\n" % (call.get("article_ids"),
                          call.get("field"), call.get("mode")))
        if op == "login":
            state["logins"] += 1
            return self.ok({"session_id": "s%d" % state["logins"],
                            "api_level": 15})
        if m == "expire" and call.get("sid") == "s%d" % state["expired"]:
            return self.reply(200, json.dumps({"seq": 0, "status": 1,
                              "content": {"error": "NOT_LOGGED_IN"}}))
        if m == "500":
            return self.reply(500, "Internal Server Error", "text/plain")
        if m == "garbage":
            return self.reply(200, "<html>oops</html>", "text/html")
        if m == "slow":
            time.sleep(30)
        if m == "drip":
            time.sleep(1)
        if op == "getFeeds":
            return self.ok([{"id": 7, "feed_url":
                             "http://example.invalid/feed.xml",
                             "title": "假的源", "cat_id": 3}])
        if op == "getCategories":
            return self.ok([{"id": 3, "title": "类别", "unread": 1},
                            {"id": 0, "title": "Uncategorized"}])
        if op == "getFeedTree":
            return self.ok({"categories": {"identifier": "id", "items": [
                {"id": "CAT:3", "bare_id": 3, "name": "类别",
                 "type": "category", "items": [
                     {"id": "FEED:7", "bare_id": 7, "name": "假的源",
                      "type": "feed"}]}]}})
        if op == "getHeadlines":
            feed, view = call.get("feed_id"), call.get("view_mode")
            if feed == -1:
                return self.ok([a for a in ARTICLES if a["marked"]])
            if feed == -6:
                return self.ok([a for a in ARTICLES if not a["unread"]])
            if view == "unread":
                return self.ok([a for a in ARTICLES if a["unread"]])
            return self.ok([a for a in ARTICLES
                            if a["id"] > call.get("since_id", 0)])
        if op == "updateArticle":
            return self.ok({"status": "OK", "updated": 1})
        return self.ok({})


state["expired"] = 1
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
