/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * paths.c: where tidings' files live (XDG base directories), and where a
 * Newsboat user's files are found when tidings has none of its own.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/*
 * A path the user wrote: a leading "~/" (or "~" alone) is $HOME, and a
 * relative path is taken from DIR when DIR is not NULL.
 */
char *
paths_home(const char *path, const char *dir)
{
	const char	*home;
	char		*s;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') &&
	    (home = getenv("HOME")) != NULL && *home != '\0')
		xasprintf(&s, "%s%s", home, path + 1);
	else if (path[0] != '/' && dir != NULL)
		xasprintf(&s, "%s/%s", dir, path);
	else
		s = xstrdup(path);
	return s;
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

/*
 * Newsboat's directory as Newsboat looks for it: ~/.newsboat when it
 * exists, else $XDG_CONFIG_HOME/newsboat (~/.config/newsboat); NULL when
 * neither holds a feed list.
 */
char *
paths_newsboat(void)
{
	const char	*home, *xdg;
	char		*dir, *urls;
	int		 i;

	if ((home = getenv("HOME")) == NULL || *home == '\0')
		home = ".";
	for (i = 0; i < 2; i++) {
		if (i == 0)
			xasprintf(&dir, "%s/.newsboat", home);
		else if ((xdg = getenv("XDG_CONFIG_HOME")) != NULL &&
		    *xdg == '/')
			xasprintf(&dir, "%s/newsboat", xdg);
		else
			xasprintf(&dir, "%s/.config/newsboat", home);
		xasprintf(&urls, "%s/urls", dir);
		if (access(urls, F_OK) == 0) {
			free(urls);
			return dir;
		}
		free(urls);
		free(dir);
	}
	return NULL;
}

/*
 * The user's file NAME ("urls" or "config"): GIVEN (from --urls or
 * --config) when not NULL, which must exist; else tidings' own when it
 * or tidings' feed list exists; else Newsboat's, read in place (said once
 * on stderr); else tidings' own path.  NULL with *CAUSE when GIVEN does not exist.
 */
char *
paths_user_file(const char *given, const char *name, char **cause)
{
	static char	 said[2];
	char		*own, *dir, *path;
	int		 which = strcmp(name, "urls") != 0;

	if (given != NULL) {
		if (access(given, F_OK) != 0) {
			xasprintf(cause, "%s: %s", given, strerror(errno));
			return NULL;
		}
		return xstrdup(given);
	}
	own = paths_config(name);
	if (access(own, F_OK) == 0)
		return own;
	free(own);
	own = paths_config("urls");
	if (access(own, F_OK) == 0 || (dir = paths_newsboat()) == NULL) {
		free(own);
		return paths_config(name);
	}
	free(own);
	xasprintf(&path, "%s/%s", dir, name);
	free(dir);
	if (!said[which] && access(path, F_OK) == 0) {
		said[which] = 1;
		log_warn(_("reading Newsboat's %s in place (read-only): %s"),
		    name, path);
	}
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
