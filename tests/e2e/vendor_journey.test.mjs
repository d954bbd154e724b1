// A vendor's journey in a real browser (Debian's Chromium through
// playwright-core), every form filled and sent the way a person does it:
//   1. a demo vendor logs in, creates a listing, adds two pictures (PNG
//      files the browser itself drew), publishes it, finds it on the
//      storefront with both pictures, buys a 3-day promotion starting today
//      and sees the listing in the home page's Sponsored slot with the
//      shop's name;
//   2. an admin rejects the demo listing waiting in the review queue with a
//      reason, and its vendor reads the reason on the listing.
// The main pages are checked with axe-core (no serious or critical
// violation) and saved as screenshots; the browser must log no errors.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, adminSignIn, checkPage as checkShownPage, drawnPng, flash, launchBrowser, loadAllImages, loggedIn,
	newContext, screenshot, submit, text,
} from '../lib/browser.mjs';
import { DEMO, qRow } from '../lib/accounts.mjs';
import { sql, sqlRow } from '../lib/stack.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

/** Every page: pictures shown, accessible, no browser problems; a screenshot. */
async function checkPage(page, context, shot) {
	assert.deepEqual(await loadAllImages(page), [], `pictures not shown on ${page.url()}`);
	await checkShownPage(page, context, shot);
}


// The listing made by the first test, promoted by the second.
let listed;

describe('a vendor lists, illustrates, publishes and promotes a product', () => {
	test('a new listing with two pictures, published, on the storefront', async () => {
		const { context, page } = await loggedIn(browser, DEMO.vendor.email, DEMO.vendor.password,
			{ shot: 'vendor-journey-1-login' });
		try {
			const vendor = qRow(`SELECT v.id, v.trading_name FROM vendors v JOIN users u ON u.id = v.user_id
				WHERE u.email = @p1`, [DEMO.vendor.email]);
			const name = `Journey Lantern ${Date.now().toString(36)}`;

			// 1. A new listing, saved as a draft.
			await page.goto('/vendor/listings/new');
			await checkPage(page, context, 'vendor-journey-2-new-listing');
			await page.locator('#name').fill(name);
			await page.locator('#description').fill('A hand-finished lantern for the garden.\n\n- brass frame\n- glass panes');
			const category = sqlRow(`SELECT c.id, c.name FROM categories c WHERE c.parent_id IS NOT NULL
				ORDER BY c.id LIMIT 1`);
			await page.locator('#category').selectOption(String(category.id));
			await page.locator('#price').fill('24.50');
			await page.locator('#stock').fill('12');
			await submit(page, page.getByRole('button', { name: 'Save as a draft' }));
			assert.equal(await flash(page), `“${name}” is saved as a draft.`);
			const product = qRow('SELECT id, status FROM products WHERE vendor_id = @p1 AND name = @p2', [vendor.id, name]);
			assert.equal(product.status, 'draft');

			// 2. Two pictures, each with its alt text, through the upload form.
			await page.goto(`/vendor/listings/${product.id}/images`);
			await checkPage(page, context, 'vendor-journey-3-pictures');
			const pictures = [
				{ png: await drawnPng(context, 640, 480, '#d9a441', '#5b3a12'), alt: 'The lantern lit at dusk' },
				{ png: await drawnPng(context, 480, 640, '#3e7cb1', '#0f2a44'), alt: 'The lantern from above' },
			];
			for (const [i, p] of pictures.entries()) {
				await page.locator('#picture').setInputFiles({ name: `lantern-${i + 1}.png`, mimeType: 'image/png', buffer: p.png });
				await page.locator('#alt').fill(p.alt);
				await submit(page, page.getByRole('button', { name: 'Add the picture' }));
			}
			const images = sql('SELECT position, alt, media_id FROM product_images WHERE product_id = @p1 ORDER BY position', [product.id]);
			assert.deepEqual(images.map((r) => r.alt), pictures.map((p) => p.alt), 'both pictures stored, in order');
			assert.ok(images.every((r) => r.media_id !== null && r.media_id !== 'NULL'), 'through the media pipeline');
			await checkPage(page, context, 'vendor-journey-4-two-pictures');

			// 3. Published: the edit form's publish button.
			await page.goto(`/vendor/listings/${product.id}/edit`);
			await submit(page, page.getByRole('button', { name: 'Save and publish' }));
			assert.equal(await flash(page), `“${name}” is published: shoppers can see it now.`);
			assert.equal(sqlRow('SELECT status FROM products WHERE id = @p1', [product.id]).status, 'active');
			await checkPage(page, context, 'vendor-journey-5-published');

			// 4. On the storefront: its page, from the listing's own link, with both pictures.
			await page.goto(`/vendor/listings/${product.id}/edit`);
			const live = page.getByRole('link', { name: 'View in the shop' });
			await submit(page, live);
			assert.equal(await text(page.locator('h1')), name);
			for (const p of pictures) {
				assert.equal(await page.locator(`img[alt="${p.alt}"]`).count() > 0, true, `picture "${p.alt}" on the product page`);
			}
			await checkPage(page, context, 'vendor-journey-6-storefront');

			listed = { id: product.id, name, vendor };
		} finally {
			await context.close();
		}
	});

	test('a 3-day promotion from today -> the home page\'s Sponsored slot', async () => {
		assert.ok(listed, 'the listing of the test before');
		const { name, vendor } = listed;
		const product = { id: listed.id };
		const { context, page } = await loggedIn(browser, DEMO.vendor.email, DEMO.vendor.password,
			{ shot: 'vendor-journey-7-login' });
		try {
			// 5. A 3-day promotion from today: the price, then the purchase.
			const balanceBefore = Number(sqlRow('SELECT COALESCE(SUM(amount_minor), 0) AS b FROM vendor_ledger WHERE vendor_id = @p1', [vendor.id]).b);
			await page.goto('/vendor/promotions/new');
			await checkPage(page, context, 'vendor-journey-7-promotion');
			await page.locator('#product').selectOption(String(product.id));
			await page.locator('#start').fill(new Date().toISOString().slice(0, 10));
			await page.locator('#days').fill('3');
			await submit(page, page.getByRole('button', { name: 'See the price' }));
			await checkPage(page, context, 'vendor-journey-8-price');
			await submit(page, page.getByRole('button', { name: /^Pay .* and promote$/ }));
			const promotion = sqlRow(`SELECT id, fee_minor, status FROM promotions WHERE product_id = @p1`, [product.id]);
			const rate = Number(sqlRow(`SELECT p.promotion_daily_rate_minor AS r FROM plans p JOIN vendors v ON v.plan_id = p.id
				WHERE v.id = @p1`, [vendor.id]).r);
			assert.equal(Number(promotion.fee_minor), 3 * rate, 'three days at the plan\'s daily rate');
			const balanceAfter = Number(sqlRow('SELECT COALESCE(SUM(amount_minor), 0) AS b FROM vendor_ledger WHERE vendor_id = @p1', [vendor.id]).b);
			assert.equal(balanceAfter, balanceBefore - 3 * rate, 'charged to the ledger');
			await checkPage(page, context, 'vendor-journey-9-bought');

			// 6. The home page's Sponsored slot shows it, labelled, with the shop's name.
			await page.goto('/');
			const slot = page.locator('section[aria-labelledby="home-sponsored"]');
			const card = slot.locator('article', { hasText: name });
			await card.first().waitFor();
			assert.equal((await card.first().locator('.sponsored-tag').textContent()).trim(), 'Sponsored');
			assert.ok((await text(card.first())).includes(vendor.trading_name), 'the paying shop is named');
			await checkPage(page, context, 'vendor-journey-10-sponsored');
		} finally {
			await context.close();
		}
	});
});

describe('an admin rejects a listing in review and the vendor sees why', () => {
	test('queue -> reject with a reason -> the vendor reads it on the listing', async () => {
		const review = sqlRow(`SELECT r.id, r.product_id, r.name, v.slug FROM listing_reviews r
			JOIN vendors v ON v.id = r.vendor_id WHERE r.status = 'pending' ORDER BY r.id LIMIT 1`);
		const reason = 'The second photo shows another lantern. Please add photos of this one and publish it again.';

		const adminContext = await newContext(browser, DESKTOP);
		try {
			const page = await adminContext.newPage();
			await adminSignIn(page);
			assert.equal(new URL(page.url()).pathname, '/admin/');

			await page.goto('/admin/listings/review');
			await checkPage(page, adminContext, 'review-journey-1-queue');
			await submit(page, page.getByRole('link', { name: review.name }).first());
			assert.equal(new URL(page.url()).pathname, `/admin/listings/${review.product_id}`);
			await checkPage(page, adminContext, 'review-journey-2-listing');
			await page.getByLabel('Reason, sent to the vendor').fill(reason);
			await submit(page, page.getByRole('button', { name: 'Reject listing' }));
			assert.match(await flash(page), /Listing rejected/);
			const after = sqlRow('SELECT status, reason FROM listing_reviews WHERE id = @p1', [review.id]);
			assert.equal(after.status, 'rejected');
			assert.equal(after.reason, reason);
			assert.equal(sqlRow('SELECT status FROM products WHERE id = @p1', [review.product_id]).status, 'draft');
		} finally {
			await adminContext.close();
		}

		const { context, page } = await loggedIn(browser, `${review.slug}@demo.bazaar.test`, DEMO.vendor.password,
			{ shot: 'review-journey-3-vendor' });
		try {
			await page.goto(`/vendor/listings/${review.product_id}/edit`);
			const notice = await text(page.locator('#rejected'));
			assert.ok(notice.includes(reason), `the vendor reads the reason on the listing: ${notice}`);
			await checkPage(page, context, 'review-journey-4-reason');
		} finally {
			await context.close();
		}
	});
});
