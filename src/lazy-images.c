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

#define LAZY_PIXBUF_SONAME "libgdk_pixbuf-2.0.so.0"
#define LAZY_CHAFA_SONAME "libchafa.so.0"

/* X(library, return type, name, parameters, arguments) */
#define LAZY_IMAGES_FIXED(X) \
	X(PIXBUF, GdkPixbufLoader *, gdk_pixbuf_loader_new_with_type, \
	    (const char *type, GError **err), (type, err)) \
	X(PIXBUF, gboolean, gdk_pixbuf_loader_write, \
	    (GdkPixbufLoader * l, const guchar *buf, gsize n, GError **err), \
	    (l, buf, n, err)) \
	X(PIXBUF, gboolean, gdk_pixbuf_loader_close, \
	    (GdkPixbufLoader * l, GError * *err), (l, err)) \
	X(PIXBUF, GdkPixbuf *, gdk_pixbuf_loader_get_pixbuf, \
	    (GdkPixbufLoader * l), (l)) \
	X(PIXBUF, const guint8 *, gdk_pixbuf_read_pixels, \
	    (const GdkPixbuf *p), (p)) \
	X(PIXBUF, int, gdk_pixbuf_get_width, (const GdkPixbuf *p), (p)) \
	X(PIXBUF, int, gdk_pixbuf_get_height, (const GdkPixbuf *p), (p)) \
	X(PIXBUF, int, gdk_pixbuf_get_rowstride, (const GdkPixbuf *p), (p)) \
	X(PIXBUF, int, gdk_pixbuf_get_n_channels, (const GdkPixbuf *p), (p)) \
	X(PIXBUF, int, gdk_pixbuf_get_bits_per_sample, (const GdkPixbuf *p), \
	    (p)) \
	X(PIXBUF, gulong, g_signal_connect_data, \
	    (gpointer obj, const gchar *signal, GCallback cb, gpointer data, \
		GClosureNotify destroy, GConnectFlags flags), \
	    (obj, signal, cb, data, destroy, flags)) \
	X(PIXBUF, gchar *, g_string_free, (GString * s, gboolean all), \
	    (s, all)) \
	X(CHAFA, ChafaTermDb *, chafa_term_db_get_default, (void), ()) \
	X(CHAFA, ChafaTermInfo *, chafa_term_db_get_fallback_info, \
	    (ChafaTermDb * db), (db)) \
	X(CHAFA, ChafaSymbolMap *, chafa_symbol_map_new, (void), ()) \
	X(CHAFA, ChafaCanvasConfig *, chafa_canvas_config_new, (void), ()) \
	X(CHAFA, ChafaCanvas *, chafa_canvas_new, \
	    (const ChafaCanvasConfig *c), (c)) \
	X(CHAFA, GString *, chafa_canvas_print, \
	    (ChafaCanvas * c, ChafaTermInfo * ti), (c, ti)) \
	X(CHAFA, gunichar, chafa_canvas_get_char_at, \
	    (ChafaCanvas * c, gint x, gint y), (c, x, y))

/* V(library, name, parameters, arguments): those returning nothing. */
#define LAZY_IMAGES_VOID(V) \
	V(PIXBUF, gdk_pixbuf_loader_set_size, \
	    (GdkPixbufLoader * l, int w, int h), (l, w, h)) \
	V(PIXBUF, g_object_unref, (gpointer obj), (obj)) \
	V(PIXBUF, g_clear_error, (GError * *err), (err)) \
	V(CHAFA, chafa_set_n_threads, (gint n), (n)) \
	V(CHAFA, chafa_term_info_unref, (ChafaTermInfo * ti), (ti)) \
	V(CHAFA, chafa_symbol_map_unref, (ChafaSymbolMap * m), (m)) \
	V(CHAFA, chafa_symbol_map_add_by_tags, \
	    (ChafaSymbolMap * m, ChafaSymbolTags tags), (m, tags)) \
	V(CHAFA, chafa_canvas_config_unref, (ChafaCanvasConfig * c), (c)) \
	V(CHAFA, chafa_canvas_config_set_canvas_mode, \
	    (ChafaCanvasConfig * c, ChafaCanvasMode mode), (c, mode)) \
	V(CHAFA, chafa_canvas_config_set_pixel_mode, \
	    (ChafaCanvasConfig * c, ChafaPixelMode mode), (c, mode)) \
	V(CHAFA, chafa_canvas_config_set_symbol_map, \
	    (ChafaCanvasConfig * c, const ChafaSymbolMap *m), (c, m)) \
	V(CHAFA, chafa_canvas_config_set_geometry, \
	    (ChafaCanvasConfig * c, gint w, gint h), (c, w, h)) \
	V(CHAFA, chafa_canvas_config_set_cell_geometry, \
	    (ChafaCanvasConfig * c, gint w, gint h), (c, w, h)) \
	V(CHAFA, chafa_canvas_unref, (ChafaCanvas * c), (c)) \
	V(CHAFA, chafa_canvas_draw_all_pixels, \
	    (ChafaCanvas * c, ChafaPixelType type, const guint8 *pixels, \
		gint w, gint h, gint rowstride), \
	    (c, type, pixels, w, h, rowstride)) \
	V(CHAFA, chafa_canvas_get_raw_colors_at, \
	    (ChafaCanvas * c, gint x, gint y, gint * fg, gint * bg), \
	    (c, x, y, fg, bg)) \
	V(CHAFA, chafa_calc_canvas_geometry, \
	    (gint src_w, gint src_h, gint * w, gint * h, gfloat font_ratio, \
		gboolean zoom, gboolean stretch), \
	    (src_w, src_h, w, h, font_ratio, zoom, stretch))

#define LAZY_POINTER(lib, ret, name, params, args) static ret(*p_##name) params;
#define LAZY_POINTER_VOID(lib, name, params, args) \
	static void(*p_##name) params;
LAZY_IMAGES_FIXED(LAZY_POINTER)
LAZY_IMAGES_VOID(LAZY_POINTER_VOID)

static pthread_once_t lazy_images_once = PTHREAD_ONCE_INIT;

static void
lazy_images_load(void)
{
	void *PIXBUF = lazy_open(LAZY_PIXBUF_SONAME);
	void *CHAFA = lazy_open(LAZY_CHAFA_SONAME);

#define LAZY_FIND(lib, ret, name, params, args) \
	p_##name = (ret(*) params)lazy_sym(lib, LAZY_##lib##_SONAME, #name);
#define LAZY_FIND_VOID(lib, name, params, args) \
	p_##name = (void(*) params)lazy_sym(lib, LAZY_##lib##_SONAME, #name);
	LAZY_IMAGES_FIXED(LAZY_FIND)
	LAZY_IMAGES_VOID(LAZY_FIND_VOID)
}

#define LAZY_CALL(lib, ret, name, params, args) \
	ret(name) params \
	{ \
		pthread_once(&lazy_images_once, lazy_images_load); \
		return p_##name args; \
	}
#define LAZY_CALL_VOID(lib, name, params, args) \
	void(name) params \
	{ \
		pthread_once(&lazy_images_once, lazy_images_load); \
		p_##name args; \
	}
LAZY_IMAGES_FIXED(LAZY_CALL)
LAZY_IMAGES_VOID(LAZY_CALL_VOID)
#endif /* HAVE_IMAGES */
