/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-url.c: relative and protocol-relative links resolved.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*base;
	const char	*ref;
	const char	*want;
} cases[] = {
	{ "http://example.com/feed/", "item/1", "http://example.com/feed/item/1" },
	{ "http://example.com/feed/rss.xml", "/a/b", "http://example.com/a/b" },
	{ "http://example.com/a/b/c", "../d", "http://example.com/a/d" },
	{ "http://example.com/a/b/c", "./", "http://example.com/a/b/" },
	{ "http://example.com/a/b", "?q=1", "http://example.com/a/b?q=1" },
	{ "http://example.com/a/b", "#top", "http://example.com/a/b#top" },
	{ "https://example.com/feed", "//cdn.example.org/x.png",
	  "https://cdn.example.org/x.png" },			/* protocol-relative */
	{ "http://example.com/feed", "//cdn.example.org/x.png",
	  "http://cdn.example.org/x.png" },
	{ "http://example.com/", "http://other.org/Path?A=B",
	  "http://other.org/Path?A=B" },			/* absolute: as is */
	{ "http://example.com/", "http://example.com",
	  "http://example.com" },				/* no slash added */
	{ "http://example.com/", "  /spaced  ", "http://example.com/spaced" },
	{ "http://example.com/a/", "", "http://example.com/a/" },
	{ "http://example.com/a/#frag", "", "http://example.com/a/" },
	{ "http://example.com/", "mailto:me@example.com",
	  "mailto:me@example.com" },
	{ "http://example.com/", "tag:example.com,2004:1",
	  "tag:example.com,2004:1" },
	{ "http://例子.中国/新闻/", "一.html",
	  "http://例子.中国/新闻/一.html" },
	{ NULL, "http://example.com/x", "http://example.com/x" },
	{ NULL, "relative/x", "relative/x" },			/* kept as is */
	{ "", "relative/x", "relative/x" },
	{ "not a url", "x", "x" },
	{ "file:///home/me/feed.xml", "post.html",
	  "file:///home/me/post.html" },
	{ "http://example.com/", NULL, NULL },
	/* Only the path is decoded back: never the base's query... */
	{ "http://example.com/a?q=%E4%B8%AD", "#章",
	  "http://example.com/a?q=%E4%B8%AD#章" },
	{ "http://example.com/a/", "一?q=二#三",
	  "http://example.com/a/一?q=%e4%ba%8c#%e4%b8%89" },
	/* ... and in the path only whole printable characters. */
	{ "http://example.com/%C2%9B/x", "一", "http://example.com/%C2%9B/一" },
	{ "http://example.com/%E2%80%AE/x", "一",
	  "http://example.com/%E2%80%AE/一" },
	{ "http://example.com/%E4%B8/x", "一", "http://example.com/%E4%B8/一" },
	{ "http://example.com/%E6%96%B0/", "一", "http://example.com/新/一" },
};

/* A category's name in a link: percent-decoded, or NULL. */
static const struct {
	const char	*in;
	const char	*want;
} segments[] = {
	{ "%E6%96%B0%E9%97%BB", "新闻" },
	{ "新闻", "新闻" },
	{ "tech%20news", "tech news" },
	{ "%41b", "Ab" },
	{ "", "" },
	{ "a%00b", NULL },			/* NUL */
	{ "%+1", NULL },			/* a sign, not a digit */
	{ "%-1", NULL },
	{ "% 1", NULL },
	{ "%1", NULL },				/* one digit */
	{ "%", NULL },
	{ "%0a", NULL },			/* a newline */
	{ "%1b%5b2J", NULL },			/* ESC */
	{ "%C2%9B2J", NULL },			/* 8-bit CSI */
	{ "%E2%80%AEexe", NULL },		/* bidi override */
	{ "%ff", NULL },			/* not UTF-8 */
	{ "%E4%B8", NULL },			/* cut short */
	{ "a\x1b[2J", NULL },			/* raw ESC */
};

static const struct {
	const char	*url;
	int		 want;
} web[] = {
	{ "http://example.com/", 1 },
	{ "HTTPS://example.com/x", 1 },
	{ "ftp://example.com/", 0 },
	{ "file:///etc/passwd", 0 },
	{ "javascript:alert(1)", 0 },
	{ "http://", 0 },
	{ "/relative", 0 },
	{ NULL, 0 },
};

static const struct {
	const char	*url;
	const char	*want;
} keys[] = {
	{ "https://News.Example.CN/zh/", "news.example.cn/zh" },
	{ "http://e.org/a#frag", "e.org/a" },
	{ "https://e.org/%E6%96%B0%E9%97%BB/a.html", "e.org/新闻/a.html" },
	{ "https://e.org/%e6%96%b0%e9%97%bb/a.html", "e.org/新闻/a.html" },
	{ "https://e.org/新闻/a.html", "e.org/新闻/a.html" },
	{ "https://e.org/%7Euser/%41", "e.org/~user/A" },
	{ "https://e.org/a%2fb?q=%3d", "e.org/a%2Fb?q=%3D" },
	{ "https://e.org/a b", "e.org/a%20b" },
	{ "https://e.org/a%20b", "e.org/a%20b" },
	{ "https://e.org/50%", "e.org/50%" },
};

int
main(void)
{
	char	*got, name[256];
	size_t	 i;

	for (i = 0; i < nitems(cases); i++) {
		got = url_resolve(cases[i].base, cases[i].ref);
		snprintf(name, sizeof name, "\"%s\" against \"%s\"",
		    cases[i].ref != NULL ? cases[i].ref : "(null)",
		    cases[i].base != NULL ? cases[i].base : "(null)");
		ok_str(got, cases[i].want, name);
		free(got);
	}
	for (i = 0; i < nitems(segments); i++) {
		got = url_decode_segment(segments[i].in,
		    strlen(segments[i].in));
		snprintf(name, sizeof name, "segment \"%s\"", segments[i].in);
		ok_str(got, segments[i].want, name);
		free(got);
	}
	for (i = 0; i < nitems(web); i++) {
		ok(url_is_web(web[i].url) == web[i].want, "url_is_web %s",
		    web[i].url != NULL ? web[i].url : "(null)");
	}
	for (i = 0; i < nitems(keys); i++) {
		got = url_key(keys[i].url);
		ok_str(got, keys[i].want, keys[i].url);
		free(got);
	}
	return tap_done();
}
