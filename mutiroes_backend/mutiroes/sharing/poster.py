"""The printable A4 poster of a mutirão (reportlab): title, date, place and a QR code to its page."""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from mutiroes.events.models import Event

LANGUAGE = "pt-br"
QR_SIZE = 8 * cm


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def poster_render(*, event: Event, url: str) -> bytes:
    """One A4 page: the category, title, when, where, the QR code of `url` and `url` in print."""
    with override(LANGUAGE):
        start, end = timezone.localtime(event.start), timezone.localtime(event.end)
        when = f"{date_format(start, 'l, d/m/Y')} · {date_format(start, 'H:i')}–{date_format(end, 'H:i')}"
        if start.date() != end.date():
            when = f"{date_format(start, 'd/m/Y H:i')} – {date_format(end, 'd/m/Y H:i')}"
        buffer = BytesIO()
        width, height = A4
        pdf = Canvas(buffer, pagesize=A4, pageCompression=0)
        pdf.setTitle(_("Poster: %(title)s") % {"title": event.title})
        pdf.setAuthor("Mutirões")
        accent = colors.HexColor(event.category.color) if len(event.category.color) == 7 else colors.green
        pdf.setFillColor(accent)
        pdf.rect(0, height - 1.2 * cm, width, 1.2 * cm, stroke=0, fill=1)
        pdf.setFillColor(colors.HexColor("#17703d"))
        pdf.rect(0, 0, width, 2.2 * cm, stroke=0, fill=1)
        pdf.setFillColor(colors.white)
        pdf.setFont("Helvetica-Bold", 22)
        pdf.drawString(2 * cm, 0.8 * cm, "Mutirões")
        pdf.setFont("Helvetica", 12)
        pdf.drawRightString(width - 2 * cm, 0.85 * cm, _("Environmental action in your community"))

        kicker = ParagraphStyle("kicker", fontName="Helvetica-Bold", fontSize=16, leading=20, textColor=accent)
        title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=36, leading=42, spaceBefore=6)
        body = ParagraphStyle("body", fontName="Helvetica", fontSize=18, leading=24, spaceBefore=14)
        story = [
            Paragraph(_escape(event.category.name.upper()), kicker),
            Paragraph(_escape(event.title), title),
            Paragraph(f"<b>{_escape(_('When:'))}</b> {_escape(when)}", body),
            Paragraph(
                f"<b>{_escape(_('Where:'))}</b> {_escape(event.address)} — {_escape(event.city)}/{event.state}", body
            ),
        ]
        Frame(2 * cm, height - 14.5 * cm, width - 4 * cm, 12.5 * cm, showBoundary=0).addFromList(story, pdf)

        qr = QrCodeWidget(url, barLevel="M")
        x0, y0, x1, y1 = qr.getBounds()
        drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
        drawing.add(qr)
        renderPDF.draw(drawing, pdf, (width - QR_SIZE) / 2, 6 * cm)
        pdf.setFillColor(colors.black)
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawCentredString(width / 2, 5.0 * cm, _("Scan to sign up"))
        pdf.setFont("Helvetica", 11)
        pdf.drawCentredString(width / 2, 4.2 * cm, url)
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()
