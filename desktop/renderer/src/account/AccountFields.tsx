/** The server address and email fields both account forms ask for, with the browser's own autofill hints. */
export const FIELD_MAX = { serverUrl: 2000, email: 320 } as const;

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  type?: 'text' | 'url' | 'email' | 'password';
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type={props.type ?? 'text'}
        value={props.value}
        required
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      />
    </label>
  );
}
