import { useDataset } from '../../state/datasetStore';
import { InstanceImage } from './InstanceImage';
import { InstanceText } from './InstanceText';
import { RemoteOrigins } from './RemoteOrigins';
import './instance.css';

/**
 * A row as people see it: its images and texts (the image and text roles). `small` is the
 * map's hover card and picked point; the row detail shows it large with "Show all".
 */
export function InstanceView({
  row,
  name,
  small = false,
}: {
  row: number;
  name: string;
  small?: boolean;
}) {
  const roles = useDataset((s) => s.roles);
  const images = roles?.images ?? [];
  const texts = roles?.texts ?? [];
  if (images.length + texts.length === 0) return null;
  const many = images.length + texts.length > 1;
  return (
    <div className={`instance${small ? ' small' : ''}`}>
      {images.map((c) => (
        <figure key={c}>
          <InstanceImage column={c} row={row} size={small ? 96 : 280} label={`${c} of ${name}`} />
          {many && <figcaption>{c}</figcaption>}
        </figure>
      ))}
      {texts.map((c) => (
        <InstanceText
          key={c}
          column={c}
          row={row}
          limit={small ? 160 : undefined}
          expandable={!small}
        />
      ))}
      {!small && <RemoteOrigins />}
    </div>
  );
}
