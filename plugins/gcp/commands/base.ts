import { Option } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';
import type { Kernel, CallOptions } from '../../../core/kernel.js';

/** Flags every `nimbus gcp …` command takes, and the call through the kernel. */
export abstract class GcpCommand extends ToolCallCommand {
  project = Option.String('--project', { description: 'GCP project ID (default: CLOUDSDK_CORE_PROJECT, then cloud.gcp.default_project, then gcloud config)' });

  /** The project is this call's context: safety.contexts policies apply to it. */
  override async kernel(opts: { workspace?: string; defaults?: CallOptions } = {}): Promise<Kernel> {
    const k = await super.kernel(opts);
    const { chooseProject } = await import('../lib/gcloud.js');
    const { project } = chooseProject({ project: this.project }, k.env, k.config);
    if (project) k.contexts = [...k.contexts, project];
    return k;
  }

  callTool(tool: string, input: Record<string, unknown> = {}): Promise<number> {
    const clean = Object.fromEntries(Object.entries({ ...input, project: this.project }).filter(([, v]) => v !== undefined));
    return this.callAndPrint(`gcp/${tool}`, clean);
  }
}
