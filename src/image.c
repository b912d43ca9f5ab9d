/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * image.c: an article's image bytes decoded (gdk-pixbuf) and turned into
 * rows of terminal cells (libchafa), for the pager to draw in place.
 *
 * Only PNG, JPEG, GIF (its first frame) and WebP are read, each by its own
 * gdk-pixbuf loader chosen from the first bytes, so that no other loader
 * (SVG, TIFF, ICO, ...) ever sees network bytes.  The limits of bounds.h
 * hold before any pixel is decoded: the bytes, then the dimensions the
 * header states (the loader's "size-prepared" signal, where a refused
 * image is given a size of 0 x 0, which every loader answers with an error
 * before it allocates), then the time, checked between chunks.  What is
 * kept is scaled down on the way (IMAGE_KEEP_SIDE): the cells never need
 * more.  Without the libraries (configure) every image is refused.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_IMAGES
#include <chafa.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#endif

#include "tidings.h"

/*
 * The longest side kept after decoding, in pixels: 16 rows of cells 16
 * pixels high, and across 64 columns of 8 (a sextant has 2 x 3 dots, a
 * block symbol 8 x 8 at most); JPEG decodes down to it directly.
 */
#define IMAGE_KEEP_SIDE 512
/* Bytes handed to the loader at a time, between two looks at the clock. */
#define IMAGE_CHUNK (16 * 1024)
/* Pixels of a terminal cell assumed to size a small image (w x h). */
#define IMAGE_CELL_W 8
#define IMAGE_CELL_H 16

struct image {
	int	       width;
	int	       height;
	int	       stride;
	int	       alpha;
	unsigned char *pixels; /* RGB or RGBA, 8 bits a channel */
};

/* The format the first bytes name, or NULL. */
static const char *
image_sniff(const unsigned char *p, size_t len)
{
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "png";
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "jpeg";
	if (len >= 6 &&
	    (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return "gif";
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return "webp";
	return NULL;
}

/*
 * Are the bytes whole?  A loader shows what it has of a cut PNG, JPEG or
 * WebP as if it were the image; a cut transfer is refused instead.  PNG
 * ends with its IEND chunk, JPEG with its EOI marker (a few bytes of
 * padding after it are common), WebP's RIFF header states its length.
 * GIF's loader tells itself.
 */
static int
image_whole(const char *type, const unsigned char *p, size_t len)
{
	size_t i, riff;

	if (strcmp(type, "png") == 0)
		return len >= 20 && memcmp(p + len - 8, "IEND", 4) == 0;
	if (strcmp(type, "jpeg") == 0) {
		for (i = len; i >= 2 && len - i < 64; i--) {
			if (p[i - 2] == 0xff && p[i - 1] == 0xd9)
				return 1;
		}
		return 0;
	}
	if (strcmp(type, "webp") == 0) {
		riff = (size_t)p[4] | (size_t)p[5] << 8 | (size_t)p[6] << 16 |
		    (size_t)p[7] << 24;
		return riff <= len - 8;
	}
	return 1;
}

/*
 * The dimensions a WebP header states, 0 x 0 when it states none.  The
 * WebP loader decodes at its close, after allocating what the header
 * says, whatever "size-prepared" asked: the header is read here first.
 */
static void
image_webp_size(const unsigned char *p, size_t len, uint64_t *w, uint64_t *h)
{
	*w = *h = 0;
	if (len >= 30 && memcmp(p + 12, "VP8X", 4) == 0) {
		*w = 1 +
		    ((uint64_t)p[24] | (uint64_t)p[25] << 8 |
			(uint64_t)p[26] << 16);
		*h = 1 +
		    ((uint64_t)p[27] | (uint64_t)p[28] << 8 |
			(uint64_t)p[29] << 16);
	} else if (len >= 25 && memcmp(p + 12, "VP8L", 4) == 0) {
		*w = 1 + ((uint64_t)p[21] | ((uint64_t)p[22] & 0x3f) << 8);
		*h = 1 +
		    ((uint64_t)p[22] >> 6 | (uint64_t)p[23] << 2 |
			((uint64_t)p[24] & 0x0f) << 10);
	} else if (len >= 30 && memcmp(p + 12, "VP8 ", 4) == 0) {
		*w = ((uint64_t)p[26] | (uint64_t)p[27] << 8) & 0x3fff;
		*h = ((uint64_t)p[28] | (uint64_t)p[29] << 8) & 0x3fff;
	}
}

int
image_supported(void)
{
#ifdef HAVE_IMAGES
	return 1;
#else
	return 0;
#endif
}

void
image_free(struct image *im)
{
	if (im == NULL)
		return;
	free(im->pixels);
	free(im);
}

void
image_size(const struct image *im, int *w, int *h)
{
	*w = im->width;
	*h = im->height;
}

void
image_art_free(struct image_art *art)
{
	if (art == NULL)
		return;
	free(art->cells);
	free(art->seq);
	free(art);
}

/* The cells of an image in symbols, at most cols wide. */
struct image_art *
image_art(const struct image *im, int cols, int colors)
{
	struct image_look look;

	memset(&look, 0, sizeof look);
	look.cols = cols;
	look.colors = colors;
	look.mode = IMAGE_SYMBOLS;
	return image_art_look(im, &look);
}

/*
 * Decode an image from untrusted bytes within the limits of bounds.h; NULL
 * with the reason in *cause when it is refused or broken.
 */
struct image *
image_decode(const void *data, size_t len, char **cause)
{
	return image_decode_until(data, len, NULL, NULL, cause);
}

#ifdef HAVE_IMAGES
struct image_load {
	int refused; /* the stated size is over the limit */
	int width; /* as stated */
	int height;
};

static double
image_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The header's dimensions, before a pixel is decoded: over the limit, the
 * size becomes 0 x 0 and the loader stops with an error; else the image
 * is decoded at most IMAGE_KEEP_SIDE a side (JPEG decodes smaller
 * directly).
 */
static void
image_size_prepared(GdkPixbufLoader *loader, int w, int h, void *arg)
{
	struct image_load *st = arg;
	double		   scale;

	st->width = w;
	st->height = h;
	if (w <= 0 || h <= 0 || (uint64_t)w * (uint64_t)h > MAX_IMAGE_PIXELS) {
		st->refused = 1;
		gdk_pixbuf_loader_set_size(loader, 0, 0);
		return;
	}
	if (w <= IMAGE_KEEP_SIDE && h <= IMAGE_KEEP_SIDE)
		return;
	scale = (double)IMAGE_KEEP_SIDE / (w > h ? w : h);
	w = (int)(w * scale);
	h = (int)(h * scale);
	gdk_pixbuf_loader_set_size(loader, w > 0 ? w : 1, h > 0 ? h : 1);
}

/* Copy the pixbuf's pixels into an image of our own. */
static struct image *
image_from_pixbuf(GdkPixbuf *pb)
{
	struct image *im;
	const guint8 *src;
	int	      n, y, row;

	n = gdk_pixbuf_get_n_channels(pb);
	if (gdk_pixbuf_get_bits_per_sample(pb) != 8 || (n != 3 && n != 4))
		return NULL;
	im = xcalloc(1, sizeof *im);
	im->width = gdk_pixbuf_get_width(pb);
	im->height = gdk_pixbuf_get_height(pb);
	im->alpha = n == 4;
	row = im->width * n;
	im->stride = row;
	im->pixels = xreallocarray(NULL, im->height, row);
	src = gdk_pixbuf_read_pixels(pb);
	for (y = 0; y < im->height; y++) {
		memcpy(im->pixels + (size_t)y * row,
		    src + (size_t)y * gdk_pixbuf_get_rowstride(pb), row);
	}
	return im;
}

/*
 * Decode as image_decode does, stopped between two chunks when stop(arg)
 * says so (the image is no longer wanted).
 */
struct image *
image_decode_until(const void *data, size_t len, int (*stop)(void *), void *arg,
    char **cause)
{
	struct image_load    st;
	GdkPixbufLoader	    *loader;
	GdkPixbuf	    *pb;
	GError		    *err = NULL;
	struct image	    *im = NULL;
	const unsigned char *p = data;
	const char	    *type;
	size_t		     off, n;
	uint64_t	     ww, wh;
	double		     start;
	int		     ok = 1, late = 0, stopped = 0;

	if (len > MAX_IMAGE_BYTES) {
		xasprintf(cause, _("image too large: %zu bytes (at most %d)"),
		    len, MAX_IMAGE_BYTES);
		return NULL;
	}
	if ((type = image_sniff(p, len)) == NULL) {
		xasprintf(cause, _("not a PNG, JPEG, GIF or WebP image"));
		return NULL;
	}
	if (!image_whole(type, p, len)) {
		xasprintf(cause, _("truncated %s image"), type);
		return NULL;
	}
	if (strcmp(type, "webp") == 0) {
		image_webp_size(p, len, &ww, &wh);
		if (ww * wh > MAX_IMAGE_PIXELS) {
			xasprintf(cause,
			    _("image too large: the WebP header "
			      "states %d x %d pixels (at most %d million)"),
			    (int)ww, (int)wh, MAX_IMAGE_PIXELS / 1000000);
			return NULL;
		}
	}
	if ((loader = gdk_pixbuf_loader_new_with_type(type, &err)) == NULL) {
		xasprintf(cause, _("no %s decoder: %s"), type,
		    err != NULL ? err->message : "?");
		g_clear_error(&err);
		return NULL;
	}
	memset(&st, 0, sizeof st);
	g_signal_connect(loader, "size-prepared",
	    G_CALLBACK(image_size_prepared), &st);
	start = image_now();
	for (off = 0; ok && off < len && !st.refused; off += n) {
		n = len - off < IMAGE_CHUNK ? len - off : IMAGE_CHUNK;
		ok = gdk_pixbuf_loader_write(loader, p + off, n, &err);
		if (ok && image_now() - start > MAX_IMAGE_DECODE_MS / 1000.0) {
			late = 1;
			break;
		}
		if (ok && stop != NULL && stop(arg)) {
			stopped = 1;
			break;
		}
	}
	/* Closing a loader that failed or was cut short says so: ignored. */
	if (!gdk_pixbuf_loader_close(loader,
		ok && !late && !stopped && !st.refused ? &err : NULL))
		ok = 0;
	if (stopped)
		xasprintf(cause, _("image no longer wanted"));
	else if (st.refused) {
		xasprintf(cause,
		    _("image too large: %d x %d pixels (at most "
		      "%d million)"),
		    st.width, st.height, MAX_IMAGE_PIXELS / 1000000);
	} else if (late) {
		xasprintf(cause, _("image took longer than %d ms to decode"),
		    MAX_IMAGE_DECODE_MS);
	} else if (!ok || (pb = gdk_pixbuf_loader_get_pixbuf(loader)) == NULL) {
		xasprintf(cause, _("broken %s image: %s"), type,
		    err != NULL ? err->message : _("no pixels"));
	} else if ((im = image_from_pixbuf(pb)) == NULL)
		xasprintf(cause, _("unusual %s pixel format"), type);
	g_clear_error(&err);
	g_object_unref(loader);
	return im;
}

/*
 * A chafa canvas of w x h cells for the image, in mode (symbols, sixels or
 * kitty); with colors of 256 or more the symbols have two of the 240
 * colours above the 16 a terminal's theme sets, with fewer none.
 */
static ChafaCanvas *
image_canvas(const struct image *im, int w, int h, int colors,
    const struct image_look *look, int pixels)
{
	ChafaSymbolMap	  *map;
	ChafaCanvasConfig *cfg;
	ChafaCanvas	  *canvas;

	/* A canvas of a few hundred cells: worker threads buy nothing. */
	chafa_set_n_threads(1);
	map = chafa_symbol_map_new();
	chafa_symbol_map_add_by_tags(map,
	    CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_SEXTANT |
		CHAFA_SYMBOL_TAG_SPACE);
	cfg = chafa_canvas_config_new();
	chafa_canvas_config_set_geometry(cfg, w, h);
	chafa_canvas_config_set_symbol_map(cfg, map);
	if (pixels) {
		chafa_canvas_config_set_cell_geometry(cfg, look->cell_w,
		    look->cell_h);
		chafa_canvas_config_set_pixel_mode(cfg,
		    look->mode == IMAGE_SIXEL ? CHAFA_PIXEL_MODE_SIXELS :
						CHAFA_PIXEL_MODE_KITTY);
		chafa_canvas_config_set_canvas_mode(cfg,
		    CHAFA_CANVAS_MODE_TRUECOLOR);
	} else {
		chafa_canvas_config_set_canvas_mode(cfg,
		    colors >= 256 ? CHAFA_CANVAS_MODE_INDEXED_240 :
				    CHAFA_CANVAS_MODE_FGBG);
	}
	canvas = chafa_canvas_new(cfg);
	chafa_canvas_draw_all_pixels(canvas,
	    im->alpha ? CHAFA_PIXEL_RGBA8_UNASSOCIATED : CHAFA_PIXEL_RGB8,
	    im->pixels, im->width, im->height, im->stride);
	chafa_canvas_config_unref(cfg);
	chafa_symbol_map_unref(map);
	return canvas;
}

/*
 * The graphic's escape sequence, as chafa's encoder writes it: nothing of
 * the image's bytes reaches the terminal but the pixels it encodes.  The
 * fallback terminal knows every sequence chafa can write.
 */
static void
image_seq(struct image_art *art, ChafaCanvas *canvas)
{
	ChafaTermInfo *ti;
	GString	      *gs;

	ti = chafa_term_db_get_fallback_info(chafa_term_db_get_default());
	gs = chafa_canvas_print(canvas, ti);
	art->seqlen = gs->len;
	art->seq = xmalloc(gs->len + 1);
	memcpy(art->seq, gs->str, gs->len + 1);
	g_string_free(gs, TRUE);
	chafa_term_info_unref(ti);
}

/*
 * The cells of an image at most look->cols wide and MAX_IMAGE_ROWS high,
 * its shape kept for the cells' shape (twice as high as wide for
 * symbols); a small image is not enlarged past a cell's pixels
 * (IMAGE_CELL_W x IMAGE_CELL_H for symbols).  In a graphic mode the
 * symbols are made too, for rows where the graphic cannot be drawn whole.
 */
struct image_art *
image_art_look(const struct image *im, const struct image_look *look)
{
	ChafaCanvas	  *canvas;
	struct image_art  *art;
	struct image_cell *c;
	int		   w, h, x, y, fg, bg, mw, mh, cw, ch, pixels;

	if (look->cols < 1)
		return NULL;
	pixels = look->mode != IMAGE_SYMBOLS && look->cell_w > 0 &&
	    look->cell_h > 0;
	cw = pixels ? look->cell_w : IMAGE_CELL_W;
	ch = pixels ? look->cell_h : IMAGE_CELL_H;
	mw = (im->width + cw - 1) / cw;
	mh = (im->height + ch - 1) / ch;
	w = mw < look->cols ? mw : look->cols;
	h = mh < MAX_IMAGE_ROWS ? mh : MAX_IMAGE_ROWS;
	chafa_calc_canvas_geometry(im->width, im->height, &w, &h,
	    (double)cw / ch, TRUE, FALSE);
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;

	art = xcalloc(1, sizeof *art);
	art->cols = w;
	art->rows = h;
	if (pixels) {
		canvas = image_canvas(im, w, h, look->colors, look, 1);
		image_seq(art, canvas);
		chafa_canvas_unref(canvas);
	}
	canvas = image_canvas(im, w, h, look->colors, look, 0);
	art->cells = xreallocarray(NULL, (size_t)w * h, sizeof *art->cells);
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			c = &art->cells[(size_t)y * w + x];
			c->ch = chafa_canvas_get_char_at(canvas, x, y);
			fg = bg = -1;
			if (look->colors >= 256)
				chafa_canvas_get_raw_colors_at(canvas, x, y,
				    &fg, &bg);
			c->fg = fg;
			c->bg = bg;
		}
	}
	chafa_canvas_unref(canvas);
	return art;
}

#else
struct image *
image_decode_until(const void *data, size_t len, int (*stop)(void *), void *arg,
    char **cause)
{
	(void)image_sniff;
	(void)image_whole;
	(void)image_webp_size;
	xasprintf(cause, _("tidings was built without image support"));
	return NULL;
}

struct image_art *
image_art_look(const struct image *im, const struct image_look *look)
{
	return NULL;
}
#endif
