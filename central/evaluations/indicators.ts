import type { EvaluationChannel } from './contract';

type Indicator = { code: string; name: { zh: string; en: string } };

export const evaluationLevels = [
  { level: 5, name: { zh: '非常满意', en: 'Very satisfied' }, poor: false },
  { level: 4, name: { zh: '满意', en: 'Satisfied' }, poor: false },
  { level: 3, name: { zh: '基本满意', en: 'Fairly satisfied' }, poor: false },
  { level: 2, name: { zh: '不满意', en: 'Dissatisfied' }, poor: true },
  { level: 1, name: { zh: '非常不满意', en: 'Very dissatisfied' }, poor: true },
] as const;

/** Ratings at or below this are poor (差评) and must be followed up. */
export const POOR_RATING_MAX = 2;

const i = (code: string, zh: string, en: string): Indicator => ({ code, name: { zh, en } });

/**
 * The channel whose indicators fit the service rated (好差评: 现场服务 at a window, 自助终端, 网上办事):
 * a visit was served at a hall window, whatever end it is rated from; a case this central holds was
 * applied for at a kiosk (kiosks are the only ends that submit here), so its set covers the machine
 * and how the case was handled; a case it does not hold came from an online channel, named by the
 * trusted device that rates it.
 */
export function channelOfService(
  subject: { kind: 'visit' } | { kind: 'case'; held: boolean },
): EvaluationChannel | undefined {
  if (subject.kind === 'visit') return 'hall-window';
  return subject.held ? 'kiosk' : undefined;
}

/** Indicator sets of each channel (好差评 评价指标), positive for ratings 3–5 and negative for 1–2. */
export const evaluationIndicators: Record<
  EvaluationChannel,
  { positive: Indicator[]; negative: Indicator[] }
> = {
  'hall-window': {
    positive: [
      i('friendly-staff', '服务热情', 'Friendly staff'),
      i('efficient', '办事高效', 'Efficient'),
      i('clear-guidance', '一次性告知', 'Told everything at once'),
      i('one-trip', '最多跑一次', 'Done in one trip'),
      i('good-environment', '环境整洁', 'Clean, orderly hall'),
    ],
    negative: [
      i('poor-attitude', '态度生硬', 'Unfriendly staff'),
      i('long-wait', '等候时间长', 'Long wait'),
      i('unclear-guidance', '未一次性告知', 'Not told everything at once'),
      i('repeat-trips', '多次跑腿', 'Needed several trips'),
      i('extra-materials', '要求额外材料', 'Asked for extra materials'),
    ],
  },
  kiosk: {
    positive: [
      i('easy-to-use', '操作简便', 'Easy to use'),
      i('fast', '办理快捷', 'Fast'),
      i('clear-screens', '界面清晰', 'Clear screens'),
      i('works-reliably', '设备稳定', 'Works reliably'),
      i('done-on-time', '按时办结', 'Completed on time'),
    ],
    negative: [
      i('hard-to-use', '操作复杂', 'Hard to use'),
      i('device-fault', '设备故障', 'Device fault'),
      i('unclear-screens', '界面不清晰', 'Unclear screens'),
      i('print-failed', '打印失败', 'Printing failed'),
      i('no-help', '无人帮办', 'No help available'),
      i('slow-review', '审核慢', 'Slow review'),
    ],
  },
  pc: {
    positive: [
      i('easy-to-find', '事项易查找', 'Easy to find'),
      i('clear-guide', '指南清晰', 'Clear guide'),
      i('fast', '办理快捷', 'Fast'),
      i('online-throughout', '全程网办', 'Fully online'),
    ],
    negative: [
      i('hard-to-find', '事项难查找', 'Hard to find'),
      i('unclear-guide', '指南不清', 'Unclear guide'),
      i('system-error', '系统故障', 'System error'),
      i('slow-review', '审核慢', 'Slow review'),
      i('repeat-submission', '重复提交材料', 'Submitted materials again'),
    ],
  },
  mobile: {
    positive: [
      i('easy-to-use', '操作简便', 'Easy to use'),
      i('fast', '办理快捷', 'Fast'),
      i('clear-progress', '进度清晰', 'Clear progress'),
      i('online-throughout', '全程网办', 'Fully online'),
    ],
    negative: [
      i('hard-to-use', '操作复杂', 'Hard to use'),
      i('system-error', '系统故障', 'System error'),
      i('slow-review', '审核慢', 'Slow review'),
      i('unclear-progress', '进度不清', 'Unclear progress'),
    ],
  },
};
