/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * urls.c: the feed list, in Newsboat's urls format.
 *
 * One feed a line: URL, then tokens separated by blanks; a token may be
 * quoted with "..." (\" and \\ inside).  "~Title" names the feed, "!" hides
 * it, anything else is a category ("新闻/财经" nests).  '#' starts a comment
 * line.  Users bring their Newsboat list as it is.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"

static int	urls_token(const char **, char **);
static int	urls_line(struct urls *, const char *, int, char **);
static void	urls_quote(struct buf *, const char *);

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
	e = urls_add(urls, tok);
	free(tok);
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
			urls_add_category(e, tok);
			free(tok);
		}
	}
	return 0;
}

/* Write a token, quoted when it must be for urls_token to read it back. */
static void
urls_quote(struct buf *b, const char *s)
{
	const char	*p;

	/* A newline left bare would start a line of its own. */
	if (*s != '\0' && strpbrk(s, " \t\r\n\"\\#") == NULL) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '\r' || *p == '\n')
			continue;
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
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
	if (access(path, F_OK) == -1 && errno == ENOENT)
		return xcalloc(1, sizeof (struct urls));
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
	size_t	i;

	if (urls == NULL)
		return;
	for (i = 0; i < urls->n; i++)
		urls_entry_clear(&urls->entries[i]);
	free(urls->entries);
	free(urls);
}

/* Append an entry for url to a feed list and return it. */
struct urls_entry *
urls_add(struct urls *urls, const char *url)
{
	struct urls_entry	*e;

	urls->entries = xreallocarray(urls->entries, urls->n + 1,
	    sizeof *urls->entries);
	e = &urls->entries[urls->n++];
	memset(e, 0, sizeof *e);
	e->url = xstrdup(url);
	return e;
}

/* Add a category to an entry unless it has it already. */
void
urls_add_category(struct urls_entry *e, const char *category)
{
	size_t	i;

	for (i = 0; i < e->ncategories; i++) {
		if (strcmp(e->categories[i], category) == 0)
			return;
	}
	e->categories = xreallocarray(e->categories, e->ncategories + 1,
	    sizeof *e->categories);
	e->categories[e->ncategories++] = xstrdup(category);
}

/* Make dst a deep copy of src. */
void
urls_entry_copy(struct urls_entry *dst, const struct urls_entry *src)
{
	size_t	i;

	memset(dst, 0, sizeof *dst);
	dst->url = xstrdup(src->url);
	dst->title = src->title != NULL ? xstrdup(src->title) : NULL;
	dst->hidden = src->hidden;
	dst->line = src->line;
	dst->outline = src->outline != NULL ? xstrdup(src->outline) : NULL;
	for (i = 0; i < src->ncategories; i++)
		urls_add_category(dst, src->categories[i]);
}

/* Free what an entry holds, not the entry itself. */
void
urls_entry_clear(struct urls_entry *e)
{
	size_t	i;

	free(e->url);
	free(e->title);
	free(e->outline);
	for (i = 0; i < e->ncategories; i++)
		free(e->categories[i]);
	free(e->categories);
	memset(e, 0, sizeof *e);
}

/* The entry for url, or NULL. */
struct urls_entry *
urls_find(const struct urls *urls, const char *url)
{
	size_t	i;

	for (i = 0; i < urls->n; i++) {
		if (strcmp(urls->entries[i].url, url) == 0)
			return &urls->entries[i];
	}
	return NULL;
}

/*
 * Does a command-line word name this entry: its URL, one of its categories,
 * or a category that one of its categories is nested in ("新闻" names
 * "新闻/财经")?
 */
int
urls_matches(const struct urls_entry *e, const char *word)
{
	size_t	i, len = strlen(word);

	if (strcmp(e->url, word) == 0)
		return 1;
	for (i = 0; i < e->ncategories; i++) {
		if (strncmp(e->categories[i], word, len) == 0 &&
		    (e->categories[i][len] == '\0' ||
		    e->categories[i][len] == '/'))
			return 1;
	}
	return 0;
}

/*
 * A query feed's `query:NAME:EXPRESSION`: its name (allocated) and its
 * expression (lent).  -1 when the URL is not one.
 */
int
urls_query(const char *url, char **name, const char **expr)
{
	const char *colon;

	if (strncmp(url, "query:", 6) != 0 ||
	    (colon = strchr(url + 6, ':')) == NULL)
		return -1;
	*name = xstrndup(url + 6, colon - (url + 6));
	*expr = colon + 1;
	return 0;
}

/* The entry as one line of the urls file, without the newline. */
char *
urls_format(const struct urls_entry *e)
{
	struct buf	 b;
	char		*title;
	size_t		 i;

	buf_init(&b);
	urls_quote(&b, e->url);
	for (i = 0; i < e->ncategories; i++) {
		/* One that reads as a title or as "!" cannot be written. */
		if (e->categories[i][0] == '~' ||
		    strcmp(e->categories[i], "!") == 0)
			continue;
		buf_addc(&b, ' ');
		urls_quote(&b, e->categories[i]);
	}
	if (e->title != NULL) {
		buf_addc(&b, ' ');
		xasprintf(&title, "~%s", e->title);
		urls_quote(&b, title);
		free(title);
	}
	if (e->hidden)
		buf_adds(&b, " !");
	return buf_detach(&b);
}

/* Append entries to the urls file at path, creating it if need be. */
int
urls_append(const char *path, const struct urls_entry *entries, size_t n,
    char **cause)
{
	struct buf	 b;
	char		 last, *line;
	size_t		 i;
	ssize_t		 w;
	off_t		 size;
	int		 fd;

	if (paths_make_parents(path, cause) != 0)
		return -1;
	if ((fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC,
	    0600)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	/* The last line of a hand-edited file may lack its newline. */
	if ((size = lseek(fd, 0, SEEK_END)) > 0 &&
	    pread(fd, &last, 1, size - 1) == 1 && last != '\n')
		buf_addc(&b, '\n');
	for (i = 0; i < n; i++) {
		line = urls_format(&entries[i]);
		/* A line urls_parse refuses would make the whole file unreadable. */
		if (strlen(line) < MAX_CONFIG_LINE) {
			buf_adds(&b, line);
			buf_addc(&b, '\n');
		}
		free(line);
	}
	for (i = 0; i < b.len; i += w) {
		if ((w = write(fd, b.data + i, b.len - i)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			xasprintf(cause, "%s: %s", path, strerror(errno));
			buf_free(&b);
			close(fd);
			return -1;
		}
	}
	buf_free(&b);
	if (close(fd) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
