import { Option } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';

/** Flags every `nimbus gcp …` command takes, and the call through the kernel. */
export abstract class GcpCommand extends ToolCallCommand {
  project = Option.String('--project', { description: 'GCP project ID (default: CLOUDSDK_CORE_PROJECT, then cloud.gcp.default_project, then gcloud config)' });

  callTool(tool: string, input: Record<string, unknown> = {}): Promise<number> {
    const clean = Object.fromEntries(Object.entries({ ...input, project: this.project }).filter(([, v]) => v !== undefined));
    return this.callAndPrint(`gcp/${tool}`, clean);
  }
}
