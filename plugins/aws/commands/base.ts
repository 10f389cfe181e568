import { Option, UsageError } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';
import type { Kernel, CallOptions } from '../../../core/kernel.js';

/** Flags every `nimbus aws …` command takes, and the call through the kernel. */
export abstract class AwsCommand extends ToolCallCommand {
  profile = Option.String('--profile', { description: 'AWS profile (default: AWS_PROFILE, then cloud.aws.default_profile, then "default")' });
  region = Option.String('--region', { description: 'AWS region (default: AWS_REGION, then cloud.aws.default_region, then the profile\'s region)' });

  /** The profile is this call's context: safety.contexts policies (e.g. prod-*: read_only) apply to it. */
  override async kernel(opts: { workspace?: string; defaults?: CallOptions } = {}): Promise<Kernel> {
    const k = await super.kernel(opts);
    try {
      const { resolveSession } = await import('../lib/session.js');
      const s = resolveSession({ profile: this.profile, region: this.region }, k.env, k.config);
      k.contexts = [...k.contexts, s.profile];
    } catch {
      /* the tool reports a bad profile itself, in one line */
    }
    return k;
  }

  /** Call aws/TOOL with INPUT plus --profile/--region; undefined fields are left out so defaults apply. */
  callTool(tool: string, input: Record<string, unknown> = {}): Promise<number> {
    const clean = Object.fromEntries(Object.entries({ ...input, profile: this.profile, region: this.region }).filter(([, v]) => v !== undefined));
    return this.callAndPrint(`aws/${tool}`, clean);
  }
}

/** Parse an integer flag, with a one-line error naming it. */
export function intFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n)) throw new UsageError(`${flag}: "${value}" is not an integer`);
  return n;
}
