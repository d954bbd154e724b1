// Fulfilment in a real browser (Debian's Chromium through playwright-core),
// from a real purchase: a new customer adds a product of each of two demo
// shops to the cart from the product pages, checks out and pays with the
// sandbox provider's test card; each shop finds its part in its "To send"
// list by the order's number; the first opens it and marks it shipped with
// a carrier and tracking number, the second ticks it and marks it shipped in
// bulk; the customer then sees each shop's part shipped, with its carrier
// and tracking number, in the order history and on the order's page, and
// has a "on its way" mail for each. The pages are checked with axe-core and
// saved as screenshots; the browser must log no errors.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertNoProblems, checkPage, flash, launchBrowser, loggedIn, submit, text } from '../lib/browser.mjs';
import { DEMO, q, qValue, signupCustomer } from '../lib/accounts.mjs';
import { NEEDS_SANDBOX, addToCart, fillAddress, payWithTestCard, shopProducts } from '../lib/checkout.mjs';
import { SECOND_VENDOR } from '../lib/orders.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

/**
 * A new customer buys a product of each of the two shops through the pages
 * (product page, cart, checkout, the provider's card page); returns the
 * customer and the paid order with its parts in the order of vendorEmails.
 */
async function boughtFromTwoShops(vendorEmails) {
	const products = shopProducts({ vendorEmails });
	const customer = await signupCustomer();
	q('UPDATE users SET email_verified_at = UTC_TIMESTAMP() WHERE id = @p1', [Number(customer.user.id)]);
	const { context, page } = await loggedIn(browser, customer.email, customer.password);
	try {
		for (const p of products) await addToCart(page, p, 1);
		assert.equal(await page.locator('.cart-line').count(), 2, 'a line from each shop in the cart');
		await checkPage(page, context, 'fulfilment-0-cart');
		await page.goto('/checkout');
		await fillAddress(page);
		await page.locator('#method-card').check();
		await submit(page, page.getByRole('button', { name: 'Review your order' }));
		assert.equal(await page.locator('section.checkout-vendor').count(), 2, 'one part per shop');
		await submit(page, page.getByRole('button', { name: /Place the order/ }));
		await payWithTestCard(page, context);
		assertNoProblems(context);
	} finally {
		await context.close();
	}
	const order = q('SELECT id, number, status FROM orders WHERE user_id = @p1', [Number(customer.user.id)]);
	assert.equal(order.length, 1, 'one order');
	assert.equal(order[0].status, 'paid', 'paid with the test card');
	const parts = products.map((p) => q(`SELECT id, number, status FROM vendor_orders
		WHERE order_id = @p1 AND vendor_id = @p2`, [Number(order[0].id), Number(p.vendor_id)])[0]);
	for (const part of parts) assert.equal(part?.status, 'processing', 'each shop\'s part is being prepared');
	return { customer, order: { id: order[0].id, number: order[0].number, parts } };
}

/** Narrows the vendor's "To send" list to the parts of one order (its number). */
async function findOrder(page, number) {
	await page.locator('#orders-q').fill(number);
	await submit(page, page.getByRole('button', { name: 'Show', exact: true }));
}

describe('each vendor ships with tracking, the shopper sees it', () => {
	test('bought from two shops; one ships from the order page, one in bulk; the customer sees both parcels',
		NEEDS_SANDBOX, async () => {
		const { customer, order } = await boughtFromTwoShops([DEMO.vendor.email, SECOND_VENDOR]);
		const [first, second] = order.parts;

		// 1. The first shop: its order page, carrier and tracking number.
		{
			const { context, page } = await loggedIn(browser, DEMO.vendor.email, DEMO.vendor.password);
			try {
				await page.goto('/vendor/');
				assert.match(await text(page.locator('main')), /paid orders? waits? to be sent/);
				await page.goto('/vendor/orders');
				await checkPage(page, context, 'fulfilment-1-to-send');
				// Other orders may wait before it (oldest first): found by the order's number.
				await findOrder(page, order.number);
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
			const { context, page } = await loggedIn(browser, SECOND_VENDOR, DEMO.vendor.password);
			try {
				await page.goto('/vendor/orders');
				await findOrder(page, order.number);
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
			const { context, page } = await loggedIn(browser, customer.email, customer.password);
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
				assert.match(await text(parts.filter({ hasText: first.number })), /Status: Shipped.*Royal Mail.*RM 1234 5678 GB/);
				assert.match(await text(parts.filter({ hasText: second.number })), /Status: Shipped.*UPS.*1Z999AA10123456784/);
				assert.match(await text(page.locator('.order-history')), /Being prepared.*Shipped/s);
				await checkPage(page, context, 'fulfilment-6-order');
			} finally {
				await context.close();
			}
		}
		for (const part of order.parts) {
			assert.equal(Number(qValue(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1
				AND subject = CONCAT('Your order ', @p2, ' is on its way')`, [customer.email, part.number])), 1,
			`one "on its way" mail for ${part.number}`);
		}
	});
});
