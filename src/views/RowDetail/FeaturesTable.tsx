import { cellTitle, formatCell } from '../../ui/formatCell';
import type { RowFeature } from '../../protocol';

/** Every column of the row with its role; values are text, whatever the data holds. */
export function FeaturesTable({ features }: { features: RowFeature[] }) {
  return (
    <section aria-labelledby="detail-features">
      <h3 id="detail-features">Features and columns</h3>
      <table className="detail-features">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => (
            <tr key={f.name}>
              <th scope="row">{f.name}</th>
              <td className="value" title={cellTitle(f.cell)}>
                {formatCell(f.cell, f.percent)}
              </td>
              <td className="hint">{f.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
