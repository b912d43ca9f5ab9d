/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * sigrace.c: an LD_PRELOAD shim for tests/tui/signal.sh.  It makes the race
 * between the loop's look at its signal flag and poll() happen every time:
 * the first poll() that would wait for ever raises the signal named by
 * SIGRACE_SIGNAL (TERM or HUP) just before it waits.  A reader that only sets
 * a flag in its handler then sleeps until the next key; one with a signal
 * self-pipe wakes at once.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

int	poll(struct pollfd *, nfds_t, int);

int
poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	static int	(*real)(struct pollfd *, nfds_t, int);
	static int	done;
	const char	*name;

	if (real == NULL)
		real = (int (*)(struct pollfd *, nfds_t, int))dlsym(RTLD_NEXT,
		    "poll");
	if (timeout < 0 && !done && (name = getenv("SIGRACE_SIGNAL")) != NULL) {
		done = 1;
		raise(strcmp(name, "HUP") == 0 ? SIGHUP : SIGTERM);
	}
	return real(fds, nfds, timeout);
}
