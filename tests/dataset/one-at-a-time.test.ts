import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/dataset/worker.js';

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
