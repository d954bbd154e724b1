/*
 * route: the route table and the dispatcher. Each program has one table in
 * its <prog>_main.c; it is the only list of its URLs.
 *
 * Patterns are literal text with any number of named, typed captures:
 * {name:type}, where type is id (1..18 digits, no leading zero, so it always
 * fits a long long) or slug (lower-case letters, digits, '-', up to 120).
 * {id} and {slug} are short for {id:id} and {slug:slug}. Example:
 * /orders/{order:id}/items/{item:id}. Handlers read captures by name with
 * req_path_id and req_path_str (req.h). A capture takes as many characters of
 * its type as it can, so two captures are separated by literal text (as in
 * /p/{id}-{slug}: the id stops at the '-'). Names are unique in a pattern.
 * Parameters (query string for GET/HEAD, form body for POST) must be
 * declared with a validator; undeclared ones are ignored, an invalid one is a
 * 400 naming the field and the reason.
 */
#ifndef BAZAAR_ROUTE_H
#define BAZAAR_ROUTE_H
#include "req.h"
#include "resp.h"

enum param_type {
	PARAM_INT,	/* whole number in [min, max] */
	PARAM_ENUM,	/* one of choices[] */
	PARAM_TEXT,	/* UTF-8 text, no control characters, at most max bytes */
	PARAM_MONEY,	/* decimal amount "12", "12.5", "12.50" -> minor units in [min, max] */
};

#define PARAM_REQUIRED 1u
#define PARAM_MULTILINE 2u	/* TEXT may contain line breaks */

struct param {
	const char *name;
	enum param_type type;
	long long min, max;		/* INT, MONEY range; TEXT max length */
	const char *const *choices;	/* ENUM: NULL-terminated */
	unsigned flags;
	const char *label;		/* human name for error messages */
};

#define R_HEAD_OK 1u	/* GET route also answers HEAD (always true for GET) */
/* Access flags, enforced by the program's guard (auth.h says exactly how). */
#define R_LOGIN   2u	/* a logged-in user */
#define R_CSRF    4u	/* POST with a valid CSRF token; every POST route has it */
#define R_VENDOR  8u	/* a vendor (implies R_LOGIN) */
#define R_ADMIN   16u	/* an admin who passed the second factor (implies R_LOGIN) */
#define R_NO_MFA  32u	/* open to an admin before the second factor (the second-factor,
			 * enrolment and logout pages themselves) */

typedef int (*route_handler)(struct req *rq, struct resp *rs);

struct route {
	const char *method;		/* "GET" or "POST" */
	const char *pattern;
	route_handler handler;
	const char *template;		/* template the handler renders, or NULL */
	unsigned flags;
	const struct param *params;	/* terminated by {NULL} or NULL for none */
};

struct app;

#define ROUTE_CAPTURES_MAX 8		/* captures in one pattern */
#define ROUTE_CAPTURE_NAME_MAX 32	/* bytes in a capture's name */

/* Matches a path against one pattern; fills captures into rq->path_params
 * (and rq->params, so req_int(rq, "id", ...) reads them too). A malformed
 * pattern matches nothing. */
int route_match(struct req *rq, const char *pattern, const char *path);
/* 0 when pattern is well formed, else -1 with *why set (a constant). */
int route_pattern_check(const char *pattern, const char **why);
/* Checks every pattern of a table: -1 when all are well formed, else the
 * index of the first malformed one with *why set. Programs refuse to start
 * with a malformed table. */
int route_table_check(const struct route *table, size_t n, const char **why);
/* Validates declared parameters into rq->params. Returns 0 or 400 with a
 * message (field and reason) in *message, allocated in rq's arena. */
int route_validate(struct req *rq, const struct param *params, const char **message);
/*
 * Finds the route in app's table, runs app's guard, validates, runs the
 * handler and, for a status >= 400, replaces the body with the error page
 * (templates/error/<code>.tpl, falling back to error/generic.tpl). Sets
 * rq->app. Returns the final status.
 */
int route_dispatch(const struct app *app, struct req *rq, struct resp *rs);
/* Renders the error page for status into rs (message may be NULL).
 * Template error/<status>.tpl, else error/generic.tpl, in the layout; the
 * page dictionary has STATUS, REASON, MESSAGE (section HAS_MESSAGE), REQUEST_ID.
 * The message is written by the code (field and reason), never request input.
 * A 503 carries Retry-After. route_dispatch turns a handler's 500 into a 503
 * while the database cannot be reached (db_unavailable). */
void route_error_page(struct req *rq, struct resp *rs, int status, const char *message);

#endif
