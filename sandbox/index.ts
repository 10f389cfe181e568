/**
 * The sandbox: runs every tool whose runtime is not `host`. The kernel loads this
 * module lazily on the first such call and has already validated the input and
 * obtained the approval for the call's effect.
 *
 *   installed plugin → lockfile check (its files, as hashed, are what runs)
 *   runtime isolate  → an isolate in the sandbox process (isolate-client.ts)
 *   runtime docker   → a hardened container (docker.ts)
 *   forced docker    → community isolate tools run under node in a container
 *                      (sandbox.force_docker, or CallOptions.forceDocker)
 */
import os from 'node:os';
import path from 'node:path';
import { NimbusError } from '../core/errors.js';
import type { Kernel, SandboxRunner } from '../core/kernel.js';
import type { CallOptions } from '../core/kernel.js';
import type { ConfigView } from '../core/config.js';
import type { ToolRef } from '../core/registry.js';
import { Capabilities } from './capabilities.js';
import { IsolateClient } from './isolate-client.js';
import { limitsFor } from './permissions.js';
import { verifyInstalled, builtinCode, VerifiedPlugins, type VerifiedCode } from './lockfile.js';
import type { DockerRuntime } from './docker.js';

export interface SandboxContext {
  workspace: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  log(m: string): void;
  kernel?: Kernel;
  callOptions?: CallOptions;
}

export class Sandbox implements SandboxRunner {
  readonly isolates = new IsolateClient();
  /** The installed plugins this runner has checked against the lockfile (and watches for changes). */
  private verified = new VerifiedPlugins();
  private dockerRuntime?: DockerRuntime;

  constructor(private opts: { config?: ConfigView; env?: NodeJS.ProcessEnv }) {}

  private async docker(): Promise<DockerRuntime> {
    if (!this.dockerRuntime) {
      const { DockerRuntime } = await import('./docker.js');
      this.dockerRuntime = new DockerRuntime(this.opts.config?.get<string>('sandbox.docker_host'), this.opts.env ?? process.env);
    }
    return this.dockerRuntime;
  }

  /** Does a Docker engine answer (sandbox.docker_host, DOCKER_HOST or the default socket)? */
  async dockerReachable(): Promise<boolean> {
    try {
      await (await this.docker()).ensureEngine();
      return true;
    } catch {
      return false;
    }
  }

  /** The plugin's code, checked: installed plugins against the lockfile, before anything of theirs runs. */
  private async code(ref: ToolRef, env: NodeJS.ProcessEnv): Promise<VerifiedCode> {
    return ref.plugin.builtin ? builtinCode(ref.plugin) : verifyInstalled(ref.plugin, env, this.verified);
  }

  /** Will this tool run in an isolate (rather than a container)? */
  private inIsolate(ref: ToolRef, forceDocker: boolean | undefined): boolean {
    const force = forceDocker === true || this.opts.config?.get<boolean>('sandbox.force_docker') === true;
    return ref.runtime === 'isolate' && !(force && !ref.plugin.builtin);
  }

  /** Called by the kernel before it validates and approves a call: start the sandbox process early. */
  prepare(ref: ToolRef, opts: { forceDocker?: boolean }): void {
    if (this.inIsolate(ref, opts.forceDocker)) this.isolates.prestart();
  }

  async run(ref: ToolRef, input: unknown, ctx: SandboxContext): Promise<unknown> {
    const env = ctx.env ?? this.opts.env ?? process.env;
    const limits = limitsFor(ref.tool);
    const home = env.HOME || os.homedir();
    const inIsolate = this.inIsolate(ref, ctx.callOptions?.forceDocker);
    if (inIsolate) this.isolates.prestart();
    const code = await this.code(ref, env);
    const base = {
      toolId: ref.id,
      effect: ref.tool.effect,
      permissions: ref.plugin.manifest.permissions,
      workspace: path.resolve(ctx.workspace),
      env,
      home,
      limits,
      log: ctx.log,
      signal: ctx.signal,
    };
    if (ref.runtime === 'docker') {
      if (!ref.tool.image || !ref.tool.command) throw new NimbusError('NIMBUS_E_MANIFEST', `${ref.id}: a docker tool needs "image" and "command"`);
      return (await this.docker()).run({ ...base, image: ref.tool.image, command: ref.tool.command, input, code });
    }
    if (ref.runtime !== 'isolate') throw new NimbusError('NIMBUS_E_SANDBOX', `${ref.id}: runtime "${ref.runtime}" is not a sandbox runtime`);
    const entry = ref.tool.entry;
    if (!entry || !(entry in code.modules)) {
      throw new NimbusError('NIMBUS_E_PLUGIN', `${ref.id}: its entry ${entry ?? '(none)'} is not among the plugin's modules`);
    }
    if (!inIsolate) {
      const caps = new Capabilities({ ...base, deadline: Date.now() + limits.timeoutMs });
      return (await this.docker()).runModule({ ...base, input, code, entry, caps });
    }
    // The sandbox process gets the values it may hand out, never the whole environment.
    const granted: Record<string, string> = { PATH: env.PATH ?? '/usr/bin:/bin', LANG: env.LANG ?? 'C.UTF-8' };
    for (const n of base.permissions?.env ?? []) if (env[n] !== undefined) granted[n] = env[n]!;
    const grant = { effect: base.effect, permissions: base.permissions, workspace: base.workspace, home, env: granted };
    return this.isolates.run({ toolId: ref.id, code, entry, input, limits, grant, log: ctx.log, signal: ctx.signal });
  }

  async dispose(): Promise<void> {
    this.verified.dispose();
    this.dockerRuntime?.dispose();
    await this.isolates.dispose();
  }
}

/** Called by the kernel on the first call of a tool whose runtime is not host. */
export function createSandboxRunner(opts: { config?: ConfigView; env?: NodeJS.ProcessEnv } = {}): Sandbox {
  return new Sandbox(opts);
}
