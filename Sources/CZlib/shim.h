// zlib (Debian's zlib1g-dev), for gzip-compressed backups.
#ifndef COLLAB_CZLIB_SHIM_H
#define COLLAB_CZLIB_SHIM_H
#include <zlib.h>
#endif
