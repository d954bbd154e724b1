// Status codes, error pages and the content of the storefront's pages, as a
// shopper's browser (or a crawler) gets them through nginx.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	activeProduct, assertLayout, assertNotShows, assertShows, get, groupDigits, h1,
	listingCards, money, productPath, request, searchResynced, sql, sqlRow,
} from '../lib/stack.mjs';

const product = activeProduct(0);
const topCategory = sqlRow(`
	SELECT c.id, c.slug, c.name,
	       (SELECT COUNT(*) FROM products p
	         WHERE p.top_category_id = c.id AND p.status = 'active') AS active
	  FROM categories c
	 WHERE c.parent_id IS NULL
	 ORDER BY c.position, c.name
	 LIMIT 1`);
const vendor = sqlRow(`
	SELECT v.id, v.slug, v.trading_name,
	       (SELECT COUNT(*) FROM products p WHERE p.vendor_id = v.id AND p.status = 'active') AS active
	  FROM vendors v
	 WHERE v.status = 'verified'
	 ORDER BY v.id
	 LIMIT 1`);

// Every response of this file is checked against 5xx as it arrives.
async function fetchOk(path, init) {
	const res = await get(path, init);
	assert.ok(res.status < 500, `${path}: ${res.status}`);
	return res;
}

describe('pages answer 200 with their content', () => {
	test('home page lists the top-level categories and the newest product', async () => {
		const res = await fetchOk('/');
		assert.equal(res.status, 200);
		assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/i);
		assertLayout(res.text, '/');
		const tops = sql(`SELECT slug, name FROM categories WHERE parent_id IS NULL ORDER BY position, name`);
		assert.ok(tops.length > 0, 'the demo catalogue has categories');
		for (const c of tops) {
			assert.ok(res.text.includes(`href="/c/${c.slug}"`), `home links category ${c.slug}`);
			assertShows(res.text, c.name, '/');
		}
		const newest = sqlRow(`
			SELECT p.id, p.slug, p.name FROM products p
			  JOIN vendors v ON v.id = p.vendor_id
			 WHERE p.status = 'active' AND v.status = 'verified'
			 ORDER BY p.created_at DESC, p.id DESC LIMIT 1`);
		assert.ok(res.text.includes(`href="${productPath(newest)}"`),
			`home "New arrivals" should link the newest product ${productPath(newest)}`);
	});

	test('category page: name, product count and products of that category', async () => {
		await searchResynced();	// category pages list from the search index
		const res = await fetchOk(`/c/${topCategory.slug}`);
		assert.equal(res.status, 200);
		assertLayout(res.text, `/c/${topCategory.slug}`);
		assert.equal(h1(res.text), topCategory.name);
		assert.ok(Number(topCategory.active) > 0, 'the category has products');
		assert.match(res.text, new RegExp(`<p class="result-count"[^>]*>(Showing [^<]* of )?${groupDigits(topCategory.active)} products</p>`),
			`the count ${topCategory.active} of active products`);
		const cards = listingCards(res.text);
		assert.equal(cards.length, Math.min(24, Number(topCategory.active)), 'one full page of cards');
		const ids = cards.map((c) => c.id);
		const rows = sql(`
			SELECT p.id, p.name, p.price_minor, p.top_category_id FROM products p
			 WHERE p.status = 'active' AND p.top_category_id = @p1
			 ORDER BY p.popularity DESC, p.id DESC LIMIT 24`, [topCategory.id]);
		assert.deepEqual(ids, rows.map((r) => Number(r.id)), 'cards in "most popular" order');
		for (const [i, r] of rows.entries()) {
			assert.equal(cards[i].name, r.name);
			assert.equal(cards[i].price, money(r.price_minor));
		}
	});

	test('product page: name, price, vendor and category from the database', async () => {
		const path = productPath(product);
		const res = await fetchOk(path);
		assert.equal(res.status, 200);
		assertLayout(res.text, path);
		assert.equal(h1(res.text), product.name);
		assertShows(res.text, money(product.price_minor), path);
		assertShows(res.text, product.vendor_name, path);
		assert.ok(res.text.includes(`href="/v/${product.vendor_slug}"`), 'links the vendor shop');
		assert.ok(res.text.includes(`href="/c/${product.category_slug}"`), 'links its category');
		assert.match(res.text, new RegExp(`<link rel="canonical" href="[^"]*${path}"`), 'canonical link');
	});

	test('vendor shop: name and product count', async () => {
		const res = await fetchOk(`/v/${vendor.slug}`);
		assert.equal(res.status, 200);
		assertLayout(res.text, `/v/${vendor.slug}`);
		assert.equal(h1(res.text), vendor.trading_name);
		assert.match(res.text, new RegExp(`<p class="result-count"[^>]*>(Showing [^<]* of )?${groupDigits(vendor.active)} products?</p>`),
			`shows the count ${vendor.active}`);
		const newest = sqlRow(`
			SELECT id, slug FROM products WHERE vendor_id = @p1 AND status = 'active'
			 ORDER BY created_at DESC, id DESC LIMIT 1`, [vendor.id]);
		assert.ok(res.text.includes(`href="${productPath(newest)}"`), 'lists its newest product');
	});

	test('search finds a product by its name', async () => {
		// A product whose name is unique, searched by its name: it must be on
		// the first page of results (relevance order).
		const p = sqlRow(`
			SELECT p.id, p.slug, p.name, p.price_minor FROM products p
			  JOIN vendors v ON v.id = p.vendor_id
			 WHERE p.status = 'active' AND v.status = 'verified' AND p.top_category_id = @p1
			   AND NOT EXISTS (SELECT 1 FROM products q WHERE q.name = p.name AND q.id <> p.id)
			 ORDER BY p.id LIMIT 1`, [topCategory.id]);
		const res = await fetchOk(`/search?q=${encodeURIComponent(p.name)}`);
		assert.equal(res.status, 200);
		assertLayout(res.text, '/search');
		assert.equal(h1(res.text), `Results for “${p.name}”`);
		const cards = listingCards(res.text);
		assert.ok(cards.length > 0, 'some results');
		const hit = cards.find((c) => c.id === Number(p.id));
		assert.ok(hit, `${productPath(p)} among the results`);
		assert.equal(hit.name, p.name);
		assert.equal(hit.price, money(p.price_minor));
		// The search box keeps the text.
		assert.match(res.text, /<input id="site-search-q"[^>]*value="[^"]+"/);
	});

	test('search for nothing known says so, 200', async () => {
		const res = await fetchOk('/search?q=zzqxjv%20wwkqpf');
		assert.equal(res.status, 200);
		assert.equal(listingCards(res.text).length, 0);
		assertShows(res.text, 'Nothing matched', '/search');
	});

	test('healthz answers "ok"', async () => {
		const res = await fetchOk('/healthz');
		assert.equal(res.status, 200);
		assert.equal(res.text.trim(), 'ok');
	});

	test('HEAD gets the headers without a body', async () => {
		const res = await fetchOk('/', { method: 'HEAD' });
		assert.equal(res.status, 200);
		assert.equal(res.text, '');
	});
});

describe('errors are clear pages, never 5xx', () => {
	test('unknown path: 404 in the site layout with the request id', async () => {
		const res = await fetchOk('/nowhere');
		assert.equal(res.status, 404);
		assertLayout(res.text, '/nowhere');
		const rid = res.headers.get('x-request-id');
		assert.match(rid ?? '', /^[0-9a-f]{16}$/, 'X-Request-Id header');
		assert.ok(res.text.includes(rid), `the page shows the request id ${rid}`);
		assertShows(res.text, 'Error 404', '/nowhere');
	});

	for (const path of ['/p/abc', '/p/999999999-no-such-thing', '/c/no-such-category', '/v/no-such-shop']) {
		test(`${path} is 404`, async () => {
			const res = await fetchOk(path);
			assert.equal(res.status, 404);
			assertLayout(res.text, path);
		});
	}

	test('draft and removed products have no page (404)', async () => {
		const rows = sql(`
			SELECT id, slug, status FROM products WHERE status = 'draft' ORDER BY id LIMIT 1`)
			.concat(sql(`SELECT id, slug, status FROM products WHERE status = 'removed' ORDER BY id LIMIT 1`));
		assert.equal(rows.length, 2, 'the demo catalogue has a draft and a removed product');
		for (const r of rows) {
			const res = await fetchOk(productPath(r));
			assert.equal(res.status, 404, `${r.status} product ${productPath(r)}`);
			assertLayout(res.text, productPath(r));
		}
	});

	const bad = [
		[`/c/${topCategory.slug}?page=-1`, /page/i],
		[`/c/${topCategory.slug}?page=0`, /page/i],
		[`/c/${topCategory.slug}?page=abc`, /page/i],
		[`/c/${topCategory.slug}?sort=DROP`, /sort/i],
		[`/c/${topCategory.slug}?sort=popular&sort=newest`, /sort/i],
		[`/c/${topCategory.slug}?min_price=cheap`, /price/i],
		[`/search?q=${'a'.repeat(101)}`, /search/i],
		['/search?q=%E', null],
		['/search?q=%ZZ', null],
	];
	for (const [path, names] of bad) {
		test(`${path.length > 60 ? path.slice(0, 60) + '…' : path} is 400${names ? ' naming the parameter' : ''}`, async () => {
			const res = await fetchOk(path);
			assert.equal(res.status, 400);
			assertLayout(res.text, path);
			assertShows(res.text, 'Error 400', path);
			if (names) {
				const msg = /<p class="message">([\s\S]*?)<\/p>/.exec(res.text);
				assert.ok(msg, `${path}: the page explains what was wrong`);
				assert.match(msg[1], names, `${path}: the message names the parameter`);
			}
		});
	}

	test('search text of exactly 100 bytes is accepted, 101 (multi-byte) is not', async () => {
		const ok = await fetchOk(`/search?q=${'b'.repeat(100)}`);
		assert.equal(ok.status, 200);
		const long = await fetchOk(`/search?q=${encodeURIComponent('é'.repeat(51))}`); // 102 bytes
		assert.equal(long.status, 400);
	});

	test('a wrong slug redirects (301) to the canonical product path', async () => {
		const res = await fetchOk(`/p/${product.id}-wrong`);
		assert.equal(res.status, 301);
		assert.equal(new URL(res.headers.get('location'), 'http://x').pathname, productPath(product));
	});

	test('/p/<id> redirects (301) to the canonical product path', async () => {
		const res = await fetchOk(`/p/${product.id}`);
		assert.equal(res.status, 301);
		assert.equal(new URL(res.headers.get('location'), 'http://x').pathname, productPath(product));
	});

	for (const path of ['/', () => `/c/${topCategory.slug}`, () => productPath(product), '/search?q=lamp']) {
		test(`POST to GET route ${typeof path === 'function' ? path() : path} is 405`, async () => {
			const p = typeof path === 'function' ? path() : path;
			const res = await request('POST', p, {
				body: 'a=1',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			assert.equal(res.status, 405);
			assert.match(res.headers.get('allow') ?? 'GET', /GET/);
		});
	}

	test('a 2 MB body is refused by nginx with 413', async () => {
		const res = await request('POST', '/search', {
			body: Buffer.alloc(2 * 1024 * 1024, 0x61),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		assert.equal(res.status, 413);
	});
});

describe('no 5xx anywhere', () => {
	test('odd but harmless requests never fail', async () => {
		const odd = [
			'/search', '/search?q=', '/search?q=%20%20', "/search?q=%27%22%3B--", '/search?q=%3Cscript%3E',
			'/search?q=a', '/search?q=%2B%2B%2B---', '/search?q=lamp&page=10000', '/search?q=lamp&unknown=1',
			`/c/${topCategory.slug}?page=10000`, `/c/${topCategory.slug}?min_price=5&max_price=1`,
			`/c/${topCategory.slug}?in_stock=1&sort=price_desc`, `/c/${topCategory.slug}?zzz=1`,
			'/c/', '/p/', '/p/-1', '/p/0-x', '/p/99999999999999999999999', '/v/', '/c/%00',
			`/p/${product.id}-${product.slug}?utm_source=x`, `/p/${product.id}-${product.slug.toUpperCase()}`,
			`/p/${product.id}-a_b`, `/p/${product.id}-`, '/%', '/..%2f..%2fetc/passwd',
			`/${'x'.repeat(3000)}`, '/static/', '/static/nope.css', '/media/nope.svg', '/static/manifest.txt',
		];
		for (const path of odd) {
			const res = await get(path);
			assert.ok(res.status < 500, `${path.slice(0, 80)}: ${res.status}`);
			// An error page still comes in the site's layout (or is nginx's own for files).
			if (res.status >= 400 && !path.startsWith('/static/') && !path.startsWith('/media/'))
				assert.match(res.text, /class="site-header"|<title>/, `${path.slice(0, 80)}: no page`);
		}
	});

	test('search text is shown escaped, never as markup', async () => {
		const res = await fetchOk('/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
		assert.equal(res.status, 200);
		assert.ok(!res.text.includes('<script>alert(1)'), 'no raw <script> from the query');
		assert.ok(res.text.includes('&lt;script&gt;alert(1)'), 'the text shown escaped');
	});

	test('crawl from the home page: every internal link works', async () => {
		const start = ['/', `/c/${topCategory.slug}`];
		const queue = [...start];
		const seen = new Set(start);
		const results = [];
		const LIMIT = 120;
		while (queue.length && results.length < LIMIT) {
			const path = queue.shift();
			const res = await get(path);
			results.push([path, res.status]);
			assert.ok(res.status < 500, `${path}: ${res.status}`);
			if (res.status !== 200 || !/text\/html/.test(res.headers.get('content-type') ?? '')) continue;
			for (const m of res.text.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
				const link = m[1].replace(/&amp;/g, '&');
				if (link.startsWith('//') || seen.has(link)) continue;
				seen.add(link);
				queue.push(link);
			}
		}
		assert.ok(results.length >= 40, `crawled ${results.length} URLs`);
		// Every link the storefront itself writes must work.
		const broken = results.filter(([, s]) => s !== 200);
		assert.equal(broken.length, 0, `${broken.length} of ${results.length} crawled links are broken, e.g.:\n`
			+ broken.slice(0, 10).map(([p, s]) => `  ${s} ${p}`).join('\n'));
	});
});

test('category names with "&" are escaped once in the page', async () => {
	const c = sql(`SELECT slug, name FROM categories WHERE name LIKE '%&%' ORDER BY id LIMIT 1`)[0];
	assert.ok(c, 'the demo catalogue has a category with "&" in its name');
	const res = await fetchOk(`/c/${c.slug}`);
	assert.equal(res.status, 200);
	assert.equal(h1(res.text), c.name);
	assertNotShows(res.text, '&amp;', `/c/${c.slug}`);
});
