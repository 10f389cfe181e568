/**
 * moto's AWS server for the aws-* tests: each test file starts its own on a
 * free port and stops it when done. moto_server comes from pip (moto[server]);
 * .ci/setup.d/50-cloud.sh installs it when it is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, testEnv, tmpdir } from './helpers/index.js';

export interface Moto {
  url: string;
  port: number;
  stop(): Promise<void>;
  reset(): Promise<void>;
}

export function motoBinary(): string | undefined {
  const explicit = process.env.NIMBUS_MOTO_SERVER;
  if (explicit && fs.existsSync(explicit)) return explicit;
  const r = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export async function startMoto(): Promise<Moto> {
  const bin = motoBinary();
  if (!bin) throw new Error('moto_server is not installed (pip install "moto[server]"); .ci/setup.d/50-cloud.sh installs it');
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  // Ready in ~0.5 s on an idle machine; a CI box running many suites at once can take far longer.
  const deadline = Date.now() + 120000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${url} within 120 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    async reset() {
      await fetch(`${url}/moto-api/reset`, { method: 'POST' });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** An environment (own HOME and NIMBUS_HOME) whose AWS calls go to moto with static test keys. */
export function awsEnv(moto: Moto, extra: Record<string, string | undefined> = {}): ReturnType<typeof testEnv> {
  return testEnv({ AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: moto.url, AWS_EC2_METADATA_DISABLED: 'true', ...extra });
}

/** SDK client options pointing straight at moto (for seeding and checking state). */
export function sdkOpts(moto: Moto, region = 'us-east-1'): any {
  return { region, endpoint: moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, forcePathStyle: true };
}

/** Launch instances in moto with a Name tag and extra tags; returns their IDs. */
export async function launch(moto: Moto, name: string, opts: { type?: string; region?: string; tags?: Record<string, string>; count?: number } = {}): Promise<string[]> {
  const { EC2Client, RunInstancesCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(sdkOpts(moto, opts.region));
  const tags = [{ Key: 'Name', Value: name }, ...Object.entries(opts.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))];
  const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: (opts.type ?? 't3.micro') as any, MinCount: opts.count ?? 1, MaxCount: opts.count ?? 1, TagSpecifications: [{ ResourceType: 'instance', Tags: tags }] }));
  return (out.Instances ?? []).map((i) => i.InstanceId!);
}

export async function instanceState(moto: Moto, id: string, region = 'us-east-1'): Promise<string> {
  const { EC2Client, DescribeInstancesCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(sdkOpts(moto, region));
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations![0]!.Instances![0]!.State!.Name!;
}

/** Write ~/.aws/config and ~/.aws/credentials under HOME. */
export function writeAwsFiles(home: string, config: string, credentials: string): void {
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aws', 'config'), config);
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials);
}

export { tmpdir };
