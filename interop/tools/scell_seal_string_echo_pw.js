// Secure Cell Seal with a passphrase: enc|dec PASSPHRASE MESSAGE [CONTEXT].
'use strict';
const { main, badCommand, utf8, b64, unb64, text } = require('./contract');

main('node scell_seal_string_echo_pw.js <enc|dec> <passphrase> <message> [<context>]',
  (n) => n === 3 || n === 4,
  (themis, [cmd, passphrase, message, context]) => {
    const cell = themis.SecureCellSeal.withPassphrase(passphrase);
    const ctx = context ? [utf8(context)] : [];
    if (cmd === 'enc') console.log(b64(cell.encrypt(utf8(message), ...ctx)));
    else if (cmd === 'dec') console.log(text(cell.decrypt(unb64(message), ...ctx)));
    else badCommand(cmd, '"enc" or "dec"');
  });
