// Finding a product in a real browser (Debian's Chromium): a shopper types a
// misspelt search in the header's box, picks the corrected search among the
// suggestions with the keyboard, narrows the results by two facets (a shop,
// then a price band: links whose counts match the results, each a chip),
// opens a product, looks at the similar-looking ones when the page offers
// them, adds it to the cart, and sees what the cart suggests with it.
// The pages with the suggestions open and the results are checked with
// axe-core.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	DESKTOP, assertNoProblems, checkAccessibility, launchBrowser, newContext, screenshot, text,
} from '../lib/browser.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

/** The number of results the page says it has. */
async function resultCount(page) {
	const t = await text(page.locator('.result-count'));
	const m = /(?:of )?([\d,]+) results?$/.exec(t);
	assert.ok(m, `result count: ${t}`);
	return Number(m[1].replace(/,/g, ''));
}

test('search with a typo, pick a suggestion, two facets, a product, the cart', async () => {
	const context = await newContext(browser, DESKTOP);
	try {
		const page = await context.newPage();
		await page.goto('/');
		const box = page.locator('#site-search-q');
		assert.equal(await box.getAttribute('role'), 'combobox');
		assert.equal(await box.getAttribute('aria-expanded'), 'false');

		// Typing a misspelt search: the corrected one is suggested first.
		await box.pressSequentially('sleping ba', { delay: 40 });
		const options = page.locator('#site-search-suggestions [role="option"]');
		await options.first().waitFor({ state: 'visible' });
		// the list follows the typing: wait for the answer to the whole text
		await page.waitForFunction(() => /^sleeping ba/.test(
			document.querySelector('#site-search-suggestions [role="option"]')?.textContent || ''));
		assert.equal(await box.getAttribute('aria-expanded'), 'true');
		assert.match(await text(options.first()), /^sleeping ba\S* Search$/);
		assert.ok(await options.count() >= 2, 'product names too');
		await checkAccessibility(page, 'search suggestions');
		await screenshot(page, 'search-suggestions');

		// Down then Enter: the suggestion chosen is announced and opened.
		await box.press('ArrowDown');
		assert.equal(await options.first().getAttribute('aria-selected'), 'true');
		assert.equal(await box.getAttribute('aria-activedescendant'), await options.first().getAttribute('id'));
		await Promise.all([page.waitForURL(/\/search\?q=sleeping/), box.press('Enter')]);
		assert.match(await text(page.locator('h1')), /^Results for “sleeping ba/);
		const all = await resultCount(page);
		assert.ok(all >= 2);

		// A shop, then a price band: each link's count is the next page's.
		const shop = page.locator('#facet-vendor + ul a').first();
		const shopCount = Number((await text(shop.locator('.facet-count'))).replace(/\D/g, ''));
		await Promise.all([page.waitForURL(/vendor=\d+/), shop.click()]);
		assert.equal(await resultCount(page), shopCount);
		const band = page.locator('#facet-band + ul a').first();
		const bandCount = Number((await text(band.locator('.facet-count'))).replace(/\D/g, ''));
		await Promise.all([page.waitForURL(/vendor=\d+&band=\d/), band.click()]);
		assert.equal(await resultCount(page), bandCount);
		const chips = page.locator('.chips a.chip');
		assert.equal(await chips.count(), 2);
		assert.match(await text(chips.nth(0)), /^Shop: /);
		assert.match(await text(chips.nth(1)), /^Price: /);
		await checkAccessibility(page, 'search results with two facets');
		await screenshot(page, 'search-facets');

		// Open the first product: every card says who sells it.
		const card = page.locator('.listing .grid .card').first();
		assert.match(await text(card.locator('.vendor')), /^Sold by /);
		const name = await text(card.locator('.card-title'));
		await Promise.all([page.waitForURL(/\/p\/\d+-/), card.locator('.card-link').click()]);
		assert.equal(await text(page.locator('h1')), name);
		const product = page.url();

		// "Similar looking", where the product page offers it.
		const similar = page.locator('a[href$="/similar"]');
		if (await similar.count()) {
			await Promise.all([page.waitForURL(/\/similar/), similar.first().click()]);
			assert.ok(await page.locator('.card').count() > 0, 'similar-looking products');
			await page.goto(product);
		}

		// Into the cart, which suggests what goes well with it.
		await Promise.all([
			page.waitForURL(/\/cart$/),
			page.locator('form.add-to-cart button[type="submit"]').click(),
		]);
		assert.ok((await text(page.locator('.cart-line').first())).includes(name));
		const suggested = page.locator('[aria-labelledby="cart-goes-well"] .card');
		assert.ok(await suggested.count() > 0, 'the cart suggests products');
		assert.match(await text(suggested.first().locator('.vendor')), /^Sold by /);
		await screenshot(page, 'search-journey-cart');
		assertNoProblems(context);
	} finally {
		await context.close();
	}
});
