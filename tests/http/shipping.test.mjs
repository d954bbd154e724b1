// Shipping, payment and return terms through nginx: a vendor saves them at
// /vendor/shipping (each bad field refused with its reason, nothing saved),
// its product page shows them to every visitor alike, the shared copy from
// memcached for the marketplace's own country and a copy of its own for
// ?country=<code>, both new at once after a change; an unknown country is
// a 400. An admin sets a category's tax rate at /admin/tax (bad input is a
// 400 naming the field).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
	Client, assertFieldError, assertRedirect, auditEntries, flashOf, loginAdmin, qValue, signupVendor,
} from '../lib/accounts.mjs';
import { assertShows, assertNotShows, sql, sqlRow } from '../lib/stack.mjs';

const GOOD = {
	flat_rate: '4.90', free_above: '50', handling_days: '1', transit_min_days: '2', transit_max_days: '4',
	return_days: '30', return_policy: 'Unused items within 30 days.',
};
const GOOD_LISTS = [['methods', 'card'], ['methods', 'paypal'], ['countries', 'DE'], ['countries', 'FR']];

/** The form's fields as [name, value] pairs, with changes (undefined: left out). */
function fields(changes = {}, lists = GOOD_LISTS) {
	const out = [];
	for (const [k, v] of Object.entries({ ...GOOD, ...changes })) {
		if (v !== undefined) out.push([k, v]);
	}
	return out.concat(lists);
}

const made = [];
after(() => {
	// with its event, as the catalogue's own writes: the search index hears of it
	for (const id of made) {
		sql(`START TRANSACTION; UPDATE products SET status = 'removed' WHERE id = @p1;
			INSERT INTO events (type, subject_id) VALUES ('product.changed', @p1); COMMIT`, [id]);
	}
});

describe('shipping terms', () => {
	test('a vendor saves its terms; every bad field is refused with its reason and nothing is saved', async () => {
		const v = await signupVendor();
		sql("UPDATE vendors SET status = 'verified' WHERE id = @p1", [v.vendor.id]);
		const form = await v.client.form('/vendor/shipping');
		assertShows(form.text, 'Until you do, your shop delivers free of charge to Germany only');

		const bad = [
			['flat_rate', { flat_rate: 'abc' }, 'must be an amount like 12.50'],
			['flat_rate', { flat_rate: '-4' }, 'must be an amount like 12.50'],
			['flat_rate', { flat_rate: '' }, 'Enter what you charge to deliver an order'],
			['free_above', { free_above: '1e3' }, 'must be an amount like 12.50'],
			['handling_days', { handling_days: '61' }, 'must be a whole number from 0 to 60'],
			['handling_days', { handling_days: '-1' }, 'must be a whole number from 0 to 60'],
			['transit_min_days', { transit_min_days: 'two' }, 'must be a whole number from 0 to 90'],
			['transit_max_days', { transit_min_days: '5', transit_max_days: '3' },
				'Enter the most days in transit as a whole number from the fewest days up to 90.'],
			['return_days', { return_days: '400' }, 'must be a whole number from 0 to 365'],
			['return_policy', { return_policy: 'x'.repeat(2001) }, 'at most 2000 characters'],
		];
		for (const [field, change, why] of bad) {
			const res = await v.client.post('/vendor/shipping', fields(change));
			assert.equal(res.status, 422, `${JSON.stringify(change).slice(0, 60)}: ${res.status}`);
			assertFieldError(res.text, field, why);
		}
		const lists = [
			['methods', [['countries', 'DE']], 'Choose at least one payment method you accept.'],
			['methods', [['methods', 'cash'], ['countries', 'DE']], 'must be one of: card, paypal, bank_transfer'],
			['countries', [['methods', 'card']], 'Choose at least one country you deliver to.'],
			['countries', [['methods', 'card'], ['countries', 'XX']], 'Choose the countries you deliver to from the list.'],
		];
		for (const [field, list, why] of lists) {
			const res = await v.client.post('/vendor/shipping', fields({}, list));
			assert.equal(res.status, 422, `${JSON.stringify(list)}: ${res.status}`);
			assertFieldError(res.text, field, why);
		}
		assert.equal(qValue('SELECT COUNT(*) FROM vendor_shipping WHERE vendor_id = @p1', [v.vendor.id]), '0',
			'nothing saved');
		let res = await v.client.post('/vendor/shipping', fields(), { csrf: null });
		assert.equal(res.status, 403, 'no CSRF token');

		res = await v.client.post('/vendor/shipping', fields());
		assert.equal(assertRedirect(res, 303, 'POST /vendor/shipping'), '/vendor/shipping');
		const row = sqlRow(`SELECT flat_rate_minor, free_above_minor, handling_days, transit_min_days,
			transit_max_days, methods, return_days FROM vendor_shipping WHERE vendor_id = @p1`, [v.vendor.id]);
		assert.deepEqual(row, {
			flat_rate_minor: '490', free_above_minor: '5000', handling_days: '1', transit_min_days: '2',
			transit_max_days: '4', methods: 'card,paypal', return_days: '30',
		});
		assert.equal(qValue(`SELECT GROUP_CONCAT(country ORDER BY country) FROM vendor_ship_countries
			WHERE vendor_id = @p1`, [v.vendor.id]), 'DE,FR');
		const page = await v.client.get('/vendor/shipping');
		assert.match(flashOf(page.text) ?? '', /terms are saved/);
	});

	test('the product page shows the terms, shared for the default country and per ?country, new at once', async () => {
		const v = await signupVendor();
		sql("UPDATE vendors SET status = 'verified' WHERE id = @p1", [v.vendor.id]);
		await v.client.form('/vendor/shipping');
		let res = await v.client.post('/vendor/shipping', fields());
		assertRedirect(res, 303, 'POST /vendor/shipping');
		const cat = sqlRow('SELECT id, parent_id FROM categories WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1');
		sql(`INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description, price_minor,
			stock, status) VALUES (@p1, @p2, @p3, 'Shipping Test Mug', 'shipping-test-mug', 'A mug.', 1200, 5,
			'active')`, [v.vendor.id, cat.id, cat.parent_id]);
		const id = qValue("SELECT MAX(id) FROM products WHERE vendor_id = @p1", [v.vendor.id]);
		made.push(id);
		const path = `/p/${id}-shipping-test-mug`;

		const anon = new Client();
		res = await anon.get(path);
		assert.equal(res.status, 200);
		assertShows(res.text, 'Delivery to Germany: <strong>€4.90</strong>, free on orders from this shop of €50.00 or more.');
		assertShows(res.text, 'Arrives 3 to 5 days after payment.');
		assertShows(res.text, 'Delivers to Germany, France.');
		assertShows(res.text, 'Returns: within 30 days of delivery.');
		assertShows(res.text, 'Pay by Card, PayPal.');
		res = await anon.get(path);
		assert.equal(res.headers.get('x-cache'), 'HIT', 'nginx serves the shared copy');

		res = await anon.get(`${path}?country=FR`);
		assert.equal(res.status, 200);
		assertShows(res.text, 'Delivery to France: <strong>€4.90</strong>');
		res = await anon.get(`${path}?country=FR`);
		assert.equal(res.headers.get('x-cache'), 'BYPASS,APP-HIT', 'the country\'s own copy');
		res = await anon.get(`${path}?country=JP`);
		assertShows(res.text, `${v.vendor.trading_name} does not deliver to Japan.`);
		for (const bad of ['ZZ', 'fr', 'FRA', '<b>x</b>']) {
			res = await anon.get(`${path}?country=${encodeURIComponent(bad)}`);
			assert.equal(res.status, 400, `country=${bad}`);
			assertNotShows(res.text, '<b>x</b>');
		}
		res = await anon.get(`${path}?country=ZZ`);
		assertShows(res.text, 'Choose a country from the list.');

		// New terms show on both copies at once.
		res = await v.client.post('/vendor/shipping', fields({ flat_rate: '2.50', free_above: '' }));
		assertRedirect(res, 303, 'POST /vendor/shipping');
		res = await anon.get(path);
		assertShows(res.text, 'Delivery to Germany: <strong>€2.50</strong>.');
		assertNotShows(res.text, 'free on orders');
		res = await anon.get(`${path}?country=FR`);
		assertShows(res.text, 'Delivery to France: <strong>€2.50</strong>.');
	});
});

describe('tax rates', () => {
	test('an admin sets a category\'s rate; bad input is a 400 naming the field', async () => {
		const admin = await loginAdmin();
		const cat = sqlRow('SELECT id, tax_bp FROM categories WHERE parent_id IS NOT NULL ORDER BY id DESC LIMIT 1');
		try {
			await admin.form('/admin/tax');
			for (const rate of ['abc', '101', '-5', '7.125']) {
				const res = await admin.post(`/admin/tax/${cat.id}`, { rate });
				assert.equal(res.status, 400, `rate=${rate}`);
				assertShows(res.text, 'Tax rate (%) (rate) must be an amount like 12.50, from 0.00 to 100.00.');
			}
			assert.equal(qValue('SELECT COALESCE(tax_bp, -1) FROM categories WHERE id = @p1', [cat.id]),
				cat.tax_bp ?? '-1', 'unchanged');
			let res = await admin.post(`/admin/tax/${cat.id}`, { rate: '7' });
			assert.equal(assertRedirect(res, 303, 'POST /admin/tax/{id}'), '/admin/tax');
			assert.equal(qValue('SELECT tax_bp FROM categories WHERE id = @p1', [cat.id]), '700');
			assert.equal(auditEntries('category.tax', 'category', cat.id).length >= 1, true);
			res = await admin.get('/admin/tax');
			assertShows(res.text, 'is now 7%.');
		} finally {
			if (cat.tax_bp === null) sql('UPDATE categories SET tax_bp = NULL WHERE id = @p1', [cat.id]);
			else sql('UPDATE categories SET tax_bp = @p1 WHERE id = @p2', [cat.tax_bp, cat.id]);
		}
	});
});
