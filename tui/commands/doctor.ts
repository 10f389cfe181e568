import { Command, Option } from 'clipanion';
import { execFile } from 'node:child_process';
import { NimbusCommand } from './base.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  required?: boolean;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeout = 8000): Promise<{ ok: boolean; out: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout, maxBuffer: 1024 * 1024 }, (err: any, stdout, stderr) => {
      if (err && err.code === 'ENOENT') return resolve({ ok: false, out: '', missing: true });
      resolve({ ok: !err, out: `${stdout}${stderr}`.trim(), missing: false });
    });
  });
}

const firstLine = (s: string) => s.split('\n').find((l) => l.trim())?.trim() ?? '';

/** Binary checks: name, argv for its version, how to pull a version out, and the fix. */
const BINARIES: Array<{ name: string; cmd: string; args: string[]; version: (out: string) => string; fix: string }> = [
  { name: 'git', cmd: 'git', args: ['--version'], version: (o) => o.replace(/^git version /, ''), fix: 'apt-get install git (or your package manager)' },
  // (terraform may add CLI-config warnings after its JSON.)
  { name: 'terraform', cmd: 'terraform', args: ['version', '-json'], version: (o) => /"terraform_version":\s*"([^"]+)"/.exec(o)?.[1] ?? firstLine(o), fix: 'install terraform from https://developer.hashicorp.com/terraform/install' },
  { name: 'kubectl', cmd: 'kubectl', args: ['version', '--client', '-o', 'json'], version: (o) => { try { return JSON.parse(o.slice(o.indexOf('{'))).clientVersion.gitVersion; } catch { return firstLine(o); } }, fix: 'install kubectl: https://kubernetes.io/docs/tasks/tools/' },
  { name: 'helm', cmd: 'helm', args: ['version', '--short'], version: firstLine, fix: 'install helm: https://helm.sh/docs/intro/install/' },
  { name: 'aws', cmd: 'aws', args: ['--version'], version: (o) => firstLine(o).split(' ')[0]!.replace('aws-cli/', ''), fix: 'install the AWS CLI: https://aws.amazon.com/cli/' },
  { name: 'gcloud', cmd: 'gcloud', args: ['version', '--format=value(core)'], version: (o) => firstLine(o), fix: 'install the Google Cloud CLI: https://cloud.google.com/sdk/docs/install' },
  { name: 'az', cmd: 'az', args: ['version', '-o', 'json'], version: (o) => { try { return JSON.parse(o.slice(o.indexOf('{')))['azure-cli']; } catch { return firstLine(o); } }, fix: 'apt-get install azure-cli (or https://learn.microsoft.com/cli/azure/install-azure-cli)' },
];

const LLM_KEYS: Array<{ provider: string; vars: string[] }> = [
  { provider: 'anthropic', vars: ['ANTHROPIC_API_KEY'] },
  { provider: 'openai', vars: ['OPENAI_API_KEY'] },
  { provider: 'google', vars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
  { provider: 'openrouter', vars: ['OPENROUTER_API_KEY'] },
  { provider: 'ollama', vars: ['OLLAMA_HOST'] },
];

export default class DoctorCommand extends NimbusCommand {
  static override paths = [['doctor']];
  static override usage = Command.Usage({
    description: 'Check the tools, engines and keys Nimbus uses',
    details: 'Each check says found or not, the version, and how to fix what is missing. Exit code 1 only when something Nimbus itself needs is broken (Node.js, config, history).',
    examples: [['Check this machine', '$0 doctor'], ['As JSON', '$0 doctor --json']],
  });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const env = this.env;
    const checks: Check[] = [];
    const major = Number(process.versions.node.split('.')[0]);
    checks.push({ name: 'node', ok: major >= 20, detail: `v${process.versions.node}`, fix: 'install Node.js 20 or newer', required: true });

    const { Config } = await import('../../core/config.js');
    let config: import('../../core/config.js').Config | undefined;
    try {
      config = Config.load({ env });
      checks.push({ name: 'config', ok: true, detail: config.file, required: true });
    } catch (e: any) {
      checks.push({ name: 'config', ok: false, detail: e.message, fix: 'fix the named key, or nimbus config unset KEY', required: true });
    }
    try {
      const { History } = await import('../../core/history.js');
      const h = History.open({ env });
      checks.push({ name: 'history', ok: true, detail: `${h.file} (${h.count()} operations)`, required: true });
      h.close();
    } catch (e: any) {
      checks.push({ name: 'history', ok: false, detail: e.message, fix: e.hint, required: true });
    }
    const { Registry } = await import('../../core/registry.js');
    const reg = Registry.discover({ env });
    checks.push({ name: 'plugins', ok: reg.problems.length === 0, detail: `${reg.plugins.length} loaded${reg.problems.length ? `; ${reg.problems.map((p) => p.message).join('; ')}` : ''}`, fix: reg.problems.length ? 'fix or remove the broken plugin (nimbus plugin list)' : undefined });

    const tf = config?.get<string>('terraform.binary');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { PKG_ROOT } = await import('../../core/paths.js');
    // helm as the helm plugin finds it (helm.binary, PATH, then the copy bundled under .tools/kube).
    let helm = 'helm';
    if (config) {
      const { helmBinary } = await import('../../plugins/helm/lib/helm.js');
      try {
        helm = helmBinary({ env, config });
      } catch {
        // Not found anywhere, or helm.binary names a missing file: running that reports it as not found.
        helm = config.get<string>('helm.binary') ?? 'helm';
      }
    }
    const results = await Promise.all(
      BINARIES.map(async (b) => {
        const cmd = b.name === 'helm' ? helm : b.name === 'terraform' && tf ? tf : b.cmd;
        let r = await run(cmd, b.args, env);
        // kubectl also comes bundled under .tools/kube.
        const bundled = path.join(PKG_ROOT, '.tools', 'kube', 'kubectl', 'kubectl');
        if (r.missing && b.name === 'kubectl' && fs.existsSync(bundled)) r = await run(bundled, b.args, env);
        if (r.missing) return { name: b.name, ok: false, detail: 'not found', fix: b.fix };
        return { name: b.name, ok: r.ok, detail: r.ok ? b.version(r.out) || 'found' : `found but failed: ${firstLine(r.out)}`, fix: r.ok ? undefined : b.fix };
      }),
    );
    checks.push(...results);

    // Docker: the client alone is not enough; the engine must answer.
    const docker = await run('docker', ['version', '--format', '{{.Server.Version}}'], env, 5000);
    checks.push(
      docker.missing
        ? { name: 'docker engine', ok: false, detail: 'docker client not found', fix: 'apt-get install docker.io, then start dockerd' }
        : docker.ok
          ? { name: 'docker engine', ok: true, detail: `server ${firstLine(docker.out)}` }
          : { name: 'docker engine', ok: false, detail: 'no engine answers at ' + (env.DOCKER_HOST || 'unix:///var/run/docker.sock'), fix: 'start it: dockerd --iptables=false --ip6tables=false --bridge=none & (or set DOCKER_HOST)' },
    );

    // The provider mirror, found and read by the terraform plugin's own functions.
    const { pluginDir, mirrorProviders } = await import('../../plugins/terraform/lib/terraform.js');
    const mirror = pluginDir(config, env);
    if (mirror) {
      // HOST/NAMESPACE/TYPE → NAMESPACE/TYPE
      const providers = [...mirrorProviders(mirror).keys()].map((k) => k.split('/').slice(1).join('/'));
      checks.push({ name: 'terraform providers', ok: providers.length > 0, detail: `${mirror}${providers.length ? ` (${providers.join(', ')})` : ': no providers found'}`, fix: providers.length ? undefined : 'point terraform.plugin_dir (or NIMBUS_TF_PLUGIN_DIR) at a provider mirror (terraform providers mirror DIR)' });
    } else {
      checks.push({ name: 'terraform providers', ok: false, detail: 'no local provider mirror: generated code is checked with fmt and the policy rules, not terraform validate', fix: 'terraform providers mirror DIR, then nimbus config set terraform.plugin_dir DIR' });
    }

    for (const k of LLM_KEYS) {
      const configured = config?.raw(`llm.providers.${k.provider}.api_key`) ?? config?.raw(`llm.providers.${k.provider}.base_url`);
      const found = k.vars.find((v) => env[v]);
      checks.push({
        name: `llm: ${k.provider}`,
        ok: Boolean(found || configured),
        detail: found ? `${found} is set` : configured ? 'configured in config.yaml' : k.provider === 'ollama' ? 'not configured' : 'no key',
        fix: found || configured ? undefined : k.provider === 'ollama' ? 'run Ollama locally, or set OLLAMA_HOST' : `export ${k.vars[0]}=… or nimbus config set llm.providers.${k.provider}.api_key '\${${k.vars[0]}}'`,
      });
    }

    if (this.jsonOutput) {
      this.json({ ok: checks.every((c) => c.ok || !c.required), checks });
    } else {
      const c = this.colors;
      for (const ch of checks) {
        const mark = ch.ok ? (c ? '\x1b[32m✓\x1b[0m' : 'ok ') : ch.required ? (c ? '\x1b[31m✗\x1b[0m' : 'ERR') : c ? '\x1b[33m-\x1b[0m' : ' - ';
        this.out(`${mark} ${ch.name.padEnd(20)} ${ch.detail}${!ch.ok && ch.fix ? `\n      fix: ${ch.fix}` : ''}`);
      }
    }
    return checks.some((c) => c.required && !c.ok) ? 1 : 0;
  }
}
