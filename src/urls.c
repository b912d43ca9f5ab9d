/*
 * urls.c: the feed list, in Newsboat's urls format.
 *
 * One feed a line: URL, then tokens separated by blanks; a token may be
 * quoted with "..." (\" and \\ inside).  "~Title" names the feed, "!" hides
 * it, anything else is a category ("新闻/财经" nests).  '#' starts a comment
 * line.  Users bring their Newsboat list as it is.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"

static int	urls_token(const char **, char **);
static int	urls_line(struct urls *, const char *, int, char **);

/* Take the next token from *sp into *out; 0 at the end of the line. */
static int
urls_token(const char **sp, char **out)
{
	const char	*s = *sp;
	struct buf	 b;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '\n' || *s == '\r') {
		*sp = s;
		return 0;
	}
	buf_init(&b);
	if (*s == '"') {
		for (s++; *s != '\0' && *s != '"'; s++) {
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			buf_addc(&b, *s);
		}
		if (*s == '"')
			s++;
	} else {
		while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\r' &&
		    *s != '\n')
			buf_addc(&b, *s++);
	}
	*sp = s;
	*out = buf_detach(&b);
	return 1;
}

static int
urls_line(struct urls *urls, const char *line, int lineno, char **cause)
{
	struct urls_entry	*e;
	const char		*s = line;
	char			*tok;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '#' || *s == '\0' || *s == '\r')
		return 0;
	if (!urls_token(&s, &tok))
		return 0;
	if (*tok == '\0') {
		free(tok);
		xasprintf(cause, _("line %d: empty URL"), lineno);
		return -1;
	}
	urls->entries = xreallocarray(urls->entries, urls->n + 1,
	    sizeof *urls->entries);
	e = &urls->entries[urls->n++];
	memset(e, 0, sizeof *e);
	e->url = tok;
	e->line = lineno;
	while (urls_token(&s, &tok)) {
		if (strcmp(tok, "!") == 0) {
			e->hidden = 1;
			free(tok);
		} else if (tok[0] == '~') {
			free(e->title);
			e->title = xstrdup(tok + 1);
			free(tok);
		} else if (*tok == '\0')
			free(tok);
		else {
			e->categories = xreallocarray(e->categories,
			    e->ncategories + 1, sizeof *e->categories);
			e->categories[e->ncategories++] = tok;
		}
	}
	return 0;
}

/* Parse a feed list held in memory; name is for messages. */
struct urls *
urls_parse(const char *text, const char *name, char **cause)
{
	struct urls	*urls;
	const char	*line, *end;
	char		*copy, *why;
	int		 lineno = 0;

	urls = xcalloc(1, sizeof *urls);
	for (line = text; *line != '\0'; line = end) {
		lineno++;
		end = strchr(line, '\n');
		end = end != NULL ? end + 1 : line + strlen(line);
		if ((size_t)(end - line) > MAX_CONFIG_LINE) {
			xasprintf(cause, _("%s: line %d: longer than %d bytes"),
			    name, lineno, MAX_CONFIG_LINE);
			urls_free(urls);
			return NULL;
		}
		copy = xstrndup(line, end - line);
		if (urls_line(urls, copy, lineno, &why) != 0) {
			xasprintf(cause, "%s: %s", name, why);
			free(why);
			free(copy);
			urls_free(urls);
			return NULL;
		}
		free(copy);
	}
	return urls;
}

/* Read a feed list file; a missing file is an empty list. */
struct urls *
urls_load(const char *path, char **cause)
{
	struct urls	*urls;
	struct buf	 b;
	char		*why;

	buf_init(&b);
	if (buf_read_file(&b, path, MAX_DOCUMENT_BYTES, &why) != 0) {
		xasprintf(cause, "%s: %s", path, why);
		free(why);
		buf_free(&b);
		return NULL;
	}
	urls = urls_parse(b.data, path, cause);
	buf_free(&b);
	return urls;
}

/* Free a feed list. */
void
urls_free(struct urls *urls)
{
	size_t	i, j;

	if (urls == NULL)
		return;
	for (i = 0; i < urls->n; i++) {
		free(urls->entries[i].url);
		free(urls->entries[i].title);
		for (j = 0; j < urls->entries[i].ncategories; j++)
			free(urls->entries[i].categories[j]);
		free(urls->entries[i].categories);
	}
	free(urls->entries);
	free(urls);
}
