import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Category } from '@steward/contracts';
import { interpolateForTest } from './testing.ts';
import {
  buildCategoryTree,
  buildCreateBody,
  categoryPaths,
  defaultPromiseMinutes,
  draftProblems,
  EMPTY_DRAFT,
  findEmergencyWords,
  promisePhrase,
  quickPromise,
  readBackSentence,
  type IntakeDraft,
} from './intake.ts';

const zh = interpolateForTest('zh-CN');
const en = interpolateForTest('en-US');

const category = (over: Partial<Category> & Pick<Category, 'id' | 'code' | 'name'>): Category => ({
  parentId: null,
  nameEn: null,
  departmentId: null,
  skill: null,
  defaultUrgency: 'general',
  active: true,
  sortOrder: 0,
  ...over,
});

const CATEGORIES: Category[] = [
  category({ id: 'water', code: 'WATER', name: '水电', nameEn: 'Water and power', sortOrder: 1 }),
  category({ id: 'leak', code: 'WATER-LEAK', name: '漏水渗水', parentId: 'water', sortOrder: 2 }),
  category({
    id: 'burst',
    code: 'WATER-BURST',
    name: '水管爆裂/跑水',
    nameEn: 'Burst pipe',
    parentId: 'water',
    sortOrder: 1,
    defaultUrgency: 'emergency',
  }),
  category({ id: 'old', code: 'OLD', name: '旧类别', active: false, sortOrder: 0 }),
  category({ id: 'old-child', code: 'OLD-1', name: '旧子类', parentId: 'old' }),
  category({ id: 'noise', code: 'NOISE', name: '噪音', sortOrder: 3 }),
];

describe('emergency words', () => {
  it('finds what a caller in danger says, the longest phrase only', () => {
    expect(findEmergencyWords('3号楼电梯困人了，快来')).toEqual(['电梯困人']);
    expect(findEmergencyWords('厨房跑水，楼下也在漏')).toEqual(['跑水']);
    expect(findEmergencyWords('闻到煤气味，还有点漏电')).toEqual(expect.arrayContaining(['煤气', '漏电']));
    expect(findEmergencyWords('There is SMOKE in the hall')).toEqual(['smoke']);
  });

  it('stays quiet for ordinary requests', () => {
    expect(findEmergencyWords('卫生间水龙头滴水，想约明天上午维修')).toEqual([]);
    expect(findEmergencyWords('')).toEqual([]);
  });
});

describe('category tree', () => {
  it('keeps active branches in their configured order, named in the UI language', () => {
    const tree = buildCategoryTree(CATEGORIES, 'zh-CN');
    expect(tree.map((n) => n.title)).toEqual(['水电', '噪音']);
    expect(tree[0]!.children!.map((n) => n.title)).toEqual(['水管爆裂/跑水', '漏水渗水']);
    expect(tree[0]!.children![0]!.defaultUrgency).toBe('emergency');
    expect(tree[0]!.children![1]!.path).toBe('水电 / 漏水渗水');
    const english = buildCategoryTree(CATEGORIES, 'en-US');
    expect(english[0]!.title).toBe('Water and power');
    // No English name: the Chinese one stands in.
    expect(english[0]!.children![1]!.title).toBe('漏水渗水');
  });

  it('searches names in both languages and codes', () => {
    const burst = buildCategoryTree(CATEGORIES, 'zh-CN')[0]!.children![0]!;
    for (const word of ['跑水', 'burst', 'water-burst']) expect(burst.searchText).toContain(word);
  });

  it('paths read from the top', () => {
    expect(categoryPaths(CATEGORIES, 'zh-CN').get('leak')).toEqual(['水电', '漏水渗水']);
  });
});

describe('promised reply', () => {
  const now = dayjs('2026-11-24T10:00:00');

  it('defaults to 10 minutes only for repairs by phone', () => {
    expect(defaultPromiseMinutes('repair', 'phone')).toBe(10);
    expect(defaultPromiseMinutes('repair', 'visit')).toBeNull();
    expect(defaultPromiseMinutes('complaint', 'phone')).toBeNull();
  });

  it('quick choices, and 17:00 only while it is still ahead', () => {
    expect(quickPromise('m30', now)!.format('HH:mm')).toBe('10:30');
    expect(quickPromise('h2', now)!.format('HH:mm')).toBe('12:00');
    expect(quickPromise('today17', now)!.format('HH:mm')).toBe('17:00');
    expect(quickPromise('today17', dayjs('2026-11-24T17:30:00'))).toBeNull();
  });

  it('is read as minutes when near, a time today, or a date', () => {
    expect(promisePhrase({ kind: 'default' }, 10, now, zh)).toBe('10分钟内回复您');
    expect(promisePhrase({ kind: 'default' }, null, now, zh)).toBe('会按时回复您');
    const at = (iso: string) => ({ kind: 'at' as const, at: dayjs(iso).toISOString() });
    expect(promisePhrase(at('2026-11-24T10:30:00'), 10, now, zh)).toBe('30分钟内回复您');
    expect(promisePhrase(at('2026-11-24T17:00:00'), 10, now, zh)).toBe('今天 17:00 前回复您');
    expect(promisePhrase(at('2026-11-25T09:00:00'), 10, now, en)).toBe(
      'we will get back to you by 11-25 09:00',
    );
  });
});

describe('read-back sentence', () => {
  const base = {
    callerName: '王先生',
    type: 'repair' as const,
    location: '3-2-1502',
    description: '卫生间漏水',
    handler: { department: '工程部', person: null },
    promise: '10分钟内回复您',
    answeredOnSpot: false,
  };

  it('reads like the desk speaks', () => {
    expect(readBackSentence({ ...base, description: '卫生间漏水。' }, zh)).toBe(
      '王先生，您报修的是 3-2-1502 卫生间漏水，我们已安排工程部，10分钟内回复您。',
    );
  });

  it('says an emergency is treated as one', () => {
    expect(readBackSentence({ ...base, emergency: true }, zh)).toBe(
      '王先生，您报修的是 3-2-1502 卫生间漏水，已按紧急情况处理，我们已安排工程部，10分钟内回复您。',
    );
  });

  it('names the person when one is chosen, and copes without a name or handler', () => {
    expect(readBackSentence({ ...base, handler: { department: '工程部', person: '张强' } }, zh)).toContain(
      '我们已安排工程部的张强',
    );
    expect(readBackSentence({ ...base, callerName: null, handler: null }, zh)).toBe(
      '您报修的是 3-2-1502 卫生间漏水，我们会尽快安排人员，10分钟内回复您。',
    );
  });

  it('says an inquiry answered on the spot is closed, and shortens long descriptions', () => {
    const sentence = readBackSentence(
      { ...base, type: 'inquiry', description: '物业费'.repeat(40), answeredOnSpot: true },
      zh,
    );
    expect(sentence).toContain('您咨询的是');
    expect(sentence).toContain('…');
    expect(sentence).toContain('已当场为您答复');
    expect(sentence).not.toContain('回复您。');
  });

  it('reads as English sentences in English', () => {
    expect(
      readBackSentence(
        {
          ...base,
          callerName: null,
          description: 'bathroom leak',
          promise: promisePhrase({ kind: 'default' }, 10, dayjs(), en),
          handler: { department: 'Engineering', person: null },
        },
        en,
      ),
    ).toBe(
      'You reported a repair: bathroom leak (3-2-1502); Engineering will handle it; we will get back to you within 10 minutes.',
    );
  });
});

describe('the request sent', () => {
  const ready: IntakeDraft = {
    ...EMPTY_DRAFT,
    categoryId: 'leak',
    description: '  卫生间漏水  ',
    customerId: 'c1',
    houseId: 'h1',
  };

  it('lists what is missing', () => {
    expect(draftProblems(EMPTY_DRAFT)).toEqual(['category', 'description', 'location']);
    expect(draftProblems(ready)).toEqual([]);
    expect(
      draftProblems({ ...ready, dispatch: { mode: 'manual', departmentId: null, assigneeId: null } }),
    ).toEqual(['department']);
    expect(draftProblems({ ...ready, type: 'inquiry', answeredOnSpot: true })).toEqual(['reply']);
  });

  it('a known caller in a house, dispatched by the rules, promise left to the server', () => {
    expect(buildCreateBody(ready)).toEqual({
      type: 'repair',
      channel: 'phone',
      urgency: 'general',
      categoryId: 'leak',
      description: '卫生间漏水',
      houseId: 'h1',
      customerId: 'c1',
      dispatch: 'auto',
    });
  });

  it('an anonymous caller about a public area, dispatched by hand with a promise', () => {
    const body = buildCreateBody({
      ...ready,
      customerId: null,
      reporterName: ' 李女士 ',
      reporterPhone: '139 0000 1234',
      locationMode: 'area',
      areaId: 'a1',
      projectId: 'p1',
      dispatch: { mode: 'manual', departmentId: 'd1', assigneeId: 'u1' },
      promise: { kind: 'at', at: '2026-11-24T09:00:00.000Z' },
    });
    expect(body).toMatchObject({
      areaId: 'a1',
      reporterName: '李女士',
      reporterPhone: '139 0000 1234',
      dispatch: { departmentId: 'd1', assigneeId: 'u1' },
      promisedReplyAt: '2026-11-24T09:00:00.000Z',
    });
    expect(body).not.toHaveProperty('houseId');
    expect(body).not.toHaveProperty('customerId');
  });

  it('an inquiry answered on the spot sends the reply and no dispatch or promise', () => {
    const body = buildCreateBody({
      ...ready,
      type: 'inquiry',
      answeredOnSpot: true,
      reply: ' 物业费可在业主端缴纳 ',
      promise: { kind: 'at', at: '2026-11-24T09:00:00.000Z' },
    });
    expect(body.answeredOnSpot).toEqual({ reply: '物业费可在业主端缴纳' });
    expect(body).not.toHaveProperty('dispatch');
    expect(body).not.toHaveProperty('promisedReplyAt');
  });

  it('a repair answered on the spot is not possible: the box only exists for inquiries', () => {
    const body = buildCreateBody({ ...ready, answeredOnSpot: true, reply: 'x' });
    expect(body).not.toHaveProperty('answeredOnSpot');
    expect(body.dispatch).toBe('auto');
  });
});
