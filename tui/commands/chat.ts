import { Command, Option } from 'clipanion';
import { NimbusCommand } from './base.js';
import { MODEL_FLAG_HELP } from './ask.js';

const HELP = [
  '/model [PROVIDER/MODEL]   show or switch the model (the conversation carries over)',
  '/persona [NAME [VERBOSITY]]  show or switch: professional, assistant, expert; minimal, normal, detailed',
  '/clear                    forget the conversation so far',
  '/exit                     leave (also /quit, Ctrl-D)',
].join('\n');

export default class ChatCommand extends NimbusCommand {
  static override paths = [['chat']];
  static override usage = Command.Usage({
    category: 'AI',
    description: 'Chat with Nimbus in the terminal (line mode)',
    details: [
      'Answers stream as they arrive, with a spinner while the model thinks. The model may use the loaded plugins\' tools; every change it proposes is shown and asked about, one call at a time, and a refusal is reported back to it.',
      `Inside the chat:\n${HELP}`,
      'Ctrl-C cancels the answer in progress; Ctrl-C again, /exit or Ctrl-D leaves.',
    ].join('\n\n'),
    examples: [
      ['Start a chat', '$0 chat'],
      ['With a local model', '$0 chat --model ollama/llama3.2'],
      ['Explain more, as an expert', '$0 chat --persona expert --verbosity detailed'],
    ],
  });
  model = Option.String('-m,--model', { description: MODEL_FLAG_HELP });
  persona = Option.String('--persona', { description: 'professional, assistant or expert (default: persona.mode)' });
  verbosity = Option.String('--verbosity', { description: 'minimal, normal or detailed (default: persona.verbosity)' });
  workspace = Option.String('--workspace', { description: 'Workspace root (default: the current directory)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Preview every change the model proposes and make none' });
  tui = Option.Boolean('--tui', false, { description: 'Open the full-screen TUI (chat, plan, diff and logs panes) instead of line mode' });

  async run(): Promise<number> {
    if (this.tui) {
      const { runTui } = await import('../app/run.js');
      return runTui(this, { model: this.model, persona: this.persona, verbosity: this.verbosity, workspace: this.workspace, dryRun: this.dryRun });
    }
    const { startSession, checkPersona, checkVerbosity } = await import('../line/session.js');
    const { LineRenderer } = await import('../line/render.js');
    const { LineReader } = await import('../line/reader.js');
    const { LineApprover } = await import('../line/approver.js');
    const { LlmClient } = await import('../../core/llm/client.js');
    const { parseModelSpec, knownModels } = await import('../../core/llm/models.js');
    const { asNimbusError } = await import('../../core/errors.js');
    const stdin = this.context.stdin;
    const stderr = this.context.stderr;
    const reader = new LineReader(stdin, stderr);
    let renderer: InstanceType<typeof LineRenderer> | undefined;
    // With a terminal, approvals are asked on the chat's own input; without one (a pipe), changes are refused.
    const approver = this.context.approver ?? ((stdin as any).isTTY ? new LineApprover(reader, stderr, { color: this.colors, before: () => renderer?.finish() }) : undefined);
    let session;
    try {
      session = await startSession(this, { kind: 'chat', model: this.model, persona: this.persona, verbosity: this.verbosity, workspace: this.workspace, dryRun: this.dryRun, approver });
    } catch (e) {
      reader.close();
      throw e;
    }
    const { kernel, agent } = session;
    renderer = new LineRenderer(this.context.stdout, stderr, { color: this.colors, spinner: kernel.config.get<string>('ui.spinner') });
    agent.subscribe(renderer.handle);
    const dim = (s: string) => (this.colors ? `\x1b[2m${s}\x1b[0m` : s);
    this.err(dim(`Nimbus chat · model ${agent.client.label} · persona ${agent.persona} (${agent.verbosity}) · ${agent.toolIds.length} tools · /help for commands, /exit to leave`));

    let controller: AbortController | undefined;
    const onInterrupt = () => {
      if (controller && !controller.signal.aborted) {
        stderr.write('\ncancelling… (Ctrl-C again to leave)\n');
        controller.abort(new DOMException('cancelled by the person', 'AbortError'));
      } else reader.close();
    };
    reader.onInterrupt = onInterrupt;
    process.on('SIGINT', onInterrupt);
    try {
      for (;;) {
        const line = await reader.next(this.colors ? '\x1b[1myou›\x1b[0m ' : 'you> ');
        if (line === undefined) break;
        const text = line.trim();
        if (!text) continue;
        if (text === 'exit' || text === 'quit' || text === '/exit' || text === '/quit') break;
        if (text.startsWith('/')) {
          const [cmd, ...args] = text.split(/\s+/);
          try {
            switch (cmd) {
              case '/help':
                this.err(HELP);
                break;
              case '/clear':
                agent.clear();
                this.err('conversation cleared');
                break;
              case '/model': {
                if (!args.length) {
                  this.err(`model: ${agent.client.label}`);
                  for (const k of knownModels(kernel.config)) this.err(dim(`  ${k.provider}: ${k.models.join(', ')}`));
                  break;
                }
                const choice = parseModelSpec(args.join(' '), kernel.config, agent.client.provider.name);
                // Same redactor: placeholders stay the same across models.
                agent.setClient(LlmClient.forModel(choice, kernel.config, kernel.env, agent.client.redactor));
                this.err(`switched to ${agent.client.label}`);
                break;
              }
              case '/persona': {
                if (!args.length) {
                  this.err(`persona: ${agent.persona} (${agent.verbosity}); choices: professional, assistant, expert; minimal, normal, detailed`);
                  break;
                }
                const p = checkPersona(args[0], '/persona');
                const v = checkVerbosity(args[1], '/persona');
                agent.setPersona(p!, v);
                this.err(`persona: ${agent.persona} (${agent.verbosity})`);
                break;
              }
              default:
                this.err(`unknown command ${cmd} (/help lists them)`);
            }
          } catch (e) {
            this.err(`nimbus: ${asNimbusError(e).oneLine()}`);
          }
          continue;
        }
        controller = new AbortController();
        try {
          await agent.run(text, { signal: controller.signal });
        } catch (e) {
          const err = asNimbusError(e);
          renderer.finish();
          this.err(err.details?.kind === 'cancelled' ? 'cancelled' : `nimbus: ${err.oneLine()}`);
        } finally {
          controller = undefined;
          renderer.finish();
        }
      }
      return 0;
    } finally {
      process.off('SIGINT', onInterrupt);
      reader.close();
      await kernel.dispose();
    }
  }
}
