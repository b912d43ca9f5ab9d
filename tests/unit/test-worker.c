/*
 * test-worker.c: the background thread hands tasks back in order, wakes
 * the loop once per task, and frees what is never taken.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"
#include "tap.h"

struct task {
	int		 in;
	int		 out;
	pthread_t	 ran_on;
};

static pthread_mutex_t	wakes_lock = PTHREAD_MUTEX_INITIALIZER;
static int		wakes;
static int		discarded;

static void
square(void *arg)
{
	struct task	*t = arg;

	t->out = t->in * t->in;
	t->ran_on = pthread_self();
}

static void
slow(void *arg)
{
	struct timespec	ts = { 0, 20 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	square(arg);
}

static void
wake(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&wakes_lock);
	wakes++;
	pthread_mutex_unlock(&wakes_lock);
}

static void
discard(void *arg)
{
	discarded++;
	free(arg);
}

/* Take the next finished task, waiting up to 5 s for one. */
static struct task *
take(struct worker *w)
{
	struct timespec	 ts = { 0, 1000 * 1000 };
	struct task	*t;
	int		 i;

	for (i = 0; i < 5000; i++) {
		if ((t = worker_take(w)) != NULL)
			return t;
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int
main(void)
{
	struct worker	*w;
	struct task	 tasks[20], *t;
	int		 i, in_order = 1, right = 1, elsewhere = 1;

	w = worker_create(wake, NULL);
	ok(worker_take(w) == NULL && worker_busy(w) == 0,
	    "a new worker has nothing to give back");
	for (i = 0; i < 20; i++) {
		tasks[i].in = i;
		tasks[i].out = -1;
		worker_submit(w, i % 5 == 0 ? slow : square, &tasks[i]);
	}
	ok(worker_busy(w) == 20, "20 tasks are busy once submitted");
	for (i = 0; i < 20; i++) {
		if ((t = take(w)) == NULL) {
			in_order = 0;
			break;
		}
		if (t != &tasks[i])
			in_order = 0;
		if (t->out != t->in * t->in)
			right = 0;
		if (pthread_equal(t->ran_on, pthread_self()))
			elsewhere = 0;
	}
	ok(in_order, "they come back in the order given, slow ones too");
	ok(right, "each has run");
	ok(elsewhere, "on another thread than the caller's");
	ok(worker_busy(w) == 0 && worker_take(w) == NULL,
	    "then nothing is busy");
	pthread_mutex_lock(&wakes_lock);
	ok(wakes == 20, "the loop was woken once a task: %d", wakes);
	pthread_mutex_unlock(&wakes_lock);

	/* Freed with work left: what ran or waits is discarded, once each. */
	for (i = 0; i < 10; i++) {
		t = xmalloc(sizeof *t);
		t->in = i;
		worker_submit(w, slow, t);
	}
	worker_free(w, discard);
	ok(discarded == 10, "a freed worker discards its 10 tasks: %d",
	    discarded);
	return tap_done();
}
