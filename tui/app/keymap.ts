/**
 * Key bindings as data (tui/keymap.json, optionally overridden by
 * NIMBUS_HOME/keymap.json): a key in a context resolves to an action name, and
 * the app switches on action names, never on keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PKG_ROOT, nimbusHome } from '../../core/paths.js';
import { NimbusError } from '../../core/errors.js';

/** Every action, with the line the help overlay shows for it. */
export const ACTIONS = {
  'focus.next': 'focus the next pane',
  'focus.prev': 'focus the previous pane',
  'focus.chat': 'focus the Chat pane',
  'focus.plan': 'focus the Plan pane',
  'focus.diff': 'focus the Diff pane',
  'focus.logs': 'focus the Logs pane',
  'focus.input': 'back to the input line',
  'focus.panes': 'leave the input line (focus the Chat pane)',
  cancel: 'cancel the running step (twice: quit)',
  quit: 'quit Nimbus',
  'help.toggle': 'show or hide this help',
  'screen.redraw': 'redraw the screen',
  'scroll.up': 'scroll up one line',
  'scroll.down': 'scroll down one line',
  'scroll.pageUp': 'scroll up one page',
  'scroll.pageDown': 'scroll down one page',
  'scroll.top': 'scroll to the top',
  'scroll.bottom': 'scroll to the bottom (follow new lines)',
  'zoom.toggle': 'zoom the focused pane full-screen and back',
  'input.submit': 'send the question (or /command)',
  'input.backspace': 'delete the character before the cursor',
  'input.delete': 'delete the character under the cursor',
  'input.left': 'cursor left',
  'input.right': 'cursor right',
  'input.home': 'cursor to the start',
  'input.end': 'cursor to the end',
  'input.clear': 'clear the line',
  'input.deleteWord': 'delete the word before the cursor',
  'input.historyPrev': 'previous question',
  'input.historyNext': 'next question',
  'input.insert': 'type a character',
  'dialog.prev': 'previous button',
  'dialog.next': 'next button',
  'dialog.yes': 'answer yes',
  'dialog.no': 'answer no',
  'dialog.submit': 'press the selected button / submit the typed name',
  'dialog.cancel': 'cancel (nothing is changed)',
  'dialog.scrollUp': 'scroll the dialog up',
  'dialog.scrollDown': 'scroll the dialog down',
  'form.prev': 'previous choice',
  'form.next': 'next choice',
  'form.submit': 'accept the answer and go on',
  'form.back': 'back to the previous question (first question: leave)',
} as const;

export type Action = keyof typeof ACTIONS;
export type KeyContext = 'global' | 'input' | 'pane' | 'dialog' | 'dialog-text' | 'form' | 'help';
export const CONTEXTS: KeyContext[] = ['global', 'input', 'pane', 'dialog', 'dialog-text', 'form', 'help'];
export type Keymap = Record<KeyContext, Record<string, Action>>;

/** Contexts whose unbound printable keys are typed into a text field. */
const TYPING: ReadonlySet<KeyContext> = new Set(['input', 'dialog-text', 'form']);

export function isAction(s: string): s is Action {
  return Object.prototype.hasOwnProperty.call(ACTIONS, s);
}

/** Check a parsed keymap file; throws one line naming the file and the bad entry. */
export function parseKeymap(raw: unknown, file: string): Partial<Keymap> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new NimbusError('NIMBUS_E_CONFIG', `${file}: a keymap is a JSON object of contexts`);
  const out: Partial<Keymap> = {};
  for (const [ctx, binds] of Object.entries(raw as Record<string, unknown>)) {
    if (ctx.startsWith('$')) continue;
    if (!(CONTEXTS as string[]).includes(ctx)) throw new NimbusError('NIMBUS_E_CONFIG', `${file}: unknown context "${ctx}" (contexts: ${CONTEXTS.join(', ')})`);
    if (!binds || typeof binds !== 'object' || Array.isArray(binds)) throw new NimbusError('NIMBUS_E_CONFIG', `${file}: /${ctx} must be an object of key → action`);
    const m: Record<string, Action> = {};
    for (const [key, action] of Object.entries(binds as Record<string, unknown>)) {
      if (typeof action !== 'string' || !isAction(action)) throw new NimbusError('NIMBUS_E_CONFIG', `${file}: /${ctx}/${key}: unknown action ${JSON.stringify(action)}`);
      m[key] = action;
    }
    out[ctx as KeyContext] = m;
  }
  return out;
}

export const DEFAULT_KEYMAP_PATH = path.join(PKG_ROOT, 'tui', 'keymap.json');

function readKeymapFile(file: string): Partial<Keymap> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_CONFIG', `${file}: cannot read the keymap (${e.code ?? e.message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_CONFIG', `${file}: not valid JSON (${e.message})`);
  }
  return parseKeymap(raw, file);
}

/** The built-in keymap, with the person's NIMBUS_HOME/keymap.json (if any) laid over it per key. */
export function loadKeymap(env: NodeJS.ProcessEnv = process.env, file = DEFAULT_KEYMAP_PATH): Keymap {
  const base = readKeymapFile(file);
  const km = Object.fromEntries(CONTEXTS.map((c) => [c, { ...(base[c] ?? {}) }])) as Keymap;
  const user = path.join(nimbusHome(env), 'keymap.json');
  if (fs.existsSync(user)) {
    const over = readKeymapFile(user);
    for (const c of CONTEXTS) Object.assign(km[c], over[c] ?? {});
  }
  return km;
}

/** What blessed hands a keypress handler. */
export interface KeyEvent {
  full?: string;
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  sequence?: string;
}

export interface Resolved {
  action: Action;
  /** The character for input.insert. */
  ch?: string;
}

/** Blessed's name for a key: "C-c", "S-tab", "enter", "q", "?". */
export function keyName(ch: string | undefined, key: KeyEvent | undefined): string {
  if (key?.full) return key.full;
  if (key?.name) return (key.ctrl ? 'C-' : '') + (key.meta ? 'M-' : '') + (key.shift ? 'S-' : '') + key.name;
  return ch ?? '';
}

function printable(ch: string | undefined, key: KeyEvent | undefined): ch is string {
  if (!ch || key?.ctrl || key?.meta) return false;
  if (ch.length !== 1 && [...ch].length !== 1) return false;
  const cp = ch.codePointAt(0)!;
  return cp >= 0x20 && cp !== 0x7f;
}

/**
 * Resolve a keypress in CONTEXT: the context's own binding, then a typed
 * character (in typing contexts), then the global binding.
 */
export function resolveKey(km: Keymap, context: KeyContext, ch: string | undefined, key: KeyEvent | undefined): Resolved | undefined {
  const name = keyName(ch, key);
  // blessed reports Enter twice ("return" then "enter"): act on "enter" only.
  if (name === 'return' || name === 'S-return' || name === 'linefeed') return undefined;
  const own = km[context]?.[name];
  if (own) return { action: own };
  if (TYPING.has(context) && printable(ch, key)) return { action: 'input.insert', ch };
  // Dialogs and the help overlay are modal: only Ctrl-C reaches global bindings.
  if (context === 'dialog' || context === 'dialog-text' || context === 'help' || context === 'form') {
    return km.global[name] === 'cancel' ? { action: 'cancel' } : undefined;
  }
  const g = km.global[name];
  return g ? { action: g } : undefined;
}

/** Rows for the help overlay: context, keys, description, in keymap order. */
export function helpRows(km: Keymap): Array<{ context: KeyContext; keys: string[]; action: Action; description: string }> {
  const rows: Array<{ context: KeyContext; keys: string[]; action: Action; description: string }> = [];
  for (const c of CONTEXTS) {
    const byAction = new Map<Action, string[]>();
    for (const [k, a] of Object.entries(km[c])) byAction.set(a, [...(byAction.get(a) ?? []), k]);
    for (const [a, keys] of byAction) rows.push({ context: c, keys, action: a, description: ACTIONS[a] });
  }
  return rows;
}
