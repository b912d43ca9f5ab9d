/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy-xml.c: the libxml2 functions tidings calls, under their own names,
 * loading libxml2 (and the ICU and C++ runtime it brings) at the first of
 * them: lazy.c says why.  xmlFree is a variable in libxml2; ours points to
 * a function that loads the library and calls libxml2's.
 */
#include "config.h"

#include <pthread.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "tidings.h"
#include "lazy.h"

/* X(return type, name, parameters, arguments) */
#define LAZY_XML_FIXED(X) \
	X(htmlParserCtxtPtr, htmlCreateMemoryParserCtxt, \
	    (const char *buf, int size), (buf, size)) \
	X(int, htmlCtxtUseOptions, (htmlParserCtxtPtr c, int options), \
	    (c, options)) \
	X(const htmlEntityDesc *, htmlEntityLookup, (const xmlChar *name), \
	    (name)) \
	X(int, htmlParseDocument, (htmlParserCtxtPtr c), (c)) \
	X(htmlDocPtr, htmlReadMemory, \
	    (const char *buf, int size, const char *url, const char *enc, \
		int options), \
	    (buf, size, url, enc, options)) \
	X(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc)) \
	X(xmlCharEncodingHandlerPtr, xmlFindCharEncodingHandler, \
	    (const char *name), (name)) \
	X(xmlEntityPtr, xmlGetDocEntity, \
	    (const xmlDoc *doc, const xmlChar *name), (doc, name)) \
	X(long, xmlGetLineNo, (const xmlNode *n), (n)) \
	X(xmlChar *, xmlGetNoNsProp, (const xmlNode *n, const xmlChar *name), \
	    (n, name)) \
	X(xmlChar *, xmlGetProp, (const xmlNode *n, const xmlChar *name), \
	    (n, name)) \
	X(xmlAttrPtr, xmlHasNsProp, \
	    (const xmlNode *n, const xmlChar *name, const xmlChar *ns), \
	    (n, name, ns)) \
	X(xmlAttrPtr, xmlHasProp, (const xmlNode *n, const xmlChar *name), \
	    (n, name)) \
	X(xmlChar *, xmlNodeGetContent, (const xmlNode *n), (n)) \
	X(xmlChar *, xmlNodeListGetString, \
	    (xmlDocPtr doc, const xmlNode *list, int inline_), \
	    (doc, list, inline_)) \
	X(xmlDocPtr, xmlReadMemory, \
	    (const char *buf, int size, const char *url, const char *enc, \
		int options), \
	    (buf, size, url, enc, options)) \
	X(xmlTextReaderPtr, xmlReaderForIO, \
	    (xmlInputReadCallback rd, xmlInputCloseCallback cl, void *ctx, \
		const char *url, const char *enc, int options), \
	    (rd, cl, ctx, url, enc, options)) \
	X(xmlTextReaderPtr, xmlReaderWalker, (xmlDocPtr doc), (doc)) \
	X(int, xmlStrcasecmp, (const xmlChar *a, const xmlChar *b), (a, b)) \
	X(int, xmlStrcmp, (const xmlChar *a, const xmlChar *b), (a, b)) \
	X(int, xmlStrlen, (const xmlChar *s), (s)) \
	X(int, xmlSwitchToEncoding, \
	    (xmlParserCtxtPtr c, xmlCharEncodingHandlerPtr h), (c, h)) \
	X(const xmlChar *, xmlTextReaderConstLocalName, (xmlTextReaderPtr r), \
	    (r)) \
	X(const xmlChar *, xmlTextReaderConstNamespaceUri, \
	    (xmlTextReaderPtr r), (r)) \
	X(xmlNodePtr, xmlTextReaderCurrentNode, (xmlTextReaderPtr r), (r)) \
	X(int, xmlTextReaderDepth, (xmlTextReaderPtr r), (r)) \
	X(xmlNodePtr, xmlTextReaderExpand, (xmlTextReaderPtr r), (r)) \
	X(xmlChar *, xmlTextReaderGetAttributeNs, \
	    (xmlTextReaderPtr r, const xmlChar *name, const xmlChar *ns), \
	    (r, name, ns)) \
	X(int, xmlTextReaderHasAttributes, (xmlTextReaderPtr r), (r)) \
	X(int, xmlTextReaderIsEmptyElement, (xmlTextReaderPtr r), (r)) \
	X(int, xmlTextReaderNext, (xmlTextReaderPtr r), (r)) \
	X(int, xmlTextReaderNodeType, (xmlTextReaderPtr r), (r)) \
	X(int, xmlTextReaderRead, (xmlTextReaderPtr r), (r))

/* V(name, parameters, arguments): those returning nothing. */
#define LAZY_XML_VOID(V) \
	V(htmlFreeParserCtxt, (htmlParserCtxtPtr c), (c)) \
	V(xmlFreeDoc, (xmlDocPtr doc), (doc)) \
	V(xmlFreeTextReader, (xmlTextReaderPtr r), (r)) \
	V(xmlInitParser, (void), ()) \
	V(xmlSAX2EndElement, (void *ctx, const xmlChar *name), (ctx, name)) \
	V(xmlSAX2StartElement, \
	    (void *ctx, const xmlChar *name, const xmlChar **attrs), \
	    (ctx, name, attrs)) \
	V(xmlTextReaderSetStructuredErrorHandler, \
	    (xmlTextReaderPtr r, xmlStructuredErrorFunc f, void *arg), \
	    (r, f, arg))

LAZY_XML_FIXED(LAZY_POINTER)
LAZY_XML_VOID(LAZY_POINTER_VOID)
static xmlFreeFunc p_xmlFree;

static pthread_once_t lazy_xml_once = PTHREAD_ONCE_INIT;

static void
lazy_xml_load(void)
{
	void *h = lazy_open(XML_SONAME);

	LAZY_XML_FIXED(LAZY_FIND)
	LAZY_XML_VOID(LAZY_FIND_VOID)
	p_xmlFree = *(xmlFreeFunc *)lazy_sym(h, "xmlFree");
}

#define LAZY_READY() pthread_once(&lazy_xml_once, lazy_xml_load)
LAZY_XML_FIXED(LAZY_CALL)
LAZY_XML_VOID(LAZY_CALL_VOID)

static void
lazy_xml_free(void *p)
{
	LAZY_READY();
	p_xmlFree(p);
}

xmlFreeFunc xmlFree = lazy_xml_free;
