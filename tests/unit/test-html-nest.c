/*
 * test-html-nest.c: html_nest_limit leaves out start tags nested deeper than
 * MAX_HTML_NESTING (and their end tags), keeps all text, and counts only
 * elements that need an end tag.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

/* PRE, then OPEN n times, MID, CLOSE n times, POST; n = nesting + extra. */
static const struct {
	const char	*name;
	const char	*open;
	const char	*mid;
	const char	*close;
	int		 extra;		/* levels past MAX_HTML_NESTING */
	int		 kept;		/* levels that must stay, -1: all */
} rows[] = {
	{ "divs at the limit", "<div>", "x", "</div>", 0, -1 },
	{ "one div too deep", "<div>", "x", "</div>", 1, MAX_HTML_NESTING },
	{ "10,000 divs", "<div>", "x", "</div>", 10000 - MAX_HTML_NESTING,
	  MAX_HTML_NESTING },
	{ "upper case", "<DIV>", "x", "</DIV>", 100, MAX_HTML_NESTING },
	{ "with attributes", "<div class=\"a>b\" id='c>d'>", "x", "</div>",
	  100, MAX_HTML_NESTING },
	{ "p is not counted", "<p>", "x", "</p>", 500, -1 },
	{ "unclosed li is not counted", "<li>", "x", "", 500, -1 },
	{ "br is not counted", "<br>", "x", "", 500, -1 },
	{ "self-closed is not counted", "<div/>", "x", "", 500, -1 },
	{ "td and tr are not counted", "<tr><td>", "x", "</td></tr>", 500,
	  -1 },
	{ "tables are", "<table><tr><td>", "x", "</td></tr></table>", 100,
	  MAX_HTML_NESTING },
	{ "a comment is not a tag", "<!-- <div> -->", "x", "", 500, -1 },
	{ "script content is not a tag", "<script>a<div>b</script>", "x", "",
	  500, -1 },
	{ "mis-nested spans close with their div", "<div><span></div>", "x",
	  "", 500, -1 },
	{ "stray end tags", "</div></b>", "x", "", 500, -1 },
};

static char *
repeat(const char *s, int n)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, "");
	while (n-- > 0)
		buf_adds(&b, s);
	return buf_detach(&b);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t	n = 0, len = strlen(needle);

	if (len == 0)
		return 0;
	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += len;
	}
	return n;
}

int
main(void)
{
	struct buf	 out;
	char		*o, *c, *in;
	size_t		 i;
	int		 n, changed;

	for (i = 0; i < nitems(rows); i++) {
		n = MAX_HTML_NESTING + rows[i].extra;
		o = repeat(rows[i].open, n);
		c = repeat(rows[i].close, n);
		xasprintf(&in, "<body>%s%s%s<p>after</p></body>", o, rows[i].mid,
		    c);
		buf_init(&out);
		changed = html_nest_limit(in, strlen(in), &out);
		if (rows[i].kept == -1)
			ok(!changed, "%s: unchanged", rows[i].name);
		else {
			ok(changed &&
			    count(out.data, rows[i].open) == (size_t)rows[i].kept &&
			    (*rows[i].close == '\0' ||
			    count(out.data, rows[i].close) ==
			    (size_t)rows[i].kept) &&
			    strstr(out.data, rows[i].mid) != NULL &&
			    strstr(out.data, "<p>after</p></body>") != NULL,
			    "%s: %d levels kept, the text too", rows[i].name,
			    rows[i].kept);
		}
		buf_free(&out);
		free(in);
		free(o);
		free(c);
	}

	buf_init(&out);
	ok(!html_nest_limit("", 0, &out), "empty: unchanged");
	ok(!html_nest_limit("<", 1, &out), "a lone <: unchanged");
	ok(!html_nest_limit("<div", 4, &out), "a tag cut short: unchanged");
	ok(!html_nest_limit("</", 2, &out), "an end tag cut short: unchanged");
	return tap_done();
}
