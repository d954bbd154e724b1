/*
 * req: request parsing (see req.h). Every parser is bounded by req_limits
 * and rejects what it cannot read unambiguously: a truncated or invalid
 * percent-escape, an encoded NUL, too many or too long fields.
 */
#include "req.h"
#include "multipart.h"

#include <sodium.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

const struct req_limits req_default_limits = {
	.max_body = 1024 * 1024,
	.max_fields = 64,
	.max_key = 64,
	.max_value = 64 * 1024,
	.max_cookies = 32,
};

void
kvlist_add(struct arena *a, struct kvlist *l, const char *key, const char *val, size_t len)
{
	struct kv *items;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		items = arena_alloc(a, l->cap * sizeof(*items));
		if (l->n)
			memcpy(items, l->items, l->n * sizeof(*items));
		l->items = items;
	}
	l->items[l->n].key = key;
	l->items[l->n].val = val;
	l->items[l->n].len = len;
	l->n++;
}

const char *
kvlist_get(const struct kvlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].val;
	return NULL;
}

size_t
kvlist_count(const struct kvlist *l, const char *key)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			n++;
	return n;
}

static int
req_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
req_url_decode(char *s, size_t *len, int plus_is_space)
{
	size_t i, o = 0, n = *len;
	int hi, lo;

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return -1;
			hi = req_hexval(s[i + 1]);
			lo = req_hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return -1;
		s[o++] = c;
	}
	s[o] = '\0';
	*len = o;
	return 0;
}

int
req_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kvlist *out,
		     const struct req_limits *lim, const char **why)
{
	const char *p = s, *end = s + len, *amp, *eq;
	char *key, *val;
	size_t klen, vlen;

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp == p) {		/* empty pair: "a=1&&b=2" */
			p++;
			continue;
		}
		if (out->n >= lim->max_fields) {
			*why = "too many fields";
			return -1;
		}
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq ? eq : amp) - p);
		vlen = eq ? (size_t)(amp - eq - 1) : 0;
		/* Encoded lengths bound the decoded ones from above; check both. */
		if (klen == 0) {
			*why = "a field without a name";
			return -1;
		}
		if (klen > lim->max_key * 3 || vlen > lim->max_value * 3) {
			*why = "a field is too long";
			return -1;
		}
		key = arena_strndup(a, p, klen);
		val = arena_strndup(a, eq ? eq + 1 : "", vlen);
		if (req_url_decode(key, &klen, 1) != 0 || req_url_decode(val, &vlen, 1) != 0) {
			*why = "a malformed percent-escape or an encoded NUL";
			return -1;
		}
		if (klen > lim->max_key || vlen > lim->max_value) {
			*why = "a field is too long";
			return -1;
		}
		kvlist_add(a, out, key, val, vlen);
		p = amp + 1;
	}
	return 0;
}

int
req_parse_cookies(struct arena *a, const char *header, struct kvlist *out,
		  const struct req_limits *lim, const char **why)
{
	const char *p = header, *semi, *eq, *k, *kend, *v, *vend;

	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		semi = strchr(p, ';');
		if (semi == NULL)
			semi = p + strlen(p);
		eq = memchr(p, '=', (size_t)(semi - p));
		if (eq != NULL) {
			k = p;
			kend = eq;
			while (kend > k && (kend[-1] == ' ' || kend[-1] == '\t'))
				kend--;
			v = eq + 1;
			vend = semi;
			while (v < vend && *v == ' ')
				v++;
			while (vend > v && (vend[-1] == ' ' || vend[-1] == '\t'))
				vend--;
			if (vend - v >= 2 && *v == '"' && vend[-1] == '"') {
				v++;
				vend--;
			}
			if (kend > k) {
				if (out->n >= lim->max_cookies) {
					*why = "too many cookies";
					return -1;
				}
				if ((size_t)(kend - k) > lim->max_key ||
				    (size_t)(vend - v) > 4096) {
					*why = "a cookie is too long";
					return -1;
				}
				kvlist_add(a, out, arena_strndup(a, k, (size_t)(kend - k)),
					   arena_strndup(a, v, (size_t)(vend - v)),
					   (size_t)(vend - v));
			}
		}
		/* A pair without '=' is ignored, as browsers do. */
		p = semi;
	}
	return 0;
}

static const char *
req_envp_get(char **envp, const char *name)
{
	size_t n = strlen(name);

	for (; envp && *envp; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

const char *
req_env(const struct req *rq, const char *name)
{
	return req_envp_get(rq->envp, name);
}

static void
req_make_id(struct req *rq)
{
	const char *nginx_id = req_env(rq, "REQUEST_ID");
	unsigned char raw[8];
	size_t i, n = 0;

	if (nginx_id) {
		for (i = 0; nginx_id[i] && n < 16; i++)
			if (req_hexval(nginx_id[i]) >= 0)
				rq->id[n++] = nginx_id[i];
		if (n == 16) {
			rq->id[16] = '\0';
			return;
		}
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(rq->id, sizeof rq->id, raw, sizeof raw);
}

static const char *
req_env_or(const struct req *rq, const char *name, const char *fallback)
{
	const char *v = req_env(rq, name);

	return v ? v : fallback;
}

int
req_begin(struct req *rq, char **envp, const struct req_limits *lim)
{
	const char *uri, *q, *cookie, *https;
	char *path;
	size_t plen;

	memset(rq, 0, sizeof *rq);
	arena_init(&rq->arena);
	rq->envp = envp;
	req_make_id(rq);
	rq->method = req_env_or(rq, "REQUEST_METHOD", "GET");
	rq->ip = req_env_or(rq, "REMOTE_ADDR", "");
	rq->host = req_env_or(rq, "HTTP_HOST", "");
	rq->user_agent = req_env_or(rq, "HTTP_USER_AGENT", "");
	rq->origin = req_env(rq, "HTTP_ORIGIN");
	rq->sec_fetch_site = req_env(rq, "HTTP_SEC_FETCH_SITE");
	rq->content_type = req_env_or(rq, "CONTENT_TYPE", "");
	https = req_env(rq, "HTTPS");
	rq->https = https && *https && strcmp(https, "off") != 0;
	rq->query = req_env_or(rq, "QUERY_STRING", "");
	rq->path = "/";

	/* The path: REQUEST_URI without its query, percent-decoded. */
	uri = req_env_or(rq, "REQUEST_URI", "/");
	q = strchr(uri, '?');
	plen = q ? (size_t)(q - uri) : strlen(uri);
	if (plen == 0 || uri[0] != '/') {
		rq->error = "the request path is malformed";
		return 400;
	}
	if (plen > 2048) {
		rq->error = "the request path is too long";
		return 414;
	}
	path = arena_strndup(&rq->arena, uri, plen);
	if (req_url_decode(path, &plen, 0) != 0) {
		rq->error = "the request path has a malformed percent-escape";
		return 400;
	}
	rq->path = path;

	if (req_parse_urlencoded(&rq->arena, rq->query, strlen(rq->query), &rq->query_fields,
				 lim, &rq->error) != 0)
		return 400;
	cookie = req_env(rq, "HTTP_COOKIE");
	if (cookie && req_parse_cookies(&rq->arena, cookie, &rq->cookies, lim, &rq->error) != 0)
		return 400;
	return 0;
}

/* Bytes read from the body in one go while streaming a multipart form. */
#define REQ_READ_CHUNK (64 * 1024)

/* Streams a multipart/form-data body through the parser. */
static int
req_read_multipart(struct req *rq, struct req_body *body, const struct multipart_limits *upload,
		   const char *tmpdir)
{
	enum multipart_code code;
	char *chunk;
	long n;
	int status;

	rq->multipart = multipart_new(&rq->arena, rq->content_type, upload, tmpdir,
				      &rq->form_fields, &code);
	if (rq->multipart == NULL) {
		rq->error = multipart_message(NULL, code);
		return multipart_http_status(code);
	}
	/* Refused before a byte is read when the announced length is too much. */
	if (body->length > upload->max_body) {
		code = MULTIPART_E_BODY_SIZE;
		goto fail;
	}
	if ((chunk = malloc(REQ_READ_CHUNK)) == NULL) {
		code = MULTIPART_E_STORAGE;
		goto fail;
	}
	code = MULTIPART_OK;
	while (body->consumed < body->length) {
		size_t want = body->length - body->consumed;

		n = body->read(body->ctx, chunk, want < REQ_READ_CHUNK ? want : REQ_READ_CHUNK);
		if (n <= 0)
			break;	/* cut short: finish says so */
		body->consumed += (size_t)n;
		if ((code = multipart_feed(rq->multipart, chunk, (size_t)n)) != MULTIPART_OK)
			break;
	}
	free(chunk);
	if (code == MULTIPART_OK)
		code = multipart_finish(rq->multipart);
	if (code == MULTIPART_OK)
		return 0;
fail:
	rq->error = multipart_message(rq->multipart, code);
	if (code == MULTIPART_E_FILE_SIZE)
		rq->upload_field = multipart_part_name(rq->multipart);
	status = multipart_http_status(code);
	/* Nothing of a refused form stays on disk a moment longer. */
	multipart_cleanup(rq->multipart);
	return status;
}

int
req_read_body(struct req *rq, struct req_body *body, const struct req_limits *lim,
	      const struct multipart_limits *upload, const char *tmpdir)
{
	char *data;
	long n;
	int json;

	if (strcmp(rq->method, "POST") == 0 && multipart_is_form_data(rq->content_type)) {
		if (upload == NULL) {
			rq->error = "this address does not accept file uploads (multipart/form-data)";
			return 415;
		}
		return req_read_multipart(rq, body, upload, tmpdir);
	}
	if (body->length > lim->max_body) {
		rq->error = "the request body is too large";
		return 413;
	}
	if (strcmp(rq->method, "POST") != 0)
		return 0;	/* a body nobody reads */
	json = strncmp(rq->content_type, "application/json", 16) == 0;
	if (!json && strncmp(rq->content_type, "application/x-www-form-urlencoded", 33) != 0)
		return 0;
	data = arena_alloc(&rq->arena, body->length + 1);
	while (body->consumed < body->length) {
		n = body->read(body->ctx, data + body->consumed, body->length - body->consumed);
		if (n <= 0)
			break;
		body->consumed += (size_t)n;
	}
	if (json) {
		data[body->consumed] = '\0';
		rq->json_body = data;
		rq->json_body_len = body->consumed;
		return 0;
	}
	if (memchr(data, '\0', body->consumed) != NULL) {
		rq->error = "the form has a NUL byte";
		return 400;
	}
	if (req_parse_urlencoded(&rq->arena, data, body->consumed, &rq->form_fields, lim,
				 &rq->error) != 0)
		return 400;
	return 0;
}

static long
req_memory_read(void *ctx, char *buf, size_t size)
{
	struct req_memory_body *m = ctx;
	size_t n = m->len - m->off;

	if (n > size)
		n = size;
	memcpy(buf, m->data + m->off, n);
	m->off += n;
	return (long)n;
}

void
req_body_from_memory(struct req_body *body, struct req_memory_body *m, const char *data, size_t len)
{
	m->data = data;
	m->len = len;
	m->off = 0;
	body->length = len;
	body->read = req_memory_read;
	body->ctx = m;
	body->consumed = 0;
}

int
req_init(struct req *rq, char **envp, const char *body, size_t body_len,
	 const struct req_limits *lim)
{
	struct req_memory_body m;
	struct req_body src;
	int status;

	req_body_from_memory(&src, &m, body, body_len);
	if ((status = req_begin(rq, envp, lim)) != 0)
		return status;
	return req_read_body(rq, &src, lim, NULL, NULL);
}

void
req_free(struct req *rq)
{
	multipart_cleanup(rq->multipart);
	rq->multipart = NULL;
	arena_free(&rq->arena);
}

size_t
req_file_count(const struct req *rq, const char *name)
{
	const struct multipart_file *f;
	size_t i, n = 0;

	for (i = 0; (f = multipart_file_at(rq->multipart, i)) != NULL; i++)
		if (f->declared && strcmp(f->field, name) == 0)
			n++;
	return n;
}

const struct multipart_file *
req_file(const struct req *rq, const char *name, size_t i)
{
	const struct multipart_file *f;
	size_t k;

	for (k = 0; (f = multipart_file_at(rq->multipart, k)) != NULL; k++)
		if (f->declared && strcmp(f->field, name) == 0 && i-- == 0)
			return f;
	return NULL;
}

const char *
req_cookie(const struct req *rq, const char *name)
{
	return kvlist_get(&rq->cookies, name);
}

const char *
req_str(const struct req *rq, const char *name)
{
	return kvlist_get(&rq->params, name);
}

long long
req_int(const struct req *rq, const char *name, long long fallback)
{
	const char *s = kvlist_get(&rq->params, name);

	/* The router validated it already; strtoll cannot fail here. */
	return s ? strtoll(s, NULL, 10) : fallback;
}

int
req_has(const struct req *rq, const char *name)
{
	return kvlist_get(&rq->params, name) != NULL;
}

const char *
req_str_at(const struct req *rq, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < rq->params.n; i++)
		if (strcmp(rq->params.items[i].key, name) == 0 && n-- == 0)
			return rq->params.items[i].val;
	return NULL;
}

long long
req_path_id(const struct req *rq, const char *name)
{
	const char *s = kvlist_get(&rq->path_params, name);
	long long n = 0;

	if (s == NULL || *s < '1' || *s > '9')
		return -1;
	/* The router matched 1..18 digits: no overflow, but stay safe for a
	 * capture of another type read by mistake. */
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > (LLONG_MAX - 9) / 10)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

const char *
req_path_str(const struct req *rq, const char *name)
{
	return kvlist_get(&rq->path_params, name);
}
