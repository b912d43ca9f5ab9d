/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * listformat.c: Newsboat's list format strings (articlelist-format,
 * feedlist-format): %X is a field, %NX pads it right-aligned to N columns,
 * %-NX left-aligned, and either cuts it at N columns; %?X?THEN&ELSE? picks
 * THEN when field X is not empty; %% is a percent sign.
 *
 * Widths are terminal columns: a Chinese character is two, and a field is
 * never cut in the middle of a character (a wide one that does not fit is
 * left out and the column padded instead).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"

#define LISTFORMAT_DEPTH 4 /* nested %?X?...? */

static const char *listformat_run(struct buf *, const char *, const char *,
    listformat_field, void *, int);

/* Add VALUE to B, cut at and padded to WIDTH columns (0: as it is). */
static void
listformat_add(struct buf *b, const char *value, int width, int left)
{
	char *fit;
	int   w, pad;

	if (width == 0) {
		buf_adds(b, value);
		return;
	}
	fit = utf8_fit(value, width, 0);
	w = utf8_width(fit, strlen(fit));
	pad = width > w ? width - w : 0;
	if (left)
		buf_adds(b, fit);
	while (pad-- > 0)
		buf_addc(b, ' ');
	if (!left)
		buf_adds(b, fit);
	free(fit);
}

/*
 * Expand FMT up to one of the characters of END (those that end a branch)
 * into B; returns where it stopped.  DEPTH limits nested conditions.
 */
static const char *
listformat_run(struct buf *b, const char *fmt, const char *end,
    listformat_field get, void *arg, int depth)
{
	const char *s = fmt, *value;
	struct buf  skip;
	int	    width, left, on;
	char	    field;

	while (*s != '\0' && strchr(end, *s) == NULL) {
		if (*s != '%') {
			buf_addc(b, *s++);
			continue;
		}
		s++;
		if (*s == '%') {
			buf_addc(b, *s++);
			continue;
		}
		if (*s == '?' && s[1] != '\0' && s[2] == '?' &&
		    depth < LISTFORMAT_DEPTH) {
			value = get(arg, s[1]);
			on = value != NULL && *value != '\0';
			buf_init(&skip);
			s = listformat_run(on ? b : &skip, s + 3, "&?", get,
			    arg, depth + 1);
			if (*s == '&')
				s = listformat_run(on ? &skip : b, s + 1, "?",
				    get, arg, depth + 1);
			buf_free(&skip);
			if (*s == '?')
				s++;
			continue;
		}
		left = 0;
		if (*s == '-') {
			left = 1;
			s++;
		}
		width = 0;
		while (*s >= '0' && *s <= '9') {
			if (width < 1000)
				width = width * 10 + (*s - '0');
			s++;
		}
		if (*s == '\0')
			break;
		field = *s++;
		value = get(arg, field);
		listformat_add(b, value != NULL ? value : "", width, left);
	}
	return s;
}

/* Expand a format string; GET gives each field's value (NULL: empty). */
char *
listformat_expand(const char *fmt, listformat_field get, void *arg)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "");
	listformat_run(&b, fmt, "", get, arg, 0);
	return buf_detach(&b);
}
