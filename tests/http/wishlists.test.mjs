// Wishlists: "Save" from a product page without a token (the Origin is
// checked, as for "Add to cart"), a visitor not logged in sent to log in;
// named lists, moving between them, to the cart and out; a list shared
// read-only at an unguessable address (and dead once private again);
// another account's list is 404; names shown escaped; no change without the
// form token; and the alerts: the vendor lowers the price through the
// portal, the wishlist job tells the shopper (a line and one mail, with the
// unsubscribe headers), a second drop the same day is a line without a mail.
// The demo wishlists (cgi/tools/demo_wishlists.c) made through the wishlist
// module, for an account given to the tool (the stack gives the demo
// customer on a development stack).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
	Client, DEMO, ORIGIN, assertRedirect, loginAs, outboxMark, q, qRow, qValue, signupCustomer, waitForMail,
} from '../lib/accounts.mjs';
import { assertShows, env, sleep } from '../lib/stack.mjs';

const XSS = '<script>alert("w")</script>';

function vendorId() {
	return Number(qValue('SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = @p1',
		[DEMO.vendor.email]));
}

function listingFields(name, price) {
	const category = qRow(`SELECT c.id FROM categories c
		WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) ORDER BY c.id LIMIT 1`).id;
	return {
		name, description: `About ${name}.`, category: String(category), price, compare_at: '', sku: '',
		stock: '9', low_stock_threshold: '2', weight_grams: '350',
	};
}

/** A new active listing of the demo vendor through the portal: { id, slug, name }. */
async function newListing(vendor, price) {
	const name = `Wish Kettle ${Date.now().toString(36)}`;
	await vendor.form('/vendor/listings/new');
	assertRedirect(await vendor.post('/vendor/listings/new', listingFields(name, price)), 303, 'new listing');
	const row = qRow('SELECT id, slug FROM products WHERE vendor_id = @p1 AND name = @p2', [vendorId(), name]);
	await vendor.form(`/vendor/listings/${row.id}/edit`);
	assertRedirect(await vendor.post(`/vendor/listings/${row.id}/publish`, {}), 303, 'publish');
	assert.equal(qValue('SELECT status FROM products WHERE id = @p1', [row.id]), 'active');
	return { id: Number(row.id), slug: row.slug, name };
}

async function setPrice(vendor, p, price) {
	await vendor.form(`/vendor/listings/${p.id}/edit`);
	assertRedirect(await vendor.post(`/vendor/listings/${p.id}/edit`, listingFields(p.name, price)), 303, 'edit');
}

const listsOf = (userId) => q('SELECT id, name, share_token FROM wishlists WHERE user_id = @p1 ORDER BY id', [userId]);
const itemsOf = (listId) => q('SELECT product_id FROM wishlist_items WHERE wishlist_id = @p1', [listId]).map((r) => Number(r.product_id));

/** Polls until fn() is truthy (the wishlist job reads new events every few seconds). */
async function until(fn, what, ms = 30_000) {
	const end = Date.now() + ms;
	for (;;) {
		const v = fn();
		if (v) return v;
		if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

describe('wishlists', () => {
	let vendor;
	let product;
	let shopper;

	test('"Save" from a product page: by Origin, not token; a visitor is sent to log in', async () => {
		vendor = await loginAs('vendor');
		product = await newListing(vendor, '30.00');
		const page = await new Client().get(`/p/${product.id}-${product.slug}`);
		assert.match(page.text, /<form class="save-product" method="post" action="\/wishlist\/save">/);
		assert.ok(!/save-product[\s\S]{0,200}name="csrf"/.test(page.text), 'no token in the shared page');

		shopper = await signupCustomer();
		const c = shopper.client;
		let res = await c.post('/wishlist/save', { product: product.id }, { csrf: null, origin: 'https://evil.example' });
		assert.equal(res.status, 403, 'cross-site');
		res = await c.post('/wishlist/save', { product: product.id }, { csrf: null });
		assert.equal(res.status, 403, 'no Origin, no token');
		assert.equal(listsOf(shopper.user.id).length, 0);
		res = await c.post('/wishlist/save', { product: product.id }, { csrf: null, origin: ORIGIN });
		assert.equal(assertRedirect(res, 303, 'save'), '/account/wishlists');
		const [list] = listsOf(shopper.user.id);
		assert.equal(list.name, 'Saved');
		assert.deepEqual(itemsOf(list.id), [product.id]);
		res = await c.post('/wishlist/save', { product: product.id }, { csrf: null, headers: { 'Sec-Fetch-Site': 'same-origin' } });
		assertRedirect(res, 303, 'again');
		assert.deepEqual(itemsOf(list.id), [product.id], 'once');
		res = await c.post('/wishlist/save', { product: 999999999999 }, { csrf: null, origin: ORIGIN });
		assert.equal(res.status, 404);

		res = await new Client().post('/wishlist/save', { product: product.id }, { csrf: null, origin: ORIGIN });
		assert.equal(assertRedirect(res, 303, 'anonymous'), `/login?next=/p/${product.id}`);

		res = await c.get('/account/wishlists');
		assert.equal(res.status, 200);
		assertShows(res.text, product.name);
	});

	test('named lists: make, move between, share read-only, stop sharing, delete; escaped; CSRF', async () => {
		const c = shopper.client;
		const [saved] = listsOf(shopper.user.id);
		await c.form('/account/wishlists');
		let res = await c.post('/account/wishlists', { name: '' });
		assert.equal(res.status, 422);
		assertShows(res.text, 'Give the list a name.');
		res = await c.post('/account/wishlists', { name: XSS }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(listsOf(shopper.user.id).length, 1);
		res = await c.post('/account/wishlists', { name: XSS });
		assertRedirect(res, 303, 'new list');
		const second = listsOf(shopper.user.id)[1];
		assert.equal(second.name, XSS);
		res = await c.get('/account/wishlists');
		assert.ok(!res.text.includes(XSS), 'the name is escaped');
		assert.ok(res.text.includes('&lt;script&gt;alert('));

		res = await c.post(`/account/wishlists/${saved.id}/items/${product.id}/move`, { to: second.id });
		assertRedirect(res, 303, 'move');
		assert.deepEqual(itemsOf(saved.id), []);
		assert.deepEqual(itemsOf(second.id), [product.id]);

		// Another account can do nothing with these lists.
		const other = await signupCustomer();
		await other.client.form('/account/wishlists');
		for (const path of [`/account/wishlists/${second.id}/delete`, `/account/wishlists/${second.id}/items/${product.id}/remove`,
			`/account/wishlists/${second.id}/items/${product.id}/cart`]) {
			res = await other.client.post(path, {});
			assert.equal(res.status, 404, path);
		}
		res = await other.client.post(`/account/wishlists/${second.id}/share`, { share: 'on' });
		assert.equal(res.status, 404);
		res = await other.client.post(`/account/wishlists/${second.id}/items/${product.id}/move`, { to: saved.id });
		assert.equal(res.status, 404);
		assert.deepEqual(itemsOf(second.id), [product.id]);

		// Shared: read-only, without logging in, nothing of the owner.
		res = await c.post(`/account/wishlists/${second.id}/share`, { share: 'on' });
		assertRedirect(res, 303, 'share');
		const token = listsOf(shopper.user.id)[1].share_token;
		assert.match(token, /^[0-9a-f]{32}$/);
		const anon = new Client();
		res = await anon.get(`/w/${token}`);
		assert.equal(res.status, 200);
		assertShows(res.text, product.name);
		assert.ok(!res.text.includes(XSS), 'the shared name is escaped');
		assert.ok(!res.text.includes(shopper.email), 'no owner address');
		assert.ok(!/\/account\/wishlists\/\d+\//.test(res.text), 'no forms of the owner');
		assert.equal((await anon.get(`/w/${'0'.repeat(32)}`)).status, 404);
		assert.equal((await anon.get('/w/nope')).status, 404);
		res = await c.post(`/account/wishlists/${second.id}/share`, { share: 'off' });
		assertRedirect(res, 303, 'unshare');
		assert.equal((await anon.get(`/w/${token}`)).status, 404, 'dead once private');

		res = await c.post(`/account/wishlists/${second.id}/items/${product.id}/move`, { to: saved.id });
		assertRedirect(res, 303);
		res = await c.post(`/account/wishlists/${second.id}/delete`, {});
		assertRedirect(res, 303, 'delete');
		assert.equal(listsOf(shopper.user.id).length, 1);
	});

	test('a price drop through the portal: one line and one mail; a second drop that day: a line only', async () => {
		const mark = outboxMark();
		const before = Number(qValue('SELECT COUNT(*) FROM notifications WHERE user_id = @p1', [shopper.user.id]));
		await setPrice(vendor, product, '25.00');
		const mail = await waitForMail(shopper.email, { after: mark, subject: 'cheaper', timeoutMs: 30_000 });
		assert.ok(mail.body.includes(product.name));
		assert.ok(mail.body.includes('25.00') && mail.body.includes('30.00'));
		assert.ok(mail.body.includes(`/p/${product.id}-`));
		assert.match(mail.headers['list-unsubscribe'], /k=price_drop&s=[0-9a-f]{64}>$/);
		assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
		assert.equal(Number(qValue('SELECT COUNT(*) FROM notifications WHERE user_id = @p1 AND kind = \'price_drop\'', [shopper.user.id])), before + 1);

		await setPrice(vendor, product, '20.00');
		await until(() => Number(qValue('SELECT COUNT(*) FROM notifications WHERE user_id = @p1 AND kind = \'price_drop\'',
			[shopper.user.id])) === before + 2, 'the second price drop');
		assert.equal(Number(qValue(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1 AND id > @p2
			AND template = 'wishlist_alert'`, [shopper.email.toLowerCase(), mark])), 1, 'one mail a day');
		const res = await shopper.client.get('/account/notifications');
		assertShows(res.text, `${product.name} is now`);
	});

	test('move to cart: in the cart, out of the list', async () => {
		const c = shopper.client;
		const [saved] = listsOf(shopper.user.id);
		await c.form('/account/wishlists');
		let res = await c.post(`/account/wishlists/${saved.id}/items/${product.id}/cart`, {}, { csrf: null });
		assert.equal(res.status, 403);
		res = await c.post(`/account/wishlists/${saved.id}/items/${product.id}/cart`, {});
		assert.equal(assertRedirect(res, 303, 'to cart'), '/cart');
		assert.deepEqual(itemsOf(saved.id), []);
		res = await c.get('/cart');
		assertShows(res.text, product.name);
		res = await c.post(`/account/wishlists/${saved.id}/items/${product.id}/cart`, {});
		assert.equal(res.status, 404, 'not in the list any more');
	});
});

test('the demo wishlists: a default list and a shared one, through the wishlist module, once', async () => {
	const bin = join(env('BAZAAR_ROOT'), 'build/bin/bazaar-demo_wishlists');
	const run = (...args) => execFileSync(bin, args, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
	const shopper = await signupCustomer();
	const printed = run('--email', shopper.email);
	const lists = listsOf(shopper.user.id);
	assert.deepEqual(lists.map((l) => l.name), ['Saved', 'Gift ideas']);
	assert.equal(lists[0].share_token, null, 'the default list is private');
	assert.match(lists[1].share_token, /^[0-9a-f]{32}$/);
	assert.ok(printed.includes(`/w/${lists[1].share_token}\n`), printed);
	const items = q(`SELECT wi.wishlist_id, wi.product_id, wi.price_seen_minor, wi.in_stock_seen, p.price_minor, p.vendor_id, p.name
		FROM wishlist_items wi JOIN products p ON p.id = wi.product_id JOIN wishlists w ON w.id = wi.wishlist_id
		WHERE w.user_id = @p1`, [shopper.user.id]);
	assert.equal(items.filter((i) => Number(i.wishlist_id) === Number(lists[0].id)).length, 4);
	assert.equal(items.filter((i) => Number(i.wishlist_id) === Number(lists[1].id)).length, 3);
	assert.equal(new Set(items.map((i) => i.vendor_id)).size, 7, 'one product a shop');
	for (const i of items) {
		assert.equal(Number(i.price_seen_minor), Number(i.price_minor), 'the price it was saved at, as "Save" records it');
		assert.equal(Number(i.in_stock_seen), 1);
	}
	// the shared list's address shows its products to anybody; the owner's page shows both lists
	const shared = await new Client().get(`/w/${lists[1].share_token}`);
	assert.equal(shared.status, 200);
	for (const i of items.filter((x) => Number(x.wishlist_id) === Number(lists[1].id))) assertShows(shared.text, i.name);
	const page = await shopper.client.get('/account/wishlists');
	assertShows(page.text, 'Gift ideas');
	// a second run changes nothing; an unknown account is an error
	assert.equal(run('--email', shopper.email), '');
	assert.equal(q('SELECT id FROM wishlists WHERE user_id = @p1', [shopper.user.id]).length, 2);
	assert.throws(() => run('--email', 'nobody@example.invalid'), (e) => e.status === 1);
});
