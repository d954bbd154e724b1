// The page cache: anonymous product pages served by nginx straight from
// memcached, personal requests never served from it, a price change visible
// at once, and every page still served when memcached hangs or is down.
// The tests of this file run one after the other: they change shared state
// (a price, the memcached process).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
	activeProduct, assertSecurityHeaders, assertShows, env, forgetPage, get, h1, listingCards, memcachedRetried,
	cachedPage, memcached, money, pageIsCached, productPath, sleep, sql, sqlInt, sqlRow, componentPid,
} from '../lib/stack.mjs';

const ROOT = process.env.BAZAAR_ROOT || new URL('../..', import.meta.url).pathname;

// Products the other test files read (their prices must not change under them).
const reserved = new Set([activeProduct(0).id, activeProduct(1).id].map(Number));

// Nor may they fetch this file's product while it tests the cache: leave
// out what the home page links (other tests crawl it).
for (const m of (await get('/')).text.matchAll(/href="\/p\/(\d+)-/g)) reserved.add(Number(m[1]));

// A product of this file's own, from a sub-category of the last top-level
// category, on the first page of that sub-category ("most popular" order).
const product = sql(`
	SELECT p.id, p.slug, p.name, p.price_minor, c.slug AS category_slug, c.name AS category_name,
	       v.status AS vendor_status
	  FROM products p
	  JOIN vendors v ON v.id = p.vendor_id
	  JOIN categories c ON c.id = p.category_id
	 WHERE p.status = 'active'
	   AND p.category_id = (SELECT s.id FROM categories s
	                         WHERE s.parent_id = (SELECT t.id FROM categories t WHERE t.parent_id IS NULL
	                                               ORDER BY t.position DESC, t.name DESC LIMIT 1)
	                         ORDER BY s.position, s.name LIMIT 1)
	 ORDER BY p.popularity DESC, p.id DESC LIMIT 24`)
	.find((p) => p.vendor_status === 'verified' && !reserved.has(Number(p.id)));
assert.ok(product, 'a product for the cache tests');
const path = productPath(product);

const xcache = (res) => res.headers.get('x-cache') ?? '';

/** The price paragraph of the product page's buy box. */
function buyBoxPrice(html) {
	const box = /<div class="buy-box">([\s\S]*?)<\/div>/.exec(html);
	assert.ok(box, 'the product page has a buy box');
	const price = /<p class="price">(?:<span class="visually-hidden">[^<]*<\/span>)?([^<]+)/.exec(box[1]);
	assert.ok(price, 'the buy box shows a price');
	return price[1].trim();
}

describe('anonymous product pages come from memcached through nginx', () => {
	test('first request renders (MISS), the second is a HIT with the same page', async () => {
		await forgetPage(path);
		const first = await get(path);
		assert.equal(first.status, 200);
		assert.doesNotMatch(xcache(first), /HIT/, `first request: X-Cache ${xcache(first)}`);
		assert.equal(h1(first.text), product.name);
		assert.ok(await pageIsCached(path), `the storefront stored bz:pg:${path}`);

		const second = await get(path);
		assert.equal(second.status, 200);
		assert.equal(xcache(second), 'HIT', 'second request served from memcached');
		assert.match(second.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/i);
		assertSecurityHeaders(second, 'cached product page');
		assert.equal(second.headers.get('set-cookie'), null, 'no cookie on a shared page');
		// The rendered answer went through nginx's SSI filter; an anonymous
		// hit is sent as stored, its SSI directives left as comments.
		const visible = (t) => t.replace(/<!--#[^>]*-->/g, '');
		assert.equal(visible(second.text), visible(first.text), 'the cached copy is the rendered page');
		const rid = first.headers.get('x-request-id');
		assert.ok(rid && !second.text.includes(rid), 'no request id inside the shared copy');
	});

	test('HEAD is answered from the cache as well', async () => {
		const res = await get(path, { method: 'HEAD' });
		assert.equal(res.status, 200);
		assert.equal(xcache(res), 'HIT');
	});

	test('a visitor with a session cookie gets the shared copy, with its own header', async () => {
		assert.ok(await pageIsCached(path));
		const res = await get(path, { headers: { cookie: 'bz_session=x' } });
		assert.equal(res.status, 200);
		assert.equal(xcache(res), 'HIT', `X-Cache: ${xcache(res)}`);
		assert.equal(h1(res.text), product.name);
		assert.match(res.headers.get('cache-control') ?? '', /no-store|private/, 'personal page not stored by shared caches');
		// Other cookies do not make a page personal.
		const other = await get(path, { headers: { cookie: 'theme=dark; bz_sessionx=1' } });
		assert.equal(xcache(other), 'HIT');
	});

	test('a query string bypasses the shared copy', async () => {
		const res = await get(`${path}?utm_source=test`);
		assert.equal(res.status, 200);
		assert.doesNotMatch(xcache(res), /^HIT$/);
		assert.equal(h1(res.text), product.name);
	});

	test('a flash message is shown once, to its visitor only, and never cached', async () => {
		const secret = `Saved-${process.pid}-${Date.now()}`;
		await forgetPage(path);
		const mine = await get(path, { headers: { cookie: `bz_flash=Your%20list%20${secret}%20was%20saved` } });
		assert.equal(mine.status, 200);
		assertShows(mine.text, `Your list ${secret} was saved`, 'the page with the flash cookie');
		assert.doesNotMatch(xcache(mine), /HIT/);
		assert.match(mine.headers.get('set-cookie') ?? '', /bz_flash=;.*Max-Age=0/i, 'the flash cookie is cleared');
		assert.doesNotMatch(mine.headers.get('cache-control') ?? '', /public/, 'a page with a flash is not public');
		const stored = await cachedPage(path);
		assert.ok(stored === null || !stored.includes(secret), 'the page with the flash was not stored');

		for (let i = 0; i < 2; i++) {
			const anon = await get(path);
			assert.equal(anon.status, 200);
			assert.ok(!anon.text.includes(secret), `anonymous fetch ${i + 1} shows no one else's flash`);
			assert.ok(!anon.text.includes('class="flash"'), `anonymous fetch ${i + 1} has no flash box`);
		}
	});
});

// ---- changing a price --------------------------------------------------------

/**
 * Sets a product's price the way the vendor portal will: through
 * catalog_set_price(), which updates the row and retires the cached page and
 * listings. bazaar-catalog is that function on the command line.
 */
async function setPrice(id, minor) {
	sqlInt(id);
	sqlInt(minor);
	assert.ok(minor >= 0);
	const tool = join(ROOT, 'build/bin/bazaar-catalog');
	assert.ok(existsSync(tool), `${tool} is not built (make all)`);
	const amount = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
	await new Promise((resolve, reject) => {
		const p = spawn(tool, ['set-price', String(id), amount], { stdio: ['ignore', 'pipe', 'pipe'] });
		let text = '';
		p.stdout.on('data', (d) => { text += d; });
		p.stderr.on('data', (d) => { text += d; });
		p.on('error', reject);
		p.on('close', (code) => (code === 0 ? resolve(text)
			: reject(new Error(`bazaar-catalog set-price ${id} ${amount}: exit ${code}: ${text}`))));
	});
}

describe('a price change is visible on the very next request', () => {
	const original = Number(product.price_minor);
	const changed = original + 1111;
	let restored = false;

	after(async () => {
		if (!restored) await setPrice(product.id, original);
	});

	test('product page and category listing show the new price at once', async () => {
		const listing = `/c/${product.category_slug}`;
		// Warm every cache: the product page (nginx HIT) and the listing.
		await get(path);
		assert.equal(xcache(await get(path)), 'HIT');
		const before = await get(listing);
		assert.equal(before.status, 200);
		const card = listingCards(before.text).find((c) => c.id === Number(product.id));
		assert.ok(card, `${product.name} is on the first page of ${listing}; cards: ${listingCards(before.text).map((c) => c.id)}`);
		assert.equal(card.price, money(original));
		// The listing now comes from the program's cache (its stamp of
		// generations matches)...
		assert.match(xcache(await get(listing)), /APP-HIT/, `${listing} from the program's cache`);

		await setPrice(product.id, changed);
		assert.equal(Number(sqlRow(`SELECT price_minor FROM products WHERE id = @p1`, [product.id]).price_minor), changed);

		const page = await get(path);
		assert.equal(page.status, 200);
		assert.equal(buyBoxPrice(page.text), money(changed), `${path} shows the new price`);
		const page2 = await get(path);
		assert.equal(buyBoxPrice(page2.text), money(changed), `${path} (again) shows the new price`);

		const after1 = await get(listing);
		assert.equal(after1.status, 200);
		// ... and no longer: the change bumped the listings' generation.
		assert.doesNotMatch(xcache(after1), /HIT/, `${listing} drawn again after the change`);
		const card2 = listingCards(after1.text).find((c) => c.id === Number(product.id));
		assert.ok(card2, `${product.name} still listed on ${listing}`);
		assert.equal(card2.price, money(changed), `${listing} shows the new price`);

		await setPrice(product.id, original);
		restored = true;
		assert.equal(buyBoxPrice((await get(path)).text), money(original), 'and back again');
		const card3 = listingCards((await get(listing)).text).find((c) => c.id === Number(product.id));
		assert.equal(card3?.price, money(original), 'the listing too');
	});
});

// ---- memcached in trouble ----------------------------------------------------

const memcachedPid = () => {
	const pid = componentPid('memcached');
	assert.equal(readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), 'memcached', `PID ${pid} is memcached`);
	return pid;
};

/** Pages that must work without memcached, with what each must show. */
function pagesToCheck() {
	const top = sqlRow(`SELECT id, slug, name FROM categories WHERE parent_id IS NULL
	                     ORDER BY position, name LIMIT 1`);
	const other = activeProduct(5);
	return [
		[path, (html) => {
			assert.equal(h1(html), product.name);
			assert.equal(buyBoxPrice(html), money(sqlRow(`SELECT price_minor FROM products WHERE id = @p1`, [product.id]).price_minor));
		}],
		[productPath(other), (html) => {
			assert.equal(h1(html), other.name);
			assert.equal(buyBoxPrice(html), money(other.price_minor));
		}],
		[`/c/${top.slug}`, (html) => {
			assert.equal(h1(html), top.name);
			const first = sqlRow(`SELECT id, name FROM products WHERE top_category_id = @p1 AND status = 'active'
			                       ORDER BY popularity DESC, id DESC LIMIT 1`, [top.id]);
			assert.equal(listingCards(html)[0]?.name, first.name);
		}],
		[`/search?q=${encodeURIComponent(product.name)}`, (html) => {
			assert.ok(listingCards(html).some((c) => c.id === Number(product.id)), 'finds the product');
		}],
		['/', (html) => {
			assertShows(html, top.name, 'home');
			assert.ok(listingCards(html).length > 0, 'home lists products');
		}],
	];
}

async function checkPagesWithoutCache(label) {
	for (const [p, check] of pagesToCheck()) {
		const t0 = Date.now();
		const res = await get(p);
		const ms = Date.now() - t0;
		assert.equal(res.status, 200, `${label}: ${p} status`);
		assert.doesNotMatch(xcache(res), /HIT/, `${label}: ${p} cannot come from memcached`);
		check(res.text);
		assert.ok(ms < 5000, `${label}: ${p} took ${ms} ms`);
	}
}

describe('memcached is an optimisation only', () => {
	test('memcached hanging (SIGSTOP): every page still 200 with the right content', async () => {
		// Make sure the product page is in the cache, so nginx tries it first.
		await get(path);
		assert.ok(await pageIsCached(path));
		const pid = memcachedPid();
		process.kill(pid, 'SIGSTOP');
		try {
			await checkPagesWithoutCache('memcached stopped');
		} finally {
			process.kill(pid, 'SIGCONT');
		}
		// Back to normal: served from the cache again.
		let hit = false;
		for (let i = 0; i < 40 && !hit; i++) {
			await get(path);
			hit = xcache(await get(path)) === 'HIT';
			if (!hit) await sleep(250);
		}
		assert.ok(hit, 'caching resumes after memcached continues');
	});

	test('memcached gone (connection refused): every page still 200, then it comes back', async (t) => {
		const pid = memcachedPid();
		// `scripts/stack run` watches its services and stops the whole stack
		// when one exits: leave such a stack alone.
		const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
		let parent = [];
		try {
			if (ppid > 1) parent = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0');
		} catch { /* the parent has just gone */ }
		if (parent.some((a) => a.endsWith('stack')) && parent.includes('run')) {
			t.skip('memcached is supervised by `scripts/stack run`');
			return;
		}
		const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
		assert.equal(argv[0].split('/').pop(), 'memcached');
		const pidFile = join(env('BAZAAR_VAR'), 'run', 'memcached.pid');
		process.kill(pid, 'SIGTERM');
		for (let i = 0; i < 50 && existsSync(`/proc/${pid}`) && !isZombie(pid); i++) await sleep(100);
		try {
			await checkPagesWithoutCache('memcached down');
		} finally {
			// Start it again as the stack did (same command line, own session),
			// and record the new PID where scripts/stack looks for it.
			const log = openSync(join(env('BAZAAR_VAR'), 'log', 'memcached.log'), 'a');
			const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
			child.unref();
			writeFileSync(pidFile, `${child.pid}\n`);
			for (let i = 0; i < 50; i++) {
				try {
					await memcached('version', { timeoutMs: 500 });
					break;
				} catch {
					await sleep(100);
				}
			}
		}
		let hit = false;
		for (let i = 0; i < 60 && !hit; i++) {
			await get(path);
			hit = xcache(await get(path)) === 'HIT';
			if (!hit) await sleep(250);
		}
		assert.ok(hit, 'caching resumes once memcached is back');
		await memcachedRetried();
	});
});

function isZombie(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
	} catch {
		return true;
	}
}
