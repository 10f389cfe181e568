/**
 * The TUI's logic without a screen: the logs ring buffer, the store, key
 * resolution from the keymap file, line editing and text layout.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RingBuffer } from '../tui/app/ring.js';
import { Store } from '../tui/app/store.js';
import { loadKeymap, resolveKey, helpRows, ACTIONS, DEFAULT_KEYMAP_PATH, type Keymap } from '../tui/app/keymap.js';
import { editLine } from '../tui/app/app.js';
import { wrap, truncate, windowOf } from '../tui/app/text.js';
import { applyAgentEvent, UsageMeter } from '../tui/app/bridge.js';
import { colorsWanted } from '../tui/app/theme.js';
import { testEnv } from './helpers/index.js';

describe('logs ring buffer', () => {
  test('keeps the last CAPACITY lines in order and counts what it dropped', () => {
    const r = new RingBuffer(5);
    for (let i = 1; i <= 12; i++) r.push(`l${i}`);
    assert.equal(r.length, 5);
    assert.equal(r.total, 12);
    assert.equal(r.dropped, 7);
    assert.deepEqual(r.slice(), ['l8', 'l9', 'l10', 'l11', 'l12']);
    assert.deepEqual(r.slice(3, 99), ['l11', 'l12']);
    assert.equal(r.at(0), 'l8');
    assert.equal(r.at(5), undefined);
  });

  test('pushText splits lines; a trailing newline adds no empty line', () => {
    const r = new RingBuffer(10);
    r.pushText('a\nb\n');
    r.pushText('c');
    r.pushText('\n');
    assert.deepEqual(r.slice(), ['a', 'b', 'c', '']);
  });

  test('rejects a capacity that is not a positive integer', () => {
    assert.throws(() => new RingBuffer(0), /positive integer/);
    assert.throws(() => new RingBuffer(2.5), /positive integer/);
  });
});

describe('store', () => {
  test('streamed text joins one assistant message until the stream ends', () => {
    const s = new Store();
    s.addMessage('user', 'hi');
    s.appendAssistant('Hel');
    s.appendAssistant('lo');
    s.endAssistant();
    s.appendAssistant('Second');
    assert.deepEqual(
      s.state.chat.map((m) => [m.role, m.text]),
      [
        ['user', 'hi'],
        ['assistant', 'Hello'],
        ['assistant', 'Second'],
      ],
    );
  });

  test('a step update changes one step; an unknown step is added in order', () => {
    const s = new Store();
    s.setPlan([
      { id: 1, title: 'list', status: 'pending' },
      { id: 3, title: 'write', status: 'pending' },
    ]);
    s.setStep({ id: 1, title: 'list', status: 'done' });
    s.setStep({ id: 2, title: 'read', status: 'refused', note: 'not approved' });
    assert.deepEqual(
      s.state.plan.map((p) => `${p.id}:${p.status}`),
      ['1:done', '2:refused', '3:pending'],
    );
  });

  test('logs use the configured ring size; a person scrolled up keeps the same lines in view', () => {
    const s = new Store({ logsBuffer: 100 });
    for (let i = 0; i < 250; i++) s.log(`line ${i}`);
    assert.equal(s.state.logs.length, 100);
    assert.equal(s.state.logs.at(0), 'line 150');
    s.scrollTo('logs', 10);
    s.log('one more\nand another');
    assert.equal(s.state.scroll.logs, 12);
  });

  test('focus cycles through the input and the four panes; zoom follows the focus', () => {
    const s = new Store();
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      s.focusStep(1);
      seen.push(s.state.focus);
    }
    assert.deepEqual(seen, ['chat', 'plan', 'diff', 'logs', 'input']);
    s.focusStep(-1);
    assert.equal(s.state.focus, 'logs');
    s.toggleZoom();
    assert.equal(s.state.zoom, 'logs');
    s.focus('plan');
    assert.equal(s.state.zoom, 'plan');
    s.toggleZoom();
    assert.equal(s.state.zoom, undefined);
  });

  test('every write bumps its slice version and notifies once', () => {
    const s = new Store();
    const hits: string[] = [];
    s.subscribe((slice) => hits.push(slice));
    const before = s.versions.logs;
    s.log('x');
    s.setDiff({ title: 't', diff: '+a' });
    assert.equal(s.versions.logs, before + 1);
    assert.deepEqual(hits, ['logs', 'diff']);
  });

  test('submitting takes the line, clears it and remembers it in the input history', () => {
    const s = new Store();
    s.editInput((i) => {
      i.text = 'first';
      i.cursor = 5;
    });
    assert.equal(s.takeInput(), 'first');
    assert.equal(s.state.input.text, '');
    s.editInput((i) => editLine(i, 'input.historyPrev'));
    assert.equal(s.state.input.text, 'first');
  });
});

describe('agent events → store', () => {
  test('a request streams, plans, previews, refuses and ends', () => {
    const s = new Store();
    const meter = new UsageMeter();
    const call = { id: 'c1', tool: 'fs/delete', input: { path: 'x' }, effect: 'delete', step: 1 };
    applyAgentEvent(s, { type: 'request_start', prompt: 'delete x', model: 'openai/gpt-4o' }, meter);
    assert.equal(s.state.busy, true);
    applyAgentEvent(s, { type: 'text', delta: 'Deleting ' }, meter);
    applyAgentEvent(s, { type: 'text', delta: 'x.' }, meter);
    applyAgentEvent(s, { type: 'plan', steps: [{ id: 1, title: 'delete x', tool: 'fs/delete', status: 'pending' }] }, meter);
    applyAgentEvent(s, { type: 'tool_start', call }, meter);
    applyAgentEvent(s, { type: 'step', step: { id: 1, title: 'delete x', tool: 'fs/delete', status: 'running' } }, meter);
    applyAgentEvent(s, { type: 'tool_preview', call, effect: 'delete', preview: { summary: 'delete x (3 bytes)' }, asked: false, level: 'type', note: 'dry run' }, meter);
    applyAgentEvent(s, { type: 'tool_end', call, status: 'refused', summary: 'refused: not approved', durationMs: 4 }, meter);
    applyAgentEvent(s, { type: 'step', step: { id: 1, title: 'delete x', tool: 'fs/delete', status: 'refused', note: 'not approved' } }, meter);
    applyAgentEvent(s, { type: 'usage', turn: { inputTokens: 10, outputTokens: 5 }, total: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.001, model: 'openai/gpt-4o' }, meter);
    applyAgentEvent(s, { type: 'done', result: {} }, meter);
    assert.equal(s.state.busy, false);
    assert.deepEqual(s.state.chat.map((m) => m.text), ['Deleting x.']);
    assert.equal(s.state.plan[0]!.status, 'refused');
    assert.match(s.state.diff!.title, /\[delete\] fs\/delete: delete x/);
    assert.match(s.state.diff!.outcome!, /^refused/);
    assert.match(s.state.header.usage!, /tokens 10 in \/ 5 out/);
    assert.ok(s.state.logs.slice().some((l) => /< fs\/delete refused/.test(l)));
  });

  test('an error ends the request with one line; a cancel says so', () => {
    const s = new Store();
    applyAgentEvent(s, { type: 'request_start', prompt: 'q', model: 'm' });
    applyAgentEvent(s, { type: 'error', error: { message: 'openai: 401 invalid key' }, cancelled: false });
    applyAgentEvent(s, { type: 'request_start', prompt: 'q', model: 'm' });
    applyAgentEvent(s, { type: 'error', error: { message: 'cancelled' }, cancelled: true });
    assert.deepEqual(
      s.state.chat.map((m) => [m.role, m.text]),
      [
        ['error', 'openai: 401 invalid key'],
        ['note', 'Cancelled.'],
      ],
    );
    assert.equal(s.state.busy, false);
  });
});

describe('keymap', () => {
  const km = loadKeymap(testEnv());

  test('keys resolve to action names by context, then globally', () => {
    const r = (ctx: Parameters<typeof resolveKey>[1], ch: string | undefined, full: string) => resolveKey(km, ctx, ch, { full })?.action;
    assert.equal(r('input', '\r', 'enter'), 'input.submit');
    assert.equal(r('input', undefined, 'tab'), 'focus.next');
    assert.equal(r('pane', 'q', 'q'), 'quit');
    assert.equal(r('pane', 'z', 'z'), 'zoom.toggle');
    assert.equal(r('pane', undefined, 'C-c'), 'cancel');
    assert.equal(r('help', undefined, 'escape'), 'help.toggle');
  });

  test('in the input line q is typed, not quit', () => {
    assert.deepEqual(resolveKey(km, 'input', 'q', { full: 'q', name: 'q' }), { action: 'input.insert', ch: 'q' });
    assert.deepEqual(resolveKey(km, 'dialog-text', 'y', { full: 'y', name: 'y' }), { action: 'input.insert', ch: 'y' });
  });

  test('Enter reported twice by blessed ("return" then "enter") acts once', () => {
    assert.equal(resolveKey(km, 'input', '\r', { full: 'return', name: 'return' }), undefined);
    assert.equal(resolveKey(km, 'input', '\r', { full: 'enter', name: 'enter' })?.action, 'input.submit');
  });

  test('dialogs are modal: pane keys do not reach them, Ctrl-C does', () => {
    assert.equal(resolveKey(km, 'dialog', 'q', { full: 'q' }), undefined);
    assert.equal(resolveKey(km, 'dialog', undefined, { full: 'tab' })?.action, 'dialog.next');
    assert.equal(resolveKey(km, 'dialog-text', undefined, { full: 'C-c' })?.action, 'cancel');
    assert.equal(resolveKey(km, 'form', undefined, { full: 'S-tab' }), undefined);
  });

  test('the shipped keymap binds only known actions and the help lists every binding', () => {
    const raw = JSON.parse(fs.readFileSync(DEFAULT_KEYMAP_PATH, 'utf8'));
    let bindings = 0;
    for (const [ctx, binds] of Object.entries(raw)) {
      if (ctx.startsWith('$')) continue;
      for (const a of Object.values(binds as Record<string, string>)) {
        assert.ok(a in ACTIONS, `${ctx}: ${a}`);
        bindings++;
      }
    }
    const rows = helpRows(km);
    assert.equal(
      rows.reduce((n, r) => n + r.keys.length, 0),
      bindings,
    );
    assert.ok(rows.some((r) => r.action === 'quit' && r.keys.includes('q')));
  });

  test('NIMBUS_HOME/keymap.json overrides single keys', () => {
    const env = testEnv();
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    fs.writeFileSync(path.join(env.NIMBUS_HOME, 'keymap.json'), JSON.stringify({ pane: { x: 'quit', q: 'zoom.toggle' } }));
    const mine: Keymap = loadKeymap(env);
    assert.equal(resolveKey(mine, 'pane', 'x', { full: 'x' })?.action, 'quit');
    assert.equal(resolveKey(mine, 'pane', 'q', { full: 'q' })?.action, 'zoom.toggle');
    assert.equal(resolveKey(mine, 'pane', undefined, { full: 'tab' })?.action, 'focus.next');
  });

  test('a bad keymap file is one line naming the file and the entry', () => {
    const env = testEnv();
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    const file = path.join(env.NIMBUS_HOME, 'keymap.json');
    fs.writeFileSync(file, JSON.stringify({ pane: { x: 'explode' } }));
    assert.throws(() => loadKeymap(env), (e: any) => e.code === 'NIMBUS_E_CONFIG' && e.message.includes(file) && e.message.includes('/pane/x') && !e.message.includes('\n'));
    fs.writeFileSync(file, '{ not json');
    assert.throws(() => loadKeymap(env), (e: any) => e.code === 'NIMBUS_E_CONFIG' && e.message.includes('not valid JSON'));
    fs.writeFileSync(file, JSON.stringify({ panes: {} }));
    assert.throws(() => loadKeymap(env), /unknown context "panes"/);
  });
});

describe('line editing and layout helpers', () => {
  test('insert, move, delete a word, clear', () => {
    const l = { text: '', cursor: 0, history: [] as string[], historyAt: 0 };
    for (const ch of 'list pods') editLine(l, 'input.insert', ch);
    editLine(l, 'input.home');
    editLine(l, 'input.insert', '!');
    assert.equal(l.text, '!list pods');
    editLine(l, 'input.end');
    editLine(l, 'input.deleteWord');
    assert.equal(l.text, '!list ');
    editLine(l, 'input.backspace');
    editLine(l, 'input.left');
    editLine(l, 'input.delete');
    assert.equal(l.text, '!lis');
    editLine(l, 'input.clear');
    assert.deepEqual([l.text, l.cursor], ['', 0]);
  });

  test('wrap breaks at spaces, truncate counts wide characters as two columns', () => {
    assert.deepEqual(wrap('the quick brown fox jumps', 10), ['the quick', 'brown fox', 'jumps']);
    assert.deepEqual(wrap('a\tb\x1b[31mred\x1b[0m', 40), ['a    bred']);
    assert.equal(truncate('日本語テキスト', 5), '日本');
    assert.deepEqual(windowOf([1, 2, 3, 4, 5], 2, 1), [3, 4]);
  });

  test('NO_COLOR and ui.colors false turn colours off', () => {
    assert.equal(colorsWanted({ env: {} }), true);
    assert.equal(colorsWanted({ env: { NO_COLOR: '1' } }), false);
    assert.equal(colorsWanted({ env: { NO_COLOR: '' } }), true);
    assert.equal(colorsWanted({ env: {}, colors: false }), false);
  });
});
