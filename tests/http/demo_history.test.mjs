// The demo shops' past (cgi/tools/demo_history.c, README): their ledger
// written through the ledger module with the dates the entries stand for
// (an opening credit the day after the shop joined, the plan fees of the
// last three months, each demo promotion's fee two days before its start
// and the refund of a cancelled one a day before), the larger shops moved
// off Starter through the plan module, and the turned-down listing and the
// one awaiting review sent to the queue and decided through the moderation
// module (their audit entries and product.changed events are the module's,
// which no SQL file writes).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sql, sqlRow } from '../lib/stack.mjs';

const CAUSE = 'The shop\'s listings are reviewed before they are published.';

test('each verified demo shop\'s ledger history is the ledger module\'s, dated as it happened', () => {
	const shops = sql(`SELECT v.id, v.created_at, p.monthly_fee_minor AS fee, p.name AS plan FROM vendors v
		JOIN plans p ON p.id = v.plan_id WHERE v.status = 'verified'
		AND EXISTS (SELECT 1 FROM vendor_ledger l WHERE l.vendor_id = v.id AND l.reference = 'demo:opening')`);
	assert.ok(shops.length >= 10, `${shops.length} demo shops with a ledger history`);
	let promotions = 0;
	for (const shop of shops) {
		const id = Number(shop.id);
		const opening = sqlRow(`SELECT l.kind, l.amount_minor, l.created_by, l.created_at = v.created_at + INTERVAL 1 DAY AS dated
			FROM vendor_ledger l JOIN vendors v ON v.id = l.vendor_id WHERE l.vendor_id = @p1 AND l.reference = 'demo:opening'`, [id]);
		assert.deepEqual([opening.kind, opening.created_by, opening.dated], ['credit', null, '1'], `shop ${id}: opening credit`);
		const fees = sql(`SELECT reference, amount_minor, note, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') AS at
			FROM vendor_ledger WHERE vendor_id = @p1 AND kind = 'plan_fee'
			AND created_at < DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-01') ORDER BY created_at`, [id]);
		if (Number(shop.fee) > 0) {
			const months = sql(`SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 3 MONTH, '%Y-%m') AS m
				UNION ALL SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 2 MONTH, '%Y-%m')
				UNION ALL SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 1 MONTH, '%Y-%m')`).map((r) => r.m);
			assert.deepEqual(fees.map((f) => [f.reference, Number(f.amount_minor), f.note, f.at]),
				months.map((m) => [`plan:${m}`, -Number(shop.fee), shop.plan, `${m}-01 02:00:00`]), `shop ${id}: plan fees`);
		} else {
			assert.equal(fees.length, 0, `shop ${id}: no fee on a free plan`);
		}
		// The demo's promotions (created two days before they start).
		for (const p of sql(`SELECT id, fee_minor, status FROM promotions WHERE vendor_id = @p1
			AND created_at = starts_at - INTERVAL 48 HOUR`, [id])) {
			promotions++;
			const entries = sql(`SELECT l.kind, l.amount_minor,
				TIMESTAMPDIFF(HOUR, l.created_at, pr.starts_at) AS before_start
				FROM vendor_ledger l JOIN promotions pr ON pr.id = @p2
				WHERE l.vendor_id = @p1 AND l.reference = CONCAT('promotion:', pr.id) ORDER BY l.id`, [id, Number(p.id)]);
			const expect = [['promotion_fee', -Number(p.fee_minor), 48]];
			if (p.status === 'cancelled') expect.push(['promotion_refund', Number(p.fee_minor), 24]);
			assert.deepEqual(entries.map((e) => [e.kind, Number(e.amount_minor), Number(e.before_start)]), expect,
				`promotion ${p.id}`);
		}
		// The opening credit covers what the history charged, this month's fee too.
		const charged = sqlRow(`SELECT COALESCE(SUM(amount_minor), 0) AS s FROM vendor_ledger WHERE vendor_id = @p1
			AND created_by IS NULL AND (reference LIKE 'promotion:%' OR (kind = 'plan_fee'
			AND created_at < DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-01')))`, [id]).s;
		assert.ok(Number(opening.amount_minor) + Number(charged) - Number(shop.fee) > 0, `shop ${id} stays in credit`);
	}
	assert.ok(promotions >= 10, `${promotions} demo promotions charged`);
});

test('the shops joined on Starter and the larger ones moved up a month later through the plan module', () => {
	const shops = sql(`SELECT v.id, v.plan_id, p.listing_limit, (SELECT COUNT(*) FROM products x WHERE x.vendor_id = v.id) AS n,
		DATEDIFF(v.created_at, '2000-01-01') AS joined FROM vendors v JOIN plans p ON p.id = v.plan_id
		WHERE EXISTS (SELECT 1 FROM vendor_ledger l WHERE l.vendor_id = v.id AND l.reference = 'demo:opening') ORDER BY v.id`);
	let moved = 0;
	for (const shop of shops) {
		const history = sql(`SELECT plan_id, DATEDIFF(effective_at, '2000-01-01') AS day, assigned_by
			FROM vendor_plan_history WHERE vendor_id = @p1 ORDER BY effective_at, id`, [shop.id]);
		assert.ok(shop.listing_limit === null || Number(shop.listing_limit) >= Number(shop.n),
			`shop ${shop.id}: its plan holds its ${shop.n} listings`);
		if (Number(shop.plan_id) === 1) {
			assert.equal(history.length, 0, `shop ${shop.id}: never moved`);
			continue;
		}
		moved++;
		assert.deepEqual(history.map((h) => [Number(h.plan_id), Number(h.day) - Number(shop.joined), h.assigned_by]),
			[[1, 0, null], [Number(shop.plan_id), 30, null]], `shop ${shop.id}: Starter, then its plan 30 days later`);
	}
	assert.ok(moved >= 2, `${moved} demo shops moved off Starter`);
});

test('the turned-down listing was sent for review and rejected through the moderation module', () => {
	const review = sqlRow(`SELECT r.product_id, r.vendor_id, r.cause, r.name, r.reason, r.decided_by, p.status,
		TIMESTAMPDIFF(HOUR, r.submitted_at, r.decided_at) AS sent, TIMESTAMPDIFF(DAY, r.decided_at, UTC_TIMESTAMP()) AS decided
		FROM listing_reviews r JOIN products p ON p.id = r.product_id WHERE r.status = 'rejected' ORDER BY r.id LIMIT 1`);
	assert.equal(review.cause, CAUSE);
	assert.match(review.reason, /^The photo shows a different product/);
	assert.deepEqual([review.status, review.decided_by, Number(review.sent), Number(review.decided)], ['draft', null, 24, 3],
		'a draft again, turned down by an admin three days ago, sent the day before');
	const actions = sql(`SELECT action FROM audit_log WHERE object_type = 'product' AND object_id = @p1 AND actor_id IS NULL
		ORDER BY id`, [review.product_id]).map((a) => a.action);
	assert.deepEqual(actions.slice(0, 2), ['listing.submit', 'listing.reject']);
});

test('the listing awaiting review went to the queue through the moderation module', () => {
	const audit = sqlRow(`SELECT a.object_id FROM audit_log a JOIN listing_reviews r ON r.product_id = a.object_id
		WHERE a.action = 'listing.submit' AND a.actor_id IS NULL AND a.object_type = 'product' AND r.status = 'pending'
		ORDER BY a.id LIMIT 1`);
	const product = Number(audit.object_id);
	const review = sqlRow(`SELECT r.vendor_id, r.cause, r.name, p.name AS product_name FROM listing_reviews r
		JOIN products p ON p.id = r.product_id WHERE r.product_id = @p1 ORDER BY r.id LIMIT 1`, [product]);
	assert.equal(review.cause, CAUSE);
	assert.equal(review.name, review.product_name, 'the snapshot is the listing as sent');
	// In the shop whose other draft was turned down.
	const rejected = sqlRow(`SELECT vendor_id FROM listing_reviews WHERE status = 'rejected' AND product_id <> @p1
		ORDER BY id LIMIT 1`, [product]);
	assert.equal(review.vendor_id, rejected.vendor_id);
	assert.equal(Number(sqlRow(`SELECT COUNT(*) AS n FROM events WHERE type = 'product.changed'
		AND subject_id = @p1`, [product]).n) > 0, true, 'its product.changed event');
});
