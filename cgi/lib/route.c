/*
 * route: matching, parameter validation and dispatch (see route.h).
 */
#include "route.h"
#include "db.h"
#include "fcgi_loop.h"
#include "log.h"
#include "csrf.h"
#include "money.h"
#include "multipart.h"
#include "text.h"
#include "view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUTE_SLUG_MAX 120
#define ROUTE_ID_MAX 18
/* Seconds a 503 asks the client to wait, as nginx's own 50x page does. */
#define ROUTE_RETRY_AFTER "5"

enum route_capture_type {
	ROUTE_CAPTURE_ID,
	ROUTE_CAPTURE_SLUG,
};

struct route_capture {
	char name[ROUTE_CAPTURE_NAME_MAX + 1];
	enum route_capture_type type;
};

static int
route_is_slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static int
route_is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Reads the capture that starts at p ('{'): "{name}" or "{name:type}".
 * Returns the text after '}', or NULL with *why set when it is malformed.
 */
static const char *
route_capture_parse(const char *p, struct route_capture *cap, const char **why)
{
	const char *name = p + 1, *type, *end;
	size_t n, tn;

	for (end = name; route_is_name_char(*end); end++)
		;
	n = (size_t)(end - name);
	if (n == 0 || (*name >= '0' && *name <= '9')) {
		*why = "a capture needs a name of lower-case letters, digits and '_'";
		return NULL;
	}
	if (n > ROUTE_CAPTURE_NAME_MAX) {
		*why = "a capture name is too long";
		return NULL;
	}
	memcpy(cap->name, name, n);
	cap->name[n] = '\0';
	if (*end == ':') {
		type = end + 1;
		for (end = type; route_is_name_char(*end); end++)
			;
		tn = (size_t)(end - type);
	} else {
		type = name;	/* {id} is {id:id}, {slug} is {slug:slug} */
		tn = n;
	}
	if (*end != '}') {
		*why = "a capture is not closed by '}'";
		return NULL;
	}
	if (tn == 2 && strncmp(type, "id", 2) == 0) {
		cap->type = ROUTE_CAPTURE_ID;
	} else if (tn == 4 && strncmp(type, "slug", 4) == 0) {
		cap->type = ROUTE_CAPTURE_SLUG;
	} else {
		*why = "a capture's type must be id or slug";
		return NULL;
	}
	return end + 1;
}

/*
 * Walks pattern against path (NULL: only checks the pattern). Captures are
 * added to *caps when path matches. Returns 1 on a match, 0 when path does
 * not match, -1 with *why set when the pattern is malformed.
 */
static int
route_walk(struct req *rq, const char *pattern, const char *path, struct kvlist *caps,
	   const char **why)
{
	struct route_capture cap, seen[ROUTE_CAPTURES_MAX];
	const char *p = pattern, *s = path, *start;
	size_t n, i, ncaps = 0;
	int matching = path != NULL;

	if (*p != '/') {
		*why = "a pattern starts with '/'";
		return -1;
	}
	while (*p) {
		if (*p == '}') {
			*why = "'}' without '{'";
			return -1;
		}
		if (*p != '{') {
			if (matching && *p != *s)
				matching = 0;
			else if (matching)
				s++;
			p++;
			continue;
		}
		if ((p = route_capture_parse(p, &cap, why)) == NULL)
			return -1;
		if (*p == '{') {
			*why = "two captures must be separated by literal text";
			return -1;
		}
		if (ncaps == ROUTE_CAPTURES_MAX) {
			*why = "too many captures";
			return -1;
		}
		for (i = 0; i < ncaps; i++) {
			if (strcmp(seen[i].name, cap.name) == 0) {
				*why = "a capture name is used twice";
				return -1;
			}
		}
		seen[ncaps++] = cap;
		if (!matching)
			continue;
		start = s;
		if (cap.type == ROUTE_CAPTURE_ID) {
			while (*s >= '0' && *s <= '9')
				s++;
			n = (size_t)(s - start);
			if (n == 0 || n > ROUTE_ID_MAX || *start == '0')
				matching = 0;
		} else {
			while (route_is_slug_char(*s))
				s++;
			n = (size_t)(s - start);
			if (n == 0 || n > ROUTE_SLUG_MAX)
				matching = 0;
		}
		if (matching)
			kvlist_add(&rq->arena, caps, arena_strdup(&rq->arena, cap.name),
				   arena_strndup(&rq->arena, start, n), n);
	}
	return matching && *s == '\0';
}

int
route_pattern_check(const char *pattern, const char **why)
{
	return route_walk(NULL, pattern, NULL, NULL, why) < 0 ? -1 : 0;
}

int
route_table_check(const struct route *table, size_t n, const char **why)
{
	const char *reason;
	size_t i;

	for (i = 0; i < n; i++) {
		if (route_pattern_check(table[i].pattern, &reason) != 0) {
			*why = reason;
			return (int)i;
		}
	}
	return -1;
}

int
route_match(struct req *rq, const char *pattern, const char *path)
{
	struct kvlist caps = { 0 };
	const char *why;
	size_t i;

	if (route_walk(rq, pattern, path, &caps, &why) != 1)
		return 0;
	for (i = 0; i < caps.n; i++) {
		kvlist_add(&rq->arena, &rq->path_params, caps.items[i].key, caps.items[i].val, caps.items[i].len);
		kvlist_add(&rq->arena, &rq->params, caps.items[i].key, caps.items[i].val, caps.items[i].len);
	}
	return 1;
}

/* Valid UTF-8 without overlongs or surrogates; control characters refused
 * except tab, and line breaks when multiline. */
static int
route_text_ok(const char *s, size_t len, int multiline)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	unsigned c, need, cp, i;

	while (p < end) {
		c = *p++;
		if (c < 0x80) {
			if (c == '\t' || ((c == '\n' || c == '\r') && multiline))
				continue;
			if (c < 0x20 || c == 0x7f)
				return 0;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3; cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - p) < need)
			return 0;
		for (i = 0; i < need; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		p += need;
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		if (cp >= 0x80 && cp < 0xa0)	/* C1 controls */
			return 0;
	}
	return 1;
}

static const char *
route_field(struct req *rq, const struct param *p)
{
	if (p->label)
		return arena_printf(&rq->arena, "%s (%s)", p->label, p->name);
	return p->name;
}

static int
route_parse_int(const char *s, long long *out)
{
	char *end;
	size_t i = 0;

	if (s[0] == '-')
		i = 1;
	if (s[i] == '\0' || strlen(s + i) > 18)
		return -1;
	for (; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno ? -1 : 0;
}

/* A PARAM_FILE field: counts the files sent in it and marks them declared,
 * so req_file hands them out. */
static const char *
route_check_files(struct req *rq, const struct param *p)
{
	struct multipart_file *f;
	long long n = 0, max = p->max > 0 ? p->max : 1;
	size_t i;

	for (i = 0; (f = multipart_file_at(rq->multipart, i)) != NULL; i++)
		if (strcmp(f->field, p->name) == 0)
			n++;
	if (n == 0 && (p->flags & PARAM_REQUIRED))
		return p->missing ? p->missing : arena_printf(&rq->arena, "%s: choose a file.", route_field(rq, p));
	if (n > max)
		return arena_printf(&rq->arena, "%s: at most %lld file%s at a time.", route_field(rq, p), max,
				    max == 1 ? "" : "s");
	if (n > 0 && n < p->min)
		return arena_printf(&rq->arena, "%s: at least %lld files.", route_field(rq, p), p->min);
	for (i = 0; (f = multipart_file_at(rq->multipart, i)) != NULL; i++)
		if (strcmp(f->field, p->name) == 0)
			f->declared = 1;
	return NULL;
}

/*
 * Checks one declared field of src. Returns NULL with *out set to the value
 * to keep (NULL when the field was not given), or the message for the field.
 */
static const char *
route_check(struct req *rq, const struct param *p, const struct kvlist *src, const char **out)
{
	const char *val, *const *c, *problem;
	struct buf choices;
	long long n;
	size_t len;
	char *msg;

	*out = NULL;
	if (p->type == PARAM_FILE)
		return route_check_files(rq, p);
	if (kvlist_count(src, p->name) > 1)
		return arena_printf(&rq->arena, "%s was given more than once.", route_field(rq, p));
	val = kvlist_get(src, p->name);
	if (val != NULL && p->type == PARAM_TEXT) {
		if (!route_text_ok(val, strlen(val), (p->flags & PARAM_MULTILINE) != 0))
			return arena_printf(&rq->arena, "%s contains characters that are not allowed.",
					    route_field(rq, p));
		if (p->flags & PARAM_TRIM)
			val = text_tidy(&rq->arena, val, (p->flags & PARAM_MULTILINE) ? TEXT_MULTILINE : 0u);
	}
	len = val ? strlen(val) : 0;
	if (val == NULL || len == 0) {
		if (p->flags & PARAM_REQUIRED)
			return p->missing ? p->missing : arena_printf(&rq->arena, "%s is required.", route_field(rq, p));
		/* An empty text is a value (a field cleared on purpose); an empty
		 * number or choice is the same as none. */
		if (val != NULL && p->type == PARAM_TEXT)
			*out = val;
		return NULL;
	}
	switch (p->type) {
	case PARAM_INT:
		if (route_parse_int(val, &n) != 0 || n < p->min || n > p->max)
			return arena_printf(&rq->arena, "%s must be a whole number from %lld to %lld.",
					    route_field(rq, p), p->min, p->max);
		break;
	case PARAM_ENUM:
		for (c = p->choices; c && *c; c++)
			if (strcmp(*c, val) == 0)
				break;
		if (c == NULL || *c == NULL) {
			buf_init(&choices);
			for (c = p->choices; c && *c; c++)
				buf_printf(&choices, "%s%s", c == p->choices ? "" : ", ", *c);
			msg = arena_printf(&rq->arena, "%s must be one of: %s.", route_field(rq, p),
					   choices.data ? choices.data : "");
			buf_free(&choices);
			return msg;
		}
		break;
	case PARAM_TEXT:
		n = (p->flags & PARAM_CHARS) ? (long long)text_chars(val) : (long long)len;
		if (p->flags & PARAM_CHARS) {
			if (p->max > 0 && n > p->max)
				return arena_printf(&rq->arena, "%s can be at most %lld characters long.",
						    p->label ? p->label : p->name, p->max);
			if (n < p->min)
				return arena_printf(&rq->arena, "%s must be at least %lld characters long.",
						    p->label ? p->label : p->name, p->min);
		} else if ((p->max > 0 && n > p->max) || n < p->min) {
			return arena_printf(&rq->arena, "%s must be %lld to %lld characters long.",
					    route_field(rq, p), p->min, p->max);
		}
		break;
	case PARAM_MONEY:
		n = money_parse(val);
		if (n < 0 || n < p->min || n > p->max)
			return arena_printf(&rq->arena, "%s must be an amount like 12.50, from %lld.%02lld to %lld.%02lld.",
					    route_field(rq, p), p->min / 100, p->min % 100, p->max / 100, p->max % 100);
		val = arena_printf(&rq->arena, "%lld", n);
		break;
	case PARAM_FILE:	/* route_check_files */
		break;
	}
	if (p->validate != NULL && (problem = p->validate(rq, &val)) != NULL)
		return problem;
	*out = val;
	return NULL;
}

/* A PARAM_MANY field: each of its values checked as a field of its own and
 * kept in order. NULL, or the first value's message. */
static const char *
route_check_many(struct req *rq, const struct param *p, const struct kvlist *src)
{
	const char *val, *problem;
	struct kvlist one;
	size_t i, seen = 0;

	for (i = 0; i < src->n; i++) {
		if (strcmp(src->items[i].key, p->name) != 0)
			continue;
		seen++;
		one.items = &src->items[i];
		one.n = one.cap = 1;
		if ((problem = route_check(rq, p, &one, &val)) != NULL)
			return problem;
		if (val != NULL)
			kvlist_add(&rq->arena, &rq->params, p->name, val, strlen(val));
	}
	if (seen == 0 && (p->flags & PARAM_REQUIRED))
		return p->missing ? p->missing : arena_printf(&rq->arena, "%s is required.", route_field(rq, p));
	return NULL;
}

int
route_validate(struct req *rq, const struct param *params, const char **message)
{
	const struct kvlist *src;
	const struct param *p;
	const char *val, *problem;

	*message = NULL;
	src = strcmp(rq->method, "POST") == 0 ? &rq->form_fields : &rq->query_fields;
	for (p = params; p && p->name; p++) {
		if (p->flags & PARAM_MANY) {
			problem = route_check_many(rq, p, src);
		} else if ((problem = route_check(rq, p, src, &val)) == NULL) {
			if (val != NULL)
				kvlist_add(&rq->arena, &rq->params, p->name, val, strlen(val));
			continue;
		}
		if (problem != NULL) {
			if (*message == NULL)
				*message = problem;
			route_form_error(rq, p->name, problem);
			/* Only a form shows every problem at once. */
			if (rq->route == NULL || !(rq->route->flags & R_FORM))
				return 400;
		}
	}
	return *message ? 400 : 0;
}

void
route_form_error(struct req *rq, const char *field, const char *message)
{
	kvlist_add(&rq->arena, &rq->form_errors, field, message, strlen(message));
}

/* The template key of a field: its name in upper case. */
static const char *
route_field_key(struct req *rq, const char *name)
{
	char *key = arena_strdup(&rq->arena, name), *k;

	for (k = key; *k; k++)
		if (*k >= 'a' && *k <= 'z')
			*k = (char)(*k - 'a' + 'A');
	return key;
}

int
route_form_show(struct req *rq, struct resp *rs, route_form_page build)
{
	struct view v = { 0 };
	int status;

	if (build(rq, rs, &v) == NULL)
		status = rs->status >= 400 ? rs->status : 500;
	else
		status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

int
route_form_fail(struct req *rq, struct resp *rs)
{
	const struct route *r = rq->route;
	const struct kvlist *src;
	const struct param *p;
	const char *val;
	struct view v = { 0 };
	tmpl_dict *d;
	size_t i;

	if (r == NULL || !(r->flags & R_FORM) || r->template == NULL) {
		rs->message = rq->form_errors.n ? rq->form_errors.items[0].val : NULL;
		return 400;
	}
	if (r->form_page != NULL) {
		d = r->form_page(rq, rs, &v);
	} else {
		d = view_begin(&v, rq, rs, r->template, NULL);
		tmpl_set(d, "CSRF", csrf_token(rq, rs));
	}
	if (d == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	/* What was typed, tidied as the field's rules say; never a secret. */
	src = strcmp(rq->method, "POST") == 0 ? &rq->form_fields : &rq->query_fields;
	for (p = r->params; p && p->name; p++) {
		/* A file cannot be put back in a form: it is chosen again. */
		if ((p->flags & PARAM_SECRET) || p->type == PARAM_FILE)
			continue;
		if ((val = kvlist_get(&rq->params, p->name)) == NULL) {
			/* Refused: shown as its validator writes it (an account
			 * number compacted), so the visitor sees what was checked. */
			if ((val = kvlist_get(src, p->name)) == NULL)
				continue;
			if (p->type == PARAM_TEXT && (p->flags & PARAM_TRIM))
				val = text_tidy(&rq->arena, val, (p->flags & PARAM_MULTILINE) ? TEXT_MULTILINE : 0u);
			if (p->validate != NULL && *val != '\0')
				(void)p->validate(rq, &val);
		} else if (p->type == PARAM_MONEY) {
			/* An amount as it is written, not its minor units. */
			val = money_plain(atoll(val), arena_alloc(&rq->arena, 32), 32);
		}
		tmpl_set(d, route_field_key(rq, p->name), val);
		if (v.fields != NULL && v.fields != d)
			tmpl_set(v.fields, route_field_key(rq, p->name), val);
	}
	for (i = 0; i < rq->form_errors.n; i++) {
		view_form_error(d, rq->form_errors.items[i].key, rq->form_errors.items[i].val);
		if (v.fields != NULL && v.fields != d)
			view_form_error(v.fields, rq->form_errors.items[i].key, rq->form_errors.items[i].val);
	}
	return view_end_status(&v, rs, 422);
}

void
route_error_page(struct req *rq, struct resp *rs, int status, const char *message)
{
	struct view v;
	tmpl_dict *d;
	char name[64];

	buf_reset(&rs->body);
	buf_reset(&rs->headers);
	free(rs->cache_key);
	rs->cache_key = NULL;
	rs->status = status;
	rs->cache = RESP_NO_STORE;
	rs->content_type = "text/html; charset=utf-8";
	if (status == 503)
		resp_header(rs, "Retry-After", ROUTE_RETRY_AFTER);
	snprintf(name, sizeof name, "error/%d.tpl", status);
	if (!tmpl_exists(name))
		snprintf(name, sizeof name, "error/generic.tpl");
	d = view_begin(&v, rq, rs, name, resp_reason(status));
	tmpl_set(v.layout, "REQUEST_ID", rq->id);
	tmpl_set_int(d, "STATUS", status);
	tmpl_set(d, "REASON", resp_reason(status));
	tmpl_set(d, "REQUEST_ID", rq->id);
	if (message && *message) {
		tmpl_set(d, "MESSAGE", message);
		tmpl_show(d, "HAS_MESSAGE");
	}
	if (view_end(&v, rs) != 200) {
		buf_reset(&rs->body);
		rs->content_type = "text/plain; charset=utf-8";
		buf_printf(&rs->body, "%d %s\n%s%sRequest id: %s\n", status, resp_reason(status),
			   message ? message : "", message ? "\n" : "", rq->id);
	}
	rs->status = status;
}

static const char route_db_down[] =
	"The site cannot reach its database just now.";	/* the page adds "try again in a moment" */

/* A 500 while the database cannot be reached is not the page's fault: it
 * becomes a 503 that says so (route_error_page adds Retry-After). */
static int
route_outage(int status, const char **message)
{
	if (status != 500 || !db_unavailable())
		return status;
	*message = route_db_down;
	return 503;
}

const struct route *
route_find(const struct app *app, struct req *rq)
{
	const char *method = strcmp(rq->method, "HEAD") == 0 ? "GET" : rq->method;
	const struct route *found = NULL;
	size_t i;

	for (i = 0; i < app->nroutes && found == NULL; i++) {
		if (strcmp(app->routes[i].method, method) == 0 &&
		    route_match(rq, app->routes[i].pattern, rq->path))
			found = &app->routes[i];
		rq->path_params.n = 0;
		rq->params.n = 0;
	}
	return found;
}

int
route_dispatch(const struct app *app, struct req *rq, struct resp *rs)
{
	const struct route *table = app->routes;
	size_t n = app->nroutes;
	const struct route *r, *found = NULL;
	const char *method = rq->method, *message = NULL;
	struct buf allow;
	int status, path_matched = 0;
	size_t i;

	rq->app = app;
	if (strcmp(method, "HEAD") == 0)
		method = "GET";
	buf_init(&allow);
	for (i = 0; i < n; i++) {
		r = &table[i];
		rq->path_params.n = 0;
		rq->params.n = 0;
		if (!route_match(rq, r->pattern, rq->path))
			continue;
		path_matched = 1;
		if (strcmp(r->method, method) == 0) {
			found = r;
			break;
		}
		buf_printf(&allow, "%s%s", allow.len ? ", " : "", r->method);
	}
	if (found == NULL) {
		rq->params.n = 0;
		if (path_matched) {
			route_error_page(rq, rs, 405, "This address does not accept that kind of request.");
			resp_header(rs, "Allow", allow.data);
		} else {
			route_error_page(rq, rs, 404, NULL);
		}
		buf_free(&allow);
		return rs->status;
	}
	buf_free(&allow);
	rq->route = found;

	if (app->guard != NULL && (status = app->guard(found, rq, rs)) != 0) {
		if (rq->upload_field != NULL) {
			/* no form to show this visitor: the file's problem, as
			 * a page (what req_read_body would have answered) */
			resp_free(rs);
			resp_init(rs);
			route_error_page(rq, rs, 413, rq->error);
			return 413;
		}
		rs->status = status;
		if (status >= 400)
			route_error_page(rq, rs, status, rs->message);
		return status;
	}
	status = route_validate(rq, found->params, &message);
	if (rq->upload_field != NULL && (found->flags & R_FORM)) {
		/* The file was too large (fcgi_loop): the parts after it were
		 * never read, so that is the one problem to tell. */
		rq->form_errors.n = 0;
		route_form_error(rq, rq->upload_field, rq->error);
		message = rq->error;
		status = 413;
	}
	if (status != 0) {
		log_info("http.bad_param", "path=%s msg=%s", log_quote(rq->path), log_quote(message));
		if (found->flags & R_FORM) {
			if ((status = route_form_fail(rq, rs)) == 422) {
				rs->status = status;
				return status;
			}
			/* The form page could not be made. */
			message = NULL;
			status = route_outage(status, &message);
		}
		route_error_page(rq, rs, status, message);
		return status;
	}
	status = route_outage(found->handler(rq, rs), &rs->message);
	if (status >= 400 && !rs->keep_body) {
		if (status >= 500)
			log_error("http.handler", "path=%s status=%d", log_quote(rq->path), status);
		route_error_page(rq, rs, status, rs->message);
	}
	rs->status = status;
	return status;
}
