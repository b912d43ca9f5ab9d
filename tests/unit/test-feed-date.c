/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-feed-date.c: dates as feeds write them, to Unix seconds UTC.
 */
#include "config.h"

#include <stdlib.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*in;
	int64_t		 want;
} cases[] = {
	/* RFC 822 and RFC 2822. */
	{ "Thu, 01 Jan 2004 19:48:21 GMT", 1072986501 },
	{ "Thu, 01 Jan 04 19:48:21 GMT", 1072986501 },		/* 2-digit year */
	{ "Thu,  5 Apr 2012 10:00:00 GMT", 1333620000 },	/* 1-digit day */
	{ "Thu, 01 Jan 2004 00:00 GMT", 1072915200 },		/* no seconds */
	{ "Thu, 01 Jan 2004", 1072915200 },			/* no time */
	{ "Fri,24 Nov 2023 18:28:36 -0000", 1700850516 },	/* no space */
	{ "Mon, 13 Feb, 2012 06:28:00 UTC", 1329114480 },	/* extra comma */
	{ "Wed, 19 Feb 2012 22:40:00 -01:01", 1329694860 },
	{ "Wed, 19 Feb 2012 22:40:00 GMT-01:01", 1329694860 },
	{ "Wed, 19 Aug 2009 18:28:00 Etc/GMT", 1250706480 },
	{ "Thu, 01 Jan 0100 00:00:01 +0100", -59011462799LL },	/* ancient */
	{ "Thu, 30 Apr 2015 08:57:00 MET", 1430380620 },
	{ "Thu, 30 Apr 2015 08:57:00 MEST", 1430377020 },
	{ "Mon, 26 January 2004 16:31:00 AT", 1075149060 },	/* full month */
	{ "Mon, 26 January 2004 16:31:00 ET", 1075152660 },
	{ "Mon, 26 January 2004 16:31:00 CT", 1075156260 },
	{ "Mon, 26 January 2004 16:31:00 MT", 1075159860 },
	{ "Mon, 26 January 2004 16:31:00 PT", 1075163460 },
	{ "Sat, 07 Sep 2002 00:00:01 EDT", 1031371201 },
	{ "Sat, 07 Sep 2002 00:00:01 EST", 1031374801 },
	{ "Sat, 07 Sep 2002 00:00:01 PST", 1031385601 },
	{ "Sat, 07 Sep 2002 00:00:01 Z", 1031356801 },
	{ "Sat, 07 Sept 2002 00:00:01 +0800", 1031328001 },
	{ "Saturday, 07 Sep 2002 00:00:01 +0800", 1031328001 },
	{ "Sat, 07 Sep 2002 00:00:01 -0800 (PST)", 1031385601 },
	{ "Sat, 07 Sep 2002 00:00:01 GMT+8", 1031328001 },
	{ "Thu Aug 30 2012 17:26:16 +0200", 1346340376 },	/* swapped */
	{ "Sun Jan  4 16:29:06 2004", 1073233746 },		/* asctime */
	{ "Sun Jul 15 01:16:00 +0000 2012", 1342314960 },
	{ "Sun, 16 Dec 2012 1:2:3:4 GMT", TIME_NONE },		/* bad time */
	{ "Sun, 16 zzz 2012 11:47:32 GMT", TIME_NONE },		/* bad month */
	{ "Sun, Dec x 2012 11:47:32 GMT", TIME_NONE },		/* bad day */
	{ "Sun, 16 Dec zz 11:47:32 GMT", TIME_NONE },		/* bad year */
	{ "Sun, 16 Dec 2012 11:47:32 +zz:00", TIME_NONE },
	{ "Sun, 16 Dec 2012 11:47:32 +00:zz", TIME_NONE },
	{ "Sun, 99 Jun 2009 12:00:00 GMT", TIME_NONE },		/* day 99 */
	{ "Sun, 31 Dec 9999 23:59:59 -9999", TIME_NONE },
	{ "Tue, 31 Apr 2012 10:00:00 GMT", TIME_NONE },		/* 31 April */
	/* RFC 3339 and W3C-DTF. */
	{ "2003-12-31T10:14:55Z", 1072865695 },
	{ "2003-12-31T10:14:55-08:00", 1072894495 },
	{ "2003-12-31T18:14:55+08:00", 1072865695 },
	{ "2007-04-23T23:25:47.538+10:00", 1177334747 },	/* fraction */
	{ "2003-12-31T10:14:55.1234Z", 1072865695 },
	{ "2003-12-31", 1072828800 },
	{ "2003-12", 1070236800 },
	{ "2003", 1041379200 },
	{ "2004-02-28T18:14:55-08:00", 1078020895 },		/* leap year */
	{ "2003-02-28T18:14:55-08:00", 1046484895 },
	{ "2000-02-28T18:14:55-08:00", 951790495 },
	{ "2003-012-31T10:14:55+00:00", 1072865695 },		/* 3-digit month */
	{ "2004-07-08 23:56:58 -00:20", 1089332218 },		/* MSSQL */
	{ "2004-07-08 23:56:58", 1089331018 },
	{ "2004-07-08 23:56:58.0", 1089331018 },
	{ "  2003-12-31T10:14:55Z\n", 1072865695 },		/* white space */
	{ "9999-12-31T23:59:59-99:99", TIME_NONE },
	{ "2003-12-31T25:14:55Z", TIME_NONE },
	{ "2003-12-31T10:61:55Z", TIME_NONE },
	{ "2003-12-31T10:14:61Z", TIME_NONE },
	{ "22013", TIME_NONE },
	{ "013", TIME_NONE },
	{ "2013-01-27-01", TIME_NONE },
	{ "2013-01-28T11:30:00-06:00Textra", TIME_NONE },
	{ "2013-xx-27", TIME_NONE },
	{ "2013-01-28T09:xx:00Z", TIME_NONE },
	{ "2013-01-28T09:00:00+00:xx", TIME_NONE },
	/* Chinese feeds. */
	{ "2021-12-20 20:21:15 +0800", 1640002875 },
	{ "2021年12月20日 20:21", 1640002860 },		/* China time */
	{ "2021年12月20日 20:21:15", 1640002875 },
	{ "2021年12月20日", 1639929600 },
	{ "2021年1月2日 8:05 +0000", 1609574700 },
	{ "2018-09-19T05:11:22.000Z", 1537333882 },
	{ "2018/09/18 14:38:10", 1537281490 },
	/* Nothing at all. */
	{ "", TIME_NONE },
	{ "   ", TIME_NONE },
	{ "yesterday", TIME_NONE },
	{ "Thu, 01 Jan 2004 19:48:21 GMT and a very long tail that overflows"
	  " the buffer the parser copies into, which must not crash it at all"
	  " whatever comes", TIME_NONE },
};

int
main(void)
{
	size_t	i;
	int64_t	got;

	for (i = 0; i < nitems(cases); i++) {
		got = feed_date_parse(cases[i].in);
		if (!ok(got == cases[i].want, "\"%s\"", cases[i].in))
			diag("got %lld, want %lld", (long long)got,
			    (long long)cases[i].want);
	}
	/* A default zone for dates that name none (Jekyll posts). */
	ok(feed_date_parse_zone("2021-12-08 10:46:18", 480) == 1638931578,
	    "zone +08:00 applies to a date without one");
	ok(feed_date_parse_zone("2021-12-08 10:46:18 +0000", 480) ==
	    1638960378, "zone given wins over the default");
	ok(feed_date_parse_zone("2025-06-01", 480) == 1748707200,
	    "a date alone is midnight in the default zone");
	ok(feed_date_parse(NULL) == TIME_NONE, "NULL");
	return tap_done();
}
