'use strict';
// The demo page: plain DOM over the JSON API. All data is inserted as text, never as HTML.

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.detail || (res.status + ' ' + res.statusText));
  return data;
}

function showError(target, err) {
  target.replaceChildren(el('span', { class: 'bad' }, err.message));
}

// ---- records ------------------------------------------------------------------------------

/** Hex with the envelope (version, kind, key id length, key id) highlighted. */
function hexView(hex, withEnvelope) {
  const span = el('span', { class: 'hex', title: 'click to show all', onclick: (e) => e.currentTarget.classList.toggle('open') });
  let rest = hex;
  if (withEnvelope && hex.length >= 6) {
    const envLen = 2 * (3 + parseInt(hex.substring(4, 6), 16));
    span.append(el('span', { class: 'env', title: 'themis4j envelope: format 01, kind (00 value), key id length, key id (ASCII)' },
      hex.substring(0, envLen)), ' ');
    rest = hex.substring(envLen);
  }
  span.append(rest.replace(/(.{8})/g, '$1 ').trim());
  return span;
}

function storedCell(field) {
  if (!field.stored) return el('td', { class: 'stored' }, el('span', { class: 'muted' }, 'NULL'));
  const envelope = field.mode === 'seal';
  const td = el('td', { class: 'stored' });
  if (field.stored.text !== null) {
    td.append(el('div', { class: 'muted' }, 'text column (base64): '),
      el('span', { class: 'hex' }, field.stored.text), el('div', { class: 'muted' }, 'decoded:'));
  }
  td.append(hexView(field.stored.hex, envelope));
  if (field.token) {
    td.append(el('div', { class: 'muted' }, field.token.column + ' (' + field.token.bytes + ' bytes):'),
      hexView(field.token.hex, true));
  }
  if (field.index) {
    td.append(el('div', { class: 'muted' }, 'blind index ' + field.index.column + ' (key id : HMAC-SHA-256, base64url):'),
      el('span', { class: 'hex bidx' }, field.index.text));
  }
  return td;
}

function fieldRow(f) {
  const key = f.keyId === null ? el('span', { class: 'muted' }, '-')
    : el('span', {}, el('span', { class: 'keyid' }, f.keyId),
      el('div', { class: 'muted' }, f.keyIdStored ? 'read from the stored envelope' : 'pinned in the mapping; not stored'));
  const sizes = f.stored
    ? (f.plaintextBytes + ' B → ' + f.stored.bytes + ' B' + (f.token ? ' + ' + f.token.bytes + ' B token' : ''))
    : '';
  return el('tr', {},
    el('td', {}, el('b', {}, f.attribute), el('div', { class: 'muted' }, f.column)),
    el('td', {}, el('span', { class: 'mode ' + f.mode }, f.mode), el('div', { class: 'muted' }, 'ring ' + f.keyRing)),
    el('td', { class: 'value' }, f.value === null ? el('span', { class: 'muted' }, 'null') : f.value),
    el('td', {}, key),
    el('td', { class: 'size' }, sizes),
    storedCell(f));
}

function patientCard(p) {
  return el('div', { class: 'card' },
    el('div', { class: 'card-head' },
      el('b', {}, '#' + p.id), el('span', {}, 'city: ' + p.city + ' (clear text)'),
      el('span', { class: 'muted' }, 'created ' + p.createdAt),
      el('span', { class: 'actions' },
        el('a', { href: 'api/patients/' + p.id }, 'JSON'), ' ',
        el('button', { class: 'small', onclick: () => deletePatient(p.id) }, 'delete'))),
    el('table', {},
      el('thead', {}, el('tr', {}, ['field', 'mode', 'decrypted value', 'key id', 'size', 'stored in the database (hex)']
        .map((h) => el('th', {}, h)))),
      el('tbody', {}, p.fields.map(fieldRow))));
}

async function searchPatients(e) {
  e.preventDefault();
  const form = new FormData(e.target);
  const kind = form.get('kind');
  const value = String(form.get('value') || '');
  const out = $('#patient-search-result');
  try {
    const found = await api('GET', 'api/patients/search?' + kind + '=' + encodeURIComponent(value));
    out.replaceChildren(...(found.length ? found.map(patientCard)
      : [el('p', { class: 'muted' }, 'No patient with this ' + (kind === 'email' ? 'e-mail' : 'insurance number') + '.')]));
  } catch (err) {
    showError(out, err);
  }
}

async function loadPatients() {
  const list = $('#patient-list');
  try {
    const patients = await api('GET', 'api/patients');
    list.replaceChildren(...(patients.length ? patients.map(patientCard) : [el('p', { class: 'muted' }, 'No records.')]));
    const select = document.querySelector('#comparator-form select');
    const chosen = select.value;
    select.replaceChildren(...patients.map((p) => el('option', { value: p.id }, '#' + p.id + ' ' + fieldValue(p, 'fullName'))));
    if (chosen) select.value = chosen;
    loadKeyRings();
  } catch (err) {
    showError(list, err);
  }
}

function fieldValue(p, attribute) {
  const f = p.fields.find((x) => x.attribute === attribute);
  return f ? f.value : null;
}

async function deletePatient(id) {
  if (!confirm('Delete patient ' + id + '?')) return;
  try {
    await api('DELETE', 'api/patients/' + id);
  } catch (err) {
    alert(err.message);
  }
  loadPatients();
}

$('#patient-search').addEventListener('submit', searchPatients);

$('#patient-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const body = {};
  for (const [k, v] of form.entries()) body[k] = v === '' ? null : v;
  const out = $('#patient-form-result');
  try {
    const p = await api('POST', 'api/patients', body);
    out.replaceChildren(el('span', { class: 'ok' }, 'Stored as patient #' + p.id));
    e.target.reset();
    loadPatients();
  } catch (err) {
    showError(out, err);
  }
});

// ---- key rings ----------------------------------------------------------------------------

async function loadInfo() {
  try {
    const info = await api('GET', 'api/info');
    $('#warning').textContent = info.warning;
    $('#session-address').textContent = info.sessionServer;
    $('#partner-id').textContent = info.partner;
    $('#footer-info').textContent = 'Application ' + info.application + ' · public key ' + info.publicKey
      + ' · database ' + info.database;
  } catch (err) {
    showError($('#footer-info'), err);
  }
}

async function loadKeyRings() {
  try {
    renderKeyRings(await api('GET', 'api/key-rings'));
  } catch (err) {
    showError($('#rotation-result'), err);
  }
}

function renderKeyRings(k) {
  const uses = (ring, keyId) => k.usage.filter((u) => u.keyRing === ring)
    .reduce((n, u) => n + (u.keyIds[keyId] || 0), 0);
  $('#key-rings tbody').replaceChildren(...k.rings.map((r) => {
    const rotatable = k.rotatable.includes(r.name);
    const keys = r.keyIds.map((id) => {
      const n = uses(r.name, id);
      const retire = rotatable && id !== r.activeKeyId && n === 0
        ? el('button', { class: 'small', onclick: () => keyAction('api/key-rings/' + r.name + '/retire', { keyId: id }) }, 'retire')
        : null;
      return el('div', {}, el('span', { class: 'keyid' }, id), ' ', el('span', { class: 'muted' }, '(' + n + ' values)'), ' ', retire);
    });
    return el('tr', {},
      el('td', {}, r.name),
      el('td', {}, keys),
      el('td', { class: 'keyid' }, r.activeKeyId),
      el('td', {}, rotatable
        ? el('button', { onclick: () => keyAction('api/key-rings/' + r.name + '/rotate') }, 'Rotate: new active key')
        : el('span', { class: 'muted' }, 'pinned (Context Imprint)')));
  }));
  renderRotation(k.reencryption);
}

async function keyAction(path, body) {
  try {
    renderKeyRings(await api('POST', path, body === undefined ? {} : body));
    $('#rotation-result').replaceChildren();
    loadPatients();
  } catch (err) {
    showError($('#rotation-result'), err);
  }
}

function renderRotation(r) {
  const box = $('#rotation');
  const button = el('button', { onclick: () => keyAction('api/key-rings/re-encrypt') },
    'Re-encrypt stored values to the active keys');
  if (!r) {
    box.replaceChildren(button, el('span', { class: 'muted' }, ' runs the key rotation job (themis4j-jpa KeyRotationJob).'));
    return;
  }
  const needed = Object.entries(r.oldKeysStillNeeded).map(([ring, ids]) => ring + ': ' + ids.join(', ')).join('; ');
  const rows = r.attributes.map((a) => el('tr', {},
    el('td', {}, a.column), el('td', {}, el('span', { class: 'mode ' + a.mode }, a.mode)),
    el('td', { class: 'keyid' }, a.targetKeyId || '-'), el('td', {}, a.status),
    el('td', {}, a.valuesRotated), el('td', {}, a.valuesCurrent), el('td', { class: 'muted' }, a.note)));
  const verdict = needed ? 'Old keys still needed: ' + needed + '.' : 'No stored value needs an old key.';
  box.replaceChildren(button,
    el('div', {}, el('span', { class: !needed && !r.failures ? 'ok' : 'bad' }, !needed && !r.failures ? '✔ ' : '✘ '),
      'Last re-encryption: ' + r.valuesRotated + ' values re-encrypted in ' + r.millis + ' ms, ' + r.failures
      + ' unreadable. ' + verdict),
    el('table', { class: 'rotation' },
      el('thead', {}, el('tr', {}, ['column', 'mode', 'target key', 'status', 're-encrypted', 'already current', 'note']
        .map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)));
}

// ---- Secure Message -----------------------------------------------------------------------

let signedExport = null;

$('#export').addEventListener('click', async () => {
  try {
    const r = await api('GET', 'api/export');
    signedExport = r.signed;
    $('#export-bytes').textContent = r.signedBytes;
    $('#export-signed').textContent = r.signed;
    $('#verify-result').replaceChildren();
    $('#export-result').classList.remove('hidden');
  } catch (err) {
    alert(err.message);
  }
});

async function verify(signed) {
  const out = $('#verify-result');
  try {
    const r = await api('POST', 'api/export/verify', { signed });
    out.replaceChildren(r.valid
      ? el('div', {}, el('span', { class: 'ok' }, '✔ valid signature of ' + r.signer + '. Content:'), el('pre', { class: 'bytes' }, r.content))
      : el('span', { class: 'bad' }, '✘ not valid: ' + r.reason));
  } catch (err) {
    showError(out, err);
  }
}

$('#verify').addEventListener('click', () => verify(signedExport));
$('#verify-tampered').addEventListener('click', () => {
  const bytes = Uint8Array.from(atob(signedExport), (c) => c.charCodeAt(0));
  bytes[Math.floor(bytes.length / 3)] ^= 0x01; // a bit inside the signed content
  verify(btoa(String.fromCharCode(...bytes)));
});

let encryptedNote = null;

$('#encrypt-note').addEventListener('click', async () => {
  try {
    const r = await api('POST', 'api/notes', { peer: $('#partner-id').textContent, note: $('#note').value });
    encryptedNote = r.encrypted;
    $('#note-bytes').textContent = r.encryptedBytes;
    $('#note-encrypted').textContent = r.encrypted;
    $('#open-result').replaceChildren();
    $('#note-result').classList.remove('hidden');
  } catch (err) {
    alert(err.message);
  }
});

$('#open-note').addEventListener('click', async () => {
  const out = $('#open-result');
  try {
    const r = await api('POST', 'api/notes/open-as-partner', { encrypted: encryptedNote });
    out.replaceChildren(el('span', { class: 'ok' }, r.recipient + ' reads: '), r.note);
  } catch (err) {
    showError(out, err);
  }
});

// ---- Secure Session -----------------------------------------------------------------------

function wireTable(rows) {
  return el('table', { class: 'wire' },
    el('thead', {}, el('tr', {}, ['from', 'bytes', 'on the wire (hex)'].map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((w) => el('tr', {}, el('td', {}, w.from), el('td', {}, w.bytes), el('td', { class: 'stored' }, hexView(w.hex, false))))));
}

$('#session-run').addEventListener('click', async () => {
  const out = $('#session-result');
  const messages = $('#session-messages').value.split('\n').map((s) => s.trim()).filter((s) => s);
  try {
    const t = await api('POST', 'api/session/exchange', { messages });
    const wire = (x) => el('td', { class: 'stored' }, x.wire.map((w) => el('div', {},
      el('span', { class: 'muted' }, w.from + ', ' + w.bytes + ' B: '), hexView(w.hex, false))));
    const rows = t.exchanges.map((x) => el('tr', {},
      el('td', { class: 'value' }, x.request), el('td', { class: 'value' }, x.reply), wire(x)));
    out.replaceChildren(
      el('h3', {}, 'Negotiation between ' + t.client + ' and ' + t.server + ' (' + t.address + ')'),
      wireTable(t.handshake),
      el('h3', {}, 'Messages (each also travels as ciphertext only)'),
      el('table', {},
        el('thead', {}, el('tr', {}, ['partner sent', 'server answered', 'what travelled'].map((h) => el('th', {}, h)))),
        el('tbody', {}, rows)));
  } catch (err) {
    showError(out, err);
  }
});

// ---- Secure Comparator --------------------------------------------------------------------

$('#comparator-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const out = $('#comparator-result');
  try {
    const r = await api('POST', 'api/patients/' + form.get('patient') + '/recovery-code/check', { code: form.get('code') });
    out.replaceChildren(
      r.match
        ? el('p', { class: 'ok' }, '✔ The codes match. The code is now used up and has been replaced.')
        : el('p', { class: 'bad' }, '✘ The codes differ. Neither side learned anything else.'),
      wireTable(r.messages));
    loadPatients();
  } catch (err) {
    showError(out, err);
  }
});

loadInfo();
loadPatients();

// ---- legacy table ---------------------------------------------------------------------------

function legacyCell(value, column) {
  const state = el('span', { class: column.state === 'encrypted' ? 'ok' : column.state === 'null' ? '' : 'bad' },
    column.state + (column.keyId ? ' (key ' + column.keyId + ')' : ''));
  return el('td', {}, el('div', {}, value === null ? '—' : value), el('div', { class: 'label' }, state),
    column.stored === null ? null : el('code', { class: 'bytes' }, column.stored));
}

async function loadLegacy() {
  const rows = await api('GET', 'api/legacy');
  $('#legacy-rows tbody').replaceChildren(...rows.map((r) => el('tr', {}, el('td', {}, r.id),
    legacyCell(r.name, r.columns[0]), legacyCell(r.email, r.columns[1]), legacyCell(r.memberSince, r.columns[2]))));
}

$('#legacy-migrate').addEventListener('click', async () => {
  try {
    const r = await api('POST', 'api/legacy/migrate');
    $('#legacy-result').replaceChildren(el('span', { class: r.complete ? 'ok' : 'bad' },
      (r.complete ? 'complete: ' : 'not complete: ') + r.remaining + ' legacy values remaining'));
    await loadLegacy();
  } catch (err) {
    showError($('#legacy-result'), err);
  }
});

loadLegacy().catch((err) => showError($('#legacy-result'), err));
