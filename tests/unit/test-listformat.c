/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-listformat.c: Newsboat's list format strings: fields, widths in
 * terminal columns (Chinese cut between characters and padded), left and
 * right alignment, conditions and %%.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const char *
field(void *arg, char c)
{
	(void)arg;
	switch (c) {
	case 'i':
		return "7";
	case 't':
		return "中文标题很长";
	case 'T':
		return "Feed";
	case 'a':
		return "";
	default:
		return NULL;
	}
}

static void
check(const char *fmt, const char *want)
{
	char	*got;

	got = listformat_expand(fmt, field, NULL);
	ok_str(got, want, fmt);
	free(got);
}

int
main(void)
{
	check("%i %t", "7 中文标题很长");
	check("%4i|", "   7|");
	check("%-4i|", "7   |");
	check("%5t|", " 中文|");		/* a wide character is never cut */
	check("%-6t|", "中文标|");
	check("%-5t|", "中文 |");
	check("%8T|", "    Feed|");
	check("%-3T|", "Fee|");
	check("%?T?[%T] &none?%t", "[Feed] 中文标题很长");
	check("%?a?[%a] &none ?%i", "none 7");
	check("%?a?x?%i", "7");
	check("100%% %z.", "100% .");
	check("%", "");
	check("%?T?%?a?A&B?&C?", "B");
	return tap_done();
}
