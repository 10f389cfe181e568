/**
 * Redaction: a seeded corpus of secrets (in the question, NIMBUS.md, files the
 * model reads, a pod log, the environment) never appears in any request body a
 * provider receives, nor in history; placeholders map back locally when a tool
 * needs the real value.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LlmFixtureServer, toolResults } from '../fixtures/llm/server.js';
import { ScriptedApprover } from '../core/approval.js';
import { History } from '../core/history.js';
import { Redactor } from '../core/redact.js';
import { PROVIDER_LIST, KEYS, agentFor, workspace, llmEnv } from './llm-helpers.js';
import { runNimbus } from './helpers/index.js';

const PEM_BODY = 'MIIEowIBAAKCAQEA7bq9Xq2cZxTsuperSecretPemBodyLine0123456789abcdef';
const SECRETS = {
  awsAccessKey: 'AKIA2E0A8F3B4C5D6E7F',
  awsSecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  githubToken: 'ghp_4f8Bq2Lw9Xz1Rt6Yu3Io5Pa7Sd0Fg2Hj4Kl6',
  slackToken: 'xoxb-2048-4096-AbCdEfGhIjKlMnOp',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  pem: PEM_BODY,
  urlPassword: 'Sup3rS3cretPw',
  stripe: 'sk_live_51HxYzAbCdEfGhIjKlMnOp',
  dbPassword: 'correct-horse-battery-staple',
  k8sData: 'cG9zdGdyZXM6Ly9hcHA6cGFzc3dvcmRAZGI6NTQzMi9hcHA=',
  k8sStringData: 'plain-text-value-under-an-innocent-key',
  kubeKey: 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVB',
  kubeToken: 'kubeadm.abcdef0123456789',
  bearer: 'abcDEF123456ghiJKL789mnoPQR',
  dockerAuth: 'dXNlcjpteS1yZWdpc3RyeS1wYXNzd29yZA==',
  azureKey: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  googleKey: 'AIzaSyD-EXAMPLE-1234567890abcdefghijklm',
  gitlab: 'glpat-Xy7Zq2Wp9Lm4Nb6Vc1Rt',
  envOnly: 'hunter2-from-the-environment',
  otherProviderKey: KEYS.openai,
  queryToken: 'qt_9f8e7d6c5b4a3928',
};

const FILES = {
  'NIMBUS.md': `# Payments\nDeploy with the token ${SECRETS.gitlab} from CI.\n`,
  '.env': [`DB_PASSWORD=${SECRETS.dbPassword}`, `STRIPE_SECRET=${SECRETS.stripe}`, `DATABASE_URL=postgres://app:${SECRETS.urlPassword}@db.internal:5432/app`, `OPENAI_API_KEY=${SECRETS.otherProviderKey}`, ''].join('\n'),
  'aws/credentials': `[default]\naws_access_key_id = ${SECRETS.awsAccessKey}\naws_secret_access_key = ${SECRETS.awsSecretKey}\n`,
  'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  db-url: ${SECRETS.k8sData}\nstringData:\n  notes: ${SECRETS.k8sStringData}\n`,
  'kubeconfig': `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: ${SECRETS.kubeKey}\n    token: ${SECRETS.kubeToken}\n`,
  'keys/deploy.pem': `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\nAAAAB3NzaC1yc2EAAAADAQABAAABAQC7\n-----END RSA PRIVATE KEY-----\n`,
  'docker/config.json': JSON.stringify({ auths: { 'registry.acme.io': { auth: SECRETS.dockerAuth } } }),
  'app/settings.ini': `storage = DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${SECRETS.azureKey};EndpointSuffix=core.windows.net\nmaps_key = ${SECRETS.googleKey}\n`,
  '.podlogs/api.log': [
    `INFO calling https://hooks.slack.com with ${SECRETS.slackToken}`,
    `DEBUG Authorization: Bearer ${SECRETS.bearer}`,
    `DEBUG session=${SECRETS.jwt}`,
    `WARN retrying https://api.acme.io/v1/items?token=${SECRETS.queryToken}&page=2`,
    `INFO connected to db with password ${SECRETS.envOnly}`,
    `INFO git remote uses ${SECRETS.githubToken}`,
    '',
  ].join('\n'),
};

let server: LlmFixtureServer;
before(async () => {
  server = await LlmFixtureServer.start();
});
after(async () => {
  await server.close();
});

function assertNoSecret(text: string, where: string): void {
  for (const [name, value] of Object.entries(SECRETS)) assert.ok(!text.includes(value), `${name} (${value}) reached ${where}`);
}

for (const provider of PROVIDER_LIST) {
  describe(`redaction on ${provider}`, () => {
    test('no seeded secret reaches the provider or history; a placeholder maps back for a tool', async () => {
      const ws = workspace(FILES);
      const env = llmEnv(server, provider, { env: { NIMBUS_TEST_DB_PASSWORD: SECRETS.envOnly } });
      const approver = new ScriptedApprover(() => true);
      const { kernel, agent } = await agentFor(server, provider, ws, approver, { env, withPodlogs: true });
      let placeholder = '';
      server.reset().script((req, i) => {
        if (i === 0) {
          return {
            toolCalls: [
              ...['.env', 'aws/credentials', 'k8s/secret.yaml', 'kubeconfig', 'keys/deploy.pem', 'docker/config.json', 'app/settings.ini'].map((p) => ({ name: 'fs__read', input: { path: p } })),
              { name: 'podlogs__logs', input: { pod: 'api' } },
            ],
          };
        }
        if (i === 1) {
          // The model only ever saw a placeholder for the database URL's password; it uses it as told.
          const env = toolResults(req)[0]!.content;
          placeholder = /postgres:\/\/app:(\[REDACTED:[A-Z_]+:\d+\])@/.exec(env)?.[1] ?? '';
          return { toolCalls: [{ name: 'fs__write', input: { path: 'config/db.txt', content: `url=postgres://app:${placeholder}@db.internal:5432/app\n` } }] };
        }
        return { text: 'Wrote config/db.txt with the database URL.' };
      });
      const question = `My GitHub token is ${SECRETS.githubToken} and the AWS key ${SECRETS.awsAccessKey}; why does the api pod fail?`;
      await agent.run(question);
      await kernel.dispose();

      assert.equal(server.requests.length, 3);
      assertNoSecret(server.allBodyText(), `a request body sent to ${provider}`);
      assert.match(placeholder, /^\[REDACTED:URL_PASSWORD:\d+\]$/);
      // The same secret keeps the same placeholder in every request.
      assert.match(server.requests[2]!.body, /REDACTED:GITHUB_TOKEN:1/);
      assert.match(server.requests[0]!.messages[0]!.text, /My GitHub token is \[REDACTED:GITHUB_TOKEN:1\]/);
      assert.match(server.requests[0]!.system, /Deploy with the token \[REDACTED:GITLAB_TOKEN:1\]/);
      // Locally the tool got the real value.
      assert.equal(fs.readFileSync(path.join(ws, 'config/db.txt'), 'utf8'), `url=postgres://app:${SECRETS.urlPassword}@db.internal:5432/app\n`);
      // The approval showed the person the real change (local), while history stays clean.
      assert.match(approver.asked[0]!.preview.content ?? '', new RegExp(SECRETS.urlPassword));
      const h = History.open({ env });
      try {
        assertNoSecret(JSON.stringify(h.query({ limit: 200 })), 'history');
      } finally {
        h.close();
      }
    });
  });
}

test('nimbus ask: the question, stdin data and the API keys never reach the body', async () => {
  const env = llmEnv(server, 'anthropic', { env: { NIMBUS_TEST_DB_PASSWORD: SECRETS.envOnly } });
  server.reset();
  const { PassThrough } = await import('node:stream');
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  stdin.end(FILES['.podlogs/api.log'] + FILES['.env']);
  const r = await runNimbus(['ask', '--stdin', `is ${SECRETS.stripe} a live key?`], { env, cwd: workspace(), stdin });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Echo: is \[REDACTED:STRIPE_KEY:1\] a live key\?/);
  assertNoSecret(server.allBodyText(), 'the request body');
  for (const k of Object.values(KEYS)) if (k && k !== KEYS.anthropic) assert.ok(!server.allBodyText().includes(k));
  assert.ok(!server.requests[0]!.body.includes(KEYS.anthropic), 'the provider key goes in the header, never the body');
});

test('the redactor: stable placeholders, restore, Kubernetes Secrets in YAML and JSON, and no false alarms on ordinary config', () => {
  const r = new Redactor();
  const a = r.redactText(`token=${SECRETS.githubToken}`);
  const b = r.redactText(`again ${SECRETS.githubToken}`);
  assert.equal(a, 'token=[REDACTED:GITHUB_TOKEN:1]');
  assert.equal(b, 'again [REDACTED:GITHUB_TOKEN:1]');
  assert.equal(r.redactText(a), a, 'redacting twice changes nothing');
  assert.equal(r.restoreText(b), `again ${SECRETS.githubToken}`);
  const json = JSON.stringify({ kind: 'Secret', apiVersion: 'v1', data: { 'db-url': SECRETS.k8sData } });
  assert.ok(!r.redactText(json).includes(SECRETS.k8sData));
  assert.ok(!r.redactText(`kubectl said: ${json} (end)`).includes(SECRETS.k8sData));
  const plain = 'replicas: 3\nsecretName: tls-cert\nmax_tokens: 4096\nenabled: true\nimage: nginx:1.27\nurl: https://example.com/path?page=2\n';
  assert.equal(r.redactText(plain), plain);
});
