// The Message buyer form's attachments: a file picker, the chosen files' names (the background
// checks the draft with the core's upload placeholder for each), and their bytes as base64 for the
// background, which uploads them through the Uploads API before the message goes out.
'use strict';

SPO.attachments = {
  /** A file picker for up to `max` files. */
  picker(/** @type {number} */ max) {
    const input = Object.assign(document.createElement('input'), { type: 'file', multiple: max > 1 });
    return input;
  },

  /** The names of the files chosen. */
  names(/** @type {HTMLInputElement | null} */ input) {
    return input?.files ? [...input.files].map((f) => f.name) : [];
  },

  /** The files chosen, read. @returns {Promise<import('../../messages').DraftFile[]>} */
  async read(/** @type {HTMLInputElement | null} */ input) {
    if (!input?.files) return [];
    return Promise.all([...input.files].map(async (f) => ({ fileName: f.name, contentType: f.type || 'application/octet-stream', base64: toBase64(new Uint8Array(await f.arrayBuffer())) })));
  },
};

function toBase64(/** @type {Uint8Array} */ bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
