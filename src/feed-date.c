/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * feed-date.c: the dates feeds carry, to Unix seconds UTC.
 *
 * Three families: ISO 8601 as RFC 3339 and W3C-DTF profile it (with the
 * usual slips: a space for the T, no zone, a three-digit month); RFC 822 as
 * RFC 2822 updated it, read word by word so that the common mistakes pass
 * (no comma or a comma too many, full month and day names, two-digit years,
 * no seconds or no time, day and month swapped, asctime order, every zone
 * name feeds use, "GMT+hh:mm", "Etc/GMT", a comment in parentheses); and the
 * Chinese forms "2021年12月20日 20:21".  A date with no zone is UTC, except a
 * Chinese one, which is China Standard Time (+08:00).  Anything invalid
 * (a 25th hour, a 31st of April, a zone of +99:00) gives TIME_NONE rather
 * than a guess.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidings.h"

struct feed_date {
	int	year, month, day;
	int	hour, min, sec;
	int	zone;		/* minutes east of UTC */
	int	have_zone;
};

static const char *feed_date_months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *feed_date_months_full[] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"
};
static const char *feed_date_days[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
static const char *feed_date_days_full[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/* Zone names (RFC 822's, and those feeds use), in minutes east of UTC. */
static const struct {
	const char	*name;
	int		 minutes;
} feed_date_zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "etc/gmt", 0 }, { "etc/utc", 0 }, { "bst", 60 }, { "west", 60 },
	{ "edt", -240 }, { "est", -300 }, { "et", -300 },
	{ "cdt", -300 }, { "cst", -360 }, { "ct", -360 },
	{ "mdt", -360 }, { "mst", -420 }, { "mt", -420 },
	{ "pdt", -420 }, { "pst", -480 }, { "pt", -480 },
	{ "adt", -180 }, { "ast", -240 }, { "at", -240 },
	{ "akdt", -480 }, { "akst", -540 }, { "hst", -600 }, { "hast", -600 },
	{ "ndt", -150 }, { "nst", -210 },
	{ "met", 60 }, { "mest", 120 }, { "cet", 60 }, { "cest", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "msk", 180 }, { "ist", 330 },
	{ "hkt", 480 }, { "sgt", 480 }, { "awst", 480 }, { "pht", 480 },
	{ "jst", 540 }, { "kst", 540 }, { "acst", 570 }, { "aest", 600 },
	{ "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
	/* RFC 822's military zones, with RFC 1123's signs. */
	{ "a", -60 }, { "b", -120 }, { "c", -180 }, { "d", -240 },
	{ "e", -300 }, { "f", -360 }, { "g", -420 }, { "h", -480 },
	{ "i", -540 }, { "k", -600 }, { "l", -660 }, { "m", -720 },
	{ "n", 60 }, { "o", 120 }, { "p", 180 }, { "q", 240 }, { "r", 300 },
	{ "s", 360 }, { "t", 420 }, { "u", 480 }, { "v", 540 }, { "w", 600 },
	{ "x", 660 }, { "y", 720 },
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
feed_date_days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
feed_date_month_days(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int64_t
feed_date_finish(const struct feed_date *d, int defzone)
{
	int64_t	days;
	int	zone = d->have_zone ? d->zone : defzone;

	if (d->year < 1 || d->year > 9999 || d->month < 1 || d->month > 12)
		return TIME_NONE;
	if (d->day < 1 || d->day > feed_date_month_days(d->year, d->month))
		return TIME_NONE;
	if (d->hour < 0 || d->min < 0 || d->min > 59 || d->sec < 0 ||
	    d->sec > 60)
		return TIME_NONE;
	if (d->hour > 24 || (d->hour == 24 && (d->min != 0 || d->sec != 0)))
		return TIME_NONE;
	days = feed_date_days_from_civil(d->year, d->month, d->day);
	return days * 86400 + d->hour * 3600 + d->min * 60 + d->sec -
	    (int64_t)zone * 60;
}

/* Read up to max digits at *sp; -1 if there is none. */
static int
feed_date_number(const char **sp, int max, int *ndigits)
{
	const char	*s = *sp;
	int		 n = 0, i = 0;

	while (i < max && isdigit((unsigned char)s[i])) {
		n = n * 10 + (s[i] - '0');
		i++;
	}
	if (ndigits != NULL)
		*ndigits = i;
	if (i == 0)
		return -1;
	*sp = s + i;
	return n;
}

/*
 * A numeric zone: "+hh:mm", "+hhmm", "+hh" or "+h" (the sign already
 * seen); -1 when it is not valid.
 */
static int
feed_date_offset(const char *s, int sign, int *minutes)
{
	int	h, m = 0, n;

	if ((h = feed_date_number(&s, 2, &n)) == -1)
		return -1;
	if (*s == ':') {
		s++;
		if ((m = feed_date_number(&s, 2, &n)) == -1 || n != 2)
			return -1;
	} else if (n == 2 && isdigit((unsigned char)*s)) {
		if ((m = feed_date_number(&s, 2, &n)) == -1 || n != 2)
			return -1;
	}
	if (*s != '\0' || h > 23 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

/* A zone word: a name, "GMT+8", "UTC-05:00"; -1 when unknown. */
static int
feed_date_zone_word(const char *w, int *minutes)
{
	size_t	i, len;

	if (*w == '+' || *w == '-')
		return feed_date_offset(w + 1, *w == '-' ? -1 : 1, minutes);
	for (i = 0; i < nitems(feed_date_zones); i++) {
		if (strcasecmp(w, feed_date_zones[i].name) == 0) {
			*minutes = feed_date_zones[i].minutes;
			return 0;
		}
	}
	for (len = 0; isalpha((unsigned char)w[len]) || w[len] == '/'; len++)
		/* nothing */;
	if (len > 0 && (w[len] == '+' || w[len] == '-') &&
	    (strncasecmp(w, "gmt", len) == 0 ||
	    strncasecmp(w, "utc", len) == 0 ||
	    strncasecmp(w, "etc/gmt", len) == 0))
		return feed_date_offset(w + len + 1, w[len] == '-' ? -1 : 1,
		    minutes);
	return -1;
}

/* "hh:mm[:ss[.frac]]"; -1 when it is not a time. */
static int
feed_date_time(const char **sp, struct feed_date *d)
{
	const char	*s = *sp;
	int		 n;

	if ((d->hour = feed_date_number(&s, 2, &n)) == -1 || *s != ':')
		return -1;
	s++;
	if ((d->min = feed_date_number(&s, 2, &n)) == -1 || n != 2)
		return -1;
	d->sec = 0;
	if (*s == ':') {
		s++;
		if ((d->sec = feed_date_number(&s, 2, &n)) == -1 || n != 2)
			return -1;
		if (*s == '.' || *s == ',') {
			s++;
			if (!isdigit((unsigned char)*s))
				return -1;
			while (isdigit((unsigned char)*s))
				s++;
		}
	}
	*sp = s;
	return 0;
}

/* Optional zone after an ISO 8601 time, then the end. */
static int
feed_date_iso_zone(const char *s, struct feed_date *d)
{
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	if (*s == 'Z' || *s == 'z') {
		s++;
		d->have_zone = 1;
	} else if (feed_date_zone_word(s, &d->zone) == 0) {
		d->have_zone = 1;
		return 0;
	} else
		return -1;
	while (*s == ' ')
		s++;
	return *s == '\0' ? 0 : -1;
}

/*
 * ISO 8601 / RFC 3339 / W3C-DTF: "YYYY", "YYYY-MM", "YYYY-MM-DD",
 * "YYYY-MM-DDThh:mm[:ss[.f]][zone]", a space for the T, '/' for '-'.
 */
static int64_t
feed_date_iso(const char *s, int defzone)
{
	struct feed_date	 d;
	char			 sep;
	int			 n;

	memset(&d, 0, sizeof d);
	d.month = d.day = 1;
	if ((d.year = feed_date_number(&s, 4, &n)) == -1 || n != 4)
		return TIME_NONE;
	if (*s == '\0')
		return feed_date_finish(&d, defzone);
	if (*s != '-' && *s != '/')
		return TIME_NONE;
	sep = *s++;
	/* "2003-012-31": a three-digit month seen from one generator. */
	if ((d.month = feed_date_number(&s, 3, &n)) == -1 || n < 2)
		return TIME_NONE;
	if (*s == '\0')
		return feed_date_finish(&d, defzone);
	if (*s != sep)
		return TIME_NONE;
	s++;
	if ((d.day = feed_date_number(&s, 2, &n)) == -1 || n != 2)
		return TIME_NONE;
	if (*s == '\0')
		return feed_date_finish(&d, defzone);
	if (*s == 'T' || *s == 't')
		s++;
	else if (*s == ' ') {
		while (*s == ' ')
			s++;
	} else
		return TIME_NONE;
	if (feed_date_time(&s, &d) != 0)
		return TIME_NONE;
	if (feed_date_iso_zone(s, &d) != 0)
		return TIME_NONE;
	return feed_date_finish(&d, defzone);
}

/* Chinese: "2021年12月20日 20:21[:15] [zone]", China time when no zone. */
static int64_t
feed_date_chinese(const char *s, int defzone)
{
	struct feed_date	 d;
	int			 n;

	memset(&d, 0, sizeof d);
	while (*s == ' ')
		s++;
	if ((d.year = feed_date_number(&s, 4, &n)) == -1 || n != 4 ||
	    strncmp(s, "年", 3) != 0)
		return TIME_NONE;
	s += 3;
	while (*s == ' ')
		s++;
	if ((d.month = feed_date_number(&s, 2, &n)) == -1 ||
	    strncmp(s, "月", 3) != 0)
		return TIME_NONE;
	s += 3;
	while (*s == ' ')
		s++;
	if ((d.day = feed_date_number(&s, 2, &n)) == -1)
		return TIME_NONE;
	if (strncmp(s, "日", 3) == 0)
		s += 3;
	else if (strncmp(s, "号", 3) == 0)
		s += 3;
	while (*s == ' ')
		s++;
	if (*s != '\0') {
		if (feed_date_time(&s, &d) != 0)
			return TIME_NONE;
		if (feed_date_iso_zone(s, &d) != 0)
			return TIME_NONE;
	}
	return feed_date_finish(&d, defzone);
}

static int
feed_date_lookup(const char *w, const char **names, const char **full,
    size_t n)
{
	size_t	i, len = strlen(w);

	for (i = 0; i < n; i++) {
		if (strcasecmp(w, names[i]) == 0)
			return (int)i;
		if (len >= 3 && strncasecmp(w, full[i], len) == 0 &&
		    len <= strlen(full[i]))
			return (int)i;
	}
	if (strcasecmp(w, "sept") == 0 && names == feed_date_months)
		return 8;
	return -1;
}

/*
 * RFC 822 and its relatives, word by word: a weekday is skipped, a month
 * name is the month, a number of one or two digits is the day (then the
 * year), a longer one the year, hh:mm[:ss] the time, and what follows the
 * date and time is the zone.
 */
static int64_t
feed_date_rfc822(const char *s, int defzone)
{
	struct feed_date	 d;
	char			 w[64];
	const char		*p;
	size_t			 len;
	int			 n, v, have_time = 0, zone;

	memset(&d, 0, sizeof d);
	d.year = d.month = d.day = -1;
	for (;;) {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (*s == '(') {	/* a comment: "-0800 (PST)" */
			if ((p = strchr(s, ')')) == NULL)
				break;
			s = p + 1;
			continue;
		}
		len = strcspn(s, " ,\t");
		if (len >= sizeof w)
			return TIME_NONE;
		memcpy(w, s, len);
		w[len] = '\0';
		s += len;

		p = w;
		if (isdigit((unsigned char)*w) && strchr(w, ':') != NULL) {
			if (have_time || feed_date_time(&p, &d) != 0)
				return TIME_NONE;
			have_time = 1;
			if (*p == '\0')
				continue;
			/* "10:00:00+0100": the zone glued to the time. */
			if (feed_date_zone_word(p, &zone) != 0)
				return TIME_NONE;
			d.zone = zone;
			d.have_zone = 1;
			continue;
		}
		if (isdigit((unsigned char)*w)) {
			if ((v = feed_date_number(&p, 4, &n)) == -1 ||
			    *p != '\0')
				return TIME_NONE;
			if (n <= 2 && d.day == -1)
				d.day = v;
			else if (d.year == -1) {
				if (n <= 2)
					v += v < 70 ? 2000 : 1900;
				d.year = v;
			} else
				return TIME_NONE;
			continue;
		}
		if (d.month == -1 && (v = feed_date_lookup(w,
		    feed_date_months, feed_date_months_full, 12)) != -1) {
			d.month = v + 1;
			continue;
		}
		if (d.day == -1 && d.month == -1 && !have_time &&
		    feed_date_lookup(w, feed_date_days, feed_date_days_full,
		    7) != -1)
			continue;
		if ((*w == '+' || *w == '-' || isalpha((unsigned char)*w)) &&
		    !d.have_zone && d.day != -1 && d.month != -1) {
			if (feed_date_zone_word(w, &zone) != 0) {
				if (*w == '+' || *w == '-')
					return TIME_NONE;
				zone = 0;	/* an unknown name: UTC */
			}
			d.zone = zone;
			d.have_zone = 1;
			continue;
		}
		return TIME_NONE;
	}
	if (d.year == -1 || d.month == -1 || d.day == -1)
		return TIME_NONE;
	return feed_date_finish(&d, defzone);
}

/*
 * Parse a date into Unix seconds UTC, or TIME_NONE; a date that names no
 * zone is taken to be in zone (minutes east of UTC).
 */
int64_t
feed_date_parse_zone(const char *str, int zone)
{
	char	 buf[128], *s, *e;
	int64_t	 t;
	size_t	 len;

	if (str == NULL)
		return TIME_NONE;
	while (isspace((unsigned char)*str))
		str++;
	len = strlen(str);
	while (len > 0 && isspace((unsigned char)str[len - 1]))
		len--;
	if (len == 0 || len >= sizeof buf)
		return TIME_NONE;
	memcpy(buf, str, len);
	buf[len] = '\0';
	for (e = buf; *e != '\0'; e++) {
		if (*e == '\t' || *e == '\n' || *e == '\r')
			*e = ' ';
	}
	s = buf;
	if (strstr(s, "年") != NULL)
		return feed_date_chinese(s, zone);
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
	    (s[4] == '-' || s[4] == '/' || s[4] == '\0')) {
		if ((t = feed_date_iso(s, zone)) != TIME_NONE)
			return t;
	}
	return feed_date_rfc822(s, zone);
}

/*
 * Parse a feed's date into Unix seconds UTC, or TIME_NONE.  No zone means
 * UTC, except in the Chinese forms, which mean China Standard Time.
 */
int64_t
feed_date_parse(const char *s)
{
	if (s != NULL && strstr(s, "年") != NULL)
		return feed_date_parse_zone(s, 8 * 60);
	return feed_date_parse_zone(s, 0);
}
