// The clickstream: nginx logs storefront views, Sponsored impressions and
// clicks (cached pages included) in its clickstream log, and bazaar-accesslog
// loads each line once: run twice, after a rotation, never with a cookie.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { env, get, sql, sqlRow } from '../lib/stack.mjs';

const bin = join(env('BAZAAR_ROOT'), 'build/bin/bazaar-accesslog');
const logFile = join(env('BAZAAR_VAR'), 'clickstream/clickstream.log');

function loadOnce() {
	execFileSync(bin, ['--once'], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// nginx writes its buffer at least once a second: waits until the log has
// `count` lines with this referrer.
async function waitForLines(tag, count, file = logFile) {
	for (let i = 0; i < 100; i++) {
		const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
		const n = text.split('\n').filter((l) => l.includes(tag)).length;
		if (n >= count) return;
		await sleep(100);
	}
	assert.fail(`nginx did not log ${count} lines with ${tag}`);
}

function rowsOf(tag) {
	return sql(`SELECT kind, path, product_id, promotion_id, HEX(visitor) AS visitor FROM clickstream
		WHERE referrer = CONCAT('http://ref.test/', @p1) ORDER BY id`, [tag]);
}

function tagOf(name) {
	return Number(`${process.pid}${Date.now() % 100000}${name}`);
}

test('views, impressions and clicks are logged by nginx and loaded once', async () => {
	const tag = tagOf(1);
	const headers = { Referer: `http://ref.test/${tag}`, 'User-Agent': 'clickstream test' };
	const promo = sqlRow(`SELECT pr.id, pr.product_id, p.slug FROM promotions pr JOIN products p ON p.id = pr.product_id
		WHERE pr.placement = 'home' AND pr.status = 'active' AND p.status = 'active'
		ORDER BY pr.id LIMIT 1`);
	const product = `/p/${promo.product_id}-${promo.slug}`;

	// the home page shows its Sponsored cards with a beacon and a tracked link
	const home = await get('/', { headers });
	assert.equal(home.status, 200);
	assert.match(home.text, /<img class="beacon" src="\/_i\?p=[0-9]+" alt="" width="1" height="1">/);
	assert.match(home.text, /href="\/p\/[0-9]+-[a-z0-9-]+\?sp=[0-9]+"/);

	const cat = sqlRow("SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY id LIMIT 1");
	assert.equal((await get(`/c/${cat.slug}`, { headers })).status, 200);
	assert.equal((await get(product, { headers })).status, 200);
	const again = await get(product, { headers });
	assert.equal(again.headers.get('x-cache'), 'HIT', 'the second view comes from nginx and memcached');
	// a Sponsored click: the same cached page, logged with its promotion
	const click = await get(`${product}?sp=${promo.id}`, { headers });
	assert.equal(click.status, 200);
	assert.equal(click.headers.get('x-cache'), 'HIT', 'a click keeps the page cache');
	const beacon = await get(`/_i?p=${promo.id}`, { headers });
	assert.equal(beacon.status, 200);
	assert.equal(beacon.headers.get('content-type'), 'image/gif');
	assert.equal(beacon.headers.get('cache-control'), 'no-store');
	// not storefront pages, or not found: not in the clickstream
	assert.equal((await get('/p/999999999-nothing-here', { headers })).status, 404);
	await get('/vendor/', { headers });
	await get('/static/none.css', { headers });

	await waitForLines(tag, 6);
	loadOnce();
	loadOnce();
	const rows = rowsOf(tag);
	// (two nginx workers may write their lines in either order)
	assert.deepEqual(rows.map((r) => r.kind).sort(), ['click', 'impression', 'view', 'view', 'view', 'view']);
	const views = rows.filter((r) => r.kind === 'view' && r.path === product);
	assert.equal(views.length, 2, 'both views of the product page, the cached one too');
	assert.equal(Number(views[0].product_id), Number(promo.product_id));
	const clicked = rows.find((r) => r.kind === 'click');
	assert.equal(clicked.path, product);
	assert.equal(Number(clicked.promotion_id), Number(promo.id));
	const seen = rows.find((r) => r.kind === 'impression');
	assert.equal(Number(seen.promotion_id), Number(promo.id));
	assert.equal(Number(seen.product_id), Number(promo.product_id));
	assert.equal(new Set(rows.map((r) => r.visitor)).size, 1, 'one visitor, one hash');
	assert.match(rows[0].visitor, /^[0-9A-F]{32}$/);
	loadOnce();
	assert.equal(rowsOf(tag).length, 6, 'a third run loads nothing again');
});

test('the log holds no cookie and no session, only what the loader needs', async () => {
	const tag = tagOf(2);
	const secret = `s${tag}secretcookievalue`;
	const res = await get('/', {
		headers: {
			Referer: `http://ref.test/${tag}`,
			Cookie: `bz_visitor=${'a'.repeat(32)}; bz_session=${secret}; other=${secret}`,
		},
	});
	assert.equal(res.status, 200);
	await waitForLines(tag, 1);
	const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes(String(tag)));
	const line = JSON.parse(lines[0]);
	assert.deepEqual(Object.keys(line), ['t', 'u', 's', 'p', 'sp', 'ip', 'ua', 'r']);
	assert.ok(!lines[0].includes(secret));
	assert.ok(!lines[0].includes('a'.repeat(32)));
	loadOnce();
	assert.equal(rowsOf(tag).length, 1);
});

test('a rotated log is read to its end, then the new one, each line once', async () => {
	const tag = tagOf(3);
	const headers = { Referer: `http://ref.test/${tag}` };
	const nginxPid = Number(readFileSync(join(env('BAZAAR_VAR'), 'run/nginx.pid'), 'utf8').trim());

	await get('/', { headers });
	await waitForLines(tag, 1);
	loadOnce();
	assert.equal(rowsOf(tag).length, 1);

	await get('/', { headers });
	await waitForLines(tag, 2);
	renameSync(logFile, `${logFile}.1`);
	await get('/search?q=lamp', { headers });	// nginx still writes to the renamed file
	await waitForLines(tag, 3, `${logFile}.1`);
	process.kill(nginxPid, 'SIGUSR1');	// reopen: a new clickstream.log
	for (let i = 0; i < 50 && !existsSync(logFile); i++) await sleep(100);
	await get('/', { headers });
	await get('/', { headers });
	await waitForLines(tag, 2);
	loadOnce();
	loadOnce();
	assert.deepEqual(rowsOf(tag).map((r) => r.path).sort(), ['/', '/', '/', '/', '/search']);
});
