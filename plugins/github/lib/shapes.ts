/** The trimmed, stable shapes the github tools return (--json), built from GitHub's REST objects. */

export interface PullSummary {
  number: number;
  title: string;
  state: string;
  draft: boolean;
  merged: boolean;
  author: string;
  head: string;
  base: string;
  url: string;
  createdAt: string;
}

export function pullSummary(p: any): PullSummary {
  return {
    number: p.number,
    title: p.title,
    state: p.state,
    draft: Boolean(p.draft),
    merged: Boolean(p.merged_at ?? p.merged),
    author: p.user?.login ?? '',
    head: p.head?.ref ?? '',
    base: p.base?.ref ?? '',
    url: p.html_url,
    createdAt: p.created_at,
  };
}

export interface IssueSummary {
  number: number;
  title: string;
  state: string;
  stateReason?: string;
  author: string;
  labels: string[];
  assignees: string[];
  comments: number;
  url: string;
  createdAt: string;
}

export function issueSummary(i: any): IssueSummary {
  return {
    number: i.number,
    title: i.title,
    state: i.state,
    ...(i.state_reason ? { stateReason: i.state_reason } : {}),
    author: i.user?.login ?? '',
    labels: (i.labels ?? []).map((l: any) => (typeof l === 'string' ? l : l.name)),
    assignees: (i.assignees ?? []).map((a: any) => a.login),
    comments: i.comments ?? 0,
    url: i.html_url,
    createdAt: i.created_at,
  };
}

export interface CommitSummary {
  sha: string;
  subject: string;
  author: string;
}

export function commitSummary(c: any): CommitSummary {
  return { sha: c.sha, subject: String(c.commit?.message ?? '').split('\n')[0]!, author: c.author?.login ?? c.commit?.author?.name ?? '' };
}

export const commitLine = (c: CommitSummary) => `${c.sha.slice(0, 7)} ${c.subject} (${c.author})`;

export interface Checks {
  state: 'success' | 'failure' | 'pending' | 'none';
  passed: number;
  failed: number;
  pending: number;
  runs: Array<{ name: string; status: string; conclusion: string | null; url?: string }>;
}

/** Combine check runs (GitHub Actions, apps) and commit statuses into one verdict. */
export function combineChecks(checkRuns: any[], statuses: any[]): Checks {
  const runs = [
    ...checkRuns.map((r) => ({ name: r.name, status: r.status, conclusion: r.conclusion ?? null, url: r.html_url })),
    ...statuses.map((s) => ({ name: s.context, status: s.state === 'pending' ? 'in_progress' : 'completed', conclusion: s.state === 'pending' ? null : s.state === 'success' ? 'success' : 'failure', url: s.target_url ?? undefined })),
  ];
  const ok = new Set(['success', 'neutral', 'skipped']);
  const passed = runs.filter((r) => r.status === 'completed' && ok.has(r.conclusion ?? '')).length;
  const failed = runs.filter((r) => r.status === 'completed' && !ok.has(r.conclusion ?? '')).length;
  const pending = runs.length - passed - failed;
  const state = !runs.length ? 'none' : failed ? 'failure' : pending ? 'pending' : 'success';
  return { state, passed, failed, pending, runs };
}

export function checksLine(c: Checks): string {
  if (c.state === 'none') return 'no checks';
  const failed = c.runs.filter((r) => r.status === 'completed' && !['success', 'neutral', 'skipped'].includes(r.conclusion ?? '')).map((r) => r.name);
  return `${c.state}: ${c.passed} passed, ${c.failed} failed${failed.length ? ` (${failed.join(', ')})` : ''}, ${c.pending} pending`;
}
