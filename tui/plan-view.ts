import type { Kernel } from '../core/kernel.js';
import type { LoadedPlan } from '../core/plan/plan.js';
import { describeContext } from '../core/context.js';

/** A plan as a reviewer sees it: each step's effect (from the manifest and the tool's preview), target, cost. */
export async function renderPlan(kernel: Kernel, loaded: LoadedPlan): Promise<{ text: string; steps: Array<Record<string, unknown>> }> {
  const { plan } = loaded;
  const lines = [`plan "${plan.name}"  sha256 ${loaded.sha256}`];
  if (plan.description) lines.push(plan.description);
  if (plan.context && Object.keys(plan.context).length) lines.push(`context: ${describeContext(plan.context)}`);
  const steps: Array<Record<string, unknown>> = [];
  for (const [i, s] of plan.steps.entries()) {
    let effect = '?';
    let target: string | undefined;
    let summary = '';
    let cost: string | undefined;
    let warnings: string[] = [];
    try {
      const p = await kernel.previewCall(s.tool, s.input);
      effect = p.effect;
      target = p.target;
      summary = p.preview?.summary ?? '';
      cost = p.preview?.cost;
      warnings = p.preview?.warnings ?? [];
    } catch (e: any) {
      summary = `(preview unavailable: ${e.message})`;
      try {
        effect = kernel.registry.get(s.tool).tool.effect;
      } catch {
        /* unknown tool: the message says so */
      }
    }
    steps.push({ id: s.id, tool: s.tool, effect, target: target ?? null, needs: s.needs ?? [], description: s.description ?? null, summary, cost: cost ?? null, warnings });
    lines.push(`${String(i + 1).padStart(2)}. ${s.id}  [${effect}] ${s.tool}${target ? ` ${target}` : ''}${s.needs?.length ? `  (after ${s.needs.join(', ')})` : ''}`);
    if (s.description) lines.push(`      ${s.description}`);
    if (summary) lines.push(`      ${summary}`);
    if (cost) lines.push(`      cost: ${cost}`);
    for (const w of warnings) lines.push(`      ! ${w}`);
  }
  const counts: Record<string, number> = {};
  for (const s of steps) counts[s.effect as string] = (counts[s.effect as string] ?? 0) + 1;
  lines.push(Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', '));
  return { text: lines.join('\n') + '\n', steps };
}
