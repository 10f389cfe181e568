/**
 * Preloaded with `node --import` in tests: records every module the process
 * loads (ESM through a loader hook, CommonJS through Module._load) into the
 * file named by NIMBUS_TRACE_FILE.
 */
import fs from 'node:fs';
import { register, createRequire } from 'node:module';

const out = process.env.NIMBUS_TRACE_FILE;
if (out) {
  const hooks = `
    import fs from 'node:fs';
    export async function load(url, context, next) {
      fs.appendFileSync(${JSON.stringify(out)}, 'esm ' + url + '\\n');
      return next(url, context);
    }`;
  register('data:text/javascript,' + encodeURIComponent(hooks));
  const Module = createRequire(import.meta.url)('node:module');
  const original = Module._load;
  Module._load = function (request: string, parent: any, isMain: boolean) {
    let resolved = request;
    try {
      resolved = Module._resolveFilename(request, parent, isMain);
    } catch {
      /* let the original throw */
    }
    fs.appendFileSync(out, 'cjs ' + resolved + '\n');
    return original.apply(this, arguments as any);
  };
}
