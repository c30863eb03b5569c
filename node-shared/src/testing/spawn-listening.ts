import { spawn, type ChildProcess } from 'node:child_process';

export interface ListeningProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything the process wrote so far, stdout and stderr. */
  output(): string;
  /** Sends the signal and resolves with the exit code (null after a signal) once it exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnListeningOptions {
  /** The TypeScript entry, run from source with tsx as the npm scripts' dev paths do. */
  entry: string;
  args?: string[];
  cwd: string;
  env: Record<string, string>;
  /** Matches the line that names the port, in its first group. */
  listening: RegExp;
  /** For the error when it does not start: "server", "hub". */
  what: string;
  timeoutMs?: number;
}

/** Starts a real process and resolves once it prints the port it listens on (127.0.0.1). */
export async function spawnListening(o: SpawnListeningOptions): Promise<ListeningProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', o.entry, ...(o.args ?? [])], {
    cwd: o.cwd,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${o.what} did not start:\n${out}`)), o.timeoutMs ?? 30_000);
    const check = (): void => {
      const m = o.listening.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${o.what} exited with ${code}:\n${out}`));
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        // A process killed by a signal has no exit code, only a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
