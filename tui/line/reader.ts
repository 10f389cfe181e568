/**
 * Lines from stdin, one at a time, shared by the chat prompt and the approval
 * questions so that both read from the same queue (two readline interfaces on
 * one stream would race for the same lines).
 */
import readline from 'node:readline';

export class LineReader {
  private rl: readline.Interface;
  private lines: string[] = [];
  private waiting?: (line: string | undefined) => void;
  private closed = false;
  /** Called on Ctrl-C when the input is a terminal. */
  onInterrupt?: () => void;

  constructor(
    input: NodeJS.ReadableStream,
    private output: NodeJS.WritableStream,
  ) {
    const terminal = Boolean((input as any).isTTY);
    this.rl = readline.createInterface({ input, output: terminal ? output : undefined, terminal, historySize: 200 });
    this.rl.on('line', (l) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(l);
      } else this.lines.push(l);
    });
    this.rl.on('close', () => {
      this.closed = true;
      const w = this.waiting;
      this.waiting = undefined;
      w?.(undefined);
    });
    this.rl.on('SIGINT', () => {
      if (this.onInterrupt) this.onInterrupt();
      else this.rl.close();
    });
  }

  /** Show PROMPT and wait for the next line; undefined at end of input. */
  next(prompt: string): Promise<string | undefined> {
    if (this.lines.length) {
      this.output.write(prompt);
      const l = this.lines.shift()!;
      if (!(this.rl as any).terminal) this.output.write(l + '\n');
      return Promise.resolve(l);
    }
    if (this.closed) return Promise.resolve(undefined);
    this.output.write(prompt);
    return new Promise((resolve) => {
      this.waiting = (l) => {
        if (l !== undefined && !(this.rl as any).terminal) this.output.write(l + '\n');
        else if (l === undefined) this.output.write('\n');
        resolve(l);
      };
    });
  }

  close(): void {
    this.rl.close();
  }
}
