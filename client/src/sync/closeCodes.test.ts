import { describe, expect, it } from 'vitest';
import { CloseCode, FINAL_CLOSE_CODES } from '@benchlearn/shared';
import en from '../i18n/app.en';
import { closeCodeForHttpStatus, closeCodeMessageKey, isFinalCloseCode, isRefusal, shouldReconnect } from './closeCodes';

describe('close codes', () => {
  it('stops reconnecting on every final code, 1009 included (y-websocket would retry it)', () => {
    for (const code of FINAL_CLOSE_CODES) expect(shouldReconnect({ code }), String(code)).toBe(false);
    expect(shouldReconnect({ code: CloseCode.MessageTooBig })).toBe(false);
  });

  it('keeps reconnecting after closes that heal (restart, network loss)', () => {
    for (const code of [1000, 1001, 1006, 1011, 1012, 4500]) {
      expect(isFinalCloseCode(code), String(code)).toBe(false);
      expect(shouldReconnect({ code })).toBe(true);
    }
  });

  it('has its own words for every final code', () => {
    const keys = [...FINAL_CLOSE_CODES].map(closeCodeMessageKey);
    expect(keys).not.toContain('boardError.other');
    expect(new Set(keys).size).toBe(FINAL_CLOSE_CODES.size);
    for (const key of keys) {
      const name = key.split('.')[1] as keyof typeof en.boardError;
      expect(en.boardError[name]).toBeTruthy();
    }
    expect(closeCodeMessageKey(4999)).toBe('boardError.other');
  });

  it('tells a refused change (kept, offered as a file) from a closed door', () => {
    expect([1009, 4413, 4400].map(isRefusal)).toEqual([true, true, true]);
    expect([4401, 4403, 4404, 1006].map(isRefusal)).toEqual([false, false, false, false]);
    for (const code of [1009, 4413, 4400]) expect(isFinalCloseCode(code)).toBe(true);
  });

  it('maps the HTTP refusals onto the same codes', () => {
    expect([401, 403, 404, 500].map(closeCodeForHttpStatus)).toEqual([4401, 4403, 4404, null]);
  });
});
