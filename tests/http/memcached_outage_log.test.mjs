// A memcached outage must not flood the logs: nginx's product-page location
// would write one error line per request (connection refused), so it logs
// only critical errors there, and the storefront reports the outage in its
// own log at most once every 5 seconds per worker (cache.error with the
// count of lines left out).

import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { activeProduct, env, get, h1, productPath, stackCommand, waitCached } from '../lib/stack.mjs';

const REQUESTS = 300;
const product = activeProduct(13);
const path = productPath(product);
const nginxLog = `${env('BAZAAR_VAR')}/log/nginx-error.log`;
const storefrontLog = `${env('BAZAAR_VAR')}/log/storefront.log`;

const size = (f) => statSync(f).size;
const linesSince = (f, offset) => readFileSync(f, 'utf8').slice(offset).split('\n').filter(Boolean);

let stopped = false;
after(() => {
	if (stopped) stackCommand('start', 'memcached');
});

describe('memcached down: the logs stay readable', () => {
	test(`${REQUESTS} product pages during the outage write a handful of log lines`, async () => {
		await waitCached(path);
		const nginxBefore = size(nginxLog);
		const storefrontBefore = size(storefrontLog);
		const t0 = Date.now();

		stackCommand('stop', 'memcached');
		stopped = true;
		try {
			for (let i = 0; i < REQUESTS; i++) {
				const res = await get(path);
				assert.equal(res.status, 200);
				if (i === 0) assert.equal(h1(res.text), product.name, 'the storefront draws the page');
			}
		} finally {
			stackCommand('start', 'memcached');
			stopped = false;
		}
		const seconds = (Date.now() - t0) / 1000;
		// The access log is buffered (1 s): let the error logs settle too.
		await new Promise((r) => setTimeout(r, 300));

		const nginxLines = linesSince(nginxLog, nginxBefore);
		assert.ok(nginxLines.length <= 5,
			`nginx wrote ${nginxLines.length} error lines for ${REQUESTS} requests:\n${nginxLines.slice(0, 5).join('\n')}`);
		assert.ok(!nginxLines.some((l) => /memcached|11[0-9]: Connection refused/.test(l)),
			`no memcached line per request in nginx's log:\n${nginxLines.join('\n')}`);

		// The outage is reported, by the program, rate-limited: at most one line
		// per worker every 5 s (and one more at each end).
		const cacheLines = linesSince(storefrontLog, storefrontBefore).filter((l) => /event=cache\.error/.test(l));
		const workers = Number(env('BAZAAR_WORKERS'));
		assert.ok(cacheLines.length >= 1, 'the storefront log reports the outage');
		assert.ok(cacheLines.length <= workers * (Math.ceil(seconds / 5) + 2),
			`${cacheLines.length} cache.error lines in ${seconds.toFixed(1)} s`);
	});
});
