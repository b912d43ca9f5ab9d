/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * posts-int.h: what posts.c and posts-url.c share about a Jekyll site and
 * one of its posts.
 */
#ifndef POSTS_INT_H
#define POSTS_INT_H

struct posts_site {
	char		*root;		/* the site's folder */
	struct yamldoc	*config;	/* _config.yml, or NULL */
	const char	*title;		/* these point into config */
	const char	*url;
	const char	*baseurl;
	const char	*permalink;	/* the posts' URL template */
	const char	*excerpt_separator;
	struct tz	*tz;
	int		 future;	/* posts dated later than now count */
	int		 unpublished;	/* "published: false" counts */
	int		 drafts;	/* _drafts are read (show_drafts) */
	int64_t		 now;
};

struct posts_post {
	const struct posts_site *site;
	const char	*relpath;	/* from the site's root */
	struct yamldoc	*fm;		/* front matter, NULL if none */
	char		*slug;		/* front matter's, or the name's */
	char		*name;		/* the file name without extension */
	char		*cleaned_path;	/* :path */
	const char	*ext;		/* ".md" */
	const char	*output_ext;	/* ".html" */
	const char	*permalink;	/* the URL template */
	char		**categories;
	size_t		 ncategories;
	char		**tags;
	size_t		 ntags;
	int64_t		 date;
};

/* posts-url.c */
const char	*posts_url_style(const char *);
char		*posts_slugify(const char *, int, int);
char		*posts_titleize(const char *);
char		*posts_url(const struct posts_post *);
char		*posts_url_absolute(const struct posts_site *, const char *);

#endif
