import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { NimbusError, asNimbusError } from './errors.js';
import { Registry, type ToolRef } from './registry.js';
import { Config } from './config.js';
import { History } from './history.js';
import { decide, type ApprovalSource } from './policy.js';
import { NonInteractiveApprover, type Approver, type ApprovalRequest } from './approval.js';
import { maxEffect, isMutating, type Effect } from './effects.js';
import { redact } from './redact.js';
import type { Preview, ToolContext, ToolDefinition } from './tool.js';
import { formatAjvError } from './manifest.js';
import { toolValidator } from './schema/tool-validator.js';

const require = createRequire(import.meta.url);

/** Runs a tool whose runtime is not the host (isolate or docker). Provided by sandbox/. */
export interface SandboxRunner {
  run(ref: ToolRef, input: unknown, ctx: { workspace: string; env: NodeJS.ProcessEnv; signal: AbortSignal; log(m: string): void; kernel: Kernel; callOptions: CallOptions }): Promise<unknown>;
  /** Get ready for a call that may follow (start the sandbox process); runs no tool code. */
  prepare?(ref: ToolRef, opts: { forceDocker?: boolean }): void;
  dispose?(): Promise<void> | void;
}

export interface CallOptions {
  dryRun?: boolean;
  yes?: boolean;
  confirmDelete?: string;
  /** Effects approved up front (nimbus run --approve). */
  approve?: Effect[];
  /**
   * Rules from a --policy file (or a planner's read-only rule), asked once the call's final
   * effect and target are known. deny refuses; allow approves creates and updates (never deletes).
   */
  policy?: (call: { tool: string; effect: Effect; target?: string; contexts: string[] }) => { action: 'allow' | 'deny'; reason?: string } | undefined;
  origin?: 'cli' | 'agent' | 'plan';
  signal?: AbortSignal;
  /** Extra history metadata (plan run id, step id …). */
  metadata?: Record<string, unknown>;
  /** Force community tools into docker (nimbus run --sandbox docker, sandbox.force_docker). */
  forceDocker?: boolean;
}

export type CallStatus = 'success' | 'dry-run' | 'noop';

export interface CallResult<O = unknown> {
  operationId: string;
  tool: string;
  effect: Effect;
  target?: string;
  status: CallStatus;
  approval: ApprovalSource;
  preview?: Preview;
  output?: O;
  /** The tool's own rendering for people, when it has one. */
  rendered?: string;
  durationMs: number;
}

export interface KernelOptions {
  workspace?: string;
  env?: NodeJS.ProcessEnv;
  config?: Config;
  /** null: do not record (benchmarks of the bare path only). */
  history?: History | null;
  registry?: Registry;
  approver?: Approver;
  defaults?: CallOptions;
  log?: (line: string) => void;
  sandbox?: SandboxRunner;
  /** Names of the current contexts (kube context, AWS profile …) for safety.contexts. */
  contexts?: string[];
}

export interface ToolInfo {
  id: string;
  plugin: string;
  name: string;
  description: string;
  effect: Effect;
  runtime: string;
  target?: string;
  input: unknown;
  builtin: boolean;
}

/**
 * The kernel: every tool call takes one path.
 *   validate input → effect from the manifest → safety policy → approval → run → record in history
 */
export class Kernel {
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  readonly registry: Registry;
  readonly config: Config;
  approver: Approver;
  readonly defaults: CallOptions;
  contexts: string[];
  private historyOpt: History | null | undefined;
  private validators = new Map<string, any>();
  private logFn: (line: string) => void;
  private sandbox?: SandboxRunner;
  private sandboxLoading?: Promise<SandboxRunner>;

  constructor(opts: KernelOptions = {}) {
    this.env = opts.env ?? process.env;
    this.workspace = path.resolve(opts.workspace ?? process.cwd());
    this.config = opts.config ?? Config.load({ env: this.env });
    this.registry = opts.registry ?? Registry.discover({ env: this.env });
    this.approver = opts.approver ?? new NonInteractiveApprover();
    this.defaults = opts.defaults ?? {};
    this.historyOpt = opts.history;
    this.logFn = opts.log ?? (() => {});
    this.sandbox = opts.sandbox;
    this.contexts = opts.contexts ?? [];
  }

  /** The history database, opened on first use. */
  get history(): History | null {
    if (this.historyOpt === undefined) this.historyOpt = History.open({ env: this.env });
    return this.historyOpt;
  }

  setSandbox(s: SandboxRunner): void {
    this.sandbox = s;
  }

  log(line: string): void {
    this.logFn(line);
  }

  /** The sandbox runner, loaded on the first call of a tool whose runtime is not host. */
  private loadSandbox(ref: ToolRef): Promise<SandboxRunner> {
    if (this.sandbox) return Promise.resolve(this.sandbox);
    const modPath = '../sandbox/index.js';
    this.sandboxLoading ??= import(modPath).then(
      (mod: any) => (this.sandbox ??= mod.createSandboxRunner({ config: this.config, env: this.env }) as SandboxRunner),
      (e: any) => {
        this.sandboxLoading = undefined;
        throw new NimbusError('NIMBUS_E_SANDBOX', `${ref.id}: the ${ref.runtime} runtime cannot load: ${e.message}`);
      },
    );
    return this.sandboxLoading;
  }

  listTools(): ToolInfo[] {
    return this.registry.list().map((r) => ({
      id: r.id,
      plugin: r.plugin.manifest.name,
      name: r.tool.name,
      description: r.tool.description,
      effect: r.tool.effect,
      runtime: r.runtime,
      target: r.tool.target,
      input: r.tool.input,
      builtin: r.plugin.builtin,
    }));
  }

  /** Validate INPUT against the tool's schema; defaults are filled in. Throws NIMBUS_E_INPUT naming the field. */
  validateInput(ref: ToolRef, input: unknown): Record<string, unknown> {
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      throw new NimbusError('NIMBUS_E_INPUT', `${ref.id}: input must be a JSON object`);
    }
    let v = this.validators.get(ref.id);
    if (!v && ref.plugin.builtin) v = precompiledValidator(ref);
    if (v) this.validators.set(ref.id, v);
    if (!v) {
      try {
        v = toolValidator(ref.tool.input, this.env);
      } catch (e: any) {
        throw new NimbusError('NIMBUS_E_MANIFEST', `${ref.id}: the input schema in its manifest does not compile: ${e.message}`);
      }
      this.validators.set(ref.id, v);
    }
    const copy = structuredClone(input) as Record<string, unknown>;
    if (!v(copy)) {
      const { pointer, reason } = formatAjvError(v.errors[0]);
      throw new NimbusError('NIMBUS_E_INPUT', `${ref.id}: input ${pointer === '/' ? '' : pointer + ' '}${reason}`, { details: { field: pointer } });
    }
    return copy;
  }

  /** The target named by the manifest's JSON pointer. */
  targetOf(ref: ToolRef, input: Record<string, unknown>): string | undefined {
    return ref.tool.target ? valueAt(input, ref.tool.target) : undefined;
  }

  /**
   * The contexts a call acts on: the current ones (kube context, AWS profile …)
   * and any the input names through the manifest's `contexts` pointers (an
   * explicit --profile prod, or a model asking for another context).
   */
  contextsOf(ref: ToolRef, input: Record<string, unknown>): string[] {
    const named = (ref.tool.contexts ?? []).map((p) => valueAt(input, p)).filter((v): v is string => !!v);
    return named.length ? [...new Set([...this.contexts, ...named])] : this.contexts;
  }

  private readOnlyContext(names: string[]): string | undefined {
    const contexts = this.config.get<Record<string, { read_only?: boolean }>>('safety.contexts') ?? {};
    const entries = Object.entries(contexts).filter(([, p]) => p?.read_only);
    if (!entries.length) return undefined;
    const picomatch = require('picomatch');
    for (const name of names) {
      for (const [glob] of entries) if (picomatch.isMatch(name, glob)) return name;
    }
    return undefined;
  }

  private toolContext(ref: ToolRef, opts: CallOptions, signal: AbortSignal, logs: string[]): ToolContext {
    return {
      workspace: this.workspace,
      config: this.config,
      env: this.env,
      signal,
      toolId: ref.id,
      log: (m: string) => {
        logs.push(m);
        this.logFn(`[${ref.id}] ${m}`);
      },
      call: async (tool: string, input: unknown) => (await this.call(tool, input, opts)).output,
    };
  }

  /**
   * What a call would do, without asking, running or recording anything: the
   * validated input, the final effect, the target and the tool's preview.
   */
  async previewCall(id: string, rawInput: unknown): Promise<{ effect: Effect; target?: string; preview?: Preview }> {
    const ref = this.registry.get(id);
    const input = this.validateInput(ref, rawInput);
    const target = this.targetOf(ref, input);
    if (ref.tool.effect === 'read') return { effect: 'read', target };
    const def = ref.runtime === 'host' ? await this.registry.loadHostTool(ref) : undefined;
    const logs: string[] = [];
    const preview = def?.preview ? await def.preview(input as any, this.toolContext(ref, { origin: 'cli' }, new AbortController().signal, logs)) : defaultPreview(ref, input, target);
    return { effect: preview.effect ? maxEffect(ref.tool.effect, preview.effect) : ref.tool.effect, target, preview };
  }

  /** Call a tool through the one safe path. Refusals throw NIMBUS_E_REFUSED (exit 3). */
  async call<O = unknown>(id: string, rawInput: unknown, callOpts: CallOptions = {}): Promise<CallResult<O>> {
    const opts: CallOptions = { ...this.defaults, ...callOpts };
    // Open history first: a call that could not be recorded must not run.
    void this.history;
    const started = performance.now();
    const operationId = crypto.randomUUID();
    const ref = this.registry.get(id);
    const dryRun = opts.dryRun === true || this.config.get<boolean>('safety.dry_run') === true;
    if (ref.runtime !== 'host' && !dryRun) {
      // Start the sandbox process now so that it starts while the call is validated and approved.
      // It runs nothing until the run below is sent; a refused call leaves it idle until dispose().
      await this.loadSandbox(ref).then(
        (s) => s.prepare?.(ref, { forceDocker: opts.forceDocker }),
        () => {},
      );
    }
    const input = this.validateInput(ref, rawInput);
    const target = this.targetOf(ref, input);
    const logs: string[] = [];
    const controller = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
    const ctx = this.toolContext(ref, opts, signal, logs);
    const safeInput = redact(input, this.env);
    const record = (status: 'success' | 'error' | 'refused' | 'dry-run' | 'cancelled', effect: Effect, approval: string | undefined, output: string | undefined, extra: Record<string, unknown> = {}) => {
      const h = this.history;
      if (!h) return;
      h.record({
        id: operationId,
        type: ref.plugin.manifest.name,
        command: ref.id,
        input: safeInput,
        output: output === undefined ? undefined : redact(output, this.env),
        status,
        duration_ms: Math.round(performance.now() - started),
        metadata: { effect, target, approval, origin: opts.origin ?? 'cli', workspace: this.workspace, ...(logs.length ? { logs: redact(logs.slice(-50), this.env) } : {}), ...opts.metadata, ...extra },
      });
    };

    let def: ToolDefinition | undefined;
    let effect: Effect = ref.tool.effect;
    let preview: Preview | undefined;
    // A read-only context refuses a mutating tool before anything of it runs (its preview included).
    const contexts = this.contextsOf(ref, input);
    const readOnly = this.readOnlyContext(contexts);
    if (readOnly && isMutating(effect)) {
      const reason = `the context "${readOnly}" is read-only (safety.contexts); ${effect} is not allowed there`;
      record('refused', effect, undefined, reason);
      throw new NimbusError('NIMBUS_E_REFUSED', `${ref.id}${target ? ` ${target}` : ''}: refused: ${reason}; nothing was changed`, { details: { tool: ref.id, effect, target, reason } });
    }
    try {
      if (ref.runtime === 'host') def = await this.registry.loadHostTool(ref);
      // The tool may describe its change (and raise, never lower, its effect).
      if (effect !== 'read') {
        preview = def?.preview ? await def.preview(input as any, ctx) : defaultPreview(ref, input, target);
        if (preview.effect) effect = maxEffect(effect, preview.effect);
      }
    } catch (e) {
      const err = asNimbusError(e);
      record('error', effect, undefined, err.message);
      throw err;
    }

    const auto = this.config.get<Record<string, boolean>>('safety.auto_approve') ?? {};
    const rule = opts.policy?.({ tool: ref.id, effect, target, contexts });
    const decision = decide({
      effect,
      target,
      dryRun,
      yes: opts.yes === true,
      approve: opts.approve,
      confirmDelete: opts.confirmDelete,
      autoApprove: auto,
      requireConfirmation: this.config.get<boolean>('safety.require_confirmation') !== false,
      toolName: ref.tool.name,
      toolId: ref.id,
      interactive: this.approver.interactive,
      readOnlyContext: readOnly,
      policyRule: rule?.action,
      policyReason: rule?.reason,
    });

    const request: ApprovalRequest | undefined = preview
      ? { callId: operationId, tool: ref.id, effect, level: decision.action === 'ask' ? decision.level : effect === 'delete' ? 'type' : effect === 'update' ? 'diff' : 'confirm', target, preview, input: safeInput, origin: opts.origin ?? 'cli', context: contexts.length ? contexts.join(', ') + (readOnly ? ` (read-only: ${readOnly})` : '') : undefined }
      : undefined;

    const refuse = async (reason: string, shown: boolean): Promise<never> => {
      if (request && !shown) await this.approver.show(request, `refused: ${reason}`);
      record('refused', effect, undefined, reason);
      throw new NimbusError('NIMBUS_E_REFUSED', `${ref.id}${target ? ` ${target}` : ''}: refused: ${reason}; nothing was changed`, { details: { tool: ref.id, effect, target, reason } });
    };

    if (preview?.noop && effect !== 'read') {
      if (request) await this.approver.show(request, 'no change');
      record('success', effect, 'not-needed', 'no change');
      return { operationId, tool: ref.id, effect, target, status: 'noop', approval: 'not-needed', preview, durationMs: performance.now() - started };
    }

    let approval: ApprovalSource;
    switch (decision.action) {
      case 'refuse':
        return refuse(decision.reason, false);
      case 'preview':
        if (request) await this.approver.show(request, 'dry run: nothing was changed');
        record('dry-run', effect, undefined, preview?.summary);
        return { operationId, tool: ref.id, effect, target, status: 'dry-run', approval: 'not-needed', preview, durationMs: performance.now() - started };
      case 'ask': {
        const req = request ?? { callId: operationId, tool: ref.id, effect, level: decision.level, target, preview: defaultPreview(ref, input, target), input: safeInput, origin: opts.origin ?? 'cli' };
        const answer = await this.approver.ask({ ...req, level: decision.level });
        if (!answer.approved) return refuse('not approved', true);
        if (decision.level === 'type' && (target === undefined || answer.typed !== target)) {
          return refuse(`the name typed ("${answer.typed ?? ''}") does not match "${target ?? ''}"`, true);
        }
        approval = 'person';
        break;
      }
      case 'run':
        approval = decision.approval;
        if (request && effect !== 'read') await this.approver.show(request, approvalNote(approval));
        break;
    }

    try {
      if (signal.aborted) throw new NimbusError('NIMBUS_E_TOOL', `${ref.id}: cancelled`);
      let output: any;
      if (ref.runtime === 'host') output = await def!.run(input as any, ctx);
      else {
        const sandbox = await this.loadSandbox(ref);
        output = await sandbox.run(ref, input, { workspace: this.workspace, env: this.env, signal, log: ctx.log, kernel: this, callOptions: { ...opts, yes: undefined, confirmDelete: undefined } });
      }
      const summary = def?.summarize ? def.summarize(output, input) : summarizeOutput(output);
      record('success', effect, approval, summary);
      return {
        operationId,
        tool: ref.id,
        effect,
        target,
        status: 'success',
        approval,
        preview,
        output,
        rendered: def?.render ? def.render(output, input) : undefined,
        durationMs: performance.now() - started,
      };
    } catch (e) {
      const err = asNimbusError(e);
      record(signal.aborted ? 'cancelled' : 'error', effect, approval, err.message);
      throw err;
    }
  }

  async dispose(): Promise<void> {
    await this.sandbox?.dispose?.();
    this.historyOpt?.close();
  }
}

/** The value at a JSON pointer into INPUT, as a string (undefined when absent or null). */
function valueAt(input: Record<string, unknown>, pointer: string): string | undefined {
  let cur: any = input;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur === undefined || cur === null ? undefined : String(cur);
}

let precompiled: Record<string, any> | null | undefined;
/** A built-in tool's input validator compiled at build time, if it was built from this exact schema. */
function precompiledValidator(ref: ToolRef): any | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = require('./schema/tool-validators.cjs');
    } catch {
      precompiled = null;
    }
  }
  const fn = precompiled?.[ref.id];
  if (!fn) return undefined;
  const hash = crypto.createHash('sha1').update(JSON.stringify(ref.tool.input)).digest('hex');
  return precompiled!.__hashes?.[ref.id] === hash ? fn : undefined;
}

function approvalNote(a: ApprovalSource): string {
  switch (a) {
    case 'flag:yes':
      return 'approved by --yes';
    case 'flag:confirm-delete':
      return 'approved by --confirm-delete';
    case 'flag:approve':
      return 'approved by --approve';
    case 'config:auto_approve':
      return 'approved by safety.auto_approve';
    case 'config:require_confirmation':
      return 'approved: safety.require_confirmation is false';
    case 'policy:allow':
      return 'approved by policy';
    default:
      return '';
  }
}

function defaultPreview(ref: ToolRef, input: unknown, target: string | undefined): Preview {
  return { summary: `${ref.tool.description.replace(/\.$/, '')}${target ? `: ${target}` : ''}`, content: JSON.stringify(input, null, 2) };
}

export function summarizeOutput(output: unknown, max = 2000): string {
  if (output === undefined) return '';
  const s = typeof output === 'string' ? output : JSON.stringify(output);
  return s.length > max ? s.slice(0, max) + ` … (${s.length} characters)` : s;
}


