/** The 27 federative units and their capitals (for "perto de" without geolocation). */
export const UFS = [
  "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
  "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
] as const;

export type Uf = (typeof UFS)[number];

export const isUf = (value: string): value is Uf => (UFS as readonly string[]).includes(value);

export type City = { name: string; uf: string; lat: number; lng: number };

export const CITIES: readonly City[] = [
  { name: "Aracaju", uf: "SE", lat: -10.9472, lng: -37.0731 },
  { name: "Belém", uf: "PA", lat: -1.4558, lng: -48.4902 },
  { name: "Belo Horizonte", uf: "MG", lat: -19.9167, lng: -43.9345 },
  { name: "Boa Vista", uf: "RR", lat: 2.8235, lng: -60.6758 },
  { name: "Brasília", uf: "DF", lat: -15.7939, lng: -47.8828 },
  { name: "Campo Grande", uf: "MS", lat: -20.4697, lng: -54.6201 },
  { name: "Cuiabá", uf: "MT", lat: -15.601, lng: -56.0974 },
  { name: "Curitiba", uf: "PR", lat: -25.4284, lng: -49.2733 },
  { name: "Florianópolis", uf: "SC", lat: -27.5954, lng: -48.548 },
  { name: "Fortaleza", uf: "CE", lat: -3.7319, lng: -38.5267 },
  { name: "Goiânia", uf: "GO", lat: -16.6869, lng: -49.2648 },
  { name: "João Pessoa", uf: "PB", lat: -7.1195, lng: -34.845 },
  { name: "Macapá", uf: "AP", lat: 0.0349, lng: -51.0694 },
  { name: "Maceió", uf: "AL", lat: -9.6498, lng: -35.7089 },
  { name: "Manaus", uf: "AM", lat: -3.119, lng: -60.0217 },
  { name: "Natal", uf: "RN", lat: -5.7945, lng: -35.211 },
  { name: "Palmas", uf: "TO", lat: -10.2491, lng: -48.3243 },
  { name: "Porto Alegre", uf: "RS", lat: -30.0346, lng: -51.2177 },
  { name: "Porto Velho", uf: "RO", lat: -8.7612, lng: -63.9004 },
  { name: "Recife", uf: "PE", lat: -8.0476, lng: -34.877 },
  { name: "Rio Branco", uf: "AC", lat: -9.9754, lng: -67.8249 },
  { name: "Rio de Janeiro", uf: "RJ", lat: -22.9068, lng: -43.1729 },
  { name: "Salvador", uf: "BA", lat: -12.9777, lng: -38.5016 },
  { name: "Santos", uf: "SP", lat: -23.9608, lng: -46.3336 },
  { name: "São Luís", uf: "MA", lat: -2.5307, lng: -44.3068 },
  { name: "São Paulo", uf: "SP", lat: -23.5505, lng: -46.6333 },
  { name: "Teresina", uf: "PI", lat: -5.0919, lng: -42.8034 },
  { name: "Vitória", uf: "ES", lat: -20.3155, lng: -40.3128 },
];

export function cityNear(value: string): City | undefined {
  return CITIES.find((c) => `${c.lat.toFixed(4)},${c.lng.toFixed(4)}` === value);
}
