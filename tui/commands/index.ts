import type { CommandClass } from 'clipanion';

/** The kernel's own commands. Each module imports only clipanion and light helpers; heavy code loads inside run(). */
export async function kernelCommands(): Promise<CommandClass<any>[]> {
  const mods = await Promise.all([
    import('./version.js'),
    import('./help.js'),
    import('./doctor.js'),
    import('./config/list.js'),
    import('./config/get.js'),
    import('./config/set.js'),
    import('./config/unset.js'),
    import('./config/path.js'),
    import('./history/list.js'),
    import('./history/show.js'),
    import('./tool/list.js'),
    import('./tool/run.js'),
    import('./plugin/list.js'),
    import('./plugin/info.js'),
    import('./run.js'),
    import('./apply.js'),
    import('./plan/show.js'),
    import('./plan/index.js'),
    import('./plugin/add.js'),
    import('./plugin/remove.js'),
    import('./ask.js'),
    import('./chat.js'),
    import('./explain.js'),
    import('./fix.js'),
    import('./auth.js'),
    import('./auth/aws.js'),
    import('./auth/gcp.js'),
    import('./auth/azure.js'),
    import('./init.js'),
  ]);
  return mods.map((m) => m.default as CommandClass<any>);
}
