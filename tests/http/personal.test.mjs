// The shopper's own parts of shared pages through nginx (cgi/lib/personal.h,
// cgi/storefront/sf_personal.c): a visitor without the bz_rv cookie gets the
// product page from memcached as it is stored (no SSI, its directives as
// comments); a visitor with a list gets the very same cached page with their
// recently viewed strip put in by SSI (from memcached for the list, drawn on
// a miss), marked private; the cached copy never holds a strip; "Clear" from
// a cached page is checked by Origin and removes the list. A browser
// without JavaScript records its views through the page's <noscript> image,
// only from the site's own pages, while the page stays everybody's. The Sponsored
// slots of category and search pages are chosen from what the browser viewed
// for that visitor only, each card saying why; everybody else gets the
// program's cached page byte for byte.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import vm from 'node:vm';
import { Client, ORIGIN, signupCustomer } from '../lib/accounts.mjs';
import {
	activeProduct, cachedPage, cachedProductPage, get, htmlEscape, htmlUnescape, memcached, parseCards, productPath, sleep, sql, sqlRow,
} from '../lib/stack.mjs';

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

describe('recently viewed without JavaScript', () => {
	const first = activeProduct(71);
	const second = activeProduct(73);
	/** The address of the <noscript> image of a product page. */
	function noscriptImage(html) {
		const m = /<noscript><img src="([^"]+)" alt="" width="1" height="1" hidden><\/noscript>/.exec(html);
		assert.ok(m, 'the product page has its <noscript> image');
		return htmlUnescape(m[1]);
	}
	/** Fetches it as a browser does an image of the page it is on. */
	function fetchImage(client, path, page, headers = {}) {
		return client.get(path, {
			headers: {
				Accept: 'image/avif,image/webp,image/*,*/*;q=0.8',
				'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image',
				Referer: `${ORIGIN}${productPath(page)}`,
				...headers,
			},
		});
	}

	test('the image puts the product into the list; the next cached page shows it; the page stays shared', async () => {
		const shared = await cachedProductPage(new Client(), first);
		assert.equal(shared.setCookies.length, 0, 'the shared page sets no cookie');

		const c = new Client();
		const page1 = await cachedProductPage(c, first);
		assert.equal(page1.text, shared.text, 'the same page for a visitor without a list');
		const src = noscriptImage(page1.text);
		assert.equal(src, `/recent/add/${Number(first.id)}`);
		const img = await fetchImage(c, src, first);
		assert.equal(img.status, 200);
		assert.equal(img.headers.get('content-type'), 'image/gif');
		assert.equal(img.headers.get('cache-control'), 'no-store', 'never kept by a cache');
		assert.ok(img.text.startsWith('GIF89a'), 'a GIF');
		assert.equal(c.cookie('bz_rv'), `${Number(first.id)}`);

		// The next page from nginx's cache, the strip put in by SSI.
		const page2 = await cachedProductPage(c, second);
		assert.equal(page2.headers.get('x-cache'), 'HIT');
		assert.match(page2.text, /<h2 id="recent-title">Recently viewed<\/h2>/);
		const strip = page2.text.slice(page2.text.indexOf('id="recent-title"'));
		assert.ok(strip.includes(productPath(first)), 'the strip links the product viewed');
		assert.ok(strip.includes(htmlEscape(first.name)));
		assert.equal(page2.headers.get('cache-control'), 'private, no-cache');
		const img2 = await fetchImage(c, noscriptImage(page2.text), second);
		assert.equal(img2.status, 200);
		assert.equal(c.cookie('bz_rv'), `${Number(second.id)}.${Number(first.id)}`, 'newest first');
		// Again: each product once.
		await fetchImage(c, src, first);
		assert.equal(c.cookie('bz_rv'), `${Number(first.id)}.${Number(second.id)}`);

		// Another site's image is refused, the list untouched.
		const before = c.cookie('bz_rv');
		const evil = await fetchImage(c, `/recent/add/${Number(second.id)}`, first,
			{ 'Sec-Fetch-Site': 'cross-site', Referer: 'http://evil.example/' });
		assert.equal(evil.status, 403);
		assert.equal(evil.setCookies.length, 0);
		assert.equal(c.cookie('bz_rv'), before);
		// A product the shop does not show: nothing changed.
		const hidden = sqlRow("SELECT MIN(id) AS id FROM products WHERE status = 'hidden'").id;
		const gone = await fetchImage(c, `/recent/add/${Number(hidden)}`, first);
		assert.equal(gone.status, 404);
		assert.equal(c.cookie('bz_rv'), before);

		// Everybody else still gets the stored page, byte for byte.
		const again = await cachedProductPage(new Client(), first);
		assert.equal(again.text, shared.text, 'the shared page is unchanged');
		assert.equal(again.setCookies.length, 0);
		assert.equal(await cachedPage(productPath(first)), shared.text, 'memcached holds the shared page');
	});

	test('a logged-in shopper\'s view is kept for the account; with personalisation off nothing is', async () => {
		const { client, user: { id } } = await signupCustomer();
		const user = Number(id);
		const page = await cachedProductPage(client, first);
		assert.equal((await fetchImage(client, noscriptImage(page.text), first)).status, 200);
		assert.equal(client.cookie('bz_rv'), `${Number(first.id)}`);
		const kept = sql('SELECT product_id FROM recently_viewed WHERE user_id = @p1', [user]);
		assert.deepEqual(kept.map((r) => Number(r.product_id)), [Number(first.id)]);

		await client.get('/account');
		assert.equal((await client.post('/account/personalisation', { personalise: 'off' })).status, 303);
		assert.equal(client.cookie('bz_np'), '1');
		await client.get('/account');	// where it goes, showing its message
		const off = await fetchImage(client, `/recent/add/${Number(second.id)}`, second);
		assert.equal(off.status, 200, 'the image, for the page\'s sake');
		assert.equal(off.setCookies.length, 0, 'and nothing set');
		assert.ok(!client.cookie('bz_rv'));
		assert.equal(sql('SELECT product_id FROM recently_viewed WHERE user_id = @p1', [user]).length, 0);
	});
});

// Asks until the program answers from its page cache; that answer.
async function cachedListing(path) {
	for (let i = 0; i < 100; i++) {
		const res = await get(path);
		assert.equal(res.status, 200, path);
		if (/HIT/.test(res.headers.get('x-cache') ?? '')) return res;
		await sleep(100);
	}
	assert.fail(`${path} is never answered from the cache`);
}

// The Sponsored cards of a page: each must say so, name its shop and link
// to "why"; their "why" links.
function sponsoredWhy(html) {
	const why = [];
	for (const m of html.matchAll(/<article class="card">([\s\S]*?)<\/article>/g)) {
		if (!m[1].includes('class="sponsored-tag"')) continue;
		assert.match(m[1], /<p class="vendor">Sold by [^<]+<\/p>/, 'a Sponsored card names its shop');
		const link = /<a href="(\/sponsored\/\d+\/why[^"]*)">Why am I seeing this/.exec(m[1]);
		assert.ok(link, 'a Sponsored card links to why');
		why.push(link[1]);
	}
	return why;
}

describe('Sponsored slots of category and search pages', () => {
	const x = activeProduct(61);
	const MARK = 30031;	// the fee of this test's promotion, to find it again

	test('chosen from what the browser viewed, saying why; everybody else gets the shared page', async () => {
		sql('DELETE FROM promotions WHERE fee_minor = @p1', [MARK]);
		sql(`INSERT INTO promotions (product_id, vendor_id, placement, starts_at, ends_at, fee_minor, status)
			SELECT id, vendor_id, 'all', UTC_TIMESTAMP() - INTERVAL 1 DAY, UTC_TIMESTAMP() + INTERVAL 1 DAY,
			       @p2, 'active' FROM products WHERE id = @p1`, [x.id, MARK]);
		const promo = Number(sqlRow('SELECT id FROM promotions WHERE fee_minor = @p1', [MARK]).id);
		try {
			// Another part of the shop: its pages do not list x.
			const cat = sqlRow(`SELECT id, slug FROM categories WHERE parent_id IS NULL AND id <> @p1
				ORDER BY id LIMIT 1`, [x.top_category_id]);
			const word = sqlRow(`SELECT LOWER(SUBSTRING_INDEX(name, ' ', 1)) AS w FROM products
				WHERE top_category_id = @p1 AND status = 'active' ORDER BY id LIMIT 1`, [cat.id]).w;
			const why = `/sponsored/${promo}/why?r=viewed`;
			const viewer = new Client();
			viewer.setCookie('bz_rv', `${Number(x.id)}`);
			for (const path of [`/c/${cat.slug}`, `/search?q=${encodeURIComponent(word)}`]) {
				const shared = await cachedListing(path);
				assert.ok(shared.text.includes('<!--bz:sponsored '), `${path}: the shared page keeps its markers`);
				assert.doesNotMatch(shared.text, /\?r=(viewed|bought)/, `${path}: nothing chosen for anybody`);

				const res = await viewer.get(path);
				assert.equal(res.status, 200, path);
				const cards = parseCards(res.text).filter((c) => c.sponsored);
				assert.equal(cards[0]?.promotion, promo, `${path}: the promotion of what was viewed comes first`);
				assert.ok(sponsoredWhy(res.text).includes(why), `${path}: its why link gives the reason`);
				assert.match(res.text, /chosen from what you viewed/);
				assert.equal(res.headers.get('cache-control'), 'no-store', path);

				const again = await cachedListing(path);
				assert.equal(again.text, shared.text, `${path}: the cached page is everybody's, untouched`);
				sponsoredWhy(again.text);
			}
			const reason = await viewer.get(why);
			assert.match(reason.text, /you recently viewed products in/);
			const passedOn = await get(why);
			assert.match(passedOn.text, /nothing about you was used/, 'a link passed on says nothing of its sender');

			// Personalisation off: the pages' own choice, the list ignored.
			const { client } = await signupCustomer();
			await client.get('/account');
			assert.equal((await client.post('/account/personalisation', { personalise: 'off' })).status, 303);
			client.setCookie('bz_rv', `${Number(x.id)}`);
			for (const path of [`/c/${cat.slug}`, `/search?q=${encodeURIComponent(word)}`]) {
				const off = await client.get(path);
				assert.doesNotMatch(off.text, /\?r=(viewed|bought)|chosen from what you viewed/, path);
				sponsoredWhy(off.text);
			}
		} finally {
			sql('DELETE FROM promotions WHERE fee_minor = @p1', [MARK]);
		}
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
