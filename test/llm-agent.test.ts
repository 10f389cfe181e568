/**
 * The agent loop against the wire-protocol fixtures with a real kernel and the
 * fs plugin: multi-step tool calling on every provider, plans and their step
 * statuses, refusals reported back to the model, events, history.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LlmFixtureServer, toolResults } from '../fixtures/llm/server.js';
import { ScriptedApprover } from '../core/approval.js';
import { History } from '../core/history.js';
import type { AgentEvent } from '../core/agent/events.js';
import { PROVIDER_LIST, MODEL, agentFor, workspace, llmEnv } from './llm-helpers.js';
import { ROOT } from './helpers/index.js';

let server: LlmFixtureServer;
before(async () => {
  server = await LlmFixtureServer.start();
});
after(async () => {
  await server.close();
});

for (const provider of PROVIDER_LIST) {
  describe(`agent on ${provider}`, () => {
    test('plans, reads, writes after approval, answers; events and history follow', async () => {
      const ws = workspace({ 'app.conf': 'port = 80\n' });
      const approver = new ScriptedApprover(() => true);
      const { kernel, agent, env } = await agentFor(server, provider, ws, approver);
      server.reset().enqueue(
        { text: 'I will check the file first.', toolCalls: [{ name: 'nimbus_plan', input: { steps: [{ title: 'Read app.conf', tool: 'fs__read' }, { title: 'Change the port to 8080', tool: 'fs__write' }] } }] },
        { toolCalls: [{ name: 'fs__read', input: { path: 'app.conf' } }] },
        { toolCalls: [{ name: 'fs__write', input: { path: 'app.conf', content: 'port = 8080\n' } }] },
        { text: 'The port is now 8080.', usage: { input: 100, output: 20 } },
      );
      const events: AgentEvent[] = [];
      agent.subscribe((e) => events.push(e));
      const r = await agent.run('set the port in app.conf to 8080');
      await kernel.dispose();

      assert.equal(fs.readFileSync(path.join(ws, 'app.conf'), 'utf8'), 'port = 8080\n');
      assert.equal(r.answer, 'The port is now 8080.');
      assert.equal(r.steps, 4);
      assert.equal(r.stoppedBy, 'answer');
      assert.deepEqual(r.toolCalls.map((c) => [c.tool, c.status]), [['fs/read', 'success'], ['fs/write', 'success']]);
      assert.deepEqual(r.plan?.map((s) => [s.title, s.tool, s.status]), [['Read app.conf', 'fs/read', 'done'], ['Change the port to 8080', 'fs/write', 'done']]);
      assert.equal(r.verify.ok, true);

      // The person was asked about the write, with its exact input and the diff, as a call from the agent.
      assert.equal(approver.asked.length, 1);
      assert.equal(approver.asked[0]!.tool, 'fs/write');
      assert.equal(approver.asked[0]!.origin, 'agent');
      assert.match(approver.asked[0]!.preview.diff ?? '', /-port = 80\n\+port = 8080/);

      // The model saw the file and the write's outcome as tool results.
      const results = toolResults(server.requests[3]!).map((x) => x.content);
      assert.match(results[1]!, /^Result of fs\/read[^\n]*\n\s*port = 80/);
      assert.match(results[2]!, /Result of fs\/write/);

      // Events, in order, for the TUI.
      const types = events.map((e) => e.type).filter((t) => t !== 'text' && t !== 'usage');
      assert.deepEqual(types.slice(0, 3), ['request_start', 'thinking', 'plan']);
      const writeStart = events.findIndex((e) => e.type === 'tool_start' && e.call.tool === 'fs/write');
      const preview = events.findIndex((e) => e.type === 'tool_preview' && e.asked);
      const writeEnd = events.findIndex((e) => e.type === 'tool_end' && e.call.tool === 'fs/write');
      assert.ok(writeStart >= 0 && writeStart < preview && preview < writeEnd, 'tool_start → tool_preview (asked) → tool_end');
      const stepStatuses = events.filter((e) => e.type === 'step').map((e) => (e as any).step.id + ':' + (e as any).step.status);
      assert.deepEqual(stepStatuses, ['1:running', '1:done', '2:running', '2:done']);
      assert.deepEqual(types.slice(-2), ['verify', 'done']);
      const text = events.filter((e) => e.type === 'text').map((e) => (e as any).delta).join('');
      assert.equal(text, 'I will check the file first.The port is now 8080.');

      // One history record for the request, with model, tokens and cost; the tool calls are linked to it.
      const h = History.open({ env });
      try {
        const row = h.get(r.requestId)!;
        assert.equal(row.type, 'ask');
        assert.equal(row.model, `${provider}/${MODEL[provider]}`);
        assert.equal(row.tokens_used, r.usage.inputTokens + r.usage.outputTokens);
        assert.ok(row.tokens_used! > 120);
        if (provider === 'ollama') assert.equal(row.cost_usd, 0);
        else assert.ok(row.cost_usd! > 0, 'cost recorded');
        const meta = JSON.parse(row.metadata!);
        assert.deepEqual(meta.tool_calls.map((c: any) => c.tool), ['fs/read', 'fs/write']);
        const write = h.get(meta.tool_calls[1].operation_id)!;
        assert.equal(write.command, 'fs/write');
        const wmeta = JSON.parse(write.metadata!);
        assert.equal(wmeta.origin, 'agent');
        assert.equal(wmeta.approval, 'person');
        assert.equal(wmeta.agent_request, r.requestId);
      } finally {
        h.close();
      }
    });
  });
}

test('a refused call is reported to the model as REFUSED; the same call is not asked twice', async () => {
  const ws = workspace({ 'keep.txt': 'precious\n' });
  const approver = new ScriptedApprover(() => false);
  const { kernel, agent } = await agentFor(server, 'anthropic', ws, approver);
  server.reset().enqueue(
    { toolCalls: [{ name: 'fs__delete', input: { path: 'keep.txt' } }] },
    { toolCalls: [{ name: 'fs__delete', input: { path: 'keep.txt' } }] },
    { text: 'I could not delete keep.txt: you refused.' },
  );
  const r = await agent.run('delete keep.txt');
  await kernel.dispose();
  assert.equal(fs.readFileSync(path.join(ws, 'keep.txt'), 'utf8'), 'precious\n');
  assert.equal(approver.asked.length, 1, 'asked once; the repeat was refused without asking again');
  assert.equal(approver.asked[0]!.level, 'type');
  const sent = toolResults(server.requests[2]!);
  assert.match(sent[0]!.content, /^REFUSED: fs\/delete: not approved\. Nothing was changed\./);
  assert.match(sent[1]!.content, /^REFUSED: fs\/delete: the person already refused this exact call/);
  assert.deepEqual(r.toolCalls.map((c) => c.status), ['refused', 'refused']);
  assert.equal(r.verify.ok, false);
  assert.match(r.verify.notes[0]!, /^not done: fs\/delete keep\.txt was refused/);
});

test('a failing tool comes back as FAILED, an unknown tool as FAILED with the list, and the loop continues', async () => {
  const ws = workspace();
  const { kernel, agent } = await agentFor(server, 'openai', ws, new ScriptedApprover(() => true));
  server.reset().enqueue({ toolCalls: [{ name: 'fs__read', input: { path: 'missing.txt' } }, { name: 'kubectl_nuke', input: {} }] }, { text: 'The file does not exist.' });
  const r = await agent.run('read missing.txt');
  await kernel.dispose();
  const sent = toolResults(server.requests[1]!);
  assert.match(sent[0]!.content, /^FAILED: missing\.txt: no such file/);
  assert.match(sent[1]!.content, /^FAILED: there is no tool "kubectl_nuke"\. Available: .*fs__read/);
  assert.equal(r.answer, 'The file does not exist.');
});

test('llm.max_steps stops a model that never answers', async () => {
  const ws = workspace({ 'a.txt': 'a' });
  const env = llmEnv(server, 'ollama', { extraConfig: '  max_steps: 3' });
  const { kernel, agent } = await agentFor(server, 'ollama', ws, new ScriptedApprover(() => true), { env });
  server.reset().script(() => ({ toolCalls: [{ name: 'fs__read', input: { path: 'a.txt' } }] }));
  const r = await agent.run('loop forever');
  await kernel.dispose();
  assert.equal(server.requests.length, 3);
  assert.equal(r.stoppedBy, 'max_steps');
  assert.match(r.verify.notes.join('\n'), /stopped after 3 model turns \(llm\.max_steps\)/);
});

test('NIMBUS.md, persona and verbosity shape the system prompt', async () => {
  const ws = workspace({ 'NIMBUS.md': '# Project\nThis repo deploys the payments API to EKS in eu-west-1.\n' });
  const env = llmEnv(server, 'google', { extraConfig: 'persona:\n  mode: expert\n  verbosity: minimal' });
  const { kernel, agent } = await agentFor(server, 'google', ws, new ScriptedApprover(() => true), { env });
  server.reset();
  await agent.run('hello');
  agent.setPersona('assistant', 'detailed');
  await agent.run('hello again');
  await kernel.dispose();
  const [a, b] = server.requests.map((r) => r.system);
  assert.match(a!, /payments API to EKS in eu-west-1/);
  assert.match(a!, /Assume a senior cloud engineer/);
  assert.match(a!, /as few words as possible/);
  assert.match(b!, /Be friendly and explain your reasoning/);
  assert.match(b!, /Give complete answers/);
  // The conversation carried over: the second request holds the first exchange.
  assert.deepEqual(server.requests[1]!.messages.map((m) => m.role), ['user', 'assistant', 'user']);
});

test('the tools offered are the kernel\'s, with their manifest schemas', async () => {
  const ws = workspace();
  const { kernel, agent } = await agentFor(server, 'anthropic', ws, new ScriptedApprover(() => true));
  server.reset();
  await agent.run('hi');
  await kernel.dispose();
  const body = server.requests[0]!.json;
  const write = body.tools.find((t: any) => t.name === 'fs__write');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugins', 'fs', 'nimbus.plugin.json'), 'utf8')).tools.find((t: any) => t.name === 'write');
  assert.deepEqual(write.input_schema, manifest.input);
  assert.match(write.description, /fs\/write; effect: update; the person sees the diff and approves or refuses/);
  assert.ok(body.tools.some((t: any) => t.name === 'nimbus_plan'));
  assert.equal(body.tools.length, kernel.listTools().length + 1);
});
