// Defines, for one library, each function of FUNCTIONS under its own name: the first
// call loads the library, each call goes through the symbol dlsym(3) found.
// FUNCTIONS(F, V, R) lists F(return type, name, (parameters), (arguments)),
// V(name, (parameters), (arguments)) for functions that return nothing, and R(name) for
// symbols only resolved, which the file calls itself through SYMBOL(name, type) (the
// variadic ones). The compiler checks every definition against the library's header.
#ifndef COLLAB_LAZY_H
#define COLLAB_LAZY_H
#include "load.h"
#include <pthread.h>

#define COLLAB_SLOT(ret, name, params, args) slot_##name,
#define COLLAB_VSLOT(name, params, args) slot_##name,
#define COLLAB_RSLOT(name) slot_##name,
#define COLLAB_SYMBOL(ret, name, params, args) #name,
#define COLLAB_VSYMBOL(name, params, args) #name,
#define COLLAB_RSYMBOL(name) #name,
#define COLLAB_NONE(name)
#define COLLAB_DEFINE(ret, name, params, args) \
    ret name params { require(); return ((ret(*) params)slots[slot_##name])args; }
#define COLLAB_VDEFINE(name, params, args) \
    void name params { require(); ((void(*) params)slots[slot_##name])args; }

#define COLLAB_LAZY_LIBRARY(loadFunction, label, FUNCTIONS, ...)                              \
    enum { FUNCTIONS(COLLAB_SLOT, COLLAB_VSLOT, COLLAB_RSLOT) slot_count };                                \
    static const char *const names[] = {__VA_ARGS__, NULL};                                   \
    static const char *const symbols[] = {FUNCTIONS(COLLAB_SYMBOL, COLLAB_VSYMBOL, COLLAB_RSYMBOL)};         \
    static void *slots[slot_count];                                                           \
    static const char *failure;                                                               \
    static char why[512];                                                                     \
    static pthread_once_t once = PTHREAD_ONCE_INIT;                                           \
    static void load(void) { failure = collab_load(names, symbols, slots, slot_count, why, sizeof why); } \
    const char *loadFunction(void) {                                                          \
        pthread_once(&once, load);                                                            \
        return failure;                                                                       \
    }                                                                                         \
    static void require(void) {                                                               \
        if (loadFunction()) collab_load_missing(label, failure);                              \
    }                                                                                         \
    FUNCTIONS(COLLAB_DEFINE, COLLAB_VDEFINE, COLLAB_NONE)

/// A resolved symbol as a function pointer of `type`, after loading its library.
#define SYMBOL(name, type) (require(), (type)slots[slot_##name])
#endif
