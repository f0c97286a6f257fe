import { describe, expect, it } from 'vitest';
import { boardPath, presentPath } from '@benchlearn/shared';
import { parseRoute } from './router';

describe('routes', () => {
  it('parses the start page, the board and the projector view', () => {
    expect(parseRoute('/')).toEqual({ name: 'start' });
    expect(parseRoute('')).toEqual({ name: 'start' });
    expect(parseRoute('/b/V1StGXR8_Z5jdHi6B-myT')).toEqual({ name: 'board', boardId: 'V1StGXR8_Z5jdHi6B-myT' });
    expect(parseRoute('/b/V1StGXR8_Z5jdHi6B-myT/')).toEqual({ name: 'board', boardId: 'V1StGXR8_Z5jdHi6B-myT' });
    expect(parseRoute('/b/abc/present')).toEqual({ name: 'present', boardId: 'abc' });
  });

  it('reads what shared builds', () => {
    expect(parseRoute(boardPath('a b'))).toEqual({ name: 'board', boardId: 'a b' });
    expect(parseRoute(presentPath('x-y_z'))).toEqual({ name: 'present', boardId: 'x-y_z' });
  });

  it('answers not-found for anything else', () => {
    for (const path of ['/b', '/b/', '/x/abc', '/b/abc/edit', '/b/abc/present/more', '/b/%E0%A4%A', '/b/a%2Fb']) {
      expect(parseRoute(path), path).toEqual({ name: 'not-found' });
    }
  });
});
