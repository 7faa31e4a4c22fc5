import type { ColumnInfo } from '../../protocol';
import { Name } from '../../ui/Name';
import {
  type Assignment,
  COLUMN_ROLES,
  type ColumnRole,
  VERSIONED,
} from '../../state/roleAssignments';
import { formatCount } from '../../ui/format';

function typeLabel(c: ColumnInfo): string {
  if (c.kind === 'vector') return `vector[${c.dim}]`;
  if (c.kind === 'string') return `text (${c.distinct} distinct)`;
  if (c.kind === 'binary') return c.dim ? `pixels[${c.dim}]` : 'binary';
  return c.kind;
}

export function RoleRow({
  row,
  info,
  onChange,
}: {
  row: Assignment;
  info: ColumnInfo;
  onChange: (a: Assignment) => void;
}) {
  const versioned = VERSIONED.has(row.role);
  return (
    <tr>
      <th scope="row">
        <code>
          <Name text={row.column} />
        </code>
      </th>
      <td title={info.arrowType}>
        {typeLabel(info)}
        {info.nullCount > 0 && <span className="hint"> · {formatCount(info.nullCount)} null</span>}
      </td>
      <td>
        <select
          aria-label={`Role of ${row.column}`}
          value={row.role}
          onChange={(e) => onChange({ ...row, role: e.target.value as ColumnRole })}
        >
          {COLUMN_ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td>
        {versioned && (
          <input
            aria-label={`Version of ${row.column}`}
            value={row.version}
            size={10}
            onChange={(e) => onChange({ ...row, version: e.target.value })}
          />
        )}
      </td>
      <td className="sample">{info.sample.join(', ')}</td>
    </tr>
  );
}
