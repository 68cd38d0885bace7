import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue.ts';

describe('WriteQueue: one key’s tasks one after the other, in order; other keys side by side', () => {
  it('for any interleaving of keys and task lengths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ key: fc.constantFrom('a', 'b', 'c'), ms: fc.integer({ min: 0, max: 3 }), fails: fc.boolean() }),
          {
            maxLength: 20,
          },
        ),
        async (tasks) => {
          const queue = new WriteQueue();
          const running = new Set<string>();
          const order: Record<string, number[]> = {};
          const results = tasks.map((task, i) =>
            queue
              .run(task.key, async () => {
                expect(running.has(task.key)).toBe(false);
                running.add(task.key);
                await new Promise((resolve) => setTimeout(resolve, task.ms));
                running.delete(task.key);
                order[task.key] = [...(order[task.key] ?? []), i];
                if (task.fails) throw new Error(`task ${i}`);
                return i;
              })
              .then(
                (value) => expect(value).toBe(i),
                (error: Error) => expect(error.message).toBe(`task ${i}`),
              ),
          );
          await Promise.all(results);
          for (const key of Object.keys(order)) expect(order[key]).toEqual([...order[key]!].sort((x, y) => x - y));
          await new Promise((resolve) => setTimeout(resolve, 0));
          expect(queue.size).toBe(0);
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });
});
