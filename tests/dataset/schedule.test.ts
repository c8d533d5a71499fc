import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { launchOrder } from '../../src/dataset/run.js';
import { oneAtATime } from '../../src/dataset/worker.js';

describe('the order a run on worker threads starts its inputs in (launchOrder)', () => {
  it('ten inputs, every tenth long, window 4: runs of four counted back from the last, each largest first', () => {
    const sizes = [10, 10, 10, 10, 10, 10, 10, 10, 10, 30];
    // Runs [0, 1], [2..5], [6..9]: the last input, the long one, starts first of its run.
    expect(launchOrder(sizes, 4)).toEqual([0, 1, 2, 3, 4, 5, 9, 6, 7, 8]);
  });

  it('equal sizes keep id order; no inputs, none; fewer inputs than the window, one run', () => {
    expect(launchOrder([5, 5, 5], 8)).toEqual([0, 1, 2]);
    expect(launchOrder([], 8)).toEqual([]);
    expect(launchOrder([1, 3, 2], 8)).toEqual([1, 2, 0]);
  });

  it('is a permutation in which no input starts more than window − 1 places early, the last window largest first (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 90 }), fc.integer({ min: 1, max: 12 }), (sizes, window) => {
        const order = launchOrder(sizes, window);
        expect([...order].sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i));
        // The run loop starts order[k] once k < done + window: the input whose turn it is
        // (done) has always started, and at most `window` wait to be emitted.
        order.forEach((input, position) => expect(position).toBeLessThanOrEqual(input + window - 1));
        const tail = order.slice(Math.max(0, sizes.length - window));
        expect([...tail].sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i).slice(Math.max(0, sizes.length - window)));
        for (let k = 1; k < tail.length; k++) {
          const [a, b] = [tail[k - 1]!, tail[k]!];
          expect(sizes[a]! > sizes[b]! || (sizes[a] === sizes[b] && a < b)).toBe(true);
        }
      }),
    );
  });
});

describe('a worker runs the tasks it holds one at a time (oneAtATime)', () => {
  it('a task handed in while another awaits starts only once that one has settled, failed or not', async () => {
    const events: string[] = [];
    const task = (name: string, fail = false) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = oneAtATime(task('a', true));
    const b = oneAtATime(task('b'));
    const c = oneAtATime(task('c'));
    await expect(a).rejects.toThrow('a');
    await expect(b).resolves.toBe('b');
    await expect(c).resolves.toBe('c');
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });
});
