/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * options-table.c: the settings (`set NAME VALUE`) and the elements that
 * `color` lines colour.  Adding a setting is adding a row.
 */
#include "config.h"

#include "tidings.h"

/* A table, one row a setting, aligned by hand. */
/* clang-format off */
const struct options_table_entry options_table[] = {
	{ "max-connections", OPTION_NUMBER, "16", 1, 256,
	  N_("connections open at once while reloading") },
	{ "max-host-connections", OPTION_NUMBER, "8", 1, 64,
	  N_("connections open at once to one host while reloading") },
	{ "download-timeout", OPTION_NUMBER, "60", 1, 3600,
	  N_("seconds one feed may take to download") },
	{ "download-retries", OPTION_NUMBER, "1", 1, 100,
	  N_("tries a feed gets when its download fails in a way that may "
	     "pass (no connection, a timeout, a server error)") },
	{ "cookie-cache", OPTION_STRING, "", 0, 0,
	  N_("file where cookies that servers set are kept between reloads "
	     "(Netscape format, as curl writes it)") },
	{ "ca-file", OPTION_STRING, "", 0, 0,
	  N_("file of certificates to trust for https (default "
	     "$CURL_CA_BUNDLE, $SSL_CERT_FILE, else the system's)") },
	{ "browser", OPTION_STRING, "", 0, 0,
	  /* xgettext:no-c-format */
	  N_("program that opens links (%u is the URL); "
	     "default $BROWSER, else xdg-open") },
	{ "download-path", OPTION_STRING, "~/", 0, 0,
	  /* xgettext:no-c-format */
	  N_("folder enclosures are downloaded to (%n: the feed's name, "
	     "%h: the host)") },
	{ "player", OPTION_STRING, "", 0, 0,
	  /* xgettext:no-c-format */
	  N_("program that plays a downloaded enclosure (%u is the file, "
	     "else it comes last)") },
	{ "max-downloads", OPTION_NUMBER, "1", 1, 16,
	  N_("enclosures downloaded at once by the reader") },
	{ "podcast-auto-enqueue", OPTION_FLAG, "no", 0, 1,
	  N_("after a reload, queue new articles' audio and video "
	     "enclosures for downloading") },
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
	{ "save-path", OPTION_STRING, "~/", 0, 0,
	  N_("folder that articles are saved to as text") },
	{ "bookmark-cmd", OPTION_STRING, "", 0, 0,
	  N_("command that bookmarks an article; it gets the URL, title, "
	     "description and feed title as arguments") },
	{ "bookmark-autopilot", OPTION_FLAG, "no", 0, 1,
	  N_("bookmark without asking for a title and description") },
	{ "articlelist-format", OPTION_STRING, "", 0, 0,
	  /* xgettext:no-c-format */
	  N_("Newsboat's format of article list rows (%i %f %D %t %T); "
	     "empty: tidings' own") },
	{ "feedlist-format", OPTION_STRING, "", 0, 0,
	  /* xgettext:no-c-format */
	  N_("Newsboat's format of feed list rows (%i %n %u %U %c %t %L); "
	     "empty: tidings' own") },
	{ "article-sort-order", OPTION_STRING, "date-desc", 0, 0,
	  N_("order of article lists: date, title or flags, then -asc or "
	     "-desc") },
	{ "notify-program", OPTION_STRING, "", 0, 0,
	  N_("command run after a reload with new articles, with a message "
	     "as its argument") },
	{ "toggleitemread-jumps-to-next-unread", OPTION_FLAG, "no", 0, 1,
	  N_("in an article list, marking one read moves on to the next "
	     "unread") },
	{ "openbrowser-and-mark-jumps-to-next-unread", OPTION_FLAG, "no", 0, 1,
	  N_("in an article list, open-in-browser-and-mark-read moves on to "
	     "the next unread") },
	{ "goto-next-feed", OPTION_FLAG, "yes", 0, 1,
	  N_("next-unread and prev-unread go on to other feeds and "
	     "categories") },
	{ "notify-format", OPTION_STRING,
	  "tidings: finished reload, %f unread feeds (%n unread articles "
	  "total)", 0, 0,
	  /* xgettext:no-c-format */
	  N_("notify-program's message: %f unread feeds, %n unread articles, "
	     "%d new articles, %D new unread feeds") },
	{ "notify-beep", OPTION_FLAG, "no", 0, 1,
	  N_("beep after a reload that brought new articles") },
	{ "notify-always", OPTION_FLAG, "no", 0, 1,
	  N_("run notify-program after every reload, new articles or not") },
	{ "confirm-exit", OPTION_FLAG, "no", 0, 1,
	  N_("ask before the reader quits") },
	{ "inline-images", OPTION_STRING, "auto", 0, 0,
	  N_("draw an article's images in the pager: yes, no, or auto (on a "
	     "UTF-8 terminal with colours)") },
	{ "image-protocol", OPTION_STRING, "auto", 0, 0,
	  N_("how images are drawn: auto (kitty graphics or sixels when the "
	     "terminal answers that it draws them, else symbols), symbols, "
	     "sixel or kitty") },
	{ "feed-sort-order", OPTION_STRING, "none", 0, 0,
	  N_("order of the feeds screen: none, title, unreadarticlecount or "
	     "articlecount, then -asc or -desc") },
	{ "urls-source", OPTION_STRING, "local", 0, 0,
	  N_("where the feeds come from: local (the urls file), freshrss "
	     "or ttrss (a server's subscriptions, synced)") },
	{ "freshrss-url", OPTION_STRING, "", 0, 0,
	  N_("FreshRSS's address (or its api/greader.php)") },
	{ "freshrss-login", OPTION_STRING, "", 0, 0,
	  N_("user name on FreshRSS") },
	{ "freshrss-password", OPTION_STRING, "", 0, 0,
	  N_("FreshRSS's API password") },
	{ "freshrss-passwordfile", OPTION_STRING, "", 0, 0,
	  N_("file whose first line is FreshRSS's API password") },
	{ "freshrss-passwordeval", OPTION_STRING, "", 0, 0,
	  N_("command that prints FreshRSS's API password (run without a "
	     "shell)") },
	{ "ttrss-url", OPTION_STRING, "", 0, 0,
	  N_("Tiny Tiny RSS's address") },
	{ "ttrss-login", OPTION_STRING, "", 0, 0,
	  N_("user name on Tiny Tiny RSS") },
	{ "ttrss-password", OPTION_STRING, "", 0, 0,
	  N_("password on Tiny Tiny RSS") },
	{ "ttrss-passwordfile", OPTION_STRING, "", 0, 0,
	  N_("file whose first line is the Tiny Tiny RSS password") },
	{ "ttrss-passwordeval", OPTION_STRING, "", 0, 0,
	  N_("command that prints the Tiny Tiny RSS password (run without a "
	     "shell)") },
	{ "ttrss-mode", OPTION_STRING, "multi", 0, 0,
	  N_("multi, or single for a single-user Tiny Tiny RSS (login admin)") },
	{ "ttrss-flag-star", OPTION_STRING, "", 0, 0,
	  N_("Newsboat's flag for starred articles; tidings keeps stars as "
	     "stars, both ways") },
	{ "auto-reload", OPTION_FLAG, "no", 0, 1,
	  N_("Newsboat's: reload every reload-time minutes") },
	{ "reload-time", OPTION_NUMBER, "60", 1, 10080,
	  N_("Newsboat's: minutes between reloads under auto-reload") },
	{ "show-read-feeds", OPTION_FLAG, "yes", 0, 1,
	  N_("list feeds and categories with nothing unread too") },
	{ "user-agent", OPTION_STRING, "", 0, 0,
	  N_("the User-Agent sent with every request; empty: "
	     "tidings/VERSION") },
	{ "use-proxy", OPTION_FLAG, "no", 0, 1,
	  N_("fetch through the proxy setting (else curl's *_proxy "
	     "variables apply)") },
	{ "proxy", OPTION_STRING, "", 0, 0,
	  N_("proxy HOST:PORT used under use-proxy") },
	{ "proxy-type", OPTION_STRING, "http", 0, 0,
	  N_("http, socks4, socks4a, socks5 or socks5h") },
	{ "proxy-auth", OPTION_STRING, "", 0, 0,
	  N_("USER:PASSWORD for the proxy") },
	{ "proxy-auth-method", OPTION_STRING, "any", 0, 0,
	  N_("how to log in to the proxy: any, basic, digest, digest_ie, "
	     "gssnegotiate, ntlm or anysafe") },
	{ "http-auth-method", OPTION_STRING, "any", 0, 0,
	  N_("how to log in where a feed's URL has a user name: any, basic, "
	     "digest, digest_ie, gssnegotiate, ntlm or anysafe") },
	{ "max-download-speed", OPTION_NUMBER, "0", 0, 10000000,
	  N_("KB a second one transfer may take (0: no limit)") },
	{ "ignore-mode", OPTION_STRING, "download", 0, 0,
	  N_("ignore-article drops articles at \"download\" or hides them "
	     "at \"display\"") },
};
/* clang-format on */
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
