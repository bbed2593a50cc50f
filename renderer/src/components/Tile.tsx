import { SERVICE_ICONS, type ServiceIcon } from './serviceIcons';

/**
 * A large touch tile: its icon, what it opens, and a line saying what that is for. One tile per
 * screen is `primary` (larger, filled: the main thing to do here); `secondary` ones are outlined.
 */
export function Tile(props: {
  testId: string;
  title: string;
  hint: string;
  onClick: () => void;
  icon?: ServiceIcon;
  rank?: 'primary' | 'secondary';
}) {
  const Icon = props.icon === undefined ? null : SERVICE_ICONS[props.icon];
  const classes = ['tile'];
  if (Icon) classes.push('has-icon');
  if (props.rank) classes.push(`tile-${props.rank}`);
  return (
    <button type="button" className={classes.join(' ')} data-testid={props.testId} onClick={props.onClick}>
      {Icon && <Icon className="tile-icon" aria-hidden="true" />}
      <span className="tile-title">{props.title}</span>
      <span className="tile-hint">{props.hint}</span>
    </button>
  );
}
