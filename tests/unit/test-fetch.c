/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-fetch.c: the fetch policy that needs no network: backing off,
 * Retry-After, when a feed is due, and adopting permanent redirects; and
 * a fatal error on the transfer thread, handled by the main thread.
 */
#include "config.h"

#include <sys/wait.h>

#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

#define NOW	((int64_t)1700000000)	/* Tue, 14 Nov 2023 22:13:20 GMT */

static const struct {
	int	 failures;
	int64_t	 wait;
} backoffs[] = {
	{ 0, 0 },
	{ 1, 0 },		/* one failure may be a blip */
	{ 2, 300 },
	{ 3, 600 },
	{ 4, 1200 },
	{ 10, 76800 },
	{ 11, 86400 },		/* capped at a day */
	{ 1000, 86400 },
	{ -1, 0 },
};

static const struct {
	const char	*value;
	int64_t		 until;
} retries[] = {
	{ "120", NOW + 120 },
	{ "  0", NOW },
	{ "0", NOW },
	{ "86400", NOW + 6 * 3600 },		/* capped at six hours */
	{ "99999999999999999999", NOW + 6 * 3600 },	/* no overflow */
	{ "Tue, 14 Nov 2023 22:23:20 GMT", NOW + 600 },
	{ "Tuesday, 14-Nov-23 22:23:20 GMT", NOW + 600 },
	{ "Tue Nov 14 22:23:20 2023", NOW + 600 },
	{ "Mon, 13 Nov 2023 22:13:20 GMT", NOW },	/* past: at once */
	{ "Fri, 14 Nov 2025 22:13:20 GMT", NOW + 6 * 3600 },
	{ "-5", 0 },
	{ "12 seconds", 0 },
	{ "1.5", 0 },
	{ "soon", 0 },
	{ "", 0 },
	{ NULL, 0 },
};

static const struct {
	int	 failures;
	int64_t	 last_fetch;
	int64_t	 retry_after;
	int	 force;
	int	 due;
} dues[] = {
	{ 0, 0, 0, 0, 1 },			/* never fetched */
	{ 0, NOW - 1, 0, 0, 1 },
	{ 1, NOW - 1, 0, 0, 1 },		/* failed once: again */
	{ 2, NOW - 299, 0, 0, 0 },		/* twice: 5 minutes */
	{ 2, NOW - 300, 0, 0, 1 },
	{ 3, NOW - 300, 0, 0, 0 },
	{ 3, NOW - 600, 0, 0, 1 },
	{ 3, NOW - 300, 0, 1, 1 },		/* forced */
	{ 0, NOW - 10, NOW + 1, 0, 0 },		/* the server asked */
	{ 0, NOW - 10, NOW + 1, 1, 0 },		/* even when forced */
	{ 0, NOW - 10, NOW, 0, 1 },
};

/* A sequence of fetches of one feed, and what is requested after each. */
static const struct {
	const char	*name;
	const char	*finals[4];	/* where each fetch ended */
	int		 permanent[4];	/* all hops 301/308 */
	const char	*requests[4];	/* the URL asked for by each fetch */
} redirects[] = {
	{ "no redirect",
	  { "http://a/f", NULL }, { 0 },
	  { "http://a/f", "http://a/f" } },
	{ "permanent, adopted after twice",
	  { "http://b/f", "http://b/f", "http://b/f", NULL }, { 1, 1, 0 },
	  { "http://a/f", "http://a/f", "http://b/f", "http://b/f" } },
	{ "temporary, never adopted",
	  { "http://b/f", "http://b/f", "http://b/f", NULL }, { 0, 0, 0 },
	  { "http://a/f", "http://a/f", "http://a/f", "http://a/f" } },
	{ "permanent then temporary: forgotten",
	  { "http://b/f", "http://b/f", "http://b/f", NULL }, { 1, 0, 1 },
	  { "http://a/f", "http://a/f", "http://a/f", "http://a/f" } },
	{ "target changes: counted afresh",
	  { "http://b/f", "http://c/f", "http://c/f", NULL }, { 1, 1, 1 },
	  { "http://a/f", "http://a/f", "http://a/f", "http://c/f" } },
	{ "back at the start: forgotten",
	  { "http://b/f", "http://a/f", "http://b/f", NULL }, { 1, 0, 1 },
	  { "http://a/f", "http://a/f", "http://a/f", "http://a/f" } },
	{ "adopted, then it fails: forgotten",
	  { "http://b/f", "http://b/f", NULL, NULL }, { 1, 1, 0 },
	  { "http://a/f", "http://a/f", "http://b/f", "http://a/f" } },
	{ "not to http: never adopted",
	  { "ftp://b/f", "ftp://b/f", NULL }, { 1, 1 },
	  { "http://a/f", "http://a/f", "http://a/f" } },
};

static pthread_t	main_thread;
static int		wake_pipe[2];

/* The cleanup hook (endwin in the reader): says on which thread it ran. */
static void
record_cleanup(void)
{
	fputs(pthread_equal(pthread_self(), main_thread) ?
	    "cleanup on the main thread\n" : "cleanup on another thread\n",
	    stderr);
}

static void
wake_main(void *arg)
{
	(void)!write(*(int *)arg, "x", 1);
}

static void *
failing_thread(void *arg)
{
	(void)arg;
	fatal_on_thread(wake_main, &wake_pipe[1]);
	fatal("out of memory on the %s", "transfer thread");
}

/*
 * In a child: a helper thread dies with fatal(); the main thread, woken,
 * dies in fatal_check after its cleanup.  The child's stderr is returned.
 */
static int
fatal_on_helper(char *out, size_t size, int *status)
{
	struct pollfd	pfd;
	pthread_t	t;
	pid_t		pid;
	int		err[2];
	ssize_t		n;
	size_t		len = 0;

	if (pipe(err) == -1 || pipe(wake_pipe) == -1)
		return -1;
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		dup2(err[1], STDERR_FILENO);
		main_thread = pthread_self();
		fatal_set_cleanup(record_cleanup);
		pthread_create(&t, NULL, failing_thread, NULL);
		pfd.fd = wake_pipe[0];
		pfd.events = POLLIN;
		poll(&pfd, 1, 5000);
		fatal_check();
		_exit(1);	/* fatal_check did not die */
	}
	close(err[1]);
	while (len < size - 1 &&
	    (n = read(err[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(err[0]);
	waitpid(pid, status, 0);
	return 0;
}

int
main(void)
{
	struct cache_feed_state	 st;
	const char		*want, *req;
	char			*requested, out[1024], *p;
	int			 status;
	size_t			 i, j;
	int64_t			 got;

	for (i = 0; i < nitems(backoffs); i++) {
		got = fetch_backoff(backoffs[i].failures);
		ok(got == backoffs[i].wait, "backoff after %d failures: %lld",
		    backoffs[i].failures, (long long)got);
	}
	for (i = 0; i < nitems(retries); i++) {
		got = fetch_retry_after(retries[i].value, NOW);
		ok(got == retries[i].until, "Retry-After \"%s\": %+lld",
		    retries[i].value != NULL ? retries[i].value : "(none)",
		    got != 0 ? (long long)(got - NOW) : 0LL);
	}
	for (i = 0; i < nitems(dues); i++) {
		memset(&st, 0, sizeof st);
		st.failures = dues[i].failures;
		st.last_fetch = dues[i].last_fetch;
		st.retry_after = dues[i].retry_after;
		ok(fetch_due(&st, NOW, dues[i].force) == dues[i].due,
		    "due: %d failures, %lld s ago, retry %+lld, force %d",
		    st.failures, (long long)(NOW - st.last_fetch),
		    st.retry_after != 0 ? (long long)(st.retry_after - NOW) :
		    0LL, dues[i].force);
	}
	for (i = 0; i < nitems(redirects); i++) {
		memset(&st, 0, sizeof st);
		for (j = 0; j < nitems(redirects[i].requests); j++) {
			want = redirects[i].requests[j];
			if (want == NULL)
				break;
			req = fetch_url(&st, "http://a/f");
			if (!ok(strcmp(req, want) == 0, "redirect: %s: "
			    "fetch %zu asks for %s", redirects[i].name, j + 1,
			    want))
				diag("  got %s", req);
			if (j >= nitems(redirects[i].finals))
				break;
			if (redirects[i].finals[j] == NULL) {
				/* This fetch fails. */
				fetch_note_failure(&st, "http://a/f", req);
				continue;
			}
			requested = xstrdup(req);
			fetch_note_redirect(&st, "http://a/f",
			    redirects[i].finals[j], redirects[i].permanent[j] &&
			    strcmp(requested, redirects[i].finals[j]) != 0);
			free(requested);
		}
		cache_feed_state_clear(&st);
	}
	ok(strcmp(fetch_status_name(FETCH_ERR_TOO_LARGE), "too-large") == 0,
	    "status names follow the enum");
	ok(strcmp(fetch_status_name(FETCH_ERR_STORE), "cache") == 0,
	    "the last status has a name");

	if (fatal_on_helper(out, sizeof out, &status) != 0)
		ok(0, "fatal on a helper thread: fork");
	else {
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 70,
		    "fatal on a helper thread: the process exits 70");
		ok(strstr(out, "cleanup on the main thread\n") != NULL &&
		    strstr(out, "another thread") == NULL,
		    "  the cleanup (endwin) runs on the main thread only");
		ok(strstr(out, "tidings: out of memory on the transfer "
		    "thread\n") != NULL, "  the message is printed");
		for (p = out; (p = strchr(p, '\n')) != NULL; p++)
			*p = ' ';
		diag("its stderr: %s", out);
	}
	return tap_done();
}
