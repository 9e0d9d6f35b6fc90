// One loader for both libraries: open the first of `names` that dlopen(3) finds, then
// resolve `count` symbols into `slots`. Thread-safe through pthread_once in the callers.
#ifndef COLLAB_LOAD_H
#define COLLAB_LOAD_H
#include <stddef.h>

/// Opens a library and resolves its symbols; NULL on success, else a message (kept in `why`).
const char *collab_load(const char *const *names, const char *const *symbols, void **slots, size_t count,
                        char *why, size_t whySize);

/// Ends the program when a function is called before its library could be loaded: a bug,
/// since every entry point calls the library's load function first.
void collab_load_missing(const char *library, const char *why) __attribute__((noreturn));
#endif
