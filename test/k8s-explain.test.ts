/**
 * diagnose + the model: with a model configured (the LLM fixture server speaking
 * the Anthropic protocol), the deterministic findings come first, then the
 * model's explanation; a fix it proposes is shown as a server-checked diff and
 * asked like any update. Without a model, no request is made.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LlmFixtureServer } from '../fixtures/llm/server.js';
import { ScriptedApprover } from '../core/approval.js';
import { startKube, writeConfig, type KubeEnv } from './k8s-helpers.js';

let k: KubeEnv;
let llm: LlmFixtureServer;
const KEY = 'sk-ant-test-0123456789abcdefghij';

before(async () => {
  k = await startKube();
  llm = await LlmFixtureServer.start({ keys: { anthropic: KEY } });
});
after(async () => {
  await llm.close();
  await k.close();
});

function withModel() {
  const env = { ...k.env, ANTHROPIC_API_KEY: KEY };
  writeConfig(env, `llm:\n  default_provider: anthropic\n  providers:\n    anthropic:\n      base_url: ${llm.baseUrl('anthropic')}\n      api_key: \${ANTHROPIC_API_KEY}\n      default_model: claude-sonnet-4-5\n      max_retries: 0\n`);
  return env;
}

const ANSWER = [
  'The worker is killed by the kernel each time its heap passes the 128Mi limit while it loads the monthly report (last log: heap in use: 121 MiB).',
  'Give it more memory, or stream the orders instead of loading them all.',
  '```nimbus-fix',
  'kind: Deployment',
  'name: report-worker',
  'patch:',
  '  spec:',
  '    template:',
  '      spec:',
  '        containers:',
  '          - name: worker',
  '            resources:',
  '              limits:',
  '                memory: 256Mi',
  '```',
].join('\n');

test('the model explains after the deterministic findings; its fix is a diff, asked, and applied when approved', async () => {
  const env = withModel();
  llm.enqueue({ text: ANSWER });
  const before = llm.requests.length;
  const approver = new ScriptedApprover(() => true);
  const r = await k.nimbus(['k8s', 'diagnose', 'report-worker-5b7d9c8f6-q4m8n', '-n', 'shop'], { env, approver });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.indexOf('✗ OOMKilled') < r.stdout.indexOf('Explanation (anthropic/claude-sonnet-4-5):'), 'findings first, then the model');
  assert.match(r.stdout, /killed by the kernel each time its heap passes the 128Mi limit/);
  assert.doesNotMatch(r.stdout, /nimbus-fix/);
  const sent = llm.requests[before]!;
  assert.match(sent.messages[0]!.text, /code: OOMKilled/);
  assert.match(sent.messages[0]!.text, /heap in use: 121 MiB/);
  assert.equal(approver.asked.length, 1);
  const req = approver.asked[0]!;
  assert.equal(req.tool, 'k8s/patch');
  assert.equal(req.effect, 'update');
  assert.match(req.preview.diff!, /-\s+memory: 128Mi\n\+\s+memory: 256Mi/);
  const d = k.kube.get('apps/v1', 'Deployment', 'shop', 'report-worker');
  assert.equal(d.spec.template.spec.containers[0].resources.limits.memory, '256Mi');
});

test('no secret value reaches the model, and a refused fix changes nothing', async () => {
  const env = withModel();
  llm.enqueue({ text: 'The pod needs the missing Secret smtp-credentials.\n```nimbus-fix\nkind: Deployment\nname: checkout\npatch: {spec: {replicas: 0}}\n```' });
  const before = llm.requests.length;
  const r = await k.nimbus(['k8s', 'diagnose', 'checkout-6d8f7b9c4-x7k2p', '-n', 'shop'], { env, approver: new ScriptedApprover(() => false) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /fix not applied/);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'shop', 'checkout').spec.replicas, 1);
  const body = llm.requests[before]!.body;
  assert.doesNotMatch(body, /czNjcjN0LXBhc3N3MHJk|s3cr3t-passw0rd/);
  // A fix for an object the pod does not belong to is ignored.
  llm.enqueue({ text: 'Delete everything.\n```nimbus-fix\nkind: Deployment\nname: web\npatch: {spec: {replicas: 0}}\n```' });
  const stray = await k.nimbus(['k8s', 'diagnose', 'checkout-6d8f7b9c4-x7k2p', '-n', 'shop'], { env, approver: new ScriptedApprover(() => true) });
  assert.equal(stray.code, 0);
  assert.doesNotMatch(stray.stdout, /Suggested fix/);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'web').spec.replicas, 3);
});

test('without a model there is no explanation and no request; a model error keeps the findings', async () => {
  const before = llm.requests.length;
  const plain = await k.nimbus(['k8s', 'diagnose', 'payments-7f9c6d5b8-k2j4h', '-n', 'shop']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /ImagePullBackOff/);
  assert.doesNotMatch(plain.stdout, /Explanation/);
  assert.equal(llm.requests.length, before);
  const env = withModel();
  llm.fail({ status: 500, message: 'overloaded' });
  const failed = await k.nimbus(['k8s', 'diagnose', 'payments-7f9c6d5b8-k2j4h', '-n', 'shop'], { env });
  assert.equal(failed.code, 0);
  assert.match(failed.stdout, /✗ ImagePullBackOff[\s\S]*\(no explanation from the model: /);
});
