import { parsePubDate } from '../../src/ingest/pubDate';

describe('parsePubDate', () => {
  it.each([
    ['2014', 2014, '2014'],
    ['2014 Jan', 2014, '2014-01'],
    ['2014 Jan 15', 2014, '2014-01-15'],
    ['2013 Dec 10', 2013, '2013-12-10'],
    ['2014 Jan-Feb', 2014, '2014-01'],
    ['1998 Dec-1999 Jan', 1998, '1998-12'],
    ['2014 Jan 15-21', 2014, '2014-01-15'],
    ['2014 Winter', 2014, '2014'],
    ['2000 Spring-Summer', 2000, '2000'],
    ['1975-1976', 1975, '1975'],
    ['2017 September', 2017, '2017-09'],
    ['2017 Sept 3', 2017, '2017-09-03'],
    ['2016 04 19', 2016, '2016-04-19'],
    ['2016 4', 2016, '2016-04'],
    ['  2018 apr  ', 2018, '2018-04'],
  ])('reads %j as year %i, published on %s', (text, year, publishedOn) => {
    expect(parsePubDate(text)).toEqual({ year, publishedOn });
  });

  it('keeps only the precision the text supports when a day or month is impossible', () => {
    expect(parsePubDate('2014 Feb 30')).toEqual({ year: 2014, publishedOn: '2014-02' });
    expect(parsePubDate('2016 Feb 29')).toEqual({ year: 2016, publishedOn: '2016-02-29' });
    expect(parsePubDate('2015 Feb 29')).toEqual({ year: 2015, publishedOn: '2015-02' });
    expect(parsePubDate('2014 13 01')).toEqual({ year: 2014, publishedOn: '2014' });
    expect(parsePubDate('2014 Jan15')).toEqual({ year: 2014, publishedOn: '2014' });
    expect(parsePubDate('2014 Ja')).toEqual({ year: 2014, publishedOn: '2014' });
  });

  it('returns undefined when there is no leading four-digit year', () => {
    expect(parsePubDate('')).toBeUndefined();
    expect(parsePubDate('Winter')).toBeUndefined();
    expect(parsePubDate('14 Jan')).toBeUndefined();
    expect(parsePubDate('20141 Jan')).toBeUndefined();
  });
});
