/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * paths.c: where tidings' files live (XDG base directories).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tidings.h"

static char *
paths_base(const char *xdg, const char *fallback)
{
	const char	*dir, *home;
	char		*path;

	if ((dir = getenv(xdg)) != NULL && *dir == '/') {
		xasprintf(&path, "%s/tidings", dir);
		return path;
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0')
		home = ".";
	xasprintf(&path, "%s/%s/tidings", home, fallback);
	return path;
}

/* The path of a file in the configuration directory. */
char *
paths_config(const char *name)
{
	char	*dir, *path;

	dir = paths_base("XDG_CONFIG_HOME", ".config");
	xasprintf(&path, "%s/%s", dir, name);
	free(dir);
	return path;
}

/* The path of a file in the data directory. */
char *
paths_data(const char *name)
{
	char	*dir, *path;

	dir = paths_base("XDG_DATA_HOME", ".local/share");
	xasprintf(&path, "%s/%s", dir, name);
	free(dir);
	return path;
}

/* The directory of the bundled demo feeds. */
char *
paths_demo(void)
{
	const char	*dir;
	char		*path;

	/* Set by the tests and by ./quickstart to run from the source tree. */
	if ((dir = getenv("TIDINGS_DATADIR")) != NULL && *dir != '\0') {
		xasprintf(&path, "%s/demo", dir);
		return path;
	}
	return xstrdup(PKGDATADIR "/demo");
}

/* Make the directories above path; -1 with a reason on failure. */
int
paths_make_parents(const char *path, char **cause)
{
	char	*copy, *p;

	copy = xstrdup(path);
	for (p = copy + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(copy, 0700) == -1 && errno != EEXIST) {
			xasprintf(cause, "%s: %s", copy, strerror(errno));
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}
