/**
 * Input validators for tools whose schemas were not precompiled at build time
 * (community plugins, and built-ins edited since the last build).
 *
 * Compiling a schema means loading ajv's compiler (~100 ms on these machines),
 * which a person would pay on the first call of every process. So the
 * compiled validator is kept as ajv standalone code under
 * $NIMBUS_HOME/cache/validators/, named by a hash of the schema and of the
 * ajv version and options, and later processes load that small file instead.
 * `nimbus plugin add` fills the cache for the plugin's tools, so even the first
 * call after an install does not compile anything. A cache file that is
 * missing, unreadable or does not load is simply compiled again.
 *
 * The cache lives in NIMBUS_HOME next to config.yaml and the plugin lockfile,
 * with the same owner-only permissions: whoever can write there can already
 * change what Nimbus approves.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { nimbusHome } from '../paths.js';

const require = createRequire(import.meta.url);

export type ToolValidator = ((data: unknown) => boolean) & { errors?: any[] | null };

/** The options every tool input validator is compiled with (defaults are filled in). */
const OPTIONS = { strict: false, useDefaults: true, allErrors: false } as const;

let ajvVersion: string | undefined;
let compiler: any;

function version(): string {
  if (!ajvVersion) {
    try {
      ajvVersion = String(require('ajv/package.json').version);
    } catch {
      ajvVersion = 'unknown';
    }
  }
  return ajvVersion;
}

/** Where the cached validator for SCHEMA lives. */
export function validatorCachePath(schema: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const key = crypto
    .createHash('sha256')
    .update(`ajv ${version()}\0${JSON.stringify(OPTIONS)}\0${JSON.stringify(schema)}`)
    .digest('hex')
    .slice(0, 40);
  return path.join(nimbusHome(env), 'cache', 'validators', `${key}.cjs`);
}

/** Evaluate standalone validator code with Nimbus's own require (its runtime helpers come from ajv). */
function load(code: string): ToolValidator | undefined {
  const mod: { exports: any } = { exports: {} };
  // eslint-disable-next-line no-new-func
  new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
  const v = mod.exports?.default ?? mod.exports;
  return typeof v === 'function' ? (v as ToolValidator) : undefined;
}

function compile(schema: unknown): { validate: ToolValidator; code: string } {
  if (!compiler) {
    const Ajv2020 = require('ajv/dist/2020').default;
    compiler = new Ajv2020({ ...OPTIONS, code: { source: true, esm: false } });
  }
  const standalone = require('ajv/dist/standalone').default;
  const validate = compiler.compile(schema) as ToolValidator;
  return { validate, code: standalone(compiler, validate) as string };
}

function write(file: string, code: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, code, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch {
    /* a read-only NIMBUS_HOME only costs the compile next time */
  }
}

/**
 * The validator for a tool input schema: from the cache when it is there,
 * else compiled (and cached). Throws ajv's error when the schema does not compile.
 */
export function toolValidator(schema: unknown, env: NodeJS.ProcessEnv = process.env): ToolValidator {
  const file = validatorCachePath(schema, env);
  try {
    const v = load(fs.readFileSync(file, 'utf8'));
    if (v) return v;
  } catch {
    /* not cached yet, or unreadable: compile */
  }
  const { validate, code } = compile(schema);
  write(file, code);
  return validate;
}

/** Compile and cache the validators for these schemas now (nimbus plugin add). Returns how many compiled. */
export function warmToolValidators(schemas: unknown[], env: NodeJS.ProcessEnv = process.env): number {
  let n = 0;
  for (const s of schemas) {
    const file = validatorCachePath(s, env);
    if (fs.existsSync(file)) continue;
    try {
      const { code } = compile(s);
      write(file, code);
      n++;
    } catch {
      /* reported with the manifest's field when the tool is called */
    }
  }
  return n;
}
