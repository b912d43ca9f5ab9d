/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * buf.c: a growable byte buffer, always NUL-terminated.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "tidings.h"

static void
buf_grow(struct buf *b, size_t more)
{
	size_t	need = b->len + more + 1;

	if (need < more)
		fatal("buffer size overflows");
	if (need <= b->size)
		return;
	if (b->size == 0)
		b->size = 64;
	while (b->size < need)
		b->size = b->size > SIZE_MAX / 2 ? need : b->size * 2;
	b->data = xreallocarray(b->data, 1, b->size);
}

/* Make an empty buffer. */
void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->size = 0;
}

/* Append len bytes. */
void
buf_add(struct buf *b, const void *p, size_t len)
{
	buf_grow(b, len);
	if (len != 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Append a string. */
void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Append one byte. */
void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Append formatted text. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	buf_add(b, s, n);
	free(s);
}

/* Cut the buffer to len bytes. */
void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

/* Give the contents away as a string; the buffer is left empty. */
char *
buf_detach(struct buf *b)
{
	char	*s = b->data;

	if (s == NULL)
		s = xstrdup("");
	buf_init(b);
	return s;
}

/* Free the contents. */
void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

/* Why a file of this mode is not read: what it is instead. */
const char *
buf_not_regular(mode_t mode)
{
	if (S_ISDIR(mode))
		return _("a folder, not a regular file");
	if (S_ISFIFO(mode))
		return _("a FIFO, not a regular file");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return _("a device, not a regular file");
	if (S_ISSOCK(mode))
		return _("a socket, not a regular file");
	return _("not a regular file");
}

/*
 * Open a regular file for reading; -1 with a reason for anything else.
 * A FIFO, a device (a terminal, /dev/zero) or a socket would block or
 * never end, so it is refused before it is opened (stat) and, should it
 * have been put in the file's place since, before a byte is read: the
 * open does not block (O_NONBLOCK), nor make a terminal ours (O_NOCTTY).
 */
int
buf_open_file(const char *path, char **cause)
{
	struct stat	sb;
	int		fd, flags;

	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s", buf_not_regular(sb.st_mode));
		return -1;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		xasprintf(cause, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1) {
		xasprintf(cause, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s", buf_not_regular(sb.st_mode));
		close(fd);
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/*
 * Read a whole regular file of at most max bytes; -1 with a reason on
 * failure, or when it is not a regular file (buf_open_file).
 */
int
buf_read_file(struct buf *b, const char *path, size_t max, char **cause)
{
	char	chunk[65536];
	ssize_t	n;
	int	fd;

	if ((fd = buf_open_file(path, cause)) == -1)
		return -1;
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			xasprintf(cause, "%s", strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		if (b->len + n > max) {
			xasprintf(cause, _("larger than %zu bytes"), max);
			close(fd);
			return -1;
		}
		buf_add(b, chunk, n);
	}
	close(fd);
	if (b->data == NULL)
		buf_add(b, "", 0);
	return 0;
}
