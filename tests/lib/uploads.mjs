// Files for upload tests made in memory (PNG pictures of any size and
// shape, checksums right) and a multipart/form-data POST, as a browser
// sends a form with a file.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

export function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

/** A PNG whose header says width x height (colour type, bit depth) around idat. */
export function pngWith(width, height, idat, { depth = 8, colour = 2 } = {}) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = depth;
	ihdr[9] = colour;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** A real RGB picture: a colour gradient, shade picks the colours. */
export function pngPicture(width, height, shade = 0) {
	const row = 1 + width * 3;
	const raw = Buffer.alloc(row * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const o = y * row + 1 + x * 3;
			raw[o] = (x * 255 / width + shade) & 255;
			raw[o + 1] = (y * 255 / height) & 255;
			raw[o + 2] = (shade * 3) & 255;
		}
	}
	return pngWith(width, height, deflateSync(raw));
}

/** POSTs a multipart/form-data body: fields (text) and files [{ field, filename, type, data }]. */
export function postMultipart(client, path, fields, files, { csrf } = {}) {
	const boundary = `----bazaar-test-${process.pid}-${Date.now()}`;
	const parts = [];
	const token = csrf === undefined ? client.csrf : csrf;
	const all = { ...(token ? { csrf: token } : {}), ...fields };
	for (const [k, v] of Object.entries(all)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	}
	for (const f of files) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\n`
			+ `Content-Type: ${f.type}\r\n\r\n`));
		parts.push(f.data, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return client.request('POST', path, {
		body: Buffer.concat(parts),
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		timeoutMs: 60_000,
	});
}
