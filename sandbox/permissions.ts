/**
 * Permissions: what a community plugin's manifest lets its code touch, turned
 * into checks. Paths are compared after resolving `..` and symlinks (realpath),
 * hosts by exact name (or a `*.` wildcard) and optional port.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Permissions, ToolManifest } from '../core/manifest.js';

export interface Limits {
  timeoutMs: number;
  memoryMb: number;
  outputBytes: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 10_000, memoryMb: 64, outputBytes: 1024 * 1024 };

export function limitsFor(tool: ToolManifest): Limits {
  return { ...DEFAULT_LIMITS, ...(tool.limits ?? {}) };
}

/** Expand ${workspace} and ${home} in a declared root; relative roots are relative to the workspace. */
export function expandRoot(root: string, workspace: string, home: string): string {
  const s = root.replace(/\$\{workspace\}/g, workspace).replace(/\$\{home\}/g, home);
  return path.resolve(workspace, s);
}

export interface Roots {
  /** Declared form, for messages. */
  declared: string[];
  /** Expanded and (when they exist) resolved through symlinks. */
  resolved: string[];
}

export function resolveRoots(declared: string[] | undefined, workspace: string, home: string): Roots {
  const list = declared ?? [];
  const resolved: string[] = [];
  for (const r of list) {
    const p = expandRoot(r, workspace, home);
    try {
      resolved.push(fs.realpathSync.native(p));
    } catch {
      resolved.push(p); // does not exist yet: lexical form
    }
  }
  return { declared: list, resolved };
}

export function isUnder(p: string, root: string): boolean {
  if (p === root) return true;
  const withSep = root.endsWith(path.sep) ? root : root + path.sep;
  return p.startsWith(withSep);
}

export function underAny(p: string, roots: string[]): boolean {
  return roots.some((r) => isUnder(p, r));
}

/** The nearest existing ancestor of P (P itself when it exists), resolved through symlinks, plus the rest. */
export function realpathOfNearest(p: string): { real: string; rest: string[] } {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      const real = fs.realpathSync.native(cur);
      return { real, rest };
    } catch (e: any) {
      if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR') throw e;
      const parent = path.dirname(cur);
      if (parent === cur) return { real: cur, rest };
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** Does URL's host (and port) match one of the declared hosts? */
export function hostAllowed(url: URL, hosts: string[] | undefined): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  for (const entry of hosts ?? []) {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.toLowerCase());
    if (!m) continue;
    const h = m[1]!.replace(/^\[|\]$/g, '');
    if (m[2] && m[2] !== port) continue;
    if (h === host) return true;
    if (h.startsWith('*.') && host.endsWith(h.slice(1)) && host.length > h.length - 1) return true;
  }
  return false;
}

/** One line per permission, as shown before an install. */
export function permissionLines(p: Permissions | undefined): string[] {
  const out: string[] = [];
  for (const b of p?.exec ?? []) out.push(`run the program ${b}`);
  for (const r of p?.fs?.read ?? []) out.push(`read files under ${r}`);
  for (const r of p?.fs?.write ?? []) out.push(`write files under ${r}`);
  for (const h of p?.network ?? []) out.push(`connect to ${h}`);
  for (const e of p?.env ?? []) out.push(`read the environment variable ${e}`);
  return out;
}

/** Permissions in NEXT that PREV did not have, as permissionLines. */
export function addedPermissions(prev: Permissions | undefined, next: Permissions | undefined): string[] {
  const before = new Set(permissionLines(prev));
  return permissionLines(next).filter((l) => !before.has(l));
}
