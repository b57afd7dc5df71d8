// An EC key pair in Themis format: [PRIVATE_FILE PUBLIC_FILE], default "key" and "key.pub".
'use strict';
const fs = require('fs');
const { main } = require('./contract');

main('node keygen.js [<path/to/key> <path/to/key.pub>]',
  (n) => n === 0 || n === 2,
  (themis, args) => {
    const [privatePath, publicPath] = args.length ? args : ['key', 'key.pub'];
    const pair = new themis.KeyPair();
    fs.writeFileSync(privatePath, pair.privateKey, { mode: 0o600 });
    fs.writeFileSync(publicPath, pair.publicKey);
  });
