// Regenerates the Secure Message golden vectors: core/src/test/resources/vectors/message.json.
//
// Every encrypted and signed message in the file is produced by wasm-themis 0.15.0 (the official
// Themis C core compiled to WebAssembly); the Java tests decrypt/verify them. Keys come from two
// places, both recorded in the file:
//   * wasm-themis key generation (EC P-256, compressed public keys; RSA-2048), and
//   * node:crypto keys written into Themis key containers by this script, to cover the key forms
//     Themis 0.15 accepts on import but never generates: P-384 and P-521, uncompressed P-256 public
//     keys (77-byte UEC2), 32-byte P-256 private keys (44-byte REC2), RSA-1024 and RSA-4096.
//     wasm-themis validates these containers (themis_is_valid_asym_key) before using them.
//
// Run from interop/ after "npm ci":   node vectors-message.js
// The output is random (keys, IVs, salts, ECDSA nonces): rerunning replaces every vector.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { themis, generateRsaKeyPair, validateAsymKey, ready } = require('./themis');

const OUT = path.join(__dirname, '..', 'core', 'src', 'test', 'resources', 'vectors', 'message.json');
const hex = (b) => Buffer.from(b).toString('hex');

// CRC-32C (Castagnoli, reflected), as Soter containers use it; stored little-endian.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();
function crc32c(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function container(tag, payload) {
  const out = Buffer.alloc(12 + payload.length);
  out.write(tag, 0, 'ascii');
  out.writeUInt32BE(out.length, 4);
  Buffer.from(payload).copy(out, 12);
  out.writeUInt32LE(crc32c(out), 8); // computed with the CRC field still zero
  return new Uint8Array(out);
}
const b64u = (s) => Buffer.from(s, 'base64url');
const leftPad = (b, n) => Buffer.concat([Buffer.alloc(n - b.length), b]);

const CURVES = { P256: ['prime256v1', '2', 32], P384: ['secp384r1', '3', 48], P521: ['secp521r1', '5', 66] };

// An EC key pair from node:crypto as Themis containers. privLen: field size or field size + 1
// (Themis writes field + 1); compressed: public key form.
function nodeEcKeyPair(curve, { privLen, compressed }) {
  const [name, digit, size] = CURVES[curve];
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: name });
  const jwk = privateKey.export({ format: 'jwk' });
  const x = leftPad(b64u(jwk.x), size);
  const y = leftPad(b64u(jwk.y), size);
  const d = leftPad(b64u(jwk.d), privLen);
  const point = compressed
    ? Buffer.concat([Buffer.from([2 + (y[size - 1] & 1)]), x])
    : Buffer.concat([Buffer.from([4]), x, y]);
  return { privateKey: container('REC' + digit, d), publicKey: container('UEC' + digit, point) };
}

function nodeRsaKeyPair(bits) {
  const digit = { 1024: '1', 2048: '2', 4096: '4' }[bits];
  const m = bits / 8;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
  const j = privateKey.export({ format: 'jwk' });
  const e = Buffer.alloc(4);
  e.writeUInt32BE(65537);
  const n = leftPad(b64u(j.n), m);
  const half = (s) => leftPad(b64u(s), m / 2);
  return {
    privateKey: container('RRA' + digit, Buffer.concat([leftPad(b64u(j.d), m), half(j.p), half(j.q), half(j.dp), half(j.dq), half(j.qi), n, e])),
    publicKey: container('URA' + digit, Buffer.concat([n, e])),
  };
}

function checkValid(kp, what) {
  for (const k of [kp.privateKey, kp.publicKey]) {
    const status = validateAsymKey(k);
    if (status !== 0) throw new Error(what + ': wasm-themis rejects the key (status ' + status + ')');
  }
  return kp;
}

function message(len, seed) {
  // Readable for short messages, pseudo-random bytes for longer ones.
  if (len <= 64) return new Uint8Array(Buffer.from(('Secure Message golden vector #' + seed + ' ').repeat(4)).subarray(0, len));
  return new Uint8Array(crypto.randomBytes(len));
}

ready.then(() => {
  const wasmEc = () => { const kp = new themis.KeyPair(); return { privateKey: kp.privateKey, publicKey: kp.publicKey }; };
  const keySets = [
    ['EC P-256, wasm-themis keys (45-byte private, 45-byte compressed public)', wasmEc, wasmEc],
    ['EC P-256, 44-byte private keys, 77-byte uncompressed public keys',
      () => nodeEcKeyPair('P256', { privLen: 32, compressed: false }), () => nodeEcKeyPair('P256', { privLen: 32, compressed: false })],
    ['EC P-384, compressed public keys', () => nodeEcKeyPair('P384', { privLen: 49, compressed: true }),
      () => nodeEcKeyPair('P384', { privLen: 49, compressed: true })],
    ['EC P-521, uncompressed public keys', () => nodeEcKeyPair('P521', { privLen: 67, compressed: false }),
      () => nodeEcKeyPair('P521', { privLen: 66, compressed: true })],
    ['RSA-2048, wasm-themis keys', generateRsaKeyPair, generateRsaKeyPair],
    ['RSA-1024 sender, RSA-4096 recipient', () => nodeRsaKeyPair(1024), () => nodeRsaKeyPair(4096)],
    ['RSA-4096 sender, RSA-1024 recipient', () => nodeRsaKeyPair(4096), () => nodeRsaKeyPair(1024)],
  ];
  const encrypted = [];
  const signed = [];
  let seed = 0;
  for (const [comment, makeSender, makeRecipient] of keySets) {
    const sender = checkValid(makeSender(), comment);
    const recipient = checkValid(makeRecipient(), comment);
    const sm = new themis.SecureMessage(new themis.PrivateKey(sender.privateKey), new themis.PublicKey(recipient.publicKey));
    for (const len of [1, 17, 300]) {
      const plaintext = message(len, ++seed);
      encrypted.push({
        comment, senderPrivate: hex(sender.privateKey), senderPublic: hex(sender.publicKey),
        recipientPrivate: hex(recipient.privateKey), recipientPublic: hex(recipient.publicKey),
        plaintext: hex(plaintext), encrypted: hex(sm.encrypt(plaintext)),
      });
      for (const kp of [sender, recipient]) {
        const signer = new themis.SecureMessageSign(new themis.PrivateKey(kp.privateKey));
        signed.push({
          comment, privateKey: hex(kp.privateKey), publicKey: hex(kp.publicKey),
          plaintext: hex(plaintext), signed: hex(signer.sign(plaintext)),
        });
      }
    }
  }
  const doc = {
    source: 'wasm-themis 0.15.0 (npm), generated by interop/vectors-message.js',
    note: 'encrypted: decrypt with (recipientPrivate, senderPublic) or (senderPrivate, recipientPublic) for EC; '
      + 'with recipientPrivate for RSA. signed: verify with publicKey. All byte strings are hex.',
    encrypted,
    signed,
  };
  fs.writeFileSync(OUT, JSON.stringify(doc, null, 1) + '\n');
  console.log('wrote ' + encrypted.length + ' encrypted and ' + signed.length + ' signed vectors to ' + OUT);
  process.exit(0);
});
