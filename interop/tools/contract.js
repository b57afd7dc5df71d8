// Shared helpers of the tool scripts: argument checks, base64 and UTF-8, error exits.
'use strict';
const { themis, ready } = require('../themis');

const utf8 = (s) => Buffer.from(s, 'utf8');
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const unb64 = (s) => new Uint8Array(Buffer.from(s, 'base64'));
const text = (bytes) => Buffer.from(bytes).toString('utf8');

// Runs body(themis) once wasm-themis is loaded; a thrown error is one line on stderr and exit 1.
function main(usage, argsOk, body) {
  const args = process.argv.slice(2);
  if (!argsOk(args.length)) {
    console.log('usage: ' + usage);
    process.exit(1);
  }
  ready
    .then(() => body(themis, args))
    .catch((e) => {
      process.stderr.write(String(e && e.message ? e.message : e).split('\n')[0] + '\n');
      process.exit(1);
    });
}

function badCommand(cmd, allowed) {
  console.log('invalid command "' + cmd + '": use ' + allowed);
  process.exit(1);
}

module.exports = { main, badCommand, utf8, b64, unb64, text };
