/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cli.c: the non-interactive commands, one row each in a table.
 *
 * Each command lives in cli-NAME.c and gets argv from its own name on, so it
 * parses its own options with getopt_long.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

struct cli_command {
	const char	*name;
	int		(*run)(const struct cli_env *, int, char **);
	const char	*args;
	const char	*help;
};

/* A table, one row a command, aligned by hand. */
/* clang-format off */
static const struct cli_command cli_commands[] = {
	{ "list", cli_list,
	  N_("[--category C] [--filter EXPR] [--unread] [--starred] "
	    "[--limit N] [--json]"),
	  N_("list cached articles, newest first") },
	{ "mark-read", cli_mark_read, N_("ID... | --category C | --all"),
	  N_("mark articles read") },
	{ "reload", cli_reload, N_("[--force] [--timeout SECONDS] "
	  "[CATEGORY|URL ...]"),
	  N_("fetch the feeds and store them in the cache") },
	{ "add", cli_add, N_("URL [CATEGORY ...]"),
	  N_("add a feed to the feed list") },
	{ "remove", cli_remove, N_("URL"),
	  N_("unsubscribe from a feed on the server (urls-source)") },
	{ "import", cli_import, N_("[--local] FILE"),
	  N_("add the feeds of an OPML or Newsboat urls file") },
	{ "export", cli_export, "",
	  N_("write the feed list as OPML") },
	{ "download", cli_download, N_("ID [N]"),
	  N_("download enclosure N (default 1) of a cached article into "
	     "download-path") },
	{ "parse", cli_parse, N_("FILE [--json]"),
	  N_("parse a feed file or Jekyll post and print it as JSON") },
	{ "render", cli_render, N_("FILE [--width N] [--base URL]"),
	  N_("render an HTML file as text") },
	{ "search", cli_search, N_("QUERY [--unread] [--limit N] [--json]"),
	  N_("search the cached articles (any script, any length)") },
	{ "show", cli_show, N_("ID [--width N] [--json]"),
	  N_("show one cached article as text") },
	{ "vacuum", cli_vacuum,
	  N_("[--max-items N] [--keep-days N] | --check"),
	  N_("remove old articles and compact the cache; check it") },
};
/* clang-format on */

/* Is this the name of a command? */
int
cli_is_command(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(cli_commands); i++) {
		if (strcmp(cli_commands[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/* Run the command named by argv[0]. */
int
cli_run(const struct cli_env *env, int argc, char **argv)
{
	size_t	i;

	for (i = 0; i < nitems(cli_commands); i++) {
		if (strcmp(cli_commands[i].name, argv[0]) == 0)
			return cli_commands[i].run(env, argc, argv);
	}
	cli_usage(stderr, 2);
}

/* Print the usage message and exit with status. */
void
cli_usage(FILE *f, int status)
{
	size_t	i;

	fprintf(f, _("Usage: %s [OPTION]...\n"), "tidings");
	fprintf(f, _("       %s COMMAND [ARG]...\n"), "tidings");
	fputs(_("A terminal news reader.\n\n"), f);
	fputs(_("Options:\n"), f);
	fputs(_("  --demo           open the reader on the bundled demo feeds\n"), f);
	fputs(_("  --offline        use only the cache, never the network\n"), f);
	fputs(_("  --config FILE    read settings from FILE\n"), f);
	fputs(_("  --urls FILE      read the feed list from FILE\n"), f);
	fputs(_("  --cache FILE     keep the cache in FILE\n"), f);
	fputs(_("  --help           show this help and exit\n"), f);
	fputs(_("  --version        show the version and exit\n"), f);
	fputs(_("\nCommands:\n"), f);
	for (i = 0; i < nitems(cli_commands); i++) {
		/* gettext("") would be the catalogue's header. */
		fprintf(f, "  %s %s\n", cli_commands[i].name,
		    *cli_commands[i].args != '\0' ?
		    _(cli_commands[i].args) : "");
		fprintf(f, "      %s\n", _(cli_commands[i].help));
	}
	exit(status);
}
