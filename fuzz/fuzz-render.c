/*
 * fuzz-render.c: HTML to laid-out lines, asserting the layout invariants on
 * every input: no line wider than asked, widths measured right, valid UTF-8,
 * and no control character, ESC, C1 or bidi override in any line.
 *
 * The first byte picks the width (20 to 147); the rest is the HTML.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const unsigned char *, size_t);

static void
fuzz_check_line(const struct rline *l, int width)
{
	const unsigned char	*u = (const unsigned char *)l->text;
	size_t			 i, adv;
	uint32_t		 c;

	if (l->width > width || l->width != utf8_width(l->text, l->len))
		abort();
	if (strlen(l->text) != l->len)
		abort();
	for (i = 0; i < l->len; i += adv) {
		c = utf8_decode(l->text + i, l->len - i, &adv);
		if (c == 0xfffd && !(adv == 3 && u[i] == 0xef))
			abort();	/* invalid UTF-8 let through */
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
			abort();	/* tabs and newlines too */
		if ((c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069))
			abort();
		if (l->link[i] > 0 && (size_t)l->link[i] > 65535)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct rendered	*r;
	size_t		 i, j;
	int		 width;

	if (size == 0)
		return 0;
	width = 20 + data[0] % 128;
	r = render_html((const char *)data + 1, size - 1,
	    "https://example.com/dir/page.html", width);
	for (i = 0; i < r->nlines; i++)
		fuzz_check_line(&r->lines[i], width);
	for (i = 0; i < r->nlines; i++) {
		for (j = 0; j < r->lines[i].len; j++) {
			if (r->lines[i].link[j] > r->nlinks)
				abort();	/* a number with no link */
		}
	}
	render_free(r);
	return 0;
}
