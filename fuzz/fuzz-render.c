/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-render.c: HTML to laid-out lines, asserting the layout invariants on
 * every input: no line wider than asked, widths measured right, valid UTF-8,
 * and no control character, ESC, C1 or bidi override in any line.
 *
 * The first byte picks the width (20 to 147); the rest is the HTML.
 *
 * Random bytes, even under libFuzzer's -max_len of 256 KB, never make the
 * inputs that broke the renderer: a base carrying tens of KB of combining
 * marks, long runs of CJK or zero-width characters, deep nesting, huge list
 * numbers.  A custom mutator inserts such runs, of sizes up to what max_len
 * leaves, besides libFuzzer's own mutations; fuzz/render.dict gives the tags.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const unsigned char *, size_t);
size_t	LLVMFuzzerCustomMutator(unsigned char *, size_t, size_t, unsigned int);
size_t	LLVMFuzzerMutate(unsigned char *, size_t, size_t);

/* What a run is made of: its pieces are repeated, one after another. */
static const struct {
	const char	*first;		/* once, before the run */
	const char	*pieces[4];	/* then these in turn; NULL ends */
} fuzz_runs[] = {
	{ "a", { "\xcc\x81", "\xcc\x88", "\xcd\x9b", NULL } },
	{ "\xe4\xb8\xad", { "\xe2\x83\x9d", "\xcc\xa3", NULL } },
	{ "", { "\xe4\xb8\xad", "\xe6\x96\x87", "\xe3\x80\x82", NULL } },
	{ "", { "\xe2\x80\x8b", "\xe2\x80\x8d", "\xc2\xad", NULL } },
	{ "", { "\xf0\x9f\x91\xa8", "\xe2\x80\x8d", NULL } },
	{ "", { "<ul><li>", "<blockquote>", "<ol><li>", NULL } },
	{ "", { "<table><tr><td>", "<pre>", "<b>", NULL } },
	{ "", { "x", NULL } },
	{ "", { "\xef\xbc\x88", "\xe3\x80\x8c", NULL } },
	{ "", { "\xef\xbc\x8c", "\xe3\x80\x81", NULL } },
};

/* Between runs. */
static const char *fuzz_seps[] = {
	"", " ", "\n", "<br>", "</p><p>", "</a>",
};

/* Single pieces: list numbers at the edges, links, blocks. */
static const char *fuzz_tags[] = {
	"<ol start=\"2147483647\"><li>a<li>b</ol>",
	"<ol start=\"-2147483648\"><li>a<li>b</ol>",
	"<ol><li value=\"99999999999999\">a<li>b</ol>",
	"<a href=\"http://e.example/a\">",
	"</a>.",
	"<pre>",
	"</pre>",
	"<p>",
	"<br>",
	"<table><tr><th>a<th>b<tr><td>",
};

static unsigned int
fuzz_rand(unsigned int *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

/* Insert len bytes of s at at, as much as max leaves; returns the new size. */
static size_t
fuzz_insert(unsigned char *data, size_t size, size_t max, size_t at,
    const char *s, size_t len)
{
	if (len > max - size)
		len = max - size;
	memmove(data + at + len, data + at, size - at);
	memcpy(data + at, s, len);
	return size + len;
}

/* Insert the string s at *at, which moves past it. */
static size_t
fuzz_insert_at(unsigned char *data, size_t size, size_t max, size_t *at,
    const char *s)
{
	size_t	n;

	n = fuzz_insert(data, size, max, *at, s, strlen(s));
	*at += n - size;
	return n;
}

/* A run of fuzz_runs[k], of up to bytes bytes, inserted at at. */
static size_t
fuzz_insert_run(unsigned char *data, size_t size, size_t max, size_t at,
    size_t bytes, size_t k)
{
	size_t		 n, i, end;
	const char	*p;

	if (bytes > max - size)
		bytes = max - size;
	end = size + bytes;
	size = fuzz_insert(data, size, end, at, fuzz_runs[k].first,
	    strlen(fuzz_runs[k].first));
	at += strlen(fuzz_runs[k].first);
	for (n = 0; fuzz_runs[k].pieces[n] != NULL; n++)
		;
	for (i = 0; size < end; i++) {
		p = fuzz_runs[k].pieces[i % n];
		if (strlen(p) > end - size)
			break;
		size = fuzz_insert(data, size, end, at, p, strlen(p));
		at += strlen(p);
	}
	return size;
}

/*
 * libFuzzer's mutations half the time; else runs (their sizes picked on a
 * log scale, so that runs of tens of KB are as likely as short ones) or a
 * piece inserted after the width byte.
 */
size_t
LLVMFuzzerCustomMutator(unsigned char *data, size_t size, size_t max,
    unsigned int seed)
{
	unsigned int	 state = seed;
	size_t		 at, bytes, old, n, kind;
	const char	*t;
	int		 same, pre;

	if (size < 1 || max < 2 || fuzz_rand(&state) % 2 == 0)
		return LLVMFuzzerMutate(data, size, max);
	/* Anywhere, but near the start as often: the first lines matter. */
	at = fuzz_rand(&state) % size;
	at = 1 + (at >> fuzz_rand(&state) % 16);
	if (fuzz_rand(&state) % 4 != 0) {
		/*
		 * One to three runs, of one kind or not, on one line or on
		 * lines of their own, in a <pre> a third of the time.
		 */
		kind = fuzz_rand(&state) % nitems(fuzz_runs);
		same = fuzz_rand(&state) % 2;
		pre = fuzz_rand(&state) % 3 == 0;
		if (pre)
			size = fuzz_insert_at(data, size, max, &at, "<pre>");
		for (n = 1 + fuzz_rand(&state) % 3; n > 0; n--) {
			bytes = (size_t)1 << (fuzz_rand(&state) % 18);
			bytes += fuzz_rand(&state) % bytes;
			if (!same)
				kind = fuzz_rand(&state) % nitems(fuzz_runs);
			old = size;
			size = fuzz_insert_run(data, size, max, at, bytes,
			    kind);
			at += size - old;
			size = fuzz_insert_at(data, size, max, &at, pre ? "\n" :
			    fuzz_seps[fuzz_rand(&state) % nitems(fuzz_seps)]);
		}
		if (pre)
			size = fuzz_insert_at(data, size, max, &at, "</pre>");
		return size;
	}
	t = fuzz_tags[fuzz_rand(&state) % nitems(fuzz_tags)];
	return fuzz_insert(data, size, max, at, t, strlen(t));
}

static void
fuzz_check_line(const struct rline *l, int width)
{
	const unsigned char	*u = (const unsigned char *)l->text;
	size_t			 i, adv;
	uint32_t		 c;

	if (l->width > width || l->width != utf8_width(l->text, l->len))
		abort();
	if (strlen(l->text) != l->len)
		abort();
	for (i = 0; i < l->len; i += adv) {
		c = utf8_decode(l->text + i, l->len - i, &adv);
		if (c == 0xfffd && !(adv == 3 && u[i] == 0xef))
			abort();	/* invalid UTF-8 let through */
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
			abort();	/* tabs and newlines too */
		if ((c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069))
			abort();
		if (l->link[i] > 0 && (size_t)l->link[i] > 65535)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct rendered	*r;
	size_t		 i, j;
	int		 width;

	if (size == 0)
		return 0;
	width = 20 + data[0] % 128;
	r = render_html((const char *)data + 1, size - 1,
	    "https://example.com/dir/page.html", width);
	for (i = 0; i < r->nlines; i++)
		fuzz_check_line(&r->lines[i], width);
	for (i = 0; i < r->nlines; i++) {
		for (j = 0; j < r->lines[i].len; j++) {
			if (r->lines[i].link[j] > r->nlinks)
				abort();	/* a number with no link */
		}
	}
	render_free(r);
	return 0;
}
