/**
 * Project context (`nimbus init`): the scanner, NIMBUS.md rendering, and the
 * `project/init` tool. The tool's manifest lives here (core/project) rather than
 * under plugins/, so it is registered on a kernel on demand.
 */
import path from 'node:path';
import { PKG_ROOT, DIST_ROOT } from '../paths.js';
import { NimbusError } from '../errors.js';
import type { Kernel } from '../kernel.js';

export const PROJECT_TOOL = 'project/init';
export const CONTEXT_FILE = 'NIMBUS.md';

/** Make project/init callable on KERNEL (once). */
export function registerProjectTool(kernel: Kernel): void {
  if (kernel.registry.plugin('project')) return;
  const p = kernel.registry.add(path.join(PKG_ROOT, 'core', 'project'), path.join(DIST_ROOT, 'core', 'project'), true);
  if (!p) throw kernel.registry.problems[kernel.registry.problems.length - 1] ?? new NimbusError('NIMBUS_E_MANIFEST', 'core/project/nimbus.plugin.json cannot be loaded');
}

export { scanProject, type ProjectScan } from './scan.js';
export { renderNimbusMd, scanChanges, authorship } from './render.js';
