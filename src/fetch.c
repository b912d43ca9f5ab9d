/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fetch.c: downloading feeds with one curl multi handle (DESIGN.md §3, §7).
 *
 * Feeds are queued with fetch_add and driven by fetch_perform and
 * fetch_wait, from `tidings reload`'s loop or from the reader's event loop;
 * curl's types never leave this file.  Two threads share the work:
 *
 * - the transfer thread (fetch_thread) owns the curl multi handle: it starts
 *   transfers within the caps, receives and decompresses them, and parses
 *   each finished feed into a struct feed, unless the caller's thread is
 *   about to run out of work (FETCH_SHARE_BELOW), which then parses it;
 * - the caller's thread owns the cache: fetch_add reads a feed's validators
 *   and back-off state before handing the job over, and fetch_perform takes
 *   finished jobs back and stores them with their new state, the feeds
 *   that came back together in one cache transaction, while the other
 *   transfers keep going.
 *
 * A job belongs to one thread at a time; it crosses in the inbox and the
 * outbox, under the lock.  The caller is woken through a pipe, the transfer
 * thread by curl_multi_wakeup.  Measured on a fresh reload of 1000 feeds of
 * 50 articles (bench/CACHE.md): storing is about 3 s of processor time,
 * decompressing 1.1 s and parsing 2.2 s, and the machine has two cores.
 * At most FETCH_HELD_MAX finished feeds wait for the cache; past that no
 * transfer starts, so memory stays bounded when storing is the slower
 * side.  Local sources (files, Jekyll folders) are read on the caller's
 * thread, a few per fetch_perform.  A web page followed from an article
 * (fetch_page) goes the same way and is kept in the cache's pages as it
 * came, when it is HTML or text.
 *
 * A loop that drives it, in `tidings reload` or in the reader (which passes
 * the terminal's descriptor and learns from the mask when a key waits):
 *
 *	f = fetch_list(cache, env, &opts, names, nnames, &cause);
 *	while (fetch_perform(f) > 0) {
 *		while ((r = fetch_next_result(f)) != NULL)
 *			(show r->url and r->reason; fetch_result_free(r))
 *		fetch_progress(f, &progress);
 *		mask = fetch_wait(f, &fd, 1, 100);	(bit 0: fd readable)
 *	}
 *	(take the last results, then fetch_free(f))
 *
 * The policy: http and https only (redirects too), at most MAX_REDIRECTS,
 * conditional GET with the stored validators, any encoding curl can decode,
 * a cap on decompressed bytes in the write callback (libcurl's own
 * CURLOPT_MAXFILESIZE misses chunked bodies and gzip bombs, §8a), caps on
 * connections in all and per host, Retry-After honoured, failing feeds
 * backed off, and a permanent redirect adopted once followed twice.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "tidings.h"

/* Backing off: the first failure is retried at once, then 5 min, doubling. */
#define FETCH_BACKOFF_FIRST	(5 * 60)
#define FETCH_BACKOFF_MAX	(24 * 60 * 60)
/* A server may ask for a pause, but not for more than this. */
#define FETCH_RETRY_AFTER_MAX	(6 * 60 * 60)
/*
 * The bytes of an error page read (a 404's, a 500's): enough for its
 * message; past that the transfer ends, whatever the server still sends.
 */
#define FETCH_ERROR_BYTES	(16 * 1024)
/*
 * Finished feeds waiting for the cache before no transfer starts: enough
 * to ride out a WAL checkpoint (its fsyncs) on the caller's thread, and the
 * most kept in one transaction.  From 8 to 32 took a fresh reload of 1,000
 * feeds of 50 articles from 31 to 35 MB at its peak.
 */
#define FETCH_HELD_MAX		32
/*
 * The caller's thread parses a feed itself when fewer than this wait, and
 * the feed is small enough (about 10 ms) not to hold up the reader's keys.
 */
#define FETCH_SHARE_BELOW	4
#define FETCH_SHARE_BYTES	(1024 * 1024)
/* Local sources read by one fetch_perform: the loop stays live. */
#define FETCH_LOCALS_AT_ONCE	4

struct fetch_job {
	struct fetch		*fetch;
	struct urls_entry	 entry;
	char			*host;		/* NULL for local sources */
	CURL			*easy;
	struct curl_slist	*headers;
	struct cache_feed_state	 state;
	char			*url;		/* what is requested */
	struct buf		 body;
	int			 too_large;
	size_t			 error_bytes;	/* of error pages, read */
	curl_off_t		 body_mark;	/* bytes before this response */
	int			 error_cut;	/* and cut at the cap */
	int			 page;		/* a page, not a feed */
	int			 not_text;	/* a page for the browser */
	long			 code;		/* status of the last response */
	int			 permanent;	/* redirects seen, 301/308 */
	int			 temporary;	/* and the others */
	char			*etag;		/* of the last response */
	char			*last_modified;
	char			*retry_after;
	char			 error[CURL_ERROR_SIZE];
	int			 in_multi;	/* added to the multi handle */
	/* The outcome, set by the transfer thread. */
	enum fetch_status	 status;
	char			*reason;	/* why it failed */
	char			*base;		/* the final URL of a 200 */
	struct feed		*feed;		/* a 200 feed, parsed */
	int			 unparsed;	/* for the caller to parse */
	/* The caller's, once it came back. */
	int			 stored;	/* kept in a batch already */
	long			 added;		/* its new articles */
	struct fetch_job	*next;
};

/* Jobs in order: a singly linked list with a tail. */
struct fetch_jobs {
	struct fetch_job	*head;
	struct fetch_job	**tail;
};

struct fetch {
	struct fetch_options	 opts;		/* read by both threads */
	/* The caller's thread. */
	struct cache		*cache;
	struct fetch_jobs	 locals;	/* local sources, not read yet */
	struct fetch_result	**results;	/* finished, not yet taken */
	size_t			 nresults;
	size_t			 firstresult;
	struct fetch_progress	 progress;
	char			*basedir;	/* owned, when fetch_list made it */
	char			*ca_file;	/* CA certificates, or NULL */
	/* The transfer thread. */
	CURLM			*multi;
	struct fetch_jobs	 queue;		/* not started, in order */
	struct fetch_job	*running;
	int			 nrunning;
	/* Shared, under lock (bytes is atomic). */
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	struct fetch_jobs	 inbox;		/* to the transfer thread */
	struct fetch_jobs	 outbox;	/* finished, to the caller */
	size_t			 held;		/* finished and not yet taken */
	int			 quit;
	_Atomic uint64_t	 bytes;		/* received, decompressed */
	int			 wake[2];	/* a pipe: outbox has jobs */
};

static int		 fetch_curl_ready;

static void		 fetch_job_free(struct fetch_job *);
static char		*fetch_host(const char *);
static int		 fetch_host_busy(struct fetch *, const char *);
static void		 fetch_finish(struct fetch *, struct fetch_job *,
			     enum fetch_status, long, long, char *);
static void		 fetch_fail(struct fetch *, struct fetch_job *,
			     enum fetch_status, char *);
static int		 fetch_start_due(struct fetch *, struct fetch_job *,
			     int64_t);
static void		 fetch_start(struct fetch *, struct fetch_job *);
static void		 fetch_start_more(struct fetch *);
static void		 fetch_local(struct fetch *, struct fetch_job *);
static void		*fetch_thread(void *);
static void		 fetch_settle(struct fetch *, struct fetch_job *);
static int		 fetch_header_ok(const char *);
static void		 fetch_done(struct fetch *, struct fetch_job *, CURLcode);
static void		 fetch_got_body(struct fetch *, struct fetch_job *);
static void		 fetch_got_page(struct fetch *, struct fetch_job *);
static void		 fetch_store(struct fetch *, struct fetch_job *);
static int		 fetch_is_html(const char *, size_t);
static enum fetch_status fetch_classify(CURLcode, int);
static const char	*fetch_label(enum fetch_status);
static size_t		 fetch_write(char *, size_t, size_t, void *);
static size_t		 fetch_header(char *, size_t, size_t, void *);
static int		 fetch_xferinfo(void *, curl_off_t, curl_off_t,
			     curl_off_t, curl_off_t);

static void
fetch_job_free(struct fetch_job *job)
{
	if (job == NULL)
		return;
	/* Only the thread that owns the multi handle may call this. */
	if (job->in_multi)
		curl_multi_remove_handle(job->fetch->multi, job->easy);
	if (job->easy != NULL)
		curl_easy_cleanup(job->easy);
	free(job->reason);
	free(job->base);
	feed_free(job->feed);
	curl_slist_free_all(job->headers);
	urls_entry_clear(&job->entry);
	cache_feed_state_clear(&job->state);
	free(job->host);
	free(job->url);
	buf_free(&job->body);
	free(job->etag);
	free(job->last_modified);
	free(job->retry_after);
	free(job);
}

/* The host of an http(s) URL, lowercase, or NULL. */
static char *
fetch_host(const char *url)
{
	CURLU	*u;
	char	*host, *copy, *p;

	if ((u = curl_url()) == NULL)
		fatal("out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	copy = xstrdup(host);
	for (p = copy; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	curl_free(host);
	curl_url_cleanup(u);
	return copy;
}

/* Does this host have as many transfers running as it may? */
static int
fetch_host_busy(struct fetch *f, const char *host)
{
	struct fetch_job	*job;
	int			 n = 0;

	if (host == NULL)
		return 0;
	for (job = f->running; job != NULL; job = job->next) {
		if (job->host != NULL && strcmp(job->host, host) == 0)
			n++;
	}
	return n >= f->opts.max_host_connections;
}

/* Record a job's outcome (reason given away) and free the job. */
static void
fetch_finish(struct fetch *f, struct fetch_job *job, enum fetch_status status,
    long code, long new_items, char *reason)
{
	struct fetch_result	*r;

	r = xcalloc(1, sizeof *r);
	r->url = xstrdup(job->entry.url);
	r->status = status;
	r->http_status = code;
	r->new_items = new_items;
	r->reason = reason;
	log_debug("fetch %s: %s%s%s", r->url, fetch_status_name(status),
	    reason != NULL ? ": " : "", reason != NULL ? reason : "");

	f->progress.done++;
	f->progress.new_items += new_items;
	if (FETCH_FAILED(status))
		f->progress.errors++;
	else if (status == FETCH_SKIPPED)
		f->progress.skipped++;
	else if (status == FETCH_NOT_MODIFIED)
		f->progress.unchanged++;

	if (f->firstresult > 0 && f->firstresult == f->nresults)
		f->firstresult = f->nresults = 0;
	f->results = xreallocarray(f->results, f->nresults + 1,
	    sizeof *f->results);
	f->results[f->nresults++] = r;
	fetch_job_free(job);
}

/*
 * A fetch failed: count it for backing off, keep the reason with the feed
 * and report it.  The reason may quote the server (a Content-Type, a host
 * name), so it is sanitized here, once.
 */
static void
fetch_fail(struct fetch *f, struct fetch_job *job, enum fetch_status status,
    char *reason)
{
	char	*clean, *cause = NULL;

	clean = utf8_sanitize_line(reason, strlen(reason));
	free(reason);
	if (job->page) {
		fetch_finish(f, job, status, job->code, 0, clean);
		return;
	}
	fetch_note_failure(&job->state, job->entry.url, job->url);
	job->state.failures++;
	job->state.status = job->code;
	free(job->state.error);
	job->state.error = xstrdup(clean);
	if (cache_feed_state_put(f->cache, job->entry.url, &job->state,
	    &cause) != 0) {
		log_debug("fetch %s: %s", job->entry.url, cause);
		free(cause);
	}
	fetch_finish(f, job, status, job->code, 0, clean);
}

/* Fill in the defaults: the settings' values when none are given. */
void
fetch_options_default(struct fetch_options *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->max_connections = 16;
	opts->max_host_connections = 8;
	opts->connect_timeout = 15;
	opts->timeout = MAX_FETCH_SECONDS;
	opts->low_speed_time = 30;
	opts->max_bytes = MAX_DOCUMENT_BYTES;
}

/* Take the settings (max-connections, ...) from a configuration. */
void
fetch_options_config(struct fetch_options *opts, const struct config *cfg)
{
	opts->max_connections = config_get_number(cfg, "max-connections");
	opts->max_host_connections = config_get_number(cfg,
	    "max-host-connections");
	opts->timeout = config_get_number(cfg, "download-timeout");
	/* A path cut short names no file: no certificate is trusted. */
	snprintf(opts->ca_file, sizeof opts->ca_file, "%s",
	    config_get_string(cfg, "ca-file"));
	if (opts->low_speed_time > opts->timeout)
		opts->low_speed_time = opts->timeout;
}

/*
 * Make a fetcher for the feeds of the feed list (--urls, else the default)
 * that names select, every feed when there are none: a URL, or a category
 * with those nested in it.  NULL with a reason when the list cannot be read
 * or a name matches nothing.
 */
struct fetch *
fetch_list(struct cache *cache, const struct cli_env *env,
    const struct fetch_options *opts, char *const *names, int n,
    char **cause)
{
	struct fetch_options	 o;
	struct fetch		*f;
	struct urls		*urls;
	char			*path, *slash;
	size_t			 i;
	int			 j, matched;

	path = env->urls != NULL ? xstrdup(env->urls) : paths_config("urls");
	if ((urls = urls_load(path, cause)) == NULL) {
		free(path);
		return NULL;
	}
	for (j = 0; j < n; j++) {
		for (i = 0, matched = 0; i < urls->n && !matched; i++)
			matched = urls_matches(&urls->entries[i], names[j]);
		if (!matched) {
			xasprintf(cause, _("%s: no feed or category of that "
			    "name in %s"), names[j], path);
			urls_free(urls);
			free(path);
			return NULL;
		}
	}
	o = *opts;
	o.offline = o.offline || env->offline;
	/* Relative local paths are taken from the list's folder. */
	if ((slash = strrchr(path, '/')) != NULL)
		*slash = '\0';
	else {
		free(path);
		path = NULL;
	}
	o.basedir = path;
	f = fetch_create(cache, &o);
	f->basedir = path;
	for (i = 0; i < urls->n; i++) {
		matched = n == 0;
		for (j = 0; j < n && !matched; j++)
			matched = urls_matches(&urls->entries[i], names[j]);
		if (matched)
			fetch_add(f, &urls->entries[i]);
	}
	urls_free(urls);
	return f;
}

static void
fetch_jobs_init(struct fetch_jobs *l)
{
	l->head = NULL;
	l->tail = &l->head;
}

static void
fetch_jobs_push(struct fetch_jobs *l, struct fetch_job *job)
{
	job->next = NULL;
	*l->tail = job;
	l->tail = &job->next;
}

static struct fetch_job *
fetch_jobs_pop(struct fetch_jobs *l)
{
	struct fetch_job	*job;

	if ((job = l->head) != NULL) {
		if ((l->head = job->next) == NULL)
			l->tail = &l->head;
		job->next = NULL;
	}
	return job;
}

/* Move every job of from to the end of to. */
static void
fetch_jobs_splice(struct fetch_jobs *to, struct fetch_jobs *from)
{
	if (from->head == NULL)
		return;
	*to->tail = from->head;
	to->tail = from->tail;
	fetch_jobs_init(from);
}

static void
fetch_jobs_free(struct fetch_jobs *l)
{
	struct fetch_job	*job;

	while ((job = fetch_jobs_pop(l)) != NULL)
		fetch_job_free(job);
}

/* Make a fetcher storing into cache, and start its transfer thread. */
struct fetch *
fetch_create(struct cache *cache, const struct fetch_options *opts)
{
	struct fetch	*f;
	sigset_t	 block, old;
	const char	*ca;
	int		 i, rc;

	if (!fetch_curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			fatal("curl_global_init failed");
		feed_parse_init();
		/*
		 * A peer that hangs up must not kill the process: curl asks
		 * for SIGPIPE to be ignored when CURLOPT_NOSIGNAL is set (and
		 * spawn.c restores it in the programs it starts).
		 */
		signal(SIGPIPE, SIG_IGN);
		fetch_curl_ready = 1;
	}
	f = xcalloc(1, sizeof *f);
	f->cache = cache;
	if (opts != NULL)
		f->opts = *opts;
	else
		fetch_options_default(&f->opts);
	if (f->opts.max_connections < 1)
		f->opts.max_connections = 1;
	if (f->opts.max_host_connections < 1)
		f->opts.max_host_connections = 1;
	if (f->opts.max_bytes == 0)
		f->opts.max_bytes = MAX_DOCUMENT_BYTES;
	/*
	 * Certificates to trust: the ca-file setting, else those named the
	 * way the curl tool and OpenSSL take them from the environment
	 * (libcurl built with a bundle, as Debian's is, reads neither),
	 * else libcurl's bundle.
	 * Read here, on the caller's thread: getenv is not for two threads.
	 */
	ca = f->opts.ca_file;
	if (*ca == '\0')
		ca = getenv("CURL_CA_BUNDLE");
	if (ca == NULL || *ca == '\0')
		ca = getenv("SSL_CERT_FILE");
	f->ca_file = ca != NULL && *ca != '\0' ? xstrdup(ca) : NULL;
	fetch_jobs_init(&f->locals);
	fetch_jobs_init(&f->queue);
	fetch_jobs_init(&f->inbox);
	fetch_jobs_init(&f->outbox);
	atomic_init(&f->bytes, 0);
	if ((f->multi = curl_multi_init()) == NULL)
		fatal("curl_multi_init failed");
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->opts.max_connections);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->opts.max_host_connections);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	if (pipe(f->wake) == -1)
		fatal("pipe: %s", strerror(errno));
	for (i = 0; i < 2; i++) {
		fcntl(f->wake[i], F_SETFL, fcntl(f->wake[i], F_GETFL) |
		    O_NONBLOCK);
		fcntl(f->wake[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&f->lock, NULL);
	/*
	 * The signals the reader handles go to its own thread, whose poll
	 * they interrupt: the transfer thread blocks them (its mask is
	 * inherited from this one, for the time of pthread_create).
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&f->thread, NULL, fetch_thread, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		fatal("pthread_create: %s", strerror(rc));
	return f;
}

/* Stop every transfer and free the fetcher. */
void
fetch_free(struct fetch *f)
{
	struct fetch_job	*job;
	size_t			 i;

	if (f == NULL)
		return;
	pthread_mutex_lock(&f->lock);
	f->quit = 1;
	pthread_mutex_unlock(&f->lock);
	curl_multi_wakeup(f->multi);
	pthread_join(f->thread, NULL);
	/* The thread is gone: its lists and the multi handle are ours. */
	while ((job = f->running) != NULL) {
		f->running = job->next;
		fetch_job_free(job);
	}
	fetch_jobs_free(&f->queue);
	fetch_jobs_free(&f->inbox);
	fetch_jobs_free(&f->outbox);
	fetch_jobs_free(&f->locals);
	for (i = f->firstresult; i < f->nresults; i++)
		fetch_result_free(f->results[i]);
	free(f->results);
	curl_multi_cleanup(f->multi);
	pthread_mutex_destroy(&f->lock);
	close(f->wake[0]);
	close(f->wake[1]);
	free(f->basedir);
	free(f->ca_file);
	free(f);
}

/* Hand a job to the transfer thread. */
static void
fetch_send(struct fetch *f, struct fetch_job *job)
{
	pthread_mutex_lock(&f->lock);
	fetch_jobs_push(&f->inbox, job);
	pthread_mutex_unlock(&f->lock);
	curl_multi_wakeup(f->multi);
}

/*
 * Queue a feed of the feed list for fetching (the entry is copied).  What
 * needs no network is settled here or kept for fetch_perform; a feed to
 * download takes its validators and back-off state from the cache now,
 * on the caller's thread.
 */
void
fetch_add(struct fetch *f, const struct urls_entry *entry)
{
	struct fetch_job	*job;

	job = xcalloc(1, sizeof *job);
	job->fetch = f;
	urls_entry_copy(&job->entry, entry);
	buf_init(&job->body);
	f->progress.total++;
	if (strncmp(job->entry.url, "exec:", 5) == 0 ||
	    strncmp(job->entry.url, "filter:", 7) == 0 ||
	    strncmp(job->entry.url, "query:", 6) == 0) {
		fetch_finish(f, job, FETCH_ERR_UNSUPPORTED, 0, 0,
		    xstrdup(_("Newsboat's exec:, filter: and query: "
		    "feeds are not supported")));
		return;
	}
	if (source_is_local(job->entry.url)) {
		fetch_jobs_push(&f->locals, job);
		return;
	}
	if (f->opts.offline) {
		fetch_finish(f, job, FETCH_SKIPPED, 0, 0,
		    xstrdup(_("offline")));
		return;
	}
	if ((job->host = fetch_host(job->entry.url)) == NULL) {
		fetch_finish(f, job, FETCH_ERR_UNSUPPORTED, 0, 0,
		    xstrdup(_("not a valid URL")));
		return;
	}
	if (fetch_start_due(f, job, time(NULL)) != 0)
		return;
	job->url = xstrdup(fetch_url(&job->state, job->entry.url));
	fetch_send(f, job);
}

/*
 * Queue a web page followed from an article: fetched with the feeds'
 * policy and kept in the cache's pages when it is HTML or text.
 */
void
fetch_page(struct fetch *f, const char *url)
{
	struct fetch_job	*job;

	job = xcalloc(1, sizeof *job);
	job->fetch = f;
	job->page = 1;
	job->entry.url = xstrdup(url);
	buf_init(&job->body);
	f->progress.total++;
	if (f->opts.offline) {
		fetch_finish(f, job, FETCH_SKIPPED, 0, 0,
		    xstrdup(_("offline")));
		return;
	}
	if ((job->host = fetch_host(url)) == NULL) {
		fetch_finish(f, job, FETCH_ERR_UNSUPPORTED, 0, 0,
		    xstrdup(_("not a valid URL")));
		return;
	}
	job->url = xstrdup(url);
	fetch_send(f, job);
}

/* Read a local file or folder into the cache now. */
static void
fetch_local(struct fetch *f, struct fetch_job *job)
{
	char		*cause = NULL, *reason;
	const char	*why;
	size_t		 len = strlen(job->entry.url);
	long		 before;

	before = cache_feed_items(f->cache, job->entry.url);
	if (source_load_local(f->cache, &job->entry, f->opts.basedir,
	    f->opts.timeout, &cause) != 0) {
		/* The caller names the feed already. */
		why = cause != NULL ? cause : "?";
		if (strncmp(why, job->entry.url, len) == 0 &&
		    strncmp(why + len, ": ", 2) == 0)
			why += len + 2;
		reason = xstrdup(why);
		free(cause);
		fetch_finish(f, job, FETCH_ERR_LOCAL, 0, 0, reason);
		return;
	}
	fetch_finish(f, job, FETCH_OK, 0,
	    cache_feed_items(f->cache, job->entry.url) - before, NULL);
}

/* Can this value go into a request header as it is? */
static int
fetch_header_ok(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	}
	return 1;
}

/*
 * Is a feed due for fetching?  Its stored state is read into the job; -1
 * when it is not (backed off, or the server asked to wait) and the job was
 * finished.
 */
static int
fetch_start_due(struct fetch *f, struct fetch_job *job, int64_t now)
{
	char		*cause = NULL, *reason;
	char		 when[64];
	struct tm	 tm;
	time_t		 t;

	if (cache_feed_state_get(f->cache, job->entry.url, &job->state,
	    &cause) != 0) {
		fetch_finish(f, job, FETCH_ERR_STORE, 0, 0, cause);
		return -1;
	}
	if (fetch_due(&job->state, now, f->opts.force))
		return 0;
	if (job->state.retry_after > now)
		t = job->state.retry_after;
	else
		t = job->state.last_fetch + fetch_backoff(job->state.failures);
	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (job->state.retry_after > now)
		xasprintf(&reason, _("the server asked to wait; "
		    "next try after %s"), when);
	else
		xasprintf(&reason, _("failed %d times in a row; "
		    "next try after %s"), job->state.failures, when);
	fetch_finish(f, job, FETCH_SKIPPED, 0, 0, reason);
	return -1;
}

/*
 * Set up and start one transfer; -1 when it was finished at once.  A page
 * has no stored state: it is fetched whenever it is followed.
 */
static void
fetch_start(struct fetch *f, struct fetch_job *job)
{
	CURL		*easy;
	char		*line;

	if ((job->easy = easy = curl_easy_init()) == NULL)
		fatal("curl_easy_init failed");
	curl_easy_setopt(easy, CURLOPT_URL, job->url);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, job);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, job->error);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(easy, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(easy, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_2TLS);
	/*
	 * Waiting for a connection to multiplex on pays only where HTTP/2
	 * can be had, over TLS.  On plain HTTP it made every transfer to a
	 * host wait for the one connection in use: fifteen feeds answering
	 * in 2 s took 30 s, one at a time, with or without keep-alive.
	 */
	if (strncmp(job->url, "https:", 6) == 0)
		curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
	if (f->ca_file != NULL)
		curl_easy_setopt(easy, CURLOPT_CAINFO, f->ca_file);
	curl_easy_setopt(easy, CURLOPT_USERAGENT, PACKAGE_NAME "/"
	    PACKAGE_VERSION);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT,
	    (long)(f->opts.connect_timeout < f->opts.timeout ?
	    f->opts.connect_timeout : f->opts.timeout));
	curl_easy_setopt(easy, CURLOPT_TIMEOUT, (long)f->opts.timeout);
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
	    (long)f->opts.low_speed_time);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, job);
	curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, fetch_header);
	curl_easy_setopt(easy, CURLOPT_HEADERDATA, job);
	curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, fetch_xferinfo);
	curl_easy_setopt(easy, CURLOPT_XFERINFODATA, job);
	curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);

	/* The cache is untrusted too: no line breaks into the request. */
	if (job->state.etag != NULL && fetch_header_ok(job->state.etag)) {
		xasprintf(&line, "If-None-Match: %s", job->state.etag);
		job->headers = curl_slist_append(job->headers, line);
		free(line);
	}
	if (job->state.last_modified != NULL &&
	    fetch_header_ok(job->state.last_modified)) {
		xasprintf(&line, "If-Modified-Since: %s",
		    job->state.last_modified);
		job->headers = curl_slist_append(job->headers, line);
		free(line);
	}
	if (job->page)
		job->headers = curl_slist_append(job->headers,
		    "Accept: text/html, application/xhtml+xml, "
		    "text/plain;q=0.9, */*;q=0.5");
	else
		job->headers = curl_slist_append(job->headers,
		    "Accept: application/atom+xml, application/rss+xml, "
		    "application/rdf+xml, application/xml;q=0.9, "
		    "text/xml;q=0.9, */*;q=0.8");
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, job->headers);

	if (curl_multi_add_handle(f->multi, easy) != CURLM_OK)
		fatal("curl_multi_add_handle failed");
	job->in_multi = 1;
	job->state.last_fetch = time(NULL);
}

/*
 * On the transfer thread: start queued jobs while the caps allow, and while
 * the caller keeps up with storing what has finished.
 *
 * The caps are kept here, not by curl: libcurl counts CURLOPT_TIMEOUT from
 * the moment a handle joins the multi handle, so a feed waiting inside curl
 * for a connection to its host lost its time there (eight feeds on a host
 * answering in 2 s, with a 3 s timeout: seven failed).  Curl gets no more
 * handles than it may run, and the others wait in our queue, unclocked.
 */
static void
fetch_start_more(struct fetch *f)
{
	struct fetch_job	**jp, *job;
	const char		 *busy[16];
	size_t			  nbusy = 0, i, held;
	int			  limit;

	pthread_mutex_lock(&f->lock);
	held = f->held;
	pthread_mutex_unlock(&f->lock);
	if (held >= FETCH_HELD_MAX)
		return;
	limit = f->opts.max_connections;
	jp = &f->queue.head;
	while ((job = *jp) != NULL && f->nrunning < limit) {
		/* Hosts found busy stay busy for this pass. */
		for (i = 0; i < nbusy; i++) {
			if (strcmp(busy[i], job->host) == 0)
				break;
		}
		if (i < nbusy || fetch_host_busy(f, job->host)) {
			if (i == nbusy && nbusy < nitems(busy))
				busy[nbusy++] = job->host;
			jp = &job->next;
			continue;
		}
		*jp = job->next;
		if (f->queue.tail == &job->next)
			f->queue.tail = jp;
		job->next = NULL;
		fetch_start(f, job);
		job->next = f->running;
		f->running = job;
		f->nrunning++;
	}
}

/* Does the body look like a web page rather than a feed? */
static int
fetch_is_html(const char *s, size_t len)
{
	const char	*end = s + len;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (;;) {
		while (s < end && isspace((unsigned char)*s))
			s++;
		/* Skip comments and a leading XML declaration. */
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			s = memmem(s, end - s, "-->", 3);
			if (s == NULL)
				return 0;
			s += 3;
			continue;
		}
		break;
	}
	if (end - s >= 14 && strncasecmp(s, "<!doctype html", 14) == 0)
		return 1;
	if (end - s >= 5 && strncasecmp(s, "<html", 5) == 0 &&
	    (end - s == 5 || s[5] == '>' || isspace((unsigned char)s[5])))
		return 1;
	return 0;
}

/* A page arrived whole: keep it in the cache as it came. */
static void
fetch_got_page(struct fetch *f, struct fetch_job *job)
{
	struct cache_page	 page;
	char			*type = NULL, *effective = NULL, *cause = NULL;
	char			*reason;

	curl_easy_getinfo(job->easy, CURLINFO_CONTENT_TYPE, &type);
	curl_easy_getinfo(job->easy, CURLINFO_EFFECTIVE_URL, &effective);
	memset(&page, 0, sizeof page);
	page.url = job->entry.url;
	page.final_url = effective != NULL ? effective : job->url;
	page.content_type = type;
	page.body = job->body.data;
	page.len = job->body.len;
	if (cache_page_put(f->cache, &page, &cause) != 0) {
		xasprintf(&reason, _("cache: %s"), cause);
		free(cause);
		fetch_fail(f, job, FETCH_ERR_STORE, reason);
		return;
	}
	fetch_finish(f, job, FETCH_OK, job->code, 0, NULL);
}

/*
 * A feed arrived whole (a 200): parse it, or say why not; fetch_store keeps
 * it.  On either thread: the job is this thread's, its easy handle out of
 * the multi handle or not used by it any more.
 */
static void
fetch_got_body(struct fetch *f, struct fetch_job *job)
{
	char	*type = NULL, *effective = NULL, *charset, *cause = NULL;
	size_t	 i;

	curl_easy_getinfo(job->easy, CURLINFO_CONTENT_TYPE, &type);
	curl_easy_getinfo(job->easy, CURLINFO_EFFECTIVE_URL, &effective);
	job->base = xstrdup(effective != NULL ? effective : job->url);
	if (fetch_is_html(job->body.data, job->body.len)) {
		job->status = FETCH_ERR_NOT_FEED;
		xasprintf(&job->reason, _("not a feed: a web page (%s)"),
		    type != NULL ? type : "text/html");
		return;
	}
	charset = page_type_charset(type);
	job->feed = feed_parse(job->body.data, job->body.len, job->base,
	    charset, NULL, NULL, &cause);
	free(charset);
	if (job->feed == NULL) {
		job->status = FETCH_ERR_PARSE;
		xasprintf(&job->reason, _("parse error: %s"),
		    cause != NULL ? cause : "?");
		free(cause);
		return;
	}
	for (i = 0; i < job->feed->nitems; i++)
		job->feed->items[i]->digest =
		    cache_item_digest(job->feed->items[i],
		    job->state.digest_key);
	/* The body is parsed: its memory can go now. */
	buf_free(&job->body);
	job->status = FETCH_OK;
}

/*
 * In the open transaction: store a parsed feed, and the state its fetch
 * leaves (its validators, no failure).  job->state stays as it was, for
 * fetch_fail should the transaction be rolled back.
 */
static int
fetch_keep(struct fetch *f, struct fetch_job *job, char **cause)
{
	struct cache_feed_state	 st;
	int			 rc;

	if (cache_store_feed(f->cache, job->entry.url, &job->entry, job->feed,
	    &job->added, cause) != 0)
		return -1;
	st = job->state;
	st.etag = job->etag;
	st.last_modified = job->last_modified;
	st.failures = 0;
	st.retry_after = 0;
	st.status = (int)job->code;
	st.error = NULL;
	st.redirect = job->state.redirect != NULL ?
	    xstrdup(job->state.redirect) : NULL;
	fetch_note_redirect(&st, job->entry.url, job->base,
	    job->permanent > 0 && job->temporary == 0 &&
	    strcmp(job->base, job->url) != 0);
	rc = cache_feed_state_put(f->cache, job->entry.url, &st, cause);
	free(st.redirect);
	return rc;
}

/* Keep n parsed feeds in one cache transaction: all of them, or none. */
static int
fetch_keep_all(struct fetch *f, struct fetch_job **jobs, size_t n,
    char **cause)
{
	size_t	i;

	if (cache_batch_begin(f->cache, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (fetch_keep(f, jobs[i], cause) != 0) {
			cache_batch_end(f->cache, 0, NULL);
			return -1;
		}
	}
	return cache_batch_end(f->cache, 1, cause);
}

/*
 * Keep the parsed feeds that came back together in one transaction
 * (cache_batch_begin says why).  Should that fail, each is kept on its own
 * by fetch_store, and only the one at fault fails.
 */
static void
fetch_keep_together(struct fetch *f, struct fetch_jobs *done)
{
	struct fetch_job	*job, *jobs[FETCH_HELD_MAX];
	size_t			 i, n = 0;
	char			*cause = NULL;

	for (job = done->head; job != NULL && n < nitems(jobs);
	    job = job->next) {
		if (job->status == FETCH_OK && !job->page)
			jobs[n++] = job;
	}
	if (n < 2)
		return;
	if (fetch_keep_all(f, jobs, n, &cause) != 0) {
		log_debug("fetch: %zu feeds kept one by one: %s", n,
		    cause != NULL ? cause : "?");
		free(cause);
		return;
	}
	for (i = 0; i < n; i++)
		jobs[i]->stored = 1;
}

/* A feed is parsed: keep it, unless it was kept with others; report it. */
static void
fetch_store(struct fetch *f, struct fetch_job *job)
{
	char	*cause = NULL, *reason;

	if (!job->stored && fetch_keep_all(f, &job, 1, &cause) != 0) {
		xasprintf(&reason, _("cache: %s"), cause);
		free(cause);
		fetch_fail(f, job, FETCH_ERR_STORE, reason);
		return;
	}
	fetch_finish(f, job, FETCH_OK, job->code, job->added, NULL);
}

/* The words that start the reason for a failed transfer. */
static const char *
fetch_label(enum fetch_status status)
{
	switch (status) {
	case FETCH_ERR_DNS:
		return _("DNS");
	case FETCH_ERR_CONNECT:
		return _("cannot connect");
	case FETCH_ERR_TLS:
		return _("TLS");
	case FETCH_ERR_TIMEOUT:
		return _("timeout");
	default:
		return _("network");
	}
}

static enum fetch_status
fetch_classify(CURLcode rc, int too_large)
{
	switch (rc) {
	case CURLE_WRITE_ERROR:
		return too_large ? FETCH_ERR_TOO_LARGE : FETCH_ERR_NETWORK;
	case CURLE_FILESIZE_EXCEEDED:
		return FETCH_ERR_TOO_LARGE;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return FETCH_ERR_DNS;
	case CURLE_COULDNT_CONNECT:
		return FETCH_ERR_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return FETCH_ERR_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_USE_SSL_FAILED:
		return FETCH_ERR_TLS;
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return FETCH_ERR_REDIRECT;
	default:
		return FETCH_ERR_NETWORK;
	}
}

/*
 * On the transfer thread: a transfer ended.  Sort out what happened into
 * job->status and job->reason, parsing a feed that came whole.
 */
static void
fetch_done(struct fetch *f, struct fetch_job *job, CURLcode rc)
{
	char		*type = NULL;
	const char	*detail;
	long		 code = 0;
	int64_t		 now = time(NULL), until;

	curl_easy_getinfo(job->easy, CURLINFO_RESPONSE_CODE, &code);
	job->code = code;
	/* An error page cut short still said what it had to. */
	if ((rc == CURLE_WRITE_ERROR || rc == CURLE_ABORTED_BY_CALLBACK) &&
	    job->error_cut)
		rc = CURLE_OK;
	if (rc == CURLE_OK && code == 200) {
		job->status = FETCH_OK;
		/*
		 * Both threads parse: this one, unless the caller's is about
		 * to run out of feeds to store.  Decompressing stays here, so
		 * this keeps both threads busy through a reload.
		 */
		pthread_mutex_lock(&f->lock);
		job->unparsed = !job->page && f->held < FETCH_SHARE_BELOW &&
		    job->body.len <= FETCH_SHARE_BYTES;
		pthread_mutex_unlock(&f->lock);
		if (!job->page && !job->unparsed)
			fetch_got_body(f, job);
		return;
	}
	if (job->not_text) {
		curl_easy_getinfo(job->easy, CURLINFO_CONTENT_TYPE, &type);
		job->status = FETCH_ERR_NOT_TEXT;
		xasprintf(&job->reason, _("not a text page (%s); o opens the "
		    "browser"), type != NULL ? type : "?");
		return;
	}
	if (rc == CURLE_OK && code == 304) {
		job->status = FETCH_NOT_MODIFIED;
		return;
	}

	detail = job->error[0] != '\0' ? job->error : curl_easy_strerror(rc);
	if (rc == CURLE_OK) {
		job->status = FETCH_ERR_HTTP;
		if (code >= 300 && code < 400 && job->error_cut)
			xasprintf(&job->reason, _("HTTP %ld: a redirect "
			    "whose body does not end"), code);
		else if (code >= 300 && code < 400)
			xasprintf(&job->reason, _("HTTP %ld: a redirect "
			    "without a usable Location"), code);
		else if (code == 429 || code == 503) {
			until = fetch_retry_after(job->retry_after, now);
			if (until > now) {
				job->state.retry_after = until;
				xasprintf(&job->reason, _("HTTP %ld: the "
				    "server asked to wait %lld seconds"), code,
				    (long long)(until - now));
			} else
				xasprintf(&job->reason, _("HTTP %ld: the "
				    "server is busy"), code);
		} else
			xasprintf(&job->reason, _("HTTP %ld"), code);
		return;
	}
	job->status = fetch_classify(rc, job->too_large);
	switch (job->status) {
	case FETCH_ERR_TOO_LARGE:
		xasprintf(&job->reason, _("too large: more than %zu bytes"),
		    f->opts.max_bytes);
		break;
	case FETCH_ERR_REDIRECT:
		if (rc == CURLE_TOO_MANY_REDIRECTS)
			xasprintf(&job->reason, _("redirect: more than %d "
			    "redirects, or a loop"), MAX_REDIRECTS);
		else
			xasprintf(&job->reason, _("redirect: not to http or "
			    "https: %s"), detail);
		break;
	default:
		xasprintf(&job->reason, "%s: %s", fetch_label(job->status),
		    detail);
		break;
	}
}

/* On the caller's thread: keep what a finished job brought, and report it. */
static void
fetch_settle(struct fetch *f, struct fetch_job *job)
{
	char	*reason, *cause = NULL;

	switch (job->status) {
	case FETCH_OK:
		if (job->page)
			fetch_got_page(f, job);
		else
			fetch_store(f, job);
		return;
	case FETCH_NOT_MODIFIED:
		/* Nothing new: write only when the stored state changes. */
		if (job->state.failures != 0 || job->state.error != NULL ||
		    job->state.retry_after != 0 || job->state.status != 304) {
			job->state.failures = 0;
			job->state.retry_after = 0;
			job->state.status = 304;
			free(job->state.error);
			job->state.error = NULL;
			if (cache_feed_state_put(f->cache, job->entry.url,
			    &job->state, &cause) != 0) {
				log_debug("fetch %s: %s", job->entry.url,
				    cause);
				free(cause);
			}
		}
		fetch_finish(f, job, FETCH_NOT_MODIFIED, job->code, 0, NULL);
		return;
	default:
		reason = job->reason != NULL ? job->reason : xstrdup("?");
		job->reason = NULL;
		fetch_fail(f, job, job->status, reason);
		return;
	}
}

static size_t
fetch_write(char *ptr, size_t size, size_t n, void *arg)
{
	struct fetch_job	*job = arg;
	size_t			 len = size * n;
	char			*type = NULL;

	/*
	 * Error pages and redirect bodies are not kept, and not read to
	 * their end either: an endless 500 would hold the transfer until the
	 * timeout, pulling gigabytes.  The status is all the message needs.
	 */
	if (job->code != 200) {
		if (len > FETCH_ERROR_BYTES - job->error_bytes) {
			job->error_cut = 1;
			return 0;
		}
		job->error_bytes += len;
		return len;
	}
	/* An image or a PDF is for the browser: not downloaded. */
	if (job->page && job->body.len == 0) {
		curl_easy_getinfo(job->easy, CURLINFO_CONTENT_TYPE, &type);
		if (page_type(type) == 0) {
			job->not_text = 1;
			return 0;
		}
	}
	if (len > job->fetch->opts.max_bytes ||
	    job->body.len > job->fetch->opts.max_bytes - len) {
		job->too_large = 1;
		return 0;
	}
	buf_add(&job->body, ptr, len);
	atomic_fetch_add(&job->fetch->bytes, len);
	return len;
}

/*
 * The body of a redirect that is followed never reaches fetch_write: curl
 * reads it and drops it, to its end.  One that does not end (a loopback
 * test pulled 17 GB in 20 s) is cut here, at the error pages' cap.
 */
static int
fetch_xferinfo(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct fetch_job	*job = arg;

	(void)dltotal;
	(void)ultotal;
	(void)ulnow;
	if (job->code != 200 && dlnow - job->body_mark > FETCH_ERROR_BYTES) {
		job->error_cut = 1;
		return 1;
	}
	return 0;
}

/* Keep a header's value, trimmed, replacing an older one. */
static void
fetch_header_value(char **out, const char *p, size_t len)
{
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)p[len - 1]))
		len--;
	free(*out);
	*out = len > 0 && len < 1024 ? xstrndup(p, len) : NULL;
}

static size_t
fetch_header(char *ptr, size_t size, size_t n, void *arg)
{
	struct fetch_job	*job = arg;
	size_t			 len = size * n;
	long			 code;
	char			 line[32];

	if (len > 5 && strncmp(ptr, "HTTP/", 5) == 0) {
		/* A new response: redirects are counted by kind. */
		if (job->code >= 300 && job->code < 400) {
			if (job->code == 301 || job->code == 308)
				job->permanent++;
			else
				job->temporary++;
		}
		curl_easy_getinfo(job->easy, CURLINFO_SIZE_DOWNLOAD_T,
		    &job->body_mark);
		snprintf(line, sizeof line, "%.*s",
		    (int)(len < sizeof line - 1 ? len : sizeof line - 1), ptr);
		if (sscanf(line, "HTTP/%*s %ld", &code) == 1 && code >= 200)
			job->code = code;
		free(job->etag);
		free(job->last_modified);
		free(job->retry_after);
		job->etag = job->last_modified = job->retry_after = NULL;
		return len;
	}
	if (len > 5 && strncasecmp(ptr, "ETag:", 5) == 0)
		fetch_header_value(&job->etag, ptr + 5, len - 5);
	else if (len > 14 && strncasecmp(ptr, "Last-Modified:", 14) == 0)
		fetch_header_value(&job->last_modified, ptr + 14, len - 14);
	else if (len > 12 && strncasecmp(ptr, "Retry-After:", 12) == 0)
		fetch_header_value(&job->retry_after, ptr + 12, len - 12);
	return len;
}

/* On the transfer thread: hand the transfers that ended to the caller. */
static void
fetch_thread_done(struct fetch *f)
{
	struct fetch_job	**jp, *job;
	CURLMsg			 *msg;
	CURL			 *easy;
	int			  left;
	char			  byte = 0;

	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		easy = msg->easy_handle;
		job = NULL;
		curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&job);
		for (jp = &f->running; *jp != NULL; jp = &(*jp)->next) {
			if (*jp == job) {
				*jp = job->next;
				f->nrunning--;
				break;
			}
		}
		if (job == NULL)
			continue;
		job->next = NULL;
		fetch_done(f, job, msg->data.result);
		/* Its connection goes back to the pool; the job to the caller. */
		curl_multi_remove_handle(f->multi, easy);
		job->in_multi = 0;
		pthread_mutex_lock(&f->lock);
		fetch_jobs_push(&f->outbox, job);
		f->held++;
		pthread_mutex_unlock(&f->lock);
		(void)!write(f->wake[1], &byte, 1);
	}
}

/* On the transfer thread, dying: wake the caller's thread to die instead. */
static void
fetch_thread_fatal(void *arg)
{
	struct fetch	*f = arg;
	char		 byte = 0;

	(void)!write(f->wake[1], &byte, 1);
}

/* The transfer thread: runs the multi handle until fetch_free. */
static void *
fetch_thread(void *arg)
{
	struct fetch	*f = arg;
	int		 running;

	fatal_on_thread(fetch_thread_fatal, f);
	pthread_mutex_lock(&f->lock);
	while (!f->quit) {
		fetch_jobs_splice(&f->queue, &f->inbox);
		pthread_mutex_unlock(&f->lock);
		fetch_start_more(f);
		curl_multi_perform(f->multi, &running);
		fetch_thread_done(f);
		fetch_start_more(f);
		curl_multi_poll(f->multi, NULL, 0, 1000, NULL);
		pthread_mutex_lock(&f->lock);
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

/*
 * Keep what the transfer thread finished, and read a few local sources.
 * Returns the number of feeds not finished yet.
 */
int
fetch_perform(struct fetch *f)
{
	struct fetch_jobs	 done;
	struct fetch_job	*job;
	char			 drain[64];
	int			 n;

	while (read(f->wake[0], drain, sizeof drain) > 0)
		;
	fatal_check();
	fetch_jobs_init(&done);
	pthread_mutex_lock(&f->lock);
	fetch_jobs_splice(&done, &f->outbox);
	pthread_mutex_unlock(&f->lock);
	for (job = done.head; job != NULL; job = job->next) {
		if (job->unparsed)
			fetch_got_body(f, job);
	}
	fetch_keep_together(f, &done);
	while ((job = fetch_jobs_pop(&done)) != NULL) {
		fetch_settle(f, job);
		/* One fewer held: the thread may start another transfer. */
		pthread_mutex_lock(&f->lock);
		f->held--;
		pthread_mutex_unlock(&f->lock);
		curl_multi_wakeup(f->multi);
	}
	for (n = 0; n < FETCH_LOCALS_AT_ONCE; n++) {
		if ((job = fetch_jobs_pop(&f->locals)) == NULL)
			break;
		fetch_local(f, job);
	}
	return (int)(f->progress.total - f->progress.done);
}

/*
 * Wait up to timeout_ms for the fetcher or for one of nfds file descriptors
 * (at most 8) to become readable; returns a mask with bit i set when fds[i]
 * is readable.
 */
int
fetch_wait(struct fetch *f, const int *fds, int nfds, int timeout_ms)
{
	struct pollfd	pfd[9];
	int		i, mask = 0;

	if (nfds > (int)nitems(pfd) - 1)
		nfds = nitems(pfd) - 1;
	for (i = 0; i < nfds; i++) {
		pfd[i].fd = fds[i];
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
	pfd[nfds].fd = f->wake[0];
	pfd[nfds].events = POLLIN;
	pfd[nfds].revents = 0;
	/* Local sources left to read need no waiting. */
	if (f->locals.head != NULL)
		timeout_ms = 0;
	if (poll(pfd, nfds + 1, timeout_ms) == -1)
		return errno == EINTR ? 0 : -1;
	fatal_check();
	for (i = 0; i < nfds; i++) {
		if (pfd[i].revents != 0)
			mask |= 1 << i;
	}
	return mask;
}

/* The next finished feed's outcome, or NULL; free it with fetch_result_free. */
struct fetch_result *
fetch_next_result(struct fetch *f)
{
	if (f->firstresult == f->nresults)
		return NULL;
	return f->results[f->firstresult++];
}

/* Free a result. */
void
fetch_result_free(struct fetch_result *r)
{
	if (r == NULL)
		return;
	free(r->url);
	free(r->reason);
	free(r);
}

/* How far the fetcher has got. */
void
fetch_progress(struct fetch *f, struct fetch_progress *p)
{
	*p = f->progress;
	p->bytes = atomic_load(&f->bytes);
}

/* A short name for an outcome, for logs and JSON. */
const char *
fetch_status_name(enum fetch_status status)
{
	static const char	*names[] = {
		"ok", "not-modified", "skipped", "dns", "connect", "tls",
		"http", "timeout", "too-large", "redirect", "network",
		"not-a-feed", "parse", "local", "unsupported", "cache",
		"not-text"
	};

	if ((size_t)status >= nitems(names))
		return "?";
	return names[status];
}

/*
 * Seconds to wait before fetching again a feed that failed n times in a
 * row: the first failure may be a blip and is retried at once, then 5
 * minutes, doubling up to a day.
 */
int64_t
fetch_backoff(int failures)
{
	int64_t	wait = FETCH_BACKOFF_FIRST;
	int	i;

	if (failures < 2)
		return 0;
	for (i = 2; i < failures && wait < FETCH_BACKOFF_MAX; i++)
		wait *= 2;
	return wait < FETCH_BACKOFF_MAX ? wait : FETCH_BACKOFF_MAX;
}

/*
 * The time a Retry-After value (delta-seconds or an HTTP-date, RFC 9110
 * §10.2.3) asks to wait until, capped; 0 when it is absent or unreadable.
 */
int64_t
fetch_retry_after(const char *value, int64_t now)
{
	static const char	*formats[] = {
		"%a, %d %b %Y %H:%M:%S GMT",	/* IMF-fixdate */
		"%A, %d-%b-%y %H:%M:%S GMT",	/* RFC 850 */
		"%a %b %d %H:%M:%S %Y"		/* asctime */
	};
	struct tm		 tm;
	const char		*end;
	long long		 n = 0;
	int64_t			 t;
	size_t			 i;

	if (value == NULL)
		return 0;
	while (*value == ' ' || *value == '\t')
		value++;
	if (isdigit((unsigned char)*value)) {
		for (end = value; isdigit((unsigned char)*end); end++) {
			if (n < FETCH_RETRY_AFTER_MAX)
				n = n * 10 + (*end - '0');
		}
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end != '\0')
			return 0;
		if (n > FETCH_RETRY_AFTER_MAX)
			n = FETCH_RETRY_AFTER_MAX;
		return now + n;
	}
	for (i = 0; i < nitems(formats); i++) {
		memset(&tm, 0, sizeof tm);
		end = strptime(value, formats[i], &tm);
		if (end == NULL || *end != '\0')
			continue;
		t = timegm(&tm);
		if (t <= now)
			return now;
		return t - now > FETCH_RETRY_AFTER_MAX ?
		    now + FETCH_RETRY_AFTER_MAX : t;
	}
	return 0;
}

/* Should a feed with this state be fetched now? */
int
fetch_due(const struct cache_feed_state *state, int64_t now, int force)
{
	/* A server's explicit request is honoured even when forced. */
	if (state->retry_after > now)
		return 0;
	if (force)
		return 1;
	return now >= state->last_fetch + fetch_backoff(state->failures);
}

/*
 * After a successful fetch of url that ended at final: remember a permanent
 * redirect (every hop 301 or 308), counting how often in a row it was seen.
 * Anything else forgets it.
 */
void
fetch_note_redirect(struct cache_feed_state *state, const char *url,
    const char *final, int permanent)
{
	if (!permanent || final == NULL || strcmp(url, final) == 0) {
		/* Fetching the adopted URL directly is no news. */
		if (state->redirect != NULL && state->redirects >= 2 &&
		    final != NULL && strcmp(state->redirect, final) == 0)
			return;
		free(state->redirect);
		state->redirect = NULL;
		state->redirects = 0;
		return;
	}
	if (state->redirect != NULL && strcmp(state->redirect, final) == 0) {
		if (state->redirects < 1000)
			state->redirects++;
		return;
	}
	free(state->redirect);
	state->redirect = xstrdup(final);
	state->redirects = 1;
}

/*
 * After a failed fetch of url that asked for requested: an adopted redirect
 * that fails is dropped, so that the next fetch asks the listed URL again.
 */
void
fetch_note_failure(struct cache_feed_state *state, const char *url,
    const char *requested)
{
	if (requested == NULL || strcmp(url, requested) == 0)
		return;
	free(state->redirect);
	state->redirect = NULL;
	state->redirects = 0;
}

/* The URL to request for url: its permanent redirect once seen twice. */
const char *
fetch_url(const struct cache_feed_state *state, const char *url)
{
	if (state->redirect != NULL && state->redirects >= 2 &&
	    (strncmp(state->redirect, "http://", 7) == 0 ||
	    strncmp(state->redirect, "https://", 8) == 0))
		return state->redirect;
	return url;
}
