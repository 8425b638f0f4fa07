"""Cover pictures for the demo, drawn with Pillow: nothing is downloaded.

A cover is a diagonal gradient with translucent discs and rings, and the
story's kicker in the lower left corner. Colours come from a hash, not from
chance, so a cover is the same on every machine. The shapes follow the seed
(the dispatch); the caller may fix the hue, say one per section so that a
section's covers look alike. ``describe_cover`` says what a drawn picture
shows, in the story's language, for its alternative text: an illustration,
not the photograph a real story would have, and in the colour it came out.
"""

import colorsys
import functools
import hashlib
import io
import unicodedata

from PIL import Image, ImageChops, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 900
MARGIN = 80
LABEL_SIZE = 104
# The darker band at the bottom, behind the label.
BAND_HEIGHT = 250
WORDMARK = "manchette"
# Bold faces with accented capitals, found by Pillow in the system's font folders.
FONT_FILES = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")


def _numbers(text):
    """Bytes 0–255 that depend only on the text."""
    return hashlib.sha256(text.encode()).digest()


def _colour(hue, lightness, saturation):
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue % 1, lightness, saturation))


def _diagonal_gradient(dark, light):
    # Pillow's linear gradient is a 256 px ramp; stretched and summed with its
    # quarter turn it runs corner to corner, without drawing pixel by pixel.
    ramp = Image.linear_gradient("L")
    vertical = ramp.resize((WIDTH, HEIGHT))
    horizontal = ramp.transpose(Image.Transpose.ROTATE_90).resize((WIDTH, HEIGHT))
    mask = ImageChops.add(vertical, horizontal, scale=2)
    return Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), dark), Image.new("RGB", (WIDTH, HEIGHT), light), mask
    )


def _shapes(hue, numbers):
    layer = Image.new("RGBA", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(layer)
    for index in range(7):
        x = numbers[index] * WIDTH // 255
        y = numbers[index + 7] * HEIGHT // 255
        radius = 90 + numbers[index + 14] * 2
        box = [x - radius, y - radius, x + radius, y + radius]
        shade = _colour(hue + (numbers[index + 21] - 128) / 900, 0.55 + index * 0.04, 0.65)
        if index % 3 == 2:
            draw.ellipse(box, outline=(*shade, 150), width=14)
        else:
            draw.ellipse(box, fill=(*shade, 70 + numbers[index] % 60))
    return layer


@functools.cache
def _font_file():
    for name in FONT_FILES:
        try:
            ImageFont.truetype(name, LABEL_SIZE)
        except OSError:
            continue
        return name
    return None


def _font(size):
    name = _font_file()
    return ImageFont.truetype(name, size) if name else ImageFont.load_default(size=size)


def printable(text):
    """The text as the font can draw it: Pillow's own font has no accents, so "é" becomes "e"."""
    if _font_file():
        return text
    return "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )


def _label_font(label, width):
    """The largest size, up to LABEL_SIZE, at which the label fits."""
    size = LABEL_SIZE
    font = _font(size)
    while font.getlength(label) > width and size > 32:
        size -= 8
        font = _font(size)
    return font


def _caption_band(hue, label):
    layer = Image.new("RGBA", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(layer)
    # A darker band behind the text keeps it legible whatever the shapes are.
    band_top = HEIGHT - BAND_HEIGHT
    fade = (
        Image.linear_gradient("L")
        .resize((WIDTH, HEIGHT - band_top))
        .point(lambda v: v * 200 // 255)
    )
    layer.paste((10, 10, 16, 255), (0, band_top), fade)
    draw.rectangle(
        [MARGIN, HEIGHT - 200, MARGIN + 140, HEIGHT - 188], fill=_colour(hue + 0.5, 0.6, 0.8)
    )
    label = printable(label)
    draw.text(
        (MARGIN, HEIGHT - MARGIN),
        label,
        font=_label_font(label, WIDTH - 2 * MARGIN),
        fill="white",
        anchor="ls",
    )
    draw.text((MARGIN, MARGIN), WORDMARK, font=_font(40), fill=(255, 255, 255, 190))
    return layer


def draw_cover(label, seed, hue=None):
    """A 1600×900 JPEG of abstract shapes with ``label`` written on it; ``hue`` is 0 to 1."""
    numbers = _numbers(seed)
    hue = (numbers[0] / 255 if hue is None else hue) + (numbers[31] - 128) / 2000
    background = _diagonal_gradient(_colour(hue, 0.18, 0.6), _colour(hue + 0.08, 0.45, 0.55))
    image = background.convert("RGBA")
    image.alpha_composite(_shapes(hue, numbers))
    image.alpha_composite(_caption_band(hue, label))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=84, optimize=True)
    return buffer.getvalue()


# Where each colour name starts on the colour wheel (hue 0 to 1), and the name
# as each language writes it with a plural noun.
COLOUR_NAMES = [
    (0.0, {"fr": "rouges", "nl": "rode", "de": "rote", "en": "red"}),
    (0.03, {"fr": "orange", "nl": "oranje", "de": "orange", "en": "orange"}),
    (0.12, {"fr": "jaunes", "nl": "gele", "de": "gelbe", "en": "yellow"}),
    (0.18, {"fr": "verts", "nl": "groene", "de": "grüne", "en": "green"}),
    (0.45, {"fr": "turquoise", "nl": "turquoise", "de": "türkisfarbene", "en": "turquoise"}),
    (0.55, {"fr": "bleus", "nl": "blauwe", "de": "blaue", "en": "blue"}),
    (0.72, {"fr": "violets", "nl": "paarse", "de": "violette", "en": "purple"}),
    (0.85, {"fr": "roses", "nl": "roze", "de": "rosa", "en": "pink"}),
    (0.96, {"fr": "rouges", "nl": "rode", "de": "rote", "en": "red"}),
]
DESCRIPTIONS = {
    "fr": "Illustration : cercles {colour} translucides sur un fond en dégradé, "
    "avec l'inscription « {label} ».",
    "nl": "Illustratie: doorschijnende {colour} cirkels op een achtergrond met kleurverloop, "
    "met het opschrift ‘{label}’.",
    "de": "Illustration: durchscheinende {colour} Kreise auf einem Farbverlauf, "
    "mit der Aufschrift „{label}“.",
    "en": "Illustration: translucent {colour} circles on a graded background, "
    "with the words “{label}”.",
}


def dominant_hue(picture):
    """The hue (0 to 1) of the picture's average colour above the label's band."""
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    above_band = image.crop((0, 0, image.width, image.height * (HEIGHT - BAND_HEIGHT) // HEIGHT))
    red, green, blue = above_band.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    return colorsys.rgb_to_hls(red / 255, green / 255, blue / 255)[0]


def colour_name(hue, language):
    """The name of the colour of ``hue`` (0 to 1), as ``language`` writes it with "circles"."""
    return next(names for start, names in reversed(COLOUR_NAMES) if hue >= start)[language]


def describe_cover(picture, label, language="fr"):
    """What a picture of ``draw_cover`` labelled ``label`` shows, in a sentence of ``language``.

    The colour is read from the picture itself, so the words follow what was drawn.
    """
    colour = colour_name(dominant_hue(picture), language)
    return DESCRIPTIONS[language].format(colour=colour, label=label)
