/** The Chat pane: the conversation, streamed answers, a spinner while waiting. */
import type { Screen } from '../blessed.js';
import type { Store, Slice } from '../store.js';
import type { Theme } from '../theme.js';
import { Pane } from './pane.js';
import { wrap } from '../text.js';

export const SPINNERS: Record<string, string[]> = {
  line: ['|', '/', '-', '\\'],
  dots: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  dot: ['.  ', '.. ', '...', ' ..', '  .', '   '],
};

const LABEL = { user: 'You', assistant: 'Nimbus', note: 'Note', error: 'Error' } as const;

export class ChatPane extends Pane {
  readonly slices: Slice[] = ['chat', 'status', 'layout', 'overlay'];
  private frames: string[];
  private cache?: { version: number; width: number; lines: string[] };

  constructor(screen: Screen, store: Store, theme: Theme, spinner = 'line') {
    super('chat', screen, store, theme);
    this.frames = SPINNERS[spinner] ?? SPINNERS.line!;
  }

  private messageLines(width: number): string[] {
    const v = this.store.versions.chat;
    if (this.cache && this.cache.version === v && this.cache.width === width) return this.cache.lines;
    const th = this.theme;
    const out: string[] = [];
    const pad = 8;
    for (const m of this.store.state.chat) {
      const label = LABEL[m.role];
      const role = m.role === 'user' ? 'user' : m.role === 'error' ? 'error' : m.role === 'note' ? 'note' : 'title';
      const body = wrap(m.text, Math.max(10, width - pad));
      body.forEach((l, i) => {
        const head = i === 0 ? th.paint(role, (label + ':').padEnd(pad)) : ' '.repeat(pad);
        out.push(head + th.paint(m.role === 'assistant' ? 'assistant' : m.role === 'user' ? 'user' : role === 'title' ? 'assistant' : role, l));
      });
      out.push('');
    }
    this.cache = { version: v, width, lines: out };
    return out;
  }

  protected lines(width: number): string[] {
    const s = this.store.state;
    const lines = this.messageLines(width);
    const last = s.chat[s.chat.length - 1];
    if (s.busy && !(last?.role === 'assistant' && last.streaming)) {
      const secs = s.busySince ? Math.floor((Date.now() - s.busySince) / 1000) : 0;
      if (s.dialogs.length || s.form) return [...lines, this.theme.paint('warn', 'Waiting for your answer in the dialog.')];
      return [...lines, this.theme.paint('dim', `${this.frames[s.spinner % this.frames.length]} thinking... ${secs}s  (Ctrl-C cancels)`)];
    }
    if (!s.chat.length) {
      return [
        this.theme.paint('dim', 'Ask Nimbus about your infrastructure: type a question below and press Enter.'),
        this.theme.paint('dim', 'Changes are shown in the Diff pane and run only when you approve them.'),
        this.theme.paint('dim', '/terraform opens the Terraform questionnaire; ? or F1 lists the keys.'),
      ];
    }
    return lines;
  }
}
