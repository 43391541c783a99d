#!/usr/bin/env node
// Validates the hand-labelled evidence sentences in test/fixtures/evidence/*.jsonl against the
// entity vocabulary (seed/annotations.yaml + seed/vocabulary.yaml) and prints label counts.
//
//   node scripts/check-evidence-fixtures.mjs            validate, print counts
//   node scripts/check-evidence-fixtures.mjs --unlabelled
//       also list places where an entity name/alias occurs as a whole word outside every
//       mention (expected for the deliberate traps; anything else is a missed mention)
//
// Exits 1 on any error. Needs only node and the `yaml` package.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['test/fixtures/evidence/dev.jsonl', 'test/fixtures/evidence/heldout.jsonl', 'test/fixtures/evidence/heldout2.jsonl', 'test/fixtures/evidence/heldout3.jsonl', 'test/fixtures/evidence/heldout4.jsonl', 'test/fixtures/evidence/heldout5.jsonl', 'test/fixtures/evidence/heldout6.jsonl'];
const KIND_OF_GROUP = { compounds: 'compound', mechanisms: 'mechanism', conditions: 'condition', biomarkers: 'biomarker' };
const STANCES = new Set(['SUPPORTS', 'CONTRADICTS', 'MENTIONS', null]);
const DIRECTIONS = new Set(['INCREASES', 'DECREASES', null]);
const KEYS = new Set(['id', 'text', 'mentions', 'stance', 'negated', 'hedged', 'direction', 'note']);

const kindOf = new Map(); // entity id -> kind
const surface = []; // [entity id, name-or-alias]
for (const f of ['seed/annotations.yaml', 'seed/vocabulary.yaml']) {
  const doc = parse(readFileSync(join(root, f), 'utf8'));
  for (const [group, list] of Object.entries(doc.entities ?? {})) {
    const kind = KIND_OF_GROUP[group];
    if (!kind) continue; // researchAims are not labelled
    for (const e of list) {
      kindOf.set(e.id, kind);
      for (const s of [e.name, ...(e.aliases ?? [])]) surface.push([e.id, String(s)]);
    }
  }
}

const errors = [];
const err = (where, msg) => errors.push(`${where}: ${msg}`);
const seenIds = new Set();
const seenTexts = new Map();
const unlabelled = [];
const perFile = {};

for (const file of FILES) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const c = (perFile[file] = {
    sentences: 0, stance: {}, negated: 0, hedged: 0, direction: {}, mentions: 0, mentionKinds: {},
    noMentions: 0, notes: { title: 0, trap: 0 },
  });
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    let o;
    try { o = JSON.parse(line); } catch (e) { err(where, `not JSON (${e.message})`); return; }
    c.sentences++;
    for (const k of Object.keys(o)) if (!KEYS.has(k)) err(where, `unexpected key ${k}`);
    if (typeof o.id !== 'string' || o.id === '') err(where, 'id missing');
    else if (seenIds.has(o.id)) err(where, `duplicate id ${o.id}`);
    else seenIds.add(o.id);
    if (typeof o.text !== 'string' || o.text.trim() === '') { err(where, 'text missing'); return; }
    if (seenTexts.has(o.text)) err(where, `same text as ${seenTexts.get(o.text)}`);
    seenTexts.set(o.text, o.id);
    if (!STANCES.has(o.stance)) err(where, `bad stance ${JSON.stringify(o.stance)}`);
    if (!DIRECTIONS.has(o.direction)) err(where, `bad direction ${JSON.stringify(o.direction)}`);
    for (const k of ['negated', 'hedged']) if (typeof o[k] !== 'boolean') err(where, `${k} must be boolean`);
    if (!Array.isArray(o.mentions)) { err(where, 'mentions must be an array'); return; }

    const kinds = new Set();
    let prevEnd = -1;
    for (const [j, m] of o.mentions.entries()) {
      const mw = `${where} mention ${j}`;
      if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < 0 || m.end <= m.start || m.end > o.text.length) {
        err(mw, `bad offsets ${m.start}..${m.end}`); continue;
      }
      if (o.text.slice(m.start, m.end) !== m.text) err(mw, `text.slice(${m.start},${m.end}) = ${JSON.stringify(o.text.slice(m.start, m.end))} ≠ ${JSON.stringify(m.text)}`);
      if (m.start < prevEnd) err(mw, 'mentions overlap or are out of order');
      prevEnd = m.end;
      const kind = kindOf.get(m.entity);
      if (!kind) { err(mw, `unknown entity ${m.entity}`); continue; }
      kinds.add(kind);
      c.mentionKinds[kind] = (c.mentionKinds[kind] ?? 0) + 1;
      c.mentions++;
    }
    if (o.mentions.length === 0) c.noMentions++;
    if ((o.stance === null) !== (kinds.size < 2)) {
      err(where, `stance ${o.stance} but mentions span ${kinds.size} kind(s) [${[...kinds].join(', ')}]`);
    }
    c.stance[String(o.stance)] = (c.stance[String(o.stance)] ?? 0) + 1;
    c.direction[String(o.direction)] = (c.direction[String(o.direction)] ?? 0) + 1;
    if (o.negated) c.negated++;
    if (o.hedged) c.hedged++;
    if (/\btitle\b/.test(o.note ?? '')) c.notes.title++;
    if (/\btrap\b/.test(o.note ?? '')) c.notes.trap++;

    // Whole-word occurrences of a name/alias outside every mention (case-insensitive).
    const lower = o.text.toLowerCase();
    for (const [id, s] of surface) {
      const needle = s.toLowerCase();
      let at = lower.indexOf(needle);
      while (at !== -1) {
        const end = at + needle.length;
        const before = at === 0 ? '' : lower[at - 1];
        const after = end >= lower.length ? '' : lower[end];
        const wordish = /[\p{L}\p{N}]/u;
        const whole = !wordish.test(before) && !wordish.test(after);
        const covered = o.mentions.some((m) => m.start <= at && end <= m.end);
        if (whole && !covered) unlabelled.push(`${o.id}: "${o.text.slice(at, end)}" (${id}) — ${o.note ?? ''}`);
        at = lower.indexOf(needle, at + 1);
      }
    }
  });
}

const pct = (n, d) => `${n} (${((100 * n) / d).toFixed(1)}%)`;
for (const [file, c] of Object.entries(perFile)) {
  console.log(`\n${file}: ${c.sentences} sentences, ${c.mentions} mentions, ${c.noMentions} without mentions`);
  console.log('  stance   ', Object.entries(c.stance).map(([k, v]) => `${k} ${pct(v, c.sentences)}`).join(', '));
  console.log('  negated  ', pct(c.negated, c.sentences), ' hedged', pct(c.hedged, c.sentences));
  console.log('  direction', Object.entries(c.direction).map(([k, v]) => `${k} ${v}`).join(', '));
  console.log('  mentions by kind', Object.entries(c.mentionKinds).map(([k, v]) => `${k} ${v}`).join(', '));
  console.log('  notes    ', `title ${c.notes.title}, trap ${c.notes.trap}`);
}
console.log(`\nwhole-word name/alias occurrences outside mentions: ${unlabelled.length}` +
  (process.argv.includes('--unlabelled') ? '' : ' (list them with --unlabelled)'));
if (process.argv.includes('--unlabelled')) for (const u of unlabelled) console.log('  ' + u);
if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error('  ' + e);
  process.exit(1);
}
console.log('\nok');
