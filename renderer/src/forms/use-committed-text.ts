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
import { hlcDevice } from '#shared/clock/hlc';
import { registerOf, type FieldRegister } from '#shared/merge/draft-state';
import type { FieldValue } from '#shared/protocol/operation';
import type { ValidationIssue } from '#shared/validators/result';
import { commitValue, siblingValues } from './commit-value';
import { useFieldView } from './draft-view';
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
  /** The text when the person entered the field, or at their last save: leaving with it writes nothing. */
  baseline: string;
  /** Whether `baseline` is such kept invalid text. */
  baselineRaw: boolean;
  /** The field's register when the person entered it: what their edit overwrites knowingly, and no more. */
  seen: FieldRegister | null;
}

/** The field as it was when the person entered it (null while they are not in it). */
interface Entered {
  readonly seen: FieldRegister | null;
}

/**
 * Binds an uncontrolled text input to a draft field, safely for input methods:
 * - the element keeps exactly what the person types: nothing rewrites it while it has focus, so neither a
 *   Chinese IME's composition nor Unikey's backspace-and-retype is disturbed;
 * - a pause in typing (or the end of a composition) saves the value quietly if it is valid;
 * - leaving the field or pressing Enter commits it: a valid value is normalized and saved, an invalid one
 *   is reported and left on screen to fix, and the field keeps its last valid value;
 * - entering and leaving a field without changing its text writes nothing, so passing through a field never
 *   settles a conflict or stamps a value nobody typed;
 * - values arriving from elsewhere (the other PC, a kept conflict) show once the field is not being edited;
 *   while it is, the arriving value is shown beside it (`remote`), and the person's edit does not overwrite
 *   it knowingly: if the two differ, both are kept as a conflict.
 */
export function useCommittedText(
  field: Field,
  path: string,
  scope: FieldScope,
  format: DisplayFormat = plainText,
) {
  const form = useFormBindings();
  const { value, register: current } = useFieldView(path);
  const stored = value ?? null;
  const ref = useRef<TextElement | null>(null);
  const edit = useRef<EditState>({
    focused: false,
    composing: false,
    keepRaw: false,
    timer: null,
    baseline: '',
    baselineRaw: false,
    seen: null,
  });
  const [issue, setIssue] = useState<ValidationIssue | null>(null);
  const [entered, setEntered] = useState<Entered | null>(null);
  // The element's first text only: React would write a later defaultValue into an input whose text the
  // person has not changed yet, even while they are in it.
  const [initialText] = useState(() => format(stored));

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
    if (el.value === state.baseline) {
      state.keepRaw = state.baselineRaw;
      if (!state.keepRaw) {
        setIssue(null);
        // What arrived while the person was in the field shows now that they have left it.
        if (!state.focused) el.value = fmt(f.view.get().values[p] ?? null);
      }
      return;
    }
    const { values } = f.view.get();
    const outcome = commitValue(fd, el.value, siblingValues(sc.fields, sc.prefix, values));
    if (outcome.kind === 'invalid') {
      state.keepRaw = true;
      // Quiet commits only refresh a message already shown; a new message waits for an explicit commit.
      setIssue((shown) => (explicit || shown ? outcome.issue : shown));
      return;
    }
    state.keepRaw = false;
    setIssue(null);
    f.save(p, outcome.value, state.seen);
    state.baseline = el.value;
    state.baselineRaw = false;
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
    defaultValue: initialText,
    onFocus: () => {
      const state = edit.current;
      const { form: f, path: p } = latest.current;
      state.focused = true;
      state.baseline = ref.current?.value ?? '';
      state.baselineRaw = state.keepRaw;
      state.seen = registerOf(f.view.get().state, p) ?? null;
      setEntered({ seen: state.seen });
    },
    onBlur: () => {
      edit.current.focused = false;
      setEntered(null);
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

  // A value another device wrote since the person entered the field, shown beside it while they are in it.
  const remote =
    entered && current && current.hlc !== entered.seen?.hlc && hlcDevice(current.hlc) !== form.deviceId
      ? current.value
      : undefined;

  return { inputProps, issue, remote };
}
