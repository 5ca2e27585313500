/** Tile URL template for Leaflet; MAP_TILE_URL="" disables tiles (the map still shows markers). */
export function mapTileUrl(env: Record<string, string | undefined> = process.env): string {
  const value = env.MAP_TILE_URL;
  if (value === undefined) return "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  return value.trim();
}
