import fs from 'node:fs';
import path from 'node:path';
import { PKG_ROOT } from './paths.js';

let cached: string | undefined;
/** The running Nimbus version, from package.json. */
export function nimbusVersion(): string {
  cached ??= JSON.parse(fs.readFileSync(path.join(PKG_ROOT, 'package.json'), 'utf8')).version as string;
  return cached;
}
