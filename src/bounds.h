/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * bounds.h: every resource limit tidings puts on untrusted input, in one
 * place so that they can be reviewed together (DESIGN.md §8, §8a).
 */
#ifndef BOUNDS_H
#define BOUNDS_H

/* Bytes of one feed, page or file after decompression. */
#define MAX_DOCUMENT_BYTES	(32 * 1024 * 1024)
/* Redirects followed for one fetch. */
#define MAX_REDIRECTS		8
/* Seconds for one fetch, in all. */
#define MAX_FETCH_SECONDS	60
/* Items taken from one feed in one parse; the rest are ignored. */
#define MAX_FEED_ITEMS		20000
/* Enclosures kept for one item (a feed's media:group may list hundreds). */
#define MAX_ENCLOSURES		64
/* <source>s of one <picture> looked at for its largest image. */
#define MAX_PICTURE_SOURCES	16
/* Nesting of HTML elements followed by the renderer; deeper is flattened. */
#define MAX_HTML_DEPTH		256
/* Bytes of one field (title, link, ...) kept; longer ones are cut. */
#define MAX_FIELD_BYTES		(1024 * 1024)
/* Feeds in an imported OPML file (each is checked against the others). */
#define MAX_FEED_LIST		10000
/*
 * Attributes on one element, and namespace declarations in scope: libxml2
 * 2.9 checks each attribute against all before it, and looks each prefix up
 * through every declaration in scope (quadratic: tests/bounds.sh).
 * Real feeds and pages stay far below (a feed's root declares a dozen
 * namespaces).  A feed past them is stopped with an error; an HTML page has
 * the rest of the tag left out (markup.c).
 */
#define MAX_ELEMENT_ATTRIBUTES	256
#define MAX_NAMESPACES_IN_SCOPE	128
/* Entities declared in a feed's DOCTYPE (quadratic in libxml2 2.9). */
#define MAX_DOCUMENT_ENTITIES	1000
/* Bytes of one line of the urls or config file. */
#define MAX_CONFIG_LINE		8192
/* The largest number of a list item either side of 0 (<ol start>). */
#define MAX_LIST_NUMBER		999999999
/*
 * Bytes of one grapheme cluster kept on a rendered line; the zero-width code
 * points (combining marks, joiners) past them are dropped and the text goes
 * on.  No script or emoji sequence needs nearly as many (the longest emoji
 * ZWJ and tag sequences are under 40 bytes), a terminal cell shows a handful
 * of marks at most (ncurses keeps 5 code points a cell), and one base
 * carrying 100 KB of marks made a line of 100 KB, one column wide, that
 * every redraw of the article measured and copied.
 */
#define MAX_CLUSTER_BYTES	128

/*
 * An image drawn in the pager (image.c): its bytes, the pixels its header
 * may state (checked before any is decoded: a 100000 x 100000 header would
 * ask for 40 GB), the time its decoding may take (checked between chunks
 * of IMAGE_CHUNK bytes), the rows it may fill, the images of one article
 * fetched, and the bytes of all kept in the cache for reading offline.
 */
#define MAX_IMAGE_BYTES		(8 * 1024 * 1024)
#define MAX_IMAGE_PIXELS	40000000
#define MAX_IMAGE_DECODE_MS	2000
#define MAX_IMAGE_ROWS		16
#define MAX_ARTICLE_IMAGES	32
#define MAX_CACHE_IMAGE_BYTES	(64 * 1024 * 1024)

#endif
