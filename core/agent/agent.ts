/**
 * The agent loop. The model gets the loaded plugins' tools (names and input
 * schemas from their manifests), proposes calls, each call goes through
 * kernel.call() with the person's approver, results go back to the model as
 * data, until it answers or llm.max_steps turns have been taken.
 *
 *   planner  – nimbus_plan pseudo-tool → plan steps (planner.ts)
 *   executor – one call through the kernel's safety path (executor.ts)
 *   verifier – what was planned vs. what the kernel did (verifier.ts)
 *
 * Everything it does is announced as typed events (events.ts) for the line
 * chat and the TUI.
 */
import crypto from 'node:crypto';
import { NimbusError, asNimbusError } from '../errors.js';
import { redact } from '../redact.js';
import type { Kernel, ToolInfo } from '../kernel.js';
import type { LlmClient } from '../llm/client.js';
import type { Message, ToolResult, Usage } from '../llm/types.js';
import { levelFor } from '../policy.js';
import { AgentEvents, type AgentCallRecord, type AgentEvent, type AgentListener, type AgentResult, type ToolCallInfo } from './events.js';
import { PLAN_TOOL, systemPrompt, loadProjectContext, type Persona, type Verbosity } from './prompt.js';
import { Planner, PLAN_TOOL_SPEC } from './planner.js';
import { toolTable, resolveToolName, type ToolTable } from './tools.js';
import { execute, type CallGuard } from './executor.js';
import { verify } from './verifier.js';

export type AgentKind = 'ask' | 'chat' | 'explain' | 'fix';

export interface AgentOptions {
  kernel: Kernel;
  client: LlmClient;
  /** What the requests are, for history (ask, chat, explain, fix). */
  kind: AgentKind;
  persona?: Persona;
  verbosity?: Verbosity;
  /** Model turns per request (default llm.max_steps, 20). */
  maxSteps?: number;
  /** Which kernel tools the model may call (default: all). */
  tools?: (t: ToolInfo) => boolean;
  /** Refuse some calls before they reach the kernel (narrowing only). */
  guard?: CallGuard;
  /** Preview every change and make none. */
  dryRun?: boolean;
  /** Extra system prompt text for this kind of request. */
  instructions?: string;
  maxTokens?: number;
}

const ZERO: Usage = { inputTokens: 0, outputTokens: 0 };

export class Agent {
  readonly kernel: Kernel;
  readonly kind: AgentKind;
  client: LlmClient;
  persona: Persona;
  verbosity: Verbosity;
  private events: AgentEvents;
  private history: Message[] = [];
  private table: ToolTable;
  private maxSteps: number;
  private opts: AgentOptions;
  private projectContext?: string;

  constructor(opts: AgentOptions) {
    this.opts = opts;
    this.kernel = opts.kernel;
    this.kind = opts.kind;
    this.client = opts.client;
    this.persona = opts.persona ?? opts.kernel.config.get<Persona>('persona.mode') ?? 'professional';
    this.verbosity = opts.verbosity ?? opts.kernel.config.get<Verbosity>('persona.verbosity') ?? 'normal';
    this.maxSteps = opts.maxSteps ?? opts.kernel.config.get<number>('llm.max_steps') ?? 20;
    this.table = toolTable(opts.kernel.listTools().filter(opts.tools ?? (() => true)));
    this.projectContext = loadProjectContext(opts.kernel.workspace)?.text;
    this.events = new AgentEvents((e) => opts.kernel.log(`agent listener failed: ${(e as Error)?.message ?? e}`));
  }

  /** Listen to everything the agent does. Returns the unsubscribe function. */
  subscribe(fn: AgentListener): () => void {
    return this.events.subscribe(fn);
  }

  /** The conversation so far (as kept locally; secrets are redacted only on the way out). */
  get messages(): readonly Message[] {
    return this.history;
  }

  /** Tools offered to the model, as kernel ids. */
  get toolIds(): string[] {
    return [...this.table.byName.values()].map((t) => t.id);
  }

  /** /model: continue the same conversation on another model. */
  setClient(client: LlmClient): void {
    this.client = client;
  }

  /** /persona */
  setPersona(persona: Persona, verbosity?: Verbosity): void {
    this.persona = persona;
    if (verbosity) this.verbosity = verbosity;
  }

  /** /clear */
  clear(): void {
    this.history = [];
  }

  systemPrompt(): string {
    const base = systemPrompt({ workspace: this.kernel.workspace, persona: this.persona, verbosity: this.verbosity, projectContext: this.projectContext, hasTools: this.table.specs.length > 0 });
    return this.opts.instructions ? `${base}\n\n${this.opts.instructions}` : base;
  }

  private emit(e: AgentEvent): void {
    this.events.emit(e);
  }

  /** Handle one request from the person. */
  async run(prompt: string, opts: { signal?: AbortSignal } = {}): Promise<AgentResult> {
    const requestId = crypto.randomUUID();
    const started = performance.now();
    const signal = opts.signal;
    const client = this.client;
    const calls: AgentCallRecord[] = [];
    const refused = new Set<string>();
    const total: Usage = { ...ZERO };
    let costUsd: number | undefined;
    let costKnown = true;
    let transcript = '';
    let answer = '';
    let steps = 0;
    let stoppedBy: AgentResult['stoppedBy'] = 'max_steps';
    const planner = new Planner(this.table, (s) => this.emit({ type: 'plan', steps: s }), (s) => this.emit({ type: 'step', step: s }));
    const specs = this.table.specs.length ? [...this.table.specs, PLAN_TOOL_SPEC] : [];
    const system = this.systemPrompt();
    const checkpoint = this.history.length;
    this.history.push({ role: 'user', content: prompt });
    this.emit({ type: 'request_start', requestId, prompt, model: client.label });

    try {
      for (steps = 1; steps <= this.maxSteps; steps++) {
        if (signal?.aborted) throw new NimbusError('NIMBUS_E_LLM', 'cancelled', { exitCode: 130, details: { kind: 'cancelled' } });
        this.emit({ type: 'thinking', turn: steps, model: client.label });
        const turn = await client.turn(
          { system, messages: this.history, tools: specs, maxTokens: this.opts.maxTokens },
          { signal, onText: (t) => this.emit({ type: 'text', delta: t }), onRetry: (info) => this.emit({ type: 'retry', info }) },
        );
        total.inputTokens += turn.usage.inputTokens;
        total.outputTokens += turn.usage.outputTokens;
        const c = client.cost(turn.usage);
        if (c === undefined) costKnown = false;
        else costUsd = (costUsd ?? 0) + c;
        this.emit({ type: 'usage', turn: turn.usage, total: { ...total }, costUsd: costKnown ? costUsd : undefined, model: client.label });
        transcript += turn.text;
        this.history.push({ role: 'assistant', content: turn.text, ...(turn.toolCalls.length ? { toolCalls: turn.toolCalls } : {}) });
        if (!turn.toolCalls.length) {
          answer = turn.text;
          stoppedBy = 'answer';
          break;
        }
        const results: ToolResult[] = [];
        try {
          for (const call of turn.toolCalls) results.push(await this.handleCall(call, planner, calls, refused, requestId, signal));
        } finally {
          // Every call of the turn gets a result, even when cancelled mid-way, so the conversation stays valid.
          for (const call of turn.toolCalls.slice(results.length)) results.push({ callId: call.id, name: call.name, isError: true, content: 'CANCELLED by the person; nothing was run.' });
          this.history.push({ role: 'tool', results });
        }
      }
      if (stoppedBy === 'max_steps') steps = this.maxSteps;
      planner.skipRest();
      const report = verify(planner.steps, calls, stoppedBy, this.maxSteps);
      this.emit({ type: 'verify', report });
      const result: AgentResult = {
        requestId,
        answer,
        transcript,
        toolCalls: calls,
        ...(planner.steps.length ? { plan: planner.steps.map((s) => ({ ...s })) } : {}),
        usage: total,
        costUsd: costKnown ? costUsd : undefined,
        model: client.label,
        steps,
        stoppedBy,
        verify: report,
      };
      this.record(requestId, prompt, started, 'success', result);
      this.emit({ type: 'done', result });
      return result;
    } catch (e) {
      const err = asNimbusError(e, 'NIMBUS_E_LLM');
      const cancelled = err.details?.kind === 'cancelled' || signal?.aborted === true;
      // A failed or cancelled request leaves no half turn behind: the next request starts clean.
      if (this.history[this.history.length - 1]?.role === 'user') this.history.length = checkpoint;
      this.record(requestId, prompt, started, cancelled ? 'cancelled' : 'error', { answer: transcript, toolCalls: calls, usage: total, costUsd: costKnown ? costUsd : undefined, model: client.label, steps, plan: planner.steps }, err.oneLine());
      this.emit({ type: 'error', error: err, cancelled });
      throw err;
    }
  }

  private async handleCall(call: import('../llm/types.js').ToolCall, planner: Planner, calls: AgentCallRecord[], refused: Set<string>, requestId: string, signal?: AbortSignal): Promise<ToolResult> {
    if (call.name === PLAN_TOOL) {
      const r = planner.accept(call.input);
      return { callId: call.id, name: call.name, content: r.message, ...(r.ok ? {} : { isError: true }) };
    }
    const tool = resolveToolName(call.name, this.table);
    if (!tool) {
      const names = this.table.specs.map((s) => s.name).join(', ');
      return { callId: call.id, name: call.name, isError: true, content: `FAILED: there is no tool "${call.name}". Available: ${names}` };
    }
    const step = planner.start(tool.id);
    const info: ToolCallInfo = { id: call.id, tool: tool.id, input: call.input, effect: tool.effect, ...(step ? { step: step.id } : {}) };
    this.emit({ type: 'tool_start', call: info });
    const t0 = performance.now();
    const done = await execute(call, info, {
      kernel: this.kernel,
      redactor: this.client.redactor,
      signal,
      dryRun: this.opts.dryRun,
      guard: this.opts.guard,
      refused,
      requestId,
      onPreview: (req, asked, note) => this.emit({ type: 'tool_preview', call: info, effect: req.effect, preview: req.preview, asked, level: asked ? req.level : levelFor(req.effect), ...(note ? { note } : {}) }),
    }).catch((e) => {
      planner.finish(step, 'failed', (e as Error).message);
      throw e;
    });
    calls.push(done.record);
    planner.finish(step, done.status === 'success' || done.status === 'noop' ? 'done' : done.status === 'dry-run' ? 'skipped' : done.status, done.record.error);
    this.emit({ type: 'tool_end', call: info, status: done.status, summary: done.record.summary, preview: done.callResult?.preview, operationId: done.record.operationId, durationMs: performance.now() - t0, ...(done.record.error ? { error: done.record.error } : {}) });
    return done.result;
  }

  /** One history record per request: model, tokens and cost, with the tool calls it made. */
  private record(id: string, prompt: string, started: number, status: 'success' | 'error' | 'cancelled', r: Partial<AgentResult>, error?: string): void {
    let h;
    try {
      h = this.kernel.history;
    } catch {
      return; // an unusable history database is reported by the commands that need it
    }
    if (!h) return;
    const env = this.kernel.env;
    const [provider, ...rest] = (r.model ?? this.client.label).split('/');
    try {
      h.record({
        id,
        type: this.kind,
        command: this.kind,
        input: { prompt: this.client.redactor.redactText(prompt) },
        output: redact(error ?? r.answer ?? '', env),
        status,
        duration_ms: Math.round(performance.now() - started),
        model: r.model,
        tokens_used: (r.usage?.inputTokens ?? 0) + (r.usage?.outputTokens ?? 0),
        cost_usd: r.costUsd,
        metadata: {
          provider,
          model: rest.join('/'),
          input_tokens: r.usage?.inputTokens ?? 0,
          output_tokens: r.usage?.outputTokens ?? 0,
          steps: r.steps,
          persona: this.persona,
          verbosity: this.verbosity,
          workspace: this.kernel.workspace,
          tool_calls: (r.toolCalls ?? []).map((c) => ({ tool: c.tool, status: c.status, effect: c.effect, operation_id: c.operationId })),
          ...(r.plan?.length ? { plan: r.plan.map((s) => ({ title: s.title, status: s.status })) } : {}),
          ...(r.stoppedBy ? { stopped_by: r.stoppedBy } : {}),
        },
      });
    } catch (e) {
      this.kernel.log(`history: ${(e as Error).message}`);
    }
  }
}
