// A wasm-themis 0.15.0 peer for themis4j's tests, speaking a line protocol over stdin/stdout.
//
// Request:  <op> <arg> <arg> ...      each arg is base64, "-" for null, "." for an empty array
// Response: ok <value> <value> ...    same encoding
//           err <code> <message>      code = Themis status code (or 0 when not a ThemisError)
//
// Stateful objects (sessions, comparators) live in a handle table: "*.new" returns a handle (decimal).
// Run: node interop/server.js   (after "npm ci" in interop/)
'use strict';
const readline = require('readline');
const { themis, generateRsaKeyPair, validateAsymKey, ready } = require('./themis');
const { cellDecryptStatus, soterKdf, pbkdf2Sha256, soterContainer } = require('./themis');

const dec = (s) => (s === '-' ? null : s === '.' ? new Uint8Array(0) : new Uint8Array(Buffer.from(s, 'base64')));
const enc = (b) => (b === null || b === undefined ? '-' : b.length === 0 ? '.' : Buffer.from(b).toString('base64'));
const utf8 = (b) => Buffer.from(b).toString('utf8');
const handles = new Map();
let nextHandle = 1;
const put = (obj) => { const h = nextHandle++; handles.set(h, obj); return [Buffer.from(String(h))]; };
const get = (h) => {
  const obj = handles.get(Number(utf8(h)));
  if (!obj) throw new Error('unknown handle');
  return obj;
};
const bool = (v) => [new Uint8Array([v ? 1 : 0])];
const statusReply = (r) => [new Uint8Array([r.status]), r.output];
// wasm-themis treats a null context as "no context" (undefined is rejected by some calls).
const ctx = (c) => c;

const ops = {
  ping: () => [],
  'keygen.ec': () => { const kp = new themis.KeyPair(); return [kp.privateKey, kp.publicKey]; },
  'keygen.rsa': () => { const kp = generateRsaKeyPair(); return [kp.privateKey, kp.publicKey]; },
  'keygen.sym': () => [new themis.SymmetricKey()],
  // status of themis_is_valid_asym_key as a single byte
  'key.validate': (k) => [new Uint8Array([validateAsymKey(k)])],

  'cell.seal.encrypt': (k, d, c) => [themis.SecureCellSeal.withKey(k).encrypt(d, ctx(c))],
  'cell.seal.decrypt': (k, d, c) => [themis.SecureCellSeal.withKey(k).decrypt(d, ctx(c))],
  // passphrase arrives as raw bytes; wasm-themis passes byte buffers through unchanged
  'cell.pass.encrypt': (p, d, c) => [themis.SecureCellSeal.withPassphrase(p).encrypt(d, ctx(c))],
  'cell.pass.decrypt': (p, d, c) => [themis.SecureCellSeal.withPassphrase(p).decrypt(d, ctx(c))],
  'cell.token.encrypt': (k, d, c) => {
    const r = themis.SecureCellTokenProtect.withKey(k).encrypt(d, ctx(c));
    return [r.data, r.token];
  },
  'cell.token.decrypt': (k, d, t, c) => [themis.SecureCellTokenProtect.withKey(k).decrypt(d, t, ctx(c))],
  'cell.imprint.encrypt': (k, d, c) => [themis.SecureCellContextImprint.withKey(k).encrypt(d, c)],
  'cell.imprint.decrypt': (k, d, c) => [themis.SecureCellContextImprint.withKey(k).decrypt(d, c)],
  // Verdicts of the C decryption functions called directly (no JS wrapper checks): replies with the
  // status code as one byte and the plaintext ("-" unless the status is 0). "-" context = C NULL.
  'cell.seal.decrypt.status': (k, d, c) => statusReply(cellDecryptStatus('seal', k, d, c)),
  'cell.pass.decrypt.status': (p, d, c) => statusReply(cellDecryptStatus('pass', p, d, c)),
  'cell.token.decrypt.status': (k, d, t, c) => statusReply(cellDecryptStatus('token', k, d, t, c)),

  // soter.kdf <key or -> <label (UTF-8)> <output length (1 byte)> <context>...
  'soter.kdf': (k, label, len, ...contexts) => [soterKdf(k, utf8(label), len[0], contexts)],
  // soter.pbkdf2 <passphrase> <salt> <iterations (LE32)> <output length (1 byte)>
  'soter.pbkdf2': (p, salt, iter, len) => [pbkdf2Sha256(p, salt, Buffer.from(iter).readUInt32LE(0), len[0])],
  // soter.container <tag (4 ASCII bytes)> <payload>: a container checksummed by the C core
  'soter.container': (tag, payload) => [soterContainer(Buffer.from(tag).toString('latin1'), payload)],

  'msg.encrypt': (priv, pub, d) => [new themis.SecureMessage(new themis.PrivateKey(priv), new themis.PublicKey(pub)).encrypt(d)],
  'msg.decrypt': (priv, pub, d) => [new themis.SecureMessage(new themis.PrivateKey(priv), new themis.PublicKey(pub)).decrypt(d)],
  'msg.sign': (priv, d) => [new themis.SecureMessageSign(new themis.PrivateKey(priv)).sign(d)],
  'msg.verify': (pub, d) => [new themis.SecureMessageVerify(new themis.PublicKey(pub)).verify(d)],

  // session.new <id> <private key> [<peer id> <peer public key>]...
  'session.new': (id, priv, ...peers) => {
    const known = [];
    for (let i = 0; i + 1 < peers.length; i += 2) known.push([Buffer.from(peers[i]), peers[i + 1]]);
    const lookup = (peerId) => {
      const hit = known.find(([pid]) => pid.equals(Buffer.from(peerId)));
      return hit ? new themis.PublicKey(hit[1]) : null;
    };
    return put(new themis.SecureSession(id, new themis.PrivateKey(priv), lookup));
  },
  'session.connect': (h) => [get(h).connectionRequest()],
  'session.negotiate': (h, d) => [get(h).negotiateReply(d)],
  'session.established': (h) => bool(get(h).established()),
  'session.wrap': (h, d) => [get(h).wrap(d)],
  'session.unwrap': (h, d) => [get(h).unwrap(d)],

  'cmp.new': (secret) => { const c = new themis.SecureComparator(); c.append(secret); return put(c); },
  'cmp.begin': (h) => [get(h).begin()],
  'cmp.proceed': (h, d) => [get(h).proceed(d)],
  'cmp.complete': (h) => bool(get(h).complete()),
  'cmp.equal': (h) => bool(get(h).compareEqual()),

  destroy: (h) => {
    const key = Number(utf8(h));
    const obj = handles.get(key);
    if (obj) { obj.destroy(); handles.delete(key); }
    return [];
  },
};

ready.then(() => {
  const rl = readline.createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  const out = (line) => process.stdout.write(line + '\n');
  rl.on('line', (line) => {
    if (line.length === 0) return;
    const [op, ...args] = line.split(' ');
    const fn = ops[op];
    if (!fn) { out('err 0 unknown op ' + op); return; }
    try {
      const result = fn(...args.map(dec));
      out(['ok', ...result.map(enc)].join(' '));
    } catch (e) {
      const code = e && typeof e.errorCode === 'number' ? e.errorCode : 0;
      const msg = String((e && e.message) || e).replace(/[\r\n]+/g, ' ');
      out('err ' + code + ' ' + msg);
    }
  });
  rl.on('close', () => process.exit(0));
  out('ready wasm-themis 0.15.0');
});
