/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * usercmd.c: the one place where a command line the user wrote (a config
 * option, a macro, the `:` line, the pipe prompt, an exec: or filter: feed)
 * runs, through /bin/sh as Newsboat runs it, so pipes and redirections work.
 *
 * The command text comes only from the user.  Values from feeds or the
 * network (URLs, titles, file names) never enter that string: they are the
 * shell's positional parameters ($1, $2, ... or "$@"), or go on stdin.
 * This file is the only one `.ci/run` allows to start a shell.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"

/*
 * Start CMDLINE under /bin/sh -c with ARGS (NULL-terminated, may be NULL)
 * as $1...; FD_IN and FD_OUT become its stdin and stdout unless -1 (then
 * it shares ours).  Returns the child's pid, or -1 with *CAUSE set.  The
 * caller's other ends of those pipes must be close-on-exec.
 */
pid_t
usercmd_spawn(const char *cmdline, char *const args[], int fd_in, int fd_out,
    char **cause)
{
	const char **argv;
	size_t	     n = 0, i;
	sigset_t     none;
	pid_t	     pid;

	while (args != NULL && args[n] != NULL)
		n++;
	argv = xcalloc(n + 5, sizeof *argv);
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = cmdline;
	argv[3] = "sh"; /* $0 */
	for (i = 0; i < n; i++)
		argv[4 + i] = args[i];

	switch (pid = fork()) {
	case -1:
		xasprintf(cause, "fork: %s", strerror(errno));
		free(argv);
		return -1;
	case 0:
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		if (fd_in != -1 && fd_in != STDIN_FILENO &&
		    dup2(fd_in, STDIN_FILENO) == -1)
			_exit(126);
		if (fd_out != -1 && fd_out != STDOUT_FILENO &&
		    dup2(fd_out, STDOUT_FILENO) == -1)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	free(argv);
	return pid;
}

/*
 * Wait for a child from usercmd_spawn: 0 when it exited with status 0,
 * else -1 with *CAUSE naming CMDLINE and how it ended.
 */
int
usercmd_wait(pid_t pid, const char *cmdline, char **cause)
{
	int status;

	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR) {
			xasprintf(cause, "waitpid: %s", strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		xasprintf(cause, _("%s: exit status %d"), cmdline,
		    WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		xasprintf(cause, _("%s: killed by signal %d"), cmdline,
		    WTERMSIG(status));
	else
		xasprintf(cause, _("%s failed"), cmdline);
	return -1;
}

/*
 * Run CMDLINE with ARGS as $1... and wait; INPUT (LEN bytes, may be NULL)
 * is its stdin.  The caller hands the terminal over first when the
 * command may use it.
 */
int
usercmd_run(const char *cmdline, char *const args[], const char *input,
    size_t len, char **cause)
{
	struct sigaction ign, old;
	int		 fds[2] = { -1, -1 }, rc;
	pid_t		 pid;
	ssize_t		 w;

	/* Close-on-exec, so the child never holds its own stdin's writer. */
	if (input != NULL && pipe2(fds, O_CLOEXEC) == -1) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = usercmd_spawn(cmdline, args, fds[0], -1, cause);
	if (fds[0] != -1)
		close(fds[0]);
	if (pid == -1) {
		if (fds[1] != -1)
			close(fds[1]);
		return -1;
	}
	if (input != NULL) {
		/* A command that does not read all of it is not an error. */
		memset(&ign, 0, sizeof ign);
		ign.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &ign, &old);
		while (len > 0) {
			w = write(fds[1], input, len);
			if (w == -1 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			input += w;
			len -= (size_t)w;
		}
		close(fds[1]);
		sigaction(SIGPIPE, &old, NULL);
	}
	rc = usercmd_wait(pid, cmdline, cause);
	return rc;
}

/*
 * Run CMDLINE with INPUT (LEN bytes, may be NULL) on its stdin and collect
 * its stdout into OUT, for exec: and filter: feeds.  It is killed after
 * TIMEOUT seconds, or once it writes more than MAX bytes; either is an
 * error, as is a non-zero exit.  Its stderr is ours.
 */
int
usercmd_capture(const char *cmdline, const char *input, size_t len, int timeout,
    size_t max, struct buf *out, char **cause)
{
	struct sigaction ign, old;
	struct pollfd	 pfd[2];
	struct timespec	 start, now;
	char		 chunk[8192];
	int		 in[2] = { -1, -1 }, outp[2], rc, left, n;
	int		 killed = 0;
	ssize_t		 r;
	pid_t		 pid;

	if (pipe2(outp, O_CLOEXEC) == -1 ||
	    (input != NULL && pipe2(in, O_CLOEXEC) == -1)) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = usercmd_spawn(cmdline, NULL, in[0], outp[1], cause);
	close(outp[1]);
	if (in[0] != -1)
		close(in[0]);
	if (pid == -1) {
		close(outp[0]);
		if (in[1] != -1)
			close(in[1]);
		return -1;
	}
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	if (in[1] != -1)
		fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = timeout * 1000 -
		    (int)((now.tv_sec - start.tv_sec) * 1000 +
			(now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0) {
			xasprintf(cause, _("%s: no end after %d seconds"),
			    cmdline, timeout);
			killed = 1;
			break;
		}
		n = 0;
		pfd[n].fd = outp[0];
		pfd[n++].events = POLLIN;
		if (in[1] != -1) {
			pfd[n].fd = in[1];
			pfd[n++].events = POLLOUT;
		}
		if (poll(pfd, n, left) == -1) {
			if (errno == EINTR)
				continue;
			xasprintf(cause, "poll: %s", strerror(errno));
			killed = 1;
			break;
		}
		if (n == 2 && pfd[1].revents != 0) {
			r = write(in[1], input, len);
			if (r > 0) {
				input += r;
				len -= (size_t)r;
			}
			/* A command that does not read all of it is fine. */
			if (len == 0 ||
			    (r == -1 && errno != EAGAIN && errno != EINTR)) {
				close(in[1]);
				in[1] = -1;
			}
		}
		if (pfd[0].revents == 0)
			continue;
		if ((r = read(outp[0], chunk, sizeof chunk)) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			xasprintf(cause, "read: %s", strerror(errno));
			killed = 1;
			break;
		}
		if (r == 0)
			break;
		if (out->len + (size_t)r > max) {
			xasprintf(cause,
			    _("%s: more than %zu bytes of "
			      "output"),
			    cmdline, max);
			killed = 1;
			break;
		}
		buf_add(out, chunk, (size_t)r);
	}
	close(outp[0]);
	if (in[1] != -1)
		close(in[1]);
	sigaction(SIGPIPE, &old, NULL);
	if (killed) {
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
			;
		return -1;
	}
	rc = usercmd_wait(pid, cmdline, cause);
	return rc;
}
