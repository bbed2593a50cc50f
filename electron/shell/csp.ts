/**
 * The shell sends the same Content-Security-Policy as the browser host: one definition, kept in
 * the backend because the backend may not import anything under electron/shell/.
 */
export { cspHeader } from '../backend/api/content-security-policy';
