/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * main.c: locale, translations, global options, and the choice between a
 * command and the reader.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "ui.h"

static const struct option main_options[] = {
	{ "cache", required_argument, NULL, 'C' },
	{ "config", required_argument, NULL, 'c' },
	{ "demo", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "offline", no_argument, NULL, 'o' },
	{ "urls", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/*
 * The user's locale for what tidings takes from it: characters, messages
 * and dates.  Numbers stay C's, and the other categories are not loaded
 * (each is a file to map: all of them took a tenth of a search's time).
 * Without a UTF-8 locale every non-ASCII character has width -1 and curses
 * draws nothing sensible (DESIGN.md §8a): take the user's, else C.UTF-8.
 */
static void
main_locale(void)
{
	const char	*dir;

	if (setlocale(LC_CTYPE, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL ||
		    strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
			fputs("tidings: a UTF-8 locale is needed "
			    "(set LANG, for example LANG=C.UTF-8)\n", stderr);
			exit(2);
		}
	}
	setlocale(LC_MESSAGES, "");
	setlocale(LC_TIME, "");
#ifdef ENABLE_NLS
	/* Lets the tests and ./quickstart use translations not installed. */
	if ((dir = getenv("TIDINGS_LOCALEDIR")) == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
}

static int
main_reader(const struct cli_env *env, int demo)
{
	struct cache	*cache;
	char		*cause = NULL, *path = NULL, *tmpdir = NULL;
	int		 status;

	if (demo)
		cache = demo_open(&tmpdir, &cause);
	else {
		if (env->cache == NULL)
			path = paths_data("cache.db");
		/* A second reader may look, but not write. */
		cache = cache_open(env->cache != NULL ? env->cache : path,
		    CACHE_SHARE, &cause);
	}
	if (cache == NULL) {
		log_warn("%s: %s", demo ? _("demo") :
		    (env->cache != NULL ? env->cache : path), cause);
		free(cause);
		free(path);
		return 2;
	}
	if (cache_is_readonly(cache)) {
		/* Said now, and again when the screen is gone. */
		log_warn("%s", _("another tidings is using this cache; it is "
		    "open read-only"));
		log_keep("%s", _("another tidings is using this cache; it was "
		    "open read-only"));
	}
	free(path);
	status = ui_main(cache, env);
	cache_close(cache);
	if (tmpdir != NULL) {
		demo_remove(tmpdir);
		free(tmpdir);
	}
	log_flush_kept(stderr);
	return status;
}

int
main(int argc, char **argv)
{
	struct cli_env	 env;
	char		*dir, *demo_urls = NULL;
	int		 c, demo = 0;

	main_locale();
	log_open(getenv("TIDINGS_LOG"));
	memset(&env, 0, sizeof env);
	while ((c = getopt_long(argc, argv, "+", main_options, NULL)) != -1) {
		switch (c) {
		case 'C':
			env.cache = optarg;
			break;
		case 'c':
			env.config = optarg;
			break;
		case 'd':
			demo = 1;
			break;
		case 'h':
			cli_usage(stdout, 0);
		case 'o':
			env.offline = 1;
			break;
		case 'u':
			env.urls = optarg;
			break;
		case 'V':
			printf("tidings %s\n", PACKAGE_VERSION);
			return 0;
		default:
			cli_usage(stderr, 2);
		}
	}
	if (optind < argc) {
		if (!cli_is_command(argv[optind])) {
			log_warn(_("unknown command: %s"), argv[optind]);
			cli_usage(stderr, 2);
		}
		c = optind;
		optind = 0;	/* the command's getopt_long starts afresh */
		return cli_run(&env, argc - c, argv + c);
	}
	if (demo && env.urls == NULL) {
		/*
		 * The demo is the bundled files only: its own feed list (so
		 * that a reload reads them again) and never the network.
		 * With --urls, the demo cache is a scratch cache for that list.
		 */
		dir = paths_demo();
		xasprintf(&demo_urls, "%s/urls", dir);
		free(dir);
		env.urls = demo_urls;
		env.offline = 1;
	}
	c = main_reader(&env, demo);
	free(demo_urls);
	return c;
}
