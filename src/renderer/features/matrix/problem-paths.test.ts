import { describe, expect, test } from 'vitest';
import { calendarKeyOf, candidatePaths, problemDomId, sectionOf } from './problem-paths';

describe('sectionOf', () => {
  test.each([
    ['plans.enterprise.targets.urgent.firstResponseMinutes', 'plans'],
    ['calendars.emea.calendar.weeklyHours.mon.1', 'calendars'],
    ['customerHours.holidays.2', 'calendars'],
    ['routing.rules.0.group', 'routing'],
    ['routing.fallback.group', 'routing'],
    ['triggers.3.at.percent', 'triggers'],
    ['levels.L4.customerVisible', 'levels'],
    ['format', null],
  ])('puts %s in %s', (path, section) => {
    expect(sectionOf(path)).toBe(section);
  });
});

test('calendarKeyOf names the calendar a path is about', () => {
  expect([calendarKeyOf('calendars.round-the-clock.calendar.timeZone'), calendarKeyOf('plans.basic.calendar')]).toEqual(['round-the-clock', null]);
});

test('candidatePaths tries the path, what is inside it, then each parent', () => {
  expect(candidatePaths('plans.basic.targets')).toEqual([
    { exact: 'plans.basic.targets', inside: 'plans.basic.targets.' },
    { exact: 'plans.basic', inside: 'plans.basic.' },
    { exact: 'plans', inside: 'plans.' },
  ]);
});

describe('problemDomId', () => {
  test('is a valid id for any key a lead may type', () => {
    expect(problemDomId('plans.My Plan!.name')).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });

  test('keeps paths apart that differ only in punctuation', () => {
    expect(problemDomId('plans.a-b.name')).not.toBe(problemDomId('plans.a.b.name'));
  });
});
