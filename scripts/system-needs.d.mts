export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (file: string, args: string[], env: NodeJS.ProcessEnv) => CommandResult;

export interface SystemNeed {
  name: string;
  pkg: string;
}

export interface SystemNeedsOptions {
  env: NodeJS.ProcessEnv;
  run?: CommandRunner;
  chromiumPaths?: string[];
  /** Where speech-dispatcher's espeak-ng module may be, instead of Debian's place. */
  speechModule?: string;
  /** Where the cups-pdf backend may be, instead of Debian's place. */
  cupsPdfBackend?: string;
}

export const SPEECH_MODULE: string;
export const CUPS_PDF_BACKEND: string;

export function chromiumPaths(env: NodeJS.ProcessEnv): string[];
export function findCommand(name: string, dirs: string[]): string | null;
export const runCommand: CommandRunner;
export function missingNeeds(options: SystemNeedsOptions): SystemNeed[];
export function ensureSystemNeeds(
  options: SystemNeedsOptions & { isRoot: boolean; print: (line: string) => void; platform?: string },
): number;
