import { InterruptedError } from '../errors.js';
import type { AnswersFile, Engagement } from '../assessment/answers-schema.js';
import { answerMap, toEntry, type Answer } from '../assessment/answers.js';
import { applicableEntries, askingOrder, entriesOf, isNeed, questionRange, questionsText, scopeOf, type CheckScope, type Entry } from '../assessment/applicability.js';
import { REGION_LABELS, REGION_NAMES, regionNotes } from '../assessment/regions.js';
import { assess } from '../assessment/score.js';
import { ENGAGEMENT_TYPES, REGIONS, resolveSeverity, type AnswerValue, type EngagementType, type ItemKey, type Region } from '../playbook/model.js';
import type { Playbook } from '../playbook/schema.js';
import { bar } from '../report/md.js';
import type { Style } from '../terminal/style.js';
import { promptText, wrap } from '../terminal/wrap.js';
import { truncateToWidth } from '../terminal/text-width.js';
import { shellQuote } from '../terminal/shell.js';
import { isSeparator, type Asker, type Listed } from './asker.js';
import { VERDICT_WORDS } from '../report/readiness.js';
import { vendorNameProblem } from '../assessment/vendor.js';

export interface InterviewDeps {
  asker: Asker;
  /** Writes a line for the person at the terminal (stderr). */
  print: (text: string) => void;
  style: Style;
  /** Columns to lay text out in; the interview never uses more than 80. */
  width: number;
  now: () => Date;
  /** Persists the session; called after every change, before the next question. */
  save: (session: AnswersFile) => void;
  /** Where the session is saved, for the message after Ctrl-C. */
  sessionFile: string;
  /** How the person started the tool, so the resume command works where it is printed. */
  command?: string;
}

/** Reading the why, answering, a note now and then: about what a question takes, measured on our own runs. */
const SECONDS_PER_QUESTION = 25;

type ItemChoice = AnswerValue | 'skip' | 'note' | 'back';

const ANSWER_LABELS: Record<AnswerValue, string> = { yes: 'Yes', partly: 'Partly', no: 'No', na: 'Not applicable' };
const MARKS: Record<AnswerValue | 'open', string> = { yes: '✔', partly: '◐', no: '✘', na: '–', open: '○' };

export async function askVendor(deps: InterviewDeps): Promise<string> {
  const validate = (name: string) => {
    const problem = vendorNameProblem(name);
    return problem ? `The name ${problem}.` : true;
  };
  return (await deps.asker.input('Who are you about to hire? (vendor or freelancer name)', { required: true, validate })).trim();
}

/** The regions as the interview offers them; skipping keeps the region unknown, which shows advice for every region. */
async function askRegion(deps: InterviewDeps, message: string, remembered: Region | null | undefined): Promise<Region | undefined> {
  const choices: Listed<Region | 'skip'>[] = [
    ...REGIONS.map((r) => ({ value: r, name: r === 'other' ? 'Elsewhere' : `In ${REGION_NAMES[r]}` })),
    { value: 'skip', name: 'Not sure (show the advice for every region)' },
  ];
  const picked = await deps.asker.select<Region | 'skip'>(message, choices, remembered ? { default: remembered } : {});
  return picked === 'skip' ? undefined : picked;
}

/** The engagement's regions, asked unless given; `remembered` are the last session's, offered as defaults. */
export async function askRegions(deps: InterviewDeps, known: Pick<Engagement, 'client_region' | 'vendor_region'>, remembered: Pick<Engagement, 'client_region' | 'vendor_region'>): Promise<Pick<Engagement, 'client_region' | 'vendor_region'>> {
  const client = known.client_region ?? (await askRegion(deps, 'Where is your company based?', remembered.client_region));
  const vendor = known.vendor_region ?? (await askRegion(deps, 'Where is the vendor based?', remembered.vendor_region));
  return { ...(client ? { client_region: client } : {}), ...(vendor ? { vendor_region: vendor } : {}) };
}

export async function askEngagement(deps: InterviewDeps, known: Partial<Engagement> & { vendor: string }, remembered: Pick<Engagement, 'client_region' | 'vendor_region'> = {}): Promise<Engagement> {
  const vendor = known.vendor;
  const type =
    known.type ??
    (await deps.asker.select<EngagementType>(
      'What kind of engagement is it?',
      [
        { value: 'freelancer', name: 'A freelancer', description: 'One person, usually through a marketplace or directly' },
        { value: 'agency', name: 'An agency or dev shop', description: 'A team that delivers a project or product work' },
        { value: 'bpo', name: 'A BPO or call centre', description: 'An ongoing operation: support, back office, sales' },
        { value: 'other', name: 'Something else', description: 'Only the questions that fit every engagement' },
      ].filter((c) => (ENGAGEMENT_TYPES as readonly string[]).includes(c.value)) as Listed<EngagementType>[],
    ));
  const regions = await askRegions(deps, known, remembered);
  const scope = known.scope ?? (await deps.asker.input('In a few words, what will they do? (optional, Enter to skip)')).trim();
  return { vendor, type, ...(scope ? { scope } : {}), ...regions };
}

export async function askPlaybooks(deps: InterviewDeps, playbooks: readonly Playbook[], scope: CheckScope): Promise<Playbook[]> {
  // Every playbook counted with all the chosen ones, since a follow-up may hang on another playbook's question.
  const entries = entriesOf(playbooks);
  const ids = await deps.asker.checkbox(
    'Which playbooks? (space toggles, Enter confirms)',
    playbooks.map((p) => ({ value: p.id, name: `${p.title} (${p.kind}, ${questionsText(questionRange(entries, scope, new Map(), (e) => e.playbook.id === p.id))})`, checked: true })),
  );
  return playbooks.filter((p) => ids.includes(p.id));
}

/**
 * The question loop and the review screen. `only` limits the questions to
 * some items (a re-check); everything else is kept as it is. Returns when the
 * person chooses to finish; throws InterruptedError on Ctrl-C, by which time
 * every answer given is already saved.
 */
export async function runInterview(deps: InterviewDeps, start: AnswersFile, playbooks: readonly Playbook[], only: ReadonlySet<ItemKey> | null = null): Promise<AnswersFile> {
  const session = new Session(deps, start, playbooks, only);
  try {
    session.announce();
    await session.askOpen();
    await session.review();
    return session.finish();
  } catch (error) {
    if (error instanceof InterruptedError) {
      const given = session.answeredCount();
      throw new InterruptedError(
        [
          // The path on a line of its own: long paths wrap, and a wrapped path cannot be copied.
          `Interrupted. ${given} answer${given === 1 ? ' is' : 's are'} saved in:`,
          `  ${deps.sessionFile}`,
          'Resume with:',
          `  ${deps.command ?? 'outsource-check'} check --resume ${shellQuote(deps.sessionFile)}`,
        ].join('\n'),
        { cause: error },
      );
    }
    throw error;
  }
}

class Session {
  private readonly entries: Entry[];
  private readonly skipped: Set<ItemKey>;
  private readonly history: ItemKey[] = [];
  /** A re-check's items still to ask: they have an answer already, so "unanswered" alone would never ask them. */
  private readonly recheck: Set<ItemKey>;
  private lastHeader = '';
  private data: AnswersFile;

  constructor(
    private readonly deps: InterviewDeps,
    start: AnswersFile,
    private readonly playbooks: readonly Playbook[],
    private readonly only: ReadonlySet<ItemKey> | null,
  ) {
    this.data = structuredClone(start);
    this.entries = askingOrder(entriesOf(playbooks));
    this.skipped = new Set((start.meta?.skipped ?? []) as ItemKey[]);
    this.recheck = new Set(only ?? []);
    // After a resume, Esc goes back to what was answered before, in question order; in a re-check, only to its
    // items already confirmed again (the others are its questions still to come, or not part of it).
    const given = answerMap(start);
    const earlier = (key: ItemKey) => (only === null ? true : (start.meta?.recheck ?? []).includes(key) && !only.has(key));
    this.history.push(...applicableEntries(this.entries, scopeOf(start), given).filter((e) => (given.get(e.key)?.value ?? null) !== null && earlier(e.key)).map((e) => e.key));
  }

  private get type(): EngagementType {
    return this.data.engagement.type;
  }

  private get scope(): CheckScope {
    return scopeOf(this.data);
  }

  private answers() {
    return answerMap(this.data);
  }

  private live(): Entry[] {
    return applicableEntries(this.entries, this.scope, this.answers());
  }

  /**
   * Says how long this will take before the first question: the questions
   * left now, and as a range the ones follow-ups may add.
   */
  announce(): void {
    const answers = this.answers();
    const open = (e: Entry) => (this.only === null || this.only.has(e.key)) && (this.recheck.has(e.key) || (answers.get(e.key)?.value ?? null) === null);
    const range = questionRange(this.entries, this.scope, answers, open);
    const { certain, possible } = range;
    if (certain + possible === 0) return;
    const minutes = (n: number) => Math.max(1, Math.round((n * SECONDS_PER_QUESTION) / 60));
    const count = questionsText(range);
    const time = possible > 0 && minutes(certain) !== minutes(certain + possible) ? `${minutes(certain)}–${minutes(certain + possible)}` : String(minutes(certain + possible));
    const kind = this.scope.quick ? 'Quick check: ' : this.scope.stage === 'onboarding' ? 'Onboarding check: ' : '';
    const more = possible > 0 ? ' (some answers add a follow-up)' : '';
    this.deps.print(this.deps.style.bold(`${kind}${count}, about ${time} minute${time === '1' ? '' : 's'}${more}.`));
  }

  answeredCount(): number {
    return [...this.answers().values()].filter((a) => a.value !== null).length;
  }

  /**
   * Asks every applicable item that has no answer and was not skipped (and
   * each re-check item once), in order, re-evaluating `when` after each.
   * `only` limits the questions; the review passes null, so "Answer the N
   * open questions" asks exactly the N it counted.
   */
  async askOpen(only: ReadonlySet<ItemKey> | null = this.only): Promise<void> {
    // "← Previous question" makes the previous item the next one, asked like any other, so going back can go on
    // step by step; the items stepped back over wait in `ahead` and come again, in order, on the way forward.
    let revisit: Entry | null = null;
    const ahead: ItemKey[] = [];
    for (;;) {
      const answers = this.answers();
      const queue = this.live().filter((e) => only === null || only.has(e.key));
      let next = revisit;
      revisit = null;
      while (!next && ahead.length > 0) {
        const key = ahead.pop();
        next = queue.find((e) => e.key === key) ?? null;
      }
      next ??= queue.find((e) => this.recheck.has(e.key) || ((answers.get(e.key)?.value ?? null) === null && !this.skipped.has(e.key))) ?? null;
      if (!next) return;
      const outcome = await this.ask(next, { position: queue.indexOf(next) + 1, total: queue.length, canGoBack: this.history.length > 0 });
      if (outcome === 'back') {
        const previous = this.history.pop();
        revisit = this.live().find((e) => e.key === previous) ?? null;
        if (revisit) ahead.push(next.key);
      } else {
        this.recheck.delete(next.key);
        this.history.push(next.key);
      }
    }
  }

  private header(entry: Entry): void {
    const label = `${entry.playbook.title} › ${entry.section.title}`;
    if (label === this.lastHeader) return;
    this.lastHeader = label;
    const width = Math.min(this.deps.width, 80);
    this.deps.print('');
    this.deps.print(this.deps.style.bold(truncateToWidth(label, width)));
  }

  /** One item: the question with its why, the answer, the fix after a no or partly, and a note where it helps. */
  async ask(entry: Entry, at: { position: number; total: number; canGoBack: boolean }): Promise<'answered' | 'skipped' | 'back'> {
    const { style } = this.deps;
    const width = Math.min(this.deps.width, 80);
    this.header(entry);
    const current = this.answers().get(entry.key);
    let note = current?.note ?? null;
    const need = isNeed(entry.item);
    const level = resolveSeverity(entry.item.severity, this.type);
    const notes = regionNotes(entry.item, this.scope.clientRegion);
    this.deps.print(style.dim(`[${at.position}/${at.total}] ${need ? 'about this engagement' : level}${entry.item.clause ? ' · contract clause' : ''}`));
    for (const line of wrap(`Why it matters: ${entry.item.why}`, width)) this.deps.print(style.dim(line));
    for (const note of notes) if (note.why) for (const line of wrap(`${REGION_LABELS[note.region]}: ${note.why}`, width, '  ', '  ')) this.deps.print(style.dim(line));

    for (;;) {
      // A need question is a fact about the engagement: yes or no, nothing in between. Letters answer at once;
      // Esc or ← goes back (no menu entry for it), where there is somewhere to go. No and Partly are coloured
      // as the gaps they are, except for a need question, where no is just a fact.
      const answerChoices: Listed<ItemChoice>[] = need
        ? [
            { value: 'yes', name: ANSWER_LABELS.yes, key: 'y' },
            { value: 'no', name: ANSWER_LABELS.no, key: 'n' },
          ]
        : [
            { value: 'yes', name: ANSWER_LABELS.yes, key: 'y', tone: 'ok' },
            { value: 'partly', name: ANSWER_LABELS.partly, key: 'p', tone: 'warn' },
            { value: 'no', name: ANSWER_LABELS.no, key: 'n', tone: 'bad' },
            { value: 'na', name: ANSWER_LABELS.na, key: 'a' },
          ];
      const choices: Listed<ItemChoice>[] = [
        ...answerChoices,
        { value: 'skip', name: need ? 'Not sure yet (ask again later)' : 'Skip for now', key: 's' },
        { value: 'note', name: note ? 'Change the note…' : 'Add a note…' },
      ];
      const options = { ...(current?.value ? { default: current.value } : {}), ...(at.canGoBack ? { back: 'back' as const } : {}), ...(note ? { detail: wrap(`Note: ${note}`, width, '  ', '  ').join('\n') } : {}) };
      const choice = await this.deps.asker.select<ItemChoice>(promptText(entry.item.question, width), choices, options);
      if (choice === 'back') return 'back';
      if (choice === 'note') {
        // With a note already there, Enter keeps it (the prompt's default); Backspace on the empty line drops the default.
        const prompt = note ? 'Note (Enter keeps it; Backspace, then Enter, removes it)' : 'Note (Enter to leave it empty)';
        note = (await this.deps.asker.input(prompt, note ? { default: note } : {})).trim() || null;
        continue;
      }
      if (choice === 'skip') {
        // Skipping an item that has an answer (from the review, or a re-check) leaves the answer as it was.
        if ((current?.value ?? null) === null) {
          this.skipped.add(entry.key);
          this.commit();
        }
        return 'skipped';
      }
      if (!need && (choice === 'no' || choice === 'partly')) {
        for (const line of wrap(`To fix: ${entry.item.fix ?? ''}`, width, '  ', '  ')) this.deps.print(style.warn(line));
        for (const note of notes) if (note.fix) for (const line of wrap(`${REGION_LABELS[note.region]}: ${note.fix}`, width, '    ', '    ')) this.deps.print(style.warn(line));
      }
      const answered = this.deps.now().toISOString();
      if ((choice === 'partly' || choice === 'na') && note === null) {
        // Saved before the note is asked, so Ctrl-C at the note prompt cannot take the answer back.
        this.record(entry.key, { value: choice, note: null, answered });
        const prompt = choice === 'na' ? 'Why does it not apply? (a note for the report; Enter to skip)' : 'What is in place, and what is missing? (Enter to skip)';
        note = (await this.deps.asker.input(prompt)).trim() || null;
        if (note === null) return 'answered';
      }
      this.record(entry.key, { value: choice, note, answered });
      return 'answered';
    }
  }

  private record(key: ItemKey, answer: Answer): void {
    this.data.answers = { ...(this.data.answers ?? {}), [key]: toEntry(answer) };
    this.skipped.delete(key);
    this.commit();
  }

  private commit(): void {
    const now = this.deps.now().toISOString();
    const meta = { ...(this.data.meta ?? {}), updated: now };
    if (this.skipped.size > 0) meta.skipped = [...this.skipped];
    else delete meta.skipped;
    this.data = { ...this.data, meta };
    this.deps.save(this.data);
  }

  /** Lists every answer per playbook with the score so far; any item can be changed; skipped ones are offered again. */
  async review(): Promise<void> {
    const width = Math.min(this.deps.width, 80);
    // After a change the cursor stays on that item, so the next Enter does not finish by accident.
    let lastPicked: string | null = null;
    for (;;) {
      const answers = this.answers();
      const live = this.live();
      const open = live.filter((e) => (answers.get(e.key)?.value ?? null) === null);
      const assessment = assess({ playbooks: this.playbooks, engagement: this.data.engagement, answers, now: this.deps.now(), stage: this.data.stage, quick: this.data.quick });
      const choices: Listed<string>[] = [{ value: ':finish', name: 'Finish and write the report' }];
      if (open.length > 0) choices.push({ value: ':open', name: `Answer the ${open.length} open question${open.length === 1 ? '' : 's'} (skipped or new)` });
      for (const result of assessment.playbooks) {
        const items = live.filter((e) => e.playbook.id === result.id);
        if (items.length === 0) continue;
        const score = result.score.percent === null ? ' n/a' : String(Math.round(result.score.percent)).padStart(4);
        choices.push({ separator: `── ${result.title} ${score} ${bar(result.score.percent)}` });
        for (const e of items) {
          const value = answers.get(e.key)?.value ?? null;
          const mark = MARKS[value ?? 'open'];
          const label = `${mark} ${e.item.question}`;
          choices.push({ value: e.key, name: truncateToWidth(label, width - 4) });
        }
      }
      const overall = assessment.scores.overall.percent;
      this.deps.print('');
      this.deps.print(this.deps.style.bold(`Review: overall ${overall === null ? 'n/a' : Math.round(overall)} ${bar(overall)}  ${VERDICT_WORDS[assessment.verdict.level]}`));
      const stillListed: boolean = lastPicked !== null && choices.some((c) => !isSeparator(c) && c.value === lastPicked);
      const picked: string = await this.deps.asker.select<string>('Pick an answer to change, or finish', choices, { pageSize: 15, ...(stillListed && lastPicked ? { default: lastPicked } : {}) });
      lastPicked = picked;
      if (picked === ':finish') return;
      if (picked === ':open') {
        this.skipped.clear();
        await this.askOpen(null);
        continue;
      }
      const entry = this.entries.find((e) => e.key === picked);
      if (entry) {
        this.lastHeader = '';
        const position = live.indexOf(entry) + 1;
        await this.ask(entry, { position, total: live.length, canGoBack: false });
      }
    }
  }

  finish(): AnswersFile {
    const now = this.deps.now().toISOString();
    this.data = { ...this.data, meta: { ...(this.data.meta ?? {}), updated: now, finished: now } };
    this.deps.save(this.data);
    return this.data;
  }
}

