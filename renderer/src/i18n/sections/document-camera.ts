import type { Strings } from '../strings';

/**
 * The document camera (高拍仪) on the materials step, in both languages. zh-CN.ts and en.ts mount it
 * under `documentCamera`.
 */
export const documentCameraZh = {
  scan: '用高拍仪拍摄',
  scanHint: '把材料放在高拍仪下拍摄，就不用再交纸质材料',
  scanMore: '继续拍摄',
  scanned_one: '已拍摄 {{count}} 页',
  scanned_other: '已拍摄 {{count}} 页',
  paperFallback: '也可以带纸质材料到窗口',
  title: '拍摄：{{material}}',
  place: '请把一页材料正面朝上，放在高拍仪下方的框内',
  starting: '正在打开高拍仪，请稍候…',
  capture: '拍摄这一页',
  capturing: '正在拍摄，请不要移动材料…',
  reviewPrompt: '请看清楚这一页是否拍得清楚',
  keep: '清楚，保留',
  retake: '不清楚，重拍',
  pageOf: '第 {{index}} 页',
  pages_one: '本材料已保留 {{count}} 页',
  pages_other: '本材料已保留 {{count}} 页',
  nextPage: '放下一页后，点“拍摄这一页”',
  remove: '删除第 {{index}} 页',
  done: '拍完了',
  cancel: '不拍了，带纸质材料到窗口',
  resolution: '画面 {{width}}×{{height}}',
  status: {
    'no-camera': '这台终端的高拍仪现在不能使用。请带纸质材料到窗口，其他步骤可以继续办理。',
    'permission-denied': '高拍仪没有打开。请带纸质材料到窗口，或请工作人员帮忙。',
    unplugged: '高拍仪的连接断开了。已保留的页不会丢失；请稍后点“再试一次”，或带纸质材料到窗口。',
    'black-frame': '画面是黑的：请检查高拍仪的灯和镜头是否被挡住。',
  },
  retry: '再试一次',
  selfTest: '测试高拍仪',
  selfTestOk: '高拍仪正常：{{width}}×{{height}}（{{label}}）',
  selfTestFailed: {
    'low-resolution': '高拍仪分辨率不足：只有 {{width}}×{{height}}，拍摄材料至少需要 2048×1536',
    'no-camera': '没有找到高拍仪：请检查 USB 连接',
    'permission-denied': '高拍仪被拒绝使用：请检查本机的摄像头权限',
    unplugged: '高拍仪在测试中断开：请检查 USB 连接后再试',
    'not-opened': '高拍仪没有打开：请重新插拔后再试',
  },
  errors: {
    'budget-full': '终端暂时存不下更多页面。已保留的页不会丢失；剩下的材料请带纸质的到窗口。',
    'black-frame': '拍到的画面是黑的：请检查镜头是否被挡住，再拍一次。',
    'no-page-found': '没有找到材料：请把材料平放在框内，再拍一次。',
    'not-an-image': '这一页没有拍成功，请再拍一次。',
    'too-large': '这一页太大，存不下。请带纸质材料到窗口。',
    'no-session': '请先在读卡区放置身份证。',
    'unknown-page': '这一页已经不在了，请重新拍摄。',
    'too-many-pages': '这份材料的页数已到上限。其余的页请带纸质材料到窗口。',
    internal: '暂时没有保存成功，请再拍一次。',
  },
};

export const documentCameraEn: Strings<typeof documentCameraZh> = {
  scan: 'Scan with the document camera',
  scanHint: 'Scan it under the document camera and you need not hand in the paper',
  scanMore: 'Scan more pages',
  scanned_one: '{{count}} page scanned',
  scanned_other: '{{count}} pages scanned',
  paperFallback: 'You may also bring the paper to the window',
  title: 'Scanning: {{material}}',
  place: 'Place one page face up in the frame under the document camera',
  starting: 'Starting the document camera, please wait…',
  capture: 'Capture this page',
  capturing: 'Capturing, please keep the page still…',
  reviewPrompt: 'Check that this page is clear',
  keep: 'Clear, keep it',
  retake: 'Not clear, retake',
  pageOf: 'Page {{index}}',
  pages_one: '{{count}} page kept for this material',
  pages_other: '{{count}} pages kept for this material',
  nextPage: 'Place the next page, then tap “Capture this page”',
  remove: 'Delete page {{index}}',
  done: 'Done',
  cancel: 'Stop, I will bring the paper to the window',
  resolution: 'Picture {{width}}×{{height}}',
  status: {
    'no-camera':
      'The document camera of this kiosk cannot be used now. Please bring the paper to the window; you can go on with the other steps.',
    'permission-denied':
      'The document camera did not start. Please bring the paper to the window, or ask staff for help.',
    unplugged:
      'The document camera was disconnected. Pages already kept are safe; tap “Try again” later, or bring the paper to the window.',
    'black-frame':
      'The picture is black: check that the light and the lens of the document camera are not covered.',
  },
  retry: 'Try again',
  selfTest: 'Test the document camera',
  selfTestOk: 'Document camera works: {{width}}×{{height}} ({{label}})',
  selfTestFailed: {
    'low-resolution':
      'The document camera gives only {{width}}×{{height}}; scanning materials needs at least 2048×1536',
    'no-camera': 'No document camera found: check its USB connection',
    'permission-denied': 'The document camera was refused: check the camera permission on this machine',
    unplugged: 'The document camera was disconnected during the test: check its USB connection and try again',
    'not-opened': 'The document camera did not open: unplug it, plug it in again and try again',
  },
  errors: {
    'budget-full':
      'The kiosk cannot store more pages now. Pages already kept are safe; please bring the other materials on paper to the window.',
    'black-frame': 'The picture was black: check that the lens is not covered, then capture again.',
    'no-page-found': 'No page was found: lay the page flat inside the frame, then capture again.',
    'not-an-image': 'This page was not captured; please capture it again.',
    'too-large': 'This page is too large to store. Please bring the paper to the window.',
    'no-session': 'Please place your ID card on the reader first.',
    'unknown-page': 'This page is no longer here; please capture it again.',
    'too-many-pages':
      'This material has reached its page limit. Please bring the remaining pages on paper to the window.',
    internal: 'It was not saved this time; please capture again.',
  },
};
