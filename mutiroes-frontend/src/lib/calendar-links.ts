/** "Add to my calendar" links for Google Calendar and Outlook (the .ics file serves the rest). Pure. */
type CalendarEvent = { title: string; start: string; end: string; location: string; url: string };

function compactUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function calendarLinks(e: CalendarEvent): Array<{ name: string; label: string; href: string }> {
  const google = new URLSearchParams({ action: "TEMPLATE", text: e.title, dates: `${compactUtc(e.start)}/${compactUtc(e.end)}`, details: e.url, location: e.location });
  const outlook = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: e.title,
    startdt: new Date(e.start).toISOString(),
    enddt: new Date(e.end).toISOString(),
    location: e.location,
    body: e.url,
  });
  return [
    { name: "google", label: "Google Agenda", href: `https://calendar.google.com/calendar/render?${google}` },
    { name: "outlook", label: "Outlook", href: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}` },
  ];
}
