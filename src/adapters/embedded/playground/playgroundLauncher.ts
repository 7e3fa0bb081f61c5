/**
 * Starts the Microsoft 365 Agents Playground CLI (`@microsoft/m365agentsplayground` 0.2.28) as a child process:
 *   node <pkg>/cli.js start -e <botEndpoint> -c msteams --dt -p <port>
 *
 * What the CLI does, as read from its bundle and seen running:
 * - The config is `.m365agentsplayground.yml` in the child's cwd (then `.teamsapptesttool.yml`, then a built-in
 *   one). There is no CLI flag for it; the env variable M365_AGENTS_PLAYGROUND_CONFIG_PATH overrides the path.
 * - It prints "Listening on <port>" *before* it reads the config; a bad config makes it exit 1 a moment later
 *   and the reason goes only to its log file (M365_AGENTS_PLAYGROUND_LOGFILE, default ./devTools/...).
 *   So readiness is `GET /_debug/ping` → "pong" (that route exists only once the config is loaded).
 * - If the port is taken it silently picks a random one, so the real port is read from "Listening on <port>".
 * - It opens a desktop browser unless TEAMSAPPTESTER_BROWSER=none.
 * - Activities carry `localTimezone` from the child's time zone (TZ); `locale` is always "en-US".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PlaygroundLaunchOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages. */
  readonly botEndpoint: string;
  readonly port: number;
  /** Working directory; its `.m365agentsplayground.yml` is the config unless `configPath` is given. */
  readonly cwd: string;
  /** Telemetry is always turned off (`--dt`). */
  readonly telemetry: false;
  /** An explicit config file (sets M365_AGENTS_PLAYGROUND_CONFIG_PATH). */
  readonly configPath?: string;
  /** IANA zone for the activities' `localTimezone`/`localTimestamp`. Default Asia/Tokyo. */
  readonly timeZone?: string;
  /** Default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface RunningPlayground {
  /** Web UI, e.g. http://localhost:56150/ */
  readonly url: string;
  /** The mock Bot Connector; the `serviceUrl` in every activity. */
  readonly connectorUrl: string;
  stop(): Promise<void>;
}

const CLI_PATH = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
const POLL_MS = 100;

export async function startPlayground(options: PlaygroundLaunchOptions): Promise<RunningPlayground> {
  const logDir = mkdtempSync(join(tmpdir(), 'tsunagu-playground-'));
  const logFile = join(logDir, 'playground.log');
  const args = [CLI_PATH, 'start', '-e', options.botEndpoint, '-c', 'msteams', '--dt', '-p', String(options.port)];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    TZ: options.timeZone ?? 'Asia/Tokyo',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
  };
  delete env.TEAMS_APP_TEST_TOOL_CONFIG_PATH;
  delete env.M365_AGENTS_PLAYGROUND_CONFIG_PATH;
  if (options.configPath) env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = options.configPath;
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    detached: true, // own process group, so stop() can end the whole tree
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  // If this process exits without calling stop(), take the Playground down with it.
  const killOnExit = (): void => signalGroup(child, 'SIGTERM');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await stopTree(child);
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    const port = await listeningPort(child, options.startTimeoutMs ?? 30_000, logFile);
    const url = `http://localhost:${port}/`;
    await waitForPong(`${url}_debug/ping`, child, options.startTimeoutMs ?? 30_000, logFile);
    return { url, connectorUrl: `http://localhost:${port}/_connector`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function failure(reason: string, logFile: string): Error {
  let log = '';
  try {
    log = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('error '))
      .join('\n');
  } catch {
    // no log written yet
  }
  return new Error(`PLAYGROUND.START_FAILED: ${reason}${log ? `\n${log}` : ''}`);
}

function listeningPort(child: ChildProcess, timeoutMs: number, logFile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => done(failure(`no "Listening on" within ${timeoutMs} ms`, logFile)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(out);
      if (match?.[1]) done(Number(match[1]));
    };
    const onExit = (code: number | null): void => done(failure(`exited with code ${code}`, logFile));
    function done(result: number | Error): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.stdout?.resume(); // keep draining so the child never blocks on a full pipe
      if (typeof result === 'number') resolve(result);
      else reject(result);
    }
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('exit', onExit);
  });
}

async function waitForPong(pingUrl: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw failure(`exited with code ${child.exitCode}`, logFile);
    try {
      const response = await fetch(pingUrl, { signal: AbortSignal.timeout(1_000) });
      if (response.ok && (await response.text()) === 'pong') return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw failure(`${pingUrl} did not answer within ${timeoutMs} ms`, logFile);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // negative pid: the child's whole process group
  } catch {
    // already gone
  }
}

async function stopTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
