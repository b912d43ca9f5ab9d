/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-image.c: images decoded and drawn as cells (image.c), and kept in
 * the cache (cache-image.c): the four formats read, hostile bytes refused
 * with a reason (bombs by their header, before decoding, in bounded time),
 * and the cache's images capped in bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

static const char *good[] = { "a.png", "a.jpg", "a.gif", "a.webp" };

static const struct {
	const char	*file;
	const char	*reason;	/* a part of the cause */
} bad[] = {
	{ "bomb.png", "100000 x 100000 pixels" },
	{ "bomb.jpg", "60000 x 60000 pixels" },
	{ "bomb.gif", "65535 x 65535 pixels" },
	{ "bomb.webp", "WebP header states 16384 x 16384" },
	{ "truncated.png", "truncated png" },
	{ "truncated.jpg", "truncated jpeg" },
	{ "truncated.gif", "broken gif" },
	{ "truncated.webp", "truncated webp" },
	{ "garbage.bin", "not a PNG, JPEG, GIF or WebP" },
	{ "garbage.png", "broken png" },
};

static char *
slurp(const char *name, size_t *lenp)
{
	char	 path[4096];
	FILE	*f;
	char	*p;
	long	 n;

	snprintf(path, sizeof path, "%s/tests/data/images/%s",
	    getenv("top_srcdir") != NULL ? getenv("top_srcdir") : ".", name);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = xmalloc((size_t)n + 1);
	*lenp = fread(p, 1, (size_t)n, f);
	fclose(f);
	return p;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A cell drawn: a block or sextant symbol, or a space. */
static int
is_symbol(uint32_t ch)
{
	return ch == ' ' || (ch >= 0x2580 && ch <= 0x259f) ||
	    (ch >= 0x1fb00 && ch <= 0x1fb3b);
}

static void
test_good(void)
{
	struct image		*im;
	struct image_art	*art;
	char			*data, *cause = NULL;
	size_t			 i, j, len, n;
	int			 w, h, symbols, colours, plain;

	for (i = 0; i < nitems(good); i++) {
		data = slurp(good[i], &len);
		im = data != NULL ? image_decode(data, len, &cause) : NULL;
		if (!ok(im != NULL, "%s decodes", good[i])) {
			diag("%s", cause != NULL ? cause : "no file");
			free(cause);
			cause = NULL;
			free(data);
			continue;
		}
		image_size(im, &w, &h);
		ok(w == 48 && h == 32, "%s is 48 x 32 (%d x %d)", good[i], w,
		    h);
		/* 48 px is 6 cells of 8; 32 px is 2 rows of 16. */
		art = image_art(im, 80, 256);
		ok(art != NULL && art->cols <= 6 && art->rows <= 2 &&
			art->cols >= 3,
		    "%s: a small image stays small (%d x %d)", good[i],
		    art != NULL ? art->cols : 0, art != NULL ? art->rows : 0);
		image_art_free(art);
		art = image_art(im, 4, 256);
		n = art != NULL ? (size_t)art->cols * art->rows : 0;
		symbols = colours = 0;
		for (j = 0; j < n; j++) {
			symbols += is_symbol(art->cells[j].ch);
			colours += art->cells[j].fg >= 16 &&
			    art->cells[j].bg >= 16;
		}
		ok(art != NULL && art->cols == 4 && art->rows >= 1 &&
			art->rows <= MAX_IMAGE_ROWS,
		    "%s fits 4 columns (%d x %d)", good[i],
		    art != NULL ? art->cols : 0, art != NULL ? art->rows : 0);
		ok(n > 0 && (size_t)symbols == n,
		    "%s: every cell a block or sextant symbol", good[i]);
		ok(n > 0 && (size_t)colours == n,
		    "%s: every cell two of the 240 colours", good[i]);
		image_art_free(art);
		art = image_art(im, 4, 8);
		n = art != NULL ? (size_t)art->cols * art->rows : 0;
		for (j = plain = 0; j < n; j++)
			plain += art->cells[j].fg == -1 &&
			    art->cells[j].bg == -1;
		ok(n > 0 && (size_t)plain == n,
		    "%s: symbols without colours for 8 colours", good[i]);
		image_art_free(art);
		image_free(im);
		free(data);
	}
}

static void
test_bad(void)
{
	struct image	*im;
	char		*data, *cause;
	size_t		 i, len;
	double		 t;

	for (i = 0; i < nitems(bad); i++) {
		cause = NULL;
		if ((data = slurp(bad[i].file, &len)) == NULL) {
			ok(0, "%s: no such file", bad[i].file);
			continue;
		}
		t = now();
		im = image_decode(data, len, &cause);
		t = now() - t;
		ok(im == NULL && cause != NULL &&
			strstr(cause, bad[i].reason) != NULL,
		    "%s refused: %s", bad[i].file,
		    cause != NULL ? cause : "(no reason)");
		ok(t < 1.0, "%s refused within a second (%.3f s)", bad[i].file,
		    t);
		image_free(im);
		free(cause);
		free(data);
	}
	/* Past the byte limit: refused before a look inside. */
	len = MAX_IMAGE_BYTES + 1;
	data = xcalloc(1, len);
	memcpy(data, "\x89PNG\r\n\x1a\n", 8);
	cause = NULL;
	im = image_decode(data, len, &cause);
	ok(im == NULL && cause != NULL && strstr(cause, "bytes") != NULL,
	    "%zu bytes refused: %s", len, cause != NULL ? cause : "?");
	free(cause);
	free(data);
}

static void
test_cache(void)
{
	struct cache	*cache;
	char		 path[] = "/tmp/test-image-XXXXXX";
	char		 url[64], *cause = NULL, *body, *got;
	size_t		 len, i, n, kept;
	int		 fd;

	if ((fd = mkstemp(path)) == -1) {
		ok(0, "mkstemp");
		return;
	}
	close(fd);
	unlink(path);
	if ((cache = cache_open(path, 0, &cause)) == NULL) {
		ok(0, "cache_open: %s", cause);
		free(cause);
		return;
	}
	ok(cache_image_put(cache, "http://a/1.png", "\x89PNG", 4, &cause) == 0,
	    "an image kept");
	got = cache_image_get(cache, "http://a/1.png", &len);
	ok(got != NULL && len == 4 && memcmp(got, "\x89PNG", 4) == 0,
	    "and read back");
	free(got);
	ok(cache_image_get(cache, "http://a/2.png", &len) == NULL && len == 0,
	    "an image never kept is not there");
	/* Past the cap, the oldest go. */
	len = MAX_IMAGE_BYTES;
	n = MAX_CACHE_IMAGE_BYTES / len + 3;
	body = xcalloc(1, len);
	for (i = 0; i < n; i++) {
		snprintf(url, sizeof url, "http://a/big%zu", i);
		if (cache_image_put(cache, url, body, len, &cause) != 0) {
			diag("%s", cause);
			free(cause);
			cause = NULL;
		}
	}
	for (i = kept = 0; i < n; i++) {
		snprintf(url, sizeof url, "http://a/big%zu", i);
		if ((got = cache_image_get(cache, url, &len)) != NULL)
			kept++;
		free(got);
	}
	snprintf(url, sizeof url, "http://a/big%zu", n - 1);
	got = cache_image_get(cache, url, &len);
	ok(kept * MAX_IMAGE_BYTES <= MAX_CACHE_IMAGE_BYTES && kept >= n - 4 &&
		got != NULL,
	    "the images kept stay under the cap (%zu of %zu)", kept, n);
	free(got);
	ok(cache_image_put(cache, "http://a/huge", body, MAX_IMAGE_BYTES + 1,
	       &cause) == -1,
	    "an image over the limit is not kept");
	free(cause);
	free(body);
	cache_close(cache);
	unlink(path);
}

int
main(void)
{
	if (!image_supported()) {
		printf("1..0 # SKIP built without gdk-pixbuf and chafa\n");
		return 0;
	}
	test_good();
	test_bad();
	test_cache();
	return tap_done();
}
