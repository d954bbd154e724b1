/*
 * req: one incoming request, parsed from the FastCGI environment and body.
 * Parsing is strict and bounded: a malformed or oversized query, form or
 * cookie header makes req_init fail with a reason instead of guessing.
 * Handlers read parameters only through the typed getters, which see only the
 * parameters the route declared and the router validated (route.h).
 */
#ifndef BAZAAR_REQ_H
#define BAZAAR_REQ_H
#include <stddef.h>
#include "arena.h"

struct sess;
struct app;
struct route;
struct multipart;
struct multipart_limits;
struct multipart_file;

struct kv {
	const char *key;
	const char *val;
	size_t len;	/* value length; values may not contain NUL (rejected) */
};

struct kvlist {
	struct kv *items;
	size_t n, cap;
};

struct req_limits {
	size_t max_body;	/* bytes of request body accepted */
	size_t max_fields;	/* fields in a query string or form */
	size_t max_key;		/* bytes in a field name */
	size_t max_value;	/* bytes in a field value */
	size_t max_cookies;
};

struct req {
	struct arena arena;		/* everything below lives here */
	char **envp;			/* FastCGI parameters, valid for the request */
	char id[17];			/* request id: 16 hex chars */
	const char *method;		/* "GET", "POST", ... */
	const char *path;		/* decoded path, without the query */
	const char *query;		/* raw query string, "" if none */
	const char *ip;			/* client address as nginx saw it */
	const char *host;
	const char *user_agent;
	const char *origin;		/* Origin header or NULL */
	const char *sec_fetch_site;	/* Sec-Fetch-Site header or NULL */
	const char *content_type;
	int https;			/* request arrived over TLS */
	struct kvlist query_fields;	/* raw, as sent */
	struct kvlist form_fields;	/* raw, urlencoded POST body */
	/* A POST body of type application/json as it was sent (a provider's
	 * webhook is verified on its exact bytes), NUL-terminated; NULL for
	 * any other body. */
	const char *json_body;
	size_t json_body_len;
	struct kvlist cookies;
	struct kvlist path_params;	/* named captures of the route's pattern */
	struct kvlist params;		/* validated, declared parameters */
	const char *error;		/* why parsing failed (for the log and 400) */
	const char *upload_field;	/* the file field whose file was larger than
					 * allowed (error says so), or NULL */
	const struct app *app;		/* the program serving it (fcgi_loop.h), or NULL */
	const struct route *route;	/* the route matched (route.h), or NULL */
	struct kvlist form_errors;	/* field -> message, for a form shown again */
	struct sess *sess;		/* the logged-in visitor (sess.h), or NULL */
	const char *blocked_reason;	/* set when the session ended because the user is blocked */
	const char *logged_out_why;	/* set when the cookie's session was ended by a change to
					 * the account: the sentence that says so (sess.h) */
	struct multipart *multipart;	/* a multipart form's parser: its files (multipart.h) */
};

/*
 * A request body read in pieces: fcgi_loop reads it from the connection,
 * the tests from memory. read puts up to size bytes in buf and returns how
 * many, 0 at the end, -1 on an error. length is what the client announced
 * (CONTENT_LENGTH); consumed counts what was read.
 */
struct req_body {
	size_t length;
	long (*read)(void *ctx, char *buf, size_t size);
	void *ctx;
	size_t consumed;
};

extern const struct req_limits req_default_limits;

/* Builds a request from a NULL-terminated environment array (FastCGI params)
 * and the body already read by the caller. Returns 0, 413 when the body is
 * too large, or 400 with rq->error set when something is malformed. The
 * request must be released with req_free in every case. */
int req_init(struct req *rq, char **envp, const char *body, size_t body_len,
	     const struct req_limits *lim);
/* req_init in two steps, for a body that arrives in pieces: req_begin reads
 * the environment (path, query, cookies; same answers as req_init), then
 * req_read_body reads the body. An urlencoded body is read whole, up to
 * lim->max_body. A multipart/form-data body is accepted only when upload
 * is not NULL (the route is flagged R_UPLOAD, route.h): it is streamed
 * through the multipart parser with those limits, its text fields going to
 * form_fields and its files to temporary files in tmpdir; without upload it
 * is 415. An application/json body is kept as it is (json_body), up to
 * lim->max_body. Returns 0, or 400/413/415/500 with rq->error set. The body may be
 * left partly unread after an error (body->consumed says how much was read). */
int req_begin(struct req *rq, char **envp, const struct req_limits *lim);
/* A body already in memory (req_init, fcgi_loop_handle): fills body to read
 * len bytes of data, keeping its position in m. */
struct req_memory_body {
	const char *data;
	size_t len, off;
};
void req_body_from_memory(struct req_body *body, struct req_memory_body *m, const char *data,
			  size_t len);
int req_read_body(struct req *rq, struct req_body *body, const struct req_limits *lim,
		  const struct multipart_limits *upload, const char *tmpdir);
/* Releases everything, and removes the request's temporary files. */
void req_free(struct req *rq);

/* Parsers, exposed for the tests: return 0 or -1 with *why set. */
int req_parse_urlencoded(struct arena *a, const char *s, size_t len,
			 struct kvlist *out, const struct req_limits *lim,
			 const char **why);
int req_parse_cookies(struct arena *a, const char *header, struct kvlist *out,
		      const struct req_limits *lim, const char **why);
/* Decodes %XX and (when plus_is_space) '+'; returns -1 on a bad escape or NUL. */
int req_url_decode(char *s, size_t *len, int plus_is_space);

void kvlist_add(struct arena *a, struct kvlist *l, const char *key,
		const char *val, size_t len);
/* First value for key, or NULL. */
const char *kvlist_get(const struct kvlist *l, const char *key);
size_t kvlist_count(const struct kvlist *l, const char *key);

const char *req_env(const struct req *rq, const char *name);
const char *req_cookie(const struct req *rq, const char *name);
/* Typed getters over validated parameters (route-declared only). */
const char *req_str(const struct req *rq, const char *name);	/* NULL if absent */
long long req_int(const struct req *rq, const char *name, long long fallback);
int req_has(const struct req *rq, const char *name);
/* The n-th value (from 0) of a field declared PARAM_MANY (route.h), NULL
 * past the last. */
const char *req_str_at(const struct req *rq, const char *name, size_t n);
/* Typed getters over the captures of the matched pattern (route.h):
 * req_path_id reads an {name:id} capture (always 1..10^18-1), -1 if the
 * pattern has no such capture; req_path_str reads any capture, NULL if absent. */
/* The i-th file (from 0) sent in field name, NULL when there is none; only
 * for a field the route declares as PARAM_FILE (route.h). The file is
 * removed when the request ends: keep what is needed (media.h) before. */
const struct multipart_file *req_file(const struct req *rq, const char *name, size_t i);
size_t req_file_count(const struct req *rq, const char *name);
long long req_path_id(const struct req *rq, const char *name);
const char *req_path_str(const struct req *rq, const char *name);

#endif
