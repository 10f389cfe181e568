/** The Diff pane: the change awaiting approval, as a coloured unified diff. */
import type { Slice } from '../store.js';
import { Pane } from './pane.js';
import { truncate, sanitize, wrap } from '../text.js';
import type { Theme } from '../theme.js';
import type { DiffView } from '../store.js';

/** Painted lines of a diff view (shared with the approval dialogs). */
export function diffLines(d: DiffView, theme: Theme, width: number): string[] {
  const out: string[] = [];
  for (const l of wrap(d.title, width)) out.push(theme.paint('title', l));
  if (d.pending) out.push(theme.paint('warn', 'awaiting your answer'));
  else if (d.outcome) out.push(theme.paint(/refused|not approved/.test(d.outcome) ? 'refused' : 'dim', d.outcome));
  for (const w of d.warnings ?? []) for (const l of wrap(`! ${w}`, width)) out.push(theme.paint('error', l));
  if (d.cost) out.push(theme.paint('warn', truncate(`cost: ${d.cost}`, width)));
  for (const f of d.files ?? []) out.push(theme.esc(truncate(`${f.status === 'new' ? '+' : f.status === 'changed' ? '~' : '='} ${f.path} (${f.bytes} bytes${f.status === 'unchanged' ? ', unchanged' : ''})`, width)));
  if (d.diff) {
    for (const raw of d.diff.replace(/\n$/, '').split('\n')) {
      const l = truncate(sanitize(raw), width);
      const role = raw.startsWith('+++') || raw.startsWith('---') ? 'file' : raw.startsWith('+') ? 'add' : raw.startsWith('-') ? 'del' : raw.startsWith('@@') ? 'hunk' : undefined;
      out.push(role ? theme.paint(role, l) : theme.esc(l));
    }
  } else if (d.content !== undefined) {
    for (const raw of d.content.replace(/\n$/, '').split('\n')) out.push(theme.paint('add', truncate('+ ' + sanitize(raw), width)));
  }
  return out;
}

export class DiffPane extends Pane {
  readonly slices: Slice[] = ['diff', 'layout'];
  private cache?: { version: number; width: number; lines: string[] };

  protected lines(width: number): string[] {
    const d = this.store.state.diff;
    if (!d) return [this.theme.paint('dim', 'No change pending. A change the agent proposes shows here before it runs.')];
    const v = this.store.versions.diff;
    if (this.cache && this.cache.version === v && this.cache.width === width) return this.cache.lines;
    const lines = diffLines(d, this.theme, width);
    this.cache = { version: v, width, lines };
    return lines;
  }

  /** The diff reads top-down: scroll counts from the top here. */
  protected override visible(): string[] {
    const { width, height } = this.inner();
    const all = this.lines(width);
    const top = Math.min(this.store.state.scroll.diff, Math.max(0, all.length - height));
    return all.slice(top, top + height);
  }

  protected override title(): string {
    const { width, height } = this.inner();
    const n = this.lines(width).length;
    return n > height ? `Diff (${Math.min(n, this.store.state.scroll.diff + height)}/${n})` : 'Diff';
  }
}
