/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * posts.c: a local Jekyll site, its _posts folder, or one post, read as
 * Jekyll 4.3 reads it, so that what the reader shows is what the site's
 * visitors see.
 *
 * Which posts: every file below a "_posts" folder whose name starts with a
 * date ("2021-12-08-slug.md"), in the site's root and in any folder below
 * it ("news/_posts/..." carries the category "news"), skipping what Jekyll
 * skips (names starting with ".", "_", "#" or "~", backups ending in "~",
 * "exclude:"), then leaving out "published: false" and posts dated after
 * now unless _config.yml says "unpublished:" or "future:".  "_drafts" only
 * with "show_drafts: true".  Folders are entered once each (by device and
 * inode) and never outside the site, whatever symbolic links say.
 *
 * Front matter: only where Jekyll sees it, a first line "---"; a file
 * without it is a post all the same, its whole text the body.  YAML is read
 * by libyaml (yamldoc.c); "defaults:" of _config.yml fill what a post does
 * not say.
 *
 * Dates, as Jekyll's YAML (Psych) and Time.parse read them: a plain
 * timestamp with seconds and no offset ("2021-12-08 10:46:18") is UTC; a
 * date alone, a time without seconds, a quoted value and the date in the
 * file name are wall-clock times in the site's "timezone:" (tz.c).  With no
 * "timezone:", Jekyll uses the zone of the machine that builds the site,
 * which is unknowable here: tidings takes +08:00, the zone of the Chinese
 * news sites it is written for.
 *
 * Link: the site's url and baseurl joined to the post's URL (posts-url.c);
 * empty when _config.yml names no url.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"
#include "posts-int.h"

#define POSTS_DEFAULT_ZONE	(8 * 60)	/* minutes east of UTC */
#define POSTS_CONFIG_UP		6
#define POSTS_MAX_DEPTH		32
#define POSTS_MAX_DIRS		10000

/* Jekyll's markdown_ext: these go through Markdown, others as they are. */
static const char *posts_markdown_ext[] = {
	".markdown", ".mkdown", ".mkdn", ".mkd", ".md"
};

/* Jekyll's default "exclude:" entries that can hold a _posts folder. */
static const char *posts_default_exclude[] = {
	"node_modules", "vendor/bundle", "vendor/cache", "vendor/gems",
	"vendor/ruby", "gemfiles"
};

struct posts_dir_id {
	dev_t	dev;
	ino_t	ino;
};

struct posts_walk {
	struct posts_site	*site;
	char			*realroot;
	struct posts_dir_id	*seen;
	size_t			 nseen;
	char			**files;	/* relative to the root */
	size_t			 nfiles;
};

/* ---- names ---- */

static const char *
posts_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
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

static char *
posts_join(const char *a, const char *b)
{
	char	*s;

	if (*a == '\0')
		return xstrdup(b);
	if (*b == '\0')
		return xstrdup(a);
	xasprintf(&s, "%s/%s", a, b);
	return s;
}

/*
 * Document::DATE_FILENAME_MATCHER on a file name: "YYYY-MM-DD-slug.ext"
 * (the year of 2 to 4 digits, month and day of 1 or 2); the date and where
 * the slug and the extension start.
 */
static int
posts_name_date(const char *name, int *y, int *m, int *d,
    const char **slug, const char **ext)
{
	const char	*p = name;
	int		*part[3] = { y, m, d }, i, n;

	for (i = 0; i < 3; i++) {
		*part[i] = 0;
		for (n = 0; isdigit((unsigned char)*p); n++, p++)
			*part[i] = *part[i] * 10 + (*p - '0');
		if (n < (i == 0 ? 2 : 1) || n > (i == 0 ? 4 : 2) || *p != '-')
			return 0;
		p++;
	}
	*slug = p;
	if ((*ext = strrchr(p, '.')) == NULL || (*ext)[1] == '\0')
		return 0;
	return 1;
}

/* EntryFilter#special? and #backup? on one name. */
static int
posts_name_skipped(const char *name)
{
	size_t	n = strlen(name);

	return n == 0 || strchr("._#~", name[0]) != NULL ||
	    name[n - 1] == '~' || name[n - 1] == '.';
}

static int
posts_is_markdown(const char *ext)
{
	size_t	i;

	for (i = 0; i < nitems(posts_markdown_ext); i++) {
		if (strcasecmp(ext, posts_markdown_ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* ---- the site ---- */

/* Is rel (relative to the root) under an "exclude:" entry? */
static int
posts_excluded(const struct posts_site *site, const char *rel)
{
	const struct yamldoc	*ex;
	const char		*pat;
	size_t			 i, n;

	ex = yamldoc_get(site->config, "exclude");
	for (i = 0; i < nitems(posts_default_exclude) +
	    (ex != NULL && ex->kind == YAMLDOC_LIST ? ex->n : 0); i++) {
		if (i < nitems(posts_default_exclude))
			pat = posts_default_exclude[i];
		else if (ex->items[i - nitems(posts_default_exclude)]->kind ==
		    YAMLDOC_SCALAR)
			pat = ex->items[i - nitems(posts_default_exclude)]->value;
		else
			continue;
		while (*pat == '/')
			pat++;
		n = strlen(pat);
		while (n > 0 && pat[n - 1] == '/')
			n--;
		if (n > 0 && strncmp(rel, pat, n) == 0 &&
		    (rel[n] == '\0' || rel[n] == '/'))
			return 1;
	}
	return 0;
}

/* Find the site's root for a path: the nearest folder with _config.yml. */
static char *
posts_find_root(const char *start)
{
	struct stat	 sb;
	char		*d, *cfg, *up;
	int		 i;

	d = xstrdup(start);
	for (i = 0; i <= POSTS_CONFIG_UP; i++) {
		cfg = posts_join(d, "_config.yml");
		if (stat(cfg, &sb) == 0 && S_ISREG(sb.st_mode)) {
			free(cfg);
			return d;
		}
		free(cfg);
		if (strcmp(d, "/") == 0)
			break;
		up = posts_dirname(d);
		free(d);
		d = up;
	}
	free(d);
	return NULL;
}

/* Load the site whose root is root (absolute): _config.yml and defaults. */
static void
posts_site_open(struct posts_site *site, const char *root)
{
	const struct yamldoc	*y;
	const char		*zone;
	struct buf		 b;
	char			*path, *why;

	memset(site, 0, sizeof *site);
	site->root = xstrdup(root);
	site->now = time(NULL);
	path = posts_join(root, "_config.yml");
	buf_init(&b);
	if (buf_read_file(&b, path, 1024 * 1024, &why) == 0) {
		site->config = yamldoc_parse(b.data, b.len, &why);
		if (site->config == NULL) {
			log_debug("%s: %s", path, why);
			free(why);
		}
	} else
		free(why);
	buf_free(&b);
	free(path);

	site->title = yamldoc_str(site->config, "title");
	site->url = yamldoc_str(site->config, "url");
	site->baseurl = yamldoc_str(site->config, "baseurl");
	site->permalink = posts_url_style(yamldoc_str(site->config,
	    "permalink"));
	y = yamldoc_get(yamldoc_get(site->config, "collections"), "posts");
	if (yamldoc_str(y, "permalink") != NULL)
		site->permalink = yamldoc_str(y, "permalink");
	site->excerpt_separator = yamldoc_str(site->config,
	    "excerpt_separator");
	if (site->excerpt_separator == NULL)
		site->excerpt_separator = "\n\n";
	site->future = yamldoc_bool(yamldoc_get(site->config, "future")) == 1;
	site->unpublished = yamldoc_bool(yamldoc_get(site->config,
	    "unpublished")) == 1;
	site->drafts = yamldoc_bool(yamldoc_get(site->config,
	    "show_drafts")) == 1;
	if ((zone = yamldoc_str(site->config, "timezone")) != NULL &&
	    (site->tz = tz_load(zone, &why)) == NULL) {
		log_debug("%s/_config.yml: %s", root, why);
		free(why);
	}
	if (site->tz == NULL)
		site->tz = tz_fixed(POSTS_DEFAULT_ZONE);
}

static void
posts_site_close(struct posts_site *site)
{
	free(site->root);
	yamldoc_free(site->config);
	tz_free(site->tz);
}

/*
 * A value of the post's: its front matter's, else that of the "defaults:"
 * entry of _config.yml whose scope fits the post best (the longest path;
 * with a type, "posts", over none), as FrontmatterDefaults#find does.
 */
static const struct yamldoc *
posts_value(const struct posts_post *p, const char *key)
{
	const struct yamldoc	*y, *set, *scope, *v, *best = NULL;
	const char		*path, *type;
	size_t			 i, n, bestn = 0;
	int			 besttype = 0;

	y = yamldoc_get(p->fm, key);
	if (!yamldoc_is_null(y))
		return y;
	y = yamldoc_get(p->site->config, "defaults");
	for (i = 0; y != NULL && y->kind == YAMLDOC_LIST && i < y->n; i++) {
		set = y->items[i];
		scope = yamldoc_get(set, "scope");
		v = yamldoc_get(yamldoc_get(set, "values"), key);
		if (yamldoc_is_null(v))
			continue;
		type = yamldoc_str(scope, "type");
		if (type != NULL && strcmp(type, "posts") != 0)
			continue;
		if ((path = yamldoc_str(scope, "path")) == NULL)
			path = "";
		n = strlen(path);
		while (n > 0 && path[n - 1] == '/')
			n--;
		if (n > 0 && (strncmp(p->relpath, path, n) != 0 ||
		    p->relpath[n] != '/'))
			continue;
		if (best == NULL || n > bestn ||
		    (n == bestn && (type != NULL) >= besttype)) {
			best = v;
			bestn = n;
			besttype = type != NULL;
		}
	}
	return best;
}

static const char *
posts_value_str(const struct posts_post *p, const char *key)
{
	const struct yamldoc	*y = posts_value(p, key);

	if (y == NULL || y->kind != YAMLDOC_SCALAR)
		return NULL;
	return y->value;
}

/* ---- dates ---- */

static int
posts_digits(const char **pp, int min, int max, int *v)
{
	const char	*p = *pp;
	int		 n;

	*v = 0;
	for (n = 0; isdigit((unsigned char)*p) && n < max; n++, p++)
		*v = *v * 10 + (*p - '0');
	if (n < min)
		return -1;
	*pp = p;
	return 0;
}

/*
 * A plain YAML 1.1 timestamp with a time of day but no offset, which Psych
 * reads as UTC: "2021-12-08 10:46:18", "2021-12-08T10:46:18.5".
 */
static int
posts_date_utc(const char *s, int64_t *t)
{
	struct tm	tm;
	int		y, mo, d, h, mi, sec;

	if (posts_digits(&s, 4, 4, &y) != 0 || *s++ != '-' ||
	    posts_digits(&s, 1, 2, &mo) != 0 || *s++ != '-' ||
	    posts_digits(&s, 1, 2, &d) != 0)
		return -1;
	if (*s == 'T' || *s == 't')
		s++;
	else if (*s == ' ' || *s == '\t') {
		while (*s == ' ' || *s == '\t')
			s++;
	} else
		return -1;
	if (posts_digits(&s, 1, 2, &h) != 0 || *s++ != ':' ||
	    posts_digits(&s, 2, 2, &mi) != 0 || *s++ != ':' ||
	    posts_digits(&s, 2, 2, &sec) != 0)
		return -1;
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++)
			;
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*t = (int64_t)timegm(&tm);
	return 0;
}

/*
 * A post's date from its front matter, as Jekyll reads it: see the comment
 * at the top.  Time.parse takes what names an offset at its word and the
 * rest as wall-clock time in the site's zone; feed_date_parse_zone does the
 * parsing, and a string whose instant does not move with the default zone
 * named its own.
 */
static int
posts_date(const struct posts_site *site, const struct yamldoc *y,
    int64_t *t)
{
	int64_t	t0, t1;

	if (y->kind != YAMLDOC_SCALAR)
		return -1;
	if (y->plain && posts_date_utc(y->value, t) == 0)
		return 0;
	t0 = feed_date_parse_zone(y->value, 0);
	t1 = feed_date_parse_zone(y->value, 60);
	if (t0 == TIME_NONE)
		return -1;
	*t = t0 == t1 ? t0 : tz_from_local(site->tz, t0);
	return 0;
}

/* ---- categories ---- */

static void
posts_list_add(char ***list, size_t *n, const char *s, int uniq)
{
	size_t	i;

	if (uniq) {
		for (i = 0; i < *n; i++) {
			if (strcmp((*list)[i], s) == 0)
				return;
		}
	}
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrdup(s);
}

/*
 * Add a YAML value's words: a list's scalars (nested lists flattened), or
 * a scalar, split at white space when split is set.
 */
static void
posts_list_add_value(char ***list, size_t *n, const struct yamldoc *y,
    int split, int uniq, int depth)
{
	char	*copy, *p, *w;
	size_t	 i;

	if (y == NULL || yamldoc_is_null(y) || depth > 8)
		return;
	if (y->kind == YAMLDOC_LIST) {
		for (i = 0; i < y->n; i++)
			posts_list_add_value(list, n, y->items[i], 0, uniq,
			    depth + 1);
		return;
	}
	if (y->kind != YAMLDOC_SCALAR)
		return;
	if (!split) {
		posts_list_add(list, n, y->value, uniq);
		return;
	}
	p = copy = xstrdup(y->value);
	while ((w = strsep(&p, " \t\n\r\f\v")) != NULL) {
		if (*w != '\0')
			posts_list_add(list, n, w, uniq);
	}
	free(copy);
}

static void
posts_list_free(char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/*
 * The categories: the folders above _posts ("a/b/_posts/x.md": a, b),
 * those of "defaults:", those of the front matter ("categories:" split at
 * white space when a string), then "category:" as it is; each once.  Tags:
 * "tag:" as it is, else "tags:" (split when a string).
 */
static void
posts_categories(struct posts_post *p, const char *magic)
{
	const struct yamldoc	*y;
	const char		*r, *slash, *at;
	char			*dir;

	if ((at = strstr(p->relpath, magic)) != NULL && at != p->relpath) {
		for (r = p->relpath; r < at; r = slash + 1) {
			slash = strchr(r, '/');
			dir = xstrndup(r, slash - r);
			if (*dir != '\0')
				posts_list_add(&p->categories,
				    &p->ncategories, dir, 1);
			free(dir);
		}
	}
	y = posts_value(p, "categories");
	posts_list_add_value(&p->categories, &p->ncategories, y, 1, 1, 0);
	if ((y = posts_value(p, "category")) != NULL)
		posts_list_add_value(&p->categories, &p->ncategories, y, 0, 1,
		    0);
	if ((y = posts_value(p, "tag")) != NULL)
		posts_list_add_value(&p->tags, &p->ntags, y, 0, 0, 0);
	else
		posts_list_add_value(&p->tags, &p->ntags,
		    posts_value(p, "tags"), 1, 0, 0);
}

/* ---- one post ---- */

/*
 * Document::YAML_FRONT_MATTER_REGEXP: "---" and white space up to a line's
 * end, then the YAML up to the first line that is "---" or "..." (and
 * white space); the body starts after the blank lines that follow.
 */
static int
posts_front_matter(const char *s, size_t len, const char **fm,
    size_t *fmlen, const char **body)
{
	const char	*p, *end = s + len, *line, *q, *nl;

	if (len < 3 || memcmp(s, "---", 3) != 0)
		return -1;
	for (p = s + 3, nl = NULL; p < end && isspace((unsigned char)*p); p++) {
		if (*p == '\n')
			nl = p;
	}
	if (nl == NULL)
		return -1;
	/* The YAML starts after the first newline ("---\s*\n" backtracks). */
	*fm = memchr(s + 3, '\n', end - (s + 3)) + 1;
	for (line = *fm; line < end; line = nl + 1) {
		nl = memchr(line, '\n', end - line);
		if (nl == NULL)
			nl = end;
		if (end - line >= 3 && (memcmp(line, "---", 3) == 0 ||
		    memcmp(line, "...", 3) == 0)) {
			for (q = line + 3; q < nl && isspace((unsigned char)*q);
			    q++)
				;
			if (q == nl) {
				*fmlen = line - *fm;
				/* \s*$\n? : every blank line after it. */
				p = q;
				for (q = p; q < end &&
				    isspace((unsigned char)*q); q++) {
					if (*q == '\n')
						p = q + 1;
				}
				if (q == end)
					p = end;
				*body = p;
				return 0;
			}
		}
		if (nl == end)
			break;
	}
	return -1;
}

/* The valid UTF-8 check Jekyll makes before it publishes a post. */
static int
posts_valid_utf8(const char *s, size_t len)
{
	size_t	i = 0, n;

	while (i < len) {
		if (utf8_decode(s + i, len - i, &n) == 0xfffd &&
		    !(n == 3 && memcmp(s + i, "\xef\xbf\xbd", 3) == 0))
			return 0;
		i += n;
	}
	return 1;
}

/* The post's body as HTML: Markdown converted, other files as they are. */
static char *
posts_html(const struct posts_post *p, const char *text, size_t len)
{
	if (posts_is_markdown(p->ext))
		return markdown_to_html(text, len);
	return xstrndup(text, len);
}

/*
 * The excerpt, as the item's summary: "excerpt:" of the front matter as it
 * is, else the body up to the excerpt separator, converted.
 */
static char *
posts_excerpt(const struct posts_post *p, const char *body, size_t len)
{
	const char	*sep, *at;
	char		*copy;
	size_t		 n;

	if ((sep = posts_value_str(p, "excerpt")) != NULL)
		return xstrdup(sep);
	if ((sep = posts_value_str(p, "excerpt_separator")) == NULL)
		sep = p->site->excerpt_separator;
	if (*sep == '\0')
		return NULL;
	copy = xstrndup(body, len);
	at = strstr(copy, sep);
	n = at != NULL ? (size_t)(at - copy) : len;
	free(copy);
	return posts_html(p, body, n);
}

static void
posts_post_free(struct posts_post *p)
{
	yamldoc_free(p->fm);
	free(p->slug);
	free(p->name);
	free(p->cleaned_path);
	posts_list_free(p->categories, p->ncategories);
	posts_list_free(p->tags, p->ntags);
}

/*
 * Read what Jekyll reads of a post (relpath from the site's root): front
 * matter, name, date, categories, URL template; the body is left in
 * *body.  1, or 0 when Jekyll leaves the post out, or -1 with a reason.
 */
static int
posts_post_load(const struct posts_site *site, const char *relpath,
    const char *data, size_t len, struct posts_post *p, const char **body,
    size_t *bodylen, char **cause)
{
	const struct yamldoc	*y;
	const char		*fm, *name, *slug, *ext, *magic;
	size_t			 fmlen, n;
	char			*why, *at;
	int			 yy, mm, dd;
	struct tm		 tm;

	memset(p, 0, sizeof *p);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!posts_valid_utf8(data, len)) {
		xasprintf(cause, _("not valid UTF-8 (Jekyll skips it)"));
		return -1;
	}
	p->site = site;
	p->relpath = relpath;
	*body = data;
	if (posts_front_matter(data, len, &fm, &fmlen, body) == 0) {
		p->fm = yamldoc_parse(fm, fmlen, &why);
		if (p->fm == NULL) {
			/* Jekyll reports it and reads the post without. */
			log_debug("%s: %s", relpath, why);
			free(why);
		} else if (p->fm->kind != YAMLDOC_MAP) {
			yamldoc_free(p->fm);
			p->fm = NULL;
		}
	}
	*bodylen = len - (*body - data);

	/* The name: the date, the slug, the extension. */
	name = posts_basename(relpath);
	if (!posts_name_date(name, &yy, &mm, &dd, &slug, &ext)) {
		yy = 0;
		slug = name;
		if ((ext = strrchr(name, '.')) == NULL)
			ext = name + strlen(name);
	}
	p->ext = ext;
	p->output_ext = posts_is_markdown(ext) || *ext == '\0' ? ".html" :
	    ext;
	p->name = xstrndup(name, ext - name);
	if ((y = posts_value(p, "slug")) != NULL && y->kind == YAMLDOC_SCALAR)
		p->slug = xstrdup(y->value);
	else {
		/* Slugs do not end with a period. */
		for (n = ext - slug; n > 0 && slug[n - 1] == '.'; n--)
			;
		p->slug = xstrndup(slug, n);
	}
	magic = strstr(relpath, "_drafts/") != NULL ? "_drafts/" : "_posts/";
	/* cleaned_relative_path: no extension, the first "_posts" out. */
	n = strlen(relpath) - strlen(ext);
	p->cleaned_path = xstrndup(relpath, n);
	if ((at = strstr(p->cleaned_path, magic)) != NULL) {
		n = strlen(magic) - 1;
		memmove(at, at + n, strlen(at + n) + 1);
	}

	/* Which posts Jekyll publishes. */
	if (yamldoc_bool(posts_value(p, "published")) == 0 &&
	    !site->unpublished)
		return 0;
	if ((y = posts_value(p, "date")) != NULL) {
		if (posts_date(site, y, &p->date) != 0) {
			xasprintf(cause, _("not a date: %s"),
			    y->kind == YAMLDOC_SCALAR ? y->value : "?");
			return -1;
		}
	} else if (yy != 0) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = (yy < 100 ? yy + 2000 : yy) - 1900;
		tm.tm_mon = mm - 1;
		tm.tm_mday = dd;
		p->date = tz_from_local(site->tz, (int64_t)timegm(&tm));
	} else
		p->date = site->now;
	if (p->date > site->now && !site->future)
		return 0;
	posts_categories(p, magic);
	p->permalink = posts_value_str(p, "permalink");
	if (p->permalink == NULL)
		p->permalink = site->permalink;
	return 1;
}

/* The title: the front matter's, trimmed, else the slug titleized. */
static char *
posts_title(const struct posts_post *p)
{
	const struct yamldoc	*y = posts_value(p, "title");
	const char		*s;
	size_t			 n;

	if (y == NULL || y->kind != YAMLDOC_SCALAR || yamldoc_bool(y) == 0)
		return posts_titleize(p->slug);
	for (s = y->value; isspace((unsigned char)*s); s++)
		;
	for (n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]); n--)
		;
	return xstrndup(s, n);
}

/* Read the file at root/relpath whole; NULL with a reason. */
static char *
posts_slurp(const struct posts_site *site, const char *relpath, size_t max,
    size_t *len, char **cause)
{
	struct buf	 b;
	char		*path;

	path = posts_join(site->root, relpath);
	buf_init(&b);
	if (buf_read_file(&b, path, max, cause) != 0) {
		buf_free(&b);
		free(path);
		return NULL;
	}
	free(path);
	*len = b.len;
	return buf_detach(&b);
}

/* The URL path of the post at relpath, Liquid left aside; NULL if none. */
static char *
posts_url_of(const struct posts_site *site, const char *relpath)
{
	struct posts_post	 p;
	const char		*body;
	char			*data, *url = NULL, *why;
	size_t			 len, bodylen;

	if ((data = posts_slurp(site, relpath, MAX_DOCUMENT_BYTES, &len,
	    &why)) == NULL) {
		free(why);
		return NULL;
	}
	switch (posts_post_load(site, relpath, data, len, &p, &body, &bodylen,
	    &why)) {
	case -1:
		free(why);
		break;
	case 1:
		url = posts_url(&p);
		break;
	}
	posts_post_free(&p);
	free(data);
	return url;
}

/* The post "{% post_url NAME %}" names: NAME.* in a _posts folder. */
static char *
posts_find_post(const struct posts_site *site, const char *name)
{
	const char	*base = posts_basename(name);
	char		*dir, *sub, *rel, *found = NULL, *url;
	DIR		*d;
	struct dirent	*de;
	size_t		 n = strlen(base);

	if (strstr(name, "..") != NULL || *name == '/')
		return NULL;
	if (base == name)
		dir = xstrdup("_posts");
	else {
		sub = posts_dirname(name);
		dir = posts_join("_posts", sub);
		free(sub);
	}
	rel = posts_join(site->root, dir);
	if ((d = opendir(rel)) != NULL) {
		while (found == NULL && (de = readdir(d)) != NULL) {
			if (strncmp(de->d_name, base, n) == 0 &&
			    de->d_name[n] == '.' &&
			    strchr(de->d_name + n + 1, '.') == NULL)
				found = posts_join(dir, de->d_name);
		}
		closedir(d);
	}
	free(rel);
	free(dir);
	if (found == NULL)
		return NULL;
	url = posts_url_of(site, found);
	free(found);
	return url;
}

/* {% link PATH %} and {% post_url NAME %}: the URL path, or NULL. */
static char *
posts_liquid_url(void *arg, const char *target, int post_url)
{
	const struct posts_post	*p = arg;
	const struct posts_site	*site = p->site;
	struct stat		 sb;
	const char		*ext;
	char			*path, *url;
	size_t			 n;

	if (post_url)
		return posts_find_post(site, target);
	while (*target == '/')
		target++;
	if (strstr(target, "..") != NULL)
		return NULL;
	path = posts_join(site->root, target);
	n = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
	free(path);
	if (!n)
		return NULL;
	if (strstr(target, "_posts/") != NULL)
		return posts_url_of(site, target);
	/* A page: its path with .html for Markdown; a file as it is. */
	ext = strrchr(posts_basename(target), '.');
	if (ext != NULL && posts_is_markdown(ext)) {
		xasprintf(&url, "/%.*s.html", (int)(ext - target), target);
		return url;
	}
	xasprintf(&url, "/%s", target);
	return url;
}

/* {% include NAME %}: _includes/NAME, never outside it. */
static char *
posts_liquid_include(void *arg, const char *name, char **cause)
{
	const struct posts_post	*p = arg;
	char			*rel, *text;
	size_t			 len;

	if (strstr(name, "..") != NULL || *name == '/') {
		xasprintf(cause, _("not an include name"));
		return NULL;
	}
	rel = posts_join("_includes", name);
	text = posts_slurp(p->site, rel, 1024 * 1024, &len, cause);
	free(rel);
	return text;
}

/* page.url, page.date, page.title, ...: what Jekyll computes. */
static char *
posts_liquid_var(void *arg, const char *name)
{
	const struct posts_post	*p = arg;
	struct buf		 b;
	struct tm		 tm;
	char			*s;
	long			 off;
	size_t			 i;

	if (strcmp(name, "page.url") == 0)
		return posts_url(p);
	if (strcmp(name, "page.title") == 0)
		return posts_title(p);
	if (strcmp(name, "page.slug") == 0)
		return xstrdup(p->slug);
	if (strcmp(name, "page.date") == 0) {
		/* Ruby's Time#to_s: "2021-12-08 18:46:18 +0800". */
		tz_to_local(p->site->tz, p->date, &tm);
		off = tz_offset(p->site->tz, p->date) / 60;
		xasprintf(&s, "%04d-%02d-%02d %02d:%02d:%02d %c%02ld%02ld",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
		    labs(off) / 60, labs(off) % 60);
		return s;
	}
	if (strcmp(name, "page.categories") == 0 ||
	    strcmp(name, "page.tags") == 0) {
		buf_init(&b);
		if (name[5] == 'c') {
			for (i = 0; i < p->ncategories; i++)
				buf_adds(&b, p->categories[i]);
		} else {
			for (i = 0; i < p->ntags; i++)
				buf_adds(&b, p->tags[i]);
		}
		return buf_detach(&b);
	}
	if (strcmp(name, "site.url") == 0 || strcmp(name, "site.baseurl") == 0) {
		s = (char *)(name[5] == 'u' ? p->site->url : p->site->baseurl);
		return xstrdup(s != NULL ? s : "");
	}
	return NULL;
}

/*
 * Read one post (relpath from the site's root) into an item: 1, or 0 when
 * Jekyll leaves it out, or -1 with a reason.  *warnings counts the Liquid
 * that was removed rather than evaluated.
 */
static int
posts_item(const struct posts_site *site, const char *relpath,
    const char *data, size_t len, struct item **out, int *warnings,
    char **cause)
{
	struct posts_post	 p;
	struct liquid_ctx	 lc;
	const struct yamldoc	*y;
	struct item		*item;
	const char		*body;
	char			*text, *url;
	size_t			 bodylen, i;
	int			 r;

	*out = NULL;
	if ((r = posts_post_load(site, relpath, data, len, &p, &body, &bodylen,
	    cause)) != 1) {
		posts_post_free(&p);
		return r;
	}
	item = item_create();
	item->published = p.date;
	item->title = posts_title(&p);
	if ((y = posts_value(&p, "author")) != NULL &&
	    y->kind == YAMLDOC_SCALAR)
		item->author = xstrdup(y->value);
	for (i = 0; i < p.ncategories; i++)
		item_add_category(item, p.categories[i]);
	for (i = 0; i < p.ntags; i++)
		item_add_category(item, p.tags[i]);

	/* Liquid first, then Markdown, as Jekyll renders a post. */
	memset(&lc, 0, sizeof lc);
	lc.site = site->config;
	lc.page = p.fm;
	lc.var = posts_liquid_var;
	lc.url = posts_liquid_url;
	lc.include = posts_liquid_include;
	lc.arg = &p;
	if (yamldoc_bool(posts_value(&p, "render_with_liquid")) == 0)
		text = xstrndup(body, bodylen);
	else
		text = liquid_render(&lc, body, bodylen);
	*warnings += lc.warnings;
	item->content = posts_html(&p, text, strlen(text));
	item->summary = posts_excerpt(&p, text, strlen(text));
	free(text);
	url = posts_url(&p);
	item->link = posts_url_absolute(site, url);
	item->guid = xstrdup(*item->link != '\0' ? item->link : relpath);
	free(url);
	posts_post_free(&p);
	*out = item;
	return 1;
}

/* Read the post at root/relpath: 1, 0 (left out) or -1 with a reason. */
static int
posts_read_one(const struct posts_site *site, const char *relpath,
    struct item **item, int *warnings, char **cause)
{
	char	*data;
	size_t	 len;
	int	 r;

	*item = NULL;
	if ((data = posts_slurp(site, relpath, MAX_DOCUMENT_BYTES, &len,
	    cause)) == NULL)
		return -1;
	r = posts_item(site, relpath, data, len, item, warnings, cause);
	free(data);
	return r;
}

/* ---- the walk ---- */

/*
 * Enter a folder once: by (device, inode), and only inside the site, so a
 * link cycle or a link to elsewhere costs nothing.
 */
static int
posts_walk_enter(struct posts_walk *w, const char *path)
{
	struct stat	 sb;
	char		*real;
	size_t		 i, n;

	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return 0;
	for (i = 0; i < w->nseen; i++) {
		if (w->seen[i].dev == sb.st_dev && w->seen[i].ino == sb.st_ino)
			return 0;
	}
	if (w->nseen == POSTS_MAX_DIRS || (real = realpath(path, NULL)) == NULL)
		return 0;
	n = strlen(w->realroot);
	if (strncmp(real, w->realroot, n) != 0 ||
	    (real[n] != '\0' && real[n] != '/' && n > 1)) {
		free(real);
		return 0;
	}
	free(real);
	w->seen = xreallocarray(w->seen, w->nseen + 1, sizeof *w->seen);
	w->seen[w->nseen].dev = sb.st_dev;
	w->seen[w->nseen++].ino = sb.st_ino;
	return 1;
}

/* Is the file inside the site (a link may point elsewhere)? */
static int
posts_walk_inside(struct posts_walk *w, const char *path)
{
	char	*real;
	size_t	 n = strlen(w->realroot);
	int	 inside;

	if ((real = realpath(path, NULL)) == NULL)
		return 0;
	inside = strncmp(real, w->realroot, n) == 0 &&
	    (real[n] == '/' || n == 1);
	free(real);
	return inside;
}

/*
 * The files below a _posts (or _drafts) folder, at any depth, as
 * Reader#get_entries lists them: "**" does not follow links to folders.
 */
static void
posts_walk_magic(struct posts_walk *w, const char *rel, int depth,
    int dated)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		*path, *sub;
	const char	*slug, *ext;
	int		 y, m, dd;

	path = posts_join(w->site->root, rel);
	if (depth > POSTS_MAX_DEPTH || (d = opendir(path)) == NULL) {
		free(path);
		return;
	}
	free(path);
	while ((de = readdir(d)) != NULL && w->nfiles < MAX_FEED_ITEMS) {
		if (posts_name_skipped(de->d_name))
			continue;
		sub = posts_join(rel, de->d_name);
		path = posts_join(w->site->root, sub);
		if (posts_excluded(w->site, sub) || lstat(path, &sb) != 0) {
			free(path);
			free(sub);
			continue;
		}
		if (S_ISDIR(sb.st_mode) && posts_walk_enter(w, path))
			posts_walk_magic(w, sub, depth + 1, dated);
		else if ((S_ISREG(sb.st_mode) || (S_ISLNK(sb.st_mode) &&
		    stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    posts_walk_inside(w, path))) &&
		    (!dated || posts_name_date(de->d_name, &y, &m, &dd, &slug,
		    &ext))) {
			w->files = xreallocarray(w->files, w->nfiles + 1,
			    sizeof *w->files);
			w->files[w->nfiles++] = sub;
			sub = NULL;
		}
		free(path);
		free(sub);
	}
	closedir(d);
}

/* The files of rel/_posts (dated names only) or rel/_drafts. */
static void
posts_walk_special(struct posts_walk *w, const char *rel, const char *name,
    int dated)
{
	char	*sub, *path;

	sub = posts_join(rel, name);
	path = posts_join(w->site->root, sub);
	if (posts_walk_enter(w, path))
		posts_walk_magic(w, sub, 0, dated);
	free(path);
	free(sub);
}

/*
 * Reader#read_directories: the posts of rel/_posts, then each folder below
 * rel that Jekyll reads (none starting with "_" or ".").
 */
static void
posts_walk_dir(struct posts_walk *w, const char *rel, int depth)
{
	DIR		*d;
	struct dirent	*de;
	char		*path, *sub, **dirs = NULL;
	size_t		 ndirs = 0, i;

	if (depth > POSTS_MAX_DEPTH)
		return;
	posts_walk_special(w, rel, "_posts", 1);
	if (w->site->drafts)
		posts_walk_special(w, rel, "_drafts", 0);

	path = posts_join(w->site->root, rel);
	d = opendir(path);
	free(path);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (posts_name_skipped(de->d_name))
			continue;
		sub = posts_join(rel, de->d_name);
		path = posts_join(w->site->root, sub);
		if (!posts_excluded(w->site, sub) && posts_walk_enter(w, path)) {
			dirs = xreallocarray(dirs, ndirs + 1, sizeof *dirs);
			dirs[ndirs++] = sub;
			sub = NULL;
		}
		free(path);
		free(sub);
	}
	closedir(d);
	for (i = 0; i < ndirs; i++) {
		posts_walk_dir(w, dirs[i], depth + 1);
		free(dirs[i]);
	}
	free(dirs);
}

static int
posts_name_cmp(const void *a, const void *b)
{
	const char	*x = posts_basename(*(char *const *)a);
	const char	*y = posts_basename(*(char *const *)b);
	int		 c;

	/* Newest name first; the path decides between equal names. */
	if ((c = strcmp(y, x)) != 0)
		return c;
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- public ---- */

/*
 * Is the file a Jekyll post: front matter on its first line, or a post's
 * name ("2021-12-08-slug.md", Markdown or HTML) with none?
 */
int
posts_is_post(const char *path)
{
	char		 head[8], *why;
	const char	*slug, *ext;
	ssize_t		 r;
	size_t		 n, i = 0;
	int		 y, m, d, fd;

	/* Only a regular file, opened without blocking on a FIFO. */
	if ((fd = buf_open_file(path, &why)) == -1) {
		free(why);
		return 0;
	}
	while ((r = read(fd, head, sizeof head)) == -1 && errno == EINTR)
		;
	close(fd);
	n = r > 0 ? (size_t)r : 0;
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (n - i >= 4 && memcmp(head + i, "---", 3) == 0 &&
	    isspace((unsigned char)head[i + 3]))
		return 1;
	return posts_name_date(posts_basename(path), &y, &m, &d, &slug,
	    &ext) && (posts_is_markdown(ext) || strcasecmp(ext, ".html") == 0);
}

/*
 * The site around a path: the nearest folder above with _config.yml, else
 * the folder above its _posts, else the folder itself.  Absolute.
 */
static char *
posts_root_of(const char *real, int isdir)
{
	char		*start, *root, *at;
	const char	*base;

	start = isdir ? xstrdup(real) : posts_dirname(real);
	if ((root = posts_find_root(start)) != NULL) {
		free(start);
		return root;
	}
	if ((at = strstr(start, "/_posts")) != NULL &&
	    (at[7] == '\0' || at[7] == '/')) {
		root = xstrndup(start, at == start ? 1 : (size_t)(at - start));
		free(start);
		return root;
	}
	base = posts_basename(start);
	if (isdir && strcmp(base, "_drafts") == 0) {
		root = posts_dirname(start);
		free(start);
		return root;
	}
	return start;
}

static const char *
posts_relative(const char *root, const char *real)
{
	size_t	n = strlen(root);

	if (strncmp(real, root, n) == 0 && real[n] == '/')
		return real + n + 1;
	if (n == 1 && *real == '/')
		return real + 1;
	return posts_basename(real);
}

/* Read one Jekyll post as a feed of one item (none if Jekyll leaves it out). */
struct feed *
posts_read_file(const char *path, char **cause)
{
	struct posts_site	 site;
	struct feed		*feed;
	struct item		*item;
	char			*real, *root;
	int			 warnings = 0;

	if ((real = realpath(path, NULL)) == NULL) {
		xasprintf(cause, "%s", strerror(errno));
		return NULL;
	}
	root = posts_root_of(real, 0);
	posts_site_open(&site, root);
	free(root);
	if (posts_read_one(&site, posts_relative(site.root, real), &item,
	    &warnings, cause) < 0) {
		free(real);
		posts_site_close(&site);
		return NULL;
	}
	free(real);
	feed = feed_create();
	feed->format = "jekyll";
	feed->title = xstrdup(item != NULL ? item->title : "");
	feed->link = xstrdup(site.url != NULL ? site.url : "");
	feed->description = xstrdup("");
	feed->warnings = warnings;
	if (item != NULL)
		feed_add_item(feed, item);
	posts_site_close(&site);
	return feed;
}

/*
 * Read a Jekyll site (a folder with _config.yml or _posts, or a _posts
 * folder in one), or a folder of post files: each post is an item, handed
 * to cb when given, else collected.
 */
struct feed *
posts_read_dir(const char *path, feed_item_cb cb, void *arg, char **cause)
{
	struct posts_site	 site;
	struct posts_walk	 w;
	struct feed		*feed;
	struct item		*item;
	struct stat		 sb;
	char			*real, *root, *why, *probe;
	size_t			 i;
	int			 stop = 0, bare, r;

	if ((real = realpath(path, NULL)) == NULL || stat(real, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		xasprintf(cause, _("not a folder"));
		free(real);
		return NULL;
	}
	root = posts_root_of(real, 1);
	posts_site_open(&site, root);
	free(root);
	memset(&w, 0, sizeof w);
	w.site = &site;
	w.realroot = site.root;
	/*
	 * A folder that is neither a site nor in one (no _config.yml, no
	 * _posts) is read as a _posts folder itself.
	 */
	probe = posts_join(site.root, "_posts");
	bare = strcmp(site.root, real) == 0 && site.config == NULL &&
	    (stat(probe, &sb) != 0 || !S_ISDIR(sb.st_mode));
	free(probe);
	if (bare) {
		posts_walk_enter(&w, site.root);
		posts_walk_magic(&w, "", 0, 0);
	} else {
		posts_walk_enter(&w, site.root);
		posts_walk_dir(&w, "", 0);
	}
	free(real);
	free(w.seen);
	if (w.nfiles == 0) {
		xasprintf(cause, _("no Jekyll posts in this folder"));
		posts_site_close(&site);
		free(w.files);
		return NULL;
	}
	qsort(w.files, w.nfiles, sizeof *w.files, posts_name_cmp);

	feed = feed_create();
	feed->format = "jekyll";
	feed->title = xstrdup(site.title != NULL ? site.title :
	    posts_basename(site.root));
	feed->link = xstrdup(site.url != NULL ? site.url : "");
	feed->description = xstrdup("");
	for (i = 0; i < w.nfiles && !stop; i++) {
		if (bare) {
			probe = posts_join(site.root, w.files[i]);
			r = posts_is_post(probe);
			free(probe);
			if (!r)
				continue;
		}
		r = posts_read_one(&site, w.files[i], &item, &feed->warnings,
		    &why);
		if (r < 0) {
			log_debug("%s/%s: %s", site.root, w.files[i], why);
			free(why);
			feed->warnings++;
			continue;
		}
		if (r == 0)
			continue;
		if (cb == NULL)
			feed_add_item(feed, item);
		else {
			if (cb(feed, item, arg) != 0)
				stop = 1;
			item_free(item);
		}
	}
	for (i = 0; i < w.nfiles; i++)
		free(w.files[i]);
	free(w.files);
	posts_site_close(&site);
	return feed;
}
