/*
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
static char *
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
	if (*r == '\0') {
		/* An empty reference is the base itself (less its fragment). */
		curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0);
	} else if (curl_url_set(h, CURLUPART_URL, r,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
		goto fail;
	if (curl_url_get(h, CURLUPART_URL, &out, 0) != CURLUE_OK)
		goto fail;
	curl_url_cleanup(h);
	free(r);
	copy = xstrdup(out);
	curl_free(out);
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
