import { createRequire } from 'node:module';
import type { AST } from '@eslint-community/regexpp';

/**
 * The analysers, loaded on the first audit: refa, scslre and regexpp are ~20 ms of module
 * loading, and a process whose data files are all known to pass (src/core/data.ts) audits
 * nothing. Loaded with `require` because an audit is synchronous (the pipeline loader is).
 */
let analysers: { regexpp: typeof import('@eslint-community/regexpp'); refa: typeof import('refa'); scslre: typeof import('scslre') } | null = null;
function load(): NonNullable<typeof analysers> {
  if (!analysers) {
    const require = createRequire(import.meta.url);
    analysers = { regexpp: require('@eslint-community/regexpp'), refa: require('refa'), scslre: require('scslre') };
  }
  return analysers;
}

/** How the worst-case matching time of a pattern grows with its input. */
export type RegexComplexity = 'linear' | 'polynomial' | 'exponential';

/** The audit's verdict on one pattern. */
export interface RegexVerdict {
  complexity: RegexComplexity;
  /** What makes it super-linear (the quantifiers at fault), or null for a linear pattern. */
  reason: string | null;
}

/** Automata larger than this are not built: the audit then says "exponential" (refuse what it cannot prove). */
const MAX_NODES = 20_000;
/** A quantifier repeating at least this often counts as unbounded for the ambiguity check. */
const MANY = 16;

type Parser = InstanceType<typeof import('refa').JS.Parser>;
type NFA = import('refa').NFA;

function automaton(parser: Parser, element: AST.Alternative | AST.Element): NFA {
  const { NFA } = load().refa;
  const { expression, maxCharacter } = parser.parseElement(element, { assertions: 'ignore', backreferences: 'disable', simplify: false });
  return NFA.fromRegex(expression, { maxCharacter }, {}, new NFA.LimitedNodeFactory(MAX_NODES));
}

/** True when some word is matched by both automata. */
function overlap(left: NFA, right: NFA): boolean {
  const { NFA } = load().refa;
  return !NFA.fromIntersection(left, right, new NFA.LimitedNodeFactory(MAX_NODES)).isEmpty;
}

/**
 * Ambiguity scslre does not model: a repeated group whose alternatives can read the same
 * text in two ways. For `(A1|…|Ak){n,}`, two parses of one string first differ where they
 * choose different alternatives, so the repetition is ambiguous exactly when some Ai·E* and
 * Aj·E* (j > i, E the group) share a word; each repetition of that word doubles the paths
 * (`(?:a|a)+b`, `(?:a|ab|b)+c`). Alternations nested deeper are checked for alternatives that
 * share a word outright (`(?:x(?:\d|\w))+`).
 */
function ambiguousRepetition(parser: Parser): string | null {
  const { visitRegExpAST } = load().regexpp;
  let found: string | null = null;
  const repeated: AST.Quantifier[] = [];
  visitRegExpAST(parser.ast.pattern, {
    onQuantifierEnter(node) {
      if (node.max >= MANY) repeated.push(node);
    },
  });
  for (const quantifier of repeated) {
    const group = quantifier.element;
    if ((group.type === 'Group' || group.type === 'CapturingGroup') && group.alternatives.length > 1) {
      const star = automaton(parser, group);
      star.quantify(0, Infinity);
      const tails = group.alternatives.map((alternative) => {
        const nfa = automaton(parser, alternative);
        nfa.append(star);
        return nfa;
      });
      for (let i = 0; i < tails.length - 1 && !found; i++) {
        const rest = tails[i + 1]!.copy();
        for (let j = i + 2; j < tails.length; j++) rest.union(tails[j]!);
        if (overlap(tails[i]!, rest)) found = `${quantifier.raw}: its alternative ${group.alternatives[i]!.raw} and a later one can read the same text`;
      }
    }
    if (found) return found;
    visitRegExpAST(quantifier, {
      onGroupEnter: (node) => void (found ??= ambiguousAlternatives(parser, node, quantifier)),
      onCapturingGroupEnter: (node) => void (found ??= ambiguousAlternatives(parser, node, quantifier)),
    });
    if (found) return found;
  }
  return null;
}

function ambiguousAlternatives(parser: Parser, node: AST.Group | AST.CapturingGroup, quantifier: AST.Quantifier): string | null {
  if (node === quantifier.element || node.alternatives.length < 2) return null;
  const each = node.alternatives.map((alternative) => automaton(parser, alternative));
  for (let i = 0; i < each.length - 1; i++) {
    const rest = each[i + 1]!.copy();
    for (let j = i + 2; j < each.length; j++) rest.union(each[j]!);
    if (overlap(each[i]!, rest)) return `${node.raw} inside ${quantifier.raw}: two alternatives read the same text`;
  }
  return null;
}

/**
 * Audits a JavaScript regular expression for catastrophic backtracking, statically and
 * deterministically (the same verdict on every run and machine, no time budget): scslre
 * finds quantifiers that can trade characters among themselves (polynomial, or exponential
 * when nested), and an automaton check (refa) finds repeated alternations whose alternatives
 * overlap (exponential). Limits: attack strings scslre builds repeat one character, so a
 * polynomial pattern pumped only by a multi-character string can pass; lookarounds count as
 * always true in the automaton check. A pattern too large to analyse is called exponential.
 */
export function auditPattern(source: string, flags: string): RegexVerdict {
  const { refa, scslre } = load();
  const { JS, TooManyNodesError } = refa;
  const { analyse } = scslre;
  const literal = { source, flags: flags.replace(/[gyd]/g, '') };
  try {
    const reports = analyse(literal).reports;
    const exponential = reports.find((r) => r.exponential);
    const parser = JS.Parser.fromLiteral(literal);
    const ambiguous = ambiguousRepetition(parser);
    if (exponential || ambiguous) {
      return { complexity: 'exponential', reason: ambiguous ?? `${describe(exponential!)}` };
    }
    if (reports.length > 0) return { complexity: 'polynomial', reason: reports.map(describe).join('; ') };
    return { complexity: 'linear', reason: null };
  } catch (error) {
    if (error instanceof TooManyNodesError) return { complexity: 'exponential', reason: 'too large to analyse' };
    throw error;
  }
}

function describe(report: ReturnType<typeof import('scslre').analyse>['reports'][number]): string {
  const where = report.type === 'Trade' ? `${report.startQuant.raw} and ${report.endQuant.raw}` : report.quant.raw;
  return `${report.type.toLowerCase()} ${where} on repeated "${report.character.pick}"`;
}
