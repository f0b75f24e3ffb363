import { createHash } from 'node:crypto';
import type { Problem } from '../errors.js';
import { problemAt, type Path, type YamlDoc } from '../source/yaml.js';
import { PLAYBOOK_FORMAT, type AnswerValue, type Severity } from '../playbook/model.js';

/**
 * Turns a CISO Assistant library (intuitem/ciso-assistant-community,
 * backend/library/libraries/*.yaml) into an outsource-check playbook. Pure:
 * it takes the parsed library and returns the playbook as data, with notices
 * about what could not be carried over; docs/formats.md describes the mapping.
 *
 * Item ids come from each requirement's ref_id (or, without one, from the
 * tail of its urn), never from its position, so re-importing a newer version
 * of a library keeps the ids, and an answers file carries over.
 */

export interface ImportOptions {
  /** The language to take texts in; default the library's own. */
  locale?: string;
  /** The playbook id; default from the library's ref_id or urn. */
  id?: string;
  severity: Severity;
}

/** The playbook, in the field order it is written in. */
export interface ImportedPlaybook {
  format: typeof PLAYBOOK_FORMAT;
  id: string;
  kind: 'custom';
  title: string;
  version: string;
  summary: string;
  source: ImportedSource;
  sections: Array<{ id: string; title: string; items: ImportedItem[] }>;
}

export interface ImportedSource {
  name: string;
  version?: number;
  provider?: string;
  copyright?: string;
  urn?: string;
  locale?: string;
}

export interface ImportedItem {
  id: string;
  question: string;
  why: string;
  fix: string;
  severity: Severity;
  when?: { item: string; is: AnswerValue[] };
}

export type ImportResult = { ok: true; playbook: ImportedPlaybook; notices: string[] } | { ok: false; problems: Problem[] };

type Raw = Record<string, unknown>;

const isMap = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** Whitespace as a one-line prompt shows it: paragraphs and folds become single spaces. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A kebab-case id from a ref_id or urn segment: `GOV.01` → `gov-01`, `1.1_Gouvernance` → `1-1-gouvernance`. */
export function kebab(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 6);

/** The part of a urn after its library prefix: `urn:intuitem:risk:req_node:vdd:gov.01` → `gov.01`. */
function urnTail(urn: string): string {
  const parts = urn.split(':');
  const at = parts.indexOf('req_node');
  return (at >= 0 ? parts.slice(at + 2) : parts.slice(-1)).join('-') || urn;
}

/** compute_result of a choice, or its words, as the answer it stands for in this tool. */
function answerOf(choice: Raw): AnswerValue | null {
  const result = choice.compute_result;
  if (result === true || result === 'compliant') return 'yes';
  if (result === false || result === 'non_compliant') return 'no';
  if (result === 'partially_compliant') return 'partly';
  if (result === 'not_applicable') return 'na';
  const value = str(choice.value)?.trim().toLowerCase();
  if (!value) return null;
  if (/^(yes|oui|ja|sí|si|sim|evet|true)\b/.test(value)) return 'yes';
  if (/^(no|non|nein|não|nao|hayır|false)\b/.test(value)) return 'no';
  if (/^(n\/a|na|not applicable|sans objet|non applicable)\b/.test(value)) return 'na';
  if (/^(partial|partially|partiel|partiellement|en partie)\b/.test(value)) return 'partly';
  return null;
}

interface Question {
  urn: string;
  type: string;
  text: string;
  choices: Raw[];
  dependsOn: Raw | null;
}

interface Node {
  raw: Raw;
  index: number;
  urn: string;
  parent: string | undefined;
  refId: string | undefined;
  children: Node[];
  questions: Question[];
  itemId?: string;
}

/** Question types a client answers yes, partly or no; text, number and date answers have no such value. */
const ANSWERABLE = new Set(['unique_choice', 'multiple_choice', 'boolean']);

export function importLibrary(yaml: YamlDoc, value: unknown, options: ImportOptions): ImportResult {
  const problems: Problem[] = [];
  const fail = (path: Path, message: string): ImportResult => ({ ok: false, problems: [problemAt(yaml, path, message)] });
  const notices: string[] = [];

  if (!isMap(value)) return fail([], 'not a CISO Assistant library: expected a mapping with `urn`, `locale` and `objects.framework`');
  if (typeof value.format === 'string' && value.format.startsWith('outsource-check/')) return fail(['format'], 'this is already an outsource-check file, not a CISO Assistant library');
  if (!isMap(value.objects)) return fail([], 'not a CISO Assistant library: expected `urn`, `locale` and `objects.framework` with `requirement_nodes`');
  const framework = value.objects.framework;
  if (!isMap(framework)) {
    const holds = Object.keys(value.objects);
    return fail(['objects'], `the library has no framework to import${holds.length ? ` (it holds ${holds.map((k) => `\`${k}\``).join(', ')})` : ''}`);
  }
  const rawNodes = framework.requirement_nodes;
  if (!Array.isArray(rawNodes) || rawNodes.length === 0) return fail(['objects', 'framework'], 'the framework has no `requirement_nodes`');
  const nodesPath = (i: number, ...rest: PropertyKey[]): Path => ['objects', 'framework', 'requirement_nodes', i, ...rest];

  // --- language
  const baseLocale = str(value.locale) ?? 'en';
  const locale = options.locale ?? baseLocale;
  const offered = new Set<string>([baseLocale]);
  const collectLocales = (o: unknown) => {
    if (isMap(o) && isMap(o.translations)) for (const k of Object.keys(o.translations)) offered.add(k);
  };
  collectLocales(value);
  collectLocales(framework);
  for (const n of rawNodes) collectLocales(n);
  if (!offered.has(locale)) {
    return fail(value.locale === undefined ? [] : ['locale'], `the library has no \`${locale}\` texts; it offers ${[...offered].sort().map((l) => `\`${l}\``).join(', ')} (choose one with --locale)`);
  }
  let fallbacks = 0;
  /** A field in the chosen language, falling back to the library's own (and counting it). */
  const text = (o: Raw, field: string): string | undefined => {
    const own = str(o[field]);
    if (locale === baseLocale) return own;
    const tr = isMap(o.translations) ? o.translations[locale] : undefined;
    const translated = isMap(tr) ? str(tr[field]) : undefined;
    if (translated !== undefined) return translated;
    if (own !== undefined) fallbacks++;
    return own;
  };

  // --- nodes, links, ids
  const nodes: Node[] = [];
  const byUrn = new Map<string, Node>();
  const byRef = new Map<string, Node>();
  rawNodes.forEach((raw, index) => {
    if (!isMap(raw)) {
      problems.push(problemAt(yaml, nodesPath(index), 'a requirement node must be a mapping with a `urn`'));
      return;
    }
    const urn = str(raw.urn);
    if (!urn) {
      problems.push(problemAt(yaml, nodesPath(index), 'requirement node without a `urn`'));
      return;
    }
    const first = byUrn.get(urn);
    if (first) {
      problems.push(problemAt(yaml, nodesPath(index, 'urn'), `duplicate urn \`${urn}\` (first at line ${problemAt(yaml, nodesPath(first.index, 'urn'), '').line})`));
      return;
    }
    const refId = str(raw.ref_id);
    const node: Node = { raw, index, urn, parent: str(raw.parent_urn), refId, children: [], questions: questionsOf(raw, urn, text) };
    if (refId !== undefined) {
      const same = byRef.get(refId);
      if (same) problems.push(problemAt(yaml, nodesPath(index, 'ref_id'), `duplicate ref_id \`${refId}\` (first at line ${problemAt(yaml, nodesPath(same.index, 'ref_id'), '').line}); items are named after ref_ids, which must be unique`));
      else byRef.set(refId, node);
    }
    byUrn.set(urn, node);
    nodes.push(node);
  });
  for (const node of nodes) {
    if (node.parent === undefined) continue;
    const parent = byUrn.get(node.parent);
    if (!parent) problems.push(problemAt(yaml, nodesPath(node.index, 'parent_urn'), `broken parent link: no node has the urn \`${node.parent}\``));
    else parent.children.push(node);
  }
  // Parent links that loop never reach a top-level node.
  for (const node of nodes) {
    const seen = new Set<Node>();
    let at: Node | undefined = node;
    while (at && at.parent !== undefined && !seen.has(at)) {
      seen.add(at);
      at = byUrn.get(at.parent);
    }
    if (at && seen.has(at) && at === node) {
      problems.push(problemAt(yaml, nodesPath(node.index, 'parent_urn'), `parent links form a cycle: \`${node.urn}\` is its own ancestor`));
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const assessable = nodes.filter((n) => n.raw.assessable === true);
  if (assessable.length === 0) return fail(['objects', 'framework', 'requirement_nodes'], 'the framework has no assessable requirement node (`assessable: true`), so there is nothing to ask');

  const usedIds = new Set<string>();
  const uniqueId = (wanted: string, urn: string): string => {
    let id = wanted || `node-${shortHash(urn)}`;
    if (usedIds.has(id)) id = `${id.slice(0, 53)}-${shortHash(urn)}`;
    usedIds.add(id);
    return id;
  };
  for (const node of assessable) node.itemId = uniqueId(kebab(node.refId ?? urnTail(node.urn)), node.urn);

  // --- texts of the framework
  const libraryName = str(value.name) ?? str(framework.name) ?? 'CISO Assistant library';
  const frameworkName = oneLine(text(framework, 'name') ?? text(value, 'name') ?? libraryName);
  const label = (node: Node): string => (node.refId ? `requirement ${node.refId}` : 'this requirement');

  // --- questions → items
  const questionOwner = new Map<string, Node>();
  for (const node of assessable) for (const q of node.questions) questionOwner.set(q.urn, node);
  let textOnly = 0;
  let dropped = 0;
  const droppedWhen: string[] = [];

  const itemOf = (node: Node): ImportedItem => {
    const name = text(node.raw, 'name');
    const description = text(node.raw, 'description');
    const annotation = text(node.raw, 'annotation');
    const answerable = node.questions.filter((q) => ANSWERABLE.has(q.type) && q.text.trim() !== '');
    dropped += node.questions.length - answerable.length;
    const asked = node.questions.map((q) => q.text).filter((t) => t.trim() !== '').join(' ');
    const body = oneLine(description ?? name ?? (asked || undefined) ?? node.refId ?? node.urn);
    const question = answerable.length > 0 ? oneLine(answerable.map((q) => q.text).join(' ')) : `Does the vendor meet ${node.refId ? `${node.refId}: ` : 'this requirement: '}${body.replace(/[.;:!?\s]+$/, '')}?`;
    if (answerable.length === 0 && node.questions.length > 0) textOnly++;
    const context = [name && answerable.length > 0 ? oneLine(name) : '', description && answerable.length > 0 ? oneLine(description) : ''].filter(Boolean).join(': ');
    const why = `${frameworkName}, ${label(node)}${context ? `: ${context}` : node.refId && name && answerable.length === 0 && description ? ` (${oneLine(name)})` : ''}.`.replace(/\.\.$/, '.');
    const fix = `Ask the vendor how they meet ${label(node)} of ${frameworkName}, and for the evidence it calls for.${annotation ? ` The library's guidance: ${oneLine(annotation)}` : ''}`;
    const item: ImportedItem = { id: node.itemId!, question, why, fix, severity: options.severity };
    const when = whenOf(node, answerable[0] ?? node.questions[0]);
    if (when) item.when = when;
    return item;
  };

  /** `depends_on` of the item's first question, when it names another item's question in a way `when` can say. */
  const whenOf = (node: Node, question: Question | undefined): ImportedItem['when'] | undefined => {
    const dep = question?.dependsOn;
    if (!dep) return undefined;
    const target = str(dep.question);
    const owner = target ? questionOwner.get(target) : undefined;
    if (owner === node) return undefined; // a follow-up inside the same requirement: asked together
    const answers = Array.isArray(dep.answers) ? dep.answers.map(str) : [];
    const condition = str(dep.condition) ?? 'any';
    const choices = owner?.questions.find((q) => q.urn === target)?.choices ?? [];
    const values = answers.map((urn) => {
      const choice = choices.find((c) => str(c.urn) === urn || str(c.value) === urn);
      return choice ? answerOf(choice) : null;
    });
    if (!owner || values.length === 0 || values.some((v) => v === null) || (condition === 'all' && values.length > 1)) {
      droppedWhen.push(node.refId ?? node.urn);
      return undefined;
    }
    return { item: owner.itemId!, is: [...new Set(values as AnswerValue[])] };
  };

  const sections: ImportedPlaybook['sections'] = [];
  const sectionIds = new Set<string>();
  let loose: ImportedItem[] = [];
  const flushLoose = () => {
    if (loose.length === 0) return;
    const id = sectionIds.has('requirements') ? `requirements-${sections.length + 1}` : 'requirements';
    sectionIds.add(id);
    sections.push({ id, title: frameworkName, items: loose });
    loose = [];
  };
  for (const root of nodes.filter((n) => n.parent === undefined)) {
    const items: ImportedItem[] = [];
    const walk = (n: Node) => {
      if (n.raw.assessable === true) items.push(itemOf(n));
      for (const child of n.children) walk(child);
    };
    walk(root);
    if (items.length === 0) continue;
    // A top-level requirement with nothing under it joins its neighbours in one section.
    if (root.children.length === 0) {
      loose.push(...items);
      continue;
    }
    flushLoose();
    let id = kebab(root.refId ?? urnTail(root.urn)) || `section-${sections.length + 1}`;
    if (sectionIds.has(id)) id = `${id}-${shortHash(root.urn)}`;
    sectionIds.add(id);
    const title = oneLine([root.refId, text(root.raw, 'name') ?? (root.refId ? undefined : text(root.raw, 'description'))].filter(Boolean).join(' ') || root.urn);
    sections.push({ id, title, items });
  }
  flushLoose();

  breakWhenCycles(sections, droppedWhen);

  // --- the playbook
  const version = semverOf(value.version);
  if (!version.exact) notices.push(`the library's version ${JSON.stringify(value.version ?? null)} is not a whole number; the playbook is version ${version.semver}`);
  if (fallbacks > 0) notices.push(`${fallbacks} text${fallbacks === 1 ? ' has' : 's have'} no \`${locale}\` translation and ${fallbacks === 1 ? 'is' : 'are'} kept in the library's own language (\`${baseLocale}\`)`);
  if (dropped > 0) notices.push(`${dropped} free-text, number or date question${dropped === 1 ? '' : 's'} left out: a yes/partly/no answer cannot hold ${dropped === 1 ? 'its' : 'their'} answer${textOnly > 0 ? `; ${textOnly} requirement${textOnly === 1 ? ' is' : 's are'} asked as ${textOnly === 1 ? 'a requirement' : 'requirements'} instead` : ''}`);
  if (droppedWhen.length > 0) notices.push(`${droppedWhen.length} \`depends_on\` condition${droppedWhen.length === 1 ? '' : 's'} cannot be said with \`when\` and ${droppedWhen.length === 1 ? 'is' : 'are'} dropped, so ${droppedWhen.length === 1 ? 'that item is' : 'those items are'} always asked: ${droppedWhen.slice(0, 5).join(', ')}${droppedWhen.length > 5 ? ', …' : ''}`);
  if (assessable.some((n) => Array.isArray(n.raw.implementation_groups))) notices.push('implementation groups are not imported: every requirement is asked');

  const source: ImportedSource = { name: oneLine(libraryName) };
  if (version.exact && typeof value.version === 'number') source.version = value.version;
  for (const field of ['provider', 'copyright', 'urn'] as const) {
    const v = str(value[field]);
    if (v) source[field] = oneLine(v);
  }
  source.locale = locale;

  const summaryText = text(framework, 'description') ?? text(value, 'description');
  const playbook: ImportedPlaybook = {
    format: PLAYBOOK_FORMAT,
    id: options.id ?? (kebab(str(value.ref_id) ?? urnTail(str(value.urn) ?? libraryName)) || 'imported-library'),
    kind: 'custom',
    title: frameworkName,
    version: version.semver,
    summary: summaryText ? summaryText.trim() : `Imported from the CISO Assistant library ${oneLine(libraryName)}.`,
    source,
    sections,
  };
  return { ok: true, playbook, notices };
}

/** Both shapes of a node's questions: the `questions` map (newer) and `question.questions` with `question_type` (older). */
function questionsOf(raw: Raw, nodeUrn: string, text: (o: Raw, field: string) => string | undefined): Question[] {
  const out: Question[] = [];
  if (isMap(raw.questions)) {
    for (const [urn, q] of Object.entries(raw.questions)) {
      if (!isMap(q)) continue;
      out.push({ urn, type: str(q.type) ?? 'text', text: text(q, 'text') ?? '', choices: Array.isArray(q.choices) ? q.choices.filter(isMap) : [], dependsOn: isMap(q.depends_on) ? q.depends_on : null });
    }
  } else if (isMap(raw.question)) {
    const old = raw.question;
    const type = str(old.question_type) ?? 'text';
    const choices = Array.isArray(old.question_choices) ? old.question_choices.map((c) => (isMap(c) ? c : { value: c })) : [];
    const list = Array.isArray(old.questions) ? old.questions : [];
    list.forEach((q, i) => {
      if (!isMap(q)) return;
      out.push({ urn: str(q.urn) ?? `${nodeUrn}:question:${i + 1}`, type, text: text(q, 'text') ?? '', choices, dependsOn: null });
    });
  }
  return out;
}

/** A library's integer version as semver: `3` → `3.0.0`. */
function semverOf(version: unknown): { semver: string; exact: boolean } {
  if (typeof version === 'number' && Number.isInteger(version) && version >= 0) return { semver: `${version}.0.0`, exact: true };
  if (typeof version === 'string' && /^\d+$/.test(version.trim())) return { semver: `${Number(version)}.0.0`, exact: true };
  if (typeof version === 'string' && /^\d+\.\d+\.\d+$/.test(version.trim())) return { semver: version.trim(), exact: true };
  return { semver: '1.0.0', exact: false };
}

/** `when` chains that loop would make the playbook invalid; the conditions in a loop are dropped. */
function breakWhenCycles(sections: ImportedPlaybook['sections'], dropped: string[]): void {
  const items = new Map(sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  for (const start of items.values()) {
    const seen: ImportedItem[] = [];
    let at: ImportedItem | undefined = start;
    while (at?.when && !seen.includes(at)) {
      seen.push(at);
      at = items.get(at.when.item);
    }
    if (at && seen.includes(at)) {
      for (const item of seen.slice(seen.indexOf(at))) {
        delete item.when;
        dropped.push(item.id);
      }
    }
  }
}
