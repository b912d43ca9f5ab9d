/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * log.c: a debug log file, and messages kept while the screen is up.
 *
 * Messages raised while curses owns the terminal cannot be printed; they are
 * kept and shown on stderr once the screen is gone (STYLE.md, errors).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

static FILE	 *log_file;
static char	**log_kept;
static size_t	  log_nkept;

static char	*log_vclean(int, const char *, va_list) printflike(2, 0);

/*
 * Format a message and sanitize it (newlines kept unless line): messages
 * carry file names, URLs and reasons from outside (SECURITY.md).
 */
static char *
log_vclean(int line, const char *fmt, va_list ap)
{
	char	*s, *clean;

	xvasprintf(&s, fmt, ap);
	clean = line ? utf8_sanitize_line(s, strlen(s)) :
	    utf8_sanitize(s, strlen(s));
	free(s);
	return clean;
}

/* Open the debug log; NULL or an unopenable path leaves logging off. */
void
log_open(const char *path)
{
	if (path == NULL || *path == '\0')
		return;
	log_file = fopen(path, "a");
	if (log_file != NULL)
		setvbuf(log_file, NULL, _IOLBF, 0);
}

/* Close the debug log. */
void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
}

/* Write a line to the debug log, if there is one, sanitized. */
void
log_debug(const char *fmt, ...)
{
	va_list	 ap;
	char	*clean;

	if (log_file == NULL)
		return;
	/* The log holds URLs and reasons from outside, and is read with cat. */
	va_start(ap, fmt);
	clean = log_vclean(1, fmt, ap);
	va_end(ap);
	fprintf(log_file, "%s\n", clean);
	free(clean);
}

/* Keep a message for the user, to be printed when the screen is gone. */
void
log_keep(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	log_kept = xreallocarray(log_kept, log_nkept + 1, sizeof *log_kept);
	log_kept[log_nkept++] = s;
	log_debug("%s", s);
}

/* Print "tidings: MESSAGE" on stderr, sanitized. */
void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	char	*clean;

	va_start(ap, fmt);
	clean = log_vclean(1, fmt, ap);
	va_end(ap);
	fprintf(stderr, "tidings: %s\n", clean);
	free(clean);
}

/*
 * Print a message on f exactly as formatted (no prefix added), sanitized with
 * its newlines kept: for messages that echo a command-line word or a path.
 */
void
log_print(FILE *f, const char *fmt, ...)
{
	va_list	 ap;
	char	*clean;

	va_start(ap, fmt);
	clean = log_vclean(0, fmt, ap);
	va_end(ap);
	fputs(clean, f);
	free(clean);
}

/* Print and forget the kept messages, sanitized. */
void
log_flush_kept(FILE *f)
{
	size_t	 i;
	char	*s;

	for (i = 0; i < log_nkept; i++) {
		s = utf8_sanitize_line(log_kept[i], strlen(log_kept[i]));
		fprintf(f, "tidings: %s\n", s);
		free(s);
		free(log_kept[i]);
	}
	free(log_kept);
	log_kept = NULL;
	log_nkept = 0;
}
