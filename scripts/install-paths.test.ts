import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deployFileMismatches, installPaths, projectRoot } from './install-paths.mjs';

describe('install paths from electron-builder.yml', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('are where electron-builder installs the app', () => {
    const paths = installPaths();
    expect(paths.linux.appDir).toBe('/opt/Kiosk Terminal');
    expect(paths.linux.executable).toBe('/opt/Kiosk Terminal/kiosk-terminal');
    expect(paths.windows.executable).toBe('C:\\Program Files\\Kiosk Terminal\\Kiosk Terminal.exe');
    expect(paths.debDepends).toEqual(expect.arrayContaining(['cage', 'xwayland', 'libudev1']));
  });

  it('the session wrapper, the unit, the kiosk-config command and the Windows scripts agree with them', () => {
    expect(deployFileMismatches()).toEqual([]);
  });

  function projectCopy(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'install-paths-'));
    dirs.push(dir);
    for (const file of ['electron-builder.yml', 'package.json'])
      cpSync(path.join(projectRoot, file), path.join(dir, file));
    cpSync(path.join(projectRoot, 'deploy'), path.join(dir, 'deploy'), { recursive: true });
    return dir;
  }

  it('a renamed executable makes every Linux file that names it disagree, by name', () => {
    const dir = projectCopy();
    const yml = path.join(dir, 'electron-builder.yml');
    writeFileSync(
      yml,
      readFileSync(yml, 'utf8').replace('executableName: kiosk-terminal', 'executableName: kiosk-app'),
    );
    const paths = installPaths({ builderConfig: yml, packageJson: path.join(dir, 'package.json') });
    expect(paths.linux.executable).toBe('/opt/Kiosk Terminal/kiosk-app');
    const problems = deployFileMismatches(dir, paths);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('deploy/linux/kiosk-session must contain');
    expect(problems[0]).toContain('/opt/Kiosk Terminal/kiosk-app');
    expect(problems[1]).toContain('deploy/linux/kiosk-config must contain');
  });

  it('a Windows script with the old path is named, and a missing file is reported, not thrown', () => {
    const dir = projectCopy();
    const ps1 = path.join(dir, 'deploy/windows/kiosk-shell.ps1');
    writeFileSync(
      ps1,
      readFileSync(ps1, 'utf8').replace(
        'Kiosk Terminal\\Kiosk Terminal.exe',
        'kiosk-terminal\\kiosk-terminal.exe',
      ),
    );
    rmSync(path.join(dir, 'deploy/windows/installer.nsh'));
    const paths = installPaths({
      builderConfig: path.join(dir, 'electron-builder.yml'),
      packageJson: path.join(dir, 'package.json'),
    });
    expect(deployFileMismatches(dir, paths)).toEqual([
      "deploy/windows/kiosk-shell.ps1 must contain [string]$Shell = 'C:\\Program Files\\Kiosk Terminal\\Kiosk Terminal.exe' (from electron-builder.yml)",
      'deploy/windows/installer.nsh cannot be read (ENOENT)',
    ]);
  });

  it('a configuration without productName is refused with the file named', () => {
    const dir = projectCopy();
    const yml = path.join(dir, 'electron-builder.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^productName:.*$/m, ''));
    const pkg = path.join(dir, 'package.json');
    const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
    writeFileSync(pkg, JSON.stringify({ ...json, name: '' }));
    expect(() => installPaths({ builderConfig: yml, packageJson: pkg })).toThrow(
      `${yml}: productName is missing`,
    );
  });
});
