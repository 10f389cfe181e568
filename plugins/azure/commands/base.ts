import { Option } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';
import type { Kernel, CallOptions } from '../../../core/kernel.js';

/** Flags every `nimbus azure …` command takes, and the call through the kernel. */
export abstract class AzureCommand extends ToolCallCommand {
  subscription = Option.String('--subscription', { description: "Azure subscription ID or name (default: AZURE_SUBSCRIPTION_ID, then cloud.azure.default_subscription, then az's default)" });

  /** The subscription is this call's context: safety.contexts policies apply to it. */
  override async kernel(opts: { workspace?: string; defaults?: CallOptions } = {}): Promise<Kernel> {
    const k = await super.kernel(opts);
    const { chooseSubscription } = await import('../lib/az.js');
    const { subscription } = chooseSubscription({ subscription: this.subscription }, k.env, k.config);
    if (subscription) k.contexts = [...k.contexts, subscription];
    return k;
  }

  callTool(tool: string, input: Record<string, unknown> = {}): Promise<number> {
    const clean = Object.fromEntries(Object.entries({ ...input, subscription: this.subscription }).filter(([, v]) => v !== undefined));
    return this.callAndPrint(`azure/${tool}`, clean);
  }
}
