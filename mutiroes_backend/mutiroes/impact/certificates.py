"""The certificate of volunteer hours as a PDF, in pt-BR (reportlab)."""

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from mutiroes.core.metrics import CERTIFICATE_FAILURES
from mutiroes.events.models import Participation
from mutiroes.impact.models import Certificate


def format_hours(hours: Decimal) -> str:
    """12.50 -> '12,50' (Brazilian decimal comma)."""
    return f"{hours:.2f}".replace(".", ",")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def verification_url(code: str) -> str:
    return f"{settings.FRONTEND_URL}/certificados/{code}"


def certificate_render(*, certificate: Certificate, lines: Sequence[tuple[Participation, Decimal]]) -> bytes:
    try:
        with override("pt-br"):
            return _render(certificate, lines)
    except Exception:
        CERTIFICATE_FAILURES.inc()  # alert: MutiroesCertificateFailures
        raise


def _render(certificate: Certificate, lines: Sequence[tuple[Participation, Decimal]]) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=_("Certificate of volunteer hours"),
        author="Mutirões",
    )
    styles = getSampleStyleSheet()
    title = ParagraphStyle("title", parent=styles["Title"], textColor=colors.HexColor("#166534"))
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=12, leading=17)
    small = ParagraphStyle("small", parent=styles["BodyText"], fontSize=9, leading=12, textColor=colors.grey)

    hours = format_hours(certificate.hours)
    statement = _(
        "We certify that <b>%(name)s</b> volunteered in %(count)d mutirão(ões) of community environmental "
        "action on the Mutirões platform, from %(first)s to %(last)s, for a total of <b>%(hours)s hours</b>."
    ) % {
        "name": _escape(certificate.holder_name),
        "count": certificate.events_count,
        "first": certificate.first_event_on.strftime("%d/%m/%Y"),
        "last": certificate.last_event_on.strftime("%d/%m/%Y"),
        "hours": hours,
    }
    rows: list[list[object]] = [[_("Mutirão"), _("Date"), _("Hours"), _("Organizer")]]
    for participation, counted in lines:
        event = participation.event
        rows.append(
            [
                Paragraph(_escape(event.title), small),
                timezone.localtime(event.start).strftime("%d/%m/%Y"),
                format_hours(counted),
                Paragraph(_escape(event.organizer.name), small),
            ]
        )
    rows.append([_("Total"), "", hours, ""])
    table = Table(rows, colWidths=[7.5 * cm, 2.5 * cm, 2 * cm, 5 * cm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCFCE7")),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
            ]
        )
    )
    issued = timezone.localtime(certificate.issued_at).strftime("%d/%m/%Y")
    story = [
        Paragraph(_("Certificate of volunteer hours"), title),
        Spacer(1, 0.6 * cm),
        Paragraph(statement, body),
        Spacer(1, 0.6 * cm),
        table,
        Spacer(1, 1 * cm),
        KeepTogether(
            [
                Paragraph(_("Issued on %(date)s.") % {"date": issued}, body),
                Paragraph(_("Verification code: <b>%(code)s</b>") % {"code": certificate.code}, body),
                Paragraph(
                    _("Check this certificate at %(url)s") % {"url": _escape(verification_url(certificate.code))},
                    small,
                ),
            ]
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
