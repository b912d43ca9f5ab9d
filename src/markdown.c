/*
 * markdown.c: Jekyll post bodies, CommonMark to HTML, with libcmark.
 */
#include "config.h"

#include <stdlib.h>

#include <cmark.h>

#include "tidings.h"

/*
 * Convert Markdown to HTML.  CMARK_OPT_UNSAFE keeps raw HTML and links of
 * every scheme: Jekyll posts are often written in HTML, or mix it with
 * Markdown, and without it cmark would replace that HTML with comments.
 * This is safe here only because the result is never shown as is: it is
 * stored like any feed's HTML and goes through the renderer (html.c,
 * render.c), which keeps no script, never follows a link by itself and
 * sanitizes every character it prints.
 */
char *
markdown_to_html(const char *text, size_t len)
{
	char	*html, *copy;

	html = cmark_markdown_to_html(text, len,
	    CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8);
	if (html == NULL)
		fatal("cmark_markdown_to_html failed");
	copy = xstrdup(html);
	free(html);
	return copy;
}
