/**
 * Exit codes of the kiosk backend that the session around it acts on (see deploy/README.md).
 * 75 (EX_TEMPFAIL): "restart me" — systemd's Restart=always (and the Electron shell's supervision)
 * start the app again. 78: "leave kiosk mode" — the unit lists it in RestartPreventExitStatus, so
 * the kiosk session ends and the OS login (or the maintenance desktop) takes over.
 */
export const RESTART_EXIT_CODE = 75;
export const LEAVE_KIOSK_EXIT_CODE = 78;
