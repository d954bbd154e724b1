// The cart in a real browser (Debian's Chromium) with JavaScript off: a
// shopper opens a product page that nginx serves from the shared cache, adds
// two with the page's form (no token on it: the browser's Origin and
// Sec-Fetch-Site carry the check), finds them in the cart with the shop's
// subtotal, sees the count in the header of the next cached page, changes
// the quantity and saves the line for later. The cart page is checked with
// axe-core (with JavaScript on, which axe needs).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, assertNoProblems, checkAccessibility, launchBrowser, newContext, screenshot, text,
} from '../lib/browser.mjs';
import { get, money, productPath, sqlRow } from '../lib/stack.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

describe('the cart without JavaScript', () => {
	test('add from a cached product page, then change and save the line', async () => {
		const product = sqlRow(`SELECT p.id, p.slug, p.name, p.price_minor, v.trading_name AS vendor
			FROM products p JOIN vendors v ON v.id = p.vendor_id
			WHERE p.status = 'active' AND v.status = 'verified' AND p.stock >= 10
			ORDER BY p.id LIMIT 1 OFFSET 43`);
		const path = productPath(product);
		// The shared copy is in memcached before the shopper comes.
		for (let i = 0; i < 20 && (await get(path)).headers.get('x-cache') !== 'HIT'; i++);
		const context = await newContext(browser, { ...DESKTOP, javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			const res = await page.goto(path);
			assert.equal(res.status(), 200);
			assert.equal(res.headers()['x-cache'], 'HIT', 'the shared page from nginx\'s cache');
			assert.equal(await text(page.locator('h1')), product.name);
			assert.equal(await page.locator('form.add-to-cart input[name="csrf"]').count(), 0);
			await page.locator('#add-qty').fill('2');
			await Promise.all([
				page.waitForURL(/\/cart$/),
				page.locator('form.add-to-cart button[type="submit"]').click(),
			]);
			assert.equal(await text(page.locator('.flash')), 'Added to your cart.');
			const line = page.locator('.cart-line').first();
			assert.ok((await text(line)).includes(product.name));
			assert.equal(await text(page.locator('.cart-subtotal')),
				`Subtotal from ${product.vendor}: ${money(product.price_minor * 2)}`);
			assert.equal(await text(page.locator('.cart-link .cart-count')), '2 items');
			await screenshot(page, 'cart-desktop');

			// Back on a shared page: the header is this shopper's.
			const again = await page.goto(path);
			assert.equal(again.headers()['x-cache'], 'HIT');
			assert.equal(await text(page.locator('.cart-link .cart-count')), '2 items');

			// Change the quantity, then save the line for later.
			await page.goto('/cart');
			await page.locator('.cart-line input[name="qty"]').first().fill('3');
			await Promise.all([
				page.waitForURL(/\/cart$/),
				page.locator('.cart-line form[action$="/quantity"] button').first().click(),
			]);
			assert.equal(await text(page.locator('.flash')), 'Quantity changed.');
			assert.equal(await text(page.locator('.cart-link .cart-count')), '3 items');
			await Promise.all([
				page.waitForURL(/\/cart$/),
				page.locator('.cart-line form[action$="/save"] button').first().click(),
			]);
			assert.equal(await text(page.locator('.flash')), 'Saved for later.');
			assert.ok((await text(page.locator('.cart-saved'))).includes(product.name));
			assert.equal(await page.locator('.cart-link .cart-count').count(), 0);
			assertNoProblems(context);
		} finally {
			await context.close();
		}
	});

	test('the cart page is accessible', async () => {
		const context = await newContext(browser, DESKTOP);
		try {
			const page = await context.newPage();
			await page.goto(productPath(sqlRow(`SELECT p.id, p.slug FROM products p JOIN vendors v ON v.id = p.vendor_id
				WHERE p.status = 'active' AND v.status = 'verified' AND p.stock >= 10
				ORDER BY p.id LIMIT 1 OFFSET 47`)));
			await Promise.all([
				page.waitForURL(/\/cart$/),
				page.locator('form.add-to-cart button[type="submit"]').click(),
			]);
			await checkAccessibility(page, 'cart');
			assertNoProblems(context);
		} finally {
			await context.close();
		}
	});
});
