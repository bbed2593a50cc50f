import type { Department } from '../../../central/catalogue/contract';
import type { LocalizedText } from '../api/contract';
import type { CentralOutcome } from '../central-connection/connection';

/**
 * Department names for the progress screens (cases carry only a department id). Asked of the
 * central once and kept in memory until the catalogue changes; while it cannot be had, names are
 * null and the screen says "the responsible department" without one.
 */
export class DepartmentNames {
  private names: Map<string, LocalizedText> | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly central: {
      departments(): Promise<CentralOutcome<{ departments: Department[] }>>;
    },
  ) {}

  /** Makes sure the names are loaded (one request at a time; a failure is tried again next call). */
  load(): Promise<void> {
    if (this.names) return Promise.resolve();
    this.inFlight ??= this.central
      .departments()
      .then((r) => {
        if (r.kind === 'ok') this.names = new Map(r.body.departments.map((d) => [d.departmentId, d.name]));
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  name(departmentId: string): LocalizedText | null {
    return this.names?.get(departmentId) ?? null;
  }

  /** The catalogue changed: ask again next time. */
  forget(): void {
    this.names = null;
  }
}
