/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-usercmd.c: user command lines run through the shell, and values from
 * feeds reach them only as positional parameters or stdin, never as code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

/* Titles and URLs a hostile feed could send. */
static const char *hostile[] = {
	"plain",
	"it's \"quoted\"",
	"$(touch PWNED)",
	"`touch PWNED`",
	"; touch PWNED #",
	"a\nb; touch PWNED",
	"https://example.com/?q=$(id)&x=`id`",
	"--help",
	"新闻 标题 $HOME",
};

static char *
slurp(const char *path)
{
	FILE *f;
	char *s;
	long  n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = xmalloc((size_t)n + 1);
	s[fread(s, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return s;
}

int
main(void)
{
	char   dir[] = "/tmp/tidings-usercmd-XXXXXX", out[64], pwned[64];
	char  *cause = NULL, *got, *args[3];
	size_t i;

	if (mkdtemp(dir) == NULL)
		return 1;
	if (chdir(dir) == -1)
		return 1;
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(pwned, sizeof pwned, "%s/PWNED", dir);

	for (i = 0; i < nitems(hostile); i++) {
		args[0] = (char *)hostile[i];
		args[1] = (char *)"second";
		args[2] = NULL;
		ok(usercmd_run("printf '%s|%s' \"$1\" \"$2\" > out", args, NULL,
		       0, &cause) == 0,
		    "runs with $1 = \"%s\"", hostile[i]);
		got = slurp(out);
		ok(got != NULL &&
			strncmp(got, hostile[i], strlen(hostile[i])) == 0 &&
			strcmp(got + strlen(hostile[i]), "|second") == 0,
		    "$1 arrives unchanged: \"%s\"", hostile[i]);
		free(got);
		ok(access(pwned, F_OK) == -1, "\"%s\" ran nothing", hostile[i]);
	}

	ok(usercmd_run("cat | tr a-z A-Z > out", NULL, "stdin text", 10,
	       &cause) == 0,
	    "stdin reaches a pipeline");
	got = slurp(out);
	ok_str(got, "STDIN TEXT", "the pipeline's output");
	free(got);

	ok(usercmd_run("head -c 1 > /dev/null", NULL, "xx", 2, &cause) == 0,
	    "a command that reads part of stdin is not an error");

	ok(usercmd_run("exit 3", NULL, NULL, 0, &cause) == -1,
	    "a failing command fails");
	ok(cause != NULL && strstr(cause, "exit 3") != NULL &&
		strstr(cause, "3") != NULL,
	    "the message names the command: %s", cause == NULL ? "" : cause);
	free(cause);
	cause = NULL;
	ok(usercmd_run("kill -9 $$", NULL, NULL, 0, &cause) == -1,
	    "a killed command fails");
	free(cause);

	unlink(out);
	rmdir(dir);
	return tap_done();
}
