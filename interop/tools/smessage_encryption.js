// Secure Message: enc|dec|sign|verify PRIVATE_KEY_FILE PUBLIC_KEY_FILE MESSAGE.
'use strict';
const fs = require('fs');
const { main, badCommand, utf8, b64, unb64, text } = require('./contract');

main('node smessage_encryption.js <enc|dec|sign|verify> <sender/private.key> <recipient/public.key> <message>',
  (n) => n === 4,
  (themis, [cmd, privatePath, publicPath, message]) => {
    const priv = new themis.PrivateKey(new Uint8Array(fs.readFileSync(privatePath)));
    const pub = new themis.PublicKey(new Uint8Array(fs.readFileSync(publicPath)));
    if (cmd === 'enc') console.log(b64(new themis.SecureMessage(priv, pub).encrypt(utf8(message))));
    else if (cmd === 'dec') console.log(text(new themis.SecureMessage(priv, pub).decrypt(unb64(message))));
    else if (cmd === 'sign') console.log(b64(new themis.SecureMessageSign(priv).sign(utf8(message))));
    else if (cmd === 'verify') console.log(text(new themis.SecureMessageVerify(pub).verify(unb64(message))));
    else badCommand(cmd, '"enc", "dec", "sign", "verify"');
  });
