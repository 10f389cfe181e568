/**
 * The questionnaire in line mode: each of the six steps (lib/steps.ts), then a
 * summary to confirm or to pick a step to change. Prompts go to OUTPUT.
 */
import readline from 'node:readline';
import YAML from 'yaml';
import { STEPS, getKey, setKey, parseAnswer, type Raw } from '../lib/steps.js';
import { resolveAnswers } from '../lib/answers.js';
import { NimbusError } from '../../../core/errors.js';

class Lines {
  private queue: string[] = [];
  private waiting?: (l: string | undefined) => void;
  private closed = false;
  private rl: readline.Interface;
  constructor(input: NodeJS.ReadableStream) {
    this.rl = readline.createInterface({ input, terminal: false });
    this.rl.on('line', (l) => (this.waiting ? (this.waiting(l), (this.waiting = undefined)) : this.queue.push(l)));
    this.rl.on('close', () => {
      this.closed = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }
  next(): Promise<string | undefined> {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((r) => (this.waiting = r));
  }
  close(): void {
    this.rl.close();
  }
}

function show(v: unknown): string {
  return Array.isArray(v) ? (v.length ? v.join(',') : '-') : typeof v === 'boolean' ? (v ? 'y' : 'n') : String(v ?? '');
}

export async function runQuestionnaire(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, start: Raw = {}): Promise<Raw> {
  const lines = new Lines(input);
  const a: Raw = structuredClone(start);
  const write = (s: string) => output.write(s);
  const read = async () => {
    const l = await lines.next();
    if (l === undefined) throw new NimbusError('NIMBUS_E_REFUSED', 'questionnaire cancelled (end of input); nothing was written');
    return l;
  };
  const askStep = async (i: number) => {
    const step = STEPS[i]!;
    write(`\nStep ${i + 1} of ${STEPS.length}: ${step.title}\n`);
    for (const q of step.questions) {
      if (q.when && !q.when(a)) continue;
      if (q.choices) q.choices.forEach((c, j) => write(`  ${j + 1}) ${c.label}\n`));
      for (;;) {
        const d = q.default(a);
        const current = getKey(a, q.key);
        write(`${q.prompt} [${show(current ?? d)}]: `);
        const typed = await read();
        const r = parseAnswer(q, typed.trim() === '' && current !== undefined ? show(current) : typed, a);
        if ('error' in r) {
          write(`  ! ${r.error}\n`);
          continue;
        }
        setKey(a, q.key, r.value);
        break;
      }
    }
  };
  try {
    for (let i = 0; i < STEPS.length; i++) await askStep(i);
    for (;;) {
      let problem: string | undefined;
      let resolved;
      try {
        resolved = resolveAnswers(a, 'answers');
      } catch (e: any) {
        problem = e.message;
      }
      write(`\nSummary\n${YAML.stringify(a).replace(/^/gm, '  ')}`);
      if (resolved?.added.length) write(`  (added: ${resolved.added.map((x) => `${x.component}, ${x.reason}`).join('; ')})\n`);
      if (problem) write(`  ! ${problem}\n`);
      write(`Generate? [${problem ? '' : 'Y = generate, '}1-${STEPS.length} = change a step, n = cancel]: `);
      const t = (await read()).trim().toLowerCase();
      if (/^\d$/.test(t) && Number(t) >= 1 && Number(t) <= STEPS.length) {
        await askStep(Number(t) - 1);
        continue;
      }
      if (t === 'n' || t === 'no') throw new NimbusError('NIMBUS_E_REFUSED', 'questionnaire cancelled; nothing was written');
      if (!problem && (t === '' || t === 'y' || t === 'yes')) return a;
    }
  } finally {
    lines.close();
  }
}
