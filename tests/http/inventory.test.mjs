// Inventory through nginx: a listing's stock page (changes with each reason,
// the history with who and why, a change that would leave less than none
// refused, another vendor's listing not found, a form without its token
// refused) and what the storefront shows after a change; the listings as a
// CSV file (the export read back, formulas neutralised, an import with one
// bad line changing nothing and saying which line, a good one applied, the
// export imported again changing nothing).

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
	assertFieldError, assertRedirect, flashOf, mailLink, outboxMark, q, qValue, signupVendor, waitForMail,
} from '../lib/accounts.mjs';
import { get } from '../lib/stack.mjs';

let vendor;	// { client, vendor: { id, slug }, user }
let product;	// { id, slug, path }
let theirs;	// a demo vendor's product id

/** Makes a verified vendor (shop and email address) with one active product of stock 3. */
async function verifiedVendorWithProduct(name) {
	const mark = outboxMark();
	const v = await signupVendor({ trading: name });
	const mail = await waitForMail(v.fields.email, { after: mark, subject: 'Confirm your email address' });
	const link = new URL(mailLink(mail, '/verify'));
	await v.client.form(link.pathname + link.search);
	assertRedirect(await v.client.post('/verify', { token: link.searchParams.get('token') }), 303, 'POST /verify');
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


/** Parses CSV text (RFC 4180: quoted cells, doubled quotes, CRLF) into rows of cells. */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell); rows.push(row); row = []; cell = ''; i++;
		} else cell += ch;
	}
	if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
	return rows;
}

// The columns an import names (the optional low_stock_threshold and
// weight_grams left out) and those the export writes.
const COLUMNS = ['sku', 'name', 'category', 'price', 'compare_at_price', 'stock', 'status', 'description'];
const EXPORTED = ['sku', 'name', 'category', 'price', 'compare_at_price', 'stock', 'low_stock_threshold', 'weight_grams', 'status', 'description'];

describe('CSV import and export', () => {
	let shop;	// a verified vendor with one product (SKU INV-<vendor id>)
	let leaf;	// a category without sub-categories

	before(async () => {
		({ v: shop } = await verifiedVendorWithProduct('Inventory CSV Shop'));
		leaf = qValue(`SELECT MIN(slug) FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)`);
	});

	const products = () => q(`SELECT sku, name, price_minor, stock, status FROM products WHERE vendor_id = @p1 ORDER BY sku`, [shop.vendor.id]);

	async function importText(text) {
		await shop.client.form('/vendor/listings/import');
		return shop.client.post('/vendor/listings/import', { csv: text });
	}

	test('the export opens in a spreadsheet and reads back', async () => {
		const res = await shop.client.get('/vendor/listings/export.csv');
		assert.equal(res.status, 200);
		assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
		assert.match(res.headers.get('content-disposition'), /^attachment; filename="listings-[a-z0-9-]+\.csv"$/);
		assert.ok(res.text.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
		const rows = parseCsv(res.text.slice(1));
		assert.deepEqual(rows[0], EXPORTED);
		const p = q('SELECT low_stock_threshold AS t, weight_grams AS w FROM products WHERE vendor_id = @p1', [shop.vendor.id])[0];
		assert.deepEqual(rows.slice(1), [[`INV-${shop.vendor.id}`, 'Inventory Test Kettle', rows[1][2], '25.00', '', '3', String(p.t), String(p.w), 'active', 'A kettle.']]);
		const another = await vendor.client.get('/vendor/listings/export.csv');
		assert.ok(!another.text.includes(`INV-${shop.vendor.id}`), 'another vendor\'s export has none of it');
	});

	test('an import with one bad line changes nothing and reports that line', async () => {
		const before = products();
		const text = [COLUMNS.join(','),
			`INV-${shop.vendor.id},Inventory Test Kettle,${leaf},99.00,,50,active,Changed.`,
			`NEW-1,A new lamp,${leaf},12.00,,5,draft,A lamp.`,
			`NEW-2,Bad price lamp,${leaf},twelve,,5,draft,A lamp.`,
			`NEW-3,Another lamp,${leaf},1.00,,1,draft,A lamp.`].join('\r\n');
		const res = await importText(text);
		assert.equal(res.status, 422);
		assert.match(res.text, /Nothing was imported: the file has 1 problem/);
		assert.match(res.text, /<tr><td class="num">4<\/td><td>price<\/td><td>Enter the price as an amount like 12\.50/);
		assert.deepEqual(products(), before, 'nothing changed');
	});

	test('a good import creates by SKU and updates by SKU, in the stock history too', async () => {
		const sku = `INV-${shop.vendor.id}`;
		const text = [COLUMNS.join(','),
			`${sku},Inventory Test Kettle,${leaf},24.00,,8,active,A kettle.`,
			`NEW-1,A new lamp,${leaf},12.00,15.00,5,draft,"Bright.\r\n\r\nWarm."`,
			`NEW-2,"=HYPERLINK(""http://example.com/x"")",${leaf},3.00,,0,draft,A link.`].join('\r\n');
		const res = await importText(text);
		assert.equal(assertRedirect(res, 303, 'import'), '/vendor/listings');
		const list = await shop.client.get('/vendor/listings');
		assert.match(flashOf(list.text) ?? '', /Import done: 2 new, 1 changed, 0 unchanged\./);
		const rows = products();
		assert.deepEqual(rows.map((r) => [r.sku, Number(r.price_minor), Number(r.stock)]),
			[[sku, 2400, 8], ['NEW-1', 1200, 5], ['NEW-2', 300, 0]]);
		const history = q(`SELECT a.delta, a.reason, a.user_id FROM stock_adjustments a JOIN products p ON p.id = a.product_id
			WHERE p.vendor_id = @p1 AND p.sku = @p2`, [shop.vendor.id, sku]);
		assert.deepEqual(history.map((h) => [Number(h.delta), h.reason, Number(h.user_id)]), [[5, 'correction', Number(shop.user.id)]]);
	});

	test('the export neutralises formulas, and imported again changes nothing', async () => {
		const res = await shop.client.get('/vendor/listings/export.csv');
		const rows = parseCsv(res.text.slice(1));
		const formula = rows.find((r) => r[0] === 'NEW-2');
		assert.equal(formula[1], '\'=HYPERLINK("http://example.com/x")', 'a leading apostrophe: text, not a formula');
		for (const r of rows.slice(1)) {
			for (const cell of r) assert.ok(!/^[=+@]/.test(cell) && !/^-[^0-9]/.test(cell), `cell ${cell} would run as a formula`);
		}
		const before = products();
		const events = Number(qValue(`SELECT COUNT(*) FROM events e JOIN products p ON p.id = e.subject_id WHERE p.vendor_id = @p1`, [shop.vendor.id]));
		const again = await importText(res.text.slice(1));
		assertRedirect(again, 303, 'import of the export');
		const list = await shop.client.get('/vendor/listings');
		assert.match(flashOf(list.text) ?? '', /Import done: 0 new, 0 changed, 3 unchanged\./);
		assert.deepEqual(products(), before);
		assert.equal(Number(qValue(`SELECT COUNT(*) FROM events e JOIN products p ON p.id = e.subject_id WHERE p.vendor_id = @p1`, [shop.vendor.id])), events);
	});

	test('an uploaded file is imported like pasted text', async () => {
		const exported = (await shop.client.get('/vendor/listings/export.csv')).text;
		const file = `${exported}UP-1,Uploaded lamp,${leaf},7.00,,2,5,0,draft,A lamp.\r\n`;
		await shop.client.form('/vendor/listings/import');
		const boundary = '----inventoryTestBoundary';
		const part = (head, body) => `--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n\r\n${body}\r\n`;
		const body = part('name="csrf"', shop.client.csrf)
			+ part('name="file"; filename="listings.csv"\r\nContent-Type: text/csv', file)
			+ part('name="csv"', '') + `--${boundary}--\r\n`;
		const res = await shop.client.request('POST', '/vendor/listings/import', {
			body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		});
		assert.equal(assertRedirect(res, 303, 'upload'), '/vendor/listings');
		const list = await shop.client.get('/vendor/listings');
		assert.match(flashOf(list.text) ?? '', /Import done: 1 new, 0 changed, 3 unchanged\./);
		assert.equal(Number(qValue('SELECT stock FROM products WHERE vendor_id = @p1 AND sku = @p2', [shop.vendor.id, 'UP-1'])), 2);
	});

	test('an import without the form\'s token is refused', async () => {
		const before = products();
		const res = await shop.client.post('/vendor/listings/import', { csv: `${COLUMNS.join(',')}\r\nX-1,Xylophone,${leaf},1,,1,draft,X.` }, { csrf: null });
		assert.equal(res.status, 403);
		assert.deepEqual(products(), before);
	});
});
