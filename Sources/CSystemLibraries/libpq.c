// libpq, loaded on first use (see CSystemLibraries.h): the functions the PostgreSQL
// store calls.
#include "CSystemLibraries.h"
#include "lazy.h"

#define LIBPQ_FUNCTIONS(F, V, R)                                                                 \
    F(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))                              \
    F(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                 \
    F(char *, PQerrorMessage, (const PGconn *conn), (conn))                                   \
    V(PQfinish, (PGconn *conn), (conn))                                                       \
    F(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), \
      (conn, proc, arg))                                                                      \
    F(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))                   \
    F(PGresult *, PQprepare,                                                                  \
      (PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes), \
      (conn, stmtName, query, nParams, paramTypes))                                           \
    F(PGresult *, PQexecPrepared,                                                             \
      (PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues,       \
       const int *paramLengths, const int *paramFormats, int resultFormat),                   \
      (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))       \
    V(PQclear, (PGresult *res), (res))                                                        \
    F(char *, PQcmdTuples, (PGresult *res), (res))                                            \
    F(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                           \
    F(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))     \
    F(char *, PQresultErrorMessage, (const PGresult *res), (res))                             \
    F(int, PQntuples, (const PGresult *res), (res))                                           \
    F(int, PQnfields, (const PGresult *res), (res))                                           \
    F(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num))                   \
    F(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    F(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    F(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    F(int, PQsocket, (const PGconn *conn), (conn))                                            \
    F(int, PQconsumeInput, (PGconn *conn), (conn))                                            \
    F(PGnotify *, PQnotifies, (PGconn *conn), (conn))                                         \
    V(PQfreemem, (void *ptr), (ptr))                                                          \
    F(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg)) \
    V(PQconninfoFree, (PQconninfoOption *connOptions), (connOptions))

COLLAB_LAZY_LIBRARY(collab_libpq_load, "libpq", LIBPQ_FUNCTIONS, "libpq.so.5")
