/**
 * Build step (npm run build): emit the sandbox process's script as CommonJS.
 *
 * The sandbox process runs with --no-node-snapshot (isolated-vm needs it), and
 * without the snapshot an ES module entry costs ~20 ms more to start than a
 * CommonJS one, on every first sandboxed call. So sandbox/isolate-host.ts and the
 * modules it imports at run time are transpiled once more, file by file, to
 * CommonJS under dist/sandbox-host/ (same relative layout, with a package.json
 * saying "commonjs"). Type checking is done by the main tsc run; this step only
 * re-emits. It fails the build if one of those files uses something CommonJS
 * cannot run (import.meta, top-level await).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PKG_ROOT, DIST_ROOT } from '../core/paths.js';

const require = createRequire(import.meta.url);

export const HOST_ENTRY = 'sandbox/isolate-host.ts';
export const HOST_OUT = path.join(DIST_ROOT, 'sandbox-host');

export function buildHost(): string[] {
  const ts: typeof import('typescript') = require('typescript');
  fs.rmSync(HOST_OUT, { recursive: true, force: true });
  fs.mkdirSync(HOST_OUT, { recursive: true });
  fs.writeFileSync(path.join(HOST_OUT, 'package.json'), JSON.stringify({ type: 'commonjs', private: true }, null, 2) + '\n');
  const done = new Set<string>();
  const queue = [HOST_ENTRY];
  while (queue.length) {
    const rel = queue.shift()!;
    if (done.has(rel)) continue;
    done.add(rel);
    const file = path.join(PKG_ROOT, rel);
    const source = fs.readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, verbatimModuleSyntax: false, newLine: ts.NewLineKind.LineFeed },
    });
    const problems = [...(out.diagnostics ?? [])].filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (problems.length) throw new Error(`${rel}: ${ts.flattenDiagnosticMessageText(problems[0]!.messageText, ' ')}`);
    if (/\bimport\.meta\b/.test(out.outputText)) throw new Error(`${rel}: uses import.meta, which the CommonJS sandbox host cannot run`);
    try {
      // Parse it as Node would wrap it (a top-level await is a syntax error there).
      new Function('exports', 'require', 'module', '__filename', '__dirname', out.outputText);
    } catch (e: any) {
      throw new Error(`${rel}: does not run as CommonJS: ${e.message}`);
    }
    const target = path.join(HOST_OUT, rel.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.outputText);
    // Follow the run-time imports (type-only imports were erased by the transpile).
    for (const m of out.outputText.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const dep = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!)).replace(/\.js$/, '.ts');
      queue.push(dep);
    }
  }
  return [...done];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(DIST_ROOT, 'sandbox', 'build-host.js')) {
  const files = buildHost();
  process.stdout.write(`sandbox host as CommonJS (${files.length} files) → ${path.relative(PKG_ROOT, HOST_OUT)}/\n`);
}
