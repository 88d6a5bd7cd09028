/**
 * The demo's service records: two weeks of a front desk in a Chinese residential estate, as data.
 * Each record says when it came in, how, about what and where, and what happened to it afterwards
 * (each step a number of minutes after the one before). demo-tickets.ts plays them through the
 * real services. Together they cover every type, channel and status, a reopened job, a burst pipe
 * reported by three households (two duplicates of one master), comments inside and to the
 * customer, and paid lines.
 */
import type {
  Channel,
  ConfirmationMethod,
  HoldReason,
  TicketType,
  Urgency,
} from '@steward/contracts/catalogues';

/** Demo staff who act (usernames of demo.ts). */
export type Who = 'agent' | 'butler' | 'supervisor' | 'tech' | 'tech2' | 'tech3';

/** Public places the demo adds to the first estate (building: 1, 2, or the whole estate). */
export const DEMO_AREAS = [
  { code: 'B1-LIFT', name: '1号楼2号电梯', building: '1', kind: 'facility', category: 'elevator' },
  { code: 'B2-STAIR', name: '2号楼楼梯间', building: '2', kind: 'area', category: 'stairwell' },
  { code: 'GATE-E', name: '东门岗亭', building: null, kind: 'area', category: 'gate' },
  { code: 'PARK-B1', name: '地下车库B1层', building: null, kind: 'area', category: 'parking' },
  { code: 'GARDEN', name: '中心花园', building: null, kind: 'area', category: 'garden' },
] as const;
export type AreaCode = (typeof DEMO_AREAS)[number]['code'];

export type Step = { after: number; by?: Who } & (
  | { do: 'accept' | 'arrive' | 'start' | 'archive' }
  | { do: 'dispatch'; to: Who }
  | { do: 'decline' | 'reopen' | 'cancel' | 'escalate'; text: string }
  | { do: 'hold'; reason: HoldReason; text: string }
  | { do: 'resume'; text: string }
  | { do: 'complete'; text: string }
  | { do: 'confirm'; method: Exclude<ConfirmationMethod, 'signature'>; rating: number; text?: string }
  | { do: 'visit'; satisfied: boolean; score: number; text?: string }
  | { do: 'comment'; visibility: 'internal' | 'public'; text: string }
  | { do: 'charge'; item: string; quantity: number }
  | { do: 'material'; name: string; unit: string; quantity: number }
);

export interface DemoRecord {
  /** Names a record others point at (duplicates). */
  key?: string;
  /** Days before today at a local time, or minutes before now (records of today). */
  when: { day: number; time: string } | { minutesAgo: number };
  /** Who registers it; default the front desk. */
  by?: 'agent' | 'butler';
  type: TicketType;
  channel: Channel;
  urgency?: Urgency;
  category: string;
  description: string;
  /**
   * The reporter's home, an index into the occupied houses the butler looks after. The record is
   * about that house unless it names a public area or the whole estate.
   */
  house: number;
  /**
   * Instead of `house`: a place in a stack of three occupied homes one above the other (0 the top,
   * 1 and 2 the floors below), for a leak that comes through the ceilings.
   */
  stack?: 0 | 1 | 2;
  area?: AreaCode;
  wholeEstate?: boolean;
  /** A caller who is not on file; default the house's first occupant. `none` for staff findings. */
  reporter?: { name: string; phone: string } | 'none';
  /** Dispatch: a person (with their department), the rules, or nobody yet. Default the rules. */
  to?: Who | 'auto' | 'none';
  duplicateOf?: string;
  /** An inquiry or praise answered during the call. */
  answered?: string;
  steps?: Step[];
}

const H = 60;
const D = 24 * H;

// Step helpers: minutes after the previous step, then what happens.
const accept = (after: number, by?: Who): Step => ({ after, by, do: 'accept' });
const arrive = (after: number): Step => ({ after, do: 'arrive' });
const start = (after: number): Step => ({ after, do: 'start' });
const archive = (after: number): Step => ({ after, by: 'supervisor', do: 'archive' });
const dispatch = (after: number, to: Who): Step => ({ after, do: 'dispatch', to });
const decline = (after: number, text: string): Step => ({ after, do: 'decline', text });
const reopen = (after: number, text: string): Step => ({ after, by: 'supervisor', do: 'reopen', text });
const cancel = (after: number, text: string): Step => ({ after, do: 'cancel', text });
const escalate = (after: number, text: string): Step => ({ after, do: 'escalate', text });
const hold = (after: number, reason: HoldReason, text: string): Step => ({ after, do: 'hold', reason, text });
const resume = (after: number, text: string): Step => ({ after, do: 'resume', text });
const complete = (after: number, text: string): Step => ({ after, do: 'complete', text });
const confirm = (
  after: number,
  method: Exclude<ConfirmationMethod, 'signature'>,
  rating: number,
  text?: string,
): Step => ({ after, do: 'confirm', method, rating, text });
const visit = (after: number, satisfied: boolean, score: number, text?: string): Step => ({
  after,
  do: 'visit',
  satisfied,
  score,
  text,
});
const note = (after: number, text: string, by?: Who): Step => ({
  after,
  by,
  do: 'comment',
  visibility: 'internal',
  text,
});
const reply = (after: number, text: string, by?: Who): Step => ({
  after,
  by,
  do: 'comment',
  visibility: 'public',
  text,
});
const charge = (after: number, item: string, quantity: number): Step => ({
  after,
  do: 'charge',
  item,
  quantity,
});
const material = (after: number, name: string, unit: string, quantity: number): Step => ({
  after,
  do: 'material',
  name,
  unit,
  quantity,
});

/** A field job from acceptance to the work started: accepted, on site, working. */
const onSite = (acceptAfter: number, travel: number): Step[] => [
  accept(acceptAfter),
  arrive(travel),
  start(5),
];

export const DEMO_RECORDS: readonly DemoRecord[] = [
  // ---------------------------------------------------------------- two weeks ago: closed and filed
  {
    when: { day: 13, time: '09:20' },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-LEAK',
    description: '卫生间地漏周边渗水，楼下邻居反映天花板有水渍，麻烦派师傅看看',
    house: 0,
    to: 'tech',
    steps: [
      ...onSite(6, 50),
      material(30, '防水涂料', '千克', 2),
      charge(0, 'PS-LABOR', 2),
      complete(80, '重新做地漏周边防水，闭水试验24小时无渗漏'),
      confirm(D, 'phone', 5, '师傅很专业，谢谢'),
      visit(D, true, 5, '业主表示楼下已不再渗水'),
      archive(2 * D),
    ],
  },
  {
    when: { day: 13, time: '14:05' },
    type: 'complaint',
    channel: 'visit',
    category: 'NOISE',
    description: '楼上邻居每晚十一点以后还在拖动家具、小孩跑跳，噪音扰民，已经持续一周了',
    house: 1,
    to: 'butler',
    steps: [
      accept(10),
      start(3 * H),
      note(40, '已与楼上住户沟通，对方表示家里有小孩，会铺设地垫并注意时间', 'butler'),
      complete(20, '已上门协调，双方达成谅解，楼上住户承诺晚上十点后保持安静'),
      confirm(2 * D, 'phone', 4),
      visit(D, true, 4, '业主反映近几天安静多了'),
      archive(D),
    ],
  },
  {
    when: { day: 12, time: '10:30' },
    type: 'praise',
    channel: 'letter',
    category: 'STAFF',
    description: '感谢东门保安李师傅，下雨天帮我把婴儿车和行李一起搬上楼，非常热心，特此写信表扬',
    house: 2,
    answered: '已将表扬信转交安管部，并在月度例会上通报表扬李师傅',
    steps: [archive(3 * D)],
  },
  {
    when: { day: 12, time: '16:40' },
    type: 'inquiry',
    channel: 'phone',
    category: 'FEE',
    description: '物业费咨询：2026年度物业费标准是多少，能不能用微信缴纳',
    house: 3,
    answered: '住宅物业费2.8元/平方米·月；可在“翠湖物业”公众号或前台缴纳，一次缴清全年享九五折',
    steps: [archive(4 * D)],
  },
  {
    when: { day: 12, time: '09:10' },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-TAP',
    description: '厨房水龙头底座松动漏水，关上以后还在滴',
    house: 4,
    to: 'tech',
    steps: [
      ...onSite(8, 40),
      charge(20, 'PS-TAP', 1),
      material(0, '厨房龙头（业主自购）', '个', 1),
      complete(10, '更换厨房水龙头并紧固底座，试水无渗漏'),
      confirm(0, 'on_spot', 5),
      visit(D, true, 5),
      archive(2 * D),
    ],
  },
  {
    when: { day: 11, time: '08:50' },
    type: 'repair',
    channel: 'wechat',
    category: 'WATER-DRAIN',
    description: '厨房下水道堵塞，洗碗水排不下去，还有异味',
    house: 5,
    to: 'tech',
    steps: [
      ...onSite(15, 70),
      charge(35, 'PS-DRAIN', 1),
      complete(5, '用疏通机疏通厨房下水管，清出油污块，已恢复通畅'),
      confirm(0, 'on_spot', 5, '很快就弄好了'),
      visit(D, true, 5),
    ],
  },
  {
    when: { day: 11, time: '19:30' },
    type: 'repair',
    channel: 'phone',
    urgency: 'emergency',
    category: 'LIFT-TRAPPED',
    description: '1号楼2号电梯停在8楼和9楼之间，里面困了一位老人，请马上派人',
    house: 6,
    area: 'B1-LIFT',
    reporter: { name: '孙女士', phone: '13912345678' },
    to: 'tech3',
    steps: [
      accept(1),
      note(1, '已同步通知电梯维保单位到场', 'agent'),
      arrive(9),
      start(1),
      reply(5, '被困老人已安全救出，身体无碍', 'agent'),
      complete(60, '手动盘车平层释放被困人员；维保单位更换门锁继电器后电梯恢复运行'),
      confirm(30, 'phone', 5),
      visit(D, true, 5, '老人家属表示感谢'),
    ],
  },
  {
    when: { day: 11, time: '14:00' },
    type: 'complaint',
    channel: 'portal',
    category: 'PARKING',
    description: '地库车位线看不清了，旁边车经常压线停，我的车门都打不开',
    house: 7,
    to: 'butler',
    steps: [
      accept(30),
      complete(D, '已安排对B1层车位线重新施划，并提醒相邻车主规范停车'),
      confirm(5 * H, 'portal', 4),
      visit(D, true, 4),
      archive(D),
    ],
  },
  {
    when: { day: 10, time: '11:15' },
    type: 'suggestion',
    channel: 'portal',
    category: 'OTHER',
    description: '建议在地下车库增加新能源汽车充电桩，现在小区电车越来越多，充电很不方便',
    house: 8,
    area: 'PARK-B1',
    to: 'supervisor',
    steps: [
      accept(2 * H),
      reply(H, '感谢建议，已提交业委会讨论，初步计划在B1层增设20个充电桩'),
      complete(2 * D, '已纳入下季度改造计划，施工前将在公告栏公示'),
      confirm(D, 'portal', 5),
    ],
  },
  {
    when: { day: 10, time: '15:00' },
    by: 'butler',
    type: 'repair',
    channel: 'household_visit',
    category: 'POWER-SOCKET',
    description: '入户走访发现客厅插座松动发热，有烧焦痕迹，存在安全隐患',
    house: 9,
    to: 'tech',
    steps: [
      ...onSite(20, 30),
      hold(15, 'parts', '需购买同款带开关的五孔插座面板'),
      resume(3 * H, '插座面板已买到，继续施工'),
      charge(25, 'PS-SOCKET', 2),
      complete(5, '更换客厅两个五孔插座，检查线路无破损'),
      confirm(0, 'on_spot', 5),
      archive(3 * D),
    ],
  },
  {
    when: { day: 10, time: '20:00' },
    type: 'repair',
    channel: 'phone',
    urgency: 'emergency',
    category: 'POWER-OUT',
    description: '家里和楼道突然都停电了，冰箱里还有药品，着急',
    house: 10,
    to: 'tech3',
    steps: [
      ...onSite(2, 12),
      reply(10, '经查为小区外线故障，已报供电局抢修，预计一小时内恢复'),
      complete(70, '供电局抢修外线后恢复供电，已逐户确认'),
      confirm(20, 'phone', 5),
      visit(D, true, 5),
    ],
  },
  {
    when: { day: 9, time: '09:40' },
    type: 'complaint',
    channel: 'email',
    category: 'CLEAN-GARBAGE',
    description: '楼下垃圾桶连续两天没有清运，气味很大，蚊虫也多，希望尽快处理',
    house: 11,
    steps: [
      dispatch(20, 'butler'),
      accept(10),
      note(30, '已督促保洁部当日清运，并将该点位清运频次调整为每日两次', 'butler'),
      complete(4 * H, '垃圾已清运，桶身已冲洗消毒'),
      confirm(D, 'phone', 3, '清运还是不够及时'),
      visit(D, false, 3, '业主认为清运频次仍不足，已反馈保洁主管'),
    ],
  },
  {
    when: { day: 9, time: '13:20' },
    type: 'repair',
    channel: 'phone',
    category: 'DOOR-LOCK',
    description: '入户门锁芯坏了，钥匙插进去转不动，人在门外进不去',
    house: 12,
    to: 'tech',
    steps: [
      ...onSite(3, 25),
      charge(30, 'PS-LOCK', 1),
      material(0, 'C级锁芯', '个', 1),
      complete(5, '更换C级防盗锁芯，交付三把新钥匙'),
      confirm(0, 'on_spot', 5),
      visit(D, true, 5),
      archive(2 * D),
    ],
  },
  {
    when: { day: 9, time: '18:10' },
    type: 'special_service',
    channel: 'phone',
    urgency: 'special',
    category: 'DOOR-LOCK',
    description: '预约开锁服务，钥匙锁在家里了',
    house: 13,
    to: 'tech',
    steps: [cancel(25, '业主在车里找到了备用钥匙，来电取消预约')],
  },
  // ---------------------------------------------------------------- last week
  {
    when: { day: 8, time: '10:05' },
    type: 'help',
    channel: 'phone',
    category: 'OTHER',
    description: '家里独居老人打不着燃气灶，请帮忙上门看看',
    house: 14,
    to: 'butler',
    steps: [
      accept(5),
      start(30),
      complete(20, '检查发现灶具电池没电，已更换电池并教老人使用'),
      confirm(10, 'phone', 5, '谢谢管家'),
    ],
  },
  {
    when: { day: 8, time: '09:30' },
    type: 'special_service',
    channel: 'visit',
    urgency: 'special',
    category: 'WATER-DRAIN',
    description: '预约周六上午疏通卫生间和厨房下水，顺便检查一下阳台地漏',
    house: 15,
    to: 'tech2',
    steps: [
      accept(H),
      arrive(D),
      start(5),
      charge(60, 'PS-DRAIN', 2),
      charge(0, 'PS-LABOR', 1),
      complete(5, '疏通卫生间、厨房下水及阳台地漏，已恢复通畅'),
      confirm(0, 'on_spot', 5),
      archive(3 * D),
    ],
  },
  {
    when: { day: 8, time: '17:45' },
    type: 'repair',
    channel: 'wechat',
    category: 'WATER-LEAK',
    description: '阳台洗衣机水管接口一直在滴水，地上都湿了',
    house: 16,
    to: 'tech2',
    steps: [
      decline(10, '今天在二期支援，无法按时到场'),
      dispatch(5, 'tech'),
      ...onSite(10, 40),
      complete(20, '更换洗衣机进水管接头及密封圈'),
      confirm(2 * H, 'phone', 4),
    ],
  },
  {
    when: { day: 7, time: '09:00' },
    type: 'special_service',
    channel: 'portal',
    urgency: 'special',
    category: 'OTHER',
    description: '预约周六上午家政保洁，三室两厅约120平方米，重点清洁厨房油污',
    house: 17,
    to: 'butler',
    steps: [
      accept(30),
      reply(10, '已为您预约周六上午9点，保洁阿姨两位'),
      start(2 * D),
      charge(4 * H, 'PS-HOMECLEAN', 4),
      complete(5, '家政保洁完成，厨房油污已重点处理'),
      confirm(H, 'portal', 5),
      visit(D, true, 5),
    ],
  },
  {
    when: { day: 7, time: '14:30' },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-LEAK',
    description: '厨房水槽下面的管子渗水，柜子底板都泡了',
    house: 18,
    to: 'tech',
    steps: [
      ...onSite(10, 45),
      charge(20, 'PS-PIPE', 1),
      complete(5, '更换水槽下进水软管'),
      confirm(3 * H, 'phone', 4),
      reopen(3 * D, '业主来电：修好三天后又开始渗水'),
      ...onSite(10, 60),
      note(20, '原因是角阀密封圈老化，本次连同角阀一起更换', 'tech'),
      material(0, '角阀', '个', 1),
      complete(10, '更换角阀及软管，观察半小时无渗漏'),
      confirm(2 * H, 'phone', 5, '这次彻底修好了'),
    ],
  },
  {
    when: { day: 7, time: '11:11' },
    type: 'inquiry',
    channel: 'phone',
    category: 'FEE',
    description: '咨询地库停车月卡怎么办理，多少钱一个月',
    house: 19,
    answered: '月卡300元/月，携带行驶证和房产证明到前台办理，当天生效',
    steps: [archive(5 * D)],
  },
  {
    when: { day: 6, time: '08:30' },
    type: 'repair',
    channel: 'inspection',
    category: 'LIGHT',
    description: '巡检发现2号楼楼梯间3至5层声控灯不亮，夜间通行有安全隐患',
    house: 20,
    area: 'B2-STAIR',
    reporter: 'none',
    to: 'tech',
    steps: [
      ...onSite(30, 20),
      material(25, '声控LED灯', '个', 3),
      complete(5, '更换3至5层声控灯三盏，测试正常'),
    ],
  },
  {
    when: { day: 6, time: '11:00' },
    type: 'complaint',
    channel: 'meeting',
    category: 'PARKING',
    description: '业主座谈会上多位业主反映：外来车辆长期占用消防通道停车，存在安全隐患',
    house: 21,
    wholeEstate: true,
    reporter: { name: '业委会 王主任', phone: '13611112222' },
    steps: [
      note(30, '已转安管部，要求加强门岗登记和夜间巡查'),
      escalate(2 * D, '安管部两天未处理，升级至项目经理'),
    ],
  },
  {
    when: { day: 6, time: '16:20' },
    type: 'praise',
    channel: 'phone',
    category: 'STAFF',
    description: '表扬维修师傅张强，半夜来修水管，干活仔细还把地面收拾干净了',
    house: 22,
    answered: '已转达表扬，并记入本月员工表彰',
  },
  {
    when: { day: 6, time: '13:30' },
    type: 'complaint',
    channel: 'letter',
    category: 'PARKING',
    description: '我的固定车位经常被别人占用，希望物业处理',
    house: 23,
    to: 'butler',
    steps: [cancel(D, '业主来电表示已与对方车主协商解决，撤回投诉')],
  },
  {
    key: 'burst',
    when: { day: 5, time: '10:10' },
    type: 'repair',
    channel: 'phone',
    urgency: 'emergency',
    category: 'WATER-BURST',
    description: '卫生间墙里的热水管爆了，水哗哗往外喷，已经流到楼道里了',
    house: 24,
    stack: 0,
    to: 'tech',
    steps: [
      accept(2),
      arrive(11),
      note(2, '已关闭单元总阀，通知楼下住户注意防水', 'tech'),
      start(3),
      reply(60, '单元临时停水，预计两小时内恢复，请楼下住户移开贵重物品'),
      charge(50, 'PS-PIPE', 2),
      material(0, 'PPR热水管', '米', 2),
      material(0, 'PPR弯头', '个', 2),
      complete(10, '更换爆裂的PPR热水管2米，打压试验合格，恢复供水'),
      confirm(10, 'on_spot', 5),
      visit(D, true, 5, '楼下两户已确认天花板不再滴水'),
    ],
  },
  {
    when: { day: 5, time: '10:18' },
    type: 'repair',
    channel: 'phone',
    urgency: 'emergency',
    category: 'WATER-BURST',
    description: '楼上跑水了，我家卫生间天花板一直在滴水',
    house: 24,
    stack: 1,
    duplicateOf: 'burst',
    to: 'none',
  },
  {
    when: { day: 5, time: '10:26' },
    type: 'repair',
    channel: 'wechat',
    urgency: 'emergency',
    category: 'WATER-BURST',
    description: '卫生间顶上渗水，灯罩里都积水了，怀疑楼上水管爆了，麻烦尽快处理',
    house: 24,
    stack: 2,
    duplicateOf: 'burst',
    to: 'none',
    steps: [confirm(5 * H, 'phone', 5)],
  },
  {
    when: { day: 5, time: '15:20' },
    type: 'complaint',
    channel: 'phone',
    category: 'STAFF',
    description: '前台工作人员态度冷淡，办理装修手续时互相推诿，让我跑了三趟',
    house: 25,
    to: 'supervisor',
    steps: [
      accept(20),
      note(2 * H, '已调阅前台监控并与当班人员谈话，确认存在推诿', 'supervisor'),
      reply(10, '非常抱歉给您带来不好的体验，已对相关人员批评教育，并安排专人为您办理', 'supervisor'),
      complete(30, '已致歉，装修手续当天办结'),
      confirm(D, 'phone', 3),
      visit(D, true, 4, '业主接受道歉'),
    ],
  },
  {
    when: { day: 4, time: '09:30' },
    type: 'repair',
    channel: 'portal',
    category: 'DOOR-WINDOW',
    description: '主卧窗户推拉很费劲，估计滑轮坏了，关不严还漏风',
    house: 26,
    to: 'tech2',
    steps: [...onSite(40, 3 * H), hold(20, 'parts', '需订购同型号滑轮，厂家预计三天到货')],
  },
  {
    when: { day: 4, time: '16:00' },
    type: 'inquiry',
    channel: 'wechat',
    category: 'DECOR',
    description: '想咨询装修申请需要准备哪些材料，施工时间有什么规定',
    house: 27,
    answered: '需提供装修图纸、施工单位资质和身份证复印件；施工时间为工作日8:00-12:00、14:00-18:00',
  },
  {
    when: { day: 4, time: '18:20' },
    type: 'repair',
    channel: 'phone',
    category: 'POWER-OUT',
    description: '家里突然跳闸，总闸合不上去',
    house: 28,
    to: 'tech3',
    steps: [
      ...onSite(5, 30),
      complete(25, '查出热水器漏电，已断开热水器回路恢复供电，建议业主联系厂家维修'),
      confirm(H, 'phone', 4),
    ],
  },
  {
    when: { day: 4, time: '08:15' },
    type: 'repair',
    channel: 'wechat',
    category: 'LIGHT',
    description: '2号楼楼梯间一楼到二楼的感应灯坏了好几盏，晚上黑漆漆的',
    house: 29,
    area: 'B2-STAIR',
    to: 'tech',
    steps: [...onSite(30, 2 * H), material(20, '声控LED灯', '个', 2), complete(5, '更换一至二层感应灯两盏')],
  },
  {
    when: { day: 3, time: '10:00' },
    type: 'repair',
    channel: 'visit',
    category: 'WATER-TAP',
    description: '洗手间水龙头关不紧，一直滴水，一晚上能接半盆',
    house: 30,
    to: 'tech',
    steps: [
      ...onSite(10, 50),
      charge(20, 'PS-TAP', 1),
      material(0, '陶瓷阀芯', '个', 1),
      complete(5, '更换水龙头阀芯，已不再滴水'),
    ],
  },
  {
    when: { day: 3, time: '14:40' },
    by: 'butler',
    type: 'complaint',
    channel: 'household_visit',
    category: 'DECOR',
    description: '隔壁装修电钻声从早上七点就开始，严重影响休息，孩子还要上网课',
    house: 31,
    to: 'butler',
    steps: [
      accept(5),
      start(H),
      note(30, '查装修登记：施工单位违规提前施工，已下发整改通知', 'butler'),
      complete(2 * H, '已约谈施工负责人，承诺严格按规定时间施工'),
    ],
  },
  {
    when: { day: 3, time: '20:10' },
    type: 'help',
    channel: 'phone',
    category: 'SAFETY-ACCESS',
    description: '忘带门禁卡了，孩子一个人在家，请保安帮忙开一下单元门',
    house: 32,
    steps: [cancel(15, '业主家人已到家开门，业主来电取消')],
  },
  {
    when: { day: 3, time: '09:00' },
    type: 'complaint',
    channel: 'phone',
    category: 'SAFETY-INCIDENT',
    description: '有人把电动车推进楼道充电，电线从窗户拉出来，存在火灾隐患',
    house: 33,
    steps: [escalate(D, '安管部超过一天未处理，升级提醒主管')],
  },
  // ---------------------------------------------------------------- the last two days: still moving
  {
    when: { day: 2, time: '09:15' },
    type: 'repair',
    channel: 'phone',
    category: 'LIFT-FAULT',
    description: '1号楼2号电梯运行时有异响，下行时晃动明显，老人不敢坐',
    house: 34,
    area: 'B1-LIFT',
    to: 'tech3',
    steps: [
      ...onSite(20, 40),
      hold(30, 'other', '已报电梯维保单位，等待厂家技术员到场更换导靴'),
      reply(5, '电梯已暂停使用，厂家技术员预计明天到场，请暂时使用1号电梯'),
    ],
  },
  {
    when: { day: 2, time: '11:30' },
    type: 'repair',
    channel: 'wechat',
    category: 'WATER-LEAK',
    description: '外墙渗水，每次下雨后卧室墙角就发霉',
    house: 35,
    to: 'tech2',
    steps: [...onSite(H, 2 * H), hold(40, 'customer', '业主出差，约定下周一上门做外墙防水')],
  },
  {
    when: { day: 2, time: '15:00' },
    type: 'suggestion',
    channel: 'email',
    category: 'GREEN',
    description: '建议中心花园增加儿童游乐设施和休息座椅，现在带孩子下楼没地方坐',
    house: 36,
    area: 'GARDEN',
    steps: [note(2 * H, '转绿化部评估场地，待报价后提交业委会')],
  },
  {
    when: { day: 2, time: '17:30' },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-DRAIN',
    description: '卫生间马桶堵了，一冲水就漫出来',
    house: 37,
    to: 'tech',
    steps: [
      ...onSite(10, 35),
      charge(25, 'PS-DRAIN', 1),
      complete(5, '疏通马桶，取出堵塞的湿巾'),
      confirm(H, 'phone', 5),
    ],
  },
  {
    when: { day: 2, time: '10:00' },
    type: 'repair',
    channel: 'phone',
    category: 'DOOR-WINDOW',
    description: '阳台推拉门关不严，漏风，锁扣也对不上',
    house: 38,
    to: 'tech2',
    steps: [accept(3 * H)],
  },
  {
    when: { day: 1, time: '08:40' },
    type: 'repair',
    channel: 'inspection',
    category: 'CLEAN-PUBLIC',
    description: '巡检发现地下车库B1层出口坡道有大面积油污，容易滑倒',
    house: 39,
    area: 'PARK-B1',
    reporter: 'none',
  },
  {
    when: { day: 1, time: '10:20' },
    type: 'complaint',
    channel: 'phone',
    category: 'NOISE',
    description: '楼下商铺音响声音太大，晚上十点以后还在放音乐',
    house: 40,
    to: 'butler',
    steps: [accept(15), start(6 * H)],
  },
  {
    when: { day: 1, time: '11:00' },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-TAP',
    description: '洗衣机龙头漏水',
    house: 41,
    to: 'tech',
    steps: [cancel(5, '与同户上一张报修单重复登记，作废')],
  },
  {
    when: { day: 1, time: '13:00' },
    type: 'repair',
    channel: 'portal',
    category: 'DOOR-LOCK',
    description: '单元门禁刷卡没反应，只能按门铃让邻居开门',
    house: 42,
    to: 'tech',
    steps: [...onSite(40, 30)],
  },
  {
    when: { day: 1, time: '16:45' },
    type: 'praise',
    channel: 'wechat',
    category: 'STAFF',
    description: '表扬保洁阿姨，每天把楼道打扫得很干净，还帮我把快递放到门口',
    house: 43,
    answered: '已转达表扬，感谢您的认可',
  },
  {
    when: { day: 1, time: '19:00' },
    type: 'other',
    channel: 'phone',
    category: 'OTHER',
    description: '小区流浪猫越来越多，晚上叫声扰人，还翻垃圾桶',
    house: 44,
    to: 'butler',
    steps: [accept(20)],
  },
  {
    when: { day: 1, time: '21:30' },
    type: 'repair',
    channel: 'phone',
    urgency: 'emergency',
    category: 'SAFETY-GAS',
    description: '楼道里有很重的燃气味，不知道是哪家漏气',
    house: 45,
    to: 'tech3',
    steps: [
      ...onSite(1, 10),
      complete(30, '会同燃气公司排查，系邻居家灶具未关严，已通风处理，检测无泄漏'),
      confirm(20, 'phone', 5),
    ],
  },
  // ---------------------------------------------------------------- today
  {
    when: { minutesAgo: 300 },
    type: 'suggestion',
    channel: 'portal',
    category: 'OTHER',
    description: '建议会所开放时间延长到晚上十点，下班回来健身房已经关门了',
    house: 46,
    to: 'none',
  },
  {
    when: { minutesAgo: 210 },
    type: 'repair',
    channel: 'internal',
    category: 'CLEAN-PUBLIC',
    description: '内部报事：保安巡逻发现2号楼消防通道堆放纸箱杂物，需尽快清理',
    house: 47,
    area: 'B2-STAIR',
    reporter: 'none',
  },
  {
    when: { minutesAgo: 150 },
    type: 'repair',
    channel: 'phone',
    urgency: 'emergency',
    category: 'WATER-BURST',
    description: '水表后面的阀门爆了，正在往外喷水，总阀关不上',
    house: 48,
    to: 'tech',
    steps: [...onSite(2, 12), reply(5, '师傅已到场关闭楼层总阀，正在更换阀门')],
  },
  {
    when: { minutesAgo: 120 },
    type: 'repair',
    channel: 'portal',
    urgency: 'special',
    category: 'DOOR-WINDOW',
    description: '纱窗破了个洞，想换新的纱网，周末在家',
    house: 49,
    to: 'tech2',
    steps: [accept(30)],
  },
  {
    when: { minutesAgo: 100 },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-TAP',
    description: '洗手盆水龙头把手断了，水关不上',
    house: 50,
  },
  {
    when: { minutesAgo: 90 },
    type: 'repair',
    channel: 'phone',
    category: 'LIGHT',
    description: '2号楼楼道灯不亮，晚上上下楼看不见',
    house: 51,
    area: 'B2-STAIR',
    to: 'tech2',
    steps: [accept(10), arrive(40)],
  },
  {
    when: { minutesAgo: 70 },
    type: 'repair',
    channel: 'wechat',
    category: 'POWER-SOCKET',
    description: '厨房插座没电了，电饭煲插上没反应',
    house: 52,
    to: 'tech',
    steps: [accept(15)],
  },
  {
    when: { minutesAgo: 55 },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-DRAIN',
    description: '阳台地漏反水，一用洗衣机就往外冒',
    house: 53,
  },
  {
    when: { minutesAgo: 40 },
    type: 'inquiry',
    channel: 'email',
    category: 'INFO',
    description: '请问小区这周停水检修的具体时间？需要提前储水吗',
    house: 54,
    to: 'none',
  },
  {
    when: { minutesAgo: 25 },
    type: 'help',
    channel: 'visit',
    category: 'OTHER',
    description: '家里老人腿脚不便，想请人帮忙把快递箱搬上楼，东西比较重',
    house: 55,
  },
  {
    when: { minutesAgo: 15 },
    type: 'repair',
    channel: 'phone',
    category: 'WATER-LEAK',
    description: '卧室空调冷凝水管往外滴水，滴到楼下邻居阳台上了',
    house: 56,
    to: 'none',
  },
  {
    when: { minutesAgo: 8 },
    type: 'complaint',
    channel: 'wechat',
    category: 'NOISE',
    description: '隔壁装修周末也在施工，电钻声一上午没停过',
    house: 57,
    to: 'none',
  },
];
