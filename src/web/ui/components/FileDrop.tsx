import { useEffect, useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { cx } from './cx.js';

export interface FileDropProps {
  /** The id of the file input; the label points at it. */
  id: string;
  label: ReactNode;
  description?: ReactNode;
  multiple?: boolean;
  accept?: string;
  /** The chosen files (the parent keeps them; an empty list clears the input). */
  files: File[];
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  'data-testid'?: string;
}

const sizeFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** A file size in words: "12 kB", "3,4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} kB`;
  return `${sizeFormat.format(bytes / 1024 / 1024)} MB`;
}

/**
 * A drop zone around a real `<input type="file">`: keyboard and screen-reader users use the input
 * (with its label) as usual; mouse users may also drag files onto the zone.
 */
export function FileDrop({ id, label, description, multiple = false, accept, files, onFiles, disabled, ...rest }: FileDropProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const descriptionId = useId();
  const listId = useId();

  useEffect(() => {
    if (files.length === 0 && input.current) input.current.value = '';
  }, [files]);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const dropped = Array.from(event.dataTransfer.files);
    if (!dropped.length) return;
    const chosen = multiple ? dropped : dropped.slice(0, 1);
    try {
      // Show the dropped files in the input too, as if they were chosen there.
      const transfer = new DataTransfer();
      for (const file of chosen) transfer.items.add(file);
      if (input.current) input.current.files = transfer.files;
    } catch {
      // Older browsers: the list below still shows the choice.
    }
    onFiles(chosen);
  };

  return (
    <div
      className={cx('utrecht-form-field', 'koers-file-drop', over && 'koers-file-drop--over', disabled && 'koers-file-drop--disabled')}
      data-testid={rest['data-testid']}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      <div className="koers-file-drop__zone">
        <p className="utrecht-paragraph koers-file-drop__hint" aria-hidden="true">
          Sleep {multiple ? 'bestanden' : 'een bestand'} hierheen, of kies:
        </p>
        <input
          ref={input}
          id={id}
          type="file"
          className="koers-file-drop__input"
          multiple={multiple}
          accept={accept}
          disabled={disabled}
          aria-describedby={[description ? descriptionId : null, files.length ? listId : null].filter(Boolean).join(' ') || undefined}
          onChange={(event) => onFiles(Array.from(event.currentTarget.files ?? []))}
        />
      </div>
      {files.length > 0 ? (
        <div id={listId} className="koers-file-drop__chosen">
          <p className="utrecht-paragraph utrecht-paragraph--small">
            {files.length === 1 ? '1 bestand gekozen' : `${files.length} bestanden gekozen`} ({formatBytes(files.reduce((sum, file) => sum + file.size, 0))}):
          </p>
          <ul className="utrecht-unordered-list koers-file-drop__list">
            {files.slice(0, 20).map((file, index) => (
              <li key={`${file.name}-${index}`} className="utrecht-unordered-list__item">
                {file.name} <span className="koers-muted">({formatBytes(file.size)})</span>
              </li>
            ))}
            {files.length > 20 ? <li className="utrecht-unordered-list__item">en nog {files.length - 20} bestanden</li> : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
