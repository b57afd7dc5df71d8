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

module.exports = { themis, lib, generateRsaKeyPair, validateAsymKey, ready: themis.initialized };
