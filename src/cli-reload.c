/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cli-reload.c: the feed list's commands: reload, add, import and export.
 *
 * `tidings reload` drives the fetcher in a blocking loop, with a progress
 * bar on stderr when stderr is a terminal and one summary line otherwise.
 * Every feed that fails is named with its reason; the others are stored and
 * the exit status is 1.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"

/* Redraw the progress bar at most this often. */
#define RELOAD_REDRAW_MS	100

static char	*cli_reload_urls_path(const struct cli_env *);
static struct urls *cli_reload_load(const struct cli_env *, char **);
static struct cache *cli_reload_cache(const struct cli_env *);
static void	 cli_reload_say(const char *, const char *, const char *);
static void	 cli_reload_bar(const struct fetch_progress *);
static void	 cli_reload_summary(const struct fetch_progress *);
static int64_t	 cli_reload_ms(void);
static void	 cli_reload_bytes(char *, size_t, uint64_t);
static struct config *cli_reload_config(const struct cli_env *);
static int cli_reload_server(const struct cli_env *, const char *, const char *,
    int);
static void	 cli_reload_empty(const struct cli_env *);
static char	*cli_import_check(const char *, int, const char **);
static char	*cli_import_judge(const char *, int, char *, const char **);
static char	*cli_import_query(const char *, const char **);
static void	 cli_import_refuse(const char *, const struct urls_entry *,
		     const char *);

static char *
cli_reload_urls_path(const struct cli_env *env)
{
	if (env->urls != NULL)
		return xstrdup(env->urls);
	return paths_config("urls");
}

/* The feed list, or NULL after saying why. */
static struct urls *
cli_reload_load(const struct cli_env *env, char **pathp)
{
	struct urls	*urls;
	char		*path, *cause = NULL, *s;

	path = cli_reload_urls_path(env);
	if ((urls = urls_load(path, &cause)) == NULL) {
		s = utf8_sanitize_line(cause, strlen(cause));
		fprintf(stderr, "tidings: %s\n", s);
		free(s);
		free(cause);
		free(path);
		return NULL;
	}
	*pathp = path;
	return urls;
}

/* The cache, or NULL after saying why. */
static struct cache *
cli_reload_cache(const struct cli_env *env)
{
	struct cache	*cache;
	char		*path, *cause = NULL;

	path = env->cache != NULL ? xstrdup(env->cache) :
	    paths_data("cache.db");
	if (paths_make_parents(path, &cause) != 0 ||
	    (cache = cache_open(path, 0, &cause)) == NULL) {
		cli_reload_say(path, cause, NULL);
		free(cause);
		free(path);
		return NULL;
	}
	free(path);
	return cache;
}

/* Print "tidings: NAME: WHAT[: WHY]", sanitized, on stderr. */
static void
cli_reload_say(const char *name, const char *what, const char *why)
{
	char	*line, *s;

	if (why != NULL)
		xasprintf(&line, "%s: %s: %s", name, what, why);
	else
		xasprintf(&line, "%s: %s", name, what);
	s = utf8_sanitize_line(line, strlen(line));
	fprintf(stderr, "tidings: %s\n", s);
	free(s);
	free(line);
}

static int64_t
cli_reload_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
cli_reload_bytes(char *out, size_t size, uint64_t n)
{
	if (n < 1024)
		snprintf(out, size, "%llu B", (unsigned long long)n);
	else if (n < 1024 * 1024)
		snprintf(out, size, "%.1f KB", n / 1024.0);
	else
		snprintf(out, size, "%.1f MB", n / (1024.0 * 1024.0));
}

/* The progress bar, drawn over itself on stderr. */
static void
cli_reload_bar(const struct fetch_progress *p)
{
	struct winsize	 ws;
	char		 tail[200], bytes[32], errors[64];
	int		 cols = 80, width, fill, i;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	cli_reload_bytes(bytes, sizeof bytes, p->bytes);
	snprintf(errors, sizeof errors,
	    ngettext("%zu error", "%zu errors", p->errors), p->errors);
	snprintf(tail, sizeof tail,
	    ngettext(" %zu/%zu feed, %ld new, %s, %s",
		" %zu/%zu feeds, %ld new, %s, %s", p->total),
	    p->done, p->total, p->new_items, errors, bytes);
	width = cols - 3 - utf8_width(tail, strlen(tail));
	if (width > 40)
		width = 40;
	fputs("\r[", stderr);
	if (width >= 5) {
		fill = p->total > 0 ? (int)(width * p->done / p->total) : 0;
		for (i = 0; i < width; i++)
			fputc(i < fill ? '#' : '-', stderr);
	}
	fprintf(stderr, "]%s\033[K", tail);
	fflush(stderr);
}

static void
cli_reload_summary(const struct fetch_progress *p)
{
	char bytes[32], feeds[64], articles[64];

	cli_reload_bytes(bytes, sizeof bytes, p->bytes);
	snprintf(feeds, sizeof feeds,
	    ngettext("%zu feed", "%zu feeds", p->total), p->total);
	snprintf(articles, sizeof articles,
	    ngettext("%ld new article", "%ld new articles", p->new_items),
	    p->new_items);
	fprintf(stderr,
	    _("tidings: %s: %zu updated, %zu unchanged, "
	      "%zu skipped, %zu failed; %s; %s\n"),
	    feeds, p->done - p->unchanged - p->skipped - p->errors,
	    p->unchanged, p->skipped, p->errors, articles, bytes);
}

/* The settings of the configuration file; NULL after saying why. */
static struct config *
cli_reload_config(const struct cli_env *env)
{
	struct config	*cfg;
	struct keymap	*km;
	char		*path, *cause = NULL;
	int		 rc;

	if ((path = paths_user_file(env->config, "config", &cause)) == NULL) {
		cli_reload_say(cause, _("no configuration"), NULL);
		free(cause);
		return NULL;
	}
	cfg = config_create();
	km = keymap_create();	/* bind lines are checked, not used */
	rc = config_load(cfg, km, path, &cause);
	keymap_free(km);
	free(path);
	config_show_warnings(cfg);
	if (rc != 0) {
		config_show_errors(cause);
		free(cause);
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

/* Say how to start when the feed list has no feed to reload. */
static void
cli_reload_empty(const struct cli_env *env)
{
	char *path, *cause = NULL;

	if ((path = paths_user_file(env->urls, "urls", &cause)) == NULL)
		path = cause;
	log_print(stderr,
	    _("tidings: no feeds in %s.\n"
	      "  Add one:           tidings add URL [CATEGORY ...]\n"
	      "  Import a list:     tidings import FILE.opml (or a Newsboat "
	      "urls file)\n"
	      "  Then fetch them:   tidings reload\n"),
	    path);
	free(path);
}

/* tidings reload [--force] [--timeout N] [CATEGORY|URL ...] */
int
cli_reload(const struct cli_env *env, int argc, char **argv)
{
	static const struct option	 options[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "timeout", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct fetch_options		 opts;
	struct fetch_progress		 p;
	struct fetch_result		*r;
	struct fetch			*f;
	struct cache			*cache;
	struct config			*cfg;
	char				*end, *cause = NULL;
	int				 c, tty, force = 0;
	int	max_items, keep_days, server, failed = 0, enqueue;
	int64_t drawn = 0, now, since;
	long	timeout = 0, removed, queued;

	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 't':
			errno = 0;
			timeout = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || timeout < 1 ||
			    timeout > 3600) {
				fprintf(stderr, _("tidings: reload: bad "
				    "--timeout: %s\n"), optarg);
				return 2;
			}
			break;
		default:
			fprintf(stderr, _("Usage: tidings reload [--force] "
			    "[--timeout SECONDS] [CATEGORY|URL ...]\n"));
			return 2;
		}
	}
	if ((cfg = cli_reload_config(env)) == NULL)
		return 2;
	fetch_options_default(&opts);
	fetch_options_config(&opts, cfg);
	max_items = (int)config_get_number(cfg, "max-items");
	server = sync_source(cfg, NULL) != SYNC_LOCAL;
	keep_days = (int)config_get_number(cfg, "keep-days");
	enqueue = (int)config_get_number(cfg, "podcast-auto-enqueue");
	opts.force = force;
	if (timeout != 0) {
		opts.timeout = (int)timeout;
		if (opts.low_speed_time > opts.timeout)
			opts.low_speed_time = opts.timeout;
	}
	if ((cache = cli_reload_cache(env)) == NULL) {
		config_free(cfg);
		return 2;
	}
	since = cache_download_last_item(cache);
	/* The configuration lives as long as the fetcher (a sync reads it). */
	f = fetch_list(cache, env, &opts, argv + optind, argc - optind,
	    &cause);
	if (f == NULL) {
		cli_reload_say(cause, _("nothing reloaded"), NULL);
		free(cause);
		cache_close(cache);
		config_free(cfg);
		return 2;
	}
	fetch_progress(f, &p);
	if (p.total == 0) {
		cli_reload_empty(env);
		fetch_free(f);
		cache_close(cache);
		config_free(cfg);
		return 0;
	}

	tty = isatty(STDERR_FILENO);
	for (;;) {
		c = fetch_perform(f);
		while ((r = fetch_next_result(f)) != NULL) {
			if (r->status == FETCH_SKIPPED ||
			    FETCH_FAILED(r->status)) {
				if (tty)
					fputs("\r\033[K", stderr);
				cli_reload_say(r->url, r->status ==
				    FETCH_SKIPPED ? _("skipped") : _("failed"),
				    r->reason);
				drawn = 0;
				/* A server is the whole feed list. */
				if (server && FETCH_FAILED(r->status))
					failed = 1;
			}
			fetch_result_free(r);
		}
		now = cli_reload_ms();
		if (tty && (c == 0 || now - drawn >= RELOAD_REDRAW_MS)) {
			fetch_progress(f, &p);
			cli_reload_bar(&p);
			drawn = now;
		}
		if (c == 0)
			break;
		fetch_wait(f, NULL, 0, RELOAD_REDRAW_MS);
	}
	fetch_progress(f, &p);
	if (tty)
		fputs("\r\033[K", stderr);
	cli_reload_summary(&p);
	fetch_free(f);
	config_free(cfg);
	/* podcast-auto-enqueue: the reader downloads them. */
	if (enqueue && p.new_items > 0 &&
	    (queued = cache_download_auto(cache, since, &cause)) != 0) {
		if (queued == -1) {
			cli_reload_say(cause, _("enclosures not queued"), NULL);
			free(cause);
		} else
			fprintf(stderr,
			    ngettext("tidings: queued for download: %ld "
				     "enclosure\n",
				"tidings: queued for download: %ld "
				"enclosures\n",
				queued),
			    queued);
	}
	/* Old articles go once the new ones are in. */
	if ((max_items > 0 || keep_days > 0) && cache_housekeep(cache,
	    max_items, keep_days, &removed, &cause) != 0) {
		cli_reload_say(cause, _("old articles not removed"), NULL);
		free(cause);
	}
	cache_close(cache);
	/*
	 * It ran: the failed feeds are on stderr, and cron carries on.  A
	 * sync that failed did not run, since the server is the feed list.
	 */
	return failed;
}

/*
 * With urls-source naming a server, subscribe to url there or unsubscribe
 * (remove): the exit status; -1 when the feed list is local.
 */
static int
cli_reload_server(const struct cli_env *env, const char *url,
    const char *category, int remove)
{
	struct config *cfg;
	char	      *cause = NULL;
	int	       rc;

	if ((cfg = cli_reload_config(env)) == NULL)
		return 2;
	if ((rc = sync_source(cfg, &cause)) == SYNC_LOCAL) {
		config_free(cfg);
		return -1;
	}
	if (rc != -1)
		rc = sync_subscribe(cfg, url, category, remove, &cause);
	config_free(cfg);
	if (rc != 0) {
		cli_reload_say(url, remove ? _("not removed") : _("not added"),
		    cause);
		free(cause);
		return 1;
	}
	return 0;
}

/* tidings remove URL: unsubscribe on the server urls-source names. */
int
cli_remove(const struct cli_env *env, int argc, char **argv)
{
	int rc;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, _("Usage: tidings remove URL\n"));
		return 2;
	}
	if ((rc = cli_reload_server(env, argv[1], NULL, 1)) != -1)
		return rc;
	cli_reload_say(argv[1], _("not removed"),
	    _("with a local feed "
	      "list, remove its line from the urls file"));
	return 2;
}

/* tidings add URL [CATEGORY ...] */
int
cli_add(const struct cli_env *env, int argc, char **argv)
{
	struct urls_entry	 e;
	struct urls		*urls;
	char			*path, *cause = NULL, *url, resolved[PATH_MAX];
	const char		*p;
	struct stat		 sb;
	int			 i, status = 0;

	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, _("Usage: tidings add URL [CATEGORY ...]\n"));
		return 2;
	}
	if ((status = cli_reload_server(env, argv[1], argc > 2 ? argv[2] : NULL,
		 0)) != -1)
		return status;
	status = 0;
	if (source_is_local(argv[1])) {
		/* Local paths are kept absolute: the list lives elsewhere. */
		p = argv[1];
		if (strncmp(p, "file://", 7) == 0)
			p += 7;
		if (strchr(argv[1], ':') != NULL &&
		    strncmp(argv[1], "file://", 7) != 0 &&
		    stat(p, &sb) == -1) {
			cli_reload_say(argv[1], _("only http, https, file: "
			    "and local paths can be added"), NULL);
			return 2;
		}
		if (realpath(p, resolved) == NULL) {
			cli_reload_say(argv[1], strerror(errno), NULL);
			return 2;
		}
		url = xstrdup(resolved);
	} else
		url = xstrdup(argv[1]);
	if ((urls = cli_reload_load(env, &path)) == NULL) {
		free(url);
		return 2;
	}
	if (urls_find(urls, url) != NULL) {
		cli_reload_say(url, _("already in the feed list"), path);
		status = 1;
		goto out;
	}
	memset(&e, 0, sizeof e);
	e.url = url;
	for (i = 2; i < argc; i++)
		urls_add_category(&e, argv[i]);
	if (urls_append(path, &e, 1, &cause) != 0) {
		cli_reload_say(cause, _("cannot write the feed list"), NULL);
		free(cause);
		status = 2;
	}
	for (i = 0; i < (int)e.ncategories; i++)
		free(e.categories[i]);
	free(e.categories);
out:
	urls_free(urls);
	free(path);
	free(url);
	return status;
}

/*
 * Judge one feed of an imported list: the URL to store (allocated), or NULL
 * with the reason in *why.  An imported file is written by someone else, so
 * it adds only http and https feeds and query feeds (never exec: or filter:,
 * which run commands); a local path only with --local, and only
 * an absolute one, without "..", to a regular file or a folder (never a
 * device, a FIFO or a socket, which would hang or read the terminal).
 */
static char *
cli_import_check(const char *raw, int local, const char **why)
{
	char		 resolved[PATH_MAX], *copy, *url;

	/* Blanks around the value are the file's layout, not the URL's. */
	raw += strspn(raw, " \t\r\n");
	url = xstrdup(raw);
	for (copy = url + strlen(url); copy > url &&
	    strchr(" \t\r\n", copy[-1]) != NULL; copy--)
		copy[-1] = '\0';
	copy = cli_import_judge(url, local, resolved, why);
	free(url);
	return copy;
}

/*
 * A query feed runs nothing, it only selects articles: it is imported when
 * its expression parses and it has no control character.
 */
static char *
cli_import_query(const char *url, const char **why)
{
	struct filter *f;
	const char    *expr, *s;
	char	      *name, *cause;

	for (s = url; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			*why = _("a control character in the query feed");
			return NULL;
		}
	}
	if (urls_query(url, &name, &expr) != 0) {
		*why = _("a query feed without a name");
		return NULL;
	}
	free(name);
	if ((f = filter_parse(expr, &cause)) == NULL) {
		free(cause);
		*why = _("a query feed whose expression does not parse");
		return NULL;
	}
	filter_free(f);
	return xstrdup(url);
}

/* cli_import_check for a URL without blanks; resolved is PATH_MAX bytes. */
static char *
cli_import_judge(const char *url, int local, char *resolved, const char **why)
{
	char		*copy;
	const char	*p, *s;
	struct stat	 sb;
	size_t		 n;
	int		 web;

	if (*url == '-') {
		*why = _("looks like a command-line option");
		return NULL;
	}
	if (strncmp(url, "query:", 6) == 0)
		return cli_import_query(url, why);
	for (s = url; isalnum((unsigned char)*s) || *s == '+' || *s == '-' ||
	    *s == '.'; s++)
		/* the scheme */;
	if (*s == ':' && s > url && strncasecmp(url, "http:", 5) != 0 &&
	    strncasecmp(url, "https:", 6) != 0 &&
	    strncmp(url, "file:", 5) != 0) {
		*why = _("only http and https feeds are imported");
		return NULL;
	}
	web = strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
	/* A space is no part of a URL, but may be of a path. */
	for (s = url; *s != '\0'; s++) {
		if ((unsigned char)*s < (web ? 0x21 : 0x20) || *s == 0x7f) {
			*why = _("a space or a control character in the URL");
			return NULL;
		}
	}
	if (web) {
		if (!url_is_web(url)) {
			*why = _("no host in the URL");
			return NULL;
		}
		/* The scheme in lower case, as the feed list reads it. */
		copy = xstrdup(url);
		for (n = 0; copy[n] != ':'; n++)
			copy[n] = (char)tolower((unsigned char)copy[n]);
		return copy;
	}
	p = url;
	if (strncmp(p, "file://", 7) == 0)
		p += 7;
	else if (strncasecmp(p, "http", 4) == 0 || strncmp(p, "file:", 5) == 0) {
		*why = _("not a URL tidings reads");
		return NULL;
	}
	if (!local) {
		*why = _("a local path (add it with tidings add PATH, or "
		    "import with --local)");
		return NULL;
	}
	if (*p != '/') {
		*why = _("a relative path");
		return NULL;
	}
	for (s = p; (s = strstr(s, "..")) != NULL; s += 2) {
		if ((s == p || s[-1] == '/') && (s[2] == '/' || s[2] == '\0')) {
			*why = _("a path with \"..\"");
			return NULL;
		}
	}
	if (realpath(p, resolved) == NULL || stat(resolved, &sb) == -1) {
		*why = strerror(errno);
		return NULL;
	}
	if (strncmp(resolved, "/dev/", 5) == 0 ||
	    strncmp(resolved, "/proc/", 6) == 0 ||
	    strncmp(resolved, "/sys/", 5) == 0 ||
	    (!S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))) {
		*why = _("not a regular file or a folder");
		return NULL;
	}
	return xstrdup(resolved);
}

/* Say why an outline of an imported file is not imported, in one line. */
static void
cli_import_refuse(const char *file, const struct urls_entry *e,
    const char *why)
{
	char	*name;

	if (e->outline != NULL && *e->outline != '\0')
		xasprintf(&name, "%s:%d: outline \"%s\" (%s)", file, e->line,
		    e->outline, e->url);
	else
		xasprintf(&name, "%s:%d: %s", file, e->line, e->url);
	cli_reload_say(name, _("not imported"), why);
	free(name);
}

/* tidings import [--local] FILE: add the feeds of an OPML or urls file. */
int
cli_import(const struct cli_env *env, int argc, char **argv)
{
	static const struct option	 options[] = {
		{ "local", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	struct urls		*urls, *in, *add;
	struct urls_entry	*e;
	char			*path, *cause = NULL, *url;
	size_t			 i, skipped = 0, refused = 0;
	const char		*why;
	int			 c, local = 0, status = 0;

	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case 'l':
			local = 1;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 1) {
usage:
		fprintf(stderr, _("Usage: tidings import [--local] FILE\n"));
		return 2;
	}
	if ((in = opml_import(argv[optind], &cause)) == NULL) {
		cli_reload_say(cause, _("cannot import"), NULL);
		free(cause);
		return 2;
	}
	if ((urls = cli_reload_load(env, &path)) == NULL) {
		urls_free(in);
		return 2;
	}
	add = xcalloc(1, sizeof *add);
	for (i = 0; i < in->n; i++) {
		if ((url = cli_import_check(in->entries[i].url, local,
		    &why)) == NULL) {
			cli_import_refuse(argv[optind], &in->entries[i], why);
			refused++;
		} else if (urls_find(urls, url) != NULL ||
		    urls_find(add, url) != NULL)
			skipped++;
		else {
			e = urls_add(add, url);
			urls_entry_clear(e);
			urls_entry_copy(e, &in->entries[i]);
			free(e->url);
			e->url = xstrdup(url);
		}
		free(url);
	}
	if (add->n > 0 && urls_append(path, add->entries, add->n,
	    &cause) != 0) {
		cli_reload_say(cause, _("cannot write the feed list"), NULL);
		free(cause);
		status = 2;
	} else
		log_print(stdout,
		    ngettext("%zu feed imported into %s, %zu already "
			     "there, %zu refused\n",
			"%zu feeds imported into %s, %zu already "
			"there, %zu refused\n",
			add->n),
		    add->n, path, skipped, refused);
	urls_free(add);
	urls_free(urls);
	urls_free(in);
	free(path);
	return status;
}

/* tidings export: the feed list as OPML on stdout. */
int
cli_export(const struct cli_env *env, int argc, char **argv)
{
	struct urls	*urls;
	struct cache	*cache;
	char		*path, *cause = NULL;
	size_t		 i;
	int64_t		 id;

	if (argc != 1) {
		fprintf(stderr, _("Usage: tidings export\n"));
		return 2;
	}
	if ((path = paths_user_file(env->urls, "urls", &cause)) == NULL ||
	    (urls = urls_load(path, &cause)) == NULL) {
		cli_reload_say(cause, _("cannot export"), NULL);
		free(cause);
		free(path);
		return 2;
	}
	/* A feed without a ~title is named by its own title, as read. */
	free(path);
	path = env->cache != NULL ? xstrdup(env->cache) :
				    paths_data("cache.db");
	if (access(path, F_OK) == 0 &&
	    (cache = cache_open(path, CACHE_READONLY, &cause)) != NULL) {
		for (i = 0; i < urls->n; i++) {
			if (urls->entries[i].title != NULL ||
			    (id = cache_find_feed(cache,
				 urls->entries[i].url)) < 0)
				continue;
			free(urls->entries[i].outline);
			urls->entries[i].outline = cache_feed_title(cache, id);
		}
		cache_close(cache);
	} else
		free(cause);
	cause = NULL;
	opml_write(stdout, urls);
	urls_free(urls);
	free(path);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "tidings: export: %s\n", strerror(errno));
		return 2;
	}
	return 0;
}
