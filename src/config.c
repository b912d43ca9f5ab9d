/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * config.c: the configuration file, in tidings' syntax and in Newsboat's:
 * `set NAME VALUE` or `NAME VALUE`, `bind KEY ACTION`, `color ELEMENT FG
 * BG [ATTR ...]`, `ignore-article FEED EXPR`, `define-filter NAME EXPR`,
 * one a line, '#' comments.
 *
 * A word may be quoted with "..." (\" and \\ inside).  Every error names the
 * file and line, and the rest of the file is still read, so the user sees
 * all mistakes at once.  A line for a feature tidings lacks (a Newsboat
 * option, colour element or action it has no equivalent for) is a warning,
 * not an error: a Newsboat user's config must never stop the reader.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tidings.h"

#define CONFIG_MAXWORDS	16
#define CONFIG_MAXDEPTH 8 /* files included in files */

struct config {
	char		       **values; /* one per options_table row */
	struct config_color	 colors[ELEMENT_LAST];
	struct config_rule	*ignores; /* ignore-article */
	size_t			 nignores;
	struct config_rule	*filters; /* define-filter */
	size_t			 nfilters;
	struct config_highlight *highlights;
	size_t			 nhighlights;
	struct buf		 warnings;
};

/* Newsboat's names for tidings' own settings. */
static const struct {
	const char *newsboat;
	const char *name;
} config_aliases[] = {
	{ "reload-threads", "max-connections" },
	{ "datetime-format", "date-format" },
	{ "keep-articles-days", "keep-days" },
	{ "refresh-on-startup", "reload-on-start" },
};

/*
 * Settings whose value is one of a few words.  Newsboat's names for the
 * proxy and authentication methods are curl's (fetch.c maps them).
 */
static const struct {
	const char *name;
	const char *words[8];
} config_choices[] = {
	{ "ignore-mode", { "download", "display" } },
	{ "proxy-type", { "http", "socks4", "socks4a", "socks5", "socks5h" } },
	{ "http-auth-method",
	    { "any", "basic", "digest", "digest_ie", "gssnegotiate", "ntlm",
		"anysafe" } },
	{ "proxy-auth-method",
	    { "any", "basic", "digest", "digest_ie", "gssnegotiate", "ntlm",
		"anysafe" } },
};

/*
 * Newsboat's settings that tidings has no feature for: each is named as
 * such in its warning, so a user moving over can tell them from a typo.
 * A name ending in '-' stands for every setting it begins, one beginning
 * with '-' for every setting it ends.  WHY is NULL where nothing more
 * needs saying.
 */
static const struct {
	const char *name;
	const char *why; /* N_() */
} config_lacking[] = {
	{ "feedhq-", N_("it syncs with FreshRSS and Tiny Tiny RSS") },
	{ "inoreader-", N_("it syncs with FreshRSS and Tiny Tiny RSS") },
	{ "miniflux-", N_("it syncs with FreshRSS and Tiny Tiny RSS") },
	{ "newsblur-", N_("it syncs with FreshRSS and Tiny Tiny RSS") },
	{ "ocnews-", N_("it syncs with FreshRSS and Tiny Tiny RSS") },
	{ "oldreader-", N_("it syncs with FreshRSS and Tiny Tiny RSS") },
	{ "opml-url", N_("import the OPML file with `tidings import`") },
	{ "cache-file", N_("tidings keeps its own cache (--cache)") },
	{ "html-renderer", N_("tidings renders articles itself") },
	{ "pager", N_("tidings shows articles in its own pager") },
	{ "external-url-viewer", N_("tidings lists links itself") },
	{ "-title-format", N_("tidings' screen titles are its own") },
	{ "selecttag-format", N_("tidings' screen titles are its own") },
	{ "dirbrowser-", N_("tidings has no file browser") },
	{ "filebrowser-", N_("tidings has no file browser") },
	{ "prepopulate-query-feeds",
	    N_("tidings' query feeds are always up to date") },
	{ "always-display-description", NULL },
	{ "always-download", NULL },
	{ "bookmark-interactive", NULL },
	{ "cleanup-on-quit", NULL },
	{ "delete-read-articles-on-quit", NULL },
	{ "display-article-progress", NULL },
	{ "download-full-page", NULL },
	{ "error-log", NULL },
	{ "goto-first-unread", NULL },
	{ "highlight-article", NULL },
	{ "history-limit", NULL },
	{ "mark-as-read-on-hover", NULL },
	{ "max-browser-tabs", NULL },
	{ "notify-screen", NULL },
	{ "notify-xterm", NULL },
	{ "reload-only-visible-feeds", NULL },
	{ "reset-unread-on-update", NULL },
	{ "run-on-startup", NULL },
	{ "scrolloff", NULL },
	{ "search-highlight-colors", NULL },
	{ "show-keymap-hint", NULL },
	{ "show-title-bar", NULL },
	{ "suppress-first-reload", NULL },
	{ "swap-title-and-hints", NULL },
	{ "ttrss-flag-publish", NULL },
	{ "wrap-scroll", NULL },
	{ "delete-played-files", NULL },
	{ "download-filename-format", NULL },
	{ "podlist-format", NULL },
};

/* Newsboat's colour elements, as tidings' elements. */
static const struct {
	const char	  *newsboat;
	enum color_element e;
} config_elements[] = {
	{ "background", ELEMENT_TEXT },
	{ "listnormal", ELEMENT_TEXT },
	{ "listnormal_unread", ELEMENT_UNREAD },
	{ "listfocus", ELEMENT_SELECTED },
	{ "listfocus_unread", ELEMENT_SELECTED },
	{ "info", ELEMENT_STATUS },
	{ "article", ELEMENT_TEXT },
};

struct config_name {
	const char	*name;
	int		 value;
};

static const struct config_name config_colors[] = {
	{ "default", CONFIG_COLOR_DEFAULT },
	{ "black", 0 },
	{ "red", 1 },
	{ "green", 2 },
	{ "yellow", 3 },
	{ "blue", 4 },
	{ "magenta", 5 },
	{ "cyan", 6 },
	{ "white", 7 },
};

static const struct config_name config_attrs[] = {
	{ "bold", CONFIG_ATTR_BOLD },
	{ "underline", CONFIG_ATTR_UNDERLINE },
	{ "reverse", CONFIG_ATTR_REVERSE },
	{ "dim", CONFIG_ATTR_DIM },
	{ "italic", CONFIG_ATTR_ITALIC },
	{ "standout", CONFIG_ATTR_STANDOUT },
	{ "blink", CONFIG_ATTR_BLINK },
	{ "normal", 0 },
};

static int	config_find(const char *);
static int  config_rule(struct config_rule **, size_t *, char **, int, char **);
static void config_rules_free(struct config_rule *, size_t);
static char    *config_join(char **, int);
static int	config_split(const char *, char **, int, char **);
static int	config_color_value(const char *, int *);
static int	config_color(struct config *, char **, int, char **);
static int config_color_words(char **, int, struct config_color *, char **);
static int config_highlight(struct config *, char **, int, char **);

/* Does a config_lacking name (a prefix, a suffix or whole) match NAME? */
static int
config_lacking_match(const char *pattern, const char *name)
{
	size_t n = strlen(pattern), len = strlen(name);

	if (pattern[n - 1] == '-')
		return strncmp(name, pattern, n) == 0;
	if (pattern[0] == '-')
		return len > n && strcmp(name + len - n, pattern) == 0;
	return strcmp(name, pattern) == 0;
}

/* The config_lacking row for NAME, or -1. */
static int
config_lacking_find(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(config_lacking); i++) {
		if (config_lacking_match(config_lacking[i].name, name))
			return (int)i;
	}
	return -1;
}

/* Why NAME is no setting, for a warning. */
static char *
config_unknown(const char *name)
{
	char *why;
	int   i;

	if ((i = config_lacking_find(name)) == -1)
		xasprintf(&why, _("unknown setting: %s"), name);
	else if (config_lacking[i].why == NULL)
		xasprintf(&why,
		    _("%s: a Newsboat setting tidings lacks, "
		      "ignored"),
		    name);
	else
		xasprintf(&why,
		    _("%s: a Newsboat setting tidings lacks (%s), "
		      "ignored"),
		    name, _(config_lacking[i].why));
	return why;
}

static int
config_find(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(config_aliases); i++) {
		if (strcmp(config_aliases[i].newsboat, name) == 0)
			name = config_aliases[i].name;
	}
	for (i = 0; i < options_table_size; i++) {
		if (strcmp(options_table[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

/* Split a line into at most MAX words; -1 on an unclosed quote. */
static int
config_split(const char *s, char **words, int max, char **cause)
{
	struct buf	b;
	int		n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		if (*s == '\0' || *s == '#')
			return n;
		if (n == max) {
			xasprintf(cause, _("too many words"));
			goto fail;
		}
		buf_init(&b);
		buf_adds(&b, "");
		if (*s == '"') {
			for (s++; *s != '\0' && *s != '"'; s++) {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				buf_addc(&b, *s);
			}
			if (*s != '"') {
				buf_free(&b);
				xasprintf(cause, _("unclosed quote"));
				goto fail;
			}
			s++;
		} else {
			while (*s != '\0' && *s != ' ' && *s != '\t' &&
			    *s != '\r' && *s != '\n')
				buf_addc(&b, *s++);
		}
		words[n++] = buf_detach(&b);
	}
fail:
	while (n > 0)
		free(words[--n]);
	return -1;
}

/* A colour: a name, colorN or a number 0-255. */
static int
config_color_value(const char *s, int *value)
{
	const char	*p = s;
	char		*end;
	long		 n;
	size_t		 i;

	for (i = 0; i < nitems(config_colors); i++) {
		if (strcasecmp(config_colors[i].name, s) == 0) {
			*value = config_colors[i].value;
			return 0;
		}
	}
	if (strncasecmp(p, "color", 5) == 0)
		p += 5;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	n = strtol(p, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > 255)
		return -1;
	*value = (int)n;
	return 0;
}

static int
config_color(struct config *cfg, char **w, int n, char **cause)
{
	struct config_color	c;
	size_t			i, j;

	if (n < 4) {
		xasprintf(cause, _("usage: color ELEMENT FG BG [ATTR ...]"));
		return -1;
	}
	for (i = 0; i < ELEMENT_LAST; i++) {
		if (strcmp(options_elements[i], w[1]) == 0)
			break;
	}
	for (j = 0; i == ELEMENT_LAST && j < nitems(config_elements); j++) {
		if (strcmp(config_elements[j].newsboat, w[1]) == 0)
			i = config_elements[j].e;
	}
	if (i == ELEMENT_LAST) {
		xasprintf(cause, _("unknown element: %s"), w[1]);
		return 1;
	}
	if (config_color_words(w + 2, n - 2, &c, cause) != 0)
		return -1;
	cfg->colors[i] = c;
	return 0;
}

/* "FG [BG [ATTR ...]]" as a colour; BG is the default when left out. */
static int
config_color_words(char **w, int n, struct config_color *c, char **cause)
{
	size_t j;
	int    k;

	memset(c, 0, sizeof *c);
	c->set = 1;
	c->bg = CONFIG_COLOR_DEFAULT;
	if (config_color_value(w[0], &c->fg) != 0) {
		xasprintf(cause, _("unknown colour: %s"), w[0]);
		return -1;
	}
	if (n > 1 && config_color_value(w[1], &c->bg) != 0) {
		xasprintf(cause, _("unknown colour: %s"), w[1]);
		return -1;
	}
	for (k = 2; k < n; k++) {
		for (j = 0; j < nitems(config_attrs); j++) {
			if (strcasecmp(config_attrs[j].name, w[k]) == 0)
				break;
		}
		if (j == nitems(config_attrs)) {
			xasprintf(cause, _("unknown attribute: %s"), w[k]);
			return -1;
		}
		c->attr |= config_attrs[j].value;
	}
	return 0;
}

/*
 * Newsboat's `highlight TARGET REGEX FG [BG [ATTR ...]]`: matches of an
 * extended regular expression, case ignored, coloured in the feed list,
 * the article list, an article, or all three.
 */
static int
config_highlight(struct config *cfg, char **w, int n, char **cause)
{
	static const struct config_name targets[] = {
		{ "feedlist", HIGHLIGHT_FEEDLIST },
		{ "articlelist", HIGHLIGHT_ARTICLELIST },
		{ "article", HIGHLIGHT_ARTICLE },
		{ "all",
		    HIGHLIGHT_FEEDLIST | HIGHLIGHT_ARTICLELIST |
			HIGHLIGHT_ARTICLE },
	};
	struct config_highlight h;
	char			err[256];
	size_t			i;
	int			rc;

	if (n < 4) {
		xasprintf(cause,
		    _("usage: highlight TARGET REGEX FG [BG "
		      "[ATTR ...]]"));
		return -1;
	}
	for (i = 0; i < nitems(targets); i++) {
		if (strcmp(targets[i].name, w[1]) == 0)
			break;
	}
	if (i == nitems(targets)) {
		xasprintf(cause,
		    _("highlight: not all, feedlist, articlelist "
		      "or article: %s"),
		    w[1]);
		return -1;
	}
	h.targets = targets[i].value;
	if (config_color_words(w + 3, n - 3, &h.color, cause) != 0)
		return -1;
	if ((rc = regcomp(&h.re, w[2], REG_EXTENDED | REG_ICASE)) != 0) {
		regerror(rc, &h.re, err, sizeof err);
		xasprintf(cause, _("highlight: %s: %s"), w[2], err);
		return -1;
	}
	cfg->highlights = xreallocarray(cfg->highlights, cfg->nhighlights + 1,
	    sizeof *cfg->highlights);
	cfg->highlights[cfg->nhighlights++] = h;
	return 0;
}

/* A configuration with every setting at its default. */
struct config *
config_create(void)
{
	struct config	*cfg;
	size_t		 i;

	cfg = xcalloc(1, sizeof *cfg);
	cfg->values = xcalloc(options_table_size, sizeof *cfg->values);
	buf_init(&cfg->warnings);
	for (i = 0; i < options_table_size; i++)
		cfg->values[i] = xstrdup(options_table[i].default_value);
	for (i = 0; i < ELEMENT_LAST; i++) {
		cfg->colors[i].fg = CONFIG_COLOR_DEFAULT;
		cfg->colors[i].bg = CONFIG_COLOR_DEFAULT;
	}
	return cfg;
}

/* Free a configuration. */
void
config_free(struct config *cfg)
{
	size_t	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < options_table_size; i++)
		free(cfg->values[i]);
	free(cfg->values);
	config_rules_free(cfg->ignores, cfg->nignores);
	config_rules_free(cfg->filters, cfg->nfilters);
	for (i = 0; i < cfg->nhighlights; i++)
		regfree(&cfg->highlights[i].re);
	free(cfg->highlights);
	buf_free(&cfg->warnings);
	free(cfg);
}

/* A flag's word as 1 or 0; -1 when it is neither. */
static int
config_flag(const char *value)
{
	if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "true") == 0 ||
	    strcasecmp(value, "on") == 0 || strcmp(value, "1") == 0)
		return 1;
	if (strcasecmp(value, "no") == 0 || strcasecmp(value, "false") == 0 ||
	    strcasecmp(value, "off") == 0 || strcmp(value, "0") == 0)
		return 0;
	return -1;
}

/* Whether VALUE is one of the words NAME allows (any, for most). */
static int
config_choice(const char *name, const char *value, char **cause)
{
	struct buf b;
	size_t	   i, j;

	for (i = 0; i < nitems(config_choices); i++) {
		if (strcmp(config_choices[i].name, name) == 0)
			break;
	}
	if (i == nitems(config_choices))
		return 0;
	buf_init(&b);
	buf_adds(&b, "");
	for (j = 0; j < nitems(config_choices[i].words) &&
	     config_choices[i].words[j] != NULL;
	     j++) {
		if (strcmp(config_choices[i].words[j], value) == 0) {
			buf_free(&b);
			return 0;
		}
		buf_printf(&b, "%s%s", j == 0 ? "" : ", ",
		    config_choices[i].words[j]);
	}
	xasprintf(cause, _("%s: not one of %s: %s"), name, b.data, value);
	buf_free(&b);
	return -1;
}

/* Set a setting from its text, checked against its type and range. */
int
config_set(struct config *cfg, const char *name, const char *value,
    char **cause)
{
	const struct options_table_entry	*oe;
	char					*end;
	long					 n;
	int					 i;

	if ((i = config_find(name)) == -1) {
		xasprintf(cause, _("unknown setting: %s"), name);
		return -1;
	}
	oe = &options_table[i];
	switch (oe->type) {
	case OPTION_STRING:
		if (config_choice(oe->name, value, cause) != 0)
			return -1;
		break;
	case OPTION_NUMBER:
		errno = 0;
		n = strtol(value, &end, 10);
		if (errno != 0 || *value == '\0' || *end != '\0' ||
		    n < oe->minimum || n > oe->maximum) {
			xasprintf(cause, _("%s: not a number from %ld to %ld: "
			    "%s"), name, oe->minimum, oe->maximum, value);
			return -1;
		}
		break;
	case OPTION_FLAG:
		if ((n = config_flag(value)) != -1)
			value = n ? "yes" : "no";
		else {
			xasprintf(cause, _("%s: not yes or no: %s"), name,
			    value);
			return -1;
		}
		break;
	}
	free(cfg->values[i]);
	cfg->values[i] = xstrdup(value);
	return 0;
}

/* Words W[0..N) joined by blanks, for a value Newsboat reads unquoted. */
static char *
config_join(char **w, int n)
{
	struct buf b;
	int	   i;

	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < n; i++) {
		if (i != 0)
			buf_addc(&b, ' ');
		buf_adds(&b, w[i]);
	}
	return buf_detach(&b);
}

/* `ignore-article FEED EXPR` or `define-filter NAME EXPR`. */
static int
config_rule(struct config_rule **rules, size_t *n, char **w, int nw,
    char **cause)
{
	struct config_rule *r;
	struct filter	   *f;
	char		   *why;

	if (nw != 3) {
		xasprintf(cause, _("usage: %s %s EXPRESSION"), w[0],
		    strcmp(w[0], "define-filter") == 0 ? "NAME" : "FEED");
		return -1;
	}
	if ((f = filter_parse(w[2], &why)) == NULL) {
		xasprintf(cause, "%s: %s", w[0], why);
		free(why);
		return -1;
	}
	*rules = xreallocarray(*rules, *n + 1, sizeof **rules);
	r = &(*rules)[(*n)++];
	r->scope = xstrdup(w[1]);
	r->expr = xstrdup(w[2]);
	r->filter = f;
	return 0;
}

static void
config_rules_free(struct config_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rules[i].scope);
		free(rules[i].expr);
		filter_free(rules[i].filter);
	}
	free(rules);
}

/*
 * Apply one line of configuration; KM may be NULL to refuse `bind`.  0 when
 * applied, -1 on an error, 1 for a warning (a feature tidings lacks: the
 * line is ignored); CAUSE says why in both cases.
 */
int
config_parse_line(struct config *cfg, struct keymap *km, const char *line,
    char **cause)
{
	char	   *w[CONFIG_MAXWORDS], *v;
	const char *p = line + strspn(line, " \t");
	int	    n, i, rc = -1;

	/* A macro's commands are kept as written, quotes and all. */
	if (strncmp(p, "macro", 5) == 0 && (p[5] == ' ' || p[5] == '\t')) {
		if (km == NULL) {
			xasprintf(cause, _("bind is not allowed here"));
			return -1;
		}
		return keymap_macro_line(km, p + 5, cause);
	}
	if ((n = config_split(line, w, CONFIG_MAXWORDS, cause)) == -1)
		return -1;
	if (n == 0)
		return 0;
	if (strcmp(w[0], "set") == 0 || config_find(w[0]) != -1) {
		/* Newsboat's form has no "set"; its values may be unquoted. */
		i = strcmp(w[0], "set") == 0;
		if (n < i + 2)
			xasprintf(cause, _("usage: set NAME VALUE"));
		else if (config_find(w[i]) == -1) {
			*cause = config_unknown(w[i]);
			rc = 1;
		} else {
			v = config_join(w + i + 1, n - i - 1);
			rc = config_set(cfg, w[i], v, cause);
			free(v);
		}
	} else if (strcmp(w[0], "bind") == 0 || strcmp(w[0], "bind-key") == 0) {
		/* Newsboat's optional CONTEXT: tidings' keys are global. */
		if (n != 3 && !(n == 4 && strcmp(w[0], "bind-key") == 0))
			xasprintf(cause, _("usage: bind KEY ACTION"));
		else if (km == NULL)
			xasprintf(cause, _("bind is not allowed here"));
		else if ((rc = keymap_bind(km, w[1], w[2], cause)) != 0 &&
		    strcmp(w[0], "bind-key") == 0)
			rc = 1;
	} else if (strcmp(w[0], "unbind") == 0 ||
	    strcmp(w[0], "unbind-key") == 0) {
		if (n != 2 && !(n == 3 && strcmp(w[0], "unbind-key") == 0))
			xasprintf(cause, _("usage: unbind KEY"));
		else if (km == NULL)
			xasprintf(cause, _("bind is not allowed here"));
		else if ((rc = keymap_bind(km, w[1], "none", cause)) != 0 &&
		    strcmp(w[0], "unbind-key") == 0)
			rc = 1;
	} else if (strcmp(w[0], "color") == 0)
		rc = config_color(cfg, w, n, cause);
	else if (strcmp(w[0], "highlight") == 0)
		rc = config_highlight(cfg, w, n, cause);
	else if (strcmp(w[0], "ignore-article") == 0)
		rc = config_rule(&cfg->ignores, &cfg->nignores, w, n, cause);
	else if (strcmp(w[0], "define-filter") == 0)
		rc = config_rule(&cfg->filters, &cfg->nfilters, w, n, cause);
	else if (strncmp(w[0], "ssl-verify", 10) == 0 && n == 2) {
		/* Newsboat's ssl-verifyhost and ssl-verifypeer. */
		if ((rc = config_flag(w[1])) == -1)
			xasprintf(cause, _("%s: not yes or no: %s"), w[0],
			    w[1]);
		else if ((rc = !rc) != 0)
			xasprintf(cause,
			    _("%s: tidings always checks a "
			      "server's certificate; trust yours with ca-file"),
			    w[0]);
	} else if (config_lacking_find(w[0]) != -1) {
		*cause = config_unknown(w[0]);
		rc = 1;
	} else {
		xasprintf(cause, _("unknown command: %s"), w[0]);
		rc = 1;
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	return rc;
}

/*
 * Read the lines of PATH into CFG, following `include FILE` (a relative
 * FILE is taken from PATH's directory) no deeper than CONFIG_MAXDEPTH.
 * Errors go to ERRS as "file:line: reason" lines, warnings to CFG's.
 */
static void
config_read(struct config *cfg, struct keymap *km, const char *path, int depth,
    struct buf *errs)
{
	struct buf file, *to;
	char	  *line, *next, *why, *w[CONFIG_MAXWORDS], *dir, *slash, *inc;
	int	   lineno = 0, rc, n;

	buf_init(&file);
	if (buf_read_file(&file, path, 1024 * 1024, &why) != 0) {
		buf_free(&file);
		if (errs->len != 0)
			buf_addc(errs, '\n');
		buf_printf(errs, "%s: %s", path, why);
		free(why);
		return;
	}
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	for (line = file.data; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		why = NULL;
		if ((n = config_split(line, w, CONFIG_MAXWORDS, &why)) >= 1 &&
		    strcmp(w[0], "include") == 0) {
			rc = 0;
			if (n != 2) {
				xasprintf(&why, _("usage: include FILE"));
				rc = -1;
			} else if (depth == CONFIG_MAXDEPTH) {
				xasprintf(&why,
				    _("include: more than %d files "
				      "deep: %s"),
				    CONFIG_MAXDEPTH, w[1]);
				rc = -1;
			} else {
				inc = paths_home(w[1], dir);
				if (access(inc, R_OK) != 0) {
					xasprintf(&why, "include %s: %s", inc,
					    strerror(errno));
					rc = -1;
				} else
					config_read(cfg, km, inc, depth + 1,
					    errs);
				free(inc);
			}
		} else {
			free(why);
			rc = config_parse_line(cfg, km, line, &why);
		}
		while (n > 0)
			free(w[--n]);
		if (rc != 0) {
			to = rc == 1 ? &cfg->warnings : errs;
			if (to->len != 0)
				buf_addc(to, '\n');
			buf_printf(to, "%s:%d: %s", path, lineno, why);
			free(why);
		}
	}
	free(dir);
	buf_free(&file);
}

/*
 * Read a configuration file.  A missing file is no error.  Errors come back
 * as "file:line: reason" lines in CAUSE, after every good line is applied;
 * warnings are kept for config_warnings.
 */
int
config_load(struct config *cfg, struct keymap *km, const char *path,
    char **cause)
{
	struct buf errs;
	char	  *why, *reload;

	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	buf_init(&errs);
	config_read(cfg, km, path, 0, &errs);
	/* Newsboat's auto-reload reloads every reload-time minutes. */
	if (config_get_number(cfg, "auto-reload") &&
	    config_get_number(cfg, "reload-every") == 0) {
		reload = xstrdup(config_get_string(cfg, "reload-time"));
		if (config_set(cfg, "reload-every", reload, &why) != 0)
			free(why);
		free(reload);
	}
	if (errs.len == 0) {
		buf_free(&errs);
		return 0;
	}
	*cause = buf_detach(&errs);
	return -1;
}

/* Split a line into words as the configuration does; -1 on a bad quote. */
int
config_words(const char *s, char **words, int max, char **cause)
{
	return config_split(s, words, max, cause);
}

/* The warnings of the files read, one a line, or NULL. */
const char *
config_warnings(const struct config *cfg)
{
	if (cfg->warnings.len == 0)
		return NULL;
	return cfg->warnings.data;
}

/* Say each warning on stderr, a line each. */
void
config_show_warnings(const struct config *cfg)
{
	config_show_errors(config_warnings(cfg));
}

/* Say config_load's errors (or any lines) on stderr, a line each. */
void
config_show_errors(const char *lines)
{
	const char *line, *end;

	for (line = lines; line != NULL; line = end) {
		if ((end = strchr(line, '\n')) == NULL) {
			log_warn("%s", line);
			break;
		}
		log_warn("%.*s", (int)(end - line), line);
		end++;
	}
}

/* The ignore-article rules, or the define-filter ones. */
const struct config_rule *
config_rules(const struct config *cfg, int filters, size_t *n)
{
	*n = filters ? cfg->nfilters : cfg->nignores;
	return filters ? cfg->filters : cfg->ignores;
}

/* The highlight lines, in the order given. */
const struct config_highlight *
config_highlights(const struct config *cfg, size_t *n)
{
	*n = cfg->nhighlights;
	return cfg->highlights;
}

/* The value of a setting (empty for an unknown name). */
const char *
config_get_string(const struct config *cfg, const char *name)
{
	int	i;

	if ((i = config_find(name)) == -1)
		return "";
	return cfg->values[i];
}

/* The value of a number or flag setting (a flag is 1 or 0). */
long
config_get_number(const struct config *cfg, const char *name)
{
	const char	*s;

	s = config_get_string(cfg, name);
	if (strcmp(s, "yes") == 0)
		return 1;
	if (strcmp(s, "no") == 0)
		return 0;
	return strtol(s, NULL, 10);
}

/* The colour of an element. */
const struct config_color *
config_get_color(const struct config *cfg, enum color_element e)
{
	return &cfg->colors[e];
}
