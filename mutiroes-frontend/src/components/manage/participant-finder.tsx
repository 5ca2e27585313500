"use client";

import { useState } from "react";
import { foldText } from "@/lib/text";

type Person = { id: number; name: string; code: string; checkedIn: boolean };

/** Check-in by name: type part of a name (or code) and jump to that person's row. */
export function ParticipantFinder({ people }: { people: Person[] }) {
  const [query, setQuery] = useState("");
  const q = foldText(query.trim());
  const found = q ? people.filter((p) => foldText(p.name).includes(q) || p.code.toLowerCase().includes(q)).slice(0, 8) : [];
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor="busca-participante" className="text-xs font-medium text-stone-700">
        Buscar pelo nome
      </label>
      <input id="busca-participante" type="search" className="input" autoComplete="off" placeholder="Nome ou código" value={query} onChange={(e) => setQuery(e.target.value)} />
      {q ? (
        <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm" aria-label="Participantes encontrados">
          {found.length ? (
            found.map((p) => (
              <li key={p.id}>
                <a href={`#participante-${p.id}`} className="flex justify-between gap-2 px-3 py-2">
                  <span>{p.name}</span>
                  <span className="text-stone-600">{p.checkedIn ? "já chegou" : p.code}</span>
                </a>
              </li>
            ))
          ) : (
            <li className="px-3 py-2 text-stone-600">Ninguém com esse nome entre os inscritos.</li>
          )}
        </ul>
      ) : null}
    </div>
  );
}
