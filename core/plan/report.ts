import type { RunReport, StepReport } from './runner.js';

const xmlEscape = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** The --report JSON: each step with status, effect, approval source, duration and output summary. */
export function jsonReport(r: RunReport): unknown {
  return {
    run_id: r.runId,
    plan: r.plan,
    context: r.context,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
    dry_run: r.dryRun,
    exit_code: r.exitCode,
    counts: r.counts,
    steps: r.steps.map((s) => ({
      id: s.id,
      tool: s.tool,
      effect: s.effect,
      target: s.target ?? null,
      status: s.status,
      approval: s.approval,
      reason: s.reason ?? null,
      duration_ms: Math.round(s.durationMs),
      output: s.output ?? null,
      error: s.error ?? null,
      resumed: s.resumed === true,
    })),
  };
}

/** JUnit XML for CI dashboards: one testcase per step; refused and failed steps fail, skipped ones are skipped. */
export function junitReport(r: RunReport): string {
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const total = r.steps.reduce((a, s) => a + s.durationMs, 0);
  const failures = r.steps.filter((s) => s.status === 'refused').length;
  const errors = r.steps.filter((s) => s.status === 'failed').length;
  const skipped = r.steps.filter((s) => s.status === 'skipped').length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nimbus" tests="${r.steps.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${secs(total)}">`,
    `  <testsuite name="${xmlEscape(r.plan.name)}" tests="${r.steps.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${secs(total)}" timestamp="${r.startedAt.replace(/\.\d+Z$/, '')}" hostname="nimbus">`,
    '    <properties>',
    `      <property name="run_id" value="${xmlEscape(r.runId)}"/>`,
    `      <property name="plan_sha256" value="${r.plan.sha256}"/>`,
    `      <property name="dry_run" value="${r.dryRun}"/>`,
    '    </properties>',
  ];
  for (const s of r.steps) {
    const name = `${s.id}: ${s.tool}${s.target ? ` ${s.target}` : ''}`;
    lines.push(`    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(`nimbus.${s.effect}`)}" time="${secs(s.durationMs)}">`);
    if (s.status === 'refused') lines.push(`      <failure message="${xmlEscape(`refused: ${s.reason ?? ''}`)}" type="refused">${xmlEscape(s.error?.message ?? '')}</failure>`);
    else if (s.status === 'failed') lines.push(`      <error message="${xmlEscape(s.error?.message ?? 'failed')}" type="${xmlEscape(s.error?.code ?? 'error')}">${xmlEscape(s.error?.message ?? '')}</error>`);
    else if (s.status === 'skipped') lines.push(`      <skipped message="${xmlEscape(s.reason ?? 'skipped')}"/>`);
    lines.push(`      <system-out>${xmlEscape(`status: ${s.status}; approval: ${s.approval ?? 'none'}${s.output ? `\n${s.output}` : ''}`)}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

const MARK: Record<StepReport['status'], string> = { success: 'done', noop: 'no change', 'dry-run': 'previewed', failed: 'FAILED', refused: 'REFUSED', skipped: 'skipped' };

/** The one-screen summary. */
export function summary(r: RunReport): string {
  const w = Math.max(...r.steps.map((s) => s.id.length), 4);
  const lines = [`plan "${r.plan.name}" (sha256 ${r.plan.sha256.slice(0, 12)}…), run ${r.runId.slice(0, 8)}${r.dryRun ? ', dry run' : ''}`];
  for (const s of r.steps) {
    const why = s.status === 'refused' || s.status === 'skipped' ? ` — ${s.reason ?? ''}` : s.status === 'failed' ? ` — ${s.error?.message ?? ''}` : s.approval && s.approval !== 'not-needed' ? ` (${s.approval})` : '';
    lines.push(`  ${s.id.padEnd(w)}  ${s.effect.padEnd(8)} ${MARK[s.status].padEnd(9)} ${s.tool}${s.target ? ` ${s.target}` : ''}${s.resumed ? ' [resumed]' : ''}${why}`);
  }
  const c = r.counts;
  lines.push(`${c.success + c.noop} done, ${c['dry-run']} previewed, ${c.refused} refused, ${c.failed} failed, ${c.skipped} skipped — exit ${r.exitCode}`);
  if (c.refused) lines.push(`resume after approving with: nimbus run ${r.plan.file} --resume ${r.runId} …`);
  return lines.join('\n') + '\n';
}

/** GitHub Actions workflow commands (when GITHUB_ACTIONS=true). */
export function githubAnnotations(r: RunReport): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const out: string[] = [];
  for (const s of r.steps) {
    if (s.status === 'refused') out.push(`::error title=${escProp(`nimbus: step ${s.id} refused`)}::${esc(`${s.tool}${s.target ? ` ${s.target}` : ''}: ${s.reason ?? 'refused'}`)}`);
    else if (s.status === 'failed') out.push(`::error title=${escProp(`nimbus: step ${s.id} failed`)}::${esc(s.error?.message ?? 'failed')}`);
    else if (s.status === 'skipped') out.push(`::warning title=${escProp(`nimbus: step ${s.id} skipped`)}::${esc(s.reason ?? 'skipped')}`);
  }
  const c = r.counts;
  out.push(`::notice title=nimbus plan ${escProp(r.plan.name)}::${esc(`${c.success + c.noop} done, ${c['dry-run']} previewed, ${c.refused} refused, ${c.failed} failed, ${c.skipped} skipped`)}`);
  return out.join('\n') + '\n';
}
