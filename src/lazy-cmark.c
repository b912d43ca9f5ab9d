/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy-cmark.c: the cmark-gfm functions markdown.c calls, under their own
 * names, loading cmark-gfm and its extensions at the first of them:
 * lazy.c says why.
 */
#include "config.h"

#include <pthread.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "tidings.h"
#include "lazy.h"

/* cmark-gfm.h declares it without its (empty) parameter list. */
cmark_mem *cmark_get_default_mem_allocator(void);

/*
 * X(return type, name, parameters, arguments), V(name, parameters,
 * arguments) for those returning nothing.
 */
#define LAZY_CMARK_FIXED(X) \
	X(cmark_syntax_extension *, cmark_find_syntax_extension, \
	    (const char *name), (name)) \
	X(cmark_mem *, cmark_get_default_mem_allocator, (void), ()) \
	X(cmark_node *, cmark_iter_get_node, (cmark_iter * i), (i)) \
	X(cmark_iter *, cmark_iter_new, (cmark_node * root), (root)) \
	X(cmark_event_type, cmark_iter_next, (cmark_iter * i), (i)) \
	X(cmark_llist *, cmark_llist_append, \
	    (cmark_mem * mem, cmark_llist * head, void *data), \
	    (mem, head, data)) \
	X(int, cmark_node_append_child, (cmark_node * n, cmark_node * child), \
	    (n, child)) \
	X(cmark_node *, cmark_node_first_child, (cmark_node * n), (n)) \
	X(int, cmark_node_get_end_column, (cmark_node * n), (n)) \
	X(int, cmark_node_get_end_line, (cmark_node * n), (n)) \
	X(const char *, cmark_node_get_literal, (cmark_node * n), (n)) \
	X(int, cmark_node_get_start_column, (cmark_node * n), (n)) \
	X(int, cmark_node_get_start_line, (cmark_node * n), (n)) \
	X(const char *, cmark_node_get_title, (cmark_node * n), (n)) \
	X(cmark_node_type, cmark_node_get_type, (cmark_node * n), (n)) \
	X(const char *, cmark_node_get_type_string, (cmark_node * n), (n)) \
	X(const char *, cmark_node_get_url, (cmark_node * n), (n)) \
	X(int, cmark_node_insert_after, \
	    (cmark_node * n, cmark_node * sibling), (n, sibling)) \
	X(int, cmark_node_insert_before, \
	    (cmark_node * n, cmark_node * sibling), (n, sibling)) \
	X(cmark_node *, cmark_node_last_child, (cmark_node * n), (n)) \
	X(cmark_node *, cmark_node_new, (cmark_node_type type), (type)) \
	X(cmark_node *, cmark_node_next, (cmark_node * n), (n)) \
	X(cmark_node *, cmark_node_previous, (cmark_node * n), (n)) \
	X(int, cmark_node_replace, (cmark_node * old, cmark_node * new), \
	    (old, new)) \
	X(int, cmark_node_set_literal, (cmark_node * n, const char *s), \
	    (n, s)) \
	X(int, cmark_node_set_title, (cmark_node * n, const char *s), (n, s)) \
	X(int, cmark_node_set_url, (cmark_node * n, const char *s), (n, s)) \
	X(int, cmark_parser_attach_syntax_extension, \
	    (cmark_parser * p, cmark_syntax_extension * e), (p, e)) \
	X(cmark_node *, cmark_parser_finish, (cmark_parser * p), (p)) \
	X(cmark_parser *, cmark_parser_new, (int options), (options)) \
	X(char *, cmark_render_html, \
	    (cmark_node * root, int options, cmark_llist *extensions), \
	    (root, options, extensions))

#define LAZY_CMARK_VOID(V) \
	V(cmark_consolidate_text_nodes, (cmark_node * root), (root)) \
	V(cmark_iter_free, (cmark_iter * i), (i)) \
	V(cmark_llist_free, (cmark_mem * mem, cmark_llist * head), \
	    (mem, head)) \
	V(cmark_node_free, (cmark_node * n), (n)) \
	V(cmark_node_unlink, (cmark_node * n), (n)) \
	V(cmark_parser_feed, (cmark_parser * p, const char *buf, size_t len), \
	    (p, buf, len)) \
	V(cmark_parser_free, (cmark_parser * p), (p))

#define LAZY_CMARK_EXTENSIONS_VOID(V) \
	V(cmark_gfm_core_extensions_ensure_registered, (void), ())

LAZY_CMARK_FIXED(LAZY_POINTER)
LAZY_CMARK_VOID(LAZY_POINTER_VOID)
LAZY_CMARK_EXTENSIONS_VOID(LAZY_POINTER_VOID)

static pthread_once_t lazy_cmark_once = PTHREAD_ONCE_INIT;

static void
lazy_cmark_load(void)
{
	void *h = lazy_open(CMARK_SONAME);

	LAZY_CMARK_FIXED(LAZY_FIND)
	LAZY_CMARK_VOID(LAZY_FIND_VOID)
	h = lazy_open(CMARK_EXTENSIONS_SONAME);
	LAZY_CMARK_EXTENSIONS_VOID(LAZY_FIND_VOID)
}

#define LAZY_READY() pthread_once(&lazy_cmark_once, lazy_cmark_load)
LAZY_CMARK_FIXED(LAZY_CALL)
LAZY_CMARK_VOID(LAZY_CALL_VOID)
LAZY_CMARK_EXTENSIONS_VOID(LAZY_CALL_VOID)
