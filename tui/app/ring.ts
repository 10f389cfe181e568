/**
 * A fixed-size ring of lines: the logs pane keeps the last CAPACITY lines and
 * forgets older ones, so memory stays flat however much a tool prints.
 */
export class RingBuffer {
  private buf: string[];
  private start = 0;
  private count = 0;
  /** Lines ever pushed (including those since dropped). */
  total = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    this.buf = new Array<string>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Lines that fell off the front. */
  get dropped(): number {
    return this.total - this.count;
  }

  push(line: string): void {
    const end = (this.start + this.count) % this.capacity;
    this.buf[end] = line;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.total++;
  }

  /** Push TEXT split on newlines (a trailing newline adds no empty line). */
  pushText(text: string): void {
    const lines = text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    for (const l of lines) this.push(l);
  }

  /** The Ith line kept (0 = oldest). */
  at(i: number): string | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.buf[(this.start + i) % this.capacity];
  }

  /** Lines [from, to) of those kept, oldest first. */
  slice(from = 0, to = this.count): string[] {
    const a = Math.max(0, from);
    const b = Math.min(this.count, to);
    const out: string[] = [];
    for (let i = a; i < b; i++) out.push(this.buf[(this.start + i) % this.capacity]!);
    return out;
  }

  clear(): void {
    this.buf = new Array<string>(this.capacity);
    this.start = 0;
    this.count = 0;
  }
}
