/** How one query reaches an engine: DuckDB binds parameters; ClickHouse 18.16 gets escaped literals. */
import { checkDate, checkDateTime, checkTableName, quoteValue, type SqlValue } from './sql-literal.js';

/** Collects the values of one query and spells the few functions that differ between engines. */
export interface SqlDialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** The SQL text standing for `value` in the query being built. */
  value(value: SqlValue): string;
  /** A YYYY-MM-DD date value (validated). */
  date(value: string): string;
  /** A "YYYY-MM-DD HH:MM:SS" timestamp value (validated). */
  timestamp(value: string): string;
  /** `column IN (values)`; never empty (callers skip empty lists). */
  inList(column: string, values: SqlValue[]): string;
  /** A DATE column that reaches the result rows as YYYY-MM-DD text. */
  dayText(column: string): string;
  /** A TIMESTAMP column as "YYYY-MM-DD HH:MM:SS" text. */
  timeText(column: string): string;
  /** A table in FROM (ClickHouse reads the deduplicated rows with FINAL, unless they are known to be merged). */
  from(table: string): string;
  /** The boolean literal. */
  bool(value: boolean): string;
  /** Bound parameters, in order (empty for ClickHouse). */
  readonly params: SqlValue[];
}

/** DuckDB: every value is a $n parameter. */
export class DuckDbDialect implements SqlDialect {
  readonly name = 'duckdb';
  readonly params: SqlValue[] = [];

  value(value: SqlValue): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  date(value: string): string {
    return `CAST(${this.value(checkDate(value))} AS DATE)`;
  }

  timestamp(value: string): string {
    return `CAST(${this.value(checkDateTime(value))} AS TIMESTAMP)`;
  }

  inList(column: string, values: SqlValue[]): string {
    return `${column} IN (${values.map((v) => this.value(v)).join(', ')})`;
  }

  /** The DATE itself: DuckDB's JSON rows spell it YYYY-MM-DD, which saves formatting every cell in SQL. */
  dayText(column: string): string {
    return column;
  }

  from(table: string): string {
    return checkTableName(table);
  }

  bool(value: boolean): string {
    return value ? 'true' : 'false';
  }

  timeText(column: string): string {
    return `strftime(${column}, '%Y-%m-%d %H:%M:%S')`;
  }
}

/** ClickHouse 18.16 has no query parameters: values become literals through sql-literal.ts only. */
export class ClickHouseDialect implements SqlDialect {
  readonly name = 'clickhouse';
  readonly params: SqlValue[] = [];

  /** `final: false` only when the caller knows FINAL would change nothing (see clickhouse-parts.ts). */
  constructor(private readonly options: { final: boolean } = { final: true }) {}

  value(value: SqlValue): string {
    return quoteValue(value);
  }

  date(value: string): string {
    return `toDate(${quoteValue(checkDate(value))})`;
  }

  timestamp(value: string): string {
    return `toDateTime(${quoteValue(checkDateTime(value))}, 'UTC')`;
  }

  inList(column: string, values: SqlValue[]): string {
    return `${column} IN (${values.map((v) => quoteValue(v)).join(', ')})`;
  }

  dayText(column: string): string {
    return `toString(${column})`;
  }

  from(table: string): string {
    return this.options.final ? `${checkTableName(table)} FINAL` : checkTableName(table);
  }

  bool(value: boolean): string {
    return value ? '1' : '0';
  }

  timeText(column: string): string {
    return `toString(${column}, 'UTC')`;
  }
}
