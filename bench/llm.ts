/**
 * LLM figures (issue 4), against the local wire-protocol fixture server:
 *
 *  - per provider: time to the first streamed character through `nimbus ask`
 *    (argument parsing, config, plugin tools, agent, redaction, the real SDK)
 *    minus the same through the bare SDK, in this process, warm, median of
 *    interleaved runs. Target: at most 30 ms (process start excluded).
 *  - for information: the same with process start included (a fresh
 *    `nimbus ask` process vs a fresh process running the bare SDK).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { median } from './util.js';
import { LlmFixtureServer } from '../fixtures/llm/server.js';
import type { Figure } from './run.js';
import type { ProviderName } from '../core/llm/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, '..');
const ROOT = path.resolve(DIST, '..');
const NM = path.join(ROOT, 'node_modules');

const PROVIDERS: ProviderName[] = ['anthropic', 'openai', 'google', 'ollama', 'openrouter'];
const MODEL: Record<ProviderName, string> = { anthropic: 'claude-sonnet-4-20250514', openai: 'gpt-4o', google: 'gemini-2.5-flash', ollama: 'llama3.2', openrouter: 'anthropic/claude-sonnet-4' };
const KEY = 'sk-bench-0000000000000000000000000';
const ANSWER = 'Hello from the fixture: a pod is the smallest deployable unit.';
const QUESTION = 'what is a pod?';

function setup(server: LlmFixtureServer, provider: ProviderName): { env: NodeJS.ProcessEnv; ws: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-bench-llm-'));
  const ws = path.join(home, 'ws');
  fs.mkdirSync(ws);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, NIMBUS_HOME: path.join(home, '.nimbus'), LANG: 'C.UTF-8', NO_COLOR: '1' };
  fs.mkdirSync(env.NIMBUS_HOME!, { recursive: true });
  fs.writeFileSync(
    path.join(env.NIMBUS_HOME!, 'config.yaml'),
    `version: 1\nllm:\n  default_provider: ${provider}\n  default_model: ${MODEL[provider]}\n  providers:\n    ${provider}:\n      base_url: ${server.baseUrl(provider)}\n${provider === 'ollama' ? '' : `      api_key: ${KEY}\n`}`,
  );
  return { env, ws };
}

/** The bare SDK call: client, streamed request, first text delta. Returns ms to the first character. */
async function bareFirstChar(provider: ProviderName, baseUrl: string): Promise<number> {
  const t0 = performance.now();
  let t: number | undefined;
  const mark = () => (t ??= performance.now() - t0);
  const messages = [{ role: 'user' as const, content: QUESTION }];
  if (provider === 'anthropic') {
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const c = new Anthropic({ apiKey: KEY, baseURL: baseUrl });
    const s = await c.messages.create({ model: MODEL[provider], max_tokens: 1024, messages, stream: true });
    for await (const ev of s) if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta' && ev.delta.text) mark();
  } else if (provider === 'openai' || provider === 'openrouter') {
    const { default: OpenAI } = await import('openai');
    const c = new OpenAI({ apiKey: KEY, baseURL: baseUrl });
    const s = await c.chat.completions.create({ model: MODEL[provider], messages, stream: true });
    for await (const ch of s) if (ch.choices[0]?.delta?.content) mark();
  } else if (provider === 'google') {
    const { GoogleGenAI } = await import('@google/genai');
    const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl } });
    const s = await ai.models.generateContentStream({ model: MODEL[provider], contents: QUESTION });
    for await (const ch of s) if (ch.candidates?.[0]?.content?.parts?.[0]?.text) mark();
  } else {
    const { Ollama } = await import('ollama');
    const c = new Ollama({ host: baseUrl });
    const s = await c.chat({ model: MODEL[provider], messages, stream: true });
    for await (const ch of s) if (ch.message.content) mark();
  }
  // The whole stream is read on both sides, so both finish their request alike.
  if (t === undefined) throw new Error(`${provider}: no text streamed`);
  return t;
}

/**
 * `nimbus ask` in this process, from the start of the command (argv already
 * parsed: that is the CLI's boot, common to every command) to the first
 * character on stdout: config, plugin tools, kernel, agent, redaction, the SDK.
 */
async function nimbusFirstChar(cli: any, env: NodeJS.ProcessEnv, ws: string, command?: any): Promise<number> {
  let first: number | undefined;
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      if (first === undefined && chunk.length) first = performance.now();
      cb();
    },
  });
  let errText = "";
  const stderr = new Writable({ write: (c, _e, cb) => ((errText += c), cb()) });
  const ctx = { stdin: process.stdin, stdout, stderr, env, cwd: ws, colorDepth: 1 };
  command ??= cli.process(['ask', QUESTION], ctx);
  command.context = ctx;
  const t0 = performance.now();
  const code = await cli.run(command, ctx);
  if (code !== 0 || first === undefined) throw new Error(`nimbus ask exited ${code}: ${errText}`);
  return first - t0;
}

/** A fresh process: ms from spawn to the first byte on stdout. */
function processFirstChar(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let first: number | undefined;
    let err = '';
    child.stdout.on('data', () => (first ??= performance.now() - t0));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 && first !== undefined ? resolve(first) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

export async function bench(): Promise<Figure[]> {
  const server = await LlmFixtureServer.start();
  server.script(() => ({ text: ANSWER }));
  const figures: Figure[] = [];
  const { buildCli } = await import('../tui/cli.js');
  const runs = Number(process.env.NIMBUS_BENCH_RUNS ?? 15);
  try {
    const diffs: number[] = [];
    for (const provider of PROVIDERS) {
      const { env, ws } = setup(server, provider);
      const cli = await buildCli(env);
      const command = cli.process(['ask', QUESTION], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env } as any);
      const nimbus: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < 3; i++) {
        await nimbusFirstChar(cli, env, ws, command);
        await bareFirstChar(provider, server.baseUrl(provider));
      }
      for (let i = 0; i < runs; i++) {
        nimbus.push(await nimbusFirstChar(cli, env, ws, command));
        bare.push(await bareFirstChar(provider, server.baseUrl(provider)));
      }
      const d = median(nimbus) - median(bare);
      diffs.push(d);
      figures.push({
        name: `ask first char − bare SDK, ${provider} (median)`,
        value: d,
        unit: 'ms',
        target: '<= 30',
        ok: d <= 30,
        detail: `nimbus ${median(nimbus).toFixed(1)} ms, SDK ${median(bare).toFixed(1)} ms, ${runs} runs, load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
      });
    }

    // For information: the agent loop alone (kernel already built), to split the
    // LLM layer's share (tools as schemas, redaction, the larger request) from
    // the kernel's start (config, plugin discovery).
    {
      const { env, ws } = setup(server, 'anthropic');
      const { Kernel } = await import('../core/kernel.js');
      const { Agent } = await import('../core/agent/agent.js');
      const { LlmClient } = await import('../core/llm/client.js');
      const kernel = new Kernel({ workspace: ws, env, history: null });
      const agentRun = async () => {
        const t0 = performance.now();
        const agent = new Agent({ kernel, client: LlmClient.forModel({ provider: 'anthropic', model: MODEL.anthropic }, kernel.config, env), kind: 'ask' });
        let first: number | undefined;
        agent.subscribe((e) => e.type === 'text' && (first ??= performance.now() - t0));
        await agent.run(QUESTION);
        return first!;
      };
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 3; i++) (await agentRun(), await bareFirstChar('anthropic', server.baseUrl('anthropic')));
      for (let i = 0; i < runs; i++) {
        a.push(await agentRun());
        b.push(await bareFirstChar('anthropic', server.baseUrl('anthropic')));
      }
      figures.push({ name: 'agent loop first char − bare SDK, anthropic (kernel built)', value: median(a) - median(b), unit: 'ms', detail: `agent ${median(a).toFixed(1)} ms, SDK ${median(b).toFixed(1)} ms; ${kernel.listTools().length} tools sent as schemas` });
      await kernel.dispose();
    }

    // Process start included, for information: a fresh `nimbus ask` vs a fresh bare-SDK process (Anthropic).
    const { env, ws } = setup(server, 'anthropic');
    const script = path.join(ws, 'bare.mjs');
    fs.writeFileSync(
      script,
      `import Anthropic from ${JSON.stringify(path.join(NM, '@anthropic-ai', 'sdk', 'index.mjs'))};\n` +
        `const c = new Anthropic({ apiKey: ${JSON.stringify(KEY)}, baseURL: ${JSON.stringify(server.baseUrl('anthropic'))} });\n` +
        `const s = await c.messages.create({ model: ${JSON.stringify(MODEL.anthropic)}, max_tokens: 1024, messages: [{ role: 'user', content: ${JSON.stringify(QUESTION)} }], stream: true });\n` +
        `for await (const ev of s) if (ev.type === 'content_block_delta') process.stdout.write(ev.delta.text);\n`,
    );
    const bin = path.join(DIST, 'tui', 'main.js');
    const cold = { nimbus: [] as number[], bare: [] as number[] };
    const coldRuns = Math.max(3, Math.round(runs / 3));
    for (let i = 0; i < coldRuns; i++) {
      cold.nimbus.push(await processFirstChar([bin, 'ask', QUESTION], env, ws));
      cold.bare.push(await processFirstChar([script], env, ws));
    }
    figures.push({
      name: 'ask first char − bare SDK, fresh processes (anthropic)',
      value: median(cold.nimbus) - median(cold.bare),
      unit: 'ms',
      detail: `nimbus ${median(cold.nimbus).toFixed(0)} ms, SDK ${median(cold.bare).toFixed(0)} ms, ${coldRuns} runs; process start and CLI boot included, no target`,
    });
  } finally {
    await server.close();
  }
  return figures;
}
