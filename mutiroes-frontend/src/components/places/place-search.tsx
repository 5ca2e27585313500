"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

export type PlaceOption = { code: string; name: string; uf: string; lat: number; lng: number };

type Props = {
  id: string;
  label: string;
  /** The text field's name (so a form sent without JavaScript still carries what was typed). */
  name?: string;
  defaultValue?: string;
  placeholder?: string;
  hint?: string;
  /** A municipality chosen from the list, or null once the text no longer names one. */
  onChoose: (place: PlaceOption | null) => void;
};

export function placeOptionLabel(p: PlaceOption): string {
  return `${p.name} (${p.uf})`;
}

/** A combobox over every Brazilian municipality (asks /lugares as you type; arrows, Enter, Esc). */
export function PlaceSearch({ id, label, name, defaultValue = "", placeholder = "Digite uma cidade", hint, onChoose }: Props) {
  const listId = `${useId()}-lugares`;
  const [text, setText] = useState(defaultValue);
  const [options, setOptions] = useState<PlaceOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [failed, setFailed] = useState(false);
  const chosenLabel = useRef(defaultValue);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || q === chosenLabel.current) {
      setOptions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/lugares?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((r) => (r.ok ? (r.json() as Promise<PlaceOption[]>) : Promise.reject(new Error(String(r.status)))))
        .then((found) => {
          setFailed(false);
          setOptions(found);
          setActive(found.length ? 0 : -1);
          setOpen(true);
        })
        .catch((e: unknown) => {
          if (!(e instanceof DOMException && e.name === "AbortError")) setFailed(true);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const choose = (p: PlaceOption) => {
    const chosen = placeOptionLabel(p);
    chosenLabel.current = chosen;
    setText(chosen);
    setOpen(false);
    setOptions([]);
    onChoose(p);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === "ArrowUp" && options.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === "Enter" && open && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  const expanded = open && options.length > 0;
  const hintId = hint || failed ? `${id}-hint` : undefined;
  return (
    <div className="relative">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        className="input"
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (chosenLabel.current && e.target.value !== chosenLabel.current) {
            chosenLabel.current = "";
            onChoose(null);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => options.length && setOpen(true)}
      />
      {hintId ? (
        <p id={hintId} className={`mt-1 text-xs ${failed ? "text-red-700" : "text-stone-600"}`}>
          {failed ? "A busca de cidades não respondeu; tente de novo." : hint}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label={label} hidden={!expanded} className="absolute z-[1100] mt-1 max-h-72 w-full overflow-auto rounded-lg border border-stone-300 bg-white py-1 shadow-lg">
        {options.map((p, i) => (
          <li
            key={p.code}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand-50 text-brand-900" : "text-stone-800"}`}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(p);
            }}
          >
            {placeOptionLabel(p)}
          </li>
        ))}
      </ul>
    </div>
  );
}
