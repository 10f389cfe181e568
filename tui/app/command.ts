/**
 * `nimbus` with no arguments on a terminal: the full-screen TUI, run as a
 * Nimbus command so it gets the same context, errors and exit codes.
 */
import { NimbusCommand, type NimbusContext } from '../commands/base.js';

export class TuiCommand extends NimbusCommand {
  async run(): Promise<number> {
    const { runTui } = await import('./run.js');
    return runTui(this);
  }
}

export async function openTui(context: Pick<NimbusContext, "stdin" | "stdout" | "stderr" | "env">, opts: { debug?: boolean } = {}): Promise<number> {
  const c = new TuiCommand();
  c.context = { colorDepth: 1, ...context } as NimbusContext;
  c.debug = opts.debug === true;
  return c.execute();
}
