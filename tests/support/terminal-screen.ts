/**
 * The built CLI in a real terminal: a tmux server of the test file's own, the
 * hooks that start and clean up around it, and readers for what the prompts
 * draw on the screen.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { shellQuote } from '../../src/terminal/shell.js';
import { BIN, requireBuild, tempDirs } from './cli.js';
import { lastLine, requireTmux, Tmux } from './tmux.js';

/** The key help under an idle choice prompt, its last line. */
export const SELECT_HELP = '↑↓ navigate • ⏎ select';
/** The question of the review screen at the end of the interview. */
export const REVIEW = '? Pick an answer to change, or finish';

/** A choice prompt waits with its key help as the last line; shortcuts and "esc ← back" may follow the first part. */
export const isSelect = (screen: string) => lastLine(screen).startsWith(SELECT_HELP);
/** An input prompt waits on its own "? question" line, the last one with anything on it. */
export const isInput = (screen: string) => lastLine(screen).startsWith('? ');

export interface Question {
  /** "[3/7]" */
  position: string;
  /** The question as shown, its wrapped lines joined. */
  text: string;
}

/** The question on screen, its wrapped lines joined, and the "[n/N]" line above it. */
export function currentQuestion(screen: string): Question {
  const lines = screen.split('\n').map((l) => l.trimEnd());
  const at = lines.map((l) => l.startsWith('? ')).lastIndexOf(true);
  const text: string[] = [];
  for (let i = at; i >= 0 && i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (i > at && (line.startsWith('>') || line.startsWith(' ') || line === '')) break;
    text.push(i === at ? line.slice(2) : line);
  }
  const position = [...lines.slice(0, at)].reverse().find((l) => /^\[\d+\/\d+\]/.test(l))?.split(' ')[0] ?? '';
  return { position, text: text.join(' ') };
}

/** The message of the prompt waiting for keys, as its first line shows it: "? " and then this. */
export function promptLine(screen: string): string {
  const lines = screen.split('\n').map((l) => l.trimEnd());
  return (lines.filter((l) => l.startsWith('? ')).pop() ?? '').slice(2);
}

/** How many times a prompt starting with `line` has been answered: a done prompt shows "> " (or, in colour, "✔ ") and its message. */
export function timesAnswered(history: string, line: string): number {
  return history.split('\n').filter((l) => l.startsWith(`> ${line}`) || l.startsWith(`✔ ${line}`)).length;
}

/** A folder to run in, with its own state home; the same one can be used again to resume. */
export interface Workspace {
  cwd: string;
  home: string;
}

/** One run of the CLI in its own tmux session. */
export interface Run extends Workspace {
  session: string;
}

export interface TerminalSuite {
  tmux: Tmux;
  /** A fresh folder, removed after the file's tests. */
  workspace(): Workspace;
  /**
   * Starts the built binary in a new tmux session (killed after the test), with
   * only the environment the test means it to have: no colour unless `color` is 'on'.
   */
  launch(where: Workspace, args: string, options?: { color?: 'no-color-env' | 'on'; umask?: string }): Run;
  /**
   * Sends keys to the prompt on screen and waits until that prompt shows it was
   * answered, so the next keys never reach a prompt still being drawn or a
   * terminal between two prompts.
   */
  answer(session: string, screen: string, send: () => void): Promise<void>;
  /** `answer` with Enter. */
  enter(session: string, screen: string): Promise<void>;
}

/**
 * Registers the hooks of a terminal test file and returns its tmux server and
 * helpers. `socket` names the file's own tmux server; `tempPrefix` its folders.
 * These tests need tmux and the build, and fail (not skip) without them.
 */
export function terminalSuite(socket: string, tempPrefix: string): TerminalSuite {
  const tmux = new Tmux(socket);
  const sessions: string[] = [];
  const tempDir = tempDirs(tempPrefix);
  let counter = 0;

  // In beforeEach, not beforeAll: a failing beforeAll leaves the tests reported as skipped; this way each one fails.
  beforeEach(() => {
    requireTmux();
    requireBuild();
  });

  afterEach(() => {
    for (const s of sessions.splice(0)) tmux.killSession(s);
  });

  afterAll(() => {
    tmux.killServer();
  });

  const answer = async (session: string, screen: string, send: () => void): Promise<void> => {
    const line = promptLine(screen);
    const before = timesAnswered(tmux.capture(session, { history: true }), line);
    send();
    await tmux.waitFor(session, (s) => timesAnswered(s, line) > before, `"${line}" answered`, { history: true });
  };

  return {
    tmux,
    workspace() {
      const cwd = tempDir();
      return { cwd, home: path.join(cwd, 'home') };
    },
    launch(where, args, options = {}) {
      counter += 1;
      const session = `t${counter}`;
      sessions.push(session);
      const colorEnv = options.color === 'on' ? '' : 'NO_COLOR=1 ';
      const umask = options.umask ? `umask ${options.umask} && ` : '';
      tmux.start(session, `cd ${shellQuote(where.cwd)} && ${umask}env -u NO_COLOR -u FORCE_COLOR -u CI -u OUTSOURCE_CHECK_PLAYBOOKS OUTSOURCE_CHECK_HOME=${shellQuote(where.home)} ${colorEnv}node ${shellQuote(BIN)} ${args}`);
      return { session, ...where };
    },
    answer,
    enter: (session, screen) => answer(session, screen, () => tmux.keys(session, 'Enter')),
  };
}
