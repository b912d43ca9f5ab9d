/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * sync-push.c: pushing the queued marks to the server urls-source names,
 * without the rest of a sync: the reader does it shortly after a mark is
 * made (ui-sync.c).  A push is a sync that logs in, pushes the queue in
 * batches and stops, on an engine of its own, stepped by the caller's
 * loop.  What it fails to push stays queued for the next sync or push.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "fetch-int.h"
#include "sync-int.h"

struct sync_push {
	struct fetch_engine	*engine;
	struct sync		*sync;
};

/* Start pushing the queue; NULL with a reason when the settings lack. */
struct sync_push *
sync_push_start(struct cache *cache, const struct config *cfg, char **cause)
{
	struct sync_push	*p;
	struct fetch_options	 opts;

	fetch_options_default(&opts);
	fetch_options_config(&opts, cfg);
	p = xcalloc(1, sizeof *p);
	p->engine = fetch_engine_create(&opts);
	if ((p->sync = sync_create(cache, p->engine, cfg, cause)) == NULL) {
		sync_push_free(p);
		return NULL;
	}
	p->sync->push_only = 1;
	sync_start(p->sync);
	return p;
}

/*
 * Wait up to timeout_ms for the server or one of the file descriptors, and
 * read what came back; the mask of the descriptors readable, as
 * fetch_engine_wait.
 */
int
sync_push_wait(struct sync_push *p, const int *fds, int nfds, int timeout_ms)
{
	struct fetch_jobs	 done;
	struct fetch_job	*job;
	int			 mask;

	mask = fetch_engine_wait(p->engine, fds, nfds, timeout_ms);
	fetch_jobs_init(&done);
	fetch_engine_take(p->engine, &done);
	while ((job = fetch_jobs_pop(&done)) != NULL) {
		sync_settle(p->sync, job);
		fetch_job_free(job);
		fetch_engine_release(p->engine);
	}
	return mask;
}

/*
 * Has the push ended?  0 while it runs, 1 when every mark is on the
 * server, -1 when it failed, with the reason (sanitized) in cause.
 */
int
sync_push_done(struct sync_push *p, char **cause)
{
	struct sync	*s = p->sync;

	if (!sync_done(s))
		return 0;
	if (!s->failed)
		return 1;
	*cause = utf8_sanitize_line(s->error, strlen(s->error));
	return -1;
}

void
sync_push_free(struct sync_push *p)
{
	if (p == NULL)
		return;
	/* The engine first: no answer comes back to a freed sync. */
	fetch_engine_free(p->engine);
	sync_free(p->sync);
	free(p);
}
