/** Tile URL template for Leaflet; MAP_TILE_URL="" disables tiles (the map still shows markers). */
export function mapTileUrl(env: Record<string, string | undefined> = process.env): string {
  const value = env.MAP_TILE_URL;
  if (value === undefined) return "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  return value.trim();
}

/** Route to a point in the apps people use: Google Maps, Waze and OpenStreetMap. */
export function directionLinks(lat: number, lng: number): Array<{ name: string; label: string; href: string }> {
  const at = `${lat},${lng}`;
  return [
    { name: "google", label: "Rota no Google Maps", href: `https://www.google.com/maps/dir/?api=1&destination=${at}` },
    { name: "waze", label: "Abrir no Waze", href: `https://waze.com/ul?ll=${at}&navigate=yes` },
    { name: "osm", label: "Ver no OpenStreetMap", href: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}` },
  ];
}
