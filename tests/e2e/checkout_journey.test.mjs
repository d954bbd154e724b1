// Buying in a real browser (Debian's Chromium): a guest checks out a cart
// by bank transfer, sees the order with the details to pay it, and cancels
// it through the link of the confirmation mail; a
// customer with items of two shops checks out with the sandbox's test card
// and sees the order paid. Each page is checked with axe-core and saved as
// a screenshot.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { mailLink, q, qValue, signupCustomer, uniqueEmail, waitForMail } from '../lib/accounts.mjs';
import { DESKTOP, checkPage, flash, launchBrowser, newContext, submit } from '../lib/browser.mjs';
import { NEEDS_SANDBOX, fillAddress, fillCart, payWithTestCard, shopProducts } from '../lib/checkout.mjs';
import { env, money } from '../lib/stack.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

describe('buying in a browser', () => {
	test('a guest checkout: cart -> address and email -> review -> order placed with the bank details', async () => {
		const [a] = shopProducts();
		const context = await newContext(browser, DESKTOP);
		try {
			// The visitor's cart, as adding to the cart makes it: a visitor id
			// in the bz_visitor cookie, the cart keyed by its BLAKE2b-256 hash.
			const visitor = randomBytes(16).toString('hex');
			const hash = execFileSync('b2sum', ['-l', '256'], { input: visitor, encoding: 'utf8' }).split(' ')[0];
			q('INSERT INTO carts (visitor_hash, header_key) VALUES (UNHEX(@p1), MD5(RAND()))', [hash]);
			const cart = Number(qValue('SELECT id FROM carts WHERE visitor_hash = UNHEX(@p1)', [hash]));
			fillCart(cart, [[a, 2]]);
			await context.addCookies([{ name: 'bz_visitor', value: visitor, url: env('BAZAAR_HTTP_URL') }]);
			const email = uniqueEmail('guest');
			const page = await context.newPage();

			await page.goto('/checkout');
			await page.locator('h1', { hasText: 'Checkout' }).waitFor();
			assert.ok((await page.locator('#cart').innerText()).includes(a.name), 'the cart\'s item is listed');
			await checkPage(page, context, 'checkout-guest-1-form');
			await page.locator('#email').fill(email);
			await fillAddress(page);
			await page.locator('#method-bank_transfer').check();
			await submit(page, page.getByRole('button', { name: 'Review your order' }));

			await page.locator('h1', { hasText: 'Review your order' }).waitFor();
			const total = Number(await page.locator('#order-total').getAttribute('data-minor'));
			assert.ok(total >= 2 * Number(a.price_minor), 'the total counts both units');
			await checkPage(page, context, 'checkout-guest-2-review');
			const form = Object.fromEntries(await page.locator('form[action="/checkout/place"] input[type=hidden]')
				.evaluateAll((inputs) => inputs.map((i) => [i.name, i.value])));
			await submit(page, page.getByRole('button', { name: /Place the order/ }));

			assert.match(new URL(page.url()).pathname, /^\/checkout\/placed\/\d+$/);
			await page.locator('#order-status').waitFor();
			assert.match(await page.locator('#order-status').innerText(), /waiting for your bank transfer/);
			assert.ok((await page.locator('body').innerText()).includes(money(total)));
			await checkPage(page, context, 'checkout-guest-3-placed');
			const order = q('SELECT id, user_id, total_minor FROM orders WHERE email = @p1', [email]);
			assert.equal(order.length, 1, 'one order');
			assert.equal(order[0].user_id, null, 'a guest\'s');
			assert.equal(Number(order[0].total_minor), total);
			assert.equal(Number(qValue('SELECT COUNT(*) FROM cart_items WHERE cart_id = @p1', [cart])), 0, 'the cart is empty');
			// The form sent again (a retried request): the same order.
			const again = await page.request.post('/checkout/place', { form, maxRedirects: 0 });
			assert.equal(again.status(), 303);
			assert.equal(new URL(again.headers().location, env('BAZAAR_HTTP_URL')).pathname, `/checkout/placed/${order[0].id}`);
			assert.equal(Number(qValue('SELECT COUNT(*) FROM orders WHERE email = @p1', [email])), 1);

			// The confirmation mail's link: the guest cancels the order before it ships.
			const mail = await waitForMail(email, { subject: 'Your order' });
			await page.goto(mailLink(mail, `/orders/${order[0].id}/guest`));
			await page.locator('h1', { hasText: 'Your order' }).waitFor();
			await page.getByRole('link', { name: 'Cancel a part of this order, or return items' }).click();
			await page.locator('h1', { hasText: 'Cancel or return' }).waitFor();
			await checkPage(page, context, 'checkout-guest-4-cancel');
			const stock = Number(qValue('SELECT stock FROM products WHERE id = @p1', [Number(a.id)]));
			await submit(page, page.getByRole('button', { name: /^Cancel BZ-/ }));
			assert.match(await flash(page), /^Cancelled/);
			assert.equal(await page.locator('.vo-status').first().innerText(), 'cancelled');
			assert.equal(await page.getByRole('button', { name: /^Cancel BZ-/ }).count(), 0, 'nothing left to cancel');
			assert.equal(Number(qValue('SELECT stock FROM products WHERE id = @p1', [Number(a.id)])), stock + 2, 'the stock back');
			assert.equal(qValue('SELECT status FROM orders WHERE id = @p1', [order[0].id]), 'cancelled');
		} finally {
			await context.close();
		}
	});

	test('a shopper with items of two shops pays with the test card and sees the order paid', NEEDS_SANDBOX, async () => {
		const [a, b] = shopProducts();
		const c = await signupCustomer();
		q('UPDATE users SET email_verified_at = UTC_TIMESTAMP() WHERE id = @p1', [Number(c.user.id)]);
		q('INSERT IGNORE INTO carts (user_id, header_key) VALUES (@p1, MD5(RAND()))', [Number(c.user.id)]);
		fillCart(Number(qValue('SELECT id FROM carts WHERE user_id = @p1', [Number(c.user.id)])), [[a, 1], [b, 2]]);
		const context = await newContext(browser, DESKTOP);
		try {
			await context.addCookies([{ name: 'bz_session', value: c.client.session, url: env('BAZAAR_HTTP_URL') }]);
			const page = await context.newPage();
			await page.goto('/checkout');
			await fillAddress(page);
			await page.locator('#method-card').check();
			await submit(page, page.getByRole('button', { name: 'Review your order' }));
			assert.equal(await page.locator('section.checkout-vendor').count(), 2, 'one part per shop');
			const total = Number(await page.locator('#order-total').getAttribute('data-minor'));
			await checkPage(page, context, 'checkout-card-1-review');
			await submit(page, page.getByRole('button', { name: /Place the order/ }));

			// The provider's page: the test card that approves.
			await payWithTestCard(page, context);

			const order = q('SELECT id, status, total_minor FROM orders WHERE user_id = @p1', [Number(c.user.id)]);
			assert.equal(order.length, 1, 'one order');
			assert.equal(Number(order[0].total_minor), total);
			await page.goto(`/checkout/placed/${order[0].id}`);
			assert.match(await page.locator('#order-status').innerText(), /^Paid/);
			assert.equal(await page.locator('section[aria-label*=" from "]').count(), 2, 'each shop\'s part');
			await checkPage(page, context, 'checkout-card-2-paid');
			assert.equal(qValue('SELECT status FROM orders WHERE id = @p1', [Number(order[0].id)]), 'paid');
			assert.equal(Number(qValue(`SELECT COUNT(*) FROM vendor_orders WHERE order_id = @p1 AND status = 'processing'`,
				[Number(order[0].id)])), 2, 'each shop\'s part is being prepared');
		} finally {
			await context.close();
		}
	});
});
