import { Option } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';

/** Flags every `nimbus azure …` command takes, and the call through the kernel. */
export abstract class AzureCommand extends ToolCallCommand {
  subscription = Option.String('--subscription', { description: "Azure subscription ID or name (default: AZURE_SUBSCRIPTION_ID, then cloud.azure.default_subscription, then az's default)" });

  callTool(tool: string, input: Record<string, unknown> = {}): Promise<number> {
    const clean = Object.fromEntries(Object.entries({ ...input, subscription: this.subscription }).filter(([, v]) => v !== undefined));
    return this.callAndPrint(`azure/${tool}`, clean);
  }
}
