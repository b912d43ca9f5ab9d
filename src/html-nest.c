/*
 * html-nest.c: bound the nesting of HTML before libxml2 parses it.
 *
 * libxml2's HTML parser stops at 256 levels of nesting (more needs
 * HTML_PARSE_HUGE, which DESIGN.md §8a rules out) and drops the rest of the
 * document, so a page 10,000 <div>s deep would lose all its text.  This pass
 * leaves out start tags nested deeper than MAX_HTML_NESTING, with their end
 * tags; their text stays.  Only elements that need an end tag are counted:
 * the parser closes the others (p, li, td, ...) itself, and void elements
 * (br, img, ...) hold nothing.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidings.h"

#define HTML_NEST_NAME	16

struct html_nest_open {
	char	name[HTML_NEST_NAME];
	int	dropped;
};

static const char *html_nest_uncounted[] = {
	"area", "base", "basefont", "bgsound", "body", "br", "col",
	"colgroup", "dd", "dt", "embed", "frame", "head", "hr", "html",
	"image", "img", "input", "isindex", "keygen", "li", "link", "meta",
	"option", "optgroup", "p", "param", "rp", "rt", "source", "tbody",
	"td", "tfoot", "th", "thead", "tr", "track", "wbr",
};
static const char *html_nest_raw[] = {
	"plaintext", "script", "style", "textarea", "title", "xmp",
};

static int	html_nest_in(const char *, const char **, size_t);
static size_t	html_nest_name(const char *, size_t, size_t, char *);
static size_t	html_nest_tag_end(const char *, size_t, size_t);
static size_t	html_nest_find(const char *, size_t, size_t, const char *);

static int
html_nest_in(const char *name, const char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(name, list[i]) == 0)
			return 1;
	}
	return 0;
}

/* Read a tag name at i into name (lower case, cut short); its end. */
static size_t
html_nest_name(const char *s, size_t len, size_t i, char *name)
{
	size_t	n = 0;

	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-' ||
	    s[i] == ':' || s[i] == '_')) {
		if (n < HTML_NEST_NAME - 1)
			name[n++] = (char)tolower((unsigned char)s[i]);
		i++;
	}
	name[n] = '\0';
	return i;
}

/* Just past the '>' that ends the tag (quotes respected), or len. */
static size_t
html_nest_tag_end(const char *s, size_t len, size_t i)
{
	char	q = 0;

	for (; i < len; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '>')
			return i + 1;
	}
	return len;
}

/* The offset of marker (case-insensitive) from i, or len. */
static size_t
html_nest_find(const char *s, size_t len, size_t i, const char *marker)
{
	size_t	m = strlen(marker);

	for (; i + m <= len; i++) {
		if (strncasecmp(s + i, marker, m) == 0)
			return i;
	}
	return len;
}

/*
 * The HTML with start tags nested deeper than MAX_HTML_NESTING left out,
 * in out; 0 (and out untouched) when nothing had to go.
 */
int
html_nest_limit(const char *s, size_t len, struct buf *out)
{
	struct html_nest_open	*stack = NULL;
	size_t			 n = 0, size = 0, i = 0, from = 0, end;
	size_t			 counted = 0, dropped = 0;
	char			 name[HTML_NEST_NAME], close[HTML_NEST_NAME + 3];
	const char		*p;
	size_t			 k;
	int			 skip;

	for (;;) {
		if (i >= len || (p = memchr(s + i, '<', len - i)) == NULL)
			break;
		i = p - s;
		skip = 0;
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			end = html_nest_find(s, len, i + 4, "-->");
			i = end == len ? len : end + 3;
			continue;
		}
		if (i + 1 < len && s[i + 1] == '/' && i + 2 < len &&
		    isalpha((unsigned char)s[i + 2])) {
			end = html_nest_name(s, len, i + 2, name);
			end = html_nest_tag_end(s, len, end);
			/* Close the innermost match, as the parser would. */
			for (k = n; k > 0 && n - k < 16; k--) {
				if (strcmp(stack[k - 1].name, name) == 0)
					break;
			}
			if (k > 0 && n - k < 16) {
				skip = stack[k - 1].dropped;
				while (n >= k) {
					if (!stack[--n].dropped)
						counted--;
				}
			}
		} else if (i + 1 < len && isalpha((unsigned char)s[i + 1])) {
			end = html_nest_name(s, len, i + 1, name);
			end = html_nest_tag_end(s, len, end);
			if (html_nest_in(name, html_nest_raw,
			    nitems(html_nest_raw))) {
				snprintf(close, sizeof close, "</%s", name);
				end = html_nest_find(s, len, end, close);
			} else if (s[end - 1] != '>' || s[end - 2] == '/' ||
			    html_nest_in(name, html_nest_uncounted,
			    nitems(html_nest_uncounted))) {
				/* Self-closed, cut short, or not counted. */
			} else {
				if (n == size) {
					size = size == 0 ? 64 : size * 2;
					stack = xreallocarray(stack, size,
					    sizeof *stack);
				}
				memcpy(stack[n].name, name, sizeof name);
				stack[n].dropped = counted >= MAX_HTML_NESTING;
				skip = stack[n++].dropped;
				if (!skip)
					counted++;
			}
		} else
			end = i + 1;
		if (skip) {
			if (dropped++ == 0)
				buf_init(out);
			buf_add(out, s + from, i - from);
			from = end;
		}
		i = end;
	}
	free(stack);
	if (dropped == 0)
		return 0;
	buf_add(out, s + from, len - from);
	return 1;
}
