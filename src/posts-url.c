/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * posts-url.c: a Jekyll post's URL and title, made as Jekyll 4.3 makes them
 * (Jekyll::URL, Drops::UrlDrop, Utils.slugify and titleize_slug), so that
 * a link to the post on the real site routes to the cached article.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "posts-int.h"

static const char *posts_url_months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *posts_url_days[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};

/* The permalink styles of _config.yml (Configuration::STYLE_TO_PERMALINK). */
static const struct {
	const char	*style;
	const char	*pattern;
} posts_url_styles[] = {
	{ "date", "/:categories/:year/:month/:day/:title:output_ext" },
	{ "pretty", "/:categories/:year/:month/:day/:title/" },
	{ "ordinal", "/:categories/:year/:y_day/:title:output_ext" },
	{ "weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext" },
	{ "none", "/:categories/:title:output_ext" },
};

/* The URL template of a permalink setting: a style's, or itself. */
const char *
posts_url_style(const char *permalink)
{
	size_t	i;

	if (permalink == NULL)
		return posts_url_styles[0].pattern;
	for (i = 0; i < nitems(posts_url_styles); i++) {
		if (strcmp(permalink, posts_url_styles[i].style) == 0)
			return posts_url_styles[i].pattern;
	}
	return permalink;
}

/* Add s with its case changed: all of it, or only the first character. */
static void
posts_url_case(struct buf *b, const char *s, size_t len, int first_upper)
{
	size_t		 i = 0, n;
	uint32_t	 c;
	char		 u[4];

	while (i < len) {
		c = utf8_decode(s + i, len - i, &n);
		c = utf8_case(c, first_upper && i == 0);
		buf_add(b, u, utf8_encode(c, u));
		i += n;
	}
}

/*
 * Utils.slugify: runs of characters other than letters, marks and digits
 * (and, when pretty, "._~!$&'()+,;=@") become one "-", none at either end;
 * lower case unless cased.
 */
char *
posts_slugify(const char *s, int pretty, int cased)
{
	struct buf	 b, out;
	size_t		 i = 0, n, len = strlen(s);
	uint32_t	 c;
	int		 dash = 0;

	buf_init(&b);
	while (i < len) {
		c = utf8_decode(s + i, len - i, &n);
		if (utf8_is_word(c) ||
		    (pretty && c < 0x80 && strchr("._~!$&'()+,;=@", (int)c) !=
		    NULL && c != 0)) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = 0;
			buf_add(&b, s + i, n);
		} else
			dash = 1;
		i += n;
	}
	if (cased)
		return buf_detach(&b);
	buf_init(&out);
	posts_url_case(&out, b.data != NULL ? b.data : "", b.len, 0);
	buf_free(&b);
	return buf_detach(&out);
}

/* Utils.titleize_slug: "hk-stocks-close" is "Hk Stocks Close". */
char *
posts_titleize(const char *slug)
{
	struct buf	 b;
	const char	*p = slug, *dash;
	size_t		 n;

	buf_init(&b);
	for (;;) {
		dash = strchr(p, '-');
		n = dash != NULL ? (size_t)(dash - p) : strlen(p);
		if (p != slug)
			buf_addc(&b, ' ');
		if (n > 0) {
			/* capitalize: the first upper, the rest lower. */
			size_t	 first;

			utf8_decode(p, n, &first);
			posts_url_case(&b, p, first, 1);
			posts_url_case(&b, p + first, n - first, 0);
		}
		if (dash == NULL)
			break;
		p = dash + 1;
	}
	return buf_detach(&b);
}

/*
 * URL.escape_path: a placeholder's value percent-encoded except for what a
 * URL path may hold (unreserved, sub-delimiters, ":", "@", "/") and "?".
 */
static void
posts_url_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') ||
		    strchr("-._~!$&'()*+,;=:@/?", *s) != NULL)
			buf_addc(b, *s);
		else
			buf_printf(b, "%%%02X", (unsigned char)*s);
	}
}

/* :categories — downcased, each once, joined by "/". */
static void
posts_url_categories(struct buf *b, const struct posts_post *p, int slugify)
{
	struct buf	 one;
	char		**seen, *s;
	size_t		 nseen = 0, i, j;

	seen = xreallocarray(NULL, p->ncategories + 1, sizeof *seen);
	for (i = 0; i < p->ncategories; i++) {
		if (slugify)
			s = posts_slugify(p->categories[i], 0, 0);
		else {
			buf_init(&one);
			posts_url_case(&one, p->categories[i],
			    strlen(p->categories[i]), 0);
			s = buf_detach(&one);
		}
		for (j = 0; j < nseen && strcmp(seen[j], s) != 0; j++)
			;
		if (j < nseen) {
			free(s);
			continue;
		}
		if (nseen > 0)
			buf_addc(b, '/');
		buf_adds(b, s);
		seen[nseen++] = s;
	}
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
}

/* The value of one placeholder, added to b; -1 if Jekyll has none. */
static int
posts_url_value(struct buf *b, const char *name, size_t n,
    const struct posts_post *p, const struct tm *tm)
{
	char	 num[32], *s;
	int	 i;

#define IS(str)	(n == sizeof (str) - 1 && strncmp(name, str, n) == 0)
	num[0] = '\0';
	if (IS("year"))
		snprintf(num, sizeof num, "%04d", tm->tm_year + 1900);
	else if (IS("month"))
		snprintf(num, sizeof num, "%02d", tm->tm_mon + 1);
	else if (IS("day"))
		snprintf(num, sizeof num, "%02d", tm->tm_mday);
	else if (IS("hour"))
		snprintf(num, sizeof num, "%02d", tm->tm_hour);
	else if (IS("minute"))
		snprintf(num, sizeof num, "%02d", tm->tm_min);
	else if (IS("second"))
		snprintf(num, sizeof num, "%02d", tm->tm_sec);
	else if (IS("i_day"))
		snprintf(num, sizeof num, "%d", tm->tm_mday);
	else if (IS("i_month"))
		snprintf(num, sizeof num, "%d", tm->tm_mon + 1);
	else if (IS("short_year"))
		snprintf(num, sizeof num, "%02d", tm->tm_year % 100);
	else if (IS("y_day"))
		snprintf(num, sizeof num, "%03d", tm->tm_yday + 1);
	else if (IS("short_month"))
		snprintf(num, sizeof num, "%.3s", posts_url_months[tm->tm_mon]);
	else if (IS("long_month"))
		snprintf(num, sizeof num, "%s", posts_url_months[tm->tm_mon]);
	else if (IS("short_day"))
		snprintf(num, sizeof num, "%.3s", posts_url_days[tm->tm_wday]);
	else if (IS("long_day"))
		snprintf(num, sizeof num, "%s", posts_url_days[tm->tm_wday]);
	else if (IS("w_year"))
		strftime(num, sizeof num, "%G", tm);
	else if (IS("week"))
		strftime(num, sizeof num, "%V", tm);
	else if (IS("w_day")) {
		i = tm->tm_wday == 0 ? 7 : tm->tm_wday;
		snprintf(num, sizeof num, "%d", i);
	} else if (IS("title") || IS("slug") || IS("name")) {
		if (IS("title"))
			s = posts_slugify(p->slug, 1, 1);
		else
			s = posts_slugify(IS("slug") ? p->slug : p->name, 0, 0);
		posts_url_escape(b, s);
		free(s);
	} else if (IS("categories") || IS("slugified_categories")) {
		struct buf	 cats;

		buf_init(&cats);
		posts_url_categories(&cats, p, IS("slugified_categories"));
		posts_url_escape(b, cats.data != NULL ? cats.data : "");
		buf_free(&cats);
	} else if (IS("output_ext"))
		buf_adds(b, p->output_ext);
	else if (IS("collection"))
		buf_adds(b, "posts");
	else if (IS("path"))
		posts_url_escape(b, p->cleaned_path);
	else
		return -1;
#undef IS
	posts_url_escape(b, num);
	return 0;
}

/*
 * The post's URL path, as Jekyll::URL builds it from the template: each
 * ":name" (a name ending in "_" may also be the name without it, as in
 * "/:month_:day") replaced and escaped, then ".." and "./" taken out and
 * runs of "/" squeezed.
 */
char *
posts_url(const struct posts_post *p)
{
	struct buf	 b;
	const char	*t, *name;
	char		*s, *r, *w;
	size_t		 n;
	struct tm	 tm;

	tz_to_local(p->site->tz, p->date, &tm);
	buf_init(&b);
	buf_addc(&b, '/');
	for (t = p->permalink; *t != '\0'; t++) {
		if (*t != ':' || !((t[1] >= 'a' && t[1] <= 'z') ||
		    t[1] == '_')) {
			buf_addc(&b, *t);
			continue;
		}
		name = t + 1;
		n = strspn(name, "abcdefghijklmnopqrstuvwxyz_");
		if (posts_url_value(&b, name, n, p, &tm) != 0) {
			if (n > 1 && name[n - 1] == '_' &&
			    posts_url_value(&b, name, n - 1, p, &tm) == 0)
				buf_addc(&b, '_');
			else {
				/* Jekyll stops the build here; the text stays. */
				buf_addc(&b, ':');
				buf_add(&b, name, n);
			}
		}
		t = name + n - 1;
	}
	s = buf_detach(&b);
	/* sanitize_url: ".." becomes "/", "./" goes, "/" squeezed. */
	while ((r = strstr(s, "..")) != NULL) {
		*r = '/';
		memmove(r + 1, r + 2, strlen(r + 2) + 1);
	}
	for (r = w = s; *r != '\0'; r++) {
		if (r[0] == '.' && r[1] == '/') {
			r++;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
	for (r = w = s; *r != '\0'; r++) {
		if (*r == '/' && w > s && w[-1] == '/')
			continue;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

/*
 * The absolute link of a URL path on the site: url + baseurl + path, as the
 * absolute_url filter joins them; empty when _config.yml names no url.
 */
char *
posts_url_absolute(const struct posts_site *site, const char *path)
{
	struct buf	 b;
	size_t		 n;

	if (site->url == NULL || *site->url == '\0')
		return xstrdup("");
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
	buf_adds(&b, path);
	return buf_detach(&b);
}
