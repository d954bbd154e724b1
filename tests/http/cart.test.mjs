// The cart through nginx (cgi/storefront/sf_cart.c, cgi/lib/cart.h) and the
// per-visitor header of shared pages (cgi/lib/hdr.h): adding from a cached
// product page is checked by Origin and refused cross-site; every later step
// needs the token; tampered quantities and another visitor's lines change
// nothing; the anonymous cart joins the account at login and the account's
// cart outlives logout and is the same on another device; two visitors with
// different carts get the very same cached page, each with their own header.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, ORIGIN, login, signupCustomer } from '../lib/accounts.mjs';
import { activeProduct, cachedPage, cachedProductPage, htmlEscape, productPath } from '../lib/stack.mjs';

// Products with some stock, far from those other suites use.
const mug = activeProduct(31);
const lamp = activeProduct(37);

/** The count in the header's cart link, or 0 when it shows none. */
function headerCount(html) {
	const m = /<a class="cart-link" href="\/cart">Cart(?: <span class="cart-count">([0-9,]+)<)?/.exec(html);
	assert.ok(m, 'the header has the cart link');
	return m[1] ? Number(m[1].replace(/,/g, '')) : 0;
}

/** Adds as a browser does from the product page: the form's fields, Origin. */
async function addToCart(client, product, qty = 1, { origin = ORIGIN, headers = {} } = {}) {
	return client.post('/cart/add', { product: product.id, qty }, { csrf: null, origin, headers });
}

describe('adding to the cart from a cached page', () => {
	test('a cross-site add is refused and sets nothing', async () => {
		for (const [what, opts] of [
			['no Origin nor Sec-Fetch-Site', { origin: null }],
			['another site\'s Origin', { origin: 'http://evil.example' }],
			['the other scheme', { origin: ORIGIN.replace(/^http:/, 'https:') }],
			['Sec-Fetch-Site cross-site', { origin: null, headers: { 'Sec-Fetch-Site': 'cross-site' } }],
			['Sec-Fetch-Site same-site', { origin: ORIGIN, headers: { 'Sec-Fetch-Site': 'same-site' } }],
		]) {
			const c = new Client();
			const res = await addToCart(c, mug, 1, opts);
			assert.equal(res.status, 403, what);
			assert.equal(res.setCookies.filter((k) => k.name === 'bz_visitor' && k.value).length, 0, what);
		}
	});

	test('the product page\'s form adds without a token; the cart shows it', async () => {
		const c = new Client();
		const page = await cachedProductPage(new Client(), mug);
		assert.match(page.text, /<form class="add-to-cart" method="post" action="\/cart\/add"/);
		assert.doesNotMatch(page.text, /name="csrf"/, 'a shared page carries no token');
		const res = await addToCart(c, mug, 2, { origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' } });
		assert.equal(res.status, 303);
		assert.equal(res.location, '/cart');
		assert.ok(c.cookie('bz_visitor'), 'a visitor id');
		assert.ok(c.cookie('bz_hk'), 'a header key');
		for (const k of res.setCookies.filter((x) => x.value)) {
			assert.ok(k.attrs.httponly, `${k.name} is HttpOnly`);
			assert.equal(k.attrs.samesite, 'Lax', `${k.name} is SameSite=Lax`);
		}
		const cart = await c.get('/cart');
		assert.equal(cart.status, 200);
		assert.ok(cart.text.includes('Added to your cart.'));
		assert.equal(headerCount(cart.text), 2);
		assert.equal(cart.headers.get('cache-control'), 'no-store');
	});
});

describe('the cart\'s later steps', () => {
	test('tampered quantities and another visitor\'s lines change nothing', async () => {
		const a = new Client();
		const b = new Client();
		assert.equal((await addToCart(a, mug, 1)).status, 303);
		assert.equal((await addToCart(b, lamp, 1)).status, 303);
		const page = await a.get('/cart');
		const m = /action="\/cart\/items\/([0-9]+)\/quantity"/.exec(page.text);
		assert.ok(m, 'the cart page has a quantity form');
		const line = m[1];
		for (const qty of ['-1', '0', '1000000000', '1e3', '99999999999999999999', ' 2']) {
			const add = await addToCart(a, mug, qty);
			assert.equal(add.status, 422, `add ${qty}`);
			assert.match(add.text, /Quantity/, `add ${qty}: the field is named`);
			const set = await a.post(`/cart/items/${line}/quantity`, { qty });
			assert.equal(set.status, 422, `quantity ${qty}`);
		}
		// Fields the form does not have are not read.
		const extra = await a.post('/cart/add', { product: mug.id, qty: 1, price: 1, price_minor: 1, total: 1 },
			{ csrf: null, origin: ORIGIN });
		assert.equal(extra.status, 303);
		const again = await a.get('/cart');
		assert.equal(headerCount(again.text), 2);
		assert.ok(again.text.includes(`${(mug.price_minor * 2 / 100).toFixed(2)}`), 'priced from the database');
		// B's token, A's line.
		await b.get('/cart');
		for (const step of ['quantity', 'remove', 'save', 'move']) {
			const res = await b.post(`/cart/items/${line}/${step}`, { qty: 1 });
			assert.equal(res.status, 404, `${step} of another visitor's line`);
			const noToken = await a.post(`/cart/items/${line}/${step}`, { qty: 1 }, { csrf: null, origin: ORIGIN });
			assert.equal(noToken.status, 403, `${step} without the token`);
		}
		assert.equal(headerCount((await a.get('/cart')).text), 2);
		assert.equal(headerCount((await b.get('/cart')).text), 1);
	});

	test('the anonymous cart joins the account at login and outlives logout', async () => {
		const { email, password } = await signupCustomer();
		const c = new Client();
		assert.equal((await addToCart(c, lamp, 3)).status, 303);
		await login(c, email, password);
		let cart = await c.get('/cart');
		assert.equal(headerCount(cart.text), 3);
		assert.ok(cart.text.includes(htmlEscape(lamp.name)), 'the lamp is in the account\'s cart');
		// Logging out: the header is a guest's again, on shared pages too.
		await c.form('/account');
		assert.equal((await c.post('/logout', {})).status, 303);
		assert.equal(c.cookie('bz_hk'), undefined, 'the header key went with the session');
		const after = await cachedProductPage(c, mug);
		assert.doesNotMatch(after.text, /Log out/);
		assert.equal(headerCount(after.text), 0);
		// Another device: the same cart.
		const phone = new Client();
		await login(phone, email, password);
		cart = await phone.get('/cart');
		assert.equal(headerCount(cart.text), 3);
		// And back on the first one.
		await login(c, email, password);
		assert.equal(headerCount((await c.get('/cart')).text), 3);
	});
});

describe('shared pages for shoppers with a cart', () => {
	test('two visitors with different carts get the same cached page and their own header', async () => {
		const a = new Client();
		const b = new Client();
		assert.equal((await addToCart(a, lamp, 1)).status, 303);
		assert.equal((await addToCart(b, lamp, 4)).status, 303);
		const path = productPath(mug);
		const pa = await cachedProductPage(a, mug);
		const pb = await cachedProductPage(b, mug);
		assert.equal(headerCount(pa.text), 1);
		assert.equal(headerCount(pb.text), 4);
		assert.equal(pa.headers.get('cache-control'), 'private, no-cache');
		const stored = await cachedPage(path);
		assert.ok(stored, 'the page is in memcached');
		assert.match(stored, /<!--# include virtual="\/_bazaar\/header" -->/);
		assert.doesNotMatch(stored, /cart-count/, 'no visitor\'s count in the shared page');
		// Outside the header the two answers are the shared page itself.
		const strip = (t) => t.replace(/<nav class="account-nav"[\s\S]*?<\/nav>/, '');
		assert.equal(strip(pa.text), strip(pb.text));
		// A change shows on the next shared page at once.
		assert.equal((await addToCart(a, lamp, 2)).status, 303);
		assert.equal(headerCount((await cachedProductPage(a, mug)).text), 3);
		// An anonymous visitor still gets the guest links with no count.
		const anon = await cachedProductPage(new Client(), mug);
		assert.equal(headerCount(anon.text), 0);
		assert.match(anon.text, /href="\/login"/);
		// nginx sends it without SSI: the directives stay as comments
		// around the guest links, and nothing is included.
		assert.match(anon.text, /<!--# include virtual="\/_bazaar\/header" -->/);
		assert.doesNotMatch(anon.text, /cart-count/);
	});

	test('an anonymous cart\'s count comes in a cookie that nginx writes into cached pages', async () => {
		const strip = (t) => t.replace(/<!--#[^>]*-->/g, '');
		const c = new Client();
		assert.equal((await addToCart(c, lamp, 1)).status, 303);
		assert.equal(c.cookie('bz_cc'), '1');
		let page = await cachedProductPage(c, mug);
		assert.equal(headerCount(page.text), 1);
		assert.match(page.text, /cart-count">1<span class="visually-hidden"> item</);
		assert.equal(page.headers.get('cache-control'), 'private, no-cache');
		// The same page as the storefront draws for the visitor (the header
		// fragment path, without the cookie), the SSI comments aside.
		const drawn = c.clone();
		drawn.setCookie('bz_cc', undefined);
		const viaFragment = await cachedProductPage(drawn, mug);
		assert.equal(strip(page.text), strip(viaFragment.text));
		// Each change of the cart comes with the new count.
		assert.equal((await addToCart(c, lamp, 2)).status, 303);
		assert.equal(c.cookie('bz_cc'), '3');
		page = await cachedProductPage(c, mug);
		assert.equal(headerCount(page.text), 3);
		assert.match(page.text, /cart-count">3<span class="visually-hidden"> items</);
		const cart = await c.get('/cart');
		const line = /action="\/cart\/items\/([0-9]+)\/save"/.exec(cart.text);
		assert.ok(line, 'the cart page has "save for later"');
		assert.equal((await c.post(`/cart/items/${line[1]}/save`, {})).status, 303);
		assert.equal(c.cookie('bz_cc'), '0', 'an empty cart');
		page = await cachedProductPage(c, mug);
		assert.equal(headerCount(page.text), 0);
		// A cookie nginx must not trust is not written into the page.
		for (const forged of ['<b>x</b>', '1000', '07', '-1']) {
			const f = c.clone();
			f.setCookie('bz_cc', forged);
			const res = await cachedProductPage(f, mug);
			assert.doesNotMatch(res.text, /<b>x<\/b>|cart-count">(1000|07|-1)</, `bz_cc=${forged}`);
			assert.equal(headerCount(res.text), 0, `bz_cc=${forged}: the cart's own count`);
		}
		// At login the account's header takes over: no count cookie.
		assert.equal((await c.post(`/cart/items/${line[1]}/move`, {})).status, 303);
		assert.equal(c.cookie('bz_cc'), '3');
		const { email, password } = await signupCustomer();
		await login(c, email, password);
		assert.equal(c.cookie('bz_cc'), undefined);
		assert.equal(headerCount((await cachedProductPage(c, mug)).text), 3);
	});

	test('nginx\'s header location is not reachable from outside', async () => {
		const c = new Client();
		assert.equal((await addToCart(c, lamp, 1)).status, 303);
		assert.equal((await c.get('/_bazaar/header')).status, 404);
		// The storefront's own route answers a visitor its own links only.
		const own = await c.get('/cart/header');
		assert.equal(own.status, 200);
		assert.equal(headerCount(own.text), 1);
		assert.equal(own.headers.get('cache-control'), 'no-store');
	});
});
