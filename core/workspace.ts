import fs from 'node:fs';
import path from 'node:path';
import { NimbusError } from './errors.js';

/**
 * Resolve PATH (relative to the workspace, or absolute) and make sure it stays
 * inside one of ROOTS after resolving `..` and symlinks, including symlinks in
 * parent folders and a symlink at the final component. A path that does not
 * exist yet is checked through its nearest existing ancestor.
 */
export function confine(p: string, roots: string[], opts: { what?: string; base?: string } = {}): string {
  if (typeof p !== 'string' || p === '') throw new NimbusError('NIMBUS_E_PATH', `${opts.what ?? 'path'}: empty path`);
  if (p.includes('\0')) throw new NimbusError('NIMBUS_E_PATH', `${opts.what ?? 'path'}: contains a NUL byte`);
  const base = opts.base ?? roots[0]!;
  const abs = path.resolve(base, p);
  const realRoots = roots.map((r) => realpathOrSelf(path.resolve(r)));
  const real = realpathDeep(abs);
  const inside = realRoots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  if (!inside) {
    const lexicallyInside = roots.some((r) => {
      const rr = path.resolve(r);
      return abs === rr || abs.startsWith(rr + path.sep);
    });
    const why = lexicallyInside ? 'it resolves through a symlink to a place outside' : 'it is outside';
    throw new NimbusError('NIMBUS_E_PATH', `${opts.what ?? 'path'} "${p}": refused, ${why} the allowed root${roots.length > 1 ? 's' : ''} (${roots.join(', ')})`);
  }
  return real;
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** realpath of the longest existing prefix, with the rest appended. */
function realpathDeep(abs: string): string {
  let cur = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = fs.realpathSync(cur);
      return rest.length ? path.join(real, ...rest.reverse()) : real;
    } catch (e: any) {
      if (e.code === 'ENOENT') {
        // A dangling symlink at this component must not be followed later by a write.
        try {
          const st = fs.lstatSync(cur);
          if (st.isSymbolicLink()) {
            const target = path.resolve(path.dirname(cur), fs.readlinkSync(cur));
            return realpathDeep(rest.length ? path.join(target, ...[...rest].reverse()) : target);
          }
        } catch {
          /* really missing */
        }
      } else if (e.code !== 'ENOTDIR') throw e;
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

/** Expand ${workspace} and ${home} in a manifest path root. */
export function expandRoot(root: string, vars: { workspace: string; home: string }): string {
  return path.resolve(root.replace(/\$\{workspace\}/g, vars.workspace).replace(/\$\{home\}/g, vars.home));
}
