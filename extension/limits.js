// The background's caps on what a page asks it to check or send, applied before any core call
// (issue #12 item 3): a draft's body (shape, depth, size, every text), and its files (count, size,
// type, name). The core checks the same and more (src/caps.rs, with Amazon's own limits in the
// catalogue); these bound the work a message can cause before it reaches the core at all (a
// structured-cloned message can be tens of MB: walking, copying and decoding it is work too).

/** Texts: the core's MAX_TEXT_UNITS (src/caps.rs), UTF-16 units. */
export const MAX_TEXT = 100_000;
/** A whole body as JSON: far above any message Amazon takes (src/caps.rs MAX_JSON_UNITS is 10×). */
export const MAX_BODY = 100_000 + 10_000;
/** Nesting and values: a message body is a flat object of texts and a list of attachments. */
export const MAX_DEPTH = 8;
export const MAX_NODES = 2_000;
/** One attachment: 10 MB, the most Amazon takes in one message (src/caps.rs MAX_ATTACHMENT_BYTES),
 * as base64 characters, measured before anything is decoded. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;
/** A media type as RFC 6838 names it (type/subtype of restricted-name characters). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;
/** A file name: no path, no control characters, at most 255 characters. */
const FILE_NAME = /^[^\\/\u0000-\u001f\u007f]{1,255}$/;

/** A typed error as the background throws them (kind + the seller-facing message). */
function fail(/** @type {string} */ kind, /** @type {string} */ message) {
  return Object.assign(new Error(message), { kind });
}

/**
 * A draft's body as the core may see it: a plain object of plain values, within the caps, walked
 * with a budget (never more than MAX_NODES values, never deeper than MAX_DEPTH). Throws
 * `badMessage` or `tooLarge`. @returns {Record<string, unknown>}
 */
export function checkedBody(/** @type {unknown} */ body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw fail('badMessage', 'Malformed message.');
  let nodes = 0;
  let size = 0;
  const walk = (/** @type {unknown} */ v, /** @type {number} */ depth) => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) throw fail('tooLarge', 'The message has too many parts.');
    if (typeof v === 'string') {
      if (v.length > MAX_TEXT) throw fail('tooLarge', `A text is longer than ${MAX_TEXT} characters.`);
      size += v.length + 2;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw fail('badMessage', 'Malformed message.');
      size += 24;
    } else if (typeof v === 'boolean' || v === null) size += 5;
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, x] of Object.entries(v)) {
        if (k.length > 200) throw fail('badMessage', 'Malformed message.');
        size += k.length + 4;
        walk(x, depth + 1);
      }
    } else throw fail('badMessage', 'Malformed message.');
    if (size > MAX_BODY) throw fail('tooLarge', 'The message is too long.');
  };
  walk(body, 0);
  return /** @type {Record<string, unknown>} */ (body);
}

/** File names standing for attachments in a live check. @returns {string[]} */
export function checkedFileNames(/** @type {unknown} */ names, /** @type {number} */ max) {
  if (names === undefined || names === null) return [];
  if (!Array.isArray(names) || names.length > max) throw fail('badMessage', `At most ${max} attachments.`);
  return names.map((n) => {
    if (typeof n !== 'string' || !FILE_NAME.test(n)) throw fail('badMessage', 'Malformed attachment name.');
    return n;
  });
}

/**
 * Attachments as the content script read them ({ fileName, contentType, base64 }), checked for
 * count, type, name and size before one byte is decoded, then decoded.
 * @returns {{ fileName: string, contentType: string, bytes: Uint8Array }[]}
 */
export function decodedFiles(/** @type {unknown} */ files, /** @type {number} */ max) {
  if (files === undefined || files === null) return [];
  if (!Array.isArray(files) || files.length > max) throw fail('badMessage', `At most ${max} attachments.`);
  const checked = files.map((f) => {
    if (typeof f?.fileName !== 'string' || typeof f.contentType !== 'string' || typeof f.base64 !== 'string') throw fail('badMessage', 'Malformed attachment.');
    if (!FILE_NAME.test(f.fileName)) throw fail('badMessage', 'Malformed attachment name.');
    if (!MEDIA_TYPE.test(f.contentType)) throw fail('badMessage', 'Unknown attachment type.');
    if (f.base64.length > MAX_BASE64) throw fail('tooLarge', 'An attachment is larger than 10 MB, the most Amazon takes in one message.');
    if (f.base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(f.base64)) throw fail('badMessage', 'Malformed attachment.');
    return /** @type {{ fileName: string, contentType: string, base64: string }} */ (f);
  });
  return checked.map((f) => {
    const bin = atob(f.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return { fileName: f.fileName, contentType: f.contentType, bytes };
  });
}
