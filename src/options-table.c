/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * options-table.c: the settings (`set NAME VALUE`) and the elements that
 * `color` lines colour.  Adding a setting is adding a row.
 */
#include "config.h"

#include "tidings.h"

const struct options_table_entry options_table[] = {
	{ "max-connections", OPTION_NUMBER, "16", 1, 256,
	  N_("connections open at once while reloading") },
	{ "max-host-connections", OPTION_NUMBER, "8", 1, 64,
	  N_("connections open at once to one host while reloading") },
	{ "download-timeout", OPTION_NUMBER, "60", 1, 3600,
	  N_("seconds one feed may take to download") },
	{ "ca-file", OPTION_STRING, "", 0, 0,
	  N_("file of certificates to trust for https (default "
	     "$CURL_CA_BUNDLE, $SSL_CERT_FILE, else the system's)") },
	{ "browser", OPTION_STRING, "", 0, 0,
	  /* xgettext:no-c-format */
	  N_("program that opens links (%u is the URL); "
	     "default $BROWSER, else xdg-open") },
	{ "date-format", OPTION_STRING, "%Y-%m-%d", 0, 0,
	  N_("strftime format of dates in article lists") },
	{ "keep-days", OPTION_NUMBER, "0", 0, 36500,
	  N_("when tidying, remove articles older than this many days "
	     "(0: never)") },
	{ "max-items", OPTION_NUMBER, "0", 0, 1000000,
	  N_("when tidying, keep this many articles per feed (0: all)") },
	{ "feed-width", OPTION_NUMBER, "14", 0, 60,
	  N_("columns for the feed name in article lists (0 hides it)") },
	{ "text-width", OPTION_NUMBER, "0", 0, 1000,
	  N_("wrap articles at this many columns (0: the terminal's width)") },
	{ "show-read-articles", OPTION_FLAG, "yes", 0, 1,
	  N_("list read articles too") },
	{ "reload-on-start", OPTION_FLAG, "no", 0, 1,
	  N_("reload every feed when the reader opens") },
	{ "reload-every", OPTION_NUMBER, "0", 0, 10080,
	  N_("reload every feed each this many minutes (0: never)") },
	{ "auto-reload", OPTION_FLAG, "no", 0, 1,
	  N_("Newsboat's: reload every reload-time minutes") },
	{ "reload-time", OPTION_NUMBER, "60", 1, 10080,
	  N_("Newsboat's: minutes between reloads under auto-reload") },
	{ "show-read-feeds", OPTION_FLAG, "yes", 0, 1,
	  N_("list feeds and categories with nothing unread too") },
	{ "ignore-mode", OPTION_STRING, "download", 0, 0,
	  N_("ignore-article drops articles at \"download\" or hides them "
	     "at \"display\"") },
};
const size_t options_table_size = nitems(options_table);

/* Names of the colour elements, in the order of enum color_element. */
const char *const options_elements[] = {
	"title",
	"status",
	"text",
	"selected",
	"unread",
	"date",
	"feed",
	"count",
	"header",
	"heading",
	"link",
	"link-selected",
	"quote",
	"code",
	"match",
	"error",
	"starred",
};
_Static_assert(nitems(options_elements) == ELEMENT_LAST,
    "one name per colour element");
