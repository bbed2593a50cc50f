import type { Messages } from './zh-CN';

/** English. Same keys as zh-CN.ts (the type enforces it; i18n.test.ts checks it at run time too). */
export const en: Messages = {
  app: {
    title: 'Government Services Self-Service Kiosk',
    connecting: 'Connecting, please wait…',
    centralOffline:
      'The network is down for now: what you submit is kept on this terminal and sent automatically when it is back; some services are unavailable.',
    offline: 'The system is not connected. Retrying automatically. For help, please ask at the service desk.',
  },
  lang: {
    label: 'Language',
    zh: '简体中文',
    en: 'English',
  },
  elderly: {
    toggle: 'Large text',
    on: 'On',
    off: 'Off',
  },
  staff: {
    call: 'Call staff',
    message: 'Please ask at the service desk. Our staff will help you.',
    close: 'OK',
  },
  home: {
    prompt: 'Place your ID card on the reader',
    promptHint: 'The card reader is below the screen. Lay the card flat and keep it still.',
    greeting: 'Hello, ',
    idNumber: 'ID number: ',
    takeNumber: 'Take a number',
    takeNumberHint: 'Choose a service and get a queue ticket',
    endSession: 'Finish',
  },
  greenChannel: {
    note: 'Green channel: priority service',
  },
  queue: {
    title: 'Choose a service',
    loading: 'Loading services…',
    empty: 'No services are taking numbers right now. Please ask at the service desk.',
    waiting_one: '{{count}} person waiting',
    waiting_other: '{{count}} people waiting',
    taking: 'Getting your number, please wait…',
    back: 'Back',
  },
  ticket: {
    title: 'Here is your number',
    number: 'Your number',
    category: 'Service: {{name}}',
    offline:
      'Taken while the network was down: the number is valid. The queue length cannot be shown for now; watch the calling screen.',
    ahead_one: '{{count}} person ahead of you',
    ahead_other: '{{count}} people ahead of you',
    estimate_one: 'Estimated wait: about {{count}} minute',
    estimate_other: 'Estimated wait: about {{count}} minutes',
    issuedAt: 'Taken at {{time}}',
    void: 'If you miss your number, it is void. Please take a new one.',
    takeAway: 'Please take your ticket and your ID card',
    takeCard: 'Please take your ID card',
    notPrinted:
      'The ticket was not printed. Please take a photo of your number, or get a paper ticket at the service desk.',
    priority: {
      'green-channel': 'Green channel: priority service',
      appointment: 'Appointment: priority service',
    },
    done: 'Done',
  },
  error: {
    title: 'That did not work',
    back: 'Back to start',
    retry: 'Try again',
  },
  idle: {
    title: 'Are you still there?',
    countdown: 'To protect your information, this will close in {{seconds}} seconds',
    continue: 'Continue',
  },
  maintenance: {
    title: 'Maintenance mode',
    pinTitle: 'Enter the maintenance PIN',
    pinHint: 'For field staff only',
    clear: 'Clear',
    back: 'Back',
    enter: 'OK',
    cancel: 'Cancel',
    wrongPin: 'Wrong PIN. Tries left: {{left}}',
    locked: 'Too many wrong PINs: locked. Try again after {{time}}.',
    noPin: 'No maintenance PIN is set on this kiosk. Set one with: npm run kiosk-config -- set-pin',
    failed: 'That did not work: {{detail}}',
    exit: 'Exit maintenance',
    idleNote: 'Closes by itself after {{seconds}} seconds without a touch',
    restartNeeded: 'Saved. It takes effect when the app restarts.',
    tabs: {
      devices: 'Devices',
      config: 'Configuration',
      outbox: 'Outbox',
      sync: 'Sync',
      logs: 'Logs',
      network: 'Network',
      system: 'System',
    },
    deviceNames: {
      idCardReader: 'ID card reader',
      receiptPrinter: 'Receipt printer',
      ticketPrinter: 'Ticket printer',
      buttonPanel: 'Button panel',
      qrScanner: 'Code scanner',
    },
    devices: {
      selfTest: 'Self-test',
      testPrint: 'Print a test page',
      testCard: 'Test card read',
      testScan: 'Test scan',
      status: 'Status',
      counters:
        'reads {{reads}} · prints {{prints}} · scans {{scans}} · errors {{errors}} · reconnects {{reconnects}}',
      pass: 'Passed',
      fail: 'Failed',
      cardResult: 'Card read: {{name}}, {{id}}',
      scanResult: 'Scanned {{length}} characters',
      running: 'Testing…',
    },
    config: {
      file: 'Configuration file: {{path}}',
      noFile: 'This kiosk runs on built-in defaults with no configuration file; it cannot be edited here.',
      check: 'Check and show the changes',
      apply: 'Apply the changes',
      rollback: 'Go back to the previous version',
      invalid: 'The configuration is not valid and was not saved:',
      noChanges: 'Nothing changed.',
      diff: 'Changes',
      editor: 'Configuration (JSON, secrets hidden)',
    },
    outbox: {
      pending: 'Waiting: {{count}}',
      inFlight: 'Sending: {{count}}',
      deadLetters: 'Dead letters: {{count}}',
      oldest: 'The oldest has waited {{seconds}} seconds',
      chart: 'Queue depth over the last day',
      retry: 'Retry',
      export: 'Export dead letters (personal data removed)',
      reasons: 'Reasons',
      none: 'No dead letters.',
    },
    sync: {
      online: 'Connected to the central',
      offline: 'Not connected to the central',
      lastSuccess: 'Last success: {{time}}',
      never: 'never',
      heartbeat: 'Heartbeat: {{detail}} ({{time}})',
      skew: 'Clock skew: {{seconds}} seconds',
      catalogue: 'Catalogue version: {{version}}',
      central: 'Central: {{url}}',
    },
    logs: {
      event: 'Search by event',
      all: 'All events',
      failuresOnly: 'Failures only',
      search: 'Search',
      noFile: 'No log file is configured (KIOSK_LOG_FILE).',
      empty: 'No log lines found.',
    },
    network: {
      check: 'Check the network to the central',
      ok: 'The central answers in {{ms}} ms',
      failed: 'The central cannot be reached: {{error}}',
    },
    system: {
      info: 'Terminal {{terminalId}} · version {{version}} · up {{uptime}} seconds',
      restart: 'Restart the app',
      leaveKiosk: 'Leave kiosk mode (OS maintenance)',
      confirm: 'Are you sure? Press again to do it.',
      audit: 'Audit log',
    },
  },
  errors: {
    'no-session': 'Please place your ID card on the reader first, then take a number.',
    'unknown-category':
      'This service is not taking numbers right now. Please go back and choose another, or ask at the service desk.',
    'active-ticket-exists':
      'You already have a number for this service. You do not need another. Please ask at the service desk for your number.',
    'active-ticket-exists_ticket':
      'You already have number {{number}} for this service. You do not need another. Please wait to be called.',
    'central-unreachable':
      'The queue system cannot be reached right now. Please try again in a moment, or get a number at the service desk.',
    'central-rejected':
      'The queue system cannot give you a number right now. Please ask at the service desk.',
    'printer-paper-out': 'The printer is out of paper. Please get a number at the service desk.',
    'printer-paper-out_ticket':
      'The printer is out of paper. Your number {{number}} is kept for you. Please get a paper ticket at the service desk, or take a photo of your number.',
    'printer-cover-open': 'The printer cover is open. Please get a number at the service desk.',
    'printer-cover-open_ticket':
      'The printer cover is open. Your number {{number}} is kept for you. Please get a paper ticket at the service desk, or take a photo of your number.',
    'printer-offline': 'The printer is not working right now. Please get a number at the service desk.',
    'printer-offline_ticket':
      'The printer is not working right now. Your number {{number}} is kept for you. Please get a paper ticket at the service desk, or take a photo of your number.',
    'printer-error': 'The printer has a problem. Please get a number at the service desk.',
    'printer-error_ticket':
      'The printer has a problem. Your number {{number}} is kept for you. Please get a paper ticket at the service desk, or take a photo of your number.',
    'store-unavailable':
      'This terminal cannot save your request right now; nothing was submitted. Please go to the service desk or try again later.',
    'card-read-failed':
      'Your ID card could not be read. Lay it flat on the reader, keep it still, and try again.',
    'bad-request': 'That did not work. Please go back and try again, or ask at the service desk.',
    unauthorized: 'This kiosk cannot serve you right now. Please ask at the service desk.',
    'not-found': 'Nothing was found. Please go back and try again, or ask at the service desk.',
    internal: 'Something went wrong. Please try again, or ask at the service desk.',
  },
};
