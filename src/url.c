/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * url.c: URLs from feeds, resolved with curl's URL API.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "tidings.h"

/* Does the reference start with a scheme ("http:", "tag:", "mailto:")? */
static int
url_has_scheme(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return 0;
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' ||
	    *s == '.')
		s++;
	return *s == ':';
}

/* A copy of s without leading and trailing white space. */
char *
url_trim(const char *s)
{
	size_t	len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static int
url_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
url_has_8bit(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			return 1;
	}
	return 0;
}

/*
 * The length of the percent-encoded UTF-8 character at s ("%e4%b8%80"), or 0
 * when s does not start one, or starts one a terminal must not see (a C1 or
 * bidi control); *c is set to the character.  It ends before end.  Only the digits 0-9, a-f and
 * A-F count: no sign, no space, no single digit.
 */
static size_t
url_pct_utf8(const char *s, const char *end, uint32_t *c)
{
	char	bytes[4];
	size_t	n = 0, adv;
	int	hi, lo;

	while (n < sizeof bytes && end - s >= 3 && s[0] == '%' &&
	    (hi = url_hex(s[1])) != -1 && (lo = url_hex(s[2])) != -1) {
		bytes[n++] = (char)(hi * 16 + lo);
		s += 3;
	}
	if (n == 0)
		return 0;
	*c = utf8_decode(bytes, n, &adv);
	if ((*c == 0xfffd && adv == 1) || utf8_unsafe(*c))
		return 0;
	return adv * 3;
}

/*
 * curl percent-encodes the non-ASCII bytes of a relative reference (as
 * "%e4%b8%80") but not those of the base: put the characters of the path
 * back as written, so that a Chinese path reads the same whichever way it
 * was given.  Only the path: the query and the fragment are data, which the
 * server reads byte for byte ("?q=%E4%B8%AD" must stay as it is), and only
 * whole, valid, printable characters, never a lone byte or a control.
 */
static void
url_unescape_8bit(char *s)
{
	char		*o, *end;
	size_t		 n;
	uint32_t	 c;

	if ((s = strstr(s, "://")) == NULL)
		return;
	s += 3;
	s += strcspn(s, "/?#");
	end = s + strcspn(s, "?#");
	o = s;
	while (s < end) {
		if (s[0] == '%' && url_hex(s[1]) >= 8 &&
		    (n = url_pct_utf8(s, end, &c)) != 0) {
			o += utf8_encode(c, o);
			s += n;
			continue;
		}
		*o++ = *s++;
	}
	memmove(o, end, strlen(end) + 1);
}
/*
 * Resolve ref against base (RFC 3986 section 5, protocol-relative
 * "//host/path" included); the result is allocated.  An absolute ref is
 * returned as written (only trimmed), so that what a feed says is kept byte
 * for byte.  When there is no base, or a base curl cannot parse (a file
 * path), a relative ref is returned as it is too: a relative link is more
 * use to a reader than none, and callers check url_is_web before following
 * anything.  NULL only when ref is NULL.
 */
char *
url_resolve(const char *base, const char *ref)
{
	CURLU	*h;
	char	*r, *out = NULL, *copy;

	if (ref == NULL)
		return NULL;
	r = url_trim(ref);
	if (url_has_scheme(r) || base == NULL || *base == '\0')
		return r;
	if ((h = curl_url()) == NULL)
		fatal("curl_url failed");
	if (curl_url_set(h, CURLUPART_URL, base,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
		goto fail;
	if (*r == '\0' || *r == '#') {
		/*
		 * An empty reference is the base less its fragment; a
		 * fragment alone replaces the base's (curl 7.88 drops the last
		 * path segment instead).
		 */
		curl_url_set(h, CURLUPART_FRAGMENT, *r == '#' ? r + 1 : NULL,
		    0);
	} else if (curl_url_set(h, CURLUPART_URL, r,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
		goto fail;
	if (curl_url_get(h, CURLUPART_URL, &out, 0) != CURLUE_OK)
		goto fail;
	curl_url_cleanup(h);
	copy = xstrdup(out);
	curl_free(out);
	if (url_has_8bit(r))
		url_unescape_8bit(copy);
	free(r);
	return copy;

fail:
	curl_url_cleanup(h);
	return r;
}

/* Is this an http or https URL, the only kind tidings follows? */
int
url_is_web(const char *url)
{
	if (url == NULL)
		return 0;
	if (strncasecmp(url, "http://", 7) == 0)
		return url[7] != '\0' && url[7] != '/';
	if (strncasecmp(url, "https://", 8) == 0)
		return url[8] != '\0' && url[8] != '/';
	return 0;
}

/*
 * A link as compared when following it: no scheme (http and https are the
 * same page), no fragment, no trailing slash, the host in lower case, and
 * one spelling of each character: a percent-escape of a byte that needs
 * none (a letter, a digit, "-._~", or a byte of a UTF-8 character) is
 * decoded, other escapes are in upper case, and bytes a URL cannot hold as
 * they are (spaces, controls, quotes) are escaped.  So a raw UTF-8 href to
 * "/新闻/a.html" finds the article whose link Jekyll wrote as
 * "/%E6%96%B0%E9%97%BB/a.html".
 */
char *
url_key(const char *url)
{
	struct buf		 b;
	const unsigned char	*p;
	unsigned int		 c;
	size_t			 host;

	if (url == NULL)
		return NULL;
	if (strncasecmp(url, "http://", 7) == 0)
		url += 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		url += 8;
	host = strcspn(url, "/?#");
	buf_init(&b);
	for (p = (const unsigned char *)url; *p != '\0' && *p != '#'; p++) {
		c = *p;
		if ((size_t)(p - (const unsigned char *)url) < host)
			c = tolower(c);
		else if (c == '%' && isxdigit(p[1]) && isxdigit(p[2])) {
			c = (unsigned int)(isdigit(p[1]) ? p[1] - '0' :
			    tolower(p[1]) - 'a' + 10) << 4 |
			    (unsigned int)(isdigit(p[2]) ? p[2] - '0' :
			    tolower(p[2]) - 'a' + 10);
			p += 2;
			if (c < 0x80 && !isalnum(c) && strchr("-._~", (int)c) ==
			    NULL) {
				buf_printf(&b, "%%%02X", c);
				continue;
			}
		} else if (c <= 0x20 || c == 0x7f ||
		    strchr("\"<>\\^`{|}", (int)c) != NULL) {
			buf_printf(&b, "%%%02X", c);
			continue;
		}
		buf_addc(&b, (char)c);
	}
	while (b.len > 0 && b.data[b.len - 1] == '/')
		b.len--;
	if (b.data != NULL)
		b.data[b.len] = '\0';
	return buf_detach(&b);
}

/*
 * Decode one percent-encoded path segment of len bytes ("%E6%96%B0%E9%97%BB"
 * is "新闻"), or NULL when it does not decode to printable UTF-8: "%00", a
 * control, a lone byte, or a sign or space where two hex digits must be.
 */
char *
url_decode_segment(const char *s, size_t len)
{
	struct buf	 b;
	const char	*end = s + len;
	char		 out[4];
	size_t		 n;
	uint32_t	 c;

	buf_init(&b);
	buf_adds(&b, "");
	while (s < end) {
		if (*s == '%') {
			if ((n = url_pct_utf8(s, end, &c)) == 0)
				goto bad;
		} else {
			c = utf8_decode(s, end - s, &n);
			if (c == 0xfffd && n == 1)
				goto bad;
		}
		if (c < 0x20 || utf8_unsafe(c))
			goto bad;
		buf_add(&b, out, utf8_encode(c, out));
		s += n;
	}
	return buf_detach(&b);
bad:
	buf_free(&b);
	return NULL;
}

/* s percent-encoded for a form or a query (only unreserved kept). */
char *
url_escape(const char *s)
{
	char	*e, *copy;

	if ((e = curl_easy_escape(NULL, s, 0)) == NULL)
		fatal("out of memory");
	copy = xstrdup(e);
	curl_free(e);
	return copy;
}
