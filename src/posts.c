/*
 * posts.c: a local Jekyll site, or its _posts folder, as a feed.
 *
 * A post is a file that starts with YAML front matter between "---" lines
 * (blank lines before it are forgiven).  Only the front matter Jekyll posts
 * use is read: scalars (plain or quoted), lists in both the flow "[a, b]" and
 * the block "- a" forms.  The body is Markdown (HTML passes through cmark
 * as raw HTML).
 *
 * Time zone: a date without an offset is in the site's zone, as Jekyll does
 * it, taken from "timezone:" in the _config.yml found in the post's folder
 * or up to four folders above it.  When there is none, +08:00 (China
 * Standard Time): tidings is written for Chinese readers, and the Chinese
 * Jekyll news sites we read (finews, zephrxx/news) are in that zone, while
 * Jekyll's own fallback, the zone of the machine that builds the site, is
 * unknowable here.  Zone names are looked up in a small table of fixed
 * offsets (no summer time), unknown ones count as +08:00 too.
 *
 * Link: the site's url from _config.yml joined to the post's permalink (the
 * front matter's, else the site's pattern, else Jekyll's default "date"
 * pattern); empty when there is no url.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "tidings.h"

#define POSTS_DEFAULT_ZONE	(8 * 60)
#define POSTS_CONFIG_UP		4
#define POSTS_MAX_DEPTH		4

struct posts_site {
	char	*title;
	char	*url;
	char	*baseurl;
	char	*permalink;
	int	 zone;		/* minutes east of UTC */
};

struct posts_meta {
	char	 *title;
	char	 *date;
	char	 *permalink;
	char	 *slug;
	char	**categories;	/* "categories" then "tags" */
	size_t	  ncategories;
	char	**urlcats;	/* "categories" only, for :categories */
	size_t	  nurlcats;
};

static const struct {
	const char	*name;
	int		 minutes;
} posts_zones[] = {
	{ "Asia/Shanghai", 480 }, { "Asia/Chongqing", 480 },
	{ "Asia/Harbin", 480 }, { "Asia/Urumqi", 480 },
	{ "Asia/Hong_Kong", 480 }, { "Asia/Macau", 480 },
	{ "Asia/Taipei", 480 }, { "Asia/Singapore", 480 },
	{ "Asia/Kuala_Lumpur", 480 }, { "Asia/Manila", 480 },
	{ "PRC", 480 }, { "ROC", 480 }, { "Asia/Tokyo", 540 },
	{ "Asia/Seoul", 540 }, { "Asia/Bangkok", 420 },
	{ "Asia/Ho_Chi_Minh", 420 }, { "Asia/Kolkata", 330 },
	{ "UTC", 0 }, { "Etc/UTC", 0 }, { "GMT", 0 }, { "Etc/GMT", 0 },
	{ "Europe/London", 0 }, { "Europe/Berlin", 60 },
	{ "Europe/Paris", 60 }, { "Europe/Moscow", 180 },
	{ "America/New_York", -300 }, { "America/Chicago", -360 },
	{ "America/Denver", -420 }, { "America/Los_Angeles", -480 },
	{ "Australia/Sydney", 600 },
};

/* ---- a little YAML ---- */

/*
 * The inside of a quoted scalar: '' is a quote in single quotes; in double
 * quotes the backslash escapes (\" \\ \n \t \/ \uXXXX) are decoded.
 */
static char *
posts_unquote(const char *s, size_t len, char quote)
{
	struct buf	 b;
	unsigned int	 c;
	size_t		 i;
	char		 hex[5], utf8[4];

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (quote == '\'' && s[i] == '\'' && i + 1 < len &&
		    s[i + 1] == '\'') {
			buf_addc(&b, '\'');
			i++;
		} else if (quote == '"' && s[i] == '\\' && i + 1 < len) {
			switch (s[++i]) {
			case 'n':
				buf_addc(&b, '\n');
				break;
			case 't':
				buf_addc(&b, '\t');
				break;
			case 'u':
				if (i + 4 < len) {
					memcpy(hex, s + i + 1, 4);
					hex[4] = '\0';
					c = (unsigned int)strtoul(hex, NULL, 16);
					if (c != 0 && (c < 0xd800 || c > 0xdfff)) {
						buf_add(&b, utf8,
						    json_utf8_encode(c, utf8));
					}
					i += 4;
				}
				break;
			default:
				buf_addc(&b, s[i]);
				break;
			}
		} else
			buf_addc(&b, s[i]);
	}
	return buf_detach(&b);
}

/* A scalar's value: trimmed, quotes removed, comment cut. */
static char *
posts_scalar(const char *s, size_t len)
{
	size_t	i;

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= 2 && (*s == '"' || *s == '\'') && s[len - 1] == *s)
		return posts_unquote(s + 1, len - 2, *s);
	if (len > 0 && (*s == '"' || *s == '\'')) {
		/* An unclosed quote: keep the rest. */
		return xstrndup(s + 1, len - 1);
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '#' && i > 0 && isspace((unsigned char)s[i - 1])) {
			len = i;
			while (len > 0 && isspace((unsigned char)s[len - 1]))
				len--;
			break;
		}
	}
	return xstrndup(s, len);
}

static void
posts_add(char ***list, size_t *n, const char *s)
{
	size_t	i;

	if (*s == '\0')
		return;
	for (i = 0; i < *n; i++) {
		if (strcmp((*list)[i], s) == 0)
			return;
	}
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrdup(s);
}

/* Add the words of a value: "[a, b]", or "a b" (space-separated). */
static void
posts_add_words(char ***list, size_t *n, const char *value)
{
	char	*copy, *p, *w, *v;
	int	 flow;

	copy = xstrdup(value);
	p = copy;
	flow = *p == '[';
	if (flow) {
		p++;
		if ((w = strrchr(p, ']')) != NULL)
			*w = '\0';
	}
	while ((w = strsep(&p, flow ? "," : " \t")) != NULL) {
		v = posts_scalar(w, strlen(w));
		posts_add(list, n, v);
		free(v);
	}
	free(copy);
}

/* The front matter of a post: start and length, and where the body starts. */
static int
posts_front_matter(const char *s, size_t len, const char **fm,
    size_t *fmlen, const char **body)
{
	const char	*p = s, *end = s + len, *nl, *line;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (;;) {	/* blank lines before the front matter */
		line = p;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p < end && *p == '\n') {
			p++;
			continue;
		}
		p = line;
		break;
	}
	if (end - p < 3 || memcmp(p, "---", 3) != 0)
		return -1;
	p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p < end && *p != '\n')
		return -1;
	if (p < end)
		p++;
	*fm = p;
	while (p < end) {
		line = p;
		nl = memchr(p, '\n', end - p);
		p = nl != NULL ? nl + 1 : end;
		if ((p - line >= 3 && memcmp(line, "---", 3) == 0) ||
		    (p - line >= 3 && memcmp(line, "...", 3) == 0)) {
			const char *q = line + 3;

			while (q < p && isspace((unsigned char)*q))
				q++;
			if (q == p) {
				*fmlen = line - *fm;
				*body = p;
				return 0;
			}
		}
	}
	return -1;
}

/*
 * Walk the top-level keys of a YAML block, calling fn for each scalar and
 * for each list element ("- a" lines under a key, or a flow list).
 */
static void
posts_yaml(const char *s, size_t len,
    void (*fn)(void *, const char *, const char *, int), void *arg)
{
	const char	*p = s, *end = s + len, *nl, *colon;
	char		*key = NULL, *v;
	size_t		 n;

	while (p < end) {
		nl = memchr(p, '\n', end - p);
		n = (nl != NULL ? nl : end) - p;
		if (n > 0 && (*p == ' ' || *p == '\t' || *p == '-')) {
			const char *q = p;

			while (q < p + n && (*q == ' ' || *q == '\t'))
				q++;
			if (key != NULL && q < p + n && *q == '-' &&
			    (q + 1 == p + n || isspace((unsigned char)q[1]))) {
				v = posts_scalar(q + 1, p + n - q - 1);
				fn(arg, key, v, 1);
				free(v);
			}
		} else if (n > 0 && *p != '#' &&
		    (colon = memchr(p, ':', n)) != NULL) {
			free(key);
			key = posts_scalar(p, colon - p);
			v = posts_scalar(colon + 1, p + n - colon - 1);
			if (*v != '\0')
				fn(arg, key, v, 0);
			free(v);
		}
		p = nl != NULL ? nl + 1 : end;
	}
	free(key);
}

static void
posts_meta_key(void *arg, const char *key, const char *value, int element)
{
	struct posts_meta	*m = arg;
	char			*v;

	if (strcmp(key, "title") == 0 && !element && m->title == NULL)
		m->title = xstrdup(value);
	else if (strcmp(key, "date") == 0 && !element && m->date == NULL)
		m->date = xstrdup(value);
	else if (strcmp(key, "permalink") == 0 && !element &&
	    m->permalink == NULL)
		m->permalink = xstrdup(value);
	else if (strcmp(key, "slug") == 0 && !element && m->slug == NULL)
		m->slug = xstrdup(value);
	else if (strcmp(key, "categories") == 0 ||
	    strcmp(key, "category") == 0 || strcmp(key, "tags") == 0 ||
	    strcmp(key, "tag") == 0) {
		if (element) {
			v = posts_scalar(value, strlen(value));
			posts_add(&m->categories, &m->ncategories, v);
			if (strncmp(key, "categor", 7) == 0)
				posts_add(&m->urlcats, &m->nurlcats, v);
			free(v);
			return;
		}
		if (strcmp(key, "category") == 0 || strcmp(key, "tag") == 0) {
			posts_add(&m->categories, &m->ncategories, value);
			if (strcmp(key, "category") == 0)
				posts_add(&m->urlcats, &m->nurlcats, value);
			return;
		}
		posts_add_words(&m->categories, &m->ncategories, value);
		if (strcmp(key, "categories") == 0)
			posts_add_words(&m->urlcats, &m->nurlcats, value);
	}
}

static void
posts_meta_free(struct posts_meta *m)
{
	size_t	i;

	free(m->title);
	free(m->date);
	free(m->permalink);
	free(m->slug);
	for (i = 0; i < m->ncategories; i++)
		free(m->categories[i]);
	free(m->categories);
	for (i = 0; i < m->nurlcats; i++)
		free(m->urlcats[i]);
	free(m->urlcats);
}

/* ---- the site ---- */

static void
posts_site_key(void *arg, const char *key, const char *value, int element)
{
	struct posts_site	*site = arg;
	size_t			 i;

	if (element)
		return;
	if (strcmp(key, "title") == 0 && site->title == NULL)
		site->title = xstrdup(value);
	else if (strcmp(key, "url") == 0 && site->url == NULL)
		site->url = xstrdup(value);
	else if (strcmp(key, "baseurl") == 0 && site->baseurl == NULL)
		site->baseurl = xstrdup(value);
	else if (strcmp(key, "permalink") == 0 && site->permalink == NULL)
		site->permalink = xstrdup(value);
	else if (strcmp(key, "timezone") == 0) {
		for (i = 0; i < nitems(posts_zones); i++) {
			if (strcasecmp(value, posts_zones[i].name) == 0)
				site->zone = posts_zones[i].minutes;
		}
	}
}

/* Read the _config.yml in dir or up to POSTS_CONFIG_UP folders above. */
static void
posts_site_load(struct posts_site *site, const char *dir)
{
	struct buf	 b;
	char		*d, *path, *slash;
	int		 up;

	memset(site, 0, sizeof *site);
	site->zone = POSTS_DEFAULT_ZONE;
	d = xstrdup(dir);
	for (up = 0; up <= POSTS_CONFIG_UP; up++) {
		xasprintf(&path, "%s/_config.yml", *d != '\0' ? d : ".");
		buf_init(&b);
		if (buf_read_file(&b, path, 1024 * 1024, &slash) == 0) {
			posts_yaml(b.data, b.len, posts_site_key, site);
			buf_free(&b);
			free(path);
			break;
		}
		free(slash);
		buf_free(&b);
		free(path);
		if ((slash = strrchr(d, '/')) == NULL) {
			if (strcmp(d, ".") == 0 || *d == '\0')
				break;
			free(d);
			d = xstrdup("..");
			continue;
		}
		if (slash == d)
			break;
		*slash = '\0';
	}
	free(d);
}

static void
posts_site_free(struct posts_site *site)
{
	free(site->title);
	free(site->url);
	free(site->baseurl);
	free(site->permalink);
}

/* ---- one post ---- */

static const char *
posts_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Percent-encode what a URL path cannot hold as is. */
static void
posts_url_add(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (isalnum((unsigned char)*s) || strchr("-._~/", *s) != NULL)
			buf_addc(b, *s);
		else if (*s == ' ')
			buf_addc(b, '-');
		else
			buf_printf(b, "%%%02X", (unsigned char)*s);
	}
}

/* The post's URL: site url + baseurl + the permalink pattern filled. */
static char *
posts_link(const struct posts_site *site, const struct posts_meta *m,
    const char *slug, const struct tm *tm)
{
	struct buf	 b;
	const char	*pat, *p;
	char		 num[16];
	size_t		 i, n;

	if (site->url == NULL || *site->url == '\0')
		return xstrdup("");
	pat = m->permalink != NULL ? m->permalink : site->permalink;
	if (pat == NULL || strcmp(pat, "date") == 0)
		pat = "/:categories/:year/:month/:day/:title:output_ext";
	else if (strcmp(pat, "pretty") == 0)
		pat = "/:categories/:year/:month/:day/:title/";
	else if (strcmp(pat, "ordinal") == 0)
		pat = "/:categories/:year/:y_day/:title:output_ext";
	else if (strcmp(pat, "none") == 0)
		pat = "/:categories/:title:output_ext";
	buf_init(&b);
	n = strlen(site->url);
	while (n > 0 && site->url[n - 1] == '/')
		n--;
	buf_add(&b, site->url, n);
	if (site->baseurl != NULL && *site->baseurl != '\0') {
		if (*site->baseurl != '/')
			buf_addc(&b, '/');
		n = strlen(site->baseurl);
		while (n > 0 && site->baseurl[n - 1] == '/')
			n--;
		buf_add(&b, site->baseurl, n);
	}
	if (*pat != '/')
		buf_addc(&b, '/');
	for (p = pat; *p != '\0'; p++) {
		if (*p != ':') {
			buf_addc(&b, *p);
			continue;
		}
		p++;
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz_");
		num[0] = '\0';
		if (n == 4 && strncmp(p, "year", 4) == 0)
			snprintf(num, sizeof num, "%04d", tm->tm_year + 1900);
		else if (n == 5 && strncmp(p, "month", 5) == 0)
			snprintf(num, sizeof num, "%02d", tm->tm_mon + 1);
		else if (n == 3 && strncmp(p, "day", 3) == 0)
			snprintf(num, sizeof num, "%02d", tm->tm_mday);
		else if (n == 7 && strncmp(p, "i_month", 7) == 0)
			snprintf(num, sizeof num, "%d", tm->tm_mon + 1);
		else if (n == 5 && strncmp(p, "i_day", 5) == 0)
			snprintf(num, sizeof num, "%d", tm->tm_mday);
		else if (n == 10 && strncmp(p, "short_year", 10) == 0)
			snprintf(num, sizeof num, "%02d", tm->tm_year % 100);
		else if (n == 5 && strncmp(p, "y_day", 5) == 0)
			snprintf(num, sizeof num, "%03d", tm->tm_yday + 1);
		else if (n == 4 && strncmp(p, "hour", 4) == 0)
			snprintf(num, sizeof num, "%02d", tm->tm_hour);
		else if (n == 6 && strncmp(p, "minute", 6) == 0)
			snprintf(num, sizeof num, "%02d", tm->tm_min);
		else if (n == 6 && strncmp(p, "second", 6) == 0)
			snprintf(num, sizeof num, "%02d", tm->tm_sec);
		else if ((n == 5 && strncmp(p, "title", 5) == 0) ||
		    (n == 4 && strncmp(p, "slug", 4) == 0))
			posts_url_add(&b, slug);
		else if (n == 10 && strncmp(p, "output_ext", 10) == 0)
			buf_adds(&b, ".html");
		else if (n == 10 && strncmp(p, "categories", 10) == 0) {
			for (i = 0; i < m->nurlcats; i++) {
				if (i != 0)
					buf_addc(&b, '/');
				posts_url_add(&b, m->urlcats[i]);
			}
		}
		buf_adds(&b, num);
		p += n - 1;
		if (n == 0)
			buf_addc(&b, ':');
	}
	/* "/:categories/..." with no categories leaves "//". */
	{
		char	*s = buf_detach(&b), *q, *scheme;

		scheme = strstr(s, "://");
		q = scheme != NULL ? scheme + 3 : s;
		while ((q = strstr(q, "//")) != NULL)
			memmove(q, q + 1, strlen(q + 1) + 1);
		return s;
	}
}

/* Make the item of one post read into memory. */
static struct item *
posts_item(const char *path, const char *data, size_t len,
    const struct posts_site *site, char **cause)
{
	struct posts_meta	 m;
	struct item		*item;
	const char		*fm, *body, *base;
	size_t			 fmlen, i;
	struct tm		 tm;
	char			*date, *slug, *dot;
	time_t			 t;
	int			 y, mo, d;

	if (posts_front_matter(data, len, &fm, &fmlen, &body) != 0) {
		xasprintf(cause, _("no front matter (a Jekyll post starts "
		    "with ---)"));
		return NULL;
	}
	memset(&m, 0, sizeof m);
	posts_yaml(fm, fmlen, posts_meta_key, &m);

	item = item_create();
	base = posts_basename(path);
	slug = xstrdup(base);
	if ((dot = strrchr(slug, '.')) != NULL)
		*dot = '\0';
	/* "2021-12-08-title.md": the date and the slug of the name. */
	if (sscanf(slug, "%4d-%2d-%2d-", &y, &mo, &d) == 3 &&
	    strlen(slug) > 11)
		memmove(slug, slug + 11, strlen(slug + 11) + 1);
	else
		y = mo = d = 0;
	if (m.date != NULL)
		item->published = feed_date_parse_zone(m.date, site->zone);
	if (item->published == TIME_NONE && y != 0) {
		xasprintf(&date, "%04d-%02d-%02d", y, mo, d);
		item->published = feed_date_parse_zone(date, site->zone);
		free(date);
	}
	item->title = xstrdup(m.title != NULL ? m.title : slug);
	for (i = 0; i < m.ncategories; i++)
		item_add_category(item, m.categories[i]);
	item->content = markdown_to_html(body, data + len - body);
	if (item->published != TIME_NONE) {
		t = (time_t)(item->published + (int64_t)site->zone * 60);
		gmtime_r(&t, &tm);
	} else
		memset(&tm, 0, sizeof tm);
	item->link = posts_link(site, &m, m.slug != NULL ? m.slug : slug,
	    &tm);
	if (*item->link != '\0')
		item->guid = xstrdup(item->link);
	else
		item->guid = xstrdup(base);
	free(slug);
	posts_meta_free(&m);
	return item;
}

static char *
posts_dirname(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, slash - path);
}

/* Does the file start with YAML front matter (a Jekyll post)? */
int
posts_is_post(const char *path)
{
	char	 head[4096];
	FILE	*f;
	size_t	 n, i = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)head[i]))
		i++;
	if (n - i < 3 || strncmp(head + i, "---", 3) != 0)
		return 0;
	i += 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r'))
		i++;
	return i < n && head[i] == '\n';
}

/* Read one Jekyll post as a feed of one item. */
struct feed *
posts_read_file(const char *path, char **cause)
{
	struct posts_site	 site;
	struct feed		*feed;
	struct item		*item;
	struct buf		 b;
	char			*dir;

	buf_init(&b);
	if (buf_read_file(&b, path, MAX_DOCUMENT_BYTES, cause) != 0) {
		buf_free(&b);
		return NULL;
	}
	dir = posts_dirname(path);
	posts_site_load(&site, dir);
	free(dir);
	item = posts_item(path, b.data, b.len, &site, cause);
	buf_free(&b);
	if (item == NULL) {
		posts_site_free(&site);
		return NULL;
	}
	feed = feed_create();
	feed->format = "jekyll";
	feed->title = xstrdup(item->title);
	feed->link = xstrdup(site.url != NULL ? site.url : "");
	feed->description = xstrdup("");
	feed_add_item(feed, item);
	posts_site_free(&site);
	return feed;
}

static int
posts_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

/* Collect the post files under dir (newest name first). */
static void
posts_collect(const char *dir, int depth, char ***list, size_t *n)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		*path;

	if (depth > POSTS_MAX_DEPTH || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			posts_collect(path, depth + 1, list, n);
		else if (S_ISREG(sb.st_mode) && *n < MAX_FEED_ITEMS &&
		    posts_is_post(path)) {
			*list = xreallocarray(*list, *n + 1, sizeof **list);
			(*list)[(*n)++] = path;
			continue;
		}
		free(path);
	}
	closedir(d);
}

/*
 * Read a Jekyll site folder (one with _posts in it) or a _posts folder:
 * each post is an item, handed to cb when given, else collected.
 */
struct feed *
posts_read_dir(const char *path, feed_item_cb cb, void *arg, char **cause)
{
	struct posts_site	 site;
	struct feed		*feed;
	struct item		*item;
	struct stat		 sb;
	struct buf		 b;
	char			*posts, *sitedir, **files = NULL, *why;
	size_t			 nfiles = 0, i, len;
	int			 stop = 0;

	xasprintf(&posts, "%s/_posts", path);
	if (stat(posts, &sb) == 0 && S_ISDIR(sb.st_mode))
		sitedir = xstrdup(path);
	else {
		free(posts);
		posts = xstrdup(path);
		len = strlen(posts);
		while (len > 1 && posts[len - 1] == '/')
			posts[--len] = '\0';
		if (strcmp(posts_basename(posts), "_posts") == 0)
			sitedir = posts_dirname(posts);
		else
			sitedir = xstrdup(posts);
	}
	posts_site_load(&site, posts);
	posts_collect(posts, 0, &files, &nfiles);
	if (nfiles == 0) {
		xasprintf(cause, _("no Jekyll posts in this folder"));
		free(posts);
		free(sitedir);
		posts_site_free(&site);
		return NULL;
	}
	qsort(files, nfiles, sizeof *files, posts_name_cmp);

	feed = feed_create();
	feed->format = "jekyll";
	len = strlen(sitedir);
	while (len > 1 && sitedir[len - 1] == '/')
		sitedir[--len] = '\0';
	feed->title = xstrdup(site.title != NULL ? site.title :
	    posts_basename(sitedir));
	feed->link = xstrdup(site.url != NULL ? site.url : "");
	feed->description = xstrdup("");
	for (i = 0; i < nfiles && !stop; i++) {
		buf_init(&b);
		item = NULL;
		if (buf_read_file(&b, files[i], MAX_DOCUMENT_BYTES, &why) == 0)
			item = posts_item(files[i], b.data, b.len, &site, &why);
		buf_free(&b);
		if (item == NULL) {
			log_debug("%s: %s", files[i], why);
			free(why);
			feed->wellformed = 0;
			continue;
		}
		if (cb == NULL)
			feed_add_item(feed, item);
		else {
			if (cb(feed, item, arg) != 0)
				stop = 1;
			item_free(item);
		}
	}
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(posts);
	free(sitedir);
	posts_site_free(&site);
	return feed;
}
