/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * html-image.c: which URL stands for an image of an article: the largest
 * candidate of its srcset and of the <source>s of its <picture>, else its
 * src (or a lazy loader's data-src), else a <video>'s poster.
 *
 * The largest is the widest by "w" descriptor; when no candidate has one,
 * the densest by "x" (src counting as 1x).  The reader lists the image's
 * URL with the links, so the best copy is the one to open or download.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "tidings.h"

/* The best candidate so far: a width wins over any density. */
struct html_image_best {
	char  *url; /* as written, not resolved */
	double w; /* width descriptor, 0 when none */
	double x; /* density, 1 when none */
};

static void
html_image_offer(struct html_image_best *best, const char *url, size_t len,
    double w, double x)
{
	if (len == 0 || strncmp(url, "data:", 5) == 0)
		return;
	if (best->url != NULL &&
	    (w < best->w || (w == best->w && x <= best->x)))
		return;
	free(best->url);
	best->url = xstrndup(url, len);
	best->w = w;
	best->x = x;
}

/*
 * Offer each candidate of a srcset: a URL up to white space (commas at its
 * end are separators), then descriptors up to a comma.
 */
static void
html_image_srcset(struct html_image_best *best, const char *s)
{
	const char *url, *d;
	size_t	    len;
	double	    w, x, v;
	char	   *end;

	for (;;) {
		while (isspace((unsigned char)*s) || *s == ',')
			s++;
		if (*s == '\0')
			return;
		url = s;
		while (*s != '\0' && !isspace((unsigned char)*s))
			s++;
		len = (size_t)(s - url);
		w = 0;
		x = 1;
		if (len > 0 && url[len - 1] == ',') {
			while (len > 0 && url[len - 1] == ',')
				len--;
		} else {
			d = s;
			s += strcspn(s, ",");
			while (d < s) {
				while (d < s && isspace((unsigned char)*d))
					d++;
				if (d >= s)
					break;
				v = strtod(d, &end);
				if (end > d && end < s && v > 0 && v < 1e9) {
					if (*end == 'w')
						w = v;
					else if (*end == 'x')
						x = v;
				}
				while (d < s && !isspace((unsigned char)*d))
					d++;
			}
		}
		html_image_offer(best, url, len, w, x);
	}
}

static void
html_image_attr(struct html_image_best *best, xmlNode *n, const char *name)
{
	xmlChar *v;

	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return;
	if (strcmp(name, "srcset") == 0)
		html_image_srcset(best, (const char *)v);
	else
		html_image_offer(best, (const char *)v, strlen((const char *)v),
		    0, 1);
	xmlFree(v);
}

/*
 * The srcsets of the <source>s under n.  libxml2's HTML parser does not
 * know <source> is empty, so the ones after the first nest in it, and
 * the <img> with them.
 */
static void
html_image_sources(struct html_image_best *best, xmlNode *n, int depth)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    xmlStrcasecmp(c->name, (const xmlChar *)"source") != 0)
			continue;
		html_image_attr(best, c, "srcset");
		if (depth < MAX_PICTURE_SOURCES)
			html_image_sources(best, c, depth + 1);
	}
}

/* The <picture> that image n is in, or NULL. */
static xmlNode *
html_image_picture(xmlNode *n)
{
	int i;

	for (i = 0, n = n->parent;
	     n != NULL && n->name != NULL && i <= MAX_PICTURE_SOURCES;
	     i++, n = n->parent) {
		if (xmlStrcasecmp(n->name, (const xmlChar *)"picture") == 0)
			return n;
		if (xmlStrcasecmp(n->name, (const xmlChar *)"source") != 0)
			return NULL;
	}
	return NULL;
}

/*
 * The absolute http(s) URL of image n (an <img>, or a <video> for its
 * poster) against base; NULL when it has none.
 */
char *
html_image_url(xmlNode *n, const char *base)
{
	struct html_image_best best;
	xmlNode		      *picture;
	char		      *clean, *url = NULL;

	memset(&best, 0, sizeof best);
	if (xmlStrcasecmp(n->name, (const xmlChar *)"video") == 0)
		html_image_attr(&best, n, "poster");
	else {
		html_image_attr(&best, n, "src");
		if (best.url == NULL)
			html_image_attr(&best, n, "data-src");
		html_image_attr(&best, n, "srcset");
		if ((picture = html_image_picture(n)) != NULL)
			html_image_sources(&best, picture, 0);
	}
	if (best.url == NULL)
		return NULL;
	clean = utf8_sanitize_line(best.url, strlen(best.url));
	free(best.url);
	url = url_resolve(base, clean);
	free(clean);
	if (url != NULL && !url_is_web(url)) {
		free(url);
		url = NULL;
	}
	return url;
}
