/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-page.c: followed pages: which types are shown, the charset found
 * (header, byte order mark, <meta>) and the body decoded to UTF-8.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*type;
	int		 want;
} types[] = {
	{ "text/html", 1 },
	{ "TEXT/HTML; charset=gb2312", 1 },
	{ "application/xhtml+xml", 1 },
	{ NULL, 1 },					/* unknown: try */
	{ "text/plain; charset=utf-8", 2 },
	{ "text/htmlx", 0 },
	{ "image/png", 0 },
	{ "application/pdf", 0 },
	{ "application/octet-stream", 0 },
};

static const struct {
	const char	*type;
	const char	*body;
	const char	*want;		/* decoded */
} pages[] = {
	/* GB2312 named only in the HTTP header. */
	{ "text/html; charset=gb2312", "<p>\xd6\xd0\xce\xc4</p>",
	  "<p>中文</p>" },
	{ "text/html; charset=\"GBK\"", "\xd6\xd0", "中" },
	/* Only in <meta>, both forms. */
	{ "text/html", "<meta charset=\"gb2312\"><p>\xd6\xd0",
	  "<meta charset=\"gb2312\"><p>中" },
	{ NULL, "<meta http-equiv=\"Content-Type\" content=\"text/html; "
	  "charset=GB2312\">\xce\xc4",
	  "<meta http-equiv=\"Content-Type\" content=\"text/html; "
	  "charset=GB2312\">文" },
	/* The header wins over <meta>. */
	{ "text/html; charset=utf-8", "<meta charset=gb2312>中",
	  "<meta charset=gb2312>中" },
	/* Latin-1 read as windows-1252, as browsers do. */
	{ "text/html; charset=iso-8859-1", "caf\xe9 \x80", "café €" },
	/* A byte order mark is dropped. */
	{ "text/html", "\xef\xbb\xbfok", "ok" },
	/* A byte invalid in GB18030 becomes U+FFFD, the rest is kept. */
	{ "text/plain; charset=gbk", "\xd6\xd0\xff\xce\xc4",
	  "中\xef\xbf\xbd文" },
	/* An unknown charset: UTF-8, sanitized. */
	{ "text/html; charset=x-nonsense", "ok \xe4\xb8",
	  "ok \xef\xbf\xbd\xef\xbf\xbd" },
	{ "text/html", "", "" },
};

static const struct {
	const char	*type;
	const char	*body;
	int		 width;
	const char	*want;		/* the lines, each ending "\n" */
} renders[] = {
	{ "text/plain", "Line one.\r\n  Line <two> & three.\n\nPara two.\n",
	  40, "Line one.\n  Line <two> & three.\n\nPara two.\n" },
	{ "text/plain", "0123456789012345678901234", 20,
	  "01234567890123456789\n01234\n" },
	{ "text/html; charset=gb2312", "<p>\xd6\xd0\xce\xc4</p>", 40,
	  "中文\n" },
	{ "text/html", "<p><a href=\"b.html\">b</a></p>", 40,
	  "b[1]\n\nLinks:\n[1] http://example.com/a/b.html\n" },
};

int
main(void)
{
	struct cache_page	 page;
	struct rendered		*r;
	struct buf		 b;
	char			*got, name[128];
	size_t			 i, j, len;

	for (i = 0; i < nitems(types); i++) {
		ok(page_type(types[i].type) == types[i].want, "page_type %s",
		    types[i].type != NULL ? types[i].type : "(null)");
	}
	for (i = 0; i < nitems(pages); i++) {
		got = page_decode(pages[i].body, strlen(pages[i].body),
		    pages[i].type, &len);
		snprintf(name, sizeof name, "decode %zu (%s)", i,
		    pages[i].type != NULL ? pages[i].type : "(null)");
		ok_str(got, pages[i].want, name);
		ok(len == strlen(pages[i].want), "  length %zu", len);
		free(got);
	}
	for (i = 0; i < nitems(renders); i++) {
		memset(&page, 0, sizeof page);
		page.url = (char *)"http://example.com/a/page";
		page.content_type = (char *)renders[i].type;
		page.body = (char *)renders[i].body;
		page.len = strlen(renders[i].body);
		r = page_render(&page, renders[i].width);
		buf_init(&b);
		for (j = 0; j < r->nlines; j++) {
			buf_add(&b, r->lines[j].text, r->lines[j].len);
			buf_addc(&b, '\n');
		}
		buf_addc(&b, '\0');
		snprintf(name, sizeof name, "render %zu (%s)", i,
		    renders[i].type);
		ok_str(b.data, renders[i].want, name);
		buf_free(&b);
		render_free(r);
	}
	return tap_done();
}
