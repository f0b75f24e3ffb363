import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The terminal tests must not pass by skipping: without tmux they fail and say what to install. */
export function requireTmux(): void {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`tmux is needed for the terminal tests but could not be run (${probe.error?.message ?? probe.stderr.trim()}). Install tmux (apt-get install tmux, brew install tmux) and run npm test again.`);
  }
}

export interface CaptureOptions {
  /** Keep colour and attribute codes (capture-pane -e). */
  escapes?: boolean;
  /** The whole scrollback, not only the visible rows. */
  history?: boolean;
  /** Join lines the terminal wrapped, so long paths and commands come out whole (capture-pane -J). */
  join?: boolean;
}

// eslint-disable-next-line no-control-regex
export const SGR = /\u001b\[[0-9;]*m/;

/** The last line with something on it: where an idle prompt shows its key help, or an input its question. */
export function lastLine(screen: string): string {
  const lines = screen.split('\n').map((l) => l.trimEnd());
  for (let i = lines.length - 1; i >= 0; i -= 1) if (lines[i]) return lines[i] ?? '';
  return '';
}

/**
 * One tmux server on its own socket (`tmux -L`), so tests never touch a
 * user's sessions or each other's, and without the user's tmux.conf.
 */
export class Tmux {
  private socketPath = '';

  constructor(
    readonly socket: string,
    readonly size: { columns: number; rows: number } = { columns: 80, rows: 30 },
  ) {}

  run(...args: string[]): string {
    return execFileSync('tmux', ['-f', '/dev/null', '-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Starts `command` in a new detached window; it prints EXIT=<code> when done and stays a while to be read. */
  start(session: string, command: string): void {
    this.run('new-session', '-d', '-s', session, '-x', String(this.size.columns), '-y', String(this.size.rows), `${command}; echo EXIT=$?; sleep 30`);
    this.socketPath ||= this.run('display-message', '-p', '-t', session, '#{socket_path}').trim();
  }

  capture(session: string, options: CaptureOptions = {}): string {
    const args = ['capture-pane', '-p', '-t', session];
    if (options.escapes) args.push('-e');
    if (options.join) args.push('-J');
    if (options.history) args.push('-S', '-');
    return this.run(...args);
  }

  /** Keys by tmux name (Enter, Down, C-c, Space) or single characters. */
  keys(session: string, ...keys: string[]): void {
    this.run('send-keys', '-t', session, ...keys);
  }

  /** Text typed as it is, never read as key names. */
  type(session: string, text: string): void {
    this.run('send-keys', '-t', session, '-l', text);
  }

  /**
   * Polls the screen until `test` holds. The deadline is generous and only
   * turns a hang into a failure that shows the screen; nothing is asserted on time.
   */
  async waitFor(session: string, test: string | RegExp | ((screen: string) => boolean), what: string, options: CaptureOptions & { timeoutMs?: number } = {}): Promise<string> {
    const check = typeof test === 'string' ? (s: string) => s.includes(test) : test instanceof RegExp ? (s: string) => test.test(s) : test;
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    let screen = '';
    for (;;) {
      screen = this.capture(session, options);
      if (check(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`waited for ${what}; the screen shows:\n${screen}`);
      await sleep(40);
    }
  }

  /** Waits for the command to end and returns its exit code, from the EXIT=<code> line. */
  async exitCode(session: string): Promise<number> {
    const screen = await this.waitFor(session, /^EXIT=\d+$/m, 'the command to exit', { history: true });
    return Number(/^EXIT=(\d+)$/m.exec(screen)?.[1]);
  }

  killSession(session: string): void {
    try {
      this.run('kill-session', '-t', session);
    } catch {
      // already gone
    }
  }

  /** Stops the server and removes its socket file, which tmux leaves behind. */
  killServer(): void {
    try {
      this.run('kill-server');
    } catch {
      // not running: it exits by itself once its last session is gone
    }
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}
