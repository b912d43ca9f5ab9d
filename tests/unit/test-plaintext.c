/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-plaintext.c: the one-pass search text (plaintext.c) gives the words
 * html_plain gives, through libxml2's parser and html.c's walk, for markup
 * that tests how libxml2 recovers; what it does not model goes to html_plain.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

/* HTML, its search text (normalised), and whether the one pass reads it. */
static const struct {
	const char *name;
	const char *html;
	const char *want;
	int	    fast;
} cases[] = {
	{ "named and numeric references",
	    "caf&eacute; &#x4E2D;&#25991; &amp;&lt;b&gt;", "café 中文 &<b>",
	    1 },
	{ "unknown names and missing ';' kept as written",
	    "&foo; &amp x &AMP; &amp;amp;", "&foo; &amp x &amp; &amp;", 1 },
	{ "references HTML makes U+FFFD, drops, or maps from Windows-1252",
	    "a&#0;b&#xD800;c&#1;d&#150;e&#x110000;f",
	    "a\xef\xbf\xbd"
	    "b\xef\xbf\xbd"
	    "cd\xe2\x80\x93"
	    "e\xef\xbf\xbd"
	    "f",
	    1 },
	{ "a raw C1 control is its Windows-1252 character",
	    "a\xc2\x96"
	    "b",
	    "a\xe2\x80\x93"
	    "b",
	    1 },
	{ "a C1 control after other characters is still mapped",
	    "\xef\xbc\x8c\xc2\x96"
	    "b\xe4\xb8\xad\xc2\x85",
	    ",\xe2\x80\x93"
	    "b\xe4\xb8\xad...",
	    1 },
	{ "control characters removed, not spaces",
	    "a\x01"
	    "b\rc\fd",
	    "abcd", 1 },
	{ "script and style are raw text, dropped",
	    "<p>a<script>var x = '</p>';</script>b<style>p{}</style>c</p>",
	    "abc", 1 },
	{ "dropped elements; noscript does not end the paragraph",
	    "<p>keep<noscript>no</noscript><select><option>o</select>"
	    "<button>btn</button><svg><text>s</text></svg>end</p>",
	    "keepend", 1 },
	{ "a head implied by style, ended by text",
	    "<style>x</style><title>t</title>Hello", "hello", 1 },
	{ "a span ends the implied head",
	    "<meta charset=utf-8><span>shown</span><p>kept", "shown kept", 1 },
	{ "a section in the implied head is still shown",
	    "<style>x</style><section>kept</section><p>p</p>", "kept p", 1 },
	{ "a head's title, style and script are not",
	    "<head><title>t</title><style>s</style><script>j</script>"
	    "<meta charset=utf-8></head><body>b",
	    "b", 1 },
	{ "an image's alt text follows its paragraph",
	    "<p>before <img alt=\"Alt  text\"> after</p>next",
	    "before after alt text next", 1 },
	{ "an image between blocks stands where it is",
	    "<div><img alt=A></div><p>x</p>", "a x", 1 },
	{ "a caption in a table holds its image",
	    "<table><caption><img alt=cap>C</caption><tr><td>1</td></tr>"
	    "</table>",
	    "c cap 1", 1 },
	{ "empty alt texts add nothing", "<p>a<img alt=\"\">b<img alt>c</p>",
	    "abc", 1 },
	{ "a video stands as its poster's alt text",
	    "<p>x<video poster=p.jpg alt=\"vid\">fallback</video>y</p>",
	    "xy vid", 1 },
	{ "line numbers beside code are left out",
	    "<table><tr><td class=\"gutter\"><pre>1\n2</pre></td>"
	    "<td class=code><pre>int x;</pre></td></tr></table>",
	    "int x;", 1 },
	{ "a gutter cell outside a table is text",
	    "<div><td class=gutter>1</td></div>", "1", 1 },
	{ "no space before full-width closing punctuation",
	    "<p>名词 。 x ，</p>", "名词。 x,", 1 },
	{ "pre keeps its white space (collapsed by the normalising)",
	    "<pre>a\tb\n  c</pre>", "a b c", 1 },
	{ "br: a space in a heading, a new block elsewhere",
	    "<h1>a<br>b</h1>c<br>d", "a b c d", 1 },
	{ "an end tag does not close past a div", "<b><div>x</b>y</div>z",
	    "xy z", 1 },
	{ "an end tag closes the inline elements in its way",
	    "<a href=x>a<div>b</a>c</div>d", "a bc d", 1 },
	{ "start tags close paragraphs and items",
	    "<p>a<p>b<ul><li>c<li>d</ul>e", "a b c d e", 1 },
	{ "self-closed elements hold nothing", "<div/>a<script/>b", "ab", 1 },
	{ "a whole document: head dropped",
	    "<html><head><title>T</title></head><body><p>B</p></body></html>",
	    "b", 1 },
	{ "misplaced html and body tags",
	    "<p>a</p><html><body>b</body></html>c", "a bc", 1 },
	{ "references in an attribute; '>' inside quotes",
	    "<img alt=\"a &amp; b &gt; c\" title='x>y'>", "a & b > c", 1 },
	{ "a title holds what follows it", "<title>t<p>shown?", "", 1 },
	{ "loose text in a list", "<ul>loose<li>a</li>b</ul>", "loose a b", 1 },
	{ "comments, ended by --> or --!>", "a<!-- x --!>b-->c<!---->d<!-- e",
	    "ab-->cd", 1 },
	{ "a '<' that starts no tag is text; \"</\" and \"<?\" are not",
	    "<p>1 < 2 </3 x<?php y ?>z<?>w <![CDATA[c]]></p>",
	    "1 < 2 3 xz>w <![cdata[c]]>", 1 },
	{ "a DOCTYPE is skipped", "a<!DOCTYPE html>b", "ab", 1 },
	{ "bad UTF-8: html_plain's",
	    "a\xff"
	    "b",
	    NULL, 0 },
	{ "a tag cut off: html_plain's", "<p>a<img alt=\"x", NULL, 0 },
	{ "a '<' before any element: html_plain's", "< b", NULL, 0 },
};

int
main(void)
{
	size_t i, len;
	char  *fast, *slow, *text, *nslow, *ntext;

	for (i = 0; i < nitems(cases); i++) {
		len = strlen(cases[i].html);
		fast = plain_text_fast(cases[i].html, len);
		ok((fast != NULL) == cases[i].fast, "%s: %s", cases[i].name,
		    cases[i].fast ? "one pass" : "html_plain");
		text = plain_text(cases[i].html, len);
		slow = html_plain(cases[i].html, len);
		ntext = cache_text_normalise(text);
		nslow = cache_text_normalise(slow);
		ok_str(ntext, nslow, cases[i].name);
		if (cases[i].want != NULL)
			ok_str(ntext, cases[i].want, cases[i].name);
		free(fast);
		free(text);
		free(slow);
		free(ntext);
		free(nslow);
	}
	return tap_done();
}
