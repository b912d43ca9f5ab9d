/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fetch.c: the transfer engine: downloading feeds with one curl multi
 * handle on a thread of its own (DESIGN.md §3, §7), and reading local
 * sources there too.  Jobs go in (fetch_engine_send), finished jobs come
 * out (fetch_engine_take), with a parsed feed or the reason they failed;
 * it knows no cache (reload.c keeps what comes out), and curl's types
 * never leave this file.  Two threads share the work:
 *
 * - the transfer thread (fetch_thread) owns the curl multi handle: it starts
 *   transfers within the caps, receives and decompresses them, and parses
 *   each finished feed into a struct feed, unless the caller's thread is
 *   about to run out of work (FETCH_SHARE_BELOW), which then parses it in
 *   fetch_engine_take.  It also reads and parses local sources (files,
 *   Jekyll folders, source.c), so that a large one never holds up the
 *   reader's keys;
 * - the caller's thread sends jobs, takes finished ones back and releases
 *   each once it has kept it, while the other transfers keep going.
 *
 * A job belongs to one thread at a time; it crosses in the inbox and the
 * outbox, under the lock, and comes back with no curl handle.  The caller
 * is woken through a pipe, the transfer thread by curl_multi_wakeup.
 * On a fresh reload, storing takes the caller's thread longer than
 * decompressing and parsing take this one (the split is measured by
 * `make bench`, bench/CACHE.md).  At most FETCH_HELD_MAX finished
 * jobs wait for the caller; past that nothing starts, so memory stays
 * bounded when storing is the slower side.
 *
 * The policy: http and https only (redirects too), at most MAX_REDIRECTS,
 * conditional GET with the job's validators, any encoding curl can decode,
 * a cap on decompressed bytes in the write callback (libcurl's own
 * CURLOPT_MAXFILESIZE misses chunked bodies and gzip bombs, §8a), caps on
 * connections in all and per host, and Retry-After read into the job.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "tidings.h"
#include "fetch-int.h"

/*
 * The bytes of an error page read (a 404's, a 500's): enough for its
 * message; past that the transfer ends, whatever the server still sends.
 */
#define FETCH_ERROR_BYTES	(16 * 1024)
/*
 * The caller's thread parses a feed itself when fewer than this wait, and
 * the feed is small enough (about 10 ms) not to hold up the reader's keys.
 */
#define FETCH_SHARE_BELOW	4
#define FETCH_SHARE_BYTES	(1024 * 1024)

/* A job's transfer: the transfer thread's alone. */
struct fetch_transfer {
	struct fetch_engine	*engine;
	CURL			*easy;
	struct curl_slist	*headers;
	int			 in_multi;	/* added to the multi handle */
	int			 too_large;
	size_t			 error_bytes;	/* of error pages, read */
	curl_off_t		 body_mark;	/* bytes before this response */
	int			 error_cut;	/* and cut at the cap */
	int			 not_text;	/* a page for the browser */
	char			*retry_after;
	char			 error[CURL_ERROR_SIZE];
};

/*
 * Newsboat's network settings, read once on the caller's thread: the
 * User-Agent, a proxy (with use-proxy), HTTP authentication for URLs
 * that carry a user name, a cap on the bytes a second, and cookies.
 */
struct fetch_network {
	char	     *user_agent;
	char	     *proxy; /* NULL: curl's own choice */
	char	     *proxy_auth; /* user:password, or NULL */
	long	      proxy_type;
	unsigned long proxy_auth_method;
	unsigned long http_auth_method;
	curl_off_t    max_speed; /* bytes a second, 0: any */
	char	     *cookie_file; /* cookie-cache, or NULL */
	CURLSH	     *cookies; /* shared by the transfers */
};

struct fetch_engine {
	struct fetch_options	 opts;		/* read by both threads */
	char			*ca_file;	/* CA certificates, or NULL */
	struct fetch_network	 net; /* from the configuration */
	/* The transfer thread. */
	CURLM			*multi;
	struct fetch_jobs	 queue;		/* not started, in order */
	struct fetch_job	*running;
	int			 nrunning;
	/* Shared, under lock (bytes is atomic). */
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	struct fetch_jobs	 inbox;		/* to the transfer thread */
	struct fetch_jobs	 outbox;	/* finished, to the caller */
	size_t			 held;		/* finished and not released */
	int			 quit;
	_Atomic uint64_t	 bytes;		/* received, decompressed */
	int			 wake[2];	/* a pipe: outbox has jobs */
};

static int		 fetch_curl_ready;

static void		 fetch_transfer_free(struct fetch_engine *,
			     struct fetch_job *);
static int		 fetch_host_busy(struct fetch_engine *, const char *);
static void		 fetch_start(struct fetch_engine *, struct fetch_job *);
static void fetch_start_api(struct fetch_transfer *, struct fetch_job *);
static void		 fetch_start_more(struct fetch_engine *);
static void		 fetch_local(struct fetch_engine *, struct fetch_job *);
static void		 fetch_hand_back(struct fetch_engine *,
			     struct fetch_job *);
static void		*fetch_thread(void *);
static void		 fetch_thread_cancel(struct fetch_engine *);
static int		 fetch_header_ok(const char *);
static void fetch_network_read(struct fetch_network *, const struct config *);
static void fetch_network_apply(const struct fetch_network *, CURL *);
static void fetch_network_free(struct fetch_network *);
static int  fetch_retry(struct fetch_engine *, struct fetch_job *);
static int  fetch_download_done(struct fetch_job *, CURLcode, long);
static void		 fetch_done(struct fetch_engine *, struct fetch_job *,
			     CURLcode);
static void		 fetch_got_body(struct fetch_job *);
static int		 fetch_is_html(const char *, size_t);
static enum fetch_status fetch_classify(CURLcode, int);
static const char	*fetch_label(enum fetch_status);
static size_t		 fetch_write(char *, size_t, size_t, void *);
static size_t		 fetch_header(char *, size_t, size_t, void *);
static int		 fetch_xferinfo(void *, curl_off_t, curl_off_t,
			     curl_off_t, curl_off_t);

/* A job for url (copied), to be filled in and sent. */
struct fetch_job *
fetch_job_create(const char *url)
{
	struct fetch_job	*job;

	job = xcalloc(1, sizeof *job);
	job->entry.url = xstrdup(url);
	buf_init(&job->body);
	atomic_init(&job->got, 0);
	atomic_init(&job->total, -1);
	return job;
}

/* Free a job: one that is not on the transfer thread any more. */
void
fetch_job_free(struct fetch_job *job)
{
	if (job == NULL)
		return;
	free(job->reason);
	free(job->base);
	free(job->content_type);
	feed_free(job->feed);
	urls_entry_clear(&job->entry);
	cache_feed_state_clear(&job->state);
	free(job->host);
	free(job->url);
	buf_free(&job->body);
	free(job->etag);
	free(job->last_modified);
	if (job->post != NULL) {
		explicit_bzero(job->post, strlen(job->post));
		free(job->post);
	}
	if (job->auth != NULL) {
		explicit_bzero(job->auth, strlen(job->auth));
		free(job->auth);
	}
	free(job);
}

/* Only the thread that owns the multi handle may call this. */
static void
fetch_transfer_free(struct fetch_engine *e, struct fetch_job *job)
{
	struct fetch_transfer	*t = job->transfer;

	if (t == NULL)
		return;
	if (t->in_multi)
		curl_multi_remove_handle(e->multi, t->easy);
	if (t->easy != NULL)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	free(t->retry_after);
	free(t);
	job->transfer = NULL;
}

/* The host of an http(s) URL, lowercase, or NULL. */
char *
fetch_host(const char *url)
{
	CURLU	*u;
	char	*host, *copy, *p;

	if ((u = curl_url()) == NULL)
		fatal("out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	copy = xstrdup(host);
	for (p = copy; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	curl_free(host);
	curl_url_cleanup(u);
	return copy;
}

/* Does this host have as many transfers running as it may? */
static int
fetch_host_busy(struct fetch_engine *e, const char *host)
{
	struct fetch_job	*job;
	int			 n = 0;

	if (host == NULL)
		return 0;
	for (job = e->running; job != NULL; job = job->next) {
		if (job->host != NULL && strcmp(job->host, host) == 0)
			n++;
	}
	return n >= e->opts.max_host_connections;
}

/* Fill in the defaults: the settings' values when none are given. */
void
fetch_options_default(struct fetch_options *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->max_connections = 16;
	opts->max_host_connections = 8;
	opts->connect_timeout = 15;
	opts->timeout = MAX_FETCH_SECONDS;
	opts->low_speed_time = 30;
	opts->max_bytes = MAX_DOCUMENT_BYTES;
	opts->tries = 1;
}

/* curl's bit for an authentication method of Newsboat's (config.c checks). */
static unsigned long
fetch_auth_method(const char *name)
{
	static const struct {
		const char   *name;
		unsigned long bit;
	} methods[] = {
		{ "basic", CURLAUTH_BASIC },
		{ "digest", CURLAUTH_DIGEST },
		{ "digest_ie", CURLAUTH_DIGEST_IE },
		{ "gssnegotiate", CURLAUTH_NEGOTIATE },
		{ "ntlm", CURLAUTH_NTLM },
		{ "anysafe", CURLAUTH_ANYSAFE },
	};
	size_t i;

	for (i = 0; i < nitems(methods); i++) {
		if (strcmp(methods[i].name, name) == 0)
			return methods[i].bit;
	}
	return CURLAUTH_ANY;
}

/* A setting's text, or NULL when empty or not fit for a request header. */
static char *
fetch_network_string(const struct config *cfg, const char *name)
{
	const char *v = config_get_string(cfg, name);

	return *v != '\0' && fetch_header_ok(v) ? xstrdup(v) : NULL;
}

static void
fetch_network_read(struct fetch_network *net, const struct config *cfg)
{
	static const struct {
		const char *name;
		long	    type;
	} types[] = {
		{ "socks4", CURLPROXY_SOCKS4 },
		{ "socks4a", CURLPROXY_SOCKS4A },
		{ "socks5", CURLPROXY_SOCKS5 },
		{ "socks5h", CURLPROXY_SOCKS5_HOSTNAME },
	};
	const char *type;
	size_t	    i;

	memset(net, 0, sizeof *net);
	net->proxy_type = CURLPROXY_HTTP;
	net->proxy_auth_method = net->http_auth_method = CURLAUTH_ANY;
	if (cfg == NULL ||
	    (net->user_agent = fetch_network_string(cfg, "user-agent")) == NULL)
		net->user_agent = xstrdup(PACKAGE_NAME "/" PACKAGE_VERSION);
	if (cfg == NULL)
		return;
	/*
	 * Newsboat's cookie-cache: the cookies every transfer sees are read
	 * from the file as each starts and written back once, at the end.
	 * Only the transfer thread uses the share: it needs no lock.
	 */
	if (*config_get_string(cfg, "cookie-cache") != '\0') {
		net->cookie_file = paths_home(config_get_string(cfg,
						  "cookie-cache"),
		    NULL);
		if ((net->cookies = curl_share_init()) == NULL)
			fatal("curl_share_init failed");
		curl_share_setopt(net->cookies, CURLSHOPT_SHARE,
		    CURL_LOCK_DATA_COOKIE);
	}
	net->http_auth_method = fetch_auth_method(
	    config_get_string(cfg, "http-auth-method"));
	net->max_speed = (curl_off_t)config_get_number(cfg,
			     "max-download-speed") *
	    1024;
	if (!config_get_number(cfg, "use-proxy"))
		return;
	net->proxy = fetch_network_string(cfg, "proxy");
	net->proxy_auth = fetch_network_string(cfg, "proxy-auth");
	net->proxy_auth_method = fetch_auth_method(
	    config_get_string(cfg, "proxy-auth-method"));
	type = config_get_string(cfg, "proxy-type");
	for (i = 0; i < nitems(types); i++) {
		if (strcmp(types[i].name, type) == 0)
			net->proxy_type = types[i].type;
	}
}

/* Write the cookies back to cookie-cache, and free the settings. */
static void
fetch_network_free(struct fetch_network *net)
{
	CURL *easy;

	if (net->cookies != NULL) {
		/* A handle's cleanup writes its jar: the shared cookies. */
		if ((easy = curl_easy_init()) != NULL) {
			curl_easy_setopt(easy, CURLOPT_SHARE, net->cookies);
			curl_easy_setopt(easy, CURLOPT_COOKIEJAR,
			    net->cookie_file);
			curl_easy_cleanup(easy);
		}
		curl_share_cleanup(net->cookies);
	}
	free(net->cookie_file);
	free(net->user_agent);
	free(net->proxy);
	free(net->proxy_auth);
}

static void
fetch_network_apply(const struct fetch_network *net, CURL *easy)
{
	curl_easy_setopt(easy, CURLOPT_USERAGENT, net->user_agent);
	curl_easy_setopt(easy, CURLOPT_HTTPAUTH, (long)net->http_auth_method);
	if (net->max_speed > 0)
		curl_easy_setopt(easy, CURLOPT_MAX_RECV_SPEED_LARGE,
		    net->max_speed);
	if (net->cookies != NULL) {
		curl_easy_setopt(easy, CURLOPT_SHARE, net->cookies);
		curl_easy_setopt(easy, CURLOPT_COOKIEFILE, net->cookie_file);
	}
	if (net->proxy == NULL)
		return;
	curl_easy_setopt(easy, CURLOPT_PROXY, net->proxy);
	curl_easy_setopt(easy, CURLOPT_PROXYTYPE, net->proxy_type);
	if (net->proxy_auth != NULL) {
		curl_easy_setopt(easy, CURLOPT_PROXYUSERPWD, net->proxy_auth);
		curl_easy_setopt(easy, CURLOPT_PROXYAUTH,
		    (long)net->proxy_auth_method);
	}
}

/* Take the settings (max-connections, ...) from a configuration. */
void
fetch_options_config(struct fetch_options *opts, const struct config *cfg)
{
	opts->max_connections = config_get_number(cfg, "max-connections");
	opts->max_host_connections = config_get_number(cfg,
	    "max-host-connections");
	opts->timeout = config_get_number(cfg, "download-timeout");
	opts->tries = config_get_number(cfg, "download-retries");
	/* A path cut short names no file: no certificate is trusted. */
	snprintf(opts->ca_file, sizeof opts->ca_file, "%s",
	    config_get_string(cfg, "ca-file"));
	if (opts->low_speed_time > opts->timeout)
		opts->low_speed_time = opts->timeout;
	opts->config = cfg;
	opts->max_items = (size_t)config_get_number(cfg, "max-items");
	/* Lent: the configuration outlives the fetch. */
	if (strcmp(config_get_string(cfg, "ignore-mode"), "download") == 0)
		opts->ignores = config_rules(cfg, 0, &opts->nignores);
}

void
fetch_jobs_init(struct fetch_jobs *l)
{
	l->head = NULL;
	l->tail = &l->head;
}

void
fetch_jobs_push(struct fetch_jobs *l, struct fetch_job *job)
{
	job->next = NULL;
	*l->tail = job;
	l->tail = &job->next;
}

struct fetch_job *
fetch_jobs_pop(struct fetch_jobs *l)
{
	struct fetch_job	*job;

	if ((job = l->head) != NULL) {
		if ((l->head = job->next) == NULL)
			l->tail = &l->head;
		job->next = NULL;
	}
	return job;
}

/* Move every job of from to the end of to. */
void
fetch_jobs_splice(struct fetch_jobs *to, struct fetch_jobs *from)
{
	if (from->head == NULL)
		return;
	*to->tail = from->head;
	to->tail = from->tail;
	fetch_jobs_init(from);
}

void
fetch_jobs_free(struct fetch_jobs *l)
{
	struct fetch_job	*job;

	while ((job = fetch_jobs_pop(l)) != NULL)
		fetch_job_free(job);
}

/* Make an engine, and start its transfer thread. */
struct fetch_engine *
fetch_engine_create(const struct fetch_options *opts)
{
	struct fetch_engine	*e;
	sigset_t		 block, old;
	const char		*ca;
	int			 i, rc;

	if (!fetch_curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			fatal("curl_global_init failed");
		feed_parse_init();
		/*
		 * A peer that hangs up must not kill the process: curl asks
		 * for SIGPIPE to be ignored when CURLOPT_NOSIGNAL is set (and
		 * spawn.c restores it in the programs it starts).
		 */
		signal(SIGPIPE, SIG_IGN);
		fetch_curl_ready = 1;
	}
	e = xcalloc(1, sizeof *e);
	if (opts != NULL)
		e->opts = *opts;
	else
		fetch_options_default(&e->opts);
	if (e->opts.max_connections < 1)
		e->opts.max_connections = 1;
	if (e->opts.max_host_connections < 1)
		e->opts.max_host_connections = 1;
	if (e->opts.max_bytes == 0)
		e->opts.max_bytes = MAX_DOCUMENT_BYTES;
	/*
	 * Certificates to trust: the ca-file setting, else those named the
	 * way the curl tool and OpenSSL take them from the environment
	 * (libcurl built with a bundle, as Debian's is, reads neither),
	 * else libcurl's bundle.
	 * Read here, on the caller's thread: getenv is not for two threads.
	 */
	ca = e->opts.ca_file;
	if (*ca == '\0')
		ca = getenv("CURL_CA_BUNDLE");
	if (ca == NULL || *ca == '\0')
		ca = getenv("SSL_CERT_FILE");
	e->ca_file = ca != NULL && *ca != '\0' ? xstrdup(ca) : NULL;
	fetch_network_read(&e->net, e->opts.config);
	fetch_jobs_init(&e->queue);
	fetch_jobs_init(&e->inbox);
	fetch_jobs_init(&e->outbox);
	atomic_init(&e->bytes, 0);
	if ((e->multi = curl_multi_init()) == NULL)
		fatal("curl_multi_init failed");
	curl_multi_setopt(e->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)e->opts.max_connections);
	curl_multi_setopt(e->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)e->opts.max_host_connections);
	curl_multi_setopt(e->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	if (pipe(e->wake) == -1)
		fatal("pipe: %s", strerror(errno));
	for (i = 0; i < 2; i++) {
		fcntl(e->wake[i], F_SETFL, fcntl(e->wake[i], F_GETFL) |
		    O_NONBLOCK);
		fcntl(e->wake[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&e->lock, NULL);
	/*
	 * The signals the reader handles go to its own thread, whose poll
	 * they interrupt: the transfer thread blocks them (its mask is
	 * inherited from this one, for the time of pthread_create).
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&e->thread, NULL, fetch_thread, e);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		fatal("pthread_create: %s", strerror(rc));
	return e;
}

/* Stop every transfer and free the engine, with the jobs it holds. */
void
fetch_engine_free(struct fetch_engine *e)
{
	struct fetch_job	*job;

	if (e == NULL)
		return;
	pthread_mutex_lock(&e->lock);
	e->quit = 1;
	pthread_mutex_unlock(&e->lock);
	curl_multi_wakeup(e->multi);
	pthread_join(e->thread, NULL);
	/* The thread is gone: its lists and the multi handle are ours. */
	while ((job = e->running) != NULL) {
		e->running = job->next;
		fetch_transfer_free(e, job);
		fetch_job_free(job);
	}
	fetch_jobs_free(&e->queue);
	fetch_jobs_free(&e->inbox);
	fetch_jobs_free(&e->outbox);
	curl_multi_cleanup(e->multi);
	fetch_network_free(&e->net);
	pthread_mutex_destroy(&e->lock);
	close(e->wake[0]);
	close(e->wake[1]);
	free(e->ca_file);
	free(e);
}

/* Can this value go into a request header as it is? */
static int
fetch_header_ok(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	}
	return 1;
}

/*
 * A sync server's call: a POST when it has a body, with its credentials.
 * curl copies the header lines; the copies go with the transfer, and
 * ours are cleared here (curl_slist keeps its own).
 */
static void
fetch_start_api(struct fetch_transfer *t, struct fetch_job *job)
{
	char *line;

	t->headers = curl_slist_append(t->headers,
	    "Accept: application/json, text/plain;q=0.9, */*;q=0.5");
	if (job->post != NULL) {
		xasprintf(&line, "Content-Type: %s",
		    job->post_type != NULL ?
			job->post_type :
			"application/x-www-form-urlencoded");
		t->headers = curl_slist_append(t->headers, line);
		free(line);
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, job->post);
	}
	if (job->auth != NULL && fetch_header_ok(job->auth)) {
		xasprintf(&line, "Authorization: %s", job->auth);
		t->headers = curl_slist_append(t->headers, line);
		explicit_bzero(line, strlen(line));
		free(line);
	}
	/* A redirect must not carry the credentials to another host. */
	curl_easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 0L);
}

/*
 * Set up and start one transfer.  A page has no stored state: it is
 * fetched whenever it is followed.
 */
static void
fetch_start(struct fetch_engine *e, struct fetch_job *job)
{
	struct fetch_transfer	*t;
	CURL			*easy;
	char			*line;

	t = job->transfer = xcalloc(1, sizeof *t);
	t->engine = e;
	if ((t->easy = easy = curl_easy_init()) == NULL)
		fatal("curl_easy_init failed");
	curl_easy_setopt(easy, CURLOPT_URL, job->url);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, job);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(easy, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	/* A download is the file as it is: its length is its bytes'. */
	curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING,
	    job->download ? NULL : "");
	if (job->download && job->offset > 0)
		curl_easy_setopt(easy, CURLOPT_RESUME_FROM_LARGE,
		    (curl_off_t)job->offset);
	curl_easy_setopt(easy, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_2TLS);
	/*
	 * Waiting for a connection to multiplex on pays only where HTTP/2
	 * can be had, over TLS.  On plain HTTP it made every transfer to a
	 * host wait for the one connection in use: feeds of one slow host
	 * came one at a time, with or without keep-alive (tests/fetch.sh).
	 */
	if (strncmp(job->url, "https:", 6) == 0)
		curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
	if (e->ca_file != NULL)
		curl_easy_setopt(easy, CURLOPT_CAINFO, e->ca_file);
	fetch_network_apply(&e->net, easy);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT,
	    (long)(e->opts.connect_timeout < e->opts.timeout ?
	    e->opts.connect_timeout : e->opts.timeout));
	/* A download takes what it takes, while bytes keep coming. */
	curl_easy_setopt(easy, CURLOPT_TIMEOUT,
	    job->download ? 0L : (long)e->opts.timeout);
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
	    (long)e->opts.low_speed_time);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, job);
	curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, fetch_header);
	curl_easy_setopt(easy, CURLOPT_HEADERDATA, job);
	curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, fetch_xferinfo);
	curl_easy_setopt(easy, CURLOPT_XFERINFODATA, job);
	curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);

	/* Stored validators are untrusted too: no line breaks in requests. */
	if (job->state.etag != NULL && fetch_header_ok(job->state.etag)) {
		xasprintf(&line, "If-None-Match: %s", job->state.etag);
		t->headers = curl_slist_append(t->headers, line);
		free(line);
	}
	if (job->state.last_modified != NULL &&
	    fetch_header_ok(job->state.last_modified)) {
		xasprintf(&line, "If-Modified-Since: %s",
		    job->state.last_modified);
		t->headers = curl_slist_append(t->headers, line);
		free(line);
	}
	if (job->download)
		t->headers = curl_slist_append(t->headers, "Accept: */*");
	if (job->api)
		fetch_start_api(t, job);
	else if (job->page)
		t->headers = curl_slist_append(t->headers,
		    "Accept: text/html, application/xhtml+xml, "
		    "text/plain;q=0.9, */*;q=0.5");
	else
		t->headers = curl_slist_append(t->headers,
		    "Accept: application/atom+xml, application/rss+xml, "
		    "application/rdf+xml, application/xml;q=0.9, "
		    "text/xml;q=0.9, */*;q=0.8");
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);

	if (curl_multi_add_handle(e->multi, easy) != CURLM_OK)
		fatal("curl_multi_add_handle failed");
	t->in_multi = 1;
	job->state.last_fetch = time(NULL);
}

/*
 * On the transfer thread: start queued jobs while the caps allow, and while
 * the caller keeps up with storing what has finished.  A local source is
 * read and parsed here and now, and handed back.
 *
 * The caps are kept here, not by curl: libcurl counts CURLOPT_TIMEOUT from
 * the moment a handle joins the multi handle, so a feed waiting inside curl
 * for a connection to its host lost its time there, and most feeds of a
 * slow host timed out unheard.  Curl gets no more
 * handles than it may run, and the others wait in our queue, unclocked.
 */
static void
fetch_start_more(struct fetch_engine *e)
{
	struct fetch_job	**jp, *job;
	const char		 *busy[16];
	size_t			  nbusy = 0, i, held;
	int			  limit;

	pthread_mutex_lock(&e->lock);
	held = e->held;
	pthread_mutex_unlock(&e->lock);
	if (held >= FETCH_HELD_MAX)
		return;
	limit = e->opts.max_connections;
	jp = &e->queue.head;
	while ((job = *jp) != NULL && held < FETCH_HELD_MAX) {
		if (job->local) {
			*jp = job->next;
			if (e->queue.tail == &job->next)
				e->queue.tail = jp;
			fetch_local(e, job);
			fetch_hand_back(e, job);
			held++;
			continue;
		}
		if (e->nrunning >= limit)
			break;
		/* Hosts found busy stay busy for this pass. */
		for (i = 0; i < nbusy; i++) {
			if (strcmp(busy[i], job->host) == 0)
				break;
		}
		if (i < nbusy || fetch_host_busy(e, job->host)) {
			if (i == nbusy && nbusy < nitems(busy))
				busy[nbusy++] = job->host;
			jp = &job->next;
			continue;
		}
		*jp = job->next;
		if (e->queue.tail == &job->next)
			e->queue.tail = jp;
		job->next = NULL;
		fetch_start(e, job);
		job->next = e->running;
		e->running = job;
		e->nrunning++;
	}
}

/* Does the body look like a web page rather than a feed? */
static int
fetch_is_html(const char *s, size_t len)
{
	const char	*end = s + len;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (;;) {
		while (s < end && isspace((unsigned char)*s))
			s++;
		/* Skip comments and a leading XML declaration. */
		if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			s = memmem(s, end - s, "-->", 3);
			if (s == NULL)
				return 0;
			s += 3;
			continue;
		}
		break;
	}
	if (end - s >= 14 && strncasecmp(s, "<!doctype html", 14) == 0)
		return 1;
	if (end - s >= 5 && strncasecmp(s, "<html", 5) == 0 &&
	    (end - s == 5 || s[5] == '>' || isspace((unsigned char)s[5])))
		return 1;
	return 0;
}

/*
 * A feed arrived whole (a 200): parse it, or say why not; reload.c keeps
 * it.  On either thread: the job is this thread's, and needs no curl.
 */
static void
fetch_got_body(struct fetch_job *job)
{
	struct buf  out;
	const char *url;
	char	   *charset, *cause = NULL, *cmd;
	size_t	    i;
	int	    rc;

	/* filter:COMMAND:URL: the page may be HTML that COMMAND makes a feed. */
	if (source_filter_split(job->entry.url, &cmd, &url) == 0) {
		buf_init(&out);
		rc = usercmd_capture(cmd, job->body.data, job->body.len,
		    USERCMD_TIMEOUT, MAX_DOCUMENT_BYTES, &out, &cause);
		free(cmd);
		if (rc != 0) {
			job->status = FETCH_ERR_PARSE;
			job->reason = cause;
			buf_free(&out);
			return;
		}
		buf_free(&job->body);
		job->body = out;
	}
	if (fetch_is_html(job->body.data, job->body.len)) {
		job->status = FETCH_ERR_NOT_FEED;
		xasprintf(&job->reason, _("not a feed: a web page (%s)"),
		    job->content_type != NULL ? job->content_type :
		    "text/html");
		return;
	}
	charset = page_type_charset(job->content_type);
	job->feed = feed_parse(job->body.data, job->body.len, job->base,
	    charset, NULL, NULL, &cause);
	free(charset);
	if (job->feed == NULL) {
		job->status = FETCH_ERR_PARSE;
		xasprintf(&job->reason, _("parse error: %s"),
		    cause != NULL ? cause : "?");
		free(cause);
		return;
	}
	/* The search text and its signature too: the costliest part of storing. */
	for (i = 0; i < job->feed->nitems; i++) {
		job->feed->items[i]->digest =
		    cache_item_digest(job->feed->items[i],
		    job->state.digest_key);
		cache_item_search_sig(job->feed->items[i]);
	}
	/* The body is parsed: its memory can go now. */
	buf_free(&job->body);
	job->status = FETCH_OK;
}

/* The words that start the reason for a failed transfer. */
static const char *
fetch_label(enum fetch_status status)
{
	switch (status) {
	case FETCH_ERR_DNS:
		return _("DNS");
	case FETCH_ERR_CONNECT:
		return _("cannot connect");
	case FETCH_ERR_TLS:
		return _("TLS");
	case FETCH_ERR_TIMEOUT:
		return _("timeout");
	default:
		return _("network");
	}
}

static enum fetch_status
fetch_classify(CURLcode rc, int too_large)
{
	switch (rc) {
	case CURLE_WRITE_ERROR:
		return too_large ? FETCH_ERR_TOO_LARGE : FETCH_ERR_NETWORK;
	case CURLE_FILESIZE_EXCEEDED:
		return FETCH_ERR_TOO_LARGE;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return FETCH_ERR_DNS;
	case CURLE_COULDNT_CONNECT:
		return FETCH_ERR_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return FETCH_ERR_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_USE_SSL_FAILED:
		return FETCH_ERR_TLS;
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return FETCH_ERR_REDIRECT;
	default:
		return FETCH_ERR_NETWORK;
	}
}

/*
 * On the transfer thread: a transfer ended.  Sort out what happened into
 * job->status and job->reason, parsing a feed that came whole.
 */
static void
fetch_done(struct fetch_engine *e, struct fetch_job *job, CURLcode rc)
{
	struct fetch_transfer	*t = job->transfer;
	char			*type = NULL, *effective = NULL;
	const char		*detail;
	long			 code = 0;
	int64_t			 now = time(NULL), until;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
	job->code = code;
	/* An error page cut short still said what it had to. */
	if ((rc == CURLE_WRITE_ERROR || rc == CURLE_ABORTED_BY_CALLBACK) &&
	    t->error_cut)
		rc = CURLE_OK;
	if (job->download && fetch_download_done(job, rc, code))
		return;
	if (rc == CURLE_OK && code == 200) {
		job->status = FETCH_OK;
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &type);
		curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &effective);
		job->content_type = type != NULL ? xstrdup(type) : NULL;
		job->base = xstrdup(effective != NULL ? effective : job->url);
		/*
		 * Both threads parse: this one, unless the caller's is about
		 * to run out of feeds to store.  Decompressing stays here, so
		 * this keeps both threads busy through a reload.
		 */
		pthread_mutex_lock(&e->lock);
		job->unparsed = !job->page && !job->api &&
		    e->held < FETCH_SHARE_BELOW &&
		    job->body.len <= FETCH_SHARE_BYTES;
		pthread_mutex_unlock(&e->lock);
		if (!job->page && !job->api && !job->unparsed)
			fetch_got_body(job);
		return;
	}
	if (t->not_text) {
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &type);
		job->status = FETCH_ERR_NOT_TEXT;
		xasprintf(&job->reason, _("not a text page (%s); o opens the "
		    "browser"), type != NULL ? type : "?");
		return;
	}
	if (rc == CURLE_OK && code == 304) {
		job->status = FETCH_NOT_MODIFIED;
		return;
	}

	detail = t->error[0] != '\0' ? t->error : curl_easy_strerror(rc);
	if (rc == CURLE_OK) {
		job->status = FETCH_ERR_HTTP;
		if (code >= 300 && code < 400 && t->error_cut)
			xasprintf(&job->reason, _("HTTP %ld: a redirect "
			    "whose body does not end"), code);
		else if (code >= 300 && code < 400)
			xasprintf(&job->reason, _("HTTP %ld: a redirect "
			    "without a usable Location"), code);
		else if (code == 429 || code == 503) {
			until = fetch_retry_after(t->retry_after, now);
			if (until > now) {
				job->state.retry_after = until;
				xasprintf(&job->reason, _("HTTP %ld: the "
				    "server asked to wait %lld seconds"), code,
				    (long long)(until - now));
			} else
				xasprintf(&job->reason, _("HTTP %ld: the "
				    "server is busy"), code);
		} else
			xasprintf(&job->reason, _("HTTP %ld"), code);
		return;
	}
	job->status = fetch_classify(rc, t->too_large);
	switch (job->status) {
	case FETCH_ERR_TOO_LARGE:
		xasprintf(&job->reason, _("too large: more than %zu bytes"),
		    e->opts.max_bytes);
		break;
	case FETCH_ERR_REDIRECT:
		if (rc == CURLE_TOO_MANY_REDIRECTS)
			xasprintf(&job->reason, _("redirect: more than %d "
			    "redirects, or a loop"), MAX_REDIRECTS);
		else
			xasprintf(&job->reason, _("redirect: not to http or "
			    "https: %s"), detail);
		break;
	default:
		xasprintf(&job->reason, "%s: %s", fetch_label(job->status),
		    detail);
		break;
	}
}

/*
 * A download ended.  A 206 continues the bytes there; a 200 is the whole
 * file (fetch_download_write started it again); a 416 to a Range is a file
 * already whole.  Whether its length is right, the caller checks.
 */
static int
fetch_download_done(struct fetch_job *job, CURLcode rc, long code)
{
	if (rc != CURLE_OK)
		return 0;
	if (code == 200 || code == 206) {
		job->status = FETCH_OK;
		return 1;
	}
	if (code == 416 && job->offset > 0) {
		atomic_store(&job->total, job->offset);
		job->status = FETCH_OK;
		return 1;
	}
	if (code >= 200 && code < 300) {
		job->status = FETCH_ERR_HTTP;
		xasprintf(&job->reason, _("HTTP %ld: not the file"), code);
		return 1;
	}
	return 0;
}

/* Write a download's bytes to its file (the transfer thread's). */
static size_t
fetch_download_write(struct fetch_job *job, char *ptr, size_t len)
{
	struct fetch_transfer *t = job->transfer;
	curl_off_t	       left = -1;
	size_t		       done = 0;
	ssize_t		       w;

	if (atomic_load(&job->got) == 0 && atomic_load(&job->total) == -1) {
		/* The server ignored the Range: the file starts again. */
		if (job->code == 200 && job->offset > 0) {
			if (ftruncate(job->fd, 0) != 0 ||
			    lseek(job->fd, 0, SEEK_SET) != 0)
				return 0;
			job->offset = 0;
		}
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
		    &left);
		atomic_store(&job->total, left >= 0 ? job->offset + left : -2);
	}
	while (done < len) {
		w = write(job->fd, ptr + done, len - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		done += (size_t)w;
	}
	atomic_fetch_add(&job->got, (int64_t)len);
	atomic_fetch_add(&t->engine->bytes, len);
	return len;
}

static size_t
fetch_write(char *ptr, size_t size, size_t n, void *arg)
{
	struct fetch_job	*job = arg;
	struct fetch_transfer	*t = job->transfer;
	struct fetch_engine	*e = t->engine;
	size_t			 len = size * n;
	char			*type = NULL;

	/*
	 * Error pages and redirect bodies are not kept, and not read to
	 * their end either: an endless 500 would hold the transfer until the
	 * timeout, pulling gigabytes.  The status is all the message needs.
	 */
	if (job->download && (job->code == 200 || job->code == 206))
		return fetch_download_write(job, ptr, len);
	if (job->code != 200) {
		if (len > FETCH_ERROR_BYTES - t->error_bytes) {
			t->error_cut = 1;
			return 0;
		}
		t->error_bytes += len;
		return len;
	}
	/* An image or a PDF is for the browser: not downloaded. */
	if (job->page && !job->image && job->body.len == 0) {
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &type);
		if (page_type(type) == 0) {
			t->not_text = 1;
			return 0;
		}
	}
	if (len > e->opts.max_bytes ||
	    job->body.len > e->opts.max_bytes - len ||
	    (job->image && job->body.len + len > MAX_IMAGE_BYTES)) {
		t->too_large = 1;
		return 0;
	}
	buf_add(&job->body, ptr, len);
	atomic_fetch_add(&e->bytes, len);
	return len;
}

/*
 * The body of a redirect that is followed never reaches fetch_write: curl
 * reads it and drops it, to its end.  One that does not end (a loopback
 * server can send one forever) is cut here, at the error pages' cap.
 */
static int
fetch_xferinfo(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct fetch_job	*job = arg;
	struct fetch_transfer	*t = job->transfer;

	(void)dltotal;
	(void)ultotal;
	(void)ulnow;
	if (job->code != 200 && !(job->download && job->code == 206) &&
	    dlnow - t->body_mark > FETCH_ERROR_BYTES) {
		t->error_cut = 1;
		return 1;
	}
	return 0;
}

/* Keep a header's value, trimmed, replacing an older one. */
static void
fetch_header_value(char **out, const char *p, size_t len)
{
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)p[len - 1]))
		len--;
	free(*out);
	*out = len > 0 && len < 1024 ? xstrndup(p, len) : NULL;
}

static size_t
fetch_header(char *ptr, size_t size, size_t n, void *arg)
{
	struct fetch_job	*job = arg;
	struct fetch_transfer	*t = job->transfer;
	size_t			 len = size * n;
	long			 code;
	char			 line[32];

	if (len > 5 && strncmp(ptr, "HTTP/", 5) == 0) {
		/* A new response: redirects are counted by kind. */
		if (job->code >= 300 && job->code < 400) {
			if (job->code == 301 || job->code == 308)
				job->permanent++;
			else
				job->temporary++;
		}
		curl_easy_getinfo(t->easy, CURLINFO_SIZE_DOWNLOAD_T,
		    &t->body_mark);
		snprintf(line, sizeof line, "%.*s",
		    (int)(len < sizeof line - 1 ? len : sizeof line - 1), ptr);
		if (sscanf(line, "HTTP/%*s %ld", &code) == 1 && code >= 200)
			job->code = code;
		free(job->etag);
		free(job->last_modified);
		free(t->retry_after);
		job->etag = job->last_modified = t->retry_after = NULL;
		return len;
	}
	if (len > 5 && strncasecmp(ptr, "ETag:", 5) == 0)
		fetch_header_value(&job->etag, ptr + 5, len - 5);
	else if (len > 14 && strncasecmp(ptr, "Last-Modified:", 14) == 0)
		fetch_header_value(&job->last_modified, ptr + 14, len - 14);
	else if (len > 12 && strncasecmp(ptr, "Retry-After:", 12) == 0)
		fetch_header_value(&t->retry_after, ptr + 12, len - 12);
	return len;
}

/* On the transfer thread: hand the transfers that ended to the caller. */
static void
fetch_thread_done(struct fetch_engine *e)
{
	struct fetch_job	**jp, *job;
	CURLMsg			 *msg;
	CURL			 *easy;
	int			  left;

	while ((msg = curl_multi_info_read(e->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		easy = msg->easy_handle;
		job = NULL;
		curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&job);
		for (jp = &e->running; *jp != NULL; jp = &(*jp)->next) {
			if (*jp == job) {
				*jp = job->next;
				e->nrunning--;
				break;
			}
		}
		if (job == NULL)
			continue;
		job->next = NULL;
		fetch_done(e, job, msg->data.result);
		/* Its connection goes back to the pool; the job to the caller. */
		fetch_transfer_free(e, job);
		if (!fetch_retry(e, job))
			fetch_hand_back(e, job);
	}
}

/*
 * On the transfer thread: a feed that failed in a way that may pass (no
 * connection, a timeout, a broken transfer, a server error without a
 * Retry-After) goes back in the queue until it has had download-retries
 * tries, as Newsboat does.  1 when it went back.
 */
static int
fetch_retry(struct fetch_engine *e, struct fetch_job *job)
{
	int transient;

	transient = job->status == FETCH_ERR_CONNECT ||
	    job->status == FETCH_ERR_TIMEOUT ||
	    job->status == FETCH_ERR_NETWORK ||
	    (job->status == FETCH_ERR_HTTP && job->code >= 500 &&
		job->state.retry_after <= time(NULL));
	if (!transient || job->page || job->api || job->download ||
	    job->local || ++job->tries >= e->opts.tries)
		return 0;
	free(job->reason);
	job->reason = NULL;
	job->status = FETCH_OK;
	job->code = 0;
	buf_free(&job->body);
	buf_init(&job->body);
	fetch_jobs_push(&e->queue, job);
	return 1;
}

/* On the transfer thread: give a finished job to the caller. */
static void
fetch_hand_back(struct fetch_engine *e, struct fetch_job *job)
{
	char	byte = 0;

	job->next = NULL;
	pthread_mutex_lock(&e->lock);
	fetch_jobs_push(&e->outbox, job);
	e->held++;
	pthread_mutex_unlock(&e->lock);
	(void)!write(e->wake[1], &byte, 1);
}

/*
 * On the transfer thread: read and parse a local source, within the
 * download timeout.  The reason of a failure leaves out the feed's name,
 * which the caller gives already.
 */
static void
fetch_local(struct fetch_engine *e, struct fetch_job *job)
{
	char		*cause = NULL;
	const char	*why;
	size_t		 len = strlen(job->entry.url);

	job->feed = source_read_local(&job->entry, e->opts.basedir,
	    e->opts.timeout, &cause);
	if (job->feed != NULL) {
		job->status = FETCH_OK;
		return;
	}
	why = cause != NULL ? cause : "?";
	if (strncmp(why, job->entry.url, len) == 0 &&
	    strncmp(why + len, ": ", 2) == 0)
		why += len + 2;
	job->status = FETCH_ERR_LOCAL;
	job->reason = xstrdup(why);
	free(cause);
}

/* On the transfer thread, dying: wake the caller's thread to die instead. */
static void
fetch_thread_fatal(void *arg)
{
	struct fetch_engine	*e = arg;
	char			 byte = 0;

	(void)!write(e->wake[1], &byte, 1);
}

/* The transfer thread: runs the multi handle until fetch_engine_free. */
static void *
fetch_thread(void *arg)
{
	struct fetch_engine	*e = arg;
	int			 running;

	fatal_on_thread(fetch_thread_fatal, e);
	pthread_mutex_lock(&e->lock);
	while (!e->quit) {
		fetch_jobs_splice(&e->queue, &e->inbox);
		pthread_mutex_unlock(&e->lock);
		fetch_thread_cancel(e);
		fetch_start_more(e);
		curl_multi_perform(e->multi, &running);
		fetch_thread_done(e);
		fetch_start_more(e);
		curl_multi_poll(e->multi, NULL, 0, 1000, NULL);
		pthread_mutex_lock(&e->lock);
	}
	pthread_mutex_unlock(&e->lock);
	return NULL;
}

/*
 * On the transfer thread: the jobs the caller cancelled come back, failed,
 * those waiting without having started, those running with their handle
 * taken off the multi handle first (a download's file is not written
 * again; the caller closes it).
 */
static void
fetch_thread_cancel(struct fetch_engine *e)
{
	struct fetch_job	**jp, *job;

	jp = &e->queue.head;
	while ((job = *jp) != NULL) {
		if (!atomic_load(&job->cancel)) {
			jp = &job->next;
			continue;
		}
		*jp = job->next;
		if (e->queue.tail == &job->next)
			e->queue.tail = jp;
		job->status = FETCH_ERR_NETWORK;
		job->reason = xstrdup(_("cancelled"));
		fetch_hand_back(e, job);
	}
	jp = &e->running;
	while ((job = *jp) != NULL) {
		if (!atomic_load(&job->cancel)) {
			jp = &job->next;
			continue;
		}
		*jp = job->next;
		e->nrunning--;
		fetch_transfer_free(e, job);
		job->status = FETCH_ERR_NETWORK;
		job->reason = xstrdup(_("cancelled"));
		fetch_hand_back(e, job);
	}
}

/*
 * Cancel a job sent to e and not yet taken back: it comes back through
 * fetch_engine_take as soon as the transfer thread sees it, failed with
 * the reason "cancelled" (or as it ended, when it ended first).
 */
void
fetch_engine_cancel(struct fetch_engine *e, struct fetch_job *job)
{
	atomic_store(&job->cancel, 1);
	curl_multi_wakeup(e->multi);
}

/* Hand a job to the transfer thread: a feed, a page, or a local source. */
void
fetch_engine_send(struct fetch_engine *e, struct fetch_job *job)
{
	pthread_mutex_lock(&e->lock);
	fetch_jobs_push(&e->inbox, job);
	pthread_mutex_unlock(&e->lock);
	curl_multi_wakeup(e->multi);
}

/*
 * Take the jobs the transfer thread finished, in the order they finished,
 * onto done, each with its feed parsed (this thread parses those left to
 * it).  Each counts as held until fetch_engine_release.
 */
void
fetch_engine_take(struct fetch_engine *e, struct fetch_jobs *done)
{
	struct fetch_jobs	 got;
	struct fetch_job	*job;
	char			 drain[64];

	while (read(e->wake[0], drain, sizeof drain) > 0)
		;
	fatal_check();
	fetch_jobs_init(&got);
	pthread_mutex_lock(&e->lock);
	fetch_jobs_splice(&got, &e->outbox);
	pthread_mutex_unlock(&e->lock);
	for (job = got.head; job != NULL; job = job->next) {
		if (job->unparsed) {
			fetch_got_body(job);
			job->unparsed = 0;
		}
	}
	fetch_jobs_splice(done, &got);
}

/* A job taken is kept: the thread may start another. */
void
fetch_engine_release(struct fetch_engine *e)
{
	pthread_mutex_lock(&e->lock);
	e->held--;
	pthread_mutex_unlock(&e->lock);
	curl_multi_wakeup(e->multi);
}

/*
 * Wait up to timeout_ms for the engine or for one of nfds file descriptors
 * (at most 8) to become readable; returns a mask with bit i set when fds[i]
 * is readable.
 */
int
fetch_engine_wait(struct fetch_engine *e, const int *fds, int nfds,
    int timeout_ms)
{
	struct pollfd	pfd[9];
	int		i, mask = 0;

	if (nfds > (int)nitems(pfd) - 1)
		nfds = nitems(pfd) - 1;
	for (i = 0; i < nfds; i++) {
		pfd[i].fd = fds[i];
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
	pfd[nfds].fd = e->wake[0];
	pfd[nfds].events = POLLIN;
	pfd[nfds].revents = 0;
	if (poll(pfd, nfds + 1, timeout_ms) == -1)
		return errno == EINTR ? 0 : -1;
	fatal_check();
	for (i = 0; i < nfds; i++) {
		if (pfd[i].revents != 0)
			mask |= 1 << i;
	}
	return mask;
}

/* The bytes received so far, decompressed. */
uint64_t
fetch_engine_bytes(struct fetch_engine *e)
{
	return atomic_load(&e->bytes);
}

/* A short name for an outcome, for logs and JSON. */
const char *
fetch_status_name(enum fetch_status status)
{
	static const char	*names[] = {
		"ok", "not-modified", "skipped", "dns", "connect", "tls",
		"http", "timeout", "too-large", "redirect", "network",
		"not-a-feed", "parse", "local", "unsupported", "cache",
		"not-text"
	};

	if ((size_t)status >= nitems(names))
		return "?";
	return names[status];
}
