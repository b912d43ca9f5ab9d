#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The tidings authors
"""A loopback HTTP server that misbehaves on request, for tests/fetch.sh.

server.py PORTFILE [LOGFILE] [--max-seconds N] [--tls CERT KEY]

Binds 127.0.0.1 on a port the kernel picks, writes the port to PORTFILE,
and serves one scenario per path (see SCENARIOS below); with --tls, over
TLS with that certificate chain and key (HTTP/1.1 only: the standard
library speaks no HTTP/2).  A CONNECT request is served as a proxy would,
tunnelling to the host and port it names (logged as "CONNECT host:port"),
and a request for a whole http:// URL as a plain proxy would, from here
(logged as "PROXY URL").  Each request is
logged to LOGFILE as one line: "PATH if-none-match=... if-modified-since=...
accept-encoding=... user-agent=...".  Exits by itself after --max-seconds
(default 120) so that a failed test never leaves it behind.
Python 3 standard library only.
"""
import gzip
import os
import re
import select
import socket
import ssl
import struct
import sys
import threading
import time
import zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ETAG = '"v1-feed"'
LASTMOD = formatdate(1700000000, usegmt=True)
LOG = None
LOCK = threading.Lock()
FLAKY = {}  # requests seen of each /flaky/ path
BOMB = None


def rss(name, items=2, encoding="utf-8", decl=True):
    """A small RSS 2.0 feed whose item titles name the scenario."""
    head = '<?xml version="1.0"?>\n' if decl else ""
    body = ["<rss version=\"2.0\"><channel><title>Feed %s</title>"
            "<link>http://example.com/%s</link>" % (name, name)]
    for i in range(1, items + 1):
        body.append("<item><title>%s 新闻 %d</title>"
                    "<link>http://example.com/%s/%d</link>"
                    "<guid>%s-%d</guid>"
                    "<description>%s 第%d条</description></item>"
                    % (name, i, name, i, name, i, name, i))
    body.append("</channel></rss>\n")
    return (head + "".join(body)).encode(encoding)


def bomb():
    global BOMB
    if BOMB is None:
        # 40 MiB of zeros inside an RSS item: past the 32 MiB cap.
        z = gzip.compress(b"<rss><channel><title>bomb</title><item><title>"
                          + b"\0" * (40 << 20), 6)
        BOMB = z
    return BOMB



_slow_png = []


def slow_png():
    """A PNG of 6000 x 6600 pixels of 16-bit RGBA (39.6 million, under
    the 40 million of bounds.h) in 320 KB: decoding it takes seconds."""
    if not _slow_png:
        w, h = 6000, 6600

        def chunk(t, d):
            return (struct.pack(">I", len(d)) + t + d +
                    struct.pack(">I", zlib.crc32(t + d) & 0xffffffff))
        co = zlib.compressobj(9)
        row = b"\0" + b"\x40" * (w * 8)
        data = b"".join(co.compress(row) for _ in range(h)) + co.flush()
        _slow_png.append(b"\x89PNG\r\n\x1a\n" +
                         chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6,
                                                    0, 0, 0)) +
                         chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return _slow_png[0]

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tidings-test"

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self):
        if LOG is None:
            return
        h = self.headers
        line = "%s if-none-match=%s if-modified-since=%s " \
               "accept-encoding=%s user-agent=%s\n" % (
                   self.path, h.get("If-None-Match", "-"),
                   h.get("If-Modified-Since", "-"),
                   h.get("Accept-Encoding", "-"),
                   h.get("User-Agent", "-"))
        with LOCK:
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(line)

    def send(self, code, body=b"", ctype="application/rss+xml",
             headers=()):
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def chunked(self, chunks, ctype="application/rss+xml", headers=(),
                code=200):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            for c in chunks:
                if c:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(c), c))
                    self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    EPISODE_BYTES = 300000

    def episode(self, kind):
        """/episode/KIND/NAME: a 300,000-byte file whose bytes are known
        (byte i is i * 7 % 251), honouring "Range: bytes=N-" except for
        KIND norange; cut sends a third then hangs up when asked for the
        whole, lie says 1000 bytes more than it sends, slow takes 3 s."""
        data = bytes(i * 7 % 251 for i in range(self.EPISODE_BYTES))
        start = 0
        if LOG is not None:
            with LOCK:
                with open(LOG, "a", encoding="utf-8") as f:
                    f.write("range %s %s\n" % (
                        self.path, self.headers.get("Range", "-")))
        m = re.match(r"bytes=(\d+)-$", self.headers.get("Range", ""))
        if m and kind != "norange":
            start = int(m.group(1))
            if start >= len(data):
                self.send(416, b"", ctype="text/plain",
                          headers=[("Content-Range", "bytes */%d" % len(data))])
                return
        self.send_response(206 if start else 200)
        self.send_header("Content-Type", "audio/mpeg")
        if start:
            self.send_header("Content-Range", "bytes %d-%d/%d" %
                             (start, len(data) - 1, len(data)))
        length = len(data) - start
        self.send_header("Content-Length",
                         str(length + 1000 if kind == "lie" else length))
        self.end_headers()
        body = data[start:]
        if kind == "cut" and not start:
            body = body[:len(data) // 3]
        try:
            if kind == "slow":
                for i in range(0, len(body), 10000):
                    self.wfile.write(body[i:i + 10000])
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        if kind in ("cut", "lie") and not (kind == "cut" and start):
            self.close_connection = True

    def do_CONNECT(self):
        """A tunnel, for https_proxy: logged, then bytes both ways."""
        if LOG is not None:
            with LOCK:
                with open(LOG, "a", encoding="utf-8") as f:
                    f.write("CONNECT %s\n" % self.path)
        host, _, port = self.path.rpartition(":")
        try:
            up = socket.create_connection((host.strip("[]"), int(port)), 10)
        except (OSError, ValueError):
            self.send(502, b"no tunnel", ctype="text/plain")
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        socks = [self.connection, up]
        try:
            while True:
                ready, _, _ = select.select(socks, [], [], 30)
                if not ready:
                    break
                for r in ready:
                    data = r.recv(65536)
                    if not data:
                        raise EOFError
                    (up if r is self.connection else
                     self.connection).sendall(data)
        except (EOFError, OSError):
            pass
        up.close()
        self.close_connection = True

    def do_GET(self):
        if self.path.startswith("http://"):
            # A request to a proxy names the whole URL: logged as
            # "PROXY URL", then served as if this were that host.
            if LOG is not None:
                with LOCK:
                    with open(LOG, "a", encoding="utf-8") as f:
                        f.write("PROXY %s\n" % self.path)
            self.path = "/" + self.path.split("/", 3)[3] \
                if self.path.count("/") >= 3 else "/"
        self.log_request_line()
        path = self.path.split("?")[0]
        name = path.strip("/").replace("/", "-") or "root"
        h = self.headers
        if path == "/ok.xml":
            self.send(200, rss("ok"))
        elif path == "/etag.xml":
            if h.get("If-None-Match") == ETAG:
                self.send(304, ctype=None, headers=[("ETag", ETAG)])
            else:
                self.send(200, rss("etag"), headers=[("ETag", ETAG)])
        elif path == "/lastmod.xml":
            if h.get("If-Modified-Since") == LASTMOD:
                self.send(304, ctype=None)
            else:
                self.send(200, rss("lastmod"),
                          headers=[("Last-Modified", LASTMOD)])
        elif path == "/gzip.xml":
            if "gzip" in h.get("Accept-Encoding", ""):
                self.send(200, gzip.compress(rss("gzip")),
                          headers=[("Content-Encoding", "gzip"),
                                   ("Vary", "Accept-Encoding")])
            else:
                self.send(400, b"ask for gzip", ctype="text/plain")
        elif path == "/chunked.xml":
            data = rss("chunked")
            self.chunked([data[i:i + 37] for i in range(0, len(data), 37)])
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1] or "0")
            to = "/redirect/%d" % (n - 1) if n > 1 else "/redirected.xml"
            self.send(302, ctype=None, headers=[("Location", to)])
        elif path == "/redirected.xml":
            self.send(200, rss("redirected"))
        elif path == "/loop/a":
            self.send(301, ctype=None, headers=[("Location", "/loop/b")])
        elif path == "/loop/b":
            self.send(301, ctype=None, headers=[("Location", "/loop/a")])
        elif path == "/perm.xml":
            self.send(301, ctype=None, headers=[("Location", "/moved.xml")])
        elif path == "/moved.xml":
            self.send(200, rss("moved"))
        elif path == "/tofile":
            self.send(302, ctype=None,
                      headers=[("Location", "file:///etc/passwd")])
        elif path == "/404.xml":
            self.send(404, b"not here", ctype="text/plain")
        elif path == "/500.xml":
            self.send(500, b"oops", ctype="text/plain")
        elif path == "/cookie/set.xml":
            self.send(200, rss("cookie-set"),
                      headers=[("Set-Cookie", "tidings=baked; Path=/; "
                                "Max-Age=3600")])
        elif path == "/cookie/need.xml":
            if "tidings=baked" in h.get("Cookie", ""):
                self.send(200, rss("cookie-need"))
            else:
                self.send(403, b"no cookie", ctype="text/plain")
        elif path.startswith("/flaky/"):
            # /flaky/N/NAME: HTTP 500 for the first N requests, then a feed.
            parts = path.split("/")
            with LOCK:
                FLAKY[path] = FLAKY.get(path, 0) + 1
                seen = FLAKY[path]
            if seen <= int(parts[2]):
                self.send(500, b"not yet", ctype="text/plain")
            else:
                self.send(200, rss("flaky"))
        elif path == "/429.xml":
            self.send(429, b"slow down", ctype="text/plain",
                      headers=[("Retry-After", "120")])
        elif path == "/503.xml":
            self.send(503, b"busy", ctype="text/plain",
                      headers=[("Retry-After", formatdate(
                          time.time() + 600, usegmt=True))])
        elif path == "/drip.xml":
            def drip():
                data = rss("drip")
                for i in range(len(data)):
                    yield data[i:i + 1]
                    time.sleep(0.5)
            self.chunked(drip())
        elif path == "/endless.xml":
            def endless():
                yield b"<rss><channel><title>endless</title>"
                item = b"<item><title>more</title></item>" * 2048
                sent = 0
                while sent < (64 << 20):
                    yield item
                    sent += len(item)
            self.chunked(endless())
        elif path == "/bomb.xml":
            self.send(200, bomb(), headers=[("Content-Encoding", "gzip")])
        elif path == "/wrongtype.xml":
            self.send(200, rss("wrongtype"),
                      ctype="application/octet-stream")
        elif path == "/page.html":
            self.send(200, b"<!DOCTYPE html>\n<html><head><title>A page"
                      b"</title></head><body><p>Not a feed.</p></body>"
                      b"</html>\n", ctype="text/html; charset=utf-8")
        elif path == "/evil.html":
            # Escape sequences in a header must never reach the terminal.
            self.send(200, b"<html><body>x</body></html>",
                      ctype="text/html; x=\x1b]0;pwned\x07\x1b[31m")
        elif path == "/follow/page.html":
            self.send(200, "<!DOCTYPE html>\n<html><head><title>Followed"
                      "</title></head><body><h1>A followed page</h1>"
                      "<p>Fetched on demand, 按需抓取的页面。"
                      "<a href=\"next.html\">the next page</a></p>"
                      "</body></html>\n".encode("utf-8"),
                      ctype="text/html; charset=utf-8")
        elif path == "/follow/old/moved.html":
            self.send(301, ctype=None,
                      headers=[("Location", "/follow/page.html")])
        elif path == "/follow/next.html":
            self.send(200, b"<html><body><p>The relative link led here."
                      b"</p></body></html>\n", ctype="text/html")
        elif path == "/follow/gb2312.html":
            # The charset is in the HTTP header only.
            self.send(200, "<html><body><p>简体中文的网页，编码是GB2312。"
                      "</p></body></html>\n".encode("gb2312"),
                      ctype="text/html; charset=gb2312")
        elif path == "/follow/plain.txt":
            self.send(200, b"Plain text, line one.\nLine <two>.\n\n"
                      b"A second paragraph.\n", ctype="text/plain")
        elif path == "/follow/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                      ctype="image/png")
        elif path == "/images/slow.png":
            # tests/tui/images-slow.sh: seconds to decode, within limits
            self.send(200, slow_png(), ctype="image/png")
        elif re.fullmatch(r"/images/[a-z]+\.(png|jpg|gif|webp)", path):
            # tests/data/images, for the pager's images (tests/tui/images.sh)
            f = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "data", "images", path.rsplit("/", 1)[1])
            ext = path.rsplit(".", 1)[1]
            with open(f, "rb") as fh:
                self.send(200, fh.read(), ctype="image/" +
                          {"jpg": "jpeg"}.get(ext, ext))
        elif path == "/follow/slow.html":
            def slow():
                yield b"<html><body><p>"
                for i in range(120):
                    time.sleep(0.5)
                    yield b"slow "
                yield b"</p></body></html>"
            self.chunked(slow(), ctype="text/html")
        elif path == "/gb2312.xml":
            self.send(200, rss("gb2312", encoding="gb2312", decl=True),
                      ctype="application/rss+xml; charset=gb2312")
        elif path == "/close.xml":
            data = rss("close")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(data) + 1000))
            self.end_headers()
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif path.startswith("/slow/"):
            # /slow/MS/NAME.xml: answers after MS milliseconds, kept alive.
            time.sleep(int(path.split("/")[2]) / 1000.0)
            self.send(200, rss(name))
        elif path.startswith("/slowclose/"):
            # /slowclose/MS/NAME.xml: HTTP/1.0 after MS milliseconds, and
            # every connection closed, as some servers do.
            time.sleep(int(path.split("/")[2]) / 1000.0)
            self.protocol_version = "HTTP/1.0"
            self.close_connection = True
            self.send(200, rss(name), headers=[("Connection", "close")])
        elif path in ("/endless302.xml", "/endless404.xml",
                      "/endless500.xml"):
            # An error page or a redirect whose body never ends (for 120 s
            # at most); curl drops a followed redirect's body itself.
            def endless_error():
                t0 = time.time()
                while time.time() - t0 < 120:
                    yield b"<p>an error page that goes on</p>\n" * 1024
            self.chunked(endless_error(), ctype="text/html",
                         code=int(path[8:11]),
                         headers=[("Location", "/ok.xml")])
        elif path.startswith("/episode/"):
            self.episode(path.split("/")[2])
        elif path == "/notxml.xml":
            self.send(200, b"this is not a feed at all\n\x00\x01",
                      ctype="application/rss+xml")
        else:
            self.send(404, b"no such scenario", ctype="text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients hang up on purpose here (caps, timeouts): not news.
        pass


def main():
    global LOG
    args = [a for a in sys.argv[1:]]
    max_seconds = 120
    if "--max-seconds" in args:
        i = args.index("--max-seconds")
        max_seconds = float(args[i + 1])
        del args[i:i + 2]
    tls = None
    if "--tls" in args:
        i = args.index("--tls")
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args[i + 1], args[i + 2])
        tls.set_alpn_protocols(["http/1.1"])
        del args[i:i + 3]
    if not args:
        sys.exit("usage: server.py PORTFILE [LOGFILE] [--max-seconds N]")
    portfile = args[0]
    LOG = args[1] if len(args) > 1 else None
    if tls is None:
        bomb()  # made before the port is told: compressing takes a while
    server = Server(("127.0.0.1", 0), Handler)
    if tls is not None:
        # The handshake runs in the request's thread, on its first read: a
        # client that refuses the certificate stops only that thread.
        server.socket = tls.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(tmp, portfile)
    timer = threading.Timer(max_seconds, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
