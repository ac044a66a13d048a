"""QR codes of check-in codes, drawn on the server (no outside service)."""

import io

import qrcode
import qrcode.image.svg


def _code(data: str, *, box_size: int = 10) -> qrcode.QRCode:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=box_size
    )
    code.add_data(data)
    code.make(fit=True)
    return code


def as_svg(data: str) -> bytes:
    image = _code(data).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode").encode("utf-8")


def as_png(data: str) -> bytes:
    buffer = io.BytesIO()
    _code(data, box_size=8).make_image().save(buffer, format="PNG")
    return buffer.getvalue()
