import { Option } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';
import { NimbusError } from '../../../core/errors.js';

export const CATEGORY = 'GitHub';

/** Shared by the github commands: --repo, and number parsing. */
export abstract class GitHubCommand extends ToolCallCommand {
  repo = Option.String('-R,--repo', { description: 'OWNER/NAME (default: from the origin remote)' });

  num(value: string, what = 'NUMBER'): number {
    const n = Number(value.replace(/^#/, ''));
    if (!Number.isInteger(n) || n < 1) throw new NimbusError('NIMBUS_E_USAGE', `${what}: "${value}" is not a pull request or issue number`);
    return n;
  }

  limitOf(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new NimbusError('NIMBUS_E_USAGE', `--limit: "${value}" is not a positive integer`);
    return n;
  }
}

export function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}
