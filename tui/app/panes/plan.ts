/** The Plan pane: the agent's steps and their status. */
import type { Slice } from '../store.js';
import type { Role } from '../theme.js';
import { Pane } from './pane.js';
import { wrap } from '../text.js';

const MARK: Record<string, string> = { pending: '[ ]', running: '[>]', done: '[x]', failed: '[!]', refused: '[-]', skipped: '[~]' };

export class PlanPane extends Pane {
  readonly slices: Slice[] = ['plan', 'layout'];

  protected lines(width: number): string[] {
    const steps = this.store.state.plan;
    if (!steps.length) return [this.theme.paint('dim', 'No plan yet: the agent lists its steps here.')];
    const out: string[] = [];
    for (const st of steps) {
      const role = st.status as Role;
      const head = `${MARK[st.status] ?? '[?]'} ${st.id}. `;
      const tail = ` ${st.status}${st.tool ? ` (${st.tool})` : ''}`;
      const body = wrap(st.title + tail, Math.max(10, width - head.length));
      body.forEach((l, i) => out.push((i === 0 ? this.theme.paint(role, head) : ' '.repeat(head.length)) + this.theme.esc(l)));
      if (st.note) for (const l of wrap(st.note, Math.max(10, width - head.length))) out.push(' '.repeat(head.length) + this.theme.paint(role === 'done' ? 'dim' : role, l));
    }
    return out;
  }
}
