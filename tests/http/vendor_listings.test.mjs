// A vendor's listings through nginx: create, edit, publish, duplicate,
// archive and restore through the portal's pages, and what the storefront
// shows on the very next request (its page cache included): the sale of a
// compare-at price, the 410 of an archived listing with similar products, the
// 404 of a draft. Bad input per field, another vendor's listing, a shop that
// may not publish and a missing CSRF token change nothing.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
	Client, DEMO, assertFieldError, assertRedirect, fieldValue, flashOf, loginAs, q, qRow, qValue, signupVendor,
} from '../lib/accounts.mjs';
import { assertShows, assertNotShows, searchSettled } from '../lib/stack.mjs';

/** A word no demo product has, for names and searches. */
const word = () => `Zq${randomBytes(4).toString('hex')}`;

/** A leaf category of the demo catalogue with active products of other shops. */
function leafCategory() {
	return qRow(`SELECT c.id, c.slug, c.name FROM categories c
		WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)
		AND (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id AND p.status = 'active') >= 3
		ORDER BY c.id LIMIT 1`);
}

function fields(name, extra = {}) {
	return {
		name,
		description: `First paragraph about ${name}.\n\n- Oak <b>handle</b>\n- Brass ring`,
		category: String(leafCategory().id),
		price: '24.00',
		compare_at: '',
		sku: '',
		stock: '9',
		low_stock_threshold: '2',
		weight_grams: '350',
		...extra,
	};
}

const productByName = (vendorId, name) =>
	qRow('SELECT id, slug, status, price_minor, compare_at_minor, stock, sku FROM products WHERE vendor_id = @p1 AND name = @p2',
		[vendorId, name]);
const vendorOf = (email) => qRow('SELECT v.id, v.slug FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = @p1', [email]);

/** Creates a listing through the form; returns its row. */
async function create(client, vendorId, name, extra = {}) {
	await client.form('/vendor/listings/new');
	const res = await client.post('/vendor/listings/new', fields(name, extra));
	assertRedirect(res, 303, `POST /vendor/listings/new ${name}`);
	const row = productByName(vendorId, name);
	assert.ok(row, `the listing ${name} is stored`);
	return row;
}

/** The product page as a shopper without cookies sees it (nginx's cache included). */
const shopperGet = (path) => new Client().get(path);

describe('listings through the portal and the storefront', () => {
	test('create, publish, edit: the storefront follows on the next request, cached page included', async () => {
		const client = await loginAs('vendor');
		const vendor = vendorOf(DEMO.vendor.email);
		const name = `Lamp ${word()}`;
		const row = await create(client, vendor.id, name);
		assert.equal(row.status, 'draft');
		const path = `/p/${row.id}-${row.slug}`;
		assert.equal((await shopperGet(path)).status, 404, 'a draft is not in the shop');

		await client.form(`/vendor/listings/${row.id}/edit`);
		assertRedirect(await client.post(`/vendor/listings/${row.id}/publish`, {}), 303, 'publish');
		assert.equal(productByName(vendor.id, name).status, 'active');
		let page = await shopperGet(path);
		assert.equal(page.status, 200);
		assertShows(page.text, name);
		assert.match(page.text, /<ul>\s*<li>Oak &lt;b&gt;handle&lt;\/b&gt;<\/li>\s*<li>Brass ring<\/li>\s*<\/ul>/, 'the description\'s list, escaped');
		assert.ok(!page.text.includes('<b>handle'), 'no markup of the vendor\'s reaches the page');
		await shopperGet(path);	// now from the page cache too
		await searchSettled();	// search lists from the index, about a second behind
		const found = await shopperGet(`/search?q=${encodeURIComponent(name.split(' ')[1])}`);
		assertShows(found.text, name, 'search');
		const shop = await shopperGet(`/v/${vendor.slug}`);
		assertShows(shop.text, name, 'the vendor shop page, newest first');

		// a sale: the compare-at price struck through, the badge, on the page and the cards
		const edit = await client.form(`/vendor/listings/${row.id}/edit`);
		assert.equal(fieldValue(edit.text, 'price'), '24.00');
		const res = await client.post(`/vendor/listings/${row.id}/edit`, fields(name, { price: '19.50', compare_at: '26' }));
		assertRedirect(res, 303, 'edit');
		page = await shopperGet(path);
		assert.equal(page.status, 200);
		assert.match(page.text, /€19\.50/);
		assert.match(page.text, /<s class="was"><span class="visually-hidden">was <\/span>€26\.00<\/s>/);
		assert.match(page.text, /<span class="sale-badge">Sale<\/span>/);
		await searchSettled();
		const cards = await shopperGet(`/search?q=${encodeURIComponent(name.split(' ')[1])}`);
		assert.match(cards.text, /€26\.00<\/s> <span class="sale-badge">Sale<\/span>/, 'the card shows the sale');
		const list = await client.get('/vendor/listings');
		assertShows(list.text, flashOf(list.text) ?? '', 'flash');
		assertShows(list.text, name);
	});

	test('archive: 410 with similar products, gone from search; restore brings a draft back', async () => {
		const client = await loginAs('vendor');
		const vendor = vendorOf(DEMO.vendor.email);
		const name = `Vase ${word()}`;
		const row = await create(client, vendor.id, name, { publish: '1' });
		assert.equal(row.status, 'active');
		const path = `/p/${row.id}-${row.slug}`;
		assert.equal((await shopperGet(path)).status, 200);
		await shopperGet(path);
		const category = leafCategory();
		const newest = `/c/${category.slug}?sort=newest`;
		await searchSettled();	// category pages list from the search index
		assertShows((await shopperGet(newest)).text, name, 'the category page, newest first');
		assertShows((await shopperGet(`/v/${vendor.slug}`)).text, name, 'the shop page');

		await client.form('/vendor/listings');
		const confirm = await client.post('/vendor/listings/bulk', { action: 'archive', id: String(row.id) });
		assert.equal(confirm.status, 200, 'archive asks first');
		assertShows(confirm.text, name);
		assertRedirect(await client.post('/vendor/listings/bulk', { action: 'archive', confirm: '1', id: String(row.id) }), 303);
		assert.equal(productByName(vendor.id, name).status, 'archived');
		await searchSettled();

		const gone = await shopperGet(path);
		assert.equal(gone.status, 410, 'an archived listing\'s page is gone');
		assertShows(gone.text, `${name} is no longer sold`);
		assert.match(gone.text, new RegExp(`href="/c/${category.slug}"`), 'a link to its category');
		assert.match(gone.text, /<h2 id="similar-title">Similar products<\/h2>/);
		assert.ok((gone.text.match(/class="card"/g) ?? []).length >= 2, 'similar products to go to');
		const short = await shopperGet(`/p/${row.id}`);
		assert.equal(assertRedirect(short, 301, 'the short address'), path, 'the short address leads there too');
		const search = await shopperGet(`/search?q=${encodeURIComponent(name.split(' ')[1])}`);
		assertNotShows(search.text, name, 'search');
		assertNotShows((await shopperGet(newest)).text, name, 'the category page (its cached copy too)');
		assertNotShows((await shopperGet(`/v/${vendor.slug}`)).text, name, 'the shop page');

		await client.form(`/vendor/listings/${row.id}/edit`);
		assertRedirect(await client.post(`/vendor/listings/${row.id}/restore`, {}), 303);
		assert.equal(productByName(vendor.id, name).status, 'draft');
		assert.equal((await shopperGet(path)).status, 404, 'a restored listing is a draft until published');

		// removed and in review stay 404, as a draft
		for (const status of ['removed', 'review']) {
			q('UPDATE products SET status = @p1 WHERE id = @p2', [status, row.id]);
			assert.equal((await shopperGet(path)).status, 404, `${status}: 404`);
		}
	});

	test('duplicate: a new draft with the same details, no SKU, no stock', async () => {
		const client = await loginAs('vendor');
		const vendor = vendorOf(DEMO.vendor.email);
		const name = `Tray ${word()}`;
		const sku = `TR-${randomBytes(3).toString('hex')}`;
		const row = await create(client, vendor.id, name, { sku });
		await client.form(`/vendor/listings/${row.id}/edit`);
		const res = await client.post(`/vendor/listings/${row.id}/duplicate`, {});
		const to = assertRedirect(res, 303, 'duplicate');
		const copy = productByName(vendor.id, `${name} (copy)`);
		assert.ok(copy, 'the copy');
		assert.equal(to, `/vendor/listings/${copy.id}/edit`);
		assert.equal(copy.status, 'draft');
		assert.equal(copy.sku, null);
		assert.equal(Number(copy.stock), 0);
		assert.equal(Number(copy.price_minor), 2400);

		// the SKU is the vendor's once
		await client.form('/vendor/listings/new');
		const again = await client.post('/vendor/listings/new', fields(`Other ${name}`, { sku }));
		assert.equal(again.status, 422);
		assertFieldError(again.text, 'sku', `You already use this SKU for “${name}”`);
	});

	test('bad input: each field\'s message next to it, input kept, nothing changed', async () => {
		const client = await loginAs('vendor');
		const vendor = vendorOf(DEMO.vendor.email);
		const parent = qValue('SELECT MIN(id) FROM categories c WHERE EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)');
		const cases = [
			['name', '', 'Enter the product\'s name.'],
			['description', '', 'Describe the product'],
			['category', String(parent), 'Choose one of the categories inside'],
			['price', '12,50', 'as an amount like 12.50'],
			['compare_at', '10', 'must be above the price'],
			['sku', 'has space', 'no spaces'],
			['stock', '-2', 'whole number from 0'],
			['low_stock_threshold', 'many', 'low-stock warning level'],
			['weight_grams', '1.5', 'weight in grams'],
		];
		const before = qValue('SELECT COUNT(*) FROM products WHERE vendor_id = @p1', [vendor.id]);
		const name = `Bad ${word()}`;
		await client.form('/vendor/listings/new');
		for (const [field, value, message] of cases) {
			const res = await client.post('/vendor/listings/new', fields(name, { [field]: value }));
			assert.equal(res.status, 422, `${field}=${value}`);
			assertFieldError(res.text, field, message, `${field}=${value}`);
			if (field !== 'name') assert.equal(fieldValue(res.text, 'name'), name, `${field}: the name is kept`);
			const shown = fieldValue(res.text, field);
			if (field === 'compare_at') assert.equal(Number(shown), Number(value), `${field}: the amount typed is kept`);
			else if (field !== 'category' && shown !== null) assert.equal(shown, value, `${field}: what was typed is kept`);
		}
		assert.equal(qValue('SELECT COUNT(*) FROM products WHERE vendor_id = @p1', [vendor.id]), before, 'nothing stored');

		// an edit with bad input leaves the stored listing as it was
		const row = await create(client, vendor.id, `Good ${word()}`);
		await client.form(`/vendor/listings/${row.id}/edit`);
		const res = await client.post(`/vendor/listings/${row.id}/edit`, fields('x', { price: 'free' }));
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'price', 'as an amount like 12.50');
		assertFieldError(res.text, 'name', 'too short');
		assert.equal(Number(qValue('SELECT price_minor FROM products WHERE id = @p1', [row.id])), 2400);
	});

	test('another vendor\'s listing is a 404 for every page and action', async () => {
		const client = await loginAs('vendor');
		const vendor = vendorOf(DEMO.vendor.email);
		const theirs = qRow(`SELECT id, name, status, price_minor FROM products WHERE vendor_id <> @p1 AND status = 'active'
			ORDER BY id LIMIT 1`, [vendor.id]);
		await client.form('/vendor/listings');
		assert.equal((await client.get(`/vendor/listings/${theirs.id}/edit`)).status, 404);
		assert.equal((await client.post(`/vendor/listings/${theirs.id}/edit`, fields('Taken over'))).status, 404);
		assert.equal((await client.post(`/vendor/listings/${theirs.id}/edit`, fields(''))).status, 404, 'bad input too');
		for (const action of ['publish', 'archive', 'restore', 'duplicate']) {
			assert.equal((await client.post(`/vendor/listings/${theirs.id}/${action}`, {})).status, 404, action);
		}
		assert.equal((await client.post('/vendor/listings/bulk', { action: 'stock', stock: '0', id: String(theirs.id) })).status, 404);
		const after = qRow('SELECT name, status, price_minor FROM products WHERE id = @p1', [theirs.id]);
		assert.deepEqual(after, { name: theirs.name, status: theirs.status, price_minor: theirs.price_minor });
	});

	test('a shop we have not verified prepares drafts but cannot publish, and is told why', async () => {
		const { client, vendor } = await signupVendor();
		const form = await client.form('/vendor/listings/new');
		assertShows(form.text, 'We are still verifying your shop');
		assert.ok(!form.text.includes('Save and publish'));
		const name = `Early ${word()}`;
		const res = await client.post('/vendor/listings/new', { ...fields(name), publish: '1' });
		const to = assertRedirect(res, 303);
		const row = productByName(vendor.id, name);
		assert.equal(row.status, 'draft');
		assert.equal(to, `/vendor/listings/${row.id}/edit`);
		const refused = await client.post(`/vendor/listings/${row.id}/publish`, {});
		assert.equal(refused.status, 403);
		assertShows(refused.text, 'We are still verifying your shop');
		assert.equal(productByName(vendor.id, name).status, 'draft');
	});

	test('without the CSRF token or from another site: 403, nothing changed', async () => {
		const client = await loginAs('vendor');
		const vendor = vendorOf(DEMO.vendor.email);
		const row = await create(client, vendor.id, `Guarded ${word()}`);
		await client.form(`/vendor/listings/${row.id}/edit`);
		const tries = [
			['/vendor/listings/new', fields(`Forged ${word()}`)],
			[`/vendor/listings/${row.id}/edit`, fields('Forged name')],
			[`/vendor/listings/${row.id}/publish`, {}],
			[`/vendor/listings/${row.id}/archive`, {}],
			[`/vendor/listings/${row.id}/duplicate`, {}],
			['/vendor/listings/bulk', { action: 'stock', stock: '0', id: String(row.id) }],
		];
		const count = qValue('SELECT COUNT(*) FROM products WHERE vendor_id = @p1', [vendor.id]);
		for (const [path, body] of tries) {
			assert.equal((await client.post(path, body, { csrf: null })).status, 403, `${path} without a token`);
			assert.equal((await client.post(path, body, { origin: 'http://evil.example' })).status, 403, `${path} from another site`);
		}
		const after = productByName(vendor.id, qValue('SELECT name FROM products WHERE id = @p1', [row.id]));
		assert.equal(after.status, 'draft');
		assert.equal(Number(after.stock), 9);
		assert.equal(qValue('SELECT COUNT(*) FROM products WHERE vendor_id = @p1', [vendor.id]), count);
	});
});
