import { attachmentName } from '../../src/explorer/disposition';

describe('the file name of a fetched export', () => {
  it('reads the names the export routes send', () => {
    expect(attachmentName('attachment; filename="evmap-evidence-map.csv"', 'x.csv')).toBe('evmap-evidence-map.csv');
    expect(attachmentName('attachment; filename="evmap-subgraph_nodes.jsonl"', 'x')).toBe('evmap-subgraph_nodes.jsonl');
  });

  it('prefers the UTF-8 name, and reads bare and escaped ones', () => {
    expect(attachmentName(`attachment; filename="map.csv"; filename*=UTF-8''Karte%20%C3%BC.csv`, 'x')).toBe('Karte ü.csv');
    expect(attachmentName('attachment; filename=map.csv', 'x')).toBe('map.csv');
    expect(attachmentName('attachment; filename="a \\"b\\".csv"', 'x')).toBe('a "b".csv');
  });

  it('keeps the last part of a name with folders, and falls back when there is no name', () => {
    expect(attachmentName('attachment; filename="../../etc/map.csv"', 'x')).toBe('map.csv');
    expect(attachmentName('attachment', 'evmap.csv')).toBe('evmap.csv');
    expect(attachmentName(null, 'evmap.csv')).toBe('evmap.csv');
    expect(attachmentName(`attachment; filename*=UTF-8''%E0%A4%A`, 'evmap.csv')).toBe('evmap.csv');
  });
});
