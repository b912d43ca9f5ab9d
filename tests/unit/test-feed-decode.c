/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-feed-decode.c: a feed's bytes to clean UTF-8 (feed-decode.c).
 *
 * Every row is decoded with the whole document in one read, and again with
 * reads of 1, 2 and 3 bytes, so that a multibyte character, a reference or
 * a "-->" is cut at each of its byte boundaries; the output must not change.
 * The decoder looks at the first 1024 bytes whole to find the encoding, so
 * rows that test the cuts put what is cut after PAD.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

/* A string and its length, NUL bytes included (UTF-16). */
#define S(x)	x, sizeof (x) - 1

#define PAD16	"xxxxxxxxxxxxxxxx"
#define PAD256	PAD16 PAD16 PAD16 PAD16 PAD16 PAD16 PAD16 PAD16 \
		PAD16 PAD16 PAD16 PAD16 PAD16 PAD16 PAD16 PAD16
#define PAD	PAD256 PAD256 PAD256 PAD256 PAD256	/* past 1024 bytes */

#define W16	"x\0x\0x\0x\0x\0x\0x\0x\0x\0x\0x\0x\0x\0x\0x\0x\0"
#define W256	W16 W16 W16 W16 W16 W16 W16 W16 \
		W16 W16 W16 W16 W16 W16 W16 W16
#define PADW	W256 W256 W256		/* PAD256 x 3 in UTF-16LE */

#define FFFD	"\xef\xbf\xbd"

static const struct {
	const char	*name;
	const char	*in;
	size_t		 len;
	const char	*http;		/* the HTTP charset, or NULL */
	const char	*out;		/* NULL: no XML at all */
	int		 bad;
} tests[] = {
	/* Encodings. */
	{ "UTF-8 as it is", S("<r>\xe4\xb8\xad \xc3\xa9 \xf0\x9f\x98\x80</r>"),
	  NULL, "<r>\xe4\xb8\xad \xc3\xa9 \xf0\x9f\x98\x80</r>", 0 },
	{ "declared ISO-8859-1 is read as Windows-1252",
	  S("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>\xe9\x80</r>"),
	  NULL, "<?xml version=\"1.0\" ?><r>\xc3\xa9\xe2\x82\xac</r>", 0 },
	{ "the five bytes Windows-1252 leaves out are C1",
	  S("<?xml version='1.0' encoding='windows-1252'?><r>\x81</r>"),
	  NULL, "<?xml version='1.0' ?><r>\xc2\x81</r>", 0 },
	{ "declared GB2312 is read as GB18030",
	  S("<?xml version=\"1.0\" encoding=\"gb2312\"?><r>\xd6\xd0"
	  "\x81\x30\x81\x30</r>"),
	  NULL, "<?xml version=\"1.0\" ?><r>\xe4\xb8\xad\xc2\x80</r>", 0 },
	{ "a UTF-8 BOM wins over the declaration",
	  S("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	  "<r>\xc3\xa9</r>"), NULL,
	  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>\xc3\xa9</r>", 0 },
	{ "UTF-16LE with a BOM", S("\xff\xfe<\0r\0>\0\x2d\x4e<\0/\0r\0>\0"),
	  NULL, "<r>\xe4\xb8\xad</r>", 0 },
	{ "UTF-16BE without a BOM", S("\0<\0r\0>\x4e\x2d\0<\0/\0r\0>"),
	  NULL, "<r>\xe4\xb8\xad</r>", 0 },
	{ "the HTTP charset when nothing is declared", S("<r>\xe9</r>"),
	  "iso-8859-1", "<r>\xc3\xa9</r>", 0 },
	{ "the declaration wins over the HTTP charset",
	  S("<?xml version=\"1.0\" encoding=\"windows-1252\"?><r>\xe9</r>"),
	  "utf-8", "<?xml version=\"1.0\" ?><r>\xc3\xa9</r>", 0 },
	{ "a declared UTF-8 wins over the HTTP charset",
	  S("<?xml version=\"1.0\" encoding=\"utf-8\"?><r>\xc3\xa9</r>"),
	  "gbk", "<?xml version=\"1.0\" encoding=\"utf-8\"?><r>\xc3\xa9</r>",
	  0 },
	{ "an unknown encoding is read as UTF-8, and bad",
	  S("<?xml version=\"1.0\" encoding=\"x-nothing\"?><r>a</r>"), NULL,
	  "<?xml version=\"1.0\" encoding=\"x-nothing\"?><r>a</r>", 1 },

	/* Bytes that are not characters. */
	{ "an invalid UTF-8 byte is U+FFFD", S("<r>a\xff" "b</r>"), NULL,
	  "<r>a" FFFD "b</r>", 1 },
	{ "an overlong form is U+FFFD per byte", S("<r>\xc0\xaf</r>"), NULL,
	  "<r>" FFFD FFFD "</r>", 1 },
	{ "an encoded surrogate is U+FFFD per byte", S("<r>\xed\xa0\x80</r>"),
	  NULL, "<r>" FFFD FFFD FFFD "</r>", 1 },
	{ "U+FFFE is no XML character", S("<r>\xef\xbf\xbe</r>"), NULL,
	  "<r>" FFFD FFFD FFFD "</r>", 1 },
	{ "a C0 control is U+FFFD", S("<r>a\x01" "b\tc</r>"), NULL,
	  "<r>a" FFFD "b\tc</r>", 1 },
	{ "a character cut by the end", S("<r>\xe4\xb8"), NULL,
	  "<r>" FFFD FFFD, 1 },
	{ "a byte invalid in GB18030",
	  S("<?xml version=\"1.0\" encoding=\"gbk\"?><r>\xff" "a</r>"), NULL,
	  "<?xml version=\"1.0\" ?><r>" FFFD "a</r>", 1 },
	{ "a GB18030 character cut by the end",
	  S("<?xml version=\"1.0\" encoding=\"gbk\"?><r>\xd6"), NULL,
	  "<?xml version=\"1.0\" ?><r>" FFFD, 1 },

	/* References. */
	{ "HTML entities are decoded, and undeclared",
	  S("<r>caf&eacute;&nbsp;&hellip;</r>"), NULL,
	  "<r>caf\xc3\xa9\xc2\xa0\xe2\x80\xa6</r>", 1 },
	{ "XML's five stay", S("<r>&amp;&lt;&gt;&quot;&apos;</r>"), NULL,
	  "<r>&amp;&lt;&gt;&quot;&apos;</r>", 0 },
	{ "character references stay, &#X as &#x",
	  S("<r>&#233;&#xe9;&#XE9;</r>"), NULL,
	  "<r>&#233;&#xe9;&#xE9;</r>", 0 },
	{ "an unknown entity is left to the parser", S("<r>&bogus;</r>"),
	  NULL, "<r>&bogus;</r>", 0 },
	{ "a bare & is escaped", S("<r>a & b?x=1&y=2</r>"), NULL,
	  "<r>a &amp; b?x=1&amp;y=2</r>", 1 },

	/* Comments, CDATA sections and processing instructions. */
	{ "nothing is replaced in a comment",
	  S("<r><!-- &eacute; & -- --></r>"), NULL,
	  "<r><!-- &eacute; & -- --></r>", 0 },
	{ "nothing is replaced in a CDATA section",
	  S("<r><![CDATA[&eacute; & ]] <b>]]></r>"), NULL,
	  "<r><![CDATA[&eacute; & ]] <b>]]></r>", 0 },
	{ "nothing is replaced in a processing instruction",
	  S("<?pi &eacute; ?><r/>"), NULL, "<?pi &eacute; ?><r/>", 0 },
	{ "text again after a comment",
	  S("<r><!-- x -->&eacute;<![CDATA[y]]>&eacute;</r>"), NULL,
	  "<r><!-- x -->\xc3\xa9<![CDATA[y]]>\xc3\xa9</r>", 1 },
	{ "a bad byte in a comment is still U+FFFD",
	  S("<r><!-- \xff --></r>"), NULL, "<r><!-- " FFFD " --></r>", 1 },

	/* The DOCTYPE and the entities its internal subset declares. */
	{ "an entity the subset declares is left to the parser",
	  S("<!DOCTYPE r [<!ENTITY eacute \"E\">]><r>&eacute;&egrave;</r>"),
	  NULL, "<!DOCTYPE r [<!ENTITY eacute \"E\">]><r>&eacute;"
	  "\xc3\xa8</r>", 0 },
	{ "an entity value with ']' does not end the subset",
	  S("<!DOCTYPE r [<!ENTITY x \"a]b\"><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;</r>"), NULL,
	  "<!DOCTYPE r [<!ENTITY x \"a]b\"><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;</r>", 0 },
	{ "nor one with ']>' in single quotes",
	  S("<!DOCTYPE r [<!ENTITY x 'a]>b'><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;</r>"), NULL,
	  "<!DOCTYPE r [<!ENTITY x 'a]>b'><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;</r>", 0 },
	{ "a '>' in a system literal does not end the DOCTYPE",
	  S("<!DOCTYPE r SYSTEM \"a>b\" [<!ENTITY eacute \"E\">]>"
	  "<r>&eacute;</r>"), NULL,
	  "<!DOCTYPE r SYSTEM \"a>b\" [<!ENTITY eacute \"E\">]>"
	  "<r>&eacute;</r>", 0 },
	{ "an apostrophe in a comment of the subset is no literal",
	  S("<!DOCTYPE r [<!-- don't ] --><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;&egrave;</r>"), NULL,
	  "<!DOCTYPE r [<!-- don't ] --><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;\xc3\xa8</r>", 0 },
	{ "nor one in a processing instruction of the subset",
	  S("<!DOCTYPE r [<?pi don't ?><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;&egrave;</r>"), NULL,
	  "<!DOCTYPE r [<?pi don't ?><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;\xc3\xa8</r>", 0 },

	/* Where the document starts. */
	{ "white space before the declaration is dropped, and bad",
	  S("  <?xml version=\"1.0\"?><r/>"), NULL,
	  "<?xml version=\"1.0\"?><r/>", 1 },
	{ "white space before an element is kept", S("\n<r/>"), NULL,
	  "\n<r/>", 0 },
	{ "no XML at all", S("hello"), NULL, NULL, 0 },
	{ "nothing at all", S(""), NULL, NULL, 0 },

	/* Cut by the reads: after the first 1024 bytes. */
	{ "characters of 2, 3 and 4 bytes cut by the reads",
	  S("<r>" PAD "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80" "a</r>"), NULL,
	  "<r>" PAD "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80" "a</r>", 0 },
	{ "GB18030 characters of 2 and 4 bytes cut by the reads",
	  S("<?xml version=\"1.0\" encoding=\"gbk\"?><r>" PAD
	  "\xd6\xd0\x81\x30\x81\x30" "a</r>"), NULL,
	  "<?xml version=\"1.0\" ?><r>" PAD "\xe4\xb8\xad\xc2\x80" "a</r>", 0 },
	{ "a UTF-16 surrogate pair cut by the reads",
	  S("\xff\xfe<\0r\0>\0" PADW "\x3d\xd8\x00\xde<\0/\0r\0>\0"), NULL,
	  "<r>" PAD256 PAD256 PAD256 "\xf0\x9f\x98\x80</r>", 0 },
	{ "references, comments and CDATA cut by the reads",
	  S("<r>" PAD "&eacute;<!-- &amp; --><![CDATA[&eacute;]]>&#XE9;"
	  "&amp;</r>"), NULL,
	  "<r>" PAD "\xc3\xa9<!-- &amp; --><![CDATA[&eacute;]]>&#xE9;"
	  "&amp;</r>", 1 },
	{ "invalid bytes cut by the reads",
	  S("<r>" PAD "\xe4\xb8" "a\xf0\x9f\x98</r>"), NULL,
	  "<r>" PAD FFFD FFFD "a" FFFD FFFD FFFD "</r>", 1 },
	{ "a DOCTYPE cut by the reads",
	  S("<!DOCTYPE r [<!ENTITY p \"" PAD "\"><!-- don't ] --><?pi a\"b ?>"
	  "<!ENTITY x \"a]b\"><!ENTITY eacute \"E\">]><r>&eacute;&egrave;</r>"),
	  NULL, "<!DOCTYPE r [<!ENTITY p \"" PAD "\"><!-- don't ] -->"
	  "<?pi a\"b ?><!ENTITY x \"a]b\"><!ENTITY eacute \"E\">]>"
	  "<r>&eacute;\xc3\xa8</r>", 0 },
};

/* feed_decode_charset: a label and the name iconv is given. */
static const struct {
	const char	*label;
	const char	*name;
} charsets[] = {
	{ "UTF-8", "UTF-8" },
	{ "GBK", "GB18030" },
	{ "GB2312", "GB18030" },
	{ "GB_2312-80", "GB18030" },
	{ "gb_2312", "GB18030" },
	{ "ks_c_5601-1987", "EUC-KR" },
	{ "Big5", "BIG5-HKSCS" },
	{ "ISO_8859-1", "WINDOWS-1252" },
	{ "us-ascii", "WINDOWS-1252" },
	{ "KOI8_R", "koi8-r" },
};

struct input {
	const char	*s;
	size_t		 len;
	size_t		 off;
	size_t		 step;		/* bytes a read gives; 0: all asked */
	int		 fail;		/* -1 after the bytes */
};

static ssize_t
test_read(void *arg, char *buf, size_t size)
{
	struct input	*in = arg;
	size_t		 n = in->len - in->off;

	if (n == 0 && in->fail)
		return -1;
	if (n > size)
		n = size;
	if (in->step != 0 && n > in->step)
		n = in->step;
	memcpy(buf, in->s + in->off, n);
	in->off += n;
	return (ssize_t)n;
}

/*
 * Decode a document: whole with feed_decode_read_all when it comes in one
 * read, else as the parser reads it, here 7 bytes at a time.
 */
static char *
test_decode(struct input *in, const char *http, int *bad, char **cause)
{
	struct feed_decode	*dec;
	struct buf		 b;
	char			 chunk[7];
	int			 n;

	if ((dec = feed_decode_open(test_read, in, http, cause)) == NULL)
		return NULL;
	buf_init(&b);
	buf_add(&b, "", 0);
	if (in->step == 0)
		feed_decode_read_all(dec, &b);
	while ((n = feed_decode_read(dec, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, (size_t)n);
	*bad = feed_decode_bad(dec);
	feed_decode_free(dec);
	return buf_detach(&b);
}

/* A document of left bytes, made as it is read: "<aaa...". */
struct big {
	size_t	left;
	int	started;
};

static ssize_t
test_read_big(void *arg, char *buf, size_t size)
{
	struct big	*big = arg;
	size_t		 n = big->left < size ? big->left : size;

	memset(buf, 'a', n);
	if (n > 0 && !big->started)
		buf[0] = '<';
	big->started = 1;
	big->left -= n;
	return (ssize_t)n;
}

int
main(void)
{
	static const size_t	 steps[] = { 0, 1, 2, 3 };
	struct feed_decode	*dec;
	struct input		 in;
	struct big		 big;
	struct buf		 b;
	size_t			 i, j;
	char			*out, *cause, norm[64], chunk[4096];
	int			 bad, n, total;

	for (i = 0; i < nitems(tests); i++) {
		for (j = 0; j < nitems(steps); j++) {
			memset(&in, 0, sizeof in);
			in.s = tests[i].in;
			in.len = tests[i].len;
			in.step = steps[j];
			cause = NULL;
			bad = -1;
			out = test_decode(&in, tests[i].http, &bad, &cause);
			if (steps[j] == 0)
				ok_str(out, tests[i].out, tests[i].name);
			else if (!ok_str(out, tests[i].out, tests[i].name))
				diag("  with reads of %zu bytes", steps[j]);
			if (tests[i].out == NULL)
				ok(cause != NULL && strcmp(cause,
				    "not a feed (no XML in it)") == 0,
				    "%s: the reason", tests[i].name);
			else
				ok(bad == tests[i].bad, "%s: %s", tests[i].name,
				    bad ? "bad" : "well-formed");
			free(out);
			free(cause);
		}
	}

	for (i = 0; i < nitems(charsets); i++)
		ok_str(feed_decode_charset(charsets[i].label, norm,
		    sizeof norm), charsets[i].name, charsets[i].label);

	/* A read error after the bytes: what came is kept, and bad. */
	memset(&in, 0, sizeof in);
	in.s = "<r>a</r>";
	in.len = strlen(in.s);
	in.fail = 1;
	out = test_decode(&in, NULL, &bad, &cause);
	ok_str(out, "<r>a</r>", "a read error keeps what came");
	ok(bad == 1, "a read error is bad");
	free(out);

	/* Past MAX_ELEMENT_ATTRIBUTES the parser gets no more. */
	buf_init(&b);
	buf_adds(&b, "<r>ok</r><e");
	for (i = 0; i <= MAX_ELEMENT_ATTRIBUTES; i++)
		buf_printf(&b, " a%zu=\"\"", i);
	buf_adds(&b, "/>");
	memset(&in, 0, sizeof in);
	in.s = b.data;
	in.len = b.len;
	dec = feed_decode_open(test_read, &in, NULL, &cause);
	total = 0;
	while ((n = feed_decode_read(dec, chunk, sizeof chunk)) > 0)
		total += n;
	ok(feed_decode_over(dec) != NULL && strcmp(feed_decode_over(dec),
	    "too many attributes on one element") == 0 && total == 0,
	    "too many attributes: the parser gets nothing of the chunk (%d)",
	    total);
	feed_decode_free(dec);
	buf_free(&b);

	/* A document of exactly MAX_DOCUMENT_BYTES is whole; one more is cut. */
	for (i = 0; i < 2; i++) {
		big.left = MAX_DOCUMENT_BYTES + i;
		big.started = 0;
		dec = feed_decode_open(test_read_big, &big, NULL, &cause);
		total = 0;
		while ((n = feed_decode_read(dec, chunk, sizeof chunk)) > 0)
			total += n;
		ok(total == MAX_DOCUMENT_BYTES && feed_decode_bad(dec) ==
		    (int)i, "%s MAX_DOCUMENT_BYTES: %d bytes, %s",
		    i == 0 ? "exactly" : "one byte past", total,
		    feed_decode_bad(dec) ? "bad" : "whole");
		feed_decode_free(dec);
	}
	feed_decode_free(NULL);
	return tap_done();
}
