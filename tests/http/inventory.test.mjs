// Inventory through nginx: a listing's stock page (changes with each reason,
// the history with who and why, a change that would leave less than none
// refused, another vendor's listing not found, a form without its token
// refused) and what the storefront shows after a change.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertFieldError, assertRedirect, flashOf, q, qValue, signupVendor } from '../lib/accounts.mjs';
import { get } from '../lib/stack.mjs';

let vendor;	// { client, vendor: { id, slug }, user }
let product;	// { id, slug, path }
let theirs;	// a demo vendor's product id

/** Makes a verified vendor with one active product of stock 3. */
async function verifiedVendorWithProduct(name) {
	const v = await signupVendor({ trading: name });
	q(`UPDATE vendor_reviews SET decision = 'approved', decided_at = NOW() WHERE vendor_id = @p1;
		UPDATE vendors SET status = 'verified' WHERE id = @p1`, [v.vendor.id]);
	const category = qValue('SELECT MIN(id) FROM categories WHERE parent_id IS NOT NULL');
	const top = qValue('SELECT parent_id FROM categories WHERE id = @p1', [category]);
	const sku = `INV-${v.vendor.id}`;
	q(`INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description, sku, price_minor, stock, status)
		VALUES (@p1, @p2, @p3, 'Inventory Test Kettle', 'inventory-test-kettle', 'A kettle.', @p4, 2500, 3, 'active')`,
	[v.vendor.id, category, top, sku]);
	const id = qValue('SELECT id FROM products WHERE vendor_id = @p1 AND sku = @p2', [v.vendor.id, sku]);
	return { v, product: { id: Number(id), path: `/p/${id}-inventory-test-kettle` } };
}

const stockOf = (id) => Number(qValue('SELECT stock FROM products WHERE id = @p1', [id]));

before(async () => {
	({ v: vendor, product } = await verifiedVendorWithProduct('Inventory Test Shop'));
	theirs = Number(qValue(`SELECT MIN(p.id) FROM products p WHERE p.vendor_id <> @p1`, [vendor.vendor.id]));
});

describe('stock page', () => {
	test('each reason changes the stock, and the history says who and why', async () => {
		const page = `/vendor/listings/${product.id}/stock`;
		await vendor.client.form(page);
		for (const [change, reason, note, after] of [['7', 'received', 'Delivery 12', 10], ['-2', 'damaged', 'Dropped', 8], ['-8', 'correction', 'Counted', 0]]) {
			const res = await vendor.client.post(page, { change, reason, note });
			assert.equal(assertRedirect(res, 303, `${reason} ${change}`), page);
			assert.equal(stockOf(product.id), after, `stock after ${reason}`);
		}
		const rows = q(`SELECT delta, reason, note, stock_after, user_id FROM stock_adjustments WHERE product_id = @p1 ORDER BY id`, [product.id]);
		assert.deepEqual(rows.map((r) => [Number(r.delta), r.reason, r.note, Number(r.stock_after), Number(r.user_id)]), [
			[7, 'received', 'Delivery 12', 10, Number(vendor.user.id)],
			[-2, 'damaged', 'Dropped', 8, Number(vendor.user.id)],
			[-8, 'correction', 'Counted', 0, Number(vendor.user.id)],
		]);
		const res = await vendor.client.get(page);
		assert.equal(res.status, 200);
		assert.match(flashOf(res.text) ?? '', /0 in stock\. The listing shows as sold out\./);
		assert.match(res.text, /<td class="num">\+7<\/td>\n<td>Received<\/td>\n<td>Delivery 12<\/td>/);
		assert.match(res.text, /<td>Damaged or lost<\/td>/);
		assert.match(res.text, /Sold out/);
	});

	test('the storefront shows the new stock on the next request', async () => {
		// The product's own stock line is the page's first (cards of other
		// products follow). Sold out now: the test above took everything away.
		const stockLine = (html) => (html.match(/<p class="stock [a-z-]+">([^<]*)<\/p>/) ?? [])[1];
		let res = await get(product.path);
		assert.equal(res.status, 200);
		assert.equal(stockLine(res.text), 'Sold out');
		const page = `/vendor/listings/${product.id}/stock`;
		await vendor.client.form(page);
		assertRedirect(await vendor.client.post(page, { change: '4', reason: 'received' }), 303);
		res = await get(product.path);
		assert.equal(stockLine(res.text), 'Only 4 left');
	});

	test('taking away more than is in stock is refused with a message and changes nothing', async () => {
		const page = `/vendor/listings/${product.id}/stock`;
		await vendor.client.form(page);
		const before = stockOf(product.id);
		const rows = Number(qValue('SELECT COUNT(*) FROM stock_adjustments WHERE product_id = @p1', [product.id]));
		const res = await vendor.client.post(page, { change: String(-(before + 1)), reason: 'damaged', note: 'Too many' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'change', 'You cannot take away more units than are in stock.');
		assert.equal(stockOf(product.id), before);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM stock_adjustments WHERE product_id = @p1', [product.id])), rows);
		const bad = await vendor.client.post(page, { change: '1', reason: 'sale' });
		assert.equal(bad.status, 422, 'a sale is not the vendor\'s to record');
		assert.equal(stockOf(product.id), before);
	});

	test('another vendor\'s listing is not found, and nothing of it changes', async () => {
		const before = stockOf(theirs);
		await vendor.client.form(`/vendor/listings/${product.id}/stock`);
		assert.equal((await vendor.client.get(`/vendor/listings/${theirs}/stock`)).status, 404);
		const res = await vendor.client.post(`/vendor/listings/${theirs}/stock`, { change: '5', reason: 'received' });
		assert.equal(res.status, 404);
		assert.equal(stockOf(theirs), before);
	});

	test('a change without the form\'s token is refused', async () => {
		const before = stockOf(product.id);
		const res = await vendor.client.post(`/vendor/listings/${product.id}/stock`, { change: '1', reason: 'received' }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(stockOf(product.id), before);
	});
});

