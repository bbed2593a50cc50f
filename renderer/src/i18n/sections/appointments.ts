import type { Strings } from '../strings';

/**
 * Appointments' and ratings' newer words in both languages; zh-CN.ts and en.ts mount it under
 * `appointmentsSection`.
 */
export const appointmentsSectionZh = {
  slipPrinted: '预约凭证已打印，请取走。凭证上有预约码、签到时间和需携带的材料。',
  slipNotPrinted: '预约凭证未能打印：请记下预约码或拍下二维码。',
  qrCheckingIn: '正在为您签到，请稍候…',
  qrCheckedIn: '签到成功，这是您的预约优先号',
  priorityReason: '预约优先：按预约时段优先叫号',
  qrFailed: '未能签到',
  takeTicket: '请取走号票',
  rateChannel: {
    'hall-window': '评价窗口服务',
    kiosk: '评价本机办理的事项',
  },
};

export const appointmentsSectionEn: Strings<typeof appointmentsSectionZh> = {
  slipPrinted:
    'Your appointment slip is printed: please take it. It shows the code, when to check in and what to bring.',
  slipNotPrinted:
    'The appointment slip could not be printed: please note the code or photograph the QR code.',
  qrCheckingIn: 'Checking you in, please wait…',
  qrCheckedIn: 'Checked in: this is your priority number',
  priorityReason: 'Appointment: called with priority at your booked time',
  qrFailed: 'Could not check in',
  takeTicket: 'Please take your ticket',
  rateChannel: {
    'hall-window': 'Rate the service at the window',
    kiosk: 'Rate the case you applied for here',
  },
};
