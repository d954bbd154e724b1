// The vendor dashboard (/vendor/) through nginx, for a demo shop with a
// history: its plan and terms, its balance, its listings by state, the
// listings running low and its promotions, each as the database has them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loginAs } from '../lib/accounts.mjs';
import { assertShows, money, sql, sqlRow } from '../lib/stack.mjs';

/** The text of the element with that id, tags dropped, spaces tidied. */
function byId(html, id) {
	const m = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
	assert.ok(m, `no element with id ${id}`);
	return m[2].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ').trim();
}

describe('a demo shop\'s dashboard', () => {
	test('plan, balance, listing counts, low stock and promotions match the database', async () => {
		// The demo shop with a listing waiting for review (demo_catalog's moderation data).
		const shop = sqlRow(`SELECT v.id, v.slug FROM vendors v JOIN listing_reviews r ON r.vendor_id = v.id
			WHERE r.status = 'pending' ORDER BY r.id LIMIT 1`);
		const client = await loginAs({ email: `${shop.slug}@demo.bazaar.test`, password: 'demo vendor password' });
		const res = await client.get('/vendor/');
		assert.equal(res.status, 200);
		const html = res.text;

		const plan = sqlRow(`SELECT p.name, p.monthly_fee_minor AS fee, p.promotion_daily_rate_minor AS rate
			FROM plans p JOIN vendors v ON v.plan_id = p.id WHERE v.id = @p1`, [shop.id]);
		assert.equal(byId(html, 'plan-name'), plan.name);
		assert.equal(byId(html, 'plan-promotion'), `${money(plan.rate)} a day`);
		assert.equal(byId(html, 'plan-fee'), Number(plan.fee) > 0 ? money(plan.fee) : 'None');

		const balance = sqlRow('SELECT COALESCE(SUM(amount_minor), 0) AS b FROM vendor_ledger WHERE vendor_id = @p1', [shop.id]).b;
		assert.ok(Number(balance) > 0, 'the demo shop is in credit');
		assert.equal(byId(html, 'balance'), money(balance));

		for (const { status, n } of sql('SELECT status, COUNT(*) AS n FROM products WHERE vendor_id = @p1 GROUP BY status', [shop.id])) {
			assert.equal(byId(html, `count-${status}`), String(n), `count of ${status}`);
		}
		assert.equal(byId(html, 'count-review'), '1', 'the listing waiting for review');
		const soldOut = sqlRow(`SELECT COUNT(*) AS n FROM products WHERE vendor_id = @p1 AND status = 'active' AND stock = 0`, [shop.id]).n;
		assert.equal(byId(html, 'count-sold-out'), String(soldOut));

		// Low stock: the live listings at or below their alert, emptiest first (at most 10).
		const low = sql(`SELECT id, name FROM products WHERE vendor_id = @p1 AND status = 'active'
			AND stock <= low_stock_threshold ORDER BY stock, id LIMIT 10`, [shop.id]);
		const shown = [...html.matchAll(/<a href="\/vendor\/listings\/(\d+)\/edit">/g)].map((m) => m[1]);
		assert.deepEqual(shown, low.map((r) => String(r.id)), 'the low-stock alerts, in order');

		// Promotions running now and scheduled, and no others.
		const running = sql(`SELECT id FROM promotions WHERE vendor_id = @p1 AND status = 'active'
			AND starts_at <= UTC_TIMESTAMP() AND ends_at > UTC_TIMESTAMP() ORDER BY ends_at, id LIMIT 10`, [shop.id]);
		const scheduled = sql(`SELECT id FROM promotions WHERE vendor_id = @p1 AND status = 'active'
			AND starts_at > UTC_TIMESTAMP() ORDER BY starts_at, id LIMIT 10`, [shop.id]);
		assert.deepEqual([...html.matchAll(/id="running-(\d+)"/g)].map((m) => m[1]), running.map((r) => String(r.id)));
		assert.deepEqual([...html.matchAll(/id="scheduled-(\d+)"/g)].map((m) => m[1]), scheduled.map((r) => String(r.id)));

		// Next steps: no logo or banner yet in the demo.
		assertShows(html, 'Add your logo and banner');
	});

	test('another vendor\'s figures are not on the page', async () => {
		const [mine, theirs] = sql(`SELECT v.id, v.slug FROM vendors v WHERE v.status = 'verified'
			AND v.slug IN ('northwind-home', 'voltaic-audio') ORDER BY v.id`);
		const client = await loginAs({ email: `${mine.slug}@demo.bazaar.test`, password: 'demo vendor password' });
		const html = (await client.get('/vendor/')).text;
		for (const { id } of sql(`SELECT id FROM promotions WHERE vendor_id = @p1`, [theirs.id])) {
			assert.ok(!html.includes(`running-${id}"`) && !html.includes(`scheduled-${id}"`), `promotion ${id} of another shop`);
		}
		for (const { id } of sql(`SELECT id FROM products WHERE vendor_id = @p1 AND status = 'active' AND stock <= 5 LIMIT 50`, [theirs.id])) {
			assert.ok(!html.includes(`/vendor/listings/${id}/edit`), `product ${id} of another shop`);
		}
	});
});
