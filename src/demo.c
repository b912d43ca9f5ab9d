/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * demo.c: the bundled demo feeds in a throwaway cache, for `tidings --demo`.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"

/* Load the demo feeds into a new cache in a temporary folder. */
struct cache *
demo_open(char **tmpdir, char **cause)
{
	struct cache	*cache;
	struct urls	*urls;
	const char	*tmp;
	char		*dir, *list, *path, *why;
	size_t		 i;

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	xasprintf(&dir, "%s/tidings-demo-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		xasprintf(cause, _("cannot make a folder in %s"), tmp);
		free(dir);
		return NULL;
	}
	xasprintf(&path, "%s/cache.db", dir);
	cache = cache_open(path, 0, cause);
	free(path);
	if (cache == NULL) {
		demo_remove(dir);
		free(dir);
		return NULL;
	}
	path = paths_demo();
	xasprintf(&list, "%s/urls", path);
	/* urls_load takes a missing list as empty; the demo's must exist. */
	urls = NULL;
	if (access(list, R_OK) != 0)
		xasprintf(cause, _("no demo feeds at %s: %s"), list,
		    strerror(errno));
	else
		urls = urls_load(list, cause);
	if (urls == NULL) {
		free(list);
		free(path);
		cache_close(cache);
		demo_remove(dir);
		free(dir);
		return NULL;
	}
	for (i = 0; i < urls->n; i++) {
		if (source_load_local(cache, &urls->entries[i], path, 0,
		    &why) != 0) {
			log_keep("%s: %s", urls->entries[i].url, why);
			free(why);
		}
	}
	urls_free(urls);
	free(list);
	free(path);
	*tmpdir = dir;
	return cache;
}

/* Remove the demo's temporary folder and the cache in it. */
void
demo_remove(const char *dir)
{
	static const char *names[] = {
		"cache.db", "cache.db-wal", "cache.db-shm", "cache.db-journal"
	};
	char	*path;
	size_t	 i;

	for (i = 0; i < nitems(names); i++) {
		xasprintf(&path, "%s/%s", dir, names[i]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
}
