import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Cli } from 'clipanion';
import type { CommandClass } from 'clipanion';
import type { NimbusContext } from './commands/base.js';
import { nimbusVersion } from '../core/version.js';
import { BUILTIN_PLUGINS_DIR, BUILTIN_PLUGINS_CODE_DIR, installedPluginsDir } from '../core/paths.js';
import { kernelCommands } from './commands/index.js';
import { EXIT } from '../core/errors.js';

/**
 * Commands contributed by plugins: each built-in plugin's own commands
 * (manifest field "commands"), then `nimbus PLUGIN TOOL` for every tool that no
 * command already claims. Manifests are read as data; no tool code is loaded.
 */
/** First command words of each built-in plugin's own commands, written by `npm run build`. */
const INDEX_FILE = path.join(path.dirname(new URL(import.meta.url).pathname), 'command-index.json');
function commandIndex(): Record<string, string[]> | undefined {
  try {
    return JSON.parse(fs.readFileSync(INDEX_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Which commands to register: everything (help, completion), or only what the first word can reach. */
export interface CommandFilter {
  all: boolean;
  first?: string;
}

async function pluginCommands(env: NodeJS.ProcessEnv, taken: Set<string>, filter: CommandFilter = { all: true }, indexOut?: Record<string, string[]>): Promise<CommandClass<any>[]> {
  const index = filter.all ? undefined : commandIndex();
  const out: CommandClass<any>[] = [];
  const { loadManifestFile } = await import('../core/manifest.js');
  const { toolCommand } = await import('./tool-commands.js');
  const dirs: Array<{ dir: string; codeDir: string; builtin: boolean }> = [];
  for (const [root, codeRoot, builtin] of [[BUILTIN_PLUGINS_DIR, BUILTIN_PLUGINS_CODE_DIR, true], [installedPluginsDir(env), installedPluginsDir(env), false]] as const) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(root).sort();
    } catch {
      continue;
    }
    for (const n of names) dirs.push({ dir: path.join(root, n), codeDir: path.join(codeRoot, n), builtin });
  }
  for (const d of dirs) {
    const file = path.join(d.dir, 'nimbus.plugin.json');
    if (!fs.existsSync(file)) continue;
    let m;
    try {
      m = loadManifestFile(file);
    } catch {
      continue; // reported by `nimbus plugin list` and when a tool is called
    }
    const ownCommands = filter.all || !index || !(m.name in index) || index[m.name]!.includes(filter.first ?? '');
    if (d.builtin && m.commands && ownCommands) {
      try {
        const mod = await import(pathToFileURL(path.join(d.codeDir, m.commands)).href);
        const list = (mod.default ?? mod.commands) as unknown;
        if (!Array.isArray(list)) throw new Error(`${m.commands} must export an array of command classes`);
        for (const c of list as CommandClass<any>[]) {
          if (typeof c !== 'function') throw new Error(`${m.commands} exports something that is not a command class`);
          out.push(c);
          for (const p of (c as any).paths ?? []) {
            taken.add(p.join(' '));
            if (indexOut) (indexOut[m.name] ??= []).includes(p[0]) || indexOut[m.name]!.push(p[0]);
          }
        }
      } catch (e: any) {
        // One broken plugin must not take the whole CLI down.
        process.stderr.write(`nimbus: warning: plugin ${m.name}: its commands could not be loaded (${String(e?.message ?? e).split('\n')[0]})\n`);
      }
    }
    // A plugin with its own commands owns its CLI surface (its tools stay reachable through `nimbus tool run`).
    if (d.builtin && m.commands) continue;
    if (!filter.all && filter.first !== m.name) continue;
    for (const t of m.tools) {
      const key = `${m.name} ${t.name}`;
      if (taken.has(key) || taken.has(m.name)) continue;
      taken.add(key);
      out.push(toolCommand(m.name, t));
    }
  }
  return out;
}

/** Build-time: the first words each built-in plugin's commands use, so a CLI run loads only the plugin it needs. */
export async function writeCommandIndex(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const index: Record<string, string[]> = {};
  await pluginCommands(env, new Set(), { all: true }, index);
  fs.writeFileSync(INDEX_FILE, JSON.stringify(index, null, 2) + '\n');
}

/** What ARGV needs registered: a help listing needs every command; a command needs only its own. */
export function filterFor(argv: string[]): CommandFilter {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (!words.length) return { all: true };
  if (words[0] === 'help') return words.length > 1 ? { all: false, first: words[1] } : { all: true };
  return { all: false, first: words[0] };
}

export async function buildCli(env: NodeJS.ProcessEnv = process.env, filter: CommandFilter = { all: true }, stdoutIsTTY = false): Promise<Cli<NimbusContext>> {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const force = Boolean(env.FORCE_COLOR && env.FORCE_COLOR !== '0');
  const cli = new Cli<NimbusContext>({ binaryLabel: 'Nimbus', binaryName: 'nimbus', binaryVersion: nimbusVersion(), enableColors: !noColor && (force || stdoutIsTTY) });
  const commands = await kernelCommands();
  const taken = new Set<string>();
  for (const c of commands) {
    cli.register(c);
    for (const p of (c as any).paths ?? []) {
      taken.add(p.join(' '));
      taken.add(p[0]);
    }
  }
  for (const c of await pluginCommands(env, taken, filter)) cli.register(c);
  return cli;
}

/**
 * When WORDS name a group of commands rather than one (`nimbus k8s`,
 * `nimbus aws ec2`), the commands under it, one line each; else undefined.
 */
export function groupListing(cli: Cli<NimbusContext>, words: string[], colored = false): { text: string; commands: Array<{ usage: string; description: string }> } | undefined {
  if (!words.length) return undefined;
  const prefix = ['nimbus', ...words].join(' ');
  const defs = cli.definitions({ colored: false }).filter((d) => d.path !== prefix && d.path.startsWith(prefix + ' '));
  if (!defs.length || cli.definitions().some((d) => d.path === prefix)) return undefined;
  const rows = defs
    .map((d) => ({ usage: d.usage.trim(), description: (d.description ?? '').trim() }))
    .sort((a, b) => (a.usage < b.usage ? -1 : 1));
  const width = Math.min(60, Math.max(...rows.map((r) => r.usage.length)));
  const bold = (t: string) => (colored ? `\u001b[1m${t}\u001b[22m` : t);
  const lines = [
    `${bold(prefix)}: ${rows.length} command${rows.length === 1 ? '' : 's'}`,
    '',
    ...rows.map((r) => `  ${r.usage.length > width ? `${r.usage}\n  ${' '.repeat(width)}` : r.usage.padEnd(width)}  ${r.description}`),
    '',
    `${prefix} COMMAND --help shows one command's usage and examples.`,
    '',
  ];
  return { text: lines.join('\n'), commands: rows };
}

/** Run nimbus with ARGV; returns the exit code. Usage errors are one line and exit 2. */
export async function runCli(argv: string[], context: Partial<NimbusContext> & Pick<NimbusContext, 'stdout' | 'stderr'>): Promise<number> {
  const env = context.env ?? process.env;
  const cli = await buildCli(env, filterFor(argv), Boolean((context.stdout as any).isTTY));
  const ctx = { stdin: process.stdin, env, colorDepth: 1, ...context } as NimbusContext;
  if ((argv.length === 1 && (argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h'))) {
    // The overview needs no parsing: skip compiling clipanion's state machine.
    const { default: HelpCommand } = await import('./commands/help.js');
    const help = new HelpCommand();
    help.context = ctx;
    help.cli = cli as any;
    help.debug = false;
    help.command = [];
    return help.execute();
  }
  let command;
  try {
    command = cli.process(argv, ctx);
  } catch (e: any) {
    const debug = argv.includes('--debug');
    const msg = String(e?.message ?? e).split('\n')[0]!.replace(/^Command not found; did you mean.*$/, 'unknown command');
    const wantsJson = argv.includes('--json');
    // A group of commands (nimbus k8s, nimbus aws ec2 --help): list what is under it.
    const group = msg === 'unknown command' ? groupListing(cli, argv.filter((a) => !a.startsWith('-')), Boolean((context.stdout as any).isTTY) && !env.NO_COLOR) : undefined;
    if (group) {
      ctx.stdout.write(wantsJson ? JSON.stringify({ commands: group.commands }, null, 2) + '\n' : group.text);
      return EXIT.OK;
    }
    const suggestion = argv.length ? ` "${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}"` : '';
    const line = msg === 'unknown command' ? `unknown command${suggestion} (nimbus help lists the commands)` : `${msg} (nimbus ${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')} --help shows the usage)`;
    if (wantsJson) ctx.stdout.write(JSON.stringify({ error: { code: 'NIMBUS_E_USAGE', message: line, exitCode: EXIT.USAGE } }) + '\n');
    else ctx.stderr.write(`nimbus: ${line}\n`);
    if (debug) ctx.stderr.write(String(e?.stack ?? e) + '\n');
    return EXIT.USAGE;
  }
  return cli.run(command, ctx);
}
