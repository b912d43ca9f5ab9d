/*
 * pending.c: placeholders for modules being written in parallel, so that the
 * tree links meanwhile.  Each block goes away when its module lands; this
 * file is deleted when the last one does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"

#define PENDING(cause) xasprintf((cause), "not built yet")

/* ---- utf8.c, render.c, cli-render.c (rendering) ---- */
uint32_t utf8_decode(const char *s, size_t len, size_t *adv) { *adv = 1; return (unsigned char)*s; }
size_t utf8_encode(uint32_t c, char *out) { out[0] = (char)c; return 1; }
char *utf8_sanitize(const char *s, size_t len) { return xstrndup(s, len); }
char *utf8_sanitize_line(const char *s, size_t len) { return xstrndup(s, len); }
size_t utf8_cluster(const char *s, size_t len, int *w) { *w = 1; return 1; }
int utf8_width(const char *s, size_t len) { return (int)len; }
char *utf8_fit(const char *s, int cols, int ellipsis) { return xstrdup(s); }
int utf8_is_cjk(uint32_t c) { return 0; }
struct rendered *render_html(const char *h, size_t l, const char *b, int w) { return xcalloc(1, sizeof (struct rendered)); }
struct rendered *render_article(const struct article *a, int w) { return xcalloc(1, sizeof (struct rendered)); }
void render_print(FILE *f, const struct rendered *r) { }
void render_free(struct rendered *r) { free(r); }
int cli_render(const struct cli_env *e, int c, char **v) { return 2; }

/* ---- feed-parse.c, feed-date.c, url.c, posts.c, markdown.c, json.c, cli-parse.c (parsing) ---- */
struct feed *feed_parse(const char *d, size_t l, const char *u, const char *c, feed_item_cb cb, void *a, char **cause) { PENDING(cause); return NULL; }
struct feed *feed_parse_file(const char *p, feed_item_cb cb, void *a, char **cause) { PENDING(cause); return NULL; }
int64_t feed_date_parse(const char *s) { return TIME_NONE; }
char *url_resolve(const char *b, const char *r) { return xstrdup(r); }
int url_is_web(const char *u) { return 0; }
char *markdown_to_html(const char *s, size_t l) { return xstrndup(s, l); }
int posts_is_post(const char *p) { return 0; }
struct feed *posts_read_file(const char *p, char **cause) { PENDING(cause); return NULL; }
struct feed *posts_read_dir(const char *p, feed_item_cb cb, void *a, char **cause) { PENDING(cause); return NULL; }
void json_print_string(FILE *f, const char *s) { }
void feed_print_json(FILE *f, const struct feed *feed) { }
int cli_parse(const struct cli_env *e, int c, char **v) { return 2; }
