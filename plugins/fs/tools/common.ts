import fs from 'node:fs';
import path from 'node:path';
import { confine } from '../../../core/workspace.js';
import { NimbusError } from '../../../core/errors.js';
import type { ToolContext } from '../../../core/tool.js';

/** Resolve a user path inside the workspace (refusing `..`, outside absolutes and symlinks out). */
export function inWorkspace(ctx: ToolContext, p: string, what = 'path'): string {
  return confine(p, [ctx.workspace], { what, base: ctx.workspace });
}

export function rel(ctx: ToolContext, abs: string): string {
  const r = path.relative(fs.realpathSync(ctx.workspace), abs);
  return r === '' ? '.' : r;
}

export function statOrThrow(abs: string, shown: string): fs.Stats {
  try {
    return fs.statSync(abs);
  } catch (e: any) {
    if (e.code === 'ENOENT') throw new NimbusError('NIMBUS_E_NOT_FOUND', `${shown}: no such file or folder`);
    throw new NimbusError('NIMBUS_E_TOOL', `${shown}: ${e.code ?? e.message}`);
  }
}

export function isBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Names never descended into by tree and search. */
export const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform', 'dist', '.venv', '__pycache__']);
