/*
 * csv: comma-separated files as spreadsheets read and write them, through
 * Debian's libcsv (its parser and its quoting; this module adds the limits,
 * the line numbers and the spreadsheet conventions).
 *
 * Reading. A reader is fed bytes in pieces of any size (a file, a buffer, an
 * upload as it arrives) and calls a function for every record with its
 * fields as NUL-terminated strings and the line on which the record begins
 * (a quoted field may hold line breaks, so a record may span lines; a line
 * ends with LF, CRLF or a CR alone). A UTF-8
 * byte-order mark at the very start is skipped; blank lines are skipped.
 * Parsing is strict (a stray quote or an unterminated quoted field is an
 * error) and bounded: a field, a record, the fields of a record and the
 * records of a file each have a limit. A field that is not UTF-8 text or
 * holds a NUL byte is an error. The first error stops the reader: it says
 * which line and why, and no record after it is delivered.
 *
 * Writing. Fields are quoted only when they must be (a comma, a quote, a
 * line break, or white space at either end; quotes doubled, as libcsv's
 * csv_write does); records end with CRLF; with CSV_WRITE_BOM the output
 * begins with a UTF-8 byte-order mark, so spreadsheet programs read the text
 * as UTF-8. Text cells beginning with = + - @ (or a tab or CR) would be taken
 * for formulas by a spreadsheet: csv_write_text writes them with a leading
 * apostrophe, which spreadsheets show as text, and csv_cell_unguard takes it
 * off again when such a file comes back, so an exported file re-imports
 * unchanged. Numbers go through csv_write_int unguarded.
 */
#ifndef BAZAAR_CSV_H
#define BAZAAR_CSV_H
#include <stddef.h>

#include "buf.h"

struct csv_limits {
	size_t max_field;	/* bytes in one field */
	size_t max_record;	/* bytes in one record (its "line", quotes excluded) */
	size_t max_fields;	/* fields in one record */
	size_t max_records;	/* records in the input, the header included */
};

/* Generous limits for a vendor's file: 64 KiB a field, 256 KiB a record,
 * 64 fields, 10,000 records. */
extern const struct csv_limits csv_default_limits;

struct csv_record {
	const char *const *fields;	/* n NUL-terminated UTF-8 strings */
	const size_t *lens;		/* their lengths in bytes */
	size_t n;
	long line;			/* line on which the record begins (1-based) */
	long index;			/* 1 for the first record (a header, usually) */
};

/* Called for each record; returns 0 to go on, anything else to stop reading
 * (csv_read_* then return that value). The strings are valid only during
 * the call. */
typedef int (*csv_record_fn)(const struct csv_record *rec, void *arg);

/* Why reading stopped: the line and a sentence for the person who made the
 * file ("" while there is no error). */
struct csv_error {
	long line;
	char message[160];
};

struct csv_parser;

struct csv_reader {
	struct csv_parser *parser;
	struct csv_limits lim;
	csv_record_fn fn;
	void *arg;
	struct buf field;		/* the field being assembled */
	struct buf record;		/* the record's fields, each NUL-ended */
	size_t *offsets, *lens;		/* per field of the record */
	size_t nfields, cap;
	long line;			/* lines seen so far (line breaks + 1) */
	long start;			/* line of the record in progress, 0 when none */
	long records;
	size_t bom_seen;		/* bytes of the mark matched at the start */
	int after_cr;			/* the last piece ended with a CR */
	int stopped;			/* the function's nonzero answer */
	int failed;			/* err holds an error */
	struct csv_error err;
};

/* Starts a reader (lim NULL: csv_default_limits). Returns 0, -1 when out of
 * memory. Release it with csv_reader_free in every case. */
int csv_reader_init(struct csv_reader *r, const struct csv_limits *lim, csv_record_fn fn, void *arg);
/* Feeds len more bytes. Returns 0 to go on; -1 after an error (r->err says
 * what and where); the function's value when it stopped. */
int csv_reader_feed(struct csv_reader *r, const void *data, size_t len);
/* Ends the input: the last record (without a line break) is delivered, an
 * open quoted field is an error. Same returns as csv_reader_feed. */
int csv_reader_finish(struct csv_reader *r);
void csv_reader_free(struct csv_reader *r);

/* A whole buffer, or a whole open file read to its end: init, feed, finish,
 * free. *err (may be NULL) says why a -1. A file that cannot be read is -1
 * with "The file could not be read." */
int csv_read_buffer(const void *data, size_t len, const struct csv_limits *lim,
		    csv_record_fn fn, void *arg, struct csv_error *err);
int csv_read_fd(int fd, const struct csv_limits *lim, csv_record_fn fn, void *arg,
		struct csv_error *err);

/* The cell without the apostrophe csv_write_text put before a formula-like
 * value ("'=1+1" -> "=1+1"); any other value unchanged. */
const char *csv_cell_unguard(const char *cell);

#define CSV_WRITE_BOM 1u	/* begin with a UTF-8 byte-order mark */

struct csv_writer {
	struct buf *out;
	size_t col;		/* fields written in the current record */
};

/* Appends to out (which the caller owns). */
void csv_writer_init(struct csv_writer *w, struct buf *out, unsigned flags);
/* A text cell: quoted when needed, guarded when it looks like a formula;
 * NULL is an empty cell. */
void csv_write_text(struct csv_writer *w, const char *s);
/* A cell exactly as given, quoted when needed but never guarded (a value
 * the program formatted itself, such as "12.50"). */
void csv_write_plain(struct csv_writer *w, const char *s);
void csv_write_int(struct csv_writer *w, long long v);
/* Ends the record with CRLF. */
void csv_write_end(struct csv_writer *w);

#endif
