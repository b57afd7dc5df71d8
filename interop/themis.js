// Shared loader for wasm-themis 0.15.0 under Node.js 18+.
//
// wasm-themis 0.15.0's Emscripten loader prefers the global fetch() when it exists, and on Node 18+
// that fetch() is called with a file path and fails (cossacklabs/themis#1062). Removing the global
// before the module loads makes the loader fall back to reading libthemis.wasm from disk.
'use strict';
delete globalThis.fetch;
const themis = require('wasm-themis');
const context = require('wasm-themis/dist/context').default;

const SUCCESS = 0;
const BUFFER_TOO_SMALL = 14;

function lib() {
  return context.libthemis;
}

// Generates an RSA key pair with the C core's own generator (wasm-themis exposes only EC in JS).
function generateRsaKeyPair() {
  const m = lib();
  const lens = m.allocate(new ArrayBuffer(8), m.ALLOC_STACK);
  let err = m._themis_gen_rsa_key_pair(null, lens, null, lens + 4);
  if (err !== BUFFER_TOO_SMALL) throw new Error('themis_gen_rsa_key_pair size query: ' + err);
  const privLen = m.getValue(lens, 'i32');
  const pubLen = m.getValue(lens + 4, 'i32');
  const priv = m._malloc(privLen);
  const pub = m._malloc(pubLen);
  try {
    err = m._themis_gen_rsa_key_pair(priv, lens, pub, lens + 4);
    if (err !== SUCCESS) throw new Error('themis_gen_rsa_key_pair: ' + err);
    return {
      privateKey: Uint8Array.from(m.HEAPU8.subarray(priv, priv + m.getValue(lens, 'i32'))),
      publicKey: Uint8Array.from(m.HEAPU8.subarray(pub, pub + m.getValue(lens + 4, 'i32'))),
    };
  } finally {
    m._free(priv);
    m._free(pub);
  }
}

// Returns the status code of themis_is_valid_asym_key (0 = valid, 12 = invalid, 15 = corrupt CRC).
function validateAsymKey(key) {
  const m = lib();
  const p = m._malloc(Math.max(1, key.length));
  try {
    m.HEAPU8.set(key, p);
    return m._themis_is_valid_asym_key(p, key.length);
  } finally {
    m._free(p);
  }
}

// Copies bytes (or nothing for null) onto the wasm heap; returns [pointer, length].
function heapCopy(m, bytes) {
  if (bytes === null || bytes === undefined) return [0, 0];
  const p = m._malloc(Math.max(1, bytes.length));
  m.HEAPU8.set(bytes, p);
  return [p, bytes.length];
}

// Calls one Secure Cell decryption function of the C core directly and returns
// { status, output } instead of throwing, so tests can compare verdicts on malformed input.
// The output buffer is as large as the encrypted input (a valid decryption is never longer),
// so a header that claims a longer plaintext gets status 14 (BUFFER_TOO_SMALL) from the core
// instead of making this process allocate gigabytes. args per mode:
//   seal:  key, data, context          pass: passphrase, data, context
//   token: key, data, token, context
// A null context is passed to C as (NULL, 0); an empty one as (pointer, 0).
function cellDecryptStatus(mode, a, b, c, d) {
  const m = lib();
  const ptrs = [];
  const copy = (x) => { const r = heapCopy(m, x); if (r[0]) ptrs.push(r[0]); return r; };
  try {
    const [kp, kl] = copy(a);
    const [dp, dl] = copy(b);
    let status;
    let outLen;
    const lenPtr = m._malloc(4);
    ptrs.push(lenPtr);
    if (mode === 'token') {
      const [tp, tl] = copy(c);
      const [cp, cl] = copy(d);
      outLen = Math.max(1, dl);
      const out = m._malloc(outLen);
      ptrs.push(out);
      m.setValue(lenPtr, outLen, 'i32');
      status = m._themis_secure_cell_decrypt_token_protect(kp, kl, cp, cl, dp, dl, tp, tl, out, lenPtr);
      return { status, output: status === SUCCESS ? Uint8Array.from(m.HEAPU8.subarray(out, out + m.getValue(lenPtr, 'i32'))) : null };
    }
    const [cp, cl] = copy(c);
    outLen = Math.max(1, dl);
    const out = m._malloc(outLen);
    ptrs.push(out);
    m.setValue(lenPtr, outLen, 'i32');
    const fn = mode === 'pass' ? m._themis_secure_cell_decrypt_seal_with_passphrase : m._themis_secure_cell_decrypt_seal;
    status = fn(kp, kl, cp, cl, dp, dl, out, lenPtr);
    return { status, output: status === SUCCESS ? Uint8Array.from(m.HEAPU8.subarray(out, out + m.getValue(lenPtr, 'i32'))) : null };
  } finally {
    for (const p of ptrs) m._free(p);
  }
}

// soter_kdf() of the C core: key may be null (implicit key); contexts is an array of byte arrays.
function soterKdf(key, label, outLen, contexts) {
  const m = lib();
  const ptrs = [];
  const copy = (x) => { const r = heapCopy(m, x); if (r[0]) ptrs.push(r[0]); return r; };
  try {
    const [kp, kl] = copy(key);
    const labelBytes = Buffer.concat([Buffer.from(label, 'utf8'), Buffer.from([0])]);
    const [lp] = copy(labelBytes);
    // soter_kdf_context_buf_t is { const uint8_t* data; size_t length; } = 8 bytes in wasm32
    const ctx = m._malloc(Math.max(1, 8 * contexts.length));
    ptrs.push(ctx);
    contexts.forEach((c, i) => {
      const [p, l] = copy(c);
      m.setValue(ctx + 8 * i, p, 'i32');
      m.setValue(ctx + 8 * i + 4, l, 'i32');
    });
    const out = m._malloc(Math.max(1, outLen));
    ptrs.push(out);
    const status = m._soter_kdf(kp, kl, lp, ctx, contexts.length, out, outLen);
    if (status !== SUCCESS) throw Object.assign(new Error('soter_kdf: ' + status), { errorCode: status });
    return Uint8Array.from(m.HEAPU8.subarray(out, out + outLen));
  } finally {
    for (const p of ptrs) m._free(p);
  }
}

// soter_pbkdf2_sha256() of the C core.
function pbkdf2Sha256(passphrase, salt, iterations, outLen) {
  const m = lib();
  const ptrs = [];
  const copy = (x) => { const r = heapCopy(m, x); if (r[0]) ptrs.push(r[0]); return r; };
  try {
    const [pp, pl] = copy(passphrase);
    const [sp, sl] = copy(salt);
    const out = m._malloc(Math.max(1, outLen));
    ptrs.push(out);
    const status = m._soter_pbkdf2_sha256(pp, pl, sp, sl, iterations, out, outLen);
    if (status !== SUCCESS) throw Object.assign(new Error('soter_pbkdf2_sha256: ' + status), { errorCode: status });
    return Uint8Array.from(m.HEAPU8.subarray(out, out + outLen));
  } finally {
    for (const p of ptrs) m._free(p);
  }
}

// Builds a Soter container with the C core's own checksum code: tag (4 ASCII bytes) + payload.
function soterContainer(tag, payload) {
  const m = lib();
  const total = 12 + payload.length;
  const p = m._malloc(total);
  try {
    m.HEAPU8.fill(0, p, p + total);
    m.HEAPU8.set(Buffer.from(tag, 'latin1').subarray(0, 4), p);
    m.HEAPU8.set(payload, p + 12);
    m._soter_container_set_data_size(p, payload.length);
    const status = m._soter_update_container_checksum(p);
    if (status !== SUCCESS) throw Object.assign(new Error('soter_update_container_checksum: ' + status), { errorCode: status });
    return Uint8Array.from(m.HEAPU8.subarray(p, p + total));
  } finally {
    m._free(p);
  }
}

module.exports = { themis, lib, generateRsaKeyPair, validateAsymKey, ready: themis.initialized };
Object.assign(module.exports, { cellDecryptStatus, soterKdf, pbkdf2Sha256, soterContainer });
