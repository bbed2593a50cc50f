/**
 * The catalogue of log events. Every log line carries one `event` id from here, so field staff can
 * search the logs by event and know at once whether it means success or failure.
 */
export const LOG_EVENTS = {
  'kiosk.started': { outcome: 'success', meaning: 'The kiosk backend started with a valid configuration.' },
  'kiosk.stopped': { outcome: 'success', meaning: 'The kiosk backend stopped.' },
  'config.invalid': {
    outcome: 'failure',
    meaning: 'The configuration file is not valid; the kiosk did not start.',
  },
  'store.opened': {
    outcome: 'success',
    meaning: 'The local SQLite store opened with its required settings.',
  },
  'host.listening': { outcome: 'success', meaning: 'The browser host listens on loopback.' },
  'api.unauthorized': { outcome: 'failure', meaning: 'An /api request came without the per-start secret.' },
  'host.misdirected': {
    outcome: 'failure',
    meaning:
      'A request to the browser host named another host than 127.0.0.1 or localhost with its port (DNS rebinding or a wrong address); refused 421.',
  },
  'host.cross-origin-refused': {
    outcome: 'failure',
    meaning:
      "A request to the browser host came from another page (another port or site): a state change without the page's own Origin, or a load from another site (framing); refused 403. See method and path.",
  },
  'host.code-redeemed': {
    outcome: 'success',
    meaning: 'A one-time address of the browser host was opened; that browser now has the session cookie.',
  },
  'host.code-refused': {
    outcome: 'failure',
    meaning:
      'A one-time address of the browser host was opened after it had been used or had expired; press Enter in the host terminal for a new one.',
  },
  'api.bad-request': { outcome: 'failure', meaning: 'An /api request failed validation.' },
  'api.answer-invalid': {
    outcome: 'failure',
    meaning: 'A kiosk answer did not match its endpoint table (a bug); the screen was told internal.',
  },
  'api.internal-error': { outcome: 'failure', meaning: 'An /api request failed because of a bug; see err.' },
  'device.status': { outcome: 'success', meaning: 'A device changed status (logged on change only).' },
  'staff-call.raised': {
    outcome: 'success',
    meaning: 'A citizen called for staff (帮办代办) from a screen; queued for the central. See callId, step.',
  },
  'staff-call.cancelled': {
    outcome: 'success',
    meaning:
      'A staff call was withdrawn: by the citizen, or because the session ended; sent: false when it never left the outbox.',
  },
  'staff.alert': {
    outcome: 'failure',
    meaning:
      'A citizen was left without their paper (ticket or e-receipt) by a printer fault: staff should bring it; or the card reader failed many reads in a row (card-reader-faulty): staff should check it; see what, device, state, number.',
  },
  'staff.alert-resolved': {
    outcome: 'success',
    meaning: 'The device of earlier staff alerts works again (prints, reads); see device and alerts.',
  },
  'card.read': { outcome: 'success', meaning: 'An ID card was read and a session started.' },
  'card.read-failed': { outcome: 'failure', meaning: 'Reading an ID card failed; see error and detail.' },
  'card.removed': { outcome: 'success', meaning: 'The ID card was removed; the session ended.' },
  'card.session-ended': {
    outcome: 'failure',
    meaning:
      'A card session ended because the reader could not vouch for its card (a read error, silence, unplugged, another card); see reason.',
  },
  'card.action-refused': {
    outcome: 'failure',
    meaning:
      "An action for a card session was refused: the card re-read before it was not the session's card, or could not be read; see action, reason.",
  },
  'session.ended': { outcome: 'success', meaning: 'The citizen session ended and its data was wiped.' },
  'ticket.requested': { outcome: 'success', meaning: 'A queue ticket request was committed to the outbox.' },
  'ticket.issued': { outcome: 'success', meaning: 'The central API issued a queue number.' },
  'ticket.rejected': { outcome: 'failure', meaning: 'The central API refused a ticket request; see reason.' },
  'ticket.printed': { outcome: 'success', meaning: 'A queue ticket was printed.' },
  'ticket.print-failed': { outcome: 'failure', meaning: 'A queue ticket could not be printed; see status.' },
  'queue.block-leased': {
    outcome: 'success',
    meaning: 'Numbers were leased from the central for offline tickets.',
  },
  'queue.block-lease-failed': {
    outcome: 'failure',
    meaning: 'Leasing numbers for offline tickets failed; tried again later.',
  },
  'ticket.issued-offline': {
    outcome: 'success',
    meaning: 'A ticket was issued from a leased number while offline.',
  },
  'outbox.delivered': { outcome: 'success', meaning: 'An outbox item was acknowledged by the central API.' },
  'outbox.retry': { outcome: 'failure', meaning: 'Delivering an outbox item failed and will be retried.' },
  'outbox.rejected': {
    outcome: 'failure',
    meaning: 'The central API rejected an outbox item (dead letter).',
  },
  'outbox.refused': {
    outcome: 'success',
    meaning: "The central deliberately refused an outbox item (the citizen's outcome, not a dead letter).",
  },
  'outbox.discarded': {
    outcome: 'success',
    meaning: 'Staff discarded a dead letter with a reason; its payload is gone.',
  },
  'central.reachable': {
    outcome: 'success',
    meaning: 'The central API answers again; waiting items are sent now.',
  },
  'central.unreachable': {
    outcome: 'failure',
    meaning: 'The central API cannot be reached; actions wait in the outbox.',
  },
  'central.unauthorized': {
    outcome: 'failure',
    meaning: 'The central API refused the device token; re-enrol the terminal.',
  },
  'central.reauthenticated': {
    outcome: 'success',
    meaning:
      'The central refused the device token; the one now in the configuration file (re-enrolled) is used.',
  },
  'store.permissions-tightened': {
    outcome: 'failure',
    meaning:
      'A store folder or file (kiosk.db, its WAL, the store key) was open to other users and was made private (0700/0600); see path. Check who could read it.',
  },
  'store.purged': {
    outcome: 'success',
    meaning:
      "Past the retention: payloads of settled outbox items (items) and citizens' keyed digests (citizens) were purged.",
  },
  'material-scans.page-kept': {
    outcome: 'success',
    meaning:
      'A document-camera page was processed and kept, sealed, for the card session; see materialCode, bytes, width, height.',
  },
  'material-scans.page-refused': {
    outcome: 'failure',
    meaning:
      'A document-camera still was refused by page processing (black frame, no page found, not an image, too large); see reason.',
  },
  'material-scans.budget-full': {
    outcome: 'failure',
    meaning:
      "The pages' disk budget (materialScans.diskBudgetMb) is used up: a new page was refused, queued pages are kept. See usedBytes.",
  },
  'material-scans.queued': {
    outcome: 'success',
    meaning:
      "A case's scanned pages were queued for upload in the case's own transaction; see pages and materials.",
  },
  'material-scans.purged-unsubmitted': {
    outcome: 'success',
    meaning: 'A card session ended without submitting: its scanned pages were deleted; see pages.',
  },
  'material-scans.upload-resumed': {
    outcome: 'success',
    meaning:
      'A page upload continued from the bytes the central already held after a break; see receivedBytes and totalBytes.',
  },
  'material-scans.delivered': {
    outcome: 'success',
    meaning:
      'The central holds a scanned page (hash checked); the page was deleted from the kiosk. See bytes and chunks.',
  },
  'store.unavailable': {
    outcome: 'failure',
    meaning: 'The store refused a write (disk full, read-only, locked); see detail.',
  },
  'central.events-open': {
    outcome: 'success',
    meaning: 'The live event stream from the central is open; the kiosk pulls what changed.',
  },
  'central.events-lost': {
    outcome: 'failure',
    meaning: 'The live event stream dropped; it reconnects and resumes by itself.',
  },
  'central.events-malformed': {
    outcome: 'failure',
    meaning: 'A live event from the central did not match the contract; ignored.',
  },
  'central.case-changed': {
    outcome: 'success',
    meaning: 'The central reported a case status change (case number and status only).',
  },
  'central.embedded-started': { outcome: 'success', meaning: 'The embedded central API runs on loopback.' },
  'catalogue.synced': {
    outcome: 'success',
    meaning: 'The service guide checked or refreshed its catalogue copy from the central; see version.',
  },
  'catalogue.sync-failed': {
    outcome: 'failure',
    meaning: 'The service guide could not refresh its catalogue; it serves the cached copy; see reason.',
  },
  'maintenance.entered': {
    outcome: 'success',
    meaning: 'Field staff entered maintenance mode with the PIN.',
  },
  'maintenance.pin-refused': {
    outcome: 'failure',
    meaning: 'A wrong maintenance PIN was entered; see attemptsLeft.',
  },
  'maintenance.locked': {
    outcome: 'failure',
    meaning:
      'Maintenance entry is locked after too many wrong PINs; see until (checked: whether this PIN was checked).',
  },
  'maintenance.session-taken-over': {
    outcome: 'failure',
    meaning: 'A new maintenance login replaced the session that was open; see the audit log.',
  },
  'maintenance.exited': {
    outcome: 'success',
    meaning: 'Maintenance mode ended (by staff or idle); see reason.',
  },
  'maintenance.action': { outcome: 'success', meaning: 'A maintenance action succeeded; see action.' },
  'maintenance.action-failed': {
    outcome: 'failure',
    meaning: 'A maintenance action was refused or failed; see action and detail.',
  },
  'maintenance.unauthorized': {
    outcome: 'failure',
    meaning: 'A maintenance request came without a valid maintenance session.',
  },
  'config.changed': {
    outcome: 'success',
    meaning: 'The configuration file was changed in maintenance mode.',
  },
  'config.write-failed': {
    outcome: 'failure',
    meaning: 'A configuration change could not be written (see folder and cause); nothing changed.',
  },
  'config.rolled-back': {
    outcome: 'success',
    meaning: 'The configuration file was put back to its previous version.',
  },
  'config.confirmed-good': {
    outcome: 'success',
    meaning: 'The kiosk started with the configuration file; it is kept as <file>.last-good.',
  },
  'config.restored-last-good': {
    outcome: 'failure',
    meaning:
      'A maintenance edit of the configuration failed at start (see reason); the last good configuration was put back and the kiosk started with it. The edit is kept as failedCopy.',
  },
  'config.rollback-impossible': {
    outcome: 'failure',
    meaning:
      'A maintenance edit failed at start but there is no usable last good configuration to go back to, or it cannot be saved; see reason and detail.',
  },
  'outbox.requeued': { outcome: 'success', meaning: 'Staff put a dead letter back in the queue.' },
  'selftest.passed': { outcome: 'success', meaning: 'A device self-test passed; see device.' },
  'selftest.failed': { outcome: 'failure', meaning: 'A device self-test failed; see device and detail.' },
  'network.check-ok': {
    outcome: 'success',
    meaning: 'The network check reached the central API; see latencyMs.',
  },
  'network.check-failed': {
    outcome: 'failure',
    meaning: 'The network check could not reach the central API.',
  },
  'fleet.heartbeat-ok': {
    outcome: 'success',
    meaning: 'The heartbeat reaches the central again (logged on change only).',
  },
  'fleet.heartbeat-failed': {
    outcome: 'failure',
    meaning: 'The heartbeat did not reach the central API (logged on change only); see reason.',
  },
  'kiosk.restart-requested': {
    outcome: 'success',
    meaning: 'Staff restarted the app; the backend exits to be restarted.',
  },
  'kiosk.leave-kiosk-requested': {
    outcome: 'success',
    meaning: 'Staff left kiosk mode for OS maintenance; the session will not restart the app.',
  },
  'identity.declared': {
    outcome: 'success',
    meaning:
      'A citizen identified by a typed ID number or a scanned app QR code (weaker than a card); see source.',
  },
  'identity.refused': {
    outcome: 'failure',
    meaning: 'A typed or scanned ID number was not valid; see reason.',
  },
  'scan.received': {
    outcome: 'success',
    meaning: 'The scanner read a code; see kind (the text is never logged).',
  },
  'appointment.booked': {
    outcome: 'success',
    meaning: 'An appointment booking was delivered to the central.',
  },
  'appointment.book-failed': {
    outcome: 'failure',
    meaning: 'An appointment booking was refused or not delivered.',
  },
  'appointment.checked-in': {
    outcome: 'success',
    meaning: 'An appointment check-in issued a priority ticket.',
  },
  'appointment.slip-printed': {
    outcome: 'success',
    meaning: 'The booking slip (code, time, what to bring, how to check in) was printed.',
  },
  'appointment.slip-print-failed': {
    outcome: 'failure',
    meaning: 'The booking slip could not be printed; the booking stands and its code is on screen.',
  },
  'appointment.qr-checked-in': {
    outcome: 'success',
    meaning: "A booking's QR code scanned with nobody identified checked it in for a priority ticket.",
  },
  'appointment.qr-check-in-failed': {
    outcome: 'failure',
    meaning: "A booking's QR code could not be checked in (expired, another hall's, unknown, or offline).",
  },
  'appointment.check-in-failed': {
    outcome: 'failure',
    meaning: 'An appointment check-in was refused or not delivered.',
  },
  'payment.created': { outcome: 'success', meaning: 'A payment QR code was created at the central.' },
  'payment.create-failed': { outcome: 'failure', meaning: 'Creating a payment failed; see reason.' },
  'payment.paid': { outcome: 'success', meaning: 'The central reported a payment as paid.' },
  'payment.receipt-printed': { outcome: 'success', meaning: 'An e-receipt was printed.' },
  'payment.receipt-print-failed': {
    outcome: 'failure',
    meaning: 'An e-receipt could not be printed; see status.',
  },
  'payment.withdrawn': {
    outcome: 'success',
    meaning: 'A payment request not yet sent was withdrawn (the citizen left, or a restart); no order made.',
  },
  'payment.expired': { outcome: 'success', meaning: 'A payment QR code expired unpaid at the central.' },
  'evaluation.submitted': {
    outcome: 'success',
    meaning: 'A 好差评 rating was committed to the outbox; see level.',
  },
  'evaluation.failed': {
    outcome: 'failure',
    meaning: 'A 好差评 rating was refused by the central; see reason.',
  },
  'progress.listed': {
    outcome: 'success',
    meaning: "A citizen's cases were listed on the progress screen; see cases, pending, fresh.",
  },
  'progress.lookup-failed': {
    outcome: 'failure',
    meaning: "The central did not answer for a citizen's cases; see reason and copy (an earlier copy shown).",
  },
  'progress.live-updated': {
    outcome: 'success',
    meaning: "A live event changed a citizen's case while identified here; the screen was told.",
  },
  'progress.notice-printed': { outcome: 'success', meaning: 'A result notice (结果通知单) was printed.' },
  'progress.notice-print-failed': {
    outcome: 'failure',
    meaning: 'A result notice could not be printed; see status (its content was shown on screen).',
  },
  'proofs.listed': {
    outcome: 'success',
    meaning:
      'The certificates (证明) this hall prints at once were listed; see items and printer (the A4 printer state).',
  },
  'proofs.list-failed': {
    outcome: 'failure',
    meaning: 'The central did not answer with the printable certificates; see reason.',
  },
  'proofs.issue-failed': {
    outcome: 'failure',
    meaning: 'The central did not issue a certificate; see itemCode and reason. Nothing was printed.',
  },
  'proofs.printed': {
    outcome: 'success',
    meaning: 'A certificate came out of the A4 printer; see itemCode, proofId, pages, alreadyPrinted.',
  },
  'proofs.print-failed': {
    outcome: 'failure',
    meaning:
      'A certificate was not printed: the A4 printer cannot print (see printer: paper-out, toner-out, jam, cover-open, offline, disconnected, error, and detail).',
  },
  'proofs.job-withdrawn': {
    outcome: 'failure',
    meaning: 'A certificate left waiting at a stopped A4 printer was cancelled because its citizen left.',
  },
  'apply.draft': {
    outcome: 'success',
    meaning: 'A citizen opened the form and checklist of an item or bundle; see selection and certificates.',
  },
  'apply.not-eligible': {
    outcome: 'failure',
    meaning:
      "An application was refused: the card shows a condition of the item is not met; see facts (min-age, residence), never the citizen's.",
  },
  'apply.certificates-unchecked': {
    outcome: 'failure',
    meaning: 'The e-certificate lookup failed; the checklist says staff fetch them at intake; see reason.',
  },
  'apply.submitted': {
    outcome: 'success',
    meaning: 'An application (one case per item) was committed to the outbox; see localRef and cases.',
  },
  'apply.case-submitted': {
    outcome: 'success',
    meaning: 'The central accepted a case submission and gave its case number.',
  },
  'apply.case-rejected': {
    outcome: 'failure',
    meaning: 'The central refused a case submission (dead letter); see code.',
  },
  'apply.receipt-printed': { outcome: 'success', meaning: 'An application receipt was printed.' },
  'apply.receipt-print-failed': {
    outcome: 'failure',
    meaning: 'An application receipt could not be printed (it stays on screen); see status.',
  },
  'apply.signature-taken': {
    outcome: 'success',
    meaning:
      'A drawn signature of the commitments passed the ink rule and is held for the submission; see materials (how many) and bytes. Never the image.',
  },
  'apply.signature-refused': {
    outcome: 'failure',
    meaning:
      'A drawn signature was refused: blank, only a dot or too small, or not a readable image; see reason.',
  },
  'voice.engine-missing': {
    outcome: 'failure',
    meaning:
      'Voice guidance found no speech engine (spd-say of speech-dispatcher not installed); the kiosk stays silent. Logged once per start; see engine.',
  },
  'voice.engine-failed': {
    outcome: 'failure',
    meaning:
      'The speech engine could not speak (speech-dispatcher not running or its espeak-ng module missing); see engine and exitCode. Logged once until it speaks again.',
  },
  'voice.engine-recovered': {
    outcome: 'success',
    meaning: 'The speech engine speaks again after a failure.',
  },
  'pinyin.dictionary-ready': {
    outcome: 'success',
    meaning:
      "The pinyin input read its phrase dictionary (jieba's, with its pinyin); see words, from (cache or built) and ms.",
  },
  'pinyin.dictionary-failed': {
    outcome: 'failure',
    meaning:
      'The pinyin input could not read its phrase dictionary (the @node-rs/jieba package missing or damaged); the keyboard offers no Chinese candidates. See reason.',
  },
  'regions.sync-failed': {
    outcome: 'failure',
    meaning:
      "The central's region list (for postal addresses) could not be fetched; the copy kept in the store is used. See reason.",
  },
  'handwriting.ready': {
    outcome: 'success',
    meaning: 'Handwriting recognition built its index of stroke templates; see characters (how many).',
  },
  'handwriting.index-failed': {
    outcome: 'failure',
    meaning:
      'Handwriting recognition could not read its stroke data (the hanzi-writer-data package missing or damaged); the pad answers with an error and the citizen is told to use pinyin. See reason.',
  },
} as const satisfies Record<string, { outcome: 'success' | 'failure'; meaning: string }>;

export type LogEventId = keyof typeof LOG_EVENTS;
