/**
 * The Logs pane: tool output and Nimbus's own log, from the ring buffer. Only
 * the visible window is read on each redraw, so the cost of a frame does not
 * depend on how many lines arrived since the last one.
 */
import type { Slice } from '../store.js';
import { Pane } from './pane.js';
import { truncate, sanitize } from '../text.js';

export class LogsPane extends Pane {
  readonly slices: Slice[] = ['logs', 'layout'];

  override maxScroll(): number {
    return Math.max(0, this.store.state.logs.length - this.inner().height);
  }

  protected lines(): string[] {
    return [];
  }

  protected override title(): string {
    const s = this.store.state;
    const dropped = s.logs.dropped;
    const parts = [`Logs${s.scroll.logs > 0 ? ` (scrolled ${s.scroll.logs} up)` : ''}`];
    if (s.logs.total) parts.push(`${s.logs.total} lines${dropped ? `, ${dropped} dropped` : ''}`);
    return parts.join(' - ');
  }

  protected override visible(): string[] {
    const { width, height } = this.inner();
    const logs = this.store.state.logs;
    if (!logs.length) return [this.theme.paint('dim', 'Tool output and Nimbus log lines show here.')];
    const scroll = Math.min(this.store.state.scroll.logs, Math.max(0, logs.length - height));
    const end = logs.length - scroll;
    return logs.slice(Math.max(0, end - height), end).map((l) => {
      const t = truncate(sanitize(l), width);
      return /\b(error|failed|refused)\b/i.test(t) ? this.theme.paint('error', t) : this.theme.esc(t);
    });
  }
}
