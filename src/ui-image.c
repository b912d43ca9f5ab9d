/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-image.c: the images of the article in the pager, fetched in the event
 * loop, kept in the cache and drawn as rows of symbols (image.c).
 *
 * The pager asks for an image's cells when it lays its text out
 * (ui_images_art); until they exist it shows the text alone.  An image
 * not in the cache is fetched by the reader's image fetcher (ui->image_fetch,
 * driven by ui_wait as a followed page is); bytes that arrived are handed
 * to the image thread (image-worker.c) after the screen was drawn
 * (ui_images_work), which decodes them and makes their cells while keys
 * keep working; ui_wait polls its descriptor and takes what it made
 * (ui_images_collect).  The text always shows first and the pictures fill
 * in.  Colours are the 240 of a 256-colour terminal, each (fg, bg) a colour
 * pair of its own from UI_IMAGE_PAIRS on; with fewer colours the symbols
 * alone are drawn.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"

/* The first colour pair for images: the elements' own are below it. */
#define UI_IMAGE_PAIRS 64
/* How long the terminal is given to answer what it draws, in ms. */
#define UI_IMAGE_ASK_MS 300
/* A cell's pixels when the terminal does not say. */
#define UI_IMAGE_CELL_W 10
#define UI_IMAGE_CELL_H 20

/*
 * kitty's graphics query (an image of one pixel, queried, not kept), then
 * the size of a cell in pixels (xterm's window operation 16), then the
 * primary device attributes, which every terminal answers, last: their
 * answer ends the wait.  tmux and screen take an APC sequence for a
 * window title (and pass no kitty graphics on): inside them kitty is not
 * asked about.
 */
#define UI_IMAGE_ASK_KITTY "\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\"
#define UI_IMAGE_ASK "\033[16t\033[c"
/* kitty's "delete every placement and free its image". */
#define UI_IMAGE_KITTY_CLEAR "\033_Ga=d,d=A\033\\"

enum ui_image_state {
	UI_IMAGE_NONE, /* not asked for: offline and not kept */
	UI_IMAGE_FETCHING,
	UI_IMAGE_BYTES, /* to decode */
	UI_IMAGE_DECODING, /* on the image thread */
	UI_IMAGE_READY,
	UI_IMAGE_FAILED
};

struct ui_image {
	char		   *url;
	enum ui_image_state state;
	struct image	   *image;
	struct image_art   *art; /* at art_cols, for art_colors */
	int		    art_cols;
	int		    art_colors;
	char		   *reason; /* why it failed */
};

/* A graphic drawn at (y, x), the rows of its cells blank under it. */
struct ui_image_place {
	const struct image_art *art; /* this frame's only: it may be freed */
	int			y;
	int			x;
	int			rows;
};

struct ui_images {
	struct ui_image *list;
	size_t		 n;
	int		 changed; /* the rows an image fills changed */
	unsigned long	 serial; /* its work's owner on the thread */
	int		 cols; /* the width last asked for */
};

static void ui_images_write(const char *, size_t);

/* The next set of images' serial: a freed set's work is known as such. */
static unsigned long ui_images_serial;

/* Colour pairs given to (fg, bg), 0 for none yet; the next one to give. */
static int *ui_image_pairs;
static int  ui_image_next = UI_IMAGE_PAIRS;

/* How the pager wants an image cols wide. */
static void
ui_images_look(struct ui *ui, int cols, struct image_look *look)
{
	memset(look, 0, sizeof *look);
	look->cols = cols;
	look->colors = ui->colors && COLORS >= 256 &&
		COLOR_PAIRS > UI_IMAGE_PAIRS ?
	    256 :
	    0;
	look->mode = ui->image_mode;
	look->cell_w = ui->cell_w;
	look->cell_h = ui->cell_h;
}

/* Are images drawn?  inline-images yes, or auto on a UTF-8 colour terminal. */
int
ui_images_on(struct ui *ui)
{
	const char *v;

	if (!image_supported())
		return 0;
	v = config_get_string(ui->config, "inline-images");
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	return ui->colors && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

struct ui_images *
ui_images_create(void)
{
	struct ui_images *imgs;

	imgs = xcalloc(1, sizeof *imgs);
	imgs->serial = ++ui_images_serial;
	return imgs;
}

void
ui_images_free(struct ui *ui, struct ui_images *imgs)
{
	size_t i;

	if (imgs == NULL)
		return;
	if (ui->images == imgs)
		ui->images = NULL;
	image_worker_cancel(ui->image_worker, imgs->serial);
	for (i = 0; i < imgs->n; i++) {
		free(imgs->list[i].url);
		image_free(imgs->list[i].image);
		image_art_free(imgs->list[i].art);
		free(imgs->list[i].reason);
	}
	free(imgs->list);
	free(imgs);
}

/* Is an image of url being fetched? */
static int
ui_image_in_flight(struct ui *ui, const char *url)
{
	size_t i;

	for (i = 0; i < ui->nimage_urls; i++) {
		if (strcmp(ui->image_urls[i], url) == 0)
			return 1;
	}
	return 0;
}

/* Fetch an image into the cache, in the loop (ui_image_step). */
static void
ui_image_fetch(struct ui *ui, const char *url)
{
	struct fetch_options opts;

	if (ui_image_in_flight(ui, url))
		return;
	if (ui->image_fetch == NULL) {
		fetch_options_default(&opts);
		fetch_options_config(&opts, ui->config);
		ui->image_fetch = fetch_create(ui->cache, &opts);
	}
	ui->image_urls = xreallocarray(ui->image_urls, ui->nimage_urls + 1,
	    sizeof *ui->image_urls);
	ui->image_urls[ui->nimage_urls++] = xstrdup(url);
	fetch_image(ui->image_fetch, url);
}

/* Drive the image fetcher: what finished is in the cache, or failed. */
void
ui_image_step(struct ui *ui)
{
	struct fetch_result *r;
	size_t		     i;
	int		     left;

	left = fetch_perform(ui->image_fetch);
	while ((r = fetch_next_result(ui->image_fetch)) != NULL) {
		for (i = 0; i < ui->nimage_urls; i++) {
			if (strcmp(ui->image_urls[i], r->url) != 0)
				continue;
			free(ui->image_urls[i]);
			ui->image_urls[i] = ui->image_urls[--ui->nimage_urls];
			break;
		}
		if (r->status != FETCH_OK)
			log_debug("image %s: %s", r->url,
			    r->reason != NULL ? r->reason :
						fetch_status_name(r->status));
		fetch_result_free(r);
		ui->images_busy = 1;
	}
	if (left == 0 && ui->nimage_urls == 0)
		ui_image_cancel(ui);
}

/* Stop fetching images. */
void
ui_image_cancel(struct ui *ui)
{
	fetch_free(ui->image_fetch);
	ui->image_fetch = NULL;
	while (ui->nimage_urls > 0)
		free(ui->image_urls[--ui->nimage_urls]);
	free(ui->image_urls);
	ui->image_urls = NULL;
}

/* The image of url: known already, or asked for now. */
static struct ui_image *
ui_images_find(struct ui *ui, struct ui_images *imgs, const char *url)
{
	struct ui_image *im;
	size_t		 i, len;
	void		*bytes;

	for (i = 0; i < imgs->n; i++) {
		if (strcmp(imgs->list[i].url, url) == 0)
			return &imgs->list[i];
	}
	if (imgs->n >= MAX_ARTICLE_IMAGES)
		return NULL;
	imgs->list = xreallocarray(imgs->list, imgs->n + 1, sizeof *imgs->list);
	im = &imgs->list[imgs->n++];
	memset(im, 0, sizeof *im);
	im->url = xstrdup(url);
	if ((bytes = cache_image_get(ui->cache, url, &len)) != NULL) {
		free(bytes);
		im->state = UI_IMAGE_BYTES;
		ui->images_busy = 1;
	} else if (!ui->env->offline && !cache_is_readonly(ui->cache)) {
		im->state = UI_IMAGE_FETCHING;
		ui_image_fetch(ui, url);
	}
	return im;
}

/*
 * The cells of image url at most cols wide, or NULL while there are none
 * (being fetched or decoded, failed, or images are off).
 */
const struct image_art *
ui_images_art(struct ui *ui, struct ui_images *imgs, const char *url, int cols)
{
	struct ui_image	 *im;
	struct image_look look;

	if (imgs == NULL || !ui_images_on(ui))
		return NULL;
	ui->images = imgs;
	imgs->cols = cols;
	if ((im = ui_images_find(ui, imgs, url)) == NULL ||
	    im->state != UI_IMAGE_READY)
		return NULL;
	ui_images_look(ui, cols, &look);
	/* A new width (the terminal was resized): small work, done here. */
	if (im->art == NULL || im->art_cols != cols ||
	    im->art_colors != look.colors) {
		image_art_free(im->art);
		im->art = image_art_look(im->image, &look);
		im->art_cols = cols;
		im->art_colors = look.colors;
	}
	return im->art;
}

/*
 * In the loop's idle time: images whose fetch ended are looked for in the
 * cache, and their bytes handed to the image thread.  Sets
 * ui->images_busy when work is left.
 */
void
ui_images_work(struct ui *ui)
{
	struct ui_images *imgs = ui->images;
	struct ui_image	 *im;
	struct image_look look;
	size_t		  i, len;
	void		 *bytes;
	char		 *cause = NULL;

	ui->images_busy = 0;
	if (imgs == NULL)
		return;
	for (i = 0; i < imgs->n; i++) {
		im = &imgs->list[i];
		if (im->state == UI_IMAGE_FETCHING &&
		    !ui_image_in_flight(ui, im->url))
			im->state = UI_IMAGE_BYTES;
		if (im->state != UI_IMAGE_BYTES)
			continue;
		if (ui->image_worker == NULL &&
		    (ui->image_worker = image_worker_create(&cause)) == NULL) {
			ui_error_cause(ui, cause);
			im->state = UI_IMAGE_FAILED;
			continue;
		}
		if ((bytes = cache_image_get(ui->cache, im->url, &len)) ==
		    NULL) {
			im->state = UI_IMAGE_FAILED;
			continue;
		}
		ui_images_look(ui, imgs->cols, &look);
		image_worker_add(ui->image_worker, imgs->serial, i, bytes, len,
		    &look);
		im->art_cols = look.cols;
		im->art_colors = look.colors;
		im->state = UI_IMAGE_DECODING;
	}
}

/*
 * Take what the image thread made; the pager's images are marked changed
 * when one of its own arrived.  Returns 1 then.
 */
int
ui_images_collect(struct ui *ui)
{
	struct ui_images *imgs = ui->images;
	struct ui_image	 *im;
	struct image	 *image;
	struct image_art *art;
	unsigned long	  owner;
	size_t		  i;
	char		 *cause;
	int		  changed = 0;

	while (image_worker_next(ui->image_worker, &owner, &i, &image, &art,
	    &cause)) {
		if (imgs == NULL || owner != imgs->serial || i >= imgs->n ||
		    imgs->list[i].state != UI_IMAGE_DECODING) {
			image_free(image);
			image_art_free(art);
			free(cause);
			continue;
		}
		im = &imgs->list[i];
		if (image == NULL) {
			log_debug("image %s: %s", im->url, cause);
			im->reason = cause;
			im->state = UI_IMAGE_FAILED;
			continue;
		}
		free(cause);
		im->image = image;
		im->art = art;
		im->state = UI_IMAGE_READY;
		changed = 1;
	}
	if (imgs != NULL)
		imgs->changed |= changed;
	return changed;
}

/* The descriptor ui_wait polls for the image thread's results, or -1. */
int
ui_images_fd(struct ui *ui)
{
	return image_worker_fd(ui->image_worker);
}

/* Stop the image thread and take the graphics away (the reader ends). */
void
ui_images_end(struct ui *ui)
{
	image_worker_free(ui->image_worker);
	ui->image_worker = NULL;
	if (ui->nshown > 0 && ui->image_mode == IMAGE_KITTY)
		ui_images_write(UI_IMAGE_KITTY_CLEAR,
		    sizeof UI_IMAGE_KITTY_CLEAR - 1);
	free(ui->places);
	free(ui->shown);
	ui->places = ui->shown = NULL;
	ui->nplaces = ui->nshown = 0;
}

/*
 * ui_wait's turn for images: when work is left and no key waits, do a
 * piece of it.  Returns 1 when it did.
 */
int
ui_images_idle(struct ui *ui)
{
	struct pollfd pfd;

	if (!ui->images_busy)
		return 0;
	pfd.fd = STDIN_FILENO;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) != 0)
		return 0;
	ui_images_work(ui);
	return 1;
}

/* Did an image arrive since the last call? */
int
ui_images_changed(struct ui_images *imgs)
{
	int changed;

	if (imgs == NULL)
		return 0;
	changed = imgs->changed;
	imgs->changed = 0;
	return changed;
}

/* The colour pair of (fg, bg), made when first asked for. */
static int
ui_image_pair(int fg, int bg)
{
	int key = fg * 256 + bg;

	if (ui_image_pairs == NULL)
		ui_image_pairs = xcalloc(256 * 256, sizeof *ui_image_pairs);
	if (ui_image_pairs[key] != 0)
		return ui_image_pairs[key];
	/* Out of pairs: start again, and what is on screen keeps its own. */
	if (ui_image_next >= COLOR_PAIRS)
		ui_image_next = UI_IMAGE_PAIRS;
	init_extended_pair(ui_image_next, fg, bg);
	ui_image_pairs[key] = ui_image_next;
	return ui_image_next++;
}

/* Draw row k of an image's cells at screen row y, from column x. */
void
ui_images_draw_row(const struct image_art *art, int k, int y, int x)
{
	const struct image_cell *c;
	cchar_t			 cc;
	wchar_t			 wc[2];
	int			 i, pair;

	if (y < 0 || y >= LINES || k < 0 || k >= art->rows)
		return;
	move(y, x);
	for (i = 0; i < art->cols && x + i < COLS; i++) {
		c = &art->cells[(size_t)k * art->cols + i];
		wc[0] = (wchar_t)c->ch;
		wc[1] = L'\0';
		pair = 0;
		if (c->fg >= 0 && c->bg >= 0)
			pair = ui_image_pair(c->fg, c->bg);
		setcchar(&cc, wc, A_NORMAL, 0, &pair);
		add_wch(&cc);
	}
	attrset(A_NORMAL);
	clrtoeol();
}

/*
 * The terminal's answers: kitty's "OK" to the graphics query, a cell's
 * size, and device attributes naming 4 (sixel graphics).  Returns 1 once
 * the device attributes are there.
 */
static int
ui_images_answers(struct ui *ui, const char *buf, int *kitty, int *sixel)
{
	const char *p, *q;
	int	    h, w;

	if (strstr(buf, "\033_Gi=31;OK") != NULL)
		*kitty = 1;
	if ((p = strstr(buf, "\033[6;")) != NULL &&
	    sscanf(p, "\033[6;%d;%dt", &h, &w) == 2 && h > 0 && w > 0 &&
	    h < 1000 && w < 1000 && ui->cell_w == 0) {
		ui->cell_w = w;
		ui->cell_h = h;
	}
	if ((p = strstr(buf, "\033[?")) == NULL)
		return 0;
	for (p += 3, q = p; *q != '\0' && *q != 'c'; q++) {
		if ((*q < '0' || *q > '9') && *q != ';')
			return 0;
	}
	if (*q != 'c')
		return 0;
	/* 4 among the parameters, not a part of one (14 or 42). */
	for (; p < q; p = p + strcspn(p, ";c") + (p[strcspn(p, ";c")] == ';')) {
		if (p[0] == '4' && (p[1] == ';' || p[1] == 'c'))
			*sixel = 1;
		if (p[strcspn(p, ";c")] == 'c')
			break;
	}
	return 1;
}

/* Milliseconds since a start. */
static long
ui_images_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	    (now.tv_nsec - start->tv_nsec) / 1000000;
}

/*
 * Ask the terminal (before curses starts) whether it draws kitty graphics
 * or sixels: its answers decide, never the environment.  A terminal that
 * does not answer within UI_IMAGE_ASK_MS gets symbols.
 */
static void
ui_images_ask(struct ui *ui, int *kitty, int *sixel)
{
	struct termios	old, raw;
	struct pollfd	pfd;
	struct timespec start;
	char		buf[512];
	const char     *term;
	size_t		len = 0;
	ssize_t		n;
	long		left;

	if (tcgetattr(STDIN_FILENO, &old) == -1)
		return;
	raw = old;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == -1)
		return;
	term = getenv("TERM");
	if (getenv("TMUX") == NULL && getenv("STY") == NULL &&
	    (term == NULL ||
		(strncmp(term, "screen", 6) != 0 &&
		    strncmp(term, "tmux", 4) != 0)))
		(void)!write(STDOUT_FILENO, UI_IMAGE_ASK_KITTY,
		    sizeof UI_IMAGE_ASK_KITTY - 1);
	if (write(STDOUT_FILENO, UI_IMAGE_ASK, sizeof UI_IMAGE_ASK - 1) ==
	    (ssize_t)sizeof UI_IMAGE_ASK - 1) {
		clock_gettime(CLOCK_MONOTONIC, &start);
		while ((left = UI_IMAGE_ASK_MS - ui_images_ms(&start)) > 0 &&
		    len < sizeof buf - 1) {
			pfd.fd = STDIN_FILENO;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, (int)left) <= 0)
				break;
			if ((n = read(STDIN_FILENO, buf + len,
				 sizeof buf - 1 - len)) <= 0)
				break;
			len += n;
			buf[len] = '\0';
			if (ui_images_answers(ui, buf, kitty, sixel))
				break;
		}
	}
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
}

/*
 * Before curses starts: what the pager's images are drawn with, from
 * image-protocol (auto asks the terminal), and a cell's size in pixels.
 */
void
ui_images_detect(struct ui *ui)
{
	struct winsize ws;
	const char    *v;
	int	       kitty = 0, sixel = 0;

	ui->image_mode = IMAGE_SYMBOLS;
	if (!image_supported() ||
	    strcmp(config_get_string(ui->config, "inline-images"), "no") == 0)
		return;
	v = config_get_string(ui->config, "image-protocol");
	if (strcmp(v, "symbols") == 0)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    ws.ws_row > 0 && ws.ws_xpixel >= ws.ws_col &&
	    ws.ws_ypixel >= ws.ws_row) {
		ui->cell_w = ws.ws_xpixel / ws.ws_col;
		ui->cell_h = ws.ws_ypixel / ws.ws_row;
	}
	if (strcmp(v, "sixel") == 0)
		ui->image_mode = IMAGE_SIXEL;
	else if (strcmp(v, "kitty") == 0)
		ui->image_mode = IMAGE_KITTY;
	else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		ui_images_ask(ui, &kitty, &sixel);
		if (kitty)
			ui->image_mode = IMAGE_KITTY;
		else if (sixel)
			ui->image_mode = IMAGE_SIXEL;
	}
	if (ui->cell_w == 0) {
		ui->cell_w = UI_IMAGE_CELL_W;
		ui->cell_h = UI_IMAGE_CELL_H;
	}
	log_debug("images: %s, cells of %d x %d pixels",
	    ui->image_mode == IMAGE_KITTY     ? "kitty" :
		ui->image_mode == IMAGE_SIXEL ? "sixel" :
						"symbols",
	    ui->cell_w, ui->cell_h);
}

/* A new frame: no graphic placed yet. */
void
ui_images_frame(struct ui *ui)
{
	ui->nplaces = 0;
}

/*
 * Place art's graphic at (y, x) in this frame, when the terminal draws
 * graphics; returns 1 then, and the caller leaves the art's rows blank.
 */
int
ui_images_place(struct ui *ui, const struct image_art *art, int y, int x)
{
	struct ui_image_place *p;

	if (ui->image_mode == IMAGE_SYMBOLS || art->seq == NULL)
		return 0;
	ui->places = xreallocarray(ui->places, ui->nplaces + 1,
	    sizeof *ui->places);
	p = &ui->places[ui->nplaces++];
	p->art = art;
	p->y = y;
	p->x = x;
	p->rows = art->rows;
	return 1;
}

/* Write all of a buffer to the terminal. */
static void
ui_images_write(const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(STDOUT_FILENO, p, len)) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return;
		}
		p += n;
		len -= n;
	}
}

/*
 * After curses refreshed the screen: when the graphics of this frame are
 * not those of the last, the old ones are erased (sixels are pixels in the
 * cells: the rows under them are repainted; kitty's are deleted) and the
 * new ones written, each at its first cell, the cursor kept.
 */
void
ui_images_flush(struct ui *ui)
{
	const struct ui_image_place *p;
	char			     move[32];
	size_t			     i;
	int			     n;

	for (i = 0; i < ui->nplaces && ui->nplaces == ui->nshown; i++) {
		if (ui->places[i].art != ui->shown[i].art ||
		    ui->places[i].y != ui->shown[i].y ||
		    ui->places[i].x != ui->shown[i].x)
			break;
	}
	if (ui->nplaces == ui->nshown && i == ui->nplaces)
		return;
	if (ui->nshown > 0) {
		if (ui->image_mode == IMAGE_KITTY)
			ui_images_write(UI_IMAGE_KITTY_CLEAR,
			    sizeof UI_IMAGE_KITTY_CLEAR - 1);
		else {
			for (i = 0; i < ui->nshown; i++) {
				p = &ui->shown[i];
				wredrawln(stdscr, p->y, p->rows);
			}
			refresh();
		}
	}
	for (i = 0; i < ui->nplaces; i++) {
		p = &ui->places[i];
		n = snprintf(move, sizeof move, "\0337\033[%d;%dH", p->y + 1,
		    p->x + 1);
		ui_images_write(move, n);
		ui_images_write(p->art->seq, p->art->seqlen);
		ui_images_write("\0338", 2);
	}
	free(ui->shown);
	ui->shown = NULL;
	ui->nshown = ui->nplaces;
	if (ui->nplaces > 0) {
		ui->shown = xreallocarray(NULL, ui->nplaces, sizeof *ui->shown);
		memcpy(ui->shown, ui->places, ui->nplaces * sizeof *ui->shown);
	}
}
