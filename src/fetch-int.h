/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fetch-int.h: what the transfer engine (fetch.c) and the reload that
 * drives it into the cache (reload.c) share: a job, and the engine's calls.
 * No curl type and no cache here: the engine's transfer state stays in
 * fetch.c, the cache in reload.c.
 */
#ifndef FETCH_INT_H
#define FETCH_INT_H

#include <stdatomic.h>

/*
 * Finished jobs waiting for the caller before nothing starts: enough to
 * ride out a WAL checkpoint (its fsyncs) on the caller's thread, and the
 * most kept in one transaction (reload.c).  Each held job costs memory:
 * the reload's peak is measured by `make bench` (bench/RESULTS.md).
 */
#define FETCH_HELD_MAX		32

struct fetch_transfer;

/*
 * One feed, page or local source.  The caller fills in what to fetch and
 * sends it; it belongs to the transfer thread until it comes back, done.
 */
struct fetch_job {
	/* Filled in by the caller. */
	struct urls_entry	 entry;
	int			 page;		/* a page, not a feed */
	int			 image; /* a page that is an image */
	int			 download; /* a file, written to fd */
	int			 fd; /* the download's, open */
	int64_t			 offset; /* bytes already in it: Range */
	int			 local;		/* a local file or folder */
	int			 api; /* a sync server's call (its
						   kind): the body as it came */
	char			*post; /* a request body: POST */
	const char		*post_type; /* its Content-Type */
	char			*auth; /* an Authorization header */
	char			*host;		/* of url, from fetch_host */
	char			*url;		/* what is requested */
	struct cache_feed_state	 state;		/* validators, back-off */
	/* The outcome, set by the engine. */
	enum fetch_status	 status;
	char			*reason;	/* why it failed, not sanitized */
	long			 code;		/* status of the last response */
	char			*base;		/* the final URL of a 200 */
	char			*content_type;	/* of a 200 */
	struct buf		 body;		/* a page's, as it came */
	struct feed		*feed;		/* a 200 feed or local, parsed */
	char			*etag;		/* of the last response */
	char			*last_modified;
	int			 permanent;	/* redirects seen, 301/308 */
	int			 tries; /* made so far: download-retries */
	/* A download's progress, read by the caller while it runs. */
	_Atomic int64_t		 got; /* bytes written this time */
	_Atomic int64_t		 total; /* the file's, -1 unknown */
	_Atomic int		 cancel; /* fetch_engine_cancel'ed */
	int			 temporary;	/* and the others */
	/* The caller's, once it came back. */
	int			 stored;	/* kept in a batch already */
	long			 added;		/* its new articles */
	/* The engine's. */
	struct fetch_transfer	*transfer;
	int			 unparsed;	/* for the caller to parse */
	struct fetch_job	*next;
};

/* Jobs in order: a singly linked list with a tail. */
struct fetch_jobs {
	struct fetch_job	*head;
	struct fetch_job	**tail;
};

struct fetch_engine;

struct fetch_job	*fetch_job_create(const char *);
void			 fetch_job_free(struct fetch_job *);
void			 fetch_jobs_init(struct fetch_jobs *);
void			 fetch_jobs_push(struct fetch_jobs *,
			     struct fetch_job *);
struct fetch_job	*fetch_jobs_pop(struct fetch_jobs *);
void			 fetch_jobs_splice(struct fetch_jobs *,
			     struct fetch_jobs *);
void			 fetch_jobs_free(struct fetch_jobs *);
char			*fetch_host(const char *);

struct fetch_engine	*fetch_engine_create(const struct fetch_options *);
void			 fetch_engine_free(struct fetch_engine *);
void			 fetch_engine_send(struct fetch_engine *,
			     struct fetch_job *);
void			 fetch_engine_take(struct fetch_engine *,
			     struct fetch_jobs *);
void			 fetch_engine_release(struct fetch_engine *);
int			 fetch_engine_wait(struct fetch_engine *, const int *,
			     int, int);
uint64_t		 fetch_engine_bytes(struct fetch_engine *);
void fetch_engine_cancel(struct fetch_engine *, struct fetch_job *);

#endif
