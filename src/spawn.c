/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * spawn.c: run the browser with fork and execvp, never through a shell.
 *
 * The URL is one element of the argv, so no character in it can reach a
 * shell, and only http and https URLs are passed on (DESIGN.md §8): a feed
 * cannot make us open file: or javascript: links.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tidings.h"

/* Is this URL one that may go to a browser (http or https)? */
int
spawn_url_ok(const char *url)
{
	const char	*p;

	if (url == NULL)
		return 0;
	if (strncasecmp(url, "http://", 7) == 0)
		p = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		p = url + 8;
	else
		return 0;
	if (*p == '\0' || *p == '/')
		return 0;
	/*
	 * Spaces and newlines pass: the URL is one argv element, so they
	 * cannot split it, and the browser gets it unchanged (issue 8).  Other
	 * controls, ESC above all, never do.
	 */
	for (; *p != '\0'; p++) {
		if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7f)
			return 0;
	}
	return 1;
}

/* The full path of a program found in $PATH, or NULL. */
char *
spawn_find_program(const char *name)
{
	const char	*path, *p, *end;
	char		*try;

	if (strchr(name, '/') != NULL)
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	if ((path = getenv("PATH")) == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p != '\0'; p = end) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		if (end == p)
			xasprintf(&try, "./%s", name);
		else
			xasprintf(&try, "%.*s/%s", (int)(end - p), p, name);
		if (access(try, X_OK) == 0)
			return try;
		free(try);
		if (*end == ':')
			end++;
	}
	return NULL;
}

/*
 * The browser command: the setting, else $BROWSER, else xdg-open or
 * sensible-browser when installed; NULL when there is none.
 */
char *
spawn_browser_command(const char *setting)
{
	static const char	*fallbacks[] = { "xdg-open", "sensible-browser" };
	const char		*s;
	char			*path;
	size_t			 i;

	if (setting != NULL && *setting != '\0')
		return xstrdup(setting);
	if ((s = getenv("BROWSER")) != NULL && *s != '\0')
		return xstrdup(s);
	for (i = 0; i < nitems(fallbacks); i++) {
		if ((path = spawn_find_program(fallbacks[i])) != NULL)
			return path;
	}
	return NULL;
}

/*
 * Split a command at blanks (quotes group words) into an argv; "%u" in a
 * word is replaced by the URL, else the URL is appended as the last word.
 */
char **
spawn_make_argv(const char *command, const char *url)
{
	struct buf	  b;
	const char	 *s = command;
	char		**argv = NULL, *w, *at;
	size_t		  n = 0;
	int		  used = 0;
	char		  q;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		buf_init(&b);
		buf_adds(&b, "");
		while (*s != '\0' && *s != ' ' && *s != '\t') {
			if (*s == '"' || *s == '\'') {
				q = *s++;
				while (*s != '\0' && *s != q)
					buf_addc(&b, *s++);
				if (*s == q)
					s++;
				continue;
			}
			buf_addc(&b, *s++);
		}
		w = buf_detach(&b);
		if ((at = strstr(w, "%u")) != NULL) {
			char	*nw;

			xasprintf(&nw, "%.*s%s%s", (int)(at - w), w, url,
			    at + 2);
			free(w);
			w = nw;
			used = 1;
		}
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		argv[n++] = w;
	}
	if (n == 0) {
		free(argv);
		return NULL;
	}
	/* No URL: the command alone (a password command). */
	if (!used && url != NULL) {
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		argv[n++] = xstrdup(url);
	}
	argv[n] = NULL;
	return argv;
}

/* Free an argv from spawn_make_argv. */
void
spawn_free_argv(char **argv)
{
	size_t	i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* Wait for the program NAME ran as PID: 0 when it exits with status 0. */
static int
spawn_wait(pid_t pid, const char *name, char **cause)
{
	int	status;

	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR) {
			xasprintf(cause, "waitpid: %s", strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		xasprintf(cause, _("%s: cannot run it"), name);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		xasprintf(cause, _("%s failed"), name);
		return -1;
	}
	return 0;
}

/* Run a program and wait for it; 0 when it exits with status 0. */
int
spawn_run(char *const *argv, char **cause)
{
	pid_t	pid;

	switch (pid = fork()) {
	case -1:
		xasprintf(cause, "fork: %s", strerror(errno));
		return -1;
	case 0:
		signal(SIGINT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	return spawn_wait(pid, argv[0], cause);
}

/*
 * Run a program and read what it writes, at most max bytes kept in out;
 * 0 when it exits with status 0.  Its standard error stays the caller's.
 */
int
spawn_read(char *const *argv, struct buf *out, size_t max, char **cause)
{
	pid_t	 pid;
	ssize_t	 n;
	char	 chunk[4096];
	int	 fd[2];

	if (pipe(fd) == -1) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		return -1;
	}
	switch (pid = fork()) {
	case -1:
		xasprintf(cause, "fork: %s", strerror(errno));
		close(fd[0]);
		close(fd[1]);
		return -1;
	case 0:
		signal(SIGINT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		close(fd[0]);
		if (dup2(fd[1], STDOUT_FILENO) == -1)
			_exit(127);
		close(fd[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		n = read(fd[0], chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out->len + (size_t)n <= max)
			buf_add(out, chunk, n);
	}
	explicit_bzero(chunk, sizeof chunk);
	close(fd[0]);
	return spawn_wait(pid, argv[0], cause);
}

/* Open an http or https URL with the browser. */
int
spawn_browser(const char *setting, const char *url, char **cause)
{
	char	*command, **argv;
	int	 rc;

	if (!spawn_url_ok(url)) {
		xasprintf(cause, _("only http and https links are opened"));
		return -1;
	}
	if ((command = spawn_browser_command(setting)) == NULL) {
		xasprintf(cause, _("no browser: set browser, or $BROWSER"));
		return -1;
	}
	argv = spawn_make_argv(command, url);
	free(command);
	if (argv == NULL) {
		xasprintf(cause, _("no browser: set browser, or $BROWSER"));
		return -1;
	}
	rc = spawn_run(argv, cause);
	spawn_free_argv(argv);
	return rc;
}
