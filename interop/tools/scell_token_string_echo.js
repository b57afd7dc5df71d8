// Secure Cell Token Protect: enc KEY MESSAGE [CONTEXT] prints "b64(data),b64(token)";
// dec KEY "b64(data),b64(token)" [CONTEXT] prints the text.
'use strict';
const { main, badCommand, utf8, b64, unb64, text } = require('./contract');

main('node scell_token_string_echo.js <enc|dec> <key> <message[,token]> [<context>]',
  (n) => n === 3 || n === 4,
  (themis, [cmd, key, message, context]) => {
    const cell = themis.SecureCellTokenProtect.withKey(utf8(key));
    const ctx = context ? [utf8(context)] : [];
    if (cmd === 'enc') {
      const r = cell.encrypt(utf8(message), ...ctx);
      console.log(b64(r.data) + ',' + b64(r.token));
    } else if (cmd === 'dec') {
      const parts = message.split(',');
      if (parts.length < 2) throw new Error('expected <data>,<token>');
      console.log(text(cell.decrypt(unb64(parts[0]), unb64(parts[1]), ...ctx)));
    } else badCommand(cmd, '"enc" or "dec"');
  });
