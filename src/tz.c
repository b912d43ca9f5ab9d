/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * tz.c: wall-clock time in a named zone (Jekyll's "timezone:"), read from
 * the system's tz database.
 *
 * libc only converts through the process-wide TZ variable, and changing it
 * while the transfer thread reads the environment (libcurl looks up proxy
 * variables there) is a data race in glibc's setenv/getenv.  So the zone
 * file (TZif, RFC 8536) is read here: its transitions and their offsets,
 * nothing else.  Debian's tzdata is built "fat", so the transitions run to
 * 2037; an instant past the last one keeps the last offset.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

#define TZ_MAX_BYTES	(256 * 1024)

struct tz {
	int64_t		*at;		/* transition instants, ascending */
	unsigned char	*type;		/* the offset index from each on */
	size_t		 n;
	int32_t		*offset;	/* seconds east of UTC per type */
	size_t		 ntypes;
	int32_t		 fixed;		/* when n == 0 and ntypes == 0 */
};

static uint32_t
tz_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
tz_be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)tz_be32(p) << 32 | tz_be32(p + 4));
}

/* A zone name is a path below the tz database, never outside it. */
static int
tz_name_ok(const char *name)
{
	const char	*p;

	if (*name == '\0' || *name == '/' || strlen(name) > 128)
		return 0;
	for (p = name; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && strchr("/_+-", *p) == NULL)
			return 0;
	}
	return strstr(name, "..") == NULL;
}

/*
 * Parse one data block of a TZif file (version 1: 4-byte times; 2 and
 * later: 8-byte); *len is left at the block's end.
 */
static int
tz_parse_block(struct tz *tz, const unsigned char *p, size_t *len, int wide)
{
	uint32_t	 isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
	size_t		 tsize = wide ? 8 : 4, need, i;
	const unsigned char *q;

	if (*len < 44 || memcmp(p, "TZif", 4) != 0)
		return -1;
	isutcnt = tz_be32(p + 20);
	isstdcnt = tz_be32(p + 24);
	leapcnt = tz_be32(p + 28);
	timecnt = tz_be32(p + 32);
	typecnt = tz_be32(p + 36);
	charcnt = tz_be32(p + 40);
	if (timecnt > 10000 || typecnt == 0 || typecnt > 256 ||
	    charcnt > 10000 || leapcnt > 10000 || isutcnt > 256 ||
	    isstdcnt > 256)
		return -1;
	need = 44 + timecnt * tsize + timecnt + typecnt * 6 + charcnt +
	    leapcnt * (tsize + 4) + isstdcnt + isutcnt;
	if (need > *len)
		return -1;
	*len = need;
	if (!wide)
		return 0;
	tz->n = timecnt;
	tz->ntypes = typecnt;
	tz->at = xreallocarray(NULL, timecnt + 1, sizeof *tz->at);
	tz->type = xmalloc(timecnt + 1);
	tz->offset = xreallocarray(NULL, typecnt, sizeof *tz->offset);
	q = p + 44;
	for (i = 0; i < timecnt; i++, q += 8)
		tz->at[i] = tz_be64(q);
	for (i = 0; i < timecnt; i++, q++) {
		if (*q >= typecnt)
			return -1;
		tz->type[i] = *q;
	}
	for (i = 0; i < typecnt; i++, q += 6)
		tz->offset[i] = (int32_t)tz_be32(q);
	return 0;
}

/* Load a zone by name ("Asia/Shanghai"); NULL with a reason if unknown. */
struct tz *
tz_load(const char *name, char **cause)
{
	struct tz		*tz;
	struct buf		 b;
	const char		*dir;
	char			*path, *why;
	size_t			 len, v1;

	if (!tz_name_ok(name)) {
		xasprintf(cause, _("not a time zone name: %s"), name);
		return NULL;
	}
	if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	xasprintf(&path, "%s/%s", dir, name);
	buf_init(&b);
	if (buf_read_file(&b, path, TZ_MAX_BYTES, &why) != 0) {
		xasprintf(cause, _("unknown time zone %s (%s)"), name, why);
		free(why);
		free(path);
		buf_free(&b);
		return NULL;
	}
	free(path);
	tz = xcalloc(1, sizeof *tz);
	len = v1 = b.len;
	if (tz_parse_block(tz, (unsigned char *)b.data, &v1, 0) != 0 ||
	    b.data[4] < '2' || (len -= v1,
	    tz_parse_block(tz, (unsigned char *)b.data + v1, &len, 1) != 0)) {
		xasprintf(cause, _("unreadable time zone file for %s"), name);
		buf_free(&b);
		tz_free(tz);
		return NULL;
	}
	buf_free(&b);
	return tz;
}

/* A zone at a fixed offset from UTC, in minutes east. */
struct tz *
tz_fixed(int minutes)
{
	struct tz	*tz;

	tz = xcalloc(1, sizeof *tz);
	tz->fixed = minutes * 60;
	return tz;
}

/* Free a zone. */
void
tz_free(struct tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->at);
	free(tz->type);
	free(tz->offset);
	free(tz);
}

/* Seconds east of UTC in the zone at the instant t. */
long
tz_offset(const struct tz *tz, int64_t t)
{
	size_t	lo = 0, hi, mid, i;

	if (tz->ntypes == 0)
		return tz->fixed;
	if (tz->n == 0 || t < tz->at[0]) {
		/* Before the first transition: the first standard type. */
		return tz->offset[0];
	}
	hi = tz->n;
	while (hi - lo > 1) {	/* the last transition at or before t */
		mid = lo + (hi - lo) / 2;
		if (tz->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	i = tz->type[lo];
	return tz->offset[i];
}

/*
 * The instant of a wall-clock time in the zone, given as if it were UTC,
 * as Ruby's Time.local (which Jekyll uses) finds it: a time that happens
 * twice is the later (standard time), and a time skipped by a change of
 * offset is read with the offset before the change (2:30 in a spring gap
 * is 3:30 after it).
 */
int64_t
tz_from_local(const struct tz *tz, int64_t local)
{
	long	before, after;

	before = tz_offset(tz, local - 86400);
	after = tz_offset(tz, local + 86400);
	if (tz_offset(tz, local - after) == after)
		return local - after;
	return local - before;
}

/* The wall-clock time of the instant t in the zone. */
void
tz_to_local(const struct tz *tz, int64_t t, struct tm *tm)
{
	time_t	local = (time_t)(t + tz_offset(tz, t));

	gmtime_r(&local, tm);
}
