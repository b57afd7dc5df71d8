// Regenerates core/src/test/resources/vectors/session.json: Secure Session transcripts recorded from
// two wasm-themis 0.15.0 peers, with the secrets a re-implementation needs to replay them.
//
// Run from the repository root (after "npm ci" in interop/):
//     node interop/vectors-session.js > core/src/test/resources/vectors/session.json
//
// For each transcript a wasm-themis client and a wasm-themis server negotiate (M1..M4) and then wrap
// a few data messages each way. Besides the messages the file records:
//   * both ephemeral private keys, read out of the sessions with soter_asym_ka_export_key (the ECDH
//     context is the first member of secure_session_t, so the session pointer is a valid context);
//   * both sides' saved state right after the handshake (secure_session_save: TSSC container with
//     BE32 session id, BE32 is_client, 32-byte master key, BE32 out_seq, BE32 in_seq);
//   * generatedAt, the unix time of the run: data messages carry timestamps and a Themis peer only
//     accepts them within 24 hours of its clock, so replaying tests set their clock to this value.
// Transcript "integration-keys" uses tests/_integration/keys from the Themis repository (a 44-byte
// private key and a 77-byte uncompressed public key for the client); "generated-keys" uses fresh keys.
'use strict';
const fs = require('fs');
const path = require('path');
const { themis, lib, ready } = require('./themis');

const SUCCESS = 0;
const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));

// Calls f(outPtr, lenPtr) with a 4 KiB output buffer and returns the bytes written.
function withOutput(f, what) {
  const m = lib();
  const cap = 4096;
  const out = m._malloc(cap);
  const len = m._malloc(4);
  try {
    m.setValue(len, cap, 'i32');
    const err = f(out, len);
    if (err !== SUCCESS) throw new Error(what + ' failed: ' + err);
    return Uint8Array.from(m.HEAPU8.subarray(out, out + m.getValue(len, 'i32')));
  } finally {
    m._free(out);
    m._free(len);
  }
}

const ephemeralPrivateKey = (session) =>
  withOutput((out, len) => lib()._soter_asym_ka_export_key(session.sessionPtr, out, len, 1), 'soter_asym_ka_export_key');

const savedState = (session) =>
  withOutput((out, len) => lib()._secure_session_save(session.sessionPtr, out, len), 'secure_session_save');

function transcript(name, clientKeys, serverKeys) {
  const clientId = Buffer.from('client');
  const serverId = Buffer.from('server');
  const lookup = (id, key) => (peerId) => (Buffer.from(peerId).equals(id) ? new themis.PublicKey(key) : null);
  const client = new themis.SecureSession(clientId, new themis.PrivateKey(clientKeys.priv), lookup(serverId, serverKeys.pub));
  const server = new themis.SecureSession(serverId, new themis.PrivateKey(serverKeys.priv), lookup(clientId, clientKeys.pub));
  try {
    const m1 = client.connectionRequest();
    const m2 = server.negotiateReply(m1);
    const m3 = client.negotiateReply(m2);
    const m4 = server.negotiateReply(m3);
    const last = client.negotiateReply(m4);
    if (last.length !== 0 || !client.established() || !server.established()) throw new Error('negotiation failed');
    const clientState = savedState(client);
    const serverState = savedState(server);
    const messages = [];
    const plain = [
      ['client', Buffer.from('ping')],
      ['client', Buffer.from([0x2a])],
      ['client', Buffer.alloc(300, 0x61)],
      ['server', Buffer.from('pong')],
      ['server', Buffer.from([0x00])],
      ['server', Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff))],
    ];
    for (const [from, p] of plain) {
      const sender = from === 'client' ? client : server;
      const receiver = from === 'client' ? server : client;
      const wrapped = sender.wrap(p);
      if (!Buffer.from(receiver.unwrap(wrapped)).equals(p)) throw new Error('wasm round trip failed');
      messages.push({ from, plaintext: hex(p), wrapped: hex(wrapped) });
    }
    return {
      name,
      client: {
        id: hex(clientId),
        privateKey: hex(clientKeys.priv),
        publicKey: hex(clientKeys.pub),
        ephemeralPrivateKey: hex(ephemeralPrivateKey(client)),
      },
      server: {
        id: hex(serverId),
        privateKey: hex(serverKeys.priv),
        publicKey: hex(serverKeys.pub),
        ephemeralPrivateKey: hex(ephemeralPrivateKey(server)),
      },
      m1: hex(m1),
      m2: hex(m2),
      m3: hex(m3),
      m4: hex(m4),
      clientState: hex(clientState),
      serverState: hex(serverState),
      messages,
    };
  } finally {
    client.destroy();
    server.destroy();
  }
}

ready.then(() => {
  const integration = {
    client: {
      priv: unhex('524543320000002c356c52f9b15d93e04ef2e6510c9a81e4cae19f0b0bc20deab23ad354cb9a9d9c0f229816'),
      pub: unhex(
        '554543320000004de93a8fe204ef9ed3d2f7eb87633fc1eb4244a1b45723cd2a89feb76d10a2e8e98c624b5b6b09c1390d9d399e9c59a9e379a105b9a4ef8c789454ed8089e339092fdf2d0886'),
    },
    server: {
      priv: unhex('524543320000002df766ff89002a049d9ef455cd02559d8c2f9e0e24f79fa3c263610111ea2490295777f5278f'),
      pub: unhex('554543320000002d88a3717302474eeab00a081b179a44df9928e9f1656cd655d28a12cacf968f15262a2af104'),
    },
  };
  const gen = () => {
    const kp = new themis.KeyPair();
    return { priv: kp.privateKey, pub: kp.publicKey };
  };
  const doc = {
    generator: 'interop/vectors-session.js',
    themis: 'wasm-themis ' + JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules/wasm-themis/package.json'))).version,
    generatedAt: Math.floor(Date.now() / 1000),
    transcripts: [
      transcript('integration-keys', integration.client, integration.server),
      transcript('generated-keys', gen(), gen()),
    ],
  };
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
});
