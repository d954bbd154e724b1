/*
 * Tests for moderation: folding and whole-word matching (pure functions),
 * and the rule, the vendor's first setting and a review's state against the
 * test stack's MariaDB (BAZAAR_DB_SOCKET, with schema/ applied). The live
 * tests make their own plan, vendor, category and product, named
 * check-moderation-*, and remove them at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "cfg.h"
#include "db.h"
#include "moderation.h"

static struct arena arena;

static void
arena_setup(void)
{
	arena_init(&arena);
}

static void
arena_teardown(void)
{
	arena_free(&arena);
}

/* ---- folding and matching ------------------------------------------------- */

START_TEST(test_fold)
{
	ck_assert_str_eq(moderation_fold(&arena, "  Replica   WATCH!! "), "replica watch");
	ck_assert_str_eq(moderation_fold(&arena, "Men's T-Shirt, size XL"), "men s t shirt size xl");
	ck_assert_str_eq(moderation_fold(&arena, "ÉCOLE Straße ĞÜŞ"), "école straße ğüş");
	ck_assert_str_eq(moderation_fold(&arena, "ΑΘΗΝΑ Москва ЁЖ"), "αθηνα москва ёж");
	ck_assert_str_eq(moderation_fold(&arena, "tea—coffee…“quoted” 3×4"), "tea coffee quoted 3 4");
	ck_assert_str_eq(moderation_fold(&arena, "茶 セット"), "茶 セット");
	ck_assert_str_eq(moderation_fold(&arena, "line\none\ttwo"), "line one two");
	/* bytes that are not UTF-8 split words and vanish */
	ck_assert_str_eq(moderation_fold(&arena, "bad\xff" "byte\xc3"), "bad byte");
	ck_assert_str_eq(moderation_fold(&arena, "!!! ..."), "");
	ck_assert_str_eq(moderation_fold(&arena, NULL), "");
}
END_TEST

static size_t
match(const char *text, const char *word)
{
	const char *w[1];
	int found[1];

	w[0] = moderation_fold(&arena, word);
	return moderation_match(&arena, text, w, 1, found);
}

START_TEST(test_match_whole_words)
{
	ck_assert_uint_eq(match("A real gun for sale", "gun"), 1);
	ck_assert_uint_eq(match("Gun.", "gun"), 1);
	ck_assert_uint_eq(match("(GUN)", "gun"), 1);
	ck_assert_uint_eq(match("gun", "GUN"), 1);
	/* not inside another word */
	ck_assert_uint_eq(match("It has begun", "gun"), 0);
	ck_assert_uint_eq(match("Gunmetal grey", "gun"), 0);
	ck_assert_uint_eq(match("shotgun", "gun"), 0);
	/* phrases: the words in order, whatever lies between them */
	ck_assert_uint_eq(match("Replica  Watch, boxed", "replica watch"), 1);
	ck_assert_uint_eq(match("replica-watch", "Replica Watch"), 1);
	ck_assert_uint_eq(match("replica of a watch", "replica watch"), 0);
	ck_assert_uint_eq(match("replicas watch", "replica watch"), 0);
	/* across lines: the name, the description */
	ck_assert_uint_eq(match("Nice box\nreplica\nwatch", "replica watch"), 1);
}
END_TEST

START_TEST(test_match_unicode)
{
	ck_assert_uint_eq(match("Une ÉPÉE ancienne", "épée"), 1);
	ck_assert_uint_eq(match("une epee", "épée"), 0);		/* accents count */
	ck_assert_uint_eq(match("ÉPÉES", "épée"), 0);
	ck_assert_uint_eq(match("Настоящий ПИСТОЛЕТ", "пистолет"), 1);
	ck_assert_uint_eq(match("«Ζωή»", "ζωή"), 1);
	ck_assert_uint_eq(match("“fake” goods", "fake"), 1);
	ck_assert_uint_eq(match("本物の茶 セット", "セット"), 1);
	ck_assert_uint_eq(match("ŁÓDŹ", "łódź"), 1);
}
END_TEST

START_TEST(test_match_several)
{
	const char *w[4];
	int found[4];

	w[0] = moderation_fold(&arena, "fake");
	w[1] = moderation_fold(&arena, "replica");
	w[2] = "";
	w[3] = NULL;
	ck_assert_uint_eq(moderation_match(&arena, "A fake REPLICA", w, 4, found), 2);
	ck_assert_int_eq(found[0], 1);
	ck_assert_int_eq(found[1], 1);
	ck_assert_int_eq(found[2], 0);
	ck_assert_int_eq(found[3], 0);
	ck_assert_uint_eq(moderation_match(&arena, "", w, 4, found), 0);
	ck_assert_int_eq(found[0], 0);
}
END_TEST

START_TEST(test_first_default)
{
	cfg_clear();
	ck_assert_int_eq(moderation_first_default(), MODERATION_FIRST_DEFAULT);
	ck_assert_int_eq(cfg_load_string("BAZAAR_REVIEW_FIRST_LISTINGS = 0\n"), 0);
	ck_assert_int_eq(moderation_first_default(), 0);
	ck_assert_int_eq(cfg_load_string("BAZAAR_REVIEW_FIRST_LISTINGS = 7\n"), 0);
	ck_assert_int_eq(moderation_first_default(), 7);
	/* out of range: the default, not a negative or huge count */
	ck_assert_int_eq(cfg_load_string("BAZAAR_REVIEW_FIRST_LISTINGS = -2\n"), 0);
	ck_assert_int_eq(moderation_first_default(), MODERATION_FIRST_DEFAULT);
	cfg_clear();
}
END_TEST

/* ---- against the database ------------------------------------------------- */

static long long plan_id, vendor_id, top_id, product_id, product2_id;

#define WORD1 "zzcheckmod fake"
#define WORD2 "Zzcheckmodbanned"

static void
remove_rows(void)
{
	db_exec("DELETE FROM prohibited_words WHERE folded LIKE 'zzcheckmod%'", "");
	db_exec("DELETE e FROM events e JOIN products p ON p.id = e.subject_id JOIN vendors v ON v.id = p.vendor_id"
		" WHERE e.type = 'product.changed' AND v.slug = 'check-moderation-vendor'", "");
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug = 'check-moderation-vendor'", "");
	db_exec("DELETE FROM vendor_reviews WHERE vendor_id IN (SELECT id FROM vendors WHERE slug = 'check-moderation-vendor')", "");
	db_exec("DELETE FROM vendors WHERE slug = 'check-moderation-vendor'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-moderation-top'", "");
	db_exec("DELETE FROM plans WHERE name = 'check-moderation-plan'", "");
}

static long long
product_new(const char *name)
{
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status) VALUES (?, ?, ?, ?, 'p', 'Plain.', 1000, 1,"
				 " 'draft')", "iiis", vendor_id, top_id, top_id, name), 1);
	return (long long)db_insert_id();
}

static void
live_setup(void)
{
	arena_init(&arena);
	CHECK_DB_CONNECT("check_moderation");
	remove_rows();
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, monthly_fee_minor)"
				 " VALUES ('check-moderation-plan', 1000, 0)", ""), 1);
	plan_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " VALUES ('check-moderation-vendor', 'Check Moderation', 'Check Moderation Ltd', '',"
				 " 'pending', ?)", "i", plan_id), 1);
	vendor_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth)"
				 " VALUES (NULL, 'check-moderation-top', 'Check Moderation', 0)", ""), 1);
	top_id = (long long)db_insert_id();
	product_id = product_new("First thing");
	product2_id = product_new("Second thing");
}

static void
live_teardown(void)
{
	remove_rows();
	db_close();
	arena_free(&arena);
}

static int
needs(long long product, const char *name, const char *description, struct moderation_verdict *v)
{
	struct moderation_listing l = { vendor_id, product, name, description, NULL };

	return moderation_needs_review(&arena, &l, v);
}

/* A review row of product with status, as the admin site leaves it. */
static void
review_add(long long product, const char *status)
{
	ck_assert_int_eq(db_exec("INSERT INTO listing_reviews (product_id, vendor_id, status, name, description,"
				 " price_minor, category_id, images, reason) VALUES (?, ?, ?, 'n', 'd', 1, ?, '',"
				 " IF(? = 'rejected', 'Not allowed here.', NULL))", "iisis", product, vendor_id, status,
				 top_id, status), 1);
}

START_TEST(test_vendor_rule)
{
	struct moderation_verdict v;

	/* off: publishes */
	ck_assert_int_eq(needs(product_id, "First thing", "Plain.", &v), 0);
	ck_assert_int_eq(v.vendor_rule, 0);
	ck_assert_ptr_null(v.cause);
	/* all: every listing */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'all' WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(needs(product_id, "First thing", "Plain.", &v), 1);
	ck_assert_int_eq(v.vendor_rule, 1);
	ck_assert_uint_eq(v.nwords, 0);
	ck_assert_str_eq(v.cause, "The shop's listings are reviewed before they are published.");
	/* first 1: the first listing, until one product is approved */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'first', listing_review_first = 1"
				 " WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(needs(product_id, "First thing", "Plain.", &v), 1);
	ck_assert_int_eq(needs(0, "New thing", "Plain.", &v), 1);
	review_add(product_id, "rejected");
	ck_assert_int_eq(needs(product_id, "First thing", "Plain.", &v), 1);
	review_add(product_id, "approved");
	/* one approved: the count is reached, and the approved one is free */
	ck_assert_int_eq(needs(product_id, "First thing", "Plain.", &v), 0);
	ck_assert_int_eq(needs(product2_id, "Second thing", "Plain.", &v), 0);
	/* first 2: the second product still waits, the approved one does not */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review_first = 2 WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(needs(product2_id, "Second thing", "Plain.", &v), 1);
	ck_assert_int_eq(needs(product_id, "First thing", "Plain.", &v), 0);
	/* first 0 holds nothing */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review_first = 0 WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(needs(product2_id, "Second thing", "Plain.", &v), 0);
}
END_TEST

START_TEST(test_prohibited_words)
{
	struct moderation_verdict v;
	struct moderation_listing l = { 0 };

	ck_assert_int_eq(db_exec("INSERT INTO prohibited_words (word, folded) VALUES (?, 'zzcheckmod fake'),"
				 " (?, 'zzcheckmodbanned')", "ss", WORD1, WORD2), 2);
	ck_assert_int_eq(needs(product_id, "A ZZCHECKMOD  Fake bag", "Plain.", &v), 1);
	ck_assert_int_eq(v.vendor_rule, 0);
	ck_assert_uint_eq(v.nwords, 1);
	ck_assert_str_eq(v.words[0], WORD1);
	ck_assert_str_eq(v.cause, "It contains a word that needs a review: \xe2\x80\x9c" WORD1 "\xe2\x80\x9d.");
	/* in the description, both, with the vendor's rule too */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'all' WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(needs(product_id, "Bag", "zzcheckmodbanned and zzcheckmod-fake", &v), 1);
	ck_assert_int_eq(v.vendor_rule, 1);
	ck_assert_uint_eq(v.nwords, 2);
	ck_assert_ptr_nonnull(strstr(v.cause, "reviewed before they are published. It contains words"));
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'off' WHERE id = ?", "i", vendor_id), 1);
	/* part of a word is no match */
	ck_assert_int_eq(needs(product_id, "zzcheckmodbannedx", "zzcheckmod fakes", &v), 0);
	ck_assert_uint_eq(v.nwords, 0);
	/* image texts count */
	l.vendor_id = vendor_id;
	l.name = "Bag";
	l.description = "";
	l.image_text = "A zzcheckmodbanned label";
	ck_assert_int_eq(moderation_needs_review(&arena, &l, &v), 1);
	ck_assert_uint_eq(v.nwords, 1);
	ck_assert_str_eq(v.words[0], WORD2);
}
END_TEST

START_TEST(test_vendor_verified)
{
	cfg_clear();
	/* the first verification: 'first' with the default count */
	ck_assert_int_eq(moderation_vendor_verified(vendor_id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT listing_review = 'first' AND listing_review_first = ? FROM vendors"
				   " WHERE id = ?", "ii", (long long)MODERATION_FIRST_DEFAULT, vendor_id), 1);
	/* an admin's choice is kept when verified again */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'off' WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(db_exec("INSERT INTO vendor_reviews (vendor_id, decision, decided_at)"
				 " VALUES (?, 'approved', NOW())", "i", vendor_id), 1);
	ck_assert_int_eq(moderation_vendor_verified(vendor_id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT listing_review = 'off' FROM vendors WHERE id = ?", "i", vendor_id), 1);
	/* a count of 0 leaves new shops off */
	ck_assert_int_eq(db_exec("DELETE FROM vendor_reviews WHERE vendor_id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(cfg_load_string("BAZAAR_REVIEW_FIRST_LISTINGS = 0\n"), 0);
	ck_assert_int_eq(moderation_vendor_verified(vendor_id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT listing_review = 'off' FROM vendors WHERE id = ?", "i", vendor_id), 1);
	cfg_clear();
}
END_TEST

START_TEST(test_state)
{
	struct moderation_state s;

	ck_assert_int_eq(moderation_state_read(&arena, product_id, &s), 0);
	ck_assert_int_eq(s.review_id, 0);
	ck_assert_str_eq(s.status, "");
	review_add(product_id, "rejected");
	ck_assert_int_eq(db_exec("UPDATE listing_reviews SET decided_at = '2026-01-02 03:04:05' WHERE product_id = ?",
				 "i", product_id), 1);
	ck_assert_int_eq(moderation_state_read(&arena, product_id, &s), 0);
	ck_assert_int_gt(s.review_id, 0);
	ck_assert_str_eq(s.status, "rejected");
	ck_assert_str_eq(s.reason, "Not allowed here.");
	ck_assert_str_eq(s.decided_at, "2026-01-02 03:04");
	/* the latest one counts */
	review_add(product_id, "pending");
	ck_assert_int_eq(moderation_state_read(&arena, product_id, &s), 0);
	ck_assert_str_eq(s.status, "pending");
	ck_assert_str_eq(s.reason, "");
	/* one pending review per product */
	ck_assert_int_eq(db_exec("INSERT INTO listing_reviews (product_id, vendor_id, name, description, price_minor,"
				 " category_id, images) VALUES (?, ?, 'n', 'd', 1, ?, '')", "iii", product_id,
				 vendor_id, top_id), -1);
	ck_assert(db_is_duplicate());
}
END_TEST

START_TEST(test_snapshot)
{
	struct moderation_snapshot s;

	ck_assert_int_eq(db_exec("INSERT INTO product_images (product_id, position, path, alt) VALUES"
				 " (?, 2, 'p/b.jpg', 'Back'), (?, 1, 'p/a.jpg', 'Front view')", "ii", product_id,
				 product_id), 2);
	ck_assert_int_eq(moderation_snapshot_read(&arena, product_id, &s), 0);
	ck_assert_str_eq(s.name, "First thing");
	ck_assert_str_eq(s.description, "Plain.");
	ck_assert_int_eq(s.price_minor, 1000);
	ck_assert_int_eq(s.category_id, top_id);
	ck_assert_str_eq(s.images, "p/a.jpg Front view\np/b.jpg Back");
	ck_assert_int_eq(moderation_snapshot_read(&arena, 999999999999LL, &s), 1);
}
END_TEST

/* ---- publishing and editing (inside a transaction, as listing.c calls) ---- */

struct call {
	int kind;			/* 0 publish, 1 edited */
	long long product;
	const char *status_before;
	const struct moderation_snapshot *before;
	int result;
};

static int
call_tx(void *arg)
{
	struct call *c = arg;

	c->result = c->kind == 0 ? moderation_publish(NULL, &arena, vendor_id, c->product)
				 : moderation_edited(NULL, &arena, vendor_id, c->product, c->status_before, c->before);
	return c->result < 0 ? -1 : 0;
}

static int
publish(long long product)
{
	struct call c = { 0, product, NULL, NULL, -1 };

	ck_assert_int_eq(db_tx(call_tx, &c), 0);
	return c.result;
}

static int
edited(long long product, const char *status_before, const struct moderation_snapshot *before)
{
	struct call c = { 1, product, status_before, before, -1 };

	ck_assert_int_eq(db_tx(call_tx, &c), 0);
	return c.result;
}

static long long
count(const char *sql, long long id)
{
	return db_scalar(-1, sql, "i", id);
}

START_TEST(test_publish_and_edit)
{
	struct moderation_snapshot before;
	long long review;

	/* off, no word: publishes, nothing written */
	ck_assert_int_eq(publish(product_id), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ?", product_id), 0);
	/* first 1: held, a pending review of the listing as it is, nothing before */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'first', listing_review_first = 1 WHERE id = ?",
				 "i", vendor_id), 1);
	ck_assert_int_eq(publish(product_id), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'review'", product_id), 1);
	review = count("SELECT id FROM listing_reviews WHERE product_id = ? AND status = 'pending'", product_id);
	ck_assert_int_gt(review, 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM listing_reviews WHERE id = ? AND revision = 1 AND name = 'First thing'"
			       " AND approved_name IS NULL AND approved_price_minor IS NULL"
			       " AND cause LIKE 'The shop%'", review), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM events WHERE type = 'product.changed' AND subject_id = ?",
			       product_id), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM audit_log WHERE action = 'listing.submit' AND object_id = ?",
			       product_id), 1);
	/* edited while waiting: the same review shows the new version, its cause kept */
	ck_assert_int_eq(moderation_snapshot_read(&arena, product_id, &before), 0);
	ck_assert_int_eq(edited(product_id, "review", &before), 1);		/* nothing reviewed changed */
	ck_assert_int_eq(count("SELECT revision FROM listing_reviews WHERE id = ?", review), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET name = 'First thing, renamed' WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(edited(product_id, "review", &before), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ?", product_id), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM listing_reviews WHERE id = ? AND revision = 2"
			       " AND name = 'First thing, renamed' AND cause LIKE 'The shop%'", review), 1);

	/* approved (as the admin site does): live; an edit of stock only is no change */
	ck_assert_int_eq(db_exec("UPDATE listing_reviews SET status = 'approved', decided_at = NOW() WHERE id = ?", "i",
				 review), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'active' WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(moderation_snapshot_read(&arena, product_id, &before), 0);
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 7 WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(edited(product_id, "active", &before), 0);
	/* the approved one is past the first count: a new name needs no review */
	ck_assert_int_eq(db_exec("UPDATE products SET name = 'First thing, again' WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(edited(product_id, "active", &before), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'active'", product_id), 1);

	/* a prohibited word put in a live listing: held, with what was live as before */
	ck_assert_int_eq(db_exec("INSERT INTO prohibited_words (word, folded) VALUES ('Zzcheckmodbanned', 'zzcheckmodbanned')",
				 ""), 1);
	ck_assert_int_eq(moderation_snapshot_read(&arena, product_id, &before), 0);
	ck_assert_int_eq(db_exec("UPDATE products SET description = 'Now zzcheckmodbanned.', price_minor = 1200"
				 " WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(edited(product_id, "active", &before), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'review'", product_id), 1);
	review = count("SELECT id FROM listing_reviews WHERE product_id = ? AND status = 'pending'", product_id);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM listing_reviews WHERE id = ? AND description = 'Now zzcheckmodbanned.'"
			       " AND price_minor = 1200 AND approved_description = 'Plain.' AND approved_price_minor = 1000"
			       " AND approved_name = 'First thing, again' AND cause LIKE '%zzcheckmodbanned%'", review), 1);
	/* outside a transaction it refuses */
	ck_assert_int_eq(moderation_submit(NULL, &arena, product_id, NULL, NULL), -1);
	/* a draft's edit is never looked at */
	ck_assert_int_eq(edited(product2_id, "draft", &before), 0);
}
END_TEST

/* ---- an admin's decision (moderation_decide, inside a transaction) ---- */

struct decision_call {
	struct moderation_decision d;
	int result;
};

static int
decide_tx(void *arg)
{
	struct decision_call *c = arg;

	c->result = moderation_decide(NULL, &arena, &c->d);
	return c->result < 0 ? -1 : c->result;
}

static int
decide(long long product, long long review, long long revision, int approve, const char *reason)
{
	struct decision_call c = { { product, review, revision, approve, reason, NULL, NULL }, -1 };
	int rc = db_tx(decide_tx, &c);

	ck_assert_int_eq(rc, c.result);
	if (rc == MODERATION_DECIDED)
		ck_assert_str_eq(c.d.decided, "rejected");
	return rc;
}

START_TEST(test_decide)
{
	long long review, approved;

	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'all' WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(publish(product_id), 1);
	review = count("SELECT id FROM listing_reviews WHERE product_id = ? AND status = 'pending'", product_id);
	/* a page older than the vendor's last edit, another product's review, a wrong id: nothing changes */
	ck_assert_int_eq(decide(product_id, review, 2, 0, "Too blurry to judge."), MODERATION_CHANGED);
	ck_assert_int_eq(decide(product2_id, review, 1, 0, "Too blurry to judge."), MODERATION_GONE);
	ck_assert_int_eq(decide(product_id, review + 1000000, 1, 0, "Too blurry to judge."), MODERATION_GONE);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'review'", product_id), 1);
	/* rejected by the system (no admin): a draft again, the reason kept, recorded */
	ck_assert_int_eq(decide(product_id, review, 1, 0, "Too blurry to judge."), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM listing_reviews WHERE id = ? AND status = 'rejected'"
			       " AND reason = 'Too blurry to judge.' AND decided_by IS NULL AND decided_at IS NOT NULL",
			       review), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'draft'", product_id), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM audit_log WHERE action = 'listing.reject' AND object_id = ?"
			       " AND actor_id IS NULL", product_id), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM events WHERE type = 'product.changed' AND subject_id = ?",
			       product_id), 2);
	/* decided once: a second click says how */
	ck_assert_int_eq(decide(product_id, review, 1, 1, NULL), MODERATION_DECIDED);
	/* published again and approved: live */
	ck_assert_int_eq(publish(product_id), 1);
	approved = count("SELECT id FROM listing_reviews WHERE product_id = ? AND status = 'pending'", product_id);
	ck_assert_int_ne(approved, review);
	ck_assert_int_eq(decide(product_id, approved, 1, 1, NULL), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'active'", product_id), 1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM audit_log WHERE action = 'listing.approve' AND object_id = ?",
			       product_id), 1);
	/* a listing taken out of review (archived) is not decided */
	ck_assert_int_eq(publish(product2_id), 1);
	review = count("SELECT id FROM listing_reviews WHERE product_id = ? AND status = 'pending'", product2_id);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'archived' WHERE id = ?", "i", product2_id), 1);
	ck_assert_int_eq(decide(product2_id, review, 1, 1, NULL), MODERATION_WITHDRAWN);
}
END_TEST

static Suite *
moderation_suite(void)
{
	Suite *s = suite_create("moderation");
	TCase *tc = tcase_create("words");
	TCase *live = tcase_create("live");

	tcase_add_checked_fixture(tc, arena_setup, arena_teardown);
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_match_whole_words);
	tcase_add_test(tc, test_match_unicode);
	tcase_add_test(tc, test_match_several);
	tcase_add_test(tc, test_first_default);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 30);
	tcase_add_test(live, test_vendor_rule);
	tcase_add_test(live, test_prohibited_words);
	tcase_add_test(live, test_vendor_verified);
	tcase_add_test(live, test_state);
	tcase_add_test(live, test_decide);
	tcase_add_test(live, test_snapshot);
	tcase_add_test(live, test_publish_and_edit);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(moderation_suite)
