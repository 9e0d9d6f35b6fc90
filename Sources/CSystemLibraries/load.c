#include "load.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

const char *collab_load(const char *const *names, const char *const *symbols, void **slots, size_t count,
                        char *why, size_t whySize) {
    void *lib = NULL;
    for (const char *const *name = names; *name && !lib; name++) lib = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(why, whySize, "%s is not installed (%s)", names[0], dlerror());
        return why;
    }
    for (size_t i = 0; i < count; i++) {
        slots[i] = dlsym(lib, symbols[i]);
        if (!slots[i]) {
            snprintf(why, whySize, "%s has no %s: it is too old", names[0], symbols[i]);
            return why;
        }
    }
    return NULL;
}

void collab_load_missing(const char *library, const char *why) {
    fprintf(stderr, "collab: internal error: %s used before it was loaded: %s (please report)\n", library,
            why ? why : "not loaded");
    exit(70);
}
