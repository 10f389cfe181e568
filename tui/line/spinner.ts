/** A one-line spinner on a terminal stream (stderr); silent when the stream is not a terminal. */
const FRAMES: Record<string, string[]> = {
  dots: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  line: ['-', '\\', '|', '/'],
  arc: ['◜', '◠', '◝', '◞', '◡', '◟'],
};

export class Spinner {
  private timer?: NodeJS.Timeout;
  private frame = 0;
  private text = '';
  readonly enabled: boolean;
  private frames: string[];

  constructor(
    private stream: NodeJS.WritableStream,
    opts: { enabled?: boolean; style?: string } = {},
  ) {
    this.enabled = opts.enabled ?? Boolean((stream as any).isTTY);
    this.frames = FRAMES[opts.style ?? 'dots'] ?? FRAMES.dots!;
  }

  get spinning(): boolean {
    return this.timer !== undefined;
  }

  start(text: string): void {
    this.text = text;
    if (!this.enabled || this.timer) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 80);
    this.timer.unref?.();
  }

  update(text: string): void {
    this.text = text;
  }

  /** Clear the spinner line (before anything else is written). */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\x1b[K');
  }

  private draw(): void {
    this.frame = (this.frame + 1) % this.frames.length;
    this.stream.write(`\r\x1b[K${this.frames[this.frame]} ${this.text}`);
  }
}
