/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cli-download.c: `tidings download ID [N]`, an article's enclosure into
 * download-path, its progress on standard error when that is a terminal,
 * its path on standard output.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"

struct cli_download_progress {
	struct timespec start;
	int64_t		first; /* bytes there at the start */
	int		shown;
};

/* "1.2 MB of 3.4 MB, 45%, 500 kB/s, 0:05 left" on one line of stderr. */
static void
cli_download_progress(void *arg, int64_t got, int64_t total)
{
	struct cli_download_progress *p = arg;
	struct timespec		      now;
	double			      secs, rate;
	char			     *line;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (p->first < 0) /* what was there before this run */
		p->first = got;
	secs = (double)(now.tv_sec - p->start.tv_sec) +
	    (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
	rate = secs > 0.1 ? (double)(got - p->first) / secs : 0;
	line = enclosure_progress(got, total, rate);
	fprintf(stderr, "\r%s\033[K", line); /* the rest of a longer line */
	free(line);
	p->shown = 1;
}

/* tidings download ID [N] */
int
cli_download(const struct cli_env *env, int argc, char **argv)
{
	struct cli_download_progress progress;
	struct fetch_options	     opts;
	struct config		    *cfg;
	struct keymap		    *km;
	struct cache		    *cache;
	struct article		    *a;
	const struct enclosure	    *e;
	char			    *path = NULL, *cause = NULL, *dir;
	char			    *final, *end;
	const char		    *file;
	long			     n = 1;
	int64_t			     id;
	int			     rc = 1;

	if (argc < 2 || argc > 3)
		cli_usage(stderr, 2);
	errno = 0;
	id = strtoll(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || errno != 0 || id <= 0) {
		log_warn(_("not an article number: %s"), argv[1]);
		return 2;
	}
	if (argc == 3 &&
	    ((n = strtol(argv[2], &end, 10)) <= 0 || *end != '\0')) {
		log_warn(_("not an enclosure number: %s"), argv[2]);
		return 2;
	}

	cfg = config_create();
	km = keymap_create();
	if ((file = env->config) == NULL)
		file = path = paths_config("config");
	if (config_load(cfg, km, file, &cause) != 0) {
		config_show_errors(cause);
		free(cause);
		rc = 2;
		goto out;
	}
	if ((cache = cli_cache_open(env, CACHE_READONLY)) == NULL)
		goto out;
	if ((a = cache_article(cache, id, &cause)) == NULL) {
		log_warn("%s", cause);
		free(cause);
		cache_close(cache);
		goto out;
	}
	cache_close(cache);
	if ((size_t)n > a->nenclosures) {
		log_warn(ngettext("article %lld has %zu enclosure",
			     "article %lld has %zu enclosures", a->nenclosures),
		    (long long)id, a->nenclosures);
		goto done;
	}
	e = &a->enclosures[n - 1];
	if (!url_is_web(e->url)) {
		log_warn(_("enclosure URL is not http(s), refused: %s"),
		    e->url);
		goto done;
	}
	if ((dir = download_dir(config_get_string(cfg, "download-path"),
		 a->feed_title, e->url, &cause)) == NULL) {
		log_warn("%s", cause);
		free(cause);
		goto done;
	}
	fetch_options_default(&opts);
	fetch_options_config(&opts, cfg);
	memset(&progress, 0, sizeof progress);
	clock_gettime(CLOCK_MONOTONIC, &progress.start);
	progress.first = -1;
	if (download_run(e->url, dir, &opts,
		isatty(STDERR_FILENO) ? cli_download_progress : NULL, &progress,
		&final, &cause) != 0) {
		if (progress.shown)
			fputc('\n', stderr);
		log_warn("%s: %s", e->url, cause);
		free(cause);
	} else {
		if (progress.shown)
			fputc('\n', stderr);
		log_print(stdout, "%s\n", final);
		free(final);
		rc = 0;
	}
	free(dir);
done:
	cache_article_free(a);
out:
	free(path);
	keymap_free(km);
	config_free(cfg);
	return rc;
}
