import type { Strings } from '../strings';

/**
 * 帮办代办 in both languages: the call for staff and how far help has come. zh-CN.ts and en.ts
 * mount it under `staffCall`.
 */
export const staffCallZh = {
  calling: '正在呼叫工作人员…',
  notified: '已通知工作人员，请稍候',
  escalated: '已通知值班主任，请稍候',
  offline: '网络暂时中断：网络恢复后将立即通知工作人员。请稍候，或到服务台寻求帮助。',
  taken: '工作人员已接单，正在赶来',
  takenBy: '工作人员{{name}}已接单，正在赶来',
  closed: '本次帮办已完成，感谢您的耐心等候。',
  failed: '暂时无法呼叫工作人员，请到服务台寻求帮助。',
  waited: '已等候 {{time}}',
  minutesSeconds: '{{m}} 分 {{s}} 秒',
  seconds: '{{s}} 秒',
  cancel: '取消呼叫',
  hide: '继续办理',
  done: '知道了',
  called: '已呼叫工作人员',
};

export const staffCallEn: Strings<typeof staffCallZh> = {
  calling: 'Calling a member of staff…',
  notified: 'Staff have been told. Please wait here.',
  escalated: 'The duty manager has been told. Please wait here.',
  offline:
    'The network is down: staff will be told as soon as it is back. Please wait, or ask at the service desk.',
  taken: 'A member of staff is on the way.',
  takenBy: '{{name}} is on the way.',
  closed: 'Help is complete. Thank you for waiting.',
  failed: 'Staff cannot be called right now; please ask at the service desk.',
  waited: 'Waiting for {{time}}',
  minutesSeconds: '{{m}} min {{s}} s',
  seconds: '{{s}} s',
  cancel: 'Cancel the call',
  hide: 'Carry on',
  done: 'OK',
  called: 'Staff called',
};
