/*
 * sqlcheck: checks every statement given to the db module, on the sources as
 * the compiler sees them (cc -E output, line markers kept, so a macro of
 * literals is a literal here and every message names the original file).
 *
 *   sqlcheck [-o DIR] FILE.i...
 *
 * The entry points are read from db.h itself: every variadic function
 * declared there with parameters named "sql" and "types". For each call:
 *  - the SQL text is a string literal, an element of a constant table of
 *    literals (static const char ...[] = { "...", ... }), a struct member
 *    (x->m, x.m) whose every value in every file is one of those (rows of a
 *    constant struct table, ".m = ..." and "->m = ..."; members are told apart
 *    by name only, the db module's own excepted), or a parameter of the
 *    calling function passed through (a wrapper such as crypt_seal_store);
 *    the callers of a wrapper are then held to the same rule, across files;
 *  - the bind types are a string literal of the letters db.h describes;
 *  - the number of '?' placeholders (outside quotes) equals the number of
 *    letters, for every statement the call can run (every element of a
 *    table, every caller of a wrapper);
 *  - the number of bind arguments matches the letters ('b' takes two).
 * With -o, each file that calls the db module is written again into DIR with
 * every bind argument wrapped in a _Generic selection that only accepts the
 * type its letter reads (long long for 'i', unsigned long long for 'u', a
 * char pointer for 's', size_t for a blob's length): compiling those files
 * with -fsyntax-only makes the compiler report an argument of the wrong
 * width at its original line.
 * Prints one "file:line: message" per problem; exits 1 if there was any.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok_kind { T_IDENT, T_STRING, T_CHAR, T_NUMBER, T_PUNCT };

struct tok {
	enum tok_kind kind;
	size_t start, end;	/* byte offsets in the unit's text */
	const char *file;	/* original file, from the line markers */
	int line;
};

struct table {			/* a constant of literals: NAME = "..." or { "...", ... } */
	size_t name;		/* token index of its name */
	size_t *elems;		/* first token of each element (adjacent literals) */
	size_t nelems;
};

struct unit {
	const char *path;
	char *text;
	size_t len;
	struct tok *toks;
	size_t ntoks;
	struct table *tables;
	size_t ntables;
};

struct entry {			/* a function that takes SQL: db's own or a wrapper */
	char *name;
	int sql_arg, types_arg;	/* argument positions; types_arg -1 for a wrapper */
	int binds;		/* wrapper: placeholders its statement must have */
	int conflict;		/* wrapper: its callers' statements cannot be checked */
	const char *file;	/* where a wrapper passes its parameter on */
	int line;
};

struct member {			/* a value given to a struct member: ".name = value", "->name = value" or a row */
	struct unit *u;
	size_t name;		/* token of the member's name */
	size_t first, last;	/* the value */
};

struct insert {
	size_t at;
	char *text;
};

static struct unit *units;
static size_t nunits;
static struct member *members;
static size_t nmembers;
static struct entry *entries;
static size_t nentries;
static int problems;

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL) {
		perror("sqlcheck");
		exit(2);
	}
	return p;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *d = xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void
sqlcheck_report(const struct tok *t, const char *fmt, ...)
{
	va_list ap;

	printf("%s:%d: ", t->file, t->line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	problems++;
}

/* File names from line markers, kept once each. */
static const char *
sqlcheck_intern(const char *s, size_t n)
{
	static char **names;
	static size_t nnames;
	size_t i;

	for (i = 0; i < nnames; i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return names[i];
	names = xrealloc(names, (nnames + 1) * sizeof *names);
	return names[nnames++] = xstrndup(s, n);
}

static size_t
sqlcheck_skip_quoted(const char *s, size_t len, size_t i)
{
	char q = s[i++];

	while (i < len && s[i] != q && s[i] != '\n') {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		i++;
	}
	return i < len ? i + 1 : i;
}

static void
sqlcheck_tokenize(struct unit *u)
{
	const char *s = u->text, *file = u->path;
	size_t i = 0, cap = 0, len = u->len;
	int line = 1, bol = 1;

	while (i < len) {
		struct tok t;
		char c = s[i];

		if (c == '\n') {
			line++;
			bol = 1;
			i++;
			continue;
		}
		if (isspace((unsigned char)c)) {
			i++;
			continue;
		}
		if (c == '#' && bol) {
			/* "# 12 "file" flags" sets the next line's number; #pragma is skipped. */
			size_t j = i + 1;

			while (j < len && s[j] == ' ')
				j++;
			if (j < len && isdigit((unsigned char)s[j])) {
				int n = atoi(s + j);

				while (j < len && s[j] != '"' && s[j] != '\n')
					j++;
				if (j < len && s[j] == '"') {
					size_t e = sqlcheck_skip_quoted(s, len, j);

					file = sqlcheck_intern(s + j + 1, e - j - 2);
				}
				line = n - 1;
			}
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		bol = 0;
		t.start = i;
		t.file = file;
		t.line = line;
		if (isalpha((unsigned char)c) || c == '_') {
			while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_'))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'') &&
			    (i - t.start == 1 || (i - t.start == 2 && s[t.start] == 'u'))) {
				t.kind = s[i] == '"' ? T_STRING : T_CHAR;
				i = sqlcheck_skip_quoted(s, len, i);
			} else {
				t.kind = T_IDENT;
			}
		} else if (isdigit((unsigned char)c) ||
			   (c == '.' && i + 1 < len && isdigit((unsigned char)s[i + 1]))) {
			t.kind = T_NUMBER;
			while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' ||
					   ((s[i] == '+' || s[i] == '-') && strchr("eEpP", s[i - 1]))))
				i++;
		} else if (c == '"' || c == '\'') {
			t.kind = c == '"' ? T_STRING : T_CHAR;
			i = sqlcheck_skip_quoted(s, len, i);
		} else {
			t.kind = T_PUNCT;
			if (c == '.' && i + 2 < len && s[i + 1] == '.' && s[i + 2] == '.')
				i += 3;
			else if (c == '-' && i + 1 < len && s[i + 1] == '>')
				i += 2;
			else
				i++;
		}
		t.end = i;
		if (u->ntoks == cap) {
			cap = cap ? cap * 2 : 4096;
			u->toks = xrealloc(u->toks, cap * sizeof *u->toks);
		}
		u->toks[u->ntoks++] = t;
	}
}

static int
tok_is(const struct unit *u, size_t k, const char *text)
{
	const struct tok *t;

	if (k >= u->ntoks)
		return 0;
	t = &u->toks[k];
	return t->end - t->start == strlen(text) && memcmp(u->text + t->start, text, t->end - t->start) == 0;
}

static int
tok_eq(const struct unit *u, size_t k, const struct unit *v, size_t m)
{
	const struct tok *a = &u->toks[k], *b = &v->toks[m];

	return a->end - a->start == b->end - b->start &&
	       memcmp(u->text + a->start, v->text + b->start, a->end - a->start) == 0;
}

static char *
tok_text(const struct unit *u, size_t k)
{
	return xstrndup(u->text + u->toks[k].start, u->toks[k].end - u->toks[k].start);
}

/* The index of the token that closes the bracket at k, or ntoks. */
static size_t
sqlcheck_match(const struct unit *u, size_t k)
{
	int depth = 0;

	for (; k < u->ntoks; k++) {
		if (tok_is(u, k, "(") || tok_is(u, k, "[") || tok_is(u, k, "{"))
			depth++;
		else if ((tok_is(u, k, ")") || tok_is(u, k, "]") || tok_is(u, k, "}")) && --depth == 0)
			return k;
	}
	return u->ntoks;
}

/* Splits the arguments of the call whose "(" is at k: first and last token of each. */
static size_t
sqlcheck_args(const struct unit *u, size_t k, size_t *first, size_t *last, size_t max, size_t *close)
{
	size_t n = 0, from = k + 1;
	int depth = 0;

	for (k = k + 1; k < u->ntoks; k++) {
		int end = 0;

		if (tok_is(u, k, "(") || tok_is(u, k, "[") || tok_is(u, k, "{"))
			depth++;
		else if (tok_is(u, k, ")") || tok_is(u, k, "]") || tok_is(u, k, "}"))
			end = depth-- == 0;
		if (end || (depth == 0 && tok_is(u, k, ","))) {
			if (k > from && n < max) {
				first[n] = from;
				last[n] = k - 1;
				n++;
			}
			from = k + 1;
			if (end)
				break;
		}
	}
	*close = k;
	return n;
}

/* Decodes the C string literals first..last into the text of the SQL. */
static char *
sqlcheck_string(const struct unit *u, size_t first, size_t last)
{
	size_t k, cap = 64, n = 0;
	char *out = xrealloc(NULL, cap);

	for (k = first; k <= last; k++) {
		const char *s = u->text + u->toks[k].start, *e = u->text + u->toks[k].end - 1;

		while (*s != '"')
			s++;
		for (s++; s < e; s++) {
			char c = *s;

			if (c == '\\' && s + 1 < e) {
				c = *++s;
				if (c == 'n')
					c = '\n';
				else if (c == 't')
					c = '\t';
			}
			if (n + 2 > cap)
				out = xrealloc(out, cap *= 2);
			out[n++] = c;
		}
	}
	out[n] = '\0';
	return out;
}

/* Placeholders outside quoted SQL strings and identifiers. */
static int
sqlcheck_placeholders(const char *sql)
{
	int n = 0;
	char quote = 0;

	for (; *sql; sql++) {
		if (quote) {
			if (*sql == '\\' && sql[1])
				sql++;
			else if (*sql == quote)
				quote = 0;
		} else if (*sql == '\'' || *sql == '"' || *sql == '`') {
			quote = *sql;
		} else if (*sql == '?') {
			n++;
		}
	}
	return n;
}

static int
sqlcheck_all_strings(const struct unit *u, size_t first, size_t last)
{
	size_t k;

	for (k = first; k <= last; k++)
		if (u->toks[k].kind != T_STRING)
			return 0;
	return 1;
}

/* The names of the members of "struct tag { ... }" (first token after "struct"), in order. */
static size_t
sqlcheck_members(const struct unit *u, size_t tag, size_t *names, size_t max)
{
	size_t k, close, n = 0, last = 0;

	for (k = 0; k + 2 < u->ntoks; k++) {
		if (!tok_is(u, k, "struct") || !tok_eq(u, k + 1, u, tag) || !tok_is(u, k + 2, "{"))
			continue;
		close = sqlcheck_match(u, k + 2);
		for (k += 3; k < close; k++) {
			if (tok_is(u, k, "[") || tok_is(u, k, "("))
				k = sqlcheck_match(u, k);
			else if (u->toks[k].kind == T_IDENT)
				last = k;
			else if ((tok_is(u, k, ";") || tok_is(u, k, ",")) && last && n < max)
				names[n++] = last;
		}
		break;
	}
	return n;
}

/* Whether t is in the db module itself, which passes its parameters around. */
static int
sqlcheck_in_db(const struct tok *t)
{
	size_t fl = strlen(t->file);

	return fl >= 12 && strcmp(t->file + fl - 12, "cgi/lib/db.c") == 0;
}

static void
sqlcheck_member_add(struct unit *u, size_t name, size_t first, size_t last)
{
	members = xrealloc(members, (nmembers + 1) * sizeof *members);
	members[nmembers].u = u;
	members[nmembers].name = name;
	members[nmembers].first = first;
	members[nmembers].last = last;
	nmembers++;
}

/*
 * "static const struct tag NAME[] = { { "...", ... }, ... };": the value
 * each row gives each member by position (designated ones are found by
 * sqlcheck_find_members).
 */
static void
sqlcheck_struct_table(struct unit *u, size_t tag, size_t open, int array)
{
	size_t names[64], nnames = sqlcheck_members(u, tag, names, 64), close = sqlcheck_match(u, open), row;

	if (nnames == 0)
		return;
	/* An array has a row in braces per element; a single struct is one row. */
	for (row = array ? open + 1 : open; row < close; row++) {
		size_t first[64], last[64], end, n, a;

		if (!tok_is(u, row, "{"))
			continue;
		n = sqlcheck_args(u, row, first, last, 64, &end);
		for (a = 0; a < n && a < nnames; a++)
			if (!tok_is(u, first[a], "."))
				sqlcheck_member_add(u, names[a], first[a], last[a]);
		row = end;
	}
}

/* Every ".name = value" and "->name = value", in initializers and assignments. */
static void
sqlcheck_find_members(struct unit *u)
{
	size_t k, e;

	for (k = 0; k + 3 < u->ntoks; k++) {
		int depth = 0;

		if (!(tok_is(u, k, ".") || tok_is(u, k, "->")) || u->toks[k + 1].kind != T_IDENT ||
		    !tok_is(u, k + 2, "=") || tok_is(u, k + 3, "="))
			continue;
		for (e = k + 3; e < u->ntoks; e++) {
			if (tok_is(u, e, "(") || tok_is(u, e, "[") || tok_is(u, e, "{"))
				depth++;
			else if ((tok_is(u, e, ")") || tok_is(u, e, "]") || tok_is(u, e, "}")) && depth-- == 0)
				break;
			else if (depth == 0 && (tok_is(u, e, ",") || tok_is(u, e, ";")))
				break;
		}
		/* The db module keeps the statements it was given. */
		if (e > k + 3 && !sqlcheck_in_db(&u->toks[k]))
			sqlcheck_member_add(u, k + 1, k + 3, e - 1);
	}
}

/* Constant tables: "static ... char NAME[...]... = literals or { literals }". */
static void
sqlcheck_find_tables(struct unit *u)
{
	size_t k;

	for (k = 0; k < u->ntoks; k++) {
		size_t j, name = 0, end, e;
		int has_char = 0, ok = 1, array = 0;
		struct table t;

		if (!tok_is(u, k, "static"))
			continue;
		for (j = k + 1; j < u->ntoks && !tok_is(u, j, "=") && !tok_is(u, j, ";") &&
		     !tok_is(u, j, "(") && !tok_is(u, j, "{"); j++) {
			if (tok_is(u, j, "char"))
				has_char = 1;
			if (tok_is(u, j, "[")) {
				j = sqlcheck_match(u, j);
				array = 1;
			}
			else if (u->toks[j].kind == T_IDENT)
				name = j;
		}
		if (!has_char && tok_is(u, j, "=") && tok_is(u, k + 1, "const") && tok_is(u, k + 2, "struct") &&
		    tok_is(u, j + 1, "{"))
			sqlcheck_struct_table(u, k + 3, j + 1, array);
		if (!has_char || !tok_is(u, j, "=") || name == 0)
			continue;
		for (end = j + 1; end < u->ntoks && !tok_is(u, end, ";"); end++)
			if (!(u->toks[end].kind == T_STRING || tok_is(u, end, "{") || tok_is(u, end, "}") ||
			      tok_is(u, end, ",")))
				ok = 0;
		if (!ok || end == j + 1)
			continue;
		t.name = name;
		t.elems = NULL;
		t.nelems = 0;
		for (e = j + 1; e < end; e++)
			if (u->toks[e].kind == T_STRING && u->toks[e - 1].kind != T_STRING) {
				t.elems = xrealloc(t.elems, (t.nelems + 1) * sizeof *t.elems);
				t.elems[t.nelems++] = e;
			}
		u->tables = xrealloc(u->tables, (u->ntables + 1) * sizeof *u->tables);
		u->tables[u->ntables++] = t;
		k = end;
	}
}

static struct entry *
sqlcheck_entry(const struct unit *u, size_t k)
{
	size_t i, n = u->toks[k].end - u->toks[k].start;

	if (u->toks[k].kind != T_IDENT)
		return NULL;
	for (i = 0; i < nentries; i++)
		if (strlen(entries[i].name) == n && memcmp(entries[i].name, u->text + u->toks[k].start, n) == 0)
			return &entries[i];
	return NULL;
}

/* The db module's entry points: variadic prototypes in db.h with "sql" and "types". */
static void
sqlcheck_find_entries(const struct unit *u)
{
	size_t k, first[32], last[32], close, n, a;

	for (k = 0; k + 1 < u->ntoks; k++) {
		const char *f = u->toks[k].file;
		size_t fl = strlen(f);
		int sql = -1, types = -1, variadic = 0;
		struct entry e;

		if (u->toks[k].kind != T_IDENT || !tok_is(u, k + 1, "(") || fl < 4 ||
		    strcmp(f + fl - 4, "db.h") != 0 || (fl > 4 && f[fl - 5] != '/') || sqlcheck_entry(u, k))
			continue;
		n = sqlcheck_args(u, k + 1, first, last, 32, &close);
		if (!tok_is(u, close + 1, ";"))
			continue;
		for (a = 0; a < n; a++) {
			if (tok_is(u, last[a], "sql"))
				sql = (int)a;
			else if (tok_is(u, last[a], "types"))
				types = (int)a;
			else if (tok_is(u, last[a], "..."))
				variadic = 1;
		}
		if (sql < 0 || types != sql + 1 || !variadic)
			continue;
		e.name = tok_text(u, k);
		e.sql_arg = sql;
		e.types_arg = types;
		e.binds = -1;
		e.conflict = 0;
		e.file = NULL;
		e.line = 0;
		entries = xrealloc(entries, (nentries + 1) * sizeof *entries);
		entries[nentries++] = e;
	}
}

enum sql_form { F_TEXTS, F_PARAM, F_OTHER };

struct form {
	enum sql_form kind;
	int param;		/* F_PARAM: its position */
	char **texts;		/* F_TEXTS: every statement the argument can be */
	size_t ntexts;
};

static void
form_add(struct form *f, char *text)
{
	f->texts = xrealloc(f->texts, (f->ntexts + 1) * sizeof *f->texts);
	f->texts[f->ntexts++] = text;
}

/*
 * What the SQL argument first..last is: literals, an element of a constant
 * table, a parameter of the function (params: the first and last token of
 * each), a choice between those (c ? x : y), or anything else.
 */
static void
sqlcheck_form(const struct unit *u, size_t first, size_t last, const size_t *pfirst, const size_t *plast,
	      size_t nparams, struct form *f)
{
	size_t k, i;
	int depth = 0;

	if (first > last) {
		f->kind = F_OTHER;
		return;
	}
	if (tok_is(u, first, "(") && sqlcheck_match(u, first) == last) {
		sqlcheck_form(u, first + 1, last - 1, pfirst, plast, nparams, f);
		return;
	}
	if (sqlcheck_all_strings(u, first, last)) {
		form_add(f, sqlcheck_string(u, first, last));
		return;
	}
	/* c ? x : y */
	for (k = first; k <= last; k++) {
		if (tok_is(u, k, "(") || tok_is(u, k, "[") || tok_is(u, k, "{"))
			depth++;
		else if (tok_is(u, k, ")") || tok_is(u, k, "]") || tok_is(u, k, "}"))
			depth--;
		else if (depth == 0 && tok_is(u, k, "?")) {
			size_t q = k, colon;
			int nest = 0;

			for (colon = q + 1; colon <= last; colon++) {
				if (tok_is(u, colon, "(") || tok_is(u, colon, "[") || tok_is(u, colon, "{"))
					depth++;
				else if (tok_is(u, colon, ")") || tok_is(u, colon, "]") || tok_is(u, colon, "}"))
					depth--;
				else if (depth == 0 && tok_is(u, colon, "?"))
					nest++;
				else if (depth == 0 && tok_is(u, colon, ":") && nest-- == 0)
					break;
			}
			if (colon > last)
				break;
			sqlcheck_form(u, q + 1, colon - 1, pfirst, plast, nparams, f);
			if (f->kind == F_TEXTS)
				sqlcheck_form(u, colon + 1, last, pfirst, plast, nparams, f);
			return;
		}
	}
	if (u->toks[first].kind == T_IDENT) {
		/* NAME or NAME[i]...: a constant table of this file. */
		for (k = first + 1; k <= last && tok_is(u, k, "["); k = sqlcheck_match(u, k) + 1)
			;
		if (k == last + 1) {
			for (i = u->ntables; i-- > 0;) {
				const struct table *t = &u->tables[i];
				size_t e;

				if (!tok_eq(u, t->name, u, first))
					continue;
				for (e = 0; e < t->nelems; e++) {
					size_t end = t->elems[e];

					while (end + 1 < u->ntoks && u->toks[end + 1].kind == T_STRING)
						end++;
					form_add(f, sqlcheck_string(u, t->elems[e], end));
				}
				return;
			}
		}
		/* ...->member or ....member: every value any file gives that member. */
		if (last > first && (tok_is(u, last - 1, "->") || tok_is(u, last - 1, ".")) &&
		    u->toks[last].kind == T_IDENT) {
			static int nesting;
			int found = 0;

			for (i = 0; i < nmembers && nesting < 4; i++) {
				const struct member *m = &members[i];
				size_t t;

				if (!tok_eq(u, last, m->u, m->name))
					continue;
				/* NULL or 0: no statement. */
				for (t = m->first; t <= m->last; t++)
					if (!(tok_is(m->u, t, "(") || tok_is(m->u, t, ")") || tok_is(m->u, t, "void") ||
					      tok_is(m->u, t, "*") || tok_is(m->u, t, "0")))
						break;
				if (t > m->last)
					continue;
				found = 1;
				nesting++;
				sqlcheck_form(m->u, m->first, m->last, NULL, NULL, 0, f);
				nesting--;
				if (f->kind != F_TEXTS) {
					f->kind = F_OTHER;
					return;
				}
			}
			if (found)
				return;
		}
		if (first == last)
			for (i = 0; i < nparams; i++)
				if (tok_eq(u, plast[i], u, first) && plast[i] >= pfirst[i]) {
					f->kind = F_PARAM;
					f->param = (int)i;
					return;
				}
	}
	f->kind = F_OTHER;
}

static void
form_free(struct form *f)
{
	size_t i;

	for (i = 0; i < f->ntexts; i++)
		free(f->texts[i]);
	free(f->texts);
}

static int
sqlcheck_insert_cmp(const void *a, const void *b)
{
	const struct insert *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/* The argument's tokens on one line (without the line markers a macro may
 * have left inside it), so the copy keeps the file's line numbers. */
static char *
sqlcheck_flat(const struct unit *u, size_t first, size_t last)
{
	size_t k, n = 0;
	char *s;

	for (k = first; k <= last; k++)
		n += u->toks[k].end - u->toks[k].start + 1;
	s = xrealloc(NULL, n + 1);
	for (n = 0, k = first; k <= last; k++) {
		/* A space only where the source had one: "! =" is not "!=". */
		if (k > first && u->toks[k].start > u->toks[k - 1].end)
			s[n++] = ' ';
		memcpy(s + n, u->text + u->toks[k].start, u->toks[k].end - u->toks[k].start);
		n += u->toks[k].end - u->toks[k].start;
	}
	s[n] = '\0';
	return s;
}

/*
 * One pass over a unit. register_only: find wrappers (returns how many were
 * new); otherwise check every call and, with outdir, write the typed copy.
 */
static int
sqlcheck_unit(struct unit *u, int register_only, const char *outdir)
{
	size_t k, fn_open = 0, fn_close = 0, pfirst[32], plast[32], nparams = 0;
	struct insert *ins = NULL;
	size_t nins = 0;
	int depth = 0, added = 0;

	for (k = 0; k < u->ntoks; k++) {
		struct entry *e;
		size_t first[64], last[64], close, n;
		const struct tok *t = &u->toks[k];
		const char *letters = NULL;
		char *types = NULL;
		struct form f = { F_TEXTS, -1, NULL, 0 };

		if (tok_is(u, k, "{")) {
			/* A function body: "name ( params ) {" at file scope. */
			if (depth == 0 && k > 0 && tok_is(u, k - 1, ")")) {
				size_t open = k - 1;
				int d = 0;

				for (;; open--) {
					if (tok_is(u, open, ")"))
						d++;
					else if (tok_is(u, open, "(") && --d == 0)
						break;
					if (open == 0)
						break;
				}
				nparams = sqlcheck_args(u, open, pfirst, plast, 32, &close);
				fn_open = open > 0 ? open - 1 : 0;
				fn_close = sqlcheck_match(u, k);
			}
			depth++;
			continue;
		}
		if (tok_is(u, k, "}")) {
			depth--;
			continue;
		}
		if (depth == 0 || k > fn_close || (e = sqlcheck_entry(u, k)) == NULL || !tok_is(u, k + 1, "("))
			continue;
		if (sqlcheck_in_db(t))
			continue;
		n = sqlcheck_args(u, k + 1, first, last, 64, &close);
		if ((int)n <= e->sql_arg) {
			if (!register_only)
				sqlcheck_report(t, "%s: the SQL argument is missing", e->name);
			continue;
		}
		if (e->types_arg >= 0) {
			if ((int)n <= e->types_arg ||
			    !sqlcheck_all_strings(u, first[e->types_arg], last[e->types_arg])) {
				if (!register_only)
					sqlcheck_report(t, "%s: the bind types are not a string literal", e->name);
				continue;
			}
			letters = types = sqlcheck_string(u, first[e->types_arg], last[e->types_arg]);
		}
		if (e->conflict)
			goto next;
		sqlcheck_form(u, first[e->sql_arg], last[e->sql_arg], pfirst, plast, nparams, &f);
		if (register_only) {
			int binds = letters ? (int)strlen(letters) : e->binds;

			if (f.kind == F_PARAM) {
				struct entry *w = sqlcheck_entry(u, fn_open);

				if (w == NULL) {
					struct entry ne = { tok_text(u, fn_open), f.param, -1, binds, 0, t->file, t->line };

					entries = xrealloc(entries, (nentries + 1) * sizeof *entries);
					entries[nentries++] = ne;
					added++;
				} else if (w->types_arg < 0 && (w->binds != binds || w->sql_arg != f.param) &&
					   !w->conflict) {
					w->conflict = 1;
					sqlcheck_report(t, "%s passes its SQL parameter to statements with %d and %d binds:"
							" its callers' statements cannot be checked (call db directly)",
							w->name, w->binds, binds);
				}
			}
			goto next;
		}
		if (f.kind == F_OTHER) {
			sqlcheck_report(t, "%s: the SQL text is not a string literal, an element of a constant table of"
					" literals or a parameter passed through", e->name);
			goto next;
		}
		if (letters) {
			size_t want = strlen(letters), i, arg;

			if (strspn(letters, "iusb") != want) {
				sqlcheck_report(t, "%s: bind types \"%s\": the letters are i, u, s and b", e->name,
						letters);
				goto next;
			}
			for (i = 0; letters[i]; i++)
				want += letters[i] == 'b';
			if (n - e->types_arg - 1 != want) {
				sqlcheck_report(t, "%s: bind types \"%s\" need %zu arguments, the call gives %zu",
						e->name, letters, want, n - e->types_arg - 1);
				goto next;
			}
			for (i = 0, arg = e->types_arg + 1; outdir && letters[i]; i++, arg++) {
				const char *ctype = letters[i] == 'i' ? "long long" :
						    letters[i] == 'u' ? "unsigned long long" : NULL;
				char *x;

				if (letters[i] == 'b') {
					/* The blob's pointer: any pointer ("*" refuses anything else). */
					x = sqlcheck_flat(u, first[arg], last[arg]);
					ins = xrealloc(ins, (nins + 2) * sizeof *ins);
					ins[nins].at = u->toks[first[arg]].start;
					ins[nins].text = xrealloc(NULL, strlen(x) + 32);
					sprintf(ins[nins].text, "((void)sizeof *(%s), ", x);
					nins++;
					ins[nins].at = u->toks[last[arg]].end;
					ins[nins].text = xstrndup(")", 1);
					nins++;
					free(x);
					arg++;	/* its length must be a size_t */
				}
				x = sqlcheck_flat(u, first[arg], last[arg]);
				ins = xrealloc(ins, (nins + 2) * sizeof *ins);
				ins[nins].at = u->toks[first[arg]].start;
				ins[nins].text = xrealloc(NULL, strlen(x) + 96);
				if (letters[i] == 's')
					sprintf(ins[nins].text, "(_Generic((%s), char *: 0, const char *: 0, void *: 0), ",
						x);
				else
					sprintf(ins[nins].text, "(_Generic((%s), %s: 0), ", x,
						ctype ? ctype : "__typeof__(sizeof 0)");
				nins++;
				ins[nins].at = u->toks[last[arg]].end;
				ins[nins].text = xstrndup(")", 1);
				nins++;
				free(x);
			}
		}
		{
			int want = letters ? (int)strlen(letters) : e->binds;
			size_t i;

			for (i = 0; f.kind == F_TEXTS && i < f.ntexts; i++) {
				int got = sqlcheck_placeholders(f.texts[i]);

				if (got != want) {
					char brief[61];

					snprintf(brief, sizeof brief, "%s", f.texts[i]);
					sqlcheck_report(t, "%s: %d placeholder%s for %d bind%s%s: \"%s%s\"", e->name, got,
							got == 1 ? "" : "s", want, want == 1 ? "" : "s",
							letters ? "" : " (the wrapper's statement)", brief,
							strlen(f.texts[i]) > 60 ? "..." : "");
				}
			}
		}
next:
		form_free(&f);
		free(types);
	}
	if (!register_only && outdir && nins) {
		const char *base = strrchr(u->path, '/');
		char path[4096];
		size_t i, at = 0;
		FILE *out;

		snprintf(path, sizeof path, "%s/%s", outdir, base ? base + 1 : u->path);
		if ((out = fopen(path, "w")) == NULL) {
			perror(path);
			exit(2);
		}
		/* Each argument becomes "(_Generic((arg), its type: 0), arg)": the same value, or a
		 * compile error when the argument has another type. */
		qsort(ins, nins, sizeof *ins, sqlcheck_insert_cmp);
		for (i = 0; i < nins; i++) {
			fwrite(u->text + at, 1, ins[i].at - at, out);
			fputs(ins[i].text, out);
			at = ins[i].at;
			free(ins[i].text);
		}
		fwrite(u->text + at, 1, u->len - at, out);
		if (fclose(out) != 0) {
			perror(path);
			exit(2);
		}
	}
	free(ins);
	return added;
}

static void
sqlcheck_load(struct unit *u, const char *path)
{
	FILE *in = fopen(path, "r");
	size_t cap = 1 << 16, n;

	if (in == NULL) {
		perror(path);
		exit(2);
	}
	memset(u, 0, sizeof *u);
	u->path = path;
	u->text = xrealloc(NULL, cap);
	while ((n = fread(u->text + u->len, 1, cap - u->len, in)) > 0)
		if ((u->len += n) == cap)
			u->text = xrealloc(u->text, cap *= 2);
	fclose(in);
	sqlcheck_tokenize(u);
	sqlcheck_find_tables(u);
	sqlcheck_find_members(u);
}

int
main(int argc, char **argv)
{
	const char *outdir = NULL;
	int i, first = 1, added;
	size_t k;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		outdir = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: sqlcheck [-o DIR] FILE.i...\n");
		return 2;
	}
	units = xrealloc(NULL, (size_t)(argc - first) * sizeof *units);
	for (i = first; i < argc; i++)
		sqlcheck_load(&units[nunits++], argv[i]);
	for (k = 0; k < nunits; k++)
		sqlcheck_find_entries(&units[k]);
	if (nentries == 0) {
		fprintf(stderr, "sqlcheck: no db.h entry points (sql, types, ...) in the input\n");
		return 2;
	}
	/* Wrappers of wrappers: until no new one turns up. */
	do {
		added = 0;
		for (k = 0; k < nunits; k++)
			added += sqlcheck_unit(&units[k], 1, NULL);
	} while (added);
	for (k = 0; k < nunits; k++)
		sqlcheck_unit(&units[k], 0, outdir);
	return problems ? 1 : 0;
}
