/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * layout.c: breaking a paragraph of text into lines of at most W columns.
 *
 * The rules are DESIGN.md §6, as a careful typesetter applies them in a
 * terminal: a line may break at spaces, and between two characters when one
 * of them is wide (CJK ideographs, kana, hangul, fullwidth forms, emoji),
 * never inside a grapheme cluster.  Kinsoku shori (JIS X 4051, strict): no
 * line starts with closing punctuation, small kana, the prolonged sound mark
 * or an iteration mark, and no line ends with opening punctuation; when the
 * character that would start a line is forbidden there, the last character
 * of the line before goes with it (oikomi, pushing in, needs justification
 * that a terminal does not have).  A word or run longer than the line is cut
 * at the width, still avoiding the forbidden places when it can; nothing is
 * dropped and no line is wider than asked.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tidings.h"

/*
 * Characters that must not start a line: closing punctuation and its kin,
 * and ">" and "|", which at the start of a plain text line read as the
 * marks of a quotation.  The ellipsis and the dash may start one: GB/T
 * 15834 asks only that "……" and "——" not be split, and no line breaks
 * between two of them (they are narrow, so no CJK break applies).
 */
static const uint32_t layout_no_start_set[] = {
	0x0021, 0x0025, 0x0029, 0x002c, 0x002e, 0x003a, 0x003b, 0x003e,
	0x003f, 0x005d, 0x007c, 0x007d, 0x00b0, 0x00b7, 0x2019, 0x201d,
	0x2030, 0x2032, 0x2033, 0x2103, 0x3001, 0x3002, 0x3005, 0x3009,
	0x300b, 0x300d, 0x300f, 0x3011, 0x3015, 0x3017, 0x3019, 0x301c,
	0x301f, 0x303b, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063,
	0x3083, 0x3085, 0x3087, 0x308e, 0x3095, 0x3096, 0x309d, 0x309e,
	0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5,
	0x30e7, 0x30ee, 0x30f5, 0x30f6, 0x30fb, 0x30fc, 0x30fd, 0x30fe,
	0x31f0, 0x31f1, 0x31f2, 0x31f3, 0x31f4, 0x31f5, 0x31f6, 0x31f7,
	0x31f8, 0x31f9, 0x31fa, 0x31fb, 0x31fc, 0x31fd, 0x31fe, 0x31ff,
	0xfe50, 0xfe51, 0xfe52, 0xff01, 0xff05, 0xff09, 0xff0c, 0xff0e,
	0xff1a, 0xff1b, 0xff1f, 0xff3d, 0xff5d, 0xff5e, 0xff60, 0xff61,
	0xff63, 0xff64,
};

/* Characters that must not end a line (opening punctuation). */
static const uint32_t layout_no_end_set[] = {
	0x0028, 0x005b, 0x007b, 0x2018, 0x201c, 0x3008, 0x300a, 0x300c,
	0x300e, 0x3010, 0x3014, 0x3016, 0x3018, 0x301d, 0xff08, 0xff3b,
	0xff5b, 0xff5f, 0xff62,
};

#define LAYOUT_SPACE	0x01	/* a space: the line may break after it */
#define LAYOUT_WIDE	0x02	/* wide: the line may break on either side */
#define LAYOUT_NOSTART	0x04
#define LAYOUT_NOEND	0x08
#define LAYOUT_ZWSP	0x10	/* zero-width space: may break after it */

static int	layout_find(const uint32_t *, size_t, uint32_t);
static int	layout_class(const char *, size_t, int, int);
static int	layout_soft(int, int, int, int);
static int	layout_context(int, int, int);
static size_t	layout_marker(const char *, size_t);
static size_t	layout_next(const char *, size_t, size_t, int, size_t *,
		    int *);
static int	layout_unit_wider(const char *, size_t, size_t, size_t, int,
		    int, int, int);
static size_t	layout_cut(const char *, size_t, size_t, size_t, int, int, int,
		    int *);
static void	layout_emit(struct layout_line **, size_t *, size_t *,
		    const char *, size_t, size_t, int, int);

static int
layout_find(const uint32_t *set, size_t n, uint32_t c)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (set[mid] == c)
			return 1;
		if (set[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The LAYOUT_* class of the cluster of n bytes at s, width w. */
static int
layout_class(const char *s, size_t n, int w, int hard)
{
	uint32_t	c;
	size_t		adv;
	int		cls = 0;

	c = utf8_decode(s, n, &adv);
	if (c >= 0x3400 && c <= 0x9fff)
		return w >= 2 ? LAYOUT_WIDE : 0;	/* most of the text */
	if (!hard) {
		if (c == ' ')
			return LAYOUT_SPACE;
		if (c >= 0x1680 && c <= 0x3000 && c != 0x2007 &&
		    c != 0x202f && c != 0x3000 &&
		    utf8proc_category((utf8proc_int32_t)c) ==
		    UTF8PROC_CATEGORY_ZS)
			return LAYOUT_SPACE;
		if (c == 0x200b)
			return LAYOUT_ZWSP;
	}
	if (w >= 2)
		cls |= LAYOUT_WIDE;
	if (layout_find(layout_no_start_set, nitems(layout_no_start_set), c))
		cls |= LAYOUT_NOSTART;
	if (layout_find(layout_no_end_set, nitems(layout_no_end_set), c))
		cls |= LAYOUT_NOEND;
	return cls;
}

/*
 * The length of the link or footnote marker ("[12]") at s, or 0: a marker
 * is never cut, even in a word longer than the line.
 */
static size_t
layout_marker(const char *s, size_t len)
{
	size_t	i = 1;

	while (i < len && i < 7 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 1 && i < len && s[i] == ']')
		return i + 1;
	return 0;
}

/* What the clusters before tell about the next break. */
#define LAYOUT_CTX_WIDE		0x1	/* after a wide one (and its closers) */
#define LAYOUT_CTX_LOOSE	0x2	/* after closers that follow a space */

/*
 * May a line break before a cluster of class cls (not a space), after one
 * of class prev, with spaces between or not?  Closing punctuation
 * ends the unit of the wide character it follows ("板：]" then "52"), and
 * punctuation set off by a space from its word ("Second ,our") ends a unit
 * too, though it cannot start a line.
 */
static int
layout_soft(int prev, int cls, int spaced, int ctx)
{
	if (prev == -1 || (prev & LAYOUT_NOEND))
		return 0;
	if (cls & LAYOUT_NOSTART)
		return 0;
	if ((ctx & LAYOUT_CTX_LOOSE) && (prev & LAYOUT_NOSTART))
		return 1;
	return spaced || (ctx & LAYOUT_CTX_WIDE) || (cls & LAYOUT_WIDE) ||
	    (prev & LAYOUT_ZWSP);
}

/* The context after a cluster of class cls. */
static int
layout_context(int ctx, int cls, int spaced)
{
	if (!(cls & LAYOUT_NOSTART))
		return (cls & LAYOUT_WIDE) ? LAYOUT_CTX_WIDE : 0;
	if (cls & LAYOUT_WIDE)
		ctx |= LAYOUT_CTX_WIDE;
	if (spaced)
		ctx |= LAYOUT_CTX_LOOSE;
	return ctx;
}

/*
 * The bytes of the piece of text at i, its width in *w: a cluster, or one
 * code point of a cluster wider than limit columns, which has to be split.
 * *split is where such a cluster ends: the code points up to it are taken
 * one by one without measuring the rest of the cluster again, which made a
 * chain of 50 KB of emoji and joiners take seconds (quadratic).
 */
static size_t
layout_next(const char *text, size_t len, size_t i, int limit, size_t *split,
    int *w)
{
	size_t	n;

	if (i >= *split) {
		n = utf8_cluster(text + i, len - i, w);
		if (*w <= limit)
			return n;
		*split = i + n;
	}
	utf8_decode(text + i, *split - i, &n);
	*w = utf8_width(text + i, n);
	return n;
}

/*
 * Is the unit that goes on from the piece at i (after one of class prev, in
 * context ctx, with split as in layout_next for lines of rest columns)
 * wider than limit columns, up to where a line may next break softly?
 * Such a unit has to be cut anyway.
 */
static int
layout_unit_wider(const char *text, size_t len, size_t i, size_t split,
    int prev, int ctx, int rest, int limit)
{
	size_t	n, from = i;
	int	w, cls, total = 0;

	while (i < len) {
		n = layout_next(text, len, i, rest, &split, &w);
		cls = layout_class(text + i, n, w, 0);
		if ((cls & LAYOUT_SPACE) ||
		    (i > from && layout_soft(prev, cls, 0, ctx)))
			break;
		total += w;
		if (total > limit)
			return 1;
		ctx = layout_context(ctx, cls, 0);
		prev = cls;
		i += n;
	}
	return 0;
}

/*
 * Where to end a line of avail columns that starts at start when the text
 * up to end is wider and no break remembered fits (the lines after the first
 * are narrower, or kinsoku forbade every place): the last place kinsoku
 * allows that fits, outside a link marker, else the last place that fits.
 * Sets *width to the columns.
 */
static size_t
layout_cut(const char *text, size_t len, size_t start, size_t end, int avail,
    int rest, int pre, int *width)
{
	size_t	i = start, n, split = 0, cut = start, allowed = start;
	size_t	mark = 0, mark_end = 0;
	int	w, cls, prev = -1, used = 0, cutw = 0, allowedw = 0;

	while (i < end) {
		n = layout_next(text, len, i, rest, &split, &w);
		cls = layout_class(text + i, n, w, pre);
		if (text[i] == '[' && layout_marker(text + i, len - i) != 0) {
			mark = i;
			mark_end = i + layout_marker(text + i, len - i);
		}
		if (i > start && prev != -1 && !(prev & LAYOUT_NOEND) &&
		    !(cls & LAYOUT_NOSTART) && !(i > mark && i < mark_end)) {
			allowed = i;
			allowedw = used;
		}
		if (used + w > avail && i > start)
			break;
		used += w;
		i += n;
		cut = i;
		cutw = used;
		if (!(cls & LAYOUT_SPACE))
			prev = cls;
	}
	if (allowed > start) {
		*width = allowedw;
		return allowed;
	}
	*width = cutw;
	return cut;
}

/* Add a line from off to end, without the spaces at its end unless hard. */
static void
layout_emit(struct layout_line **lines, size_t *n, size_t *size,
    const char *text, size_t off, size_t end, int width, int hard)
{
	struct layout_line	*l;

	if (!hard) {
		while (end > off && text[end - 1] == ' ') {
			end--;
			width--;
		}
	}
	if (*n == *size) {
		*size = *size == 0 ? 16 : *size * 2;
		*lines = xreallocarray(*lines, *size, sizeof **lines);
	}
	l = &(*lines)[(*n)++];
	l->off = off;
	l->len = end - off;
	l->width = width;
}

/* A place where the line may end: text up to end, next line from next. */
struct layout_break {
	size_t	end;
	size_t	next;
	int	w;		/* columns from the line start to end */
	int	wnext;		/* columns from the line start to next */
};

/*
 * Break len bytes of text (one paragraph, no newlines) into lines: the first
 * line has first columns, the others rest.  With LAYOUT_HARD the text keeps
 * its spaces and breaks only where a line is full (preformatted text, URLs).
 * Sets *lines to an allocated array of the lines and returns how many; text
 * that is empty or only spaces gives none.
 *
 * Three kinds of break are remembered while a line fills: soft (a space, or
 * next to a wide character: the normal place), weak (a space before ASCII
 * closing punctuation such as " ?", taken only when it leaves the line full,
 * because the alternative is a line shorter by a whole word) and hard (any
 * place kinsoku allows, for a word longer than the line).
 */
size_t
layout_lines(const char *text, size_t len, int first, int rest, int flags,
    struct layout_line **lines)
{
	struct layout_break	 soft, weak, hard, *b;
	size_t			 nlines = 0, size = 0, start = 0, i = 0, n;
	size_t			 last_end = 0;	/* end of the last non-space */
	size_t			 marker = 0;	/* where a "[N]" starts */
	size_t			 split = 0;	/* see layout_next */
	int			 pre = (flags & LAYOUT_HARD) != 0;
	int			 avail, used = 0, last_w = 0, w, cls;
	int			 prev = -1, spaced = 0, ctx = 0, shift;

	*lines = NULL;
	if (first < 2)
		first = 2;
	if (rest < 2)
		rest = 2;
	avail = first;
	memset(&soft, 0, sizeof soft);
	memset(&weak, 0, sizeof weak);
	memset(&hard, 0, sizeof hard);
	while (i < len) {
		n = layout_next(text, len, i, i == start && avail < rest ?
		    avail : rest, &split, &w);
		cls = layout_class(text + i, n, w, pre);
		if (cls & LAYOUT_SPACE) {
			used += w;
			spaced = 1;
			i += n;
			continue;
		}
		if (text[i] == '[')
			marker = layout_marker(text + i, len - i) != 0 ? i : 0;
		if (i > start && prev != -1 && !(prev & LAYOUT_NOEND)) {
			if (!(cls & LAYOUT_NOSTART) && !(marker != 0 &&
			    i > marker && i < marker +
			    layout_marker(text + marker, len - marker))) {
				hard.end = hard.next = i;
				hard.w = hard.wnext = used;
			}
			if (!pre && layout_soft(prev, cls, spaced, ctx)) {
				soft.end = last_end;
				soft.w = last_w;
				soft.next = i;
				soft.wnext = used;
			} else if (!pre && spaced &&
			    (unsigned char)text[i] < 0x80) {
				weak.end = last_end;
				weak.w = last_w;
				weak.next = i;
				weak.wnext = used;
			}
		}
		while (used + w > avail && i > start) {
			if (weak.next > start && weak.next > soft.next &&
			    weak.w >= avail - 1)
				b = &weak;
			else if (soft.next > start && soft.end > start &&
			    (hard.next <= soft.next ||
			    !layout_unit_wider(text, len, i, split, prev, ctx,
			    rest, rest - (used - soft.wnext))))
				b = &soft;
			else if (hard.next > start)
				b = &hard;
			else {
				b = &hard;
				hard.end = hard.next = i;
				hard.w = hard.wnext = used;
			}
			if (b->w > avail) {
				b = &hard;
				hard.end = hard.next = layout_cut(text, len, start,
				    i, avail, rest, pre, &hard.w);
				hard.wnext = hard.w;
			}
			layout_emit(lines, &nlines, &size, text, start, b->end,
			    b->w, pre);
			start = b->next;
			shift = b->wnext;
			used -= shift;
			last_w -= shift;
			soft.w -= shift;
			soft.wnext -= shift;
			weak.w -= shift;
			weak.wnext -= shift;
			hard.w -= shift;
			hard.wnext -= shift;
			avail = rest;
		}
		used += w;
		i += n;
		last_end = i;
		last_w = used;
		ctx = layout_context(ctx, cls, spaced);
		prev = cls;
		spaced = 0;
	}
	if (pre && len > start)
		layout_emit(lines, &nlines, &size, text, start, len, used, pre);
	else if (!pre && last_end > start)
		layout_emit(lines, &nlines, &size, text, start, last_end,
		    last_w, pre);
	return nlines;
}

/* May c not start a line? */
int
layout_no_start(uint32_t c)
{
	return layout_find(layout_no_start_set, nitems(layout_no_start_set), c);
}

/*
 * The width of the widest piece of text that layout_lines would not break
 * if it could help it: the narrowest a table column may be.
 */
int
layout_min_width(const char *text, size_t len)
{
	size_t	i = 0, n;
	int	w, cls, prev = -1, spaced = 0, ctx = 0, unit = 0, max = 0;

	while (i < len) {
		n = utf8_cluster(text + i, len - i, &w);
		cls = layout_class(text + i, n, w, 0);
		i += n;
		if (cls & LAYOUT_SPACE) {
			spaced = 1;
			continue;
		}
		if (layout_soft(prev, cls, spaced, ctx))
			unit = 0;
		unit += w;
		if (unit > max)
			max = unit;
		ctx = layout_context(ctx, cls, spaced);
		prev = cls;
		spaced = 0;
	}
	return max;
}
