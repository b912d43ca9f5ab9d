/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy-images.c: the gdk-pixbuf, chafa and GLib functions image.c calls,
 * under their own names, loading gdk-pixbuf and chafa (GLib comes with
 * them) at the first of them: lazy.c says why.  Nothing without them
 * (configure).
 */
#include "config.h"

#ifdef HAVE_IMAGES
#include <pthread.h>

#include <chafa.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "tidings.h"
#include "lazy.h"

/*
 * X(return type, name, parameters, arguments), V(name, parameters,
 * arguments) for those returning nothing; GLib's are found through
 * gdk-pixbuf, which needs it.
 */
#define LAZY_PIXBUF_FIXED(X) \
	X(GdkPixbufLoader *, gdk_pixbuf_loader_new_with_type, \
	    (const char *type, GError **err), (type, err)) \
	X(gboolean, gdk_pixbuf_loader_write, \
	    (GdkPixbufLoader * l, const guchar *buf, gsize n, GError **err), \
	    (l, buf, n, err)) \
	X(gboolean, gdk_pixbuf_loader_close, \
	    (GdkPixbufLoader * l, GError * *err), (l, err)) \
	X(GdkPixbuf *, gdk_pixbuf_loader_get_pixbuf, (GdkPixbufLoader * l), \
	    (l)) \
	X(const guint8 *, gdk_pixbuf_read_pixels, (const GdkPixbuf *p), (p)) \
	X(int, gdk_pixbuf_get_width, (const GdkPixbuf *p), (p)) \
	X(int, gdk_pixbuf_get_height, (const GdkPixbuf *p), (p)) \
	X(int, gdk_pixbuf_get_rowstride, (const GdkPixbuf *p), (p)) \
	X(int, gdk_pixbuf_get_n_channels, (const GdkPixbuf *p), (p)) \
	X(int, gdk_pixbuf_get_bits_per_sample, (const GdkPixbuf *p), (p)) \
	X(gulong, g_signal_connect_data, \
	    (gpointer obj, const gchar *signal, GCallback cb, gpointer data, \
		GClosureNotify destroy, GConnectFlags flags), \
	    (obj, signal, cb, data, destroy, flags)) \
	X(gchar *, g_string_free, (GString * s, gboolean all), (s, all))

#define LAZY_PIXBUF_VOID(V) \
	V(gdk_pixbuf_loader_set_size, (GdkPixbufLoader * l, int w, int h), \
	    (l, w, h)) \
	V(g_object_unref, (gpointer obj), (obj)) \
	V(g_clear_error, (GError * *err), (err))

#define LAZY_CHAFA_FIXED(X) \
	X(ChafaTermDb *, chafa_term_db_get_default, (void), ()) \
	X(ChafaTermInfo *, chafa_term_db_get_fallback_info, \
	    (ChafaTermDb * db), (db)) \
	X(ChafaSymbolMap *, chafa_symbol_map_new, (void), ()) \
	X(ChafaCanvasConfig *, chafa_canvas_config_new, (void), ()) \
	X(ChafaCanvas *, chafa_canvas_new, (const ChafaCanvasConfig *c), (c)) \
	X(GString *, chafa_canvas_print, \
	    (ChafaCanvas * c, ChafaTermInfo * ti), (c, ti)) \
	X(gunichar, chafa_canvas_get_char_at, \
	    (ChafaCanvas * c, gint x, gint y), (c, x, y))

#define LAZY_CHAFA_VOID(V) \
	V(chafa_set_n_threads, (gint n), (n)) \
	V(chafa_term_info_unref, (ChafaTermInfo * ti), (ti)) \
	V(chafa_symbol_map_unref, (ChafaSymbolMap * m), (m)) \
	V(chafa_symbol_map_add_by_tags, \
	    (ChafaSymbolMap * m, ChafaSymbolTags tags), (m, tags)) \
	V(chafa_canvas_config_unref, (ChafaCanvasConfig * c), (c)) \
	V(chafa_canvas_config_set_canvas_mode, \
	    (ChafaCanvasConfig * c, ChafaCanvasMode mode), (c, mode)) \
	V(chafa_canvas_config_set_pixel_mode, \
	    (ChafaCanvasConfig * c, ChafaPixelMode mode), (c, mode)) \
	V(chafa_canvas_config_set_symbol_map, \
	    (ChafaCanvasConfig * c, const ChafaSymbolMap *m), (c, m)) \
	V(chafa_canvas_config_set_geometry, \
	    (ChafaCanvasConfig * c, gint w, gint h), (c, w, h)) \
	V(chafa_canvas_config_set_cell_geometry, \
	    (ChafaCanvasConfig * c, gint w, gint h), (c, w, h)) \
	V(chafa_canvas_unref, (ChafaCanvas * c), (c)) \
	V(chafa_canvas_draw_all_pixels, \
	    (ChafaCanvas * c, ChafaPixelType type, const guint8 *pixels, \
		gint w, gint h, gint rowstride), \
	    (c, type, pixels, w, h, rowstride)) \
	V(chafa_canvas_get_raw_colors_at, \
	    (ChafaCanvas * c, gint x, gint y, gint * fg, gint * bg), \
	    (c, x, y, fg, bg)) \
	V(chafa_calc_canvas_geometry, \
	    (gint src_w, gint src_h, gint * w, gint * h, gfloat font_ratio, \
		gboolean zoom, gboolean stretch), \
	    (src_w, src_h, w, h, font_ratio, zoom, stretch))

LAZY_PIXBUF_FIXED(LAZY_POINTER)
LAZY_PIXBUF_VOID(LAZY_POINTER_VOID)
LAZY_CHAFA_FIXED(LAZY_POINTER)
LAZY_CHAFA_VOID(LAZY_POINTER_VOID)

static pthread_once_t lazy_images_once = PTHREAD_ONCE_INIT;

static void
lazy_images_load(void)
{
	void *h = lazy_open(PIXBUF_SONAME);

	LAZY_PIXBUF_FIXED(LAZY_FIND)
	LAZY_PIXBUF_VOID(LAZY_FIND_VOID)
	h = lazy_open(CHAFA_SONAME);
	LAZY_CHAFA_FIXED(LAZY_FIND)
	LAZY_CHAFA_VOID(LAZY_FIND_VOID)
}

#define LAZY_READY() pthread_once(&lazy_images_once, lazy_images_load)
LAZY_PIXBUF_FIXED(LAZY_CALL)
LAZY_PIXBUF_VOID(LAZY_CALL_VOID)
LAZY_CHAFA_FIXED(LAZY_CALL)
LAZY_CHAFA_VOID(LAZY_CALL_VOID)
#endif /* HAVE_IMAGES */
