/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * cache-int.h: what the cache*.c files share, and nothing else includes.
 */
#ifndef CACHE_INT_H
#define CACHE_INT_H

#define CACHE_APPLICATION_ID	0x54444e47	/* "TDNG" */
#define CACHE_BUSY_MS		5000
#define CACHE_COUNT_ALL		-1	/* counts row of every item */
#define CACHE_UNCATEGORIZED	0	/* category_items row of no category */
#define CACHE_BIGRAMS_MAX	64
#define CACHE_SEARCH_FEW	2000	/* hits that may be sorted */
#define CACHE_SIG_BYTES 1024 /* an article's bigram signature */
#define CACHE_SIG_HASHES 2 /* bits set in it by each bigram */
#define CACHE_SIG_VERSION 9 /* the schema that has item_sig */
#define CACHE_SIG_BLOCK 64 /* articles in one slice row */
#define CACHE_SIG_GROUP 16 /* blocks sliced together: cache-sig.c */
#define CACHE_SIG_KEPT 2048 /* signatures held for slicing, at most */
#define CACHE_READ_PAGES	32	/* a reader's page cache: cache.c */
#define CACHE_WRITE_KB		8192	/* a writer's */
#define CACHE_INDEX_BATCH	100	/* articles indexed in one transaction */
#define CACHE_CATEGORY_MEMO	32	/* category ids an update remembers */
#define CACHE_SCOPE_SHAPES	((SCOPE_QUERY + 1) * 64) /* cache_scope_shape */

struct cache {
	sqlite3			*db;
	int			 target;	/* the version to migrate to */
	int			 search_few;	/* hits sorted, not walked */
	int			 readonly;
	int			 immutable;	/* the file alone: cache_quiet */
	int			  has_hidden; /* feeds.hidden, migration 12 */
	int			 lockfd;
	unsigned char		 key[SIPHASH_KEY_LEN]; /* digests' and keys' */
	sqlite3_stmt		**stmts;	/* by call site: cache_prepare */
	size_t			 nstmts;
	struct cache_update	*update;
	int			 batch;		/* in a cache_batch_begin */
	int			 wrote;		/* has the writer's page cache */
	const struct config_rule *hide;	/* ignore-mode display's rules */
	size_t			 nhide;
	struct cache_checkpoint	*checkpoint;	/* cache-checkpoint.c */
	int			 checkpoint_frames; /* a pass each (tests') */
	struct cache_sig_kept	*sig_kept;	/* this transaction's: cache-sig.c */
	size_t			 nsig_kept;
	size_t			 sig_kept_size;
};

/* A signature made in the open transaction and not yet written. */
struct cache_sig_kept {
	int64_t			 item;
	unsigned char		 sig[CACHE_SIG_BYTES];
};

/* What tidings_filter keeps: an expression, less what rules hide. */
struct cache_filter {
	const struct filter	 *filter;
	const struct config_rule *hide;
	size_t			  nhide;
	int			  mask; /* 1 content, 2 tags, 4 index */
};

struct cache_update {
	struct cache		*cache;
	int64_t			 feed;
	int64_t			 now;
	int64_t			 gen;		/* the feed's update number */
	int			 rebuild;	/* the feed's categories changed */
	int			 empty;		/* the feed had no articles */
	int64_t			 added;		/* articles inserted */
	struct buf		 changed;	/* JSON array of new, changed items */
	struct cache_category_memo {
		char		*raw;		/* as the item gave it */
		int64_t		 id;		/* 0: no category */
	}			 memo[CACHE_CATEGORY_MEMO];
	size_t			 nmemo;
};

/* An item's fields as the cache stores them, for its digest. */
struct cache_fields {
	const char		*title;
	const char		*link;
	const char		*author;
	int64_t			 published;
	int64_t			 updated;
	const char		*summary;
	const char		*content;
	char			**categories;	/* sorted by the digest */
	size_t			 ncategories;
	const struct enclosure	 *enclosures; /* none for the SQL function */
	size_t			  nenclosures;
};

/* Search terms: normalised words, and the articles that may hold them. */
struct cache_search {
	char			*terms;		/* words separated by one space */
	char			*match; /* JSON array of ids; NULL: all */
	int			 few; /* few of them: they drive */
	struct cache_filter	 filter; /* its cache_filter_init */
	int			 filtered; /* 1 when it has one */
};

extern const int cache_version;
#define CACHE_VERSION cache_version

/* cache.c: statements and their helpers */
int		 cache_error(struct cache *, char **);
sqlite3_stmt	*cache_prepare(struct cache *, int *, const char *, char **);
void		*cache_grow(void *, size_t, size_t *, size_t);
void		 cache_bind_text(sqlite3_stmt *, int, const char *);
void		 cache_bind_time(sqlite3_stmt *, int, int64_t);
int		 cache_step_done(struct cache *, sqlite3_stmt *, char **);
char		*cache_column_line(sqlite3_stmt *, int);
char		*cache_column_text(sqlite3_stmt *, int);
int		 cache_exec(struct cache *, const char *, char **);
int		 cache_write_begin(struct cache *, char **);
int64_t		 cache_int_query(struct cache *, int *, const char *, int64_t);
sqlite3_stmt	*cache_bindv_one(struct cache *, int *, char **, const char *,
		     const char *);
int		 cache_do(struct cache *, int *, char **, const char *,
		     const char *, ...);
int64_t		 cache_get(struct cache *, int *, char **, const char *,
		     const char *, ...);

/* cache-schema.c */
void		 cache_sql_link_key(sqlite3_context *, int, sqlite3_value **);
void		 cache_sql_digest(sqlite3_context *, int, sqlite3_value **);
void		 cache_sql_title_key(sqlite3_context *, int, sqlite3_value **);
int		 cache_migrate(struct cache *, int, char **);

/* cache-digest.c */
int64_t		 cache_fields_digest(const unsigned char *,
		     struct cache_fields *);
char		*cache_title_key(const unsigned char *, const char *,
		     const char *, const char *);
char		*cache_item_key(const struct item *, const unsigned char *);

/* cache-enclosure.c */
int cache_enclosures_put(struct cache *, int64_t, int, const struct item *,
    char **);

/* cache-store.c */
char		*cache_category_name(const char *);
struct cache_update *cache_update_start(struct cache *, char **);
void		 cache_update_end(struct cache_update *);

/* cache-search.c */
void		 cache_sql_has(sqlite3_context *, int, sqlite3_value **);
void		 cache_sql_has_item(sqlite3_context *, int, sqlite3_value **);
int		 cache_bigram_register(sqlite3 *);
int cache_search_store(struct cache *, int64_t, const struct item *, char **);
int		 cache_search_prepare(struct cache *, struct cache_search *,
		     const char *);
void		 cache_search_free(struct cache_search *);

/* cache-filter.c */
void cache_sql_filter(sqlite3_context *, int, sqlite3_value **);
int  cache_filter_init(const struct cache *, struct cache_filter *,
     const struct scope *);
void cache_filter_sql(struct buf *);
void cache_filter_bind(sqlite3_stmt *, const struct cache_filter *);
int  cache_filter_register(sqlite3 *);

/* cache-sig.c */
void	 cache_sig_add(unsigned char *, const char *, size_t);
void	 cache_checkpoint_attach(struct cache *);
void	 cache_checkpoint_stop(struct cache *);
void	 cache_sig_keep(struct cache *, int64_t, const unsigned char *);
int	 cache_sig_slice(struct cache *, int, char **);
void	 cache_sig_settle(struct cache *);
void	 cache_sig_forget(struct cache *);
int64_t *cache_sig_candidates(struct cache *, const unsigned char *, size_t *);

/* cache-query.c */
int  cache_scope_prepare(const struct cache *, struct cache_search *,
     const struct scope *);
void cache_scope_sql(const struct cache *, struct buf *, const struct scope *,
    const struct cache_search *, const char **, const char **);
size_t		 cache_scope_shape(const struct scope *,
		     const struct cache_search *);
void		 cache_scope_bind(sqlite3_stmt *, const struct scope *,
		     const struct cache_search *);

#endif
