/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * ui-sync.c: a mark made in the reader, with urls-source naming a server,
 * is pushed shortly after (sync-push.c), not only at the next sync: the
 * marks of a moment go together, UI_SYNC_DELAY_MS after the first of them,
 * in the reader's loop, keys live.  A push that fails leaves the queue as
 * it was, and is not tried again for the same queue: the next sync pushes
 * it, or the push of a later mark.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "tidings.h"
#include "ui.h"

#define UI_SYNC_DELAY_MS	1000

static int64_t
ui_sync_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Called at each turn of the loop: when marks wait and no push or reload
 * runs, start a push once they have waited long enough.  Returns the
 * poll timeout (ms, -1 for none) shortened to when one is due.
 */
int
ui_sync_due(struct ui *ui, int timeout)
{
	char	*cause = NULL;
	long	 queued;
	int64_t	 now;

	if (ui->push != NULL || ui->fetch != NULL ||
	    sync_source(ui->config, NULL) <= SYNC_LOCAL)
		return timeout;
	queued = cache_sync_queued(ui->cache);
	if (queued <= 0)
		ui->push_failed = 0;	/* a sync pushed them */
	if (queued <= 0 || queued == ui->push_failed) {
		ui->push_due = 0;
		return timeout;
	}
	now = ui_sync_now();
	if (ui->push_due == 0)
		ui->push_due = now + UI_SYNC_DELAY_MS;
	if (now < ui->push_due) {
		if (timeout < 0 || ui->push_due - now < timeout)
			timeout = (int)(ui->push_due - now);
		return timeout;
	}
	ui->push_due = 0;
	if ((ui->push = sync_push_start(ui->cache, ui->config, &cause)) ==
	    NULL) {
		ui->push_failed = queued;
		ui_error_cause(ui, cause);
	}
	return 0;
}

/*
 * A push runs: wait for it or a key up to timeout_ms; the mask of the fds
 * readable.
 */
int
ui_sync_wait(struct ui *ui, const int *fds, int nfds, int timeout_ms)
{
	char	*cause = NULL;
	int	 mask, rc;

	mask = sync_push_wait(ui->push, fds, nfds, timeout_ms);
	if ((rc = sync_push_done(ui->push, &cause)) == 0)
		return mask;
	sync_push_free(ui->push);
	ui->push = NULL;
	ui->push_failed = 0;
	if (rc == -1) {
		/* Tried again for a later mark, or by the next sync. */
		ui->push_failed = cache_sync_queued(ui->cache);
		ui_error(ui, _("Marks kept to push later: %s"), cause);
		free(cause);
	}
	return mask;
}

void
ui_sync_free(struct ui *ui)
{
	sync_push_free(ui->push);
	ui->push = NULL;
}
