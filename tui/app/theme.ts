/**
 * Colours from ui.theme (dark or light). With ui.colors false or NO_COLOR set
 * every role paints as plain text and no widget gets a colour style.
 */
export type Role =
  | 'user'
  | 'assistant'
  | 'note'
  | 'error'
  | 'dim'
  | 'title'
  | 'add'
  | 'del'
  | 'hunk'
  | 'file'
  | 'warn'
  | 'badge'
  | 'pending'
  | 'running'
  | 'done'
  | 'failed'
  | 'refused'
  | 'skipped'
  | 'selected';

type Palette = Record<Role, string> & { border: string; focus: string; headerFg: string; headerBg: string; dialogBorder: string; dangerBorder: string };

const DARK: Palette = {
  user: 'cyan',
  assistant: 'white',
  note: 'gray',
  error: 'red',
  dim: 'gray',
  title: 'bold',
  add: 'green',
  del: 'red',
  hunk: 'cyan',
  file: 'bold',
  warn: 'yellow',
  badge: 'yellow',
  pending: 'gray',
  running: 'yellow',
  done: 'green',
  failed: 'red',
  refused: 'magenta',
  skipped: 'gray',
  selected: 'black-fg}{cyan-bg',
  border: 'gray',
  focus: 'cyan',
  headerFg: 'white',
  headerBg: 'blue',
  dialogBorder: 'yellow',
  dangerBorder: 'red',
};

const LIGHT: Palette = {
  ...DARK,
  user: 'blue',
  assistant: 'black',
  note: 'gray',
  add: 'green',
  running: 'blue',
  badge: 'red',
  selected: 'white-fg}{blue-bg',
  border: 'gray',
  focus: 'blue',
  headerFg: 'black',
  headerBg: 'white',
  dialogBorder: 'blue',
};

export interface Theme {
  readonly color: boolean;
  readonly name: 'dark' | 'light';
  /** Text for a blessed tagged box: escaped, wrapped in the role's colour when colours are on. */
  paint(role: Role, text: string): string;
  /** Escape text for a tagged box without colouring it. */
  esc(text: string): string;
  /** Style objects for blessed widgets ({} when colours are off). */
  border(focused: boolean): Record<string, unknown>;
  header(): Record<string, unknown>;
  dialog(danger: boolean): Record<string, unknown>;
}

/** Blessed's tag escaping: braces become {open}/{close}. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

/** Is colour wanted? ui.colors false or a non-empty NO_COLOR turn it off. */
export function colorsWanted(opts: { colors?: boolean; env?: NodeJS.ProcessEnv }): boolean {
  const env = opts.env ?? process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return opts.colors !== false;
}

export function makeTheme(opts: { theme?: string; color: boolean }): Theme {
  const name = opts.theme === 'light' ? 'light' : 'dark';
  const p = name === 'light' ? LIGHT : DARK;
  const color = opts.color;
  const tag = (spec: string) => (spec === 'bold' ? 'bold' : spec.includes('}{') ? spec : `${spec}-fg`);
  const close = (spec: string) =>
    spec === 'bold'
      ? '{/bold}'
      : spec
          .split('}{')
          .reverse()
          .map((s) => `{/${s}}`)
          .join('');
  return {
    color,
    name,
    esc: escapeTags,
    paint(role, text) {
      const t = escapeTags(text);
      if (!color || t === '') return t;
      const spec = p[role];
      return `{${tag(spec)}}${t}${close(tag(spec))}`;
    },
    border(focused) {
      if (!color) return {};
      return { border: { fg: focused ? p.focus : p.border }, label: focused ? { fg: p.focus, bold: true } : {} };
    },
    header() {
      return color ? { fg: p.headerFg, bg: p.headerBg, bold: true } : {};
    },
    dialog(danger) {
      return color ? { border: { fg: danger ? p.dangerBorder : p.dialogBorder } } : {};
    },
  };
}
