// A wishlist's journey in a real browser: a new shopper saves a product
// with the "Save to wishlist" button of its (shared, cached) page and finds
// it in their wishlist; its shop lowers the price with the listing form of
// the vendor portal; the shopper gets the price-drop mail (with its
// one-click unsubscribe headers) and the line in their notifications, which
// opens the product. The shop then puts the price back. The wishlist and the
// notifications pages are checked with axe-core; the browser must log no
// errors.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, checkPage, flash, launchBrowser, loggedIn, submit, text,
} from '../lib/browser.mjs';
import { DEMO, outboxMark, signupCustomer, waitForMail } from '../lib/accounts.mjs';
import { money, productPath, sqlRow } from '../lib/stack.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

/** The vendor sets the listing's price (e.g. '12.34') through its form. */
async function setPrice(page, productId, price) {
	await page.goto(`/vendor/listings/${productId}/edit`);
	await page.locator('#price').fill(price);
	await submit(page, page.getByRole('button', { name: 'Save changes' }));
	assert.match(await flash(page), /saved/i);
}

describe('a wishlist price drop', () => {
	test('save a product, the shop lowers its price, the shopper is told by mail', async () => {
		const product = sqlRow(`SELECT p.id, p.slug, p.name, p.price_minor FROM products p
			JOIN vendors v ON v.id = p.vendor_id JOIN users u ON u.id = v.user_id
			WHERE u.email = '${DEMO.vendor.email}' AND p.status = 'active' AND p.stock >= 5
			AND p.price_minor >= 1000 ORDER BY p.id DESC LIMIT 1`);
		const price = Number(product.price_minor);
		const lower = price - 500;
		const shopper = await signupCustomer({ name: 'Wanda Wisher' });
		const { context, page } = await loggedIn(browser, shopper.email, shopper.password);
		const vendor = await loggedIn(browser, DEMO.vendor.email, DEMO.vendor.password);
		try {
			await page.goto(productPath(product));
			await submit(page, page.getByRole('button', { name: 'Save to wishlist' }));
			assert.equal(new URL(page.url()).pathname, '/account/wishlists');
			assert.equal(await flash(page), 'Saved to your wishlist.');
			assert.ok((await text(page.locator('.wishlist-items'))).includes(product.name));
			await checkPage(page, context, 'wishlist');

			const mark = outboxMark();
			await setPrice(vendor.page, product.id, (lower / 100).toFixed(2));

			const mail = await waitForMail(shopper.email, { after: mark, subject: 'cheaper', timeoutMs: 30_000 });
			assert.ok(mail.body.includes(`${product.name} is cheaper now: ${money(lower)} (was ${money(price)})`), mail.body);
			assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
			assert.match(mail.headers['list-unsubscribe'], /k=price_drop/);

			await page.goto('/account/notifications');
			const line = page.locator('.notifications li').first();
			assert.ok((await text(line)).includes(`${product.name} is now ${money(lower)}`));
			await checkPage(page, context, 'notifications');
			await submit(page, line.getByRole('button'));
			assert.equal(new URL(page.url()).pathname, productPath(product));
		} finally {
			await setPrice(vendor.page, product.id, (price / 100).toFixed(2));
			await vendor.context.close();
			await context.close();
		}
	});
});
