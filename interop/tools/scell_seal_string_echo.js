// Secure Cell Seal with a key given as text: enc|dec KEY MESSAGE [CONTEXT].
'use strict';
const { main, badCommand, utf8, b64, unb64, text } = require('./contract');

main('node scell_seal_string_echo.js <enc|dec> <key> <message> [<context>]',
  (n) => n === 3 || n === 4,
  (themis, [cmd, key, message, context]) => {
    const cell = themis.SecureCellSeal.withKey(utf8(key));
    const ctx = context ? [utf8(context)] : [];
    if (cmd === 'enc') console.log(b64(cell.encrypt(utf8(message), ...ctx)));
    else if (cmd === 'dec') console.log(text(cell.decrypt(unb64(message), ...ctx)));
    else badCommand(cmd, '"enc" or "dec"');
  });
