/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui.h: the terminal interface; the only header that includes curses.
 *
 * Screens stack: each is one file (screen-NAME.c) with a create function
 * that pushes it and a table of callbacks: draw, key, resume (when it is on
 * top again) and leave (free).  ui.c owns the loop, the stack, the status
 * line and the prompt.
 */
#ifndef UI_H
#define UI_H

#include <curses.h>

#include "ui-curses.h"
#include "tidings.h"

struct ui;
struct screen;
struct prompt;

struct screen_type {
	const char	*name;
	void		(*draw)(struct screen *);
	/* Returns 1 when it used the key. */
	int		(*key)(struct screen *, enum action, int);
	void		(*resume)(struct screen *);
	void		(*leave)(struct screen *);
};

struct screen {
	const struct screen_type *type;
	struct ui		*ui;
	void			*data;
};

/* A list with a cursor: n rows, the cursor row and the first row shown. */
struct ui_list {
	size_t		 n;
	size_t		 cursor;
	size_t		 top;
};

/* Called with the text typed at a prompt, or NULL when it was cancelled. */
typedef void (*prompt_cb)(struct ui *, const char *, void *);

struct ui {
	struct cache		*cache;
	const struct cli_env	*env;
	struct config		*config;
	struct keymap		*keymap;

	struct screen		**stack;
	size_t			 nstack;

	char			*status;
	int			 status_error;
	struct prompt		*prompt;

	int			 quit;
	int			 cursor_row;	/* the selected row, or -1 */
	int			 colors;
	attr_t			 attrs[ELEMENT_LAST];
	short			 pairs[ELEMENT_LAST];
	attr_t			*highlight_attrs; /* a `highlight` line's */
	int			 highlight;	/* what the screen drawn is */

	/* A reload in progress, driven by the loop (see ui_reload). */
	struct fetch		*fetch;
	char			*reload_failed;	/* the last failure */
	time_t			 reload_last;
	int			 reloading;
	long			 reload_done;
	long			 reload_total;
	long			 reload_errors;
	long			 reload_new;
	long			 reload_unread_feeds; /* before, for %D */
	/* Articles stored and not yet indexed for search (cache_index). */
	long			 index_left;
	/* The last mass mark-read, for undo. */
	struct undo *undo;
	/* The `:` line's history, oldest first. */
	char **history;
	size_t nhistory;
	/* The argument a macro gives its action (pipe-to CMD), or NULL. */
	const char *action_arg;
	int	    macro_pending;
	int	    confirm_quit; /* the quit asked about, 0 none */
	/* A page being fetched for ui_follow, and its URL. */
	struct fetch		*page_fetch;
	char			*page_url;
	/* The download queue, run by the loop (screen-downloads.c). */
	struct dlqueue		*downloads;
	int64_t			 reload_since;	/* the newest article before */
	/* Images being fetched for the pager (ui-image.c), and its own. */
	struct fetch		*image_fetch;
	char			**image_urls;
	size_t			 nimage_urls;
	struct ui_images	*images;	/* the pager's on screen */
	int			 images_busy;	/* ui_images_work has work */
	struct image_worker	*image_worker;	/* decodes them (ui-image.c) */
	enum image_mode		 image_mode;	/* what the terminal draws */
	int			 cell_w;	/* a cell's pixels, 0 unknown */
	int			 cell_h;
	struct ui_image_place	*places;	/* graphics of this frame */
	size_t			 nplaces;
	struct ui_image_place	*shown;		/* and of the last one */
	size_t			 nshown;
	/* Marks pushed to the sync server as they are made (ui-sync.c). */
	struct sync_push	*push;
	int64_t			 push_due;	/* ms, monotonic; 0 none */
	long			 push_failed;	/* the queue a push failed */
};

/* ui.c */
int		 ui_main(struct cache *, const struct cli_env *);
void		 ui_push(struct ui *, struct screen *);
void		 ui_pop(struct ui *);
struct screen	*ui_top(struct ui *);
struct screen	*ui_below(struct ui *, struct screen *);
struct screen	*ui_screen_create(struct ui *, const struct screen_type *,
		     void *);
void		 ui_status(struct ui *, const char *, ...) printflike(2, 3);
void		 ui_error(struct ui *, const char *, ...) printflike(2, 3);
void		 ui_error_cause(struct ui *, char *);
int		 ui_rows(void);
int		 ui_text_width(struct ui *);
void		 ui_browser(struct ui *, const char *);
void		 ui_follow(struct ui *, const char *);
void		 ui_reload(struct ui *, const char *);
void		 ui_progress(struct ui *, long, long, long);
void		 ui_list_set(struct ui_list *, size_t);
int		 ui_list_key(struct ui_list *, enum action, size_t);
void		 ui_list_show(struct ui_list *, size_t);
char		*ui_format_date(struct ui *, int64_t);
char		*ui_urls_path(struct ui *);
void		 ui_action(struct ui *, enum action, int);
void		 ui_changed(struct ui *);
void		 ui_mark_read(struct ui *, const struct scope *);

/* ui-commands.c */
char *ui_save_name(const char *);
int   ui_save_file(struct ui *, const struct article *, const char *, char **,
      char **);
void  ui_save(struct ui *, int64_t, const char *);
int   ui_shell(struct ui *, const char *, char *const[], const char *, size_t);
void  ui_pipe(struct ui *, int64_t, const char *);
void  ui_bookmark(struct ui *, int64_t);
void  ui_edit_urls(struct ui *);
void  ui_article_action(struct ui *, enum action, int64_t);

/* ui-cmdline.c */
void ui_filter_prompt(struct ui *, enum action, prompt_cb, void *);
void ui_ignore_apply(struct ui *);

void cmdline_prompt(struct ui *);
int  cmdline_run(struct ui *, const char *);

/* ui-draw.c */
attr_t		 ui_draw_attr(struct ui *, enum color_element);
void		 ui_draw_text(struct ui *, int, int, const char *, int,
		     enum color_element, int);
void		 ui_draw_fill(struct ui *, int, enum color_element);
void		 ui_draw_title(struct ui *, const char *, const char *);
void		 ui_draw_rline(struct ui *, int, const struct rline *, int,
		     const char *);
void		 ui_draw_status(struct ui *);
void		 ui_draw_colors(struct ui *);
int		 ui_draw_width(const char *);
int		 ui_draw_highlight_target(const char *);

/* ui-image.c */
struct ui_images;
struct ui_image_place;
int			 ui_images_on(struct ui *);
struct ui_images	*ui_images_create(void);
void			 ui_images_free(struct ui *, struct ui_images *);
const struct image_art *ui_images_art(struct ui *, struct ui_images *,
    const char *, int);
void			ui_images_work(struct ui *);
int			ui_images_collect(struct ui *);
int			ui_images_fd(struct ui *);
void			ui_images_end(struct ui *);
void			ui_images_detect(struct ui *);
int ui_images_place(struct ui *, const struct image_art *, int, int);
void ui_images_frame(struct ui *);
void ui_images_flush(struct ui *);
int			ui_images_idle(struct ui *);
int			ui_images_changed(struct ui_images *);
void ui_images_draw_row(const struct image_art *, int, int, int);
void ui_image_step(struct ui *);
void ui_image_cancel(struct ui *);

/* prompt.c */
struct prompt	*prompt_create(const char *, prompt_cb, void *);
void		 prompt_free(struct prompt *);
int		 prompt_key(struct ui *, struct prompt *, int);
void		 prompt_draw(struct ui *, struct prompt *, int);
int		 prompt_edit(struct prompt *, int);
char		*prompt_text(const struct prompt *);
void		 prompt_set_text(struct prompt *, const char *);
void		 prompt_set_history(struct prompt *, char **, size_t);

/* screen-categories.c */
void		 screen_categories_create(struct ui *);
int screen_categories_next(struct screen *, int, struct scope *, char **);

/* screen-items.c */
void		 screen_items_create(struct ui *, const struct scope *,
		     const char *);
int64_t		 screen_items_step(struct screen *, int, int);
void		 screen_items_update(struct screen *, int64_t, int, int);
int64_t		 screen_items_cross(struct screen *, int);
int64_t		 screen_items_next_unread(struct screen *, enum action);

/* screen-article.c */
void		 screen_article_create(struct ui *, int64_t, struct screen *);
void		 screen_article_create_page(struct ui *, struct cache_page *);
int		 screen_article_follow(struct screen *, size_t);

/* screen-links.c */
void		 screen_links_create(struct ui *, struct screen *, char **,
		     size_t);

/* screen-feeds.c */
void		 screen_feeds_create(struct ui *, const char *, const char *);
int screen_feeds_next(struct screen *, int, struct scope *, char **);

/* screen-downloads.c */
void		 screen_downloads_create(struct ui *);
void		 ui_enqueue(struct ui *, int64_t);

/* screen-help.c */
void		 screen_help_create(struct ui *);

/* ui-sync.c */
int		 ui_sync_due(struct ui *, int);
int		 ui_sync_wait(struct ui *, const int *, int, int);
void		 ui_sync_free(struct ui *);

#endif
