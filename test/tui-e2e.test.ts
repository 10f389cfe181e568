/**
 * The real `nimbus` binary in tmux: the full-screen TUI as a person uses it,
 * with the LLM fixture server (real wire protocol) standing in for the model.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { LlmFixtureServer, lastUserText, toolResults } from '../fixtures/llm/server.js';
import { BIN, DIST, ROOT, testEnv, tmpdir, spawnNimbus } from './helpers/index.js';
import { Tmux, tmuxAvailable } from './tui-helpers.js';

const HAVE_TMUX = tmuxAvailable();
const skipNoTmux = HAVE_TMUX ? false : 'tmux is not installed (.ci/setup.d/60-tui.packages installs it)';

let llm: LlmFixtureServer;
const sessions: Tmux[] = [];

before(async () => {
  llm = await LlmFixtureServer.start();
});
after(async () => {
  for (const s of sessions) s.kill();
  await llm?.close();
});

/** A NIMBUS_HOME whose config points the OpenAI provider at the fixture server, and a workspace. */
function setup(extraConfig = '') {
  const env = testEnv();
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  fs.writeFileSync(
    path.join(env.NIMBUS_HOME, 'config.yaml'),
    `llm:\n  default_provider: openai\n  default_model: gpt-4o\n  providers:\n    openai:\n      base_url: ${llm.baseUrl('openai')}\n      api_key: sk-fixture\n      max_retries: 0\n${extraConfig}`,
  );
  const ws = tmpdir('nimbus-tui-e2e-');
  return { env, ws };
}

function open(env: NodeJS.ProcessEnv, ws: string, argv: string[] = [], size = { width: 160, height: 48 }): Tmux {
  const t = new Tmux();
  sessions.push(t);
  t.start([process.execPath, BIN, ...argv], { env, cwd: ws, ...size });
  return t;
}

const PANES = /Chat[\s\S]*Plan[\s\S]*Diff[\s\S]*Logs[\s\S]*Ask Nimbus/;

test('without a terminal, nimbus prints the help and exits 2 (never waits)', async () => {
  const started = Date.now();
  const r = await spawnNimbus([], { env: testEnv(), timeoutMs: 20_000 });
  assert.equal(r.code, 2);
  assert.match(r.stdout, /nimbus <command>/);
  assert.ok(Date.now() - started < 20_000);
});

test('nimbus chat --tui without a terminal is a one-line usage error, exit 2', async () => {
  const r = await spawnNimbus(['chat', '--tui'], { env: testEnv(), timeoutMs: 20_000 });
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /needs a terminal/);
});

describe('the TUI in tmux', { skip: skipNoTmux }, () => {
  test('nimbus chat --tui opens it with the model and persona given', async () => {
    const { env, ws } = setup();
    const t = open(env, ws, ['chat', '--tui', '--model', 'openai/gpt-4o-mini', '--persona', 'expert']);
    await t.waitFor(PANES);
    const s = await t.waitFor(/model: openai\/gpt-4o-mini/);
    assert.match(s.split('\n')[0]!, /persona: expert/);
    t.keys('Escape');
    t.keys('q');
    await t.waitFor(/__EXIT=0/);
    t.kill();
  });

  test('the header and the four pane titles show; q leaves a clean terminal', async () => {
    const { env, ws } = setup();
    const t = open(env, ws);
    await t.waitFor(PANES, 20_000, 'the four panes');
    const screen = await t.waitFor(/model: openai/, 10_000, 'the model in the header');
    const header = screen.split('\n')[0]!;
    assert.match(header, /Nimbus v\d+\.\d+\.\d+/);
    assert.match(header, /model: openai\/gpt-4o/);
    assert.match(header, /persona: professional/);
    assert.equal(t.display('#{alternate_on}'), '1', 'the TUI uses the alternate screen');
    t.keys('Tab');
    t.keys('q');
    const after = await t.waitFor(/__EXIT=\d+/, 10_000, 'nimbus to exit');
    assert.match(after, /__EXIT=0/);
    assert.doesNotMatch(after, /Ask Nimbus|Logs/, 'the TUI is gone from the screen');
    assert.equal(t.display('#{alternate_on}'), '0', 'back on the normal screen');
    assert.equal(t.display('#{cursor_flag}'), '1', 'the cursor is visible');
    assert.equal(t.display('#{mouse_any_flag}'), '0', 'no mouse reporting left on');
    t.kill();
  });

  test('a question typed into the input gets a streamed answer', async () => {
    const { env, ws } = setup();
    llm.reset().enqueue({ text: 'Streaming answer: alpha beta gamma delta epsilon zeta eta theta iota kappa.', chunkSize: 6, chunkDelayMs: 120 });
    const t = open(env, ws);
    await t.waitFor(PANES);
    t.type('What is a VPC?');
    t.keys('Enter');
    // Part of the answer shows before the rest has arrived.
    const partial = await t.waitFor((s) => /Nimbus: Streaming/.test(s) && !/kappa\./.test(s), 15_000, 'a partly streamed answer');
    assert.match(partial, /You: +What is a VPC\?/);
    await t.waitFor(/kappa\./, 15_000, 'the whole answer');
    assert.equal(llm.requests.length, 1);
    assert.equal(llm.requests[0]!.stream, true);
    assert.equal(lastUserText(llm.requests[0]!), 'What is a VPC?');
    t.keys('Tab');
    t.keys('q');
    await t.waitFor(/__EXIT=0/);
    t.kill();
  });

  test('a delete the model asks for opens the type-the-name dialog: a wrong name changes nothing, the right name deletes', async () => {
    const { env, ws } = setup();
    const victim = path.join(ws, 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    // The model plans one step and asks for fs/delete; once it has the result it reports it.
    llm.reset().script((req) => {
      const last = req.messages[req.messages.length - 1]!;
      if (last.role === 'user') {
        return {
          text: 'I will delete victim.txt.',
          toolCalls: [
            { name: 'nimbus_plan', input: { steps: [{ title: 'Delete victim.txt', tool: 'fs__delete' }] } },
            { name: 'fs__delete', input: { path: 'victim.txt' } },
          ],
        };
      }
      const results = toolResults(req);
      return { text: `Tool said: ${results[results.length - 1]!.content.slice(0, 80)}` };
    });
    const t = open(env, ws);
    await t.waitFor(PANES);
    t.type('delete victim.txt');
    t.keys('Enter');
    let s = await t.waitFor(/Type the name "victim\.txt"/, 20_000, 'the type-the-name dialog');
    assert.match(s, /fs\/delete/);
    assert.match(s, /awaiting your answer/, 'the Diff pane shows the pending change');
    t.type('victim.tx');
    t.keys('Enter');
    s = await t.waitFor(/Tool said: REFUSED/, 20_000, 'the model to hear the refusal');
    assert.match(s, /\[-\] 1\. Delete victim\.txt refused/, 'the Plan pane shows the step refused');
    assert.ok(fs.existsSync(victim), 'a wrong name deletes nothing');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');

    // Ask again and type the right name.
    llm.requests.length = 0;
    t.type('delete victim.txt');
    t.keys('Enter');
    await t.waitFor((x) => /Type the name "victim\.txt"/.test(x) && llm.requests.length > 0, 20_000, 'the dialog again');
    t.type('victim.txt');
    t.keys('Enter');
    await t.waitFor(() => !fs.existsSync(victim), 20_000, 'the file to be deleted');
    s = await t.waitFor(/\[x\] 1\. Delete victim\.txt done/, 20_000, 'the step done');
    assert.match(s, /< fs\/delete success/, 'the Logs pane shows the call');
    t.keys('Tab');
    t.keys('q');
    await t.waitFor(/__EXIT=0/);
    t.kill();
  });

  test('in a read-only context (here the GCP project) a change the model asks for is refused without a dialog', async () => {
    const { env, ws } = setup('safety:\n  contexts:\n    "prod-*":\n      read_only: true\n');
    env.CLOUDSDK_CORE_PROJECT = 'prod-data';
    llm.reset().script((req) => {
      const last = req.messages[req.messages.length - 1]!;
      if (last.role === 'user') return { text: 'Writing the note.', toolCalls: [{ name: 'fs__write', input: { path: 'note.txt', content: 'hello\n' } }] };
      const results = toolResults(req);
      return { text: `Tool said: ${results[results.length - 1]!.content.slice(0, 160)}` };
    });
    const t = open(env, ws);
    await t.waitFor(PANES);
    t.type('write a note');
    t.keys('Enter');
    const s = await t.waitFor(/Tool said: REFUSED/, 20_000, 'the model to hear the refusal');
    assert.match(s.replace(/\s+/g, ' '), /context "prod-data" is read-only/);
    assert.doesNotMatch(s, /Approve|\[ Refuse \]/, 'no approval dialog was opened');
    assert.equal(fs.existsSync(path.join(ws, 'note.txt')), false);
    t.keys('Tab');
    t.keys('q');
    await t.waitFor(/__EXIT=0/);
    t.kill();
  });

  test('resizing the tmux window re-lays out the panes', async () => {
    const { env, ws } = setup();
    const t = open(env, ws);
    await t.waitFor(PANES);
    t.resize(100, 30);
    const s = await t.waitFor((x) => {
      const rows = x.replace(/\n+$/, '').split('\n');
      return rows.length === 30 && rows.some((r) => /\[Ask Nimbus\]/.test(r)) && rows.every((r) => r.length <= 100) && /Logs/.test(x);
    }, 10_000, 'the panes at 100x30');
    const rows = s.replace(/\n+$/, '').split('\n');
    assert.equal(rows.findIndex((r) => /\[Ask Nimbus\]/.test(r)), 27, 'the input line moved to the new bottom');
    for (const title of ['Chat', 'Plan', 'Diff', 'Logs']) assert.match(s, new RegExp(title));
    t.resize(160, 48);
    await t.waitFor((x) => x.replace(/\n+$/, '').split('\n').findIndex((r) => /\[Ask Nimbus\]/.test(r)) === 45, 10_000, 'the panes back at 160x48');
    t.kill();
  });

  test('an uncaught error still restores the terminal and says what happened in one line', async () => {
    const { env, ws } = setup();
    const script = path.join(tmpdir('nimbus-tui-crash-'), 'crash.mjs');
    fs.writeFileSync(
      script,
      [
        `import { openTui } from ${JSON.stringify(pathToFileURL(path.join(DIST, 'tui', 'app', 'command.js')).href)};`,
        `setTimeout(() => { throw new Error('boom from a broken component'); }, 2500);`,
        `process.exitCode = await openTui({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });`,
      ].join('\n'),
    );
    const t = new Tmux();
    sessions.push(t);
    t.start([process.execPath, script], { env, cwd: ws });
    await t.waitFor(PANES);
    const s = await t.waitFor(/__EXIT=\d+/, 15_000, 'the crash');
    assert.match(s, /nimbus: boom from a broken component/);
    assert.doesNotMatch(s, /\n\s+at /, 'no stack trace without --debug');
    assert.match(s, /__EXIT=1/);
    assert.equal(t.display('#{alternate_on}'), '0');
    assert.equal(t.display('#{cursor_flag}'), '1');
    t.kill();
  });

  test('SIGTERM restores the terminal too', async () => {
    const { env, ws } = setup();
    const t = open(env, ws);
    await t.waitFor(PANES);
    const shell = Number(t.display('#{pane_pid}'));
    const child = spawnSync('ps', ['-o', 'pid=', '--ppid', String(shell)], { encoding: 'utf8' }).stdout.trim().split(/\s+/).map(Number)[0]!;
    assert.ok(child > 0, 'nimbus runs under the pane shell');
    process.kill(child, 'SIGTERM');
    const s = await t.waitFor(/__EXIT=\d+/, 10_000, 'nimbus to exit');
    assert.match(s, /__EXIT=143/);
    assert.equal(t.display('#{alternate_on}'), '0');
    assert.equal(t.display('#{cursor_flag}'), '1');
    t.kill();
  });

  const terraformReady = fs.existsSync(path.join(DIST, 'plugins', 'terraform', 'lib', 'steps.js')) && fs.existsSync(path.join(ROOT, 'plugins', 'terraform', 'nimbus.plugin.json'));
  test('the Terraform questionnaire walks its 6 steps and writes the files', { skip: terraformReady ? false : 'the Terraform plugin (plugins/terraform) is not built here' }, async () => {
    // terraform init/validate of every environment is the Terraform plugin's own test; here no binary, so the checks say "skipped".
    const { env, ws } = setup('terraform:\n  binary: /nonexistent/terraform\n');
    const t = open(env, ws);
    await t.waitFor(PANES);
    t.type('/terraform');
    t.keys('Enter');
    await t.waitFor(/Step 1 of 6: Cloud provider/, 20_000, 'step 1');
    assert.match(t.capture(), /> AWS/);
    t.keys('Down');
    await t.waitFor(/> Google Cloud Platform/);
    t.keys('Up');
    await t.waitFor(/> AWS/);
    const seen = new Set<number>();
    // Accept each default until the summary box.
    for (let i = 0; i < 60; i++) {
      const s = t.capture();
      const m = /Step (\d) of 6/.exec(s);
      if (m) seen.add(Number(m[1]));
      if (/Generate Terraform/.test(s)) break;
      t.keys('Enter');
      await new Promise((r) => setTimeout(r, 150));
    }
    assert.deepEqual([...seen].sort(), [1, 2, 3, 4, 5, 6]);
    const summary = await t.waitFor(/\[ Generate Terraform \][\s\S]*\[ Modify Config \][\s\S]*\[ Cancel \]/);
    assert.match(summary, /Which cloud provider: AWS/);
    t.keys('Enter');
    // Files are written one by one: wait for the root main.tf itself, not just the first .tf file.
    await t.waitFor(() => fs.readdirSync(ws, { recursive: true }).some((f) => /(^|\/)main\.tf$/.test(String(f))), 60_000, 'Terraform files in the workspace');
    const tf = fs.readdirSync(ws, { recursive: true }).map(String).filter((f) => f.endsWith('.tf'));
    assert.ok(tf.some((f) => /main\.tf$/.test(f)), `a main.tf among ${tf.join(', ')}`);
    const s = await t.waitFor(/Checks:/, 20_000, 'the result in the chat');
    assert.doesNotMatch(s, /Error: /);
    t.keys('Tab');
    t.keys('q');
    await t.waitFor(/__EXIT=0/);
    t.kill();
  });
});
