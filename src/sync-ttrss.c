/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * sync-ttrss.c: Tiny Tiny RSS's JSON API (level 15 and later), for
 * sync.c.  Every call is a POST of a JSON object to ".../api/" with the
 * session id; every answer is {"status": 0 or 1, "content": ...}.
 *
 *	login			-> content.session_id
 *	updateArticle		article_ids "1,2,3", field 2 (unread) or 0
 *				(starred), mode 0 or 1: the queued marks
 *	getCategories		-> [{id, title}]: when they are those of
 *				the tree kept, its names are taken
 *	getFeedTree		-> categories, nested: {items: [{bare_id,
 *				name, type "category", items}]}
 *	getFeeds cat_id -3	-> [{id, feed_url, title, cat_id}]
 *	getHeadlines feed_id -4	all articles since_id, 200 a page (the API's
 *				cap) with skip; then the ids of every unread
 *				(view_mode unread) and every starred (feed -1)
 *	subscribeToFeed, unsubscribeFeed	(`tidings add`, remove)
 *
 * The API cannot make a category: `tidings add URL CATEGORY` needs one the
 * server has (a nested one named by its path).  getCategories does not say
 * how categories nest; getFeedTree does, as the web UI shows them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "tidings.h"
#include "fetch-int.h"
#include "sync-int.h"

static void  sync_ttrss_send(struct sync *);
static void  sync_ttrss_call(struct sync *);
static void  sync_ttrss_ahead(struct sync *);
static int   sync_ttrss_last(struct sync *, json_t *);
static int   sync_ttrss_counted(struct sync *);
static void  sync_ttrss_note_full(struct sync *);
static int   sync_ttrss_take(struct sync *, struct fetch_job *);
static void  sync_ttrss_post(struct sync *, json_t *);
static char *sync_ttrss_id(json_t *);
static int   sync_ttrss_headlines(struct sync *, json_t *);
static void  sync_ttrss_tree(struct sync *, json_t *, const char *, int);
static int   sync_ttrss_kept_tree(struct sync *, json_t *);
static void  sync_ttrss_keep_tree(struct sync *);
static int   sync_ttrss_ids(struct sync *, json_t *, int, int);

const struct sync_api sync_ttrss_api = { "TT-RSS", "ttrss:", sync_ttrss_send,
	sync_ttrss_call, sync_ttrss_take };

/* POST a call (given away), with the session id when there is one. */
static void
sync_ttrss_post(struct sync *s, json_t *call)
{
	char *body;

	if (s->session != NULL && s->step != SYNC_LOGIN)
		json_object_set_new(call, "sid", json_string(s->session));
	body = json_dumps(call, JSON_COMPACT);
	json_decref(call);
	if (body == NULL)
		fatal("out of memory");
	sync_call(s, "", body, "application/json", NULL);
}

/* A number or a string as a string (ids come as either). */
static char *
sync_ttrss_id(json_t *v)
{
	char *s;

	if (json_is_integer(v)) {
		xasprintf(&s, "%lld", (long long)json_integer_value(v));
		return s;
	}
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	return NULL;
}

/*
 * Send the step's call; the pages of an offset a few at once after the
 * first, until one comes back short.
 */
static void
sync_ttrss_send(struct sync *s)
{
	int limit;

	if (!sync_paged(s->step)) {
		if (!sync_adopt(s, 0))
			sync_ttrss_call(s);
		return;
	}
	if (s->skip == 0 && sync_adopt(s, SYNC_TTRSS_PAGE))
		return;
	/* The first page alone: most steps have one. */
	limit = s->skip == 0 ? 1 : SYNC_PARALLEL;
	while (sync_waiting(s) < limit && !s->ended) {
		sync_ttrss_call(s);
		s->skip += SYNC_TTRSS_PAGE;
	}
}

/*
 * Once the marks are pushed, what a sync reads goes out at once: the
 * categories, the feeds, the first page of new articles, of the recently
 * read (after a first sync) and of the starred.
 */
static void
sync_ttrss_ahead(struct sync *s)
{
	s->since = sync_since(s);
	sync_ahead(s, SYNC_CATEGORIES);
	sync_ahead(s, SYNC_FEEDS);
	sync_ahead(s, SYNC_ARTICLES);
	if (s->since != 0)
		sync_ahead(s, SYNC_RECENT);
	sync_ahead(s, SYNC_STARRED);
}

/* Send one call of the step (its page at s->skip). */
static void
sync_ttrss_call(struct sync *s)
{
	const struct cache_sync_mark *m;
	struct sync_feed	     *f;
	struct buf		      b;
	json_t			     *call;
	const char		     *name;
	size_t			      i;
	long			      category = 0;
	int			      feed;

	switch (s->step) {
	case SYNC_LOGIN:
		call = json_pack("{s:s, s:s, s:s}", "op", "login", "user",
		    s->login, "password", s->password);
		break;
	case SYNC_PUSH:
		buf_init(&b);
		if ((m = sync_batch(s, &b, ",")) == NULL) {
			buf_free(&b);
			if (s->push_only) {
				sync_next(s, SYNC_DONE);
				return;
			}
			sync_ttrss_ahead(s);
			sync_next(s, SYNC_CATEGORIES);
			sync_ttrss_send(s);
			return;
		}
		buf_addc(&b, '\0');
		call = json_pack("{s:s, s:s, s:i, s:i}", "op", "updateArticle",
		    "article_ids", b.data, "field", m->field == 0 ? 2 : 0,
		    "mode", m->field == 0 ? !m->value : m->value);
		buf_free(&b);
		break;
	case SYNC_SUBSCRIBE:
		if (s->subscribe_category != NULL) {
			for (i = 0; i + 1 < s->ncategories; i += 2) {
				name = s->categories[i + 1];
				if (strcmp(name, s->subscribe_category) == 0)
					category = strtol(s->categories[i],
					    NULL, 10);
			}
			if (category <= 0) {
				sync_fail(s,
				    _("no category %s on the server "
				      "(TT-RSS's API cannot make one)"),
				    s->subscribe_category);
				return;
			}
		}
		call = json_pack("{s:s, s:s, s:i}", "op", "subscribeToFeed",
		    "feed_url", s->subscribe_url, "category_id", (int)category);
		break;
	case SYNC_UNSUBSCRIBE:
		f = NULL;
		for (i = 0; i < s->nfeeds && f == NULL; i++) {
			if (strcmp(s->feeds[i].entry.url, s->subscribe_url) ==
			    0)
				f = &s->feeds[i];
		}
		if (f == NULL) {
			sync_fail(s,
			    _("%s is not a subscription on the server"),
			    s->subscribe_url);
			return;
		}
		call = json_pack("{s:s, s:I}", "op", "unsubscribeFeed",
		    "feed_id", (json_int_t)strtoll(f->id, NULL, 10));
		break;
	case SYNC_CATEGORIES:
	case SYNC_TREE:
		call = json_pack("{s:s, s:b}", "op",
		    s->step == SYNC_TREE ? "getFeedTree" : "getCategories",
		    "include_empty", 1);
		break;
	case SYNC_FEEDS:
		call = json_pack("{s:s, s:i}", "op", "getFeeds", "cat_id", -3);
		break;
	case SYNC_ARTICLES:
		call = json_pack("{s:s, s:i, s:s, s:b, s:b, s:i, s:I, s:I, "
				 "s:s}",
		    "op", "getHeadlines", "feed_id", -4, "view_mode",
		    "all_articles", "show_content", 1, "include_attachments", 1,
		    "limit", SYNC_TTRSS_PAGE, "skip", (json_int_t)s->skip,
		    "since_id", (json_int_t)s->since, "order_by",
		    "date_reverse");
		break;
	case SYNC_RECENT:
	case SYNC_UNREAD:
	case SYNC_STARRED:
		/* Every article, the recently read, the starred. */
		feed = s->step == SYNC_UNREAD ? -4 : -1;
		if (s->step == SYNC_RECENT)
			feed = -6;
		call = json_pack("{s:s, s:i, s:s, s:b, s:i, s:I}", "op",
		    "getHeadlines", "feed_id", feed, "view_mode",
		    s->step == SYNC_UNREAD ? "unread" : "all_articles",
		    "show_content", 0, "limit", SYNC_TTRSS_PAGE, "skip",
		    (json_int_t)s->skip);
		break;
	default:
		return;
	}
	if (call == NULL)
		fatal("json_pack failed");
	sync_ttrss_post(s, call);
}

/*
 * The categories of getFeedTree's tree, each named by its path from the
 * top ("新闻/财经"), as tidings nests them; a '/' in a name is not a
 * level, and becomes U+2215.  Special (-1), Labels (-2) and Uncategorized
 * (0) are no categories.
 */
static void
sync_ttrss_tree(struct sync *s, json_t *items, const char *parent, int depth)
{
	json_t	   *v;
	struct buf  b;
	const char *name, *p;
	size_t	    i;
	json_int_t  id;

	if (depth > SYNC_TTRSS_DEPTH)
		return;
	json_array_foreach(items, i, v)
	{
		name = json_string_value(json_object_get(v, "name"));
		id = json_integer_value(json_object_get(v, "bare_id"));
		if (name == NULL || id <= 0 ||
		    !json_is_string(json_object_get(v, "type")) ||
		    strcmp(json_string_value(json_object_get(v, "type")),
			"category") != 0)
			continue;
		buf_init(&b);
		if (parent != NULL)
			buf_printf(&b, "%s/", parent);
		for (p = name; *p != '\0'; p++) {
			if (*p == '/')
				buf_adds(&b, "\u2215");
			else
				buf_addc(&b, *p);
		}
		buf_addc(&b, '\0');
		s->categories = xreallocarray(s->categories, s->ncategories + 2,
		    sizeof *s->categories);
		xasprintf(&s->categories[s->ncategories++], "%lld",
		    (long long)id);
		s->categories[s->ncategories++] = buf_detach(&b);
		sync_ttrss_tree(s, json_object_get(v, "items"),
		    s->categories[s->ncategories - 1], depth + 1);
	}
}

/*
 * The categories getCategories gives (ids and titles, with the server and
 * login) are those of the tree kept by the last sync, and it is young
 * enough: take its names (0); else -1, the tree is asked for.
 */
static int
sync_ttrss_kept_tree(struct sync *s, json_t *content)
{
	struct buf b;
	json_t	  *v;
	char	  *keys, *tree, *when, *line, *tab, *next;
	size_t	   i;
	int64_t	   t;
	int	   rc = -1;

	buf_init(&b);
	buf_printf(&b, "%s|%s", s->base, s->login);
	json_array_foreach(content, i, v)
	{
		if (json_integer_value(json_object_get(v, "id")) > 0 &&
		    json_is_string(json_object_get(v, "title")))
			buf_printf(&b, "\n%lld\t%s",
			    (long long)json_integer_value(
				json_object_get(v, "id")),
			    json_string_value(json_object_get(v, "title")));
	}
	buf_addc(&b, '\0');
	free(s->catkeys);
	s->catkeys = buf_detach(&b);
	if (s->cache == NULL)
		return -1;
	keys = cache_sync_get(s->cache, "ttrss:catkeys");
	tree = cache_sync_get(s->cache, "ttrss:cattree");
	when = cache_sync_get(s->cache, "ttrss:cattime");
	t = when != NULL ? strtoll(when, NULL, 10) : 0;
	if (keys != NULL && tree != NULL && strcmp(keys, s->catkeys) == 0 &&
	    time(NULL) - t < SYNC_TREE_SECONDS && t <= time(NULL)) {
		/* Lines of id, a tab and the path. */
		for (line = tree; *line != '\0'; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			else
				next = line + strlen(line);
			if ((tab = strchr(line, '\t')) == NULL)
				continue;
			*tab++ = '\0';
			s->categories = xreallocarray(s->categories,
			    s->ncategories + 2, sizeof *s->categories);
			s->categories[s->ncategories++] = xstrdup(line);
			s->categories[s->ncategories++] = xstrdup(tab);
		}
		rc = 0;
	}
	free(keys);
	free(tree);
	free(when);
	return rc;
}

/* Keep the tree for the next sync, with the categories it is of. */
static void
sync_ttrss_keep_tree(struct sync *s)
{
	struct buf b;
	char	  *cause = NULL, now[32];
	size_t	   i;

	if (s->cache == NULL || s->catkeys == NULL)
		return;
	buf_init(&b);
	for (i = 0; i + 1 < s->ncategories; i += 2) {
		/* A line break in a name would break the lines. */
		if (strpbrk(s->categories[i + 1], "\n\t") != NULL) {
			buf_free(&b);
			return;
		}
		buf_printf(&b, "%s%s\t%s", i > 0 ? "\n" : "", s->categories[i],
		    s->categories[i + 1]);
	}
	buf_addc(&b, '\0');
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	if (cache_sync_put(s->cache, "ttrss:catkeys", s->catkeys, &cause) !=
		0 ||
	    cache_sync_put(s->cache, "ttrss:cattree", b.data, &cause) != 0 ||
	    cache_sync_put(s->cache, "ttrss:cattime", now, &cause) != 0) {
		log_debug("sync: %s", cause);
		free(cause);
	}
	buf_free(&b);
}

/* A page of articles: stored with their marks. */
static int
sync_ttrss_headlines(struct sync *s, json_t *list)
{
	struct buf	  read, starred;
	struct sync_feed *f;
	struct item	 *item;
	json_t		 *h, *a;
	char		 *feed, *id, num[32];
	const char	 *url, *type;
	size_t		  i, j;
	json_int_t	  n;
	int		  rc;

	buf_init(&read);
	buf_init(&starred);
	json_array_foreach(list, i, h)
	{
		n = json_integer_value(json_object_get(h, "id"));
		feed = sync_ttrss_id(json_object_get(h, "feed_id"));
		f = feed != NULL ? sync_find_feed(s, feed) : NULL;
		free(feed);
		if (n <= 0 || f == NULL)
			continue;
		if (n > s->newest)
			s->newest = n;
		item = item_create();
		xasprintf(&item->guid, "ttrss:%lld", (long long)n);
		item->title = feed_field(
		    json_string_value(json_object_get(h, "title")));
		item->link = feed_field(
		    json_string_value(json_object_get(h, "link")));
		item->author = feed_field(
		    json_string_value(json_object_get(h, "author")));
		item->content = feed_field(
		    json_string_value(json_object_get(h, "content")));
		if (json_is_integer(json_object_get(h, "updated")))
			item->published = item->updated = json_integer_value(
			    json_object_get(h, "updated"));
		json_array_foreach(json_object_get(h, "attachments"), j, a)
		{
			url = json_string_value(
			    json_object_get(a, "content_url"));
			type = json_string_value(
			    json_object_get(a, "content_type"));
			if (url != NULL && url_is_web(url))
				item_add_enclosure(item, url, type, -1);
		}
		feed_add_item(f->feed, item);
		snprintf(num, sizeof num, "%lld", (long long)n);
		id = num;
		if (!json_is_true(json_object_get(h, "unread"))) {
			buf_addc(&read, read.len == 0 ? '[' : ',');
			buf_printf(&read, "\"ttrss:%s\"", id);
		}
		if (json_is_true(json_object_get(h, "marked"))) {
			buf_addc(&starred, starred.len == 0 ? '[' : ',');
			buf_printf(&starred, "\"ttrss:%s\"", id);
		}
	}
	rc = sync_store(s, &read, &starred);
	buf_free(&read);
	buf_free(&starred);
	return rc;
}

/*
 * Is the step's paging over?  A short page is the last; the step ends
 * when the pages asked for with it have all come back.
 */
static int
sync_ttrss_last(struct sync *s, json_t *list)
{
	if (json_array_size(list) < SYNC_TTRSS_PAGE)
		s->ended = 1;
	return s->ended && sync_waiting(s) == 0;
}

/*
 * Can the pass over every unread id be left out (SYNC_FULL_SECONDS says
 * why)?  When each feed's unread count is the cache's, after a first sync
 * or the recently read applied, and the last sync is recent enough.
 */
static int
sync_ttrss_counted(struct sync *s)
{
	struct sync_feed *f;
	size_t		  i;
	char		 *v;
	int64_t		  last;

	v = cache_sync_get(s->cache, "ttrss:full");
	last = v != NULL ? strtoll(v, NULL, 10) : 0;
	free(v);
	if (s->since != 0 &&
	    (time(NULL) - last >= SYNC_FULL_SECONDS || last > time(NULL)))
		return 0;
	for (i = 0; i < s->nfeeds; i++) {
		f = &s->feeds[i];
		if (f->unread < 0)
			return 0;
		if (f->unread !=
		    cache_sync_unread(s->cache, f->entry.url, s->api->prefix))
			return 0;
	}
	return 1;
}

/* A sync ended now, every mark known: the next may count. */
static void
sync_ttrss_note_full(struct sync *s)
{
	char *cause = NULL, now[32];

	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	if (cache_sync_put(s->cache, "ttrss:full", now, &cause) != 0) {
		log_debug("sync: %s", cause);
		free(cause);
	}
}

/* A page of ids of a mark; at the last, apply them. */
static int
sync_ttrss_ids(struct sync *s, json_t *list, int field, int invert)
{
	json_t *h;
	char   *id, *cause = NULL;
	size_t	i;
	int	rc;

	json_array_foreach(list, i, h)
	{
		if ((id = sync_ttrss_id(json_object_get(h, "id"))) != NULL)
			sync_id_add(s, id);
		free(id);
	}
	if (!sync_ttrss_last(s, list))
		return 0;
	/* Field 2: the recently read, marked read here; the rest stay. */
	if (field == 2) {
		rc = cache_sync_marks(s->cache, s->api->prefix, 0,
		    sync_ids_json(s), 0, 0, &cause);
		if (rc != 0) {
			sync_fail(s, _("cache: %s"), cause);
			free(cause);
			return -1;
		}
		sync_next(s,
		    sync_ttrss_counted(s) ? SYNC_STARRED : SYNC_UNREAD);
		return 0;
	}
	if (sync_ids_done(s, field, invert) != 0)
		return -1;
	if (field == 1)
		sync_ttrss_note_full(s);
	sync_next(s, field == 0 ? SYNC_STARRED : SYNC_DONE);
	return 0;
}

static int
sync_ttrss_take(struct sync *s, struct fetch_job *job)
{
	enum sync_step	  kind = SYNC_KIND(job);
	json_error_t	  jerr;
	struct sync_feed *f;
	json_t		 *root, *content, *v, *n;
	const char	 *error, *name;
	char		 *id, *cat;
	size_t		  i;
	long		  code;
	int		  rc = 0;

	root = json_loadb(job->body.data, job->body.len, 0, &jerr);
	if (root == NULL || !json_is_object(root)) {
		sync_fail(s,
		    _("not an answer of its API (%s); is the URL "
		      "right?"),
		    root == NULL ? jerr.text : "not an object");
		json_decref(root);
		return -1;
	}
	content = json_object_get(root, "content");
	if (json_integer_value(json_object_get(root, "status")) != 0) {
		error = json_string_value(json_object_get(content, "error"));
		if (error == NULL)
			error = "?";
		if (strcmp(error, "NOT_LOGGED_IN") == 0 && kind != SYNC_LOGIN)
			rc = SYNC_RELOGIN;
		else if (strcmp(error, "API_DISABLED") == 0) {
			sync_fail(s,
			    _("API access is disabled for this user "
			      "(enable it in TT-RSS's preferences)"));
			rc = -1;
		} else if (strcmp(error, "LOGIN_ERROR") == 0) {
			sync_fail(s,
			    _("login failed: wrong login or "
			      "password"));
			rc = -1;
		} else {
			sync_fail(s, _("the server answered %s"), error);
			rc = -1;
		}
		json_decref(root);
		return rc;
	}

	switch (kind) {
	case SYNC_LOGIN:
		v = json_object_get(content, "session_id");
		if (!json_is_string(v)) {
			sync_fail(s, _("login: no session"));
			rc = -1;
			break;
		}
		s->session = xstrdup(json_string_value(v));
		if (s->step != SYNC_LOGIN)
			break; /* logged in again: go on */
		if (s->subscribe_url != NULL)
			sync_next(s,
			    s->remove ? SYNC_FEEDS :
				s->subscribe_category != NULL ?
					SYNC_CATEGORIES :
					SYNC_SUBSCRIBE);
		else
			sync_next(s, sync_after_login(s));
		break;
	case SYNC_PUSH:
		sync_pushed(s);
		break;
	case SYNC_SUBSCRIBE:
		code = (long)json_integer_value(
		    json_object_get(json_object_get(content, "status"),
			"code"));
		if (code > 1)
			sync_fail(s,
			    _("the server cannot subscribe to %s "
			      "(code %ld: %s)"),
			    s->subscribe_url, code,
			    code == 2	  ? _("invalid URL") :
				code == 3 ? _("a web page without a feed") :
				code == 4 ? _("several feeds on the page") :
				code == 5 ? _("it cannot download it") :
					    _("not a feed"));
		sync_next(s, SYNC_DONE);
		break;
	case SYNC_UNSUBSCRIBE:
		sync_next(s, SYNC_DONE);
		break;
	case SYNC_CATEGORIES:
		if (sync_ttrss_kept_tree(s, content) == 0) {
			sync_next(s, SYNC_FEEDS);
			break;
		}
		sync_next(s, SYNC_TREE);
		break;
	case SYNC_TREE:
		sync_ttrss_tree(s,
		    json_object_get(json_object_get(content, "categories"),
			"items"),
		    NULL, 0);
		sync_ttrss_keep_tree(s);
		sync_next(s,
		    s->subscribe_url != NULL ? SYNC_SUBSCRIBE : SYNC_FEEDS);
		break;
	case SYNC_FEEDS:
		json_array_foreach(content, i, v)
		{
			id = sync_ttrss_id(json_object_get(v, "id"));
			cat = sync_ttrss_id(json_object_get(v, "cat_id"));
			name = json_string_value(
			    json_object_get(v, "feed_url"));
			if (id != NULL && name != NULL && *name != '\0') {
				sync_add_feed(s, id, name,
				    json_string_value(
					json_object_get(v, "title")),
				    cat != NULL ? sync_category_name(s, cat) :
						  NULL);
				n = json_object_get(v, "unread");
				f = &s->feeds[s->nfeeds - 1];
				if (json_is_integer(n))
					f->unread = json_integer_value(n);
			}
			free(id);
			free(cat);
		}
		if (s->subscribe_url != NULL) {
			sync_next(s, SYNC_UNSUBSCRIBE);
			break;
		}
		if ((rc = sync_store(s, NULL, NULL)) != 0)
			break;
		s->since = sync_since(s);
		sync_next(s, SYNC_ARTICLES);
		break;
	case SYNC_ARTICLES:
		if ((rc = sync_ttrss_headlines(s, content)) != 0 ||
		    !sync_ttrss_last(s, content))
			break;
		if (s->newest > s->since &&
		    (rc = sync_keep_since(s, s->newest)) != 0)
			break;
		/* A first sync has just read every article with its marks. */
		if (s->since != 0)
			sync_next(s, SYNC_RECENT);
		else
			sync_next(s,
			    sync_ttrss_counted(s) ? SYNC_STARRED : SYNC_UNREAD);
		break;
	case SYNC_RECENT:
		rc = sync_ttrss_ids(s, content, 2, 0);
		break;
	case SYNC_UNREAD:
		rc = sync_ttrss_ids(s, content, 0, 1);
		break;
	case SYNC_STARRED:
		rc = sync_ttrss_ids(s, content, 1, 0);
		break;
	default:
		break;
	}
	json_decref(root);
	return rc;
}
