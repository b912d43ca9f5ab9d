/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-download.c: the names a download is given from outside text (the
 * feed's name, the host, the URL's last segment) are one path component
 * each, and download_dir stays inside download-path.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

static void
test_names(void)
{
	static const struct {
		const char *url;
		const char *want;
	} files[] = {
		{ "http://h.example/pod/ep%201.mp3?token=1#t", "ep 1.mp3" },
		{ "http://h.example/a/..%2F..%2Fetc%2Fpasswd",
		    "_.._etc_passwd" },
		{ "http://h.example/a/..", "download" },
		{ "http://h.example/", "download" },
		{ "http://h.example", "download" },
		{ "https://h.example/%E6%96%B0%E9%97%BB.m4a", "新闻.m4a" },
		{ "http://h.example/.hidden", "hidden" },
		{ "http://h.example/a%00b", "download" },
		{ "http://h.example/x%1b]0;t%07.mp3", "download" },
	};
	char  *s;
	size_t i;

	for (i = 0; i < nitems(files); i++) {
		s = download_filename(files[i].url);
		ok_str(s, files[i].want, files[i].url);
		free(s);
	}
	s = download_component("../..", "feed");
	ok_str(s, "_..", "a feed named ../.. is one folder, not two up");
	free(s);
	s = download_component(" ..", "feed");
	ok_str(s, "feed", "a feed named .. is the default name");
	free(s);
	s = download_component("News/World\\x\x1b[31m", "feed");
	ok_str(s, "News_World_x[31m", "slashes and controls go");
	free(s);
}

static void
test_dirs(void)
{
	char  tmpl[512], top[256], out[300], link[512], want[512];
	char *dir, *cause = NULL;

	snprintf(top, sizeof top, "%s", "/tmp/tidings-test-download-XXXXXX");
	if (!ok(mkdtemp(top) != NULL, "a folder for the test"))
		return;
	snprintf(tmpl, sizeof tmpl, "%s/pods/%%h/%%n%%%%", top);
	dir = download_dir(tmpl, "../../up", "http://Host.example:8080/a.mp3",
	    &cause);
	snprintf(want, sizeof want, "%s/pods/host.example/_.._up%%", top);
	ok_str(dir, want, "%h and %n are one folder each, %% is %");
	free(dir);
	free(cause);
	cause = NULL;

	/* The feed's folder is a link out of download-path. */
	snprintf(out, sizeof out, "%s/out", top);
	mkdir(out, 0700);
	snprintf(link, sizeof link, "%s/pods/host.example/evil%%", top);
	ok(symlink(out, link) == 0, "a link out");
	dir = download_dir(tmpl, "evil", "http://host.example/a.mp3", &cause);
	ok(dir == NULL && cause != NULL &&
		strstr(cause, "outside download-path") != NULL,
	    "a link out of download-path is refused: %s",
	    cause != NULL ? cause : "(none)");
	free(dir);
	free(cause);
	unlink(link);
	rmdir(out);
	snprintf(link, sizeof link, "%s/pods/host.example/_.._up%%", top);
	rmdir(link);
	snprintf(link, sizeof link, "%s/pods/host.example", top);
	rmdir(link);
	snprintf(link, sizeof link, "%s/pods", top);
	rmdir(link);
	rmdir(top);
}

int
main(void)
{
	test_names();
	test_dirs();
	return tap_done();
}
