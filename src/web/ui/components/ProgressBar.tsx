import { useId } from 'react';

export interface ProgressBarProps {
  label: string;
  /** 0–1; null shows a moving bar (busy, amount unknown). */
  value: number | null;
  /** Shown next to the bar, e.g. "45%" or "verwerken…". */
  text: string;
  'data-testid'?: string;
}

/** A labelled `<progress>` bar with its value in words next to it. */
export function ProgressBar({ label, value, text, ...rest }: ProgressBarProps) {
  const labelId = useId();
  return (
    <div className="koers-progress" data-testid={rest['data-testid']}>
      <p className="utrecht-paragraph koers-progress__label" id={labelId}>
        {label}
      </p>
      <div className="koers-progress__row">
        {value === null ? (
          <progress className="koers-progress__bar" aria-labelledby={labelId} aria-valuetext={text} />
        ) : (
          <progress className="koers-progress__bar" aria-labelledby={labelId} max={1} value={value} aria-valuetext={text} />
        )}
        <span className="koers-progress__text">{text}</span>
      </div>
    </div>
  );
}
