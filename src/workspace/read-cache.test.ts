import { describe, expect, it } from 'vitest';
import { docDep, ReadCache } from './read-cache.js';

describe('ReadCache', () => {
  const put = (col: string, id: string) => ({ op: 'put' as const, col, id, doc: { id } });

  it('forgets an entry when a document or a collection it depends on changes, and only then', () => {
    const cache = new ReadCache();
    cache.set('p1', 'view 1', new Set([docDep('profiles', 'p1'), 'tasks/p1']));
    cache.set('p2', 'view 2', new Set([docDep('profiles', 'p2'), 'tasks/p2']));
    cache.invalidate([put('profiles', 'p3'), put('checks/p1', 'c')]);
    expect(cache.get('p1')?.value).toBe('view 1');
    cache.invalidate([put('tasks/p1', 't')]);
    expect(cache.get('p1')).toBeUndefined();
    expect(cache.get('p2')?.value).toBe('view 2');
    cache.invalidate([{ op: 'del', col: 'profiles', id: 'p2' }]);
    expect(cache.size).toBe(0);
  });

  it('clears on a drop, and keeps at most `limit` entries (oldest out)', () => {
    const cache = new ReadCache(2);
    cache.set('a', 1, new Set(['x']));
    cache.set('b', 2, new Set(['x']));
    cache.set('c', 3, new Set(['y']));
    expect([cache.get('a'), cache.get('b')?.value, cache.get('c')?.value]).toEqual([undefined, 2, 3]);
    cache.invalidate([{ op: 'drop', prefix: 'w/1/' }]);
    expect(cache.size).toBe(0);
  });

  it('admits a key on its second read, and forgets first reads past twice its limit', () => {
    const cache = new ReadCache(2);
    expect(cache.admit('a')).toBe(false);
    expect(cache.admit('a')).toBe(true);
    expect(cache.admit('a')).toBe(false); // admitted once; a new round starts
    for (const k of ['b', 'c', 'd', 'e']) cache.admit(k); // 'a' is the oldest of five: forgotten
    expect(cache.admit('a')).toBe(false);
    expect(cache.admit('e')).toBe(true);
  });

  it('keeps at most `maxChars` characters of strings (oldest out), and never one string larger than that', () => {
    const cache = new ReadCache(100, 10);
    cache.set('a', 'aaaa', new Set(['x']));
    cache.set('b', 'bbbb', new Set(['x']));
    expect(cache.chars).toBe(8);
    cache.set('c', 'cccc', new Set(['y'])); // 12 > 10: 'a' goes
    expect([cache.get('a'), cache.get('b')?.value, cache.get('c')?.value]).toEqual([undefined, 'bbbb', 'cccc']);
    expect(cache.chars).toBe(8);
    cache.set('huge', 'h'.repeat(11), new Set(['z']));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2); // the others stay: nothing had to make room for it
    cache.set('b', 'bb', new Set(['x'])); // replacing counts the new value only
    expect(cache.chars).toBe(6);
    cache.invalidate([put('x', 'any')]);
    expect(cache.chars).toBe(4);
    cache.clear();
    expect(cache.chars).toBe(0);
  });
});
