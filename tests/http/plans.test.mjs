// Plans through nginx: an admin creates and edits a plan (bad input gets a
// message next to its field), moves a vendor to it (audited); the vendor
// sees the terms; missing CSRF tokens are refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	Client, assertFieldError, assertRedirect, auditEntries, flashOf, login, loginAdmin, q, qRow, qValue,
	signupVendor,
} from '../lib/accounts.mjs';
import { assertShows, sql } from '../lib/stack.mjs';

const tag = `${process.pid}-${Date.now() % 100000}`;

describe('plans', () => {
	test('an admin creates a plan, edits it and moves a vendor to it; the vendor sees the terms', async () => {
		const admin = await loginAdmin();
		await admin.form('/admin/plans/new');
		const name = `Http Plan ${tag}`;

		let res = await admin.post('/admin/plans', {
			name, commission: '12.345', commission_min: '', commission_max: '', listing_limit: '',
			promotion_daily_rate: '3', monthly_fee: '19',
		});
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'commission', 'must be an amount like 12.50');
		assert.equal(qValue('SELECT COUNT(*) FROM plans WHERE name = @p1', [name]), '0', 'nothing saved');

		res = await admin.post('/admin/plans', {
			name, commission: '12.5', commission_min: '0.50', commission_max: '20', listing_limit: '5',
			promotion_daily_rate: '3', monthly_fee: '19',
		});
		assert.equal(assertRedirect(res, 303, 'POST /admin/plans'), '/admin/plans');
		const planId = Number(qValue('SELECT id FROM plans WHERE name = @p1', [name]));
		assert.ok(planId > 0);
		assert.equal(auditEntries('plan.create', 'plan', planId).length, 1);
		const list = await admin.get('/admin/plans');
		assertShows(list.text, name);
		assertShows(list.text, '12.5% of each item\'s price, at least €0.50, at most €20.00 per item');

		await admin.form(`/admin/plans/${planId}`);
		res = await admin.post(`/admin/plans/${planId}`, {
			name, commission: '10', commission_min: '2', commission_max: '1', listing_limit: '5',
			promotion_daily_rate: '3', monthly_fee: '19',
		});
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'commission_max', 'at least the minimum');
		res = await admin.post(`/admin/plans/${planId}`, {
			name, commission: '10', commission_min: '', commission_max: '', listing_limit: '5',
			promotion_daily_rate: '2.50', monthly_fee: '19',
		});
		assertRedirect(res, 303, `POST /admin/plans/${planId}`);
		assert.equal(qValue('SELECT commission_bp FROM plans WHERE id = @p1', [planId]), '1000');

		// Moving a vendor: audited, with its time.
		const v = await signupVendor();
		sql("UPDATE vendors SET status = 'verified' WHERE id = @p1", [v.vendor.id]);
		await admin.form(`/admin/vendors/${v.vendor.id}`);
		res = await admin.post(`/admin/vendors/${v.vendor.id}/plan`, { plan: planId }, { csrf: null });
		assert.equal(res.status, 403, 'no CSRF token');
		res = await admin.post(`/admin/vendors/${v.vendor.id}/plan`, { plan: planId });
		assert.equal(assertRedirect(res, 303, 'POST /admin/vendors/{id}/plan'), `/admin/vendors/${v.vendor.id}`);
		assert.equal(qValue('SELECT plan_id FROM vendors WHERE id = @p1', [v.vendor.id]), String(planId));
		const audit = auditEntries('vendor.plan', 'vendor', v.vendor.id);
		assert.equal(audit.length, 1);
		assert.match(audit[0].detail, new RegExp(`^plan ${planId} `));
		assert.equal(qValue(`SELECT COUNT(*) FROM vendor_plan_history WHERE vendor_id = @p1 AND plan_id = @p2
			AND effective_at >= UTC_TIMESTAMP() - INTERVAL 5 MINUTE`, [v.vendor.id, planId]), '1');

		const page = await v.client.get('/vendor/plan');
		assert.equal(page.status, 200);
		assertShows(page.text, `Your plan: ${name}`);
		assertShows(page.text, '10% of each item\'s price per item');
		assertShows(page.text, 'Up to 5 live or hidden listings; you have 0.');
		assertShows(page.text, '€2.50 a day');
		assertShows(page.text, '€19.00, charged to your balance at the start of each month.');
	});

	test('the listing limit: publishing one listing too many is refused with the plan\'s terms', async () => {
		const name = `Tiny Plan ${tag}`;
		q(`INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor, promotion_daily_rate_minor)
			VALUES (@p1, 1000, 1, 0, 100)`, [name]);
		const v = await signupVendor();
		q(`UPDATE vendors SET status = 'verified', plan_id = (SELECT id FROM plans WHERE name = @p1)
			WHERE id = @p2`, [name, v.vendor.id]);
		sql('UPDATE users SET email_verified_at = UTC_TIMESTAMP() WHERE id = @p1', [v.user.id]);
		const client = new Client();
		await login(client, v.email, v.password);
		const category = qRow(`SELECT c.id FROM categories c
			WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) ORDER BY c.id LIMIT 1`).id;
		const listing = (title) => ({
			name: title, description: 'A plain description.', category: String(category), price: '12.00',
			compare_at: '', sku: '', stock: '3', low_stock_threshold: '1', weight_grams: '100', publish: '1',
		});
		const status = (title) => qValue('SELECT status FROM products WHERE vendor_id = @p1 AND name = @p2',
			[v.vendor.id, title]);

		await client.form('/vendor/listings/new');
		let res = await client.post('/vendor/listings/new', listing(`First ${tag}`));
		assertRedirect(res, 303, 'the first listing');
		assert.ok(['active', 'review'].includes(status(`First ${tag}`)), 'the first one is published');

		await client.form('/vendor/listings/new');
		res = await client.post('/vendor/listings/new', listing(`Second ${tag}`));
		const to = assertRedirect(res, 303, 'the second listing');
		assert.equal(status(`Second ${tag}`), 'draft', 'the second one stays a draft');
		const page = await client.get(to);
		assert.match(flashOf(page.text) ?? '', new RegExp(`Your plan '${name}' allows 1 listing; archive one or change plan\\.`));

		// The publish button says the same and changes nothing.
		const id = qValue('SELECT id FROM products WHERE vendor_id = @p1 AND name = @p2', [v.vendor.id, `Second ${tag}`]);
		await client.form('/vendor/listings');
		res = await client.post(`/vendor/listings/${id}/publish`, {});
		assertRedirect(res, 303, 'publish');
		assert.match(flashOf((await client.get('/vendor/listings')).text) ?? '', /allows 1 listing; archive one or change plan/);
		assert.equal(status(`Second ${tag}`), 'draft');
		assertShows((await client.get('/vendor/plan')).text, 'You have reached your plan');

		// A CSV import is held to the same limit: a new live line is its problem, nothing changes.
		const leaf = qValue('SELECT slug FROM categories WHERE id = @p1', [category]);
		const before = qValue('SELECT COUNT(*) FROM products WHERE vendor_id = @p1', [v.vendor.id]);
		const csv = (status) => ['sku,name,category,price,compare_at_price,stock,status,description',
			`LIMIT-${tag},Third ${tag},${leaf},5.00,,1,${status},A third lamp of brass.`].join('\r\n');
		await client.form('/vendor/listings/import');
		res = await client.post('/vendor/listings/import', { csv: csv('active') });
		assert.equal(res.status, 422);
		assertShows(res.text, `Your plan '${name}' allows 1 listing; archive one or change plan.`);
		assert.equal(qValue('SELECT COUNT(*) FROM products WHERE vendor_id = @p1', [v.vendor.id]), before);
		await client.form('/vendor/listings/import');
		res = await client.post('/vendor/listings/import', { csv: csv('draft') });
		assertRedirect(res, 303, 'the same line as a draft');
		assert.equal(status(`Third ${tag}`), 'draft');
	});

	test('plans are for admins only', async () => {
		const anon = new Client();
		const res = await anon.get('/admin/plans');
		assert.equal(res.status, 303);
		const v = await signupVendor();
		assert.equal((await v.client.get('/admin/plans')).status, 404);
	});
});
