// Recently viewed in a real browser (Debian's Chromium). With JavaScript
// off, a shopper views two products whose pages nginx serves from the
// shared cache: each page's <noscript> image records the view, the next
// page shows both in the strip, newest first, and "Clear" (a plain form)
// removes them. With JavaScript on, the page's script records the view and
// the image is never asked for.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, assertNoProblems, flash, launchBrowser, newContext, screenshot, submit, text,
} from '../lib/browser.mjs';
import { activeProduct, get, productPath } from '../lib/stack.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

/** Asks for a page until nginx serves it from memcached. */
async function warm(path) {
	for (let i = 0; i < 20 && (await get(path)).headers.get('x-cache') !== 'HIT'; i++);
}

/** The paths of the product cards in the recently viewed strip, in order. */
async function stripProducts(page) {
	const links = page.locator('section.recent a.card-link');
	const out = [];
	for (let i = 0; i < await links.count(); i++) out.push((await links.nth(i).getAttribute('href')).split('?')[0]);
	return out;
}

/** The bz_rv cookie of the context, or undefined. */
async function list(context) {
	return (await context.cookies()).find((c) => c.name === 'bz_rv')?.value;
}

describe('recently viewed without JavaScript', () => {
	test('two products viewed show in the strip of the next page; Clear removes them', async () => {
		const [a, b, c] = [activeProduct(81), activeProduct(83), activeProduct(85)];
		for (const p of [a, b, c]) await warm(productPath(p));
		const context = await newContext(browser, { ...DESKTOP, javaScriptEnabled: false });
		const images = [];
		context.on('response', (res) => {
			if (new URL(res.url()).pathname.startsWith('/recent/add/')) {
				images.push({ path: new URL(res.url()).pathname, status: res.status(), type: res.headers()['content-type'] });
			}
		});
		try {
			const page = await context.newPage();
			for (const p of [a, b]) {
				const res = await page.goto(productPath(p));
				assert.equal(res.headers()['x-cache'], 'HIT', 'the shared page from nginx\'s cache');
				assert.equal(await text(page.locator('h1')), p.name);
			}
			assert.deepEqual(images.map((i) => i.path), [`/recent/add/${Number(a.id)}`, `/recent/add/${Number(b.id)}`]);
			assert.ok(images.every((i) => i.status === 200 && i.type === 'image/gif'), JSON.stringify(images));
			assert.equal(await list(context), `${Number(b.id)}.${Number(a.id)}`);

			// The next page, from the cache too: both, newest first.
			const res = await page.goto(productPath(c));
			assert.equal(res.headers()['x-cache'], 'HIT');
			assert.equal(await text(page.locator('#recent-title')), 'Recently viewed');
			assert.deepEqual(await stripProducts(page), [productPath(b), productPath(a)]);
			await screenshot(page, 'recently-viewed-nojs');

			// The home page shows the three; "Clear" takes them away.
			await page.goto('/');
			assert.deepEqual(await stripProducts(page), [productPath(c), productPath(b), productPath(a)]);
			await submit(page, page.locator('form.recent-clear button'));
			assert.equal(new URL(page.url()).pathname, '/');
			assert.equal(await flash(page), 'Your recently viewed products are cleared.');
			assert.equal(await page.locator('#recent-title').count(), 0, 'the strip is gone');
			assert.equal(await list(context), undefined, 'and so is the list');
			await page.goto('/cart');
			assert.equal(await page.locator('#recent-title').count(), 0);
			assertNoProblems(context);
		} finally {
			await context.close();
		}
	});
});

describe('recently viewed with JavaScript', () => {
	test('the script records the view; the <noscript> image is never asked for', async () => {
		const a = activeProduct(87);
		await warm(productPath(a));
		const context = await newContext(browser, DESKTOP);
		const asked = [];
		context.on('request', (req) => {
			if (new URL(req.url()).pathname.startsWith('/recent/add/')) asked.push(req.url());
		});
		try {
			const page = await context.newPage();
			await page.goto(productPath(a));
			await page.waitForFunction(() => /(^|;\s*)bz_rv=/.test(document.cookie));
			assert.equal(await list(context), `${Number(a.id)}`);
			assert.deepEqual(asked, []);
			assertNoProblems(context);
		} finally {
			await context.close();
		}
	});
});
