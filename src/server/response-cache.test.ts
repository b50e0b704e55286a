import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.js';

describe('ResponseCache', () => {
  it('keeps an answer the second time its URL is offered, not the first', () => {
    const c = new ResponseCache(1000);
    c.set('/a', 'x'.repeat(10));
    expect(c.get('/a')).toBeUndefined();
    c.set('/a', 'x'.repeat(10));
    expect(c.get('/a')).toBe('x'.repeat(10));
    expect(c.size).toBe(1);
  });

  it('evicts the least recently used answers beyond its byte budget', () => {
    const c = new ResponseCache(100);
    const keep = (k: string) => {
      for (let i = 0; i < 2; i++) c.set(k, k.padEnd(10, '.'));
    };
    for (let i = 0; i < 10; i++) keep(`/${i}`);
    expect(c.size).toBe(10);
    c.get('/0');
    keep('/10');
    expect(c.size).toBe(10);
    expect(c.get('/1')).toBeUndefined();
    expect(c.get('/0')).toBe('/0'.padEnd(10, '.'));
    expect(c.get('/10')).toBe('/10'.padEnd(10, '.'));
  });

  it('never keeps a body larger than a tenth of the budget, nor anything with no budget', () => {
    const c = new ResponseCache(100);
    for (let i = 0; i < 2; i++) c.set('/big', 'x'.repeat(11));
    expect(c.get('/big')).toBeUndefined();
    const off = new ResponseCache(0);
    for (let i = 0; i < 2; i++) off.set('/a', 'x');
    expect(off.size).toBe(0);
  });

  it('forgets the URLs seen once when too many one-off URLs arrive', () => {
    const c = new ResponseCache(1000, { maxSeen: 3 });
    c.set('/a', 'a');
    for (const k of ['/b', '/c', '/d']) c.set(k, k);
    c.set('/a', 'a');
    expect(c.get('/a')).toBeUndefined();
    c.set('/a', 'a');
    expect(c.get('/a')).toBe('a');
  });
});
