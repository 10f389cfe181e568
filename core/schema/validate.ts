import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PKG_ROOT, PLUGIN_SCHEMA_PATH } from '../paths.js';

const require = createRequire(import.meta.url);

export type SchemaName = 'manifest' | 'config' | 'plan' | 'policy';
export type Validator = ((data: unknown) => boolean) & { errors?: any[] | null };

const files: Record<SchemaName, string> = {
  manifest: PLUGIN_SCHEMA_PATH,
  config: path.join(PKG_ROOT, 'core', 'schema', 'config.schema.json'),
  plan: path.join(PKG_ROOT, 'core', 'schema', 'plan.schema.json'),
  policy: path.join(PKG_ROOT, 'core', 'schema', 'policy.schema.json'),
};
const cache = new Map<SchemaName, Validator>();

/** The validator for one of Nimbus's own schemas: precompiled at build time, else compiled here. */
export function schemaValidator(name: SchemaName): Validator {
  let v = cache.get(name);
  if (v) return v;
  try {
    v = require('./validators.cjs')[name] as Validator | undefined;
  } catch {
    v = undefined;
  }
  if (!v) {
    const Ajv2020 = require('ajv/dist/2020').default;
    const addFormats = require('ajv-formats').default ?? require('ajv-formats');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(fs.readFileSync(files[name], 'utf8'))) as Validator;
  }
  cache.set(name, v);
  return v;
}
