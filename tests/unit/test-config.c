/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-config.c: config lines, settings, colours, and errors as file:line.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

static const struct {
	const char	*line;
	const char	*cause;		/* NULL: accepted */
	const char	*name;		/* a setting to check afterwards */
	const char	*value;
} lines[] = {
	{ "set browser firefox", NULL, "browser", "firefox" },
	{ "set browser \"w3m -N %u\"", NULL, "browser", "w3m -N %u" },
	{ "  set   date-format  \"%d %b\"  # a comment", NULL, "date-format",
	    "%d %b" },
	{ "set browser \"a \\\"quoted\\\" word\"", NULL, "browser",
	    "a \"quoted\" word" },
	{ "set feed-width 20", NULL, "feed-width", "20" },
	{ "set feed-width 0", NULL, "feed-width", "0" },
	{ "set feed-width 61", "feed-width: not a number from 0 to 60: 61",
	    "feed-width", "0" },
	{ "set feed-width -1", "feed-width: not a number from 0 to 60: -1",
	    "feed-width", "0" },
	{ "set feed-width 2x", "feed-width: not a number from 0 to 60: 2x",
	    "feed-width", "0" },
	{ "set feed-width \"\"",
	    "feed-width: not a number from 0 to 60: ", "feed-width", "0" },
	{ "set show-read-articles no", NULL, "show-read-articles", "no" },
	{ "set show-read-articles TRUE", NULL, "show-read-articles", "yes" },
	{ "set show-read-articles maybe",
	    "show-read-articles: not yes or no: maybe", "show-read-articles",
	    "yes" },
	{ "set reload-every 30", NULL, "reload-every", "30" },
	{ "set browser", "usage: set NAME VALUE", "browser",
	    "a \"quoted\" word" },
	{ "set browser a b", NULL, "browser", "a b" },
	/* Newsboat's form: no "set", its names for tidings' settings. */
	{ "browser \"lynx %u\"", NULL, "browser", "lynx %u" },
	{ "reload-threads 4", NULL, "max-connections", "4" },
	{ "datetime-format \"%b %d\"", NULL, "date-format", "%b %d" },
	{ "datetime-format %b %d", NULL, "date-format", "%b %d" },
	{ "keep-articles-days 30", NULL, "keep-days", "30" },
	{ "max-items 50", NULL, "max-items", "50" },
	{ "text-width 72", NULL, "text-width", "72" },
	{ "show-read-feeds no", NULL, "show-read-feeds", "no" },
	{ "refresh-on-startup yes", NULL, "reload-on-start", "yes" },
	{ "ignore-mode display", NULL, "ignore-mode", "display" },
	{ "ignore-mode later",
	    "ignore-mode: not one of download, display: later", "ignore-mode",
	    "display" },
	/* Newsboat's network settings. */
	{ "user-agent \"Lynx/2.8.5rel.1\"", NULL, "user-agent",
	    "Lynx/2.8.5rel.1" },
	{ "use-proxy yes", NULL, "use-proxy", "yes" },
	{ "proxy localhost:3128", NULL, "proxy", "localhost:3128" },
	{ "proxy-type socks5h", NULL, "proxy-type", "socks5h" },
	{ "proxy-type socks9",
	    "proxy-type: not one of http, socks4, socks4a, socks5, socks5h: "
	    "socks9",
	    "proxy-type", "socks5h" },
	{ "proxy-auth-method ntlm", NULL, "proxy-auth-method", "ntlm" },
	{ "http-auth-method digest", NULL, "http-auth-method", "digest" },
	{ "http-auth-method md5",
	    "http-auth-method: not one of any, basic, digest, digest_ie, "
	    "gssnegotiate, ntlm, anysafe: md5",
	    "http-auth-method", "digest" },
	{ "max-download-speed 200", NULL, "max-download-speed", "200" },
	{ "highlight all \"新闻|news\" red default bold", NULL, NULL, NULL },
	{ "highlight articlelist \"^x\" color33", NULL, NULL, NULL },
	{ "highlight everywhere x red",
	    "highlight: not all, feedlist, articlelist or article: everywhere",
	    NULL, NULL },
	{ "highlight all x", "usage: highlight TARGET REGEX FG [BG [ATTR ...]]",
	    NULL, NULL },
	{ "highlight all x purple", "unknown colour: purple", NULL, NULL },
	{ "ssl-verifypeer yes", NULL, NULL, NULL },
	{ "ssl-verifyhost maybe", "ssl-verifyhost: not yes or no: maybe", NULL,
	    NULL },
	{ "ignore-article \"*\" \"title =~ \\\"Windows\\\"\"", NULL, NULL,
	    NULL },
	{ "ignore-article \"*\" \"title =~\"",
	    "ignore-article: column 9: unexpected end", NULL, NULL },
	{ "define-filter \"new\" \"unread = \\\"yes\\\"\"", NULL, NULL, NULL },
	{ "define-filter x", "usage: define-filter NAME EXPRESSION", NULL,
	    NULL },
	{ "bind-key ^R reload-all feedlist", NULL, NULL, NULL },
	{ "set browser \"unclosed", "unclosed quote", NULL, NULL },
	{ "# only a comment", NULL, NULL, NULL },
	{ "", NULL, NULL, NULL },
	{ "   \t ", NULL, NULL, NULL },
	{ "bind x quit", NULL, NULL, NULL },
	{ "bind x", "usage: bind KEY ACTION", NULL, NULL },
	{ "bind x frobnicate", "unknown action: frobnicate", NULL, NULL },
	{ "bind NoKey quit", "unknown key: NoKey", NULL, NULL },
	{ "unbind x", NULL, NULL, NULL },
	{ "color title red default bold", NULL, NULL, NULL },
	{ "color listfocus yellow blue bold", NULL, NULL, NULL },
	{ "color title purple blue", "unknown colour: purple", NULL, NULL },
	{ "color title red color256", "unknown colour: color256", NULL, NULL },
	{ "color title red blue blinky", "unknown attribute: blinky", NULL,
	    NULL },
	{ "color title red", "usage: color ELEMENT FG BG [ATTR ...]", NULL,
	    NULL },
};

/* Lines for a feature tidings lacks: a warning, and nothing stops. */
static const struct {
	const char *line;
	const char *cause;
} warnings[] = {
	{ "set nosuch 1", "unknown setting: nosuch" },
	{ "frobnicate", "unknown command: frobnicate" },
	{ "cleanup-on-quit no",
	    "cleanup-on-quit: a Newsboat setting tidings lacks, ignored" },
	{ "set cleanup-on-quit no",
	    "cleanup-on-quit: a Newsboat setting tidings lacks, ignored" },
	{ "miniflux-url \"https://m.example/\"",
	    "miniflux-url: a Newsboat setting tidings lacks (it syncs with "
	    "FreshRSS and Tiny Tiny RSS), ignored" },
	{ "searchresult-title-format \"%N\"",
	    "searchresult-title-format: a Newsboat setting tidings lacks "
	    "(tidings' screen titles are its own), ignored" },
	{ "ssl-verifypeer no",
	    "ssl-verifypeer: tidings always checks a "
	    "server's certificate; trust yours with ca-file" },
	{ "title-format x", "unknown command: title-format" },
	{ "color nosuch red blue", "unknown element: nosuch" },
	{ "bind-key x frobnicate", "unknown action: frobnicate" },
	{ "bind-key x frobnicate article", "unknown action: frobnicate" },
	{ "unbind-key NoKey", "unknown key: NoKey" },
};

static const struct {
	const char	*line;
	enum color_element e;
	int		 fg;
	int		 bg;
	int		 attr;
} colors[] = {
	{ "color title red default bold", ELEMENT_TITLE, 1,
	  CONFIG_COLOR_DEFAULT, CONFIG_ATTR_BOLD },
	{ "color link color33 black underline reverse", ELEMENT_LINK, 33, 0,
	  CONFIG_ATTR_UNDERLINE | CONFIG_ATTR_REVERSE },
	{ "color selected 255 WHITE", ELEMENT_SELECTED, 255, 7, 0 },
	{ "color link-selected default default standout", ELEMENT_LINK_SELECTED,
	  CONFIG_COLOR_DEFAULT, CONFIG_COLOR_DEFAULT, CONFIG_ATTR_STANDOUT },
};

static void
test_write(const char *dir, const char *name, const char *text)
{
	char *path;
	FILE *f;

	xasprintf(&path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static void
test_remove(const char *dir, const char *name)
{
	char *path;

	xasprintf(&path, "%s/%s", dir, name);
	unlink(path);
	free(path);
}

/* include: from the including file's folder, nested, bounded, named. */
static void
test_include(struct keymap *km)
{
	struct config *cfg;
	char	       dir[] = "/tmp/test-config-inc.XXXXXX";
	char	      *top, *cause = NULL, *want;
	int	       rc;

	if (mkdtemp(dir) == NULL) {
		ok(0, "temporary folder");
		return;
	}
	xasprintf(&top, "%s/config", dir);
	test_write(dir, "config", "include colors\nset feed-width 20\n");
	test_write(dir, "colors",
	    "color title red default\n"
	    "include \"more settings\"\n");
	test_write(dir, "more settings", "set text-width 72\n");
	cfg = config_create();
	rc = config_load(cfg, km, top, &cause);
	ok(rc == 0, "include, relative to the including file, nested");
	ok(config_get_color(cfg, ELEMENT_TITLE)->set &&
		config_get_number(cfg, "text-width") == 72 &&
		config_get_number(cfg, "feed-width") == 20,
	    "  every file's lines applied");
	config_free(cfg);

	test_write(dir, "config", "set feed-width 20\ninclude nope\n");
	cfg = config_create();
	rc = config_load(cfg, km, top, &cause);
	xasprintf(&want, "%s:2: include %s/nope: No such file or directory",
	    top, dir);
	ok_str(rc == -1 ? cause : NULL, want,
	    "a missing included file is an error naming the line");
	free(want);
	if (rc == -1)
		free(cause);
	config_free(cfg);

	test_write(dir, "config", "include config\n");
	cfg = config_create();
	rc = config_load(cfg, km, top, &cause);
	ok(rc == -1 && strstr(cause, "include: more than 8 files deep") != NULL,
	    "a file including itself stops at a depth");
	if (rc == -1)
		free(cause);
	config_free(cfg);

	free(top);
	test_remove(dir, "config");
	test_remove(dir, "colors");
	test_remove(dir, "more settings");
	rmdir(dir);
}

int
main(void)
{
	const struct config_color	*c;
	const struct config_highlight	*h;
	struct config			*cfg;
	struct keymap			*km;
	char				 path[] = "/tmp/test-config.XXXXXX";
	char				*cause, *want;
	size_t				 i, n;
	int				 rc, fd;
	FILE				*f;

	cfg = config_create();
	km = keymap_create();
	ok_str(config_get_string(cfg, "date-format"), "%Y-%m-%d",
	    "default date-format");
	ok(config_get_number(cfg, "show-read-articles") == 1,
	    "default show-read-articles is yes");
	ok(config_get_number(cfg, "feed-width") == 14, "default feed-width");
	for (i = 0; i < nitems(lines); i++) {
		cause = NULL;
		rc = config_parse_line(cfg, km, lines[i].line, &cause);
		ok(rc == (lines[i].cause == NULL ? 0 : -1), "line \"%s\"",
		    lines[i].line);
		ok_str(cause, lines[i].cause, "  its error");
		free(cause);
		if (lines[i].name != NULL) {
			ok_str(config_get_string(cfg, lines[i].name),
			    lines[i].value, "  then the setting");
		}
	}
	for (i = 0; i < nitems(warnings); i++) {
		cause = NULL;
		rc = config_parse_line(cfg, km, warnings[i].line, &cause);
		ok(rc == 1, "line \"%s\" warns", warnings[i].line);
		ok_str(cause, warnings[i].cause, "  saying why");
		free(cause);
	}
	h = config_highlights(cfg, &n);
	ok(n == 2 &&
		h[0].targets ==
		    (HIGHLIGHT_FEEDLIST | HIGHLIGHT_ARTICLELIST |
			HIGHLIGHT_ARTICLE) &&
		h[0].color.fg == 1 && h[0].color.attr == CONFIG_ATTR_BOLD &&
		h[1].targets == HIGHLIGHT_ARTICLELIST && h[1].color.fg == 33 &&
		h[1].color.bg == CONFIG_COLOR_DEFAULT,
	    "highlight lines kept with their targets and colours");
	ok(n == 2 && regexec(&h[0].re, "今日NEWS", 0, NULL, 0) == 0,
	    "  matching with case ignored");
	ok(config_parse_line(cfg, km, "highlight all \"(\" red", &cause) ==
		    -1 &&
		strncmp(cause, "highlight: (: ", 14) == 0,
	    "a bad regular expression is an error naming it");
	free(cause);
	ok(keymap_lookup(km, 'x') == ACTION_NONE, "bind then unbind x");
	ok(config_parse_line(cfg, NULL, "bind x quit", &cause) == -1,
	    "bind is refused without a keymap");
	free(cause);
	for (i = 0; i < nitems(colors); i++) {
		ok(config_parse_line(cfg, km, colors[i].line, &cause) == 0,
		    "%s", colors[i].line);
		c = config_get_color(cfg, colors[i].e);
		ok(c->set && c->fg == colors[i].fg && c->bg == colors[i].bg &&
		    c->attr == colors[i].attr, "  gives fg %d bg %d attr %#x",
		    colors[i].fg, colors[i].bg, colors[i].attr);
	}
	c = config_get_color(cfg, ELEMENT_QUOTE);
	ok(!c->set && c->fg == CONFIG_COLOR_DEFAULT, "quote is not set");
	config_free(cfg);

	/* A file: errors name file and line; good lines still apply. */
	cfg = config_create();
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		ok(0, "temporary file");
		return tap_done();
	}
	fputs("set feed-width 30\nset nosuch 1\n\n# comment\n"
	      "bind j frob\nset browser lynx\nset feed-width x\nbar 1\n"
	      "auto-reload yes\nreload-time 15",
	    f);
	fclose(f);
	rc = config_load(cfg, km, path, &cause);
	ok(rc == -1, "a file with two bad lines fails");
	xasprintf(&want,
	    "%s:5: unknown action: frob\n"
	    "%s:7: feed-width: not a number from 0 to 60: x",
	    path, path);
	ok_str(rc == -1 ? cause : NULL, want, "  naming file and line of each");
	if (rc == -1)
		free(cause);
	free(want);
	xasprintf(&want,
	    "%s:2: unknown setting: nosuch\n"
	    "%s:8: unknown command: bar",
	    path, path);
	ok_str(config_warnings(cfg), want, "  and its warnings, one a line");
	free(want);
	ok(config_get_number(cfg, "reload-every") == 15,
	    "  auto-reload reloads every reload-time minutes");
	ok(config_get_number(cfg, "feed-width") == 30, "  line 1 applied");
	ok_str(config_get_string(cfg, "browser"), "lynx",
	    "  the last line, without a newline, applied");
	unlink(path);
	ok(config_load(cfg, km, path, &cause) == 0, "a missing file is fine");
	config_free(cfg);
	test_include(km);
	keymap_free(km);
	return tap_done();
}
