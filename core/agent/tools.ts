/**
 * The kernel's tools as the model sees them: names and input schemas straight
 * from the plugin manifests. Provider tool names allow only [a-zA-Z0-9_-], so
 * PLUGIN/TOOL becomes PLUGIN__TOOL (plugin names never contain "_").
 */
import type { ToolInfo } from '../kernel.js';
import type { ToolSpec } from '../llm/types.js';

export function modelToolName(id: string): string {
  return id.replace('/', '__').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
}

function effectNote(t: ToolInfo): string {
  switch (t.effect) {
    case 'read':
      return 'effect: read; runs without asking';
    case 'generate':
      return 'effect: generate; the person sees a preview';
    case 'create':
      return 'effect: create; the person approves or refuses this exact call';
    case 'update':
      return 'effect: update; the person sees the diff and approves or refuses';
    case 'delete':
      return `effect: delete; the person must type the target's name to approve`;
  }
}

/** The manifest's input schema as a tool's parameters (a shallow copy: nested parts are shared and never changed). */
function cleanSchema(schema: unknown): Record<string, unknown> {
  const s: Record<string, unknown> = schema && typeof schema === 'object' && !Array.isArray(schema) ? { ...(schema as Record<string, unknown>) } : {};
  delete s.$schema;
  delete s.$id;
  if (s.type === undefined) s.type = 'object';
  if (s.type === 'object' && s.properties === undefined) s.properties = {};
  return s;
}

export interface ToolTable {
  specs: ToolSpec[];
  /** Model name → kernel tool. */
  byName: Map<string, ToolInfo>;
}

export function toolTable(tools: ToolInfo[]): ToolTable {
  const byName = new Map<string, ToolInfo>();
  const specs: ToolSpec[] = [];
  for (const t of tools) {
    const name = modelToolName(t.id);
    if (byName.has(name)) continue;
    byName.set(name, t);
    specs.push({ name, description: `${t.description.replace(/\s+$/, '')} [${t.id}; ${effectNote(t)}]`, parameters: cleanSchema(t.input) });
  }
  return { specs, byName };
}

/** Resolve what the model called: PLUGIN__TOOL, or PLUGIN/TOOL if it echoed the id. */
export function resolveToolName(name: string, table: ToolTable): ToolInfo | undefined {
  return table.byName.get(name) ?? table.byName.get(modelToolName(name));
}
