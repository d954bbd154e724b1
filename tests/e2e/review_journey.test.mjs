// A review in a real browser (Debian's Chromium through playwright-core):
// the demo vendor marks a shipped order delivered; the demo customer finds
// "Write a review" on the order's page, gives four stars, a title, a text
// and a photo; the review shows on the product's page with "Verified
// purchase", the photo and the average; the vendor answers it from the
// portal, and the answer shows under it. The pages are checked with
// axe-core (the reviews page must have no finding at all, not even a
// moderate one) and saved as screenshots; the browser must log no errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	checkPage, drawnPng, flash, launchBrowser, loadAllImages, loggedIn, submit, text,
} from '../lib/browser.mjs';
import { DEMO, q } from '../lib/accounts.mjs';
import { makeOrder, userIdOf, vendorIdOf } from '../lib/orders.mjs';
import { forgetPage } from '../lib/stack.mjs';

let browser, product;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
	if (product) {
		// The demo product goes back to having no reviews.
		q('DELETE FROM reviews WHERE product_id = @p1', [product.id]);
		q('UPDATE products SET rating_avg = NULL, rating_count = 0 WHERE id = @p1', [product.id]);
		q(`UPDATE vendors v SET rating_count = (SELECT COUNT(*) FROM reviews r WHERE r.vendor_id = v.id AND r.status = 'published'),
			rating_avg = (SELECT ROUND(AVG(rating), 2) FROM reviews r WHERE r.vendor_id = v.id AND r.status = 'published')
			WHERE v.id = @p1`, [product.vendorId]);
		await forgetPage(`/p/${product.id}-${product.slug}`);
	}
});

test('a shopper receives an order, reviews it with a photo, the vendor answers', async () => {
	const customerId = userIdOf(DEMO.customer.email);
	const vendorId = vendorIdOf(DEMO.vendor.email);
	const [row] = q(`SELECT p.id, p.name, p.slug, p.price_minor FROM products p WHERE p.vendor_id = @p1 AND p.status = 'active'
		AND p.stock >= 20 AND p.price_minor BETWEEN 100 AND 100000
		AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.product_id = p.id) ORDER BY p.id DESC LIMIT 1 OFFSET 5`, [vendorId]);
	product = { id: Number(row.id), name: row.name, slug: row.slug, price: Number(row.price_minor), vendorId };
	const o = makeOrder({ userId: customerId, vendorId, lines: [{ product, qty: 1 }], status: 'shipped' });

	const vendor = await loggedIn(browser, DEMO.vendor.email, DEMO.vendor.password);
	const customer = await loggedIn(browser, DEMO.customer.email, DEMO.customer.password);
	try {
		// 1. The parcel arrives: the vendor marks it delivered.
		let page = vendor.page;
		await page.goto(`/vendor/orders/${o.voId}`);
		await submit(page, page.getByRole('button', { name: 'Mark delivered' }));
		assert.match(await flash(page), /marked delivered/);

		// 2. The customer reviews it from the order's page, with a photo.
		page = customer.page;
		await page.goto(`/orders/${o.orderId}`);
		await checkPage(page, customer.context, 'review-journey-1-order');
		await submit(page, page.getByRole('link', { name: 'Write a review' }));
		await checkPage(page, customer.context, 'review-journey-2-form');
		await page.getByLabel('4 out of 5').check();
		await page.getByLabel('Title').fill('Sturdy and pretty');
		await page.getByLabel('Your review').fill('Arrived well packed.\n\nLooks even better than in the pictures.');
		const photo = await drawnPng(customer.context, 640, 480, '#88aa55', '#224411');
		await page.locator('#photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo });
		await submit(page, page.getByRole('button', { name: 'Post your review' }));
		assert.match(await flash(page), /Thank you for your review/);
		const review = page.locator('article.review').filter({ hasText: 'Sturdy and pretty' });
		assert.match(await text(review), /Verified purchase/);
		assert.equal(await review.locator('.review-photos img').count(), 1);
		assert.deepEqual(await loadAllImages(page), [], 'the photo is shown');
		// The reviews page has no axe finding of any impact (headings in order included).
		assert.deepEqual((await checkPage(page, customer.context, 'review-journey-3-reviews')).map((v) => v.id), []);

		// 3. The product's page shows it, with the average.
		await page.goto(`/p/${product.id}-${product.slug}`);
		assert.match(await text(page.locator('#reviews')), /4 out of 5 · 1 review/);
		assert.match(await text(page.locator('#reviews')), /Sturdy and pretty/);

		// 4. The vendor answers from the portal, once.
		page = vendor.page;
		await page.goto('/vendor/reviews');
		await checkPage(page, vendor.context, 'review-journey-4-vendor');
		const mine = page.locator('article.review').filter({ hasText: 'Sturdy and pretty' });
		await mine.getByLabel('Your answer (once, public)').fill('Thank you! Enjoy it.');
		await submit(page, mine.getByRole('button', { name: 'Publish the answer' }));
		assert.match(await flash(page), /Your answer is published/);

		// 5. The answer shows under the review.
		page = customer.page;
		await page.goto(`/p/${product.id}/reviews`);
		const answered = page.locator('article.review').filter({ hasText: 'Sturdy and pretty' });
		assert.match(await text(answered.locator('.review-reply')), /The shop answered on .* Thank you! Enjoy it\./);
		assert.deepEqual((await checkPage(page, customer.context, 'review-journey-5-answered')).map((v) => v.id), []);
	} finally {
		await vendor.context.close();
		await customer.context.close();
	}
});
