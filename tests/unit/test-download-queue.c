/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-download-queue.c: the download queue in the cache (cache-download.c),
 * one download run in steps (download_start, download_progress,
 * download_finish) and the queue run by dlqueue_step, against a loopback
 * server of this test's own: a file cut off fails keeping its part, a
 * restart resumes the part with a Range to the exact bytes; a download
 * cancelled (fetch_engine_cancel) comes back at once, its part kept, and
 * starts again by hand from there; two files of one name downloaded at
 * once each keep their own part.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>

#include <errno.h>
#include <glob.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"
#include "fetch-int.h"
#include "tap.h"

#define FILE_BYTES 30000

static unsigned char file_bytes[FILE_BYTES];
static int	     server_fd = -1;
static int	     server_port;
static int	     cut_served; /* /cut/ cut off once, then whole */

/*
 * GET /ok/NAME: the file, from "Range: bytes=N-" when asked.  /cut/NAME:
 * a third the first time it is asked for the whole, then as /ok/.
 * /lie/NAME: says 100 bytes more than it sends.  /hang/NAME: asked for the
 * whole, a third, then nothing until the client hangs up.
 */
static void
server_answer(int c)
{
	char	req[4096] = "", head[256], range_head[128];
	size_t	len = 0, from = 0, n;
	ssize_t r;
	char   *range;
	int	lie, cut, hang;

	while (len < sizeof req - 1 && strstr(req, "\r\n\r\n") == NULL) {
		if ((r = read(c, req + len, sizeof req - 1 - len)) <= 0)
			return;
		len += (size_t)r;
		req[len] = '\0';
	}
	lie = strncmp(req, "GET /lie/", 9) == 0;
	cut = strncmp(req, "GET /cut/", 9) == 0;
	hang = strncmp(req, "GET /hang/", 10) == 0;
	if ((range = strstr(req, "Range: bytes=")) != NULL)
		from = strtoul(range + 13, NULL, 10);
	if (from > FILE_BYTES)
		from = FILE_BYTES;
	n = FILE_BYTES - from;
	if (from > 0)
		snprintf(range_head, sizeof range_head,
		    "206 Partial Content\r\n"
		    "Content-Range: bytes %zu-%d/%d",
		    from, FILE_BYTES - 1, FILE_BYTES);
	snprintf(head, sizeof head,
	    "HTTP/1.1 %s\r\nContent-Type: audio/mpeg"
	    "\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
	    from > 0 ? range_head : "200 OK", n + (lie ? 100 : 0));
	(void)!write(c, head, strlen(head));
	if (cut && from == 0 && !cut_served) {
		cut_served = 1;
		n = FILE_BYTES / 3;
	}
	if (hang && from == 0) {
		(void)!write(c, file_bytes, FILE_BYTES / 3);
		while (read(c, req, sizeof req) > 0)
			;
		return;
	}
	(void)!write(c, file_bytes + from, n);
}

static void *
server_run(void *arg)
{
	int c;

	(void)arg;
	for (;;) {
		if ((c = accept(server_fd, NULL, NULL)) == -1) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		server_answer(c);
		close(c);
	}
}

static int
server_start(void)
{
	struct sockaddr_in sin;
	socklen_t	   len = sizeof sin;
	pthread_t	   t;
	size_t		   i;

	for (i = 0; i < FILE_BYTES; i++)
		file_bytes[i] = (unsigned char)(i * 7 % 251);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((server_fd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(server_fd, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(server_fd, 16) == -1 ||
	    getsockname(server_fd, (struct sockaddr *)&sin, &len) == -1)
		return -1;
	server_port = ntohs(sin.sin_port);
	return pthread_create(&t, NULL, server_run, NULL);
}

/* The part of a download of url into dir as NAME: the one there. */
static char *
part_of(const char *dir, const char *name)
{
	char  *pattern, *path;
	glob_t g;

	xasprintf(&pattern, "%s/%s.????????.part", dir, name);
	if (glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc == 1)
		path = xstrdup(g.gl_pathv[0]);
	else
		path = xstrdup(pattern);
	globfree(&g);
	free(pattern);
	return path;
}

/* Does the file at path hold exactly the server's bytes? */
static int
same_bytes(const char *path)
{
	unsigned char buf[FILE_BYTES + 1];
	FILE	     *f;
	size_t	      n;

	if (path == NULL || (f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return n == FILE_BYTES && memcmp(buf, file_bytes, n) == 0;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* The row of the queue for url, copied into *out; 0 when there is none. */
static int
queue_row(struct cache *cache, const char *url, struct download_row *out)
{
	struct download_row *rows;
	size_t		     n, i;
	char		    *cause;
	int		     found = 0;

	if (cache_downloads(cache, &rows, &n, &cause) != 0) {
		diag("%s", cause);
		free(cause);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].url, url) == 0) {
			*out = rows[i];
			memset(&rows[i], 0, sizeof rows[i]);
			found = 1;
		}
	}
	download_rows_free(rows, n);
	return found;
}

static void
row_clear(struct download_row *r)
{
	free(r->url);
	free(r->feed);
	free(r->path);
	free(r->error);
	memset(r, 0, sizeof *r);
}

static void
test_cache(struct cache *cache)
{
	struct download_row r;
	struct urls_entry   entry;
	struct feed	   *feed;
	char		   *cause = NULL;
	const char	   *url = "http://h.example/a.mp3", *rss;
	long		    added;
	int64_t		    since;
	int		    rc;

	ok(cache_download_add(cache, url, 0, "Pod", &cause) == 1,
	    "a URL is queued");
	ok(cache_download_add(cache, url, 0, "Pod", &cause) == 0,
	    "the same URL again is not queued twice");
	memset(&r, 0, sizeof r);
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_QUEUED &&
		strcmp(r.feed, "Pod") == 0 && r.item == 0 && r.path == NULL,
	    "it is listed queued, with its feed's name");
	ok(cache_download_set(cache, r.id, DOWNLOAD_FAILED, NULL, "boom",
	       &cause) == 0,
	    "set failed");
	row_clear(&r);
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_FAILED &&
		r.error != NULL && strcmp(r.error, "boom") == 0,
	    "a failed one keeps its error");
	row_clear(&r);
	ok(cache_download_add(cache, url, 0, "Pod", &cause) == 1,
	    "a failed one is queued again");
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_QUEUED &&
		r.error == NULL,
	    "  ... its error gone");
	ok(cache_download_remove(cache, r.id, &cause) == 0, "remove");
	row_clear(&r);
	ok(!queue_row(cache, url, &r), "  ... it is off the queue");

	/* podcast-auto-enqueue: the audio of new articles, not the image. */
	since = cache_download_last_item(cache);
	rss = "<rss version=\"2.0\"><channel><title>Cast</title>"
	      "<item><guid>1</guid><title>one</title>"
	      "<enclosure url=\"/cover.jpg\" type=\"image/jpeg\"/>"
	      "<enclosure url=\"/one.mp3\" type=\"audio/mpeg\"/>"
	      "<enclosure url=\"/one.ogg\" type=\"audio/ogg\"/>"
	      "</item><item><guid>2</guid><title>two</title>"
	      "<enclosure url=\"/two.jpg\" type=\"image/jpeg\"/>"
	      "</item><item><guid>3</guid><title>three</title>"
	      "<enclosure url=\"file:///etc/passwd\" "
	      "type=\"audio/mpeg\"/></item></channel></rss>";
	feed = feed_parse(rss, strlen(rss), "http://cast.example/feed", NULL,
	    NULL, NULL, &cause);
	if (!ok(feed != NULL, "a podcast parsed"))
		return;
	memset(&entry, 0, sizeof entry);
	entry.url = (char *)"http://cast.example/feed";
	rc = cache_store_feed(cache, entry.url, &entry, feed, &added, &cause);
	ok(rc == 0 && added == 3, "  ... and stored");
	feed_free(feed);
	ok(cache_download_auto(cache, since, &cause) == 1,
	    "one enclosure of the new articles is queued");
	ok(queue_row(cache, "http://cast.example/one.mp3", &r) &&
		strcmp(r.feed, "Cast") == 0 && r.item > since,
	    "  ... the first audio one, with its article and feed");
	/* Off the queue again: the queue's tests run the rest. */
	cache_download_remove(cache, r.id, &cause);
	row_clear(&r);
	ok(cache_download_auto(cache, cache_download_last_item(cache),
	       &cause) == 0,
	    "none when no article is newer");
}

/* Wait for a download's job to come back from the engine. */
static int
wait_job(struct fetch_engine *e, struct download *d)
{
	struct fetch_jobs done;
	struct fetch_job *job;
	int		  i, back = 0;

	fetch_jobs_init(&done);
	for (i = 0; i < 200 && !back; i++) {
		fetch_engine_wait(e, NULL, 0, 50);
		fetch_engine_take(e, &done);
		while ((job = fetch_jobs_pop(&done)) != NULL) {
			fetch_engine_release(e);
			back |= job == download_job(d);
		}
	}
	return back;
}

static void
test_steps(const char *dir)
{
	struct fetch_options opts;
	struct fetch_engine *e;
	struct download	    *d;
	char		     url[128], *final, *cause = NULL, *part;
	int64_t		     got, total;

	fetch_options_default(&opts);
	e = fetch_engine_create(&opts);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/ok/step.mp3",
	    server_port);
	d = download_start(e, url, dir, &cause);
	if (!ok(d != NULL, "a download starts: %s", cause != NULL ? cause : ""))
		goto out;
	ok(wait_job(e, d), "  ... its job comes back");
	ok(download_finish(d, &final, &cause) == 0, "  ... it finishes");
	download_progress(d, &got, &total);
	ok(got == FILE_BYTES && total == FILE_BYTES,
	    "  ... its progress is the whole file: %lld of %lld",
	    (long long)got, (long long)total);
	ok(same_bytes(final), "  ... the exact bytes, at its name");
	free(final);
	download_free(d);

	snprintf(url, sizeof url, "http://127.0.0.1:%d/lie/lie.mp3",
	    server_port);
	d = download_start(e, url, dir, &cause);
	ok(d != NULL && wait_job(e, d), "a lying length comes back");
	ok(d != NULL && download_finish(d, &final, &cause) == -1 &&
		final == NULL,
	    "  ... and fails: %s", cause != NULL ? cause : "");
	xasprintf(&part, "%s/lie.mp3", dir);
	ok(access(part, F_OK) != 0, "  ... naming no file");
	free(part);
	free(cause);
	download_free(d);

	cause = NULL;
	ok(download_start(e, "file:///etc/passwd", dir, &cause) == NULL &&
		cause != NULL && strstr(cause, "refused") != NULL,
	    "a file: URL is refused");
	free(cause);
out:
	fetch_engine_free(e);
}

/* Step the queue until nothing downloads; its last message in *msg. */
static void
run_queue(struct dlqueue *q, char **msg)
{
	char *m;
	int   i, failed;

	free(*msg);
	*msg = NULL;
	dlqueue_step(q, &m, &failed);
	for (i = 0; i < 600; i++) {
		if (m != NULL) {
			free(*msg);
			*msg = m;
		}
		if (!dlqueue_busy(q))
			break;
		dlqueue_wait(q, NULL, 0, 50);
		dlqueue_step(q, &m, &failed);
	}
}

/* How many of the queue are in a state. */
static size_t
queue_count(struct cache *cache, enum download_state state)
{
	struct download_row *rows;
	size_t		     n, i, count = 0;
	char		    *cause;

	if (cache_downloads(cache, &rows, &n, &cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < n; i++)
		count += rows[i].state == state;
	download_rows_free(rows, n);
	return count;
}

/* max-downloads (1, the default): one at a time, the next when it ends. */
static void
test_max(struct cache *cache, struct dlqueue *q)
{
	char   url[128], *cause = NULL, *msg = NULL;
	size_t done;
	int    failed;

	done = queue_count(cache, DOWNLOAD_DONE);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/ok/m1.mp3", server_port);
	cache_download_add(cache, url, 0, "Pod", &cause);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/ok/m2.mp3", server_port);
	cache_download_add(cache, url, 0, "Pod", &cause);
	dlqueue_poke(q);
	dlqueue_step(q, &msg, &failed);
	/*
	 * The first may end within the step (a small file on loopback, the
	 * transfer thread quicker than this one), and the second start: one
	 * runs all the same, the other waits or is done.
	 */
	ok(queue_count(cache, DOWNLOAD_RUNNING) == 1 &&
		queue_count(cache, DOWNLOAD_QUEUED) +
			queue_count(cache, DOWNLOAD_DONE) - done ==
		    1,
	    "two queued: one downloads, one waits");
	free(msg);
	msg = NULL;
	run_queue(q, &msg);
	ok(queue_count(cache, DOWNLOAD_DONE) == done + 2,
	    "  ... then both are done");
	free(msg);
}

/*
 * A download cancelled mid-way comes back cancelled with its part; d
 * (dlqueue_start_now) resumes it, even with the automatic start off.
 */
static void
test_cancel(struct cache *cache, struct dlqueue *q, const char *dir)
{
	struct download_row r;
	char		    url[128], *cause = NULL, *msg = NULL, *part, *m;
	int64_t		    got = 0, total;
	double		    rate;
	int		    i, failed;

	snprintf(url, sizeof url, "http://127.0.0.1:%d/hang/c.mp3",
	    server_port);
	cache_download_add(cache, url, 0, "Pod", &cause);
	memset(&r, 0, sizeof r);
	queue_row(cache, url, &r);
	dlqueue_poke(q);
	for (i = 0; i < 200 && got < FILE_BYTES / 3; i++) {
		dlqueue_step(q, &m, &failed);
		free(m);
		dlqueue_wait(q, NULL, 0, 25);
		if (!dlqueue_progress(q, r.id, &got, &total, &rate))
			got = 0;
	}
	ok(got == FILE_BYTES / 3, "a download stalls at a third: %lld",
	    (long long)got);
	ok(dlqueue_cancel(q, r.id) == 1, "  ... it is cancelled");
	ok(dlqueue_cancel(q, r.id) == 0, "  ... once");
	run_queue(q, &msg);
	ok(!dlqueue_busy(q), "  ... and comes back");
	row_clear(&r);
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_CANCELLED,
	    "  ... cancelled: %s", msg != NULL ? msg : "");
	part = part_of(dir, "c.mp3");
	ok(file_size(part) == FILE_BYTES / 3, "  ... its part kept: %lld",
	    (long long)file_size(part));
	dlqueue_set_auto(q, 0);
	dlqueue_poke(q);
	run_queue(q, &msg);
	ok(queue_count(cache, DOWNLOAD_CANCELLED) == 1,
	    "  ... and not started again by itself");
	ok(dlqueue_start_now(q, r.id, &cause) == 1, "d starts it again");
	run_queue(q, &msg);
	row_clear(&r);
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_DONE,
	    "  ... it is done: %s", msg != NULL ? msg : "");
	ok(same_bytes(r.path), "  ... the exact bytes, resumed from the part");
	ok(dlqueue_start_now(q, r.id, &cause) == -1 && cause != NULL,
	    "  ... d again says it is done: %s", cause != NULL ? cause : "");
	free(cause);
	dlqueue_set_auto(q, 1);
	row_clear(&r);
	free(part);
	free(msg);
}

/*
 * Two files of one name (audio.mp3 of two episodes) downloaded at once:
 * each its own part, both whole, the second under another name.
 */
static void
test_same_name(struct cache *cache, struct dlqueue *q, const char *dir)
{
	struct download_row r;
	char		    url[2][128], *cause = NULL, *msg = NULL, *want;
	size_t		    done;
	int		    i;

	done = queue_count(cache, DOWNLOAD_DONE);
	dlqueue_set_max(q, 2);
	for (i = 0; i < 2; i++) {
		snprintf(url[i], sizeof url[i],
		    "http://127.0.0.1:%d/ok/%d/same.mp3", server_port, i);
		cache_download_add(cache, url[i], 0, "Pod", &cause);
	}
	dlqueue_poke(q);
	run_queue(q, &msg);
	ok(queue_count(cache, DOWNLOAD_DONE) == done + 2,
	    "two files of one name at once are both done: %s",
	    msg != NULL ? msg : "");
	for (i = 0; i < 2; i++) {
		memset(&r, 0, sizeof r);
		ok(queue_row(cache, url[i], &r) && same_bytes(r.path),
		    "  ... the exact bytes: %s", r.path != NULL ? r.path : "");
		row_clear(&r);
	}
	xasprintf(&want, "%s/same (1).mp3", dir);
	ok(access(want, F_OK) == 0, "  ... the second as same (1).mp3");
	free(want);
	dlqueue_set_max(q, 1);
	free(msg);
}

static void
test_queue(struct cache *cache, const char *dir)
{
	struct download_row r;
	struct config	   *cfg;
	struct dlqueue	   *q;
	char		    url[128], *cause = NULL, *msg = NULL, *part;
	char		   *final;

	cfg = config_create();
	ok(config_set(cfg, "download-path", dir, &cause) == 0, "download-path");
	snprintf(url, sizeof url, "http://127.0.0.1:%d/cut/ep.mp3",
	    server_port);
	ok(cache_download_add(cache, url, 0, "Pod", &cause) == 1,
	    "an episode queued");
	q = dlqueue_create(cache, cfg);
	run_queue(q, &msg);
	memset(&r, 0, sizeof r);
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_FAILED &&
		r.error != NULL,
	    "cut off, it failed: %s", r.error != NULL ? r.error : "");
	row_clear(&r);
	part = part_of(dir, "ep.mp3");
	ok(file_size(part) == FILE_BYTES / 3, "  ... keeping its part: %lld",
	    (long long)file_size(part));
	dlqueue_free(q);

	/* As if the reader stopped while it downloaded. */
	ok(cache_download_add(cache, url, 0, "Pod", &cause) == 1,
	    "queued again");
	ok(queue_row(cache, url, &r) &&
		cache_download_set(cache, r.id, DOWNLOAD_RUNNING, NULL, NULL,
		    &cause) == 0,
	    "  ... left downloading");
	row_clear(&r);
	q = dlqueue_create(cache, cfg);
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_QUEUED,
	    "a restart queues it again");
	row_clear(&r);
	run_queue(q, &msg);
	ok(queue_row(cache, url, &r) && r.state == DOWNLOAD_DONE,
	    "it is resumed and done: %s", msg != NULL ? msg : "");
	xasprintf(&final, "%s/ep.mp3", dir);
	ok_str(r.path, final, "  ... at its name");
	ok(same_bytes(r.path), "  ... the exact bytes");
	ok(access(part, F_OK) != 0, "  ... the part gone");
	ok(!dlqueue_progress(q, r.id, &(int64_t){ 0 }, &(int64_t){ 0 },
	       &(double){ 0 }),
	    "  ... and not running");
	row_clear(&r);
	unlink(final);
	free(final);
	free(part);
	test_max(cache, q);
	test_cancel(cache, q, dir);
	test_same_name(cache, q, dir);
	free(msg);
	dlqueue_free(q);
	config_free(cfg);
}

int
main(void)
{
	struct cache *cache;
	char	      dir[] = "/tmp/tidings-test-dlqueue-XXXXXX";
	char	     *path, *cause = NULL, *cmd;

	if (!ok(mkdtemp(dir) != NULL, "a folder for the test"))
		return tap_done();
	xasprintf(&path, "%s/cache.db", dir);
	cache = cache_open(path, 0, &cause);
	if (ok(cache != NULL, "a cache: %s", cause != NULL ? cause : "")) {
		test_cache(cache);
		if (ok(server_start() == 0, "a loopback server")) {
			test_steps(dir);
			test_queue(cache, dir);
		}
		cache_close(cache);
	}
	free(path);
	xasprintf(&cmd, "rm -rf '%s'", dir);
	(void)!system(cmd);
	free(cmd);
	return tap_done();
}
