// Buying in a browser, for tests/e2e: products that shops sell to Germany,
// carts filled as the cart module writes them or through the product
// pages' form, the checkout form's address, and paying on the sandbox
// provider's card page.
import assert from 'node:assert/strict';
import { q } from './accounts.mjs';
import { submit } from './browser.mjs';
import { productPath } from './stack.mjs';

/**
 * One product of each of two verified shops (the shops of vendorEmails, in
 * that order, when given) that deliver to Germany and take every method
 * (their own terms, or the defaults), with stock to spare.
 */
export function shopProducts({ vendorEmails } = {}) {
	const rows = q(`SELECT p.id, p.slug, p.vendor_id, p.name, p.price_minor, u.email AS vendor_email
		FROM products p JOIN vendors v ON v.id = p.vendor_id LEFT JOIN users u ON u.id = v.user_id
		WHERE p.status = 'active' AND v.status = 'verified' AND p.stock >= 20
		AND (NOT EXISTS (SELECT 1 FROM vendor_shipping s WHERE s.vendor_id = v.id)
		     OR (EXISTS (SELECT 1 FROM vendor_ship_countries c WHERE c.vendor_id = v.id AND c.country = 'DE')
		         AND EXISTS (SELECT 1 FROM vendor_shipping s WHERE s.vendor_id = v.id AND s.methods = 'card,paypal,bank_transfer')))
		${vendorEmails ? 'AND u.email IN (@p1, @p2)' : ''}
		ORDER BY p.id DESC LIMIT 400`, vendorEmails ?? []);
	let picked;
	if (vendorEmails) {
		picked = vendorEmails.map((email) => rows.find((r) => r.vendor_email === email));
	} else {
		const first = rows[0];
		picked = [first, rows.find((r) => r.vendor_id !== first?.vendor_id)];
	}
	assert.ok(picked[0] && picked[1], 'two shops with products to sell');
	return picked;
}

/** Puts qty of each product into cart (rows as the cart module writes them). */
export function fillCart(cart, lines) {
	for (const [p, qty] of lines) {
		q(`INSERT INTO cart_items (cart_id, product_id, quantity, price_added_minor)
			SELECT @p1, id, @p3, price_minor FROM products WHERE id = @p2`, [cart, Number(p.id), qty]);
	}
}

/** Adds qty of product to the cart with its product page's form; ends on the cart page. */
export async function addToCart(page, product, qty = 1) {
	await page.goto(productPath(product));
	await page.locator('#add-qty').fill(String(qty));
	await submit(page, page.locator('form.add-to-cart button[type="submit"]'));
	assert.match(new URL(page.url()).pathname, /\/cart$/);
}

/** Fills the checkout form's new address (in Germany). */
export async function fillAddress(page) {
	await page.locator('#name').fill('Ada Buyer');
	await page.locator('#line1').fill('1 Spree Ufer');
	await page.locator('#city').fill('Berlin');
	await page.locator('#postcode').fill('10115');
	await page.locator('#country').fill('DE');
}

/**
 * On the sandbox provider's card page: pays with the test card that
 * approves and comes back to the shop. The provider's page stands for
 * another site (its own favicon request and the like): its problems are
 * taken out of the context's, only the shop's pages are judged.
 */
export async function payWithTestCard(page, context) {
	assert.ok(page.url().startsWith(process.env.BAZAAR_SANDBOX_URL), `on the provider's page: ${page.url()}`);
	await page.locator('#number').fill('4242424242424242');
	await page.locator('#expiry').fill('12/34');
	await page.locator('#cvc').fill('123');
	await submit(page, page.getByRole('button', { name: /^Pay / }));
	const back = page.getByRole('link', { name: 'Back to the shop' });
	if (await back.count()) await submit(page, back);
	context.problems = context.problems.filter((p) => !p.includes(process.env.BAZAAR_SANDBOX_URL));
}

/** Skips a test on a stack without the payment sandbox. */
export const NEEDS_SANDBOX = { skip: process.env.BAZAAR_SANDBOX_URL ? false : 'no payment sandbox on this stack' };
