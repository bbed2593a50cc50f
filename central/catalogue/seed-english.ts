/**
 * The reference catalogue's English texts and search aliases, kept beside its Chinese definitions
 * (seed-data.ts) and written into the same catalogue documents. The Chinese text is the legal one
 * and the key: an English text belongs to the exact wording it translates, so when a manager
 * rewrites a condition its old translation no longer applies and the kiosk shows the Chinese,
 * marked as such, until an English one is given.
 */
import type { BundleSeed, FeeSeed, ItemSeed, MaterialSeed, VariantSeed } from './seed-data';
import { printableAtOnceItems } from './seed-data';

/** 申请条件 → English, by the Chinese wording. */
export const conditionsEn: Readonly<Record<string, string>> = {
  新生儿在本市助产机构出生: 'The baby was born at a maternity unit in this city',
  夫妻双方或一方户籍在本市: 'One or both spouses are registered residents of this city',
  申请人具有本市户籍: 'The applicant is a registered resident of this city',
  家庭月人均收入低于当地最低生活保障标准:
    'Monthly household income per person is below the local minimum living standard',
  家庭财产状况符合规定: 'Household assets are within the limits set',
  经指定医疗机构残疾评定符合标准: 'Assessed as disabled by a designated medical institution',
  持有第二代残疾人证: 'Holds a second-generation disability certificate',
  符合困难或重度残疾认定条件: 'Meets the criteria for hardship or severe disability',
  年满80周岁的本市户籍老年人: 'Registered resident of this city aged 80 or over',
  已退出现役且户籍在本市: 'Discharged from active service and a registered resident of this city',
  因经济困难没有委托代理人: 'Cannot afford a lawyer',
  属于法律援助事项范围: 'The matter is one that legal aid covers',
  买卖双方已签订房屋买卖合同: 'Buyer and seller have signed the sale contract',
  已缴清相关税费: 'All taxes and fees due have been paid',
  已办理商品房预售合同备案: 'The pre-sale contract has been filed',
  已缴清契税: 'Deed tax has been paid',
  抵押人与抵押权人已签订借款及抵押合同: 'Mortgagor and mortgagee have signed the loan and mortgage contracts',
  主债权已消灭或抵押权人同意注销: 'The secured debt is settled or the mortgagee agrees to the release',
  权利人或利害关系人查询: 'Searched by the right holder or an interested party',
  继承人已确定且无争议: 'The heirs are settled and undisputed',
  房地产开发企业已取得预售许可: 'The developer holds a pre-sale permit',
  出租房屋符合安全条件: 'The rented home meets safety requirements',
  与用人单位建立劳动关系: 'Employed by an employer',
  已参加本市社会保险: 'Insured under this city’s social insurance',
  本市户籍或持有本市居住证的灵活就业人员:
    'Self-employed or freelance, with residence registration or a residence permit of this city',
  非因本人意愿中断就业: 'Lost the job through no choice of your own',
  失业前累计缴纳失业保险费满1年: 'Paid unemployment insurance for at least 1 year before losing the job',
  本市户籍或持居住证的城乡居民: 'Resident with residence registration or a residence permit of this city',
  已在转出地参加基本医疗保险: 'Insured under basic medical insurance where you come from',
  长期异地居住或临时外出就医: 'Living elsewhere long term, or seeking treatment elsewhere for a while',
  达到法定退休年龄: 'Reached the statutory retirement age',
  累计缴纳基本养老保险费满15年: 'Paid basic pension insurance for at least 15 years in total',
  与本市单位建立劳动关系: 'Employed by an employer in this city',
  本人及配偶在本市无自有住房: 'Neither you nor your spouse owns a home in this city',
  连续足额缴存3个月以上: 'Paid in full for at least 3 months in a row',
  购买本市自住住房且已办理产权登记: 'Bought a home in this city to live in, and registered its title',
  已办理退休手续或与单位终止劳动关系: 'Retired, or your employment has ended',
  连续足额缴存6个月以上: 'Paid in full for at least 6 months in a row',
  购买本市自住住房: 'Buying a home in this city to live in',
  贷款已正常还款满1年: 'Repaid the loan on schedule for at least 1 year',
  在转出地已封存账户: 'The account where you come from has been frozen for transfer',
  本人缴存账户正常: 'Your contribution account is in good standing',
  有经营能力的自然人: 'An individual able to run a business',
  有固定经营场所: 'Has fixed business premises',
  股东符合法定人数: 'The number of shareholders is within the legal limits',
  有公司名称和住所: 'Has a company name and a registered address',
  变更事项已依法作出决议: 'The change has been lawfully resolved',
  已完成清算且清税: 'Liquidation and tax clearance are complete',
  有与经营食品相适应的场所和设备: 'Has premises and equipment suited to the food business',
  有食品安全管理人员: 'Has a food safety manager',
  场所卫生条件符合国家标准: 'The venue meets national hygiene standards',
  配备执业药师: 'Employs a licensed pharmacist',
  有符合要求的营业场所和设备: 'Has business premises and equipment that meet the requirements',
  取得综合所得且需补税或退税: 'Had comprehensive income and owes tax or is due a refund',
  自然人发生应税行为: 'An individual with a taxable transaction',
  已签订二手房买卖合同: 'Has signed a resale home contract',
  承受土地房屋权属: 'Acquiring rights to land or a building',
  已缴纳税款: 'The tax has been paid',
  已领取营业执照的新办企业: 'A new business that has its business licence',
  已取得缴款通知书: 'Has a payment notice',
  购置应税车辆: 'Bought a taxable vehicle',
  年满16周岁或未满16周岁自愿申领的本市户籍公民:
    'Registered resident of this city aged 16 or over, or under 16 and applying by choice',
  身份证有效期满或登记项目变更: 'The ID card has expired or its details have changed',
  身份证遗失或损坏: 'The ID card is lost or damaged',
  新生儿父母一方为本市户籍: 'One parent of the baby is a registered resident of this city',
  符合本市投靠落户政策: 'Meets this city’s rules for joining family',
  已取得迁入地准迁证明: 'Has the transfer permit of the place you move to',
  在本市居住半年以上: 'Has lived in this city for at least six months',
  本市户籍或在本市居住的公民: 'A citizen registered in or living in this city',
  驾驶证有效期满前90日内: 'Within 90 days before the driving licence expires',
  驾驶证遗失或损毁: 'The driving licence is lost or damaged',
  新购机动车已缴纳车辆购置税: 'Vehicle purchase tax on the new vehicle has been paid',
  机动车已结清交通违法和事故: 'All traffic violations and accidents of the vehicle are settled',
  机动车已检验合格: 'The vehicle has passed inspection',
  对违法事实无异议: 'You do not dispute the violation',
  持有有效驾驶证: 'Holds a valid driving licence',
  本市户籍或连续缴纳社保满规定年限:
    'Registered resident of this city, or has paid social insurance here for the years required',
  考试合格: 'Passed the examination',
  中国公民因私出国: 'A Chinese citizen travelling abroad privately',
  中国内地居民因私往来港澳: 'A mainland resident travelling privately to Hong Kong or Macao',
  中国内地居民因私往来台湾: 'A mainland resident travelling privately to Taiwan',
  持有有效往来港澳通行证: 'Holds a valid Hong Kong and Macao permit',
  护照有效期不足6个月或签证页用完: 'The passport expires within 6 months or has no visa pages left',
  证件遗失或被盗: 'The document is lost or stolen',
  '在本市工作、学习或团聚的外国人': 'A foreigner working, studying or joining family in this city',
  本人查询: 'Searched by the person concerned',
  '老年人、残疾人等需要帮助的办事群众': 'Older people, people with disabilities and others who need help',
  办件已办结且选择邮寄: 'The case is complete and delivery by post was chosen',
  本人或授权代理人查询: 'Searched by the person concerned or an authorised agent',
  当事人本人或其近亲属查询: 'Searched by the person concerned or a close relative',
  年满60周岁的本市户籍或常住老年人: 'Registered or permanent resident of this city aged 60 or over',
  本市户籍老年人: 'Older registered resident of this city',
  经照护需求评估需要照料: 'Assessed as needing care',
  本人名下已归集的电子证照: 'E-certificates already held in your name',
  学生具有本市学籍: 'The pupil is enrolled at a school in this city',
  毕业5年内首次在上城区就业: 'First job in Shangcheng within 5 years of graduating',
  经认定的西湖区高层次人才: 'Certified as high-level talent by Xihu District',
  在西湖区首次购买自住住房: 'Buying a first home in Xihu District to live in',
  申请人具有上城区户籍: 'The applicant is a registered resident of Shangcheng District',
  '家庭月人均收入低于1,280元': 'Monthly household income per person below ¥1,280',
  家庭人均金融资产不超过低保标准的24倍:
    'Financial assets per person no more than 24 times the minimum living standard',
  申请人具有西湖区户籍且实际居住满1年:
    'The applicant is a registered resident of Xihu District and has lived there for at least 1 year',
  '共同生活家庭成员无机动车辆（残疾人代步车除外）':
    'No one in the household owns a motor vehicle (mobility vehicles for disabled people excepted)',
  年满80周岁的上城区户籍老年人: 'Registered resident of Shangcheng District aged 80 or over',
  '按月发放，90周岁以上提高标准': 'Paid monthly, at a higher rate from age 90',
  年满80周岁且西湖区户籍满3年的老年人: 'Aged 80 or over and registered in Xihu District for at least 3 years',
  上城区户籍老年人: 'Older registered resident of Shangcheng District',
  照护需求评估为轻度及以上失能: 'Assessed as mildly or more severely dependent',
  西湖区户籍老年人: 'Older registered resident of Xihu District',
  照护需求评估为中度及以上失能: 'Assessed as moderately or more severely dependent',
  享受低保或低边待遇: 'Receives the minimum living allowance or the near-minimum allowance',
};

/** Fee names → English. */
export const feeNamesEn: Readonly<Record<string, string>> = {
  '不动产登记费（住宅）': 'Real estate registration fee (home)',
  居民身份证工本费: 'ID card production fee',
  驾驶证工本费: 'Driving licence production fee',
  号牌工本费: 'Number plate production fee',
  行驶证工本费: 'Vehicle licence production fee',
  护照证件费: 'Passport fee',
  通行证证件费: 'Permit fee',
  '签注费（一次有效）': 'Endorsement fee (single entry)',
  '居留许可证件费（一年）': 'Residence permit fee (one year)',
};

/** The basis of a fee or of a dropped material (a document, a shared source or a rule) → English. */
export const basisEn: Readonly<Record<string, string>> = {
  '发改价格规〔2016〕2559号': 'NDRC Price Regulation [2016] No. 2559',
  '财综〔2004〕8号': 'MOF Comprehensive [2004] No. 8',
  '发改价格〔2017〕1186号': 'NDRC Price [2017] No. 1186',
  居民身份证电子证照: 'Resident ID e-certificate',
  结婚证电子证照: 'Marriage e-certificate',
  '无法律法规依据，一律取消': 'No legal basis: no longer required',
  居民户口簿电子证照: 'Household register e-certificate',
  告知承诺制: 'Commitment instead of proof',
  社保及个税数据网络核验: 'Checked online against social insurance and income tax data',
  残疾人证电子证照: 'Disability e-certificate',
  不动产权证书电子证照: 'Real estate title e-certificate',
  税务完税信息共享: 'Tax payment data shared by the tax service',
  增值税发票查验平台: 'Checked on the VAT invoice platform',
  死亡信息共享: 'Death records shared',
  公安人口库相片共享: 'Photo shared from the police population register',
  居住证信息共享: 'Residence permit data shared',
  全国医保信息平台: 'National healthcare security platform',
  不动产登记信息网络核验: 'Checked online against the real estate register',
  社保退休信息共享: 'Retirement data shared by social insurance',
  公积金缴存基数: 'Provident fund contribution records',
  全国住房公积金转移接续平台: 'National provident fund transfer platform',
  营业执照电子证照: 'Business licence e-certificate',
  清税信息共享: 'Tax clearance data shared',
  个税扣缴申报数据: 'Income tax withholding returns',
  机动车发票信息共享: 'Vehicle invoice data shared',
  合格证信息共享: 'Conformity certificate data shared',
  公安人口库相片采集: 'Photo taken for the police population register',
  出生医学证明电子证照: 'Medical birth certificate e-certificate',
  婚姻及出生信息核验: 'Checked against marriage and birth records',
  驾驶证电子证照: 'Driving licence e-certificate',
  体检信息联网核验: 'Checked online against medical examination records',
  交强险信息联网核验: 'Checked online against compulsory insurance records',
  社保缴费信息共享: 'Social insurance contribution data shared',
  学历学位电子证照: 'Degree e-certificate',
  养老服务信息平台评估结果: 'Assessment from the elderly care platform',
};

/** 一件事 descriptions → English, by bundle code. */
export const bundleDescriptionsEn: Readonly<Record<string, string>> = {
  'BD-BIRTH':
    'Medical birth certificate, household registration, medical insurance, social security card and childbirth registration in one visit',
  'BD-HOMESALE':
    'Tax declaration, deed tax, transfer registration and provident fund withdrawal at one window',
  'BD-BUSINESS':
    'Company registration, new taxpayer setup, social insurance and provident fund accounts in one visit',
  'BD-RETIRE': 'Retirement, provident fund withdrawal and the senior citizen card together',
  'BD-VETERAN':
    'Preferential treatment card, household transfer, social insurance and provident fund transfer in one visit',
};

/**
 * How people say what they came for: the short words (社保, 医保, 公积金, 房产证) and letter
 * abbreviations (SB, YB, YYZZ) heard at the enquiry desk. The pinyin initials and full pinyin of
 * each alias are matched too, so 社保 also answers "sb" and "shebao".
 */
export const itemAliases: Readonly<Record<string, readonly string[]>> = {
  GG00101001: ['出生证', '出生证明'],
  GG00102001: ['准生证', '生育服务证'],
  JF00201001: ['低保', 'DB'],
  GG00301001: ['残疾证', '残疾人证'],
  JF00202001: ['残疾补贴', '两项补贴'],
  JF00203001: ['高龄补贴', '老人补贴', '高龄津贴'],
  GG00401001: ['优待证', '军人优待证'],
  GG00501001: ['法援', '打官司', '免费律师'],
  QR01001001: ['二手房过户', '过户', '房产过户'],
  QR01002001: ['新房过户', '房产证', '办房产证'],
  QR01003001: ['房屋抵押', '抵押登记'],
  QR01004001: ['解押', '抵押注销'],
  GG01005001: ['查房产', '房产查询', '查档'],
  QR01006001: ['继承过户', '房产继承'],
  QT01101001: ['网签'],
  QT01102001: ['租房备案', '租赁备案'],
  QR02001001: ['社保', '养老保险', 'SB'],
  GG02002001: ['社保卡', '社保', 'SBK', 'SB'],
  QR02003001: ['灵活就业社保', '个人社保', '社保'],
  JF02004001: ['失业金', '失业保险'],
  QR02101001: ['医保', '居民医保', 'YB'],
  GG02102001: ['医保转移', '医保'],
  GG02103001: ['异地医保', '异地就医', '医保'],
  QR02005001: ['退休', '办退休'],
  QR03001001: ['公积金开户', '公积金'],
  JF03002001: ['租房提取', '提公积金', '公积金'],
  JF03003001: ['购房提取', '提公积金', '公积金'],
  JF03004001: ['退休提取', '离职提取', '公积金'],
  GG03005001: ['公积金贷款', '房贷'],
  GG03006001: ['提前还贷', '提前还款'],
  GG03007001: ['公积金转移'],
  GG03008001: ['公积金证明'],
  QR04001001: ['个体户', '营业执照', 'YYZZ'],
  QR04002001: ['开公司', '注册公司', '营业执照', 'YYZZ'],
  QR04003001: ['公司变更', '营业执照变更'],
  QR04004001: ['公司注销'],
  XK04005001: ['食品许可证', '食品经营许可证'],
  XK04006001: ['卫生许可证'],
  XK04007001: ['药店许可证'],
  XK04008001: ['出版物许可证'],
  QT05001001: ['个税汇算', '退税', '个税'],
  QT05002001: ['代开发票', '开发票'],
  QT05003001: ['二手房税'],
  QT05004001: ['契税'],
  GG05005001: ['完税证明', '纳税证明'],
  GG05006001: ['新办企业税务'],
  QT05007001: ['非税缴款'],
  QT05008001: ['购置税', '车购税'],
  GG06001001: ['身份证', '办身份证', 'SFZ'],
  GG06002001: ['身份证', '换身份证', 'SFZ'],
  GG06003001: ['身份证补办', '身份证丢了', 'SFZ'],
  QR06004001: ['报户口', '上户口', '新生儿落户'],
  QR06005001: ['投靠落户', '户口迁入', '落户'],
  QR06006001: ['迁户口'],
  GG06007001: ['居住证'],
  GG06008001: ['无犯罪证明', '无犯罪记录'],
  QR07001001: ['驾照换证', '换驾照', '驾照'],
  QR07002001: ['驾照补办', '驾照丢了', '驾照'],
  QR07003001: ['上牌', '新车上牌'],
  QR07004001: ['车辆过户', '汽车过户'],
  GG07005001: ['年检', '车辆年检'],
  QT07006001: ['违章', '交通违章', '罚单'],
  XK07007001: ['摇号', '车牌指标'],
  XK07008001: ['从业资格证'],
  GG08001001: ['护照', '办护照'],
  GG08002001: ['港澳通行证', '港澳通行'],
  GG08003001: ['台湾通行证', '入台证'],
  GG08004001: ['港澳签注', '续签'],
  GG08005001: ['换护照', '护照'],
  GG08006001: ['证件补办', '护照丢了'],
  XK08007001: ['外国人居留'],
  GG08008001: ['出入境记录'],
  GG09001001: ['帮办', '代办', '帮办代办'],
  GG09002001: ['邮寄', '快递'],
  GG09003001: ['档案查询', '人事档案'],
  GG09004001: ['结婚证查询', '婚姻档案'],
  GG09005001: ['老年证', '老年人优待证', '敬老卡'],
  JF09006001: ['养老补贴', '居家养老'],
  GG09007001: ['电子证照', '打印证照'],
  GG09008001: ['转学'],
  JF10001001: ['租房补贴', '毕业生补贴'],
  JF10002001: ['人才购房补贴'],
};

/** Short names of departments (人社, 医保局, 公积金中心), matched like an item's aliases. */
export const departmentAliases: Readonly<Record<string, readonly string[]>> = {
  '330100-GA': ['公安', '派出所'],
  '330100-CRJ': ['出入境'],
  '330100-JJ': ['交警', '车管所'],
  '330100-RS': ['人社', '社保局', '人社局'],
  '330100-YB': ['医保局', '医保'],
  '330100-GJJ': ['公积金中心', '公积金', 'GJJ'],
  '330100-GT': ['不动产中心', '规划局'],
  '330100-FG': ['房管局'],
  '330100-SJ': ['市场监管', '工商局'],
  '330100-SW': ['税务局', '税务'],
  '330100-MZ': ['民政局', '民政'],
  '330100-WJ': ['卫健委'],
  '330100-CL': ['残联'],
  '330100-TY': ['退役军人局'],
  '330100-JY': ['教育局'],
  '330100-JT': ['交通局'],
  '330100-SF': ['司法局'],
  '330100-WG': ['文广旅游局'],
};

/** Aliases of 一件事 bundles. */
export const bundleAliases: Readonly<Record<string, readonly string[]>> = {
  'BD-BIRTH': ['生孩子', '新生儿'],
  'BD-HOMESALE': ['卖房', '买二手房'],
  'BD-BUSINESS': ['开公司', '创业', '开店'],
  'BD-RETIRE': ['退休'],
  'BD-VETERAN': ['退伍', '退役安置'],
};

/** The English of every condition, or undefined when any one has none (half a list would mislead). */
function conditionsInEnglish(conditions: readonly string[]): string[] | undefined {
  const en = conditions.map((c) => conditionsEn[c]);
  return en.every((x): x is string => x !== undefined) ? en : undefined;
}

function feeInEnglish(f: FeeSeed): FeeSeed {
  const nameEn = f.nameEn ?? feeNamesEn[f.name];
  const feeBasisEn = f.basisEn ?? basisEn[f.basis];
  return { ...f, ...(nameEn ? { nameEn } : {}), ...(feeBasisEn ? { basisEn: feeBasisEn } : {}) };
}

function materialInEnglish(m: MaterialSeed): MaterialSeed {
  const en = m.basisEn ?? (m.basis ? basisEn[m.basis] : undefined);
  return en ? { ...m, basisEn: en } : m;
}

/**
 * A definition with the English texts its Chinese wording has here, and its aliases; what it
 * already carries is kept. Used when seeding, and to fill in definitions stored before the
 * catalogue carried English.
 */
export function itemWithEnglish(item: ItemSeed): ItemSeed {
  const en = item.conditionsEn ?? conditionsInEnglish(item.conditions);
  const aliases = item.aliases ?? itemAliases[item.itemCode];
  return {
    ...item,
    ...(en ? { conditionsEn: en } : {}),
    ...(aliases ? { aliases: [...aliases] } : {}),
    // Like the English, a catalogue stored before the mark existed gains it.
    ...(item.printableAtOnce === undefined && printableAtOnceItems.has(item.itemCode)
      ? { printableAtOnce: true }
      : {}),
    materials: item.materials.map(materialInEnglish),
    fees: item.fees.map(feeInEnglish),
  };
}

export function variantWithEnglish(v: VariantSeed): VariantSeed {
  const en = v.conditionsEn ?? conditionsInEnglish(v.conditions);
  return {
    ...v,
    ...(en ? { conditionsEn: en } : {}),
    materials: v.materials.map(materialInEnglish),
    ...(v.fees ? { fees: v.fees.map(feeInEnglish) } : {}),
  };
}

export function bundleWithEnglish(b: BundleSeed): BundleSeed {
  const descriptionEn = b.descriptionEn ?? bundleDescriptionsEn[b.bundleCode];
  const aliases = b.aliases ?? bundleAliases[b.bundleCode];
  return {
    ...b,
    ...(descriptionEn ? { descriptionEn } : {}),
    ...(aliases ? { aliases: [...aliases] } : {}),
  };
}
