/**
 * The one store of the TUI. Panes read from it and never talk to each other;
 * the agent bridge, the approver and the key handler write to it. Each write
 * bumps the version of the slice it touched and notifies subscribers, which
 * coalesce into one redraw per frame.
 */
import { RingBuffer } from './ring.js';

export type PaneId = 'chat' | 'plan' | 'diff' | 'logs';
export const PANES: PaneId[] = ['chat', 'plan', 'diff', 'logs'];
export type Focus = PaneId | 'input';
export const FOCUS_ORDER: Focus[] = ['input', 'chat', 'plan', 'diff', 'logs'];
export const PANE_TITLES: Record<PaneId, string> = { chat: 'Chat', plan: 'Plan', diff: 'Diff', logs: 'Logs' };

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'refused' | 'skipped';

export interface ChatMessage {
  role: 'user' | 'assistant' | 'note' | 'error';
  text: string;
  /** Still streaming in. */
  streaming?: boolean;
}

export interface PlanStepView {
  id: number;
  title: string;
  tool?: string;
  status: StepStatus;
  note?: string;
}

export interface DiffView {
  /** One line: the tool, effect and summary. */
  title: string;
  /** A unified diff, or content of something new (each line shown as added). */
  diff?: string;
  content?: string;
  files?: Array<{ path: string; bytes: number; status: 'new' | 'changed' | 'unchanged' }>;
  warnings?: string[];
  cost?: string;
  /** Waiting for the person's answer. */
  pending?: boolean;
  /** What became of it: approved, refused, dry run … */
  outcome?: string;
}

export interface HeaderInfo {
  version: string;
  model: string;
  persona: string;
  kubeContext?: string;
  awsProfile?: string;
  dryRun: boolean;
  /** Tokens and cost of this session so far. */
  usage?: string;
}

export interface ButtonsDialog {
  kind: 'buttons';
  title: string;
  /** Text shown above the buttons (may be a diff; coloured by the dialog). */
  body: string;
  bodyIsDiff?: boolean;
  buttons: string[];
  selected: number;
  /** Index answered when the dialog is cancelled (Escape, Ctrl-C). */
  cancelIndex: number;
  scroll: number;
  resolve(index: number): void;
}

export interface TextDialog {
  kind: 'text';
  title: string;
  body: string;
  prompt: string;
  text: string;
  resolve(text: string | undefined): void;
}

export type Dialog = ButtonsDialog | TextDialog;

/** The Terraform questionnaire as a form (see wizard.ts). */
export interface FormView {
  title: string;
  /** "Step N of M: title". */
  stepLine: string;
  prompt: string;
  kind: 'choice' | 'text';
  choices: string[];
  selected: number;
  text: string;
  /** Default shown for text questions. */
  placeholder: string;
  error?: string;
  /** Answers so far, one line each. */
  answered: string[];
}

export type Slice = 'header' | 'chat' | 'plan' | 'diff' | 'logs' | 'input' | 'layout' | 'overlay' | 'status';

export interface State {
  header: HeaderInfo;
  chat: ChatMessage[];
  plan: PlanStepView[];
  diff?: DiffView;
  logs: RingBuffer;
  focus: Focus;
  zoom?: PaneId;
  /** Lines scrolled up from the bottom (0 = follow the end), per pane. */
  scroll: Record<PaneId, number>;
  input: { text: string; cursor: number; history: string[]; historyAt: number };
  busy: boolean;
  /** When the current wait began (spinner, elapsed time). */
  busySince?: number;
  spinner: number;
  help: boolean;
  dialogs: Dialog[];
  form?: FormView;
  /** One line under the panes: hints, "press Ctrl-C again to quit". */
  status: string;
}

export interface StoreOptions {
  header?: Partial<HeaderInfo>;
  logsBuffer?: number;
}

export class Store {
  readonly state: State;
  readonly versions: Record<Slice, number> = { header: 0, chat: 0, plan: 0, diff: 0, logs: 0, input: 0, layout: 0, overlay: 0, status: 0 };
  private listeners: Array<(slice: Slice) => void> = [];

  constructor(opts: StoreOptions = {}) {
    this.state = {
      header: { version: '', model: '(no model)', persona: 'professional', dryRun: false, ...opts.header },
      chat: [],
      plan: [],
      logs: new RingBuffer(opts.logsBuffer ?? 10_000),
      focus: 'input',
      scroll: { chat: 0, plan: 0, diff: 0, logs: 0 },
      input: { text: '', cursor: 0, history: [], historyAt: 0 },
      busy: false,
      spinner: 0,
      help: false,
      dialogs: [],
      status: '',
    };
  }

  subscribe(fn: (slice: Slice) => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  /** Mark SLICE changed and tell subscribers. */
  touch(slice: Slice): void {
    this.versions[slice]++;
    for (const l of this.listeners) l(slice);
  }

  update(slice: Slice, fn: (s: State) => void): void {
    fn(this.state);
    this.touch(slice);
  }

  // ---- header -------------------------------------------------------------
  setHeader(h: Partial<HeaderInfo>): void {
    this.update('header', (s) => Object.assign(s.header, h));
  }

  // ---- chat ---------------------------------------------------------------
  addMessage(role: ChatMessage['role'], text: string): void {
    this.update('chat', (s) => {
      this.endStream(s);
      s.chat.push({ role, text });
    });
  }

  /** Append streamed assistant text (opens a new assistant message when none is streaming). */
  appendAssistant(delta: string): void {
    this.update('chat', (s) => {
      const last = s.chat[s.chat.length - 1];
      if (last && last.role === 'assistant' && last.streaming) last.text += delta;
      else s.chat.push({ role: 'assistant', text: delta, streaming: true });
    });
  }

  endAssistant(): void {
    this.update('chat', (s) => this.endStream(s));
  }

  private endStream(s: State): void {
    const last = s.chat[s.chat.length - 1];
    if (last?.streaming) last.streaming = false;
  }

  // ---- plan ---------------------------------------------------------------
  setPlan(steps: PlanStepView[]): void {
    this.update('plan', (s) => {
      s.plan = steps.map((x) => ({ ...x }));
    });
  }

  setStep(step: PlanStepView): void {
    this.update('plan', (s) => {
      const i = s.plan.findIndex((x) => x.id === step.id);
      if (i >= 0) s.plan[i] = { ...s.plan[i], ...step };
      else {
        s.plan.push({ ...step });
        s.plan.sort((a, b) => a.id - b.id);
      }
    });
  }

  // ---- diff ---------------------------------------------------------------
  setDiff(d: DiffView | undefined): void {
    this.update('diff', (s) => {
      s.diff = d;
      s.scroll.diff = 0;
    });
  }

  // ---- logs ---------------------------------------------------------------
  /** Append log text (may hold many lines). Cheap: the redraw is coalesced. */
  log(text: string): void {
    this.state.logs.pushText(text);
    // When the person scrolled up, keep the same lines in view.
    if (this.state.scroll.logs > 0) {
      const added = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      this.state.scroll.logs = Math.min(this.state.scroll.logs + added, Math.max(0, this.state.logs.length - 1));
    }
    this.touch('logs');
  }

  // ---- busy / status ------------------------------------------------------
  setBusy(busy: boolean): void {
    this.update('status', (s) => {
      s.busy = busy;
      s.busySince = busy ? Date.now() : undefined;
    });
  }

  setStatus(text: string): void {
    this.update('status', (s) => {
      s.status = text;
    });
  }

  tickSpinner(): void {
    this.update('status', (s) => {
      s.spinner = (s.spinner + 1) % 1000;
    });
  }

  // ---- focus, zoom, scroll --------------------------------------------------
  focus(f: Focus): void {
    this.update('layout', (s) => {
      s.focus = f;
      if (s.zoom && f !== 'input' && f !== s.zoom) s.zoom = f;
    });
  }

  focusStep(delta: 1 | -1): void {
    const i = FOCUS_ORDER.indexOf(this.state.focus);
    this.focus(FOCUS_ORDER[(i + delta + FOCUS_ORDER.length) % FOCUS_ORDER.length]!);
  }

  toggleZoom(): void {
    this.update('layout', (s) => {
      const target: PaneId = s.focus === 'input' ? 'chat' : s.focus;
      s.zoom = s.zoom ? undefined : target;
    });
  }

  /** Scroll PANE by DELTA lines (positive: towards older lines). MAX is the most it can scroll. */
  scrollBy(pane: PaneId, delta: number, max: number): void {
    this.update(pane, (s) => {
      s.scroll[pane] = Math.max(0, Math.min(max, s.scroll[pane] + delta));
    });
  }

  scrollTo(pane: PaneId, value: number): void {
    this.update(pane, (s) => {
      s.scroll[pane] = Math.max(0, value);
    });
  }

  // ---- input line -----------------------------------------------------------
  editInput(fn: (i: State['input']) => void): void {
    this.update('input', (s) => fn(s.input));
  }

  /** Take the typed line (for submit): clears the input, remembers it in history. */
  takeInput(): string {
    const text = this.state.input.text;
    this.editInput((i) => {
      if (text.trim() && i.history[i.history.length - 1] !== text) i.history.push(text);
      i.text = '';
      i.cursor = 0;
      i.historyAt = i.history.length;
    });
    return text;
  }

  // ---- overlays ---------------------------------------------------------------
  toggleHelp(): void {
    this.update('overlay', (s) => {
      s.help = !s.help;
    });
  }

  get dialog(): Dialog | undefined {
    return this.state.dialogs[0];
  }

  /** Queue a dialog; it shows when the ones before it are answered. */
  openDialog(d: Dialog): void {
    this.update('overlay', (s) => {
      s.dialogs.push(d);
    });
  }

  closeDialog(d: Dialog): void {
    this.update('overlay', (s) => {
      s.dialogs = s.dialogs.filter((x) => x !== d);
    });
  }

  setForm(f: FormView | undefined): void {
    this.update('overlay', (s) => {
      s.form = f;
    });
  }
}
