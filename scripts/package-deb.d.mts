export class PackageError extends Error {}

export function buildDeb(options: { appDir: string; outDir: string; arch?: string; root?: string }): string;
