// Golden Secure Comparator transcripts from wasm-themis 0.15.0, for themis4j's tests.
//
// Runs complete comparisons between two wasm-themis SecureComparators and records, for each run, the
// four messages, both results and the secret scalars, which are read out of wasm memory: the C
// struct secure_comparator_t (src/themis/secure_comparator_t.h) starts with
//   secret[32] (x = clamp(SHA-256(secret))), rand2[32] (a2 / b2), rand3[32] (a3 / b3), rand[32] (ra / rb).
// The script checks that layout by recomputing x from the secret before writing anything.
// The proofs inside the messages use random nonces that are never stored, so a reader can recompute
// every group element from the scalars but can only verify, not recompute, the proofs.
//
// Run (after "npm ci" in interop/):
//   node interop/vectors-comparator.js > core/src/test/resources/vectors/comparator.json
// Output is random on every run; the committed file is one such run.
'use strict';
const crypto = require('crypto');
const { themis, lib, ready } = require('./themis');

const hex = (b) => Buffer.from(b).toString('hex');

// UTF-16 big-endian with byte-order mark: what JavaThemis's SecureCompare(String) hashes.
function utf16WithBom(s) {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

function clampedSha256(secret) {
  const x = crypto.createHash('sha256').update(secret).digest();
  x[0] &= 248;
  x[31] &= 63;
  x[31] |= 64;
  return x;
}

// Bytes [off, off + 32) of the comparator's C struct.
function field(comparator, off) {
  const base = comparator.comparatorPtr + off;
  return Buffer.from(lib().HEAPU8.subarray(base, base + 32));
}

function transcript(name, aliceSecret, bobSecret) {
  const alice = new themis.SecureComparator(aliceSecret);
  const bob = new themis.SecureComparator(bobSecret);
  try {
    const m1 = alice.begin();
    const xa = field(alice, 0);
    const a2 = field(alice, 32);
    const a3 = field(alice, 64);
    const m2 = bob.proceed(m1);
    const xb = field(bob, 0);
    const b2 = field(bob, 32);
    const b3 = field(bob, 64);
    const rb = field(bob, 96);
    const m3 = alice.proceed(m2);
    const ra = field(alice, 96);
    const m4 = bob.proceed(m3);
    const last = alice.proceed(m4);
    if (last.length !== 0) throw new Error('Alice replied to message 4');
    if (!alice.complete() || !bob.complete()) throw new Error('comparison did not complete');
    if (!xa.equals(clampedSha256(aliceSecret)) || !xb.equals(clampedSha256(bobSecret))) {
      throw new Error('secure_comparator_t layout differs from the expected one');
    }
    return {
      name,
      aliceSecret: hex(aliceSecret),
      bobSecret: hex(bobSecret),
      xa: hex(xa), a2: hex(a2), a3: hex(a3), ra: hex(ra),
      xb: hex(xb), b2: hex(b2), b3: hex(b3), rb: hex(rb),
      m1: hex(m1), m2: hex(m2), m3: hex(m3), m4: hex(m4),
      aliceEqual: alice.compareEqual(),
      bobEqual: bob.compareEqual(),
    };
  } finally {
    alice.destroy();
    bob.destroy();
  }
}

ready.then(() => {
  const binary = crypto.randomBytes(64);
  const runs = [
    transcript('equal ASCII secrets', Buffer.from('secret'), Buffer.from('secret')),
    transcript('different secrets, same length', Buffer.from('secret'), Buffer.from('Secret')),
    transcript('different lengths', Buffer.from('a'), Buffer.from('a much longer secret than the other one')),
    transcript('equal binary secrets', binary, binary),
    transcript('equal UTF-16 strings with BOM', utf16WithBom('пароль 🔑'), utf16WithBom('пароль 🔑')),
    transcript('same text, UTF-8 vs UTF-16', Buffer.from('пароль', 'utf8'), utf16WithBom('пароль')),
  ];
  const out = {
    generator: 'interop/vectors-comparator.js',
    themis: 'wasm-themis 0.15.0',
    note: 'Scalars are little-endian and read from wasm memory; x = clamp(SHA-256(secret)); Alice calls begin().',
    transcripts: runs,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
});
