/**
 * The JSON that `powderkeg serve` answers with (docs/serve.md), as types only: the server builds
 * these and the workbench's store browser reads them, so the two cannot drift apart. No imports,
 * so the browser bundle can take it as it is.
 */

/** One store of the served folder, as GET /api/stores lists it. */
export interface StoreSummary {
  readonly id: string;
  readonly bytes: number;
  readonly modified: string;
  readonly state: 'complete' | 'incomplete' | 'running' | 'unreadable';
  readonly experiment?: string;
  readonly kind?: string;
  readonly model?: string;
  readonly seed?: number;
  readonly runs?: number;
  readonly runsExpected?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string | null;
  readonly resumable?: boolean;
  readonly error?: string;
}

export interface StoreList {
  readonly dir: string;
  readonly stores: readonly StoreSummary[];
}

/** A page of one table: GET /api/stores/{id}/runs, /series, /bands, /tables/NAME. */
export interface TablePage {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}
