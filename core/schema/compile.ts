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

// Built-in tools' input schemas, precompiled the same way: a CLI call then validates its
// input without loading ajv's compiler. Each validator carries a hash of the schema it was
// built from; the kernel uses it only while the manifest still has that exact schema.
{
  const crypto = await import('node:crypto');
  const tools = new Ajv2020({ strict: false, useDefaults: true, allErrors: false, code: { source: true, esm: false } });
  const mapping: Record<string, string> = {};
  const hashes: Record<string, string> = {};
  const pluginsDir = path.join(PKG_ROOT, 'plugins');
  for (const name of fs.readdirSync(pluginsDir).sort()) {
    const file = path.join(pluginsDir, name, 'nimbus.plugin.json');
    if (!fs.existsSync(file)) continue;
    let m: any;
    try {
      m = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      continue; // reported by the registry at run time
    }
    for (const t of m.tools ?? []) {
      const id = `${m.name}/${t.name}`;
      const key = `t${Object.keys(mapping).length}`;
      try {
        tools.addSchema(t.input, key);
        mapping[id] = key;
        hashes[id] = crypto.createHash('sha1').update(JSON.stringify(t.input)).digest('hex');
      } catch {
        /* a schema that does not compile is reported when the tool is called */
      }
    }
  }
  const code = standalone(tools, mapping) + `\nmodule.exports.__hashes = ${JSON.stringify(hashes)};\n`;
  fs.writeFileSync(path.join(DIST_ROOT, 'core', 'schema', 'tool-validators.cjs'), code);
  process.stdout.write(`compiled ${Object.keys(mapping).length} tool input validators → dist/core/schema/tool-validators.cjs\n`);
}
