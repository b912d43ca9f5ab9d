/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * reload.c: fetching the feeds of the feed list into the cache, with the
 * transfer engine (fetch.c), from `tidings reload`'s loop or from the
 * reader's event loop.  This side is the caller's thread's and owns the
 * cache: fetch_add reads a feed's validators and back-off state before
 * sending its job, and fetch_perform takes finished jobs back and stores
 * them with their new state, the feeds that came back together in one
 * cache transaction, while the other transfers keep going.  Local sources
 * (files, Jekyll folders) come back parsed like fetched feeds, and are
 * stored the same way.  A web page followed from an article (fetch_page)
 * goes the same way and is kept in the cache's pages as it came, when it
 * is HTML or text.
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
 * The policy this side keeps (fetch-policy.c): failing feeds backed off,
 * Retry-After honoured, and a permanent redirect adopted once followed
 * twice.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tidings.h"
#include "fetch-int.h"
#include "sync-int.h"

struct fetch {
	struct fetch_engine	*engine;
	struct fetch_options	 opts;
	struct cache		*cache;
	struct fetch_result	**results;	/* finished, not yet taken */
	size_t			 nresults;
	size_t			 firstresult;
	struct fetch_progress	 progress;
	char			*basedir;	/* owned, when fetch_list made it */
	struct sync		 *sync; /* urls-source is a server */
};

static void	reload_finish(struct fetch *, struct fetch_job *,
		    enum fetch_status, long, long, char *);
static void reload_result(struct fetch *, const char *, enum fetch_status, long,
    long, char *);
static struct fetch *reload_sync(struct cache *, const struct fetch_options *,
    char **);
static void	     reload_sync_settle(struct fetch *, struct fetch_jobs *);
static void	reload_fail(struct fetch *, struct fetch_job *,
		    enum fetch_status, char *);
static int	reload_due(struct fetch *, struct fetch_job *, int64_t);
static void	reload_settle(struct fetch *, struct fetch_job *);
static void	reload_page(struct fetch *, struct fetch_job *);
static void	reload_page_job(struct fetch *, const char *, int);
static void	reload_image(struct fetch *, struct fetch_job *);
static void	reload_store(struct fetch *, struct fetch_job *);

/* Record a job's outcome (reason given away) and free the job. */
static void
reload_finish(struct fetch *f, struct fetch_job *job, enum fetch_status status,
    long code, long new_items, char *reason)
{
	reload_result(f, job->entry.url, status, code, new_items, reason);
	fetch_job_free(job);
}

/* Record an outcome (reason given away). */
static void
reload_result(struct fetch *f, const char *url, enum fetch_status status,
    long code, long new_items, char *reason)
{
	struct fetch_result	*r;

	r = xcalloc(1, sizeof *r);
	r->url = xstrdup(url);
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
}

/*
 * A fetch failed: count it for backing off, keep the reason with the feed
 * and report it.  The reason may quote the server (a Content-Type, a host
 * name), so it is sanitized here, once.
 */
static void
reload_fail(struct fetch *f, struct fetch_job *job, enum fetch_status status,
    char *reason)
{
	char	*clean, *cause = NULL;

	clean = utf8_sanitize_line(reason, strlen(reason));
	free(reason);
	if (job->page) {
		reload_finish(f, job, status, job->code, 0, clean);
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
	reload_finish(f, job, status, job->code, 0, clean);
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

	/* A server's subscriptions stand for the feed list, every one. */
	if (opts->config != NULL &&
	    sync_source(opts->config, NULL) != SYNC_LOCAL) {
		o = *opts;
		o.offline = o.offline || env->offline;
		return reload_sync(cache, &o, cause);
	}
	if ((path = paths_user_file(env->urls, "urls", cause)) == NULL)
		return NULL;
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

/*
 * A fetcher that syncs with the server urls-source names: its progress
 * counts the sync as one feed, its result names the server.
 */
static struct fetch *
reload_sync(struct cache *cache, const struct fetch_options *opts, char **cause)
{
	struct fetch *f;
	struct sync  *s;
	char	     *why = NULL;

	if (sync_source(opts->config, &why) == -1) {
		*cause = why;
		return NULL;
	}
	f = fetch_create(cache, opts);
	f->progress.total = 1;
	if ((s = sync_create(cache, f->engine, opts->config, &why)) == NULL) {
		reload_result(f, "urls-source", FETCH_ERR_UNSUPPORTED, 0, 0,
		    why);
		return f;
	}
	f->sync = s;
	if (s->warning != NULL)
		log_warn("%s", s->warning);
	if (opts->offline) {
		reload_result(f, s->server, FETCH_SKIPPED, 0, 0,
		    xstrdup(_("offline")));
		return f;
	}
	sync_start(s);
	return f;
}

/* A sync's answers came back: read them; report the sync when it ends. */
static void
reload_sync_settle(struct fetch *f, struct fetch_jobs *done)
{
	struct fetch_job *job;
	struct sync	 *s = f->sync;

	while ((job = fetch_jobs_pop(done)) != NULL) {
		sync_settle(s, job);
		fetch_job_free(job);
		fetch_engine_release(f->engine);
	}
	f->progress.new_items = s->added;
	if (!sync_done(s) || f->progress.done > 0)
		return;
	if (s->failed)
		reload_result(f, s->server, FETCH_ERR_NETWORK, 0, 0,
		    utf8_sanitize_line(s->error, strlen(s->error)));
	else
		reload_result(f, s->server, FETCH_OK, 200, 0, NULL);
	f->progress.new_items = s->added;
}

/* Make a fetcher storing into cache, and start its engine. */
struct fetch *
fetch_create(struct cache *cache, const struct fetch_options *opts)
{
	struct fetch	*f;

	f = xcalloc(1, sizeof *f);
	f->cache = cache;
	if (opts != NULL)
		f->opts = *opts;
	else
		fetch_options_default(&f->opts);
	f->engine = fetch_engine_create(&f->opts);
	return f;
}

/* Stop every transfer and free the fetcher. */
void
fetch_free(struct fetch *f)
{
	size_t	i;

	if (f == NULL)
		return;
	fetch_engine_free(f->engine);
	sync_free(f->sync);
	for (i = f->firstresult; i < f->nresults; i++)
		fetch_result_free(f->results[i]);
	free(f->results);
	free(f->basedir);
	free(f);
}

/*
 * Queue a feed of the feed list for fetching (the entry is copied).  What
 * needs neither network nor file is settled here; a feed to download takes
 * its validators and back-off state from the cache now, on the caller's
 * thread.  A local source is read on the transfer thread, offline too.
 */
void
fetch_add(struct fetch *f, const struct urls_entry *entry)
{
	struct fetch_job	*job;
	const char		*url = entry->url;
	char			*cmd;

	/* A query feed is made of other feeds' articles: nothing to fetch. */
	if (strncmp(entry->url, "query:", 6) == 0)
		return;
	job = fetch_job_create(entry->url);
	urls_entry_clear(&job->entry);
	urls_entry_copy(&job->entry, entry);
	f->progress.total++;
	if (source_is_local(job->entry.url)) {
		job->local = 1;
		fetch_engine_send(f->engine, job);
		return;
	}
	if (f->opts.offline) {
		reload_finish(f, job, FETCH_SKIPPED, 0, 0,
		    xstrdup(_("offline")));
		return;
	}
	/* filter:COMMAND:URL fetches URL; fetch.c pipes it through COMMAND. */
	if (source_filter_split(entry->url, &cmd, &url) == 0)
		free(cmd);
	if ((job->host = fetch_host(url)) == NULL) {
		reload_finish(f, job, FETCH_ERR_UNSUPPORTED, 0, 0,
		    xstrdup(_("not a valid URL")));
		return;
	}
	if (reload_due(f, job, time(NULL)) != 0)
		return;
	job->url = xstrdup(
	    url == entry->url ? fetch_url(&job->state, job->entry.url) : url);
	fetch_engine_send(f->engine, job);
}

/*
 * Queue a web page followed from an article: fetched with the feeds'
 * policy and kept in the cache's pages when it is HTML or text.
 */
void
fetch_page(struct fetch *f, const char *url)
{
	reload_page_job(f, url, 0);
}

/*
 * Queue an image of an article: fetched as a page is, whatever its type,
 * and kept in the cache's images (at most MAX_IMAGE_BYTES).
 */
void
fetch_image(struct fetch *f, const char *url)
{
	reload_page_job(f, url, 1);
}

static void
reload_page_job(struct fetch *f, const char *url, int image)
{
	struct fetch_job	*job;

	job = fetch_job_create(url);
	job->page = 1;
	job->image = image;
	f->progress.total++;
	if (f->opts.offline) {
		reload_finish(f, job, FETCH_SKIPPED, 0, 0,
		    xstrdup(_("offline")));
		return;
	}
	if ((job->host = fetch_host(url)) == NULL) {
		reload_finish(f, job, FETCH_ERR_UNSUPPORTED, 0, 0,
		    xstrdup(_("not a valid URL")));
		return;
	}
	job->url = xstrdup(url);
	fetch_engine_send(f->engine, job);
}

/*
 * Is a feed due for fetching?  Its stored state is read into the job; -1
 * when it is not (backed off, or the server asked to wait) and the job was
 * finished.
 */
static int
reload_due(struct fetch *f, struct fetch_job *job, int64_t now)
{
	char		*cause = NULL, *reason;
	char		 when[64];
	struct tm	 tm;
	time_t		 t;

	if (cache_feed_state_get(f->cache, job->entry.url, &job->state,
	    &cause) != 0) {
		reload_finish(f, job, FETCH_ERR_STORE, 0, 0, cause);
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
	reload_finish(f, job, FETCH_SKIPPED, 0, 0, reason);
	return -1;
}

/* A page arrived whole: keep it in the cache as it came. */
static void
reload_page(struct fetch *f, struct fetch_job *job)
{
	struct cache_page	 page;
	char			*cause = NULL, *reason;

	memset(&page, 0, sizeof page);
	page.url = job->entry.url;
	page.final_url = job->base != NULL ? job->base : job->url;
	page.content_type = job->content_type;
	page.body = job->body.data;
	page.len = job->body.len;
	if (cache_page_put(f->cache, &page, &cause) != 0) {
		xasprintf(&reason, _("cache: %s"), cause);
		free(cause);
		reload_fail(f, job, FETCH_ERR_STORE, reason);
		return;
	}
	reload_finish(f, job, FETCH_OK, job->code, 0, NULL);
}

/* An image arrived whole: keep its bytes for the pager. */
static void
reload_image(struct fetch *f, struct fetch_job *job)
{
	char	*cause = NULL, *reason;

	if (cache_image_put(f->cache, job->entry.url, job->body.data,
		job->body.len, &cause) != 0) {
		xasprintf(&reason, _("cache: %s"), cause);
		free(cause);
		reload_fail(f, job, FETCH_ERR_STORE, reason);
		return;
	}
	reload_finish(f, job, FETCH_OK, job->code, 0, NULL);
}

/*
 * In the open transaction: store a parsed feed, and the state its fetch
 * leaves (its validators, no failure).  job->state stays as it was, for
 * reload_fail should the transaction be rolled back.
 */
static int
reload_keep(struct fetch *f, struct fetch_job *job, char **cause)
{
	struct cache_feed_state	 st;
	int			 rc;

	killfile_apply(f->opts.ignores, f->opts.nignores, &job->entry,
	    job->feed);
	killfile_max_items(job->feed, f->opts.max_items);
	if (cache_store_feed(f->cache, job->entry.url, &job->entry, job->feed,
	    &job->added, cause) != 0)
		return -1;
	/* A local source has no fetch state. */
	if (job->local)
		return 0;
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
reload_keep_all(struct fetch *f, struct fetch_job **jobs, size_t n,
    char **cause)
{
	size_t	i;

	if (cache_batch_begin(f->cache, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (reload_keep(f, jobs[i], cause) != 0) {
			cache_batch_end(f->cache, 0, NULL);
			return -1;
		}
	}
	return cache_batch_end(f->cache, 1, cause);
}

/*
 * Keep the parsed feeds that came back together in one transaction
 * (cache_batch_begin says why).  Should that fail, each is kept on its own
 * by reload_store, and only the one at fault fails.
 */
static void
reload_keep_together(struct fetch *f, struct fetch_jobs *done)
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
	if (reload_keep_all(f, jobs, n, &cause) != 0) {
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
reload_store(struct fetch *f, struct fetch_job *job)
{
	char	*cause = NULL, *reason;

	if (!job->stored && reload_keep_all(f, &job, 1, &cause) != 0) {
		if (job->local) {
			reload_finish(f, job, FETCH_ERR_LOCAL, 0, 0, cause);
			return;
		}
		xasprintf(&reason, _("cache: %s"), cause);
		free(cause);
		reload_fail(f, job, FETCH_ERR_STORE, reason);
		return;
	}
	reload_finish(f, job, FETCH_OK, job->code, job->added, NULL);
}

/* On the caller's thread: keep what a finished job brought, and report it. */
static void
reload_settle(struct fetch *f, struct fetch_job *job)
{
	char	*reason, *cause = NULL;

	switch (job->status) {
	case FETCH_OK:
		if (job->image)
			reload_image(f, job);
		else if (job->page)
			reload_page(f, job);
		else
			reload_store(f, job);
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
		reload_finish(f, job, FETCH_NOT_MODIFIED, job->code, 0, NULL);
		return;
	default:
		reason = job->reason != NULL ? job->reason : xstrdup("?");
		job->reason = NULL;
		/* A local source has no fetch state to count failures in. */
		if (job->local)
			reload_finish(f, job, job->status, 0, 0, reason);
		else
			reload_fail(f, job, job->status, reason);
		return;
	}
}

/*
 * Keep what the transfer thread finished.  Returns the number of feeds not
 * finished yet.
 */
int
fetch_perform(struct fetch *f)
{
	struct fetch_jobs	 done;
	struct fetch_job	*job;

	fetch_jobs_init(&done);
	fetch_engine_take(f->engine, &done);
	if (f->sync != NULL) {
		reload_sync_settle(f, &done);
		return (int)(f->progress.total - f->progress.done);
	}
	reload_keep_together(f, &done);
	while ((job = fetch_jobs_pop(&done)) != NULL) {
		reload_settle(f, job);
		fetch_engine_release(f->engine);
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
	return fetch_engine_wait(f->engine, fds, nfds, timeout_ms);
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
	p->bytes = fetch_engine_bytes(f->engine);
}

