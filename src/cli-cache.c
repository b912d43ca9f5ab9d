/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cli-cache.c: the commands that read and mark the cache from scripts:
 * list, show, search, mark-read and vacuum.
 *
 * Reading commands open the cache read-only, so they work beside a running
 * reader; lists are printed a page at a time, never loaded whole.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidings.h"

static const struct option cli_cache_options[] = { { "all", no_argument, NULL,
						       'a' },
	{ "category", required_argument, NULL, 'c' },
	{ "check", no_argument, NULL, 'C' },
	{ "filter", required_argument, NULL, 'f' },
	{ "json", no_argument, NULL, 'j' },
	{ "keep-days", required_argument, NULL, 'k' },
	{ "limit", required_argument, NULL, 'l' },
	{ "max-items", required_argument, NULL, 'm' },
	{ "starred", no_argument, NULL, 's' },
	{ "unread", no_argument, NULL, 'u' },
	{ "width", required_argument, NULL, 'w' }, { NULL, 0, NULL, 0 } };

struct cli_cache_args {
	const char	*category;
	const char	*filter;
	int		 all;
	int		 check;
	int		 json;
	int		 starred;
	int		 unread;
	long		 limit;		/* 0: no limit */
	long		 width;		/* 0: the terminal's */
	long		 max_items;
	long		 keep_days;
};

static int
cli_cache_number(const char *name, const char *s, long *v)
{
	char	*end;

	errno = 0;
	*v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || *v < 0) {
		log_print(stderr, _("tidings: %s: not a number: %s\n"), name,
		    s);
		return -1;
	}
	return 0;
}

/* Parse the options this command allows (a string of short names). */
static int
cli_cache_parse(int argc, char **argv, const char *allowed,
    struct cli_cache_args *args)
{
	int	c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "", cli_cache_options,
	    NULL)) != -1) {
		if (c == '?' || strchr(allowed, c) == NULL) {
			log_print(stderr, _("tidings %s: unknown option: "
			    "%s\n"), argv[0], argv[optind - 1]);
			return -1;
		}
		switch (c) {
		case 'a':
			args->all = 1;
			break;
		case 'c':
			args->category = optarg;
			break;
		case 'C':
			args->check = 1;
			break;
		case 'f':
			args->filter = optarg;
			break;
		case 'j':
			args->json = 1;
			break;
		case 'k':
			if (cli_cache_number("--keep-days", optarg,
			    &args->keep_days) != 0)
				return -1;
			break;
		case 'l':
			if (cli_cache_number("--limit", optarg,
			    &args->limit) != 0)
				return -1;
			break;
		case 'm':
			if (cli_cache_number("--max-items", optarg,
			    &args->max_items) != 0)
				return -1;
			break;
		case 's':
			args->starred = 1;
			break;
		case 'u':
			args->unread = 1;
			break;
		case 'w':
			if (cli_cache_number("--width", optarg,
			    &args->width) != 0 || args->width < 10 ||
			    args->width > 1000) {
				fprintf(stderr, _("tidings: --width must be "
				    "from 10 to 1000\n"));
				return -1;
			}
			break;
		}
	}
	return 0;
}

/*
 * Open the cache named by --cache, else the default one.  CACHE_SHARE here
 * means "write if it can": a missing cache is not made, but reported.
 */
struct cache *
cli_cache_open(const struct cli_env *env, int flags)
{
	struct cache	*cache;
	char		*path, *cause;

	path = env->cache != NULL ? xstrdup(env->cache) :
	    paths_data("cache.db");
	/* A reading command makes no cache: it says there is none. */
	if ((flags & (CACHE_SHARE | CACHE_QUERY)) && access(path, F_OK) != 0)
		flags = CACHE_READONLY;
	if ((cache = cache_open(path, flags, &cause)) == NULL) {
		log_warn("%s: %s", path, cause);
		free(cause);
	}
	free(path);
	return cache;
}

static int
cli_cache_fail(struct cache *cache, char *cause)
{
	log_warn("%s", cause);
	free(cause);
	cache_close(cache);
	return 1;
}

/* The article's enclosures as a JSON array; [] when they cannot be read. */
static void
cli_cache_print_enclosures(struct cache *cache, int64_t id)
{
	struct enclosure *list;
	size_t		  n;
	char		 *cause;

	if (cache_enclosures(cache, id, &list, &n, &cause) != 0) {
		free(cause);
		list = NULL;
		n = 0;
	}
	enclosures_print_json(stdout, list, n);
	enclosures_free(list, n);
}

struct cli_cache_printing {
	struct cache	*cache;
	int		 json;
	long		 printed;
};

static void
cli_cache_print_row(const struct item_row *r, void *arg)
{
	struct cli_cache_printing	*p = arg;
	struct tm			 tm;
	time_t				 t = (time_t)r->date;
	char				 date[32] = "";

	if (p->json) {
		printf("%s{\"id\":%lld,\"date\":%lld,\"read\":%s,"
		       "\"starred\":%s,\"feed\":",
		    p->printed == 0 ? "" : ",\n", (long long)r->id,
		    (long long)r->date, r->read ? "true" : "false",
		    r->starred ? "true" : "false");
		json_print_string(stdout, r->feed_title);
		fputs(",\"title\":", stdout);
		json_print_string(stdout, r->title);
		fputs(",\"enclosures\":", stdout);
		cli_cache_print_enclosures(p->cache, r->id);
		putchar('}');
	} else {
		/* localtime_r: localtime would stat /etc/localtime a row. */
		if (localtime_r(&t, &tm) != NULL)
			strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
		printf("%lld\t%s\t%c%c\t%s\t%s\n", (long long)r->id, date,
		    r->read ? '-' : 'N', r->starred ? '*' : '-', r->feed_title,
		    r->title);
	}
	p->printed++;
}

/* Print the items of a scope, at most limit (0 or less: all). */
static int
cli_cache_print(struct cache *cache, const struct scope *scope, int json,
    long limit)
{
	struct cli_cache_printing	 p;
	char				*cause;

	p.cache = cache;
	p.json = json;
	p.printed = 0;
	if (json)
		fputs("[\n", stdout);
	if (cache_items_each(cache, scope, limit > 0 ? (size_t)limit : 0,
		cli_cache_print_row, &p, &cause) != 0)
		return cli_cache_fail(cache, cause);
	if (json)
		fputs(p.printed == 0 ? "]\n" : "\n]\n", stdout);
	cache_close(cache);
	return 0;
}

/* Find the category named on the command line; -1 after a message. */
static int
cli_cache_category(struct cache *cache, const char *name, struct scope *s)
{
	if ((s->id = cache_find_category(cache, name)) == -1) {
		log_warn(_("no category %s"), name);
		return -1;
	}
	s->type = SCOPE_CATEGORY;
	return 0;
}

/*
 * tidings list [--category C] [--filter EXPR] [--unread] [--starred]
 * [--limit N] [--json].  A filter alone lists what a query feed of that
 * expression holds: every feed's articles, hidden ones' too.
 */
int
cli_list(const struct cli_env *env, int argc, char **argv)
{
	struct cli_cache_args	 args;
	struct cache		*cache;
	struct scope		 scope;
	struct filter		*filter = NULL;
	char			*cause;
	int			 rc;

	memset(&args, 0, sizeof args);
	if (cli_cache_parse(argc, argv, "cfjlsu", &args) != 0 || optind != argc)
		cli_usage(stderr, 2);
	if (args.filter != NULL &&
	    (filter = filter_parse(args.filter, &cause)) == NULL) {
		log_warn("--filter: %s", cause);
		free(cause);
		return 2;
	}
	if ((cache = cli_cache_open(env, CACHE_READONLY)) == NULL) {
		filter_free(filter);
		return 1;
	}
	memset(&scope, 0, sizeof scope);
	scope.type = args.starred ? SCOPE_STARRED :
	    filter != NULL	  ? SCOPE_QUERY :
				    SCOPE_ALL;
	scope.unread_only = args.unread;
	scope.filter = filter;
	if (args.category != NULL &&
	    cli_cache_category(cache, args.category, &scope) != 0) {
		cache_close(cache);
		filter_free(filter);
		return 1;
	}
	rc = cli_cache_print(cache, &scope, args.json, args.limit);
	filter_free(filter);
	return rc;
}

/* tidings search QUERY [--unread] [--limit N] [--json] */
int
cli_search(const struct cli_env *env, int argc, char **argv)
{
	struct cli_cache_args	 args;
	struct cache		*cache;
	struct scope		 scope;

	memset(&args, 0, sizeof args);
	if (cli_cache_parse(argc, argv, "jlu", &args) != 0 ||
	    optind != argc - 1)
		cli_usage(stderr, 2);
	/* Alone with the file if it can be, else writable to migrate. */
	if ((cache = cli_cache_open(env, CACHE_QUERY)) == NULL)
		return 1;
	memset(&scope, 0, sizeof scope);
	scope.type = SCOPE_SEARCH;
	scope.query = argv[optind];
	scope.unread_only = args.unread;
	return cli_cache_print(cache, &scope, args.json, args.limit);
}

static long
cli_cache_width(void)
{
	struct winsize	 ws;
	const char	*s;
	long		 w;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 10)
		return ws.ws_col;
	if ((s = getenv("COLUMNS")) != NULL && (w = atol(s)) >= 10 &&
	    w <= 1000)
		return w;
	return 80;
}

static int
cli_cache_id(const char *s, int64_t *id)
{
	char	*end;

	errno = 0;
	*id = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || *id <= 0) {
		log_warn(_("not an article number: %s"), s);
		return -1;
	}
	return 0;
}

/* An article as JSON: its fields, categories, enclosures and HTML. */
static void
cli_show_json(const struct article *a)
{
	size_t i;

	printf("{\"id\":%lld,\"date\":%lld,\"read\":%s,\"starred\":%s,"
	       "\"feed\":",
	    (long long)a->id, (long long)a->date, a->read ? "true" : "false",
	    a->starred ? "true" : "false");
	json_print_string(stdout, a->feed_title);
	fputs(",\"title\":", stdout);
	json_print_string(stdout, a->title);
	fputs(",\"link\":", stdout);
	json_print_string(stdout, a->link);
	fputs(",\"author\":", stdout);
	json_print_string(stdout, a->author);
	fputs(",\"categories\":[", stdout);
	for (i = 0; i < a->ncategories; i++) {
		if (i != 0)
			putchar(',');
		json_print_string(stdout, a->categories[i]);
	}
	fputs("],\"enclosures\":", stdout);
	enclosures_print_json(stdout, a->enclosures, a->nenclosures);
	fputs(",\"html\":", stdout);
	json_print_string(stdout, a->html);
	fputs("}\n", stdout);
}

/* tidings show ID [--width N] [--json] */
int
cli_show(const struct cli_env *env, int argc, char **argv)
{
	struct cli_cache_args	 args;
	struct cache		*cache;
	struct article		*a;
	struct rendered		*r;
	int64_t			 id;
	char			*cause;

	memset(&args, 0, sizeof args);
	if (cli_cache_parse(argc, argv, "jw", &args) != 0 || optind != argc - 1)
		cli_usage(stderr, 2);
	if (cli_cache_id(argv[optind], &id) != 0)
		return 2;
	if ((cache = cli_cache_open(env, CACHE_READONLY)) == NULL)
		return 1;
	if ((a = cache_article(cache, id, &cause)) == NULL)
		return cli_cache_fail(cache, cause);
	if (args.json) {
		cli_show_json(a);
		cache_article_free(a);
		cache_close(cache);
		return 0;
	}
	r = render_article(a, args.width != 0 ? (int)args.width :
	    (int)cli_cache_width());
	render_print(stdout, r);
	render_free(r);
	cache_article_free(a);
	cache_close(cache);
	return 0;
}

/* tidings mark-read ID... | --category C | --all */
int
cli_mark_read(const struct cli_env *env, int argc, char **argv)
{
	struct cli_cache_args	 args;
	struct cache		*cache;
	struct scope		 scope;
	int64_t			 id;
	long			 changed;
	char			*cause;
	int			 i, status = 0;

	memset(&args, 0, sizeof args);
	if (cli_cache_parse(argc, argv, "ac", &args) != 0)
		cli_usage(stderr, 2);
	if ((optind == argc) == (args.all == 0 && args.category == NULL) ||
	    (args.all && args.category != NULL))
		cli_usage(stderr, 2);
	for (i = optind; i < argc; i++) {
		if (cli_cache_id(argv[i], &id) != 0)
			return 2;
	}
	if ((cache = cli_cache_open(env, 0)) == NULL)
		return 1;
	if (optind == argc) {
		memset(&scope, 0, sizeof scope);
		scope.type = SCOPE_ALL;
		if (args.category != NULL &&
		    cli_cache_category(cache, args.category, &scope) != 0) {
			cache_close(cache);
			return 1;
		}
		if (cache_mark_scope(cache, &scope, 1, &changed, &cause) != 0)
			return cli_cache_fail(cache, cause);
		cache_close(cache);
		return 0;
	}
	for (i = optind; i < argc; i++) {
		cli_cache_id(argv[i], &id);
		if (cache_set_read(cache, id, 1, &cause) != 0) {
			log_warn("%s", cause);
			free(cause);
			status = 1;
		}
	}
	cache_close(cache);
	return status;
}

/* The settings max-items and keep-days, where not given as options. */
static int
cli_cache_settings(const struct cli_env *env, struct cli_cache_args *args)
{
	struct config	*cfg;
	struct keymap	*km;
	char		*path = NULL, *cause;
	const char	*file;
	int		 rc = 0;

	cfg = config_create();
	km = keymap_create();
	if ((file = path = paths_user_file(env->config, "config", &cause)) ==
		NULL ||
	    config_load(cfg, km, file, &cause) != 0) {
		config_show_errors(cause);
		free(cause);
		rc = -1;
	} else {
		config_show_warnings(cfg);
		if (args->max_items == -1)
			args->max_items = config_get_number(cfg, "max-items");
		if (args->keep_days == -1)
			args->keep_days = config_get_number(cfg, "keep-days");
	}
	free(path);
	keymap_free(km);
	config_free(cfg);
	return rc;
}

/* tidings vacuum [--max-items N] [--keep-days N] | --check */
int
cli_vacuum(const struct cli_env *env, int argc, char **argv)
{
	struct cli_cache_args	 args;
	struct cache		*cache;
	long			 removed;
	char			*cause;

	memset(&args, 0, sizeof args);
	args.max_items = args.keep_days = -1;
	if (cli_cache_parse(argc, argv, "Ckm", &args) != 0 || optind != argc)
		cli_usage(stderr, 2);
	if ((args.max_items == -1 || args.keep_days == -1) &&
	    cli_cache_settings(env, &args) != 0)
		return 2;
	if ((cache = cli_cache_open(env, args.check ? CACHE_READONLY :
	    0)) == NULL)
		return 1;
	/* A damaged file is reported, never rewritten by VACUUM. */
	if (cache_check(cache, &cause) != 0)
		return cli_cache_fail(cache, cause);
	if (args.check) {
		cache_close(cache);
		return 0;
	}
	if (cache_housekeep(cache, (int)args.max_items, (int)args.keep_days,
	    &removed, &cause) != 0 || cache_vacuum(cache, &cause) != 0)
		return cli_cache_fail(cache, cause);
	if (removed != 0)
		printf(_("articles removed: %ld\n"), removed);
	cache_close(cache);
	return 0;
}
