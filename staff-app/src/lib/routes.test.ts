import { describe, expect, it } from 'vitest';
import { homeRoute, hrefOf, mayView, parseRoute, type Route } from './routes.js';

describe('routes', () => {
  it('parses the hash routes', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/counters')).toEqual({ page: 'counters' });
    expect(parseRoute('#/counter/quay-1')).toEqual({ page: 'counter', counterId: 'quay-1' });
    expect(parseRoute('#/counter/quay%202/')).toEqual({ page: 'counter', counterId: 'quay 2' });
    expect(parseRoute('#/board')).toEqual({ page: 'board' });
    expect(parseRoute('#/book')).toEqual({ page: 'book' });
    expect(parseRoute('#/admin')).toEqual({ page: 'admin', section: null });
    expect(parseRoute('#/admin/users')).toEqual({ page: 'admin', section: 'users' });
    expect(parseRoute('#/reports/daily')).toEqual({ page: 'reports', section: 'daily' });
    expect(parseRoute('#/counter')).toEqual({ page: 'notFound', path: 'counter' });
    expect(parseRoute('#/nope/x')).toEqual({ page: 'notFound', path: 'nope/x' });
  });

  it('round-trips every route through its href', () => {
    const routes: Route[] = [
      { page: 'home' },
      { page: 'counters' },
      { page: 'counter', counterId: 'quầy 1' },
      { page: 'board' },
      { page: 'book' },
      { page: 'admin', section: null },
      { page: 'admin', section: 'services' },
      { page: 'reports', section: null },
    ];
    for (const r of routes) expect(parseRoute(hrefOf(r))).toEqual(r);
  });

  it('sends an officer to its counter or the list, a manager to the board', () => {
    expect(homeRoute('officer', 'quay-3')).toEqual({ page: 'counter', counterId: 'quay-3' });
    expect(homeRoute('officer', null)).toEqual({ page: 'counters' });
    expect(homeRoute('manager', null)).toEqual({ page: 'board' });
    expect(homeRoute('admin', 'quay-1')).toEqual({ page: 'board' });
  });

  it('keeps the board, reports and (read-only) administration for managers and admins', () => {
    expect(mayView('officer', { page: 'board' })).toBe(false);
    expect(mayView('manager', { page: 'board' })).toBe(true);
    expect(mayView('officer', { page: 'reports', section: null })).toBe(false);
    expect(mayView('manager', { page: 'admin', section: null })).toBe(true);
    expect(mayView('officer', { page: 'admin', section: 'users' })).toBe(false);
    expect(mayView('admin', { page: 'admin', section: null })).toBe(true);
    expect(mayView('officer', { page: 'counter', counterId: 'x' })).toBe(true);
  });
});
