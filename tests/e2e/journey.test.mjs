// A shopper's journey in a real browser (Debian's Chromium), on a desktop
// and on a phone: home -> a category -> a product -> the search box ->
// results. Every page visited is checked with axe-core (no serious or
// critical violation), must load without script, CSP or network errors,
// and is saved as a screenshot under $BAZAAR_VAR/screenshots/.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, PHONE, assertNoProblems, checkAccessibility, launchBrowser, loadAllImages, newContext,
	screenshot, text,
} from '../lib/browser.mjs';
import { money, searchResynced, sql, sqlRow } from '../lib/stack.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

/** Checks every page must pass: styled, accessible, fits the viewport. */
async function checkPage(page, context, shot) {
	// The stylesheet really applied (it is linked, served and allowed by the CSP).
	const styled = await page.evaluate(() => {
		const sheet = [...document.styleSheets].find((s) => /\/css\/site\.[0-9a-f]+\.css$/.test(s.href || ''));
		let rules = 0;
		try { rules = sheet ? sheet.cssRules.length : 0; } catch { rules = -1; }
		return { href: sheet?.href ?? null, rules };
	});
	assert.ok(styled.rules > 10, `the site stylesheet is applied on ${page.url()} (${JSON.stringify(styled)})`);
	// Every picture loads, the lazy ones once scrolled into view.
	const broken = await loadAllImages(page);
	assert.deepEqual(broken, [], `pictures not shown on ${page.url()}`);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	const viewport = page.viewportSize().width;
	assert.ok(width <= viewport + 1, `${page.url()} is ${width}px wide in a ${viewport}px viewport`);
	await screenshot(page, shot);
	await checkAccessibility(page, shot);
	assertNoProblems(context);
}

for (const [device, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
	describe(`journey on a ${device} (${options.viewport.width}x${options.viewport.height})`, () => {
		test('home -> category -> product -> search -> results', async () => {
			const context = await newContext(browser, options);
			try {
				const page = await context.newPage();
				const click = (locator) => (options.hasTouch ? locator.tap() : locator.click());

				// Home.
				const res = await page.goto('/');
				assert.equal(res.status(), 200);
				await page.locator('h1').first().waitFor();
				const tops = sql(`SELECT id, slug, name FROM categories WHERE parent_id IS NULL ORDER BY position, name`);
				const homeCats = await page.locator('a.cat-card strong').allInnerTexts();
				assert.deepEqual(homeCats.map((s) => s.trim()), tops.map((c) => c.name), 'home shows every category');
				await checkPage(page, context, `${device}-1-home`);

				// A category: from the navigation bar on a desktop, from the
				// "Shop by category" cards on a phone.
				const cat = device === 'desktop' ? tops[0] : tops[1];
				const link = device === 'desktop'
					? page.locator('nav.cat-nav').getByRole('link', { name: cat.name, exact: true })
					: page.locator('a.cat-card', { has: page.locator('strong', { hasText: cat.name }) }).first();
				await Promise.all([page.waitForURL(`**/c/${cat.slug}`), click(link)]);
				assert.equal(await text(page.locator('h1')), cat.name);
				const expected = sql(`SELECT p.id, p.name, p.price_minor FROM products p
					WHERE p.top_category_id = @p1 AND p.status = 'active'
					ORDER BY p.popularity DESC, p.id DESC LIMIT 3`, [cat.id]);
				const grid = page.locator('section[aria-labelledby="cat-results"] article.card');
				assert.equal(await grid.count(), 24, 'a full first page of products');
				const firstNames = (await grid.locator('.card-title').allInnerTexts()).slice(0, 3).map((s) => s.trim());
				assert.deepEqual(firstNames, expected.map((r) => r.name), 'most popular first, as in the database');
				await checkPage(page, context, `${device}-2-category`);

				// A product: the first card of the listing.
				const first = expected[0];
				await Promise.all([
					page.waitForURL(new RegExp(`/p/${first.id}-[a-z0-9-]+$`)),
					click(grid.first().locator('a.card-link')),
				]);
				assert.equal(await text(page.locator('h1')), first.name);
				const price = await text(page.locator('.buy-box .price'));
				assert.ok(price.includes(money(first.price_minor)), `price ${money(first.price_minor)} in "${price}"`);
				const vendor = sqlRow(`SELECT v.trading_name FROM products p JOIN vendors v ON v.id = p.vendor_id
					WHERE p.id = @p1`, [first.id]);
				assert.ok((await text(page.locator('.buy-box .sold-by'))).includes(vendor.trading_name));
				await checkPage(page, context, `${device}-3-product`);

				// The search box in the header: type a product name, submit.
				const box = page.locator('#site-search-q');
				await click(box);
				await box.fill(first.name);
				await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
				assert.equal(new URL(page.url()).searchParams.get('q'), first.name);
				assert.equal(await text(page.locator('h1')), `Results for “${first.name}”`);
				const results = page.locator('section[aria-labelledby="search-results"] article.card');
				assert.ok(await results.count() > 0, 'some results');
				const names = (await results.locator('.card-title').allInnerTexts()).map((s) => s.trim());
				assert.ok(names.includes(first.name), `"${first.name}" among the results: ${names.slice(0, 5).join(' | ')}`);
				assert.equal(await box.inputValue(), first.name, 'the search box keeps the text');
				await checkPage(page, context, `${device}-4-search`);

				// And from the results back to the product.
				const hit = results.filter({ has: page.locator('.card-title', { hasText: first.name }) }).first();
				await Promise.all([page.waitForURL(/\/p\/\d+-[a-z0-9-]+$/), click(hit.locator('a.card-link'))]);
				assert.equal(await text(page.locator('h1')), first.name);
				assertNoProblems(context);
			} finally {
				await context.close();
			}
		});
	});
}

describe('pages work without JavaScript', () => {
	test('category page: change the sort with the form, the URL and the order follow', async () => {
		const context = await newContext(browser, { ...DESKTOP, javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			// A sub-category with more than one page of products.
			const cat = sqlRow(`SELECT c.id, c.slug, c.name FROM categories c
				WHERE c.parent_id IS NOT NULL
				  AND (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id AND p.status = 'active') > 30
				ORDER BY c.id LIMIT 1`);
			await searchResynced();	// category pages list from the search index
			const res = await page.goto(`/c/${cat.slug}`);
			assert.equal(res.status(), 200);
			assert.equal(await text(page.locator('h1')), cat.name);
			const grid = page.locator('section[aria-labelledby="cat-results"] article.card');
			const popular = sql(`SELECT name FROM products WHERE category_id = @p1 AND status = 'active'
				ORDER BY popularity DESC, id DESC LIMIT 5`, [cat.id]).map((r) => r.name);
			const shown = (await grid.locator('.card-title').allInnerTexts()).slice(0, 5).map((s) => s.trim());
			assert.deepEqual(shown, popular, 'most popular first by default');

			await page.locator('#f-sort').selectOption('price_asc');
			await Promise.all([
				page.waitForURL(/sort=price_asc/),
				page.locator('form.filters button[type="submit"]').click(),
			]);
			const url = new URL(page.url());
			assert.equal(url.pathname, `/c/${cat.slug}`);
			assert.equal(url.searchParams.get('sort'), 'price_asc');
			const cheapest = sql(`SELECT name, price_minor FROM products WHERE category_id = @p1 AND status = 'active'
				ORDER BY price_minor ASC, id ASC LIMIT 24`, [cat.id]);
			const cards = await grid.evaluateAll((els) => els.map((el) => ({
				name: el.querySelector('.card-title').textContent.trim(),
				price: el.querySelector('.price').childNodes[1]?.textContent.trim(),
			})));
			assert.deepEqual(cards.map((c) => c.name), cheapest.map((r) => r.name), 'cheapest first, as in the database');
			assert.deepEqual(cards.map((c) => c.price), cheapest.map((r) => money(r.price_minor)), 'with their prices');
			assert.equal(await page.locator('#f-sort').inputValue(), 'price_asc', 'the form shows the chosen sort');
			assert.notDeepEqual(cards.slice(0, 5).map((c) => c.name), popular, 'the order changed');
			await screenshot(page, 'nojs-category-price-asc');

			// The next page keeps the sort.
			await Promise.all([page.waitForURL(/page=2/), page.locator('nav.pagination a[rel="next"]').click()]);
			const u2 = new URL(page.url());
			assert.equal(u2.searchParams.get('sort'), 'price_asc');
			const page2 = sql(`SELECT name FROM products WHERE category_id = @p1 AND status = 'active'
				ORDER BY price_minor ASC, id ASC LIMIT 3 OFFSET 24`, [cat.id]).map((r) => r.name);
			const shown2 = (await grid.locator('.card-title').allInnerTexts()).slice(0, 3).map((s) => s.trim());
			assert.deepEqual(shown2, page2, 'page 2 continues the order');
			assertNoProblems(context);
		} finally {
			await context.close();
		}
	});
});
