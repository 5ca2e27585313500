"use client";

import { useEffect, useRef, useState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";
import { cameraErrorMessage, cameraUnavailableMessage, codeFromScan, createRepeatFilter } from "@/lib/checkin/scan";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  onClose: () => void;
};

type Reading = { key: number; ok: boolean; message: string };

/** Reads one frame of the video; the QR payload or null. */
type Decode = (video: HTMLVideoElement) => Promise<string | null>;

/** The Shape Detection API (not in TypeScript's DOM library yet). */
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
  getSupportedFormats(): Promise<string[]>;
};

const SCAN_INTERVAL_MS = 200;
/** Frames are decoded at most this wide or tall: enough for a phone held up to the camera. */
const MAX_FRAME_SIDE = 640;
const KEEP_READINGS = 5;

/** The browser's own BarcodeDetector when it reads QR codes, otherwise jsQR (loaded only then) on a canvas. */
async function createDecoder(): Promise<Decode> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector) {
    try {
      if ((await Detector.getSupportedFormats()).includes("qr_code")) {
        const detector = new Detector({ formats: ["qr_code"] });
        return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
      }
    } catch {
      // Fall back to jsQR.
    }
  }
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("no 2d canvas");
  return async (video) => {
    const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(video.videoWidth, video.videoHeight, 1));
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (!width || !height) return null;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.drawImage(video, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    return jsQR(image.data, width, height, { inversionAttempts: "dontInvert" })?.data ?? null;
  };
}

function stopTracks(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/**
 * The organizer's camera scanner: each participant code it reads is sent through the
 * check-in-by-code Server Action, and it goes on scanning for the next person. The same code
 * is not sent again while it stays in sight. The camera stops when the scanner closes.
 */
export function QrScanner({ action, onClose }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The bound action is a new function after each refresh of the page: keep the latest without restarting the camera.
  const send = useRef(action);
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<"starting" | "scanning" | "failed">("starting");
  const [problem, setProblem] = useState<string | null>(null);
  const [latest, setLatest] = useState<Reading | null>(null);
  const [readings, setReadings] = useState<Reading[]>([]);

  useEffect(() => {
    send.current = action;
  }, [action]);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let key = 0;
    const fresh = createRepeatFilter();
    const element = video.current;

    const show = (reading: Omit<Reading, "key">) => {
      if (stopped) return;
      const next = { ...reading, key: ++key };
      setLatest(next);
      setReadings((all) => [next, ...all].slice(0, KEEP_READINGS));
    };

    const fail = (message: string) => {
      if (stopped) return;
      setProblem(message);
      setPhase("failed");
    };

    async function submit(code: string): Promise<void> {
      setLatest({ key: ++key, ok: true, message: `Registrando o código ${code}…` });
      const form = new FormData();
      form.set("code", code);
      let state: FormState;
      try {
        state = await send.current(initialFormState, form);
      } catch {
        state = { ok: false, message: `Não foi possível registrar o código ${code}. Verifique a conexão.` };
      }
      show({ ok: Boolean(state.ok), message: state.message ?? (state.ok ? "Check-in registrado." : "Não foi possível registrar o check-in.") });
    }

    async function start(): Promise<void> {
      const unavailable = cameraUnavailableMessage({
        isSecureContext: window.isSecureContext,
        hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === "function",
      });
      if (unavailable) return fail(unavailable);
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      } catch (error) {
        return fail(cameraErrorMessage(error));
      }
      if (stopped || !element) return stopTracks(stream);
      let decode: Decode;
      try {
        element.srcObject = stream;
        await element.play().catch(() => undefined);
        decode = await createDecoder();
      } catch {
        stopTracks(stream);
        return fail("Não foi possível carregar o leitor de QR code. Recarregue a página ou digite o código.");
      }
      if (stopped) return;
      setPhase("scanning");
      const tick = async () => {
        if (stopped) return;
        if (element.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          const payload = await decode(element).catch(() => null);
          if (payload && fresh(payload, Date.now())) {
            const code = codeFromScan(payload);
            if (code) void submit(code);
            else show({ ok: false, message: "Este QR code não é um código de participante." });
          }
        }
        if (!stopped) timer = window.setTimeout(tick, SCAN_INTERVAL_MS);
      };
      void tick();
    }

    setPhase("starting");
    setProblem(null);
    void start();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stopTracks(stream);
      if (element) element.srcObject = null;
    };
  }, [attempt]);

  const previous = readings.filter((r) => r.key !== latest?.key);
  return (
    <section
      aria-labelledby="leitor-qr-titulo"
      className="card max-w-md space-y-3 p-4"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h3 id="leitor-qr-titulo" ref={heading} tabIndex={-1} className="font-semibold outline-none">
        Leitor de QR code
      </h3>
      {problem ? (
        <div role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p>{problem}</p>
          <button type="button" className="btn-secondary btn-sm" onClick={() => {
              heading.current?.focus();
              setAttempt((n) => n + 1);
            }}>
            Tentar de novo
          </button>
        </div>
      ) : (
        <p className="text-sm text-stone-700">{phase === "scanning" ? "Aponte a câmera para o QR code do participante. O leitor continua ligado para a próxima pessoa." : "Abrindo a câmera…"}</p>
      )}
      <video ref={video} muted playsInline aria-label="Imagem da câmera" className={phase === "failed" ? "hidden" : "aspect-[4/3] w-full rounded-lg bg-stone-900 object-cover"} />
      <p role="status" aria-live="polite" aria-atomic="true" data-testid="scan-result" className={`min-h-5 text-sm font-medium ${latest && !latest.ok ? "text-red-700" : "text-brand-800"}`}>
        {latest?.message ?? ""}
      </p>
      {previous.length ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-600">Leituras anteriores</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {previous.map((r) => (
              <li key={r.key} className={r.ok ? "text-stone-700" : "text-red-700"}>
                {r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-xs text-stone-600">Aponte a câmera para o QR do voluntário. “Fechar leitor” desliga a câmera.</p>
    </section>
  );
}
