// The visitor model (cgi/lib/visitor.h) through nginx and memcached: an
// anonymous visitor with a bz_visitor id, and a logged-in visitor, get the
// shared cached pages like any anonymous visitor, with their own header
// links put in by nginx (cgi/lib/hdr.h); a visitor with any cookie of the
// personal list (bazaar-nginx_visitor_map --names: a pending message) gets
// freshly drawn pages that are not cached anywhere. nginx's map is the one
// the stack generated from the programs' list.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Client, loginAs } from '../lib/accounts.mjs';
import { activeProduct, env, h1, pageIsCached, productPath, sleep } from '../lib/stack.mjs';

const VISITOR = 'bz_visitor=0123456789abcdef0123456789abcdef';
const product = activeProduct(7);
const path = productPath(product);

const tool = `${env('BAZAAR_ROOT')}/build/bin/bazaar-nginx_visitor_map`;
const personalNames = execFileSync(tool, ['--names'], { encoding: 'utf8' }).split('\n').filter(Boolean);

/** Asks until the product page comes from memcached through nginx. */
async function cachedByNginx(client) {
	for (let i = 0; i < 40; i++) {
		const res = await client.get(path);
		assert.equal(res.status, 200);
		if (res.headers.get('x-cache') === 'HIT') return res;
		await sleep(100);
	}
	assert.fail(`${path} never came from nginx's cache`);
}

describe('one visitor model for nginx and the programs', () => {
	test('nginx uses the map generated from the programs\' list', () => {
		const running = readFileSync(`${env('BAZAAR_VAR')}/nginx/visitor_map.conf`, 'utf8');
		assert.equal(running, execFileSync(tool, { encoding: 'utf8' }));
		assert.deepEqual(personalNames.filter((n) => /bz_(session|flash)$/.test(n)).sort(), ['bz_flash']);
		assert.ok(!personalNames.includes('bz_visitor'), 'the visitor id is not personal');
	});

	test('an anonymous visitor with a bz_visitor id gets the cached page', async () => {
		const anon = new Client();
		await cachedByNginx(anon);
		assert.ok(await pageIsCached(path));
		const visitor = new Client();
		const res = await visitor.get(path, { headers: { Cookie: `${VISITOR}; theme=dark` } });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('x-cache'), 'HIT', 'served by nginx from memcached');
		assert.equal(h1(res.text), product.name);
		assert.equal(res.setCookies.length, 0, 'nothing is set on a page view');

		// The program's own cache (listing pages) treats it the same way.
		const listing = `/search?q=${encodeURIComponent(product.name)}`;
		await anon.get(listing);
		let hit = false;
		for (let i = 0; i < 20 && !hit; i++) {
			const r = await visitor.get(listing, { headers: { Cookie: VISITOR } });
			assert.equal(r.status, 200);
			hit = /APP-HIT/.test(r.headers.get('x-cache') ?? '');
			if (!hit) await sleep(100);
		}
		assert.ok(hit, 'the search page comes from the program\'s cache');
	});

	test('a visitor with a session gets the shared page with their own header', async () => {
		const shared = await cachedByNginx(new Client());
		const customer = await loginAs('customer');
		await customer.get('/account');	// shows the login's message, which is personal
		const res = await customer.get(path);
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('x-cache'), 'HIT', 'nginx served the shared copy');
		assert.equal(res.headers.get('cache-control'), 'private, no-cache', 'for this browser only');
		assert.match(res.text, /Log out|log out/, 'the header is the customer\'s');
		assert.doesNotMatch(shared.text, /Log out|log out/, 'the anonymous page is not');
		assert.doesNotMatch(res.text, /<!--#/, 'no SSI directive reaches the browser');
		// With the visitor id beside the session: the same.
		const both = await customer.get(path, { headers: { Cookie: `${VISITOR}; bz_session=${customer.session}` } });
		assert.equal(both.headers.get('x-cache'), 'HIT');
		assert.match(both.text, /Log out|log out/);
	});

	test('every cookie of the personal list makes nginx and the program draw the page', async () => {
		await cachedByNginx(new Client());
		for (const name of personalNames) {
			const res = await new Client().get(path, { headers: { Cookie: `${VISITOR}; ${name}=x` } });
			assert.equal(res.status, 200, name);
			assert.match(res.headers.get('x-cache') ?? '', /^BYPASS/, `${name}: nginx bypasses its cache`);
			assert.equal(res.headers.get('cache-control'), 'no-store', `${name}: the program does not cache it`);
		}
	});
});
