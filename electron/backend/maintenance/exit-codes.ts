/**
 * Exit codes of the kiosk backend that the session around it acts on (see deploy/README.md).
 * 75 (EX_TEMPFAIL): "restart me" — systemd's Restart=always (and the Electron shell's supervision)
 * start the app again. 78: "leave kiosk mode" — the Electron shell ends the whole app with it, and on
 * Windows Shell Launcher acts on it directly. On Linux the compositor (cage) swallows the app's exit
 * code, so 78 goes together with a request file (./leave-request.ts) that the session wrapper turns
 * into its own exit 78, which the unit lists in RestartPreventExitStatus.
 */
export const RESTART_EXIT_CODE = 75;
export const LEAVE_KIOSK_EXIT_CODE = 78;
