/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * sync-greader.c: the Google Reader API as FreshRSS speaks it (Miniflux,
 * Inoreader, The Old Reader and BazQux speak it too), for sync.c.
 *
 *	accounts/ClientLogin		Email, Passwd -> "Auth=..." (then the
 *					header "Authorization: GoogleLogin
 *					auth=...")
 *	reader/api/0/token		the token T of every write
 *	reader/api/0/edit-tag		i=ID&i=ID..., a= or r= the read or
 *					starred state: the queued marks
 *	subscription/list		feeds, their labels (categories)
 *	stream/contents/.../reading-list  articles crawled since ot, oldest
 *					first (r=o), pages joined by the
 *					continuation c
 *	stream/items/ids		every unread id (xt=read) and every
 *					starred one, with continuations
 *	subscription/edit		ac=subscribe or unsubscribe
 *
 * Article ids come as "tag:google.com,2005:reader/item/<16 hex digits>" in
 * contents and as decimal numbers in ids: keys hold the decimal form.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tidings.h"
#include "fetch-int.h"
#include "sync-int.h"

#define GREADER_ITEM	"tag:google.com,2005:reader/item/"
#define GREADER_STATE	"user/-/state/com.google/"
#define GREADER_LABEL	"user/-/label/"

static void	 sync_greader_send(struct sync *);
static void	 sync_greader_call(struct sync *);
static void	 sync_greader_ahead(struct sync *);
static int	 sync_greader_take(struct sync *, struct fetch_job *);
static void	 sync_greader_get(struct sync *, const char *);
static void	 sync_greader_post(struct sync *, const char *, char *);
static char	*sync_greader_auth(struct sync *);
static int	 sync_greader_id(const char *, char *, size_t);
static int	 sync_greader_items(struct sync *, json_t *);
static int	 sync_greader_ids(struct sync *, json_t *, int, int);
static const char *sync_greader_href(json_t *);

const struct sync_api sync_greader_api = { "FreshRSS",
	"freshrss:", sync_greader_send, sync_greader_call, sync_greader_take };

static char *
sync_greader_auth(struct sync *s)
{
	char	*auth;

	if (s->session == NULL)
		return NULL;
	xasprintf(&auth, "GoogleLogin auth=%s", s->session);
	return auth;
}

static void
sync_greader_get(struct sync *s, const char *path)
{
	sync_call(s, path, NULL, NULL, sync_greader_auth(s));
}

/* POST a form (given away) with the write token. */
static void
sync_greader_post(struct sync *s, const char *path, char *form)
{
	char	*t, *body;

	t = url_escape(s->token != NULL ? s->token : "");
	xasprintf(&body, "%s&T=%s", form, t);
	free(t);
	free(form);
	sync_call(s, path, body, NULL, sync_greader_auth(s));
}

/*
 * The decimal id of an item id, long ("tag:...item/0005d1...", hex) or
 * short (decimal); -1 when it is neither.
 */
static int
sync_greader_id(const char *id, char *out, size_t size)
{
	const char	*p;
	char		*end;
	uint64_t	 n;
	int		 base = 10;

	if (id == NULL)
		return -1;
	if (strncmp(id, GREADER_ITEM, strlen(GREADER_ITEM)) == 0) {
		id += strlen(GREADER_ITEM);
		base = 16;
	}
	for (p = id; *p != '\0'; p++) {
		if (base == 10 ? (*p < '0' || *p > '9') :
				 strchr("0123456789abcdefABCDEF", *p) == NULL)
			return -1;
	}
	errno = 0;
	n = strtoull(id, &end, base);
	if (*id == '\0' || errno != 0 || *end != '\0')
		return -1;
	snprintf(out, size, "%" PRIu64, n);
	return 0;
}

/*
 * Send the step's call, one page after the other (continuations); a first
 * page may have been sent ahead.
 */
static void
sync_greader_send(struct sync *s)
{
	if (sync_waiting(s) > 0)
		return;
	if (s->continuation == NULL && sync_adopt(s, 0))
		return;
	sync_greader_call(s);
}

/* Once the marks are pushed, what a sync reads goes out at once. */
static void
sync_greader_ahead(struct sync *s)
{
	s->since = sync_since(s);
	sync_ahead(s, SYNC_FEEDS);
	sync_ahead(s, SYNC_ARTICLES);
	sync_ahead(s, SYNC_UNREAD);
	sync_ahead(s, SYNC_STARRED);
}

static void
sync_greader_call(struct sync *s)
{
	const struct cache_sync_mark	*m;
	struct buf			 b;
	char				*form, *e, *label, *path;
	const char			*state;

	switch (s->step) {
	case SYNC_LOGIN:
		sync_call(s, "/accounts/ClientLogin",
		    sync_form("Email", s->login, "Passwd", s->password,
			(char *)NULL),
		    NULL, NULL);
		return;
	case SYNC_TOKEN:
		sync_greader_get(s, "/reader/api/0/token");
		return;
	case SYNC_PUSH:
		buf_init(&b);
		buf_adds(&b, "i=");
		if ((m = sync_batch(s, &b, "&i=")) == NULL) {
			buf_free(&b);
			if (s->push_only) {
				sync_next(s, SYNC_DONE);
				return;
			}
			sync_greader_ahead(s);
			sync_next(s, SYNC_FEEDS);
			sync_greader_send(s);
			return;
		}
		state = m->field == 0 ? GREADER_STATE "read" :
					GREADER_STATE "starred";
		e = url_escape(state);
		buf_printf(&b, "&%s=%s", m->value ? "a" : "r", e);
		free(e);
		buf_addc(&b, '\0');
		sync_greader_post(s, "/reader/api/0/edit-tag", buf_detach(&b));
		return;
	case SYNC_SUBSCRIBE:
	case SYNC_UNSUBSCRIBE:
		xasprintf(&path, "feed/%s", s->subscribe_url);
		if (s->step == SYNC_SUBSCRIBE &&
		    s->subscribe_category != NULL) {
			xasprintf(&label, GREADER_LABEL "%s",
			    s->subscribe_category);
			form = sync_form("ac", "subscribe", "s", path, "a",
			    label, (char *)NULL);
			free(label);
		} else
			form = sync_form("ac",
			    s->step == SYNC_SUBSCRIBE ? "subscribe" :
							"unsubscribe",
			    "s", path, (char *)NULL);
		free(path);
		sync_greader_post(s, "/reader/api/0/subscription/edit", form);
		return;
	case SYNC_FEEDS:
		sync_greader_get(s,
		    "/reader/api/0/subscription/list?output=json");
		return;
	case SYNC_ARTICLES:
		e = url_escape(s->continuation != NULL ? s->continuation : "");
		xasprintf(&path,
		    "/reader/api/0/stream/contents/user/-/state/"
		    "com.google/reading-list?output=json&r=o&n=%d&ot=%lld&c=%s",
		    SYNC_GREADER_PAGE, (long long)s->since, e);
		free(e);
		sync_greader_get(s, path);
		free(path);
		return;
	case SYNC_UNREAD:
	case SYNC_STARRED:
		e = url_escape(s->continuation != NULL ? s->continuation : "");
		xasprintf(&path,
		    "/reader/api/0/stream/items/ids?output=json"
		    "&n=%d&c=%s&s=user/-/state/com.google/%s",
		    SYNC_GREADER_IDS, e,
		    s->step == SYNC_UNREAD ?
			"reading-list&xt=user/-/state/com.google/read" :
			"starred");
		free(e);
		sync_greader_get(s, path);
		free(path);
		return;
	default:
		return;
	}
}

/* The first href of a list of links (canonical, alternate). */
static const char *
sync_greader_href(json_t *list)
{
	return json_string_value(
	    json_object_get(json_array_get(list, 0), "href"));
}

/* A page of articles: stored with their marks. */
static int
sync_greader_items(struct sync *s, json_t *list)
{
	struct buf		 read, starred;
	struct sync_feed	*f;
	struct item		*item;
	json_t			*h, *c, *body;
	const char		*tag, *link, *feed, *type;
	char			 id[32];
	size_t			 i, j;
	int64_t			 crawl;
	int			 rc;

	buf_init(&read);
	buf_init(&starred);
	json_array_foreach(list, i, h)
	{
		feed = json_string_value(
		    json_object_get(json_object_get(h, "origin"), "streamId"));
		if (feed == NULL || (f = sync_find_feed(s, feed)) == NULL ||
		    sync_greader_id(json_string_value(json_object_get(h, "id")),
			id, sizeof id) != 0)
			continue;
		crawl = strtoll(json_string_value(json_object_get(h,
				    "crawlTimeMsec")) != NULL ?
				json_string_value(
				    json_object_get(h, "crawlTimeMsec")) :
				"0",
			    NULL, 10) /
		    1000;
		if (crawl > s->newest)
			s->newest = crawl;
		item = item_create();
		xasprintf(&item->guid, "freshrss:%s", id);
		item->title = feed_field(
		    json_string_value(json_object_get(h, "title")));
		if ((link = sync_greader_href(
			 json_object_get(h, "canonical"))) == NULL)
			link = sync_greader_href(
			    json_object_get(h, "alternate"));
		item->link = feed_field(link);
		item->author = feed_field(
		    json_string_value(json_object_get(h, "author")));
		if ((body = json_object_get(h, "content")) == NULL)
			body = json_object_get(h, "summary");
		item->content = feed_field(
		    json_string_value(json_object_get(body, "content")));
		if (json_is_integer(json_object_get(h, "published")))
			item->published = json_integer_value(
			    json_object_get(h, "published"));
		if (json_is_integer(json_object_get(h, "updated")))
			item->updated = json_integer_value(
			    json_object_get(h, "updated"));
		json_array_foreach(json_object_get(h, "enclosure"), j, c)
		{
			link = json_string_value(json_object_get(c, "href"));
			type = json_string_value(json_object_get(c, "type"));
			if (link != NULL && url_is_web(link))
				item_add_enclosure(item, link, type,
				    json_is_integer(
					json_object_get(c, "length")) ?
					json_integer_value(
					    json_object_get(c, "length")) :
					-1);
		}
		feed_add_item(f->feed, item);
		json_array_foreach(json_object_get(h, "categories"), j, c)
		{
			if ((tag = json_string_value(c)) == NULL)
				continue;
			if (strcmp(tag, GREADER_STATE "read") == 0) {
				buf_addc(&read, read.len == 0 ? '[' : ',');
				buf_printf(&read, "\"freshrss:%s\"", id);
			} else if (strcmp(tag, GREADER_STATE "starred") == 0) {
				buf_addc(&starred,
				    starred.len == 0 ? '[' : ',');
				buf_printf(&starred, "\"freshrss:%s\"", id);
			}
		}
	}
	rc = sync_store(s, &read, &starred);
	buf_free(&read);
	buf_free(&starred);
	return rc;
}

/* A page of ids of a mark; at the last, apply them. */
static int
sync_greader_ids(struct sync *s, json_t *root, int field, int invert)
{
	json_t		*h;
	const char	*c;
	char		 id[32];
	size_t		 i;

	json_array_foreach(json_object_get(root, "itemRefs"), i, h)
	{
		if (sync_greader_id(json_string_value(json_object_get(h, "id")),
			id, sizeof id) == 0)
			sync_id_add(s, id);
	}
	if ((c = json_string_value(json_object_get(root, "continuation"))) !=
		NULL &&
	    *c != '\0') {
		free(s->continuation);
		s->continuation = xstrdup(c);
		return 0;
	}
	if (sync_ids_done(s, field, invert) != 0)
		return -1;
	sync_next(s, field == 0 ? SYNC_STARRED : SYNC_DONE);
	return 0;
}

static int
sync_greader_take(struct sync *s, struct fetch_job *job)
{
	enum sync_step	 kind = SYNC_KIND(job);
	json_error_t	 jerr;
	json_t		*root = NULL, *v, *cats;
	const char	*c, *id, *url;
	char		*text, *p;
	size_t		 i;
	int		 rc = 0;

	/* The login, the token and the writes answer in plain text. */
	if (kind == SYNC_LOGIN || kind == SYNC_TOKEN || kind == SYNC_PUSH ||
	    kind == SYNC_SUBSCRIBE || kind == SYNC_UNSUBSCRIBE) {
		text = xstrndup(job->body.data != NULL ? job->body.data : "",
		    job->body.len);
		switch (kind) {
		case SYNC_LOGIN:
			p = strstr(text, "Auth=");
			if (p == NULL || (p != text && p[-1] != '\n')) {
				sync_fail(s,
				    _("login: no Auth= in the "
				      "answer; is the URL right?"));
				rc = -1;
				break;
			}
			p += 5;
			p[strcspn(p, "\r\n")] = '\0';
			s->session = xstrdup(p);
			if (s->step != SYNC_LOGIN)
				break;
			/* The token is for writes: none when none waits. */
			if (s->subscribe_url == NULL && !sync_has_marks(s)) {
				if (s->push_only) {
					sync_next(s, SYNC_DONE);
					break;
				}
				sync_greader_ahead(s);
				sync_next(s, SYNC_FEEDS);
			} else
				sync_next(s, SYNC_TOKEN);
			break;
		case SYNC_TOKEN:
			text[strcspn(text, "\r\n")] = '\0';
			s->token = xstrdup(text);
			if (s->step == SYNC_TOKEN)
				sync_next(s, sync_after_login(s));
			break;
		case SYNC_PUSH:
			if (strncmp(text, "OK", 2) != 0) {
				sync_fail(s, _("marks refused"));
				rc = -1;
			} else
				sync_pushed(s);
			break;
		default:
			if (strncmp(text, "OK", 2) != 0) {
				sync_fail(s,
				    _("the server refused to change "
				      "the subscription to %s"),
				    s->subscribe_url);
				rc = -1;
			}
			sync_next(s, SYNC_DONE);
			break;
		}
		explicit_bzero(text, strlen(text));
		free(text);
		return rc;
	}

	root = json_loadb(job->body.data, job->body.len, 0, &jerr);
	if (root == NULL || !json_is_object(root)) {
		sync_fail(s,
		    _("not an answer of its API (%s); is the URL "
		      "right?"),
		    root == NULL ? jerr.text : "not an object");
		json_decref(root);
		return -1;
	}
	switch (kind) {
	case SYNC_FEEDS:
		json_array_foreach(json_object_get(root, "subscriptions"), i, v)
		{
			id = json_string_value(json_object_get(v, "id"));
			url = json_string_value(json_object_get(v, "url"));
			cats = json_object_get(json_array_get(json_object_get(v,
								  "categories"),
						   0),
			    "label");
			if (id != NULL && url != NULL && *url != '\0')
				sync_add_feed(s, id, url,
				    json_string_value(
					json_object_get(v, "title")),
				    json_string_value(cats));
		}
		if ((rc = sync_store(s, NULL, NULL)) != 0)
			break;
		s->since = sync_since(s);
		sync_next(s, SYNC_ARTICLES);
		break;
	case SYNC_ARTICLES:
		if ((rc = sync_greader_items(s,
			 json_object_get(root, "items"))) != 0)
			break;
		c = json_string_value(json_object_get(root, "continuation"));
		if (c != NULL && *c != '\0' &&
		    json_array_size(json_object_get(root, "items")) > 0) {
			free(s->continuation);
			s->continuation = xstrdup(c);
			break;
		}
		if (s->newest > s->since &&
		    (rc = sync_keep_since(s, s->newest)) != 0)
			break;
		sync_next(s, SYNC_UNREAD);
		break;
	case SYNC_UNREAD:
		rc = sync_greader_ids(s, root, 0, 1);
		break;
	case SYNC_STARRED:
		rc = sync_greader_ids(s, root, 1, 0);
		break;
	default:
		break;
	}
	json_decref(root);
	return rc;
}
