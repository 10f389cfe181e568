/**
 * A questionnaire as a step-by-step form: "Step N of M", arrow keys to
 * choose, typed answers checked as you go, Esc to go back, and a summary box
 * with [Generate Terraform] [Modify Config] [Cancel] at the end. The steps are
 * data (the Terraform plugin's lib/steps.ts); this walks any steps of that shape.
 */
import type { Store, FormView } from './store.js';
import type { Action } from './keymap.js';
import { chooseButton } from './dialogs.js';
import { editLine } from './app.js';

export type Answers = Record<string, any>;

export interface WizardQuestion {
  key: string;
  prompt: string;
  kind: 'choice' | 'text' | 'list' | 'int' | 'bool';
  choices?: Array<{ value: string; label: string }>;
  default(a: Answers): unknown;
  when?(a: Answers): boolean;
}

export interface WizardStep {
  id: string;
  title: string;
  questions: WizardQuestion[];
}

/** The questionnaire: its steps and how answers are parsed and stored. */
export interface Questionnaire {
  title: string;
  steps: WizardStep[];
  parseAnswer(q: WizardQuestion, typed: string, a: Answers): { value: unknown } | { error: string };
  setKey(a: Answers, key: string, value: unknown): void;
  getKey(a: Answers, key: string): unknown;
  /** The summary's buttons: the first one accepts (default: Generate, Modify, Cancel). */
  buttons?: [string, string, string];
}

/** The Terraform questionnaire from the Terraform plugin (loaded when first used). */
export async function terraformQuestionnaire(): Promise<Questionnaire> {
  const mod: any = await import(new URL('../../plugins/terraform/lib/steps.js', import.meta.url).href);
  return { title: 'Terraform Infrastructure Generator', steps: mod.STEPS, parseAnswer: mod.parseAnswer, setKey: mod.setKey, getKey: mod.getKey, buttons: ['Generate Terraform', 'Modify Config', 'Cancel'] };
}

function formatValue(v: unknown, q?: WizardQuestion): string {
  if (q?.kind === 'choice' && typeof v === 'string') return q.choices?.find((c) => c.value === v)?.label ?? v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  if (v === undefined || v === null) return '';
  return String(v);
}

function shortPrompt(p: string): string {
  return p.replace(/\s*\(.*\)\s*$/, '').replace(/\?$/, '');
}

interface Position {
  step: number;
  question: number;
}

export class Wizard {
  private answers: Answers;
  private pos: Position = { step: 0, question: -1 };
  /** Snapshots before each answer, for Esc (back). */
  private trail: Array<{ pos: Position; answers: Answers; line: string }> = [];
  private resolve?: (a: Answers | undefined) => void;
  private inSummary = false;

  constructor(
    private store: Store,
    private q: Questionnaire,
    initial: Answers = {},
  ) {
    this.answers = structuredClone(initial);
  }

  /** Walk the questions; resolves with the answers, or undefined when the person cancels. */
  run(): Promise<Answers | undefined> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.advance();
    });
  }

  get current(): WizardQuestion | undefined {
    return this.q.steps[this.pos.step]?.questions[this.pos.question];
  }

  /** Move to the next question that applies; at the end, the summary. */
  private advance(): void {
    let { step, question } = this.pos;
    for (;;) {
      question++;
      const s = this.q.steps[step];
      if (!s) break;
      if (question >= s.questions.length) {
        step++;
        question = -1;
        continue;
      }
      const qq = s.questions[question]!;
      if (!qq.when || qq.when(this.answers)) {
        this.pos = { step, question };
        return this.show();
      }
    }
    this.pos = { step: this.q.steps.length, question: 0 };
    void this.summary();
  }

  private show(error?: string): void {
    const s = this.q.steps[this.pos.step]!;
    const qq = this.current!;
    const dflt = qq.default(this.answers);
    const isChoice = qq.kind === 'choice' || qq.kind === 'bool';
    const choices = qq.kind === 'bool' ? ['Yes', 'No'] : (qq.choices ?? []).map((c) => c.label);
    const selected = qq.kind === 'bool' ? (dflt === false ? 1 : 0) : Math.max(0, (qq.choices ?? []).findIndex((c) => c.value === dflt));
    const prev = this.store.state.form;
    const keepText = prev && error !== undefined ? prev.text : '';
    const view: FormView = {
      title: this.q.title,
      stepLine: `Step ${this.pos.step + 1} of ${this.q.steps.length}: ${s.title}`,
      prompt: qq.prompt,
      kind: isChoice ? 'choice' : 'text',
      choices,
      selected: prev && error !== undefined ? prev.selected : selected,
      text: keepText,
      placeholder: formatValue(dflt, qq),
      error,
      answered: this.trail.map((t) => t.line),
    };
    this.store.setForm(view);
  }

  /** Keys routed here while the form is open. */
  onAction(action: Action, ch?: string): void {
    const f = this.store.state.form;
    if (!f || this.inSummary) return;
    switch (action) {
      case 'form.prev':
        if (f.kind === 'choice') this.store.update('overlay', () => (f.selected = (f.selected - 1 + f.choices.length) % f.choices.length));
        return;
      case 'form.next':
        if (f.kind === 'choice') this.store.update('overlay', () => (f.selected = (f.selected + 1) % f.choices.length));
        return;
      case 'form.back':
        return this.back(ch === '\u0003');
      case 'form.submit':
        return this.submit();
      default:
        if (f.kind === 'text' && action.startsWith('input.')) {
          const line = { text: f.text, cursor: f.text.length, history: [], historyAt: 0 };
          editLine(line, action, ch);
          this.store.update('overlay', () => {
            f.text = line.text;
            f.error = undefined;
          });
        }
    }
  }

  private submit(): void {
    const f = this.store.state.form!;
    const qq = this.current!;
    let typed: string;
    if (qq.kind === 'bool') typed = f.selected === 0 ? 'y' : 'n';
    else if (qq.kind === 'choice') typed = String(f.selected + 1);
    else typed = f.text;
    const r = this.q.parseAnswer(qq as any, typed, this.answers);
    if ('error' in r) return this.show(r.error);
    this.trail.push({ pos: { ...this.pos }, answers: structuredClone(this.answers), line: `${shortPrompt(qq.prompt)}: ${formatValue(r.value, qq)}` });
    this.q.setKey(this.answers, qq.key, r.value);
    this.advance();
  }

  /** Esc: back one question; at the first one (or on Ctrl-C) leave. */
  private back(leave: boolean): void {
    const last = this.trail.pop();
    if (leave || !last) return this.finish(undefined);
    this.pos = last.pos;
    this.answers = last.answers;
    this.show();
  }

  private finish(a: Answers | undefined): void {
    this.store.setForm(undefined);
    const r = this.resolve;
    this.resolve = undefined;
    r?.(a);
  }

  /** The summary box of every answer, and the three buttons. */
  summaryText(): string {
    const lines: string[] = [];
    for (const s of this.q.steps) {
      for (const qq of s.questions) {
        if (qq.when && !qq.when(this.answers)) continue;
        const v = this.q.getKey(this.answers, qq.key);
        if (v === undefined) continue;
        lines.push(`${shortPrompt(qq.prompt)}: ${formatValue(v, qq)}`);
      }
    }
    return lines.join('\n');
  }

  private async summary(): Promise<void> {
    this.inSummary = true;
    this.store.setForm(undefined);
    const [go, modify, cancel] = this.q.buttons ?? ['Generate', 'Modify', 'Cancel'];
    const i = await chooseButton(this.store, `${this.q.title}: Configuration`, this.summaryText(), [go, modify, cancel], { selected: 0, cancelIndex: 2 });
    this.inSummary = false;
    if (i === 0) return this.finish(this.answers);
    if (i === 1) {
      // Start again from step 1 with every answer kept as the default.
      this.trail = [];
      this.pos = { step: 0, question: -1 };
      return this.advance();
    }
    this.finish(undefined);
  }
}
