/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * xmalloc.c: allocation that cannot fail, and fatal().
 *
 * Running out of memory is not something a news reader can recover from, so
 * these die; but they restore the terminal first through the cleanup hook.
 *
 * Only the main thread may do that: endwin() and exit() from another thread
 * would race with the main thread's own use of curses and of the cache.  A
 * thread that announced itself with fatal_on_thread reports instead: it
 * keeps the message, wakes the main thread (which dies in fatal_check, the
 * terminal restored) and waits; should the main thread not come, it writes
 * the message itself and leaves with _exit.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"

/* How long a thread's fatal error waits for the main thread. */
#define FATAL_WAIT_SECONDS	10

static void (*fatal_cleanup)(void);

/* Set by a thread that is not the main one, for itself. */
static _Thread_local void (*fatal_wake)(void *);
static _Thread_local void *fatal_wake_arg;
static _Thread_local int fatal_off_main;

/* A message from another thread, once fatal_raised is set. */
static char		fatal_message[512];
static atomic_int	fatal_raised;

static __dead void	fatal_thread(const char *, va_list) printflike(1, 0);

/*
 * On a thread that is not the main one: keep the message for fatal_check,
 * wake the main thread, wait for it to exit; then write and _exit.
 */
static void
fatal_thread(const char *fmt, va_list ap)
{
	struct timespec	ts = { 0, 100 * 1000 * 1000 };
	char		line[sizeof fatal_message + 16];
	int		expected = 0, i, n;

	if (atomic_compare_exchange_strong(&fatal_raised, &expected, 1)) {
		vsnprintf(fatal_message, sizeof fatal_message, fmt, ap);
		atomic_store(&fatal_raised, 2);
		if (fatal_wake != NULL)
			fatal_wake(fatal_wake_arg);
	}
	for (i = 0; i < FATAL_WAIT_SECONDS * 10; i++)
		nanosleep(&ts, NULL);
	n = snprintf(line, sizeof line, "tidings: %s\n", fatal_message);
	if (n > 0)
		(void)!write(STDERR_FILENO, line, (size_t)n < sizeof line ?
		    (size_t)n : sizeof line - 1);
	_exit(70);
}

/*
 * Declare the calling thread a helper of the main one: its fatal errors
 * are reported to the main thread, woken by wake(arg), never handled here.
 */
void
fatal_on_thread(void (*wake)(void *), void *arg)
{
	fatal_wake = wake;
	fatal_wake_arg = arg;
	fatal_off_main = 1;
}

/* On the main thread: die now if another thread hit a fatal error. */
void
fatal_check(void)
{
	if (atomic_load(&fatal_raised) == 2 && !fatal_off_main)
		fatal("%s", fatal_message);
}

/* Set the function fatal() calls before it prints and exits. */
void
fatal_set_cleanup(void (*fn)(void))
{
	fatal_cleanup = fn;
}

/* Print a message and exit; for broken invariants and out of memory. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;

	if (fatal_off_main) {
		va_start(ap, fmt);
		fatal_thread(fmt, ap);
		/* NOTREACHED */
	}
	if (fatal_cleanup != NULL) {
		void (*fn)(void) = fatal_cleanup;

		fatal_cleanup = NULL;
		fn();
	}
	fputs("tidings: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("out of memory allocating %zu bytes", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory allocating %zu × %zu bytes", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (size != 0 && n > SIZE_MAX / size)
		fatal("allocation of %zu × %zu bytes overflows", n, size);
	if ((p = realloc(old, n * size)) == NULL)
		fatal("out of memory allocating %zu × %zu bytes", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char	*p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	n;

	if ((n = vasprintf(ret, fmt, ap)) == -1)
		fatal("out of memory formatting a string");
	return n;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return n;
}
