/**
 * What a statement gives on a server, as comparable text: its command, row count and rows
 * (sorted unless it orders them), or its error's fields. Oracle tests compare these between
 * Weir and PostgreSQL statement by statement.
 */
type Client = { query(q: object): Promise<{ command: string; rows: unknown[][]; rowCount: number | null }> };

/** The ErrorResponse fields compared by default; tests of integrity errors add the object ones. */
export const ERROR_FIELDS = ['code', 'message', 'detail', 'hint'] as const;
export const OBJECT_ERROR_FIELDS = [...ERROR_FIELDS, 'where', 'schema', 'table', 'column', 'constraint'] as const;

export async function statementOutcome(c: unknown, sql: string, values?: readonly unknown[], fields: readonly string[] = ERROR_FIELDS): Promise<string> {
  try {
    const r = await (c as Client).query({ text: sql, ...(values && { values }), rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    const rows = r.rows.map((x) => JSON.stringify(x));
    return JSON.stringify([r.command, r.rowCount, /\border by\b/i.test(sql) ? rows : rows.sort()]);
  } catch (e) {
    const x = e as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(fields.map((f) => [f, x[f]])));
  }
}
