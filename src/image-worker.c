/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * image-worker.c: images decoded and turned into cells on a thread of
 * their own, so that a slow image (a highly compressed PNG just under the
 * pixel limit takes seconds) never keeps the reader's keys waiting.
 *
 * The reader hands over an image's bytes (it reads them from the cache:
 * sqlite stays on its thread) with the look it wants them in; the thread
 * decodes them (image_decode_until, within the same limits) and makes the
 * cells and escape sequences (image_art_look), queues the result and
 * writes a byte to a pipe the reader's loop polls.  Work is tagged with
 * its owner, the pager's set of images: when the pager closes the owner is
 * cancelled, its queued work dropped and the image being decoded stopped
 * at the next chunk; a result that comes back anyway is thrown away by
 * the reader, which knows its owner is gone.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidings.h"

struct image_job {
	unsigned long	  owner;
	size_t		  index;
	void		 *bytes;
	size_t		  len;
	struct image_look look;
	struct image	 *image; /* the result */
	struct image_art *art;
	char		 *cause;
	struct image_job *next;
};

struct image_worker {
	pthread_t	  thread;
	pthread_mutex_t	  lock;
	pthread_cond_t	  cond;
	struct image_job *todo; /* oldest first */
	struct image_job *done; /* newest first */
	unsigned long	  running; /* the owner decoded, 0 none */
	atomic_int	  stop; /* stop the image decoded */
	int		  quit;
	int		  orphan; /* it frees itself at the end */
	int		  pipe[2];
};

static void *image_worker_main(void *);
static int   image_worker_stopped(void *);
static void  image_job_free(struct image_job *);
static void  image_worker_destroy(struct image_worker *);

static void
image_job_free(struct image_job *job)
{
	free(job->bytes);
	image_free(job->image);
	image_art_free(job->art);
	free(job->cause);
	free(job);
}

static int
image_worker_stopped(void *arg)
{
	struct image_worker *w = arg;

	return atomic_load(&w->stop);
}

static void *
image_worker_main(void *arg)
{
	struct image_worker *w = arg;
	struct image_job    *job;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->quit && w->todo == NULL)
			pthread_cond_wait(&w->cond, &w->lock);
		if (w->quit)
			break;
		job = w->todo;
		w->todo = job->next;
		w->running = job->owner;
		atomic_store(&w->stop, 0);
		pthread_mutex_unlock(&w->lock);

		job->image = image_decode_until(job->bytes, job->len,
		    image_worker_stopped, w, &job->cause);
		free(job->bytes);
		job->bytes = NULL;
		if (job->image != NULL && !image_worker_stopped(w))
			job->art = image_art_look(job->image, &job->look);

		pthread_mutex_lock(&w->lock);
		w->running = 0;
		job->next = w->done;
		w->done = job;
		(void)!write(w->pipe[1], "", 1);
	}
	pthread_mutex_unlock(&w->lock);
	if (w->orphan)
		image_worker_destroy(w);
	return NULL;
}

static void
image_worker_destroy(struct image_worker *w)
{
	struct image_job *job;

	while ((job = w->todo) != NULL) {
		w->todo = job->next;
		image_job_free(job);
	}
	while ((job = w->done) != NULL) {
		w->done = job->next;
		image_job_free(job);
	}
	close(w->pipe[0]);
	close(w->pipe[1]);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	free(w);
}

/* Start the thread; NULL with the reason when it cannot be. */
struct image_worker *
image_worker_create(char **cause)
{
	struct image_worker *w;
	int		     i, error;

	w = xcalloc(1, sizeof *w);
	if (pipe(w->pipe) == -1) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		free(w);
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		(void)fcntl(w->pipe[i], F_SETFL, O_NONBLOCK);
		(void)fcntl(w->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	atomic_init(&w->stop, 0);
	if ((error = pthread_create(&w->thread, NULL, image_worker_main, w)) !=
	    0) {
		xasprintf(cause, "pthread_create: %s", strerror(error));
		close(w->pipe[0]);
		close(w->pipe[1]);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->cond);
		free(w);
		return NULL;
	}
	return w;
}

/*
 * Stop the thread and free it all.  An image being decoded is stopped at
 * its next chunk, but the loader's first steps (allocating the pixels of
 * a large image) take most of a second: the reader quits at once and
 * leaves the thread to free itself when it is done.
 */
void
image_worker_free(struct image_worker *w)
{
	int busy;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->quit = 1;
	atomic_store(&w->stop, 1);
	busy = w->running != 0;
	w->orphan = busy;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	if (busy) {
		pthread_detach(w->thread);
		return;
	}
	pthread_join(w->thread, NULL);
	image_worker_destroy(w);
}

/* The descriptor that becomes readable when a result is there. */
int
image_worker_fd(const struct image_worker *w)
{
	return w != NULL ? w->pipe[0] : -1;
}

/* Queue image index of owner: its bytes (taken over) to decode and draw. */
void
image_worker_add(struct image_worker *w, unsigned long owner, size_t index,
    void *bytes, size_t len, const struct image_look *look)
{
	struct image_job *job, **last;

	job = xcalloc(1, sizeof *job);
	job->owner = owner;
	job->index = index;
	job->bytes = bytes;
	job->len = len;
	job->look = *look;
	pthread_mutex_lock(&w->lock);
	for (last = &w->todo; *last != NULL; last = &(*last)->next)
		;
	*last = job;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* Drop the work of owner: queued, it goes; being decoded, it stops. */
void
image_worker_cancel(struct image_worker *w, unsigned long owner)
{
	struct image_job *job, **prev;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	for (prev = &w->todo; (job = *prev) != NULL;) {
		if (job->owner == owner) {
			*prev = job->next;
			image_job_free(job);
		} else
			prev = &job->next;
	}
	if (w->running == owner)
		atomic_store(&w->stop, 1);
	pthread_mutex_unlock(&w->lock);
}

/*
 * Take a result: 1 with its owner, index, image, cells and (failed) cause
 * given to the caller, 0 when there is none.
 */
int
image_worker_next(struct image_worker *w, unsigned long *owner, size_t *index,
    struct image **image, struct image_art **art, char **cause)
{
	struct image_job *job;
	char		  buf[64];

	if (w == NULL)
		return 0;
	while (read(w->pipe[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&w->lock);
	if ((job = w->done) != NULL)
		w->done = job->next;
	pthread_mutex_unlock(&w->lock);
	if (job == NULL)
		return 0;
	*owner = job->owner;
	*index = job->index;
	*image = job->image;
	*art = job->art;
	*cause = job->cause;
	job->image = NULL;
	job->art = NULL;
	job->cause = NULL;
	image_job_free(job);
	return 1;
}
