/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * filter.c: Newsboat's filter language, as `query:` feeds, `ignore-article`
 * and the article list's filter use it: parsed to a tree once, then
 * evaluated against each article.
 *
 *	expr	= term { "or" term }
 *	term	= factor { "and" factor }
 *	factor	= "(" expr ")" | ATTRIBUTE OP VALUE
 *	OP	= "=" | "!=" | "=~" | "!~" | "<" | ">" | "<=" | ">=" | "#" |
 *		  "!#" | "between"
 *	VALUE	= "string" | number | number ":" number
 *
 * Newsboat's manual gives and/or no precedence of their own; here "and"
 * binds tighter, as in every other language its users know, and
 * parentheses say the rest.  Regular expressions are POSIX extended and
 * ignore case, as Newsboat's do.  The article's values come from a
 * callback, so this file knows no article structure and no cache.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidings.h"

enum filter_op {
	FILTER_EQ,
	FILTER_NE,
	FILTER_MATCH,
	FILTER_NOMATCH,
	FILTER_LT,
	FILTER_GT,
	FILTER_LE,
	FILTER_GE,
	FILTER_CONTAINS,
	FILTER_NOCONTAINS,
	FILTER_BETWEEN,
};

enum filter_kind {
	FILTER_AND,
	FILTER_OR,
	FILTER_CMP,
};

struct filter {
	enum filter_kind kind;
	struct filter	*left;
	struct filter	*right;
	char		*attr;
	enum filter_op	 op;
	char		*value;
	long		 lo, hi; /* between */
	regex_t		 re;
	int		 has_re;
	char		*text; /* the expression parsed, at the root */
};

struct filter_parser {
	const char *start;
	const char *s;
	char	   *cause;
};

/* Attributes Newsboat documents, of an article and of its feed. */
static const char *const filter_attrs[] = {
	"title",
	"link",
	"author",
	"content",
	"date",
	"guid",
	"unread",
	"enclosure_url",
	"enclosure_type",
	"flags",
	"age",
	"article_index",
	"articleindex",
	"feedtitle",
	"description",
	"feedlink",
	"feeddate",
	"rssurl",
	"unread_count",
	"total_count",
	"tags",
	"feedindex",
	"latest_article_age",
};

static const struct {
	const char    *text;
	enum filter_op op;
} filter_ops[] = {
	/* Longest first. */
	{ "between", FILTER_BETWEEN },
	{ "!=", FILTER_NE },
	{ "=~", FILTER_MATCH },
	{ "!~", FILTER_NOMATCH },
	{ "<=", FILTER_LE },
	{ ">=", FILTER_GE },
	{ "!#", FILTER_NOCONTAINS },
	{ "=", FILTER_EQ },
	{ "<", FILTER_LT },
	{ ">", FILTER_GT },
	{ "#", FILTER_CONTAINS },
};

static void filter_blank(struct filter_parser *);
static int  filter_error(struct filter_parser *, const char *, const char *);
static int  filter_word(struct filter_parser *, const char *);
static struct filter *filter_expr(struct filter_parser *);
static struct filter *filter_term(struct filter_parser *);
static struct filter *filter_factor(struct filter_parser *);
static struct filter *filter_cmp(struct filter_parser *);
static char	     *filter_value(struct filter_parser *, int *);
static int	      filter_number(const char *, long *);
static int	      filter_in_list(const char *, const char *);
static int	      filter_cmp_match(const struct filter *, const char *);

static void
filter_blank(struct filter_parser *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')
		p->s++;
}

/* Record the first fault, with its column (1 for the first character). */
static int
filter_error(struct filter_parser *p, const char *what, const char *at)
{
	if (p->cause == NULL)
		xasprintf(&p->cause, _("column %d: %s"),
		    (int)(at - p->start) + 1, what);
	return -1;
}

/* Is the next word W (followed by no identifier character)? */
static int
filter_word(struct filter_parser *p, const char *w)
{
	size_t len = strlen(w);
	char   c;

	filter_blank(p);
	if (strncasecmp(p->s, w, len) != 0)
		return 0;
	c = p->s[len];
	if (isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.')
		return 0;
	p->s += len;
	return 1;
}

static struct filter *
filter_node(enum filter_kind kind, struct filter *l, struct filter *r)
{
	struct filter *f;

	f = xcalloc(1, sizeof *f);
	f->kind = kind;
	f->left = l;
	f->right = r;
	return f;
}

static struct filter *
filter_expr(struct filter_parser *p)
{
	struct filter *l, *r;

	if ((l = filter_term(p)) == NULL)
		return NULL;
	while (filter_word(p, "or")) {
		if ((r = filter_term(p)) == NULL) {
			filter_free(l);
			return NULL;
		}
		l = filter_node(FILTER_OR, l, r);
	}
	return l;
}

static struct filter *
filter_term(struct filter_parser *p)
{
	struct filter *l, *r;

	if ((l = filter_factor(p)) == NULL)
		return NULL;
	while (filter_word(p, "and")) {
		if ((r = filter_factor(p)) == NULL) {
			filter_free(l);
			return NULL;
		}
		l = filter_node(FILTER_AND, l, r);
	}
	return l;
}

static struct filter *
filter_factor(struct filter_parser *p)
{
	struct filter *f;

	filter_blank(p);
	if (*p->s != '(')
		return filter_cmp(p);
	p->s++;
	if ((f = filter_expr(p)) == NULL)
		return NULL;
	filter_blank(p);
	if (*p->s != ')') {
		filter_error(p, _("expected )"), p->s);
		filter_free(f);
		return NULL;
	}
	p->s++;
	return f;
}

static struct filter *
filter_cmp(struct filter_parser *p)
{
	struct filter *f;
	const char    *at;
	char	      *attr, *v;
	size_t	       i, len;
	int	       quoted;

	filter_blank(p);
	at = p->s;
	while (isalnum((unsigned char)*p->s) || *p->s == '_' || *p->s == '-' ||
	    *p->s == '.')
		p->s++;
	if (p->s == at) {
		filter_error(p,
		    *at == '\0' ? _("unexpected end") :
				  _("expected an attribute"),
		    at);
		return NULL;
	}
	attr = xstrndup(at, p->s - at);
	for (i = 0; i < nitems(filter_attrs); i++) {
		if (strcmp(filter_attrs[i], attr) == 0)
			break;
	}
	if (i == nitems(filter_attrs)) {
		filter_error(p, _("unknown attribute"), at);
		free(attr);
		return NULL;
	}
	filter_blank(p);
	for (i = 0; i < nitems(filter_ops); i++) {
		len = strlen(filter_ops[i].text);
		if (strncmp(p->s, filter_ops[i].text, len) == 0)
			break;
	}
	if (i == nitems(filter_ops) ||
	    (filter_ops[i].op == FILTER_BETWEEN &&
		isalnum((unsigned char)p->s[len]))) {
		filter_error(p, _("expected an operator"), p->s);
		free(attr);
		return NULL;
	}
	p->s += len;
	filter_blank(p);
	at = p->s;
	if ((v = filter_value(p, &quoted)) == NULL) {
		free(attr);
		return NULL;
	}
	f = filter_node(FILTER_CMP, NULL, NULL);
	f->attr = attr;
	f->op = filter_ops[i].op;
	f->value = v;
	switch (f->op) {
	case FILTER_BETWEEN:
		if (sscanf(v, "%ld:%ld", &f->lo, &f->hi) != 2) {
			filter_error(p, _("between needs a range like 1:5"),
			    at);
			filter_free(f);
			return NULL;
		}
		if (f->lo > f->hi) {
			f->lo ^= f->hi;
			f->hi ^= f->lo;
			f->lo ^= f->hi;
		}
		break;
	case FILTER_MATCH:
	case FILTER_NOMATCH:
		if (regcomp(&f->re, v, REG_EXTENDED | REG_ICASE | REG_NOSUB) !=
		    0) {
			filter_error(p, _("bad regular expression"), at);
			filter_free(f);
			return NULL;
		}
		f->has_re = 1;
		break;
	default:
		break;
	}
	return f;
}

/* A quoted string, a number or a range. */
static char *
filter_value(struct filter_parser *p, int *quoted)
{
	struct buf  b;
	const char *at = p->s;

	buf_init(&b);
	buf_adds(&b, "");
	*quoted = 0;
	if (*p->s == '"') {
		*quoted = 1;
		for (p->s++; *p->s != '\0' && *p->s != '"'; p->s++) {
			if (*p->s == '\\' &&
			    (p->s[1] == '"' || p->s[1] == '\\'))
				p->s++;
			buf_addc(&b, *p->s);
		}
		if (*p->s != '"') {
			filter_error(p, _("unclosed quote"), at);
			buf_free(&b);
			return NULL;
		}
		p->s++;
		return buf_detach(&b);
	}
	if (*p->s == '-')
		buf_addc(&b, *p->s++);
	while (isdigit((unsigned char)*p->s))
		buf_addc(&b, *p->s++);
	if (*p->s == ':' && at[0] != '-') {
		buf_addc(&b, *p->s++);
		while (isdigit((unsigned char)*p->s))
			buf_addc(&b, *p->s++);
	}
	if (b.len == 0 || !isdigit((unsigned char)b.data[b.len - 1]) ||
	    isalpha((unsigned char)*p->s)) {
		filter_error(p,
		    *at == '\0' ? _("unexpected end") :
				  _("expected a value: \"text\" or a number"),
		    at);
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int
filter_number(const char *s, long *n)
{
	char *end;

	while (*s == ' ')
		s++;
	errno = 0;
	*n = strtol(s, &end, 10);
	return errno == 0 && end != s;
}

/* Is W one of the blank-separated words of LIST? */
static int
filter_in_list(const char *list, const char *w)
{
	size_t len = strlen(w);

	while (*list != '\0') {
		while (*list == ' ')
			list++;
		if (strncmp(list, w, len) == 0 &&
		    (list[len] == ' ' || list[len] == '\0'))
			return 1;
		while (*list != ' ' && *list != '\0')
			list++;
	}
	return 0;
}

static int
filter_cmp_match(const struct filter *f, const char *v)
{
	long   a, b;
	size_t i;
	int    has_a, has_b;

	has_a = filter_number(v, &a);
	has_b = filter_number(f->value, &b);
	switch (f->op) {
	case FILTER_EQ:
		return strcmp(v, f->value) == 0;
	case FILTER_NE:
		return strcmp(v, f->value) != 0;
	case FILTER_MATCH:
		return regexec(&f->re, v, 0, NULL, 0) == 0;
	case FILTER_NOMATCH:
		return regexec(&f->re, v, 0, NULL, 0) != 0;
	case FILTER_LT:
		return has_a && has_b && a < b;
	case FILTER_GT:
		return has_a && has_b && a > b;
	case FILTER_LE:
		return has_a && has_b && a <= b;
	case FILTER_GE:
		return has_a && has_b && a >= b;
	case FILTER_BETWEEN:
		return has_a && a >= f->lo && a <= f->hi;
	case FILTER_CONTAINS:
	case FILTER_NOCONTAINS:
		/* flags is a string of letters; the others, lists of words. */
		if (strcmp(f->attr, "flags") == 0) {
			for (i = 0; f->value[i] != '\0'; i++) {
				if (strchr(v, f->value[i]) == NULL)
					break;
			}
			return (f->value[i] == '\0') ==
			    (f->op == FILTER_CONTAINS);
		}
		return filter_in_list(v, f->value) ==
		    (f->op == FILTER_CONTAINS);
	}
	return 0;
}

/*
 * Parse a filter expression.  NULL on error, with *CAUSE saying what was
 * wrong and at which column.
 */
struct filter *
filter_parse(const char *text, char **cause)
{
	struct filter_parser p;
	struct filter	    *f;

	memset(&p, 0, sizeof p);
	p.start = p.s = text;
	f = filter_expr(&p);
	if (f != NULL) {
		filter_blank(&p);
		if (*p.s != '\0') {
			filter_error(&p, _("expected and, or or the end"), p.s);
			filter_free(f);
			f = NULL;
		}
	}
	if (f == NULL) {
		if (p.cause == NULL)
			xasprintf(&p.cause, _("bad filter"));
		*cause = p.cause;
		return NULL;
	}
	f->text = xstrdup(text);
	return f;
}

/* Free a parsed filter. */
void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	filter_free(f->left);
	filter_free(f->right);
	free(f->attr);
	free(f->value);
	free(f->text);
	if (f->has_re)
		regfree(&f->re);
	free(f);
}

/*
 * Does the article match?  GET gives the text of an attribute; NULL (the
 * article has none) counts as empty text.
 */
int
filter_match(const struct filter *f, filter_get_cb get, void *arg)
{
	const char *v;

	switch (f->kind) {
	case FILTER_AND:
		return filter_match(f->left, get, arg) &&
		    filter_match(f->right, get, arg);
	case FILTER_OR:
		return filter_match(f->left, get, arg) ||
		    filter_match(f->right, get, arg);
	case FILTER_CMP:
		break;
	}
	if ((v = get(f->attr, arg)) == NULL)
		v = "";
	return filter_cmp_match(f, v);
}

/* Does the filter read attribute NAME? */
int
filter_uses(const struct filter *f, const char *name)
{
	if (f == NULL)
		return 0;
	if (f->kind != FILTER_CMP)
		return filter_uses(f->left, name) ||
		    filter_uses(f->right, name);
	return strcmp(f->attr, name) == 0;
}

/* The text a filter was parsed from. */
const char *
filter_text(const struct filter *f)
{
	return f->text;
}
