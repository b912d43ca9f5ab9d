/*
 * xmalloc.c: allocation that cannot fail, and fatal().
 *
 * Running out of memory is not something a news reader can recover from, so
 * these die; but they restore the terminal first through the cleanup hook.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

static void (*fatal_cleanup)(void);

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
