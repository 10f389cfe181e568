/** One sentence → answers through the LLM layer (a local server speaking the Anthropic/OpenAI protocols) → templates. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { LlmFixtureServer, lastUserText, toolResults } from '../fixtures/llm/server.js';
import { ScriptedApprover } from '../core/approval.js';
import { llmEnv } from './llm-helpers.js';
import { runNimbus, tmpdir, snapshot } from './helpers/index.js';
import { tfAvailability } from './terraform-helpers.js';

const { tfReason } = tfAvailability();
let server: LlmFixtureServer;
before(async () => {
  server = await LlmFixtureServer.start();
});
after(async () => {
  await server.close();
});

const SENTENCE = 'EKS cluster with 3 t3.large nodes in us-west-2';
const FILLED = { provider: 'aws', region: 'us-west-2', components: ['eks'], sizing: { kubernetes: { node_count: 3, node_type: 't3.large' } }, environments: ['prod'] };
// An empty provider mirror: validation is reported as skipped, which keeps these tests fast.
const envFor = (provider: 'anthropic' | 'openai') => llmEnv(server, provider, { env: { NIMBUS_TF_PLUGIN_DIR: tmpdir('nimbus-empty-mirror-') } });

test('the model fills the answers; the missing project name is asked for; the templates generate', { skip: tfReason ? `SKIPPED: ${tfReason}` : false }, async () => {
  const env = envFor('anthropic');
  const ws = tmpdir();
  server.reset().enqueue({ toolCalls: [{ name: 'fill_terraform_answers', input: FILLED }] });
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  stdin.end('orders\n');
  const r = await runNimbus(['generate', 'terraform', SENTENCE, '--out', 'eks'], { env, cwd: ws, stdin, approver: new ScriptedApprover(() => true) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Project name/);
  assert.equal(lastUserText(server.requests[0]!), SENTENCE);
  assert.deepEqual(server.requests[0]!.tools, ['fill_terraform_answers']);
  const prod = fs.readFileSync(path.join(ws, 'eks/environments/prod/terraform.tfvars'), 'utf8');
  assert.match(prod, /name\s+= "orders"/);
  assert.match(prod, /region\s+= "us-west-2"/);
  assert.match(prod, /node_type\s+= "t3.large"/);
  assert.match(prod, /node_count\s+= 3/);
  assert.ok(fs.existsSync(path.join(ws, 'eks/modules/eks/node-groups.tf')));
  assert.match(r.stdout, /validate \.: skipped — validation skipped: provider hashicorp\/aws is not available locally/);
});

test('invalid answers from the model go back to it once with the error; without a terminal a missing name is a usage error', { skip: tfReason ? `SKIPPED: ${tfReason}` : false }, async () => {
  const env = envFor('openai');
  const ws = tmpdir();
  server.reset().enqueue({ toolCalls: [{ name: 'fill_terraform_answers', input: { ...FILLED, components: ['eks', 'warpdrive'] } }] }, { toolCalls: [{ name: 'fill_terraform_answers', input: FILLED }] });
  const r = await runNimbus(['generate', 'terraform', SENTENCE, '--name', 'orders', '--out', 'eks'], { env, cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.requests.length, 2);
  const back = toolResults(server.requests[1]!);
  assert.match(back[0]!.content, /unknown component "warpdrive"/);
  assert.ok(fs.existsSync(path.join(ws, 'eks/main.tf')));

  const ws2 = tmpdir();
  server.reset().enqueue({ toolCalls: [{ name: 'fill_terraform_answers', input: FILLED }] });
  const r2 = await runNimbus(['generate', 'terraform', SENTENCE, '--out', 'eks'], { env, cwd: ws2 });
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /does not say the project name; give --name/);
  assert.deepEqual(snapshot(ws2), {});
});
