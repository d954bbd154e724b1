// Security headers on every kind of response, and the fingerprinted static
// files (long-lived, immutable, gzip).

import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
	BASE_URL, activeProduct, assertSecurityHeaders, get, productPath, request, sqlRow,
} from '../lib/stack.mjs';

const product = activeProduct(1);
const category = sqlRow(`SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY position, name LIMIT 1`);

/** A raw GET with node:http: the body bytes exactly as sent (no decoding). */
function rawGet(path, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = http.get(new URL(path, BASE_URL), { headers }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

/** The stylesheet, favicon and logo the home page links. */
async function linkedAssets() {
	const home = await get('/');
	assert.equal(home.status, 200);
	const css = /<link rel="stylesheet" href="([^"]+)"/.exec(home.text);
	const icon = /<link rel="icon" href="([^"]+)"/.exec(home.text);
	assert.ok(css, 'the home page links a stylesheet');
	assert.ok(icon, 'the home page links a favicon');
	return { css: css[1], icon: icon[1] };
}

describe('security headers on every response', () => {
	const cases = [
		['home page', () => get('/'), 200],
		['category page', () => get(`/c/${category.slug}`), 200],
		['product page', () => get(productPath(product)), 200],
		['search page', () => get('/search?q=lamp'), 200],
		['healthz', () => get('/healthz'), 200],
		['404 page', () => get('/nowhere'), 404],
		['400 page', () => get(`/c/${category.slug}?page=-1`), 400],
		['301 redirect', () => get(`/p/${product.id}`), 301],
		['405 page', () => request('POST', '/', { body: 'x=1' }), 405],
		['413 from nginx', () => request('POST', '/', { body: Buffer.alloc(2 << 20, 0x61) }), 413],
		['static CSS', async () => get((await linkedAssets()).css), 200],
		['static favicon', async () => get((await linkedAssets()).icon), 200],
		['missing static file', () => get('/static/css/nope.0000000000.css'), 404],
	];
	for (const [what, fetcher, status] of cases) {
		test(what, async () => {
			const res = await fetcher();
			assert.equal(res.status, status, `${what}: status`);
			assertSecurityHeaders(res, what);
		});
	}

	test('a product image from /media/', async () => {
		const page = await get(productPath(product));
		// The demo's pictures come from the media pipeline: an <img> inside a <picture>.
		const img = /<figure class="main-image">\s*(?:<picture>.*?)?<img src="([^"]+)"/s.exec(page.text);
		assert.ok(img, 'the product page shows its picture');
		const res = await get(img[1]);
		assert.equal(res.status, 200, `${img[1]}: status`);
		assert.match(res.headers.get('content-type') ?? '', /^image\//);
		assertSecurityHeaders(res, 'media image');
	});

	test('the CSP allows no inline script or style and no framing', async () => {
		const res = await get('/');
		const csp = res.headers.get('content-security-policy');
		assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
		assert.match(csp, /default-src 'self'/);
		assert.match(csp, /frame-ancestors 'none'/);
		// The pages keep to it: no inline script, no inline handlers, no style attributes.
		assert.doesNotMatch(res.text, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script>');
		assert.doesNotMatch(res.text, /\son[a-z]+="/i, 'no inline event handler');
		assert.doesNotMatch(res.text, /\sstyle="/i, 'no style attribute');
	});

	test('the Server header carries no version', async () => {
		const res = await get('/');
		assert.equal(res.headers.get('server'), 'nginx');
	});
});

describe('fingerprinted static files', () => {
	test('the stylesheet is /static/css/site.<hash>.css, immutable for a year', async () => {
		const { css } = await linkedAssets();
		const u = new URL(css, BASE_URL);
		assert.match(u.pathname, /^\/static\/css\/site\.[0-9a-f]{8,}\.css$/, `stylesheet URL ${css}`);
		const res = await get(css);
		assert.equal(res.status, 200, `${css}: status`);
		assert.match(res.headers.get('content-type') ?? '', /^text\/css/);
		const cc = res.headers.get('cache-control') ?? '';
		assert.match(cc, /\bimmutable\b/, `Cache-Control: ${cc}`);
		assert.match(cc, /\bmax-age=31536000\b/, `Cache-Control: ${cc}`);
		assert.ok(res.text.length > 1000, 'a real stylesheet');
		assert.match(res.text, /\.site-header|\.card/, 'with the site rules');
	});

	test('the stylesheet is served gzip to clients that accept it', async () => {
		const { css } = await linkedAssets();
		const plain = await rawGet(css, { 'accept-encoding': 'identity' });
		assert.equal(plain.status, 200);
		assert.equal(plain.headers['content-encoding'], undefined);
		const gz = await rawGet(css, { 'accept-encoding': 'gzip' });
		assert.equal(gz.status, 200);
		assert.equal(gz.headers['content-encoding'], 'gzip');
		assert.match(gz.headers.vary ?? '', /accept-encoding/i);
		assert.ok(gz.body.length < plain.body.length, 'smaller compressed');
		assert.ok(gunzipSync(gz.body).equals(plain.body), 'the same file once decompressed');
		assert.match(gz.headers['cache-control'] ?? '', /immutable/);
	});

	test('the favicon is fingerprinted and immutable too', async () => {
		const { icon } = await linkedAssets();
		assert.match(new URL(icon, BASE_URL).pathname, /^\/static\/img\/favicon\.[0-9a-f]{8,}\.svg$/);
		const res = await get(icon);
		assert.equal(res.status, 200);
		assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
		assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000.*immutable|immutable.*max-age=31536000/);
	});

	test('pages are compressed on the fly', async () => {
		const gz = await rawGet('/', { 'accept-encoding': 'gzip' });
		assert.equal(gz.status, 200);
		assert.equal(gz.headers['content-encoding'], 'gzip');
		assert.match(gunzipSync(gz.body).toString('utf8'), /<!DOCTYPE html>/i);
	});
});
