/**
 * neo-blessed, loaded once (it is CommonJS and ships no types), and screens on
 * a real terminal or on fake streams (tests, the bench).
 */
import { createRequire } from 'node:module';
import { PassThrough, Writable } from 'node:stream';

const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Blessed = any;
export type Screen = any;
export type Element = any;

let cached: Blessed | undefined;
export function blessed(): Blessed {
  cached ??= require('neo-blessed');
  return cached;
}

export interface ScreenOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  terminal?: string;
  title?: string;
}

export function createScreen(opts: ScreenOptions = {}): Screen {
  const b = blessed();
  return b.screen({
    input: opts.input ?? process.stdin,
    output: opts.output ?? process.stdout,
    terminal: opts.terminal ?? (process.env.TERM && process.env.TERM !== 'dumb' ? process.env.TERM : 'xterm-256color'),
    smartCSR: true,
    fullUnicode: true,
    autoPadding: true,
    warnings: false,
    sendFocus: false,
    // The app binds every key itself (Ctrl-C cancels first, quits on the second press).
    ignoreLocked: [],
    title: opts.title ?? 'Nimbus',
    dockBorders: false,
  });
}

/** A terminal that is not there: fake input and output streams of a given size. */
export interface Headless {
  screen: Screen;
  input: PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void; isRaw: boolean };
  output: Writable & { columns: number; rows: number; isTTY: boolean };
  /** Everything written to the fake terminal so far (blessed's output buffer is flushed first). */
  written(): string;
  /** Send keys as a terminal would (raw bytes: "\r" Enter, "\t" Tab, "\x03" Ctrl-C). */
  type(text: string): void;
  resize(columns: number, rows: number): void;
  destroy(): void;
}

export function headlessScreen(columns = 160, rows = 48, opts: { keep?: boolean } = {}): Headless {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(mode: boolean) {
      (input as any).isRaw = mode;
    },
  });
  let out = '';
  const keep = opts.keep !== false;
  const output = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        if (keep) out += chunk.toString();
        cb();
      },
    }),
    { columns, rows, isTTY: true },
  );
  const screen = createScreen({ input, output, terminal: 'xterm-256color' });
  return {
    screen,
    input: input as any,
    output: output as any,
    written: () => {
      screen.program.flush();
      return out;
    },
    type: (text) => input.write(text),
    resize(c, r) {
      output.columns = c;
      output.rows = r;
      output.emit('resize');
    },
    destroy() {
      screen.destroy();
    },
  };
}

/** The characters on SCREEN (what the last render drew), one string per row, right-trimmed. */
export function screenText(screen: Screen): string[] {
  const rows: string[] = [];
  for (const line of screen.lines as Array<Array<[number, string]>>) {
    let s = '';
    for (const cell of line) s += cell[1] ?? ' ';
    rows.push(s.replace(/\s+$/, ''));
  }
  return rows;
}
