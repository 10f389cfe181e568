/**
 * Open the full-screen TUI: the kernel with the TUI approver, the agent with
 * its events wired to the store, the panes, and a terminal that is restored
 * however the app ends (q, Ctrl-C twice, a signal, an uncaught error).
 */
import path from 'node:path';
import { NimbusError, asNimbusError, EXIT } from '../../core/errors.js';
import { nimbusVersion } from '../../core/version.js';
import type { Agent } from '../../core/agent/agent.js';
import type { Persona, Verbosity } from '../../core/agent/prompt.js';
import type { NimbusCommand } from '../commands/base.js';
import { createScreen, type Screen } from './blessed.js';
import { Store } from './store.js';
import { makeTheme, colorsWanted } from './theme.js';
import { loadKeymap } from './keymap.js';
import { App } from './app.js';
import { applyAgentEvent, UsageMeter } from './bridge.js';
import { Wizard, terraformQuestionnaire, type Questionnaire, type Answers } from './wizard.js';
import { TuiApprover } from '../approvers/tui.js';

export interface TuiOptions {
  model?: string;
  persona?: string;
  verbosity?: string;
  workspace?: string;
  dryRun?: boolean;
  /** Open straight into the Terraform questionnaire (nimbus generate terraform); leave when it is done. */
  wizard?: 'terraform';
  /** Where the questionnaire writes (terraform/generate's "out"). */
  out?: string;
  /** Answers given up front (defaults for the form). */
  answers?: Answers;
  /** For tests: a screen on fake streams. */
  screen?: Screen;
}

const SLASH_HELP = [
  '/terraform          the Terraform questionnaire (6 steps), then generate the files',
  '/model [P/MODEL]    show or switch the model',
  '/persona [NAME]     show or switch: professional, assistant, expert',
  '/clear              forget the conversation and clear the panes',
  '/quit               leave (also q in a pane, Ctrl-C twice)',
].join('\n');

/** current-context of the kubeconfig kubectl would use. */
/**
 * Restore the terminal on every way out. Returns the function that removes
 * the handlers again.
 */
function guardTerminal(app: () => App | undefined, stderr: NodeJS.WritableStream, debug: boolean): () => void {
  const fatal = (e: unknown) => {
    app()?.destroy();
    const err = asNimbusError(e);
    stderr.write(`nimbus: ${err.oneLine()}\n`);
    if (debug) stderr.write(String((e as Error)?.stack ?? e) + '\n');
    process.exit(1);
  };
  const onSignal = (sig: NodeJS.Signals) => {
    app()?.destroy();
    process.exit(sig === 'SIGHUP' ? 129 : 143);
  };
  const onExit = () => app()?.destroy();
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', onExit);
  return () => {
    process.off('uncaughtException', fatal);
    process.off('unhandledRejection', fatal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('exit', onExit);
  };
}

export async function runTui(cmd: NimbusCommand, opts: TuiOptions = {}): Promise<number> {
  const stdin = cmd.context.stdin as NodeJS.ReadStream;
  const stdout = cmd.context.stdout as NodeJS.WriteStream;
  if (!opts.screen && !(stdin.isTTY && stdout.isTTY)) {
    throw new NimbusError('NIMBUS_E_USAGE', 'the full-screen TUI needs a terminal (stdin and stdout); use nimbus chat or nimbus ask in a pipe');
  }
  const env = cmd.env;
  const workspace = opts.workspace ? path.resolve(cmd.cwd, opts.workspace) : cmd.cwd;
  const { Kernel } = await import('../../core/kernel.js');
  const { Config } = await import('../../core/config.js');
  const config = Config.load({ env });
  const color = colorsWanted({ colors: config.get<boolean>('ui.colors'), env });
  const theme = makeTheme({ theme: config.get<string>('ui.theme'), color });
  const keymap = loadKeymap(env);
  const dryRun = opts.dryRun === true || config.get<boolean>('safety.dry_run') === true;
  const store = new Store({
    logsBuffer: config.get<number>('ui.logs_buffer') ?? 10_000,
    header: { version: nimbusVersion(), persona: opts.persona ?? config.get<string>('persona.mode') ?? 'professional', dryRun },
  });
  const approver = new TuiApprover(store);
  const kernel = new Kernel({ workspace, env, config, approver, defaults: { origin: 'cli', dryRun }, log: (l) => store.log(l) });
  // The current kube context, AWS profile, GCP project, Azure subscription and Terraform workspace,
  // read the same way as for every other command: safety.contexts applies to each of them.
  const { detectContext, contextValues } = await import('../../core/context.js');
  const current = detectContext({ env, config, workspace });
  kernel.contexts = contextValues(current);
  store.setHeader({ kubeContext: current.kube_context, awsProfile: current.aws_profile });

  let app: App | undefined;
  const unguard = guardTerminal(() => app, cmd.context.stderr, cmd.debug === true);
  let agent: Agent | undefined;
  /** Pending while the model is being chosen at start-up. */
  let agentReady: Promise<void> | undefined;
  let controller: AbortController | undefined;
  let wizard: Wizard | undefined;
  let finished: (code: number) => void = () => {};
  const done = new Promise<number>((r) => (finished = r));
  const meter = new UsageMeter();
  const printAfter: string[] = [];

  const startAgent = async (spec?: string) => {
    const { chooseModel } = await import('../../core/llm/models.js');
    const { LlmClient, sessionRedactor } = await import('../../core/llm/client.js');
    const choice = await chooseModel({ spec, config: kernel.config, env });
    const client = LlmClient.forModel(choice, kernel.config, env, agent?.client.redactor ?? sessionRedactor(kernel.config, env));
    if (agent) {
      agent.setClient(client);
    } else {
      const { Agent } = await import('../../core/agent/agent.js');
      const { checkPersonaName } = await personaCheck();
      agent = new Agent({ kernel, client, kind: 'chat', persona: checkPersonaName(opts.persona), verbosity: opts.verbosity as Verbosity | undefined, dryRun });
      agent.subscribe((e) => applyAgentEvent(store, e, meter));
    }
    store.setHeader({ model: client.label, persona: agent.persona });
  };

  const runWizard = async (q: Questionnaire) => {
    if (wizard) return;
    wizard = new Wizard(store, q, opts.answers);
    let answers: Answers | undefined;
    try {
      answers = await wizard.run();
    } finally {
      wizard = undefined;
    }
    if (!answers) {
      store.addMessage('note', 'Terraform questionnaire cancelled; nothing was written.');
      return false;
    }
    const input: Record<string, unknown> = { answers };
    if (opts.out) input.out = opts.out;
    store.addMessage('note', `Generating Terraform for ${answers.name ?? 'the project'}...`);
    store.setBusy(true);
    controller = new AbortController();
    try {
      const r = await kernel.call<any>('terraform/generate', input, { signal: controller.signal });
      const text = r.status === 'success' ? (r.rendered ?? `wrote ${r.output?.files?.length ?? 0} files to ${r.output?.out}`) : `${r.status}: ${r.preview?.summary ?? ''}`;
      store.addMessage('assistant', text);
      printAfter.push(text);
      return true;
    } catch (e) {
      const msg = asNimbusError(e).oneLine();
      store.addMessage('error', msg);
      printAfter.push(`nimbus: ${msg}`);
      return false;
    } finally {
      controller = undefined;
      store.setBusy(false);
    }
  };

  const openTerraform = async () => {
    try {
      return await runWizard(await terraformQuestionnaire());
    } catch (e) {
      store.addMessage('error', `the Terraform questionnaire cannot open: ${asNimbusError(e).oneLine()}`);
      return false;
    }
  };

  const slash = async (text: string) => {
    const [c, ...args] = text.split(/\s+/);
    switch (c) {
      case '/help':
        store.addMessage('note', SLASH_HELP);
        return store.toggleHelp();
      case '/quit':
      case '/exit':
        return app?.quit();
      case '/clear':
        agent?.clear();
        store.update('chat', (s) => (s.chat = []));
        store.setPlan([]);
        store.setDiff(undefined);
        return;
      case '/terraform':
      case '/generate':
        if (c === '/generate' && args[0] !== 'terraform') return store.addMessage('error', `/generate ${args[0] ?? ''}: only /generate terraform is a form here`);
        await openTerraform();
        return;
      case '/model':
        if (!args.length) return store.addMessage('note', `model: ${agent?.client.label ?? '(none)'}`);
        await startAgent(args.join(' '));
        return store.addMessage('note', `switched to ${agent!.client.label}`);
      case '/persona': {
        if (!agent) return store.addMessage('error', 'no model is configured');
        if (!args.length) return store.addMessage('note', `persona: ${agent.persona} (${agent.verbosity})`);
        const { checkPersonaName } = await personaCheck();
        const { VERBOSITIES } = await import('../../core/agent/prompt.js');
        if (args[1] !== undefined && !(VERBOSITIES as readonly string[]).includes(args[1])) return store.addMessage('error', `verbosity "${args[1]}": choose one of ${VERBOSITIES.join(', ')}`);
        agent.setPersona(checkPersonaName(args[0])!, args[1] as Verbosity | undefined);
        store.setHeader({ persona: agent.persona });
        return store.addMessage('note', `persona: ${agent.persona}`);
      }
      default:
        store.addMessage('error', `unknown command ${c} (/help lists them)`);
    }
  };

  const onSubmit = (text: string) => {
    if (controller) {
      store.setStatus('Still working on the last request: wait, or Ctrl-C to cancel it.');
      return;
    }
    if (text === 'exit' || text === 'quit') return app?.quit();
    if (text.startsWith('/')) {
      store.addMessage('user', text);
      void slash(text).catch((e) => store.addMessage('error', asNimbusError(e).oneLine()));
      return;
    }
    store.addMessage('user', text);
    if (!agent && agentReady) {
      // Typed before the model was ready: it goes out as soon as the model is.
      store.setBusy(true);
      void agentReady.then(() => ask(text));
      return;
    }
    ask(text);
  };

  const ask = (text: string) => {
    if (!agent) {
      store.setBusy(false);
      store.addMessage('error', 'No model is configured: see the note above (nimbus doctor checks the set-up). /terraform works without one.');
      return;
    }
    controller = new AbortController();
    const c = controller;
    agent
      .run(text, { signal: c.signal })
      .catch(() => {
        /* shown through the agent's error event */
      })
      .finally(() => {
        if (controller === c) controller = undefined;
        store.setBusy(false);
      });
  };

  try {
    const screen = opts.screen ?? createScreen({ input: stdin, output: stdout, terminal: env.TERM && env.TERM !== 'dumb' ? env.TERM : 'xterm-256color' });
    app = new App({
      screen,
      store,
      theme,
      keymap,
      spinner: config.get<string>('ui.spinner'),
      onSubmit,
      onCancel: () => {
        if (controller && !controller.signal.aborted) {
          controller.abort(new DOMException('cancelled by the person', 'AbortError'));
          return true;
        }
        return false;
      },
      onFormAction: (a, ch) => wizard?.onAction(a, ch),
      onQuit: () => finished(EXIT.OK),
    });
    store.setHeader({ model: '(starting...)' });
    agentReady = startAgent(opts.model)
      .catch((e) => {
        const err = asNimbusError(e);
        store.setHeader({ model: '(none)' });
        store.addMessage('error', err.oneLine());
        store.log(`model: ${err.oneLine()}`);
      })
      .finally(() => {
        agentReady = undefined;
      });
    await agentReady;
    if (opts.wizard === 'terraform') {
      void openTerraform().then((ok) => {
        if (!app?.isClosed) app?.quit();
        finished(ok ? EXIT.OK : EXIT.FAILED);
      });
    }
    const code = await done;
    for (const l of printAfter) cmd.context.stdout.write(l.endsWith('\n') ? l : l + '\n');
    return code;
  } finally {
    app?.destroy();
    unguard();
    await kernel.dispose();
  }
}

async function personaCheck(): Promise<{ checkPersonaName(p: string | undefined): Persona | undefined }> {
  const { PERSONAS } = await import('../../core/agent/prompt.js');
  return {
    checkPersonaName(p: string | undefined): Persona | undefined {
      if (p === undefined) return undefined;
      if (!(PERSONAS as readonly string[]).includes(p)) throw new NimbusError('NIMBUS_E_USAGE', `persona "${p}": choose one of ${PERSONAS.join(', ')}`);
      return p as Persona;
    },
  };
}
