/**
 * Replaced at build time by renderer/vite.config.ts: true in every mode except 'production'.
 * Not defined at all under the root vitest config, so read it through `devPanelBuildFlag()`.
 */
declare const __DEV_PANEL__: boolean;
