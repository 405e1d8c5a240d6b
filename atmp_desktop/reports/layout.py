"""Page layout shared by every checklist: A4, the header and footer on every page, and the
building blocks (tick boxes, write-in fields, signature rows, the findings boxes).

Every page carries the patient's name and identifier, the product, the pathway,
"page x of y", when it was printed, the application version and Code 128
barcodes of the patient identifier and the chain-of-identity number. The page
chrome is drawn after the whole document is laid out, when the page count is
known.

Sizes are chosen for reading at arm's length: body text 10.5 pt, the patient's
name 14 pt, write-in boxes at least 10 mm high.
"""

from __future__ import annotations

import io
from typing import Callable, Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from atmp_desktop import APP_NAME
from atmp_desktop.domain import timeutil
from atmp_desktop.domain.findings import Finding
from atmp_desktop.reports import fonts
from atmp_desktop.reports.model import ChecklistInput
from atmp_desktop.reports.strings import t

PAGE_W, PAGE_H = A4
MARGIN_X = 15 * mm
HEADER_TOP = 10 * mm
HEADER_H = 47 * mm
FOOTER_H = 20 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - HEADER_TOP - HEADER_H - 3 * mm - FOOTER_H

INK = colors.black
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#8C8C8C")
SHADE = colors.HexColor("#E8E8E8")
LABEL_BG = colors.HexColor("#F2F2F2")
ERROR_RED = colors.HexColor("#B00020")
ERROR_BG = colors.HexColor("#FDECEE")
WARN_AMBER = colors.HexColor("#A15C00")
WARN_BG = colors.HexColor("#FFF4E0")

#: Code 128 bar (module) width: 0.33 mm prints and scans well; narrower only to fit.
BAR_WIDTH = 0.33 * mm
MIN_BAR_WIDTH = 0.25 * mm
BARCODE_W = 64 * mm

_styles: dict[str, ParagraphStyle] = {}


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles (built once, after the fonts are registered)."""
    if not _styles:
        fonts.register_fonts()
        base = dict(fontName=fonts.REGULAR, bulletFontName=fonts.REGULAR, textColor=INK)
        _styles.update(
            body=ParagraphStyle("body", fontSize=10.5, leading=13.5, **base),
            bold=ParagraphStyle("bold", fontSize=10.5, leading=13.5, **{**base, "fontName": fonts.BOLD}),
            cell=ParagraphStyle("cell", fontSize=10, leading=12.5, **base),
            cellbold=ParagraphStyle("cellbold", fontSize=10, leading=12.5, **{**base, "fontName": fonts.BOLD}),
            small=ParagraphStyle("small", fontSize=8.5, leading=10.5, spaceBefore=2, **{**base, "textColor": GREY}),
            heading=ParagraphStyle("heading", fontSize=12.5, leading=15, **{**base, "fontName": fonts.BOLD}),
            option=ParagraphStyle("option", fontSize=11.5, leading=14, **base),
            box=ParagraphStyle("box", fontSize=15, leading=18, alignment=TA_CENTER, **base),
            big=ParagraphStyle("big", fontSize=26, leading=30, alignment=TA_CENTER, **{**base, "fontName": fonts.BOLD}),
            plain=ParagraphStyle("plain", fontSize=12, leading=16, **base),
            plainbullet=ParagraphStyle(
                "plainbullet",
                fontSize=12,
                leading=16,
                leftIndent=14,
                bulletIndent=3,
                spaceAfter=2,
                bulletFontSize=12,
                **base,
            ),
            cellbullet=ParagraphStyle(
                "cellbullet", fontSize=10, leading=12.5, leftIndent=11, bulletIndent=1, bulletFontSize=10, **base
            ),
            plainbold=ParagraphStyle("plainbold", fontSize=12, leading=16, **{**base, "fontName": fonts.BOLD}),
        )
    return _styles


def P(text: str, style: str = "body", markup: bool = False) -> Paragraph:
    """A paragraph; *text* is escaped (a newline breaks the line) unless *markup* says it is markup."""
    return Paragraph(text if markup else escape(text).replace("\n", "<br/>"), styles()[style])


def B(text: str) -> str:
    """Escaped *text* in bold, for use inside markup."""
    return f"<b>{escape(text)}</b>"


# -- building blocks -------------------------------------------------------------


def heading(text: str) -> Table:
    """A section heading on a shaded bar."""
    tbl = Table([[P(text, "heading")]], colWidths=[FRAME_W])
    tbl.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return tbl


def section(title: str, *content: Flowable) -> list[Flowable]:
    """A heading kept on the same page as the start of its content."""
    first, rest = (content[0], content[1:]) if content else (None, ())
    head = [Spacer(0, 4 * mm), heading(title), Spacer(0, 1.5 * mm)]
    if first is None:
        return [KeepTogether(head)]
    if isinstance(first, KeepTogether):
        # Content that must stay in one piece takes its heading along.
        return [KeepTogether(head + list(first._content)), *rest]  # noqa: SLF001
    # A heading never ends a page: start a new page if the heading and ~25 mm
    # of what follows do not fit.
    return [CondPageBreak(35 * mm), *head, first, *rest]


_GRID = [
    # Plain-string cells would otherwise be drawn in Helvetica, which is not embedded.
    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
    ("GRID", (0, 0), (-1, -1), 0.6, LINE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
]

SIGN_W = 24 * mm
BOX_W = 10 * mm


def checks(items: Sequence[str | Paragraph], lang: str, sign: bool = True) -> Table:
    """Items to tick: a box, the text and a box for the initials of who checked."""
    head = P(t("sign", lang), "small")
    rows = []
    for item in items:
        text = item if isinstance(item, Paragraph) else P(item)
        rows.append([P("☐", "box"), text, ""] if sign else [P("☐", "box"), text])
    widths = [BOX_W, FRAME_W - BOX_W - SIGN_W, SIGN_W] if sign else [BOX_W, FRAME_W - BOX_W]
    tbl = Table(rows, colWidths=widths)
    style = list(_GRID)
    if sign:
        # Label the initials column once, small, inside the first box's top corner.
        rows[0][2] = head
        style.append(("VALIGN", (2, 0), (2, 0), "TOP"))
    tbl.setStyle(TableStyle(style))
    return tbl


def questions(items: Sequence[str | tuple[str, str]], lang: str) -> Table:
    """Questions answered on paper: each ``text`` (yes/no) or ``(text, answers)``, with initials.

    *answers* is a string key: ``yes_no`` or ``yes_no_na``.
    """
    items = [(item, "yes_no") if isinstance(item, str) else item for item in items]
    opt_w = 62 * mm if any(answers == "yes_no_na" for _text, answers in items) else 44 * mm
    rows = []
    for text, answers in items:
        options = "&nbsp;&nbsp;&nbsp; ".join(
            "☐&nbsp;" + escape(o).replace(" ", "&nbsp;") for o in t(answers, lang).split("|")
        )
        rows.append([P(text), P(options, "option", markup=True), ""])
    rows[0][2] = P(t("sign", lang), "small")
    tbl = Table(rows, colWidths=[FRAME_W - opt_w - SIGN_W, opt_w, SIGN_W])
    tbl.setStyle(TableStyle(_GRID + [("VALIGN", (2, 0), (2, 0), "TOP")]))
    return tbl


Field = tuple[str, "str | Paragraph | None"]


def fields(rows: Sequence[Field], label_w: float = 62 * mm, cols: int = 1) -> Table:
    """Label and value rows; a value of None is an empty box at least 10 mm high to write in."""
    data, heights = [], []
    per_row = [rows[i : i + cols] for i in range(0, len(rows), cols)]
    value_w = FRAME_W / cols - label_w
    for group in per_row:
        line: list = []
        empty = True
        for label, value in group:
            line.append(P(label, "cell"))
            if value is None:
                line.append("")
            else:
                empty = False
                line.append(value if isinstance(value, Paragraph) else P(value, "cellbold"))
        while len(line) < 2 * cols:
            line.append("")
        data.append(line)
        heights.append(11 * mm if empty else None)
    tbl = Table(data, colWidths=[label_w, value_w] * cols, rowHeights=heights)
    style = list(_GRID)
    for c in range(cols):
        style.append(("BACKGROUND", (2 * c, 0), (2 * c, -1), LABEL_BG))
    tbl.setStyle(TableStyle(style))
    return tbl


def grid(
    header: Sequence[str] | None, rows: Sequence[Sequence], widths: Sequence[float], row_h: float | None = 11 * mm
) -> Table:
    """A table (with a header row repeated on each page, if given) and rows tall enough to write in."""
    data = [[P(h, "cellbold") for h in header]] if header else []
    for row in rows:
        data.append([c if isinstance(c, Flowable) else P(str(c), "cell") for c in row])
    heights = ([None] if header else []) + [row_h] * len(rows)
    tbl = Table(data, colWidths=list(widths), rowHeights=heights, repeatRows=1 if header else 0)
    style = list(_GRID)
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    tbl.setStyle(TableStyle(style))
    return tbl


def signatures(roles: Sequence[str], lang: str) -> Table:
    """One row per person: role, name, signature, date and time; 13 mm to sign in."""
    header = ["", t("name", lang), t("signature", lang), t("date_time", lang)]
    rows = [[P(r, "cell"), "", "", ""] for r in roles]
    return grid(header, rows, [50 * mm, 45 * mm, 45 * mm, FRAME_W - 140 * mm], row_h=13 * mm)


def key_box(label: str, value: str, sub: str | None = None, note: str | None = None, colour=ERROR_RED) -> Table:
    """One value that must not be missed (the infuse-by time), large, in a heavy frame."""
    rows = [[P(label, "box")], [P(value, "big")]]
    if sub:
        rows.append([P(sub, "box")])
    if note:
        rows.append([P(note, "small")])
    tbl = Table(rows, colWidths=[FRAME_W])
    tbl.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BOX", (0, 0), (-1, -1), 2.2, colour),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return tbl


def alert(text: str) -> Table:
    """A rule that stops the work (the chain-of-identity stop rule): bold, in a red frame."""
    tbl = Table([[P(B(text), "body", markup=True)]], colWidths=[FRAME_W])
    tbl.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BOX", (0, 0), (-1, -1), 1.8, ERROR_RED),
                ("BACKGROUND", (0, 0), (-1, -1), ERROR_BG),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return tbl


def bullets(items: Iterable[str], style: str = "plainbullet") -> list[Flowable]:
    return [Paragraph(escape(i), styles()[style], bulletText="•") for i in items]


def note(text: str) -> Paragraph:
    return P(text, "small")


def findings_boxes(data: ChecklistInput, lang: str) -> list[Flowable]:
    """Open errors in a heavy red box, then warnings in an amber one; none is left out."""
    out: list[Flowable] = []
    for title_key, items, colour, bg, width in (
        ("errors_title", data.errors, ERROR_RED, ERROR_BG, 2.5),
        ("warnings_title", data.warnings, WARN_AMBER, WARN_BG, 1.2),
    ):
        if not items:
            continue
        rows = [[P(B(t(title_key, lang)), "body", markup=True)]]
        rows += [[_finding_para(f, lang)] for f in items]
        tbl = Table(rows, colWidths=[FRAME_W])
        tbl.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                    ("BOX", (0, 0), (-1, -1), width, colour),
                    ("BACKGROUND", (0, 0), (-1, 0), bg),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colour),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        out += [tbl, Spacer(0, 3 * mm)]
    return out


def _finding_para(f: Finding, lang: str) -> Paragraph:
    return Paragraph(
        f"{B(f.code)}  {escape(f.message(lang))}",
        styles()["cellbullet"],
        bulletText="•",
    )


# -- page chrome ------------------------------------------------------------------


def _fit(text: str, font: str, size: float, width: float, min_size: float = 7.0) -> float:
    """The largest font size ≤ *size* (down to *min_size*) at which *text* fits *width*."""
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _draw_fitted(c: Canvas, x: float, y: float, text: str, font: str, size: float, width: float) -> None:
    size = _fit(text, font, size, width)
    if stringWidth(text, font, size) > width:
        # Still too long at the smallest size: cut it, visibly.
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text += "…"
    c.setFont(font, size)
    c.drawString(x, y, text)


def _pairs(c: Canvas, x: float, y: float, pairs: Sequence[tuple[str, str]], size: float, width: float) -> None:
    """``label value   label value`` on one line, values bold, shrunk (then cut) to fit *width*."""
    parts = []
    for label, value in pairs:
        parts.append([label + " ", fonts.REGULAR])
        parts.append([value, fonts.BOLD])
        parts.append(["   ", fonts.REGULAR])
    parts = parts[:-1]

    def total(sz: float) -> float:
        return sum(stringWidth(s, f, sz) for s, f in parts)

    while size > 7 and total(size) > width:
        size -= 0.5
    if total(size) > width:
        last = parts[-1]
        while last[0] and total(size) + stringWidth("…", last[1], size) > width:
            last[0] = last[0][:-1]
        last[0] += "…"
    c.setFillColor(INK)
    for s, f in parts:
        c.setFont(f, size)
        c.drawString(x, y, s)
        x += stringWidth(s, f, size)


def barcode_ok(value: str | None) -> bool:
    return bool(value) and all(32 <= ord(ch) < 127 for ch in value)  # type: ignore[union-attr]


def _barcode(c: Canvas, value: str, caption: str, x_right: float, y: float, lang: str) -> None:
    """A Code 128 barcode ending at *x_right*, bars from *y* up 9 mm, the caption under it."""
    if not barcode_ok(value):
        c.setFont(fonts.REGULAR, 7)
        c.drawRightString(x_right, y + 4 * mm, t("no_barcode", lang))
    else:
        bar_w = BAR_WIDTH
        code = Code128(value, barWidth=bar_w, barHeight=9 * mm, humanReadable=0, quiet=0)
        modules = code.width / bar_w + 20  # ten-module quiet zone each side
        if modules * bar_w > BARCODE_W:
            bar_w = max(MIN_BAR_WIDTH, BARCODE_W / modules)
            code = Code128(value, barWidth=bar_w, barHeight=9 * mm, humanReadable=0, quiet=0)
        width = code.width
        code.drawOn(c, x_right - 10 * bar_w - width, y)
    c.setFont(fonts.REGULAR, 7.5)
    c.drawRightString(x_right, y - 3 * mm, caption)


def draw_chrome(c: Canvas, data: ChecklistInput, title: str, lang: str, page: int, total: int) -> None:
    """The header and footer of one page."""
    tz = data.tz
    pat = data.patient
    profile = data.profile
    top = PAGE_H - HEADER_TOP
    left, right = MARGIN_X, PAGE_W - MARGIN_X
    c.saveState()
    # Title line, with a red badge when there are open errors (the box is on page 1).
    badge_w = 0.0
    if data.errors:
        badge = t("errors_badge", lang, n=len(data.errors))
        badge_w = stringWidth(badge, fonts.BOLD, 9) + 6 * mm
        c.setFillColor(ERROR_RED)
        c.roundRect(right - badge_w, top - 7.5 * mm, badge_w, 7 * mm, 1.5 * mm, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(fonts.BOLD, 9)
        c.drawCentredString(right - badge_w / 2, top - 5.2 * mm, badge)
        c.setFillColor(INK)
    _draw_fitted(c, left, top - 6 * mm, title, fonts.BOLD, 15, FRAME_W - badge_w - 4 * mm)

    # Identity box: who, what product, which pathway; barcodes on the right.
    box_top, box_bottom = top - 9.5 * mm, top - HEADER_H
    c.setStrokeColor(INK)
    c.setLineWidth(1)
    c.rect(left, box_bottom, FRAME_W, box_top - box_bottom, stroke=1, fill=0)
    text_w = FRAME_W - BARCODE_W - 8 * mm
    x = left + 3 * mm
    _draw_fitted(c, x, box_top - 6.5 * mm, pat.name, fonts.BOLD, 14, text_w)
    id_label = t(
        {"personnummer": "personnummer", "samordningsnummer": "samordningsnummer"}.get(pat.id_kind or "", "reserve_id"),
        lang,
    )
    pairs = [(id_label, pat.display_identifier)]
    if pat.birth_date:
        pairs.append((t("born", lang), pat.birth_date.isoformat()))
    _pairs(c, x, box_top - 12.5 * mm, pairs, 11.5, text_w)
    product = f"{profile.name} ({profile.generic}) · {t('region', lang, region=profile.region)}"
    _pairs(c, x, box_top - 18.5 * mm, [(t("product", lang), product)], 10, text_w)
    ind = profile.indication(data.pathway.indication)
    c.setFillColor(INK)
    _draw_fitted(c, x, box_top - 23.3 * mm, ind.name(lang), fonts.REGULAR, 9.5, text_w)
    _pairs(c, x, box_top - 29 * mm, [(t("pathway", lang), data.pathway_id), ("·", data.site_name)], 10, text_w)
    _pairs(c, x, box_top - 34.5 * mm, [(t("coi_short", lang), data.coi_id or t("coi_none", lang))], 10, text_w)

    bx = right - 2 * mm
    _barcode(c, pat.identifier, f"{t('patient_barcode', lang)}: {pat.identifier}", bx, box_top - 13 * mm, lang)
    if data.coi_id:
        _barcode(c, data.coi_id, f"{t('coi_short', lang)}: {data.coi_id}", bx, box_top - 30 * mm, lang)

    # Footer: page x of y, when printed, which version; the planning-support line.
    c.setStrokeColor(LINE)
    c.setLineWidth(0.6)
    c.line(left, FOOTER_H - 4 * mm, right, FOOTER_H - 4 * mm)
    printed = timeutil.format_human(data.printed_at, tz)
    c.setFillColor(INK)
    c.setFont(fonts.REGULAR, 8.5)
    c.drawString(
        left,
        FOOTER_H - 8.5 * mm,
        f"{t('printed', lang, when=printed, tz=data.pathway.timezone)} · {APP_NAME} {data.app_version}",
    )
    c.setFont(fonts.BOLD, 10.5)
    c.drawRightString(right, FOOTER_H - 8.5 * mm, t("page", lang, n=page, total=total))
    c.setFillColor(GREY)
    _draw_fitted(c, left, FOOTER_H - 12.5 * mm, t("disclaimer", lang), fonts.REGULAR, 7.5, FRAME_W)
    c.restoreState()


def _canvas_maker(chrome: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds the pages back until the end, so that each can say "of y"."""

    class _Canvas(Canvas):
        def __init__(self, *args, **kwargs):
            # Start in DejaVu so that no unembedded base font is ever referenced.
            # (the document template passes None explicitly, so setdefault is not enough).
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.REGULAR
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                chrome(self, self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return _Canvas


def build_pdf(data: ChecklistInput, title: str, lang: str, story: list[Flowable]) -> bytes:
    """Lay *story* out on A4 pages with the checklist's header and footer; the PDF's bytes."""
    fonts.register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=HEADER_TOP + HEADER_H + 3 * mm,
        bottomMargin=FOOTER_H,
        title=f"{title} – {data.patient.name}",
        author=APP_NAME,
        subject=f"{data.profile.name} – {data.pathway_id}",
        creator=f"{APP_NAME} {data.app_version}",
        lang="sv-SE" if lang == "sv" else "en-GB",
        invariant=1,
        initialFontName=fonts.REGULAR,
    )
    frame = Frame(
        MARGIN_X, FOOTER_H, FRAME_W, FRAME_H, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    chrome = lambda c, page, total: draw_chrome(c, data, title, lang, page, total)  # noqa: E731
    doc.build(story, canvasmaker=_canvas_maker(chrome))
    return buf.getvalue()
