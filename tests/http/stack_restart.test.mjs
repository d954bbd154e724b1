// `scripts/stack restart SERVICE` restarts one service of the running stack:
// memcached here, while the site is asked for pages the whole time. Every
// answer is a 200 with the page (memcached is an optimisation only), the
// service comes back under a new PID, and caching resumes. And the search
// index job, started alone, makes its index's columns file at once.

import assert from 'node:assert/strict';
import { existsSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
	activeProduct, componentPid, env, get, h1, memcachedRetried, productPath, sleep, stackCommand, waitCached,
} from '../lib/stack.mjs';

const product = activeProduct(3);
const path = productPath(product);

describe('scripts/stack restart SERVICE', () => {
	test('restarting memcached: the site keeps answering and caching resumes', async () => {
		await waitCached(path);
		const before = componentPid('memcached');

		// Ask for pages while the restart runs, until it is over.
		let restarting = true;
		const answers = [];
		const asking = (async () => {
			while (restarting) {
				const res = await get(path);
				answers.push([res.status, h1(res.text)]);
				await sleep(20);
			}
		})();
		let out;
		try {
			out = stackCommand('restart', 'memcached');
		} finally {
			restarting = false;
			await asking;
		}
		assert.match(out, /memcached is up/, out);
		assert.ok(answers.length > 0, 'pages were asked for during the restart');
		for (const [status, title] of answers) {
			assert.equal(status, 200, 'every answer during the restart is a 200');
			assert.equal(title, product.name, 'with the product page');
		}
		const after = componentPid('memcached');
		assert.notEqual(after, before, 'memcached runs under a new PID');
		assert.match(stackCommand('status'), /^memcached\s+running\s+pid\s+(\d+)/m);

		let hit = false;
		for (let i = 0; i < 60 && !hit; i++) {
			await get(path);
			hit = (await get(path)).headers.get('x-cache') === 'HIT';
			if (!hit) await sleep(250);
		}
		assert.ok(hit, 'caching resumes after the restart');
		await memcachedRetried();
	});

	test('restarting the search index job: the columns file of the index is made at its start', async () => {
		const dir = `${env('BAZAAR_VAR')}/search/${readlinkSync(`${env('BAZAAR_VAR')}/search/current`)}`;
		const columns = `${dir}/columns`;
		const before = componentPid('searchindex');
		stackCommand('stop', 'searchindex');
		rmSync(columns, { force: true });
		stackCommand('start', 'searchindex');
		assert.notEqual(componentPid('searchindex'), before, 'the job runs under a new PID');
		// No product changes meanwhile: the job makes the file as it opens
		// the index, not at the first change.
		let made = false;
		for (let i = 0; i < 40 && !made; i++) {
			made = existsSync(columns) && statSync(columns).size > 0;
			if (!made) await sleep(250);
		}
		assert.ok(made, `${columns} made again at the job's start`);
	});

	test('an unknown service is refused, and nothing is stopped', () => {
		assert.throws(() => stackCommand('restart', 'no-such-service'), (e) =>
			e.status === 1 && /no service 'no-such-service'/.test(e.stderr));
		assert.match(stackCommand('status'), /^nginx\s+running/m);
	});
});
