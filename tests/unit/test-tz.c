/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-tz.c: wall-clock times in named zones from the tz database, checked
 * against values Ruby's Time (which Jekyll uses) gives for the same zones.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*zone;
	int64_t		 local;		/* wall-clock time, as if UTC */
	int64_t		 utc;
} rows[] = {
	/* 2021-12-08 18:46:18 in Shanghai is 10:46:18 UTC. */
	{ "Asia/Shanghai", 1638989178, 1638960378 },
	/* 1988 had summer time in China: 1988-07-01 12:00 is +09:00. */
	{ "Asia/Shanghai", 583761600, 583729200 },
	/* New York: 2021-12-08 12:00 is EST, 2021-07-01 12:00 EDT. */
	{ "America/New_York", 1638964800, 1638982800 },
	{ "America/New_York", 1625140800, 1625155200 },
	/* 2021-03-14 02:30 does not exist: read as EST, 03:30 EDT. */
	{ "America/New_York", 1615689000, 1615707000 },
	/* 2021-11-07 01:30 happens twice: the later, EST, as in Ruby. */
	{ "America/New_York", 1636248600, 1636266600 },
	/* Noon of the days the offset changes: after the change. */
	{ "America/New_York", 1615723200, 1615737600 },
	{ "America/New_York", 1636286400, 1636304400 },
	{ "UTC", 1638960378, 1638960378 },
	{ "Asia/Kolkata", 1638960378, 1638960378 - 19800 },
};

int
main(void)
{
	struct tz	*tz;
	struct tm	 tm;
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < nitems(rows); i++) {
		if ((tz = tz_load(rows[i].zone, &cause)) == NULL) {
			ok(0, "load %s: %s", rows[i].zone, cause);
			free(cause);
			continue;
		}
		ok(tz_from_local(tz, rows[i].local) == rows[i].utc,
		    "%s: local %lld is %lld UTC", rows[i].zone,
		    (long long)rows[i].local, (long long)rows[i].utc);
		tz_free(tz);
	}
	tz = tz_load("Asia/Shanghai", &cause);
	tz_to_local(tz, 1639065600, &tm);	/* 2021-12-09 16:00 UTC */
	ok(tm.tm_mday == 10 && tm.tm_hour == 0,
	    "16:00 UTC is the next day in Shanghai");
	tz_free(tz);

	tz = tz_fixed(480);
	ok(tz_offset(tz, 0) == 28800, "a fixed zone");
	tz_free(tz);

	ok(tz_load("../../etc/passwd", &cause) == NULL && cause != NULL,
	    "a zone name never leaves the database");
	free(cause);
	cause = NULL;
	ok(tz_load("Mars/Olympus_Mons", &cause) == NULL && cause != NULL,
	    "an unknown zone is an error");
	free(cause);
	return tap_done();
}
