/**
 * Word lists for the demo archive generator (demo-archive.ts). Weights are relative, not
 * percentages; surname weights follow the published frequency ranking (‰ of the population), so a
 * customer list reads like a real one: many 王/李/张, a few 欧阳.
 */

export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 725],
  ['李', 719],
  ['张', 683],
  ['刘', 538],
  ['陈', 453],
  ['杨', 308],
  ['赵', 229],
  ['黄', 223],
  ['吴', 205],
  ['周', 189],
  ['徐', 162],
  ['孙', 138],
  ['马', 129],
  ['朱', 128],
  ['胡', 116],
  ['郭', 113],
  ['何', 110],
  ['林', 100],
  ['高', 100],
  ['罗', 88],
  ['郑', 83],
  ['梁', 82],
  ['谢', 73],
  ['宋', 66],
  ['唐', 64],
  ['许', 61],
  ['韩', 60],
  ['冯', 59],
  ['邓', 58],
  ['曹', 56],
  ['彭', 54],
  ['曾', 54],
  ['肖', 50],
  ['田', 48],
  ['董', 48],
  ['袁', 46],
  ['潘', 44],
  ['于', 43],
  ['蒋', 42],
  ['蔡', 41],
  ['余', 40],
  ['杜', 38],
  ['叶', 38],
  ['程', 37],
  ['苏', 35],
  ['魏', 35],
  ['吕', 33],
  ['丁', 33],
  ['任', 32],
  ['沈', 31],
  ['姚', 30],
  ['卢', 29],
  ['姜', 28],
  ['崔', 27],
  ['钟', 27],
  ['谭', 26],
  ['陆', 26],
  ['汪', 25],
  ['范', 25],
  ['金', 24],
  ['石', 24],
  ['廖', 23],
  ['贾', 23],
  ['夏', 22],
  ['韦', 22],
  ['付', 21],
  ['方', 21],
  ['白', 20],
  ['邹', 20],
  ['孟', 20],
  ['熊', 19],
  ['秦', 19],
  ['邱', 18],
  ['江', 18],
  ['尹', 17],
  ['薛', 17],
  ['闫', 16],
  ['段', 16],
  ['雷', 16],
  ['侯', 15],
  ['龙', 15],
  ['史', 15],
  ['陶', 14],
  ['黎', 14],
  ['贺', 14],
  ['顾', 14],
  ['毛', 13],
  ['郝', 13],
  ['龚', 13],
  ['邵', 12],
  ['万', 12],
  ['钱', 12],
  ['严', 11],
  ['武', 11],
  ['戴', 10],
  ['莫', 10],
  ['孔', 10],
  ['汤', 10],
  ['欧阳', 2],
  ['上官', 1],
  ['司马', 1],
  ['诸葛', 1],
];

/**
 * Given names by sex and generation: people born in the fifties are called 建国 or 秀英, people born
 * in the nineties 浩然 or 欣怡. `single` holds characters that make a whole given name on their own
 * (also, rarely, combined), `double` common two-character names.
 */
export interface GivenNamePool {
  single: readonly string[];
  double: readonly string[];
}

export type Generation = 'classic' | 'middle' | 'modern';

export const GIVEN_NAMES: Record<'male' | 'female', Record<Generation, GivenNamePool>> = {
  male: {
    classic: {
      single: [...'军华明平刚林文斌强勇成荣海春杰峰'],
      double: [
        '建国',
        '建华',
        '国强',
        '志强',
        '国庆',
        '建军',
        '卫东',
        '德明',
        '永生',
        '振华',
        '立新',
        '红军',
        '春生',
        '志刚',
        '建平',
        '伟民',
        '国平',
        '保国',
        '金福',
        '德胜',
        '玉林',
        '长青',
        '铁军',
        '文华',
      ],
    },
    middle: {
      single: [...'伟强磊军勇杰涛斌超鹏辉波峰刚亮浩东宁飞鑫健凯宇龙'],
      double: [
        '志伟',
        '俊峰',
        '海波',
        '晓东',
        '立伟',
        '文杰',
        '建伟',
        '永强',
        '海涛',
        '明辉',
        '文斌',
        '建峰',
        '晓峰',
        '国栋',
        '俊杰',
        '鹏飞',
        '志勇',
        '小龙',
        '振宇',
        '庆华',
        '伟东',
        '海峰',
        '云飞',
        '春雷',
      ],
    },
    modern: {
      single: [...'轩睿博昊然泽凯宇晨阳航毅哲铭浩彬楠翔'],
      double: [
        '子轩',
        '浩然',
        '宇轩',
        '梓豪',
        '浩宇',
        '博文',
        '子豪',
        '天佑',
        '一鸣',
        '晨阳',
        '思远',
        '明轩',
        '睿泽',
        '文博',
        '嘉豪',
        '皓轩',
        '子墨',
        '家豪',
        '宇航',
        '俊熙',
        '逸飞',
        '泽宇',
        '昊天',
        '瑞霖',
      ],
    },
  },
  female: {
    classic: {
      single: [...'英兰珍芳梅华凤霞萍玲琴云'],
      double: [
        '秀英',
        '桂兰',
        '玉兰',
        '秀兰',
        '桂英',
        '凤英',
        '丽华',
        '淑珍',
        '美玲',
        '秀珍',
        '桂芳',
        '玉珍',
        '红梅',
        '建英',
        '春梅',
        '雪梅',
        '玉梅',
        '秀云',
        '淑英',
        '金凤',
        '月娥',
        '翠萍',
        '素芬',
        '爱华',
      ],
    },
    middle: {
      single: [...'丽静敏燕艳娟霞芳婷红琳洁颖慧莉晶丹娜倩'],
      double: [
        '丽丽',
        '晓燕',
        '婷婷',
        '静静',
        '海燕',
        '晓丽',
        '春燕',
        '玉婷',
        '晓敏',
        '丽娟',
        '慧敏',
        '雪莲',
        '秀娟',
        '晓红',
        '美华',
        '丹丹',
        '小燕',
        '晶晶',
        '红霞',
        '雅琴',
        '文静',
        '燕妮',
        '晓梅',
        '莉莉',
      ],
    },
    modern: {
      single: [...'怡涵琪萱彤悦妍欣雯璐瑶诺菲蕾'],
      double: [
        '欣怡',
        '梓涵',
        '诗涵',
        '雨欣',
        '可馨',
        '思琪',
        '语嫣',
        '紫萱',
        '佳怡',
        '婉清',
        '雨涵',
        '梦琪',
        '若曦',
        '心怡',
        '晓彤',
        '佳琪',
        '雪婷',
        '静怡',
        '子涵',
        '一诺',
        '梓萱',
        '思雨',
        '艺涵',
        '馨月',
      ],
    },
  },
};

export interface City {
  name: string;
  /** Long-distance prefix written before landlines ("025-84561234"). */
  areaCode: string;
  /** District names and their resident-ID region codes. */
  districts: readonly (readonly [string, string])[];
  weight: number;
}

// The demo company is based in Nanjing and runs a few estates in neighbouring cities.
export const CITIES: readonly City[] = [
  {
    name: '南京',
    areaCode: '025',
    weight: 60,
    districts: [
      ['玄武', '320102'],
      ['秦淮', '320104'],
      ['建邺', '320105'],
      ['鼓楼', '320106'],
      ['浦口', '320111'],
      ['栖霞', '320113'],
      ['雨花台', '320114'],
      ['江宁', '320115'],
    ],
  },
  {
    name: '苏州',
    areaCode: '0512',
    weight: 12,
    districts: [
      ['虎丘', '320505'],
      ['吴中', '320506'],
      ['相城', '320507'],
      ['姑苏', '320508'],
      ['吴江', '320509'],
    ],
  },
  {
    name: '无锡',
    areaCode: '0510',
    weight: 8,
    districts: [
      ['锡山', '320205'],
      ['惠山', '320206'],
      ['滨湖', '320211'],
      ['梁溪', '320213'],
      ['新吴', '320214'],
    ],
  },
  {
    name: '上海',
    areaCode: '021',
    weight: 10,
    districts: [
      ['黄浦', '310101'],
      ['徐汇', '310104'],
      ['长宁', '310105'],
      ['静安', '310106'],
      ['普陀', '310107'],
      ['闵行', '310112'],
      ['浦东', '310115'],
    ],
  },
  {
    name: '杭州',
    areaCode: '0571',
    weight: 10,
    districts: [
      ['上城', '330102'],
      ['拱墅', '330105'],
      ['西湖', '330106'],
      ['滨江', '330108'],
      ['余杭', '330110'],
    ],
  },
];

/**
 * Birthplaces of residents who moved to the city: region codes of district-level divisions, weighted
 * towards Jiangsu and Anhui as in a Yangtze-delta estate.
 */
export const OTHER_REGIONS: readonly string[] = [
  '320303', // 徐州云龙
  '320402', // 常州天宁
  '320602', // 南通崇川
  '320703', // 连云港连云
  '320803', // 淮安淮安区
  '320902', // 盐城亭湖
  '321002', // 扬州广陵
  '321102', // 镇江京口
  '321202', // 泰州海陵
  '321302', // 宿迁宿城
  '340104', // 合肥蜀山
  '340202', // 芜湖镜湖
  '341102', // 滁州琅琊
  '341202', // 阜阳颍州
  '330203', // 宁波海曙
  '330302', // 温州鹿城
  '110105', // 北京朝阳
  '110108', // 北京海淀
  '120104', // 天津南开
  '130102', // 石家庄长安
  '210102', // 沈阳和平
  '230103', // 哈尔滨南岗
  '350102', // 福州鼓楼
  '360102', // 南昌东湖
  '370102', // 济南历下
  '370202', // 青岛市南
  '410105', // 郑州金水
  '420106', // 武汉武昌
  '430104', // 长沙岳麓
  '440106', // 广州天河
  '440305', // 深圳南山
  '500103', // 重庆渝中
  '510107', // 成都武侯
  '610113', // 西安雁塔
];

// Invented name parts; real developer brands (万科, 保利, 龙湖 …) are left out on purpose.
export const RESIDENTIAL_PREFIXES: readonly string[] = [
  ...'锦绣 翠湖 滨江 江南 紫金 秦淮 凤凰 金陵 银河 阳光 香山 御景 碧水 云锦 枫林 桃源 兰亭 梧桐 银杏 星河 幸福 康乐 东方 世纪 盛世 天润 明珠 书香 水木 青山 玉兰 清风 湖畔 月湾 花溪 景明'.split(
    ' ',
  ),
];
export const RESIDENTIAL_SUFFIXES: readonly string[] = [
  ...'华庭 天地 花园 名苑 雅苑 家园 新村 公馆 名邸 嘉园 丽都 豪庭 半岛 春天 水岸 山庄 锦苑 新城 壹号 悦府 名都 雅居 小区 府'.split(
    ' ',
  ),
];
export const OFFICE_PREFIXES: readonly string[] = [
  ...'中央 环球 华夏 汇金 中环 东方 时代 嘉业 天元 鼎业 长江 世贸 新华 金融城 国信 创智 华泰 紫金'.split(' '),
];
export const OFFICE_SUFFIXES: readonly string[] = [
  ...'商务广场 大厦 国际中心 金融中心 商务中心 总部大厦 科技园 国际广场 中心大厦'.split(' '),
];
export const COMMERCIAL_PREFIXES: readonly string[] = [
  ...'新街 万象 欢乐 星光 金地 水游 城南 河西 仙林 百家 龙江 湖滨 熙南 银泰 悦动 邻里'.split(' '),
];
export const COMMERCIAL_SUFFIXES: readonly string[] = [
  ...'购物广场 购物中心 商业街 生活广场 时代广场 步行街 商业中心 汇 里'.split(' '),
];
/** `{city}` and `{district}` are filled in from the project's city. */
export const INSTITUTION_NAMES: readonly string[] = [
  '{district}区政务服务中心',
  '{city}市民中心',
  '{city}科技职业学院',
  '{city}市第二人民医院',
  '{district}区行政办公中心',
  '{city}图书馆',
  '{district}区人民医院',
  '{city}大学{district}校区',
];

/** Auspicious characters from which two-character trade names (字号) such as 恒瑞 are formed. */
export const BRAND_CHARS: readonly string[] = [
  ...'恒瑞鼎盛华信丰泰达通宏远嘉兴德源汇诚铭博锦鑫润金安康天宇新佳中正和荣昌隆富祥海川永发旺益伟豪创凯明辉星晨光耀联合众力盈科智捷迅尚优品',
];
export const INDUSTRIES: readonly string[] = [
  ...'商贸 科技 贸易 信息技术 文化传媒 建筑装饰工程 医疗器械 教育咨询 餐饮管理 物流 电子商务 网络科技 广告 投资管理 企业管理咨询 房地产经纪 人力资源 环保科技 机电设备 生物科技 汽车服务 健身服务 美容美发 食品 服饰 家居 软件 财务咨询 供应链管理 设计'.split(
    ' ',
  ),
];

/** Always fitting tags; 老人独居 and 孕妇 are added only where the birth year and sex fit. */
export const PERSON_TAGS: readonly string[] = ['VIP', '宠物', '车主', '行动不便', '热心业主', '业委会'];
export const ENTERPRISE_TAGS: readonly string[] = ['VIP', '重点单位', '月结'];

export const PERSON_NOTES: readonly string[] = [
  '腿脚不便，上门请提前电话',
  '工作日白天不在家，请晚上联系',
  '家中有幼儿，维修请避开午休时间',
  '家有大型犬，上门前请先电话确认',
  '只接受短信通知，请勿频繁来电',
  '老人听力不好，请联系紧急联系人',
  '长期在外地，有事联系其子女',
  '对噪音敏感，楼上装修曾多次投诉',
  '楼栋志愿者，可协助通知邻居',
  '钥匙在物业前台寄存一把',
];
export const ENTERPRISE_NOTES: readonly string[] = [
  '发票抬头与客户名称一致，开专票',
  '对接人为行政部，工作日 9:00–17:30',
  '费用按季度缴纳，月初对账',
  '加班空调需提前一天申请',
  '大件货物进出请走货梯并登记',
];

/**
 * Mainland mobile prefixes with rough market shares (China Mobile's 13x/15x/18x dominate; the 170s
 * are virtual operators and rare). 154 is not issued.
 */
export const MOBILE_PREFIXES: readonly (readonly [string, number])[] = [
  ['130', 6],
  ['131', 6],
  ['132', 5],
  ['133', 5],
  ['134', 5],
  ['135', 9],
  ['136', 9],
  ['137', 9],
  ['138', 12],
  ['139', 12],
  ['150', 6],
  ['151', 6],
  ['152', 6],
  ['153', 4],
  ['155', 4],
  ['156', 5],
  ['157', 4],
  ['158', 7],
  ['159', 7],
  ['166', 2],
  ['170', 1],
  ['173', 1],
  ['176', 1],
  ['177', 2],
  ['178', 1],
  ['180', 4],
  ['181', 4],
  ['182', 5],
  ['183', 4],
  ['184', 2],
  ['185', 4],
  ['186', 6],
  ['187', 6],
  ['188', 5],
  ['189', 6],
  ['191', 2],
  ['198', 2],
  ['199', 3],
];
