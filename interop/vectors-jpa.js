// Golden vectors for themis4j's JPA storage format (docs/FORMAT.md), produced by wasm-themis 0.15.0 (the official
// Themis C core compiled to WebAssembly). This script is a second, independent implementation of the document in
// JavaScript: it builds the encryption contexts, plaintext encodings and envelopes from the rules in
// docs/FORMAT.md alone and lets wasm-themis do the Secure Cells. The Java test
// jpa-converters/src/test/java/io/github/themis4j/jpa/GoldenVectorsTest.java checks that themis4j builds the same
// contexts and encodings and decrypts every stored value to the expected attribute value.
//
// Regenerate (from the repository root, after `npm ci` in interop/; takes a few seconds):
//
//     node interop/vectors-jpa.js
//
// It rewrites jpa-converters/src/test/resources/vectors/jpa-vectors.json. Keys are derived from the
// "sha256-counter" generator described in the JSON, so a regeneration has the same keys and contexts; Seal and
// Token Protect outputs differ because Themis draws a fresh IV each time (Context Imprint is deterministic).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { themis, ready } = require('./themis');

const OUT = path.join(__dirname, '..', 'jpa-converters', 'src', 'test', 'resources', 'vectors', 'jpa-vectors.json');
const PRNG = {
  name: 'sha256-counter',
  definition:
    'block_i = SHA-256(UTF-8(seed) || BE32(i)) for i = 0, 1, 2, ...; the output is the first `length` bytes of '
    + 'block_0 || block_1 || ...',
};

function prng(seed, length) {
  const out = Buffer.alloc(length);
  for (let i = 0, off = 0; off < length; i++, off += 32) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(i);
    const block = crypto.createHash('sha256').update(Buffer.from(seed, 'utf8')).update(counter).digest();
    block.copy(out, off, 0, Math.min(32, length - off));
  }
  return out;
}

const KEYS = {
  default: { k1: prng('jpa-key default/k1', 32), k2: prng('jpa-key default/k2', 32) },
  pii: { 'p-2026.01': prng('jpa-key pii/p-2026.01', 32) },
};

// ---- docs/FORMAT.md section 3: the context ------------------------------------------------------------------
function lp(s) {
  const b = Buffer.from(s, 'utf8');
  const n = Buffer.alloc(4);
  n.writeUInt32BE(b.length);
  return Buffer.concat([n, b]);
}

function context(mode, kind, keyId, table, column, idType, idText) {
  return Buffer.concat(['themis4j-jpa/1', mode, kind, keyId, table, column, idType, idText].map(lp));
}

// ---- section 4: plaintext encodings -----------------------------------------------------------------------
function i64(v) {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(v));
  return b;
}

const ENCODE = {
  String: (v) => Buffer.from(v, 'utf8'),
  'byte[]': (v) => Buffer.from(v, 'hex'),
  Boolean: (v) => Buffer.from([v === 'true' ? 1 : 0]),
  Short: (v) => { const b = Buffer.alloc(2); b.writeInt16BE(Number(v)); return b; },
  Integer: (v) => { const b = Buffer.alloc(4); b.writeInt32BE(Number(v)); return b; },
  Long: (v) => i64(v),
  BigDecimal: (v) => Buffer.from(v, 'ascii'),
  Double: (v) => { const b = Buffer.alloc(8); b.writeDoubleBE(Number(v)); return b; },
  LocalDate: (v) => i64(Math.round(Date.parse(v + 'T00:00:00Z') / 86400000)),
  LocalDateTime: (v) => secondsNanos(v + 'Z'),
  Instant: (v) => secondsNanos(v),
  UUID: (v) => Buffer.from(v.replace(/-/g, ''), 'hex'),
  Enum: (v) => Buffer.from(v, 'utf8'),
};

// "2026-11-28T12:34:56.789Z" -> i64be seconds || i32be nanoseconds (fraction digits read exactly, up to 9)
function secondsNanos(iso) {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.(\d{1,9}))?Z$/.exec(iso);
  const seconds = Math.floor(Date.parse(m[1] + 'Z') / 1000);
  const nanos = m[3] ? Number(m[3].padEnd(9, '0')) : 0;
  const b = Buffer.alloc(12);
  b.writeBigInt64BE(BigInt(seconds));
  b.writeInt32BE(nanos, 8);
  return b;
}

// ---- section 5: envelope and cells --------------------------------------------------------------------------
function envelope(empty, keyId) {
  return Buffer.concat([Buffer.from([1, empty ? 1 : 0, keyId.length]), Buffer.from(keyId, 'ascii')]);
}

const MODES = {
  seal: (key, keyId, plain, ctx) => {
    const empty = plain.length === 0;
    const cell = themis.SecureCellSeal.withKey(key).encrypt(empty ? Buffer.from([0]) : plain, ctx);
    return { stored: Buffer.concat([envelope(empty, keyId), Buffer.from(cell)]) };
  },
  'token-protect': (key, keyId, plain, ctx) => {
    const empty = plain.length === 0;
    const r = themis.SecureCellTokenProtect.withKey(key).encrypt(empty ? Buffer.from([0]) : plain, ctx);
    return { stored: Buffer.from(r.data), token: Buffer.concat([envelope(empty, keyId), Buffer.from(r.token)]) };
  },
  'context-imprint': (key, keyId, plain, ctx) => ({
    stored: plain.length === 0 ? Buffer.alloc(0) : Buffer.from(themis.SecureCellContextImprint.withKey(key).encrypt(plain, ctx)),
  }),
};

// ---- section 6: column representation ----------------------------------------------------------------------
const column = (format, b) => (b === undefined ? undefined : format === 'binary' ? b.toString('hex') : b.toString('base64'));

// [javaType, value text] samples; the value text is how the Java test rebuilds the expected attribute value
const VALUES = [
  ['String', 'ada@example.com'],
  ['String', ''],
  ['String', 'Zoë 漢字 😀'],
  ['byte[]', '00ff10'],
  ['byte[]', ''],
  ['Boolean', 'true'],
  ['Short', '-300'],
  ['Integer', '-2'],
  ['Long', '9000000000'],
  ['BigDecimal', '-12.340'],
  ['Double', '-2.25'],
  ['LocalDate', '2024-02-29'],
  ['LocalDate', '1969-12-31'],
  ['LocalDateTime', '1999-12-31T23:59:59.000000001'],
  ['Instant', '2026-11-28T12:34:56.789Z'],
  ['UUID', '123e4567-e89b-12d3-a456-426614174000'],
  ['Enum', 'HIGH'],
];

const IDS = [
  ['integer', '42'],
  ['string', 'cust-7/ü'],
  ['uuid', '0f8fad5b-d9cb-469f-a165-70867728950e'],
  ['none', ''],
  ['integer', '-9000000000'],
];

ready.then(() => {
  const cases = [];
  let n = 0;
  for (const mode of Object.keys(MODES)) {
    for (const format of ['binary', 'base64']) {
      for (const [javaType, value] of VALUES) {
        const [idType, idText] = IDS[n % IDS.length];
        const ring = n % 4 === 3 ? 'pii' : 'default';
        const keyId = ring === 'pii' ? 'p-2026.01' : n % 2 === 0 ? 'k1' : 'k2';
        const table = n % 3 === 0 ? 'jpa_customer' : 'legacy.Odd-Name';
        const col = `c_${javaType.replace('[]', 's').toLowerCase()}`;
        const plain = ENCODE[javaType](value);
        const empty = plain.length === 0;
        const ctx = mode === 'context-imprint'
          ? context(mode, 'value', '', table, col, idType, idText)
          : context(mode, empty ? 'empty' : 'value', keyId, table, col, idType, idText);
        const out = MODES[mode](KEYS[ring][keyId], keyId, plain, ctx);
        cases.push({
          name: `${mode}/${format}/${javaType}/${n}`,
          mode, format, keyRing: ring, keyId, table, column: col, idType, idText, javaType, value,
          plaintextHex: plain.toString('hex'),
          contextHex: ctx.toString('hex'),
          stored: column(format, out.stored),
          token: column(format, out.token),
        });
        n++;
      }
    }
  }
  const keys = {};
  for (const [ring, ks] of Object.entries(KEYS)) {
    keys[ring] = {};
    for (const [id, k] of Object.entries(ks)) keys[ring][id] = { seed: `jpa-key ${ring}/${id}`, hex: k.toString('hex') };
  }
  const doc = {
    description: 'themis4j JPA storage format (docs/FORMAT.md) vectors, written by wasm-themis 0.15.0 from the '
      + 'documented rules (interop/vectors-jpa.js). Context Imprint cases use keyId as the pinned key. Table and '
      + 'column names are given exactly as they go into the context.',
    generator: PRNG,
    keys,
    cases,
  };
  fs.writeFileSync(OUT, JSON.stringify(doc, null, 1) + '\n');
  console.log(`wrote ${cases.length} cases to ${path.relative(process.cwd(), OUT)}`);
});
