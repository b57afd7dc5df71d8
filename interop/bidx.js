// Blind-index values of themis4j, computed from docs/FORMAT.md section 10 alone (no themis4j code).
// Reads one JSON request per line on stdin, writes one line per request: the stored index text,
// or "null" when no index is stored.
//   {"key": base64 ring key, "keyId": "b1", "table": "...", "column": "...", "name": "...",
//    "bits": 256, "normalize": ["trim", "lowercase"], "compound": false,
//    "parts": [{"type": "utf8" | "int32" | "int64" | "null", "value": ...}]}
'use strict';
const crypto = require('crypto');
const readline = require('readline');

function canonical(name) {
  let n = name;
  if (n.length >= 2 && ((n[0] === '"' && n.endsWith('"')) || (n[0] === '`' && n.endsWith('`'))
      || (n[0] === '[' && n.endsWith(']')))) {
    n = n.substring(1, n.length - 1);
  }
  return n.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function lp(buf) {
  return Buffer.concat([u32(buf.length), buf]);
}

function normalize(s, names) {
  let v = s;
  for (const n of names) {
    if (n === 'trim') {
      let start = 0;
      let end = v.length;
      while (start < end && v.charCodeAt(start) <= 0x20) start++;
      while (end > start && v.charCodeAt(end - 1) <= 0x20) end--;
      v = v.substring(start, end);
    } else if (n === 'lowercase') {
      v = v.toLowerCase();
    } else if (n === 'nfkc') {
      v = v.normalize('NFKC');
    } else if (n === 'digits') {
      v = v.replace(/[^0-9]/g, '');
    } else if (n.startsWith('last-')) {
      const keep = parseInt(n.substring(5), 10);
      const cps = Array.from(v);
      v = cps.length <= keep ? v : cps.slice(cps.length - keep).join('');
    } else {
      throw new Error('unknown normalizer ' + n);
    }
  }
  return v;
}

function encode(part, names) {
  switch (part.type) {
    case 'utf8':
      return Buffer.from(normalize(part.value, names), 'utf8');
    case 'int32': {
      const b = Buffer.alloc(4);
      b.writeInt32BE(part.value);
      return b;
    }
    case 'int64': {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(BigInt(part.value));
      return b;
    }
    default:
      throw new Error('unsupported type ' + part.type);
  }
}

function input(req) {
  const names = req.normalize || [];
  if (!req.compound) {
    const p = req.parts[0];
    return p.type === 'null' ? null : encode(p, names);
  }
  const chunks = [u32(req.parts.length)];
  let any = false;
  for (const p of req.parts) {
    if (p.type === 'null') {
      chunks.push(Buffer.from([0]));
    } else {
      any = true;
      chunks.push(Buffer.from([1]), lp(encode(p, names)));
    }
  }
  return any ? Buffer.concat(chunks) : null;
}

function indexValue(req) {
  const data = input(req);
  if (data === null) return 'null';
  const info = Buffer.concat([
    Buffer.from('themis4j/bidx/v1', 'utf8'),
    lp(Buffer.from(canonical(req.table), 'utf8')),
    lp(Buffer.from(canonical(req.column), 'utf8')),
    lp(Buffer.from(req.name, 'utf8')),
  ]);
  const key = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(req.key, 'base64'), Buffer.alloc(0), info, 32));
  const mac = crypto.createHmac('sha256', key).update(data).digest();
  const n = Math.ceil(req.bits / 8);
  const out = Buffer.from(mac.subarray(0, n));
  const spare = n * 8 - req.bits;
  if (spare > 0) out[n - 1] &= (0xff << spare) & 0xff;
  return req.keyId + ':' + out.toString('base64url');
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.trim() === '') return;
  try {
    process.stdout.write(indexValue(JSON.parse(line)) + '\n');
  } catch (e) {
    process.stdout.write('error: ' + e.message + '\n');
  }
});
