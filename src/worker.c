/*
 * worker.c: one background thread for pure computation.
 *
 * The main thread hands over a task (a function and its argument), goes on
 * with its loop, and takes the finished tasks back in the order they were
 * given.  A task touches only its own memory: no cache, no log, no curses;
 * everything with state stays on the main thread (DESIGN.md §3).  When a
 * task is done the thread calls the wake function, so that a loop asleep
 * in poll() gets up to take it.  Without threads (pthread_create failing),
 * a task runs at once in worker_submit.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "tidings.h"

struct worker_task {
	worker_fn		 run;
	void			*arg;
	struct worker_task	*next;
};

struct worker_list {
	struct worker_task	*head;
	struct worker_task	**tail;
};

struct worker {
	pthread_t		 thread;
	int			 started;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct worker_list	 todo;
	struct worker_list	 done;
	size_t			 busy;		/* submitted, not yet taken */
	int			 quit;
	void			(*wake)(void *);
	void			*wake_arg;
};

static void
worker_list_init(struct worker_list *l)
{
	l->head = NULL;
	l->tail = &l->head;
}

static void
worker_list_push(struct worker_list *l, struct worker_task *t)
{
	t->next = NULL;
	*l->tail = t;
	l->tail = &t->next;
}

static struct worker_task *
worker_list_pop(struct worker_list *l)
{
	struct worker_task	*t;

	if ((t = l->head) != NULL) {
		if ((l->head = t->next) == NULL)
			l->tail = &l->head;
	}
	return t;
}

static void *
worker_main(void *arg)
{
	struct worker		*w = arg;
	struct worker_task	*t;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->quit && w->todo.head == NULL)
			pthread_cond_wait(&w->cond, &w->lock);
		if (w->quit)
			break;
		t = worker_list_pop(&w->todo);
		pthread_mutex_unlock(&w->lock);
		t->run(t->arg);
		pthread_mutex_lock(&w->lock);
		worker_list_push(&w->done, t);
		if (w->wake != NULL)
			w->wake(w->wake_arg);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Start the thread; wake(arg) is called from it when a task is done. */
struct worker *
worker_create(void (*wake)(void *), void *wake_arg)
{
	struct worker	*w;

	w = xcalloc(1, sizeof *w);
	worker_list_init(&w->todo);
	worker_list_init(&w->done);
	w->wake = wake;
	w->wake_arg = wake_arg;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) == 0)
		w->started = 1;
	else
		log_debug("worker: no thread; tasks run in the main loop");
	return w;
}

/* Hand over run(arg); worker_take gives arg back when it has run. */
void
worker_submit(struct worker *w, worker_fn run, void *arg)
{
	struct worker_task	*t;

	t = xmalloc(sizeof *t);
	t->run = run;
	t->arg = arg;
	if (!w->started) {
		run(arg);
		worker_list_push(&w->done, t);
		w->busy++;
		return;
	}
	pthread_mutex_lock(&w->lock);
	worker_list_push(&w->todo, t);
	w->busy++;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* The argument of the oldest finished task, or NULL if none has finished. */
void *
worker_take(struct worker *w)
{
	struct worker_task	*t;
	void			*arg = NULL;

	if (w->started)
		pthread_mutex_lock(&w->lock);
	if ((t = worker_list_pop(&w->done)) != NULL) {
		arg = t->arg;
		w->busy--;
	}
	if (w->started)
		pthread_mutex_unlock(&w->lock);
	free(t);
	return arg;
}

/* Tasks submitted and not yet taken back, finished or not. */
size_t
worker_busy(struct worker *w)
{
	size_t	n;

	if (w->started)
		pthread_mutex_lock(&w->lock);
	n = w->busy;
	if (w->started)
		pthread_mutex_unlock(&w->lock);
	return n;
}

/*
 * Stop the thread once its running task ends, and free the worker; every
 * argument not taken, run or not, is given to discard.
 */
void
worker_free(struct worker *w, void (*discard)(void *))
{
	struct worker_task	*t;

	if (w == NULL)
		return;
	if (w->started) {
		pthread_mutex_lock(&w->lock);
		w->quit = 1;
		pthread_cond_signal(&w->cond);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
	}
	while ((t = worker_list_pop(&w->done)) != NULL ||
	    (t = worker_list_pop(&w->todo)) != NULL) {
		discard(t->arg);
		free(t);
	}
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	free(w);
}
