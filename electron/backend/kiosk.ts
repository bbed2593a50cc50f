import { join, resolve } from 'node:path';
import { startCentral } from '../../central/start';
import { systemClock, type Clock } from '../../domain/clock';
import { configPathFrom, loadConfig } from '../../kiosk-config/load-config';
import { allDevicesSimulated, type KioskConfig } from '../../kiosk-config/schema';
import type { KioskEvent, KioskState } from './api/contract';
import { KioskDevices } from './devices/kiosk-devices';
import { StaffAlerts } from './staff-call/alerts';
import { paperWording } from './devices/paper-wording';
import { createLogger, type KioskLogger } from './logging/logger';
import { fleetServicesOf, startFleetServices } from './maintenance/fleet-services';
import type { QueueService, TakeTicketResult } from './queue/service';
import type { QueueCategory } from './queue/contract';
import { createQueueModule } from './queue/module';
import { CitizenSession } from './session/citizen-session';
import { openKioskDatabase, type KioskDatabase } from './store/database';
import { DownstreamCache } from './store/downstream-cache';
import { FieldCipher } from './store/field-cipher';
import type { LocalTickets } from './queue/store';
import { Outbox } from './store/outbox';
import { scheduleRetentionPurge } from './store/retention';
import { bindCardSession } from './session/card-binding';
import { openStoreKey } from './store/store-key';
import { CentralEvents, type LiveEvent } from './central-connection/live-events';
import { OutboxDelivery, type StreamHandler } from './store/outbox-delivery';
import { outboxHandlers } from './store/outbox-kind';
import { CentralClient, CentralConnection } from './central-connection/connection';
import { createIdentityModule } from './identity/module';
import type { IdentityService } from './identity/service';
import { CentralAppointmentsClient } from './appointments/central';
import { createAppointmentsModule } from './appointments/module';
import type { AppointmentsService } from './appointments/service';
import { AppointmentStore } from './appointments/store';
import { CentralPaymentsClient } from './payments/central';
import { createPaymentsModule } from './payments/module';
import type { PaymentsService } from './payments/service';
import { PaymentStore } from './payments/store';
import { CentralEvaluationsClient } from './evaluations/central';
import { createEvaluationsModule } from './evaluations/module';
import type { EvaluationsService } from './evaluations/service';
import { EvaluationStore } from './evaluations/store';
import { CentralProgressClient } from './progress/central';
import { CentralCatalogueClient } from './guide/central';
import type { CaseProgress } from './progress/service';
import { DepartmentNames } from './progress/department-names';
import { pendingSubmissions } from './progress/pending-submissions';
import { createProgressModule } from './progress/module';
import type { ApplyJourney } from './apply/service';
import { LocalApplications } from './apply/store';
import { CentralApplyClient } from './apply/central';
import { paperAtWindow } from './apply/material-capture';
import { documentCamera } from './apply/document-camera-capture';
import { createApplyModule } from './apply/module';
import type { ServiceGuide } from './guide/service';
import { createGuideModule } from './guide/module';
import type { KioskModule } from './kiosk-module';
import { createStaffCallModule } from './staff-call/module';
import { createHandwritingModule } from './handwriting/module';
import { createProofsModule } from './proofs/module';
import { CentralProofsClient } from './proofs/central';
import { createPinyinModule } from './pinyin/module';
import { createRegionsModule } from './regions/module';
import { CentralRegionsClient } from './regions/central';
import { createMaterialScanModule } from './material-scans/module';
import { defaultSpeechEngine, type SpeechEngine } from './voice/engine';
import { createVoiceModule } from './voice/module';

export interface KioskOptions {
  clock?: Clock;
  logger?: KioskLogger;
  fetch?: typeof fetch;
  /** Where a current device token comes from after a 401; by default the configuration file. */
  reauthenticate?: () => Promise<string | undefined>;
  /** Who speaks voice guidance when the browser cannot; by default speech-dispatcher on Linux. */
  voiceEngine?: SpeechEngine;
}

/** The device token in the configuration file as it is now: `kiosk-config enrol` rewrites it. */
async function tokenFromConfigFile(): Promise<string | undefined> {
  const path = configPathFrom(process.argv.slice(2), process.env);
  if (path === undefined) return undefined;
  try {
    return loadConfig(path).central.deviceToken;
  } catch {
    return undefined; // an invalid file mid-edit: keep the token in use
  }
}

/** The running kiosk backend: everything the /api routes need, built from one configuration. */
export interface Kiosk {
  readonly config: KioskConfig;
  readonly clock: Clock;
  readonly logger: KioskLogger;
  readonly db: KioskDatabase;
  readonly session: CitizenSession;
  readonly devices: KioskDevices;
  readonly outbox: Outbox;
  readonly tickets: LocalTickets;
  /** The queue: categories and 取号. */
  readonly queue: QueueService;
  readonly delivery: OutboxDelivery;
  /** Declared identity (typed ID number, the app's QR code) and the scanner's last code. */
  readonly identity: IdentityService;
  readonly appointments: AppointmentsService;
  readonly payments: PaymentsService;
  /** 好差评: rating a completed case or a visit. */
  readonly evaluations: EvaluationsService;
  /** A citizen left without their paper (printer fault): for hall staff and the fleet page. */
  readonly alerts: StaffAlerts;
  /** Progress (办件进度): the citizen's cases, live updates, result notices. */
  readonly progress: CaseProgress;
  /** The service guide's catalogue copy (kept in the store for offline use); applications are made from it. */
  readonly guide: ServiceGuide;
  /** The feature slices: their routes, outbox kinds and hooks. */
  readonly modules: readonly KioskModule[];
  /** Applying for an item or a life-event bundle. */
  readonly apply: ApplyJourney;
  readonly centralBaseUrl: string;
  /** The one connection to the central: its token is the one in use after any re-enrolment. */
  readonly connection: CentralConnection;
  readonly simulated: boolean;
  state(): KioskState;
  /** The queue's, for tools and tests that drive the kiosk without HTTP. */
  categories(): Promise<QueueCategory[]>;
  takeTicket(category: string): Promise<TakeTicketResult>;
  endSession(): void;
  onEvent(listener: (event: KioskEvent) => void): () => void;
  /** Live events from the central, as they arrive (after the kiosk's own handling). */
  onCentralEvent(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

export async function startKiosk(config: KioskConfig, options: KioskOptions = {}): Promise<Kiosk> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const dataDir = resolve(config.dataDir);

  // A store folder or file (or the key's) found open to other users is made private; staff are told.
  const onTightened = (path: string) => logger.warn('store.permissions-tightened', { path });
  const db = openKioskDatabase(join(dataDir, 'kiosk.db'), { onTightened });
  let cipher: FieldCipher;
  try {
    // The store says whether this is its key (or whether it may make one): never replaced silently.
    cipher = new FieldCipher(openStoreKey(db, resolve(config.store.keyFile), process.env, onTightened));
  } catch (err) {
    db.close();
    throw err;
  }
  logger.info('store.opened', { path: join(dataDir, 'kiosk.db') });
  const cleanups: (() => Promise<void> | void)[] = [() => void db.close()];

  try {
    let centralBaseUrl: string;
    if (config.central.mode === 'embedded') {
      const central = await startCentral({
        dbPath: join(dataDir, 'central.db'),
        port: 0,
        host: '127.0.0.1',
        deviceTokens: [config.central.deviceToken],
        clock,
        logger: false,
      });
      cleanups.unshift(() => central.close());
      centralBaseUrl = central.baseUrl;
      logger.info('central.embedded-started', { baseUrl: centralBaseUrl });
    } else {
      centralBaseUrl = config.central.baseUrl!;
    }

    // One connection for every caller of the central: a token renewed after a 401 anywhere
    // (re-enrolment) is everyone's. Outbox deliveries made together travel as one batch request
    // (they carry idempotency keys), so tickets and cases share batches.
    const connection = new CentralConnection({
      baseUrl: centralBaseUrl,
      deviceToken: config.central.deviceToken,
      fetch: options.fetch,
      batch: true,
      reauthenticate: options.reauthenticate ?? tokenFromConfigFile,
      logger,
    });
    const central = new CentralClient(connection);
    const catalogue = new CentralCatalogueClient(connection);
    const outbox = new Outbox(db, cipher);
    const devices = new KioskDevices(config, { clock, logger });
    // Every action for a card session re-reads the card first (see CitizenSession's invariant).
    const session = new CitizenSession({
      clock,
      citizenRefKey: config.central.citizenRefKey,
      readCardOnReader: () => devices.confirmCard(),
    });
    const listeners = new Set<(event: KioskEvent) => void>();
    const emit = (event: KioskEvent) => listeners.forEach((l) => l(event));
    const alerts = new StaffAlerts({
      clock,
      logger,
      // The fleet page learns of the fault now, not at the next 30-second heartbeat.
      notify: () => void fleetServicesOf(db)?.heartbeat.send(),
    });

    const appointmentStore = new AppointmentStore(db, outbox);
    const applications = new LocalApplications(db, outbox);
    const applyCentral = new CentralApplyClient(connection);
    // The slices' outbox kinds join these once the modules are built (before delivery starts).
    const deliveryHandlers: Record<string, StreamHandler> = {};
    const delivery = new OutboxDelivery({
      db,
      outbox,
      clock,
      logger,
      handlers: deliveryHandlers,
      probe: () => central.health(),
    });

    const downstream = new DownstreamCache(db);
    // Tickets and receipts in the kiosk's languages: Chinese, and English only where it is offered.
    const paper = paperWording(config.languages);
    const queueModule = createQueueModule({
      db,
      connection,
      clock,
      logger,
      session,
      outbox,
      delivery,
      devices,
      cache: downstream,
      hall: config.hall,
      paper,
      terminalId: config.terminalId,
      ticketDevice: config.devices.ticketDispenser.printer === 'own' ? 'ticketPrinter' : 'receiptPrinter',
      alerts,
      simulated: allDevicesSimulated(config),
    });
    const { queue, tickets } = queueModule;
    const categoryName = (code: string) => queue.categoryName(code);

    const identityModule = createIdentityModule({
      logger,
      session,
      devices,
      hall: config.hall,
      scanner: devices.simulatedScanner,
      changed: () => emit({ type: 'state-changed' }),
      appointmentQr: (code, token, seq) => void appointmentsModule.service.checkInByQr(code, token, seq),
      simulated: allDevicesSimulated(config),
    });
    const identity = identityModule.service;
    const appointmentsModule = createAppointmentsModule({
      clock,
      logger,
      session,
      store: appointmentStore,
      outbox,
      delivery,
      devices,
      central: new CentralAppointmentsClient(connection),
      hall: config.hall,
      paper,
      terminalId: config.terminalId,
      scanUsed: () => identity.scanUsed(),
      categoryName,
      alerts,
      simulated: allDevicesSimulated(config),
    });
    const paymentsModule = createPaymentsModule({
      clock,
      logger,
      session,
      store: new PaymentStore(db, outbox),
      delivery,
      devices,
      central: new CentralPaymentsClient(connection),
      hall: config.hall,
      paper,
      changed: () => emit({ type: 'state-changed' }),
      alerts,
      simulated: allDevicesSimulated(config),
    });
    const payments = paymentsModule.service;
    const evaluationsModule = createEvaluationsModule({
      clock,
      logger,
      session,
      store: new EvaluationStore(db, outbox),
      outbox,
      delivery,
      central: new CentralEvaluationsClient(connection),
      terminalId: config.terminalId,
      scanUsed: () => identity.scanUsed(),
      simulated: allDevicesSimulated(config),
    });
    const guideModule = createGuideModule({
      central: catalogue,
      cache: downstream,
      clock,
      logger,
      regionCode: config.region.code,
      hallName: config.hall.name,
      simulated: allDevicesSimulated(config),
    });
    const guide = guideModule.guide;
    const materialScansModule = createMaterialScanModule({
      db,
      cipher,
      outbox,
      delivery,
      session,
      clock,
      logger,
      settings: config.materialScans,
      hallId: config.hall.id,
      terminalId: config.terminalId,
      connection,
      simulated: allDevicesSimulated(config),
    });
    const pinyinModule = createPinyinModule({
      dataDir,
      clock,
      logger,
      simulated: allDevicesSimulated(config),
    });
    // Postal addresses are picked from the central's regions, and their names weigh up in pinyin.
    const regionsModule = createRegionsModule({
      central: new CentralRegionsClient(connection),
      cache: downstream,
      clock,
      logger,
      regionCode: config.region.code,
      onPlaces: (names) => pinyinModule.pinyin.setLocalPlaces(names),
      simulated: allDevicesSimulated(config),
    });
    const windowPaper = paperAtWindow({ name: config.hall.name, categoryName });
    const applyModule = createApplyModule({
      postalRegions: regionsModule.regions,
      scans: materialScansModule.service,
      clock,
      logger,
      session,
      guide,
      applications,
      delivery,
      devices,
      central: applyCentral,
      hall: config.hall,
      paper,
      terminalId: config.terminalId,
      // The document camera first: what it may scan it offers, with the window as the way out.
      captures: [
        documentCamera({
          documentRefFor: (c) => materialScansModule.service.documentRefFor(c),
          paper: windowPaper,
        }),
        windowPaper,
      ],
      alerts,
      outbox,
      // A case number (or a refusal) arrived: the receipt on screen refetches.
      settled: () => emit({ type: 'state-changed' }),
      simulated: allDevicesSimulated(config),
    });
    const apply = applyModule.apply;
    const progressModule = createProgressModule({
      clock,
      logger,
      session,
      central: new CentralProgressClient(connection),
      departments: new DepartmentNames(catalogue),
      devices,
      hall: config.hall,
      paper,
      pending: pendingSubmissions(applications),
      changed: (change) => emit({ type: 'progress-changed', ...change }),
      simulated: allDevicesSimulated(config),
    });
    const progress = progressModule.progress;
    const staffCallModule = createStaffCallModule({
      db,
      outbox,
      delivery,
      connection,
      clock,
      logger,
      terminalId: config.terminalId,
      hallId: config.hall.id,
      placement: config.hall.placement,
      changed: () => emit({ type: 'state-changed' }),
      simulated: allDevicesSimulated(config),
    });
    /** The feature slices; the composition root only wires their hooks. */
    const modules: KioskModule[] = [
      guideModule,
      queueModule,
      identityModule,
      appointmentsModule,
      paymentsModule,
      evaluationsModule,
      applyModule,
      materialScansModule,
      progressModule,
      createProofsModule({
        clock,
        logger,
        session,
        central: new CentralProofsClient(connection),
        printer: {
          status: () => devices.refreshA4PrinterStatus(),
          print: (request) => devices.printA4(request),
          cancel: (key) => devices.a4Printer?.cancel(key) ?? Promise.resolve(false),
        },
        hallId: config.hall.id,
        terminalId: config.terminalId,
        simulated: allDevicesSimulated(config),
        simulatedPrinter: devices.simulatedA4Printer,
      }),
      staffCallModule,
      pinyinModule,
      regionsModule,
      createHandwritingModule({ logger, simulated: allDevicesSimulated(config) }),
      createVoiceModule({
        engine: options.voiceEngine ?? defaultSpeechEngine(),
        logger,
        simulated: allDevicesSimulated(config),
      }),
    ];
    cleanups.unshift(async () => {
      for (const m of modules) await m.close?.();
    });
    session.onChange(() => {
      modules.forEach((m) => m.onSessionChange?.());
      emit({ type: 'state-changed' });
    });
    let wasOnline = true;
    delivery.onStatusChange((status) => {
      emit({ type: 'state-changed' });
      // Back online: refresh what the central knows best, and lease numbers for the next outage.
      if (status.online && !wasOnline) modules.forEach((m) => m.onOnline?.());
      wasOnline = status.online;
    });
    cleanups.unshift(
      scheduleRetentionPurge({
        db,
        outbox,
        citizens: [applications, appointmentStore],
        clock,
        logger,
        retentionMs: config.store.retentionHours * 3_600_000,
      }),
    );
    devices.onStatusChange(() => {
      alerts.devicesChanged(devices.status());
      emit({ type: 'state-changed' });
    });
    const reader = bindCardSession({ devices, session, logger, alerts, emit });
    cleanups.unshift(() => devices.stop());
    const centralListeners = new Set<(event: LiveEvent) => void>();
    const centralEvents = new CentralEvents({
      connection,
      terminalId: config.terminalId,
      hallId: config.hall.id,
      logger,
      onEvent: (event) => {
        switch (event.type) {
          case 'case.status-changed':
            logger.info('central.case-changed', {
              caseNumber: event.data.caseNumber,
              status: event.data.status,
            });
            emit({ type: 'case-changed', caseNumber: event.data.caseNumber, status: event.data.status });
            break;
          default:
            break;
        }
        modules.forEach((m) => m.onCentralEvent?.(event));
        centralListeners.forEach((l) => l(event));
      },
      // A pull after (re)connecting: whatever changed while the stream was down.
      onOpen: () => modules.forEach((m) => m.onStreamOpen?.()),
    });
    centralEvents.start();
    cleanups.unshift(() => centralEvents.stop());

    // Before delivery starts: a payment request never sent belongs to a session that is gone.
    payments.withdrawUnsentPayments();
    Object.assign(deliveryHandlers, outboxHandlers(modules.flatMap((m) => m.outboxKinds ?? [])));
    delivery.start();
    cleanups.unshift(async () => {
      delivery.stop();
      await delivery.idle();
    });
    cleanups.unshift(
      startFleetServices({
        config,
        clock,
        logger,
        db,
        outbox,
        devices,
        connection,
      }),
    );
    guideModule.start();
    await queueModule.start();

    const syncView = () => {
      const link = delivery.syncStatus();
      const stats = outbox.stats(clock.now());
      return {
        online: link.online,
        lastSuccessAt: link.lastSuccessAt === null ? null : new Date(link.lastSuccessAt).toISOString(),
        depth: stats.pending + stats.inFlight,
        oldestPendingAgeSeconds:
          stats.oldestPendingAgeMs === null ? null : Math.floor(stats.oldestPendingAgeMs / 1000),
        deadLetters: stats.deadLetters,
      };
    };
    const simulated = allDevicesSimulated(config);
    logger.info('kiosk.started', { terminalId: config.terminalId, simulated, central: config.central.mode });

    return {
      config,
      clock,
      logger,
      db,
      session,
      devices,
      outbox,
      tickets,
      queue,
      delivery,
      identity,
      appointments: appointmentsModule.service,
      payments,
      evaluations: evaluationsModule.service,
      alerts,
      progress,
      guide,
      modules,
      apply,
      centralBaseUrl,
      connection,
      simulated,
      state: () => ({
        terminalId: config.terminalId,
        hallName: config.hall.name,
        languages: config.languages,
        citizen: session.view(),
        devices: devices.status(),
        simulated,
        idle: config.idle,
        sync: syncView(),
        journey: { scan: identity.scan(), payment: payments.current() },
        cardOnReader: reader.cardOnReader(),
        staffCall: staffCallModule.service.view(),
        attract: config.attract,
        ...(config.devices.documentCamera ? { documentCamera: config.devices.documentCamera } : {}),
      }),
      categories: () => queue.categories(),
      takeTicket: (category) => queue.takeTicket(category),
      endSession: () => {
        staffCallModule.sessionEnded();
        if (session.end()) logger.info('session.ended');
      },
      onEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onCentralEvent: (listener) => {
        centralListeners.add(listener);
        return () => centralListeners.delete(listener);
      },
      close: async () => {
        for (const cleanup of cleanups) await cleanup();
        logger.info('kiosk.stopped');
      },
    };
  } catch (err) {
    for (const cleanup of cleanups) await cleanup();
    throw err;
  }
}
