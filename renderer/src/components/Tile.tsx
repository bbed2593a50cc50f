/** A large touch tile: what it opens, and a line saying what that is for. */
export function Tile(props: { testId: string; title: string; hint: string; onClick: () => void }) {
  return (
    <button type="button" className="tile" data-testid={props.testId} onClick={props.onClick}>
      <span className="tile-title">{props.title}</span>
      <span className="tile-hint">{props.hint}</span>
    </button>
  );
}
