/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * liquid.c: the Liquid a Jekyll post's body uses, evaluated as Jekyll does
 * before Markdown sees the text, so that no "{{ site.url }}" reaches a link
 * or the screen.
 *
 * Output tags: variables (site.* from _config.yml, page.* from the front
 * matter and the post, include.* inside an include, assigned names) with
 * the filters posts use for links and text (relative_url, absolute_url,
 * append, prepend, upcase, downcase, capitalize, strip, escape, xml_escape,
 * default, size).  Tags: comment, raw, highlight (a fenced code block, so
 * Markdown keeps it as code), include (files under _includes/, nested at
 * most LIQUID_MAX_DEPTH deep), post_url, link, assign.  Any other tag
 * (if, for, capture, ...) is removed with its markup and counted as a
 * warning: the text between stays.  "{%-" and "-%}" trim white space as in
 * Liquid.  The output is bounded (MAX_DOCUMENT_BYTES) whatever includes do.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

#define LIQUID_MAX_DEPTH	8
#define LIQUID_MAX_INCLUDES	1000
#define LIQUID_MAX_VARS		256

struct liquid_var {
	char	*name;
	char	*value;
};

struct liquid_run {
	struct liquid_ctx	*ctx;
	struct liquid_var	 vars[LIQUID_MAX_VARS];	/* assign, include.* */
	size_t			 nvars;
	size_t			 includes;
};

static void	liquid_text(struct liquid_run *, struct buf *, const char *,
		    size_t, int);

static void
liquid_warn(struct liquid_run *r, const char *what, const char *s, size_t n)
{
	r->ctx->warnings++;
	log_debug("liquid: %s: %.*s", what, (int)(n > 80 ? 80 : n), s);
}

static const char *
liquid_skip_space(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/* A word of a tag: up to white space, or a quoted string unquoted. */
static char *
liquid_word(const char **pp, const char *end)
{
	const char	*p = liquid_skip_space(*pp, end), *start;
	char		 q;

	if (p < end && (*p == '"' || *p == '\'')) {
		q = *p++;
		for (start = p; p < end && *p != q; p++)
			;
		*pp = p < end ? p + 1 : p;
		return xstrndup(start, p - start);
	}
	for (start = p; p < end && !isspace((unsigned char)*p); p++)
		;
	*pp = p;
	return p > start ? xstrndup(start, p - start) : NULL;
}

static void
liquid_set(struct liquid_run *r, const char *name, const char *value)
{
	size_t	i;

	for (i = 0; i < r->nvars; i++) {
		if (strcmp(r->vars[i].name, name) == 0) {
			free(r->vars[i].value);
			r->vars[i].value = xstrdup(value);
			return;
		}
	}
	if (r->nvars == LIQUID_MAX_VARS)
		return;
	r->vars[r->nvars].name = xstrdup(name);
	r->vars[r->nvars++].value = xstrdup(value);
}

/* A YAML value as Liquid prints it: a list's items run together. */
static void
liquid_yaml_text(struct buf *b, const struct yamldoc *y, int depth)
{
	size_t	i;

	if (y == NULL || depth > 8 || yamldoc_is_null(y))
		return;
	if (y->kind == YAMLDOC_SCALAR)
		buf_adds(b, y->value);
	else if (y->kind == YAMLDOC_LIST) {
		for (i = 0; i < y->n; i++)
			liquid_yaml_text(b, y->items[i], depth + 1);
	}
}

/* The value of a variable path ("site.author.name"), or NULL. */
static char *
liquid_lookup(struct liquid_run *r, const char *name)
{
	const struct yamldoc	*y;
	struct buf		 b;
	char			*copy, *part, *p, *v;
	size_t			 i;

	for (i = r->nvars; i > 0; i--) {
		if (strcmp(r->vars[i - 1].name, name) == 0)
			return xstrdup(r->vars[i - 1].value);
	}
	if (r->ctx->var != NULL && (v = r->ctx->var(r->ctx->arg, name)) != NULL)
		return v;
	if (strncmp(name, "site.", 5) == 0)
		y = r->ctx->site;
	else if (strncmp(name, "page.", 5) == 0)
		y = r->ctx->page;
	else
		return NULL;
	p = copy = xstrdup(name + 5);
	while (y != NULL && (part = strsep(&p, ".")) != NULL)
		y = yamldoc_get(y, part);
	free(copy);
	if (y == NULL)
		return NULL;
	buf_init(&b);
	liquid_yaml_text(&b, y, 0);
	return buf_detach(&b);
}

/* An expression: a quoted string, a number, or a variable. */
static char *
liquid_value(struct liquid_run *r, const char *s, size_t n)
{
	char	*name, *v;

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= 2 && (*s == '"' || *s == '\'') && s[n - 1] == *s)
		return xstrndup(s + 1, n - 2);
	if (n > 0 && (isdigit((unsigned char)*s) || *s == '-'))
		return xstrndup(s, n);
	name = xstrndup(s, n);
	v = liquid_lookup(r, name);
	free(name);
	return v;
}

static void
liquid_case(char *s, int upper)
{
	for (; *s != '\0'; s++)
		*s = upper ? toupper((unsigned char)*s) :
		    tolower((unsigned char)*s);
}

/* Jekyll's relative_url: the baseurl before a path. */
static char *
liquid_relative(struct liquid_run *r, const char *path)
{
	const char	*base = yamldoc_str(r->ctx->site, "baseurl");
	char		*s;
	size_t		 n;

	if (base == NULL)
		base = "";
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	xasprintf(&s, "%s%.*s%s%s", n > 0 && *base != '/' ? "/" : "",
	    (int)n, base, *path == '/' ? "" : "/", path);
	return s;
}

/* Apply one filter ("append: '/x'") to a value. */
static char *
liquid_filter(struct liquid_run *r, char *v, const char *f, size_t n)
{
	const char	*colon, *url, *end, *fend;
	char		*name, *arg = NULL, *out;
	struct buf	 b;
	size_t		 i;

	fend = f + n;
	colon = memchr(f, ':', n);
	end = colon != NULL ? colon : fend;
	f = liquid_skip_space(f, end);
	while (end > f && isspace((unsigned char)end[-1]))
		end--;
	name = xstrndup(f, end - f);
	if (colon != NULL)
		arg = liquid_value(r, colon + 1, fend - colon - 1);
	out = NULL;
	if (strcmp(name, "relative_url") == 0)
		out = liquid_relative(r, v);
	else if (strcmp(name, "absolute_url") == 0) {
		url = yamldoc_str(r->ctx->site, "url");
		out = liquid_relative(r, v);
		if (url != NULL && strstr(v, "://") == NULL) {
			char	*rel = out;

			i = strlen(url);
			while (i > 0 && url[i - 1] == '/')
				i--;
			xasprintf(&out, "%.*s%s", (int)i, url, rel);
			free(rel);
		}
	} else if (strcmp(name, "append") == 0)
		xasprintf(&out, "%s%s", v, arg != NULL ? arg : "");
	else if (strcmp(name, "prepend") == 0)
		xasprintf(&out, "%s%s", arg != NULL ? arg : "", v);
	else if (strcmp(name, "upcase") == 0 || strcmp(name, "downcase") == 0) {
		out = xstrdup(v);
		liquid_case(out, *name == 'u');
	} else if (strcmp(name, "capitalize") == 0) {
		out = xstrdup(v);
		liquid_case(out, 0);
		out[0] = toupper((unsigned char)out[0]);
	} else if (strcmp(name, "strip") == 0) {
		const char *s = liquid_skip_space(v, v + strlen(v));

		out = xstrdup(s);
		for (i = strlen(out); i > 0 &&
		    isspace((unsigned char)out[i - 1]); i--)
			out[i - 1] = '\0';
	} else if (strcmp(name, "escape") == 0 ||
	    strcmp(name, "xml_escape") == 0) {
		buf_init(&b);
		escape_markup(&b, v, strlen(v), ESCAPE_QUOT | ESCAPE_APOS);
		out = buf_detach(&b);
	} else if (strcmp(name, "default") == 0)
		out = xstrdup(*v != '\0' ? v : arg != NULL ? arg : "");
	else if (strcmp(name, "size") == 0)
		xasprintf(&out, "%zu", strlen(v));
	else {
		liquid_warn(r, "filter", name, strlen(name));
		out = xstrdup(v);
	}
	free(name);
	free(arg);
	free(v);
	return out;
}

/* {{ expression | filter | ... }} */
static void
liquid_output(struct liquid_run *r, struct buf *b, const char *s, size_t n)
{
	const char	*p = s, *end = s + n, *bar, *q;
	char		*v;
	char		 quote = 0;

	/* The expression ends at the first "|" outside quotes. */
	for (bar = p; bar < end; bar++) {
		if (quote != 0 && *bar == quote)
			quote = 0;
		else if (quote == 0 && (*bar == '"' || *bar == '\''))
			quote = *bar;
		else if (quote == 0 && *bar == '|')
			break;
	}
	if ((v = liquid_value(r, p, bar - p)) == NULL)
		v = xstrdup("");
	while (bar < end) {
		p = bar + 1;
		for (q = p, quote = 0; q < end; q++) {
			if (quote != 0 && *q == quote)
				quote = 0;
			else if (quote == 0 && (*q == '"' || *q == '\''))
				quote = *q;
			else if (quote == 0 && *q == '|')
				break;
		}
		v = liquid_filter(r, v, p, q - p);
		bar = q;
	}
	buf_adds(b, v);
	free(v);
}

/*
 * Find the end tag of a block ("{% endraw %}"): where it starts, and
 * where the text after it starts; NULL when it never comes.
 */
static const char *
liquid_block_end(const char *p, const char *end, const char *name,
    const char **after)
{
	const char	*q, *close, *w;
	size_t		 n = strlen(name);

	for (q = p; (q = memmem(q, end - q, "{%", 2)) != NULL; q += 2) {
		w = q + 2;
		if (w < end && *w == '-')
			w++;
		w = liquid_skip_space(w, end);
		if ((size_t)(end - w) >= n && memcmp(w, name, n) == 0 &&
		    (close = memmem(w, end - w, "%}", 2)) != NULL &&
		    liquid_skip_space(w + n, close) == close -
		    (close[-1] == '-' ? 1 : 0)) {
			*after = close + 2;
			return q;
		}
	}
	return NULL;
}

/* {% include file.html key="value" %} */
static void
liquid_include(struct liquid_run *r, struct buf *b, const char *args,
    const char *end, int depth)
{
	struct liquid_var	 saved[LIQUID_MAX_VARS];
	size_t			 nsaved = r->nvars, i;
	const char		*p = args, *eq;
	char			*file, *text, *why, *key, *value, *name;

	if ((file = liquid_word(&p, end)) == NULL || r->ctx->include == NULL)
		return;
	if (depth >= LIQUID_MAX_DEPTH || ++r->includes > LIQUID_MAX_INCLUDES) {
		liquid_warn(r, "include too deep", file, strlen(file));
		free(file);
		return;
	}
	if ((text = r->ctx->include(r->ctx->arg, file, &why)) == NULL) {
		liquid_warn(r, why, file, strlen(file));
		free(why);
		free(file);
		return;
	}
	memcpy(saved, r->vars, sizeof saved);
	while ((key = liquid_word(&p, end)) != NULL) {
		if ((eq = strchr(key, '=')) == NULL) {
			free(key);
			continue;
		}
		if (eq[1] != '\0')
			value = liquid_value(r, eq + 1, strlen(eq + 1));
		else {
			/* key="a b": the value was the next word. */
			p = liquid_skip_space(p, end);
			value = NULL;
			if (p < end) {
				const char *vs = p;
				char	   *w = liquid_word(&p, end);

				free(w);
				value = liquid_value(r, vs, p - vs);
			}
		}
		xasprintf(&name, "include.%.*s", (int)(eq - key), key);
		liquid_set(r, name, value != NULL ? value : "");
		free(name);
		free(value);
		free(key);
	}
	liquid_text(r, b, text, strlen(text), depth + 1);
	for (i = nsaved; i < r->nvars; i++) {
		free(r->vars[i].name);
		free(r->vars[i].value);
	}
	r->nvars = nsaved;
	free(text);
	free(file);
}

/* {% highlight lang %}: a fenced code block longer than any fence inside. */
static void
liquid_highlight(struct buf *b, const char *lang, const char *code,
    size_t n)
{
	size_t	run = 0, longest = 0, i;

	for (i = 0; i < n; i++) {
		run = code[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	while (n > 0 && (code[0] == '\n' || code[0] == '\r')) {
		code++;
		n--;
	}
	buf_addc(b, '\n');
	for (i = 0; i < (longest < 3 ? 3 : longest + 1); i++)
		buf_addc(b, '`');
	buf_adds(b, lang != NULL ? lang : "");
	buf_addc(b, '\n');
	buf_add(b, code, n);
	if (n > 0 && code[n - 1] != '\n')
		buf_addc(b, '\n');
	for (i = 0; i < (longest < 3 ? 3 : longest + 1); i++)
		buf_addc(b, '`');
	buf_addc(b, '\n');
}

/* One {% tag %}; returns where the text goes on. */
static const char *
liquid_tag(struct liquid_run *r, struct buf *b, const char *s,
    const char *close, const char *after, const char *end, int depth)
{
	const char	*p = s, *stop, *next;
	char		*name, *arg, *v;

	if ((name = liquid_word(&p, close)) == NULL)
		return after;
	if (strcmp(name, "comment") == 0 || strcmp(name, "raw") == 0 ||
	    strcmp(name, "highlight") == 0) {
		char	endname[16];

		snprintf(endname, sizeof endname, "end%s", name);
		if ((stop = liquid_block_end(after, end, endname, &next)) ==
		    NULL) {
			stop = next = end;
			liquid_warn(r, "unclosed", name, strlen(name));
		}
		if (*name == 'r')
			buf_add(b, after, stop - after);
		else if (*name == 'h') {
			arg = liquid_word(&p, close);
			liquid_highlight(b, arg, after, stop - after);
			free(arg);
		}
		free(name);
		return next;
	}
	if (strcmp(name, "include") == 0)
		liquid_include(r, b, p, close, depth);
	else if (strcmp(name, "post_url") == 0 || strcmp(name, "link") == 0) {
		arg = liquid_word(&p, close);
		v = NULL;
		if (arg != NULL && r->ctx->url != NULL)
			v = r->ctx->url(r->ctx->arg, arg, *name == 'p');
		if (v != NULL) {
			char	*rel = liquid_relative(r, v);

			buf_adds(b, rel);
			free(rel);
		} else
			liquid_warn(r, name, arg != NULL ? arg : "", arg !=
			    NULL ? strlen(arg) : 0);
		free(v);
		free(arg);
	} else if (strcmp(name, "assign") == 0) {
		const char	*eq = memchr(p, '=', close - p);

		arg = liquid_word(&p, eq != NULL ? eq : close);
		if (arg != NULL && eq != NULL) {
			struct buf	val;

			buf_init(&val);
			liquid_output(r, &val, eq + 1, close - eq - 1);
			liquid_set(r, arg, val.data != NULL ? val.data : "");
			buf_free(&val);
		}
		free(arg);
	} else
		liquid_warn(r, "tag", s, close - s);
	free(name);
	return after;
}

/* Render text (nested includes at depth) into b. */
static void
liquid_text(struct liquid_run *r, struct buf *b, const char *s, size_t n,
    int depth)
{
	const char	*p = s, *end = s + n, *open, *close, *inner, *after;
	int		 output;

	while (p < end && b->len < MAX_DOCUMENT_BYTES) {
		open = p;
		while ((open = memchr(open, '{', end - open)) != NULL &&
		    open + 1 < end && open[1] != '{' && open[1] != '%')
			open++;
		if (open == NULL || open + 1 >= end) {
			buf_add(b, p, end - p);
			return;
		}
		output = open[1] == '{';
		close = memmem(open + 2, end - open - 2, output ? "}}" : "%}",
		    2);
		if (close == NULL) {
			buf_add(b, p, end - p);
			return;
		}
		inner = open + 2;
		after = close + 2;
		/* "{{-" and "{%-" trim the white space before them. */
		if (*inner == '-') {
			const char *t = open;

			while (t > p && isspace((unsigned char)t[-1]))
				t--;
			buf_add(b, p, t - p);
			inner++;
		} else
			buf_add(b, p, open - p);
		if (close > inner && close[-1] == '-') {
			close--;
			after = liquid_skip_space(after, end);
		}
		if (output)
			liquid_output(r, b, inner, close - inner);
		else {
			after = liquid_tag(r, b, inner, close, after, end,
			    depth);
		}
		p = after;
	}
}

/* Evaluate the Liquid in text; an allocated string. */
char *
liquid_render(struct liquid_ctx *ctx, const char *text, size_t len)
{
	struct liquid_run	 r;
	struct buf		 b;
	size_t			 i;

	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	buf_init(&b);
	liquid_text(&r, &b, text, len, 0);
	if (b.len > MAX_DOCUMENT_BYTES)
		buf_truncate(&b, MAX_DOCUMENT_BYTES);
	for (i = 0; i < r.nvars; i++) {
		free(r.vars[i].name);
		free(r.vars[i].value);
	}
	return buf_detach(&b);
}
