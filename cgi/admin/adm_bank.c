/*
 * adm_bank: reconciling the marketplace's bank account with the orders paid
 * by bank transfer (banktransfer.h). An admin types a transfer or uploads
 * the bank's statement as a CSV file; each transfer is matched to its order
 * by the reference and its amount counted (partly paid, paid, over-paid);
 * one that names no order waits on the page to be assigned.
 */
#include "adm.h"

#include "banktransfer.h"
#include "csrf.h"
#include "csv.h"
#include "money.h"
#include "multipart.h"
#include "sess.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADM_BANK_PROBLEMS_MAX 20

/* The page: the forms, the transfers waiting to be assigned, the latest
 * ones and the orders waiting for a transfer. */
static tmpl_dict *
adm_bank_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct db_result *r;
	char a[40], b[40];
	tmpl_dict *d, *row;

	d = adm_page(v, rq, rs, "admin/bank_view.tpl", "Bank transfers", ADM_SECTION_PAYMENTS);
	r = db_query("SELECT id, DATE_FORMAT(received_on, '%Y-%m-%d'), amount_minor, reference, payer FROM bank_transfers"
		     " WHERE status = 'unmatched' ORDER BY id DESC LIMIT 100", "");
	if (r == NULL)
		return NULL;
	while (db_next(r)) {
		row = tmpl_section(d, "UNMATCHED");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "DATE", db_str(r, 1));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 2), a, sizeof a));
		tmpl_set(row, "REFERENCE", db_str(r, 3));
		tmpl_set(row, "PAYER", db_str(r, 4));
		tmpl_set(row, "CSRF", csrf_token(rq, rs));
	}
	if (db_rows(r) > 0)
		tmpl_show(d, "HAS_UNMATCHED");
	db_free(r);
	r = db_query("SELECT t.id, DATE_FORMAT(t.received_on, '%Y-%m-%d'), t.amount_minor, t.reference, t.payer,"
		     " IFNULL(o.number, ''), t.applied_minor, t.excess_minor, t.source, IFNULL(o.status, '')"
		     " FROM bank_transfers t LEFT JOIN orders o ON o.id = t.order_id WHERE t.status = 'matched'"
		     " ORDER BY t.id DESC LIMIT 50", "");
	if (r == NULL)
		return NULL;
	while (db_next(r)) {
		row = tmpl_section(d, "TRANSFER");
		tmpl_set(row, "DATE", db_str(r, 1));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 2), a, sizeof a));
		tmpl_set(row, "REFERENCE", db_str(r, 3));
		tmpl_set(row, "PAYER", db_str(r, 4));
		tmpl_set(row, "ORDER", db_str(r, 5));
		tmpl_set(row, "APPLIED", money_format(db_int(r, 6), a, sizeof a));
		tmpl_set(row, "SOURCE", strcmp(db_str(r, 8), "manual") == 0 ? "typed" : "statement");
		tmpl_set(row, "ORDER_STATUS", db_str(r, 9));
		if (db_int(r, 7) > 0)
			tmpl_set(tmpl_section(row, "EXCESS"), "AMOUNT", money_format(db_int(r, 7), b, sizeof b));
	}
	if (db_rows(r) > 0)
		tmpl_show(d, "HAS_TRANSFERS");
	db_free(r);
	r = db_query("SELECT o.number, o.bank_reference, o.total_minor, IFNULL(MAX(p.received_minor), 0),"
		     " DATE_FORMAT(o.expires_at, '%Y-%m-%d') FROM orders o"
		     " LEFT JOIN payments p ON p.order_id = o.id AND p.provider = 'bank' AND p.status = 'pending'"
		     " WHERE o.status = 'awaiting_payment' AND o.payment_method = 'bank_transfer'"
		     " GROUP BY o.id ORDER BY o.id DESC LIMIT 100", "");
	if (r == NULL)
		return NULL;
	while (db_next(r)) {
		row = tmpl_section(d, "WAITING");
		tmpl_set(row, "NUMBER", db_str(r, 0));
		tmpl_set(row, "REFERENCE", db_str(r, 1) ? db_str(r, 1) : db_str(r, 0));
		tmpl_set(row, "TOTAL", money_format(db_int(r, 2), a, sizeof a));
		tmpl_set(row, "RECEIVED", money_format(db_int(r, 3), b, sizeof b));
		tmpl_set(row, "EXPIRES", db_str(r, 4));
	}
	if (db_rows(r) > 0)
		tmpl_show(d, "HAS_WAITING");
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /admin/payments/bank      TEMPLATE: admin/bank_view.tpl
 * PARAMS: none
 * The reconciliation page: type a transfer, upload a statement, assign the
 * transfers that named no order; the latest transfers with their orders,
 * and the orders waiting for a transfer with what arrived so far.
 */
int
adm_bank_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (adm_bank_page(rq, rs, &v) == NULL) {
		view_discard(&v);
		return 500;
	}
	return view_end(&v, rs);
}

tmpl_dict *
adm_bank_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_bank_page(rq, rs, v);
}

/* The order an admin names by its number ("BZ-000123"), 0 when none. */
static long long
adm_bank_order(const char *number)
{
	return number && *number ? db_scalar(0, "SELECT id FROM orders WHERE number = ?", "s", number) : 0;
}

/*
 * ROUTE: POST /admin/payments/bank      TEMPLATE: admin/bank_view.tpl
 * PARAMS: received_on (YYYY-MM-DD), amount, reference, payer, order (an
 *         order number, optional: for a transfer whose reference names none)
 * Records a transfer typed from the bank's account and applies it to its
 * order; the flash says what it did (paid, partly paid with what is
 * missing, over-paid, or waiting to be assigned).
 */
int
adm_bank_record(struct req *rq, struct resp *rs)
{
	struct banktransfer t = { req_str(rq, "received_on"), req_int(rq, "amount", 0), req_str(rq, "reference"),
				  req_str(rq, "payer"), NULL, 0, rq->sess->user_id, rq };
	struct banktransfer_result res;
	char message[300];

	if (req_has(rq, "order") && *req_str(rq, "order") != '\0' &&
	    (t.order_id = adm_bank_order(req_str(rq, "order"))) <= 0) {
		route_form_error(rq, "order", "No order has this number.");
		return route_form_fail(rq, rs);
	}
	if (banktransfer_record(&t, &res) != 0)
		return 500;
	resp_set_flash(rs, banktransfer_describe(&res, message, sizeof message));
	return resp_redirect(rs, 303, "/admin/payments/bank");
}

/*
 * ROUTE: POST /admin/payments/bank/{id}/assign      TEMPLATE: none (redirects to /admin/payments/bank)
 * PARAMS: id (an unmatched transfer), order (the order's number)
 * Applies a transfer that named no order to the order the admin names.
 */
int
adm_bank_assign(struct req *rq, struct resp *rs)
{
	struct banktransfer_result res;
	char message[300];
	long long order_id = adm_bank_order(req_str(rq, "order"));
	int rc;

	if (order_id <= 0) {
		resp_set_flash(rs, "No order has this number: the transfer was not assigned.");
		return resp_redirect(rs, 303, "/admin/payments/bank");
	}
	if ((rc = banktransfer_assign(req_path_id(rq, "id"), order_id, rq, &res)) < 0)
		return 500;
	if (rc == 1)
		return 404;
	resp_set_flash(rs, banktransfer_describe(&res, message, sizeof message));
	return resp_redirect(rs, 303, "/admin/payments/bank");
}

/* ---- the statement ---------------------------------------------------------------- */

struct adm_bank_line {
	long line;
	char date[11];
	long long amount;
	char *reference, *payer;
};

struct adm_bank_import {
	struct arena *a;
	int col_date, col_amount, col_reference, col_payer;
	struct adm_bank_line *lines;
	size_t n, cap;
	long skipped;			/* money going out */
	char *problems[ADM_BANK_PROBLEMS_MAX];
	size_t nproblems;
	long more_problems;
};

static void
adm_bank_problem(struct adm_bank_import *im, long line, const char *what)
{
	if (im->nproblems < ADM_BANK_PROBLEMS_MAX)
		im->problems[im->nproblems++] = arena_printf(im->a, "Line %ld: %s", line, what);
	else
		im->more_problems++;
}

/* YYYY-MM-DD, a real day. */
static int
adm_bank_date_ok(const char *s)
{
	int y, m, d;
	char rest;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 || y < 2000 || m < 1 || m > 12 ||
	    d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static int
adm_bank_record_fn(const struct csv_record *rec, void *arg)
{
	struct adm_bank_import *im = arg;
	struct adm_bank_line *l;
	const char *amount;
	size_t i;

	if (rec->index == 1) {
		im->col_date = im->col_amount = im->col_reference = im->col_payer = -1;
		for (i = 0; i < rec->n; i++) {
			const char *h = rec->fields[i];

			if (strcasecmp(h, "date") == 0)
				im->col_date = (int)i;
			else if (strcasecmp(h, "amount") == 0)
				im->col_amount = (int)i;
			else if (strcasecmp(h, "reference") == 0)
				im->col_reference = (int)i;
			else if (strcasecmp(h, "payer") == 0)
				im->col_payer = (int)i;
		}
		if (im->col_date < 0 || im->col_amount < 0 || im->col_reference < 0) {
			adm_bank_problem(im, rec->line, "the first line must name the columns date, amount and reference"
					 " (payer is optional).");
			return 1;
		}
		return 0;
	}
	if ((size_t)im->col_date >= rec->n || (size_t)im->col_amount >= rec->n || (size_t)im->col_reference >= rec->n) {
		adm_bank_problem(im, rec->line, "a column is missing.");
		return 0;
	}
	amount = csv_cell_unguard(rec->fields[im->col_amount]);
	if (amount[0] == '-') {		/* money going out of the account */
		im->skipped++;
		return 0;
	}
	if (im->n == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct adm_bank_line *grown = arena_alloc(im->a, cap * sizeof *grown);

		if (im->n)
			memcpy(grown, im->lines, im->n * sizeof *grown);
		im->lines = grown;
		im->cap = cap;
	}
	l = &im->lines[im->n];
	l->line = rec->line;
	if (!adm_bank_date_ok(rec->fields[im->col_date])) {
		adm_bank_problem(im, rec->line, "the date must be written YYYY-MM-DD.");
		return 0;
	}
	memcpy(l->date, rec->fields[im->col_date], 11);
	if ((l->amount = money_parse(amount[0] == '+' ? amount + 1 : amount)) <= 0) {
		adm_bank_problem(im, rec->line, "the amount must be a positive amount such as 125.50.");
		return 0;
	}
	l->reference = arena_strdup(im->a, csv_cell_unguard(rec->fields[im->col_reference]));
	l->payer = arena_strdup(im->a, im->col_payer >= 0 && (size_t)im->col_payer < rec->n ?
				csv_cell_unguard(rec->fields[im->col_payer]) : "");
	if (strlen(l->reference) > BANKTRANSFER_TEXT_MAX || strlen(l->payer) > BANKTRANSFER_TEXT_MAX) {
		adm_bank_problem(im, rec->line, "the reference and the payer may have 140 characters.");
		return 0;
	}
	im->n++;
	return 0;
}

/*
 * ROUTE: POST /admin/payments/bank/import      TEMPLATE: admin/bank_view.tpl
 * PARAMS: statement (a CSV file: a first line naming the columns date,
 *         amount, reference and optionally payer; other columns ignored)
 * Reads the bank's statement: a line with a problem is reported by its
 * number and nothing is recorded; otherwise every incoming transfer is
 * recorded and applied once (a line uploaded before changes nothing), money
 * going out is skipped, and the page lists what each line did.
 */
int
adm_bank_import(struct req *rq, struct resp *rs)
{
	const struct multipart_file *f = req_file(rq, "statement", 0);
	struct adm_bank_import im = { .a = &rq->arena };
	struct csv_error err = { 0, "" };
	struct view v = { 0 };
	tmpl_dict *d, *row;
	const char **texts;
	size_t i, k;
	long paid = 0, partly = 0, unmatched = 0, again = 0, other = 0;
	int fd, rc;

	if (f == NULL)
		return 400;
	if ((fd = open(f->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 500;
	rc = csv_read_fd(fd, NULL, adm_bank_record_fn, &im, &err);
	close(fd);
	if (rc < 0)
		adm_bank_problem(&im, err.line, err.message);
	if (im.nproblems > 0 || im.more_problems > 0) {
		tmpl_dict *p;

		if ((d = adm_bank_page(rq, rs, &v)) == NULL) {
			view_discard(&v);
			return 500;
		}
		p = tmpl_section(d, "IMPORT_PROBLEMS");
		for (i = 0; i < im.nproblems; i++)
			tmpl_set(tmpl_section(p, "PROBLEM"), "TEXT", im.problems[i]);
		if (im.more_problems > 0)
			tmpl_set_int(tmpl_section(p, "MORE"), "COUNT", im.more_problems);
		return view_end_status(&v, rs, 422);
	}
	texts = arena_alloc(&rq->arena, (im.n + 1) * sizeof *texts);
	for (i = 0; i < im.n; i++) {
		struct adm_bank_line *l = &im.lines[i];
		struct banktransfer t = { l->date, l->amount, l->reference, l->payer, NULL, 0, rq->sess->user_id, rq };
		struct banktransfer_result res;
		unsigned char hash[BANKTRANSFER_HASH_SIZE];
		char message[300];
		long occurrence = 1;

		for (k = 0; k < i; k++)
			occurrence += strcmp(im.lines[k].date, l->date) == 0 && im.lines[k].amount == l->amount &&
				      strcmp(im.lines[k].reference, l->reference) == 0 &&
				      strcmp(im.lines[k].payer, l->payer) == 0;
		banktransfer_line_hash(l->date, l->amount, l->reference, l->payer, occurrence, hash);
		t.line_hash = hash;
		if (banktransfer_record(&t, &res) != 0)
			return 500;
		texts[i] = arena_strdup(&rq->arena, banktransfer_describe(&res, message, sizeof message));
		paid += res.outcome == BANKTRANSFER_PAID;
		partly += res.outcome == BANKTRANSFER_PARTLY;
		unmatched += res.outcome == BANKTRANSFER_UNMATCHED;
		again += res.outcome == BANKTRANSFER_DUPLICATE;
		other += res.outcome == BANKTRANSFER_NOT_WAITING;
	}
	/* The page with the lists as the import left them, and each line's outcome. */
	if ((d = adm_bank_page(rq, rs, &v)) == NULL) {
		view_discard(&v);
		return 500;
	}
	row = tmpl_section(d, "IMPORTED");
	tmpl_set(row, "SUMMARY", arena_printf(&rq->arena, "%zu transfers read: %ld paid an order, %ld paid part of one,"
					      " %ld for orders not waiting, %ld to assign, %ld recorded before;"
					      " %ld outgoing lines skipped.", im.n, paid, partly, other, unmatched,
					      again, im.skipped));
	for (i = 0; i < im.n; i++) {
		tmpl_dict *line = tmpl_section(row, "LINE");

		tmpl_set_int(line, "LINE", im.lines[i].line);
		tmpl_set(line, "TEXT", texts[i]);
	}
	return view_end(&v, rs);
}
