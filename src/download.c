/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * download.c: an enclosure to a file, as podboat does: where it goes
 * (download-path with Newsboat's %n, the feed's name, and %h, the host),
 * and the download itself through the transfer engine (fetch.c), into
 * NAME.HASH.part, resumed with a Range from where an interrupted one stopped,
 * its length checked, then given its name without replacing any file.
 *
 * The feed's name, the host and the file's name come from outside: each
 * becomes one path component (no '/', no leading '.', so never ".."),
 * and the directory they make must still be inside download-path once
 * symbolic links are followed.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"
#include "fetch-int.h"

#define DOWNLOAD_NAME_BYTES 200 /* of one component we make */
#define DOWNLOAD_TRIES 100 /* "NAME (N).EXT" tried */

/* Text from outside as one path component; dflt when nothing is left. */
char *
download_component(const char *s, const char *dflt)
{
	char  *c, *p, *start;
	size_t len;

	c = utf8_sanitize_line(s != NULL ? s : "", s != NULL ? strlen(s) : 0);
	for (p = c; *p != '\0'; p++) {
		if (*p == '/' || *p == '\\')
			*p = '_';
	}
	start = c;
	while (*start == '.' || *start == ' ')
		start++;
	len = strlen(start);
	while (len > 0 && start[len - 1] == ' ')
		len--;
	len = utf8_prefix(start, len, DOWNLOAD_NAME_BYTES);
	p = len == 0 ? xstrdup(dflt) : xstrndup(start, len);
	free(c);
	return p;
}

/* The file name a URL gives: its last path segment, decoded. */
char *
download_filename(const char *url)
{
	const char *p, *end, *seg;
	char	   *raw, *name;

	p = strstr(url, "://");
	p = p != NULL ? p + 3 : url;
	end = p + strcspn(p, "?#");
	seg = end;
	while (seg > p && seg[-1] != '/')
		seg--;
	if (seg == p) /* the host alone */
		seg = end;
	raw = url_decode_segment(seg, (size_t)(end - seg));
	name = download_component(raw, "download");
	free(raw);
	return name;
}

/* Append s to b, a component made safe. */
static void
download_add_component(struct buf *b, const char *s, const char *dflt)
{
	char *c;

	c = download_component(s, dflt);
	buf_adds(b, c);
	free(c);
}

/*
 * The directory an enclosure of feed goes to: download-path with "~/" at
 * its start, %n and %h replaced; made if it is not there.  NULL with a
 * reason when it cannot be made or escapes the part of download-path
 * before its first placeholder.
 */
char *
download_dir(const char *tmpl, const char *feed, const char *url, char **cause)
{
	struct buf  b;
	const char *home, *p;
	char	   *host, *dir, *top, *real_dir = NULL, *real_top = NULL;
	size_t	    top_len = 0, n;

	buf_init(&b);
	buf_adds(&b, "");
	if (*tmpl == '\0')
		tmpl = "~/";
	if (tmpl[0] == '~' && (tmpl[1] == '/' || tmpl[1] == '\0')) {
		if ((home = getenv("HOME")) == NULL || *home == '\0')
			home = "/";
		buf_adds(&b, home);
		tmpl++;
	}
	for (p = tmpl; *p != '\0'; p++) {
		if (*p != '%' || (p[1] != 'n' && p[1] != 'h' && p[1] != '%')) {
			buf_addc(&b, *p);
			continue;
		}
		if (top_len == 0)
			top_len = b.len;
		p++;
		if (*p == '%')
			buf_addc(&b, '%');
		else if (*p == 'n')
			download_add_component(&b, feed, "feed");
		else {
			host = fetch_host(url);
			download_add_component(&b, host, "host");
			free(host);
		}
	}
	dir = buf_detach(&b);
	if (top_len == 0)
		top_len = strlen(dir);
	/* The fixed part ends at its last '/': "~/pods-%n" is in "~/". */
	n = top_len;
	while (n > 0 && dir[n - 1] != '/')
		n--;
	if (n == 0 || n == top_len)
		n = top_len;
	top = xstrndup(dir, n > 1 && dir[n - 1] == '/' ? n - 1 : n);
	*cause = NULL;
	if (paths_make_parents(dir, cause) != 0 ||
	    (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
		if (*cause == NULL)
			xasprintf(cause, _("cannot make %s: %s"), dir,
			    strerror(errno));
		goto fail;
	}
	if ((real_dir = realpath(dir, NULL)) == NULL ||
	    (real_top = realpath(top, NULL)) == NULL) {
		xasprintf(cause, _("cannot find %s: %s"), dir, strerror(errno));
		goto fail;
	}
	n = strlen(real_top);
	if (strncmp(real_dir, real_top, n) != 0 ||
	    (real_dir[n] != '\0' && real_dir[n] != '/' &&
		strcmp(real_top, "/") != 0)) {
		xasprintf(cause,
		    _("download path %s is outside "
		      "download-path (%s)"),
		    real_dir, real_top);
		goto fail;
	}
	free(real_top);
	free(top);
	free(dir);
	return real_dir;

fail:
	free(real_dir);
	free(real_top);
	free(top);
	free(dir);
	return NULL;
}

/*
 * Give the finished part its name: NAME, else "STEM (N).EXT", never
 * replacing a file (link(2) fails on one).  The new path in *final.
 */
static int
download_place(const char *part, const char *dir, const char *name,
    char **final, char **cause)
{
	const char *dot;
	char	   *path;
	int	    i;

	dot = strrchr(name, '.');
	if (dot == name || dot == NULL)
		dot = name + strlen(name);
	for (i = 0; i < DOWNLOAD_TRIES; i++) {
		if (i == 0)
			xasprintf(&path, "%s/%s", dir, name);
		else
			xasprintf(&path, "%s/%.*s (%d)%s", dir,
			    (int)(dot - name), name, i, dot);
		if (link(part, path) == 0) {
			unlink(part);
			*final = path;
			return 0;
		}
		if (errno != EEXIST) {
			xasprintf(cause, _("cannot name %s: %s"), path,
			    strerror(errno));
			free(path);
			return -1;
		}
		free(path);
	}
	xasprintf(cause, _("%s/%s and %d others like it exist already"), dir,
	    name, DOWNLOAD_TRIES - 1);
	return -1;
}

/*
 * The part of url, whose file is dir/name: NAME.HASH.part, HASH the URL's
 * (FNV-1a), so that two files of one name (many feeds call every episode
 * audio.mp3) never write to, nor resume from, the same part.
 */
static char *
download_part(const char *dir, const char *name, const char *url)
{
	const unsigned char *p;
	uint32_t	     h = 2166136261u;
	char		    *part;

	for (p = (const unsigned char *)url; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	xasprintf(&part, "%s/%s.%08x.part", dir, name, (unsigned)h);
	return part;
}

/* One download: its part file, and its job while the engine has it. */
struct download {
	char		 *dir;
	char		 *name;
	char		 *part;
	int		  fd;
	struct fetch_job *job;
};

/*
 * Start downloading url into dir (from download_dir) on engine e: its
 * part opened, or made, and a job sent with a Range from the part's end.
 * The caller waits for download_job() to come back from the engine, then
 * calls download_finish.  NULL with a reason.
 */
struct download *
download_start(struct fetch_engine *e, const char *url, const char *dir,
    char **cause)
{
	struct download *d;
	struct stat	 st;
	int		 fd;
	char		*name, *part;

	if (!url_is_web(url)) {
		xasprintf(cause, _("not an http(s) URL, refused: %s"), url);
		return NULL;
	}
	name = download_filename(url);
	part = download_part(dir, name, url);
	fd = open(part, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	/* The reader and `tidings download` may both try one file. */
	if (fd != -1 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		xasprintf(cause, _("%s is being downloaded already"), part);
		close(fd);
		free(part);
		free(name);
		return NULL;
	}
	if (fd == -1 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		xasprintf(cause, _("cannot write %s: %s"), part,
		    fd == -1 ? strerror(errno) : _("not a regular file"));
		if (fd != -1)
			close(fd);
		free(part);
		free(name);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->dir = xstrdup(dir);
	d->name = name;
	d->part = part;
	d->fd = fd;
	d->job = fetch_job_create(url);
	d->job->url = xstrdup(url);
	d->job->host = fetch_host(url);
	d->job->download = 1;
	d->job->fd = fd;
	d->job->offset = st.st_size;
	fetch_engine_send(e, d->job);
	return d;
}

/* The job to look for among those the engine gives back. */
struct fetch_job *
download_job(const struct download *d)
{
	return d->job;
}

/* The bytes in the file so far, and its length (-1 unknown). */
void
download_progress(const struct download *d, int64_t *got, int64_t *total)
{
	*got = d->job->offset + atomic_load(&d->job->got);
	*total = atomic_load(&d->job->total);
}

/*
 * Once its job is back: check the length and give the file its name,
 * in *final.  -1 with a reason, the part kept for the next try to resume
 * unless it is longer than the server said.
 */
int
download_finish(struct download *d, char **final, char **cause)
{
	struct fetch_job *job = d->job;
	struct stat	  st;
	int64_t		  total;

	*final = NULL;
	total = atomic_load(&job->total);
	if (job->status != FETCH_OK) {
		xasprintf(cause, "%s",
		    job->reason != NULL ? job->reason :
					  fetch_status_name(job->status));
		return -1;
	}
	if (fstat(d->fd, &st) != 0) {
		xasprintf(cause, "%s: %s", d->part, strerror(errno));
		return -1;
	}
	if (total >= 0 && st.st_size != total) {
		/* More than the server said: the part is no good. */
		xasprintf(cause,
		    _("wrong length: %lld bytes, the server said "
		      "%lld"),
		    (long long)st.st_size, (long long)total);
		if (st.st_size > total)
			unlink(d->part);
		return -1;
	}
	/* What download_progress reports from now on. */
	job->offset = st.st_size;
	atomic_store(&job->got, 0);
	atomic_store(&job->total, st.st_size);
	return download_place(d->part, d->dir, d->name, final, cause);
}

/* Free a download whose job is not on the engine (back, or never sent). */
void
download_free(struct download *d)
{
	if (d == NULL)
		return;
	close(d->fd);
	fetch_job_free(d->job);
	free(d->part);
	free(d->name);
	free(d->dir);
	free(d);
}

/*
 * Free a download whose job the engine freed with itself (stopped before
 * it came back); its part stays for the next try to resume.
 */
void
download_abandon(struct download *d)
{
	d->job = NULL;
	download_free(d);
}

/*
 * Delete a downloaded file, path, if it is a file of dir (download_dir's)
 * and not a link: a path from the cache is not trusted to be one the
 * queue wrote.  -1 with a reason.
 */
int
download_delete(const char *dir, const char *path, char **cause)
{
	struct stat st;
	const char *slash;
	char	   *parent, *real;
	int	    inside;

	if ((slash = strrchr(path, '/')) == NULL || slash[1] == '\0' ||
	    strcmp(slash + 1, ".") == 0 || strcmp(slash + 1, "..") == 0) {
		xasprintf(cause, _("not a file name: %s"), path);
		return -1;
	}
	parent = xstrndup(path, (size_t)(slash - path));
	real = realpath(*parent == '\0' ? "/" : parent, NULL);
	inside = real != NULL && strcmp(real, dir) == 0;
	free(real);
	free(parent);
	if (!inside) {
		xasprintf(cause,
		    _("outside download-path (%s), not deleted: %s"), dir,
		    path);
		return -1;
	}
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		xasprintf(cause, _("not a regular file, not deleted: %s"),
		    path);
		return -1;
	}
	if (unlink(path) != 0) {
		xasprintf(cause, _("cannot delete %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Download url into dir, on an engine of its own, calling cb with the
 * bytes there and the file's length (-1 unknown) as they come.  The
 * file's path in *final; -1 with a reason.
 */
int
download_run(const char *url, const char *dir, const struct fetch_options *opts,
    download_cb cb, void *arg, char **final, char **cause)
{
	struct fetch_engine *e;
	struct fetch_jobs    done;
	struct download	    *d;
	int64_t		     got, total;
	int		     rc;

	*final = NULL;
	e = fetch_engine_create(opts);
	if ((d = download_start(e, url, dir, cause)) == NULL) {
		fetch_engine_free(e);
		return -1;
	}
	fetch_jobs_init(&done);
	while (done.head == NULL) {
		fetch_engine_wait(e, NULL, 0, DOWNLOAD_TICK_MS);
		fetch_engine_take(e, &done);
		if (cb != NULL && done.head == NULL) {
			download_progress(d, &got, &total);
			cb(arg, got, total);
		}
	}
	fetch_jobs_pop(&done);
	fetch_engine_release(e);
	if ((rc = download_finish(d, final, cause)) == 0 && cb != NULL) {
		download_progress(d, &got, &total);
		cb(arg, got, total);
	}
	download_free(d);
	fetch_engine_free(e);
	return rc;
}
