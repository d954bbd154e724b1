// Pictures through the vendor portal and nginx: a listing's pictures (add,
// alt text, order, delete, at most eight), the shop's logo and banner, what
// the storefront shows (<picture> with WebP and JPEG sizes), /media/ served
// immutable, and the attack files: each refused with a message next to the
// field and nothing left behind (no file in the media or upload directory,
// no row).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { Client, fieldError, loginAs } from '../lib/accounts.mjs';
import { env, get, sql, sqlRow, url } from '../lib/stack.mjs';
import { crc32, pngChunk, pngPicture, pngWith, postMultipart } from '../lib/uploads.mjs';

// ---- files made here ---------------------------------------------------------

/** A zip archive of one file, `size` zero bytes, deflated (a small zip bomb). */
function zipOf(name, size) {
	const data = deflateSync(Buffer.alloc(size), { level: 9 });
	const crc = crc32(Buffer.alloc(size));
	const fname = Buffer.from(name);
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(20, 4);
	local.writeUInt16LE(8, 8);
	local.writeUInt32LE(crc, 14);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(size, 22);
	local.writeUInt16LE(fname.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(20, 4);
	central.writeUInt16LE(20, 6);
	central.writeUInt16LE(8, 10);
	central.writeUInt32LE(crc, 16);
	central.writeUInt32LE(data.length, 20);
	central.writeUInt32LE(size, 24);
	central.writeUInt16LE(fname.length, 28);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(46 + fname.length, 12);
	end.writeUInt32LE(30 + fname.length + data.length, 16);
	return Buffer.concat([local, fname, data, central, fname, end]);
}

// ---- multipart --------------------------------------------------------------

// ---- what is on disk and in the database -------------------------------------

function filesUnder(dir) {
	if (!existsSync(dir)) return [];
	const out = [];
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) out.push(...filesUnder(p));
		else out.push(p);
	}
	return out;
}

const mediaDir = () => env('BAZAAR_MEDIA_DIR');
const tmpDir = () => join(env('BAZAAR_VAR'), 'tmp');

function snapshot(productId) {
	return {
		media: filesUnder(join(mediaDir(), 'm')).sort(),
		mediaTmp: filesUnder(join(mediaDir(), '.tmp')).sort(),
		uploads: filesUnder(tmpDir()).sort(),
		rows: sqlRow('SELECT (SELECT COUNT(*) FROM media) AS media, (SELECT COUNT(*) FROM product_images WHERE product_id = @p1) AS images', [productId]),
	};
}

function imagesOf(productId) {
	return sql('SELECT id, position, path, alt, media_id, width, height FROM product_images WHERE product_id = @p1 ORDER BY position', [productId]);
}

// ---- the stage ----------------------------------------------------------------

let vendor;	// the demo vendor, logged in
let productId;
let productPath;
let otherProductId;

before(async () => {
	vendor = await loginAs('vendor');
	const v = sqlRow(`SELECT v.id, v.slug FROM vendors v JOIN users u ON u.id = v.user_id
		WHERE u.email = 'northwind-home@demo.bazaar.test'`);
	vendor.vendorId = Number(v.id);
	vendor.slug = v.slug;
	const cat = sqlRow('SELECT id, parent_id FROM categories WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1');
	const tag = `${process.pid}-${Date.now()}`;
	sql(`INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description, price_minor, stock, status)
		VALUES (@p1, @p2, @p3, 'Picture test lamp', CONCAT('picture-test-lamp-', @p4), 'A lamp.', 1999, 5, 'active')`,
	[vendor.vendorId, cat.id, cat.parent_id, Date.now() % 1e9]);
	productId = Number(sqlRow(`SELECT MAX(id) AS id FROM products WHERE vendor_id = @p1 AND name = 'Picture test lamp'`, [vendor.vendorId]).id);
	const p = sqlRow('SELECT slug FROM products WHERE id = @p1', [productId]);
	productPath = `/p/${productId}-${p.slug}`;
	otherProductId = Number(sqlRow('SELECT MIN(id) AS id FROM products WHERE vendor_id <> @p1', [vendor.vendorId]).id);
	void tag;
});

after(() => {
	// with its event, as the catalogue's own writes: the search index drops it
	if (productId) {
		sql(`START TRANSACTION; DELETE FROM products WHERE id = @p1;
			INSERT INTO events (type, subject_id) VALUES ('product.changed', @p1); COMMIT`, [productId]);
	}
	if (vendor) sql('UPDATE vendors SET logo_media_id = NULL, banner_media_id = NULL WHERE id = @p1', [vendor.vendorId]);
});

const imagesPage = () => `/vendor/listings/${productId}/images`;

async function addPicture(data, alt = 'A lamp, lit', { filename = 'lamp.png', type = 'image/png' } = {}) {
	await vendor.form(imagesPage());
	return postMultipart(vendor, imagesPage(), { alt }, [{ field: 'picture', filename, type, data }]);
}

describe('a listing\'s pictures', () => {
	test('a picture is stored as WebP and JPEG at three widths, served immutable, and shown on the product page', async () => {
		const before = imagesOf(productId).length;
		const res = await addPicture(pngPicture(1600, 1000, 10), 'Brass lamp, front view');
		assert.equal(res.status, 303, res.text.slice(0, 500));
		const rows = imagesOf(productId);
		assert.equal(rows.length, before + 1);
		const row = rows.at(-1);
		assert.match(row.path, /^m\/([0-9a-f]{2})\/\1[0-9a-f]{30}-600\.jpg$/);
		assert.equal(row.alt, 'Brass lamp, front view');
		assert.equal(Number(row.width), 1200);
		assert.equal(Number(row.height), 750);
		const base = row.path.replace(/-600\.jpg$/, '');
		for (const size of [200, 600, 1200]) {
			for (const [ext, type] of [['webp', 'image/webp'], ['jpg', 'image/jpeg']]) {
				const r = await get(`/media/${base}-${size}.${ext}`);
				assert.equal(r.status, 200, `${size}.${ext}`);
				assert.equal(r.headers.get('content-type'), type);
				assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
				assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
			}
		}
		const page = await get(productPath);
		assert.equal(page.status, 200);
		const html = page.text;
		assert.match(html, new RegExp(`<source type="image/webp" srcset="[^"]*${base}-200\\.webp 200w, [^"]*${base}-600\\.webp 600w, [^"]*${base}-1200\\.webp 1200w"`));
		assert.match(html, new RegExp(`<img src="[^"]*${base}-600\\.jpg" srcset="[^"]*${base}-200\\.jpg 200w, [^"]*-600\\.jpg 600w, [^"]*-1200\\.jpg 1200w" sizes="[^"]+" alt="Brass lamp, front view" width="600" height="375"`));
	});

	test('the temporary directory of the programs is refused by nginx', async () => {
		assert.equal((await get('/media/.tmp/')).status, 404);
	});
});

describe('attack files: each refused next to the field, nothing left behind', () => {
	let jpeg;	// a real JPEG, as the pipeline writes one

	before(async () => {
		const res = await addPicture(pngPicture(800, 600, 40), 'Source of the attack files');
		assert.equal(res.status, 303, res.text.slice(0, 500));
		const row = imagesOf(productId).at(-1);
		jpeg = Buffer.from(await (await fetch(url(`/media/${row.path}`))).arrayBuffer());
		assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
	});

	const cases = [
		['a PHP file', () => Buffer.from('<?php system($_GET["c"]); ?>\n'), 'shell.php', 'application/x-php', 'not a JPEG, PNG, WebP or GIF picture'],
		['an SVG with script', () => Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>'),
			'logo.svg', 'image/svg+xml', 'not a JPEG, PNG, WebP or GIF picture'],
		['HTML renamed .jpg', () => Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), 'photo.jpg', 'image/jpeg',
			'not a JPEG, PNG, WebP or GIF picture'],
		['a truncated JPEG', () => jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'cut.jpg', 'image/jpeg', 'cut short'],
		['a 30000×30000 PNG (refused from its header: its pixels are not even there)', () => pngWith(30000, 30000, deflateSync(Buffer.alloc(16))),
			'huge.png', 'image/png', 'too large'],
		['a decompression bomb (a PNG whose 50 MB of pixels deflate to a few KB)', () => {
			const w = 20000, h = 20000;	// 1-bit grey: 2,501 bytes a row
			return pngWith(w, h, deflateSync(Buffer.alloc((1 + w / 8) * h), { level: 9 }), { depth: 1, colour: 0 });
		}, 'bomb.png', 'image/png', 'too large'],
		['a zip bomb', () => zipOf('zeros.bin', 20 * 1024 * 1024), 'photos.zip', 'application/zip', 'not a JPEG, PNG, WebP or GIF picture'],
		['a zip disguised as a JPEG', () => zipOf('a.txt', 1000), 'photo.jpg', 'image/jpeg', 'not a JPEG, PNG, WebP or GIF picture'],
		['a JPEG with a zip after it (a GIFAR-style polyglot)', () => Buffer.concat([jpeg, zipOf('evil.class', 1000)]), 'photo.jpg', 'image/jpeg',
			'more than a picture'],
		['a JPEG with HTML after it', () => Buffer.concat([jpeg, Buffer.from('<html><script>alert(1)</script></html>')]), 'photo.jpg', 'image/jpeg',
			'more than a picture'],
		['a PNG with PHP in a text chunk', () => {
			const png = pngPicture(40, 30, 5);
			const iend = png.length - 12;
			return Buffer.concat([png.subarray(0, iend), pngChunk('tEXt', Buffer.from('Comment\0<?php eval($_POST[1]); ?>')), png.subarray(iend)]);
		}, 'shell.png', 'image/png', 'web page or program code'],
		['an empty file', () => Buffer.alloc(0), 'empty.jpg', 'image/jpeg', 'Choose a picture'],
	];

	for (const [what, make, filename, type, words] of cases) {
		test(what, async () => {
			const data = make();
			const before = snapshot(productId);
			const res = await addPicture(data, 'An attack', { filename, type });
			assert.equal(res.status, 422, `${what}: ${res.status}\n${res.text.slice(0, 300)}`);
			const msg = fieldError(res.text, 'picture');
			assert.ok(msg && msg.includes(words), `${what}: the message next to the field is ${JSON.stringify(msg)}, expected one saying "${words}"`);
			assert.match(res.text, /value="An attack"/, 'the alt text typed is kept');
			assert.deepEqual(snapshot(productId), before, `${what}: something was left behind`);
		});
	}
});

describe('order, alt text, delete, limits', () => {
	test('eight pictures at most, the ninth refused before any work', async () => {
		let rows = imagesOf(productId);
		for (let i = rows.length; i < 8; i++) {
			const res = await addPicture(pngPicture(64 + i, 48, 100 + i), `Picture ${i + 1}`);
			assert.equal(res.status, 303, `picture ${i + 1}: ${res.text.slice(0, 300)}`);
		}
		rows = imagesOf(productId);
		assert.deepEqual(rows.map((r) => Number(r.position)), [1, 2, 3, 4, 5, 6, 7, 8]);
		const page = await vendor.form(imagesPage());
		assert.doesNotMatch(page.text, /enctype="multipart\/form-data"/, 'no upload form on a full listing');
		const before = snapshot(productId);
		const res = await postMultipart(vendor, imagesPage(), { alt: 'Ninth' }, [{ field: 'picture', filename: 'n.png', type: 'image/png', data: pngPicture(70, 50, 200) }]);
		assert.equal(res.status, 422);
		// The form is not on a full listing's page: the message is in the summary.
		assert.match(res.text, /class="error-summary"[\s\S]*eight pictures, the most it can have/);
		assert.deepEqual(snapshot(productId), before);
	});

	test('move down and up swap neighbours; moved to the top a picture is the cover on the storefront at once', async () => {
		const rows = imagesOf(productId);
		const [first, second] = rows;
		await vendor.form(imagesPage());
		let res = await vendor.post(`${imagesPage()}/${second.id}/move`, { direction: 'up' });
		assert.equal(res.status, 303);
		let now = imagesOf(productId);
		assert.equal(now[0].id, second.id);
		assert.equal(now[1].id, first.id);
		const page = (await get(productPath)).text;
		assert.ok(page.includes(second.path.replace(/-600\.jpg$/, '')), 'the new cover is on the product page');
		const cover = page.match(/<figure class="main-image">([\s\S]*?)<\/figure>/)[1];
		assert.ok(cover.includes(second.path), 'the main picture is the new cover');
		res = await vendor.post(`${imagesPage()}/${second.id}/move`, { direction: 'down' });
		assert.equal(res.status, 303);
		now = imagesOf(productId);
		assert.equal(now[0].id, first.id);
		// The first cannot move up, the last cannot move down: nothing changes.
		res = await vendor.post(`${imagesPage()}/${first.id}/move`, { direction: 'up' });
		assert.equal(res.status, 303);
		assert.deepEqual(imagesOf(productId).map((r) => r.id), now.map((r) => r.id));
		res = await vendor.post(`${imagesPage()}/${first.id}/move`, { direction: 'sideways' });
		assert.equal(res.status, 400);
	});

	test('the alt text can be changed, not emptied', async () => {
		const [first] = imagesOf(productId);
		await vendor.form(imagesPage());
		let res = await vendor.post(`${imagesPage()}/${first.id}/alt`, { image_alt: 'Brass lamp, lit, at night' });
		assert.equal(res.status, 303);
		assert.equal(imagesOf(productId)[0].alt, 'Brass lamp, lit, at night');
		res = await vendor.post(`${imagesPage()}/${first.id}/alt`, { image_alt: '   ' });
		assert.equal(res.status, 422);
		assert.match(fieldError(res.text, 'image_alt') ?? '', /alt text/i);
		assert.equal(imagesOf(productId)[0].alt, 'Brass lamp, lit, at night');
		assert.match((await get(productPath)).text, /alt="Brass lamp, lit, at night"/);
	});

	test('a picture without alt text is refused', async () => {
		sql('DELETE FROM product_images WHERE product_id = @p1 AND position = 8', [productId]);
		const before = snapshot(productId);
		const res = await addPicture(pngPicture(90, 60, 77), '');
		assert.equal(res.status, 422);
		assert.ok(fieldError(res.text, 'alt'), 'a message next to the alt field');
		assert.deepEqual(snapshot(productId), before);
	});

	test('a file over the 10 MiB a file may have: the form again, the message at the file field, the alt text kept, nothing stored', async () => {
		const before = snapshot(productId);
		const res = await addPicture(Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), 'A very large lamp');
		assert.equal(res.status, 422);
		assert.equal(fieldError(res.text, 'picture'), 'A file is larger than the 10 MiB allowed for one file.');
		assert.match(res.text, /value="A very large lamp"/);
		assert.deepEqual(snapshot(productId), before);
	});

	test('delete closes the gap; the files go once the cleanup job finds nothing uses them', async () => {
		const rows = imagesOf(productId);
		const victim = rows[1];
		await vendor.form(imagesPage());
		const res = await vendor.post(`${imagesPage()}/${victim.id}/delete`, {});
		assert.equal(res.status, 303);
		const now = imagesOf(productId);
		assert.equal(now.length, rows.length - 1);
		assert.deepEqual(now.map((r) => Number(r.position)), now.map((_, i) => i + 1));
		const base = join(mediaDir(), victim.path.replace(/-600\.jpg$/, ''));
		assert.ok(existsSync(`${base}-1200.webp`), 'kept until the job runs');
		const used = Number(sqlRow('SELECT COUNT(*) AS n FROM product_images WHERE media_id = @p1', [victim.media_id]).n)
			+ Number(sqlRow('SELECT COUNT(*) AS n FROM vendors WHERE logo_media_id = @p1 OR banner_media_id = @p1', [victim.media_id]).n);
		execFileSync(join(env('BAZAAR_ROOT'), 'build/bin/bazaar-cleanup'), ['--once'],
			{ env: { ...process.env, BAZAAR_MEDIA_GRACE: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
		if (used === 0) {
			for (const s of [200, 600, 1200]) for (const e of ['webp', 'jpg']) assert.ok(!existsSync(`${base}-${s}.${e}`), `${s}.${e} deleted`);
			assert.equal(sql('SELECT id FROM media WHERE id = @p1', [victim.media_id]).length, 0);
		}
		for (const r of now) if (r.media_id) assert.ok(existsSync(join(mediaDir(), r.path)), `${r.path} is still in use and kept`);
	});

	test('another vendor\'s listing is a 404, and a form without its CSRF token a 403, with nothing stored', async () => {
		await vendor.form(imagesPage());
		assert.equal((await vendor.get(`/vendor/listings/${otherProductId}/images`)).status, 404);
		const before = snapshot(otherProductId);
		let res = await postMultipart(vendor, `/vendor/listings/${otherProductId}/images`, { alt: 'x' },
			[{ field: 'picture', filename: 'a.png', type: 'image/png', data: pngPicture(50, 50, 3) }]);
		assert.equal(res.status, 404);
		assert.deepEqual(snapshot(otherProductId), before);
		const mine = snapshot(productId);
		res = await postMultipart(vendor, imagesPage(), { alt: 'x' },
			[{ field: 'picture', filename: 'a.png', type: 'image/png', data: pngPicture(50, 50, 4) }], { csrf: null });
		assert.equal(res.status, 403);
		assert.deepEqual(snapshot(productId), mine);
		const [first] = imagesOf(productId);
		assert.equal((await vendor.post(`/vendor/listings/${otherProductId}/images/${first.id}/delete`, {})).status, 404);
		assert.equal((await vendor.post(`${imagesPage()}/${first.id}/delete`, {}, { csrf: null })).status, 403);
		assert.equal(imagesOf(productId)[0].id, first.id);
	});

	test('anonymous visitors are sent to the login page', async () => {
		const res = await new Client().get(imagesPage());
		assert.equal(res.status, 303);
	});
});

describe('the shop\'s logo and banner', () => {
	test('sent on /vendor/shop, shown on the shop\'s page at once, refused like any picture, removed', async () => {
		await vendor.form('/vendor/shop');
		let res = await postMultipart(vendor, '/vendor/shop/logo', {}, [{ field: 'logo', filename: 'logo.png', type: 'image/png', data: pngPicture(400, 400, 60) }]);
		assert.equal(res.status, 303, res.text.slice(0, 300));
		res = await postMultipart(vendor, '/vendor/shop/banner', {}, [{ field: 'banner', filename: 'banner.png', type: 'image/png', data: pngPicture(2000, 500, 90) }]);
		assert.equal(res.status, 303, res.text.slice(0, 300));
		const v = sqlRow('SELECT l.hash AS logo, b.hash AS banner, b.width, b.height FROM vendors v JOIN media l ON l.id = v.logo_media_id JOIN media b ON b.id = v.banner_media_id WHERE v.id = @p1', [vendor.vendorId]);
		assert.equal(Number(v.width), 1200);
		assert.equal(Number(v.height), 300);
		const shop = (await get(`/v/${vendor.slug}`)).text;
		assert.match(shop, new RegExp(`${v.logo}-200\\.webp 200w`));
		assert.match(shop, new RegExp(`${v.banner}-1200\\.webp 1200w`));

		await vendor.form('/vendor/shop');
		const before = snapshot(productId);
		res = await postMultipart(vendor, '/vendor/shop/logo', {}, [{ field: 'logo', filename: 'logo.svg', type: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }]);
		assert.equal(res.status, 422);
		assert.match(fieldError(res.text, 'logo'), /not a JPEG, PNG, WebP or GIF picture/);
		assert.deepEqual(snapshot(productId), before);

		res = await vendor.post('/vendor/shop/logo/delete', {});
		assert.equal(res.status, 303);
		res = await vendor.post('/vendor/shop/banner/delete', {});
		assert.equal(res.status, 303);
		const after = (await get(`/v/${vendor.slug}`)).text;
		assert.doesNotMatch(after, new RegExp(v.logo));
		assert.doesNotMatch(after, new RegExp(v.banner));
	});
});
