import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError, type Problem } from '../../errors.js';
import { createServer } from '../../server/app.js';
import { wholeNumberOption } from '../option-values.js';
import { printError, printJson, printLine } from '../output.js';

interface ServeCliOptions {
  port?: string;
  host?: string;
  dir?: string;
  workers?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serves the workbench and an API over the experiment stores in a folder (docs/serve.md)')
    .option('--port <n>', 'port (0: any free port)', '8600')
    .option('--host <address>', 'address to listen on; loopback unless you mean to share it', '127.0.0.1')
    .option('--dir <folder>', 'folder of experiment stores; the API reads and writes only inside it', '.')
    .option('--workers <n>', 'worker threads for experiments started from the browser (default: the number of cores)')
    .option('--json', 'print the address as JSON')
    .action(async (options: ServeCliOptions) => {
      await serveCommand(options);
    });
}

export async function serveCommand(options: ServeCliOptions): Promise<void> {
  const problems: Problem[] = [];
  const port = wholeNumberOption(options.port ?? '8600', '--port', 0, problems);
  if (port !== undefined && port > 65535) problems.push({ path: '--port', message: `expected a port from 0 to 65535, found ${port}` });
  const workers = wholeNumberOption(options.workers, '--workers', 0, problems) ?? availableParallelism();
  const dir = resolve(options.dir ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) problems.push({ path: '--dir', message: `${dir} is not a folder` });
  if (problems.length > 0) throw new UserError(problems);
  const host = options.host ?? '127.0.0.1';
  const server = await createServer({ dir, host, workers });
  let address: string;
  try {
    address = await server.app.listen({ host, port: port ?? 8600 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError({ path: '--port', message: code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --port (0 for any free one)` : `cannot listen on ${host}:${port}: ${(err as Error).message}` });
  }
  const url = `${address.replace('[::1]', 'localhost')}/`;
  if (options.json) printJson({ url, dir: server.root, workbench: server.workbench });
  else {
    printLine(`powderkeg serve: ${url} (stores in ${server.root})`);
    if (!server.workbench) printLine('the workbench is not built (run `npm run web:build`); serving the API only');
  }
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) printError(`warning: listening on ${host}: anyone who can reach it can read the stores and start experiments (there is no login)`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Runs already committed stay in their stores; an experiment cut short resumes later.
      void server.app.close().finally(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
