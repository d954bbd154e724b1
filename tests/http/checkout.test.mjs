// The checkout through nginx: a customer's cart with products of two shops
// becomes one order whose every amount is the server's (fields that try to
// set a price, a total, a vendor, a quantity or another cart change
// nothing), the same order form sent ten times at once makes one order,
// another customer's order is not found, and the commission of every order
// in the shop adds up.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { Client, assertRedirect, q, qValue, signupCustomer } from '../lib/accounts.mjs';
import { htmlEscape, money } from '../lib/stack.mjs';

/** The value of a hidden field of a page. */
function hidden(html, name) {
	const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
	return m ? m[1] : null;
}

/** Every hidden field of the place form, as [name, value] pairs. */
function placeForm(html) {
	const form = /<form[^>]*action="\/checkout\/place"[^>]*>([\s\S]*?)<\/form>/.exec(html);
	assert.ok(form, 'the review has the form that places the order');
	return [...form[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
		.map((m) => [m[1], m[2].replace(/&amp;/g, '&')]);
}

/**
 * Two products of two verified shops that deliver to Germany and take
 * cards (their own terms, or the defaults: the marketplace's country), with
 * stock to spare.
 */
function twoProducts() {
	const rows = q(`SELECT p.id, p.vendor_id, p.price_minor FROM products p JOIN vendors v ON v.id = p.vendor_id
		WHERE p.status = 'active' AND v.status = 'verified' AND p.stock >= 50
		AND (NOT EXISTS (SELECT 1 FROM vendor_shipping s WHERE s.vendor_id = v.id)
		     OR (EXISTS (SELECT 1 FROM vendor_ship_countries c WHERE c.vendor_id = v.id AND c.country = 'DE')
		         AND EXISTS (SELECT 1 FROM vendor_shipping s WHERE s.vendor_id = v.id AND FIND_IN_SET('card', s.methods))))
		ORDER BY p.id LIMIT 400`);
	const first = rows[0];
	const second = rows.find((r) => r.vendor_id !== first.vendor_id);
	assert.ok(first && second, 'two shops with products to sell');
	return [first, second];
}

/** The customers these tests made (their orders are checked at the end). */
const customers = [];

/** A verified customer, logged in, with qty of each product in the cart. */
async function customerWithCart(lines) {
	const c = await signupCustomer();
	customers.push(Number(c.user.id));
	q('UPDATE users SET email_verified_at = UTC_TIMESTAMP() WHERE id = @p1', [Number(c.user.id)]);
	q('INSERT IGNORE INTO carts (user_id, header_key) VALUES (@p1, MD5(RAND()))', [Number(c.user.id)]);
	const cart = Number(qValue('SELECT id FROM carts WHERE user_id = @p1', [Number(c.user.id)]));
	for (const [product, qty] of lines) {
		q(`INSERT INTO cart_items (cart_id, product_id, quantity, price_added_minor)
			SELECT @p1, id, @p3, price_minor FROM products WHERE id = @p2`, [cart, Number(product.id), qty]);
	}
	return { ...c, cart };
}

const address = { address_id: '0', name: 'Ada Buyer', line1: '1 Spree Ufer', line2: '', city: 'Berlin',
	postcode: '10115', country: 'DE', phone: '', method: 'card', coupon: '' };

/** The review of the customer's cart; returns its page. */
async function review(client, extra = {}) {
	await client.form('/checkout');
	const res = await client.post('/checkout/review', { ...address, ...extra });
	assert.equal(res.status, 200, `POST /checkout/review: ${res.status}\n${res.text.slice(0, 400)}`);
	return res.text;
}

/** What the server says the order must cost, from the database alone. */
function expectedTotal(lines) {
	let total = 0;
	const byVendor = new Map();
	for (const [p, qty] of lines) {
		const price = Number(qValue('SELECT price_minor FROM products WHERE id = @p1', [Number(p.id)]));
		byVendor.set(p.vendor_id, (byVendor.get(p.vendor_id) ?? 0) + price * qty);
	}
	for (const [vendor, items] of byVendor) {
		const terms = q('SELECT flat_rate_minor, free_above_minor FROM vendor_shipping WHERE vendor_id = @p1', [Number(vendor)])[0];
		const shipping = terms && !(terms.free_above_minor !== null && items >= Number(terms.free_above_minor))
			? Number(terms.flat_rate_minor) : 0;
		total += items + shipping;
	}
	return total;
}

describe('checkout', () => {
	let a, b;
	before(() => {
		[a, b] = twoProducts();
	});

	test('every amount is the server\'s; fields a form should not have change nothing', async () => {
		const lines = [[a, 2], [b, 1]];
		const c = await customerWithCart(lines);
		const stockA = Number(qValue('SELECT stock FROM products WHERE id = @p1', [Number(a.id)]));
		const other = await customerWithCart([[a, 1]]);
		const tamper = {
			price: '1', unit_price_minor: '1', total: '0.01', total_minor: '1', vendor_id: String(b.vendor_id),
			quantity: '-1', qty: '1e3', cart_id: String(other.cart), product: String(b.id),
		};
		const page = await review(c.client, tamper);
		const total = expectedTotal(lines);
		assert.match(page, new RegExp(`id="order-total" data-minor="${total}"`), 'the review shows the server\'s total');
		assert.ok(page.includes(money(total)), `the review shows ${money(total)}`);
		for (const qty of ['-1', '0', '1000000000', '1e3']) {
			const res = await c.client.post('/checkout/review', { ...address, quantity: qty, qty });
			assert.equal(res.status, 200, `a quantity of ${qty} is not read`);
			assert.match(res.text, new RegExp(`data-minor="${total}"`));
		}
		const form = placeForm(page);
		const res = await c.client.post('/checkout/place', [...form, ...Object.entries(tamper)]);
		const to = assertRedirect(res, 303, 'POST /checkout/place');
		const order = q('SELECT id, total_minor, items_minor, shipping_minor, discount_minor FROM orders WHERE user_id = @p1',
			[Number(c.user.id)]);
		assert.equal(order.length, 1, 'one order');
		// A card order goes on to the payment provider's page.
		assert.match(to, /^\/sandbox\/pay\/sbp-[0-9a-f]+$/);
		assert.equal(Number(order[0].total_minor), total, 'the order costs what the server computed');
		const items = q('SELECT product_id, quantity, unit_price_minor, line_minor FROM order_items WHERE order_id = @p1 ORDER BY product_id',
			[Number(order[0].id)]);
		assert.deepEqual(items.map((i) => [Number(i.product_id), Number(i.quantity)]),
			lines.map(([p, n]) => [Number(p.id), n]).sort((x, y) => x[0] - y[0]), 'the cart\'s quantities, nothing else');
		for (const i of items) {
			const price = Number(qValue('SELECT price_minor FROM products WHERE id = @p1', [Number(i.product_id)]));
			assert.equal(Number(i.unit_price_minor), price, 'the price is the product\'s');
			assert.equal(Number(i.line_minor), price * Number(i.quantity));
		}
		assert.equal(Number(qValue('SELECT stock FROM products WHERE id = @p1', [Number(a.id)])), stockA - 2);
		// The other customer's cart is as it was.
		assert.equal(Number(qValue('SELECT COUNT(*) FROM cart_items WHERE cart_id = @p1', [other.cart])), 1);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM cart_items WHERE cart_id = @p1', [c.cart])), 0, 'the ordered lines left the cart');

		// The order placed: its customer's only.
		const placed = `/checkout/placed/${order[0].id}`;
		let seen = await c.client.get(placed);
		assert.equal(seen.status, 200);
		assert.ok(seen.text.includes(money(total)));
		seen = await other.client.get(placed);
		assert.equal(seen.status, 404, 'another customer\'s order is not found');
		seen = await new Client().get(placed);
		assert.equal(seen.status, 404, 'nor is it for a visitor without a session');
	});

	test('the same order form sent ten times at once makes one order', async () => {
		const c = await customerWithCart([[a, 1]]);
		const stock = Number(qValue('SELECT stock FROM products WHERE id = @p1', [Number(a.id)]));
		const form = placeForm(await review(c.client));
		const key = form.find(([k]) => k === 'key')[1];
		const answers = await Promise.all(Array.from({ length: 10 }, () => c.client.clone().post('/checkout/place', form)));
		const places = new Set(answers.map((res) => assertRedirect(res, 303, 'POST /checkout/place')));
		assert.equal(places.size, 1, `every submission is shown the same order: ${[...places]}`);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM orders WHERE user_id = @p1', [Number(c.user.id)])), 1, 'one order');
		assert.equal(Number(qValue('SELECT stock FROM products WHERE id = @p1', [Number(a.id)])), stock - 1, 'one unit taken');
		// Later (a retried request, the back button): still that order.
		const again = await c.client.post('/checkout/place', form);
		assert.equal(assertRedirect(again, 303), [...places][0]);
		assert.ok(key.length === 43);
		// The same key with another cart: refused and shown for review again.
		q(`INSERT INTO cart_items (cart_id, product_id, quantity, price_added_minor)
			SELECT @p1, id, 1, price_minor FROM products WHERE id = @p2`, [c.cart, Number(b.id)]);
		const changed = await c.client.post('/checkout/place',
			form.map(([k, v]) => [k, k === 'quote' ? randomBytes(32).toString('hex') : v]));
		assert.equal(changed.status, 409);
		assert.ok(changed.text.includes('This order form was already used for another order.'));
		assert.equal(Number(qValue('SELECT COUNT(*) FROM orders WHERE user_id = @p1', [Number(c.user.id)])), 1);
	});

	test('a coupon at checkout: its discount on the review and the order, and every refusal in its own words', async () => {
		const tag = randomBytes(4).toString('hex').toUpperCase();
		const coupon = (suffix, columns = {}) => {
			const code = `HT-${tag}-${suffix}`;
			q(`INSERT INTO coupons (code, owner, kind, percent_bp, starts_at, ends_at, max_uses, uses, per_customer,
				min_order_minor, vendor_id, active) VALUES (@p1, 'admin', 'percent', 1000, NULLIF(@p2, ''),
				NULLIF(@p3, ''), NULLIF(@p4, 0), @p5, NULLIF(@p6, 0), @p7, NULLIF(@p8, 0), @p9)`,
			[code, columns.starts ?? '', columns.ends ?? '', columns.max ?? 0, columns.uses ?? 0,
				columns.perCustomer ?? 0, columns.min ?? 0, columns.vendor ?? 0, columns.active ?? 1]);
			return code.toLowerCase();	// typed in any case
		};
		const lines = [[a, 1], [b, 1]];
		const items = lines.reduce((sum, [p, n]) => sum + Number(p.price_minor) * n, 0);
		const c = await customerWithCart(lines);
		const other = Number(qValue(`SELECT id FROM vendors WHERE status = 'verified' AND id NOT IN (@p1, @p2)
			AND trading_name NOT LIKE '%&%' ORDER BY id LIMIT 1`, [Number(a.vendor_id), Number(b.vendor_id)]));
		const otherName = qValue('SELECT trading_name FROM vendors WHERE id = @p1', [other]);
		const refusals = [
			['NOPE', 'There is no coupon with this code. Check what you typed.'],
			[coupon('OFF', { active: 0 }), 'This coupon has been withdrawn and can no longer be used.'],
			[coupon('SOON', { starts: '2099-01-02 00:00:00' }), 'This coupon is not valid yet: it can be used from 2 January 2099.'],
			[coupon('OLD', { ends: '2020-03-01 00:00:00' }), 'This coupon has expired: it could be used until 29 February 2020.'],
			[coupon('GONE', { max: 1, uses: 1 }), 'This coupon has been used up: all of its 1 uses are taken.'],
			[coupon('BIG', { min: 100000000 }),
				`This coupon needs an order of at least ${money(100000000)}; your items come to ${money(items)}.`],
			[coupon('ELSE', { vendor: other }),
				`This coupon does not apply to anything in your cart: it is for items from ${otherName} only.`],
		];
		await c.client.form('/checkout');
		for (const [code, message] of refusals) {
			const res = await c.client.post('/checkout/review', { ...address, coupon: code });
			assert.equal(res.status, 422, `${code}: the form again`);
			assert.ok(res.text.includes('id="coupon-error"'), `${code}: the message is next to the field`);
			assert.ok(res.text.includes(htmlEscape(message)), `${code}: "${message}"`);
			assert.ok(!res.text.includes('action="/checkout/place"'), `${code}: nothing to place`);
		}

		// Once per customer: the first order gets it, then the same customer is told.
		const once = coupon('ONCE', { perCustomer: 1 });
		const page = await review(c.client, { coupon: once });
		const discount = Math.round(items / 10);	// 10%, half away from zero
		assert.ok(page.includes(`HT-${tag}-ONCE`), 'the review names the coupon');
		const res = await c.client.post('/checkout/place', placeForm(page));
		assertRedirect(res, 303, 'POST /checkout/place with a coupon');
		const order = q(`SELECT id, discount_minor, coupon_code FROM orders WHERE user_id = @p1 ORDER BY id DESC LIMIT 1`,
			[Number(c.user.id)])[0];
		assert.equal(order.coupon_code, `HT-${tag}-ONCE`);
		assert.equal(Number(order.discount_minor), discount, `10% off ${items}`);
		assert.equal(Number(qValue('SELECT SUM(discount_minor) FROM order_items WHERE order_id = @p1', [Number(order.id)])),
			Number(order.discount_minor), 'the lines\' parts add up to the discount');
		for (const [p, n] of lines) {
			q(`INSERT INTO cart_items (cart_id, product_id, quantity, price_added_minor)
				SELECT @p1, id, @p3, price_minor FROM products WHERE id = @p2`, [c.cart, Number(p.id), n]);
		}
		const again = await c.client.post('/checkout/review', { ...address, coupon: once });
		assert.equal(again.status, 422);
		assert.ok(again.text.includes(htmlEscape('You have already used this coupon; it can be used once per customer.')));
	});

	test('the commission and the sums of every order placed add up', () => {
		const ids = q(`SELECT id FROM orders WHERE user_id IN (${customers.map((_, i) => `@p${i + 1}`).join(', ')})`,
			customers).map((r) => Number(r.id));
		assert.ok(ids.length >= 2, 'the orders of these tests');
		for (const id of ids) {
			const bad = q(`SELECT vo.id FROM vendor_orders vo WHERE vo.order_id = @p1 AND (
				vo.commission_minor <> (SELECT SUM(i.commission_minor) FROM order_items i WHERE i.vendor_order_id = vo.id)
				OR vo.total_minor <> vo.items_minor + vo.shipping_minor - vo.discount_minor
				OR vo.items_minor <> (SELECT SUM(i.line_minor) FROM order_items i WHERE i.vendor_order_id = vo.id)
				OR vo.discount_minor <> (SELECT SUM(i.discount_minor) FROM order_items i WHERE i.vendor_order_id = vo.id)
				OR vo.tax_minor <> (SELECT SUM(i.tax_minor) FROM order_items i WHERE i.vendor_order_id = vo.id))`, [id]);
			assert.deepEqual(bad, [], `vendor orders of order ${id} whose parts do not add up`);
			const items = q(`SELECT id FROM order_items WHERE order_id = @p1 AND (commission_minor < 0
				OR commission_minor > line_minor - discount_minor OR line_minor <> unit_price_minor * quantity)`, [id]);
			assert.deepEqual(items, [], `items of order ${id} whose commission is not a part of what the shop is paid`);
			const sums = q(`SELECT o.id FROM orders o WHERE o.id = @p1 AND (
				o.total_minor <> (SELECT SUM(total_minor) FROM vendor_orders WHERE order_id = o.id)
				OR o.tax_minor <> (SELECT SUM(tax_minor) FROM vendor_orders WHERE order_id = o.id)
				OR o.shipping_minor <> (SELECT SUM(shipping_minor) FROM vendor_orders WHERE order_id = o.id))`, [id]);
			assert.deepEqual(sums, [], `order ${id}'s vendor orders do not add up to it`);
		}
	});
});
