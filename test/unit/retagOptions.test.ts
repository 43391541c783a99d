import { ErrorCode } from '../../src/errors';
import { RETAG_BATCH, checkRetagOptions } from '../../src/ingest/retag';

describe('checkRetagOptions', () => {
  it('defaults to every paper in batches of the default size', () => {
    expect(checkRetagOptions({})).toEqual({ since: null, batchSize: RETAG_BATCH.default });
  });

  it('takes a date as UTC midnight and a date-time with its offset', () => {
    expect(checkRetagOptions({ since: '2026-03-01' }).since).toBe('2026-03-01T00:00:00.000Z');
    expect(checkRetagOptions({ since: '2026-03-01T10:30:00+02:00', batch: '25' })).toEqual({ since: '2026-03-01T08:30:00.000Z', batchSize: 25 });
  });

  it.each(['yesterday', '2026-02-30', '2026-13-01', '2026-03-01T10:30', '1700000000', ''])('refuses --since %j as BAD_USER_INPUT', (since) => {
    expect(() => checkRetagOptions({ since })).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, details: { argumentName: 'since' } }));
  });

  it.each(['0', '-1', '1.5', 'ten', '', String(RETAG_BATCH.max + 1), '1e3'])('refuses --batch %j as BAD_USER_INPUT', (batch) => {
    expect(() => checkRetagOptions({ batch })).toThrow(expect.objectContaining({ code: ErrorCode.BadUserInput, details: { argumentName: 'batch' } }));
  });
});
