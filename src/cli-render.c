/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cli-render.c: `tidings render FILE [--width N] [--base URL]`, the same
 * rendering the pager shows, as plain text for scripts and tests.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"

static const struct option cli_render_options[] = {
	{ "base", required_argument, NULL, 'b' },
	{ "width", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* The terminal's columns when stdout is one, else 80. */
static int
cli_render_columns(void)
{
	struct winsize	ws;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static int
cli_render_usage(void)
{
	fprintf(stderr, _("Usage: %s render FILE [--width N] [--base URL]\n"),
	    "tidings");
	return 2;
}

/* Render an HTML file as text on stdout. */
int
cli_render(const struct cli_env *env, int argc, char **argv)
{
	struct buf	 b;
	struct rendered	*r;
	const char	*base = NULL;
	char		*cause = NULL, *end, *name;
	long		 n;
	int		 c, width = -1, status = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "b:w:", cli_render_options,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			base = optarg;
			break;
		case 'w':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    n < 1 || n > INT_MAX) {
				name = utf8_sanitize_line(optarg,
				    strlen(optarg));
				fprintf(stderr, _("tidings: render: invalid "
				    "width: %s\n"), name);
				free(name);
				return 2;
			}
			width = (int)n;
			break;
		default:
			return cli_render_usage();
		}
	}
	if (argc - optind != 1)
		return cli_render_usage();
	if (width == -1)
		width = cli_render_columns();
	buf_init(&b);
	if (buf_read_file(&b, argv[optind], MAX_DOCUMENT_BYTES, &cause) != 0) {
		log_warn("%s: %s", argv[optind], cause);
		free(cause);
		buf_free(&b);
		return 1;
	}
	r = render_html(b.data, b.len, base, width);
	render_print(stdout, r);
	render_free(r);
	buf_free(&b);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "tidings: %s\n", strerror(errno));
		status = 1;
	}
	return status;
}
