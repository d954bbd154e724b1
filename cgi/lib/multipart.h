/*
 * multipart: a streaming multipart/form-data parser (RFC 7578, RFC 2046).
 *
 * A push parser: the body is fed in pieces of any size (multipart_feed),
 * then multipart_finish says whether it ended properly. Text fields are
 * added to a kvlist (the request's form fields, so the route table's
 * declarations and validators apply to them exactly as to an urlencoded
 * form). File parts are streamed to temporary files made with mkstemp
 * (O_EXCL, mode 0600) in a directory of the configuration; a file is never
 * held whole in memory. multipart_cleanup removes every temporary file the
 * parser made, whatever happened; the request calls it when it ends.
 *
 * Strict by design: a part without a Content-Disposition "form-data" with a
 * name, a malformed boundary line, folded or overlong headers, a NUL in a
 * text field, a body that stops before the final boundary, and every limit
 * below is an error with its own code, and the parser stops at the first.
 * The client's Content-Type of a part and its file name are kept as
 * information only: the name never becomes a path, the type is never
 * trusted (the content decides, media.h).
 */
#ifndef BAZAAR_MULTIPART_H
#define BAZAAR_MULTIPART_H
#include <stddef.h>
#include "arena.h"
#include "req.h"

#define MULTIPART_BOUNDARY_MAX 70	/* RFC 2046 */

struct multipart_limits {
	size_t max_body;	/* bytes of the whole body */
	size_t max_parts;	/* parts of any kind */
	size_t max_fields;	/* text fields */
	size_t max_files;	/* file parts (a file input left empty is not one) */
	size_t max_field;	/* bytes of one text field's value */
	size_t max_file;	/* bytes of one file */
	size_t max_header;	/* bytes of one part's header block */
	size_t max_name;	/* bytes of a field's name */
	size_t max_filename;	/* bytes of a file's client-side name */
};

/* The limits of a route flagged R_UPLOAD (route.h) when its program sets
 * none of its own (struct app's upload_limits): 20 MiB a request, 10 MiB a
 * file, 16 files, 100 parts, text fields as an urlencoded form's (64 KiB,
 * 64 of them), 8 KiB of headers a part. */
extern const struct multipart_limits multipart_default_limits;

enum multipart_code {
	MULTIPART_OK = 0,
	MULTIPART_E_CONTENT_TYPE,	/* not multipart/form-data, or no boundary */
	MULTIPART_E_BOUNDARY,		/* boundary empty, too long or with bad characters */
	MULTIPART_E_SYNTAX,		/* a boundary line is malformed */
	MULTIPART_E_HEADER,		/* a part's header is malformed or folded */
	MULTIPART_E_DISPOSITION,	/* no Content-Disposition form-data with a name */
	MULTIPART_E_NAME,		/* a field or file name too long or with control characters */
	MULTIPART_E_NUL,		/* a text field holds a NUL byte */
	MULTIPART_E_TRUNCATED,		/* the body ends before the final boundary */
	MULTIPART_E_BODY_SIZE,		/* max_body */
	MULTIPART_E_PARTS,		/* max_parts */
	MULTIPART_E_FIELDS,		/* max_fields */
	MULTIPART_E_FILES,		/* max_files */
	MULTIPART_E_FIELD_SIZE,		/* max_field */
	MULTIPART_E_FILE_SIZE,		/* max_file */
	MULTIPART_E_HEADER_SIZE,	/* max_header */
	MULTIPART_E_STORAGE,		/* a temporary file could not be made or written */
};

/* One file received. Every pointer lives in the parser's arena. */
struct multipart_file {
	const char *field;		/* the form field's name */
	const char *path;		/* the temporary file; removed by multipart_cleanup */
	const char *filename;		/* the client's name without any directory, for
					 * display only: never a path to use */
	const char *content_type;	/* what the client said ("" if nothing): never trusted */
	size_t size;			/* bytes */
	int declared;			/* the route declares the field (PARAM_FILE) */
};

struct multipart;

/*
 * Reads the boundary of a Content-Type header "multipart/form-data;
 * boundary=..." (quoted or not) into out (MULTIPART_BOUNDARY_MAX + 1
 * bytes). Returns MULTIPART_OK, MULTIPART_E_CONTENT_TYPE or
 * MULTIPART_E_BOUNDARY.
 */
enum multipart_code multipart_boundary(const char *content_type, char *out);
/* True when the media type of content_type is multipart/form-data. */
int multipart_is_form_data(const char *content_type);

/*
 * A parser for one body, in arena a (which must outlive it). Text fields go
 * to fields; files to tmpdir. Returns NULL with *code set when the
 * Content-Type is not acceptable.
 */
struct multipart *multipart_new(struct arena *a, const char *content_type,
				const struct multipart_limits *lim, const char *tmpdir,
				struct kvlist *fields, enum multipart_code *code);
/* Feeds the next len bytes. Returns MULTIPART_OK or the first error; once an
 * error is returned every later call returns it again. */
enum multipart_code multipart_feed(struct multipart *p, const char *buf, size_t len);
/* The field name of the part being read when the parser failed (a file
 * larger than max_file names its field), or NULL. */
const char *multipart_part_name(const struct multipart *p);
/* The body has ended: MULTIPART_OK when the final boundary was seen. */
enum multipart_code multipart_finish(struct multipart *p);
/* Closes and removes every temporary file; the files list becomes empty.
 * Safe to call more than once, and with NULL. */
void multipart_cleanup(struct multipart *p);

/* The files received so far, in order (declared or not). */
size_t multipart_nfiles(const struct multipart *p);
struct multipart_file *multipart_file_at(struct multipart *p, size_t i);

/* The sentence for an error, naming the limit and its value (allocated in
 * the parser's arena), and the status to answer with: 413 for a size
 * limit, 500 for MULTIPART_E_STORAGE, else 400. */
const char *multipart_message(const struct multipart *p, enum multipart_code code);
int multipart_http_status(enum multipart_code code);

/* Where uploads are stored while their request runs: BAZAAR_UPLOAD_TMP, else
 * BAZAAR_VAR/tmp (var/dev/tmp). */
const char *multipart_tmpdir(void);

#endif
