/*
 * multipart: the streaming multipart/form-data parser (see multipart.h).
 *
 * The body is read as if it began with CRLF, so every delimiter, the first
 * included, is "\r\n--" boundary. The delimiter is searched for byte by
 * byte, carrying a partial match from one piece to the next: as the boundary
 * may not hold CR (its characters are checked), '\r' starts the delimiter
 * and appears nowhere else in it, so after a mismatch the only possible new
 * start is the mismatching byte itself being '\r'. Matched bytes that turn
 * out to be data are the delimiter's own prefix, so nothing of a previous
 * piece needs to be kept.
 */
#include "multipart.h"
#include "buf.h"
#include "cfg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* File data is written in pieces of this size (a byte-by-byte feed must not
 * mean a write per byte). */
#define MULTIPART_WRITE_CHUNK (64 * 1024)
/* Bytes of a part's Content-Type kept for information. */
#define MULTIPART_CTYPE_MAX 255

const struct multipart_limits multipart_default_limits = {
	.max_body = 20 * 1024 * 1024,
	.max_parts = 100,
	.max_fields = 64,
	.max_files = 16,
	.max_field = 64 * 1024,
	.max_file = 10 * 1024 * 1024,
	.max_header = 8 * 1024,
	.max_name = 64,
	.max_filename = 255,
};

enum multipart_state {
	MP_PREAMBLE,	/* before the first delimiter: ignored */
	MP_AFTER_DELIM,	/* just after a delimiter: "--", padding or CRLF */
	MP_CLOSE,	/* after "-" of the closing "--" */
	MP_PADDING,	/* spaces or tabs after a delimiter */
	MP_LF,		/* after the CR that ends a boundary line */
	MP_HEADERS,	/* a part's header block */
	MP_DATA,	/* a part's content */
	MP_EPILOGUE,	/* after the final boundary: ignored */
	MP_FAILED,
};

struct multipart {
	struct arena *arena;
	const struct multipart_limits *lim;
	const char *tmpdir;
	struct kvlist *fields;
	struct multipart_file **files;
	size_t nfiles, files_cap;

	char delim[4 + MULTIPART_BOUNDARY_MAX + 1];	/* "\r\n--" boundary */
	size_t dlen;
	size_t match;		/* bytes of delim matched so far */
	enum multipart_state state;
	enum multipart_code error;
	size_t total;		/* body bytes fed */
	size_t nparts, nfields, nfiles_counted;

	/* The part being read. */
	struct buf head;	/* its header block */
	const char *name;	/* field name */
	const char *filename;	/* NULL: a text field */
	const char *content_type;
	struct buf value;	/* a text field's value; a file's unwritten data */
	size_t size;		/* a file's bytes so far */
	struct multipart_file *file;	/* its temporary file, once opened */
	int fd;
};

/* ---- the Content-Type ------------------------------------------------------ */

static int
multipart_is_bchar(unsigned char c)
{
	/* RFC 2046 bchars: digits, letters and '()+_,-./:=? and space. */
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       strchr("'()+_,-./:=? ", c) != NULL;
}

static const char *
multipart_skip_ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int
multipart_is_form_data(const char *content_type)
{
	const char *s;

	if (content_type == NULL)
		return 0;
	s = multipart_skip_ows(content_type);
	if (strncasecmp(s, "multipart/form-data", 19) != 0)
		return 0;
	s = multipart_skip_ows(s + 19);
	return *s == '\0' || *s == ';';
}

enum multipart_code
multipart_boundary(const char *content_type, char *out)
{
	const char *s, *name, *val;
	size_t nlen, vlen, i;
	int quoted, found = 0;

	if (!multipart_is_form_data(content_type))
		return MULTIPART_E_CONTENT_TYPE;
	s = multipart_skip_ows(multipart_skip_ows(content_type) + 19);
	while (*s == ';') {
		s = multipart_skip_ows(s + 1);
		name = s;
		while (*s && *s != '=' && *s != ';' && *s != ' ' && *s != '\t')
			s++;
		nlen = (size_t)(s - name);
		s = multipart_skip_ows(s);
		if (*s != '=')
			return MULTIPART_E_CONTENT_TYPE;
		s = multipart_skip_ows(s + 1);
		quoted = *s == '"';
		if (quoted) {
			val = ++s;
			while (*s && *s != '"')
				s++;
			if (*s != '"')
				return MULTIPART_E_CONTENT_TYPE;
			vlen = (size_t)(s - val);
			s++;
		} else {
			val = s;
			while (*s && *s != ';' && *s != ' ' && *s != '\t')
				s++;
			vlen = (size_t)(s - val);
		}
		s = multipart_skip_ows(s);
		if (*s != '\0' && *s != ';')
			return MULTIPART_E_CONTENT_TYPE;
		if (nlen != 8 || strncasecmp(name, "boundary", 8) != 0)
			continue;
		if (found)
			return MULTIPART_E_BOUNDARY;	/* two boundaries: ambiguous */
		found = 1;
		if (vlen == 0 || vlen > MULTIPART_BOUNDARY_MAX || val[vlen - 1] == ' ')
			return MULTIPART_E_BOUNDARY;
		for (i = 0; i < vlen; i++)
			if (!multipart_is_bchar((unsigned char)val[i]))
				return MULTIPART_E_BOUNDARY;
		memcpy(out, val, vlen);
		out[vlen] = '\0';
	}
	if (*s != '\0')
		return MULTIPART_E_CONTENT_TYPE;
	return found ? MULTIPART_OK : MULTIPART_E_CONTENT_TYPE;
}

/* ---- the parser ------------------------------------------------------------ */

const char *
multipart_tmpdir(void)
{
	static char dir[4096];
	const char *t = cfg_str("BAZAAR_UPLOAD_TMP", NULL);

	if (t != NULL && *t != '\0')
		return t;
	snprintf(dir, sizeof dir, "%s/tmp", cfg_str("BAZAAR_VAR", "var/dev"));
	return dir;
}

struct multipart *
multipart_new(struct arena *a, const char *content_type, const struct multipart_limits *lim,
	      const char *tmpdir, struct kvlist *fields, enum multipart_code *code)
{
	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	struct multipart *p;

	if ((*code = multipart_boundary(content_type, boundary)) != MULTIPART_OK)
		return NULL;
	p = arena_alloc(a, sizeof *p);
	p->arena = a;
	p->lim = lim;
	p->tmpdir = arena_strdup(a, tmpdir);
	p->fields = fields;
	p->dlen = (size_t)snprintf(p->delim, sizeof p->delim, "\r\n--%s", boundary);
	/* The body reads as if it began with CRLF: the first delimiter may be
	 * its very first bytes. */
	p->match = 2;
	p->state = MP_PREAMBLE;
	p->fd = -1;
	buf_init(&p->head);
	buf_init(&p->value);
	return p;
}

static enum multipart_code
multipart_fail(struct multipart *p, enum multipart_code code)
{
	p->state = MP_FAILED;
	p->error = code;
	if (p->fd >= 0) {
		close(p->fd);
		p->fd = -1;
	}
	buf_free(&p->head);
	buf_free(&p->value);
	return code;
}

/* Writes the buffered file data out. */
static enum multipart_code
multipart_flush(struct multipart *p)
{
	size_t off = 0;
	ssize_t n;

	while (off < p->value.len) {
		n = write(p->fd, p->value.data + off, p->value.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return MULTIPART_E_STORAGE;
		off += (size_t)n;
	}
	buf_reset(&p->value);
	return MULTIPART_OK;
}

/* Makes the current part's temporary file; it is on the files list at once,
 * so cleanup finds it whatever happens next. */
static enum multipart_code
multipart_open_file(struct multipart *p)
{
	struct multipart_file *f, **grown;
	char *path;

	if (p->nfiles == p->files_cap) {
		p->files_cap = p->files_cap ? p->files_cap * 2 : 4;
		grown = arena_alloc(p->arena, p->files_cap * sizeof *grown);
		if (p->nfiles)
			memcpy(grown, p->files, p->nfiles * sizeof *grown);
		p->files = grown;
	}
	path = arena_printf(p->arena, "%s/upload-XXXXXX", p->tmpdir);
	/* mkstemp: O_CREAT | O_EXCL, mode 0600. */
	if ((p->fd = mkostemp(path, O_CLOEXEC)) < 0)
		return MULTIPART_E_STORAGE;
	f = arena_alloc(p->arena, sizeof *f);
	f->field = p->name;
	f->path = path;
	f->filename = p->filename;
	f->content_type = p->content_type ? p->content_type : "";
	p->files[p->nfiles++] = f;
	p->file = f;
	return MULTIPART_OK;
}

/* Data of the current part. */
static enum multipart_code
multipart_data(struct multipart *p, const char *data, size_t len)
{
	enum multipart_code rc;

	size_t room;

	/* Errors are found in the order of the bytes, so the outcome never
	 * depends on how the body was cut into pieces. */
	if (len == 0 || p->state == MP_PREAMBLE)
		return MULTIPART_OK;
	if (p->filename == NULL) {
		room = p->lim->max_field - p->value.len;
		if (memchr(data, '\0', len < room ? len : room) != NULL)
			return MULTIPART_E_NUL;
		if (len > room)
			return MULTIPART_E_FIELD_SIZE;
		buf_add(&p->value, data, len);
		return MULTIPART_OK;
	}
	if (p->file == NULL) {
		/* A file input left empty sends a part with filename="" and no
		 * data: only a part with data, or a name, is a file. */
		if (++p->nfiles_counted > p->lim->max_files)
			return MULTIPART_E_FILES;
		if ((rc = multipart_open_file(p)) != MULTIPART_OK)
			return rc;
	}
	if (len > p->lim->max_file - p->size)
		return MULTIPART_E_FILE_SIZE;
	p->size += len;
	p->file->size = p->size;
	buf_add(&p->value, data, len);
	if (p->value.len >= MULTIPART_WRITE_CHUNK)
		return multipart_flush(p);
	return MULTIPART_OK;
}

/* The current part has ended at a delimiter. */
static enum multipart_code
multipart_end_part(struct multipart *p)
{
	enum multipart_code rc;

	if (p->filename == NULL) {
		if (++p->nfields > p->lim->max_fields)
			return MULTIPART_E_FIELDS;
		kvlist_add(p->arena, p->fields, p->name,
			   arena_strndup(p->arena, p->value.data ? p->value.data : "", p->value.len),
			   p->value.len);
		buf_reset(&p->value);
		return MULTIPART_OK;
	}
	if (p->file == NULL && *p->filename != '\0') {
		/* A named but empty file: the handler says it is empty. */
		if (++p->nfiles_counted > p->lim->max_files)
			return MULTIPART_E_FILES;
		if ((rc = multipart_open_file(p)) != MULTIPART_OK)
			return rc;
	}
	if (p->file != NULL) {
		if ((rc = multipart_flush(p)) != MULTIPART_OK)
			return rc;
		if (close(p->fd) != 0) {
			p->fd = -1;
			return MULTIPART_E_STORAGE;
		}
		p->fd = -1;
	}
	p->file = NULL;
	buf_reset(&p->value);
	return MULTIPART_OK;
}

/* Text of a header value without control characters (tab allowed). */
static int
multipart_clean_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * Content-Disposition: form-data; name="..."; filename="...". Values are
 * tokens or quoted strings; inside quotes, browsers send '"' as %22 and
 * leave backslashes alone (a Windows path), so only \" and \\ are escapes.
 */
static enum multipart_code
multipart_disposition(struct multipart *p, const char *s, const char *end)
{
	const char *pname, *v;
	char *val;
	size_t pn, vn;
	int have_name = 0, have_filename = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if ((size_t)(end - s) < 9 || strncasecmp(s, "form-data", 9) != 0)
		return MULTIPART_E_DISPOSITION;
	s += 9;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s == end)
			break;
		if (*s != ';')
			return MULTIPART_E_HEADER;
		s++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		pname = s;
		while (s < end && *s != '=' && *s != ';' && *s != ' ' && *s != '\t')
			s++;
		pn = (size_t)(s - pname);
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (pn == 0 || s == end || *s != '=')
			return MULTIPART_E_HEADER;
		s++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		val = arena_alloc(p->arena, (size_t)(end - s) + 1);
		vn = 0;
		if (s < end && *s == '"') {
			for (s++; s < end && *s != '"'; s++) {
				if (*s == '\\' && s + 1 < end && (s[1] == '"' || s[1] == '\\'))
					s++;
				val[vn++] = *s;
			}
			if (s == end)
				return MULTIPART_E_HEADER;
			s++;
		} else {
			for (v = s; s < end && *s != ';' && *s != ' ' && *s != '\t'; s++)
				;
			vn = (size_t)(s - v);
			memcpy(val, v, vn);
		}
		val[vn] = '\0';
		if (pn == 4 && strncasecmp(pname, "name", 4) == 0) {
			if (have_name++)
				return MULTIPART_E_DISPOSITION;
			if (vn == 0)
				return MULTIPART_E_DISPOSITION;
			if (vn > p->lim->max_name || !multipart_clean_text(val, vn))
				return MULTIPART_E_NAME;
			p->name = val;
		} else if (pn == 8 && strncasecmp(pname, "filename", 8) == 0) {
			if (have_filename++)
				return MULTIPART_E_DISPOSITION;
			if (vn > p->lim->max_filename || !multipart_clean_text(val, vn))
				return MULTIPART_E_NAME;
			/* Display only: what follows the last separator. */
			if ((v = strrchr(val, '/')) != NULL)
				val = (char *)v + 1;
			if ((v = strrchr(val, '\\')) != NULL)
				val = (char *)v + 1;
			p->filename = val;
		}
		/* Other parameters (filename*, RFC 7578 4.2) are ignored. */
	}
	return have_name ? MULTIPART_OK : MULTIPART_E_DISPOSITION;
}

/* The header block of a part is complete (it ends with an empty line). */
static enum multipart_code
multipart_headers(struct multipart *p)
{
	const char *s = p->head.data, *end = s + p->head.len - 2, *eol, *colon, *v, *ve;
	enum multipart_code rc;
	size_t nlen;
	int have_disposition = 0, have_type = 0;

	p->name = NULL;
	p->filename = NULL;
	p->content_type = NULL;
	p->size = 0;
	p->file = NULL;
	while (s < end) {
		eol = memchr(s, '\r', (size_t)(end - s));
		/* The block ends in CRLF CRLF; each line in CRLF. */
		if (eol == NULL || eol + 1 >= end + 2 || eol[1] != '\n')
			return MULTIPART_E_HEADER;
		if (memchr(s, '\n', (size_t)(eol - s)) != NULL || memchr(s, '\0', (size_t)(eol - s)) != NULL)
			return MULTIPART_E_HEADER;
		if (*s == ' ' || *s == '\t')	/* folding: not in form-data */
			return MULTIPART_E_HEADER;
		if ((colon = memchr(s, ':', (size_t)(eol - s))) == NULL || colon == s)
			return MULTIPART_E_HEADER;
		nlen = (size_t)(colon - s);
		v = colon + 1;
		while (v < eol && (*v == ' ' || *v == '\t'))
			v++;
		ve = eol;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (nlen == 19 && strncasecmp(s, "content-disposition", 19) == 0) {
			if (have_disposition++)
				return MULTIPART_E_DISPOSITION;
			if ((rc = multipart_disposition(p, v, ve)) != MULTIPART_OK)
				return rc;
		} else if (nlen == 12 && strncasecmp(s, "content-type", 12) == 0) {
			if (have_type++)
				return MULTIPART_E_HEADER;
			if (!multipart_clean_text(v, (size_t)(ve - v)))
				return MULTIPART_E_HEADER;
			p->content_type = arena_strndup(p->arena, v,
							(size_t)(ve - v) > MULTIPART_CTYPE_MAX ?
							MULTIPART_CTYPE_MAX : (size_t)(ve - v));
		}
		/* Other headers (Content-Transfer-Encoding, deprecated by RFC
		 * 7578) are ignored. */
		s = eol + 2;
	}
	if (!have_disposition)
		return MULTIPART_E_DISPOSITION;
	return MULTIPART_OK;
}

/*
 * Looks for the delimiter in buf, passing the data before it to the part.
 * Returns the bytes consumed (up to and including the delimiter when
 * *found), or sets *rc on an error.
 */
static size_t
multipart_scan(struct multipart *p, const char *buf, size_t len, int *found,
	       enum multipart_code *rc)
{
	size_t i = 0, run = 0;
	const char *cr;

	*found = 0;
	*rc = MULTIPART_OK;
	while (i < len) {
		if (p->match == 0) {
			if ((cr = memchr(buf + i, '\r', len - i)) == NULL) {
				i = len;
				break;
			}
			i = (size_t)(cr - buf);
			if ((*rc = multipart_data(p, buf + run, i - run)) != MULTIPART_OK)
				return i;
			p->match = 1;
			i++;
			continue;
		}
		if (buf[i] == p->delim[p->match]) {
			i++;
			if (++p->match == p->dlen) {
				p->match = 0;
				*found = 1;
				return i;
			}
			continue;
		}
		/* The bytes matched were data after all. */
		if ((*rc = multipart_data(p, p->delim, p->match)) != MULTIPART_OK)
			return i;
		p->match = 0;
		if (buf[i] == '\r') {
			p->match = 1;
			i++;
		} else {
			run = i;
		}
	}
	if (p->match == 0)
		*rc = multipart_data(p, buf + run, len - run);
	return len;
}

static enum multipart_code multipart_parse(struct multipart *p, const char *buf, size_t len);

enum multipart_code
multipart_feed(struct multipart *p, const char *buf, size_t len)
{
	enum multipart_code rc;
	size_t room;

	if (p->state == MP_FAILED)
		return p->error;
	room = p->lim->max_body - p->total;
	if (len <= room) {
		p->total += len;
		return multipart_parse(p, buf, len);
	}
	/* What fits is parsed first: an error in it comes before the size. */
	p->total += room;
	if ((rc = multipart_parse(p, buf, room)) != MULTIPART_OK)
		return rc;
	return multipart_fail(p, MULTIPART_E_BODY_SIZE);
}

static enum multipart_code
multipart_parse(struct multipart *p, const char *buf, size_t len)
{
	enum multipart_code rc;
	size_t i = 0, n;
	const char *crlf;
	int found;
	char c;

	while (i < len) {
		switch (p->state) {
		case MP_PREAMBLE:
		case MP_DATA:
			n = multipart_scan(p, buf + i, len - i, &found, &rc);
			if (rc != MULTIPART_OK)
				return multipart_fail(p, rc);
			i += n;
			if (found) {
				if (p->state == MP_DATA && (rc = multipart_end_part(p)) != MULTIPART_OK)
					return multipart_fail(p, rc);
				p->state = MP_AFTER_DELIM;
			}
			break;
		case MP_AFTER_DELIM:
			c = buf[i++];
			if (c == '-')
				p->state = MP_CLOSE;
			else if (c == ' ' || c == '\t')
				p->state = MP_PADDING;
			else if (c == '\r')
				p->state = MP_LF;
			else
				return multipart_fail(p, MULTIPART_E_SYNTAX);
			break;
		case MP_CLOSE:
			if (buf[i++] != '-')
				return multipart_fail(p, MULTIPART_E_SYNTAX);
			p->state = MP_EPILOGUE;
			break;
		case MP_PADDING:
			c = buf[i++];
			if (c == '\r')
				p->state = MP_LF;
			else if (c != ' ' && c != '\t')
				return multipart_fail(p, MULTIPART_E_SYNTAX);
			break;
		case MP_LF:
			if (buf[i++] != '\n')
				return multipart_fail(p, MULTIPART_E_SYNTAX);
			if (++p->nparts > p->lim->max_parts)
				return multipart_fail(p, MULTIPART_E_PARTS);
			buf_reset(&p->head);
			p->state = MP_HEADERS;
			break;
		case MP_HEADERS:
			/* Up to the end of the next line, at most the limit. */
			crlf = memchr(buf + i, '\n', len - i);
			n = crlf ? (size_t)(crlf - (buf + i)) + 1 : len - i;
			if (p->head.len + n > p->lim->max_header)
				return multipart_fail(p, MULTIPART_E_HEADER_SIZE);
			buf_add(&p->head, buf + i, n);
			i += n;
			if (crlf == NULL)
				break;
			/* Every header line ends in CRLF, not LF alone. */
			if (p->head.len < 2 || p->head.data[p->head.len - 2] != '\r')
				return multipart_fail(p, MULTIPART_E_HEADER);
			/* A line has ended: the block ends with an empty line. */
			if (p->head.len == 2 && memcmp(p->head.data, "\r\n", 2) == 0)
				return multipart_fail(p, MULTIPART_E_DISPOSITION);	/* no headers */
			if (p->head.len >= 4 &&
			    memcmp(p->head.data + p->head.len - 4, "\r\n\r\n", 4) == 0) {
				if ((rc = multipart_headers(p)) != MULTIPART_OK)
					return multipart_fail(p, rc);
				p->state = MP_DATA;
			}
			break;
		case MP_EPILOGUE:
			i = len;
			break;
		case MP_FAILED:
			return p->error;
		}
	}
	return MULTIPART_OK;
}

enum multipart_code
multipart_finish(struct multipart *p)
{
	if (p->state == MP_FAILED)
		return p->error;
	if (p->state != MP_EPILOGUE)
		return multipart_fail(p, MULTIPART_E_TRUNCATED);
	buf_free(&p->head);
	buf_free(&p->value);
	return MULTIPART_OK;
}

void
multipart_cleanup(struct multipart *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->fd >= 0) {
		close(p->fd);
		p->fd = -1;
	}
	for (i = 0; i < p->nfiles; i++)
		unlink(p->files[i]->path);
	p->nfiles = 0;
	p->file = NULL;
	buf_free(&p->head);
	buf_free(&p->value);
	/* Nothing more can be fed once the files are gone. */
	if (p->state != MP_FAILED && p->state != MP_EPILOGUE) {
		p->state = MP_FAILED;
		p->error = MULTIPART_E_TRUNCATED;
	}
}

size_t
multipart_nfiles(const struct multipart *p)
{
	return p ? p->nfiles : 0;
}

struct multipart_file *
multipart_file_at(struct multipart *p, size_t i)
{
	return p && i < p->nfiles ? p->files[i] : NULL;
}

/* "10 MiB", "512 KiB", "100 bytes" */
static const char *
multipart_size(struct arena *a, size_t n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		return arena_printf(a, "%zu MiB", n / (1024 * 1024));
	if (n >= 1024 && n % 1024 == 0)
		return arena_printf(a, "%zu KiB", n / 1024);
	return arena_printf(a, "%zu bytes", n);
}

const char *
multipart_message(const struct multipart *p, enum multipart_code code)
{
	const struct multipart_limits *l = p ? p->lim : &multipart_default_limits;
	struct arena *a = p ? p->arena : NULL;

	switch (code) {
	case MULTIPART_OK:
		return NULL;
	case MULTIPART_E_CONTENT_TYPE:
		return "The form was sent without a multipart boundary.";
	case MULTIPART_E_BOUNDARY:
		return "The form's multipart boundary is empty, longer than 70 characters or has characters that are not allowed.";
	case MULTIPART_E_SYNTAX:
		return "The form data has a malformed boundary line.";
	case MULTIPART_E_HEADER:
		return "A part of the form data has a malformed header.";
	case MULTIPART_E_DISPOSITION:
		return "A part of the form data has no Content-Disposition form-data header with a field name.";
	case MULTIPART_E_NAME:
		return "A field or file name in the form data is too long or has control characters.";
	case MULTIPART_E_NUL:
		return "A field of the form has a NUL byte.";
	case MULTIPART_E_TRUNCATED:
		return "The form data ended before its final boundary (the upload was cut short).";
	case MULTIPART_E_STORAGE:
		return "The upload could not be stored; please try again.";
	default:
		break;
	}
	if (a == NULL) {
		switch (code) {
		case MULTIPART_E_BODY_SIZE: return "The upload is larger than allowed.";
		case MULTIPART_E_PARTS: return "The form has too many parts.";
		case MULTIPART_E_FIELDS: return "The form has too many fields.";
		case MULTIPART_E_FILES: return "The form has too many files.";
		case MULTIPART_E_FIELD_SIZE: return "A field of the form is too long.";
		case MULTIPART_E_FILE_SIZE: return "A file is larger than allowed.";
		default: return "A part of the form data has headers that are too long.";
		}
	}
	switch (code) {
	case MULTIPART_E_BODY_SIZE:
		return arena_printf(a, "The upload is larger than the %s a form may send.",
				    multipart_size(a, l->max_body));
	case MULTIPART_E_PARTS:
		return arena_printf(a, "The form has more than %zu parts.", l->max_parts);
	case MULTIPART_E_FIELDS:
		return arena_printf(a, "The form has more than %zu fields.", l->max_fields);
	case MULTIPART_E_FILES:
		return arena_printf(a, "The form has more than %zu files.", l->max_files);
	case MULTIPART_E_FIELD_SIZE:
		return arena_printf(a, "A field of the form is longer than %s.", multipart_size(a, l->max_field));
	case MULTIPART_E_FILE_SIZE:
		return arena_printf(a, "A file is larger than the %s allowed for one file.",
				    multipart_size(a, l->max_file));
	default:
		return arena_printf(a, "A part of the form data has more than %s of headers.",
				    multipart_size(a, l->max_header));
	}
}

const char *
multipart_part_name(const struct multipart *p)
{
	return p ? p->name : NULL;
}

int
multipart_http_status(enum multipart_code code)
{
	switch (code) {
	case MULTIPART_OK:
		return 0;
	case MULTIPART_E_BODY_SIZE:
	case MULTIPART_E_FILE_SIZE:
		return 413;
	case MULTIPART_E_STORAGE:
		return 500;
	default:
		return 400;
	}
}
