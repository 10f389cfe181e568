/**
 * The panes, dialogs and the questionnaire form drawn on a headless screen
 * (blessed on fake terminal streams), driven by the bytes a terminal sends.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { headlessScreen, screenText } from '../tui/app/blessed.js';
import { Store, type HeaderInfo } from '../tui/app/store.js';
import { makeTheme } from '../tui/app/theme.js';
import { loadKeymap } from '../tui/app/keymap.js';
import { App } from '../tui/app/app.js';
import { Wizard, type Questionnaire } from '../tui/app/wizard.js';
import { TuiApprover } from '../tui/approvers/tui.js';
import { Kernel } from '../core/kernel.js';
import { Registry } from '../core/registry.js';
import { Config } from '../core/config.js';
import { History } from '../core/history.js';
import { tmpdir, testEnv, ROOT, DIST } from './helpers/index.js';

const KEY = { enter: '\r', tab: '\t', esc: '\x1b', ctrlC: '\x03', up: '\x1b[A', down: '\x1b[B', left: '\x1b[D', right: '\x1b[C', f1: '\x1bOP', backspace: '\x7f' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function mount(opts: { cols?: number; rows?: number; color?: boolean; header?: Partial<HeaderInfo>; logsBuffer?: number; onSubmit?(t: string): void; onCancel?(): boolean; wizard?: () => Wizard | undefined } = {}) {
  const h = headlessScreen(opts.cols ?? 160, opts.rows ?? 48);
  const store = new Store({ header: { version: '9.9.9', model: 'openai/gpt-4o', ...opts.header }, logsBuffer: opts.logsBuffer });
  const submitted: string[] = [];
  let quit = false;
  const app = new App({
    screen: h.screen,
    store,
    theme: makeTheme({ color: opts.color ?? false }),
    keymap: loadKeymap(testEnv()),
    onSubmit: (t) => {
      submitted.push(t);
      opts.onSubmit?.(t);
    },
    onCancel: opts.onCancel,
    onQuit: () => (quit = true),
    onFormAction: (a, ch) => opts.wizard?.()?.onAction(a, ch),
  });
  const text = () => {
    if (!app.isClosed) app.renderNow();
    return screenText(h.screen).join('\n');
  };
  /** Send bytes as a terminal would, one key at a time, then let the app draw. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      h.type(k);
      await sleep(k === KEY.esc ? 60 : 5);
    }
    await sleep(30);
  };
  /** Wait until the screen shows RE (the kernel's first call loads code and opens history). */
  const until = async (re: RegExp, ms = 10_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const t = text();
      if (re.test(t)) return t;
      if (Date.now() > end) assert.fail(`the screen never showed ${re}:\n${t}`);
      await sleep(20);
    }
  };
  return { h, store, app, text, press, until, submitted, quitted: () => quit };
}

describe('layout', () => {
  test('the header and the four panes with their titles', () => {
    const { text, app } = mount({ header: { persona: 'expert', kubeContext: 'prod-eu', awsProfile: 'ops', dryRun: true } });
    const t = text();
    for (const title of ['Chat', 'Plan', 'Diff', 'Logs', 'Ask Nimbus']) assert.match(t, new RegExp(`[─q] \\[?${title}\\]? `), title);
    const header = t.split('\n')[0]!;
    for (const part of ['Nimbus v9.9.9', 'model: openai/gpt-4o', 'persona: expert', 'kube: prod-eu', 'aws: ops', '[DRY RUN]']) assert.ok(header.includes(part), `${part} in ${header}`);
    app.destroy();
  });

  test('a resize re-lays out the panes to the new size', async () => {
    const { h, text, app } = mount({ cols: 160, rows: 48 });
    const before = text().split('\n');
    assert.equal(before.length, 48);
    h.resize(100, 30);
    await sleep(50);
    const after = text().split('\n');
    assert.equal(after.length, 30);
    const inputTop = after.findIndex((l) => l.includes('[Ask Nimbus]'));
    assert.equal(inputTop, 27, 'the input line sits at the bottom');
    assert.equal(after[inputTop]!.length, 100, 'and spans the new width');
    const logsRow = after.find((l) => l.includes(' Logs '))!;
    assert.ok(logsRow.length <= 100 && logsRow.indexOf('Logs') > 50);
    app.destroy();
  });

  test('z zooms the focused pane to the whole area and back', async () => {
    const { text, press, store, app } = mount();
    await press(KEY.tab, KEY.tab); // input → chat → plan
    assert.equal(store.state.focus, 'plan');
    await press('z');
    let t = text();
    assert.match(t, /\[Plan\]/);
    assert.doesNotMatch(t, / Chat | Logs | Diff /);
    assert.equal(t.split('\n')[1]!.length, 160, 'the zoomed pane is full width');
    await press('z');
    t = text();
    for (const title of ['Chat', 'Diff', 'Logs']) assert.match(t, new RegExp(` ${title} `));
    app.destroy();
  });

  test('? opens the help overlay listing the keymap, Esc closes it', async () => {
    const { text, press, app } = mount();
    await press(KEY.f1);
    let t = text();
    assert.match(t, /Keys/);
    assert.match(t, /quit Nimbus/);
    assert.match(t, /zoom the focused pane/);
    await press(KEY.esc);
    t = text();
    assert.doesNotMatch(t, /quit Nimbus/);
    await press(KEY.tab, '?');
    assert.match(text(), /cancel the running step/);
    app.destroy();
  });
});

describe('input and keys', () => {
  test('typing then Enter sends the line; q in the input is typed, not quit', async () => {
    const { press, submitted, quitted, store, app } = mount();
    await press(...'quota of my account?'.split(''), KEY.enter);
    assert.deepEqual(submitted, ['quota of my account?']);
    assert.equal(quitted(), false);
    assert.equal(store.state.input.text, '');
    app.destroy();
  });

  test('from a pane, q quits and restores the terminal (leaves the alternate screen, shows the cursor)', async () => {
    const { press, quitted, h, app } = mount();
    await press(KEY.tab, 'q');
    assert.equal(quitted(), true);
    assert.equal(app.isClosed, true);
    await sleep(20);
    const out = h.written();
    assert.ok(out.lastIndexOf('\x1b[?1049l') > out.lastIndexOf('\x1b[?1049h'), 'left the alternate screen');
    assert.ok(out.lastIndexOf('\x1b[?25h') > out.lastIndexOf('\x1b[?25l'), 'cursor shown again');
    assert.equal(h.input.isRaw, false, 'raw mode off');
  });

  test('Ctrl-C once cancels the running step, twice quits', async () => {
    let cancels = 0;
    const { press, quitted, store, text, app } = mount({ onCancel: () => (++cancels, true) });
    store.setBusy(true);
    await press(KEY.ctrlC);
    assert.equal(cancels, 1);
    assert.equal(quitted(), false);
    assert.match(text(), /Press Ctrl-C again to quit/);
    await press(KEY.ctrlC);
    assert.equal(quitted(), true);
    assert.ok(app.isClosed);
  });

  test('scrolling the Logs pane moves the window and says how far up it is', async () => {
    const { store, press, text, app } = mount();
    for (let i = 0; i < 200; i++) store.log(`log line ${i}`);
    let t = text();
    assert.match(t, /log line 199/);
    await press(KEY.tab, KEY.tab, KEY.tab, KEY.tab); // → logs
    await press('\x1b[5~'); // PageUp
    t = text();
    assert.doesNotMatch(t, /log line 199/);
    assert.match(t, /Logs \(scrolled \d+ up\)/);
    await press('\x1b[F'); // End: follow again
    assert.match(text(), /log line 199/);
    app.destroy();
  });
});

describe('panes', () => {
  test('chat streams, the spinner shows while waiting, plan statuses and the diff show', async () => {
    const { store, text, app } = mount();
    store.addMessage('user', 'make a bucket');
    store.setBusy(true);
    assert.match(text(), /thinking\.\.\. \d+s/);
    store.appendAssistant('I will create ');
    assert.match(text(), /Nimbus: I will create/);
    store.appendAssistant('the bucket {data}.');
    store.setPlan([
      { id: 1, title: 'check names', status: 'done' },
      { id: 2, title: 'create bucket', status: 'running', tool: 'aws/s3-create' },
      { id: 3, title: 'tag it', status: 'failed', note: 'AccessDenied' },
      { id: 4, title: 'delete old', status: 'refused' },
      { id: 5, title: 'report', status: 'pending' },
    ]);
    store.setDiff({ title: '[update] fs/write: write main.tf', diff: '--- main.tf\n+++ main.tf\n@@ -1 +1 @@\n-a = 1\n+a = 2\n', pending: true });
    store.setBusy(false);
    const t = text();
    assert.match(t, /I will create the bucket \{data\}\./, 'braces are text, not blessed tags');
    assert.doesNotMatch(t, /thinking/);
    for (const s of [/\[x\] 1\. check names done/, /\[>\] 2\. create bucket running \(aws\/s3-create\)/, /\[!\] 3\. tag it failed/, /AccessDenied/, /\[-\] 4\. delete old refused/, /\[ \] 5\. report pending/]) assert.match(t, s);
    assert.match(t, /awaiting your answer/);
    assert.match(t, /\+a = 2/);
    app.destroy();
  });

  test('colours from the theme; ui.colors false / NO_COLOR draw no colour at all', async () => {
    const sgr = async (color: boolean) => {
      const { store, h, app } = mount({ color });
      store.addMessage('user', 'hi');
      store.setPlan([{ id: 1, title: 'x', status: 'failed' }]);
      store.setDiff({ title: 'd', diff: '-old\n+new\n' });
      app.renderNow();
      await sleep(30);
      const codes = [...h.written().matchAll(/\x1b\[([0-9;]*)m/g)].flatMap((m) => m[1]!.split(';'));
      app.destroy();
      return codes;
    };
    const colour = /^(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38|48)$/;
    const on = await sgr(true);
    assert.ok(on.some((c) => colour.test(c)), `colours are drawn: ${[...new Set(on)].join(' ')}`);
    assert.deepEqual((await sgr(false)).filter((c) => colour.test(c)), [], 'no colour codes');
  });

  test('a flood of log lines keeps the last logs_buffer lines and draws a handful of frames', async () => {
    const { store, app, text } = mount({ logsBuffer: 1000 });
    const frames = app.frames;
    for (let i = 0; i < 50_000; i++) store.log(`flood ${i}`);
    await sleep(60);
    assert.ok(app.frames - frames <= 3, `coalesced into ${app.frames - frames} frames`);
    assert.equal(store.state.logs.length, 1000);
    const t = text();
    assert.match(t, /flood 49999/);
    assert.match(t, /50000 lines, 49000 dropped/);
    app.destroy();
  });
});

describe('approval dialogs (the kernel approver)', () => {
  function setup() {
    const env = testEnv();
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    const ws = tmpdir('nimbus-tui-ws-');
    fs.writeFileSync(path.join(ws, 'existing.txt'), 'orig\n');
    const registry = Registry.discover({ env, builtinDir: path.join(ROOT, 'fixtures', 'host-plugins'), builtinCodeDir: path.join(DIST, 'fixtures', 'host-plugins'), installedDir: tmpdir() });
    const m = mount();
    const kernel = new Kernel({ workspace: ws, env, registry, config: Config.load({ env }), history: History.open({ env }), approver: new TuiApprover(m.store) });
    return { ...m, ws, kernel };
  }

  test('create: a confirm dialog; y approves and it runs', async () => {
    const { kernel, ws, press, text, until, app } = setup();
    const call = kernel.call('effects/create', { name: 'made.txt' });
    const t = await until(/Confirm: create/);
    assert.match(t, /Confirm: create effects\/create made\.txt/);
    assert.match(t, /\[ Create it \]/);
    assert.match(t, /\[ Refuse \]/);
    await press('y');
    const r = await call;
    assert.equal(r.status, 'success');
    assert.ok(fs.existsSync(path.join(ws, 'made.txt')));
    assert.doesNotMatch(text(), /Confirm: create/);
    app.destroy();
  });

  test('update: the diff in the dialog and the Diff pane; Enter alone refuses and nothing changes', async () => {
    const { kernel, ws, press, text, until, app } = setup();
    const call = kernel.call('effects/update', { name: 'existing.txt' }).catch((e) => e);
    const t = await until(/Review the diff/);
    assert.match(t, /Review the diff: update effects\/update existing\.txt/);
    assert.match(t, /awaiting your answer/);
    assert.match(t, /│\+updated\s+│/, "the added line in the dialog");
    assert.match(t, /^│\+updated\s+││/m, "and in the Diff pane");
    await press(KEY.enter);
    const e = await call;
    assert.equal(e.code, 'NIMBUS_E_REFUSED');
    assert.equal(fs.readFileSync(path.join(ws, 'existing.txt'), 'utf8'), 'orig\n');
    assert.match(text(), /refused: not approved/);
    app.destroy();
  });

  test('delete: the person types the name; a wrong name changes nothing, the right name runs it', async () => {
    const { kernel, ws, press, until, app } = setup();
    const file = path.join(ws, 'existing.txt');
    let call = kernel.call('effects/delete', { name: 'existing.txt' }).catch((e) => e);
    await until(/Type the name "existing\.txt" to delete it/);
    await press(...'existing.tx'.split(''), KEY.enter);
    const e = await call;
    assert.equal(e.code, 'NIMBUS_E_REFUSED');
    assert.match(e.message, /does not match/);
    assert.ok(fs.existsSync(file), 'a wrong name deletes nothing');

    call = kernel.call('effects/delete', { name: 'existing.txt' });
    await until(/Type the name/);
    await press(...'existing.txt'.split(''), KEY.enter);
    const r = await call;
    assert.equal(r.status, 'success');
    assert.equal(fs.existsSync(file), false);
    app.destroy();
  });

  test('Esc in the type-the-name dialog cancels; nothing is deleted', async () => {
    const { kernel, ws, press, until, app } = setup();
    const call = kernel.call('effects/delete', { name: 'existing.txt' }).catch((e) => e);
    await until(/Type the name/);
    await press(...'existing.txt'.split(''), KEY.esc);
    assert.equal((await call).code, 'NIMBUS_E_REFUSED');
    assert.ok(fs.existsSync(path.join(ws, 'existing.txt')));
    app.destroy();
  });
});

describe('questionnaire form', () => {
  const Q: Questionnaire = {
    title: 'Test Generator',
    steps: [
      { id: 'cloud', title: 'Cloud', questions: [{ key: 'provider', prompt: 'Which cloud provider?', kind: 'choice', choices: [{ value: 'aws', label: 'AWS' }, { value: 'gcp', label: 'Google Cloud Platform' }], default: (a) => a.provider ?? 'aws' }] },
      {
        id: 'net',
        title: 'Networking',
        questions: [
          { key: 'net.azs', prompt: 'Availability zones', kind: 'int', default: (a) => a.net?.azs ?? 3 },
          { key: 'net.nat', prompt: 'NAT gateway?', kind: 'bool', default: () => true, when: (a) => a.provider === 'aws' },
        ],
      },
    ],
    parseAnswer(q, typed, a) {
      const t = typed.trim();
      if (t === '') return { value: q.default(a) };
      if (q.kind === 'choice') return { value: q.choices![Number(t) - 1]!.value };
      if (q.kind === 'bool') return { value: t === 'y' };
      if (q.kind === 'int') return /^\d+$/.test(t) && Number(t) <= 6 ? { value: Number(t) } : { error: 'give a number from 1 to 6' };
      return { value: t };
    },
    setKey(a, key, v) {
      const parts = key.split('.');
      let cur = a;
      for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
      cur[parts.at(-1)!] = v;
    },
    getKey: (a, key) => key.split('.').reduce<any>((o, k) => o?.[k], a),
    buttons: ['Generate', 'Modify Config', 'Cancel'],
  };

  test('steps, arrow keys, a checked answer, Esc back, and the summary box', async () => {
    let wizard: Wizard | undefined;
    const m = mount({ wizard: () => wizard });
    wizard = new Wizard(m.store, Q);
    const result = wizard.run();
    await sleep(20);
    let t = m.text();
    assert.match(t, /Step 1 of 2: Cloud/);
    assert.match(t, /> AWS/);
    await m.press(KEY.down);
    assert.match(m.text(), /> Google Cloud Platform/);
    await m.press(KEY.enter);
    t = m.text();
    assert.match(t, /Step 2 of 2: Networking/);
    assert.match(t, /\[3\]/, 'the default is shown');
    await m.press('9', KEY.enter);
    assert.match(m.text(), /give a number from 1 to 6/);
    await m.press(KEY.backspace, '2', KEY.enter);
    // gcp: the NAT question does not apply → the summary.
    t = m.text();
    assert.match(t, /Configuration/);
    assert.match(t, /Which cloud provider: Google Cloud Platform/);
    assert.match(t, /Availability zones: 2/);
    assert.match(t, /\[ Generate \].*\[ Modify Config \].*\[ Cancel \]/);
    await m.press(KEY.right, KEY.enter); // Modify Config: back to step 1 with the answers as defaults
    assert.match(m.text(), /Step 1 of 2/);
    assert.match(m.text(), /> Google Cloud Platform/);
    await m.press(KEY.up, KEY.enter); // AWS
    await m.press(KEY.enter); // keep 2 zones
    assert.match(m.text(), /NAT gateway\?/);
    await m.press(KEY.esc); // back to the zones question
    assert.match(m.text(), /Availability zones/);
    await m.press(KEY.enter, KEY.down, KEY.enter); // NAT: No
    await m.press(KEY.enter); // Generate (selected first)
    assert.deepEqual(await result, { provider: 'aws', net: { azs: 2, nat: false } });
    m.app.destroy();
  });

  test('Esc on the first question leaves the form with nothing', async () => {
    let wizard: Wizard | undefined;
    const m = mount({ wizard: () => wizard });
    wizard = new Wizard(m.store, Q);
    const result = wizard.run();
    await sleep(20);
    await m.press(KEY.esc);
    assert.equal(await result, undefined);
    assert.doesNotMatch(m.text(), /Step 1/);
    m.app.destroy();
  });
});

describe('runTui on a headless screen', () => {
  const terraformReady = fs.existsSync(path.join(DIST, 'plugins', 'terraform', 'lib', 'steps.js')) && fs.existsSync(path.join(ROOT, 'plugins', 'terraform', 'nimbus.plugin.json'));
  test('wizard mode (nimbus generate terraform on a terminal): the form, the summary, the files, then back to the shell with the result', { skip: terraformReady ? false : 'the Terraform plugin (plugins/terraform) is not built here' }, async () => {
    const { PassThrough } = await import('node:stream');
    const { TuiCommand } = await import('../tui/app/command.js');
    const { runTui } = await import('../tui/app/run.js');
    const env = testEnv();
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    // No terraform binary: the plugin's checks say "skipped" (they are tested with the plugin).
    fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), 'terraform:\n  binary: /nonexistent/terraform\n');
    const ws = tmpdir('nimbus-tui-wizard-');
    const h = headlessScreen(160, 48);
    let out = '';
    const stdout = new PassThrough();
    stdout.on('data', (d) => (out += d));
    const cmd = new TuiCommand();
    cmd.context = { stdin: h.input, stdout, stderr: new PassThrough(), env, cwd: ws, colorDepth: 1 } as any;
    cmd.debug = false;
    const done = runTui(cmd, { wizard: 'terraform', out: 'infra', answers: { name: 'shop-api' }, screen: h.screen });
    const until = async (re: RegExp) => {
      for (let i = 0; i < 400; i++) {
        const t = screenText(h.screen).join('\n');
        if (re.test(t)) return t;
        await sleep(25);
      }
      assert.fail(`never showed ${re}:\n${screenText(h.screen).join('\n')}`);
    };
    await until(/Step 1 of 6: Cloud provider/);
    let guard = 0;
    while (!/Generate Terraform/.test(screenText(h.screen).join('\n')) && guard++ < 60) {
      h.type(KEY.enter);
      await sleep(40);
    }
    const summary = await until(/\[ Generate Terraform \]/);
    assert.match(summary, /Project name: shop-api/, 'answers given up front are the defaults');
    h.type(KEY.enter);
    assert.equal(await done, 0);
    assert.ok(fs.existsSync(path.join(ws, 'infra', 'main.tf')), 'main.tf written');
    assert.match(out, /infra/);
  });
});
