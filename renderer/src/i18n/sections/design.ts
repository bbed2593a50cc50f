import type { Strings } from '../strings';

/**
 * The kiosk's frame in both languages: the header's clock, the footer's ways out, the pager of long
 * lists and the attract screen. zh-CN.ts and en.ts mount it under `design`.
 */
export const designZh = {
  nav: {
    label: '导航',
    back: '返回',
    home: '首页',
  },
  clock: {
    label: '当前时间',
  },
  pager: {
    label: '翻页',
    previous: '上一页',
    next: '下一页',
    page: '第 {{n}} / {{total}} 页',
  },
  attract: {
    title: '欢迎使用政务服务自助终端',
    cardTitle: '请把身份证放在这里',
    cardHint: '身份证平放在发光的读卡区上，读完再拿开',
    figureLabel: '一体机示意图：读卡区的位置已标亮',
    otherWays: '没带身份证？也可以这样开始',
    scanTitle: '扫身份码',
    scanHint: '打开政务App的身份码，对准扫码口',
    appTitle: '下载政务App',
    appHint: '用手机扫描二维码，在家也能办',
    appQrLabel: '政务App下载二维码',
    guideHint: '不用登录，先看看要带什么材料',
  },
};

export const designEn: Strings<typeof designZh> = {
  nav: {
    label: 'Navigation',
    back: 'Back',
    home: 'Home',
  },
  clock: {
    label: 'Current time',
  },
  pager: {
    label: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    page: 'Page {{n}} of {{total}}',
  },
  attract: {
    title: 'Welcome to the government self-service kiosk',
    cardTitle: 'Place your ID card here',
    cardHint: 'Lay the card flat on the lit reader and keep it there until it is read',
    figureLabel: 'Drawing of the kiosk with the card reader highlighted',
    otherWays: 'No ID card with you? Start another way',
    scanTitle: 'Scan your ID code',
    scanHint: 'Open the ID code in the government app and hold it to the scanner',
    appTitle: 'Get the government app',
    appHint: 'Scan the QR code with your phone and do it from home',
    appQrLabel: 'QR code to download the government app',
    guideHint: 'No sign-in needed: see what to bring',
  },
};
