"""The audit's reports: the statistics of a range of days as CSV, and as a PDF with a chart of decisions by risk."""

from __future__ import annotations

import csv
import io

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from agora.credit.v1 import credit_pb2 as pb

RISK_BANDS = ("LOW", "MEDIUM", "HIGH")


def figures(statistics: pb.Statistics) -> list[tuple[str, str, str]]:
    """Every figure of the statistics as (section, measure, value), in reading order."""
    requests, results, offers, conversion = (
        statistics.requests,
        statistics.results,
        statistics.offers,
        statistics.conversion,
    )
    rows = [
        ("requests", "count", str(requests.count)),
        ("requests", "amount average", f"{requests.amount.average:.2f}"),
        ("requests", "amount minimum", str(requests.amount.minimum)),
        ("requests", "amount maximum", str(requests.amount.maximum)),
        ("requests", "term average (months)", f"{requests.average_term_months:.1f}"),
        ("requests", "age average", f"{requests.average_age:.1f}"),
        ("requests", "annual income average", f"{requests.average_annual_income:.2f}"),
        *(("requests", f"purpose {t.key}", str(t.count)) for t in requests.by_purpose),
        *(("requests", f"employment {t.key}", str(t.count)) for t in requests.by_employment),
        ("results", "count", str(results.count)),
        ("results", "approved", str(results.approved)),
        ("results", "approval rate", f"{results.approval_rate:.4f}"),
        ("results", "score average", f"{results.score_tenths.average / 10:.1f}"),
        ("results", "score minimum", f"{results.score_tenths.minimum / 10:.1f}"),
        ("results", "score maximum", f"{results.score_tenths.maximum / 10:.1f}"),
        *(("results", f"risk {t.key}", str(t.count)) for t in results.by_risk),
        *(("results", f"rejected: {t.key}", str(t.count)) for t in results.by_rejection_reason),
        ("offers", "count", str(offers.count)),
        ("offers", "amount average", f"{offers.amount.average:.2f}"),
        ("offers", "rate average (%)", f"{offers.rate_hundredths.average / 100:.2f}"),
        ("offers", "rate minimum (%)", f"{offers.rate_hundredths.minimum / 100:.2f}"),
        ("offers", "rate maximum (%)", f"{offers.rate_hundredths.maximum / 100:.2f}"),
        ("offers", "monthly payment average", f"{offers.monthly_payment.average:.2f}"),
        *(("offers", f"product {t.key}", str(t.count)) for t in offers.by_product),
        ("conversion", "request to approval", f"{conversion.request_to_approval:.4f}"),
        ("conversion", "approval to offer", f"{conversion.approval_to_offer:.4f}"),
        ("conversion", "request to offer", f"{conversion.request_to_offer:.4f}"),
    ]
    return rows


def render_csv(statistics: pb.Statistics) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["from", "to", "currency", "section", "measure", "value"])
    for section, measure, value in figures(statistics):
        writer.writerow([statistics.from_day, statistics.to_day, statistics.currency, section, measure, value])
    return out.getvalue().encode()


def decisions_chart(statistics: pb.Statistics) -> Drawing:
    """Decisions by risk band: a bar each for LOW, MEDIUM and HIGH."""
    counts = {t.key: t.count for t in statistics.results.by_risk}
    drawing = Drawing(160 * mm, 60 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = (round(n * mm) for n in (15, 10, 130, 45))
    chart.data = [[counts.get(band, 0) for band in RISK_BANDS]]
    chart.categoryAxis.categoryNames = list(RISK_BANDS)
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#3b6ea5")
    drawing.add(chart)
    return drawing


def render_pdf(statistics: pb.Statistics, daily: bool) -> bytes:
    out = io.BytesIO()
    styles = getSampleStyleSheet()
    period = statistics.from_day if daily else f"{statistics.from_day} to {statistics.to_day}"
    table = Table([["Section", "Measure", "Value"], *figures(statistics)], colWidths=[30 * mm, 80 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("ALIGN", (2, 1), (2, -1), "RIGHT"),
            ]
        )
    )
    document = SimpleDocTemplate(out, pagesize=A4, title=f"Agora credit report {period}")
    document.build(
        [
            Paragraph(f"Credit report, {period} ({statistics.currency})", styles["Title"]),
            Paragraph("Decisions by risk band", styles["Heading2"]),
            decisions_chart(statistics),
            Spacer(1, 6 * mm),
            table,
        ]
    )
    return out.getvalue()
