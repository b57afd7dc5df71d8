// Secure Cell Context Imprint: enc|dec KEY MESSAGE CONTEXT.
'use strict';
const { main, badCommand, utf8, b64, unb64, text } = require('./contract');

main('node scell_context_string_echo.js <enc|dec> <key> <message> <context>',
  (n) => n === 4,
  (themis, [cmd, key, message, context]) => {
    const cell = themis.SecureCellContextImprint.withKey(utf8(key));
    if (cmd === 'enc') console.log(b64(cell.encrypt(utf8(message), utf8(context))));
    else if (cmd === 'dec') console.log(text(cell.decrypt(unb64(message), utf8(context))));
    else badCommand(cmd, '"enc" or "dec"');
  });
