import { spawnSync } from 'node:child_process';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Wall time of one process run, in ms. */
export function timeProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Interleave the runs of several commands so that machine noise hits them alike. */
export function interleaved(cmds: Record<string, () => number>, runs: number): Record<string, number[]> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(cmds).map((k) => [k, []]));
  for (const fn of Object.values(cmds)) fn(); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [k, fn] of Object.entries(cmds)) out[k]!.push(fn());
  return out;
}
