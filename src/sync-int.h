/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * sync-int.h: what the sync files share: the driver (sync.c), which
 * reload.c runs in place of the feed list when urls-source names a server,
 * and each server's API (sync-ttrss.c, sync-greader.c).  One call to the
 * server is in flight at a time; each answer decides the next call.
 */
#ifndef SYNC_INT_H
#define SYNC_INT_H

/* Marks pushed in one call, and ids asked for in one page. */
#define SYNC_PUSH_BATCH		250
#define SYNC_TTRSS_PAGE		200	/* TT-RSS's own cap */
#define SYNC_GREADER_PAGE	1000
#define SYNC_TTRSS_DEPTH	32	/* categories nested, at most */
#define SYNC_GREADER_IDS	10000
/*
 * Pages asked for at once where the API pages by offset (TT-RSS's skip):
 * its PHP answers a page in 40 ms to 300 ms, most of it its own start and
 * queries, so a few at a time fill the server's workers (FreshRSS pages by
 * continuation tokens: one at a time).
 */
#define SYNC_PARALLEL		4
/*
 * TT-RSS cannot say which marks changed since a time, and reading every
 * unread id again takes 50 pages of about a second for 10,000 articles.
 * Its "recently read" feed (-6) lists what was read in the last day: with
 * those applied, a feed whose unread count is still not the cache's had
 * something marked unread, and only then is every unread id read.  That
 * holds while the last sync is younger than the feed's day.
 */
#define SYNC_FULL_SECONDS	(20 * 3600)
/*
 * TT-RSS's getFeedTree, which tells how categories nest, costs two or
 * three times getCategories, which does not: the tree is kept and asked
 * for again when the categories' ids or titles change, or once it is this
 * old (a category moved under another, and nothing else changed).
 */
#define SYNC_TREE_SECONDS	(20 * 3600)

struct sync;
struct fetch_job;

/* Where a sync is: each server's API walks through these in order. */
enum sync_step {
	SYNC_LOGIN,
	SYNC_TOKEN,		/* GReader's token for writes */
	SYNC_PUSH,
	SYNC_SUBSCRIBE,		/* `tidings add` */
	SYNC_UNSUBSCRIBE,	/* `tidings remove` */
	SYNC_CATEGORIES,
	SYNC_TREE,		/* TT-RSS's nesting, when they changed */
	SYNC_FEEDS,
	SYNC_ARTICLES,
	SYNC_RECENT,		/* TT-RSS's recently read */
	SYNC_UNREAD,
	SYNC_STARRED,
	SYNC_DONE
};
#define SYNC_KINDS	(SYNC_DONE + 1)
/*
 * A call's job->api is 1 + its step + (2 * login + ahead) * SYNC_KINDS:
 * the step its answer is for (its kind), the login it was made under, and
 * whether it was sent ahead of its step (sync_ahead).
 */
#define SYNC_KIND(job)	((enum sync_step)(((job)->api - 1) % SYNC_KINDS))
#define SYNC_GEN(job)	(((job)->api - 1) / SYNC_KINDS / 2)
#define SYNC_AHEAD(job)	(((job)->api - 1) / SYNC_KINDS % 2)

/* A call sent ahead of its step (sync_ahead), by its kind. */
enum sync_ahead {
	SYNC_AHEAD_NONE,
	SYNC_AHEAD_SENT,	/* in flight, its step not reached */
	SYNC_AHEAD_ADOPTED,	/* in flight, its step's first call */
	SYNC_AHEAD_KEPT		/* answered before its step: kept */
};

/* A subscription as the server gives it. */
struct sync_feed {
	char			*id;		/* the server's */
	char			*category;	/* its server id, then name */
	struct urls_entry	 entry;		/* url, category */
	struct feed		*feed;		/* articles of this page */
	long			 unread;	/* the server's count, or -1 */
};

/* One server's API. */
struct sync_api {
	const char	*name;		/* "TT-RSS", for messages */
	const char	*prefix;	/* of its articles' keys */
	/* Send the call of the sync's step (its page, its batch). */
	void		 (*send)(struct sync *);
	/* Send one call of the step: its first page (for sync_ahead). */
	void		 (*call)(struct sync *);
	/*
	 * Read an answer (a 200) to the call of SYNC_KIND(job) (a login's
	 * may come back while another step waits for it): 0 when taken (the
	 * step moved on or its page did), -1 with s->error set; SYNC_RELOGIN
	 * when the session has expired.
	 */
	int		 (*take)(struct sync *, struct fetch_job *);
};
#define SYNC_RELOGIN	1

struct sync {
	const struct sync_api	*api;
	struct cache		*cache;
	struct fetch_engine	*engine;
	char			*server;	/* its URL, for messages */
	char			*base;		/* where its API answers */
	char			*login;
	char			*password;	/* cleared when freed */
	char			*session;	/* cleared when freed */
	char			*token;		/* cleared when freed */
	enum sync_step		 step;
	int			 inflight;	/* calls sent, not answered */
	int			 stale;		/* of them, of an older login */
	int			 gen;		/* logins: older answers dropped */
	/* Calls sent ahead of their steps, by kind, and their answers. */
	enum sync_ahead		 ahead[SYNC_KINDS];
	struct fetch_job	*kept[SYNC_KINDS];
	int			 nahead;	/* SENT: in flight, not waited for */
	int			 sending_ahead;
	int			 push_only;	/* log in, push the queue, stop */
	int			 ended;		/* a short page came back */
	int			 relogged;	/* logged in again once */
	int			 failed;
	char			*error;		/* why, not yet sanitized */
	char			*warning;	/* said once, sync goes on */
	/* The step's paging. */
	long			 skip;
	char			*continuation;
	int64_t			 since;		/* since_id, or ot */
	int64_t			 newest;	/* what this sync saw */
	struct buf		 ids;		/* JSON array of keys */
	/* What the server gave. */
	struct sync_feed	*feeds;
	size_t			 nfeeds;
	char			**categories;	/* id, name, id, name ... */
	size_t			 ncategories;
	char			*catkeys;	/* TT-RSS's, as they came */
	/* The marks being pushed. */
	struct cache_sync_mark	*marks;
	size_t			 nmarks;
	size_t			 firstmark;
	size_t			 nbatch;	/* of the call in flight */
	/* For `tidings add` and remove. */
	char			*subscribe_url;
	char			*subscribe_category;
	int			 remove;
	/* Counted for the progress line. */
	long			 added;
	long			 pages;
};

extern const struct sync_api	sync_ttrss_api;
extern const struct sync_api	sync_greader_api;

/* sync.c, for reload.c */
struct sync	*sync_create(struct cache *, struct fetch_engine *,
    const struct config *, char **);
void		 sync_free(struct sync *);
void		 sync_start(struct sync *);
void		 sync_settle(struct sync *, struct fetch_job *);
int		 sync_done(struct sync *);

/* sync.c, for the APIs */
void sync_call(struct sync *, const char *, char *, const char *, char *);
void sync_fail(struct sync *, const char *, ...) printflike(2, 3);
void		 sync_next(struct sync *, enum sync_step);
int		 sync_paged(enum sync_step);
enum sync_step	 sync_after_login(struct sync *);
struct sync_feed *sync_find_feed(struct sync *, const char *);
void sync_add_feed(struct sync *, const char *, const char *, const char *,
    const char *);
const char	*sync_category_name(struct sync *, const char *);
void		 sync_id_add(struct sync *, const char *);
const char	*sync_ids_json(struct sync *);
int		 sync_store(struct sync *, struct buf *, struct buf *);
int		 sync_ids_done(struct sync *, int, int);
int64_t		 sync_since(struct sync *);
int		 sync_keep_since(struct sync *, int64_t);
const struct cache_sync_mark *sync_batch(struct sync *, struct buf *,
    const char *);
void		 sync_pushed(struct sync *);
void		 sync_ahead(struct sync *, enum sync_step);
int		 sync_has_marks(struct sync *);
int		 sync_waiting(struct sync *);
int		 sync_adopt(struct sync *, long);
char		*sync_form(const char *, ...);

#endif
