/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * page.c: web pages followed from articles, as the pager shows them.
 *
 * A page is kept in the cache as it arrived (its bytes and Content-Type);
 * it is decoded here, each time it is shown: the charset of the HTTP header,
 * else a byte order mark, else a <meta charset> or <meta http-equiv> in the
 * first bytes (HTML §13.2.3.2 looks at 1024), else UTF-8.  Labels are read
 * as the feed parser reads them, as browsers do (GB2312 and GBK as GB18030,
 * Latin-1 as windows-1252).  Bytes invalid in the encoding become U+FFFD,
 * and nothing after them is lost.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidings.h"

/* How far into a page a <meta> naming its charset is looked for. */
#define PAGE_PRESCAN	1024

static int		 page_meta_charset(const char *, size_t, const char **,
			     size_t *);
static void		 page_convert(struct buf *, const char *, size_t,
			     const char *);
static char		*page_plain_html(const char *, size_t, size_t *);

/*
 * Find charset=X in the first bytes of a page (<meta charset="X"> or the
 * content of <meta http-equiv="Content-Type">); 1 when found.
 */
static int
page_meta_charset(const char *s, size_t len, const char **val,
    size_t *vlen)
{
	const char	*end, *p;
	size_t		 n;

	if (len > PAGE_PRESCAN)
		len = PAGE_PRESCAN;
	end = s + len;
	for (p = s; p + 8 < end; p++) {
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == '"' || *p == '\'' || *p == ' '))
			p++;
		for (n = 0; p + n < end && n < 40; n++) {
			if (strchr("\"'; \t\r\n/>", p[n]) != NULL)
				break;
		}
		if (n == 0 || n == 40)
			return 0;
		*val = p;
		*vlen = n;
		return 1;
	}
	return 0;
}

/* Append s converted from the encoding named to UTF-8; bad bytes: U+FFFD. */
static void
page_convert(struct buf *b, const char *s, size_t len, const char *name)
{
	iconv_t	 cd;
	char	 out[4096], *in = (char *)s, *o;
	size_t	 inleft = len, oleft;

	if (strcmp(name, "UTF-8") == 0 ||
	    (cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		utf8_sanitize_add(b, s, len, 0);
		return;
	}
	while (inleft > 0) {
		o = out;
		oleft = sizeof out;
		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1 ||
		    errno == E2BIG) {
			buf_add(b, out, o - out);
			continue;
		}
		buf_add(b, out, o - out);
		/* Invalid, or cut short at the end: one byte is lost. */
		buf_add(b, "\xef\xbf\xbd", 3);
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	o = out;
	oleft = sizeof out;
	iconv(cd, NULL, NULL, &o, &oleft);
	buf_add(b, out, o - out);
	iconv_close(cd);
}

/*
 * Plain text as HTML: preformatted, as browsers show it, so that columns
 * and indents stay; lines wider than the pager wrap.
 */
static char *
page_plain_html(const char *s, size_t len, size_t *outlen)
{
	struct buf	 b;
	const char	*cr;
	size_t		 n;

	buf_init(&b);
	buf_add(&b, "<pre>", 5);
	while (len > 0) {	/* carriage returns dropped */
		cr = memchr(s, '\r', len);
		n = cr == NULL ? len : (size_t)(cr - s);
		escape_markup(&b, s, n, 0);
		if (cr == NULL)
			break;
		s += n + 1;
		len -= n + 1;
	}
	buf_add(&b, "</pre>", 6);
	*outlen = b.len;
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

/*
 * Is a page of this Content-Type (NULL: unknown) shown as text: HTML, XHTML
 * or plain text?  1 for HTML, 2 for plain text, 0 for anything else (an
 * image or a PDF is for the browser).
 */
int
page_type(const char *type)
{
	size_t	n;

	if (type == NULL || *type == '\0')
		return 1;
	n = strcspn(type, "; \t");
	if ((n == 9 && strncasecmp(type, "text/html", n) == 0) ||
	    (n == 21 && strncasecmp(type, "application/xhtml+xml", n) == 0))
		return 1;
	if (n == 10 && strncasecmp(type, "text/plain", n) == 0)
		return 2;
	return 0;
}

/* The charset parameter of a Content-Type (or NULL), or NULL. */
char *
page_type_charset(const char *type)
{
	const char	*p;
	size_t		 n;

	if (type == NULL)
		return NULL;
	for (p = type; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"')
			p++;
		n = strcspn(p, "\"; \t");
		if (n == 0 || n > 40)
			return NULL;
		return xstrndup(p, n);
	}
	return NULL;
}

/*
 * The charset a page is decoded from: what its Content-Type (or NULL)
 * says, else its byte order mark, else its <meta>, else UTF-8; copied
 * into out as iconv's name for it.
 */
void
page_charset(const char *body, size_t len, const char *type, char *out,
    size_t size)
{
	char		 label[48], norm[48], *header;
	const char	*val;
	size_t		 vlen;

	if ((header = page_type_charset(type)) != NULL) {
		snprintf(label, sizeof label, "%s", header);
		free(header);
	} else if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0)
		snprintf(label, sizeof label, "utf-8");
	else if (page_meta_charset(body, len, &val, &vlen))
		snprintf(label, sizeof label, "%.*s", (int)vlen, val);
	else
		snprintf(label, sizeof label, "utf-8");
	snprintf(out, size, "%s", feed_decode_charset(label, norm,
	    sizeof norm));
}

/* A page's body as UTF-8 (NUL-terminated, length in *outlen). */
char *
page_decode(const char *body, size_t len, const char *type, size_t *outlen)
{
	struct buf	 b;
	char		 name[48];

	page_charset(body, len, type, name, sizeof name);
	if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0 &&
	    strcmp(name, "UTF-8") == 0) {
		body += 3;
		len -= 3;
	}
	buf_init(&b);
	page_convert(&b, body, len, name);
	*outlen = b.len;
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

/*
 * Lay a kept page out for the pager at width columns: decoded to UTF-8,
 * plain text preformatted, links resolved against the URL it came from in
 * the end.
 */
struct rendered *
page_render(const struct cache_page *page, int width)
{
	struct rendered	*r;
	char		*text, *html;
	size_t		 len, hlen;

	text = page_decode(page->body != NULL ? page->body : "",
	    page->body != NULL ? page->len : 0, page->content_type, &len);
	if (page_type(page->content_type) == 2) {
		html = page_plain_html(text, len, &hlen);
		free(text);
		text = html;
		len = hlen;
	}
	r = render_html(text, len, page->final_url != NULL ?
	    page->final_url : page->url, width);
	free(text);
	return r;
}
