export const projectRoot: string;

export const debLayout: {
  sessionWrapper: string;
  unit: string;
  udevRules: string;
  logindDropIn: string;
  sysctlDropIn: string;
  cli: string;
  docs: string;
};

export interface InstallPaths {
  packageName: string;
  version: string;
  productName: string;
  linux: typeof debLayout & { appDir: string; executable: string; executableName: string };
  windows: { appDir: string; executable: string; executableName: string; cli: string };
  debDepends: string[];
}

export function installPaths(files?: { builderConfig?: string; packageJson?: string }): InstallPaths;

export function deployFileExpectations(
  paths: InstallPaths,
): { file: string; expect: string; test: (text: string) => boolean }[];

export function deployFileMismatches(root?: string, paths?: InstallPaths): string[];
