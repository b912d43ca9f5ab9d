/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-spawn-hostile.c: a hostile URL reaches the browser as exactly one
 * argv element, unchanged, and no shell ever sees it (Newsbeuter's
 * CVE-2017-12904 was a bookmark URL run through a shell).  Other schemes
 * never reach the browser at all.
 *
 * The browser is a fake: a shell script written here that records its
 * arguments, NUL-separated, in a file.  It runs from a path with a space
 * in it, as a user's browser setting might.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

#define PWNED "/tmp/tidings-pwned"

/* Each URL must arrive as the one argument after those of the command. */
static const char *hostile[] = {
	"https://example.com/$(touch " PWNED ")",
	"https://example.com/`touch " PWNED "`",
	"https://example.com/';touch " PWNED ";'",
	"https://example.com/\";touch " PWNED ";\"",
	"https://example.com/a b  c",
	"https://example.com/a\nb",
	"https://example.com/a\n;touch " PWNED "\n",
	"https://example.com/?q=1&touch " PWNED "&x=|cat /etc/passwd",
	"https://example.com/${IFS}touch${IFS}" PWNED,
	"https://example.com/%u %s %% \\ \\\\ * ? ~ #",
	"https://example.com/$HOME/$(id)/`id`/$((1+1))",
	"https://例子.中国/新闻?标题=\"引号\"",
	"HTTPS://EXAMPLE.COM/UPPER",
	"http://example.com/>" PWNED "<",
};

/* None of these may reach the browser. */
static const char *refused[] = {
	"file:///etc/passwd",
	"FILE:///etc/passwd",
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"vbscript:msgbox(1)",
	"ftp://example.com/",
	"mailto:a@example.com",
	"about:blank",
	"ssh://example.com/",
	" https://example.com/",
	"-https://example.com/",
	"--help",
	"$(touch " PWNED ")",
	"`touch " PWNED "`",
	"http:/example.com/",
	"//example.com/",
	"https://example.com/\033[2J",
	"",
};

/* The commands a user might set, and the arguments before the URL. */
static const struct {
	const char	*open;		/* before the fake browser's path */
	const char	*close;		/* after it */
	const char	*before;	/* arguments before the URL, |-joined */
} commands[] = {
	{ "\"", "\"", "" },
	{ "\"", "\" --new-tab", "--new-tab" },
	{ "'", "' -x %u", "-x" },
};

static char	 dir[] = "/tmp/tidings-spawn.XXXXXX";
static char	*script, *record;

static void	make_browser(void);
static const char *shown(const char *);
static char	*recorded(size_t *);
static char	*expect(const char *, const char *, size_t *);

/* Write the fake browser: it records its argv, NUL-separated. */
static void
make_browser(void)
{
	FILE	*f;
	char	*sub;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		exit(1);
	}
	xasprintf(&sub, "%s/my browser", dir);
	mkdir(sub, 0700);
	xasprintf(&script, "%s/fake $(browser)", sub);
	xasprintf(&record, "%s/argv", dir);
	free(sub);
	if ((f = fopen(script, "w")) == NULL) {
		printf("Bail out! %s: %s\n", script, strerror(errno));
		exit(1);
	}
	fprintf(f, "#!/bin/sh\nfor a; do printf '%%s\\0' \"$a\"; done >'%s'\n",
	    record);
	fclose(f);
	chmod(script, 0700);
}

/* A URL as a test name: newlines and ESC made visible. */
static const char *
shown(const char *url)
{
	static struct buf	b;

	buf_free(&b);
	buf_init(&b);
	buf_adds(&b, "");
	for (; *url != '\0'; url++) {
		if (*url == '\n')
			buf_adds(&b, "\\n");
		else if (*url == '\033')
			buf_adds(&b, "\\033");
		else
			buf_addc(&b, *url);
	}
	return b.data;
}

/* What the fake browser recorded; NULL if it did not run. */
static char *
recorded(size_t *len)
{
	struct buf	 b;
	char		*cause;

	buf_init(&b);
	if (access(record, F_OK) != 0)
		return NULL;
	if (buf_read_file(&b, record, 1 << 20, &cause) != 0) {
		free(cause);
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_detach(&b);
}

/* The record we want: the arguments before, then the URL. */
static char *
expect(const char *before, const char *url, size_t *len)
{
	struct buf	 b;
	const char	*s;

	buf_init(&b);
	for (s = before; *s != '\0'; s++)
		buf_addc(&b, *s == '|' ? '\0' : *s);
	if (*before != '\0')
		buf_addc(&b, '\0');
	buf_adds(&b, url);
	buf_addc(&b, '\0');
	*len = b.len;
	return buf_detach(&b);
}

int
main(void)
{
	char	*command, *got, *want, *cause;
	size_t	 i, j, glen, wlen;
	int	 rc;

	unlink(PWNED);
	make_browser();
	for (j = 0; j < nitems(commands); j++) {
		xasprintf(&command, "%s%s%s", commands[j].open, script,
		    commands[j].close);
		for (i = 0; i < nitems(hostile); i++) {
			unlink(record);
			cause = NULL;
			rc = spawn_browser(command, hostile[i], &cause);
			got = recorded(&glen);
			want = expect(commands[j].before, hostile[i], &wlen);
			if (!ok(rc == 0 && got != NULL && glen == wlen &&
			    memcmp(got, want, wlen) == 0,
			    "command %zu: one argument, unchanged: %s", j,
			    shown(hostile[i]))) {
				diag("spawn_browser: %d (%s); recorded %zu bytes,"
				    " want %zu", rc, cause ? cause : "-",
				    got ? glen : 0, wlen);
			}
			free(got);
			free(want);
			free(cause);
		}
		free(command);
	}

	for (i = 0; i < nitems(refused); i++) {
		unlink(record);
		cause = NULL;
		rc = spawn_browser(script, refused[i], &cause);
		got = recorded(&glen);
		ok(rc == -1 && got == NULL && cause != NULL,
		    "never reaches the browser: %s", shown(refused[i]));
		free(got);
		free(cause);
	}

	/* $BROWSER, when there is no setting, gets the same treatment. */
	xasprintf(&command, "\"%s\"", script);
	setenv("BROWSER", command, 1);
	free(command);
	unlink(record);
	cause = NULL;
	rc = spawn_browser(NULL, hostile[0], &cause);
	got = recorded(&glen);
	want = expect("", hostile[0], &wlen);
	ok(rc == 0 && got != NULL && glen == wlen &&
	    memcmp(got, want, wlen) == 0, "$BROWSER: one argument, unchanged");
	free(got);
	free(want);
	free(cause);

	ok(access(PWNED, F_OK) != 0, "no injected command ran (%s absent)",
	    PWNED);

	unlink(record);
	unlink(script);
	*strrchr(script, '/') = '\0';
	rmdir(script);
	rmdir(dir);
	return tap_done();
}
