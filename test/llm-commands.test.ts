/**
 * The commands end to end (in-process CLI, real SDKs, fixture servers):
 * ask, chat with /model /persona /clear /exit, explain, fix, and what happens
 * with no provider configured.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { LlmFixtureServer, lastUserText } from '../fixtures/llm/server.js';
import { ScriptedApprover } from '../core/approval.js';
import { History } from '../core/history.js';
import { detectKind } from '../tui/line/files.js';
import { llmEnv, workspace, MODEL, KEYS } from './llm-helpers.js';
import { runNimbus, testEnv, snapshot, spawnNimbus } from './helpers/index.js';

let server: LlmFixtureServer;
before(async () => {
  server = await LlmFixtureServer.start();
});
after(async () => {
  await server.close();
});

function stdinWith(lines: string[]): NodeJS.ReadableStream {
  const s = Object.assign(new PassThrough(), { isTTY: false });
  s.end(lines.map((l) => l + '\n').join(''));
  return s;
}

test('ask streams the answer to stdout only, and records model, tokens and cost', async () => {
  const env = llmEnv(server, 'anthropic');
  server.reset().enqueue({ text: 'A pod is the smallest deployable unit.', usage: { input: 1000, output: 10 } });
  const r = await runNimbus(['ask', 'what', 'is', 'a', 'pod?'], { env, cwd: workspace() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'A pod is the smallest deployable unit.\n');
  assert.equal(r.stderr, '');
  assert.equal(lastUserText(server.requests[0]!), 'what is a pod?');
  const h = History.open({ env });
  try {
    const row = h.query({ type: 'ask' })[0]!;
    assert.equal(row.model, `anthropic/${MODEL.anthropic}`);
    assert.equal(row.tokens_used, 1010);
    assert.equal(row.cost_usd, (1000 * 3 + 10 * 15) / 1e6);
    assert.equal(JSON.parse(row.input!).prompt, 'what is a pod?');
  } finally {
    h.close();
  }
});

test('ask --json gives the final answer, the tool calls, tokens and cost', async () => {
  const ws = workspace({ 'main.tf': 'terraform {}\n' });
  const env = llmEnv(server, 'openai');
  server.reset().enqueue({ text: 'Checking.', toolCalls: [{ name: 'fs__list', input: { path: '.' } }] }, { text: 'There is one file: main.tf.', usage: { input: 50, output: 8 } });
  const r = await runNimbus(['ask', '--json', 'which files are here?'], { env, cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.answer, 'There is one file: main.tf.');
  assert.equal(out.model, 'openai/gpt-4o');
  assert.deepEqual(out.tool_calls.map((c: any) => [c.tool, c.effect, c.status]), [['fs/list', 'read', 'success']]);
  assert.ok(out.usage.input_tokens >= 50 && out.usage.output_tokens >= 8);
  assert.equal(typeof out.cost_usd, 'number');
  assert.equal(out.steps, 2);
});

test('--model picks the provider for one command; bad names and flags are usage errors', async () => {
  const env = llmEnv(server, 'anthropic');
  server.reset();
  let r = await runNimbus(['ask', '--model', 'ollama/llama3.2', 'hi'], { env, cwd: workspace() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.requests[0]!.provider, 'ollama');
  assert.equal(server.requests[0]!.model, 'llama3.2');
  r = await runNimbus(['ask', '--model', 'gemini-2.5-pro', 'hi'], { env, cwd: workspace() });
  assert.equal(server.requests[1]!.provider, 'google');
  // A bare name nobody claims goes to the default provider; with no default it is a usage error.
  r = await runNimbus(['ask', '--model', 'my-finetune', 'hi'], { env, cwd: workspace() });
  assert.deepEqual([server.requests[2]!.provider, server.requests[2]!.model], ['anthropic', 'my-finetune']);
  r = await runNimbus(['ask', '--model', 'mystery', 'hi'], { env: testEnv({ OPENAI_API_KEY: KEYS.openai }), cwd: workspace() });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^nimbus: model "mystery": cannot tell which provider serves it/);
  r = await runNimbus(['ask', '--persona', 'pirate', 'hi'], { env, cwd: workspace() });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^nimbus: --persona: "pirate" is not a persona \(professional, assistant, expert\)/);
});

test('a provider error is one line, exit 1, no stack trace', async () => {
  const env = llmEnv(server, 'anthropic');
  server.reset().setKeys({ anthropic: 'a-different-key' });
  try {
    const r = await runNimbus(['ask', 'hi'], { env, cwd: workspace() });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'nimbus: anthropic: the API key was rejected (401: invalid x-api-key) (set ANTHROPIC_API_KEY or llm.providers.anthropic.api_key)\n');
    assert.equal(r.stdout, '');
  } finally {
    server.setKeys({});
  }
});

test('chat: /model switches mid-chat and the conversation carries over; /persona, /clear, /exit', async () => {
  const env = llmEnv(server, 'anthropic');
  server.reset();
  const stdin = stdinWith(['hello', '/model openai/gpt-4o', 'which model now?', '/persona expert minimal', 'be brief', '/clear', 'fresh start', '/exit', 'never sent']);
  const r = await runNimbus(['chat'], { env, cwd: workspace(), stdin });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(server.requests.map((q) => q.provider), ['anthropic', 'openai', 'openai', 'openai']);
  assert.deepEqual(server.requests[1]!.messages.map((m) => [m.role, m.text]), [['user', 'hello'], ['assistant', 'Echo: hello'], ['user', 'which model now?']]);
  assert.match(server.requests[2]!.system, /Assume a senior cloud engineer/);
  assert.match(server.requests[2]!.system, /as few words as possible/);
  assert.deepEqual(server.requests[3]!.messages.map((m) => m.text), ['fresh start']);
  assert.equal(r.stdout, 'Echo: hello\nEcho: which model now?\nEcho: be brief\nEcho: fresh start\n');
  assert.match(r.stderr, /Nimbus chat · model anthropic\/claude-sonnet-4-20250514 · persona professional/);
  assert.match(r.stderr, /switched to openai\/gpt-4o/);
  assert.match(r.stderr, /persona: expert \(minimal\)/);
  assert.match(r.stderr, /conversation cleared/);
});

test('chat: a change the model proposes is asked about with the person\'s approver', async () => {
  const ws = workspace({ 'a.txt': 'one\n' });
  const env = llmEnv(server, 'google');
  server.reset().enqueue({ toolCalls: [{ name: 'fs__write', input: { path: 'a.txt', content: 'two\n' } }] }, { text: 'Changed.' });
  const approver = new ScriptedApprover(() => true);
  const r = await runNimbus(['chat'], { env, cwd: ws, stdin: stdinWith(['change a.txt to two', 'and now?']), approver });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fs.readFileSync(path.join(ws, 'a.txt'), 'utf8'), 'two\n');
  assert.equal(approver.asked.length, 1);
  assert.equal(approver.asked[0]!.tool, 'fs/write');
  assert.equal(approver.asked[0]!.origin, 'agent');
  assert.equal(r.stdout, 'Changed.\nEcho: and now?\n');
});

test('chat with no terminal and no approver: changes are refused, the chat continues', async () => {
  const ws = workspace({ 'a.txt': 'one\n' });
  const env = llmEnv(server, 'ollama');
  server.reset().enqueue({ toolCalls: [{ name: 'fs__delete', input: { path: 'a.txt' } }] }, { text: 'Could not delete.' }, { text: 'Still here.' });
  const r = await runNimbus(['chat'], { env, cwd: ws, stdin: stdinWith(['delete a.txt', 'still there?']) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fs.readFileSync(path.join(ws, 'a.txt'), 'utf8'), 'one\n');
  assert.match(r.stderr, /✗ fs\/delete refused/);
  assert.equal(r.stdout, 'Could not delete.\nStill here.\n');
});

test('chat: a failed request is reported on one line and the next line is still read', async () => {
  const env = llmEnv(server, 'openrouter', { maxRetries: 0 });
  server.reset().fail({ status: 500 });
  const r = await runNimbus(['chat'], { env, cwd: workspace(), stdin: stdinWith(['first', 'second']) });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /nimbus: openrouter: server error \(500: internal server error\)/);
  assert.equal(r.stdout, 'Echo: second\n');
  // The failed turn left nothing behind in the conversation.
  assert.deepEqual(server.requests[1]!.messages.map((m) => m.text), ['second']);
});

test('explain: the file goes to the model with its kind; only read tools are offered', async () => {
  const ws = workspace({ 'infra/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n' });
  const env = llmEnv(server, 'anthropic');
  server.reset().enqueue({ text: 'This creates one S3 bucket named acme-logs.' });
  const r = await runNimbus(['explain', 'infra/main.tf'], { env, cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'This creates one S3 bucket named acme-logs.\n');
  const req = server.requests[0]!;
  assert.match(lastUserText(req), /^Explain this Terraform \(infra\/main\.tf\)/);
  assert.match(lastUserText(req), /```hcl\nresource "aws_s3_bucket" "logs" \{/);
  assert.ok(req.tools.includes('fs__read'));
  assert.ok(!req.tools.includes('fs__write') && !req.tools.includes('fs__delete'), `write tools offered: ${req.tools}`);
  const missing = await runNimbus(['explain', 'nope.tf'], { env, cwd: ws });
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'nimbus: nope.tf: no such file\n');
});

test('explain recognises Terraform, Kubernetes, Helm, Dockerfile and shell files', () => {
  assert.equal(detectKind('/w/main.tf', ''), 'terraform');
  assert.equal(detectKind('/w/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), 'kubernetes');
  assert.equal(detectKind('/w/chart/templates/svc.yaml', 'metadata:\n  name: {{ .Release.Name }}\n'), 'helm');
  assert.equal(detectKind('/w/chart/Chart.yaml', 'apiVersion: v2\nname: x\n'), 'helm');
  assert.equal(detectKind('/w/Dockerfile', 'FROM node:20\n'), 'dockerfile');
  assert.equal(detectKind('/w/run', '#!/usr/bin/env bash\necho hi\n'), 'shell');
  assert.equal(detectKind('/w/notes.txt', 'hello'), 'other');
});

const BROKEN = 'resource "aws_instance" "web" {\n  ami = "ami-123"\n  instance_type = t3.micro\n}\n';
const FIXED = 'resource "aws_instance" "web" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n}\n';

test('fix: approved, the diff is shown and the file written', async () => {
  const ws = workspace({ 'main.tf': BROKEN });
  const env = llmEnv(server, 'openai');
  server.reset().enqueue({ toolCalls: [{ name: 'fs__write', input: { path: 'main.tf', content: FIXED } }] }, { text: '- quoted instance_type' });
  const approver = new ScriptedApprover(() => true);
  const r = await runNimbus(['fix', 'main.tf'], { env, cwd: ws, approver });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fs.readFileSync(path.join(ws, 'main.tf'), 'utf8'), FIXED);
  assert.match(approver.asked[0]!.preview.diff!, /-  instance_type = t3\.micro\n[\s\S]*\+  instance_type = "t3\.micro"/);
  assert.match(r.stderr, /fixed main\.tf/);
  assert.match(lastUserText(server.requests[0]!), /Fix the problems in this Terraform \(main\.tf\)/);
});

test('fix: refused (or no terminal) leaves the file untouched, exit 3', async () => {
  for (const approver of [new ScriptedApprover(() => false), undefined]) {
    const ws = workspace({ 'main.tf': BROKEN });
    const before = snapshot(ws);
    const env = llmEnv(server, 'anthropic');
    server.reset().enqueue({ toolCalls: [{ name: 'fs__write', input: { path: 'main.tf', content: FIXED } }] }, { text: 'Proposed a fix.' });
    const r = await runNimbus(['fix', 'main.tf'], { env, cwd: ws, approver });
    assert.equal(r.code, 3, r.stderr);
    assert.deepEqual(snapshot(ws), before);
    assert.match(r.stderr, /not written: the fix was refused; main\.tf is unchanged/);
  }
});

test('fix --dry-run shows the change and writes nothing; writes to other files are refused without asking', async () => {
  const ws = workspace({ 'main.tf': BROKEN, 'other.tf': 'x\n' });
  const before = snapshot(ws);
  const env = llmEnv(server, 'ollama');
  server.reset().enqueue({ toolCalls: [{ name: 'fs__write', input: { path: 'main.tf', content: FIXED } }] }, { text: 'ok' });
  let r = await runNimbus(['fix', '--dry-run', 'main.tf'], { env, cwd: ws, approver: new ScriptedApprover(() => true) });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(snapshot(ws), before);
  assert.match(r.stderr, /dry run: main\.tf was not changed/);

  const approver = new ScriptedApprover(() => true);
  server.reset().enqueue({ toolCalls: [{ name: 'fs__write', input: { path: 'other.tf', content: 'hijacked\n' } }] }, { text: 'done' });
  r = await runNimbus(['fix', 'main.tf'], { env, cwd: ws, approver });
  assert.deepEqual(snapshot(ws), before);
  assert.equal(approver.asked.length, 0);
  assert.match(r.stderr, /✗ fs\/write refused: nimbus fix may only write main\.tf, not other\.tf/);
});

test('fix: a corrected file given as a code block is proposed through the same approval', async () => {
  const ws = workspace({ 'main.tf': BROKEN });
  const env = llmEnv(server, 'google');
  server.reset().enqueue({ text: `Quote the instance type:\n\n\`\`\`hcl\n${FIXED}\`\`\`\n` });
  const approver = new ScriptedApprover(() => true);
  const r = await runNimbus(['fix', 'main.tf'], { env, cwd: ws, approver });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(approver.asked.length, 1);
  assert.equal(fs.readFileSync(path.join(ws, 'main.tf'), 'utf8'), FIXED);
});

test('no provider configured and no local Ollama: one paragraph on how to set one up; other commands keep working', async (t) => {
  const probe = await fetch('http://127.0.0.1:11434/api/tags', { signal: AbortSignal.timeout(300) }).then(() => true, () => false);
  if (probe) return t.skip('something answers on 127.0.0.1:11434 (a real Ollama?), so the "none found" case cannot be shown here');
  const env = testEnv();
  const r = await runNimbus(['ask', 'hi'], { env, cwd: workspace() });
  assert.equal(r.code, 1);
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, 'one paragraph');
  assert.match(r.stderr, /^nimbus: No LLM provider is configured, and no local Ollama answered at http:\/\/127\.0\.0\.1:11434\. .*ANTHROPIC_API_KEY.*ollama serve.*OLLAMA_HOST.*llm\.providers\.openai\.base_url/);
  const list = await runNimbus(['config', 'list'], { env });
  assert.equal(list.code, 0, list.stderr);
  const tool = await runNimbus(['tool', 'run', 'fs/list', '--input', '{}'], { env, cwd: workspace({ 'x.txt': 'x' }) });
  assert.equal(tool.code, 0, tool.stderr);
  assert.match(tool.stdout, /x\.txt/);
});

test('no provider configured but a local Ollama answers on its default port: it is used', async (t) => {
  let local: LlmFixtureServer;
  try {
    local = await LlmFixtureServer.start({ port: 11434, models: ['llama3.2'] });
  } catch {
    return t.skip('port 11434 is taken on this machine');
  }
  try {
    local.enqueue({ text: 'from the local model' });
    const r = await runNimbus(['ask', 'hi'], { env: testEnv(), cwd: workspace() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'from the local model\n');
    assert.equal(local.requests.find((q) => q.path === '/api/chat')?.model, 'llama3.2');
  } finally {
    await local.close();
  }
});

test('OLLAMA_HOST alone is enough to use Ollama', async () => {
  server.reset().enqueue({ text: 'ollama via OLLAMA_HOST' });
  const r = await runNimbus(['ask', 'hi'], { env: testEnv({ OLLAMA_HOST: `127.0.0.1:${server.port}` }), cwd: workspace() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'ollama via OLLAMA_HOST\n');
  assert.equal(server.requests[0]!.provider, 'ollama');
});

test('the real binary: nimbus ask streams and exits 0, with OpenRouter\'s headers', async () => {
  const env = llmEnv(server, 'openrouter');
  server.reset().enqueue({ text: 'from the binary' });
  const r = await spawnNimbus(['ask', 'hi'], { env, cwd: workspace() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'from the binary\n');
  assert.equal(server.requests[0]!.apiKey, KEYS.openrouter);
  assert.equal(server.requests[0]!.headers['x-title'], 'Nimbus');
});
