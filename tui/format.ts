/** Small text helpers for the plain command line. */

/** A kubectl-style table: columns padded to the widest cell, no borders. */
export function table(headers: string[], rows: Array<Array<string | number | undefined | null>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]!))).join('   ').trimEnd()).join('\n') + '\n';
}

/** "3m", "2h", "5d" since an ISO timestamp. */
export function age(iso: string | Date | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (!Number.isFinite(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.round(h / 24)}d`;
}

export function clipLine(s: string | null | undefined, n: number): string {
  if (!s) return '';
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
