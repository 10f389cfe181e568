/**
 * The full-screen app: layout, the render loop, and key handling. Everything
 * it shows comes from the store; every key resolves (tui/keymap.json) to an
 * action name handled in one switch.
 */
import { blessed, type Element, type Screen } from './blessed.js';
import { Store, PANES, PANE_TITLES, type PaneId, type Slice, type Dialog } from './store.js';
import type { Theme } from './theme.js';
import { resolveKey, helpRows, type Keymap, type KeyContext, type Action, type KeyEvent } from './keymap.js';
import { Pane } from './panes/pane.js';
import { ChatPane } from './panes/chat.js';
import { PlanPane } from './panes/plan.js';
import { DiffPane } from './panes/diff.js';
import { LogsPane } from './panes/logs.js';
import { diffLines } from './panes/diff.js';
import { cancelAllDialogs } from './dialogs.js';
import { truncate, wrap, displayWidth } from './text.js';

export interface AppOptions {
  screen: Screen;
  store: Store;
  theme: Theme;
  keymap: Keymap;
  spinner?: string;
  /** The person sent a line from the input. */
  onSubmit?(text: string): void;
  /** Ctrl-C while something runs: cancel it. Returns true if something was cancelled. */
  onCancel?(): boolean;
  /** The app is closing (q, Ctrl-C twice). */
  onQuit?(): void;
  /** Form keys (the Terraform questionnaire), when a form is open. */
  onFormAction?(action: Action, ch?: string): void;
  /** Shortest time between two redraws, in ms (frames are coalesced). */
  frameMs?: number;
}

const DOUBLE_CTRL_C_MS = 2000;

export class App {
  readonly screen: Screen;
  readonly store: Store;
  readonly theme: Theme;
  readonly keymap: Keymap;
  readonly panes: Record<PaneId, Pane>;
  private header: Element;
  private status: Element;
  private input: Element;
  private overlay: Element;
  private dirty = new Set<Slice>();
  private timer?: NodeJS.Timeout;
  private spinTimer?: NodeJS.Timeout;
  private lastFrame = 0;
  private frameMs: number;
  private lastCtrlC = 0;
  private closed = false;
  /** Redraws done (tests and the bench read it). */
  frames = 0;
  /** Called after each redraw (the bench times key → redraw with it). */
  onFrame?: () => void;

  constructor(private opts: AppOptions) {
    this.screen = opts.screen;
    this.store = opts.store;
    this.theme = opts.theme;
    this.keymap = opts.keymap;
    this.frameMs = opts.frameMs ?? 16;
    const b = blessed();
    const th = this.theme;
    this.header = b.box({ parent: this.screen, top: 0, left: 0, height: 1, tags: true, style: th.header() });
    this.panes = {
      chat: new ChatPane(this.screen, this.store, th, opts.spinner),
      plan: new PlanPane('plan', this.screen, this.store, th),
      diff: new DiffPane('diff', this.screen, this.store, th),
      logs: new LogsPane('logs', this.screen, this.store, th),
    };
    this.status = b.box({ parent: this.screen, left: 0, height: 1, tags: true });
    this.input = b.box({ parent: this.screen, left: 0, height: 3, border: { type: 'line' }, tags: true, label: ' Ask Nimbus ', style: th.border(true) });
    this.overlay = b.box({ parent: this.screen, border: { type: 'line' }, tags: true, hidden: true, style: th.dialog(false) });
    this.layout();
    this.screen.on('resize', () => {
      this.layout();
      this.renderNow();
    });
    this.screen.on('keypress', (ch: string | undefined, key: KeyEvent | undefined) => this.onKey(ch, key));
    this.store.subscribe((slice) => this.invalidate(slice));
    this.renderNow();
  }

  // ---- layout -----------------------------------------------------------------

  /** Place the panes for the current size and zoom. */
  layout(): void {
    const W = Math.max(20, this.screen.width as number);
    const H = Math.max(10, this.screen.height as number);
    this.header.width = W;
    const areaTop = 1;
    const areaH = Math.max(4, H - 5);
    this.status.top = areaTop + areaH;
    this.status.width = W;
    this.input.top = H - 3;
    this.input.width = W;
    const zoom = this.store.state.zoom;
    const place = (p: Pane, top: number, left: number, width: number, height: number) => {
      p.el.top = top;
      p.el.left = left;
      p.el.width = Math.max(4, width);
      p.el.height = Math.max(3, height);
      p.el.show();
    };
    if (zoom) {
      for (const id of PANES) {
        if (id === zoom) place(this.panes[id], areaTop, 0, W, areaH);
        else this.panes[id].el.hide();
      }
    } else {
      const topH = Math.round(areaH * 0.6);
      const leftW = Math.round(W * 0.55);
      place(this.panes.chat, areaTop, 0, leftW, topH);
      place(this.panes.plan, areaTop, leftW, W - leftW, topH);
      place(this.panes.diff, areaTop + topH, 0, leftW, areaH - topH);
      place(this.panes.logs, areaTop + topH, leftW, W - leftW, areaH - topH);
    }
    this.dirty.add('layout');
  }

  // ---- rendering --------------------------------------------------------------

  private invalidate(slice: Slice): void {
    if (this.closed) return;
    this.dirty.add(slice);
    if (slice === 'status') this.syncSpinner();
    if (this.timer) return;
    const wait = Math.max(0, this.lastFrame + this.frameMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.renderNow();
    }, wait);
  }

  private syncSpinner(): void {
    const busy = this.store.state.busy;
    if (busy && !this.spinTimer) {
      this.spinTimer = setInterval(() => this.store.tickSpinner(), 150);
      this.spinTimer.unref?.();
    } else if (!busy && this.spinTimer) {
      clearInterval(this.spinTimer);
      this.spinTimer = undefined;
    }
  }

  /** Draw what changed since the last frame. */
  renderNow(): void {
    if (this.closed) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const d = this.dirty;
    const all = d.has('layout');
    if (all || d.has('header')) this.renderHeader();
    for (const id of PANES) {
      const p = this.panes[id];
      if (all || p.slices.some((s) => d.has(s))) p.render();
    }
    if (all || d.has('status') || d.has('input')) {
      this.renderStatus();
      this.renderInput();
    }
    if (all || d.has('overlay') || d.has('status') || (this.store.state.form && d.has('input'))) this.renderOverlay();
    this.dirty = new Set();
    this.screen.render();
    this.lastFrame = Date.now();
    this.frames++;
    this.onFrame?.();
  }

  private renderHeader(): void {
    const h = this.store.state.header;
    const th = this.theme;
    const parts = [`Nimbus v${h.version}`, `model: ${h.model}`, `persona: ${h.persona}`];
    parts.push(`kube: ${h.kubeContext ?? '-'}`);
    parts.push(`aws: ${h.awsProfile ?? '-'}`);
    if (h.usage) parts.push(h.usage);
    const W = this.screen.width as number;
    const badge = h.dryRun ? ' [DRY RUN] ' : '';
    const text = truncate(' ' + parts.join(' | '), Math.max(0, W - badge.length));
    this.header.setContent(th.esc(text) + (badge ? ' '.repeat(Math.max(1, W - displayWidth(text) - badge.length)) + th.paint('badge', badge) : ''));
  }

  private renderStatus(): void {
    const s = this.store.state;
    const th = this.theme;
    const hint = s.status || (s.focus === 'input' ? 'Enter: send  Tab: next pane  Esc: panes  ?/F1: help  Ctrl-C: cancel (twice: quit)' : 'Tab: next pane  z: zoom  arrows/PgUp/PgDn: scroll  i: input  ?: help  q: quit');
    this.status.setContent(th.paint('dim', truncate(' ' + hint, this.screen.width as number)));
  }

  private renderInput(): void {
    const s = this.store.state;
    const th = this.theme;
    const focused = s.focus === 'input' && !s.dialogs.length && !s.form && !s.help;
    this.input.setLabel(s.busy ? ' Ask Nimbus (working... Ctrl-C cancels) ' : focused ? ' [Ask Nimbus] ' : ' Ask Nimbus ');
    if (th.color) this.input.style.border = th.border(focused).border;
    const width = Math.max(4, (this.input.width as number) - 4);
    const { text, cursor } = s.input;
    // Keep the cursor in view: scroll the line horizontally.
    const start = Math.max(0, cursor - width + 1);
    const shown = text.slice(start, start + width);
    const at = cursor - start;
    const before = shown.slice(0, at);
    const under = shown[at] ?? ' ';
    const after = shown.slice(at + 1);
    this.input.setContent('> ' + th.esc(before) + (focused ? `{inverse}${th.esc(under)}{/inverse}` : th.esc(under)) + th.esc(after));
  }

  private renderOverlay(): void {
    const s = this.store.state;
    const dialog = s.dialogs[0];
    if (dialog) return this.drawDialog(dialog);
    if (s.form) return this.drawForm();
    if (s.help) return this.drawHelp();
    this.overlay.hide();
  }

  private showOverlay(label: string, lines: string[], danger: boolean, wantWidth: number): void {
    const W = this.screen.width as number;
    const H = this.screen.height as number;
    const width = Math.min(W - 2, Math.max(40, wantWidth + 4, displayWidth(label) + 8));
    const height = Math.min(H - 2, lines.length + 2);
    this.overlay.width = width;
    this.overlay.height = height;
    this.overlay.left = Math.max(0, Math.floor((W - width) / 2));
    this.overlay.top = Math.max(0, Math.floor((H - height) / 2));
    if (this.theme.color) this.overlay.style.border = this.theme.dialog(danger).border;
    this.overlay.setLabel(` ${label} `);
    this.overlay.setContent(lines.join('\n'));
    this.overlay.show();
    this.overlay.setFront();
  }

  private overlayWidth(): number {
    return Math.min((this.screen.width as number) - 6, 110);
  }

  private drawDialog(d: Dialog): void {
    const th = this.theme;
    const width = this.overlayWidth();
    const H = this.screen.height as number;
    const lines: string[] = [];
    const bodyLines = d.kind === 'buttons' && d.bodyIsDiff ? diffLinesOf(d.body, th, width) : wrap(d.body, width).map((l) => th.esc(l));
    const footer: string[] = [];
    if (d.kind === 'buttons') {
      const btns = d.buttons.map((b, i) => (i === d.selected ? `{inverse}[ ${th.esc(b)} ]{/inverse}` : `[ ${th.esc(b)} ]`)).join('  ');
      footer.push('', ' ' + btns, th.paint('dim', ' Left/Right choose, Enter presses, Esc cancels'));
    } else {
      footer.push('', ...wrap(d.prompt, width).map((l) => th.paint('warn', l)), '> ' + th.esc(d.text) + '{inverse} {/inverse}', th.paint('dim', ' Enter submits, Esc cancels (nothing is changed)'));
    }
    const room = Math.max(1, H - 4 - footer.length);
    let body = bodyLines;
    if (bodyLines.length > room) {
      const top = d.kind === 'buttons' ? Math.min(d.scroll, bodyLines.length - room + 1) : 0;
      body = [...bodyLines.slice(top, top + room - 1), th.paint('dim', `(${bodyLines.length - room + 1} more lines: Up/Down scroll; the Diff pane shows all)`)];
    }
    lines.push(...body, ...footer);
    const danger = d.kind === 'text' || /delete/i.test(d.title);
    this.showOverlay(d.title, lines, danger, Math.max(...[...bodyLines, ...footer].map((l) => displayWidth(stripTags(l)))));
  }

  private drawForm(): void {
    const f = this.store.state.form!;
    const th = this.theme;
    const width = this.overlayWidth();
    const lines: string[] = ['', ' ' + th.paint('title', f.stepLine), ''];
    for (const l of wrap(f.prompt, width - 2)) lines.push(' ' + th.esc(l));
    lines.push('');
    if (f.kind === 'choice') {
      f.choices.forEach((c, i) => lines.push(i === f.selected ? ' ' + th.paint('selected', `> ${c}`) : `   ${th.esc(c)}`));
    } else {
      lines.push(' > ' + th.esc(f.text) + '{inverse} {/inverse}' + (f.text ? '' : th.paint('dim', `  [${f.placeholder}]`)));
    }
    if (f.error) lines.push('', ' ' + th.paint('error', f.error));
    if (f.answered.length) {
      lines.push('', ' ' + th.paint('dim', 'So far:'));
      for (const a of f.answered.slice(-8)) lines.push('   ' + th.paint('dim', truncate(a, width - 4)));
    }
    lines.push('', th.paint('dim', f.kind === 'choice' ? ' Up/Down choose, Enter next, Esc back' : ' Enter accepts (empty: the default), Esc back'));
    this.showOverlay(f.title, lines, false, width);
  }

  private drawHelp(): void {
    const th = this.theme;
    const names: Record<KeyContext, string> = { global: 'Anywhere', input: 'Input line', pane: 'Panes', dialog: 'Approval dialogs', 'dialog-text': 'Type-the-name dialog', form: 'Questionnaire', help: 'This help' };
    // Plain cells first (so they can be cut to a column), painted at the end.
    const cells: Array<{ head?: string; keys?: string; desc?: string }> = [];
    let ctx: KeyContext | undefined;
    for (const r of helpRows(this.keymap)) {
      if (r.context !== ctx) {
        ctx = r.context;
        cells.push({ head: names[ctx] });
      }
      cells.push({ keys: r.keys.join(', '), desc: r.description });
    }
    const footer = 'Keys come from tui/keymap.json; NIMBUS_HOME/keymap.json overrides them. ? or Esc closes.';
    const H = this.screen.height as number;
    const width = Math.max(20, (this.screen.width as number) - 6);
    const room = Math.max(4, H - 5);
    const cols = Math.max(1, Math.ceil(cells.length / room));
    const rows = Math.ceil(cells.length / cols);
    const colW = Math.floor(width / cols);
    const keyW = Math.min(16, Math.max(8, Math.floor(colW / 3)));
    const paintCell = (c: (typeof cells)[number] | undefined): string => {
      if (!c) return ' '.repeat(colW);
      if (c.head) return th.paint('title', truncate(c.head, colW - 1)) + ' '.repeat(Math.max(0, colW - displayWidth(truncate(c.head, colW - 1))));
      const k = truncate(c.keys!, keyW).padEnd(keyW);
      const d = truncate(c.desc!, Math.max(1, colW - keyW - 3));
      return ' ' + th.paint('user', k) + ' ' + th.esc(d) + ' '.repeat(Math.max(0, colW - keyW - 2 - displayWidth(d)));
    };
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < cols; c++) line += paintCell(cells[c * rows + r]);
      lines.push(line.replace(/\s+$/, ''));
    }
    lines.push('', th.paint('dim', truncate(footer, width)));
    this.showOverlay('Keys', lines, false, cols > 1 ? width : Math.max(70, displayWidth(footer)));
  }

  // ---- keys -------------------------------------------------------------------

  /** The key context right now: a dialog, the help, a form, the input line or a pane. */
  context(): KeyContext {
    const s = this.store.state;
    const d = s.dialogs[0];
    if (d) return d.kind === 'text' ? 'dialog-text' : 'dialog';
    if (s.form) return 'form';
    if (s.help) return 'help';
    return s.focus === 'input' ? 'input' : 'pane';
  }

  onKey(ch: string | undefined, key: KeyEvent | undefined): void {
    if (this.closed) return;
    const r = resolveKey(this.keymap, this.context(), ch, key);
    if (r) this.dispatch(r.action, r.ch);
  }

  /** Do ACTION (what a key resolved to). */
  dispatch(action: Action, ch?: string): void {
    const s = this.store.state;
    const st = this.store;
    const dialog = s.dialogs[0];
    if (action !== 'cancel') this.lastCtrlC = 0;
    if (s.status && action !== 'cancel') st.setStatus('');
    switch (action) {
      case 'focus.next':
        return st.focusStep(1);
      case 'focus.prev':
        return st.focusStep(-1);
      case 'focus.chat':
      case 'focus.plan':
      case 'focus.diff':
      case 'focus.logs':
        return st.focus(action.slice(6) as PaneId);
      case 'focus.input':
        return st.focus('input');
      case 'focus.panes':
        return st.focus('chat');
      case 'help.toggle':
        return st.toggleHelp();
      case 'screen.redraw':
        this.screen.realloc?.();
        this.dirty.add('layout');
        return this.renderNow();
      case 'quit':
        return this.quit();
      case 'cancel':
        return this.cancel();
      case 'zoom.toggle':
        st.toggleZoom();
        this.layout();
        return;
      case 'scroll.up':
      case 'scroll.down':
      case 'scroll.pageUp':
      case 'scroll.pageDown':
      case 'scroll.top':
      case 'scroll.bottom':
        return this.scroll(action);
      case 'input.submit': {
        const text = st.takeInput();
        if (text.trim()) this.opts.onSubmit?.(text.trim());
        return;
      }
      case 'input.insert':
      case 'input.backspace':
      case 'input.delete':
      case 'input.left':
      case 'input.right':
      case 'input.home':
      case 'input.end':
      case 'input.clear':
      case 'input.deleteWord':
      case 'input.historyPrev':
      case 'input.historyNext':
        if (dialog?.kind === 'text') return this.editDialogText(dialog, action, ch);
        if (s.form) return this.opts.onFormAction?.(action, ch);
        return this.editInput(action, ch);
      case 'dialog.prev':
      case 'dialog.next':
      case 'dialog.yes':
      case 'dialog.no':
      case 'dialog.submit':
      case 'dialog.cancel':
      case 'dialog.scrollUp':
      case 'dialog.scrollDown':
        if (dialog) return this.dialogAction(dialog, action);
        return;
      case 'form.prev':
      case 'form.next':
      case 'form.submit':
      case 'form.back':
        return this.opts.onFormAction?.(action, ch);
    }
  }

  private cancel(): void {
    const st = this.store;
    const now = Date.now();
    const second = this.lastCtrlC && now - this.lastCtrlC < DOUBLE_CTRL_C_MS;
    this.lastCtrlC = now;
    if (second) return this.quit();
    const dialog = st.state.dialogs[0];
    if (dialog) {
      if (dialog.kind === 'buttons') dialog.resolve(dialog.cancelIndex);
      else dialog.resolve(undefined);
    }
    if (st.state.form) this.opts.onFormAction?.('form.back', '\u0003');
    const cancelled = this.opts.onCancel?.() ?? false;
    st.setStatus(cancelled || dialog ? 'Cancelled the running step. Press Ctrl-C again to quit.' : 'Press Ctrl-C again to quit.');
  }

  private scroll(action: Action): void {
    const s = this.store.state;
    const id: PaneId = s.focus === 'input' ? 'chat' : s.focus;
    const pane = this.panes[id];
    const page = Math.max(1, pane.inner().height - 1);
    const max = pane.maxScroll();
    // The Diff pane reads from the top; the others follow their end.
    const sign = id === 'diff' ? -1 : 1;
    switch (action) {
      case 'scroll.up':
        return this.store.scrollBy(id, sign, max);
      case 'scroll.down':
        return this.store.scrollBy(id, -sign, max);
      case 'scroll.pageUp':
        return this.store.scrollBy(id, sign * page, max);
      case 'scroll.pageDown':
        return this.store.scrollBy(id, -sign * page, max);
      case 'scroll.top':
        return this.store.scrollTo(id, id === 'diff' ? 0 : max);
      case 'scroll.bottom':
        return this.store.scrollTo(id, id === 'diff' ? max : 0);
    }
  }

  private editInput(action: Action, ch?: string): void {
    this.store.editInput((i) => editLine(i, action, ch));
  }

  private editDialogText(d: Extract<Dialog, { kind: 'text' }>, action: Action, ch?: string): void {
    const line = { text: d.text, cursor: d.text.length, history: [], historyAt: 0 };
    editLine(line, action, ch);
    d.text = line.text;
    this.store.touch('overlay');
  }

  private dialogAction(d: Dialog, action: Action): void {
    if (d.kind === 'text') {
      if (action === 'dialog.submit') return d.resolve(d.text);
      if (action === 'dialog.cancel') return d.resolve(undefined);
      return;
    }
    const n = d.buttons.length;
    switch (action) {
      case 'dialog.prev':
        d.selected = (d.selected - 1 + n) % n;
        break;
      case 'dialog.next':
        d.selected = (d.selected + 1) % n;
        break;
      case 'dialog.yes':
        if (n === 2 && d.cancelIndex === 1) return d.resolve(0);
        return;
      case 'dialog.no':
        return d.resolve(d.cancelIndex);
      case 'dialog.submit':
        return d.resolve(d.selected);
      case 'dialog.cancel':
        return d.resolve(d.cancelIndex);
      case 'dialog.scrollUp':
        d.scroll = Math.max(0, d.scroll - 1);
        break;
      case 'dialog.scrollDown':
        d.scroll = d.scroll + 1;
        break;
    }
    this.store.touch('overlay');
  }

  // ---- life cycle ---------------------------------------------------------------

  /** Leave: answer open dialogs with "no", stop timers, restore the terminal. */
  quit(): void {
    if (this.closed) return;
    cancelAllDialogs(this.store);
    this.opts.onCancel?.();
    this.destroy();
    this.opts.onQuit?.();
  }

  /** Restore the terminal (idempotent). */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.spinTimer) clearInterval(this.spinTimer);
    this.screen.destroy();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/** Apply a line-editing ACTION to LINE. */
export function editLine(i: { text: string; cursor: number; history: string[]; historyAt: number }, action: Action, ch?: string): void {
  const t = i.text;
  const c = Math.min(i.cursor, t.length);
  switch (action) {
    case 'input.insert':
      if (ch) {
        i.text = t.slice(0, c) + ch + t.slice(c);
        i.cursor = c + ch.length;
      }
      break;
    case 'input.backspace':
      if (c > 0) {
        i.text = t.slice(0, c - 1) + t.slice(c);
        i.cursor = c - 1;
      }
      break;
    case 'input.delete':
      i.text = t.slice(0, c) + t.slice(c + 1);
      break;
    case 'input.left':
      i.cursor = Math.max(0, c - 1);
      break;
    case 'input.right':
      i.cursor = Math.min(t.length, c + 1);
      break;
    case 'input.home':
      i.cursor = 0;
      break;
    case 'input.end':
      i.cursor = t.length;
      break;
    case 'input.clear':
      i.text = '';
      i.cursor = 0;
      break;
    case 'input.deleteWord': {
      const before = t.slice(0, c).replace(/\S+\s*$/, '');
      i.text = before + t.slice(c);
      i.cursor = before.length;
      break;
    }
    case 'input.historyPrev':
      if (i.historyAt > 0) {
        i.historyAt--;
        i.text = i.history[i.historyAt] ?? '';
        i.cursor = i.text.length;
      }
      break;
    case 'input.historyNext':
      if (i.historyAt < i.history.length) {
        i.historyAt++;
        i.text = i.history[i.historyAt] ?? '';
        i.cursor = i.text.length;
      }
      break;
  }
}

function stripTags(s: string): string {
  return s.replace(/\{\/?[a-z-]+\}/g, '').replace(/\{open\}/g, '{').replace(/\{close\}/g, '}');
}

function diffLinesOf(body: string, theme: Theme, width: number): string[] {
  return diffLines({ title: '', diff: body }, theme, width).slice(1);
}

export { PANE_TITLES };
