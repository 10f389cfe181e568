/**
 * Runs inside a container (nimbus/node:local) when a community isolate tool is
 * forced into Docker. Mounted read-only at /nimbus/runner.mjs; imports nothing
 * from Nimbus. Reads {entry, input} on stdin, imports /plugin/ENTRY, calls its
 * default export with a `nimbus` object whose every method is a request over
 * /run/nimbus/cap.sock (checked by Nimbus against the manifest), and prints
 * {ok, result | error} as the only line on stdout.
 */
import net from 'node:net';
import { pathToFileURL } from 'node:url';

const writeResult = process.stdout.write.bind(process.stdout);
// Whatever the tool prints goes to stderr (Nimbus logs it); stdout carries only the result.
(process.stdout as any).write = (...a: any[]) => (process.stderr.write as any)(...a);

async function readStdin(): Promise<string> {
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s;
}

function capabilityClient(sockPath: string) {
  const sock = net.connect(sockPath);
  sock.setEncoding('utf8');
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let seq = 0;
  let buf = '';
  const broken = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  sock.on('error', (e) => broken(new Error(`the Nimbus capability socket failed: ${e.message}`)));
  sock.on('close', () => broken(new Error('the Nimbus capability socket closed')));
  sock.on('data', (d: string) => {
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const msg = JSON.parse(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (!w) continue;
      if (msg.ok) w.resolve(msg.v);
      else w.reject(new Error(String(msg.error)));
    }
  });
  sock.unref();
  const call = (op: string, args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      waiting.set(id, { resolve, reject });
      sock.ref();
      sock.write(JSON.stringify({ id, op, args }) + '\n');
    }).finally(() => {
      if (!waiting.size) sock.unref();
    });
  return {
    close: () => sock.destroy(),
    nimbus: Object.freeze({
      readFile: (p: string, o?: object) => call('readFile', [p, o ?? null]),
      writeFile: (p: string, content: string, o?: object) => call('writeFile', [p, content, o ?? null]),
      list: (p?: string) => call('list', [p === undefined ? '.' : p]),
      exec: (cmd: string, args?: string[], o?: object) => call('exec', [cmd, args ?? [], o ?? null]),
      fetch: (url: string, init?: object) => call('fetch', [url, init ?? null]),
      env: (name: string) => call('env', [name]),
      log: (...parts: unknown[]) => call('log', [parts.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')]),
    }),
  };
}

async function main(): Promise<void> {
  const { entry, input } = JSON.parse(await readStdin());
  const client = capabilityClient('/run/nimbus/cap.sock');
  try {
    const mod = await import(pathToFileURL(`/plugin/${entry}`).href);
    if (typeof mod.default !== 'function') throw new Error(`${entry} must export a default function: export default async function (input, nimbus) { … }`);
    const result = await mod.default(input, client.nimbus);
    writeResult(JSON.stringify({ ok: true, result: result === undefined ? null : result }) + '\n');
  } catch (e: any) {
    writeResult(JSON.stringify({ ok: false, error: String(e?.message ?? e).slice(0, 2000) }) + '\n');
  } finally {
    client.close();
  }
}

main().then(() => process.exit(0), () => process.exit(1));
