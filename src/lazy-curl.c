/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy-curl.c: the libcurl functions tidings calls, under their own names,
 * loading libcurl at the first of them (lazy.c says why).  The variadic
 * setopt and getinfo functions read their one argument by the type the
 * option's number encodes, as libcurl itself does, and pass it on.
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>

#include <curl/curl.h>

#include "tidings.h"
#include "lazy.h"

/* X(return type, name, parameters, arguments) for the fixed ones. */
#define LAZY_CURL_FIXED(X) \
	X(CURLcode, curl_global_init, (long flags), (flags)) \
	X(CURL *, curl_easy_init, (void), ()) \
	X(const char *, curl_easy_strerror, (CURLcode code), (code)) \
	X(char *, curl_easy_escape, (CURL * h, const char *s, int len), \
	    (h, s, len)) \
	X(struct curl_slist *, curl_slist_append, \
	    (struct curl_slist * list, const char *s), (list, s)) \
	X(CURLSH *, curl_share_init, (void), ()) \
	X(CURLSHcode, curl_share_cleanup, (CURLSH * sh), (sh)) \
	X(CURLM *, curl_multi_init, (void), ()) \
	X(CURLMcode, curl_multi_add_handle, (CURLM * m, CURL * h), (m, h)) \
	X(CURLMcode, curl_multi_remove_handle, (CURLM * m, CURL * h), (m, h)) \
	X(CURLMcode, curl_multi_perform, (CURLM * m, int *running), \
	    (m, running)) \
	X(CURLMcode, curl_multi_cleanup, (CURLM * m), (m)) \
	X(CURLMsg *, curl_multi_info_read, (CURLM * m, int *left), (m, left)) \
	X(CURLMcode, curl_multi_poll, \
	    (CURLM * m, struct curl_waitfd fds[], unsigned int nfds, \
		int timeout_ms, int *ret), \
	    (m, fds, nfds, timeout_ms, ret)) \
	X(CURLMcode, curl_multi_wakeup, (CURLM * m), (m)) \
	X(CURLU *, curl_url, (void), ()) \
	X(CURLUcode, curl_url_set, \
	    (CURLU * u, CURLUPart what, const char *part, unsigned int flags), \
	    (u, what, part, flags)) \
	X(CURLUcode, curl_url_get, \
	    (CURL_URL_GET_CONST CURLU * u, CURLUPart what, char **part, \
		unsigned int flags), \
	    (u, what, part, flags))

/* V(name, parameters, arguments): those returning nothing. */
#define LAZY_CURL_VOID(V) \
	V(curl_easy_cleanup, (CURL * h), (h)) \
	V(curl_free, (void *p), (p)) \
	V(curl_slist_free_all, (struct curl_slist * list), (list)) \
	V(curl_url_cleanup, (CURLU * u), (u))

LAZY_CURL_FIXED(LAZY_POINTER)
LAZY_CURL_VOID(LAZY_POINTER_VOID)
static CURLcode (*p_curl_easy_setopt)(CURL *, CURLoption, ...);
static CURLcode (*p_curl_easy_getinfo)(CURL *, CURLINFO, ...);
static CURLMcode (*p_curl_multi_setopt)(CURLM *, CURLMoption, ...);
static CURLSHcode (*p_curl_share_setopt)(CURLSH *, CURLSHoption, ...);

static pthread_once_t lazy_curl_once = PTHREAD_ONCE_INIT;

static void
lazy_curl_load(void)
{
	void *h = lazy_open(CURL_SONAME);

	LAZY_CURL_FIXED(LAZY_FIND)
	LAZY_CURL_VOID(LAZY_FIND_VOID)
	p_curl_easy_setopt = (CURLcode(*)(CURL *, CURLoption, ...))lazy_sym(h,
	    "curl_easy_setopt");
	p_curl_easy_getinfo = (CURLcode(*)(CURL *, CURLINFO, ...))lazy_sym(h,
	    "curl_easy_getinfo");
	p_curl_multi_setopt = (CURLMcode(*)(CURLM *, CURLMoption,
	    ...))lazy_sym(h, "curl_multi_setopt");
	p_curl_share_setopt = (CURLSHcode(*)(CURLSH *, CURLSHoption,
	    ...))lazy_sym(h, "curl_share_setopt");
}

#define LAZY_READY() pthread_once(&lazy_curl_once, lazy_curl_load)
LAZY_CURL_FIXED(LAZY_CALL)
LAZY_CURL_VOID(LAZY_CALL_VOID)

/*
 * The option numbers of curl_easy_setopt and curl_multi_setopt say the
 * type of their argument: below 10000 a long, then an object pointer, a
 * function pointer, a curl_off_t, a blob (a pointer).
 */
#define LAZY_SETOPT(ret, name, handle, option) \
	ret(name)(handle * h, option opt, ...) \
	{ \
		va_list ap; \
		ret	rc; \
\
		LAZY_READY(); \
		va_start(ap, opt); \
		if (opt < CURLOPTTYPE_OBJECTPOINT) \
			rc = p_##name(h, opt, va_arg(ap, long)); \
		else if (opt < CURLOPTTYPE_FUNCTIONPOINT) \
			rc = p_##name(h, opt, va_arg(ap, void *)); \
		else if (opt < CURLOPTTYPE_OFF_T) \
			rc = p_##name(h, opt, va_arg(ap, void (*)(void))); \
		else if (opt < CURLOPTTYPE_BLOB) \
			rc = p_##name(h, opt, va_arg(ap, curl_off_t)); \
		else \
			rc = p_##name(h, opt, va_arg(ap, void *)); \
		va_end(ap); \
		return rc; \
	}
LAZY_SETOPT(CURLcode, curl_easy_setopt, CURL, CURLoption)
LAZY_SETOPT(CURLMcode, curl_multi_setopt, CURLM, CURLMoption)

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode(curl_easy_getinfo)(CURL *h, CURLINFO info, ...)
{
	va_list	 ap;
	CURLcode rc;

	LAZY_READY();
	va_start(ap, info);
	rc = p_curl_easy_getinfo(h, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* What is shared or unshared is an int; the rest are pointers. */
CURLSHcode(curl_share_setopt)(CURLSH *sh, CURLSHoption opt, ...)
{
	va_list	   ap;
	CURLSHcode rc;

	LAZY_READY();
	va_start(ap, opt);
	switch (opt) {
	case CURLSHOPT_SHARE:
	case CURLSHOPT_UNSHARE:
		rc = p_curl_share_setopt(sh, opt, va_arg(ap, int));
		break;
	case CURLSHOPT_LOCKFUNC:
	case CURLSHOPT_UNLOCKFUNC:
		rc = p_curl_share_setopt(sh, opt, va_arg(ap, void (*)(void)));
		break;
	default:
		rc = p_curl_share_setopt(sh, opt, va_arg(ap, void *));
		break;
	}
	va_end(ap);
	return rc;
}
