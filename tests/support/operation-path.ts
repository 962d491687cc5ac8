// An operation's path from a generated table, typed as its literal path: tests and benchmarks name
// operations by operationId, so a spec that moves a path moves them too.
export function pathOf<
  const Table extends readonly { operationId: string; path: string }[],
  Id extends Table[number]["operationId"],
>(table: Table, operationId: Id): Extract<Table[number], { operationId: Id }>["path"] {
  const row = table.find((op) => op.operationId === operationId);
  if (!row) throw new Error(`no operation ${operationId} in the table`);
  return row.path as Extract<Table[number], { operationId: Id }>["path"];
}
