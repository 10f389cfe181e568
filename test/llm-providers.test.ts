/**
 * The five providers through their real SDKs against the local wire-protocol
 * fixture: streaming, tool calls, usage, errors (401, 429 with Retry-After,
 * 500, a cut stream, unknown model, nothing listening), cancellation.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LlmFixtureServer, type FixtureProvider } from '../fixtures/llm/server.js';
import { LlmClient, createProvider } from '../core/llm/client.js';
import { Redactor } from '../core/redact.js';
import { NimbusError } from '../core/errors.js';
import { parseModelSpec, chooseModel } from '../core/llm/models.js';
import { Config } from '../core/config.js';
import { costOf } from '../core/llm/pricing.js';
import type { ProviderName, ToolSpec } from '../core/llm/types.js';
import { PROVIDER_LIST, MODEL, KEYS, llmEnv } from './llm-helpers.js';
import { freePort, testEnv, waitFor } from './helpers/index.js';

let server: LlmFixtureServer;
before(async () => {
  server = await LlmFixtureServer.start();
});
after(async () => {
  await server.close();
});

const READ: ToolSpec = { name: 'fs__read', description: 'Read a file.', parameters: { type: 'object', required: ['path'], properties: { path: { type: 'string' } } } };

function client(provider: ProviderName, opts: { key?: string; maxRetries?: number; baseUrl?: string; timeoutMs?: number } = {}): LlmClient {
  const settings = { name: provider, apiKey: opts.key ?? (KEYS[provider] || undefined), baseUrl: opts.baseUrl ?? server.baseUrl(provider as FixtureProvider), timeoutMs: opts.timeoutMs ?? 5000, maxRetries: opts.maxRetries ?? 2 };
  return new LlmClient({ provider: createProvider(settings), model: MODEL[provider], redactor: new Redactor() });
}

async function fails(p: Promise<unknown>): Promise<NimbusError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof NimbusError, `expected a NimbusError, got ${(e as Error)?.stack}`);
    return e;
  }
  assert.fail('expected the request to fail');
}

for (const provider of PROVIDER_LIST) {
  describe(`${provider} through its SDK`, () => {
    test('streams text in several deltas, reports usage, then ends', async () => {
      server.reset().enqueue({ text: 'Pods are the smallest deployable units in Kubernetes.', usage: { input: 42, output: 11 } });
      const deltas: string[] = [];
      const r = await client(provider).turn({ system: 'be brief', messages: [{ role: 'user', content: 'what is a pod?' }] }, { onText: (t) => deltas.push(t) });
      assert.ok(deltas.length > 3, `expected a streamed answer, got ${deltas.length} deltas`);
      assert.equal(deltas.join(''), 'Pods are the smallest deployable units in Kubernetes.');
      assert.equal(r.text, deltas.join(''));
      assert.deepEqual({ i: r.usage.inputTokens, o: r.usage.outputTokens }, { i: 42, o: 11 });
      assert.equal(r.stopReason, 'end');
      const seen = server.requests[0]!;
      assert.equal(seen.provider, provider);
      assert.equal(seen.stream, true);
      assert.equal(seen.model, MODEL[provider]);
      assert.match(seen.system, /be brief/);
      assert.equal(seen.messages.at(-1)?.text, 'what is a pod?');
      if (KEYS[provider]) assert.equal(seen.apiKey, KEYS[provider]);
    });

    test('proposes a tool call, and takes its result back in the next request', async () => {
      server.reset().enqueue({ text: 'Let me look.', toolCalls: [{ name: 'fs__read', input: { path: 'main.tf', maxBytes: 1024 } }] }, { text: 'It defines one bucket.' });
      const c = client(provider);
      const first = await c.turn({ messages: [{ role: 'user', content: 'what is in main.tf?' }], tools: [READ] });
      assert.equal(first.stopReason, 'tool_use');
      assert.equal(first.toolCalls.length, 1);
      assert.equal(first.toolCalls[0]!.name, 'fs__read');
      assert.deepEqual(first.toolCalls[0]!.input, { path: 'main.tf', maxBytes: 1024 });
      assert.deepEqual(server.requests[0]!.tools, ['fs__read']);
      const call = first.toolCalls[0]!;
      const second = await c.turn({
        messages: [
          { role: 'user', content: 'what is in main.tf?' },
          { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
          { role: 'tool', results: [{ callId: call.id, name: call.name, content: 'resource "aws_s3_bucket" "b" {}' }] },
        ],
        tools: [READ],
      });
      assert.equal(second.text, 'It defines one bucket.');
      const msgs = server.requests[1]!.messages;
      const asst = msgs.find((m) => m.role === 'assistant')!;
      assert.equal(asst.toolCalls?.[0]?.name, 'fs__read');
      assert.deepEqual(asst.toolCalls?.[0]?.input, { path: 'main.tf', maxBytes: 1024 });
      const result = msgs.find((m) => m.role === 'tool')!;
      assert.equal(result.toolResults?.[0]?.content, 'resource "aws_s3_bucket" "b" {}');
    });

    test('a rejected key is one line naming the provider and how to fix it, without retries', async () => {
      server.reset().setKeys({ [provider]: 'the-right-key' });
      try {
        const err = await fails(client(provider, { key: 'wrong-key-123' }).turn({ messages: [{ role: 'user', content: 'hi' }] }));
        assert.equal(err.code, 'NIMBUS_E_LLM');
        assert.match(err.oneLine(), new RegExp(`^${provider}: the API key was rejected \\(401`));
        assert.doesNotMatch(err.oneLine(), /\n/);
        assert.equal(server.requests.length, 1, 'a 401 is not retried');
      } finally {
        server.setKeys({});
      }
    });

    test('429 with Retry-After is retried and then succeeds', async () => {
      server.reset().fail({ status: 429, retryAfter: 0 }).enqueue({ text: 'after the rate limit' });
      const retries: number[] = [];
      const r = await client(provider).turn({ messages: [{ role: 'user', content: 'hi' }] }, { onRetry: (i) => retries.push(i.delayMs) });
      assert.equal(r.text, 'after the rate limit');
      assert.deepEqual(server.requests.map((q) => q.outcome), [429, 200]);
      assert.deepEqual(retries, [0], 'waited exactly what Retry-After asked');
    });

    test('500 is retried with backoff; when it persists the error is one line', async () => {
      server.reset().fail({ status: 500 }).enqueue({ text: 'recovered' });
      const r = await client(provider, { maxRetries: 1 }).turn({ messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(r.text, 'recovered');
      server.reset().fail({ status: 500 }, { status: 500 });
      const err = await fails(client(provider, { maxRetries: 1 }).turn({ messages: [{ role: 'user', content: 'hi' }] }));
      assert.match(err.oneLine(), new RegExp(`^${provider}: server error \\(500: internal server error\\) after 1 retries`));
      assert.equal(server.requests.length, 2);
    });

    test('a stream cut mid-answer is reported as cut, not as a short answer', async () => {
      server.reset().fail({ cut: true });
      const got: string[] = [];
      const err = await fails(client(provider).turn({ messages: [{ role: 'user', content: 'hi' }] }, { onText: (t) => got.push(t) }));
      assert.match(err.oneLine(), new RegExp(`^${provider}: the response stream was cut off after \\d+ characters`));
      assert.ok(got.join('').length > 0, 'the part that arrived was streamed');
    });

    test('an unknown model is named in the error', async () => {
      server.reset().setModels(['some-other-model']);
      try {
        const err = await fails(client(provider).turn({ messages: [{ role: 'user', content: 'hi' }] }));
        assert.match(err.oneLine(), new RegExp(`^${provider}: model "${MODEL[provider].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" not found`));
      } finally {
        server.setModels(undefined);
      }
    });

    test('cancelling mid-stream stops the request', async () => {
      server.reset().enqueue({ text: 'a long answer that streams slowly '.repeat(10), chunkDelayMs: 15 });
      const controller = new AbortController();
      let n = 0;
      const err = await fails(
        client(provider).turn({ messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal, onText: () => ++n === 3 && controller.abort() }),
      );
      assert.equal(err.details?.kind, 'cancelled');
      assert.ok(n < 20, 'stopped reading soon after the cancel');
      await waitFor(() => server.aborted === 1, 5000, 'the server to see the connection closed before the answer finished');
    });
  });
}

test('nothing listening: "cannot reach" after the retries, with the address', async () => {
  const port = await freePort();
  const err = await fails(client('ollama', { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 }).turn({ messages: [{ role: 'user', content: 'hi' }] }));
  assert.match(err.oneLine(), new RegExp(`^ollama: cannot reach http://127.0.0.1:${port}: connection refused after 2 attempts \\(is Ollama running\\?`));
});

test('Retry-After is honoured (a 1 s wait before the retry)', async () => {
  server.reset().fail({ status: 429, retryAfter: 1 }).enqueue({ text: 'ok' });
  const t0 = Date.now();
  const r = await client('anthropic').turn({ messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(r.text, 'ok');
  assert.ok(Date.now() - t0 >= 950, `retried after ${Date.now() - t0} ms`);
});

test('a timeout is one line that names the setting', async () => {
  server.reset().enqueue({ text: 'slow '.repeat(40), chunkDelayMs: 1500 });
  const err = await fails(client('openai', { timeoutMs: 1000, maxRetries: 0 }).turn({ messages: [{ role: 'user', content: 'hi' }] }));
  // Normally the headers arrive at once and the body then goes silent; on a very slow machine the headers may be the late part.
  assert.match(err.oneLine(), /^openai: (the stream went silent for 1 s|no response within 1 s) \(raise llm\.providers\.openai\.timeout_ms/);
});

test('model names: provider/model, bare names, OpenRouter ids, and errors', async () => {
  const config = Config.load({ env: testEnv() });
  assert.deepEqual(parseModelSpec('ollama/llama3.2', config), { provider: 'ollama', model: 'llama3.2' });
  assert.deepEqual(parseModelSpec('openai/gpt-4o', config), { provider: 'openai', model: 'gpt-4o' });
  assert.deepEqual(parseModelSpec('gpt-4o-mini', config), { provider: 'openai', model: 'gpt-4o-mini' });
  assert.deepEqual(parseModelSpec('claude-haiku-4-5', config), { provider: 'anthropic', model: 'claude-haiku-4-5' });
  assert.deepEqual(parseModelSpec('gemini-2.5-pro', config), { provider: 'google', model: 'gemini-2.5-pro' });
  assert.deepEqual(parseModelSpec('qwen2.5-coder:7b', config), { provider: 'ollama', model: 'qwen2.5-coder:7b' });
  assert.deepEqual(parseModelSpec('openrouter/meta-llama/llama-3.1-8b-instruct', config), { provider: 'openrouter', model: 'meta-llama/llama-3.1-8b-instruct' });
  assert.deepEqual(parseModelSpec('mistralai/mistral-large', config), { provider: 'openrouter', model: 'mistralai/mistral-large' });
  assert.throws(() => parseModelSpec('mystery-model', config), /cannot tell which provider serves it; write PROVIDER\/MODEL/);
});

test('cost optimisation sends simple questions to the cheap model and keeps code generation on the default', async () => {
  const env = llmEnv(server, 'anthropic', { extraConfig: '  cost_optimization:\n    enabled: true\n    cheap_model: ollama/llama3.2\n    use_cheap_model_for: [simple_queries, explanations]' });
  const config = Config.load({ env });
  assert.deepEqual(await chooseModel({ task: 'simple_queries', config, env }), { provider: 'ollama', model: 'llama3.2', source: 'cheap' });
  assert.deepEqual(await chooseModel({ task: 'explanations', config, env }), { provider: 'ollama', model: 'llama3.2', source: 'cheap' });
  assert.equal((await chooseModel({ task: 'code_generation', config, env })).provider, 'anthropic');
  assert.equal((await chooseModel({ spec: 'openai/gpt-4o', task: 'simple_queries', config, env })).provider, 'openai', '--model wins');
});

test('with only a key in the environment, that provider is used', async () => {
  const env = testEnv({ OPENAI_API_KEY: 'sk-proj-onlythiskeyisset000000000' });
  const choice = await chooseModel({ config: Config.load({ env }), env });
  assert.deepEqual(choice, { provider: 'openai', model: 'gpt-4o', source: 'env' });
});

test('cost: known list prices, free local models, unknown models unpriced', () => {
  assert.equal(costOf('anthropic', 'claude-sonnet-4-20250514', { inputTokens: 1_000_000, outputTokens: 1_000_000 }), 18);
  assert.equal(costOf('openai', 'gpt-4o-mini', { inputTokens: 2_000_000, outputTokens: 0 }), 0.3);
  assert.equal(costOf('ollama', 'llama3.2', { inputTokens: 5000, outputTokens: 5000 }), 0);
  assert.equal(costOf('openrouter', 'anthropic/claude-3.5-sonnet', { inputTokens: 1_000_000, outputTokens: 0 }), 3);
  assert.equal(costOf('openai', 'my-local-finetune', { inputTokens: 10, outputTokens: 10 }), undefined);
  assert.equal(costOf('openrouter', 'x/y', { inputTokens: 10, outputTokens: 10, costUsd: 0.5 }), 0.5, 'the cost OpenRouter reports wins');
});
