// libpq (PostgreSQL's client, Debian's libpq-dev) and libcurl (Debian's
// libcurl4-openssl-dev), loaded on first use rather than linked.
//
// Linked, the two libraries and the twenty-odd libraries behind them (OpenSSL, Kerberos,
// LDAP, nghttp2 ...) are mapped and relocated when every program starts: about 6 ms
// measured on each command, most of which neither connects to a server nor sends an HTTP
// request. So this target defines the functions collab calls under their own names; the
// first call opens the library with dlopen(3) and every call goes through the symbol
// found there. Call collab_libpq_load() or collab_libcurl_load() before the first use:
// they return NULL, or why the library cannot be loaded.
#ifndef COLLAB_CSYSTEMLIBRARIES_H
#define COLLAB_CSYSTEMLIBRARIES_H
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <postgresql/libpq-fe.h>

/// Loads libpq: NULL when it is loaded, else a message saying why it cannot be.
const char *collab_libpq_load(void);
/// Loads libcurl: NULL when it is loaded, else a message saying why it cannot be.
const char *collab_libcurl_load(void);

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: these
// typed wrappers can be.
CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v);
CURLcode ccurl_setopt_string(CURL *h, CURLoption o, const char *v);
CURLcode ccurl_setopt_pointer(CURL *h, CURLoption o, void *v);
CURLcode ccurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
CURLcode ccurl_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *));
CURLcode ccurl_response_code(CURL *h, long *code);
#endif
