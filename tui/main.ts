#!/usr/bin/env node
/**
 * The `nimbus` binary. `--version` is answered before anything else loads;
 * everything else goes through clipanion.
 */
import fs from 'node:fs';

const argv = process.argv.slice(2);

// `nimbus … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function main(): Promise<void> {
  if (argv.length === 0) {
    const context = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
    if (process.stdin.isTTY && process.stdout.isTTY) {
      // A terminal: the full-screen TUI.
      const { openTui } = await import('./app/command.js');
      process.exitCode = await openTui(context);
      return;
    }
    // No terminal (a pipe, CI): the help and a usage exit code; never wait for input.
    const { runCli } = await import('./cli.js');
    await runCli(['help'], context);
    process.exitCode = 2;
    return;
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version')) {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`nimbus ${pkg.version}\n`);
    return;
  }
  if (argv.length === 1 && (argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h')) {
    const { helpFingerprint, readHelpCache, writeHelpCache } = await import('./help-cache.js');
    const env = process.env;
    const colored = !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && (Boolean(env.FORCE_COLOR && env.FORCE_COLOR !== '0') || Boolean(process.stdout.isTTY));
    const key = helpFingerprint(env, colored);
    const cached = readHelpCache(env, key);
    if (cached !== undefined) {
      process.stdout.write(cached);
      return;
    }
    const { PassThrough } = await import('node:stream');
    const capture = new PassThrough();
    let text = '';
    capture.on('data', (d) => (text += d));
    Object.assign(capture, { isTTY: process.stdout.isTTY });
    const { runCli } = await import('./cli.js');
    const code = await runCli(argv, { stdin: process.stdin, stdout: capture as any, stderr: process.stderr, env });
    process.stdout.write(text);
    if (code === 0) writeHelpCache(env, key, text);
    process.exitCode = code;
    return;
  }
  const { runCli } = await import('./cli.js');
  const code = await runCli(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
  process.exitCode = code;
}

main().catch((e) => {
  process.stderr.write(`nimbus: ${e?.message ?? e}\n`);
  if (argv.includes('--debug')) process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exitCode = 1;
});
