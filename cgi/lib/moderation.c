/*
 * moderation: the rule that holds a listing for review, and the review row
 * it waits in. See moderation.h.
 */
#include "moderation.h"

#include <stdint.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "catalog.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "mail.h"
#include "sess.h"
#include "text.h"

/* ---- folding --------------------------------------------------------------- */

/* True for a code point that is part of a word: ASCII letters and digits,
 * and everything above ASCII except the blocks of punctuation, symbols and
 * spaces (Latin-1's, General Punctuation to Miscellaneous Symbols and
 * Arrows, CJK punctuation, the fullwidth ASCII punctuation, specials). */
static int
moderation_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (cp <= 0xbf)
		return cp == 0xaa || cp == 0xb5 || cp == 0xba;
	if (cp == 0xd7 || cp == 0xf7)
		return 0;
	if (cp >= 0x2000 && cp <= 0x2bff)
		return 0;
	if (cp >= 0x3000 && cp <= 0x303f)
		return 0;
	if ((cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
	    (cp >= 0xff5b && cp <= 0xff65))
		return 0;
	if (cp >= 0xfff0 && cp <= 0xffff)
		return 0;
	return 1;
}

/* The lower case of cp for Latin, Greek and Cyrillic; cp itself otherwise. */
static uint32_t
moderation_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp < 0xc0)
		return cp;
	if (cp <= 0xde)
		return cp == 0xd7 ? cp : cp + 32;
	/* Latin Extended-A: pairs of upper then lower case, with the odd runs
	 * and the exceptions of U+0130..U+0138, U+0149 and U+0178. */
	if ((cp >= 0x100 && cp <= 0x12f) || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
		return (cp & 1) ? cp : cp + 1;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
		return (cp & 1) ? cp + 1 : cp;
	if (cp == 0x130)
		return 'i';
	if (cp == 0x178)
		return 0xff;
	/* Greek capitals (U+03A2 is unassigned) and Cyrillic. */
	if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 80;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 32;
	return cp;
}

/* Appends cp (a valid code point) to b in UTF-8. */
static void
moderation_put(struct buf *b, uint32_t cp)
{
	char out[4];
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (char)(0xf0 | cp >> 18);
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, out, n);
}

/* Folds text into b: words of lower-case letters, one space between. */
static void
moderation_fold_into(struct buf *b, const char *text)
{
	const char *p = text ? text : "";
	size_t left = strlen(p), n;
	int in_word = 0, any = 0;
	uint32_t cp;

	while (left > 0) {
		n = text_utf8_char(p, left, &cp);
		if (n == 0) {
			n = 1;
			cp = ' ';
		}
		p += n;
		left -= n;
		if (!moderation_letter(cp)) {
			in_word = 0;
			continue;
		}
		if (!in_word && any)
			buf_addc(b, ' ');
		in_word = any = 1;
		moderation_put(b, moderation_lower(cp));
	}
}

char *
moderation_fold(struct arena *a, const char *text)
{
	struct buf b;
	char *out;

	buf_init(&b);
	moderation_fold_into(&b, text);
	out = arena_strndup(a, b.len ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

size_t
moderation_match(struct arena *a, const char *text, const char *const *folded, size_t n, int *found)
{
	struct buf b;
	size_t i, hits = 0;
	char *padded, *needle;

	/* " word word " so that each word, and each phrase, is found between
	 * two spaces exactly when it is whole. */
	buf_init(&b);
	buf_addc(&b, ' ');
	moderation_fold_into(&b, text);
	buf_addc(&b, ' ');
	padded = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	for (i = 0; i < n; i++) {
		found[i] = 0;
		if (folded[i] == NULL || folded[i][0] == '\0')
			continue;
		needle = arena_printf(a, " %s ", folded[i]);
		if (strstr(padded, needle) != NULL) {
			found[i] = 1;
			hits++;
		}
	}
	return hits;
}

/* ---- the rule -------------------------------------------------------------- */

long long
moderation_first_default(void)
{
	return cfg_int_in("BAZAAR_REVIEW_FIRST_LISTINGS", MODERATION_FIRST_DEFAULT, 0, MODERATION_FIRST_MAX);
}

/*
 * Whether the vendor's setting holds the listing: 1, 0 or -1. 'first'
 * holds a listing never approved while the vendor has fewer approved
 * products than its count.
 */
static int
moderation_vendor_rule(long long vendor_id, long long product_id)
{
	struct db_result *r = db_query("SELECT listing_review, listing_review_first,"
				       " (SELECT COUNT(DISTINCT product_id) FROM listing_reviews"
				       "   WHERE vendor_id = v.id AND status = 'approved'),"
				       " (SELECT COUNT(*) FROM listing_reviews"
				       "   WHERE product_id = ? AND status = 'approved')"
				       " FROM vendors v WHERE v.id = ?", "ii", product_id, vendor_id);
	int held = 0;

	if (r == NULL)
		return -1;
	if (db_next(r)) {
		const char *mode = db_str(r, 0);

		if (strcmp(mode, "all") == 0)
			held = 1;
		else if (strcmp(mode, "first") == 0)
			held = db_int(r, 3) == 0 && db_int(r, 2) < db_int(r, 1);
	}
	db_free(r);
	return held;
}

size_t
moderation_words_found(struct arena *a, const char *text, const char ***words_out)
{
	struct db_result *r;
	const char **folded, **words, **hits;
	int *found;
	size_t n, i, nhits = 0;

	*words_out = NULL;
	if ((r = db_query("SELECT word, folded FROM prohibited_words ORDER BY id", "")) == NULL)
		return (size_t)-1;
	n = db_rows(r);
	folded = arena_alloc(a, (n + 1) * sizeof *folded);
	words = arena_alloc(a, (n + 1) * sizeof *words);
	found = arena_alloc(a, (n + 1) * sizeof *found);
	for (i = 0; db_next(r); i++) {
		words[i] = arena_strdup(a, db_str(r, 0));
		folded[i] = arena_strdup(a, db_str(r, 1));
	}
	db_free(r);
	if (moderation_match(a, text, folded, n, found) == 0)
		return 0;
	hits = arena_alloc(a, (n + 1) * sizeof *hits);
	for (i = 0; i < n; i++)
		if (found[i])
			hits[nhits++] = words[i];
	*words_out = hits;
	return nhits;
}

int
moderation_needs_review(struct arena *a, const struct moderation_listing *l, struct moderation_verdict *v)
{
	size_t n;
	char *text;
	struct buf cause;
	int held;

	memset(v, 0, sizeof *v);
	if ((held = moderation_vendor_rule(l->vendor_id, l->product_id)) < 0)
		return -1;
	v->vendor_rule = held;
	text = arena_printf(a, "%s\n%s\n%s", l->name ? l->name : "", l->description ? l->description : "",
			    l->image_text ? l->image_text : "");
	if ((n = moderation_words_found(a, text, &v->words)) == (size_t)-1)
		return -1;
	v->nwords = n;
	if (!v->vendor_rule && v->nwords == 0)
		return 0;

	buf_init(&cause);
	if (v->vendor_rule)
		buf_adds(&cause, "The shop's listings are reviewed before they are published.");
	if (v->nwords > 0) {
		buf_adds(&cause, v->vendor_rule ? " It contains " : "It contains ");
		buf_adds(&cause, v->nwords == 1 ? "a word that needs a review: " : "words that need a review: ");
		for (size_t i = 0; i < v->nwords; i++)
			buf_printf(&cause, "%s\xe2\x80\x9c%s\xe2\x80\x9d", i ? ", " : "", v->words[i]);
		buf_addc(&cause, '.');
	}
	/* The column's size, cut at a character boundary. */
	n = cause.len;
	if (n > MODERATION_CAUSE_MAX) {
		n = MODERATION_CAUSE_MAX;
		while (n > 0 && ((unsigned char)cause.data[n] & 0xc0) == 0x80)
			n--;
	}
	v->cause = arena_strndup(a, cause.data, n);
	buf_free(&cause);
	return 1;
}

/* ---- the review row -------------------------------------------------------- */

/* The images of a product as "<path> <alt>" lines, in position order. */
static const char *
moderation_images(struct arena *a, long long product_id)
{
	struct db_result *r = db_query("SELECT path, alt FROM product_images WHERE product_id = ?"
				       " ORDER BY position", "i", product_id);
	struct buf b;
	const char *out;

	if (r == NULL)
		return NULL;
	buf_init(&b);
	while (db_next(r))
		buf_printf(&b, "%s%s %s", b.len ? "\n" : "", db_str(r, 0), db_str(r, 1));
	out = arena_strndup(a, b.len ? b.data : "", b.len);
	buf_free(&b);
	db_free(r);
	return out;
}

int
moderation_snapshot_read(struct arena *a, long long product_id, struct moderation_snapshot *s)
{
	struct db_result *r = db_query("SELECT name, description, price_minor, category_id FROM products"
				       " WHERE id = ?", "i", product_id);
	int rc = -1;

	memset(s, 0, sizeof *s);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		rc = 1;
		goto out;
	}
	s->name = arena_strdup(a, db_str(r, 0));
	s->description = arena_strdup(a, db_str(r, 1));
	s->price_minor = db_int(r, 2);
	s->category_id = db_int(r, 3);
	if ((s->images = moderation_images(a, product_id)) != NULL)
		rc = 0;
out:
	db_free(r);
	return rc;
}

/* The snapshot of the last approved review of product_id: 0 with *s filled,
 * 1 when it was never approved, -1 on error. */
static int
moderation_snapshot_approved(struct arena *a, long long product_id, struct moderation_snapshot *s)
{
	struct db_result *r = db_query("SELECT name, description, price_minor, category_id, images"
				       " FROM listing_reviews WHERE product_id = ? AND status = 'approved'"
				       " ORDER BY id DESC LIMIT 1", "i", product_id);
	int rc = 1;

	if (r == NULL)
		return -1;
	if (db_next(r)) {
		s->name = arena_strdup(a, db_str(r, 0));
		s->description = arena_strdup(a, db_str(r, 1));
		s->price_minor = db_int(r, 2);
		s->category_id = db_int(r, 3);
		s->images = arena_strdup(a, db_str(r, 4));
		rc = 0;
	}
	db_free(r);
	return rc;
}

static void
moderation_changed(long long product_id)
{
	catalog_product_changed(product_id);
}

long long
moderation_submit(const struct req *rq, struct arena *a, long long product_id,
		  const struct moderation_verdict *v, const struct moderation_snapshot *live)
{
	struct moderation_snapshot now, before = { 0 };
	long long vendor_id, review;
	int have_before = 0, rc;
	char at[24];

	if (!db_in_transaction()) {
		log_event(LOG_ERROR, "moderation.no_transaction", "product=%lld", product_id);
		return -1;
	}
	vendor_id = db_scalar(-1, "SELECT vendor_id FROM products WHERE id = ? FOR UPDATE", "i", product_id);
	if (vendor_id < 0 || moderation_snapshot_read(a, product_id, &now) != 0)
		return -1;
	if (live != NULL) {
		before = *live;
		have_before = 1;
	} else if ((rc = moderation_snapshot_approved(a, product_id, &before)) < 0) {
		return -1;
	} else {
		have_before = rc == 0;
	}
	if (db_exec("UPDATE products SET status = 'review' WHERE id = ?", "i", product_id) < 0)
		return -1;
	/* A pending review keeps its "before" side and its place in the queue
	 * (its submitted_at); what it shows of the listing is replaced. */
	clock_datetime(clock_now(), at, sizeof at);
	if (db_exec("INSERT INTO listing_reviews (product_id, vendor_id, cause, name, description, price_minor,"
		    " category_id, images, approved_name, approved_description, approved_price_minor,"
		    " approved_category_id, approved_images, submitted_at, updated_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		    " ON DUPLICATE KEY UPDATE revision = revision + 1,"
		    " cause = IF(VALUES(cause) = '', cause, VALUES(cause)), name = VALUES(name),"
		    " description = VALUES(description), price_minor = VALUES(price_minor),"
		    " category_id = VALUES(category_id), images = VALUES(images), updated_at = VALUES(updated_at)",
		    "iisssiissssssss", product_id, vendor_id, v && v->cause ? v->cause : "", now.name,
		    now.description, now.price_minor, now.category_id, now.images,
		    have_before ? before.name : NULL, have_before ? before.description : NULL,
		    have_before ? arena_printf(a, "%lld", before.price_minor) : NULL,
		    have_before ? arena_printf(a, "%lld", before.category_id) : NULL,
		    have_before ? before.images : NULL, at, at) < 0)
		return -1;
	review = db_scalar(-1, "SELECT id FROM listing_reviews WHERE open_product_id = ?", "i", product_id);
	if (review <= 0)
		return -1;
	if (events_emit(EVENTS_PRODUCT_CHANGED, product_id, NULL) < 0)
		return -1;
	if (audit_log(rq, "listing.submit", "product", product_id,
		      arena_printf(a, "review %lld: %.1500s", review, v && v->cause ? v->cause : "")) != 0)
		return -1;
	db_after_commit(moderation_changed, product_id);
	return review;
}

/* What approving and rejecting do. */
struct moderation_outcome {
	const char *status;		/* of the review */
	const char *product_sql;	/* the product's new status (bind: its id) */
	const char *subject, *mail_template, *action;
};

static const struct moderation_outcome moderation_approval = {
	"approved", "UPDATE products SET status = 'active' WHERE id = ? AND status = 'review'",
	"Your listing is approved and live", "listing_approved", "listing.approve"
};
static const struct moderation_outcome moderation_rejection = {
	"rejected", "UPDATE products SET status = 'draft' WHERE id = ? AND status = 'review'",
	"Your listing needs changes", "listing_rejected", "listing.reject"
};

/* Mails the decision to the vendor's owner. */
static int
moderation_mail(struct arena *a, const struct moderation_outcome *o, const struct moderation_decision *d,
		const char *email, const char *name, const char *listing, const char *slug)
{
	tmpl_dict *dict = tmpl_dict_new("mail");

	tmpl_set(dict, "NAME", name);
	tmpl_set(dict, "LISTING", listing);
	tmpl_set(dict, "REASON", d->reason ? d->reason : "");
	tmpl_set(dict, "PRODUCT_URL", arena_printf(a, "%s/p/%lld-%s", mail_base_url(), d->product_id, slug));
	tmpl_set(dict, "EDIT_URL", d->edit_url ? d->edit_url : "");
	return mail_queue(email, o->subject, o->mail_template, dict) < 0 ? -1 : 0;
}

int
moderation_decide(const struct req *rq, struct arena *a, struct moderation_decision *d)
{
	const struct moderation_outcome *o = d->approve ? &moderation_approval : &moderation_rejection;
	long long by = rq && rq->sess ? rq->sess->user_id : 0;
	struct db_result *r;
	char at[24];
	int rc = -1;

	r = db_query("SELECT r.status, r.revision, p.name, p.slug, u.email, u.name, u.status, p.status"
		     " FROM listing_reviews r JOIN products p ON p.id = r.product_id"
		     " JOIN vendors v ON v.id = r.vendor_id LEFT JOIN users u ON u.id = v.user_id"
		     " WHERE r.id = ? AND r.product_id = ? FOR UPDATE", "ii", d->review_id, d->product_id);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		rc = MODERATION_GONE;
		goto out;
	}
	if (strcmp(db_str(r, 0), "pending") != 0) {
		d->decided = strcmp(db_str(r, 0), "approved") == 0 ? "approved" : "rejected";
		rc = MODERATION_DECIDED;
		goto out;
	}
	if (db_int(r, 1) != d->revision) {
		rc = MODERATION_CHANGED;
		goto out;
	}
	if (strcmp(db_str(r, 7), "review") != 0) {
		rc = MODERATION_WITHDRAWN;
		goto out;
	}
	clock_datetime(clock_now(), at, sizeof at);
	if (db_exec("UPDATE listing_reviews SET status = ?, reason = ?, decided_by = NULLIF(?, 0), decided_at = ?,"
		    " updated_at = ? WHERE id = ? AND status = 'pending' AND revision = ?", "ssissii", o->status,
		    d->reason, by, at, at, d->review_id, d->revision) != 1 ||
	    db_exec(o->product_sql, "i", d->product_id) < 0 ||
	    events_emit(EVENTS_PRODUCT_CHANGED, d->product_id, NULL) < 0)
		goto out;
	/* The owner is told when there is one who can read it. */
	if (!db_null(r, 4) && strcmp(db_str(r, 6), "active") == 0 &&
	    moderation_mail(a, o, d, db_str(r, 4), db_str(r, 5), db_str(r, 2), db_str(r, 3)) != 0)
		goto out;
	if (audit_log(rq, o->action, "product", d->product_id,
		      d->reason ? arena_printf(a, "review %lld: %.1500s", d->review_id, d->reason)
				: arena_printf(a, "review %lld", d->review_id)) != 0)
		goto out;
	db_after_commit(moderation_changed, d->product_id);
	rc = 0;
out:
	db_free(r);
	return rc;
}

/* The alt texts of a snapshot's images, one a line. */
static const char *
moderation_alts(struct arena *a, const char *images)
{
	struct buf b;
	const char *p = images ? images : "", *nl, *sp, *out;

	buf_init(&b);
	while (*p) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		sp = memchr(p, ' ', (size_t)(nl - p));
		if (sp != NULL) {
			buf_add(&b, sp + 1, (size_t)(nl - sp - 1));
			buf_addc(&b, '\n');
		}
		p = *nl ? nl + 1 : nl;
	}
	out = arena_strndup(a, b.len ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* The rule applied to snapshot s of product_id: 1, 0 or -1 (see needs_review). */
static int
moderation_check(struct arena *a, long long vendor_id, long long product_id, const struct moderation_snapshot *s,
		 struct moderation_verdict *v)
{
	struct moderation_listing l = { vendor_id, product_id, s->name, s->description,
					moderation_alts(a, s->images) };

	return moderation_needs_review(a, &l, v);
}

static int
moderation_same(const struct moderation_snapshot *x, const struct moderation_snapshot *y)
{
	return strcmp(x->name, y->name) == 0 && strcmp(x->description, y->description) == 0 &&
	       x->price_minor == y->price_minor && x->category_id == y->category_id &&
	       strcmp(x->images, y->images) == 0;
}

int
moderation_publish(const struct req *rq, struct arena *a, long long vendor_id, long long product_id)
{
	struct moderation_snapshot now;
	struct moderation_verdict v;
	int held;

	if (moderation_snapshot_read(a, product_id, &now) != 0)
		return -1;
	if ((held = moderation_check(a, vendor_id, product_id, &now, &v)) <= 0)
		return held;
	return moderation_submit(rq, a, product_id, &v, NULL) > 0 ? 1 : -1;
}

int
moderation_edited(const struct req *rq, struct arena *a, long long vendor_id, long long product_id,
		  const char *status_before, const struct moderation_snapshot *before)
{
	int live = strcmp(status_before, "active") == 0, waiting = strcmp(status_before, "review") == 0;
	struct moderation_snapshot now;
	struct moderation_verdict v;
	int held;

	if (!live && !waiting)
		return 0;
	if (moderation_snapshot_read(a, product_id, &now) != 0)
		return -1;
	/* A change of stock or weight is no reason to look again. */
	if (moderation_same(&now, before))
		return waiting;
	if ((held = moderation_check(a, vendor_id, product_id, &now, &v)) < 0)
		return -1;
	if (live && held == 0)
		return 0;
	return moderation_submit(rq, a, product_id, held ? &v : NULL, live ? before : NULL) > 0 ? 1 : -1;
}

int
moderation_vendor_verified(long long vendor_id)
{
	long long first = moderation_first_default();

	if (first == 0)
		return 0;
	/* Only the first verification: a shop verified before (and rejected
	 * or blocked since) keeps what the admins set for it. */
	return db_exec("UPDATE vendors v SET v.listing_review = 'first', v.listing_review_first = ?"
		       " WHERE v.id = ? AND v.listing_review = 'off' AND NOT EXISTS"
		       " (SELECT 1 FROM vendor_reviews r WHERE r.vendor_id = v.id AND r.decision = 'approved')",
		       "ii", first, vendor_id) < 0 ? -1 : 0;
}

int
moderation_state_read(struct arena *a, long long product_id, struct moderation_state *s)
{
	struct db_result *r = db_query("SELECT id, status, cause, COALESCE(reason, ''),"
				       " COALESCE(DATE_FORMAT(decided_at, '%Y-%m-%d %H:%i'), '')"
				       " FROM listing_reviews WHERE product_id = ? ORDER BY id DESC LIMIT 1",
				       "i", product_id);

	memset(s, 0, sizeof *s);
	s->status = s->cause = s->reason = s->decided_at = "";
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		s->review_id = db_int(r, 0);
		s->status = arena_strdup(a, db_str(r, 1));
		s->cause = arena_strdup(a, db_str(r, 2));
		s->reason = arena_strdup(a, db_str(r, 3));
		s->decided_at = arena_strdup(a, db_str(r, 4));
	}
	db_free(r);
	return 0;
}

/* The longest word of a folded phrase ("" for none): every listing holding
 * the phrase holds it, so it narrows the search the database makes. */
static const char *
moderation_longest(struct arena *a, const char *folded)
{
	const char *best = folded, *p = folded, *sp;
	size_t bestlen = 0, len;

	for (;;) {
		sp = strchr(p, ' ');
		len = sp ? (size_t)(sp - p) : strlen(p);
		if (len > bestlen) {
			best = p;
			bestlen = len;
		}
		if (sp == NULL)
			break;
		p = sp + 1;
	}
	return arena_strndup(a, best, bestlen);
}

long long
moderation_hold_word(const struct req *rq, struct arena *a, const char *word, const char *folded)
{
	const char *pattern, *words[1] = { word };
	struct moderation_verdict v = { 0, words, 1, NULL };
	struct moderation_snapshot live;
	struct db_result *r;
	long long *ids, held = 0;
	size_t n, i;
	int found;

	if (folded == NULL || *folded == '\0')
		return 0;
	v.cause = arena_printf(a, "It contains a word that needs a review: \xe2\x80\x9c%s\xe2\x80\x9d.", word);
	pattern = text_like_contains(a, moderation_longest(a, folded));
	/* LIKE under the column's collation ignores case and accents: it finds
	 * every candidate and more; moderation_match decides. */
	r = db_query("SELECT p.id FROM products p WHERE p.status = 'active'"
		     " AND (p.name LIKE ? OR p.description LIKE ? OR EXISTS (SELECT 1 FROM product_images i"
		     " WHERE i.product_id = p.id AND i.alt LIKE ?)) ORDER BY p.id FOR UPDATE",
		     "sss", pattern, pattern, pattern);
	if (r == NULL)
		return -1;
	n = db_rows(r);
	ids = arena_alloc(a, (n + 1) * sizeof *ids);
	for (i = 0; db_next(r); i++)
		ids[i] = db_int(r, 0);
	db_free(r);
	for (i = 0; i < n; i++) {
		if (moderation_snapshot_read(a, ids[i], &live) != 0)
			return -1;
		if (moderation_match(a, arena_printf(a, "%s\n%s\n%s", live.name, live.description,
						     live.images ? live.images : ""), &folded, 1, &found) == 0)
			continue;
		if (moderation_submit(rq, a, ids[i], &v, &live) < 0)
			return -1;
		held++;
	}
	return held;
}
