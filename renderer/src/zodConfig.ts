/**
 * Zod compiles object parsers with `new Function` unless told not to, and decides so when each
 * schema is created. The page's CSP forbids eval, and even zod's probe for it is reported as a CSP
 * violation. So this module must be evaluated before any schema is built: it is the first import of
 * main.tsx and of api/client.ts (before the contract).
 */
import { z } from 'zod';

z.config({ jitless: true });
