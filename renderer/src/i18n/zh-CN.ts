/**
 * Simplified Chinese, the default language. Every string a citizen sees lives here and in en.ts
 * (same keys: checked by the type of en.ts and by i18n.test.ts). Plain words, one instruction at a
 * time, and always what to do next.
 *
 * Keys ending in `_ticket` are the i18next context variant used when an error carries a ticket
 * (`t('errors.<code>', { context: 'ticket', number })`). Keys ending in `_one` / `_other` are
 * plural forms (Chinese uses `_other` only; `_one` is kept so both languages have the same keys).
 */
export const zhCN = {
  app: {
    title: '政务服务自助终端',
    connecting: '正在连接，请稍候…',
    centralOffline: '网络暂时中断：已提交的内容保存在本机，恢复后自动送达；部分业务暂时不能办理。',
    offline: '系统暂时连接不上，正在自动重试。需要帮助请到服务台。',
  },
  lang: {
    label: '语言',
    zh: '简体中文',
    en: 'English',
  },
  elderly: {
    toggle: '长辈模式',
    on: '已开启',
    off: '未开启',
  },
  staff: {
    call: '呼叫工作人员（帮办代办）',
    message: '请到服务台寻求帮助，工作人员会为您办理。',
    close: '知道了',
  },
  home: {
    prompt: '请在读卡区放置身份证',
    promptHint: '读卡区在屏幕下方，身份证平放，不要移动',
    greeting: '您好，',
    idNumber: '身份证号：',
    takeNumber: '取号',
    takeNumberHint: '选择业务，领取排队号票',
    endSession: '结束办理',
  },
  greenChannel: {
    note: '绿色通道 优先办理',
  },
  queue: {
    title: '请选择要办理的业务',
    loading: '正在加载业务…',
    empty: '现在没有可以取号的业务。请到服务台咨询。',
    waiting_one: '等候 {{count}} 人',
    waiting_other: '等候 {{count}} 人',
    taking: '正在取号，请稍候…',
    back: '返回',
  },
  ticket: {
    title: '取号成功',
    number: '您的号码',
    category: '业务：{{name}}',
    offline: '网络中断时取的号，号码有效。等候人数暂时无法显示，请留意叫号屏。',
    ahead_one: '你前面还有 {{count}} 人在等待',
    ahead_other: '你前面还有 {{count}} 人在等待',
    estimate_one: '预计等候约 {{count}} 分钟',
    estimate_other: '预计等候约 {{count}} 分钟',
    issuedAt: '取号时间：{{time}}',
    void: '过号无效，请重新取号',
    takeAway: '请取走号票和身份证',
    takeCard: '请取走身份证',
    notPrinted: '号票没有打印出来。请拍照记下号码，或到服务台领取纸质号票。',
    priority: {
      'green-channel': '绿色通道 优先办理',
      appointment: '预约优先',
    },
    done: '完成',
  },
  error: {
    title: '没有办成',
    back: '返回首页',
    retry: '再试一次',
  },
  idle: {
    title: '您还在吗？',
    countdown: '{{seconds}} 秒后将自动退出，保护您的信息',
    continue: '继续',
  },
  maintenance: {
    title: '维护模式',
    pinTitle: '请输入维护密码',
    pinHint: '仅限运维人员使用',
    clear: '清除',
    back: '退格',
    enter: '确定',
    cancel: '取消',
    wrongPin: '密码错误，还可以再试 {{left}} 次',
    locked: '输错次数过多，已锁定。请在 {{time}} 之后再试。',
    noPin: '本机尚未设置维护密码。请用配置工具设置：npm run kiosk-config -- set-pin',
    failed: '操作没有成功：{{detail}}',
    exit: '退出维护',
    idleNote: '{{seconds}} 秒无操作将自动退出',
    restartNeeded: '已保存。重启应用后生效。',
    tabs: {
      devices: '设备',
      config: '配置',
      outbox: '待发队列',
      sync: '同步',
      logs: '日志',
      network: '网络',
      system: '系统',
    },
    devices: {
      selfTest: '设备自检',
      testPrint: '打印测试页',
      testCard: '测试读卡',
      testScan: '测试扫码',
      status: '状态',
      counters: '读卡 {{reads}} · 打印 {{prints}} · 扫码 {{scans}} · 故障 {{errors}} · 重连 {{reconnects}}',
      pass: '通过',
      fail: '未通过',
      cardResult: '读到证件：{{name}}，{{id}}',
      scanResult: '扫到 {{length}} 个字符',
      running: '正在检测…',
    },
    config: {
      file: '配置文件：{{path}}',
      noFile: '本机使用内置默认配置，没有配置文件，无法在此修改。',
      check: '检查并查看差异',
      apply: '应用修改',
      rollback: '恢复上一版本',
      invalid: '配置不正确，未保存：',
      noChanges: '没有修改。',
      diff: '修改内容',
      editor: '配置内容（JSON，密钥已隐藏）',
    },
    outbox: {
      pending: '等待发送：{{count}}',
      inFlight: '正在发送：{{count}}',
      deadLetters: '发送失败（死信）：{{count}}',
      oldest: '最早一条已等待 {{seconds}} 秒',
      chart: '最近一天的队列长度',
      retry: '重新发送',
      export: '导出死信（已去除个人信息）',
      reasons: '失败原因',
      none: '没有死信。',
    },
    sync: {
      online: '与中心连接正常',
      offline: '与中心连接中断',
      lastSuccess: '最近一次成功：{{time}}',
      never: '尚无',
      heartbeat: '心跳：{{detail}}（{{time}}）',
      skew: '时钟偏差：{{seconds}} 秒',
      catalogue: '事项目录版本：{{version}}',
      central: '中心地址：{{url}}',
    },
    logs: {
      event: '按事件查找',
      all: '全部事件',
      failuresOnly: '只看失败',
      search: '查找',
      noFile: '没有配置日志文件（KIOSK_LOG_FILE）。',
      empty: '没有找到日志。',
    },
    network: {
      check: '检测到中心的网络',
      ok: '可以连接中心，用时 {{ms}} 毫秒',
      failed: '无法连接中心：{{error}}',
    },
    system: {
      info: '终端 {{terminalId}} · 版本 {{version}} · 已运行 {{uptime}} 秒',
      restart: '重启应用',
      leaveKiosk: '退出自助模式（系统维护）',
      confirm: '确定吗？再按一次执行。',
      audit: '操作记录',
    },
  },
  errors: {
    'no-session': '请先在读卡区放置身份证，再取号。',
    'unknown-category': '这项业务现在不能取号。请返回选择其他业务，或到服务台咨询。',
    'active-ticket-exists': '您已经取过这项业务的号，不用重复取号。请到服务台查询您的号码。',
    'active-ticket-exists_ticket': '您已经取过这项业务的号：{{number}}，不用重复取号。请留意叫号。',
    'central-unreachable': '暂时连不上排队系统。请稍后再试一次，或到服务台取号。',
    'central-rejected': '排队系统暂时不能为您取号。请到服务台咨询。',
    'printer-paper-out': '打印机缺纸，暂时不能打印号票。请到服务台取号。',
    'printer-paper-out_ticket':
      '打印机缺纸，您的号码已保留：{{number}}。请到服务台领取纸质号票或拍照记下号码。',
    'printer-cover-open': '打印机盖没有关好，暂时不能打印号票。请到服务台取号。',
    'printer-cover-open_ticket':
      '打印机盖没有关好，您的号码已保留：{{number}}。请到服务台领取纸质号票或拍照记下号码。',
    'printer-offline': '打印机暂时不能使用。请到服务台取号。',
    'printer-offline_ticket':
      '打印机暂时不能使用，您的号码已保留：{{number}}。请到服务台领取纸质号票或拍照记下号码。',
    'printer-error': '打印机出了故障，暂时不能打印号票。请到服务台取号。',
    'printer-error_ticket':
      '打印机出了故障，您的号码已保留：{{number}}。请到服务台领取纸质号票或拍照记下号码。',
    'store-unavailable': '本机暂时无法保存您的办理请求，什么也没有提交。请到服务台办理，或稍后再试。',
    'card-read-failed': '没有读到身份证。请把身份证平放在读卡区，不要移动，再试一次。',
    'bad-request': '操作没有成功。请返回重新操作，或到服务台寻求帮助。',
    unauthorized: '本机暂时不能办理业务。请到服务台寻求帮助。',
    'not-found': '没有找到相关信息。请返回重新操作，或到服务台寻求帮助。',
    internal: '系统暂时出了问题。请再试一次，或到服务台寻求帮助。',
  },
};

/** The shape every language must have: the same keys, string values. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Messages = Strings<typeof zhCN>;
