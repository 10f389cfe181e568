import fs from 'node:fs';
import path from 'node:path';
import { confine } from '../../../core/workspace.js';
import { NimbusError } from '../../../core/errors.js';
import type { ToolContext } from '../../../core/tool.js';
import { terraformSetup, type TfSetup } from './terraform.js';

/** A folder inside the workspace (absolute, symlinks resolved). */
export function workspaceDir(ctx: ToolContext, p: string, what = 'dir'): string {
  return confine(p, [ctx.workspace], { what, base: ctx.workspace });
}

/** An existing Terraform folder inside the workspace. */
export function configDir(ctx: ToolContext, p: string): string {
  const abs = workspaceDir(ctx, p);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new NimbusError('NIMBUS_E_NOT_FOUND', `${p}: no such folder`);
  }
  if (!st.isDirectory()) throw new NimbusError('NIMBUS_E_INPUT', `${p}: not a folder`);
  if (!fs.readdirSync(abs).some((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))) throw new NimbusError('NIMBUS_E_INPUT', `${p}: no Terraform files (*.tf) here`);
  return abs;
}

export function rel(ctx: ToolContext, abs: string): string {
  const r = path.relative(fs.realpathSync(ctx.workspace), abs);
  return r === '' ? '.' : r;
}

export function setupFor(ctx: ToolContext): TfSetup {
  return terraformSetup(ctx.config, ctx.env);
}

/** Where plan files are kept in a configuration folder. */
export function planPath(dir: string): string {
  return path.join(dir, '.nimbus', 'plan.tfplan');
}
