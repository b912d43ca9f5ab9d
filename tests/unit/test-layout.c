/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * test-layout.c: line breaking at a width, with kinsoku (layout.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"
#include "tap.h"

/* Text, first and other line widths, flags, and the lines joined by "|". */
static const struct {
	const char	*name;
	const char	*text;
	int		 first;
	int		 rest;
	int		 flags;
	const char	*lines;
} cases[] = {
	{ "CJK breaks between any two ideographs", "中文中文中文", 4, 4, 0,
	  "中文|中文|中文" },
	{ "no comma at a line start: the last ideograph goes with it",
	  "一二三，四", 6, 6, 0, "一二|三，四" },
	{ "no opening bracket at a line end", "一二（三）", 6, 6, 0,
	  "一二|（三）" },
	{ "opening quote stays with what follows", "“六稳”、“六保”任务", 8, 8,
	  0, "“六稳”、|“六保”任|务" },
	{ "Latin breaks at spaces", "hello world foo", 11, 11, 0,
	  "hello world|foo" },
	{ "a long URL is cut where the line is full, no line starting with "
	  "a dot", "see http://example.com/aaaaaaaaaaaaaaaa.", 10, 10, 0,
	  "see http:/|/example.c|om/aaaaaaa|aaaaaaaaa." },
	{ "a long word keeps its comma", "longword，中文", 8, 8, 0,
	  "longwor|d，中文" },
	{ "ideographic indent kept", "　　中文段落开头缩进", 8, 8, 0,
	  "　　中文|段落开头|缩进" },
	{ "small kana never start a line", "あちょっと", 6, 6, 0,
	  "あ|ちょっ|と" },
	{ "prolonged sound mark never starts a line", "アコーヒー", 4, 4, 0,
	  "ア|コー|ヒー" },
	{ "iteration mark never starts a line", "人人々", 4, 4, 0,
	  "人|人々" },
	{ "zero-width space is a break", "aa\xe2\x80\x8b" "bb\xe2\x80\x8b" "cc",
	  3, 3, 0, "aa\xe2\x80\x8b|bb\xe2\x80\x8b|cc" },
	{ "a wide character never straddles the edge", "a中", 2, 2, 0,
	  "a|中" },
	{ "ASCII closer after a space stays with its word", "with data. "
	  "(what ? how ? )", 19, 19, 0, "with data. (what ?|how ? )" },
	{ "...unless that leaves the line a word short", "with data. "
	  "(what ? how ? )", 16, 16, 0, "with data. (what|? how ? )" },
	{ "a run of opening brackets longer than a line breaks inside",
	  "（（（（（（左", 6, 6, 0, "（（（|（（（|左" },
	{ "punctuation set off by a space ends its unit",
	  "lack clear….Second ,our model", 21, 21, 0,
	  "lack clear….Second ,|our model" },
	{ "an ellipsis may start a line, but is never split",
	  "没事没事哈……”", 10, 10, 0, "没事没事哈|……”" },
	{ "a line never starts with > (it would read as a quotation)",
	  "a > b", 3, 3, 0, "a >|b" },
	{ "a link marker is never cut", "dispatch(action)[15];", 18, 18, 0,
	  "dispatch(action)|[15];" },
	{ "closing punctuation then Latin may break", "板：]52;c;ZWNo结束",
	  10, 10, 0, "板：]|52;c;ZWNo|结束" },
	{ "...but a Latin run wider than a line fills the line first",
	  "板：]52;c;ZWNo结束", 8, 8, 0, "板：]52;|c;ZWNo结|束" },
	{ "a link's text, marker and comma wider than the line: cut where "
	  "full", "Words words abcdefghijklmnopq[3].", 20, 20, 0,
	  "Words words abcdefgh|ijklmnopq[3]." },
	{ "...and pushed whole when it fits on a line of its own",
	  "Words words abcdefghijklmn[3].", 20, 20, 0,
	  "Words words|abcdefghijklmn[3]." },
	{ "...never cutting its marker", "Words abcdefghijklm[12].", 16, 16,
	  0, "Words abcdefghij|klm[12]." },
	{ "...never starting a line with closing punctuation",
	  "xx abcdefgh.ijk", 11, 11, 0, "xx abcdefg|h.ijk" },
	{ "...nor ending one with opening punctuation",
	  "xx abcdefg(hijk", 11, 11, 0, "xx abcdefg|(hijk" },
	{ "...measured against the other lines' width, not the first's",
	  "item abcdefghijklmn", 18, 13, 0, "item abcdefghijklm|n" },
	{ "...and a run as wide as the next line goes there whole",
	  "item abcdefghijklmn", 18, 14, 0, "item|abcdefghijklmn" },
	{ "an ellipsis after a space may start a line", "and …. so", 6, 6,
	  0, "and ….|so" },
	{ "numbers stay with their percent sign", "增长42.2%，利润", 8, 8, 0,
	  "增长|42.2%，|利润" },
	{ "dates break between ideographs", "2021年12月20日", 8, 8, 0,
	  "2021年12|月20日" },
	{ "the first line may be narrower", "first line is narrower", 6, 12,
	  0, "first|line is|narrower" },
	{ "a run of closers carried to narrower lines is cut at their width",
	  "ab，、，、，、，、，、", 10, 6, 0, "a|b，、|，、，|、，、|，、" },
	{ "a word carried to narrower lines is cut at their width",
	  "a bbbbbbbbbbbbbbbbbbbbbbbb", 20, 6, 0,
	  "a bbbbbbbbbbbbbbbbbb|bbbbbb" },
	{ "preformatted keeps its spaces", "a  b   ", 10, 10, LAYOUT_HARD,
	  "a  b   " },
	{ "preformatted breaks where full", "  x  y", 3, 3, LAYOUT_HARD,
	  "  x|  y" },
	{ "nothing gives no lines", "", 10, 10, 0, "" },
	{ "spaces give no lines", "   ", 10, 10, 0, "" },
};

/* Texts laid out at every width from 2 to 40 to check the invariants. */
static const char *props[] = {
	"财经快报滨海12月20日电 记者从“滨海港务”获悉，今年1至11月，滨海港累计"
	"完成集装箱吞吐量1286万标准箱（TEU），同比增长8.6%。",
	"https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/end",
	"（（（（（（（（（（（（（（（（左括号。。。。。。。。。。。。。。",
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91"
	"\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6 family e\xcc\x81t\xc3\xa9 🇨🇳 한국어 "
	"텍스트",
	"Apple Inc.与华为Huawei Technologies Co., Ltd.在Mobile World Congress上"
	"发布了新产品，售价为US$1,299.99（约合人民币9,200元）。",
};

static char *
join(const char *text, int first, int rest, int flags)
{
	struct layout_line	*l;
	struct buf		 b;
	size_t			 n, i;

	n = layout_lines(text, strlen(text), first, rest, flags, &l);
	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (i != 0)
			buf_addc(&b, '|');
		buf_add(&b, text + l[i].off, l[i].len);
	}
	free(l);
	return buf_detach(&b);
}

/*
 * Every line fits (the first in first columns, the others in width), its
 * width is right, and no byte but spaces is lost.
 */
static int
invariants(const char *text, int first, int width)
{
	struct layout_line	*l;
	struct buf		 all;
	size_t			 n, i, j;
	int			 good = 1;

	n = layout_lines(text, strlen(text), first, width, 0, &l);
	buf_init(&all);
	buf_add(&all, "", 0);
	for (i = 0; i < n; i++) {
		if (l[i].width > (i == 0 ? first : width) ||
		    utf8_width(text + l[i].off, l[i].len) != l[i].width)
			good = 0;
		for (j = 0; j < l[i].len; j++) {
			if (text[l[i].off + j] != ' ')
				buf_addc(&all, text[l[i].off + j]);
		}
	}
	for (i = 0, j = 0; text[i] != '\0'; i++) {
		if (text[i] != ' ' && (j >= all.len || all.data[j++] != text[i]))
			good = 0;
	}
	if (j != all.len)
		good = 0;
	buf_free(&all);
	free(l);
	return good;
}

int
main(void)
{
	size_t	 i;
	char	*got;
	int	 w, good;

	for (i = 0; i < nitems(cases); i++) {
		got = join(cases[i].text, cases[i].first, cases[i].rest,
		    cases[i].flags);
		ok_str(got, cases[i].lines, cases[i].name);
		free(got);
	}
	for (i = 0; i < nitems(props); i++) {
		good = 1;
		for (w = 2; w <= 40; w++) {
			if (!invariants(props[i], w, w)) {
				diag("fails at width %d", w);
				good = 0;
			}
			if (!invariants(props[i], w + 7, w)) {
				diag("fails at width %d after one of %d", w,
				    w + 7);
				good = 0;
			}
		}
		ok(good, "invariants at widths 2 to 40, the first line as wide "
		    "or 7 wider: text %zu", i + 1);
	}
	ok(layout_min_width("增长42.2%，利润 manufacturing",
	    strlen("增长42.2%，利润 manufacturing")) == 13,
	    "widest unbreakable piece");
	return tap_done();
}
