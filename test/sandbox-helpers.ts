/** Helpers shared by the sandbox tests: install fixture plugins, make workspaces, find the Docker engine. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { FIXTURES, ROOT, runNimbus, testEnv, tmpdir } from './helpers/index.js';
import { Kernel } from '../core/kernel.js';
import { createSandboxRunner, type Sandbox } from '../sandbox/index.js';
import { NonInteractiveApprover } from '../core/approval.js';
import type { Approver } from '../core/approval.js';

const require = createRequire(import.meta.url);

export const PLUGINS = path.join(FIXTURES, 'plugins');

/** A NIMBUS_HOME with the given fixture plugins installed through `nimbus plugin add --yes`. */
export async function envWith(plugins: string[], extra: Record<string, string | undefined> = {}): Promise<ReturnType<typeof testEnv>> {
  const env = testEnv(extra);
  for (const p of plugins) {
    const r = await runNimbus(['plugin', 'add', path.join(PLUGINS, p), '--yes'], { env });
    if (r.code !== 0) throw new Error(`plugin add ${p} failed: ${r.stderr}`);
  }
  return env;
}

/**
 * A workspace: data/ (readable: plan.json, secret.txt, a symlink to /etc/passwd,
 * a symlinked folder leading outside), out/ (writable, open to the container
 * user), and outside.txt beside them (in no root).
 */
export function workspace(): string {
  const w = tmpdir('nimbus-ws-');
  fs.mkdirSync(path.join(w, 'data'));
  fs.mkdirSync(path.join(w, 'out'));
  fs.chmodSync(path.join(w, 'out'), 0o777);
  fs.chmodSync(w, 0o755);
  fs.writeFileSync(path.join(w, 'data', 'plan.json'), JSON.stringify(samplePlan()));
  fs.writeFileSync(path.join(w, 'data', 'secret.txt'), 'inside data\n');
  fs.writeFileSync(path.join(w, 'outside.txt'), 'outside every root\n');
  fs.mkdirSync(path.join(w, 'elsewhere'));
  fs.writeFileSync(path.join(w, 'elsewhere', 'private.txt'), 'private\n');
  fs.symlinkSync('/etc/passwd', path.join(w, 'data', 'passwd-link'));
  fs.symlinkSync(path.join(w, 'elsewhere'), path.join(w, 'data', 'dir-link'));
  fs.symlinkSync(path.join(w, 'elsewhere'), path.join(w, 'out', 'escape'));
  return w;
}

/** A Terraform plan (terraform show -json shape) with three priced resources and one without a price. */
export function samplePlan(): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [
      { address: 'aws_instance.web', mode: 'managed', type: 'aws_instance', change: { actions: ['create'], before: null, after: { instance_type: 't3.micro', root_block_device: [{ volume_size: 20, volume_type: 'gp3' }] } } },
      { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', change: { actions: ['create'], before: null, after: { instance_class: 'db.t3.micro', allocated_storage: 20, storage_type: 'gp2', multi_az: false } } },
      { address: 'aws_nat_gateway.nat', mode: 'managed', type: 'aws_nat_gateway', change: { actions: ['create'], before: null, after: {} } },
      { address: 'aws_lambda_function.fn', mode: 'managed', type: 'aws_lambda_function', change: { actions: ['create'], before: null, after: { runtime: 'nodejs20.x' } } },
      { address: 'aws_instance.old', mode: 'managed', type: 'aws_instance', change: { actions: ['delete'], before: { instance_type: 'm5.large' }, after: null } },
    ],
  };
}

export interface TestKernel {
  kernel: Kernel;
  sandbox: Sandbox;
  logs: string[];
}

/** A kernel with its own sandbox runner (so tests can look at the sandbox process). */
export function kernelFor(env: NodeJS.ProcessEnv, ws: string, approver: Approver = new NonInteractiveApprover()): TestKernel {
  const logs: string[] = [];
  const kernel = new Kernel({ workspace: ws, env, approver, log: (l) => logs.push(l) });
  const sandbox = createSandboxRunner({ config: kernel.config, env });
  kernel.setSandbox(sandbox);
  return { kernel, sandbox, logs };
}

/** Is a Docker engine reachable (DOCKER_HOST or the default socket)? */
export async function dockerEngine(): Promise<{ ok: true; docker: any } | { ok: false; reason: string }> {
  const Docker = require('dockerode');
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const docker = host.startsWith('unix://') ? new Docker({ socketPath: host.slice(7) }) : new Docker();
  try {
    await Promise.race([docker.ping(), new Promise((_, rej) => setTimeout(() => rej(new Error('no answer in 5 s')), 5000))]);
    return { ok: true, docker };
  } catch (e: any) {
    return { ok: false, reason: `no Docker engine is reachable at ${host} (${e.code ?? e.message}); start one as .ci/setup.d/20-docker.sh does` };
  }
}

/** Build the nimbus/*:local images when one is missing (the CI setup builds them first). */
export async function ensureImages(docker: any): Promise<void> {
  for (const image of ['nimbus/busybox:local', 'nimbus/node:local', 'nimbus/suid-test:local']) {
    try {
      await docker.getImage(image).inspect();
    } catch {
      const r = spawnSync('bash', [path.join(ROOT, 'sandbox', 'images', 'build-images.sh')], { encoding: 'utf8', env: process.env });
      if (r.status !== 0) throw new Error(`building the test images failed: ${r.stderr}`);
      return;
    }
  }
}

/** Containers the sandbox left behind (it must leave none). */
export async function leftoverContainers(docker: any): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: { label: ['nimbus.tool'] } });
  return list.map((c: any) => `${c.Id.slice(0, 12)} ${c.Labels['nimbus.tool']} ${c.State}`);
}
