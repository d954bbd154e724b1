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
 * declared with their type; undeclared ones are ignored, an invalid one is a
 * 400 naming the field and the reason. A field may also name a validator
 * function (validate.h) for the rules of its kind (an email address, a phone
 * number), run after the type's own checks.
 *
 * Forms. A route flagged R_FORM answers invalid input with its form again
 * instead of a 400: every field in error gets its message next to it and in
 * the form's ERROR_SUMMARY (view_form_error), what the visitor typed is kept
 * (never a PARAM_SECRET field such as a password), and the status is 422.
 * The page is the route's form_page when it has one (it builds the page as
 * the GET handler does, with view_begin, and returns the page dictionary),
 * else the route's template alone in the layout. Its handler runs only with
 * valid input; a rule it alone can check (an address already taken) goes
 * through the same page: route_form_error, then return route_form_fail.
 */
#ifndef BAZAAR_ROUTE_H
#define BAZAAR_ROUTE_H
#include "req.h"
#include "resp.h"
#include "tmpl.h"

enum param_type {
	PARAM_INT,	/* whole number in [min, max] */
	PARAM_ENUM,	/* one of choices[] */
	PARAM_TEXT,	/* UTF-8 text, no control characters, at most max bytes */
	PARAM_MONEY,	/* decimal amount "12", "12.5", "12.50" -> minor units in [min, max] */
	PARAM_FILE,	/* files of a multipart form (R_UPLOAD routes): min..max of them
			 * (max 0: one), read with req_file; PARAM_REQUIRED: at least one */
};

#define PARAM_REQUIRED 1u	/* absent, empty (or blank when PARAM_TRIM) is an error */
#define PARAM_MULTILINE 2u	/* TEXT may contain line breaks */
#define PARAM_TRIM 4u		/* TEXT is tidied first (text_tidy): no surrounding white
				 * space, tabs as spaces, line breaks as "\n" (MULTILINE) or
				 * spaces; handlers read the tidied value */
#define PARAM_CHARS 8u		/* TEXT's min and max count characters, not bytes */
#define PARAM_SECRET 16u	/* never written back into a form (passwords) */
#define PARAM_MANY 32u		/* may be given any number of times (the ticked boxes of a
				 * list), each value checked; read with req_str_at */

struct req;

/* A text field of a form: tidied, at most chars characters (0: no limit but
 * the request's), a validator (validate.h) or NULL, and the sentence for the
 * field left empty (NULL: it may be). flags adds PARAM_MULTILINE. */
#define ROUTE_FIELD(name, chars, label, flags, validate, missing) \
	{ name, PARAM_TEXT, 0, chars, NULL, \
	  PARAM_TRIM | ((chars) ? PARAM_CHARS : 0u) | ((missing) ? PARAM_REQUIRED : 0u) | (flags), \
	  label, validate, missing }
/* A password field: never tidied, never shown again, at most 1000 bytes
 * (the validator has the real rules). */
#define ROUTE_SECRET(name, label, validate, missing) \
	{ name, PARAM_TEXT, 0, 1000, NULL, PARAM_SECRET | ((missing) ? PARAM_REQUIRED : 0u), \
	  label, validate, missing }

struct param {
	const char *name;
	enum param_type type;
	long long min, max;		/* INT, MONEY range; TEXT length */
	const char *const *choices;	/* ENUM: NULL-terminated */
	unsigned flags;
	const char *label;		/* human name for error messages */
	/* Optional rule of the field's kind (validate.h): NULL when the value
	 * is acceptable, else the message; may normalise *value. */
	const char *(*validate)(struct req *rq, const char **value);
	/* Optional: what to say when a PARAM_REQUIRED field is left empty
	 * (default "<label> is required."). */
	const char *missing;
};

#define R_HEAD_OK 1u	/* GET route also answers HEAD (always true for GET) */
/* Access flags, enforced by the program's guard (auth.h says exactly how). */
#define R_LOGIN   2u	/* a logged-in user */
#define R_CSRF    4u	/* POST with a valid CSRF token; every POST route has it */
#define R_VENDOR  8u	/* a vendor (implies R_LOGIN) */
#define R_ADMIN   16u	/* an admin who passed the second factor (implies R_LOGIN) */
#define R_NO_MFA  32u	/* open to an admin before the second factor (the second-factor,
			 * enrolment and logout pages themselves) */
#define R_FORM    64u	/* invalid input shows the form again (422), see above */
/* The route accepts a multipart/form-data body (file uploads), up to its
 * program's upload limits (struct app's upload_limits, else
 * multipart_default_limits: 20 MiB). Every other route answers such a body
 * with 415, and any body over 1 MiB with 413. nginx must let the body
 * through too: the upload location in nginx/nginx.conf.in lists the URLs. */
#define R_UPLOAD  128u
/* A POST from a form on a shared cached page, which cannot carry a
 * visitor's token (the product page's "Add to cart", the log-out button of
 * the cached header): with R_CSRF, a form sent without the token passes
 * when the browser sends Sec-Fetch-Site same-origin, or (without it) an
 * Origin naming this site (csrf_check_origin); one sent with a token is
 * checked as any other. The cookies it acts on are SameSite=Lax, so a
 * cross-site POST carries none. */
#define R_ORIGIN  256u
/* A POST sent by a machine, not a browser form (a payment provider's
 * webhook, an API call): it carries no CSRF token; the handler itself
 * authenticates the request (a signature, an API key) before it changes
 * anything. */
#define R_SIGNED  512u
/* With R_LOGIN: a visitor without a session may come instead with a link's
 * token (the field ROUTE_LINK_FIELD, in the query of a GET, the form of a
 * POST): a guest following the link of an order's mail. The guard lets the
 * request through; the handler checks the token and answers 404 when it is
 * not the link of what the route names. */
#define R_LINK    1024u
/* An admin or a support user who passed the second factor (implies
 * R_LOGIN): the support pages of the admin site. */
#define R_SUPPORT 2048u
#define ROUTE_LINK_FIELD "token"

struct view;

typedef int (*route_handler)(struct req *rq, struct resp *rs);
/* Builds a form route's page as its GET handler does (view_begin, the page's
 * own values) and returns the page dictionary, or NULL when it cannot: the
 * answer is then rs->status when the builder set one >= 400 (404: the record
 * the form changes is not the visitor's), else 500. The router adds the typed values and the errors, to
 * v->fields too when the page includes its fields as a separate template. */
typedef tmpl_dict *(*route_form_page)(struct req *rq, struct resp *rs, struct view *v);

struct route {
	const char *method;		/* "GET" or "POST" */
	const char *pattern;
	route_handler handler;
	const char *template;		/* template the handler renders, or NULL */
	unsigned flags;
	const struct param *params;	/* terminated by {NULL} or NULL for none */
	route_form_page form_page;	/* R_FORM: the page with the form (optional) */
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
/* The route of app's table for rq's method and path, or NULL; leaves no
 * captures behind (route_dispatch matches again). */
const struct route *route_find(const struct app *app, struct req *rq);
/* Validates declared parameters into rq->params. Returns 0 or 400 with a
 * message (field and reason) in *message, allocated in rq's arena. Every
 * field in error is also in rq->form_errors (field name, message). */
int route_validate(struct req *rq, const struct param *params, const char **message);
/* Records a problem with field for the form page (see Forms above). */
void route_form_error(struct req *rq, const char *field, const char *message);
/* Answers the form route being served with its form again: the errors of
 * rq->form_errors, the visitor's input, status 422 (which it returns). For a
 * route that is not a form: the error page, 400, with the first message. */
int route_form_fail(struct req *rq, struct resp *rs);
/* The whole of a GET handler whose page a form page builder makes (the
 * page a form route shows again with its errors): builds it and renders it.
 * Returns the status: the builder's (rs->status >= 400) or 500 when it
 * could not build the page. */
int route_form_show(struct req *rq, struct resp *rs, route_form_page build);
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
