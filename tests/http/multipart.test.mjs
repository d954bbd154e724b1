// Request bodies through nginx: the 1 MiB limit of ordinary forms and the
// larger one of the upload location (nginx/nginx.conf.in), each refused with
// a page that says so; a multipart form refused by a route that is not an
// upload route (415); on an upload route (a route flagged R_UPLOAD in a
// program's table) the parser's limits answered with a message. After
// every request no upload is left in the upload directory (BAZAAR_VAR/tmp).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { env, request } from '../lib/stack.mjs';

const ROOT = process.env.BAZAAR_ROOT || new URL('../..', import.meta.url).pathname;
const TMP = process.env.BAZAAR_UPLOAD_TMP || resolve(ROOT, env('BAZAAR_VAR'), 'tmp');
const MiB = 1024 * 1024;

/** The upload routes of the programs' tables: [{ method, pattern }]. */
function uploadRoutes() {
	const out = [];
	for (const file of ['cgi/storefront/sf_main.c', 'cgi/vendor/vp_main.c', 'cgi/admin/adm_main.c']) {
		const src = readFileSync(join(ROOT, file), 'utf8');
		const re = /\{\s*"(POST)"\s*,\s*"([^"]+)"\s*,\s*\w+\s*,\s*[^,]+,\s*([^,]+),/g;
		for (let m; (m = re.exec(src)) !== null;) {
			if (/\bR_UPLOAD\b/.test(m[3])) out.push({ method: m[1], pattern: m[2] });
		}
	}
	return out;
}

/** A concrete path for a pattern: every capture filled with 1 or "x". */
function pathOf(pattern) {
	return pattern.replace(/\{([a-z0-9_]+)(?::([a-z]+))?\}/g, (_, name, type) => ((type ?? name) === 'id' ? '1' : 'x'));
}

function uploadsLeft() {
	return readdirSync(TMP).filter((f) => f.startsWith('upload-'));
}

function assertNothingLeft(what) {
	assert.deepEqual(uploadsLeft(), [], `${what}: temporary uploads left in ${TMP}`);
}

const BOUNDARY = '----bazaarTestBoundary7MA4YWxk';
const CT = `multipart/form-data; boundary=${BOUNDARY}`;

function field(name, value) {
	return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}
function fileHead(name, filename) {
	return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
		'Content-Type: image/jpeg\r\n\r\n';
}
const END = `--${BOUNDARY}--\r\n`;

async function post(path, body, contentType = CT) {
	const res = await request('POST', path, { body, headers: { 'Content-Type': contentType } });
	assert.ok(res.status < 500, `${path}: ${res.status}`);
	return res;
}

describe('body limits through nginx', () => {
	test('a body over 1 MiB to an ordinary address: nginx answers 413 with its page', async () => {
		const res = await post('/vendor/profile', field('x', 'a'.repeat(2 * MiB)) + END);
		assert.equal(res.status, 413);
		assert.match(res.headers.get('content-type') ?? '', /text\/html/);
		assert.match(res.text, /too large/i);
		assert.match(res.text, /at most 1 MB/);
		assertNothingLeft('2 MiB to /vendor/profile');
	});

	test('an upload address lets 2 MiB through to the program, and refuses more than 20 MiB', async () => {
		const res = await post('/vendor/profile/logo', fileHead('logo', 'a.jpg') + 'j'.repeat(2 * MiB) + '\r\n' + END);
		assert.notEqual(res.status, 413, 'nginx must not refuse 2 MiB on an upload address');
		assertNothingLeft('2 MiB to /vendor/profile/logo');
		const big = await post('/vendor/profile/logo', fileHead('logo', 'a.jpg') + 'j'.repeat(21 * MiB) + '\r\n' + END);
		assert.equal(big.status, 413);
		assert.match(big.text, /20 MB/);
		assertNothingLeft('21 MiB to /vendor/profile/logo');
	});

	test('a multipart form to a route that is not an upload route is refused with 415', async () => {
		const res = await post('/vendor/profile', field('csrf', 'x') + fileHead('logo', 'a.jpg') + 'JPEG\r\n' + END);
		assert.equal(res.status, 415);
		assert.match(res.text, /does not accept file uploads/);
		assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f]{16}$/);
		assertNothingLeft('multipart to /vendor/profile');
	});
});

describe('the parser\'s limits on an upload route', () => {
	const routes = uploadRoutes();
	const route = routes[0];
	const skip = route ? false : 'no route is flagged R_UPLOAD yet';
	const path = route ? pathOf(route.pattern) : '';

	test('too many parts: 400 naming the limit', { skip }, async () => {
		// File inputs left empty: parts, yet neither fields nor files.
		const res = await post(path, Array.from({ length: 101 }, (_, i) => fileHead(`f${i}`, '')).join('\r\n') + '\r\n' + END);
		assert.equal(res.status, 400, `${path}: status`);
		assert.match(res.text, /more than 100 parts/);
		assertNothingLeft(`${path}: too many parts`);
	});

	test('a file over 10 MiB: 413 naming the limit; the part written so far is removed', { skip }, async () => {
		const res = await post(path, fileHead('image', 'big.jpg') + 'j'.repeat(10 * MiB + 1) + '\r\n' + END);
		assert.equal(res.status, 413, `${path}: status`);
		assert.match(res.text, /larger than the 10 MiB allowed for one file/);
		assertNothingLeft(`${path}: a file over 10 MiB`);
	});

	test('a body cut before its final boundary: 400, nothing left', { skip }, async () => {
		const res = await post(path, field('csrf', 'x') + fileHead('image', 'a.jpg') + 'JPEG');
		assert.equal(res.status, 400, `${path}: status`);
		assert.match(res.text, /final boundary/);
		assertNothingLeft(`${path}: cut short`);
	});

	test('a malformed boundary: 400', { skip }, async () => {
		const res = await post(path, 'x', `multipart/form-data; boundary=${'b'.repeat(71)}`);
		assert.equal(res.status, 400, `${path}: status`);
		assert.match(res.text, /longer than 70 characters/);
	});
});
