// Paid promotions through the real pages, with the shop's clock moved
// (BAZAAR_CLOCK_OFFSET on the test stack): a scheduled promotion is not
// shown, a started one is (home, its category, a search that finds it, from
// the page cache too), an ended one is gone; cancelling before the start
// refunds once, after it is refused; a short balance is refused with both
// amounts; the report counts impressions and clicks from nginx's log.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO, flashOf, loginAs, textOf } from '../lib/accounts.mjs';
import { env, get, parseCards, searchSettled, sleep, sql, sqlRow } from '../lib/stack.mjs';

const DAY = 86400;
const RATE = 500;	// the test plan's daily rate: €5.00

// The programs that decide by the shop's clock run with this offset.
function moveClock(seconds) {
	for (const service of ['storefront', 'vendor']) {
		execFileSync(`${env('BAZAAR_ROOT')}/scripts/stack`, ['restart', service], {
			env: { ...process.env, BAZAAR_VAR: env('BAZAAR_VAR'), BAZAAR_CLOCK_OFFSET: String(seconds) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	}
}

// "YYYY-MM-DD" of today (UTC) plus days.
function dayFromToday(days) {
	return new Date(Date.now() + days * DAY * 1000).toISOString().slice(0, 10);
}

// Seconds from now until midnight UTC of today plus days, plus a minute.
function offsetTo(days) {
	const midnight = Date.parse(`${dayFromToday(days)}T00:00:00Z`);
	return Math.ceil((midnight - Date.now()) / 1000) + 60;
}

function sponsoredPromotions(html) {
	return parseCards(html).filter((c) => c.sponsored).map((c) => c.promotion);
}

// Asks until an answer comes from the program's page cache (memcached may
// still be coming back after an earlier test stopped it), and returns the
// page as drawn and as cached.
async function twice(path) {
	for (let i = 0; i < 100; i++) {
		const first = await get(path);
		assert.equal(first.status, 200, path);
		const second = await get(path);
		assert.equal(second.status, 200, path);
		if (/HIT/.test(second.headers.get('x-cache') ?? '')) return [first.text, second.text];
		await sleep(100);
	}
	assert.fail(`${path} is never answered from the cache`);
}

async function shownOn(path, promotion) {
	const [a, b] = await twice(path);
	const inA = sponsoredPromotions(a).includes(promotion);
	assert.equal(sponsoredPromotions(b).includes(promotion), inA, `${path}: the cached copy says the same`);
	return inA;
}

function balance(vendorId) {
	return Number(sqlRow('SELECT COALESCE(SUM(amount_minor), 0) AS b FROM vendor_ledger WHERE vendor_id = @p1',
		[vendorId]).b);
}

// Buys through the form: the price page, then the confirmation.
async function buy(client, productId, start, days) {
	await client.form('/vendor/promotions/new');
	const priced = await client.post('/vendor/promotions/new', { product: productId, start, days });
	assert.equal(priced.status, 200, priced.text);
	const key = /name="key" value="([0-9a-f]{32})"/.exec(priced.text);
	return { priced, key: key && key[1] };
}

async function confirm(client, productId, start, days, key) {
	return client.post('/vendor/promotions/new', { product: productId, start, days, confirm: 1, key });
}

describe('a promotion by the shop\'s clock', () => {
	let client, vendorId, product, category, word, planBefore;

	before(async () => {
		client = await loginAs('vendor');
		const v = sqlRow(`SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = '${DEMO.vendor.email}'`);
		vendorId = Number(v.id);
		planBefore = Number(sqlRow('SELECT plan_id FROM vendors WHERE id = @p1', [vendorId]).plan_id);
		sql(`INSERT INTO plans (name, commission_bp, promotion_daily_rate_minor)
			VALUES (CONCAT('promotions test ', @p1), 1000, @p2)`, [process.pid, RATE]);
		sql(`UPDATE vendors SET plan_id = (SELECT id FROM plans WHERE name = CONCAT('promotions test ', @p1))
			WHERE id = @p2`, [process.pid, vendorId]);
		sql(`INSERT INTO vendor_ledger (vendor_id, kind, amount_minor, reference, note, created_at)
			VALUES (@p1, 'credit', 10000, CONCAT('promotions-test:', @p2), 'test', UTC_TIMESTAMP())`,
		[vendorId, process.pid]);
		// an active product with a word of its own in the name, for the search
		product = sqlRow(`SELECT p.id, p.name, p.slug, c.slug AS category FROM products p
			JOIN categories c ON c.id = p.category_id
			WHERE p.vendor_id = @p1 AND p.status = 'active' AND p.stock > 0
			AND NOT EXISTS (SELECT 1 FROM promotions pr WHERE pr.product_id = p.id)
			ORDER BY p.id LIMIT 1`, [vendorId]);
		word = `zq${process.pid}promo`;
		// with its event, as the catalogue's own writes: the search index hears of it
		sql(`START TRANSACTION; UPDATE products SET name = CONCAT(name, ' ', '${word}') WHERE id = @p1;
			INSERT INTO events (type, subject_id) VALUES ('product.changed', @p1); COMMIT`, [product.id]);
		category = product.category;
	});

	after(() => {
		moveClock(0);
		sql('UPDATE vendors SET plan_id = @p1 WHERE id = @p2', [planBefore, vendorId]);
		sql(`START TRANSACTION; UPDATE products SET name = TRIM(TRAILING ' ${word}' FROM name) WHERE id = @p1;
			INSERT INTO events (type, subject_id) VALUES ('product.changed', @p1); COMMIT`, [product.id]);
	});

	test('scheduled: not shown; started: shown everywhere, cached pages too; ended: gone', async () => {
		const start = dayFromToday(1);
		const { priced, key } = await buy(client, product.id, start, 2);
		assert.match(textOf(priced.text), /€10\.00 \(2 × €5\.00\)/);
		const paid = balance(vendorId);
		const done = await confirm(client, product.id, start, 2, key);
		assert.equal(done.status, 303, done.text);
		const promo = Number(sqlRow('SELECT MAX(id) AS id FROM promotions WHERE vendor_id = @p1', [vendorId]).id);
		assert.equal(balance(vendorId), paid - 1000);

		const pages = ['/', `/c/${category}`, `/search?q=${word}`];
		await searchSettled();	// the renamed product is in the search index
		for (const path of pages) assert.equal(await shownOn(path, promo), false, `scheduled: not on ${path}`);

		moveClock(offsetTo(1));	// just after midnight of the first day
		for (const path of pages) assert.equal(await shownOn(path, promo), true, `started: on ${path}`);
		const home = (await get('/')).text;
		const card = parseCards(home).find((c) => c.promotion === promo);
		assert.equal(card.path, `/p/${product.id}-${product.slug}`);
		assert.match(home, new RegExp(`Sponsored</p>\\s*<p class="vendor">Sold by [^<]+</p><img class="beacon" src="/_i\\?p=${promo}"`));

		// started: the vendor can no longer cancel it
		await client.form('/vendor/promotions');
		const refused = await client.post(`/vendor/promotions/${promo}/cancel`, {});
		assert.equal(refused.status, 303);
		const list = await client.get('/vendor/promotions');
		assert.match(flashOf(list.text) ?? textOf(list.text), /has started: it can no longer be cancelled/);
		assert.equal(balance(vendorId), paid - 1000);

		moveClock(offsetTo(3));	// the day after the last
		for (const path of pages) assert.equal(await shownOn(path, promo), false, `ended: not on ${path}`);
	});

	test('the report counts impressions and clicks from nginx\'s log', async () => {
		const promo = Number(sqlRow('SELECT MAX(id) AS id FROM promotions WHERE vendor_id = @p1', [vendorId]).id);
		const logFile = join(env('BAZAAR_VAR'), 'clickstream/clickstream.log');
		const tag = `report-${process.pid}`;
		// as a browser showing the slot three times and following it once
		for (let i = 0; i < 3; i++) await get(`/_i?p=${promo}`, { headers: { Referer: `http://ref.test/${tag}` } });
		await get(`/p/${product.id}-${product.slug}?sp=${promo}`, { headers: { Referer: `http://ref.test/${tag}` } });
		for (let i = 0; i < 100; i++) {
			const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes(tag)) : [];
			if (lines.length >= 4) break;
			await sleep(100);
		}
		execFileSync(join(env('BAZAAR_ROOT'), 'build/bin/bazaar-accesslog'), ['--once'], { env: process.env, stdio: 'ignore' });
		const report = await client.get(`/vendor/promotions/${promo}/report`);
		assert.equal(report.status, 200);
		const today = new Date().toISOString().slice(0, 10);
		assert.match(report.text, new RegExp(`<th scope="row">${today}</th><td class="num">3</td><td class="num">1</td>`));
	});

	test('cancelled before the start: refunded once', async () => {
		const start = dayFromToday(20);
		const { key } = await buy(client, product.id, start, 3);
		assert.equal((await confirm(client, product.id, start, 3, key)).status, 303);
		const promo = Number(sqlRow('SELECT MAX(id) AS id FROM promotions WHERE vendor_id = @p1', [vendorId]).id);
		const before = balance(vendorId);
		await client.form('/vendor/promotions');
		const a = await client.post(`/vendor/promotions/${promo}/cancel`, {});
		const b = await client.post(`/vendor/promotions/${promo}/cancel`, {});
		assert.equal(a.status, 303);
		assert.equal(b.status, 303);
		assert.equal(balance(vendorId), before + 1500);
		assert.equal(Number(sqlRow(`SELECT COUNT(*) AS n FROM vendor_ledger WHERE kind = 'promotion_refund'
			AND reference = CONCAT('promotion:', @p1)`, [promo]).n), 1);
	});

	test('a short balance is refused with the balance and the price', async () => {
		const start = dayFromToday(10);	// after the day the clock was moved to
		const left = balance(vendorId);
		const rate = left + 100;	// one day costs a euro more than the balance
		sql(`UPDATE plans SET promotion_daily_rate_minor = @p1 WHERE name = CONCAT('promotions test ', @p2)`,
			[rate, process.pid]);
		const money = (m) => `€${(m / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
		const message = `Your balance is ${money(left)}; this promotion costs ${money(rate)}.`;
		const { priced, key } = await buy(client, product.id, start, 1);
		assert.ok(textOf(priced.text).includes(message), textOf(priced.text));
		const res = await confirm(client, product.id, start, 1, key);
		assert.equal(res.status, 422);
		assert.ok(textOf(res.text).includes(message));
		assert.equal(balance(vendorId), left);
	});
});
