/**
 * The precompiled answers validator (lib/answers-validator.ts, generated so the
 * first generation does not load and run ajv's compiler) is current and
 * behaves like ajv compiling the published schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { SCHEMA_FILE, VALIDATOR_SOURCE, AJV_OPTIONS, schemaHash, validatorSource } from '../plugins/terraform/lib/answers-compile.js';
import precompiled, { SCHEMA_SHA256 } from '../plugins/terraform/lib/answers-validator.js';
import { resolveAnswers } from '../plugins/terraform/lib/answers.js';

const require = createRequire(import.meta.url);

test('lib/answers-validator.ts was generated from the current answers schema (regenerate: node dist/plugins/terraform/lib/answers-compile.js)', () => {
  const text = fs.readFileSync(SCHEMA_FILE, 'utf8');
  assert.equal(SCHEMA_SHA256, schemaHash(text), 'the schema changed since the validator was generated');
  assert.equal(fs.readFileSync(VALIDATOR_SOURCE, 'utf8'), validatorSource(text));
});

test('the precompiled validator reports what ajv reports for the same answers', () => {
  const Ajv2020 = require('ajv/dist/2020').default;
  const fresh = new Ajv2020({ ...AJV_OPTIONS }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));
  const cases: unknown[] = [
    { provider: 'aws', name: 'ok' },
    { provider: 'aws', name: 'shop', components: ['vpc', 'eks'], environments: ['dev', 'prod'], networking: { cidr: '10.1.0.0/16', az_count: 3, nat: 'ha' } },
    { provider: 'oracle', name: 'x' },
    { name: 'no-provider' },
    { provider: 'gcp', name: 'x', colour: 'blue' },
    { provider: 'azure', name: 'Bad Name!' },
    { provider: 'aws', name: 'x', networking: { az_count: 'three' } },
    { provider: 'aws', name: 'x', environments: [] },
    'not an object',
  ];
  for (const c of cases) {
    const a = precompiled(c);
    const b = fresh(c);
    assert.equal(a, b, JSON.stringify(c));
    assert.deepEqual((precompiled as any).errors ?? null, fresh.errors ?? null, JSON.stringify(c));
  }
});

test('answers errors still name the field (through the precompiled validator)', () => {
  assert.throws(() => resolveAnswers({ provider: 'aws', name: 'shop', colour: 'blue' }, 'a.yaml'), /a\.yaml: \/colour: is not a known field/);
  assert.throws(() => resolveAnswers({ provider: 'oracle', name: 'shop' }, 'a.yaml'), /a\.yaml: \/provider: must be one of aws, gcp, azure/);
});
