/**
 * Build step: compile the manifest and config JSON Schemas into standalone
 * validator code (ajv standalone), so that `nimbus help` and every start do not
 * pay for ajv's schema compiler. Run by `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PKG_ROOT, DIST_ROOT, PLUGIN_SCHEMA_PATH } from '../paths.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');
const standalone = require('ajv/dist/standalone').default;

const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true, esm: false } });
addFormats(ajv);
ajv.addSchema(JSON.parse(fs.readFileSync(PLUGIN_SCHEMA_PATH, 'utf8')), 'manifest');
ajv.addSchema(JSON.parse(fs.readFileSync(path.join(PKG_ROOT, 'core', 'schema', 'config.schema.json'), 'utf8')), 'config');
ajv.addSchema(JSON.parse(fs.readFileSync(path.join(PKG_ROOT, 'core', 'schema', 'plan.schema.json'), 'utf8')), 'plan');
ajv.addSchema(JSON.parse(fs.readFileSync(path.join(PKG_ROOT, 'core', 'schema', 'policy.schema.json'), 'utf8')), 'policy');
const code = standalone(ajv, { manifest: 'manifest', config: 'config', plan: 'plan', policy: 'policy' });
const out = path.join(DIST_ROOT, 'core', 'schema', 'validators.cjs');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, code);
process.stdout.write(`compiled schema validators → ${path.relative(PKG_ROOT, out)}\n`);
