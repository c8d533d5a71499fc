// Whether V8 keeps the code TurboFan compiled for a function (issue 17: a large function thrown away
// — deoptimised — and compiled again whole, BENCHMARKS.md, "arrays made by map"). Asked through V8's
// own functions (`%…`), which `--allow-natives-syntax` allows in code compiled after it is set: the
// few here, compiled once, and nothing else. V8's status bits are those of its runtime-test.cc.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--allow-natives-syntax');

type Native<R> = (value: unknown) => R;
const prepare = new Function('f', '%PrepareFunctionForOptimization(f);') as Native<void>;
const optimiseOnNextCall = new Function('f', '%OptimizeFunctionOnNextCall(f);') as Native<void>;
const status = new Function('f', 'return %GetOptimizationStatus(f);') as Native<number>;
const holey = new Function('a', 'return %HasHoleyElements(a);') as Native<boolean>;
const finishBackgroundCompiles = new Function('%FinalizeOptimization();') as () => void;

/**
 * `fn` itself, when it is a function. Given anything else (an export a checkout lacks reads
 * `undefined`), `%PrepareFunctionForOptimization` fails a fatal check and ends the test's process,
 * which the runner need not report as that test failing: a test must fail by its assertion.
 */
function aFunction(fn: unknown): unknown {
  if (typeof fn !== 'function') throw new TypeError(`optimised.ts: ${String(fn)} is not a function`);
  return fn;
}

/** The status bit of a function whose code TurboFan made (V8's OptimizationStatus::kTurboFanned). */
const TURBOFANNED = 1 << 6;
/**
 * How many runs in the interpreter before TurboFan compiles: V8 gives a function its feedback
 * vector only after it has run through a budget of bytecode (`--budget-for-feedback-vector-allocation`),
 * and TurboFan inlines only callees that have one and treats a site no run has reached as cold —
 * the callees of a long build's large functions have run thousands of times.
 */
const WARM_RUNS = 100;

/**
 * Runs `warm` (which calls `fn`; default `run`) in V8's interpreter {@link WARM_RUNS} times,
 * gathering type feedback, then `run` once with `fn` compiled by TurboFan: true when that code is
 * still `fn`'s after the run — not thrown away at a site that met an object of a shape (a map) or
 * an operation its feedback had not seen.
 */
export function keepsOptimisedCode(fn: unknown, run: () => unknown, warm: () => unknown = run): boolean {
  prepare(aFunction(fn));
  for (let k = 0; k < WARM_RUNS; k++) warm();
  // A compile V8 started on its own during the warm runs (on a helper thread) is finished and its
  // code installed first: asked for while one runs, the compile on the next call does not happen.
  finishBackgroundCompiles();
  optimiseOnNextCall(fn);
  run();
  return (status(fn) & TURBOFANNED) !== 0;
}

/** Whether `fn` runs the code TurboFan made for it now (asked after a run, or after a full collection). */
export function isOptimised(fn: unknown): boolean {
  aFunction(fn);
  return (status(fn) & TURBOFANNED) !== 0;
}

/**
 * What `run` returns with `fn` compiled by TurboFan (after {@link WARM_RUNS} runs in the
 * interpreter): for a test that an array is made as the interpreter makes it ({@link isHoley}).
 */
export function optimisedResult<T>(fn: unknown, run: () => T): T {
  prepare(aFunction(fn));
  for (let k = 0; k < WARM_RUNS; k++) run();
  finishBackgroundCompiles();
  optimiseOnNextCall(fn);
  const out = run();
  if ((status(fn) & TURBOFANNED) === 0) throw new Error('optimisedResult: the function did not run optimised');
  return out;
}

/** True when an array may hold holes (V8's holey elements kinds): another map than a packed array's. */
export function isHoley(array: readonly unknown[]): boolean {
  return holey(array);
}

/**
 * {@link keepsOptimisedCode} for a `run` that returns a promise (a reader that loads its parser on
 * first use, as `extractHtml` does): each run awaited before the next.
 */
export async function keepsOptimisedCodeAfter(fn: unknown, run: () => Promise<unknown>): Promise<boolean> {
  prepare(aFunction(fn));
  for (let k = 0; k < WARM_RUNS; k++) await run();
  finishBackgroundCompiles();
  optimiseOnNextCall(fn);
  await run();
  return (status(fn) & TURBOFANNED) !== 0;
}
