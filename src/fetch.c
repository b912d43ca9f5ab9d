/*
 * fetch.c: downloading feeds with one curl multi handle (DESIGN.md §3, §7).
 *
 * Feeds are queued with fetch_add and driven by fetch_perform and
 * fetch_wait, from `tidings reload`'s loop or from the reader's event loop;
 * curl's types never leave this file.  Each finished transfer is parsed on
 * the worker thread (worker.c: parsing is a third of a fresh reload's work,
 * and the machine has a second core) and stored in one cache transaction on
 * the caller's thread, while the other transfers keep going; its outcome is
 * queued for fetch_next_result.  At most FETCH_PARSE_AHEAD bodies wait for
 * the parser or the cache: past that no transfer starts, so memory stays
 * bounded when storing is the slower side.
 * A web page followed from an article (fetch_page) goes the same way and is
 * kept in the cache's pages as it came, when it is HTML or text.
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
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "tidings.h"

/* Backing off: the first failure is retried at once, then 5 min, doubling. */
#define FETCH_BACKOFF_FIRST	(5 * 60)
#define FETCH_BACKOFF_MAX	(24 * 60 * 60)
/* A server may ask for a pause, but not for more than this. */
#define FETCH_RETRY_AFTER_MAX	(6 * 60 * 60)
/* Transfers handed to curl at once, per connection allowed. */
#define FETCH_QUEUE_FACTOR	2
/* Downloaded feeds waiting to be parsed or stored. */
#define FETCH_PARSE_AHEAD	8

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
	int			 page;		/* a page, not a feed */
	int			 not_text;	/* a page for the browser */
	long			 code;		/* status of the last response */
	int			 permanent;	/* redirects seen, 301/308 */
	int			 temporary;	/* and the others */
	char			*etag;		/* of the last response */
	char			*last_modified;
	char			*retry_after;
	char			 error[CURL_ERROR_SIZE];
	struct fetch_job	*next;
};

struct fetch {
	struct cache		*cache;
	struct fetch_options	 opts;
	CURLM			*multi;
	struct fetch_job	*queue;		/* not started, in order */
	struct fetch_job	**queue_tail;
	struct fetch_job	*running;
	int			 nrunning;
	struct fetch_result	**results;	/* finished, not yet taken */
	size_t			 nresults;
	size_t			 firstresult;
	struct fetch_progress	 progress;
	int			 locals_waiting;
	char			*basedir;	/* owned, when fetch_list made it */
	struct worker		*worker;	/* parses the bodies */
};

/* A feed's body on its way through the worker: parsed there, stored here. */
struct fetch_parsed {
	struct fetch_job	*job;		/* untouched while parsing */
	char			*base;		/* the final URL */
	char			*charset;	/* from Content-Type, or NULL */
	struct feed		*feed;		/* NULL: see cause */
	char			*cause;
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
static int		 fetch_start(struct fetch *, struct fetch_job *);
static void		 fetch_start_more(struct fetch *);
static void		 fetch_local(struct fetch *, struct fetch_job *);
static int		 fetch_header_ok(const char *);
static void		 fetch_done(struct fetch *, struct fetch_job *, CURLcode);
static void		 fetch_got_body(struct fetch *, struct fetch_job *);
static void		 fetch_got_page(struct fetch *, struct fetch_job *);
static int		 fetch_is_html(const char *, size_t);
static enum fetch_status fetch_classify(CURLcode, int);
static const char	*fetch_label(enum fetch_status);
static size_t		 fetch_write(char *, size_t, size_t, void *);
static size_t		 fetch_header(char *, size_t, size_t, void *);
static void		 fetch_parse(void *);
static void		 fetch_wake(void *);
static void		 fetch_parsed_free(void *);
static void		 fetch_store(struct fetch *, struct fetch_parsed *);

static void
fetch_job_free(struct fetch_job *job)
{
	if (job == NULL)
		return;
	if (job->easy != NULL) {
		curl_multi_remove_handle(job->fetch->multi, job->easy);
		curl_easy_cleanup(job->easy);
	}
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
	return n >= f->opts.max_host_connections * FETCH_QUEUE_FACTOR;
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
	opts->max_host_connections = 4;
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

/* Make a fetcher storing into cache. */
struct fetch *
fetch_create(struct cache *cache, const struct fetch_options *opts)
{
	struct fetch	*f;

	if (!fetch_curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			fatal("curl_global_init failed");
		feed_parse_init();
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
	f->queue_tail = &f->queue;
	if ((f->multi = curl_multi_init()) == NULL)
		fatal("curl_multi_init failed");
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->opts.max_connections);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->opts.max_host_connections);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	f->worker = worker_create(fetch_wake, f);
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
	worker_free(f->worker, fetch_parsed_free);
	while ((job = f->running) != NULL) {
		f->running = job->next;
		fetch_job_free(job);
	}
	while ((job = f->queue) != NULL) {
		f->queue = job->next;
		fetch_job_free(job);
	}
	for (i = f->firstresult; i < f->nresults; i++)
		fetch_result_free(f->results[i]);
	free(f->results);
	curl_multi_cleanup(f->multi);
	free(f->basedir);
	free(f);
}

/* Queue a feed of the feed list for fetching (the entry is copied). */
void
fetch_add(struct fetch *f, const struct urls_entry *entry)
{
	struct fetch_job	*job;

	job = xcalloc(1, sizeof *job);
	job->fetch = f;
	urls_entry_copy(&job->entry, entry);
	buf_init(&job->body);
	*f->queue_tail = job;
	f->queue_tail = &job->next;
	f->progress.total++;
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
	*f->queue_tail = job;
	f->queue_tail = &job->next;
	f->progress.total++;
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
	    &cause) != 0) {
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
static int
fetch_start(struct fetch *f, struct fetch_job *job)
{
	CURL		*easy;
	char		*line;
	const char	*url = job->entry.url;
	int64_t		 now = time(NULL);

	if (!job->page && fetch_start_due(f, job, now) != 0)
		return -1;
	job->url = xstrdup(fetch_url(&job->state, url));
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
	curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
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
	job->state.last_fetch = now;
	return 0;
}

/* Start queued jobs while the caps allow. */
static void
fetch_start_more(struct fetch *f)
{
	struct fetch_job	**jp, *job;
	const char		 *busy[16];
	size_t			  nbusy = 0, i;
	int			  locals = 0, limit;

	limit = f->opts.max_connections * FETCH_QUEUE_FACTOR;
	f->locals_waiting = 0;
	if (worker_busy(f->worker) >= FETCH_PARSE_AHEAD)
		return;
	jp = &f->queue;
	while ((job = *jp) != NULL && f->nrunning < limit) {
		if (!source_is_local(job->entry.url)) {
			if (job->host == NULL)
				job->host = fetch_host(job->entry.url);
			/* Hosts found busy stay busy for this pass. */
			for (i = 0; i < nbusy; i++) {
				if (job->host != NULL &&
				    strcmp(busy[i], job->host) == 0)
					break;
			}
			if (i < nbusy || fetch_host_busy(f, job->host)) {
				if (i == nbusy && nbusy < nitems(busy))
					busy[nbusy++] = job->host;
				jp = &job->next;
				continue;
			}
		}
		*jp = job->next;
		if (f->queue_tail == &job->next)
			f->queue_tail = jp;
		job->next = NULL;

		if (strncmp(job->entry.url, "exec:", 5) == 0 ||
		    strncmp(job->entry.url, "filter:", 7) == 0 ||
		    strncmp(job->entry.url, "query:", 6) == 0) {
			fetch_finish(f, job, FETCH_ERR_UNSUPPORTED, 0, 0,
			    xstrdup(_("Newsboat's exec:, filter: and query: "
			    "feeds are not supported")));
			continue;
		}
		if (source_is_local(job->entry.url)) {
			/* Loaded now; a few at a time keep a loop live. */
			fetch_local(f, job);
			if (++locals == 4) {
				f->locals_waiting = 1;
				break;
			}
			continue;
		}
		if (f->opts.offline) {
			fetch_finish(f, job, FETCH_SKIPPED, 0, 0,
			    xstrdup(_("offline")));
			continue;
		}
		if (job->host == NULL) {
			fetch_finish(f, job, FETCH_ERR_UNSUPPORTED, 0, 0,
			    xstrdup(_("not a valid URL")));
			continue;
		}
		if (fetch_start(f, job) != 0)
			continue;
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

/* A 200 arrived whole: hand it to the worker to be parsed. */
static void
fetch_got_body(struct fetch *f, struct fetch_job *job)
{
	struct fetch_parsed	*p;
	char			*type = NULL, *effective = NULL, *reason;

	curl_easy_getinfo(job->easy, CURLINFO_CONTENT_TYPE, &type);
	curl_easy_getinfo(job->easy, CURLINFO_EFFECTIVE_URL, &effective);
	if (fetch_is_html(job->body.data, job->body.len)) {
		xasprintf(&reason, _("not a feed: a web page (%s)"),
		    type != NULL ? type : "text/html");
		fetch_fail(f, job, FETCH_ERR_NOT_FEED, reason);
		return;
	}
	/* Its connection goes back to the pool while the body is parsed. */
	curl_multi_remove_handle(f->multi, job->easy);
	p = xcalloc(1, sizeof *p);
	p->job = job;
	p->base = xstrdup(effective != NULL ? effective : job->url);
	p->charset = page_type_charset(type);
	worker_submit(f->worker, fetch_parse, p);
}

/* On the worker thread: parse the body, touching nothing else. */
static void
fetch_parse(void *arg)
{
	struct fetch_parsed	*p = arg;
	size_t			 i;

	p->feed = feed_parse(p->job->body.data, p->job->body.len, p->base,
	    p->charset, NULL, NULL, &p->cause);
	for (i = 0; p->feed != NULL && i < p->feed->nitems; i++)
		p->feed->items[i]->digest = cache_item_digest(p->feed->items[i]);
}

/* The worker has finished a task: get the loop out of curl_multi_poll. */
static void
fetch_wake(void *arg)
{
	struct fetch	*f = arg;

	curl_multi_wakeup(f->multi);
}

static void
fetch_parsed_free(void *arg)
{
	struct fetch_parsed	*p = arg;

	fetch_job_free(p->job);
	feed_free(p->feed);
	free(p->base);
	free(p->charset);
	free(p->cause);
	free(p);
}

/* A feed is parsed: store it in one cache transaction, then its state. */
static void
fetch_store(struct fetch *f, struct fetch_parsed *p)
{
	struct fetch_job	*job = p->job;
	enum fetch_status	 status;
	char			*cause = NULL, *reason;
	long			 before, added;

	if (p->feed == NULL) {
		status = FETCH_ERR_PARSE;
		xasprintf(&reason, _("parse error: %s"),
		    p->cause != NULL ? p->cause : "?");
		goto failed;
	}
	before = cache_feed_items(f->cache, job->entry.url);
	if (cache_store_feed(f->cache, job->entry.url, &job->entry, p->feed,
	    &cause) != 0) {
		status = FETCH_ERR_STORE;
		xasprintf(&reason, _("cache: %s"), cause);
		free(cause);
		goto failed;
	}
	added = cache_feed_items(f->cache, job->entry.url) - before;

	free(job->state.etag);
	job->state.etag = job->etag;
	job->etag = NULL;
	free(job->state.last_modified);
	job->state.last_modified = job->last_modified;
	job->last_modified = NULL;
	job->state.failures = 0;
	job->state.retry_after = 0;
	job->state.status = job->code;
	free(job->state.error);
	job->state.error = NULL;
	fetch_note_redirect(&job->state, job->entry.url, p->base,
	    job->permanent > 0 && job->temporary == 0 &&
	    strcmp(p->base, job->url) != 0);
	if (cache_feed_state_put(f->cache, job->entry.url, &job->state,
	    &cause) != 0) {
		log_debug("fetch %s: %s", job->entry.url, cause);
		free(cause);
	}
	p->job = NULL;
	fetch_finish(f, job, FETCH_OK, job->code, added > 0 ? added : 0, NULL);
	fetch_parsed_free(p);
	return;

failed:
	p->job = NULL;
	fetch_fail(f, job, status, reason);
	fetch_parsed_free(p);
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

/* A transfer ended: sort out what happened. */
static void
fetch_done(struct fetch *f, struct fetch_job *job, CURLcode rc)
{
	enum fetch_status	 status;
	char			*reason, *cause = NULL, *type = NULL;
	const char		*detail;
	long			 code = 0;
	int64_t			 now = time(NULL), until;

	curl_easy_getinfo(job->easy, CURLINFO_RESPONSE_CODE, &code);
	job->code = code;
	if (rc == CURLE_OK && code == 200) {
		if (job->page)
			fetch_got_page(f, job);
		else
			fetch_got_body(f, job);
		return;
	}
	if (job->not_text) {
		curl_easy_getinfo(job->easy, CURLINFO_CONTENT_TYPE, &type);
		xasprintf(&reason, _("not a text page (%s); o opens the "
		    "browser"), type != NULL ? type : "?");
		fetch_fail(f, job, FETCH_ERR_NOT_TEXT, reason);
		return;
	}
	if (rc == CURLE_OK && code == 304) {
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
		fetch_finish(f, job, FETCH_NOT_MODIFIED, code, 0, NULL);
		return;
	}

	detail = job->error[0] != '\0' ? job->error : curl_easy_strerror(rc);
	if (rc == CURLE_OK) {
		status = FETCH_ERR_HTTP;
		if (code >= 300 && code < 400)
			xasprintf(&reason, _("HTTP %ld: a redirect without "
			    "a usable Location"), code);
		else if (code == 429 || code == 503) {
			until = fetch_retry_after(job->retry_after, now);
			if (until > now) {
				job->state.retry_after = until;
				xasprintf(&reason, _("HTTP %ld: the server "
				    "asked to wait %lld seconds"), code,
				    (long long)(until - now));
			} else
				xasprintf(&reason, _("HTTP %ld: the server "
				    "is busy"), code);
		} else
			xasprintf(&reason, _("HTTP %ld"), code);
	} else {
		status = fetch_classify(rc, job->too_large);
		switch (status) {
		case FETCH_ERR_TOO_LARGE:
			xasprintf(&reason, _("too large: more than %zu "
			    "bytes"), f->opts.max_bytes);
			break;
		case FETCH_ERR_REDIRECT:
			if (rc == CURLE_TOO_MANY_REDIRECTS)
				xasprintf(&reason, _("redirect: more than %d "
				    "redirects, or a loop"), MAX_REDIRECTS);
			else
				xasprintf(&reason, _("redirect: not to "
				    "http or https: %s"), detail);
			break;
		default:
			xasprintf(&reason, "%s: %s", fetch_label(status),
			    detail);
			break;
		}
	}
	fetch_fail(f, job, status, reason);
}

static size_t
fetch_write(char *ptr, size_t size, size_t n, void *arg)
{
	struct fetch_job	*job = arg;
	size_t			 len = size * n;
	char			*type = NULL;

	/* Error pages and redirect bodies are not kept. */
	if (job->code != 200)
		return len;
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
	job->fetch->progress.bytes += len;
	return len;
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

/*
 * Drive the transfers: start queued ones, store finished ones.  Returns the
 * number of feeds not finished yet.
 */
int
fetch_perform(struct fetch *f)
{
	struct fetch_job	**jp, *job;
	CURLMsg			 *msg;
	int			  running, left;
	CURL			 *easy;
	CURLcode		  rc;
	struct fetch_parsed	 *p;

	fetch_start_more(f);
	curl_multi_perform(f->multi, &running);
	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		easy = msg->easy_handle;
		rc = msg->data.result;
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
		fetch_done(f, job, rc);
		fetch_start_more(f);
	}
	while ((p = worker_take(f->worker)) != NULL) {
		fetch_store(f, p);
		fetch_start_more(f);
	}
	return (int)(f->progress.total - f->progress.done);
}

/*
 * Wait up to timeout_ms for the network or for one of nfds file descriptors
 * (at most 8) to become readable; returns a mask with bit i set when fds[i]
 * is readable.
 */
int
fetch_wait(struct fetch *f, const int *fds, int nfds, int timeout_ms)
{
	struct curl_waitfd	 extra[8];
	int			 i, mask = 0, numfds;

	if (nfds > (int)nitems(extra))
		nfds = nitems(extra);
	for (i = 0; i < nfds; i++) {
		extra[i].fd = fds[i];
		extra[i].events = CURL_WAIT_POLLIN;
		extra[i].revents = 0;
	}
	/* Queued local sources need no waiting. */
	if (f->locals_waiting)
		timeout_ms = 0;
	if (curl_multi_poll(f->multi, extra, nfds, timeout_ms,
	    &numfds) != CURLM_OK)
		return -1;
	for (i = 0; i < nfds; i++) {
		if (extra[i].revents != 0)
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
