/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * sync.c: syncing the cache with a server when urls-source names one
 * (Newsboat's settings: freshrss-url, ttrss-login, ...).  reload.c runs a
 * sync in place of the feed list, on the same transfer engine and in the
 * same loop, so the reader stays live: each call to the server is a job
 * (fetch.c, an API job: a POST or a GET whose answer comes back as it
 * came), and each answer is read here, on the caller's thread, and decides
 * the next call.  The steps, each server's API filling them in
 * (sync-ttrss.c, sync-greader.c):
 *
 *	log in; push the marks queued in the cache, in batches; read the
 *	subscriptions and their categories; read the articles new since the
 *	last sync, page after page, storing each page; read every unread and
 *	every starred id and apply them, except where a mark made here waits.
 *
 * The password and the session live in memory only, cleared when freed:
 * never in the cache, a log or a message.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "fetch-int.h"
#include "sync-int.h"

/* A password command's output kept, and a password file's read. */
#define SYNC_SECRET_MAX 4096

static void  sync_clear(char **);
static char *sync_password(const struct config *, const char *, char **,
    char **);
static char *sync_setting(const struct config *, const char *, const char *);

static const char *sync_keys(struct buf *);
static void	   sync_keep(struct sync *, struct fetch_job *);
static void	   sync_forget_ahead(struct sync *);

/*
 * Which server the configuration names, or -1 with a reason (when cause is
 * not NULL).
 */
int
sync_source(const struct config *cfg, char **cause)
{
	const char *s;

	s = config_get_string(cfg, "urls-source");
	if (*s == '\0' || strcmp(s, "local") == 0)
		return SYNC_LOCAL;
	if (strcmp(s, "freshrss") == 0)
		return SYNC_FRESHRSS;
	if (strcmp(s, "ttrss") == 0)
		return SYNC_TTRSS;
	if (cause == NULL)
		return -1;
	xasprintf(cause,
	    _("urls-source: %s is not supported (local, "
	      "freshrss or ttrss)"),
	    s);
	return -1;
}

static char *
sync_setting(const struct config *cfg, const char *server, const char *name)
{
	char	   *full;
	const char *v;

	xasprintf(&full, "%s-%s", server, name);
	v = config_get_string(cfg, full);
	free(full);
	return *v != '\0' ? xstrdup(v) : NULL;
}

/* Clear a secret and free it. */
static void
sync_clear(char **s)
{
	if (*s != NULL) {
		explicit_bzero(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

/*
 * The password, from SERVER-password, else the first line of
 * SERVER-passwordfile (a file others may read gives a warning), else the
 * first line SERVER-passwordeval's command prints (run with an argv, no
 * shell).  NULL with a reason that never holds the password.
 */
static char *
sync_password(const struct config *cfg, const char *server, char **warning,
    char **cause)
{
	struct buf  b;
	struct stat sb;
	char	   *v, *why = NULL, **argv;
	int	    rc;

	if ((v = sync_setting(cfg, server, "password")) != NULL)
		return v;
	buf_init(&b);
	if ((v = sync_setting(cfg, server, "passwordfile")) != NULL) {
		if (stat(v, &sb) == 0 && (sb.st_mode & 077) != 0)
			xasprintf(warning,
			    _("%s: the password file can be "
			      "read by others (chmod 600 it)"),
			    v);
		rc = buf_read_file(&b, v, SYNC_SECRET_MAX, &why);
		if (rc != 0) {
			xasprintf(cause, _("%s-passwordfile: %s"), server, why);
			free(why);
		}
		free(v);
	} else if ((v = sync_setting(cfg, server, "passwordeval")) != NULL) {
		if ((argv = spawn_make_argv(v, NULL)) == NULL) {
			xasprintf(cause, _("%s-passwordeval: no command"),
			    server);
			rc = -1;
		} else {
			rc = spawn_read(argv, &b, SYNC_SECRET_MAX, &why);
			if (rc != 0) {
				xasprintf(cause, _("%s-passwordeval: %s"),
				    server, why);
				free(why);
			}
			spawn_free_argv(argv);
		}
		free(v);
	} else {
		xasprintf(cause,
		    _("no password: set %s-password, "
		      "%s-passwordfile or %s-passwordeval"),
		    server, server, server);
		return NULL;
	}
	if (rc != 0) {
		explicit_bzero(b.data, b.len);
		buf_free(&b);
		return NULL;
	}
	buf_addc(&b, '\0');
	v = buf_detach(&b);
	v[strcspn(v, "\r\n")] = '\0';
	return v;
}

/*
 * Make a sync for the server the configuration names (never local), on
 * the engine; NULL with a reason when a setting is missing.
 */
struct sync *
sync_create(struct cache *cache, struct fetch_engine *engine,
    const struct config *cfg, char **cause)
{
	struct sync *s;
	const char  *server;
	char	    *url, *warning = NULL;
	size_t	     len;
	int	     source;

	if ((source = sync_source(cfg, cause)) == -1)
		return NULL;
	server = source == SYNC_TTRSS ? "ttrss" : "freshrss";
	if ((url = sync_setting(cfg, server, "url")) == NULL) {
		xasprintf(cause, _("urls-source is %s: set %s-url"), server,
		    server);
		return NULL;
	}
	if (!url_is_web(url)) {
		xasprintf(cause, _("%s-url: not an http or https URL"), server);
		free(url);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->cache = cache;
	s->engine = engine;
	s->server = url;
	buf_init(&s->ids);
	len = strlen(url);
	if (source == SYNC_TTRSS) {
		s->api = &sync_ttrss_api;
		/* Newsboat's ttrss-url is the installation; "/api/" is ours. */
		if (len >= 5 && strcmp(url + len - 5, "/api/") == 0)
			s->base = xstrdup(url);
		else
			xasprintf(&s->base, "%s%sapi/", url,
			    url[len - 1] == '/' ? "" : "/");
		if (strcmp(config_get_string(cfg, "ttrss-mode"), "single") == 0)
			s->login = xstrdup("admin");
	} else {
		s->api = &sync_greader_api;
		/* Newsboat's freshrss-url may name greader.php itself. */
		if (len >= 11 && strcmp(url + len - 11, "greader.php") == 0)
			s->base = xstrdup(url);
		else if (len >= 12 &&
		    strcmp(url + len - 12, "greader.php/") == 0)
			s->base = xstrndup(url, len - 1);
		else
			xasprintf(&s->base, "%s%sapi/greader.php", url,
			    url[len - 1] == '/' ? "" : "/");
	}
	if (s->login == NULL &&
	    (s->login = sync_setting(cfg, server, "login")) == NULL) {
		xasprintf(cause, _("urls-source is %s: set %s-login"), server,
		    server);
		sync_free(s);
		return NULL;
	}
	s->password = sync_password(cfg, server, &warning, cause);
	if (s->password == NULL && s->api == &sync_ttrss_api &&
	    strcmp(config_get_string(cfg, "ttrss-mode"), "single") == 0) {
		free(*cause);
		*cause = NULL;
		s->password = xstrdup("");
	}
	s->warning = warning;
	if (s->password == NULL) {
		sync_free(s);
		return NULL;
	}
	return s;
}

void
sync_free(struct sync *s)
{
	size_t i;

	if (s == NULL)
		return;
	sync_clear(&s->password);
	sync_clear(&s->session);
	sync_clear(&s->token);
	free(s->server);
	free(s->base);
	free(s->login);
	free(s->error);
	free(s->warning);
	free(s->continuation);
	buf_free(&s->ids);
	for (i = 0; i < s->nfeeds; i++) {
		free(s->feeds[i].id);
		free(s->feeds[i].category);
		urls_entry_clear(&s->feeds[i].entry);
		feed_free(s->feeds[i].feed);
	}
	free(s->feeds);
	for (i = 0; i < s->ncategories; i++)
		free(s->categories[i]);
	free(s->categories);
	free(s->catkeys);
	cache_sync_marks_free(s->marks, s->nmarks);
	for (i = 0; i < SYNC_KINDS; i++)
		fetch_job_free(s->kept[i]);
	free(s->subscribe_url);
	free(s->subscribe_category);
	free(s);
}

/* Start: log in. */
void
sync_start(struct sync *s)
{
	s->step = SYNC_LOGIN;
	s->api->send(s);
}

/* Has the sync ended, done or failed? */
int
sync_done(struct sync *s)
{
	return s->inflight == 0 && (s->failed || s->step == SYNC_DONE);
}

/*
 * Send a call to the server: path (after the API's base), a body to POST (given; NULL for a GET) of type, and an
 * Authorization header (given).
 */
void
sync_call(struct sync *s, const char *path, char *post, const char *type,
    char *auth)
{
	struct fetch_job *job;

	job = fetch_job_create(s->server);
	job->api = 1 + (int)s->step +
	    (2 * s->gen + (s->sending_ahead != 0)) * SYNC_KINDS;
	if (s->sending_ahead) {
		s->ahead[s->step] = SYNC_AHEAD_SENT;
		s->nahead++;
	}
	xasprintf(&job->url, "%s%s", s->base, path);
	job->host = fetch_host(job->url);
	job->post = post;
	job->post_type = type;
	job->auth = auth;
	s->inflight++;
	log_debug("sync: step %d, page at %ld", (int)s->step, s->skip);
	fetch_engine_send(s->engine, job);
}

/* The sync failed: say why (the server's name goes first). */
void
sync_fail(struct sync *s, const char *fmt, ...)
{
	va_list ap;
	char   *why;

	va_start(ap, fmt);
	if (vasprintf(&why, fmt, ap) == -1)
		fatal("out of memory");
	va_end(ap);
	free(s->error);
	xasprintf(&s->error, "%s: %s", s->api->name, why);
	free(why);
	s->failed = 1;
}

/* The step after logging in: pushing marks, or changing subscriptions. */
enum sync_step
sync_after_login(struct sync *s)
{
	if (s->subscribe_url == NULL)
		return SYNC_PUSH;
	return s->remove ? SYNC_UNSUBSCRIBE : SYNC_SUBSCRIBE;
}

/* Go on to a step. */
void
sync_next(struct sync *s, enum sync_step step)
{
	s->step = step;
	s->skip = 0;
	s->ended = 0;
	free(s->continuation);
	s->continuation = NULL;
	buf_truncate(&s->ids, 0);
}

/* An answer came back: read it, and send the next call. */
void
sync_settle(struct sync *s, struct fetch_job *job)
{
	enum sync_step was = s->step, kind = SYNC_KIND(job);
	int	       rc;

	s->inflight--;
	s->pages++;
	/* An answer to a call made before a new login, or after a failure. */
	if (SYNC_GEN(job) != s->gen) {
		s->stale--;
		return;
	}
	if (SYNC_AHEAD(job) && s->ahead[kind] == SYNC_AHEAD_SENT) {
		s->nahead--;
		if (!s->failed)
			sync_keep(s, job);
		return;
	}
	if (SYNC_AHEAD(job))
		s->ahead[kind] = SYNC_AHEAD_NONE;
	if (s->failed)
		return;
	if (job->status == FETCH_OK)
		rc = s->api->take(s, job);
	else if (job->status == FETCH_ERR_HTTP &&
	    (job->code == 401 || job->code == 403) && kind != SYNC_LOGIN)
		rc = SYNC_RELOGIN;
	else if (job->status == FETCH_ERR_HTTP &&
	    (job->code == 401 || job->code == 403)) {
		sync_fail(s,
		    _("login refused: wrong login or password, or "
		      "API access disabled (HTTP %ld)"),
		    job->code);
		rc = -1;
	} else if (job->status == FETCH_ERR_HTTP && job->code == 503) {
		/* FreshRSS answers every call so when its API is off. */
		sync_fail(s,
		    _("its API is disabled, or it is unavailable "
		      "(HTTP 503)"));
		rc = -1;
	} else {
		sync_fail(s, "%s",
		    job->reason != NULL ? job->reason :
					  fetch_status_name(job->status));
		rc = -1;
	}
	if (rc == SYNC_RELOGIN) {
		/* An expired session: log in once more, then go on. */
		if (s->relogged) {
			sync_fail(s,
			    _("the server refused the session after "
			      "a new login"));
			return;
		}
		s->relogged = 1;
		sync_clear(&s->session);
		sync_clear(&s->token);
		sync_forget_ahead(s);
		s->stale = s->inflight;
		/*
		 * The calls still out are dropped when they come back, and
		 * the step starts again once logged in (its pages stored so
		 * far are found again by their keys).
		 */
		s->gen++;
		sync_next(s, was);
		s->step = SYNC_LOGIN;
		s->api->send(s);
		/* The login's answer goes back to this step (its kind). */
		s->step = was;
		return;
	}
	if (rc != 0 || s->failed || s->step == SYNC_DONE)
		return;
	/*
	 * One call at a time, but for the pages of an offset, and for the
	 * calls sent ahead of their steps.
	 */
	if (sync_waiting(s) > 0 && !sync_paged(s->step))
		return;
	s->api->send(s);
}

/*
 * Send the first call of a later step now, with the step's answer coming
 * back to it when it is reached (sync_adopt): calls that do not wait for
 * each other's answers go out at once, and each answer is still read in
 * the order of the steps.
 */
void
sync_ahead(struct sync *s, enum sync_step step)
{
	enum sync_step was = s->step;
	long	       skip = s->skip;
	char	      *continuation = s->continuation;

	s->step = step;
	s->skip = 0;
	s->continuation = NULL;
	s->sending_ahead = 1;
	s->api->call(s);
	s->sending_ahead = 0;
	s->step = was;
	s->skip = skip;
	s->continuation = continuation;
}

/*
 * Was the step's first call sent ahead?  Then it is the step's call in
 * flight, or its answer is read now; skip moves on by the page first.
 */
int
sync_adopt(struct sync *s, long page)
{
	struct fetch_job *job;

	switch (s->ahead[s->step]) {
	case SYNC_AHEAD_SENT:
		s->ahead[s->step] = SYNC_AHEAD_ADOPTED;
		s->nahead--;
		s->skip += page;
		return 1;
	case SYNC_AHEAD_KEPT:
		job = s->kept[s->step];
		s->kept[s->step] = NULL;
		s->ahead[s->step] = SYNC_AHEAD_NONE;
		s->skip += page;
		s->inflight++; /* counted again as it settles */
		s->pages--;
		sync_settle(s, job);
		fetch_job_free(job);
		return 1;
	default:
		return 0;
	}
}

/* An answer came back before its step: kept, its body moved. */
static void
sync_keep(struct sync *s, struct fetch_job *job)
{
	struct fetch_job *k;
	enum sync_step	  kind = SYNC_KIND(job);

	k = fetch_job_create(s->server);
	k->api = job->api;
	k->status = job->status;
	k->code = job->code;
	k->reason = job->reason;
	job->reason = NULL;
	k->body = job->body;
	buf_init(&job->body);
	s->kept[kind] = k;
	s->ahead[kind] = SYNC_AHEAD_KEPT;
}

/* A new login: what was sent ahead is sent again when its step comes. */
static void
sync_forget_ahead(struct sync *s)
{
	size_t i;

	for (i = 0; i < SYNC_KINDS; i++) {
		fetch_job_free(s->kept[i]);
		s->kept[i] = NULL;
		s->ahead[i] = SYNC_AHEAD_NONE;
	}
	s->nahead = 0;
}

/* Is a step's paging by offset, its pages asked for together? */
int
sync_paged(enum sync_step step)
{
	return step == SYNC_ARTICLES || step == SYNC_RECENT ||
	    step == SYNC_UNREAD || step == SYNC_STARRED;
}

/* The subscription of a server id, or NULL. */
struct sync_feed *
sync_find_feed(struct sync *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nfeeds; i++) {
		if (strcmp(s->feeds[i].id, id) == 0)
			return &s->feeds[i];
	}
	return NULL;
}

/* A subscription: server id, URL, title, site link and category. */
void
sync_add_feed(struct sync *s, const char *id, const char *url,
    const char *title, const char *category)
{
	struct sync_feed *f;

	s->feeds = xreallocarray(s->feeds, s->nfeeds + 1, sizeof *s->feeds);
	f = &s->feeds[s->nfeeds++];
	memset(f, 0, sizeof *f);
	f->id = xstrdup(id);
	f->entry.url = xstrdup(url);
	if (category != NULL && *category != '\0')
		urls_add_category(&f->entry, category);
	f->feed = feed_create();
	f->feed->format = "sync";
	f->feed->title = title != NULL ? xstrdup(title) : NULL;
	f->feed->wellformed = 1;
	f->unread = -1;
}

/* The name of a category id (TT-RSS), or NULL. */
const char *
sync_category_name(struct sync *s, const char *id)
{
	size_t i;

	for (i = 0; i + 1 < s->ncategories; i += 2) {
		if (strcmp(s->categories[i], id) == 0)
			return s->categories[i + 1];
	}
	return NULL;
}

/* Add an article id (without the prefix) to the JSON array of keys. */
void
sync_id_add(struct sync *s, const char *id)
{
	const char *p;

	/* Ids are numbers: anything else is not the server's. */
	if (*id == '\0')
		return;
	for (p = id; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return;
	}
	buf_addc(&s->ids, s->ids.len == 0 ? '[' : ',');
	buf_printf(&s->ids, "\"%s%s\"", s->api->prefix, id);
}

/* The ids read so far, as a JSON array of keys. */
const char *
sync_ids_json(struct sync *s)
{
	return sync_keys(&s->ids);
}

static const char *
sync_keys(struct buf *b)
{
	if (b->len == 0)
		buf_adds(b, "[");
	if (b->data[b->len - 1] != ']')
		buf_addc(b, ']');
	return b->data;
}

/*
 * Store the articles of a page, with the subscriptions (titles and
 * categories), in one transaction; read and starred (JSON arrays of keys,
 * may be empty) are the server's marks of the page's articles.
 */
int
sync_store(struct sync *s, struct buf *read, struct buf *starred)
{
	struct sync_feed *f;
	char		 *cause = NULL;
	size_t		  i;
	long		  added;

	if (cache_batch_begin(s->cache, &cause) != 0)
		goto fail;
	for (i = 0; i < s->nfeeds; i++) {
		f = &s->feeds[i];
		if (f->feed->nitems == 0 && s->step != SYNC_FEEDS)
			continue;
		if (cache_store_feed(s->cache, f->entry.url, &f->entry, f->feed,
			&added, &cause) != 0 ||
		    cache_sync_feed(s->cache, f->entry.url, &cause) != 0)
			goto fail;
		s->added += added;
	}
	if (read != NULL &&
	    (cache_sync_marks(s->cache, s->api->prefix, 0, sync_keys(read), 0,
		 0, &cause) != 0 ||
		cache_sync_marks(s->cache, s->api->prefix, 1,
		    sync_keys(starred), 0, 0, &cause) != 0))
		goto fail;
	if (cache_batch_end(s->cache, 1, &cause) != 0)
		goto fail;
	for (i = 0; i < s->nfeeds; i++) {
		f = &s->feeds[i];
		while (f->feed->nitems > 0)
			item_free(f->feed->items[--f->feed->nitems]);
	}
	return 0;

fail:
	cache_batch_end(s->cache, 0, NULL);
	sync_fail(s, _("cache: %s"), cause != NULL ? cause : "?");
	free(cause);
	return -1;
}

/*
 * Where the last sync's articles ended (since_id, ot), 0 when none or when
 * they came from another server or login.
 */
int64_t
sync_since(struct sync *s)
{
	char   *name, *server, *v, *want;
	int64_t since = 0;

	xasprintf(&name, "%sserver", s->api->prefix);
	server = cache_sync_get(s->cache, name);
	free(name);
	xasprintf(&name, "%ssince", s->api->prefix);
	v = cache_sync_get(s->cache, name);
	free(name);
	xasprintf(&want, "%s|%s", s->base, s->login);
	if (server != NULL && v != NULL && strcmp(server, want) == 0)
		since = strtoll(v, NULL, 10);
	free(want);
	free(server);
	free(v);
	return since;
}

/* Keep where this sync's articles ended, and with which server. */
int
sync_keep_since(struct sync *s, int64_t since)
{
	char *name, *server, value[32], *cause = NULL;
	int   rc;

	xasprintf(&name, "%sserver", s->api->prefix);
	xasprintf(&server, "%s|%s", s->base, s->login);
	rc = cache_sync_put(s->cache, name, server, &cause);
	free(server);
	free(name);
	if (rc == 0) {
		xasprintf(&name, "%ssince", s->api->prefix);
		snprintf(value, sizeof value, "%lld", (long long)since);
		rc = cache_sync_put(s->cache, name, value, &cause);
		free(name);
	}
	if (rc != 0) {
		sync_fail(s, _("cache: %s"), cause);
		free(cause);
	}
	return rc;
}

/*
 * Every id with a mark (field 0: unread, 1: starred) has been read into
 * s->ids: apply them to every article of the server.
 */
int
sync_ids_done(struct sync *s, int field, int invert)
{
	char *cause = NULL;

	if (cache_sync_marks(s->cache, s->api->prefix, field,
		sync_keys(&s->ids), invert, 1, &cause) != 0) {
		sync_fail(s, _("cache: %s"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

/*
 * The next batch of queued marks to push, its ids joined by sep into b,
 * or NULL when none is left (the queue is read at the first call).
 */
const struct cache_sync_mark *
sync_batch(struct sync *s, struct buf *b, const char *sep)
{
	struct cache_sync_mark *m;
	size_t			i;

	if (!sync_has_marks(s))
		return NULL;
	m = &s->marks[s->firstmark];
	buf_truncate(&s->ids, 0);
	for (i = s->firstmark;
	     i < s->nmarks && i - s->firstmark < SYNC_PUSH_BATCH; i++) {
		if (s->marks[i].field != m->field ||
		    s->marks[i].value != m->value)
			break;
		if (i > s->firstmark)
			buf_adds(b, sep);
		buf_adds(b, s->marks[i].id);
		buf_addc(&s->ids, s->ids.len == 0 ? '[' : ',');
		buf_printf(&s->ids, "\"%s%s\"", s->api->prefix, s->marks[i].id);
	}
	s->nbatch = i - s->firstmark;
	return m;
}

/* Are marks queued to push?  (The queue is read once.) */
int
sync_has_marks(struct sync *s)
{
	char *cause = NULL;

	if (s->marks == NULL && s->nmarks == 0 && s->firstmark == 0 &&
	    cache_sync_pending(s->cache, s->api->prefix, &s->marks, &s->nmarks,
		&cause) != 0) {
		log_debug("sync: %s", cause);
		free(cause);
	}
	return s->firstmark < s->nmarks;
}

/* The calls out that the step waits for. */
int
sync_waiting(struct sync *s)
{
	return s->inflight - s->stale - s->nahead;
}

/* The batch in flight is on the server: unqueue it. */
void
sync_pushed(struct sync *s)
{
	struct cache_sync_mark *m = &s->marks[s->firstmark];
	char		       *cause = NULL;

	if (cache_sync_pushed(s->cache, m->field, m->value, sync_keys(&s->ids),
		&cause) != 0) {
		log_debug("sync: %s", cause);
		free(cause);
	}
	s->firstmark += s->nbatch;
	buf_truncate(&s->ids, 0);
}

/*
 * A form body from NAME, VALUE pairs ending with NULL, percent-encoded.
 * A NAME may come more than once (GReader's i=).
 */
char *
sync_form(const char *name, ...)
{
	struct buf  b;
	va_list	    ap;
	const char *value;
	char	   *e;

	buf_init(&b);
	buf_adds(&b, "");
	va_start(ap, name);
	for (; name != NULL; name = va_arg(ap, const char *)) {
		value = va_arg(ap, const char *);
		if (b.len > 0)
			buf_addc(&b, '&');
		e = url_escape(value);
		buf_printf(&b, "%s=%s", name, e);
		explicit_bzero(e, strlen(e));
		free(e);
	}
	va_end(ap);
	return buf_detach(&b);
}

/*
 * `tidings add URL [CATEGORY]` and remove with a server: change its
 * subscriptions, waiting for the answer.
 */
int
sync_subscribe(const struct config *cfg, const char *url, const char *category,
    int remove, char **cause)
{
	struct fetch_options opts;
	struct fetch_engine *engine;
	struct fetch_jobs    done;
	struct fetch_job    *job;
	struct sync	    *s;
	int		     rc;

	fetch_options_default(&opts);
	fetch_options_config(&opts, cfg);
	engine = fetch_engine_create(&opts);
	if ((s = sync_create(NULL, engine, cfg, cause)) == NULL) {
		fetch_engine_free(engine);
		return -1;
	}
	s->subscribe_url = xstrdup(url);
	s->subscribe_category = category != NULL ? xstrdup(category) : NULL;
	s->remove = remove;
	sync_start(s);
	fetch_jobs_init(&done);
	while (!sync_done(s)) {
		fetch_engine_wait(engine, NULL, 0, 1000);
		fetch_engine_take(engine, &done);
		while ((job = fetch_jobs_pop(&done)) != NULL) {
			sync_settle(s, job);
			fetch_job_free(job);
			fetch_engine_release(engine);
		}
	}
	rc = s->failed ? -1 : 0;
	if (s->failed)
		*cause = utf8_sanitize_line(s->error, strlen(s->error));
	sync_free(s);
	fetch_engine_free(engine);
	return rc;
}
