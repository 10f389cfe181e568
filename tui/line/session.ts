/**
 * Shared set-up for the model commands (ask, chat, explain, fix): the kernel,
 * the model choice, the client and the agent. Loaded only when one of those
 * commands runs.
 */
import path from 'node:path';
import { NimbusError } from '../../core/errors.js';
import type { Kernel, ToolInfo } from '../../core/kernel.js';
import type { Approver } from '../../core/approval.js';
import { chooseModel, type TaskKind, type ModelChoice } from '../../core/llm/models.js';
import { LlmClient, sessionRedactor } from '../../core/llm/client.js';
import { Agent, type AgentKind } from '../../core/agent/agent.js';
import { PERSONAS, VERBOSITIES, type Persona, type Verbosity } from '../../core/agent/prompt.js';
import type { CallGuard } from '../../core/agent/executor.js';
import type { AgentResult } from '../../core/agent/events.js';
import { LineRenderer } from './render.js';
import type { NimbusCommand } from '../commands/base.js';

export interface SessionOptions {
  kind: AgentKind;
  model?: string;
  persona?: string;
  verbosity?: string;
  task?: TaskKind;
  workspace?: string;
  dryRun?: boolean;
  tools?: (t: ToolInfo) => boolean;
  guard?: CallGuard;
  instructions?: string;
  approver?: Approver;
}

export interface Session {
  kernel: Kernel;
  agent: Agent;
  choice: ModelChoice;
}

export function checkPersona(p: string | undefined, flag = '--persona'): Persona | undefined {
  if (p === undefined) return undefined;
  if (!(PERSONAS as string[]).includes(p)) throw new NimbusError('NIMBUS_E_USAGE', `${flag}: "${p}" is not a persona (${PERSONAS.join(', ')})`);
  return p as Persona;
}

export function checkVerbosity(v: string | undefined, flag = '--verbosity'): Verbosity | undefined {
  if (v === undefined) return undefined;
  if (!(VERBOSITIES as string[]).includes(v)) throw new NimbusError('NIMBUS_E_USAGE', `${flag}: "${v}" is not a verbosity (${VERBOSITIES.join(', ')})`);
  return v as Verbosity;
}

/** Requests that read as simple questions may go to the cheap model (llm.cost_optimization). */
export function classifyQuestion(q: string): TaskKind {
  const changes = /\b(create|delete|remove|destroy|apply|deploy|install|uninstall|upgrade|write|fix|change|update|scale|generate|rollback|terminate|provision|migrate|refactor|plan)\b/i;
  return q.length < 400 && !changes.test(q) ? 'simple_queries' : 'complex_reasoning';
}

export async function startSession(cmd: NimbusCommand, o: SessionOptions): Promise<Session> {
  const persona = checkPersona(o.persona);
  const verbosity = checkVerbosity(o.verbosity);
  const workspace = o.workspace ? path.resolve(cmd.cwd, o.workspace) : undefined;
  const kernel = await cmd.kernel({ workspace });
  if (o.approver) kernel.approver = o.approver;
  try {
    const choice = await chooseModel({ spec: o.model, task: o.task, config: kernel.config, env: kernel.env });
    const client = LlmClient.forModel(choice, kernel.config, kernel.env, sessionRedactor(kernel.config, kernel.env));
    const agent = new Agent({ kernel, client, kind: o.kind, persona, verbosity, tools: o.tools, guard: o.guard, dryRun: o.dryRun, instructions: o.instructions });
    return { kernel, agent, choice };
  } catch (e) {
    await kernel.dispose();
    throw e;
  }
}

/** Abort the request on Ctrl-C; a second Ctrl-C leaves at once. Returns the cleanup. */
export function cancelOnSigint(controller: AbortController, stderr: NodeJS.WritableStream): () => void {
  let hits = 0;
  const onSigint = () => {
    hits++;
    if (hits === 1) {
      stderr.write('\ncancelling… (Ctrl-C again to quit now)\n');
      controller.abort(new DOMException('cancelled by the person', 'AbortError'));
    } else process.exit(130);
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

/**
 * One turn of a line command (ask, explain, fix): the answer streams to the
 * terminal (not with --json), Ctrl-C cancels it, and THEN gets the result.
 * The renderer and the session's kernel are cleaned up however it ends.
 */
export async function runTurn<T>(cmd: NimbusCommand, session: Session, prompt: string, o: { json: boolean }, then: (r: AgentResult, renderer: LineRenderer) => Promise<T> | T): Promise<T> {
  const renderer = new LineRenderer(cmd.context.stdout, cmd.context.stderr, { color: cmd.colors, spinner: session.kernel.config.get<string>('ui.spinner') });
  if (!o.json) session.agent.subscribe(renderer.handle);
  const controller = new AbortController();
  const release = cancelOnSigint(controller, cmd.context.stderr);
  try {
    return await then(await session.agent.run(prompt, { signal: controller.signal }), renderer);
  } finally {
    release();
    renderer.finish();
    await session.kernel.dispose();
  }
}
