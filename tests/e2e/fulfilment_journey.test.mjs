// Fulfilment in a real browser (Debian's Chromium through playwright-core):
// a paid order of the demo customer with a part from each of two demo shops
// (written as a placed and paid order leaves the tables); the first shop
// opens its order and marks it shipped with a carrier and tracking number,
// the second ticks it in its "To send" list and marks it shipped in bulk;
// the customer then sees each shop's part shipped, with its carrier and
// tracking number, in the order history and on the order's page, and has a
// "on its way" mail for each. The pages are checked with axe-core and saved
// as screenshots; the browser must log no errors.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, assertNoProblems, checkAccessibility, flash, launchBrowser, newContext, screenshot, submit,
} from '../lib/browser.mjs';
import { DEMO, qValue } from '../lib/accounts.mjs';
import { SECOND_VENDOR, paidOrder } from '../lib/orders.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

async function checkPage(page, context, shot) {
	await screenshot(page, shot);
	await checkAccessibility(page, shot);
	assertNoProblems(context);
}

async function loggedIn(email, password) {
	const context = await newContext(browser, DESKTOP);
	const page = await context.newPage();
	await page.goto('/login');
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(password);
	await submit(page, page.getByRole('button', { name: 'Log in' }));
	assert.equal(await flash(page), 'You are logged in.');
	return { context, page };
}

describe('each vendor ships with tracking, the shopper sees it', () => {
	test('one shop from the order page, one in bulk; the customer sees both parcels', async () => {
		const order = paidOrder(DEMO.customer.email, [DEMO.vendor.email, SECOND_VENDOR]);
		const [first, second] = order.parts;

		// 1. The first shop: its order page, carrier and tracking number.
		{
			const { context, page } = await loggedIn(DEMO.vendor.email, DEMO.vendor.password);
			try {
				await page.goto('/vendor/');
				assert.match(await text(page.locator('main')), /paid orders? waits? to be sent/);
				await page.goto('/vendor/orders');
				await checkPage(page, context, 'fulfilment-1-to-send');
				await submit(page, page.getByRole('link', { name: first.number }));
				assert.equal(await text(page.locator('h1')), `Order ${first.number}`);
				await checkPage(page, context, 'fulfilment-2-vendor-order');
				await page.locator('#carrier').fill('Royal Mail');
				await page.locator('#tracking').fill('RM 1234 5678 GB');
				await submit(page, page.getByRole('button', { name: 'Mark shipped' }));
				assert.equal(await flash(page), `${first.number} is marked shipped; the customer has been told.`);
				assert.match(await text(page.locator('.vo-tracking')), /Royal Mail.*RM 1234 5678 GB/);
				await checkPage(page, context, 'fulfilment-3-shipped');
			} finally {
				await context.close();
			}
		}

		// 2. The second shop: ticked in the "To send" list, shipped in bulk.
		{
			const { context, page } = await loggedIn(SECOND_VENDOR, DEMO.vendor.password);
			try {
				await page.goto('/vendor/orders');
				assert.equal(await page.getByRole('link', { name: first.number }).count(), 0,
					'another shop\'s part is not listed');
				await page.getByLabel(`Mark ${second.number} shipped`).check();
				await page.getByLabel(`Tracking number of ${second.number}`).fill('1Z999AA10123456784');
				await page.locator('#carrier').fill('UPS');
				await submit(page, page.getByRole('button', { name: 'Mark the ticked orders shipped' }));
				assert.equal(await flash(page), '1 order marked shipped; the customers have been told.');
				await checkPage(page, context, 'fulfilment-4-bulk-shipped');
				// The other shop's order is not this shop's: not found.
				const res = await page.goto(`/vendor/orders/${first.id}`);
				assert.equal(res.status(), 404);
			} finally {
				await context.close();
			}
		}

		// 3. The customer: both parcels shipped, with carrier and tracking.
		{
			const { context, page } = await loggedIn(DEMO.customer.email, DEMO.customer.password);
			try {
				await page.goto('/orders');
				const row = page.locator('.order-row', { hasText: order.number });
				const rowText = await text(row);
				assert.match(rowText, new RegExp(`${first.number}\\): Shipped, Royal Mail RM 1234 5678 GB`));
				assert.match(rowText, new RegExp(`${second.number}\\): Shipped, UPS 1Z999AA10123456784`));
				await checkPage(page, context, 'fulfilment-5-history');
				await submit(page, row.getByRole('link', { name: `Order ${order.number}` }));
				const parts = page.locator('.vendor-order');
				assert.equal(await parts.count(), 2);
				assert.match(await text(parts.nth(0)), /Status: Shipped.*Royal Mail.*RM 1234 5678 GB/);
				assert.match(await text(parts.nth(1)), /Status: Shipped.*UPS.*1Z999AA10123456784/);
				assert.match(await text(page.locator('.order-history')), /Being prepared.*Shipped/s);
				await checkPage(page, context, 'fulfilment-6-order');
			} finally {
				await context.close();
			}
		}
		for (const part of order.parts) {
			assert.equal(Number(qValue(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1
				AND subject = CONCAT('Your order ', @p2, ' is on its way')`, [DEMO.customer.email, part.number])), 1,
			`one "on its way" mail for ${part.number}`);
		}
	});
});
