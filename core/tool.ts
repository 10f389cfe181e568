import type { Effect } from './effects.js';
import type { ConfigView } from './config.js';

/** What a mutating (or generating) call would do, shown before it runs. */
export interface Preview {
  /** One line: what the call does, e.g. "write src/app.ts (12 lines)". */
  summary: string;
  /** A unified diff of the change (update). */
  diff?: string;
  /** Whole content for new things (generate, create). */
  content?: string;
  /** Files that would be written, with sizes (generate). */
  files?: Array<{ path: string; bytes: number; status: 'new' | 'changed' | 'unchanged' }>;
  /** Raise this call's effect (e.g. a generate that would overwrite a file becomes an update). Never lowers it. */
  effect?: Effect;
  /** Estimated cost, e.g. "~$0.0416/hour ($30/month)". */
  cost?: string;
  /** Risks worth reading before approving. */
  warnings?: string[];
  /** Nothing would change: the kernel skips the approval and the run. */
  noop?: boolean;
}

/** What a tool's code gets. Validation, approval, history and truncation are the kernel's job. */
export interface ToolContext {
  /** The workspace root (absolute). */
  workspace: string;
  /** Read-only view of the configuration. */
  config: ConfigView;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Log a line to the logs pane / stderr and the call's history record. */
  log(message: string): void;
  /** Call another tool through the kernel's same safety path. */
  call(tool: string, input: unknown): Promise<unknown>;
  /** The full tool id, PLUGIN/TOOL. */
  toolId: string;
}

export interface ToolDefinition<I = any, O = any> {
  /** Describe what this call would do (required for generate, create, update and delete tools). */
  preview?(input: I, ctx: ToolContext): Promise<Preview> | Preview;
  /** Do the work. Returns a JSON-serialisable result. */
  run(input: I, ctx: ToolContext): Promise<O> | O;
  /** Render the result for a person (the CLI prints it; --json prints the result itself). */
  render?(output: O, input: I): string;
  /** A short summary for history (defaults to a clipped JSON of the result). */
  summarize?(output: O, input: I): string;
}

/** Declare a tool. Identity function that gives the tool's code its types. */
export function defineTool<I = any, O = any>(def: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return def;
}
