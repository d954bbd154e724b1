// MariaDB stopped under a running shop (scripts/stack stop mariadb): pages
// that need the database answer 503 with Retry-After and the site's error
// page, not 500; nginx's cached product pages keep being served; and once
// MariaDB is started again the pages come back by themselves, without a
// restart of the programs.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
	activeProduct, assertLayout, assertSecurityHeaders, get, productPath, sleep, stackCommand, waitCached,
} from '../lib/stack.mjs';

// Queries nobody asked before: not in the program's cache.
const n = Date.now() % 100000;
const before = `/search?q=${encodeURIComponent(`lamp ${n}`)}`;
const search = `/search?q=${encodeURIComponent(`lamp ${n + 1}`)}`;
const product = activeProduct(11);
const path = productPath(product);

let stopped = false;
after(() => {
	if (stopped) stackCommand('start', 'mariadb');
});

describe('MariaDB down', () => {
	test('uncached pages answer 503 with Retry-After and the error page, then recover', async () => {
		assert.equal((await get(before)).status, 200, 'the search works before');
		await waitCached(path);

		stackCommand('stop', 'mariadb');
		stopped = true;
		try {
			for (const p of [search, `${search}&sort=price_asc`, '/healthz']) {
				const res = await get(p);
				assert.equal(res.status, 503, `${p}: 503, not ${res.status}`);
				assert.equal(res.headers.get('retry-after'), '5', `${p}: Retry-After`);
				assert.equal(res.headers.get('cache-control'), 'no-store', `${p}: not cached`);
				assertSecurityHeaders(res, p);
				assertLayout(res.text, p);
				assert.match(res.text, /Error 503/, `${p}: the error page`);
				assert.match(res.text, /Request id: <code>[0-9a-f]{16}<\/code>/, `${p}: with the request id`);
				assert.equal(res.headers.get('x-request-id')?.length, 16);
			}
			assert.match((await get(search)).text, /cannot reach its database/);
			const cached = await get(path);
			assert.equal(cached.status, 200, 'a cached product page is still served');
			assert.equal(cached.headers.get('x-cache'), 'HIT');
		} finally {
			stackCommand('start', 'mariadb');
			stopped = false;
		}

		// Every worker reconnects on its next request: no 5xx for long.
		let status = 0;
		for (let i = 0; i < 100 && status !== 200; i++) {
			status = (await get(search)).status;
			if (status !== 200) await sleep(200);
		}
		assert.equal(status, 200, 'the search answers again once MariaDB is back');
		for (let i = 0; i < 6; i++) {
			const res = await get(`${search}&page=1`);
			assert.equal(res.status, 200, 'on every worker');
		}
		assert.equal((await get('/healthz')).status, 200);
	});
});
