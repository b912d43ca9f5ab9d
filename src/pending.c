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

/* ---- cache.c (the cache) ---- */
struct cache *cache_open(const char *p, int f, char **cause) { PENDING(cause); return NULL; }
void cache_close(struct cache *c) { }
struct cache_update *cache_update_begin(struct cache *c, const char *u, const struct urls_entry *e, char **cause) { PENDING(cause); return NULL; }
int cache_update_item(struct cache_update *u, const struct item *i, char **cause) { PENDING(cause); return -1; }
int cache_update_commit(struct cache_update *u, const struct feed *f, char **cause) { PENDING(cause); return -1; }
void cache_update_abort(struct cache_update *u) { }
int cache_store_feed(struct cache *c, const char *u, const struct urls_entry *e, const struct feed *f, char **cause) { PENDING(cause); return -1; }
int cache_categories(struct cache *c, struct category_row **r, size_t *n, char **cause) { PENDING(cause); return -1; }
void cache_category_rows_free(struct category_row *r, size_t n) { }
int cache_count(struct cache *c, const struct scope *s, long *u, long *t, char **cause) { PENDING(cause); return -1; }
int cache_items(struct cache *c, const struct scope *s, const struct item_key *k, int b, size_t l, struct item_row **r, size_t *n, char **cause) { PENDING(cause); return -1; }
void cache_item_rows_free(struct item_row *r, size_t n) { }
struct article *cache_article(struct cache *c, int64_t id, char **cause) { PENDING(cause); return NULL; }
void cache_article_free(struct article *a) { }
int cache_set_read(struct cache *c, int64_t id, int v, char **cause) { PENDING(cause); return -1; }
int cache_set_starred(struct cache *c, int64_t id, int v, char **cause) { PENDING(cause); return -1; }
int64_t cache_find_link(struct cache *c, const char *u) { return -1; }
