import { Command, Option, UsageError } from 'clipanion';
import type { BaseContext } from 'clipanion';
import { NimbusError, isNimbusError, EXIT } from '../../core/errors.js';
import type { Approver } from '../../core/approval.js';
import type { Kernel, CallOptions } from '../../core/kernel.js';

export interface NimbusContext extends BaseContext {
  /** Working directory the command runs in (tests set it). */
  cwd?: string;
  /** Injected approver (tests, the TUI). Defaults to a terminal prompt when stdin and stderr are terminals. */
  approver?: Approver;
}

/** Shared options and error handling for every Nimbus command. */
export abstract class NimbusCommand extends Command<NimbusContext> {
  debug = Option.Boolean('--debug', false, { description: 'Show stack traces and debug logs' });

  abstract run(): Promise<number | void>;

  /** ui.colors from config.yaml (false turns colours off like NO_COLOR). */
  private uiColors: boolean | undefined;

  async execute(): Promise<number> {
    try {
      try {
        const { Config } = await import('../../core/config.js');
        this.uiColors = Config.load({ env: this.env }).get<boolean>('ui.colors');
      } catch {
        /* a broken config is reported by the commands that need it */
      }
      return (await this.run()) ?? EXIT.OK;
    } catch (e) {
      return this.fail(e);
    }
  }

  get env(): NodeJS.ProcessEnv {
    return this.context.env ?? process.env;
  }

  get cwd(): string {
    return this.context.cwd ?? process.cwd();
  }

  get colors(): boolean {
    const env = this.env;
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
    if (this.uiColors === false) return false;
    if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
    return Boolean((this.context.stdout as any).isTTY);
  }

  out(text: string): void {
    this.context.stdout.write(text.endsWith('\n') || text === '' ? text : text + '\n');
  }

  err(text: string): void {
    this.context.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }

  json(value: unknown): void {
    this.context.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }

  /** Turn an error into one line (or JSON with --json) and an exit code. */
  fail(e: unknown): number {
    const wantsJson = (this as any).jsonOutput === true;
    if (e instanceof UsageError) {
      if (wantsJson) this.json({ error: { code: 'NIMBUS_E_USAGE', message: e.message, exitCode: EXIT.USAGE } });
      else this.err(`nimbus: ${e.message}`);
      return EXIT.USAGE;
    }
    const err = isNimbusError(e) ? e : new NimbusError('NIMBUS_E_TOOL', (e as Error)?.message ?? String(e), { cause: e });
    if (wantsJson) this.json({ error: err.toJSON() });
    else this.err(`nimbus: ${err.oneLine()}`);
    if (this.debug) this.err(String((e as Error)?.stack ?? e));
    return err.exitCode;
  }

  /**
   * A kernel for this command's workspace, with the right approver (the
   * injected one, else a terminal prompt or the non-interactive one) and the
   * current contexts. A plan passes its own environment and approver, and its
   * declared context instead of the detected one (detectContexts: false).
   */
  async kernel(opts: { workspace?: string; defaults?: CallOptions; env?: NodeJS.ProcessEnv; approver?: Approver; detectContexts?: boolean } = {}): Promise<Kernel> {
    const { Kernel } = await import('../../core/kernel.js');
    const approver = opts.approver ?? this.context.approver ?? (await this.defaultApprover());
    const kernel = new Kernel({
      workspace: opts.workspace ?? this.cwd,
      env: opts.env ?? this.env,
      approver,
      defaults: { origin: 'cli', ...opts.defaults },
      log: this.debug ? (l) => this.err(l) : undefined,
    });
    if (opts.detectContexts !== false) {
      // The current kube context, AWS profile, GCP project, Azure subscription and Terraform
      // workspace: safety.contexts policies apply to interactive commands too.
      const { detectContext, contextValues } = await import('../../core/context.js');
      kernel.contexts = contextValues(detectContext({ env: this.env, config: kernel.config, workspace: kernel.workspace }));
    }
    return kernel;
  }

  async defaultApprover(): Promise<Approver> {
    const stdin = this.context.stdin as any;
    const stderr = this.context.stderr as any;
    if (stdin?.isTTY && stderr?.isTTY) {
      const { TerminalApprover } = await import('../approvers/terminal.js');
      return new TerminalApprover(stdin, stderr, { color: this.colors });
    }
    const { NonInteractiveApprover } = await import('../../core/approval.js');
    return new NonInteractiveApprover((t) => this.context.stderr.write(t));
  }
}

/** Options shared by commands that call tools. */
export abstract class ToolCallCommand extends NimbusCommand {
  yes = Option.Boolean('-y,--yes', false, { description: 'Approve create and update without asking (never approves a delete)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Show what would happen and change nothing' });
  confirmDelete = Option.String('--confirm-delete', { description: "Approve a delete whose target is exactly NAME" });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print the result as JSON' });
  workspace = Option.String('--workspace', { description: 'Workspace root (default: the current directory)' });

  callOptions(): CallOptions {
    return { yes: this.yes, dryRun: this.dryRun, confirmDelete: this.confirmDelete };
  }

  async callAndPrint(toolId: string, input: unknown): Promise<number> {
    const k = await this.kernel({ workspace: this.workspace ? (await import('node:path')).resolve(this.cwd, this.workspace) : undefined });
    try {
      const result = await k.call(toolId, input, this.callOptions());
      if (this.jsonOutput) {
        this.json({ tool: result.tool, effect: result.effect, target: result.target, status: result.status, approval: result.approval, operationId: result.operationId, output: result.output, ...(result.status !== 'success' && result.preview ? { preview: result.preview } : {}) });
      } else if (result.status === 'success') {
        if (result.rendered !== undefined) this.out(result.rendered);
        else if (result.output !== undefined) this.out(typeof result.output === 'string' ? result.output : JSON.stringify(result.output, null, 2));
      }
      return EXIT.OK;
    } finally {
      await k.dispose();
    }
  }
}
