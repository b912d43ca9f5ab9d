/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-spawn.c: the browser's argv, the URLs it may get, running programs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*url;
	int		 ok;
} urls[] = {
	{ "http://example.com/", 1 },
	{ "https://example.com/a?b=c&d=e", 1 },
	{ "HTTPS://EXAMPLE.COM/", 1 },
	{ "https://例子.中国/新闻", 1 },
	{ "file:///etc/passwd", 0 },
	{ "javascript:alert(1)", 0 },
	{ "mailto:a@example.com", 0 },
	{ "ftp://example.com/", 0 },
	{ "http://", 0 },
	{ "https:///path", 0 },
	{ "http://exa mple.com/", 1 },	/* one argv element all the same */
	{ "http://example.com/a\nb", 1 },
	{ "http://example.com/a\tb", 0 },
	{ "http://example.com/\x1b[2J", 0 },
	{ "-http://example.com/", 0 },
	{ "", 0 },
};

static const struct {
	const char	*command;
	const char	*url;
	const char	*argv;		/* joined with | */
} argvs[] = {
	{ "firefox", "https://a/;rm -rf ~", "firefox|https://a/;rm -rf ~" },
	{ "firefox --new-tab", "https://a/", "firefox|--new-tab|https://a/" },
	{ "w3m %u -N", "https://a/$(x)", "w3m|https://a/$(x)|-N" },
	{ "open --url=%u", "https://a/", "open|--url=https://a/" },
	{ "\"/opt/my browser/run\" -x", "https://a/",
	  "/opt/my browser/run|-x|https://a/" },
	{ "  lynx  ", "https://a/ b", "lynx|https://a/ b" },
	{ "", "https://a/", NULL },
};

int
main(void)
{
	struct buf	  b;
	char		**argv, *cause;
	size_t		  i, j;
	char		  tp[] = "true", fp[] = "false";
	char		  np[] = "/nonexistent/tidings-test";
	char		 *t[] = { tp, NULL }, *f[] = { fp, NULL };
	char		 *none[] = { np, NULL };

	for (i = 0; i < nitems(urls); i++) {
		ok(spawn_url_ok(urls[i].url) == urls[i].ok, "%s \"%s\"",
		    urls[i].ok ? "opens" : "refuses", urls[i].url);
	}
	for (i = 0; i < nitems(argvs); i++) {
		argv = spawn_make_argv(argvs[i].command, argvs[i].url);
		buf_init(&b);
		for (j = 0; argv != NULL && argv[j] != NULL; j++) {
			if (j > 0)
				buf_addc(&b, '|');
			buf_adds(&b, argv[j]);
		}
		ok_str(argv == NULL ? NULL : b.data, argvs[i].argv,
		    argvs[i].command);
		buf_free(&b);
		spawn_free_argv(argv);
	}
	ok(spawn_run(t, &cause) == 0, "true runs");
	ok(spawn_run(f, &cause) == -1, "false fails");
	free(cause);
	ok(spawn_run(none, &cause) == -1, "a missing program fails");
	free(cause);
	ok(spawn_browser("true", "file:///etc/passwd", &cause) == -1,
	    "a file: URL never reaches the browser");
	free(cause);
	ok(spawn_browser("true", "https://example.com/", &cause) == 0,
	    "the browser setting is used");
	setenv("BROWSER", "false", 1);
	ok(spawn_browser("", "https://example.com/", &cause) == -1,
	    "$BROWSER is used without a setting");
	free(cause);
	return tap_done();
}
