/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * download-queue.c: the download queue (cache-download.c) run inside the
 * reader's event loop, as podboat runs it outside Newsboat: at most
 * max-downloads files at once on a transfer engine of its own, each
 * through download.c (its part resumed, its length checked, its name never
 * another file's), the outcome written back to the queue.
 *
 * A file that was downloading when the reader stopped is queued again at
 * the start: its part is where the next try resumes.  As podboat's, a
 * download can be cancelled (its part kept), queued files can wait for
 * a start by hand, and max-downloads changes for the session.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tidings.h"
#include "fetch-int.h"

/* One file being downloaded. */
struct dlqueue_run {
	int64_t		 id;
	struct download	*d;
	int		 forgotten;	/* taken off the queue meanwhile */
	int		 cancelled;	/* dlqueue_cancel'ed */
	struct timespec	 start;
	int64_t		 first;		/* bytes there at the start */
	int64_t		 total;
};

struct dlqueue {
	struct cache		*cache;
	const struct config	*cfg;
	struct fetch_engine	*engine;
	struct dlqueue_run	*run;
	size_t			 nrun;
	int			 pending;	/* the queue may hold more */
	int			 manual;	/* queued files wait for a start */
	size_t			 max;		/* running at once */
	int			 failed;	/* the step's message is one */
};

/* A queue on cache; files that were downloading are queued again. */
struct dlqueue *
dlqueue_create(struct cache *cache, const struct config *cfg)
{
	struct dlqueue	    *q;
	struct download_row *rows;
	size_t		     n, i;
	char		    *cause;

	q = xcalloc(1, sizeof *q);
	q->cache = cache;
	q->cfg = cfg;
	q->pending = 1;
	q->max = (size_t)config_get_number(cfg, "max-downloads");
	if (q->max < 1)
		q->max = 1;
	if (cache_is_readonly(cache) ||
	    cache_downloads(cache, &rows, &n, &cause) != 0)
		return q;
	for (i = 0; i < n; i++) {
		if (rows[i].state == DOWNLOAD_RUNNING &&
		    cache_download_set(cache, rows[i].id, DOWNLOAD_QUEUED, NULL,
			NULL, &cause) != 0) {
			log_debug("%s", cause);
			free(cause);
		}
	}
	download_rows_free(rows, n);
	return q;
}

/* Stop the downloads, their parts kept, and free the queue. */
void
dlqueue_free(struct dlqueue *q)
{
	size_t	i;

	if (q == NULL)
		return;
	fetch_engine_free(q->engine);
	for (i = 0; i < q->nrun; i++)
		download_abandon(q->run[i].d);
	free(q->run);
	free(q);
}

/* Something was queued: look at the queue at the next step. */
void
dlqueue_poke(struct dlqueue *q)
{
	q->pending = 1;
}

/* Does a file download: the loop waits on dlqueue_wait then. */
int
dlqueue_busy(const struct dlqueue *q)
{
	return q->nrun > 0;
}

/* Wait as fetch_engine_wait does, on the queue's transfers too. */
int
dlqueue_wait(struct dlqueue *q, const int *fds, int nfds, int timeout)
{
	return fetch_engine_wait(q->engine, fds, nfds, timeout);
}

static void
dlqueue_set(struct dlqueue *q, int64_t id, enum download_state state,
    const char *path, const char *error)
{
	char	*cause;

	if (cache_download_set(q->cache, id, state, path, error, &cause) != 0) {
		log_debug("%s", cause);
		free(cause);
	}
}

/* Start a queued file; 0 when it runs, else it failed and says why. */
static int
dlqueue_start(struct dlqueue *q, const struct download_row *r, char **msg)
{
	struct fetch_options	 opts;
	struct dlqueue_run	*run;
	struct download		*d;
	char			*dir, *cause;

	dir = download_dir(config_get_string(q->cfg, "download-path"), r->feed,
	    r->url, &cause);
	if (dir != NULL) {
		if (q->engine == NULL) {
			fetch_options_default(&opts);
			fetch_options_config(&opts, q->cfg);
			q->engine = fetch_engine_create(&opts);
		}
		d = download_start(q->engine, r->url, dir, &cause);
		free(dir);
		if (d != NULL) {
			q->run = xreallocarray(q->run, q->nrun + 1,
			    sizeof *q->run);
			run = &q->run[q->nrun++];
			memset(run, 0, sizeof *run);
			run->id = r->id;
			run->d = d;
			download_progress(d, &run->first, &run->total);
			clock_gettime(CLOCK_MONOTONIC, &run->start);
			dlqueue_set(q, r->id, DOWNLOAD_RUNNING, NULL, NULL);
			return 0;
		}
	}
	dlqueue_set(q, r->id, DOWNLOAD_FAILED, NULL, cause);
	free(*msg);
	xasprintf(msg, _("Download failed: %s: %s"), r->url, cause);
	q->failed = 1;
	free(cause);
	return -1;
}

/* Start queued files while fewer than max-downloads run. */
static int
dlqueue_start_more(struct dlqueue *q, char **msg)
{
	struct download_row *rows;
	size_t		     n, i, j;
	char		    *cause;
	int		     changed = 0;

	if (!q->pending || q->manual || q->nrun >= q->max ||
	    cache_is_readonly(q->cache))
		return 0;
	q->pending = 0;
	if (cache_downloads(q->cache, &rows, &n, &cause) != 0) {
		free(*msg);
		*msg = cause;
		q->failed = 1;
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (rows[i].state != DOWNLOAD_QUEUED)
			continue;
		for (j = 0; j < q->nrun; j++) {
			if (q->run[j].id == rows[i].id)
				break;
		}
		if (j < q->nrun)
			continue;
		if (q->nrun >= q->max) {
			q->pending = 1; /* when one ends */
			break;
		}
		dlqueue_start(q, &rows[i], msg);
		changed = 1;
	}
	download_rows_free(rows, n);
	return changed;
}

/* A file's job came back: finish it, and take it off the running. */
static void
dlqueue_done(struct dlqueue *q, size_t i, char **msg)
{
	struct dlqueue_run *run = &q->run[i];
	char		   *final, *cause;
	int		    rc;

	if (run->forgotten) {
		/* Taken off the queue: its outcome goes nowhere. */
	} else if ((rc = download_finish(run->d, &final, &cause)) != 0 &&
	    run->cancelled) {
		dlqueue_set(q, run->id, DOWNLOAD_CANCELLED, NULL, NULL);
		free(*msg);
		xasprintf(msg, _("Download cancelled: %s"),
		    download_job(run->d)->url);
		q->failed = 0;
		free(cause);
	} else if (rc != 0) {
		dlqueue_set(q, run->id, DOWNLOAD_FAILED, NULL, cause);
		free(*msg);
		xasprintf(msg, _("Download failed: %s"), cause);
		q->failed = 1;
		free(cause);
	} else {
		dlqueue_set(q, run->id, DOWNLOAD_DONE, final, NULL);
		free(*msg);
		xasprintf(msg, _("Downloaded %s"), final);
		q->failed = 0;
		free(final);
	}
	download_free(run->d);
	q->run[i] = q->run[--q->nrun];
	q->pending = 1;
}

/*
 * Start what may start, and finish what ended; 1 when the queue changed
 * (then *msg may say how, for the status line, *failed when it is an
 * error).
 */
int
dlqueue_step(struct dlqueue *q, char **msg, int *failed)
{
	struct fetch_jobs  done;
	struct fetch_job  *job;
	size_t		   i;
	int		   changed;

	*msg = NULL;
	q->failed = 0;
	changed = dlqueue_start_more(q, msg);
	if (q->engine == NULL)
		return changed;
	fetch_jobs_init(&done);
	fetch_engine_take(q->engine, &done);
	while ((job = fetch_jobs_pop(&done)) != NULL) {
		fetch_engine_release(q->engine);
		for (i = 0; i < q->nrun; i++) {
			if (download_job(q->run[i].d) == job) {
				dlqueue_done(q, i, msg);
				changed = 1;
				break;
			}
		}
	}
	if (changed)
		changed |= dlqueue_start_more(q, msg);
	*failed = q->failed;
	return changed;
}

/*
 * A running file's bytes, length (-1 unknown) and rate in bytes a second
 * since it started; 0 when it is not running.
 */
int
dlqueue_progress(const struct dlqueue *q, int64_t id, int64_t *got,
    int64_t *total, double *rate)
{
	const struct dlqueue_run *run;
	struct timespec		  now;
	double			  secs;
	size_t			  i;

	for (i = 0; i < q->nrun; i++) {
		run = &q->run[i];
		if (run->id != id || run->forgotten)
			continue;
		download_progress(run->d, got, total);
		clock_gettime(CLOCK_MONOTONIC, &now);
		secs = (double)(now.tv_sec - run->start.tv_sec) +
		    (double)(now.tv_nsec - run->start.tv_nsec) / 1e9;
		*rate = secs > 0.1 ? (double)(*got - run->first) / secs : 0;
		return 1;
	}
	return 0;
}

/* A running file taken off the queue: its outcome is not written. */
void
dlqueue_forget(struct dlqueue *q, int64_t id)
{
	size_t	i;

	for (i = 0; i < q->nrun; i++) {
		if (q->run[i].id == id)
			q->run[i].forgotten = 1;
	}
}

/*
 * Cancel a running file: its transfer stops, its part stays for a later
 * start, its state becomes cancelled when its job comes back.  0 when it
 * is not running.
 */
int
dlqueue_cancel(struct dlqueue *q, int64_t id)
{
	size_t	i;

	for (i = 0; i < q->nrun; i++) {
		if (q->run[i].id == id && !q->run[i].cancelled &&
		    !q->run[i].forgotten) {
			q->run[i].cancelled = 1;
			fetch_engine_cancel(q->engine,
			    download_job(q->run[i].d));
			return 1;
		}
	}
	return 0;
}

/*
 * Start a queued, cancelled or failed file now, whatever max-downloads
 * and the automatic start say, as podboat's d does.  1 when it started,
 * 0 when it runs already, -1 with a reason.
 */
int
dlqueue_start_now(struct dlqueue *q, int64_t id, char **cause)
{
	struct download_row *rows;
	size_t		     n, i;
	char		    *msg = NULL;
	int		     rc = -1;

	*cause = NULL;
	for (i = 0; i < q->nrun; i++) {
		if (q->run[i].id == id && !q->run[i].forgotten)
			return 0;
	}
	if (cache_downloads(q->cache, &rows, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (rows[i].id != id)
			continue;
		if (rows[i].state == DOWNLOAD_DONE ||
		    rows[i].state == DOWNLOAD_PLAYED)
			xasprintf(cause, _("Downloaded already: %s"),
			    rows[i].path != NULL ? rows[i].path : rows[i].url);
		else if (dlqueue_start(q, &rows[i], &msg) == 0)
			rc = 1;
		else {
			*cause = msg;
			msg = NULL;
		}
		break;
	}
	if (i == n)
		*cause = xstrdup(_("Not on the queue any more"));
	download_rows_free(rows, n);
	free(msg);
	return rc;
}

/* Start queued files by themselves (on, the default) or by hand only. */
void
dlqueue_set_auto(struct dlqueue *q, int on)
{
	q->manual = !on;
	q->pending = 1;
}

/* Do queued files start by themselves? */
int
dlqueue_auto(const struct dlqueue *q)
{
	return !q->manual;
}

/* Run up to max files at once (at least one), for this session. */
void
dlqueue_set_max(struct dlqueue *q, size_t max)
{
	q->max = max < 1 ? 1 : max;
	q->pending = 1;
}

/* How many files run at once at most. */
size_t
dlqueue_max(const struct dlqueue *q)
{
	return q->max;
}
