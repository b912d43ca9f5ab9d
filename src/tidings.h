/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * tidings.h: the core library's types and functions.
 *
 * One banner per source file; a function's prefix is its file's name.  No
 * third-party or curses header is included here: the libraries stay behind
 * the modules named for them (DESIGN.md §3), and the UI has its own ui.h.
 */
#ifndef TIDINGS_H
#define TIDINGS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <regex.h>
#include <time.h>
#include <sys/types.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#define printflike(a, b) __attribute__((format(printf, (a), (b))))
#define __dead __attribute__((noreturn))
#define nitems(a) (sizeof (a) / sizeof (a)[0])

#include "bounds.h"

/* A date that a feed did not give. */
#define TIME_NONE INT64_MIN

/* xmalloc.c */
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xreallocarray(void *, size_t, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);
int		 xasprintf(char **, const char *, ...) printflike(2, 3);
int		 xvasprintf(char **, const char *, va_list) printflike(2, 0);
void		 fatal_set_cleanup(void (*)(void));
void		 fatal_on_thread(void (*)(void *), void *);
void		 fatal_check(void);
__dead void	 fatal(const char *, ...) printflike(1, 2);

/* buf.c */
struct buf {
	char	*data;		/* always NUL-terminated once anything is added */
	size_t	 len;
	size_t	 size;
};
void		 buf_init(struct buf *);
void		 buf_add(struct buf *, const void *, size_t);
void		 buf_adds(struct buf *, const char *);
void		 buf_addc(struct buf *, char);
void		 buf_printf(struct buf *, const char *, ...) printflike(2, 3);
void		 buf_truncate(struct buf *, size_t);
char		*buf_detach(struct buf *);
void		 buf_free(struct buf *);
const char	*buf_not_regular(mode_t);
int		 buf_open_file(const char *, char **);
int		 buf_read_file(struct buf *, const char *, size_t, char **);

/* log.c */
void		 log_open(const char *);
void		 log_close(void);
void		 log_debug(const char *, ...) printflike(1, 2);
void		 log_keep(const char *, ...) printflike(1, 2);
void		 log_warn(const char *, ...) printflike(1, 2);
void		 log_print(FILE *, const char *, ...) printflike(2, 3);
void		 log_flush_kept(FILE *);

/* utf8.c */
size_t		 utf8_valid(const char *, size_t);
size_t		 utf8_xml_span(const char *, size_t);
uint32_t	 utf8_decode(const char *, size_t, size_t *);
size_t		 utf8_encode(uint32_t, char *);
int		 utf8_unsafe(uint32_t);
char		*utf8_sanitize(const char *, size_t);
char		*utf8_sanitize_line(const char *, size_t);
void		 utf8_sanitize_add(struct buf *, const char *, size_t, int);
size_t		 utf8_cluster(const char *, size_t, int *);
int		 utf8_width(const char *, size_t);
char		*utf8_fit(const char *, int, int);
int		 utf8_is_cjk(uint32_t);
uint32_t	 utf8_case(uint32_t, int);
int		 utf8_is_word(uint32_t);
size_t		 utf8_prefix(const char *, size_t, size_t);

/* arena.c */
struct arena;
struct arena	*arena_create(void);
void		*arena_alloc(struct arena *, size_t);
void		 arena_steal(struct arena *, struct arena *);
void		 arena_free(struct arena *);

/* escape.c */
#define ESCAPE_QUOT 0x1 /* '"' as &quot; too */
#define ESCAPE_APOS 0x2 /* '\'' as &#39; too */
void escape_markup(struct buf *, const char *, size_t, int);

/* markup.c */
struct markup_scan {
	int		 state;
	char		 quote;
	int		 dashes;	/* '-', ']' or '?' just seen */
	int		 depth;		/* of [ ] in a declaration */
	int		 match;		/* bytes of "<!ENTITY" matched */
	int		 attrs;		/* in this start tag */
	int		 namespaces;	/* declared in this start tag */
	int		 xmlns;		/* of "xmlns" in this name */
	int		 drop;		/* leaving the rest of a tag out */
	int		 slash;		/* the last byte in a tag was '/' */
	size_t		 entities;	/* declared */
	int		 scope;		/* namespaces declared in scope */
	size_t		 depth_ns;	/* elements open */
	unsigned short	 ns[300];	/* declared by each open element */
};
void		 markup_scan_init(struct markup_scan *);
int		 markup_scan(struct markup_scan *, const char *, size_t,
		     struct buf *, const char **);

/* layout.c */
#define LAYOUT_HARD	0x1	/* keep spaces, break only where full (pre) */
struct layout_line {
	size_t		 off;		/* first byte in the text */
	size_t		 len;		/* bytes, without spaces at the break */
	int		 width;		/* display columns */
};
size_t		 layout_lines(const char *, size_t, int, int, int,
		     struct layout_line **);
int		 layout_min_width(const char *, size_t);
int		 layout_no_start(uint32_t);

/* html.c */
enum html_type {
	HTML_GROUP, /* blocks one after another: body, div, dl */
	HTML_PARA, /* text: p, dt, figcaption; an image's:
				   level is its link number */
	HTML_HEADING, /* text; level 1 to 6 */
	HTML_PRE, /* text with its own newlines, tabs expanded */
	HTML_HR,
	HTML_LIST, /* items; level 1 when ordered */
	HTML_ITEM, /* blocks; level is its number */
	HTML_QUOTE, /* blocks */
	HTML_INDENT, /* blocks: dd */
	HTML_TABLE, /* rows, and a caption paragraph */
	HTML_ROW, /* cells */
	HTML_CELL /* blocks; level 1 for a header cell */
};
struct html_block {
	enum html_type	  type;
	int		  level;
	char		 *text;		/* sanitized UTF-8, NUL-terminated */
	size_t		  len;
	unsigned char	 *attr;		/* per byte, RATTR_* */
	unsigned short	 *link;		/* per byte, link number or 0 */
	size_t		  size;
	struct arena	 *arena;	/* where it and its text are kept */
	struct html_block **kids;
	size_t		  nkids;
	size_t		  kidsize;
};
struct html_doc {
	struct arena	 *arena;	/* every block and text */
	struct html_block *root;
	char		**links;	/* absolute http(s); links[0] is [1] */
	size_t		  nlinks;
};
/* How html.c shows an element. */
enum html_tag_kind {
	TAG_INLINE, /* unknown elements too: their text is kept */
	TAG_DROP, /* script, style, ...: nothing shown */
	TAG_BLOCK, /* ends the paragraph before and after */
	TAG_PARA,
	TAG_HEADING,
	TAG_PRE,
	TAG_UL,
	TAG_OL,
	TAG_LI,
	TAG_QUOTE,
	TAG_TABLE,
	TAG_TR,
	TAG_TD,
	TAG_TH,
	TAG_CAPTION,
	TAG_HR,
	TAG_BR,
	TAG_IMG,
	TAG_A,
	TAG_DT,
	TAG_DD,
	TAG_FIGCAPTION
};
struct html_doc	*html_parse(const char *, size_t, const char *);
char		*html_plain(const char *, size_t);
int		 html_tag_kind(const char *, int *);
char		*html_cp1252(const char *);
int		 html_space_is_typo(const char *, size_t);
void		 html_alt_text(struct buf *, const char *, size_t);
void		 html_append(struct html_block *, const char *, size_t,
		     const unsigned char *, int, const unsigned short *,
		     unsigned short);
void		 html_free(struct html_doc *);

/* plaintext.c */
char *plain_text(const char *, size_t);
char *plain_text_fast(const char *, size_t);

/* html-image.c */
struct _xmlNode;
char *html_image_url(struct _xmlNode *, const char *);

/* image.c: image bytes decoded and drawn as terminal cells */
struct image;
struct image_cell {
	uint32_t ch; /* a block or sextant symbol, or space */
	short	 fg; /* a 256-colour index, -1 the default */
	short	 bg;
};
struct image_art {
	int		   cols;
	int		   rows;
	struct image_cell *cells; /* rows x cols, row by row */
	char		  *seq; /* IMAGE_SIXEL, IMAGE_KITTY: the graphic */
	size_t		   seqlen;
};
enum image_mode {
	IMAGE_SYMBOLS, /* Unicode block and sextant symbols */
	IMAGE_SIXEL,
	IMAGE_KITTY /* the kitty graphics protocol */
};
/* How an image is wanted: cols wide at most, colours, a mode. */
struct image_look {
	int		cols;
	int		colors;
	enum image_mode mode;
	int		cell_w; /* a cell's pixels, for the graphic modes */
	int		cell_h;
};
int	      image_supported(void);
struct image *image_decode(const void *, size_t, char **);
struct image *image_decode_until(const void *, size_t, int (*)(void *), void *,
    char **);
void	      image_size(const struct image *, int *, int *);
void	      image_free(struct image *);
struct image_art *image_art(const struct image *, int, int);
void		  image_art_free(struct image_art *);
struct image_art *image_art_look(const struct image *,
    const struct image_look *);

/* image-worker.c: images decoded on a thread of their own */
struct image_worker;
struct image_worker *image_worker_create(char **);
void		     image_worker_free(struct image_worker *);
int		     image_worker_fd(const struct image_worker *);
void image_worker_add(struct image_worker *, unsigned long, size_t, void *,
    size_t, const struct image_look *);
void image_worker_cancel(struct image_worker *, unsigned long);
int  image_worker_next(struct image_worker *, unsigned long *, size_t *,
     struct image **, struct image_art **, char **);

/* feed.c */
struct enclosure {
	char		*url;
	char		*type;
	long long	 length;	/* -1 when not given */
	long long	 duration; /* seconds, -1 when not given */
};
struct item {
	char		 *title;
	char		 *link;
	char		 *guid;
	char		 *author;
	int64_t		  published;	/* Unix seconds UTC, or TIME_NONE */
	int64_t		  updated;
	char		**categories;
	size_t		  ncategories;
	char		 *summary;	/* HTML as given */
	char		 *content;	/* HTML as given */
	struct enclosure *enclosures;
	size_t		  nenclosures;
	int64_t		  digest;	/* cache_item_digest, 0 until made */
	char		 *search_title; /* cache_item_search_text, or NULL */
	char		 *search_body;
	unsigned char	 *search_sig;	/* cache_item_search_sig, or NULL */
};
struct feed {
	const char	 *format;	/* "rss2.0", "atom1.0", "jekyll", ... */
	char		 *title;
	char		 *link;
	char		 *description;
	int		  wellformed;
	int		  warnings;	/* what was skipped or left as is */
	struct item	**items;	/* only when no item callback is given */
	size_t		  nitems;
};
/* Called for each parsed item; the item is freed after it returns. */
typedef int (*feed_item_cb)(const struct feed *, const struct item *, void *);
struct feed	*feed_create(void);
void		 feed_free(struct feed *);
struct item	*item_create(void);
void		 item_free(struct item *);
void		 feed_add_item(struct feed *, struct item *);
void		 item_add_category(struct item *, const char *);
struct enclosure *item_add_enclosure(struct item *, const char *, const char *,
    long long);
long long	  enclosure_duration(const char *);
char		*feed_field(const char *);
void		 feed_print_json_item(FILE *, const struct item *);
void		 feed_print_json_head(FILE *, const struct feed *);
void		 feed_print_json(FILE *, const struct feed *);

/* download.c */
#define DOWNLOAD_TICK_MS 250 /* between progress reports */
struct fetch_options;
typedef void (*download_cb)(void *, int64_t, int64_t);
char *download_component(const char *, const char *);
char *download_filename(const char *);
char *download_dir(const char *, const char *, const char *, char **);
int   download_run(const char *, const char *, const struct fetch_options *,
      download_cb, void *, char **, char **);
struct download;
struct fetch_engine;
struct fetch_job;
struct download	 *download_start(struct fetch_engine *, const char *,
     const char *, char **);
struct fetch_job *download_job(const struct download *);
void download_progress(const struct download *, int64_t *, int64_t *);
int  download_finish(struct download *, char **, char **);
void download_free(struct download *);
void download_abandon(struct download *);
int  download_delete(const char *, const char *, char **);

/* enclosure.c */
void  enclosures_print_json(FILE *, const struct enclosure *, size_t);
void  enclosure_size(long long, char *, size_t);
void  enclosure_time(long long, char *, size_t);
char *enclosure_describe(const struct enclosure *);
char *enclosure_progress(int64_t, int64_t, double);

/* feed-parse.c */
struct feed	*feed_parse(const char *, size_t, const char *, const char *,
		     feed_item_cb, void *, char **);
struct feed	*feed_parse_file(const char *, feed_item_cb, void *, char **);
void		 feed_parse_init(void);

/* feed-decode.c */
struct feed_decode;
typedef ssize_t (*feed_decode_cb)(void *, char *, size_t);
struct feed_decode *feed_decode_open(feed_decode_cb, void *, const char *,
		     char **);
int		 feed_decode_read(struct feed_decode *, char *, int);
void		 feed_decode_read_all(struct feed_decode *, struct buf *);
int		 feed_decode_bad(const struct feed_decode *);
const char	*feed_decode_over(const struct feed_decode *);
void		 feed_decode_free(struct feed_decode *);
const char	*feed_decode_charset(const char *, char *, size_t);

/* feed-json.c */
struct feed	*feed_json_parse(const char *, size_t, const char *,
		     feed_item_cb, void *, char **);

/* feed-date.c */
int64_t		 feed_date_parse(const char *);
int64_t		 feed_date_parse_zone(const char *, int);

/* url.c */
char		*url_trim(const char *);
char		*url_resolve(const char *, const char *);
int		 url_is_web(const char *);
char		*url_key(const char *);
char		*url_escape(const char *);
char		*url_decode_segment(const char *, size_t);

/* markdown.c */
char		*markdown_to_html(const char *, size_t);

/* yamldoc.c */
enum yamldoc_kind {
	YAMLDOC_SCALAR,
	YAMLDOC_LIST,
	YAMLDOC_MAP
};
struct yamldoc {
	enum yamldoc_kind  kind;
	char		  *value;	/* a scalar's text */
	int		   plain;	/* untagged and unquoted: typed */
	struct yamldoc	 **items;	/* a map: keys and values in turn */
	size_t		   n;
};
struct yamldoc	*yamldoc_parse(const char *, size_t, char **);
void		 yamldoc_free(struct yamldoc *);
const struct yamldoc *yamldoc_get(const struct yamldoc *, const char *);
const char	*yamldoc_str(const struct yamldoc *, const char *);
int		 yamldoc_is_null(const struct yamldoc *);
int		 yamldoc_bool(const struct yamldoc *);

/* liquid.c */
struct liquid_ctx {
	const struct yamldoc	*site;		/* _config.yml */
	const struct yamldoc	*page;		/* the front matter */
	char	*(*var)(void *, const char *);	/* page.url and the like */
	char	*(*url)(void *, const char *, int); /* link; post_url if 1 */
	char	*(*include)(void *, const char *, char **);
	void	*arg;
	int	 warnings;
};
char		*liquid_render(struct liquid_ctx *, const char *, size_t);

/* tz.c */
struct tz;
struct tz	*tz_load(const char *, char **);
struct tz	*tz_fixed(int);
void		 tz_free(struct tz *);
long		 tz_offset(const struct tz *, int64_t);
int64_t		 tz_from_local(const struct tz *, int64_t);
void		 tz_to_local(const struct tz *, int64_t, struct tm *);

/* posts.c */
int		 posts_is_post(const char *);
struct feed	*posts_read_file(const char *, char **);
struct feed	*posts_read_dir(const char *, feed_item_cb, void *, char **);

/* json.c */
void		 json_print_string(FILE *, const char *);

/* urls.c */
struct urls_entry {
	char		 *url;
	char		**categories;
	size_t		  ncategories;
	char		 *title;	/* "~Title", or NULL */
	int		  hidden;	/* "!" */
	int		  line;
	char		 *outline;	/* its OPML outline's text, or NULL */
};
struct urls {
	struct urls_entry *entries;
	size_t		   n;
};
struct urls	*urls_load(const char *, char **);
struct urls	*urls_parse(const char *, const char *, char **);
void		 urls_free(struct urls *);
struct urls_entry *urls_add(struct urls *, const char *);
void		 urls_add_category(struct urls_entry *, const char *);
void		 urls_entry_copy(struct urls_entry *, const struct urls_entry *);
void		 urls_entry_clear(struct urls_entry *);
struct urls_entry *urls_find(const struct urls *, const char *);
int		 urls_matches(const struct urls_entry *, const char *);
int		   urls_query(const char *, char **, const char **);
char		*urls_format(const struct urls_entry *);
int		 urls_append(const char *, const struct urls_entry *, size_t,
		     char **);

/* opml.c */
struct urls	*opml_parse(const char *, size_t, const char *, char **);
struct urls	*opml_import(const char *, char **);
void		 opml_write(FILE *, const struct urls *);

/* siphash.c */
#define SIPHASH_KEY_LEN	16
uint64_t	 siphash(const unsigned char *, const void *, size_t);

/* category.c */
char		*category_clean(const char *);
char		*category_parent(const char *);
int		 category_depth(const char *);
int		 category_compare(const char *, const char *);

/* cache-text.c */
char		*cache_text_extract(const char *, size_t);
char		*cache_text_normalise(const char *);
void		 cache_item_search_text(struct item *);
void		 cache_item_search_sig(struct item *);

/* cache*.c: the types the cache shares with its callers */
#define CACHE_READONLY	0x1	/* never write */
#define CACHE_SHARE	0x2	/* read-only if another tidings writes it */
#define CACHE_QUERY	0x4	/* only reads, but migrates an old cache */
struct cache;
struct cache_update;
struct config_rule;
struct filter;
enum scope_type {
	SCOPE_ALL,
	SCOPE_CATEGORY, /* id: a category, with its nested ones */
	SCOPE_UNCATEGORIZED,
	SCOPE_FEED, /* id: a feed */
	SCOPE_STARRED,
	SCOPE_SEARCH, /* query */
	SCOPE_QUERY /* a query feed: every feed's, by filter */
};
/*
 * Which articles a list shows.  A query with another type than
 * SCOPE_SEARCH searches within that scope; a filter keeps the articles it
 * matches (a query feed's expression, or the list's filter).
 */
struct scope {
	enum scope_type	 type;
	int64_t		 id;
	const char	*query;
	int		 unread_only;
	const struct filter *filter;
};
struct category_row {
	int64_t		 id;
	char		*name;		/* full name, "新闻/财经" */
	int		 depth;		/* number of '/' in name */
	long		 unread;	/* nested categories rolled up */
	long		 total;
	int		 listed; /* a tag of a shown feed, or a parent */
};
/* Position in a list of items, newest first: (date, id). */
struct item_key {
	int64_t		 date;
	int64_t		 id;
};
struct item_row {
	int64_t		 id;
	int64_t		 date;
	char		*title;		/* sanitized */
	char		*feed_title;	/* sanitized */
	char		*author; /* sanitized, "" if none */
	long		 length; /* cache_item_length, -1 until asked */
	int		 read;
	int		 starred;
};
struct article {
	int64_t		  id;
	int64_t		  feed_id;
	char		 *title;
	char		 *link;
	char		 *author;
	char		 *feed_title;
	char		 *feed_url;
	char		 *html;		/* content, else summary */
	char		**categories;
	size_t		  ncategories;
	int64_t		  date;
	int		  read;
	int		  starred;
	struct enclosure *enclosures; /* sanitized, any scheme */
	size_t		  nenclosures;
};
/*
 * The fetcher's memory of each feed (reload.c, fetch-policy.c), kept in
 * the feeds table: validators for conditional GET, failures for backing
 * off, the server's Retry-After, and a permanent redirect seen but not yet
 * adopted.
 */
struct cache_feed_state {
	char		*etag;		/* ETag of the last 200, or NULL */
	char		*last_modified;	/* its Last-Modified, or NULL */
	int64_t		 last_fetch;	/* last attempt, Unix seconds, 0 never */
	int		 failures;	/* failed fetches in a row */
	int64_t		 retry_after;	/* no fetch before this time, 0 none */
	char		*redirect;	/* permanent redirect target, or NULL */
	int		 redirects;	/* times in a row it was followed */
	int		 status;	/* last HTTP status, 0 none */
	char		*error;		/* last error, NULL after a success */
	unsigned char	 digest_key[SIPHASH_KEY_LEN]; /* cache_item_digest's */
};
/* A mark made here that a sync has yet to push (cache-sync.c). */
struct cache_sync_mark {
	int   field; /* 0 read, 1 starred */
	int   value;
	char *id; /* the server's, without the prefix */
};
/* A page followed from an article, kept for reading offline. */
struct cache_page {
	char		*url;
	char		*final_url;	/* after redirects */
	int64_t		 fetched_at;	/* 0: now, when put */
	char		*content_type;
	char		*body;		/* NUL-terminated when got */
	size_t		 len;
};
/* A feed in the feed view: its title is sanitized (NULL fields: none). */
struct feed_row {
	int64_t		 id;
	char		*title;
	char		*url;
	long		 unread;
	long		 total;
	char		*error;		/* the last fetch's error */
};

/* cache.c */
struct cache	*cache_open(const char *, int, char **);
struct cache	*cache_open_version(const char *, int, int, char **);
void		 cache_close(struct cache *);
int		 cache_is_readonly(struct cache *);
void		 cache_set_search_few(struct cache *, int);
void cache_set_ignore(struct cache *, const struct config_rule *, size_t);

/* cache-digest.c */
int64_t cache_item_digest(const struct item *, const unsigned char *);

/* cache-enclosure.c */
int  cache_enclosures(struct cache *, int64_t, struct enclosure **, size_t *,
     char **);
void enclosures_free(struct enclosure *, size_t);

/* cache-download.c: the download queue */
enum download_state {
	DOWNLOAD_QUEUED,
	DOWNLOAD_RUNNING,
	DOWNLOAD_DONE,
	DOWNLOAD_FAILED,
	DOWNLOAD_CANCELLED, /* its part kept for a later start */
	DOWNLOAD_PLAYED /* done, and played */
};
struct download_row {
	int64_t		    id;
	char		   *url;
	int64_t		    item; /* 0: none */
	char		   *feed; /* its name, for download-path's %n */
	enum download_state state;
	char		   *path; /* the file, once done; or NULL */
	char		   *error; /* why it failed; or NULL */
};
int	cache_download_add(struct cache *, const char *, int64_t, const char *,
	char **);
long	cache_download_auto(struct cache *, int64_t, char **);
int64_t cache_download_last_item(struct cache *);
int  cache_downloads(struct cache *, struct download_row **, size_t *, char **);
int  cache_download_set(struct cache *, int64_t, enum download_state,
     const char *, const char *, char **);
int  cache_download_remove(struct cache *, int64_t, char **);
long cache_download_purge(struct cache *, char **);
void download_rows_free(struct download_row *, size_t);

/* download-queue.c: the queue run inside the reader's loop */
struct config;
struct dlqueue;
struct dlqueue *dlqueue_create(struct cache *, const struct config *);
void		dlqueue_free(struct dlqueue *);
void		dlqueue_poke(struct dlqueue *);
int		dlqueue_busy(const struct dlqueue *);
int		dlqueue_wait(struct dlqueue *, const int *, int, int);
int		dlqueue_step(struct dlqueue *, char **, int *);
int    dlqueue_progress(const struct dlqueue *, int64_t, int64_t *, int64_t *,
       double *);
void   dlqueue_forget(struct dlqueue *, int64_t);
int    dlqueue_cancel(struct dlqueue *, int64_t);
int    dlqueue_start_now(struct dlqueue *, int64_t, char **);
void   dlqueue_set_auto(struct dlqueue *, int);
int    dlqueue_auto(const struct dlqueue *);
void   dlqueue_set_max(struct dlqueue *, size_t);
size_t dlqueue_max(const struct dlqueue *);

/* cache-housekeep.c */
int cache_housekeep(struct cache *, int, int, long *, char **);
int cache_vacuum(struct cache *, char **);
int cache_check(struct cache *, char **);

/* cache-mark.c */
int		 cache_set_read(struct cache *, int64_t, int, char **);
int		 cache_set_starred(struct cache *, int64_t, int, char **);
int		 cache_mark_scope(struct cache *, const struct scope *, int,
		     long *, char **);

/* cache-page.c */
int		 cache_page_put(struct cache *, const struct cache_page *,
		     char **);
struct cache_page *cache_page_get(struct cache *, const char *);
void		 cache_page_free(struct cache_page *);

/* cache-image.c */
int   cache_image_put(struct cache *, const char *, const void *, size_t,
      char **);
void *cache_image_get(struct cache *, const char *, size_t *);

/* cache-query.c */
int cache_categories(struct cache *, struct category_row **, size_t *, char **);
void cache_category_rows_free(struct category_row *, size_t);
int  cache_article_categories_count(struct cache *, long *, long *, char **);
int  cache_count(struct cache *, const struct scope *, long *, long *, char **);
int  cache_items(struct cache *, const struct scope *, const struct item_key *,
     int, size_t, struct item_row **, size_t *, char **);
int  cache_items_each(struct cache *, const struct scope *, size_t,
     void (*)(const struct item_row *, void *), void *, char **);
void cache_item_rows_free(struct item_row *, size_t);
long cache_item_length(struct cache *, int64_t);
struct article *cache_article(struct cache *, int64_t, char **);
void		cache_article_free(struct article *);
int64_t		cache_find_link(struct cache *, const char *);
long		cache_feed_items(struct cache *, const char *);
int cache_feeds(struct cache *, int64_t, struct feed_row **, size_t *, char **);
void	cache_feed_rows_free(struct feed_row *, size_t);
char   *cache_feed_title(struct cache *, int64_t);
void	cache_feed_about(struct cache *, int64_t, char **, char **);
int64_t cache_find_feed(struct cache *, const char *);
int64_t cache_find_category(struct cache *, const char *);

/* cache-search.c */
long		 cache_index(struct cache *, int, char **);
long		 cache_index_left(struct cache *);

/* cache-store.c */
struct cache_update *cache_update_begin(struct cache *, const char *,
    const struct urls_entry *, char **);
int  cache_update_item(struct cache_update *, const struct item *, char **);
int  cache_update_commit(struct cache_update *, const struct feed *, char **);
void cache_update_abort(struct cache_update *);
int  cache_store_feed(struct cache *, const char *, const struct urls_entry *,
     const struct feed *, long *, char **);
int  cache_batch_begin(struct cache *, char **);
int  cache_batch_end(struct cache *, int, char **);
int  cache_feed_state_get(struct cache *, const char *,
     struct cache_feed_state *, char **);
int  cache_feed_state_put(struct cache *, const char *,
     const struct cache_feed_state *, char **);
void cache_feed_state_clear(struct cache_feed_state *);

/* cache-sync.c */
char *cache_sync_get(struct cache *, const char *);
int   cache_sync_put(struct cache *, const char *, const char *, char **);
int   cache_sync_feed(struct cache *, const char *, char **);
int  cache_sync_pending(struct cache *, const char *, struct cache_sync_mark **,
     size_t *, char **);
void cache_sync_marks_free(struct cache_sync_mark *, size_t);
int  cache_sync_pushed(struct cache *, int, int, const char *, char **);
int  cache_sync_marks(struct cache *, const char *, int, const char *, int, int,
     char **);
long cache_sync_queued(struct cache *);
long cache_sync_unread(struct cache *, const char *, const char *);

/* render.c */
#define RATTR_BOLD	0x01
#define RATTR_ITALIC	0x02
#define RATTR_UNDERLINE	0x04
#define RATTR_LINK	0x08
#define RATTR_HEADING	0x10
#define RATTR_CODE	0x20
#define RATTR_QUOTE	0x40
#define RATTR_HEADER	0x80	/* the article header above the body */
struct rline {
	char		*text;		/* sanitized UTF-8, no newline */
	size_t		 len;
	unsigned char	*attr;		/* one RATTR_* set per byte of text */
	unsigned short	*link;		/* per byte: link number, 0 for none */
	int		 width;		/* display columns, <= the width asked */
	unsigned short	 image; /* first line of image N's, else 0 */
};
struct rendered {
	struct arena	*arena;		/* the lines' text, attr and link */
	struct rline	*lines;
	size_t		 nlines;
	char		**links;	/* links[0] is link [1] */
	size_t		 nlinks;
	struct rimage	 *below; /* a table's images: drawn below it */
	size_t		  nbelow;
};
struct rimage {
	size_t	       line; /* the table's last line */
	unsigned short image;
};
struct rendered	*render_html(const char *, size_t, const char *, int);
struct rendered	*render_article(const struct article *, int);
void		 render_print(FILE *, const struct rendered *);
void		 render_free(struct rendered *);

/* fetch.c, the engine; reload.c drives it into the cache */
enum fetch_status {
	FETCH_OK,		/* fetched, parsed and stored */
	FETCH_NOT_MODIFIED,	/* 304: nothing new */
	FETCH_SKIPPED,		/* backed off, or the server asked to wait */
	FETCH_ERR_DNS,
	FETCH_ERR_CONNECT,
	FETCH_ERR_TLS,
	FETCH_ERR_HTTP,		/* an HTTP error status */
	FETCH_ERR_TIMEOUT,
	FETCH_ERR_TOO_LARGE,
	FETCH_ERR_REDIRECT,	/* too many, a loop, or to another scheme */
	FETCH_ERR_NETWORK,	/* reset, closed mid-body, bad compression */
	FETCH_ERR_NOT_FEED,	/* a web page, not a feed */
	FETCH_ERR_PARSE,
	FETCH_ERR_LOCAL,	/* a local file or folder */
	FETCH_ERR_UNSUPPORTED,	/* exec:, filter:, query: */
	FETCH_ERR_STORE,	/* the cache refused it */
	FETCH_ERR_NOT_TEXT	/* a page that is not HTML or text */
};
#define FETCH_FAILED(s)	((s) >= FETCH_ERR_DNS)
struct fetch_options {
	int		 max_connections;	/* in all */
	int		 max_host_connections;	/* to one host */
	int		 connect_timeout;	/* seconds */
	int		 timeout;		/* seconds for one feed, in all */
	int		 low_speed_time;	/* seconds below 1 byte/s */
	size_t		 max_bytes;		/* decompressed, per feed */
	int		 force;			/* ignore backing off */
	int			  tries; /* of a feed that fails */
	int		 offline;		/* local sources only */
	const char	*basedir;		/* for relative local paths */
	char		 ca_file[1024];		/* CA certificates, or "" */
	const struct config	 *config; /* urls-source and the rest */
	const struct config_rule *ignores; /* dropped as they arrive */
	size_t			  nignores;
	size_t			  max_items; /* stored of a feed, 0: all */
};
struct fetch_result {
	char		 *url;		/* as in the feed list */
	enum fetch_status status;
	long		  http_status;	/* 0 when none */
	long		  new_items;
	char		 *reason;	/* why it failed or was skipped */
};
struct fetch_progress {
	size_t		 total;		/* feeds added */
	size_t		 done;		/* finished, whatever the outcome */
	size_t		 errors;
	size_t		 skipped;
	size_t		 unchanged;
	long		 new_items;
	uint64_t	 bytes;		/* received, decompressed */
};
struct fetch;
struct cli_env;
struct config;
void		 fetch_options_default(struct fetch_options *);
void		 fetch_options_config(struct fetch_options *,
		     const struct config *);
const char	*fetch_status_name(enum fetch_status);
/* reload.c: fetching feeds and pages into a cache. */
struct fetch	*fetch_list(struct cache *, const struct cli_env *,
		     const struct fetch_options *, char *const *, int,
		     char **);
struct fetch	*fetch_create(struct cache *, const struct fetch_options *);
void		 fetch_free(struct fetch *);
void		 fetch_add(struct fetch *, const struct urls_entry *);
void		 fetch_page(struct fetch *, const char *);
void		     fetch_image(struct fetch *, const char *);
int		 fetch_perform(struct fetch *);
int		 fetch_wait(struct fetch *, const int *, int, int);
struct fetch_result *fetch_next_result(struct fetch *);
void		 fetch_result_free(struct fetch_result *);
void		 fetch_progress(struct fetch *, struct fetch_progress *);
/* sync.c: the feeds and marks of a server (urls-source). */
enum sync_source { SYNC_LOCAL, SYNC_FRESHRSS, SYNC_TTRSS };
int sync_source(const struct config *, char **);
int sync_subscribe(const struct config *, const char *, const char *, int,
    char **);
/* sync-push.c: the queued marks pushed without a sync (the reader's). */
struct sync_push;
struct sync_push *sync_push_start(struct cache *, const struct config *,
    char **);
int		  sync_push_wait(struct sync_push *, const int *, int, int);
int		  sync_push_done(struct sync_push *, char **);
void		  sync_push_free(struct sync_push *);
/* fetch-policy.c: kept pure for the tests. */
int64_t		 fetch_backoff(int);
int64_t		 fetch_retry_after(const char *, int64_t);
int		 fetch_due(const struct cache_feed_state *, int64_t, int);
void		 fetch_note_redirect(struct cache_feed_state *, const char *,
		     const char *, int);
void		 fetch_note_failure(struct cache_feed_state *, const char *,
		     const char *);
const char	*fetch_url(const struct cache_feed_state *, const char *);

/* page.c */
int		 page_type(const char *);
char		*page_type_charset(const char *);
void		 page_charset(const char *, size_t, const char *, char *,
		     size_t);
char		*page_decode(const char *, size_t, const char *, size_t *);
struct rendered	*page_render(const struct cache_page *, int);

/* paths.c */
char		*paths_home(const char *, const char *);
char		*paths_config(const char *);
char		*paths_data(const char *);
char		*paths_newsboat(void);
char		*paths_user_file(const char *, const char *, char **);
char		*paths_demo(void);
int		 paths_make_parents(const char *, char **);

/* demo.c */
struct cache	*demo_open(char **, char **);
void		 demo_remove(const char *);

/* source.c */
int		 source_is_local(const char *);
int		 source_filter_split(const char *, char **, const char **);
struct feed	*source_read_local(const struct urls_entry *, const char *,
		     int, char **);
int		 source_load_local(struct cache *, const struct urls_entry *,
		     const char *, int, char **);

/* keymap.c */
/*
 * A key is an int: a Unicode code point (control keys as their codes: Tab 9,
 * Enter 13, Escape 27, Backspace 127), or one of KEYC_* for keys that have
 * none.  The UI maps curses' codes to these, so the core needs no curses.
 */
#define KEYC_BASE	0x110000
enum {
	KEYC_UP = KEYC_BASE,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_PPAGE,
	KEYC_NPAGE,
	KEYC_HOME,
	KEYC_END,
	KEYC_IC,
	KEYC_DC,
	KEYC_BTAB,
	KEYC_F1,
	KEYC_F12 = KEYC_F1 + 11,
	KEYC_RESIZE,
	KEYC_MOUSE,
	KEYC_LAST
};
#define KEYC_TAB	9
#define KEYC_ENTER	13
#define KEYC_ESCAPE	27
#define KEYC_BSPACE	127
enum action {
	ACTION_NONE,
	ACTION_QUIT,
	ACTION_QUIT_ALL,
	ACTION_UP,
	ACTION_DOWN,
	ACTION_PAGE_UP,
	ACTION_PAGE_DOWN,
	ACTION_HOME,
	ACTION_END,
	ACTION_OPEN,
	ACTION_BACK,
	ACTION_NEXT_LINK,
	ACTION_PREV_LINK,
	ACTION_OPEN_BROWSER,
	ACTION_LINKS,
	ACTION_NEXT_UNREAD,
	ACTION_PREV_UNREAD,
	ACTION_TOGGLE_STAR,
	ACTION_TOGGLE_READ,
	ACTION_MARK_ALL_READ,
	ACTION_TOGGLE_SHOW_READ,
	ACTION_SEARCH,
	ACTION_STARRED,
	ACTION_FEEDS,
	ACTION_HELP,
	ACTION_RELOAD,
	ACTION_RELOAD_ALL,
	ACTION_REDRAW,
	ACTION_OPEN_BROWSER_READ,
	ACTION_SAVE,
	ACTION_PIPE,
	ACTION_BOOKMARK,
	ACTION_MARK_ALL_FEEDS_READ,
	ACTION_CMDLINE,
	ACTION_GOTO_URL,
	ACTION_EDIT_URLS,
	ACTION_MACRO_PREFIX,
	ACTION_UNDO,
	ACTION_SORT,
	ACTION_NEXT,
	ACTION_PREV,
	ACTION_NEXT_UNREAD_FEED,
	ACTION_PREV_UNREAD_FEED,
	ACTION_ENQUEUE,
	ACTION_DOWNLOADS,
	ACTION_PLAY,
	ACTION_DOWNLOAD_DELETE,
	ACTION_PB_DOWNLOAD,
	ACTION_PB_CANCEL,
	ACTION_PB_PURGE,
	ACTION_PB_TOGGLE_AUTO,
	ACTION_PB_MARK_FINISHED,
	ACTION_PB_MORE,
	ACTION_PB_FEWER,
	ACTION_SET_FILTER,
	ACTION_SELECT_FILTER,
	ACTION_CLEAR_FILTER,
	ACTION_COUNT
};
struct keymap;
struct keymap	*keymap_create(void);
void		 keymap_free(struct keymap *);
int		 keymap_bind(struct keymap *, const char *, const char *,
		     char **);
enum action	 keymap_lookup(const struct keymap *, int);
size_t		 keymap_keys(const struct keymap *, enum action, int *,
		     size_t);
int		 keymap_key_from_name(const char *);
char		*keymap_key_name(int);
enum action	 keymap_action_from_name(const char *);
const char	*keymap_action_name(enum action);
const char	*keymap_action_help(enum action);
int keymap_macro_set(struct keymap *, const char *, const char *, char **);
const char *keymap_macro(const struct keymap *, int);
int	    keymap_macro_line(struct keymap *, const char *, char **);

/* options-table.c */
enum option_type {
	OPTION_STRING,
	OPTION_NUMBER,
	OPTION_FLAG
};
struct options_table_entry {
	const char	*name;
	enum option_type type;
	const char	*default_value;
	long		 minimum;
	long		 maximum;
	const char	*help;		/* N_() */
};
extern const struct options_table_entry options_table[];
extern const size_t options_table_size;
/* What `color ELEMENT ...` can colour. */
enum color_element {
	ELEMENT_TITLE,
	ELEMENT_STATUS,
	ELEMENT_TEXT,
	ELEMENT_SELECTED,
	ELEMENT_UNREAD,
	ELEMENT_DATE,
	ELEMENT_FEED,
	ELEMENT_COUNT,
	ELEMENT_HEADER,
	ELEMENT_HEADING,
	ELEMENT_LINK,
	ELEMENT_LINK_SELECTED,
	ELEMENT_QUOTE,
	ELEMENT_CODE,
	ELEMENT_MATCH,
	ELEMENT_ERROR,
	ELEMENT_STARRED,
	ELEMENT_LAST
};
extern const char *const options_elements[];

/* config.c */
#define CONFIG_ATTR_BOLD	0x01
#define CONFIG_ATTR_UNDERLINE	0x02
#define CONFIG_ATTR_REVERSE	0x04
#define CONFIG_ATTR_DIM		0x08
#define CONFIG_ATTR_ITALIC	0x10
#define CONFIG_ATTR_STANDOUT	0x20
#define CONFIG_ATTR_BLINK	0x40
#define CONFIG_COLOR_DEFAULT	(-1)
struct config_color {
	int		 set;		/* given by a `color` line */
	int		 fg;		/* 0-255, or CONFIG_COLOR_DEFAULT */
	int		 bg;
	int		 attr;		/* CONFIG_ATTR_* */
};
/* A `highlight TARGET REGEX FG [BG [ATTR ...]]` line. */
#define HIGHLIGHT_FEEDLIST 0x1
#define HIGHLIGHT_ARTICLELIST 0x2
#define HIGHLIGHT_ARTICLE 0x4
struct config_highlight {
	int		    targets; /* HIGHLIGHT_* */
	regex_t		    re;
	struct config_color color;
};
struct config_rule {
	char	      *scope; /* ignore-article's feed, or "*" */
	char	      *expr;
	struct filter *filter;
};
struct config;
struct config	*config_create(void);
void		 config_free(struct config *);
int		 config_load(struct config *, struct keymap *, const char *,
		     char **);
int		 config_parse_line(struct config *, struct keymap *,
		     const char *, char **);
int		 config_set(struct config *, const char *, const char *,
		     char **);
int			   config_words(const char *, char **, int, char **);
const char	*config_get_string(const struct config *, const char *);
long		 config_get_number(const struct config *, const char *);
const struct config_color *config_get_color(const struct config *,
		     enum color_element);
const char		  *config_warnings(const struct config *);
void			   config_show_warnings(const struct config *);
void			   config_show_errors(const char *);
const struct config_rule  *config_rules(const struct config *, int, size_t *);
const struct config_highlight *config_highlights(const struct config *,
    size_t *);

/* killfile.c */
size_t killfile_apply(const struct config_rule *, size_t,
    const struct urls_entry *, struct feed *);
size_t killfile_max_items(struct feed *, size_t);

/* filter.c */
struct filter;
/* The text of attribute NAME of the article ARG, or NULL. */
typedef const char *(*filter_get_cb)(const char *, void *);
struct filter *filter_parse(const char *, char **);
void	       filter_free(struct filter *);
int	       filter_match(const struct filter *, filter_get_cb, void *);
int	       filter_uses(const struct filter *, const char *);
const char    *filter_text(const struct filter *);

/* listformat.c */
typedef const char *(*listformat_field)(void *, char);
char *listformat_expand(const char *, listformat_field, void *);

/* undo.c */
struct undo;
struct undo *undo_create(void);
void	     undo_free(struct undo *);
int undo_mark_read(struct undo *, struct cache *, const struct scope *, long *,
    char **);
int undo_restore(struct undo *, struct cache *, long *, char **);

/* usercmd.c */
#define USERCMD_TIMEOUT 60 /* seconds for an exec: or filter: command */
pid_t usercmd_spawn(const char *, char *const[], int, int, char **);
int   usercmd_wait(pid_t, const char *, char **);
int   usercmd_capture(const char *, const char *, size_t, int, size_t,
      struct buf *, char **);
int   usercmd_run(const char *, char *const[], const char *, size_t, char **);

/* spawn.c */
int		 spawn_url_ok(const char *);
char		*spawn_find_program(const char *);
char		*spawn_browser_command(const char *);
char		**spawn_make_argv(const char *, const char *);
void		 spawn_free_argv(char **);
int		 spawn_run(char *const *, char **);
int		  spawn_read(char *const *, struct buf *, size_t, char **);
int		 spawn_browser(const char *, const char *, char **);

/* cli.c */
struct cli_env {
	const char	*config;	/* --config, or NULL for the default */
	const char	*urls;		/* --urls */
	const char	*cache;		/* --cache */
	int		 offline;
};
int		 cli_is_command(const char *);
int		 cli_run(const struct cli_env *, int, char **);
__dead void	 cli_usage(FILE *, int);

/* cli-*.c: one file per command, listed in cli.c's table. */
int		 cli_parse(const struct cli_env *, int, char **);
int		 cli_render(const struct cli_env *, int, char **);
int		 cli_list(const struct cli_env *, int, char **);
int		 cli_show(const struct cli_env *, int, char **);
int		 cli_download(const struct cli_env *, int, char **);
struct cache	*cli_cache_open(const struct cli_env *, int);
int		 cli_search(const struct cli_env *, int, char **);
int		 cli_mark_read(const struct cli_env *, int, char **);
int		 cli_vacuum(const struct cli_env *, int, char **);
int		 cli_reload(const struct cli_env *, int, char **);
int		 cli_add(const struct cli_env *, int, char **);
int		 cli_remove(const struct cli_env *, int, char **);
int		 cli_import(const struct cli_env *, int, char **);
int		 cli_export(const struct cli_env *, int, char **);


#endif
