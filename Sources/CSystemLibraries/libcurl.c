// libcurl, loaded on first use (see CSystemLibraries.h): the functions the HTTP client
// calls, and typed wrappers of its two variadic ones.
#include "CSystemLibraries.h"
#include "lazy.h"

#define LIBCURL_FUNCTIONS(F, V, R)                                                            \
    F(CURLcode, curl_global_init, (long flags), (flags))                                      \
    F(CURL *, curl_easy_init, (void), ())                                                     \
    V(curl_easy_cleanup, (CURL *curl), (curl))                                                \
    F(CURLcode, curl_easy_perform, (CURL *curl), (curl))                                      \
    F(const char *, curl_easy_strerror, (CURLcode code), (code))                              \
    F(struct curl_slist *, curl_slist_append, (struct curl_slist *list, const char *data), (list, data)) \
    V(curl_slist_free_all, (struct curl_slist *list), (list))                                 \
    R(curl_easy_setopt)                                                                       \
    R(curl_easy_getinfo)

COLLAB_LAZY_LIBRARY(collab_libcurl_load, "libcurl", LIBCURL_FUNCTIONS, "libcurl.so.4", "libcurl-gnutls.so.4")

typedef CURLcode (*setopt_fn)(CURL *, CURLoption, ...);
typedef CURLcode (*getinfo_fn)(CURL *, CURLINFO, ...);

CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v) { return SYMBOL(curl_easy_setopt, setopt_fn)(h, o, v); }
CURLcode ccurl_setopt_string(CURL *h, CURLoption o, const char *v) { return SYMBOL(curl_easy_setopt, setopt_fn)(h, o, v); }
CURLcode ccurl_setopt_pointer(CURL *h, CURLoption o, void *v) { return SYMBOL(curl_easy_setopt, setopt_fn)(h, o, v); }
CURLcode ccurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return SYMBOL(curl_easy_setopt, setopt_fn)(h, o, v);
}
CURLcode ccurl_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
    return SYMBOL(curl_easy_setopt, setopt_fn)(h, CURLOPT_WRITEFUNCTION, f);
}
CURLcode ccurl_response_code(CURL *h, long *code) {
    return SYMBOL(curl_easy_getinfo, getinfo_fn)(h, CURLINFO_RESPONSE_CODE, code);
}
