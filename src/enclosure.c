/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * enclosure.c: how an enclosure is described to the reader (type, size,
 * duration) and whether tidings will fetch it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

/* Print enclosures as a JSON array of {url, type, length, duration}. */
void
enclosures_print_json(FILE *f, const struct enclosure *list, size_t n)
{
	size_t	i;

	putc('[', f);
	for (i = 0; i < n; i++) {
		fputs(i == 0 ? "{\"url\":" : ",{\"url\":", f);
		json_print_string(f, list[i].url);
		fputs(",\"type\":", f);
		json_print_string(f, list[i].type);
		if (list[i].length < 0)
			fputs(",\"length\":null", f);
		else
			fprintf(f, ",\"length\":%lld", list[i].length);
		if (list[i].duration < 0)
			fputs(",\"duration\":null}", f);
		else
			fprintf(f, ",\"duration\":%lld}", list[i].duration);
	}
	putc(']', f);
}

/* A size for people: "512 B", "12.3 MB" (powers of 1000, as players do). */
void
enclosure_size(long long n, char *s, size_t size)
{
	static const char	*units[] = { "kB", "MB", "GB", "TB" };
	double			 v = (double)n;
	size_t			 i;

	if (n < 1000) {
		snprintf(s, size, "%lld B", n);
		return;
	}
	for (i = 0; i < nitems(units) - 1 && v >= 999.95e3; i++)
		v /= 1000;
	v /= 1000;
	snprintf(s, size, v < 100 ? "%.1f %s" : "%.0f %s", v, units[i]);
}

/* A duration as H:MM:SS, or M:SS under an hour. */
void
enclosure_time(long long secs, char *s, size_t size)
{
	if (secs >= 3600)
		snprintf(s, size, "%lld:%02lld:%02lld", secs / 3600,
		    secs / 60 % 60, secs % 60);
	else
		snprintf(s, size, "%lld:%02lld", secs / 60, secs % 60);
}

/*
 * A download's progress for people: "1.2 MB of 3.4 MB, 45%, 500 kB/s,
 * 0:05 left", or "1.2 MB, 500 kB/s" when the length is unknown.  Rate in
 * bytes a second; allocated.
 */
char *
enclosure_progress(int64_t got, int64_t total, double rate)
{
	char	a[32], b[32], r[32], left[32], *s;

	enclosure_size(got, a, sizeof a);
	enclosure_size((long long)rate, r, sizeof r);
	if (total <= 0) {
		xasprintf(&s, _("%s, %s/s"), a, r);
		return s;
	}
	enclosure_size(total, b, sizeof b);
	if (rate > 0 && total >= got)
		enclosure_time((long long)((double)(total - got) / rate), left,
		    sizeof left);
	else
		snprintf(left, sizeof left, "?");
	xasprintf(&s, _("%s of %s, %d%%, %s/s, %s left"), a, b,
	    (int)(got * 100 / total), r, left);
	return s;
}

/*
 * What the article header says of an enclosure: its type, size and
 * duration, those given ("audio/mpeg, 12.3 MB, 1:02:03"); allocated.
 */
char *
enclosure_describe(const struct enclosure *e)
{
	struct buf	b;
	char		s[64];

	buf_init(&b);
	buf_adds(&b, *e->type != '\0' ? e->type : _("unknown type"));
	if (e->length > 0) {
		enclosure_size(e->length, s, sizeof s);
		buf_printf(&b, ", %s", s);
	}
	if (e->duration >= 0) {
		enclosure_time(e->duration, s, sizeof s);
		buf_printf(&b, ", %s", s);
	}
	if (!url_is_web(e->url))
		buf_printf(&b, _(", not http(s), refused: %s"), e->url);
	return buf_detach(&b);
}
