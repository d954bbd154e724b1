/*
 * csv: libcsv with limits, line numbers and the spreadsheet conventions
 * (csv.h). libcsv's own header has the same name as this module's: the
 * Makefile puts cgi/lib on the quoted include path only (-iquote), so
 * <csv.h> is Debian's and "csv.h" is ours.
 */
#include <csv.h>

#include "csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

const struct csv_limits csv_default_limits = {
	.max_field = 64 * 1024,
	.max_record = 256 * 1024,
	.max_fields = 64,
	.max_records = 10000,
};

/* Bytes handed to libcsv at a time: its field buffer grows by at most this
 * much past a limit before the reader notices. */
#define CSV_PIECE 4096

static const unsigned char csv_bom[3] = { 0xEF, 0xBB, 0xBF };

static void
csv_fail(struct csv_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
csv_fail(struct csv_reader *r, long line, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return;
	r->failed = 1;
	r->err.line = line;
	va_start(ap, fmt);
	vsnprintf(r->err.message, sizeof r->err.message, fmt, ap);
	va_end(ap);
}

/* No white space is trimmed from unquoted fields: a cell is what the
 * spreadsheet had. */
static int
csv_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
csv_reader_init(struct csv_reader *r, const struct csv_limits *lim, csv_record_fn fn, void *arg)
{
	memset(r, 0, sizeof *r);
	r->lim = lim ? *lim : csv_default_limits;
	r->fn = fn;
	r->arg = arg;
	r->line = 1;
	buf_init(&r->field);
	buf_init(&r->record);
	if ((r->parser = malloc(sizeof *r->parser)) == NULL)
		return -1;
	if (csv_init(r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(r->parser);
		r->parser = NULL;
		return -1;
	}
	csv_set_space_func(r->parser, csv_no_space);
	return 0;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r->parser) {
		csv_free(r->parser);
		free(r->parser);
		r->parser = NULL;
	}
	buf_free(&r->field);
	buf_free(&r->record);
	free(r->offsets);
	free(r->lens);
	r->offsets = r->lens = NULL;
}

/* The record's line: where it began, or the current line. */
static long
csv_record_line(const struct csv_reader *r)
{
	return r->start ? r->start : r->line;
}

/* libcsv's field callback: checks the field and keeps a copy. */
static void
csv_on_field(void *data, size_t len, void *arg)
{
	struct csv_reader *r = arg;
	const char *s = data ? data : "";
	size_t i, n;

	if (r->failed || r->stopped)
		return;
	if (r->start == 0)
		r->start = r->line;
	if (len > r->lim.max_field) {
		csv_fail(r, csv_record_line(r), "A field is longer than %zu bytes.", r->lim.max_field);
		return;
	}
	if (r->record.len + len + 1 > r->lim.max_record) {
		csv_fail(r, csv_record_line(r), "The line is longer than %zu bytes.", r->lim.max_record);
		return;
	}
	if (r->nfields >= r->lim.max_fields) {
		csv_fail(r, csv_record_line(r), "The line has more than %zu fields.", r->lim.max_fields);
		return;
	}
	for (i = 0; i < len; i += n) {
		if (s[i] == '\0' || (n = text_utf8_char(s + i, len - i, NULL)) == 0) {
			csv_fail(r, csv_record_line(r),
				 "The line is not UTF-8 text (save the file as \"CSV UTF-8\").");
			return;
		}
	}
	if (r->nfields == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		size_t *o = realloc(r->offsets, cap * sizeof *o);
		size_t *l;

		if (o == NULL) {
			csv_fail(r, csv_record_line(r), "Out of memory.");
			return;
		}
		r->offsets = o;
		if ((l = realloc(r->lens, cap * sizeof *l)) == NULL) {
			csv_fail(r, csv_record_line(r), "Out of memory.");
			return;
		}
		r->lens = l;
		r->cap = cap;
	}
	r->offsets[r->nfields] = r->record.len;
	r->lens[r->nfields] = len;
	r->nfields++;
	buf_add(&r->record, s, len);
	buf_addc(&r->record, '\0');
}

/* libcsv's end-of-record callback: delivers the record. */
static void
csv_on_record(int c, void *arg)
{
	struct csv_reader *r = arg;
	const char **fields = NULL;
	struct csv_record rec;
	size_t i;
	int rc;

	(void)c;
	if (r->failed || r->stopped)
		goto reset;
	if (++r->records > (long)r->lim.max_records) {
		csv_fail(r, csv_record_line(r), "The file has more than %zu lines.", r->lim.max_records);
		goto reset;
	}
	if ((fields = malloc((r->nfields + 1) * sizeof *fields)) == NULL) {
		csv_fail(r, csv_record_line(r), "Out of memory.");
		goto reset;
	}
	for (i = 0; i < r->nfields; i++)
		fields[i] = r->record.data + r->offsets[i];
	fields[i] = NULL;
	rec.fields = fields;
	rec.lens = r->lens;
	rec.n = r->nfields;
	rec.line = csv_record_line(r);
	rec.index = r->records;
	if ((rc = r->fn(&rec, r->arg)) != 0)
		r->stopped = rc;
reset:
	free(fields);
	buf_reset(&r->record);
	r->nfields = 0;
	r->start = 0;
}

/* The reader's answer after libcsv has had some input. */
static int
csv_status(const struct csv_reader *r)
{
	if (r->failed)
		return -1;
	return r->stopped;
}

/* Parses one piece that holds at most one line break (CR or LF), at its
 * end. */
static int
csv_parse_piece(struct csv_reader *r, const char *p, size_t n)
{
	if (csv_parse(r->parser, p, n, csv_on_field, csv_on_record, r) != n && !r->failed)
		csv_fail(r, csv_record_line(r), "A quote is misplaced, or a quoted field is not closed.");
	if (csv_status(r) != 0)
		return csv_status(r);
	/* A record that began in this piece and is still open (a quoted line
	 * break, or no line break yet) began on this line. */
	if (r->start == 0 && r->parser->pstate != 0)
		r->start = r->line;
	if (r->parser->entry_pos > r->lim.max_field) {
		csv_fail(r, csv_record_line(r), "A field is longer than %zu bytes.", r->lim.max_field);
		return -1;
	}
	if (r->record.len + r->parser->entry_pos > r->lim.max_record) {
		csv_fail(r, csv_record_line(r), "The line is longer than %zu bytes.", r->lim.max_record);
		return -1;
	}
	/* A line ends with LF, CRLF or a CR alone (old Mac files), counted once. */
	if (n > 0 && p[n - 1] == '\r') {
		r->line++;
		r->after_cr = 1;
	} else if (n > 0 && p[n - 1] == '\n') {
		if (!(r->after_cr && n == 1))
			r->line++;
		r->after_cr = 0;
	} else {
		r->after_cr = 0;
	}
	return 0;
}

/* The first CR or LF of the n bytes at p, or NULL. */
static const char *
csv_line_end(const char *p, size_t n)
{
	const char *lf = memchr(p, '\n', n), *cr = memchr(p, '\r', lf ? (size_t)(lf - p) : n);

	return cr ? cr : lf;
}

int
csv_reader_feed(struct csv_reader *r, const void *data, size_t len)
{
	const char *p = data, *end = p + len, *nl;
	size_t n;
	int rc;

	if ((rc = csv_status(r)) != 0)
		return rc;
	/* The byte-order mark, which may arrive split across pieces. */
	while (r->bom_seen < sizeof csv_bom && p < end) {
		if ((unsigned char)*p != csv_bom[r->bom_seen]) {
			/* Not a mark after all: what matched is data. */
			size_t seen = r->bom_seen;

			r->bom_seen = sizeof csv_bom;
			if (seen && (rc = csv_parse_piece(r, (const char *)csv_bom, seen)) != 0)
				return rc;
			break;
		}
		r->bom_seen++;
		p++;
	}
	while (p < end) {
		n = (size_t)(end - p) < CSV_PIECE ? (size_t)(end - p) : CSV_PIECE;
		if ((nl = csv_line_end(p, n)) != NULL)
			n = (size_t)(nl - p) + 1;
		if ((rc = csv_parse_piece(r, p, n)) != 0)
			return rc;
		p += n;
	}
	return 0;
}

int
csv_reader_finish(struct csv_reader *r)
{
	int rc;

	if ((rc = csv_status(r)) != 0)
		return rc;
	if (r->bom_seen && r->bom_seen < sizeof csv_bom) {
		size_t seen = r->bom_seen;

		r->bom_seen = sizeof csv_bom;
		if ((rc = csv_parse_piece(r, (const char *)csv_bom, seen)) != 0)
			return rc;
	}
	if (csv_fini(r->parser, csv_on_field, csv_on_record, r) != 0 && !r->failed)
		csv_fail(r, csv_record_line(r), "A quoted field is not closed.");
	return csv_status(r);
}

/* csv_reader_init for the whole-input readers: on failure the reader is
 * released and *err says so. */
static int
csv_read_start(struct csv_reader *r, const struct csv_limits *lim, csv_record_fn fn, void *arg,
	       struct csv_error *err)
{
	if (csv_reader_init(r, lim, fn, arg) == 0)
		return 0;
	csv_reader_free(r);
	if (err) {
		err->line = 0;
		snprintf(err->message, sizeof err->message, "Out of memory.");
	}
	return -1;
}

int
csv_read_buffer(const void *data, size_t len, const struct csv_limits *lim,
		csv_record_fn fn, void *arg, struct csv_error *err)
{
	struct csv_reader r;
	int rc;

	if (csv_read_start(&r, lim, fn, arg, err) != 0)
		return -1;
	if ((rc = csv_reader_feed(&r, data, len)) == 0)
		rc = csv_reader_finish(&r);
	if (rc == -1 && err)
		*err = r.err;
	csv_reader_free(&r);
	return rc;
}

int
csv_read_fd(int fd, const struct csv_limits *lim, csv_record_fn fn, void *arg,
	    struct csv_error *err)
{
	struct csv_reader r;
	char chunk[16384];
	ssize_t got;
	int rc;

	if (csv_read_start(&r, lim, fn, arg, err) != 0)
		return -1;
	rc = 0;
	for (;;) {
		got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			csv_fail(&r, 0, "The file could not be read.");
			rc = -1;
			break;
		}
		if (got == 0) {
			rc = csv_reader_finish(&r);
			break;
		}
		if ((rc = csv_reader_feed(&r, chunk, (size_t)got)) != 0)
			break;
	}
	if (rc == -1 && err)
		*err = r.err;
	csv_reader_free(&r);
	return rc;
}

/* Would a spreadsheet take a cell beginning with c for a formula? */
static int
csv_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

const char *
csv_cell_unguard(const char *cell)
{
	if (cell && cell[0] == '\'' && csv_formula_start(cell[1]))
		return cell + 1;
	return cell;
}

void
csv_writer_init(struct csv_writer *w, struct buf *out, unsigned flags)
{
	w->out = out;
	w->col = 0;
	if (flags & CSV_WRITE_BOM)
		buf_add(out, csv_bom, sizeof csv_bom);
}

/* A field is quoted when a reader could misread it bare. */
static int
csv_needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

/* Appends the n bytes at s as one quoted field (libcsv's csv_write: in
 * quotes, quotes doubled). */
static void
csv_add_quoted(struct buf *out, const char *s, size_t n)
{
	size_t need = csv_write(NULL, 0, s, n);
	char *q = malloc(need);

	if (q == NULL)
		abort();	/* as buf.c does: a worker that cannot allocate is of no use */
	csv_write(q, need, s, n);
	buf_add(out, q, need);
	free(q);
}

/* Writes one cell: s, with an apostrophe before it when guard is set. */
static void
csv_write_cell(struct csv_writer *w, const char *s, int guard)
{
	size_t n = s ? strlen(s) : 0;
	char *t;

	if (w->col++ > 0)
		buf_addc(w->out, ',');
	if (n == 0)
		return;
	if (!guard) {
		if (csv_needs_quotes(s, n))
			csv_add_quoted(w->out, s, n);
		else
			buf_add(w->out, s, n);
		return;
	}
	if ((t = malloc(n + 2)) == NULL)
		abort();
	t[0] = '\'';
	memcpy(t + 1, s, n + 1);
	if (csv_needs_quotes(t, n + 1))
		csv_add_quoted(w->out, t, n + 1);
	else
		buf_add(w->out, t, n + 1);
	free(t);
}

void
csv_write_text(struct csv_writer *w, const char *s)
{
	csv_write_cell(w, s, s && csv_formula_start(s[0]));
}

void
csv_write_plain(struct csv_writer *w, const char *s)
{
	csv_write_cell(w, s, 0);
}

void
csv_write_int(struct csv_writer *w, long long v)
{
	char n[32];

	snprintf(n, sizeof n, "%lld", v);
	csv_write_cell(w, n, 0);
}

void
csv_write_end(struct csv_writer *w)
{
	buf_add(w->out, "\r\n", 2);
	w->col = 0;
}
