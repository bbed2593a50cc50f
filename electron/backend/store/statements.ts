import type Database from 'better-sqlite3';

/**
 * Prepared statements, prepared once per connection and SQL text: preparing on every call was a
 * tenth of the time of draining a queue.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
