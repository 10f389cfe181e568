import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Config } from '../core/config.js';
import { runNimbus, spawnNimbus, testEnv } from './helpers/index.js';

const COMMENTED = `# Nimbus settings (mine)
version: 1

llm:
  # keep the key in the environment
  default_provider: anthropic   # the one I pay for
  providers:
    anthropic:
      api_key: \${ANTHROPIC_API_KEY}

safety:
  dry_run: false # flip when in doubt
`;

function withConfig(text: string) {
  const env = testEnv({ ANTHROPIC_API_KEY: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789' });
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  const file = path.join(env.NIMBUS_HOME, 'config.yaml');
  fs.writeFileSync(file, text);
  return { env, file };
}

describe('config', () => {
  test('set and unset keep comments and layout', async () => {
    const { env, file } = withConfig(COMMENTED);
    assert.equal((await runNimbus(['config', 'set', 'llm.default_model', 'claude-sonnet-4-20250514'], { env })).code, 0);
    assert.equal((await runNimbus(['config', 'set', 'safety.dry_run', 'true'], { env })).code, 0);
    const text = fs.readFileSync(file, 'utf8');
    for (const comment of ['# Nimbus settings (mine)', '# keep the key in the environment', '# the one I pay for', '# flip when in doubt']) assert.ok(text.includes(comment), `kept "${comment}"`);
    assert.match(text, /default_model: claude-sonnet-4-20250514/);
    assert.match(text, /dry_run: true # flip when in doubt/);
    assert.equal((await runNimbus(['config', 'unset', 'llm.default_model'], { env })).code, 0);
    const after = fs.readFileSync(file, 'utf8');
    assert.doesNotMatch(after, /default_model/);
    assert.ok(after.includes('# the one I pay for'));
    assert.equal(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp')).length, 0, 'no temp file left behind');
  });

  test('${VAR} references are expanded at use and never written back expanded', async () => {
    const { env, file } = withConfig(COMMENTED);
    const cfg = Config.load({ env });
    assert.equal(cfg.get('llm.providers.anthropic.api_key'), env.ANTHROPIC_API_KEY);
    cfg.set('llm.default_model', 'claude-haiku');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes('${ANTHROPIC_API_KEY}'));
    assert.ok(!text.includes(env.ANTHROPIC_API_KEY!));
    const get = await runNimbus(['config', 'get', 'llm.providers.anthropic.api_key'], { env });
    assert.equal(get.stdout.trim(), '${ANTHROPIC_API_KEY}');
  });

  test('literal secrets are masked in list and get', async () => {
    const { env } = withConfig('llm:\n  providers:\n    openai:\n      api_key: sk-proj-abcdefghijklmnopqrstuvwxyz\n');
    const list = await runNimbus(['config', 'list'], { env });
    assert.doesNotMatch(list.stdout, /abcdefghijklmnop/);
    assert.match(list.stdout, /llm\.providers\.openai\.api_key = "\*\*\*\*wxyz"/);
    const shown = await runNimbus(['config', 'get', 'llm.providers.openai.api_key', '--show-secrets'], { env });
    assert.equal(shown.stdout.trim(), 'sk-proj-abcdefghijklmnopqrstuvwxyz');
  });

  test('values are typed by the schema', async () => {
    const { env } = withConfig('');
    await runNimbus(['config', 'set', 'ui.logs_buffer', '5000'], { env });
    await runNimbus(['config', 'set', 'llm.providers.openai.models', 'gpt-4o, gpt-4o-mini'], { env });
    const cfg = Config.load({ env });
    assert.equal(cfg.get('ui.logs_buffer'), 5000);
    assert.deepEqual(cfg.get('llm.providers.openai.models'), ['gpt-4o', 'gpt-4o-mini']);
    assert.equal(cfg.get('safety.require_confirmation'), true, 'defaults apply');
  });

  const badSets: Array<[string[], RegExp]> = [
    [['llm.default_providr', 'openai'], /unknown config key "llm\.default_providr"/],
    [['safety.dry_run', 'maybe'], /safety\.dry_run: "maybe" is not a boolean/],
    [['ui.logs_buffer', '12.5'], /ui\.logs_buffer: "12\.5" is not an integer/],
    [['persona.mode', 'pirate'], /persona\.mode: must be one of professional, assistant, expert/],
    [['ui.logs_buffer', '5'], /ui\.logs_buffer: must be >= 100/],
    [['safety', 'true'], /safety is a section/],
  ];
  for (const [args, re] of badSets) {
    test(`config set ${args.join(' ')} is refused and writes nothing`, async () => {
      const { env, file } = withConfig(COMMENTED);
      const r = await runNimbus(['config', 'set', ...args], { env });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(fs.readFileSync(file, 'utf8'), COMMENTED);
    });
  }

  test('an invalid config.yaml names the file and key; other commands still say so in one line', async () => {
    const { env } = withConfig('safety:\n  dry_run: "yes please"\n  auto_aprove: {}\n');
    const r = await spawnNimbus(['fs', 'list'], { env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /config\.yaml: safety\.(dry_run: must be boolean|auto_aprove: is not an allowed field)/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  test('broken YAML names the file and line', async () => {
    const { env } = withConfig('llm:\n  default_provider: [unclosed\n');
    const r = await runNimbus(['config', 'list'], { env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /config\.yaml:\d+: invalid YAML/);
  });

  test('config path points into NIMBUS_HOME', async () => {
    const { env, file } = withConfig('');
    assert.equal((await runNimbus(['config', 'path'], { env })).stdout.trim(), file);
  });

  test('config changes are recorded in history with secrets masked', async () => {
    const { env } = withConfig('');
    await runNimbus(['config', 'set', 'github.token', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'], { env });
    const h = await runNimbus(['history', '--type', 'config', '--json'], { env });
    const rows = JSON.parse(h.stdout);
    assert.equal(rows.length, 1);
    assert.doesNotMatch(JSON.stringify(rows), /0123456789abcdefghij/);
  });
});
