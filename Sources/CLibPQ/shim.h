// libpq, PostgreSQL's C client library (Debian's libpq-dev), for the shared store.
#ifndef COLLAB_CLIBPQ_SHIM_H
#define COLLAB_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
