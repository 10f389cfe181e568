/** Plain-text layout helpers: wrapping, truncation, display width. */

/** Display width of one code point (East Asian wide and emoji count 2, combining marks 0). */
function cpWidth(cp: number): number {
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) return 0;
  if (cp < 0x1100) return 1;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += cpWidth(ch.codePointAt(0)!);
  return w;
}

/** Tabs to spaces and control characters out (they would break the screen). */
export function sanitize(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\t/g, '    ').replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Cut S to at most WIDTH columns. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length <= width && !/[^\x00-\x7f]/.test(s)) return s;
  let w = 0;
  let out = '';
  for (const ch of s) {
    const cw = cpWidth(ch.codePointAt(0)!);
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out;
}

/** Wrap TEXT (which may hold newlines) to WIDTH columns, breaking at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  const w = Math.max(1, width);
  for (const raw of sanitize(text).split('\n')) {
    let line = raw;
    if (displayWidth(line) <= w) {
      out.push(line);
      continue;
    }
    while (displayWidth(line) > w) {
      let cut = truncate(line, w);
      const space = cut.lastIndexOf(' ');
      if (space > w / 3) cut = cut.slice(0, space);
      out.push(cut);
      line = line.slice(cut.length).replace(/^ /, '');
    }
    out.push(line);
  }
  return out;
}

/** The WINDOW lines ending SCROLL lines above the end of LINES (scroll 0 = the end). */
export function windowOf<T>(lines: T[], height: number, scroll: number): T[] {
  const end = Math.max(0, lines.length - scroll);
  return lines.slice(Math.max(0, end - height), end);
}
