/**
 * Planner: the model states its plan through the nimbus_plan pseudo-tool
 * (handled here, never by the kernel: it records steps and runs nothing).
 * As calls run, the step each belongs to moves pending → running → done /
 * failed / refused.
 */
import type { ToolSpec } from '../llm/types.js';
import { PLAN_TOOL } from './prompt.js';
import type { PlanStep, StepStatus } from './events.js';
import type { ToolTable } from './tools.js';
import { resolveToolName } from './tools.js';

export const PLAN_TOOL_SPEC: ToolSpec = {
  name: PLAN_TOOL,
  description:
    'State your plan before a request that needs several tool calls or any change. Each step is one short sentence and names the tool it will use. This only records the plan for the person to see: it runs nothing and approves nothing.',
  parameters: {
    type: 'object',
    required: ['steps'],
    properties: {
      steps: {
        type: 'array',
        minItems: 1,
        maxItems: 30,
        items: {
          type: 'object',
          required: ['title'],
          properties: {
            title: { type: 'string', description: 'What this step does, in one sentence.' },
            tool: { type: 'string', description: 'The tool this step calls, e.g. fs__write.' },
          },
        },
      },
    },
  },
};

export class Planner {
  steps: PlanStep[] = [];

  constructor(
    private table: ToolTable,
    private onPlan: (steps: PlanStep[]) => void,
    private onStep: (step: PlanStep) => void,
  ) {}

  /** Take a plan from the model. Returns the text sent back to it. */
  accept(input: Record<string, unknown>): { ok: boolean; message: string } {
    const raw = input.steps;
    if (!Array.isArray(raw) || raw.length === 0) return { ok: false, message: `FAILED: ${PLAN_TOOL} needs "steps": a non-empty list of {title, tool}` };
    const steps: PlanStep[] = [];
    for (const [i, s] of raw.slice(0, 30).entries()) {
      const title = typeof s === 'string' ? s : typeof (s as any)?.title === 'string' ? (s as any).title : '';
      if (!title.trim()) return { ok: false, message: `FAILED: step ${i + 1} has no title` };
      const toolName = typeof (s as any)?.tool === 'string' ? (s as any).tool : undefined;
      const tool = toolName ? resolveToolName(toolName, this.table)?.id : undefined;
      steps.push({ id: i + 1, title: title.trim().slice(0, 200), ...(tool ? { tool } : {}), status: 'pending' });
    }
    this.steps = steps;
    this.onPlan(steps.map((s) => ({ ...s })));
    return { ok: true, message: `Plan recorded (${steps.length} step${steps.length === 1 ? '' : 's'}). Carry it out one step at a time; each change is shown to the person, who approves or refuses it.` };
  }

  /** The step a call to TOOL starts, if any. */
  start(tool: string): PlanStep | undefined {
    const step = this.steps.find((s) => s.status === 'pending' && s.tool === tool) ?? this.steps.find((s) => s.status === 'pending' && !s.tool);
    if (step) this.set(step, 'running');
    return step;
  }

  finish(step: PlanStep | undefined, status: StepStatus, note?: string): void {
    if (step) this.set(step, status, note);
  }

  /** Steps never reached when the model gave its answer. */
  skipRest(): void {
    for (const s of this.steps) if (s.status === 'pending' || s.status === 'running') this.set(s, 'skipped');
  }

  private set(step: PlanStep, status: StepStatus, note?: string): void {
    step.status = status;
    if (note !== undefined) step.note = note;
    this.onStep({ ...step });
  }
}
