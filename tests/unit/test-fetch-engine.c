/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-fetch-engine.c: the transfer engine (fetch.c) with no cache: jobs
 * in, against a small HTTP server on loopback run by a thread of this
 * test, and local files; finished jobs out, with a parsed feed or the
 * reason.  And a large local feed is parsed on the transfer thread: the
 * caller's thread, taking jobs back meanwhile, is never held up by it.
 */
#include "config.h"

#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"
#include "fetch-int.h"
#include "tap.h"

#define RSS_HEAD	"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" \
			"<title>T</title><link>http://example.org/</link>"
#define RSS_ITEM	"<item><title>a%d</title><guid>g%d</guid>" \
			"<description>%s</description></item>"
#define RSS_TAIL	"</channel></rss>"

/* What the server answers for a path, and to a conditional request. */
static const struct {
	const char	*path;
	const char	*head;	/* status line and headers */
	const char	*body;
} answers[] = {
	{ "/feed", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
	    "ETag: \"v1\"\r\nLast-Modified: Tue, 14 Nov 2023 22:13:20 GMT\r\n",
	    RSS_HEAD "<item><title>one</title><guid>1</guid></item>"
	    "<item><title>two</title><guid>2</guid></item>" RSS_TAIL },
	{ "/cond", "HTTP/1.1 304 Not Modified\r\n", "" },
	{ "/missing", "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n",
	    "no such feed" },
	{ "/busy", "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\n",
	    "later" },
	{ "/web", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
	    "<!DOCTYPE html><html><body>hello</body></html>" },
	{ "/page", "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
	    "charset=utf-8\r\n", "<html><body>a page</body></html>" },
};

static int	listen_fd = -1;
static int	port;

/* Answer one request, then close: the engine's next one connects anew. */
static void
answer(int c)
{
	char	 req[8192], out[1024];
	size_t	 len = 0, i;
	ssize_t	 n;
	const char *path;

	while (len < sizeof req - 1) {
		n = read(c, req + len, sizeof req - 1 - len);
		if (n <= 0)
			return;
		len += n;
		req[len] = '\0';
		if (strstr(req, "\r\n\r\n") != NULL)
			break;
	}
	path = strchr(req, ' ');
	for (i = 0; path != NULL && i < nitems(answers); i++) {
		n = strlen(answers[i].path);
		if (strncmp(path + 1, answers[i].path, n) != 0 ||
		    path[1 + n] != ' ')
			continue;
		/* Only a request with the right validator is not modified. */
		if (strcmp(answers[i].path, "/cond") == 0 &&
		    strstr(req, "If-None-Match: \"v1\"\r\n") == NULL)
			i = 0;
		snprintf(out, sizeof out, "%sContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\n", answers[i].head,
		    strlen(answers[i].body));
		(void)!write(c, out, strlen(out));
		(void)!write(c, answers[i].body, strlen(answers[i].body));
		return;
	}
}

static void *
serve(void *arg)
{
	int	c;

	(void)arg;
	while ((c = accept(listen_fd, NULL, NULL)) != -1 || errno == EINTR) {
		if (c == -1)
			continue;
		answer(c);
		close(c);
	}
	return NULL;
}

static int
serve_start(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;
	pthread_t		t;

	if ((listen_fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(listen_fd, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(listen_fd, 64) == -1 ||
	    getsockname(listen_fd, (struct sockaddr *)&sin, &len) == -1)
		return -1;
	port = ntohs(sin.sin_port);
	return pthread_create(&t, NULL, serve, NULL) == 0 ? 0 : -1;
}

static struct fetch_job *
web_job(const char *path, int page)
{
	struct fetch_job	*job;
	char			*url;

	xasprintf(&url, "http://127.0.0.1:%d%s", port, path);
	job = fetch_job_create(url);
	job->host = fetch_host(url);
	job->url = url;
	job->page = page;
	return job;
}

static struct fetch_job *
local_job(const char *path)
{
	struct fetch_job	*job;

	job = fetch_job_create(path);
	job->local = 1;
	return job;
}

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * Send the jobs and take them back, in the order given; *longest is the
 * longest fetch_engine_take, in ms.  0 when all came back in time.
 */
static int
run(struct fetch_engine *e, struct fetch_job **jobs, size_t n,
    double *longest)
{
	struct fetch_jobs	 done;
	struct fetch_job	*job;
	size_t			 got = 0, i;
	double			 start, t0, t;

	*longest = 0;
	for (i = 0; i < n; i++)
		fetch_engine_send(e, jobs[i]);
	start = now_ms();
	while (got < n && now_ms() - start < 60000) {
		fetch_jobs_init(&done);
		t0 = now_ms();
		fetch_engine_take(e, &done);
		if ((t = now_ms() - t0) > *longest)
			*longest = t;
		while ((job = fetch_jobs_pop(&done)) != NULL) {
			got++;
			fetch_engine_release(e);
		}
		if (got < n)
			fetch_engine_wait(e, NULL, 0, 20);
	}
	return got == n ? 0 : -1;
}

/* Write a feed of n items of about size bytes each; its path. */
static char *
big_feed(int n, size_t size)
{
	FILE	*fp;
	char	*path, *text;
	int	 fd, i;

	xasprintf(&path, "%s/test-fetch-engine-XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w")) == NULL)
		return NULL;
	text = xmalloc(size + 1);
	memset(text, 'x', size);
	for (i = 0; (size_t)i < size; i += 60)
		text[i] = ' ';
	text[size] = '\0';
	fputs(RSS_HEAD, fp);
	for (i = 0; i < n; i++)
		fprintf(fp, RSS_ITEM, i, i, text);
	fputs(RSS_TAIL, fp);
	fclose(fp);
	free(text);
	return path;
}

static void
test_web(void)
{
	struct fetch_engine	*e;
	struct fetch_job	*jobs[7];
	double			 longest;
	int64_t			 now = time(NULL);

	e = fetch_engine_create(NULL);
	jobs[0] = web_job("/feed", 0);
	jobs[1] = web_job("/cond", 0);
	jobs[1]->state.etag = xstrdup("\"v1\"");
	jobs[2] = web_job("/missing", 0);
	jobs[3] = web_job("/busy", 0);
	jobs[4] = web_job("/web", 0);
	jobs[5] = web_job("/page", 1);
	jobs[6] = web_job("/cond", 0);		/* no validator: a 200 */
	if (!ok(run(e, jobs, nitems(jobs), &longest) == 0,
	    "every web job came back")) {
		fetch_engine_free(e);
		return;
	}

	ok(jobs[0]->status == FETCH_OK && jobs[0]->code == 200,
	    "a feed: fetched");
	ok(jobs[0]->feed != NULL && jobs[0]->feed->nitems == 2,
	    "  and parsed, its two items");
	ok_str(jobs[0]->etag, "\"v1\"", "  its ETag kept for the caller");
	ok_str(jobs[0]->last_modified, "Tue, 14 Nov 2023 22:13:20 GMT",
	    "  and its Last-Modified");
	ok(jobs[0]->state.last_fetch >= now, "  the attempt's time noted");
	ok(jobs[0]->transfer == NULL, "  no transfer left on the job");

	ok(jobs[1]->status == FETCH_NOT_MODIFIED && jobs[1]->code == 304,
	    "the job's validator is sent: not modified");
	ok(jobs[6]->status == FETCH_OK && jobs[6]->feed != NULL,
	    "without one: the whole feed");

	ok(jobs[2]->status == FETCH_ERR_HTTP && jobs[2]->code == 404,
	    "a 404: an HTTP error");
	ok_str(jobs[2]->reason, "HTTP 404", "  the reason");

	ok(jobs[3]->status == FETCH_ERR_HTTP &&
	    jobs[3]->state.retry_after >= now + 120 &&
	    jobs[3]->state.retry_after <= time(NULL) + 120,
	    "a 429: Retry-After read into the job's state");

	ok(jobs[4]->status == FETCH_ERR_NOT_FEED && jobs[4]->feed == NULL,
	    "a web page for a feed: not a feed");

	ok(jobs[5]->status == FETCH_OK && jobs[5]->feed == NULL &&
	    jobs[5]->body.len == strlen(answers[5].body) &&
	    memcmp(jobs[5]->body.data, answers[5].body,
	    jobs[5]->body.len) == 0, "a page: its body as it came");
	ok_str(jobs[5]->content_type, "text/html; charset=utf-8",
	    "  with its type");
	fetch_engine_free(e);
	for (size_t i = 0; i < nitems(jobs); i++)
		fetch_job_free(jobs[i]);
}

static void
test_local(void)
{
	struct fetch_engine	*e;
	struct fetch_job	*jobs[3];
	struct fetch_options	 opts;
	double			 longest, start, elapsed;
	char			*small, *big;

	if ((small = big_feed(3, 10)) == NULL ||
	    (big = big_feed(10000, 2000)) == NULL) {
		ok(0, "temporary feeds written");
		return;
	}
	fetch_options_default(&opts);
	opts.offline = 1;
	e = fetch_engine_create(&opts);
	jobs[0] = local_job(small);
	jobs[1] = local_job("/nonexistent/feed.xml");
	jobs[2] = local_job("/dev/null");
	ok(run(e, jobs, 3, &longest) == 0, "every local job came back");
	ok(jobs[0]->status == FETCH_OK && jobs[0]->feed != NULL &&
	    jobs[0]->feed->nitems == 3, "a local feed: read and parsed");
	ok(jobs[1]->status == FETCH_ERR_LOCAL, "a missing file: an error");
	ok_str(jobs[1]->reason, "no such file or folder",
	    "  the reason, without the feed's name");
	ok(jobs[2]->status == FETCH_ERR_LOCAL, "a device: refused");
	ok_str(jobs[2]->reason, "a device, not a regular file", "  why");
	for (size_t i = 0; i < 3; i++)
		fetch_job_free(jobs[i]);

	/*
	 * About 20 MB take the transfer thread a good fraction of a second
	 * to parse.  Taking jobs back meanwhile never waits for that: were
	 * the parse on the caller's thread, one take would last about as
	 * long as the whole.
	 */
	jobs[0] = local_job(big);
	start = now_ms();
	ok(run(e, jobs, 1, &longest) == 0, "a large local feed came back");
	elapsed = now_ms() - start;
	ok(jobs[0]->status == FETCH_OK && jobs[0]->feed != NULL &&
	    jobs[0]->feed->nitems == 10000, "  parsed whole");
	diag("large local feed: %.0f ms in all, longest take %.1f ms",
	    elapsed, longest);
	ok(longest < elapsed / 4, "  the caller's thread never parsed it "
	    "(longest take %.1f ms of %.0f ms)", longest, elapsed);
	fetch_job_free(jobs[0]);
	fetch_engine_free(e);
	unlink(small);
	unlink(big);
	free(small);
	free(big);
}

int
main(void)
{
	if (serve_start() != 0) {
		ok(0, "a loopback server: %s", strerror(errno));
		return tap_done();
	}
	test_web();
	test_local();
	return tap_done();
}
