import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CompositionEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type { Field } from '#shared/catalog/form-schema';
import type { FieldValue } from '#shared/protocol/operation';
import type { ValidationIssue } from '#shared/validators/result';
import { commitValue, siblingValues } from './commit-value';
import { useFormBindings, type FieldScope } from './form-bindings';

/** Pause in typing after which the text is saved (if valid) without waiting for the field to be left. */
export const AUTOSAVE_DEBOUNCE_MS = 300;

export type DisplayFormat = (value: FieldValue) => string;
export const plainText: DisplayFormat = (value) => (value === null ? '' : String(value));

type TextElement = HTMLInputElement | HTMLTextAreaElement;

interface EditState {
  focused: boolean;
  composing: boolean;
  /** The element shows text the person typed that is not a valid value: never replace it for them. */
  keepRaw: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Binds an uncontrolled text input to a draft field, safely for input methods:
 * - the element keeps exactly what the person types: nothing rewrites it while it has focus, so neither a
 *   Chinese IME's composition nor Unikey's backspace-and-retype is disturbed;
 * - a pause in typing (or the end of a composition) saves the value quietly if it is valid;
 * - leaving the field or pressing Enter commits it: a valid value is normalized and saved, an invalid one
 *   is reported and left on screen to fix, and the field keeps its last valid value;
 * - values arriving from elsewhere (the other PC, a kept conflict) show once the field is not being edited.
 */
export function useCommittedText(
  field: Field,
  path: string,
  scope: FieldScope,
  format: DisplayFormat = plainText,
) {
  const form = useFormBindings();
  const stored = form.values[path] ?? null;
  const ref = useRef<TextElement | null>(null);
  const edit = useRef<EditState>({ focused: false, composing: false, keepRaw: false, timer: null });
  const [issue, setIssue] = useState<ValidationIssue | null>(null);

  // Handlers read the latest bindings and props through this ref, so they keep one identity.
  const latest = useRef({ form, field, path, scope, format });
  useLayoutEffect(() => {
    latest.current = { form, field, path, scope, format };
  });

  const commit = useCallback((explicit: boolean) => {
    const state = edit.current;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    const el = ref.current;
    const { form: f, field: fd, path: p, scope: sc, format: fmt } = latest.current;
    f.tracker.setTyping(p, false);
    if (!el) return;
    const outcome = commitValue(fd, el.value, siblingValues(sc.fields, sc.prefix, f.values));
    if (outcome.kind === 'invalid') {
      state.keepRaw = true;
      // Quiet commits only refresh a message already shown; a new message waits for an explicit commit.
      setIssue((shown) => (explicit || shown ? outcome.issue : shown));
      return;
    }
    state.keepRaw = false;
    setIssue(null);
    f.save(p, outcome.value);
    if (!state.focused) el.value = fmt(outcome.value);
  }, []);

  const schedule = useCallback(() => {
    const state = edit.current;
    if (state.timer) clearTimeout(state.timer);
    latest.current.form.tracker.setTyping(latest.current.path, true);
    state.timer = setTimeout(() => commit(false), AUTOSAVE_DEBOUNCE_MS);
  }, [commit]);

  // Show a value that changed elsewhere, unless the person is editing here or fixing an invalid entry.
  useLayoutEffect(() => {
    const el = ref.current;
    const state = edit.current;
    if (!el || state.focused || state.keepRaw) return;
    const text = format(stored);
    if (el.value !== text) el.value = text;
  }, [stored, format]);

  // Write pending text when the page is hidden or closed, and when the field goes away.
  useEffect(() => {
    const flush = () => {
      if (edit.current.timer) commit(false);
    };
    const unregister = latest.current.form.registerFlush(flush);
    return () => {
      unregister();
      flush();
    };
  }, [commit]);

  const inputProps = {
    ref: (el: TextElement | null) => {
      ref.current = el;
    },
    defaultValue: format(stored),
    onFocus: () => {
      edit.current.focused = true;
    },
    onBlur: () => {
      edit.current.focused = false;
      commit(true);
    },
    onInput: (e: FormEvent<TextElement>) => {
      // Mid-composition text is the IME's, not the person's yet: wait for compositionend.
      if ((e.nativeEvent as InputEvent).isComposing || edit.current.composing) return;
      schedule();
    },
    onCompositionStart: () => {
      edit.current.composing = true;
    },
    onCompositionEnd: (_e: CompositionEvent<TextElement>) => {
      edit.current.composing = false;
      schedule();
    },
    onKeyDown: (e: KeyboardEvent<TextElement>) => {
      // keyCode 229: the key went to an IME (Enter picks a candidate there, it does not commit the field).
      if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return;
      if (e.currentTarget instanceof HTMLTextAreaElement) return;
      commit(true);
    },
  };

  return { inputProps, issue };
}
