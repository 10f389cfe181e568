/**
 * Small HCL helpers, no dependencies:
 *  - hcl(value): encode a JS value as an HCL expression;
 *  - formatHcl(text): indentation and `=` alignment the way `terraform fmt` does it,
 *    so rendered templates pass `terraform fmt -check` without running terraform;
 *  - parseHcl(text): a structural parse (blocks, attributes with their raw
 *    expression text and line numbers) for the policy gate.
 */

/** Encode a JS value as an HCL expression (objects on one line). */
export function hcl(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(hcl).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.length) return '{}';
    return `{ ${entries.map(([k, x]) => `${hclKey(k)} = ${hcl(x)}`).join(', ')} }`;
  }
  throw new Error(`cannot encode ${typeof v} as HCL`);
}

export function hclString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') + '"';
}

export function hclKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : hclString(k);
}

interface Scan {
  /** Bracket depth change over the line (outside strings and comments). */
  delta: number;
  /** Number of closing brackets at the very start of the line. */
  leadingClose: number;
  /** The line opens a heredoc (<<EOF / <<-EOF): its marker. */
  heredoc?: string;
  /** An `=` at depth 0 of this line (not ==, <=, >=, !=, =>), index in the line. */
  assignAt: number;
}

/** Scan one line for brackets, strings (with ${} interpolation) and comments. */
function scanLine(line: string, state: { inString: boolean; interp: number[]; inBlockComment: boolean }): Scan {
  let delta = 0;
  let leadingClose = 0;
  let seenNonClose = false;
  let assignAt = -1;
  let heredoc: string | undefined;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const n = line[i + 1];
    if (state.inBlockComment) {
      if (c === '*' && n === '/') (state.inBlockComment = false), i++;
      continue;
    }
    if (state.inString) {
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '"') state.inString = false;
      else if ((c === '$' || c === '%') && n === '{' && line[i - 1] !== c) {
        state.interp.push(depth);
        state.inString = false;
        depth++;
        delta++;
        i++;
      }
      continue;
    }
    if (c === '#' || (c === '/' && n === '/')) break;
    if (c === '/' && n === '*') {
      state.inBlockComment = true;
      i++;
      continue;
    }
    if (c === '"') {
      state.inString = true;
      seenNonClose = true;
      continue;
    }
    if (c === '<' && n === '<' && /^<<-?([A-Za-z_]+)\s*$/.test(line.slice(i))) {
      heredoc = line.slice(i).match(/^<<-?([A-Za-z_]+)/)![1];
      break;
    }
    if (c === '{' || c === '[' || c === '(') {
      depth++;
      delta++;
      seenNonClose = true;
      continue;
    }
    if (c === '}' || c === ']' || c === ')') {
      depth--;
      delta--;
      if (!seenNonClose) leadingClose++;
      if (c === '}' && state.interp.length && state.interp[state.interp.length - 1] === depth) {
        state.interp.pop();
        state.inString = true;
      }
      continue;
    }
    if (c !== ' ' && c !== '\t') seenNonClose = true;
    if (c === '=' && depth === 0 && assignAt < 0) {
      const prev = line[i - 1];
      if (n !== '=' && n !== '>' && prev !== '=' && prev !== '!' && prev !== '<' && prev !== '>') assignAt = i;
    }
  }
  return { delta, leadingClose, heredoc, assignAt };
}

/**
 * Re-indent (two spaces per bracket level) and align the `=` of consecutive
 * single-line attributes, as `terraform fmt` does: an attribute whose value
 * spans lines, a comment, a blank line or a block breaks the run. Runs of blank
 * lines collapse to one; blank lines after `{` and before `}` are dropped.
 */
export function formatHcl(text: string): string {
  const src = text.replace(/\r\n/g, '\n').split('\n');
  const out: Array<{ text: string; depth: number; key?: string; rest?: string }> = [];
  const state = { inString: false, interp: [] as number[], inBlockComment: false };
  let depth = 0;
  const indents: number[] = [];
  let heredoc: string | undefined;
  for (const raw of src) {
    if (heredoc) {
      out.push({ text: raw, depth: -1 });
      if (raw.trim() === heredoc) heredoc = undefined;
      continue;
    }
    const line = raw.trim();
    if (line === '') {
      out.push({ text: '', depth });
      continue;
    }
    const wasInString = state.inString;
    const s = scanLine(line, state);
    // terraform fmt: one indent level per line with a net opening, whatever the number of brackets.
    let indentDepth = indents.length;
    if (s.delta > 0) indents.push(s.delta);
    else if (s.delta < 0) {
      let closed = -s.delta;
      while (closed > 0 && indents.length) {
        const top = indents[indents.length - 1]!;
        if (closed >= top) {
          closed -= top;
          indents.pop();
        } else {
          indents[indents.length - 1] = top - closed;
          closed = 0;
        }
      }
      indentDepth = indents.length;
    }
    depth = indents.length;
    if (s.heredoc) heredoc = s.heredoc;
    if (wasInString) {
      out.push({ text: raw, depth: -1 });
      continue;
    }
    const single = s.assignAt > 0 && s.delta === 0 && !s.heredoc && !state.inString;
    if (single) {
      const key = line.slice(0, s.assignAt).trim();
      const rest = line.slice(s.assignAt + 1).trim();
      if (/^([A-Za-z_][A-Za-z0-9_-]*|"[^"]*")$/.test(key)) {
        out.push({ text: line, depth: indentDepth, key, rest });
        continue;
      }
    }
    if (s.assignAt > 0 && !s.heredoc) {
      const key = line.slice(0, s.assignAt).trim();
      const rest = line.slice(s.assignAt + 1).trim();
      if (/^([A-Za-z_][A-Za-z0-9_-]*|"[^"]*")$/.test(key)) {
        out.push({ text: `${key} = ${rest}`, depth: indentDepth });
        continue;
      }
    }
    out.push({ text: line, depth: indentDepth });
  }
  // Drop blank runs, blank lines after an opening and before a closing line.
  const kept: typeof out = [];
  for (let i = 0; i < out.length; i++) {
    const l = out[i]!;
    if (l.text === '' && l.depth >= 0) {
      const prev = kept[kept.length - 1];
      if (!prev || prev.text === '' || /[{[(]$/.test(prev.text)) continue;
      let j = i + 1;
      while (j < out.length && out[j]!.text === '' && out[j]!.depth >= 0) j++;
      const next = out[j];
      if (!next || /^[}\])]/.test(next.text)) continue;
    }
    kept.push(l);
  }
  // Align runs of single-line attributes at the same depth.
  const lines: string[] = [];
  let i = 0;
  while (i < kept.length) {
    const l = kept[i]!;
    if (l.key === undefined) {
      lines.push(l.depth < 0 || l.text === '' ? l.text : '  '.repeat(l.depth) + l.text);
      i++;
      continue;
    }
    let j = i;
    while (j < kept.length && kept[j]!.key !== undefined && kept[j]!.depth === l.depth) j++;
    const width = Math.max(...kept.slice(i, j).map((x) => x.key!.length));
    for (const x of kept.slice(i, j)) lines.push('  '.repeat(x.depth) + x.key!.padEnd(width) + ' = ' + x.rest);
    i = j;
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Structural parse for the policy gate.

export interface HclAttr {
  name: string;
  /** The expression's source text (may span lines). */
  raw: string;
  line: number;
}

export interface HclBlock {
  type: string;
  labels: string[];
  line: number;
  endLine: number;
  attrs: Record<string, HclAttr>;
  blocks: HclBlock[];
}

export interface HclFile {
  file: string;
  body: HclBlock;
}

/** Parse blocks and attributes (with raw expressions and line numbers). Throws on unbalanced input. */
export function parseHcl(text: string, file = '<input>'): HclFile {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const root: HclBlock = { type: '', labels: [], line: 1, endLine: lines.length, attrs: {}, blocks: [] };
  const stack: HclBlock[] = [root];
  const state = { inString: false, interp: [] as number[], inBlockComment: false };
  let i = 0;
  while (i < lines.length) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    i++;
    if (state.inBlockComment) {
      scanLine(line, state);
      continue;
    }
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      scanLine(line, state);
      continue;
    }
    const cur = stack[stack.length - 1]!;
    if (/^}/.test(line)) {
      if (stack.length === 1) throw new Error(`${file}:${lineNo}: unexpected "}"`);
      stack.pop()!.endLine = lineNo;
      const after = line.slice(1).trim();
      if (after && !after.startsWith('#') && !after.startsWith('//')) throw new Error(`${file}:${lineNo}: unexpected text after "}"`);
      continue;
    }
    const blockHead = line.match(/^([A-Za-z_][A-Za-z0-9_-]*)((?:\s+(?:"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_-]*))*)\s*\{\s*(.*)$/);
    if (blockHead && !/^\s*=/.test(line.slice(blockHead[1]!.length))) {
      const labels = [...(blockHead[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1] ?? m[2]!);
      const block: HclBlock = { type: blockHead[1]!, labels, line: lineNo, endLine: lineNo, attrs: {}, blocks: [] };
      cur.blocks.push(block);
      const rest = blockHead[3]!.trim();
      if (rest === '}' || rest === '') {
        if (rest === '') stack.push(block);
        continue;
      }
      // One-line block: `name { a = 1 }` or `name { a = 1, b = 2 }` is not HCL; `x { a = 1 }` is.
      const inner = rest.replace(/}\s*$/, '').trim();
      if (!rest.endsWith('}')) throw new Error(`${file}:${lineNo}: a block opened with content must close on the same line`);
      const m = inner.match(/^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/);
      if (m) block.attrs[m[1]!] = { name: m[1]!, raw: m[2]!.trim(), line: lineNo };
      continue;
    }
    const attr = line.match(/^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/);
    if (attr) {
      let raw = attr[2]!;
      const s = scanLine(raw, state);
      let depth = s.delta;
      if (s.heredoc) {
        const marker = s.heredoc;
        const body: string[] = [raw];
        while (i < lines.length) {
          const l = lines[i++]!;
          body.push(l);
          if (l.trim() === marker) break;
        }
        raw = body.join('\n');
      } else {
        const body: string[] = [raw];
        while ((depth > 0 || state.inString) && i < lines.length) {
          const l = lines[i++]!;
          body.push(l);
          depth += scanLine(l.trim(), state).delta;
        }
        if (depth > 0) throw new Error(`${file}:${lineNo}: unclosed bracket in the value of "${attr[1]}"`);
        raw = body.join('\n');
      }
      cur.attrs[attr[1]!] = { name: attr[1]!, raw: raw.trim(), line: lineNo };
      continue;
    }
    throw new Error(`${file}:${lineNo}: cannot parse "${line.slice(0, 60)}"`);
  }
  if (stack.length > 1) throw new Error(`${file}:${stack[stack.length - 1]!.line}: block "${stack[stack.length - 1]!.type}" is not closed`);
  return { file, body: root };
}

/** A literal string value (without quotes), or undefined when the expression is not a plain string. */
export function literalString(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = raw.trim().match(/^"((?:[^"\\$]|\\.|\$(?!\{))*)"$/);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

/** true / false for a literal boolean, undefined otherwise. */
export function literalBool(raw: string | undefined): boolean | undefined {
  const t = raw?.trim();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

export function literalNumber(raw: string | undefined): number | undefined {
  const t = raw?.trim();
  return t !== undefined && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** The string literals inside a list expression like ["a", "b"] (undefined when it is not a literal list). */
export function literalList(raw: string | undefined): string[] | undefined {
  const t = raw?.trim();
  if (!t || !t.startsWith('[') || !t.endsWith(']')) return undefined;
  const inner = t.slice(1, -1).trim();
  if (inner === '') return [];
  const items = inner.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const out: string[] = [];
  for (const it of items) {
    const s = literalString(it);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}
