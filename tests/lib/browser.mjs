// Browser helpers for tests/e2e: Debian's Chromium driven by playwright-core
// (no browser download), accessibility checks with axe-core, screenshots
// under $BAZAAR_VAR/screenshots/.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freshTotp, ownAdmin } from './accounts.mjs';
import { env } from './stack.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.BAZAAR_CHROMIUM || '/usr/bin/chromium';

// Playwright gives every launch a fresh temporary profile (--user-data-dir)
// and removes it on close; it refuses that flag in `args`.
const CHROMIUM_ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 3,
	isMobile: true,
	hasTouch: true,
	userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) '
		+ 'Chrome/126.0.0.0 Mobile Safari/537.36',
};

/** Starts the browser; close it with browser.close(). */
export async function launchBrowser() {
	assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		timeout: 30_000,
	});
}

/**
 * A new context on the stack's URL. Every page it opens records console
 * errors and failed or 5xx responses in `context.problems`.
 */
export async function newContext(browser, options = {}) {
	const context = await browser.newContext({
		baseURL: env('BAZAAR_HTTP_URL'),
		locale: 'en-GB',
		...options,
	});
	context.setDefaultTimeout(10_000);
	context.setDefaultNavigationTimeout(15_000);
	context.problems = [];
	context.on('page', (page) => watchPage(context, page));
	return context;
}

function watchPage(context, page) {
	page.on('console', (msg) => {
		if (msg.type() === 'error') context.problems.push(`console error on ${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => context.problems.push(`script error on ${page.url()}: ${err.message}`));
	page.on('response', (res) => {
		const type = res.request().resourceType();
		// A page may answer 4xx on purpose; its stylesheet, pictures and
		// scripts may not.
		if (res.status() >= 500 || (res.status() >= 400 && type !== 'document')) {
			context.problems.push(`${res.status()} for ${type} ${res.url()}`);
		}
	});
	page.on('requestfailed', (req) => {
		const error = req.failure()?.errorText ?? '';
		// Pictures still loading when the shopper moves on are cancelled.
		if (error === 'net::ERR_ABORTED') return;
		context.problems.push(`request failed: ${req.url()} (${error})`);
	});
}

/** Fails when a page of the context logged an error or got a 5xx. */
export function assertNoProblems(context) {
	assert.deepEqual(context.problems, [], 'browser problems:\n' + context.problems.join('\n'));
}

/** The screenshot directory, created on first use. */
export function screenshotDir() {
	const dir = join(env('BAZAAR_VAR'), 'screenshots');
	mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Scrolls through the page so that lazy pictures load, waits for them (at
 * most `timeoutMs`), returns to the top and lists the pictures that failed.
 */
export async function loadAllImages(page, timeoutMs = 5000) {
	await page.evaluate(async () => {
		const step = Math.max(200, window.innerHeight - 100);
		for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
			window.scrollTo(0, y);
			await new Promise((r) => setTimeout(r, 30));
		}
	});
	await page.waitForFunction(() => [...document.images].every((img) => img.complete),
		null, { timeout: timeoutMs }).catch(() => {});
	await page.evaluate(() => window.scrollTo(0, 0));
	return page.evaluate(() => [...document.images]
		.filter((img) => !img.complete || img.naturalWidth === 0)
		.map((img) => img.currentSrc || img.src));
}

/**
 * Saves a full-page screenshot as <dir>/<name>.png, and what the first
 * screen shows as <dir>/<name>.top.png; returns the first path.
 */
export async function screenshot(page, name) {
	const base = join(screenshotDir(), name.replace(/[^A-Za-z0-9_.-]+/g, '-'));
	await page.screenshot({ path: `${base}.png`, fullPage: true, scale: 'css' });
	await page.screenshot({ path: `${base}.top.png`, scale: 'css' });
	return `${base}.png`;
}

/**
 * Runs axe-core on the page and fails on any violation of impact serious or
 * critical, listing each with the selectors of the offending elements.
 * The source is evaluated through the DevTools protocol, so the page's CSP
 * (script-src 'self') does not block it.
 */
export async function checkAccessibility(page, what) {
	const loaded = await page.evaluate(() => typeof window.axe === 'object');
	if (!loaded) await page.evaluate(AXE_SOURCE);
	const result = await page.evaluate(async () => {
		const r = await window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
			resultTypes: ['violations'],
		});
		return r.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			targets: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
		}));
	});
	const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const report = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n`
		+ v.targets.map((t) => `      ${t.target}\n        ${(t.summary || '').replace(/\n/g, '\n        ')}`).join('\n'))
		.join('\n');
	if (bad.length) console.log(`axe on ${what} (${page.url()}):\n${report}`);
	const minor = result.filter((v) => !bad.includes(v));
	if (minor.length) {
		console.log(`axe on ${what}: ${minor.length} minor/moderate finding(s): `
			+ minor.map((v) => `${v.id} (${v.impact}, ${v.targets.length})`).join(', '));
	}
	assert.equal(bad.length, 0, `axe: ${bad.length} serious/critical violation(s) on ${what} (${page.url()}):\n${report}`);
	return result;
}

/** Submits a form by its button and waits for the page that answers. */
export async function submit(page, button) {
	await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

/** The flash message of the page shown, spaces tidied, or ''. */
export async function flash(page) {
	const f = page.locator('.flash');
	return (await f.count()) ? (await f.first().innerText()).replace(/\s+/g, ' ').trim() : '';
}

/** The text of a locator, spaces tidied. */
export const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

/**
 * The checks of every page of a journey: a screenshot, axe, no browser
 * problems. Returns axe's findings of any impact (for a page that must have none).
 */
export async function checkPage(page, context, shot) {
	await screenshot(page, shot);
	const findings = await checkAccessibility(page, shot);
	assertNoProblems(context);
	return findings;
}

/**
 * A new browser context logged in as email with password through the
 * shop's login form (options as newContext's, DESKTOP by default); with
 * shot, the page after the login is saved as that screenshot.
 */
export async function loggedIn(browser, email, password, { shot, ...options } = DESKTOP) {
	const context = await newContext(browser, Object.keys(options).length ? options : DESKTOP);
	const page = await context.newPage();
	await page.goto('/login');
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(password);
	await submit(page, page.getByRole('button', { name: 'Log in' }));
	assert.equal(await flash(page), 'You are logged in.');
	if (shot) await screenshot(page, shot);
	return { context, page };
}

/** Signs an admin of this test file's own (or admin: { email, password,
 * secret, id }, an admin or support user) in on page: password, then the
 * second factor's code. */
export async function adminSignIn(page, admin) {
	admin ??= await ownAdmin();
	await page.goto('/admin/login');
	await page.locator('#email').fill(admin.email);
	await page.locator('#password').fill(admin.password);
	await submit(page, page.getByRole('button', { name: 'Continue' }));
	const { code } = await freshTotp(admin.secret, admin.id);
	await page.locator('#code').fill(code);
	await submit(page, page.getByRole('button', { name: 'Sign in' }));
}

/** A PNG the browser draws: a w x h gradient between two colours. */
export async function drawnPng(context, w, h, from, to) {
	const page = await context.newPage();
	await page.setViewportSize({ width: w, height: h });
	await page.setContent(`<body style="margin:0"><div id="p" style="width:${w}px;height:${h}px;`
		+ `background:linear-gradient(135deg, ${from}, ${to})"></div></body>`);
	const png = await page.locator('#p').screenshot({ type: 'png' });
	await page.close();
	return png;
}
