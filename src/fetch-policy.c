/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fetch-policy.c: when a feed is fetched again, and from where: backing
 * off after failures, a server's Retry-After, and adopting a permanent
 * redirect.  Pure functions of a feed's stored state, for the tests.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tidings.h"

/* Backing off: the first failure is retried at once, then 5 min, doubling. */
#define FETCH_BACKOFF_FIRST	(5 * 60)
#define FETCH_BACKOFF_MAX	(24 * 60 * 60)
/* A server may ask for a pause, but not for more than this. */
#define FETCH_RETRY_AFTER_MAX	(6 * 60 * 60)

/*
 * Seconds to wait before fetching again a feed that failed n times in a
 * row: the first failure may be a blip and is retried at once, then 5
 * minutes, doubling up to a day.
 */
int64_t
fetch_backoff(int failures)
{
	int64_t	wait = FETCH_BACKOFF_FIRST;
	int	i;

	if (failures < 2)
		return 0;
	for (i = 2; i < failures && wait < FETCH_BACKOFF_MAX; i++)
		wait *= 2;
	return wait < FETCH_BACKOFF_MAX ? wait : FETCH_BACKOFF_MAX;
}

/*
 * The time a Retry-After value (delta-seconds or an HTTP-date, RFC 9110
 * §10.2.3) asks to wait until, capped; 0 when it is absent or unreadable.
 */
int64_t
fetch_retry_after(const char *value, int64_t now)
{
	static const char	*formats[] = {
		"%a, %d %b %Y %H:%M:%S GMT",	/* IMF-fixdate */
		"%A, %d-%b-%y %H:%M:%S GMT",	/* RFC 850 */
		"%a %b %d %H:%M:%S %Y"		/* asctime */
	};
	struct tm		 tm;
	const char		*end;
	long long		 n = 0;
	int64_t			 t;
	size_t			 i;

	if (value == NULL)
		return 0;
	while (*value == ' ' || *value == '\t')
		value++;
	if (isdigit((unsigned char)*value)) {
		for (end = value; isdigit((unsigned char)*end); end++) {
			if (n < FETCH_RETRY_AFTER_MAX)
				n = n * 10 + (*end - '0');
		}
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end != '\0')
			return 0;
		if (n > FETCH_RETRY_AFTER_MAX)
			n = FETCH_RETRY_AFTER_MAX;
		return now + n;
	}
	for (i = 0; i < nitems(formats); i++) {
		memset(&tm, 0, sizeof tm);
		end = strptime(value, formats[i], &tm);
		if (end == NULL || *end != '\0')
			continue;
		t = timegm(&tm);
		if (t <= now)
			return now;
		return t - now > FETCH_RETRY_AFTER_MAX ?
		    now + FETCH_RETRY_AFTER_MAX : t;
	}
	return 0;
}

/* Should a feed with this state be fetched now? */
int
fetch_due(const struct cache_feed_state *state, int64_t now, int force)
{
	/* A server's explicit request is honoured even when forced. */
	if (state->retry_after > now)
		return 0;
	if (force)
		return 1;
	return now >= state->last_fetch + fetch_backoff(state->failures);
}

/*
 * After a successful fetch of url that ended at final: remember a permanent
 * redirect (every hop 301 or 308), counting how often in a row it was seen.
 * Anything else forgets it.
 */
void
fetch_note_redirect(struct cache_feed_state *state, const char *url,
    const char *final, int permanent)
{
	if (!permanent || final == NULL || strcmp(url, final) == 0) {
		/* Fetching the adopted URL directly is no news. */
		if (state->redirect != NULL && state->redirects >= 2 &&
		    final != NULL && strcmp(state->redirect, final) == 0)
			return;
		free(state->redirect);
		state->redirect = NULL;
		state->redirects = 0;
		return;
	}
	if (state->redirect != NULL && strcmp(state->redirect, final) == 0) {
		if (state->redirects < 1000)
			state->redirects++;
		return;
	}
	free(state->redirect);
	state->redirect = xstrdup(final);
	state->redirects = 1;
}

/*
 * After a failed fetch of url that asked for requested: an adopted redirect
 * that fails is dropped, so that the next fetch asks the listed URL again.
 */
void
fetch_note_failure(struct cache_feed_state *state, const char *url,
    const char *requested)
{
	if (requested == NULL || strcmp(url, requested) == 0)
		return;
	free(state->redirect);
	state->redirect = NULL;
	state->redirects = 0;
}

/* The URL to request for url: its permanent redirect once seen twice. */
const char *
fetch_url(const struct cache_feed_state *state, const char *url)
{
	if (state->redirect != NULL && state->redirects >= 2 &&
	    (strncmp(state->redirect, "http://", 7) == 0 ||
	    strncmp(state->redirect, "https://", 8) == 0))
		return state->redirect;
	return url;
}
