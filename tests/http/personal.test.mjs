// The shopper's own parts of shared pages through nginx (cgi/lib/personal.h,
// cgi/storefront/sf_personal.c): a visitor without the bz_rv cookie gets the
// product page from memcached as it is stored (no SSI, its directives as
// comments); a visitor with a list gets the very same cached page with their
// recently viewed strip put in by SSI (from memcached for the list, drawn on
// a miss), marked private; the cached copy never holds a strip; "Clear" from
// a cached page is checked by Origin and removes the list.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import vm from 'node:vm';
import { Client, ORIGIN, signupCustomer } from '../lib/accounts.mjs';
import { activeProduct, cachedPage, cachedProductPage, htmlEscape, memcached, productPath } from '../lib/stack.mjs';

const seen = activeProduct(41);
const other = activeProduct(43);
const page = activeProduct(47);
const SSI = '<!--# if expr="$bz_rv" --><!--# include virtual="/_bazaar/recent" --><!--# endif -->';

describe('recently viewed on cached product pages', () => {
	test('without a list: the stored page, untouched; with one: the same page and the strip', async () => {
		const guest = await cachedProductPage(new Client(), page);
		assert.ok(guest.text.includes(SSI), 'the directives reach a guest as comments');
		assert.doesNotMatch(guest.text, /Recently viewed/);
		assert.ok(guest.text.includes(`data-recent-id="${Number(page.id)}"`));
		assert.match(guest.text, /<script src="[^"]*recent[^"]*\.js" defer><\/script>/);

		const list = `${Number(seen.id)}.${Number(other.id)}`;
		await memcached(`delete bz:rv:${list}`);
		const viewer = new Client();
		viewer.setCookie('bz_rv', list);
		for (let i = 0; i < 2; i++) {	// drawn on the first, from memcached on the second
			const res = await cachedProductPage(viewer, page);
			assert.match(res.text, /<h2 id="recent-title">Recently viewed<\/h2>/);
			assert.ok(res.text.includes(htmlEscape(seen.name)), 'the strip names what was viewed');
			assert.ok(res.text.includes(htmlEscape(other.name)));
			assert.ok(res.text.indexOf(productPath(seen)) < res.text.indexOf(productPath(other)), 'newest first');
			assert.equal(res.headers.get('cache-control'), 'private, no-cache');
			assert.doesNotMatch(res.text, /_bazaar\/recent/);
		}
		const stored = await cachedPage(productPath(page));
		assert.ok(stored, 'the page is in memcached');
		assert.ok(stored.includes(SSI), 'the shared copy keeps the directives');
		assert.doesNotMatch(stored, /Recently viewed/, 'and holds nobody\'s strip');

		const again = await cachedProductPage(new Client(), page);
		assert.doesNotMatch(again.text, /Recently viewed/, 'the next guest gets the shared page');
	});

	test('a malformed list is no list', async () => {
		const c = new Client();
		c.setCookie('bz_rv', '1.2.x');
		const res = await cachedProductPage(c, page);
		assert.doesNotMatch(res.text, /Recently viewed/);
	});

	test('the home page and the cart show the strip; Clear removes it', async () => {
		const c = new Client();
		c.setCookie('bz_rv', `${Number(other.id)}`);
		for (const path of ['/', '/cart']) {
			const res = await c.get(path);
			assert.equal(res.status, 200, path);
			assert.ok(res.text.includes(htmlEscape(other.name)), path);
			assert.equal(res.headers.get('cache-control'), 'no-store', path);
		}
		const refused = await c.post('/recent/clear', {}, { csrf: null, origin: 'http://evil.example' });
		assert.equal(refused.status, 403);
		assert.equal(c.cookie('bz_rv'), `${Number(other.id)}`);
		const res = await c.post('/recent/clear', {}, {
			csrf: null, origin: ORIGIN, headers: { Referer: `${ORIGIN}${productPath(page)}` },
		});
		assert.equal(res.status, 303);
		assert.equal(res.location, productPath(page));
		assert.ok(!c.cookie('bz_rv'), 'the list is gone');
		const home = await c.get('/');
		assert.doesNotMatch(home.text, /Recently viewed/);
	});
});

describe('personalisation off', () => {
	test('no strip and no personal Sponsored choice; the browser is told to keep no list', async () => {
		const { client } = await signupCustomer();
		client.setCookie('bz_rv', `${Number(seen.id)}`);
		const on = await client.get('/');
		assert.ok(on.text.includes(htmlEscape(seen.name)));
		const account = await client.get('/account');
		assert.match(account.text, /Turn personalisation off/);
		const res = await client.post('/account/personalisation', { personalise: 'off' });
		assert.equal(res.status, 303);
		assert.equal(client.cookie('bz_np'), '1');
		assert.ok(!client.cookie('bz_rv'));
		client.setCookie('bz_rv', `${Number(seen.id)}`);	// a script that did not listen
		const off = await cachedProductPage(client, page);
		assert.doesNotMatch(off.text, /Recently viewed/);
		const home = await client.get('/');
		assert.doesNotMatch(home.text, /Recently viewed|\?r=viewed|\?r=bought/);
	});
});

describe('static/js/recent.js', () => {
	/** Runs the script on a page of product id with the cookies given; the
	 * cookie it writes, or null. */
	function run(id, cookies) {
		let written = null;
		const document = {
			querySelector: () => (id === null ? null : { getAttribute: () => id }),
			get cookie() { return cookies; },
			set cookie(v) { written = v; },
		};
		vm.runInNewContext(script, { document, location: { protocol: 'http:' } });
		return written;
	}
	const script = readFileSync(new URL('../../static/js/recent.js', import.meta.url), 'utf8');

	test('puts the product in front, each once, at most ten, for a month', () => {
		assert.match(run('7', ''), /^bz_rv=7; Path=\/; Max-Age=2592000; SameSite=Lax$/);
		assert.match(run('7', 'a=1; bz_rv=3.7.5'), /^bz_rv=7\.3\.5;/);
		assert.match(run('11', 'bz_rv=1.2.3.4.5.6.7.8.9.10'), /^bz_rv=11\.1\.2\.3\.4\.5\.6\.7\.8\.9;/);
		assert.match(run('4', 'bz_rv=x.5'), /^bz_rv=4\.5;/, 'junk in the list is dropped');
	});

	test('records nothing with personalisation off or on a page without a product', () => {
		assert.equal(run('7', 'bz_np=1; bz_rv=3'), null);
		assert.equal(run(null, ''), null);
		assert.equal(run('07', ''), null);
	});
});
