/** A query's rows as text, each row JSON of its values as the server printed them, sorted: what oracle tests compare. */
type Client = { query(sql: string): Promise<{ rows: unknown[] }> };

export async function sortedRows(c: Client, sql: string): Promise<string[]> {
  const r = await (c as unknown as { query(q: { text: string; rowMode: 'array'; types: unknown }): Promise<{ rows: unknown[][] }> }).query({
    text: sql,
    rowMode: 'array',
    types: { getTypeParser: () => (v: string) => v },
  });
  return r.rows.map((row) => JSON.stringify(row)).sort();
}
