/**
 * Git, GitHub and init figures (issue 9), as ratios against baselines measured in the same run:
 *  - `git/status` through the kernel (validation, policy, history, porcelain parsing) vs. the bare `git status` it runs;
 *  - `github/pr-list` through the kernel and Octokit vs. one raw HTTP GET of the same page from the fixture server;
 *  - the `nimbus init` scan of the Terraform + Helm fixture (warm) vs. just reading every file it walks;
 *  - the first scan in a process (it starts the HCL parser's WASM), in ms, for information.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './util.js';
import { Kernel } from '../core/kernel.js';
import { NonInteractiveApprover } from '../core/approval.js';
import { scanProject } from '../core/project/scan.js';
import { startGitHubFixture } from '../fixtures/github/server.js';
import type { Figure } from './run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');

async function time(fn: () => unknown | Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

function readAll(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += readAll(p);
    else if (e.isFile()) n += fs.readFileSync(p).length;
  }
  return n;
}

export async function bench(): Promise<Figure[]> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-bench-git-'));
  const gitconfig = path.join(home, 'gitconfig');
  fs.writeFileSync(gitconfig, '[user]\n\tname = Bench\n\temail = bench@nimbus.invalid\n[init]\n\tdefaultBranch = main\n');
  const env = { ...process.env, HOME: home, NIMBUS_HOME: path.join(home, '.nimbus'), GIT_CONFIG_GLOBAL: gitconfig, NO_COLOR: '1' };
  const repo = path.join(home, 'repo');
  execFileSync('git', ['init', '-q', repo], { env });
  for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(repo, `f${i}.txt`), `${i}\n`);
  execFileSync('git', ['-C', repo, 'add', '.'], { env });
  execFileSync('git', ['-C', repo, 'commit', '-qm', 'init'], { env });
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(repo, `f${i}.txt`), `changed ${i}\n`);

  const k = new Kernel({ workspace: repo, env, approver: new NonInteractiveApprover() });
  await k.call('git/status', {});
  const raw: number[] = [];
  const viaKernel: number[] = [];
  for (let i = 0; i < 20; i++) {
    raw.push(...(await time(() => execFileSync('git', ['-C', repo, 'status', '--porcelain=v2', '--branch', '-z'], { env }), 1)));
    viaKernel.push(...(await time(() => k.call('git/status', {}), 1)));
  }

  const gh = await startGitHubFixture();
  const ghEnv = { ...env, GITHUB_TOKEN: 'ghp_fixtureWriteToken0000000000000000000001' };
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), `version: 1\ngithub:\n  base_url: ${gh.url}\n`);
  const kg = new Kernel({ workspace: repo, env: ghEnv, approver: new NonInteractiveApprover() });
  await kg.call('github/pr-list', { repo: 'acme/infra' });
  const httpRaw: number[] = [];
  const viaOctokit: number[] = [];
  for (let i = 0; i < 20; i++) {
    httpRaw.push(...(await time(async () => (await fetch(`${gh.url}/repos/acme/infra/pulls?state=open&per_page=30`, { headers: { authorization: `token ${ghEnv.GITHUB_TOKEN}` } })).json(), 1)));
    viaOctokit.push(...(await time(() => kg.call('github/pr-list', { repo: 'acme/infra' }), 1)));
  }
  await gh.close();

  const mono = path.join(ROOT, 'fixtures', 'projects', 'tf-helm-monorepo');
  const first = (await time(() => scanProject(mono), 1))[0]!;
  const warm = await time(() => scanProject(mono), 10);
  const read = await time(() => readAll(mono), 10);

  await k.dispose();
  await kg.dispose();
  fs.rmSync(home, { recursive: true, force: true });
  const ratio = (a: number[], b: number[]) => median(a) / median(b);
  const statusRatio = ratio(viaKernel, raw);
  const ghRatio = ratio(viaOctokit, httpRaw);
  return [
    { name: 'git/status via kernel ÷ bare git status', value: statusRatio, unit: 'x', target: '< 4x', ok: statusRatio < 4, detail: `${median(viaKernel).toFixed(1)} ms vs ${median(raw).toFixed(1)} ms` },
    { name: 'github/pr-list via kernel+Octokit ÷ one raw HTTP GET', value: ghRatio, unit: 'x', target: '< 10x', ok: ghRatio < 10, detail: `${median(viaOctokit).toFixed(1)} ms vs ${median(httpRaw).toFixed(1)} ms` },
    { name: 'init scan (warm) of tf-helm-monorepo ÷ reading its files', value: ratio(warm, read), unit: 'x', detail: `${median(warm).toFixed(1)} ms vs ${median(read).toFixed(2)} ms` },
    { name: 'init scan, first in process (HCL WASM start)', value: first, unit: 'ms' },
  ];
}
